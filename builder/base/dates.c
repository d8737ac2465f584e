/* dates.c — the edition date (dates.h). */
#include "base/dates.h"

#include <stdio.h>
#include <string.h>

gboolean
eb_date_parse (const char *iso, GDate *out)
{
  int y, m, d, n = 0;

  if (!iso || strlen (iso) != 10
      || sscanf (iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10
      || iso[4] != '-' || iso[7] != '-'
      || !g_ascii_isdigit (iso[0]) || !g_ascii_isdigit (iso[5])
      || !g_ascii_isdigit (iso[8]))
    return FALSE;
  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (out)
    g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
eb_date_text (const GDate *date)
{
  return g_strdup_printf ("%u年%u月%u日", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

const char *
eb_weekday_name (const GDate *date)
{
  static const char *const names[] = {
    "", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"
  };

  return g_date_valid (date) ? names[g_date_get_weekday (date)] : "";
}

char *
eb_edition_title (const char *paper, const GDate *date)
{
  g_autofree char *day = eb_date_text (date);

  return g_strdup_printf ("%s %s", paper ? paper : "", day);
}

char *
eb_edition_title_iso (const char *paper, const char *iso)
{
  GDate d;

  g_date_clear (&d, 1);
  if (!eb_date_parse (iso, &d))
    return g_strdup_printf ("%s %s", paper ? paper : "", iso ? iso : "");
  return eb_edition_title (paper, &d);
}
