/* test-furniture.c — picture frames, photo news and page furniture as the
 * composer sets them (builder/compose/compose-frames.c,
 * compose-furniture.c) and the EPUB carries them.
 *
 * Counted on the composer's display list: a caption-only figure is a
 * picture frame of a photo's proportions on a layout with frames (never
 * text in a body column) and a caption note without them; a credit on a
 * line of its own; photo news with a small head; the page banner across
 * the top of its page, the badge over its story's head, the desk credits
 * in the folio line, the 落款 flush right at the article's end — none of
 * them inside an article's text; the masthead's 刊号, 总第N期, lunar date
 * and price, and its 导读 with the other pages first; headline faces by
 * the layout's title_face.
 */
#include "compose/compose.h"
#include "epub/epub.h"
#include "import/import.h"
#include "base/errors.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

typedef struct {
  EdEdition   *ed;
  LaySpec     *spec;
  TsContext   *ts;
  CompEdition *ce;
} Fx;

static void
fx_compose (Fx *f)
{
  g_autoptr (GError) error = NULL;

  f->ce = comp_edition_new (f->ed, f->spec, f->ts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->ce);
}

/* Loads @edition (a folder below the source tree) and @layout; composes it
 * with picture frames as @frames says (-1: as the layout says). */
static void
fx_load (Fx *f, const char *edition, const char *layout, int frames)
{
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (GError) error = NULL;

  f->ed = tu_load_edition (edition);
  f->spec = lay_spec_load_named (tu_srcdir (), layout, &error);
  g_assert_no_error (error);
  if (frames >= 0)
    f->spec->picture_frames = frames;
  f->ts = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  fx_compose (f);
}

static void
fx_clear (Fx *f)
{
  comp_edition_free (f->ce);
  ts_context_free (f->ts);
  lay_spec_free (f->spec);
  ed_edition_free (f->ed);
}

/* The text of @e's lines, run together; caller owns. */
static char *
elem_text (const CompElem *e)
{
  return comp_elem_text (e, 0, e->lines->len);
}

static const CompArticle *
find_article (const CompEdition *ce, const char *id, guint part, const CompPage **page)
{
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);

          if (!strcmp (a->article->id, id) && a->part == part)
            {
              if (page)
                *page = p;
              return a;
            }
        }
    }
  g_error ("no %s part %u", id, part);
  return NULL;
}

/* Part @part of article @id, or NULL. */
static const CompArticle *
find_article_opt (const CompEdition *ce, const char *id, guint part)
{
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);

          if (!strcmp (a->article->id, id) && a->part == part)
            return a;
        }
    }
  return NULL;
}

/* The figure elements of @a. */
static GPtrArray *
figures_of (const CompArticle *a)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint k = 0; k < a->elems->len; k++)
    {
      const CompElem *e = g_ptr_array_index (a->elems, k);
      if (e->kind == COMP_ELEM_FIGURE)
        g_ptr_array_add (out, (gpointer) e);
    }
  return out;
}

/* Whether @x is a column edge's distance from the grid: a span of whole
 * columns. */
static guint
span_columns (const LaySpec *spec, double width)
{
  for (guint n = 1; n <= spec->columns; n++)
    if (fabs (lay_spec_span_width (spec, n) - width) < 0.01)
      return n;
  return 0;
}

/* Every caption-only figure of @f's edition on a layout with frames: a
 * tinted, hairlined frame on whole columns, of a photo's proportions (a
 * portrait 3:4 one column wide), its caption under it inside its width:
 * never text in a body column; or, where its article's first page gave
 * its frames up (CompPage.no_frames), a caption note, unboxed.  Returns
 * the figures seen; *@notes (may be NULL) those set as notes. */
