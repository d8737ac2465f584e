/* render-pdf.c — composed pages → cairo: PDF and PNG previews.
 *
 * Drawing order per page: rules and furniture (untagged), then every
 * article inside an "Art" structure element, its elements in reading
 * order as "H", "P" or "Figure".  Because each article is drawn whole,
 * text extraction keeps it together.
 */
#include "render-pdf.h"
#include "errors.h"
#include "version.h"

#include <cairo-pdf.h>
#include <string.h>

/* Loads an image as a cairo surface for painting: PNG through cairo; a
 * JPEG becomes a grey surface of its size carrying the JPEG data, which
 * the PDF embeds as is (DCTDecode); previews show the grey frame. */
static cairo_surface_t *
pdf_load_image (const char *path, gboolean *is_jpeg)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  cairo_surface_t *s;
  int w = 0, h = 0;

  *is_jpeg = FALSE;
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    return cairo_image_surface_create_from_png (path);
  if (!g_file_get_contents (path, &data, &len, NULL) || len < 4)
    return NULL;
  for (gsize i = 2; (guchar) data[0] == 0xFF && (guchar) data[1] == 0xD8 && i + 9 < len;)
    {
      guchar m = (guchar) data[i + 1];
      if ((guchar) data[i] != 0xFF)
        break;
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
        {
          h = ((guchar) data[i + 5] << 8) | (guchar) data[i + 6];
          w = ((guchar) data[i + 7] << 8) | (guchar) data[i + 8];
          break;
        }
      i += 2 + (((guchar) data[i + 2] << 8) | (guchar) data[i + 3]);
    }
  if (w <= 0 || h <= 0)
    return NULL;
  /* previews show the picture's place in grey; the PDF uses the JPEG */
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  {
    cairo_t *cr = cairo_create (s);
    cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
    cairo_paint (cr);
    cairo_destroy (cr);
  }
  *is_jpeg = TRUE;
  cairo_surface_set_mime_data (s, CAIRO_MIME_TYPE_JPEG, (const unsigned char *) data, len,
                               g_free, data);
  data = NULL;  /* the surface owns it now */
  return s;
}

static void
pdf_draw_line (cairo_t *cr, const CompLine *cl)
{
  const TsLine *line = cl->line;

  for (guint i = 0; i < line->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, i);

      if (run->n_glyphs == 0)
        continue;
      cairo_save (cr);
      cairo_translate (cr, cl->x, cl->y);
      cairo_set_scaled_font (cr, run->font);
      cairo_show_text_glyphs (cr, run->utf8, run->utf8_len, run->glyphs, run->n_glyphs,
                              run->clusters, run->n_clusters, run->cluster_flags);
      cairo_restore (cr);
    }
}

static void
pdf_draw_figure (cairo_t *cr, const CompElem *e)
{
  const CompRect *r = &e->image_rect;
  gboolean jpeg = FALSE;
  cairo_surface_t *img = pdf_load_image (e->image, &jpeg);
  double iw, ih;

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

static void
pdf_draw_elem (cairo_t *cr, const CompElem *e)
{
  cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
  if (e->image)
    pdf_draw_figure (cr, e);
  if (e->boxed)
    {
      cairo_save (cr);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, e->box.x, e->box.y, e->box.width, e->box.height);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < e->lines->len; i++)
    pdf_draw_line (cr, &g_array_index (e->lines, CompLine, i));
}

static const char *
pdf_tag_name (CompElemKind kind)
{
  switch (kind)
    {
    case COMP_ELEM_HEADING:
      return "H";
    case COMP_ELEM_FIGURE:
      return "Figure";
    case COMP_ELEM_PARAGRAPH:
    default:
      return "P";
    }
}

static void
pdf_draw_tagged_elem (cairo_t *cr, const CompElem *e)
{
  g_autofree char *dest = NULL;
  g_autofree char *link = NULL;

  cairo_tag_begin (cr, pdf_tag_name (e->kind), "");
  if (e->dest)
    {
      dest = g_strdup_printf ("name='%s' x=%.2f y=%.2f", e->dest, e->dest_x, e->dest_y);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    }
  if (e->link_dest && e->lines->len > 0)
    {
      link = g_strdup_printf ("dest='%s'", e->link_dest);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }
  pdf_draw_elem (cr, e);
  if (link)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
  if (dest)
    cairo_tag_end (cr, CAIRO_TAG_DEST);
  cairo_tag_end (cr, pdf_tag_name (e->kind));
}

