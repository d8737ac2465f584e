/* test-reader.c — the web reader's files and edition.json (builder/web/reader.c).
 *
 * Run as `test-reader --write-sample OUT_DIR [--xhtml] [--no-images]` it
 * writes a complete sample output folder instead (the example edition,
 * synthetic page geometry and page previews drawn with cairo) for the browser
 * tests in test-reader.sh: --xhtml fills the article HTML hook, --no-images
 * leaves out the page previews. */
#include "epub/epub.h"
#include "base/errors.h"
#include "model/model.h"
#include "web/reader.h"
#include "testutil.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <zip.h>

#define PAGE_W 992.0   /* pt: a broadsheet page, 350 × 495 mm */
#define PAGE_H 1403.0

/* ---- the sample output folder ------------------------------------------ */

/* A front-page lead, an L-shaped second article, and the lead's
 * continuation on page 2 below the page-2 story. */
static RdrGeometry *
sample_geometry (void)
{
  RdrGeometry *geom = rdr_geometry_new (PAGE_W, PAGE_H);

  rdr_geometry_add_rect (geom, "tech-transfer", 1, 40, 170, 912, 640);
  rdr_geometry_add_rect (geom, "natural-gas", 1, 40, 830, 450, 533);
  rdr_geometry_add_rect (geom, "natural-gas", 1, 510, 830, 442, 300);
  rdr_geometry_add_rect (geom, "committee-voices", 2, 40, 40, 912, 800);
  rdr_geometry_add_rect (geom, "tech-transfer", 2, 40, 870, 912, 300);
  return geom;
}

static void
draw_text (cairo_t *cr, double x, double y, double w, double h, const char *font,
           const char *text)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_height (layout, (int) (h * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_article (cairo_t *cr, const EdArticle *art, const RdrRect *r, gboolean first)
{
  GString *body = g_string_new (NULL);
  double head = first ? 70 : 0;

  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_rectangle (cr, r->x, r->y, r->w, r->h);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (first)
    draw_text (cr, r->x + 10, r->y + 10, r->w - 20, 60, "Noto Serif CJK SC Bold 34", art->title);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      g_autofree char *t = ed_block_text (g_ptr_array_index (art->blocks, i));
      g_string_append_printf (body, "　　%s\n", t);
    }
  draw_text (cr, r->x + 10, r->y + 10 + head, r->w - 20, r->h - 20 - head,
             "Noto Serif CJK SC 15", body->str);
  g_string_free (body, TRUE);
}

/* Draws page @number of @ed at @scale px per pt into @path. */
static void
draw_page (const EdEdition *ed, const RdrGeometry *geom, guint number, double scale,
           const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (PAGE_W * scale),
                                                   (int) (PAGE_H * scale));
  cairo_t *cr = cairo_create (s);

  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.7, 0.05, 0.1);
  if (number == 1)
    draw_text (cr, 40, 30, 600, 120, "Noto Serif CJK SC Bold 72", ed->paper);
  for (guint i = 0; i < geom->articles->len; i++)
    {
      const RdrArticleGeom *ag = g_ptr_array_index (geom->articles, i);
      for (guint k = 0; k < ag->rects->len; k++)
        {
          const RdrRect *r = &g_array_index (ag->rects, RdrRect, k);
          if (r->page == number)
            draw_article (cr, ed_edition_find_article (ed, ag->article_id), r, k == 0);
        }
    }
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Writes OUT_DIR/pages/ (p1.png, p1@2x.png, p1-thumb.png, p2.png: page 2
 * has no 2× or thumbnail, as when the composer writes 1× only), stand-in
 * edition.pdf/.epub files, and the reader. */
