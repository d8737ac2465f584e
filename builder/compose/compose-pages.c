/* compose-pages.c — the page loop: edition pages become print pages (each
 * article starts on its edition page; continuations go to the next page
 * with room), each planned with the best of a few targets, realised, and
 * measured (holes, white).
 */
#include "compose/compose-private.h"
#include "base/errors.h"

#include <math.h>

/* Part-0 pieces (articles not yet started) in @q. */
static guint
comp_queue_unstarted (const GArray *q)
{
  guint n = 0;

  for (guint i = 0; i < q->len; i++)
    n += g_array_index (q, CompPiece, i).part == 0;
  return n;
}

/* Plans one page from the front of @queue (of CompPiece, consumed): in
 * bands on a multi-column page, one piece under the other on a one-column
 * one; cut pieces continue in @next_queue. */
static void
comp_plan_page (CompState *st, CompPlan *pl, GArray *queue, GArray *next_queue, guint first_row)
{
  if (st->spec->columns > 1)
    comp_plan_bands (st, pl, queue, next_queue, first_row);
  else
    comp_plan_column (st, pl, queue, next_queue, first_row);
}

/* Plans page @number with a few preferred module heights on copies of the
 * queue and keeps the one that starts the most of the page's articles,
 * then has the fewest cuts, then the smallest hole, then the most modules
 * (the first on ties: deterministic).  When the page's articles cannot all
 * start at full height, module heights are capped (2/3, 1/2, 1/3, 1/4 of a
 * column) so that the earlier ones are cut sooner and the later ones start
 * below them. */
static void
comp_best_target (CompState *st, const GArray *queue, guint number, guint first_row,
                  gboolean last, double *target, guint *cap, guint *min_slots)
{
  static const double targets[] = COMP_TARGETS;
  const LaySpec *spec = st->spec;
  guint rows = lay_spec_rows (spec);
  const guint caps[] = COMP_CAPS (rows);
  double best_score = G_MAXDOUBLE;
  guint saved_id = st->next_piece_id;
  gboolean all_started = FALSE;
  const CompCosts *c = &spec->costs;
  guint max_slots = comp_carry_over (spec) ? 1 : MIN (spec->columns, c->plan_slots_max);

  *target = targets[0];
  *cap = G_MAXUINT;
  *min_slots = 1;
  /* a one-column page takes its pieces in order, whole or cut at the
   * foot: targets, caps and slots do not change its plan */
  if (spec->columns == 1)
    return;
  for (guint ci = 0; ci < G_N_ELEMENTS (caps) && !all_started; ci++)
    {
      /* where pages flow, what does not fit moves on: never capped */
      if (caps[ci] < spec->min_module_rows || (ci > 0 && comp_carry_over (spec)))
        break;
      /* bands of at least @ms modules side by side start more articles */
      for (guint ms = 1; ms <= max_slots && !all_started; ms++)
        for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
          {
            g_autoptr (GArray) q = g_array_copy ((GArray *) queue);
            g_autoptr (GArray) n = g_array_new (FALSE, FALSE, sizeof (CompPiece));
            CompPlan pl = { g_array_new (FALSE, FALSE, sizeof (CompModule)),
                            rows, number, 0, FALSE, targets[k], caps[ci], last, FALSE,
                            FALSE, 0, ms };
            double score;
            guint cuts = 0, unstarted;

            comp_plan_page (st, &pl, q, n, first_row);
            st->next_piece_id = saved_id;
            for (guint i = 0; i < pl.modules->len; i++)
              cuts += g_array_index (pl.modules, CompModule, i).cut;
            unstarted = comp_queue_unstarted (q);
            all_started |= unstarted == 0;
            /* where articles may move to the next page, a cut (which
             * sends the reader elsewhere) weighs more than a move */
            if (comp_carry_over (spec) && spec->columns > 1)
              score = (pl.modules->len == 0 ? COMP_NO_PLAN : 0) + c->plan_unstarted_flow * unstarted
                      + c->plan_cut_flow * cuts + c->plan_hole_line * pl.hole_rows
                      - c->plan_module * pl.modules->len;
            else
              score = (pl.modules->len == 0 ? COMP_NO_PLAN : 0) + c->plan_unstarted * unstarted
                      + c->plan_cut * cuts + c->plan_hole_line * pl.hole_rows
                      - c->plan_module * pl.modules->len;
            if (score < best_score)
              {
                best_score = score;
                *target = targets[k];
                *cap = caps[ci];
                *min_slots = ms;
              }
            g_array_unref (pl.modules);
          }
    }
}

