/* import-para.c — text lines → paragraphs and headline runs.
 *
 * In a column a paragraph is an indented first line (two ems short of the
 * measure), full lines, and a last line that ends with a mark and may be
 * short.  Each run of text lines is read as the most likely sequence of
 * line states (Viterbi): F first line, F0 unindented first line (a caption,
 * a frame's first line), M middle line, L last line, S one-line paragraph,
 * H headline line; the likelihoods come from the width against the
 * measure and the marks (import-tunables.h).  Where a frame prints a
 * paragraph a line (its measure is wider than any column) a line ends its
 * paragraph when it ends a sentence, and a short unpunctuated line between
 * paragraphs is a headline.
 */
#include "import/import-private.h"

#include <math.h>
#include <string.h>

typedef enum { ST_F, ST_F0, ST_M, ST_L, ST_S, ST_H, ST_N } ImpState;

#define IMP_NEG_INF (-1e30)

static double
imp_log_gauss (double r, double mu, double measure)
{
  double s = IMP_WIDTH_SIGMA, z = (r - mu) / s;
  double g = exp (-0.5 * z * z) / (s * 2.5066282746310002);
  /* a line far wider than its measure is seldom of its frame */
  double out = r < -IMP_WIDTH_OVER ? IMP_WIDTH_OUTLIER_WIDE : IMP_WIDTH_OUTLIER_FULL;
  return log ((1 - out) * g + out / MAX (measure, 4.0));
}

/* Log-likelihood that a letter-spaced line's glyphs were spread by @s em
 * to fill its measure. */
static double
imp_log_stretch (double s, double measure)
{
  double in = s < -IMP_WIDTH_OVER ? 0 : exp (-MAX (s, 0.0) / IMP_SPREAD_MEAN) / IMP_SPREAD_MEAN;
  return log ((1 - IMP_WIDTH_OUTLIER_FULL) * in + IMP_WIDTH_OUTLIER_FULL / MAX (measure, 4.0));
}

/* Does the line hold a mark of running text (，、。；：？！)? */
static gboolean
imp_has_mark (const char *t)
{
  for (const char *p = t; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xFF0C || c == 0x3001 || c == 0x3002 || c == 0xFF1B || c == 0xFF1A || c == 0xFF1F
          || c == 0xFF01 || c == ',' || c == ';' || c == ':')
        return TRUE;
    }
  return FALSE;
}

/* Are two Han phrases set apart by one space (not letter-spacing, which
 * the line has lost)? */
static gboolean
imp_phrase_space (const char *t)
{
  gunichar prev = 0;

  for (const char *p = t; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (prev == ' ' && imp_is_cjk (c) && p - t >= 4)
        {
          const char *q = g_utf8_find_prev_char (t, g_utf8_find_prev_char (t, p));
          if (q && imp_is_cjk (g_utf8_get_char (q)))
            return TRUE;
        }
      prev = c;
    }
  return FALSE;
}

/* Log-likelihood of the line's marks for running text of its width. */
static double
imp_log_text_marks (const ImpLine *l, gboolean mark)
{
  double p = 1 - exp (-l->w / IMP_MARK_EVERY);
  return log (mark ? MAX (p, 0.02) : MAX (1 - p, 0.02));
}

/* Log-likelihood of a uniform width residual in [lo, measure]. */
static double
imp_log_span (double r, double lo, double measure)
{
  double in = r >= lo - IMP_WIDTH_SIGMA && r <= measure ? 1.0 / MAX (measure - lo, 1.0) : 0.0;
  return log ((1 - IMP_WIDTH_OUTLIER) * in + IMP_WIDTH_OUTLIER / MAX (measure, 4.0));
}

/* How a line ends: 2 a sentence, 1 a closing mark after text, 0 else. */
static int
imp_ending (const char *t)
{
  if (imp_ends_sentence (t))
    return 2;
  return imp_ends_paragraph (t) ? 1 : 0;
}

static double
imp_log_ending (int ending, double p_sent, double p_close)
{
  return log (ending == 2 ? p_sent : ending == 1 ? p_close : 1 - p_sent - p_close);
}

