/* compose-private.h — what the files of the composer share: the planner's
 * working types (prepared articles, pieces, modules, bands) and every
 * function one file of builder/compose/ calls in another.  Not for other
 * stages: their interface is compose.h.
 */
#pragma once

#include "compose/compose.h"

/* A unit of body flow: occupies whole grid lines of one text column. */
typedef struct {
  const TsParagraph *par;    /* lines come from here */
  guint        line0, nlines;
  guint        rows;
  guint        elem;         /* logical element (paragraph) number */
  CompElemKind kind;
  gboolean     keep_with_next;
  gboolean     boxed;
  guint        pic;          /* a portrait's frame over the unit's caption,
                                in the text column: its rows (0: none) */
} CompUnit;

typedef struct {
  const EdBlock *block;
  char          *path;       /* owned: full image path or NULL */
  double         iw, ih;     /* image pixel size; a frame's proportions */
  gboolean       frame;      /* a picture frame: a caption-only figure on a
                                layout with picture_frames */
  gboolean       portrait;   /* a frame whose caption is a person's name:
                                portrait_aspect, one column wide */
  char          *caption;    /* owned: the caption without its credit */
  char          *credit;     /* owned: "记者 薛志雄 摄", or NULL */
} CompFigure;

/* An article typeset at its body measure. */
typedef struct {
  const EdArticle *art;
  GArray    *units;          /* of CompUnit */
  GPtrArray *figures;        /* of CompFigure *, owned */
  guint      total_rows;     /* rows of all units */
  guint      n_elems;
  double     body_measure;
} CompPrep;

/* The part of an article still to place. */
typedef struct {
  CompPrep *prep;            /* borrowed */
  guint     unit0;           /* first unit to place */
  guint     part;
  guint     from_page;       /* 0 or the page the previous part is on */
  guint     id;              /* sequence number, for jump resolution */
} CompPiece;

/* A planned module. */
typedef struct {
  CompPiece piece;
  guint     col, cols, row, rows;
  guint     text_cols;       /* body columns: cols, or cols - 1 beside a
                                vertical headline in the first column */
  gboolean  vertical;        /* vertical headline (竖题) */
  guint     head_rows;       /* natural head zone rows */
  guint     fig_cols;        /* figures span the first fig_cols text
                                columns, the last starts beside them
                                (0 = figures span the text columns) */
  guint     head_cols;       /* 串文题: the head spans only the first
                                head_cols columns, the others start at the
                                top (0 = the head spans the module) */
  guint     fig_rows;
  guint     frame_cols;      /* columns of the module's landscape picture
                                frames (0: the layout's frame_columns; a
                                copy-fitting lever, comp_frame_range) */
  int       frame_rows;      /* lines each of its landscape frames is taller
                                (or, < 0, shorter) than its proportions
                                (comp_frame_fit) */
  guint     body_rows;       /* rows per text column */
  guint     unit_end;        /* first unit not placed (== n units unless cut) */
  guint     rest_id;         /* piece id of the continuation (cut modules) */
  gboolean  cut;
  gboolean  page_lead;
  double    head_size;
  gboolean  sep;             /* separator line at the foot */
  guint     foot;            /* white rows at the foot (band gap), in rows */
  guint     air;             /* rows a shorter module's head zone grows by */
  guint     air_above;       /* of them above the head (the rest under it) */
  gboolean  flow;            /* a piece of a flowing screen (compose-flow.c):
                                its body has no 上接 line, its figures may
                                come in any part */
  guint     fig_room;        /* rows a figure may take (0: comp_figure_room) */
} CompModule;

/* A jump line to fill in once the continuation's page is known. */
typedef struct {
  CompElem  *elem;           /* borrowed: its CompArticle owns it */
  CompArticle *article;      /* borrowed: the page owns it */
  CompRect   box;            /* where the line goes */
  guint      piece_id;       /* the piece whose continuation it points to */
  char      *dest;           /* owned: destination of the continuation */
} CompJump;

