/* test-typeset.c — the CJK typesetting engine (builder/typeset/typeset.c). */
#include "base/errors.h"
#include "model/model.h"
#include "typeset/typeset.h"
#include "testutil.h"
#include "typeset/seeds.h"
#include "typeset/lines.h"

#include <locale.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#define EM 9.0

static TsStyle
body_style (void)
{
  TsStyle st = { TS_ROLE_BODY, EM, 13.5, 2.0, TS_ALIGN_JUSTIFY, FALSE, FALSE, TS_BREAK_AUTO };
  return st;
}

static gunichar
line_first_char (const TsParagraph *par, guint l)
{
  g_autofree char *t = line_text (par, l);
  return g_utf8_get_char (t);
}

static TsStyle
plain_style (void)
{
  TsStyle st = body_style ();
  st.indent = 0;
  return st;
}

static TsParagraph *
set_plain (TsContext *ctx, const char *text, double ems)
{
  TsStyle st = plain_style ();
  TsParagraph *par = ts_set_text (ctx, text, &st, ems * EM);
  check_structure (par);
  return par;
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
            "folio:    { family: \"Noto Sans CJK SC\", package: fonts-noto-cjk }\n"
            "title:    { family: \"Noto Serif CJK SC\", weight: bold, package: fonts-noto-cjk }\n");
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

/* 4 em: "，" may not open line 2 and 丙丁，is too wide even compressed,
 * so 丁 moves down with it. */
static void
test_comma_never_starts_line (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲乙丙丁，戊己", 4);
  g_autofree char *b = breaks_of (par);
  g_assert_cmpstr (b, ==, "甲乙丙/丁，戊己");
}

/* An opening bracket never ends a line; at line start it is half width. */
static void
test_opener_never_ends_line (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲乙丙《丁戊》己庚辛", 4);
  g_autofree char *b = breaks_of (par);
  const TsLine *l1 = g_ptr_array_index (par->lines, 1);

  g_assert_cmpstr (b, ==, "甲乙丙/《丁戊》己/庚辛");
  /* 《 lost its blank leading half: its glyph origin sits at -0.5 em */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 3), -0.5 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (l1->width, 4 * EM, 0.01);
}

/* —— is never split and never starts a line; it spans exactly 2 em. */
static void
test_dash_unbreakable (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;

  for (double ems = 3; ems <= 6; ems++)
    {
      g_autoptr (TsParagraph) par = set_plain (ctx, "甲乙丙——丁戊己庚……辛壬", ems);
      for (guint l = 0; l < par->lines->len; l++)
        {
          gunichar c = line_first_char (par, l);
          g_assert_true (c != 0x2014 && c != 0x2026);
        }
    }
  {
    g_autoptr (TsParagraph) par = set_plain (ctx, "甲——乙", 10);
    g_assert_cmpfloat_with_epsilon (pos_of (par, 3) - pos_of (par, 1), 2 * EM, 0.01);
  }
}

/* Numbers with units or signs and Latin words are never split. */
static void
test_units_and_words_unbreakable (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  static const char *const keep[] = { "50%", "¥100", "3.5", "Pango", "km" };

  for (double ems = 4; ems <= 9; ems++)
    {
      g_autoptr (TsParagraph) par =
        set_plain (ctx, "甲乙丙丁增长50%戊己¥100庚辛3.5公里Pango之km路", ems);
      for (guint l = 0; l + 1 < par->lines->len; l++)
        {
          g_autofree char *a = line_text (par, l);
          g_autofree char *b = line_text (par, l + 1);
          g_autofree char *joint = g_strconcat (a, "|", b, NULL);

          for (guint k = 0; k < G_N_ELEMENTS (keep); k++)
            for (guint cut = 1; cut < strlen (keep[k]); cut++)
              {
                g_autofree char *split = g_strdup_printf ("%.*s|%s", cut, keep[k], keep[k] + cut);
                if (g_utf8_validate (split, -1, NULL))
                  g_assert_null (strstr (joint, split));
              }
        }
    }
}

