/* stage.c — a run's files staged, then committed into the folder the user
 * named, removing only what an earlier run listed (stage.h). */
#include "base/stage.h"
#include "base/errors.h"
#include "base/safe-io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The list's scratch name in the stage (a '.' name: never committed). */
#define EB_STAGE_LIST_SCRATCH ".list"

struct EbStage {
  char    *out;        /* owned: OUT as given */
  char    *list_name;  /* owned */
  char    *path;       /* owned: the stage folder */
  int      out_fd;     /* OUT, flock'ed */
  gboolean made_out;   /* OUT did not exist before this run */
  gboolean committed;
};

static gboolean
eb_stage_fail (GError **error, const char *out, const char *rel, const char *what)
{
  int saved = errno;

  g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s%s%s: %s: %s", out, rel ? "/" : "",
               rel ? rel : "", what, g_strerror (saved));
  return FALSE;
}

/* Removes the stage folders a killed run left in OUT. */
static void
eb_stage_remove_leftovers (EbStage *st)
{
  int fd = dup (st->out_fd);
  DIR *d = fd >= 0 ? fdopendir (fd) : NULL;
  g_autoptr (GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  struct dirent *de;

  if (!d)
    {
      if (fd >= 0)
        close (fd);
      return;
    }
  while ((de = readdir (d)))
    if (g_str_has_prefix (de->d_name, EB_STAGE_PREFIX))
      g_ptr_array_add (old, g_build_filename (st->out, de->d_name, NULL));
  closedir (d);
  for (guint i = 0; i < old->len; i++)
    eb_rm_tree (old->pdata[i], NULL);
}

EbStage *
eb_stage_open (const char *out, const char *list_name, GError **error)
{
  g_autoptr (EbStage) st = g_new0 (EbStage, 1);
  struct stat sb;

  st->out_fd = -1;
  st->out = g_strdup (out);
  st->list_name = g_strdup (list_name);
  if (stat (out, &sb) != 0)
    {
      if (errno != ENOENT || g_mkdir_with_parents (out, 0755) != 0)
        {
          eb_stage_fail (error, out, NULL, "cannot create folder");
          return NULL;
        }
      st->made_out = TRUE;
    }
  else if (!S_ISDIR (sb.st_mode))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: not a folder", out);
      return NULL;
    }
  st->out_fd = open (out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (st->out_fd < 0)
    {
      eb_stage_fail (error, out, NULL, "cannot open folder");
      return NULL;
    }
  while (flock (st->out_fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        eb_stage_fail (error, out, NULL, "cannot lock");
        return NULL;
      }
  eb_stage_remove_leftovers (st);
  st->path = g_build_filename (out, EB_STAGE_PREFIX "XXXXXX", NULL);
  if (!g_mkdtemp_full (st->path, 0755))
    {
      eb_stage_fail (error, out, NULL, "cannot create folder");
      g_clear_pointer (&st->path, g_free);
      return NULL;
    }
  return g_steal_pointer (&st);
}

const char *
eb_stage_path (const EbStage *st)
{
  return st->path;
}

void
eb_stage_free (EbStage *st)
{
  if (!st)
    return;
  if (st->path)
    eb_rm_tree (st->path, NULL);
  if (st->made_out && !st->committed)
    rmdir (st->out);   /* only if empty: a run that made OUT and failed */
  if (st->out_fd >= 0)
    close (st->out_fd);   /* releases the flock */
  g_free (st->out);
  g_free (st->list_name);
  g_free (st->path);
  g_free (st);
}

/* ------------------------------------------------------------ reading */

/* Appends the regular files below the folder @fd (closed here) to @files
 * as paths under @rel; names beginning with '.' are skipped. */
static void
eb_stage_walk (int fd, const char *rel, GPtrArray *files)
{
  DIR *d = fdopendir (fd);
  struct dirent *de;

  if (!d)
    {
      close (fd);
      return;
    }
  while ((de = readdir (d)))
    {
      g_autofree char *child = NULL;
      struct stat sb;

      if (de->d_name[0] == '.'
          || fstatat (dirfd (d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      child = *rel ? g_strconcat (rel, "/", de->d_name, NULL) : g_strdup (de->d_name);
      if (S_ISREG (sb.st_mode))
        g_ptr_array_add (files, g_steal_pointer (&child));
      else if (S_ISDIR (sb.st_mode))
        {
          int cfd = openat (dirfd (d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (cfd >= 0)
            eb_stage_walk (cfd, child, files);
        }
    }
  closedir (d);
}

static gint
eb_stage_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* SHA-256 (hex) of the regular file @rel below @dirfd, or NULL. */
static char *
eb_stage_sha256 (int dirfd, const char *rel)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  int fd = eb_open_beneath (dirfd, rel, O_RDONLY | O_NONBLOCK);
  struct stat sb;
  guchar buf[65536];
  ssize_t n;

  if (fd < 0)
    return NULL;
  if (fstat (fd, &sb) != 0 || !S_ISREG (sb.st_mode))
    {
      close (fd);
      return NULL;
    }
  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return NULL;
        }
      g_checksum_update (sum, buf, (gsize) n);
    }
  close (fd);
  return g_strdup (g_checksum_get_string (sum));
}

/* LIST of an earlier run: path → sha256 or "-"; lines that are not a
 * path inside OUT are ignored. */
static GHashTable *
eb_stage_read_list (const EbStage *st)
{
  GHashTable *list = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;

  if (!eb_read_beneath (st->out, st->list_name, EB_TEXT_MAX_BYTES, &data, NULL, NULL))
    return list;
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *space = strchr (lines[i], ' ');
      g_autofree char *norm = NULL;

      if (lines[i][0] == '#' || !space)
        continue;
      *space = '\0';
      norm = eb_path_normalize (space + 1);
      if (norm && !strcmp (norm, space + 1) && strcmp (norm, st->list_name) != 0)
        g_hash_table_replace (list, g_steal_pointer (&norm), g_strdup (lines[i]));
    }
  return list;
}

static gboolean
eb_stage_write_list (const EbStage *st, GHashTable *list, GError **error)
{
  g_autoptr (GString) s = g_string_new ("# written by epaper: the files its last run wrote here;"
                                        " the next run removes those it does not write again\n");
  /* written in the stage (a scratch name) and moved into OUT: a run
   * killed while writing it leaves nothing in OUT */
  g_autofree char *path = g_build_filename (st->path, EB_STAGE_LIST_SCRATCH, NULL);
  g_autofree gpointer *keys = (gpointer *) g_hash_table_get_keys_as_array (list, NULL);
  guint n = g_hash_table_size (list);
  int stage_fd;
  gboolean ok;

  qsort (keys, n, sizeof *keys, eb_stage_cmp);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s %s\n", (char *) g_hash_table_lookup (list, keys[i]),
                            (char *) keys[i]);
  if (!eb_write_file_atomic (path, s->str, s->len, error))
    return FALSE;
  stage_fd = open (st->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ok = stage_fd >= 0
       && renameat (stage_fd, EB_STAGE_LIST_SCRATCH, st->out_fd, st->list_name) == 0;
  if (!ok)
    eb_stage_fail (error, st->out, st->list_name, "cannot write");
  if (stage_fd >= 0)
    close (stage_fd);
  return ok;
}

/* ------------------------------------------------------------ folders */

/* Opens the folder @parent ("." for OUT) below OUT, every component a
 * real folder (a link is an error, never followed); with @create, missing
 * ones are made.  Returns the descriptor, -2 when one is missing (and not
 * @create), or -1 with @error. */
static int
eb_stage_dir_fd (const EbStage *st, const char *parent, gboolean create, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (parent, "/", -1);
  g_autoptr (GString) done = g_string_new (NULL);
  int fd = dup (st->out_fd);

  for (guint i = 0; fd >= 0 && parts[i]; i++)
    {
      int next;
      struct stat sb;

      if (!strcmp (parts[i], "."))
        continue;
      g_string_append_printf (done, "%s%s", done->len ? "/" : "", parts[i]);
      if (create && mkdirat (fd, parts[i], 0755) != 0 && errno != EEXIST)
        {
          close (fd);
          return eb_stage_fail (error, st->out, done->str, "cannot create folder"), -1;
        }
      next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0 && errno == ENOENT && !create)
        {
          close (fd);
          return -2;
        }
      if (next < 0)
        {
          gboolean link = fstatat (fd, parts[i], &sb, AT_SYMLINK_NOFOLLOW) == 0
                          && S_ISLNK (sb.st_mode);
          close (fd);
          g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s/%s: %s", st->out, done->str,
                       link ? "is a symbolic link (the output is never written through one)"
                            : "is in the way: not a folder");
          return -1;
        }
      close (fd);
      fd = next;
    }
  return fd;
}

/* What is at @rel in OUT (lstat): 0 and *@sb, ENOENT, or -1 with @error
 * (a parent folder that is a link or a file). */
static int
eb_stage_lstat (const EbStage *st, const char *rel, struct stat *sb, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (rel);
  g_autofree char *name = g_path_get_basename (rel);
  int fd = eb_stage_dir_fd (st, parent, FALSE, error);
  int rc;

  if (fd == -2)
    return ENOENT;
  if (fd < 0)
    return -1;
  rc = fstatat (fd, name, sb, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : ENOENT;
  close (fd);
  return rc;
}

/* ------------------------------------------------------------ commit */

/* The checks before anything moves: folders in the way, and with
 * KEEP_EDITS the files the desk changed or made (into @conflicts). */
static gboolean
eb_stage_check_new (const EbStage *st, const char *rel, const char *sha, GHashTable *old,
                    EbStageFlags flags, GPtrArray *conflicts, GError **error)
{
  struct stat sb;
  int rc = eb_stage_lstat (st, rel, &sb, error);
  g_autofree char *cur = NULL;
  const char *listed = g_hash_table_lookup (old, rel);

  if (rc < 0)
    return FALSE;
  if (rc == ENOENT)
    return TRUE;
  if (S_ISDIR (sb.st_mode))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s/%s: is in the way: a folder",
                   st->out, rel);
      return FALSE;
    }
  if (!(flags & EB_STAGE_KEEP_EDITS))
    return TRUE;
  cur = S_ISREG (sb.st_mode) ? eb_stage_sha256 (st->out_fd, rel) : NULL;
  if (cur && (!strcmp (cur, sha) || (listed && !strcmp (cur, listed))))
    return TRUE;
  g_ptr_array_add (conflicts, g_strdup_printf ("%s/%s: %s", st->out, rel,
                                               listed ? "changed since it was written"
                                                      : "not written by an earlier run"));
  return TRUE;
}

