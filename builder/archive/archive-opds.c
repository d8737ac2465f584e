/* archive-opds.c — the OPDS 1.2 catalogue: ROOT/opds.xml, a navigation
 * feed with one entry per year, and ROOT/opds-YYYY.xml, acquisition feeds
 * listing that year's editions (EPUB and PDF, cover and thumbnail).
 * Timestamps come from edition dates, never the clock.  Written with the
 * XML writer (base/xml.h): every value is escaped where it is written. */
#include "archive/archive-private.h"
#include "base/dates.h"
#include "base/xml.h"

#include <string.h>

#include <glib/gstdio.h>

#define ARC_OPDS_NAV "application/atom+xml;profile=opds-catalog;kind=navigation"
#define ARC_OPDS_ACQ "application/atom+xml;profile=opds-catalog;kind=acquisition"

char *
arc_opds_year_name (const char *year)
{
  return g_strdup_printf ("opds-%.4s.xml", year);
}

/* "urn:epaper:<paper>" with the paper name percent-encoded; caller owns. */
static char *
arc_opds_urn (const char *paper, const char *suffix)
{
  g_autofree char *p = g_uri_escape_string (paper ? paper : "", NULL, FALSE);

  return g_strdup_printf ("urn:epaper:%s%s%s", p, suffix ? ":" : "", suffix ? suffix : "");
}

static void
arc_opds_nl (XmlWriter *w, const char *indent)
{
  xml_writer_raw (w, "\n");
  xml_writer_raw (w, indent);
}

/* The feed's head: <feed> stays open. */
static XmlWriter *
arc_opds_feed_open (const char *id, const char *title, const char *updated,
                    const char *author, const char *self, const char *self_type)
{
  XmlWriter *w = xml_writer_new (XML_MODE_XML);
  g_autofree char *stamp = g_strconcat (updated, "T00:00:00Z", NULL);

  xml_writer_declaration (w);
  xml_writer_start (w, "feed", "xmlns", "http://www.w3.org/2005/Atom",
                    "xmlns:dc", "http://purl.org/dc/terms/",
                    "xmlns:opds", "http://opds-spec.org/2010/catalog", "xml:lang", "zh-CN", NULL);
  arc_opds_nl (w, "  ");
  xml_writer_element (w, "id", id, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_element (w, "title", title, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_element (w, "updated", stamp, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_start (w, "author", NULL);
  xml_writer_element (w, "name", author, NULL);
  xml_writer_end (w);
  arc_opds_nl (w, "  ");
  xml_writer_empty (w, "link", "rel", "self", "href", self, "type", self_type, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_empty (w, "link", "rel", "start", "href", ARC_OPDS_NAME, "type", ARC_OPDS_NAV, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_empty (w, "link", "rel", "alternate", "href", ARC_INDEX_NAME, "type", "text/html",
                    NULL);
  return w;
}

/* Opens an <entry> with its title, id and updated time; it stays open. */
static void
arc_opds_entry_open (XmlWriter *w, const char *title, const char *id, const char *updated)
{
  arc_opds_nl (w, "  ");
  xml_writer_start (w, "entry", NULL);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "title", title, NULL);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "id", id, NULL);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "updated", updated, NULL);
}

static void
arc_opds_link (XmlWriter *w, const char *rel, const char *dir, const char *file,
               const char *type)
{
  g_autofree char *href = g_strconcat (dir, "/", file, NULL);

  arc_opds_nl (w, "    ");
  xml_writer_empty (w, "link", "rel", rel, "href", href, "type", type, NULL);
}

static void
arc_opds_entry (XmlWriter *w, const ArcManifest *m)
{
  g_autofree char *rel = arc_date_rel_dir (m->date);
  g_autofree char *id = arc_opds_urn (m->paper, m->date);
  g_autofree char *title = eb_edition_title_iso (m->paper, m->date);
  g_autofree char *summary = g_strdup_printf ("%s%s%s%u版 · %s", m->issue ? "第" : "",
                                              m->issue ? m->issue : "", m->issue ? "期 · " : "",
                                              m->pages->len, arc_manifest_headline (m));
  g_autofree char *stamp = g_strconcat (m->date, "T00:00:00Z", NULL);
  const ArcPage *p1 = m->pages->len ? m->pages->pdata[0] : NULL;

  arc_opds_entry_open (w, title, id, stamp);
  arc_opds_nl (w, "    ");
  xml_writer_start (w, "author", NULL);
  xml_writer_element (w, "name", m->publisher ? m->publisher : m->paper, NULL);
  xml_writer_end (w);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "dc:issued", m->date, NULL);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "dc:language", m->language, NULL);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "summary", summary, "type", "text", NULL);
  if (p1 && p1->image)
    arc_opds_link (w, "http://opds-spec.org/image", rel, p1->image, "image/png");
  if (p1 && p1->thumb)
    arc_opds_link (w, "http://opds-spec.org/image/thumbnail", rel, p1->thumb, "image/png");
  if (arc_manifest_find_file (m, BUILD_EPUB_NAME))
    arc_opds_link (w, "http://opds-spec.org/acquisition", rel, BUILD_EPUB_NAME,
                   "application/epub+zip");
  if (arc_manifest_find_file (m, BUILD_PDF_NAME))
    arc_opds_link (w, "http://opds-spec.org/acquisition", rel, BUILD_PDF_NAME,
                   "application/pdf");
  arc_opds_link (w, "alternate", rel, ARC_INDEX_NAME, "text/html");
  arc_opds_nl (w, "  ");
  xml_writer_end (w);
}

