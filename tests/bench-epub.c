/* bench-epub.c — EPUB build time and size for the example edition, in
 * process (epub_build).  Prints figures; asserts nothing about speed. */
#include "epub/epub.h"
#include "testutil.h"

#include <cairo.h>
#include <stdio.h>

/* Builds @ed @n times with @opts; prints the mean time and the size. */
static void
bench_epub_run (const EdEdition *ed, const EpubOptions *opts, const char *label, guint n)
{
  gint64 t0, t1;
  gsize size = 0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = epub_build (ed, opts, &error);

      if (!bytes)
        {
          fprintf (stderr, "bench-epub: %s\n", error->message);
          exit (1);
        }
      size = g_bytes_get_size (bytes);
    }
  t1 = g_get_monotonic_time ();
  printf ("epub_build %-36s %8.2f ms/edition %8zu bytes\n", label,
          (double) (t1 - t0) / n / 1000.0, size);
}

/* Writes a stand-in front-page preview (a grey page, 600×800) to @path. */
static void
bench_epub_write_preview (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 800);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (s, path) != CAIRO_STATUS_SUCCESS)
    exit (1);
  cairo_surface_destroy (s);
}

int
main (void)
{
  g_autofree char *dir = tu_path ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (dir, &error);
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *preview = g_build_filename (tmp, "p1.png", NULL);
  g_autofree char *fonts_dir = tu_path ("fonts");
  EpubOptions opts = { FALSE, FALSE, NULL, fonts_dir, NULL, 0 };

  if (!ed)
    {
      fprintf (stderr, "bench-epub: %s\n", error->message);
      return 1;
    }
  bench_epub_write_preview (preview);
  bench_epub_run (ed, &opts, "rendered cover, first call (cold)", 1);
  bench_epub_run (ed, &opts, "rendered cover", 20);
  opts.cover_image = preview;
  bench_epub_run (ed, &opts, "front-page preview as cover", 200);
  opts.vertical = TRUE;
  bench_epub_run (ed, &opts, "preview cover, vertical", 200);
  opts.vertical = FALSE;
  opts.embed_fonts = TRUE;
  bench_epub_run (ed, &opts, "preview cover, embedded fonts", 5);
  tu_rm_rf (tmp);
  return 0;
}
