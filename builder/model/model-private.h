/* model-private.h — shared by the source parser's files: model.c (the
 * model and edition.yaml), model-article.c (an article: front matter and
 * Markdown), model-yaml.c (libyaml documents, checked) and model-dump.c
 * (the JSON dump).  Not for other modules. */
#pragma once

#include "model/model.h"

#include <yaml.h>

/* Deeper nesting than this in a YAML document is refused before it is
 * loaded (a desk's edition.yaml nests 4 deep; libyaml's loader slows down
 * with the square of the depth: 100,000 '[' took a minute). */
#define ED_YAML_MAX_DEPTH 64

/* A parsed YAML document plus what messages need: the file and the line
 * of the document's first byte in that file. */
typedef struct {
  yaml_document_t doc;
  const char     *path;
  guint           line0;   /* file line of the YAML text's line 1 */
} EdYaml;

/* The file line of @node. */
guint ed_yaml_line (const EdYaml *y, const yaml_node_t *node);

/* Loads one YAML document from @text; refuses nesting deeper than
 * ED_YAML_MAX_DEPTH, a second document and an empty one, with "path:line:".
 * On success the caller deletes y->doc. */
gboolean ed_yaml_load (EdYaml *y, const char *path, guint line0, const char *text,
                       gsize len, GError **error);

/* The value of a scalar node (borrowed), or NULL for another node. */
const char *ed_yaml_scalar (const yaml_node_t *node);

/* Checks that @node is a mapping (else the error @not_mapping at its line)
 * that gives no key twice ("'date' given twice (also on line 2)": the last
 * would silently win). */
gboolean ed_yaml_mapping_ok (EdYaml *y, yaml_node_t *node, const char *not_mapping,
                             GError **error);

/* A scalar value stripped of outer white space (a YAML null — ~, null —
 * is ""), checked by ed_check_text(); an error when not a scalar.  Caller
 * owns. */
char *ed_yaml_string (EdYaml *y, yaml_node_t *node, const char *key, GError **error);

gboolean ed_yaml_bool (EdYaml *y, yaml_node_t *node, const char *key, gboolean *out,
                       GError **error);
gboolean ed_yaml_int (EdYaml *y, yaml_node_t *node, const char *key, int *out,
                      GError **error);

/* A value that is one string or a list of strings (each stripped, none
 * empty): a NULL-terminated array the caller owns. */
char **ed_yaml_lines (EdYaml *y, yaml_node_t *node, const char *key, GError **error);

/* "kind: news|notice|photo". */
gboolean ed_yaml_kind (EdYaml *y, yaml_node_t *node, EdArticleKind *out, GError **error);

/* Refuses bytes that are not UTF-8 ("path:line: invalid UTF-8 at byte
 * offset N"). */
gboolean ed_check_utf8 (const char *path, const char *data, gsize len, GError **error);

/* Refuses text holding a character no output can show (base/textcheck.h):
 * "path:line: character U+FDD0 (a noncharacter) cannot be printed; remove
 * it". */
gboolean ed_check_text (const char *path, guint line, const char *text, GError **error);
