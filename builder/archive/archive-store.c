/* archive-store.c — the dated store: opening and locking an archive,
 * crash recovery, atomic add, manifests, list and verify. */
#include "archive/archive-private.h"
#include "base/errors.h"
#include "base/safe-io.h"
#include "web/reader.h"
#include "base/version.h"
#include "base/xml.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* ------------------------------------------------------------ helpers */

void
arc_crash_point (const char *step)
{
  const char *at = g_getenv ("EPAPER_ARCHIVE_CRASH_AT");
  const char *stop = g_getenv ("EPAPER_ARCHIVE_STOP_AT");

  if (at && !strcmp (at, step))
    raise (SIGKILL);
  /* (tests: another process acts while this add is stopped here) */
  if (stop && !strcmp (stop, step))
    raise (SIGSTOP);
}

char *
arc_date_rel_dir (const char *date)
{
  return g_strdup_printf ("%.4s/%.2s/%.2s", date, date + 5, date + 8);
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
      GStatBuf sb;

      /* a year, month or day folder is a real folder, never a link */
      if (digits && (!arc_is_digits (name, digits) || g_lstat (full, &sb) != 0
                     || !S_ISDIR (sb.st_mode)))
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
arc_file_sha256 (const char *dir, const char *rel, gint64 *size, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *shown = g_build_filename (dir, rel, NULL);
  guchar buf[65536];
  gint64 total = 0;
  ssize_t n;
  int dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int fd = dirfd < 0 ? -1 : eb_open_beneath (dirfd, rel, O_RDONLY | O_NONBLOCK);
  struct stat sb;

  if (dirfd >= 0)
    close (dirfd);
  if (fd < 0)
    {
      arc_set_io_error (error, shown, "read");
      return NULL;
    }
  if (fstat (fd, &sb) != 0 || !S_ISREG (sb.st_mode))
    {
      close (fd);
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: not a regular file", shown);
      return NULL;
    }
  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          arc_set_io_error (error, shown, "read");
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
      ArcFile *f;

      if (!strcmp (rel, ARC_MANIFEST_NAME))
        continue;
      f = g_new0 (ArcFile, 1);
      f->path = g_strdup (rel);
      f->sha256 = arc_file_sha256 (dir, rel, &f->size, error);
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

/* An add's .tmp- folder is in use while the file of its name with this
 * suffix beside it is flocked: the add builds into the folder without the
 * archive's lock (the build's stage locks the folder itself). */
#define ARC_TMP_BUSY ".busy"

/* Creates the folder ROOT/.tmp-@what-XXXXXX for an add's build or import,
 * under the archive's lock, and flocks its .busy file (*@fd_out) until
 * arc_tmp_dir_done(): arc_recover() leaves such a folder alone, and
 * removes it once the add has died.  Returns its path. */
static char *
arc_tmp_dir_new (const ArcArchive *arc, const char *what, int *fd_out, GError **error)
{
  g_autofree char *name = g_strdup_printf (ARC_TMP_PREFIX "%sXXXXXX", what);
  g_autofree char *tmp = g_build_filename (arc->root, name, NULL);
  g_autofree char *busy = NULL;

  *fd_out = -1;
  if (!g_mkdtemp (tmp))
    {
      arc_set_io_error (error, tmp, "create folder");
      return NULL;
    }
  busy = g_strconcat (tmp, ARC_TMP_BUSY, NULL);
  *fd_out = open (busy, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (*fd_out < 0 || flock (*fd_out, LOCK_EX | LOCK_NB) != 0)
    {
      arc_set_io_error (error, busy, "lock");
      if (*fd_out >= 0)
        close (*fd_out);
      *fd_out = -1;
      g_unlink (busy);
      g_rmdir (tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* Ends the use of @tmp (removed or moved into place by now). */
static void
arc_tmp_dir_done (const char *tmp, int fd)
{
  g_autofree char *busy = g_strconcat (tmp, ARC_TMP_BUSY, NULL);

  g_unlink (busy);
  close (fd);
}

/* Whether an add still uses the .tmp- folder or .busy file @path (its
 * .busy file is flocked). */
static gboolean
arc_tmp_dir_busy (const char *path)
{
  g_autofree char *busy = g_str_has_suffix (path, ARC_TMP_BUSY) ? g_strdup (path)
                          : g_strconcat (path, ARC_TMP_BUSY, NULL);
  int fd = open (busy, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  gboolean in_use;

  if (fd < 0)
    return FALSE;
  in_use = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  return in_use;
}

/* Repairs an interrupted add: removes .tmp-* folders (but those an add
 * still builds in) and stray temporary index files, finishes or rolls back
 * a replacement (.old-DATE). */
static gboolean
arc_recover (ArcArchive *arc, GError **error)
{
  g_autoptr (GPtrArray) names = arc_sorted_names (arc->root, 0);
  guint notes = arc->notes->len;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *full = g_build_filename (arc->root, name, NULL);

      if ((g_str_has_prefix (name, ARC_TMP_PREFIX) && !arc_tmp_dir_busy (full))
          || (g_str_has_suffix (name, ".tmp")
              && (g_str_has_prefix (name, ARC_INDEX_NAME ".")
                  || g_str_has_prefix (name, "opds"))))
        {
          if (!eb_rm_tree (full, error))
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
              if (!eb_rm_tree (full, error))
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

/* An archive this process cannot write (a read-only file system or
 * folder): read it as it is — no repairs, no index refresh; a shared lock
 * when the lock file can be read, and the search index when it is there. */
static ArcArchive *
arc_open_read_only (ArcArchive *arc_in, const char *lock, GError **error)
{
  g_autoptr (ArcArchive) arc = arc_in;
  g_autoptr (GError) db_error = NULL;

  arc->lock_fd = open (lock, O_RDONLY | O_CLOEXEC);
  if (arc->lock_fd >= 0 && flock (arc->lock_fd, LOCK_SH | LOCK_NB) != 0)
    g_ptr_array_add (arc->notes, g_strdup ("the archive is being updated; reading it as it was"));
  g_ptr_array_add (arc->notes, g_strdup ("the archive is read-only: read as it is, "
                                         "without repairs or an index refresh"));
  if (!arc_db_open_existing (arc, &db_error))
    {
      g_clear_pointer (&arc->db, sqlite3_close);
      g_ptr_array_add (arc->notes, g_strdup_printf ("no search index: %s", db_error->message));
    }
  (void) error;
  return g_steal_pointer (&arc);
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
  if (arc->lock_fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM)
      && (flags & ARC_OPEN_READ_ONLY_OK))
    return arc_open_read_only (g_steal_pointer (&arc), lock, error);
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

gboolean
arc_busy (const char *root)
{
  g_autofree char *lock = g_build_filename (root, ARC_LOCK_NAME, NULL);
  int fd = open (lock, O_RDONLY | O_CLOEXEC);
  gboolean busy;

  if (fd < 0)
    return FALSE;   /* no lock file: no process has opened the archive */
  busy = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);       /* releases the shared lock, if taken */
  return busy;
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

/* Writes @data to @dst (creating parent folders), fsynced. */
static gboolean
arc_write_copy (const char *dst, const char *data, gsize len, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (dst);

  if (g_mkdir_with_parents (parent, 0755) != 0)
    return arc_set_io_error (error, parent, "create folder");
  return eb_write_file_atomic (dst, data, len, error);
}

/* Copies the file @rel of the edition folder to @src_dir/@rel, read as
 * the source loader reads it: never through a symbolic link, a regular
 * file within @limit. */
static gboolean
arc_copy_source (const EdEdition *ed, const char *rel, gsize limit, const char *src_dir,
                 GError **error)
{
  g_autofree char *to = g_build_filename (src_dir, rel, NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  gsize len;

  if (!eb_read_beneath (ed->dir, rel, limit, &data, &len, &local))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s/%s: %s", ed->dir, rel, local->message);
      return FALSE;
    }
  return arc_write_copy (to, data, len, error);
}

/* Copies edition.yaml, every article and every figure image into
 * @dst/source/ (each at its path in the edition folder), and raw page files
 * into @dst/source/raw/. */
static gboolean
arc_copy_sources (const EdEdition *ed, const char *const *raw, const char *dst,
                  GError **error)
{
  g_autofree char *src_dir = g_build_filename (dst, ARC_SOURCE_DIR, NULL);
  g_autoptr (GHashTable) images = g_hash_table_new (g_str_hash, g_str_equal);

  if (!arc_copy_source (ed, "edition.yaml", EB_TEXT_MAX_BYTES, src_dir, error))
    return FALSE;
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *a = ed->articles->pdata[i];

      if (!a->src_name)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                       "%s: not a file of the edition folder", a->src_path);
          return FALSE;
        }
      if (!arc_copy_source (ed, a->src_name, EB_TEXT_MAX_BYTES, src_dir, error))
        return FALSE;
      for (guint b = 0; b < a->blocks->len; b++)
        {
          const EdBlock *blk = a->blocks->pdata[b];
          if (blk->kind == ED_BLOCK_FIGURE && blk->image
              && g_hash_table_add (images, blk->image)
              && !arc_copy_source (ed, blk->image, EB_IMAGE_MAX_BYTES, src_dir, error))
            return FALSE;
        }
    }
  for (guint i = 0; raw && raw[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (raw[i]);
      g_autofree char *to = g_build_filename (src_dir, "raw", base, NULL);
      g_autofree char *data = NULL;
      g_autoptr (GError) local = NULL;
      gsize len;

      if (!eb_read_path (raw[i], TRUE, EB_TEXT_MAX_BYTES, &data, &len, &local))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: %s", raw[i], local->message);
          return FALSE;
        }
      if (!arc_write_copy (to, data, len, error))
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

static char *
arc_old_path (ArcArchive *arc, const char *date)
{
  g_autofree char *name = g_strconcat (ARC_OLD_PREFIX, date, NULL);

  return g_build_filename (arc->root, name, NULL);
}

/* Moves the complete @tmp to @final, setting an existing edition aside
 * first (ROOT/.old-DATE, removed by arc_finish_add once the index has the
 * new one); the caller has checked --replace. */
static gboolean
arc_commit (ArcArchive *arc, const char *date, const char *tmp, const char *final,
            gboolean *had_old, GError **error)
{
  g_autofree char *month = g_path_get_dirname (final);
  g_autofree char *year = g_path_get_dirname (month);
  g_autofree char *old = arc_old_path (arc, date);

  *had_old = g_file_test (final, G_FILE_TEST_EXISTS);
  if (g_mkdir_with_parents (month, 0755) != 0)
    return arc_set_io_error (error, month, "create folder");
  if (!arc_fsync_path (arc->root, error) || !arc_fsync_path (year, error)
      || !arc_fsync_path (month, error))
    return FALSE;
  if (*had_old)
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
      if (*had_old)
        rename (old, final);
      errno = saved;
      return arc_set_io_error (error, final, "move into place");
    }
  if (!arc_fsync_path (month, error) || !arc_fsync_path (arc->root, error))
    return FALSE;
  arc_crash_point ("renamed");
  return TRUE;
}

/* The index has the new edition: the one it replaced goes.  (A crash
 * before this point is finished by arc_recover: the new edition is in
 * place, so the old one is removed.) */
static gboolean
arc_finish_add (ArcArchive *arc, const char *date, gboolean had_old, GError **error)
{
  g_autofree char *old = arc_old_path (arc, date);

  if (had_old && (!eb_rm_tree (old, error) || !arc_fsync_path (arc->root, error)))
    return FALSE;
  arc_crash_point ("cleaned");
  return TRUE;
}

/* The index could not take the new edition (a full disk): the add is
 * undone — the new folder removed, the one it replaced put back, the
 * index pages rewritten from what is stored (or removed, to be rewritten
 * next time) — so that the archive is as before and a retry starts
 * afresh.  The database rolled its transaction back. */
static void
arc_undo_add (ArcArchive *arc, const char *date, const char *final, gboolean had_old)
{
  g_autofree char *old = arc_old_path (arc, date);
  g_autofree char *undo_name = g_strconcat (ARC_TMP_PREFIX "undo-", date, NULL);
  g_autofree char *undo = g_build_filename (arc->root, undo_name, NULL);
  g_autoptr (GPtrArray) manifests = NULL;

  eb_rm_tree (undo, NULL);
  if (rename (final, undo) == 0)
    {
      if (had_old)
        rename (old, final);
      eb_rm_tree (undo, NULL);
    }
  arc_fsync_path (arc->root, NULL);
  manifests = arc_load_manifests (arc);
  if (!arc_index_write (arc, manifests, NULL) || !arc_opds_write (arc, manifests, NULL))
    {
      g_autofree char *index = g_build_filename (arc->root, ARC_INDEX_NAME, NULL);
      g_autofree char *opds = g_build_filename (arc->root, ARC_OPDS_NAME, NULL);
      g_unlink (index);
      g_unlink (opds);
    }
}

/* FALSE with EB_ERROR_INPUT if an edition is stored at @final (@date)
 * and @opts does not replace it. */
static gboolean
arc_date_free (const char *final, const char *date, const ArcAddOptions *opts, GError **error)
{
  if (g_file_test (final, G_FILE_TEST_EXISTS) && !opts->replace)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                   "%s: an edition for %s is already stored (use --replace)", final, date);
      return FALSE;
    }
  return TRUE;
}

/* Lets other adds commit while this one builds. */
static gboolean
arc_unlock (ArcArchive *arc, GError **error)
{
  if (flock (arc->lock_fd, LOCK_UN) == 0)
    return TRUE;
  g_autofree char *lock = g_build_filename (arc->root, ARC_LOCK_NAME, NULL);
  return arc_set_io_error (error, lock, "unlock");
}

/* Takes the lock again and repairs what an add that died meanwhile left. */
static gboolean
arc_relock (ArcArchive *arc, GError **error)
{
  while (flock (arc->lock_fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        g_autofree char *lock = g_build_filename (arc->root, ARC_LOCK_NAME, NULL);
        return arc_set_io_error (error, lock, "lock");
      }
  return arc_recover (arc, error);
}

gboolean
arc_add (ArcArchive *arc, EdEdition *ed, const ArcAddOptions *opts, GError **error)
{
  g_autofree char *rel = NULL, *final = NULL, *tmp = NULL;
  int tmp_fd = -1;
  gboolean had_old = FALSE, ok;

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
  if (!arc_date_free (final, ed->date, opts, error)
      || !(tmp = arc_tmp_dir_new (arc, "", &tmp_fd, error)))
    return FALSE;
  arc_crash_point ("tmp");
  /* the build (most of an add's time) runs without the archive's lock, so
   * adds in other processes build at the same time; the lock serialises
   * their commits: the date checked again, the rename, the index */
  ok = arc_unlock (arc, error) && arc_prepare (ed, opts, tmp, error);
  ok = arc_relock (arc, error) && ok && arc_date_free (final, ed->date, opts, error)
       && arc_commit (arc, ed->date, tmp, final, &had_old, error);
  if (!ok)
    eb_rm_tree (tmp, NULL);
  arc_tmp_dir_done (tmp, tmp_fd);
  if (!ok)
    return FALSE;
  if (!arc_refresh (arc, FALSE, error))
    {
      arc_undo_add (arc, ed->date, final, had_old);
      g_prefix_error (error, "%s was not stored: ", ed->date);
      return FALSE;
    }
  return arc_finish_add (arc, ed->date, had_old, error);
}

gboolean
arc_add_pages (ArcArchive *arc, char **paths, const ArcAddOptions *opts, GError **error)
{
  g_autoptr (EdEdition) ed = NULL;
  g_autofree char *src = NULL;
  ArcAddOptions add = *opts;
  int src_fd;
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
  src = arc_tmp_dir_new (arc, "import-", &src_fd, error);
  if (!src)
    return FALSE;
  ok = opts->stages->import (paths, opts->date, src, opts->stages->data, error);
  if (ok)
    ed = ed_edition_load (src, error);
  add.raw_files = (const char *const *) paths;
  ok = ed && arc_add (arc, ed, &add, error);
  eb_rm_tree (src, NULL);
  arc_tmp_dir_done (src, src_fd);
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
      g_ptr_array_add (problems, g_strdup_printf ("%s/%s: %s", rel, ARC_MANIFEST_NAME,
                                                  error->message));
      return;
    }
  rel_date = arc_date_rel_dir (m->date);
  if (strcmp (rel_date, rel) != 0)
    g_ptr_array_add (problems, g_strdup_printf ("%s/%s: date %s does not match the folder",
                                                rel, ARC_MANIFEST_NAME, m->date));
  for (guint i = 0; i < m->files->len; i++)
    {
      const ArcFile *f = m->files->pdata[i];
      g_autoptr (GError) local = NULL;
      g_autofree char *sum = NULL;
      gint64 size = 0;

      g_hash_table_add (listed, f->path);
      /* paths are checked by the manifest's loader; the file is read
       * without following a link on the way */
      sum = arc_file_sha256 (dir, f->path, &size, &local);
      if (!sum)
        g_ptr_array_add (problems, g_strdup_printf ("%s/%s: missing (%s)", rel, f->path,
                                                    local->message));
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
