/* pagegen.h — raw page text the way the paper's PDF extraction gives it,
 * generated from clean sources: a corpus to measure the importer on pages
 * it was never tuned on.
 *
 * pg_page_new (gen, seed) makes one page, deterministic from @seed:
 *
 *   1. an article mix cut from the clean sample editions
 *      (tests/editions/seed-*): one to eight articles, each a run of a
 *      source article's paragraphs under its own headline group, with new
 *      bylines (under the head or after the text, 本报记者 / 记者 X 整理 /
 *      （记者 X 通讯员 Y） / （X）), datelines (本报讯（记者 X） or 本报讯 and a
 *      date), column badges, notices with 落款, photo news, portraits,
 *      teasers (见N版), a page banner and desk credits;
 *   2. a layout made up for the page (4–8 columns of 10–22 characters,
 *      60–130 lines, lead and wide module widths), the page composed by
 *      epaper's own composer (comp_edition_new);
 *   3. the placed lines written in content-stream order: one text line per
 *      column line, each headline group after its body (or before it, or
 *      held back behind the next story), portraits and captions between
 *      stories, vertical heads one glyph a line with ﹃﹄ forms, with the
 *      samples' artefacts: letter-spaced lines, spaces around numbers,
 *      half-width punctuation, fake-bold doubling in chunks, bylines run
 *      onto the last line, frames opened with a space, blank lines between
 *      lines; some pages print a paragraph a line (cut where a column ends).
 *
 * The page's truth is the edition it was composed from (pg->truth), with
 * the furniture the composer does not draw (badge, signature, banner,
 * credits) kept in the truth and written into the text by the generator.
 */
#pragma once

#include "compose/compose.h"
#include "compose/layoutspec.h"
#include "model/model.h"
#include "typeset/typeset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- the rates */

#define PG_MAX_ARTICLES     8     /* stories on a page, at most */
#define PG_P_HEAD_BEFORE    0.25  /* a page prints heads before their bodies */
#define PG_P_HEAD_LATE      0.12  /* a head is held back behind the next story */
#define PG_P_SWAP           0.12  /* two stories drawn out of reading order */
#define PG_P_PARA_LINES     0.12  /* a page extracted a paragraph a line */
#define PG_P_DOUBLE_SPACED  0.5   /* a page with a blank line after every line */
#define PG_P_LEAD_SPACE     0.2   /* a text frame's first line opens with a space */
#define PG_P_NUM_SPACE      0.6   /* a page with spaces around numbers … */
#define PG_P_NUM_SPACE_EACH 0.6   /* … at this share of them */
#define PG_P_HALF_ALL       0.1   /* a page printed with half-width , : ; ( ) */
#define PG_P_HALF_SOME      0.2   /* a page with a few half-width commas */
#define PG_P_FAKE_BOLD      0.35  /* a caption, banner or slogan doubled */
#define PG_P_BANNER         0.2
#define PG_P_RUNNING_HEAD   0.3
#define PG_P_CREDITS        0.25
#define PG_P_PHOTO          0.3   /* a photo news item on the page */
#define PG_P_NOTICE         0.1
#define PG_P_TEASER         0.06
#define PG_P_BADGE          0.04
#define PG_P_VERTICAL       0.06
#define PG_P_CAPTION        0.12  /* a story gets a photo caption */
#define PG_P_JUMP           0.04  /* a story closes with 下转第N版 */
#define PG_P_SPACED_STRETCHED 0.7 /* a spread line read letter-spaced */
#define PG_P_FROM_START     0.85  /* a story cut from its source starts at its start */

/* ------------------------------------------------------------- helpers */

typedef struct {
  GPtrArray *editions;   /* of EdEdition *, owned: the clean sources */
  GPtrArray *news;       /* of EdArticle * (borrowed): stories to cut from */
  GPtrArray *captions;   /* of EdBlock * (borrowed): captions with credits */
  TsContext *ts;
  LaySpec   *base;       /* broadsheet: the layout pages are varied from */
  GHashTable *used;      /* sources the page being made has cut from */
} PgGen;

typedef struct {
  EdEdition *truth;      /* owned: what the importer should rebuild */
  char      *text;       /* owned: the raw page text */
  char      *layout;     /* owned: a one-line description of the layout */
} PgPage;

static inline int
pg_int (GRand *r, int lo, int hi)
{
  return hi <= lo ? lo : g_rand_int_range (r, lo, hi + 1);
}

static inline gboolean
pg_chance (GRand *r, double p)
{
  return g_rand_double (r) < p;
}

static inline const char *
pg_pick (GRand *r, const char *const *list)
{
  guint n = 0;
  while (list[n])
    n++;
  return list[g_rand_int_range (r, 0, (gint32) n)];
}

static const char *const pg_surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
  "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
  "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
  "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
  "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
  "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔",
  "贺", "赖", "龚", "文", "樊", "温", "冀", "阴", "霍", "牛", "柴", "郜", NULL,
};
static const char *const pg_given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
  "超", "秀", "霞", "平", "刚", "桂", "英", "华", "亮", "红", "建", "文", "辉", "力", "鹏", "斌",
  "宇", "浩", "凯", "慧", "婷", "雪", "琳", "晶", "晓", "志", "宏", "海", "波", "峰", "瑞", "欣",
  "佳", "嘉", "璐", "萍", "雅", "少", "利", "亚", "芝", "永", "兴", "国", "庆", "春", "秋", "冬",
  "云", "山", "林", "森", "玉", "珍", "梅", "兰", "菊", "泽", "润", "清", "源", "晨", "阳", "新",
  "德", "福", "荣", "昌", "盛", "贤", "良", "俊", "博", "思", "远", "航", "飞", "龙", "虎", "彩",
  NULL,
};

/* A made-up personal name of two or three characters. */
static inline char *
pg_name (GRand *r)
{
  if (pg_chance (r, 0.3))
    return g_strconcat (pg_pick (r, pg_surnames), pg_pick (r, pg_given), NULL);
  return g_strconcat (pg_pick (r, pg_surnames), pg_pick (r, pg_given), pg_pick (r, pg_given), NULL);
}

static const char *const pg_badges[] = {
  "两会花絮", "图片新闻", "县区动态", "民生关注", "一线见闻", "基层传真", "走基层", "新闻速递",
  "身边榜样", "聚焦两会", "短评", "快讯", NULL,
};
static const char *const pg_banners[] = {
  "牢记嘱托 乘势而上", "凝心聚力谋发展 砥砺奋进新征程", "奋力谱写中国式现代化吕梁篇章",
  "聚焦高质量发展", "建言献策谋发展 同心协力谱新篇", "全面深化改革 推动转型发展",
  "学习贯彻党的二十届三中全会精神", "喜迎新春", NULL,
};
static const char *const pg_banner_subs[] = {
  "——市政协四届五次委员大会发言摘编", "——深入学习贯彻习近平总书记重要讲话精神",
  "——我市推进乡村振兴工作综述", "——来自基层一线的报道", NULL,
};
static const char *const pg_offices[] = {
  "吕梁市人民政府办公室", "吕梁市发展和改革委员会", "中共吕梁市委组织部", "吕梁市农业农村局",
  "吕梁市卫生健康委员会", "吕梁市教育局", "吕梁市市场监督管理局", "吕梁市生态环境局",
  "吕梁市住房和城乡建设局", "中共吕梁市纪律检查委员会", "吕梁市监察委员会", "吕梁市交通运输局",
  "吕梁市文化和旅游局", "吕梁市公安局", NULL,
};
static const char *const pg_notice_kinds[] = { "公告", "通知", "启事", "公示", NULL };
static const char *const pg_sections[] = {
  "要闻", "综合", "时政", "经济", "社会", "文化", "县区", "民生", "专版", "理论", NULL,
};
static const char *const pg_slogans[] = {
  "长一分应急能力 增十分幸福安康", "文明出行 安全你我", "节约用水 人人有责",
  "绿水青山就是金山银山", "平安吕梁 你我共建", NULL,
};
static const char *const pg_weekdays[] = {
  "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", NULL,
};

