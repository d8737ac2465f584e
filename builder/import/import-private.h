/* import-private.h — internals of the importer shared by import-*.c and
 * tests/test-import*.c.  Not for other modules.
 *
 * The page analysis, stage by stage:
 *
 *   import-lines.c  raw lines → cleaned lines (fake bold, letter-spacing,
 *                   run-on bylines and credits split off, vertical heads
 *                   merged), each classified by its form (byline, credit,
 *                   portrait name, jump line, running head …) and given the
 *                   measure of its text frame (from the widths around it);
 *   import-para.c   text lines → paragraphs (a paragraph ends on a short
 *                   line or before an indented one); unpunctuated short
 *                   "paragraphs" become headline candidates; captions;
 *   import-match.c  paragraphs → body segments; headline runs → groups;
 *                   groups matched to segments by one global assignment
 *                   (text similarity, adjacency in the page's habit,
 *                   distance); segments cut where two heads share one,
 *                   joined where a headless part continues its neighbour;
 *   import-build.c  segments → articles (head roles, byline, dateline,
 *                   figures, signature, badge), page banner and credits.
 */
#pragma once

#include <glib.h>

#include "import/import.h"
#include "import/import-tunables.h"

/* ---- character classes (import-text.c) ---- */
gboolean imp_is_han   (gunichar c);  /* ideographs, 〇, U+FFFD */
gboolean imp_is_punct (gunichar c);  /* CJK and full-width punctuation, “”‘’—… */
gboolean imp_is_cjk   (gunichar c);  /* han or CJK punctuation */
gboolean imp_is_latin (gunichar c);  /* Latin letters and digits */
/* Printed width in em: Han 1, ASCII ½ with a ¼ em gap where it meets
 * Han, a mark @mark (a typesetter that squeezes marks sets them ½ to 1
 * em), two marks in a row at most 1½. */
double   imp_width    (const char *s, double mark);

/* ---- text repairs (import-text.c); each returns a new string ---- */

/* Undoes fake-bold doubling ("55月月 吕梁市吕梁市" → "5月 吕梁市") when the
 * whole line is made of doubled segments; sets *@repaired.  Lines with real
 * repetitions (谢谢, 研究研究) are returned unchanged. */
char *imp_repair_fake_bold (const char *line, gboolean *repaired);

/* @line undoubled when it is nothing but doubled segments, however short
 * ("办办。。" → "办。"), else NULL: for lines next to repaired ones. */
char *imp_undouble (const char *line);

/* Removes letter-spacing ("新 质 生 产 力 。" → "新质生产力。") when the
 * line is letter-spaced (sets *@spaced); otherwise drops only the spaces
 * next to CJK punctuation and between Han and Latin/digits.  Keeps a space
 * between two Latin words and, in a line that is not letter-spaced, between
 * two Han phrases ("运动青春 筑梦未来").  Collapses runs of spaces. */
char *imp_clean_spaces (const char *line, gboolean *spaced);

/* Maps vertical presentation forms (﹃﹄﹁﹂︵︶︽︾ …) back to horizontal
 * punctuation; first-level quotes become “”, nested ones ‘’. */
char *imp_map_vertical_forms (const char *text);

/* Half-width , ; : ( ) ? ! next to Chinese text → full width; kept inside
 * Latin/number runs (2.6—2.8元, 11:45-12:00, IVF-ET/ICSI). */
char *imp_fix_punctuation (const char *text);

/* Joins two printed lines of one paragraph: no space between Chinese
 * characters, one space between Latin words. Appends @next to @para. */
void  imp_join_line (GString *para, const char *next);

/* ---- the page analysis ---- */

typedef enum {
  IMP_L_TEXT,     /* running text, or a headline candidate (see head) */
  IMP_L_VERT,     /* a vertical headline, merged from one glyph a line */
  IMP_L_BYLINE,   /* 记者 X 整理, □ 本报记者 X, 提案者：X, （记者 X） */
  IMP_L_CREDIT,   /* 记者 X 摄: a photo credit */
  IMP_L_NAME,     /* a portrait's name: 2–4 characters the text names */
  IMP_L_JUMP,     /* 下转第2版, 上接第1版: dropped */
  IMP_L_TEASER,   /* 见4版: the body of a teaser */
  IMP_L_SECTION,  /* the running head's 版名 */
  IMP_L_DATE,     /* the running head's date (2024年3月25日 星期一) */
  IMP_L_DESK,     /* desk credits (责编：… 校对：…) */
  IMP_L_SLOGAN,   /* a page number run into a slogan by the running head */
  IMP_L_SIGN,     /* 落款 after a text: an office, a date */
  IMP_L_LABEL,    /* 时间：…, 地址：…: a box's data, kept as a note */
} ImpLineKind;

