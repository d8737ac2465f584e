/* archive-index.c — static HTML pages of the archive: ROOT/index.html
 * (editions by year and month as calendars) and one page per edition.
 * Polyglot markup (HTML5 that is also well-formed XML), no scripts, relative
 * links only, so it works from file:// and from any static web server.
 * Written with the XML writer (base/xml.h): every value from a manifest is
 * escaped where it is written, text or attribute. */
#include "archive/archive-private.h"
#include "base/dates.h"
#include "base/xml.h"

#include <string.h>

static const char arc_css[] =
  "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;margin:0 auto;"
  "max-width:60em;padding:0 1em 2em;line-height:1.6;color:#222;background:#fdfcf8}"
  "h1{font-size:1.6em;border-bottom:3px double #a00;padding:.4em 0}"
  "h2{font-size:1.3em;border-bottom:1px solid #ccc}h3{font-size:1.1em}"
  "a{color:#a00;text-decoration:none}a:hover{text-decoration:underline}"
  "nav a{margin-right:.8em}"
  ".months{display:flex;flex-wrap:wrap;gap:1em}"
  ".month{flex:1 1 16em;max-width:22em}"
  "table.cal{border-collapse:collapse;width:100%;text-align:center}"
  "table.cal th,table.cal td{padding:.2em;border:1px solid #e4e0d8}"
  "table.cal td.has a{display:block;background:#a00;color:#fff;font-weight:bold}"
  "ul.editions,ul.pages{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}"
  "ul.editions li,ul.pages li{flex:0 1 12em;border:1px solid #e4e0d8;padding:.5em;background:#fff}"
  "img{max-width:100%;height:auto;border:1px solid #ccc}"
  ".meta{color:#666;font-size:.9em}"
  "strong,.meta,h1,h2{unicode-bidi:isolate}"
  "@media (max-width:30em){body{padding:0 .5em}ul.editions li,ul.pages li{flex:1 1 100%}}";

static const char *const arc_weekday_short[] = { "", "一", "二", "三", "四", "五", "六", "日" };

static void
arc_html_nl (XmlWriter *w)
{
  xml_writer_raw (w, "\n");
}

/* A new page: doctype, <html>, <head> with @title; <head> stays open. */
static XmlWriter *
arc_html_open (const char *title, const char *lang)
{
  XmlWriter *w = xml_writer_new (XML_MODE_XML);

  lang = lang ? lang : "zh-CN";
  xml_writer_raw (w, "<!DOCTYPE html>\n");
  xml_writer_start (w, "html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", lang,
                    "xml:lang", lang, NULL);
  arc_html_nl (w);
  xml_writer_start (w, "head", NULL);
  arc_html_nl (w);
  xml_writer_empty (w, "meta", "charset", "utf-8", NULL);
  arc_html_nl (w);
  xml_writer_empty (w, "meta", "name", "viewport", "content",
                    "width=device-width, initial-scale=1", NULL);
  arc_html_nl (w);
  xml_writer_element (w, "title", title, NULL);
  arc_html_nl (w);
  xml_writer_start (w, "style", NULL);
  xml_writer_raw (w, arc_css);   /* constant: CSS is raw text in HTML */
  xml_writer_end (w);
  arc_html_nl (w);
  return w;
}

/* Closes </body></html> and returns the page; caller owns. */
static char *
arc_html_finish (XmlWriter *w)
{
  xml_writer_end (w);   /* body */
  arc_html_nl (w);
  xml_writer_end (w);   /* html */
  arc_html_nl (w);
  return xml_writer_finish (w, NULL);
}

static GDate
arc_gdate (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  eb_date_parse (date, &d);
  return d;
}

/* "2025年2月18日 星期二" */
static char *
arc_date_label (const char *date)
{
  GDate d = arc_gdate (date);
  g_autofree char *day = eb_date_text (&d);

  return g_strdup_printf ("%s %s", day, eb_weekday_name (&d));
}

/* ------------------------------------------------------------ edition page */

static void
arc_html_link (XmlWriter *w, const char *prefix, const char *file, const char *type,
               const char *label)
{
  g_autofree char *href = g_strconcat (prefix, file, NULL);

  xml_writer_raw (w, " ");
  xml_writer_element (w, "a", label, "href", href, "type", type, NULL);
}

