/* bench-image.c — what the load-time image check (base/image.c) costs:
 * a press photo's JPEG (6000 × 4000, 24 MP, quality 90) and a chart's PNG
 * (3000 × 2000) made in memory, each checked a few times; prints the best
 * time per image and the bytes.  A figure, not a test. */
#include "base/image.h"

#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>

enum { BENCH_RUNS = 5 };

/* A JPEG of @w × @h pixels of gradients and texture (caller frees). */
static unsigned char *
bench_jpeg (int w, int h, unsigned long *len)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  g_autofree unsigned char *row = g_malloc ((gsize) w * 3);

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, len);
  c.image_width = (JDIMENSION) w;
  c.image_height = (JDIMENSION) h;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 90, TRUE);
  jpeg_start_compress (&c, TRUE);
  for (int y = 0; y < h; y++)
    {
      for (int x = 0; x < w; x++)
        {
          row[3 * x] = (unsigned char) (x * 255 / w);
          row[3 * x + 1] = (unsigned char) (y * 255 / h);
          row[3 * x + 2] = (unsigned char) ((x * 7 + y * 13 + (x ^ y)) & 0xff);
        }
      jpeg_write_scanlines (&c, &row, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  return out;
}

static cairo_status_t
bench_png_write (void *closure, const unsigned char *data, unsigned int n)
{
  g_byte_array_append (closure, data, n);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG chart of @w × @h pixels: bars on white. */
static GByteArray *
bench_png (int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (s);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (int i = 0; i < 40; i++)
    {
      cairo_set_source_rgb (cr, 0.7, 0.1 + i / 80.0, 0.1);
      cairo_rectangle (cr, 40 + i * (w - 80) / 40.0, h - 40 - (i * 37 % 90) * (h - 80) / 90.0,
                       (w - 80) / 50.0, (i * 37 % 90) * (h - 80) / 90.0);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, bench_png_write, out);
  cairo_surface_destroy (s);
  return out;
}

static void
bench_probe (const char *what, const guint8 *data, gsize len)
{
  double best = G_MAXDOUBLE;
  EbImageInfo info = { 0 };

  for (int i = 0; i < BENCH_RUNS; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GError) error = NULL;

      if (!eb_image_probe (data, len, &info, &error))
        g_error ("%s: %s", what, error->message);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1000.0);
    }
  printf ("image check %-32s %5u x %-5u %9" G_GSIZE_FORMAT " bytes  %7.1f ms (best of %d)\n",
          what, info.width, info.height, len, best, BENCH_RUNS);
}

int
main (void)
{
  unsigned long jlen = 0;
  unsigned char *jpeg = bench_jpeg (6000, 4000, &jlen);
  g_autoptr (GByteArray) png = bench_png (3000, 2000);

  bench_probe ("JPEG photo (quality 90)", jpeg, jlen);
  bench_probe ("PNG chart", png->data, png->len);
  free (jpeg);
  return 0;
}
