/* typeset-words.c — word boundaries for headlines. */
#include "typeset-private.h"

gboolean ts_words_boundary (TsWork *w, guint i, const guint8 *bounds);
guint8  *ts_words_bounds (TsWork *w);
void     ts_words_free (void *words);

/* Returns, per char, 1 where a word starts (a headline may break there),
 * or NULL when no segmentation is available.  Caller owns the result. */
guint8 *
ts_words_bounds (TsWork *w)
{
  (void) w;
  return NULL;
}

void
ts_words_free (void *words)
{
  (void) words;
}
