/* bench-compose.c — the page planner at work on every test edition and
 * sample page on every layout: partial page plans made by the beam search,
 * bands evaluated (and set aside by their base cost), band fills, modules
 * measured, paragraph settings and how many repeat an earlier one (the
 * same text in the same style at the same measure: the typesetter gives
 * those again from its cache), and the composition's CPU time (this
 * thread) with plans and bands per second.  Prints figures;
 * not a test. */
#include "compose-cases.h"
#include "typeset/typeset.h"

#include <stdio.h>

int
main (void)
{
  g_autoptr (GPtrArray) cases = list_cases ();
  g_autofree char *fonts = tu_path ("fonts");
  CompStats all = { 0 };
  TsStats ts_all = { 0 };
  double cpu_all = 0;

  printf ("bench-compose: %-24s %5s %7s %7s %7s %6s %6s %5s %8s %8s %9s\n", "case", "pages",
          "plans", "bands", "pruned", "fills", "meas.", "sets", "repeated", "CPU ms", "plans/s");
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (EdEdition) ed = load_case (c);
      g_autoptr (LaySpec) spec = lay_spec_load_named (tu_srcdir (), c->layout, &error);
      /* a context per case, as a build has (the time includes its fonts
       * loaded on first use, as a build's does) */
      g_autoptr (TsContext) ts = spec ? ts_context_new (fonts, &error) : NULL;
      g_autoptr (CompEdition) ce = NULL;
      g_autofree char *name = g_strdup_printf ("%s@%s", c->edition, c->layout);
      TsStats s;
      double t0;

      t0 = tu_thread_cpu_seconds ();
      ce = ts ? comp_edition_new (ed, spec, ts, &error) : NULL;
      t0 = tu_thread_cpu_seconds () - t0;
      if (!ce)
        {
          fprintf (stderr, "bench-compose: %s: %s\n", name, error ? error->message : "failed");
          return 1;
        }
      s = ts_context_stats (ts);
      printf ("bench-compose: %-24s %5u %7" G_GUINT64_FORMAT " %7" G_GUINT64_FORMAT " %7"
              G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %5" G_GUINT64_FORMAT
              " %7.1f%% %8.1f %9.0f\n", name, ce->pages->len, ce->stats.plans, ce->stats.bands,
              ce->stats.pruned, ce->stats.fills, ce->stats.measures, s.settings,
              s.chars ? 100.0 * s.repeated_chars / s.chars : 0.0, t0 * 1000,
              t0 > 0 ? ce->stats.plans / t0 : 0.0);
      all.plans += ce->stats.plans, all.bands += ce->stats.bands, all.pruned += ce->stats.pruned;
      all.fills += ce->stats.fills, all.measures += ce->stats.measures;
      ts_all.settings += s.settings, ts_all.chars += s.chars;
      ts_all.repeated += s.repeated, ts_all.repeated_chars += s.repeated_chars;
      cpu_all += t0;
    }
  printf ("bench-compose: all %u cases: %" G_GUINT64_FORMAT " plans, %" G_GUINT64_FORMAT
          " bands evaluated (%" G_GUINT64_FORMAT " set aside by their base cost), %" G_GUINT64_FORMAT
          " fills, %" G_GUINT64_FORMAT " modules measured in %.0f ms CPU: %.0f plans/s, %.0f bands/s\n",
          cases->len, all.plans, all.bands, all.pruned, all.fills, all.measures, cpu_all * 1000,
          all.plans / cpu_all, all.bands / cpu_all);
  printf ("bench-compose: %" G_GUINT64_FORMAT " paragraph settings, %" G_GUINT64_FORMAT
          " repeating an earlier one (%.1f%% of the characters set)\n", ts_all.settings,
          ts_all.repeated, 100.0 * ts_all.repeated_chars / MAX (ts_all.chars, 1));
  return 0;
}
