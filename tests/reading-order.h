/* reading-order.h — the XY-cut reader of composed pages (tests).
 *
 * Header-only like testutil.h: included by the composer tests that
 * check a page reads in its articles' order. */
#pragma once

#include "compose/compose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ------------------------------------------------------- reading order
 *
 * A text extractor reads a page by a recursive XY-cut over the word boxes
 * (as pdftotext -bbox-layout reports them): (1) cut at the largest
 * full-width horizontal gap if it is at least 1.2 median box heights;
 * (2) else at every full-height vertical gap of at least 0.4 box heights
 * (column gutters), dropping cuts next to a group of fewer than two text
 * rows; (3) else at the largest horizontal gap.  The composed page must
 * read in the order of its CompArticles, each article's lines in their
 * own order.  Boxes are the placed lines: a horizontal line spans its
 * advance width and the font's box (about 1.16 em above the baseline,
 * 0.28 em below, as PDF font descriptors of CJK faces give it); a vertical
 * line is one box per character cell. */

typedef struct {
  double x0, y0, x1, y1;
  guint  art;     /* index in page->articles, G_MAXUINT for furniture */
  guint  seq;     /* line number within the article */
} XyBox;

typedef struct {
  double size, at;
} XyGap;

static int
xy_cmp_double2 (gconstpointer a, gconstpointer b)
{
  const double *p = a, *q = b;
  return p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : (p[1] < q[1] ? -1 : p[1] > q[1]);
}

/* Gaps larger than @min in the projection of @boxes on x (@axis 0) or y. */
static GArray *
xy_gaps (GPtrArray *boxes, int axis, double min)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (XyGap));
  g_autofree double *iv = g_new (double, 2 * boxes->len + 2);
  double end;

  if (boxes->len == 0)
    return gaps;
  for (guint i = 0; i < boxes->len; i++)
    {
      const XyBox *b = g_ptr_array_index (boxes, i);
      iv[2 * i] = axis == 0 ? b->x0 : b->y0;
      iv[2 * i + 1] = axis == 0 ? b->x1 : b->y1;
    }
  qsort (iv, boxes->len, 2 * sizeof (double), xy_cmp_double2);
  end = iv[1];
  for (guint i = 1; i < boxes->len; i++)
    {
      if (iv[2 * i] - end > min)
        {
          XyGap g = { iv[2 * i] - end, (iv[2 * i] + end) / 2 };
          g_array_append_val (gaps, g);
        }
      end = MAX (end, iv[2 * i + 1]);
    }
  return gaps;
}

static int
xy_cmp_centre (gconstpointer a, gconstpointer b)
{
  const XyBox *p = *(const XyBox **) a, *q = *(const XyBox **) b;
  double cp = (p->y0 + p->y1) / 2, cq = (q->y0 + q->y1) / 2;

  if (cp != cq)
    return cp < cq ? -1 : 1;
  return p->x0 < q->x0 ? -1 : p->x0 > q->x0;
}

static int
xy_cmp_x (gconstpointer a, gconstpointer b)
{
  const XyBox *p = *(const XyBox **) a, *q = *(const XyBox **) b;
  return p->x0 < q->x0 ? -1 : p->x0 > q->x0;
}

/* Text rows of @boxes (boxes whose centres lie within h/2 of the row's
 * running mean centre), top to bottom, each left to right: a GPtrArray of
 * GPtrArray of XyBox *. */
