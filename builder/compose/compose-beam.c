/* compose-beam.c — the plan of a multi-column page: a beam search over
 * its bands (compose-band.c), continuations placed after some of the
 * page's own articles where that costs less, and the white the page's
 * copy leaves spread or kept at the foot.
 */
#include "compose/compose-private.h"

#include <string.h>

/* Finds the queued continuation of a cut module. */
static CompPiece *
comp_find_piece (GArray *q, guint id)
{
  for (guint i = 0; i < q->len; i++)
    if (g_array_index (q, CompPiece, i).id == id)
      return &g_array_index (q, CompPiece, i);
  return NULL;
}

/* Grows band @bp by @grow rows: the modules that end with the band take
 * them (a cut module more text, the others more head zone).  Returns
 * FALSE, changing nothing, if a cut module would then hold all its text. */
static gboolean
comp_band_grow (CompPlan *pl, GArray *next_queue, const CompBandPos *bp, guint grow)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = bp->from; i < bp->to; i++)
      {
        CompModule *m = &g_array_index (pl->modules, CompModule, i);
        guint end;

        if (m->row + m->rows - m->foot != bp->row + bp->height || !m->cut)
          continue;
        guint lcols, ltop;

        comp_module_l (m, &lcols, &ltop);
        end = comp_flow (m->piece.prep->units, m->piece.unit0, m->text_cols,
                         m->body_rows + grow, 1, comp_piece_extra_rows (&m->piece),
                         lcols, ltop, NULL);
        if (pass == 0 && end >= m->piece.prep->units->len)
          return FALSE;
        if (pass == 1)
          {
            CompPiece *rest = comp_find_piece (next_queue, m->rest_id);

            m->unit_end = end;
            m->body_rows += grow;
            if (rest)
              rest->unit0 = end;
          }
      }
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row + m->rows - m->foot == bp->row + bp->height)
        m->rows += grow;
    }
  return TRUE;
}

/* Beams by cost, finished ones first (they are kept anyway). */
static gint
comp_beam_cmp (gconstpointer a, gconstpointer b)
{
  const CompBeam *p = a, *q = b;

  if (p->done != q->done)
    return p->done ? -1 : 1;
  return p->cost < q->cost ? -1 : p->cost > q->cost;
}

/* The best plan of a multi-column page from the front of @queue by a
 * beam search over its bands: each step extends the best partial pages by
 * their cheapest next bands.  Returns the plan's bands (of CompBand,
 * owned; NULL if none) and sets @cost. */
