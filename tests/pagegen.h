/* pagegen.h — raw page text the way the paper's PDF extraction gives it,
 * generated from clean sources: a corpus to measure the importer on pages
 * it was never tuned on.
 *
 * pg_page_new (gen, seed) makes one page, deterministic from @seed:
 *
 *   1. an article mix cut from the clean sample editions
 *      (tests/import/truth/seed-*): one to eight articles, each a run of a
 *      source article's paragraphs under its own headline group, with new
 *      bylines (under the head or after the text, 本报记者 / 记者 X 整理 /
 *      （记者 X 通讯员 Y） / （X）), datelines (本报讯（记者 X） or 本报讯 and a
 *      date), column badges, notices with 落款, photo news, portraits,
 *      teasers (见N版), a page banner and desk credits;
 *   2. a layout made up for the page (4–8 columns of 10–22 characters,
 *      60–130 lines, lead and wide module widths), the page composed by
 *      epaper's own composer (comp_edition_new);
 *   3. the placed lines written in content-stream order: one text line per
 *      column line, each headline group after its body (or before it, or
 *      held back behind the next story), portraits and captions between
 *      stories, vertical heads one glyph a line with ﹃﹄ forms, with the
 *      samples' artefacts: letter-spaced lines, spaces around numbers,
 *      half-width punctuation, fake-bold doubling in chunks, bylines run
 *      onto the last line, frames opened with a space, blank lines between
 *      lines; some pages print a paragraph a line (cut where a column ends).
 *
 * The page's truth is the edition it was composed from (pg->truth), with
 * the furniture the composer does not draw (badge, signature, banner,
 * credits) kept in the truth and written into the text by the generator.
 */
#pragma once

#include "pagegen-stories.h"
#include "pagegen-text.h"

/* ----------------------------------------------------------- the page */

static inline void
pg_page_free (PgPage *p)
{
  if (!p)
    return;
  ed_edition_free (p->truth);
  g_free (p->text);
  g_free (p->layout);
  g_free (p);
}

/* The stories of a page, into @truth's page (and @stories, in step). */
static inline void
pg_make_stories (PgGen *g, GRand *r, EdEdition *truth, GArray *stories, glong capacity)
{
  EdPage *page = g_ptr_array_index (truth->pages, 0);
  static const int weights[PG_MAX_ARTICLES] = { 4, 8, 14, 16, 14, 10, 6, 4 };
  int total = 0, u, n = 0;

  for (int i = 0; i < PG_MAX_ARTICLES; i++)
    total += weights[i];
  u = pg_int (r, 0, total - 1);
  while (u >= weights[n])
    u -= weights[n++];
  n++;
  for (int i = 0; i < n; i++)
    {
      PgStory st = { 0 };
      EdArticle *art;
      glong budget = (glong) (capacity / n * (0.5 + g_rand_double (r)));
      if (i > 0 && pg_chance (r, PG_P_PHOTO / n * 1.5))
        art = pg_photo (g, r, &st);
      else if (pg_chance (r, PG_P_NOTICE / n * 1.5))
        art = pg_notice (g, r);
      else if (pg_chance (r, PG_P_TEASER / n * 1.5))
        art = pg_teaser (g, r);
      else
        art = pg_news (g, r, &st, MAX (budget, 120));
      art->id = g_strdup_printf ("p1-%d", i + 1);
      art->src_path = g_strdup_printf ("p1-%d.md", i + 1);
      st.head_late = pg_chance (r, PG_P_HEAD_LATE);
      st.figs_late = pg_chance (r, 0.3);
      st.figs_first = !st.figs_late && pg_chance (r, 0.2);
      st.credit_runon = pg_chance (r, 0.35);
      st.badge_after = pg_chance (r, 0.6);
      st.byline_in_head = pg_chance (r, 0.5);
      ed_edition_add_article (truth, page, art);
      g_array_append_val (stories, st);
    }
  for (guint i = 0; i < stories->len; i++)
    g_array_index (stories, PgStory, i).art = g_ptr_array_index (page->articles, i);
}