typedef struct {
  CompEdition *ce;
  TsContext   *ts;
  const LaySpec *spec;
  GPtrArray   *preps;        /* of CompPrep *, owned */
  GArray      *jumps;        /* of CompJump */
  GHashTable  *piece_page;   /* piece id → page number */
  GHashTable  *continuation; /* piece id → id of the piece continuing it */
  GHashTable  *head_rows;    /* "prep:part:width:size:lead" → head zone rows,
                                covering in the top bit (comp_head_measure) */
  guint        next_piece_id;
  const guint8 *squeeze;     /* by edition page (1-based), or NULL: how
                                that page gives way when its copy did not
                                fit (COMP_SQUEEZE_*) */
  const LaySpec *base;       /* the layout as given */
  const LaySpec *tight;      /* it with its space levers tightened (the
                                costs' tight_*), for COMP_SQUEEZE_TIGHT */
} CompState;

/* How an edition page gives way when its copy runs past the edition's
 * last page (comp_edition_new): */
enum {
  COMP_SQUEEZE_NONE,    /* as the layout gives it */
  COMP_SQUEEZE_FRAMES,  /* caption-only figures are notes, not frames */
  COMP_SQUEEZE_TIGHT,   /* that, and smaller heads, banner and gaps */
};

/* How edition page @epage (1-based) of @st gives way (COMP_SQUEEZE_*). */
guint comp_squeeze (const CompState *st, guint epage);

/* The 破折号 that opens a 副题 (drawn as a rule, compose-head.c). */
#define COMP_SUBTITLE_DASH "——"

typedef struct {
  TsParagraph *badge;                      /* 栏头 over the head, or NULL */
  TsParagraph *kicker, *title, *subtitle;  /* owned until kept */
  TsStyle      dash;                       /* the style of the 破折号 that opens
                                              the 副题 (size 0: it has none) */
  double       extent;                     /* pt, with padding (and the badge) */
  double       badge_extent;               /* pt of it the badge takes */
  gboolean     covers;                     /* crosses every internal gutter */
} CompHead;

typedef struct {
  GArray    *modules;   /* of CompModule */
  guint      rows;      /* lines per column */
  guint      page;
  guint      hole_rows;
  gboolean   tail;      /* placing the edition's last piece: no stretching */
  double     target;    /* preferred module height, fraction of a column */
  guint      cap;       /* most rows a module may take (leaves room for the
                           page's other articles to start), G_MAXUINT = none */
  gboolean   last;      /* the edition's last page: its foot may stay white */
  gboolean   final;     /* placing the page's last piece: it takes the
                           slot's width so the page's white stays short */
  gboolean   ran_out;   /* the pieces offered to the page ran out before it
                           was full */
  guint      spare;     /* rows the page's copy left white */
  guint      min_slots; /* fewest modules side by side in a band (while
                           the queue lasts) */
} CompPlan;

typedef struct {
  guint from, to;            /* modules of the band in pl->modules */
  guint row, height;         /* content rows, without the gap */
} CompBandPos;

/* ---------------------------------------------------------------- bands
 *
 * Multi-column pages are made of horizontal bands, top to bottom, with
 * band_gap_rows of white (and a rule) between them.  A band is a row of
 * side-by-side modules in edition order, all as tall as the band; the
 * last slot of a band may hold a stack of further modules of its width,
 * one under the other with the same gap.  Read as a reader (or a text
 * extractor's XY-cut) takes a page — band by band, then module by module
 * left to right, each module's head group (which crosses the module's
 * internal gutters) before its columns — the page gives the articles in
 * edition order. */


typedef struct {
  CompModule mods[COMP_BAND_MODS];   /* rows = content rows (no gap) */
  guint      top[COMP_BAND_MODS];    /* row offset in the band */
  gboolean   above[COMP_BAND_MODS];  /* another module is stacked below */
  guint      n_mods;                 /* == queue pieces taken, in order */
  guint      height;                 /* content rows, without the gap below */
  gboolean   foot;                   /* the band reaches the page foot */
  guint      cuts;
  guint      white;                  /* largest white patch in a module, rows */
  double     cost;
} CompBand;