static guint
check_frames (const Fx *f, guint *notes)
{
  const LaySpec *spec = f->spec;
  guint frames = 0;

  if (notes)
    *notes = 0;

  for (guint i = 0; i < f->ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (f->ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          g_autoptr (GPtrArray) figs = figures_of (a);

          for (guint k = 0; k < figs->len; k++)
            {
              const CompElem *e = g_ptr_array_index (figs, k);
              g_autofree char *text = elem_text (e);
              double aspect;
              guint cols;

              const CompPage *first = p;

              if (e->image)
                continue;
              if (a->part > 0)
                find_article (f->ce, a->article->id, 0, &first);
              if (first->no_frames)
                {
                  /* a note in the text where its page gave frames up */
                  g_assert_false (e->boxed);
                  g_assert_cmpuint (e->lines->len, >=, 1);
                  frames++;
                  if (notes)
                    (*notes)++;
                  continue;
                }
              /* a caption-only figure is a frame, not a caption in the flow */
              g_assert_true (e->boxed && e->filled);
              g_assert_cmpfloat (e->box_line, >, 0);
              g_assert_cmpfloat (e->box_line, <=, 0.5);   /* a hairline */
              g_assert_cmpfloat (e->fill[0], >, 0.8);      /* a light tint */
              g_assert_cmpfloat (e->fill[0], <, 0.95);     /* still ink */
              cols = span_columns (spec, e->box.width);
              g_assert_cmpuint (cols, >=, 1);
              aspect = e->box.width / e->box.height;
              if (g_utf8_strlen (text, -1) <= spec->costs.portrait_name_chars)
                {
                  /* a portrait: one column, 3:4 to within a line */
                  g_assert_cmpuint (cols, ==, 1);
                  g_assert_cmpfloat (e->box.height, >=, e->box.width / 0.75 - 0.01);
                  g_assert_cmpfloat (e->box.height, <, e->box.width / 0.75 + spec->body_pitch);
                }
              else
                {
                  g_assert_cmpfloat (aspect, >=, spec->costs.frame_aspect_min - 0.01);
                  g_assert_cmpfloat (aspect, <=, spec->costs.frame_aspect_max + 0.01);
                }
              /* the frame inside its module; the caption under it, as wide */
              g_assert_cmpfloat (e->box.x, >=, a->rect.x - 0.01);
              g_assert_cmpfloat (e->box.x + e->box.width, <=, a->rect.x + a->rect.width + 0.01);
              g_assert_cmpuint (e->lines->len, >=, 1);
              for (guint l = 0; l < e->lines->len; l++)
                {
                  const CompLine *cl = &g_array_index (e->lines, CompLine, l);

                  g_assert_cmpfloat (cl->y, >, e->box.y + e->box.height);
                  g_assert_cmpfloat (cl->x, >=, e->box.x - 0.5);
                  g_assert_cmpfloat (cl->x + cl->line->width, <=, e->box.x + e->box.width + 0.5);
                }
              frames++;
            }
        }
    }
  return frames;
}

static void
test_frames (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };

      /* the furniture edition's three caption-only figures: a photo in a
       * story, photo news and a portrait */
      fx_load (&f, "tests/editions/furniture", layouts[i], TRUE);
      g_assert_cmpuint (check_frames (&f, NULL), ==, 3);
      fx_clear (&f);
      fx_load (&f, "tests/editions/figures", layouts[i], TRUE);
      g_assert_cmpuint (check_frames (&f, NULL), ==, 1);
      fx_clear (&f);
    }
  /* the print layouts that have them on */
  {
    Fx f = { 0 };

    fx_load (&f, "tests/editions/furniture", "tabloid", -1);
    g_assert_true (f.spec->picture_frames);
    g_assert_cmpuint (check_frames (&f, NULL), ==, 3);
    fx_clear (&f);
  }
}

/* Without frames (a layout key, the e-reader's): the caption is a note in
 * the caption face, its credit flush right on its own line; no tint. */
