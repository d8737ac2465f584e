/* compose-band.c — one band of a multi-column page: a row of slots (each
 * a module, or a stack of modules of its width) at the front of the queue,
 * its candidate heights and its cost (compose-costs.h).
 */
#include "compose/compose-private.h"

#include <string.h>

static const CompModule *
comp_band_measure (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                   guint i, guint cols, gboolean lead)
{
  const LaySpec *spec = st->spec;
  guint k = i * (spec->columns + 1) + cols;

  if (i >= mc->n)
    return NULL;
  if (!mc->done[k])
    {
      const CompPiece *piece = &g_array_index (queue, CompPiece, i);
      CompModule *m = &mc->m[k];

      st->ce->stats.measures++;
      comp_measure_piece (st, piece, cols, lead, pl->page, m);
      /* (a head that cannot cross the gutters is set as a 串文题) */
      mc->ok[k] = comp_columns_ok (spec, m);
      mc->done[k] = TRUE;
    }
  return mc->ok[k] ? &mc->m[k] : NULL;
}

/* Fits module @m (measured) into @rows content rows, cut when longer.
 * Returns FALSE if it cannot start in so few rows. */
static gboolean
comp_band_fit (const LaySpec *spec, CompModule *m, guint rows, guint *cuts)
{
  /* a picture frame shrinks before the text is cut */
  if (comp_module_need (m) > rows)
    comp_frame_fit (spec, m, rows);
  if (comp_module_need (m) > rows)
    {
      if (rows < spec->min_module_rows || !comp_cut_module (m, rows) || !comp_columns_ok (spec, m))
        return FALSE;
      (*cuts)++;
      return TRUE;
    }
  m->rows = rows;
  return TRUE;
}

/* Fills band @b of slot widths @w[0..n) and content height @h from the
 * front of the queue: each slot takes the next piece, then stacks the
 * following ones under it while they fit whole (the last slot of a band
 * at the page foot may end with a cut one), keeping at least one piece
 * for each slot to its right.  Returns FALSE if a slot's first piece
 * cannot start in @h rows. */
static gboolean
comp_band_fill (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                const guint *w, guint n, guint h, gboolean lead, CompBand *b)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint q = 0;

  b->n_mods = 0;
  b->cuts = 0;
  b->height = h;
  for (guint i = 0; i < n; i++)
    {
      const CompModule *m = comp_band_measure (st, pl, queue, mc, q, w[i], lead && i == 0);
      guint top = 0;
      gboolean slot_full;   /* a head in the slot crosses its gutters */

      if (!m || b->n_mods >= COMP_BAND_MODS)
        return FALSE;
      b->mods[b->n_mods] = *m;
      b->top[b->n_mods] = 0;
      b->above[b->n_mods] = FALSE;
      if (!comp_band_fit (spec, &b->mods[b->n_mods], h, &b->cuts))
        return FALSE;
      b->n_mods++;
      q++;
      slot_full = !m->head_cols && !m->vertical;
      while (!b->mods[b->n_mods - 1].cut && b->n_mods < COMP_BAND_MODS
             && q + (n - 1 - i) < mc->n)
        {
          guint l = b->n_mods - 1;
          const CompModule *s;
          CompModule sm;

          top = b->top[l] + comp_module_need (&b->mods[l]) + gap;
          if (top + spec->min_module_rows > h)
            break;
          s = comp_band_measure (st, pl, queue, mc, q, w[i], FALSE);
          if (!s)
            break;
          sm = *s;
          if (comp_module_need (&sm) > h - top && !(b->foot && i + 1 == n))
            break;
          /* a 串文题 or vertical head leaves a gutter clear through its
           * module: a stack needs one head across the slot to bar it, or
           * its modules would be read across */
          if ((sm.head_cols || sm.vertical) && !slot_full)
            break;
          slot_full |= !sm.head_cols && !sm.vertical;
          if (!comp_band_fit (spec, &sm, h - top, &b->cuts))
            break;
          b->mods[l].rows = comp_module_need (&b->mods[l]);
          b->above[l] = TRUE;
          b->top[b->n_mods] = top;
          b->above[b->n_mods] = FALSE;
          b->mods[b->n_mods++] = sm;
          q++;
        }
    }
  return TRUE;
}

/* Whether rows [0, @height) marked @white (no ink across the band) have
 * no run of two or more between the first and the last inked row: such a
 * strip would make a reader (or an XY-cut) read the band's tops first. */
