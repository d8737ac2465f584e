/* compose-flow.c — screens that read like a book (layouts with
 * compose.flow): each edition page's articles run on from screen to
 * screen in one column, without jump lines or repeated heads.
 *
 * An edition page (a print page) starts a new screen under a divider
 * naming it (第2版 · 要闻); its articles follow one another, a line of
 * white and a short rule between two of them.  A screen is filled with
 * atoms — an article's head, its figures, its body units (a paragraph's
 * lines one by one, a subhead, a notice) — and then broken where the
 * fewest lines are left white and no rule of the page is broken:
 *   - a head keeps flow_keep_lines of its text under it on its screen;
 *   - a subhead keeps the line after it;
 *   - no screen ends with a paragraph's first line alone (an orphan) or
 *     starts with its last line alone (a widow), where ending the screen
 *     a line or two short avoids it (flow_widow, flow_orphan against
 *     flow_white_line a line);
 *   - a figure keeps its caption: both are one atom, set under the head
 *     when head, figure and the kept lines fit, else at the first
 *     paragraph end with room for it (a figure never cuts a paragraph);
 *   - no screen holds only a caption, a closing byline or furniture: an
 *     article's last substantive line keeps the caption and byline after
 *     it.
 * Each screen's share of an article is a CompArticle (part 0, 1, …,
 * linked by from_page and to_page) so that the PDF stage can join them.
 */
#include "compose/compose-private.h"
#include "base/errors.h"

#include <string.h>

/* An article of the print page being set, and its measures at the
 * column width. */
typedef struct {
  CompPiece piece;          /* the whole article (part 0, unit 0) */
  CompPrep *flat;           /* owned: its units without keep-with-next, for
                               comp_realise_body (the planner keeps
                               subheads with their lines itself; a notice
                               may end a screen) */
  gboolean  lead;           /* the print page's first article */
  double    head_size;
  guint     head_rows;      /* head zone */
  guint     figs_rows;      /* all its pictures with their captions */
  guint     keep_lines;     /* text lines its head keeps under it */
  guint     keep_rows;      /* the rows of those lines' units */
  guint     keep_units;     /* and how many units they are */
  guint     substance_end;  /* units after this one are captions and the
                               closing byline only */
  guint     room;           /* rows one of its figures may take */
  guint     part;           /* screens it has taken so far */
  CompArticle *last;        /* its part on the latest screen (borrowed) */
  guint     last_page;      /* the screen that part is on */
} CompFlowArt;

/* Where the setting of a print page stands. */
typedef struct {
  guint    art;             /* article (index into the print page's) */
  guint    unit;            /* its next unit */
  gboolean head;            /* its head is set */
  gboolean figs;            /* its figures are set (or it has none) */
} CompFlowPos;

typedef enum {
  COMP_FLOW_HEAD,           /* an article's head, after a gap */
  COMP_FLOW_FIGS,           /* its figures with their captions */
  COMP_FLOW_UNIT,           /* one of its body units */
} CompFlowKind;

/* What one screen holds, in reading order. */
typedef struct {
  CompFlowKind kind;
  CompFlowPos  at;          /* where the setting stood before it */
  guint        row;         /* first grid row (a head's gap included) */
  guint        rows;        /* rows it takes (a head's gap included) */
  guint        gap;         /* white rows above a head */
  guint        room;        /* rows each of the figures may take */
  double       size;        /* a head's 主题 size */
} CompFlowAtom;

/* A print page being set. */
typedef struct {
  CompState   *st;
  CompFlowArt *arts;
  guint        n_arts;
  guint        number;      /* print page number (edition page) */
  const char  *section;
  guint        banner_rows; /* its banner's, on its first screen */
  guint        banner_air;  /* the air under it among them */
} CompFlow;

static const GArray *
comp_flow_units (const CompFlow *fl, guint art)
{
  return fl->arts[art].piece.prep->units;
}

static const CompUnit *
comp_flow_unit (const CompFlow *fl, guint art, guint unit)
{
  return &g_array_index (comp_flow_units (fl, art), CompUnit, unit);
}

/* Whether @u is one line of a paragraph of two lines or more: a line a
 * screen break may leave alone. */
static gboolean
comp_flow_par_line (const CompUnit *u)
{
  return u->kind == COMP_ELEM_PARAGRAPH && !u->boxed && u->nlines == 1
         && u->par->lines->len >= 2;
}

