/* pagegen-text.h — a composed page written out as its extraction reads it:
 * frames in drawing order, line habits and artefacts (see pagegen.h). */
#pragma once

#include "pagegen-stories.h"

/* ---------------------------------------------------------------- lines */

/* The text of one placed line. */
static inline char *
pg_line_text (const CompLine *cl)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < cl->line->runs->len; r++)
    {
      const TsGlyphRun *gr = g_ptr_array_index (cl->line->runs, r);
      g_string_append_len (s, gr->utf8, gr->utf8_len);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static inline char *
pg_elem_text (const CompElem *e)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l < e->lines->len; l++)
    {
      g_autofree char *t = pg_line_text (&g_array_index (e->lines, CompLine, l));
      g_string_append (s, t);
    }
  return g_string_free (s, FALSE);
}

/* Are two texts the same but for white space? */
static inline gboolean
pg_same_text (const char *a, const char *b)
{
  while (*a || *b)
    {
      while (*a == ' ')
        a++;
      while (*b == ' ')
        b++;
      if (*a != *b)
        return FALSE;
      if (*a)
        a++, b++;
    }
  return TRUE;
}

/* --------------------------------------------------------------- frames */

typedef enum { PG_F_HEAD, PG_F_BODY, PG_F_FIG, PG_F_FURN } PgFrameKind;

/* A text frame as the extraction meets it: lines in drawing order. */
typedef struct {
  PgFrameKind kind;
  GPtrArray  *lines;      /* of char *, owned */
  GArray     *breaks;     /* of gboolean: a column break before line i */
  GArray     *justified;  /* of gboolean: line i is justified (not a last line) */
  GArray     *stretched;  /* of double: … and the em its glyphs were spread apart by,
                             between two of them (the extraction sees wide gaps) */
  gboolean    fake_bold;  /* every line printed doubled */
} PgFrame;

static inline PgFrame *
pg_frame_new (PgFrameKind kind)
{
  PgFrame *f = g_new0 (PgFrame, 1);
  f->kind = kind;
  f->lines = g_ptr_array_new_with_free_func (g_free);
  f->breaks = g_array_new (FALSE, TRUE, sizeof (gboolean));
  f->justified = g_array_new (FALSE, TRUE, sizeof (gboolean));
  f->stretched = g_array_new (FALSE, TRUE, sizeof (double));
  return f;
}

static inline void
pg_frame_free (PgFrame *f)
{
  g_ptr_array_unref (f->lines);
  g_array_unref (f->breaks);
  g_array_unref (f->justified);
  g_array_unref (f->stretched);
  g_free (f);
}

static inline void
pg_frame_add (PgFrame *f, const char *text, gboolean col_break)
{
  if (!text || !*text)
    return;
  g_ptr_array_add (f->lines, g_strdup (text));
  g_array_append_val (f->breaks, col_break);
  g_array_set_size (f->justified, f->lines->len);
  g_array_set_size (f->stretched, f->lines->len);
}

/* Appends @tail to the frame's last line (after @sep). */
static inline void
pg_frame_append (PgFrame *f, const char *sep, const char *tail)
{
  char **last;
  if (!f->lines->len)
    {
      pg_frame_add (f, tail, FALSE);
      return;
    }
  last = (char **) &g_ptr_array_index (f->lines, f->lines->len - 1);
  {
    char *t = g_strconcat (*last, sep, tail, NULL);
    g_free (*last);
    *last = t;
  }
}

/* The lines of element @e into @f: one a column line, or (@para_lines)
 * one a paragraph, cut where a column ends. */
/* Width of @t set solid: Han and marks 1 em, Latin ½ and a ¼ em gap. */
static inline double
pg_natural_width (const char *t)
{
  double w = 0;
  gunichar prev = 0;

  for (const char *p = t; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean latin = c < 0x1100 && c != ' ';
      if (c == ' ')
        continue;
      if (prev && (latin != (prev < 0x1100)))
        w += 0.25;
      w += latin ? 0.5 : 1.0;
      prev = c;
    }
  return w;
}

/* The lines of element @e into @f; @measure is the column's measure in
 * ems (0 for no body text): a justified line whose glyphs fall an em or
 * more short of it was spread by the typesetter. */
