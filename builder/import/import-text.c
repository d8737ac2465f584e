/* import-text.c — character-level repairs of extracted page text:
 * fake-bold doubling, letter-spacing, vertical forms, half-width
 * punctuation, line joining. */
#include "import/import-private.h"

#include <string.h>

gboolean
imp_is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
         || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF)
         || c == 0x3007 || c == 0xFFFD;
}

gboolean
imp_is_punct (gunichar c)
{
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF65 && !g_unichar_isalnum (c))
         || (c >= 0xFE10 && c <= 0xFE4F) || (c >= 0x2010 && c <= 0x2027)
         || c == 0x00B7 || c == 0x25A1 || c == 0xFF0B;
}

gboolean
imp_is_cjk (gunichar c)
{
  return imp_is_han (c) || imp_is_punct (c);
}

gboolean
imp_is_latin (gunichar c)
{
  return c < 0x2000 && g_unichar_isalnum (c);
}

double
imp_width (const char *s, double mark)
{
  double w = 0;
  gunichar prev = 0;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean squeezable = imp_is_punct (c) && c != 0x2014 && c != 0x2026 && c != 0x00B7;
      gboolean latin = c < 0x1100 && c != 0x00B7 && c != ' ';
      if (c == ' ')
        continue; /* a space the extraction read into a gap: the gap is counted below */
      if ((latin && imp_is_han (prev)) || (imp_is_han (c) && prev && prev < 0x1100 && prev != ' '))
        w += 0.25; /* the gap between Han and Latin */
      if (latin)
        w += 0.5;
      else if (squeezable && imp_is_punct (prev) && prev != 0x2014 && prev != 0x2026)
        w += MIN (mark, 0.5); /* two marks in a row share one em (。” ），) */
      else
        w += squeezable ? mark : 1.0;
      prev = c;
    }
  return w;
}

/* ------------------------------------------------------------ fake bold */

/* Minimal number of undoubled characters needed to read u[0..n) as a
 * sequence of doubled segments "ss" (spaces are free).  back[i] holds the
 * segment length chosen at i (0 = single character). */
static void
imp_fake_bold_parse (const gunichar *u, int n, int *cost, int *back)
{
  cost[n] = 0;
  for (int i = n - 1; i >= 0; i--)
    {
      cost[i] = cost[i + 1] + (u[i] == ' ' ? 0 : 1);
      back[i] = 0;
      for (int len = 1; len <= 60 && i + 2 * len <= n; len++)
        {
          gboolean same = TRUE;
          if (u[i + len - 1] == ' ')
            break;
          for (int k = 0; k < len && same; k++)
            same = u[i + k] == u[i + len + k];
          if (same && cost[i + 2 * len] < cost[i])
            {
              cost[i] = cost[i + 2 * len];
              back[i] = len;
            }
        }
    }
}

/* Is @line nothing but doubled segments ("办办。。")?  Then its undoubled
 * text, else NULL: the end of a caption whose other lines were doubled. */
char *
imp_undouble (const char *line)
{
  glong n = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (line, -1, &n);
  g_autofree int *cost = g_new (int, n + 1), *back = g_new (int, n + 1);
  GString *out;

  if (n < 2)
    return NULL;
  imp_fake_bold_parse (u, (int) n, cost, back);
  if (cost[0] != 0)
    return NULL;
  out = g_string_new (NULL);
  for (int i = 0; i < n;)
    {
      int len = back[i] ? back[i] : 1;
      for (int k = 0; k < len; k++)
        g_string_append_unichar (out, u[i + k]);
      i += back[i] ? 2 * len : 1;
    }
  return g_string_free (out, FALSE);
}

