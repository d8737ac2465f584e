/* test-epub.c — the EPUB 3 packager: container, package, navigation,
 * content fidelity, escaping of hostile text, vertical mode, fonts. */
#include "epub/epub.h"
#include "typeset/typeset.h"
#include "base/errors.h"
#include "import/import.h"
#include "testutil.h"

#include <cairo.h>
#include <hb.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* ------------------------------------------------------------ helpers */

/* Builds with the project's font configuration (fonts/), as the CLI does. */
static GBytes *
test_build (const EdEdition *ed, gboolean vertical, gboolean fonts, const char *cover)
{
  g_autofree char *fonts_dir = tu_path ("fonts");
  EpubOptions opts = { vertical, fonts, cover, fonts_dir, NULL, 0 };
  g_autoptr (GError) error = NULL;
  GBytes *bytes = epub_build (ed, &opts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Opens the container for reading; the bytes must outlive the archive. */
static zip_t *
test_zip_open (GBytes *bytes)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);
  zip_error_t zerr;
  zip_source_t *src;
  zip_t *za;

  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  g_assert_nonnull (src);
  za = zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  g_assert_nonnull (za);
  zip_error_fini (&zerr);
  return za;
}

/* Returns an entry's contents (NUL-terminated; caller owns), or NULL. */
static char *
test_zip_read (zip_t *za, const char *name, gsize *len_out)
{
  zip_stat_t st;
  zip_file_t *f;
  char *buf;

  if (zip_stat (za, name, 0, &st) < 0)
    return NULL;
  buf = g_malloc (st.size + 1);
  f = zip_fopen (za, name, 0);
  g_assert_nonnull (f);
  g_assert_cmpint (zip_fread (f, buf, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (f);
  buf[st.size] = '\0';
  if (len_out)
    *len_out = st.size;
  return buf;
}

static char *
test_epub_entry (GBytes *epub, const char *name)
{
  zip_t *za = test_zip_open (epub);
  char *s = test_zip_read (za, name, NULL);

  zip_discard (za);
  g_assert_nonnull (s);
  return s;
}

/* Collects the character data inside <body> of an XHTML document. */
typedef struct {
  GString *text;
  guint    in_body;
} TestText;

static void
test_text_start (GMarkupParseContext *ctx, const char *name, const char **an,
                 const char **av, gpointer data, GError **error)
{
  TestText *t = data;

  (void) ctx; (void) an; (void) av; (void) error;
  if (t->in_body || !strcmp (name, "body"))
    t->in_body++;
}

static void
test_text_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  TestText *t = data;

  (void) ctx; (void) name; (void) error;
  if (t->in_body)
    t->in_body--;
}

static void
test_text_chars (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
                 GError **error)
{
  TestText *t = data;

  (void) ctx; (void) error;
  if (t->in_body)
    g_string_append_len (t->text, text, len);
}

/* Returns @s without white space (caller owns). */
static char *
test_strip_space (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Parses an XHTML document (failing the test if it is not well-formed)
 * and returns its body text without white space.  Caller owns. */
static char *
test_body_text (const char *xhtml)
{
  static const GMarkupParser parser = {
    test_text_start, test_text_end, test_text_chars, NULL, NULL,
  };
  TestText t = { g_string_new (NULL), 0 };
  g_autoptr (GError) error = NULL;
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &t, NULL);
  g_autofree char *raw = NULL;

  g_markup_parse_context_parse (ctx, xhtml, -1, &error);
  if (!error)
    g_markup_parse_context_end_parse (ctx, &error);
  g_assert_no_error (error);
  g_markup_parse_context_free (ctx);
  raw = g_string_free (t.text, FALSE);
  return test_strip_space (raw);
}

/* The text of @art (of @ed) the model holds, in reading order, without
 * white space and with the characters XML cannot carry removed: its page's
 * banner if it opens the page, its badge, header, body and 落款. */
static char *
test_model_text (const EdEdition *ed, const EdArticle *art)
{
  GString *s = g_string_new (NULL);
  g_autofree char *raw = NULL;
  GString *clean = g_string_new (NULL);

  if (art->page >= 1 && art->page <= ed->pages->len)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, art->page - 1);

      if (page->banner && page->articles->len && g_ptr_array_index (page->articles, 0) == art)
        g_string_append (s, page->banner);
    }
  g_string_append (s, art->badge ? art->badge : "");
  g_string_append (s, art->kicker ? art->kicker : "");
  g_string_append (s, art->title);
  g_string_append (s, art->subtitle ? art->subtitle : "");
  g_string_append (s, art->byline ? art->byline : "");
  /* The dateline runs into the first paragraph (after the header when
   * the article has no paragraph). */
  {
    const char *dateline = art->dateline ? art->dateline : "";
    gboolean has_para = FALSE;

    for (guint i = 0; i < art->blocks->len; i++)
      has_para |= ((const EdBlock *) g_ptr_array_index (art->blocks, i))->kind
                  == ED_BLOCK_PARAGRAPH;
    if (!has_para)
      g_string_append (s, dateline);
    for (guint i = 0; i < art->blocks->len; i++)
      {
        const EdBlock *block = g_ptr_array_index (art->blocks, i);
        g_autofree char *text = ed_block_text (block);

        if (block->kind == ED_BLOCK_PARAGRAPH && has_para)
          {
            g_string_append (s, dateline);
            dateline = "";
          }
        g_string_append (s, text);
      }
  }
  for (guint i = 0; art->signature && art->signature[i]; i++)
    g_string_append (s, art->signature[i]);
  raw = g_string_free (s, FALSE);
  for (const char *p = raw; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x20 && c < 0x7f) || c > 0x9f || c == '\n' || c == '\t')
        g_string_append_unichar (clean, c);
    }
  {
    g_autofree char *c = g_string_free (clean, FALSE);

    return test_strip_space (c);
  }
}

