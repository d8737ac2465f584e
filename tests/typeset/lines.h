/* lines.h — reading a set paragraph in the typesetter's tests
 * (test-typeset.c, test-breaks.c): line texts and structure checks. */
#pragma once

#include <glib.h>

#include "typeset/typeset.h"

/* Text of line @l of @par; caller owns it. */
static inline char *
line_text (const TsParagraph *par, guint l)
{
  const TsLine *line = g_ptr_array_index (par->lines, l);
  const char *a = g_utf8_offset_to_pointer (par->text, line->char_start);
  const char *b = g_utf8_offset_to_pointer (a, line->char_count);
  return g_strndup (a, b - a);
}

/* The lines' texts joined with "/" (a compact picture of the breaks). */
static inline char *
breaks_of (const TsParagraph *par)
{
  GString *out = g_string_new (NULL);
  for (guint l = 0; l < par->lines->len; l++)
    {
      g_autofree char *t = line_text (par, l);
      if (l)
        g_string_append_c (out, '/');
      g_string_append (out, t);
    }
  return g_string_free (out, FALSE);
}

/* Checks the invariants every paragraph must satisfy: lines cover the text
 * in order, clusters are consistent with the runs' text and glyphs. */
static inline void
check_structure (const TsParagraph *par)
{
  guint next = 0;

  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      GString *joined = g_string_new (NULL);
      g_autofree char *text = line_text (par, l);

      g_assert_cmpuint (line->char_start, ==, next);
      next += line->char_count;
      for (guint r = 0; r < line->runs->len; r++)
        {
          const TsGlyphRun *run = g_ptr_array_index (line->runs, r);
          int bytes = 0, glyphs = 0;

          for (int c = 0; c < run->n_clusters; c++)
            {
              g_assert_true (run->clusters[c].num_bytes > 0 || run->clusters[c].num_glyphs > 0);
              bytes += run->clusters[c].num_bytes;
              glyphs += run->clusters[c].num_glyphs;
            }
          g_assert_cmpint (bytes, ==, run->utf8_len);
          g_assert_cmpint (glyphs, ==, run->n_glyphs);
          g_string_append_len (joined, run->utf8, run->utf8_len);
        }
      g_assert_cmpstr (joined->str, ==, text);
      g_string_free (joined, TRUE);
    }
  g_assert_cmpuint (next, ==, g_utf8_strlen (par->text, -1));
}

/* Position along the line (pt from the line origin) of the first glyph of
 * the cluster holding character @c (code point index in the paragraph). */
static inline double
glyph_pos (const TsParagraph *par, guint c, gboolean *found)
{
  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      guint ci = line->char_start;

      for (guint r = 0; r < line->runs->len; r++)
        {
          const TsGlyphRun *run = g_ptr_array_index (line->runs, r);
          const char *p = run->utf8;
          int g = 0;

          for (int k = 0; k < run->n_clusters; k++)
            {
              guint nchars = g_utf8_strlen (p, run->clusters[k].num_bytes);
              if (c >= ci && c < ci + nchars && run->clusters[k].num_glyphs > 0)
                {
                  *found = TRUE;
                  return par->vertical ? run->glyphs[g].y : run->glyphs[g].x;
                }
              ci += nchars;
              p += run->clusters[k].num_bytes;
              g += run->clusters[k].num_glyphs;
            }
        }
    }
  *found = FALSE;
  return 0;
}

static inline double
pos_of (const TsParagraph *par, guint c)
{
  gboolean found;
  double x = glyph_pos (par, c, &found);
  g_assert_true (found);
  return x;
}
