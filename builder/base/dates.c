/* dates.c — the edition date (dates.h). */
#include "base/dates.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>

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

/* Days of a lunar month as printed: 初一 … 初十, 十一 … 二十, 廿一 … 三十. */
static char *
eb_lunar_day_name (int day)
{
  static const char *const digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八",
                                        "九", "十" };

  if (day <= 10)
    return g_strconcat ("初", digits[day], NULL);
  if (day < 20)
    return g_strconcat ("十", digits[day - 10], NULL);
  if (day == 20 || day == 30)
    return g_strconcat (digits[day / 10], "十", NULL);
  return g_strconcat ("廿", digits[day % 10], NULL);
}

char *
eb_lunar_date_text (const GDate *date)
{
  static const char *const stems = "甲乙丙丁戊己庚辛壬癸";
  static const char *const branches = "子丑寅卯辰巳午未申酉戌亥";
  static const char *const months[] = { "正", "二", "三", "四", "五", "六", "七", "八", "九",
                                        "十", "冬", "腊" };
  UErrorCode status = U_ZERO_ERROR;
  UCalendar *cal;
  int cycle_year, month, day, leap;
  g_autofree char *day_name = NULL;
  char stem[4] = { 0 }, branch[4] = { 0 };
  GDate epoch;

  if (!date || !g_date_valid (date))
    return NULL;
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  /* noon of the day in GMT: the calendar's day is the date's */
  cal = ucal_open ((const UChar[]) { 'G', 'M', 'T', 0 }, -1, "zh_CN@calendar=chinese",
                   UCAL_DEFAULT, &status);
  if (U_FAILURE (status))
    return NULL;
  ucal_setMillis (cal, (g_date_days_between (&epoch, date) + 0.5) * U_MILLIS_PER_DAY, &status);
  cycle_year = ucal_get (cal, UCAL_YEAR, &status);      /* 1 … 60, 1 = 甲子 */
  month = ucal_get (cal, UCAL_MONTH, &status);          /* 0 … 11 */
  day = ucal_get (cal, UCAL_DATE, &status);
  leap = ucal_get (cal, UCAL_IS_LEAP_MONTH, &status);
  ucal_close (cal);
  if (U_FAILURE (status) || cycle_year < 1 || cycle_year > 60 || month < 0 || month > 11
      || day < 1 || day > 30)
    return NULL;
  /* stems and branches are three UTF-8 bytes each */
  memcpy (stem, stems + 3 * ((cycle_year - 1) % 10), 3);
  memcpy (branch, branches + 3 * ((cycle_year - 1) % 12), 3);
  day_name = eb_lunar_day_name (day);
  return g_strdup_printf ("农历%s%s年%s%s月%s", stem, branch, leap ? "闰" : "", months[month],
                          day_name);
}
