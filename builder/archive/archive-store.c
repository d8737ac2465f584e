/* archive-store.c — the dated store: opening and locking an archive,
 * crash recovery, atomic add, manifests, list and verify. */
#include "archive/archive-private.h"
#include "base/errors.h"
#include "web/reader.h"
#include "base/version.h"
#include "base/xml.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* ------------------------------------------------------------ helpers */

void
arc_crash_point (const char *step)
{
  const char *at = g_getenv ("EPAPER_ARCHIVE_CRASH_AT");

  if (at && !strcmp (at, step))
    raise (SIGKILL);
}

char *
arc_date_rel_dir (const char *date)
{
  return g_strdup_printf ("%.4s/%.2s/%.2s", date, date + 5, date + 8);
}

char *
arc_esc (const char *text)
{
  return xml_escape (text ? text : "", -1);
}

gboolean
arc_write_text (const char *path, const char *text, GError **error)
{
  return eb_write_file_atomic (path, text, strlen (text), error);
}

static gboolean
arc_set_io_error (GError **error, const char *path, const char *what)
{
  int saved = errno;

  g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot %s: %s", path,
               what, g_strerror (saved));
  return FALSE;
}

/* fsyncs a file or folder by path. */
static gboolean
arc_fsync_path (const char *path, GError **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return arc_set_io_error (error, path, "open");
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      close (fd);
      return arc_set_io_error (error, path, "fsync");
    }
  close (fd);
  return TRUE;
}

/* Removes a folder tree; used for our own .tmp-/.old- folders only. */
static gboolean
arc_rm_rf (const char *path, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK)
      || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        return arc_set_io_error (error, path, "remove");
      return TRUE;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (!arc_rm_rf (child, error))
        return FALSE;
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    return arc_set_io_error (error, path, "remove");
  return TRUE;
}

static gboolean
arc_is_digits (const char *s, gsize n)
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gint
arc_cmp_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Sorted names in @path; with @digits, only folders named by that many
 * digits.  Caller owns. */
static GPtrArray *
arc_sorted_names (const char *path, gsize digits)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *full = g_build_filename (path, name, NULL);
      if (digits && (!arc_is_digits (name, digits)
                     || !g_file_test (full, G_FILE_TEST_IS_DIR)))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, arc_cmp_names);
  return names;
}

GPtrArray *
arc_scan_edition_dirs (const char *root)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) years = arc_sorted_names (root, 4);

  for (guint y = 0; y < years->len; y++)
    {
      g_autofree char *ydir = g_build_filename (root, years->pdata[y], NULL);
      g_autoptr (GPtrArray) months = arc_sorted_names (ydir, 2);
      for (guint m = 0; m < months->len; m++)
        {
          g_autofree char *mdir = g_build_filename (ydir, months->pdata[m], NULL);
          g_autoptr (GPtrArray) days = arc_sorted_names (mdir, 2);
          for (guint d = 0; d < days->len; d++)
            g_ptr_array_add (out, g_strdup_printf ("%s/%s/%s", (char *) years->pdata[y],
                                                   (char *) months->pdata[m],
                                                   (char *) days->pdata[d]));
        }
    }
  return out;
}

char *
arc_file_sha256 (const char *path, gint64 *size, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buf[65536];
  gint64 total = 0;
  ssize_t n;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      arc_set_io_error (error, path, "read");
      return NULL;
    }
  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          arc_set_io_error (error, path, "read");
          close (fd);
          return NULL;
        }
      g_checksum_update (sum, buf, (gsize) n);
      total += n;
    }
  close (fd);
  if (size)
    *size = total;
  return g_strdup (g_checksum_get_string (sum));
}

/* Appends the regular files below @dir/@rel ("" = top) to @out as
 * '/'-separated relative paths; symlinks and other types are returned in
 * @odd when non-NULL. */
