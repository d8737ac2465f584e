/* typeset-words.c — word boundaries for display lines (ICU's
 * dictionary-based word break iterator, which segments Chinese). */
#include "typeset/typeset-private.h"

#include <unicode/ubrk.h>

void
ts_words_free (void *words)
{
  if (words)
    ubrk_close (words);
}

/* Returns, per char, 1 where an ICU word starts (and at n), else 0; or
 * NULL when ICU fails.  Caller owns the result.  The iterator is kept in
 * the context for reuse. */
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
      if (TS_CHAR (w, i)->c > 0xFFFF)
        char_of[u++] = i;
    }
  char_of[len16] = n;
  bounds = g_new0 (guint8, n + 1);
  for (int32_t b = ubrk_first (w->ctx->words); b != UBRK_DONE; b = ubrk_next (w->ctx->words))
    if (b >= 0 && b <= len16)
      bounds[char_of[b]] = 1;
  return bounds;
}