static void
test_frames_off (void)
{
  const char *layouts[] = { "tabloid", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompArticle *a;
      g_autoptr (GPtrArray) figs = NULL;
      const CompElem *e;
      const CompLine *cap, *credit;
      g_autofree char *text = NULL;
      const TsGlyphRun *run;

      fx_load (&f, "tests/editions/furniture", layouts[i], FALSE);
      /* (the note closes the story, on its last part) */
      for (guint part = 0; !figs || figs->len == 0; part++)
        {
          g_clear_pointer (&figs, g_ptr_array_unref);
          a = find_article (f.ce, "hydrogen", part, NULL);
          figs = figures_of (a);
        }
      g_assert_cmpuint (figs->len, ==, 1);
      e = g_ptr_array_index (figs, 0);
      g_assert_false (e->boxed);
      g_assert_null (e->image);
      text = elem_text (e);
      g_assert_cmpstr (text, ==, "孝义市首批氢能公交车在城区运行。记者 李雅萍摄");
      cap = &g_array_index (e->lines, CompLine, 0);
      credit = &g_array_index (e->lines, CompLine, e->lines->len - 1);
      run = g_ptr_array_index (cap->line->runs, 0);
      g_assert_cmpint (run->role, ==, TS_ROLE_CAPTION);
      /* the credit on its own line, flush right in the column */
      g_assert_cmpfloat (credit->y, >, cap->y);
      g_assert_cmpfloat (fabs (credit->x + credit->line->width
                               - (cap->x - cap->line->x + lay_spec_column_width (f.spec))),
                         <, 0.5);
      for (guint j = 0; j < f.ce->pages->len; j++)
        {
          const CompPage *p = g_ptr_array_index (f.ce->pages, j);

          for (guint k = 0; k < p->articles->len; k++)
            {
              const CompArticle *b = g_ptr_array_index (p->articles, k);
              g_autoptr (GPtrArray) fb = figures_of (b);

              for (guint l = 0; l < fb->len; l++)
                g_assert_false (((const CompElem *) g_ptr_array_index (fb, l))->filled);
            }
        }
      fx_clear (&f);
    }
}

/* A credit written at the caption's end is split off onto its own line,
 * flush right under the caption. */
static void
test_credit_line (void)
{
  Fx f = { 0 };
  const CompArticle *a;
  g_autoptr (GPtrArray) figs = NULL;
  const CompElem *e;
  const CompLine *cap, *credit;

  fx_load (&f, "tests/editions/furniture", "tabloid", TRUE);
  a = find_article (f.ce, "hydrogen", 0, NULL);
  figs = figures_of (a);
  e = g_ptr_array_index (figs, 0);
  g_assert_cmpuint (e->lines->len, ==, 2);
  cap = &g_array_index (e->lines, CompLine, 0);
  credit = &g_array_index (e->lines, CompLine, 1);
  g_assert_cmpuint (credit->line->char_count, ==, g_utf8_strlen ("记者 李雅萍摄", -1));
  g_assert_cmpfloat (credit->y, >, cap->y);
  g_assert_cmpfloat (credit->x + credit->line->width, >=, cap->x + cap->line->width - 0.5);
  fx_clear (&f);
}

/* Photo news: a small head, its frame across the module's text width,
 * the caption under it. */
static void
test_photo_news (void)
{
  const char *layouts[] = { "tabloid", "a4", "broadsheet" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompArticle *a;
      const CompElem *head, *fig;
      const CompPage *p;

      fx_load (&f, "tests/editions/furniture", layouts[i], TRUE);
      a = find_article (f.ce, "cucumbers", 0, &p);
      head = g_ptr_array_index (a->elems, 0);
      fig = g_ptr_array_index (a->elems, 1);
      g_assert_cmpint (head->kind, ==, COMP_ELEM_HEADING);
      g_assert_cmpfloat (fabs (g_array_index (head->lines, CompLine, 0).line->ascent
                               / TS_ASCENT_RATIO - f.spec->head_small), <, 0.01);
      g_assert_cmpint (fig->kind, ==, COMP_ELEM_FIGURE);
      /* its picture frame across the module, or its caption where the
       * page gave its frames up */
      g_assert_true (fig->boxed == !p->no_frames);
      if (fig->boxed)
        g_assert_cmpfloat (fabs (fig->box.width - a->rect.width), <, 0.01);
      fx_clear (&f);
    }
}

/* Whether any element of any article of @ce contains @text. */
static gboolean
articles_contain (const CompEdition *ce, const char *text)
{
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);

          for (guint k = 0; k < a->elems->len; k++)
            {
              g_autofree char *t = elem_text (g_ptr_array_index (a->elems, k));
              if (strstr (t, text))
                return TRUE;
            }
        }
    }
  return FALSE;
}

/* The furniture line of page @p that contains @text, or NULL. */
static const CompElem *
furniture_with (const CompPage *p, const char *text)
{
  for (guint i = 0; i < p->furniture->len; i++)
    {
      const CompElem *e = g_ptr_array_index (p->furniture, i);
      g_autofree char *t = elem_text (e);

      if (strstr (t, text))
        return e;
    }
  return NULL;
}

