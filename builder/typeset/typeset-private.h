/* typeset-private.h — internals shared by the typesetter's files (and its
 * white-box tests).  Not for other stages.
 *
 *   typeset-context.c  fonts per (role, size), the context
 *   typeset.c          normalising, punctuation blanks, public API
 *   typeset-shape.c    font choice and HarfBuzz shaping
 *   typeset-vertical.c sideways Latin and upright numbers in vertical text
 *   typeset-words.c    ICU word boundaries
 *   typeset-phrases.c  the word lists (fonts/phrases.yaml)
 *   typeset-breaks.c   break opportunities and their kinds
 *   typeset-fit.c      line breaking (total fit)
 *   typeset-lines.c    justification, glyph runs, drawing, dumps
 */
#pragma once

#include <hb.h>
#include <pango/pangocairo.h>

#include "typeset/fonts.h"
#include "typeset/typeset.h"
#include "typeset/typeset-tunables.h"

typedef struct TsPhrases TsPhrases;   /* typeset-phrases.c */

/* A resolved font: one PangoFont with its HarfBuzz and cairo handles. */
typedef struct {
  PangoFont           *pfont;    /* owned reference */
  hb_font_t           *hb;       /* borrowed from pfont */
  cairo_scaled_font_t *scaled;   /* owned reference: upright */
  cairo_scaled_font_t *rotated;  /* owned reference or NULL: turned 90° clockwise
                                    (vertical text: sideways Latin) */
  double               scale;    /* pt per HarfBuzz unit */
  guint32             *han;      /* owned or NULL: glyph + 1 of U+4E00..U+9FFF,
                                    0 = not looked up yet */
  float               *han_adv;  /* owned or NULL: their advances, pt */
  double               size;     /* em, pt */
} TsFont;

/* A role at a size: the fontset for fallback and the primary font. */
typedef struct {
  PangoFontset *fontset;   /* owned */
  TsFont       *primary;   /* borrowed from TsContext.fonts */
  GHashTable   *fallback;  /* code point → TsFont * (borrowed) */
} TsFace;

/* typeset-cache.c: the settings a context made, by key. */
typedef struct TsCache TsCache;
TsCache     *ts_cache_new  (void);
void         ts_cache_free (TsCache *c);
char        *ts_cache_key  (const TsSpan *spans, guint n_spans, const TsStyle *style,
                            double measure);
/* The paragraph set under @key (a new reference), or NULL; counts it. */
TsParagraph *ts_cache_get  (TsCache *c, const char *key, const TsSpan *spans, guint n_spans);
/* Keeps @par (a reference more) under @key (consumed). */
void         ts_cache_put  (TsCache *c, char *key, TsParagraph *par);

struct TsContext {
  FontsSetup   *setup;     /* owned */
  PangoFontMap *fontmap;   /* owned */
  PangoContext *pango;     /* owned */
  GHashTable   *faces;     /* gint64 (role, size) → TsFace *, owned */
  GHashTable   *fonts;     /* PangoFont * → TsFont *, owned */
  hb_buffer_t  *buf;       /* owned, reused for every shaping call */
  void         *words;     /* owned: word-break iterator (ICU), or NULL */
  TsPhrases    *phrases;   /* owned: fonts/phrases.yaml */
  TsCache      *cache;     /* owned: every setting made, by key */
};

/* Character classes for line breaking (docs/cjk-layout-rules.md §1). */
typedef enum {
  TS_CLS_HAN,      /* ideographs, kana, fullwidth letters: break either side */
  TS_CLS_NARROW,   /* Latin letters, digits, narrow symbols: words */
  TS_CLS_SPACE,    /* U+0020 (after normalising) */
  TS_CLS_CLOSE,    /* class A: never at line start */
  TS_CLS_OPEN,     /* classes B and C: never at line end */
  TS_CLS_DASH,     /* —— (class D/E) */
  TS_CLS_ELLIPSIS, /* …… (class D/E) */
} TsClass;

