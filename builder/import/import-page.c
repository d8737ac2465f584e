/* import-page.c — one raw page → articles: the stages of the analysis in
 * order (see import-private.h), the checks of raw page bytes, and the
 * edition date guessed from the text. */
#include "import/import-private.h"
#include "base/errors.h"

#include <stdlib.h>
#include <string.h>

static void
imp_page_clear (ImpPage *pg)
{
  g_ptr_array_unref (pg->lines);
  g_ptr_array_unref (pg->items);
  if (pg->segs)
    g_ptr_array_unref (pg->segs);
  if (pg->groups)
    g_ptr_array_unref (pg->groups);
  if (pg->ctx)
    imp_ctx_free (pg->ctx);
  g_hash_table_unref (pg->regex);
  if (pg->trigrams)
    g_hash_table_unref (pg->trigrams);
  g_free (pg->section);
}

static const char *
imp_kind_name (const ImpLine *l)
{
  static const char *const names[] = {
    "text", "vert", "byline", "credit", "name", "jump", "teaser", "section", "date", "desk",
    "slogan", "sign", "label",
  };
  return l->head ? "HEAD" : names[l->kind];
}

/* How the page was read: every line with its kind and measure, the item
 * and segment it went into, then the groups and their matches. */
static void
imp_page_trace (const ImpPage *pg, GString *out)
{
  for (guint i = 0; i < pg->items->len; i++)
    {
      const ImpItem *it = g_ptr_array_index (pg->items, i);
      static const char *const kinds[] = { "PARA", "RUN", "CAPTION", "LINE" };
      g_string_append_printf (out, "item %u %s seg %d\n", i, kinds[it->kind], it->seg);
      for (guint k = it->first; k <= it->last; k++)
        {
          const ImpLine *l = g_ptr_array_index (pg->lines, k);
          g_string_append_printf (out, "  %4u %-7s %c %5.1f/%5.1f%s %s\n", l->no, imp_kind_name (l),
                                  l->state ? l->state : '-', l->w, l->measure, l->lead ? " lead" : "", l->text);
        }
    }
  for (guint g = 0; g < pg->groups->len; g++)
    {
      const ImpGroup *grp = g_ptr_array_index (pg->groups, g);
      g_string_append_printf (out, "group %u item %u seg %d score %.2f sim %.2f%s: %s\n", g, grp->item,
                              grp->seg, grp->score, grp->sim, grp->subhead ? " subhead" : "", grp->text);
    }
  g_string_append_printf (out, "heads after bodies: %.2f; marks %.2f em\n", pg->p_after, pg->mark);
  imp_page_trace_slots (pg, out);
}

/* Reads the page's lines into items, stories and heads; reads it again
 * when lines taken for text may be the heads of stories found without
 * one (and forgets the first reading's notes). */
static void
imp_page_read (ImpPage *pg)
{
  guint notes = pg->ed->notes->len;

  imp_page_paragraphs (pg);
  imp_page_signatures (pg);
  imp_page_captions (pg);
  imp_page_match (pg);
  if (!imp_page_hidden_heads (pg))
    return;
  g_ptr_array_set_size (pg->ed->notes, notes);
  g_ptr_array_set_size (pg->items, 0);
  g_clear_pointer (&pg->segs, g_ptr_array_unref);
  g_clear_pointer (&pg->groups, g_ptr_array_unref);
  g_clear_pointer (&pg->ctx, imp_ctx_free);
  for (guint i = 0; i < pg->lines->len; i++)
    imp_ln (pg, i)->head = FALSE;
  imp_page_paragraphs (pg);
  imp_page_signatures (pg);
  imp_page_captions (pg);
  imp_page_match (pg);
}

gboolean
imp_import_page_text (EdEdition *ed, guint number, const char *path, const char *stem,
                      const char *text, gsize len, const ImpOptions *opts,
                      GPtrArray *synth_titles, GError **error)
{
  ImpPage pg = { 0 };
  EdPage *page;

  if (!imp_check_text (path, text, len, error))
    return FALSE;
  pg.ed = ed;
  pg.stem = stem;
  pg.opts = opts;
  pg.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_line_free);
  pg.items = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_item_free);
  pg.regex = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_regex_unref);
  imp_page_read_lines (&pg, text);
  imp_page_merge_vertical (&pg);
  imp_page_classify_forms (&pg);
  imp_page_measures (&pg);
  imp_page_read (&pg);
  page = ed_page_new (number, "要闻");
  g_ptr_array_add (ed->pages, page);
  if (opts && opts->trace)
    imp_page_trace (&pg, opts->trace);
  imp_page_articles (&pg, page, number, synth_titles);
  g_free (page->section);
  page->section = g_strdup (opts && opts->section ? opts->section : pg.section ? pg.section : "要闻");
  if (!(opts && opts->section) && !pg.section)
    ed_edition_add_note (ed, "%s:1: section not printed on the page; using 要闻", stem);
  imp_page_clear (&pg);
  return TRUE;
}