static inline void
pg_frame_add_elem (PgFrame *f, const CompElem *e, gboolean para_lines, double measure)
{
  GString *acc = NULL;
  double py = 0;

  for (guint l = 0; l < e->lines->len; l++)
    {
      const CompLine *cl = &g_array_index (e->lines, CompLine, l);
      g_autofree char *t = pg_line_text (cl);
      /* a column ends where the next line stands higher up (lines of a
       * centred head differ in x) */
      gboolean brk = l > 0 && cl->y < py - 1;
      if (para_lines)
        {
          if (acc && brk)
            {
              pg_frame_add (f, acc->str, FALSE);
              g_string_free (acc, TRUE);
              acc = NULL;
            }
          if (!acc)
            acc = g_string_new (NULL);
          g_string_append (acc, t);
        }
      else
        {
          pg_frame_add (f, t, brk);
          if (f->lines->len && l + 1 < e->lines->len)
            {
              double room = measure - (l == 0 ? 2 : 0);
              g_array_index (f->justified, gboolean, f->lines->len - 1) = TRUE;
              glong n = g_utf8_strlen (t, -1);
              g_array_index (f->stretched, double, f->lines->len - 1)
                  = measure > 0 ? MAX (0.0, room - pg_natural_width (t)) / (double) MAX (1, n - 1) : 0;
            }
        }
      py = cl->y;
    }
  if (acc)
    {
      pg_frame_add (f, acc->str, FALSE);
      g_string_free (acc, TRUE);
    }
}

/* Vertical presentation form of a mark in a vertical head, or 0. */
static inline gunichar
pg_vertical_form (gunichar c)
{
  switch (c)
    {
    case 0x201C: return 0xFE43;  /* “ ﹃ */
    case 0x201D: return 0xFE44;  /* ” ﹄ */
    case 0x2018: return 0xFE41;
    case 0x2019: return 0xFE42;
    case 0xFF08: return 0xFE35;
    case 0xFF09: return 0xFE36;
    case 0x300A: return 0xFE3D;
    case 0x300B: return 0xFE3E;
    default: return 0;
    }
}

/* A vertical head: one glyph a line; marks join the glyph before or
 * after them or stand alone. */
static inline void
pg_frame_vertical (PgFrame *f, GRand *r, const char *title)
{
  GString *cell = g_string_new (NULL);

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p), v = pg_vertical_form (c);
      gboolean mark = v || c == 0x3001 || c == 0xFF0C || c == 0xFF1A;
      if (c == ' ')
        continue;
      if (mark)
        {
          double u = g_rand_double (r);
          if (u < 0.4 && cell->len)
            {
              g_string_append_unichar (cell, v ? v : c);
              pg_frame_add (f, cell->str, FALSE);
              g_string_truncate (cell, 0);
              continue;
            }
          if (cell->len)
            pg_frame_add (f, cell->str, FALSE);
          g_string_truncate (cell, 0);
          g_string_append_unichar (cell, v ? v : c);
          if (u < 0.7)
            continue; /* joins the next glyph */
          pg_frame_add (f, cell->str, FALSE);
          g_string_truncate (cell, 0);
          continue;
        }
      g_string_append_unichar (cell, c);
      pg_frame_add (f, cell->str, FALSE);
      g_string_truncate (cell, 0);
    }
  if (cell->len)
    pg_frame_add (f, cell->str, FALSE);
  g_string_free (cell, TRUE);
}

/* A caption's lines, its credit (as printed, with its spaces) on a line
 * of its own or (@runon) after the caption's last line. */
static inline void
pg_frame_caption (PgFrame *f, const CompElem *e, const EdBlock *fig, gboolean runon,
                  gboolean para_lines)
{
  const char *credit = fig && fig->credit ? fig->credit : NULL;
  glong cut = 0, pos = 0;
  guint first = f->lines->len;

  if (!credit)
    {
      pg_frame_add_elem (f, e, para_lines, 0);
      return;
    }
  for (const char *p = fig->caption ? fig->caption : ""; *p; p = g_utf8_next_char (p))
    cut += g_utf8_get_char (p) != ' ';
  for (guint l = 0; l < e->lines->len && pos < cut; l++)
    {
      g_autofree char *t = pg_line_text (&g_array_index (e->lines, CompLine, l));
      GString *keep = g_string_new (NULL);
      for (const char *p = t; *p && pos < cut; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          pos += c != ' ';
          g_string_append_unichar (keep, c);
        }
      pg_frame_add (f, g_strstrip (keep->str), FALSE);
      g_string_free (keep, TRUE);
    }
  /* a paragraph a line: the caption's lines are one */
  while (para_lines && f->lines->len > first + 1)
    {
      char *last = g_ptr_array_steal_index (f->lines, f->lines->len - 1);
      g_array_set_size (f->breaks, f->lines->len);
      pg_frame_append (f, "", last);
      g_free (last);
    }
  if (runon)
    pg_frame_append (f, " ", credit);
  else
    pg_frame_add (f, credit, FALSE);
}

