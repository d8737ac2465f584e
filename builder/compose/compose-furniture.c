/* compose-furniture.c — the page furniture: masthead (报头) on page 1,
 * running head (版眉) on the others, and the jump lines' texts once every
 * page is known.
 */
#include "compose/compose-private.h"
#include "base/dates.h"

#include <string.h>

/* "2025年2月18日" */
char *
comp_day_text (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup (ed->date);
  return eb_date_text (&ed->gdate);
}

static char *
comp_date_text (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup (ed->date);
  g_autofree char *day = eb_date_text (&ed->gdate);

  return g_strdup_printf ("%s　%s", day, eb_weekday_name (&ed->gdate));
}

/* A one-line furniture element: @text in @role at @size, aligned in the
 * box (x, width) with its baseline at @baseline. */
CompElem *
comp_furniture_line (CompState *st, CompPage *page, const char *text, TsRole role,
                     double size, TsAlign align, double x, double width, double baseline)
{
  TsStyle s = comp_style (role, size, st->spec->costs.furniture_pitch, align);
  const TsParagraph *par = comp_keep (st, ts_set_text (st->ts, text, &s, width));
  CompElem *e = comp_elem_new (COMP_ELEM_PARAGRAPH);

  if (par->lines->len > 0)
    {
      const TsLine *l = g_ptr_array_index (par->lines, 0);
      CompLine cl = { l, x + l->x, baseline };
      g_array_append_val (e->lines, cl);
    }
  g_ptr_array_add (page->furniture, e);
  return e;
}

/* The desk credits page @page carries (责编：张三 校对：李四): its edition
 * page's, on the first print page of it; NULL for none. */
static const char *
comp_page_credits (const CompPage *page)
{
  return page->opens && page->source && page->source->credits && *page->source->credits
         ? page->source->credits : NULL;
}

/* The desk credits in the 版眉's line: beside the 版次 on the outer edge,
 * else beside the date on the inner one; @boxes are the line's set texts
 * (x0, x1 pairs: 版次, section, date), @even the page's side.  A page too
 * narrow for them (a screen) goes without. */
static void
comp_running_credits (CompState *st, CompPage *page, const double boxes[6], gboolean even,
                      double base)
{
  const LaySpec *spec = st->spec;
  const char *credits = comp_page_credits (page);
  TsStyle cs = comp_style (TS_ROLE_FOLIO, spec->folio_size, spec->costs.furniture_pitch,
                           TS_ALIGN_START);
  double gap = spec->folio_size * 2, cw;
  double cand[2];

  if (!credits)
    return;
  cs.headline = TRUE;
  cw = ts_measure_text (st->ts, credits, &cs);
  /* beside the 版次, then beside the date */
  cand[0] = even ? boxes[1] + gap : boxes[0] - gap - cw;
  cand[1] = even ? boxes[4] - gap - cw : boxes[5] + gap;
  for (guint i = 0; i < 2; i++)
    {
      double x0 = cand[i], x1 = cand[i] + cw;
      gboolean clear = x0 >= lay_spec_type_left (spec)
                       && x1 <= lay_spec_type_left (spec) + lay_spec_type_width (spec);

      for (guint b = 0; b < 3 && clear; b++)
        clear = x1 + gap <= boxes[2 * b] || x0 - gap >= boxes[2 * b + 1];
      if (clear)
        {
          comp_furniture_line (st, page, credits, TS_ROLE_FOLIO, spec->folio_size,
                               TS_ALIGN_START, x0, cw + 1, base);
          return;
        }
    }
}

/* 版眉: 第N版, section, date and paper over the 眉线, and the page's desk
 * credits.  版次 sits on the outer edge (left on even pages, right on odd
 * ones), date and paper on the inner one, the section centred — or, on a
 * page too narrow for that (e-reader), beside the 版次, and without the
 * paper's name if even that does not fit. */
