/* test-compose.c — page composition (builder/compose/compose.c).
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
 *   test-compose --white EDITION_DIR LAYOUT  prints the most white under a module's text
 */
#include "compose/compose.h"
#include "base/errors.h"
#include "compose/layoutspec.h"
#include "testutil.h"
#include "reading-order.h"
#include "compose-cases.h"

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
  for (guint i = 0; art->signature && art->signature[i]; i++)
    n += count_nonspace (art->signature[i]);
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
          /* skip the headline (and a badge before it; where screens flow,
           * a continued part has none) and the jump lines */
          guint k0 = 0;

          if (a->part == 0 || !ce->spec->flow)
            while (k0 < a->elems->len
                   && !((const CompElem *) g_ptr_array_index (a->elems, k0++))->dest)
              ;
          for (guint k = k0; k < a->elems->len; k++)
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

/* On layouts that keep the edition's pages (broadsheet) every article
 * starts (part 0) on the page it is listed on, under that page's section;
 * pages after the edition's last are 续版.  Elsewhere (one-column screens,
 * and pages that move what does not fit whole to the next page) an
 * article starts under its edition page's section, never on an earlier
 * page, and the edition pages follow each other in order. */
static void
check_edition_pages (Fixture *f)
{
  const CompEdition *ce = f->ce;
  guint n_ed = f->ed->pages->len, last_ed = 1, starts = 0;
  gboolean strict = f->spec->columns > 1 && f->spec->keep_edition_pages;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      if (strict)
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
          if (strict)
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

/* Module @a of a page of @spec: on the grid inside the 版心 (below
 * @first_row, above @rows), its rectangles and lines inside it, and no
 * column cell taken twice (@fill: each column's lowest row so far). */
static void
check_module (const LaySpec *spec, const CompArticle *a, guint first_row, guint rows, guint *fill)
{
  g_assert_cmpuint (a->col + a->cols, <=, spec->columns);
  g_assert_cmpuint (a->row, >=, first_row);
  g_assert_cmpuint (a->row + a->rows, <=, rows);
  g_assert_cmpuint (a->rects->len, >=, 2);
  /* a head and text; where screens flow, a continued part may
   * hold one paragraph */
  g_assert_cmpuint (a->elems->len, >=, spec->flow && a->part > 0 ? 1 : 2);
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
          /* a boxed notice or badge keeps its text inside its frame
           * (a picture frame's caption is under it) */
          if (e->boxed && e->kind != COMP_ELEM_FIGURE)
            {
              g_assert_cmpfloat (cl->x, >=, e->box.x + 1);
              g_assert_cmpfloat (cl->x + cl->line->width, <=, e->box.x + e->box.width - 1);
            }
        }
    }
}

/* A page left open took every continuation it could: none from it or
 * an earlier page sits on a later page. */
static void
check_open_pages (const CompEdition *ce)
{
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
      guint first_row = (p->number == 1 ? spec->masthead_rows : 0) + p->banner_rows;
      g_autoptr (GPtrArray) blocks = comp_edition_page_blocks (ce, p->number);

      g_assert_cmpuint (p->number, ==, i + 1);
      /* screens that flow are labelled with their number */
      g_autofree char *label = spec->flow ? g_strdup_printf ("%u", p->number)
                                          : g_strdup_printf ("第%u版", p->number);

      g_assert_cmpstr (p->label, ==, label);
      g_assert_cmpuint (blocks->len, ==, p->articles->len);
      g_assert_cmpuint (p->furniture->len, >, 0);
      check_furniture_apart (p);
      for (guint j = 0; j < p->articles->len; j++)
        check_module (spec, g_ptr_array_index (p->articles, j), first_row, rows, fill);
      g_assert_true (!last || end);
      /* filled to the foot, unless the page's own articles (and the
       * continuations offered to it) ran out; screens that flow end where
       * the next line or head does not fit (test-compose-flow.c) */
      if (!p->open_end && !spec->flow)
        {
          /* one-column (e-reader) pages may end an article early rather
           * than start the next with a headline and a line of text; on a
           * page of four columns or fewer a band of modules in edition
           * order cannot always be closed either */
          if (spec->columns > 4)
            g_assert_cmpuint (p->hole_rows, <=, 3);
          else
            g_assert_cmpuint (p->hole_rows, <, spec->min_module_rows + spec->stretch_rows);
          for (guint c = 0; c < spec->columns; c++)
            g_assert_cmpuint (fill[c], ==, rows);
        }
    }
  check_open_pages (ce);
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

