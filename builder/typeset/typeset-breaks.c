/* typeset-breaks.c — where a line may break, and what kind of place each
 * break is (TsChar.brk, a TsBrk): the kinsoku rules (docs/cjk-layout-rules
 * §1), numbers with their units and ranges, URLs, the compounds and names
 * of fonts/phrases.yaml, run-in datelines, and for display lines the
 * phrases (ICU's words, one-character words joined to a neighbour).
 * typeset-fit.c turns the kinds into costs. */
#include "typeset/typeset-private.h"

#include <string.h>

static void
ts_brk_lower (TsWork *w, guint i, TsBrk level)
{
  TsChar *ch = TS_CHAR (w, i);

  if (ch->brk > level)
    ch->brk = level;
}

static void
ts_brk_raise (TsWork *w, guint i, TsBrk level)
{
  TsChar *ch = TS_CHAR (w, i);

  if (ch->brk < level)
    ch->brk = level;
}

static gboolean
ts_is_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* A single — between two other characters: a connector (教学实践—科研创新),
 * kept with both neighbours. */
static gboolean
ts_is_connector (TsWork *w, guint i)
{
  guint n = w->chars->len;

  return TS_CHAR (w, i)->c == 0x2014 && (i == 0 || TS_CHAR (w, i - 1)->c != 0x2014)
         && (i + 1 >= n || TS_CHAR (w, i + 1)->c != 0x2014);
}

/* The kinsoku rules: the kind of every break before char i. */
static TsBrk
ts_brk_kinsoku (TsWork *w, guint i)
{
  const TsChar *ch = TS_CHAR (w, i), *prev = TS_CHAR (w, i - 1);
  const TsChar *last = prev;   /* last non-space char before i */

  if ((ch->flags & TS_CH_CONT) || ch->cls == TS_CLS_SPACE || ch->cls == TS_CLS_CLOSE
      || ch->cls == TS_CLS_DASH || ch->cls == TS_CLS_ELLIPSIS)
    return TS_BRK_NEVER;
  if (prev->cls == TS_CLS_SPACE && i >= 2)
    last = TS_CHAR (w, i - 2);
  if (last->cls == TS_CLS_OPEN || ts_is_connector (w, i - 1))
    return TS_BRK_NEVER;
  if (prev->cls == TS_CLS_SPACE)
    return TS_BRK_SPACE;
  if (prev->cls == TS_CLS_CLOSE && i >= 2 && TS_CHAR (w, i - 2)->cls == TS_CLS_HAN)
    return TS_BRK_PUNCT;   /* 时间:2020年, a narrow mark used as a wide one */
  if (ts_narrow_pair (prev, ch))
    return TS_BRK_LATIN;
  if (last->cls == TS_CLS_CLOSE || last->cls == TS_CLS_DASH || last->cls == TS_CLS_ELLIPSIS
      || ch->cls == TS_CLS_OPEN)
    return TS_BRK_PUNCT;
  return TS_BRK_CHAR;
}

/* ---------------------------------------------------------------------
 * Numbers, units, ranges, URLs
 * ------------------------------------------------------------------- */

/* A comma between digits that groups thousands (1,000), not a list comma
 * (12:00,17:15). */
static gboolean
ts_is_thousands (const gunichar *t, guint n, guint j)
{
  return t[j] == ',' && j + 3 < n && ts_is_digit (t[j + 1])
         && ts_is_digit (t[j + 2]) && ts_is_digit (t[j + 3])
         && (j + 4 >= n || !ts_is_digit (t[j + 4]));
}

static gboolean
ts_is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2013;
}

/* Units after which a number runs on (a date, a time: 2024年12月5日,
 * 17时30分) or another unit follows (亿 + 元). */
static gboolean
ts_unit_runs_on (gunichar c)
{
  return c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x65F6 || c == 0x70B9 || c == 0x5206;
}

static gboolean
ts_unit_is_magnitude (gunichar c)
{
  return c == 0x4EBF || c == 0x4E07 || c == 0x5343 || c == 0x767E || c == 0x4F59 || c == 0x591A;
}

/* Reads the units after a number at @j; returns where they end. */
static guint
ts_number_units (TsWork *w, const gunichar *t, guint n, guint j)
{
  guint u = ts_phrases_unit (w->ctx->phrases, t, n, j);

  while (u)
    {
      gunichar last = t[j + u - 1];

      j += u;
      u = ts_unit_is_magnitude (last) ? ts_phrases_unit (w->ctx->phrases, t, n, j) : 0;
    }
  return j;
}

