/* model.c — the edition model and its source parser.
 *
 * Sources: edition.yaml (libyaml) listing Markdown articles with YAML front
 * matter (libyaml + cmark).  Every rejected input gets "file:line: message".
 */
#include "model/model.h"
#include "base/dates.h"
#include "base/errors.h"

#include <cmark.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>
#include <yaml.h>

/* ---------------------------------------------------------------- model */

EdEdition *
ed_edition_new (void)
{
  EdEdition *ed = g_new0 (EdEdition, 1);

  ed->language = g_strdup ("zh-CN");
  ed->layout = g_strdup ("broadsheet");
  ed->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_page_free);
  ed->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_article_free);
  ed->notes = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&ed->gdate, 1);
  return ed;
}

void
ed_edition_free (EdEdition *ed)
{
  if (!ed)
    return;
  g_free (ed->dir);
  g_free (ed->paper);
  g_free (ed->date);
  g_free (ed->issue);
  g_free (ed->total_issue);
  g_free (ed->cn);
  g_free (ed->price);
  g_free (ed->publisher);
  g_free (ed->language);
  g_free (ed->layout);
  g_ptr_array_unref (ed->pages);
  g_ptr_array_unref (ed->articles);
  g_ptr_array_unref (ed->notes);
  g_free (ed);
}

EdArticle *
ed_article_new (void)
{
  EdArticle *art = g_new0 (EdArticle, 1);

  art->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_block_free);
  return art;
}

void
ed_article_free (EdArticle *art)
{
  if (!art)
    return;
  g_free (art->id);
  g_free (art->src_path);
  g_free (art->title);
  g_free (art->kicker);
  g_free (art->subtitle);
  g_free (art->byline);
  g_free (art->dateline);
  g_free (art->badge);
  g_strfreev (art->signature);
  g_ptr_array_unref (art->blocks);
  g_free (art);
}

static void
ed_run_free (EdRun *run)
{
  g_free (run->text);
  g_free (run);
}

EdBlock *
ed_block_new (EdBlockKind kind, guint src_line)
{
  EdBlock *block = g_new0 (EdBlock, 1);

  block->kind = kind;
  block->src_line = src_line;
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_run_free);
  return block;
}

void
ed_block_free (EdBlock *block)
{
  if (!block)
    return;
  g_ptr_array_unref (block->runs);
  g_free (block->image);
  g_free (block->caption);
  g_free (block->credit);
  g_free (block);
}

EdPage *
ed_page_new (guint number, const char *section)
{
  EdPage *page = g_new0 (EdPage, 1);

  page->number = number;
  page->section = g_strdup (section ? section : "");
  page->articles = g_ptr_array_new ();
  return page;
}

void
ed_page_free (EdPage *page)
{
  if (!page)
    return;
  g_free (page->section);
  g_free (page->banner);
  g_free (page->credits);
  g_ptr_array_unref (page->articles);
  g_free (page);
}

void
ed_block_add_run (EdBlock *block, const char *text, EdRunFlags flags)
{
  EdRun *last = block->runs->len
    ? g_ptr_array_index (block->runs, block->runs->len - 1) : NULL;
  EdRun *run;

  if (!text || !*text)
    return;
  if (last && last->flags == flags)
    {
      char *joined = g_strconcat (last->text, text, NULL);
      g_free (last->text);
      last->text = joined;
      return;
    }
  run = g_new0 (EdRun, 1);
  run->text = g_strdup (text);
  run->flags = flags;
  g_ptr_array_add (block->runs, run);
}

char *
ed_block_text (const EdBlock *block)
{
  GString *s = g_string_new (NULL);

  if (block->kind == ED_BLOCK_FIGURE)
    {
      g_string_append (s, block->caption ? block->caption : "");
      if (block->credit && *block->credit)
        {
          if (s->len)
            g_string_append_c (s, ' ');
          g_string_append (s, block->credit);
        }
      return g_string_free (s, FALSE);
    }
  for (guint i = 0; i < block->runs->len; i++)
    g_string_append (s, ((EdRun *) g_ptr_array_index (block->runs, i))->text);
  return g_string_free (s, FALSE);
}

