/* typeset-lines.c — step 5 of setting a paragraph: each line compressed or
 * justified to its measure and turned into glyph runs; drawing and the
 * test dump. */
#include "typeset/typeset-private.h"

#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * 5. Lines
 * ------------------------------------------------------------------- */

static void
ts_glyph_run_free (TsGlyphRun *run)
{
  if (!run)
    return;
  cairo_scaled_font_destroy (run->font);
  cairo_glyph_free (run->glyphs);
  g_free (run->utf8);
  cairo_text_cluster_free (run->clusters);
  g_free (run);
}

void
ts_line_free (TsLine *line)
{
  if (!line)
    return;
  g_ptr_array_unref (line->runs);
  g_free (line);
}

void
ts_paragraph_free (TsParagraph *par)
{
  if (!par || !g_atomic_int_dec_and_test (&par->ref))
    return;
  g_free (par->text);
  g_ptr_array_unref (par->lines);
  g_free (par);
}

/* Takes up to @need pt out of slots of room @cap[0..k) evenly
 * (water-filling: each slot at most its room), adding to @got. */
static void
ts_water_fill (const double *cap, double *got, guint k, double need)
{
  for (int round = 0; round < 16 && need > TS_EPS; round++)
    {
      guint open = 0;
      double each, took = 0;

      for (guint i = 0; i < k; i++)
        open += cap[i] - got[i] > TS_EPS;
      if (!open)
        break;
      each = need / open;
      for (guint i = 0; i < k; i++)
        {
          double a = MIN (each, cap[i] - got[i]);

          if (a > TS_EPS)
            got[i] += a, took += a;
        }
      need -= took;
    }
}

/* Removes @need pt from the line [s, t] (its edges already trimmed):
 * first the unpaired ，、；： and brackets, then the ¼-em gaps down to ⅛
 * em, then 。？！ (rules §2), evenly within each.  Adds what it takes to
 * @lead_rm, @trail_rm (per side of each mark) and @gap_rm. */
static void
ts_work_compress_line (TsWork *w, guint s, guint t, double need, double *lead_rm,
                       double *trail_rm, double *gap_rm)
{
  guint len = t - s + 1;
  g_autofree double *cap = g_new (double, 2 * len);
  g_autofree double *got = g_new (double, 2 * len);

  for (int stage = 0; stage < 3 && need > TS_EPS; stage++)
    {
      double took = 0;
      guint k = stage == 1 ? len - 1 : 2 * len;

      for (guint i = s; i <= t; i++)
        {
          const TsChar *ch = TS_CHAR (w, i);
          int tier = stage == 0 ? 0 : 1;

          if (stage == 1)
            {
              if (i < t)
                cap[i - s] = ts_gap_shrink (w, ch);
              continue;
            }
          cap[2 * (i - s)] = i == s ? 0 : ts_lead_shrink (ch, tier);
          cap[2 * (i - s) + 1] = i == t ? 0 : ts_trail_shrink (ch, tier);
        }
      memset (got, 0, 2 * len * sizeof (double));
      ts_water_fill (cap, got, k, need);
      for (guint i = s; i <= t; i++)
        {
          if (stage == 1 && i < t)
            gap_rm[i - s] += got[i - s], took += got[i - s];
          else if (stage != 1)
            {
              lead_rm[i - s] += got[2 * (i - s)];
              trail_rm[i - s] += got[2 * (i - s) + 1];
              took += got[2 * (i - s)] + got[2 * (i - s) + 1];
            }
        }
      need -= took;
    }
}

/* May the line be stretched between chars i and i+1? Not inside Latin words,
 * numbers, —— or ……, an adjacent pair of marks, and not next to a space
 * (spaces stretch themselves). */
gboolean
ts_work_expandable (TsWork *w, guint i, gboolean inside_words)
{
  const TsChar *a = TS_CHAR (w, i), *b = TS_CHAR (w, i + 1);

  if (b->flags & TS_CH_CONT)
    return FALSE;
  if ((a->flags & TS_CH_PAIRED) && (b->flags & TS_CH_PAIRED) && (a->cut_trail > 0 || b->cut_lead > 0))
    return FALSE;   /* an adjacent pair keeps its 1.5 em */
  if ((a->cls == TS_CLS_DASH && b->cls == TS_CLS_DASH)
      || (a->cls == TS_CLS_ELLIPSIS && b->cls == TS_CLS_ELLIPSIS))
    return FALSE;
  if (!inside_words && a->cls != TS_CLS_SPACE && ts_narrow_pair (a, b))
    return FALSE;
  return TRUE;
}

