/* test-typeset.c — the CJK typesetting engine (builder/typeset.c). */
#include "errors.h"
#include "typeset.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

#define EM 9.0

static TsStyle
body_style (void)
{
  TsStyle st = { TS_ROLE_BODY, EM, 13.5, 2.0, TS_ALIGN_JUSTIFY, FALSE, FALSE };
  return st;
}

/* Text of line @l of @par; caller owns it. */
static char *
line_text (const TsParagraph *par, guint l)
{
  const TsLine *line = g_ptr_array_index (par->lines, l);
  const char *a = g_utf8_offset_to_pointer (par->text, line->char_start);
  const char *b = g_utf8_offset_to_pointer (a, line->char_count);
  return g_strndup (a, b - a);
}

static gunichar
line_first_char (const TsParagraph *par, guint l)
{
  g_autofree char *t = line_text (par, l);
  return g_utf8_get_char (t);
}

/* Checks the invariants every paragraph must satisfy: lines cover the text
 * in order, clusters are consistent with the runs' text and glyphs. */
static void
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

static void
test_missing_font (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *conf_src = tu_path ("fonts/fonts.conf");
  g_autofree char *conf = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TsContext) ctx = NULL;

  g_assert_true (g_file_get_contents (conf_src, &conf, NULL, NULL));
  tu_write (dir, "fonts.conf", conf);
  tu_write (dir, "roles.yaml",
            "body:     { family: \"Noto Serif CJK SC\", weight: regular, package: fonts-noto-cjk }\n"
            "heading:  { family: \"No Such Hei\", weight: bold, package: fonts-no-such-hei }\n"
            "kicker:   { family: \"Noto Sans CJK SC\", weight: bold, package: fonts-noto-cjk }\n"
            "subtitle: { family: \"Noto Sans CJK SC\", weight: bold, package: fonts-noto-cjk }\n"
            "byline:   { family: \"AR PL UKai CN\", package: fonts-arphic-ukai }\n"
            "caption:  { family: \"AR PL UKai CN\", package: fonts-arphic-ukai }\n"
            "masthead: { family: \"Noto Serif CJK SC\", weight: bold, package: fonts-noto-cjk }\n"
            "folio:    { family: \"Noto Sans CJK SC\", package: fonts-noto-cjk }\n");
  ctx = ts_context_new (dir, &error);
  g_assert_null (ctx);
  g_assert_error (error, EB_ERROR, EB_ERROR_FONT);
  g_assert_nonnull (strstr (error->message, "fonts-no-such-hei"));
  g_assert_nonnull (strstr (error->message, "heading"));
  tu_rm_rf (dir);
}

static void
test_bad_roles_file (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (TsContext) ctx = NULL;

  tu_write (dir, "fonts.conf", "<fontconfig><dir>/usr/share/fonts</dir></fontconfig>\n");
  tu_write (dir, "roles.yaml", "body: { family: \"Noto Serif CJK SC\" }\nbogus: { family: x }\n");
  ctx = ts_context_new (dir, &error);
  g_assert_null (ctx);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "roles.yaml:2:"));
  tu_rm_rf (dir);
}

static void
test_basic_paragraph (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = body_style ();
  g_autoptr (TsParagraph) par = NULL;

  par = ts_set_text (ctx, "近年来，市委、市政府高度重视科技成果转化工作，聚焦“985”重点产业链，"
                     "积极培育和发展新质生产力。从2022年起，市财政每年投入4000万元支持校地合作项目。",
                     &st, 12 * EM);
  check_structure (par);
  g_assert_cmpuint (par->lines->len, >=, 4);
  g_assert_cmpfloat_with_epsilon (par->extent, par->lines->len * 13.5, 1e-9);
  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);

      /* first line indented exactly 2 em; non-final lines flush */
      g_assert_cmpfloat_with_epsilon (line->x, l == 0 ? 2 * EM : 0, 0.01);
      if (!line->last)
        g_assert_cmpfloat_with_epsilon (line->x + line->width, 12 * EM, 0.5);
      g_assert_cmpfloat_with_epsilon (line->y, l * 13.5 + 0.88 * EM, 0.01);
      g_assert_false (g_utf8_strchr ("，。、”）", -1, line_first_char (par, l)));
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (TsContext) ctx = NULL;

  g_test_init (&argc, &argv, NULL);
  ctx = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  g_test_add_func ("/typeset/fonts/missing-font", test_missing_font);
  g_test_add_func ("/typeset/fonts/bad-roles-file", test_bad_roles_file);
  g_test_add_data_func ("/typeset/basic/paragraph", ctx, test_basic_paragraph);
  return g_test_run ();
}