/* Whether the break after @u is not allowed: a subhead keeps its first
 * line with it (a boxed notice stands alone on a screen). */
static gboolean
comp_flow_keeps (const CompUnit *u)
{
  return u->keep_with_next && u->kind == COMP_ELEM_HEADING;
}

/* Rows all the figures of @prep take at @width, each at most @room. */
static guint
comp_flow_figs_rows (CompState *st, const CompPrep *prep, guint room)
{
  double width = lay_spec_column_width (st->spec);
  guint rows = 0, pic;

  for (guint i = 0; i < prep->figures->len; i++)
    rows += comp_figure_rows (st, g_ptr_array_index (prep->figures, i), width, room, &pic,
                              NULL, NULL, NULL);
  return rows;
}

/* Measures article @i of the print page. */
static void
comp_flow_art_init (CompFlow *fl, guint i, const CompPiece *piece)
{
  CompState *st = fl->st;
  const LaySpec *spec = st->spec;
  CompFlowArt *a = &fl->arts[i];
  const GArray *units = piece->prep->units;
  guint total = 0, lines = 0, rows = 0, u;

  memset (a, 0, sizeof *a);
  a->piece = *piece;
  a->lead = i == 0;
  a->head_size = comp_head_size (spec, 1, a->lead, fl->number);
  a->head_rows = comp_head_rows (st, piece, lay_spec_column_width (spec), a->head_size, a->lead);
  /* the figures fit a screen under the divider, each a share of it */
  a->room = (lay_spec_rows (spec) - spec->costs.flow_divider_rows)
            / MAX (piece->prep->figures->len, 1u);
  a->figs_rows = comp_flow_figs_rows (st, piece->prep, a->room);
  for (u = 0; u < units->len; u++)
    total += g_array_index (units, CompUnit, u).nlines;
  a->keep_lines = MIN (spec->costs.flow_keep_lines, total);
  /* the units of the kept lines, and a subhead's following line with them */
  for (u = 0; u < units->len && (lines < a->keep_lines
                                 || (u > 0 && comp_flow_keeps (&g_array_index (units, CompUnit, u - 1))));
       u++)
    {
      lines += g_array_index (units, CompUnit, u).nlines;
      rows += g_array_index (units, CompUnit, u).rows;
    }
  a->keep_rows = rows;
  a->keep_units = u;
  a->flat = g_new0 (CompPrep, 1);
  *a->flat = *piece->prep;
  a->flat->units = g_array_copy (piece->prep->units);
  a->flat->figures = g_ptr_array_ref (piece->prep->figures);
  for (u = 0; u < units->len; u++)
    g_array_index (a->flat->units, CompUnit, u).keep_with_next = FALSE;
  a->flat->row_sum = a->flat->next_keep = NULL;   /* the source's, borrowed */
  comp_prep_index (a->flat);
  a->substance_end = 0;
  for (u = 0; u < units->len; u++)
    {
      const CompUnit *cu = &g_array_index (units, CompUnit, u);
      gboolean byline = u + 1 == units->len && comp_byline_closes (piece->prep->art);

      if (cu->kind != COMP_ELEM_FIGURE && !byline)
        a->substance_end = u + 1;
    }
}

/* Moves @pos past a finished article; FALSE at the end of the page. */
static gboolean
comp_flow_next (const CompFlow *fl, CompFlowPos *pos)
{
  while (pos->art < fl->n_arts && pos->head && pos->figs
         && pos->unit >= comp_flow_units (fl, pos->art)->len)
    {
      pos->art++;
      pos->unit = 0;
      pos->head = FALSE;
      pos->figs = pos->art < fl->n_arts && fl->arts[pos->art].figs_rows == 0;
    }
  return pos->art < fl->n_arts;
}

/* Whether the figures of the article at @pos may come here: at the end of
 * a paragraph after the lines its head keeps (never after a subhead,
 * which keeps its line). */
static gboolean
comp_flow_par_end (const CompFlow *fl, const CompFlowPos *pos)
{
  const GArray *units = comp_flow_units (fl, pos->art);

  if (pos->unit >= units->len)
    return TRUE;
  if (pos->unit < fl->arts[pos->art].keep_units)
    return FALSE;
  const CompUnit *prev = comp_flow_unit (fl, pos->art, pos->unit - 1);
  const CompUnit *next = comp_flow_unit (fl, pos->art, pos->unit);

  return !comp_flow_keeps (prev) && (next->par != prev->par || next->line0 == 0);
}

