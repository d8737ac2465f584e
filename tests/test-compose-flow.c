/* test-compose-flow.c — screens that read like a book (layouts with
 * compose.flow, builder/compose/compose-flow.c).
 *
 * Every test edition and sample page on every flowing layout: no jump
 * lines, no repeated heads, no 第N版 running heads; screens labelled 1, 2,
 * …; each print page starts a screen under its divider (第2版 · 要闻) and
 * its articles follow in edition order; every head keeps three lines of
 * its text under it on its screen; no screen holds only a caption, a
 * closing byline or furniture; every article's text placed once, in
 * order; widows and orphans counted, none where moving one line across
 * the break fixes it (without breaking a head's or a subhead's keep).
 *
 *   test-compose-flow --report   prints screens, widows and orphans per case
 */
#include "compose/compose.h"
#include "compose-cases.h"
#include "testutil.h"

#include <string.h>

/* The text of @e's lines, run together; caller owns. */
static char *
elem_text (const CompElem *e)
{
  return comp_elem_text (e, 0, e->lines->len);
}

static void
string_free (GString *s)
{
  g_string_free (s, TRUE);
}

static char *
strip_space (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/* elem_text () without white space. */
static char *
elem_text_stripped (const CompElem *e)
{
  g_autofree char *text = elem_text (e);
  return strip_space (text);
}

static gboolean
is_head (const CompElem *e, const EdArticle *art)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  if (e->kind != COMP_ELEM_HEADING)
    return FALSE;
  text = elem_text_stripped (e);
  title = strip_space (art->title);
  return *title && strstr (text, title) != NULL;
}

static gboolean
is_closing_byline (const CompElem *e, const EdArticle *art)
{
  g_autofree char *text = NULL;
  g_autofree char *byline = NULL;

  if (e->kind != COMP_ELEM_PARAGRAPH || !art->byline)
    return FALSE;
  text = elem_text_stripped (e);
  byline = strip_space (art->byline);
  return strcmp (text, byline) == 0;
}

/* The article's text as the sources give it, without white space: the
 * byline where it stands, the dateline, then each block's text (pictures'
 * captions left out: they float). */
static char *
expected_text (const EdArticle *art)
{
  GString *s = g_string_new (NULL);
  gboolean top = art->byline && (art->byline_top || g_str_has_prefix (art->byline, "□"));
  gboolean dateline = FALSE;

  if (top)
    g_string_append (s, art->byline);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      g_autofree char *text = NULL;

      if (b->kind == ED_BLOCK_FIGURE && b->image)
        continue;
      /* the dateline runs into the first paragraph */
      if (b->kind == ED_BLOCK_PARAGRAPH && art->dateline && !dateline)
        g_string_append (s, art->dateline);
      dateline |= b->kind == ED_BLOCK_PARAGRAPH;
      text = ed_block_text (b);
      g_string_append (s, text);
    }
  /* the 落款 closes the text, before a closing byline */
  for (guint i = 0; art->signature && art->signature[i]; i++)
    g_string_append (s, art->signature[i]);
  if (art->byline && !top)
    g_string_append (s, art->byline);
  {
    g_autofree char *all = g_string_free (s, FALSE);
    return strip_space (all);
  }
}

typedef struct {
  const CompEdition *ce;
  GHashTable *line_index;    /* TsLine * → its index in its paragraph + 1 */
  GHashTable *line_count;    /* TsLine * → lines of its paragraph */
  guint splits;              /* paragraphs cut at a screen's foot */
  guint widows, orphans, fixable;
} Flow;

static void
flow_init (Flow *f, const CompEdition *ce)
{
  memset (f, 0, sizeof *f);
  f->ce = ce;
  f->line_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  f->line_count = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < ce->paragraphs->len; i++)
    {
      const TsParagraph *par = g_ptr_array_index (ce->paragraphs, i);

      for (guint l = 0; l < par->lines->len; l++)
        {
          gpointer line = g_ptr_array_index (par->lines, l);
          g_hash_table_insert (f->line_index, line, GUINT_TO_POINTER (l + 1));
          g_hash_table_insert (f->line_count, line, GUINT_TO_POINTER (par->lines->len));
        }
    }
}

static void
flow_clear (Flow *f)
{
  g_hash_table_unref (f->line_index);
  g_hash_table_unref (f->line_count);
}

/* Index in its paragraph of element @e's line @i, and the paragraph's
 * line count. */