/* Log-likelihood of line @l in state @s. */
static double
imp_emit (const ImpLine *l, ImpState s)
{
  double m = l->measure, r = m - l->w;
  int ending = imp_ending (l->text);
  gboolean known = m > 0, mark = imp_has_mark (l->text);
  double dash = g_str_has_prefix (l->text, "——") ? log (IMP_P_DASH_TEXT) : 0;
  /* two phrases set apart by a space (运动青春 筑梦未来): a head's habit */
  double text = imp_log_text_marks (l, mark) + (imp_phrase_space (l->text) ? log (IMP_P_PHRASE_TEXT) : 0);
  double v;

  if (l->force_head)
    return s == ST_H ? 0 : IMP_NEG_INF;
  if (l->spaced)
    {
      /* spread by the typesetter: a justified line, its glyphs short of
       * the measure (less its indent) by a little more often than by much */
      if (s == ST_F || s == ST_F0 || s == ST_M)
        return text + (known ? imp_log_stretch (r - (s == ST_F ? IMP_INDENT : 0), m) : 0);
      return log (IMP_P_SPACED_END);
    }

  switch (s)
    {
    case ST_F:
      return text + dash + (known ? imp_log_gauss (r, IMP_INDENT, m) : 0)
             + imp_log_ending (ending, IMP_P_FIRST_SENT, IMP_P_FIRST_CLOSE);
    case ST_F0:
      return text + dash + (known ? imp_log_gauss (r, 0, m) : 0)
             + imp_log_ending (ending, IMP_P_FIRST_SENT, IMP_P_FIRST_CLOSE);
    case ST_M:
      return text + (known ? imp_log_gauss (r, 0, m) : 0)
             + imp_log_ending (ending, IMP_P_MID_SENT, IMP_P_MID_CLOSE);
    case ST_L:
      return text + (known ? imp_log_span (r, -1, m) : 0)
             + imp_log_ending (ending, IMP_P_LAST_SENT, IMP_P_LAST_CLOSE);
    case ST_S:
      return text + dash + (known ? imp_log_span (r, 1, m) : 0)
             + imp_log_ending (ending, IMP_P_LAST_SENT, IMP_P_LAST_CLOSE);
    case ST_H:
      if (l->w > IMP_HEAD_MAX_WIDTH)
        return IMP_NEG_INF;
      v = log (1.0 / IMP_HEAD_MAX_WIDTH) + imp_log_ending (ending, IMP_P_HEAD_SENT, IMP_P_HEAD_CLOSE)
          + log (mark ? IMP_P_HEAD_MARK : 1 - IMP_P_HEAD_MARK);
      if (strstr (l->text, "。"))
        v += log (IMP_P_HEAD_STOP);
      if (g_str_has_prefix (l->text, "图为") || g_str_has_prefix (l->text, "本报讯"))
        v += log (IMP_P_HEAD_STOP); /* a caption's or a story's opening */
      return v;
    default:
      return IMP_NEG_INF;
    }
}

