/* epub-opf.c — the package document (metadata, manifest, spine) and the
 * people named in bylines and datelines (dc:creator). */
#include "epub/epub.h"
#include "epub/epub-private.h"
#include "base/errors.h"
#include "base/xml.h"

#include <string.h>

/* TRUE if @s holds a letter or ideograph (not only marks such as the
 * "□" before a byline). */
static gboolean
epub_has_letter (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

char **
epub_byline_names (const char *byline)
{
  static const char *const roles[] = {
    "本报记者", "记者", "本报通讯员", "通讯员", "特约记者", "实习生", "见习记者",
    "整理", "摄影", "摄", "文", "图", "文/图", "图/文", "报道", "本报讯", "提案者", NULL,
  };
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();
  g_auto (GStrv) words = NULL;

  if (!byline)
    return g_strv_builder_end (out);
  words = g_regex_split_simple ("[\\s　、，,;；:：/（）()]+", byline, 0, 0);
  for (guint i = 0; words[i]; i++)
    {
      if (!*words[i] || g_strv_contains ((const char *const *) roles, words[i])
          || !epub_has_letter (words[i]))
        continue;
      g_strv_builder_add (out, words[i]);
    }
  return g_strv_builder_end (out);
}

/* ------------------------------------------------------ package document */

static void
epub_opf_meta (XmlWriter *w, const char *property, const char *value)
{
  xml_writer_raw (w, "    ");
  xml_writer_element (w, "meta", value, "property", property, NULL);
  xml_writer_raw (w, "\n");
}

static void
epub_opf_dc (XmlWriter *w, const char *element, const char *value, const char *id)
{
  xml_writer_raw (w, "    ");
  xml_writer_element (w, element, value, "id", id, NULL);
  xml_writer_raw (w, "\n");
}

/* dc:creator for each distinct person named in a byline. */
static void
epub_opf_creators (EpubBuild *b, XmlWriter *w)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  for (guint i = 0; i < b->ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (b->ed->articles, i);
      g_auto (GStrv) names = epub_byline_names (art->byline);

      for (guint j = 0; names[j]; j++)
        {
          g_autofree char *id = NULL;
          g_autofree char *ref = NULL;

          if (!g_hash_table_add (seen, g_strdup (names[j])))
            continue;
          id = g_strdup_printf ("creator-%u", ++n);
          ref = g_strconcat ("#", id, NULL);
          epub_opf_dc (w, "dc:creator", names[j], id);
          xml_writer_raw (w, "    ");
          xml_writer_element (w, "meta", "aut", "refines", ref, "property", "role",
                              "scheme", "marc:relators", NULL);
          xml_writer_raw (w, "\n");
        }
    }
}

static void
epub_opf_accessibility (EpubBuild *b, XmlWriter *w)
{
  g_autofree char *title = epub_title (b->ed);
  g_autofree char *summary = g_strdup_printf (
    "%s的可重排电子版：文字内容完整，阅读顺序与印刷版一致；目录按版面分组，"
    "并提供与印刷版对应的版次导航（第N版）。%s", title,
    b->has_images ? "图片均附文字说明。" : "除封面外不含图片。");

  epub_opf_meta (w, "schema:accessMode", "textual");
  epub_opf_meta (w, "schema:accessMode", "visual");
  epub_opf_meta (w, "schema:accessModeSufficient", "textual");
  epub_opf_meta (w, "schema:accessibilityFeature", "tableOfContents");
  epub_opf_meta (w, "schema:accessibilityFeature", "readingOrder");
  epub_opf_meta (w, "schema:accessibilityFeature", "structuralNavigation");
  if (epub_first_article (b->ed))   /* a page-list exists */
    {
      epub_opf_meta (w, "schema:accessibilityFeature", "printPageNumbers");
      epub_opf_meta (w, "schema:accessibilityFeature", "pageBreakMarkers");
    }
  epub_opf_meta (w, "schema:accessibilityFeature", "displayTransformability");
  if (b->has_images)
    epub_opf_meta (w, "schema:accessibilityFeature", "alternativeText");
  epub_opf_meta (w, "schema:accessibilityHazard", "none");
  epub_opf_meta (w, "schema:accessibilitySummary", summary);
}