/* Drops story @i (one the composer cannot place) from the truth page. */
static inline void
pg_drop_story (EdEdition *truth, GArray *stories, guint i)
{
  EdPage *tp = g_ptr_array_index (truth->pages, 0);
  EdArticle *art;

  if (i >= tp->articles->len || tp->articles->len < 2)
    {
      pg_shrink (truth, stories);
      return;
    }
  art = g_ptr_array_index (tp->articles, i);
  g_ptr_array_remove_index (tp->articles, i);
  g_ptr_array_remove (truth->articles, art);
  g_array_remove_index (stories, i);
}

/* Composes the stories until they all stand whole on the page. */
static inline CompEdition *
pg_compose (PgGen *g, const LaySpec *spec, EdEdition *truth, GArray *stories, EdEdition **comp)
{
  for (guint tries = 0; tries < 40; tries++)
    {
      g_autoptr (GError) error = NULL;
      CompEdition *ce;
      *comp = pg_comp_edition (truth);
      ce = comp_edition_new (*comp, spec, g->ts, &error);
      if (ce && pg_fits (ce))
        return ce;
      g_clear_pointer (&ce, comp_edition_free);
      g_clear_pointer (comp, ed_edition_free);
      if (error && g_str_has_prefix (error->message, "a"))
        pg_drop_story (truth, stories, (guint) atoi (error->message + 1)); /* "a3.md: …" */
      else
        pg_shrink (truth, stories);
      for (guint i = 0; i < stories->len; i++)
        g_array_index (stories, PgStory, i).art
            = g_ptr_array_index (((EdPage *) g_ptr_array_index (truth->pages, 0))->articles, i);
    }
  return NULL;
}

static inline void
pg_habits (GRand *r, PgHabits *h)
{
  static const double spaced[] = { 0, 0.005, 0.01, 0.03 };
  double u = g_rand_double (r);

  h->para_lines = pg_chance (r, PG_P_PARA_LINES);
  h->double_spaced = pg_chance (r, PG_P_DOUBLE_SPACED);
  h->head_before = h->para_lines ? pg_chance (r, 0.7) : pg_chance (r, PG_P_HEAD_BEFORE);
  h->num_space = !h->para_lines && pg_chance (r, PG_P_NUM_SPACE);
  h->half = u < PG_P_HALF_ALL || (h->para_lines && u < 0.6) ? 2 : u < PG_P_HALF_ALL + PG_P_HALF_SOME;
  h->spaced_rate = spaced[pg_int (r, 0, 3)];
  h->dateline_space = pg_chance (r, 0.3);
}