/* @s with quotes in their vertical forms (a vertical EPUB sets “” as 『』,
 * as the typesetter does): the text both EPUBs must hold.  Caller owns. */
static char *
test_vertical_forms (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (out, ts_vertical_form (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

/* Checks every article's XHTML against the model. */
static void
test_check_fidelity (const EdEdition *ed, GBytes *epub)
{
  zip_t *za = test_zip_open (epub);
  zip_int64_t last_index = -1;

  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, i);

      for (guint j = 0; j < page->articles->len; j++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, j);
          g_autofree char *href = epub_article_href (art);
          g_autofree char *name = g_strconcat ("EPUB/", href, NULL);
          g_autofree char *xhtml = test_zip_read (za, name, NULL);
          g_autofree char *got = NULL;
          g_autofree char *want = test_model_text (ed, art);
          zip_int64_t index = zip_name_locate (za, name, 0);

          g_assert_nonnull (xhtml);
          got = test_body_text (xhtml);
          {
            g_autofree char *vgot = test_vertical_forms (got);
            g_autofree char *vwant = test_vertical_forms (want);

            g_assert_cmpstr (vgot, ==, vwant);
          }
          /* Articles are stored in reading order. */
          g_assert_cmpint (index, >, last_index);
          last_index = index;
        }
    }
  zip_discard (za);
}

/* -------------------------------------------------------------- tests */

static void
test_container (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) epub = test_build (ed, FALSE, FALSE, NULL);
  gsize len = 0;
  const guint8 *d = g_bytes_get_data (epub, &len);
  zip_t *za = test_zip_open (epub);
  zip_int64_t n = zip_get_num_entries (za, 0);
  zip_stat_t st;
  g_autofree char *container = NULL;

  /* OCF: the first local header is "mimetype", stored, no extra field,
   * its content right after the name at offset 38. */
  g_assert_cmpuint (len, >, 100);
  g_assert_true (memcmp (d, "PK\x03\x04", 4) == 0);
  g_assert_cmpint (d[8] | d[9] << 8, ==, 0);      /* method: stored */
  g_assert_cmpint (d[26] | d[27] << 8, ==, 8);    /* name length */
  g_assert_cmpint (d[28] | d[29] << 8, ==, 0);    /* extra length */
  g_assert_true (memcmp (d + 30, "mimetypeapplication/epub+zip", 28) == 0);

  g_assert_cmpstr (zip_get_name (za, 0, 0), ==, "mimetype");
  g_assert_cmpstr (zip_get_name (za, 1, 0), ==, "META-INF/container.xml");
  g_assert_cmpstr (zip_get_name (za, 2, 0), ==, EPUB_OPF_PATH);
  container = test_zip_read (za, "META-INF/container.xml", NULL);
  g_assert_nonnull (strstr (container, "full-path=\"" EPUB_OPF_PATH "\""));
  for (zip_int64_t i = 0; i < n; i++)
    {
      struct tm tm;

      g_assert_cmpint (zip_stat_index (za, (zip_uint64_t) i, 0, &st), ==, 0);
      /* mimetype and pictures (compressed already) are stored */
      gboolean stored = i == 0 || g_str_has_suffix (st.name, ".png")
                        || g_str_has_suffix (st.name, ".jpg") || g_str_has_suffix (st.name, ".gif");
      g_assert_cmpint (st.comp_method, ==, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
      /* Fixed timestamp: noon of the edition date, never the clock. */
      localtime_r (&st.mtime, &tm);
      g_assert_cmpint (tm.tm_year + 1900, ==, 2025);
      g_assert_cmpint (tm.tm_mon + 1, ==, 2);
      g_assert_cmpint (tm.tm_mday, ==, 18);
      g_assert_cmpint (tm.tm_hour, ==, 12);
    }
  zip_discard (za);
}

static void
test_deterministic (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) a = test_build (ed, FALSE, FALSE, NULL);
  g_autoptr (GBytes) b = test_build (ed, FALSE, FALSE, NULL);
  g_autoptr (GBytes) va = test_build (ed, TRUE, TRUE, NULL);
  g_autoptr (GBytes) vb = test_build (ed, TRUE, TRUE, NULL);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (va, vb));
  g_assert_false (g_bytes_equal (a, va));
}

