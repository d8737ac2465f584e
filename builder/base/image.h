/* image.h — what a figure's image file is, checked before anything
 * decodes it: its format (from its signature, not its name), its pixel
 * size (from its header, against the limits below) and a decode that
 * keeps one row at a time (libjpeg at 1/8 scale, libpng row by row), so a
 * truncated or corrupt file is found at load time in constant memory.
 *
 * Errors are EB_ERROR_INPUT with the message's tail only ("is a JPEG of
 * 20000 × 20000 pixels, over the limit of 50 megapixels"): the caller
 * names the file.
 */
#pragma once

#include <glib.h>

/* A figure is printed at most a page wide: a broadsheet page at 300 dpi
 * is about 4,600 × 6,500 px (30 MP), and a 45 MP camera gives 8,192 ×
 * 5,464.  50 MP covers both; decoded (4 bytes a pixel) it is 200 MB. */
#define EB_IMAGE_MAX_PIXELS  50000000u
/* No side longer than this (cairo's image surfaces end at 32,767). */
#define EB_IMAGE_MAX_SIDE    20000u

typedef enum {
  EB_IMAGE_JPEG,
  EB_IMAGE_PNG,
} EbImageFormat;

typedef struct {
  EbImageFormat format;
  guint         width;    /* pixels, > 0 */
  guint         height;
} EbImageInfo;

/* "JPEG" or "PNG" (static). */
const char *eb_image_format_name (EbImageFormat format);

/* Checks the image file bytes @data: a JPEG or PNG within the limits
 * whose data decodes to the end.  Fills @info.  FALSE with
 * EB_ERROR_INPUT. */
gboolean eb_image_probe (const guint8 *data, gsize len, EbImageInfo *info,
                         GError **error);

/* Only the header: format and pixel size, limits checked, no decoding
 * (for a stage that decodes the image itself). */
gboolean eb_image_probe_header (const guint8 *data, gsize len, EbImageInfo *info,
                                GError **error);

/* Reads the image file @path (never through a symbolic link as its last
 * component, a regular file of at most EB_IMAGE_MAX_BYTES: base/safe-io.h)
 * and checks its header (eb_image_probe_header): for a stage that decodes
 * an image the source loader has checked.  @data_out is the caller's. */
gboolean eb_image_read (const char *path, char **data_out, gsize *len_out,
                        EbImageInfo *info, GError **error);
