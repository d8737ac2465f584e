/* render-pdf.c — composed pages → cairo: PDF and PNG previews.
 *
 * Drawing order per page: rules and furniture (untagged), then every
 * article inside an "Art" structure element, its elements in reading
 * order as "H", "P" or "Figure".  Because each article is drawn whole,
 * text extraction keeps it together.
 */
#include "render/render-pdf.h"
#include "base/dates.h"
#include "base/errors.h"
#include "base/image.h"
#include "base/version.h"
#include "render/render-private.h"

#include <cairo-pdf.h>
#include <hb-subset.h>
#include <math.h>
#include <string.h>

static void
pdf_jpeg_error_exit (j_common_ptr cinfo)
{
  longjmp (((PdfJpegError *) cinfo->err)->jump, 1);
}

static void
pdf_jpeg_silent (j_common_ptr cinfo, int level)
{
  (void) cinfo, (void) level;
}

struct jpeg_error_mgr *
pdf_jpeg_errors (PdfJpegError *e)
{
  jpeg_std_error (&e->pub);
  e->pub.error_exit = pdf_jpeg_error_exit;
  e->pub.emit_message = pdf_jpeg_silent;
  return &e->pub;
}

/* Decodes JPEG @data into an RGB24 surface (libjpeg-turbo writes cairo's
 * pixel layout directly), shrunk by the largest of 1/2, 1/4, 1/8 that
 * keeps it at least @min_w × @min_h pixels (0 × 0: full size).  Grey and RGB
 * JPEGs; NULL for others (CMYK) or broken data. */
static cairo_surface_t *
pdf_decode_jpeg (const unsigned char *data, gsize len, int min_w, int min_h)
{
  struct jpeg_decompress_struct cinfo;
  PdfJpegError jerr;
  cairo_surface_t *volatile s = NULL;
  unsigned char *pixels;
  int stride;

  cinfo.err = pdf_jpeg_errors (&jerr);
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      if (s)
        cairo_surface_destroy (s);
      return NULL;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) len);
  jpeg_read_header (&cinfo, TRUE);
  if (cinfo.jpeg_color_space != JCS_GRAYSCALE && cinfo.jpeg_color_space != JCS_RGB
      && cinfo.jpeg_color_space != JCS_YCbCr)
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  cinfo.out_color_space = JCS_EXT_BGRX;
#else
  cinfo.out_color_space = JCS_EXT_XRGB;
#endif
  cinfo.scale_num = 1;
  cinfo.scale_denom = 1;
  while (cinfo.scale_denom < 8
         && (int) (cinfo.image_width / (cinfo.scale_denom * 2)) >= min_w
         && (int) (cinfo.image_height / (cinfo.scale_denom * 2)) >= min_h)
    cinfo.scale_denom *= 2;
  jpeg_start_decompress (&cinfo);
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) cinfo.output_width,
                                  (int) cinfo.output_height);
  if (cairo_surface_status (s) != CAIRO_STATUS_SUCCESS)
    longjmp (jerr.jump, 1);
  cairo_surface_flush (s);
  pixels = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = pixels + (gsize) cinfo.output_scanline * stride;
      jpeg_read_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  cairo_surface_mark_dirty (s);
  return s;
}

typedef struct {
  const char *data;
  gsize       len, pos;
} PdfPngStream;

static cairo_status_t
pdf_png_read (void *closure, unsigned char *out, unsigned int n)
{
  PdfPngStream *st = closure;

  if (n > st->len - st->pos)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, st->data + st->pos, n);
  st->pos += n;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
pdf_image_pixel_size (const char *path, int *w, int *h)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  EbImageInfo info;

  *w = *h = 0;
  if (!eb_image_read (path, &data, &len, &info, NULL))
    return FALSE;
  *w = (int) info.width;
  *h = (int) info.height;
  return TRUE;
}

/* Loads an image as a cairo surface for painting.  PNG through cairo.  A
 * JPEG: for a PDF (@vector) a surface of its pixel size that carries the
 * JPEG bytes, which the PDF embeds as they are (DCTDecode) without
 * decoding; for previews the decoded pixels, at least @min_w × @min_h
 * (libjpeg's fast 1/2–1/8 scaling), or a grey surface if the JPEG cannot
 * be decoded (CMYK). */
