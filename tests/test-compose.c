/* test-compose.c — page composition (builder/compose.c).
 *
 * Composes the hand-made editions on every shipped layout and checks the
 * page invariants: modules inside the 版心 on whole columns and lines, no
 * two modules overlapping, every column filled to the foot unless the
 * articles offered to the page ran out (a later page's articles never move
 * up), every article starting on its edition page under that page's
 * section, every character of every article placed exactly once, jump
 * lines pointing at the page where the article continues.
 *
 *   test-compose --dump EDITION_DIR LAYOUT   prints comp_edition_dump()
 */
#include "compose.h"
#include "errors.h"
#include "layoutspec.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

typedef struct {
  EdEdition   *ed;
  LaySpec     *spec;
  TsContext   *ts;
  CompEdition *ce;
} Fixture;

static glong
count_nonspace (const char *s)
{
  glong n = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

static void
fixture_load (Fixture *f, const char *edition, const char *layout)
{
  g_autofree char *dir = tu_path (edition);
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (GError) error = NULL;

  f->ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  f->spec = lay_spec_load_named (tu_srcdir (), layout, &error);
  g_assert_no_error (error);
  f->ts = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  f->ce = comp_edition_new (f->ed, f->spec, f->ts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->ce);
}

static void
fixture_clear (Fixture *f)
{
  comp_edition_free (f->ce);
  ts_context_free (f->ts);
  lay_spec_free (f->spec);
  ed_edition_free (f->ed);
}

/* Characters an article's body, byline and dateline should place. */
static glong
expected_body_chars (const EdArticle *art)
{
  glong n = 0;

  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      g_autofree char *text = ed_block_text (b);

      if (b->kind == ED_BLOCK_FIGURE && b->image)
        continue;  /* image captions are checked with the figures */
      n += count_nonspace (text);
    }
  n += art->byline ? count_nonspace (art->byline) : 0;
  n += art->dateline ? count_nonspace (art->dateline) : 0;
  /* + headline group on each part, + jump lines: counted separately */
  return n;
}


/* Non-space characters of a placed line (its slice of the paragraph text). */
static glong
line_nonspace (const CompLine *cl)
{
  const TsLine *l = cl->line;
  glong n = 0;

  for (guint i = 0; i < l->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (l->runs, i);
      g_autofree char *text = g_strndup (run->utf8, run->utf8_len);
      n += count_nonspace (text);
    }
  return n;
}

static glong
placed_body_chars (const CompEdition *ce, const EdArticle *art)
{
  glong n = 0;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          if (a->article != art)
            continue;
          /* skip the headline (first elem) and the jump lines */
          for (guint k = 1; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              if (e->link_dest || (e->kind == COMP_ELEM_FIGURE && e->image))
                continue;  /* jump line; an image's caption (not expected either) */
              for (guint l = 0; l < e->lines->len; l++)
                n += line_nonspace (&g_array_index (e->lines, CompLine, l));
            }
        }
    }
  return n;
}


/* Furniture lines sharing a baseline (版次, section, date on the 版眉) do
 * not overlap: the page must be wide enough or the line rearranged. */
static void
check_furniture_apart (const CompPage *p)
{
  for (guint i = 0; i < p->furniture->len; i++)
    for (guint j = i + 1; j < p->furniture->len; j++)
      {
        const CompElem *a = g_ptr_array_index (p->furniture, i);
        const CompElem *b = g_ptr_array_index (p->furniture, j);

        for (guint k = 0; k < a->lines->len; k++)
          for (guint l = 0; l < b->lines->len; l++)
            {
              const CompLine *la = &g_array_index (a->lines, CompLine, k);
              const CompLine *lb = &g_array_index (b->lines, CompLine, l);

              if (fabs (la->y - lb->y) > 1 || la->line->width == 0 || lb->line->width == 0)
                continue;
              g_assert_true (la->x + la->line->width <= lb->x + 0.5
                             || lb->x + lb->line->width <= la->x + 0.5);
            }
      }
}