/* Log-probability of state @b after state @a (ST_N: the run's start). */
static double
imp_trans (ImpState a, ImpState b, const ImpLine *prev, const ImpLine *cur)
{
  gboolean inside = a == ST_F || a == ST_F0 || a == ST_M;
  double p, join;

  if (cur->lead && (b == ST_M || b == ST_L))
    return IMP_NEG_INF; /* a frame's first line */
  /* a story's or a caption's opening starts its paragraph */
  if ((g_str_has_prefix (cur->text, "本报讯") || g_str_has_prefix (cur->text, "图为")) && b != ST_F
      && b != ST_F0 && b != ST_S)
    return IMP_NEG_INF;
  /* a word read across the two lines: seldom two items */
  join = cur->joins_prev && !(inside && (b == ST_M || b == ST_L)) && !(a == ST_H && b == ST_H)
         ? log (IMP_P_JOIN_BREAK) : 0;
  if (inside)
    {
      if (b != ST_M && b != ST_L)
        return IMP_NEG_INF;
      p = b == ST_M ? 0.8 : 0.2;
      /* a paragraph goes on into a frame of another measure rarely: not
       * after its first line, nor after a sentence has ended */
      if (prev && prev->measure > 0 && cur->measure > 0
          && fabs (prev->measure - cur->measure) > IMP_MEASURE_CHANGE
          && (a != ST_M || imp_ends_sentence (prev->text)))
        p *= IMP_P_FRAME_CONTINUE;
      return log (p) + join;
    }
  switch (b)
    {
    case ST_F: p = IMP_P_TO_FIRST; break;
    case ST_F0: p = IMP_P_TO_FIRST0; break;
    case ST_S: p = IMP_P_TO_SINGLE; break;
    case ST_H: p = IMP_P_TO_HEAD; break;
    default: return IMP_NEG_INF;
    }
  if (a == ST_H)
    p = b == ST_H ? IMP_P_HEAD_HEAD : p * (1 - IMP_P_HEAD_HEAD) / (1 - IMP_P_TO_HEAD);
  return log (p) + join;
}

/* The most likely states of lines[from, to) into @states. */
static void
imp_viterbi (const ImpPage *pg, guint from, guint to, ImpState *states)
{
  guint n = to - from;
  g_autofree double *score = g_new (double, (gsize) n * ST_N);
  g_autofree int *back = g_new (int, (gsize) n * ST_N);

  for (guint i = 0; i < n; i++)
    {
      const ImpLine *l = g_ptr_array_index (pg->lines, from + i);
      const ImpLine *p = i ? g_ptr_array_index (pg->lines, from + i - 1) : NULL;
      for (int s = 0; s < ST_N; s++)
        {
          double e = imp_emit (l, (ImpState) s), best = IMP_NEG_INF;
          int arg = -1;
          if (i == 0)
            best = imp_trans (ST_N, (ImpState) s, NULL, l);
          else
            for (int a = 0; a < ST_N; a++)
              {
                double v = score[(i - 1) * ST_N + a] + imp_trans ((ImpState) a, (ImpState) s, p, l);
                if (v > best)
                  best = v, arg = a;
              }
          score[i * ST_N + s] = best + e;
          back[i * ST_N + s] = arg;
        }
    }
  {
    int s = ST_L;
    double best = IMP_NEG_INF;
    for (int k = 0; k < ST_N; k++)
      {
        /* a run cut off inside a paragraph (by a byline, a jump line) */
        double end = score[(n - 1) * ST_N + k] + (k == ST_F || k == ST_F0 || k == ST_M ? log (0.05) : 0);
        if (end > best)
          best = end, s = k;
      }
    for (int i = (int) n - 1; i >= 0; i--)
      {
        states[i] = (ImpState) s;
        s = back[i * ST_N + s];
      }
  }
}

/* Marks of running text (，、；：) inside @t, the last character aside. */
static guint
imp_inner_marks (const char *t)
{
  guint n = 0;
  const char *end = t + strlen (t);

  for (const char *p = t; *p && g_utf8_next_char (p) < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      n += c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';';
    }
  return n;
}

/* A key of three Han characters. */
static gint64
imp_tri_key (gunichar a, gunichar b, gunichar c)
{
  return ((gint64) a << 42) | ((gint64) b << 21) | (gint64) c;
}

/* The page's runs of three Han characters inside its text lines, as a set
 * (of gint64 keys, owned). */
static GHashTable *
imp_text_trigrams (const ImpPage *pg)
{
  GHashTable *t = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = imp_ln (pg, i);
      gunichar p1 = 0, p2 = 0;
      if (l->kind != IMP_L_TEXT)
        continue;
      for (const char *p = l->text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if (p1 && p2 && imp_is_han (p1) && imp_is_han (p2) && imp_is_han (c))
            {
              gint64 *k = g_new (gint64, 1);
              *k = imp_tri_key (p1, p2, c);
              g_hash_table_add (t, k);
            }
          p1 = p2;
          p2 = c;
        }
    }
  return t;
}

