/* import-match.c — paragraphs and headline runs → stories.
 *
 * A page's paragraphs are cut into body segments and its headline runs
 * into groups; every group is matched to at most one segment by one
 * global assignment (Hungarian method) of
 *
 *   score = text similarity (the share of the group's character bigrams,
 *           weighted by rarity, that the segment holds)
 *         + a bonus when the group stands next to the segment on the side
 *           the page prints its heads (after or before the body: learnt
 *           from the page's confident pairs)
 *         − a cost per segment between them,
 *
 * a body left without a head or a head without a body costing a little.
 * A local search then tries other cuts: joining two parts around a short
 * run (which becomes a subhead) or across a paragraph boundary, cutting a
 * segment where a second head wants its other half, splitting a run into
 * other groups; it keeps a move when the assignment plus the cohesion of
 * the joined parts gains (import-tunables.h).
 */
#include "import/import-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
/* One way to read the page: cuts and run partitions, and what follows. */
typedef struct {
  gboolean *cut;         /* per slot */
  guint    *part;        /* per run: bit i = a group ends after line i */
  /* derived */
  GArray   *seg_first;   /* of guint: first paragraph of each segment */
  GArray   *seg_last;
  GPtrArray *groups;     /* of ImpGroup * (owned) */
  GPtrArray *gbags;      /* of ImpWBag * (borrowed from the context), per group */
  double   *sims;        /* per group × segment: text similarity */
  double   *tops;        /* per group: its three best similarities */
  int      *assign;      /* per group: segment or -1 */
  int       banner;      /* the group left over as the page's banner, -1 */
  double    value;
} ImpCfg;

static void
imp_cfg_clear_derived (ImpCfg *c)
{
  g_clear_pointer (&c->seg_first, g_array_unref);
  g_clear_pointer (&c->seg_last, g_array_unref);
  g_clear_pointer (&c->groups, g_ptr_array_unref);
  g_clear_pointer (&c->gbags, g_ptr_array_unref);
  g_clear_pointer (&c->sims, g_free);
  g_clear_pointer (&c->tops, g_free);
  g_clear_pointer (&c->assign, g_free);
}

static void
imp_cfg_free (ImpCfg *c)
{
  if (!c)
    return;
  imp_cfg_clear_derived (c);
  g_free (c->cut);
  g_free (c->part);
  g_free (c);
}

static ImpCfg *
imp_cfg_copy (const ImpCtx *x, const ImpCfg *c)
{
  ImpCfg *d = g_new0 (ImpCfg, 1);
  guint slots = x->paras->len ? x->paras->len - 1 : 0;

  d->cut = g_memdup2 (c->cut, sizeof (gboolean) * (slots + 1));
  d->part = g_memdup2 (c->part, sizeof (guint) * (x->runs->len + 1));
  return d;
}

static void
imp_group_free (ImpGroup *g)
{
  g_free (g->text);
  g_free (g);
}


/* ------------------------------------------------------------ evaluation */

/* Is lines [from, to) a possible headline group: not too long, at most
 * one 副题 (——) and not first? */
static gboolean
imp_group_valid (const ImpPage *pg, guint from, guint to)
{
  guint dashes = 0;

  if (to - from > IMP_GROUP_MAX_LINES || g_str_has_prefix (imp_ln (pg, from)->text, "——"))
    return FALSE;
  for (guint i = from; i < to; i++)
    dashes += g_str_has_prefix (imp_ln (pg, i)->text, "——");
  return dashes <= 1;
}

/* Are run @r's groups under partition @part all valid? */
static gboolean
imp_part_valid (const ImpCtx *x, guint r, guint part)
{
  const ImpItem *it = imp_page_item (x->pg, (int) g_array_index (x->runs, guint, r));
  guint from = it->first;

  for (guint i = it->first; i <= it->last; i++)
    if (i == it->last || (part & (1u << (i - it->first))))
      {
        if (!imp_group_valid (x->pg, from, i + 1))
          return FALSE;
        from = i + 1;
      }
  return TRUE;
}

static ImpGroup *
imp_group_new (const ImpPage *pg, guint item, guint from, guint to)
{
  ImpGroup *g = g_new0 (ImpGroup, 1);
  GString *s = g_string_new (NULL);

  g->item = item;
  g->from = from;
  g->to = to;
  g->seg = -1;
  g->vertical = imp_ln (pg, from)->kind == IMP_L_VERT;
  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append_c (s, ' ');
      g_string_append (s, imp_ln (pg, i)->text);
    }
  g->text = g_string_free (s, FALSE);
  return g;
}