/* Adjacent marks: ）。 occupies 1.5 em (the first mark's blank half goes). */
static void
test_adjacent_marks (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲（乙）。丙", 20);

  /* 甲 0, （ 1em, 乙 1.5em (（ keeps its blank: not at line start), ） 2.5 em,
   * 。 3 em (）trailing half removed), 丙 4 em */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 3) - pos_of (par, 2), 1.0 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (par, 4) - pos_of (par, 3), 0.5 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (par, 5) - pos_of (par, 4), 1.0 * EM, 0.01);
}

/* A full-width mark at the end of a justified line is half width: the line
 * "甲乙丙丁。" fits 4.5 em flush. */
static void
test_line_end_mark_half (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲乙丙丁。戊己庚辛", 4.5);
  g_autofree char *b = breaks_of (par);
  const TsLine *l0 = g_ptr_array_index (par->lines, 0);

  g_assert_cmpstr (b, ==, "甲乙丙丁。/戊己庚辛");
  g_assert_cmpfloat_with_epsilon (l0->width, 4.5 * EM, 0.01);
  /* not letter-spaced: 。 right after 丁 */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 4) - pos_of (par, 3), EM, 0.01);
}

/* Justification: flush both edges; pure-Han gaps all equal; Latin words
 * not letter-spaced; the last line not spaced out. */
static void
test_grid_justification (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  g_autoptr (TsParagraph) par =
    set_plain (ctx, "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥，天地玄黄宇宙洪荒。", 7.3);
  const TsLine *l0 = g_ptr_array_index (par->lines, 0);
  const TsLine *last = g_ptr_array_index (par->lines, par->lines->len - 1);
  double gap0 = pos_of (par, 1) - pos_of (par, 0);

  for (guint l = 0; l + 1 < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      g_assert_cmpfloat_with_epsilon (line->x + line->width, 7.3 * EM, 0.5);
    }
  for (guint c = 1; c + 1 < l0->char_count; c++)
    g_assert_cmpfloat_with_epsilon (pos_of (par, c + 1) - pos_of (par, c), gap0, 0.01);
  g_assert_cmpfloat (gap0, >, EM);
  g_assert_true (last->last);
  g_assert_cmpfloat_with_epsilon (pos_of (par, last->char_start + 1) - pos_of (par, last->char_start), EM, 0.01);
  {
    /* a Latin word on a stretched line keeps its natural letter spacing */
    g_autoptr (TsParagraph) p2 = set_plain (ctx, "甲乙丙丁戊Word己庚辛壬癸子丑寅", 8.4);
    g_autoptr (TsParagraph) p3 = set_plain (ctx, "甲乙丙丁戊Word", 30);
    const TsLine *line = g_ptr_array_index (p2->lines, 0);
    g_assert_cmpuint (line->char_start + line->char_count, >=, 9);
    g_assert_false (line->last);
    for (guint c = 5; c < 8; c++)
      g_assert_cmpfloat_with_epsilon (pos_of (p2, c + 1) - pos_of (p2, c),
                                      pos_of (p3, c + 1) - pos_of (p3, c), 0.01);
  }
}

/* ¼ em between Han and Latin/digits, not doubled by a source space; stray
 * spaces between Han characters are dropped. */
static void
test_han_latin_gap (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  g_autoptr (TsParagraph) a = set_plain (ctx, "从2022年起", 30);
  g_autoptr (TsParagraph) b = set_plain (ctx, "从 2022 年起", 30);
  g_autoptr (TsParagraph) c = set_plain (ctx, "吕梁 日报", 30);
  double adv2 = pos_of (a, 2) - pos_of (a, 1);

  g_assert_cmpfloat_with_epsilon (pos_of (a, 1) - pos_of (a, 0), 1.25 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (a, 5) - pos_of (a, 4), adv2 + 0.25 * EM, 0.01);
  g_assert_cmpstr (b->text, ==, "从 2022 年起");
  g_assert_cmpfloat_with_epsilon (pos_of (b, 2) - pos_of (b, 0), 1.25 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (b, 7) - pos_of (b, 5), adv2 + 0.25 * EM, 0.01);
  g_assert_cmpstr (c->text, ==, "吕梁日报");
  {
    /* bylines keep the editor's spaces, as 1 em */
    TsStyle by = plain_style ();
    g_autoptr (TsParagraph) d = NULL;

    by.role = TS_ROLE_BYLINE;
    d = ts_set_text (ctx, "记者 薛志雄 摄", &by, 30 * EM);
    g_assert_cmpstr (d->text, ==, "记者 薛志雄 摄");
    g_assert_cmpfloat_with_epsilon (pos_of (d, 3) - pos_of (d, 1), 2 * EM, 0.01);
  }
}