static void
write_sample (const char *out_dir, const RdrOptions *opts, gboolean images)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (RdrGeometry) geom = sample_geometry ();
  g_autofree char *pages = g_build_filename (out_dir, "pages", NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (pages, 0755);
  for (guint n = 1; images && n <= ed->pages->len; n++)
    {
      g_autofree char *p1 = g_strdup_printf ("%s/p%u.png", pages, n);
      draw_page (ed, geom, n, 0.75, p1);
      if (n == 1)
        {
          g_autofree char *p2 = g_strdup_printf ("%s/p%u@2x.png", pages, n);
          g_autofree char *pt = g_strdup_printf ("%s/p%u-thumb.png", pages, n);
          draw_page (ed, geom, n, 1.5, p2);
          draw_page (ed, geom, n, 0.08, pt);
        }
    }
  tu_write (out_dir, "edition.pdf", "%PDF-1.7 stand-in\n");
  tu_write (out_dir, "edition.epub", "stand-in\n");
  g_assert_true (rdr_write (ed, geom, opts, tu_srcdir (), out_dir, &error));
  g_assert_no_error (error);
}

/* A stand-in for the EPUB packager's article XHTML: the body's blocks as
 * <p>, marked so the browser test can tell it was used. */
static char *
fake_article_xhtml (const EdArticle *art, gpointer user_data)
{
  GString *s = g_string_new (NULL);

  g_assert_cmpstr (user_data, ==, "data");
  for (guint i = 0; i < art->blocks->len; i++)
    {
      g_autofree char *t = ed_block_text (g_ptr_array_index (art->blocks, i));
      g_autofree char *esc = g_markup_escape_text (t, -1);
      g_string_append_printf (s, "<p class=\"from-xhtml\">%s</p>", esc);
    }
  return g_string_free (s, FALSE);
}

/* ---- helpers ---------------------------------------------------------- */

static JsonObject *
parse_object (JsonParser *parser, const char *json)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return data;
}

static JsonObject *
find_article (JsonObject *root, const char *id)
{
  JsonArray *arts = json_object_get_array_member (root, "articles");

  for (guint i = 0; i < json_array_get_length (arts); i++)
    {
      JsonObject *a = json_array_get_object_element (arts, i);
      if (g_strcmp0 (json_object_get_string_member (a, "id"), id) == 0)
        return a;
    }
  g_assert_not_reached ();
}

/* Returns the html of article @id's text file (rdr_article_text()),
 * checking its form: RDR_TEXT_CALL({"id":…,"html":…});  Caller owns. */
static char *
article_html (const EdEdition *ed, const char *id, const RdrOptions *opts)
{
  g_autofree char *js = rdr_article_text (ed, ed_edition_find_article (ed, id), opts);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *o;

  g_assert_true (g_str_has_prefix (js, RDR_TEXT_CALL "("));
  g_assert_true (g_str_has_suffix (js, ");\n"));
  json = g_strndup (js + strlen (RDR_TEXT_CALL "("), strlen (js) - strlen (RDR_TEXT_CALL "(") - 3);
  o = parse_object (parser, json);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, id);
  return g_strdup (json_object_get_string_member (o, "html"));
}

/* ---- tests ------------------------------------------------------------ */

static void
test_json_header (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (RdrGeometry) geom = sample_geometry ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *dl;

  tu_write (out, "edition.pdf", "x");   /* a PDF but no EPUB */
  json = rdr_edition_json (ed, geom, NULL, out, &error);
  g_assert_no_error (error);
  root = parse_object (parser, json);
  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "paper"), ==, "吕梁日报");
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, "2025-02-18");
  g_assert_cmpstr (json_object_get_string_member (root, "weekday"), ==, "星期二");
  g_assert_cmpstr (json_object_get_string_member (root, "issue"), ==, "7612");
  g_assert_cmpstr (json_object_get_string_member (root, "language"), ==, "zh-CN");
  g_assert_cmpint (json_object_get_int_member (root, "page_width"), ==, 992);
  g_assert_cmpint (json_object_get_int_member (root, "page_height"), ==, 1403);
  g_assert_cmpint (json_object_get_int_member (root, "rect_unit"), ==, RDR_RECT_UNIT);
  g_assert_false (json_object_has_member (root, "calendar"));
  dl = json_object_get_object_member (root, "downloads");
  g_assert_cmpstr (json_object_get_string_member (dl, "pdf"), ==, "../edition.pdf");
  g_assert_false (json_object_has_member (dl, "epub"));
  tu_rm_rf (out);
}

