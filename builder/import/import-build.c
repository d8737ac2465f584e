/* import-build.c — matched segments and groups → the page's articles.
 *
 * A segment becomes an article: its group's lines give 引题/主题/副题, its
 * paragraphs and subheads the blocks (本报讯… taken off the first one as
 * the dateline).  Around it: bylines (under the head or after the text, by
 * their form and place), portraits (the story that names them), captions
 * (the neighbouring story they resemble, else a photo article of their
 * own), 落款 lines (its signature), a short unmatched head line next to
 * its head (its badge).  The page keeps the banner (an unmatched head
 * before the stories) and the desk credits; running heads, slogans and
 * jump lines are dropped, with a note.
 */
#include "import/import-private.h"

#include <string.h>

char *
imp_page_fix (const ImpPage *pg, const char *text)
{
  if (pg->opts && pg->opts->keep_punctuation)
    return g_strdup (text);
  return imp_fix_punctuation (text);
}


/* What each segment collects before it becomes an article. */
typedef struct {
  EdArticle *art;
  char      *byline;
  gboolean   byline_top;
  GPtrArray *front;      /* of EdBlock *: portraits, captions before the text */
  GPtrArray *body;       /* of EdBlock *: paragraphs and subheads */
  GPtrArray *back;       /* of EdBlock *: captions, notes after the text */
  GPtrArray *signature;  /* of char * */
  char      *badge;
  guint      order;      /* item index it starts at, for the page order */
  gboolean   synth;      /* its title was made up */
} ImpStory;

static void
imp_story_free (ImpStory *s)
{
  if (s->art)
    ed_article_free (s->art);
  g_free (s->byline);
  g_ptr_array_unref (s->front);
  g_ptr_array_unref (s->body);
  g_ptr_array_unref (s->back);
  g_ptr_array_unref (s->signature);
  g_free (s->badge);
  g_free (s);
}

static ImpStory *
imp_story_new (guint order)
{
  ImpStory *s = g_new0 (ImpStory, 1);

  s->art = ed_article_new ();
  s->front = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_block_free);
  s->body = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_block_free);
  s->back = g_ptr_array_new_with_free_func ((GDestroyNotify) ed_block_free);
  s->signature = g_ptr_array_new_with_free_func (g_free);
  s->order = order;
  return s;
}

/* ----------------------------------------------------------- headlines */

static gboolean
imp_has_parallel_phrases (ImpPage *pg, const char *t)
{
  return imp_match (pg, "[\\x{4e00}-\\x{9fff}][\\x{4e00}-\\x{9fff}“”《》]* [“《]?[\\x{4e00}-\\x{9fff}]", t);
}

/* Lines [from, to) of a group as one text, wrapped lines joined. */
static char *
imp_join_lines (const ImpPage *pg, guint from, guint to, const char *sep)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append (s, sep);
      g_string_append (s, imp_ln (pg, i)->text);
    }
  return g_string_free (s, FALSE);
}

/* Are lines [from, to) one title wrapped at its width: all but the last
 * as wide as each other? */
static gboolean
imp_lines_wrapped (const ImpPage *pg, guint from, guint to)
{
  double w = imp_ln (pg, from)->w;

  if (to - from < 3)
    return FALSE;
  for (guint i = from; i + 1 < to; i++)
    if (ABS (imp_ln (pg, i)->w - w) > 1.0)
      return FALSE;
  return imp_ln (pg, to - 1)->w <= w + 1.0;
}