static guint
line_pos (const Flow *f, const CompElem *e, guint i, guint *count)
{
  gconstpointer line = g_array_index (e->lines, CompLine, i).line;

  *count = GPOINTER_TO_UINT (g_hash_table_lookup (f->line_count, line));
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->line_index, line)) - 1;
}

/* Text lines of article part @a (its head and pictures' captions not
 * counted). */
static guint
text_lines (const CompArticle *a)
{
  guint n = 0;

  for (guint k = a->part == 0 ? 1 : 0; k < a->elems->len; k++)
    {
      const CompElem *e = g_ptr_array_index (a->elems, k);
      if (!(e->kind == COMP_ELEM_FIGURE && e->image))
        n += e->lines->len;
    }
  return n;
}

/* Lines its head keeps under it: three, or all the article has. */
static guint
keep_target (const CompEdition *ce, const EdArticle *art)
{
  guint n = 0;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          if (a->article == art)
            n += text_lines (a);
        }
    }
  return MIN (n, ce->spec->costs.flow_keep_lines);
}

/* Each screen: labelled with its number, some text of substance (not only
 * a caption, a closing byline or furniture), no jump line, no 第N版 but in
 * the divider, heads once and at an article's start keeping their lines. */
static void
check_screen (const CompEdition *ce, const CompPage *p, GHashTable *heads)
{
  g_autofree char *label = g_strdup_printf ("%u", p->number);
  g_autoptr (GRegex) folio = g_regex_new ("第[0-9]+版", 0, 0, NULL);
  gboolean substance = FALSE;
  double y = 0, foot = ce->spec->type_top + lay_spec_rows (ce->spec) * ce->spec->body_pitch;

  g_assert_cmpstr (p->label, ==, label);
  g_assert_cmpuint (p->articles->len, >=, 1);
  for (guint k = 0; k < p->furniture->len; k++)
    {
      g_autofree char *text = elem_text (g_ptr_array_index (p->furniture, k));
      g_autofree char *outline = strip_space (p->outline);
      g_autofree char *stripped = strip_space (text);

      if (g_regex_match (folio, text, 0, NULL))
        g_assert_cmpstr (stripped, ==, outline);
    }
  for (guint j = 0; j < p->articles->len; j++)
    {
      const CompArticle *a = g_ptr_array_index (p->articles, j);

      for (guint k = 0; k < a->elems->len; k++)
        {
          const CompElem *e = g_ptr_array_index (a->elems, k);
          g_autofree char *text = elem_text (e);

          g_assert_null (e->link_dest);
          /* one column: read top to bottom, nothing set over anything,
           * nothing under the foot of the 版心 */
          if (e->image)
            {
              g_assert_cmpfloat (e->image_rect.y, >=, y);
              y = e->image_rect.y + e->image_rect.height;
            }
          for (guint l = 0; l < e->lines->len; l++)
            {
              const CompLine *cl = &g_array_index (e->lines, CompLine, l);

              g_assert_cmpfloat (cl->y, >, y);
              g_assert_cmpfloat (cl->y, <, foot);
              y = cl->y;
            }
          g_assert_null (strstr (text, "上接第"));
          g_assert_null (strstr (text, "下转第"));
          if (is_head (e, a->article))
            {
              g_assert_cmpuint (a->part, ==, 0);
              g_assert_cmpuint (k, ==, a->article->badge ? 1 : 0);   /* (a badge over it) */
              g_hash_table_add (heads, (gpointer) a->article);
            }
          substance |= e->kind == COMP_ELEM_HEADING || (e->kind == COMP_ELEM_FIGURE && e->image)
                       || (e->kind == COMP_ELEM_PARAGRAPH && e->lines->len > 0
                           && !is_closing_byline (e, a->article));
        }
      if (a->part == 0)
        {
          guint want = keep_target (ce, a->article);

          if (text_lines (a) < want)
            g_error ("%s: its head keeps %u lines on screen %u (of %u)", a->article->id,
                     text_lines (a), p->number, want);
        }
    }
  if (!substance)
    g_error ("screen %u holds only captions, a byline or furniture", p->number);
}

/* Each print page starts a screen under its divider (第N版 · section); the
 * articles follow in edition order, each one's parts on consecutive
 * screens linked by from_page and to_page; each article's text placed
 * once and in order. */
