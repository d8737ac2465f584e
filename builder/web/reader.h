/* reader.h — the static web e-paper reader written beside the PDF/EPUB.
 *
 *   OUT_DIR/reader/index.html, reader.css, reader.js   copied from
 *                                                       DATA_DIR/reader/
 *   OUT_DIR/reader/edition.json                         the edition metadata
 *   OUT_DIR/reader/edition.js                           the same metadata as
 *       "window.EPAPER_EDITION=<json>;" (loaded by <script src>, because
 *       fetch() of a JSON file fails when the reader is opened from file://)
 *   OUT_DIR/reader/text/<id>.js                         one per article:
 *       'window.EPAPER_TEXT({"id":…,"html":…});' — the article's text, the
 *       EPUB's article XHTML (epub_article_xhtml()), loaded lazily by a
 *       <script> element (works from file:// and from any static server).
 *       The only copy of the article text in the reader.
 *
 * The reader links to the page previews the composer writes
 * (OUT_DIR/pages/p<N>.png, p<N>@2x.jpg or p<N>@2x.png, p<N>-thumb.png —
 * only those that exist when rdr_write() runs) and to ../edition.pdf and
 * ../edition.epub when they exist.  So call rdr_write() after the PDF and
 * EPUB stages.
 *
 * edition.json (format 1), every path relative to reader/:
 *   { "format":1, "paper", "date", "weekday", "issue"?, "publisher"?,
 *     "language", "page_width", "page_height" (pt),
 *     "rect_unit":10000,              rects are integers: fraction × 10000
 *                                     of the page width / height
 *     "image_width"?: px of "image"   (each "image2x" is twice as wide): the
 *                                     reader's srcset width descriptors
 *     "calendar"?: "../../../../index.html",   only when archived
 *     "downloads": { "pdf"?: "../edition.pdf", "epub"?: "../edition.epub" },
 *     "pages": [ { "number", "section", "label":"第1版 · 要闻",
 *                  "image"?, "image2x"?, "thumb"?, "articles":[ids] } ],
 *     "articles": [ { "id", "page", "title", "kicker"?, "lead",
 *                     "rects":[ {"page","x","y","w","h"} ],
 *                     "text":"text/<id>.js" } ] }
 * Subtitle, byline, dateline and body are only in the text file.
 */
#pragma once

#include <glib.h>

#include "model/model.h"

#define RDR_DIR        "reader"
#define RDR_RECT_UNIT  10000
#define RDR_TEXT_DIR   "text"                /* in reader/ */
#define RDR_TEXT_CALL  "window.EPAPER_TEXT"  /* what a text file calls */

/* One block rectangle of an article, in points from the page's top-left
 * corner (the page size is in RdrGeometry). */
typedef struct {
  guint  page;             /* 1-based page number */
  double x, y, w, h;       /* pt */
} RdrRect;

typedef struct {
  char   *article_id;      /* owned */
  GArray *rects;           /* of RdrRect, owned */
} RdrArticleGeom;

/* Where each article sits on the pages: filled by the caller from the
 * composer's output. */
typedef struct {
  double     page_width;   /* pt, > 0 */
  double     page_height;  /* pt, > 0 */
  GPtrArray *articles;     /* of RdrArticleGeom *, owned */
  GPtrArray *sections;     /* of char * (owned, NULL = unset), index page-1:
                              the composed pages' 版名 (rdr_geometry_set_page) */
  guint      image_px;     /* width of the page previews p<N>.png in px (their
                              @2x twins are twice that); 0 = unknown */
} RdrGeometry;

/* Returns the text of @art as an XHTML fragment, or NULL for the default,
 * epub_article_xhtml() (the EPUB's article XHTML: one source of truth for
 * article HTML).  The caller of the hook owns the string. */
typedef char *(*RdrArticleHtmlFunc) (const EdArticle *art, gpointer user_data);

