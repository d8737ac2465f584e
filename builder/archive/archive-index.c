/* archive-index.c — static HTML pages of the archive: ROOT/index.html
 * (editions by year and month as calendars) and one page per edition.
 * Polyglot markup (HTML5 that is also well-formed XML), no scripts, relative
 * links only, so it works from file:// and from any static web server. */
#include "archive/archive-private.h"
#include "base/dates.h"

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
  "@media (max-width:30em){body{padding:0 .5em}ul.editions li,ul.pages li{flex:1 1 100%}}";

static const char *const arc_weekday_short[] = { "", "一", "二", "三", "四", "五", "六", "日" };

/* Writes the document head: @title is already escaped. */
static void
arc_html_open (GString *s, const char *title_esc, const char *lang)
{
  g_autofree char *lang_esc = arc_esc (lang ? lang : "zh-CN");

  g_string_append_printf (s,
                          "<!DOCTYPE html>\n"
                          "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\" xml:lang=\"%s\">\n"
                          "<head>\n<meta charset=\"utf-8\"/>\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                          "<title>%s</title>\n<style>%s</style>\n",
                          lang_esc, lang_esc, title_esc, arc_css);
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
arc_html_edition_links (GString *s, const ArcManifest *m, const char *prefix)
{
  if (arc_manifest_find_file (m, ARC_READER_PAGE))
    g_string_append_printf (s, " <a href=\"%s" ARC_READER_PAGE "\">在线阅读</a>", prefix);
  if (arc_manifest_find_file (m, BUILD_PDF_NAME))
    g_string_append_printf (s, " <a href=\"%s" BUILD_PDF_NAME "\" type=\"application/pdf\">PDF</a>",
                            prefix);
  if (arc_manifest_find_file (m, BUILD_EPUB_NAME))
    g_string_append_printf (s, " <a href=\"%s" BUILD_EPUB_NAME "\" type=\"application/epub+zip\">EPUB</a>",
                            prefix);
}

static void
arc_html_page_articles (GString *s, const ArcManifest *m, guint number)
{
  gboolean any = FALSE;

  for (guint i = 0; i < m->articles->len; i++)
    {
      const ArcArticle *a = m->articles->pdata[i];
      g_autofree char *title = NULL;
      if (a->page != number)
        continue;
      if (!any)
        g_string_append (s, "<ul class=\"articles\">\n");
      any = TRUE;
      title = arc_esc (a->title);
      g_string_append (s, "<li>");
      if (a->kicker)
        {
          g_autofree char *k = arc_esc (a->kicker);
          g_string_append_printf (s, "<span class=\"meta\">%s</span><br/>", k);
        }
      g_string_append_printf (s, "<strong>%s</strong>", title);
      if (a->subtitle)
        {
          g_autofree char *sub = arc_esc (a->subtitle);
          g_string_append_printf (s, "<br/><span class=\"meta\">%s</span>", sub);
        }
      g_string_append (s, "</li>\n");
    }
  if (any)
    g_string_append (s, "</ul>\n");
}

char *
arc_index_edition_html (const ArcManifest *m)
{
  GString *s = g_string_new (NULL);
  g_autofree char *label = arc_date_label (m->date);
  g_autofree char *paper = arc_esc (m->paper);
  g_autofree char *title = g_strdup_printf ("%s %s", paper, label);
  gboolean pdf = arc_manifest_find_file (m, BUILD_PDF_NAME) != NULL;

  arc_html_open (s, title, m->language);
  g_string_append_printf (s, "</head>\n<body>\n<p><a href=\"../../../index.html\">← 存档首页</a></p>\n"
                             "<h1>%s</h1>\n<p class=\"meta\">", title);
  if (m->issue)
    {
      g_autofree char *issue = arc_esc (m->issue);
      g_string_append_printf (s, "第%s期 · ", issue);
    }
  g_string_append_printf (s, "%u版 · %u篇文章", m->pages->len, m->articles->len);
  arc_html_edition_links (s, m, "");
  g_string_append (s, "</p>\n");
  for (guint i = 0; i < m->pages->len; i++)
    {
      const ArcPage *p = m->pages->pdata[i];
      g_autofree char *section = arc_esc (p->section);
      g_string_append_printf (s, "<section id=\"p%u\">\n<h2>第%u版%s%s</h2>\n",
                              p->number, p->number, *section ? " " : "", section);
      if (p->thumb)
        {
          const char *target = p->image ? p->image : pdf ? BUILD_PDF_NAME : p->thumb;
          g_string_append_printf (s, "<p><a href=\"%s\"><img src=\"%s\" alt=\"第%u版 %s\"/></a></p>\n",
                                  target, p->thumb, p->number, section);
        }
      arc_html_page_articles (s, m, p->number);
      g_string_append (s, "</section>\n");
    }
  g_string_append (s, "</body>\n</html>\n");
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------ archive index */

/* One month's calendar: Monday-first weeks, dates with an edition linked. */
static void
arc_html_calendar (GString *s, GHashTable *by_date, int year, int month)
{
  GDate first;
  guint days = g_date_get_days_in_month (month, year);
  guint lead;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  lead = g_date_get_weekday (&first) - 1;
  g_string_append (s, "<table class=\"cal\">\n<thead><tr>");
  for (int w = 1; w <= 7; w++)
    g_string_append_printf (s, "<th>%s</th>", arc_weekday_short[w]);
  g_string_append (s, "</tr></thead>\n<tbody>\n<tr>");
  for (guint i = 0; i < lead; i++)
    g_string_append (s, "<td></td>");
  for (guint d = 1; d <= days; d++)
    {
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02u", year, month, d);
      if (g_hash_table_contains (by_date, date))
        g_string_append_printf (s, "<td class=\"has\"><a href=\"%04d/%02d/%02u/index.html\">%u</a></td>",
                                year, month, d, d);
      else
        g_string_append_printf (s, "<td>%u</td>", d);
      if ((lead + d) % 7 == 0 && d < days)
        g_string_append (s, "</tr>\n<tr>");
    }
  for (guint i = (lead + days) % 7; i != 0 && i < 7; i++)
    g_string_append (s, "<td></td>");
  g_string_append (s, "</tr>\n</tbody>\n</table>\n");
}

static void
arc_html_edition_card (GString *s, const ArcManifest *m)
{
  g_autofree char *rel = arc_date_rel_dir (m->date);
  g_autofree char *label = arc_date_label (m->date);
  g_autofree char *headline = arc_esc (arc_manifest_headline (m));
  g_autofree char *prefix = g_strconcat (rel, "/", NULL);
  const ArcPage *p1 = m->pages->len ? m->pages->pdata[0] : NULL;

  g_string_append_printf (s, "<li id=\"e%s\">", m->date);
  if (p1 && p1->thumb)
    g_string_append_printf (s, "<a href=\"%s/index.html\"><img src=\"%s/%s\" alt=\"%s 第1版\"/></a><br/>",
                            rel, rel, p1->thumb, label);
  g_string_append_printf (s, "<a href=\"%s/index.html\">%s</a><br/><strong>%s</strong><br/>"
                             "<span class=\"meta\">", rel, label, headline);
  if (m->issue)
    {
      g_autofree char *issue = arc_esc (m->issue);
      g_string_append_printf (s, "第%s期 · ", issue);
    }
  g_string_append_printf (s, "%u版</span>", m->pages->len);
  arc_html_edition_links (s, m, prefix);
  g_string_append (s, "</li>\n");
}

/* The editions of one month, newest first: calendar and cards. */
static void
arc_html_month (GString *s, const GPtrArray *manifests, guint from, guint to,
                GHashTable *by_date)
{
  const ArcManifest *m0 = manifests->pdata[from];
  GDate d = arc_gdate (m0->date);
  int y = g_date_get_year (&d), mon = g_date_get_month (&d);

  g_string_append_printf (s, "<section class=\"month\" id=\"m%04d-%02d\">\n<h3>%d年%d月</h3>\n",
                          y, mon, y, mon);
  arc_html_calendar (s, by_date, y, mon);
  g_string_append (s, "<ul class=\"editions\">\n");
  for (guint i = to; i-- > from; )
    arc_html_edition_card (s, manifests->pdata[i]);
  g_string_append (s, "</ul>\n</section>\n");
}

gboolean
arc_index_write (ArcArchive *arc, const GPtrArray *manifests, GError **error)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GHashTable) by_date = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = g_build_filename (arc->root, ARC_INDEX_NAME, NULL);
  const ArcManifest *newest = manifests->len ? manifests->pdata[manifests->len - 1] : NULL;
  g_autofree char *paper = arc_esc (newest ? newest->paper : "");
  g_autofree char *title = g_strdup_printf ("%s 电子版存档", paper);

  for (guint i = 0; i < manifests->len; i++)
    g_hash_table_add (by_date, ((ArcManifest *) manifests->pdata[i])->date);
  arc_html_open (s, title, newest ? newest->language : "zh-CN");
  g_string_append (s, "<link rel=\"alternate\" type=\"application/atom+xml;profile=opds-catalog;kind=navigation\""
                      " href=\"" ARC_OPDS_NAME "\" title=\"OPDS\"/>\n</head>\n<body>\n");
  g_string_append_printf (s, "<h1>%s</h1>\n<p class=\"meta\">共%u期 · <a href=\"" ARC_OPDS_NAME
                             "\">OPDS 目录</a></p>\n", title, manifests->len);
  if (!manifests->len)
    g_string_append (s, "<p>尚无存档。</p>\n");
  /* years, newest first; inside each, months newest first */
  g_string_append (s, "<nav>");
  for (guint i = manifests->len; i-- > 0; )
    {
      const char *date = ((ArcManifest *) manifests->pdata[i])->date;
      if (i + 1 == manifests->len || strncmp (date, ((ArcManifest *) manifests->pdata[i + 1])->date, 4))
        g_string_append_printf (s, "<a href=\"#y%.4s\">%.4s年</a>", date, date);
    }
  g_string_append (s, "</nav>\n");
  for (guint end = manifests->len; end > 0; )
    {
      const char *date = ((ArcManifest *) manifests->pdata[end - 1])->date;
      guint start = end;
      g_string_append_printf (s, "<section id=\"y%.4s\">\n<h2>%.4s年</h2>\n<div class=\"months\">\n",
                              date, date);
      while (start > 0 && !strncmp (((ArcManifest *) manifests->pdata[start - 1])->date, date, 4))
        {
          guint mend = start;
          const char *mdate = ((ArcManifest *) manifests->pdata[mend - 1])->date;
          while (start > 0 && !strncmp (((ArcManifest *) manifests->pdata[start - 1])->date, mdate, 7))
            start--;
          arc_html_month (s, manifests, start, mend, by_date);
        }
      g_string_append (s, "</div>\n</section>\n");
      end = start;
    }
  g_string_append (s, "</body>\n</html>\n");
  return arc_write_text (path, s->str, error);
}