void
ed_edition_add_article (EdEdition *ed, EdPage *page, EdArticle *art)
{
  art->page = page->number;
  g_ptr_array_add (ed->articles, art);
  g_ptr_array_add (page->articles, art);
}

void
ed_edition_add_note (EdEdition *ed, const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  g_ptr_array_add (ed->notes, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

const EdArticle *
ed_edition_find_article (const EdEdition *ed, const char *id)
{
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      if (g_strcmp0 (art->id, id) == 0)
        return art;
    }
  return NULL;
}

static glong
ed_strlen_chars (const char *s)
{
  return s ? g_utf8_strlen (s, -1) : 0;
}

glong
ed_article_char_count (const EdArticle *art)
{
  glong n = ed_strlen_chars (art->title) + ed_strlen_chars (art->kicker)
            + ed_strlen_chars (art->subtitle) + ed_strlen_chars (art->byline);

  for (guint i = 0; i < art->blocks->len; i++)
    {
      g_autofree char *text = ed_block_text (g_ptr_array_index (art->blocks, i));
      n += g_utf8_strlen (text, -1);
    }
  return n;
}

/* ----------------------------------------------------------------- YAML */

/* A parsed YAML document plus what messages need: the file and the line
 * of the document's first byte in that file. */
typedef struct {
  yaml_document_t doc;
  const char     *path;
  guint           line0;   /* file line of the YAML text's line 1 */
} EdYaml;

static guint
ed_yaml_line (const EdYaml *y, const yaml_node_t *node)
{
  return y->line0 + (guint) node->start_mark.line;
}

static gboolean
ed_yaml_load (EdYaml *y, const char *path, guint line0, const char *text,
              gsize len, GError **error)
{
  yaml_parser_t parser;
  gboolean ok;

  y->path = path;
  y->line0 = line0;
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

static const char *
ed_yaml_scalar (const yaml_node_t *node)
{
  return node && node->type == YAML_SCALAR_NODE
    ? (const char *) node->data.scalar.value : NULL;
}

/* Returns a copy of a scalar value stripped of outer white space, or sets
 * an error when the node is not a scalar. */
static char *
ed_yaml_string (EdYaml *y, yaml_node_t *node, const char *key, GError **error)
{
  const char *s = ed_yaml_scalar (node);

  if (!s)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "'%s' must be a single value", key);
      return NULL;
    }
  return g_strstrip (g_strdup (s));
}

static gboolean
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

static gboolean
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

/* A value that is one string or a list of strings (each stripped, none
 * empty): returns a NULL-terminated array the caller owns. */
static char **
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

static gboolean
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

/* ------------------------------------------------------------- articles */

/* Splits "---\n<yaml>\n---\n<markdown>" into its two parts.  Returns FALSE
 * when the file does not open with a front matter block. */
static gboolean
ed_split_front_matter (const char *data, gsize len, gsize *yaml_start,
                       gsize *yaml_len, gsize *body_start)
{
  gsize pos;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3; /* offsets below are then off by 3: handled by caller */
  if (len < 4 || memcmp (data, "---", 3) != 0 || (data[3] != '\n' && data[3] != '\r'))
    return FALSE;
  pos = data[3] == '\r' ? 5 : 4;
  *yaml_start = pos;
  while (pos < len)
    {
      const char *eol = memchr (data + pos, '\n', len - pos);
      gsize line_end = eol ? (gsize) (eol - data) : len;
      gsize l = line_end - pos;

      if (l >= 3 && memcmp (data + pos, "---", 3) == 0
          && (l == 3 || (l == 4 && data[pos + 3] == '\r')))
        {
          *yaml_len = pos - *yaml_start;
          *body_start = eol ? line_end + 1 : len;
          return TRUE;
        }
      pos = line_end + 1;
    }
  return FALSE;
}

