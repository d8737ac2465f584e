/* compose.c — articles → rectangular modules on the page grid.
 *
 * Three steps per page:
 *   1. plan: fill the 版心 skyline-fashion with modules (piece of article,
 *      columns, rows), cutting an article that does not fit;
 *   2. realise: place headline group, figures and body units of each
 *      module on the line grid (comp_realise_module);
 *   3. furniture: masthead or 版眉, rules; jump lines once every page is
 *      known (comp_finish_jumps).
 * Every measure comes from the LaySpec; every glyph from typeset.h.
 */
#include "compose/compose.h"
#include "base/dates.h"
#include "base/errors.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

/* Ratio of a CJK face's ascent to its size: puts body baselines on the
 * same spot of every grid line regardless of the run's font. */
#define COMP_ASCENT_RATIO 0.88

/* ------------------------------------------------------------ prepared */

/* A unit of body flow: occupies whole grid lines of one text column. */
typedef struct {
  const TsParagraph *par;    /* lines come from here */
  guint        line0, nlines;
  guint        rows;
  guint        elem;         /* logical element (paragraph) number */
  CompElemKind kind;
  gboolean     keep_with_next;
  gboolean     boxed;
} CompUnit;

typedef struct {
  const EdBlock *block;
  char          *path;       /* owned: full image path or NULL */
  double         iw, ih;     /* image pixel size (0 for caption only) */
} CompFigure;

/* An article typeset at its body measure. */
typedef struct {
  const EdArticle *art;
  GArray    *units;          /* of CompUnit */
  GPtrArray *figures;        /* of CompFigure *, owned */
  guint      total_rows;     /* rows of all units */
  guint      n_elems;
  double     body_measure;
} CompPrep;

/* The part of an article still to place. */
typedef struct {
  CompPrep *prep;            /* borrowed */
  guint     unit0;           /* first unit to place */
  guint     part;
  guint     from_page;       /* 0 or the page the previous part is on */
  guint     id;              /* sequence number, for jump resolution */
} CompPiece;

/* A planned module. */
typedef struct {
  CompPiece piece;
  guint     col, cols, row, rows;
  guint     text_cols;       /* body columns: cols, or cols - 1 beside a
                                vertical headline in the first column */
  gboolean  vertical;        /* vertical headline (竖题) */
  guint     head_rows;       /* natural head zone rows */
  guint     fig_cols;        /* figures span the first fig_cols text
                                columns, the last starts beside them
                                (0 = figures span the text columns) */
  guint     head_cols;       /* 串文题: the head spans only the first
                                head_cols columns, the others start at the
                                top (0 = the head spans the module) */
  guint     fig_rows;
  guint     body_rows;       /* rows per text column */
  guint     unit_end;        /* first unit not placed (== n units unless cut) */
  guint     rest_id;         /* piece id of the continuation (cut modules) */
  gboolean  cut;
  gboolean  page_lead;
  double    head_size;
  gboolean  sep;             /* separator line at the foot */
  guint     foot;            /* white rows at the foot (band gap), in rows */
  guint     air;             /* rows a shorter module's head zone grows by */
  guint     air_above;       /* of them above the head (the rest under it) */
} CompModule;

/* A jump line to fill in once the continuation's page is known. */
typedef struct {
  CompElem  *elem;           /* borrowed: its CompArticle owns it */
  CompArticle *article;      /* borrowed: the page owns it */
  CompRect   box;            /* where the line goes */
  guint      piece_id;       /* the piece whose continuation it points to */
  char      *dest;           /* owned: destination of the continuation */
} CompJump;

typedef struct {
  CompEdition *ce;
  TsContext   *ts;
  const LaySpec *spec;
  GPtrArray   *preps;        /* of CompPrep *, owned */
  GArray      *jumps;        /* of CompJump */
  GHashTable  *piece_page;   /* piece id → page number */
  GHashTable  *continuation; /* piece id → id of the piece continuing it */
  GHashTable  *head_rows;    /* "prep:part:width:size:lead" → head zone rows,
                                covering in the top bit (comp_head_measure) */
  guint        next_piece_id;
} CompState;

static void
comp_prep_free (CompPrep *p)
{
  if (!p)
    return;
  g_array_unref (p->units);
  g_ptr_array_unref (p->figures);
  g_free (p);
}

static void
comp_figure_free (CompFigure *f)
{
  g_free (f->path);
  g_free (f);
}

static void
comp_elem_free (CompElem *e)
{
  if (!e)
    return;
  g_array_unref (e->lines);
  g_free (e->image);
  g_free (e->link_dest);
  g_free (e->dest);
  g_free (e);
}

static CompElem *
comp_elem_new (CompElemKind kind)
{
  CompElem *e = g_new0 (CompElem, 1);

  e->kind = kind;
  e->lines = g_array_new (FALSE, FALSE, sizeof (CompLine));
  return e;
}

static void
comp_article_free (CompArticle *a)
{
  if (!a)
    return;
  g_array_unref (a->rects);
  g_ptr_array_unref (a->elems);
  g_free (a);
}

static void
comp_page_free (CompPage *p)
{
  if (!p)
    return;
  g_free (p->section);
  g_free (p->label);
  g_ptr_array_unref (p->furniture);
  g_array_unref (p->rules);
  g_ptr_array_unref (p->articles);
  g_free (p);
}

void
comp_edition_free (CompEdition *ce)
{
  if (!ce)
    return;
  /* pages point into paragraphs: free them first */
  g_ptr_array_unref (ce->pages);
  g_ptr_array_unref (ce->paragraphs);
  g_free (ce);
}

/* Keeps @par for the edition's lifetime and returns it. */
static const TsParagraph *
comp_keep (CompState *st, TsParagraph *par)
{
  g_ptr_array_add (st->ce->paragraphs, par);
  return par;
}

static TsStyle
comp_style (TsRole role, double size, double pitch_ratio, TsAlign align)
{
  TsStyle s = { 0 };

  s.role = role;
  s.size = size;
  s.pitch = size * pitch_ratio;
  s.align = align;
  return s;
}

static TsStyle
comp_body_style (const LaySpec *spec)
{
  TsStyle s = comp_style (TS_ROLE_BODY, spec->body_size, 1.0, TS_ALIGN_JUSTIFY);

  s.pitch = spec->body_pitch;
  s.indent = 2.0;
  return s;
}

static guint
comp_rows_for (const LaySpec *spec, double extent)
{
  return (guint) ceil (extent / spec->body_pitch - 1e-6);
}

/* ------------------------------------------------------------- figures */

/* Reads an image's pixel size: PNG through cairo, JPEG from its SOF
 * marker (cairo embeds JPEG data as is). */
static gboolean
comp_image_size (const char *path, double *w, double *h, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    {
      cairo_surface_t *s = cairo_image_surface_create_from_png (path);
      gboolean ok = cairo_surface_status (s) == CAIRO_STATUS_SUCCESS;

      if (ok)
        {
          *w = cairo_image_surface_get_width (s);
          *h = cairo_image_surface_get_height (s);
        }
      cairo_surface_destroy (s);
      if (!ok)
        eb_set_input_error (error, path, 1, "cannot read PNG image");
      return ok;
    }
  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      eb_set_input_error (error, path, 1, "cannot read image");
      return FALSE;
    }
  /* JPEG: walk the marker segments to a start-of-frame */
  for (gsize i = 2; len >= 4 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xD8
                    && i + 9 < len;)
    {
      guchar m = (guchar) data[i + 1];
      gsize seg = ((guchar) data[i + 2] << 8) | (guchar) data[i + 3];

      if ((guchar) data[i] != 0xFF)
        break;
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
        {
          *h = ((guchar) data[i + 5] << 8) | (guchar) data[i + 6];
          *w = ((guchar) data[i + 7] << 8) | (guchar) data[i + 8];
          if (*w > 0 && *h > 0)
            return TRUE;
          break;
        }
      i += 2 + seg;
    }
  eb_set_input_error (error, path, 1, "not a PNG or JPEG image");
  return FALSE;
}

/* ------------------------------------------------------------ body flow */

static TsRole
comp_run_role (const EdRun *run, TsRole plain)
{
  if (run->flags & ED_RUN_STRONG)
    return TS_ROLE_HEADING;
  if (run->flags & ED_RUN_EMPH)
    return TS_ROLE_CAPTION;
  return plain;
}

/* Sets a block's runs, with @prefix (a dateline) run in before them. */
static TsParagraph *
comp_set_runs (CompState *st, const EdBlock *block, const char *prefix,
               const TsStyle *style, double measure)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (TsSpan));

  if (prefix && *prefix)
    {
      TsSpan s = { prefix, TS_ROLE_HEADING };
      g_array_append_val (spans, s);
    }
  for (guint i = 0; i < block->runs->len; i++)
    {
      const EdRun *run = g_ptr_array_index (block->runs, i);
      TsSpan s = { run->text, comp_run_role (run, style->role) };
      g_array_append_val (spans, s);
    }
  return ts_set_spans (st->ts, (const TsSpan *) (void *) spans->data, spans->len,
                       style, measure);
}

static void
comp_add_line_units (CompPrep *p, const TsParagraph *par, guint elem, CompElemKind kind)
{
  for (guint i = 0; i < par->lines->len; i++)
    {
      CompUnit u = { par, i, 1, 1, elem, kind, FALSE, FALSE };
      g_array_append_val (p->units, u);
    }
}

static void
comp_add_block_unit (CompPrep *p, const LaySpec *spec, const TsParagraph *par,
                     guint elem, CompElemKind kind, gboolean keep, gboolean boxed,
                     guint extra_rows)
{
  CompUnit u = { par, 0, par->lines->len, comp_rows_for (spec, par->extent) + extra_rows,
                 elem, kind, keep, boxed };
  g_array_append_val (p->units, u);
}

/* Typesets an article's body at the column measure into flow units. */
static CompPrep *
comp_prep_article (CompState *st, const EdArticle *art, GError **error)
{
  const LaySpec *spec = st->spec;
  CompPrep *p = g_new0 (CompPrep, 1);
  TsStyle body = comp_body_style (spec);
  TsStyle sub = comp_style (TS_ROLE_HEADING, spec->subhead_size, 1.0, TS_ALIGN_START);
  TsStyle note = comp_style (TS_ROLE_HEADING, spec->body_size, 1.0, TS_ALIGN_CENTER_SHORT);
  TsStyle byline = comp_style (TS_ROLE_BYLINE, spec->byline_size, 1.0, TS_ALIGN_END);
  gboolean first_par = TRUE;
  gboolean top_byline;

  sub.pitch = spec->body_pitch;
  note.pitch = spec->body_pitch;
  byline.pitch = spec->body_pitch;
  p->art = art;
  p->units = g_array_new (FALSE, FALSE, sizeof (CompUnit));
  p->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_figure_free);
  p->body_measure = lay_spec_column_width (spec);
  /* "□ 本报记者 X" stands on its own line under the head; "记者 X 整理"
   * closes the text, right-aligned */
  top_byline = art->byline && (art->byline_top || g_str_has_prefix (art->byline, "□"));
  if (top_byline)
    {
      byline.align = TS_ALIGN_START;
      comp_add_line_units (p, comp_keep (st, ts_set_text (st->ts, art->byline, &byline,
                                                            p->body_measure)),
                           p->n_elems++, COMP_ELEM_PARAGRAPH);
    }
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      const TsParagraph *par;

      switch (b->kind)
        {
        case ED_BLOCK_PARAGRAPH:
          par = comp_keep (st, comp_set_runs (st, b, first_par ? art->dateline : NULL,
                                              &body, p->body_measure));
          first_par = FALSE;
          comp_add_line_units (p, par, p->n_elems++, COMP_ELEM_PARAGRAPH);
          break;
        case ED_BLOCK_HEADING:
          par = comp_keep (st, comp_set_runs (st, b, NULL, &sub, p->body_measure));
          comp_add_block_unit (p, spec, par, p->n_elems++, COMP_ELEM_HEADING, TRUE, FALSE, 0);
          break;
        case ED_BLOCK_NOTE:
          /* a boxed notice: one line is centred, longer ones are justified;
           * the box is ½ em inside the column, the text ½ em inside the box */
          par = comp_keep (st, comp_set_runs (st, b, NULL, &note, p->body_measure - 2 * spec->body_size));
          comp_add_block_unit (p, spec, par, p->n_elems++, COMP_ELEM_PARAGRAPH, TRUE, TRUE, 1);
          break;
        case ED_BLOCK_FIGURE:
          {
            CompFigure *f = g_new0 (CompFigure, 1);

            f->block = b;
            if (!b->image)
              {
                /* caption only: set in the caption face inside the text flow */
                TsStyle cap = comp_style (TS_ROLE_CAPTION, spec->caption_size, 1.0,
                                          TS_ALIGN_JUSTIFY);
                g_autofree char *text = ed_block_text (b);

                cap.pitch = spec->body_pitch;
                par = comp_keep (st, ts_set_text (st->ts, text, &cap, p->body_measure));
                comp_add_block_unit (p, spec, par, p->n_elems++, COMP_ELEM_FIGURE, FALSE,
                                     FALSE, 0);
                comp_figure_free (f);
                break;
              }
            else
              {
                f->path = g_build_filename (st->ce->ed->dir ? st->ce->ed->dir : ".",
                                            b->image, NULL);
                if (!comp_image_size (f->path, &f->iw, &f->ih, error))
                  {
                    comp_figure_free (f);
                    comp_prep_free (p);
                    return NULL;
                  }
              }
            g_ptr_array_add (p->figures, f);
          }
          break;
        }
    }
  if (art->byline && *art->byline && !top_byline)
    {
      const TsParagraph *bl = comp_keep (st, ts_set_text (st->ts, art->byline, &byline,
                                                           p->body_measure));
      comp_add_line_units (p, bl, p->n_elems++, COMP_ELEM_PARAGRAPH);
    }
  for (guint i = 0; i < p->units->len; i++)
    p->total_rows += g_array_index (p->units, CompUnit, i).rows;
  return p;
}

/* Flows units [u0, n) into @k columns of @n rows; column 0 starts at row
 * @first (a 上接 line above), the last column keeps @reserve rows free
 * (a 下转 line).  Writes each placed unit's column and row into @slots
 * (2 guints per unit from u0) when given.  Returns the first unit that
 * did not fit. */
static guint
comp_flow (const GArray *units, guint u0, guint k, guint n, guint reserve, guint first,
           guint lcols, guint ltop, guint *slots)
{
  guint col = 0, row = first + (lcols > 0 ? ltop : 0), u = u0;

  /* columns [0, lcols) start at row @ltop (under a 串文题 head) */
  while (u < units->len && col < k)
    {
      const CompUnit *cu = &g_array_index (units, CompUnit, u);
      guint limit = col + 1 == k ? (n > reserve ? n - reserve : 0) : n;
      guint col_top = (col == 0 ? first : 0) + (col < lcols ? ltop : 0);
      guint need = cu->rows;

      /* a subhead or badge keeps its first following line with it */
      if (cu->keep_with_next && u + 1 < units->len)
        need += g_array_index (units, CompUnit, u + 1).rows;
      if (row + need > limit && !(row == col_top && row + cu->rows <= limit))
        {
          col++;
          row = col < lcols ? ltop : 0;
          continue;
        }
      if (slots)
        {
          slots[2 * (u - u0)] = col;
          slots[2 * (u - u0) + 1] = row;
        }
      row += cu->rows;
      u++;
    }
  return u;
}

/* Smallest column height that holds units [u0, n) in @k columns. */
static guint
comp_balance (const GArray *units, guint u0, guint k, guint first, guint lcols, guint ltop)
{
  guint total = first + lcols * ltop;
  guint n;

  for (guint u = u0; u < units->len; u++)
    total += g_array_index (units, CompUnit, u).rows;
  if (total == 0)
    return 0;
  n = MAX ((total + k - 1) / k, ltop + 1);
  while (comp_flow (units, u0, k, n, 0, first, lcols, ltop, NULL) < units->len)
    n++;
  return n;
}