/* Closes <feed> and writes the document to @path. */
static gboolean
arc_opds_finish (XmlWriter *w, const char *path, GError **error)
{
  g_autofree char *xml = NULL;

  xml_writer_raw (w, "\n");
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  xml = xml_writer_finish (w, NULL);
  return arc_write_text (path, xml, error);
}

/* Writes the acquisition feed of the editions [from, to) of one year. */
static gboolean
arc_opds_write_year (ArcArchive *arc, const GPtrArray *manifests, guint from, guint to,
                     GError **error)
{
  const ArcManifest *newest = manifests->pdata[to - 1];
  g_autofree char *name = arc_opds_year_name (newest->date);
  g_autofree char *path = g_build_filename (arc->root, name, NULL);
  g_autofree char *year = g_strndup (newest->date, 4);
  g_autofree char *id = arc_opds_urn (newest->paper, year);
  g_autofree char *title = g_strdup_printf ("%s %s年", newest->paper, year);
  XmlWriter *w = arc_opds_feed_open (id, title, newest->date,
                                     newest->publisher ? newest->publisher : newest->paper,
                                     name, ARC_OPDS_ACQ);

  arc_opds_nl (w, "  ");
  xml_writer_empty (w, "link", "rel", "up", "href", ARC_OPDS_NAME, "type", ARC_OPDS_NAV, NULL);
  for (guint i = to; i-- > from; )
    arc_opds_entry (w, manifests->pdata[i]);
  return arc_opds_finish (w, path, error);
}

/* Removes opds-YYYY.xml files of years no longer in the archive. */
static void
arc_opds_remove_stale (ArcArchive *arc, GHashTable *years)
{
  g_autoptr (GDir) dir = g_dir_open (arc->root, 0, NULL);
  const char *name;
  g_autoptr (GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "opds-") && g_str_has_suffix (name, ".xml")
        && !g_hash_table_contains (years, name))
      g_ptr_array_add (stale, g_build_filename (arc->root, name, NULL));
  for (guint i = 0; i < stale->len; i++)
    g_remove (stale->pdata[i]);
}

/* The navigation feed's entry for one year's feed. */
static void
arc_opds_year_entry (XmlWriter *w, const char *paper, const ArcManifest *last, guint count)
{
  g_autofree char *name = arc_opds_year_name (last->date);
  g_autofree char *year = g_strndup (last->date, 4);
  g_autofree char *year_id = arc_opds_urn (paper, year);
  g_autofree char *title = g_strconcat (year, "年", NULL);
  g_autofree char *stamp = g_strconcat (last->date, "T00:00:00Z", NULL);
  g_autofree char *content = g_strdup_printf ("%u期", count);

  arc_opds_entry_open (w, title, year_id, stamp);
  arc_opds_nl (w, "    ");
  xml_writer_element (w, "content", content, "type", "text", NULL);
  arc_opds_nl (w, "    ");
  xml_writer_empty (w, "link", "rel", "subsection", "href", name, "type", ARC_OPDS_ACQ, NULL);
  arc_opds_nl (w, "  ");
  xml_writer_end (w);
}

gboolean
arc_opds_write (ArcArchive *arc, const GPtrArray *manifests, GError **error)
{
  g_autoptr (GHashTable) years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_build_filename (arc->root, ARC_OPDS_NAME, NULL);
  const ArcManifest *newest = manifests->len ? manifests->pdata[manifests->len - 1] : NULL;
  const char *paper = newest ? newest->paper : "epaper";
  g_autofree char *id = arc_opds_urn (paper, NULL);
  g_autofree char *title = g_strdup_printf ("%s 电子版存档", paper);
  XmlWriter *w = arc_opds_feed_open (id, title, newest ? newest->date : "1970-01-01",
                                     newest && newest->publisher ? newest->publisher : paper,
                                     ARC_OPDS_NAME, ARC_OPDS_NAV);

  for (guint end = manifests->len; end > 0; )
    {
      const ArcManifest *last = manifests->pdata[end - 1];
      guint start = end;

      while (start > 0 && !strncmp (((ArcManifest *) manifests->pdata[start - 1])->date,
                                    last->date, 4))
        start--;
      if (!arc_opds_write_year (arc, manifests, start, end, error))
        {
          xml_writer_free (w);
          return FALSE;
        }
      arc_opds_year_entry (w, paper, last, end - start);
      g_hash_table_add (years, arc_opds_year_name (last->date));
      end = start;
    }
  arc_opds_remove_stale (arc, years);
  return arc_opds_finish (w, path, error);
}
