/* epub-cover.c — a typographic cover when no front-page preview exists. */
#include "epub/epub-private.h"
#include "base/dates.h"
#include "base/errors.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#define EPUB_COVER_MARGIN  72.0
/* Drawn in a 900×1200 design space, written at 600×800: enough for a
 * thumbnail and a cover page, and a third of the bytes. */
#define EPUB_COVER_SCALE   (2.0 / 3.0)
/* A face of the cover: family and OpenType weight. */
typedef struct {
  const char *family;
  int         weight;
} EpubCoverFace;

typedef struct {
  cairo_t      *cr;
  PangoContext *context;
  double        y;          /* top of the next line of text */
  EpubCoverFace masthead;   /* the paper's name */
  EpubCoverFace heading;    /* 第N版 section */
  EpubCoverFace body;       /* article titles */
  EpubCoverFace folio;      /* date line */
} EpubCover;

/* Takes the faces from the font roles, or Noto CJK without them. */
static void
epub_cover_faces (EpubCover *c, const FontsSetup *fonts)
{
  if (!fonts)
    {
      c->masthead = (EpubCoverFace) { "Noto Serif CJK SC", 900 };
      c->heading = (EpubCoverFace) { "Noto Sans CJK SC", 700 };
      c->body = (EpubCoverFace) { "Noto Serif CJK SC", 400 };
      c->folio = (EpubCoverFace) { "Noto Sans CJK SC", 400 };
      return;
    }
  c->masthead = (EpubCoverFace) { fonts->roles[TS_ROLE_MASTHEAD].family,
                                  fonts->roles[TS_ROLE_MASTHEAD].weight };
  c->heading = (EpubCoverFace) { fonts->roles[TS_ROLE_HEADING].family,
                                 fonts->roles[TS_ROLE_HEADING].weight };
  c->body = (EpubCoverFace) { fonts->roles[TS_ROLE_BODY].family,
                              fonts->roles[TS_ROLE_BODY].weight };
  c->folio = (EpubCoverFace) { fonts->roles[TS_ROLE_FOLIO].family,
                               fonts->roles[TS_ROLE_FOLIO].weight };
}

/* Draws @text (plain text, never markup) centred or left-aligned in the
 * column at cover->y, at most @max_lines lines, and advances y. */