static TsGlyphRun *
ts_run_new (TsWork *w, guint a, guint b, const double *origin, double cross, guint s)
{
  TsGlyphRun *run = g_new0 (TsGlyphRun, 1);
  TsChar *first = TS_CHAR (w, a);
  guint ng = 0, nc = 0, gi = 0, ci = 0;
  gboolean rot = (first->flags & TS_CH_ROTATED) != 0;

  for (guint i = a; i < b; i++)
    {
      ng += TS_CHAR (w, i)->nglyph;
      nc += !(TS_CHAR (w, i)->flags & TS_CH_CONT) || i == a;
    }
  run->font = cairo_scaled_font_reference (rot ? ts_font_rotated (first->font) : first->font->scaled);
  run->role = first->role;
  run->utf8_len = TS_CHAR (w, b - 1)->byte + TS_CHAR (w, b - 1)->nbytes - first->byte;
  run->utf8 = g_strndup (w->text->str + first->byte, run->utf8_len);
  run->glyphs = cairo_glyph_allocate (MAX (ng, 1));
  run->clusters = cairo_text_cluster_allocate (MAX (nc, 1));
  for (guint i = a; i < b; i++)
    {
      TsChar *ch = TS_CHAR (w, i);

      if (ci == 0 || !(ch->flags & TS_CH_CONT))
        {
          run->clusters[ci].num_bytes = 0;
          run->clusters[ci].num_glyphs = 0;
          ci++;
        }
      run->clusters[ci - 1].num_bytes += ch->nbytes;
      run->clusters[ci - 1].num_glyphs += ch->nglyph;
      for (guint g = 0; g < ch->nglyph; g++, gi++)
        {
          const TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, ch->glyph0 + g);
          cairo_glyph_t *cg = &run->glyphs[gi];

          cg->index = gl->index;
          if (w->vertical)
            {
              cg->x = cross + gl->x;
              cg->y = origin[i - s] + gl->y;
            }
          else
            {
              cg->x = origin[i - s] + gl->x;
              cg->y = cross + gl->y;
            }
        }
    }
  run->n_glyphs = ng;
  run->n_clusters = ci;
  run->cluster_flags = 0;
  return run;
}

/* Spreads @slack pt over the places line [s, t] may stretch at, into
 * @extra (per char: after it); a line of one Latin word is letter-spaced. */
static void
ts_work_justify_line (TsWork *w, guint s, guint t, double slack, double *extra)
{
  guint k = 0;
  gboolean inside = FALSE;

  for (guint i = s; i < t; i++)
    k += ts_work_expandable (w, i, FALSE);
  if (!k)
    {
      inside = TRUE;   /* a line of one Latin word: letter-space it */
      for (guint i = s; i < t; i++)
        k += ts_work_expandable (w, i, TRUE);
    }
  if (k)
    for (guint i = s; i < t; i++)
      if (ts_work_expandable (w, i, inside))
        extra[i - s] = slack / k;
}

/* Builds the TsLine for chars [s, e): compression or expansion to @avail
 * when @justify, placement, glyph runs. */
TsLine *
ts_work_line (TsWork *w, guint s, guint e, double avail, gboolean justify)
{
  TsLine *line = g_new0 (TsLine, 1);
  guint len = e - s, t;
  g_autofree double *lead_rm = g_new0 (double, len);
  g_autofree double *trail_rm = g_new0 (double, len);
  g_autofree double *gap_rm = g_new0 (double, len);
  g_autofree double *extra = g_new0 (double, len);
  g_autofree double *origin = g_new0 (double, len);
  TsLineFit fit;
  double pen = 0;

  line->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_glyph_run_free);
  line->char_start = s;
  line->char_count = len;
  ts_work_line_fit (w, s, e, &fit);
  t = fit.last;
  lead_rm[0] = TS_CHAR (w, s)->lead;
  trail_rm[t - s] = TS_CHAR (w, t)->trail;
  if (fit.natural > avail + TS_EPS)
    ts_work_compress_line (w, s, t, fit.natural - avail, lead_rm, trail_rm, gap_rm);
  else if (justify && fit.natural < avail - TS_EPS)
    ts_work_justify_line (w, s, t, avail - fit.natural, extra);
  for (guint i = s; i < e; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      double adv = ch->adv - ch->cut_lead - ch->cut_trail - lead_rm[i - s] - trail_rm[i - s];

      if (i > t)
        adv = 0;   /* trailing spaces */
      origin[i - s] = pen - ch->cut_lead - lead_rm[i - s];
      pen += adv + (i < t ? ch->gap - gap_rm[i - s] : 0) + extra[i - s];
    }
  line->width = pen;
  for (guint a = s, i = s + 1; i <= e; i++)
    {
      TsChar *ca = TS_CHAR (w, a), *ci = i < e ? TS_CHAR (w, i) : NULL;

      if (ci && ci->font == ca->font && ci->role == ca->role
          && (ci->flags & TS_CH_ROTATED) == (ca->flags & TS_CH_ROTATED))
        continue;
      g_ptr_array_add (line->runs, ts_run_new (w, a, i, origin, 0, s));
      a = i;
    }
  return line;
}

static void
ts_dump_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (v) < 0.005)
    v = 0;
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", v));
}

char *
ts_paragraph_dump (const TsParagraph *par)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (par != NULL, NULL);
  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      const char *a = g_utf8_offset_to_pointer (par->text, line->char_start);
      const char *b = g_utf8_offset_to_pointer (a, line->char_count);

      ts_dump_number (out, line->x);
      g_string_append_c (out, ' ');
      ts_dump_number (out, line->y);
      g_string_append_c (out, ' ');
      ts_dump_number (out, line->width);
      g_string_append (out, " | ");
      g_string_append_len (out, a, b - a);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
ts_line_draw (const TsLine *line, cairo_t *cr, double x, double y)
{
  g_return_if_fail (line != NULL && cr != NULL);
  for (guint r = 0; r < line->runs->len; r++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, r);
      cairo_glyph_t *g;

      if (run->n_glyphs == 0)
        continue;
      g = cairo_glyph_allocate (run->n_glyphs);
      for (int i = 0; i < run->n_glyphs; i++)
        {
          g[i].index = run->glyphs[i].index;
          g[i].x = run->glyphs[i].x + line->x + x;
          g[i].y = run->glyphs[i].y + line->y + y;
        }
      cairo_set_scaled_font (cr, run->font);
      cairo_show_text_glyphs (cr, run->utf8, run->utf8_len, g, run->n_glyphs,
                              run->clusters, run->n_clusters, run->cluster_flags);
      cairo_glyph_free (g);
    }
}
