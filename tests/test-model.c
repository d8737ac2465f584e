/* test-model.c — edition source parser and model (builder/model/model.c). */
#include "base/errors.h"
#include "model/model.h"
#include "base/dates.h"
#include "testutil.h"

#include <string.h>

static const char *const EDITION_HEAD =
  "paper: 测试日报\n"
  "date: 2024-05-20\n"
  "issue: \"100\"\n"
  "pages:\n"
  "  - section: 要闻\n"
  "    articles:\n"
  "      - a.md\n";

static const char *const GOOD_ARTICLE =
  "---\n"
  "title: 标题\n"
  "---\n"
  "正文第一段。\n";

static void
test_example_edition (void)
{
  g_autofree char *dir = tu_path ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (dir, &error);
  const EdArticle *lead, *gas, *voices;
  const EdBlock *last, *first;

  g_assert_no_error (error);
  g_assert_nonnull (ed);
  g_assert_cmpstr (ed->paper, ==, "吕梁日报");
  g_assert_cmpstr (ed->date, ==, "2025-02-18");
  g_assert_cmpstr (eb_weekday_name (&ed->gdate), ==, "星期二");
  g_assert_cmpstr (ed->language, ==, "zh-CN");
  g_assert_cmpuint (ed->pages->len, ==, 2);
  g_assert_cmpuint (ed->articles->len, ==, 3);
  g_assert_cmpuint (ed->notes->len, ==, 0);

  lead = ed_edition_find_article (ed, "tech-transfer");
  g_assert_nonnull (lead);
  g_assert_cmpstr (lead->kicker, ==, "市政协委员建言献策");
  g_assert_cmpstr (lead->subtitle, ==, "——张伟委员谈科技成果转化");
  g_assert_true (lead->lead);
  g_assert_cmpint (lead->priority, ==, 2);
  g_assert_cmpuint (lead->page, ==, 1);
  /* ## subhead, then a caption-only figure with its credit */
  g_assert_cmpint (((EdBlock *) g_ptr_array_index (lead->blocks, 2))->kind, ==, ED_BLOCK_HEADING);
  last = g_ptr_array_index (lead->blocks, lead->blocks->len - 1);
  g_assert_cmpint (last->kind, ==, ED_BLOCK_FIGURE);
  g_assert_null (last->image);
  g_assert_cmpstr (last->caption, ==, "图为张伟委员在小组讨论中发言。");
  g_assert_cmpstr (last->credit, ==, "记者 薛志雄 摄");

  gas = ed_edition_find_article (ed, "natural-gas");
  first = g_ptr_array_index (gas->blocks, 0);
  g_assert_cmpint (((EdRun *) g_ptr_array_index (first->runs, 0))->flags, ==, ED_RUN_STRONG);
  g_assert_cmpstr (((EdRun *) g_ptr_array_index (first->runs, 0))->text, ==, "本报讯");

  voices = ed_edition_find_article (ed, "committee-voices");
  g_assert_true (voices->vertical_title);
  g_assert_cmpuint (voices->page, ==, 2);
  g_assert_cmpint (((EdBlock *) g_ptr_array_index (voices->blocks, 0))->kind, ==, ED_BLOCK_NOTE);
  g_assert_true (g_ptr_array_index (((EdPage *) g_ptr_array_index (ed->pages, 1))->articles, 0)
                 == voices);
}

/* Builds an edition folder from the standard head and one article text,
 * then loads it. */
static EdEdition *
load_with (const char *edition_yaml, const char *article, char **dir_out, GError **error)
{
  char *dir = tu_mkdtemp ();
  EdEdition *ed;

  tu_write (dir, "edition.yaml", edition_yaml ? edition_yaml : EDITION_HEAD);
  if (article)
    tu_write (dir, "a.md", article);
  ed = ed_edition_load (dir, error);
  *dir_out = dir;
  return ed;
}

/* Asserts that loading fails with an input error whose message starts with
 * <file in dir>:<line>: and contains @what. */