/* The banner across the top of its page's 版心 (under the 版眉), in rows
 * the articles start under; the desk credits in the folio line (page 1:
 * the masthead); neither inside an article. */
static void
test_banner_and_credits (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompPage *p = NULL, *p1;
      const CompElem *banner, *deck, *folio, *credits;
      g_autofree char *label = NULL;
      double top;

      fx_load (&f, "tests/editions/furniture", layouts[i], -1);
      find_article (f.ce, "tech-transfer", 0, &p);
      p1 = g_ptr_array_index (f.ce->pages, 0);
      g_assert_cmpstr (p->section, ==, "两会专版");
      g_assert_true (p->opens);
      g_assert_cmpuint (p->banner_rows, >, 0);
      banner = furniture_with (p, "建言献策谋发展");
      deck = furniture_with (p, "市政协四届五次委员大会发言摘编");
      g_assert_nonnull (banner);
      g_assert_nonnull (deck);
      g_assert_false (articles_contain (f.ce, "建言献策谋发展"));
      g_assert_false (articles_contain (f.ce, "责编"));
      /* the banner's lines and its deck's across the top of the 版心,
       * centred, their descenders inside the rows planned for them, above
       * every article of the page; the articles under its rows */
      top = f.spec->type_top + p->banner_rows * f.spec->body_pitch;
      for (guint k = 0; k < 2; k++)
        for (guint l = 0; l < (k ? deck : banner)->lines->len; l++)
          {
            const CompLine *cl = &g_array_index ((k ? deck : banner)->lines, CompLine, l);
            double mid = cl->x + cl->line->width / 2;
            double descent = cl->line->ascent / TS_ASCENT_RATIO * (1 - TS_ASCENT_RATIO);

            g_assert_cmpfloat (cl->y - cl->line->ascent, >, f.spec->type_top);
            g_assert_cmpfloat (cl->y + descent, <, top);
            /* and above the rule in the middle of its air (on screens
             * that flow, the air may have gone to the first article) */
            if (!f.spec->flow)
              g_assert_cmpfloat (cl->y + descent, <,
                                 top - f.spec->costs.banner_air * f.spec->body_pitch / 2);
            g_assert_cmpfloat (fabs (mid - (lay_spec_type_left (f.spec)
                                            + lay_spec_type_width (f.spec) / 2)), <, 1);
          }
      for (guint j = 0; j < p->articles->len; j++)
        g_assert_cmpfloat (((const CompArticle *) g_ptr_array_index (p->articles, j))->rect.y,
                           >=, top - 0.01);
      /* the credits in the folio line of the page (where it has room),
       * under the masthead's date on page 1 */
      label = g_strdup_printf ("第%u版", p->number);
      folio = furniture_with (p, label);
      credits = furniture_with (p, "责编：王五");
      if (f.spec->columns > 1)
        {
          g_assert_nonnull (credits);
          g_assert_cmpfloat (fabs (g_array_index (credits->lines, CompLine, 0).y
                                   - g_array_index (folio->lines, CompLine, 0).y), <, 0.01);
        }
      if (f.spec->columns >= f.spec->masthead_columns + 2)
        g_assert_nonnull (furniture_with (p1, "责编：张三"));
      /* only the first page of an edition page carries them */
      for (guint j = 0; j < f.ce->pages->len; j++)
        {
          const CompPage *q = g_ptr_array_index (f.ce->pages, j);

          if (q != p)
            g_assert_null (furniture_with (q, "建言献策谋发展"));
        }
      fx_clear (&f);
    }
}

/* The badge over its story's head: its first element, a tinted box
 * above the head's lines, inside the module. */
static void
test_badge (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompArticle *a;
      const CompElem *badge, *head;
      g_autofree char *text = NULL;

      fx_load (&f, "tests/editions/furniture", layouts[i], -1);
      a = find_article (f.ce, "hotel-service", 0, NULL);
      badge = g_ptr_array_index (a->elems, 0);
      head = g_ptr_array_index (a->elems, 1);
      text = elem_text (badge);
      g_assert_cmpstr (text, ==, "两会花絮");
      g_assert_true (badge->boxed && badge->filled);
      g_assert_cmpint (head->kind, ==, COMP_ELEM_HEADING);
      g_assert_nonnull (head->dest);
      g_assert_cmpfloat (badge->box.y, >=, a->rect.y);
      g_assert_cmpfloat (badge->box.x, >=, a->rect.x);
      g_assert_cmpfloat (badge->box.y + badge->box.height, <,
                         g_array_index (head->lines, CompLine, 0).y
                         - g_array_index (head->lines, CompLine, 0).line->ascent);
      /* once: not in the text */
      for (guint k = 2; k < a->elems->len; k++)
        {
          g_autofree char *t = elem_text (g_ptr_array_index (a->elems, k));
          g_assert_null (strstr (t, "两会花絮"));
        }
      fx_clear (&f);
    }
}

