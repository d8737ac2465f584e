/* render-previews.c — page previews: pages drawn into image surfaces and
 * encoded as PNG (libpng) or JPEG (libjpeg), one page at a time, encodes
 * on worker threads. */
#include "render/render-pdf.h"
#include "render/render-private.h"
#include "base/errors.h"

#include <png.h>
#include <string.h>
#include <sys/mman.h>

/* Previews: zlib level 1 and no PNG filter.  On seed 000 (1600 × 2256)
 * that writes 1.25 MB in ~0.06 s where cairo's writer (level 6, adaptive
 * filters) wrote 1.77 MB in ~0.2 s; SUB/UP/PAETH filters gave larger files
 * at level 1–3 for these text pages. */
#define PDF_PNG_ZLIB_LEVEL 1
#define PDF_PNG_FILTER     PNG_FILTER_NONE

/* The @2x image of a page with colour (the masthead, photographs) and the
 * EPUB cover are JPEG of this quality (libjpeg-turbo: 4:2:0, standard Huffman tables).  Seed
 * 000's page 1 (2400 × 3384): RGB PNG 2.23 MB in 879 M instructions, JPEG
 * 2.12 MB in 230 M with a mean SSIM (luma, 8 × 8 windows) of 0.993 against
 * the PNG; q75 1.72 MB (SSIM 0.985, ringing visible around strokes at 6×),
 * q92 2.65 MB (0.997); optimised Huffman tables saved 4% for 67% more
 * instructions.  A neutral page stays PNG (grey): smaller than JPEG of text
 * at equal quality (1.0 MB against 1.48 MB at q85).  WebP (libwebp 1.2,
 * method 0, q75) was 1.27 MB at SSIM 0.997 but 1.4–3.2 times the PNG's
 * instructions.  The 600 px cover: PNG 275 KB in 88 M instructions, JPEG
 * 159 KB in 17 M. */
#define PDF_JPEG_QUALITY 85

typedef struct {
  void  *data;
  gsize  size;
} PdfPixels;

static void
pdf_pixels_free (void *data)
{
  PdfPixels *px = data;

  munmap (px->data, px->size);
  g_free (px);
}

static const cairo_user_data_key_t pdf_pixels_key;

/* A white RGB24 surface allocated by cairo. */
static cairo_surface_t *
pdf_white_surface_new (int width_px, int height_px)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, height_px);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return s;
}

/* A white RGB24 surface.  Its pixels are mapped already populated and
 * filled white in one pass: first-touch page faults of a 14 MB surface
 * took as long as drawing the page. */
static cairo_surface_t *
pdf_image_surface_new (int width_px, int height_px)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width_px);
  PdfPixels *px = g_new0 (PdfPixels, 1);
  cairo_surface_t *s;

  px->size = (gsize) stride * height_px;
  px->data = mmap (NULL, px->size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (px->data == MAP_FAILED)
    {
      g_free (px);
      return pdf_white_surface_new (width_px, height_px);
    }
  memset (px->data, 0xFF, px->size);
  s = cairo_image_surface_create_for_data (px->data, CAIRO_FORMAT_RGB24, width_px, height_px,
                                           stride);
  if (cairo_surface_set_user_data (s, &pdf_pixels_key, px, pdf_pixels_free)
      != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (s);
      pdf_pixels_free (px);
      return pdf_white_surface_new (width_px, height_px);
    }
  return s;
}

/* Draws page @number at @width_px with @fonts (NULL: as typeset) into a
 * new RGB image surface. */
static cairo_surface_t *
pdf_render_page (const CompEdition *ce, PdfFonts *fonts, guint number, int width_px)
{
  const CompPage *page = g_ptr_array_index (ce->pages, number - 1);
  double scale = width_px / page->width;
  int height_px = (int) (page->height * scale + 0.5);
  cairo_surface_t *surface = pdf_image_surface_new (width_px, height_px);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  pdf_fonts_finish (fonts);
  pdf_draw_page_tagged (cr, page, fonts, NULL);
  cairo_destroy (cr);
  return surface;
}

/* Scales @src down to @width_px (a thumbnail of a preview). */
static cairo_surface_t *
pdf_scale_surface (cairo_surface_t *src, int width_px)
{
  int sw = cairo_image_surface_get_width (src), sh = cairo_image_surface_get_height (src);
  double scale = (double) width_px / sw;
  int height_px = MAX (1, (int) (sh * scale + 0.5));
  cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, height_px);
  cairo_t *cr = cairo_create (dst);

  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  return dst;
}

static void
pdf_png_write_bytes (png_structp png, png_bytep data, size_t length)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) length);
}