static void
test_json_calendar (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (JsonParser) parser = json_parser_new ();
  RdrOptions opts = { .calendar_href = "../../../../index.html" };
  g_autofree char *json = rdr_edition_json (ed, NULL, &opts, out, NULL);
  JsonObject *root = parse_object (parser, json);

  g_assert_cmpstr (json_object_get_string_member (root, "calendar"), ==, "../../../../index.html");
  /* no geometry: no hotspots, and the page shape falls back to 1 : √2 */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (find_article (root, "tech-transfer"), "rects")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "page_height"), ==, 1414);
  tu_rm_rf (out);
}

static void
test_json_pages (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonArray *pages, *ids;
  JsonObject *p1, *p2;

  tu_write (out, "pages/p1.png", "x");
  tu_write (out, "pages/p1@2x.png", "x");
  tu_write (out, "pages/p2.png", "x");
  tu_write (out, "pages/p2-thumb.png", "x");
  json = rdr_edition_json (ed, NULL, NULL, out, NULL);
  pages = json_object_get_array_member (parse_object (parser, json), "pages");
  g_assert_cmpuint (json_array_get_length (pages), ==, 2);
  p1 = json_array_get_object_element (pages, 0);
  p2 = json_array_get_object_element (pages, 1);
  g_assert_cmpint (json_object_get_int_member (p1, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (p1, "label"), ==, "第1版 · 要闻");
  g_assert_cmpstr (json_object_get_string_member (p2, "label"), ==, "第2版 · 两会专版");
  g_assert_cmpstr (json_object_get_string_member (p1, "image"), ==, "../pages/p1.png");
  g_assert_cmpstr (json_object_get_string_member (p1, "image2x"), ==, "../pages/p1@2x.png");
  g_assert_false (json_object_has_member (p1, "thumb"));
  g_assert_false (json_object_has_member (p2, "image2x"));   /* only what exists */
  g_assert_cmpstr (json_object_get_string_member (p2, "thumb"), ==, "../pages/p2-thumb.png");
  ids = json_object_get_array_member (p1, "articles");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "tech-transfer");
  g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, "natural-gas");
  tu_rm_rf (out);
}

static void
test_json_articles (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (RdrGeometry) geom = sample_geometry ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = rdr_edition_json (ed, geom, NULL, out, NULL);
  JsonObject *root = parse_object (parser, json), *lead, *r;
  JsonArray *rects;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "articles")), ==, 3);
  lead = find_article (root, "tech-transfer");
  g_assert_cmpstr (json_object_get_string_member (lead, "title"), ==, "激发科技成果转化新动能");
  g_assert_cmpstr (json_object_get_string_member (lead, "kicker"), ==, "市政协委员建言献策");
  /* subtitle, byline and body are only in the article's text file */
  g_assert_cmpstr (json_object_get_string_member (lead, "text"), ==, "text/tech-transfer.js");
  g_assert_false (json_object_has_member (lead, "subtitle"));
  g_assert_false (json_object_has_member (lead, "byline"));
  g_assert_false (json_object_has_member (lead, "blocks"));
  g_assert_false (json_object_has_member (lead, "html"));
  g_assert_null (strstr (json, "近年来"));
  g_assert_true (json_object_get_boolean_member (lead, "lead"));
  g_assert_cmpint (json_object_get_int_member (lead, "page"), ==, 1);
  /* rects in units of 1/10000 page: 40 pt of 992 → 403 */
  rects = json_object_get_array_member (lead, "rects");
  g_assert_cmpuint (json_array_get_length (rects), ==, 2);
  r = json_array_get_object_element (rects, 0);
  g_assert_cmpint (json_object_get_int_member (r, "page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (r, "x"), ==, 403);
  g_assert_cmpint (json_object_get_int_member (r, "y"), ==, 1212);
  g_assert_cmpint (json_object_get_int_member (r, "w"), ==, 9194);
  g_assert_cmpint (json_object_get_int_member (r, "h"), ==, 4561);   /* edges rounded: 5773 − 1212 */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rects, 1), "page"), ==, 2);
  tu_rm_rf (out);
}

