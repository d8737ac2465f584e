/* typeset-words.c — word boundaries for headlines (ICU's dictionary-based
 * word break iterator, which segments Chinese: 新引擎 / 天然气 stay whole). */
#include "typeset/typeset-private.h"

#include <unicode/ubrk.h>

void
ts_words_free (void *words)
{
  if (words)
    ubrk_close (words);
}

/* Returns, per char, 2 where a word starts (a headline may break before
 * it), 1 at an ICU boundary next to a one-character word (a fallback), 0
 * inside a word; or NULL when ICU fails.  Caller owns the result.  The iterator is
 * kept in the context for reuse. */
guint8 *
ts_words_bounds (TsWork *w)
{
  guint n = w->chars->len;
  glong len16 = 0;
  g_autofree gunichar2 *text16 = g_utf8_to_utf16 (w->text->str, w->text->len, NULL, &len16, NULL);
  g_autofree guint *char_of = NULL;
  UErrorCode status = U_ZERO_ERROR;
  guint8 *bounds;

  if (!text16)
    return NULL;
  if (!w->ctx->words)
    {
      w->ctx->words = ubrk_open (UBRK_WORD, "zh", NULL, 0, &status);
      if (U_FAILURE (status))
        {
          w->ctx->words = NULL;
          return NULL;
        }
    }
  ubrk_setText (w->ctx->words, (const UChar *) text16, len16, &status);
  if (U_FAILURE (status))
    return NULL;
  char_of = g_new (guint, len16 + 1);
  for (guint i = 0, u = 0; i < n; i++)
    {
      char_of[u++] = i;
      if (g_array_index (w->chars, TsChar, i).c > 0xFFFF)
        char_of[u++] = i;
    }
  char_of[len16] = n;
  bounds = g_new0 (guint8, n + 1);
  for (int32_t b = ubrk_first (w->ctx->words); b != UBRK_DONE; b = ubrk_next (w->ctx->words))
    if (b >= 0 && b <= len16)
      bounds[char_of[b]] = 2;
  /* ICU's dictionary leaves one-character words such as 新|引擎 and
   * 天然|气 (prefixes, suffixes): never break next to a single ideograph
   * segment, so 新引擎 and 天然气 stay whole. */
  for (guint i = 0, prev = 0; i < n; i++)
    {
      guint next = i + 1;

      if (!bounds[i])
        continue;
      while (next < n && !bounds[next])
        next++;
      if (next - i == 1 && (g_array_index (w->chars, TsChar, i).flags & TS_CH_IDEO))
        {
          bounds[i] = i == 0 ? 2 : 1;
          bounds[next] = next == n ? 2 : 1;
        }
      prev = i;
      (void) prev;
    }
  return bounds;
}