/* ------------------------------------------------------------- checks */

gboolean
imp_check_text (const char *path, const char *data, gsize len, GError **error)
{
  const char *end = NULL;
  gboolean any = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) data[i];
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
        {
          eb_set_input_error (error, path, eb_line_of_offset (data, i),
                              "binary data (byte 0x%02x at offset %" G_GSIZE_FORMAT "), not page text",
                              c, i);
          return FALSE;
        }
      any |= !g_ascii_isspace (c);
    }
  if (!g_utf8_validate (data, (gssize) len, &end))
    {
      gsize off = (gsize) (end - data);
      eb_set_input_error (error, path, eb_line_of_offset (data, off),
                          "invalid UTF-8 at byte offset %" G_GSIZE_FORMAT, off);
      return FALSE;
    }
  if (!any)
    {
      eb_set_input_error (error, path, 1, "empty page: no text");
      return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- dates */

static gboolean
imp_scan_exact_date (const char *text, GDate *date)
{
  g_autoptr (GRegex) re = g_regex_new ("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*星期", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;

  if (!g_regex_match (re, text, 0, &mi))
    return FALSE;
  {
    g_autofree char *y = g_match_info_fetch (mi, 1), *m = g_match_info_fetch (mi, 2),
                    *d = g_match_info_fetch (mi, 3);
    int yy = atoi (y), mm = atoi (m), dd = atoi (d);
    if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) yy))
      return FALSE;
    g_date_set_dmy (date, (GDateDay) dd, (GDateMonth) mm, (GDateYear) yy);
  }
  return TRUE;
}

char *
imp_guess_date (char **texts, gboolean *exact)
{
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GRegex) re_md = g_regex_new ("本报讯[^。]{0,40}?(\\d{1,2})月(\\d{1,2})日", 0, 0, NULL);
  g_autoptr (GRegex) re_md_any = g_regex_new ("(\\d{1,2})月(\\d{1,2})日", 0, 0, NULL);
  g_autoptr (GRegex) re_year = g_regex_new ("(.?)(\\d{4})年", 0, 0, NULL);
  g_autoptr (GRegex) re_full = g_regex_new ("(\\d{4})年\\d{1,2}月", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  int month = 0, day = 0, year = 0, full_max = 0;
  GDate date;

  *exact = FALSE;
  g_date_clear (&date, 1);
  for (guint i = 0; texts[i]; i++)
    if (imp_scan_exact_date (texts[i], &date))
      {
        char buf[16];
        *exact = TRUE;
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }
  for (guint i = 0; texts[i]; i++)
    for (const char *p = texts[i]; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        if (!g_unichar_isspace (c))
          g_string_append_unichar (all, c);
      }
  for (int pass = 0; pass < 2 && !month; pass++)
    {
      GRegex *re = pass ? re_md_any : re_md;
      g_clear_pointer (&mi, g_match_info_free);
      for (g_regex_match (re, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          g_autofree char *m = g_match_info_fetch (mi, 1), *d = g_match_info_fetch (mi, 2);
          int mm = atoi (m), dd = atoi (d);
          if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 && (mm > month || (mm == month && dd > day)))
            {
              month = mm;
              day = dd;
            }
        }
    }
  g_clear_pointer (&mi, g_match_info_free);
  for (g_regex_match (re_full, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *y = g_match_info_fetch (mi, 1);
      full_max = MAX (full_max, atoi (y));
    }
  g_clear_pointer (&mi, g_match_info_free);
  for (g_regex_match (re_year, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *before = g_match_info_fetch (mi, 1), *y = g_match_info_fetch (mi, 2);
      int yy = atoi (y);
      if (!strcmp (before, "到") || !strcmp (before, "至") || yy < 1949 || yy > 2200)
        continue;
      if (full_max && yy > full_max + 1)
        continue;
      year = MAX (year, yy);
    }
  if (!year)
    return NULL;
  if (!month)
    {
      month = 1;
      day = 1;
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    day = 1;
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_add_days (&date, 1); /* news of day D is printed on D+1 */
  {
    char buf[16];
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
    return g_strdup (buf);
  }
}
