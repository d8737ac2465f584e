/* test-import.c — the importer: recovery rules on small crafted pages
 * (tests/import/ *.txt: heads after bodies, datelines, captions, the desk's
 * furniture, a page of no story), what must hold on the five sample pages
 * (seeds/: no artefacts, captions as figures, every character kept once),
 * the written sources' round trip, and bad input.  How well the pages are
 * recovered is scored by test-import-corpus; the command line by
 * test-import-cli.sh. */
#include "base/errors.h"
#include "import/import-private.h"
#include "model/model.h"
#include "testutil.h"

#include <string.h>

/* ------------------------------------------------------------ helpers */

static EdEdition *
import_file (const char *rel, const ImpOptions *opts)
{
  g_autofree char *path = tu_path (rel);
  char *paths[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  EdEdition *ed = imp_import_pages (paths, opts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ed);
  return ed;
}

static char *
block_text (const EdBlock *b)
{
  return ed_block_text (b);
}

static guint
count_blocks (const EdArticle *art, EdBlockKind kind)
{
  guint n = 0;
  for (guint i = 0; i < art->blocks->len; i++)
    n += ((EdBlock *) g_ptr_array_index (art->blocks, i))->kind == kind;
  return n;
}

/* All text of an article's body blocks, blocks separated by '\n'. */
static char *
article_body (const EdArticle *art)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      g_autofree char *t = block_text (g_ptr_array_index (art->blocks, i));
      g_string_append (s, t);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------- text repairs */

static void
test_fake_bold (void)
{
  gboolean rep;
  g_autofree char *a = imp_repair_fake_bold ("55月月 11日日，，吕梁市吕梁市 20242024年", &rep);
  g_autofree char *b = NULL, *c = NULL, *d = NULL;

  g_assert_true (rep);
  g_assert_cmpstr (a, ==, "5月 1日，吕梁市 2024年");
  b = imp_repair_fake_bold ("谢谢大家，我们常常说要研究研究这个问题。", &rep);
  g_assert_false (rep);
  g_assert_cmpstr (b, ==, "谢谢大家，我们常常说要研究研究这个问题。");
  c = imp_repair_fake_bold ("研究研究谢谢谢谢", &rep);
  g_assert_false (rep); /* short: too little evidence */
  d = imp_repair_fake_bold ("3长一分应急能力长一分应急能力 增十分幸福安康增十分幸福安康", &rep);
  g_assert_true (rep);
  g_assert_cmpstr (d, ==, "3长一分应急能力 增十分幸福安康");
}

static void
test_letter_spacing (void)
{
  gboolean spaced;
  g_autofree char *a = imp_clean_spaces ("新 质 生 产 力 。 从 2022 年 起 ，市 财 政", &spaced);
  g_autofree char *b = NULL, *c = NULL, *d = NULL;

  g_assert_true (spaced);
  g_assert_cmpstr (a, ==, "新质生产力。从2022年起，市财政");
  b = imp_clean_spaces ("“运动青春 筑梦未来”为主题 海交大等 35所 IP 协同", &spaced);
  g_assert_false (spaced);
  g_assert_cmpstr (b, ==, "“运动青春 筑梦未来”为主题 海交大等35所IP协同");
  c = imp_clean_spaces ("a Latin phrase stays spaced", &spaced);
  g_assert_cmpstr (c, ==, "a Latin phrase stays spaced");
  d = imp_clean_spaces ("本报讯 （记者 付永文） 5 月 9 日，市长", &spaced);
  g_assert_false (spaced);
  g_assert_cmpstr (d, ==, "本报讯（记者 付永文）5月9日，市长");
}

static void
test_vertical_forms (void)
{
  g_autofree char *a = imp_map_vertical_forms ("调研﹃保交楼﹄工作︵试行︶︽方案︾");
  g_autofree char *b = imp_map_vertical_forms ("﹁外﹃内﹄外﹂");

  g_assert_cmpstr (a, ==, "调研“保交楼”工作（试行）《方案》");
  g_assert_cmpstr (b, ==, "“外‘内’外”");
}

static void
test_punctuation (void)
{
  g_autofree char *a = imp_fix_punctuation ("本报讯(记者 李雅萍)5月15日,全市召开;如何?市委:好!");
  g_autofree char *b = imp_fix_punctuation ("价格2.6—2.8元,时间11:45-12:00,17:15-17:30,开展IVF-ET/ICSI技术");
  g_autofree char *c = imp_fix_punctuation ("重点产业(领域)技术和首台(套)奖补 f(x) = y, z");

  g_assert_cmpstr (a, ==, "本报讯（记者 李雅萍）5月15日，全市召开；如何？市委：好！");
  g_assert_cmpstr (b, ==, "价格2.6—2.8元，时间11:45-12:00,17:15-17:30，开展IVF-ET/ICSI技术");
  g_assert_cmpstr (c, ==, "重点产业（领域）技术和首台（套）奖补 f(x) = y, z");
}

static void
test_keep_punctuation (void)
{
  ImpOptions opts = { .keep_punctuation = TRUE };
  g_autoptr (EdEdition) ed = import_file ("tests/import/dateline.txt", &opts);
  const EdArticle *art = g_ptr_array_index (ed->articles, 0);
  g_autofree char *body = article_body (art);

  g_assert_nonnull (strstr (body, "要聚焦实施六大创新工程,播出时间为:"));
}

/* --------------------------------------------------- page-level rules */

static void
test_unwrap_and_headline_after_body (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/after-body.txt", NULL);
  const EdArticle *art;
  g_autofree char *p0 = NULL, *p1 = NULL, *note = NULL;

  g_assert_cmpuint (ed->articles->len, ==, 1);
  art = g_ptr_array_index (ed->articles, 0);
  /* the headline group printed after the body is its headline */
  g_assert_cmpstr (art->title, ==, "加快科技成果转化");
  g_assert_cmpstr (art->subtitle, ==, "点燃新质生产力发展“新引擎”");
  g_assert_cmpstr (art->byline, ==, "记者 罗丽 整理");
  g_assert_cmpuint (count_blocks (art, ED_BLOCK_PARAGRAPH), ==, 2);
  p0 = block_text (g_ptr_array_index (art->blocks, 0));
  g_assert_cmpstr (p0, ==, "近年来，市委、市政府高度重视科技成果转化工作，聚焦重点产业链，"
                   "积极培育和发展新质生产力，为高质量发展注入强劲动力。");
  p1 = block_text (g_ptr_array_index (art->blocks, 1));
  g_assert_true (g_str_has_suffix (p1, "推动落地见效和发展。"));
  /* the column badge next to the head is the article's badge, not text */
  g_assert_cmpstr (art->badge, ==, "两会花絮");
  note = article_body (art);
  g_assert_null (strstr (note, "两会花絮"));
}

static void
test_dateline_caption (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/dateline.txt", NULL);
  const EdArticle *art = g_ptr_array_index (ed->articles, 0);
  const EdBlock *first = g_ptr_array_index (art->blocks, 0);
  const EdBlock *fig = g_ptr_array_index (art->blocks, art->blocks->len - 1);
  g_autofree char *t = block_text (first);

  g_assert_cmpuint (ed->articles->len, ==, 1);
  g_assert_cmpstr (art->title, ==, "全市科学技术大会召开");
  g_assert_cmpstr (art->subtitle, ==, "李正印出席会议并讲话 王立伟主持");
  g_assert_cmpstr (art->dateline, ==, "本报讯（记者 李雅萍）");
  g_assert_cmpstr (t, ==, "5月15日，全市科学技术大会召开。会议以视频形式召开。");
  g_assert_cmpint (fig->kind, ==, ED_BLOCK_FIGURE);
  g_assert_null (fig->image);
  g_assert_cmpstr (fig->caption, ==, "图为全市科学技术大会召开现场。");
  g_assert_cmpstr (fig->credit, ==, "记者 薛志雄 摄");
  /* dates in the text: 5月15日 → printed the next day; no year → none */
  g_assert_cmpstr (ed->date, ==, "2000-01-01");
}

static void
test_vertical_headline (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/vertical.txt", NULL);
  const EdArticle *art = g_ptr_array_index (ed->articles, 0);

  g_assert_cmpuint (ed->articles->len, ==, 1);
  g_assert_cmpstr (art->title, ==, "张广勇调研“保交楼”工作");
  g_assert_true (art->vertical_title);
  g_assert_cmpstr (art->dateline, ==, "本报讯（记者 付永文）");
  g_assert_cmpuint (count_blocks (art, ED_BLOCK_PARAGRAPH), ==, 2);
}

static void
test_names_and_furniture (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/names.txt", NULL);
  const EdArticle *art = g_ptr_array_index (ed->articles, 0);
  gboolean name = FALSE, jump = FALSE;

  g_assert_cmpstr (art->kicker, ==, "坚持“百花齐放”推动“百家争鸣”");
  g_assert_cmpstr (art->title, ==, "让100个乡村旅游重点村火起来");
  g_assert_cmpstr (art->byline, ==, "记者 李亚芝 整理");
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      g_autofree char *t = block_text (b);
      name |= b->kind == ED_BLOCK_FIGURE && !strcmp (b->caption, "武永刚");
      jump |= b->kind == ED_BLOCK_NOTE && !strcmp (t, "见4版");
    }
  g_assert_true (name);
  g_assert_true (jump);
}

