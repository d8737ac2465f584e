/* render-press.c — the press PDF (edition-press.pdf) for the printing
 * plant: the pages drawn as for the archive, each with room round its trim
 * for the bleed and crop marks, then converted with qpdf:
 *
 *   - colours: every fill and stroke colour of the content streams becomes
 *     DeviceCMYK: neutral greys and black on the K plate only (no rich
 *     black), the masthead colour the layout's CMYK (press.masthead_cmyk),
 *     any other colour C = 1 − R − K … (K = 1 − max(R, G, B));
 *   - pictures keep their pixels, tagged ICCBased sRGB (the RIP converts
 *     them with the output intent);
 *   - TrimBox (the layout's page), BleedBox (+ press.bleed_mm), crop marks
 *     outside the bleed;
 *   - a PDF/X-4 output intent with the layout's CMYK profile.
 * Pictures below press.min_image_ppi at their placed size are reported.
 */
#include "render/render-pdf.h"
#include "render/render-private.h"
#include "base/errors.h"

#include <math.h>
#include <string.h>

struct _PdfPress {
  const LaySpec *spec;  /* borrowed: the press.* keys */
  qpdf_oh        srgb;  /* the pictures' ICC colour space (in the qpdf session) */
};

/* Two colours closer than this (0..1 per channel) are the same. */
#define PDF_PRESS_COLOR_EPS 0.004

double
pdf_press_pad (const PdfPress *press)
{
  const LaySpec *s = press->spec;

  return MAX (s->press_bleed, s->press_mark_offset + s->press_mark_length);
}

void
pdf_press_draw_marks (cairo_t *cr, const CompPage *page, const PdfPress *press)
{
  const LaySpec *s = press->spec;
  double pad = pdf_press_pad (press), off = s->press_mark_offset, len = s->press_mark_length;
  double xs[2] = { pad, pad + page->width }, ys[2] = { pad, pad + page->height };

  cairo_save (cr);
  cairo_tag_begin (cr, "Private", "");   /* an Artifact (render-tags.c) */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, s->press_mark_width);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      {
        double dx = i ? 1 : -1, dy = j ? 1 : -1;

        /* one horizontal and one vertical mark in line with the trim edges */
        cairo_move_to (cr, xs[i] + dx * off, ys[j]);
        cairo_line_to (cr, xs[i] + dx * (off + len), ys[j]);
        cairo_move_to (cr, xs[i], ys[j] + dy * off);
        cairo_line_to (cr, xs[i], ys[j] + dy * (off + len));
      }
  cairo_stroke (cr);
  cairo_tag_end (cr, "Private");
  cairo_restore (cr);
}

/* @rgb as CMYK on the plates (see the file comment). */
static void
pdf_press_cmyk (const LaySpec *s, const double rgb[3], double cmyk[4])
{
  double k;

  if (fabs (rgb[0] - rgb[1]) < PDF_PRESS_COLOR_EPS && fabs (rgb[1] - rgb[2]) < PDF_PRESS_COLOR_EPS)
    {
      cmyk[0] = cmyk[1] = cmyk[2] = 0;
      cmyk[3] = 1 - rgb[1];
      return;
    }
  if (fabs (rgb[0] - s->masthead_color[0]) < PDF_PRESS_COLOR_EPS
      && fabs (rgb[1] - s->masthead_color[1]) < PDF_PRESS_COLOR_EPS
      && fabs (rgb[2] - s->masthead_color[2]) < PDF_PRESS_COLOR_EPS)
    {
      memcpy (cmyk, s->press_masthead_cmyk, 4 * sizeof (double));
      return;
    }
  k = 1 - MAX (rgb[0], MAX (rgb[1], rgb[2]));
  for (int i = 0; i < 3; i++)
    cmyk[i] = k < 1 ? (1 - rgb[i] - k) / (1 - k) : 0;
  cmyk[3] = k;
}

typedef struct {
  const LaySpec *spec;
} PdfPressRecolor;