/* Do lines @a and @b read on into each other: three Han characters across
 * their join that the page prints elsewhere (a word cut where a column
 * ended)? */
static gboolean
imp_joins (const ImpPage *pg, const ImpLine *a, const ImpLine *b)
{
  glong na = g_utf8_strlen (a->text, -1), nb = g_utf8_strlen (b->text, -1);
  gunichar x1, x2, y1, y2;
  gint64 k1, k2;

  if (na < 2 || nb < 2)
    return FALSE;
  x1 = g_utf8_get_char (g_utf8_offset_to_pointer (a->text, na - 2));
  x2 = g_utf8_get_char (g_utf8_offset_to_pointer (a->text, na - 1));
  y1 = g_utf8_get_char (b->text);
  y2 = g_utf8_get_char (g_utf8_next_char (b->text));
  if (!imp_is_han (x2) || !imp_is_han (y1))
    return FALSE;
  k1 = imp_tri_key (x1, x2, y1);
  k2 = imp_tri_key (x2, y1, y2);
  return (imp_is_han (x1) && g_hash_table_contains (pg->trigrams, &k1))
         || (imp_is_han (y2) && g_hash_table_contains (pg->trigrams, &k2));
}

/* Paragraph-a-line frames: a line continues the paragraph when the one
 * before did not end it; a short unpunctuated line between paragraphs is a
 * headline, unless it reads on into the next long one (a paragraph cut
 * where its column ended). */
static void
imp_long_states (const ImpPage *pg, guint from, guint to, ImpState *states)
{
  gboolean open = FALSE;

  for (guint i = from; i < to; i++)
    {
      const ImpLine *l = g_ptr_array_index (pg->lines, i);
      gboolean ends = imp_ends_paragraph (l->text), sentence = imp_ends_sentence (l->text);
      gunichar last = l->text[0] ? g_utf8_get_char (g_utf8_find_prev_char (l->text, l->text + strlen (l->text))) : 0;
      const ImpLine *next = i + 1 < to ? g_ptr_array_index (pg->lines, i + 1) : NULL;
      /* a line cut at 、 or ， goes on: in a head on the next short line, in a
       * paragraph (cut where its column ended) on a long one */
      gboolean cut = last == 0xFF0C || last == 0x3001 || last == ',';
      ImpState *s = &states[i - from];

      if (l->force_head)
        *s = ST_H;
      else if (open && !l->lead)
        *s = ends ? ST_L : ST_M;
      else if (!sentence && l->w <= IMP_HEAD_LONG_MAX && !strstr (l->text, "。") && imp_inner_marks (l->text) <= 1
               && (!cut || (next && next->w <= IMP_HEAD_MAX_WIDTH && !imp_ends_sentence (next->text)))
               && !g_str_has_prefix (l->text, "本报讯") && !(next && next->w > IMP_HEAD_LONG_MAX && imp_joins (pg, l, next)))
        *s = ST_H;
      else
        *s = ends ? ST_S : ST_F0;
      open = *s == ST_F0 || *s == ST_M;
    }
}

/* ---------------------------------------------------------------- items */

static ImpItem *
imp_item_new (ImpItemKind kind, guint first)
{
  ImpItem *it = g_new0 (ImpItem, 1);

  it->kind = kind;
  it->first = it->last = first;
  it->seg = -1;
  return it;
}

ImpItem *
imp_page_item (const ImpPage *pg, int i)
{
  return i >= 0 && i < (int) pg->items->len ? g_ptr_array_index (pg->items, i) : NULL;
}


/* A paragraph item of lines [from, to]. */
static ImpItem *
imp_paragraph_new (ImpPage *pg, guint from, guint to)
{
  ImpItem *it = imp_item_new (IMP_I_PARA, from);
  GString *s = g_string_new (NULL);
  const ImpLine *f = imp_ln (pg, from);

  for (guint i = from; i <= to; i++)
    imp_join_line (s, imp_ln (pg, i)->text);
  it->last = to;
  it->text = g_string_free (s, FALSE);
  it->m_first = f->measure;
  it->m_last = imp_ln (pg, to)->measure;
  it->frame_start = f->lead;
  if (from > 0)
    {
      const ImpLine *p = imp_ln (pg, from - 1);
      it->frame_start |= p->kind == IMP_L_TEXT && p->measure > 0 && f->measure > 0 && !f->long_mode
                         && fabs (p->measure - f->measure) > IMP_MEASURE_CHANGE;
    }
  return it;
}