/* The weighted bigrams of group @g (made once per line range). */
static ImpWBag *
imp_group_wbag (const ImpCtx *x, const ImpGroup *g)
{
  g_autofree char *key = g_strdup_printf ("%u:%u", g->from, g->to);
  ImpWBag *b = g_hash_table_lookup (x->wbags, key);

  if (!b)
    {
      b = imp_wbag_new (x, g->text);
      g_hash_table_insert (x->wbags, g_steal_pointer (&key), b);
    }
  return b;
}

/* The similarity of every group to every segment, and each group's three
 * best. */
static void
imp_cfg_sims (const ImpCfg *c, ImpCfg *out)
{
  guint G = c->groups->len, S = c->seg_first->len;

  out->sims = g_new0 (double, (gsize) G * S + 1);
  out->tops = g_new0 (double, (gsize) G * 3 + 1);
  for (guint g = 0; g < G; g++)
    {
      double *t = out->tops + 3 * g;
      for (guint s = 0; s < S; s++)
        {
          double v = imp_bag_sim (g_ptr_array_index (c->gbags, g), g_array_index (c->seg_first, guint, s),
                                  g_array_index (c->seg_last, guint, s));
          out->sims[g * S + s] = v;
          for (int k = 0; k < 3; k++)
            if (v > t[k])
              {
                memmove (t + k + 1, t + k, sizeof (double) * (size_t) (2 - k));
                t[k] = v;
                break;
              }
        }
    }
}

/* Segments and groups of configuration @c. */
static void
imp_cfg_derive (const ImpCtx *x, ImpCfg *c)
{
  const ImpPage *pg = x->pg;

  imp_cfg_clear_derived (c);
  c->seg_first = g_array_new (FALSE, FALSE, sizeof (guint));
  c->seg_last = g_array_new (FALSE, FALSE, sizeof (guint));
  c->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_group_free);
  c->gbags = g_ptr_array_new ();
  for (guint p = 0; p < x->paras->len; p++)
    {
      if (p == 0 || c->cut[p - 1])
        g_array_append_val (c->seg_first, p);
      if (p + 1 == x->paras->len || c->cut[p])
        g_array_append_val (c->seg_last, p);
    }
  for (guint r = 0; r < x->runs->len; r++)
    {
      guint item = g_array_index (x->runs, guint, r);
      const ImpItem *it = imp_page_item (pg, (int) item);
      guint from = it->first;
      if (x->run_slot[r] >= 0 && !c->cut[x->run_slot[r]])
        continue; /* a subhead */
      for (guint i = it->first; i <= it->last; i++)
        if (i == it->last || (c->part[r] & (1u << (i - it->first))))
          {
            ImpGroup *g = imp_group_new (pg, item, from, i + 1);
            g_ptr_array_add (c->groups, g);
            g_ptr_array_add (c->gbags, imp_group_wbag (x, g));
            from = i + 1;
          }
    }
  c->assign = g_new (int, c->groups->len + 1);
  imp_cfg_sims (c, c);
}

/* Headline runs strictly between items @lo and @hi. */
static guint
imp_runs_between (const ImpCtx *x, guint lo, guint hi)
{
  guint n = 0;

  for (guint r = 0; r < x->runs->len; r++)
    {
      guint item = g_array_index (x->runs, guint, r);
      n += item > lo && item < hi;
    }
  return n;
}

/* Segments strictly between items @lo and @hi. */
static guint
imp_segments_between (const ImpCtx *x, const ImpCfg *c, guint lo, guint hi)
{
  guint n = 0;

  for (guint s = 0; s < c->seg_first->len; s++)
    {
      guint a = g_array_index (x->paras, guint, g_array_index (c->seg_first, guint, s));
      if (a > lo && a < hi)
        n++;
    }
  return n;
}

/* Does group @g resemble three bodies or more alike (a page banner over
 * them)? */
static gboolean
imp_group_generic (const ImpCfg *c, guint g)
{
  const double *t = c->tops + 3 * g;
  return t[2] >= IMP_GENERIC_SIM && t[2] >= IMP_GENERIC_SHARE * t[0];
}

/* Score of group @g heading segment @s; *@sim its text similarity.  A
 * group resembling another segment more loses the difference. */