/* ------------------------------------------------------------ headlines */

#define COMP_SUBTITLE_DASH "——"

typedef struct {
  TsParagraph *kicker, *title, *subtitle;  /* owned until kept */
  TsStyle      dash;                       /* the style of the 破折号 that opens
                                              the 副题 (size 0: it has none) */
  double       extent;                     /* pt, with padding */
  gboolean     covers;                     /* crosses every internal gutter */
} CompHead;

static void
comp_head_clear (CompHead *h)
{
  g_clear_pointer (&h->kicker, ts_paragraph_free);
  g_clear_pointer (&h->title, ts_paragraph_free);
  g_clear_pointer (&h->subtitle, ts_paragraph_free);
}

/* Whether the lines of the headline group cover every internal gutter of
 * a module @width pt wide (lines set at @inset from its left edge): a
 * gutter no head line crosses runs from the module's top to its foot, and
 * a reader (or a text extractor) would take the columns left of it before
 * the head. */
static gboolean
comp_head_covers (const LaySpec *spec, const CompHead *h, double width, double inset)
{
  double colw = lay_spec_column_width (spec), g = lay_spec_gutter (spec);
  const TsParagraph *pars[] = { h->kicker, h->title, h->subtitle };

  for (guint i = 1; i * (colw + g) < width; i++)
    {
      double g0 = i * colw + (i - 1) * g, g1 = g0 + g;
      gboolean covered = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (pars) && !covered; p++)
        for (guint l = 0; pars[p] && l < pars[p]->lines->len && !covered; l++)
          {
            const TsLine *line = g_ptr_array_index (pars[p]->lines, l);
            covered = inset + line->x <= g0 && inset + line->x + line->width >= g1;
          }
      if (!covered)
        return FALSE;
    }
  return TRUE;
}

/* Sets the headline group of @piece for a module @width pt wide with a
 * 主题 of @size pt.  A continuation gets a short repeat head (接题).  On a
 * module of three or more columns the head must cross every internal
 * gutter: a one-line title too short for that is set larger (up to 1.6×,
 * still on one line); a title of several lines balanced into short lines
 * is set filling its first line instead.  h->covers tells whether it
 * worked. */
static void
comp_head_set (CompState *st, const CompPiece *piece, double width, double size,
               gboolean lead, CompHead *h)
{
  const LaySpec *spec = st->spec;
  const EdArticle *art = piece->prep->art;
  double inset = spec->body_size;
  double measure = width - 2 * inset;
  double ksize = lead ? spec->kicker_lead : spec->kicker_size;
  TsStyle title = comp_style (TS_ROLE_HEADING, size, 1.2, TS_ALIGN_CENTER);
  TsStyle kick = comp_style (TS_ROLE_KICKER, ksize, 1.35, TS_ALIGN_CENTER);
  TsStyle subt = comp_style (TS_ROLE_SUBTITLE, ksize, 1.35, TS_ALIGN_CENTER);

  memset (h, 0, sizeof *h);
  /* the whole headline group is balanced, breaks between words and keeps
   * the editor's spaces (中共中央 国务院) */
  title.headline = TRUE;
  kick.headline = TRUE;
  subt.headline = TRUE;
  if (piece->part > 0)
    {
      title.size = spec->head_small;
      title.pitch = spec->head_small * 1.25;
    }
  else
    {
      if (art->kicker && *art->kicker)
        h->kicker = ts_set_text (st->ts, art->kicker, &kick, measure);
      if (art->subtitle && g_str_has_prefix (art->subtitle, COMP_SUBTITLE_DASH)
          && art->subtitle[strlen (COMP_SUBTITLE_DASH)])
        {
          /* "——市政协…": the 破折号 is drawn as a rule in the two ems the
           * text is indented by, not set as text: a text extractor cannot
           * tell a 副题's opening dash from a line that starts with a
           * dash (a line-start violation) */
          TsStyle rest = subt;

          rest.indent = 2;
          h->subtitle = ts_set_text (st->ts, art->subtitle + strlen (COMP_SUBTITLE_DASH), &rest,
                                     measure);
          h->dash = subt;
          h->dash.headline = FALSE;
          h->dash.align = TS_ALIGN_START;
        }
      else if (art->subtitle && *art->subtitle)
        h->subtitle = ts_set_text (st->ts, art->subtitle, &subt, measure);
    }
  h->title = ts_set_text (st->ts, art->title, &title, measure);
  h->covers = comp_head_covers (spec, h, width, inset);
  if (!h->covers && h->title->lines->len == 1)
    {
      const TsLine *l = g_ptr_array_index (h->title->lines, 0);
      double need = width - 2 * lay_spec_column_width (spec) + title.size;
      double bigger = title.size * need / MAX (l->width, 1.0);

      if (bigger <= title.size * 1.6)
        {
          TsParagraph *par;

          title.pitch *= bigger / title.size;
          title.size = bigger;
          par = ts_set_text (st->ts, art->title, &title, measure);
          if (par->lines->len == 1)
            {
              ts_paragraph_free (h->title);
              h->title = par;
            }
          else
            ts_paragraph_free (par);
        }
    }
  else if (!h->covers)
    {
      /* on one line a little smaller, or filling the first line */
      double natural = ts_measure_text (st->ts, art->title, &title);
      double smaller = title.size * measure / MAX (natural, 1.0) * 0.98;

      if (smaller >= title.size * 0.75)
        {
          title.pitch *= smaller / title.size;
          title.size = smaller;
        }
      else
        title.headline = FALSE;
      ts_paragraph_free (h->title);
      h->title = ts_set_text (st->ts, art->title, &title, measure);
      if (h->title->lines->len > 1 && title.headline)
        {
          title.headline = FALSE;
          ts_paragraph_free (h->title);
          h->title = ts_set_text (st->ts, art->title, &title, measure);
        }
    }
  h->covers = comp_head_covers (spec, h, width, inset);
  if (piece->part > 0)
    {
      h->extent = h->title->extent + spec->body_pitch * 0.5;
      return;
    }
  h->extent = h->title->extent + spec->body_pitch;  /* half a line above and below */
  if (h->kicker)
    h->extent += h->kicker->extent;
  if (h->subtitle)
    h->extent += h->subtitle->extent + spec->body_pitch * 0.25;
}

/* Rows of the head zone of @piece in a module @width pt wide, and whether
 * its head crosses the module's internal gutters (@ok, may be NULL); one
 * setting of the headline group for both, cached. */
static guint
comp_head_measure (CompState *st, const CompPiece *piece, double width, double size,
                   gboolean lead, gboolean *ok)
{
  CompHead h;
  guint v;
  g_autofree char *key = g_strdup_printf ("%p:%u:%.3f:%.3f:%d", (void *) piece->prep,
                                          piece->part, width, size, lead);
  gpointer cached;

  if (g_hash_table_lookup_extended (st->head_rows, key, NULL, &cached))
    v = GPOINTER_TO_UINT (cached);
  else
    {
      comp_head_set (st, piece, width, size, lead, &h);
      /* rows, and the head's covering in the top bit */
      v = comp_rows_for (st->spec, h.extent) | (h.covers ? 1u << 31 : 0);
      comp_head_clear (&h);
      g_hash_table_insert (st->head_rows, g_steal_pointer (&key), GUINT_TO_POINTER (v));
    }
  if (ok)
    *ok = (v >> 31) != 0;
  return v & ~(1u << 31);
}

static gboolean
comp_head_ok (CompState *st, const CompPiece *piece, double width, double size,
              gboolean lead)
{
  gboolean ok;

  comp_head_measure (st, piece, width, size, lead, &ok);
  return ok;
}

static guint
comp_head_rows (CompState *st, const CompPiece *piece, double width, double size,
                gboolean lead)
{
  return comp_head_measure (st, piece, width, size, lead, NULL);
}

/* The vertical headline's style at @size. */
static TsStyle
comp_vertical_style (double size)
{
  TsStyle s = comp_style (TS_ROLE_HEADING, size, 1.25, TS_ALIGN_START);

  s.vertical = TRUE;
  s.headline = TRUE;
  return s;
}

/* Body lines a vertical headline needs: its length plus a line of air. */
static guint
comp_vertical_head_rows (CompState *st, const CompPiece *piece, double size)
{
  TsStyle vs = comp_vertical_style (size);
  double len = ts_measure_text (st->ts, piece->prep->art->title, &vs);

  return comp_rows_for (st->spec, len) + 2;
}

static double
comp_head_size (const LaySpec *spec, guint cols, gboolean page_lead, guint page)
{
  if (page_lead && page == 1 && cols >= spec->major_columns)
    return spec->head_lead;
  if (page_lead || cols >= spec->major_columns)
    return spec->head_major;
  if (cols >= 2)
    return spec->head_normal;
  return spec->head_small;
}

/* --------------------------------------------------------------- figures */

/* Rows of figure @f at @width: picture (whole lines) + caption. */
/* Rows of figure @f at @width: picture, caption, a line of air.  The
 * picture is whole lines tall, at most figure_max_rows and at most what
 * leaves its caption and air inside @room rows; a picture cut shorter
 * keeps its proportions (narrower than @width, *pic_width).  An image
 * without a size (caption-only figure) takes caption_figure_rows. */
static guint
comp_figure_rows (CompState *st, const CompFigure *f, double width, guint room,
                  guint *pic_rows, double *pic_width, TsParagraph **caption)
{
  const LaySpec *spec = st->spec;
  TsStyle cap = comp_style (TS_ROLE_CAPTION, spec->caption_size, 1.0, TS_ALIGN_JUSTIFY);
  g_autofree char *text = ed_block_text (f->block);
  double w = width;
  TsParagraph *par;
  guint pic = spec->caption_figure_rows;
  guint cap_rows, rows;

  cap.pitch = spec->body_pitch;
  par = ts_set_text (st->ts, text, &cap, w);
  cap_rows = comp_rows_for (spec, par->extent);
  if (f->path && f->iw > 0)
    {
      guint natural = (guint) ceil ((w * f->ih / f->iw) / spec->body_pitch + 0.3);
      guint most = MIN (spec->figure_max_rows, room > cap_rows + 3 ? room - cap_rows - 1 : 2);

      pic = MIN (natural, most);
      if (pic < natural)
        w = MIN (width, (pic - 0.3) * spec->body_pitch * f->iw / f->ih);
    }
  *pic_rows = pic;
  if (pic_width)
    *pic_width = w;
  rows = pic + cap_rows + 1;  /* + a line of air */
  if (caption)
    *caption = par;
  else
    ts_paragraph_free (par);
  return rows;
}

/* Rows one figure of @piece may take: the figures share what a front page
 * (under the masthead) leaves below a head zone of @head_rows and two body
 * lines, so an article with pictures always fits a page. */
static guint
comp_figure_room (const LaySpec *spec, const CompPiece *piece, guint head_rows)
{
  guint page = lay_spec_rows (spec) - MIN (spec->masthead_rows, lay_spec_rows (spec));
  guint n = MAX (piece->prep->figures->len, 1u);

  return page > head_rows + 2 ? (page - head_rows - 2) / n : 0;
}

static guint
comp_figures_rows (CompState *st, const CompPiece *piece, double width, guint head_rows)
{
  guint rows = 0, pic;
  guint room = comp_figure_room (st->spec, piece, head_rows);

  if (piece->part > 0)
    return 0;
  for (guint i = 0; i < piece->prep->figures->len; i++)
    rows += comp_figure_rows (st, g_ptr_array_index (piece->prep->figures, i), width, room,
                              &pic, NULL, NULL);
  return rows;
}

/* ------------------------------------------------------------- planning */

/* First text column of a module: a vertical head takes the first one. */
static guint
comp_text_col0 (const CompModule *m)
{
  return m->col + (m->vertical ? 1 : 0);
}

/* Body units of a continuation start with the 上接 line: one row. */
static guint
comp_piece_extra_rows (const CompPiece *piece)
{
  return piece->part > 0 ? 1 : 0;
}

/* Whether a title can stand as a vertical head: no punctuation, which a
 * reader of the page as rows (or a text extractor) would find alone at a
 * line's start or end. */
static gboolean
comp_title_verticalable (const char *title)
{
  for (const char *p = title; p && *p; p = g_utf8_next_char (p))
    if (g_unichar_ispunct (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Natural size of @piece in @cols columns. */
static void
comp_measure_piece (CompState *st, const CompPiece *piece, guint cols, gboolean page_lead,
                    guint page, CompModule *m)
{
  const LaySpec *spec = st->spec;
  double width = lay_spec_span_width (spec, cols);

  memset (m, 0, sizeof *m);
  m->piece = *piece;
  m->cols = cols;
  m->page_lead = page_lead;
  m->vertical = piece->prep->art->vertical_title && piece->part == 0 && cols >= 2
                && comp_title_verticalable (piece->prep->art->title);
  m->text_cols = m->vertical ? cols - 1 : cols;
  m->head_size = comp_head_size (spec, cols, page_lead, page);
  m->head_cols = 0;
  m->head_rows = m->vertical ? 0 : comp_head_rows (st, piece, width, m->head_size, page_lead);
  m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->text_cols),
                                   m->head_rows);
  m->body_rows = comp_balance (piece->prep->units, piece->unit0, m->text_cols,
                               comp_piece_extra_rows (piece), 0, 0);
  /* the text beside a vertical head is at least as tall as the head */
  if (m->vertical)
    m->body_rows = MAX (m->body_rows + m->fig_rows,
                        comp_vertical_head_rows (st, piece, m->head_size)) - m->fig_rows;
  if (!m->vertical && cols >= 3
      && !comp_head_ok (st, piece, width, m->head_size, page_lead))
    {
      /* a head too short to cross every gutter: 串文题 over the first
       * columns it does cross, the other columns start at the top */
      guint hc = cols - 1;

      while (hc >= 2 && !comp_head_ok (st, piece, lay_spec_span_width (spec, hc),
                                       m->head_size, page_lead))
        hc--;
      m->head_cols = MAX (hc, 1u);
      m->head_rows = comp_head_rows (st, piece, lay_spec_span_width (spec, m->head_cols),
                                     m->head_size, page_lead);
      m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->head_cols),
                                       m->head_rows);
      m->body_rows = comp_balance (piece->prep->units, piece->unit0, m->text_cols,
                                   comp_piece_extra_rows (piece), m->head_cols,
                                   m->head_rows + m->fig_rows);
    }
  m->fig_cols = 0;
  if (!m->vertical && !m->head_cols && m->text_cols >= 2 && piece->part == 0
      && piece->prep->figures->len > 0)
    {
      /* a picture across every column would leave a white band a reader
       * (or an XY-cut) takes for a break: it takes the first half of the
       * columns (and one more), the others run beside it from the top */
      m->fig_cols = MIN (m->text_cols - 1, (m->text_cols + 2) / 2);
      m->fig_rows = comp_figures_rows (st, piece, lay_spec_span_width (spec, m->fig_cols),
                                       m->head_rows);
      m->body_rows = comp_balance (piece->prep->units, piece->unit0, m->text_cols,
                                   comp_piece_extra_rows (piece), m->fig_cols, m->fig_rows);
    }
  m->unit_end = piece->prep->units->len;
  m->cut = FALSE;
  m->sep = FALSE;
  m->foot = 0;
}

/* Text columns [0, *lcols) of @m start *ltop rows below the top of its
 * body area: under a 串文题 head and its figures (the body area is then the
 * module), or under figures that leave the last column free. */
static void
comp_module_l (const CompModule *m, guint *lcols, guint *ltop)
{
  *lcols = m->head_cols ? m->head_cols : m->fig_cols;
  *ltop = m->head_cols ? m->head_rows + m->fig_rows : m->fig_cols ? m->fig_rows : 0;
}