static CompFlowAtom *
comp_flow_push (GArray *atoms, CompFlowKind kind, const CompFlowPos *at, guint row, guint rows,
                guint gap, guint room)
{
  CompFlowAtom a = { kind, *at, row, rows, gap, room, 0 };
  g_array_append_val (atoms, a);
  return &g_array_index (atoms, CompFlowAtom, atoms->len - 1);
}

/* The head of article @a where nothing of substance is on the screen yet
 * and its kept lines do not fit under it in @avail rows (the lead under
 * the masthead and the divider): the first smaller head size, down to
 * the smallest, with which they fit; its own size if none does.  Sets
 * *@rows to its head zone. */
static double
comp_flow_head_fit (const CompFlow *fl, const CompFlowArt *a, guint avail, guint *rows)
{
  const LaySpec *spec = fl->st->spec;
  const double sizes[] = { spec->head_lead, spec->head_major, spec->head_normal,
                           spec->head_small };

  *rows = a->head_rows;
  if (a->head_rows + a->keep_rows <= avail)
    return a->head_size;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint r;

      if (sizes[i] >= a->head_size)
        continue;
      r = comp_head_rows (fl->st, &a->piece, lay_spec_column_width (spec), sizes[i], a->lead);
      if (r + a->keep_rows <= avail)
        {
          *rows = r;
          return sizes[i];
        }
    }
  return a->head_size;
}

/* Rows the figures of article @a take in the @left rows of a screen: at
 * their size, or each in a share of @left if every picture keeps
 * flow_figure_min_rows (or its size); 0 if they do not fit.  Sets *@room
 * to what each may take. */
static guint
comp_flow_figs_fit (const CompFlow *fl, const CompFlowArt *a, guint left, guint *room)
{
  CompState *st = fl->st;
  const GPtrArray *figs = a->piece.prep->figures;
  double width = lay_spec_column_width (st->spec);
  guint rows = 0, pic, full;

  *room = a->room;
  if (a->figs_rows <= left)
    return a->figs_rows;
  *room = left / MAX (figs->len, 1u);
  for (guint i = 0; i < figs->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (figs, i);

      comp_figure_rows (st, f, width, a->room, &full, NULL, NULL, NULL);
      rows += comp_figure_rows (st, f, width, *room, &pic, NULL, NULL, NULL);
      if (pic < MIN (full, st->spec->costs.flow_figure_min_rows))
        return 0;
    }
  return rows <= left ? rows : 0;
}

/* Fills a screen's rows [@top, @rows) from @pos with atoms, greedily; a
 * head starts only with its kept lines under it (unless nothing of
 * substance is on the screen yet).  Returns the position after the last
 * atom; *@ended tells that the print page's articles ran out. */
static CompFlowPos
comp_flow_fill (const CompFlow *fl, CompFlowPos pos, guint top, guint rows, GArray *atoms,
                gboolean *ended)
{
  const CompCosts *c = &fl->st->spec->costs;
  guint row = top, fig_rows, room;

  *ended = FALSE;
  while (row < rows)
    {
      const CompFlowArt *a;

      if (!comp_flow_next (fl, &pos))
        {
          *ended = TRUE;
          break;
        }
      a = &fl->arts[pos.art];
      if (!pos.head)
        {
          guint gap = row > top ? c->flow_gap_rows : 0;
          guint head_rows = a->head_rows;
          double size = a->head_size;

          if (row + gap + head_rows + a->keep_rows > rows)
            {
              if (atoms->len > 0)
                break;
              size = comp_flow_head_fit (fl, a, rows - row - gap, &head_rows);
            }
          comp_flow_push (atoms, COMP_FLOW_HEAD, &pos, row, MIN (gap + head_rows, rows - row),
                          gap, 0)->size = size;
          row += MIN (gap + head_rows, rows - row);
          pos.head = TRUE;
          /* the figures under the head when the kept lines still fit */
          if (!pos.figs && row + a->keep_rows < rows
              && (fig_rows = comp_flow_figs_fit (fl, a, rows - row - a->keep_rows, &room)) > 0)
            {
              comp_flow_push (atoms, COMP_FLOW_FIGS, &pos, row, fig_rows, 0, room);
              row += fig_rows;
              pos.figs = TRUE;
            }
          continue;
        }
      if (!pos.figs && comp_flow_par_end (fl, &pos))
        {
          if ((fig_rows = comp_flow_figs_fit (fl, a, rows - row, &room)) > 0)
            {
              comp_flow_push (atoms, COMP_FLOW_FIGS, &pos, row, fig_rows, 0, room);
              row += fig_rows;
              pos.figs = TRUE;
              continue;
            }
          if (pos.unit >= comp_flow_units (fl, pos.art)->len)
            break;  /* they open the next screen */
        }
      {
        const CompUnit *u = comp_flow_unit (fl, pos.art, pos.unit);

        if (row + u->rows > rows)
          break;
        comp_flow_push (atoms, COMP_FLOW_UNIT, &pos, row, u->rows, 0, 0);
        row += u->rows;
        pos.unit++;
      }
    }
  if (!*ended && row >= rows)
    *ended = !comp_flow_next (fl, &pos);
  return pos;
}