static GPtrArray *
xy_rows (GPtrArray *boxes, double h)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_copy (boxes, NULL, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  double centre = 0;

  g_ptr_array_sort (sorted, xy_cmp_centre);
  for (guint i = 0; i < sorted->len; i++)
    {
      XyBox *b = g_ptr_array_index (sorted, i);
      double c = (b->y0 + b->y1) / 2;
      GPtrArray *row = rows->len ? g_ptr_array_index (rows, rows->len - 1) : NULL;

      if (row && fabs (c - centre) <= 0.5 * h)
        {
          g_ptr_array_add (row, b);
          centre = 0;
          for (guint k = 0; k < row->len; k++)
            {
              const XyBox *o = g_ptr_array_index (row, k);
              centre += (o->y0 + o->y1) / 2;
            }
          centre /= row->len;
        }
      else
        {
          row = g_ptr_array_new ();
          g_ptr_array_add (row, b);
          g_ptr_array_add (rows, row);
          centre = c;
        }
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_sort (g_ptr_array_index (rows, i), xy_cmp_x);
  return rows;
}

static guint
xy_n_rows (GPtrArray *boxes, double h)
{
  g_autoptr (GPtrArray) rows = xy_rows (boxes, h);
  return rows->len;
}

static void xy_cut (GPtrArray *boxes, double h, GPtrArray *out);

/* Splits @boxes at y = @at (by centre) and reads both halves. */
static void
xy_cut_at_y (GPtrArray *boxes, double h, double at, GPtrArray *out)
{
  g_autoptr (GPtrArray) top = g_ptr_array_new ();
  g_autoptr (GPtrArray) bottom = g_ptr_array_new ();

  for (guint i = 0; i < boxes->len; i++)
    {
      XyBox *b = g_ptr_array_index (boxes, i);
      g_ptr_array_add ((b->y0 + b->y1) / 2 < at ? top : bottom, b);
    }
  xy_cut (top, h, out);
  xy_cut (bottom, h, out);
}

static int
xy_cmp_gap_at (gconstpointer a, gconstpointer b)
{
  const XyGap *p = a, *q = b;
  return p->at < q->at ? -1 : p->at > q->at;
}

/* Appends the leaves of @boxes (GPtrArray of XyBox *) to @out in reading
 * order. */
static void
xy_cut (GPtrArray *boxes, double h, GPtrArray *out)
{
  g_autoptr (GArray) ygaps = NULL;
  const XyGap *big = NULL;

  if (boxes->len <= 1)
    {
      g_ptr_array_add (out, g_ptr_array_copy (boxes, NULL, NULL));
      return;
    }
  ygaps = xy_gaps (boxes, 1, 0.01);
  for (guint i = 0; i < ygaps->len; i++)
    {
      const XyGap *g = &g_array_index (ygaps, XyGap, i);
      if (!big || g->size > big->size || (g->size == big->size && g->at > big->at))
        big = g;
    }
  if (big && big->size >= 1.2 * h)
    {
      xy_cut_at_y (boxes, h, big->at, out);
      return;
    }
  if (xy_n_rows (boxes, h) >= 4)
    {
      g_autoptr (GArray) cuts = xy_gaps (boxes, 0, 0.4 * h);

      g_array_sort (cuts, xy_cmp_gap_at);
      while (cuts->len > 0)
        {
          g_autoptr (GPtrArray) cols = g_ptr_array_new_with_free_func (
            (GDestroyNotify) g_ptr_array_unref);
          gint thin = -1;

          for (guint c = 0; c <= cuts->len; c++)
            g_ptr_array_add (cols, g_ptr_array_new ());
          for (guint i = 0; i < boxes->len; i++)
            {
              XyBox *b = g_ptr_array_index (boxes, i);
              double cx = (b->x0 + b->x1) / 2;
              guint k = 0;

              for (guint c = 0; c < cuts->len; c++)
                k += cx >= g_array_index (cuts, XyGap, c).at;
              g_ptr_array_add (g_ptr_array_index (cols, k), b);
            }
          for (guint c = 0; c < cols->len && thin < 0; c++)
            if (xy_n_rows (g_ptr_array_index (cols, c), h) < 2)
              thin = (gint) c;
          if (thin < 0)
            {
              for (guint c = 0; c < cols->len; c++)
                xy_cut (g_ptr_array_index (cols, c), h, out);
              return;
            }
          g_array_remove_index (cuts, (guint) thin < cuts->len ? (guint) thin : (guint) thin - 1);
        }
    }
  if (big)
    {
      xy_cut_at_y (boxes, h, big->at, out);
      return;
    }
  g_ptr_array_add (out, g_ptr_array_copy (boxes, NULL, NULL));
}

static int
xy_cmp_double (gconstpointer a, gconstpointer b)
{
  double p = *(const double *) a, q = *(const double *) b;
  return p < q ? -1 : p > q;
}

/* Boxes of one element's lines. */
static void
xy_add_elem (GArray *boxes, const CompElem *e, guint art, guint *seq)
{
  for (guint l = 0; l < e->lines->len; l++)
    {
      const CompLine *cl = &g_array_index (e->lines, CompLine, l);
      const TsLine *tl = cl->line;
      double em = tl->ascent + tl->descent;

      const TsGlyphRun *run = tl->runs->len ? g_ptr_array_index (tl->runs, 0) : NULL;
      gboolean vertical = run && run->n_glyphs >= 2
                          && fabs (run->glyphs[1].y - run->glyphs[0].y) > 1e-3
                          && fabs (run->glyphs[1].x - run->glyphs[0].x) < 1e-3;

      if (tl->char_count == 0 || tl->width <= 0)
        continue;
      if (!vertical)
        {
          XyBox b = { cl->x, cl->y - 1.16 * em, cl->x + tl->width, cl->y + 0.28 * em,
                      art, (*seq)++ };
          g_array_append_val (boxes, b);
        }
      else
        {
          /* vertical column: centre line at x, running down from y */
          double cell = tl->width / tl->char_count;
          for (guint c = 0; c < tl->char_count; c++)
            {
              XyBox b = { cl->x - cell / 2, cl->y + c * cell, cl->x + cell / 2,
                          cl->y + (c + 1) * cell, art, (*seq)++ };
              g_array_append_val (boxes, b);
            }
        }
    }
}

/* Reads page @p by XY-cut; fails unless its articles come in page order
 * and each article's lines in their own order.  Returns the number of
 * leaves. */
static guint
check_reading_order (const CompPage *p, const char *what, gboolean soft)
{
  g_autoptr (GArray) boxes = g_array_new (FALSE, FALSE, sizeof (XyBox));
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autoptr (GPtrArray) leaves = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_ptr_array_unref);
  g_autofree double *heights = NULL;
  g_autofree guint *last_seq = g_new0 (guint, p->articles->len + 1);
  guint seq = 0, cur = 0;
  double h;

  for (guint i = 0; i < p->furniture->len; i++)
    xy_add_elem (boxes, g_ptr_array_index (p->furniture, i), G_MAXUINT, &seq);
  for (guint j = 0; j < p->articles->len; j++)
    {
      const CompArticle *a = g_ptr_array_index (p->articles, j);
      seq = 1;
      for (guint k = 0; k < a->elems->len; k++)
        xy_add_elem (boxes, g_ptr_array_index (a->elems, k), j, &seq);
    }
  g_assert_cmpuint (boxes->len, >, 0);
  heights = g_new (double, boxes->len);
  for (guint i = 0; i < boxes->len; i++)
    {
      XyBox *b = &g_array_index (boxes, XyBox, i);
      heights[i] = b->y1 - b->y0;
      g_ptr_array_add (all, b);
    }
  qsort (heights, boxes->len, sizeof (double), xy_cmp_double);
  h = heights[boxes->len / 2];
  xy_cut (all, h, leaves);
  for (guint i = 0; i < leaves->len; i++)
    {
      g_autoptr (GPtrArray) rows = xy_rows (g_ptr_array_index (leaves, i), h);

      if (soft && g_getenv ("XY_LEAVES"))
        {
          GPtrArray *lf = g_ptr_array_index (leaves, i);
          const XyBox *b0 = g_ptr_array_index (lf, 0);
          double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = 0, y1 = 0;
          for (guint k = 0; k < lf->len; k++)
            {
              const XyBox *b = g_ptr_array_index (lf, k);
              x0 = MIN (x0, b->x0); y0 = MIN (y0, b->y0);
              x1 = MAX (x1, b->x1); y1 = MAX (y1, b->y1);
            }
          printf ("  leaf [%4.0f-%4.0f x %4.0f-%4.0f] %2u rows  %s %u..\n", x0, x1, y0, y1,
                  rows->len, b0->art == G_MAXUINT ? "furniture"
                  : ((const CompArticle *) g_ptr_array_index (p->articles, b0->art))->article->id,
                  b0->seq);
        }

      for (guint r = 0; r < rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (rows, r);
          for (guint k = 0; k < row->len; k++)
            {
              const XyBox *b = g_ptr_array_index (row, k);
              const CompArticle *a;

              if (b->art == G_MAXUINT)
                continue;
              a = g_ptr_array_index (p->articles, b->art);
              if ((b->art < cur || b->seq <= last_seq[b->art]) && soft)
                {
                  printf ("%s page %u: %s part %u line %u after %s line %u\n", what, p->number,
                          a->article->id, a->part, b->seq,
                          ((const CompArticle *) g_ptr_array_index (p->articles, cur))->article->id,
                          last_seq[cur]);
                  return 0;
                }
              if (b->art < cur || b->seq <= last_seq[b->art])
                g_error ("%s page %u: XY-cut reads %s part %u line %u after %s line %u",
                         what, p->number, a->article->id, a->part, b->seq,
                         ((const CompArticle *) g_ptr_array_index (p->articles, cur))->article->id,
                         last_seq[cur]);
              cur = b->art;
              last_seq[b->art] = b->seq;
            }
        }
    }
  return leaves->len;
}
