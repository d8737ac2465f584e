/* compose-column.c — the planner of one-column pages (the e-reader's
 * screens): pieces one under the other, each as tall as its text, the
 * page's last one cut at the foot.
 */
#include "compose/compose-private.h"

/* Finds the lowest, then leftmost free slot: column @c0, width @w, top row. */
static gboolean
comp_find_gap (const CompPlan *pl, guint columns, guint *c0, guint *w, guint *t)
{
  guint best = G_MAXUINT;

  for (guint c = 0; c < columns; c++)
    if (pl->top[c] < best)
      {
        best = pl->top[c];
        *c0 = c;
      }
  if (best >= pl->rows)
    return FALSE;
  *t = best;
  *w = 0;
  while (*c0 + *w < columns && pl->top[*c0 + *w] == best)
    (*w)++;
  return TRUE;
}

/* The slot is too short for a module: grow the modules ending on it (their
 * head zones take the extra lines) or leave a hole. */
static void
comp_close_gap (CompPlan *pl, guint c0, guint w, guint t, guint stretch_rows,
                gboolean stretch)
{
  guint covered = 0;

  for (guint i = 0; i < pl->modules->len; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (stretch && m->row + m->rows == t && m->col >= c0 && m->col + m->cols <= c0 + w)
        {
          m->rows = pl->rows - m->row;
          covered += m->cols;
        }
    }
  if (covered < w || pl->rows - t > stretch_rows)
    pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
  for (guint c = c0; c < c0 + w; c++)
    pl->top[c] = pl->rows;
}

/* Decides width and height of @piece in the slot (c0, gw, t).  Returns
 * FALSE if the slot is too short to start it. */
static gboolean
comp_fit_piece (CompState *st, CompPlan *pl, const CompPiece *piece, guint c0, guint gw,
                guint t, gboolean page_lead, CompModule *out)
{
  const LaySpec *spec = st->spec;
  guint avail = pl->rows - t;
  guint free_rows = MIN (avail, pl->cap);
  guint pref = MIN (comp_preferred_cols (spec, piece, page_lead, free_rows, pl->target), gw);
  CompModule m = { 0 };

  if (free_rows < spec->min_module_rows)
    return FALSE;
  if (pl->final && !page_lead)
    pref = gw;
  /* leave no slot narrower than one column next to a wide module */
  if (gw - pref == 1 && pref >= 2 && !page_lead)
    pref = gw;
  /* score every width from one narrower than preferred to the slot's:
   * a module that fits and ends at the foot (or leaves room for another
   * module) beats a cut, which beats a gap too short to use */
  {
    guint lo = pref > 1 ? pref - 1 : 1;
    double best = G_MAXDOUBLE;
    gboolean found = FALSE;

    if (piece->prep->art->vertical_title && piece->part == 0 && gw >= 2)
      lo = MAX (lo, 2u);
    for (guint cols = lo; cols <= gw; cols++)
      {
        CompModule c;
        double cost = spec->costs.column_width_off * (cols > pref ? cols - pref : pref - cols);
        guint need;

        comp_measure_piece (st, piece, cols, page_lead, pl->page, &c);
        need = comp_module_need (&c);
        if (need <= free_rows)
          {
            guint left = free_rows - need;

            /* a separator line under the module, if the column has room */
            c.sep = need < avail;
            c.rows = MIN (need + 1, avail);
            if (!pl->tail && (left <= 1 + spec->stretch_rows || left < spec->min_module_rows))
              {
                c.rows = free_rows;
                c.sep = free_rows < avail;
                if (left > 1 + spec->stretch_rows)
                  cost += spec->costs.column_stretch + left;
              }
          }
        else
          {
            if (!comp_cut_module (&c, free_rows))
              continue;
            cost += spec->costs.column_cut;
          }
        if (cost < best)
          {
            best = cost;
            m = c;
            found = TRUE;
          }
      }
    if (!found)
      return FALSE;
    if (!m.cut && m.rows == free_rows && m.rows > comp_module_need (&m) + 1 + spec->stretch_rows)
      pl->hole_rows = MAX (pl->hole_rows, m.rows - comp_module_need (&m));
  }
  m.col = c0;
  m.row = t;
  *out = m;
  return TRUE;
}

