/* model.h — the edition model: the one vocabulary all stages share.
 *
 *   EdEdition → pages (EdPage) → articles (EdArticle) → blocks (EdBlock)
 *                                                      → inline runs (EdRun)
 *
 * Plain data.  Written by the source parser (model.c) or the importer,
 * read through const pointers by typeset, compose, pdf, epub and archive.
 * The edition owns every article; pages hold borrowed pointers into
 * edition->articles.
 */
#pragma once

#include <glib.h>

/* Inline style flags of a run. */
typedef enum {
  ED_RUN_PLAIN  = 0,
  ED_RUN_STRONG = 1 << 0,  /* **bold**: 黑体 run-in, e.g. a dateline */
  ED_RUN_EMPH   = 1 << 1,  /* *emphasis*: 楷体 */
} EdRunFlags;

typedef struct {
  char      *text;   /* owned, UTF-8, never NULL */
  EdRunFlags flags;
} EdRun;

typedef enum {
  ED_BLOCK_PARAGRAPH,  /* body paragraph: runs */
  ED_BLOCK_HEADING,    /* subhead (## in Markdown): runs, level 2..6 */
  ED_BLOCK_FIGURE,     /* photo or caption-only figure */
  ED_BLOCK_NOTE,       /* page furniture kept from a raw page (blockquote):
                          column badge, boxed notice, "见4版"; runs */
} EdBlockKind;

typedef struct {
  EdBlockKind kind;
  GPtrArray  *runs;     /* of EdRun *, owned; empty for figures */
  guint       level;    /* heading level (2..6); 0 otherwise */
  char       *image;    /* figure: path relative to the edition folder,
                           owned; NULL for a caption-only figure */
  char       *caption;  /* figure: caption text, owned, may be "" */
  char       *credit;   /* figure: credit ("记者 薛志雄 摄"), owned or NULL */
  guint       src_line; /* line in the article file where the block starts */
} EdBlock;

/* What an article is, for its rank on the page (a notice is never a
 * page's lead) and how it is set. */
typedef enum {
  ED_KIND_NEWS,         /* news story, feature, commentary (the default) */
  ED_KIND_NOTICE,       /* 公告, 通知, 启事, 公示: set plainly, never the lead */
  ED_KIND_PHOTO,        /* photo news (图片新闻): pictures with captions only */
} EdArticleKind;

typedef struct {
  char      *id;        /* owned: unique in the edition, [a-z0-9-], from
                           the file name ("p1-hydrogen") */
  char      *src_path;  /* owned: path of the Markdown file as given */
  char      *src_name;  /* owned: its path inside the edition folder as
                           edition.yaml lists it, normalized ("p1/a.md");
                           NULL for an article not loaded from a folder */
  char      *title;     /* owned, never NULL */
  char      *kicker;    /* 引题, owned or NULL */
  char      *subtitle;  /* 副题, owned or NULL */
  char      *byline;    /* owned or NULL */
  char      *dateline;  /* "本报讯（记者 李雅萍）" etc., owned or NULL */
  int        priority;  /* 0 = normal; higher = more important */
  gboolean   lead;      /* 头条 of its page */
  gboolean   vertical_title; /* set the headline vertically */
  gboolean   byline_top; /* the byline stands under the headline (its start
                            form, "□ 本报记者 刘华"), not at the end */
  EdArticleKind kind;   /* front matter "kind: news|notice|photo" */
  char      *badge;     /* 栏头: a column badge set at the top of the
                           story ("两会花絮"), owned or NULL */
  char     **signature; /* 落款: lines closing a notice or letter
                           (organisation, date), set flush right, each on
                           its own line; owned NULL-terminated, or NULL */
  GPtrArray *blocks;    /* of EdBlock *, owned; at least one */
  guint      page;      /* 1-based number of the page it is on */
} EdArticle;