static void
assert_bad (const char *edition_yaml, const char *article, const char *file,
            guint line, const char *what)
{
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = load_with (edition_yaml, article, &dir, &error);
  g_autofree char *prefix = NULL;

  g_assert_null (ed);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  prefix = g_strdup_printf ("%s/%s:%u: ", dir, file, line);
  if (!g_str_has_prefix (error->message, prefix) || !strstr (error->message, what))
    g_error ("message '%s' lacks '%s' or '%s'", error->message, prefix, what);
  tu_rm_rf (dir);
}

static void
test_good_minimal (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = load_with (NULL, GOOD_ARTICLE, &dir, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ed->layout, ==, "broadsheet");
  g_assert_cmpstr (ed->issue, ==, "100");
  g_assert_cmpstr (((EdArticle *) g_ptr_array_index (ed->articles, 0))->id, ==, "a");
  tu_rm_rf (dir);
}

static void
test_bad_missing_title (void)
{
  assert_bad (NULL, "---\nkicker: 引题\n---\n正文。\n", "a.md", 1, "no 'title'");
}

static void
test_bad_invalid_date (void)
{
  assert_bad ("paper: 报\ndate: 2024-02-30\npages:\n  - section: 要闻\n    articles: [a.md]\n",
              GOOD_ARTICLE, "edition.yaml", 2, "invalid date '2024-02-30'");
  assert_bad ("paper: 报\ndate: 20 May 2024\npages:\n  - section: 要闻\n    articles: [a.md]\n",
              GOOD_ARTICLE, "edition.yaml", 2, "invalid date");
}

static void
test_bad_missing_article (void)
{
  assert_bad (NULL, NULL, "edition.yaml", 7, "article 'a.md' not found");
}

static void
test_bad_utf8 (void)
{
  assert_bad (NULL, "---\ntitle: 标题\n---\n第一行\n坏\xff\xfe字\n", "a.md", 5,
              "invalid UTF-8 at byte offset 35");
}

static void
test_bad_empty_body (void)
{
  assert_bad (NULL, "---\ntitle: 标题\n---\n\n   \n", "a.md", 4, "empty body");
}

static void
test_bad_duplicate (void)
{
  assert_bad ("paper: 报\ndate: 2024-05-20\npages:\n  - section: 要闻\n    articles:\n      - a.md\n"
              "  - section: 时政\n    articles:\n      - a.md\n",
              GOOD_ARTICLE, "edition.yaml", 9, "listed twice");
}

static void
test_bad_image_outside (void)
{
  assert_bad (NULL, "---\ntitle: 标题\n---\n正文。\n\n![图为…](../secret.jpg)\n", "a.md", 6,
              "outside the edition folder");
  assert_bad (NULL, "---\ntitle: 标题\n---\n![图为…](/etc/passwd)\n", "a.md", 4,
              "outside the edition folder");
  assert_bad (NULL, "---\ntitle: 标题\n---\n正文。\n\n![图为…](photo.jpg)\n", "a.md", 6,
              "image 'photo.jpg' not found");
}

static void
test_bad_yaml_and_front_matter (void)
{
  assert_bad (NULL, "正文，没有前言。\n", "a.md", 1, "front matter");
  assert_bad (NULL, "---\ntitle: [未闭合\n---\n正文。\n", "a.md", 3, "invalid YAML");
  assert_bad ("paper: 报\npages:\n  - section: 要闻\n    articles: [a.md]\n", GOOD_ARTICLE,
              "edition.yaml", 1, "no 'date'");
}

static void
test_unknown_key_warns (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed =
    load_with (NULL, "---\ntitle: 标题\ncolour: red\n---\n正文。\n", &dir, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ed->notes->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (ed->notes, 0),
                                   "/a.md:3: unknown key 'colour' ignored"));
  tu_rm_rf (dir);
}