static void
pdf_png_flush (png_structp png)
{
  (void) png;
}

/* The PNG colour type @surface needs: GRAY when every pixel is neutral
 * grey and opaque (text and rules in black on white), RGB when opaque,
 * RGB_ALPHA otherwise. */
static int
pdf_png_color_type (const unsigned char *data, int stride, int width, int height,
                    cairo_format_t format)
{
  gboolean grey = TRUE;

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

          if (format == CAIRO_FORMAT_ARGB32 && (p >> 24) != 0xFF)
            return PNG_COLOR_TYPE_RGB_ALPHA;
          if (grey && (r != g || g != b))
            {
              grey = FALSE;
              if (format != CAIRO_FORMAT_ARGB32)
                return PNG_COLOR_TYPE_RGB;
            }
        }
    }
  return grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB;
}

/* Converts one row of cairo pixels (native-endian 32-bit, premultiplied
 * alpha) into PNG samples of @color_type in @out. */
static void
pdf_png_convert_row (const guint32 *row, int width, int color_type, cairo_format_t format,
                     unsigned char *out)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = row[x];
      guint a = format == CAIRO_FORMAT_ARGB32 ? p >> 24 : 0xFF;
      guint r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      if (a != 0xFF)
        {
          /* un-premultiply, rounding as cairo's own PNG writer does */
          r = a ? (r * 255 + a / 2) / a : 0;
          g = a ? (g * 255 + a / 2) / a : 0;
          b = a ? (b * 255 + a / 2) / a : 0;
        }
      switch (color_type)
        {
        case PNG_COLOR_TYPE_GRAY:
          *out++ = (unsigned char) r;
          break;
        case PNG_COLOR_TYPE_RGB:
          *out++ = (unsigned char) r;
          *out++ = (unsigned char) g;
          *out++ = (unsigned char) b;
          break;
        default:
          *out++ = (unsigned char) r;
          *out++ = (unsigned char) g;
          *out++ = (unsigned char) b;
          *out++ = (unsigned char) a;
          break;
        }
    }
}

/* Encodes @surface (RGB24 or ARGB32) as PNG bytes into @bytes with libpng:
 * a fast zlib level and one fixed filter, because cairo's writer (default
 * level, adaptive filters) took most of the preview time.  No time chunk,
 * so the bytes depend on the pixels only. */
static gboolean
pdf_png_encode (cairo_surface_t *surface, volatile int known_type, GByteArray *bytes)
{
  cairo_format_t format = cairo_image_surface_get_format (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data;
  png_structp png;
  png_infop info;
  unsigned char *volatile row = NULL;
  int color_type;

  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
    return FALSE;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  if (!data || width <= 0 || height <= 0)
    return FALSE;
  color_type = known_type >= 0 ? known_type
               : pdf_png_color_type (data, stride, width, height, format);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (!png)
    return FALSE;
  info = png_create_info_struct (png);
  if (!info || setjmp (png_jmpbuf (png)))
    {
      g_free (row);
      png_destroy_write_struct (&png, info ? &info : NULL);
      return FALSE;
    }
  row = g_malloc ((gsize) width * 4);
  png_set_write_fn (png, bytes, pdf_png_write_bytes, pdf_png_flush);
  png_set_compression_level (png, PDF_PNG_ZLIB_LEVEL);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PDF_PNG_FILTER);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, color_type,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      pdf_png_convert_row ((const guint32 *) (data + (gsize) y * stride), width, color_type,
                           format, row);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  return TRUE;
}

static void
pdf_jpeg_write_bytes (GByteArray *bytes, const unsigned char *data, unsigned long len)
{
  g_byte_array_append (bytes, data, (guint) len);
}

/* Encodes the RGB24 @surface as a JPEG of @quality into @bytes (libjpeg
 * reads cairo's pixel layout directly).  The bytes depend on the pixels
 * only: no clock, standard tables. */
static gboolean
pdf_jpeg_encode (cairo_surface_t *surface, int quality, GByteArray *bytes)
{
  struct jpeg_compress_struct cinfo;
  PdfJpegError jerr;
  unsigned char *volatile out = NULL;
  unsigned long len = 0;
  const unsigned char *data;
  int stride = cairo_image_surface_get_stride (surface);

  if (cairo_image_surface_get_format (surface) != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  if (!data)
    return FALSE;
  cinfo.err = pdf_jpeg_errors (&jerr);
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_compress (&cinfo);
      free (out);
      return FALSE;
    }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, (unsigned char **) &out, &len);
  cinfo.image_width = (JDIMENSION) cairo_image_surface_get_width (surface);
  cinfo.image_height = (JDIMENSION) cairo_image_surface_get_height (surface);
  cinfo.input_components = 4;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  cinfo.in_color_space = JCS_EXT_BGRX;
