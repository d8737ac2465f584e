/* test-import.c — the importer: recovery rules on small crafted inputs
 * (tests/import/ *.txt), the five sample pages (seeds/), the character
 * invariant, the written sources' round trip, and bad input. */
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

/* The article whose title, kicker or subtitle contains @needle. */
static const EdArticle *
find_by_headline (const EdEdition *ed, const char *needle)
{
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *a = g_ptr_array_index (ed->articles, i);
      if (strstr (a->title, needle) || (a->kicker && strstr (a->kicker, needle))
          || (a->subtitle && strstr (a->subtitle, needle)))
        return a;
    }
  return NULL;
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
  /* the column badge is kept as a note */
  note = block_text (g_ptr_array_index (art->blocks, art->blocks->len - 1));
  g_assert_cmpint (((EdBlock *) g_ptr_array_index (art->blocks, art->blocks->len - 1))->kind, ==, ED_BLOCK_NOTE);
  g_assert_cmpstr (note, ==, "两会花絮");
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
  g_assert_cmpstr (fig->caption, ==, "图为会场。");
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

/* The command line: exit 2 and nothing written for a bad page. */
static void
test_cli_bad_input (void)
{
  const char *epaper = g_getenv ("EPAPER");
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *out = g_build_filename (tmp, "ed", NULL);
  g_autofree char *bad = tu_path ("tests/import/invalid.txt");
  g_autofree char *err = NULL;
  int status = 0;
  char *argv[] = { (char *) epaper, "import", bad, "-o", out, NULL };

  if (!epaper || !*epaper)
    epaper = "build/epaper";
  argv[0] = (char *) epaper;
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, NULL));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "invalid.txt:2: invalid UTF-8"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  tu_rm_rf (tmp);
}

/* ------------------------------------------------------------- seeds */

typedef struct {
  const char *file;
  guint       articles;
  const char *headlines[16];  /* every headline printed on the page */
  const char *bylines[8];
  struct { const char *headline; guint paragraphs; } paras[4];
} SeedCase;