/* The number starting at @i (digits with their separators, 第 before,
 * units after, a date or time running on) is one unit; a range dash
 * (5月15日-5月19日, 17:15-17:30: a unit or a colon before it) may end a
 * line.  Returns the end of the number. */
static guint
ts_breaks_number (TsWork *w, const gunichar *t, guint n, guint i)
{
  guint seg = i > 0 && t[i - 1] == 0x7B2C ? i - 1 : i;   /* 第2版 */
  guint j = i, parts[8], n_parts = 0;
  gboolean range = FALSE;   /* a range dash may follow */

  if (i > 0 && (t[i - 1] == ',' || t[i - 1] == ';'))
    ts_brk_raise (w, i, TS_BRK_PUNCT);    /* a list: 11:45-12:00,17:15-17:30 */
  for (;;)
    {
      guint end;

      while (j < n && ts_is_digit (t[j]))
        j++;
      if (j + 1 < n && ts_is_digit (t[j + 1])
          && (t[j] == '.' || t[j] == ':' || t[j] == '/' || ts_is_thousands (t, n, j)))
        {
          range |= t[j] == ':';
          j++;
          continue;
        }
      end = ts_number_units (w, t, n, j);
      range |= end > j;
      if (end > j && ts_unit_runs_on (t[end - 1]) && end < n && ts_is_digit (t[end]))
        {
          if (n_parts < G_N_ELEMENTS (parts))
            parts[n_parts++] = end;   /* 2023年 / 5月8日, if it must */
          j = end;
          continue;
        }
      j = end;
      if (j + 1 < n && ts_is_hyphen (t[j]) && ts_is_digit (t[j + 1]))
        {
          if (range)
            {
              for (guint k = seg + 1; k <= j; k++)
                ts_brk_lower (w, k, TS_BRK_UNIT);
              ts_brk_raise (w, j + 1, TS_BRK_PUNCT);
              seg = j + 1;
            }
          range = FALSE;
          j++;
          continue;
        }
      break;
    }
  for (guint k = seg + 1; k < j; k++)
    ts_brk_lower (w, k, TS_BRK_UNIT);
  for (guint k = 0; k < n_parts; k++)
    if (TS_CHAR (w, parts[k])->brk == TS_BRK_UNIT)
      TS_CHAR (w, parts[k])->brk = TS_BRK_PART;
  return j;
}

/* A run of narrow chars that is a URL or an e-mail address may break
 * after / . @ when it must. */
static void
ts_breaks_url (TsWork *w, const gunichar *t, guint a, guint b)
{
  g_autofree char *s = g_ucs4_to_utf8 (t + a, b - a, NULL, NULL, NULL);
  gboolean url = s && (strstr (s, "://") || g_str_has_prefix (s, "www.")
                       || (strchr (s, '@') && strchr (strchr (s, '@'), '.')));

  if (!url)
    return;
  for (guint k = a + 1; k < b; k++)
    if ((t[k - 1] == '/' || t[k - 1] == '.' || t[k - 1] == '@')
        && TS_CHAR (w, k)->cls == TS_CLS_NARROW)
      TS_CHAR (w, k)->brk = TS_BRK_URL;
}

static void
ts_breaks_numbers (TsWork *w, const gunichar *t)
{
  guint n = w->chars->len;

  for (guint i = 0; i < n;)
    {
      const TsChar *ch = TS_CHAR (w, i);

      if (ts_is_digit (t[i]) && (i == 0 || !(TS_CHAR (w, i - 1)->flags & TS_CH_ALNUM)))
        {
          i = ts_breaks_number (w, t, n, i);
          continue;
        }
      if (ch->cls == TS_CLS_NARROW && t[i] > ' ')
        {
          guint j = i + 1;

          while (j < n && TS_CHAR (w, j)->cls != TS_CLS_SPACE
                 && ts_narrow_pair (TS_CHAR (w, j - 1), TS_CHAR (w, j)))
            j++;
          if (j - i > 4)
            ts_breaks_url (w, t, i, j);
          i = j;
          continue;
        }
      i++;
    }
}

/* ---------------------------------------------------------------------
 * Compounds, names, phrases
 * ------------------------------------------------------------------- */