/* The edition's pages are the print pages: every article starts (part 0)
 * on the page it is listed on, under that page's section; pages after the
 * edition's last are 续版.  One-column (e-reader) pages cannot start a
 * whole edition page's articles on one screen: there an article starts
 * under its edition page's section, never on an earlier screen, and the
 * edition pages follow each other in order. */
static void
check_edition_pages (Fixture *f)
{
  const CompEdition *ce = f->ce;
  guint n_ed = f->ed->pages->len, last_ed = 1, starts = 0;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      if (f->spec->columns > 1)
        {
          if (p->number <= n_ed)
            {
              const EdPage *ep = g_ptr_array_index (f->ed->pages, p->number - 1);
              g_assert_cmpstr (p->section, ==, ep->section);
            }
          else
            g_assert_cmpstr (p->section, ==, "续版");
        }
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          const EdPage *ep;

          if (a->part != 0)
            continue;
          starts++;
          g_assert_cmpuint (a->article->page, >=, 1);
          g_assert_cmpuint (a->article->page, <=, n_ed);
          ep = g_ptr_array_index (f->ed->pages, a->article->page - 1);
          g_assert_cmpstr (p->section, ==, ep->section);
          if (f->spec->columns > 1)
            g_assert_cmpuint (p->number, ==, a->article->page);
          else
            {
              g_assert_cmpuint (p->number, >=, a->article->page);
              g_assert_cmpuint (a->article->page, >=, last_ed);
              last_ed = a->article->page;
            }
        }
    }
  g_assert_cmpuint (starts, ==, f->ed->articles->len);
}

static void
check_invariants (Fixture *f)
{
  const LaySpec *spec = f->spec;
  const CompEdition *ce = f->ce;
  guint rows = lay_spec_rows (spec);

  g_assert_cmpuint (ce->pages->len, >=, 1);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      g_autofree guint *fill = g_new0 (guint, spec->columns);
      gboolean last = i + 1 == ce->pages->len;
      gboolean end = p->edition_end;
      guint first_row = p->number == 1 ? spec->masthead_rows : 0;
      g_autoptr (GPtrArray) blocks = comp_edition_page_blocks (ce, p->number);

      g_assert_cmpuint (p->number, ==, i + 1);
      g_autofree char *label = g_strdup_printf ("第%u版", p->number);

      g_assert_cmpstr (p->label, ==, label);
      g_assert_cmpuint (blocks->len, ==, p->articles->len);
      g_assert_cmpuint (p->furniture->len, >, 0);
      check_furniture_apart (p);
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          g_assert_cmpuint (a->col + a->cols, <=, spec->columns);
          g_assert_cmpuint (a->row, >=, first_row);
          g_assert_cmpuint (a->row + a->rows, <=, rows);
          g_assert_cmpuint (a->rects->len, >=, 2);
          g_assert_cmpuint (a->elems->len, >=, 2);
          /* module edges on the column grid */
          g_assert_cmpfloat_with_epsilon (a->rect.x, lay_spec_column_x (spec, a->col), 1e-6);
          g_assert_cmpfloat_with_epsilon (a->rect.width, lay_spec_span_width (spec, a->cols), 1e-6);
          for (guint k = 0; k < a->rects->len; k++)
            {
              const CompRect *r = &g_array_index (a->rects, CompRect, k);
              g_assert_true (r->x >= a->rect.x - 1e-6);
              g_assert_true (r->x + r->width <= a->rect.x + a->rect.width + 1e-6);
              g_assert_true (r->y >= a->rect.y - 1e-6);
              g_assert_true (r->y + r->height <= a->rect.y + a->rect.height + 1e-6);
            }
          /* no overlap: each grid cell belongs to one module */
          for (guint c = a->col; c < a->col + a->cols; c++)
            {
              g_assert_cmpuint (fill[c], <=, a->row);
              fill[c] = a->row + a->rows;
            }
          /* every placed line lies inside its module */
          for (guint k = 0; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              for (guint l = 0; l < e->lines->len; l++)
                {
                  const CompLine *cl = &g_array_index (e->lines, CompLine, l);
                  g_assert_true (cl->x >= a->rect.x - 0.5);
                  g_assert_true (cl->y > a->rect.y);
                  g_assert_true (cl->y < a->rect.y + a->rect.height);
                  /* a boxed notice keeps its text inside its frame */
                  if (e->boxed)
                    {
                      g_assert_cmpfloat (cl->x, >=, e->box.x + 1);
                      g_assert_cmpfloat (cl->x + cl->line->width, <=, e->box.x + e->box.width - 1);
                    }
                }
            }
        }
      g_assert_true (!last || end);
      /* filled to the foot, unless the page's own articles (and the
       * continuations offered to it) ran out */
      if (!p->open_end)
        {
          /* one-column (e-reader) pages may end an article early rather
           * than start the next with a headline and a line of text */
          if (spec->columns > 1)
            g_assert_cmpuint (p->hole_rows, <=, 3);
          else
            g_assert_cmpuint (p->hole_rows, <, spec->min_module_rows + spec->stretch_rows);
          for (guint c = 0; c < spec->columns; c++)
            g_assert_cmpuint (fill[c], ==, rows);
        }
    }
  /* a page left open took every continuation it could: none from it or
   * an earlier page sits on a later page */
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      if (!p->open_end)
        continue;
      for (guint j = i + 1; j < ce->pages->len; j++)
        {
          const CompPage *q = g_ptr_array_index (ce->pages, j);
          for (guint k = 0; k < q->articles->len; k++)
            {
              const CompArticle *b = g_ptr_array_index (q->articles, k);
              if (b->part > 0)
                g_assert_cmpuint (b->from_page, >, p->number);
            }
        }
    }
  check_edition_pages (f);
  /* every article's text placed exactly once */
  for (guint i = 0; i < f->ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (f->ed->articles, i);
      glong want = expected_body_chars (art);
      glong got = placed_body_chars (ce, art);

      if (got != want)
        g_error ("%s on %s: placed %ld of %ld characters", art->id, spec->name, got, want);
    }
}