/* 引题, 主题 and 副题 from a group's lines. */
static void
imp_group_roles (ImpPage *pg, const ImpGroup *g, EdArticle *art)
{
  guint from = g->from, to = g->to, dash = to;
  g_autofree char *title = NULL;

  for (guint i = from; i < to; i++)
    if (g_str_has_prefix (imp_ln (pg, i)->text, "——") && i > from)
      dash = i;
  if (dash < to)
    {
      g_autofree char *sub = imp_join_lines (pg, dash, to, "");
      art->subtitle = imp_page_fix (pg, sub);
      to = dash;
    }
  if (to - from == 1 || imp_lines_wrapped (pg, from, to))
    title = imp_join_lines (pg, from, to, "");
  else if (to - from == 2)
    {
      const char *a = imp_ln (pg, from)->text, *b = imp_ln (pg, from + 1)->text;
      if (g_str_has_suffix (a, "、") || g_str_has_suffix (a, "，")
          || (strstr (a, "关于") && !imp_match (pg, "的(建议|公告|意见|通知|决定|报告)$", a)))
        title = g_strconcat (a, b, NULL);
      else if ((imp_has_parallel_phrases (pg, a) && !imp_match (pg, "出席|主持|讲话", a))
               || g_utf8_strlen (a, -1) > g_utf8_strlen (b, -1) || art->subtitle)
        {
          art->kicker = imp_page_fix (pg, a);
          title = g_strdup (b);
        }
      else
        {
          title = g_strdup (a);
          art->subtitle = imp_page_fix (pg, b);
        }
    }
  else
    {
      g_autofree char *k = imp_join_lines (pg, from, to - 1, " ");
      art->kicker = imp_page_fix (pg, k);
      title = g_strdup (imp_ln (pg, to - 1)->text);
    }
  art->title = imp_page_fix (pg, title);
  art->vertical_title = g->vertical;
}

/* The opening clause of @text: a title for a story printed without one.
 * A clause that only says when (近日，5月1日，今年以来，) is passed over. */
static char *
imp_fallback_title (ImpPage *pg, const char *text)
{
  GString *t = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean end = c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == ',';
      if (end && imp_match (pg, "^(近日|日前|近期|目前|当前|(\\d{4}年)?\\d{1,2}月\\d{1,2}日.{0,4}|.{0,6}(以来|期间|之际))$", t->str))
        {
          g_string_truncate (t, 0);
          continue;
        }
      if (end || g_utf8_strlen (t->str, -1) >= IMP_FALLBACK_TITLE_MAX)
        break;
      if (c != 0x201C && c != 0x201D && c != ' ')
        g_string_append_unichar (t, c);
    }
  if (!t->len)
    g_string_append (t, "无题");
  return g_string_free (t, FALSE);
}

/* Takes "本报讯（记者 李雅萍）" off the start of the first paragraph. */
static char *
imp_take_dateline (const char *para, char **rest)
{
  const char *p;
  int depth = 0;

  *rest = NULL;
  if (!g_str_has_prefix (para, "本报讯"))
    return NULL;
  p = para + strlen ("本报讯");
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "（"))
    for (const char *q = p; *q; q = g_utf8_next_char (q))
      {
        if (g_str_has_prefix (q, "（"))
          depth++;
        else if (g_str_has_prefix (q, "）") && --depth == 0)
          {
            p = q + strlen ("）");
            break;
          }
      }
  *rest = g_strdup (p);
  g_strchug (*rest);
  return g_strstrip (g_strndup (para, (gsize) (p - para)));
}

/* ------------------------------------------------------------ placing */

typedef struct {
  ImpPage   *pg;
  EdPage    *page;
  GPtrArray *stories;  /* of ImpStory *, per segment, then the others */
  gboolean   banner_done;
} ImpBuild;

/* The segment of the nearest item from @i in direction @dir (±1) that
 * belongs to one, or -1; with @lines_only, only lines (bylines, names,
 * credits) may stand between. */
static int
imp_seg_toward (const ImpPage *pg, int i, int dir, gboolean lines_only)
{
  for (int k = i + dir; k >= 0 && k < (int) pg->items->len; k += dir)
    {
      const ImpItem *it = imp_page_item (pg, k);
      if (it->seg >= 0)
        return it->seg;
      if (lines_only && it->kind != IMP_I_LINE)
        return -1;
    }
  return -1;
}

/* The segment of the nearest item from @i in direction @dir that belongs
 * to one, whatever stands between, or -1. */