/* The desk's furniture is marked with its keys, not written as text: the
 * running head dropped, the banner and the desk credits on the page, a
 * notice's 落款 as its signature, a caption of no story as photo news. */
static void
test_furniture (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/furniture.txt", NULL);
  const EdPage *page = g_ptr_array_index (ed->pages, 0);
  const EdArticle *news, *notice, *photo, *brief;
  const EdBlock *fig;
  g_autofree char *first = NULL;

  g_assert_cmpuint (ed->articles->len, ==, 4);
  news = g_ptr_array_index (ed->articles, 0);
  notice = g_ptr_array_index (ed->articles, 1);
  photo = g_ptr_array_index (ed->articles, 2);
  brief = g_ptr_array_index (ed->articles, 3);
  g_assert_cmpstr (page->section, ==, "要闻");
  g_assert_cmpstr (page->banner, ==, "聚焦两会 凝心聚力");
  g_assert_cmpstr (page->credits, ==, "责编：刘芳 校对：赵刚");
  g_assert_cmpstr (ed->date, ==, "2024-05-10");
  /* the head printed after its body; the inline credit stays in the dateline */
  g_assert_cmpstr (news->title, ==, "全市农业农村工作会议召开");
  g_assert_cmpstr (news->dateline, ==, "本报讯（记者 王强 通讯员 李明）");
  g_assert_cmpuint (count_blocks (news, ED_BLOCK_PARAGRAPH), ==, 3);
  first = block_text (g_ptr_array_index (news->blocks, 0));
  g_assert_true (g_str_has_prefix (first, "5月9日，全市农业农村工作会议"));
  g_assert_cmpint (notice->kind, ==, ED_KIND_NOTICE);
  g_assert_cmpstr (notice->title, ==, "吕梁市市场监督管理局关于开通投诉举报电话的公告");
  g_assert_nonnull (notice->signature);
  g_assert_cmpstr (notice->signature[0], ==, "吕梁市市场监督管理局");
  g_assert_cmpstr (notice->signature[1], ==, "2024年5月8日");
  g_assert_null (notice->signature[2]);
  g_assert_cmpuint (count_blocks (notice, ED_BLOCK_PARAGRAPH), ==, 4);
  g_assert_cmpint (photo->kind, ==, ED_KIND_PHOTO);
  g_assert_cmpuint (photo->blocks->len, ==, 1);
  fig = g_ptr_array_index (photo->blocks, 0);
  g_assert_cmpint (fig->kind, ==, ED_BLOCK_FIGURE);
  g_assert_cmpstr (fig->caption, ==, "图为孝义市新建成的城市公园，市民在公园里休闲健身。");
  g_assert_cmpstr (fig->credit, ==, "记者 张华 摄");
  g_assert_cmpstr (brief->title, ==, "汾阳志愿者义务植树添新绿");
  g_assert_cmpstr (brief->byline, ==, "（李勤）");
  g_assert_false (brief->byline_top);
  for (guint a = 0; a < ed->articles->len; a++)
    {
      g_autofree char *body = article_body (g_ptr_array_index (ed->articles, a));
      g_assert_null (strstr (body, "责编"));
      g_assert_null (strstr (body, "聚焦两会"));
      g_assert_null (strstr (body, "星期五"));
    }
}

