/* import-context.c — what the matcher knows of a page before it reads it
 * one way or another: the paragraphs' and heads' character bigrams (each
 * weighed by its rarity on the page), the similarity of a text to a run
 * of paragraphs, the cohesion of the parts around each boundary between
 * paragraphs (bigrams only the two parts share), the cuts the text forces,
 * the runs that may be subheads, the teasers' jump lines.  The matcher
 * (import-match.c) reads the page with these facts. */
#include "import/import-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
imp_compare_u32 (const void *a, const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

/* Sorted distinct codes of the Han bigrams of @text. */
static GArray *
imp_bag_new (const char *text)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (guint32));
  gunichar prev = 0;
  guint k = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == ' ')
        continue;
      if (imp_is_han (c) && imp_is_han (prev))
        {
          guint32 code = (guint32) (prev * 2654435761u) ^ (guint32) c;
          g_array_append_val (a, code);
        }
      prev = c;
    }
  if (a->len)
    qsort (a->data, a->len, sizeof (guint32), imp_compare_u32);
  for (guint i = 0; i < a->len; i++)
    if (!k || g_array_index (a, guint32, i) != g_array_index (a, guint32, k - 1))
      g_array_index (a, guint32, k++) = g_array_index (a, guint32, i);
  g_array_set_size (a, k);
  return a;
}



void
imp_wbag_free (ImpWBag *b)
{
  g_free (b->w);
  g_free (b->post);
  g_free (b);
}

/* ------------------------------------------------------------ similarity */

static double
imp_idf (const ImpCtx *x, guint32 code)
{
  GArray *post = g_hash_table_lookup (x->postings, GUINT_TO_POINTER (code));
  double df = post ? post->len : 0;
  return log ((x->paras->len + 1.0) / (df + 0.5));
}

ImpWBag *
imp_wbag_new (const ImpCtx *x, const char *text)
{
  g_autoptr (GArray) codes = imp_bag_new (text);
  ImpWBag *b = g_new0 (ImpWBag, 1);

  b->n = codes->len;
  b->w = g_new (double, b->n + 1);
  b->post = g_new (GArray *, b->n + 1);
  for (guint i = 0; i < b->n; i++)
    {
      guint32 code = g_array_index (codes, guint32, i);
      b->post[i] = g_hash_table_lookup (x->postings, GUINT_TO_POINTER (code));
      b->w[i] = imp_idf (x, code);
      b->total += b->w[i];
    }
  return b;
}

/* Share of @bag's weighted bigrams found in paragraphs [a, b] (shrunk by
 * IMP_SIM_PRIOR). */
double
imp_bag_sim (const ImpWBag *bag, guint a, guint b)
{
  double got = 0;

  for (guint i = 0; i < bag->n; i++)
    {
      const GArray *post = bag->post[i];
      guint lo = 0, hi;
      if (!post)
        continue;
      hi = post->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (post, guint, mid) < a)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < post->len && g_array_index (post, guint, lo) <= b)
        got += bag->w[i];
    }
  return bag->total > 0 ? got / (bag->total + IMP_SIM_PRIOR) : 0; /* a few bigrams prove little */
}

/* The bigrams of paragraphs [a, b], as a set. */
static GHashTable *
imp_bag_union (const ImpCtx *x, guint a, guint b)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);

  for (guint p = a; p <= b; p++)
    {
      const GArray *bag = g_ptr_array_index (x->bags, p);
      for (guint i = 0; i < bag->len; i++)
        g_hash_table_add (set, GUINT_TO_POINTER (g_array_index (bag, guint32, i)));
    }
  return set;
}

/* Cohesion across slot @k: the bigrams the two sides share (names,
 * places, terms of one story), each counting 1 / (1 + the other parts of
 * the page that have it), per square root of the smaller side's bigrams.  The sides are the units around the
 * slot (paragraphs between forced cuts and headline runs), or, inside one
 * unit, its paragraphs before and after the slot. */