static cairo_surface_t *
pdf_load_image (const char *path, gboolean vector, int min_w, int min_h)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  cairo_surface_t *s = NULL;
  EbImageInfo info;

  /* read as the loader checked it (no link, size and pixel limits) */
  if (!eb_image_read (path, &data, &len, &info, NULL))
    return NULL;
  if (info.format == EB_IMAGE_PNG)
    {
      PdfPngStream st = { data, len, 0 };
      return cairo_image_surface_create_from_png_stream (pdf_png_read, &st);
    }
  if (!vector)
    s = pdf_decode_jpeg ((const unsigned char *) data, len, min_w, min_h);
  if (s)
    return s;
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) info.width, (int) info.height);
  if (cairo_surface_status (s) != CAIRO_STATUS_SUCCESS)
    return s;   /* the caller draws the grey frame; @data is freed here */
  {
    cairo_t *cr = cairo_create (s);
    cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
    cairo_paint (cr);
    cairo_destroy (cr);
  }
  if (vector)
    {
      cairo_surface_set_mime_data (s, CAIRO_MIME_TYPE_JPEG, (const unsigned char *) data, len,
                                   g_free, data);
      data = NULL;  /* the surface owns it now */
    }
  return s;
}

void
pdf_draw_line (cairo_t *cr, const CompLine *cl, const PdfFonts *pf)
{
  const TsLine *line = cl->line;

  for (guint i = 0; i < line->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, i);

      if (run->n_glyphs == 0)
        continue;
      cairo_scaled_font_t *font = pdf_fonts_map (pf, run->font);
      const hb_map_t *gids = font != run->font ? pdf_fonts_glyph_map (font) : NULL;
      cairo_glyph_t stack[128];
      cairo_glyph_t *glyphs = run->glyphs;

      if (gids)
        {
          /* the subset face numbers its glyphs densely */
          glyphs = run->n_glyphs <= (int) G_N_ELEMENTS (stack) ? stack
                                                               : g_new (cairo_glyph_t, run->n_glyphs);
          for (int g = 0; g < run->n_glyphs; g++)
            {
              glyphs[g] = run->glyphs[g];
              glyphs[g].index = hb_map_get (gids, (hb_codepoint_t) run->glyphs[g].index);
            }
        }
      cairo_save (cr);
      cairo_translate (cr, cl->x, cl->y);
      cairo_set_scaled_font (cr, font);
      cairo_show_text_glyphs (cr, run->utf8, run->utf8_len, glyphs, run->n_glyphs,
                              run->clusters, run->n_clusters, run->cluster_flags);
      cairo_restore (cr);
      if (glyphs != run->glyphs && glyphs != stack)
        g_free (glyphs);
    }
}