/* Whether atom @t holds something a reader reads for itself: a head, a
 * picture, a line of text that is not a caption or the closing byline. */
static gboolean
comp_flow_substantial (const CompFlow *fl, const CompFlowAtom *t)
{
  if (t->kind == COMP_FLOW_HEAD)
    return TRUE;
  if (t->kind == COMP_FLOW_FIGS)
    return fl->arts[t->at.art].figs_rows > 0;
  return t->at.unit < fl->arts[t->at.art].substance_end;
}

/* Whether a screen may end before @next (the setting's position after
 * atoms [0, @b)): its heads keep their lines, no subhead is the last
 * line, it holds something of substance, and the next screen does not
 * start with an article's captions and byline only. */
static gboolean
comp_flow_break_ok (const CompFlow *fl, const GArray *atoms, guint b, const CompFlowPos *next)
{
  const CompFlowAtom *last = &g_array_index (atoms, CompFlowAtom, b - 1);
  gboolean substance = FALSE;
  guint kept = 0;

  for (guint i = 0; i < b; i++)
    substance |= comp_flow_substantial (fl, &g_array_index (atoms, CompFlowAtom, i));
  if (!substance)
    return FALSE;
  /* the last head of the screen keeps its lines */
  for (guint i = b; i-- > 0;)
    {
      const CompFlowAtom *t = &g_array_index (atoms, CompFlowAtom, i);

      if (t->kind == COMP_FLOW_HEAD)
        {
          if (kept < fl->arts[t->at.art].keep_lines)
            return FALSE;
          break;
        }
      if (t->kind == COMP_FLOW_UNIT)
        kept += comp_flow_unit (fl, t->at.art, t->at.unit)->nlines;
    }
  if (last->kind == COMP_FLOW_UNIT && comp_flow_keeps (comp_flow_unit (fl, last->at.art, last->at.unit)))
    return FALSE;
  /* an article going on with nothing but captions and its byline */
  if (next->art < fl->n_arts && next->head)
    {
      const CompFlowArt *a = &fl->arts[next->art];
      gboolean more = next->unit < a->substance_end || (!next->figs && a->figs_rows > 0);

      if (!more && next->unit < comp_flow_units (fl, next->art)->len)
        return FALSE;
    }
  return TRUE;
}

/* What a break before @next after atom @last costs besides white: a
 * paragraph's first line left alone at the foot, its last line alone at
 * the top of the next screen. */
static double
comp_flow_break_cost (const CompFlow *fl, const CompFlowAtom *last, const CompFlowPos *next)
{
  const CompCosts *c = &fl->st->spec->costs;
  double cost = 0;
  const CompUnit *u, *n;

  if (last->kind != COMP_FLOW_UNIT || next->art != last->at.art || !next->head
      || next->unit != last->at.unit + 1 || next->unit >= comp_flow_units (fl, next->art)->len)
    return 0;
  u = comp_flow_unit (fl, last->at.art, last->at.unit);
  n = comp_flow_unit (fl, next->art, next->unit);
  if (!comp_flow_par_line (u) || u->par != n->par)
    return 0;
  if (u->line0 == 0)
    cost += c->flow_orphan;
  if (n->line0 + 1 == n->par->lines->len)
    cost += c->flow_widow;
  return cost;
}

/* Chooses how many of @atoms (filled up to @end, the print page's end if
 * @ended) the screen of @rows keeps: the break that costs least, white
 * lines against widows and orphans, among those that keep the rules; the
 * greedy fill if none does. */
