/* render-pdf.h — draws composed pages with cairo: the print PDF (tagged,
 * with metadata, page labels, outline and jump links) and PNG previews
 * and thumbnails, all from the same drawing code (pdf_draw_page).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "compose/compose.h"

/* Draws page @page of @ce on @cr in page units (pt, origin top left),
 * article by article with structure tags (Art, H, P, Figure), links and
 * destinations; tags are no-ops on non-PDF surfaces. */
void     pdf_draw_page      (cairo_t *cr, const CompEdition *ce, const CompPage *page);

/* Writes the whole edition as a PDF to @path (through a temporary file
 * renamed into place).  Metadata come from the edition (dates from the
 * edition date, never the clock), so the same sources give the same bytes.
 * Fails with EB_ERROR_OUTPUT (cannot write) or EB_ERROR_INPUT (an image
 * cannot be read). */
gboolean pdf_write_edition  (const CompEdition *ce, const char *path, GError **error);

/* The edition's fonts cut down to the glyphs it uses (harfbuzz-subset), for
 * the PDF.  pdf_fonts_prepare() collects the glyphs and starts the subset
 * work on worker threads, then returns: the caller may draw previews
 * meanwhile; pdf_write_edition_fonts() waits for it.  NULL if FreeType
 * cannot start (the PDF then embeds whole fonts). */
typedef struct _PdfFonts PdfFonts;

PdfFonts *pdf_fonts_prepare       (const CompEdition *ce);
/* Waits for the subset work and makes the subset faces (once; NULL is
 * ignored).  The previews draw with them too: the same outlines, read from
 * the small subsets instead of the font files (which glyph loading maps in
 * 64 KB at a time: two mappings of every CJK font file cost ~15 MiB of
 * peak RSS).  Call it before @fonts is drawn with on two threads. */
void      pdf_fonts_finish        (PdfFonts *fonts);
/* Waits for unfinished work, then frees @fonts (NULL is ignored). */
void      pdf_fonts_free          (PdfFonts *fonts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfFonts, pdf_fonts_free)

/* pdf_write_edition() with fonts from pdf_fonts_prepare() of the same
 * @ce (borrowed; NULL: whole fonts). */
gboolean  pdf_write_edition_fonts (const CompEdition *ce, PdfFonts *fonts, const char *path,
                                   GError **error);

/* The press PDF for the printing plant (render-press.c): the pages with
 * bleed and crop marks (TrimBox and BleedBox from the layout's press.*
 * keys), colours in DeviceCMYK — text and rules on the K plate only, the
 * masthead in the layout's CMYK —, pictures as ICCBased sRGB, a PDF/X-4
 * output intent with the layout's CMYK profile.  Appends to @warnings (may
 * be NULL) a line for every picture under press.min_image_ppi at its
 * placed size.  @fonts as for pdf_write_edition_fonts(). */
gboolean  pdf_write_press (const CompEdition *ce, PdfFonts *fonts, const char *path,
                           GPtrArray *warnings, GError **error);

/* Page @page (1-based) drawn @width_px wide with @fonts (NULL: the
 * typeset fonts) as JPEG bytes (caller owns; an EPUB cover); NULL with
 * EB_ERROR_OUTPUT if it cannot be drawn. */
GBytes  *pdf_page_jpeg_bytes (const CompEdition *ce, PdfFonts *fonts, guint page, int width_px,
                              GError **error);

/* Page preview sets for screens, all from one drawing per page:
 *   DIR/p<N>.png        @width_px wide (1×)
 *   DIR/p<N>@2x.jpg     exactly twice the 1× width and height (2×, drawn):
 *                       JPEG when the page has colour (the masthead, photos),
 *   DIR/p<N>@2x.png     else grey PNG (the other one is removed)
 *   DIR/p<N>-thumb.png  @thumb_px wide, scaled from the 1× image
 * The 1× image is the 2× drawing averaged 2 × 2.  Pages are drawn on the
 * calling thread; the encodes run on worker threads (GThreadPool), one
 * page's images in memory at a time.  Bytes depend on the pixels only:
 * same edition → same files.  @dir must exist. */
typedef struct _PdfPreviews PdfPreviews;

/* A preview writer into @dir drawing with @fonts (borrowed; NULL: the
 * typeset fonts); free with pdf_previews_free(). */
PdfPreviews *pdf_previews_new      (const char *dir, int width_px, int thumb_px, PdfFonts *fonts);
/* Also writes page 1 scaled to @width_px wide to @path as JPEG (an EPUB
 * cover). */
void         pdf_previews_set_cover (PdfPreviews *pv, const char *path, int width_px);
/* Draws page @number (1-based) of @ce and queues its three PNGs; may wait
 * for an earlier page's files and then report their error. */
gboolean     pdf_previews_add_page (PdfPreviews *pv, const CompEdition *ce, guint number,
                                    GError **error);
/* Waits until every queued PNG is written; FALSE with the first error (in
 * page order) if one failed (EB_ERROR_OUTPUT). */
gboolean     pdf_previews_finish   (PdfPreviews *pv, GError **error);
/* Waits for queued work, then frees @pv (NULL is ignored). */
void         pdf_previews_free     (PdfPreviews *pv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfPreviews, pdf_previews_free)

/* new + add_page for every page + finish. */
gboolean     pdf_write_previews    (const CompEdition *ce, const char *dir, int width_px,
                                    int thumb_px, GError **error);

/* The PDF metadata date for the edition: "2025-02-18T00:00:00+08:00";
 * caller owns it. */
char    *pdf_edition_date   (const EdEdition *ed);
