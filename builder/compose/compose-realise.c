/* compose-realise.c — a planned module placed on the page: its headline
 * group, figures, body columns, rules and jump lines as display-list
 * elements at page positions on the line grid.
 */
#include "compose/compose-private.h"

#include <cairo.h>
#include <string.h>

double
comp_row_y (const LaySpec *spec, guint row)
{
  return spec->type_top + row * spec->body_pitch;
}

/* Baseline of a body line in grid row @row. */
static double
comp_baseline_y (const LaySpec *spec, guint row)
{
  return comp_row_y (spec, row) + (spec->body_pitch - spec->body_size) / 2
         + spec->body_size * TS_ASCENT_RATIO;
}

/* Paragraph origin that puts the first line's baseline on grid row @row. */
static double
comp_par_origin_y (const LaySpec *spec, const TsParagraph *par, guint row)
{
  double first = par->lines->len ? ((const TsLine *) g_ptr_array_index (par->lines, 0))->y : 0;

  return comp_baseline_y (spec, row) - first;
}

static void
comp_elem_add_par (CompElem *e, const TsParagraph *par, guint line0, guint nlines,
                   double x, double y)
{
  for (guint i = line0; i < line0 + nlines && i < par->lines->len; i++)
    {
      const TsLine *l = g_ptr_array_index (par->lines, i);
      CompLine cl = { l, x + l->x, y + l->y };
      g_array_append_val (e->lines, cl);
    }
}

static void
comp_add_rect (CompArticle *a, double x, double y, double w, double h)
{
  CompRect r = { x, y, w, h };
  g_array_append_val (a->rects, r);
}

void
comp_add_rule (CompPage *page, double x0, double y0, double x1, double y1, double width)
{
  CompRule r = { x0, y0, x1, y1, width, { 0, 0, 0 } };
  g_array_append_val (page->rules, r);
}

/* Draws the 破折号 (set alone in @style to measure its ink) as a rule of
 * that ink, in the two ems before @first, the 副题's first line (indented
 * by them). */
static void
comp_add_dash_rule (CompState *st, CompPage *page, const TsStyle *style, const CompLine *first)
{
  g_autoptr (TsParagraph) dash = ts_set_text (st->ts, COMP_SUBTITLE_DASH, style, G_MAXDOUBLE);
  const TsLine *dl = g_ptr_array_index (dash->lines, 0);
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double origin = first->x - dl->width;  /* the dash is two ems wide */

  for (guint i = 0; i < dl->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (dl->runs, i);
      cairo_text_extents_t ext;

      if (run->n_glyphs == 0)
        continue;
      cairo_scaled_font_glyph_extents (run->font, run->glyphs, run->n_glyphs, &ext);
      x0 = MIN (x0, ext.x_bearing);
      x1 = MAX (x1, ext.x_bearing + ext.width);
      y0 = MIN (y0, ext.y_bearing);
      y1 = MAX (y1, ext.y_bearing + ext.height);
    }
  if (x1 <= x0 || y1 <= y0)
    return;
  comp_add_rule (page, origin + x0, first->y + (y0 + y1) / 2, origin + x1, first->y + (y0 + y1) / 2,
                 y1 - y0);
}

static char *
comp_dest_name (const EdArticle *art, guint part, const char *what)
{
  return g_strdup_printf ("%s-%s%u", art->id, what, part);
}

/* The column badge of head @h with its text's top-left at (@x, @y): its
 * own element (read before the head), the text on a tint in a box. */
static void
comp_realise_badge (CompState *st, CompArticle *a, CompHead *h, double x, double y)
{
  const LaySpec *spec = st->spec;
  CompElem *e = comp_elem_new (COMP_ELEM_PARAGRAPH);
  const TsParagraph *par = comp_keep (st, g_steal_pointer (&h->badge));
  double pad = spec->kicker_size * spec->costs.badge_scale / 4;   /* ¼ em */
  double w = 0;

  for (guint i = 0; i < par->lines->len; i++)
    w = MAX (w, ((const TsLine *) g_ptr_array_index (par->lines, i))->width);
  comp_elem_add_par (e, par, 0, par->lines->len, x + pad, y + pad);
  comp_frame_box (spec, e, x, y, w + 2 * pad, par->extent + 2 * pad);
  e->box_line = spec->costs.box_line;
  g_ptr_array_add (a->elems, e);
}

