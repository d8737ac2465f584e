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
        end = comp_flow (m->piece.prep, m->piece.unit0, m->text_cols,
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

/* Extends every unfinished partial plan of @beams by its cheapest next
 * bands (at most @k each, using @choice as room) and keeps the finished
 * ones and the @width cheapest unfinished.  Returns FALSE when no plan
 * could grow. */
static gboolean
comp_beam_step (CompState *st, CompPlan *pl, const GArray *queue, GArray *beams, guint width,
                CompBand *choice, guint k)
{
  const LaySpec *spec = st->spec;
  g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (CompBeam));
  gboolean more = FALSE;

  for (guint i = 0; i < beams->len; i++)
    {
      CompBeam *be = &g_array_index (beams, CompBeam, i);
      CompBandList list = { choice, 0, k };
      g_autoptr (GArray) rest = NULL;

      if (!be->done && be->q < queue->len && be->row < pl->rows
          && pl->rows - be->row >= spec->min_module_rows)
        {
          rest = g_array_sized_new (FALSE, FALSE, sizeof (CompPiece), queue->len - be->q);
          g_array_append_vals (rest, &g_array_index (queue, CompPiece, be->q), queue->len - be->q);
          comp_band_choices (st, pl, rest, pl->rows - be->row,
                             be->bands->len == 0 && g_array_index (rest, CompPiece, 0).part == 0,
                             &list);
        }
      if (list.n == 0)
        {
          be->done = TRUE;
          g_array_append_val (next, *be);
          be->bands = NULL;
          continue;
        }
      for (guint j = 0; j < list.n; j++)
        {
          CompBeam nb = { g_array_copy (be->bands), be->q + list.b[j].n_mods,
                          be->row + list.b[j].height + (list.b[j].foot ? 0 : spec->band_gap_rows),
                          be->cost + list.b[j].cost, FALSE };

          g_array_append_val (nb.bands, list.b[j]);
          g_array_append_val (next, nb);
          st->ce->stats.plans++;
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

      if (nb->done || kept < width)
        {
          kept += !nb->done;
          g_array_append_val (beams, *nb);
        }
      else
        g_array_unref (nb->bands);
    }
  return more;
}

/* The cost of finished plan @be of a page: its bands' costs, then what
 * they leave — pieces not placed, cuts before the last band, a hole at
 * the foot while copy waits, a page of too few module widths. */
static double
comp_beam_final_cost (const LaySpec *spec, const CompPlan *pl, const GArray *queue,
                      const CompBeam *be, guint first_row)
{
  const CompCosts *c = &spec->costs;
  guint gap = spec->band_gap_rows;
  double final = be->cost;
  guint end = first_row, widths = 0, nmods = 0;

  for (guint k = be->q; k < queue->len; k++)
    final += g_array_index (queue, CompPiece, k).part == 0
             ? (comp_carry_over (spec) ? c->unstarted_flow : c->unstarted)
             : c->continuation_left;
  for (guint b = 0; b < be->bands->len; b++)
    {
      const CompBand *band = &g_array_index (be->bands, CompBand, b);

      for (guint k = 0; k < band->n_mods; k++)
        widths |= 1u << MIN (band->mods[k].cols, 31u);
      nmods += band->n_mods;
      end = band->foot ? pl->rows : end;
      /* a cut before the page's last band: its continuation comes after
       * the text below it */
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
  /* a news page is not a uniform grid: grid_widths module widths or more */
  if (nmods >= c->grid_modules && (guint) __builtin_popcount (widths) < c->grid_widths)
    final += c->uniform_grid;
  return final;
}

/* The best plan of a multi-column page from the front of @queue by a
 * beam search over its bands: each step extends the best partial pages by
 * their cheapest next bands.  Returns the plan's bands (of CompBand,
 * owned; NULL if none) and sets @cost. */
static GArray *
comp_beam_plan (CompState *st, CompPlan *pl, const GArray *queue, guint first_row, double *cost)
{
  const CompCosts *c = &st->spec->costs;
  g_autoptr (GArray) beams = g_array_new (FALSE, FALSE, sizeof (CompBeam));
  CompBeam start = { g_array_new (FALSE, FALSE, sizeof (CompBand)), 0, first_row, 0, FALSE };
  g_autofree CompBand *choice = g_new (CompBand, c->band_choices);
  double best_final = G_MAXDOUBLE;
  gint best = -1;
  GArray *plan = NULL;

  g_array_append_val (beams, start);
  while (comp_beam_step (st, pl, queue, beams, c->beam_width, choice, c->band_choices))
    ;
  /* the best finished page */
  for (guint i = 0; i < beams->len; i++)
    {
      double final = comp_beam_final_cost (st->spec, pl, queue,
                                           &g_array_index (beams, CompBeam, i), first_row);

      if (final < best_final)
        {
          best_final = final;
          best = (gint) i;
        }
    }
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

/* Continuations come first on a page; where they leave a hole there,
 * they may follow one to continuation_after_max of the page's articles
 * instead (their 上接 line tells the reader where they come from), placed
 * whole on this page.  Replaces *@plan and *@cost, and reorders @queue,
 * when such an order costs less. */
static void
comp_plan_continuations_later (CompState *st, CompPlan *pl, GArray *queue, guint first_row,
                               GArray **plan, double *cost)
{
  const LaySpec *spec = st->spec;
  g_autoptr (GArray) orig = NULL;
  guint nc = 0;

  while (nc < queue->len && g_array_index (queue, CompPiece, nc).part > 0)
    nc++;
  if (nc == 0)
    return;
  orig = g_array_copy (queue);
  for (guint k = 1; k <= spec->costs.continuation_after_max && nc + k <= orig->len; k++)
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
      if (alt_plan && (!*plan || alt_cost < *cost) && comp_plan_places (alt_plan, k, k + nc))
        {
          g_clear_pointer (plan, g_array_unref);
          *plan = alt_plan;
          *cost = alt_cost;
          memcpy (queue->data, alt->data, queue->len * sizeof (CompPiece));
        }
      else if (alt_plan)
        g_array_unref (alt_plan);
    }
}

/* Places the bands of @plan from row @row down: the queue's pieces become
 * modules of pl->modules (consumed from @queue; cut ones continue in
 * @next_queue), each band's extent appended to @bands. */
static void
comp_place_plan (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                 const GArray *plan, guint row, GArray *bands)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;

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

/* The page's copy ran out @left rows short: spread the white evenly
 * between the @bands — and under the last too when it is more than a
 * quarter of the page (a thin page), not to stretch the bands apart. */
static void
comp_spread_white (CompPlan *pl, const GArray *bands, guint left)
{
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

/* More copy waits but no band fits in the @left rows under the last: the
 * @bands grow by up to stretch_rows each, the lowest first. */
static void
comp_grow_bands (const LaySpec *spec, CompPlan *pl, GArray *next_queue, GArray *bands,
                 guint left)
{
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

/* Plans a multi-column page in bands from the front of @queue (consumed);
 * cut pieces continue in @next_queue, on a later page. */
void
comp_plan_bands (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                 guint first_row)
{
  const LaySpec *spec = st->spec;
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (CompBandPos));
  double cost;
  g_autoptr (GArray) plan = comp_beam_plan (st, pl, queue, first_row, &cost);
  const CompBandPos *last;
  guint end, left;

  comp_plan_continuations_later (st, pl, queue, first_row, &plan, &cost);
  if (plan)
    comp_place_plan (st, pl, queue, next_queue, plan, first_row, bands);
  if (bands->len == 0)
    return;
  last = &g_array_index (bands, CompBandPos, bands->len - 1);
  end = last->row + last->height;
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
    comp_spread_white (pl, bands, left);
  else if (left > 0)
    comp_grow_bands (spec, pl, next_queue, bands, left);
  /* the last band's modules end at the foot, without a gap */
  comp_trim_last_band (pl, &g_array_index (bands, CompBandPos, bands->len - 1));
  for (guint b = 0; b < bands->len; b++)
    comp_band_air (spec, pl, &g_array_index (bands, CompBandPos, b));
}
