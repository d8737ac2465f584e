/* test-fuzz-regressions.c — replays through the fuzzing harnesses
 * (tests/fuzz/fuzz-*.c, the same code libFuzzer runs) every input an
 * earlier fuzzing run found a fault with (tests/fuzz/regressions/NAME/)
 * and every seed of the corpus, in plain `make check` too.  A fault is an
 * abort, a crash or (under SANITIZE=1) a sanitizer report. */
#define FUZZ_NO_ENTRY
#include "fuzz/fuzz-model.c"
#include "fuzz/fuzz-import.c"
#include "testutil.h"

typedef int (*FuzzRun) (const uint8_t *data, size_t size);

/* Runs @run on every regular file below @rel; returns how many. */
static guint
replay_dir (const char *rel, const char *suffix, FuzzRun run)
{
  g_autofree char *dir = tu_path (rel);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *sub = g_build_filename (rel, name, NULL);
          n += replay_dir (sub, suffix, run);
          continue;
        }
      if ((suffix && !g_str_has_suffix (name, suffix)) || name[0] == '.')
        continue;
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_test_message ("%s", path);
      run ((const uint8_t *) data, len);
      n++;
    }
  return n;
}

static void
test_model (void)
{
  replay_dir ("tests/fuzz/regressions/model", NULL, fuzz_model_run);
  g_assert_cmpuint (replay_dir ("tests/editions", NULL, fuzz_model_run), >, 30);
}

static void
test_import (void)
{
  replay_dir ("tests/fuzz/regressions/import", NULL, fuzz_import_run);
  g_assert_cmpuint (replay_dir ("seeds", ".txt", fuzz_import_run), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fuzz-regressions/model", test_model);
  g_test_add_func ("/fuzz-regressions/import", test_import);
  return g_test_run ();
}
