/* errors.c — error domain and small I/O helpers shared by all stages. */
#include "base/errors.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (eb-error-quark, eb_error)

void
eb_set_input_error (GError **error, const char *path, guint line,
                    const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s:%u: %s", path, line, msg);
}

guint
eb_line_of_offset (const char *text, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && text[i]; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

static gboolean
eb_write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
eb_write_file_atomic (const char *path, const void *data, gsize len,
                      GError **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX.tmp", path);
  int fd;
  int saved;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  if (!eb_write_all (fd, data, len) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      unlink (tmp);
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot write: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (rename (tmp, path) != 0)
    {
      saved = errno;
      unlink (tmp);
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot rename: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
