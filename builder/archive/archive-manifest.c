/* archive-manifest.c — manifest.json: written from the model when an
 * edition is stored, read back (and checked field by field: a manifest is
 * a file anyone with write access can change, and the index pages, feeds
 * and search are made from it) for list, verify and the index pages. */
#include "archive/archive-private.h"
#include "base/errors.h"
#include "base/jsonout.h"
#include "base/safe-io.h"
#include "base/textcheck.h"
#include "base/version.h"

#include <string.h>

#include <json-glib/json-glib.h>

/* ------------------------------------------------------------ memory */

static void
arc_article_free (ArcArticle *a)
{
  if (!a)
    return;
  g_free (a->id);
  g_free (a->title);
  g_free (a->kicker);
  g_free (a->subtitle);
  g_free (a->byline);
  g_free (a);
}

static void
arc_page_free (ArcPage *p)
{
  if (!p)
    return;
  g_free (p->section);
  g_free (p->image);
  g_free (p->thumb);
  g_free (p);
}

static void
arc_file_free (ArcFile *f)
{
  if (!f)
    return;
  g_free (f->path);
  g_free (f->sha256);
  g_free (f);
}

ArcManifest *
arc_manifest_new (void)
{
  ArcManifest *m = g_new0 (ArcManifest, 1);

  m->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_page_free);
  m->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_article_free);
  m->files = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_file_free);
  return m;
}

void
arc_manifest_free (ArcManifest *m)
{
  if (!m)
    return;
  g_free (m->date);
  g_free (m->paper);
  g_free (m->issue);
  g_free (m->publisher);
  g_free (m->language);
  g_free (m->builder);
  g_ptr_array_unref (m->pages);
  g_ptr_array_unref (m->articles);
  g_ptr_array_unref (m->files);
  g_free (m);
}

const char *
arc_manifest_headline (const ArcManifest *m)
{
  for (guint i = 0; i < m->articles->len; i++)
    {
      const ArcArticle *a = m->articles->pdata[i];
      if (a->page == 1)
        return a->title;
    }
  return m->articles->len ? ((ArcArticle *) m->articles->pdata[0])->title : "";
}

const ArcFile *
arc_manifest_find_file (const ArcManifest *m, const char *path)
{
  for (guint i = 0; i < m->files->len; i++)
    {
      const ArcFile *f = m->files->pdata[i];
      if (!strcmp (f->path, path))
        return f;
    }
  return NULL;
}

/* ------------------------------------------------------------ reading */

/* The member @key of @o as a string: NULL when absent or null (an error
 * if @required), an error when of another type or holding a character no
 * output can show.  @where names the object in messages ("pages[0]"). */
static gboolean
arc_json_text (JsonObject *o, const char *where, const char *key, gboolean required,
               char **out, GError **error)
{
  JsonNode *n = json_object_get_member (o, key);
  const char *s, *bad;

  *out = NULL;
  if (!n || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s%s'%s' is missing", where,
                     *where ? ": " : "", key);
      return !required;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s%s'%s' is not a string", where,
                   *where ? ": " : "", key);
      return FALSE;
    }
  s = json_node_get_string (n);
  if ((bad = eb_text_find_bad (s, -1)))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s%s'%s' holds U+%04X (%s)", where,
                   *where ? ": " : "", key, g_utf8_get_char (bad),
                   eb_char_kind (g_utf8_get_char (bad)));
      return FALSE;
    }
  *out = g_strdup (s);
  return TRUE;
}

/* The member @key of @o as a whole number from @min up. */
static gboolean
arc_json_count (JsonObject *o, const char *where, const char *key, gint64 min, gint64 *out,
                GError **error)
{
  JsonNode *n = json_object_get_member (o, key);

  if (!n || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64
      || (*out = json_node_get_int (n)) < min)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: '%s' is not a whole number from %"
                   G_GINT64_FORMAT, where, key, min);
      return FALSE;
    }
  return TRUE;
}

