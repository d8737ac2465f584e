/* image.c — image format, size and validity (image.h), with libjpeg and
 * libpng; nothing is ever decoded at full size here. */
#include "base/image.h"
#include "base/errors.h"
#include "base/safe-io.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

const char *
eb_image_format_name (EbImageFormat format)
{
  return format == EB_IMAGE_PNG ? "PNG" : "JPEG";
}

static gboolean
eb_image_is_jpeg (const guint8 *d, gsize len)
{
  return len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff;
}

static gboolean
eb_image_is_png (const guint8 *d, gsize len)
{
  return len >= 8 && !memcmp (d, "\x89PNG\r\n\x1a\n", 8);
}

/* The limits, on a header's size. */
static gboolean
eb_image_check_size (const EbImageInfo *info, GError **error)
{
  const char *name = eb_image_format_name (info->format);

  if (info->width == 0 || info->height == 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is a %s of no pixels", name);
      return FALSE;
    }
  if (info->width > EB_IMAGE_MAX_SIDE || info->height > EB_IMAGE_MAX_SIDE)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                   "is a %s of %u × %u pixels, over the limit of %u pixels a side", name,
                   info->width, info->height, EB_IMAGE_MAX_SIDE);
      return FALSE;
    }
  if ((guint64) info->width * info->height > EB_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                   "is a %s of %u × %u pixels, over the limit of %u megapixels", name,
                   info->width, info->height, EB_IMAGE_MAX_PIXELS / 1000000);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- JPEG */

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];  /* the first problem */
} EbJpegError;

static void
eb_jpeg_error_exit (j_common_ptr cinfo)
{
  EbJpegError *e = (EbJpegError *) cinfo->err;

  cinfo->err->format_message (cinfo, e->message);
  longjmp (e->jump, 1);
}

/* Warnings (corrupt data, a premature end) are counted, never printed. */
static void
eb_jpeg_emit_message (j_common_ptr cinfo, int level)
{
  EbJpegError *e = (EbJpegError *) cinfo->err;

  if (level >= 0)
    return;
  if (cinfo->err->num_warnings++ == 0)
    cinfo->err->format_message (cinfo, e->message);
}

/* Reads the header and, with @decode, every scanline at 1/8 scale into one
 * row.  Returns FALSE with e->message (or the size error) set. */