static int
imp_nearest_seg (const ImpPage *pg, int i, int dir)
{
  return imp_seg_toward (pg, i, dir, FALSE);
}

static ImpStory *
imp_story_of (const ImpBuild *b, int seg)
{
  return seg >= 0 && seg < (int) b->stories->len ? g_ptr_array_index (b->stories, seg) : NULL;
}

/* The story of the group of run item @item, or NULL. */
static ImpStory *
imp_story_of_run (const ImpBuild *b, guint item)
{
  ImpStory *found = NULL;

  for (guint g = 0; g < b->pg->groups->len; g++)
    {
      const ImpGroup *grp = g_ptr_array_index (b->pg->groups, g);
      if (grp->item == item && grp->seg >= 0 && !grp->subhead)
        found = imp_story_of (b, grp->seg);
    }
  return found;
}

static void
imp_add_note_block (const ImpPage *pg, GPtrArray *blocks, const char *text, guint no)
{
  EdBlock *b = ed_block_new (ED_BLOCK_NOTE, no);
  g_autofree char *fixed = imp_page_fix (pg, text);

  ed_block_add_run (b, fixed, ED_RUN_PLAIN);
  g_ptr_array_add (blocks, b);
}

/* A byline goes to the story it stands with: under a head, that head's
 * story; before a text (□ 本报记者 X), the text after it; after a text
 * (记者 X 整理), the text before it.  It is set at the top when it stood
 * before the text. */
static void
imp_place_byline (ImpBuild *b, guint i, const ImpItem *it)
{
  const ImpPage *pg = b->pg;
  const ImpItem *prev = imp_page_item (pg, (int) i - 1);
  gboolean top = it->line->by == IMP_BY_TOP;
  ImpStory *head = prev && prev->kind == IMP_I_RUN ? imp_story_of_run (b, i - 1) : NULL;
  ImpStory *after = imp_story_of (b, imp_seg_toward (pg, (int) i, +1, TRUE));
  ImpStory *before = imp_story_of (b, imp_seg_toward (pg, (int) i, -1, TRUE));
  ImpStory *s;
  gboolean at_top;

  if (head && after && head != after && top)
    {
      /* between a head and a text: with the head when set right under
       * it, else with the text it opens */
      s = it->line->blank_before ? after : head;
      at_top = TRUE;
    }
  else if (head && (top || !before))
    s = head, at_top = TRUE;
  else if (top && after)
    s = after, at_top = TRUE;
  else if (before)
    s = before, at_top = FALSE;
  else if (after)
    s = after, at_top = TRUE;
  else
    s = imp_story_of (b, imp_nearest_seg (pg, (int) i, -1)), at_top = FALSE;
  if (!s || s->byline)
    {
      if ((s = s ? s : imp_story_of (b, imp_nearest_seg (pg, (int) i, +1))))
        imp_add_note_block (pg, s->back, it->text, it->line->no);
      return;
    }
  s->byline = g_strdup (it->text);
  s->byline_top = at_top;
}

/* The story whose text names @name most often. */
static ImpStory *
imp_story_naming (const ImpBuild *b, const char *name)
{
  ImpStory *best = NULL;
  guint most = 0;

  for (guint s = 0; s < b->pg->segs->len; s++)
    {
      const ImpSeg *seg = g_ptr_array_index (b->pg->segs, s);
      guint count = 0;
      for (guint k = 0; k < seg->items->len; k++)
        {
          const ImpItem *it = imp_page_item (b->pg, (int) g_array_index (seg->items, guint, k));
          for (const char *p = it->text ? strstr (it->text, name) : NULL; p; p = strstr (p + 1, name))
            count++;
        }
      if (count > most)
        most = count, best = g_ptr_array_index (b->stories, s);
    }
  return best;
}

static EdBlock *
imp_figure (const ImpPage *pg, const char *caption, const char *credit, guint no)
{
  EdBlock *f = ed_block_new (ED_BLOCK_FIGURE, no);

  f->caption = imp_page_fix (pg, caption);
  if (credit)
    f->credit = g_strdup (credit);
  return f;
}

