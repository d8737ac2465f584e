/* test-xml.c — escaping and the small XML writer. */
#include "testutil.h"
#include "base/xml.h"

static void
test_escape_specials (void)
{
  g_autofree char *s = xml_escape ("a & b < c > d \"e\" 'f' ]]> g", -1);

  g_assert_cmpstr (s, ==,
                   "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; ]]&gt; g");
}

static void
test_escape_keeps_cjk (void)
{
  g_autofree char *s = xml_escape ("让“吕气吕用”真正造福吕梁人民　——", -1);

  g_assert_cmpstr (s, ==, "让“吕气吕用”真正造福吕梁人民　——");
}

static void
test_filter_controls (void)
{
  /* C0 controls except tab/LF/CR, DEL, C1 controls and U+FFFE/U+FFFF go. */
  const char in[] = "a\x01" "b\tc\nd\re\x1f" "f\x7fg\xc2\x85h\xef\xbf\xbei\xef\xbf\xbfj";
  g_autofree char *s = xml_filter_chars (in, -1);
  g_autofree char *e = xml_escape ("x\x0by<", -1);

  g_assert_cmpstr (s, ==, "ab\tc\nd\refghij");
  g_assert_cmpstr (e, ==, "xy&lt;");
}

static void
test_filter_invalid_utf8_and_nul (void)
{
  const char in[] = { 'a', '\0', 'b', (char) 0xff, 'c', (char) 0xe5, (char) 0x90 };
  g_autofree char *s = xml_filter_chars (in, sizeof in);

  g_assert_cmpstr (s, ==, "ab\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_true (g_utf8_validate (s, -1, NULL));
}

static void
test_char_is_allowed (void)
{
  g_assert_true (xml_char_is_allowed ('\t'));
  g_assert_true (xml_char_is_allowed (0x4e2d));
  g_assert_true (xml_char_is_allowed (0x1f600));
  g_assert_false (xml_char_is_allowed (0x0));
  g_assert_false (xml_char_is_allowed (0x1b));
  g_assert_false (xml_char_is_allowed (0x9f));
  g_assert_false (xml_char_is_allowed (0xfffe));
  g_assert_false (xml_char_is_allowed (0xd800));
}

static void
test_writer_xml (void)
{
  g_autoptr (XmlWriter) w = xml_writer_new (XML_MODE_XML);
  g_autofree char *doc = NULL;
  gsize len = 0;

  xml_writer_declaration (w);
  xml_writer_start (w, "a", "x", "1 & \"2\"", "skipped", NULL, "y", "<", NULL);
  xml_writer_element (w, "b", "t<]]>", "id", "i", NULL);
  xml_writer_empty (w, "img", "src", "p.png", NULL);
  xml_writer_empty (w, "span", NULL);
  g_assert_cmpuint (xml_writer_depth (w), ==, 1);
  xml_writer_text (w, "&");
  xml_writer_end (w);
  doc = xml_writer_finish (g_steal_pointer (&w), &len);
  g_assert_cmpstr (doc, ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<a x=\"1 &amp; &quot;2&quot;\" y=\"&lt;\"><b id=\"i\">t&lt;]]&gt;</b>"
                   "<img src=\"p.png\"/><span/>&amp;</a>");
  g_assert_cmpuint (len, ==, strlen (doc));
}

static void
test_writer_html (void)
{
  g_autoptr (XmlWriter) w = xml_writer_new (XML_MODE_HTML);
  g_autofree char *doc = NULL;

  xml_writer_start (w, "p", NULL);
  xml_writer_empty (w, "br", NULL);
  xml_writer_empty (w, "span", "class", "c", NULL);
  xml_writer_text_len (w, "abcdef", 3);
  xml_writer_end (w);
  doc = xml_writer_finish (g_steal_pointer (&w), NULL);
  g_assert_cmpstr (doc, ==, "<p><br><span class=\"c\"></span>abc</p>");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml/escape-specials", test_escape_specials);
  g_test_add_func ("/xml/escape-keeps-cjk", test_escape_keeps_cjk);
  g_test_add_func ("/xml/filter-controls", test_filter_controls);
  g_test_add_func ("/xml/filter-invalid-utf8-and-nul", test_filter_invalid_utf8_and_nul);
  g_test_add_func ("/xml/char-is-allowed", test_char_is_allowed);
  g_test_add_func ("/xml/writer-xml", test_writer_xml);
  g_test_add_func ("/xml/writer-html", test_writer_html);
  return g_test_run ();
}