/* The last line never holds a single Han character. */
static void
test_orphan (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲乙丙丁戊己庚辛壬", 4);
  g_autoptr (TsParagraph) par2 = set_plain ((TsContext *) data, "甲乙丙丁戊己庚辛壬癸子", 5);
  g_autofree char *b = line_text (par, 2);
  g_autofree char *b2 = line_text (par2, 2);

  /* 4 + 4 + 1 would leave 壬 alone: one line gives up a character */
  g_assert_cmpuint (par->lines->len, ==, 3);
  g_assert_cmpstr (b, ==, "辛壬");
  /* 5 + 5 + 1: one line gives one up (not both: one spread line, not two) */
  g_assert_cmpuint (par2->lines->len, ==, 3);
  g_assert_cmpstr (b2, ==, "癸子");
}

/* Headlines: balanced, broken only between words (never 新引/擎, 天然/气). */
static void
test_headline (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = { TS_ROLE_HEADING, 20, 30, 0, TS_ALIGN_CENTER, FALSE, TRUE, TS_BREAK_AUTO };
  static const char *const words[] = { "新引擎", "天然气" };

  for (double ems = 6; ems <= 12; ems++)
    {
      g_autoptr (TsParagraph) par = ts_set_text (ctx, "新引擎带动天然气产业高质量发展取得新成效", &st, ems * 20);
      g_autofree char *b = breaks_of (par);
      double wmin = G_MAXDOUBLE, wmax = 0;

      check_structure (par);
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        for (const char *p = g_utf8_next_char (words[k]); *p; p = g_utf8_next_char (p))
          {
            g_autofree char *split = g_strdup_printf ("%.*s/%s", (int) (p - words[k]), words[k], p);
            g_assert_null (strstr (b, split));
          }
      for (guint l = 0; l < par->lines->len; l++)
        {
          const TsLine *line = g_ptr_array_index (par->lines, l);
          wmin = MIN (wmin, line->width);
          wmax = MAX (wmax, line->width);
          /* centred */
          g_assert_cmpfloat_with_epsilon (2 * line->x + line->width, ems * 20, 0.01);
        }
      g_assert_cmpfloat (wmax - wmin, <=, 3 * 20 + 0.01);
    }
}

/* Vertical: columns right to left, corner brackets for quotes, two digits
 * upright in one cell, kinsoku along the column. */
static void
test_vertical (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = { TS_ROLE_HEADING, 20, 30, 0, TS_ALIGN_START, TRUE, FALSE, TS_BREAK_AUTO };
  g_autoptr (TsParagraph) par = ts_set_text (ctx, "激活“数谷”动能，12月让吕梁数字经济加速跑。", &st, 6 * 20);
  const TsLine *c0 = g_ptr_array_index (par->lines, 0);
  const TsLine *c1 = g_ptr_array_index (par->lines, 1);

  check_structure (par);
  g_assert_true (par->vertical);
  g_assert_cmpstr (par->text, ==, "激活『数谷』动能，12月让吕梁数字经济加速跑。");
  g_assert_cmpfloat_with_epsilon (par->extent, par->lines->len * 30, 0.01);
  g_assert_cmpfloat_with_epsilon (c0->x, par->extent - 10, 0.01);
  g_assert_cmpfloat_with_epsilon (c0->x - c1->x, 30, 0.01);
  for (guint l = 0; l < par->lines->len; l++)
    {
      g_assert_false (g_utf8_strchr ("，。、』", -1, line_first_char (par, l)));
      g_assert_cmpfloat (((const TsLine *) g_ptr_array_index (par->lines, l))->width, <=, 6 * 20 + 0.01);
    }
  {
    /* "12": one cell of 1 em; 月 follows it 1 em further down */
    g_autoptr (TsParagraph) p2 = ts_set_text (ctx, "共12月", &st, 10 * 20);
    const TsLine *line = g_ptr_array_index (p2->lines, 0);
    g_assert_cmpfloat_with_epsilon (pos_of (p2, 3) - pos_of (p2, 0), 2 * 20, 0.01);
    g_assert_cmpfloat_with_epsilon (line->width, 3 * 20, 0.01);
  }
}