char *
imp_repair_fake_bold (const char *line, gboolean *repaired)
{
  glong n = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (line, -1, &n);
  g_autofree int *cost = NULL;
  g_autofree int *back = NULL;
  GString *out;
  int doubled = 0, singles, segments = 0;

  *repaired = FALSE;
  if (n < 8 || n > 400)
    return g_strdup (line);
  cost = g_new (int, n + 1);
  back = g_new (int, n + 1);
  imp_fake_bold_parse (u, (int) n, cost, back);
  singles = cost[0];
  out = g_string_new (NULL);
  for (int i = 0; i < n;)
    {
      int len = back[i] ? back[i] : 1;
      for (int k = 0; k < len; k++)
        g_string_append_unichar (out, u[i + k]);
      if (back[i])
        {
          doubled += len;
          segments++;
          i += 2 * len;
        }
      else
        i++;
    }
  /* a real line never reads as (almost) nothing but doubled segments */
  if ((doubled >= 5 && segments >= 2 && singles * 10 <= doubled)
      || (doubled >= 4 && segments == 1 && singles == 0)) /* a banner printed twice over */
    {
      *repaired = TRUE;
      return g_string_free (out, FALSE);
    }
  g_string_free (out, TRUE);
  return g_strdup (line);
}

/* -------------------------------------------------------------- spaces */

/* Is the line letter-spaced: most space-separated tokens one or two
 * characters long, with several gaps between Han (and Latin runs), two of
 * them between Han?  (Spaces only around numbers, "5 月 8 日", are no
 * letter-spacing.) */
static gboolean
imp_is_letter_spaced (const gunichar *u, glong n)
{
  int tokens = 0, short_tokens = 0, single = 0, han_gaps = 0, han_han = 0, len = 0;

  for (glong i = 0; i <= n; i++)
    {
      if (i == n || u[i] == ' ')
        {
          if (len)
            {
              tokens++;
              short_tokens += len <= 2;
              single += len == 1;
            }
          len = 0;
          if (i > 0 && i + 1 < n && u[i] == ' ' && u[i + 1] != ' '
              && ((imp_is_cjk (u[i - 1]) && imp_is_han (u[i + 1])) || (imp_is_han (u[i - 1]) && imp_is_latin (u[i + 1]))
                  || (imp_is_latin (u[i - 1]) && imp_is_han (u[i + 1]))))
            han_gaps++;
          if (i > 0 && i + 1 < n && u[i] == ' ' && imp_is_cjk (u[i - 1]) && imp_is_han (u[i + 1]))
            han_han++;
          continue;
        }
      len++;
    }
  /* a short line (本 报 讯, 设 规 划（2023）: its glyphs one by one but one */
  return (tokens >= 4 && han_gaps >= 3 && han_han >= 2 && short_tokens * 10 >= tokens * 6)
         || (tokens >= 3 && han_han >= 2 && single >= tokens - 1);
}