void
comp_running_head (CompState *st, CompPage *page)
{
  const LaySpec *spec = st->spec;
  const EdEdition *ed = st->ce->ed;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double rule_y = spec->type_top - spec->running_head_gap;
  double base = rule_y - spec->folio_size * 0.5;
  double gap = spec->folio_size * 2;
  g_autofree char *folio = g_strdup_printf ("第%u版", page->number);
  g_autofree char *date = comp_date_text (ed);
  g_autofree char *right = g_strdup_printf ("%s　%s", date, ed->paper);
  gboolean even = page->number % 2 == 0;
  const CompCosts *c = &spec->costs;
  TsStyle fs = comp_style (TS_ROLE_HEADING, spec->folio_size * c->folio_number_scale,
                           c->furniture_pitch, TS_ALIGN_START);
  TsStyle ss = comp_style (TS_ROLE_HEADING, spec->folio_size * c->folio_section_scale,
                           c->furniture_pitch, TS_ALIGN_START);
  TsStyle rs = comp_style (TS_ROLE_FOLIO, spec->folio_size, c->furniture_pitch, TS_ALIGN_START);
  double fw = ts_measure_text (st->ts, folio, &fs);
  double sw = ts_measure_text (st->ts, page->section, &ss);
  double rw = ts_measure_text (st->ts, right, &rs);
  double sx = x + (w - sw) / 2;
  double boxes[6];

  if ((w - sw) / 2 < MAX (fw, rw) + gap)
    {
      sx = even ? x + fw + gap : x + w - fw - gap - sw;
      if (fw + sw + rw + 2 * gap > w)
        {
          g_free (right);
          right = g_strdup (date);
          rw = ts_measure_text (st->ts, right, &rs);
        }
    }
  comp_furniture_line (st, page, folio, TS_ROLE_HEADING, spec->folio_size * c->folio_number_scale,
                       even ? TS_ALIGN_START : TS_ALIGN_END, x, w, base);
  comp_furniture_line (st, page, page->section, TS_ROLE_HEADING,
                       spec->folio_size * c->folio_section_scale,
                       TS_ALIGN_START, sx, sw + 1, base);
  comp_furniture_line (st, page, right, TS_ROLE_FOLIO, spec->folio_size,
                       even ? TS_ALIGN_END : TS_ALIGN_START, x, w, base);
  boxes[0] = even ? x : x + w - fw;
  boxes[1] = boxes[0] + fw;
  boxes[2] = sx;
  boxes[3] = sx + sw;
  boxes[4] = even ? x + w - rw : x;
  boxes[5] = boxes[4] + rw;
  comp_running_credits (st, page, boxes, even, base);
  comp_add_rule (page, x, rule_y, x + w, rule_y, spec->rule_width * c->folio_rule_weight);
}

/* Appends the words of @text (split at spaces) to @items. */
static void
comp_add_words (GPtrArray *items, const char *text)
{
  g_auto (GStrv) words = NULL;

  if (!text || !*text)
    return;
  words = g_regex_split_simple ("[\\s　]+", text, 0, 0);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_ptr_array_add (items, g_strdup (words[i]));
}

/* The masthead's data as groups of items (each group starts a line, its
 * items share lines while they fit): the date, weekday and lunar date,
 * issue numbers, the 刊号, pages and price, page 1's desk credits. */
static GPtrArray *
comp_masthead_items (CompState *st, const CompPage *page, guint n_pages)
{
  const EdEdition *ed = st->ce->ed;
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *g;

#define COMP_GROUP() (g = g_ptr_array_new_with_free_func (g_free), g_ptr_array_add (groups, g))
  COMP_GROUP ();
  g_ptr_array_add (g, comp_day_text (ed));
  COMP_GROUP ();
  if (g_date_valid (&ed->gdate))
    {
      char *lunar = eb_lunar_date_text (&ed->gdate);

      g_ptr_array_add (g, g_strdup (eb_weekday_name (&ed->gdate)));
      if (lunar)
        g_ptr_array_add (g, lunar);
    }
  COMP_GROUP ();
  if (ed->issue)
    g_ptr_array_add (g, g_strdup_printf ("第%s期", ed->issue));
  if (ed->total_issue)
    g_ptr_array_add (g, g_strdup_printf ("总第%s期", ed->total_issue));
  COMP_GROUP ();
  if (ed->cn && !strstr (ed->cn, "出版物号") && !strstr (ed->cn, "刊号"))
    g_ptr_array_add (g, g_strdup ("国内统一连续出版物号"));
  if (ed->cn)
    g_ptr_array_add (g, g_strdup (ed->cn));
  COMP_GROUP ();
  g_ptr_array_add (g, g_strdup_printf ("今日%u版", n_pages));
  if (ed->price)
    g_ptr_array_add (g, strstr (ed->price, "价") ? g_strdup (ed->price)
                                                 : g_strdup_printf ("定价%s", ed->price));
  COMP_GROUP ();
  comp_add_words (g, comp_page_credits (page));
#undef COMP_GROUP
  return groups;
}

