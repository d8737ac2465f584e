/* typeset-private.h — internals shared by the typesetter's files (and its
 * white-box tests).  Not for other stages.
 *
 *   typeset-context.c  fonts per (role, size), the context
 *   typeset.c          normalising, punctuation blanks, public API
 *   typeset-shape.c    font choice and HarfBuzz shaping
 *   typeset-vertical.c sideways Latin and upright numbers in vertical text
 *   typeset-words.c    ICU word boundaries
 *   typeset-fit.c      line breaking
 *   typeset-lines.c    justification, glyph runs, drawing, dumps
 */
#pragma once

#include <hb.h>
#include <pango/pangocairo.h>

#include "typeset/fonts.h"
#include "typeset/typeset.h"

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

struct TsContext {
  FontsSetup   *setup;     /* owned */
  PangoFontMap *fontmap;   /* owned */
  PangoContext *pango;     /* owned */
  GHashTable   *faces;     /* gint64 (role, size) → TsFace *, owned */
  GHashTable   *fonts;     /* PangoFont * → TsFont *, owned */
  hb_buffer_t  *buf;       /* owned, reused for every shaping call */
  void         *words;     /* owned: word-break iterator (ICU), or NULL */
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
  TS_CH_BREAK    = 1 << 1,  /* a line may start at this char */
  TS_CH_ROTATED  = 1 << 2,  /* vertical: set sideways */
  TS_CH_TCY      = 1 << 3,  /* vertical: part of an upright horizontal cell */
  TS_CH_IDEO     = 1 << 4,  /* a Han character proper (for orphans, gaps) */
  TS_CH_ALNUM    = 1 << 5,  /* narrow letter or digit (Han–Latin gap) */
  TS_CH_WEAK     = 1 << 6,  /* headlines: a legal break inside an ICU word
                               boundary pair, used only when nothing else fits */
  TS_CH_WEAKER   = 1 << 7,  /* headlines: legal break inside a word (last resort) */
};

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
  guint8   flags;          /* TS_CH_* */
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
  double         line_max; /* measure of a full line, pt */
  guint          missing;  /* .notdef glyphs */
} TsWork;

#define TS_EPS 0.001

#define TS_CHAR(w, i) (&g_array_index ((w)->chars, TsChar, (i)))

/* typeset-context.c */
TsFace              *ts_context_face  (TsContext *ctx, TsRole role, double size);
TsFont              *ts_face_font_for (TsContext *ctx, TsFace *face, gunichar c);
/* The cairo font for sideways glyphs (vertical text): turned 90° clockwise. */
cairo_scaled_font_t *ts_font_rotated  (TsFont *f);

/* typeset.c */
/* Both narrow (Latin, digits): no break and no stretch between them. */
gboolean ts_narrow_pair (const TsChar *a, const TsChar *b);

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
void ts_work_line_widths    (TsWork *w, guint s, guint e, double *natural, double *minimum);
void ts_work_break_greedy   (TsWork *w, double measure, double indent, GArray *starts);
void ts_work_fix_orphan     (TsWork *w, GArray *starts, double measure, double indent);
void ts_work_break_balanced (TsWork *w, double measure, GArray *starts);

/* typeset-lines.c */
TsLine *ts_work_line (TsWork *w, guint s, guint e, double avail, gboolean justify);
void    ts_line_free (TsLine *line);
