/* textcheck.h — the characters edition text may hold.
 *
 * A character that no output can show is refused where the text enters
 * the program (the source loader, with file:line) or removed there (the
 * importer, with a note), never met deep in a stage: C0 controls other
 * than tab, line feed and carriage return, DEL, the C1 controls
 * (U+0080–U+009F: terminals obey some of them), the noncharacters
 * (U+FDD0–U+FDEF and the last two code points of every plane, U+xFFFE and
 * U+xFFFF) and surrogates.
 */
#pragma once

#include <glib.h>

/* TRUE when @c may stand in edition text (see above). */
gboolean eb_char_is_text (gunichar c);

/* What @c is, for messages: "a control character", "a noncharacter". */
const char *eb_char_kind (gunichar c);

/* Returns the first character of @s (valid UTF-8, @len bytes or
 * NUL-terminated when < 0) that may not stand in text, or NULL. */
const char *eb_text_find_bad (const char *s, gssize len);

/* Returns @s without the characters that may not stand in text, or NULL
 * when it has none; *@first gets the first one removed.  Caller owns. */
char *eb_text_strip_bad (const char *s, gssize len, gunichar *first);
