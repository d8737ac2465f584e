/* render-pdf.h — draws composed pages with cairo: the print PDF (tagged,
 * with metadata, page labels, outline and jump links) and PNG previews
 * and thumbnails, all from the same drawing code (pdf_draw_page).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "compose.h"

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

/* Renders page @page (1-based) as a PNG @width_px pixels wide to @path
 * (temporary file + rename). */
gboolean pdf_write_page_png (const CompEdition *ce, guint page, int width_px,
                             const char *path, GError **error);

/* Renders page @number once at @width_px and writes it to @path, and a
 * @thumb_px wide thumbnail scaled from the same image to @thumb_path. */
gboolean pdf_write_page_previews (const CompEdition *ce, guint number, int width_px,
                                  const char *path, int thumb_px, const char *thumb_path,
                                  GError **error);

/* The PDF metadata date for the edition: "2025-02-18T00:00:00+08:00";
 * caller owns it. */
char    *pdf_edition_date   (const EdEdition *ed);