/* Each jump line "（下转第N版）" names the page where part k+1 sits. */
static void
check_jumps (Fixture *f, guint *n_jumps)
{
  const CompEdition *ce = f->ce;

  *n_jumps = 0;
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          gboolean found = FALSE;

          if (a->to_page == 0)
            continue;
          (*n_jumps)++;
          /* later page, or the same page at the end of the edition */
          g_assert_cmpuint (a->to_page, >=, p->number);
          {
            const CompPage *q = g_ptr_array_index (ce->pages, a->to_page - 1);
            for (guint k = 0; k < q->articles->len; k++)
              {
                const CompArticle *b = g_ptr_array_index (q->articles, k);
                if (b->article == a->article && b->part == a->part + 1)
                  {
                    g_assert_cmpuint (b->from_page, ==, p->number);
                    found = TRUE;
                  }
              }
          }
          g_assert_true (found);
        }
    }
}

/* Photos, a chart, a caption-only figure and a long boxed notice. */
static void
test_figures_all_layouts (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fixture f = { 0 };
      guint jumps, boxed_lines = 0;

      fixture_load (&f, "tests/editions/figures", layouts[i]);
      check_invariants (&f);
      check_jumps (&f, &jumps);
      for (guint p = 0; p < f.ce->pages->len; p++)
        {
          const CompPage *page = g_ptr_array_index (f.ce->pages, p);
          for (guint j = 0; j < page->articles->len; j++)
            {
              const CompArticle *a = g_ptr_array_index (page->articles, j);
              for (guint k = 0; k < a->elems->len; k++)
                {
                  const CompElem *e = g_ptr_array_index (a->elems, k);
                  if (e->boxed)
                    boxed_lines += e->lines->len;
                }
            }
        }
      g_assert_cmpuint (boxed_lines, >=, 2);   /* the notice runs to several lines */
      fixture_clear (&f);
    }
}

static void
test_example_all_layouts (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fixture f = { 0 };
      guint jumps;

      fixture_load (&f, "tests/editions/example", layouts[i]);
      check_invariants (&f);
      check_jumps (&f, &jumps);
      fixture_clear (&f);
    }
}

