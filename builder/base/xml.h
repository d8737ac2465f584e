/* xml.h — small XML / XHTML / HTML writer and escaping helpers.
 *
 * Shared by every stage that writes markup: the EPUB (package document,
 * navigation, XHTML content), the archive's HTML index and its OPDS feed.
 *
 * Text from the edition is untrusted: every function that takes text or an
 * attribute value escapes it (& < > " ') and drops the characters XML 1.0
 * forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) as well as
 * C1 controls (U+007F–U+009F), which HTML treats as errors.  Invalid UTF-8
 * becomes U+FFFD.  Because '>' is always escaped, "]]>" never survives.
 */
#pragma once

#include <glib.h>
#include <stdarg.h>

/* TRUE if @c may appear in an XML 1.0 document we write (see above). */
gboolean xml_char_is_allowed (gunichar c);

/* Returns @text (@len bytes, or NUL-terminated if @len < 0) with invalid
 * UTF-8 replaced and disallowed characters removed.  Caller owns. */
char *xml_filter_chars (const char *text, gssize len);

/* Appends @text escaped for element content or a double-quoted attribute
 * value (the same escaping serves both): & < > " ' become entities. */
void xml_append_escaped (GString *out, const char *text, gssize len);

/* Returns @text escaped as by xml_append_escaped().  Caller owns. */
char *xml_escape (const char *text, gssize len);

/* --------------------------------------------------------------- writer */

typedef enum {
  XML_MODE_XML,   /* XML / XHTML: empty elements as <x/> */
  XML_MODE_HTML,  /* HTML serialization: void elements as <br>, others <x></x> */
} XmlMode;

/* A streaming writer into a growing buffer.  It keeps a stack of open
 * elements so xml_writer_end() closes the right one. */
typedef struct XmlWriter XmlWriter;

/* Returns a new writer (caller owns; xml_writer_free()). */
XmlWriter *xml_writer_new (XmlMode mode);
void       xml_writer_free (XmlWriter *w);

/* Writes <?xml version="1.0" encoding="UTF-8"?> and a newline. */
void xml_writer_declaration (XmlWriter *w);

/* Writes @text unescaped (doctype, newlines, trusted fragments). */
void xml_writer_raw (XmlWriter *w, const char *text);

/* Opens element @name.  The variable arguments are attribute name/value
 * pairs terminated by a NULL name; a pair whose value is NULL is skipped,
 * so optional attributes need no special casing.  Values are escaped. */
void xml_writer_start (XmlWriter *w, const char *name, ...) G_GNUC_NULL_TERMINATED;
void xml_writer_start_va (XmlWriter *w, const char *name, va_list ap);

/* Closes the innermost open element. */
void xml_writer_end (XmlWriter *w);

/* Writes an element without content (<name a="v"/>); attributes as for
 * xml_writer_start(). */
void xml_writer_empty (XmlWriter *w, const char *name, ...) G_GNUC_NULL_TERMINATED;

/* Writes escaped, filtered text. */
void xml_writer_text (XmlWriter *w, const char *text);
void xml_writer_text_len (XmlWriter *w, const char *text, gssize len);

/* Writes <name attrs…>text</name>; attributes as for xml_writer_start(). */
void xml_writer_element (XmlWriter *w, const char *name, const char *text,
                         ...) G_GNUC_NULL_TERMINATED;

/* Number of elements still open. */
guint xml_writer_depth (const XmlWriter *w);

/* Returns the document written so far and frees the writer.  Every element
 * must have been closed.  Caller owns the string; @len_out may be NULL. */
char *xml_writer_finish (XmlWriter *w, gsize *len_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XmlWriter, xml_writer_free)
