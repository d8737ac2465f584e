/* compose-cases.h — the composition cases the composer's tests share:
 * every test edition (tests/editions/NAME) and every sample page
 * (seeds/NNN_HASH.txt, imported) on every layout (layouts/NAME.yaml).
 */
#pragma once

#include "compose/compose.h"
#include "import/import.h"
#include "testutil.h"

#include <string.h>

typedef struct {
  char *edition;   /* "example" or "seed-000" */
  char *source;    /* edition folder or seed page, below the source tree */
  char *layout;
} Case;

static inline void
case_free (Case *c)
{
  g_free (c->edition);
  g_free (c->source);
  g_free (c->layout);
  g_free (c);
}

/* Seed 000 prints no year; the Makefile's `make edition` dates it too. */
static inline const char *
seed_date (const char *stem)
{
  return strcmp (stem, "000") == 0 ? "2025-02-19" : NULL;
}

static inline EdEdition *
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

/* Every test edition and seed page × every layout, in a stable order. */
static inline GPtrArray *
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