/* A page with no story: one article holds all its text, with a warning. */
static void
test_no_story (void)
{
  g_autoptr (EdEdition) ed = import_file ("tests/import/no-story.txt", NULL);
  const EdArticle *art;
  gboolean warned = FALSE;

  g_assert_cmpuint (ed->articles->len, ==, 1);
  art = g_ptr_array_index (ed->articles, 0);
  g_assert_cmpstr (art->title, ==, "天气预报");
  g_assert_cmpuint (count_blocks (art, ED_BLOCK_PARAGRAPH), ==, 4);
  g_assert_null (((EdPage *) g_ptr_array_index (ed->pages, 0))->banner);
  for (guint i = 0; i < ed->notes->len; i++)
    warned |= strstr (g_ptr_array_index (ed->notes, i), "no-story.txt:1: no story recognised") != NULL;
  g_assert_true (warned);
}

/* ----------------------------------------------------------- bad input */

static void
expect_input_error (const char *rel, const char *what)
{
  g_autofree char *path = tu_path (rel);
  char *paths[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = imp_import_pages (paths, NULL, &error);
  g_autofree char *prefix = g_strdup_printf ("%s:", path);

  g_assert_null (ed);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_bad_input (void)
{
  expect_input_error ("tests/import/empty.txt", ":1: empty page");
  expect_input_error ("tests/import/binary.txt", ":1: binary data");
  expect_input_error ("tests/import/invalid.txt", ":2: invalid UTF-8");
}

/* The five sample pages.  What the importer recovers from them is scored
 * against their hand-checked editions (tests/import/truth/seed-*) by
 * test-import-corpus; these tests check what must hold on every page. */
static const char *const seed_files[] = {
  "seeds/000_16461028abd987dc.txt", "seeds/001_4f12a0768dd3e9cf.txt", "seeds/002_91a9d812c9a587a6.txt",
  "seeds/003_cb4e2b7efa63d897.txt", "seeds/004_43cae8341ab080d7.txt",
};

/* No letter-spacing (Han space Han space Han) and no doubled runs. */
static void
assert_no_artefacts (const char *text, const char *where)
{
  g_autoptr (GRegex) spaced = g_regex_new ("[\\x{4e00}-\\x{9fff}] [\\x{4e00}-\\x{9fff}] [\\x{4e00}-\\x{9fff}]", 0, 0, NULL);
  g_autoptr (GRegex) doubled = g_regex_new ("([\\x{4e00}-\\x{9fff}]{3,})\\1|([，。、；：])\\2", 0, 0, NULL);

  if (g_regex_match (spaced, text, 0, NULL) || g_regex_match (doubled, text, 0, NULL))
    g_error ("%s: artefact left in \"%s\"", where, text);
}

static void
test_seed (gconstpointer data)
{
  const char *file = data;
  g_autoptr (EdEdition) ed = import_file (file, NULL);

  g_assert_cmpuint (ed->pages->len, ==, 1);
  g_assert_cmpuint (ed->articles->len, >=, 5);
  for (guint a = 0; a < ed->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);
      g_autofree char *body = article_body (art);

      assert_no_artefacts (art->title, file);
      assert_no_artefacts (body, file);
      /* a byline keeps its place: printed under the head ("□ 本报记者 刘华",
       * "提案者：李雅萍") it is set there, after the text ("记者 罗丽 整理")
       * at the end */
      if (art->byline && g_str_has_suffix (art->byline, "整理"))
        g_assert_false (art->byline_top);
      if (art->byline && (g_str_has_prefix (art->byline, "□ ") || g_str_has_prefix (art->byline, "提案者：")))
        g_assert_true (art->byline_top);
      /* a photo caption ("图为…") and its credit ("… 摄") make a figure,
       * never a note or a paragraph; a credit is split off its caption */
      for (guint b = 0; b < art->blocks->len; b++)
        {
          const EdBlock *blk = g_ptr_array_index (art->blocks, b);
          g_autofree char *t = block_text (blk);

          if (blk->kind != ED_BLOCK_FIGURE && (g_str_has_prefix (t, "图为") || g_str_has_suffix (t, " 摄")))
            g_error ("%s: caption or credit \"%s\" is not a figure", file, t);
          if (blk->kind == ED_BLOCK_FIGURE)
            g_assert_false (g_str_has_suffix (blk->caption, "摄"));
        }
      /* furniture is marked, never written as a note in a story */
      for (guint b = 0; b < art->blocks->len; b++)
        {
          const EdBlock *blk = g_ptr_array_index (art->blocks, b);
          g_autofree char *t = block_text (blk);
          if (blk->kind == ED_BLOCK_NOTE)
            g_assert_null (strstr (t, "责编"));
        }
    }
}

/* ------------------------------------------------- character invariant */

static void
count_chars (GHashTable *counts, const char *text, int sign)
{
  g_autofree char *mapped = imp_map_vertical_forms (text);

  for (const char *p = mapped; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *half = ",;:()?!";
      const gunichar full[] = { 0xFF0C, 0xFF1B, 0xFF1A, 0xFF08, 0xFF09, 0xFF1F, 0xFF01 };
      const char *h;
      if (g_unichar_isspace (c) || c == 0x3000 || c == 0x25A1 /* □ byline mark */)
        continue;
      if (c < 128 && (h = strchr (half, (int) c)) && c)
        c = full[h - half];
      g_hash_table_insert (counts, GUINT_TO_POINTER (c),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, GUINT_TO_POINTER (c))) + sign));
    }
}

