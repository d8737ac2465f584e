/* typeset-fit.c — step 4 of setting a paragraph: line breaking.
 *
 * All the breaks of a paragraph are chosen together (total fit, after
 * Knuth and Plass): every set of legal breaks has a cost, the sum of its
 * lines' costs and its breaks' costs (typeset-tunables.h), and dynamic
 * programming over the break opportunities finds the cheapest.
 *
 *   running text (TS_BREAK_TEXT): a justified line costs by how much it
 *     must stretch at each gap (cubic; past ¼ em a gap it is loose and
 *     costs more than anything but a forbidden break) or how much of its
 *     punctuation blank and ¼-em Han–Latin gaps it must give up; the last
 *     line costs if it holds one character or less than a third of the
 *     measure.
 *   display lines (TS_BREAK_PHRASE, _BALANCED): a line costs the square of
 *     its white (the last line too when balanced); a break costs by its
 *     kind: nothing at a space or mark, a little between phrases, much
 *     inside a word.
 *
 * Breaks inside compounds, names, numbers and Latin words, or against the
 * kinsoku rules, cost so much that they are taken only when nothing else
 * fits.  Widths come from prefix sums, so a line costs O(1); a line is
 * tried only while it can fit, so the search is linear in the text. */
#include "typeset/typeset-private.h"

#include <math.h>
#include <string.h>

/* The paragraph's prefix sums and setting. */
struct TsFit {
  TsWork  *w;
  guint    n;
  double   measure, indent, em;
  gboolean justify;    /* lines other than the last are justified */
  gboolean display;    /* TS_BREAK_PHRASE or _BALANCED */
  gboolean balanced;   /* the last line's white counts too */
  guint    letters;    /* in the whole paragraph */
  double   line_min;   /* the least any line costs */
  /* over chars [0, i): */
  double  *wid;        /* natural widths (ts_char_width) */
  double  *sh0, *sh1;  /* shrinkable blank of unpaired marks, tier 0 and 1 */
  double  *shg;        /* gap shrink */
  double  *blank;      /* every blank and gap shrink (search bound) */
  guint   *gaps;       /* stretchable places (between i-1 and i) */
  guint   *lets;       /* letters */
  guint   *last;       /* last[e]: the last char before e that is not a space */
  guint   *starts;     /* where a line may start (not a space, not inside a
                          cluster) */
  /* per char, at a line's edges: */
  double  *head;       /* blank trimmed when it starts a line */
  double  *head0, *head1; /* the part of it counted in sh0, sh1 */
  double  *tail;       /* blank and gap trimmed when it ends a line */
  double  *tail0, *tail1; /* the part of it counted in sh0, sh1 */
};

static double
ts_char_width (const TsChar *ch)
{
  return ch->adv - ch->cut_lead - ch->cut_trail + ch->gap;
}

static gboolean
ts_is_letter (const TsChar *ch)
{
  return ch->cls == TS_CLS_HAN || ch->cls == TS_CLS_NARROW;
}

/* The reference measure of a line (a loop over its chars); the breaker's
 * prefix sums give the same figures. */
void
ts_work_line_fit (TsWork *w, guint s, guint e, TsLineFit *fit)
{
  guint t = e - 1;
  const TsChar *cs, *ct;

  memset (fit, 0, sizeof *fit);
  while (t > s && TS_CHAR (w, t)->cls == TS_CLS_SPACE)
    t--;
  for (guint i = s; i <= t; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);

      fit->natural += ts_char_width (ch);
      fit->shrink0 += ts_lead_shrink (ch, 0) + ts_trail_shrink (ch, 0);
      fit->shrink1 += ts_lead_shrink (ch, 1) + ts_trail_shrink (ch, 1);
      fit->letters += ts_is_letter (ch);
      if (i < t)
        {
          fit->shrink_gap += ts_gap_shrink (w, ch);
          fit->gaps += ts_work_expandable (w, i, FALSE);
        }
    }
  cs = TS_CHAR (w, s);
  ct = TS_CHAR (w, t);
  fit->last = t;
  fit->natural -= ct->gap + cs->lead + ct->trail;
  fit->shrink0 -= ts_lead_shrink (cs, 0) + ts_trail_shrink (ct, 0);
  fit->shrink1 -= ts_lead_shrink (cs, 1) + ts_trail_shrink (ct, 1);
}