static void
arc_walk_files (const char *dir, const char *rel, GPtrArray *out, GPtrArray *odd)
{
  g_autofree char *here = *rel ? g_build_filename (dir, rel, NULL) : g_strdup (dir);
  g_autoptr (GPtrArray) names = arc_sorted_names (here, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *child_rel = *rel ? g_strconcat (rel, "/", name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (dir, child_rel, NULL);
      if (g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        {
          if (odd)
            g_ptr_array_add (odd, g_steal_pointer (&child_rel));
        }
      else if (g_file_test (full, G_FILE_TEST_IS_DIR))
        arc_walk_files (dir, child_rel, out, odd);
      else if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_steal_pointer (&child_rel));
      else if (odd)
        g_ptr_array_add (odd, g_steal_pointer (&child_rel));
    }
}

/* fsyncs every file and folder below @dir, then @dir. */
static gboolean
arc_fsync_tree (const char *dir, GError **error)
{
  g_autoptr (GPtrArray) names = arc_sorted_names (dir, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *full = g_build_filename (dir, names->pdata[i], NULL);
      if (g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          if (!arc_fsync_tree (full, error))
            return FALSE;
        }
      else if (!arc_fsync_path (full, error))
        return FALSE;
    }
  return arc_fsync_path (dir, error);
}

/* ------------------------------------------------------------ manifests */

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

static ArcManifest *
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

static char *
arc_json_dup (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  if (!n || JSON_NODE_HOLDS_NULL (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (n));
}

static JsonArray *
arc_json_array (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static gboolean
arc_manifest_fill (ArcManifest *m, JsonObject *root)
{
  JsonArray *pages = arc_json_array (root, "pages");
  JsonArray *arts = arc_json_array (root, "articles");
  JsonArray *files = arc_json_array (root, "files");

  m->date = arc_json_dup (root, "date");
  m->paper = arc_json_dup (root, "paper");
  m->issue = arc_json_dup (root, "issue");
  m->publisher = arc_json_dup (root, "publisher");
  m->language = arc_json_dup (root, "language");
  m->builder = arc_json_dup (root, "builder");
  if (!m->date || !eb_date_parse (m->date, NULL) || !m->paper || !pages || !arts || !files)
    return FALSE;
  if (!m->language)
    m->language = g_strdup ("zh-CN");
  for (guint i = 0; i < json_array_get_length (pages); i++)
    {
      JsonObject *o = json_array_get_object_element (pages, i);
      ArcPage *p = g_new0 (ArcPage, 1);
      g_ptr_array_add (m->pages, p);
      if (!o)
        return FALSE;
      p->number = (guint) json_object_get_int_member_with_default (o, "number", 0);
      p->section = arc_json_dup (o, "section");
      p->image = arc_json_dup (o, "image");
      p->thumb = arc_json_dup (o, "thumbnail");
      if (!p->section)
        p->section = g_strdup ("");
    }
  for (guint i = 0; i < json_array_get_length (arts); i++)
    {
      JsonObject *o = json_array_get_object_element (arts, i);
      ArcArticle *a = g_new0 (ArcArticle, 1);
      g_ptr_array_add (m->articles, a);
      if (!o)
        return FALSE;
      a->id = arc_json_dup (o, "id");
      a->title = arc_json_dup (o, "title");
      a->kicker = arc_json_dup (o, "kicker");
      a->subtitle = arc_json_dup (o, "subtitle");
      a->byline = arc_json_dup (o, "byline");
      a->page = (guint) json_object_get_int_member_with_default (o, "page", 0);
      if (!a->id || !a->title)
        return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *o = json_array_get_object_element (files, i);
      ArcFile *f = g_new0 (ArcFile, 1);
      g_ptr_array_add (m->files, f);
      if (!o)
        return FALSE;
      f->path = arc_json_dup (o, "path");
      f->sha256 = arc_json_dup (o, "sha256");
      f->size = json_object_get_int_member_with_default (o, "size", -1);
      if (!f->path || !f->sha256 || f->size < 0)
        return FALSE;
    }
  return TRUE;
}

ArcManifest *
arc_manifest_load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (ArcManifest) m = arc_manifest_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      eb_set_input_error (error, path, 0, "cannot read manifest: %s", local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT (root)
      || !arc_manifest_fill (m, json_node_get_object (root)))
    {
      eb_set_input_error (error, path, 0, "not an archive manifest");
      return NULL;
    }
  return g_steal_pointer (&m);
}

static void
arc_json_str (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
arc_json_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* Serialises @m as pretty JSON (stable key order); caller owns. */
static char *
arc_manifest_to_json (const ArcManifest *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  arc_json_str (b, "format", ARC_MANIFEST_FORMAT);
  arc_json_str (b, "paper", m->paper);
  arc_json_str (b, "date", m->date);
  arc_json_str (b, "issue", m->issue);
  arc_json_str (b, "publisher", m->publisher);
  arc_json_str (b, "language", m->language);
  arc_json_str (b, "builder", m->builder);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->pages->len; i++)
    {
      const ArcPage *p = m->pages->pdata[i];
      json_builder_begin_object (b);
      arc_json_int (b, "number", p->number);
      arc_json_str (b, "section", p->section);
      arc_json_str (b, "image", p->image);
      arc_json_str (b, "thumbnail", p->thumb);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->articles->len; i++)
    {
      const ArcArticle *a = m->articles->pdata[i];
      json_builder_begin_object (b);
      arc_json_str (b, "id", a->id);
      arc_json_int (b, "page", a->page);
      arc_json_str (b, "title", a->title);
      arc_json_str (b, "kicker", a->kicker);
      arc_json_str (b, "subtitle", a->subtitle);
      arc_json_str (b, "byline", a->byline);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->files->len; i++)
    {
      const ArcFile *f = m->files->pdata[i];
      json_builder_begin_object (b);
      arc_json_str (b, "path", f->path);
      arc_json_int (b, "size", f->size);
      arc_json_str (b, "sha256", f->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

/* The manifest's edition part from the model; files are added later. */
static ArcManifest *
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

/* Lists and hashes every file in @dir (except the manifest) into m->files. */
static gboolean
arc_manifest_hash_files (ArcManifest *m, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (m->files, 0);
  arc_walk_files (dir, "", paths, NULL);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *rel = paths->pdata[i];
      g_autofree char *full = g_build_filename (dir, rel, NULL);
      ArcFile *f;

      if (!strcmp (rel, ARC_MANIFEST_NAME))
        continue;
      f = g_new0 (ArcFile, 1);
      f->path = g_strdup (rel);
      f->sha256 = arc_file_sha256 (full, &f->size, error);
      g_ptr_array_add (m->files, f);
      if (!f->sha256)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
arc_load_manifests (ArcArchive *arc)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_manifest_free);
  g_autoptr (GPtrArray) dirs = arc_scan_edition_dirs (arc->root);

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (arc->root, dirs->pdata[i],
                                                ARC_MANIFEST_NAME, NULL);
      g_autoptr (GError) error = NULL;
      ArcManifest *m = arc_manifest_load (path, &error);
      if (m)
        g_ptr_array_add (out, m);
      else
        g_ptr_array_add (arc->notes, g_strdup (error->message));
    }
  return out;
}

GPtrArray *
arc_list (ArcArchive *arc, GError **error)
{
  (void) error;
  return arc_load_manifests (arc);
}

/* ------------------------------------------------------------ open / recover */

/* Repairs an interrupted add: removes .tmp-* folders and stray temporary
 * index files, finishes or rolls back a replacement (.old-DATE). */
static gboolean
arc_recover (ArcArchive *arc, GError **error)
{
  g_autoptr (GPtrArray) names = arc_sorted_names (arc->root, 0);
  guint notes = arc->notes->len;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *full = g_build_filename (arc->root, name, NULL);

      if (g_str_has_prefix (name, ARC_TMP_PREFIX)
          || (g_str_has_suffix (name, ".tmp")
              && (g_str_has_prefix (name, ARC_INDEX_NAME ".")
                  || g_str_has_prefix (name, "opds"))))
        {
          if (!arc_rm_rf (full, error))
            return FALSE;
          g_ptr_array_add (arc->notes, g_strdup_printf ("removed leftover %s", name));
        }
      else if (g_str_has_prefix (name, ARC_OLD_PREFIX))
        {
          const char *date = name + strlen (ARC_OLD_PREFIX);
          g_autofree char *rel = NULL, *final = NULL, *manifest = NULL;

          if (!eb_date_parse (date, NULL))
            continue;   /* not ours; verify reports it */
          rel = arc_date_rel_dir (date);
          final = g_build_filename (arc->root, rel, NULL);
          manifest = g_build_filename (final, ARC_MANIFEST_NAME, NULL);
          if (g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
            {
              /* the new edition is in place: finish deleting the old one */
              if (!arc_rm_rf (full, error))
                return FALSE;
              g_ptr_array_add (arc->notes, g_strdup_printf ("removed replaced edition %s", name));
            }
          else
            {
              /* interrupted between moving the old one aside and moving the
               * new one in: put the old one back */
              g_autofree char *parent = g_path_get_dirname (final);
              if (g_mkdir_with_parents (parent, 0755) != 0)
                return arc_set_io_error (error, parent, "create folder");
              if (rename (full, final) != 0)
                return arc_set_io_error (error, full, "restore");
              if (!arc_fsync_path (parent, error) || !arc_fsync_path (arc->root, error))
                return FALSE;
              g_ptr_array_add (arc->notes, g_strdup_printf ("restored edition %s", date));
            }
        }
    }
  return arc->notes->len == notes || arc_fsync_path (arc->root, error);
}

ArcArchive *
arc_open (const char *root, ArcOpenFlags flags, GError **error)
{
  g_autoptr (ArcArchive) arc = g_new0 (ArcArchive, 1);
  g_autofree char *lock = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  arc->lock_fd = -1;
  arc->root = g_strdup (root);
  arc->notes = g_ptr_array_new_with_free_func (g_free);
  if (g_mkdir_with_parents (root, 0755) != 0)
    {
      arc_set_io_error (error, root, "create folder");
      return NULL;
    }
  lock = g_build_filename (root, ARC_LOCK_NAME, NULL);
  arc->lock_fd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (arc->lock_fd < 0)
    {
      arc_set_io_error (error, lock, "open");
      return NULL;
    }
  if ((flags & ARC_OPEN_READER) && flock (arc->lock_fd, LOCK_EX | LOCK_NB) != 0
      && errno == EWOULDBLOCK)
    {
      /* a writer is at work: read the state it has committed so far
       * (editions appear by rename, the database by transaction) */
      close (arc->lock_fd);
      arc->lock_fd = -1;
      g_ptr_array_add (arc->notes, g_strdup ("the archive is being updated; "
                                             "reading it as it was"));
      if (!arc_db_open_existing (arc, error))
        return NULL;
      return g_steal_pointer (&arc);
    }
  while (flock (arc->lock_fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        arc_set_io_error (error, lock, "lock");
        return NULL;
      }
  arc_crash_point ("locked");
  if (!arc_recover (arc, error) || !arc_db_open (arc, error)
      || (!(flags & ARC_OPEN_NO_REFRESH) && !arc_refresh (arc, FALSE, error)))
    return NULL;
  return g_steal_pointer (&arc);
}

void
arc_close (ArcArchive *arc)
{
  if (!arc)
    return;
  if (arc->db)
    sqlite3_close (arc->db);
  if (arc->lock_fd >= 0)
    close (arc->lock_fd);   /* releases the flock */
  g_free (arc->root);
  if (arc->notes)
    g_ptr_array_unref (arc->notes);
  g_free (arc);
}

const GPtrArray *
arc_notes (const ArcArchive *arc)
{
  return arc->notes;
}

/* ------------------------------------------------------------ add */

/* Copies @src to @dst (creating parent folders), fsynced. */
static gboolean
arc_copy_file (const char *src, const char *dst, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *parent = g_path_get_dirname (dst);
  g_autoptr (GError) local = NULL;
  gsize len;

  if (!g_file_get_contents (src, &data, &len, &local))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot read: %s", src,
                   local->message);
      return FALSE;
    }
  if (g_mkdir_with_parents (parent, 0755) != 0)
    return arc_set_io_error (error, parent, "create folder");
  return eb_write_file_atomic (dst, data, len, error);
}

/* The path of an edition file relative to ed->dir. */
static const char *
arc_rel_to_dir (const EdEdition *ed, const char *path)
{
  gsize n = strlen (ed->dir);

  if (g_str_has_prefix (path, ed->dir) && path[n] == G_DIR_SEPARATOR)
    return path + n + 1;
  return path;
}

/* Copies edition.yaml, every article and every figure image into
 * @dst/source/, and raw page files into @dst/source/raw/. */
static gboolean
arc_copy_sources (const EdEdition *ed, const char *const *raw, const char *dst,
                  GError **error)
{
  g_autofree char *src_dir = g_build_filename (dst, ARC_SOURCE_DIR, NULL);
  g_autofree char *yaml = g_build_filename (ed->dir, "edition.yaml", NULL);
  g_autofree char *yaml_dst = g_build_filename (src_dir, "edition.yaml", NULL);

  if (!arc_copy_file (yaml, yaml_dst, error))
    return FALSE;
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *a = ed->articles->pdata[i];
      const char *rel = arc_rel_to_dir (ed, a->src_path);
      g_autofree char *to = g_build_filename (src_dir, rel, NULL);

      if (g_path_is_absolute (rel) || !arc_copy_file (a->src_path, to, error))
        {
          if (error && !*error)
            g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                         "%s: article outside the edition folder", a->src_path);
          return FALSE;
        }
      for (guint b = 0; b < a->blocks->len; b++)
        {
          const EdBlock *blk = a->blocks->pdata[b];
          g_autofree char *from = NULL, *img_to = NULL;
          if (blk->kind != ED_BLOCK_FIGURE || !blk->image)
            continue;
          from = g_build_filename (ed->dir, blk->image, NULL);
          img_to = g_build_filename (src_dir, blk->image, NULL);
          if (!g_file_test (img_to, G_FILE_TEST_EXISTS)
              && !arc_copy_file (from, img_to, error))
            return FALSE;
        }
    }
  for (guint i = 0; raw && raw[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (raw[i]);
      g_autofree char *to = g_build_filename (src_dir, "raw", base, NULL);
      if (!arc_copy_file (raw[i], to, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes the edition page and manifest.json into @dir. */
static gboolean
arc_write_manifest (const EdEdition *ed, const char *dir, GError **error)
{
  g_autoptr (ArcManifest) m = arc_manifest_from_edition (ed, dir);
  g_autofree char *html = NULL, *json = NULL;
  g_autofree char *html_path = g_build_filename (dir, ARC_INDEX_NAME, NULL);
  g_autofree char *json_path = g_build_filename (dir, ARC_MANIFEST_NAME, NULL);

  /* the page links only to files that exist: hash first, then write it */
  if (!arc_manifest_hash_files (m, dir, error))
    return FALSE;
  html = arc_index_edition_html (m);
  if (!arc_write_text (html_path, html, error)
      || !arc_manifest_hash_files (m, dir, error))
    return FALSE;
  json = arc_manifest_to_json (m);
  return arc_write_text (json_path, json, error);
}

static gboolean
arc_has_reader (const char *dir)
{
  g_autofree char *json = g_build_filename (dir, RDR_DIR, "edition.json", NULL);

  return g_file_test (json, G_FILE_TEST_IS_REGULAR);
}

/* Builds and fills the temporary folder @tmp; the web reader's link back to
 * the calendar points at the archive's index.html. */
static gboolean
arc_prepare (EdEdition *ed, const ArcAddOptions *opts, const char *tmp, GError **error)
{
  g_autofree char *build_list = g_build_filename (tmp, BUILD_LIST_NAME, NULL);

  if (opts->stages && opts->stages->build
      && !opts->stages->build (ed, tmp, opts->stages->data, error))
    return FALSE;
  /* the build's list of what it wrote is for rebuilds of a folder, not
   * part of the stored edition */
  g_unlink (build_list);
  if (arc_has_reader (tmp)
      && !rdr_set_calendar (tmp, "../../../../" ARC_INDEX_NAME, error))
    return FALSE;
  arc_crash_point ("built");
  if (!arc_copy_sources (ed, opts->raw_files, tmp, error))
    return FALSE;
  arc_crash_point ("sources");
  if (!arc_write_manifest (ed, tmp, error))
    return FALSE;
  arc_crash_point ("manifest");
  if (!arc_fsync_tree (tmp, error))
    return FALSE;
  arc_crash_point ("synced");
  return TRUE;
}

/* Moves the complete @tmp to @final, setting an existing edition aside
 * first; the caller has checked --replace. */
static gboolean
arc_commit (ArcArchive *arc, const char *date, const char *tmp, const char *final,
            GError **error)
{
  g_autofree char *month = g_path_get_dirname (final);
  g_autofree char *year = g_path_get_dirname (month);
  g_autofree char *old_name = g_strconcat (ARC_OLD_PREFIX, date, NULL);
  g_autofree char *old = g_build_filename (arc->root, old_name, NULL);
  gboolean had_old = g_file_test (final, G_FILE_TEST_EXISTS);

  if (g_mkdir_with_parents (month, 0755) != 0)
    return arc_set_io_error (error, month, "create folder");
  if (!arc_fsync_path (arc->root, error) || !arc_fsync_path (year, error)
      || !arc_fsync_path (month, error))
    return FALSE;
  if (had_old)
    {
      if (rename (final, old) != 0)
        return arc_set_io_error (error, final, "move aside");
      if (!arc_fsync_path (month, error) || !arc_fsync_path (arc->root, error))
        return FALSE;
      arc_crash_point ("aside");
    }
  if (rename (tmp, final) != 0)
    {
      int saved = errno;
      if (had_old)
        rename (old, final);
      errno = saved;
      return arc_set_io_error (error, final, "move into place");
    }
  if (!arc_fsync_path (month, error) || !arc_fsync_path (arc->root, error))
    return FALSE;
  arc_crash_point ("renamed");
  if (had_old && (!arc_rm_rf (old, error) || !arc_fsync_path (arc->root, error)))
    return FALSE;
  arc_crash_point ("cleaned");
  return TRUE;
}

gboolean
arc_add (ArcArchive *arc, EdEdition *ed, const ArcAddOptions *opts, GError **error)
{
  g_autofree char *rel = NULL, *final = NULL, *tmp = NULL;

  g_return_val_if_fail (arc != NULL && ed != NULL && opts != NULL, FALSE);
  if (opts->date)
    {
      GDate d;
      if (!eb_date_parse (opts->date, &d))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_USAGE,
                       "invalid date '%s' (want YYYY-MM-DD)", opts->date);
          return FALSE;
        }
      g_free (ed->date);
      ed->date = g_strdup (opts->date);
      ed->gdate = d;
    }
  if (!eb_date_parse (ed->date, NULL))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "invalid edition date '%s'", ed->date);
      return FALSE;
    }
  rel = arc_date_rel_dir (ed->date);
  final = g_build_filename (arc->root, rel, NULL);
  if (g_file_test (final, G_FILE_TEST_EXISTS) && !opts->replace)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                   "%s: an edition for %s is already stored (use --replace)",
                   final, ed->date);
      return FALSE;
    }
  tmp = g_build_filename (arc->root, ARC_TMP_PREFIX "XXXXXX", NULL);
  if (!g_mkdtemp (tmp))
    return arc_set_io_error (error, tmp, "create folder");
  arc_crash_point ("tmp");
  if (!arc_prepare (ed, opts, tmp, error)
      || !arc_commit (arc, ed->date, tmp, final, error))
    {
      arc_rm_rf (tmp, NULL);
      return FALSE;
    }
  return arc_refresh (arc, FALSE, error);
}