static JsonArray *
arc_json_array (JsonObject *o, const char *key, GError **error)
{
  JsonNode *n = json_object_get_member (o, key);

  if (n && JSON_NODE_HOLDS_ARRAY (n))
    return json_node_get_array (n);
  g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "'%s' is not a list", key);
  return NULL;
}

/* Element @i of @a as an object, or an error naming it. */
static JsonObject *
arc_json_object_at (JsonArray *a, const char *what, guint i, char **where, GError **error)
{
  JsonNode *n = json_array_get_element (a, i);

  *where = g_strdup_printf ("%s[%u]", what, i);
  if (n && JSON_NODE_HOLDS_OBJECT (n))
    return json_node_get_object (n);
  g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s is not an object", *where);
  return NULL;
}

/* A stored file's path: relative, normalized, inside the edition folder. */
static gboolean
arc_path_ok (const char *path)
{
  g_autofree char *norm = eb_path_normalize (path);

  return norm && !strcmp (norm, path) && strcmp (path, ARC_MANIFEST_NAME) != 0;
}

/* An article id as the model makes them: [a-z0-9-], starting with a letter. */
static gboolean
arc_id_ok (const char *id)
{
  return *id && g_ascii_islower (*id) && strlen (id) <= 128
         && strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (id);
}

static gboolean
arc_sha_ok (const char *sha)
{
  return strlen (sha) == 64 && strspn (sha, "0123456789abcdef") == 64;
}

static gboolean
arc_manifest_read_files (ArcManifest *m, JsonArray *files, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      g_autofree char *where = NULL;
      JsonObject *o = arc_json_object_at (files, "files", i, &where, error);
      ArcFile *f = g_new0 (ArcFile, 1);

      g_ptr_array_add (m->files, f);
      if (!o || !arc_json_text (o, where, "path", TRUE, &f->path, error)
          || !arc_json_text (o, where, "sha256", TRUE, &f->sha256, error)
          || !arc_json_count (o, where, "size", 0, &f->size, error))
        return FALSE;
      if (!arc_path_ok (f->path) || !g_hash_table_add (seen, f->path))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: path '%s' is not a file of the "
                       "edition folder (or is listed twice)", where, f->path);
          return FALSE;
        }
      if (!arc_sha_ok (f->sha256))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: 'sha256' is not a SHA-256", where);
          return FALSE;
        }
    }
  return TRUE;
}

/* A page image's path, when given, must be the one the build writes for
 * that page and a file the manifest lists: it goes into src and href
 * attributes of the index pages and feeds. */
static gboolean
arc_page_image_ok (const ArcManifest *m, const char *where, const char *key,
                   const char *value, const char *expect, GError **error)
{
  if (!value || (!strcmp (value, expect) && arc_manifest_find_file (m, value)))
    return TRUE;
  g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: '%s' is '%s', not the page's %s (a "
               "stored file)", where, key, value, expect);
  return FALSE;
}

static gboolean
arc_manifest_read_pages (ArcManifest *m, JsonArray *pages, GError **error)
{
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      g_autofree char *where = NULL, *img = NULL, *thumb = NULL;
      JsonObject *o = arc_json_object_at (pages, "pages", i, &where, error);
      ArcPage *p = g_new0 (ArcPage, 1);
      gint64 number = 0;

      g_ptr_array_add (m->pages, p);
      if (!o || !arc_json_count (o, where, "number", i + 1, &number, error)
          || !arc_json_text (o, where, "section", FALSE, &p->section, error)
          || !arc_json_text (o, where, "image", FALSE, &p->image, error)
          || !arc_json_text (o, where, "thumbnail", FALSE, &p->thumb, error))
        return FALSE;
      if (number != i + 1)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: 'number' is not %u", where, i + 1);
          return FALSE;
        }
      p->number = (guint) number;
      img = g_strdup_printf (BUILD_PAGES_DIR "/p%u.png", p->number);
      thumb = g_strdup_printf (BUILD_PAGES_DIR "/p%u-thumb.png", p->number);
      if (!arc_page_image_ok (m, where, "image", p->image, img, error)
          || !arc_page_image_ok (m, where, "thumbnail", p->thumb, thumb, error))
        return FALSE;
      if (!p->section)
        p->section = g_strdup ("");
    }
  return TRUE;
}