static double
imp_pair_score (const ImpCtx *x, const ImpCfg *c, guint g, guint s, double *sim)
{
  const ImpGroup *grp = g_ptr_array_index (c->groups, g);
  guint fp = g_array_index (c->seg_first, guint, s), lp = g_array_index (c->seg_last, guint, s);
  guint a = g_array_index (x->paras, guint, fp), b = g_array_index (x->paras, guint, lp);
  double p_after = x->pg->p_after, bonus, rival;
  guint d;
  gboolean after = grp->item > b;

  *sim = c->sims[g * c->seg_first->len + s];
  rival = IMP_SIM_RIVAL * MAX (0.0, c->tops[3 * g] - *sim);
  d = after ? imp_segments_between (x, c, b, grp->item) : imp_segments_between (x, c, grp->item, a);
  if (d > 0)
    return *sim - rival - IMP_FAR_PENALTY * d;
  if (imp_group_generic (c, g))
    return *sim - IMP_GENERIC_COST; /* a banner's place says nothing */
  bonus = (after ? p_after : 1 - p_after) / MAX (p_after, 1 - p_after);
  bonus *= IMP_ADJ_FLOOR + (1 - IMP_ADJ_FLOOR) * MIN (1.0, *sim / IMP_SIM_CONFIDENT);
  return *sim - rival + IMP_ADJ_BONUS * bonus + (grp->vertical ? IMP_VERT_BONUS : 0)
         - IMP_FAR_RUN * imp_runs_between (x, after ? b : grp->item, after ? grp->item : a);
}

/* Minimum-cost perfect assignment of the n × n matrix @cost (row-major);
 * @row_of_col[j] receives the row given column j.  Hungarian method with
 * potentials, O(n³). */
static void
imp_hungarian (const double *cost, guint n, int *row_of_col)
{
  g_autofree double *u = g_new0 (double, n + 1), *v = g_new0 (double, n + 1);
  g_autofree double *minv = g_new (double, n + 1);
  g_autofree int *p = g_new0 (int, n + 1), *way = g_new0 (int, n + 1);
  g_autofree gboolean *used = g_new (gboolean, n + 1);

  for (guint i = 1; i <= n; i++)
    {
      int j0 = 0;
      p[0] = (int) i;
      for (guint j = 0; j <= n; j++)
        minv[j] = G_MAXDOUBLE, used[j] = FALSE;
      do
        {
          int i0 = p[j0], j1 = 0;
          double delta = G_MAXDOUBLE;
          used[j0] = TRUE;
          for (guint j = 1; j <= n; j++)
            if (!used[j])
              {
                double cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j])
                  minv[j] = cur, way[j] = j0;
                if (minv[j] < delta)
                  delta = minv[j], j1 = (int) j;
              }
          for (guint j = 0; j <= n; j++)
            if (used[j])
              u[p[j]] += delta, v[j] -= delta;
            else
              minv[j] -= delta;
          j0 = j1;
        }
      while (p[j0] != 0);
      do
        {
          int j1 = way[j0];
          p[j0] = p[j1];
          j0 = j1;
        }
      while (j0);
    }
  for (guint j = 1; j <= n; j++)
    row_of_col[j - 1] = p[j] - 1;
}

#define IMP_FORBIDDEN 1e6

/* Does group @g read as a banner wherever it stands: with a 副题 (——…),
 * or over three stories or more? */
static gboolean
imp_banner_form (const ImpCfg *c, guint g)
{
  return strstr (((const ImpGroup *) g_ptr_array_index (c->groups, g))->text, "——") || imp_group_generic (c, g);
}

/* May group @g be the page's banner: opening a run before every story,
 * with a 副题 (——…), or over three stories or more?  (One such head costs nothing
 * left unmatched.) */
static gboolean
imp_banner_candidate (const ImpCtx *x, const ImpCfg *c, guint g)
{
  const ImpGroup *grp = g_ptr_array_index (c->groups, g);
  gboolean opens_run = grp->from == imp_page_item (x->pg, (int) grp->item)->first;

  /* before every story: a banner opens its run (a head's 副题 does not) */
  return (opens_run && (!x->paras->len || grp->item < g_array_index (x->paras, guint, 0)))
         || imp_banner_form (c, g);
}

/* Is group @g a column badge (栏头) printed with a head: one short line of
 * a badge's form in a run that holds another group, its words
 * mostly found in no body?  (It costs little left unmatched, and cutting it off
 * its head costs nothing.) */