static gboolean
in_set (gunichar c, const char *set)
{
  return c && g_utf8_strchr (set, -1, c) != NULL;
}

/* Every paragraph of the sample pages at 8..30 ems: no kinsoku violation,
 * flush justified lines, no overfull line, text complete and in order,
 * no single-Han last line. */
static void
test_seed_pages (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  g_autoptr (GPtrArray) pars = seed_paragraphs (tu_srcdir ());
  static const double measures[] = { 8, 11, 13, 17, 22, 30 };
  const char *no_start = "、。，．：；！？”’」』）〕】〗］｝》〉—…%％·～,.;:!?)﹂﹄";
  const char *no_end = "“‘「『（〔【〖［｛《〈﹁﹃";
  guint lines = 0, orphans = 0;

  g_assert_cmpuint (pars->len, >, 50);
  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    for (guint i = 0; i < pars->len; i++)
      {
        TsStyle st = body_style ();
        const char *src = g_ptr_array_index (pars, i);
        g_autoptr (TsParagraph) par = ts_set_text (ctx, src, &st, measures[m] * EM);
        GString *a = g_string_new (NULL), *b = g_string_new (NULL);

        check_structure (par);
        for (const char *p = src; *p; p = g_utf8_next_char (p))
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            g_string_append_unichar (a, g_utf8_get_char (p));
        for (const char *p = par->text; *p; p = g_utf8_next_char (p))
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            g_string_append_unichar (b, g_utf8_get_char (p));
        g_assert_cmpstr (a->str, ==, b->str);
        g_string_free (a, TRUE);
        g_string_free (b, TRUE);
        for (guint l = 0; l < par->lines->len; l++)
          {
            const TsLine *line = g_ptr_array_index (par->lines, l);
            g_autofree char *t = line_text (par, l);
            g_autofree char *stripped = g_strstrip (g_strdup (t));
            gunichar first = g_utf8_get_char (stripped);
            gunichar last = *stripped ? g_utf8_get_char (g_utf8_prev_char (stripped + strlen (stripped))) : 0;

            lines++;
            if (in_set (first, no_start) || in_set (last, no_end))
              g_error ("kinsoku violation at %g em: line %u \"%s\"", measures[m], l, t);
            g_assert_cmpfloat (line->x + line->width, <=, measures[m] * EM + 0.5);
            if (!line->last && fabs (line->x + line->width - measures[m] * EM) > 0.5)
              g_error ("ragged line at %g em: line %u \"%s\" ends at %.2f", measures[m], l, t,
                       line->x + line->width);
            else if (l > 0 && g_utf8_strlen (stripped, -1) == 1)
              orphans++;
          }
      }
  g_test_message ("%u lines checked, %u orphans", lines, orphans);
  g_assert_cmpuint (orphans, ==, 0);
}

