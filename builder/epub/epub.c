/* epub.c — the EPUB 3 packager: content documents, navigation, package
 * document and the zip container.  See epub.h for the container layout. */
#include "epub/epub.h"
#include "epub/epub-private.h"
#include "base/dates.h"
#include "base/errors.h"
#include "base/safe-io.h"
#include "base/xml.h"
#include "typeset/typeset.h"

#include <string.h>
#include <zip.h>

#define EPUB_XHTML_TYPE  "application/xhtml+xml"

static void
epub_entry_free (EpubEntry *e)
{
  g_free (e->name);
  g_bytes_unref (e->data);
  g_free (e->id);
  g_free (e->media_type);
  g_free (e->properties);
  g_free (e);
}

/* Adds an entry taking ownership of @data. */
EpubEntry *
epub_add_entry (EpubBuild *b, guint rank, const char *name, GBytes *data,
                const char *id, const char *media_type, const char *properties)
{
  EpubEntry *e = g_new0 (EpubEntry, 1);

  e->name = g_strdup (name);
  e->data = data;
  e->id = g_strdup (id);
  e->media_type = g_strdup (media_type);
  e->properties = g_strdup (properties);
  e->rank = rank;
  e->seq = b->entries->len;
  g_ptr_array_add (b->entries, e);
  return e;
}

void
epub_add_text_entry (EpubBuild *b, guint rank, const char *name, char *text,
                     const char *id, const char *media_type, const char *properties)
{
  gsize len = strlen (text);

  g_string_append (b->all_text, text);
  epub_add_entry (b, rank, name, g_bytes_new_take (text, len), id, media_type,
                  properties);
}

/* Loads the font configuration on first use.  Sets *fonts_out to it, or
 * to NULL when no fonts_dir was given (system fontconfig). */
gboolean
epub_load_fonts (EpubBuild *b, const FontsSetup **fonts_out, GError **error)
{
  if (b->opts->fonts_dir && !b->fonts)
    b->fonts = fonts_setup_load (b->opts->fonts_dir, error);
  *fonts_out = b->fonts;
  return !b->opts->fonts_dir || b->fonts != NULL;
}

/* ------------------------------------------------------------ identity */