/* Measures of queue piece @i at @cols columns, computed on first use. */
typedef struct {
  CompModule *m;             /* [i * (columns + 1) + cols] */
  gboolean   *done;
  gboolean   *ok;            /* the head crosses the module's gutters */
  guint       n;             /* pieces cached */
} CompMeasures;

/* The cheapest bands found so far, cheapest first. */
typedef struct {
  CompBand *b;
  guint     n, k;
} CompBandList;

/* A partial page plan of the beam search. */
typedef struct {
  GArray  *bands;            /* of CompBand, owned */
  guint    q, row;           /* pieces taken, next free row */
  double   cost;
  gboolean done;             /* no band can follow */
} CompBeam;

/* Label of the pages added after the edition's last page for the
 * continuations that found no room on it. */
#define COMP_CONTINUATION_SECTION "续版"

/* ---- compose.c ---- */

void comp_prep_free (CompPrep *p);

void comp_elem_free (CompElem *e);

CompElem *comp_elem_new (CompElemKind kind);

void comp_page_free (CompPage *p);

/* Keeps @par for the edition's lifetime and returns it. */
const TsParagraph *comp_keep (CompState *st, TsParagraph *par);

TsStyle comp_style (TsRole role, double size, double pitch_ratio, TsAlign align);

TsStyle comp_body_style (const LaySpec *spec);

/* The face of headlines (主题) on @spec: the heavy serif or the heavy sans. */
TsRole comp_title_role (const LaySpec *spec);

guint comp_rows_for (const LaySpec *spec, double extent);

CompPage *comp_page_new (const LaySpec *spec, guint number, const char *section);

/* ---- compose-frames.c ---- */

/* Whether @caption is only a person's name (a portrait's caption, 张伟). */
gboolean comp_caption_is_name (const LaySpec *spec, const char *caption);

/* The figure of block @b: its caption and credit apart (a credit written
 * at the caption's end, "…佳绩。肖继旺摄", split off), and with @frames
 * (the layout's picture_frames, unless the page's copy did not fit with
 * them) a caption-only figure is a frame of a photo's proportions
 * (a portrait's if its caption is a name).  The caller sets an image's
 * path and pixel size. */
CompFigure *comp_figure_new (const LaySpec *spec, const EdBlock *b, gboolean frames);

void comp_figure_free (CompFigure *f);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CompFigure, comp_figure_free)

/* Width of figure @f of @prep in a figure area @area pt wide: a picture
 * takes the area, a frame its columns (@frame_cols, 0: the layout's; a
 * portrait one), never more than the area; photo news the area. */
double comp_figure_width (const LaySpec *spec, const CompPrep *prep, const CompFigure *f,
                          double area, guint frame_cols);

/* Columns the figures of @prep need side by side: the widest frame's
 * (G_MAXUINT when a picture takes whatever it is given). */
guint comp_figures_cols (const LaySpec *spec, const CompPrep *prep, guint frame_cols);

/* The widths in columns a module of @piece with @text_cols text columns
 * may give its landscape frames (CompModule.frame_cols, the copy-fitting
 * lever of frame sizes): [*min, *max], both 0 when it has none. */
void comp_frame_range (const LaySpec *spec, const CompPiece *piece, guint text_cols, guint *min,
                       guint *max);

/* Copy-fitting with picture frames: makes the landscape frames of placed
 * module @m taller (up to frame_aspect_min, 3:4) or shorter (down
 * to frame_aspect_max, 2:1) so that its text comes as close to @content
 * rows (its height without the foot) as it can without passing it: the
 * lines a band leaves white under a short module go to its picture, and a
 * module a little too tall for its slot gives them back before its text
 * is cut.  Sets m->frame_rows, fig_rows and body_rows; returns whether
 * the module then fits @content. */
gboolean comp_frame_fit (const LaySpec *spec, CompModule *m, guint content);

/* Lines of white under module @m, @content rows tall, its frame would take
 * (comp_frame_fit), for a band's cost. */
guint comp_frame_slack (const LaySpec *spec, const CompModule *m, guint content);

