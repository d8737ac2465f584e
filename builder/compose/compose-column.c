/* compose-column.c — the planner of one-column pages (the e-reader's
 * screens): pieces one under the other in queue order, each as tall as
 * its text, the page's last one cut at the foot.
 */
#include "compose/compose-private.h"

/* Fits @piece at row @t of the column: as tall as its text with a line
 * for the separator, or down to the foot when too few lines would be left
 * under it for another module (its head zone takes them), or cut at the
 * foot.  Returns FALSE if it cannot start in the rows left. */
static gboolean
comp_column_fit (CompState *st, CompPlan *pl, const CompPiece *piece, guint t,
                 gboolean page_lead, CompModule *out)
{
  const LaySpec *spec = st->spec;
  guint avail = pl->rows - t;
  guint free_rows = MIN (avail, pl->cap);
  CompModule m;
  guint need;

  if (free_rows < spec->min_module_rows)
    return FALSE;
  comp_measure_piece (st, piece, 1, page_lead, pl->page, &m);
  need = comp_module_need (&m);
  if (need <= free_rows)
    {
      guint left = free_rows - need;

      /* a separator line under the module, if the column has room */
      m.sep = need < avail;
      m.rows = MIN (need + 1, avail);
      if (!pl->tail && (left <= 1 + spec->stretch_rows || left < spec->min_module_rows))
        {
          m.rows = free_rows;
          m.sep = free_rows < avail;
        }
    }
  else if (!comp_cut_module (&m, free_rows))
    return FALSE;
  if (!m.cut && m.rows == free_rows && m.rows > need + 1 + spec->stretch_rows)
    pl->hole_rows = MAX (pl->hole_rows, m.rows - need);
  m.col = 0;
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

/* Nothing fits the @t.. rows left: the module ending there grows to the
 * foot (its head zone takes the lines), or they stay a hole. */
static void
comp_column_close (CompPlan *pl, guint t, guint stretch_rows)
{
  gboolean covered = FALSE;

  for (guint i = 0; i < pl->modules->len; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row + m->rows == t)
        {
          m->rows = pl->rows - m->row;
          covered = TRUE;
        }
    }
  if (!covered || pl->rows - t > stretch_rows)
    pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
}

void
comp_plan_column (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                  guint first_row)
{
  gboolean first = TRUE;
  guint t = first_row;

  while (t < pl->rows)
    {
      CompPiece piece;
      CompModule m;

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
      piece = g_array_index (queue, CompPiece, 0);
      /* no new article after this one: leave the foot white rather than
       * stretch a head zone (continued parts cannot use the gap) */
      pl->final = queue->len == 1 && next_queue->len == 0;
      pl->tail = pl->last && pl->final;
      if (!comp_column_fit (st, pl, &piece, t, first && piece.part == 0, &m))
        {
          /* what is left goes to a later page */
          comp_column_close (pl, t, st->spec->stretch_rows);
          t = pl->rows;
          continue;
        }
      g_array_remove_index (queue, 0);
      first = FALSE;
      t = m.row + m.rows;
      comp_queue_rest (st, pl, next_queue, &m);
      g_array_append_val (pl->modules, m);
    }
  /* no piece left for this page: the edition's text has run out (what is
   * left continues overleaf); the foot of the column stays white */
  if (t < pl->rows)
    pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
}