static gpointer
comp_copy_string (gconstpointer s, gpointer data)
{
  (void) data;
  return g_strdup (s);
}

/* Packs @groups into lines @width pt wide in @style: each group starts a
 * line, its items side by side (an ideographic space apart) while they
 * fit.  Returns the lines (caller owns). */
static GPtrArray *
comp_pack_items (CompState *st, GPtrArray *groups, const TsStyle *style, double width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *g = g_ptr_array_index (groups, i);
      GString *line = NULL;

      for (guint j = 0; j < g->len; j++)
        {
          const char *item = g_ptr_array_index (g, j);
          g_autofree char *joined = line ? g_strdup_printf ("%s　%s", line->str, item) : NULL;

          if (line && ts_measure_text (st->ts, joined, style) <= width)
            g_string_assign (line, joined);
          else
            {
              if (line)
                g_ptr_array_add (lines, g_string_free (line, FALSE));
              line = g_string_new (item);
            }
        }
      if (line)
        g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  return lines;
}

/* The edition data beside the paper's name in the box (@x, @width) from
 * @top to @bottom: the date first and larger, then the other groups, a
 * line each as far as they fit (lines closer together before any is left
 * out). */
static void
comp_masthead_data (CompState *st, CompPage *page, guint n_pages, double x, double width,
                    double top, double bottom)
{
  double fs = st->spec->folio_size;
  TsStyle rs = comp_style (TS_ROLE_FOLIO, fs, st->spec->costs.furniture_pitch, TS_ALIGN_START);
  g_autoptr (GPtrArray) groups = comp_masthead_items (st, page, n_pages);
  g_autoptr (GPtrArray) lines = NULL;
  double step, y = top + fs * 2;

  rs.headline = TRUE;
  lines = comp_pack_items (st, groups, &rs, width);
  step = lines->len > 1 ? MIN (fs * 2, (bottom - y) / (lines->len - 1)) : fs * 2;
  step = MAX (step, fs * st->spec->costs.masthead_data_step);
  for (guint i = 0; i < lines->len && y <= bottom + 0.01; i++, y += step)
    comp_furniture_line (st, page, g_ptr_array_index (lines, i),
                         i == 0 ? TS_ROLE_HEADING : TS_ROLE_FOLIO, fs * (i == 0 ? 1.15 : 1.0),
                         TS_ALIGN_START, x, width, y);
}

/* @text cut (with …) to @width in @style; caller owns. */
static char *
comp_fit_text (CompState *st, const char *text, const TsStyle *style, double width)
{
  glong n = g_utf8_strlen (text, -1);

  if (ts_measure_text (st->ts, text, style) <= width)
    return g_strdup (text);
  for (glong k = n - 1; k > 0; k--)
    {
      g_autofree char *head = g_utf8_substring (text, 0, k);
      char *t;

      /* not after an opening quote or bracket (“…) */
      if (g_unichar_type (g_utf8_get_char (g_utf8_prev_char (head + strlen (head))))
          == G_UNICODE_OPEN_PUNCTUATION
          || g_unichar_type (g_utf8_get_char (g_utf8_prev_char (head + strlen (head))))
             == G_UNICODE_INITIAL_PUNCTUATION)
        continue;
      t = g_strconcat (head, "…", NULL);

      if (ts_measure_text (st->ts, t, style) <= width)
        return t;
      g_free (t);
    }
  return g_strdup ("…");
}

/* Whether article @a of page 1 is its lead (marked, else its first). */
static gboolean
comp_is_front_lead (const CompPage *p, const CompArticle *a)
{
  for (guint j = 0; j < p->articles->len; j++)
    if (((const CompArticle *) g_ptr_array_index (p->articles, j))->article->lead)
      return a->article->lead;
  return p->articles->len > 0 && g_ptr_array_index (p->articles, 0) == a;
}