typedef enum {
  IMP_BY_NONE,
  IMP_BY_TOP,     /* □ 本报记者 X, 提案者：X: set under the head */
  IMP_BY_END,     /* 记者 X 整理: after the text */
  IMP_BY_INLINE,  /* （记者 X 通讯员 Y） run on after the last sentence */
} ImpBylineForm;

typedef struct {
  char         *text;         /* cleaned text */
  guint         no;           /* 1-based line number in the file */
  gboolean      lead;         /* the raw line opened with a space: a new frame */
  gboolean      blank_before; /* a blank line before it */
  double        w;            /* width in em */
  double        measure;      /* width of its frame's full lines, 0 = unknown */
  ImpLineKind   kind;
  ImpBylineForm by;           /* bylines: the form */
  gboolean      head;         /* a text line that reads as a headline */
  char          state;        /* its line state (trace): F first, 0 unindented
                                 first, M middle, L last, S one-line, H head */
  gboolean      long_mode;    /* its frame prints a paragraph a line */
  gboolean      force_head;   /* read as a headline line (a second reading) */
  gboolean      joins_prev;   /* reads on from the text line before it (a word across) */
  gboolean      spaced;       /* printed letter-spaced: a justified line the
                                 typesetter spread (never a paragraph's last) */
} ImpLine;

typedef enum {
  IMP_I_PARA,     /* a paragraph of running text */
  IMP_I_RUN,      /* consecutive headline lines */
  IMP_I_CAPTION,  /* a photo caption (with its credit) */
  IMP_I_LINE,     /* any other line (byline, name, furniture, jump …) */
} ImpItemKind;

typedef struct {
  ImpItemKind kind;
  char       *text;        /* paragraph or caption text, the line's text */
  guint       first, last; /* line indexes */
  ImpLine    *line;        /* IMP_I_LINE: the line (borrowed) */
  double      m_first, m_last; /* measure at the first and last line */
  gboolean    frame_start; /* opens a new text frame (space, other measure) */
  char       *credit;      /* caption: its credit, or NULL */
  int         seg;         /* segment it belongs to, -1 */
  gboolean    used;        /* taken by an article (or dropped) */
} ImpItem;

/* A headline group: lines [from, to) of a run item. */
typedef struct {
  guint     item;          /* the run */
  guint     from, to;
  char     *text;          /* lines joined by spaces */
  gboolean  vertical;
  int       seg;           /* matched segment, -1 */
  double    score;         /* of the match */
  double    sim;           /* text similarity to that segment */
  gboolean  subhead;       /* kept inside its segment as a subhead */
  gboolean  banner;        /* the page's banner */
  gboolean  badge;         /* a column badge of the group after or before it */
  int       teaser;        /* heads the teaser whose jump line is this item, -1 */
} ImpGroup;

/* A body segment: paragraphs (and subhead runs) of one story. */
typedef struct {
  GArray   *items;         /* of guint: item indexes, in order */
  guint     first_para, last_para; /* its paragraphs (numbered in order) */
  int       group;         /* its headline group, -1 */
} ImpSeg;

typedef struct ImpCtx ImpCtx;  /* the matcher's view of the page (below) */

typedef struct {
  EdEdition        *ed;
  const char       *stem;     /* names the page in notes */
  const ImpOptions *opts;
  GPtrArray        *lines;    /* of ImpLine *, owned */
  GPtrArray        *items;    /* of ImpItem *, owned */
  GPtrArray        *segs;     /* of ImpSeg *, owned */
  GPtrArray        *groups;   /* of ImpGroup *, owned */
  ImpCtx           *ctx;      /* owned: similarity of text to segments */
  GHashTable       *regex;    /* pattern → compiled GRegex, owned */
  double            p_after;  /* the page draws heads after their bodies */
  double            mark;     /* the page's width of a punctuation mark, em */
  gboolean          blank_parts_heads; /* blank lines fall between heads, not in them */
  char             *section;  /* from the running head */
  GHashTable       *trigrams; /* runs of three Han characters in the text lines, owned */
} ImpPage;

/* Line @i of the page. */
static inline ImpLine *
imp_ln (const ImpPage *pg, guint i)
{
  return g_ptr_array_index (pg->lines, i);
}