static guint
comp_flow_break (const CompFlow *fl, const GArray *atoms, const CompFlowPos *end,
                 gboolean ended, guint rows)
{
  const CompCosts *c = &fl->st->spec->costs;
  double best_cost = G_MAXDOUBLE;
  guint best = atoms->len;

  for (guint b = atoms->len; b >= 1; b--)
    {
      const CompFlowAtom *last = &g_array_index (atoms, CompFlowAtom, b - 1);
      const CompFlowPos *next = b < atoms->len ? &g_array_index (atoms, CompFlowAtom, b).at : end;
      gboolean at_end = b == atoms->len && ended;
      double white = at_end ? 0 : (rows - last->row - last->rows) * c->flow_white_line;
      double cost;

      if (white >= best_cost)
        break;  /* earlier breaks only leave more white */
      if (!at_end && !comp_flow_break_ok (fl, atoms, b, next))
        continue;
      cost = white + (at_end ? 0 : comp_flow_break_cost (fl, last, next));
      if (cost < best_cost)
        {
          best_cost = cost;
          best = b;
        }
    }
  return best;
}

/* A one-column module for article @i's atoms on a screen. */
static void
comp_flow_module (const CompFlow *fl, guint i, CompModule *m)
{
  const CompFlowArt *a = &fl->arts[i];

  memset (m, 0, sizeof *m);
  m->piece = a->piece;
  m->piece.prep = a->flat;
  m->piece.part = a->part;
  m->cols = 1;
  m->text_cols = 1;
  m->head_size = a->head_size;
  m->head_rows = a->head_rows;
  m->page_lead = a->lead;
  m->flow = TRUE;
}

/* Places one article's atoms [@from, @to) on screen @page as its next
 * part. */
static void
comp_flow_realise_article (CompFlow *fl, CompPage *page, const GArray *atoms, guint from,
                           guint to)
{
  CompState *st = fl->st;
  const LaySpec *spec = st->spec;
  const CompFlowAtom *t0 = &g_array_index (atoms, CompFlowAtom, from);
  const CompFlowAtom *tn = &g_array_index (atoms, CompFlowAtom, to - 1);
  CompFlowArt *fa = &fl->arts[t0->at.art];
  CompArticle *a = g_new0 (CompArticle, 1);
  double x = lay_spec_column_x (spec, 0), width = lay_spec_column_width (spec);
  CompModule m;

  comp_flow_module (fl, t0->at.art, &m);
  a->article = fa->piece.prep->art;
  a->part = fa->part;
  if (fa->last)
    {
      a->from_page = fa->last_page;
      fa->last->to_page = page->number;
    }
  a->cols = 1;
  a->row = t0->row + t0->gap;
  a->rows = tn->row + tn->rows - a->row;
  a->rect = (CompRect) { x, comp_row_y (spec, a->row), width, a->rows * spec->body_pitch };
  a->rects = g_array_new (FALSE, FALSE, sizeof (CompRect));
  a->elems = g_ptr_array_new_with_free_func ((GDestroyNotify) comp_elem_free);
  g_array_append_val (a->rects, a->rect);
  for (guint i = from; i < to;)
    {
      const CompFlowAtom *t = &g_array_index (atoms, CompFlowAtom, i);
      guint j = i + 1;

      if (t->kind == COMP_FLOW_HEAD)
        {
          m.head_size = t->size;
          if (t->gap)
            {
              /* a short rule in the white between two articles */
              double y = comp_row_y (spec, t->row) + t->gap * spec->body_pitch / 2;
              double half = width * spec->costs.flow_rule_fraction / 2;

              comp_add_rule (page, x + width / 2 - half, y, x + width / 2 + half, y,
                             spec->rule_width);
            }
          comp_realise_head (st, page, a, &m, x, width, comp_row_y (spec, t->row + t->gap),
                             (t->rows - t->gap) * spec->body_pitch);
        }
      else if (t->kind == COMP_FLOW_FIGS)
        {
          m.fig_room = t->room;
          comp_realise_figures (st, a, &m, x, width, t->row);
        }
      else
        {
          /* a run of body units in one go */
          m.piece.unit0 = t->at.unit;
          m.body_rows = t->rows;
          for (; j < to && g_array_index (atoms, CompFlowAtom, j).kind == COMP_FLOW_UNIT; j++)
            m.body_rows += g_array_index (atoms, CompFlowAtom, j).rows;
          m.unit_end = g_array_index (atoms, CompFlowAtom, j - 1).at.unit + 1;
          comp_realise_body (st, page, a, &m, t->row);
        }
      i = j;
    }
  g_ptr_array_add (page->articles, a);
  fa->part++;
  fa->last = a;
  fa->last_page = page->number;
}