static guint
comp_module_need (const CompModule *m)
{
  /* a 串文题 module's body rows count from its top */
  if (m->head_cols)
    return m->body_rows;
  if (m->fig_cols)
    return m->head_rows + m->body_rows;
  return m->head_rows + m->fig_rows + m->body_rows;
}

/* Preferred width of a piece: the page lead is wide; long articles get
 * more columns so that modules stay short and wide. */
static guint
comp_preferred_cols (const LaySpec *spec, const CompPiece *piece, gboolean page_lead,
                     guint free_rows, double target)
{
  guint rows = lay_spec_rows (spec);
  guint remaining = 0, cols;

  for (guint u = piece->unit0; u < piece->prep->units->len; u++)
    remaining += g_array_index (piece->prep->units, CompUnit, u).rows;
  cols = (guint) ceil (remaining / (target * rows));
  if (piece->prep->art->vertical_title && piece->part == 0)
    cols = MAX (cols, 1u) + 1;
  if (page_lead)
    cols = MAX (cols, spec->lead_columns);
  else
    cols = MIN (cols, spec->wide_columns + (piece->prep->art->vertical_title ? 1 : 0));
  /* a short text in a tall slot: do not make a sliver */
  while (cols > (piece->prep->art->vertical_title && piece->part == 0 ? 2u : 1u)
         && remaining / cols < MIN (8u, free_rows / 4))
    cols--;
  return CLAMP (cols, 1u, spec->columns);
}

/* Whether a page lead has the copy for the lead's width (lead_columns)
 * where pages flow: a lead with less than min_module_rows of text for each
 * of those columns (a notice, a teaser) takes the width its text fills
 * rather than leave white under it.  A broadsheet keeps its lead wide. */
static gboolean
comp_lead_has_copy (const LaySpec *spec, const CompPiece *piece)
{
  guint remaining = 0;

  for (guint u = piece->unit0; u < piece->prep->units->len; u++)
    remaining += g_array_index (piece->prep->units, CompUnit, u).rows;
  return spec->keep_edition_pages || remaining >= spec->lead_columns * spec->min_module_rows;
}

/* Cuts @m (already measured at its width) to @rows: the body gets what
 * is left under head and figures, less a row for the jump line. */
static gboolean
comp_cut_module (CompModule *m, guint rows)
{
  guint body;

  if (rows <= m->head_rows + m->fig_rows + 1)
    return FALSE;
  guint lcols, ltop;

  comp_module_l (m, &lcols, &ltop);
  body = m->head_cols ? rows : m->fig_cols ? rows - m->head_rows
                                           : rows - m->head_rows - m->fig_rows;
  if (body <= ltop + 1)
    return FALSE;
  m->unit_end = comp_flow (m->piece.prep->units, m->piece.unit0, m->text_cols, body, 1,
                           comp_piece_extra_rows (&m->piece), lcols, ltop, NULL);
  if (m->unit_end <= m->piece.unit0)
    return FALSE;
  m->body_rows = body;
  m->rows = rows;
  m->cut = m->unit_end < m->piece.prep->units->len;
  m->sep = FALSE;
  return TRUE;
}

typedef struct {
  guint     *top;       /* per column: first free row */
  GArray    *modules;   /* of CompModule */
  guint      rows;      /* lines per column */
  guint      page;
  guint      hole_rows;
  gboolean   tail;      /* placing the edition's last piece: no stretching */
  double     target;    /* preferred module height, fraction of a column */
  guint      cap;       /* most rows a module may take (leaves room for the
                           page's other articles to start), G_MAXUINT = none */
  gboolean   last;      /* the edition's last page: its foot may stay white */
  gboolean   final;     /* placing the page's last piece: it takes the
                           slot's width so the page's white stays short */
  gboolean   ran_out;   /* the pieces offered to the page ran out before it
                           was full */
  guint      spare;     /* rows the page's copy left white */
  guint      min_slots; /* fewest modules side by side in a band (while
                           the queue lasts) */
} CompPlan;

/* Finds the lowest, then leftmost free slot: column @c0, width @w, top row. */
static gboolean
comp_find_gap (const CompPlan *pl, guint columns, guint *c0, guint *w, guint *t)
{
  guint best = G_MAXUINT;

  for (guint c = 0; c < columns; c++)
    if (pl->top[c] < best)
      {
        best = pl->top[c];
        *c0 = c;
      }
  if (best >= pl->rows)
    return FALSE;
  *t = best;
  *w = 0;
  while (*c0 + *w < columns && pl->top[*c0 + *w] == best)
    (*w)++;
  return TRUE;
}

/* The slot is too short for a module: grow the modules ending on it (their
 * head zones take the extra lines) or leave a hole. */
static void
comp_close_gap (CompPlan *pl, guint c0, guint w, guint t, guint stretch_rows,
                gboolean stretch)
{
  guint covered = 0;

  for (guint i = 0; i < pl->modules->len; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (stretch && m->row + m->rows == t && m->col >= c0 && m->col + m->cols <= c0 + w)
        {
          m->rows = pl->rows - m->row;
          covered += m->cols;
        }
    }
  if (covered < w || pl->rows - t > stretch_rows)
    pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
  for (guint c = c0; c < c0 + w; c++)
    pl->top[c] = pl->rows;
}

/* Decides width and height of @piece in the slot (c0, gw, t).  Returns
 * FALSE if the slot is too short to start it. */
static gboolean
comp_fit_piece (CompState *st, CompPlan *pl, const CompPiece *piece, guint c0, guint gw,
                guint t, gboolean page_lead, CompModule *out)
{
  const LaySpec *spec = st->spec;
  guint avail = pl->rows - t;
  guint free_rows = MIN (avail, pl->cap);
  guint pref = MIN (comp_preferred_cols (spec, piece, page_lead, free_rows, pl->target), gw);
  CompModule m = { 0 };

  if (free_rows < spec->min_module_rows)
    return FALSE;
  if (pl->final && !page_lead)
    pref = gw;
  /* leave no slot narrower than one column next to a wide module */
  if (gw - pref == 1 && pref >= 2 && !page_lead)
    pref = gw;
  /* score every width from one narrower than preferred to the slot's:
   * a module that fits and ends at the foot (or leaves room for another
   * module) beats a cut, which beats a gap too short to use */
  {
    guint lo = pref > 1 ? pref - 1 : 1;
    double best = G_MAXDOUBLE;
    gboolean found = FALSE;

    if (piece->prep->art->vertical_title && piece->part == 0 && gw >= 2)
      lo = MAX (lo, 2u);
    for (guint cols = lo; cols <= gw; cols++)
      {
        CompModule c;
        double cost = 3.0 * (cols > pref ? cols - pref : pref - cols);
        guint need;

        comp_measure_piece (st, piece, cols, page_lead, pl->page, &c);
        need = comp_module_need (&c);
        if (need <= free_rows)
          {
            guint left = free_rows - need;

            /* a separator line under the module, if the column has room */
            c.sep = need < avail;
            c.rows = MIN (need + 1, avail);
            if (!pl->tail && (left <= 1 + spec->stretch_rows || left < spec->min_module_rows))
              {
                c.rows = free_rows;
                c.sep = free_rows < avail;
                if (left > 1 + spec->stretch_rows)
                  cost += 10 + left;
              }
          }
        else
          {
            if (!comp_cut_module (&c, free_rows))
              continue;
            cost += 8;
          }
        if (cost < best)
          {
            best = cost;
            m = c;
            found = TRUE;
          }
      }
    if (!found)
      return FALSE;
    if (!m.cut && m.rows == free_rows && m.rows > comp_module_need (&m) + 1 + spec->stretch_rows)
      pl->hole_rows = MAX (pl->hole_rows, m.rows - comp_module_need (&m));
  }
  m.col = c0;
  m.row = t;
  *out = m;
  return TRUE;
}

static gboolean
comp_queue_all_continued (const GArray *q)
{
  for (guint i = 0; i < q->len; i++)
    if (g_array_index (q, CompPiece, i).part == 0)
      return FALSE;
  return TRUE;
}

typedef struct {
  guint from, to;            /* modules of the band in pl->modules */
  guint row, height;         /* content rows, without the gap */
} CompBandPos;

static guint comp_module_foot (const CompModule *m);
static void comp_trim_last_band (CompPlan *pl, const CompBandPos *lb);
static void comp_band_air (const LaySpec *spec, CompPlan *pl, const CompBandPos *bp);
static void comp_plan_bands (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                             guint first_row);

/* Queues the continuation of @m (placed on page pl->page) in @next_queue
 * when it is cut. */
static void
comp_queue_rest (CompState *st, const CompPlan *pl, GArray *next_queue, CompModule *m)
{
  if (m->cut)
    {
      CompPiece rest = { m->piece.prep, m->unit_end, m->piece.part + 1, pl->page,
                         st->next_piece_id++ };

      g_array_append_val (next_queue, rest);
      m->rest_id = rest.id;
    }
}

/* Plans one page from the front of @queue (of CompPiece, consumed). */
static void
comp_plan_page (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                guint first_row)
{
  const LaySpec *spec = st->spec;
  gboolean first = TRUE;
  guint c0, gw, t;

  if (spec->columns > 1)
    {
      comp_plan_bands (st, pl, queue, next_queue, first_row);
      return;
    }
  for (guint c = 0; c < spec->columns; c++)
    pl->top[c] = first_row;
  while (comp_find_gap (pl, spec->columns, &c0, &gw, &t))
    {
      if (queue->len == 0)
        {
          /* the edition's last article was cut but this page still has
           * room: its continuation follows here rather than alone overleaf */
          if (next_queue->len == 0 || !comp_queue_all_continued (next_queue))
            {
              pl->ran_out = TRUE;
              break;
            }
          g_array_append_vals (queue, next_queue->data, next_queue->len);
          g_array_set_size (next_queue, 0);
        }
      CompPiece piece = g_array_index (queue, CompPiece, 0);
      gboolean page_lead = first && piece.part == 0;
      gboolean have = FALSE;
      guint pick = 0;
      CompModule m = { 0 };

      /* no new article after this one: leave the foot white rather
       * than stretch a head zone (continued parts cannot use the gap) */
      pl->final = queue->len == 1 && next_queue->len == 0;
      pl->tail = pl->last && pl->final;
      /* the next article, or rather than cutting it (or when it cannot
       * start here), one of the next few that fits the slot whole */
      for (guint k = 0; k < MIN (queue->len, 4u) && (!have || m.cut); k++)
        {
          CompPiece alt = g_array_index (queue, CompPiece, k);
          CompModule am;

          /* continued parts go first; one-column pages keep strict order */
          if (k > 0 && (page_lead || alt.part > 0 || piece.part > 0 || spec->columns == 1))
            continue;
          if (!comp_fit_piece (st, pl, &alt, c0, gw, t, k == 0 && page_lead, &am))
            continue;
          if (!have || !am.cut)
            {
              m = am;
              piece = alt;
              pick = k;
              have = TRUE;
            }
        }
      /* a cut article may fit whole in another, higher slot of the page */
      if (have && m.cut)
        {
          guint c = 0;

          while (c < spec->columns)
            {
              guint w = 1, top = pl->top[c];
              CompModule am;

              while (c + w < spec->columns && pl->top[c + w] == top)
                w++;
              if (c != c0 && top < pl->rows
                  && comp_fit_piece (st, pl, &piece, c, w, top, FALSE, &am) && !am.cut)
                {
                  m = am;
                  break;
                }
              c += w;
            }
        }
      if (!have)
        {
          /* nothing left fits the slot: what is left goes to a later
           * page, so the modules above grow to close the gap */
          comp_close_gap (pl, c0, gw, t, spec->stretch_rows, TRUE);
          continue;
        }
      g_array_remove_index (queue, pick);
      first = FALSE;
      for (guint c = m.col; c < m.col + m.cols; c++)
        pl->top[c] = m.row + m.rows;
      comp_queue_rest (st, pl, next_queue, &m);
      g_array_append_val (pl->modules, m);
    }
  /* no piece left for this page: the edition's text has run out (what is
   * left continues overleaf); leave the feet of the columns white */
  while (comp_find_gap (pl, spec->columns, &c0, &gw, &t))
    {
      pl->hole_rows = MAX (pl->hole_rows, pl->rows - t);
      for (guint c = c0; c < c0 + gw; c++)
        pl->top[c] = pl->rows;
    }
}

/* ---------------------------------------------------------------- bands
 *
 * Multi-column pages are made of horizontal bands, top to bottom, with
 * band_gap_rows of white (and a rule) between them.  A band is a row of
 * side-by-side modules in edition order, all as tall as the band; the
 * last slot of a band may hold a stack of further modules of its width,
 * one under the other with the same gap.  Read as a reader (or a text
 * extractor's XY-cut) takes a page — band by band, then module by module
 * left to right, each module's head group (which crosses the module's
 * internal gutters) before its columns — the page gives the articles in
 * edition order. */

static gboolean comp_carry_over (const LaySpec *spec);
static gboolean comp_columns_ok (const CompModule *m);

#define COMP_UNDER_BASE 200.0
#define COMP_UNDER_LINE 40.0
#define COMP_UNDER_DEEP 150.0  /* each line of a hole deeper than two short modules */
#define COMP_CUT_ABOVE 800.0  /* more for a cut above the foot where pages flow:
                                   its continuation would come after the text under it */
#define COMP_CONT_LATER 400.0  /* a continuation set after one more of the page's articles */
#define COMP_BAND_SLOTS 5    /* most modules side by side in a band */
#define COMP_BAND_STACK 6    /* most modules stacked in a band's last slot */
#define COMP_BAND_MODS (COMP_BAND_SLOTS + COMP_BAND_STACK)

typedef struct {
  CompModule mods[COMP_BAND_MODS];   /* rows = content rows (no gap) */
  guint      top[COMP_BAND_MODS];    /* row offset in the band */
  gboolean   above[COMP_BAND_MODS];  /* another module is stacked below */
  guint      n_mods;                 /* == queue pieces taken, in order */
  guint      height;                 /* content rows, without the gap below */
  gboolean   foot;                   /* the band reaches the page foot */
  guint      cuts;
  guint      white;                  /* largest white patch in a module, rows */
  double     cost;
} CompBand;

/* Measures of queue piece @i at @cols columns, computed on first use. */
typedef struct {
  CompModule *m;             /* [i * (columns + 1) + cols] */
  gboolean   *done;
  gboolean   *ok;            /* the head crosses the module's gutters */
  guint       n;             /* pieces cached */
} CompMeasures;

static const CompModule *
comp_band_measure (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                   guint i, guint cols, gboolean lead)
{
  const LaySpec *spec = st->spec;
  guint k = i * (spec->columns + 1) + cols;

  if (i >= mc->n)
    return NULL;
  if (!mc->done[k])
    {
      const CompPiece *piece = &g_array_index (queue, CompPiece, i);
      CompModule *m = &mc->m[k];

      comp_measure_piece (st, piece, cols, lead, pl->page, m);
      /* (a head that cannot cross the gutters is set as a 串文题) */
      mc->ok[k] = comp_columns_ok (m);
      mc->done[k] = TRUE;
    }
  return mc->ok[k] ? &mc->m[k] : NULL;
}

/* Whether every text column of @m holds at least two lines: a column of
 * one line has no gutter a reader's eye (or an extractor's XY-cut) can
 * follow, and is read across with its neighbour. */