/* Rows of a portrait's frame @width pt wide (portrait_aspect). */
guint comp_portrait_rows (const LaySpec *spec, double width);

/* Makes figure element @e a picture frame @w × @h at (@x, @y): a light tint
 * with a hairline. */
void comp_frame_box (const LaySpec *spec, CompElem *e, double x, double y, double w, double h);

/* The caption of figure @f set at @width (a portrait's name centred) and,
 * in *@credit when not NULL, its credit flush right on a line of its own
 * (NULL without one).  Caller owns both. */
TsParagraph *comp_caption_set (CompState *st, const CompFigure *f, double width,
                               TsParagraph **credit);

/* Whether @piece is photo news (kind: photo, with a figure): its pictures
 * across the module under a small head. */
gboolean comp_is_photo (const CompPiece *piece);

/* Whether @art is a notice (kind: notice, or a title ending in 公告, 通告,
 * 通知, 启事, 公示 or 声明): never a page's lead, its head no larger than
 * head_normal. */
gboolean comp_is_notice (const EdArticle *art);

/* Preferred width of a photo-news module: its frame's columns. */
guint comp_photo_cols (const LaySpec *spec, const CompPiece *piece);

/* ---- compose-prep.c ---- */

/* Whether the article's byline closes its text ("记者 X 整理", set right
 * under the last paragraph) rather than standing under the head ("□ 本报
 * 记者 X", or byline_top): the closing byline is the article's last unit. */
gboolean comp_byline_closes (const EdArticle *art);

/* Typesets an article's body at the column measure into flow units. */
CompPrep *comp_prep_article (CompState *st, const EdArticle *art, GError **error);

/* Flows units [u0, n) into @k columns of @n rows; column 0 starts at row
 * @first (a 上接 line above), the last column keeps @reserve rows free
 * (a 下转 line).  Writes each placed unit's column and row into @slots
 * (2 guints per unit from u0) when given.  Returns the first unit that
 * did not fit. */
guint comp_flow (const GArray *units, guint u0, guint k, guint n, guint reserve, guint first,
                 guint lcols, guint ltop, guint *slots);

/* Smallest column height that holds units [u0, n) in @k columns. */
guint comp_balance (const GArray *units, guint u0, guint k, guint first, guint lcols, guint ltop);

/* ---- compose-head.c ---- */

/* Sets the headline group of @piece for a module @width pt wide with a
 * 主题 of @size pt.  A continuation gets a short repeat head (接题).  On a
 * module of three or more columns the head must cross every internal
 * gutter (comp_head_fit_title); h->covers tells whether it does. */
void comp_head_set (CompState *st, const CompPiece *piece, double width, double size, gboolean lead,
                    CompHead *h);

gboolean comp_head_ok (CompState *st, const CompPiece *piece, double width, double size,
                       gboolean lead);

guint comp_head_rows (CompState *st, const CompPiece *piece, double width, double size,
                      gboolean lead);

/* The vertical headline's style at @size. */
TsStyle comp_vertical_style (const LaySpec *spec, double size);

/* Body lines a vertical headline needs: its length plus a line of air. */
guint comp_vertical_head_rows (CompState *st, const CompPiece *piece, double size);

double comp_head_size (const LaySpec *spec, guint cols, gboolean page_lead, guint page);

/* ---- compose-measure.c ---- */

/* Rows of figure @f at @width: picture, caption, credit, a line of air.
 * The picture (or frame) is whole lines tall, at most figure_max_rows and
 * at most what leaves its caption and air inside @room rows; a picture cut
 * shorter keeps its proportions (narrower than @width, *pic_width).  The
 * credit stands on a line of its own under the caption (*@credit, NULL
 * without one). */
guint comp_figure_rows (CompState *st, const CompFigure *f, double width, guint room,
                        guint *pic_rows, double *pic_width, TsParagraph **caption,
                        TsParagraph **credit);

/* Rows one figure of @piece may take: the figures share what a front page
 * (under the masthead) leaves below a head zone of @head_rows and two body
 * lines, so an article with pictures always fits a page. */