static gboolean
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

typedef gboolean (*EdKeyHandler) (EdYaml *y, yaml_node_t *value, const char *key,
                                  gpointer target, GError **error);

static gboolean
ed_front_matter_apply (EdYaml *y, EdArticle *art, EdEdition *ed, GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (&y->doc);

  if (root->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, root),
                          "front matter must be a mapping of keys to values");
      return FALSE;
    }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
       p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&y->doc, p->key);
      yaml_node_t *v = yaml_document_get_node (&y->doc, p->value);
      const char *key = ed_yaml_scalar (k);
      char **slot = NULL;

      if (!key)
        continue;
      if (!strcmp (key, "title")) slot = &art->title;
      else if (!strcmp (key, "kicker")) slot = &art->kicker;
      else if (!strcmp (key, "subtitle")) slot = &art->subtitle;
      else if (!strcmp (key, "byline")) slot = &art->byline;
      else if (!strcmp (key, "dateline")) slot = &art->dateline;
      else if (!strcmp (key, "badge")) slot = &art->badge;

      if (slot)
        {
          g_free (*slot);
          if (!(*slot = ed_yaml_string (y, v, key, error)))
            return FALSE;
          if (!**slot && slot != &art->title)
            g_clear_pointer (slot, g_free);
        }
      else if (!strcmp (key, "priority"))
        {
          if (!ed_yaml_int (y, v, key, &art->priority, error))
            return FALSE;
        }
      else if (!strcmp (key, "lead"))
        {
          if (!ed_yaml_bool (y, v, key, &art->lead, error))
            return FALSE;
        }
      else if (!strcmp (key, "vertical_title"))
        {
          if (!ed_yaml_bool (y, v, key, &art->vertical_title, error))
            return FALSE;
        }
      else if (!strcmp (key, "byline_top"))
        {
          if (!ed_yaml_bool (y, v, key, &art->byline_top, error))
            return FALSE;
        }
      else if (!strcmp (key, "kind"))
        {
          if (!ed_yaml_kind (y, v, &art->kind, error))
            return FALSE;
        }
      else if (!strcmp (key, "signature"))
        {
          g_strfreev (art->signature);
          if (!(art->signature = ed_yaml_lines (y, v, key, error)))
            return FALSE;
        }
      else if (ed)
        ed_edition_add_note (ed, "%s:%u: unknown key '%s' ignored", y->path,
                             ed_yaml_line (y, k), key);
    }
  if (!art->title || !*art->title)
    {
      eb_set_input_error (error, y->path, y->line0 - 1, "article has no 'title'");
      return FALSE;
    }
  return TRUE;
}

/* Is @c a character that wants a space when a soft line break joins it to
 * a neighbour (Latin letters and digits)? */
static gboolean
ed_is_latin (gunichar c)
{
  return c < 0x2E80 && (g_unichar_isalnum (c) || c == '.' || c == ',' || c == ';' || c == ':');
}

/* Appends a soft break: nothing between CJK characters, one space between
 * Latin words. */
static void
ed_append_softbreak (GString *s)
{
  if (s->len && ed_is_latin (g_utf8_get_char (g_utf8_find_prev_char (s->str, s->str + s->len))))
    g_string_append_c (s, '\x01'); /* resolved once the next char is known */
}

static void
ed_resolve_softbreaks (char *text)
{
  char *w = text;

  for (char *r = text; *r; r++)
    {
      if (*r != '\x01')
        {
          *w++ = *r;
          continue;
        }
      if (r[1] && ed_is_latin (g_utf8_get_char (r + 1)))
        *w++ = ' ';
    }
  *w = '\0';
}

