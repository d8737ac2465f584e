/* safe-io.c — reading below a folder without following links; removing
 * a tree (safe-io.h). */
#include "base/safe-io.h"
#include "base/errors.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
eb_path_normalize (const char *path)
{
  g_auto (GStrv) parts = NULL;
  GString *out;

  if (!path || !*path || path[0] == '/' || strchr (path, '\\') || strchr (path, ':'))
    return NULL;
  parts = g_strsplit (path, "/", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i]; i++)
    {
      if (!*parts[i] || !strcmp (parts[i], "."))
        continue;
      if (!strcmp (parts[i], ".."))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (out->len)
        g_string_append_c (out, '/');
      g_string_append (out, parts[i]);
    }
  if (!out->len)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Opens @rel below @dirfd component by component; on failure returns -1
 * with errno and sets *@failed_len to the length of the prefix of @rel
 * that failed (the component that is a link, missing …). */
static int
eb_open_walk (int dirfd, const char *rel, int flags, gsize *failed_len)
{
  const char *p = rel;
  int fd = dirfd;

  for (;;)
    {
      const char *slash = strchr (p, '/');
      g_autofree char *name = slash ? g_strndup (p, (gsize) (slash - p)) : g_strdup (p);
      int next, saved;

      if (slash)
        next = openat (fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      else
        next = openat (fd, name, flags | O_NOFOLLOW | O_CLOEXEC);
      saved = errno;
      if (fd != dirfd)
        close (fd);
      if (next < 0)
        {
          if (failed_len)
            *failed_len = (gsize) (p - rel) + strlen (name);
          errno = saved;
          return -1;
        }
      if (!slash)
        return next;
      fd = next;
      p = slash + 1;
    }
}

int
eb_open_beneath (int dirfd, const char *rel, int flags)
{
  return eb_open_walk (dirfd, rel, flags, NULL);
}

/* Why opening @rel below @parent_fd failed (@failed_len: the prefix of
 * @rel that did), as a message's predicate. */
static void
eb_set_open_error (GError **error, int err, int parent_fd, const char *rel, gsize failed_len)
{
  g_autofree char *part = g_strndup (rel, failed_len);
  gboolean last = failed_len >= strlen (rel);
  struct stat sb;

  /* O_NOFOLLOW gives ELOOP for a link, O_DIRECTORY ENOTDIR for a link to
   * a folder: lstat tells */
  if ((err == ELOOP || err == ENOTDIR || err == EMLINK)
      && fstatat (parent_fd, part, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK (sb.st_mode))
    {
      if (last)
        g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is a symbolic link (not followed)");
      else
        g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is in '%s', a symbolic link (not followed)",
                     part);
    }
  else if (err == ENOENT)
    g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "not found");
  else
    g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "cannot be read: %s", g_strerror (err));
}

/* Reads the open descriptor @fd whole: a regular file of at most @limit
 * bytes.  Closes @fd. */
static gboolean
eb_read_fd (int fd, gsize limit, char **data_out, gsize *len_out, GError **error)
{
  struct stat sb;
  GString *buf;

  if (fstat (fd, &sb) != 0 || !S_ISREG (sb.st_mode))
    {
      close (fd);
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is not a regular file");
      return FALSE;
    }
  buf = g_string_sized_new (MIN ((gsize) sb.st_size, limit) + 1);
  for (;;)
    {
      char chunk[65536];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_string_free (buf, TRUE);
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "cannot be read: %s",
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (buf->len + (gsize) n > limit)
        {
          close (fd);
          g_string_free (buf, TRUE);
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is too large (limit %u MB)",
                       (guint) (limit >> 20));
          return FALSE;
        }
      g_string_append_len (buf, chunk, n);
    }
  close (fd);
  if (len_out)
    *len_out = buf->len;
  *data_out = g_string_free (buf, FALSE);
  return TRUE;
}

gboolean
eb_read_beneath (const char *dir, const char *rel, gsize limit, char **data_out,
                 gsize *len_out, GError **error)
{
  g_autofree char *norm = eb_path_normalize (rel);
  gsize failed = 0;
  int dirfd, fd, saved;

  if (!norm)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is not a path inside the folder");
      return FALSE;
    }
  dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0)
    {
      saved = errno;
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "cannot be read: %s: %s", dir,
                   g_strerror (saved));
      return FALSE;
    }
  fd = eb_open_walk (dirfd, norm, O_RDONLY | O_NONBLOCK, &failed);
  if (fd < 0)
    {
      saved = errno;
      eb_set_open_error (error, saved, dirfd, norm, failed);
      close (dirfd);
      return FALSE;
    }
  close (dirfd);
  return eb_read_fd (fd, limit, data_out, len_out, error);
}

gboolean
eb_read_path (const char *path, gboolean follow, gsize limit, char **data_out,
              gsize *len_out, GError **error)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));

  if (fd < 0)
    {
      int saved = errno;
      eb_set_open_error (error, saved, AT_FDCWD, path, strlen (path));
      return FALSE;
    }
  return eb_read_fd (fd, limit, data_out, len_out, error);
}

/* Empties the folder @fd (closed here), never following a link. */
static gboolean
eb_rm_children (int fd, const char *shown, GError **error)
{
  DIR *d = fdopendir (fd);
  struct dirent *de;
  gboolean ok = TRUE;

  if (!d)
    {
      close (fd);
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot remove: %s", shown,
                   g_strerror (errno));
      return FALSE;
    }
  while (ok && (de = readdir (d)))
    {
      struct stat sb;
      const char *name = de->d_name;

      if (!strcmp (name, ".") || !strcmp (name, ".."))
        continue;
      if (fstatat (dirfd (d), name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      if (S_ISDIR (sb.st_mode))
        {
          g_autofree char *child = g_build_filename (shown, name, NULL);
          int cfd = openat (dirfd (d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          ok = cfd >= 0 && eb_rm_children (cfd, child, error);
          if (ok && unlinkat (dirfd (d), name, AT_REMOVEDIR) != 0 && errno != ENOENT)
            ok = FALSE;
        }
      else if (unlinkat (dirfd (d), name, 0) != 0 && errno != ENOENT)
        ok = FALSE;
      if (!ok && error && !*error)
        g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s/%s: cannot remove: %s", shown,
                     name, g_strerror (errno));
    }
  closedir (d);
  return ok;
}

gboolean
eb_rm_tree (const char *path, GError **error)
{
  struct stat sb;
  int fd;

  if (lstat (path, &sb) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot remove: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!S_ISDIR (sb.st_mode))
    {
      if (unlink (path) != 0 && errno != ENOENT)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot remove: %s", path,
                       g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || !eb_rm_children (fd, path, error))
    {
      if (fd < 0)
        g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot remove: %s", path,
                     g_strerror (errno));
      return FALSE;
    }
  if (rmdir (path) != 0 && errno != ENOENT)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot remove: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
