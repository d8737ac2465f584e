/* render-private.h — the functions the files of the render stage share
 * (render-pdf.c draws and writes the PDF, render-fonts.c cuts the font
 * subsets, render-previews.c writes the PNG previews).  Only files of
 * builder/render/ include this header. */
#pragma once

#include <cairo.h>
#include <hb.h>

#include "render/render-pdf.h"

/* render-fonts.c */
/* Waits for the subset work of @pf and makes the replacement fonts. */
void                 pdf_fonts_finish    (PdfFonts *pf);
/* The font to draw @sf with: its subset replacement, or @sf itself. */
cairo_scaled_font_t *pdf_fonts_map       (const PdfFonts *pf, cairo_scaled_font_t *sf);
/* The original → subset glyph id map of a replacement @font from
 * pdf_fonts_map(), or NULL when its glyph ids are the original ones. */
const hb_map_t      *pdf_fonts_glyph_map (cairo_scaled_font_t *font);