void
ts_work_line_widths (TsWork *w, guint s, guint e, double *natural, double *minimum)
{
  TsLineFit fit;

  ts_work_line_fit (w, s, e, &fit);
  *natural = fit.natural;
  *minimum = fit.natural - fit.shrink0 - fit.shrink1 - fit.shrink_gap;
}

/* ---------------------------------------------------------------------
 * Prefix sums
 * ------------------------------------------------------------------- */

/* Where a line may start: chars that begin a cluster and are no space. */
static gboolean
ts_fit_may_start (TsWork *w, guint i)
{
  return i == 0 || i == w->chars->len
         || (!(TS_CHAR (w, i)->flags & TS_CH_CONT) && TS_CHAR (w, i)->cls != TS_CLS_SPACE);
}

TsFit *
ts_fit_new (TsWork *w, double measure, double indent)
{
  guint n = w->chars->len;
  TsFit *f = g_new0 (TsFit, 1);

  f->w = w;
  f->n = n;
  f->measure = measure;
  f->indent = indent;
  f->em = w->em;
  f->display = w->mode == TS_BREAK_PHRASE || w->mode == TS_BREAK_BALANCED;
  f->balanced = w->mode == TS_BREAK_BALANCED;
  f->justify = w->style->align == TS_ALIGN_JUSTIFY || w->style->align == TS_ALIGN_CENTER_SHORT;
  f->wid = g_new (double, 12 * (n + 1));
  f->sh0 = f->wid + (n + 1);
  f->sh1 = f->sh0 + (n + 1);
  f->shg = f->sh1 + (n + 1);
  f->blank = f->shg + (n + 1);
  f->head = f->blank + (n + 1);
  f->head0 = f->head + (n + 1);
  f->head1 = f->head0 + (n + 1);
  f->tail = f->head1 + (n + 1);
  f->tail0 = f->tail + (n + 1);
  f->tail1 = f->tail0 + (n + 1);
  f->gaps = g_new (guint, 4 * (n + 1));
  f->lets = f->gaps + (n + 1);
  f->last = f->lets + (n + 1);
  f->starts = f->last + (n + 1);
  f->wid[0] = f->sh0[0] = f->sh1[0] = f->shg[0] = f->blank[0] = 0;
  f->gaps[0] = f->lets[0] = f->last[0] = f->starts[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);
      double g = ts_gap_shrink (w, ch);

      f->wid[i + 1] = f->wid[i] + ts_char_width (ch);
      f->head0[i] = ts_lead_shrink (ch, 0);
      f->head1[i] = ts_lead_shrink (ch, 1);
      f->tail0[i] = ts_trail_shrink (ch, 0);
      f->tail1[i] = ts_trail_shrink (ch, 1);
      f->sh0[i + 1] = f->sh0[i] + f->head0[i] + f->tail0[i];
      f->sh1[i + 1] = f->sh1[i] + f->head1[i] + f->tail1[i];
      f->shg[i + 1] = f->shg[i] + g;
      f->blank[i + 1] = f->blank[i] + ch->lead + ch->trail + g;
      f->gaps[i + 1] = f->gaps[i] + (i + 1 < n && ts_work_expandable (w, i, FALSE));
      f->lets[i + 1] = f->lets[i] + ts_is_letter (ch);
      f->last[i + 1] = ch->cls == TS_CLS_SPACE && i > 0 ? f->last[i] : i;
      f->starts[i + 1] = f->starts[i] + ts_fit_may_start (w, i);
      f->head[i] = ch->lead;
      f->tail[i] = ch->trail + ch->gap;
    }
  f->letters = f->lets[n];
  f->line_min = f->display ? TS_HEAD_COST_LINE : TS_COST_LINE;
  return f;
}

void
ts_fit_free (TsFit *f)
{
  if (!f)
    return;
  g_free (f->wid);
  g_free (f->gaps);
  g_free (f);
}