static void
check_print_pages (const EdEdition *ed, const CompEdition *ce)
{
  guint starts = 0, next = 0;  /* next article of the edition to start */
  g_autoptr (GHashTable) text = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                       (GDestroyNotify) string_free);
  g_autoptr (GHashTable) parts = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint print = 0;

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      if (p->outline)
        {
          const EdPage *ep = g_ptr_array_index (ed->pages, print);
          g_autofree char *want = *ep->section ? g_strdup_printf ("第%u版 · %s", print + 1,
                                                                  ep->section)
                                               : g_strdup_printf ("第%u版", print + 1);
          g_assert_cmpstr (p->outline, ==, want);
          print++;
        }
      g_assert_cmpuint (print, >=, 1);
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          guint part = GPOINTER_TO_UINT (g_hash_table_lookup (parts, a->article));
          GString *s = g_hash_table_lookup (text, a->article);

          g_assert_cmpuint (a->article->page, ==, print);
          g_assert_cmpuint (a->part, ==, part);
          if (a->part == 0)
            {
              g_assert_true (a->article == g_ptr_array_index (ed->articles, next));
              next++;
              starts++;
              s = g_string_new (NULL);
              g_hash_table_insert (text, (gpointer) a->article, s);
            }
          else
            {
              g_assert_cmpuint (a->from_page, ==, p->number - 1);
              g_assert_true (j == 0);
            }
          if (a->to_page)
            g_assert_cmpuint (a->to_page, ==, p->number + 1);
          g_hash_table_insert (parts, (gpointer) a->article, GUINT_TO_POINTER (part + 1));
          /* (the head, and a badge over it, are not the text) */
          for (guint k = a->part == 0 ? (a->article->badge ? 2 : 1) : 0; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              g_autofree char *t = elem_text (e);

              if (!(e->kind == COMP_ELEM_FIGURE && e->image))
                g_string_append (s, t);
            }
        }
    }
  g_assert_cmpuint (print, ==, ed->pages->len);
  g_assert_cmpuint (starts, ==, ed->articles->len);
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      GString *s = g_hash_table_lookup (text, art);
      g_autofree char *want = expected_text (art);
      g_autofree char *got = strip_space (s->str);

      if (strcmp (got, want) != 0)
        {
          gsize d = 0;

          while (got[d] && got[d] == want[d])
            d++;
          while (d > 0 && (got[d] & 0xC0) == 0x80)
            d--;
          d = d > 30 ? d - 30 : 0;
          /* raw UTF-8 (g_error would re-encode it to the locale's) */
          fprintf (stdout, "# %s differs from byte %zu:\n# got  %.80s\n# want %.80s\n", art->id,
                   d, got + d, want + d);
          g_error ("%s: its text is not placed whole and in order", art->id);
        }
    }
}

/* A paragraph cut at the foot of screen @p and going on at the top of
 * @q: counts a first line alone at the foot (orphan) or a last line alone
 * at the top (widow), and those a line moved across the break fixes
 * without leaving a head fewer lines than it keeps, a subhead without
 * its line, or a line alone on the other side. */
static void
check_break (Flow *f, const CompPage *p, const CompPage *q)
{
  const CompArticle *a = g_ptr_array_index (p->articles, p->articles->len - 1);
  const CompArticle *b = g_ptr_array_index (q->articles, 0);
  const CompElem *e, *n, *before;
  guint count, first_e, last_n, count_n;
  gboolean head_ok, orphan, widow;

  if (a->article != b->article || a->elems->len == 0 || b->elems->len == 0)
    return;
  e = g_ptr_array_index (a->elems, a->elems->len - 1);
  n = g_ptr_array_index (b->elems, 0);
  if (e->kind != COMP_ELEM_PARAGRAPH || n->kind != COMP_ELEM_PARAGRAPH || !e->lines->len
      || !n->lines->len)
    return;
  first_e = line_pos (f, e, 0, &count);
  last_n = line_pos (f, n, n->lines->len - 1, &count_n);
  if (line_pos (f, e, e->lines->len - 1, &count) + 1 != line_pos (f, n, 0, &count_n)
      || count != count_n)
    return;  /* two paragraphs: the break falls between them */
  f->splits++;
  orphan = e->lines->len == 1 && first_e == 0;
  widow = n->lines->len == 1 && last_n + 1 == count;
  f->orphans += orphan;
  f->widows += widow;
  /* the screen gives up one line: its head must keep its lines, a subhead
   * right above must keep its line */
  before = a->elems->len >= 2 ? g_ptr_array_index (a->elems, a->elems->len - 2) : NULL;
  head_ok = a->part > 0 || text_lines (a) > keep_target (f->ce, a->article);
  if (orphan && head_ok && !(before && before->kind == COMP_ELEM_HEADING))
    f->fixable++;
  else if (widow && head_ok && e->lines->len != 2)
    f->fixable++;
}

