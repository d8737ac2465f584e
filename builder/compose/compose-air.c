/* compose-air.c — air in the head zones of a band's shorter modules
 * (the anatomy's "absorb lines by resizing a head zone") and heads side by
 * side set at different heights (no 碰题), kept only where the band still
 * reads slot by slot.
 */
#include "compose/compose-private.h"

#include <string.h>

/* Rows of @m that hold ink, as a reader's eye (or an XY-cut) sees them:
 * the head (its first and last lines counted white for their padding), the picture
 * white when it spans the text columns, then the text.  Marks @ink,
 * counted from row @row0, the band's first. */
static void
comp_module_ink (const CompModule *m, guint row0, gboolean *ink, guint height)
{
  guint need = comp_module_need (m), content = m->rows - comp_module_foot (m);
  guint t = m->row - row0, above = m->air_above;
  guint from, to;

  if (m->cut || m->vertical || m->head_cols)
    {
      from = t;
      to = t + MIN (content, m->cut ? content : need);
    }
  else
    {
      for (guint r = t + above + 1; r + 1 < t + above + m->head_rows && r < height; r++)
        ink[r] = TRUE;
      from = t + m->head_rows + m->air;
      if (!m->fig_cols && m->fig_rows > 0)
        from += m->fig_rows - 1;
      to = t + need + m->air;
    }
  for (guint r = from; r < to && r < height; r++)
    ink[r] = TRUE;
}

/* Whether the modules of band @bp, where they are placed, read slot by
 * slot (see comp_band_reads_ok). */
static gboolean
comp_band_pos_reads_ok (const CompPlan *pl, const CompBandPos *bp)
{
  guint height = bp->height + 1;
  g_autofree gboolean *white = g_new (gboolean, height);
  g_autofree gboolean *ink = g_new (gboolean, height);

  for (guint r = 0; r < height; r++)
    white[r] = TRUE;
  /* one slot reads top to bottom whatever white it holds (a photo) */
  if (bp->to > bp->from && g_array_index (pl->modules, CompModule, bp->to - 1).col
                           == g_array_index (pl->modules, CompModule, bp->from).col)
    return TRUE;
  for (guint i = bp->from; i < bp->to; i++)
    {
      const CompModule *m = &g_array_index (pl->modules, CompModule, i);

      /* one slot: the modules stacked at its column, the first */
      if (i > bp->from && g_array_index (pl->modules, CompModule, i - 1).col == m->col)
        continue;
      memset (ink, 0, height * sizeof *ink);
      for (guint k = i; k < bp->to; k++)
        if (g_array_index (pl->modules, CompModule, k).col == m->col)
          comp_module_ink (&g_array_index (pl->modules, CompModule, k), bp->row, ink, height);
      for (guint r = 0; r < height; r++)
        white[r] = white[r] && !ink[r];
    }
  return comp_white_ok (white, height);
}

/* Chooses where the air of the modules at the top of band @bp goes (all
 * above the head, half, or none) so that fewest neighbouring heads start
 * within @stagger_rows lines of each other, the even split where that
 * ties.  Returns TRUE if it changed a split. */
static gboolean
comp_band_stagger (CompPlan *pl, const CompBandPos *bp, guint stagger_rows)
{
  CompModule *tops[COMP_BAND_SLOTS];
  guint n = 0, combos = 1, best_combo = 0;
  guint best_clash = G_MAXUINT, best_dev = G_MAXUINT;
  gboolean changed = FALSE;

  for (guint i = bp->from; i < bp->to && n < COMP_BAND_SLOTS; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row == bp->row)
        tops[n++] = m;
    }
  for (guint k = 0; k < n; k++)
    combos *= 3;
  for (guint c = 0; c < combos; c++)
    {
      guint clash = 0, dev = 0, code = c;
      int prev = -1;

      for (guint k = 0; k < n; k++, code /= 3)
        {
          const CompModule *m = tops[k];
          guint half = (m->air + 1) / 2;
          guint above = code % 3 == 0 ? half : code % 3 == 1 ? 0 : m->air;
          gboolean head = !m->vertical && !m->head_cols;

          dev += above > half ? above - half : half - above;
          if (head && prev >= 0 && (guint) ABS ((int) above - prev) < stagger_rows)
            clash++;
          prev = head ? (int) above : -1;
        }
      if (clash < best_clash || (clash == best_clash && dev < best_dev))
        {
          best_clash = clash;
          best_dev = dev;
          best_combo = c;
        }
    }
  for (guint k = 0, code = best_combo; k < n; k++, code /= 3)
    {
      CompModule *m = tops[k];
      guint half = (m->air + 1) / 2;
      guint above = code % 3 == 0 ? half : code % 3 == 1 ? 0 : m->air;

      changed |= above != m->air_above;
      m->air_above = above;
    }
  return changed;
}

/* Gives the shorter modules of band @bp air in their head zones: up to
 * stretch_rows of the lines under their text (anatomy: absorb lines by
 * resizing a head zone), unless the band would then read its heads
 * across before its text. */
void
comp_band_air (const LaySpec *spec, CompPlan *pl, const CompBandPos *bp)
{
  gboolean any = FALSE;
  g_autofree CompModule *saved = g_memdup2 (&g_array_index (pl->modules, CompModule, bp->from),
                                            (bp->to - bp->from) * sizeof (CompModule));

  /* a stack whose last module has more lines than its head zone takes
   * shares them out: the modules above it grow by up to stretch_rows
   * each (their heads get the air), the ones under them move down */
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *top = &g_array_index (pl->modules, CompModule, i);
      guint last = i, over, need;
      CompModule *b;

      if (i > bp->from && g_array_index (pl->modules, CompModule, i - 1).col == top->col)
        continue;
      while (last + 1 < bp->to && g_array_index (pl->modules, CompModule, last + 1).col == top->col)
        last++;
      b = &g_array_index (pl->modules, CompModule, last);
      need = comp_module_need (b);
      if (last == i || b->cut || b->rows - comp_module_foot (b) <= need + spec->stretch_rows)
        continue;
      over = b->rows - comp_module_foot (b) - need - spec->stretch_rows;
      for (guint k = i; k < last && over > 0; k++)
        {
          CompModule *u = &g_array_index (pl->modules, CompModule, k);
          guint g = MIN (over, spec->stretch_rows);

          if (u->cut || u->vertical || u->head_cols)
            continue;
          u->rows += g;
          for (guint j = k + 1; j <= last; j++)
            g_array_index (pl->modules, CompModule, j).row += g;
          b->rows -= g;
          over -= g;
        }
    }
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);
      guint need = comp_module_need (m), content = m->rows - comp_module_foot (m);

      m->air = 0;
      /* more white than a head zone absorbs: the picture frame grows first */
      if (content > need + spec->stretch_rows && comp_frame_fit (spec, m, content))
        need = comp_module_need (m);
      if (!m->cut && !m->vertical && !m->head_cols && content > need)
        m->air = MIN (content - need, spec->stretch_rows);
      m->air_above = (m->air + 1) / 2;
      any |= m->air > 0;
    }
  if (!any)
    return;
  /* heads side by side not at one height (碰题): where that reads well,
   * the air goes above some heads and under others */
  if (comp_band_stagger (pl, bp, spec->costs.stagger_rows) && comp_band_pos_reads_ok (pl, bp))
    return;
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      m->air_above = (m->air + 1) / 2;
    }
  if (!comp_band_pos_reads_ok (pl, bp))
    memcpy (&g_array_index (pl->modules, CompModule, bp->from), saved,
            (bp->to - bp->from) * sizeof (CompModule));
}