static void
test_reading_order (void)
{
  const char *editions[] = { "tests/editions/full", "tests/editions/crowded",
                             "tests/editions/figures", "tests/editions/example",
                             "tests/editions/furniture" };
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
      {
        Fixture f = { 0 };
        g_autofree char *what = g_strdup_printf ("%s on %s", editions[e], layouts[i]);

        fixture_load (&f, editions[e], layouts[i]);
        check_invariants (&f);
        for (guint k = 0; k < f.ce->pages->len; k++)
          g_assert_cmpuint (check_reading_order (g_ptr_array_index (f.ce->pages, k), what, FALSE),
                            >=, 2);
        fixture_clear (&f);
      }
}

/* The sample pages, imported, read in order on the print layouts too (a
 * tight page's one line between bands must still read as a break). */
static void
test_reading_order_samples (void)
{
  g_autoptr (GPtrArray) cases = list_cases ();
  g_autofree char *fonts = tu_path ("fonts");

  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *what = g_strdup_printf ("%s on %s", c->edition, c->layout);
      Fixture f = { 0 };

      if (!g_str_has_prefix (c->edition, "seed-"))
        continue;
      f.spec = lay_spec_load_named (tu_srcdir (), c->layout, &error);
      g_assert_no_error (error);
      if (f.spec->flow)
        {
          lay_spec_free (f.spec);
          continue;
        }
      f.ed = load_case (c);
      f.ts = ts_context_new (fonts, &error);
      g_assert_no_error (error);
      f.ce = comp_edition_new (f.ed, f.spec, f.ts, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < f.ce->pages->len; k++)
        g_assert_cmpuint (check_reading_order (g_ptr_array_index (f.ce->pages, k), what, FALSE),
                          >=, 2);
      fixture_clear (&f);
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
      /* page 1 has two short articles: on a broadsheet it is reported
       * under-filled, its white counted */
      if (i == 0)
        {
          const CompPage *p1 = g_ptr_array_index (f.ce->pages, 0);
          guint rows = lay_spec_rows (f.spec) - f.spec->masthead_rows;

          g_assert_true (p1->open_end);
          g_assert_true (p1->thin);
          g_assert_cmpuint (p1->spare_rows * 4, >, rows);
          g_assert_cmpuint (p1->spare_rows, <, rows);
          /* the figure the build's warning prints */
          g_assert_cmpuint (comp_page_white_percent (f.ce, p1), ==, p1->spare_rows * 100 / rows);
          g_assert_cmpuint (comp_page_white_percent (f.ce, p1), >, 25);
        }
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
  g_assert_false (p1->thin);
  g_assert_cmpuint (p1->spare_rows, ==, 0);
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

/* The lead (头条) of every edition page on every print layout: the first
 * story to start on the page that opens it is the one marked lead, else
 * the longest news story of that edition page; never a notice while the
 * page has a news story. */
static void
test_lead_by_rank (void)
{
  const char *editions[] = { "tests/editions/full", "tests/editions/crowded",
                             "tests/editions/example", "tests/editions/figures",
                             "tests/editions/furniture" };
  const char *layouts[] = { "broadsheet", "tabloid", "a4" };

  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
      {
        Fixture f = { 0 };

        fixture_load (&f, editions[e], layouts[l]);
        for (guint i = 0; i < f.ce->pages->len; i++)
          {
            const CompPage *p = g_ptr_array_index (f.ce->pages, i);
            const EdArticle *first = NULL, *want = NULL;
            guint ep;

            if (!p->opens)
              continue;
            for (guint j = 0; j < p->articles->len && !first; j++)
              {
                const CompArticle *a = g_ptr_array_index (p->articles, j);
                if (a->part == 0)
                  first = a->article;
              }
            g_assert_nonnull (first);
            ep = first->page;
            for (guint k = 0; k < f.ed->articles->len; k++)
              {
                const EdArticle *art = g_ptr_array_index (f.ed->articles, k);
                if (art->page == ep && art->lead && !want)
                  want = art;
              }
            for (guint k = 0; k < f.ed->articles->len && !(want && want->lead); k++)
              {
                const EdArticle *art = g_ptr_array_index (f.ed->articles, k);

                if (art->page != ep || art->kind != ED_KIND_NEWS
                    || g_str_has_suffix (art->title, "公告") || g_str_has_suffix (art->title, "通知"))
                  continue;
                if (!want || ed_article_char_count (art) > ed_article_char_count (want))
                  want = art;
              }
            for (guint k = 0; k < f.ed->articles->len && !want; k++)
              if (((const EdArticle *) g_ptr_array_index (f.ed->articles, k))->page == ep)
                want = g_ptr_array_index (f.ed->articles, k);
            if (first != want)
              g_error ("%s on %s, page %u: %s leads, not %s", editions[e], layouts[l],
                       p->number, first->id, want->id);
          }
        fixture_clear (&f);
      }
}

/* The most white lines any module on a page that is not the edition's
 * last leaves under its last line of text (or figure) down to its foot,
 * the band gap under it not counted (pages left open, whose white is
 * spread between bands, are not counted either).  @where gets "page N: ID part K"
 * of the worst module (owned by the caller). */
static guint
module_white_rows (const Fixture *f, char **where)
{
  const LaySpec *spec = f->spec;
  guint rows = lay_spec_rows (spec);
  guint worst = 0;

  *where = NULL;
  for (guint i = 0; i + 1 < f->ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (f->ce->pages, i);

      /* a page whose copy ran out spreads its white between bands */
      if (p->edition_end || p->open_end)
        continue;
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          guint end = a->row + a->rows;
          guint used = comp_article_ink_end (spec, a), white;

          if (end < rows)
            end = end > spec->band_gap_rows ? end - spec->band_gap_rows : 0;
          white = end > used ? end - used : 0;
          if (white > worst)
            {
              worst = white;
              g_free (*where);
              *where = g_strdup_printf ("page %u: %s part %u", p->number,
                                        a->article->id, a->part);
            }
        }
    }
  return worst;
}