/* Segments standing between item @i and segment @s. */
static guint
imp_segs_between (const ImpPage *pg, guint i, guint s)
{
  const ImpSeg *seg = g_ptr_array_index (pg->segs, s);
  guint a = g_array_index (seg->items, guint, 0), b = g_array_index (seg->items, guint, seg->items->len - 1);
  guint lo = i < a ? i : b, hi = i < a ? a : i, n = 0;

  for (guint t = 0; t < pg->segs->len; t++)
    {
      const ImpSeg *o = g_ptr_array_index (pg->segs, t);
      guint oa = g_array_index (o->items, guint, 0);
      n += t != s && oa > lo && oa < hi;
    }
  return n;
}

/* A caption goes to the story it resembles (the nearer one when two do);
 * one that resembles none is photo news of its own. */
static void
imp_place_caption (ImpBuild *b, guint i, ImpItem *it)
{
  ImpPage *pg = b->pg;
  double best = 0, best_sim = 0;
  int arg = -1;
  guint no = imp_ln (pg, it->first)->no;
  ImpStory *s;

  for (guint t = 0; t < pg->segs->len; t++)
    {
      double sim = imp_page_similarity (pg, it->text, t);
      double v = sim - IMP_CAPTION_FAR * imp_segs_between (pg, i, t);
      if (v > best)
        best = v, best_sim = sim, arg = (int) t;
    }
  if (arg >= 0 && best_sim >= IMP_CAPTION_SIM)
    {
      const ImpSeg *seg = g_ptr_array_index (pg->segs, arg);
      s = imp_story_of (b, arg);
      g_ptr_array_add (i < g_array_index (seg->items, guint, 0) ? s->front : s->back,
                       imp_figure (pg, it->text, it->credit, no));
      if (best_sim < 2 * IMP_CAPTION_SIM)
        ed_edition_add_note (pg->ed, "%s:%u: photo caption given to the story it resembles (%.2f)",
                             pg->stem, no, best_sim);
      return;
    }
  s = imp_story_new (i);
  {
    const char *t = g_str_has_prefix (it->text, "图为") ? it->text + strlen ("图为") : it->text;
    g_autofree char *title = imp_fallback_title (pg, t);
    s->art->title = imp_page_fix (pg, title);
  }
  s->art->kind = ED_KIND_PHOTO;
  s->synth = TRUE;
  g_ptr_array_add (s->front, imp_figure (pg, it->text, it->credit, no));
  g_ptr_array_add (b->stories, s);
  ed_edition_add_note (pg->ed, "%s:%u: photo caption that resembles no story (%.2f): a photo "
                       "article of its own", pg->stem, no, best_sim);
}

/* Lines that are no story's text: the page's furniture, dropped or kept. */
static void
imp_place_line (ImpBuild *b, guint i, ImpItem *it)
{
  ImpPage *pg = b->pg;
  const ImpLine *l = it->line;
  ImpStory *s;

  switch (l->kind)
    {
    case IMP_L_BYLINE:
      imp_place_byline (b, i, it);
      break;
    case IMP_L_NAME:
      s = imp_story_naming (b, it->text);
      if ((s = s ? s : imp_story_of (b, imp_nearest_seg (pg, (int) i, +1))))
        g_ptr_array_add (s->front, imp_figure (pg, it->text, NULL, l->no));
      break;
    case IMP_L_SIGN:
      if ((s = imp_story_of (b, imp_nearest_seg (pg, (int) i, -1))))
        g_ptr_array_add (s->signature, imp_page_fix (pg, it->text));
      break;
    case IMP_L_SECTION:
      if (!pg->section)
        pg->section = g_strdup (it->text);
      ed_edition_add_note (pg->ed, "%s:%u: the page's running head (%s) dropped; it names "
                           "the section", pg->stem, l->no, it->text);
      break;
    case IMP_L_DESK:
      if (!b->page->credits)
        b->page->credits = imp_page_fix (pg, it->text);
      break;
    case IMP_L_DATE:
    case IMP_L_SLOGAN:
    case IMP_L_JUMP:
      ed_edition_add_note (pg->ed, "%s:%u: %s dropped: %s", pg->stem, l->no,
                           l->kind == IMP_L_DATE ? "the running head's date"
                           : l->kind == IMP_L_SLOGAN ? "the running head's slogan" : "jump line",
                           it->text);
      break;
    default:
      if (it->used)
        break;
      if ((s = imp_story_of (b, imp_nearest_seg (pg, (int) i, -1)))
          || (s = imp_story_of (b, imp_nearest_seg (pg, (int) i, +1))))
        imp_add_note_block (pg, s->back, it->text, l->no);
      break;
    }
}

