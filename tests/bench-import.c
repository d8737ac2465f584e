/* bench-import.c — import time per page: the five sample pages (each
 * imported repeatedly, best run) and pages generated like them
 * (tests/pagegen.h).  Target: under 50 ms for a page like the samples.
 * Prints figures; it is not a test. */
#include "import/import-private.h"
#include "pagegen.h"
#include "testutil.h"

#include <stdio.h>
#include <time.h>

#define BENCH_ROUNDS 5        /* imports of each sample page; the best counts */
#define BENCH_GENERATED 40    /* generated pages timed once each */
#define BENCH_TARGET_MS 50.0  /* the target for a page like the samples */

static double
bench_cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
bench_name_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* CPU ms to import @text as one page. */
static double
bench_import (const char *stem, const char *text)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autoptr (GError) error = NULL;
  double t0 = bench_cpu_ms ();

  if (!imp_import_page_text (ed, 1, stem, stem, text, strlen (text), NULL, NULL, &error))
    fprintf (stderr, "bench-import: %s\n", error->message);
  return bench_cpu_ms () - t0;
}

int
main (void)
{
  g_autofree char *dir = tu_path ("seeds");
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *src = tu_path ("");
  double worst = 0, sum = 0;
  const char *f;
  PgGen *gen;

  if (!d)
    {
      fprintf (stderr, "bench-import: no folder %s\n", dir);
      return 1;
    }
  while ((f = g_dir_read_name (d)))
    if (g_str_has_suffix (f, ".txt"))
      g_ptr_array_add (names, g_strdup (f));
  g_ptr_array_sort (names, bench_name_cmp);
  printf ("bench-import: CPU time to import one page (best of %d)\n", BENCH_ROUNDS);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *text = NULL;
      double best = G_MAXDOUBLE;
      if (!g_file_get_contents (path, &text, NULL, &error))
        {
          fprintf (stderr, "bench-import: %s\n", error->message);
          return 1;
        }
      for (int r = 0; r < BENCH_ROUNDS; r++)
        best = MIN (best, bench_import ("page", text));
      printf ("  %-28s %6.1f ms  (%zu bytes)\n", (char *) g_ptr_array_index (names, i), best, strlen (text));
      worst = MAX (worst, best);
    }
  if (!(gen = pg_gen_new (src, &error)))
    {
      fprintf (stderr, "bench-import: %s\n", error->message);
      return 1;
    }
  {
    double gen_worst = 0;
    guint n = 0;
    for (guint32 seed = 1; seed <= BENCH_GENERATED; seed++)
      {
        PgPage *pg = pg_page_new (gen, seed);
        double ms;
        if (!pg)
          continue;
        ms = bench_import ("page", pg->text);
        sum += ms;
        gen_worst = MAX (gen_worst, ms);
        n++;
        pg_page_free (pg);
      }
    printf ("  %u generated pages: %.1f ms a page on average, %.1f ms at most\n", n, n ? sum / n : 0,
            gen_worst);
  }
  pg_gen_free (gen);
  printf ("bench-import: samples %.1f ms a page at most (target < %.0f ms): %s\n", worst,
          BENCH_TARGET_MS, worst < BENCH_TARGET_MS ? "ok" : "SLOW");
  return 0;
}