gboolean
comp_white_ok (const gboolean *white, guint height)
{
  guint first = G_MAXUINT, last = 0, run = 0;

  for (guint r = 0; r < height; r++)
    if (!white[r])
      {
        first = MIN (first, r);
        last = r;
      }
  for (guint r = first; first != G_MAXUINT && r <= last; r++)
    {
      run = white[r] ? run + 1 : 0;
      if (run >= 2)
        return FALSE;
    }
  return TRUE;
}

/* Band heights (rows) comp_band_reads_ok() checks without a heap allocation. */
#define COMP_READS_STACK_ROWS 256

/* Whether band @b would read slot by slot: a white strip of two lines or
 * more across every slot, inside the band, would make a reader (or an
 * XY-cut) read the band's tops before its bottoms.  Rows are approximate:
 * a module's ink runs from its head (set on its text, the lines a band
 * gives it above; the head's first line counted white for its padding) to
 * the end of its text; a picture across all its columns is white. */
gboolean
comp_band_reads_ok (const CompBand *b)
{
  gboolean stack[2 * COMP_READS_STACK_ROWS];
  g_autofree gboolean *heap = NULL;
  gboolean *white, *ink;
  guint slots = 0;

  /* one slot is read top to bottom whatever white it holds */
  for (guint i = 0; i < b->n_mods; i++)
    slots += !b->above[i];
  if (slots < 2)
    return TRUE;
  /* one slot reads top to bottom whatever white it holds (a photo) */
  if (b->n_mods > 0 && b->mods[b->n_mods - 1].col == b->mods[0].col)
    return TRUE;
  white = b->height < COMP_READS_STACK_ROWS ? stack
                                            : (heap = g_new (gboolean, 2 * (b->height + 1)));
  ink = white + b->height + 1;   /* cleared for each slot */
  for (guint r = 0; r < b->height; r++)
    white[r] = TRUE;
  for (guint i = 0; i < b->n_mods;)
    {
      /* one slot: modules i .. j */
      guint j = i;

      while (j + 1 < b->n_mods && b->above[j])
        j++;
      memset (ink, 0, (b->height + 1) * sizeof *ink);
      for (guint k = i; k <= j; k++)
        {
          const CompModule *m = &b->mods[k];
          guint need = comp_module_need (m);
          guint content = m->rows;
          guint t = b->top[k], from, to;

          if (m->cut || m->vertical || m->head_cols)
            {
              from = t;
              to = t + MIN (content, m->cut ? content : need);
            }
          else
            {
              guint slack = content > need ? content - need : 0;

              from = t + slack + 1;
              to = t + content;
              if (!m->fig_cols && m->fig_rows > 0)
                {
                  /* head, then the picture (white), then caption and text */
                  for (guint r = from; r < t + slack + m->head_rows && r < b->height; r++)
                    ink[r] = TRUE;
                  from = t + slack + m->head_rows + m->fig_rows - 1;
                }
            }
          for (guint r = from; r < to && r < b->height; r++)
            ink[r] = TRUE;
        }
      for (guint r = 0; r < b->height; r++)
        white[r] = white[r] && !ink[r];
      i = j + 1;
    }
  return comp_white_ok (white, b->height);
}

/* The cost of the slot widths @w[0..n) before any height: each module's
 * width against its copy's preference, the page lead not the widest, a
 * module across the page while more copy waits.  FALSE if a slot's piece
 * cannot be set at its width. */
static gboolean
comp_band_base_cost (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                     const guint *w, guint n, guint avail, gboolean lead, double *base)
{
  const LaySpec *spec = st->spec;
  const CompCosts *c = &spec->costs;

  *base = 0;
  if (n > mc->n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CompModule *m = comp_band_measure (st, pl, queue, mc, i, w[i], lead && i == 0);
      const CompPiece *piece = &g_array_index (queue, CompPiece, i);
      guint pref;

      if (!m)
        return FALSE;
      pref = comp_preferred_cols (spec, piece, lead && i == 0, avail, pl->target);
      *base += w[i] > pref ? c->width_wider * (w[i] - pref) : c->width_narrower * (pref - w[i]);
    }
  /* the page lead is the widest module, when it has the copy for a wide
   * one */
  if (lead && comp_lead_has_copy (spec, &g_array_index (queue, CompPiece, 0)))
    for (guint i = 1; i < n; i++)
      if (w[i] >= w[0])
        *base += c->lead_not_widest;
  /* a module across the whole page (通栏) only when nothing else is left */
  if (n == 1 && queue->len > 1)
    *base += c->full_width_early;
  return TRUE;
}