/* ---------------------------------------------------------- the heads */

/* Do lines @from … @to - 1, two or more, follow one another with no blank
 * line between? */
static gboolean
imp_lines_close (ImpPage *pg, guint from, guint to)
{
  if (to < from + 2)
    return FALSE;
  for (guint i = from + 1; i < to; i++)
    if (imp_ln (pg, i)->blank_before)
      return FALSE;
  return TRUE;
}

/* A short first or last line of a matched group that shares nothing with
 * its story is the story's column badge (栏头), not its kicker. */
static void
imp_peel_badges (ImpBuild *b)
{
  ImpPage *pg = b->pg;

  for (guint g = 0; g < pg->groups->len; g++)
    {
      ImpGroup *grp = g_ptr_array_index (pg->groups, g);
      ImpStory *s;
      guint line;
      if (grp->seg < 0 || grp->subhead || grp->to - grp->from < 2)
        continue;
      s = imp_story_of (b, grp->seg);
      for (int end = 0; end < 2 && !s->badge; end++)
        {
          line = end ? grp->to - 1 : grp->from;
          /* set apart from the head by a blank line, on a page that sets
           * none inside its heads, or where the head's other lines (two or
           * more) stand without one */
          guint rest_from = end ? grp->from : grp->from + 1, rest_to = end ? line : grp->to;
          if (!imp_badge_form (pg, imp_ln (pg, line)->text)
              || !imp_ln (pg, end ? line : line + 1)->blank_before
              || (!pg->blank_parts_heads && !imp_lines_close (pg, rest_from, rest_to))
              || imp_page_similarity (pg, imp_ln (pg, line)->text, (guint) grp->seg) >= IMP_BADGE_SIM)
            continue;
          s->badge = g_strdup (imp_ln (pg, line)->text);
          if (end)
            grp->to--;
          else
            grp->from++;
          ed_edition_add_note (pg->ed, "%s:%u: column badge %s (shares nothing with its story)",
                               pg->stem, imp_ln (pg, line)->no, s->badge);
        }
    }
}

/* The story whose matched head stands next to run item @item (only
 * headline runs and bylines between). */
static ImpStory *
imp_story_beside (const ImpBuild *b, guint item)
{
  ImpStory *s;

  if ((s = imp_story_of_run (b, item)))
    return s;
  for (int dir = -1; dir <= 1; dir += 2)
    for (int k = (int) item + dir; k >= 0 && k < (int) b->pg->items->len; k += dir)
      {
        const ImpItem *it = imp_page_item (b->pg, k);
        if (it->kind == IMP_I_LINE && it->line->kind == IMP_L_BYLINE)
          continue; /* a byline set under the head */
        if (it->kind != IMP_I_RUN)
          break;
        if ((s = imp_story_of_run (b, (guint) k)))
          return s;
      }
  return NULL;
}

/* May orphan group @g be the page's banner wherever it is printed: the
 * page has none, the group sets two phrases or more (lines, or parts apart
 * by a space) and resembles no story? */
