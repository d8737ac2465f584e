/* bench-pdf.c — time per stage to build an edition's print PDF through the
 * library (load, typeset context, compose, PDF, previews: 1×, @2x, thumbnail), peak memory,
 * PDF bytes per page.  Prints figures; not a test.
 *   bench-pdf [EDITION_DIR [LAYOUT]]   default: tests/editions/full broadsheet
 */
#include "pipeline/build.h"
#include "compose/compose.h"
#include "render/render-pdf.h"
#include "testutil.h"

#include <stdio.h>
#include <time.h>
#include <sys/resource.h>

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU time of the whole process (every thread), s */
static double
cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench_one (const char *edition, const char *layout)
{
  g_autofree char *dir = tu_path (edition);
  g_autofree char *fonts = tu_path ("fonts");
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *pdf = g_build_filename (tmp, "edition.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = NULL;
  struct rusage ru;
  double t0, t1, t2, t3, t4, c0, c1, c2, c3, c4;
  gsize bytes = 0;
  g_autofree char *data = NULL;

  t0 = now (), c0 = cpu ();
  ed = ed_edition_load (dir, &error);
  spec = ed ? lay_spec_load_named (tu_srcdir (), layout, &error) : NULL;
  ts = spec ? ts_context_new (fonts, &error) : NULL;
  t1 = now (), c1 = cpu ();
  ce = ts ? comp_edition_new (ed, spec, ts, &error) : NULL;
  t2 = now (), c2 = cpu ();
  if (!ce || !pdf_write_edition (ce, pdf, &error))
    {
      fprintf (stderr, "bench-pdf: %s\n", error ? error->message : "failed");
      exit (1);
    }
  t3 = now (), c3 = cpu ();
  if (!pdf_write_previews (ce, tmp, BUILD_PREVIEW_PX, BUILD_THUMB_PX, &error))
    exit (1);
  t4 = now (), c4 = cpu ();
  g_file_get_contents (pdf, &data, &bytes, NULL);
  getrusage (RUSAGE_SELF, &ru);
  printf ("bench-pdf: %s on %s: %u pages; load+fonts %.3f s, compose %.3f s, PDF %.3f s "
          "(PDF total %.3f s), previews %.3f s; peak RSS %.1f MiB; PDF %zu bytes, %zu bytes/page\n",
          edition, layout, ce->pages->len, t1 - t0, t2 - t1, t3 - t2, t3 - t0, t4 - t3,
          ru.ru_maxrss / 1024.0, bytes, bytes / ce->pages->len);
  printf ("bench-pdf:   CPU time (all threads): load+fonts %.3f s, compose %.3f s, PDF %.3f s, "
          "previews %.3f s\n", c1 - c0, c2 - c1, c3 - c2, c4 - c3);
  tu_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  bench_one (argc > 1 ? argv[1] : "tests/editions/full", argc > 2 ? argv[2] : "broadsheet");
  return 0;
}