/* Collects the inline content of @node into runs of @block. */
static void
ed_collect_inlines (cmark_node *node, EdBlock *block, EdRunFlags flags, GString *buf,
                    EdRunFlags *buf_flags)
{
  for (cmark_node *c = cmark_node_first_child (node); c; c = cmark_node_next (c))
    {
      cmark_node_type t = cmark_node_get_type (c);
      EdRunFlags f = flags;

      if (t == CMARK_NODE_STRONG)
        f |= ED_RUN_STRONG;
      else if (t == CMARK_NODE_EMPH)
        f |= ED_RUN_EMPH;
      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE
          || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
        {
          if (f != *buf_flags && buf->len)
            {
              ed_resolve_softbreaks (buf->str);
              ed_block_add_run (block, buf->str, *buf_flags);
              g_string_truncate (buf, 0);
            }
          *buf_flags = f;
          if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            ed_append_softbreak (buf);
          else
            g_string_append (buf, cmark_node_get_literal (c));
        }
      else
        ed_collect_inlines (c, block, f, buf, buf_flags);
    }
}

static EdBlock *
ed_block_from_inlines (cmark_node *node, EdBlockKind kind, guint line)
{
  EdBlock *block = ed_block_new (kind, line);
  g_autoptr (GString) buf = g_string_new (NULL);
  EdRunFlags buf_flags = ED_RUN_PLAIN;

  ed_collect_inlines (node, block, ED_RUN_PLAIN, buf, &buf_flags);
  if (buf->len)
    {
      ed_resolve_softbreaks (buf->str);
      ed_block_add_run (block, buf->str, buf_flags);
    }
  /* trim the outer white space of the block */
  if (block->runs->len)
    {
      EdRun *first = g_ptr_array_index (block->runs, 0);
      EdRun *last = g_ptr_array_index (block->runs, block->runs->len - 1);
      g_strchug (first->text);
      g_strchomp (last->text);
    }
  return block;
}

