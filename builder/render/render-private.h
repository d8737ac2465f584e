/* render-private.h — the functions the files of the render stage share
 * (render-pdf.c draws and writes the PDF, render-fonts.c cuts the font
 * subsets, render-previews.c writes the PNG previews).  Only files of
 * builder/render/ include this header. */
#pragma once

#include <cairo.h>
#include <hb.h>
#include <qpdf/qpdf-c.h>
#include <setjmp.h>
#include <stdio.h>  /* before jpeglib.h */
#include <jpeglib.h>

#include "render/render-pdf.h"

/* render-pdf.c: libjpeg reports errors through error_exit, which must not
 * return: pdf_jpeg_errors() makes it jump to @e->jump (set it with
 * setjmp) and drops warnings; returns &e->pub for cinfo.err. */
typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
} PdfJpegError;

struct jpeg_error_mgr *pdf_jpeg_errors (PdfJpegError *e);

/* render-fonts.c */
/* The font to draw @sf with: its subset replacement, or @sf itself. */
cairo_scaled_font_t *pdf_fonts_map       (const PdfFonts *pf, cairo_scaled_font_t *sf);
/* The original → subset glyph id map of a replacement @font from
 * pdf_fonts_map(), or NULL when its glyph ids are the original ones. */
const hb_map_t      *pdf_fonts_glyph_map (cairo_scaled_font_t *font);

/* render-pdf.c: drawing */
/* Draws one placed line with the subset fonts of @pf (NULL: as typeset). */
void pdf_draw_line   (cairo_t *cr, const CompLine *cl, const PdfFonts *pf);
/* Draws a figure's picture into its image_rect (cover, centred). */
void pdf_draw_figure (cairo_t *cr, const CompElem *e);
/* Draws an element untagged: its colour, picture, frame and lines. */
void pdf_draw_elem   (cairo_t *cr, const CompElem *e, const PdfFonts *pf);
/* @e's box, if it has one: a tint, then its frame line. */
void pdf_draw_box    (cairo_t *cr, const CompElem *e);

/* render-tags.c: the structure tree.
 *
 * cairo 1.16 writes structure elements from nested tags, but no Artifact,
 * no /Alt, no /Lang, and an element per tag: so the page furniture is
 * drawn in a "Private" element (later marked content /Artifact), every
 * article part in its own "Art", and pdf_tags_fix() rewrites cairo's tree
 * after it: furniture out of the tree, one Art per article (the parts of
 * a continued article joined in the first), /Alt on every Figure. */
typedef struct {
  GPtrArray *alts;   /* char *, owned: the Figure elements' alt texts, in drawing order */
  GPtrArray *arts;   /* const EdArticle *: the article of each Art, in drawing order */
} PdfTagInfo;

void pdf_tag_info_init  (PdfTagInfo *info);
void pdf_tag_info_clear (PdfTagInfo *info);
/* Draws @page: furniture and rules (one "Private" element), then each
 * article part in an "Art" element: headline group as P (引题, 副题) and H1
 * (主题) — a continuation's repeated head as "Private" —, subheads H2,
 * text P, pictures Figure with their caption as a Caption.  @info (may be
 * NULL) collects what pdf_tags_fix() needs. */
void pdf_draw_page_tagged (cairo_t *cr, const CompPage *page, const PdfFonts *pf,
                           PdfTagInfo *info);
/* Rewrites cairo's structure tree in @q (see above); FALSE if it is not
 * the tree cairo writes for pdf_draw_page_tagged() inside a "Document". */
gboolean pdf_tags_fix (qpdf_data q, const PdfTagInfo *info);

/* render-meta.c: the document's metadata, one source for Info and XMP. */
typedef struct {
  char *title, *author, *subject, *keywords, *source, *creator, *producer;
  char *language;
  char *xmp_date;    /* "2025-02-19T00:00:00+08:00" */
  char *info_date;   /* "D:20250219000000+08'00'" */
} PdfMeta;

void pdf_meta_init  (PdfMeta *m, const CompEdition *ce);
void pdf_meta_clear (PdfMeta *m);

typedef struct _PdfPress PdfPress;

/* What pdf_finish() adds and claims. */
typedef struct {
  guint       pdfa_part;          /* 2: claim PDF/A-2 (and PDF/UA-1); 0: none */
  const char *pdfa_conformance;   /* "A" */
  const char *pdfx_version;       /* "PDF/X-4", or NULL */
  const char *intent_profile;     /* ICC file of the output intent, or NULL */
  int         intent_components;  /* 3 RGB, 4 CMYK */
  const char *intent_subtype;     /* "/GTS_PDFA1", "/GTS_PDFX" */
  const char *intent_condition;   /* OutputConditionIdentifier */
  const char *pdf_version;        /* force this header version, or NULL */
  const PdfPress *press;          /* the press conversion (render-press.c), or NULL */
} PdfFinish;

/* The archival PDF's claims: PDF/A-2a + PDF/UA-1 with an sRGB intent
 * (none without Debian's sRGB profile). */
void     pdf_finish_archive (PdfFinish *fin);
/* Debian's sRGB profile (icc-profiles-free). */
const char *pdf_srgb_profile (void);
/* An ICC profile stream of @components channels from @path; 0 with
 * EB_ERROR_INPUT if it cannot be read. */
qpdf_oh  pdf_icc_stream (qpdf_data q, const char *path, int components, GError **error);
/* cairo's PDF → the PDF written: structure tree fixed (@tags, may be
 * NULL), press conversion, Info and XMP, /Lang, intent, /ID. */
GBytes  *pdf_finish (const GByteArray *cairo_pdf, const CompEdition *ce,
                     const PdfTagInfo *tags, const PdfFinish *fin, GError **error);

/* render-press.c */
/* Converts the pages of @q for the press: boxes, colours (see render-press.c). */
gboolean pdf_press_fix (qpdf_data q, const CompEdition *ce, const PdfPress *press,
                        GError **error);
/* The bleed and mark area round each trimmed page, pt. */
double   pdf_press_pad        (const PdfPress *press);
/* Crop marks (and nothing else) round @page's trim, as furniture. */
void     pdf_press_draw_marks (cairo_t *cr, const CompPage *page, const PdfPress *press);

/* render-pdf.c */
/* Draws every page of @ce into a cairo PDF appended to @bytes, inside a
 * "Document" element; with @press each page is pdf_press_pad() larger on
 * every side and has crop marks.  @tags (may be NULL) collects the tree's
 * data. */
gboolean pdf_draw_edition (const CompEdition *ce, PdfFonts *fonts, const PdfPress *press,
                           PdfTagInfo *tags, GByteArray *bytes, GError **error);
/* Draws the edition (with fin->press, for the press), finishes it with
 * pdf_finish() and writes it to @path (temporary file + rename). */
gboolean pdf_write_finished (const CompEdition *ce, PdfFonts *fonts, const PdfFinish *fin,
                             const char *path, GError **error);
/* The pixel size of a PNG or JPEG file; FALSE if it is neither or unreadable. */
gboolean pdf_image_pixel_size (const char *path, int *w, int *h);
