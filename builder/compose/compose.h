/* compose.h — page composition: an edition's articles become rectangular
 * modules on a layout's column and line grid, page by page.
 *
 * The edition's pages are the print pages: page N carries the section of
 * edition page N, and every article starts on the page it is listed on,
 * never earlier.  Continuations take the next page with room; pages added
 * after the edition's last page for them are labelled 续版.  Each article
 * becomes a module (a rectangle of k basic columns × h body lines) holding
 * its headline group across the module, figures, and body text flowing
 * through k columns with the last column balanced.  A multi-column page is
 * a stack of bands (rows of side-by-side modules, a slot holding one module
 * or a stack) chosen by a beam search over what each band costs
 * (compose-costs.h); a one-column page takes its pieces one under the
 * other.  An article that does not fit is cut at the foot of its slot with
 * a jump line (下转第N版) and continues on a later page (上接第M版).  Page 1
 * carries the masthead (报头), the others a running head (版眉).  Layouts
 * that flow (compose.flow: e-readers, phones) are screens read like a
 * book instead: articles run on from screen to screen without jump lines
 * or repeated heads, each print page starting a screen under a divider
 * (compose-flow.c).
 *
 * The result is a display list per page that the PDF stage (render/) draws:
 * lines of glyph runs at page positions, figures, rules, links, grouped by
 * article in reading order.  docs/architecture.md maps the files.
 */
#pragma once

#include <glib.h>

#include "compose/layoutspec.h"
#include "model/model.h"
#include "typeset/typeset.h"

typedef struct {
  double x, y, width, height;  /* pt, page coordinates, origin top left */
} CompRect;

/* A typeset line placed on the page. */
typedef struct {
  const TsLine *line;          /* borrowed: owned by CompEdition->paragraphs */
  double        x, y;          /* page position of the line origin, pt */
} CompLine;

typedef enum {
  COMP_ELEM_HEADING,           /* headline group, subhead ("H") */
  COMP_ELEM_PARAGRAPH,         /* body paragraph, byline, note, jump line ("P") */
  COMP_ELEM_FIGURE,            /* image or caption-only figure + caption ("Figure") */
} CompElemKind;

/* One logical element of an article (one structure tag in the PDF). */
typedef struct {
  CompElemKind kind;
  GArray      *lines;          /* of CompLine, in reading order */
  double       rgb[3];         /* text colour */
  char        *image;          /* owned: image file path, or NULL */
  CompRect     image_rect;     /* figure picture area (valid if image) */
  gboolean     boxed;          /* draw a frame round box (badge, notice,
                                  picture frame) */
  CompRect     box;
  double       box_line;       /* the frame's line width, pt */
  gboolean     filled;         /* tint the box with fill (a picture frame
                                  waiting for its photo, a badge) */
  double       fill[3];        /* RGB 0..1 */
  char        *link_dest;      /* owned: named destination this element
                                  links to (jump lines), or NULL */
  char        *dest;           /* owned: named destination placed at this
                                  element, or NULL */
  double       dest_x, dest_y; /* where the destination points, pt */
} CompElem;

/* The part of one article on one page. */
typedef struct {
  const EdArticle *article;    /* borrowed from the edition */
  guint      part;             /* 0 = the article's start, 1… = continuation */
  guint      from_page;        /* continued from this page (0 = none) */
  guint      to_page;          /* continues on this page (0 = none) */
  guint      col, cols;        /* module position on the grid */
  guint      row, rows;
  CompRect   rect;             /* module rectangle, pt */
  GArray    *rects;            /* of CompRect: the article's block rectangles
                                  on this page (module, head zone, text
                                  columns, figures), pt */
  GPtrArray *elems;            /* of CompElem *, owned, reading order */
} CompArticle;

typedef struct {
  double x0, y0, x1, y1;       /* pt */
  double width;                /* pt */
  double rgb[3];
} CompRule;