static GArray *
comp_beam_plan (CompState *st, CompPlan *pl, const GArray *queue, guint first_row, double *cost)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  const CompCosts *c = &spec->costs;
  const guint B = c->beam_width, K = c->band_choices;
  g_autoptr (GArray) beams = g_array_new (FALSE, FALSE, sizeof (CompBeam));
  CompBeam start = { g_array_new (FALSE, FALSE, sizeof (CompBand)), 0, first_row, 0, FALSE };
  CompBand *choice = g_new (CompBand, K);
  gboolean more = TRUE;
  double best_final = G_MAXDOUBLE;
  gint best = -1;
  GArray *plan = NULL;

  g_array_append_val (beams, start);
  while (more)
    {
      g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (CompBeam));

      more = FALSE;
      for (guint i = 0; i < beams->len; i++)
        {
          CompBeam *be = &g_array_index (beams, CompBeam, i);
          CompBandList list = { choice, 0, K };
          g_autoptr (GArray) rest = NULL;

          if (!be->done && be->q < queue->len && be->row < pl->rows
              && pl->rows - be->row >= spec->min_module_rows)
            {
              rest = g_array_sized_new (FALSE, FALSE, sizeof (CompPiece), queue->len - be->q);
              g_array_append_vals (rest, &g_array_index (queue, CompPiece, be->q),
                                   queue->len - be->q);
              comp_band_choices (st, pl, rest, pl->rows - be->row,
                                 be->bands->len == 0
                                 && g_array_index (rest, CompPiece, 0).part == 0, &list);
            }
          if (list.n == 0)
            {
              be->done = TRUE;
              g_array_append_val (next, *be);
              be->bands = NULL;
              continue;
            }
          for (guint k = 0; k < list.n; k++)
            {
              CompBeam nb = { g_array_copy (be->bands), be->q + list.b[k].n_mods,
                              be->row + list.b[k].height + (list.b[k].foot ? 0 : gap),
                              be->cost + list.b[k].cost, FALSE };

              g_array_append_val (nb.bands, list.b[k]);
              g_array_append_val (next, nb);
              more = TRUE;
            }
          g_array_unref (be->bands);
          be->bands = NULL;
        }
      /* keep the finished ones and the best few unfinished */
      g_array_sort (next, comp_beam_cmp);
      g_array_set_size (beams, 0);
      for (guint i = 0, kept = 0; i < next->len; i++)
        {
          CompBeam *nb = &g_array_index (next, CompBeam, i);

          if (nb->done || kept < B)
            {
              kept += !nb->done;
              g_array_append_val (beams, *nb);
            }
          else
            g_array_unref (nb->bands);
        }
    }
  /* the best finished page: its bands' costs, then what they leave */
  for (guint i = 0; i < beams->len; i++)
    {
      const CompBeam *be = &g_array_index (beams, CompBeam, i);
      double final = be->cost;
      guint end = first_row;

      for (guint k = be->q; k < queue->len; k++)
        final += g_array_index (queue, CompPiece, k).part == 0
                 ? (comp_carry_over (spec) ? c->unstarted_flow : c->unstarted)
                 : c->continuation_left;
      guint widths = 0, nmods = 0;

      for (guint b = 0; b < be->bands->len; b++)
        {
          const CompBand *band = &g_array_index (be->bands, CompBand, b);

          for (guint k = 0; k < band->n_mods; k++)
            widths |= 1u << MIN (band->mods[k].cols, 31u);
          nmods += band->n_mods;
          end = band->foot ? pl->rows : end;
          /* a cut before the page's last band: its continuation comes
           * after the text below it */
          for (guint k = 0; b + 1 < be->bands->len && k < band->n_mods; k++)
            final += band->mods[k].cut ? (comp_carry_over (spec) ? c->cut_before_last_band_flow
                                                                 : c->cut_before_last_band)
                                       : 0.0;
        }
      if (be->bands->len > 0 && end < pl->rows)
        {
          const CompBand *lb = &g_array_index (be->bands, CompBand, be->bands->len - 1);
          guint lend = be->row - (lb->foot ? 0 : gap);

          /* copy left over but no room: a hole at the foot */
          if (be->q < queue->len && lend < pl->rows)
            final += c->white_cell * (pl->rows - lend) * spec->columns;
        }
      /* a news page is not a uniform grid: three module widths or more */
      if (nmods >= c->grid_modules && (guint) __builtin_popcount (widths) < c->grid_widths)
        final += c->uniform_grid;
      if (final < best_final)
        {
          best_final = final;
          best = (gint) i;
        }
    }
  g_free (choice);
  if (best >= 0)
    plan = g_array_ref (g_array_index (beams, CompBeam, best).bands);
  for (guint i = 0; i < beams->len; i++)
    g_array_unref (g_array_index (beams, CompBeam, i).bands);
  *cost = best_final;
  return plan;
}

/* Whether @plan places queue pieces [from, to) whole. */
static gboolean
comp_plan_places (const GArray *plan, guint from, guint to)
{
  guint q = 0;

  for (guint b = 0; b < plan->len; b++)
    {
      const CompBand *bd = &g_array_index (plan, CompBand, b);

      for (guint i = 0; i < bd->n_mods; i++, q++)
        if (q >= from && q < to && bd->mods[i].cut)
          return FALSE;
    }
  return q >= to;
}

/* Ends the modules of the page's last band @lb at the foot. */
static void
comp_trim_last_band (CompPlan *pl, const CompBandPos *lb)
{
  for (guint i = lb->from; i < lb->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row + m->rows > pl->rows)
        {
          guint over = m->row + m->rows - pl->rows;

          m->rows -= over;
          m->foot = m->foot > over ? m->foot - over : 0;
        }
    }
}

/* Plans a multi-column page in bands from the front of @queue (consumed);
 * cut pieces continue in @next_queue, on a later page. */