/* ts_measure_text: natural advance, Han–Latin gaps included. */
static void
test_measure_text (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = plain_style ();

  g_assert_cmpfloat_with_epsilon (ts_measure_text (ctx, "吕梁日报", &st), 4 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (ts_measure_text (ctx, "甲（乙）。", &st), 4 * EM, 0.01);
  g_assert_cmpfloat (ts_measure_text (ctx, "第2版", &st), >, 2.5 * EM);
  g_assert_cmpfloat_with_epsilon (ts_measure_text (ctx, "", &st), 0, 1e-9);
}

/* ts_set_block: strong runs are set in the heading face, others in the
 * style's role; the runs of a line follow the faces. */
static void
test_set_block (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = body_style ();
  g_autoptr (EdBlock) block = ed_block_new (ED_BLOCK_PARAGRAPH, 1);
  g_autoptr (TsParagraph) par = NULL;
  const TsLine *line;
  const TsGlyphRun *r0, *r1;

  ed_block_add_run (block, "本报讯", ED_RUN_STRONG);
  ed_block_add_run (block, "近日，记者获悉。", ED_RUN_PLAIN);
  par = ts_set_block (ctx, block, &st, 20 * EM);
  check_structure (par);
  g_assert_cmpstr (par->text, ==, "本报讯近日，记者获悉。");
  line = g_ptr_array_index (par->lines, 0);
  g_assert_cmpuint (line->runs->len, ==, 2);
  r0 = g_ptr_array_index (line->runs, 0);
  r1 = g_ptr_array_index (line->runs, 1);
  g_assert_cmpint (r0->role, ==, TS_ROLE_HEADING);
  g_assert_cmpint (r1->role, ==, TS_ROLE_BODY);
  g_assert_cmpstr (r0->utf8, ==, "本报讯");
  g_assert_true (r0->font != r1->font);
  g_assert_cmpuint (par->missing, ==, 0);
}

/* Characters no font has are set as .notdef and counted. */
static void
test_missing_glyphs (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲\U000F0001乙", 10);
  g_assert_cmpuint (par->missing, ==, 1);
  g_assert_cmpuint (g_utf8_strlen (par->text, -1), ==, 3);
}

/* Vertical: an opening bracket at the top of a column loses its blank
 * half; sideways Latin uses a rotated font; ：stays 1 em. */
static void
test_vertical_marks (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = { TS_ROLE_HEADING, 20, 30, 0, TS_ALIGN_START, TRUE, FALSE, TS_BREAK_AUTO };
  g_autoptr (TsParagraph) par = ts_set_text (ctx, "《吕梁》：Pango甲", &st, 20 * 20);
  const TsLine *line = g_ptr_array_index (par->lines, 0);
  const TsGlyphRun *latin = NULL, *han = g_ptr_array_index (line->runs, 0);
  cairo_matrix_t m;

  check_structure (par);
  /* 《 at -0.5 em, 吕 at 0.5 em */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 1) - pos_of (par, 0), 1.0 * 20, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (par, 0), 0.88 * 20 - 0.5 * 20, 0.01);
  /* 》：are adjacent marks: 》 loses its trailing half, ：keeps 1 em */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 4) - pos_of (par, 3), 0.5 * 20, 0.01);
  /* (upright glyph origins sit 0.88 em below the cell top, sideways ones at it) */
  g_assert_cmpfloat_with_epsilon (pos_of (par, 5) - pos_of (par, 4), 1.0 * 20 - 0.88 * 20, 0.01);
  for (guint r = 0; r < line->runs->len; r++)
    if (strstr (((const TsGlyphRun *) g_ptr_array_index (line->runs, r))->utf8, "Pango"))
      latin = g_ptr_array_index (line->runs, r);
  g_assert_nonnull (latin);
  cairo_scaled_font_get_font_matrix (latin->font, &m);
  g_assert_cmpfloat_with_epsilon (m.xx, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (m.yx, 20, 1e-6);   /* x axis turned to +y */
  cairo_scaled_font_get_font_matrix (han->font, &m);
  g_assert_cmpfloat_with_epsilon (m.xx, 20, 1e-6);
}

/* Golden dumps: tests/typeset/NAME.txt against NAME.expected.  A line
 * "# key=value …" sets the style of the paragraphs after it (measure in
 * ems of size; role body|heading|byline|caption; align
 * justify|center|start|end; breaks auto|text|phrase|balanced; indent,
 * size, headline, vertical); paragraphs are separated by blank lines;
 * **text** is a run-in span in the heading face (a dateline).  `make
 * goldens` rewrites the expected files, printing the diff applied. */