/* ts_work_line_fit() from the prefix sums. */
static void
ts_fit_line (const TsFit *f, guint s, guint e, TsLineFit *m)
{
  guint t = MAX (f->last[e], s);

  m->last = t;
  m->natural = f->wid[t + 1] - f->wid[s] - f->head[s] - f->tail[t];
  m->shrink0 = f->sh0[t + 1] - f->sh0[s] - f->head0[s] - f->tail0[t];
  m->shrink1 = f->sh1[t + 1] - f->sh1[s] - f->head1[s] - f->tail1[t];
  m->shrink_gap = f->shg[t] - f->shg[s];
  m->gaps = f->gaps[t] - f->gaps[s];   /* places between chars s..t */
  m->letters = f->lets[t + 1] - f->lets[s];
}

/* ---------------------------------------------------------------------
 * Costs
 * ------------------------------------------------------------------- */

/* Cost of a break before char @e by its kind. */
static double
ts_fit_break_cost (const TsFit *f, guint e)
{
  const TsChar *ch = TS_CHAR (f->w, e);
  double name = 0;

  switch ((TsBrk) ch->brk)
    {
    case TS_BRK_NEVER: return TS_COST_FORCED;
    case TS_BRK_LATIN: return TS_COST_LATIN;
    case TS_BRK_URL:   return TS_COST_URL;
    case TS_BRK_UNIT:  return TS_COST_UNIT;
    case TS_BRK_PART:  return TS_COST_PART;
    default: break;
    }
  if (!f->display || ch->brk >= TS_BRK_PUNCT)
    return 0;
  if ((ch->flags & TS_CH_NAME) && (TS_CHAR (f->w, e - 1)->flags & TS_CH_NAME)
      && !ts_phrases_place (f->w->ctx->phrases, TS_CHAR (f->w, e - 1)->c))
    name = TS_HEAD_COST_NAME;   /* inside a name, not after its place */
  switch ((TsBrk) ch->brk)
    {
    case TS_BRK_CHAR:   return name + TS_HEAD_COST_CHAR;
    case TS_BRK_WORD:   return name + TS_HEAD_COST_WORD;
    default:            return name + TS_HEAD_COST_PHRASE;
    }
}

/* Cost of taking @need pt out of a line's shrink. */
static double
ts_fit_shrink_cost (const TsFit *f, const TsLineFit *m, double need)
{
  double first = m->shrink0 + m->shrink_gap;
  double base = f->display ? 0 : TS_COST_COMPRESS;
  double all = f->display ? TS_HEAD_COST_SHRINK : TS_COST_SHRINK;
  double stop = f->display ? TS_HEAD_COST_SHRINK : TS_COST_STOP_SHRINK;

  if (need <= first)
    return base + all * (need / first) * (need / first);
  need -= first;
  return base + all + stop + all * (need / m->shrink1) * (need / m->shrink1);
}

/* Running text: a line's cost by its spacing, and the last line's. */
static double
ts_fit_text_cost (const TsFit *f, const TsLineFit *m, guint s, gboolean last, double slack)
{
  double cost = TS_COST_LINE;

  if (slack < -TS_EPS)
    cost += ts_fit_shrink_cost (f, m, -slack);
  else if (!last && f->justify && slack > TS_EPS)
    {
      double r = m->gaps ? slack / m->gaps / (TS_LOOSE_GAP_EM * f->em) : TS_LOOSE_MAX;

      r = MIN (r, TS_LOOSE_MAX);
      cost += TS_COST_STRETCH * r * r * r;
      if (r > 1 + TS_EPS)
        cost += TS_COST_LOOSE;
    }
  else if (!last && slack > 0)
    cost += TS_COST_RAGGED * (slack / f->em) * (slack / f->em);
  if (last && s > 0)
    {
      if (m->letters < 2)
        cost += TS_COST_ORPHAN;
      if (m->natural < TS_LAST_MIN * f->measure)
        cost += TS_COST_SHORT_LAST;
    }
  return cost;
}

/* Display lines: white (balance), one-character lines. */
static double
ts_fit_display_cost (const TsFit *f, const TsLineFit *m, gboolean last, double slack)
{
  double cost = TS_HEAD_COST_LINE;

  if (slack < -TS_EPS)
    cost += ts_fit_shrink_cost (f, m, -slack);
  else if (!last || f->balanced)
    cost += TS_HEAD_COST_SLACK * (slack / f->em) * (slack / f->em);
  if (m->letters == 1 && f->letters > 1)
    cost += TS_HEAD_COST_LONE;
  return cost;
}

/* Cost of the line of chars [s, e) measured @m and of the break ending it;
 * INFINITY when it cannot fit (@alone: nothing could start between s and
 * e, so it is set even if too wide). */