void
comp_plan_bands (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                 guint first_row)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint row = first_row, end, left;
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (CompBandPos));
  double cost;
  g_autoptr (GArray) plan = comp_beam_plan (st, pl, queue, first_row, &cost);
  guint nc = 0;
  g_autoptr (GArray) orig = NULL;

  /* continuations come first on a page; where they leave a hole there,
   * they may follow one, two or three of the page's articles instead
   * (their 上接 line tells the reader where they come from), placed
   * whole on this page */
  while (nc < queue->len && g_array_index (queue, CompPiece, nc).part > 0)
    nc++;
  orig = nc > 0 ? g_array_copy (queue) : NULL;
  for (guint k = 1; nc > 0 && k <= spec->costs.continuation_after_max && nc + k <= orig->len; k++)
    {
      g_autoptr (GArray) alt = g_array_sized_new (FALSE, FALSE, sizeof (CompPiece), orig->len);
      double alt_cost;
      GArray *alt_plan;

      g_array_append_vals (alt, &g_array_index (orig, CompPiece, nc), k);
      g_array_append_vals (alt, orig->data, nc);
      g_array_append_vals (alt, &g_array_index (orig, CompPiece, nc + k), orig->len - nc - k);
      alt_plan = comp_beam_plan (st, pl, alt, first_row, &alt_cost);
      /* each article read between a continuation and the page it comes
       * from weighs against it */
      alt_cost += spec->costs.continuation_later * k;
      if (alt_plan && (!plan || alt_cost < cost) && comp_plan_places (alt_plan, k, k + nc))
        {
          g_clear_pointer (&plan, g_array_unref);
          plan = alt_plan;
          cost = alt_cost;
          memcpy (queue->data, alt->data, queue->len * sizeof (CompPiece));
        }
      else if (alt_plan)
        g_array_unref (alt_plan);
    }
  if (plan)
    {
      for (guint b = 0; b < plan->len; b++)
        {
          const CompBand *bd = &g_array_index (plan, CompBand, b);
          gboolean lead = b == 0 && g_array_index (queue, CompPiece, 0).part == 0;
          CompBandPos bp;
          guint col = 0;

          bp.from = pl->modules->len;
          bp.row = row;
          bp.height = bd->height;
          for (guint i = 0; i < bd->n_mods; i++)
            {
              CompModule m = bd->mods[i];
              const CompPiece piece = g_array_index (queue, CompPiece, i);

              m.piece = piece;
              m.page_lead = lead && i == 0;
              m.col = col;
              m.row = row + bd->top[i];
              m.foot = bd->above[i] || !bd->foot ? gap : 0;
              m.rows += m.foot;
              comp_queue_rest (st, pl, next_queue, &m);
              g_array_append_val (pl->modules, m);
              if (!bd->above[i])
                col += m.cols;
            }
          bp.to = pl->modules->len;
          /* the page's last copy left the band's right columns white */
          if (col < spec->columns)
            {
              pl->ran_out = TRUE;
              pl->hole_rows = MAX (pl->hole_rows, bd->height);
            }
          g_array_append_val (bands, bp);
          g_array_remove_range (queue, 0, bd->n_mods);
          pl->hole_rows = MAX (pl->hole_rows, bd->white);
          row += bd->height + (bd->foot ? 0 : gap);
        }
    }
  if (bands->len == 0)
    return;
  end = g_array_index (bands, CompBandPos, bands->len - 1).row
        + g_array_index (bands, CompBandPos, bands->len - 1).height;
  left = end < pl->rows ? pl->rows - end : 0;
  if (left > 0 && queue->len == 0 && pl->last && next_queue->len == 0)
    {
      /* the edition's text ends on this page: its white stays at the foot,
       * the end of the edition, rather than open holes between the bands */
      pl->ran_out = TRUE;
      pl->spare = left;
      pl->hole_rows = MAX (pl->hole_rows, left);
    }
  else if (left > 0 && queue->len == 0)
    {
      /* the page's copy ran out: spread the white evenly between the
       * bands — and under the last too when it is more than a quarter of
       * the page (a thin page), not to stretch the bands apart */
      gboolean thin = left * 4 > pl->rows;
      guint ngaps = thin || bands->len == 1 ? bands->len : bands->len - 1, shift = 0;

      pl->ran_out = TRUE;
      pl->spare = left;
      for (guint b = 0; b < bands->len; b++)
        {
          const CompBandPos *bp = &g_array_index (bands, CompBandPos, b);
          guint extra = b + 1 < bands->len ? left / ngaps + (b < left % ngaps ? 1 : 0) : 0;

          for (guint i = bp->from; i < bp->to; i++)
            {
              CompModule *m = &g_array_index (pl->modules, CompModule, i);

              if (m->row + m->rows - m->foot == bp->row + bp->height)
                {
                  m->foot += extra;
                  m->rows += extra;
                }
              m->row += shift;
            }
          shift += extra;
        }
      pl->hole_rows = MAX (pl->hole_rows, left / ngaps);
    }
  else if (left > 0)
    {
      /* more copy waits but no band fits under the last: the bands grow
       * by a few lines each, the lowest first */
      g_autofree guint *grow = g_new0 (guint, bands->len);
      guint shift = 0;

      for (guint b = bands->len; b-- > 0 && left > 0;)
        {
          CompBandPos *bp = &g_array_index (bands, CompBandPos, b);
          guint gr = MIN (left, spec->stretch_rows);

          if (comp_band_grow (pl, next_queue, bp, gr))
            {
              grow[b] = gr;
              left -= gr;
            }
        }
      for (guint b = 0; b < bands->len; b++)
        {
          const CompBandPos *bp = &g_array_index (bands, CompBandPos, b);

          for (guint i = bp->from; i < bp->to; i++)
            g_array_index (pl->modules, CompModule, i).row += shift;
          shift += grow[b];
        }
      pl->hole_rows = MAX (pl->hole_rows, left);
    }
  /* the last band's modules end at the foot, without a gap */
  comp_trim_last_band (pl, &g_array_index (bands, CompBandPos, bands->len - 1));
  for (guint b = 0; b < bands->len; b++)
    comp_band_air (spec, pl, &g_array_index (bands, CompBandPos, b));
}
