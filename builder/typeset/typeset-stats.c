/* typeset-stats.c — counts of the paragraphs a context sets, for
 * `make bench`: how many, and how many of them repeat one set before (the
 * same runs in the same style at the same measure), the work a cache of
 * settings would save.  Off unless ts_context_count_settings() was called:
 * counting keeps every setting's key. */
#include "typeset/typeset-private.h"

struct TsCounter {
  TsStats     stats;
  GHashTable *seen;   /* keys of the settings so far (owned strings, set) */
};

void
ts_counter_free (TsCounter *c)
{
  if (!c)
    return;
  g_hash_table_destroy (c->seen);
  g_free (c);
}

void
ts_context_count_settings (TsContext *ctx)
{
  g_return_if_fail (ctx != NULL);
  if (ctx->counter)
    return;
  ctx->counter = g_new0 (TsCounter, 1);
  ctx->counter->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

TsStats
ts_context_stats (const TsContext *ctx)
{
  TsStats none = { 0 };

  g_return_val_if_fail (ctx != NULL, none);
  return ctx->counter ? ctx->counter->stats : none;
}

/* Notes one setting (ts_set_spans) when counting.  The key holds every
 * TsStyle field: a new field belongs in it too. */
void
ts_counter_note (TsContext *ctx, const TsSpan *spans, guint n_spans, const TsStyle *style,
                 double measure)
{
  TsCounter *c = ctx->counter;
  GString *key;
  guint64 chars = 0;

  if (!c)
    return;
  key = g_string_new (NULL);
  g_string_printf (key, "%d %a %a %a %d %d %d %d %a", style->role, style->size, style->pitch,
                   style->indent, style->align, style->vertical, style->headline, style->breaks,
                   measure);
  for (guint i = 0; i < n_spans; i++)
    {
      g_string_append_printf (key, "\x1f%d\x1e%s", spans[i].role, spans[i].text);
      chars += g_utf8_strlen (spans[i].text, -1);
    }
  c->stats.settings++;
  c->stats.chars += chars;
  if (g_hash_table_contains (c->seen, key->str))
    {
      c->stats.repeated++;
      c->stats.repeated_chars += chars;
      g_string_free (key, TRUE);
    }
  else
    g_hash_table_add (c->seen, g_string_free (key, FALSE));
}