/* Places the headline group in the zone [y, y + zone) of the module. */
void
comp_realise_head (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                   double x, double width, double y, double zone)
{
  CompHead h;
  CompElem *e = comp_elem_new (COMP_ELEM_HEADING);
  double inset = st->spec->body_size;
  double cy;

  comp_head_set (st, &m->piece, width, m->head_size, m->page_lead, &h);
  /* the head sits on its text, or, in a head zone grown by m->air, with
   * m->air_above of it above the head and the rest under it; a badge
   * stands over it (with it: no white between them a reader, or an
   * XY-cut, would take for a break) */
  cy = y + zone - h.extent - st->spec->body_pitch * (m->air - m->air_above)
       + st->spec->body_pitch * (m->piece.part > 0 ? 0.25 : 0.5);
  if (h.badge)
    comp_realise_badge (st, a, &h, x + inset, cy);
  cy += h.badge_extent;
  if (h.kicker)
    {
      comp_elem_add_par (e, h.kicker, 0, h.kicker->lines->len, x + inset, cy);
      cy += h.kicker->extent;
      comp_keep (st, g_steal_pointer (&h.kicker));
    }
  comp_elem_add_par (e, h.title, 0, h.title->lines->len, x + inset, cy);
  cy += h.title->extent + st->spec->body_pitch * 0.25;
  comp_keep (st, g_steal_pointer (&h.title));
  if (h.subtitle)
    {
      comp_elem_add_par (e, h.subtitle, 0, h.subtitle->lines->len, x + inset, cy);
      if (h.dash.size > 0)
        comp_add_dash_rule (st, page, &h.dash, &g_array_index (e->lines, CompLine, e->lines->len
                                                                - h.subtitle->lines->len));
      comp_keep (st, g_steal_pointer (&h.subtitle));
    }
  e->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "p");
  e->dest_x = x;
  e->dest_y = y;
  g_ptr_array_add (a->elems, e);
  comp_add_rect (a, x, y, width, zone);
}

/* Places the figures at the top of the body area; returns rows used. */
guint
comp_realise_figures (CompState *st, CompArticle *a, const CompModule *m, double x,
                      double width, guint row)
{
  const LaySpec *spec = st->spec;
  guint used = 0;

  if (m->piece.part > 0 && !m->flow)
    return 0;
  for (guint i = 0; i < m->piece.prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (m->piece.prep->figures, i);
      CompElem *e = comp_elem_new (COMP_ELEM_FIGURE);
      TsParagraph *cap = NULL, *credit = NULL;
      guint pic;
      double w, fw = comp_figure_width (spec, m->piece.prep, f, width, m->frame_cols);
      guint room = m->fig_room ? m->fig_room : comp_figure_room (spec, &m->piece, m->head_rows);
      guint rows = comp_figure_rows (st, f, fw, room, &pic, &w, &cap, &credit);
      double y = comp_row_y (spec, row + used);
      double h;

      /* the module's landscape frames take the lines they grew by */
      if (f->frame && !f->portrait)
        {
          pic = (guint) ((int) pic + m->frame_rows);
          rows = (guint) ((int) rows + m->frame_rows);
        }
      h = pic * spec->body_pitch - spec->body_pitch * spec->costs.picture_inset;
      guint cap_row = row + used + pic;

      if (f->path)
        {
          /* a picture narrower than the block (cut to the page) is centred */
          e->image = g_strdup (f->path);
          e->image_rect = (CompRect) { x + (fw - w) / 2, y, w, h };
        }
      else if (f->frame)
        comp_frame_box (spec, e, x + (fw - w) / 2, y, w, h);
      comp_elem_add_par (e, cap, 0, cap->lines->len, x, comp_par_origin_y (spec, cap, cap_row));
      comp_keep (st, cap);
      if (credit)
        {
          /* flush right under the caption: at its longest line's end (a
           * credit far from a short caption would be read with the text
           * under it), or the figure's edge */
          double end = 0;

          for (guint l = 0; l < cap->lines->len; l++)
            {
              const TsLine *tl = g_ptr_array_index (cap->lines, l);
              end = MAX (end, tl->x + tl->width);
            }
          for (guint l = 0; l < credit->lines->len; l++)
            end = MAX (end, ((const TsLine *) g_ptr_array_index (credit->lines, l))->width);
          cap_row += comp_rows_for (spec, cap->extent);
          comp_elem_add_par (e, credit, 0, credit->lines->len, x - (fw - MIN (end, fw)),
                             comp_par_origin_y (spec, credit, cap_row));
          comp_keep (st, credit);
        }
      g_ptr_array_add (a->elems, e);
      comp_add_rect (a, x, y, fw, (rows - 1) * spec->body_pitch);
      used += rows;
    }
  return used;
}