guint comp_figure_room (const LaySpec *spec, const CompPiece *piece, guint head_rows);

/* First text column of a module: a vertical head takes the first one. */
guint comp_text_col0 (const CompModule *m);

/* Body units of a continuation start with the 上接 line: one row. */
guint comp_piece_extra_rows (const CompPiece *piece);

/* Natural size of @piece in @cols columns. */
void comp_measure_piece (CompState *st, const CompPiece *piece, guint cols, gboolean page_lead,
                         guint page, CompModule *m);

/* Text columns [0, *lcols) of @m start *ltop rows below the top of its
 * body area: under a 串文题 head and its figures (the body area is then the
 * module), or under figures that leave the last column free. */
void comp_module_l (const CompModule *m, guint *lcols, guint *ltop);

guint comp_module_need (const CompModule *m);

/* Preferred width of a piece: the page lead is wide; long articles get
 * more columns so that modules stay short and wide. */
guint comp_preferred_cols (const LaySpec *spec, const CompPiece *piece, gboolean page_lead,
                           guint free_rows, double target);

/* Whether a page lead has the copy for the lead's width (lead_columns)
 * where pages flow: a lead with less than min_module_rows of text for each
 * of those columns (a notice, a teaser) takes the width its text fills
 * rather than leave white under it.  A broadsheet keeps its lead wide. */
gboolean comp_lead_has_copy (const LaySpec *spec, const CompPiece *piece);

/* Cuts @m (already measured at its width) to @rows: the body gets what
 * is left under head and figures, less a row for the jump line. */
gboolean comp_cut_module (CompModule *m, guint rows);

/* Queues the continuation of @m (placed on page pl->page) in @next_queue
 * when it is cut. */
void comp_queue_rest (CompState *st, const CompPlan *pl, GArray *next_queue, CompModule *m);

/* Whether every text column of @m holds at least two lines: a column of
 * one line has no gutter a reader's eye (or an extractor's XY-cut) can
 * follow, and is read across with its neighbour. */
gboolean comp_columns_ok (const LaySpec *spec, const CompModule *m);

/* White rows at the module's foot: the band gap, or the separator line. */
guint comp_module_foot (const CompModule *m);

/* Whether a page's articles that do not fit move whole to the next print
 * page (one-column screens always; others as the layout says) rather than
 * earlier ones being cut so that all start on their edition page. */
gboolean comp_carry_over (const LaySpec *spec);

/* ---- compose-column.c ---- */

/* Plans a one-column page from the front of @queue (of CompPiece,
 * consumed); cut pieces continue in @next_queue. */
void comp_plan_column (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                       guint first_row);

/* ---- compose-band.c ---- */

/* Whether rows [0, @height) marked @white (no ink across the band) have
 * no run of two or more between the first and the last inked row: such a
 * strip would make a reader (or an XY-cut) read the band's tops first. */
gboolean comp_white_ok (const gboolean *white, guint height);

/* Whether band @b would read slot by slot: a white strip of two lines or
 * more across every slot, inside the band, would make a reader (or an
 * XY-cut) read the band's tops before its bottoms.  Rows are approximate:
 * a module's ink runs from its head (set on its text, the lines a band
 * gives it above; the head's first line counted white for its padding) to
 * the end of its text; a picture across all its columns is white. */
gboolean comp_band_reads_ok (const CompBand *b);

/* The cheapest bands (at most list->k) that can start at the front of
 * @queue with @avail rows left. */
void comp_band_choices (CompState *st, CompPlan *pl, const GArray *queue, guint avail,
                        gboolean lead, CompBandList *list);

/* ---- compose-beam.c ---- */

/* Plans a multi-column page in bands from the front of @queue (consumed);
 * cut pieces continue in @next_queue, on a later page. */
void comp_plan_bands (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                      guint first_row);

/* ---- compose-air.c ---- */

/* Gives the shorter modules of band @bp air in their head zones: up to
 * stretch_rows of the lines under their text (anatomy: absorb lines by
 * resizing a head zone), unless the band would then read its heads
 * across before its text. */
