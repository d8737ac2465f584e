/* xml.c — XML / XHTML / HTML writer and escaping helpers. */
#include "base/xml.h"

#include <string.h>

struct XmlWriter {
  XmlMode    mode;
  GString   *out;
  GPtrArray *open;   /* of char *, owned: names of the open elements */
};

gboolean
xml_char_is_allowed (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';
  if (c >= 0x7f && c <= 0x9f)
    return FALSE;
  if (c >= 0xd800 && c <= 0xdfff)
    return FALSE;
  return c != 0xfffe && c != 0xffff && c <= 0x10ffff;
}

/* Walks @text (@len bytes or NUL-terminated), appending each allowed
 * character to @out, escaped when @escape.  Invalid bytes become U+FFFD. */
static void
xml_append_filtered (GString *out, const char *text, gssize len, gboolean escape)
{
  const char *p = text;
  const char *end;

  if (!text)
    return;
  end = text + (len < 0 ? (gssize) strlen (text) : len);
  while (p < end)
    {
      gunichar c;

      if (*p == '\0')   /* NUL: not allowed in XML, dropped */
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xef\xbf\xbd");   /* U+FFFD */
          p++;
          continue;
        }
      if (escape && c < 0x80)
        {
          switch (c)
            {
            case '&': g_string_append (out, "&amp;"); p++; continue;
            case '<': g_string_append (out, "&lt;"); p++; continue;
            case '>': g_string_append (out, "&gt;"); p++; continue;
            case '"': g_string_append (out, "&quot;"); p++; continue;
            case '\'': g_string_append (out, "&#39;"); p++; continue;
            default: break;
            }
        }
      {
        const char *next = g_utf8_next_char (p);

        if (xml_char_is_allowed (c))
          g_string_append_len (out, p, next - p);
        p = next;
      }
    }
}

char *
xml_filter_chars (const char *text, gssize len)
{
  GString *out = g_string_new (NULL);

  xml_append_filtered (out, text, len, FALSE);
  return g_string_free (out, FALSE);
}

void
xml_append_escaped (GString *out, const char *text, gssize len)
{
  xml_append_filtered (out, text, len, TRUE);
}

char *
xml_escape (const char *text, gssize len)
{
  GString *out = g_string_new (NULL);

  xml_append_filtered (out, text, len, TRUE);
  return g_string_free (out, FALSE);
}

/* --------------------------------------------------------------- writer */

XmlWriter *
xml_writer_new (XmlMode mode)
{
  XmlWriter *w = g_new0 (XmlWriter, 1);

  w->mode = mode;
  w->out = g_string_sized_new (4096);
  w->open = g_ptr_array_new_with_free_func (g_free);
  return w;
}

void
xml_writer_free (XmlWriter *w)
{
  if (!w)
    return;
  g_string_free (w->out, TRUE);
  g_ptr_array_unref (w->open);
  g_free (w);
}

void
xml_writer_declaration (XmlWriter *w)
{
  g_string_append (w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void
xml_writer_raw (XmlWriter *w, const char *text)
{
  g_string_append (w->out, text);
}

/* Writes "<name" and the attribute pairs of @ap (not the closing '>'). */
static void
xml_writer_open_tag (XmlWriter *w, const char *name, va_list ap)
{
  const char *attr;

  g_string_append_c (w->out, '<');
  g_string_append (w->out, name);
  while ((attr = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);

      if (!value)
        continue;
      g_string_append_c (w->out, ' ');
      g_string_append (w->out, attr);
      g_string_append (w->out, "=\"");
      xml_append_escaped (w->out, value, -1);
      g_string_append_c (w->out, '"');
    }
}

void
xml_writer_start_va (XmlWriter *w, const char *name, va_list ap)
{
  xml_writer_open_tag (w, name, ap);
  g_string_append_c (w->out, '>');
  g_ptr_array_add (w->open, g_strdup (name));
}

void
xml_writer_start (XmlWriter *w, const char *name, ...)
{
  va_list ap;

  va_start (ap, name);
  xml_writer_start_va (w, name, ap);
  va_end (ap);
}

void
xml_writer_end (XmlWriter *w)
{
  const char *name;

  g_return_if_fail (w->open->len > 0);
  name = g_ptr_array_index (w->open, w->open->len - 1);
  g_string_append (w->out, "</");
  g_string_append (w->out, name);
  g_string_append_c (w->out, '>');
  g_ptr_array_remove_index (w->open, w->open->len - 1);
}

/* HTML void elements: written as <name> in XML_MODE_HTML. */
static gboolean
xml_is_void_element (const char *name)
{
  static const char *const voids[] = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
    "meta", "source", "track", "wbr", NULL,
  };

  for (guint i = 0; voids[i]; i++)
    if (!strcmp (name, voids[i]))
      return TRUE;
  return FALSE;
}

void
xml_writer_empty (XmlWriter *w, const char *name, ...)
{
  va_list ap;

  va_start (ap, name);
  xml_writer_open_tag (w, name, ap);
  va_end (ap);
  if (w->mode == XML_MODE_XML)
    g_string_append (w->out, "/>");
  else if (xml_is_void_element (name))
    g_string_append_c (w->out, '>');
  else
    g_string_append_printf (w->out, "></%s>", name);
}

void
xml_writer_text (XmlWriter *w, const char *text)
{
  xml_append_escaped (w->out, text, -1);
}

void
xml_writer_text_len (XmlWriter *w, const char *text, gssize len)
{
  xml_append_escaped (w->out, text, len);
}

void
xml_writer_element (XmlWriter *w, const char *name, const char *text, ...)
{
  va_list ap;

  va_start (ap, text);
  xml_writer_start_va (w, name, ap);
  va_end (ap);
  xml_writer_text (w, text);
  xml_writer_end (w);
}

guint
xml_writer_depth (const XmlWriter *w)
{
  return w->open->len;
}

char *
xml_writer_finish (XmlWriter *w, gsize *len_out)
{
  char *s;

  g_return_val_if_fail (w->open->len == 0, NULL);
  if (len_out)
    *len_out = w->out->len;
  s = g_string_free (w->out, FALSE);
  g_ptr_array_unref (w->open);
  g_free (w);
  return s;
}