static void
imp_add_paragraph (ImpPage *pg, guint from, guint to)
{
  g_ptr_array_add (pg->items, imp_paragraph_new (pg, from, to));
}

void
imp_item_free (ImpItem *it)
{
  g_free (it->text);
  g_free (it->credit);
  g_free (it);
}

/* Splits paragraph item @i before its line @k. */
static void
imp_split_paragraph (ImpPage *pg, guint i, guint k)
{
  ImpItem *it = g_ptr_array_index (pg->items, i);
  ImpItem *a = imp_paragraph_new (pg, it->first, k - 1), *b = imp_paragraph_new (pg, k, it->last);

  pg->items->pdata[i] = a;
  g_ptr_array_insert (pg->items, (int) i + 1, b);
  imp_item_free (it);
}

/* Items of the text lines [from, to) with their states. */
static void
imp_add_states (ImpPage *pg, guint from, guint to, const ImpState *states)
{
  guint start = from;

  for (guint i = from; i < to; i++)
    {
      ImpState s = states[i - from];
      if (s == ST_H)
        {
          ImpItem *last = pg->items->len ? g_ptr_array_index (pg->items, pg->items->len - 1) : NULL;
          imp_ln (pg, i)->head = TRUE;
          if (last && last->kind == IMP_I_RUN && last->last + 1 == i
          && imp_ln (pg, last->last)->kind == IMP_L_TEXT)
            last->last = i;
          else
            g_ptr_array_add (pg->items, imp_item_new (IMP_I_RUN, i));
          start = i + 1;
          continue;
        }
      if (s == ST_F || s == ST_F0 || s == ST_S)
        start = i;
      if (s == ST_L || s == ST_S || i + 1 == to)
        {
          imp_add_paragraph (pg, start, i);
          start = i + 1;
        }
    }
}

/* Builds the items: paragraphs, headline runs, other lines. */
void
imp_page_paragraphs (ImpPage *pg)
{
  guint n = pg->lines->len;
  g_autofree ImpState *states = g_new0 (ImpState, n + 1);

  if (!pg->trigrams)
    pg->trigrams = imp_text_trigrams (pg);
  for (guint i = 1; i < n; i++)
    if (imp_ln (pg, i)->kind == IMP_L_TEXT && imp_ln (pg, i - 1)->kind == IMP_L_TEXT)
      imp_ln (pg, i)->joins_prev = imp_joins (pg, imp_ln (pg, i - 1), imp_ln (pg, i));
  for (guint i = 0; i < n;)
    {
      ImpLine *l = imp_ln (pg, i);
      guint j = i + 1;
      if (l->kind != IMP_L_TEXT)
        {
          ImpItem *it = imp_item_new (l->kind == IMP_L_VERT ? IMP_I_RUN : IMP_I_LINE, i);
          it->line = l;
          it->text = g_strdup (l->text);
          g_ptr_array_add (pg->items, it);
          i++;
          continue;
        }
      while (j < n && imp_ln (pg, j)->kind == IMP_L_TEXT && imp_ln (pg, j)->long_mode == l->long_mode)
        j++;
      if (l->long_mode)
        imp_long_states (pg, i, j, states);
      else
        imp_viterbi (pg, i, j, states);
      for (guint k = i; k < j; k++)
        imp_ln (pg, k)->state = "F0MLSH"[states[k - i]];
      imp_add_states (pg, i, j, states);
      i = j;
    }
}

/* ------------------------------------------------------------- captions */