char *
imp_clean_spaces (const char *line, gboolean *spaced)
{
  glong n = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (line, -1, &n);
  GString *out = g_string_new (NULL);
  gboolean ls;

  for (glong i = 0; i < n; i++)
    if (u[i] == '\t' || u[i] == 0x3000 || u[i] == 0xA0)
      u[i] = ' ';
  ls = imp_is_letter_spaced (u, n);
  if (spaced)
    *spaced = ls;
  for (glong i = 0; i < n; i++)
    {
      gunichar a, b;
      glong j;

      if (u[i] != ' ')
        {
          g_string_append_unichar (out, u[i]);
          continue;
        }
      for (j = i; j < n && u[j] == ' '; j++)
        ;
      if (out->len == 0 || j == n)
        {
          i = j - 1;
          continue;
        }
      a = u[i - 1];
      b = u[j];
      i = j - 1;
      if (imp_is_latin (a) && imp_is_latin (b))
        g_string_append_c (out, ' ');
      else if (!ls && imp_is_han (a) && imp_is_han (b))
        g_string_append_c (out, ' ');
      else if (!ls && !imp_is_cjk (a) && !imp_is_cjk (b) && !imp_is_latin (a) && !imp_is_latin (b))
        g_string_append_c (out, ' ');
      else if (!ls && (a == 0x25A1 || b == 0x25A1))
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------ vertical forms */

char *
imp_map_vertical_forms (const char *text)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      switch (c)
        {
        case 0xFE41: case 0xFE43: /* ﹁ ﹃ */
          g_string_append (out, depth++ ? "‘" : "“");
          break;
        case 0xFE42: case 0xFE44: /* ﹂ ﹄ */
          g_string_append (out, --depth > 0 ? "’" : "”");
          depth = MAX (depth, 0);
          break;
        case 0xFE35: g_string_append (out, "（"); break;
        case 0xFE36: g_string_append (out, "）"); break;
        case 0xFE3D: g_string_append (out, "《"); break;
        case 0xFE3E: g_string_append (out, "》"); break;
        case 0xFE3F: g_string_append (out, "〈"); break;
        case 0xFE40: g_string_append (out, "〉"); break;
        case 0xFE39: g_string_append (out, "〔"); break;
        case 0xFE3A: g_string_append (out, "〕"); break;
        case 0xFE3B: g_string_append (out, "【"); break;
        case 0xFE3C: g_string_append (out, "】"); break;
        case 0xFE17: g_string_append (out, "〖"); break;
        case 0xFE18: g_string_append (out, "〗"); break;
        case 0xFE37: g_string_append (out, "｛"); break;
        case 0xFE38: g_string_append (out, "｝"); break;
        case 0xFE10: g_string_append (out, "，"); break;
        case 0xFE11: g_string_append (out, "、"); break;
        case 0xFE12: g_string_append (out, "。"); break;
        case 0xFE13: g_string_append (out, "："); break;
        case 0xFE14: g_string_append (out, "；"); break;
        case 0xFE15: g_string_append (out, "！"); break;
        case 0xFE16: g_string_append (out, "？"); break;
        case 0xFE19: g_string_append (out, "…"); break;
        case 0xFE31: g_string_append (out, "—"); break;
        default: g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------- punctuation */

static gunichar
imp_full_width_of (gunichar c)
{
  switch (c)
    {
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case ':': return 0xFF1A;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    case '?': return 0xFF1F;
    case '!': return 0xFF01;
    default: return 0;
    }
}

/* Nearest non-space neighbour of u[i] in direction @dir, or 0. */
static gunichar
imp_neighbour (const gunichar *u, glong n, glong i, int dir)
{
  for (glong j = i + dir; j >= 0 && j < n; j += dir)
    if (u[j] != ' ')
      return u[j];
  return 0;
}

/* Does the parenthesised text starting at u[open] contain Chinese?
 * Sets *@close to the matching ')' or -1. */
static gboolean
imp_paren_is_chinese (const gunichar *u, glong n, glong open, glong *close)
{
  gboolean han = FALSE;

  *close = -1;
  for (glong j = open + 1; j < n; j++)
    {
      if (u[j] == '(' || u[j] == 0xFF08)
        return han;
      if (u[j] == ')' || u[j] == 0xFF09)
        {
          *close = u[j] == ')' ? j : -1;
          return han;
        }
      han |= imp_is_cjk (u[j]);
    }
  return han;
}

char *
imp_fix_punctuation (const char *text)
{
  glong n = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (text, -1, &n);
  GString *out = g_string_new (NULL);

  for (glong i = 0; i < n; i++)
    {
      gunichar c = u[i], full = imp_full_width_of (c);
      gunichar a = imp_neighbour (u, n, i, -1), b = imp_neighbour (u, n, i, 1);

      if (!full)
        continue;
      if (c == '(')
        {
          glong close;
          if (imp_paren_is_chinese (u, n, i, &close) || imp_is_cjk (a))
            {
              u[i] = full;
              if (close >= 0)
                u[close] = 0xFF09;
            }
        }
      else if (c == ')')
        {
          if (imp_is_cjk (a))
            u[i] = full;
        }
      else if (imp_is_cjk (a) || imp_is_cjk (b) || (!b && a && !imp_is_latin (a)))
        u[i] = full;
    }
  for (glong i = 0; i < n; i++)
    {
      /* a full-width mark takes no space around it */
      if (u[i] == ' ' && i > 0 && i + 1 < n
          && (imp_is_punct (u[i - 1]) || imp_is_punct (u[i + 1])))
        continue;
      g_string_append_unichar (out, u[i]);
    }
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------------- joins */

void
imp_join_line (GString *para, const char *next)
{
  gunichar a = 0, b = g_utf8_get_char (next);

  if (para->len)
    a = g_utf8_get_char (g_utf8_find_prev_char (para->str, para->str + para->len));
  if (a && imp_is_latin (a) && imp_is_latin (b) && !g_unichar_isdigit (a) && !g_unichar_isdigit (b))
    g_string_append_c (para, ' ');
  g_string_append (para, next);
}