gboolean
arc_add_pages (ArcArchive *arc, char **paths, const ArcAddOptions *opts, GError **error)
{
  g_autoptr (EdEdition) ed = NULL;
  g_autofree char *src = NULL;
  ArcAddOptions add = *opts;
  gboolean ok;

  g_return_val_if_fail (arc != NULL && paths != NULL && paths[0] != NULL, FALSE);
  g_return_val_if_fail (opts->stages != NULL && opts->stages->import != NULL, FALSE);
  if (opts->date && !eb_date_parse (opts->date, NULL))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE,
                   "invalid date '%s' (want YYYY-MM-DD)", opts->date);
      return FALSE;
    }
  /* the clean sources go to a .tmp- folder: a crash leaves it for arc_open() */
  src = g_build_filename (arc->root, ARC_TMP_PREFIX "import-XXXXXX", NULL);
  if (!g_mkdtemp (src))
    return arc_set_io_error (error, src, "create folder");
  ok = opts->stages->import (paths, opts->date, src, opts->stages->data, error);
  if (ok)
    ed = ed_edition_load (src, error);
  add.raw_files = (const char *const *) paths;
  ok = ed && arc_add (arc, ed, &add, error);
  arc_rm_rf (src, NULL);
  return ok;
}

/* ------------------------------------------------------------ verify */