static void
test_full_edition (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fixture f = { 0 };
      guint jumps;

      fixture_load (&f, "tests/editions/full", layouts[i]);
      check_invariants (&f);
      check_jumps (&f, &jumps);
      /* the full edition has three pages; on a broadsheet each page's
       * articles fit it, smaller pages cut some and continue them */
      g_assert_cmpuint (f.ce->pages->len, >=, 3);
      if (i == 0)
        g_assert_cmpuint (f.ce->pages->len, ==, 3);
      else
        g_assert_cmpuint (jumps, >=, 1);
      fixture_clear (&f);
    }
}

/* Twelve articles listed on page 1 of a broadsheet: all start there (the
 * earlier modules are cut to make room), the rest jump to page 2, which has
 * room after its own two articles. */
static void
test_crowded_front_page (void)
{
  Fixture f = { 0 };
  guint jumps;
  const CompPage *p1;

  fixture_load (&f, "tests/editions/crowded", "broadsheet");
  check_invariants (&f);
  check_jumps (&f, &jumps);
  g_assert_cmpuint (jumps, >=, 1);
  g_assert_cmpuint (f.ce->pages->len, ==, 2);
  p1 = g_ptr_array_index (f.ce->pages, 0);
  g_assert_cmpuint (p1->articles->len, ==, 12);
  g_assert_false (p1->open_end);
  for (guint j = 0; j < p1->articles->len; j++)
    {
      const CompArticle *a = g_ptr_array_index (p1->articles, j);
      if (a->to_page)
        g_assert_cmpuint (a->to_page, ==, 2);
    }
  fixture_clear (&f);
}

static void
test_lead_is_wide_with_largest_head (void)
{
  Fixture f = { 0 };
  const CompPage *p1;
  const CompArticle *lead;

  fixture_load (&f, "tests/editions/full", "broadsheet");
  p1 = g_ptr_array_index (f.ce->pages, 0);
  lead = g_ptr_array_index (p1->articles, 0);
  g_assert_cmpstr (lead->article->id, ==, "tech-transfer");
  g_assert_cmpuint (lead->col, ==, 0);
  g_assert_cmpuint (lead->row, ==, f.spec->masthead_rows);
  g_assert_cmpuint (lead->cols, ==, f.spec->lead_columns);
  /* at least 3 different module widths on the front page */
  {
    guint widths = 0;
    for (guint j = 0; j < p1->articles->len; j++)
      widths |= 1u << ((const CompArticle *) g_ptr_array_index (p1->articles, j))->cols;
    g_assert_cmpuint (__builtin_popcount (widths), >=, 3);
  }
  fixture_clear (&f);
}

static void
test_dump_is_stable (void)
{
  Fixture a = { 0 }, b = { 0 };
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;

  fixture_load (&a, "tests/editions/full", "broadsheet");
  fixture_load (&b, "tests/editions/full", "broadsheet");
  da = comp_edition_dump (a.ce);
  db = comp_edition_dump (b.ce);
  g_assert_cmpstr (da, ==, db);
  g_assert_nonnull (strstr (da, "page 1 要闻"));
  g_assert_nonnull (strstr (da, "tech-transfer part 0: columns 1-"));
  fixture_clear (&a);
  fixture_clear (&b);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--dump") == 0)
    {
      Fixture f = { 0 };
      g_autofree char *dump = NULL;
      g_setenv ("SRCDIR", ".", FALSE);
      fixture_load (&f, argv[2], argv[3]);
      dump = comp_edition_dump (f.ce);
      fputs (dump, stdout);
      fixture_clear (&f);
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compose/example-all-layouts", test_example_all_layouts);
  g_test_add_func ("/compose/figures-all-layouts", test_figures_all_layouts);
  g_test_add_func ("/compose/full-edition", test_full_edition);
  g_test_add_func ("/compose/crowded-front-page", test_crowded_front_page);
  g_test_add_func ("/compose/lead", test_lead_is_wide_with_largest_head);
  g_test_add_func ("/compose/dump-stable", test_dump_is_stable);
  return g_test_run ();
}
