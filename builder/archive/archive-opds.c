/* archive-opds.c — the OPDS 1.2 catalogue: ROOT/opds.xml, a navigation
 * feed with one entry per year, and ROOT/opds-YYYY.xml, acquisition feeds
 * listing that year's editions (EPUB and PDF, cover and thumbnail).
 * Timestamps come from edition dates, never the clock. */
#include "archive/archive-private.h"
#include "base/dates.h"

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
arc_opds_feed_open (GString *s, const char *id, const char *title, const char *updated,
                    const char *author, const char *self, const char *self_type)
{
  g_autofree char *id_e = arc_esc (id);
  g_autofree char *title_e = arc_esc (title);
  g_autofree char *author_e = arc_esc (author);

  g_string_append_printf (s,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\""
                          " xmlns:dc=\"http://purl.org/dc/terms/\""
                          " xmlns:opds=\"http://opds-spec.org/2010/catalog\""
                          " xml:lang=\"zh-CN\">\n"
                          "  <id>%s</id>\n  <title>%s</title>\n"
                          "  <updated>%sT00:00:00Z</updated>\n"
                          "  <author><name>%s</name></author>\n"
                          "  <link rel=\"self\" href=\"%s\" type=\"%s\"/>\n"
                          "  <link rel=\"start\" href=\"" ARC_OPDS_NAME "\" type=\"" ARC_OPDS_NAV "\"/>\n"
                          "  <link rel=\"alternate\" href=\"" ARC_INDEX_NAME "\" type=\"text/html\"/>\n",
                          id_e, title_e, updated, author_e, self, self_type);
}

static void
arc_opds_link (GString *s, const char *rel, const char *dir, const char *file,
               const char *type)
{
  g_string_append_printf (s, "    <link rel=\"%s\" href=\"%s/%s\" type=\"%s\"/>\n",
                          rel, dir, file, type);
}

static void
arc_opds_entry (GString *s, const ArcManifest *m)
{
  g_autofree char *rel = arc_date_rel_dir (m->date);
  g_autofree char *id = arc_opds_urn (m->paper, m->date);
  g_autofree char *title = eb_edition_title_iso (m->paper, m->date);
  g_autofree char *summary = g_strdup_printf ("%s%s%s%u版 · %s", m->issue ? "第" : "",
                                              m->issue ? m->issue : "", m->issue ? "期 · " : "",
                                              m->pages->len, arc_manifest_headline (m));
  g_autofree char *id_e = arc_esc (id), *title_e = NULL, *summary_e = NULL, *author_e = NULL;
  g_autofree char *lang_e = arc_esc (m->language);
  const ArcPage *p1 = m->pages->len ? m->pages->pdata[0] : NULL;

  title_e = arc_esc (title);
  summary_e = arc_esc (summary);
  author_e = arc_esc (m->publisher ? m->publisher : m->paper);
  g_string_append_printf (s, "  <entry>\n    <title>%s</title>\n    <id>%s</id>\n"
                             "    <updated>%sT00:00:00Z</updated>\n"
                             "    <author><name>%s</name></author>\n"
                             "    <dc:issued>%s</dc:issued>\n    <dc:language>%s</dc:language>\n"
                             "    <summary type=\"text\">%s</summary>\n",
                          title_e, id_e, m->date, author_e, m->date, lang_e, summary_e);
  if (p1 && p1->image)
    arc_opds_link (s, "http://opds-spec.org/image", rel, p1->image, "image/png");
  if (p1 && p1->thumb)
    arc_opds_link (s, "http://opds-spec.org/image/thumbnail", rel, p1->thumb, "image/png");
  if (arc_manifest_find_file (m, BUILD_EPUB_NAME))
    arc_opds_link (s, "http://opds-spec.org/acquisition", rel, BUILD_EPUB_NAME,
                   "application/epub+zip");
  if (arc_manifest_find_file (m, BUILD_PDF_NAME))
    arc_opds_link (s, "http://opds-spec.org/acquisition", rel, BUILD_PDF_NAME,
                   "application/pdf");
  arc_opds_link (s, "alternate", rel, ARC_INDEX_NAME, "text/html");
  g_string_append (s, "  </entry>\n");
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
  g_autoptr (GString) s = g_string_new (NULL);

  arc_opds_feed_open (s, id, title, newest->date, newest->publisher ? newest->publisher
                                                                    : newest->paper,
                      name, ARC_OPDS_ACQ);
  g_string_append (s, "  <link rel=\"up\" href=\"" ARC_OPDS_NAME "\" type=\"" ARC_OPDS_NAV "\"/>\n");
  for (guint i = to; i-- > from; )
    arc_opds_entry (s, manifests->pdata[i]);
  g_string_append (s, "</feed>\n");
  return arc_write_text (path, s->str, error);
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

gboolean
arc_opds_write (ArcArchive *arc, const GPtrArray *manifests, GError **error)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GHashTable) years = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_build_filename (arc->root, ARC_OPDS_NAME, NULL);
  const ArcManifest *newest = manifests->len ? manifests->pdata[manifests->len - 1] : NULL;
  const char *paper = newest ? newest->paper : "epaper";
  g_autofree char *id = arc_opds_urn (paper, NULL);
  g_autofree char *title = g_strdup_printf ("%s 电子版存档", paper);

  arc_opds_feed_open (s, id, title, newest ? newest->date : "1970-01-01",
                      newest && newest->publisher ? newest->publisher : paper,
                      ARC_OPDS_NAME, ARC_OPDS_NAV);
  for (guint end = manifests->len; end > 0; )
    {
      const ArcManifest *last = manifests->pdata[end - 1];
      guint start = end;
      g_autofree char *name = arc_opds_year_name (last->date);
      g_autofree char *year = g_strndup (last->date, 4);
      g_autofree char *year_id = arc_opds_urn (paper, year);
      g_autofree char *year_id_e = arc_esc (year_id);

      while (start > 0 && !strncmp (((ArcManifest *) manifests->pdata[start - 1])->date,
                                    last->date, 4))
        start--;
      if (!arc_opds_write_year (arc, manifests, start, end, error))
        return FALSE;
      g_string_append_printf (s, "  <entry>\n    <title>%s年</title>\n    <id>%s</id>\n"
                                 "    <updated>%sT00:00:00Z</updated>\n"
                                 "    <content type=\"text\">%u期</content>\n"
                                 "    <link rel=\"subsection\" href=\"%s\" type=\"" ARC_OPDS_ACQ "\"/>\n"
                                 "  </entry>\n",
                              year, year_id_e, last->date, end - start, name);
      g_hash_table_add (years, g_steal_pointer (&name));
      end = start;
    }
  g_string_append (s, "</feed>\n");
  arc_opds_remove_stale (arc, years);
  return arc_write_text (path, s->str, error);
}