/* The frames of the page in drawing order, into @order (owning @all). */
static inline void
pg_order_frames (GRand *r, const CompPage *cp, GArray *stories, const PgHabits *h,
                 double measure, GPtrArray *all, GPtrArray *order)
{
  g_autoptr (GPtrArray) pending = g_ptr_array_new ();
  g_autoptr (GPtrArray) placed = g_ptr_array_new ();

  for (guint i = 0; i < cp->articles->len; i++)
    g_ptr_array_add (placed, g_ptr_array_index (cp->articles, i));
  for (guint i = 0; i + 1 < placed->len; i++)
    if (pg_chance (r, PG_P_SWAP))
      {
        gpointer t = placed->pdata[i];
        placed->pdata[i] = placed->pdata[i + 1];
        placed->pdata[i + 1] = t;
        i++;
      }
  for (guint i = 0; i < placed->len; i++)
    {
      const CompArticle *ca = g_ptr_array_index (placed, i);
      guint idx = (guint) atoi (ca->article->id + 1);
      const PgStory *st = &g_array_index (stories, PgStory, idx);
      PgStoryFrames f;
      g_autoptr (GPtrArray) later = g_ptr_array_new ();
      PgFrame *heads[3];

      pg_story_frames (r, ca, st, h, measure, &f);
      g_ptr_array_add (all, f.body);
      g_ptr_array_add (all, f.figs);
      heads[0] = f.badge && !st->badge_after ? f.badge : NULL;
      heads[1] = f.head;
      heads[2] = f.badge && st->badge_after ? f.badge : NULL;
      for (guint k = 0; k < 3; k++)
        if (heads[k])
          g_ptr_array_add (all, heads[k]);
      if (st->figs_first)
        g_ptr_array_add (order, f.figs);
      for (guint k = 0; h->head_before && !st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (order, heads[k]);
      g_ptr_array_add (order, f.body);
      for (guint k = 0; !h->head_before && !st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (order, heads[k]);
      for (guint k = 0; st->head_late && k < 3; k++)
        if (heads[k])
          g_ptr_array_add (later, heads[k]);
      if (!st->figs_first)
        g_ptr_array_add (st->figs_late ? later : order, f.figs);
      for (guint k = 0; k < pending->len; k++)
        g_ptr_array_add (order, g_ptr_array_index (pending, k));
      g_ptr_array_set_size (pending, 0);
      for (guint k = 0; k < later->len; k++)
        g_ptr_array_add (pending, g_ptr_array_index (later, k));
    }
  for (guint k = 0; k < pending->len; k++)
    g_ptr_array_add (order, g_ptr_array_index (pending, k));
}

/* One page from @seed, or NULL if no mix of stories fits its layout. */
static inline PgPage *
pg_page_new (PgGen *g, guint32 seed)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (seed);
  g_autoptr (LaySpec) spec = pg_layout (g->base, r);
  g_autoptr (GArray) stories = g_array_new (FALSE, TRUE, sizeof (PgStory));
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_frame_free);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autoptr (EdEdition) comp = NULL;
  g_autoptr (CompEdition) ce = NULL;
  PgPage *pg = g_new0 (PgPage, 1);
  EdPage *page;
  PgHabits h;
  PgFrame *banner = NULL, *head = NULL;
  gboolean banner_first = pg_chance (r, 0.7), head_first = pg_chance (r, 0.4);

  g_hash_table_remove_all (g->used);
  pg->truth = ed_edition_new ();
  pg->truth->paper = g_strdup ("吕梁日报");
  g_date_set_dmy (&pg->truth->gdate, (GDateDay) pg_int (r, 1, 28), (GDateMonth) pg_int (r, 1, 12),
                  (GDateYear) pg_int (r, 2019, 2025));
  {
    char buf[16];
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &pg->truth->gdate);
    pg->truth->date = g_strdup (buf);
  }
  page = ed_page_new (1, pg_chance (r, PG_P_RUNNING_HEAD) ? pg_pick (r, pg_sections) : "要闻");
  g_ptr_array_add (pg->truth->pages, page);
  pg_make_stories (g, r, pg->truth, stories, pg_capacity (spec));
  if (!(ce = pg_compose (g, spec, pg->truth, stories, &comp)))
    {
      pg_page_free (pg);
      return NULL;
    }
  pg_habits (r, &h);
  if (pg_chance (r, PG_P_BANNER))
    {
      g_autofree char *b = pg_chance (r, 0.4) ? g_strdup_printf ("%s %s", pg_pick (r, pg_banners),
                                                                 pg_pick (r, pg_banner_subs))
                                              : g_strdup (pg_pick (r, pg_banners));
      page->banner = g_strdup (b);
      banner = pg_frame_new (PG_F_HEAD);
      banner->fake_bold = pg_chance (r, PG_P_FAKE_BOLD / 2);
      {
        g_auto (GStrv) parts = g_strsplit (b, " ——", 2);
        pg_frame_add (banner, parts[0], FALSE);
        if (parts[1])
          {
            g_autofree char *sub = g_strconcat ("——", parts[1], NULL);
            pg_frame_add (banner, sub, FALSE);
          }
      }
      g_ptr_array_add (all, banner);
    }
  if (strcmp (page->section, "要闻") || pg_chance (r, PG_P_CREDITS))
    {
      gboolean credits = pg_chance (r, 0.7);
      page->credits = credits ? pg_desk_credits (r) : NULL;
      head = strcmp (page->section, "要闻") ? pg_running_head (r, pg->truth, page->credits)
                                           : pg_frame_of (PG_F_FURN, page->credits);
      g_ptr_array_add (all, head);
    }
  if (banner && banner_first)
    g_ptr_array_add (order, banner);
  if (head && head_first)
    g_ptr_array_add (order, head);
  pg_order_frames (r, g_ptr_array_index (ce->pages, 0), stories, &h, spec->column_chars, all, order);
  if (banner && !banner_first)
    g_ptr_array_insert (order, MIN (2, (int) order->len), banner);
  if (head && !head_first)
    g_ptr_array_add (order, head);
  pg->text = pg_write (r, order, &h);
  pg->layout = pg_layout_describe (spec);
  return pg;
}