#else
  cinfo.in_color_space = JCS_EXT_XRGB;
#endif
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) (data + (gsize) cinfo.next_scanline * stride);
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  pdf_jpeg_write_bytes (bytes, out, len);
  free (out);
  return TRUE;
}

/* How a preview is encoded. */
typedef enum {
  PDF_FORMAT_PNG,
  PDF_FORMAT_JPEG_IF_COLOUR,  /* the @2x image: JPEG when not neutral */
  PDF_FORMAT_JPEG,            /* the EPUB cover */
} PdfFormat;

/* Writes @surface to @path as @format says, at PDF_JPEG_QUALITY: for
 * PDF_FORMAT_JPEG_IF_COLOUR a surface with colour goes to @path with .jpg
 * for .png (the build's stage removes the file of the other format an
 * earlier build listed). */
static gboolean
pdf_write_preview (cairo_surface_t *surface, const char *path, PdfFormat format,
                   GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status = cairo_surface_status (surface);
  g_autofree char *jpg = NULL;
  const char *to = path;
  int color_type = -1;
  gboolean jpeg = format == PDF_FORMAT_JPEG, ok;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot draw the page: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (format == PDF_FORMAT_JPEG_IF_COLOUR && g_str_has_suffix (path, ".png")
      && cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    {
      cairo_surface_flush (surface);
      jpg = g_strdup_printf ("%.*s.jpg", (int) strlen (path) - 4, path);
      color_type = pdf_png_color_type (cairo_image_surface_get_data (surface),
                                       cairo_image_surface_get_stride (surface),
                                       cairo_image_surface_get_width (surface),
                                       cairo_image_surface_get_height (surface),
                                       CAIRO_FORMAT_RGB24);
      jpeg = color_type != PNG_COLOR_TYPE_GRAY;
      if (jpeg)
        to = jpg;
    }
  ok = jpeg ? pdf_jpeg_encode (surface, PDF_JPEG_QUALITY, bytes)
            : pdf_png_encode (surface, color_type, bytes);
  if (!ok)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot encode the page as %s", to,
                   jpeg ? "JPEG" : "PNG");
      return FALSE;
    }
  return eb_write_file_atomic (to, bytes->data, bytes->len, error);
}

GBytes *
pdf_page_jpeg_bytes (const CompEdition *ce, PdfFonts *fonts, guint number, int width_px,
                     GError **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (ce != NULL && width_px > 0, NULL);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, NULL);
  surface = pdf_render_page (ce, fonts, number, width_px);
  bytes = g_byte_array_new ();
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS
       && pdf_jpeg_encode (surface, PDF_JPEG_QUALITY, bytes);
  cairo_surface_destroy (surface);
  if (!ok)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "page %u: cannot draw the page as JPEG",
                   number);
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* ---------------------------------------------------------- preview sets
 *
 * Every page is drawn once, at 2× (the main thread: cairo drawing with
 * the edition's fonts); the 1× image is that drawing averaged 2 × 2, and
 * the thumbnail is scaled from the 1× image.  The three PNG encodes (pure
 * functions of finished pixel buffers: libpng + zlib) run on worker
 * threads while the main thread draws the next page or goes on with the
 * PDF.  Every file's bytes depend on its pixels only, so the output is the
 * same whatever the threads' timing.
 */

/* One image to encode and write. */
typedef struct {
  cairo_surface_t *surface;  /* owned reference; released by the encoder */
  char            *path;     /* owned: the PNG's path */
  PdfFormat        format;
  GError          *error;    /* set by the encoder on failure */
  gboolean         finished; /* under PdfPreviews.lock */
} PdfPngJob;

struct _PdfPreviews {
  char        *dir;          /* owned */
  int          width_px, thumb_px;
  char        *cover_path;   /* owned: page 1 scaled to cover_px, or NULL */
  int          cover_px;
  GThreadPool *pool;         /* NULL: encode on the calling thread */
  PdfFonts    *fonts;        /* borrowed: the faces to draw with, or NULL */
  GPtrArray   *jobs;         /* PdfPngJob *, in submission order (owned) */
  guint        checked;      /* jobs[0..checked) waited for, errors taken */
  guint        queued;       /* jobs[0..queued) are the pages drawn so far */
  GMutex       lock;
  GCond        cond;
};

static void
pdf_png_job_free (PdfPngJob *job)
{
  if (job->surface)
    cairo_surface_destroy (job->surface);
  g_free (job->path);
  g_clear_error (&job->error);
  g_free (job);
}

/* Encodes and writes one PNG, then releases its pixels. */
static void
pdf_png_job_run (PdfPngJob *job)
{
  pdf_write_preview (job->surface, job->path, job->format, &job->error);
  cairo_surface_destroy (job->surface);
  job->surface = NULL;
}

static void
pdf_previews_worker (gpointer data, gpointer user_data)
{
  PdfPreviews *pv = user_data;
  PdfPngJob *job = data;

  pdf_png_job_run (job);
  g_mutex_lock (&pv->lock);
  job->finished = TRUE;
  g_cond_broadcast (&pv->cond);
  g_mutex_unlock (&pv->lock);
}

/* Waits for jobs[0..n) and returns FALSE with the first failed job's
 * error (in submission order, so the error does not depend on timing). */
static gboolean
pdf_previews_wait (PdfPreviews *pv, guint n, GError **error)
{
  g_mutex_lock (&pv->lock);
  for (guint i = pv->checked; i < n; i++)
    while (!((PdfPngJob *) g_ptr_array_index (pv->jobs, i))->finished)
      g_cond_wait (&pv->cond, &pv->lock);
  g_mutex_unlock (&pv->lock);
  for (; pv->checked < n; pv->checked++)
    {
      PdfPngJob *job = g_ptr_array_index (pv->jobs, pv->checked);

      if (job->error)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          pv->checked++;
          return FALSE;
        }
    }
  return TRUE;
}