/* Candidate heights of a band of slot widths @w[0..n) (at most @max,
 * written to @heights): each slot's first module, or it and the next
 * stacked, or a later piece's (the slots taking the pieces before it in
 * stacks); a taller module is cut.  Returns how many. */
static guint
comp_band_heights (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                   const guint *w, guint n, guint limit, gboolean lead, guint *heights,
                   guint max)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint nh = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = i; j < MIN (i + 3, mc->n); j++)
      {
        const CompModule *m = comp_band_measure (st, pl, queue, mc, j, w[i], lead && j == 0);
        const CompModule *m2 = j + 1 < mc->n
                               ? comp_band_measure (st, pl, queue, mc, j + 1, w[i], FALSE) : NULL;
        guint cand[2] = { m ? comp_module_need (m) : 0,
                          m && m2 ? comp_module_need (m) + gap + comp_module_need (m2) : 0 };

        for (guint k = 0; k < 2; k++)
          {
            guint hc = MIN (cand[k], limit);
            gboolean dup = hc == 0;

            /* a short piece: a band of the least module
             * height (its white is costed), rather than none */
            if (hc > 0 && hc < spec->min_module_rows
                && spec->min_module_rows <= limit)
              hc = spec->min_module_rows;
            dup = dup || hc < spec->min_module_rows;

            for (guint l = 0; l < nh && !dup; l++)
              dup = heights[l] == hc;
            if (!dup && nh < max)
              heights[nh++] = hc;
          }
      }
  return nh;
}

/* The cost of filled band @band (slot widths @w[0..n), @h rows of the
 * @avail left) added to @cost: white in and under its modules, columns it
 * leaves white, its cuts, and the room it leaves under it. */
static double
comp_band_cost (const LaySpec *spec, const CompPlan *pl, CompBand *band, const guint *w,
                guint n, guint avail, guint h, double cost)
{
  const CompCosts *c = &spec->costs;

  for (guint i = 0; i < band->n_mods; i++)
    {
      const CompModule *m = &band->mods[i];
      /* (a picture frame takes white under the text first) */
      guint need = comp_module_need (m) + comp_frame_slack (spec, m, m->rows);
      /* the head zone takes up to stretch_rows, or up to its own height
       * twice (a head with air above it) */
      guint stretch = MAX (spec->stretch_rows, m->vertical || m->head_cols ? 0 : 2 * m->head_rows);
      guint white = !m->cut && m->rows > need + stretch ? m->rows - need - stretch : 0;
      /* every line under the text is white to a reader, the head's
       * allowance too: more than hole_rows is a hole where the edition's
       * pages can flow (a broadsheet keeps its own) */
      guint under = !m->cut && m->rows > need ? m->rows - need : 0;

      band->white = MAX (band->white, white);
      cost += c->white_cell * white * m->cols + (white > c->hole_rows ? c->hole : 0.0);
      if (under > c->hole_rows && !spec->keep_edition_pages)
        cost += c->under_base + c->under_line * (under - c->hole_rows)
                + (under > 2 * spec->min_module_rows
                   ? c->under_deep * (under - 2 * spec->min_module_rows) : 0.0);
    }
  /* a band narrower than the page (the page's last copy) leaves the
   * columns on its right white: a hole as well */
    {
      guint used = 0;

      for (guint i = 0; i < n; i++)
        used += w[i];
      if (used < spec->columns)
        cost += c->under_base + c->white_cell * (spec->columns - used) * band->height;
    }
  cost += (pl->last ? c->cut_last_page : c->cut) * band->cuts;
  /* a cut above the foot: the continuation comes after the text below it */
  if (!band->foot)
    cost += (comp_carry_over (spec) ? c->cut_above_foot_flow : c->cut_above_foot) * band->cuts;
  /* a cut module is best the page's last: its continuation then follows
   * the page's text (overleaf, or first on the next page) */
  for (guint i = 0; i + 1 < band->n_mods; i++)
    if (band->mods[i].cut)
      cost += c->cut_not_last;
  /* a band that leaves less than a module's height at the foot cannot be
   * followed well */
  if (!band->foot && avail - h - spec->band_gap_rows < spec->min_module_rows)
    cost += c->short_foot;
  return cost;
}

/* Evaluates the band of slot widths @w[0..n) at the front of the queue
 * with @avail rows left on the page, as tall as its tallest module or cut
 * to a shorter one's height.  Fills @b with the cheapest; FALSE if
 * impossible, or if its base cost is @bound or more (every cost is
 * positive: such a band cannot cost less than the ones kept). */