static gboolean
comp_queue_all_continued (const GArray *q)
{
  for (guint i = 0; i < q->len; i++)
    if (g_array_index (q, CompPiece, i).part == 0)
      return FALSE;
  return TRUE;
}

/* Plans one page from the front of @queue (of CompPiece, consumed). */
void
comp_plan_page (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                guint first_row)
{
  const LaySpec *spec = st->spec;
  gboolean first = TRUE;
  guint c0, gw, t;

  if (spec->columns > 1)
    {
      comp_plan_bands (st, pl, queue, next_queue, first_row);
      return;
    }
  for (guint c = 0; c < spec->columns; c++)
    pl->top[c] = first_row;
  while (comp_find_gap (pl, spec->columns, &c0, &gw, &t))
    {
      if (queue->len == 0)
        {
          /* the edition's last article was cut but this page still has
           * room: its continuation follows here rather than alone overleaf */
          if (next_queue->len == 0 || !comp_queue_all_continued (next_queue))
            {
              pl->ran_out = TRUE;
              break;
            }
          g_array_append_vals (queue, next_queue->data, next_queue->len);
          g_array_set_size (next_queue, 0);
        }
      CompPiece piece = g_array_index (queue, CompPiece, 0);
      gboolean page_lead = first && piece.part == 0;
      gboolean have = FALSE;
      guint pick = 0;
      CompModule m = { 0 };

      /* no new article after this one: leave the foot white rather
       * than stretch a head zone (continued parts cannot use the gap) */
      pl->final = queue->len == 1 && next_queue->len == 0;
      pl->tail = pl->last && pl->final;
      /* the next article, or rather than cutting it (or when it cannot
       * start here), one of the next few that fits the slot whole */
      for (guint k = 0; k < MIN (queue->len, spec->costs.column_lookahead) && (!have || m.cut); k++)
        {
          CompPiece alt = g_array_index (queue, CompPiece, k);
          CompModule am;

          /* continued parts go first; one-column pages keep strict order */
          if (k > 0 && (page_lead || alt.part > 0 || piece.part > 0 || spec->columns == 1))
            continue;
          if (!comp_fit_piece (st, pl, &alt, c0, gw, t, k == 0 && page_lead, &am))
            continue;
          if (!have || !am.cut)
            {
              m = am;
              piece = alt;
              pick = k;
              have = TRUE;
            }
        }
      /* a cut article may fit whole in another, higher slot of the page */
      if (have && m.cut)
        {
          guint c = 0;

          while (c < spec->columns)
            {
              guint w = 1, top = pl->top[c];
              CompModule am;

              while (c + w < spec->columns && pl->top[c + w] == top)
                w++;
              if (c != c0 && top < pl->rows
                  && comp_fit_piece (st, pl, &piece, c, w, top, FALSE, &am) && !am.cut)
                {
                  m = am;
                  break;
                }
              c += w;
            }
        }
      if (!have)
        {
          /* nothing left fits the slot: what is left goes to a later
           * page, so the modules above grow to close the gap */
          comp_close_gap (pl, c0, gw, t, spec->stretch_rows, TRUE);
          continue;
        }
      g_array_remove_index (queue, pick);
      first = FALSE;
      for (guint c = m.col; c < m.col + m.cols; c++)
        pl->top[c] = m.row + m.rows;
      comp_queue_rest (st, pl, next_queue, &m);
      g_array_append_val (pl->modules, m);
    }
  /* no piece left for this page: the edition's text has run out (what is
   * left continues overleaf); leave the feet of the columns white */
  while (comp_find_gap (pl, spec->columns, &c0, &gw, &t))
    {
      pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
      for (guint c = c0; c < c0 + gw; c++)
        pl->top[c] = pl->rows;
    }
}
