/* render-meta.c — what cairo 1.16 cannot write, added after it with qpdf
 * (libqpdf's C API): the structure tree rewrite (render-tags.c), /Lang, XMP
 * metadata consistent with the Info dictionary, viewer preferences, link
 * annotations that print and say where they go, an output intent, a trailer
 * /ID from the content (qpdf's deterministic ID) — so the same sources give
 * the same bytes.  The press PDF's boxes, colours and PDF/X intent are in
 * render-press.c.
 */
#include "render/render-private.h"
#include "base/dates.h"
#include "base/errors.h"
#include "base/version.h"
#include "base/xml.h"

#include <string.h>

/* The sRGB profile of the archival PDF's output intent (PDF/A: the pages
 * paint in DeviceRGB): Debian's icc-profiles-free (zlib licence). */
#define PDF_SRGB_PROFILE     "/usr/share/color/icc/sRGB.icc"
#define PDF_SRGB_CONDITION   "sRGB IEC61966-2.1"
/* The time zone of an edition's date (the paper's: China Standard Time). */
#define PDF_DATE_ZONE_HOURS  8

void
pdf_meta_init (PdfMeta *m, const CompEdition *ce)
{
  const EdEdition *ed = ce->ed;
  GString *keywords = g_string_new (ed->paper);

  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *p = g_ptr_array_index (ed->pages, i);
      if (!strstr (keywords->str, p->section))
        g_string_append_printf (keywords, ", %s", p->section);
    }
  m->title = eb_edition_title (ed->paper, &ed->gdate);
  m->author = g_strdup (ed->publisher && *ed->publisher ? ed->publisher : ed->paper);
  m->subject = ed->issue ? g_strdup_printf ("%s 第%s期 电子版", m->title, ed->issue)
                         : g_strdup_printf ("%s 电子版", m->title);
  m->keywords = g_string_free (keywords, FALSE);
  m->source = ed->issue ? g_strdup_printf ("%s 第%s期", ed->paper, ed->issue) : g_strdup (ed->paper);
  m->creator = g_strdup ("epaper " EPAPER_VERSION);
  m->producer = g_strdup_printf ("epaper %s (cairo %s, qpdf %s)", EPAPER_VERSION,
                                 cairo_version_string (), qpdf_get_qpdf_version ());
  m->language = g_strdup (ed->language && *ed->language ? ed->language : "zh-CN");
  if (g_date_valid (&ed->gdate))
    {
      guint y = g_date_get_year (&ed->gdate), mo = g_date_get_month (&ed->gdate);
      guint d = g_date_get_day (&ed->gdate);

      m->xmp_date = g_strdup_printf ("%04u-%02u-%02uT00:00:00+%02d:00", y, mo, d,
                                     PDF_DATE_ZONE_HOURS);
      m->info_date = g_strdup_printf ("D:%04u%02u%02u000000+%02d'00'", y, mo, d,
                                      PDF_DATE_ZONE_HOURS);
    }
  else
    {
      m->xmp_date = g_strdup ("2000-01-01T00:00:00Z");
      m->info_date = g_strdup ("D:20000101000000Z");
    }
}

void
pdf_meta_clear (PdfMeta *m)
{
  g_free (m->title);
  g_free (m->author);
  g_free (m->subject);
  g_free (m->keywords);
  g_free (m->source);
  g_free (m->creator);
  g_free (m->producer);
  g_free (m->language);
  g_free (m->xmp_date);
  g_free (m->info_date);
}

/* <name><rdf:Alt|Seq|Bag><rdf:li …>text</rdf:li></…></name> */
static void
pdf_xmp_list (GString *x, const char *name, const char *kind, const char *text,
              gboolean lang)
{
  g_autofree char *esc = xml_escape (text, -1);

  g_string_append_printf (x, "   <%s><rdf:%s><rdf:li%s>%s</rdf:li></rdf:%s></%s>\n", name, kind,
                          lang ? " xml:lang=\"x-default\"" : "", esc, kind, name);
}

static void
pdf_xmp_prop (GString *x, const char *name, const char *text)
{
  g_autofree char *esc = xml_escape (text, -1);

  g_string_append_printf (x, "   <%s>%s</%s>\n", name, esc, name);
}

/* The XMP packet: the Info dictionary's entries in their XMP properties
 * (PDF/A's equivalence), language, source and the conformance claims. */