/* Subtracts every text of @art (its title unless made up). */
static void
count_article (GHashTable *counts, const EdArticle *art, GPtrArray *synth)
{
  if (!g_ptr_array_find (synth, art, NULL))
    count_chars (counts, art->title, -1);
  count_chars (counts, art->kicker ? art->kicker : "", -1);
  count_chars (counts, art->subtitle ? art->subtitle : "", -1);
  count_chars (counts, art->byline ? art->byline : "", -1);
  count_chars (counts, art->dateline ? art->dateline : "", -1);
  count_chars (counts, art->badge ? art->badge : "", -1);
  for (guint i = 0; art->signature && art->signature[i]; i++)
    count_chars (counts, art->signature[i], -1);
  for (guint b = 0; b < art->blocks->len; b++)
    {
      /* a figure's text is its caption and credit */
      g_autofree char *t = block_text (g_ptr_array_index (art->blocks, b));
      count_chars (counts, t, -1);
    }
}

/* Every character of the input that is text ends up exactly once in the
 * output: compares the multisets after undoing the known artefacts (the
 * doubled copies of fake bold, spaces, vertical forms, the □ mark). */
static void
test_seed_invariant (gconstpointer data)
{
  const char *file = data;
  g_autofree char *path = tu_path (file);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autoptr (GPtrArray) synth = g_ptr_array_new ();
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_auto (GStrv) lines = NULL;
  gsize len;
  GHashTableIter it;
  gpointer key, value;
  guint bad = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_true (imp_import_page_text (ed, 1, path, "seed", text, len, NULL, synth, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      gboolean rep;
      g_autofree char *trimmed = g_strstrip (g_strdup (lines[i]));
      g_autofree char *undoubled = imp_repair_fake_bold (trimmed, &rep);
      count_chars (counts, undoubled, +1);
    }
  for (guint a = 0; a < ed->articles->len; a++)
    count_article (counts, g_ptr_array_index (ed->articles, a), synth);
  for (guint p = 0; p < ed->pages->len; p++)
    {
      const EdPage *pg = g_ptr_array_index (ed->pages, p);
      count_chars (counts, pg->banner ? pg->banner : "", -1);
      count_chars (counts, pg->credits ? pg->credits : "", -1);
    }
  /* furniture dropped is named in a note: "…dropped: TEXT" or "the
   * page's running head (TEXT) dropped" */
  for (guint n = 0; n < ed->notes->len; n++)
    {
      const char *note = g_ptr_array_index (ed->notes, n), *d = strstr (note, "dropped: ");
      const char *h = strstr (note, "running head (");
      if (d)
        count_chars (counts, d + strlen ("dropped: "), -1);
      else if (h && strstr (h, ") dropped"))
        {
          g_autofree char *t = g_strndup (h + strlen ("running head ("), strstr (h, ") dropped") - h - strlen ("running head ("));
          count_chars (counts, t, -1);
        }
    }
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (GPOINTER_TO_INT (value) != 0)
      {
        g_test_message ("%s: U+%04X input-output = %d", file, GPOINTER_TO_UINT (key), GPOINTER_TO_INT (value));
        bad++;
      }
  g_assert_cmpuint (bad, ==, 0);
}

/* ------------------------------------------------------- round trip */

static void
assert_same_article (const EdArticle *a, const EdArticle *b)
{
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->kicker, ==, b->kicker);
  g_assert_cmpstr (a->subtitle, ==, b->subtitle);
  g_assert_cmpstr (a->byline, ==, b->byline);
  g_assert_cmpstr (a->dateline, ==, b->dateline);
  g_assert_cmpint (a->vertical_title, ==, b->vertical_title);
  g_assert_cmpint (a->byline_top, ==, b->byline_top);
  g_assert_cmpint (a->lead, ==, b->lead);
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->badge, ==, b->badge);
  g_assert_cmpuint (a->signature ? g_strv_length (a->signature) : 0, ==,
                    b->signature ? g_strv_length (b->signature) : 0);
  for (guint i = 0; a->signature && a->signature[i]; i++)
    g_assert_cmpstr (a->signature[i], ==, b->signature[i]);
  g_assert_cmpuint (a->blocks->len, ==, b->blocks->len);
  for (guint i = 0; i < a->blocks->len; i++)
    {
      const EdBlock *x = g_ptr_array_index (a->blocks, i), *y = g_ptr_array_index (b->blocks, i);
      g_autofree char *tx = block_text (x), *ty = block_text (y);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (tx, ==, ty);
      g_assert_cmpstr (x->caption, ==, y->caption);
      g_assert_cmpstr (x->credit, ==, y->credit);
      g_assert_cmpstr (x->image, ==, y->image);
    }
}