typedef struct {
  guint      number;    /* 1-based print page number (第N版) */
  char      *section;   /* owned: 要闻, 时政, 专版 … never NULL */
  char      *banner;    /* owned or NULL: a page banner (通栏标题) set across
                           the top of the page ("牢记嘱托 乘势而上") */
  char      *credits;   /* owned or NULL: desk credits for the folio line
                           ("责编：张三 校对：李四") */
  GPtrArray *articles;  /* of EdArticle *, borrowed from the edition */
} EdPage;

typedef struct {
  char      *dir;       /* owned: the edition folder (sources, images),
                           without a trailing '/' */
  char      *paper;     /* owned: 吕梁日报 */
  char      *date;      /* owned: ISO 8601 "2024-05-20" */
  GDate      gdate;     /* the same date, valid */
  char      *issue;     /* owned: issue number as written ("7321"), or NULL */
  char      *total_issue; /* owned: 总第N期 number as written, or NULL */
  char      *cn;        /* owned: 国内统一刊号 ("CN 14-0031"), or NULL */
  char      *price;     /* owned: price as printed ("1.00元"), or NULL */
  char      *publisher; /* owned or NULL */
  char      *language;  /* owned, default "zh-CN" */
  char      *layout;    /* owned: layout name, default "broadsheet" */
  guint      layout_line; /* line of 'layout:' in edition.yaml, 0 if not given */
  GPtrArray *pages;     /* of EdPage *, owned */
  GPtrArray *articles;  /* of EdArticle *, owned, in edition order */
  GPtrArray *notes;     /* of char *, owned: warnings "file:line: …" */
} EdEdition;

/* Constructors return memory the caller owns; _free accepts NULL. */
EdEdition *ed_edition_new  (void);
void       ed_edition_free (EdEdition *ed);
EdArticle *ed_article_new  (void);
void       ed_article_free (EdArticle *art);
EdBlock   *ed_block_new    (EdBlockKind kind, guint src_line);
void       ed_block_free   (EdBlock *block);
EdPage    *ed_page_new     (guint number, const char *section);
void       ed_page_free    (EdPage *page);

/* Appends a run (text copied) to a paragraph, heading or note block. */
void       ed_block_add_run (EdBlock *block, const char *text, EdRunFlags flags);

/* Returns the concatenated text of a block's runs (or a figure's caption
 * followed by its credit); caller owns the string. */
char      *ed_block_text    (const EdBlock *block);

/* Adds @art to the edition (taking ownership) and to page @page (borrowed).
 * Sets art->page. */
void       ed_edition_add_article (EdEdition *ed, EdPage *page, EdArticle *art);

/* Appends a warning "file:line: …" to ed->notes. */
void       ed_edition_add_note (EdEdition *ed, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Returns the article with @id or NULL (borrowed). */
const EdArticle *ed_edition_find_article (const EdEdition *ed, const char *id);

/* Total number of characters (Unicode code points) of article text:
 * headline group, byline and blocks.  Used by tests and benchmarks. */
glong      ed_article_char_count (const EdArticle *art);

/* Loads an edition folder: edition.yaml plus the Markdown articles it lists
 * (libyaml + cmark).  Returns NULL and sets EB_ERROR_INPUT "file:line: …"
 * for any bad source; warnings go to ->notes.  Caller owns the result. */
EdEdition *ed_edition_load (const char *dir, GError **error);

/* Parses one article file's bytes (front matter + Markdown).  @path is used
 * in messages and stored as src_path.  Returns NULL with EB_ERROR_INPUT. */
EdArticle *ed_article_parse (const char *path, const char *data, gsize len,
                             EdEdition *ed_for_notes, GError **error);

/* Returns the model as pretty-printed JSON (stable key order); caller owns. */
char      *ed_edition_dump_json (const EdEdition *ed);

/* "news", "notice" or "photo" (static). */
const char *ed_kind_name (EdArticleKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EdEdition, ed_edition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EdArticle, ed_article_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EdBlock, ed_block_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EdPage, ed_page_free)