/* A headline group's lines; the composer draws the 副题's dash as a rule,
 * the extraction reads it as text (——). */
static inline void
pg_frame_head (PgFrame *f, const CompElem *e, const EdArticle *art)
{
  guint first = f->lines->len;
  const char *sub = art->subtitle;

  pg_frame_add_elem (f, e, FALSE, 0);
  if (!sub || !g_str_has_prefix (sub, "——"))
    return;
  while (g_str_has_prefix (sub, "——"))
    sub += strlen ("——");
  {
    g_autoptr (GString) tail = g_string_new (NULL);
    for (guint l = f->lines->len; l > first; l--)
      {
        char **line = (char **) &g_ptr_array_index (f->lines, l - 1);
        g_string_prepend (tail, *line);
        if (pg_same_text (tail->str, sub))
          {
            char *t = g_strconcat ("——", *line, NULL);
            g_free (*line);
            *line = t;
            return;
          }
      }
  }
}

/* Page-wide habits of the extraction. */
typedef struct {
  gboolean para_lines;     /* a paragraph a line */
  gboolean double_spaced;  /* a blank line after every line */
  gboolean head_before;    /* heads drawn before their bodies */
  gboolean num_space;      /* spaces around numbers */
  int      half;           /* 0 none, 1 a few, 2 all half-width marks */
  double   spaced_rate;    /* letter-spaced body lines */
  gboolean dateline_space; /* 本报讯 （记者 X） 5 月 */
} PgHabits;

/* The frames of one placed story: head, body (with byline, signature and
 * jump line), figures, badge. */
typedef struct {
  PgFrame *head, *body, *figs, *badge;
} PgStoryFrames;

static inline const EdBlock *
pg_figure_block (const EdArticle *art, const char *elem_text)
{
  for (guint b = 0; b < art->blocks->len; b++)
    {
      const EdBlock *blk = g_ptr_array_index (art->blocks, b);
      g_autofree char *t = NULL;
      if (blk->kind != ED_BLOCK_FIGURE)
        continue;
      t = ed_block_text (blk);
      if (pg_same_text (t, elem_text))
        return blk;
    }
  return NULL;
}

static inline void
pg_story_frames (GRand *r, const CompArticle *ca, const PgStory *st, const PgHabits *h,
                 double measure, PgStoryFrames *out)
{
  const EdArticle *art = st->art;
  gboolean head_done = FALSE;

  memset (out, 0, sizeof *out);
  out->body = pg_frame_new (PG_F_BODY);
  out->figs = pg_frame_new (PG_F_FIG);
  out->figs->fake_bold = st->fake_bold;
  for (guint i = 0; i < ca->elems->len; i++)
    {
      const CompElem *e = g_ptr_array_index (ca->elems, i);
      g_autofree char *text = pg_elem_text (e);

      if (!head_done && e->kind == COMP_ELEM_HEADING && i == 0)
        {
          head_done = TRUE;
          if (art->kind == ED_KIND_PHOTO)
            continue;
          out->head = pg_frame_new (PG_F_HEAD);
          if (art->vertical_title)
            pg_frame_vertical (out->head, r, art->title);
          else
            pg_frame_head (out->head, e, art);
          continue;
        }
      if (art->byline && pg_same_text (text, art->byline))
        {
          if (st->byline == PG_BY_TOP && st->byline_in_head && out->head)
            pg_frame_add (out->head, art->byline, FALSE);
          else if (st->byline == PG_BY_TOP || st->byline == PG_BY_END)
            pg_frame_add (out->body, art->byline, FALSE);
          else if (st->byline == PG_BY_RUNON)
            pg_frame_append (out->body, " ", art->byline);
          else
            pg_frame_append (out->body, pg_chance (r, 0.7) ? "" : " ", art->byline);
          continue;
        }
      if (e->kind == COMP_ELEM_FIGURE)
        {
          const EdBlock *fig = pg_figure_block (art, text);
          PgFrame *into = art->kind == ED_KIND_PHOTO ? out->body : out->figs;
          pg_frame_caption (into, e, fig, st->credit_runon, h->para_lines);
          continue;
        }
      pg_frame_add_elem (out->body, e, h->para_lines && e->kind == COMP_ELEM_PARAGRAPH,
                         e->kind == COMP_ELEM_PARAGRAPH ? measure : 0);
    }
  if (art->kind == ED_KIND_PHOTO)
    out->body->fake_bold = st->fake_bold;
  for (guint k = 0; art->signature && art->signature[k]; k++)
    pg_frame_add (out->body, art->signature[k], FALSE);
  if (st->jump)
    {
      g_autofree char *j = g_strdup_printf ("下转第%u版", st->jump);
      pg_frame_add (out->body, j, FALSE);
    }
  if (art->badge)
    {
      out->badge = pg_frame_new (PG_F_HEAD);
      pg_frame_add (out->badge, art->badge, FALSE);
    }
}