static void
arc_html_edition_links (XmlWriter *w, const ArcManifest *m, const char *prefix)
{
  if (arc_manifest_find_file (m, ARC_READER_PAGE))
    arc_html_link (w, prefix, ARC_READER_PAGE, NULL, "在线阅读");
  if (arc_manifest_find_file (m, BUILD_PDF_NAME))
    arc_html_link (w, prefix, BUILD_PDF_NAME, "application/pdf", "PDF");
  if (arc_manifest_find_file (m, BUILD_EPUB_NAME))
    arc_html_link (w, prefix, BUILD_EPUB_NAME, "application/epub+zip", "EPUB");
}

static void
arc_html_page_articles (XmlWriter *w, const ArcManifest *m, guint number)
{
  gboolean any = FALSE;

  for (guint i = 0; i < m->articles->len; i++)
    {
      const ArcArticle *a = m->articles->pdata[i];
      if (a->page != number)
        continue;
      if (!any)
        {
          xml_writer_start (w, "ul", "class", "articles", NULL);
          arc_html_nl (w);
        }
      any = TRUE;
      xml_writer_start (w, "li", NULL);
      if (a->kicker)
        {
          xml_writer_element (w, "span", a->kicker, "class", "meta", NULL);
          xml_writer_empty (w, "br", NULL);
        }
      xml_writer_element (w, "strong", a->title, NULL);
      if (a->subtitle)
        {
          xml_writer_empty (w, "br", NULL);
          xml_writer_element (w, "span", a->subtitle, "class", "meta", NULL);
        }
      xml_writer_end (w);
      arc_html_nl (w);
    }
  if (any)
    {
      xml_writer_end (w);
      arc_html_nl (w);
    }
}

/* "第7612期 · " or "". */
static char *
arc_issue_prefix (const ArcManifest *m)
{
  return m->issue ? g_strdup_printf ("第%s期 · ", m->issue) : g_strdup ("");
}

static void
arc_html_edition_page (XmlWriter *w, const ArcManifest *m, const ArcPage *p, gboolean pdf)
{
  g_autofree char *id = g_strdup_printf ("p%u", p->number);
  g_autofree char *head = g_strdup_printf ("第%u版%s%s", p->number, *p->section ? " " : "",
                                           p->section);
  g_autofree char *alt = g_strdup_printf ("第%u版 %s", p->number, p->section);

  xml_writer_start (w, "section", "id", id, NULL);
  arc_html_nl (w);
  xml_writer_element (w, "h2", head, NULL);
  arc_html_nl (w);
  if (p->thumb)
    {
      const char *target = p->image ? p->image : pdf ? BUILD_PDF_NAME : p->thumb;
      xml_writer_start (w, "p", NULL);
      xml_writer_start (w, "a", "href", target, NULL);
      xml_writer_empty (w, "img", "src", p->thumb, "alt", alt, NULL);
      xml_writer_end (w);
      xml_writer_end (w);
      arc_html_nl (w);
    }
  arc_html_page_articles (w, m, p->number);
  xml_writer_end (w);
  arc_html_nl (w);
}

char *
arc_index_edition_html (const ArcManifest *m)
{
  g_autofree char *label = arc_date_label (m->date);
  g_autofree char *title = g_strdup_printf ("%s %s", m->paper, label);
  g_autofree char *issue = arc_issue_prefix (m);
  g_autofree char *counts = g_strdup_printf ("%s%u版 · %u篇文章", issue, m->pages->len,
                                             m->articles->len);
  gboolean pdf = arc_manifest_find_file (m, BUILD_PDF_NAME) != NULL;
  XmlWriter *w = arc_html_open (title, m->language);

  xml_writer_end (w);   /* head */
  arc_html_nl (w);
  xml_writer_start (w, "body", NULL);
  arc_html_nl (w);
  xml_writer_start (w, "p", NULL);
  xml_writer_element (w, "a", "← 存档首页", "href", "../../../index.html", NULL);
  xml_writer_end (w);
  arc_html_nl (w);
  xml_writer_element (w, "h1", title, NULL);
  arc_html_nl (w);
  xml_writer_start (w, "p", "class", "meta", NULL);
  xml_writer_text (w, counts);
  arc_html_edition_links (w, m, "");
  xml_writer_end (w);
  arc_html_nl (w);
  for (guint i = 0; i < m->pages->len; i++)
    arc_html_edition_page (w, m, m->pages->pdata[i], pdf);
  return arc_html_finish (w);
}