static gboolean
ed_is_blank (const char *s)
{
  for (; s && *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

/* Returns the image when @para holds exactly one image and nothing else but
 * white space. */
static cmark_node *
ed_lone_image (cmark_node *para)
{
  cmark_node *image = NULL;

  for (cmark_node *c = cmark_node_first_child (para); c; c = cmark_node_next (c))
    {
      cmark_node_type t = cmark_node_get_type (c);
      if (t == CMARK_NODE_IMAGE && !image)
        image = c;
      else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
        continue;
      else if (t == CMARK_NODE_TEXT && ed_is_blank (cmark_node_get_literal (c)))
        continue;
      else
        return NULL;
    }
  return image;
}

static gboolean
ed_image_path_ok (const char *url)
{
  g_auto (GStrv) parts = NULL;

  if (g_path_is_absolute (url) || strchr (url, ':') || strchr (url, '\\'))
    return FALSE;
  parts = g_strsplit (url, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (!strcmp (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static EdBlock *
ed_figure_new (cmark_node *image, const char *path, guint line,
               const EdEdition *ed, GError **error)
{
  g_autoptr (EdBlock) fig = ed_block_new (ED_BLOCK_FIGURE, line);
  g_autoptr (EdBlock) alt = ed_block_from_inlines (image, ED_BLOCK_PARAGRAPH, line);
  const char *url = cmark_node_get_url (image);
  const char *title = cmark_node_get_title (image);

  fig->caption = ed_block_text (alt);
  if (title && *title)
    fig->credit = g_strstrip (g_strdup (title));
  if (url && *url)
    {
      if (!ed_image_path_ok (url))
        {
          eb_set_input_error (error, path, line,
                              "image '%s' is outside the edition folder", url);
          return NULL;
        }
      if (ed && ed->dir)
        {
          g_autofree char *full = g_build_filename (ed->dir, url, NULL);
          if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
            {
              eb_set_input_error (error, path, line, "image '%s' not found", url);
              return NULL;
            }
        }
      fig->image = g_strdup (url);
    }
  return g_steal_pointer (&fig);
}

static gboolean
ed_add_body_node (EdArticle *art, cmark_node *node, const char *path, guint line0,
                  EdEdition *ed, GError **error)
{
  cmark_node_type t = cmark_node_get_type (node);
  guint line = line0 + (guint) cmark_node_get_start_line (node) - 1;
  EdBlock *block = NULL;

  switch (t)
    {
    case CMARK_NODE_PARAGRAPH:
      {
        cmark_node *image = ed_lone_image (node);
        if (image)
          {
            if (!(block = ed_figure_new (image, path, line, ed, error)))
              return FALSE;
            break;
          }
        block = ed_block_from_inlines (node, ED_BLOCK_PARAGRAPH, line);
        /* images inside running text become figures after the paragraph */
        for (cmark_node *c = cmark_node_first_child (node); c; c = cmark_node_next (c))
          if (cmark_node_get_type (c) == CMARK_NODE_IMAGE)
            {
              EdBlock *fig = ed_figure_new (c, path, line, ed, error);
              if (!fig)
                {
                  ed_block_free (block);
                  return FALSE;
                }
              if (block->runs->len)
                g_ptr_array_add (art->blocks, g_steal_pointer (&block));
              g_ptr_array_add (art->blocks, fig);
              block = ed_block_new (ED_BLOCK_PARAGRAPH, line);
            }
        break;
      }
    case CMARK_NODE_HEADING:
      block = ed_block_from_inlines (node, ED_BLOCK_HEADING, line);
      block->level = MAX (2, (guint) cmark_node_get_heading_level (node));
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      block = ed_block_from_inlines (node, ED_BLOCK_NOTE, line);
      break;
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
      for (cmark_node *c = cmark_node_first_child (node); c; c = cmark_node_next (c))
        if (!ed_add_body_node (art, c, path, line0, ed, error))
          return FALSE;
      return TRUE;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
      {
        g_autofree char *literal = g_strstrip (g_strdup (cmark_node_get_literal (node)));
        block = ed_block_new (ED_BLOCK_PARAGRAPH, line);
        ed_block_add_run (block, literal, ED_RUN_PLAIN);
      }
      if (ed)
        ed_edition_add_note (ed, "%s:%u: code or HTML block kept as plain text", path, line);
      break;
    default: /* thematic break: a section break, no text */
      return TRUE;
    }
  if (block && block->runs->len == 0 && block->kind != ED_BLOCK_FIGURE)
    g_clear_pointer (&block, ed_block_free);
  if (block)
    g_ptr_array_add (art->blocks, block);
  return TRUE;
}

/* Derives a stable, URL- and XML-id-safe article id from its file name. */
static char *
ed_article_id_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  GString *id = g_string_new (NULL);
  char *dot = strrchr (base, '.');

  if (dot)
    *dot = '\0';
  for (const char *p = base; *p; p++)
    {
      char c = g_ascii_tolower (*p);
      if (g_ascii_isalnum (c))
        g_string_append_c (id, c);
      else if (id->len && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (!id->len || !g_ascii_isalpha (id->str[0]))
    g_string_prepend (id, "a-");
  return g_string_free (id, FALSE);
}

EdArticle *
ed_article_parse (const char *path, const char *data, gsize len,
                  EdEdition *ed, GError **error)
{
  g_autoptr (EdArticle) art = ed_article_new ();
  gsize ystart, ylen, bstart, bom = 0;
  EdYaml y;
  gboolean ok;
  cmark_node *doc;
  guint body_line0;

  if (!ed_check_utf8 (path, data, len, error))
    return NULL;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;
  if (!ed_split_front_matter (data, len, &ystart, &ylen, &bstart))
    {
      eb_set_input_error (error, path, 1,
                          "article must start with YAML front matter between '---' lines");
      return NULL;
    }
  ystart += bom;
  bstart += bom;
  if (!ed_yaml_load (&y, path, 2, data + ystart, ylen, error))
    return NULL;
  ok = ed_front_matter_apply (&y, art, ed, error);
  yaml_document_delete (&y.doc);
  if (!ok)
    return NULL;

  art->src_path = g_strdup (path);
  art->id = ed_article_id_from_path (path);
  body_line0 = eb_line_of_offset (data, bstart);
  doc = cmark_parse_document (data + bstart, len - bstart, CMARK_OPT_SOURCEPOS);
  for (cmark_node *n = cmark_node_first_child (doc); n; n = cmark_node_next (n))
    if (!ed_add_body_node (art, n, path, body_line0, ed, error))
      {
        cmark_node_free (doc);
        return NULL;
      }
  cmark_node_free (doc);
  if (art->blocks->len == 0)
    {
      eb_set_input_error (error, path, body_line0, "article '%s' has an empty body",
                          art->title);
      return NULL;
    }
  return g_steal_pointer (&art);
}

/* -------------------------------------------------------------- edition */

static gboolean
ed_parse_date (EdEdition *ed, EdYaml *y, yaml_node_t *node, GError **error)
{
  const char *s = ed_yaml_scalar (node);

  if (!eb_date_parse (s, &ed->gdate))
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "invalid date '%s' (want YYYY-MM-DD)", s ? s : "");
      return FALSE;
    }
  ed->date = g_strdup (s);
  return TRUE;
}

static gboolean
ed_load_article_file (EdEdition *ed, EdPage *page, EdYaml *y, yaml_node_t *node,
                      GHashTable *seen, GError **error)
{
  const char *name = ed_yaml_scalar (node);
  g_autofree char *full = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) io_error = NULL;
  gsize len;
  EdArticle *art;

  if (!name || !*name)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "an article entry must be a file name");
      return FALSE;
    }
  if (!ed_image_path_ok (name))
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "article '%s' is outside the edition folder", name);
      return FALSE;
    }
  if (g_hash_table_contains (seen, name))
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "article '%s' is listed twice", name);
      return FALSE;
    }
  g_hash_table_add (seen, g_strdup (name));
  full = g_build_filename (ed->dir, name, NULL);
  if (!g_file_get_contents (full, &data, &len, &io_error))
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "cannot read article '%s': %s", name,
                          g_file_test (full, G_FILE_TEST_EXISTS) ? io_error->message
                                                                  : "no such file");
      return FALSE;
    }
  art = ed_article_parse (full, data, len, ed, error);
  if (!art)
    return FALSE;
  /* ids are unique: suffix a number on a clash */
  for (guint n = 2; ed_edition_find_article (ed, art->id); n++)
    {
      char *stem = g_strdup (art->id);
      char *dash = strrchr (stem, '-');
      if (n > 2 && dash)
        *dash = '\0';
      g_free (art->id);
      art->id = g_strdup_printf ("%s-%u", stem, n);
      g_free (stem);
    }
  ed_edition_add_article (ed, page, art);
  return TRUE;
}

