/* typeset.h — the CJK typesetting engine: a paragraph of styled runs in,
 * lines of positioned glyph runs out, ready for cairo.
 *
 * pango/HarfBuzz do itemising, font selection and shaping; this module does
 * line breaking (strict kinsoku, total fit for running text, phrases for
 * display lines), punctuation compression, Han–Latin spacing, grid
 * justification, orphan control, headline balancing and vertical text
 * itself (see docs in README and the CLREQ rules).
 *
 * Nothing here knows about pages: compose.c places the lines.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "model/model.h"

/* Font roles: the faces a newspaper page uses.  fonts/roles.yaml maps each
 * role to a family and weight (and the Debian package that provides it). */
typedef enum {
  TS_ROLE_BODY,      /* 宋/明: body text */
  TS_ROLE_HEADING,   /* 黑: sans headlines, subheads, run-in 本报讯 (bold runs) */
  TS_ROLE_KICKER,    /* 引题 */
  TS_ROLE_SUBTITLE,  /* 副题 */
  TS_ROLE_BYLINE,    /* 楷: bylines */
  TS_ROLE_CAPTION,   /* 楷: captions, emphasis, jump lines */
  TS_ROLE_MASTHEAD,  /* the paper's name in the masthead */
  TS_ROLE_FOLIO,     /* running head, folio, masthead data lines */
  TS_ROLE_TITLE,     /* 标宋: serif headlines (a layout's headline.title_face) */
  TS_ROLE_COUNT
} TsRole;

typedef enum {
  TS_ALIGN_JUSTIFY,  /* flush both edges, last line start-aligned */
  TS_ALIGN_START,
  TS_ALIGN_CENTER,
  TS_ALIGN_END,
  TS_ALIGN_CENTER_SHORT,  /* centred when it is one line, else justified
                             (a boxed notice) */
} TsAlign;

/* How a paragraph's lines are broken.  Every mode keeps the kinsoku rules
 * and never breaks inside a number with its unit (2022年, 17:15,
 * 0358-8253111, 5.5亿元), a Latin word, or a compound or name of
 * fonts/phrases.yaml (西部大开发, …委员会), unless one alone is wider than
 * the line (a URL or e-mail address then breaks after / . @). */
typedef enum {
  TS_BREAK_AUTO,      /* TS_BREAK_BALANCED for a headline; TS_BREAK_TEXT for a
                         justified paragraph; TS_BREAK_PHRASE for any other
                         (start, end or centre aligned: subheads, bylines,
                         signatures, jump lines) */
  TS_BREAK_TEXT,      /* running text: the breaks of the whole paragraph are
                         chosen together (total fit) among every CJK break,
                         so no line is spread more than ¼ em a gap where
                         other breaks avoid it; the last line holds two
                         characters or more, preferably a third of the line */
  TS_BREAK_PHRASE,    /* display lines: break at the editor's spaces (kept, 1
                         em), after ，：、 and the like, before an opening
                         mark, then between phrases (ICU words joined by the
                         word lists), never inside a word or inside an
                         organisation name if avoidable, never a line of one
                         character; lines filled in turn */
  TS_BREAK_BALANCED,  /* the same, with lines of even length (headlines,
                         kickers, 副题, vertical heads) */
} TsBreak;

typedef struct {
  TsRole   role;       /* face of the paragraph's plain runs */
  double   size;       /* font size, pt */
  double   pitch;      /* line pitch (baseline to baseline), pt */
  double   indent;     /* first-line indent in ems (2.0 for body) */
  TsAlign  align;
  gboolean vertical;   /* top-to-bottom columns, right to left (vertical-rl) */
  gboolean headline;   /* a headline: TS_BREAK_BALANCED unless @breaks says
                          otherwise, editor's spaces kept */
  TsBreak  breaks;     /* line breaking; TS_BREAK_AUTO (0) picks by the
                          fields above */
} TsStyle;

/* One input run of a paragraph. */
typedef struct {
  const char *text;    /* UTF-8, borrowed */
  TsRole      role;    /* face of this run */
} TsSpan;

/* A glyph run on a line: one font, ready for cairo_show_text_glyphs().
 * Glyph positions are in pt relative to the line origin (the start of the
 * baseline for horizontal lines; the top of the column centre line for
 * vertical ones). */
typedef struct {
  cairo_scaled_font_t       *font;        /* owned reference */
  cairo_glyph_t             *glyphs;      /* owned, n_glyphs */
  int                        n_glyphs;
  char                      *utf8;        /* owned: the run's text */
  int                        utf8_len;
  cairo_text_cluster_t      *clusters;    /* owned, n_clusters */
  int                        n_clusters;
  cairo_text_cluster_flags_t cluster_flags;
  TsRole                     role;
} TsGlyphRun;

typedef struct {
  double     x, y;       /* line origin relative to the paragraph's top-left,
                            pt (horizontal: y is the baseline) */
  double     width;      /* advance extent along the line, pt (== measure
                            for a justified non-final line, measure − indent
                            for an indented first line) */
  double     ascent;     /* above the baseline (horizontal), pt */
  double     descent;    /* below the baseline, pt */
  guint      char_start; /* first character (code point index) of the
                            paragraph text on this line */
  guint      char_count; /* number of characters on it */
  gboolean   last;       /* last line of its paragraph */
  GPtrArray *runs;       /* of TsGlyphRun *, owned */
} TsLine;

