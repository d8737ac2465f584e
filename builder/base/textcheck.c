/* textcheck.c — the characters edition text may hold (textcheck.h). */
#include "base/textcheck.h"

#include <string.h>

static gboolean
eb_char_is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

gboolean
eb_char_is_text (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';
  if (c >= 0x7F && c <= 0x9F)
    return FALSE;
  if (c >= 0xD800 && c <= 0xDFFF)
    return FALSE;
  return !eb_char_is_noncharacter (c) && c <= 0x10FFFF;
}

const char *
eb_char_kind (gunichar c)
{
  if (eb_char_is_noncharacter (c))
    return "a noncharacter";
  if (c >= 0xD800 && c <= 0xDFFF)
    return "a surrogate";
  return "a control character";
}

const char *
eb_text_find_bad (const char *s, gssize len)
{
  const char *end;

  if (!s)
    return NULL;
  end = s + (len < 0 ? (gssize) strlen (s) : len);
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    if (!eb_char_is_text (g_utf8_get_char (p)))
      return p;
  return NULL;
}

char *
eb_text_strip_bad (const char *s, gssize len, gunichar *first)
{
  const char *bad = eb_text_find_bad (s, len);
  const char *end;
  GString *out;

  if (!bad)
    return NULL;
  if (first)
    *first = g_utf8_get_char (bad);
  end = s + (len < 0 ? (gssize) strlen (s) : len);
  out = g_string_sized_new ((gsize) (end - s));
  g_string_append_len (out, s, bad - s);
  for (const char *p = bad; p < end; p = g_utf8_next_char (p))
    if (eb_char_is_text (g_utf8_get_char (p)))
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return g_string_free (out, FALSE);
}
