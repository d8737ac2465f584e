/* typeset-fit.c — step 4 of setting a paragraph: line breaking. */
#include "typeset/typeset-private.h"

#include <math.h>

/* ---------------------------------------------------------------------
 * 4. Line breaking
 * ------------------------------------------------------------------- */

static double
ts_char_width (const TsChar *ch)
{
  return ch->adv - ch->cut_lead - ch->cut_trail + ch->gap;
}

/* Natural and minimum (fully compressed) width of a line of chars [s, e):
 * line-start opener and line-end mark at half width, no trailing spaces
 * or gaps. */
void
ts_work_line_widths (TsWork *w, guint s, guint e, double *natural, double *minimum)
{
  double nat = 0, shrink = 0;
  guint t = e - 1;

  while (t > s && TS_CHAR (w, t)->cls == TS_CLS_SPACE)
    t--;
  for (guint i = s; i <= t; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);
      nat += ts_char_width (ch);
      shrink += ch->lead + ch->trail;
    }
  nat -= TS_CHAR (w, t)->gap + TS_CHAR (w, s)->lead + TS_CHAR (w, t)->trail;
  shrink -= TS_CHAR (w, s)->lead + TS_CHAR (w, t)->trail;
  if (s == t)
    {
      /* one char: both edges trimmed; do not count twice */
    }
  *natural = nat;
  *minimum = nat - shrink;
}

/* Furthest legal end of a line starting at @s that fits @avail when its
 * marks are compressed; never less than one cluster. */
static guint
ts_work_fit (TsWork *w, guint s, double avail)
{
  guint n = w->chars->len;
  guint best = 0, weak = 0, weaker = 0, any = 0;
  double run = 0, run_shrink = 0;

  for (guint e = s + 1; e <= n; e++)
    {
      const TsChar *ch = TS_CHAR (w, e - 1);

      run += ts_char_width (ch);
      run_shrink += ch->lead + ch->trail;
      if (e == n || !(TS_CHAR (w, e)->flags & TS_CH_CONT))
        {
          double nat, min;

          ts_work_line_widths (w, s, e, &nat, &min);
          if (min <= avail + TS_EPS)
            {
              any = e;
              if (e == n || (TS_CHAR (w, e)->flags & TS_CH_BREAK))
                best = e;
              else if (TS_CHAR (w, e)->flags & TS_CH_WEAK)
                weak = e;
              else if (TS_CHAR (w, e)->flags & TS_CH_WEAKER)
                weaker = e;
            }
          else if (!any)
            any = e;   /* a single cluster wider than the measure */
        }
      if (run - run_shrink - 1.5 * w->em > avail)
        break;
    }
  if (best && MAX (weak, weaker) > best && !w->style->headline)
    {
      /* the word after @best is wider than a whole line: it will be split
         anyway, so start splitting it here rather than leave a short line */
      guint next = best + 1;
      double nat, min;

      while (next < n && !(TS_CHAR (w, next)->flags & TS_CH_BREAK))
        next++;
      ts_work_line_widths (w, best, next, &nat, &min);
      if (min > w->line_max + TS_EPS)
        return weak > best ? weak : weaker;
    }
  if (best)
    return best;
  if (weak || weaker)
    return weak ? weak : weaker;
  /* no legal break fits (a long Latin word): break where it fits */
  return any ? any : s + 1;
}

/* Number of ideographs etc. (not marks) in chars [s, e). */
static guint
ts_work_count_letters (TsWork *w, guint s, guint e)
{
  guint k = 0;
  for (guint i = s; i < e; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);
      if (ch->cls == TS_CLS_HAN || ch->cls == TS_CLS_NARROW)
        k++;
    }
  return k;
}

/* Greedy breaking at width @measure (first line less @indent).  Returns the
 * line starts (plus n at the end) in @starts. */