static void
golden_style (const char *line, TsStyle *st, double *measure)
{
  g_auto (GStrv) opts = g_strsplit (line + 2, " ", -1);
  static const char *const roles[] = { "body", "heading", "kicker", "subtitle", "byline",
                                       "caption" };
  static const char *const aligns[] = { "justify", "start", "center", "end" };
  static const char *const breaks[] = { "auto", "text", "phrase", "balanced" };

  *st = body_style ();
  st->indent = 0;
  *measure = 10;
  for (guint i = 0; opts[i]; i++)
    {
      const char *v = strchr (opts[i], '=') + 1;

      if (g_str_has_prefix (opts[i], "measure="))
        *measure = g_ascii_strtod (v, NULL);
      else if (g_str_has_prefix (opts[i], "size="))
        st->size = g_ascii_strtod (v, NULL), st->pitch = st->size * 1.5;
      else if (g_str_has_prefix (opts[i], "indent="))
        st->indent = g_ascii_strtod (v, NULL);
      else if (g_str_has_prefix (opts[i], "headline="))
        st->headline = atoi (v);
      else if (g_str_has_prefix (opts[i], "vertical="))
        st->vertical = atoi (v);
      for (guint k = 0; k < G_N_ELEMENTS (roles); k++)
        if (g_str_has_prefix (opts[i], "role=") && !strcmp (v, roles[k]))
          st->role = (TsRole) k;
      for (guint k = 0; k < G_N_ELEMENTS (aligns); k++)
        if (g_str_has_prefix (opts[i], "align=") && !strcmp (v, aligns[k]))
          st->align = (TsAlign) k;
      for (guint k = 0; k < G_N_ELEMENTS (breaks); k++)
        if (g_str_has_prefix (opts[i], "breaks=") && !strcmp (v, breaks[k]))
          st->breaks = (TsBreak) k;
    }
}

/* Sets @text ("**run-in**rest") in @st. */
static TsParagraph *
golden_set (TsContext *ctx, const char *text, const TsStyle *st, double measure)
{
  g_auto (GStrv) parts = g_strsplit (text, "**", -1);
  guint n = g_strv_length (parts);
  g_autofree TsSpan *spans = g_new0 (TsSpan, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      spans[i].text = parts[i];
      spans[i].role = i % 2 ? TS_ROLE_HEADING : st->role;
    }
  return ts_set_spans (ctx, spans, n, st, measure * st->size);
}

static char *
golden_dump (TsContext *ctx, const char *path)
{
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  TsStyle st = body_style ();
  double measure = 10;
  GString *out = g_string_new (NULL), *cur = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "# "));
  for (guint i = 0; ; i++)
    {
      if (lines[i] && lines[i][0] && !g_str_has_prefix (lines[i], "# "))
        {
          g_string_append (cur, lines[i]);
          continue;
        }
      if (cur->len)
        {
          g_autoptr (TsParagraph) par = golden_set (ctx, cur->str, &st, measure);
          g_autofree char *dump = ts_paragraph_dump (par);
          check_structure (par);
          if (out->len)
            g_string_append_c (out, '\n');
          g_string_append (out, dump);
          g_string_truncate (cur, 0);
        }
      if (!lines[i])
        break;
      if (g_str_has_prefix (lines[i], "# "))
        golden_style (lines[i], &st, &measure);
    }
  g_string_free (cur, TRUE);
  return g_string_free (out, FALSE);
}

static void
test_golden (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  static const char *const names[] = { "body-13em", "headline-9em", "vertical-7em", "examples" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *in_rel = g_strdup_printf ("tests/typeset/%s.txt", names[i]);
      g_autofree char *exp_rel = g_strdup_printf ("tests/typeset/%s.expected", names[i]);
      g_autofree char *in = tu_path (in_rel);
      g_autofree char *got = golden_dump (ctx, in);

      tu_assert_golden (exp_rel, got);
    }
}

/* Compression order: ，、；： and brackets before 。？！ (rules §2).  The
 * paragraph must be one line (a second would hold one character). */