/* Body lines of page @p's 版心 left for its copy (page 1 less the
 * masthead; a page banner's lines less). */
static guint
comp_page_own_rows (const LaySpec *spec, const CompPage *p)
{
  guint rows = lay_spec_rows (spec);
  guint top = (p->number == 1 ? spec->masthead_rows : 0) + p->banner_rows;

  return rows - MIN (top, rows);
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
  guint own = comp_page_own_rows (ce->spec, p);

  return own ? MIN (100u, p->spare_rows * 100 / own) : 0;
}

/* Puts the lead (头条) of edition page queue @q first, where a page plan
 * gives its first piece the widest module and the largest head: the
 * article marked `lead: true`, else the longest news story — never a
 * notice or photo news while a news story is there.  The others keep the
 * edition's order. */
static void
comp_lead_first (GArray *q)
{
  gint best = -1;
  glong best_len = -1;

  for (guint i = 0; i < q->len && best < 0; i++)
    {
      const EdArticle *art = g_array_index (q, CompPiece, i).prep->art;

      if (art->lead && !comp_is_notice (art))
        best = (gint) i;
    }
  if (best < 0)
    for (guint i = 0; i < q->len; i++)
      {
        const EdArticle *art = g_array_index (q, CompPiece, i).prep->art;
        glong len = ed_article_char_count (art);

        if (art->kind == ED_KIND_NEWS && !comp_is_notice (art) && len > best_len)
          {
            best = (gint) i;
            best_len = len;
          }
      }
  if (best > 0)
    {
      CompPiece lead = g_array_index (q, CompPiece, best);

      g_array_remove_index (q, (guint) best);
      g_array_prepend_val (q, lead);
    }
}

gboolean
comp_prep_all (CompState *st, GPtrArray *own, GArray *queue, GError **error)
{
  const EdEdition *ed = st->ce->ed;

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
  /* screens that flow keep the edition's reading order */
  for (guint i = 0; i < own->len && !st->spec->flow; i++)
    comp_lead_first (g_ptr_array_index (own, i));
  return TRUE;
}

/* Orders the queue of the next print page: @queue's pieces and the
 * continuations of @next (emptied).  The page's own articles come first,
 * then continuations (oldest first); a page that goes on with an edition
 * page's articles (not @fresh) where pages flow, or a one-column page,
 * takes the continuations first: the article cut at the foot of the page
 * before goes on at the top of this one. */
static void
comp_order_queue (const LaySpec *spec, GArray *queue, GArray *next, gboolean fresh)
{
  g_autoptr (GArray) conts = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (CompPiece));

  g_array_append_vals (queue, next->data, next->len);
  g_array_set_size (next, 0);
  for (guint i = 0; i < queue->len; i++)
    {
      CompPiece *pc = &g_array_index (queue, CompPiece, i);
      g_array_append_val (pc->part == 0 ? starts : conts, *pc);
    }
  g_array_set_size (queue, 0);
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
}

/* Plans and realises print page @number from the front of @queue (cut
 * pieces continue in @next); @epage of the @n_own edition pages are taken,
 * and the page is the first of edition page @epage when @fresh.  Adds the
 * page to the edition. */
