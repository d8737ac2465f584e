/* model-yaml.c — libyaml documents for the source parser, checked:
 * depth, one document, keys given once, nulls, characters
 * (model-private.h). */
#include "model/model-private.h"
#include "base/errors.h"
#include "base/textcheck.h"

#include <string.h>

guint
ed_yaml_line (const EdYaml *y, const yaml_node_t *node)
{
  return y->line0 + (guint) node->start_mark.line;
}

/* Walks the events of @text before it is loaded: nesting deeper than
 * ED_YAML_MAX_DEPTH or a second document is an error (the walk stops
 * there, so a hostile file costs no more than its first levels). */
static gboolean
ed_yaml_check_events (const char *path, guint line0, const char *text, gsize len,
                      GError **error)
{
  yaml_parser_t parser;
  yaml_event_t ev;
  guint depth = 0, docs = 0;
  gboolean ok = TRUE, done = FALSE;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, len);
  while (ok && !done)
    {
      if (!yaml_parser_parse (&parser, &ev))
        break;   /* the loader reports the syntax error */
      guint line = line0 + (guint) ev.start_mark.line;
      if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
        depth++;
      else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
        depth--;
      else if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
        {
          eb_set_input_error (error, path, line, "a second YAML document: only one is read");
          ok = FALSE;
        }
      done = ev.type == YAML_STREAM_END_EVENT;
      if (ok && depth > ED_YAML_MAX_DEPTH)
        {
          eb_set_input_error (error, path, line, "YAML nested deeper than %u levels",
                              ED_YAML_MAX_DEPTH);
          ok = FALSE;
        }
      yaml_event_delete (&ev);
    }
  yaml_parser_delete (&parser);
  return ok;
}

gboolean
ed_yaml_load (EdYaml *y, const char *path, guint line0, const char *text,
              gsize len, GError **error)
{
  yaml_parser_t parser;
  gboolean ok;

  y->path = path;
  y->line0 = line0;
  if (!ed_yaml_check_events (path, line0, text, len, error))
    return FALSE;
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, len);
  ok = yaml_parser_load (&parser, &y->doc);
  if (!ok)
    eb_set_input_error (error, path, line0 + (guint) parser.problem_mark.line,
                        "invalid YAML: %s%s%s", parser.problem ? parser.problem : "syntax error",
                        parser.context ? " " : "", parser.context ? parser.context : "");
  yaml_parser_delete (&parser);
  if (ok && !yaml_document_get_root_node (&y->doc))
    {
      yaml_document_delete (&y->doc);
      eb_set_input_error (error, path, line0, "empty YAML document");
      return FALSE;
    }
  return ok;
}

const char *
ed_yaml_scalar (const yaml_node_t *node)
{
  return node && node->type == YAML_SCALAR_NODE
    ? (const char *) node->data.scalar.value : NULL;
}

gboolean
ed_yaml_mapping_ok (EdYaml *y, yaml_node_t *node, const char *not_mapping, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (node->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node), "%s", not_mapping);
      return FALSE;
    }
  for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
       p < node->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&y->doc, p->key);
      const char *key = ed_yaml_scalar (k);
      yaml_node_t *first;

      if (!key)
        continue;
      first = g_hash_table_lookup (seen, key);
      if (first)
        {
          eb_set_input_error (error, y->path, ed_yaml_line (y, k),
                              "'%s' given twice (also on line %u)", key, ed_yaml_line (y, first));
          return FALSE;
        }
      g_hash_table_insert (seen, (gpointer) key, k);
    }
  return TRUE;
}

/* A plain ~, null, Null or NULL: YAML's "no value". */
static gboolean
ed_yaml_is_null (const yaml_node_t *node)
{
  static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };

  return node->type == YAML_SCALAR_NODE && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
         && g_strv_contains (nulls, (const char *) node->data.scalar.value);
}