typedef struct {
  guint      number;           /* 1-based page number (第N版) */
  char      *section;          /* owned: 版名 */
  char      *label;            /* owned: "第1版" (PDF page label); on layouts
                                  that flow, the screen number "1" */
  char      *outline;          /* owned: the outline entry this page starts
                                  ("第1版 要闻"; where screens flow, the print
                                  page "第2版 · 要闻" on the screen it starts
                                  on), or NULL: the page's articles go under
                                  an earlier page's entry */
  double     width, height;    /* pt */
  GPtrArray *furniture;        /* of CompElem *, owned: masthead, 版眉, the
                                  page banner, the desk credits (drawn
                                  untagged, before the articles) */
  const EdPage *source;        /* borrowed: the edition page whose section
                                  the page carries (NULL: 续版) */
  gboolean   opens;            /* the first print page of its edition page:
                                  it carries the edition page's banner and
                                  desk credits */
  guint      banner_rows;      /* body lines the page banner takes under the
                                  masthead or at the 版心 top (0: none) */
  GArray    *rules;            /* of CompRule: column rules, separators */
  GPtrArray *articles;         /* of CompArticle *, owned, reading order */
  guint      hole_rows;        /* largest empty patch at a column foot, lines */
  gboolean   open_end;         /* the page's own articles and the
                                  continuations offered to it ran out
                                  before it was full: white space at the
                                  column feet is allowed (hole_rows) */
  gboolean   edition_end;      /* no article starts on a later page: the
                                  edition's text runs out here, so holes
                                  are allowed */
  guint      spare_rows;       /* body lines of the 版心 the page's copy
                                  left white (spread between its bands) */
  gboolean   thin;             /* under-filled: spare_rows is more than a
                                  quarter of the 版心; the CLI should warn
                                  ("page N is only M% full") */
  gboolean   no_frames;        /* its caption-only figures are notes, not
                                  picture frames: with frames its copy did
                                  not fit, or left a band hole */
  gboolean   tight;            /* composed tight: its copy did not fit, so
                                  its heads, banner and band gaps are
                                  smaller (the layout's costs tight_*) */
} CompPage;

/* What the page planner did (printed by `make bench`). */
typedef struct {
  guint64 plans;      /* partial page plans the beam search made (a plan
                         extended by one of its cheapest next bands) */
  guint64 bands;      /* bands evaluated: slot widths at the front of the
                         queue with a base cost (each module's width) */
  guint64 pruned;     /* of them set aside by that base cost alone: no
                         cheaper than the bands already kept */
  guint64 fills;      /* bands filled: evaluated bands × candidate heights */
  guint64 measures;   /* modules measured: a piece's head and text at a width */
} CompStats;

typedef struct {
  const EdEdition *ed;         /* borrowed */
  const LaySpec   *spec;       /* borrowed */
  GPtrArray *pages;            /* of CompPage *, owned */
  GPtrArray *paragraphs;       /* of TsParagraph *, owned: every CompLine
                                  points into these */
  CompStats  stats;
} CompEdition;

/* Composes @ed on the layout @spec using @ts for all text.  @ed, @spec and
 * @ts must outlive the result (glyph runs hold font references of @ts).
 * Fails with EB_ERROR_INPUT when a figure's image cannot be read.  Caller
 * owns the result. */
CompEdition *comp_edition_new  (const EdEdition *ed, const LaySpec *spec,
                                TsContext *ts, GError **error);
void         comp_edition_free (CompEdition *ce);

/* The block rectangles of every article on page @page (1-based), pt, in
 * reading order: returns a GPtrArray of CompArticle * (borrowed; use
 * ->article->id, ->part and ->rects), or NULL if there is no such page.
 * The array itself is owned by the caller (free with g_ptr_array_unref). */
GPtrArray   *comp_edition_page_blocks (const CompEdition *ce, guint page);

/* The text of lines [@from, @to) of @e as set (its glyph runs' text, the
 * lines run together); caller owns. */
char        *comp_elem_text (const CompElem *e, guint from, guint to);

/* The grid row (of the layout's body grid, from the 版心 top) after
 * placed article @a's last ink, a text line's baseline or a picture's foot,
 * counted whole. */
guint        comp_article_ink_end (const LaySpec *spec, const CompArticle *a);

/* The most body lines of white page @p leaves under a module's last text
 * (or picture): against the deepest text of the modules that end on the
 * same row, and, on a multi-column page that is full and not the
 * edition's last, down to the module's foot.  Sets *@where (if not NULL) to that module.  More
 * than spec->costs.hole_rows (3) is a hole a desk fills with copy. */
guint        comp_page_hole (const CompEdition *ce, const CompPage *p,
                             const CompArticle **where);

/* How much of page @p's own 版心 (the masthead's rows not counted) its copy
 * left white (spare_rows), in percent, 0..100. */
guint        comp_page_white_percent (const CompEdition *ce, const CompPage *p);

/* Stable text dump: one line per page and per module. */
char        *comp_edition_dump (const CompEdition *ce);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CompEdition, comp_edition_free)