/* GRegex callback: "r g b rg" / "v g" → "c m y k k" (K for strokes). */
static gboolean
pdf_press_recolor_cb (const GMatchInfo *m, GString *out, gpointer data)
{
  const PdfPressRecolor *rc = data;
  g_autofree char *lead = g_match_info_fetch (m, 1);
  g_autofree char *a = g_match_info_fetch (m, 2);
  g_autofree char *b = g_match_info_fetch (m, 3);
  g_autofree char *c = g_match_info_fetch (m, 4);
  g_autofree char *op = g_match_info_fetch (m, 5);
  double rgb[3], cmyk[4];
  gboolean grey = *b == '\0';
  char num[4][G_ASCII_DTOSTR_BUF_SIZE];

  rgb[0] = g_ascii_strtod (a, NULL);
  rgb[1] = grey ? rgb[0] : g_ascii_strtod (b, NULL);
  rgb[2] = grey ? rgb[0] : g_ascii_strtod (c, NULL);
  pdf_press_cmyk (rc->spec, rgb, cmyk);
  for (int i = 0; i < 4; i++)
    g_ascii_formatd (num[i], sizeof num[i], "%.4g", fabs (cmyk[i]) < 1e-6 ? 0 : cmyk[i]);
  g_string_append_printf (out, "%s%s %s %s %s %s", lead, num[0], num[1], num[2], num[3],
                          g_ascii_isupper (op[0]) ? "K" : "k");
  return FALSE;
}

/* Rewrites the colour operators of content stream @s. */
static gboolean
pdf_press_recolor_stream (qpdf_data q, qpdf_oh s, GRegex *re, const LaySpec *spec)
{
  unsigned char *buf = NULL;
  size_t len = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  PdfPressRecolor rc = { spec };
  g_autofree char *out = NULL;

  if (qpdf_oh_get_stream_data (q, s, qpdf_dl_generalized, &filtered, &buf, &len) != QPDF_SUCCESS
      || !filtered)
    {
      free (buf);
      return FALSE;
    }
  out = g_regex_replace_eval (re, (const char *) buf, (gssize) len, 0, 0, pdf_press_recolor_cb,
                              &rc, NULL);
  free (buf);
  if (!out)
    return FALSE;
  qpdf_oh_replace_stream_data (q, s, (const unsigned char *) out, strlen (out),
                               qpdf_oh_new_null (q), qpdf_oh_new_null (q));
  return TRUE;
}

/* "[x0 y0 x1 y1]" */
static qpdf_oh
pdf_press_box (qpdf_data q, double x0, double y0, double x1, double y1)
{
  g_autofree char *s = g_strdup_printf ("[%.3f %.3f %.3f %.3f]", x0, y0, x1, y1);

  return qpdf_oh_parse (q, s);
}

/* A transparency group blends in DeviceCMYK (cairo's are DeviceRGB). */
static void
pdf_press_fix_group (qpdf_data q, qpdf_oh dict)
{
  qpdf_oh group = qpdf_oh_get_key (q, dict, "/Group");

  if (qpdf_oh_is_dictionary (q, group) && qpdf_oh_has_key (q, group, "/CS"))
    qpdf_oh_replace_key (q, group, "/CS", qpdf_oh_new_name (q, "/DeviceCMYK"));
}

/* Every object: forms recoloured, RGB pictures tagged sRGB. */
static gboolean
pdf_press_fix_objects (qpdf_data q, const PdfPress *press, GRegex *re)
{
  int size = qpdf_oh_get_int_value_as_int (q, qpdf_oh_get_key (q, qpdf_get_trailer (q), "/Size"));

  for (int id = 1; id < size; id++)
    {
      qpdf_oh o = qpdf_get_object_by_id (q, id, 0);
      qpdf_oh dict, sub;

      if (!qpdf_oh_is_stream (q, o))
        continue;
      dict = qpdf_oh_get_dict (q, o);
      sub = qpdf_oh_get_key (q, dict, "/Subtype");
      if (!qpdf_oh_is_name (q, sub))
        continue;
      if (strcmp (qpdf_oh_get_name (q, sub), "/Form") == 0)
        {
          pdf_press_fix_group (q, dict);
          if (!pdf_press_recolor_stream (q, o, re, press->spec))
            return FALSE;
        }
      if (strcmp (qpdf_oh_get_name (q, sub), "/Image") == 0
          && qpdf_oh_is_name (q, qpdf_oh_get_key (q, dict, "/ColorSpace"))
          && strcmp (qpdf_oh_get_name (q, qpdf_oh_get_key (q, dict, "/ColorSpace")),
                     "/DeviceRGB") == 0)
        qpdf_oh_replace_key (q, dict, "/ColorSpace", press->srgb);
    }
  return TRUE;
}