/* The most white lines a module leaves under its text compared with the
 * deepest text of the modules that end on the same row (its band), on
 * every page but one where the edition's copy ran out (its end, open: the
 * build warns that its copy is short): a hole in the page, whatever white
 * the page has at its foot or between bands.  @where as above. */
static guint
module_hole_rows (const Fixture *f, char **where)
{
  guint worst = 0;

  *where = NULL;
  for (guint i = 0; i < f->ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (f->ce->pages, i);

      if (p->edition_end && p->open_end)
        continue;
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          guint used = comp_article_ink_end (f->spec, a), deepest = used;

          for (guint k = 0; k < p->articles->len; k++)
            {
              const CompArticle *b = g_ptr_array_index (p->articles, k);

              if (b->row + b->rows == a->row + a->rows)
                deepest = MAX (deepest, comp_article_ink_end (f->spec, b));
            }
          if (deepest - used > worst)
            {
              worst = deepest - used;
              g_free (*where);
              *where = g_strdup_printf ("page %u: %s part %u", p->number,
                                        a->article->id, a->part);
            }
        }
    }
  return worst;
}

/* The y range of @a's headline group (its first heading element with a
 * destination), FALSE if it has none or sets it vertically. */
static gboolean
article_head_span (const CompArticle *a, double *y0, double *y1)
{
  for (guint k = 0; k < a->elems->len; k++)
    {
      const CompElem *e = g_ptr_array_index (a->elems, k);

      if (e->kind != COMP_ELEM_HEADING || !e->dest || e->lines->len == 0)
        continue;
      if (a->article->vertical_title && a->part == 0)
        return FALSE;
      *y0 = G_MAXDOUBLE;
      *y1 = -G_MAXDOUBLE;
      for (guint l = 0; l < e->lines->len; l++)
        {
          const CompLine *cl = &g_array_index (e->lines, CompLine, l);

          *y0 = MIN (*y0, cl->y - cl->line->ascent);
          *y1 = MAX (*y1, cl->y + cl->line->descent);
        }
      return TRUE;
    }
  return FALSE;
}

/* Side-by-side modules of a band (same top row, adjacent columns) whose
 * headlines overlap in height (碰题, anatomy check 5), on every page.
 * @where gets the first pair (owned by the caller). */