/* A listed file this run does not write: with KEEP_EDITS, one the desk
 * changed is a conflict. */
static void
eb_stage_check_old (const EbStage *st, const char *rel, const char *listed,
                    EbStageFlags flags, GPtrArray *conflicts)
{
  struct stat sb;
  g_autofree char *cur = NULL;

  if (!(flags & EB_STAGE_KEEP_EDITS) || eb_stage_lstat (st, rel, &sb, NULL) != 0
      || !S_ISREG (sb.st_mode))
    return;
  cur = eb_stage_sha256 (st->out_fd, rel);
  if (!cur || strcmp (cur, listed) != 0)
    g_ptr_array_add (conflicts, g_strdup_printf ("%s/%s: changed since it was written "
                                                 "(this run would remove it)", st->out, rel));
}

static gboolean
eb_stage_move (const EbStage *st, int stage_fd, const char *rel, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (rel);
  g_autofree char *name = g_path_get_basename (rel);
  int src = strcmp (parent, ".") ? eb_open_beneath (stage_fd, parent, O_RDONLY | O_DIRECTORY)
                                 : dup (stage_fd);
  int dst = src >= 0 ? eb_stage_dir_fd (st, parent, TRUE, error) : -1;
  gboolean ok = dst >= 0;

  if (src < 0)
    eb_stage_fail (error, st->path, rel, "cannot open");
  else if (ok && renameat (src, name, dst, name) != 0)
    ok = eb_stage_fail (error, st->out, rel, "cannot move into place");
  if (src >= 0)
    close (src);
  if (dst >= 0)
    close (dst);
  return ok && src >= 0;
}