/* 导读 in the 报眼 (@ex, @ew), from @top to @bottom: the stories the
 * edition's other pages start, page by page, then page 1's own (its lead
 * aside) as far as there is room; each a title (cut to its line) and its
 * page number flush right. */
static void
comp_masthead_contents (CompState *st, CompPage *page, double ex, double ew, double top,
                        double bottom)
{
  double fs = st->spec->folio_size;
  TsStyle ts = comp_style (TS_ROLE_FOLIO, fs, st->spec->costs.furniture_pitch, TS_ALIGN_START);
  double ey = top + fs * 2;
  GPtrArray *pages = st->ce->pages;

  ts.headline = TRUE;
  comp_furniture_line (st, page, "导读", TS_ROLE_HEADING, fs * 1.3, TS_ALIGN_START, ex, ew, ey);
  ey += fs * 2;
  /* pass 0: the other pages; pass 1: page 1 */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = pass ? 0 : 1; i < (pass ? MIN (1u, pages->len) : pages->len); i++)
      {
        const CompPage *p = g_ptr_array_index (pages, i);

        for (guint j = 0; j < p->articles->len && ey < bottom; j++)
          {
            const CompArticle *a = g_ptr_array_index (p->articles, j);
            g_autofree char *num = NULL;
            g_autofree char *title = NULL;
            double nw;

            if (a->part > 0 || (p->number == 1 && comp_is_front_lead (p, a)))
              continue;
            num = g_strdup_printf ("%u版", p->number);
            nw = ts_measure_text (st->ts, num, &ts);
            title = comp_fit_text (st, a->article->title, &ts, ew - nw - fs);
            comp_furniture_line (st, page, title, TS_ROLE_FOLIO, fs, TS_ALIGN_START, ex,
                                 ew - nw - fs, ey);
            comp_furniture_line (st, page, num, TS_ROLE_FOLIO, fs, TS_ALIGN_END, ex, ew, ey);
            ey += fs * 1.7;
          }
      }
}

/* 报头: the paper's name large in the masthead colour (the publisher under
 * it), the edition data beside it (date, weekday, lunar date, issue and
 * 总第N期, 刊号, pages, price, page 1's desk credits), 导读 in the 报眼;
 * on a page too narrow for that, the data on one line under the name. */