static gboolean
arc_top_name_known (const char *name)
{
  static const char *const fixed[] = {
    ARC_LOCK_NAME, ARC_DB_NAME, ARC_DB_NAME "-journal", ARC_DB_NAME "-wal",
    ARC_DB_NAME "-shm", ARC_INDEX_NAME, ARC_OPDS_NAME, NULL
  };

  if (g_strv_contains (fixed, name))
    return TRUE;
  if (g_str_has_prefix (name, "opds-") && g_str_has_suffix (name, ".xml")
      && strlen (name) == strlen ("opds-YYYY.xml"))
    {
      g_autofree char *year = g_strndup (name + 5, 4);
      return arc_is_digits (year, 4);
    }
  return FALSE;
}

/* Checks one edition folder @rel against its manifest. */
static void
arc_verify_edition (ArcArchive *arc, const char *rel, GPtrArray *problems)
{
  g_autofree char *dir = g_build_filename (arc->root, rel, NULL);
  g_autofree char *mpath = g_build_filename (dir, ARC_MANIFEST_NAME, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ArcManifest) m = NULL;
  g_autoptr (GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) odd = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *rel_date = NULL;

  if (!g_file_test (mpath, G_FILE_TEST_IS_REGULAR))
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s/%s: missing", rel, ARC_MANIFEST_NAME));
      return;
    }
  m = arc_manifest_load (mpath, &error);
  if (!m)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s/%s: unreadable: %s", rel,
                                                  ARC_MANIFEST_NAME, error->message));
      return;
    }
  rel_date = arc_date_rel_dir (m->date);
  if (strcmp (rel_date, rel) != 0)
    g_ptr_array_add (problems, g_strdup_printf ("%s/%s: date %s does not match the folder",
                                                rel, ARC_MANIFEST_NAME, m->date));
  for (guint i = 0; i < m->files->len; i++)
    {
      const ArcFile *f = m->files->pdata[i];
      g_autofree char *full = g_build_filename (dir, f->path, NULL);
      g_autofree char *sum = NULL;
      gint64 size = 0;

      g_hash_table_add (listed, f->path);
      if (strstr (f->path, "..") || g_path_is_absolute (f->path)
          || !g_file_test (full, G_FILE_TEST_IS_REGULAR)
          || g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        {
          g_ptr_array_add (problems, g_strdup_printf ("%s/%s: missing", rel, f->path));
          continue;
        }
      sum = arc_file_sha256 (full, &size, NULL);
      if (!sum)
        g_ptr_array_add (problems, g_strdup_printf ("%s/%s: unreadable", rel, f->path));
      else if (size != f->size || strcmp (sum, f->sha256) != 0)
        g_ptr_array_add (problems, g_strdup_printf (
                           "%s/%s: changed (size %" G_GINT64_FORMAT ", SHA-256 %s; manifest: "
                           "size %" G_GINT64_FORMAT ", SHA-256 %s)",
                           rel, f->path, size, sum, f->size, f->sha256));
    }
  arc_walk_files (dir, "", present, odd);
  for (guint i = 0; i < present->len; i++)
    {
      const char *p = present->pdata[i];
      if (strcmp (p, ARC_MANIFEST_NAME) != 0 && !g_hash_table_contains (listed, p))
        g_ptr_array_add (problems, g_strdup_printf ("%s/%s: extra file", rel, p));
    }
  for (guint i = 0; i < odd->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("%s/%s: extra (not a regular file)",
                                                rel, (char *) odd->pdata[i]));
}