char *
epub_identifier (const EdEdition *ed)
{
  /* RFC 4122 version 5: SHA-1 of the URL namespace UUID and a name. */
  static const guint8 ns_url[16] = {
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
    0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
  };
  g_autoptr (GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = g_strdup_printf ("epaper:edition:%s/%s", ed->paper, ed->date);
  guint8 d[20];
  gsize len = sizeof d;

  g_checksum_update (sha, ns_url, sizeof ns_url);
  g_checksum_update (sha, (const guchar *) name, -1);
  g_checksum_get_digest (sha, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
                          d[10], d[11], d[12], d[13], d[14], d[15]);
}

char *
epub_article_href (const EdArticle *art)
{
  return g_strdup_printf ("text/a-%s.xhtml", art->id);
}

/* "吕梁日报 2025年2月18日": the edition's one title (dates.h) */
char *
epub_title (const EdEdition *ed)
{
  return eb_edition_title (ed->paper, &ed->gdate);
}

/* --------------------------------------------------------------- text */

/* TRUE for characters that glue to a number as a Latin word. */
static gboolean
epub_is_ascii_word (gunichar c)
{
  return c < 0x80 && (g_ascii_isalnum ((char) c) || c == '.' || c == '%'
                      || c == '_');
}

char *
epub_markup_tcy (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  gunichar prev = 0;

  while (*p)
    {
      const char *q = p;
      guint digits = 0, dots = 0;

      if (g_ascii_isdigit (*p) && !epub_is_ascii_word (prev))
        {
          /* Scan a number: digits with at most one inner decimal point. */
          while (g_ascii_isdigit (*q) || (*q == '.' && dots == 0 && q > p
                                          && g_ascii_isdigit (q[1])))
            {
              if (*q == '.')
                dots++;
              else
                digits++;
              q++;
            }
          if (digits <= 2 && !epub_is_ascii_word ((guchar) *q))
            {
              g_string_append (out, "<span class=\"tcy\">");
              g_string_append_len (out, p, q - p);
              g_string_append (out, "</span>");
              prev = (guchar) q[-1];
              p = q;
              continue;
            }
          /* A longer number or a Latin word: copy it whole, set sideways. */
          xml_append_escaped (out, p, q - p);
          prev = (guchar) q[-1];
          p = q;
          continue;
        }
      q = g_utf8_next_char (p);
      xml_append_escaped (out, p, q - p);
      prev = g_utf8_get_char_validated (p, q - p);
      p = q;
    }
  return g_string_free (out, FALSE);
}

/* @text with quotes in their vertical forms (ts_vertical_form: “” → 『』),
 * as the typesetter sets vertical text: the 楷 and many reading systems'
 * fonts have no vertical “”, which then stand upright.  Caller owns. */
static char *
epub_vertical_forms (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (out, ts_vertical_form (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

char *
epub_markup_dashes (const char *text)
{
  GString *out = g_string_new (NULL);
  gsize prev_at = 0;          /* where the last character's markup starts */
  gboolean have_prev = FALSE, open = FALSE;
  const char *p = text;

  while (*p)
    {
      const char *q = g_utf8_next_char (p);

      if (g_utf8_get_char (p) != 0x2014)
        {
          prev_at = out->len;
          xml_append_escaped (out, p, q - p);
          have_prev = TRUE;
          p = q;
          continue;
        }
      while (g_utf8_get_char (q) == 0x2014)
        q = g_utf8_next_char (q);
      if (!open && have_prev)
        {
          g_string_insert (out, prev_at, "<span class=\"nobr\">");
          open = TRUE;
        }
      g_string_append_len (out, p, q - p);
      if (q == g_utf8_next_char (p) && *q && open)
        {
          /* a connector (实践—科研): the character after it too */
          p = q;
          q = g_utf8_next_char (p);
          prev_at = out->len;
          xml_append_escaped (out, p, q - p);
          if (g_utf8_get_char (q) == 0x2014)
            {
              p = q;
              continue;   /* 开发—教学—科研: one span */
            }
        }
      if (open)
        g_string_append (out, "</span>");
      open = have_prev = FALSE;
      p = q;
    }
  if (open)
    g_string_append (out, "</span>");
  return g_string_free (out, FALSE);
}

/* Writes edition text: escaped; horizontal, with a dash kept off the
 * start of a line; vertical, with quotes in their vertical forms and
 * short numbers set upright (text-combine-upright). */
static void
epub_write_text (EpubBuild *b, XmlWriter *w, const char *text)
{
  g_autofree char *v = b->opts->vertical ? epub_vertical_forms (text) : NULL;
  g_autofree char *m = v ? epub_markup_tcy (v) : epub_markup_dashes (text);

  xml_writer_raw (w, m);
}

/* Writes one inline run with its style: strong → <b>, emphasis → <em>. */
static void
epub_write_run (EpubBuild *b, XmlWriter *w, const EdRun *run)
{
  if (run->flags & ED_RUN_STRONG)
    {
      xml_writer_start (w, "b", NULL);
      g_string_append (b->sans_text, run->text);
    }
  if (run->flags & ED_RUN_EMPH)
    {
      xml_writer_start (w, "em", NULL);
      g_string_append (b->kai_text, run->text);
      b->has_emph = TRUE;
    }
  epub_write_text (b, w, run->text);
  if (run->flags & ED_RUN_EMPH)
    xml_writer_end (w);
  if (run->flags & ED_RUN_STRONG)
    xml_writer_end (w);
}

/* Returns the href (relative to EPUB/) of the start of print page
 * @number, or NULL if the EPUB has no such page.  Caller owns. */
static char *
epub_page_href (const EpubBuild *b, guint number)
{
  for (guint i = 0; i < b->n_page_starts; i++)
    if (b->page_starts[i].number == number)
      {
        g_autofree char *href = epub_article_href (b->page_starts[i].article);

        return g_strdup_printf ("%s#page-%u", href, number);
      }
  return NULL;
}

gboolean
epub_has_page_list (const EpubBuild *b)
{
  return b->n_page_starts > 0;
}

/* The page-break markers of the print pages that start in @art at @block
 * (-1: before its header). */
static void
epub_write_page_breaks (EpubBuild *b, XmlWriter *w, const EdArticle *art, int block)
{
  for (guint i = 0; i < b->n_page_starts; i++)
    {
      const EpubPageStart *ps = &b->page_starts[i];
      g_autofree char *pid = NULL, *label = NULL;

      if (ps->article != art || ps->block != block)
        continue;
      pid = g_strdup_printf ("page-%u", ps->number);
      label = ps->label ? g_strdup (ps->label) : g_strdup_printf ("第%u版", ps->number);
      xml_writer_empty (w, "span", "epub:type", "pagebreak", "role", "doc-pagebreak",
                        "id", pid, "title", label, NULL);
      xml_writer_raw (w, "\n");
    }
}

/* Writes a note's text, turning a jump line ("见第4版", "转4版") into a
 * link to that page when the edition has it. */
static void
epub_write_note_text (EpubBuild *b, XmlWriter *w, const char *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  const char *p = text;

  g_regex_match (b->jump_re, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = 0, end = 0;
      g_autofree char *num = g_match_info_fetch (match, 1);
      g_autofree char *href = NULL;
      g_autofree char *rel = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      href = epub_page_href (b, (guint) g_ascii_strtoull (num, NULL, 10));
      if (href)
        {
          g_autofree char *before = g_strndup (p, text + start - p);
          g_autofree char *label = g_strndup (text + start, end - start);

          epub_write_text (b, w, before);
          rel = g_strconcat ("../", href, NULL);
          xml_writer_start (w, "a", "href", rel, NULL);
          epub_write_text (b, w, label);
          xml_writer_end (w);
          p = text + end;
        }
      g_match_info_next (match, NULL);
    }
  epub_write_text (b, w, p);
}

/* ------------------------------------------------------------- figures */

/* Returns the media type of an image from its first bytes, or NULL. */
static const char *
epub_image_media_type (const guint8 *d, gsize len, const char **ext)
{
  if (len >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    return *ext = "jpg", "image/jpeg";
  if (len >= 8 && !memcmp (d, "\x89PNG\r\n\x1a\n", 8))
    return *ext = "png", "image/png";
  if (len >= 6 && (!memcmp (d, "GIF87a", 6) || !memcmp (d, "GIF89a", 6)))
    return *ext = "gif", "image/gif";
  return NULL;
}

/* Copies a figure's image into the container once.  Returns the href
 * relative to the text/ folder (borrowed from b->images), NULL if the
 * format is not an EPUB core image type (the figure keeps its caption),
 * or NULL with @error if the file cannot be read. */
static const char *
epub_add_image (EpubBuild *b, const EdArticle *art, const EdBlock *block, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  const char *ext = NULL, *type;
  const char *known = g_hash_table_lookup (b->images, block->image);
  gsize len = 0;
  GError *local = NULL;

  if (known)
    return known;
  /* read as the loader checked it: never through a link (base/safe-io.h) */
  if (!eb_read_beneath (b->ed->dir ? b->ed->dir : ".", block->image, EB_IMAGE_MAX_BYTES,
                        &data, &len, &local))
    {
      eb_set_input_error (error, art->src_path, block->src_line, "image '%s' %s", block->image,
                          local->message);
      g_error_free (local);
      return NULL;
    }
  type = epub_image_media_type ((const guint8 *) data, len, &ext);
  if (!type)
    return NULL;
  id = g_strdup_printf ("fig-%u", g_hash_table_size (b->images) + 1);
  name = g_strdup_printf ("EPUB/images/%s.%s", id, ext);
  epub_add_entry (b, EPUB_RANK_IMAGE, name, g_bytes_new_take (g_steal_pointer (&data), len),
                  id, type, NULL);
  g_hash_table_insert (b->images, g_strdup (block->image),
                       g_strdup_printf ("../images/%s.%s", id, ext));
  b->has_images = TRUE;
  return g_hash_table_lookup (b->images, block->image);
}

static gboolean
epub_write_figure (EpubBuild *b, XmlWriter *w, const EdArticle *art,
                   const EdBlock *block, GError **error)
{
  const char *src = NULL;
  const char *caption = block->caption ? block->caption : "";

  if (block->image && b->entries != NULL)
    {
      GError *local = NULL;

      src = epub_add_image (b, art, block, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
    }
  xml_writer_start (w, "figure", NULL);
  if (src && !*caption)
    b->image_without_alt = TRUE;
  if (src)
    xml_writer_empty (w, "img", "src", src, "alt", caption, NULL);
  if (*caption || (block->credit && *block->credit))
    {
      xml_writer_start (w, "figcaption", NULL);
      g_string_append (b->kai_text, caption);
      if (block->credit)
        g_string_append (b->kai_text, block->credit);
      epub_write_text (b, w, caption);
      if (block->credit && *block->credit)
        {
          if (*caption)
            xml_writer_raw (w, " ");
          xml_writer_start (w, "span", "class", "credit", NULL);
          epub_write_text (b, w, block->credit);
          xml_writer_end (w);
        }
      xml_writer_end (w);
    }
  xml_writer_end (w);
  return TRUE;
}

/* ------------------------------------------------------------ documents */

/* Opens an XHTML content document up to and including <body>. */
static XmlWriter *
epub_xhtml_begin (EpubBuild *b, const char *title, const char *css_href,
                  const char *body_class)
{
  XmlWriter *w = xml_writer_new (XML_MODE_XML);

  xml_writer_declaration (w);
  xml_writer_raw (w, "<!DOCTYPE html>\n");
  xml_writer_start (w, "html", "xmlns", "http://www.w3.org/1999/xhtml",
                    "xmlns:epub", "http://www.idpf.org/2007/ops",
                    "xml:lang", b->ed->language, "lang", b->ed->language, NULL);
  xml_writer_raw (w, "\n");
  xml_writer_start (w, "head", NULL);
  xml_writer_raw (w, "\n");
  xml_writer_element (w, "title", title, NULL);
  xml_writer_raw (w, "\n");
  xml_writer_empty (w, "link", "rel", "stylesheet", "type", "text/css",
                    "href", css_href, NULL);
  xml_writer_raw (w, "\n");
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  xml_writer_start (w, "body", "class", body_class, NULL);
  xml_writer_raw (w, "\n");
  return w;
}

/* Closes <body> and <html>; returns the document (caller owns). */
static char *
epub_xhtml_end (XmlWriter *w)
{
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  return xml_writer_finish (w, NULL);
}

/* Writes <tag class=…>text</tag> for an optional headline field. */
static void
epub_write_header_line (EpubBuild *b, XmlWriter *w, const char *tag,
                        const char *klass, const char *text, GString *face_text)
{
  if (!text || !*text)
    return;
  xml_writer_start (w, tag, "class", klass, NULL);
  epub_write_text (b, w, text);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  if (face_text)
    g_string_append (face_text, text);
}

static void
epub_write_header (EpubBuild *b, XmlWriter *w, const EdArticle *art)
{
  xml_writer_start (w, "header", NULL);
  xml_writer_raw (w, "\n");
  epub_write_header_line (b, w, "p", "badge", art->badge, b->sans_text);
  epub_write_header_line (b, w, "p", "kicker", art->kicker, b->kai_text);
  epub_write_header_line (b, w, "h1", art->lead ? "lead" : NULL, art->title, b->sans_text);
  epub_write_header_line (b, w, "p", "subtitle", art->subtitle, b->kai_text);
  epub_write_header_line (b, w, "p", "byline", art->byline, NULL);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

/* Writes the runs of a paragraph, heading or note block. */
static void
epub_write_runs (EpubBuild *b, XmlWriter *w, const EdBlock *block, gboolean note)
{
  for (guint i = 0; i < block->runs->len; i++)
    {
      const EdRun *run = g_ptr_array_index (block->runs, i);

      if (note && run->flags == ED_RUN_PLAIN)
        epub_write_note_text (b, w, run->text);
      else
        epub_write_run (b, w, run);
    }
}

static gboolean
epub_write_block (EpubBuild *b, XmlWriter *w, const EdArticle *art,
                  const EdBlock *block, gboolean first_para, GError **error)
{
  switch (block->kind)
    {
    case ED_BLOCK_PARAGRAPH:
      xml_writer_start (w, "p", NULL);
      if (first_para && art->dateline && *art->dateline)
        {
          xml_writer_start (w, "b", "class", "dateline", NULL);
          epub_write_text (b, w, art->dateline);
          xml_writer_end (w);
          g_string_append (b->sans_text, art->dateline);
        }
      epub_write_runs (b, w, block, FALSE);
      xml_writer_end (w);
      break;
    case ED_BLOCK_HEADING:
      {
        char tag[4] = { 'h', (char) ('0' + CLAMP (block->level, 2, 6)), 0, 0 };
        g_autofree char *text = ed_block_text (block);

        g_string_append (b->sans_text, text);
        xml_writer_start (w, tag, NULL);
        epub_write_runs (b, w, block, FALSE);
        xml_writer_end (w);
      }
      break;
    case ED_BLOCK_FIGURE:
      if (!epub_write_figure (b, w, art, block, error))
        return FALSE;
      break;
    case ED_BLOCK_NOTE:
      /* a div with role note, not an aside: several asides in one
       * document are landmarks without names (axe landmark-unique) */
      xml_writer_start (w, "div", "class", "note", "role", "note", NULL);
      xml_writer_start (w, "p", NULL);
      epub_write_runs (b, w, block, TRUE);
      xml_writer_end (w);
      xml_writer_end (w);
      break;
    }
  xml_writer_raw (w, "\n");
  return TRUE;
}

/* The dateline runs into the first paragraph; with no paragraph before
 * anything else, it stands alone before the blocks. */
static gboolean
epub_dateline_needs_own_paragraph (const EdArticle *art)
{
  if (!art->dateline || !*art->dateline)
    return FALSE;
  for (guint i = 0; i < art->blocks->len; i++)
    if (((const EdBlock *) g_ptr_array_index (art->blocks, i))->kind == ED_BLOCK_PARAGRAPH)
      return FALSE;
  return TRUE;
}

/* Returns the article element of @art ("<article id=…>…</article>\n":
 * header, dateline, blocks) — the body of its XHTML document and the web
 * reader's article text.  Figure images are added to the container unless
 * b->entries is NULL (standalone fragment: captions only).  Caller owns. */
static char *
epub_article_fragment (EpubBuild *b, const EdArticle *art, GError **error)
{
  g_autofree char *id = g_strdup_printf ("a-%s", art->id);
  g_autoptr (XmlWriter) w = xml_writer_new (XML_MODE_XML);
  gboolean first_para = TRUE;

  xml_writer_start (w, "article", "id", art->id[0] ? id : NULL, NULL);
  xml_writer_raw (w, "\n");
  /* the page banner (通栏标题) opens the first article of its page */
  if (art->page >= 1 && art->page <= b->ed->pages->len)
    {
      const EdPage *page = g_ptr_array_index (b->ed->pages, art->page - 1);

      if (page->articles->len && g_ptr_array_index (page->articles, 0) == art)
        epub_write_header_line (b, w, "p", "banner", page->banner, b->sans_text);
    }
  epub_write_header (b, w, art);
  if (epub_dateline_needs_own_paragraph (art))
    epub_write_header_line (b, w, "p", "dateline", art->dateline, b->sans_text);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *block = g_ptr_array_index (art->blocks, i);

      epub_write_page_breaks (b, w, art, (int) i);
      if (!epub_write_block (b, w, art, block, first_para, error))
        return NULL;
      if (block->kind == ED_BLOCK_PARAGRAPH)
        first_para = FALSE;
    }
  /* 落款: each line flush right */
  for (guint i = 0; art->signature && art->signature[i]; i++)
    epub_write_header_line (b, w, "p", "signature", art->signature[i], NULL);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  return xml_writer_finish (g_steal_pointer (&w), NULL);
}

static gboolean
epub_write_article (EpubBuild *b, const EdArticle *art, GError **error)
{
  g_autofree char *href = epub_article_href (art);
  g_autofree char *name = g_strconcat ("EPUB/", href, NULL);
  g_autofree char *id = g_strdup_printf ("a-%s", art->id);
  g_autoptr (XmlWriter) w = epub_xhtml_begin (b, art->title, "../css/epub.css", NULL);
  g_autofree char *fragment = NULL;

  epub_write_page_breaks (b, w, art, -1);
  fragment = epub_article_fragment (b, art, error);
  if (fragment == NULL)
    return FALSE;
  xml_writer_raw (w, fragment);
  epub_add_text_entry (b, EPUB_RANK_ARTICLE, name,
                       epub_xhtml_end (g_steal_pointer (&w)), id, EPUB_XHTML_TYPE, NULL);
  return TRUE;
}

static gboolean
epub_write_articles (EpubBuild *b, GError **error)
{
  for (guint i = 0; i < b->ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (b->ed->pages, i);

      g_string_append (b->sans_text, page->section);
      for (guint j = 0; j < page->articles->len; j++)
        if (!epub_write_article (b, g_ptr_array_index (page->articles, j), error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
epub_add_cover (EpubBuild *b, GError **error)
{
  g_autofree char *title = epub_title (b->ed);
  g_autofree char *alt = g_strdup_printf ("%s 封面", title);
  g_autofree char *name = NULL, *src = NULL;
  const char *type = NULL, *ext = NULL;
  GBytes *img = NULL;
  XmlWriter *w;

  if (b->opts->cover_image && g_file_test (b->opts->cover_image, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr (GMappedFile) map = g_mapped_file_new (b->opts->cover_image, FALSE, NULL);
      const guint8 *data = NULL;
      gsize len = 0;

      if (map)
        img = g_mapped_file_get_bytes (map);
      if (img)
        data = g_bytes_get_data (img, &len);
      type = img ? epub_image_media_type (data, len, &ext) : NULL;
      if (img && (!type || !strcmp (type, "image/gif")))
        g_clear_pointer (&img, g_bytes_unref);
    }
  if (!img)
    {
      const FontsSetup *fonts = NULL;

      if (!epub_load_fonts (b, &fonts, error))
        return FALSE;
      img = epub_cover_render (b->ed, fonts, error);
      type = "image/png", ext = "png";
    }
  if (!img)
    return FALSE;
  name = g_strdup_printf ("EPUB/images/cover.%s", ext);
  src = g_strdup_printf ("../images/cover.%s", ext);
  epub_add_entry (b, EPUB_RANK_COVER_IMAGE, name, img, "cover-image", type, "cover-image");
  w = epub_xhtml_begin (b, title, "../css/epub.css", "cover");
  xml_writer_start (w, "section", "epub:type", "cover", "class", "cover", NULL);
  xml_writer_empty (w, "img", "src", src, "alt", alt, NULL);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
  epub_add_text_entry (b, EPUB_RANK_COVER, "EPUB/text/cover.xhtml", epub_xhtml_end (w),
                       "cover", EPUB_XHTML_TYPE, NULL);
  return TRUE;
}

/* ---------------------------------------------------------- navigation */

/* The first article in reading order (page order), or NULL. */
const EdArticle *
epub_first_article (const EdEdition *ed)
{
  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, i);

      if (page->articles->len > 0)
        return g_ptr_array_index (page->articles, 0);
    }
  return NULL;
}

static void
epub_nav_toc (EpubBuild *b, XmlWriter *w)
{
  xml_writer_start (w, "nav", "epub:type", "toc", "id", "toc", "role", "doc-toc", NULL);
  xml_writer_raw (w, "\n");
  xml_writer_element (w, "h1", "目录", NULL);
  xml_writer_raw (w, "\n");
  xml_writer_start (w, "ol", NULL);
  xml_writer_raw (w, "\n");
  for (guint i = 0; i < b->ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (b->ed->pages, i);
      g_autofree char *href = NULL;
      g_autofree char *label = g_strdup_printf ("第%u版　%s", page->number, page->section);

      if (page->articles->len == 0)
        continue;   /* a page without articles has nothing to show */
      /* The document itself, not #page-N: the first article's entry points
       * there too, and a TOC must not step backwards (epubcheck NAV-011). */
      href = epub_article_href (g_ptr_array_index (page->articles, 0));
      xml_writer_start (w, "li", NULL);
      xml_writer_start (w, "a", "href", href, NULL);
      epub_write_text (b, w, label);
      xml_writer_end (w);
      xml_writer_raw (w, "\n");
      xml_writer_start (w, "ol", NULL);
      for (guint j = 0; j < page->articles->len; j++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, j);
          g_autofree char *ahref = epub_article_href (art);

          xml_writer_start (w, "li", NULL);
          xml_writer_start (w, "a", "href", ahref, NULL);
          epub_write_text (b, w, art->title);
          xml_writer_end (w);
          xml_writer_end (w);
          xml_writer_raw (w, "\n");
        }
      xml_writer_end (w);
      xml_writer_end (w);
      xml_writer_raw (w, "\n");
    }
  if (!epub_first_article (b->ed))
    {
      /* An edition without articles: a TOC list may not be empty. */
      xml_writer_start (w, "li", NULL);
      xml_writer_element (w, "a", "封面", "href", "text/cover.xhtml", NULL);
      xml_writer_end (w);
      xml_writer_raw (w, "\n");
    }
  xml_writer_end (w);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

static void
epub_nav_landmarks (EpubBuild *b, XmlWriter *w)
{
  const EdArticle *first = epub_first_article (b->ed);

  xml_writer_start (w, "nav", "epub:type", "landmarks", "id", "landmarks",
                    "hidden", "hidden", NULL);
  xml_writer_element (w, "h2", "导览", NULL);
  xml_writer_start (w, "ol", NULL);
  xml_writer_start (w, "li", NULL);
  xml_writer_element (w, "a", "封面", "epub:type", "cover", "href", "text/cover.xhtml", NULL);
  xml_writer_end (w);
  xml_writer_start (w, "li", NULL);
  xml_writer_element (w, "a", "目录", "epub:type", "toc", "href", "#toc", NULL);
  xml_writer_end (w);
  if (first)
    {
      g_autofree char *href = epub_article_href (first);

      xml_writer_start (w, "li", NULL);
      xml_writer_element (w, "a", "正文", "epub:type", "bodymatter", "href", href, NULL);
      xml_writer_end (w);
    }
  xml_writer_end (w);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

static void
epub_nav_page_list (EpubBuild *b, XmlWriter *w)
{
  xml_writer_start (w, "nav", "epub:type", "page-list", "id", "page-list",
                    "hidden", "hidden", NULL);
  xml_writer_element (w, "h2", "版面", NULL);
  xml_writer_start (w, "ol", NULL);
  for (guint i = 0; i < b->n_page_starts; i++)
    {
      const EpubPageStart *ps = &b->page_starts[i];
      g_autofree char *href = epub_page_href (b, ps->number);
      g_autofree char *label = ps->label ? g_strdup (ps->label)
                                         : g_strdup_printf ("第%u版", ps->number);

      xml_writer_start (w, "li", NULL);
      xml_writer_element (w, "a", label, "href", href, NULL);
      xml_writer_end (w);
    }
  xml_writer_end (w);
  xml_writer_end (w);
  xml_writer_raw (w, "\n");
}

static void
epub_add_nav (EpubBuild *b)
{
  g_autofree char *title = epub_title (b->ed);
  XmlWriter *w = epub_xhtml_begin (b, title, "css/epub.css", "nav");

  g_string_append (b->sans_text, "目录导览封面正文版面第");
  epub_nav_toc (b, w);
  epub_nav_landmarks (b, w);
  char *doc;

  if (epub_has_page_list (b))
    epub_nav_page_list (b, w);
  doc = epub_xhtml_end (w);
  g_string_append (b->medium_text, doc);   /* the links are set in the sans, regular */
  epub_add_text_entry (b, EPUB_RANK_NAV, "EPUB/nav.xhtml", doc, "nav", EPUB_XHTML_TYPE, "nav");
}

gint
epub_entry_compare (gconstpointer a, gconstpointer b)
{
  const EpubEntry *x = *(EpubEntry *const *) a, *y = *(EpubEntry *const *) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ----------------------------------------------------------- container */

static const char epub_container_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
  "  <rootfiles>\n"
  "    <rootfile full-path=\"" EPUB_OPF_PATH "\" media-type=\"application/oebps-package+xml\"/>\n"
  "  </rootfiles>\n"
  "</container>\n";

/* Sets every entry's DOS timestamp to noon of the edition date. */
static void
epub_zip_dostime (const EdEdition *ed, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
  guint year = g_date_get_year (&ed->gdate);

  if (year < 1980 || year > 2107)
    {
      *ddate = (zip_uint16_t) ((0 << 9) | (1 << 5) | 1);
      *dtime = 0;
      return;
    }
  *ddate = (zip_uint16_t) (((year - 1980) << 9) | (g_date_get_month (&ed->gdate) << 5)
                           | g_date_get_day (&ed->gdate));
  *dtime = (zip_uint16_t) (12 << 11);
}

static gboolean
epub_zip_fail (zip_error_t *zerr, GError **error)
{
  g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "EPUB container: %s",
               zip_error_strerror (zerr));
  return FALSE;
}

static gboolean
epub_zip_add (zip_t *za, const char *name, GBytes *data, zip_uint16_t dtime,
              zip_uint16_t ddate, GError **error)
{
  gsize len = 0;
  const void *d = g_bytes_get_data (data, &len);
  zip_source_t *src = zip_source_buffer (za, d, len, 0);
  zip_int64_t idx;
  /* the mimetype entry must be stored; pictures are compressed already
   * (deflating a PNG cover again at level 9 cost ~45 M instructions and
   * saved 1%) */
  gboolean store = !strcmp (name, "mimetype") || g_str_has_suffix (name, ".png")
                   || g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".gif");

  if (!src)
    return epub_zip_fail (zip_get_error (za), error);
  idx = zip_file_add (za, name, src, 0);
  if (idx < 0)
    {
      zip_source_free (src);
      return epub_zip_fail (zip_get_error (za), error);
    }
  if (zip_set_file_compression (za, (zip_uint64_t) idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                store ? 0 : 9) < 0
      || zip_file_set_dostime (za, (zip_uint64_t) idx, dtime, ddate, 0) < 0)
    return epub_zip_fail (zip_get_error (za), error);
  return TRUE;
}

/* Reads the whole of a (closed) zip source into bytes. */
static GBytes *
epub_zip_source_bytes (zip_source_t *src, GError **error)
{
  zip_stat_t st;
  guint8 *buf;
  zip_int64_t n;

  zip_stat_init (&st);
  if (zip_source_stat (src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)
      || zip_source_open (src) < 0)
    {
      epub_zip_fail (zip_source_error (src), error);
      return NULL;
    }
  buf = g_malloc (st.size ? st.size : 1);
  n = zip_source_read (src, buf, st.size);
  zip_source_close (src);
  if (n < 0 || (zip_uint64_t) n != st.size)
    {
      g_free (buf);
      epub_zip_fail (zip_source_error (src), error);
      return NULL;
    }
  return g_bytes_new_take (buf, st.size);
}

static GBytes *
epub_zip (EpubBuild *b, GError **error)
{
  zip_error_t zerr;
  zip_source_t *out;
  zip_t *za;
  zip_uint16_t dtime, ddate;
  GBytes *mimetype = g_bytes_new_static ("application/epub+zip", 20);
  GBytes *container = g_bytes_new_static (epub_container_xml, sizeof epub_container_xml - 1);
  gboolean ok;
  GBytes *result = NULL;

  zip_error_init (&zerr);
  out = zip_source_buffer_create (NULL, 0, 0, &zerr);
  if (!out)
    {
      epub_zip_fail (&zerr, error);
      return NULL;
    }
  zip_source_keep (out);
  za = zip_open_from_source (out, ZIP_TRUNCATE, &zerr);
  if (!za)
    {
      zip_source_free (out);
      epub_zip_fail (&zerr, error);
      zip_error_fini (&zerr);
      return NULL;
    }
  epub_zip_dostime (b->ed, &dtime, &ddate);
  ok = epub_zip_add (za, "mimetype", mimetype, dtime, ddate, error)
       && epub_zip_add (za, "META-INF/container.xml", container, dtime, ddate, error);
  for (guint i = 0; ok && i < b->entries->len; i++)
    {
      const EpubEntry *e = g_ptr_array_index (b->entries, i);

      ok = epub_zip_add (za, e->name, e->data, dtime, ddate, error);
    }
  if (ok && zip_close (za) < 0)
    ok = epub_zip_fail (zip_get_error (za), error);
  if (!ok)
    zip_discard (za);
  else
    result = epub_zip_source_bytes (out, error);
  zip_source_free (out);
  g_bytes_unref (mimetype);
  g_bytes_unref (container);
  zip_error_fini (&zerr);
  return result;
}

/* ---------------------------------------------------------------- build */

/* The print pages: from the composition (opts->page_starts), else every
 * edition page with articles starts at its first article. */
static void
epub_build_page_starts (EpubBuild *b)
{
  if (b->opts->page_starts)
    {
      b->page_starts = b->opts->page_starts;
      b->n_page_starts = b->opts->n_page_starts;
      return;
    }
  b->own_starts = g_array_new (FALSE, TRUE, sizeof (EpubPageStart));
  for (guint i = 0; i < b->ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (b->ed->pages, i);
      EpubPageStart ps = { NULL, -1, page->number, NULL };

      if (page->articles->len == 0)
        continue;
      ps.article = g_ptr_array_index (page->articles, 0);
      g_array_append_val (b->own_starts, ps);
    }
  b->page_starts = (const EpubPageStart *) b->own_starts->data;
  b->n_page_starts = b->own_starts->len;
}

/* Sets up @b for @ed; without @container only article fragments can be
 * written (no entries, no images). */
static void
epub_build_init (EpubBuild *b, const EdEdition *ed, const EpubOptions *opts,
                 gboolean container)
{
  b->ed = ed;
  b->opts = opts;
  if (container)
    b->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) epub_entry_free);
  b->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b->sans_text = g_string_new (NULL);
  b->medium_text = g_string_new (NULL);
  b->kai_text = g_string_new (NULL);
  b->font_files = g_ptr_array_new_with_free_func (g_free);
  epub_build_page_starts (b);
  b->all_text = g_string_new (NULL);
  b->jump_re = g_regex_new ("(?:见|转|接|详见)第?([0-9]{1,3})版", G_REGEX_OPTIMIZE, 0, NULL);
}

static void
epub_build_clear (EpubBuild *b)
{
  if (b->entries != NULL)
    g_ptr_array_unref (b->entries);
  g_hash_table_unref (b->images);
  g_string_free (b->sans_text, TRUE);
  g_string_free (b->medium_text, TRUE);
  g_string_free (b->kai_text, TRUE);
  g_ptr_array_unref (b->font_files);
  if (b->own_starts)
    g_array_unref (b->own_starts);
  g_string_free (b->all_text, TRUE);
  g_regex_unref (b->jump_re);
  fonts_setup_free (b->fonts);
}

GBytes *
epub_build (const EdEdition *ed, const EpubOptions *opts, GError **error)
{
  EpubBuild b = { 0 };
  GBytes *result = NULL;
  gboolean ok;

  g_return_val_if_fail (ed != NULL && opts != NULL, NULL);
  epub_build_init (&b, ed, opts, TRUE);
  ok = epub_write_articles (&b, error) && epub_add_cover (&b, error);
  if (ok)
    {
      epub_add_nav (&b);
      ok = !opts->embed_fonts || epub_add_fonts (&b, error);
      if (ok)
        epub_add_css (&b);   /* the CSS names the embedded font files */
    }
  if (ok)
    {
      g_ptr_array_sort (b.entries, epub_entry_compare);
      epub_add_opf (&b);
      g_ptr_array_sort (b.entries, epub_entry_compare);
      result = epub_zip (&b, error);
    }
  epub_build_clear (&b);
  return result;
}

char *
epub_article_xhtml (const EdEdition *ed, const EdArticle *art, const EpubOptions *opts)
{
  static const EpubOptions defaults = { 0 };
  EpubBuild b = { 0 };
  char *fragment;

  g_return_val_if_fail (ed != NULL && art != NULL, NULL);
  epub_build_init (&b, ed, opts ? opts : &defaults, FALSE);
  fragment = epub_article_fragment (&b, art, NULL);
  epub_build_clear (&b);
  g_assert (fragment != NULL);   /* only reading a figure image can fail */
  return fragment;
}

gboolean
epub_write (const EdEdition *ed, const EpubOptions *opts, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = epub_build (ed, opts, error);
  gsize len = 0;
  const void *data;

  if (!bytes)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return eb_write_file_atomic (path, data, len, error);
}