static gboolean
imp_badge_group (const ImpCtx *x, const ImpCfg *c, guint g)
{
  const ImpGroup *grp = g_ptr_array_index (c->groups, g);
  const ImpItem *run = imp_page_item (x->pg, (int) grp->item);

  const ImpWBag *bag = g_ptr_array_index (c->gbags, g);
  /* the share of its weighted bigrams the body most like it holds
   * (similarity without the prior that shrinks short texts) */
  double cover = bag->total > 0 ? c->tops[3 * g] * (bag->total + IMP_SIM_PRIOR) / bag->total : 0;

  if (grp->to - grp->from != 1 || run->last == run->first || cover >= IMP_BADGE_COVER)
    return FALSE;
  /* where blank lines part heads, a blank line sets it apart */
  if (x->pg->blank_parts_heads && !(grp->from > run->first && imp_ln (x->pg, grp->from)->blank_before)
      && !(grp->from < run->last && imp_ln (x->pg, grp->from + 1)->blank_before))
    return FALSE;
  return imp_badge_form (x->pg, imp_ln (x->pg, grp->from)->text);
}

/* Score of group @g heading the teaser whose jump line (见4版) is item
 * @t: next to it on the page's side, and resembling no body. */
static double
imp_teaser_score (const ImpCtx *x, const ImpCfg *c, guint g, guint t)
{
  const ImpGroup *grp = g_ptr_array_index (c->groups, g);
  const ImpItem *run = imp_page_item (x->pg, (int) grp->item);
  double p_after = x->pg->p_after;
  gboolean before = grp->item + 1 == t && grp->to == run->last + 1;
  gboolean after = grp->item == t + 1 && grp->from == run->first;

  if (!before && !after)
    return -1;
  /* a teaser's head follows its jump line where heads follow bodies */
  return IMP_TEASER_BASE + IMP_ADJ_BONUS * (after ? p_after : 1 - p_after) / MAX (p_after, 1 - p_after)
         - IMP_SIM_RIVAL * c->tops[3 * g];
}

/* The cost of group @g heading nothing. */
static double
imp_orphan_cost (const ImpCtx *x, const ImpCfg *c, guint g)
{
  return imp_badge_group (x, c, g) ? IMP_BADGE_ORPHAN_COST : IMP_ORPHAN_COST;
}

/* Matches groups to segments and teasers; returns the assignment's value.
 * c->assign[g] is a segment, S + a teaser, or -1. */
static double
imp_cfg_assign (const ImpCtx *x, ImpCfg *c)
{
  guint G = c->groups->len, S = c->seg_first->len, T = x->teasers->len, C = S + T, n = G + C;
  g_autofree double *cost = g_new (double, (gsize) n * n + 1);
  g_autofree int *row_of_col = g_new (int, n + 1);
  double value = 0;
  gboolean banner_free = TRUE;
  int banner = -1;

  /* the first head that may be the banner costs nothing unmatched */
  for (guint g = 0; g < G && banner < 0; g++)
    if (imp_banner_candidate (x, c, g))
      banner = (int) g;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double v, sim, sc;
        if (i < G && j < C)
          {
            sc = j < S ? imp_pair_score (x, c, i, j, &sim)
                       : imp_teaser_score (x, c, i, g_array_index (x->teasers, guint, j - S));
            v = sc >= IMP_MATCH_MIN ? -sc : IMP_FORBIDDEN;
          }
        else if (i < G)
          v = j - C == i ? ((int) i == banner ? 0 : imp_orphan_cost (x, c, i)) : IMP_FORBIDDEN;
        else if (j < C)
          v = i - G == j ? IMP_HEADLESS_COST : IMP_FORBIDDEN;
        else
          v = 0;
        cost[i * n + j] = v;
      }
  if (n)
    imp_hungarian (cost, n, row_of_col);
  for (guint g = 0; g < G; g++)
    c->assign[g] = -1;
  for (guint j = 0; j < C; j++)
    {
      int i = row_of_col[j];
      if (i >= 0 && (guint) i < G && cost[i * n + j] < IMP_FORBIDDEN)
        {
          c->assign[i] = (int) j;
          value -= cost[i * n + j];
        }
      else
        value -= IMP_HEADLESS_COST;
    }
  c->banner = -1;
  for (guint g = 0; g < G; g++)
    {
      if (c->assign[g] >= 0)
        continue;
      if (banner_free && imp_banner_candidate (x, c, g))
        {
          banner_free = FALSE;
          c->banner = (int) g;
          continue;
        }
      value -= imp_orphan_cost (x, c, g);
    }
  return value;
}

