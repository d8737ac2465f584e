/* fuzz-common.h — what the fuzzing harnesses share: a scratch edition
 * folder holding real sources and images, so that inputs that name them
 * reach the loader's file and image code. */
#pragma once

#include "base/safe-io.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#ifndef EPAPER_DATADIR
#define EPAPER_DATADIR "."
#endif

/* The scratch folder: made on first use, removed at exit. */
static char *fuzz_scratch_dir;

static void
fuzz_scratch_remove (void)
{
  if (fuzz_scratch_dir)
    eb_rm_tree (fuzz_scratch_dir, NULL);
}

static void
fuzz_scratch_copy (const char *rel, const char *to)
{
  g_autofree char *src = g_build_filename (EPAPER_DATADIR, rel, NULL);
  g_autofree char *dst = g_build_filename (fuzz_scratch_dir, to, NULL);
  g_autofree char *parent = g_path_get_dirname (dst);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_mkdir_with_parents (parent, 0755);
  if (g_file_get_contents (src, &data, &len, NULL))
    g_file_set_contents (dst, data, (gssize) len, NULL);
}

static const char *
fuzz_scratch (void)
{
  static const char *const files[][2] = {
    { "tests/editions/example/tech-transfer.md", "tech-transfer.md" },
    { "tests/editions/example/natural-gas.md", "natural-gas.md" },
    { "tests/editions/example/committee-voices.md", "committee-voices.md" },
    { "tests/editions/figures/photo-story.md", "photo-story.md" },
    { "tests/editions/figures/chart-story.md", "chart-story.md" },
    { "tests/editions/figures/photos/sample.jpg", "photos/sample.jpg" },
    { "tests/editions/figures/photos/chart.png", "photos/chart.png" },
  };

  if (fuzz_scratch_dir)
    return fuzz_scratch_dir;
  fuzz_scratch_dir = g_dir_make_tmp ("epaper-fuzz-XXXXXX", NULL);
  if (!fuzz_scratch_dir)
    abort ();
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    fuzz_scratch_copy (files[i][0], files[i][1]);
  atexit (fuzz_scratch_remove);
  return fuzz_scratch_dir;
}

/* Writes @data to the scratch folder's @name; returns its path (owned). */
static char *
fuzz_scratch_write (const char *name, const uint8_t *data, size_t size)
{
  char *path = g_build_filename (fuzz_scratch (), name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  return path;
}

/* libFuzzer's entry, calling @run; none when the harness is included by
 * test-fuzz-regressions.c (FUZZ_NO_ENTRY), which calls @run itself. */
#ifdef FUZZ_NO_ENTRY
#define FUZZ_ENTRY(run)
#else
#define FUZZ_ENTRY(run) \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size); \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size) { return run (data, size); }
#endif