void
comp_masthead (CompState *st, CompPage *page, guint n_pages)
{
  const LaySpec *spec = st->spec;
  const EdEdition *ed = st->ce->ed;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double top = spec->type_top, band = spec->masthead_rows * spec->body_pitch;
  double name_w = lay_spec_span_width (spec, spec->masthead_columns);
  TsStyle ns = comp_style (TS_ROLE_MASTHEAD, spec->masthead_size, spec->costs.furniture_pitch,
                           TS_ALIGN_CENTER);
  double size = spec->masthead_size;
  double natural = ts_measure_text (st->ts, ed->paper, &ns);
  gboolean side = spec->columns >= spec->masthead_columns + 2;
  double fs = spec->folio_size;
  double name_base;
  CompElem *e;

  if (natural > name_w * spec->costs.masthead_name_fill)
    size *= name_w * spec->costs.masthead_name_fill / natural;
  name_base = top + (side ? band * 0.55 : size * 1.05);
  e = comp_furniture_line (st, page, ed->paper, TS_ROLE_MASTHEAD, size, TS_ALIGN_CENTER,
                           x, name_w, name_base);
  memcpy (e->rgb, spec->masthead_color, sizeof e->rgb);
  if (side)
    {
      double dx = lay_spec_column_x (spec, spec->masthead_columns);
      double dw = lay_spec_span_width (spec, spec->columns >= spec->masthead_columns + 4 ? 2 : 1);
      double rx = dx - lay_spec_gutter (spec) / 2;
      double bottom = top + band - spec->body_pitch * 1.5;

      if (ed->publisher)
        comp_furniture_line (st, page, ed->publisher, TS_ROLE_FOLIO, fs, TS_ALIGN_CENTER,
                             x, name_w, top + band - spec->body_pitch * 1.3);
      comp_masthead_data (st, page, n_pages, dx + fs, dw - fs, top, bottom);
      comp_add_rule (page, rx, top + 2, rx, top + band - spec->body_pitch, spec->rule_width);
      /* 报眼: 导读 */
      if (dx + dw + lay_spec_gutter (spec) < x + w)
        {
          double ex = dx + dw + lay_spec_gutter (spec);

          rx = ex - lay_spec_gutter (spec) / 2;
          comp_add_rule (page, rx, top + 2, rx, top + band - spec->body_pitch, spec->rule_width);
          comp_masthead_contents (st, page, ex + fs, x + w - ex - fs, top, bottom);
        }
    }
  else
    {
      /* one line: as many of the data items as fit the page's width */
      TsStyle rs = comp_style (TS_ROLE_FOLIO, fs, spec->costs.furniture_pitch, TS_ALIGN_START);
      g_autoptr (GPtrArray) groups = comp_masthead_items (st, page, n_pages);
      g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      GPtrArray *one = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) lines = NULL;

      rs.headline = TRUE;
      for (guint i = 0; i < groups->len; i++)
        g_ptr_array_extend (one, g_ptr_array_index (groups, i), comp_copy_string, NULL);
      g_ptr_array_add (all, one);
      lines = comp_pack_items (st, all, &rs, w);
      comp_furniture_line (st, page, g_ptr_array_index (lines, 0), TS_ROLE_FOLIO, fs,
                           TS_ALIGN_CENTER, x, w, top + band - spec->body_pitch * 0.9);
    }
  /* 文武线 under the masthead band */
  {
    double y = top + band - spec->body_pitch * 0.45;
    comp_add_rule (page, x, y - 1.6, x + w, y - 1.6, spec->rule_width * spec->costs.masthead_rule_weight);
    comp_add_rule (page, x, y + 0.6, x + w, y + 0.6, spec->rule_width);
  }
}

/* The page banner (通栏标题) @text set across the 版心: its main line in the
 * title face at the page lead's head size (smaller, down to
 * title_shrink_min, to stay on one line), the words after a —— as a deck
 * under it in the kicker face (the dash itself not set).  Caller owns
 * both; *@deck may be NULL. */
static void
comp_banner_set (CompState *st, const char *text, TsParagraph **main, TsParagraph **deck)
{
  const LaySpec *spec = st->spec;
  const CompCosts *c = &spec->costs;
  double w = lay_spec_type_width (spec);
  const char *dash = strstr (text, COMP_SUBTITLE_DASH);
  g_autofree char *head = g_strstrip (dash ? g_strndup (text, dash - text) : g_strdup (text));
  g_autofree char *rest = dash ? g_strstrip (g_strdup (dash + strlen (COMP_SUBTITLE_DASH))) : NULL;
  TsStyle ms = comp_style (comp_title_role (spec), spec->head_lead * c->banner_scale,
                           c->title_pitch, TS_ALIGN_CENTER);
  TsStyle ds = comp_style (TS_ROLE_KICKER, spec->kicker_lead * c->banner_deck_scale,
                           c->kicker_pitch, TS_ALIGN_CENTER);
  double natural;

  if (!*head)
    {
      /* "——…" alone: the whole is the main line */
      g_free (head);
      head = g_steal_pointer (&rest);
    }
  ms.headline = TRUE;
  ds.headline = TRUE;
  natural = ts_measure_text (st->ts, head, &ms);
  if (natural > w * c->masthead_name_fill)
    {
      double k = MAX (w * c->masthead_name_fill / natural, c->title_shrink_min);

      ms.size *= k;
      ms.pitch *= k;
    }
  *main = ts_set_text (st->ts, head, &ms, w);
  *deck = rest && *rest ? ts_set_text (st->ts, rest, &ds, w) : NULL;
}

/* Body lines the banner's text (set as @main and @deck) takes: half a
 * line above, its lines. */
static guint
comp_banner_text_rows (const LaySpec *spec, const TsParagraph *main, const TsParagraph *deck)
{
  return comp_rows_for (spec, spec->body_pitch * 0.5 + main->extent + (deck ? deck->extent : 0));
}