static void
test_softbreaks_join (void)
{
  g_autoptr (GError) error = NULL;
  const char *src = "---\ntitle: 标题\n---\n近年来，市委\n高度重视 IVF-ET\nand ICSI\n技术。\n";
  g_autoptr (EdArticle) art = ed_article_parse ("x.md", src, strlen (src), NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = ed_block_text (g_ptr_array_index (art->blocks, 0));
  /* no space between Han lines, one space between Latin words */
  g_assert_cmpstr (text, ==, "近年来，市委高度重视 IVF-ET and ICSI技术。");
}

static void
test_figure_with_image (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  const EdBlock *fig;

  tu_write (dir, "edition.yaml", EDITION_HEAD);
  tu_copy (TU_SAMPLE_JPEG, dir, "img/p.jpg");
  tu_write (dir, "a.md", "---\ntitle: 标题\n---\n正文。\n\n![图为会场。](img/p.jpg \"记者 王 摄\")\n");
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  fig = g_ptr_array_index (((EdArticle *) g_ptr_array_index (ed->articles, 0))->blocks, 1);
  g_assert_cmpint (fig->kind, ==, ED_BLOCK_FIGURE);
  g_assert_cmpstr (fig->image, ==, "img/p.jpg");
  g_assert_cmpstr (fig->caption, ==, "图为会场。");
  g_assert_cmpstr (fig->credit, ==, "记者 王 摄");
  tu_rm_rf (dir);
}

/* byline_top: the byline under the headline (its start form); default at
 * the end.  Not a boolean: an error naming the file. */
static void
test_byline_top (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (EdEdition) bad = NULL;

  tu_write (dir, "edition.yaml", EDITION_HEAD);
  tu_write (dir, "a.md", "---\ntitle: 标题\nbyline: 提案者：王丽\nbyline_top: true\n---\n正文。\n");
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  g_assert_true (((EdArticle *) g_ptr_array_index (ed->articles, 0))->byline_top);
  tu_write (dir, "a.md", "---\ntitle: 标题\nbyline: 记者 王丽 整理\n---\n正文。\n");
  g_clear_pointer (&ed, ed_edition_free);
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  g_assert_false (((EdArticle *) g_ptr_array_index (ed->articles, 0))->byline_top);
  tu_write (dir, "a.md", "---\ntitle: 标题\nbyline: 记者 王丽\nbyline_top: 上面\n---\n正文。\n");
  bad = ed_edition_load (dir, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "a.md:4: 'byline_top'"));
  tu_rm_rf (dir);
}

/* Masthead data, page banner and desk credits, badge, kind, signature. */
static void
test_desk_keys (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (EdEdition) bad = NULL;
  const EdArticle *a;
  const EdPage *pg;

  tu_write (dir, "edition.yaml",
            "paper: 吕梁日报\ndate: 2024-05-20\ncn: CN 14-0031\ntotal_issue: \"12001\"\n"
            "price: 1.00元\npages:\n  - section: 要闻\n    banner: 牢记嘱托 乘势而上\n"
            "    credits: 责编：张三 校对：李四\n    articles: [a.md]\n");
  tu_write (dir, "a.md", "---\ntitle: 关于征集意见的公告\nkind: notice\nbadge: 两会花絮\n"
            "signature:\n  - 吕梁市纪律检查委员会\n  - 2024年5月20日\n---\n正文。\n");
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ed->cn, ==, "CN 14-0031");
  g_assert_cmpstr (ed->total_issue, ==, "12001");
  g_assert_cmpstr (ed->price, ==, "1.00元");
  pg = g_ptr_array_index (ed->pages, 0);
  g_assert_cmpstr (pg->banner, ==, "牢记嘱托 乘势而上");
  g_assert_cmpstr (pg->credits, ==, "责编：张三 校对：李四");
  a = g_ptr_array_index (ed->articles, 0);
  g_assert_cmpint (a->kind, ==, ED_KIND_NOTICE);
  g_assert_cmpstr (a->badge, ==, "两会花絮");
  g_assert_cmpuint (g_strv_length (a->signature), ==, 2);
  g_assert_cmpstr (a->signature[1], ==, "2024年5月20日");
  g_assert_cmpuint (ed->notes->len, ==, 0);

  tu_write (dir, "a.md", "---\ntitle: 标题\nsignature: 吕梁市人民政府\n---\n正文。\n");
  g_clear_pointer (&ed, ed_edition_free);
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  a = g_ptr_array_index (ed->articles, 0);
  g_assert_cmpint (a->kind, ==, ED_KIND_NEWS);
  g_assert_cmpstr (a->signature[0], ==, "吕梁市人民政府");
  g_assert_null (a->signature[1]);

  tu_write (dir, "a.md", "---\ntitle: 标题\nkind: advert\n---\n正文。\n");
  bad = ed_edition_load (dir, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "a.md:3: 'kind' must be news, notice or photo"));
  g_clear_error (&error);
  tu_write (dir, "a.md", "---\ntitle: 标题\nsignature: [甲, \"\"]\n---\n正文。\n");
  bad = ed_edition_load (dir, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "a.md:3: 'signature'"));
  tu_rm_rf (dir);
}