/* Element of @elem number in @a, created on first use. */
static CompElem *
comp_body_elem (GPtrArray *map, CompArticle *a, guint elem, CompElemKind kind)
{
  CompElem *e;

  if (elem < map->len && g_ptr_array_index (map, elem))
    return g_ptr_array_index (map, elem);
  if (elem >= map->len)
    g_ptr_array_set_size (map, elem + 1);
  e = comp_elem_new (kind);
  g_ptr_array_index (map, elem) = e;
  g_ptr_array_add (a->elems, e);
  return e;
}

/* Places the body units in the module's text columns. */
void
comp_realise_body (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                   guint row0)
{
  const LaySpec *spec = st->spec;
  const GArray *units = m->piece.prep->units;
  guint extra = m->flow ? 0 : comp_piece_extra_rows (&m->piece);
  guint n = m->unit_end - m->piece.unit0;
  g_autofree guint *slots = g_new0 (guint, 2 * (n + 1));
  g_autoptr (GPtrArray) map = g_ptr_array_new ();
  double colw = lay_spec_column_width (spec);
  guint start_row = row0;
  guint lcols, ltop;

  comp_module_l (m, &lcols, &ltop);

  if (extra)
    {
      g_autofree char *text = g_strdup_printf ("（上接第%u版）", m->piece.from_page);
      TsStyle js = comp_style (TS_ROLE_CAPTION, spec->body_size, 1.0, TS_ALIGN_START);
      CompElem *e = comp_elem_new (COMP_ELEM_PARAGRAPH);
      const TsParagraph *par;

      js.pitch = spec->body_pitch;
      par = comp_keep (st, ts_set_text (st->ts, text, &js, colw));
      comp_elem_add_par (e, par, 0, MIN (1u, par->lines->len), lay_spec_column_x (spec, m->col),
                         comp_par_origin_y (spec, par, row0 + ltop));
      e->link_dest = comp_dest_name (m->piece.prep->art, m->piece.part - 1, "j");
      g_ptr_array_add (a->elems, e);
    }
  /* flow again with the module's real height to get each unit's slot */
  comp_flow (m->piece.prep, m->piece.unit0, m->text_cols, m->body_rows, m->cut ? 1 : 0, extra,
             lcols, ltop, slots);
  for (guint i = 0; i < n; i++)
    {
      const CompUnit *u = &g_array_index (units, CompUnit, m->piece.unit0 + i);
      CompElem *e = comp_body_elem (map, a, u->elem, u->kind);
      guint col = slots[2 * i], row = start_row + slots[2 * i + 1];
      double x = lay_spec_column_x (spec, comp_text_col0 (m) + col);
      const TsLine *first = g_ptr_array_index (u->par->lines, u->line0);
      double y;

      if (u->nlines == 1 && u->rows == 1)
        y = comp_baseline_y (spec, row) - first->y;
      else if (u->kind == COMP_ELEM_PARAGRAPH && !u->boxed)
        y = comp_par_origin_y (spec, u->par, row);
      else
        y = comp_row_y (spec, row) + (u->rows * spec->body_pitch - u->par->extent) / 2;
      /* a portrait in the column: its frame, its name under it */
      if (u->pic)
        {
          comp_frame_box (spec, e, x, comp_row_y (spec, row), colw,
                          (u->pic - spec->costs.picture_inset) * spec->body_pitch);
          y = comp_par_origin_y (spec, u->par, row + u->pic);
        }
      /* a boxed unit is set 2 em narrower than the column, centred in it */
      comp_elem_add_par (e, u->par, u->line0, u->nlines, u->boxed ? x + spec->body_size : x, y);
      if (u->boxed)
        {
          e->boxed = TRUE;
          e->box_line = spec->costs.box_line;
          e->box = (CompRect) { x + spec->body_size / 2, comp_row_y (spec, row) + 2,
                                colw - spec->body_size, u->rows * spec->body_pitch - 4 };
        }
    }
  for (guint c = 0; c < m->text_cols; c++)
    {
      guint top = c < lcols ? ltop : 0;
      comp_add_rect (a, lay_spec_column_x (spec, comp_text_col0 (m) + c),
                     comp_row_y (spec, row0 + top), colw, (m->body_rows - top) * spec->body_pitch);
    }
  /* column rules between the module's text columns */
  if (spec->column_rules)
    for (guint c = 1; c < m->cols; c++)
      {
        double gx = lay_spec_column_x (spec, m->col + c) - lay_spec_gutter (spec) / 2;
        guint top = c < lcols ? ltop : 0;
        comp_add_rule (page, gx, comp_row_y (spec, row0 + top) + 2, gx,
                       comp_row_y (spec, row0 + m->body_rows) - 2, spec->rule_width);
      }
  if (m->cut)
    {
      double x = lay_spec_column_x (spec, comp_text_col0 (m) + m->text_cols - 1);
      CompJump j = { 0 };

      j.elem = comp_elem_new (COMP_ELEM_PARAGRAPH);
      j.box = (CompRect) { x, comp_row_y (spec, row0 + m->body_rows - 1), colw,
                           spec->body_pitch };
      j.piece_id = m->piece.id;
      j.article = a;
      j.elem->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "j");
      j.elem->dest_x = x;
      j.elem->dest_y = j.box.y;
      j.elem->link_dest = comp_dest_name (m->piece.prep->art, m->piece.part + 1, "p");
      g_ptr_array_add (a->elems, j.elem);
      g_array_append_val (st->jumps, j);
    }
}