static void
test_compression_order (gconstpointer data)
{
  g_autoptr (TsParagraph) par = set_plain ((TsContext *) data, "甲乙，丙丁。戊", 6.5);
  g_autofree char *b = breaks_of (par);

  g_assert_cmpstr (b, ==, "甲乙，丙丁。戊");
  g_assert_cmpfloat_with_epsilon (pos_of (par, 3) - pos_of (par, 2), 0.5 * EM, 0.01);
  g_assert_cmpfloat_with_epsilon (pos_of (par, 6) - pos_of (par, 5), 1.0 * EM, 0.01);
}

/* TS_ALIGN_CENTER_SHORT (boxed notices): one line centred; longer text
 * justified, its last line at the start. */
static void
test_center_short (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = { TS_ROLE_HEADING, 20, 30, 0, TS_ALIGN_CENTER_SHORT, FALSE, FALSE, TS_BREAK_AUTO };
  g_autoptr (TsParagraph) one = ts_set_text (ctx, "甲乙丙丁", &st, 10 * 20);
  g_autoptr (TsParagraph) many = ts_set_text (ctx, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸子丑寅", &st, 10 * 20);
  const TsLine *l0, *ll;

  g_assert_cmpuint (one->lines->len, ==, 1);
  l0 = g_ptr_array_index (one->lines, 0);
  g_assert_cmpfloat_with_epsilon (2 * l0->x + l0->width, 10 * 20, 0.01);
  g_assert_cmpfloat (l0->x, >, 50);
  g_assert_cmpuint (many->lines->len, ==, 3);
  l0 = g_ptr_array_index (many->lines, 0);
  ll = g_ptr_array_index (many->lines, 2);
  g_assert_cmpfloat_with_epsilon (l0->x, 0, 0.01);
  g_assert_cmpfloat_with_epsilon (l0->width, 10 * 20, 0.01);
  g_assert_cmpfloat_with_epsilon (ll->x, 0, 0.01);
  g_assert_cmpfloat (ll->width, <, 10 * 20);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (TsContext) ctx = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  ctx = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  g_test_add_func ("/typeset/fonts/missing-font", test_missing_font);
  g_test_add_func ("/typeset/fonts/bad-roles-file", test_bad_roles_file);
  g_test_add_data_func ("/typeset/basic/paragraph", ctx, test_basic_paragraph);
  g_test_add_data_func ("/typeset/kinsoku/comma-never-starts-line", ctx, test_comma_never_starts_line);
  g_test_add_data_func ("/typeset/kinsoku/opener-never-ends-line", ctx, test_opener_never_ends_line);
  g_test_add_data_func ("/typeset/kinsoku/dash-unbreakable", ctx, test_dash_unbreakable);
  g_test_add_data_func ("/typeset/kinsoku/units-and-words", ctx, test_units_and_words_unbreakable);
  g_test_add_data_func ("/typeset/punct/adjacent-marks", ctx, test_adjacent_marks);
  g_test_add_data_func ("/typeset/punct/line-end-half", ctx, test_line_end_mark_half);
  g_test_add_data_func ("/typeset/punct/compression-order", ctx, test_compression_order);
  g_test_add_data_func ("/typeset/justify/grid", ctx, test_grid_justification);
  g_test_add_data_func ("/typeset/latin/han-latin-gap", ctx, test_han_latin_gap);
  g_test_add_data_func ("/typeset/paragraph/orphan", ctx, test_orphan);
  g_test_add_data_func ("/typeset/headline/words-balanced", ctx, test_headline);
  g_test_add_data_func ("/typeset/align/center-short", ctx, test_center_short);
  g_test_add_data_func ("/typeset/vertical/columns", ctx, test_vertical);
  g_test_add_data_func ("/typeset/api/measure-text", ctx, test_measure_text);
  g_test_add_data_func ("/typeset/api/set-block", ctx, test_set_block);
  g_test_add_data_func ("/typeset/api/missing-glyphs", ctx, test_missing_glyphs);
  g_test_add_data_func ("/typeset/vertical/marks", ctx, test_vertical_marks);
  g_test_add_data_func ("/typeset/golden/dumps", ctx, test_golden);
  g_test_add_data_func ("/typeset/property/seed-pages", ctx, test_seed_pages);
  return g_test_run ();
}
