/* compose-measure.c — a piece of an article as a module: its natural
 * size at a number of columns (head zone, figures, balanced body), its
 * preferred width, and its cut to a height.
 */
#include "compose/compose-private.h"

#include <math.h>
#include <string.h>

/* Rows of figure @f at @width: picture, caption, credit, a line of air.
 * The picture (or frame) is whole lines tall, at most figure_max_rows and
 * at most what leaves its caption and air inside @room rows; a picture cut
 * shorter keeps its proportions (narrower than @width, *pic_width).  The
 * credit stands on a line of its own under the caption. */
guint
comp_figure_rows (CompState *st, const CompFigure *f, double width, guint room,
                  guint *pic_rows, double *pic_width, TsParagraph **caption,
                  TsParagraph **credit)
{
  const LaySpec *spec = st->spec;
  double w = width;
  TsParagraph *par, *cred = NULL;
  guint pic = 0;
  guint cap_rows, rows;

  par = comp_caption_set (st, f, w, &cred);
  cap_rows = comp_rows_for (spec, par->extent) + (cred ? comp_rows_for (spec, cred->extent) : 0);
  if (f->iw > 0)
    {
      guint natural = (guint) ceil ((w * f->ih / f->iw) / spec->body_pitch
                                    + spec->costs.picture_inset);
      guint most = MIN (spec->figure_max_rows, room > cap_rows + 3 ? room - cap_rows - 1 : 2);

      pic = MIN (natural, most);
      /* a picture keeps its proportions, narrower; a frame is cropped
       * flatter first, to frame_aspect_max */
      if (pic < natural)
        w = MIN (width, (pic - spec->costs.picture_inset) * spec->body_pitch
                        * (f->frame ? MAX (spec->costs.frame_aspect_max, f->iw / f->ih)
                                    : f->iw / f->ih));
    }
  *pic_rows = pic;
  if (pic_width)
    *pic_width = w;
  rows = pic + cap_rows + 1;  /* + a line of air */
  if (caption)
    *caption = par;
  else
    ts_paragraph_free (par);
  if (credit)
    *credit = cred;
  else
    ts_paragraph_free (cred);
  return rows;
}

/* Rows one figure of @piece may take: the figures share what a front page
 * (under the masthead) leaves below a head zone of @head_rows and two body
 * lines, so an article with pictures always fits a page. */
guint
comp_figure_room (const LaySpec *spec, const CompPiece *piece, guint head_rows)
{
  guint page = lay_spec_rows (spec) - MIN (spec->masthead_rows, lay_spec_rows (spec));
  guint n = MAX (piece->prep->figures->len, 1u);

  return page > head_rows + 2 ? (page - head_rows - 2) / n : 0;
}

/* Rows of the figures of @piece in an area @width pt wide, frames
 * @frame_cols wide (0: the layout's). */
static guint
comp_figures_rows (CompState *st, const CompPiece *piece, double width, guint head_rows,
                   guint frame_cols)
{
  guint rows = 0, pic;
  guint room = comp_figure_room (st->spec, piece, head_rows);

  if (piece->part > 0)
    return 0;
  for (guint i = 0; i < piece->prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (piece->prep->figures, i);

      double fw = comp_figure_width (st->spec, piece->prep, f, width, frame_cols);

      rows += comp_figure_rows (st, f, fw, room, &pic, NULL, NULL, NULL);
    }
  return rows;
}

/* First text column of a module: a vertical head takes the first one. */
guint
comp_text_col0 (const CompModule *m)
{
  return m->col + (m->vertical ? 1 : 0);
}

/* Body units of a continuation start with the 上接 line: one row. */
guint
comp_piece_extra_rows (const CompPiece *piece)
{
  return piece->part > 0 ? 1 : 0;
}

/* Whether a title can stand as a vertical head: no punctuation, which a
 * reader of the page as rows (or a text extractor) would find alone at a
 * line's start or end. */