enum {
  TS_CH_CONT     = 1 << 0,  /* continues the previous char's cluster */
  TS_CH_ROTATED  = 1 << 1,  /* vertical: set sideways */
  TS_CH_TCY      = 1 << 2,  /* vertical: part of an upright horizontal cell */
  TS_CH_IDEO     = 1 << 3,  /* a Han character proper (for orphans, gaps) */
  TS_CH_ALNUM    = 1 << 4,  /* narrow letter or digit (Han–Latin gap) */
  TS_CH_RUNIN    = 1 << 5,  /* running text: in a run-in span of the heading or
                               byline face (a dateline) */
  TS_CH_NAME     = 1 << 6,  /* display lines: in an organisation or place name */
  TS_CH_PAIRED   = 1 << 7,  /* a mark of an adjacent pair (。” ，“): its width is
                               fixed mid-line (the same in every line) */
  TS_CH_NARROW   = 1 << 8,  /* a narrow char other than a space (Latin, digits,
                               ASCII marks): none breaks or stretches between two */
};

/* What a break before a char costs: the kind of place it is, worst first. */
typedef enum {
  TS_BRK_NEVER,    /* inside a cluster, against kinsoku, inside —— or
                      ……, after a connector —: only when nothing fits */
  TS_BRK_LATIN,    /* inside a Latin word or a number */
  TS_BRK_URL,      /* inside a URL or e-mail address, after / . @ */
  TS_BRK_UNIT,     /* inside a compound, a name, a number with its unit,
                      or a run-in dateline between its spaces */
  TS_BRK_PART,     /* between the parts of a date or time (2023年 / 5月) */
  TS_BRK_CHAR,     /* between two characters (running text: any CJK break) */
  TS_BRK_WORD,     /* display: next to a one-character word */
  TS_BRK_PHRASE,   /* display: between phrases */
  TS_BRK_PUNCT,    /* after a closing mark, before an opening one, after a
                      range dash */
  TS_BRK_SPACE,    /* at a space */
} TsBrk;

/* Kinds of fonts/phrases.yaml entries. */
typedef enum {
  TS_WORD_COMPOUND,
  TS_WORD_NAME,
  TS_WORD_UNIT,
} TsWordKind;


typedef struct {
  guint    index;          /* glyph id */
  float    x, y;           /* offset from the char's origin, pt (y down) */
} TsGlyph;

typedef struct {
  gunichar c;
  guint    byte, nbytes;   /* in TsParagraph.text */
  TsFont  *font;
  guint8   role;
  guint8   cls;            /* TsClass */
  guint16  flags;          /* TS_CH_* */
  guint8   brk;            /* TsBrk of a break before this char */
  guint    glyph0, nglyph; /* in the paragraph's glyph array */
  double   adv;            /* natural advance along the line, pt */
  double   lead, trail;    /* blank halves still removable, pt */
  double   cut_lead, cut_trail; /* removed by adjacent-mark compression */
  double   gap;            /* Han–Latin space after this char, pt */
} TsChar;

/* Working state of one paragraph being set. */
typedef struct {
  TsContext     *ctx;
  const TsStyle *style;
  GString       *text;
  GArray        *chars;    /* of TsChar */
  GArray        *glyphs;   /* of TsGlyph */
  double         em;       /* style size, pt */
  gboolean       vertical;
  TsBreak        mode;     /* the style's break mode, never TS_BREAK_AUTO */
  guint          missing;  /* .notdef glyphs */
} TsWork;

#define TS_EPS 0.001

#define TS_CHAR(w, i) (&g_array_index ((w)->chars, TsChar, (i)))

/* Compression tier of a mark: 0 for ，、；： and brackets, 1 for 。？！． */
int ts_mark_tier (const TsChar *ch);

/* What a line may shrink at @ch: its ¼-em gap down to TS_GAP_SHRINK_EM,
 * and the blank sides of an unpaired mark of compression @tier. */
static inline double
ts_gap_shrink (const TsWork *w, const TsChar *ch)
{
  return ch->gap > 0 ? MAX (ch->gap - TS_GAP_SHRINK_EM * w->em, 0) : 0;
}

static inline double
ts_lead_shrink (const TsChar *ch, int tier)
{
  return (ch->flags & TS_CH_PAIRED) || ts_mark_tier (ch) != tier ? 0 : ch->lead;
}

static inline double
ts_trail_shrink (const TsChar *ch, int tier)
{
  return (ch->flags & TS_CH_PAIRED) || ts_mark_tier (ch) != tier ? 0 : ch->trail;
}

/* typeset-context.c */
TsFace              *ts_context_face  (TsContext *ctx, TsRole role, double size);
TsFont              *ts_face_font_for (TsContext *ctx, TsFace *face, gunichar c);
/* The cairo font for sideways glyphs (vertical text): turned 90° clockwise. */
cairo_scaled_font_t *ts_font_rotated  (TsFont *f);