typedef struct {
  /* Link back to the archive calendar, relative to reader/index.html
   * ("../../../../index.html" inside ARCHIVE/YYYY/MM/DD/reader/); NULL when
   * the edition is not archived (the link is then omitted). */
  const char *calendar_href;
  /* Optional: replaces epub_article_xhtml() as the source of the article
   * text files (tests); the reader shows and searches that HTML. */
  RdrArticleHtmlFunc article_html;
  gpointer           article_html_data;
} RdrOptions;

/* Returns an empty geometry for pages of @page_width × @page_height pt;
 * caller owns it (rdr_geometry_free). */
RdrGeometry *rdr_geometry_new (double page_width, double page_height);
void         rdr_geometry_free (RdrGeometry *geom);   /* accepts NULL */

/* Appends a rectangle (pt) to article @article_id (copied). */
void rdr_geometry_add_rect (RdrGeometry *geom, const char *article_id,
                            guint page, double x, double y, double w, double h);

/* Declares composed page @page (1-based) with its section name (copied;
 * NULL = the edition's page @page's).  With geometry, the reader shows
 * max(declared pages, pages with rectangles, or else the edition's pages)
 * pages, so a composer that flows articles onto other pages than the
 * model's is shown as composed.  An article's page in edition.json is the
 * first page it has a rectangle on (else the model's); a page's article list
 * holds every article with a rectangle on it, continuations included.
 * Rectangles contained in another rectangle of the same article and page
 * (a module and its columns) are written once, as the outer one. */
void rdr_geometry_set_page (RdrGeometry *geom, guint page, const char *section);

/* Returns the rectangles of @article_id or NULL (borrowed). */
const RdrArticleGeom *rdr_geometry_find (const RdrGeometry *geom,
                                         const char *article_id);

/* Returns a schematic geometry: each page's articles stacked top to bottom
 * below a 10 % masthead band, heights by text length.  For tests and for
 * builds without page composition.  Caller owns the result. */
RdrGeometry *rdr_geometry_new_stacked (const EdEdition *ed, double page_width,
                                       double page_height);

/* Returns edition.json for @ed (compact, deterministic); @out_dir is only
 * looked at for which page images and downloads exist.  @geom and @opts may
 * be NULL (no hotspots, the edition's pages; not archived).  Returns NULL
 * with EB_ERROR_INPUT if the geometry names an unknown article, page 0, or
 * a rectangle outside its page.  Caller owns the string. */
char *rdr_edition_json (const EdEdition *ed, const RdrGeometry *geom,
                        const RdrOptions *opts, const char *out_dir,
                        GError **error);

/* Returns the contents of reader/text/<id>.js for @art:
 * RDR_TEXT_CALL({"id":…,"html":…});  The HTML is the hook's (@opts may be
 * NULL) or epub_article_xhtml()'s.  Caller owns. */
char *rdr_article_text (const EdEdition *ed, const EdArticle *art,
                        const RdrOptions *opts);

/* Writes OUT_DIR/reader/ (see above); every file atomically; .js files in
 * reader/text/ that belong to no article of @ed are removed.  Returns FALSE
 * with EB_ERROR_INPUT (bad geometry, a static file missing in
 * DATA_DIR/reader/) or EB_ERROR_OUTPUT. */
gboolean rdr_write (const EdEdition *ed, const RdrGeometry *geom,
                    const RdrOptions *opts, const char *data_dir,
                    const char *out_dir, GError **error);

/* Sets (or, with @href NULL, removes) the archive calendar link in an
 * already written OUT_DIR/reader/edition.json and edition.js — for the
 * archive, which builds an edition and then stores it at its date.
 * Returns FALSE with EB_ERROR_INPUT (no or bad edition.json) or
 * EB_ERROR_OUTPUT. */
gboolean rdr_set_calendar (const char *out_dir, const char *href, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdrGeometry, rdr_geometry_free)