/* ------------------------------------------------------------ archive index */

/* One month's calendar: Monday-first weeks, dates with an edition linked. */
static void
arc_html_calendar (XmlWriter *w, GHashTable *by_date, int year, int month)
{
  GDate first;
  guint days = g_date_get_days_in_month (month, year);
  guint lead;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  lead = g_date_get_weekday (&first) - 1;
  xml_writer_start (w, "table", "class", "cal", NULL);
  arc_html_nl (w);
  xml_writer_start (w, "thead", NULL);
  xml_writer_start (w, "tr", NULL);
  for (int d = 1; d <= 7; d++)
    xml_writer_element (w, "th", arc_weekday_short[d], NULL);
  xml_writer_end (w);
  xml_writer_end (w);
  arc_html_nl (w);
  xml_writer_start (w, "tbody", NULL);
  arc_html_nl (w);
  xml_writer_start (w, "tr", NULL);
  for (guint i = 0; i < lead; i++)
    xml_writer_element (w, "td", "", NULL);
  for (guint d = 1; d <= days; d++)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02u", year, month, d);
      g_autofree char *num = g_strdup_printf ("%u", d);
      if (g_hash_table_contains (by_date, date))
        {
          g_autofree char *href = g_strdup_printf ("%04d/%02d/%02u/index.html", year, month, d);
          xml_writer_start (w, "td", "class", "has", NULL);
          xml_writer_element (w, "a", num, "href", href, NULL);
          xml_writer_end (w);
        }
      else
        xml_writer_element (w, "td", num, NULL);
      if ((lead + d) % 7 == 0 && d < days)
        {
          xml_writer_end (w);
          arc_html_nl (w);
          xml_writer_start (w, "tr", NULL);
        }
    }
  for (guint i = (lead + days) % 7; i != 0 && i < 7; i++)
    xml_writer_element (w, "td", "", NULL);
  xml_writer_end (w);   /* tr */
  arc_html_nl (w);
  xml_writer_end (w);   /* tbody */
  arc_html_nl (w);
  xml_writer_end (w);   /* table */
  arc_html_nl (w);
}

static void
arc_html_edition_card (XmlWriter *w, const ArcManifest *m)
{
  g_autofree char *rel = arc_date_rel_dir (m->date);
  g_autofree char *label = arc_date_label (m->date);
  g_autofree char *prefix = g_strconcat (rel, "/", NULL);
  g_autofree char *page = g_strconcat (rel, "/index.html", NULL);
  g_autofree char *id = g_strconcat ("e", m->date, NULL);
  g_autofree char *issue = arc_issue_prefix (m);
  g_autofree char *meta = g_strdup_printf ("%s%u版", issue, m->pages->len);
  const ArcPage *p1 = m->pages->len ? m->pages->pdata[0] : NULL;

  xml_writer_start (w, "li", "id", id, NULL);
  if (p1 && p1->thumb)
    {
      g_autofree char *src = g_strconcat (prefix, p1->thumb, NULL);
      g_autofree char *alt = g_strconcat (label, " 第1版", NULL);
      xml_writer_start (w, "a", "href", page, NULL);
      xml_writer_empty (w, "img", "src", src, "alt", alt, NULL);
      xml_writer_end (w);
      xml_writer_empty (w, "br", NULL);
    }
  xml_writer_element (w, "a", label, "href", page, NULL);
  xml_writer_empty (w, "br", NULL);
  xml_writer_element (w, "strong", arc_manifest_headline (m), NULL);
  xml_writer_empty (w, "br", NULL);
  xml_writer_element (w, "span", meta, "class", "meta", NULL);
  arc_html_edition_links (w, m, prefix);
  xml_writer_end (w);
  arc_html_nl (w);
}

/* The editions of one month, newest first: calendar and cards. */
static void
arc_html_month (XmlWriter *w, const GPtrArray *manifests, guint from, guint to,
                GHashTable *by_date)
{
  const ArcManifest *m0 = manifests->pdata[from];
  GDate d = arc_gdate (m0->date);
  int y = g_date_get_year (&d), mon = g_date_get_month (&d);
  g_autofree char *id = g_strdup_printf ("m%04d-%02d", y, mon);
  g_autofree char *head = g_strdup_printf ("%d年%d月", y, mon);

  xml_writer_start (w, "section", "class", "month", "id", id, NULL);
  arc_html_nl (w);
  xml_writer_element (w, "h3", head, NULL);
  arc_html_nl (w);
  arc_html_calendar (w, by_date, y, mon);
  xml_writer_start (w, "ul", "class", "editions", NULL);
  arc_html_nl (w);
  for (guint i = to; i-- > from; )
    arc_html_edition_card (w, manifests->pdata[i]);
  xml_writer_end (w);
  arc_html_nl (w);
  xml_writer_end (w);
  arc_html_nl (w);
}