/* Does run item @r have a blank line between some of its lines but not
 * between others? */
static gboolean
imp_run_blank_mixed (const ImpPage *pg, guint r)
{
  const ImpItem *it = imp_page_item (pg, (int) r);
  guint blank = 0;

  for (guint i = it->first + 1; i <= it->last; i++)
    blank += imp_ln (pg, i)->blank_before;
  return blank > 0 && blank < it->last - it->first;
}

static double
imp_cfg_eval (const ImpCtx *x, ImpCfg *c)
{
  double v;

  imp_cfg_derive (x, c);
  v = imp_cfg_assign (x, c);
  for (guint k = 0; k + 1 < x->paras->len; k++)
    if (!x->forced[k] && !c->cut[k])
      v += x->join[k];
  for (guint g = 1; g < c->groups->len; g++)
    {
      const ImpGroup *grp = g_ptr_array_index (c->groups, g);
      /* cutting a badge or the banner (like no body) off a head costs nothing */
      if (grp->item != ((ImpGroup *) g_ptr_array_index (c->groups, g - 1))->item
          || imp_badge_group (x, c, g) || imp_badge_group (x, c, g - 1)
          || (c->banner >= 0 && ((guint) c->banner == g || (guint) c->banner + 1 == g)
              && imp_banner_form (c, (guint) c->banner) && c->tops[3 * c->banner] < IMP_BANNER_SIM))
        continue;
      /* a run set partly with blank lines: its frames part at them */
      v -= imp_ln (x->pg, grp->from)->blank_before && imp_run_blank_mixed (x->pg, grp->item)
           ? IMP_GROUP_COST_BLANK : IMP_GROUP_COST;
    }
  c->value = v;
  return v;
}

/* --------------------------------------------------------------- search */

/* The page's habit: heads after their bodies (1) or before them (0),
 * from the groups clearly like one body next to them. */
static double
imp_learn_habit (const ImpCtx *x, ImpCfg *c)
{
  guint after = 0, before = 0;

  for (guint g = 0; g < c->groups->len; g++)
    {
      const ImpGroup *grp = g_ptr_array_index (c->groups, g);
      double best = 0, second = 0;
      int arg = -1;
      for (guint s = 0; s < c->seg_first->len; s++)
        {
          double sim = c->sims[g * c->seg_first->len + s];
          if (sim > best)
            second = best, best = sim, arg = (int) s;
          else if (sim > second)
            second = sim;
        }
      if (arg < 0 || best < IMP_SIM_CONFIDENT || best - second < IMP_HABIT_MARGIN)
        continue;
      {
        guint a = g_array_index (x->paras, guint, g_array_index (c->seg_first, guint, arg));
        guint b = g_array_index (x->paras, guint, g_array_index (c->seg_last, guint, arg));
        if (grp->item > b && !imp_segments_between (x, c, b, grp->item))
          after++;
        else if (grp->item < a && !imp_segments_between (x, c, grp->item, a))
          before++;
      }
    }
  return (after + 1.0) / (after + before + 2.0);
}

static ImpCfg *
imp_cfg_initial (const ImpCtx *x)
{
  ImpCfg *c = g_new0 (ImpCfg, 1);

  c->cut = g_new0 (gboolean, x->paras->len + 1);
  c->part = g_new0 (guint, x->runs->len + 1);
  for (guint k = 0; k + 1 < x->paras->len; k++)
    c->cut[k] = x->forced[k];
  for (guint r = 0; r < x->runs->len; r++)
    {
      const ImpItem *it = imp_page_item (x->pg, (int) g_array_index (x->runs, guint, r));
      guint n = it->last - it->first + 1;
      if (x->run_slot[r] >= 0)
        c->cut[x->run_slot[r]] = TRUE;
      c->part[r] = x->run_hard[r];
      for (guint i = IMP_GROUP_MAX_LINES - 1; i + 1 < n; i += IMP_GROUP_MAX_LINES)
        c->part[r] |= 1u << i;
      /* never a cut before a 副题 */
      for (guint i = 0; i + 1 < n; i++)
        if (g_str_has_prefix (imp_ln (x->pg, it->first + i + 1)->text, "——"))
          c->part[r] &= ~(1u << i);
    }
  return c;
}