/* The organisation or place name ending at @b (its ending at [@a, @b)):
 * back to a space, a mark or the start. */
static void
ts_breaks_name (TsWork *w, guint a, guint b)
{
  guint k = a;

  while (k > 0 && b - k < TS_NAME_MAX_CHARS && TS_CHAR (w, k)->brk < TS_BRK_PUNCT
         && (TS_CHAR (w, k - 1)->flags & TS_CH_IDEO))
    k--;
  for (guint i = k; i < b; i++)
    TS_CHAR (w, i)->flags |= TS_CH_NAME;
}

/* Longest match of the listed compounds and names: never broken inside. */
static void
ts_breaks_compounds (TsWork *w, const gunichar *t)
{
  guint n = w->chars->len;

  for (guint i = 0; i < n;)
    {
      TsWordKind kind = TS_WORD_COMPOUND;
      guint len = ts_phrases_word (w->ctx->phrases, t, n, i, &kind);

      if (len < 2)
        {
          i++;
          continue;
        }
      for (guint k = i + 1; k < i + len; k++)
        ts_brk_lower (w, k, TS_BRK_UNIT);
      if (kind == TS_WORD_NAME && w->mode == TS_BREAK_PHRASE)
        ts_breaks_name (w, i, i + len);
      i += len;
    }
}

/* Display lines: the kind of a break between ICU words [a, b) and [b, c).
 * A one-character word stays with the word after it (新 / 路径), or with
 * the word before when it is a closer (格局的) or ends the phrase; a run
 * of one-character words (a name ICU does not know) stays together. */
static TsBrk
ts_brk_between_words (TsWork *w, const gunichar *t, guint a, guint b, guint c)
{
  guint n = w->chars->len;
  gboolean one_l = b - a == 1 && (TS_CHAR (w, a)->flags & TS_CH_IDEO);
  gboolean one_r = c - b == 1 && (TS_CHAR (w, b)->flags & TS_CH_IDEO);
  gboolean r_ends = c >= n || TS_CHAR (w, c)->brk >= TS_BRK_PUNCT;

  if (one_r && ts_phrases_closer (w->ctx->phrases, t[b]))
    return TS_BRK_WORD;
  if (one_l && ts_phrases_closer (w->ctx->phrases, t[a]))
    return TS_BRK_PHRASE;
  if (one_l && one_r)
    return TS_BRK_CHAR;
  if (one_l || (one_r && r_ends))
    return TS_BRK_WORD;
  return TS_BRK_PHRASE;
}

static void
ts_breaks_phrases (TsWork *w, const gunichar *t)
{
  guint n = w->chars->len;
  g_autofree guint8 *bounds = ts_words_bounds (w);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!bounds)
    return;
  for (guint i = 0; i <= n; i++)
    if (i == 0 || i == n || bounds[i])
      g_array_append_val (starts, i);
  for (guint k = 1; k + 1 < starts->len; k++)
    {
      guint a = g_array_index (starts, guint, k - 1);
      guint b = g_array_index (starts, guint, k);
      guint c = g_array_index (starts, guint, k + 1);

      if (TS_CHAR (w, b)->brk == TS_BRK_CHAR)
        TS_CHAR (w, b)->brk = ts_brk_between_words (w, t, a, b, c);
    }
}

void
ts_work_breaks (TsWork *w)
{
  guint n = w->chars->len;
  g_autofree gunichar *t = g_new (gunichar, n + 1);

  for (guint i = 0; i < n; i++)
    {
      TsChar *ch = TS_CHAR (w, i);

      t[i] = ch->c;
      ch->brk = i == 0 ? TS_BRK_NEVER : ts_brk_kinsoku (w, i);
    }
  t[n] = 0;
  ts_breaks_numbers (w, t);
  ts_breaks_compounds (w, t);
  if (w->mode == TS_BREAK_PHRASE || w->mode == TS_BREAK_BALANCED)
    ts_breaks_phrases (w, t);
  else
    for (guint i = 1; i < n; i++)
      {
        TsChar *ch = TS_CHAR (w, i);

        /* a run-in dateline breaks only at its spaces and brackets */
        if ((ch->flags & TS_CH_RUNIN) && (TS_CHAR (w, i - 1)->flags & TS_CH_RUNIN)
            && ch->brk < TS_BRK_PUNCT)
          ts_brk_lower (w, i, TS_BRK_UNIT);
      }
}