static void
epub_cover_text (EpubCover *c, const char *text, const EpubCoverFace *face,
                 double size_px, guint32 rgb,
                 PangoAlignment align, double indent, int max_lines)
{
  g_autoptr (PangoLayout) layout = pango_layout_new (c->context);
  PangoFontDescription *desc = pango_font_description_new ();
  double width = EPUB_COVER_WIDTH - 2 * EPUB_COVER_MARGIN - indent;
  int w = 0, h = 0;

  pango_font_description_set_family (desc, face->family);
  pango_font_description_set_weight (desc, (PangoWeight) face->weight);
  pango_font_description_set_absolute_size (desc, size_px * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (c->cr, ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_move_to (c->cr, EPUB_COVER_MARGIN + indent, c->y);
  pango_cairo_show_layout (c->cr, layout);
  pango_layout_get_pixel_size (layout, &w, &h);
  c->y += h;
}

static void
epub_cover_rule (EpubCover *c, double thickness, guint32 rgb)
{
  cairo_set_source_rgb (c->cr, ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_rectangle (c->cr, EPUB_COVER_MARGIN, c->y,
                   EPUB_COVER_WIDTH - 2 * EPUB_COVER_MARGIN, thickness);
  cairo_fill (c->cr);
  c->y += thickness;
}

/* The date line: "2025年2月18日　星期二　第7612期". */
static char *
epub_cover_dateline (const EdEdition *ed)
{
  GString *s = g_string_new (NULL);

  g_autofree char *day = eb_date_text (&ed->gdate);

  g_string_append_printf (s, "%s　%s", day, eb_weekday_name (&ed->gdate));
  if (ed->issue && *ed->issue)
    g_string_append_printf (s, "　第%s期", ed->issue);
  return g_string_free (s, FALSE);
}

/* Approximate heights of a page heading and of a title line (design px). */
#define EPUB_COVER_HEAD_H   74.0
#define EPUB_COVER_TITLE_H  50.0

/* The list of pages with their first articles' titles: as many titles per
 * page as let every page appear (at least the lead title). */
static void
epub_cover_pages (EpubCover *c, const EdEdition *ed)
{
  const double bottom = EPUB_COVER_HEIGHT - EPUB_COVER_MARGIN;
  guint n = MAX (ed->pages->len, 1);
  double room = bottom - c->y - n * EPUB_COVER_HEAD_H;
  guint per_page = room > 0 ? (guint) (room / (n * EPUB_COVER_TITLE_H)) : 0;

  per_page = MAX (per_page, 1);
  for (guint i = 0; i < ed->pages->len && c->y + EPUB_COVER_HEAD_H < bottom; i++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, i);
      g_autofree char *head = g_strdup_printf ("第%u版　%s", page->number, page->section);

      c->y += 18;
      epub_cover_text (c, head, &c->heading, 34, 0xb5121b,
                       PANGO_ALIGN_LEFT, 0, 1);
      c->y += 6;
      for (guint j = 0; j < page->articles->len && j < per_page
                        && c->y + EPUB_COVER_TITLE_H < bottom; j++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, j);

          epub_cover_text (c, art->title, &c->body, 30,
                           0x222222, PANGO_ALIGN_LEFT, 34, 1);
          c->y += 6;
        }
    }
}

static void
epub_cover_draw (EpubCover *c, const EdEdition *ed)
{
  g_autofree char *dateline = epub_cover_dateline (ed);

  cairo_set_source_rgb (c->cr, 1, 1, 1);
  cairo_paint (c->cr);
  c->y = EPUB_COVER_MARGIN;
  epub_cover_text (c, ed->paper, &c->masthead, 120, 0xc8102e,
                   PANGO_ALIGN_CENTER, 0, 1);
  c->y += 24;
  epub_cover_rule (c, 6, 0xc8102e);
  c->y += 4;
  epub_cover_rule (c, 2, 0xc8102e);
  c->y += 20;
  epub_cover_text (c, dateline, &c->folio, 30, 0x222222,
                   PANGO_ALIGN_CENTER, 0, 1);
  if (ed->publisher && *ed->publisher)
    {
      g_autofree char *pub = g_strdup_printf ("%s主办", ed->publisher);

      c->y += 8;
      epub_cover_text (c, pub, &c->folio, 24, 0x555555,
                       PANGO_ALIGN_CENTER, 0, 1);
    }
  c->y += 20;
  epub_cover_rule (c, 2, 0x222222);
  c->y += 10;
  epub_cover_pages (c, ed);
}

static cairo_status_t
epub_cover_png_chunk (void *closure, const unsigned char *data, unsigned int len)
{
  g_byte_array_append ((GByteArray *) closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
epub_cover_render (const EdEdition *ed, const FontsSetup *fonts, GError **error)
{
  cairo_surface_t *surface;
  cairo_font_options_t *fopts;
  PangoFontMap *fontmap;
  EpubCover c = { 0 };
  GByteArray *png = g_byte_array_new ();
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (EPUB_COVER_WIDTH * EPUB_COVER_SCALE),
                                        (int) (EPUB_COVER_HEIGHT * EPUB_COVER_SCALE));
  c.cr = cairo_create (surface);
  cairo_scale (c.cr, EPUB_COVER_SCALE, EPUB_COVER_SCALE);
  epub_cover_faces (&c, fonts);
  fontmap = pango_cairo_font_map_new ();
  if (fonts)
    pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (fontmap), fonts->config);
  c.context = pango_font_map_create_context (fontmap);
  /* Fixed rendering options: the PNG must not depend on desktop settings. */
  fopts = cairo_font_options_create ();
  cairo_font_options_set_antialias (fopts, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (fopts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (fopts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (c.context, fopts);
  cairo_font_options_destroy (fopts);
  pango_cairo_update_context (c.cr, c.context);
  epub_cover_draw (&c, ed);
  status = cairo_status (c.cr);
  cairo_destroy (c.cr);
  g_object_unref (c.context);
  g_object_unref (fontmap);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, epub_cover_png_chunk, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "cover image: %s",
                   cairo_status_to_string (status));
      g_byte_array_unref (png);
      return NULL;
    }
  return g_byte_array_free_to_bytes (png);
}