/* --------------------------------------------------------- artefacts */

static inline gboolean
pg_is_han (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static inline gboolean
pg_is_wide_mark (gunichar c)
{
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E && !g_unichar_isalnum (c))
         || (c >= 0x2010 && c <= 0x2027);
}

/* Letter-spacing as the samples show it: a space before every glyph but
 * none after “ （《 ，、；：” and none before “ （《》）; Latin and digit
 * runs stay whole. */
static inline char *
pg_letter_space (const char *line)
{
  GString *out = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean ascii = c < 128;
      if (c == ' ')
        continue;
      if (prev && !(ascii && prev < 128) && !g_utf8_strchr ("（《，、；：”", -1, prev)
          && !g_utf8_strchr ("“（《》）", -1, c) && !(c == 0x201D && pg_is_wide_mark (prev)))
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* Fake bold: every run of one kind of glyph (Han, marks, Latin and
 * digits) printed twice. */
static inline char *
pg_fake_bold (const char *line)
{
  GString *out = g_string_new (NULL), *run = g_string_new (NULL);
  int kind = -1;

  for (const char *p = line;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int k = !*p ? -2 : c == ' ' ? -1 : pg_is_han (c) ? 0 : pg_is_wide_mark (c) ? 1 : 2;
      if (k != kind && run->len)
        {
          g_string_append (out, run->str);
          if (kind >= 0)
            g_string_append (out, run->str);
          g_string_truncate (run, 0);
        }
      if (!*p)
        break;
      kind = k;
      g_string_append_unichar (run, c);
    }
  g_string_free (run, TRUE);
  return g_string_free (out, FALSE);
}

/* Spaces between Han and digits (2 万亿立方米), half-width marks. */
static inline char *
pg_line_habits (GRand *r, const char *line, const PgHabits *h)
{
  GString *out = g_string_new (NULL);
  gunichar prev = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean digit = c < 128 && g_ascii_isdigit ((char) c);
      gboolean pdigit = prev < 128 && g_ascii_isdigit ((char) prev);
      if (h->num_space && prev && ((digit && pg_is_han (prev)) || (pdigit && pg_is_han (c)))
          && pg_chance (r, PG_P_NUM_SPACE_EACH))
        g_string_append_c (out, ' ');
      if (h->half && (c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0xFF08 || c == 0xFF09))
        {
          static const char half[] = ",:;()";
          const gunichar full[] = { 0xFF0C, 0xFF1A, 0xFF1B, 0xFF08, 0xFF09 };
          guint k = 0;
          while (full[k] != c)
            k++;
          if (h->half == 2 || (c == 0xFF0C && pg_chance (r, 0.03)))
            {
              if (h->half == 1 && pg_chance (r, 0.5))
                g_string_append_c (out, ' ');
              g_string_append_c (out, half[k]);
              prev = c;
              continue;
            }
        }
      g_string_append_unichar (out, c);
      prev = c;
    }
  return g_string_free (out, FALSE);
}