/* Reports entries in the archive folders that do not belong there. */
static void
arc_verify_layout (ArcArchive *arc, GPtrArray *problems)
{
  g_autoptr (GPtrArray) names = arc_sorted_names (arc->root, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *full = g_build_filename (arc->root, name, NULL);
      if (arc_is_digits (name, 4) && g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GPtrArray) months = arc_sorted_names (full, 0);
          for (guint m = 0; m < months->len; m++)
            {
              const char *mon = months->pdata[m];
              g_autofree char *mfull = g_build_filename (full, mon, NULL);
              g_autoptr (GPtrArray) days = NULL;
              if (!arc_is_digits (mon, 2) || !g_file_test (mfull, G_FILE_TEST_IS_DIR))
                {
                  g_ptr_array_add (problems, g_strdup_printf ("%s/%s: extra", name, mon));
                  continue;
                }
              days = arc_sorted_names (mfull, 0);
              for (guint d = 0; d < days->len; d++)
                {
                  const char *day = days->pdata[d];
                  g_autofree char *dfull = g_build_filename (mfull, day, NULL);
                  if (!arc_is_digits (day, 2) || !g_file_test (dfull, G_FILE_TEST_IS_DIR))
                    g_ptr_array_add (problems, g_strdup_printf ("%s/%s/%s: extra", name, mon, day));
                }
            }
        }
      else if (!arc_top_name_known (name))
        g_ptr_array_add (problems, g_strdup_printf ("%s: extra", name));
    }
}

gboolean
arc_verify (ArcArchive *arc, GPtrArray *problems, GError **error)
{
  g_autoptr (GPtrArray) dirs = arc_scan_edition_dirs (arc->root);
  static const char *const generated[] = { ARC_INDEX_NAME, ARC_OPDS_NAME, NULL };

  (void) error;
  arc_verify_layout (arc, problems);
  for (guint i = 0; i < dirs->len; i++)
    arc_verify_edition (arc, dirs->pdata[i], problems);
  if (dirs->len == 0)
    return TRUE;
  for (guint i = 0; generated[i]; i++)
    {
      g_autofree char *p = g_build_filename (arc->root, generated[i], NULL);
      if (!g_file_test (p, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (problems, g_strdup_printf ("%s: missing", generated[i]));
    }
  return TRUE;
}
