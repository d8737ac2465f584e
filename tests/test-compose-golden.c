/* test-compose-golden.c — composition golden files.
 *
 * One test per edition × layout: every test edition (tests/editions/NAME)
 * and every sample page (seeds/NNN_HASH.txt, imported) composed on every
 * layout (layouts/NAME.yaml), its comp_edition_dump() compared with
 * tests/compose/EDITION@LAYOUT.expected.  A mismatch prints the unified
 * diff.  `make goldens` (EPAPER_UPDATE_EXPECTED=1) rewrites the files and
 * prints the diff it applies, so a change of output is a reviewed diff.
 */
#include "compose/compose.h"
#include "import/import.h"
#include "testutil.h"

#include <string.h>

typedef struct {
  char *edition;   /* "example" or "seed-000" */
  char *source;    /* edition folder or seed page, below the source tree */
  char *layout;
} Case;

static void
case_free (Case *c)
{
  g_free (c->edition);
  g_free (c->source);
  g_free (c->layout);
  g_free (c);
}

/* Seed 000 prints no year; the Makefile's `make edition` dates it too. */
static const char *
seed_date (const char *stem)
{
  return strcmp (stem, "000") == 0 ? "2025-02-19" : NULL;
}

static EdEdition *
load_case (const Case *c)
{
  g_autoptr (GError) error = NULL;
  EdEdition *ed;

  if (g_str_has_prefix (c->edition, "seed-"))
    {
      g_autofree char *path = tu_path (c->source);
      char *paths[] = { path, NULL };
      ImpOptions opts = { .date = seed_date (c->edition + 5) };
      ed = imp_import_pages (paths, &opts, &error);
    }
  else
    {
      g_autofree char *dir = tu_path (c->source);
      ed = ed_edition_load (dir, &error);
    }
  g_assert_no_error (error);
  return ed;
}

/* Unified diff of two texts (diff -u), for the log. */
static char *
unified_diff (const char *expected_path, const char *actual)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "actual", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "diff", "-u", expected_path, path, NULL };

  g_assert_true (g_file_set_contents (path, actual, -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, NULL, NULL);
  tu_rm_rf (dir);
  return g_steal_pointer (&out);
}

static void
test_golden (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = load_case (c);
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (LaySpec) spec = lay_spec_load_named (tu_srcdir (), c->layout, &error);
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *name = g_strdup_printf ("tests/compose/%s@%s.expected", c->edition, c->layout);
  g_autofree char *path = tu_path (name);
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  ts = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  ce = comp_edition_new (ed, spec, ts, &error);
  g_assert_no_error (error);
  dump = comp_edition_dump (ce);
  if (!g_file_get_contents (path, &expected, NULL, NULL))
    expected = g_strdup ("");
  if (strcmp (expected, dump) == 0)
    return;
  {
    g_autofree char *diff = unified_diff (path, dump);
    if (g_getenv ("EPAPER_UPDATE_EXPECTED"))
      {
        g_assert_true (g_file_set_contents (path, dump, -1, NULL));
        fprintf (stderr, "updated %s:\n%s", name, diff ? diff : "");
        return;
      }
    /* raw UTF-8 (g_test_message would re-encode it to the locale's) */
    fprintf (stdout, "# %s differs from the composition:\n", name);
    for (char **l = g_strsplit (diff ? diff : "", "\n", -1), **p = l; *p; p++)
      {
        fprintf (stdout, "# %s\n", *p);
        if (!p[1])
          g_strfreev (l);
      }
    g_test_fail_printf ("%s differs (run `make goldens` to review and update)", name);
  }
}

/* Every test edition and seed page × every layout, in a stable order. */
static GPtrArray *
list_cases (void)
{
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  g_autoptr (GPtrArray) eds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) srcs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_free);
  const char *dirs[] = { "tests/editions", "seeds", "layouts" };

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = tu_path (dirs[d]);
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *n;

      g_assert_nonnull (dir);
      while ((n = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_strdup (n));
      g_ptr_array_sort (names, (GCompareFunc) tu_strcmp_indirect);
      for (guint i = 0; i < names->len; i++)
        {
          const char *name = g_ptr_array_index (names, i);
          if (d == 0)
            {
              g_autofree char *yaml = g_build_filename (path, name, "edition.yaml", NULL);
              if (!g_file_test (yaml, G_FILE_TEST_IS_REGULAR))
                continue;
              g_ptr_array_add (eds, g_strdup (name));
              g_ptr_array_add (srcs, g_build_filename (dirs[d], name, NULL));
            }
          else if (d == 1 && g_str_has_suffix (name, ".txt"))
            {
              g_ptr_array_add (eds, g_strdup_printf ("seed-%.3s", name));
              g_ptr_array_add (srcs, g_build_filename (dirs[d], name, NULL));
            }
          else if (d == 2 && g_str_has_suffix (name, ".yaml"))
            g_ptr_array_add (layouts, g_strndup (name, strlen (name) - 5));
        }
    }
  for (guint i = 0; i < eds->len; i++)
    for (guint l = 0; l < layouts->len; l++)
      {
        Case *c = g_new0 (Case, 1);
        c->edition = g_strdup (g_ptr_array_index (eds, i));
        c->source = g_strdup (g_ptr_array_index (srcs, i));
        c->layout = g_strdup (g_ptr_array_index (layouts, l));
        g_ptr_array_add (cases, c);
      }
  return cases;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) cases = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  cases = list_cases ();
  g_assert_cmpuint (cases->len, >=, 4 * 4);
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autofree char *tname = g_strdup_printf ("/compose-golden/%s@%s", c->edition, c->layout);
      g_test_add_data_func (tname, c, test_golden);
    }
  rc = g_test_run ();
  return rc;
}