/* Queues @surface (consumed) to be written to @path (consumed) as
 * pdf_write_preview() says. */
static void
pdf_previews_submit (PdfPreviews *pv, cairo_surface_t *surface, char *path, PdfFormat format)
{
  PdfPngJob *job = g_new0 (PdfPngJob, 1);

  job->surface = surface;
  job->path = path;
  job->format = format;
  g_ptr_array_add (pv->jobs, job);
  if (pv->pool && g_thread_pool_push (pv->pool, job, NULL))
    return;
  pdf_png_job_run (job);
  job->finished = TRUE;
}

/* The 1× image of a 2× drawing: every pixel the rounded mean of a 2 × 2
 * block (a box filter over 4 samples per pixel). */
static cairo_surface_t *
pdf_halve_surface (cairo_surface_t *src)
{
  int w = cairo_image_surface_get_width (src) / 2;
  int h = cairo_image_surface_get_height (src) / 2;
  int sstride = cairo_image_surface_get_stride (src);
  cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  int dstride = cairo_image_surface_get_stride (dst);
  const unsigned char *sdata;
  unsigned char *ddata;

  if (cairo_surface_status (dst) != CAIRO_STATUS_SUCCESS)
    return dst;
  cairo_surface_flush (src);
  cairo_surface_flush (dst);
  sdata = cairo_image_surface_get_data (src);
  ddata = cairo_image_surface_get_data (dst);
  for (int y = 0; y < h; y++)
    {
      const guint32 *r0 = (const guint32 *) (sdata + (gsize) (2 * y) * sstride);
      const guint32 *r1 = (const guint32 *) (sdata + (gsize) (2 * y + 1) * sstride);
      guint32 *out = (guint32 *) (ddata + (gsize) y * dstride);

      for (int x = 0; x < w; x++)
        {
          guint32 a = r0[2 * x], b = r0[2 * x + 1], c = r1[2 * x], d = r1[2 * x + 1];

          if ((a & b & c & d) == 0xFFFFFFFF || (a == b && a == c && a == d))
            {
              out[x] = a | 0xFF000000;
              continue;
            }
          guint32 rb = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF)
                       + 0x020002;
          guint32 g = (a & 0xFF00) + (b & 0xFF00) + (c & 0xFF00) + (d & 0xFF00) + 0x0200;
          out[x] = 0xFF000000 | ((rb >> 2) & 0xFF00FF) | ((g >> 2) & 0xFF00);
        }
    }
  cairo_surface_mark_dirty (dst);
  return dst;
}

PdfPreviews *
pdf_previews_new (const char *dir, int width_px, int thumb_px, PdfFonts *fonts)
{
  PdfPreviews *pv;
  guint threads = MIN (g_get_num_processors (), 3);

  g_return_val_if_fail (dir != NULL && width_px > 0 && thumb_px > 0, NULL);
  pv = g_new0 (PdfPreviews, 1);
  pv->dir = g_strdup (dir);
  pv->width_px = width_px;
  pv->thumb_px = thumb_px;
  pv->fonts = fonts;
  pv->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_png_job_free);
  g_mutex_init (&pv->lock);
  g_cond_init (&pv->cond);
  if (threads > 1)
    pv->pool = g_thread_pool_new (pdf_previews_worker, pv, (int) threads, FALSE, NULL);
  return pv;
}