static gboolean
imp_banner_by_form (const ImpBuild *b, const ImpGroup *g)
{
  const ImpPage *pg = b->pg;

  if (b->banner_done || (g->to - g->from < 2 && !strchr (g->text, ' ')))
    return FALSE;
  for (guint k = 0; k < pg->groups->len; k++)
    if (((const ImpGroup *) g_ptr_array_index (pg->groups, k))->banner)
      return FALSE;
  for (guint s = 0; s < pg->segs->len; s++)
    if (imp_page_similarity (pg, g->text, s) >= IMP_BANNER_SIM)
      return FALSE;
  return TRUE;
}

/* Group @g's lines as the page's banner, noted with @why. */
static void
imp_take_banner (ImpBuild *b, const ImpGroup *g, const char *why)
{
  ImpPage *pg = b->pg;
  g_autofree char *text = imp_join_lines (pg, g->from, g->to, " ");

  b->banner_done = TRUE;
  b->page->banner = imp_page_fix (pg, text);
  ed_edition_add_note (pg->ed, "%s:%u: %s taken as the page banner", pg->stem,
                       imp_ln (pg, g->from)->no, why);
}

/* Groups that head no story: a teaser (a head and 见4版), the page's
 * banner, a column badge, or a note kept with the nearest story. */
static void
imp_place_orphan (ImpBuild *b, ImpGroup *g)
{
  ImpPage *pg = b->pg;
  guint no = imp_ln (pg, g->from)->no;
  guint first_para = G_MAXUINT;
  ImpStory *s;

  for (guint i = 0; i < pg->items->len && first_para == G_MAXUINT; i++)
    if (imp_page_item (pg, (int) i)->seg >= 0)
      first_para = i;
  if (g->teaser >= 0)
    {
      ImpItem *jump = imp_page_item (pg, g->teaser);
      s = imp_story_new (MIN (g->item, (guint) g->teaser));
      imp_group_roles (pg, g, s->art);
      imp_add_note_block (pg, s->back, jump->text, jump->line->no);
      jump->used = TRUE;
      g_ptr_array_add (b->stories, s);
      return;
    }
  if (g->banner && !b->banner_done)
    {
      imp_take_banner (b, g, "headline that heads no story");
      return;
    }
  if (g->to - g->from == 1 && imp_badge_form (pg, g->text) && (s = imp_story_beside (b, g->item))
      && !s->badge)
    {
      s->badge = g_strdup (g->text);
      ed_edition_add_note (pg->ed, "%s:%u: column badge %s (next to a headline)", pg->stem, no, g->text);
      return;
    }
  if (imp_banner_by_form (b, g))
    {
      imp_take_banner (b, g, "phrases like no story");
      return;
    }
  if ((s = imp_story_of (b, imp_nearest_seg (pg, (int) g->item, +1)))
      || (s = imp_story_of (b, imp_nearest_seg (pg, (int) g->item, -1))))
    {
      g_autofree char *text = imp_join_lines (pg, g->from, g->to, " ");
      imp_add_note_block (pg, s->back, text, no);
      ed_edition_add_note (pg->ed, "%s:%u: headline without text kept as a note", pg->stem, no);
    }
}

/* ----------------------------------------------------------- the stories */

/* The blocks of segment @s: paragraphs (the dateline taken off the first)
 * and subheads. */
static void
imp_story_body (ImpBuild *b, guint s, ImpStory *st)
{
  GPtrArray *blocks = st->body;
  ImpPage *pg = b->pg;
  const ImpSeg *seg = g_ptr_array_index (pg->segs, s);
  gboolean first = TRUE;

  for (guint k = 0; k < seg->items->len; k++)
    {
      ImpItem *it = imp_page_item (pg, (int) g_array_index (seg->items, guint, k));
      EdBlock *blk;
      g_autofree char *text = NULL;
      if (it->kind == IMP_I_RUN)
        {
          g_autofree char *h = imp_join_lines (pg, it->first, it->last + 1, " ");
          blk = ed_block_new (ED_BLOCK_HEADING, imp_ln (pg, it->first)->no);
          blk->level = 2;
          text = imp_page_fix (pg, h);
          ed_block_add_run (blk, text, ED_RUN_PLAIN);
          g_ptr_array_add (blocks, blk);
          continue;
        }
      text = imp_page_fix (pg, it->text);
      if (first)
        {
          g_autofree char *rest = NULL, *dl = imp_take_dateline (text, &rest);
          if (dl && *rest)
            {
              st->art->dateline = g_steal_pointer (&dl);
              g_free (text);
              text = g_steal_pointer (&rest);
            }
          first = FALSE;
        }
      blk = ed_block_new (ED_BLOCK_PARAGRAPH, imp_ln (pg, it->first)->no);
      ed_block_add_run (blk, text, ED_RUN_PLAIN);
      g_ptr_array_add (blocks, blk);
    }
}