double
imp_slot_cohesion (const ImpCtx *x, guint k)
{
  guint u = x->unit_of_para[k], v = x->unit_of_para[k + 1];
  guint a = k, b = k + 1, own = u == v ? 1 : 2;
  double shared = 0;
  g_autoptr (GHashTable) left = NULL, right = NULL;
  GHashTableIter it;
  gpointer key;

  while (a > 0 && x->unit_of_para[a - 1] == u)
    a--;
  while (b + 1 < x->paras->len && x->unit_of_para[b + 1] == v)
    b++;
  left = imp_bag_union (x, a, k);
  right = imp_bag_union (x, k + 1, b);
  g_hash_table_iter_init (&it, left);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (g_hash_table_contains (right, key))
      {
        /* a bigram also elsewhere counts for less (a feature's parts share
         * its words) */
        guint df = GPOINTER_TO_UINT (g_hash_table_lookup (x->unit_df, key));
        shared += 1.0 / (1 + df - own);
      }
  {
    /* a side of few bigrams proves little: shrunk towards the neutral level */
    double n = MIN (g_hash_table_size (left), g_hash_table_size (right));
    double coh = shared / sqrt (MAX (1.0, n));
    return (coh * n + IMP_COHESION_LEVEL * IMP_COHESION_PRIOR) / (n + IMP_COHESION_PRIOR);
  }
}

/* Units and the number of units holding each bigram. */
static void
imp_ctx_units (ImpCtx *x)
{
  guint unit = 0, start = 0;

  x->unit_of_para = g_new0 (guint, x->paras->len + 1);
  x->unit_df = g_hash_table_new (NULL, NULL);
  for (guint p = 0; p < x->paras->len; p++)
    {
      gboolean end = p + 1 == x->paras->len || x->forced[p];
      for (guint r = 0; !end && r < x->runs->len; r++)
        end = g_array_index (x->runs, guint, r) == g_array_index (x->paras, guint, p) + 1;
      x->unit_of_para[p] = unit;
      if (!end)
        continue;
      {
        g_autoptr (GHashTable) set = imp_bag_union (x, start, p);
        GHashTableIter it;
        gpointer key;
        g_hash_table_iter_init (&it, set);
        while (g_hash_table_iter_next (&it, &key, NULL))
          g_hash_table_insert (x->unit_df, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (x->unit_df, key)) + 1));
      }
      unit++;
      start = p + 1;
    }
}

/* ------------------------------------------------------------ the facts */

static gboolean
imp_is_para (const ImpItem *it)
{
  return it && it->kind == IMP_I_PARA;
}

/* May run item @it stand inside a story as its subhead? */
static gboolean
imp_run_may_be_subhead (const ImpPage *pg, const ImpItem *it)
{
  if (it->last - it->first + 1 > IMP_SUBHEAD_MAX_LINES)
    return FALSE;
  for (guint i = it->first; i <= it->last; i++)
    {
      const ImpLine *l = imp_ln (pg, i);
      if (l->kind == IMP_L_VERT || l->w > IMP_SUBHEAD_MAX_WIDTH || g_str_has_prefix (l->text, "——"))
        return FALSE;
    }
  return TRUE;
}

/* Does paragraph item @it open a story by its form (本报讯, a frame's
 * first line opened with a space)? */
static gboolean
imp_para_opens (const ImpPage *pg, const ImpItem *it)
{
  return g_str_has_prefix (it->text, "本报讯") || imp_ln (pg, it->first)->lead;
}

/* Is the page's habit a blank line between heads but none inside one:
 * most headline lines that follow one another stand without a blank line
 * between them, on a page that otherwise sets one after every line? */
static gboolean
imp_blank_parts_heads (const ImpPage *pg)
{
  guint body = 0, blank = 0, adjacent = 0, apart = 0;

  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = imp_ln (pg, i);
      if (l->kind == IMP_L_TEXT && !l->head)
        {
          body++;
          blank += l->blank_before;
        }
      if (i > 0 && l->head && imp_ln (pg, i - 1)->head)
        {
          adjacent += !l->blank_before;
          apart += l->blank_before;
        }
    }
  return body && blank >= body * IMP_DOUBLE_SPACED && adjacent > 0 && adjacent >= apart;
}