static gboolean
eb_jpeg_probe (const guint8 *data, gsize len, gboolean decode, EbImageInfo *info,
               GError **error)
{
  struct jpeg_decompress_struct cinfo;
  EbJpegError err;
  JSAMPROW row = NULL;
  volatile gboolean ok = FALSE;

  memset (&err, 0, sizeof err);
  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = eb_jpeg_error_exit;
  err.pub.emit_message = eb_jpeg_emit_message;
  jpeg_create_decompress (&cinfo);
  if (setjmp (err.jump))
    goto out;
  jpeg_mem_src (&cinfo, data, (unsigned long) len);
  jpeg_read_header (&cinfo, TRUE);
  info->format = EB_IMAGE_JPEG;
  info->width = cinfo.image_width;
  info->height = cinfo.image_height;
  if (!eb_image_check_size (info, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  if (decode)
    {
      cinfo.scale_num = 1;
      cinfo.scale_denom = 8;
      cinfo.dct_method = JDCT_IFAST;
      cinfo.do_fancy_upsampling = FALSE;
      jpeg_start_decompress (&cinfo);
      row = (*cinfo.mem->alloc_small) ((j_common_ptr) &cinfo, JPOOL_IMAGE,
                                       (size_t) cinfo.output_width * cinfo.output_components);
      while (cinfo.output_scanline < cinfo.output_height)
        jpeg_read_scanlines (&cinfo, &row, 1);
      jpeg_finish_decompress (&cinfo);
    }
  ok = err.pub.num_warnings == 0;
out:
  jpeg_destroy_decompress (&cinfo);
  if (!ok)
    g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                 "is a corrupt or truncated JPEG (libjpeg: %s)", err.message);
  return ok;
}

/* -------------------------------------------------------------- PNG */

typedef struct {
  const guint8 *data;
  gsize         len;
  gsize         pos;
  char          message[200];  /* the error */
} EbPngSource;

static void
eb_png_read (png_structp png, png_bytep out, png_size_t n)
{
  EbPngSource *src = png_get_io_ptr (png);

  if (n > src->len - src->pos)
    png_error (png, "the file ends early");
  memcpy (out, src->data + src->pos, n);
  src->pos += n;
}

static void
eb_png_error (png_structp png, png_const_charp msg)
{
  EbPngSource *src = png_get_error_ptr (png);

  g_strlcpy (src->message, msg, sizeof src->message);
  png_longjmp (png, 1);
}

static void
eb_png_warning (png_structp png, png_const_charp msg)
{
  (void) png;
  (void) msg;   /* an ancillary chunk dropped: the image still decodes */
}

/* One row at a time, every pass; CRCs and the IEND chunk checked. */
static void
eb_png_decode_rows (png_structp png, png_infop pinfo, png_bytep row, guint height)
{
  int passes = png_set_interlace_handling (png);

  png_read_update_info (png, pinfo);
  for (int p = 0; p < passes; p++)
    for (guint y = 0; y < height; y++)
      png_read_row (png, row, NULL);
  png_read_end (png, NULL);
}

static guint
eb_png_get32 (const guint8 *p)
{
  return (guint) p[0] << 24 | (guint) p[1] << 16 | (guint) p[2] << 8 | p[3];
}

static gboolean
eb_png_probe (const guint8 *data, gsize len, gboolean decode, EbImageInfo *info,
              GError **error)
{
  EbPngSource src = { data, len, 0, "" };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &src, eb_png_error,
                                            eb_png_warning);
  png_infop pinfo = png ? png_create_info_struct (png) : NULL;
  png_bytep volatile row = NULL;
  volatile gboolean size_ok = TRUE;
  volatile gboolean ok = FALSE;

  /* the IHDR chunk comes first (PNG 5.6): its size is checked before
   * libpng reads any further */
  info->format = EB_IMAGE_PNG;
  info->width = len >= 24 && !memcmp (data + 12, "IHDR", 4) ? eb_png_get32 (data + 16) : 0;
  info->height = len >= 24 ? eb_png_get32 (data + 20) : 0;
  if (!decode || info->width)
    {
      gboolean fits = eb_image_check_size (info, error);

      if (!fits || !decode)
        {
          png_destroy_read_struct (&png, &pinfo, NULL);
          return fits;
        }
    }
  if (!pinfo)
    {
      png_destroy_read_struct (&png, NULL, NULL);
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "cannot be read (out of memory)");
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)))
    goto out;
  png_set_read_fn (png, &src, eb_png_read);
  png_set_user_limits (png, EB_IMAGE_MAX_SIDE, EB_IMAGE_MAX_SIDE);
  png_read_info (png, pinfo);
  info->width = png_get_image_width (png, pinfo);
  info->height = png_get_image_height (png, pinfo);
  size_ok = eb_image_check_size (info, error);
  if (size_ok && decode)
    {
      row = g_malloc (png_get_rowbytes (png, pinfo) * 2 + 16);
      eb_png_decode_rows (png, pinfo, row, info->height);
    }
  ok = size_ok;
out:
  g_free (row);
  png_destroy_read_struct (&png, &pinfo, NULL);
  if (!ok && size_ok)
    g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is a corrupt or truncated PNG (libpng: %s)",
                 src.message);
  return ok;
}

/* ------------------------------------------------------------- entry */

static gboolean
eb_image_check (const guint8 *data, gsize len, gboolean decode, EbImageInfo *info,
                GError **error)
{
  if (eb_image_is_jpeg (data, len))
    return eb_jpeg_probe (data, len, decode, info, error);
  if (eb_image_is_png (data, len))
    return eb_png_probe (data, len, decode, info, error);
  g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "is not a JPEG or PNG image");
  return FALSE;
}

gboolean
eb_image_probe (const guint8 *data, gsize len, EbImageInfo *info, GError **error)
{
  return eb_image_check (data, len, TRUE, info, error);
}

gboolean
eb_image_probe_header (const guint8 *data, gsize len, EbImageInfo *info, GError **error)
{
  return eb_image_check (data, len, FALSE, info, error);
}

gboolean
eb_image_read (const char *path, char **data_out, gsize *len_out, EbImageInfo *info,
               GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!eb_read_path (path, FALSE, EB_IMAGE_MAX_BYTES, &data, &len, error)
      || !eb_image_probe_header ((const guint8 *) data, len, info, error))
    return FALSE;
  *data_out = g_steal_pointer (&data);
  *len_out = len;
  return TRUE;
}
