/* pagegen-stories.h — the clean sources cut into stories, the layout and
 * the composition of a generated page (see pagegen.h). */
#pragma once


#include "compose/compose.h"
#include "compose/layoutspec.h"
#include "base/dates.h"
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
#define PG_SPACE_GAP        0.08  /* glyphs spread this far apart (em) are read letter-spaced */
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
    "tests/import/truth/seed-000", "tests/import/truth/seed-001", "tests/import/truth/seed-002",
    "tests/import/truth/seed-003", "tests/import/truth/seed-004", "tests/editions/figures", NULL,
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
  s->press_profile = g_strdup (base->press_profile);
  s->press_condition = g_strdup (base->press_condition);
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