static gboolean
comp_compose_page (CompState *st, GArray *queue, GArray *next, guint number, guint epage,
                   guint n_own, gboolean fresh, GError **error)
{
  const EdEdition *ed = st->ce->ed;
  const LaySpec *spec = st->spec;
  CompPlan pl = { g_array_new (FALSE, FALSE, sizeof (CompModule)),
                  lay_spec_rows (spec), number, 0, FALSE, COMP_TARGET0, G_MAXUINT, FALSE,
                  FALSE, FALSE, 0, 1 };
  const EdArticle *head = g_array_index (queue, CompPiece, 0).prep->art;
  const EdPage *source = NULL;
  const char *section;
  CompPage *page;
  guint first_row, banner_rows;

  /* edition page N is print page N; one-column screens keep the section
   * of the edition page being read */
  if (epage >= 1 && (epage < n_own || comp_queue_unstarted (queue) > 0
                     || number <= ed->pages->len || comp_carry_over (spec)))
    source = g_ptr_array_index (ed->pages, epage - 1);
  section = source ? source->section : COMP_CONTINUATION_SECTION;
  /* the first page of an edition page carries its banner under the
   * masthead or at the top of the 版心 */
  banner_rows = fresh ? comp_banner_rows (st, source, NULL) : 0;
  first_row = (number == 1 ? spec->masthead_rows : 0) + banner_rows;
  pl.last = epage == n_own;
  comp_best_target (st, queue, number, first_row, pl.last, &pl.target, &pl.cap, &pl.min_slots);
  comp_plan_page (st, &pl, queue, next, first_row);
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
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot fit on a page of layout '%s'",
                   head->src_path, spec->name);
      return FALSE;
    }
  page = comp_page_new (spec, number, section);
  page->source = source;
  page->opens = fresh && source;
  page->banner_rows = banner_rows;
  /* bands are planned in reading order */
  if (spec->columns == 1)
    comp_order_modules ((CompModule *) (void *) pl.modules->data, 0, pl.modules->len);
  for (guint i = 0; i < pl.modules->len; i++)
    comp_realise_module (st, page, &g_array_index (pl.modules, CompModule, i));
  page->hole_rows = pl.hole_rows;
  page->open_end = pl.ran_out;
  page->spare_rows = pl.spare;
  page->thin = pl.spare * 4 > comp_page_own_rows (spec, page);
  /* no article starts after this page: holes are the edition's end */
  page->edition_end = epage == n_own && comp_queue_unstarted (queue) == 0;
  g_array_unref (pl.modules);
  g_ptr_array_add (st->ce->pages, page);
  return TRUE;
}

/* Print pages follow the edition's pages: page N carries the section of
 * edition page N and its articles start there, never earlier (a later
 * page's articles never move up to fill a page).  Continuations go to the
 * next page with room: after that page's own articles on multi-column
 * pages, first on one-column pages (which read in strict order).  If a
 * page's articles cannot all start on it (a one-column e-reader page), the
 * rest start on the next print page, which keeps the section; pages made
 * after the edition's last page for continuations are 续版. */
gboolean
comp_compose_pages (CompState *st, GError **error)
{
  const EdEdition *ed = st->ce->ed;
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GArray) next = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint number = 1, epage = 0;  /* edition pages taken so far */
  gboolean ok;

  if (st->spec->flow)
    return comp_flow_pages (st, error);
  if (!comp_prep_all (st, own, queue, error))
    return FALSE;
  while (queue->len > 0 || next->len > 0 || epage < own->len)
    {
      gboolean fresh = FALSE;   /* this page starts an edition page */

      /* the next edition page once the current one's articles have all
       * started */
      if (comp_queue_unstarted (queue) == 0 && epage < own->len)
        {
          GArray *a = g_ptr_array_index (own, epage);
          g_array_append_vals (queue, a->data, a->len);
          epage++;
          fresh = TRUE;
        }
      comp_order_queue (st->spec, queue, next, fresh);
      if (queue->len == 0)
        {
          /* an edition page without articles */
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s/edition.yaml: page %u has no articles",
                       ed->dir ? ed->dir : ".", epage);
          return FALSE;
        }
      /* a page that gives way by its space levers is composed on the
       * tightened layout */
      st->spec = comp_squeeze (st, epage) == COMP_SQUEEZE_TIGHT ? st->tight : st->base;
      ok = comp_compose_page (st, queue, next, number, epage, own->len, fresh, error);
      if (ok)
        {
          CompPage *page = g_ptr_array_index (st->ce->pages, number - 1);

          page->tight = st->spec != st->base;
          page->no_frames = st->spec->picture_frames
                            && comp_squeeze (st, epage) != COMP_SQUEEZE_NONE;
        }
      st->spec = st->base;
      if (!ok)
        return FALSE;
      number++;
    }
  return TRUE;
}