static void
epub_opf_metadata (EpubBuild *b, XmlWriter *w)
{
  const EdEdition *ed = b->ed;
  g_autofree char *uuid = epub_identifier (ed);
  g_autofree char *title = epub_title (ed);
  g_autofree char *modified = g_strdup_printf ("%sT00:00:00Z", ed->date);
  g_autofree char *source = g_strdup_printf ("%s %s%s%s%s（印刷版）", ed->paper, ed->date,
                                             ed->issue ? " 第" : "", ed->issue ? ed->issue : "",
                                             ed->issue ? "期" : "");

  xml_writer_raw (w, "  ");
  xml_writer_start (w, "metadata", "xmlns:dc", "http://purl.org/dc/elements/1.1/", NULL);
  xml_writer_raw (w, "\n");
  epub_opf_dc (w, "dc:identifier", uuid, "pub-id");
  epub_opf_dc (w, "dc:title", title, "title");
  epub_opf_dc (w, "dc:language", ed->language, NULL);
  epub_opf_dc (w, "dc:date", ed->date, NULL);
  epub_opf_dc (w, "dc:publisher", ed->publisher && *ed->publisher ? ed->publisher : ed->paper, NULL);
  epub_opf_creators (b, w);
  epub_opf_dc (w, "dc:source", source, NULL);
  epub_opf_meta (w, "dcterms:modified", modified);
  epub_opf_accessibility (b, w);
  xml_writer_raw (w, "    ");
  xml_writer_empty (w, "meta", "name", "cover", "content", "cover-image", NULL);
  xml_writer_raw (w, "\n  ");
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

static void
epub_opf_manifest_spine (EpubBuild *b, XmlWriter *w)
{
  xml_writer_raw (w, "  ");
  xml_writer_start (w, "manifest", NULL);
  xml_writer_raw (w, "\n");
  for (guint i = 0; i < b->entries->len; i++)
    {
      const EpubEntry *e = g_ptr_array_index (b->entries, i);

      if (!e->id)
        continue;
      xml_writer_raw (w, "    ");
      xml_writer_empty (w, "item", "id", e->id, "href", e->name + strlen ("EPUB/"),
                        "media-type", e->media_type, "properties", e->properties, NULL);
      xml_writer_raw (w, "\n");
    }
  xml_writer_raw (w, "  ");
  xml_writer_end (w);
  xml_writer_raw (w, "\n  ");
  xml_writer_start (w, "spine", "page-progression-direction",
                    b->opts->vertical ? "rtl" : "ltr", NULL);
  xml_writer_raw (w, "\n");
  /* Reading order: cover, contents (nav), then the articles. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < b->entries->len; i++)
      {
        const EpubEntry *e = g_ptr_array_index (b->entries, i);
        guint want = pass == 0 ? EPUB_RANK_COVER : pass == 1 ? EPUB_RANK_NAV : EPUB_RANK_ARTICLE;

        if (!e->id || e->rank != want)
          continue;
        xml_writer_raw (w, "    ");
        xml_writer_empty (w, "itemref", "idref", e->id, NULL);
        xml_writer_raw (w, "\n");
      }
  xml_writer_raw (w, "  ");
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

/* The package document; entries must be sorted already. */
void
epub_add_opf (EpubBuild *b)
{
  XmlWriter *w = xml_writer_new (XML_MODE_XML);
  gsize len = 0;
  char *opf;

  xml_writer_declaration (w);
  xml_writer_start (w, "package", "xmlns", "http://www.idpf.org/2007/opf",
                    "version", "3.0", "unique-identifier", "pub-id",
                    "xml:lang", b->ed->language, NULL);
  xml_writer_raw (w, "\n");
  epub_opf_metadata (b, w);
  epub_opf_manifest_spine (b, w);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  opf = xml_writer_finish (w, &len);
  epub_add_entry (b, EPUB_RANK_OPF, EPUB_OPF_PATH, g_bytes_new_take (opf, len),
                  NULL, NULL, NULL);
}