static void
test_json_escapes_markup (void)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL, *html = NULL;
  JsonObject *a;

  tu_write (dir, "edition.yaml", "paper: 报\ndate: 2024-05-20\npages:\n  - section: 要闻\n    articles: [a.md]\n");
  tu_write (dir, "a.md", "---\ntitle: A<script>&B\n---\n正文 <i>不是标签</i> & “引号”。\n");
  ed = ed_edition_load (dir, &error);
  g_assert_no_error (error);
  json = rdr_edition_json (ed, NULL, NULL, dir, &error);
  g_assert_no_error (error);
  a = find_article (parse_object (parser, json), "a");
  g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, "A<script>&B");   /* text, set with textContent */
  html = article_html (ed, "a", NULL);
  g_assert_null (strstr (html, "<i>不是"));
  g_assert_nonnull (strstr (html, "&lt;i&gt;不是标签&lt;/i&gt; &amp; “引号”"));
  g_assert_nonnull (strstr (html, "<h1>A&lt;script&gt;&amp;B</h1>"));
  tu_rm_rf (dir);
}

static void
assert_geometry_rejected (RdrGeometry *geom, const char *expect)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autofree char *reader = g_build_filename (out, RDR_DIR, NULL);
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GError) error = NULL;

  g_assert_false (rdr_write (ed, geom, NULL, tu_srcdir (), out, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, expect));
  g_assert_false (g_file_test (reader, G_FILE_TEST_EXISTS));
  tu_rm_rf (out);
  rdr_geometry_free (geom);
}

static void
test_bad_geometry (void)
{
  RdrGeometry *g;

  g = rdr_geometry_new (PAGE_W, PAGE_H);
  rdr_geometry_add_rect (g, "no-such-article", 1, 0, 0, 10, 10);
  assert_geometry_rejected (g, "unknown article 'no-such-article'");
  g = rdr_geometry_new (PAGE_W, PAGE_H);
  rdr_geometry_add_rect (g, "natural-gas", 0, 0, 0, 10, 10);
  assert_geometry_rejected (g, "no page 0");
  g = rdr_geometry_new (PAGE_W, PAGE_H);
  rdr_geometry_add_rect (g, "natural-gas", 1, 900, 0, 100, 10);
  assert_geometry_rejected (g, "outside page 1");
  g = rdr_geometry_new (PAGE_W, PAGE_H);
  rdr_geometry_add_rect (g, "natural-gas", 1, 10, 10, 0, 10);
  assert_geometry_rejected (g, "outside page 1");
}

/* The composer may flow articles onto other pages than the model's, and
 * onto more pages: the reader follows the composed pages. */
static void
test_composed_pages (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (RdrGeometry) geom = rdr_geometry_new (PAGE_W, PAGE_H);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *root, *p3;
  JsonArray *pages, *ids, *rects;

  rdr_geometry_set_page (geom, 1, NULL);          /* the model's 要闻 */
  rdr_geometry_set_page (geom, 2, "两会");
  rdr_geometry_set_page (geom, 3, NULL);          /* beyond the model */
  rdr_geometry_add_rect (geom, "tech-transfer", 1, 40, 170, 912, 640);
  rdr_geometry_add_rect (geom, "tech-transfer", 1, 40, 170, 912, 100);   /* head zone: inside */
  rdr_geometry_add_rect (geom, "tech-transfer", 1, 40, 270, 300, 540);   /* a column: inside */
  rdr_geometry_add_rect (geom, "natural-gas", 1, 40, 830, 450, 500);
  rdr_geometry_add_rect (geom, "natural-gas", 1, 40, 830, 450, 500);     /* duplicate */
  rdr_geometry_add_rect (geom, "natural-gas", 3, 40, 40, 450, 500);      /* continuation */
  rdr_geometry_add_rect (geom, "committee-voices", 1, 500, 830, 450, 500); /* model: page 2 */
  json = rdr_edition_json (ed, geom, NULL, out, NULL);
  g_assert_nonnull (json);
  root = parse_object (parser, json);
  pages = json_object_get_array_member (root, "pages");
  g_assert_cmpuint (json_array_get_length (pages), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pages, 0), "label"), ==, "第1版 · 要闻");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pages, 1), "label"), ==, "第2版 · 两会");
  p3 = json_array_get_object_element (pages, 2);
  g_assert_cmpstr (json_object_get_string_member (p3, "label"), ==, "第3版");
  ids = json_object_get_array_member (p3, "articles");
  g_assert_cmpuint (json_array_get_length (ids), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "natural-gas");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (pages, 1), "articles")), ==, 0);
  ids = json_object_get_array_member (json_array_get_object_element (pages, 0), "articles");
  g_assert_cmpuint (json_array_get_length (ids), ==, 3);
  g_assert_cmpint (json_object_get_int_member (find_article (root, "committee-voices"), "page"), ==, 1);
  /* contained and duplicate rectangles are written once */
  rects = json_object_get_array_member (find_article (root, "tech-transfer"), "rects");
  g_assert_cmpuint (json_array_get_length (rects), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rects, 0), "h"), ==, 4561);
  rects = json_object_get_array_member (find_article (root, "natural-gas"), "rects");
  g_assert_cmpuint (json_array_get_length (rects), ==, 2);
  tu_rm_rf (out);
}