static gboolean
comp_columns_ok (const CompModule *m)
{
  const GArray *units = m->piece.prep->units;
  guint n = m->unit_end - m->piece.unit0;
  guint extra = comp_piece_extra_rows (&m->piece);
  guint lcols, ltop;
  g_autofree guint *slots = NULL;
  g_autofree guint *fill = NULL;

  if (m->text_cols < 2)
    return TRUE;
  comp_module_l (m, &lcols, &ltop);
  slots = g_new0 (guint, 2 * (n + 1));
  fill = g_new0 (guint, m->text_cols);
  comp_flow (units, m->piece.unit0, m->text_cols, m->body_rows, m->cut ? 1 : 0, extra,
             lcols, ltop, slots);
  for (guint i = 0; i < n; i++)
    {
      guint col = slots[2 * i];
      guint top = (col < lcols ? ltop : 0);
      guint end = slots[2 * i + 1] + g_array_index (units, CompUnit, m->piece.unit0 + i).rows;

      if (col < m->text_cols)
        fill[col] = MAX (fill[col], end - top);
    }
  if (m->cut)
    fill[m->text_cols - 1]++;
  for (guint c = 0; c < m->text_cols; c++)
    if (fill[c] < 2)
      return FALSE;
  /* and the columns together at least four: fewer lines side by side
   * read as rows across */
  return fill[0] >= 4;
}

/* Fits module @m (measured) into @rows content rows, cut when longer.
 * Returns FALSE if it cannot start in so few rows. */
static gboolean
comp_band_fit (const LaySpec *spec, CompModule *m, guint rows, guint *cuts)
{
  if (comp_module_need (m) > rows)
    {
      if (rows < spec->min_module_rows || !comp_cut_module (m, rows) || !comp_columns_ok (m))
        return FALSE;
      (*cuts)++;
      return TRUE;
    }
  m->rows = rows;
  return TRUE;
}

/* Fills band @b of slot widths @w[0..n) and content height @h from the
 * front of the queue: each slot takes the next piece, then stacks the
 * following ones under it while they fit whole (the last slot of a band
 * at the page foot may end with a cut one), keeping at least one piece
 * for each slot to its right.  Returns FALSE if a slot's first piece
 * cannot start in @h rows. */
static gboolean
comp_band_fill (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                const guint *w, guint n, guint h, gboolean lead, CompBand *b)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint q = 0;

  b->n_mods = 0;
  b->cuts = 0;
  b->height = h;
  for (guint i = 0; i < n; i++)
    {
      const CompModule *m = comp_band_measure (st, pl, queue, mc, q, w[i], lead && i == 0);
      guint top = 0;
      gboolean slot_full;   /* a head in the slot crosses its gutters */

      if (!m || b->n_mods >= COMP_BAND_MODS)
        return FALSE;
      b->mods[b->n_mods] = *m;
      b->top[b->n_mods] = 0;
      b->above[b->n_mods] = FALSE;
      if (!comp_band_fit (spec, &b->mods[b->n_mods], h, &b->cuts))
        return FALSE;
      b->n_mods++;
      q++;
      slot_full = !m->head_cols && !m->vertical;
      while (!b->mods[b->n_mods - 1].cut && b->n_mods < COMP_BAND_MODS
             && q + (n - 1 - i) < mc->n)
        {
          guint l = b->n_mods - 1;
          const CompModule *s;
          CompModule sm;

          top = b->top[l] + comp_module_need (&b->mods[l]) + gap;
          if (top + spec->min_module_rows > h)
            break;
          s = comp_band_measure (st, pl, queue, mc, q, w[i], FALSE);
          if (!s)
            break;
          sm = *s;
          if (comp_module_need (&sm) > h - top && !(b->foot && i + 1 == n))
            break;
          /* a 串文题 or vertical head leaves a gutter clear through its
           * module: a stack needs one head across the slot to bar it, or
           * its modules would be read across */
          if ((sm.head_cols || sm.vertical) && !slot_full)
            break;
          slot_full |= !sm.head_cols && !sm.vertical;
          if (!comp_band_fit (spec, &sm, h - top, &b->cuts))
            break;
          b->mods[l].rows = comp_module_need (&b->mods[l]);
          b->above[l] = TRUE;
          b->top[b->n_mods] = top;
          b->above[b->n_mods] = FALSE;
          b->mods[b->n_mods++] = sm;
          q++;
        }
    }
  return TRUE;
}

/* Whether rows [0, @height) marked @white (no ink across the band) have
 * no run of two or more between the first and the last inked row: such a
 * strip would make a reader (or an XY-cut) read the band's tops first. */
static gboolean
comp_white_ok (const gboolean *white, guint height)
{
  guint first = G_MAXUINT, last = 0, run = 0;

  for (guint r = 0; r < height; r++)
    if (!white[r])
      {
        first = MIN (first, r);
        last = r;
      }
  for (guint r = first; first != G_MAXUINT && r <= last; r++)
    {
      run = white[r] ? run + 1 : 0;
      if (run >= 2)
        return FALSE;
    }
  return TRUE;
}

/* Whether band @b would read slot by slot: a white strip of two lines or
 * more across every slot, inside the band, would make a reader (or an
 * XY-cut) read the band's tops before its bottoms.  Rows are approximate:
 * a module's ink runs from its head (set on its text, the lines a band
 * gives it above; the head's first line counted white for its padding) to
 * the end of its text; a picture across all its columns is white. */
static gboolean
comp_band_reads_ok (const CompBand *b)
{
  g_autofree gboolean *white = g_new (gboolean, b->height + 1);
  g_autofree gboolean *ink = g_new0 (gboolean, b->height + 1);

  for (guint r = 0; r < b->height; r++)
    white[r] = TRUE;
  for (guint i = 0; i < b->n_mods;)
    {
      /* one slot: modules i .. j */
      guint j = i;

      while (j + 1 < b->n_mods && b->above[j])
        j++;
      memset (ink, 0, (b->height + 1) * sizeof *ink);
      for (guint k = i; k <= j; k++)
        {
          const CompModule *m = &b->mods[k];
          guint need = comp_module_need (m);
          guint content = m->rows;
          guint t = b->top[k], from, to;

          if (m->cut || m->vertical || m->head_cols)
            {
              from = t;
              to = t + MIN (content, m->cut ? content : need);
            }
          else
            {
              guint slack = content > need ? content - need : 0;

              from = t + slack + 1;
              to = t + content;
              if (!m->fig_cols && m->fig_rows > 0)
                {
                  /* head, then the picture (white), then caption and text */
                  for (guint r = from; r < t + slack + m->head_rows && r < b->height; r++)
                    ink[r] = TRUE;
                  from = t + slack + m->head_rows + m->fig_rows - 1;
                }
            }
          for (guint r = from; r < to && r < b->height; r++)
            ink[r] = TRUE;
        }
      for (guint r = 0; r < b->height; r++)
        white[r] = white[r] && !ink[r];
      i = j + 1;
    }
  return comp_white_ok (white, b->height);
}

/* Evaluates the band of slot widths @w[0..n) at the front of the queue
 * with @avail rows left on the page, as tall as its tallest module or cut
 * to a shorter one's height.  Fills @b with the cheapest; FALSE if
 * impossible. */
static gboolean
comp_band_eval (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                const guint *w, guint n, guint avail, gboolean lead, CompBand *b)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint limit = MIN (avail, pl->cap);
  guint heights[6 * COMP_BAND_SLOTS], nh = 0;
  double base = 0;
  gboolean found = FALSE;

  if (n > mc->n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const CompModule *m = comp_band_measure (st, pl, queue, mc, i, w[i], lead && i == 0);
      const CompPiece *piece = &g_array_index (queue, CompPiece, i);
      guint pref;

      if (!m)
        return FALSE;
      pref = comp_preferred_cols (spec, piece, lead && i == 0, avail, pl->target);
      base += w[i] > pref ? 6.0 * (w[i] - pref) : 8.0 * (pref - w[i]);
    }
  /* the page lead is the widest module, when it has the copy for a wide
   * one */
  if (lead && comp_lead_has_copy (spec, &g_array_index (queue, CompPiece, 0)))
    for (guint i = 1; i < n; i++)
      if (w[i] >= w[0])
        base += 1000;
  /* a module across the whole page (通栏) only when nothing else is left */
  if (n == 1 && queue->len > 1)
    base += 100;
  /* candidate heights: each slot's first module, or it and the next
   * stacked, or a later piece's (the slots taking the pieces before it in
   * stacks); a taller module is cut */
  nh = 0;
  for (guint i = 0; i < n; i++)
    for (guint j = i; j < MIN (i + 3, mc->n); j++)
      {
        const CompModule *m = comp_band_measure (st, pl, queue, mc, j, w[i], lead && j == 0);
        const CompModule *m2 = j + 1 < mc->n
                               ? comp_band_measure (st, pl, queue, mc, j + 1, w[i], FALSE) : NULL;
        guint cand[2] = { m ? comp_module_need (m) : 0,
                          m && m2 ? comp_module_need (m) + gap + comp_module_need (m2) : 0 };

        for (guint k = 0; k < 2; k++)
          {
            guint hc = MIN (cand[k], limit);
            gboolean dup = hc == 0;

            /* a short piece where pages flow: a band of the least module
             * height (its white is costed), rather than none */
            if (!spec->keep_edition_pages && hc > 0 && hc < spec->min_module_rows
                && spec->min_module_rows <= limit)
              hc = spec->min_module_rows;
            dup = dup || hc < spec->min_module_rows;

            for (guint l = 0; l < nh && !dup; l++)
              dup = heights[l] == hc;
            if (!dup && nh < G_N_ELEMENTS (heights))
              heights[nh++] = hc;
          }
      }
  for (guint k = 0; k < nh; k++)
    {
      guint h = heights[k];
      CompBand c;
      double cost = base;

      memset (&c, 0, sizeof c);
      /* too little room would be left under the band for another one: the
       * band goes down to the foot */
      if (avail < h + gap + spec->min_module_rows)
        h = avail;
      c.foot = h == avail;
      if (!comp_band_fill (st, pl, queue, mc, w, n, h, lead, &c) || !comp_band_reads_ok (&c))
        continue;
      for (guint i = 0; i < c.n_mods; i++)
        {
          const CompModule *m = &c.mods[i];
          guint need = comp_module_need (m);
          /* the head zone takes up to stretch_rows, or up to its own
           * height twice (a head with air above it) */
          guint stretch = MAX (spec->stretch_rows, m->vertical || m->head_cols ? 0 : 2 * m->head_rows);
          guint white = !m->cut && m->rows > need + stretch ? m->rows - need - stretch : 0;
          /* every line under the text is white to a reader, the head's
           * allowance too: more than three is a hole (issue 4) where
           * the edition's pages can flow (a broadsheet keeps its own) */
          guint under = !m->cut && m->rows > need ? m->rows - need : 0;

          c.white = MAX (c.white, white);
          cost += 8.0 * white * m->cols + (white > 3 ? 600.0 : 0.0);
          if (under > 3 && !spec->keep_edition_pages)
            cost += COMP_UNDER_BASE + COMP_UNDER_LINE * (under - 3)
                    + (under > 2 * spec->min_module_rows
                       ? COMP_UNDER_DEEP * (under - 2 * spec->min_module_rows) : 0.0);
        }
      /* a band narrower than the page (the page's last copy) leaves the
       * columns on its right white: a hole as well */
      if (!spec->keep_edition_pages)
        {
          guint used = 0;

          for (guint i = 0; i < n; i++)
            used += w[i];
          if (used < spec->columns)
            cost += COMP_UNDER_BASE + 8.0 * (spec->columns - used) * c.height;
        }
      cost += (pl->last ? 800.0 : 300.0) * c.cuts;
      /* a cut above the foot: the continuation comes after the text
       * below it */
      if (!c.foot)
        cost += (comp_carry_over (spec) ? 1200.0 + COMP_CUT_ABOVE : 300.0) * c.cuts;
      /* a cut module is best the page's last: its continuation then
       * follows the page's text (overleaf, or first on the next page) */
      for (guint i = 0; i + 1 < c.n_mods; i++)
        if (c.mods[i].cut)
          cost += 400;
      /* a band that leaves less than a module's height at the foot cannot
       * be followed well */
      if (!c.foot && avail - h - gap < spec->min_module_rows)
        cost += 500;
      c.cost = cost;
      if (!found || c.cost < b->cost)
        {
          *b = c;
          found = TRUE;
        }
    }
  return found;
}

/* The cheapest bands found so far, cheapest first. */
typedef struct {
  CompBand *b;
  guint     n, k;
} CompBandList;

static void
comp_band_list_add (CompBandList *l, const CompBand *b)
{
  guint i;

  if (l->n == l->k && b->cost >= l->b[l->n - 1].cost)
    return;
  i = l->n < l->k ? l->n++ : l->n - 1;
  while (i > 0 && l->b[i - 1].cost > b->cost)
    {
      l->b[i] = l->b[i - 1];
      i--;
    }
  l->b[i] = *b;
}

/* Tries every split of @left columns into @n slot widths (recursively
 * from slot @i) and keeps the cheapest bands in @list.  With @need_all
 * only bands that take every piece left count. */
static void
comp_band_search (CompState *st, CompPlan *pl, const GArray *queue, CompMeasures *mc,
                  guint *w, guint i, guint n, guint left, guint avail, gboolean lead,
                  guint lead_min, gboolean need_all, CompBandList *list)
{
  if (i + 1 == n)
    {
      CompBand b;

      w[i] = left;
      if (lead && w[0] < lead_min && !need_all)
        return;
      if (comp_band_eval (st, pl, queue, mc, w, n, avail, lead, &b)
          && (!need_all || b.n_mods == queue->len))
        comp_band_list_add (list, &b);
      return;
    }
  for (guint c = 1; c + (n - i - 1) <= left; c++)
    {
      w[i] = c;
      comp_band_search (st, pl, queue, mc, w, i + 1, n, left - c, avail, lead, lead_min,
                        need_all, list);
    }
}

/* The cheapest bands (at most list->k) that can start at the front of
 * @queue with @avail rows left. */
static void
comp_band_choices (CompState *st, CompPlan *pl, const GArray *queue, guint avail,
                   gboolean lead, CompBandList *list)
{
  const LaySpec *spec = st->spec;
  guint nmax = MIN (MIN (COMP_BAND_SLOTS, spec->columns), queue->len);
  guint npieces = MIN (queue->len, COMP_BAND_MODS);
  CompMeasures mc = { g_new0 (CompModule, npieces * (spec->columns + 1)),
                      g_new0 (gboolean, npieces * (spec->columns + 1)),
                      g_new0 (gboolean, npieces * (spec->columns + 1)), npieces };
  guint w[COMP_BAND_SLOTS], lead_min;

  list->n = 0;
  lead_min = lead && comp_lead_has_copy (spec, &g_array_index (queue, CompPiece, 0))
             ? MIN (spec->lead_columns, spec->columns) : 1;
  for (guint n = MIN (pl->min_slots, nmax); n <= nmax; n++)
    comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns, avail, lead, lead_min, FALSE,
                      list);
  /* a lead too short for its width: any width */
  for (guint n = MIN (pl->min_slots, nmax); n <= nmax && list->n == 0 && lead; n++)
    comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns, avail, lead, 1, FALSE, list);
  /* the page's last copy too short to fill the width: the band leaves
   * the columns on its right white */
  for (guint e = 1; e < spec->columns && list->n == 0; e++)
    for (guint n = 1; n <= MIN (nmax, spec->columns - e); n++)
      comp_band_search (st, pl, queue, &mc, w, 0, n, spec->columns - e, avail, lead, 1, TRUE,
                        list);
  g_free (mc.m);
  g_free (mc.done);
  g_free (mc.ok);
}

/* Finds the queued continuation of a cut module. */
static CompPiece *
comp_find_piece (GArray *q, guint id)
{
  for (guint i = 0; i < q->len; i++)
    if (g_array_index (q, CompPiece, i).id == id)
      return &g_array_index (q, CompPiece, i);
  return NULL;
}

/* Grows band @bp by @grow rows: the modules that end with the band take
 * them (a cut module more text, the others more head zone).  Returns
 * FALSE, changing nothing, if a cut module would then hold all its text. */