/* Screen @number of print page @fl: atoms [0, @b) of @atoms. */
static CompPage *
comp_flow_screen (CompFlow *fl, guint number, gboolean first, const GArray *atoms, guint b)
{
  CompPage *page = comp_page_new (fl->st->spec, number, fl->section);
  const EdEdition *ed = fl->st->ce->ed;

  if (first)
    page->outline = *fl->section ? g_strdup_printf ("第%u版 · %s", fl->number, fl->section)
                                 : g_strdup_printf ("第%u版", fl->number);
  /* the first screen of a print page carries its banner under the divider */
  if (first && fl->number <= ed->pages->len)
    {
      page->source = g_ptr_array_index (ed->pages, fl->number - 1);
      page->opens = TRUE;
      page->banner_rows = fl->banner_rows;
    }
  for (guint i = 0; i < b;)
    {
      guint j = i + 1;
      guint art = g_array_index (atoms, CompFlowAtom, i).at.art;

      while (j < b && g_array_index (atoms, CompFlowAtom, j).at.art == art)
        j++;
      comp_flow_realise_article (fl, page, atoms, i, j);
      i = j;
    }
  return page;
}

/* Lines of the banner's air its first screen gives up so that the head of
 * its first article @a, in the @avail rows under it, keeps its lines: as
 * few as that takes, or none if all of them would not do. */
static guint
comp_flow_banner_give (CompFlow *fl, const CompFlowArt *a, guint avail)
{
  for (guint give = 0; give <= fl->banner_air; give++)
    {
      guint head_rows;

      comp_flow_head_fit (fl, a, avail + give, &head_rows);
      if (head_rows + a->keep_rows <= avail + give)
        {
          fl->banner_rows -= give;
          fl->banner_air -= give;
          return give;
        }
    }
  return 0;
}

/* Sets the print page of @fl on as many screens as it takes. */
static gboolean
comp_flow_screens (CompFlow *fl, GError **error)
{
  CompState *st = fl->st;
  const LaySpec *spec = st->spec;
  guint rows = lay_spec_rows (spec);
  g_autoptr (GArray) atoms = g_array_new (FALSE, FALSE, sizeof (CompFlowAtom));
  CompFlowPos pos = { 0 };
  gboolean first = TRUE;

  pos.figs = fl->n_arts > 0 && fl->arts[0].figs_rows == 0;
  while (comp_flow_next (fl, &pos))
    {
      guint screen = st->ce->pages->len + 1;
      guint top = (screen == 1 ? spec->masthead_rows : 0)
                  + (first ? spec->costs.flow_divider_rows + fl->banner_rows : 0);
      gboolean ended;
      CompFlowPos end;
      guint b;

      if (first)
        top -= comp_flow_banner_give (fl, &fl->arts[pos.art], rows - MIN (top, rows));
      g_array_set_size (atoms, 0);
      end = comp_flow_fill (fl, pos, top, rows, atoms, &ended);
      if (atoms->len == 0)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot fit on a screen of layout '%s'",
                       fl->arts[pos.art].piece.prep->art->src_path, spec->name);
          return FALSE;
        }
      b = comp_flow_break (fl, atoms, &end, ended, rows);
      g_ptr_array_add (st->ce->pages, comp_flow_screen (fl, screen, first, atoms, b));
      pos = b < atoms->len ? g_array_index (atoms, CompFlowAtom, b).at : end;
      first = FALSE;
    }
  if (st->ce->pages->len > 0)
    ((CompPage *) g_ptr_array_index (st->ce->pages, st->ce->pages->len - 1))->open_end = TRUE;
  return TRUE;
}

/* Sets print page @number (@section) of the articles @pieces (of
 * CompPiece) on as many screens as they take. */