static void
test_write_file (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *p1 = g_build_filename (tmp, "one.epub", NULL);
  g_autofree char *p2 = g_build_filename (tmp, "two.epub", NULL);
  g_autofree char *bad = g_build_filename (tmp, "missing", "x.epub", NULL);
  g_autofree char *c1 = NULL, *c2 = NULL;
  gsize l1 = 0, l2 = 0;
  EpubOptions opts = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  guint files = 0;

  g_assert_true (epub_write (ed, &opts, p1, &error));
  g_assert_no_error (error);
  g_assert_true (epub_write (ed, &opts, p2, &error));
  g_assert_true (g_file_get_contents (p1, &c1, &l1, NULL));
  g_assert_true (g_file_get_contents (p2, &c2, &l2, NULL));
  g_assert_cmpmem (c1, l1, c2, l2);
  /* No temporary files left behind. */
  dir = g_dir_open (tmp, 0, NULL);
  while (g_dir_read_name (dir))
    files++;
  g_assert_cmpuint (files, ==, 2);
  g_assert_false (epub_write (ed, &opts, bad, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_OUTPUT);
  tu_rm_rf (tmp);
}

static void
test_identifier (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *id1 = epub_identifier (ed);
  g_autofree char *id2 = epub_identifier (ed);
  g_autofree char *id3 = NULL;
  g_autoptr (GBytes) epub = test_build (ed, FALSE, FALSE, NULL);
  g_autofree char *opf = test_epub_entry (epub, EPUB_OPF_PATH);
  g_autofree char *dc = g_strdup_printf ("<dc:identifier id=\"pub-id\">%s</dc:identifier>", id1);

  g_assert_cmpstr (id1, ==, id2);
  g_assert_true (g_regex_match_simple (
    "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
    id1, 0, 0));
  g_assert_nonnull (strstr (opf, dc));
  g_free (ed->date);
  ed->date = g_strdup ("2025-02-19");
  id3 = epub_identifier (ed);
  g_assert_cmpstr (id1, !=, id3);
}

static void
test_package_metadata (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) epub = test_build (ed, FALSE, FALSE, NULL);
  g_autofree char *opf = test_epub_entry (epub, EPUB_OPF_PATH);
  static const char *const want[] = {
    "version=\"3.0\"",
    "<dc:title id=\"title\">吕梁日报 2025年2月18日</dc:title>",
    "<dc:language>zh-CN</dc:language>",
    "<dc:date>2025-02-18</dc:date>",
    "<dc:publisher>中共吕梁市委</dc:publisher>",
    ">罗丽</dc:creator>",
    ">张娟娟</dc:creator>",
    "<meta property=\"dcterms:modified\">2025-02-18T00:00:00Z</meta>",
    "<meta property=\"schema:accessMode\">textual</meta>",
    "<meta property=\"schema:accessModeSufficient\">textual</meta>",
    "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>",
    "<meta property=\"schema:accessibilityFeature\">readingOrder</meta>",
    "<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>",
    "<meta property=\"schema:accessibilityHazard\">none</meta>",
    "<meta property=\"schema:accessibilitySummary\">",
    "properties=\"cover-image\"",
    "properties=\"nav\"",
    "<spine page-progression-direction=\"ltr\">\n"
    "    <itemref idref=\"cover\"/>\n    <itemref idref=\"nav\"/>\n"
    "    <itemref idref=\"a-tech-transfer\"/>\n    <itemref idref=\"a-natural-gas\"/>\n"
    "    <itemref idref=\"a-committee-voices\"/>\n  </spine>",
    NULL,
  };

  for (guint i = 0; want[i]; i++)
    if (!strstr (opf, want[i]))
      g_error ("package.opf lacks %s:\n%s", want[i], opf);
  /* Each byline name once, however many articles carry it. */
  g_assert_null (strstr (strstr (opf, ">罗丽</dc:creator>") + 1, ">罗丽</dc:creator>"));
  /* The whole package is well-formed XML. */
  g_free (test_body_text (opf));
}

static void
test_text_fidelity (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) h = test_build (ed, FALSE, FALSE, NULL);
  g_autoptr (GBytes) v = test_build (ed, TRUE, FALSE, NULL);

  test_check_fidelity (ed, h);
  test_check_fidelity (ed, v);
}

static void
test_article_markup (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) epub = test_build (ed, FALSE, FALSE, NULL);
  g_autofree char *lead = test_epub_entry (epub, "EPUB/text/a-tech-transfer.xhtml");
  g_autofree char *gas = test_epub_entry (epub, "EPUB/text/a-natural-gas.xhtml");
  g_autofree char *voices = test_epub_entry (epub, "EPUB/text/a-committee-voices.xhtml");

  g_assert_nonnull (strstr (lead, "<html xmlns=\"http://www.w3.org/1999/xhtml\""));
  g_assert_nonnull (strstr (lead, "lang=\"zh-CN\""));
  g_assert_nonnull (strstr (lead, "<header>\n<p class=\"kicker\">市政协委员建言献策</p>\n"
                                  "<h1 class=\"lead\">激发科技成果转化新动能</h1>\n"
                                  "<p class=\"subtitle\">——张伟委员谈科技成果转化</p>\n"
                                  "<p class=\"byline\">记者 罗丽 整理</p>\n</header>"));
  g_assert_nonnull (strstr (lead, "<h2>打造“晋创谷·吕梁”平台</h2>"));
  g_assert_nonnull (strstr (lead, "<figure><figcaption>图为张伟委员在小组讨论中发言。 "
                                  "<span class=\"credit\">记者 薛志雄 摄</span></figcaption></figure>"));
  g_assert_nonnull (strstr (lead, "id=\"page-1\""));
  g_assert_nonnull (strstr (gas, "<p><b>本报讯</b>　我市"));
  g_assert_null (strstr (gas, "id=\"page-"));
  g_assert_nonnull (strstr (voices, "<div class=\"note\" role=\"note\"><p>两会花絮</p></div>"));
  g_assert_nonnull (strstr (voices, "id=\"page-2\""));
}