void comp_band_air (const LaySpec *spec, CompPlan *pl, const CompBandPos *bp);

/* ---- compose-realise.c ---- */

/* The top of grid row @row of the 版心, pt. */
double comp_row_y (const LaySpec *spec, guint row);

void comp_add_rule (CompPage *page, double x0, double y0, double x1, double y1, double width);

void comp_realise_module (CompState *st, CompPage *page, const CompModule *m);

/* The parts of comp_realise_module, for planners that place a module's
 * parts themselves (compose-flow.c): the headline group in the zone [y, y +
 * zone); the figures from grid row @row (returns the rows they take); the
 * body units [m->piece.unit0, m->unit_end) from grid row @row0. */
void comp_realise_head (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                        double x, double width, double y, double zone);

guint comp_realise_figures (CompState *st, CompArticle *a, const CompModule *m, double x,
                            double width, guint row);

void comp_realise_body (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                        guint row0);

/* Puts modules [from, to) of @mods in reading order by recursive cuts:
 * a horizontal cut no module crosses (topmost first), else a vertical
 * one (leftmost first), as a reader (or an XY-cut text extractor) takes
 * the page: each side is read whole before the other. */
void comp_order_modules (CompModule *mods, guint from, guint to);

/* ---- compose-furniture.c ---- */

/* The edition's day, "2025年2月18日" (or its date as written). */
char *comp_day_text (const EdEdition *ed);

/* A one-line furniture element of @page: @text in @role at @size, aligned
 * in the box (x, width) with its baseline at @baseline. */
CompElem *comp_furniture_line (CompState *st, CompPage *page, const char *text, TsRole role,
                               double size, TsAlign align, double x, double width,
                               double baseline);

/* 版眉: 第N版, section, date and paper over the 眉线, and the desk credits
 * of the page's edition page (on the first print page of it) beside the
 * 版次 or the date where they fit.  版次 sits on the
 * outer edge (left on even pages, right on odd ones), date and paper on
 * the inner one, the section centred — or, on a page too narrow for that
 * (e-reader), beside the 版次, and without the paper's name if even that
 * does not fit. */
void comp_running_head (CompState *st, CompPage *page);

/* 报头: the paper's name large in the masthead colour (the publisher under
 * it), the edition data beside it (date, weekday, lunar date, issue and
 * 总第N期, 刊号, pages, price, page 1's desk credits), 导读 in the 报眼: the
 * edition's other pages first, then page 1's own stories; on a page too
 * narrow for that, the data on one line under the name. */
void comp_masthead (CompState *st, CompPage *page, guint n_pages);

/* Body lines the banner of edition page @src takes at the top of its first
 * print page (0 for a page without one, or @src NULL); *@air (may be NULL)
 * is set to the lines of air under it among them. */
guint comp_banner_rows (CompState *st, const EdPage *src, guint *air);

/* The page banner (通栏标题) across the top of the 版心 of @page, the first
 * print page of its edition page (under the masthead on page 1), in the
 * page->banner_rows the planner left for it, a rule under it. */
void comp_page_banner (CompState *st, CompPage *page);

/* Fills in every jump line now that all pages are known. */
void comp_finish_jumps (CompState *st);

/* ---- compose-pages.c ---- */

/* Typesets every article of the edition and queues it for its edition
 * page: @own (of GArray of CompPiece, one per edition page); articles of
 * no edition page go to @queue. */
gboolean comp_prep_all (CompState *st, GPtrArray *own, GArray *queue, GError **error);

gboolean comp_compose_pages (CompState *st, GError **error);

/* ---- compose-flow.c ---- */

/* Composes the edition on screens that flow (spec->flow): each edition
 * page's articles run on from screen to screen as in a book. */
gboolean comp_flow_pages (CompState *st, GError **error);

/* The furniture of flowing screen @page: the divider naming the print
 * page on a screen that starts one, else a running head (section, paper
 * and date); page 1 keeps its masthead above the divider. */
void comp_flow_furniture (CompState *st, CompPage *page);
