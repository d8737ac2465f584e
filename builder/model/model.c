/* model.c — the edition model and its source parser's entry: an edition
 * folder's edition.yaml (libyaml) listing Markdown articles
 * (model-article.c).  Every rejected input gets "file:line: message".
 * Files are read through base/safe-io.h: never through a symbolic link,
 * only regular files, at most EB_TEXT_MAX_BYTES each.
 */
#include "model/model-private.h"
#include "base/dates.h"
#include "base/errors.h"
#include "base/safe-io.h"

#include <stdarg.h>
#include <string.h>

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
  g_free (art->src_name);
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
  g_free (ed->date);
  ed->date = g_strdup (s);
  return TRUE;
}

static gboolean
ed_load_article_file (EdEdition *ed, EdPage *page, EdYaml *y, yaml_node_t *node,
                      GHashTable *seen, GError **error)
{
  const char *name = ed_yaml_scalar (node);
  guint line = ed_yaml_line (y, node);
  g_autofree char *rel = NULL;
  g_autofree char *full = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) io_error = NULL;
  gsize len;
  EdArticle *art;

  if (!name || !*name)
    {
      eb_set_input_error (error, y->path, line, "an article entry must be a file name");
      return FALSE;
    }
  if (!ed_check_text (y->path, line, name, error))
    return FALSE;
  if (!(rel = eb_path_normalize (name)))
    {
      eb_set_input_error (error, y->path, line, "article '%s' is outside the edition folder",
                          name);
      return FALSE;
    }
  /* "a.md" and "./a.md" are one file */
  if (g_hash_table_contains (seen, rel))
    {
      eb_set_input_error (error, y->path, line, "article '%s' is listed twice", name);
      return FALSE;
    }
  g_hash_table_add (seen, g_strdup (rel));
  if (!eb_read_beneath (ed->dir, rel, EB_TEXT_MAX_BYTES, &data, &len, &io_error))
    {
      eb_set_input_error (error, y->path, line, "article '%s' %s", name, io_error->message);
      return FALSE;
    }
  full = g_build_filename (ed->dir, rel, NULL);
  art = ed_article_parse (full, data, len, ed, error);
  if (!art)
    return FALSE;
  art->src_name = g_steal_pointer (&rel);
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

  if (!ed_yaml_mapping_ok (y, node, "a page must have 'section' and 'articles'", error))
    return FALSE;
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

/* A language tag as BCP 47 writes it (RFC 5646, well-formed; zh_CN is
 * not): the EPUB and the reader declare it. */
static gboolean
ed_language_ok (const char *tag)
{
  static const char re[] =
    "^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?"
    "(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"
    "(-[xX](-[A-Za-z0-9]{1,8})+)?$";

  return g_regex_match_simple (re, tag, 0, 0);
}

/* The language and layout name, where the edition gives them. */
static gboolean
ed_edition_check_names (EdEdition *ed, EdYaml *y, guint lang_line, GError **error)
{
  if (lang_line && !ed_language_ok (ed->language))
    {
      eb_set_input_error (error, y->path, lang_line,
                          "invalid language '%s' (want a BCP 47 tag such as zh-CN)", ed->language);
      return FALSE;
    }
  /* a name, never a path: layouts/<name>.yaml is read from the data folder */
  if (ed->layout_line && (!*ed->layout || strspn (ed->layout, "abcdefghijklmnopqrstuvwxyz"
                                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
                                          != strlen (ed->layout)))
    {
      eb_set_input_error (error, y->path, ed->layout_line,
                          "invalid layout name '%s' (letters, digits, - and _ only)", ed->layout);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ed_edition_apply (EdEdition *ed, EdYaml *y, GError **error)
{
  yaml_node_t *root = yaml_document_get_root_node (&y->doc);
  yaml_node_t *pages = NULL;
  guint lang_line = 0;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!ed_yaml_mapping_ok (y, root, "edition.yaml must be a mapping of keys to values", error))
    return FALSE;
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
          if (slot == &ed->language)
            lang_line = ed_yaml_line (y, v);
          else if (slot == &ed->layout)
            ed->layout_line = ed_yaml_line (y, v);
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
  if (!ed_edition_check_names (ed, y, lang_line, error))
    return FALSE;
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
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) io_error = NULL;
  gsize len, n = strlen (dir);
  EdYaml y;
  gboolean ok;

  /* "e6/" is the folder "e6": paths below it are built without the slash */
  while (n > 1 && dir[n - 1] == G_DIR_SEPARATOR)
    n--;
  ed->dir = g_strndup (dir, n);
  path = g_build_filename (ed->dir, "edition.yaml", NULL);
  if (!g_file_test (ed->dir, G_FILE_TEST_IS_DIR))
    {
      eb_set_input_error (error, path, 0, "cannot read edition: no such edition folder");
      return NULL;
    }
  if (!eb_read_beneath (ed->dir, "edition.yaml", EB_TEXT_MAX_BYTES, &data, &len, &io_error))
    {
      eb_set_input_error (error, path, 0, "cannot read edition: edition.yaml %s",
                          io_error->message);
      return NULL;
    }
  if (!ed_check_utf8 (path, data, len, error))
    return NULL;
  if (!ed_yaml_load (&y, path, 1, data, len, error))
    return NULL;
  ok = ed_edition_apply (ed, &y, error);
  yaml_document_delete (&y.doc);
  return ok ? g_steal_pointer (&ed) : NULL;
}
