/* testutil.h — helpers shared by the GTest programs in tests/. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/model.h"

/* Source tree root (env SRCDIR, set by `make check`; "." otherwise). */
static inline const char *
tu_srcdir (void)
{
  const char *d = g_getenv ("SRCDIR");
  return d && *d ? d : ".";
}

/* Returns a path below the source tree; caller owns it. */
static inline char *
tu_path (const char *rel)
{
  return g_build_filename (tu_srcdir (), rel, NULL);
}

/* Creates a fresh temporary folder; caller owns the path. */
static inline char *
tu_mkdtemp (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("epaper-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

/* Writes @text to dir/name, creating sub-folders. */
static inline void
tu_write (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Copies the file @rel below the source tree to dir/name (creating
 * sub-folders): e.g. the test editions' real JPEG and PNG, where a source
 * needs an image that decodes. */
static inline void
tu_copy (const char *rel, const char *dir, const char *name)
{
  g_autofree char *src = tu_path (rel);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_get_contents (src, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

#define TU_SAMPLE_JPEG "tests/editions/figures/photos/sample.jpg"   /* 16 × 16 */
#define TU_SAMPLE_PNG  "tests/editions/figures/photos/chart.png"    /* 300 × 200 */

/* Removes a folder tree (tests' temporary folders only). */
static inline void
tu_rm_rf (const char *dir)
{
  g_autofree char *cmd = NULL;
  g_autofree char *q = g_shell_quote (dir);

  cmd = g_strdup_printf ("rm -rf %s", q);
  g_assert_cmpint (system (cmd), ==, 0);
}

/* Loads an edition folder below the source tree ("tests/editions/example"),
 * asserting it parses; caller owns the result. */
static inline EdEdition *
tu_load_edition (const char *rel)
{
  g_autofree char *dir = tu_path (rel);
  g_autoptr (GError) error = NULL;
  EdEdition *ed = ed_edition_load (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ed);
  return ed;
}

/* g_ptr_array_sort comparator for arrays of char *. */
static inline int
tu_strcmp_indirect (const char **a, const char **b)
{
  return strcmp (*a, *b);
}

/* CPU time of the calling thread, s (benchmarks: a figure per core, which
 * depends less on what else the machine runs than wall time). */
static inline double
tu_thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Compares @got with the golden file @rel (a path below the source tree,
 * "tests/compose/NAME.expected").  A mismatch prints the unified diff (as
 * TAP comments) and fails the test; with EPAPER_UPDATE_EXPECTED set (`make
 * goldens`) the file is rewritten instead and the diff applied is printed,
 * so that every change of a golden file is a diff someone has read. */
static inline void
tu_assert_golden (const char *rel, const char *got)
{
  g_autofree char *path = tu_path (rel);
  g_autofree char *want = NULL;
  g_autofree char *dir = NULL, *got_path = NULL, *diff = NULL;
  g_auto (GStrv) lines = NULL;
  const char *argv[] = { "diff", "-u", "--label", rel, "--label", "output", NULL, NULL, NULL };

  if (!g_file_get_contents (path, &want, NULL, NULL))
    want = g_strdup ("");
  if (strcmp (want, got) == 0)
    return;
  dir = tu_mkdtemp ();
  got_path = g_build_filename (dir, "output", NULL);
  g_assert_true (g_file_set_contents (got_path, got, -1, NULL));
  argv[6] = g_file_test (path, G_FILE_TEST_EXISTS) ? path : "/dev/null";
  argv[7] = got_path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &diff, NULL, NULL, NULL);
  tu_rm_rf (dir);
  if (g_getenv ("EPAPER_UPDATE_EXPECTED"))
    {
      g_assert_true (g_file_set_contents (path, got, -1, NULL));
      fprintf (stderr, "updated %s:\n%s", rel, diff ? diff : "");
      return;
    }
  /* raw UTF-8 (g_test_message would re-encode it to the locale's) */
  fprintf (stdout, "# %s differs from the output:\n", rel);
  lines = g_strsplit (diff ? diff : "", "\n", -1);
  for (char **l = lines; *l; l++)
    fprintf (stdout, "# %s\n", *l);
  g_test_fail_printf ("%s differs (run `make goldens` to review and update)", rel);
}
