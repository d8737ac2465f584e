/* compose.c — the composer's entry point: comp_edition_new() runs the
 * page loop (compose-pages.c), then the jump lines and the furniture; and
 * the lifetime of the display list (pages, articles, elements) it returns.
 */
#include "compose/compose-private.h"
#include "base/errors.h"

#include <math.h>
#include <string.h>

void
comp_prep_free (CompPrep *p)
{
  if (!p)
    return;
  g_array_unref (p->units);
  g_ptr_array_unref (p->figures);
  g_free (p->row_sum);
  g_free (p->next_keep);
  g_free (p);
}

void
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

CompElem *
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

void
comp_page_free (CompPage *p)
{
  if (!p)
    return;
  g_free (p->section);
  g_free (p->label);
  g_free (p->outline);
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
const TsParagraph *
comp_keep (CompState *st, TsParagraph *par)
{
  g_ptr_array_add (st->ce->paragraphs, par);
  return par;
}

TsStyle
comp_style (TsRole role, double size, double pitch_ratio, TsAlign align)
{
  TsStyle s = { 0 };

  s.role = role;
  s.size = size;
  s.pitch = size * pitch_ratio;
  s.align = align;
  return s;
}

/* The face of headlines (主题) on @spec: the heavy serif or the heavy sans. */
TsRole
comp_title_role (const LaySpec *spec)
{
  return spec->title_serif ? TS_ROLE_TITLE : TS_ROLE_HEADING;
}

TsStyle
comp_body_style (const LaySpec *spec)
{
  TsStyle s = comp_style (TS_ROLE_BODY, spec->body_size, 1.0, TS_ALIGN_JUSTIFY);

  s.pitch = spec->body_pitch;
  s.indent = 2.0;
  return s;
}

guint
comp_rows_for (const LaySpec *spec, double extent)
{
  return (guint) ceil (extent / spec->body_pitch - 1e-6);
}

CompPage *
comp_page_new (const LaySpec *spec, guint number, const char *section)
{
  CompPage *p = g_new0 (CompPage, 1);

  p->number = number;
  p->section = g_strdup (section);
  if (spec->flow)
    p->label = g_strdup_printf ("%u", number);
  else
    {
      p->label = g_strdup_printf ("第%u版", number);
      p->outline = g_strdup_printf ("%s %s", p->label, section);
    }
  p->width = spec->page_width;
  p->height = spec->page_height;
  p->furniture = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_elem_free);
  p->rules = g_array_new (FALSE, FALSE, sizeof (CompRule));
  p->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_article_free);
  return p;
}

guint
comp_squeeze (const CompState *st, guint epage)
{
  if (!st->squeeze || epage < 1 || epage > st->ce->ed->pages->len)
    return COMP_SQUEEZE_NONE;
  return st->squeeze[epage];
}

/* @spec with its space levers tightened (the costs' tight_*) into @tight:
 * a shallow copy, valid while @spec is. */
static void
comp_tight_spec (const LaySpec *spec, LaySpec *tight)
{
  const CompCosts *c = &spec->costs;

  *tight = *spec;
  tight->head_lead *= c->tight_head_scale;
  tight->head_major *= c->tight_head_scale;
  tight->head_normal *= c->tight_head_scale;
  tight->head_small *= c->tight_head_scale;
  tight->kicker_size *= c->tight_head_scale;
  tight->kicker_lead *= c->tight_head_scale;
  tight->band_gap_rows = MIN (spec->band_gap_rows, c->tight_band_gap_rows);
  tight->stretch_rows = MIN (spec->stretch_rows, c->tight_stretch_rows);
  tight->costs.banner_scale *= c->tight_banner_scale;
  tight->costs.banner_air = MIN (c->banner_air, c->tight_banner_air);
}

/* Composes @ed on @spec once, its edition pages giving way as @squeeze
 * says (by edition page, or NULL; @tight: @spec tightened). */
