/* compose-head.c — the headline group (引题, 主题, 副题) of a module: its
 * setting at a module's width, whether it crosses the module's gutters,
 * its height in grid lines (cached), the vertical head (竖题) and the head
 * sizes by rank.
 */
#include "compose/compose-private.h"

#include <string.h>

static void
comp_head_clear (CompHead *h)
{
  g_clear_pointer (&h->badge, ts_paragraph_free);
  g_clear_pointer (&h->kicker, ts_paragraph_free);
  g_clear_pointer (&h->title, ts_paragraph_free);
  g_clear_pointer (&h->subtitle, ts_paragraph_free);
}

/* Whether the lines of the headline group cover every internal gutter of
 * a module @width pt wide (lines set at @inset from its left edge): a
 * gutter no head line crosses runs from the module's top to its foot, and
 * a reader (or a text extractor) would take the columns left of it before
 * the head. */
static gboolean
comp_head_covers (const LaySpec *spec, const CompHead *h, double width, double inset)
{
  double colw = lay_spec_column_width (spec), g = lay_spec_gutter (spec);
  const TsParagraph *pars[] = { h->kicker, h->title, h->subtitle };

  for (guint i = 1; i * (colw + g) < width; i++)
    {
      double g0 = i * colw + (i - 1) * g, g1 = g0 + g;
      gboolean covered = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (pars) && !covered; p++)
        for (guint l = 0; pars[p] && l < pars[p]->lines->len && !covered; l++)
          {
            const TsLine *line = g_ptr_array_index (pars[p]->lines, l);
            covered = inset + line->x <= g0 && inset + line->x + line->width >= g1;
          }
      if (!covered)
        return FALSE;
    }
  return TRUE;
}

/* A head that does not cross the module's gutters (h->covers FALSE): a
 * one-line title too short for that is set larger (up to title_grow_max,
 * still on one line); a title of several lines balanced into short lines
 * is set a little smaller on one line, or filling its first line. */
static void
comp_head_fit_title (CompState *st, const char *text, const TsStyle *style, double width,
                     double measure, CompHead *h)
{
  const LaySpec *spec = st->spec;
  const CompCosts *c = &spec->costs;
  TsStyle title = *style;

  if (!h->covers && h->title->lines->len == 1)
    {
      const TsLine *l = g_ptr_array_index (h->title->lines, 0);
      double need = width - 2 * lay_spec_column_width (spec) + title.size;
      double bigger = title.size * need / MAX (l->width, 1.0);

      if (bigger <= title.size * c->title_grow_max)
        {
          TsParagraph *par;

          title.pitch *= bigger / title.size;
          title.size = bigger;
          par = ts_set_text (st->ts, text, &title, measure);
          if (par->lines->len == 1)
            {
              ts_paragraph_free (h->title);
              h->title = par;
            }
          else
            ts_paragraph_free (par);
        }
    }
  else if (!h->covers)
    {
      /* on one line a little smaller, or filling the first line */
      double natural = ts_measure_text (st->ts, text, &title);
      double smaller = title.size * measure / MAX (natural, 1.0) * c->title_shrink_fit;

      if (smaller >= title.size * c->title_shrink_min)
        {
          title.pitch *= smaller / title.size;
          title.size = smaller;
        }
      else
        title.headline = FALSE;
      ts_paragraph_free (h->title);
      h->title = ts_set_text (st->ts, text, &title, measure);
      if (h->title->lines->len > 1 && title.headline)
        {
          title.headline = FALSE;
          ts_paragraph_free (h->title);
          h->title = ts_set_text (st->ts, text, &title, measure);
        }
    }
}

/* The 副题 @text.  "——市政协…": the 破折号 is drawn as a rule in the two
 * ems the text is indented by (h->dash, its style), not set as text: a
 * text extractor cannot tell a 副题's opening dash from a line that
 * starts with a dash (a line-start violation). */
static void
comp_head_subtitle (CompState *st, const char *text, const TsStyle *style, double measure,
                    CompHead *h)
{
  if (g_str_has_prefix (text, COMP_SUBTITLE_DASH) && text[strlen (COMP_SUBTITLE_DASH)])
    {
      TsStyle rest = *style;

      rest.indent = 2;
      h->subtitle = ts_set_text (st->ts, text + strlen (COMP_SUBTITLE_DASH), &rest, measure);
      h->dash = *style;
      h->dash.headline = FALSE;
      h->dash.align = TS_ALIGN_START;
    }
  else
    h->subtitle = ts_set_text (st->ts, text, style, measure);
}

/* The column badge (栏头, "两会花絮") of @art over its head: a short label
 * in the heading face at kicker size, on a tint in a box, half a line
 * above the head group. */
static void
comp_head_badge (CompState *st, const EdArticle *art, double measure, CompHead *h)
{
  const LaySpec *spec = st->spec;
  TsStyle bs = comp_style (TS_ROLE_HEADING, spec->kicker_size * spec->costs.badge_scale,
                           spec->costs.furniture_pitch, TS_ALIGN_START);

  if (!art->badge || !*art->badge)
    return;
  bs.headline = TRUE;
  h->badge = ts_set_text (st->ts, art->badge, &bs, measure - bs.size);
  /* the box is ¼ em outside the text; half a line under it */
  h->badge_extent = h->badge->extent + bs.size * 0.5 + spec->body_pitch * 0.5;
  h->extent += h->badge_extent;
}