static gboolean
arc_manifest_read_articles (ArcManifest *m, JsonArray *arts, GError **error)
{
  for (guint i = 0; i < json_array_get_length (arts); i++)
    {
      g_autofree char *where = NULL;
      JsonObject *o = arc_json_object_at (arts, "articles", i, &where, error);
      ArcArticle *a = g_new0 (ArcArticle, 1);
      gint64 page = 0;

      g_ptr_array_add (m->articles, a);
      if (!o || !arc_json_text (o, where, "id", TRUE, &a->id, error)
          || !arc_json_text (o, where, "title", TRUE, &a->title, error)
          || !arc_json_text (o, where, "kicker", FALSE, &a->kicker, error)
          || !arc_json_text (o, where, "subtitle", FALSE, &a->subtitle, error)
          || !arc_json_text (o, where, "byline", FALSE, &a->byline, error)
          || !arc_json_count (o, where, "page", 1, &page, error))
        return FALSE;
      if (!arc_id_ok (a->id))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: 'id' is not an article id", where);
          return FALSE;
        }
      a->page = (guint) MIN (page, G_MAXUINT);
    }
  return TRUE;
}

/* Fills @m from the parsed manifest @root, checking every field. */
static gboolean
arc_manifest_read (ArcManifest *m, JsonObject *root, GError **error)
{
  g_autofree char *format = NULL;
  JsonArray *pages, *arts, *files;

  if (!arc_json_text (root, "", "format", TRUE, &format, error)
      || !arc_json_text (root, "", "date", TRUE, &m->date, error)
      || !arc_json_text (root, "", "paper", TRUE, &m->paper, error)
      || !arc_json_text (root, "", "issue", FALSE, &m->issue, error)
      || !arc_json_text (root, "", "publisher", FALSE, &m->publisher, error)
      || !arc_json_text (root, "", "language", FALSE, &m->language, error)
      || !arc_json_text (root, "", "builder", FALSE, &m->builder, error)
      || !(files = arc_json_array (root, "files", error))
      || !(pages = arc_json_array (root, "pages", error))
      || !(arts = arc_json_array (root, "articles", error)))
    return FALSE;
  if (strcmp (format, ARC_MANIFEST_FORMAT) != 0 || !eb_date_parse (m->date, NULL)
      || !*m->paper
      || (m->language && strspn (m->language, "abcdefghijklmnopqrstuvwxyz"
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen (m->language)))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "'format', 'date', 'paper' or 'language' "
                   "is not what an archive manifest holds");
      return FALSE;
    }
  if (!m->language)
    m->language = g_strdup ("zh-CN");
  return arc_manifest_read_files (m, files, error) && arc_manifest_read_pages (m, pages, error)
         && arc_manifest_read_articles (m, arts, error);
}

ArcManifest *
arc_manifest_load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (ArcManifest) m = arc_manifest_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  JsonNode *root;

  if (!eb_read_path (path, FALSE, EB_TEXT_MAX_BYTES, &data, &len, &local)
      || !json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      eb_set_input_error (error, path, 0, "cannot read manifest: %s", local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root))
    {
      eb_set_input_error (error, path, 0, "not an archive manifest");
      return NULL;
    }
  if (!arc_manifest_read (m, json_node_get_object (root), &local))
    {
      eb_set_input_error (error, path, 0, "not a valid archive manifest: %s", local->message);
      return NULL;
    }
  return g_steal_pointer (&m);
}

