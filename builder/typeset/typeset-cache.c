/* typeset-cache.c — every setting a context makes is kept: the same runs
 * in the same style at the same measure are set once per context (a
 * build), and given again as the same paragraph (a reference more; no
 * caller changes a paragraph).  The composer sets a module's text again
 * for every frame size and column arrangement it tries: on tabloid and A4
 * pages with pictures most settings repeat one (bench-compose). */
#include "typeset/typeset-private.h"

struct TsCache {
  TsStats     stats;
  GHashTable *done;   /* key (owned) → TsParagraph * (a reference) */
};

TsCache *
ts_cache_new (void)
{
  TsCache *c = g_new0 (TsCache, 1);

  c->done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) ts_paragraph_free);
  return c;
}

void
ts_cache_free (TsCache *c)
{
  if (!c)
    return;
  g_hash_table_destroy (c->done);
  g_free (c);
}

TsStats
ts_context_stats (const TsContext *ctx)
{
  g_return_val_if_fail (ctx != NULL, (TsStats) { 0 });
  return ctx->cache->stats;
}

/* The key of a setting: every TsStyle field (a new field belongs in it
 * too), the measure and the runs; caller owns. */
char *
ts_cache_key (const TsSpan *spans, guint n_spans, const TsStyle *style, double measure)
{
  GString *key = g_string_new (NULL);

  g_string_printf (key, "%d %a %a %a %d %d %d %d %a", style->role, style->size, style->pitch,
                   style->indent, style->align, style->vertical, style->headline, style->breaks,
                   measure);
  for (guint i = 0; i < n_spans; i++)
    g_string_append_printf (key, "\x1f%d\x1e%s", spans[i].role, spans[i].text);
  return g_string_free (key, FALSE);
}

static guint64
ts_cache_chars (const TsSpan *spans, guint n_spans)
{
  guint64 n = 0;

  for (guint i = 0; i < n_spans; i++)
    n += g_utf8_strlen (spans[i].text, -1);
  return n;
}

TsParagraph *
ts_cache_get (TsCache *c, const char *key, const TsSpan *spans, guint n_spans)
{
  TsParagraph *par = g_hash_table_lookup (c->done, key);
  guint64 chars = ts_cache_chars (spans, n_spans);

  c->stats.settings++;
  c->stats.chars += chars;
  if (!par)
    return NULL;
  c->stats.repeated++;
  c->stats.repeated_chars += chars;
  g_atomic_int_inc (&par->ref);
  return par;
}

void
ts_cache_put (TsCache *c, char *key, TsParagraph *par)
{
  g_atomic_int_inc (&par->ref);
  g_hash_table_insert (c->done, key, par);
}
