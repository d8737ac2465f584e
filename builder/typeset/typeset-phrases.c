/* typeset-phrases.c — the word lists of fonts/phrases.yaml (compounds,
 * name endings, units after numbers, one-character closers) and their
 * longest-match lookup. */
#include "typeset/typeset-private.h"

#include <string.h>

#include "base/errors.h"

/* One listed word, as code points. */
typedef struct {
  guint    len;
  guint8   kind;      /* TsWordKind */
  gunichar chars[];   /* len code points */
} TsWord;

struct TsPhrases {
  GHashTable *words;    /* first code point → GPtrArray of TsWord * (owned),
                           longest first: compounds and names */
  GHashTable *units;    /* the same for units */
  GHashTable *closers;  /* code point set */
  GHashTable *places;   /* code point set */
};

void
ts_phrases_free (TsPhrases *ph)
{
  if (!ph)
    return;
  g_hash_table_destroy (ph->words);
  g_hash_table_destroy (ph->units);
  g_hash_table_destroy (ph->closers);
  g_hash_table_destroy (ph->places);
  g_free (ph);
}

static gint
ts_word_longer_first (gconstpointer a, gconstpointer b)
{
  const TsWord *x = *(const TsWord *const *) a, *y = *(const TsWord *const *) b;

  return (int) y->len - (int) x->len;
}

static void
ts_phrases_add (GHashTable *table, const char *text, TsWordKind kind)
{
  glong len = g_utf8_strlen (text, -1);
  TsWord *word = g_malloc (sizeof (TsWord) + len * sizeof (gunichar));
  GPtrArray *list;
  const char *p = text;

  word->len = len;
  word->kind = kind;
  for (glong i = 0; i < len; i++, p = g_utf8_next_char (p))
    word->chars[i] = g_utf8_get_char (p);
  list = g_hash_table_lookup (table, GUINT_TO_POINTER (word->chars[0]));
  if (!list)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (table, GUINT_TO_POINTER (word->chars[0]), list);
    }
  g_ptr_array_add (list, word);
  g_ptr_array_sort (list, ts_word_longer_first);
}

/* Checks one list entry; sets a "file:line: …" error for a bad one. */
static const char *
ts_phrases_entry (yaml_node_t *node, const char *path, const char *key, glong min_len,
                  glong max_len, GError **error)
{
  const char *v = node->type == YAML_SCALAR_NODE ? (const char *) node->data.scalar.value : NULL;
  glong len = v ? g_utf8_strlen (v, -1) : 0;
  guint line = node->start_mark.line + 1;

  if (!v || !g_utf8_validate (v, -1, NULL))
    eb_set_input_error (error, path, line, "'%s' entries must be words (plain strings)", key);
  else if (strpbrk (v, " \t\n\r") || strstr (v, "\u3000"))
    eb_set_input_error (error, path, line, "'%s' entry '%s' has a space", key, v);
  else if (len < min_len || len > max_len)
    eb_set_input_error (error, path, line, "'%s' entry '%s' must have %ld to %ld characters",
                        key, v, min_len, max_len);
  else
    return v;
  return NULL;
}

/* Reads the list under @key (one of compounds, names, units, places,
 * closers). */
static gboolean
ts_phrases_list (TsPhrases *ph, yaml_document_t *doc, const char *path, const char *key,
                 yaml_node_t *val, GError **error)
{
  GHashTable *chars = !strcmp (key, "closers") ? ph->closers
                      : !strcmp (key, "places") ? ph->places : NULL;

  if (val->type != YAML_SEQUENCE_NODE)
    {
      eb_set_input_error (error, path, val->start_mark.line + 1, "'%s' must be a list of words", key);
      return FALSE;
    }
  for (yaml_node_item_t *it = val->data.sequence.items.start; it < val->data.sequence.items.top; it++)
    {
      yaml_node_t *node = yaml_document_get_node (doc, *it);
      const char *v = ts_phrases_entry (node, path, key, chars || !strcmp (key, "units") ? 1 : 2,
                                        chars ? 1 : TS_PHRASE_MAX_CHARS, error);

      if (!v)
        return FALSE;
      if (chars)
        g_hash_table_add (chars, GUINT_TO_POINTER (g_utf8_get_char (v)));
      else if (!strcmp (key, "units"))
        ts_phrases_add (ph->units, v, TS_WORD_UNIT);
      else
        ts_phrases_add (ph->words, v, !strcmp (key, "names") ? TS_WORD_NAME : TS_WORD_COMPOUND);
    }
  return TRUE;
}

static gboolean
ts_phrases_parse (TsPhrases *ph, yaml_document_t *doc, const char *path, GError **error)
{
  static const char *const keys[] = { "compounds", "names", "units", "places", "closers" };
  yaml_node_t *root = yaml_document_get_root_node (doc);

  if (!root || root->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, path, 1, "expected a mapping of word lists (%s, %s, %s, %s, %s)",
                          keys[0], keys[1], keys[2], keys[3], keys[4]);
      return FALSE;
    }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *key = yaml_document_get_node (doc, p->key);
      const char *k = key->type == YAML_SCALAR_NODE ? (const char *) key->data.scalar.value : "?";
      guint i = 0;

      while (i < G_N_ELEMENTS (keys) && strcmp (k, keys[i]))
        i++;
      if (i == G_N_ELEMENTS (keys))
        {
          eb_set_input_error (error, path, key->start_mark.line + 1, "unknown word list '%s'", k);
          return FALSE;
        }
      if (!ts_phrases_list (ph, doc, path, k, yaml_document_get_node (doc, p->value), error))
        return FALSE;
    }
  return TRUE;
}

TsPhrases *
ts_phrases_load (const char *path, GError **error)
{
  yaml_document_t doc;
  TsPhrases *ph;
  gboolean ok;

  if (!fonts_yaml_load (path, &doc, error))
    return NULL;
  ph = g_new0 (TsPhrases, 1);
  ph->words = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ph->units = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  ph->closers = g_hash_table_new (NULL, NULL);
  ph->places = g_hash_table_new (NULL, NULL);
  ok = ts_phrases_parse (ph, &doc, path, error);
  yaml_document_delete (&doc);
  if (!ok)
    g_clear_pointer (&ph, ts_phrases_free);
  return ph;
}

static guint
ts_phrases_longest (GHashTable *table, const gunichar *text, guint n, guint i, TsWordKind *kind)
{
  GPtrArray *list = g_hash_table_lookup (table, GUINT_TO_POINTER (text[i]));

  for (guint k = 0; list && k < list->len; k++)
    {
      const TsWord *word = g_ptr_array_index (list, k);

      if (i + word->len <= n
          && !memcmp (word->chars, text + i, word->len * sizeof (gunichar)))
        {
          if (kind)
            *kind = word->kind;
          return word->len;
        }
    }
  return 0;
}

guint
ts_phrases_word (const TsPhrases *ph, const gunichar *text, guint n, guint i, TsWordKind *kind)
{
  return ts_phrases_longest (ph->words, text, n, i, kind);
}

guint
ts_phrases_unit (const TsPhrases *ph, const gunichar *text, guint n, guint i)
{
  return ts_phrases_longest (ph->units, text, n, i, NULL);
}

gboolean
ts_phrases_closer (const TsPhrases *ph, gunichar c)
{
  return g_hash_table_contains (ph->closers, GUINT_TO_POINTER (c));
}

gboolean
ts_phrases_place (const TsPhrases *ph, gunichar c)
{
  return g_hash_table_contains (ph->places, GUINT_TO_POINTER (c));
}