static gboolean
comp_flow_print_page (CompState *st, const GArray *pieces, guint number, const char *section,
                      GError **error)
{
  g_autofree CompFlowArt *arts = g_new0 (CompFlowArt, MAX (pieces->len, 1u));
  CompFlow fl = { st, arts, pieces->len, number, section, 0, 0 };
  gboolean ok;

  if (number <= st->ce->ed->pages->len)
    fl.banner_rows = comp_banner_rows (st, g_ptr_array_index (st->ce->ed->pages, number - 1),
                                       &fl.banner_air);
  for (guint i = 0; i < pieces->len; i++)
    comp_flow_art_init (&fl, i, &g_array_index (pieces, CompPiece, i));
  ok = comp_flow_screens (&fl, error);
  for (guint i = 0; i < pieces->len; i++)
    comp_prep_free (arts[i].flat);
  return ok;
}

gboolean
comp_flow_pages (CompState *st, GError **error)
{
  const EdEdition *ed = st->ce->ed;
  g_autoptr (GArray) rest = g_array_new (FALSE, FALSE, sizeof (CompPiece));
  g_autoptr (GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  if (!comp_prep_all (st, own, rest, error))
    return FALSE;
  for (guint i = 0; i < own->len; i++)
    {
      const GArray *pieces = g_ptr_array_index (own, i);
      const EdPage *ep = g_ptr_array_index (ed->pages, i);

      if (pieces->len == 0)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s/edition.yaml: page %u has no articles",
                       ed->dir ? ed->dir : ".", i + 1);
          return FALSE;
        }
      if (!comp_flow_print_page (st, pieces, i + 1, ep->section, error))
        return FALSE;
    }
  /* articles of no edition page (an edition without pages) */
  if (rest->len > 0
      && !comp_flow_print_page (st, rest, own->len + 1, COMP_CONTINUATION_SECTION, error))
    return FALSE;
  if (st->ce->pages->len > 0)
    ((CompPage *) g_ptr_array_index (st->ce->pages, st->ce->pages->len - 1))->edition_end = TRUE;
  return TRUE;
}

/* The running head of a flowing screen: the section on the left, paper
 * and date on the right (the date alone if both do not fit), over a
 * rule. */
static void
comp_flow_running_head (CompState *st, CompPage *page)
{
  const LaySpec *spec = st->spec;
  const EdEdition *ed = st->ce->ed;
  const CompCosts *c = &spec->costs;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double rule_y = spec->type_top - spec->running_head_gap;
  double base = rule_y - spec->folio_size * 0.5;
  double ssize = spec->folio_size * c->folio_section_scale;
  g_autofree char *day = comp_day_text (ed);
  g_autofree char *right = g_strdup_printf ("%s　%s", ed->paper, day);
  TsStyle ss = comp_style (TS_ROLE_HEADING, ssize, c->furniture_pitch, TS_ALIGN_START);
  TsStyle rs = comp_style (TS_ROLE_FOLIO, spec->folio_size, c->furniture_pitch, TS_ALIGN_START);
  double sw = ts_measure_text (st->ts, page->section, &ss);

  if (sw + ts_measure_text (st->ts, right, &rs) + spec->folio_size * 2 > w)
    {
      g_free (right);
      right = g_strdup (day);
    }
  comp_furniture_line (st, page, page->section, TS_ROLE_HEADING, ssize, TS_ALIGN_START, x, w,
                       base);
  comp_furniture_line (st, page, right, TS_ROLE_FOLIO, spec->folio_size, TS_ALIGN_END, x, w, base);
  comp_add_rule (page, x, rule_y, x + w, rule_y, spec->rule_width);
}

void
comp_flow_furniture (CompState *st, CompPage *page)
{
  const LaySpec *spec = st->spec;
  const CompCosts *c = &spec->costs;
  double x = lay_spec_type_left (spec), w = lay_spec_type_width (spec);
  double size = spec->body_size * c->flow_divider_scale;
  double y0, height;

  if (!page->outline)
    {
      if (page->number > 1)
        comp_flow_running_head (st, page);
      return;
    }
  /* the divider: the print page's name over a rule, in its rows at the
   * top of the screen (under the masthead on screen 1) */
  y0 = comp_row_y (spec, page->number == 1 ? spec->masthead_rows : 0);
  height = c->flow_divider_rows * spec->body_pitch;
  comp_furniture_line (st, page, page->outline, TS_ROLE_HEADING, size, TS_ALIGN_CENTER, x, w,
                       y0 + height / 2 + size * 0.35);
  comp_add_rule (page, x, y0 + height - spec->body_pitch * 0.2, x + w,
                 y0 + height - spec->body_pitch * 0.2, spec->rule_width * c->folio_rule_weight);
}
