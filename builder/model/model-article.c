/* model-article.c — one article file: YAML front matter (libyaml) and a
 * Markdown body (cmark) into an EdArticle.  Every rejected input gets
 * "file:line: message". */
#include "model/model-private.h"
#include "base/errors.h"
#include "base/image.h"
#include "base/safe-io.h"

#include <cmark.h>
#include <string.h>

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
ed_front_matter_apply (EdYaml *y, EdArticle *art, EdEdition *ed, GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (&y->doc);

  if (!ed_yaml_mapping_ok (y, root, "front matter must be a mapping of keys to values", error))
    return FALSE;
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

/* Reads the image @rel of the edition folder and checks it: a JPEG or PNG
 * within the limits that decodes to its end (base/image.h), never through
 * a symbolic link (base/safe-io.h). */
static gboolean
ed_image_check (const EdEdition *ed, const char *rel, const char *path, guint line,
                GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  EbImageInfo info;
  gsize len;

  if (!eb_read_beneath (ed->dir, rel, EB_IMAGE_MAX_BYTES, &data, &len, &local)
      || !eb_image_probe ((const guint8 *) data, len, &info, &local))
    {
      eb_set_input_error (error, path, line, "image '%s' %s", rel, local->message);
      return FALSE;
    }
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
      g_autofree char *rel = eb_path_normalize (url);

      if (!ed_check_text (path, line, url, error))
        return NULL;
      if (!rel)
        {
          eb_set_input_error (error, path, line,
                              "image '%s' is outside the edition folder", url);
          return NULL;
        }
      if (ed && ed->dir && !ed_image_check (ed, rel, path, line, error))
        return NULL;
      fig->image = g_steal_pointer (&rel);
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
                g_ptr_array_add (art->blocks, block);
              else
                ed_block_free (block);
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

/* The body's text (numeric character references such as &#27; become
 * characters only here) holds nothing ed_check_text() refuses. */
static gboolean
ed_check_blocks (const EdArticle *art, const char *path, GError **error)
{
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);

      if (!ed_check_text (path, b->src_line, b->caption, error)
          || !ed_check_text (path, b->src_line, b->credit, error))
        return FALSE;
      for (guint r = 0; r < b->runs->len; r++)
        if (!ed_check_text (path, b->src_line, ((EdRun *) g_ptr_array_index (b->runs, r))->text,
                            error))
          return FALSE;
    }
  return TRUE;
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
  if (!ed_check_blocks (art, path, error))
    return NULL;
  if (art->blocks->len == 0)
    {
      eb_set_input_error (error, path, body_line0, "article '%s' has an empty body",
                          art->title);
      return NULL;
    }
  return g_steal_pointer (&art);
}