/* typeset.c */
/* Both narrow (Latin, digits): no break and no stretch between them. */
static inline gboolean
ts_narrow_pair (const TsChar *a, const TsChar *b)
{
  return (a->flags & b->flags & TS_CH_NARROW) != 0;
}
/* For white-box tests: sets up @w for @spans in @style up to (not
 * including) line breaking; ts_work_clear() frees it. */
void     ts_work_setup  (TsWork *w, TsContext *ctx, const TsSpan *spans, guint n_spans,
                         const TsStyle *style);
void     ts_work_clear  (TsWork *w);

/* typeset-phrases.c */
TsPhrases *ts_phrases_load   (const char *path, GError **error);
void       ts_phrases_free   (TsPhrases *ph);
/* Length of the longest compound or name starting at @text[@i] (0: none);
 * its kind in *@kind. */
guint      ts_phrases_word   (const TsPhrases *ph, const gunichar *text, guint n, guint i,
                              TsWordKind *kind);
/* Length of the longest unit starting at @text[@i] (0: none). */
guint      ts_phrases_unit   (const TsPhrases *ph, const gunichar *text, guint n, guint i);
/* Whether @c is a one-character word that stays with the word before. */
gboolean   ts_phrases_closer (const TsPhrases *ph, gunichar c);
/* Whether @c ends a place name (吕梁市): a name may break after it. */
gboolean   ts_phrases_place  (const TsPhrases *ph, gunichar c);

/* typeset-breaks.c */
/* Sets TsChar.brk of every char (break opportunities and their kinds). */
void ts_work_breaks (TsWork *w);

/* typeset-shape.c */
void ts_work_shape     (TsWork *w);
/* Shapes chars [a, b) (one font, one role) in direction @dir. */
void ts_work_shape_run (TsWork *w, guint a, guint b, hb_direction_t dir, guint *byte_to_char);

/* typeset-vertical.c */
/* Vertical text: which chars are set sideways or upright in one cell. */
void ts_work_vertical_marks         (TsWork *w);
void ts_work_shape_vertical_special (TsWork *w, guint a, guint b, guint *byte_to_char);

/* typeset-words.c */
guint8 *ts_words_bounds (TsWork *w);
void    ts_words_free   (void *words);

/* typeset-fit.c */
/* What a line of chars [s, e) can do: its natural width (a line-start
 * opener and a line-end mark at half width, no trailing spaces or gap),
 * what it may shrink (unpaired marks by tier, Han–Latin gaps) and how many
 * places it may stretch at. */
typedef struct {
  guint  last;        /* its last char that is not a space */
  double natural;     /* pt */
  double shrink0;     /* pt: blanks of ，、；： and brackets */
  double shrink_gap;  /* pt: ¼-em gaps down to TS_GAP_SHRINK_EM */
  double shrink1;     /* pt: blanks of 。？！． */
  guint  gaps;        /* places it may stretch at (ts_work_expandable) */
  guint  letters;     /* ideographs, letters, digits */
} TsLineFit;

void   ts_work_line_fit    (TsWork *w, guint s, guint e, TsLineFit *fit);
/* Natural and minimum (fully compressed) width of chars [s, e). */
void   ts_work_line_widths (TsWork *w, guint s, guint e, double *natural, double *minimum);
/* Breaks the paragraph into lines of @measure pt (the first less @indent);
 * writes the line starts, then n, to @starts. */
void   ts_work_break_lines (TsWork *w, double measure, double indent, GArray *starts);
/* The breaker's view of a paragraph at a measure, and the cost it gives
 * the line of chars [s, e) with the break that ends it (INFINITY: it
 * cannot fit); a set of breaks costs the sum over its lines. */
typedef struct TsFit TsFit;
TsFit *ts_fit_new          (TsWork *w, double measure, double indent);
void   ts_fit_free         (TsFit *f);
double ts_fit_line_cost    (TsFit *f, guint s, guint e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsFit, ts_fit_free)

/* typeset-lines.c */
TsLine  *ts_work_line       (TsWork *w, guint s, guint e, double avail, gboolean justify);
void     ts_line_free       (TsLine *line);
/* May the line be stretched between chars i and i+1?  (@inside_words:
 * inside Latin words too, for a line of one word.) */
gboolean ts_work_expandable (TsWork *w, guint i, gboolean inside_words);