static gboolean
ed_load_page (EdEdition *ed, EdYaml *y, yaml_node_t *node, GHashTable *seen,
              GError **error)
{
  yaml_node_t *articles = NULL;
  g_autofree char *section = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *credits = NULL;
  EdPage *page;

  if (node->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, node),
                          "a page must have 'section' and 'articles'");
      return FALSE;
    }
  for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
       p < node->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&y->doc, p->key);
      yaml_node_t *v = yaml_document_get_node (&y->doc, p->value);
      const char *key = ed_yaml_scalar (k);

      char **slot = NULL;

      if (!g_strcmp0 (key, "section")) slot = &section;
      else if (!g_strcmp0 (key, "banner")) slot = &banner;
      else if (!g_strcmp0 (key, "credits")) slot = &credits;
      if (slot)
        {
          g_free (*slot);
          if (!(*slot = ed_yaml_string (y, v, key, error)))
            return FALSE;
        }
      else if (!g_strcmp0 (key, "articles"))
        articles = v;
      else
        ed_edition_add_note (ed, "%s:%u: unknown key '%s' ignored", y->path,
                             ed_yaml_line (y, k), key ? key : "?");
    }
  if (!articles || articles->type != YAML_SEQUENCE_NODE
      || articles->data.sequence.items.start == articles->data.sequence.items.top)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, articles ? articles : node),
                          "page %u needs a non-empty 'articles' list", ed->pages->len + 1);
      return FALSE;
    }
  page = ed_page_new (ed->pages->len + 1, section ? section : "");
  page->banner = *(banner ? banner : "") ? g_steal_pointer (&banner) : NULL;
  page->credits = *(credits ? credits : "") ? g_steal_pointer (&credits) : NULL;
  g_ptr_array_add (ed->pages, page);
  for (yaml_node_item_t *it = articles->data.sequence.items.start;
       it < articles->data.sequence.items.top; it++)
    if (!ed_load_article_file (ed, page, y, yaml_document_get_node (&y->doc, *it),
                               seen, error))
      return FALSE;
  return TRUE;
}