char *
ed_yaml_string (EdYaml *y, yaml_node_t *node, const char *key, GError **error)
{
  const char *s = ed_yaml_scalar (node);
  g_autofree char *value = NULL;

  if (!s)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "'%s' must be a single value", key);
      return NULL;
    }
  value = g_strstrip (g_strdup (ed_yaml_is_null (node) ? "" : s));
  if (!ed_check_text (y->path, ed_yaml_line (y, node), value, error))
    return NULL;
  return g_steal_pointer (&value);
}

gboolean
ed_yaml_bool (EdYaml *y, yaml_node_t *node, const char *key, gboolean *out,
              GError **error)
{
  const char *s = ed_yaml_scalar (node);

  if (s && (!g_ascii_strcasecmp (s, "true") || !g_ascii_strcasecmp (s, "yes")))
    *out = TRUE;
  else if (s && (!g_ascii_strcasecmp (s, "false") || !g_ascii_strcasecmp (s, "no")))
    *out = FALSE;
  else
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "'%s' must be true or false", key);
      return FALSE;
    }
  return TRUE;
}

gboolean
ed_yaml_int (EdYaml *y, yaml_node_t *node, const char *key, int *out,
             GError **error)
{
  const char *s = ed_yaml_scalar (node);
  gint64 v;

  if (!s || !g_ascii_string_to_signed (s, 10, -1000, 1000, &v, NULL))
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "'%s' must be a whole number", key);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

char **
ed_yaml_lines (EdYaml *y, yaml_node_t *node, const char *key, GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (node->type == YAML_SCALAR_NODE)
    {
      char *s = ed_yaml_string (y, node, key, error);
      if (!s)
        return NULL;
      g_ptr_array_add (lines, s);
    }
  else if (node->type == YAML_SEQUENCE_NODE)
    for (yaml_node_item_t *it = node->data.sequence.items.start;
         it < node->data.sequence.items.top; it++)
      {
        char *s = ed_yaml_string (y, yaml_document_get_node (&y->doc, *it), key, error);
        if (!s)
          return NULL;
        g_ptr_array_add (lines, s);
      }
  for (guint i = 0; i < lines->len; i++)
    if (!*(char *) g_ptr_array_index (lines, i))
      g_ptr_array_set_size (lines, 0);   /* frees the lines (len = 0 leaked them) */
  if (lines->len == 0)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "'%s' must be a line of text or a list of lines, none empty", key);
      return NULL;
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

static const char *const ed_kind_names[] = { "news", "notice", "photo" };

const char *
ed_kind_name (EdArticleKind kind)
{
  return ed_kind_names[kind];
}

gboolean
ed_yaml_kind (EdYaml *y, yaml_node_t *node, EdArticleKind *out, GError **error)
{
  const char *s = ed_yaml_scalar (node);

  for (guint i = 0; s && i < G_N_ELEMENTS (ed_kind_names); i++)
    if (!strcmp (s, ed_kind_names[i]))
      {
        *out = (EdArticleKind) i;
        return TRUE;
      }
  eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                      "'kind' must be news, notice or photo");
  return FALSE;
}

gboolean
ed_check_utf8 (const char *path, const char *data, gsize len, GError **error)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  eb_set_input_error (error, path, eb_line_of_offset (data, (gsize) (end - data)),
                      "invalid UTF-8 at byte offset %" G_GSIZE_FORMAT,
                      (gsize) (end - data));
  return FALSE;
}

gboolean
ed_check_text (const char *path, guint line, const char *text, GError **error)
{
  const char *bad = eb_text_find_bad (text, -1);
  gunichar c;

  if (!bad)
    return TRUE;
  c = g_utf8_get_char (bad);
  eb_set_input_error (error, path, line + eb_line_of_offset (text, (gsize) (bad - text)) - 1,
                      "character U+%04X (%s) cannot be printed; remove it", c, eb_char_kind (c));
  return FALSE;
}