/* ---- the matcher's facts (import-context.c, read by import-match.c) ---- */

/* A text's bigrams as the matcher weighs them: each with its rarity and
 * the paragraphs that hold it. */
typedef struct {
  guint    n;
  double  *w;        /* idf of each bigram */
  GArray **post;     /* borrowed: paragraphs holding it (sorted), or NULL */
  double   total;    /* sum of w */
} ImpWBag;

/* The fixed facts of a page the search works on. */
struct ImpCtx {
  ImpPage    *pg;
  GArray     *paras;     /* of guint: item index of each paragraph */
  GArray     *runs;      /* of guint: item index of each headline run */
  GPtrArray  *bags;      /* of GArray *: each paragraph's bigrams */
  GHashTable *postings;  /* bigram → GArray of paragraph numbers (owned) */
  double     *join;      /* per slot (paragraph k | k + 1): gain of a join */
  gboolean   *forced;    /* per slot: a cut the text forces */
  int        *run_slot;  /* per run: the slot it stands in, -1 */
  gboolean   *run_sub;   /* per run: may be a subhead */
  guint      *run_hard;  /* per run: bit i = a group ends after its line i */
  int        *para_of_item; /* item index → paragraph number, -1 */
  guint      *unit_of_para; /* paragraph → unit (between forced cuts and runs) */
  GHashTable *wbags;     /* "from:to" (lines of a group) → ImpWBag, owned */
  GArray     *teasers;   /* of guint: item index of each teaser's jump line (见4版) */
  GHashTable *unit_df;   /* bigram → units holding it */
};



/* import-lines.c */
gboolean imp_match (ImpPage *pg, const char *pattern, const char *text); /* static patterns */
gboolean imp_badge_form (ImpPage *pg, const char *t);
void     imp_line_free (ImpLine *l);
gboolean imp_ends_sentence (const char *s);
gboolean imp_ends_paragraph (const char *s);
void     imp_page_read_lines (ImpPage *pg, const char *text);
void     imp_page_merge_vertical (ImpPage *pg);
void     imp_page_classify_forms (ImpPage *pg);
void     imp_page_measures (ImpPage *pg);
ImpBylineForm imp_byline_form (const char *text);

/* import-para.c */
void     imp_page_paragraphs (ImpPage *pg);
ImpItem *imp_page_item (const ImpPage *pg, int i);
void     imp_page_captions (ImpPage *pg);
void     imp_page_signatures (ImpPage *pg);
void     imp_item_free (ImpItem *it);

/* import-context.c */
ImpCtx  *imp_ctx_new (ImpPage *pg);
void     imp_ctx_free (ImpCtx *x);
ImpWBag *imp_wbag_new (const ImpCtx *x, const char *text);
void     imp_wbag_free (ImpWBag *b);
double   imp_bag_sim (const ImpWBag *bag, guint first_para, guint last_para);
double   imp_slot_cohesion (const ImpCtx *x, guint k);
double   imp_page_similarity (const ImpPage *pg, const char *text, guint seg);
void     imp_page_trace_slots (const ImpPage *pg, GString *out);

/* import-match.c */
void     imp_page_match (ImpPage *pg);
guint    imp_page_hidden_heads (ImpPage *pg);

/* import-build.c */
gboolean imp_page_articles (ImpPage *pg, EdPage *page, guint number, GPtrArray *synth_titles);
char    *imp_page_fix (const ImpPage *pg, const char *text);

/* ---- pages (import-page.c) ---- */

/* Imports one page from its text.  @stem names it in notes (its file),
 * @path in errors.  Adds the page and its articles to @ed.  Titles that had
 * to be made up (no headline on the page) are recorded in @synth_titles
 * (of EdArticle *, borrowed) when non-NULL.  A page with no recognisable
 * article becomes one article holding all its text, with a note. */
gboolean imp_import_page_text (EdEdition *ed, guint number, const char *path,
                               const char *stem, const char *text, gsize len,
                               const ImpOptions *opts, GPtrArray *synth_titles,
                               GError **error);

/* Guesses the edition date from page texts (NULL-terminated); returns an
 * ISO date the caller owns or NULL.  *@exact is TRUE when the page printed
 * its date ("2024年3月25日 星期一"). */
char *imp_guess_date (char **texts, gboolean *exact);

/* Validates raw page bytes: non-empty, no NUL/control bytes, UTF-8.
 * Returns FALSE with EB_ERROR_INPUT "path:line: …". */
gboolean imp_check_text (const char *path, const char *data, gsize len,
                         GError **error);