static void
imp_ctx_slots (ImpCtx *x)
{
  ImpPage *pg = x->pg;

  for (guint k = 0; k + 1 < x->paras->len; k++)
    {
      guint a = g_array_index (x->paras, guint, k), b = g_array_index (x->paras, guint, k + 1);
      const ImpItem *next = imp_page_item (pg, (int) b);

      if (imp_para_opens (pg, next) || b - a > 2)
        {
          x->forced[k] = TRUE;
          continue;
        }
      if (b - a == 2)
        {
          const ImpItem *mid = imp_page_item (pg, (int) a + 1);
          if (mid->kind != IMP_I_RUN || !imp_run_may_be_subhead (pg, mid))
            {
              x->forced[k] = TRUE;
              continue;
            }
        }
    }
  imp_ctx_units (x);
  for (guint k = 0; k + 1 < x->paras->len; k++)
    {
      guint a = g_array_index (x->paras, guint, k), b = g_array_index (x->paras, guint, k + 1);
      const ImpItem *next = imp_page_item (pg, (int) b);
      double coh;
      if (x->forced[k])
        continue;
      coh = imp_slot_cohesion (x, k);
      x->join[k] = IMP_COHESION_WEIGHT * CLAMP (coh - IMP_COHESION_LEVEL, -IMP_COHESION_CAP, IMP_COHESION_CAP);
      if (b - a == 2)
        {
          for (guint r = 0; r < x->runs->len; r++)
            if (g_array_index (x->runs, guint, r) == a + 1)
              {
                x->run_slot[r] = (int) k;
                x->run_sub[r] = TRUE;
              }
          x->join[k] -= IMP_SUBHEAD_COST;
        }
      else
        x->join[k] += next->frame_start ? IMP_JOIN_MEASURE : IMP_JOIN_PLAIN;
    }
}

/* A run's form: its lines' widths, rounded ("8,8"). */
static char *
imp_run_form (const ImpPage *pg, const ImpItem *it)
{
  GString *s = g_string_new (NULL);

  for (guint i = it->first; i <= it->last; i++)
    g_string_append_printf (s, "%s%.0f", i > it->first ? "," : "", imp_ln (pg, i)->w);
  return g_string_free (s, FALSE);
}

/* Short runs inside stories that look alike (the same number of lines,
 * the same widths) are a story's series of subheads: their joins gain. */
static void
imp_ctx_subhead_series (ImpCtx *x)
{
  g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < x->runs->len; r++)
    g_ptr_array_add (forms, x->run_sub[r] ? imp_run_form (x->pg, imp_page_item (x->pg, (int) g_array_index (x->runs, guint, r)))
                                          : NULL);
  for (guint r = 0; r < x->runs->len; r++)
    {
      guint alike = 0;
      for (guint o = 0; o < x->runs->len && forms->pdata[r]; o++)
        alike += o != r && forms->pdata[o] && !strcmp (forms->pdata[r], forms->pdata[o]);
      if (alike)
        x->join[x->run_slot[r]] += IMP_SUBHEAD_SERIES;
    }
}

void
imp_ctx_free (ImpCtx *x)
{
  g_array_unref (x->paras);
  g_array_unref (x->runs);
  g_ptr_array_unref (x->bags);
  g_hash_table_unref (x->postings);
  g_free (x->join);
  g_free (x->forced);
  g_free (x->run_slot);
  g_free (x->run_sub);
  g_free (x->run_hard);
  g_free (x->para_of_item);
  g_free (x->unit_of_para);
  g_hash_table_unref (x->unit_df);
  g_hash_table_unref (x->wbags);
  g_array_unref (x->teasers);
  g_free (x);
}