/* Slots worth trying to cut: inside a segment that an unmatched group
 * resembles, or two groups do. */
static gboolean
imp_slot_wanted (const ImpCfg *c, guint k)
{
  guint s = 0, wanting = 0;

  while (s < c->seg_last->len && g_array_index (c->seg_last, guint, s) < k)
    s++;
  if (s >= c->seg_last->len || g_array_index (c->seg_last, guint, s) == k)
    return FALSE;
  for (guint g = 0; g < c->groups->len; g++)
    {
      if (c->sims[g * c->seg_first->len + s] < IMP_SIM_SPLIT)
        continue;
      if (c->assign[g] < 0 || ++wanting >= 2)
        return TRUE;
    }
  return FALSE;
}

/* Keeps @c in *@best when it beats it (else frees it). */
static void
imp_keep_best (ImpCfg **best, ImpCfg *c)
{
  if (c->value > (*best)->value + 1e-9)
    {
      imp_cfg_free (*best);
      *best = c;
    }
  else
    imp_cfg_free (c);
}

/* After a move that leaves a head unmatched that resembles a body (a run
 * cut in two heads, one over a story not yet cut off): the move together
 * with each cut inside that body. */
static void
imp_try_follow (const ImpCtx *x, const ImpCfg *c, ImpCfg **best)
{
  guint S = c->seg_first->len;

  for (guint g = 0; g < c->groups->len; g++)
    {
      int s = -1;
      if (c->assign[g] >= 0)
        continue;
      for (guint t = 0; t < S; t++)
        if (c->sims[g * S + t] >= IMP_SIM_SPLIT && (s < 0 || c->sims[g * S + t] > c->sims[g * S + (guint) s]))
          s = (int) t;
      if (s < 0)
        continue;
      for (guint k = g_array_index (c->seg_first, guint, s); k < g_array_index (c->seg_last, guint, s); k++)
        if (!x->forced[k])
          {
            ImpCfg *d = imp_cfg_copy (x, c);
            d->cut[k] = TRUE;
            imp_cfg_eval (x, d);
            imp_keep_best (best, d);
          }
    }
}

/* Tries one move (and what it calls for); keeps it in *@best when it beats
 * it. */
static void
imp_try (const ImpCtx *x, const ImpCfg *cur, ImpCfg **best, int slot, int run, guint part)
{
  ImpCfg *c = imp_cfg_copy (x, cur);

  if (slot >= 0)
    c->cut[slot] = !c->cut[slot];
  if (run >= 0)
    c->part[run] = part;
  imp_cfg_eval (x, c);
  if (run >= 0)
    imp_try_follow (x, c, best);
  imp_keep_best (best, c);
}

/* Greedy search: the best improving move until none improves. */
static ImpCfg *
imp_search (const ImpCtx *x, ImpCfg *cur)
{
  for (guint round = 0; round < IMP_SEARCH_ROUNDS; round++)
    {
      ImpCfg *best = imp_cfg_copy (x, cur);
      imp_cfg_eval (x, best);
      for (guint k = 0; k + 1 < x->paras->len; k++)
        {
          gboolean run_slot = FALSE;
          if (x->forced[k])
            continue;
          for (guint r = 0; r < x->runs->len; r++)
            run_slot |= x->run_slot[r] == (int) k;
          if (run_slot || cur->cut[k] || imp_slot_wanted (cur, k))
            imp_try (x, cur, &best, (int) k, -1, 0);
        }
      for (guint r = 0; r < x->runs->len; r++)
        {
          const ImpItem *it = imp_page_item (x->pg, (int) g_array_index (x->runs, guint, r));
          guint cuts = it->last - it->first;
          if (x->run_slot[r] >= 0 && !cur->cut[x->run_slot[r]])
            continue; /* a subhead */
          if (cuts < IMP_RUN_PARTITION_MAX)
            {
              /* every way to cut a short run into groups */
              for (guint part = 0; part < (1u << cuts); part++)
                if (part != cur->part[r] && (part & x->run_hard[r]) == x->run_hard[r]
                    && imp_part_valid (x, r, part))
                  imp_try (x, cur, &best, -1, (int) r, part);
              continue;
            }
          for (guint i = 0; i < cuts; i++)
            {
              guint part = cur->part[r] ^ (1u << i);
              if (!(x->run_hard[r] & (1u << i)) && imp_part_valid (x, r, part))
                imp_try (x, cur, &best, -1, (int) r, part);
            }
        }
      if (best->value <= cur->value + 1e-9)
        {
          imp_cfg_free (best);
          break;
        }
      if (x->pg->opts && x->pg->opts->trace)
        {
          GString *t = x->pg->opts->trace;
          g_string_append_printf (t, "move: %.3f -> %.3f;", cur->value, best->value);
          for (guint k = 0; k + 1 < x->paras->len; k++)
            if (cur->cut[k] != best->cut[k])
              g_string_append_printf (t, " slot %u %s", k, best->cut[k] ? "cut" : "joined");
          for (guint r = 0; r < x->runs->len; r++)
            if (cur->part[r] != best->part[r])
              g_string_append_printf (t, " run %u part %x", r, best->part[r]);
          g_string_append_c (t, '\n');
        }
      imp_cfg_free (cur);
      cur = best;
    }
  return cur;
}