static gboolean
comp_title_verticalable (const char *title)
{
  for (const char *p = title; p && *p; p = g_utf8_next_char (p))
    if (g_unichar_ispunct (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Natural size of @piece in @cols columns. */
void
comp_measure_piece (CompState *st, const CompPiece *piece, guint cols, gboolean page_lead,
                    guint page, CompModule *m)
{
  const LaySpec *spec = st->spec;
  double width = lay_spec_span_width (spec, cols);

  memset (m, 0, sizeof *m);
  m->piece = *piece;
  m->cols = cols;
  m->page_lead = page_lead;
  m->vertical = piece->prep->art->vertical_title && piece->part == 0 && cols >= 2
                && !piece->prep->art->badge && comp_title_verticalable (piece->prep->art->title);
  m->text_cols = m->vertical ? cols - 1 : cols;
  /* photo news: a small head, its pictures across the module */
  m->head_size = comp_is_photo (piece) ? spec->head_small
                                       : comp_head_size (spec, cols, page_lead, page);
  m->frame_cols = comp_is_photo (piece) ? m->text_cols : 0;
  m->head_cols = 0;
  m->head_rows = m->vertical ? 0 : comp_head_rows (st, piece, width, m->head_size, page_lead);
  m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->text_cols),
                                   m->head_rows, m->frame_cols);
  m->body_rows = comp_balance (piece->prep, piece->unit0, m->text_cols,
                               comp_piece_extra_rows (piece), 0, 0);
  /* the text beside a vertical head is at least as tall as the head */
  if (m->vertical)
    m->body_rows = MAX (m->body_rows + m->fig_rows,
                        comp_vertical_head_rows (st, piece, m->head_size)) - m->fig_rows;
  /* (photo news: its picture and caption across the module bar the
   * gutters under its small head) */
  if (!m->vertical && cols >= 3 && !comp_is_photo (piece)
      && !comp_head_ok (st, piece, width, m->head_size, page_lead))
    {
      /* a head too short to cross every gutter: 串文题 over the first
       * columns it does cross, the other columns start at the top */
      guint hc = cols - 1;

      while (hc >= 2 && !comp_head_ok (st, piece, lay_spec_span_width (spec, hc),
                                       m->head_size, page_lead))
        hc--;
      m->head_cols = MAX (hc, 1u);
      m->head_rows = comp_head_rows (st, piece, lay_spec_span_width (spec, m->head_cols),
                                     m->head_size, page_lead);
      m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->head_cols),
                                       m->head_rows, m->frame_cols);
      m->body_rows = comp_balance (piece->prep, piece->unit0, m->text_cols,
                                   comp_piece_extra_rows (piece), m->head_cols,
                                   m->head_rows + m->fig_rows);
    }
  m->fig_cols = 0;
  if (!m->vertical && !m->head_cols && m->text_cols >= 2 && piece->part == 0
      && piece->prep->figures->len > 0 && !comp_is_photo (piece))
    {
      /* a picture across every column would leave a white band a reader
       * (or an XY-cut) takes for a break: it takes the first half of the
       * columns (and one more), or a frame its own, the others run beside
       * it from the top */
      m->fig_cols = MIN (MIN (m->text_cols - 1, (m->text_cols + 2) / 2),
                         comp_figures_cols (spec, piece->prep, m->frame_cols));
      m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->fig_cols),
                                       m->head_rows, m->frame_cols);
      m->body_rows = comp_balance (piece->prep, piece->unit0, m->text_cols,
                                   comp_piece_extra_rows (piece), m->fig_cols, m->fig_rows);
    }
  m->unit_end = piece->prep->units->len;
  m->cut = FALSE;
  m->sep = FALSE;
  m->foot = 0;
}

/* Text columns [0, *lcols) of @m start *ltop rows below the top of its
 * body area: under a 串文题 head and its figures (the body area is then the
 * module), or under figures that leave the last column free. */
void
comp_module_l (const CompModule *m, guint *lcols, guint *ltop)
{
  *lcols = m->head_cols ? m->head_cols : m->fig_cols;
  *ltop = m->head_cols ? m->head_rows + m->fig_rows : m->fig_cols ? m->fig_rows : 0;
}

guint
comp_module_need (const CompModule *m)
{
  /* a 串文题 module's body rows count from its top */
  if (m->head_cols)
    return m->body_rows;
  if (m->fig_cols)
    return m->head_rows + m->body_rows;
  return m->head_rows + m->fig_rows + m->body_rows;
}

/* Preferred width of a piece: the page lead is wide; long articles get
 * more columns so that modules stay short and wide. */
guint
comp_preferred_cols (const LaySpec *spec, const CompPiece *piece, gboolean page_lead,
                     guint free_rows, double target)
{
  guint rows = lay_spec_rows (spec);
  guint remaining = comp_piece_rows (piece), cols;

  if (comp_is_photo (piece) && piece->part == 0)
    return comp_photo_cols (spec, piece);
  cols = (guint) ceil (remaining / (target * rows));
  if (piece->prep->art->vertical_title && piece->part == 0)
    cols = MAX (cols, 1u) + 1;
  if (page_lead)
    cols = MAX (cols, spec->lead_columns);
  else
    cols = MIN (cols, spec->wide_columns + (piece->prep->art->vertical_title ? 1 : 0));
  /* a short text in a tall slot: do not make a sliver */
  while (cols > (piece->prep->art->vertical_title && piece->part == 0 ? 2u : 1u)
         && remaining / cols < MIN (spec->costs.sliver_lines, free_rows / 4))
    cols--;
  return CLAMP (cols, 1u, spec->columns);
}