ImpCtx *
imp_ctx_new (ImpPage *pg)
{
  ImpCtx *x = g_new0 (ImpCtx, 1);
  gboolean blank_cuts = pg->blank_parts_heads = imp_blank_parts_heads (pg);

  x->pg = pg;
  x->paras = g_array_new (FALSE, FALSE, sizeof (guint));
  x->runs = g_array_new (FALSE, FALSE, sizeof (guint));
  x->teasers = g_array_new (FALSE, FALSE, sizeof (guint));
  x->bags = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  x->postings = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  x->wbags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) imp_wbag_free);
  x->para_of_item = g_new (int, pg->items->len + 1);
  for (guint i = 0; i < pg->items->len; i++)
    {
      const ImpItem *it = g_ptr_array_index (pg->items, i);
      x->para_of_item[i] = -1;
      if (imp_is_para (it))
        {
          x->para_of_item[i] = (int) x->paras->len;
          g_array_append_val (x->paras, i);
          g_ptr_array_add (x->bags, imp_bag_new (it->text));
        }
      else if (it->kind == IMP_I_RUN)
        g_array_append_val (x->runs, i);
      else if (it->kind == IMP_I_LINE && it->line->kind == IMP_L_TEASER)
        g_array_append_val (x->teasers, i);
    }
  for (guint p = 0; p < x->bags->len; p++)
    {
      const GArray *bag = g_ptr_array_index (x->bags, p);
      for (guint i = 0; i < bag->len; i++)
        {
          gpointer key = GUINT_TO_POINTER (g_array_index (bag, guint32, i));
          GArray *post = g_hash_table_lookup (x->postings, key);
          if (!post)
            g_hash_table_insert (x->postings, key, post = g_array_new (FALSE, FALSE, sizeof (guint)));
          g_array_append_val (post, p);
        }
    }
  x->join = g_new0 (double, x->paras->len + 1);
  x->forced = g_new0 (gboolean, x->paras->len + 1);
  x->run_slot = g_new (int, x->runs->len + 1);
  x->run_sub = g_new0 (gboolean, x->runs->len + 1);
  x->run_hard = g_new0 (guint, x->runs->len + 1);
  for (guint r = 0; r < x->runs->len; r++)
    {
      const ImpItem *it = imp_page_item (pg, (int) g_array_index (x->runs, guint, r));
      x->run_slot[r] = -1;
      for (guint i = it->first; blank_cuts && i < it->last; i++)
        if (imp_ln (pg, i + 1)->blank_before)
          x->run_hard[r] |= 1u << (i - it->first);
    }
  imp_ctx_slots (x);
  imp_ctx_subhead_series (x);
  return x;
}

/* Similarity of @text to segment @s (0..1). */
double
imp_page_similarity (const ImpPage *pg, const char *text, guint s)
{
  ImpWBag *bag = imp_wbag_new (pg->ctx, text);
  const ImpSeg *seg = g_ptr_array_index (pg->segs, s);
  double v = imp_bag_sim (bag, seg->first_para, seg->last_para);

  imp_wbag_free (bag);
  return v;
}

/* For the trace: every boundary between paragraphs, its cohesion and
 * whether the text forces a cut there. */
void
imp_page_trace_slots (const ImpPage *pg, GString *out)
{
  const ImpCtx *x = pg->ctx;

  for (guint k = 0; k + 1 < x->paras->len; k++)
    {
      const ImpItem *a = imp_page_item (pg, (int) g_array_index (x->paras, guint, k));
      const ImpItem *b = imp_page_item (pg, (int) g_array_index (x->paras, guint, k + 1));
      g_string_append_printf (out, "slot %u line %u|%u: %s cohesion %.2f join %.2f seg %d|%d\n", k,
                              imp_ln (pg, a->last)->no, imp_ln (pg, b->first)->no,
                              x->forced[k] ? "forced" : "free", imp_slot_cohesion (x, k), x->join[k],
                              a->seg, b->seg);
    }
}