/* ---------------------------------------------------------------- result */

static void
imp_seg_free (ImpSeg *s)
{
  g_array_unref (s->items);
  g_free (s);
}

/* Writes configuration @c into the page: segments, groups, notes. */
static void
imp_apply (ImpCtx *x, ImpCfg *c)
{
  ImpPage *pg = x->pg;
  gboolean banner_done = FALSE;

  pg->segs = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_seg_free);
  for (guint s = 0; s < c->seg_first->len; s++)
    {
      ImpSeg *seg = g_new0 (ImpSeg, 1);
      guint fp = g_array_index (c->seg_first, guint, s), lp = g_array_index (c->seg_last, guint, s);
      guint a = g_array_index (x->paras, guint, fp), b = g_array_index (x->paras, guint, lp);
      seg->items = g_array_new (FALSE, FALSE, sizeof (guint));
      seg->first_para = fp;
      seg->last_para = lp;
      seg->group = -1;
      for (guint i = a; i <= b; i++)
        {
          g_array_append_val (seg->items, i);
          imp_page_item (pg, (int) i)->seg = (int) s;
        }
      g_ptr_array_add (pg->segs, seg);
      if (fp > 0 && !x->forced[fp - 1] && c->cut[fp - 1])
        {
          const ImpItem *it = imp_page_item (pg, (int) a);
          gboolean run = a > 0 && imp_page_item (pg, (int) a - 1)->kind == IMP_I_RUN;
          if (!run)
            ed_edition_add_note (pg->ed, "%s:%u: a new story starts here (no headline or "
                                 "byline between; its headline matches: cohesion %.2f)",
                                 pg->stem, imp_ln (pg, it->first)->no, imp_slot_cohesion (x, fp - 1));
        }
    }
  for (guint g = 0; g < c->groups->len; g++)
    {
      ImpGroup *grp = g_ptr_array_index (c->groups, g);
      grp->seg = c->assign[g];
      grp->teaser = -1;
      if (grp->seg >= (int) c->seg_first->len)
        {
          grp->teaser = (int) g_array_index (x->teasers, guint, (guint) grp->seg - c->seg_first->len);
          grp->seg = -1;
        }
      grp->banner = grp->seg < 0 && grp->teaser < 0 && !banner_done && imp_banner_candidate (x, c, g);
      banner_done |= grp->banner;
      if (grp->seg >= 0)
        {
          grp->score = imp_pair_score (x, c, g, (guint) grp->seg, &grp->sim);
          ((ImpSeg *) g_ptr_array_index (pg->segs, grp->seg))->group = (int) g;
        }
    }
  pg->groups = g_steal_pointer (&c->groups);
  /* subheads: runs inside a story */
  for (guint r = 0; r < x->runs->len; r++)
    {
      guint item = g_array_index (x->runs, guint, r);
      const ImpItem *it = imp_page_item (pg, (int) item);
      ImpGroup *sub;
      if (x->run_slot[r] < 0 || c->cut[x->run_slot[r]])
        continue;
      sub = imp_group_new (pg, item, it->first, it->last + 1);
      sub->subhead = TRUE;
      sub->seg = it->seg;
      g_ptr_array_add (pg->groups, sub);
      ed_edition_add_note (pg->ed, "%s:%u: headline kept as a subhead inside its story "
                           "(cohesion %.2f)", pg->stem, imp_ln (pg, it->first)->no,
                           imp_slot_cohesion (x, (guint) x->run_slot[r]));
    }
}