static gboolean
comp_band_grow (CompPlan *pl, GArray *next_queue, const CompBandPos *bp, guint grow)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = bp->from; i < bp->to; i++)
      {
        CompModule *m = &g_array_index (pl->modules, CompModule, i);
        guint end;

        if (m->row + m->rows - m->foot != bp->row + bp->height || !m->cut)
          continue;
        guint lcols, ltop;

        comp_module_l (m, &lcols, &ltop);
        end = comp_flow (m->piece.prep->units, m->piece.unit0, m->text_cols,
                         m->body_rows + grow, 1, comp_piece_extra_rows (&m->piece),
                         lcols, ltop, NULL);
        if (pass == 0 && end >= m->piece.prep->units->len)
          return FALSE;
        if (pass == 1)
          {
            CompPiece *rest = comp_find_piece (next_queue, m->rest_id);

            m->unit_end = end;
            m->body_rows += grow;
            if (rest)
              rest->unit0 = end;
          }
      }
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row + m->rows - m->foot == bp->row + bp->height)
        m->rows += grow;
    }
  return TRUE;
}

/* A partial page plan of the beam search. */
typedef struct {
  GArray  *bands;            /* of CompBand, owned */
  guint    q, row;           /* pieces taken, next free row */
  double   cost;
  gboolean done;             /* no band can follow */
} CompBeam;

/* Beams by cost, finished ones first (they are kept anyway). */
static gint
comp_beam_cmp (gconstpointer a, gconstpointer b)
{
  const CompBeam *p = a, *q = b;

  if (p->done != q->done)
    return p->done ? -1 : 1;
  return p->cost < q->cost ? -1 : p->cost > q->cost;
}

/* The best plan of a multi-column page from the front of @queue by a
 * beam search over its bands: each step extends the best partial pages by
 * their cheapest next bands.  Returns the plan's bands (of CompBand,
 * owned; NULL if none) and sets @cost. */
static GArray *
comp_beam_plan (CompState *st, CompPlan *pl, const GArray *queue, guint first_row, double *cost)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  const guint B = 5, K = 4;
  g_autoptr (GArray) beams = g_array_new (FALSE, FALSE, sizeof (CompBeam));
  CompBeam start = { g_array_new (FALSE, FALSE, sizeof (CompBand)), 0, first_row, 0, FALSE };
  CompBand *choice = g_new (CompBand, K);
  gboolean more = TRUE;
  double best_final = G_MAXDOUBLE;
  gint best = -1;
  GArray *plan = NULL;

  g_array_append_val (beams, start);
  while (more)
    {
      g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (CompBeam));

      more = FALSE;
      for (guint i = 0; i < beams->len; i++)
        {
          CompBeam *be = &g_array_index (beams, CompBeam, i);
          CompBandList list = { choice, 0, K };
          g_autoptr (GArray) rest = NULL;

          if (!be->done && be->q < queue->len && be->row < pl->rows
              && pl->rows - be->row >= spec->min_module_rows)
            {
              rest = g_array_sized_new (FALSE, FALSE, sizeof (CompPiece), queue->len - be->q);
              g_array_append_vals (rest, &g_array_index (queue, CompPiece, be->q),
                                   queue->len - be->q);
              comp_band_choices (st, pl, rest, pl->rows - be->row,
                                 be->bands->len == 0
                                 && g_array_index (rest, CompPiece, 0).part == 0, &list);
            }
          if (list.n == 0)
            {
              be->done = TRUE;
              g_array_append_val (next, *be);
              be->bands = NULL;
              continue;
            }
          for (guint k = 0; k < list.n; k++)
            {
              CompBeam nb = { g_array_copy (be->bands), be->q + list.b[k].n_mods,
                              be->row + list.b[k].height + (list.b[k].foot ? 0 : gap),
                              be->cost + list.b[k].cost, FALSE };

              g_array_append_val (nb.bands, list.b[k]);
              g_array_append_val (next, nb);
              more = TRUE;
            }
          g_array_unref (be->bands);
          be->bands = NULL;
        }
      /* keep the finished ones and the best few unfinished */
      g_array_sort (next, comp_beam_cmp);
      g_array_set_size (beams, 0);
      for (guint i = 0, kept = 0; i < next->len; i++)
        {
          CompBeam *nb = &g_array_index (next, CompBeam, i);

          if (nb->done || kept < B)
            {
              kept += !nb->done;
              g_array_append_val (beams, *nb);
            }
          else
            g_array_unref (nb->bands);
        }
    }
  /* the best finished page: its bands' costs, then what they leave */
  for (guint i = 0; i < beams->len; i++)
    {
      const CompBeam *be = &g_array_index (beams, CompBeam, i);
      double final = be->cost;
      guint end = first_row;

      for (guint k = be->q; k < queue->len; k++)
        final += g_array_index (queue, CompPiece, k).part == 0
                 ? (comp_carry_over (spec) ? 60.0 : 10000.0) : 30.0;
      guint widths = 0, nmods = 0;

      for (guint b = 0; b < be->bands->len; b++)
        {
          const CompBand *band = &g_array_index (be->bands, CompBand, b);

          for (guint k = 0; k < band->n_mods; k++)
            widths |= 1u << MIN (band->mods[k].cols, 31u);
          nmods += band->n_mods;
          end = band->foot ? pl->rows : end;
          /* a cut before the page's last band: its continuation comes
           * after the text below it */
          for (guint k = 0; b + 1 < be->bands->len && k < band->n_mods; k++)
            final += band->mods[k].cut ? (comp_carry_over (spec) ? 1500.0 : 400.0) : 0.0;
        }
      if (be->bands->len > 0 && end < pl->rows)
        {
          const CompBand *lb = &g_array_index (be->bands, CompBand, be->bands->len - 1);
          guint lend = be->row - (lb->foot ? 0 : gap);

          /* copy left over but no room: a hole at the foot */
          if (be->q < queue->len && lend < pl->rows)
            final += 8.0 * (pl->rows - lend) * spec->columns;
        }
      /* a news page is not a uniform grid: three module widths or more */
      if (nmods >= 4 && __builtin_popcount (widths) < 3)
        final += 150;
      if (final < best_final)
        {
          best_final = final;
          best = (gint) i;
        }
    }
  g_free (choice);
  if (best >= 0)
    plan = g_array_ref (g_array_index (beams, CompBeam, best).bands);
  for (guint i = 0; i < beams->len; i++)
    g_array_unref (g_array_index (beams, CompBeam, i).bands);
  *cost = best_final;
  return plan;
}

/* Whether @plan places queue pieces [from, to) whole. */
static gboolean
comp_plan_places (const GArray *plan, guint from, guint to)
{
  guint q = 0;

  for (guint b = 0; b < plan->len; b++)
    {
      const CompBand *bd = &g_array_index (plan, CompBand, b);

      for (guint i = 0; i < bd->n_mods; i++, q++)
        if (q >= from && q < to && bd->mods[i].cut)
          return FALSE;
    }
  return q >= to;
}

/* Plans a multi-column page in bands from the front of @queue (consumed);
 * cut pieces continue in @next_queue, on a later page. */
static void
comp_plan_bands (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue,
                 guint first_row)
{
  const LaySpec *spec = st->spec;
  guint gap = spec->band_gap_rows;
  guint row = first_row, end, left;
  g_autoptr (GArray) bands = g_array_new (FALSE, FALSE, sizeof (CompBandPos));
  double cost;
  g_autoptr (GArray) plan = comp_beam_plan (st, pl, queue, first_row, &cost);
  guint nc = 0;
  g_autoptr (GArray) orig = NULL;

  /* continuations come first on a page; where they leave a hole there,
   * they may follow one, two or three of the page's articles instead
   * (their 上接 line tells the reader where they come from), placed
   * whole on this page */
  while (nc < queue->len && g_array_index (queue, CompPiece, nc).part > 0)
    nc++;
  orig = nc > 0 ? g_array_copy (queue) : NULL;
  for (guint k = 1; nc > 0 && k <= 3 && nc + k <= orig->len; k++)
    {
      g_autoptr (GArray) alt = g_array_sized_new (FALSE, FALSE, sizeof (CompPiece), orig->len);
      double alt_cost;
      GArray *alt_plan;

      g_array_append_vals (alt, &g_array_index (orig, CompPiece, nc), k);
      g_array_append_vals (alt, orig->data, nc);
      g_array_append_vals (alt, &g_array_index (orig, CompPiece, nc + k), orig->len - nc - k);
      alt_plan = comp_beam_plan (st, pl, alt, first_row, &alt_cost);
      /* each article read between a continuation and the page it comes
       * from weighs against it */
      alt_cost += COMP_CONT_LATER * k;
      if (alt_plan && (!plan || alt_cost < cost) && comp_plan_places (alt_plan, k, k + nc))
        {
          g_clear_pointer (&plan, g_array_unref);
          plan = alt_plan;
          cost = alt_cost;
          memcpy (queue->data, alt->data, queue->len * sizeof (CompPiece));
        }
      else if (alt_plan)
        g_array_unref (alt_plan);
    }
  if (plan)
    {
      for (guint b = 0; b < plan->len; b++)
        {
          const CompBand *bd = &g_array_index (plan, CompBand, b);
          gboolean lead = b == 0 && g_array_index (queue, CompPiece, 0).part == 0;
          CompBandPos bp;
          guint col = 0;

          bp.from = pl->modules->len;
          bp.row = row;
          bp.height = bd->height;
          for (guint i = 0; i < bd->n_mods; i++)
            {
              CompModule m = bd->mods[i];
              const CompPiece piece = g_array_index (queue, CompPiece, i);

              m.piece = piece;
              m.page_lead = lead && i == 0;
              m.col = col;
              m.row = row + bd->top[i];
              m.foot = bd->above[i] || !bd->foot ? gap : 0;
              m.rows += m.foot;
              comp_queue_rest (st, pl, next_queue, &m);
              g_array_append_val (pl->modules, m);
              if (!bd->above[i])
                col += m.cols;
            }
          bp.to = pl->modules->len;
          /* the page's last copy left the band's right columns white */
          if (col < spec->columns)
            {
              pl->ran_out = TRUE;
              pl->hole_rows = MAX (pl->hole_rows, bd->height);
            }
          g_array_append_val (bands, bp);
          g_array_remove_range (queue, 0, bd->n_mods);
          pl->hole_rows = MAX (pl->hole_rows, bd->white);
          row += bd->height + (bd->foot ? 0 : gap);
        }
    }
  if (bands->len == 0)
    return;
  end = g_array_index (bands, CompBandPos, bands->len - 1).row
        + g_array_index (bands, CompBandPos, bands->len - 1).height;
  left = end < pl->rows ? pl->rows - end : 0;
  if (left > 0 && queue->len == 0 && pl->last && next_queue->len == 0)
    {
      /* the edition's text ends on this page: its white stays at the foot,
       * the end of the edition, rather than open holes between the bands */
      pl->ran_out = TRUE;
      pl->spare = left;
      pl->hole_rows = MAX (pl->hole_rows, left);
    }
  else if (left > 0 && queue->len == 0)
    {
      /* the page's copy ran out: spread the white evenly between the
       * bands — and under the last too when it is more than a quarter of
       * the page (a thin page), not to stretch the bands apart */
      gboolean thin = left * 4 > pl->rows;
      guint ngaps = thin || bands->len == 1 ? bands->len : bands->len - 1, shift = 0;

      pl->ran_out = TRUE;
      pl->spare = left;
      for (guint b = 0; b < bands->len; b++)
        {
          const CompBandPos *bp = &g_array_index (bands, CompBandPos, b);
          guint extra = b + 1 < bands->len ? left / ngaps + (b < left % ngaps ? 1 : 0) : 0;

          for (guint i = bp->from; i < bp->to; i++)
            {
              CompModule *m = &g_array_index (pl->modules, CompModule, i);

              if (m->row + m->rows - m->foot == bp->row + bp->height)
                {
                  m->foot += extra;
                  m->rows += extra;
                }
              m->row += shift;
            }
          shift += extra;
        }
      pl->hole_rows = MAX (pl->hole_rows, left / ngaps);
    }
  else if (left > 0)
    {
      /* more copy waits but no band fits under the last: the bands grow
       * by a few lines each, the lowest first */
      g_autofree guint *grow = g_new0 (guint, bands->len);
      guint shift = 0;

      for (guint b = bands->len; b-- > 0 && left > 0;)
        {
          CompBandPos *bp = &g_array_index (bands, CompBandPos, b);
          guint gr = MIN (left, spec->stretch_rows);

          if (comp_band_grow (pl, next_queue, bp, gr))
            {
              grow[b] = gr;
              left -= gr;
            }
        }
      for (guint b = 0; b < bands->len; b++)
        {
          const CompBandPos *bp = &g_array_index (bands, CompBandPos, b);

          for (guint i = bp->from; i < bp->to; i++)
            g_array_index (pl->modules, CompModule, i).row += shift;
          shift += grow[b];
        }
      pl->hole_rows = MAX (pl->hole_rows, left);
    }
  /* the last band's modules end at the foot, without a gap */
  comp_trim_last_band (pl, &g_array_index (bands, CompBandPos, bands->len - 1));
  for (guint b = 0; b < bands->len; b++)
    comp_band_air (spec, pl, &g_array_index (bands, CompBandPos, b));
}

/* Ends the modules of the page's last band @lb at the foot. */
static void
comp_trim_last_band (CompPlan *pl, const CompBandPos *lb)
{
  for (guint i = lb->from; i < lb->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row + m->rows > pl->rows)
        {
          guint over = m->row + m->rows - pl->rows;

          m->rows -= over;
          m->foot = m->foot > over ? m->foot - over : 0;
        }
    }
}

/* Rows of @m that hold ink, as a reader's eye (or an XY-cut) sees them:
 * the head (its first and last lines counted white for their padding), the picture
 * white when it spans the text columns, then the text.  Marks @ink,
 * counted from row @row0, the band's first. */
static void
comp_module_ink (const CompModule *m, guint row0, gboolean *ink, guint height)
{
  guint need = comp_module_need (m), content = m->rows - comp_module_foot (m);
  guint t = m->row - row0, above = m->air_above;
  guint from, to;

  if (m->cut || m->vertical || m->head_cols)
    {
      from = t;
      to = t + MIN (content, m->cut ? content : need);
    }
  else
    {
      for (guint r = t + above + 1; r + 1 < t + above + m->head_rows && r < height; r++)
        ink[r] = TRUE;
      from = t + m->head_rows + m->air;
      if (!m->fig_cols && m->fig_rows > 0)
        from += m->fig_rows - 1;
      to = t + need + m->air;
    }
  for (guint r = from; r < to && r < height; r++)
    ink[r] = TRUE;
}

/* Whether the modules of band @bp, where they are placed, read slot by
 * slot (see comp_band_reads_ok). */
static gboolean
comp_band_pos_reads_ok (const CompPlan *pl, const CompBandPos *bp)
{
  guint height = bp->height + 1;
  g_autofree gboolean *white = g_new (gboolean, height);
  g_autofree gboolean *ink = g_new (gboolean, height);

  for (guint r = 0; r < height; r++)
    white[r] = TRUE;
  for (guint i = bp->from; i < bp->to; i++)
    {
      const CompModule *m = &g_array_index (pl->modules, CompModule, i);

      /* one slot: the modules stacked at its column, the first */
      if (i > bp->from && g_array_index (pl->modules, CompModule, i - 1).col == m->col)
        continue;
      memset (ink, 0, height * sizeof *ink);
      for (guint k = i; k < bp->to; k++)
        if (g_array_index (pl->modules, CompModule, k).col == m->col)
          comp_module_ink (&g_array_index (pl->modules, CompModule, k), bp->row, ink, height);
      for (guint r = 0; r < height; r++)
        white[r] = white[r] && !ink[r];
    }
  return comp_white_ok (white, height);
}