/* Removes the listed file @rel (a regular file only) and the folders it
 * leaves empty. */
static void
eb_stage_remove_old (const EbStage *st, const char *rel)
{
  g_autofree char *parent = g_path_get_dirname (rel);
  g_autofree char *name = g_path_get_basename (rel);
  int fd = eb_stage_dir_fd (st, parent, FALSE, NULL);
  struct stat sb;

  if (fd < 0)
    return;
  if (fstatat (fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (sb.st_mode))
    unlinkat (fd, name, 0);
  close (fd);
  while (strcmp (parent, "."))
    {
      g_autofree char *up = g_path_get_dirname (parent);
      g_autofree char *base = g_path_get_basename (parent);
      int ufd = eb_stage_dir_fd (st, up, FALSE, NULL);
      gboolean gone = ufd >= 0 && unlinkat (ufd, base, AT_REMOVEDIR) == 0;

      if (ufd >= 0)
        close (ufd);
      if (!gone)
        break;
      g_free (parent);
      parent = g_steal_pointer (&up);
    }
}

/* How many conflicts a refusal names. */
#define EB_STAGE_CONFLICTS_SHOWN 5

static gboolean
eb_stage_refuse (GPtrArray *conflicts, GError **error)
{
  g_autoptr (GString) s = g_string_new (conflicts->pdata[0]);

  g_string_append (s, " (use --force to replace it)");
  for (guint i = 1; i < conflicts->len && i < EB_STAGE_CONFLICTS_SHOWN; i++)
    g_string_append_printf (s, "; %s", (char *) conflicts->pdata[i]);
  if (conflicts->len > EB_STAGE_CONFLICTS_SHOWN)
    g_string_append_printf (s, "; and %u more", conflicts->len - EB_STAGE_CONFLICTS_SHOWN);
  g_set_error_literal (error, EB_ERROR, EB_ERROR_OUTPUT, s->str);
  return FALSE;
}

gboolean
eb_stage_commit (EbStage *st, EbStageFlags flags, GError **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) old = eb_stage_read_list (st);
  g_autoptr (GHashTable) now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) both = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int stage_fd = open (st->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  GHashTableIter it;
  gpointer key, value;
  gboolean ok = TRUE;

  g_return_val_if_fail (!st->committed, FALSE);
  if (stage_fd < 0)
    return eb_stage_fail (error, st->path, NULL, "cannot open");
  eb_stage_walk (dup (stage_fd), "", files);
  g_ptr_array_sort (files, eb_stage_cmp);
  for (guint i = 0; ok && i < files->len; i++)
    {
      const char *rel = files->pdata[i];
      char *sha = (flags & EB_STAGE_KEEP_EDITS) ? eb_stage_sha256 (stage_fd, rel) : NULL;

      g_hash_table_replace (now, g_strdup (rel), sha ? sha : g_strdup ("-"));
      ok = eb_stage_check_new (st, rel, sha ? sha : "-", old, flags, conflicts, error);
    }
  g_hash_table_iter_init (&it, old);
  while (ok && g_hash_table_iter_next (&it, &key, &value))
    if (!g_hash_table_contains (now, key))
      {
        eb_stage_check_old (st, key, value, flags, conflicts);
        g_hash_table_replace (both, g_strdup (key), g_strdup (value));
      }
  if (ok && conflicts->len && !(flags & EB_STAGE_FORCE))
    ok = eb_stage_refuse (conflicts, error);
  /* the list names every file of both runs while they move: a run killed
   * now leaves nothing unlisted */
  g_hash_table_iter_init (&it, now);
  while (g_hash_table_iter_next (&it, &key, &value))
    g_hash_table_replace (both, g_strdup (key), g_strdup (value));
  ok = ok && eb_stage_write_list (st, both, error);
  for (guint i = 0; ok && i < files->len; i++)
    ok = eb_stage_move (st, stage_fd, files->pdata[i], error);
  close (stage_fd);
  if (!ok)
    return FALSE;
  g_hash_table_iter_init (&it, old);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (!g_hash_table_contains (now, key))
      eb_stage_remove_old (st, key);
  st->committed = TRUE;
  return eb_stage_write_list (st, now, error);
}