/* Cuts the paragraphs into stories and matches the headline groups to
 * them (see the file's comment). */
void
imp_page_match (ImpPage *pg)
{
  ImpCtx *x = imp_ctx_new (pg);
  ImpCfg *c = imp_cfg_initial (x);

  pg->p_after = 0.5;
  imp_cfg_eval (x, c);
  for (guint round = 0; round < 2; round++)
    {
      pg->p_after = imp_learn_habit (x, c);
      imp_cfg_eval (x, c);
      c = imp_search (x, c);
    }
  imp_cfg_eval (x, c);
  imp_apply (x, c);
  imp_cfg_free (c);
  pg->ctx = x;
}


/* ---------------------------------------------------- a second reading */

/* Could text line @i be a headline line the first reading took for the
 * first or last line of a paragraph: no sentence in it, no 。, at most one
 * inner mark, no story's or caption's opening, no bracket left open? */
static gboolean
imp_hidden_head_form (ImpPage *pg, guint i)
{
  const ImpLine *l = imp_ln (pg, i);
  const char *t = l->text;
  gunichar last = *t ? g_utf8_get_char (g_utf8_find_prev_char (t, t + strlen (t))) : 0;
  guint marks = 0;

  if (l->kind != IMP_L_TEXT || l->spaced || l->force_head || l->head || l->w < IMP_HIDDEN_MIN_WIDTH
      || l->w > IMP_HEAD_MAX_WIDTH || imp_ends_sentence (t) || strstr (t, "。")
      || g_str_has_prefix (t, "本报讯") || g_str_has_prefix (t, "图为"))
    return FALSE;
  /* a story's opening date (1月16日，), a bracket left open */
  if (imp_match (pg, "^\\d{1,2}月\\d{1,2}日|（[^）]*$|\\([^)]*$", t))
    return FALSE;
  if (last == 0xFF0C || last == 0x3001 || last == 0xFF1B || last == 0xFF1A || last == ',')
    return FALSE;
  for (const char *p = t; *p; p = g_utf8_next_char (p))
    marks += g_utf8_get_char (p) == 0xFF0C || g_utf8_get_char (p) == 0x3001;
  return marks <= 1;
}

/* The best line at the edge of an item next to segment @s (its own first
 * or last line, or the nearest paragraph's or caption's across headline
 * runs and other lines) that may be its hidden head; -1. */
static int
imp_hidden_head_of (ImpPage *pg, guint s)
{
  const ImpSeg *seg = g_ptr_array_index (pg->segs, s);
  guint a = g_array_index (seg->items, guint, 0), b = g_array_index (seg->items, guint, seg->items->len - 1);
  guint cand[4], n = 0;
  int best = -1;
  double best_sim = IMP_HIDDEN_SIM;

  cand[n++] = imp_page_item (pg, (int) a)->first;
  cand[n++] = imp_page_item (pg, (int) b)->last;
  for (int k = (int) a - 1; k >= 0; k--)
    if (imp_page_item (pg, k)->kind == IMP_I_PARA || imp_page_item (pg, k)->kind == IMP_I_CAPTION)
      {
        cand[n++] = imp_page_item (pg, k)->last;
        break;
      }
  for (int k = (int) b + 1; k < (int) pg->items->len; k++)
    if (imp_page_item (pg, k)->kind == IMP_I_PARA || imp_page_item (pg, k)->kind == IMP_I_CAPTION)
      {
        cand[n++] = imp_page_item (pg, k)->first;
        break;
      }
  for (guint c = 0; c < n; c++)
    {
      double sim;
      if (!imp_hidden_head_form (pg, cand[c]))
        continue;
      sim = imp_page_similarity (pg, imp_ln (pg, cand[c])->text, s);
      if (sim >= best_sim)
        best_sim = sim, best = (int) cand[c];
    }
  return best;
}

/* After a first reading: marks the text lines that may be the heads of
 * stories left without one (l->force_head); returns how many. */
guint
imp_page_hidden_heads (ImpPage *pg)
{
  guint n = 0;

  for (guint s = 0; s < pg->segs->len; s++)
    {
      int line;
      if (((const ImpSeg *) g_ptr_array_index (pg->segs, s))->group >= 0)
        continue;
      if ((line = imp_hidden_head_of (pg, s)) >= 0)
        {
          imp_ln (pg, (guint) line)->force_head = TRUE;
          n++;
        }
    }
  return n;
}