/* ------------------------------------------------------ cloning models */

static inline EdBlock *
pg_block_copy (const EdBlock *b)
{
  EdBlock *c = ed_block_new (b->kind, 0);

  c->level = b->level;
  c->caption = g_strdup (b->caption);
  c->credit = g_strdup (b->credit);
  for (guint i = 0; i < b->runs->len; i++)
    {
      const EdRun *r = g_ptr_array_index (b->runs, i);
      ed_block_add_run (c, r->text, ED_RUN_PLAIN);
    }
  return c;
}

static inline EdBlock *
pg_paragraph (const char *text)
{
  EdBlock *b = ed_block_new (ED_BLOCK_PARAGRAPH, 0);
  ed_block_add_run (b, text, ED_RUN_PLAIN);
  return b;
}

static inline EdArticle *
pg_article_copy (const EdArticle *a, gboolean blocks)
{
  EdArticle *c = ed_article_new ();

  c->title = g_strdup (a->title);
  c->kicker = g_strdup (a->kicker);
  c->subtitle = g_strdup (a->subtitle);
  c->byline = g_strdup (a->byline);
  c->byline_top = a->byline_top;
  c->dateline = g_strdup (a->dateline);
  c->vertical_title = a->vertical_title;
  c->kind = a->kind;
  c->badge = g_strdup (a->badge);
  c->signature = g_strdupv (a->signature);
  for (guint i = 0; blocks && i < a->blocks->len; i++)
    g_ptr_array_add (c->blocks, pg_block_copy (g_ptr_array_index (a->blocks, i)));
  return c;
}

/* ----------------------------------------------------------- the pool */

static inline void
pg_gen_free (PgGen *g)
{
  if (!g)
    return;
  g_ptr_array_unref (g->news);
  g_ptr_array_unref (g->captions);
  g_hash_table_unref (g->used);
  g_ptr_array_unref (g->editions);
  ts_context_free (g->ts);
  lay_spec_free (g->base);
  g_free (g);
}

/* Loads the clean sample editions from @srcdir; NULL with @error. */
static inline PgGen *
pg_gen_new (const char *srcdir, GError **error)
{
  static const char *const dirs[] = {
    "tests/editions/seed-000", "tests/editions/seed-001", "tests/editions/seed-002",
    "tests/editions/seed-003", "tests/editions/seed-004", "tests/editions/figures", NULL,
  };
  PgGen *g = g_new0 (PgGen, 1);
  g_autofree char *fonts = g_build_filename (srcdir, "fonts", NULL);

  g->editions = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_edition_free);
  g->news = g_ptr_array_new ();
  g->captions = g_ptr_array_new ();
  g->used = g_hash_table_new (NULL, NULL);
  for (guint i = 0; dirs[i]; i++)
    {
      g_autofree char *dir = g_build_filename (srcdir, dirs[i], NULL);
      EdEdition *ed = ed_edition_load (dir, error);
      if (!ed)
        {
          pg_gen_free (g);
          return NULL;
        }
      g_ptr_array_add (g->editions, ed);
      for (guint a = 0; a < ed->articles->len; a++)
        {
          EdArticle *art = g_ptr_array_index (ed->articles, a);
          guint paras = 0;
          for (guint b = 0; b < art->blocks->len; b++)
            {
              EdBlock *blk = g_ptr_array_index (art->blocks, b);
              paras += blk->kind == ED_BLOCK_PARAGRAPH;
              if (blk->kind == ED_BLOCK_FIGURE && blk->credit && blk->caption
                  && g_utf8_strlen (blk->caption, -1) > 8)
                g_ptr_array_add (g->captions, blk);
            }
          /* the figures edition repeats sample stories: its captions only */
          if (art->kind == ED_KIND_NEWS && paras > 0 && strstr (dirs[i], "/seed-"))
            g_ptr_array_add (g->news, art);
        }
    }
  if (!(g->ts = ts_context_new (fonts, error))
      || !(g->base = lay_spec_load_named (srcdir, "broadsheet", error)))
    {
      pg_gen_free (g);
      return NULL;
    }
  return g;
}

/* ------------------------------------------------------------- stories */

typedef enum {
  PG_BY_NONE,
  PG_BY_END,      /* its own line after the text (记者 X 整理) */
  PG_BY_RUNON,    /* on the text's last line, after a space */
  PG_BY_INLINE,   /* （记者 X 通讯员 Y） or （X） right after the last sentence */
  PG_BY_TOP,      /* under the head or before the text (□ 本报记者 X) */
} PgBylineForm;

/* How one story is written out; the model does not say. */
typedef struct {
  EdArticle   *art;          /* borrowed from the truth */
  PgBylineForm byline;
  gboolean     head_late;    /* head drawn after the next story */
  gboolean     figs_late;    /* portraits and captions after the next story */
  gboolean     figs_first;   /* … before the text */
  gboolean     credit_runon; /* photo credit on the caption's last line */
  gboolean     fake_bold;    /* caption printed in fake bold */
  gboolean     badge_after;  /* badge drawn after the head, not before */
  gboolean     byline_in_head; /* a top byline drawn with the head */
  guint        jump;         /* 下转第N版 after the text, 0 = none */
} PgStory;

static inline char *
pg_reporters (GRand *r, const char *role)
{
  g_autofree char *a = pg_name (r);
  if (pg_chance (r, 0.3))
    {
      g_autofree char *b = pg_name (r);
      return g_strdup_printf ("%s %s %s", role, a, b);
    }
  return g_strdup_printf ("%s %s", role, a);
}

/* A dateline (本报讯（记者 X）) or NULL; sets *@bare for 本报讯 alone. */
static inline char *
pg_dateline (GRand *r, gboolean *bare)
{
  double u = g_rand_double (r);
  g_autofree char *a = pg_name (r), *b = pg_name (r);

  *bare = FALSE;
  if (u < 0.16)
    return g_strdup_printf ("本报讯（记者 %s）", a);
  if (u < 0.22)
    return g_strdup_printf ("本报讯（记者 %s 通讯员 %s）", a, b);
  if (u < 0.25)
    return g_strdup_printf ("本报讯（实习记者 %s）", a);
  if (u < 0.28)
    return g_strdup_printf ("本报讯（通讯员 %s %s）", a, b);
  if (u < 0.34)
    {
      *bare = TRUE;
      return g_strdup ("本报讯");
    }
  return NULL;
}

/* A byline and its printed form. */
static inline char *
pg_byline (GRand *r, PgBylineForm *form)
{
  double u = g_rand_double (r);
  g_autofree char *a = pg_name (r), *b = pg_name (r);

  if (u < 0.14)
    {
      *form = pg_chance (r, 0.5) ? PG_BY_RUNON : PG_BY_END;
      return g_strdup_printf (pg_chance (r, 0.8) ? "记者 %s 整理" : "记者%s 整理", a);
    }
  if (u < 0.22)
    {
      *form = pg_chance (r, 0.5) ? PG_BY_RUNON : PG_BY_END;
      return pg_chance (r, 0.5) ? g_strdup_printf ("本报记者 %s", a)
                                : g_strdup_printf ("记者 %s 通讯员 %s", a, b);
    }
  if (u < 0.38)
    {
      *form = PG_BY_TOP;
      switch (pg_int (r, 0, 3))
        {
        case 0: return g_strdup_printf ("□ 本报记者 %s", a);
        case 1: return g_strdup_printf ("□ 本报记者 %s 通讯员 %s", a, b);
        case 2: return g_strdup_printf ("□ %s %s", a, b);
        default: return g_strdup_printf ("提案者：%s", a);
        }
    }
  if (u < 0.46)
    {
      *form = PG_BY_INLINE;
      return pg_chance (r, 0.5) ? g_strdup_printf ("（记者 %s 通讯员 %s）", a, b)
                                : g_strdup_printf ("（%s）", a);
    }
  *form = PG_BY_NONE;
  return NULL;
}

