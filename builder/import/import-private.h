/* import-private.h — internals of the importer shared by import-*.c and
 * tests/test-import.c.  Not for other modules. */
#pragma once

#include <glib.h>

#include "import/import.h"

/* ---- character classes (import-text.c) ---- */
gboolean imp_is_han   (gunichar c);  /* ideographs, 〇, U+FFFD */
gboolean imp_is_punct (gunichar c);  /* CJK and full-width punctuation, “”‘’—… */
gboolean imp_is_cjk   (gunichar c);  /* han or CJK punctuation */
gboolean imp_is_latin (gunichar c);  /* Latin letters and digits */
double   imp_width    (const char *s); /* printed width in em (ASCII = ½) */

/* ---- text repairs (import-text.c); each returns a new string ---- */

/* Undoes fake-bold doubling ("55月月 吕梁市吕梁市" → "5月 吕梁市") when the
 * whole line is made of doubled segments; sets *@repaired.  Lines with real
 * repetitions (谢谢, 研究研究) are returned unchanged. */
char *imp_repair_fake_bold (const char *line, gboolean *repaired);

/* Removes letter-spacing ("新 质 生 产 力 。" → "新质生产力。") when the
 * line is letter-spaced (sets *@spaced); otherwise drops only the spaces
 * next to CJK punctuation and between Han and Latin/digits.  Keeps a space
 * between two Latin words and, in a line that is not letter-spaced, between
 * two Han phrases ("运动青春 筑梦未来").  Collapses runs of spaces. */
char *imp_clean_spaces (const char *line, gboolean *spaced);

/* Maps vertical presentation forms (﹃﹄﹁﹂︵︶︽︾ …) back to horizontal
 * punctuation; first-level quotes become “”, nested ones ‘’. */
char *imp_map_vertical_forms (const char *text);

/* Half-width , ; : ( ) ? ! next to Chinese text → full width; kept inside
 * Latin/number runs (2.6—2.8元, 11:45-12:00, IVF-ET/ICSI). */
char *imp_fix_punctuation (const char *text);

/* Joins two printed lines of one paragraph: no space between Chinese
 * characters, one space between Latin words. Appends @next to @para. */
void  imp_join_line (GString *para, const char *next);

/* ---- page analysis (import-page.c) ---- */

/* Imports one page from its text.  @stem names it in notes ("000"),
 * @path in errors.  Adds the page and its articles to @ed.  Titles that had
 * to be made up (no headline on the page) are recorded in @synth_titles
 * (of EdArticle *, borrowed) when non-NULL. */
gboolean imp_import_page_text (EdEdition *ed, guint number, const char *path,
                               const char *stem, const char *text, gsize len,
                               const ImpOptions *opts, GPtrArray *synth_titles,
                               GError **error);

/* Guesses the edition date from page texts (NULL-terminated); returns an
 * ISO date the caller owns or NULL.  *@exact is TRUE when the page printed
 * its date ("2024年3月25日 星期一"). */
char *imp_guess_date (char **texts, gboolean *exact);

/* Validates raw page bytes: non-empty, no NUL/control bytes, UTF-8.
 * Returns FALSE with EB_ERROR_INPUT "path:line: …". */
gboolean imp_check_text (const char *path, const char *data, gsize len,
                         GError **error);