/* Coordinates (pt, y down, as in cairo):
 *
 * Horizontal (style->vertical FALSE): line l's origin is
 *   x = first-line indent (+ alignment shift), y = l × pitch + ascent,
 * i.e. the top of line l's em box is at l × pitch and the baseline
 * 0.88 em below it (ascent = 0.88 em, descent = 0.12 em: the ideographic em
 * box).  Glyph x are along the baseline from the line origin; a half-width
 * opening bracket at line start has its glyph origin at x = −0.5 em.
 * extent = n_lines × pitch (the gap below the last line included).
 *
 * Vertical (style->vertical TRUE): each TsLine is a column running
 * downward; columns are ordered right to left.  Column l's origin is its
 * centre line at the top of its first cell:
 *   x = extent − l × pitch − size / 2, y = indent (+ alignment shift),
 * so column 0's em box touches the paragraph's right edge.  Glyph y run
 * down the column from the origin (a cell's baseline is 0.88 em below its
 * top); glyph x are across it, relative to the centre line.  Upright glyphs
 * use the font as is; sideways Latin runs use a cairo font turned 90°
 * clockwise (TsGlyphRun.font).  width is the column's length; measure is
 * the column height; extent = n_columns × pitch is the paragraph's width. */
/* The ideographic em box: a line's baseline is this far below the top of
 * its em box, in ems (ascent 0.88, descent 0.12). */
#define TS_ASCENT_RATIO 0.88

typedef struct {
  char      *text;       /* owned: the text as set (after normalising spaces) */
  GPtrArray *lines;      /* of TsLine *, owned */
  double     measure;    /* pt: line length it was set to */
  double     pitch;      /* pt */
  double     extent;     /* pt across the lines: n_lines × pitch */
  gboolean   vertical;
  guint      missing;    /* glyphs no font had (set as .notdef), for notes */
  gint       ref;        /* references: the context keeps every setting and
                            gives the same one again (ts_set_spans); never
                            change a paragraph, free it with
                            ts_paragraph_free() */
} TsParagraph;

typedef struct TsContext TsContext;

/* Creates the engine: reads @fonts_dir/fonts.conf (private fontconfig
 * configuration) and @fonts_dir/roles.yaml, and checks every role's family
 * is installed.  Fails with EB_ERROR_FONT naming the Debian package to
 * install (EB_ERROR_INPUT "roles.yaml:N: …" for a bad file).  Caller owns
 * the result.  The context caches fonts per (role, size) for its lifetime;
 * reuse one for a whole edition.  Not thread-safe: one per thread. */
TsContext   *ts_context_new  (const char *fonts_dir, GError **error);
void         ts_context_free (TsContext *ctx);

/* Sets a paragraph of runs to @measure pt.  Never fails on text: characters
 * the fonts lack are set as .notdef and counted in TsParagraph.missing.
 * Whitespace is normalised: runs of spaces/newlines become one U+0020;
 * a space between two wide characters is dropped in running text, but kept
 * as a 1-em word space in display lines (TS_BREAK_PHRASE, _BALANCED),
 * bylines, folio and masthead lines, and inside a run-in span of running
 * text set in the heading or byline face (a dateline: 本报讯（记者 李雅萍
 * 通讯员 张世川）, which then breaks only at those spaces and its
 * brackets); a space between Han and Latin becomes the ¼-em gap.  In vertical text “”‘’
 * become 『』「」.  TsParagraph.text is the text as set.  Caller owns a
 * reference to the result (ts_paragraph_free): the same runs, style and
 * measure give the same paragraph again for the context's life. */
TsParagraph *ts_set_spans (TsContext *ctx, const TsSpan *spans, guint n_spans,
                           const TsStyle *style, double measure);

/* The form of @c in vertical text: corner brackets for quotes (mainland
 * order: “” → 『』, ‘’ → 「」), every other character itself. */
gunichar     ts_vertical_form (gunichar c);

/* Convenience: one run of plain text in the style's role. */
TsParagraph *ts_set_text  (TsContext *ctx, const char *text, const TsStyle *style,
                           double measure);

/* Sets a model block (paragraph, heading or note): strong runs take
 * TS_ROLE_HEADING, emphasis TS_ROLE_CAPTION, plain runs style->role. */
TsParagraph *ts_set_block (TsContext *ctx, const EdBlock *block, const TsStyle *style,
                           double measure);

/* Natural (unbroken) advance of @text in @style, pt. */
double       ts_measure_text (TsContext *ctx, const char *text, const TsStyle *style);

void         ts_paragraph_free (TsParagraph *par);

/* The settings a context was asked for (ts_set_spans and the calls built
 * on it), for benches. */
typedef struct {
  guint64 settings;         /* paragraphs asked for */
  guint64 chars;            /* their characters */
  guint64 repeated;         /* identical to an earlier one: given again */
  guint64 repeated_chars;   /* their characters */
} TsStats;

TsStats      ts_context_stats (const TsContext *ctx);

/* Draws one line; (@x, @y) is where its paragraph's top-left corner is, so
 * the line lands at (x + line->x, y + line->y).  To continue a paragraph in
 * another column, pass that column's origin minus the line's offset, e.g.
 * ts_line_draw (line, cr, col_x, col_y - l * par->pitch) for horizontal
 * text. */
void         ts_line_draw (const TsLine *line, cairo_t *cr, double x, double y);

/* Stable text dump for tests: one line per TsLine,
 * "x y width | text of the line\n" with numbers to 0.01 pt. */
char        *ts_paragraph_dump (const TsParagraph *par);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsContext, ts_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsParagraph, ts_paragraph_free)
