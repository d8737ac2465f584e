/* testutil.h — helpers shared by the GTest programs in tests/. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
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
