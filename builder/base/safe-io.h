/* safe-io.h — reading the files of an edition or archive folder without
 * following a symbolic link out of it, blocking on a FIFO or reading a
 * device without end; removing a folder tree without following links.
 *
 * A path "below a folder" is relative, '/'-separated, with no empty, "."
 * or ".." components (eb_path_normalize() makes one).  Each of its
 * components is opened relative to the one before it with O_NOFOLLOW, so
 * a symbolic link anywhere in it is refused, not followed; the file must
 * be a regular file (opened O_NONBLOCK, so a FIFO cannot block) of at
 * most the caller's limit of bytes.
 *
 * Errors are EB_ERROR_INPUT whose message is what is wrong, to follow the
 * file's name in the caller's message ("image 'p.jpg' " + …):
 *   "is a symbolic link (not followed)", "not found", "is not a regular
 *   file", "is too large (limit 8 MB)", "is in 'photos', a symbolic link
 *   (not followed)"
 */
#pragma once

#include <glib.h>

/* Limits of the files an edition is read from (README, "Limits and
 * safety").  A day's edition.yaml is a few KB and an article a few tens of
 * KB: 8 MB is far beyond any real one and keeps a runaway file from
 * eating memory. */
#define EB_TEXT_MAX_BYTES   (8u << 20)   /* edition.yaml, an article, a raw page, a manifest */
#define EB_IMAGE_MAX_BYTES  (64u << 20)  /* a figure's image file (press JPEGs: 2–20 MB) */

/* Returns @path ('/'-separated, relative) with "." and empty components
 * dropped ("./photos//a.jpg" → "photos/a.jpg"), or NULL when it is
 * absolute, empty, holds a ".." component, a backslash or a ':' (a URL
 * scheme or drive).  Caller owns. */
char *eb_path_normalize (const char *path);

/* Opens @rel (a normalized path below the folder @dirfd) with @flags
 * (O_RDONLY, O_DIRECTORY …; O_NOFOLLOW and O_CLOEXEC are added), every
 * component without following a symbolic link.  Returns the descriptor or
 * -1 with errno (ELOOP for a symbolic link). */
int eb_open_beneath (int dirfd, const char *rel, int flags);

/* Reads the regular file @rel below the folder @dir whole (NUL-terminated;
 * @len_out may be NULL).  Refuses a symbolic link on the way, anything but
 * a regular file and a file over @limit bytes (see above). */
gboolean eb_read_beneath (const char *dir, const char *rel, gsize limit,
                          char **data_out, gsize *len_out, GError **error);

/* Reads the file @path whole, with the same checks of type and size; a
 * symbolic link as its last component is followed only with @follow (a
 * file the user named on the command line). */
gboolean eb_read_path (const char *path, gboolean follow, gsize limit,
                       char **data_out, gsize *len_out, GError **error);

/* Removes @path and, if it is a folder, everything below it, never
 * following a symbolic link (a link is removed, not its target).  A
 * missing @path is no error.  Returns FALSE with EB_ERROR_OUTPUT. */
gboolean eb_rm_tree (const char *path, GError **error);