void
pdf_draw_page (cairo_t *cr, const CompEdition *ce, const CompPage *page)
{
  g_return_if_fail (cr != NULL && ce != NULL && page != NULL);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < page->rules->len; i++)
    {
      const CompRule *r = &g_array_index (page->rules, CompRule, i);

      cairo_set_source_rgb (cr, r->rgb[0], r->rgb[1], r->rgb[2]);
      cairo_set_line_width (cr, r->width);
      cairo_move_to (cr, r->x0, r->y0);
      cairo_line_to (cr, r->x1, r->y1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < page->furniture->len; i++)
    pdf_draw_elem (cr, g_ptr_array_index (page->furniture, i));
  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);

      cairo_tag_begin (cr, "Art", "");
      for (guint j = 0; j < a->elems->len; j++)
        pdf_draw_tagged_elem (cr, g_ptr_array_index (a->elems, j));
      cairo_tag_end (cr, "Art");
    }
  cairo_restore (cr);
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

static void
pdf_set_metadata (cairo_surface_t *surface, const CompEdition *ce)
{
  const EdEdition *ed = ce->ed;
  g_autofree char *date = pdf_edition_date (ed);
  g_autofree char *title = g_strdup_printf ("%s %s", ed->paper, ed->date);
  g_autofree char *subject = g_strdup_printf ("%s %s%s%s 电子版", ed->paper, ed->date,
                                              ed->issue ? " 第" : "",
                                              ed->issue ? ed->issue : "");
  GString *keywords = g_string_new (ed->paper);

  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *p = g_ptr_array_index (ed->pages, i);
      if (!strstr (keywords->str, p->section))
        g_string_append_printf (keywords, ", %s", p->section);
    }
  if (ed->issue)
    g_free (subject), subject = g_strdup_printf ("%s %s 第%s期 电子版", ed->paper, ed->date,
                                                 ed->issue);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  ed->publisher ? ed->publisher : ed->paper);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords->str);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "epaper " EPAPER_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  g_string_free (keywords, TRUE);
}

/* Bookmarks: one per page, one per article part under it. */
static void
pdf_add_outline (cairo_surface_t *surface, const CompPage *page)
{
  g_autofree char *name = g_strdup_printf ("%s %s", page->label, page->section);
  g_autofree char *link = g_strdup_printf ("page=%u pos=[0 0]", page->number);
  int id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, name, link, 0);

  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);
      g_autofree char *title = a->part > 0 ? g_strdup_printf ("%s（续）", a->article->title)
                                           : g_strdup (a->article->title);
      g_autofree char *pos = g_strdup_printf ("page=%u pos=[%.2f %.2f]", page->number,
                                              a->rect.x, a->rect.y);
      cairo_pdf_surface_add_outline (surface, id, title, pos, 0);
    }
}

gboolean
pdf_write_edition (const CompEdition *ce, const char *path, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const CompPage *first;

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  if (ce->pages->len == 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: the edition has no pages", path);
      return FALSE;
    }
  first = g_ptr_array_index (ce->pages, 0);
  surface = cairo_pdf_surface_create_for_stream (pdf_append_bytes, bytes, first->width,
                                                 first->height);
  pdf_set_metadata (surface, ce);
  cr = cairo_create (surface);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      cairo_pdf_surface_set_page_label (surface, page->label);
      pdf_add_outline (surface, page);
      pdf_draw_page (cr, ce, page);
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
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot draw the PDF: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return eb_write_file_atomic (path, bytes->data, bytes->len, error);
}

gboolean
pdf_write_page_png (const CompEdition *ce, guint number, int width_px, const char *path,
                    GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  const CompPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double scale;
  int height_px;

  g_return_val_if_fail (ce != NULL && path != NULL && width_px > 0, FALSE);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, FALSE);
  page = g_ptr_array_index (ce->pages, number - 1);
  scale = width_px / page->width;
  height_px = (int) (page->height * scale + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, height_px);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  pdf_draw_page (cr, ce, page);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, pdf_append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot draw the page: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return eb_write_file_atomic (path, bytes->data, bytes->len, error);
}