static void
test_stacked_geometry (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (RdrGeometry) geom = rdr_geometry_new_stacked (ed, PAGE_W, PAGE_H);
  double bottom = 0;

  g_assert_cmpuint (geom->articles->len, ==, ed->articles->len);
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      const RdrArticleGeom *ag = rdr_geometry_find (geom, art->id);
      const RdrRect *r;

      g_assert_nonnull (ag);
      g_assert_cmpuint (ag->rects->len, ==, 1);
      r = &g_array_index (ag->rects, RdrRect, 0);
      g_assert_cmpuint (r->page, ==, art->page);
      g_assert_cmpfloat (r->y + r->h, <=, PAGE_H);
      if (i == 1)   /* second article of page 1 starts below the first */
        g_assert_cmpfloat (r->y, >=, bottom);
      bottom = r->y + r->h;
    }
  g_assert_null (rdr_geometry_find (geom, "nope"));
}

static void
test_text_hook (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  RdrOptions opts = { .article_html = fake_article_xhtml, .article_html_data = (gpointer) "data" };
  g_autofree char *html = article_html (ed, "natural-gas", &opts);

  g_assert_true (g_str_has_prefix (html, "<p class=\"from-xhtml\">本报讯　我市"));
}

/* The article text files hold the EPUB packager's article XHTML: kicker,
 * title, subtitle, byline, paragraphs, subheads, figures with captions,
 * notes, the dateline. */
static void
test_text_is_epub_xhtml (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *lead = article_html (ed, "tech-transfer", NULL);
  g_autofree char *gas = article_html (ed, "natural-gas", NULL);
  g_autofree char *voices = article_html (ed, "committee-voices", NULL);
  g_autofree char *expect = epub_article_xhtml (ed, ed_edition_find_article (ed, "tech-transfer"), NULL);

  g_assert_cmpstr (lead, ==, expect);
  g_assert_true (g_str_has_prefix (lead, "<article id=\"a-tech-transfer\">\n<header>\n<p class=\"kicker\">市政协委员建言献策</p>\n"
                                         "<h1 class=\"lead\">激发科技成果转化新动能</h1>\n"));
  g_assert_nonnull (strstr (lead, "<p class=\"subtitle\">——张伟委员谈科技成果转化</p>"));
  g_assert_nonnull (strstr (lead, "<p class=\"byline\">记者 罗丽 整理</p>"));
  g_assert_nonnull (strstr (lead, "</header>\n<p>近年来，"));
  g_assert_nonnull (strstr (lead, ">打造“晋创谷·吕梁”平台</h"));
  g_assert_nonnull (strstr (lead, "<figure><figcaption>图为张伟委员在小组讨论中发言。 <span class=\"credit\">记者 薛志雄 摄</span></figcaption></figure>"));
  g_assert_null (strstr (lead, "<img"));      /* the container's images are not the reader's */
  g_assert_true (g_str_has_suffix (lead, "</article>\n"));
  g_assert_nonnull (strstr (gas, "<p><b>本报讯</b>"));
  g_assert_nonnull (strstr (voices, "<div class=\"note\" role=\"note\"><p>两会花絮</p></div>"));
}

/* Each of the EPUB's article documents contains epub_article_xhtml()'s
 * fragment verbatim: one source of truth for article HTML. */
