/* dates.h — the edition date: parsed once from ISO 8601, printed in the
 * paper's form.  One implementation for every stage. */
#pragma once

#include <glib.h>

/* Parses a strict "YYYY-MM-DD" (four-digit year ≥ 1, a real day) into
 * *@out (may be NULL).  Returns FALSE for anything else. */
gboolean    eb_date_parse (const char *iso, GDate *out);

/* "2025年2月18日"; caller owns. */
char       *eb_date_text (const GDate *date);

/* The one title of an edition in every output (PDF, EPUB, OPDS, web
 * reader): "吕梁日报 2025年2月19日" — paper, one space, eb_date_text().
 * Caller owns. */
char       *eb_edition_title (const char *paper, const GDate *date);

/* The same from an ISO date ("2025-02-19", as an archive manifest stores
 * it); an invalid date is kept as written.  Caller owns. */
char       *eb_edition_title_iso (const char *paper, const char *iso);

/* "星期一" … "星期日" (static). */
const char *eb_weekday_name (const GDate *date);

/* The date in the Chinese lunisolar calendar (ICU's "chinese" calendar) as a masthead prints it: "农历乙巳年正月廿二"
 * (闰 before a leap month); caller owns; NULL if ICU cannot say. */
char       *eb_lunar_date_text (const GDate *date);
