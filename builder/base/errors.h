/* errors.h — the one error domain every stage reports in.
 *
 * Input the user can fix is an EB_ERROR_INPUT whose message starts with
 * "file:line: ".  Only main.c prints errors and picks exit codes.
 */
#pragma once

#include <glib.h>

#define EB_ERROR (eb_error_quark ())

typedef enum {
  EB_ERROR_INPUT,   /* bad source: edition, article, raw page, layout file */
  EB_ERROR_FONT,    /* a font role cannot be resolved */
  EB_ERROR_OUTPUT,  /* cannot write an output file */
  EB_ERROR_USAGE,   /* wrong command line */
} EbError;

GQuark eb_error_quark (void);

/* Sets *error to EB_ERROR_INPUT with message "path:line: <fmt>". */
void eb_set_input_error (GError **error, const char *path, guint line,
                         const char *fmt, ...) G_GNUC_PRINTF (4, 5);

/* Writes @len bytes to @path through a temporary file in the same folder,
 * fsyncs and renames it into place: readers see the old file or the new one,
 * never a partial one.  Returns FALSE with EB_ERROR_OUTPUT on failure. */
gboolean eb_write_file_atomic (const char *path, const void *data, gsize len,
                               GError **error);

/* Returns the 1-based line of byte @offset in @text (newlines counted). */
guint eb_line_of_offset (const char *text, gsize offset);