static const SeedCase seed_cases[] = {
  { "seeds/000_16461028abd987dc.txt", 7,
    { "加快科技成果转化", "点燃新质生产力发展“新引擎”", "坚持“百花齐放”推动“百家争鸣”",
      "让100个乡村旅游重点村火起来", "凝聚人心共识 汇聚智慧力量",
      "——市政协四届四次会议委员大会发言摘编", "协调推进非常规天然气产业发展",
      "让“吕气吕用”真正造福吕梁人民", "推进医疗园区高效融合 提升公共卫生服务能力",
      "扎实推进我市基础教育扩优提质", "用暖心细心护航“两会”", NULL },
    { "记者 罗丽 整理", "记者 张娟娟 整理", "记者 刘少伟 整理", "记者 刘丽霞 整理",
      "记者 李亚芝 整理", "□ 本报记者 康桂芳", NULL },
    { { "加快科技成果转化", 2 }, { "协调推进非常规天然气产业发展", 4 },
      { "用暖心细心护航“两会”", 5 }, { "凝聚人心共识", 12 } } },
  { "seeds/001_4f12a0768dd3e9cf.txt", 7,
    { "激活“数谷”动能，让吕梁数字经济加速跑", "健全“公物仓”体系，让“沉睡”资产变发展“活水”",
      "着力打造千亿级铝镁产业集群", "加快推动农产品加工业驶向“精深赛道”", "课后时光里的成长答卷",
      "——中阳二中课后延时服务赋能学生全面成长小记", "山西省汾阳医院获批开展“试管婴儿”技术",
      "我市辅助生殖技术“零突破”", "吕梁市第一人民医院与武警特色医学中心签约合作",
      "我市优质医疗资源再下沉", NULL },
    { "记者康桂芳 整理", "记者韩笑 整理", "记者王雅妮 整理", "□ 本报记者 刘华", NULL },
    { { "激活“数谷”动能", 2 }, { "课后时光里的成长答卷", 9 }, { "我市辅助生殖技术", 3 },
      { "我市优质医疗资源再下沉", 3 } } },
  { "seeds/002_91a9d812c9a587a6.txt", 6,
    { "关于新时代推进西部大开发形成新格局的指导意见", "全市科学技术大会召开",
      "李正印出席会议并讲话 王立伟主持", "市委组织部党员干部深入基层传达学习",
      "交城直播带货开启脱贫增收新路径", "文水农产品直播带货精彩纷呈", "传承吕梁精神 弘扬廉政文化",
      "《清风吕梁》广播专题栏目即将开播", NULL },
    { NULL },
    { { "全市科学技术大会召开", 13 }, { "交城直播带货", 5 }, { "文水农产品", 3 },
      { "《清风吕梁》", 5 } } },
  { "seeds/003_cb4e2b7efa63d897.txt", 5,
    { "吕梁市纪委监委关于开设营商环境投诉举报监督专线的公告",
      "张广勇深入恒大御府、吕梁碧桂园项目调研“保交楼”工作", "韩红到我市调研档案工作",
      "孝义市首批氢能共享单车、氢能公交车正式投运", NULL },
    { NULL },
    { { "韩红到我市调研档案工作", 3 }, { "保交楼", 3 }, { "孝义市首批氢能", 5 } } },
  { "seeds/004_43cae8341ab080d7.txt", 7,
    { "前言", "关于探索建立“党建引领 居民自治”示范小区的建议",
      "关于构建绿色低碳能源体系，推进能源革命的建议", "关于加快推进吕梁数字经济提档升级的建议",
      "关于统筹推进数字吕梁与法治吕梁建设的建议", "关于高质量建设高标准农田的建议",
      "关于完善中医药服务体系，推动健康吕梁建设的建议", NULL },
    { "提案者：李雅萍", "提案者：民进吕梁市委会", "提案者：穆沛华", "提案者：薛波",
      "提案者：王丽 李凤", NULL },
    { { "前言", 1 }, { "示范小区的建议", 10 } } },
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
  const SeedCase *c = data;
  g_autoptr (EdEdition) ed = import_file (c->file, NULL);

  g_assert_cmpuint (ed->pages->len, ==, 1);
  g_assert_cmpuint (ed->articles->len, ==, c->articles);
  for (guint i = 0; c->headlines[i]; i++)
    {
      const EdArticle *art = find_by_headline (ed, c->headlines[i]);
      if (!art)
        g_error ("%s: headline \"%s\" is no article's title/kicker/subtitle", c->file, c->headlines[i]);
      /* … and not body text */
      for (guint a = 0; a < ed->articles->len; a++)
        for (guint b = 0; b < ((EdArticle *) g_ptr_array_index (ed->articles, a))->blocks->len; b++)
          {
            const EdBlock *blk = g_ptr_array_index (((EdArticle *) g_ptr_array_index (ed->articles, a))->blocks, b);
            g_autofree char *t = block_text (blk);
            if (blk->kind == ED_BLOCK_PARAGRAPH && !strcmp (t, c->headlines[i]))
              g_error ("%s: headline \"%s\" left as a paragraph", c->file, c->headlines[i]);
          }
    }
  for (guint i = 0; c->bylines[i]; i++)
    {
      gboolean found = FALSE;
      for (guint a = 0; a < ed->articles->len; a++)
        {
          const EdArticle *art = g_ptr_array_index (ed->articles, a);
          found |= art->byline && !strcmp (art->byline, c->bylines[i]);
        }
      if (!found)
        g_error ("%s: byline \"%s\" not found", c->file, c->bylines[i]);
    }
  /* a byline keeps its place: printed under the head ("□ 本报记者 刘华",
   * "提案者：李雅萍") it is set there, after the text ("记者 罗丽 整理") at
   * the end */
  for (guint a = 0; a < ed->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);

      if (art->byline && g_str_has_suffix (art->byline, "整理"))
        g_assert_false (art->byline_top);
      if (art->byline && (g_str_has_prefix (art->byline, "□ ") || g_str_has_prefix (art->byline, "提案者：")))
        g_assert_true (art->byline_top);
    }
  for (guint i = 0; i < G_N_ELEMENTS (c->paras) && c->paras[i].headline; i++)
    {
      const EdArticle *art = find_by_headline (ed, c->paras[i].headline);
      g_assert_nonnull (art);
      g_assert_cmpuint (count_blocks (art, ED_BLOCK_PARAGRAPH), ==, c->paras[i].paragraphs);
    }
  for (guint a = 0; a < ed->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);
      g_autofree char *body = article_body (art);
      assert_no_artefacts (art->title, c->file);
      assert_no_artefacts (body, c->file);
      /* a photo caption ("图为…") and its credit ("… 摄") make a figure,
       * never a note or a paragraph */
      for (guint b = 0; b < art->blocks->len; b++)
        {
          const EdBlock *blk = g_ptr_array_index (art->blocks, b);
          g_autofree char *t = block_text (blk);

          if (blk->kind != ED_BLOCK_FIGURE && (g_str_has_prefix (t, "图为") || g_str_has_suffix (t, " 摄")))
            g_error ("%s: caption or credit \"%s\" is not a figure", c->file, t);
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

/* Every character of the input that is text ends up exactly once in the
 * output: compares the multisets after undoing the known artefacts (the
 * doubled copies of fake bold, spaces, vertical forms, the □ mark). */
static void
test_seed_invariant (gconstpointer data)
{
  const SeedCase *c = data;
  g_autofree char *path = tu_path (c->file);
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
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);
      if (!g_ptr_array_find (synth, art, NULL))
        count_chars (counts, art->title, -1);
      count_chars (counts, art->kicker ? art->kicker : "", -1);
      count_chars (counts, art->subtitle ? art->subtitle : "", -1);
      count_chars (counts, art->byline ? art->byline : "", -1);
      count_chars (counts, art->dateline ? art->dateline : "", -1);
      for (guint b = 0; b < art->blocks->len; b++)
        {
          g_autofree char *t = block_text (g_ptr_array_index (art->blocks, b));
          count_chars (counts, t, -1);
        }
    }
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (GPOINTER_TO_INT (value) != 0)
      {
        char buf[8] = { 0 };
        g_unichar_to_utf8 (GPOINTER_TO_UINT (key), buf);
        g_printerr ("%s: '%s' input-output = %d\n", c->file, buf, GPOINTER_TO_INT (value));
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
  const SeedCase *c = data;
  g_autoptr (EdEdition) ed = import_file (c->file, NULL);
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
  g_assert_cmpstr (((EdPage *) g_ptr_array_index (back->pages, 0))->section, ==,
                   ((EdPage *) g_ptr_array_index (ed->pages, 0))->section);
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
  for (guint i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      g_autoptr (EdEdition) ed = import_file (seed_cases[i].file, NULL);
      g_autofree char *report = imp_report (ed);
      g_assert_nonnull (strstr (report, "page 1"));
      g_test_message ("%s\n%s", seed_cases[i].file, report);
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
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/cli-bad-input", test_cli_bad_input);
  g_test_add_func ("/import/escaping-round-trip", test_escaping_round_trip);
  g_test_add_func ("/import/date-guess", test_date_guess);
  g_test_add_func ("/import/report", test_report);
  for (guint i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      g_autofree char *stem = g_strndup (seed_cases[i].file + 6, 3);
      g_autofree char *p1 = g_strdup_printf ("/import/seed/%s/recovery", stem);
      g_autofree char *p2 = g_strdup_printf ("/import/seed/%s/invariant", stem);
      g_autofree char *p3 = g_strdup_printf ("/import/seed/%s/round-trip", stem);
      g_test_add_data_func (p1, &seed_cases[i], test_seed);
      g_test_add_data_func (p2, &seed_cases[i], test_seed_invariant);
      g_test_add_data_func (p3, &seed_cases[i], test_seed_round_trip);
    }
  return g_test_run ();
}