/* ------------------------------------------------------------ writing */

char *
arc_manifest_to_json (const ArcManifest *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  eb_json_member_string (b, "format", ARC_MANIFEST_FORMAT);
  eb_json_member_string (b, "paper", m->paper);
  eb_json_member_string (b, "date", m->date);
  eb_json_member_string (b, "issue", m->issue);
  eb_json_member_string (b, "publisher", m->publisher);
  eb_json_member_string (b, "language", m->language);
  eb_json_member_string (b, "builder", m->builder);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->pages->len; i++)
    {
      const ArcPage *p = m->pages->pdata[i];
      json_builder_begin_object (b);
      eb_json_member_int (b, "number", p->number);
      eb_json_member_string (b, "section", p->section);
      eb_json_member_string (b, "image", p->image);
      eb_json_member_string (b, "thumbnail", p->thumb);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->articles->len; i++)
    {
      const ArcArticle *a = m->articles->pdata[i];
      json_builder_begin_object (b);
      eb_json_member_string (b, "id", a->id);
      eb_json_member_int (b, "page", a->page);
      eb_json_member_string (b, "title", a->title);
      eb_json_member_string (b, "kicker", a->kicker);
      eb_json_member_string (b, "subtitle", a->subtitle);
      eb_json_member_string (b, "byline", a->byline);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->files->len; i++)
    {
      const ArcFile *f = m->files->pdata[i];
      json_builder_begin_object (b);
      eb_json_member_string (b, "path", f->path);
      eb_json_member_int (b, "size", f->size);
      eb_json_member_string (b, "sha256", f->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return eb_json_pretty (b);
}

ArcManifest *
arc_manifest_from_edition (const EdEdition *ed, const char *dir)
{
  ArcManifest *m = arc_manifest_new ();

  m->date = g_strdup (ed->date);
  m->paper = g_strdup (ed->paper);
  m->issue = g_strdup (ed->issue);
  m->publisher = g_strdup (ed->publisher);
  m->language = g_strdup (ed->language ? ed->language : "zh-CN");
  m->builder = g_strdup ("epaper " EPAPER_VERSION);
  /* the printed pages: the edition's, plus any further pages the
   * composition ran on to (pages/p<N>.png beyond the last section) */
  for (guint n = 1; ; n++)
    {
      const EdPage *ep = n <= ed->pages->len ? ed->pages->pdata[n - 1] : NULL;
      ArcPage *p;
      g_autofree char *img = g_strdup_printf (BUILD_PAGES_DIR "/p%u.png", n);
      g_autofree char *thumb = g_strdup_printf (BUILD_PAGES_DIR "/p%u-thumb.png", n);
      g_autofree char *img_full = g_build_filename (dir, img, NULL);
      g_autofree char *thumb_full = g_build_filename (dir, thumb, NULL);
      gboolean has_img = g_file_test (img_full, G_FILE_TEST_IS_REGULAR);
      gboolean has_thumb = g_file_test (thumb_full, G_FILE_TEST_IS_REGULAR);

      if (!ep && !has_img && !has_thumb)
        break;
      p = g_new0 (ArcPage, 1);
      p->number = n;
      p->section = g_strdup (ep ? ep->section : "");
      if (has_img)
        p->image = g_steal_pointer (&img);
      if (has_thumb)
        p->thumb = g_steal_pointer (&thumb);
      g_ptr_array_add (m->pages, p);
    }
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *ea = ed->articles->pdata[i];
      ArcArticle *a = g_new0 (ArcArticle, 1);
      a->id = g_strdup (ea->id);
      a->title = g_strdup (ea->title);
      a->kicker = g_strdup (ea->kicker);
      a->subtitle = g_strdup (ea->subtitle);
      a->byline = g_strdup (ea->byline);
      a->page = ea->page;
      g_ptr_array_add (m->articles, a);
    }
  return m;
}