void
ts_work_break_greedy (TsWork *w, double measure, double indent, GArray *starts)
{
  guint n = w->chars->len;
  guint s = 0;

  w->line_max = measure;
  g_array_set_size (starts, 0);
  while (s < n)
    {
      g_array_append_val (starts, s);
      s = ts_work_fit (w, s, measure - (starts->len == 1 ? indent : 0));
    }
  g_array_append_val (starts, n);
}

/* Orphan control: the last line must not hold a single Han character
 * (with or without marks): pull one more char down from the line above. */
void
ts_work_fix_orphan (TsWork *w, GArray *starts, double measure, double indent)
{
  guint nl = starts->len - 1;
  guint *st = (guint *) starts->data;
  guint n = w->chars->len;

  if (nl < 2 || ts_work_count_letters (w, st[nl - 1], n) != 1)
    return;
  for (guint b = st[nl - 1] - 1; b > st[nl - 2] + 1; b--)
    {
      double nat, min;

      if (!(TS_CHAR (w, b)->flags & TS_CH_BREAK))
        continue;
      ts_work_line_widths (w, b, n, &nat, &min);
      if (min > measure + TS_EPS)
        return;
      if (ts_work_count_letters (w, st[nl - 2], b) < 2)
        return;
      (void) indent;
      st[nl - 1] = b;
      return;
    }
}

/* Cost of breaking a headline before char @b: free at a space the editor
 * wrote or after punctuation, a penalty between words. */
static double
ts_work_headline_penalty (TsWork *w, guint b)
{
  const TsChar *prev = TS_CHAR (w, b - 1);

  if (b == w->chars->len || prev->cls == TS_CLS_SPACE || prev->cls == TS_CLS_CLOSE
      || prev->cls == TS_CLS_DASH || prev->cls == TS_CLS_ELLIPSIS)
    return 0;
  return 4 * w->em * w->em;
}

/* Headlines: as few lines as greedy filling needs, then the breaks that
 * minimise the sum of squared slack (balanced lines) plus penalties for
 * breaks between words rather than at spaces or punctuation. */
void
ts_work_break_balanced (TsWork *w, double measure, GArray *starts)
{
  guint n = w->chars->len, lines;
  g_autoptr (GArray) cand = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *cost = NULL;
  g_autofree guint *from = NULL;
  guint nc;

  ts_work_break_greedy (w, measure, 0, starts);
  lines = starts->len - 1;
  if (lines < 2 || n > 400 || lines > 6)
    return;
  for (guint i = 0; i <= n; i++)
    if (i == 0 || i == n || (TS_CHAR (w, i)->flags & TS_CH_BREAK))
      g_array_append_val (cand, i);
  nc = cand->len;
  /* cost[k * nc + j]: best cost of k lines ending at candidate j */
  cost = g_new (double, (lines + 1) * nc);
  from = g_new0 (guint, (lines + 1) * nc);
  for (guint x = 0; x < (lines + 1) * nc; x++)
    cost[x] = INFINITY;
  cost[0] = 0;
  for (guint k = 1; k <= lines; k++)
    for (guint j = 1; j < nc; j++)
      for (guint i = 0; i < j; i++)
        {
          guint a = g_array_index (cand, guint, i), b = g_array_index (cand, guint, j);
          double nat, min, c;

          if (!isfinite (cost[(k - 1) * nc + i]))
            continue;
          ts_work_line_widths (w, a, b, &nat, &min);
          if (min > measure + TS_EPS)
            continue;
          c = cost[(k - 1) * nc + i] + (measure - nat) * (measure - nat)
              + ts_work_headline_penalty (w, b);
          if (c < cost[k * nc + j])
            {
              cost[k * nc + j] = c;
              from[k * nc + j] = i;
            }
        }
  if (!isfinite (cost[lines * nc + nc - 1]))
    return;
  g_array_set_size (starts, lines + 1);
  for (guint k = lines, j = nc - 1; k > 0; k--)
    {
      g_array_index (starts, guint, k) = g_array_index (cand, guint, j);
      j = from[k * nc + j];
    }
  g_array_index (starts, guint, 0) = 0;
}