static double
ts_fit_cost_of (const TsFit *f, const TsLineFit *m, guint s, guint e, gboolean alone)
{
  double avail = f->measure - (s == 0 ? f->indent : 0);
  gboolean last = e == f->n;
  double slack = avail - m->natural, cost;

  if (-slack > m->shrink0 + m->shrink_gap + m->shrink1 + TS_EPS)
    {
      if (!alone)
        return INFINITY;
      cost = TS_COST_FORCED;
    }
  else
    cost = f->display ? ts_fit_display_cost (f, m, last, slack)
                      : ts_fit_text_cost (f, m, s, last, slack);
  return last ? cost : cost + ts_fit_break_cost (f, e);
}

static double
ts_fit_cost (const TsFit *f, guint s, guint e, gboolean alone)
{
  TsLineFit m;

  ts_fit_line (f, s, e, &m);
  return ts_fit_cost_of (f, &m, s, e, alone);
}

/* Whether a line from @s to @e is past fitting even fully compressed
 * (with room to spare: the search bound). */
static gboolean
ts_fit_too_long (const TsFit *f, guint s, guint e)
{
  return f->wid[e] - f->wid[s] - (f->blank[e] - f->blank[s])
         > f->measure + TS_FIT_OVERRUN_EM * f->em;
}

/* Running text: whether the justified line [s, e) measured @m is loose
 * (it costs TS_COST_LOOSE), as every shorter line ending at @e then is. */
static gboolean
ts_fit_loose (const TsFit *f, const TsLineFit *m, guint s, guint e)
{
  double slack;

  if (f->display || !f->justify || e == f->n)
    return FALSE;
  slack = f->measure - (s == 0 ? f->indent : 0) - m->natural;
  return slack > (TS_LOOSE_GAP_EM * f->em) * m->gaps + TS_EPS;
}

/* ---------------------------------------------------------------------
 * The search
 * ------------------------------------------------------------------- */

/* The least of @cost[k..j). */
static double
ts_fit_least (const double *cost, guint k, guint j)
{
  double least = INFINITY;

  for (; k < j; k++)
    least = MIN (least, cost[k]);
  return least;
}

void
ts_work_break_lines (TsWork *w, double measure, double indent, GArray *starts)
{
  g_autoptr (TsFit) f = ts_fit_new (w, measure, indent);
  g_autoptr (GArray) cand = g_array_sized_new (FALSE, FALSE, sizeof (guint), w->chars->len + 1);
  const guint *c;
  guint nc, lo = 0;
  g_autofree double *cost = NULL;
  g_autofree guint *from = NULL;

  for (guint i = 0; i <= w->chars->len; i++)
    if (ts_fit_may_start (w, i))
      g_array_append_val (cand, i);
  c = (const guint *) (void *) cand->data;
  nc = cand->len;
  cost = g_new (double, nc);
  from = g_new0 (guint, nc);
  cost[0] = 0;
  for (guint j = 1; j < nc; j++)
    {
      cost[j] = INFINITY;
      while (lo + 1 < j && ts_fit_too_long (f, c[lo], c[j]))
        lo++;
      for (guint k = lo; k < j; k++)
        {
          TsLineFit m;
          double v;

          if (cost[k] + f->line_min >= cost[j])
            continue;   /* no line costs less: cannot win */
          ts_fit_line (f, c[k], c[j], &m);
          if (ts_fit_loose (f, &m, c[k], c[j])
              && ts_fit_least (cost, k, j) + f->line_min + TS_COST_LOOSE >= cost[j])
            break;      /* this line is loose, shorter ones looser still */
          v = cost[k] + ts_fit_cost_of (f, &m, c[k], c[j], k + 1 == j);
          if (v < cost[j])
            {
              cost[j] = v;
              from[j] = k;
            }
        }
    }
  g_array_set_size (starts, 0);
  for (guint j = nc - 1; j > 0; j = from[j])
    g_array_prepend_val (starts, c[j]);
  g_array_prepend_val (starts, c[0]);
}

double
ts_fit_line_cost (TsFit *f, guint s, guint e)
{
  gboolean alone = e <= s + 1 || f->starts[e] - f->starts[s + 1] == 0;

  return ts_fit_cost (f, s, e, alone);
}