static gboolean
imp_is_notice_title (ImpPage *pg, const char *title)
{
  return imp_match (pg, "(公告|通知|启事|公示|通告|声明|告知书|倡议书)$", title);
}

/* Makes @st's article whole; returns it (owned by the caller). */
static EdArticle *
imp_story_finish (ImpBuild *b, ImpStory *st)
{
  GPtrArray *body = st->body;
  ImpPage *pg = b->pg;
  EdArticle *art = g_steal_pointer (&st->art);

  for (guint k = 0; k < st->front->len; k++)
    g_ptr_array_add (art->blocks, g_steal_pointer (&st->front->pdata[k]));
  for (guint k = 0; body && k < body->len; k++)
    g_ptr_array_add (art->blocks, g_steal_pointer (&body->pdata[k]));
  for (guint k = 0; k < st->back->len; k++)
    g_ptr_array_add (art->blocks, g_steal_pointer (&st->back->pdata[k]));
  if (st->byline)
    {
      const char *t = st->byline;
      gboolean box = g_str_has_prefix (t, "□");
      g_autofree char *fixed = NULL;
      while (g_str_has_prefix (t, "□"))
        t = g_strchug ((char *) t + strlen ("□"));
      fixed = imp_page_fix (pg, t);
      art->byline = box ? g_strconcat ("□ ", fixed, NULL) : g_steal_pointer (&fixed);
      art->byline_top = st->byline_top;
    }
  if (st->signature->len)
    {
      g_ptr_array_add (st->signature, NULL);
      art->signature = (char **) g_ptr_array_free (g_steal_pointer (&st->signature), FALSE);
      st->signature = g_ptr_array_new_with_free_func (g_free);
    }
  art->badge = g_steal_pointer (&st->badge);
  if (art->kind == ED_KIND_NEWS && imp_is_notice_title (pg, art->title))
    art->kind = ED_KIND_NOTICE;
  return art;
}

static int
imp_story_cmp (gconstpointer a, gconstpointer b)
{
  const ImpStory *x = *(ImpStory *const *) a, *y = *(ImpStory *const *) b;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* One article holding all the text of a page where no story was found. */
static EdArticle *
imp_page_all_text (ImpPage *pg)
{
  EdArticle *art = ed_article_new ();

  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = imp_ln (pg, i);
      EdBlock *blk = ed_block_new (ED_BLOCK_PARAGRAPH, l->no);
      g_autofree char *t = imp_page_fix (pg, l->text);
      ed_block_add_run (blk, t, ED_RUN_PLAIN);
      g_ptr_array_add (art->blocks, blk);
      if (!art->title)
        art->title = imp_fallback_title (pg, t);
    }
  ed_edition_add_note (pg->ed, "%s:1: no story recognised on the page: one article holds all "
                       "its text", pg->stem);
  return art;
}

/* Stories that found no headline take their opening clause. */
static void
imp_fallback_titles (ImpBuild *b)
{
  ImpPage *pg = b->pg;

  for (guint s = 0; s < pg->segs->len; s++)
    {
      ImpStory *st = g_ptr_array_index (b->stories, s);
      const ImpSeg *seg = g_ptr_array_index (pg->segs, s);
      const ImpItem *first = imp_page_item (pg, (int) g_array_index (seg->items, guint, 0));
      g_autofree char *fixed = NULL, *rest = NULL, *dl = NULL;
      if (st->art->title)
        continue;
      fixed = imp_page_fix (pg, first->text);
      dl = imp_take_dateline (fixed, &rest);
      st->art->title = imp_fallback_title (pg, dl && rest ? rest : fixed);
      ed_edition_add_note (pg->ed, "%s:%u: no headline found; title taken from the first sentence",
                           pg->stem, imp_ln (pg, first->first)->no);
      st->synth = TRUE;
    }
}