#define COMP_STAGGER_ROWS 3  /* heads side by side differ by this many lines */

/* Chooses where the air of the modules at the top of band @bp goes (all
 * above the head, half, or none) so that fewest neighbouring heads start
 * within COMP_STAGGER_ROWS lines of each other, the even split where that
 * ties.  Returns TRUE if it changed a split. */
static gboolean
comp_band_stagger (CompPlan *pl, const CompBandPos *bp)
{
  CompModule *tops[COMP_BAND_SLOTS];
  guint n = 0, combos = 1, best_combo = 0;
  guint best_clash = G_MAXUINT, best_dev = G_MAXUINT;
  gboolean changed = FALSE;

  for (guint i = bp->from; i < bp->to && n < COMP_BAND_SLOTS; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      if (m->row == bp->row)
        tops[n++] = m;
    }
  for (guint k = 0; k < n; k++)
    combos *= 3;
  for (guint c = 0; c < combos; c++)
    {
      guint clash = 0, dev = 0, code = c;
      int prev = -1;

      for (guint k = 0; k < n; k++, code /= 3)
        {
          const CompModule *m = tops[k];
          guint half = (m->air + 1) / 2;
          guint above = code % 3 == 0 ? half : code % 3 == 1 ? 0 : m->air;
          gboolean head = !m->vertical && !m->head_cols;

          dev += above > half ? above - half : half - above;
          if (head && prev >= 0 && (guint) ABS ((int) above - prev) < COMP_STAGGER_ROWS)
            clash++;
          prev = head ? (int) above : -1;
        }
      if (clash < best_clash || (clash == best_clash && dev < best_dev))
        {
          best_clash = clash;
          best_dev = dev;
          best_combo = c;
        }
    }
  for (guint k = 0, code = best_combo; k < n; k++, code /= 3)
    {
      CompModule *m = tops[k];
      guint half = (m->air + 1) / 2;
      guint above = code % 3 == 0 ? half : code % 3 == 1 ? 0 : m->air;

      changed |= above != m->air_above;
      m->air_above = above;
    }
  return changed;
}

/* Gives the shorter modules of band @bp air in their head zones: up to
 * stretch_rows of the lines under their text (anatomy: absorb lines by
 * resizing a head zone), unless the band would then read its heads
 * across before its text. */
static void
comp_band_air (const LaySpec *spec, CompPlan *pl, const CompBandPos *bp)
{
  gboolean any = FALSE;
  g_autofree CompModule *saved = g_memdup2 (&g_array_index (pl->modules, CompModule, bp->from),
                                            (bp->to - bp->from) * sizeof (CompModule));

  /* a stack whose last module has more lines than its head zone takes
   * shares them out: the modules above it grow by up to stretch_rows
   * each (their heads get the air), the ones under them move down */
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *top = &g_array_index (pl->modules, CompModule, i);
      guint last = i, over, need;
      CompModule *b;

      if (i > bp->from && g_array_index (pl->modules, CompModule, i - 1).col == top->col)
        continue;
      while (last + 1 < bp->to && g_array_index (pl->modules, CompModule, last + 1).col == top->col)
        last++;
      b = &g_array_index (pl->modules, CompModule, last);
      need = comp_module_need (b);
      if (last == i || b->cut || b->rows - comp_module_foot (b) <= need + spec->stretch_rows)
        continue;
      over = b->rows - comp_module_foot (b) - need - spec->stretch_rows;
      for (guint k = i; k < last && over > 0; k++)
        {
          CompModule *u = &g_array_index (pl->modules, CompModule, k);
          guint g = MIN (over, spec->stretch_rows);

          if (u->cut || u->vertical || u->head_cols)
            continue;
          u->rows += g;
          for (guint j = k + 1; j <= last; j++)
            g_array_index (pl->modules, CompModule, j).row += g;
          b->rows -= g;
          over -= g;
        }
    }
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);
      guint need = comp_module_need (m), content = m->rows - comp_module_foot (m);

      m->air = 0;
      if (!m->cut && !m->vertical && !m->head_cols && content > need)
        m->air = MIN (content - need, spec->stretch_rows);
      m->air_above = (m->air + 1) / 2;
      any |= m->air > 0;
    }
  if (!any)
    return;
  /* heads side by side not at one height (碰题): where that reads well,
   * the air goes above some heads and under others */
  if (comp_band_stagger (pl, bp) && comp_band_pos_reads_ok (pl, bp))
    return;
  for (guint i = bp->from; i < bp->to; i++)
    {
      CompModule *m = &g_array_index (pl->modules, CompModule, i);

      m->air_above = (m->air + 1) / 2;
    }
  if (!comp_band_pos_reads_ok (pl, bp))
    memcpy (&g_array_index (pl->modules, CompModule, bp->from), saved,
            (bp->to - bp->from) * sizeof (CompModule));
}

/* ------------------------------------------------------------ realising */

static guint comp_module_foot (const CompModule *m);

static double
comp_row_y (const LaySpec *spec, guint row)
{
  return spec->type_top + row * spec->body_pitch;
}

/* Baseline of a body line in grid row @row. */
static double
comp_baseline_y (const LaySpec *spec, guint row)
{
  return comp_row_y (spec, row) + (spec->body_pitch - spec->body_size) / 2
         + spec->body_size * COMP_ASCENT_RATIO;
}

/* Paragraph origin that puts the first line's baseline on grid row @row. */
static double
comp_par_origin_y (const LaySpec *spec, const TsParagraph *par, guint row)
{
  double first = par->lines->len ? ((const TsLine *) g_ptr_array_index (par->lines, 0))->y : 0;

  return comp_baseline_y (spec, row) - first;
}

static void
comp_elem_add_par (CompElem *e, const TsParagraph *par, guint line0, guint nlines,
                   double x, double y)
{
  for (guint i = line0; i < line0 + nlines && i < par->lines->len; i++)
    {
      const TsLine *l = g_ptr_array_index (par->lines, i);
      CompLine cl = { l, x + l->x, y + l->y };
      g_array_append_val (e->lines, cl);
    }
}

static void
comp_add_rect (CompArticle *a, double x, double y, double w, double h)
{
  CompRect r = { x, y, w, h };
  g_array_append_val (a->rects, r);
}

static void
comp_add_rule (CompPage *page, double x0, double y0, double x1, double y1, double width)
{
  CompRule r = { x0, y0, x1, y1, width, { 0, 0, 0 } };
  g_array_append_val (page->rules, r);
}

/* Draws the 破折号 (set alone in @style to measure its ink) as a rule of
 * that ink, in the two ems before @first, the 副题's first line (indented
 * by them). */
static void
comp_add_dash_rule (CompState *st, CompPage *page, const TsStyle *style, const CompLine *first)
{
  g_autoptr (TsParagraph) dash = ts_set_text (st->ts, COMP_SUBTITLE_DASH, style, G_MAXDOUBLE);
  const TsLine *dl = g_ptr_array_index (dash->lines, 0);
  double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double origin = first->x - dl->width;  /* the dash is two ems wide */

  for (guint i = 0; i < dl->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (dl->runs, i);
      cairo_text_extents_t ext;

      if (run->n_glyphs == 0)
        continue;
      cairo_scaled_font_glyph_extents (run->font, run->glyphs, run->n_glyphs, &ext);
      x0 = MIN (x0, ext.x_bearing);
      x1 = MAX (x1, ext.x_bearing + ext.width);
      y0 = MIN (y0, ext.y_bearing);
      y1 = MAX (y1, ext.y_bearing + ext.height);
    }
  if (x1 <= x0 || y1 <= y0)
    return;
  comp_add_rule (page, origin + x0, first->y + (y0 + y1) / 2, origin + x1, first->y + (y0 + y1) / 2,
                 y1 - y0);
}

static char *
comp_dest_name (const EdArticle *art, guint part, const char *what)
{
  return g_strdup_printf ("%s-%s%u", art->id, what, part);
}

/* Places the headline group in the zone [y, y + zone) of the module. */
static void
comp_realise_head (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                   double x, double width, double y, double zone)
{
  CompHead h;
  CompElem *e = comp_elem_new (COMP_ELEM_HEADING);
  double inset = st->spec->body_size;
  double cy;

  comp_head_set (st, &m->piece, width, m->head_size, m->page_lead, &h);
  /* the head sits on its text, or, in a head zone grown by m->air, with
   * m->air_above of it above the head and the rest under it */
  cy = y + zone - h.extent - st->spec->body_pitch * (m->air - m->air_above)
       + st->spec->body_pitch * (m->piece.part > 0 ? 0.25 : 0.5);
  if (h.kicker)
    {
      comp_elem_add_par (e, h.kicker, 0, h.kicker->lines->len, x + inset, cy);
      cy += h.kicker->extent;
      comp_keep (st, g_steal_pointer (&h.kicker));
    }
  comp_elem_add_par (e, h.title, 0, h.title->lines->len, x + inset, cy);
  cy += h.title->extent + st->spec->body_pitch * 0.25;
  comp_keep (st, g_steal_pointer (&h.title));
  if (h.subtitle)
    {
      comp_elem_add_par (e, h.subtitle, 0, h.subtitle->lines->len, x + inset, cy);
      if (h.dash.size > 0)
        comp_add_dash_rule (st, page, &h.dash, &g_array_index (e->lines, CompLine, e->lines->len
                                                                - h.subtitle->lines->len));
      comp_keep (st, g_steal_pointer (&h.subtitle));
    }
  e->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "p");
  e->dest_x = x;
  e->dest_y = y;
  g_ptr_array_add (a->elems, e);
  comp_add_rect (a, x, y, width, zone);
}

/* Places the figures at the top of the body area; returns rows used. */
static guint
comp_realise_figures (CompState *st, CompArticle *a, const CompModule *m, double x,
                      double width, guint row)
{
  const LaySpec *spec = st->spec;
  guint used = 0;

  if (m->piece.part > 0)
    return 0;
  for (guint i = 0; i < m->piece.prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (m->piece.prep->figures, i);
      CompElem *e = comp_elem_new (COMP_ELEM_FIGURE);
      TsParagraph *cap = NULL;
      guint pic;
      double w;
      guint rows = comp_figure_rows (st, f, width, comp_figure_room (spec, &m->piece, m->head_rows),
                                     &pic, &w, &cap);
      double y = comp_row_y (spec, row + used);

      if (f->path)
        {
          /* a picture narrower than the block (cut to the page) is centred */
          e->image = g_strdup (f->path);
          e->image_rect = (CompRect) { x + (width - w) / 2, y, w,
                                       pic * spec->body_pitch - spec->body_pitch * 0.3 };
        }
      else if (pic > 0)
        {
          e->boxed = TRUE;
          e->box = (CompRect) { x, y, w, pic * spec->body_pitch - spec->body_pitch * 0.3 };
        }
      comp_elem_add_par (e, cap, 0, cap->lines->len, x,
                         comp_par_origin_y (spec, cap, row + used + pic));
      comp_keep (st, cap);
      g_ptr_array_add (a->elems, e);
      comp_add_rect (a, x, y, w, (rows - 1) * spec->body_pitch);
      used += rows;
    }
  return used;
}

/* Element of @elem number in @a, created on first use. */
static CompElem *
comp_body_elem (GPtrArray *map, CompArticle *a, guint elem, CompElemKind kind)
{
  CompElem *e;

  if (elem < map->len && g_ptr_array_index (map, elem))
    return g_ptr_array_index (map, elem);
  if (elem >= map->len)
    g_ptr_array_set_size (map, elem + 1);
  e = comp_elem_new (kind);
  g_ptr_array_index (map, elem) = e;
  g_ptr_array_add (a->elems, e);
  return e;
}

/* Places the body units in the module's text columns. */
static void
comp_realise_body (CompState *st, CompPage *page, CompArticle *a, const CompModule *m,
                   guint row0)
{
  const LaySpec *spec = st->spec;
  const GArray *units = m->piece.prep->units;
  guint extra = comp_piece_extra_rows (&m->piece);
  guint n = m->unit_end - m->piece.unit0;
  g_autofree guint *slots = g_new0 (guint, 2 * (n + 1));
  g_autoptr (GPtrArray) map = g_ptr_array_new ();
  double colw = lay_spec_column_width (spec);
  guint start_row = row0;
  guint lcols, ltop;

  comp_module_l (m, &lcols, &ltop);

  if (extra)
    {
      g_autofree char *text = g_strdup_printf ("（上接第%u版）", m->piece.from_page);
      TsStyle js = comp_style (TS_ROLE_CAPTION, spec->body_size, 1.0, TS_ALIGN_START);
      CompElem *e = comp_elem_new (COMP_ELEM_PARAGRAPH);
      const TsParagraph *par;

      js.pitch = spec->body_pitch;
      par = comp_keep (st, ts_set_text (st->ts, text, &js, colw));
      comp_elem_add_par (e, par, 0, MIN (1u, par->lines->len), lay_spec_column_x (spec, m->col),
                         comp_par_origin_y (spec, par, row0 + ltop));
      e->link_dest = comp_dest_name (m->piece.prep->art, m->piece.part - 1, "j");
      g_ptr_array_add (a->elems, e);
    }
  /* flow again with the module's real height to get each unit's slot */
  comp_flow (units, m->piece.unit0, m->text_cols, m->body_rows, m->cut ? 1 : 0, extra,
             lcols, ltop, slots);
  for (guint i = 0; i < n; i++)
    {
      const CompUnit *u = &g_array_index (units, CompUnit, m->piece.unit0 + i);
      CompElem *e = comp_body_elem (map, a, u->elem, u->kind);
      guint col = slots[2 * i], row = start_row + slots[2 * i + 1];
      double x = lay_spec_column_x (spec, comp_text_col0 (m) + col);
      const TsLine *first = g_ptr_array_index (u->par->lines, u->line0);
      double y;

      if (u->nlines == 1 && u->rows == 1)
        y = comp_baseline_y (spec, row) - first->y;
      else if (u->kind == COMP_ELEM_PARAGRAPH && !u->boxed)
        y = comp_par_origin_y (spec, u->par, row);
      else
        y = comp_row_y (spec, row) + (u->rows * spec->body_pitch - u->par->extent) / 2;
      /* a boxed unit is set 2 em narrower than the column, centred in it */
      comp_elem_add_par (e, u->par, u->line0, u->nlines, u->boxed ? x + spec->body_size : x, y);
      if (u->boxed)
        {
          e->boxed = TRUE;
          e->box = (CompRect) { x + spec->body_size / 2, comp_row_y (spec, row) + 2,
                                colw - spec->body_size, u->rows * spec->body_pitch - 4 };
        }
    }
  for (guint c = 0; c < m->text_cols; c++)
    {
      guint top = c < lcols ? ltop : 0;
      comp_add_rect (a, lay_spec_column_x (spec, comp_text_col0 (m) + c),
                     comp_row_y (spec, row0 + top), colw, (m->body_rows - top) * spec->body_pitch);
    }
  /* column rules between the module's text columns */
  if (spec->column_rules)
    for (guint c = 1; c < m->cols; c++)
      {
        double gx = lay_spec_column_x (spec, m->col + c) - lay_spec_gutter (spec) / 2;
        guint top = c < lcols ? ltop : 0;
        comp_add_rule (page, gx, comp_row_y (spec, row0 + top) + 2, gx,
                       comp_row_y (spec, row0 + m->body_rows) - 2, spec->rule_width);
      }
  if (m->cut)
    {
      double x = lay_spec_column_x (spec, comp_text_col0 (m) + m->text_cols - 1);
      CompJump j = { 0 };

      j.elem = comp_elem_new (COMP_ELEM_PARAGRAPH);
      j.box = (CompRect) { x, comp_row_y (spec, row0 + m->body_rows - 1), colw,
                           spec->body_pitch };
      j.piece_id = m->piece.id;
      j.article = a;
      j.elem->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "j");
      j.elem->dest_x = x;
      j.elem->dest_y = j.box.y;
      j.elem->link_dest = comp_dest_name (m->piece.prep->art, m->piece.part + 1, "p");
      g_ptr_array_add (a->elems, j.elem);
      g_array_append_val (st->jumps, j);
    }
}

