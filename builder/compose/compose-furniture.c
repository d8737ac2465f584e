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

/* 版眉: 第N版, section, date and paper over the 眉线.  版次 sits on the
 * outer edge (left on even pages, right on odd ones), date and paper on
 * the inner one, the section centred — or, on a page too narrow for that
 * (e-reader), beside the 版次, and without the paper's name if even that
 * does not fit. */
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

  if ((w - sw) / 2 < MAX (fw, rw) + gap)
    {
      sx = even ? x + fw + gap : x + w - fw - gap - sw;
      if (fw + sw + rw + 2 * gap > w)
        {
          g_free (right);
          right = g_strdup (date);
        }
    }
  comp_furniture_line (st, page, folio, TS_ROLE_HEADING, spec->folio_size * c->folio_number_scale,
                       even ? TS_ALIGN_START : TS_ALIGN_END, x, w, base);
  comp_furniture_line (st, page, page->section, TS_ROLE_HEADING,
                       spec->folio_size * c->folio_section_scale,
                       TS_ALIGN_START, sx, sw + 1, base);
  comp_furniture_line (st, page, right, TS_ROLE_FOLIO, spec->folio_size,
                       even ? TS_ALIGN_END : TS_ALIGN_START, x, w, base);
  comp_add_rule (page, x, rule_y, x + w, rule_y, spec->rule_width * c->folio_rule_weight);
}

/* 报头: the paper's name large in the masthead colour, edition data beside
 * it, 导读 (contents of the other pages) in the 报眼. */
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
  g_autofree char *date = comp_date_text (ed);
  g_autofree char *issue = ed->issue ? g_strdup_printf ("第%s期", ed->issue) : g_strdup ("");
  g_autofree char *pages = g_strdup_printf ("今日%u版", n_pages);
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
      double y = top + fs * 2;
      g_autofree char *day = comp_day_text (ed);
      const char *lines[] = { day, eb_weekday_name (&ed->gdate), issue, pages };

      if (ed->publisher)
        comp_furniture_line (st, page, ed->publisher, TS_ROLE_FOLIO, fs, TS_ALIGN_CENTER,
                             x, name_w, top + band - spec->body_pitch * 1.3);
      for (guint i = 0; i < G_N_ELEMENTS (lines); i++, y += fs * 2)
        comp_furniture_line (st, page, lines[i], i == 0 ? TS_ROLE_HEADING : TS_ROLE_FOLIO,
                             fs * (i == 0 ? 1.15 : 1.0), TS_ALIGN_START, dx + fs, dw - fs, y);
      comp_add_rule (page, dx - lay_spec_gutter (spec) / 2, top + 2,
                     dx - lay_spec_gutter (spec) / 2, top + band - spec->body_pitch, spec->rule_width);
      /* 报眼: 导读 */
      if (dx + dw + lay_spec_gutter (spec) < x + w)
        {
          double ex = dx + dw + lay_spec_gutter (spec);
          double ew = x + w - ex;
          double ey = top + fs * 2;

          comp_add_rule (page, ex - lay_spec_gutter (spec) / 2, top + 2,
                         ex - lay_spec_gutter (spec) / 2, top + band - spec->body_pitch,
                         spec->rule_width);
          gboolean others = FALSE;

          for (guint i = 1; i < st->ce->pages->len; i++)
            {
              const CompPage *p = g_ptr_array_index (st->ce->pages, i);
              for (guint j = 0; j < p->articles->len; j++)
                others |= ((const CompArticle *) g_ptr_array_index (p->articles, j))->part == 0;
            }
          comp_furniture_line (st, page, "导读", TS_ROLE_HEADING, fs * 1.3, TS_ALIGN_START,
                               ex + fs, ew - fs, ey);
          ey += fs * 2;
          for (guint i = 0; i < st->ce->pages->len && ey < top + band - spec->body_pitch * 1.5; i++)
            {
              const CompPage *p = g_ptr_array_index (st->ce->pages, i);
              for (guint j = 0; j < p->articles->len && ey < top + band - spec->body_pitch * 1.5; j++)
                {
                  const CompArticle *a = g_ptr_array_index (p->articles, j);
                  g_autofree char *t = NULL;

                  /* the other pages' articles; an edition whose other
                   * pages only carry continuations lists page 1's own
                   * below the lead */
                  if (a->part > 0 || (p->number == 1 && (others || j == 0)))
                    continue;
                  t = g_strdup_printf ("%s　%u版", a->article->title, p->number);
                  comp_furniture_line (st, page, t, TS_ROLE_FOLIO, fs, TS_ALIGN_START,
                                       ex + fs, ew - fs, ey);
                  ey += fs * 1.7;
                }
            }
        }
    }
  else
    {
      g_autofree char *data = g_strdup_printf ("%s　%s", date, issue);
      comp_furniture_line (st, page, data, TS_ROLE_FOLIO, fs, TS_ALIGN_CENTER, x, w,
                           top + band - spec->body_pitch * 0.9);
    }
  /* 文武线 under the masthead band */
  {
    double y = top + band - spec->body_pitch * 0.45;
    comp_add_rule (page, x, y - 1.6, x + w, y - 1.6, spec->rule_width * spec->costs.masthead_rule_weight);
    comp_add_rule (page, x, y + 0.6, x + w, y + 0.6, spec->rule_width);
  }
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