static inline char *
pg_credit (GRand *r)
{
  g_autofree char *a = pg_name (r), *b = pg_name (r);
  switch (pg_int (r, 0, 2))
    {
    case 0: return g_strdup_printf ("记者 %s 摄", a);
    case 1: return g_strdup_printf ("%s %s 摄", a, b);
    default: return g_strdup_printf ("本报记者 %s 摄", a);
    }
}

/* The first clause of @text (up to ，。；), at most @max characters. */
static inline char *
pg_clause (const char *text, glong max)
{
  GString *s = g_string_new (NULL);
  glong n = 0;

  for (const char *p = text; *p && n < max; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 || c == 0xFF1F)
        break;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static inline char *
pg_block_text (const EdBlock *b)
{
  return ed_block_text (b);
}

/* A caption-only figure: a pool caption or one made from @art's text. */
static inline EdBlock *
pg_caption (PgGen *g, GRand *r, const EdArticle *art)
{
  EdBlock *f = ed_block_new (ED_BLOCK_FIGURE, 0);

  if (!art || pg_chance (r, 0.3))
    {
      const EdBlock *c = g_ptr_array_index (g->captions, g_rand_int_range (r, 0, (gint32) g->captions->len));
      f->caption = g_strdup (c->caption);
    }
  else
    {
      const EdBlock *p = NULL;
      for (guint tries = 0; tries < 8 && !p; tries++)
        {
          const EdBlock *c = g_ptr_array_index (art->blocks, g_rand_int_range (r, 0, (gint32) art->blocks->len));
          if (c->kind == ED_BLOCK_PARAGRAPH)
            p = c;
        }
      if (p)
        {
          g_autofree char *t = pg_block_text (p), *cl = pg_clause (t, 40);
          f->caption = g_strdup_printf ("图为%s。", cl);
        }
      else
        f->caption = g_strdup ("图为活动现场。");
    }
  f->credit = pg_credit (r);
  return f;
}

/* Paragraphs (and subheads) of @src, a run of them within @budget
 * characters, into @art; portraits whose name the text holds come along. */
static inline void
pg_cut_body (GRand *r, const EdArticle *src, EdArticle *art, glong budget)
{
  g_autoptr (GPtrArray) body = g_ptr_array_new ();
  GString *all = g_string_new (NULL);
  guint start, end;
  glong chars = 0;

  for (guint i = 0; i < src->blocks->len; i++)
    {
      EdBlock *b = g_ptr_array_index (src->blocks, i);
      if (b->kind == ED_BLOCK_PARAGRAPH || b->kind == ED_BLOCK_HEADING)
        g_ptr_array_add (body, b);
    }
  /* a story is printed from its start; now and then a later part (a
   * continuation, a cut) */
  start = pg_chance (r, PG_P_FROM_START) ? 0 : (guint) pg_int (r, 0, (int) body->len - 1);
  while (start < body->len && ((EdBlock *) g_ptr_array_index (body, start))->kind == ED_BLOCK_HEADING)
    start++;
  if (start >= body->len)
    start = 0;
  for (end = start; end < body->len; end++)
    {
      g_autofree char *t = pg_block_text (g_ptr_array_index (body, end));
      glong n = g_utf8_strlen (t, -1);
      if (end > start && chars + n > budget)
        break;
      chars += n;
    }
  while (end > start + 1 && ((EdBlock *) g_ptr_array_index (body, end - 1))->kind == ED_BLOCK_HEADING)
    end--;
  for (guint i = start; i < end; i++)
    {
      EdBlock *b = g_ptr_array_index (body, i);
      g_autofree char *t = pg_block_text (b);
      g_string_append (all, t);
      g_ptr_array_add (art->blocks, pg_block_copy (b));
    }
  for (guint i = 0; i < src->blocks->len; i++)
    {
      EdBlock *b = g_ptr_array_index (src->blocks, i);
      if (b->kind == ED_BLOCK_FIGURE && !b->credit && b->caption && strstr (all->str, b->caption)
          && pg_chance (r, 0.7))
        g_ptr_array_insert (art->blocks, 0, pg_block_copy (b));
    }
  g_string_free (all, TRUE);
}

/* A source story the page has not used yet (if any is left). */
static inline const EdArticle *
pg_source (PgGen *g, GRand *r)
{
  const EdArticle *src = NULL;

  for (guint tries = 0; tries < 32; tries++)
    {
      src = g_ptr_array_index (g->news, g_rand_int_range (r, 0, (gint32) g->news->len));
      if (!g_hash_table_contains (g->used, src))
        break;
    }
  g_hash_table_add (g->used, (gpointer) src);
  return src;
}

static inline EdArticle *
pg_news (PgGen *g, GRand *r, PgStory *st, glong budget)
{
  const EdArticle *src = pg_source (g, r);
  EdArticle *art = pg_article_copy (src, FALSE);
  gboolean bare = FALSE;

  g_clear_pointer (&art->byline, g_free);
  g_clear_pointer (&art->dateline, g_free);
  g_clear_pointer (&art->badge, g_free);
  g_clear_pointer (&art->signature, g_strfreev);
  art->byline_top = FALSE;
  if (art->kicker && art->subtitle && pg_chance (r, 0.3))
    g_clear_pointer (pg_chance (r, 0.5) ? &art->kicker : &art->subtitle, g_free);
  pg_cut_body (r, src, art, budget);
  art->vertical_title = !art->kicker && !art->subtitle && g_utf8_strlen (art->title, -1) <= 24
                        && pg_chance (r, PG_P_VERTICAL);
  art->dateline = pg_dateline (r, &bare);
  if (bare)
    {
      EdBlock *b = NULL;
      for (guint i = 0; i < art->blocks->len && !b; i++)
        if (((EdBlock *) g_ptr_array_index (art->blocks, i))->kind == ED_BLOCK_PARAGRAPH)
          b = g_ptr_array_index (art->blocks, i);
      if (b && !g_ascii_isdigit (((EdRun *) g_ptr_array_index (b->runs, 0))->text[0]))
        {
          EdRun *run = g_ptr_array_index (b->runs, 0);
          char *t = g_strdup_printf ("%d月%d日，%s", pg_int (r, 1, 12), pg_int (r, 1, 28), run->text);
          g_free (run->text);
          run->text = t;
        }
    }
  if (!art->dateline || !strstr (art->dateline, "记者") || pg_chance (r, 0.1))
    art->byline = pg_byline (r, &st->byline);
  art->byline_top = st->byline == PG_BY_TOP;
  if (pg_chance (r, PG_P_BADGE))
    art->badge = g_strdup (pg_pick (r, pg_badges));
  if (pg_chance (r, PG_P_CAPTION))
    g_ptr_array_add (art->blocks, pg_caption (g, r, art));
  st->jump = pg_chance (r, PG_P_JUMP) ? (guint) pg_int (r, 2, 8) : 0;
  return art;
}

static const char *const pg_notice_subjects[] = {
  "开设营商环境投诉举报监督专线", "调整部分公交线路", "开展城乡居民医保集中缴费",
  "公开招聘社区工作者", "征集市政协提案线索", "市区部分路段临时停水", "开展企业年度报告公示",
  "清理规范农贸市场经营秩序", "开展冬季供暖安全检查", "启用新版不动产登记证书", NULL,
};

static inline EdArticle *
pg_notice (PgGen *g, GRand *r)
{
  const EdArticle *src = pg_source (g, r);
  EdArticle *art = ed_article_new ();
  const char *office = pg_pick (r, pg_offices);
  guint lines = (guint) pg_int (r, 1, 2);

  const char *subject = pg_pick (r, pg_notice_subjects), *kind = pg_pick (r, pg_notice_kinds);
  g_autofree char *opening = NULL, *closing = NULL;

  art->kind = ED_KIND_NOTICE;
  art->title = g_strdup_printf ("%s关于%s的%s", pg_chance (r, 0.5) ? office : "", subject, kind);
  /* a notice says what it is about, then the matter (a source's text) */
  opening = g_strdup_printf ("为进一步做好相关工作，经研究，%s决定%s。现将有关事项%s如下：", office,
                             subject, kind);
  g_ptr_array_add (art->blocks, pg_paragraph (opening));
  pg_cut_body (r, src, art, pg_int (r, 60, 240));
  for (guint i = 0; i < art->blocks->len; i++)
    if (((EdBlock *) g_ptr_array_index (art->blocks, i))->kind != ED_BLOCK_PARAGRAPH)
      g_ptr_array_remove_index (art->blocks, i--);
  closing = g_strdup_printf ("特此%s。", kind);
  g_ptr_array_add (art->blocks, pg_paragraph (closing));
  art->signature = g_new0 (char *, lines + 2);
  art->signature[0] = g_strdup (office);
  if (lines == 2)
    art->signature[1] = g_strdup (pg_pick (r, pg_offices));
  art->signature[lines] = g_strdup_printf ("%d年%d月%d日", pg_int (r, 2019, 2025), pg_int (r, 1, 12),
                                           pg_int (r, 1, 28));
  return art;
}

static inline EdArticle *
pg_photo (PgGen *g, GRand *r, PgStory *st)
{
  const EdArticle *src = pg_source (g, r);
  EdArticle *art = ed_article_new ();
  EdBlock *f = pg_caption (g, r, pg_chance (r, 0.5) ? src : NULL);
  g_autofree char *cl = pg_clause (f->caption, 24);

  art->kind = ED_KIND_PHOTO;
  art->title = g_strdup (g_str_has_prefix (cl, "图为") ? cl + strlen ("图为") : cl);
  if (!*art->title)
    {
      g_free (art->title);
      art->title = g_strdup ("图片新闻");
    }
  if (pg_chance (r, 0.3))
    {
      char *t = g_strdup_printf ("%d月%d日，%s", pg_int (r, 1, 12), pg_int (r, 1, 28),
                                 g_str_has_prefix (f->caption, "图为") ? f->caption + strlen ("图为")
                                                                      : f->caption);
      g_free (f->caption);
      f->caption = t;
    }
  g_ptr_array_add (art->blocks, f);
  st->fake_bold = pg_chance (r, PG_P_FAKE_BOLD);
  return art;
}

static inline EdArticle *
pg_teaser (PgGen *g, GRand *r)
{
  const EdArticle *src = pg_source (g, r);
  EdArticle *art = pg_article_copy (src, FALSE);
  EdBlock *note = ed_block_new (ED_BLOCK_NOTE, 0);
  g_autofree char *jump = g_strdup_printf ("见%d版", pg_int (r, 2, 8));

  g_clear_pointer (&art->byline, g_free);
  g_clear_pointer (&art->dateline, g_free);
  g_clear_pointer (&art->badge, g_free);
  g_clear_pointer (&art->signature, g_strfreev);
  art->byline_top = FALSE;
  art->vertical_title = FALSE;
  ed_block_add_run (note, jump, ED_RUN_PLAIN);
  g_ptr_array_add (art->blocks, note);
  return art;
}

/* -------------------------------------------------------------- layout */

/* A layout made up for one page, from @base. */
static inline LaySpec *
pg_layout (const LaySpec *base, GRand *r)
{
  LaySpec *s = g_memdup2 (base, sizeof *s);
  guint rows = (guint) pg_int (r, 60, 130);
  double width;

  s->name = g_strdup ("generated");
  s->description = g_strdup ("");
  s->columns = (guint) pg_int (r, 4, 8);
  s->column_chars = (guint) pg_int (r, 10, 22);
  s->type_height = rows * s->body_pitch;
  width = lay_spec_type_width (s);
  s->page_width = width + 2 * 40.0;
  s->page_height = s->type_top + s->type_height + 60.0;
  s->lead_columns = (guint) pg_int (r, 2, (int) s->columns);
  s->wide_columns = (guint) pg_int (r, 1, (int) MIN (4u, s->columns));
  s->major_columns = (guint) pg_int (r, 2, (int) s->columns);
  s->masthead_columns = (guint) pg_int (r, 1, (int) s->columns - 1);
  s->masthead_rows = (guint) pg_int (r, 8, 16);
  s->min_module_rows = (guint) pg_int (r, 6, 14);
  s->stretch_rows = (guint) pg_int (r, 0, 4);
  return s;
}

static inline char *
pg_layout_describe (const LaySpec *s)
{
  return g_strdup_printf ("%u columns of %u characters, %u lines; lead %u, wide %u",
                          s->columns, s->column_chars, lay_spec_rows (s), s->lead_columns,
                          s->wide_columns);
}

/* Characters of text a page of @s holds, roughly. */
static inline glong
pg_capacity (const LaySpec *s)
{
  return (glong) (s->columns * s->column_chars * (lay_spec_rows (s) - s->masthead_rows / 2) * 0.7);
}

/* ------------------------------------------------------------- compose */

/* The edition the composer sets: @truth without the furniture the
 * generator writes itself. */
static inline EdEdition *
pg_comp_edition (const EdEdition *truth)
{
  EdEdition *ed = ed_edition_new ();
  const EdPage *tp = g_ptr_array_index (truth->pages, 0);
  EdPage *page = ed_page_new (1, tp->section);

  ed->paper = g_strdup (truth->paper);
  ed->date = g_strdup (truth->date);
  ed->gdate = truth->gdate;
  g_ptr_array_add (ed->pages, page);
  for (guint i = 0; i < tp->articles->len; i++)
    {
      EdArticle *c = pg_article_copy (g_ptr_array_index (tp->articles, i), TRUE);
      g_clear_pointer (&c->badge, g_free);
      g_clear_pointer (&c->signature, g_strfreev);
      c->id = g_strdup_printf ("a%u", i);
      c->src_path = g_strdup_printf ("a%u.md", i);
      ed_edition_add_article (ed, page, c);
    }
  return ed;
}

/* Does every story of @ce stand whole on page 1? */
static inline gboolean
pg_fits (const CompEdition *ce)
{
  const CompPage *p;

  if (ce->pages->len != 1)
    return FALSE;
  p = g_ptr_array_index (ce->pages, 0);
  for (guint i = 0; i < p->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (p->articles, i);
      if (a->part || a->to_page)
        return FALSE;
    }
  return p->articles->len == ((EdPage *) g_ptr_array_index (ce->ed->pages, 0))->articles->len;
}

/* Drops the last block of the longest story (or the last story) of the
 * truth page, keeping the stories list in step. */
static inline void
pg_shrink (EdEdition *truth, GArray *stories)
{
  EdPage *tp = g_ptr_array_index (truth->pages, 0);
  EdArticle *longest = NULL;
  glong most = 0;
  guint paras_longest = 0;

  for (guint i = 0; i < tp->articles->len; i++)
    {
      EdArticle *a = g_ptr_array_index (tp->articles, i);
      glong n = ed_article_char_count (a);
      guint paras = 0;
      for (guint b = 0; b < a->blocks->len; b++)
        paras += ((EdBlock *) g_ptr_array_index (a->blocks, b))->kind == ED_BLOCK_PARAGRAPH;
      if (n > most)
        {
          most = n;
          longest = a;
          paras_longest = paras;
        }
    }
  if (longest && paras_longest > 1)
    {
      for (int b = (int) longest->blocks->len - 1; b >= 0; b--)
        if (((EdBlock *) g_ptr_array_index (longest->blocks, b))->kind == ED_BLOCK_PARAGRAPH)
          {
            g_ptr_array_remove_index (longest->blocks, (guint) b);
            break;
          }
      while (longest->blocks->len
             && ((EdBlock *) g_ptr_array_index (longest->blocks, longest->blocks->len - 1))->kind
                    == ED_BLOCK_HEADING)
        g_ptr_array_remove_index (longest->blocks, longest->blocks->len - 1);
      return;
    }
  if (tp->articles->len > 1)
    {
      EdArticle *last = g_ptr_array_index (tp->articles, tp->articles->len - 1);
      g_ptr_array_remove_index (tp->articles, tp->articles->len - 1);
      g_ptr_array_remove (truth->articles, last);
      g_array_set_size (stories, stories->len - 1);
    }
}

/* ---------------------------------------------------------------- lines */

/* The text of one placed line. */
static inline char *
pg_line_text (const CompLine *cl)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < cl->line->runs->len; r++)
    {
      const TsGlyphRun *gr = g_ptr_array_index (cl->line->runs, r);
      g_string_append_len (s, gr->utf8, gr->utf8_len);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static inline char *
pg_elem_text (const CompElem *e)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l < e->lines->len; l++)
    {
      g_autofree char *t = pg_line_text (&g_array_index (e->lines, CompLine, l));
      g_string_append (s, t);
    }
  return g_string_free (s, FALSE);
}