/* The vertical headline in the module's first column, from the top. */
static void
comp_realise_vertical_head (CompState *st, CompArticle *a, const CompModule *m, guint row0)
{
  const LaySpec *spec = st->spec;
  TsStyle vs = comp_vertical_style (m->head_size);
  double colw = lay_spec_column_width (spec);
  double x = lay_spec_column_x (spec, m->col);
  double y = comp_row_y (spec, row0);
  double height = (m->rows - comp_module_foot (m) - (row0 - m->row)) * spec->body_pitch;
  double len = ts_measure_text (st->ts, m->piece.prep->art->title, &vs);
  double measure = len + 1;  /* one vertical line: read top to bottom */
  const TsParagraph *par;
  CompElem *e = comp_elem_new (COMP_ELEM_HEADING);

  par = comp_keep (st, ts_set_text (st->ts, m->piece.prep->art->title, &vs,
                                    MIN (measure, height - spec->body_pitch)));
  comp_elem_add_par (e, par, 0, par->lines->len, x + (colw - par->extent) / 2,
                     y + spec->body_pitch);
  e->dest = comp_dest_name (m->piece.prep->art, m->piece.part, "p");
  e->dest_x = x;
  e->dest_y = y;
  g_ptr_array_add (a->elems, e);
  comp_add_rect (a, x, y, colw, height);
}

/* White rows at the module's foot: the band gap, or the separator line. */
static guint
comp_module_foot (const CompModule *m)
{
  return m->foot ? m->foot : (m->sep ? 1 : 0);
}

static void
comp_realise_module (CompState *st, CompPage *page, const CompModule *m)
{
  const LaySpec *spec = st->spec;
  CompArticle *a = g_new0 (CompArticle, 1);
  double x = lay_spec_column_x (spec, m->col);
  double width = lay_spec_span_width (spec, m->cols);
  guint foot = comp_module_foot (m);
  /* lines a band gives a shorter module go to its head zone (m->air, up
   * to stretch_rows); the rest stay white under its text, joining the
   * band's gap */
  guint head_rows = m->head_rows;
  guint row;

  head_rows += m->air;

  a->article = m->piece.prep->art;
  a->part = m->piece.part;
  a->from_page = m->piece.from_page;
  a->col = m->col;
  a->cols = m->cols;
  a->row = m->row;
  a->rows = m->rows;
  a->rect = (CompRect) { x, comp_row_y (spec, m->row), width, m->rows * spec->body_pitch };
  a->rects = g_array_new (FALSE, FALSE, sizeof (CompRect));
  a->elems = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_elem_free);
  g_array_append_val (a->rects, a->rect);
  if (m->vertical)
    {
      /* vertical head first in reading order; extra lines go under the body */
      row = m->row;
      comp_realise_vertical_head (st, a, m, row);
    }
  else if (m->head_cols)
    {
      /* 串文题: head and figures over the first columns */
      comp_realise_head (st, page, a, m, x, lay_spec_span_width (spec, m->head_cols),
                         comp_row_y (spec, m->row), m->head_rows * spec->body_pitch);
      comp_realise_figures (st, a, m, x, lay_spec_span_width (spec, m->head_cols),
                            m->row + m->head_rows);
      row = m->row;
    }
  else
    {
      comp_realise_head (st, page, a, m, x, width, comp_row_y (spec, m->row),
                         head_rows * spec->body_pitch);
      row = m->row + head_rows;
    }
  if (m->fig_cols)
    comp_realise_figures (st, a, m, lay_spec_column_x (spec, comp_text_col0 (m)),
                          lay_spec_span_width (spec, m->fig_cols), row);
  else if (!m->head_cols)
    row += comp_realise_figures (st, a, m, lay_spec_column_x (spec, comp_text_col0 (m)),
                                 lay_spec_span_width (spec, m->text_cols), row);
  comp_realise_body (st, page, a, m, row);
  /* separators: a rule under the module, a rule in the gutter to its right */
  if (m->row + m->rows < lay_spec_rows (spec))
    {
      double y = comp_row_y (spec, m->row + m->rows - foot)
                 + spec->body_pitch * MIN (MAX (foot, 1u), spec->band_gap_rows) / 2.0;
      comp_add_rule (page, x, y, x + width, y, spec->rule_width * 1.5);
    }
  if (m->col + m->cols < spec->columns)
    {
      double gx = x + width + lay_spec_gutter (spec) / 2;
      double y1 = comp_row_y (spec, m->row + m->rows);
      if (m->row + m->rows < lay_spec_rows (spec))
        y1 = comp_row_y (spec, m->row + m->rows - foot)
             + spec->body_pitch * MIN (MAX (foot, 1u), spec->band_gap_rows) / 2.0;
      comp_add_rule (page, gx, comp_row_y (spec, m->row) + (m->row > 0 ? 0 : 2), gx, y1,
                     spec->rule_width);
    }
  g_ptr_array_add (page->articles, a);
}

/* Puts modules [from, to) of @mods in reading order by recursive cuts:
 * a horizontal cut no module crosses (topmost first), else a vertical
 * one (leftmost first), as a reader (or an XY-cut text extractor) takes
 * the page: each side is read whole before the other. */
static void
comp_order_modules (CompModule *mods, guint from, guint to)
{
  guint n = to - from;

  if (n < 2)
    return;
  for (int axis = 0; axis < 2; axis++)
    {
      guint best = G_MAXUINT;

      /* candidate cut positions: module starts */
      for (guint i = from; i < to; i++)
        {
          guint cut = axis == 0 ? mods[i].row : mods[i].col;
          gboolean ok = TRUE, before = FALSE, after = FALSE;

          for (guint j = from; j < to && ok; j++)
            {
              guint lo = axis == 0 ? mods[j].row : mods[j].col;
              guint hi = lo + (axis == 0 ? mods[j].rows : mods[j].cols);

              if (hi <= cut)
                before = TRUE;
              else if (lo >= cut)
                after = TRUE;
              else
                ok = FALSE;
            }
          if (ok && before && after && cut < best)
            best = cut;
        }
      if (best != G_MAXUINT)
        {
          g_autofree CompModule *tmp = g_new (CompModule, n);
          guint k = 0, mid;

          for (guint i = from; i < to; i++)
            if ((axis == 0 ? mods[i].row + mods[i].rows : mods[i].col + mods[i].cols) <= best)
              tmp[k++] = mods[i];
          mid = from + k;
          for (guint i = from; i < to; i++)
            if (!((axis == 0 ? mods[i].row + mods[i].rows : mods[i].col + mods[i].cols) <= best))
              tmp[k++] = mods[i];
          memcpy (mods + from, tmp, n * sizeof *tmp);
          comp_order_modules (mods, from, mid);
          comp_order_modules (mods, mid, to);
          return;
        }
    }
}

/* ------------------------------------------------------------ furniture */

/* "2025年2月18日" */
static char *
comp_day_text (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup (ed->date);
  return eb_date_text (&ed->gdate);
}

static char *
comp_date_text (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup (ed->date);
  g_autofree char *day = eb_date_text (&ed->gdate);

  return g_strdup_printf ("%s　%s", day, eb_weekday_name (&ed->gdate));
}

/* A one-line furniture element: @text in @role at @size, aligned in the
 * box (x, width) with its baseline at @baseline. */
static CompElem *
comp_furniture_line (CompState *st, CompPage *page, const char *text, TsRole role,
                     double size, TsAlign align, double x, double width, double baseline)
{
  TsStyle s = comp_style (role, size, 1.2, align);
  const TsParagraph *par = comp_keep (st, ts_set_text (st->ts, text, &s, width));
  CompElem *e = comp_elem_new (COMP_ELEM_PARAGRAPH);

  if (par->lines->len > 0)
    {
      const TsLine *l = g_ptr_array_index (par->lines, 0);
      CompLine cl = { l, x + l->x, baseline };
      g_array_append_val (e->lines, cl);
    }
  g_ptr_array_add (page->furniture, e);
  return e;
}

/* 版眉: 第N版, section, date and paper over the 眉线.  版次 sits on the
 * outer edge (left on even pages, right on odd ones), date and paper on
 * the inner one, the section centred — or, on a page too narrow for that
 * (e-reader), beside the 版次, and without the paper's name if even that
 * does not fit. */
static void
comp_running_head (CompState *st, CompPage *page)
{
  const LaySpec *spec = st->spec;
  const EdEdition *ed = st->ce->ed;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double rule_y = spec->type_top - spec->running_head_gap;
  double base = rule_y - spec->folio_size * 0.5;
  double gap = spec->folio_size * 2;
  g_autofree char *folio = g_strdup_printf ("第%u版", page->number);
  g_autofree char *date = comp_date_text (ed);
  g_autofree char *right = g_strdup_printf ("%s　%s", date, ed->paper);
  gboolean even = page->number % 2 == 0;
  TsStyle fs = comp_style (TS_ROLE_HEADING, spec->folio_size * 1.6, 1.2, TS_ALIGN_START);
  TsStyle ss = comp_style (TS_ROLE_HEADING, spec->folio_size * 1.3, 1.2, TS_ALIGN_START);
  TsStyle rs = comp_style (TS_ROLE_FOLIO, spec->folio_size, 1.2, TS_ALIGN_START);
  double fw = ts_measure_text (st->ts, folio, &fs);
  double sw = ts_measure_text (st->ts, page->section, &ss);
  double rw = ts_measure_text (st->ts, right, &rs);
  double sx = x + (w - sw) / 2;

  if ((w - sw) / 2 < MAX (fw, rw) + gap)
    {
      sx = even ? x + fw + gap : x + w - fw - gap - sw;
      if (fw + sw + rw + 2 * gap > w)
        {
          g_free (right);
          right = g_strdup (date);
        }
    }
  comp_furniture_line (st, page, folio, TS_ROLE_HEADING, spec->folio_size * 1.6,
                       even ? TS_ALIGN_START : TS_ALIGN_END, x, w, base);
  comp_furniture_line (st, page, page->section, TS_ROLE_HEADING, spec->folio_size * 1.3,
                       TS_ALIGN_START, sx, sw + 1, base);
  comp_furniture_line (st, page, right, TS_ROLE_FOLIO, spec->folio_size,
                       even ? TS_ALIGN_END : TS_ALIGN_START, x, w, base);
  comp_add_rule (page, x, rule_y, x + w, rule_y, spec->rule_width * 2.5);
}

/* 报头: the paper's name large in the masthead colour, edition data beside
 * it, 导读 (contents of the other pages) in the 报眼. */
static void
comp_masthead (CompState *st, CompPage *page, guint n_pages)
{
  const LaySpec *spec = st->spec;
  const EdEdition *ed = st->ce->ed;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double top = spec->type_top, band = spec->masthead_rows * spec->body_pitch;
  double name_w = lay_spec_span_width (spec, spec->masthead_columns);
  TsStyle ns = comp_style (TS_ROLE_MASTHEAD, spec->masthead_size, 1.2, TS_ALIGN_CENTER);
  double size = spec->masthead_size;
  double natural = ts_measure_text (st->ts, ed->paper, &ns);
  g_autofree char *date = comp_date_text (ed);
  g_autofree char *issue = ed->issue ? g_strdup_printf ("第%s期", ed->issue) : g_strdup ("");
  g_autofree char *pages = g_strdup_printf ("今日%u版", n_pages);
  gboolean side = spec->columns >= spec->masthead_columns + 2;
  double fs = spec->folio_size;
  double name_base;
  CompElem *e;

  if (natural > name_w * 0.92)
    size *= name_w * 0.92 / natural;
  name_base = top + (side ? band * 0.55 : size * 1.05);
  e = comp_furniture_line (st, page, ed->paper, TS_ROLE_MASTHEAD, size, TS_ALIGN_CENTER,
                           x, name_w, name_base);
  memcpy (e->rgb, spec->masthead_color, sizeof e->rgb);
  if (side)
    {
      double dx = lay_spec_column_x (spec, spec->masthead_columns);
      double dw = lay_spec_span_width (spec, spec->columns >= spec->masthead_columns + 4 ? 2 : 1);
      double y = top + fs * 2;
      g_autofree char *day = comp_day_text (ed);
      const char *lines[] = { day, eb_weekday_name (&ed->gdate), issue, pages };

      if (ed->publisher)
        comp_furniture_line (st, page, ed->publisher, TS_ROLE_FOLIO, fs, TS_ALIGN_CENTER,
                             x, name_w, top + band - spec->body_pitch * 1.3);
      for (guint i = 0; i < G_N_ELEMENTS (lines); i++, y += fs * 2)
        comp_furniture_line (st, page, lines[i], i == 0 ? TS_ROLE_HEADING : TS_ROLE_FOLIO,
                             fs * (i == 0 ? 1.15 : 1.0), TS_ALIGN_START, dx + fs, dw - fs, y);
      comp_add_rule (page, dx - lay_spec_gutter (spec) / 2, top + 2,
                     dx - lay_spec_gutter (spec) / 2, top + band - spec->body_pitch, spec->rule_width);
      /* 报眼: 导读 */
      if (dx + dw + lay_spec_gutter (spec) < x + w)
        {
          double ex = dx + dw + lay_spec_gutter (spec);
          double ew = x + w - ex;
          double ey = top + fs * 2;

          comp_add_rule (page, ex - lay_spec_gutter (spec) / 2, top + 2,
                         ex - lay_spec_gutter (spec) / 2, top + band - spec->body_pitch,
                         spec->rule_width);
          gboolean others = FALSE;

          for (guint i = 1; i < st->ce->pages->len; i++)
            {
              const CompPage *p = g_ptr_array_index (st->ce->pages, i);
              for (guint j = 0; j < p->articles->len; j++)
                others |= ((const CompArticle *) g_ptr_array_index (p->articles, j))->part == 0;
            }
          comp_furniture_line (st, page, "导读", TS_ROLE_HEADING, fs * 1.3, TS_ALIGN_START,
                               ex + fs, ew - fs, ey);
          ey += fs * 2;
          for (guint i = 0; i < st->ce->pages->len && ey < top + band - spec->body_pitch * 1.5; i++)
            {
              const CompPage *p = g_ptr_array_index (st->ce->pages, i);
              for (guint j = 0; j < p->articles->len && ey < top + band - spec->body_pitch * 1.5; j++)
                {
                  const CompArticle *a = g_ptr_array_index (p->articles, j);
                  g_autofree char *t = NULL;

                  /* the other pages' articles; an edition whose other
                   * pages only carry continuations lists page 1's own
                   * below the lead */
                  if (a->part > 0 || (p->number == 1 && (others || j == 0)))
                    continue;
                  t = g_strdup_printf ("%s　%u版", a->article->title, p->number);
                  comp_furniture_line (st, page, t, TS_ROLE_FOLIO, fs, TS_ALIGN_START,
                                       ex + fs, ew - fs, ey);
                  ey += fs * 1.7;
                }
            }
        }
    }
  else
    {
      g_autofree char *data = g_strdup_printf ("%s　%s", date, issue);
      comp_furniture_line (st, page, data, TS_ROLE_FOLIO, fs, TS_ALIGN_CENTER, x, w,
                           top + band - spec->body_pitch * 0.9);
    }
  /* 文武线 under the masthead band */
  {
    double y = top + band - spec->body_pitch * 0.45;
    comp_add_rule (page, x, y - 1.6, x + w, y - 1.6, spec->rule_width * 4);
    comp_add_rule (page, x, y + 0.6, x + w, y + 0.6, spec->rule_width);
  }
}