gboolean
pdf_press_fix (qpdf_data q, const CompEdition *ce, const PdfPress *press_in, GError **error)
{
  PdfPress press = *press_in;
  const LaySpec *s = press.spec;
  double pad = pdf_press_pad (&press), b = s->press_bleed;
  g_autoptr (GRegex) re = g_regex_new ("(^|\\s)(-?[0-9]*\\.?[0-9]+)\\s+(?:(-?[0-9]*\\.?[0-9]+)\\s+"
                                       "(-?[0-9]*\\.?[0-9]+)\\s+)?(rg|RG|g|G)(?=\\s|$)",
                                       G_REGEX_RAW | G_REGEX_MULTILINE, 0, NULL);
  qpdf_oh icc = pdf_icc_stream (q, pdf_srgb_profile (), 3, error);

  if (!icc)
    return FALSE;
  press.srgb = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, press.srgb, qpdf_oh_new_name (q, "/ICCBased"));
  qpdf_oh_append_item (q, press.srgb, icc);
  for (guint p = 0; p < ce->pages->len && (int) p < qpdf_get_num_pages (q); p++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, p);
      qpdf_oh po = qpdf_get_page_n (q, p);
      qpdf_oh contents = qpdf_oh_get_key (q, po, "/Contents");

      pdf_press_fix_group (q, po);
      qpdf_oh_replace_key (q, po, "/TrimBox",
                           pdf_press_box (q, pad, pad, pad + page->width, pad + page->height));
      qpdf_oh_replace_key (q, po, "/BleedBox",
                           pdf_press_box (q, pad - b, pad - b, pad + page->width + b,
                                          pad + page->height + b));
      if (qpdf_oh_is_stream (q, contents) && !pdf_press_recolor_stream (q, contents, re, s))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "page %u: cannot convert its colours",
                       page->number);
          return FALSE;
        }
    }
  if (!pdf_press_fix_objects (q, &press, re))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "cannot convert the colours of a form");
      return FALSE;
    }
  return TRUE;
}

/* Reports every picture below the layout's resolution at its placed size
 * (cover scaling: the picture's pixels over the box it fills). */
static void
pdf_press_warn_images (const CompEdition *ce, GPtrArray *warnings)
{
  const LaySpec *s = ce->spec;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < page->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (page->articles, j);

          for (guint k = 0; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              int w = 0, h = 0;
              double ppi;

              if (!e->image || !pdf_image_pixel_size (e->image, &w, &h)
                  || e->image_rect.width <= 0 || e->image_rect.height <= 0)
                continue;
              /* the picture covers its box: the scale of the side that fills it */
              ppi = MIN (w / (e->image_rect.width / 72), h / (e->image_rect.height / 72));
              if (ppi < s->press_min_ppi)
                g_ptr_array_add (warnings,
                                 g_strdup_printf ("%s: page %u: picture %s (%d × %d px) prints at "
                                                  "%.0f ppi at its placed size (%.0f × %.0f mm), "
                                                  "under %.0f ppi", ce->ed->dir ? ce->ed->dir
                                                  : ce->ed->paper, page->number, e->image, w, h,
                                                  ppi, e->image_rect.width * 25.4 / 72,
                                                  e->image_rect.height * 25.4 / 72,
                                                  s->press_min_ppi));
            }
        }
    }
}

gboolean
pdf_write_press (const CompEdition *ce, PdfFonts *fonts, const char *path, GPtrArray *warnings,
                 GError **error)
{
  PdfPress press = { ce->spec, 0 };
  PdfFinish fin = { 0 };

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  if (warnings)
    pdf_press_warn_images (ce, warnings);
  fin.pdfx_version = "PDF/X-4";
  fin.intent_profile = ce->spec->press_profile;
  fin.intent_components = 4;
  fin.intent_subtype = "/GTS_PDFX";
  fin.intent_condition = ce->spec->press_condition;
  fin.pdf_version = "1.6";
  fin.press = &press;
  return pdf_write_finished (ce, fonts, &fin, path, error);
}