static void
test_epub_documents_share_the_text (void)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *cover = g_build_filename (dir, "cover.png", NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 30, 40);
  EpubOptions opts = { .cover_image = cover };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) epub = NULL;
  zip_error_t zerr;
  zip_source_t *src;
  zip_t *zip;
  gsize len = 0;
  const void *data;

  g_assert_cmpint (cairo_surface_write_to_png (s, cover), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  epub = epub_build (ed, &opts, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (epub, &len);
  zip_error_init (&zerr);
  src = zip_source_buffer_create (data, len, 0, &zerr);
  g_assert_nonnull (src);
  zip = zip_open_from_source (src, ZIP_RDONLY, &zerr);
  g_assert_nonnull (zip);
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      g_autofree char *href = epub_article_href (art);
      g_autofree char *name = g_strconcat ("EPUB/", href, NULL);
      g_autofree char *fragment = epub_article_xhtml (ed, art, NULL);
      zip_stat_t st;
      zip_file_t *f;
      char *doc;

      g_assert_cmpint (zip_stat (zip, name, 0, &st), ==, 0);
      doc = g_malloc0 (st.size + 1);
      f = zip_fopen (zip, name, 0);
      g_assert_nonnull (f);
      g_assert_cmpint (zip_fread (f, doc, st.size), ==, (zip_int64_t) st.size);
      zip_fclose (f);
      g_autofree char *tail = g_strconcat (fragment, "</body>\n</html>\n", NULL);
      g_assert_true (g_str_has_suffix (doc, tail));
      g_free (doc);
    }
  zip_discard (zip);
  zip_error_fini (&zerr);
  tu_rm_rf (dir);
}

static gsize
file_size (const char *dir, const char *name)
{
  g_autofree char *data = read_file (dir, name);
  return strlen (data);
}

/* Number of files under @dir (recursively) that contain @needle. */
static guint
files_containing (const char *dir, const char *needle)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += files_containing (path, needle);
      else if (g_file_get_contents (path, &data, NULL, NULL) && strstr (data, needle))
        n++;
    }
  g_dir_close (d);
  return n;
}

static void
test_write_files (void)
{
  static const char *const statics[] = { "index.html", "reader.css", "reader.js" };
  g_autofree char *out = tu_mkdtemp ();
  g_autofree char *reader = g_build_filename (out, RDR_DIR, NULL);
  g_autofree char *text = g_build_filename (reader, RDR_TEXT_DIR, NULL);
  g_autofree char *stale = g_build_filename (text, "gone.js", NULL);
  g_autofree char *json = NULL, *js = NULL, *expect_js = NULL, *json2 = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  guint n_texts = 0;
  gsize total = 0;
  GDir *d;
  const char *name;

  write_sample (out, NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (statics); i++)
    {
      g_autofree char *src_dir = tu_path (RDR_DIR);
      g_autofree char *a = read_file (src_dir, statics[i]);
      g_autofree char *b = read_file (reader, statics[i]);
      g_assert_cmpstr (a, ==, b);
    }
  json = read_file (reader, "edition.json");
  js = read_file (reader, "edition.js");
  expect_js = g_strconcat ("window.EPAPER_EDITION=", json, ";\n", NULL);
  g_assert_cmpstr (js, ==, expect_js);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (parse_object (parser, json), "downloads"), "epub"), ==, "../edition.epub");

  /* deterministic: a second run writes the same bytes */
  tu_write (reader, "text/gone.js", "old");
  write_sample (out, NULL, TRUE);
  json2 = read_file (reader, "edition.json");
  g_assert_cmpstr (json, ==, json2);

  /* one text file per article; a stale one from an earlier build goes */
  g_assert_true (g_file_test (stale, G_FILE_TEST_EXISTS) == FALSE);
  d = g_dir_open (text, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *id = g_strndup (name, strlen (name) - 3);
      n_texts++;
      g_assert_true (g_str_has_suffix (name, ".js"));
      g_assert_nonnull (ed_edition_find_article (ed, id));
    }
  g_dir_close (d);
  g_assert_cmpuint (n_texts, ==, 3);
  /* exactly one copy of the body text in the reader */
  g_assert_cmpuint (files_containing (reader, "近年来，"), ==, 1);
  g_assert_cmpuint (files_containing (text, "近年来，"), ==, 1);
  g_assert_cmpuint (files_containing (reader, "记者 罗丽 整理"), ==, 1);

  /* the reader, page images and article texts excluded, stays under 60 KB */
  d = g_dir_open (reader, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (reader, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        total += file_size (reader, name);
    }
  g_dir_close (d);
  g_test_message ("reader size: %" G_GSIZE_FORMAT " bytes", total);
  g_assert_cmpuint (total, <, 60 * 1024);
  tu_rm_rf (out);
}

