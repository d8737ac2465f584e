/* epub-opf.c — the package document (metadata, manifest, spine) and the
 * people named in bylines and datelines (dc:creator). */
#include "epub/epub.h"
#include "epub/epub-private.h"
#include "base/errors.h"
#include "base/xml.h"

#include <string.h>

/* Role words of bylines and datelines, longest first where one is the
 * start of another, with the MARC relator of the people they name.  A
 * word before the names (记者 王芳) names the role of the names after it
 * until the next role word; a word after them (罗丽 整理, 薛志雄 摄)
 * applies only when no word before them named a role. */
typedef struct {
  const char *word;
  const char *relator;   /* NULL: not a role (本报讯), skipped */
  gboolean    before;    /* written before the names */
} EpubRole;

static const EpubRole epub_roles[] = {
  { "本报特约记者", "aut", TRUE }, { "本报实习记者", "aut", TRUE }, { "本报见习记者", "aut", TRUE },
  { "本报记者", "aut", TRUE }, { "特约记者", "aut", TRUE }, { "实习记者", "aut", TRUE },
  { "见习记者", "aut", TRUE }, { "记者", "aut", TRUE }, { "实习生", "aut", TRUE },
  { "本报通讯员", "ctb", TRUE }, { "特约通讯员", "ctb", TRUE }, { "通讯员", "ctb", TRUE },
  { "提案者", "aut", TRUE }, { "作者", "aut", TRUE }, { "撰稿", "aut", TRUE },
  { "文/图", "aut", FALSE }, { "图/文", "aut", FALSE }, { "摄影", "pht", FALSE },
  { "摄", "pht", FALSE }, { "整理", "com", FALSE }, { "报道", "aut", FALSE },
  { "编译", "trl", FALSE }, { "文", "aut", FALSE }, { "图", "pht", FALSE },
  { "本报讯", NULL, FALSE },
};

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

/* The role word @word is (whole), or NULL. */
static const EpubRole *
epub_role_of (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (epub_roles); i++)
    if (strcmp (word, epub_roles[i].word) == 0)
      return &epub_roles[i];
  return NULL;
}

/* A role word written before a name without a space ("记者康桂芳"): the
 * role, with *rest pointing at the name; NULL if @word starts with none or
 * fewer than two characters would be left. */
static const EpubRole *
epub_role_prefix (const char *word, const char **rest)
{
  for (gsize i = 0; i < G_N_ELEMENTS (epub_roles); i++)
    {
      gsize n = strlen (epub_roles[i].word);

      if (epub_roles[i].relator && epub_roles[i].before
          && strncmp (word, epub_roles[i].word, n) == 0 && g_utf8_strlen (word + n, -1) >= 2)
        {
          *rest = word + n;
          return &epub_roles[i];
        }
    }
  return NULL;
}

static void
epub_person_free (EpubPerson *p)
{
  g_free (p->name);
  g_free (p);
}

/* The part of a dateline that names people: inside its brackets
 * ("本报讯（记者 李雅萍 通讯员 张世川）"), else from its first role word
 * on; NULL if it names none ("新华社北京2月18日电"). */
static char *
epub_dateline_credit (const char *dateline)
{
  const char *open = strstr (dateline, "（"), *close;

  if (!open)
    open = strchr (dateline, '(');
  if (open)
    {
      open += *open == '(' ? 1 : strlen ("（");
      close = strstr (open, "）");
      if (!close)
        close = strchr (open, ')');
      return close ? g_strndup (open, close - open) : g_strdup (open);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (epub_roles); i++)
    {
      const char *at = epub_roles[i].relator && epub_roles[i].before
                       ? strstr (dateline, epub_roles[i].word) : NULL;
      if (at)
        return g_strdup (at);
    }
  return NULL;
}

GPtrArray *
epub_credit_people (const char *text, gboolean dateline)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) epub_person_free);
  g_autofree char *credit = NULL;
  g_auto (GStrv) words = NULL;
  const char *role = NULL;     /* relator named before the current names */
  guint since = 0;             /* first person named since that word */

  if (!text)
    return out;
  credit = dateline ? epub_dateline_credit (text) : g_strdup (text);
  if (!credit)
    return out;
  words = g_regex_split_simple ("[\\s　、，,;；:：&＆（）()]+", credit, 0, 0);
  for (guint i = 0; words[i]; i++)
    {
      const EpubRole *r = epub_role_of (words[i]);
      const char *name = words[i];

      if (r && r->before)
        role = r->relator, since = out->len;
      else if (r)
        {
          /* a role after the names: theirs, unless a word before named one */
          for (guint k = since; k < out->len && r->relator; k++)
            if (!((EpubPerson *) out->pdata[k])->explicit_role)
              ((EpubPerson *) out->pdata[k])->relator = r->relator;
          since = out->len;
        }
      else if (*name && epub_has_letter (name))
        {
          EpubPerson *p = g_new0 (EpubPerson, 1);
          const EpubRole *pre = epub_role_prefix (name, &name);

          if (pre)
            role = pre->relator, since = out->len;
          p->name = g_strdup (name);
          p->relator = role ? role : "aut";
          p->explicit_role = role != NULL;
          g_ptr_array_add (out, p);
        }
    }
  return out;
}