/* Are two texts the same but for white space? */
static inline gboolean
pg_same_text (const char *a, const char *b)
{
  while (*a || *b)
    {
      while (*a == ' ')
        a++;
      while (*b == ' ')
        b++;
      if (*a != *b)
        return FALSE;
      if (*a)
        a++, b++;
    }
  return TRUE;
}

/* --------------------------------------------------------------- frames */

typedef enum { PG_F_HEAD, PG_F_BODY, PG_F_FIG, PG_F_FURN } PgFrameKind;

/* A text frame as the extraction meets it: lines in drawing order. */
typedef struct {
  PgFrameKind kind;
  GPtrArray  *lines;      /* of char *, owned */
  GArray     *breaks;     /* of gboolean: a column break before line i */
  GArray     *justified;  /* of gboolean: line i is justified (not a last line) */
  GArray     *stretched;  /* of gboolean: … and its glyphs fall short of the measure:
                             the typesetter spread them (the extraction sees gaps) */
  gboolean    fake_bold;  /* every line printed doubled */
} PgFrame;

static inline PgFrame *
pg_frame_new (PgFrameKind kind)
{
  PgFrame *f = g_new0 (PgFrame, 1);
  f->kind = kind;
  f->lines = g_ptr_array_new_with_free_func (g_free);
  f->breaks = g_array_new (FALSE, TRUE, sizeof (gboolean));
  f->justified = g_array_new (FALSE, TRUE, sizeof (gboolean));
  f->stretched = g_array_new (FALSE, TRUE, sizeof (gboolean));
  return f;
}