gboolean
pdf_previews_add_page (PdfPreviews *pv, const CompEdition *ce, guint number, GError **error)
{
  const CompPage *page;
  cairo_surface_t *big, *one, *half, *thumb, *cover = NULL;
  cairo_t *cr;
  double scale;
  int height_px;

  g_return_val_if_fail (pv != NULL && ce != NULL, FALSE);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, FALSE);
  /* one page's images in memory at a time (a 2400 px page is 40 MB of
   * pixels; two in flight took a 7-page build past 150 MiB): wait for the
   * previous page's files.  The last page's encodes overlap the PDF. */
  if (!pdf_previews_wait (pv, pv->queued, error))
    return FALSE;
  page = g_ptr_array_index (ce->pages, number - 1);
  scale = pv->width_px / page->width;
  height_px = MAX (1, (int) (page->height * scale + 0.5));
  big = pdf_image_surface_new (2 * pv->width_px, 2 * height_px);
  cr = cairo_create (big);
  cairo_scale (cr, 2 * scale, 2 * scale);
  pdf_fonts_finish (pv->fonts);
  pdf_draw_page_tagged (cr, page, pv->fonts, NULL);
  cairo_destroy (cr);
  if (cairo_surface_status (big) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "page %u: cannot draw the preview: %s",
                   number, cairo_status_to_string (cairo_surface_status (big)));
      cairo_surface_destroy (big);
      return FALSE;
    }
  /* every image made from `one` is made before `one` is submitted: a
   * worker releases a surface as soon as it has written it */
  one = pdf_halve_surface (big);
  /* the thumbnail scaled from the 1x image halved once more: cairo's
   * filter over 1200 px took 140 M instructions for a 240 px thumbnail,
   * over 600 px a quarter of that */
  half = pv->width_px / 2 >= pv->thumb_px ? pdf_halve_surface (one) : cairo_surface_reference (one);
  thumb = pdf_scale_surface (half, pv->thumb_px);
  if (number == 1 && pv->cover_path)
    cover = pv->cover_px * 2 == pv->width_px ? cairo_surface_reference (half)
                                             : pdf_scale_surface (one, pv->cover_px);
  cairo_surface_destroy (half);
  pdf_previews_submit (pv, big, g_strdup_printf ("%s/p%u@2x.png", pv->dir, number),
                       PDF_FORMAT_JPEG_IF_COLOUR);
  pdf_previews_submit (pv, one, g_strdup_printf ("%s/p%u.png", pv->dir, number), PDF_FORMAT_PNG);
  pdf_previews_submit (pv, thumb, g_strdup_printf ("%s/p%u-thumb.png", pv->dir, number),
                       PDF_FORMAT_PNG);
  if (cover)
    pdf_previews_submit (pv, cover, g_strdup (pv->cover_path), PDF_FORMAT_JPEG);
  pv->queued = pv->jobs->len;
  return TRUE;
}

gboolean
pdf_previews_finish (PdfPreviews *pv, GError **error)
{
  g_return_val_if_fail (pv != NULL, FALSE);
  return pdf_previews_wait (pv, pv->jobs->len, error);
}

void
pdf_previews_free (PdfPreviews *pv)
{
  if (!pv)
    return;
  if (pv->pool)
    g_thread_pool_free (pv->pool, FALSE, TRUE);  /* runs the queued jobs */
  g_ptr_array_unref (pv->jobs);
  g_mutex_clear (&pv->lock);
  g_cond_clear (&pv->cond);
  g_free (pv->dir);
  g_free (pv->cover_path);
  g_free (pv);
}

void
pdf_previews_set_cover (PdfPreviews *pv, const char *path, int width_px)
{
  g_return_if_fail (pv != NULL && path != NULL && width_px > 0);
  g_free (pv->cover_path);
  pv->cover_path = g_strdup (path);
  pv->cover_px = width_px;
}

gboolean
pdf_write_previews (const CompEdition *ce, const char *dir, int width_px, int thumb_px,
                    GError **error)
{
  g_autoptr (PdfPreviews) pv = NULL;

  g_return_val_if_fail (ce != NULL && dir != NULL, FALSE);
  pv = pdf_previews_new (dir, width_px, thumb_px, NULL);
  for (guint i = 1; i <= ce->pages->len; i++)
    if (!pdf_previews_add_page (pv, ce, i, error))
      return FALSE;
  return pdf_previews_finish (pv, error);
}
