/* seeds.h — crude paragraphs from the sample pages (seeds/NAME.txt), shared by
 * test-typeset.c and bench-typeset.c.  Good enough for typesetting tests:
 * a short line ending in 。！？” ends a paragraph. */
#pragma once

#include <glib.h>
#include <string.h>

/* Returns the paragraphs of every seeds/NAME.txt under @srcdir, in file-name
 * order, as a GPtrArray of char * (owned). */
static inline int
seed_compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static inline GPtrArray *
seed_paragraphs (const char *srcdir)
{
  g_autofree char *dir = g_build_filename (srcdir, "seeds", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *pars = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, seed_compare_names);
  for (guint f = 0; f < names->len; f++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, f), NULL);
      g_autofree char *data = NULL;
      g_auto (GStrv) lines = NULL;
      GString *cur = g_string_new (NULL);
      GArray *lens = g_array_new (FALSE, FALSE, sizeof (glong));
      glong median;

      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      lines = g_strsplit (data, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          glong len = g_utf8_strlen (g_strstrip (lines[i]), -1);
          if (len > 0)
            g_array_append_val (lens, len);
        }
      {
        /* median line length */
        glong *v = (glong *) lens->data;
        for (guint i = 1; i < lens->len; i++)
          for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
            {
              glong t = v[j];
              v[j] = v[j - 1];
              v[j - 1] = t;
            }
        median = lens->len ? v[lens->len / 2] : 0;
      }
      for (guint i = 0; lines[i]; i++)
        {
          const char *l = lines[i];
          glong len = g_utf8_strlen (l, -1);
          const char *last;

          if (!len)
            continue;
          g_string_append (cur, l);
          last = g_utf8_prev_char (l + strlen (l));
          if (len < median * 8 / 10 && strstr ("。！？”：", last) && last[0])
            {
              g_ptr_array_add (pars, g_strdup (cur->str));
              g_string_truncate (cur, 0);
            }
        }
      if (cur->len)
        g_ptr_array_add (pars, g_strdup (cur->str));
      g_string_free (cur, TRUE);
      g_array_unref (lens);
    }
  return pars;
}