static inline void
pg_frame_free (PgFrame *f)
{
  g_ptr_array_unref (f->lines);
  g_array_unref (f->breaks);
  g_array_unref (f->justified);
  g_array_unref (f->stretched);
  g_free (f);
}

static inline void
pg_frame_add (PgFrame *f, const char *text, gboolean col_break)
{
  if (!text || !*text)
    return;
  g_ptr_array_add (f->lines, g_strdup (text));
  g_array_append_val (f->breaks, col_break);
  g_array_set_size (f->justified, f->lines->len);
  g_array_set_size (f->stretched, f->lines->len);
}

/* Appends @tail to the frame's last line (after @sep). */
static inline void
pg_frame_append (PgFrame *f, const char *sep, const char *tail)
{
  char **last;
  if (!f->lines->len)
    {
      pg_frame_add (f, tail, FALSE);
      return;
    }
  last = (char **) &g_ptr_array_index (f->lines, f->lines->len - 1);
  {
    char *t = g_strconcat (*last, sep, tail, NULL);
    g_free (*last);
    *last = t;
  }
}

/* The lines of element @e into @f: one a column line, or (@para_lines)
 * one a paragraph, cut where a column ends. */
/* Width of @t set solid: Han and marks 1 em, Latin ½ and a ¼ em gap. */
static inline double
pg_natural_width (const char *t)
{
  double w = 0;
  gunichar prev = 0;

  for (const char *p = t; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean latin = c < 0x1100 && c != ' ';
      if (c == ' ')
        continue;
      if (prev && (latin != (prev < 0x1100)))
        w += 0.25;
      w += latin ? 0.5 : 1.0;
      prev = c;
    }
  return w;
}

/* The lines of element @e into @f; @measure is the column's measure in
 * ems (0 for no body text): a justified line whose glyphs fall an em or
 * more short of it was spread by the typesetter. */
static inline void
pg_frame_add_elem (PgFrame *f, const CompElem *e, gboolean para_lines, double measure)
{
  GString *acc = NULL;
  double py = 0;

  for (guint l = 0; l < e->lines->len; l++)
    {
      const CompLine *cl = &g_array_index (e->lines, CompLine, l);
      g_autofree char *t = pg_line_text (cl);
      /* a column ends where the next line stands higher up (lines of a
       * centred head differ in x) */
      gboolean brk = l > 0 && cl->y < py - 1;
      if (para_lines)
        {
          if (acc && brk)
            {
              pg_frame_add (f, acc->str, FALSE);
              g_string_free (acc, TRUE);
              acc = NULL;
            }
          if (!acc)
            acc = g_string_new (NULL);
          g_string_append (acc, t);
        }
      else
        {
          pg_frame_add (f, t, brk);
          if (f->lines->len && l + 1 < e->lines->len)
            {
              double room = measure - (l == 0 ? 2 : 0);
              g_array_index (f->justified, gboolean, f->lines->len - 1) = TRUE;
              g_array_index (f->stretched, gboolean, f->lines->len - 1)
                  = measure > 0 && pg_natural_width (t) <= room - 1.0;
            }
        }
      py = cl->y;
    }
  if (acc)
    {
      pg_frame_add (f, acc->str, FALSE);
      g_string_free (acc, TRUE);
    }
}

/* Vertical presentation form of a mark in a vertical head, or 0. */
static inline gunichar
pg_vertical_form (gunichar c)
{
  switch (c)
    {
    case 0x201C: return 0xFE43;  /* “ ﹃ */
    case 0x201D: return 0xFE44;  /* ” ﹄ */
    case 0x2018: return 0xFE41;
    case 0x2019: return 0xFE42;
    case 0xFF08: return 0xFE35;
    case 0xFF09: return 0xFE36;
    case 0x300A: return 0xFE3D;
    case 0x300B: return 0xFE3E;
    default: return 0;
    }
}

/* A vertical head: one glyph a line; marks join the glyph before or
 * after them or stand alone. */
static inline void
pg_frame_vertical (PgFrame *f, GRand *r, const char *title)
{
  GString *cell = g_string_new (NULL);

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p), v = pg_vertical_form (c);
      gboolean mark = v || c == 0x3001 || c == 0xFF0C || c == 0xFF1A;
      if (c == ' ')
        continue;
      if (mark)
        {
          double u = g_rand_double (r);
          if (u < 0.4 && cell->len)
            {
              g_string_append_unichar (cell, v ? v : c);
              pg_frame_add (f, cell->str, FALSE);
              g_string_truncate (cell, 0);
              continue;
            }
          if (cell->len)
            pg_frame_add (f, cell->str, FALSE);
          g_string_truncate (cell, 0);
          g_string_append_unichar (cell, v ? v : c);
          if (u < 0.7)
            continue; /* joins the next glyph */
          pg_frame_add (f, cell->str, FALSE);
          g_string_truncate (cell, 0);
          continue;
        }
      g_string_append_unichar (cell, c);
      pg_frame_add (f, cell->str, FALSE);
      g_string_truncate (cell, 0);
    }
  if (cell->len)
    pg_frame_add (f, cell->str, FALSE);
  g_string_free (cell, TRUE);
}

/* A caption's lines, its credit (as printed, with its spaces) on a line
 * of its own or (@runon) after the caption's last line. */