char **
epub_byline_names (const char *byline)
{
  g_autoptr (GPtrArray) people = epub_credit_people (byline, FALSE);
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; i < people->len; i++)
    g_strv_builder_add (out, ((EpubPerson *) people->pdata[i])->name);
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

/* Adds the people of @text to @people (name → relator, in @order),
 * keeping a person's first relator but preferring "aut". */
static void
epub_opf_collect (GHashTable *people, GPtrArray *order, const char *text, gboolean dateline)
{
  g_autoptr (GPtrArray) found = epub_credit_people (text, dateline);

  for (guint i = 0; i < found->len; i++)
    {
      const EpubPerson *p = found->pdata[i];
      const char *had = g_hash_table_lookup (people, p->name);

      if (!had)
        g_ptr_array_add (order, g_strdup (p->name));
      if (!had || (strcmp (had, "aut") != 0 && strcmp (p->relator, "aut") == 0))
        g_hash_table_insert (people, g_strdup (p->name), (gpointer) p->relator);
    }
}

/* dc:creator for each distinct person named in a byline or dateline, with
 * the role words left out and their MARC relator (aut 记者, ctb 通讯员,
 * pht 摄, com 整理): calibre shows the authors (aut). */
static void
epub_opf_creators (EpubBuild *b, XmlWriter *w)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < b->ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (b->ed->articles, i);

      epub_opf_collect (people, order, art->dateline, TRUE);
      epub_opf_collect (people, order, art->byline, FALSE);
    }
  for (guint n = 0; n < order->len; n++)
    {
      g_autofree char *id = g_strdup_printf ("creator-%u", n + 1);
      g_autofree char *ref = g_strconcat ("#", id, NULL);
      const char *name = order->pdata[n];

      epub_opf_dc (w, "dc:creator", name, id);
      xml_writer_raw (w, "    ");
      xml_writer_element (w, "meta", g_hash_table_lookup (people, name), "refines", ref,
                          "property", "role", "scheme", "marc:relators", NULL);
      xml_writer_raw (w, "\n");
    }
}

/* The issue number as a number for group-position ("7612", "第7612期"
 * → "7612"), or NULL. Caller owns. */
static char *
epub_issue_number (const char *issue)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = issue ? issue : ""; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (digits->len)
      break;
  while (digits->len > 1 && digits->str[0] == '0')
    g_string_erase (digits, 0, 1);
  return g_string_free (digits, digits->len == 0);
}

/* The paper as a series (belongs-to-collection) and the issue number as
 * its position: calibre shows "Series: 吕梁日报 [7612]". */
static void
epub_opf_series (EpubBuild *b, XmlWriter *w)
{
  g_autofree char *number = epub_issue_number (b->ed->issue);

  xml_writer_raw (w, "    ");
  xml_writer_element (w, "meta", b->ed->paper, "property", "belongs-to-collection",
                      "id", "series", NULL);
  xml_writer_raw (w, "\n    ");
  xml_writer_element (w, "meta", "series", "refines", "#series", "property",
                      "collection-type", NULL);
  xml_writer_raw (w, "\n");
  if (number)
    {
      xml_writer_raw (w, "    ");
      xml_writer_element (w, "meta", number, "refines", "#series", "property",
                          "group-position", NULL);
      xml_writer_raw (w, "\n");
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
  /* printPageNumbers covers the page-break markers too ("pageBreakMarkers"
   * of the 2023 vocabulary is unknown to Ace 1.2) */
  if (epub_has_page_list (b))
    epub_opf_meta (w, "schema:accessibilityFeature", "printPageNumbers");
  epub_opf_meta (w, "schema:accessibilityFeature", "displayTransformability");
  if (b->has_images)
    epub_opf_meta (w, "schema:accessibilityFeature", "alternativeText");
  epub_opf_meta (w, "schema:accessibilityHazard", "none");
  epub_opf_meta (w, "schema:accessibilitySummary", summary);
  /* the claim holds only when every picture has a text alternative (its
   * caption): the rest of EPUB Accessibility 1.1 + WCAG 2.1 AA the
   * packager meets by construction, and the tests check with Ace */
  if (!b->image_without_alt)
    {
      epub_opf_meta (w, "dcterms:conformsTo", EPUB_CONFORMS_TO);
      epub_opf_meta (w, "a11y:certifiedBy", b->ed->publisher && *b->ed->publisher
                                            ? b->ed->publisher : b->ed->paper);
    }
}

static void
epub_opf_metadata (EpubBuild *b, XmlWriter *w)
{
  const EdEdition *ed = b->ed;
  g_autofree char *uuid = epub_identifier (ed);
  g_autofree char *title = epub_title (ed);
  g_autofree char *modified = g_strdup_printf ("%sT00:00:00Z", ed->date);
  g_autofree char *source = g_strdup_printf ("%s%s%s%s（印刷版）", title,
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
  if (epub_has_page_list (b))
    {
      /* the print edition is the source of the page-list (EPUB
       * Accessibility 1.1 §page source; what Ace's epub-pagesource reads) */
      epub_opf_dc (w, "dc:source", source, "print-source");
      xml_writer_raw (w, "    ");
      xml_writer_element (w, "meta", "pagination", "refines", "#print-source",
                          "property", "source-of", NULL);
      xml_writer_raw (w, "\n");
    }
  else
    epub_opf_dc (w, "dc:source", source, NULL);
  epub_opf_series (b, w);
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