/* Sets the headline group of @piece for a module @width pt wide with a
 * 主题 of @size pt.  A continuation gets a short repeat head (接题).  On a
 * module of three or more columns the head must cross every internal
 * gutter (comp_head_fit_title); h->covers tells whether it does. */
void
comp_head_set (CompState *st, const CompPiece *piece, double width, double size,
               gboolean lead, CompHead *h)
{
  const LaySpec *spec = st->spec;
  const EdArticle *art = piece->prep->art;
  double inset = spec->body_size;
  double measure = width - 2 * inset;
  double ksize = lead ? spec->kicker_lead : spec->kicker_size;
  const CompCosts *c = &spec->costs;
  TsStyle title = comp_style (comp_title_role (spec), size, c->title_pitch, TS_ALIGN_CENTER);
  TsStyle kick = comp_style (TS_ROLE_KICKER, ksize, c->kicker_pitch, TS_ALIGN_CENTER);
  TsStyle subt = comp_style (TS_ROLE_SUBTITLE, ksize, c->kicker_pitch, TS_ALIGN_CENTER);

  memset (h, 0, sizeof *h);
  /* the whole headline group is balanced, breaks between words and keeps
   * the editor's spaces (中共中央 国务院) */
  title.headline = TRUE;
  kick.headline = TRUE;
  subt.headline = TRUE;
  if (piece->part > 0)
    {
      title.size = spec->head_small;
      title.pitch = spec->head_small * c->jump_title_pitch;
    }
  else
    {
      if (art->kicker && *art->kicker)
        h->kicker = ts_set_text (st->ts, art->kicker, &kick, measure);
      if (art->subtitle && *art->subtitle)
        comp_head_subtitle (st, art->subtitle, &subt, measure, h);
    }
  h->title = ts_set_text (st->ts, art->title, &title, measure);
  h->covers = comp_head_covers (spec, h, width, inset);
  comp_head_fit_title (st, art->title, &title, width, measure, h);
  h->covers = comp_head_covers (spec, h, width, inset);
  if (piece->part > 0)
    {
      h->extent = h->title->extent + spec->body_pitch * 0.5;
      return;
    }
  h->extent = h->title->extent + spec->body_pitch;  /* half a line above and below */
  if (h->kicker)
    h->extent += h->kicker->extent;
  if (h->subtitle)
    h->extent += h->subtitle->extent + spec->body_pitch * 0.25;
  comp_head_badge (st, art, measure, h);
}

/* Rows of the head zone of @piece in a module @width pt wide, and whether
 * its head crosses the module's internal gutters (@ok, may be NULL); one
 * setting of the headline group for both, cached. */
static guint
comp_head_measure (CompState *st, const CompPiece *piece, double width, double size,
                   gboolean lead, gboolean *ok)
{
  CompHead h;
  guint v;
  g_autofree char *key = g_strdup_printf ("%p:%u:%.3f:%.3f:%d", (void *) piece->prep,
                                          piece->part, width, size, lead);
  gpointer cached;

  if (g_hash_table_lookup_extended (st->head_rows, key, NULL, &cached))
    v = GPOINTER_TO_UINT (cached);
  else
    {
      comp_head_set (st, piece, width, size, lead, &h);
      /* rows, and the head's covering in the top bit */
      v = comp_rows_for (st->spec, h.extent) | (h.covers ? 1u << 31 : 0);
      comp_head_clear (&h);
      g_hash_table_insert (st->head_rows, g_steal_pointer (&key), GUINT_TO_POINTER (v));
    }
  if (ok)
    *ok = (v >> 31) != 0;
  return v & ~(1u << 31);
}

gboolean
comp_head_ok (CompState *st, const CompPiece *piece, double width, double size,
              gboolean lead)
{
  gboolean ok;

  comp_head_measure (st, piece, width, size, lead, &ok);
  return ok;
}

guint
comp_head_rows (CompState *st, const CompPiece *piece, double width, double size,
                gboolean lead)
{
  return comp_head_measure (st, piece, width, size, lead, NULL);
}

/* The vertical headline's style at @size. */
TsStyle
comp_vertical_style (const LaySpec *spec, double size)
{
  TsStyle s = comp_style (comp_title_role (spec), size, spec->costs.vertical_title_pitch,
                          TS_ALIGN_START);

  s.vertical = TRUE;
  s.headline = TRUE;
  return s;
}

/* Body lines a vertical headline needs: its length plus a line of air. */
guint
comp_vertical_head_rows (CompState *st, const CompPiece *piece, double size)
{
  TsStyle vs = comp_vertical_style (st->spec, size);
  double len = ts_measure_text (st->ts, piece->prep->art->title, &vs);

  return comp_rows_for (st->spec, len) + 2;
}

gboolean
comp_is_notice (const EdArticle *art)
{
  /* the words a notice's title ends in */
  static const char *const ends[] = { "公告", "通告", "通知", "启事", "公示", "声明" };

  if (art->kind == ED_KIND_NOTICE)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (art->title && g_str_has_suffix (art->title, ends[i]))
      return TRUE;
  return FALSE;
}

double
comp_head_size (const LaySpec *spec, guint cols, gboolean page_lead, guint page)
{
  if (page_lead && page == 1 && cols >= spec->major_columns)
    return spec->head_lead;
  if (page_lead || cols >= spec->major_columns)
    return spec->head_major;
  if (cols >= 2)
    return spec->head_normal;
  return spec->head_small;
}