static void
test_seed_round_trip (gconstpointer data)
{
  const char *file = data;
  g_autoptr (EdEdition) ed = import_file (file, NULL);
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *dir = g_build_filename (tmp, "edition", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) back = NULL;

  g_assert_true (imp_write_sources (ed, dir, FALSE, &error));
  g_assert_no_error (error);
  back = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->paper, ==, ed->paper);
  g_assert_cmpstr (back->date, ==, ed->date);
  g_assert_cmpuint (back->pages->len, ==, ed->pages->len);
  for (guint p = 0; p < ed->pages->len; p++)
    {
      const EdPage *x = g_ptr_array_index (ed->pages, p), *y = g_ptr_array_index (back->pages, p);
      g_assert_cmpstr (x->section, ==, y->section);
      g_assert_cmpstr (x->banner, ==, y->banner);
      g_assert_cmpstr (x->credits, ==, y->credits);
    }
  g_assert_cmpuint (back->articles->len, ==, ed->articles->len);
  for (guint i = 0; i < ed->articles->len; i++)
    assert_same_article (g_ptr_array_index (ed->articles, i), g_ptr_array_index (back->articles, i));
  /* a second import may replace the folder; a foreign folder is refused */
  g_assert_true (imp_write_sources (ed, dir, FALSE, &error));
  g_assert_no_error (error);
  tu_write (tmp, "other/notes.txt", "mine");
  {
    g_autofree char *other = g_build_filename (tmp, "other", NULL);
    g_autofree char *kept = g_build_filename (other, "notes.txt", NULL);
    g_assert_false (imp_write_sources (ed, other, FALSE, &error));
    g_assert_error (error, EB_ERROR, EB_ERROR_OUTPUT);
    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  }
  tu_rm_rf (tmp);
}