/* "本报讯（记者 X）5月" → "本报讯 （记者 X） 5月". */
static inline char *
pg_dateline_spaces (const char *line)
{
  const char *close = strstr (line, "）");
  if (!g_str_has_prefix (line, "本报讯（") || !close)
    return g_strdup (line);
  return g_strdup_printf ("本报讯 %.*s） %s", (int) (close - line - strlen ("本报讯")),
                          line + strlen ("本报讯"), close + strlen ("）"));
}

/* ---------------------------------------------------------- the text */

/* Writes @frames (in drawing order) as the extraction would. */
static inline char *
pg_write (GRand *r, GPtrArray *frames, const PgHabits *h)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < frames->len; i++)
    {
      const PgFrame *f = g_ptr_array_index (frames, i);
      gboolean blank_lines = h->double_spaced ? f->kind != PG_F_HEAD : pg_chance (r, 0.35);
      gboolean lead = f->kind == PG_F_BODY && pg_chance (r, PG_P_LEAD_SPACE);

      if (!f->lines->len)
        continue;
      if (out->len)
        g_string_append (out, h->double_spaced || pg_chance (r, 0.8) ? "\n\n" : "\n");
      for (guint l = 0; l < f->lines->len; l++)
        {
          const char *raw = g_ptr_array_index (f->lines, l);
          g_autofree char *t = NULL, *u = NULL;
          if (l > 0)
            {
              gboolean brk = g_array_index (f->breaks, gboolean, l) && pg_chance (r, 0.5);
              g_string_append (out, blank_lines || brk ? "\n\n" : "\n");
            }
          t = f->kind == PG_F_BODY && l == 0 && h->dateline_space ? pg_dateline_spaces (raw)
                                                                  : g_strdup (raw);
          if (f->fake_bold)
            u = pg_fake_bold (t);
          else if (f->kind == PG_F_BODY && !h->para_lines && g_array_index (f->justified, gboolean, l)
                   && (g_array_index (f->stretched, double, l) >= PG_SPACE_GAP || pg_chance (r, h->spaced_rate)))
            u = pg_letter_space (t);
          else if (f->kind == PG_F_BODY || f->kind == PG_F_FIG)
            u = pg_line_habits (r, t, h);
          else
            u = g_strdup (t);
          if (l == 0 && lead)
            g_string_append_c (out, ' ');
          g_string_append (out, u);
        }
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static inline PgFrame *
pg_frame_of (PgFrameKind kind, const char *line)
{
  PgFrame *f = pg_frame_new (kind);
  pg_frame_add (f, line, FALSE);
  return f;
}

/* The original page's running head: 版名, date, desk credits, and a page
 * number run into a slogan. */
static inline PgFrame *
pg_running_head (GRand *r, const EdEdition *truth, const char *credits)
{
  PgFrame *f = pg_frame_new (PG_F_FURN);
  const EdPage *page = g_ptr_array_index (truth->pages, 0);
  g_autofree char *date = g_strdup_printf ("%d年%d月%d日 %s", g_date_get_year (&truth->gdate),
                                           g_date_get_month (&truth->gdate),
                                           g_date_get_day (&truth->gdate),
                                           eb_weekday_name (&truth->gdate));
  pg_frame_add (f, page->section, FALSE);
  pg_frame_add (f, date, FALSE);
  if (credits)
    pg_frame_add (f, credits, FALSE);
  if (pg_chance (r, 0.5))
    {
      g_autofree char *slogan = g_strdup_printf ("%d%s", pg_int (r, 2, 8), pg_pick (r, pg_slogans));
      g_autofree char *bold = pg_chance (r, 0.6) ? pg_fake_bold (slogan) : g_strdup (slogan);
      pg_frame_add (f, bold, FALSE);
    }
  return f;
}

static inline char *
pg_desk_credits (GRand *r)
{
  g_autofree char *a = pg_name (r), *b = pg_name (r), *c = pg_name (r);
  switch (pg_int (r, 0, 2))
    {
    case 0: return g_strdup_printf ("责编：%s 校对：%s", a, b);
    case 1: return g_strdup_printf ("组版：%s 责编：%s 校对：%s", a, b, c);
    default:
      return g_strdup_printf ("%s主办 组版：%s 责编：%s 校对：%s 电子信箱：llrb%d@163.com",
                              pg_chance (r, 0.5) ? "经济专刊部" : "新闻中心", a, b, c, pg_int (r, 10, 99));
    }
}