static const char *
arc_date_of (const GPtrArray *manifests, guint i)
{
  return ((const ArcManifest *) manifests->pdata[i])->date;
}

/* Years, newest first, each with its months newest first. */
static void
arc_html_years (XmlWriter *w, const GPtrArray *manifests, GHashTable *by_date)
{
  xml_writer_start (w, "nav", NULL);
  for (guint i = manifests->len; i-- > 0; )
    {
      const char *date = arc_date_of (manifests, i);
      if (i + 1 == manifests->len || strncmp (date, arc_date_of (manifests, i + 1), 4))
        {
          g_autofree char *href = g_strdup_printf ("#y%.4s", date);
          g_autofree char *label = g_strdup_printf ("%.4s年", date);
          xml_writer_element (w, "a", label, "href", href, NULL);
        }
    }
  xml_writer_end (w);
  arc_html_nl (w);
  for (guint end = manifests->len; end > 0; )
    {
      const char *date = arc_date_of (manifests, end - 1);
      g_autofree char *id = g_strdup_printf ("y%.4s", date);
      g_autofree char *head = g_strdup_printf ("%.4s年", date);
      guint start = end;

      xml_writer_start (w, "section", "id", id, NULL);
      arc_html_nl (w);
      xml_writer_element (w, "h2", head, NULL);
      arc_html_nl (w);
      xml_writer_start (w, "div", "class", "months", NULL);
      arc_html_nl (w);
      while (start > 0 && !strncmp (arc_date_of (manifests, start - 1), date, 4))
        {
          guint mend = start;
          const char *mdate = arc_date_of (manifests, mend - 1);
          while (start > 0 && !strncmp (arc_date_of (manifests, start - 1), mdate, 7))
            start--;
          arc_html_month (w, manifests, start, mend, by_date);
        }
      xml_writer_end (w);
      arc_html_nl (w);
      xml_writer_end (w);
      arc_html_nl (w);
      end = start;
    }
}

gboolean
arc_index_write (ArcArchive *arc, const GPtrArray *manifests, GError **error)
{
  g_autoptr (GHashTable) by_date = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = g_build_filename (arc->root, ARC_INDEX_NAME, NULL);
  const ArcManifest *newest = manifests->len ? manifests->pdata[manifests->len - 1] : NULL;
  g_autofree char *title = g_strdup_printf ("%s 电子版存档", newest ? newest->paper : "");
  g_autofree char *count = g_strdup_printf ("共%u期 · ", manifests->len);
  g_autofree char *html = NULL;
  XmlWriter *w;

  for (guint i = 0; i < manifests->len; i++)
    g_hash_table_add (by_date, ((ArcManifest *) manifests->pdata[i])->date);
  w = arc_html_open (title, newest ? newest->language : "zh-CN");
  xml_writer_empty (w, "link", "rel", "alternate", "type",
                    "application/atom+xml;profile=opds-catalog;kind=navigation",
                    "href", ARC_OPDS_NAME, "title", "OPDS", NULL);
  arc_html_nl (w);
  xml_writer_end (w);   /* head */
  arc_html_nl (w);
  xml_writer_start (w, "body", NULL);
  arc_html_nl (w);
  xml_writer_element (w, "h1", title, NULL);
  arc_html_nl (w);
  xml_writer_start (w, "p", "class", "meta", NULL);
  xml_writer_text (w, count);
  xml_writer_element (w, "a", "OPDS 目录", "href", ARC_OPDS_NAME, NULL);
  xml_writer_end (w);
  arc_html_nl (w);
  if (!manifests->len)
    {
      xml_writer_element (w, "p", "尚无存档。", NULL);
      arc_html_nl (w);
    }
  arc_html_years (w, manifests, by_date);
  html = arc_html_finish (w);
  return arc_write_text (path, html, error);
}