static void
test_nav (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) epub = test_build (ed, FALSE, FALSE, NULL);
  g_autofree char *nav = test_epub_entry (epub, EPUB_NAV_PATH);
  const char *toc = strstr (nav, "epub:type=\"toc\"");
  const char *pages = strstr (nav, "epub:type=\"page-list\"");
  const char *marks = strstr (nav, "epub:type=\"landmarks\"");
  const char *p = toc;

  g_assert_nonnull (toc);
  g_assert_nonnull (pages);
  g_assert_nonnull (marks);
  /* TOC: each page's section, then its articles, in order. */
  p = strstr (p, ">第1版　要闻</a>");
  g_assert_nonnull (p);
  p = strstr (p, ">激发科技成果转化新动能</a>");
  g_assert_nonnull (p);
  p = strstr (p, ">让“吕气吕用”真正造福吕梁人民</a>");
  g_assert_nonnull (p);
  p = strstr (p, ">第2版　两会专版</a>");
  g_assert_nonnull (p);
  p = strstr (p, ">凝心聚力谋发展 建言献策促转型</a>");
  g_assert_nonnull (p);
  g_assert_true (p < marks);
  /* page-list: 第N版 → the pagebreak marker that starts the page. */
  g_assert_nonnull (strstr (pages, "<a href=\"text/a-tech-transfer.xhtml#page-1\">第1版</a>"));
  g_assert_nonnull (strstr (pages, "<a href=\"text/a-committee-voices.xhtml#page-2\">第2版</a>"));
  g_assert_nonnull (strstr (marks, "epub:type=\"cover\" href=\"text/cover.xhtml\""));
  g_assert_nonnull (strstr (marks, "epub:type=\"bodymatter\" href=\"text/a-tech-transfer.xhtml\""));
  g_free (test_body_text (nav));
}

static void
test_css (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) h = test_build (ed, FALSE, FALSE, NULL);
  g_autoptr (GBytes) v = test_build (ed, TRUE, FALSE, NULL);
  g_autofree char *hcss = test_epub_entry (h, EPUB_CSS_PATH);
  g_autofree char *vcss = test_epub_entry (v, EPUB_CSS_PATH);
  g_autofree char *vopf = test_epub_entry (v, EPUB_OPF_PATH);
  g_autofree char *vgas = test_epub_entry (v, "EPUB/text/a-natural-gas.xhtml");
  g_autofree char *vlead = test_epub_entry (v, "EPUB/text/a-tech-transfer.xhtml");

  g_assert_nonnull (strstr (hcss, "line-break: strict"));
  g_assert_nonnull (strstr (hcss, "text-indent: 2em"));
  g_assert_nonnull (strstr (hcss, "text-align: justify"));
  g_assert_nonnull (strstr (hcss, "serif"));
  g_assert_nonnull (strstr (hcss, "sans-serif"));
  g_assert_null (strstr (hcss, "writing-mode"));
  g_assert_nonnull (strstr (vcss, "-epub-writing-mode: vertical-rl"));
  g_assert_nonnull (strstr (vcss, " writing-mode: vertical-rl"));
  g_assert_nonnull (strstr (vcss, "text-combine-upright: all"));
  g_assert_nonnull (strstr (vopf, "<spine page-progression-direction=\"rtl\">"));
  /* Two-digit numbers upright; four-digit ones stay sideways. */
  g_assert_nonnull (strstr (vgas, "<span class=\"tcy\">13</span>个县"));
  g_assert_nonnull (strstr (vgas, "<span class=\"tcy\">2.6</span>—<span class=\"tcy\">2.8</span>元"));
  g_assert_nonnull (strstr (vlead, "从2022年起"));
  /* quotes in their vertical forms (the 楷 has no vertical “”) */
  g_assert_nonnull (strstr (vlead, "『985』"));
  g_assert_null (strstr (vlead, "“"));
}