static inline void
pg_frame_caption (PgFrame *f, const CompElem *e, const EdBlock *fig, gboolean runon,
                  gboolean para_lines)
{
  const char *credit = fig && fig->credit ? fig->credit : NULL;
  glong cut = 0, pos = 0;
  guint first = f->lines->len;

  if (!credit)
    {
      pg_frame_add_elem (f, e, para_lines, 0);
      return;
    }
  for (const char *p = fig->caption ? fig->caption : ""; *p; p = g_utf8_next_char (p))
    cut += g_utf8_get_char (p) != ' ';
  for (guint l = 0; l < e->lines->len && pos < cut; l++)
    {
      g_autofree char *t = pg_line_text (&g_array_index (e->lines, CompLine, l));
      GString *keep = g_string_new (NULL);
      for (const char *p = t; *p && pos < cut; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          pos += c != ' ';
          g_string_append_unichar (keep, c);
        }
      pg_frame_add (f, g_strstrip (keep->str), FALSE);
      g_string_free (keep, TRUE);
    }
  /* a paragraph a line: the caption's lines are one */
  while (para_lines && f->lines->len > first + 1)
    {
      char *last = g_ptr_array_steal_index (f->lines, f->lines->len - 1);
      g_array_set_size (f->breaks, f->lines->len);
      pg_frame_append (f, "", last);
      g_free (last);
    }
  if (runon)
    pg_frame_append (f, " ", credit);
  else
    pg_frame_add (f, credit, FALSE);
}

/* A headline group's lines; the composer draws the 副题's dash as a rule,
 * the extraction reads it as text (——). */
static inline void
pg_frame_head (PgFrame *f, const CompElem *e, const EdArticle *art)
{
  guint first = f->lines->len;
  const char *sub = art->subtitle;

  pg_frame_add_elem (f, e, FALSE, 0);
  if (!sub || !g_str_has_prefix (sub, "——"))
    return;
  while (g_str_has_prefix (sub, "——"))
    sub += strlen ("——");
  {
    g_autoptr (GString) tail = g_string_new (NULL);
    for (guint l = f->lines->len; l > first; l--)
      {
        char **line = (char **) &g_ptr_array_index (f->lines, l - 1);
        g_string_prepend (tail, *line);
        if (pg_same_text (tail->str, sub))
          {
            char *t = g_strconcat ("——", *line, NULL);
            g_free (*line);
            *line = t;
            return;
          }
      }
  }
}

/* Page-wide habits of the extraction. */
typedef struct {
  gboolean para_lines;     /* a paragraph a line */
  gboolean double_spaced;  /* a blank line after every line */
  gboolean head_before;    /* heads drawn before their bodies */
  gboolean num_space;      /* spaces around numbers */
  int      half;           /* 0 none, 1 a few, 2 all half-width marks */
  double   spaced_rate;    /* letter-spaced body lines */
  gboolean dateline_space; /* 本报讯 （记者 X） 5 月 */
} PgHabits;

/* The frames of one placed story: head, body (with byline, signature and
 * jump line), figures, badge. */
typedef struct {
  PgFrame *head, *body, *figs, *badge;
} PgStoryFrames;

static inline const EdBlock *
pg_figure_block (const EdArticle *art, const char *elem_text)
{
  for (guint b = 0; b < art->blocks->len; b++)
    {
      const EdBlock *blk = g_ptr_array_index (art->blocks, b);
      g_autofree char *t = NULL;
      if (blk->kind != ED_BLOCK_FIGURE)
        continue;
      t = ed_block_text (blk);
      if (pg_same_text (t, elem_text))
        return blk;
    }
  return NULL;
}

static inline void
pg_story_frames (GRand *r, const CompArticle *ca, const PgStory *st, const PgHabits *h,
                 double measure, PgStoryFrames *out)
{
  const EdArticle *art = st->art;
  gboolean head_done = FALSE;

  memset (out, 0, sizeof *out);
  out->body = pg_frame_new (PG_F_BODY);
  out->figs = pg_frame_new (PG_F_FIG);
  out->figs->fake_bold = st->fake_bold;
  for (guint i = 0; i < ca->elems->len; i++)
    {
      const CompElem *e = g_ptr_array_index (ca->elems, i);
      g_autofree char *text = pg_elem_text (e);

      if (!head_done && e->kind == COMP_ELEM_HEADING && i == 0)
        {
          head_done = TRUE;
          if (art->kind == ED_KIND_PHOTO)
            continue;
          out->head = pg_frame_new (PG_F_HEAD);
          if (art->vertical_title)
            pg_frame_vertical (out->head, r, art->title);
          else
            pg_frame_head (out->head, e, art);
          continue;
        }
      if (art->byline && pg_same_text (text, art->byline))
        {
          if (st->byline == PG_BY_TOP && st->byline_in_head && out->head)
            pg_frame_add (out->head, art->byline, FALSE);
          else if (st->byline == PG_BY_TOP || st->byline == PG_BY_END)
            pg_frame_add (out->body, art->byline, FALSE);
          else if (st->byline == PG_BY_RUNON)
            pg_frame_append (out->body, " ", art->byline);
          else
            pg_frame_append (out->body, pg_chance (r, 0.7) ? "" : " ", art->byline);
          continue;
        }
      if (e->kind == COMP_ELEM_FIGURE)
        {
          const EdBlock *fig = pg_figure_block (art, text);
          PgFrame *into = art->kind == ED_KIND_PHOTO ? out->body : out->figs;
          pg_frame_caption (into, e, fig, st->credit_runon, h->para_lines);
          continue;
        }
      pg_frame_add_elem (out->body, e, h->para_lines && e->kind == COMP_ELEM_PARAGRAPH,
                         e->kind == COMP_ELEM_PARAGRAPH ? measure : 0);
    }
  if (art->kind == ED_KIND_PHOTO)
    out->body->fake_bold = st->fake_bold;
  for (guint k = 0; art->signature && art->signature[k]; k++)
    pg_frame_add (out->body, art->signature[k], FALSE);
  if (st->jump)
    {
      g_autofree char *j = g_strdup_printf ("下转第%u版", st->jump);
      pg_frame_add (out->body, j, FALSE);
    }
  if (art->badge)
    {
      out->badge = pg_frame_new (PG_F_HEAD);
      pg_frame_add (out->badge, art->badge, FALSE);
    }
}

/* --------------------------------------------------------- artefacts */

static inline gboolean
pg_is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static inline gboolean
pg_is_wide_mark (gunichar c)
{
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E && !g_unichar_isalnum (c))
         || (c >= 0x2010 && c <= 0x2027);
}

/* Letter-spacing as the samples show it: a space before every glyph but
 * none after “ （《 ，、；：” and none before “ （《》）; Latin and digit
 * runs stay whole. */
