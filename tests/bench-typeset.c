/* bench-typeset.c — typesetting throughput over all sample text (shaping +
 * breaking + glyph runs, single thread).  Target: ≥ 1 M Han chars/s. */
#include "typeset/typeset.h"
#include "testutil.h"
#include "typeset/seeds.h"

#include <stdio.h>


int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (TsContext) ctx = ts_context_new (fonts, &error);
  g_autoptr (GPtrArray) pars = NULL;
  TsStyle st = { TS_ROLE_BODY, 9.0, 13.5, 2.0, TS_ALIGN_JUSTIFY, FALSE, FALSE, TS_BREAK_AUTO };
  guint64 han = 0, chars = 0, lines = 0;
  gint64 t0, t1;
  double c0, c1;
  int rounds = 0;

  if (!ctx)
    {
      fprintf (stderr, "bench-typeset: %s\n", error->message);
      return 1;
    }
  pars = seed_paragraphs (tu_srcdir ());
  for (guint i = 0; i < pars->len; i++)
    for (const char *p = g_ptr_array_index (pars, i); *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        han += g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
        chars++;
      }
  /* warm-up: font loading, caches */
  for (guint i = 0; i < pars->len; i++)
    ts_paragraph_free (ts_set_text (ctx, g_ptr_array_index (pars, i), &st, 13 * 9.0));
  t0 = g_get_monotonic_time ();
  c0 = tu_thread_cpu_seconds ();
  do
    {
      for (guint i = 0; i < pars->len; i++)
        {
          TsParagraph *par = ts_set_text (ctx, g_ptr_array_index (pars, i), &st, 13 * 9.0);
          lines += par->lines->len;
          ts_paragraph_free (par);
        }
      rounds++;
      t1 = g_get_monotonic_time ();
      c1 = tu_thread_cpu_seconds ();
    }
  while (t1 - t0 < 2 * G_USEC_PER_SEC);
  {
    double wall = (t1 - t0) / 1e6, cpu = c1 - c0;
    double han_rate = han * rounds / cpu;
    printf ("typeset: %u paragraphs, %" G_GUINT64_FORMAT " chars (%" G_GUINT64_FORMAT
            " Han) x %d rounds: %.2f s CPU (%.2f s wall), 13-em measure, 9 pt, one thread\n",
            pars->len, chars, han, rounds, cpu, wall);
    printf ("typeset: %.2f M Han chars/s of CPU time (%.2f M chars/s; target >= 1 M Han chars/s); "
            "a 6,300-char page in %.2f ms\n",
            han_rate / 1e6, chars * rounds / cpu / 1e6, 6300.0 / (chars * rounds / cpu) * 1e3);
  }
  (void) lines;
  return 0;
}