/* A paragraph right before a photo credit is its caption; so is one that
 * opens with 图为.  When the paragraph also holds the end of a story (no
 * indent to tell them apart), the caption starts after the last sentence
 * that ends where the measure changes. */
void
imp_page_captions (ImpPage *pg)
{
  for (guint i = 0; i < pg->items->len; i++)
    {
      ImpItem *it = g_ptr_array_index (pg->items, i), *next = imp_page_item (pg, (int) i + 1);

      if (it->kind != IMP_I_PARA)
        continue;
      if (next && next->kind == IMP_I_LINE && next->line->kind == IMP_L_CREDIT)
        {
          for (guint k = it->last; k > it->first; k--)
            {
              const ImpLine *a = imp_ln (pg, k - 1), *b = imp_ln (pg, k);
              if (imp_ends_sentence (a->text) && a->measure > 0 && b->measure > 0
                  && fabs (a->measure - b->measure) > IMP_MEASURE_CHANGE)
                {
                  imp_split_paragraph (pg, i, k);
                  i++;
                  it = g_ptr_array_index (pg->items, i);
                  break;
                }
            }
          it->kind = IMP_I_CAPTION;
          it->credit = g_strdup (next->text);
          next->used = TRUE;
        }
      else if (g_str_has_prefix (it->text, "图为"))
        it->kind = IMP_I_CAPTION;
    }
}

/* ----------------------------------------------------------- signatures */

/* Is @t a 落款 line: an office (…委员会, …局) or a date? */
static gboolean
imp_is_signature (ImpPage *pg, const char *t)
{
  if (g_utf8_strlen (t, -1) > IMP_SIGN_MAX)
    return FALSE;
  if (imp_match (pg, "(干|全|内|外|局|东|西|南|北|中|头|总)部$", t)) /* 干部, 全部: words, not offices */
    return FALSE;
  return imp_match (pg, "^(中共)?[\\x{4e00}-\\x{9fff}（）·]{2,22}(委员会|委|部|局|厅|办公室|办|人民政府|政府|院|"
                        "中心|集团|公司|协会|学会|联合会|商会|总会|党组|支部|大队|支队|站|所|处|社|馆|会)$", t)
         || imp_match (pg, "^\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日$", t);
}

/* The first lines of a headline run right after a paragraph that read as
 * 落款 (offices, a date) are the text's signature. */
void
imp_page_signatures (ImpPage *pg)
{
  for (guint i = 1; i < pg->items->len; i++)
    {
      ImpItem *it = g_ptr_array_index (pg->items, i), *prev = g_ptr_array_index (pg->items, i - 1);
      guint k;
      if (it->kind != IMP_I_RUN || prev->kind != IMP_I_PARA || !imp_ends_sentence (prev->text)
          || imp_ln (pg, it->first)->kind != IMP_L_TEXT)
        continue;
      /* offices, then (closing the signature) a date; offices alone not
       * where the next line reads on from them or follows them with no
       * blank line between (a head may open with an office's name:
       * 吕梁市第一人民医院 / 与武警…, 市委组织部 / 党员干部…) */
      gboolean dated = FALSE;
      for (k = it->first; k <= it->last && imp_is_signature (pg, imp_ln (pg, k)->text); k++)
        if (g_ascii_isdigit (imp_ln (pg, k)->text[0]))
          {
            k++;
            dated = TRUE;
            break;
          }
      if (k == it->first
          || (!dated && k <= it->last
              && (imp_joins (pg, imp_ln (pg, k - 1), imp_ln (pg, k)) || !imp_ln (pg, k)->blank_before)))
        continue;
      for (guint j = it->first; j < k; j++)
        {
          ImpItem *s = imp_item_new (IMP_I_LINE, j);
          s->line = imp_ln (pg, j);
          s->line->kind = IMP_L_SIGN;
          s->line->head = FALSE;
          s->text = g_strdup (s->line->text);
          g_ptr_array_insert (pg->items, (int) i++, s);
        }
      if (k > it->last)
        {
          g_ptr_array_remove_index (pg->items, i); /* frees it */
          i--;
        }
      else
        it->first = k;
    }
}