/* Body lines the banner of edition page @src takes at the top of its first
 * print page: half a line above, its lines, banner_air under it (0 for a
 * page without a banner); *@air (may be NULL) is set to the air's part. */
guint
comp_banner_rows (CompState *st, const EdPage *src, guint *air)
{
  g_autoptr (TsParagraph) main = NULL;
  g_autoptr (TsParagraph) deck = NULL;

  if (air)
    *air = 0;
  if (!src || !src->banner || !*src->banner)
    return 0;
  comp_banner_set (st, src->banner, &main, &deck);
  if (air)
    *air = st->spec->costs.banner_air;
  return comp_banner_text_rows (st->spec, main, deck) + st->spec->costs.banner_air;
}

static void
comp_add_lines (CompElem *e, const TsParagraph *par, double x, double y)
{
  for (guint i = 0; i < par->lines->len; i++)
    {
      const TsLine *l = g_ptr_array_index (par->lines, i);
      CompLine cl = { l, x + l->x, y + l->y };
      g_array_append_val (e->lines, cl);
    }
}

/* The banner of page @page's edition page across the top of its 版心 (under
 * the masthead on page 1), in the rows the planner left for it, with a
 * rule under it. */
void
comp_page_banner (CompState *st, CompPage *page)
{
  const LaySpec *spec = st->spec;
  TsParagraph *main = NULL, *deck = NULL;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  /* under the masthead on page 1, under a flowing screen's divider */
  guint row0 = (page->number == 1 ? spec->masthead_rows : 0)
               + (spec->flow && page->outline ? spec->costs.flow_divider_rows : 0);
  double y = spec->type_top + row0 * spec->body_pitch + spec->body_pitch * 0.5;
  double rule_y;
  guint air;
  CompElem *e;

  if (!page->opens || !page->banner_rows)
    return;
  comp_banner_set (st, page->source->banner, &main, &deck);
  e = comp_elem_new (COMP_ELEM_HEADING);
  comp_add_lines (e, comp_keep (st, main), x, y);
  memcpy (e->rgb, spec->masthead_color, sizeof e->rgb);
  g_ptr_array_add (page->furniture, e);
  if (deck)
    {
      e = comp_elem_new (COMP_ELEM_HEADING);
      comp_add_lines (e, comp_keep (st, deck), x, y + main->extent);
      g_ptr_array_add (page->furniture, e);
    }
  /* the rule in the middle of the air left under the text (a flowing
   * screen may have given some of it to its first article) */
  air = page->banner_rows - MIN (page->banner_rows, comp_banner_text_rows (spec, main, deck));
  rule_y = spec->type_top + (row0 + page->banner_rows) * spec->body_pitch
           - spec->body_pitch * air / 2.0;
  comp_add_rule (page, x, rule_y, x + w, rule_y, spec->rule_width * spec->costs.folio_rule_weight);
}

/* Fills in every jump line now that all pages are known. */
void
comp_finish_jumps (CompState *st)
{
  const LaySpec *spec = st->spec;

  for (guint i = 0; i < st->jumps->len; i++)
    {
      CompJump *j = &g_array_index (st->jumps, CompJump, i);
      gpointer next = g_hash_table_lookup (st->continuation, GUINT_TO_POINTER (j->piece_id));
      guint page = GPOINTER_TO_UINT (g_hash_table_lookup (st->piece_page, next));
      g_autofree char *text = g_strdup_printf ("（下转第%u版）", page);

      j->article->to_page = page;
      TsStyle js = comp_style (TS_ROLE_CAPTION, spec->body_size, 1.0, TS_ALIGN_END);
      const TsParagraph *par;

      js.pitch = spec->body_pitch;
      par = comp_keep (st, ts_set_text (st->ts, text, &js, j->box.width));
      if (par->lines->len > 0)
        {
          const TsLine *l = g_ptr_array_index (par->lines, 0);
          CompLine cl = { l, j->box.x + l->x,
                          j->box.y + (spec->body_pitch - spec->body_size) / 2
                          + spec->body_size * TS_ASCENT_RATIO };
          g_array_append_val (j->elem->lines, cl);
        }
    }
}