/* The vertical headline in the module's first column, from the top. */
static void
comp_realise_vertical_head (CompState *st, CompArticle *a, const CompModule *m, guint row0)
{
  const LaySpec *spec = st->spec;
  TsStyle vs = comp_vertical_style (spec, m->head_size);
  double colw = lay_spec_column_width (spec);
  double x = lay_spec_column_x (spec, m->col);
  double y = comp_row_y (spec, row0);
  double height = (m->rows - comp_module_foot (m) - (row0 - m->row)) * spec->body_pitch;
  double len = ts_measure_text (st->ts, m->piece.prep->art->title, &vs);
  double measure = len + 1;  /* one vertical line: read top to bottom */
  const TsParagraph *par;
  CompElem *e = comp_elem_new (COMP_ELEM_HEADING);

  par = comp_keep (st, ts_set_text (st->ts, m->piece.prep->art->title, &vs,
                                    MIN (measure, height - spec->body_pitch)));
  comp_elem_add_par (e, par, 0, par->lines->len, x + (colw - par->extent) / 2,
                     y + spec->body_pitch);
  e->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "p");
  e->dest_x = x;
  e->dest_y = y;
  g_ptr_array_add (a->elems, e);
  comp_add_rect (a, x, y, colw, height);
}

void
comp_realise_module (CompState *st, CompPage *page, const CompModule *m)
{
  const LaySpec *spec = st->spec;
  CompArticle *a = g_new0 (CompArticle, 1);
  double x = lay_spec_column_x (spec, m->col);
  double width = lay_spec_span_width (spec, m->cols);
  guint foot = comp_module_foot (m);
  /* lines a band gives a shorter module go to its head zone (m->air, up
   * to stretch_rows); the rest stay white under its text, joining the
   * band's gap */
  guint head_rows = m->head_rows;
  guint row;

  head_rows += m->air;

  a->article = m->piece.prep->art;
  a->part = m->piece.part;
  a->from_page = m->piece.from_page;
  a->col = m->col;
  a->cols = m->cols;
  a->row = m->row;
  a->rows = m->rows;
  a->rect = (CompRect) { x, comp_row_y (spec, m->row), width, m->rows * spec->body_pitch };
  a->rects = g_array_new (FALSE, FALSE, sizeof (CompRect));
  a->elems = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_elem_free);
  g_array_append_val (a->rects, a->rect);
  if (m->vertical)
    {
      /* vertical head first in reading order; extra lines go under the body */
      row = m->row;
      comp_realise_vertical_head (st, a, m, row);
    }
  else if (m->head_cols)
    {
      /* 串文题: head and figures over the first columns */
      comp_realise_head (st, page, a, m, x, lay_spec_span_width (spec, m->head_cols),
                         comp_row_y (spec, m->row), m->head_rows * spec->body_pitch);
      comp_realise_figures (st, a, m, x, lay_spec_span_width (spec, m->head_cols),
                            m->row + m->head_rows);
      row = m->row;
    }
  else
    {
      comp_realise_head (st, page, a, m, x, width, comp_row_y (spec, m->row),
                         head_rows * spec->body_pitch);
      row = m->row + head_rows;
    }
  if (m->fig_cols)
    comp_realise_figures (st, a, m, lay_spec_column_x (spec, comp_text_col0 (m)),
                          lay_spec_span_width (spec, m->fig_cols), row);
  else if (!m->head_cols)
    row += comp_realise_figures (st, a, m, lay_spec_column_x (spec, comp_text_col0 (m)),
                                 lay_spec_span_width (spec, m->text_cols), row);
  comp_realise_body (st, page, a, m, row);
  /* separators: a rule under the module, a rule in the gutter to its right */
  if (m->row + m->rows < lay_spec_rows (spec))
    {
      double y = comp_row_y (spec, m->row + m->rows - foot)
                 + spec->body_pitch * MIN (MAX (foot, 1u), spec->band_gap_rows) / 2.0;
      comp_add_rule (page, x, y, x + width, y, spec->rule_width * spec->costs.separator_weight);
    }
  if (m->col + m->cols < spec->columns)
    {
      double gx = x + width + lay_spec_gutter (spec) / 2;
      double y1 = comp_row_y (spec, m->row + m->rows);
      if (m->row + m->rows < lay_spec_rows (spec))
        y1 = comp_row_y (spec, m->row + m->rows - foot)
             + spec->body_pitch * MIN (MAX (foot, 1u), spec->band_gap_rows) / 2.0;
      comp_add_rule (page, gx, comp_row_y (spec, m->row) + (m->row > 0 ? 0 : 2), gx, y1,
                     spec->rule_width);
    }
  g_ptr_array_add (page->articles, a);
}