static void
test_markup_tcy (void)
{
  static const char *const cases[][2] = {
    { "从2022年起", "从2022年起" },
    { "13个县", "<span class=\"tcy\">13</span>个县" },
    { "第1版", "第<span class=\"tcy\">1</span>版" },
    { "2.6—2.8元", "<span class=\"tcy\">2.6</span>—<span class=\"tcy\">2.8</span>元" },
    { "G20峰会", "G20峰会" },
    { "20G", "20G" },
    { "12.50元", "12.50元" },
    { "a<b&c>12", "a&lt;b&amp;c&gt;<span class=\"tcy\">12</span>" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = epub_markup_tcy (cases[i][0]);

      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

static void
test_byline_names (void)
{
  g_auto (GStrv) a = epub_byline_names ("记者 罗丽 整理");
  g_auto (GStrv) b = epub_byline_names ("本报记者 王芳　李明 通讯员 赵强");
  g_auto (GStrv) c = epub_byline_names ("记者 薛志雄 摄");
  g_auto (GStrv) d = epub_byline_names (NULL);
  g_auto (GStrv) e = epub_byline_names ("□ 本报记者 刘华");
  const char *const wb[] = { "王芳", "李明", "赵强", NULL };

  g_assert_cmpuint (g_strv_length (a), ==, 1);
  g_assert_cmpstr (a[0], ==, "罗丽");
  g_assert_true (g_strv_equal ((const char *const *) b, wb));
  g_assert_cmpstr (c[0], ==, "薛志雄");
  g_assert_cmpuint (g_strv_length (d), ==, 0);
  /* the printed "□" is no name */
  g_assert_cmpuint (g_strv_length (e), ==, 1);
  g_assert_cmpstr (e[0], ==, "刘华");
  {
    g_auto (GStrv) f = epub_byline_names ("提案者：王丽 李凤");
    const char *const wf[] = { "王丽", "李凤", NULL };

    g_assert_true (g_strv_equal ((const char *const *) f, wf));
  }
}

/* Reads PNG dimensions through cairo. */
typedef struct { const guint8 *d; gsize len, pos; } TestPng;

static cairo_status_t
test_png_read (void *closure, unsigned char *data, unsigned int len)
{
  TestPng *p = closure;

  if (p->pos + len > p->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, p->d + p->pos, len);
  p->pos += len;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_cover (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *preview = g_build_filename (tmp, "p1.png", NULL);
  g_autofree char *missing = g_build_filename (tmp, "none.png", NULL);
  g_autoptr (GBytes) rendered = test_build (ed, FALSE, FALSE, missing);
  g_autoptr (GBytes) given = NULL;
  g_autofree char *png = NULL, *png2 = NULL, *file = NULL, *cover = NULL;
  gsize len = 0, len2 = 0, flen = 0;
  zip_t *za;
  TestPng reader = { 0 };
  cairo_surface_t *s;

  /* No preview: a typographic cover of the expected size. */
  za = test_zip_open (rendered);
  png = test_zip_read (za, "EPUB/images/cover.png", &len);
  cover = test_zip_read (za, "EPUB/text/cover.xhtml", NULL);
  zip_discard (za);
  g_assert_nonnull (png);
  g_assert_nonnull (strstr (cover, "<img src=\"../images/cover.png\" alt=\"吕梁日报 2025年2月18日 封面\"/>"));
  reader = (TestPng) { (const guint8 *) png, len, 0 };
  s = cairo_image_surface_create_from_png_stream (test_png_read, &reader);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 800);
  cairo_surface_destroy (s);

  /* With a front-page preview: that very file. */
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 60);
  g_assert_cmpint (cairo_surface_write_to_png (s, preview), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  given = test_build (ed, FALSE, FALSE, preview);
  za = test_zip_open (given);
  png2 = test_zip_read (za, "EPUB/images/cover.png", &len2);
  zip_discard (za);
  g_assert_true (g_file_get_contents (preview, &file, &flen, NULL));
  g_assert_cmpmem (png2, len2, file, flen);
  tu_rm_rf (tmp);
}

/* Writes a tiny PNG for figure tests. */
static void
test_write_png (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 6);

  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
}

static void
test_figures (void)
{
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *png_path = g_build_filename (tmp, "photos", "a.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (GBytes) epub = NULL;
  g_autofree char *opf = NULL, *xhtml = NULL;
  g_autofree char *jpeg = NULL;
  gsize jpeg_len = 0;

  tu_write (tmp, "edition.yaml",
            "paper: 测试报\ndate: 2024-05-20\npages:\n  - section: 要闻\n"
            "    articles: [pics.md]\n");
  tu_write (tmp, "pics.md",
            "---\ntitle: 图片新闻\n---\n正文。\n\n"
            "![图一说明。](photos/a.png \"记者 甲 摄\")\n\n"
            "![图二说明。](photos/b.jpg)\n\n"
            "![图一再现。](photos/a.png)\n");
  tu_write (tmp, "photos/.keep", "");
  test_write_png (png_path);
  tu_copy (TU_SAMPLE_JPEG, tmp, "photos/b.jpg");
  {
    g_autofree char *jp = tu_path (TU_SAMPLE_JPEG);

    g_assert_true (g_file_get_contents (jp, &jpeg, &jpeg_len, NULL));
  }
  ed = ed_edition_load (tmp, &error);
  g_assert_no_error (error);
  epub = test_build (ed, FALSE, FALSE, NULL);
  opf = test_epub_entry (epub, EPUB_OPF_PATH);
  xhtml = test_epub_entry (epub, "EPUB/text/a-pics.xhtml");
  g_assert_nonnull (strstr (opf, "href=\"images/fig-1.png\" media-type=\"image/png\""));
  g_assert_nonnull (strstr (opf, "href=\"images/fig-2.jpg\" media-type=\"image/jpeg\""));
  g_assert_null (strstr (opf, "fig-3"));   /* the same photo is stored once */
  g_assert_nonnull (strstr (opf, "alternativeText"));
  g_assert_nonnull (strstr (xhtml, "<figure><img src=\"../images/fig-1.png\" alt=\"图一说明。\"/>"
                                   "<figcaption>图一说明。 <span class=\"credit\">记者 甲 摄</span>"
                                   "</figcaption></figure>"));
  g_assert_nonnull (strstr (xhtml, "<img src=\"../images/fig-1.png\" alt=\"图一再现。\"/>"));
  g_assert_nonnull (strstr (xhtml, "<img src=\"../images/fig-2.jpg\" alt=\"图二说明。\"/>"));
  {
    g_autofree char *stored = test_epub_entry (epub, "EPUB/images/fig-2.jpg");

    g_assert_cmpmem (stored, jpeg_len, jpeg, jpeg_len);
  }
  test_check_fidelity (ed, epub);
  tu_rm_rf (tmp);
}

/* An edition built in memory around hostile text. */
#define HOSTILE "A & B <i>x</i> ]]> \"q\" 'a' &amp; \x01\x08\x1b\x7f\xc2\x85 <![CDATA[ --> end"

static EdEdition *
test_hostile_edition (const char *dir)
{
  EdEdition *ed = ed_edition_new ();
  EdPage *page = ed_page_new (1, "版<面>&\"");
  EdPage *page2 = ed_page_new (2, "二版");
  EdArticle *art = ed_article_new ();
  EdArticle *art2 = ed_article_new ();
  EdBlock *b;

  ed->dir = g_strdup (dir);
  ed->paper = g_strdup ("报<&>\"'");
  ed->date = g_strdup ("2024-05-20");
  g_date_set_dmy (&ed->gdate, 20, 5, 2024);
  ed->issue = g_strdup ("1<2");
  ed->publisher = g_strdup ("出版 & 发行 ]]>");
  g_ptr_array_add (ed->pages, page);
  g_ptr_array_add (ed->pages, page2);
  art->id = g_strdup ("hostile");
  art->src_path = g_strdup ("hostile.md");
  art->title = g_strdup ("标题 " HOSTILE);
  art->kicker = g_strdup ("引题 " HOSTILE);
  art->subtitle = g_strdup ("副题 " HOSTILE);
  art->byline = g_strdup ("记者 <张三> & 李四\x02");
  art->dateline = g_strdup ("本报讯 " HOSTILE);
  b = ed_block_new (ED_BLOCK_PARAGRAPH, 5);
  ed_block_add_run (b, "正文 " HOSTILE, ED_RUN_PLAIN);
  ed_block_add_run (b, "粗 " HOSTILE, ED_RUN_STRONG);
  ed_block_add_run (b, "斜 " HOSTILE, ED_RUN_EMPH);
  ed_block_add_run (b, "both 12 ]]>", ED_RUN_STRONG | ED_RUN_EMPH);
  g_ptr_array_add (art->blocks, b);
  b = ed_block_new (ED_BLOCK_HEADING, 7);
  b->level = 3;
  ed_block_add_run (b, "小标题 " HOSTILE, ED_RUN_PLAIN);
  g_ptr_array_add (art->blocks, b);
  b = ed_block_new (ED_BLOCK_FIGURE, 9);
  b->caption = g_strdup ("说明 " HOSTILE);
  b->credit = g_strdup ("摄 \"x\" <y>");
  g_ptr_array_add (art->blocks, b);
  b = ed_block_new (ED_BLOCK_NOTE, 11);
  ed_block_add_run (b, "见第2版 <&> ]]>", ED_RUN_PLAIN);
  g_ptr_array_add (art->blocks, b);
  ed_edition_add_article (ed, page, art);
  art2->id = g_strdup ("second");
  art2->src_path = g_strdup ("second.md");
  art2->title = g_strdup ("<script>alert('x')</script>");
  b = ed_block_new (ED_BLOCK_PARAGRAPH, 3);
  ed_block_add_run (b, "]]>]]>&&<<>>", ED_RUN_PLAIN);
  g_ptr_array_add (art2->blocks, b);
  ed_edition_add_article (ed, page2, art2);
  return ed;
}

/* Runs xmllint --noout on every XML entry of @epub. */
static void
test_xmllint_all (GBytes *epub, const char *tmp)
{
  zip_t *za = test_zip_open (epub);
  zip_int64_t n = zip_get_num_entries (za, 0);
  guint checked = 0;

  for (zip_int64_t i = 0; i < n; i++)
    {
      const char *name = zip_get_name (za, (zip_uint64_t) i, 0);
      g_autofree char *data = NULL;
      g_autofree char *path = NULL;
      g_autofree char *base = NULL;
      gsize len = 0;
      int status = -1;
      g_autoptr (GError) error = NULL;
      g_autofree char *err = NULL;

      if (!g_str_has_suffix (name, ".xhtml") && !g_str_has_suffix (name, ".opf")
          && !g_str_has_suffix (name, ".xml"))
        continue;
      data = test_zip_read (za, name, &len);
      base = g_path_get_basename (name);
      path = g_build_filename (tmp, base, NULL);
      g_assert_true (g_file_set_contents (path, data, len, NULL));
      {
        const char *argv[] = { "xmllint", "--noout", path, NULL };

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, NULL, &err, &status, &error);
      }
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("xmllint rejects %s: %s", name, err);
      checked++;
    }
  zip_discard (za);
  g_assert_cmpuint (checked, >=, 6);
}

static void
test_hostile (void)
{
  g_autofree char *tmp = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = test_hostile_edition (tmp);
  g_autoptr (GBytes) h = test_build (ed, FALSE, FALSE, NULL);
  g_autoptr (GBytes) v = test_build (ed, TRUE, FALSE, NULL);
  g_autofree char *xhtml = test_epub_entry (h, "EPUB/text/a-hostile.xhtml");
  g_autofree char *nav = test_epub_entry (h, EPUB_NAV_PATH);
  g_autofree char *opf = test_epub_entry (h, EPUB_OPF_PATH);

  /* Well-formed to a real XML parser, and the text survives intact. */
  test_xmllint_all (h, tmp);
  test_xmllint_all (v, tmp);
  test_check_fidelity (ed, h);
  test_check_fidelity (ed, v);
  g_free (test_body_text (nav));
  g_free (test_body_text (opf));
  /* Nothing hostile survives unescaped. */
  g_assert_null (strstr (xhtml, "<i>"));
  g_assert_null (strstr (xhtml, "]]>"));
  g_assert_null (strstr (xhtml, "<script"));
  g_assert_null (strstr (xhtml, "\x01"));
  g_assert_null (strstr (xhtml, "\x1b"));
  g_assert_null (strstr (xhtml, "\xc2\x85"));
  g_assert_nonnull (strstr (xhtml, "<title>标题 A &amp; B &lt;i&gt;x&lt;/i&gt; ]]&gt; "
                                   "&quot;q&quot; &#39;a&#39; &amp;amp;  &lt;![CDATA[ --&gt; end</title>"));
  g_assert_nonnull (strstr (opf, "<dc:title id=\"title\">报&lt;&amp;&gt;&quot;&#39; 2024年5月20日</dc:title>"));
  g_assert_nonnull (strstr (nav, "第1版　版&lt;面&gt;&amp;&quot;"));
  /* The jump line became a link to page 2. */
  g_assert_nonnull (strstr (xhtml, "<a href=\"../text/a-second.xhtml#page-2\">见第2版</a> &lt;&amp;&gt; ]]&gt;"));
  tu_rm_rf (tmp);
}

/* An edition with a page but no article (it still makes a valid EPUB). */
static EdEdition *
test_empty_edition (const char *dir)
{
  EdEdition *ed = ed_edition_new ();

  ed->dir = g_strdup (dir);
  ed->paper = g_strdup ("空报");
  ed->date = g_strdup ("2024-01-02");
  g_date_set_dmy (&ed->gdate, 2, 1, 2024);
  g_ptr_array_add (ed->pages, ed_page_new (1, "要闻"));
  return ed;
}

/* The hostile edition (embedded fonts) and the empty edition are
 * epubcheck-clean: both checked in one epubcheck run
 * (tests/epubcheck-all.sh, one Java VM). */
static void
test_epubcheck (void)
{
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *hostile = g_build_filename (tmp, "hostile.epub", NULL);
  g_autofree char *empty = g_build_filename (tmp, "empty.epub", NULL);
  g_autofree char *driver = tu_path ("tests/epubcheck-all.sh");
  g_autoptr (EdEdition) hed = test_hostile_edition (tmp);
  g_autoptr (EdEdition) eed = test_empty_edition (tmp);
  EpubOptions hopts = { TRUE, FALSE, NULL, NULL, NULL, 0 };
  EpubOptions eopts = { FALSE, FALSE, NULL, NULL, NULL, 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *hline = NULL, *eline = NULL;
  int status = -1;
  const char *argv[] = { "bash", driver, hostile, empty, NULL };

  g_assert_true (epub_write (hed, &hopts, hostile, &error));
  g_assert_no_error (error);
  g_assert_true (epub_write (eed, &eopts, empty, &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  hline = g_strdup_printf ("%s: 0 fatals / 0 errors / 0 warnings\n", hostile);
  eline = g_strdup_printf ("%s: 0 fatals / 0 errors / 0 warnings\n", empty);
  if (!strstr (out, hline) || !strstr (out, eline))
    g_error ("epubcheck on the hostile and the empty edition:\n%s\n%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  tu_rm_rf (tmp);
}

static void
test_embed_fonts (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GBytes) epub = test_build (ed, TRUE, TRUE, NULL);
  zip_t *za = test_zip_open (epub);
  gsize len = 0, slen = 0;
  g_autofree char *serif = test_zip_read (za, "EPUB/fonts/serif.otf", &len);
  g_autofree char *sans = test_zip_read (za, "EPUB/fonts/sans.otf", &slen);
  g_autofree char *css = test_zip_read (za, EPUB_CSS_PATH, NULL);
  g_autofree char *opf = test_zip_read (za, EPUB_OPF_PATH, NULL);
  hb_blob_t *blob;
  hb_face_t *face;
  hb_font_t *font;

  zip_discard (za);
  g_assert_nonnull (serif);
  g_assert_nonnull (sans);
  g_assert_nonnull (strstr (css, "@font-face"));
  g_assert_nonnull (strstr (css, "url(../fonts/serif.otf)"));
  g_assert_nonnull (strstr (opf, "href=\"fonts/serif.otf\""));
  g_assert_nonnull (strstr (opf, "href=\"fonts/sans.otf\""));
  /* A subset: a few hundred glyphs, not the 65,000 of Noto CJK. */
  blob = hb_blob_create (serif, (unsigned int) len, HB_MEMORY_MODE_READONLY, NULL, NULL);
  face = hb_face_create (blob, 0);
  font = hb_font_create (face);
  g_assert_cmpuint (hb_face_get_glyph_count (face), >, 300);
  g_assert_cmpuint (hb_face_get_glyph_count (face), <, 3000);
  /* Every character of every article has a glyph. */
  for (guint i = 0; i < ed->articles->len; i++)
    {
      g_autofree char *text = test_model_text (ed, g_ptr_array_index (ed->articles, i));

      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          hb_codepoint_t glyph = 0;

          if (!hb_font_get_nominal_glyph (font, g_utf8_get_char (p), &glyph))
            g_error ("subset font lacks U+%04X", g_utf8_get_char (p));
        }
    }
  hb_font_destroy (font);
  hb_face_destroy (face);
  hb_blob_destroy (blob);
  g_assert_cmpuint (slen, <, len);
}

static gint
test_compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The five sample pages, imported as one edition: every article's text
 * reaches the EPUB, horizontal and vertical. */
static void
test_seed_edition (void)
{
  g_autofree char *seeds = tu_path ("seeds");
  g_autoptr (GDir) dir = g_dir_open (seeds, 0, NULL);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (GBytes) h = NULL;
  g_autoptr (GBytes) v = NULL;
  g_autofree char *nav = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (seeds, name, NULL));
  g_ptr_array_sort (paths, test_compare_paths);   /* print order */
  g_ptr_array_add (paths, NULL);
  g_assert_cmpuint (paths->len, ==, 6);
  ed = imp_import_pages ((char **) paths->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ed->pages->len, ==, 5);
  h = test_build (ed, FALSE, FALSE, NULL);
  v = test_build (ed, TRUE, FALSE, NULL);
  test_check_fidelity (ed, h);
  test_check_fidelity (ed, v);
  nav = test_epub_entry (h, EPUB_NAV_PATH);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *entry = g_strdup_printf ("#page-%u\">第%u版</a>", i, i);

      g_assert_nonnull (strstr (nav, entry));
    }
}

/* Without a font configuration, the system's fontconfig serves; a bad
 * one fails only when fonts are needed (rendered cover, embedding). */
static void
test_font_config (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *tmp = tu_mkdtemp ();
  g_autofree char *preview = g_build_filename (tmp, "p1.png", NULL);
  EpubOptions sys = { FALSE, TRUE, NULL, NULL, NULL, 0 };
  EpubOptions bad = { FALSE, FALSE, NULL, tmp, NULL, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) a = epub_build (ed, &sys, &error);
  g_autoptr (GBytes) b = NULL;
  g_autoptr (GBytes) c = NULL;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 4, 4);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  test_check_fidelity (ed, a);
  b = epub_build (ed, &bad, &error);
  g_assert_null (b);
  g_assert_error (error, EB_ERROR, EB_ERROR_FONT);
  g_clear_error (&error);
  g_assert_cmpint (cairo_surface_write_to_png (s, preview), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  bad.cover_image = preview;
  c = epub_build (ed, &bad, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  tu_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/epub/container", test_container);
  g_test_add_func ("/epub/deterministic", test_deterministic);
  g_test_add_func ("/epub/write-file", test_write_file);
  g_test_add_func ("/epub/identifier", test_identifier);
  g_test_add_func ("/epub/package-metadata", test_package_metadata);
  g_test_add_func ("/epub/text-fidelity", test_text_fidelity);
  g_test_add_func ("/epub/article-markup", test_article_markup);
  g_test_add_func ("/epub/nav", test_nav);
  g_test_add_func ("/epub/css-and-vertical", test_css);
  g_test_add_func ("/epub/markup-tcy", test_markup_tcy);
  g_test_add_func ("/epub/byline-names", test_byline_names);
  g_test_add_func ("/epub/cover", test_cover);
  g_test_add_func ("/epub/figures", test_figures);
  g_test_add_func ("/epub/hostile", test_hostile);
  g_test_add_func ("/epub/epubcheck", test_epubcheck);
  g_test_add_func ("/epub/embed-fonts", test_embed_fonts);
  g_test_add_func ("/epub/font-config", test_font_config);
  g_test_add_func ("/epub/seed-edition", test_seed_edition);
  return g_test_run ();
}