/* Markdown and YAML special characters survive the round trip. */
static void
test_escaping_round_trip (void)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  EdPage *page = ed_page_new (1, "要闻");
  EdArticle *art = ed_article_new ();
  EdBlock *b = ed_block_new (ED_BLOCK_PARAGRAPH, 1);
  EdBlock *f = ed_block_new (ED_BLOCK_FIGURE, 2);
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *dir = g_build_filename (tmp, "e", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) back = NULL;

  ed->paper = g_strdup ("吕梁日报: \"特刊\" #1");
  ed->date = g_strdup ("2024-03-25");
  g_ptr_array_add (ed->pages, page);
  art->title = g_strdup ("- 标题: *星* [1] \\ \"引号\" & <b>");
  art->kicker = g_strdup ("'单引号' # 注释");
  art->id = g_strdup ("p1-1");
  art->src_path = g_strdup ("p1-1.md");
  ed_block_add_run (b, "1. 不是列表 *不是强调* _x_ [链接](y) <tag> &amp; `code` # 不是标题 > 引用 2.6—2.8元", ED_RUN_PLAIN);
  g_ptr_array_add (art->blocks, b);
  f->caption = g_strdup ("图为[会场] *现场*");
  f->credit = g_strdup ("记者 \"某\" 摄");
  g_ptr_array_add (art->blocks, f);
  ed_edition_add_article (ed, page, art);
  g_assert_true (imp_write_sources (ed, dir, FALSE, &error));
  g_assert_no_error (error);
  back = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->paper, ==, ed->paper);
  assert_same_article (art, g_ptr_array_index (back->articles, 0));
  tu_rm_rf (tmp);
}