/* Adds the stories to @page as articles, in the order their text starts
 * on the page; returns how many. */
static guint
imp_add_articles (ImpBuild *b, guint number, GPtrArray *synth_titles)
{
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  guint n = 0;

  for (guint s = 0; s < b->stories->len; s++)
    g_ptr_array_add (order, g_ptr_array_index (b->stories, s));
  g_ptr_array_sort (order, imp_story_cmp);
  for (guint k = 0; k < order->len; k++)
    {
      ImpStory *st = g_ptr_array_index (order, k);
      gboolean synth = st->synth;
      EdArticle *art = imp_story_finish (b, st);
      if (!art->blocks->len)
        {
          ed_article_free (art);
          continue;
        }
      n++;
      art->id = g_strdup_printf ("p%u-%u", number, n);
      art->src_path = g_strdup_printf ("p%u-%u.md", number, n);
      ed_edition_add_article (b->pg->ed, b->page, art);
      if (synth && synth_titles)
        g_ptr_array_add (synth_titles, art);
    }
  return n;
}

gboolean
imp_page_articles (ImpPage *pg, EdPage *page, guint number, GPtrArray *synth_titles)
{
  ImpBuild b = { pg, page, g_ptr_array_new_with_free_func ((GDestroyNotify) imp_story_free), FALSE };

  for (guint s = 0; s < pg->segs->len; s++)
    {
      ImpSeg *seg = g_ptr_array_index (pg->segs, s);
      ImpStory *st = imp_story_new (g_array_index (seg->items, guint, 0));
      g_ptr_array_add (b.stories, st);
      imp_story_body (&b, s, st);
    }
  imp_peel_badges (&b);
  for (guint g = 0; g < pg->groups->len; g++)
    {
      ImpGroup *grp = g_ptr_array_index (pg->groups, g);
      if (grp->subhead)
        continue;
      if (grp->seg >= 0)
        {
          imp_group_roles (pg, grp, imp_story_of (&b, grp->seg)->art);
          if (grp->sim < IMP_SIM_CONFIDENT)
            ed_edition_add_note (pg->ed, "%s:%u: headline attached by its place (similarity %.2f, "
                                 "score %.2f)", pg->stem, imp_ln (pg, grp->from)->no, grp->sim, grp->score);
        }
      else
        imp_place_orphan (&b, grp);
    }
  for (guint i = 0; i < pg->items->len; i++)
    {
      ImpItem *it = g_ptr_array_index (pg->items, i);
      if (it->kind == IMP_I_CAPTION)
        imp_place_caption (&b, i, it);
      else if (it->kind == IMP_I_LINE && !it->used)
        imp_place_line (&b, i, it);
    }
  imp_fallback_titles (&b);
  if (imp_add_articles (&b, number, synth_titles) == 0)
    {
      EdArticle *art = imp_page_all_text (pg);
      /* the text holds the furniture too */
      g_clear_pointer (&page->banner, g_free);
      g_clear_pointer (&page->credits, g_free);
      art->id = g_strdup_printf ("p%u-1", number);
      art->src_path = g_strdup_printf ("p%u-1.md", number);
      ed_edition_add_article (pg->ed, page, art);
      if (synth_titles)
        g_ptr_array_add (synth_titles, art);
    }
  for (guint k = 0; k < page->articles->len; k++)
    {
      EdArticle *art = g_ptr_array_index (page->articles, k);
      if (art->kind == ED_KIND_NEWS)
        {
          art->lead = TRUE;
          break;
        }
    }
  g_ptr_array_unref (b.stories);
  return TRUE;
}