static inline char *
pg_letter_space (const char *line)
{
  GString *out = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean ascii = c < 128;
      if (c == ' ')
        continue;
      if (prev && !(ascii && prev < 128) && !g_utf8_strchr ("（《，、；：”", -1, prev)
          && !g_utf8_strchr ("“（《》）", -1, c) && !(c == 0x201D && pg_is_wide_mark (prev)))
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* Fake bold: every run of one kind of glyph (Han, marks, Latin and
 * digits) printed twice. */
static inline char *
pg_fake_bold (const char *line)
{
  GString *out = g_string_new (NULL), *run = g_string_new (NULL);
  int kind = -1;

  for (const char *p = line;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int k = !*p ? -2 : c == ' ' ? -1 : pg_is_han (c) ? 0 : pg_is_wide_mark (c) ? 1 : 2;
      if (k != kind && run->len)
        {
          g_string_append (out, run->str);
          if (kind >= 0)
            g_string_append (out, run->str);
          g_string_truncate (run, 0);
        }
      if (!*p)
        break;
      kind = k;
      g_string_append_unichar (run, c);
    }
  g_string_free (run, TRUE);
  return g_string_free (out, FALSE);
}

/* Spaces between Han and digits (2 万亿立方米), half-width marks. */
static inline char *
pg_line_habits (GRand *r, const char *line, const PgHabits *h)
{
  GString *out = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean digit = c < 128 && g_ascii_isdigit ((char) c);
      gboolean pdigit = prev < 128 && g_ascii_isdigit ((char) prev);
      if (h->num_space && prev && ((digit && pg_is_han (prev)) || (pdigit && pg_is_han (c)))
          && pg_chance (r, PG_P_NUM_SPACE_EACH))
        g_string_append_c (out, ' ');
      if (h->half && (c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0xFF08 || c == 0xFF09))
        {
          static const char half[] = ",:;()";
          const gunichar full[] = { 0xFF0C, 0xFF1A, 0xFF1B, 0xFF08, 0xFF09 };
          guint k = 0;
          while (full[k] != c)
            k++;
          if (h->half == 2 || (c == 0xFF0C && pg_chance (r, 0.03)))
            {
              if (h->half == 1 && pg_chance (r, 0.5))
                g_string_append_c (out, ' ');
              g_string_append_c (out, half[k]);
              prev = c;
              continue;
            }
        }
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* "本报讯（记者 X）5月" → "本报讯 （记者 X） 5月". */
static inline char *
pg_dateline_spaces (const char *line)
{
  const char *close = strstr (line, "）");
  if (!g_str_has_prefix (line, "本报讯（") || !close)
    return g_strdup (line);
  return g_strdup_printf ("本报讯 %.*s） %s", (int) (close - line - strlen ("本报讯")),
                          line + strlen ("本报讯"), close + strlen ("）"));
}

/* ---------------------------------------------------------- the text */

/* Writes @frames (in drawing order) as the extraction would. */
static inline char *
pg_write (GRand *r, GPtrArray *frames, const PgHabits *h)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < frames->len; i++)
    {
      const PgFrame *f = g_ptr_array_index (frames, i);
      gboolean blank_lines = h->double_spaced ? f->kind != PG_F_HEAD : pg_chance (r, 0.35);
      gboolean lead = f->kind == PG_F_BODY && pg_chance (r, PG_P_LEAD_SPACE);

      if (!f->lines->len)
        continue;
      if (out->len)
        g_string_append (out, h->double_spaced || pg_chance (r, 0.8) ? "\n\n" : "\n");
      for (guint l = 0; l < f->lines->len; l++)
        {
          const char *raw = g_ptr_array_index (f->lines, l);
          g_autofree char *t = NULL, *u = NULL;
          if (l > 0)
            {
              gboolean brk = g_array_index (f->breaks, gboolean, l) && pg_chance (r, 0.5);
              g_string_append (out, blank_lines || brk ? "\n\n" : "\n");
            }
          t = f->kind == PG_F_BODY && l == 0 && h->dateline_space ? pg_dateline_spaces (raw)
                                                                  : g_strdup (raw);
          if (f->fake_bold)
            u = pg_fake_bold (t);
          else if (f->kind == PG_F_BODY && !h->para_lines && g_array_index (f->justified, gboolean, l)
                   && pg_chance (r, g_array_index (f->stretched, gboolean, l) ? PG_P_SPACED_STRETCHED
                                                                              : h->spaced_rate))
            u = pg_letter_space (t);
          else if (f->kind == PG_F_BODY || f->kind == PG_F_FIG)
            u = pg_line_habits (r, t, h);
          else
            u = g_strdup (t);
          if (l == 0 && lead)
            g_string_append_c (out, ' ');
          g_string_append (out, u);
        }
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static inline PgFrame *
pg_frame_of (PgFrameKind kind, const char *line)
{
  PgFrame *f = pg_frame_new (kind);
  pg_frame_add (f, line, FALSE);
  return f;
}

/* The original page's running head: 版名, date, desk credits, and a page
 * number run into a slogan. */
static inline PgFrame *
pg_running_head (GRand *r, const EdEdition *truth, const char *credits)
{
  PgFrame *f = pg_frame_new (PG_F_FURN);
  const EdPage *page = g_ptr_array_index (truth->pages, 0);
  g_autofree char *date = g_strdup_printf ("%d年%d月%d日 %s", g_date_get_year (&truth->gdate),
                                           g_date_get_month (&truth->gdate),
                                           g_date_get_day (&truth->gdate),
                                           ed_weekday_name (&truth->gdate));
  pg_frame_add (f, page->section, FALSE);
  pg_frame_add (f, date, FALSE);
  if (credits)
    pg_frame_add (f, credits, FALSE);
  if (pg_chance (r, 0.5))
    {
      g_autofree char *slogan = g_strdup_printf ("%d%s", pg_int (r, 2, 8), pg_pick (r, pg_slogans));
      g_autofree char *bold = pg_chance (r, 0.6) ? pg_fake_bold (slogan) : g_strdup (slogan);
      pg_frame_add (f, bold, FALSE);
    }
  return f;
}

static inline char *
pg_desk_credits (GRand *r)
{
  g_autofree char *a = pg_name (r), *b = pg_name (r), *c = pg_name (r);
  switch (pg_int (r, 0, 2))
    {
    case 0: return g_strdup_printf ("责编：%s 校对：%s", a, b);
    case 1: return g_strdup_printf ("组版：%s 责编：%s 校对：%s", a, b, c);
    default:
      return g_strdup_printf ("%s主办 组版：%s 责编：%s 校对：%s 电子信箱：llrb%d@163.com",
                              pg_chance (r, 0.5) ? "经济专刊部" : "新闻中心", a, b, c, pg_int (r, 10, 99));
    }
}

/* ----------------------------------------------------------- the page */

static inline void
pg_page_free (PgPage *p)
{
  if (!p)
    return;
  ed_edition_free (p->truth);
  g_free (p->text);
  g_free (p->layout);
  g_free (p);
}

/* The stories of a page, into @truth's page (and @stories, in step). */
static inline void
pg_make_stories (PgGen *g, GRand *r, EdEdition *truth, GArray *stories, glong capacity)
{
  EdPage *page = g_ptr_array_index (truth->pages, 0);
  static const int weights[PG_MAX_ARTICLES] = { 4, 8, 14, 16, 14, 10, 6, 4 };
  int total = 0, u, n = 0;

  for (int i = 0; i < PG_MAX_ARTICLES; i++)
    total += weights[i];
  u = pg_int (r, 0, total - 1);
  while (u >= weights[n])
    u -= weights[n++];
  n++;
  for (int i = 0; i < n; i++)
    {
      PgStory st = { 0 };
      EdArticle *art;
      glong budget = (glong) (capacity / n * (0.5 + g_rand_double (r)));
      if (i > 0 && pg_chance (r, PG_P_PHOTO / n * 1.5))
        art = pg_photo (g, r, &st);
      else if (pg_chance (r, PG_P_NOTICE / n * 1.5))
        art = pg_notice (g, r);
      else if (pg_chance (r, PG_P_TEASER / n * 1.5))
        art = pg_teaser (g, r);
      else
        art = pg_news (g, r, &st, MAX (budget, 120));
      art->id = g_strdup_printf ("p1-%d", i + 1);
      art->src_path = g_strdup_printf ("p1-%d.md", i + 1);
      st.head_late = pg_chance (r, PG_P_HEAD_LATE);
      st.figs_late = pg_chance (r, 0.3);
      st.figs_first = !st.figs_late && pg_chance (r, 0.2);
      st.credit_runon = pg_chance (r, 0.35);
      st.badge_after = pg_chance (r, 0.6);
      st.byline_in_head = pg_chance (r, 0.5);
      ed_edition_add_article (truth, page, art);
      g_array_append_val (stories, st);
    }
  for (guint i = 0; i < stories->len; i++)
    g_array_index (stories, PgStory, i).art = g_ptr_array_index (page->articles, i);
}

/* Drops story @i (one the composer cannot place) from the truth page. */
static inline void
pg_drop_story (EdEdition *truth, GArray *stories, guint i)
{
  EdPage *tp = g_ptr_array_index (truth->pages, 0);
  EdArticle *art;

  if (i >= tp->articles->len || tp->articles->len < 2)
    {
      pg_shrink (truth, stories);
      return;
    }
  art = g_ptr_array_index (tp->articles, i);
  g_ptr_array_remove_index (tp->articles, i);
  g_ptr_array_remove (truth->articles, art);
  g_array_remove_index (stories, i);
}

/* Composes the stories until they all stand whole on the page. */
static inline CompEdition *
pg_compose (PgGen *g, const LaySpec *spec, EdEdition *truth, GArray *stories, EdEdition **comp)
{
  for (guint tries = 0; tries < 40; tries++)
    {
      g_autoptr (GError) error = NULL;
      CompEdition *ce;
      *comp = pg_comp_edition (truth);
      ce = comp_edition_new (*comp, spec, g->ts, &error);
      if (ce && pg_fits (ce))
        return ce;
      g_clear_pointer (&ce, comp_edition_free);
      g_clear_pointer (comp, ed_edition_free);
      if (error && g_str_has_prefix (error->message, "a"))
        pg_drop_story (truth, stories, (guint) atoi (error->message + 1)); /* "a3.md: …" */
      else
        pg_shrink (truth, stories);
      for (guint i = 0; i < stories->len; i++)
        g_array_index (stories, PgStory, i).art
            = g_ptr_array_index (((EdPage *) g_ptr_array_index (truth->pages, 0))->articles, i);
    }
  return NULL;
}

static inline void
pg_habits (GRand *r, PgHabits *h)
{
  static const double spaced[] = { 0, 0.005, 0.01, 0.03 };
  double u = g_rand_double (r);

  h->para_lines = pg_chance (r, PG_P_PARA_LINES);
  h->double_spaced = pg_chance (r, PG_P_DOUBLE_SPACED);
  h->head_before = h->para_lines ? pg_chance (r, 0.7) : pg_chance (r, PG_P_HEAD_BEFORE);
  h->num_space = !h->para_lines && pg_chance (r, PG_P_NUM_SPACE);
  h->half = u < PG_P_HALF_ALL || (h->para_lines && u < 0.6) ? 2 : u < PG_P_HALF_ALL + PG_P_HALF_SOME;
  h->spaced_rate = spaced[pg_int (r, 0, 3)];
  h->dateline_space = pg_chance (r, 0.3);
}

/* The frames of the page in drawing order, into @order (owning @all). */
static inline void
pg_order_frames (GRand *r, const CompPage *cp, GArray *stories, const PgHabits *h,
                 double measure, GPtrArray *all, GPtrArray *order)
{
  g_autoptr (GPtrArray) pending = g_ptr_array_new ();
  g_autoptr (GPtrArray) placed = g_ptr_array_new ();

  for (guint i = 0; i < cp->articles->len; i++)
    g_ptr_array_add (placed, g_ptr_array_index (cp->articles, i));
  for (guint i = 0; i + 1 < placed->len; i++)
    if (pg_chance (r, PG_P_SWAP))
      {
        gpointer t = placed->pdata[i];
        placed->pdata[i] = placed->pdata[i + 1];
        placed->pdata[i + 1] = t;
        i++;
      }
  for (guint i = 0; i < placed->len; i++)
    {
      const CompArticle *ca = g_ptr_array_index (placed, i);
      guint idx = (guint) atoi (ca->article->id + 1);
      const PgStory *st = &g_array_index (stories, PgStory, idx);
      PgStoryFrames f;
      g_autoptr (GPtrArray) later = g_ptr_array_new ();
      PgFrame *heads[3];

      pg_story_frames (r, ca, st, h, measure, &f);
      g_ptr_array_add (all, f.body);
      g_ptr_array_add (all, f.figs);
      heads[0] = f.badge && !st->badge_after ? f.badge : NULL;
      heads[1] = f.head;
      heads[2] = f.badge && st->badge_after ? f.badge : NULL;
      for (guint k = 0; k < 3; k++)
        if (heads[k])
          g_ptr_array_add (all, heads[k]);
      if (st->figs_first)
        g_ptr_array_add (order, f.figs);
      for (guint k = 0; h->head_before && !st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (order, heads[k]);
      g_ptr_array_add (order, f.body);
      for (guint k = 0; !h->head_before && !st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (order, heads[k]);
      for (guint k = 0; st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (later, heads[k]);
      if (!st->figs_first)
        g_ptr_array_add (st->figs_late ? later : order, f.figs);
      for (guint k = 0; k < pending->len; k++)
        g_ptr_array_add (order, g_ptr_array_index (pending, k));
      g_ptr_array_set_size (pending, 0);
      for (guint k = 0; k < later->len; k++)
        g_ptr_array_add (pending, g_ptr_array_index (later, k));
    }
  for (guint k = 0; k < pending->len; k++)
    g_ptr_array_add (order, g_ptr_array_index (pending, k));
}

/* One page from @seed, or NULL if no mix of stories fits its layout. */
static inline PgPage *
pg_page_new (PgGen *g, guint32 seed)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (seed);
  g_autoptr (LaySpec) spec = pg_layout (g->base, r);
  g_autoptr (GArray) stories = g_array_new (FALSE, TRUE, sizeof (PgStory));
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_frame_free);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autoptr (EdEdition) comp = NULL;
  g_autoptr (CompEdition) ce = NULL;
  PgPage *pg = g_new0 (PgPage, 1);
  EdPage *page;
  PgHabits h;
  PgFrame *banner = NULL, *head = NULL;
  gboolean banner_first = pg_chance (r, 0.7), head_first = pg_chance (r, 0.4);

  g_hash_table_remove_all (g->used);
  pg->truth = ed_edition_new ();
  pg->truth->paper = g_strdup ("吕梁日报");
  g_date_set_dmy (&pg->truth->gdate, (GDateDay) pg_int (r, 1, 28), (GDateMonth) pg_int (r, 1, 12),
                  (GDateYear) pg_int (r, 2019, 2025));
  {
    char buf[16];
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &pg->truth->gdate);
    pg->truth->date = g_strdup (buf);
  }
  page = ed_page_new (1, pg_chance (r, PG_P_RUNNING_HEAD) ? pg_pick (r, pg_sections) : "要闻");
  g_ptr_array_add (pg->truth->pages, page);
  pg_make_stories (g, r, pg->truth, stories, pg_capacity (spec));
  if (!(ce = pg_compose (g, spec, pg->truth, stories, &comp)))
    {
      pg_page_free (pg);
      return NULL;
    }
  pg_habits (r, &h);
  if (pg_chance (r, PG_P_BANNER))
    {
      g_autofree char *b = pg_chance (r, 0.4) ? g_strdup_printf ("%s %s", pg_pick (r, pg_banners),
                                                                 pg_pick (r, pg_banner_subs))
                                              : g_strdup (pg_pick (r, pg_banners));
      page->banner = g_strdup (b);
      banner = pg_frame_new (PG_F_HEAD);
      banner->fake_bold = pg_chance (r, PG_P_FAKE_BOLD / 2);
      {
        g_auto (GStrv) parts = g_strsplit (b, " ——", 2);
        pg_frame_add (banner, parts[0], FALSE);
        if (parts[1])
          {
            g_autofree char *sub = g_strconcat ("——", parts[1], NULL);
            pg_frame_add (banner, sub, FALSE);
          }
      }
      g_ptr_array_add (all, banner);
    }
  if (strcmp (page->section, "要闻") || pg_chance (r, PG_P_CREDITS))
    {
      gboolean credits = pg_chance (r, 0.7);
      page->credits = credits ? pg_desk_credits (r) : NULL;
      head = strcmp (page->section, "要闻") ? pg_running_head (r, pg->truth, page->credits)
                                           : pg_frame_of (PG_F_FURN, page->credits);
      g_ptr_array_add (all, head);
    }
  if (banner && banner_first)
    g_ptr_array_add (order, banner);
  if (head && head_first)
    g_ptr_array_add (order, head);
  pg_order_frames (r, g_ptr_array_index (ce->pages, 0), stories, &h, spec->column_chars, all, order);
  if (banner && !banner_first)
    g_ptr_array_insert (order, MIN (2, (int) order->len), banner);
  if (head && !head_first)
    g_ptr_array_add (order, head);
  pg->text = pg_write (r, order, &h);
  pg->layout = pg_layout_describe (spec);
  return pg;
}