/* The 落款 closes the notice: its lines last (before nothing but the
 * byline), each flush right in its column, one line each when it fits. */
static void
test_signature (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4", "ereader" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompArticle *a;
      const CompElem *sig = NULL;
      g_autofree char *text = NULL;
      double colw;

      fx_load (&f, "tests/editions/furniture", layouts[i], -1);
      colw = lay_spec_column_width (f.spec);
      /* (its last part, where screens flow) */
      for (guint part = 0; (a = find_article_opt (f.ce, "notice", part)); part++)
        sig = g_ptr_array_index (a->elems, a->elems->len - 1);
      text = elem_text (sig);
      g_assert_cmpstr (text, ==, "中共吕梁市纪律检查委员会吕梁市监察委员会2023年5月8日");
      g_assert_cmpuint (sig->lines->len, >=, 3);
      for (guint l = 0; l < sig->lines->len; l++)
        {
          const CompLine *cl = &g_array_index (sig->lines, CompLine, l);
          double right = cl->x + cl->line->width;
          gboolean on_edge = FALSE;

          /* flush right: the right edge of a text column */
          for (guint c = 0; c < f.spec->columns; c++)
            on_edge |= fabs (right - (lay_spec_column_x (f.spec, c) + colw)) < 0.5;
          g_assert_true (on_edge);
          if (l > 0)
            g_assert_cmpfloat (cl->y, !=, g_array_index (sig->lines, CompLine, l - 1).y);
        }
      g_assert_cmpuint (g_array_index (sig->lines, CompLine, sig->lines->len - 1).line->char_count,
                        ==, g_utf8_strlen ("2023年5月8日", -1));
      fx_clear (&f);
    }
}

/* The masthead: 刊号, issue and 总第N期, the lunar date, the price; the
 * 导读 lists the other pages' stories before page 1's. */
static void
test_masthead (void)
{
  const char *layouts[] = { "broadsheet", "tabloid", "a4" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompPage *p1;
      int last_other = -1, first_own = -1;

      fx_load (&f, "tests/editions/furniture", layouts[i], -1);
      p1 = g_ptr_array_index (f.ce->pages, 0);
      g_assert_nonnull (furniture_with (p1, "国内统一连续出版物号"));
      g_assert_nonnull (furniture_with (p1, "CN 14-0031"));
      g_assert_nonnull (furniture_with (p1, "第7613期"));
      g_assert_nonnull (furniture_with (p1, "总第12988期"));
      g_assert_nonnull (furniture_with (p1, "农历乙巳年正月廿二"));
      g_assert_nonnull (furniture_with (p1, "定价1.00元"));
      g_assert_nonnull (furniture_with (p1, "导读"));
      for (guint k = 0; k < p1->furniture->len; k++)
        {
          g_autofree char *t = elem_text (g_ptr_array_index (p1->furniture, k));

          if (!strcmp (t, "1版") && first_own < 0)
            first_own = (int) k;
          else if (g_str_has_suffix (t, "版") && strlen (t) <= 5 && strcmp (t, "1版"))
            last_other = (int) k;
        }
      g_assert_cmpint (last_other, >=, 0);
      g_assert_true (first_own < 0 || first_own > last_other);
      /* page 1's lead is not in its own 导读 */
      g_assert_null (furniture_with (p1, "孝义市首批"));
      fx_clear (&f);
    }
}

/* 主题 in the layout's title face (标宋-like serif or 黑), 引题 in the
 * kicker's (楷). */