/* Puts modules [from, to) of @mods in reading order by recursive cuts:
 * a horizontal cut no module crosses (topmost first), else a vertical
 * one (leftmost first), as a reader (or an XY-cut text extractor) takes
 * the page: each side is read whole before the other. */
void
comp_order_modules (CompModule *mods, guint from, guint to)
{
  guint n = to - from;

  if (n < 2)
    return;
  for (int axis = 0; axis < 2; axis++)
    {
      guint best = G_MAXUINT;

      /* candidate cut positions: module starts */
      for (guint i = from; i < to; i++)
        {
          guint cut = axis == 0 ? mods[i].row : mods[i].col;
          gboolean ok = TRUE, before = FALSE, after = FALSE;

          for (guint j = from; j < to && ok; j++)
            {
              guint lo = axis == 0 ? mods[j].row : mods[j].col;
              guint hi = lo + (axis == 0 ? mods[j].rows : mods[j].cols);

              if (hi <= cut)
                before = TRUE;
              else if (lo >= cut)
                after = TRUE;
              else
                ok = FALSE;
            }
          if (ok && before && after && cut < best)
            best = cut;
        }
      if (best != G_MAXUINT)
        {
          g_autofree CompModule *tmp = g_new (CompModule, n);
          guint k = 0, mid;

          for (guint i = from; i < to; i++)
            if ((axis == 0 ? mods[i].row + mods[i].rows : mods[i].col + mods[i].cols) <= best)
              tmp[k++] = mods[i];
          mid = from + k;
          for (guint i = from; i < to; i++)
            if (!((axis == 0 ? mods[i].row + mods[i].rows : mods[i].col + mods[i].cols) <= best))
              tmp[k++] = mods[i];
          memcpy (mods + from, tmp, n * sizeof *tmp);
          comp_order_modules (mods, from, mid);
          comp_order_modules (mods, mid, to);
          return;
        }
    }
}