static char *
pdf_xmp (const PdfMeta *m, const PdfFinish *fin)
{
  GString *x = g_string_new ("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                             " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                             "  <rdf:Description rdf:about=\"\""
                             " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                             " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                             " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");

  if (fin->pdfa_part)
    g_string_append (x, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
                        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
  if (fin->pdfx_version)
    g_string_append (x, " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"");
  g_string_append (x, ">\n");
  pdf_xmp_list (x, "dc:title", "Alt", m->title, TRUE);
  pdf_xmp_list (x, "dc:creator", "Seq", m->author, FALSE);
  pdf_xmp_list (x, "dc:description", "Alt", m->subject, TRUE);
  pdf_xmp_list (x, "dc:language", "Bag", m->language, FALSE);
  pdf_xmp_list (x, "dc:publisher", "Bag", m->author, FALSE);
  pdf_xmp_prop (x, "dc:source", m->source);
  pdf_xmp_prop (x, "dc:format", "application/pdf");
  pdf_xmp_prop (x, "pdf:Keywords", m->keywords);
  pdf_xmp_prop (x, "pdf:Producer", m->producer);
  if (fin->pdfx_version)
    pdf_xmp_prop (x, "pdf:Trapped", "False");
  pdf_xmp_prop (x, "xmp:CreatorTool", m->creator);
  pdf_xmp_prop (x, "xmp:CreateDate", m->xmp_date);
  pdf_xmp_prop (x, "xmp:ModifyDate", m->xmp_date);
  pdf_xmp_prop (x, "xmp:MetadataDate", m->xmp_date);
  if (fin->pdfa_part)
    {
      g_string_append_printf (x, "   <pdfaid:part>%u</pdfaid:part>\n", fin->pdfa_part);
      pdf_xmp_prop (x, "pdfaid:conformance", fin->pdfa_conformance);
      g_string_append (x, "   <pdfuaid:part>1</pdfuaid:part>\n");
    }
  if (fin->pdfx_version)
    pdf_xmp_prop (x, "pdfxid:GTS_PDFXVersion", fin->pdfx_version);
  g_string_append (x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
  return g_string_free (x, FALSE);
}

/* The XMP metadata stream (qpdf leaves /Type /Metadata streams
 * uncompressed: PDF/A wants them readable as text). */
static qpdf_oh
pdf_xmp_stream (qpdf_data q, const char *xmp)
{
  qpdf_oh s = qpdf_oh_new_stream (q);
  qpdf_oh dict = qpdf_oh_get_dict (q, s);

  qpdf_oh_replace_stream_data (q, s, (const unsigned char *) xmp, strlen (xmp),
                               qpdf_oh_new_null (q), qpdf_oh_new_null (q));
  qpdf_oh_replace_key (q, dict, "/Type", qpdf_oh_new_name (q, "/Metadata"));
  qpdf_oh_replace_key (q, dict, "/Subtype", qpdf_oh_new_name (q, "/XML"));
  return s;
}

qpdf_oh
pdf_icc_stream (qpdf_data q, const char *path, int components, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  qpdf_oh s;

  if (!g_file_get_contents (path, &data, &len, NULL) || len < 128)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot read the ICC profile", path);
      return 0;
    }
  s = qpdf_oh_new_stream (q);
  qpdf_oh_replace_stream_data (q, s, (const unsigned char *) data, len, qpdf_oh_new_null (q),
                               qpdf_oh_new_null (q));
  qpdf_oh_replace_key (q, qpdf_oh_get_dict (q, s), "/N", qpdf_oh_new_integer (q, components));
  return s;
}

/* Info entries equal to the XMP (they replace cairo's). */
static void
pdf_set_info (qpdf_data q, const PdfMeta *m, const PdfFinish *fin)
{
  qpdf_oh info = qpdf_oh_get_key (q, qpdf_get_trailer (q), "/Info");
  const char *const keys[] = { "/Title", "/Author", "/Subject", "/Keywords", "/Creator",
                               "/Producer", "/CreationDate", "/ModDate" };
  const char *const values[] = { m->title, m->author, m->subject, m->keywords, m->creator,
                                 m->producer, m->info_date, m->info_date };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    qpdf_oh_replace_key (q, info, keys[i], qpdf_oh_new_unicode_string (q, values[i]));
  if (fin->pdfx_version)
    {
      qpdf_oh_replace_key (q, info, "/Trapped", qpdf_oh_new_name (q, "/False"));
      qpdf_oh_replace_key (q, info, "/GTS_PDFXVersion",
                           qpdf_oh_new_unicode_string (q, fin->pdfx_version));
    }
}

/* Link annotations print (PDF/A: the Print flag) and say where they go
 * (PDF/UA: /Contents); pages with annotations tab in structure order. */
static void
pdf_fix_annotations (qpdf_data q, const CompEdition *ce)
{
  int pages = qpdf_get_num_pages (q);

  for (int p = 0; p < pages; p++)
    {
      qpdf_oh page = qpdf_get_page_n (q, (size_t) p);
      qpdf_oh annots = qpdf_oh_get_key (q, page, "/Annots");
      int n = qpdf_oh_is_array (q, annots) ? qpdf_oh_get_array_n_items (q, annots) : 0;

      if (n > 0)
        qpdf_oh_replace_key (q, page, "/Tabs", qpdf_oh_new_name (q, "/S"));
      for (int i = 0; i < n; i++)
        {
          qpdf_oh a = qpdf_oh_get_array_item (q, annots, i);
          qpdf_oh dest = qpdf_oh_get_key (q, a, "/Dest");
          g_autofree char *text = NULL;
          int target = -1;

          qpdf_oh_replace_key (q, a, "/F", qpdf_oh_new_integer (q, 4));
          if (qpdf_oh_is_array (q, dest) && qpdf_oh_get_array_n_items (q, dest) > 0)
            target = qpdf_find_page_by_oh (q, qpdf_oh_get_array_item (q, dest, 0));
          if (target >= 0 && (guint) target < ce->pages->len)
            text = g_strdup_printf ("转到%s",
                                    ((const CompPage *) ce->pages->pdata[target])->label);
          qpdf_oh_replace_key (q, a, "/Contents",
                               qpdf_oh_new_unicode_string (q, text ? text : "链接"));
        }
    }
}

/* Catalog entries: /Lang, XMP, title shown, output intent. */
static gboolean
pdf_set_catalog (qpdf_data q, const PdfMeta *m, const PdfFinish *fin, GError **error)
{
  qpdf_oh root = qpdf_get_root (q);
  g_autofree char *xmp = pdf_xmp (m, fin);

  qpdf_oh_replace_key (q, root, "/Metadata", pdf_xmp_stream (q, xmp));
  qpdf_oh_replace_key (q, root, "/Lang", qpdf_oh_new_unicode_string (q, m->language));
  qpdf_oh_replace_key (q, root, "/ViewerPreferences",
                       qpdf_oh_parse (q, "<< /DisplayDocTitle true >>"));
  if (fin->intent_profile)
    {
      qpdf_oh icc = pdf_icc_stream (q, fin->intent_profile, fin->intent_components, error);
      qpdf_oh intent;

      if (!icc)
        return FALSE;
      intent = qpdf_oh_parse (q, "<< /Type /OutputIntent >>");
      qpdf_oh_replace_key (q, intent, "/S", qpdf_oh_new_name (q, fin->intent_subtype));
      qpdf_oh_replace_key (q, intent, "/OutputConditionIdentifier",
                           qpdf_oh_new_unicode_string (q, fin->intent_condition));
      qpdf_oh_replace_key (q, intent, "/Info", qpdf_oh_new_unicode_string (q, fin->intent_condition));
      qpdf_oh_replace_key (q, intent, "/RegistryName",
                           qpdf_oh_new_string (q, "http://www.color.org"));
      qpdf_oh_replace_key (q, intent, "/DestOutputProfile", icc);
      qpdf_oh_replace_key (q, root, "/OutputIntents", qpdf_oh_wrap_in_array (q, intent));
    }
  return TRUE;
}

/* qpdf's first error (or warning) as a GError. */
static gboolean
pdf_qpdf_fail (qpdf_data q, const char *what, GError **error)
{
  qpdf_error e = qpdf_has_error (q) ? qpdf_get_error (q) : NULL;

  g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: %s", what,
               e ? qpdf_get_error_full_text (q, e) : "qpdf failed");
  return FALSE;
}

GBytes *
pdf_finish (const GByteArray *cairo_pdf, const CompEdition *ce, const PdfTagInfo *tags,
            const PdfFinish *fin, GError **error)
{
  qpdf_data q = qpdf_init ();
  PdfMeta m = { 0 };
  GBytes *out = NULL;

  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  pdf_meta_init (&m, ce);
  if (qpdf_read_memory (q, "cairo", (const char *) cairo_pdf->data, cairo_pdf->len, NULL)
      & QPDF_ERRORS)
    pdf_qpdf_fail (q, "cannot read cairo's PDF", error);
  else if (tags && !pdf_tags_fix (q, tags))
    g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "cannot rewrite the structure tree");
  else if (fin->press && !pdf_press_fix (q, ce, fin->press, error))
    ;
  else if (pdf_set_catalog (q, &m, fin, error))
    {
      pdf_set_info (q, &m, fin);
      pdf_fix_annotations (q, ce);
      qpdf_init_write_memory (q);
      qpdf_set_deterministic_ID (q, QPDF_TRUE);
      qpdf_set_compress_streams (q, QPDF_TRUE);
      qpdf_set_decode_level (q, qpdf_dl_generalized);
      qpdf_set_object_stream_mode (q, qpdf_o_disable);
      if (fin->pdf_version)
        qpdf_force_pdf_version (q, fin->pdf_version);
      if (qpdf_write (q) & QPDF_ERRORS)
        pdf_qpdf_fail (q, "cannot write the PDF", error);
      else
        out = g_bytes_new (qpdf_get_buffer (q), qpdf_get_buffer_length (q));
    }
  pdf_meta_clear (&m);
  qpdf_cleanup (&q);
  return out;
}

void
pdf_finish_archive (PdfFinish *fin)
{
  memset (fin, 0, sizeof *fin);
  fin->pdfa_part = 2;
  fin->pdfa_conformance = "A";
  if (g_file_test (PDF_SRGB_PROFILE, G_FILE_TEST_IS_REGULAR))
    {
      fin->intent_profile = PDF_SRGB_PROFILE;
      fin->intent_components = 3;
      fin->intent_subtype = "/GTS_PDFA1";
      fin->intent_condition = PDF_SRGB_CONDITION;
    }
  else
    fin->pdfa_part = 0;   /* no output intent: no PDF/A claim */
}

const char *
pdf_srgb_profile (void)
{
  return PDF_SRGB_PROFILE;
}