static guint
head_clashes (const Fixture *f, char **where)
{
  guint n = 0;

  *where = NULL;
  for (guint i = 0; i < f->ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (f->ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        for (guint k = 0; k < p->articles->len; k++)
          {
            const CompArticle *a = g_ptr_array_index (p->articles, j);
            const CompArticle *b = g_ptr_array_index (p->articles, k);
            double a0, a1, b0, b1;

            if (a->row != b->row || a->col + a->cols != b->col
                || !article_head_span (a, &a0, &a1) || !article_head_span (b, &b0, &b1)
                || a1 <= b0 || b1 <= a0)
              continue;
            if (n++ == 0)
              *where = g_strdup_printf ("page %u: %s / %s", p->number, a->article->id,
                                        b->article->id);
          }
    }
  return n;
}

/* Issue 4: no module leaves more than three white lines under its text
 * except at the end of the edition.  Asserted on broadsheet; the figures
 * of the smaller layouts are reported. */
static void
test_module_white (void)
{
  const char *editions[] = { "tests/editions/full", "tests/editions/crowded",
                             "tests/editions/figures", "tests/editions/example" };
  const char *layouts[] = { "broadsheet", "tabloid", "a4" };

  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
      {
        Fixture f = { 0 };
        g_autofree char *where = NULL;
        g_autofree char *hwhere = NULL;
        g_autofree char *cwhere = NULL;
        guint white, holes, clashes;

        fixture_load (&f, editions[e], layouts[i]);
        white = module_white_rows (&f, &where);
        holes = module_hole_rows (&f, &hwhere);
        clashes = head_clashes (&f, &cwhere);
        g_test_message ("module white %s on %s: %u lines (%s), band hole %u lines (%s), "
                        "head clashes %u (%s)", editions[e], layouts[i], white,
                        where ? where : "-", holes, hwhere ? hwhere : "-", clashes,
                        cwhere ? cwhere : "-");
        /* heads side by side at one height (碰题), where neither module
         * has lines to spare, are reported; no more than the planner left
         * when it began to stagger heads (full 5 → 4, crowded 9 → 6;
         * crowded 7 once each page's longest story leads it: page 2's
         * lead is another story than before) */
        if (i == 0 && e < 2)
          g_assert_cmpuint (clashes, <=, e == 0 ? 4 : 7);
        /* the composer's own figure (the build's hole warning) agrees */
        {
          guint worst = 0;

          for (guint k = 0; k < f.ce->pages->len; k++)
            worst = MAX (worst, comp_page_hole (f.ce, g_ptr_array_index (f.ce->pages, k), NULL));
          g_assert_cmpuint (worst, >=, MAX (white, holes));
        }
        /* no module leaves more than three lines white under its text, and
         * beside its band's deepest text none ends more than three lines
         * short, on every page of a broadsheet or tabloid; but the figures
         * edition's copy is short for a tabloid page (its photo story
         * leaves lines white: the build warns, test-cli checks it).  On A4
         * (four columns) the composer keeps no such bound yet: where it
         * leaves more, the build warns (its figure, above). */
        if (i == 0 || (i == 1 && !g_str_has_suffix (editions[e], "/figures")))
          {
            g_assert_cmpuint (white, <=, 3);
            g_assert_cmpuint (holes, <=, 3);
          }
        fixture_clear (&f);
      }
}

/* A 副题 that opens with a 破折号 ("——张伟委员谈…"): the text is set
 * without it, indented two ems, and a rule of the dash's ink fills those
 * two ems at the middle of the line's em box, so that no text line of the
 * page starts with a dash while the page shows one. */
static void
test_subtitle_dash (void)
{
  Fixture f = { 0 };
  const CompPage *p1;
  const CompArticle *lead = NULL;
  const CompElem *head = NULL;
  gboolean found = FALSE;

  fixture_load (&f, "tests/editions/example", "broadsheet");
  p1 = g_ptr_array_index (f.ce->pages, 0);
  for (guint i = 0; i < p1->articles->len; i++)
    if (!strcmp (((const CompArticle *) g_ptr_array_index (p1->articles, i))->article->id,
                 "tech-transfer"))
      lead = g_ptr_array_index (p1->articles, i);
  g_assert_nonnull (lead);
  head = g_ptr_array_index (lead->elems, 0);
  g_assert_cmpint (head->kind, ==, COMP_ELEM_HEADING);
  for (guint i = 0; i < p1->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (p1->articles, i);

      for (guint k = 0; k < a->elems->len; k++)
        {
          const CompElem *e = g_ptr_array_index (a->elems, k);

          for (guint l = 0; l < e->lines->len; l++)
            {
              const CompLine *cl = &g_array_index (e->lines, CompLine, l);
              const TsGlyphRun *run = cl->line->runs->len ? g_ptr_array_index (cl->line->runs, 0)
                                                          : NULL;

              g_assert_false (run && run->utf8 && g_str_has_prefix (run->utf8, "—"));
            }
        }
    }
  for (guint l = 0; l < head->lines->len && !found; l++)
    {
      const CompLine *cl = &g_array_index (head->lines, CompLine, l);
      const TsGlyphRun *run = g_ptr_array_index (cl->line->runs, 0);
      double em = cl->line->ascent / 0.88;

      if (!g_str_has_prefix (run->utf8, "张伟委员谈"))
        continue;
      for (guint r = 0; r < p1->rules->len; r++)
        {
          const CompRule *rule = &g_array_index (p1->rules, CompRule, r);

          if (rule->y0 != rule->y1 || rule->y0 > cl->y || rule->y0 < cl->y - cl->line->ascent)
            continue;
          g_assert_cmpfloat (rule->x1, <=, cl->x + 1e-6);
          g_assert_cmpfloat (rule->x0, >=, cl->x - 2 * em - 1e-6);
          g_assert_cmpfloat (rule->x1 - rule->x0, >, 1.6 * em);
          g_assert_cmpfloat (rule->width, >, 0.02 * em);
          g_assert_cmpfloat (rule->width, <, 0.2 * em);
          found = TRUE;
        }
    }
  g_assert_true (found);
  fixture_clear (&f);
}

/* On the page where the edition's text ends, the lines its copy leaves
 * stay at the foot (the end of the edition), not between its bands; pages
 * before it spread theirs between their bands. */
static void
test_edition_end_white (void)
{
  const char *editions[] = { "tests/editions/full", "tests/editions/figures",
                             "tests/editions/furniture" };
  const char *layouts[] = { "broadsheet", "a4" };
  guint checked = 0;

  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
      {
        Fixture f = { 0 };
        guint rows;

        fixture_load (&f, editions[e], layouts[i]);
        rows = lay_spec_rows (f.spec);
        for (guint k = 0; k < f.ce->pages->len; k++)
          {
            const CompPage *p = g_ptr_array_index (f.ce->pages, k);

            if (!p->edition_end || p->spare_rows == 0 || k + 1 < f.ce->pages->len)
              continue;
            for (guint j = 0; j < p->articles->len; j++)
              {
                const CompArticle *a = g_ptr_array_index (p->articles, j);

                g_assert_cmpuint (a->row + a->rows, <=, rows - p->spare_rows + f.spec->band_gap_rows);
              }
            checked++;
          }
        fixture_clear (&f);
      }
  g_assert_cmpuint (checked, >=, 3);
}

/* The composition of an edition is the same in two separate processes
 * (each with its own addresses and allocation order: `test-compose --dump`)
 * as in this one. */
static void
test_dump_is_stable (void)
{
  Fixture f = { 0 };
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dump = NULL;
  const char *argv[] = { self, "--dump", "tests/editions/full", "broadsheet", NULL };

  g_assert_nonnull (self);
  fixture_load (&f, "tests/editions/full", "broadsheet");
  dump = comp_edition_dump (f.ce);
  g_assert_nonnull (strstr (dump, "page 1 要闻"));
  g_assert_nonnull (strstr (dump, "tech-transfer part 0: columns 1-"));
  for (guint run = 0; run < 2; run++)
    {
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      int status = -1;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpstr (out, ==, dump);
    }
  fixture_clear (&f);
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
  if (argc == 4 && strcmp (argv[1], "--white") == 0)
    {
      Fixture f = { 0 };
      g_autofree char *where = NULL;
      g_autofree char *hwhere = NULL;
      g_autofree char *cwhere = NULL;
      guint white, holes, clashes;
      g_setenv ("SRCDIR", ".", FALSE);
      fixture_load (&f, argv[2], argv[3]);
      white = module_white_rows (&f, &where);
      holes = module_hole_rows (&f, &hwhere);
      clashes = head_clashes (&f, &cwhere);
      printf ("module white %u lines (%s), band hole %u lines (%s), head clashes %u (%s)\n",
              white, where ? where : "-", holes, hwhere ? hwhere : "-", clashes,
              cwhere ? cwhere : "-");
      fixture_clear (&f);
      return 0;
    }
  if (argc == 4 && strcmp (argv[1], "--order") == 0)
    {
      Fixture f = { 0 };
      g_setenv ("SRCDIR", ".", FALSE);
      fixture_load (&f, argv[2], argv[3]);
      for (guint k = 0; k < f.ce->pages->len; k++)
        printf ("page %u: %u leaves\n", k + 1,
                check_reading_order (g_ptr_array_index (f.ce->pages, k), argv[2], TRUE));
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
  g_test_add_func ("/compose/subtitle-dash", test_subtitle_dash);
  g_test_add_func ("/compose/edition-end-white", test_edition_end_white);
  g_test_add_func ("/compose/reading-order", test_reading_order);
  g_test_add_func ("/compose/lead-by-rank", test_lead_by_rank);
  g_test_add_func ("/compose/reading-order-samples", test_reading_order_samples);
  g_test_add_func ("/compose/module-white", test_module_white);
  return g_test_run ();
}