static gboolean
comp_band_eval (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                const guint *w, guint n, guint avail, gboolean lead, double bound, CompBand *b)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint limit = MIN (avail, pl->cap);
  guint heights[6 * COMP_BAND_SLOTS], nh;
  double base;
  gboolean found = FALSE;

  st->ce->stats.bands++;
  if (!comp_band_base_cost (st, pl, queue, mc, w, n, avail, lead, &base))
    return FALSE;
  if (base >= bound)
    {
      st->ce->stats.pruned++;
      return FALSE;
    }
  nh = comp_band_heights (st, pl, queue, mc, w, n, limit, lead, heights, G_N_ELEMENTS (heights));
  for (guint k = 0; k < nh; k++)
    {
      guint h = heights[k];
      CompBand band;

      memset (&band, 0, sizeof band);
      /* too little room would be left under the band for another one: the
       * band goes down to the foot */
      if (avail < h + gap + spec->min_module_rows)
        h = avail;
      band.foot = h == avail;
      st->ce->stats.fills++;
      if (!comp_band_fill (st, pl, queue, mc, w, n, h, lead, &band) || !comp_band_reads_ok (&band))
        continue;
      band.cost = comp_band_cost (spec, pl, &band, w, n, avail, h, base);
      if (!found || band.cost < b->cost)
        {
          *b = band;
          found = TRUE;
        }
    }
  return found;
}

static void
comp_band_list_add (CompBandList *l, const CompBand *b)
{
  guint i;

  if (l->n == l->k && b->cost >= l->b[l->n - 1].cost)
    return;
  i = l->n < l->k ? l->n++ : l->n - 1;
  while (i > 0 && l->b[i - 1].cost > b->cost)
    {
      l->b[i] = l->b[i - 1];
      i--;
    }
  l->b[i] = *b;
}

/* Tries every split of @left columns into @n slot widths (recursively
 * from slot @i) and keeps the cheapest bands in @list.  With @need_all
 * only bands that take every piece left count. */
static void
comp_band_search (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                  guint *w, guint i, guint n, guint left, guint avail, gboolean lead,
                  guint lead_min, gboolean need_all, CompBandList *list)
{
  if (i + 1 == n)
    {
      CompBand b;

      w[i] = left;
      if (lead && w[0] < lead_min && !need_all)
        return;
      /* once the list is full, a band must cost less than its dearest */
      if (comp_band_eval (st, pl, queue, mc, w, n, avail, lead,
                          list->n == list->k ? list->b[list->n - 1].cost : G_MAXDOUBLE, &b)
          && (!need_all || b.n_mods == queue->len))
        comp_band_list_add (list, &b);
      return;
    }
  for (guint c = 1; c + (n - i - 1) <= left; c++)
    {
      w[i] = c;
      comp_band_search (st, pl, queue, mc, w, i + 1, n, left - c, avail, lead, lead_min,
                        need_all, list);
    }
}

/* The cheapest bands (at most list->k) that can start at the front of
 * @queue with @avail rows left. */
void
comp_band_choices (CompState *st, CompPlan *pl, const GArray *queue, guint avail,
                   gboolean lead, CompBandList *list)
{
  const LaySpec *spec = st->spec;
  guint nmax = MIN (MIN (COMP_BAND_SLOTS, spec->columns), queue->len);
  guint npieces = MIN (queue->len, COMP_BAND_MODS);
  CompMeasures mc = { g_new0 (CompModule, npieces * (spec->columns + 1)),
                      g_new0 (gboolean, npieces * (spec->columns + 1)),
                      g_new0 (gboolean, npieces * (spec->columns + 1)), npieces };
  guint w[COMP_BAND_SLOTS], lead_min;

  list->n = 0;
  lead_min = lead && comp_lead_has_copy (spec, &g_array_index (queue, CompPiece, 0))
             ? MIN (spec->lead_columns, spec->columns) : 1;
  for (guint n = MIN (pl->min_slots, nmax); n <= nmax; n++)
    comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns, avail, lead, lead_min, FALSE,
                      list);
  /* a lead too short for its width: any width */
  for (guint n = MIN (pl->min_slots, nmax); n <= nmax && list->n == 0 && lead; n++)
    comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns, avail, lead, 1, FALSE, list);
  /* the page's last copy may be too short to fill the width: a band that
   * takes it all may leave the columns on its right white (costed) */
  for (guint e = 1; e < spec->columns && queue->len <= COMP_BAND_SLOTS; e++)
    for (guint n = 1; n <= MIN (nmax, spec->columns - e); n++)
      comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns - e, avail, lead, 1, TRUE,
                        list);
  g_free (mc.m);
  g_free (mc.done);
  g_free (mc.ok);
}