/* Fills in every jump line now that all pages are known. */
static void
comp_finish_jumps (CompState *st)
{
  const LaySpec *spec = st->spec;

  for (guint i = 0; i < st->jumps->len; i++)
    {
      CompJump *j = &g_array_index (st->jumps, CompJump, i);
      gpointer next = g_hash_table_lookup (st->continuation, GUINT_TO_POINTER (j->piece_id));
      guint page = GPOINTER_TO_UINT (g_hash_table_lookup (st->piece_page, next));
      g_autofree char *text = g_strdup_printf ("（下转第%u版）", page);

      j->article->to_page = page;
      TsStyle js = comp_style (TS_ROLE_CAPTION, spec->body_size, 1.0, TS_ALIGN_END);
      const TsParagraph *par;

      js.pitch = spec->body_pitch;
      par = comp_keep (st, ts_set_text (st->ts, text, &js, j->box.width));
      if (par->lines->len > 0)
        {
          const TsLine *l = g_ptr_array_index (par->lines, 0);
          CompLine cl = { l, j->box.x + l->x,
                          j->box.y + (spec->body_pitch - spec->body_size) / 2
                          + spec->body_size * COMP_ASCENT_RATIO };
          g_array_append_val (j->elem->lines, cl);
        }
    }
}

/* ---------------------------------------------------------------- main */

static CompPage *
comp_page_new (const LaySpec *spec, guint number, const char *section)
{
  CompPage *p = g_new0 (CompPage, 1);

  p->number = number;
  p->section = g_strdup (section);
  p->label = g_strdup_printf ("第%u版", number);
  p->width = spec->page_width;
  p->height = spec->page_height;
  p->furniture = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_elem_free);
  p->rules = g_array_new (FALSE, FALSE, sizeof (CompRule));
  p->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_article_free);
  return p;
}

/* Whether a page's articles that do not fit move whole to the next print
 * page (one-column screens always; others as the layout says) rather than
 * earlier ones being cut so that all start on their edition page. */
static gboolean
comp_carry_over (const LaySpec *spec)
{
  return spec->columns == 1 || !spec->keep_edition_pages;
}

/* Part-0 pieces (articles not yet started) in @q. */
static guint
comp_queue_unstarted (const GArray *q)
{
  guint n = 0;

  for (guint i = 0; i < q->len; i++)
    n += g_array_index (q, CompPiece, i).part == 0;
  return n;
}

/* Plans page @number with a few preferred module heights on copies of the
 * queue and keeps the one that starts the most of the page's articles,
 * then has the fewest cuts, then the smallest hole, then the most modules
 * (the first on ties: deterministic).  When the page's articles cannot all
 * start at full height, module heights are capped (2/3, 1/2, 1/3, 1/4 of a
 * column) so that the earlier ones are cut sooner and the later ones start
 * below them. */
static void
comp_best_target (CompState *st, const GArray *queue, guint number, gboolean last,
                  guint *top, double *target, guint *cap, guint *min_slots)
{
  static const double targets[] = { 0.42, 0.3, 0.6, 0.85 };
  const LaySpec *spec = st->spec;
  guint rows = lay_spec_rows (spec);
  const guint caps[] = { G_MAXUINT, rows * 2 / 3, rows / 2, rows / 3, rows / 4 };
  double best_score = G_MAXDOUBLE;
  guint saved_id = st->next_piece_id;
  gboolean all_started = FALSE;
  guint max_slots = comp_carry_over (spec) ? 1 : MIN (spec->columns, 4u);

  *target = targets[0];
  *cap = G_MAXUINT;
  *min_slots = 1;
  for (guint c = 0; c < G_N_ELEMENTS (caps) && !all_started; c++)
    {
      /* one-column pages read in strict order: never capped */
      if (caps[c] < spec->min_module_rows || (c > 0 && comp_carry_over (spec)))
        break;
      /* bands of at least @ms modules side by side start more articles */
      for (guint ms = 1; ms <= max_slots && !all_started; ms++)
        for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
          {
            g_autoptr (GArray) q = g_array_copy ((GArray *) queue);
            g_autoptr (GArray) n = g_array_new (FALSE, FALSE, sizeof (CompPiece));
            CompPlan pl = { top, g_array_new (FALSE, FALSE, sizeof (CompModule)),
                            rows, number, 0, FALSE, targets[k], caps[c], last, FALSE,
                            FALSE, 0, ms };
            double score;
            guint cuts = 0, unstarted;

            comp_plan_page (st, &pl, q, n, number == 1 ? spec->masthead_rows : 0);
            st->next_piece_id = saved_id;
            for (guint i = 0; i < pl.modules->len; i++)
              cuts += g_array_index (pl.modules, CompModule, i).cut;
            unstarted = comp_queue_unstarted (q);
            all_started |= unstarted == 0;
            /* where articles may move to the next page, a cut (which
             * sends the reader elsewhere) weighs more than a move */
            if (comp_carry_over (spec) && spec->columns > 1)
              score = (pl.modules->len == 0 ? 1e9 : 0) + 20.0 * unstarted + 300.0 * cuts
                      + 2.0 * pl.hole_rows - 3.0 * pl.modules->len;
            else
              score = (pl.modules->len == 0 ? 1e9 : 0) + 10000.0 * unstarted + 100.0 * cuts
                      + 2.0 * pl.hole_rows - 3.0 * pl.modules->len;
            if (score < best_score)
              {
                best_score = score;
                *target = targets[k];
                *cap = caps[c];
                *min_slots = ms;
              }
            g_array_unref (pl.modules);
          }
    }
}

/* Label of the pages added after the edition's last page for the
 * continuations that found no room on it. */
#define COMP_CONTINUATION_SECTION "续版"

/* Print pages follow the edition's pages: page N carries the section of
 * edition page N and its articles start there, never earlier (a later
 * page's articles never move up to fill a page).  Continuations go to the
 * next page with room: after that page's own articles on multi-column
 * pages, first on one-column pages (which read in strict order).  If a
 * page's articles cannot all start on it (a one-column e-reader page), the
 * rest start on the next print page, which keeps the section; pages made
 * after the edition's last page for continuations are 续版. */
/* Body lines of page @number's 版心 left for its copy (page 1 less the
 * masthead). */
static guint
comp_page_own_rows (const LaySpec *spec, guint number)
{
  guint rows = lay_spec_rows (spec);

  return rows - (number == 1 ? MIN (spec->masthead_rows, rows) : 0);
}

guint
comp_article_ink_end (const LaySpec *spec, const CompArticle *a)
{
  double ink = a->rect.y;

  for (guint k = 0; k < a->elems->len; k++)
    {
      const CompElem *e = g_ptr_array_index (a->elems, k);

      for (guint l = 0; l < e->lines->len; l++)
        ink = MAX (ink, g_array_index (e->lines, CompLine, l).y);
      if (e->image)
        ink = MAX (ink, e->image_rect.y + e->image_rect.height - 1);
    }
  return (guint) floor ((ink - spec->type_top) / spec->body_pitch) + 1;
}

guint
comp_page_hole (const CompEdition *ce, const CompPage *p, const CompArticle **where)
{
  const LaySpec *spec = ce->spec;
  guint rows = lay_spec_rows (spec), worst = 0;

  g_autofree guint *ends = g_new (guint, p->articles->len + 1);

  if (where)
    *where = NULL;
  for (guint j = 0; j < p->articles->len; j++)
    ends[j] = comp_article_ink_end (spec, g_ptr_array_index (p->articles, j));
  for (guint j = 0; j < p->articles->len; j++)
    {
      const CompArticle *a = g_ptr_array_index (p->articles, j);
      guint end = ends[j], deepest = end, white;

      for (guint k = 0; k < p->articles->len; k++)
        {
          const CompArticle *b = g_ptr_array_index (p->articles, k);

          if (b->row + b->rows == a->row + a->rows)
            deepest = MAX (deepest, ends[k]);
        }
      white = deepest - end;
      /* (a one-column screen page ends where its next head or paragraph
       * does not fit, as a book's page does) */
      if (!p->edition_end && !p->open_end && spec->columns > 1)
        {
          guint foot = a->row + a->rows;

          if (foot < rows)
            foot = foot > spec->band_gap_rows ? foot - spec->band_gap_rows : 0;
          white = MAX (white, foot > end ? foot - end : 0);
        }
      if (white > worst)
        {
          worst = white;
          if (where)
            *where = a;
        }
    }
  return worst;
}

guint
comp_page_white_percent (const CompEdition *ce, const CompPage *p)
{
  guint own = comp_page_own_rows (ce->spec, p->number);

  return own ? MIN (100u, p->spare_rows * 100 / own) : 0;
}

static gboolean
comp_compose_pages (CompState *st, GError **error)
{
  const EdEdition *ed = st->ce->ed;
  const LaySpec *spec = st->spec;
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree guint *top = g_new0 (guint, spec->columns);
  guint number = 1, epage = 0;  /* edition pages taken so far */
  gboolean fresh;               /* this page starts an edition page */

  for (guint i = 0; i < ed->pages->len; i++)
    g_ptr_array_add (own, g_array_new (FALSE, FALSE, sizeof (CompPiece)));
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      CompPrep *p = comp_prep_article (st, art, error);
      CompPiece piece = { 0 };
      guint ep = CLAMP (art->page, 1u, MAX (ed->pages->len, 1u)) - 1;

      if (!p)
        return FALSE;
      g_ptr_array_add (st->preps, p);
      piece.prep = p;
      piece.id = st->next_piece_id++;
      if (ep < own->len)
        g_array_append_val (g_ptr_array_index (own, ep), piece);
      else
        g_array_append_val (queue, piece);
    }
  while (queue->len > 0 || next->len > 0 || epage < own->len)
    {
      CompPlan pl = { top, g_array_new (FALSE, FALSE, sizeof (CompModule)),
                      lay_spec_rows (spec), number, 0, FALSE, 0.42, G_MAXUINT, FALSE,
                      FALSE, FALSE, 0, 1 };
      g_autoptr (GArray) conts = g_array_new (FALSE, FALSE, sizeof (CompPiece));
      g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (CompPiece));
      const char *section;
      const EdArticle *head;
      CompPage *page;

      /* the next edition page once the current one's articles have all
       * started */
      fresh = FALSE;
      if (comp_queue_unstarted (queue) == 0 && epage < own->len)
        {
          GArray *a = g_ptr_array_index (own, epage);
          g_array_append_vals (queue, a->data, a->len);
          epage++;
          fresh = TRUE;
        }
      /* this page's articles first, then continuations (oldest first) */
      g_array_append_vals (queue, next->data, next->len);
      g_array_set_size (next, 0);
      for (guint i = 0; i < queue->len; i++)
        {
          CompPiece *pc = &g_array_index (queue, CompPiece, i);
          g_array_append_val (pc->part == 0 ? starts : conts, *pc);
        }
      g_array_set_size (queue, 0);
      /* a page that goes on with an edition page's articles takes the
       * continuations first: the article cut at the foot of the page
       * before goes on at the top of this one */
      if (spec->columns == 1 || (comp_carry_over (spec) && !fresh))
        {
          g_array_append_vals (queue, conts->data, conts->len);
          g_array_append_vals (queue, starts->data, starts->len);
        }
      else
        {
          g_array_append_vals (queue, starts->data, starts->len);
          g_array_append_vals (queue, conts->data, conts->len);
        }
      if (queue->len == 0)
        {
          /* an edition page without articles */
          g_array_unref (pl.modules);
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s/edition.yaml: page %u has no articles",
                       ed->dir ? ed->dir : ".", epage);
          return FALSE;
        }
      /* edition page N is print page N; one-column screens keep the
       * section of the edition page being read */
      if (epage >= 1 && (epage < own->len || comp_queue_unstarted (queue) > 0
                         || number <= ed->pages->len || comp_carry_over (spec)))
        section = ((const EdPage *) g_ptr_array_index (ed->pages, epage - 1))->section;
      else
        section = COMP_CONTINUATION_SECTION;
      head = g_array_index (queue, CompPiece, 0).prep->art;
      page = comp_page_new (spec, number, section);
      pl.last = epage == own->len;
      comp_best_target (st, queue, number, pl.last, top, &pl.target, &pl.cap, &pl.min_slots);
      comp_plan_page (st, &pl, queue, next, number == 1 ? spec->masthead_rows : 0);
      for (guint i = 0; i < pl.modules->len; i++)
        {
          const CompModule *m = &g_array_index (pl.modules, CompModule, i);

          g_hash_table_insert (st->piece_page, GUINT_TO_POINTER (m->piece.id),
                               GUINT_TO_POINTER (number));
          if (m->cut)
            g_hash_table_insert (st->continuation, GUINT_TO_POINTER (m->piece.id),
                                 GUINT_TO_POINTER (m->rest_id));
        }
      if (pl.modules->len == 0)
        {
          g_array_unref (pl.modules);
          comp_page_free (page);
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                       "%s: cannot fit on a page of layout '%s'",
                       head->src_path, spec->name);
          return FALSE;
        }
      /* bands are planned in reading order */
      if (spec->columns == 1)
        comp_order_modules ((CompModule *) (void *) pl.modules->data, 0, pl.modules->len);
      for (guint i = 0; i < pl.modules->len; i++)
        comp_realise_module (st, page, &g_array_index (pl.modules, CompModule, i));
      page->hole_rows = pl.hole_rows;
      page->open_end = pl.ran_out;
      page->spare_rows = pl.spare;
      page->thin = pl.spare * 4 > comp_page_own_rows (spec, number);
      /* no article starts after this page: holes are the edition's end */
      page->edition_end = epage == own->len && comp_queue_unstarted (queue) == 0;
      g_array_unref (pl.modules);
      g_ptr_array_add (st->ce->pages, page);
      number++;
    }
  return TRUE;
}

CompEdition *
comp_edition_new (const EdEdition *ed, const LaySpec *spec, TsContext *ts, GError **error)
{
  g_autoptr (CompEdition) ce = g_new0 (CompEdition, 1);
  CompState st = { 0 };
  gboolean ok;

  g_return_val_if_fail (ed != NULL && spec != NULL && ts != NULL, NULL);
  ce->ed = ed;
  ce->spec = spec;
  ce->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_page_free);
  ce->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_paragraph_free);
  st.ce = ce;
  st.ts = ts;
  st.spec = spec;
  st.preps = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_prep_free);
  st.jumps = g_array_new (FALSE, FALSE, sizeof (CompJump));
  st.piece_page = g_hash_table_new (g_direct_hash, g_direct_equal);
  st.continuation = g_hash_table_new (g_direct_hash, g_direct_equal);
  st.head_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  st.next_piece_id = 1;
  ok = comp_compose_pages (&st, error);
  if (ok)
    {
      comp_finish_jumps (&st);
      for (guint i = 0; i < ce->pages->len; i++)
        {
          CompPage *p = g_ptr_array_index (ce->pages, i);
          if (p->number == 1)
            comp_masthead (&st, p, ce->pages->len);
          else
            comp_running_head (&st, p);
        }
    }
  g_ptr_array_unref (st.preps);
  g_array_unref (st.jumps);
  g_hash_table_unref (st.piece_page);
  g_hash_table_unref (st.continuation);
  g_hash_table_unref (st.head_rows);
  if (!ok)
    return NULL;
  return g_steal_pointer (&ce);
}

GPtrArray *
comp_edition_page_blocks (const CompEdition *ce, guint page)
{
  const CompPage *p;
  GPtrArray *out;

  g_return_val_if_fail (ce != NULL, NULL);
  if (page < 1 || page > ce->pages->len)
    return NULL;
  p = g_ptr_array_index (ce->pages, page - 1);
  out = g_ptr_array_new ();
  for (guint i = 0; i < p->articles->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (p->articles, i));
  return out;
}