static void
flow_check (Flow *f, const EdEdition *ed)
{
  const CompEdition *ce = f->ce;
  g_autoptr (GHashTable) heads = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_assert_true (ce->spec->flow);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      check_screen (ce, p, heads);
      if (i + 1 < ce->pages->len)
        check_break (f, p, g_ptr_array_index (ce->pages, i + 1));
    }
  g_assert_cmpuint (g_hash_table_size (heads), ==, ed->articles->len);
  check_print_pages (ed, ce);
}

/* Composes case @c; @lone (if not NULL) is the cost of a widow and of an
 * orphan instead of the layout's. */
static CompEdition *
compose_case (const Case *c, EdEdition **ed, LaySpec **spec, TsContext **ts, const double *lone)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fonts = tu_path ("fonts");
  CompEdition *ce;

  *ed = load_case (c);
  *spec = lay_spec_load_named (tu_srcdir (), c->layout, &error);
  g_assert_no_error (error);
  if (lone)
    (*spec)->costs.flow_widow = (*spec)->costs.flow_orphan = *lone;
  *ts = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  ce = comp_edition_new (*ed, *spec, *ts, &error);
  g_assert_no_error (error);
  return ce;
}

typedef struct {
  guint screens, splits, widows, orphans, fixable;
} FlowCounts;

/* Composes case @c (@lone: compose_case) and checks it; returns its
 * counts. */
static FlowCounts
flow_case (const Case *c, const double *lone)
{
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = compose_case (c, &ed, &spec, &ts, lone);
  FlowCounts n;
  Flow f;

  flow_init (&f, ce);
  flow_check (&f, ed);
  n = (FlowCounts) { ce->pages->len, f.splits, f.widows, f.orphans, f.fixable };
  flow_clear (&f);
  return n;
}

static void
test_flow (gconstpointer data)
{
  const Case *c = data;
  FlowCounts n = flow_case (c, NULL);

  g_test_message ("%s@%s: %u screens, %u paragraphs cut, %u widows, %u orphans", c->edition,
                  c->layout, n.screens, n.splits, n.widows, n.orphans);
  g_assert_cmpuint (n.fixable, ==, 0);
}

/* The count of widows and orphans sees them: where they cost nothing, the
 * sample pages on the e-reader have some, and some a line's move fixes;
 * at their cost, none of those. */
static void
test_widows_counted (void)
{
  guint fixable = 0, lone = 0, splits = 0;

  for (guint s = 0; s < 5; s++)
    {
      g_autofree char *pattern = g_strdup_printf ("%03u_", s);
      g_autofree char *dir = tu_path ("seeds");
      g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (d)))
        if (g_str_has_prefix (name, pattern) && g_str_has_suffix (name, ".txt"))
          {
            const double free_cost = 0;
            g_autofree char *source = g_build_filename ("seeds", name, NULL);
            g_autofree char *edition = g_strdup_printf ("seed-%03u", s);
            Case c = { edition, source, (char *) "ereader" };
            FlowCounts n = flow_case (&c, &free_cost);

            fixable += n.fixable;
            lone += n.widows + n.orphans;
            splits += n.splits;
          }
    }
  g_test_message ("without their cost: %u paragraphs cut, %u widows and orphans, %u fixable",
                  splits, lone, fixable);
  g_assert_cmpuint (splits, >, 20);
  g_assert_cmpuint (lone, >, 0);
  g_assert_cmpuint (fixable, >, 0);
}

static gboolean
layout_flows (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LaySpec) spec = lay_spec_load_named (tu_srcdir (), name, &error);

  g_assert_no_error (error);
  return spec->flow;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) cases = NULL;
  gboolean report = argc > 1 && strcmp (argv[1], "--report") == 0;
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  cases = list_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autofree char *tname = NULL;

      if (!layout_flows (c->layout))
        continue;
      n++;
      if (report)
        {
          FlowCounts r = flow_case (c, NULL);

          printf ("%s@%s: %u screens, %u paragraphs cut, %u widows, %u orphans, %u fixable\n",
                  c->edition, c->layout, r.screens, r.splits, r.widows, r.orphans, r.fixable);
          continue;
        }
      tname = g_strdup_printf ("/compose-flow/%s@%s", c->edition, c->layout);
      g_test_add_data_func (tname, c, test_flow);
    }
  g_test_add_func ("/compose-flow/widows-counted", test_widows_counted);
  /* the e-reader, the large e-reader and the phone, at least */
  g_assert_cmpuint (n, >=, 3 * 9);
  return report ? 0 : g_test_run ();
}