static gboolean
ed_edition_apply (EdEdition *ed, EdYaml *y, GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (&y->doc);
  yaml_node_t *pages = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (root->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, y->path, ed_yaml_line (y, root),
                          "edition.yaml must be a mapping of keys to values");
      return FALSE;
    }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
       p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&y->doc, p->key);
      yaml_node_t *v = yaml_document_get_node (&y->doc, p->value);
      const char *key = ed_yaml_scalar (k);
      char **slot = NULL;

      if (!g_strcmp0 (key, "paper")) slot = &ed->paper;
      else if (!g_strcmp0 (key, "issue")) slot = &ed->issue;
      else if (!g_strcmp0 (key, "total_issue")) slot = &ed->total_issue;
      else if (!g_strcmp0 (key, "cn")) slot = &ed->cn;
      else if (!g_strcmp0 (key, "price")) slot = &ed->price;
      else if (!g_strcmp0 (key, "publisher")) slot = &ed->publisher;
      else if (!g_strcmp0 (key, "language")) slot = &ed->language;
      else if (!g_strcmp0 (key, "layout")) slot = &ed->layout;

      if (slot)
        {
          g_free (*slot);
          if (!(*slot = ed_yaml_string (y, v, key, error)))
            return FALSE;
        }
      else if (!g_strcmp0 (key, "date"))
        {
          if (!ed_parse_date (ed, y, v, error))
            return FALSE;
        }
      else if (!g_strcmp0 (key, "pages"))
        pages = v;
      else
        ed_edition_add_note (ed, "%s:%u: unknown key '%s' ignored", y->path,
                             ed_yaml_line (y, k), key ? key : "?");
    }
  if (!ed->paper || !*ed->paper)
    {
      eb_set_input_error (error, y->path, 1, "edition has no 'paper' (the paper's name)");
      return FALSE;
    }
  if (!ed->date)
    {
      eb_set_input_error (error, y->path, 1, "edition has no 'date' (YYYY-MM-DD)");
      return FALSE;
    }
  if (!pages || pages->type != YAML_SEQUENCE_NODE
      || pages->data.sequence.items.start == pages->data.sequence.items.top)
    {
      eb_set_input_error (error, y->path, pages ? ed_yaml_line (y, pages) : 1,
                          "edition needs a non-empty 'pages' list");
      return FALSE;
    }
  for (yaml_node_item_t *it = pages->data.sequence.items.start;
       it < pages->data.sequence.items.top; it++)
    if (!ed_load_page (ed, y, yaml_document_get_node (&y->doc, *it), seen, error))
      return FALSE;
  return TRUE;
}

EdEdition *
ed_edition_load (const char *dir, GError **error)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autofree char *path = g_build_filename (dir, "edition.yaml", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) io_error = NULL;
  gsize len;
  EdYaml y;
  gboolean ok;

  if (!g_file_get_contents (path, &data, &len, &io_error))
    {
      eb_set_input_error (error, path, 0, "cannot read edition: %s",
                          g_file_test (dir, G_FILE_TEST_IS_DIR)
                          ? io_error->message : "no such edition folder");
      return NULL;
    }
  if (!ed_check_utf8 (path, data, len, error))
    return NULL;
  ed->dir = g_strdup (dir);
  if (!ed_yaml_load (&y, path, 1, data, len, error))
    return NULL;
  ok = ed_edition_apply (ed, &y, error);
  yaml_document_delete (&y.doc);
  return ok ? g_steal_pointer (&ed) : NULL;
}

