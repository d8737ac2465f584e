/* compose-prep.c — an article's body typeset at the column measure into
 * flow units (whole grid lines), and the flow of units into columns
 * (comp_flow, comp_balance).
 */
#include "compose/compose-private.h"
#include "base/image.h"
#include "base/errors.h"

#include <math.h>

/* An image's pixel size, from its header (base/image.h: the file was
 * checked when the edition was loaded). */
static gboolean
comp_image_size (const char *path, double *w, double *h, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  EbImageInfo info;
  g_autoptr (GError) local = NULL;

  if (!eb_image_read (path, &data, &len, &info, &local))
    {
      if (g_str_has_prefix (local->message, path))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        eb_set_input_error (error, path, 1, "%s", local->message);
      return FALSE;
    }
  *w = info.width;
  *h = info.height;
  return TRUE;
}

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
      CompUnit u = { par, i, 1, 1, elem, kind, FALSE, FALSE, 0 };
      g_array_append_val (p->units, u);
    }
}

static void
comp_add_block_unit (CompPrep *p, const LaySpec *spec, const TsParagraph *par,
                     guint elem, CompElemKind kind, gboolean keep, gboolean boxed,
                     guint extra_rows)
{
  CompUnit u = { par, 0, par->lines->len, comp_rows_for (spec, par->extent) + extra_rows,
                 elem, kind, keep, boxed, 0 };
  g_array_append_val (p->units, u);
}

/* Figure block @b of @p: a picture (its pixel size read) or a picture
 * frame goes with the module's figures, a portrait's frame into the text
 * column; a caption-only figure on a layout without frames is a note in
 * the text: its caption in the caption face (楷, the italic of Chinese
 * type), its credit flush right on a line of its own. */
static gboolean
comp_prep_figure (CompState *st, CompPrep *p, const EdBlock *b, GError **error)
{
  const LaySpec *spec = st->spec;
  gboolean frames = spec->picture_frames && comp_squeeze (st, p->art->page) == COMP_SQUEEZE_NONE;
  g_autoptr (CompFigure) f = comp_figure_new (spec, b, frames);

  if (b->image)
    {
      f->path = g_build_filename (st->ce->ed->dir ? st->ce->ed->dir : ".", b->image, NULL);
      if (!comp_image_size (f->path, &f->iw, &f->ih, error))
        return FALSE;
    }
  if (f->portrait)
    {
      /* a portrait stands in its text column, its name under it, where
       * the story mentions the person first (no white beside it) */
      const TsParagraph *cap = comp_keep (st, comp_caption_set (st, f, p->body_measure, NULL));
      guint pic = comp_portrait_rows (spec, p->body_measure);
      CompUnit u = { cap, 0, cap->lines->len, pic + comp_rows_for (spec, cap->extent) + 1,
                     p->n_elems++, COMP_ELEM_FIGURE, FALSE, FALSE, pic };

      g_array_append_val (p->units, u);
      return TRUE;
    }
  if (b->image || f->frame)
    {
      g_ptr_array_add (p->figures, g_steal_pointer (&f));
      return TRUE;
    }
  {
    TsParagraph *credit = NULL;
    const TsParagraph *cap = comp_keep (st, comp_caption_set (st, f, p->body_measure, &credit));
    guint elem = p->n_elems++;

    if (cap->lines->len)
      comp_add_block_unit (p, spec, cap, elem, COMP_ELEM_FIGURE, credit != NULL, FALSE, 0);
    if (credit)
      comp_add_block_unit (p, spec, comp_keep (st, credit), elem, COMP_ELEM_FIGURE, FALSE, FALSE, 0);
  }
  return TRUE;
}

/* The 落款 of an article (a notice's or letter's signature: organisation,
 * date) after its text: each line on its own, flush right, unindented,
 * kept together. */
static void
comp_prep_signature (CompState *st, CompPrep *p)
{
  const LaySpec *spec = st->spec;
  const EdArticle *art = p->art;
  TsStyle sig = comp_style (TS_ROLE_BODY, spec->body_size, 1.0, TS_ALIGN_END);
  guint elem;

  if (!art->signature || !art->signature[0])
    return;
  sig.pitch = spec->body_pitch;
  /* a long line breaks between phrases (an organisation's name whole) */
  sig.breaks = TS_BREAK_PHRASE;
  elem = p->n_elems++;
  for (guint i = 0; art->signature[i]; i++)
    {
      const TsParagraph *par = comp_keep (st, ts_set_text (st->ts, art->signature[i], &sig,
                                                          p->body_measure));

      if (par->lines->len)
        comp_add_block_unit (p, spec, par, elem, COMP_ELEM_PARAGRAPH,
                             art->signature[i + 1] != NULL, FALSE, 0);
    }
}

gboolean
comp_byline_closes (const EdArticle *art)
{
  return art->byline && *art->byline && !art->byline_top && !g_str_has_prefix (art->byline, "□");
}

/* Typesets an article's body at the column measure into flow units. */
CompPrep *
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
          if (!comp_prep_figure (st, p, b, error))
            {
              comp_prep_free (p);
              return NULL;
            }
          break;
        }
    }
  comp_prep_signature (st, p);
  if (comp_byline_closes (art))
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
guint
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
guint
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