static void
test_title_faces (void)
{
  const char *layouts[] = { "broadsheet", "tabloid" };

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      Fx f = { 0 };
      const CompArticle *a;
      const CompElem *head;
      const TsGlyphRun *kick, *title;

      fx_load (&f, "tests/editions/furniture", layouts[i], -1);
      a = find_article (f.ce, "tech-transfer", 0, NULL);
      head = g_ptr_array_index (a->elems, 0);
      g_assert_cmpuint (head->lines->len, >=, 2);
      kick = g_ptr_array_index (g_array_index (head->lines, CompLine, 0).line->runs, 0);
      title = g_ptr_array_index (g_array_index (head->lines, CompLine, 1).line->runs, 0);
      g_assert_cmpint (kick->role, ==, TS_ROLE_KICKER);
      g_assert_cmpint (title->role, ==, f.spec->title_serif ? TS_ROLE_TITLE : TS_ROLE_HEADING);
      fx_clear (&f);
    }
}

/* headline.title_face takes serif or sans, and says where it is wrong. */
static void
test_title_face_key (void)
{
  g_autofree char *src = tu_path ("layouts/tabloid.yaml");
  g_autofree char *text = NULL;
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "bad.yaml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LaySpec) spec = NULL;
  g_auto (GStrv) lines = NULL;
  guint line = 0;

  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], "title_face:"))
      {
        g_free (lines[i]);
        lines[i] = g_strdup ("  title_face: bold");
        line = i + 1;
      }
  g_assert_cmpuint (line, >, 0);
  g_free (text);
  text = g_strjoinv ("\n", lines);
  tu_write (dir, "bad.yaml", text);
  spec = lay_spec_load (path, &error);
  g_assert_null (spec);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  {
    g_autofree char *where = g_strdup_printf ("bad.yaml:%u:", line);
    g_assert_nonnull (strstr (error->message, where));
    g_assert_nonnull (strstr (error->message, "serif or sans"));
  }
  tu_rm_rf (dir);
}

/* The EPUB (and the web reader, which shows the same article XHTML)
 * carries the banner before the first story of its page, the badge before
 * the head, the 落款 flush right at the end. */
static void
test_epub (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/furniture");
  g_autofree char *lead = epub_article_xhtml (ed, ed_edition_find_article (ed, "tech-transfer"),
                                              NULL);
  g_autofree char *hotel = epub_article_xhtml (ed, ed_edition_find_article (ed, "hotel-service"),
                                               NULL);
  g_autofree char *notice = epub_article_xhtml (ed, ed_edition_find_article (ed, "notice"), NULL);
  g_autofree char *ivf = epub_article_xhtml (ed, ed_edition_find_article (ed, "ivf"), NULL);
  const char *banner, *header, *sig;

  /* (the dash kept with its neighbour: <span class="nobr">篇——</span>) */
  banner = strstr (lead, "<p class=\"banner\">建言献策谋发展 同心协力谱新");
  g_assert_nonnull (strstr (lead, "市政协四届五次委员大会发言摘编</p>\n<header>"));
  header = strstr (lead, "<header>");
  g_assert_nonnull (banner);
  g_assert_true (banner < header);
  g_assert_null (strstr (hotel, "banner"));
  g_assert_null (strstr (ivf, "banner"));
  g_assert_nonnull (strstr (hotel, "<header>\n<p class=\"badge\">两会花絮</p>\n<h1>"));
  sig = strstr (notice, "<p class=\"signature\">中共吕梁市纪律检查委员会</p>\n"
                        "<p class=\"signature\">吕梁市监察委员会</p>\n"
                        "<p class=\"signature\">2023年5月8日</p>\n</article>");
  g_assert_nonnull (sig);
  g_assert_true (strstr (notice, "全天候受理。</p>") < sig);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/furniture/frames", test_frames);
  g_test_add_func ("/furniture/frames-off", test_frames_off);
  g_test_add_func ("/furniture/credit-line", test_credit_line);
  g_test_add_func ("/furniture/photo-news", test_photo_news);
  g_test_add_func ("/furniture/banner-and-credits", test_banner_and_credits);
  g_test_add_func ("/furniture/badge", test_badge);
  g_test_add_func ("/furniture/signature", test_signature);
  g_test_add_func ("/furniture/masthead", test_masthead);
  g_test_add_func ("/furniture/title-faces", test_title_faces);
  g_test_add_func ("/furniture/title-face-key", test_title_face_key);
  g_test_add_func ("/furniture/epub", test_epub);
  return g_test_run ();
}