/* The masthead's lunar date against almanac dates: a leap month, the
 * 11th and 12th months (冬月, 腊月), a new year's first day, 廿 and 十. */
static void
test_lunar_dates (void)
{
  static const struct { const char *iso, *lunar; } cases[] = {
    { "2025-02-19", "农历乙巳年正月廿二" },
    { "2025-01-17", "农历甲辰年腊月十八" },
    { "2024-02-10", "农历甲辰年正月初一" },
    { "2024-03-25", "农历甲辰年二月十六" },
    { "2024-05-20", "农历甲辰年四月十三" },
    { "2023-04-10", "农历癸卯年闰二月二十" },
    { "2000-01-01", "农历己卯年冬月廿五" },
    { "2024-02-09", "农历癸卯年腊月三十" },   /* 除夕 */
    { "2025-03-29", "农历乙巳年三月初一" },   /* the new moon of a solar eclipse */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;
      g_autofree char *text = NULL;

      g_assert_true (eb_date_parse (cases[i].iso, &d));
      text = eb_lunar_date_text (&d);
      g_assert_cmpstr (text, ==, cases[i].lunar);
    }
}

static void
test_dump_json (void)
{
  g_autofree char *dir = tu_path ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (dir, &error);
  g_autofree char *json = ed_edition_dump_json (ed);

  g_assert_nonnull (strstr (json, "\"title\" : \"激发科技成果转化新动能\""));
  g_assert_nonnull (strstr (json, "\"weekday\" : \"星期二\""));
  g_assert_nonnull (strstr (json, "\"kind\" : \"figure\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/example-edition", test_example_edition);
  g_test_add_func ("/model/good-minimal", test_good_minimal);
  g_test_add_func ("/model/bad/missing-title", test_bad_missing_title);
  g_test_add_func ("/model/bad/invalid-date", test_bad_invalid_date);
  g_test_add_func ("/model/bad/missing-article", test_bad_missing_article);
  g_test_add_func ("/model/bad/invalid-utf8", test_bad_utf8);
  g_test_add_func ("/model/bad/empty-body", test_bad_empty_body);
  g_test_add_func ("/model/bad/duplicate-article", test_bad_duplicate);
  g_test_add_func ("/model/bad/image-outside", test_bad_image_outside);
  g_test_add_func ("/model/bad/yaml-and-front-matter", test_bad_yaml_and_front_matter);
  g_test_add_func ("/model/unknown-key-warns", test_unknown_key_warns);
  g_test_add_func ("/model/softbreaks-join", test_softbreaks_join);
  g_test_add_func ("/model/figure-with-image", test_figure_with_image);
  g_test_add_func ("/model/byline-top", test_byline_top);
  g_test_add_func ("/model/desk-keys", test_desk_keys);
  g_test_add_func ("/model/dump-json", test_dump_json);
  g_test_add_func ("/model/lunar-dates", test_lunar_dates);
  return g_test_run ();
}