/* ------------------------------------------------------------ JSON dump */

static void
ed_json_member (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
ed_json_block (JsonBuilder *b, const EdBlock *block)
{
  static const char *const kinds[] = { "paragraph", "heading", "figure", "note" };

  json_builder_begin_object (b);
  ed_json_member (b, "kind", kinds[block->kind]);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, block->src_line);
  if (block->kind == ED_BLOCK_FIGURE)
    {
      ed_json_member (b, "image", block->image);
      ed_json_member (b, "caption", block->caption);
      ed_json_member (b, "credit", block->credit);
    }
  else
    {
      if (block->kind == ED_BLOCK_HEADING)
        {
          json_builder_set_member_name (b, "level");
          json_builder_add_int_value (b, block->level);
        }
      json_builder_set_member_name (b, "runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < block->runs->len; i++)
        {
          const EdRun *run = g_ptr_array_index (block->runs, i);
          json_builder_begin_object (b);
          ed_json_member (b, "text", run->text);
          json_builder_set_member_name (b, "strong");
          json_builder_add_boolean_value (b, (run->flags & ED_RUN_STRONG) != 0);
          json_builder_set_member_name (b, "emph");
          json_builder_add_boolean_value (b, (run->flags & ED_RUN_EMPH) != 0);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
ed_json_article (JsonBuilder *b, const EdArticle *art)
{
  json_builder_begin_object (b);
  ed_json_member (b, "id", art->id);
  ed_json_member (b, "source", art->src_path);
  ed_json_member (b, "title", art->title);
  ed_json_member (b, "kicker", art->kicker);
  ed_json_member (b, "subtitle", art->subtitle);
  ed_json_member (b, "byline", art->byline);
  ed_json_member (b, "dateline", art->dateline);
  json_builder_set_member_name (b, "priority");
  json_builder_add_int_value (b, art->priority);
  json_builder_set_member_name (b, "lead");
  json_builder_add_boolean_value (b, art->lead);
  json_builder_set_member_name (b, "vertical_title");
  json_builder_add_boolean_value (b, art->vertical_title);
  json_builder_set_member_name (b, "byline_top");
  json_builder_add_boolean_value (b, art->byline_top);
  ed_json_member (b, "kind", ed_kind_name (art->kind));
  ed_json_member (b, "badge", art->badge);
  json_builder_set_member_name (b, "signature");
  if (art->signature)
    {
      json_builder_begin_array (b);
      for (char **l = art->signature; *l; l++)
        json_builder_add_string_value (b, *l);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, art->page);
  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < art->blocks->len; i++)
    ed_json_block (b, g_ptr_array_index (art->blocks, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
ed_edition_dump_json (const EdEdition *ed)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  ed_json_member (b, "paper", ed->paper);
  ed_json_member (b, "date", ed->date);
  ed_json_member (b, "weekday", eb_weekday_name (&ed->gdate));
  ed_json_member (b, "issue", ed->issue);
  ed_json_member (b, "total_issue", ed->total_issue);
  ed_json_member (b, "cn", ed->cn);
  ed_json_member (b, "price", ed->price);
  ed_json_member (b, "publisher", ed->publisher);
  ed_json_member (b, "language", ed->language);
  ed_json_member (b, "layout", ed->layout);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      json_builder_add_int_value (b, page->number);
      ed_json_member (b, "section", page->section);
      ed_json_member (b, "banner", page->banner);
      ed_json_member (b, "credits", page->credits);
      json_builder_set_member_name (b, "articles");
      json_builder_begin_array (b);
      for (guint j = 0; j < page->articles->len; j++)
        ed_json_article (b, g_ptr_array_index (page->articles, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < ed->notes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ed->notes, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}