static void
test_date_guess (void)
{
  char *t1[] = { "本报讯(记者 李雅萍)5月15日,全市召开。时间:2020年5月15日。到2025年,全面完成。", NULL };
  char *t2[] = { "要闻\n2024年3月25日 星期一\n", NULL };
  gboolean exact;
  g_autofree char *d1 = imp_guess_date (t1, &exact);
  g_autofree char *d2 = NULL;

  g_assert_cmpstr (d1, ==, "2020-05-16");
  g_assert_false (exact);
  d2 = imp_guess_date (t2, &exact);
  g_assert_cmpstr (d2, ==, "2024-03-25");
  g_assert_true (exact);
}

/* Prints the reconstruction report of the sample pages (test log). */
static void
test_report (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autoptr (EdEdition) ed = import_file (seed_files[i], NULL);
      g_autofree char *report = imp_report (ed);
      g_assert_nonnull (strstr (report, "page 1"));
      g_test_message ("%s\n%s", seed_files[i], report);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/import/fake-bold", test_fake_bold);
  g_test_add_func ("/import/letter-spacing", test_letter_spacing);
  g_test_add_func ("/import/vertical-forms", test_vertical_forms);
  g_test_add_func ("/import/punctuation", test_punctuation);
  g_test_add_func ("/import/keep-punctuation", test_keep_punctuation);
  g_test_add_func ("/import/unwrap-headline-after-body", test_unwrap_and_headline_after_body);
  g_test_add_func ("/import/dateline-caption", test_dateline_caption);
  g_test_add_func ("/import/vertical-headline", test_vertical_headline);
  g_test_add_func ("/import/names-furniture", test_names_and_furniture);
  g_test_add_func ("/import/furniture", test_furniture);
  g_test_add_func ("/import/no-story", test_no_story);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/escaping-round-trip", test_escaping_round_trip);
  g_test_add_func ("/import/date-guess", test_date_guess);
  g_test_add_func ("/import/report", test_report);
  for (guint i = 0; i < G_N_ELEMENTS (seed_files); i++)
    {
      g_autofree char *stem = g_strndup (seed_files[i] + 6, 3);
      g_autofree char *p1 = g_strdup_printf ("/import/seed/%s/recovery", stem);
      g_autofree char *p2 = g_strdup_printf ("/import/seed/%s/invariant", stem);
      g_autofree char *p3 = g_strdup_printf ("/import/seed/%s/round-trip", stem);
      g_test_add_data_func (p1, seed_files[i], test_seed);
      g_test_add_data_func (p2, seed_files[i], test_seed_invariant);
      g_test_add_data_func (p3, seed_files[i], test_seed_round_trip);
    }
  /* crafted pages with a badge, a notice, a photo article, the page's keys */
  g_test_add_data_func ("/import/after-body/round-trip", "tests/import/after-body.txt", test_seed_round_trip);
  g_test_add_data_func ("/import/furniture/round-trip", "tests/import/furniture.txt", test_seed_round_trip);
  return g_test_run ();
}