static void
test_set_calendar (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autofree char *reader = g_build_filename (out, RDR_DIR, NULL);
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *before = NULL, *json = NULL, *js = NULL, *expect_js = NULL, *after = NULL;
  JsonObject *root;

  g_assert_true (rdr_write (ed, NULL, NULL, tu_srcdir (), out, &error));
  before = read_file (reader, "edition.json");
  g_assert_true (rdr_set_calendar (out, "../../../../index.html", &error));
  g_assert_no_error (error);
  json = read_file (reader, "edition.json");
  root = parse_object (parser, json);
  g_assert_cmpstr (json_object_get_string_member (root, "calendar"), ==, "../../../../index.html");
  g_assert_cmpstr (json_object_get_string_member (root, "paper"), ==, "吕梁日报");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "articles")), ==, 3);
  js = read_file (reader, "edition.js");
  expect_js = g_strconcat ("window.EPAPER_EDITION=", json, ";\n", NULL);
  g_assert_cmpstr (js, ==, expect_js);
  /* NULL removes the link again */
  g_assert_true (rdr_set_calendar (out, NULL, &error));
  after = read_file (reader, "edition.json");
  g_assert_null (strstr (after, "calendar"));
  g_assert_cmpuint (strlen (after), ==, strlen (before));
  /* no reader there */
  g_assert_false (rdr_set_calendar (reader, "x", &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  tu_rm_rf (out);
}

static void
test_missing_static_file (void)
{
  g_autofree char *out = tu_mkdtemp ();
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GError) error = NULL;

  g_assert_false (rdr_write (ed, NULL, NULL, out /* no reader/ here */, out, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "index.html"));
  tu_rm_rf (out);
}

/* Releases pango's, cairo's and fontconfig's caches so LeakSanitizer
 * (make check SANITIZE=1) sees only our own allocations. */
static void
release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}

int
main (int argc, char **argv)
{
  int rc;

  if (argc >= 3 && strcmp (argv[1], "--write-sample") == 0)
    {
      /* --write-sample OUT_DIR [--xhtml] [--no-images] */
      RdrOptions opts = { .calendar_href = "../../index.html" };
      gboolean images = TRUE;

      for (int i = 3; i < argc; i++)
        if (strcmp (argv[i], "--xhtml") == 0)
          {
            opts.article_html = fake_article_xhtml;
            opts.article_html_data = (gpointer) "data";
          }
        else if (strcmp (argv[i], "--no-images") == 0)
          images = FALSE;
        else
          return 2;
      write_sample (argv[2], &opts, images);
      release_font_caches ();
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reader/json/header", test_json_header);
  g_test_add_func ("/reader/json/calendar", test_json_calendar);
  g_test_add_func ("/reader/json/pages", test_json_pages);
  g_test_add_func ("/reader/json/articles", test_json_articles);
  g_test_add_func ("/reader/json/escapes-markup", test_json_escapes_markup);
  g_test_add_func ("/reader/text/hook", test_text_hook);
  g_test_add_func ("/reader/text/epub-xhtml", test_text_is_epub_xhtml);
  g_test_add_func ("/reader/text/epub-documents", test_epub_documents_share_the_text);
  g_test_add_func ("/reader/geometry/bad", test_bad_geometry);
  g_test_add_func ("/reader/geometry/stacked", test_stacked_geometry);
  g_test_add_func ("/reader/geometry/composed-pages", test_composed_pages);
  g_test_add_func ("/reader/write/files", test_write_files);
  g_test_add_func ("/reader/write/missing-static-file", test_missing_static_file);
  g_test_add_func ("/reader/write/set-calendar", test_set_calendar);
  rc = g_test_run ();
  release_font_caches ();
  return rc;
}