/* Whether a page lead has the copy for the lead's width (lead_columns)
 * where pages flow: a lead with less than min_module_rows of text for each
 * of those columns (a notice, a teaser) takes the width its text fills
 * rather than leave white under it.  A broadsheet keeps its lead wide. */
gboolean
comp_lead_has_copy (const LaySpec *spec, const CompPiece *piece)
{
  guint remaining = comp_piece_rows (piece);

  return spec->keep_edition_pages || remaining >= spec->lead_columns * spec->min_module_rows;
}

/* Cuts @m (already measured at its width) to @rows: the body gets what
 * is left under head and figures, less a row for the jump line. */
gboolean
comp_cut_module (CompModule *m, guint rows)
{
  guint body;

  if (rows <= m->head_rows + m->fig_rows + 1)
    return FALSE;
  guint lcols, ltop;

  comp_module_l (m, &lcols, &ltop);
  body = m->head_cols ? rows : m->fig_cols ? rows - m->head_rows
                                           : rows - m->head_rows - m->fig_rows;
  if (body <= ltop + 1)
    return FALSE;
  m->unit_end = comp_flow (m->piece.prep, m->piece.unit0, m->text_cols, body, 1,
                           comp_piece_extra_rows (&m->piece), lcols, ltop, NULL);
  if (m->unit_end <= m->piece.unit0)
    return FALSE;
  m->body_rows = body;
  m->rows = rows;
  m->cut = m->unit_end < m->piece.prep->units->len;
  m->sep = FALSE;
  return TRUE;
}

/* Queues the continuation of @m (placed on page pl->page) in @next_queue
 * when it is cut. */
void
comp_queue_rest (CompState *st, const CompPlan *pl, GArray *next_queue, CompModule *m)
{
  if (m->cut)
    {
      CompPiece rest = { m->piece.prep, m->unit_end, m->piece.part + 1, pl->page,
                         st->next_piece_id++ };

      g_array_append_val (next_queue, rest);
      m->rest_id = rest.id;
    }
}

/* Whether every text column of @m holds at least column_min_lines: a column of
 * one line has no gutter a reader's eye (or an extractor's XY-cut) can
 * follow, and is read across with its neighbour. */
gboolean
comp_columns_ok (const LaySpec *spec, const CompModule *m)
{
  guint n = m->unit_end - m->piece.unit0;
  guint extra = comp_piece_extra_rows (&m->piece);
  guint lcols, ltop;
  g_autofree guint *fill = NULL;

  if (m->text_cols < 2 || n == 0)
    return TRUE;   /* (photo news may have no text under its pictures) */
  comp_module_l (m, &lcols, &ltop);
  /* each column's text from its top: where it ends, less where it starts */
  fill = g_new (guint, m->text_cols);
  for (guint c = 0; c < m->text_cols; c++)
    fill[c] = c < lcols ? ltop : 0;
  comp_flow_ends (m->piece.prep, m->piece.unit0, m->unit_end, m->text_cols, m->body_rows,
                  m->cut ? 1 : 0, extra, lcols, ltop, fill);
  for (guint c = 0; c < m->text_cols; c++)
    fill[c] -= c < lcols ? ltop : 0;
  if (m->cut)
    fill[m->text_cols - 1]++;
  for (guint c = 0; c < m->text_cols; c++)
    if (fill[c] < spec->costs.column_min_lines)
      return FALSE;
  /* and the columns together at least four: fewer lines side by side
   * read as rows across */
  return fill[0] >= spec->costs.first_column_min_lines;
}

/* White rows at the module's foot: the band gap, or the separator line. */
guint
comp_module_foot (const CompModule *m)
{
  return m->foot ? m->foot : (m->sep ? 1 : 0);
}

/* Whether a page's articles that do not fit move whole to the next print
 * page (one-column screens always; others as the layout says) rather than
 * earlier ones being cut so that all start on their edition page. */
gboolean
comp_carry_over (const LaySpec *spec)
{
  return spec->columns == 1 || !spec->keep_edition_pages;
}