static CompEdition *
comp_edition_compose (const EdEdition *ed, const LaySpec *spec, const LaySpec *tight,
                      TsContext *ts, const guint8 *squeeze, GError **error)
{
  g_autoptr (CompEdition) ce = g_new0 (CompEdition, 1);
  CompState st = { 0 };
  gboolean ok;

  ce->ed = ed;
  ce->spec = spec;
  ce->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_page_free);
  ce->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_paragraph_free);
  st.ce = ce;
  st.ts = ts;
  st.spec = st.base = spec;
  st.tight = tight;
  st.squeeze = squeeze;
  st.preps = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_prep_free);
  st.jumps = g_array_new (FALSE, FALSE, sizeof (CompJump));
  st.piece_page = g_hash_table_new (g_direct_hash, g_direct_equal);
  st.continuation = g_hash_table_new (g_direct_hash, g_direct_equal);
  st.head_rows = comp_head_cache_new ();
  st.next_piece_id = 1;
  ok = comp_compose_pages (&st, error);
  if (ok)
    {
      comp_finish_jumps (&st);
      for (guint i = 0; i < ce->pages->len; i++)
        {
          CompPage *p = g_ptr_array_index (ce->pages, i);

          /* a tight page's banner is set as it was planned */
          st.spec = p->tight ? tight : spec;
          if (p->number == 1)
            comp_masthead (&st, p, ce->pages->len);
          else if (!spec->flow)
            comp_running_head (&st, p);
          comp_page_banner (&st, p);
          if (spec->flow)
            comp_flow_furniture (&st, p);
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

/* Whether @e is a picture frame: a caption-only figure's tinted box. */
static gboolean
comp_elem_is_frame (const CompElem *e)
{
  return e->kind == COMP_ELEM_FIGURE && e->filled && !e->image;
}

/* Whether print page @p holds a picture frame. */
static gboolean
comp_page_has_frames (const CompPage *p)
{
  for (guint j = 0; j < p->articles->len; j++)
    {
      const CompArticle *a = g_ptr_array_index (p->articles, j);

      for (guint k = 0; k < a->elems->len; k++)
        {
          if (comp_elem_is_frame (g_ptr_array_index (a->elems, k)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Grid cells (columns × lines) of @ce's picture frames, and of the
 * modules on its pages past the edition's own (the copy that did not
 * fit): dropping the frames cannot save those pages if the first is the
 * smaller. */
static void
comp_overflow_cells (const CompEdition *ce, guint *frames, guint *overflow)
{
  const LaySpec *spec = ce->spec;

  *frames = *overflow = 0;
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);

          if (i >= ce->ed->pages->len)
            *overflow += a->cols * a->rows;
          for (guint k = 0; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              guint cols = 1;

              if (!comp_elem_is_frame (e))
                continue;
              while (cols < spec->columns && lay_spec_span_width (spec, cols) < e->box.width - 0.5)
                cols++;
              *frames += cols * comp_rows_for (spec, e->box.height);
            }
        }
    }
}

/* Whether a print page of edition page @ep's articles holds a frame. */
static gboolean
comp_edition_page_has_frames (const CompEdition *ce, guint ep)
{
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        if (((const CompArticle *) g_ptr_array_index (p->articles, j))->article->page == ep
            && comp_page_has_frames (p))
          return TRUE;
    }
  return FALSE;
}

/* Raises to @level in @squeeze (by edition page) the pages of @ed whose
 * articles go on past the edition's last page (续版, pages @ce added for
 * its copy); returns how many it raised.  Frames are dropped only where
 * the pages of those articles hold one (else nothing would change). */
static guint
comp_overflowing_pages (const CompEdition *ce, guint8 *squeeze, guint8 level)
{
  const EdEdition *ed = ce->ed;
  guint raised = 0;

  for (guint i = ed->pages->len; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      for (guint j = 0; j < p->articles->len; j++)
        {
          guint ep = ((const CompArticle *) g_ptr_array_index (p->articles, j))->article->page;

          if (ep >= 1 && ep <= ed->pages->len && squeeze[ep] < level
              && (level > COMP_SQUEEZE_FRAMES || comp_edition_page_has_frames (ce, ep)))
            {
              squeeze[ep] = level;
              raised++;
            }
        }
    }
  return raised;
}

/* Whether @ce ends on an under-filled page past the edition's own pages
 * (a 续版, or a layout's further page for the edition's copy): one a
 * squeeze to @level might save.  Only a 续版 is worth a tight page (its
 * one line between bands may read across them on a smaller layout). */
static gboolean
comp_page_to_save (const CompEdition *ce, guint level)
{
  const CompPage *last = g_ptr_array_index (ce->pages, ce->pages->len - 1);

  return ce->pages->len > ce->ed->pages->len && last->thin
         && (level < COMP_SQUEEZE_TIGHT || !last->source);
}

/* How badly @ce fills its pages, lower is better: each page, then each
 * line of a band hole deeper than hole_rows (comp_page_hole), then each
 * line a page's copy left white. */
static double
comp_edition_badness (const CompEdition *ce)
{
  const CompCosts *c = &ce->spec->costs;
  double bad = 0;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      guint hole = comp_page_hole (ce, p, NULL);

      bad += c->bad_page + (hole > c->hole_rows ? c->bad_hole_line * hole : 0.0)
             + p->spare_rows;
    }
  return bad;
}

/* Picture frames stay only where they fit: the edition pages whose print
 * pages have a band hole deeper than hole_rows are composed again without
 * frames (in @squeeze), and that kept if it fills the pages better
 * (comp_edition_badness); else @squeeze is as it was. */
static void
comp_frames_where_they_fit (CompEdition **ce, const LaySpec *spec, const LaySpec *tight,
                            TsContext *ts, guint8 *squeeze)
{
  const EdEdition *ed = (*ce)->ed;
  g_autofree guint8 *try = g_memdup2 (squeeze, ed->pages->len + 1);
  gboolean any = FALSE;
  CompEdition *again;

  for (guint i = 0; i < (*ce)->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index ((*ce)->pages, i);

      if (comp_page_hole (*ce, p, NULL) <= spec->costs.hole_rows || !comp_page_has_frames (p))
        continue;
      for (guint j = 0; j < p->articles->len; j++)
        {
          guint ep = ((const CompArticle *) g_ptr_array_index (p->articles, j))->article->page;

          if (ep >= 1 && ep <= ed->pages->len && try[ep] < COMP_SQUEEZE_FRAMES)
            any = try[ep] = COMP_SQUEEZE_FRAMES;
        }
    }
  if (!any)
    return;
  again = comp_edition_compose (ed, spec, tight, ts, try, NULL);
  if (again && comp_edition_badness (again) < comp_edition_badness (*ce))
    {
      comp_edition_free (*ce);
      *ce = again;
      memcpy (squeeze, try, ed->pages->len + 1);
    }
  else
    g_clear_pointer (&again, comp_edition_free);
}

/* Where the edition ends on an under-filled page past its own pages, the
 * pages whose copy runs there give way: first their picture frames (their
 * caption-only figures become notes), then their space levers (smaller
 * heads, banner and band gaps: the costs' tight_*).  Each step composes
 * the edition again and is kept only if the edition is then shorter (the
 * same sources give the same choice). */
CompEdition *
comp_edition_new (const EdEdition *ed, const LaySpec *spec, TsContext *ts, GError **error)
{
  g_autoptr (CompEdition) ce = NULL;
  g_autofree guint8 *squeeze = NULL;
  guint frame_cells, overflow_cells;
  LaySpec tight;

  g_return_val_if_fail (ed != NULL && spec != NULL && ts != NULL, NULL);
  comp_tight_spec (spec, &tight);
  ce = comp_edition_compose (ed, spec, &tight, ts, NULL, error);
  if (!ce || spec->flow)
    return g_steal_pointer (&ce);
  squeeze = g_new0 (guint8, ed->pages->len + 1);
  if (spec->picture_frames)
    comp_frames_where_they_fit (&ce, spec, &tight, ts, squeeze);
  comp_overflow_cells (ce, &frame_cells, &overflow_cells);
  /* (frames too small to take the overflow are not tried alone where the
   * space levers may be) */
  for (guint8 level = frame_cells < overflow_cells && comp_page_to_save (ce, COMP_SQUEEZE_TIGHT)
                      ? COMP_SQUEEZE_TIGHT : COMP_SQUEEZE_FRAMES;
       level <= COMP_SQUEEZE_TIGHT && comp_page_to_save (ce, level); level++)
    {
      CompEdition *again;

      /* (no frame to drop: on to the space levers) */
      if (!comp_overflowing_pages (ce, squeeze, level))
        continue;
      again = comp_edition_compose (ed, spec, &tight, ts, squeeze, NULL);
      if (again && again->pages->len < ce->pages->len)
        {
          g_clear_pointer (&ce, comp_edition_free);
          ce = again;
        }
      else
        g_clear_pointer (&again, comp_edition_free);
    }
  return g_steal_pointer (&ce);
}

char *
comp_elem_text (const CompElem *e, guint from, guint to)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (e != NULL && from <= to && to <= e->lines->len, NULL);
  for (guint i = from; i < to; i++)
    {
      const TsLine *line = g_array_index (e->lines, CompLine, i).line;

      for (guint r = 0; r < line->runs->len; r++)
        {
          const TsGlyphRun *run = g_ptr_array_index (line->runs, r);
          g_string_append_len (s, run->utf8, run->utf8_len);
        }
    }
  return g_string_free (s, FALSE);
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