void
pdf_draw_figure (cairo_t *cr, const CompElem *e)
{
  const CompRect *r = &e->image_rect;
  gboolean vector = cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE;
  double dw = r->width, dh = r->height;
  cairo_surface_t *img;
  double iw, ih;

  /* the box in device pixels: a preview needs no more of a JPEG */
  cairo_user_to_device_distance (cr, &dw, &dh);
  img = pdf_load_image (e->image, vector, (int) ceil (fabs (dw)), (int) ceil (fabs (dh)));

  cairo_save (cr);
  if (!img || cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      /* frame under the picture: visible in previews of JPEG figures */
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
    }
  if (img && cairo_surface_status (img) == CAIRO_STATUS_SUCCESS)
    {
      double scale;

      /* cover the box, centred, cropping what overflows */
      iw = cairo_image_surface_get_width (img);
      ih = cairo_image_surface_get_height (img);
      scale = MAX (r->width / iw, r->height / ih);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_clip (cr);
      cairo_translate (cr, r->x + (r->width - iw * scale) / 2, r->y + (r->height - ih * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_paint (cr);
    }
  cairo_restore (cr);
  if (img)
    cairo_surface_destroy (img);
}

void
pdf_draw_box (cairo_t *cr, const CompElem *e)
{
  if (!e->boxed)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, e->box.x, e->box.y, e->box.width, e->box.height);
  if (e->filled)
    {
      /* a tint under the frame (a picture frame, a badge) */
      cairo_set_source_rgb (cr, e->fill[0], e->fill[1], e->fill[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
    }
  if (e->box_line > 0)
    {
      cairo_set_line_width (cr, e->box_line);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

void
pdf_draw_elem (cairo_t *cr, const CompElem *e, const PdfFonts *pf)
{
  cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
  if (e->image)
    pdf_draw_figure (cr, e);
  pdf_draw_box (cr, e);
  for (guint i = 0; i < e->lines->len; i++)
    pdf_draw_line (cr, &g_array_index (e->lines, CompLine, i), pf);
}

char *
pdf_edition_date (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup ("2000-01-01T00:00:00");
  return g_strdup_printf ("%04u-%02u-%02uT00:00:00", g_date_get_year (&ed->gdate),
                          g_date_get_month (&ed->gdate), g_date_get_day (&ed->gdate));
}

static cairo_status_t
pdf_append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The Info entries cairo writes (pdf_finish() writes them again, with
 * the XMP, from the same PdfMeta). */
static void
pdf_set_metadata (cairo_surface_t *surface, const CompEdition *ce)
{
  PdfMeta m = { 0 };
  g_autofree char *date = pdf_edition_date (ce->ed);

  pdf_meta_init (&m, ce);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, m.title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, m.author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, m.subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, m.keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, m.creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  pdf_meta_clear (&m);
}

/* Bookmarks: one per page that starts an outline entry (every page, or on
 * screens that flow the print page's first screen), one per article part
 * under it (where screens flow, per article); *@id is the entry the
 * articles go under. */
static void
pdf_add_outline (cairo_surface_t *surface, const CompPage *page, int *id)
{
  if (page->outline)
    {
      g_autofree char *link = g_strdup_printf ("page=%u pos=[0 0]", page->number);
      *id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, page->outline, link, 0);
    }
  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);
      g_autofree char *title = a->part > 0 ? g_strdup_printf ("%s（续）", a->article->title)
                                           : g_strdup (a->article->title);
      g_autofree char *pos = g_strdup_printf ("page=%u pos=[%.2f %.2f]", page->number,
                                              a->rect.x, a->rect.y);
      if (a->part > 0 && !page->outline)
        continue;  /* a flowing article's next screen */
      cairo_pdf_surface_add_outline (surface, *id, title, pos, 0);
    }
}

gboolean
pdf_draw_edition (const CompEdition *ce, PdfFonts *fonts, const PdfPress *press,
                  PdfTagInfo *tags, GByteArray *bytes, GError **error)
{
  const CompPage *first = g_ptr_array_index (ce->pages, 0);
  double pad = press ? pdf_press_pad (press) : 0;   /* bleed and marks round the trim */
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int outline = CAIRO_PDF_OUTLINE_ROOT;

  if (fonts)
    pdf_fonts_finish (fonts);
  surface = cairo_pdf_surface_create_for_stream (pdf_append_bytes, bytes, first->width + 2 * pad,
                                                 first->height + 2 * pad);
  pdf_set_metadata (surface, ce);
  cr = cairo_create (surface);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);

      cairo_pdf_surface_set_size (surface, page->width + 2 * pad, page->height + 2 * pad);
      cairo_pdf_surface_set_page_label (surface, page->label);
      pdf_add_outline (surface, page, &outline);
      if (i == 0)
        cairo_tag_begin (cr, "Document", "");   /* open across pages: the tree's root */
      if (press)
        pdf_press_draw_marks (cr, page, press);
      cairo_save (cr);
      cairo_translate (cr, pad, pad);
      pdf_draw_page_tagged (cr, page, fonts, tags);
      cairo_restore (cr);
      if (i + 1 == ce->pages->len)
        cairo_tag_end (cr, "Document");
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "cannot draw the PDF: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
pdf_write_finished (const CompEdition *ce, PdfFonts *fonts, const PdfFinish *fin,
                    const char *path, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GBytes) pdf = NULL;
  PdfTagInfo tags;
  gboolean ok;

  if (ce->pages->len == 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: the edition has no pages", path);
      return FALSE;
    }
  pdf_tag_info_init (&tags);
  ok = pdf_draw_edition (ce, fonts, fin->press, &tags, bytes, error)
       && (pdf = pdf_finish (bytes, ce, &tags, fin, error)) != NULL;
  pdf_tag_info_clear (&tags);
  if (!ok)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return eb_write_file_atomic (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error);
}

gboolean
pdf_write_edition_fonts (const CompEdition *ce, PdfFonts *fonts, const char *path,
                         GError **error)
{
  PdfFinish fin;

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  pdf_finish_archive (&fin);
  return pdf_write_finished (ce, fonts, &fin, path, error);
}

gboolean
pdf_write_edition (const CompEdition *ce, const char *path, GError **error)
{
  g_autoptr (PdfFonts) fonts = NULL;

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  fonts = pdf_fonts_prepare (ce);
  return pdf_write_edition_fonts (ce, fonts, path, error);
}

