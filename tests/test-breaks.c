/* test-breaks.c — the line breaker (builder/typeset/typeset-breaks.c,
 * typeset-fit.c, typeset-phrases.c).
 *
 * The property test sets every paragraph, headline, subhead, byline and
 * caption of the sample pages (seeds/NAME.txt through the importer) at 8 to
 * 30 em and checks, with its own reading of fonts/phrases.yaml and its own
 * search over the break opportunities: no line breaks inside a listed
 * compound or name, a number with its unit, a phone number or a Latin word
 * that fits the line; no kinsoku violation; every character in order; and
 * for short paragraphs, no line spread more than ¼ em a gap where another
 * set of breaks avoids it, and no set of breaks cheaper than the
 * breaker's. */
#include "base/errors.h"
#include "import/import.h"
#include "model/model.h"
#include "typeset/typeset-private.h"
#include "testutil.h"
#include "typeset/lines.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <yaml.h>

#define EM 9.0

static const double measures[] = { 8, 11, 13, 17, 22, 30 };
static const char no_start[] = "、。，．：；！？”’」』）〕】〗］｝》〉—…%％·～,.;:!?)﹂﹄";
static const char no_end[] = "“‘「『（〔【〖［｛《〈﹁﹃";

/* ---------------------------------------------------------------------
 * The sample pages
 * ------------------------------------------------------------------- */

typedef struct {
  char    *runin;   /* owned or NULL: a run-in span in the heading face */
  char    *text;    /* owned */
  TsStyle  style;
} Sample;

static void
sample_free (Sample *s)
{
  g_free (s->runin);
  g_free (s->text);
  g_free (s);
}

static void
add_sample (GPtrArray *out, const char *runin, const char *text, TsRole role, TsAlign align,
            double indent, gboolean headline)
{
  Sample *s;

  if (!text || !*text)
    return;
  s = g_new0 (Sample, 1);
  s->runin = runin && *runin ? g_strdup (runin) : NULL;
  s->text = g_strdup (text);
  s->style.role = role;
  s->style.size = EM;
  s->style.pitch = EM * 1.5;
  s->style.indent = indent;
  s->style.align = align;
  s->style.headline = headline;
  g_ptr_array_add (out, s);
}

static void
add_article (GPtrArray *out, const EdArticle *art)
{
  gboolean first = TRUE;

  add_sample (out, NULL, art->title, TS_ROLE_HEADING, TS_ALIGN_CENTER, 0, TRUE);
  add_sample (out, NULL, art->kicker, TS_ROLE_KICKER, TS_ALIGN_CENTER, 0, TRUE);
  if (art->subtitle)
    add_sample (out, NULL, g_str_has_prefix (art->subtitle, "——") ? art->subtitle + 6
                                                                   : art->subtitle,
                TS_ROLE_SUBTITLE, TS_ALIGN_CENTER, 0, TRUE);
  add_sample (out, NULL, art->byline, TS_ROLE_BYLINE, TS_ALIGN_END, 0, FALSE);
  for (guint i = 0; art->signature && art->signature[i]; i++)
    add_sample (out, NULL, art->signature[i], TS_ROLE_BODY, TS_ALIGN_END, 0, FALSE);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      g_autofree char *text = ed_block_text (b);

      if (b->kind == ED_BLOCK_PARAGRAPH)
        add_sample (out, first ? art->dateline : NULL, text, TS_ROLE_BODY, TS_ALIGN_JUSTIFY, 2, FALSE);
      else if (b->kind == ED_BLOCK_HEADING)
        add_sample (out, NULL, text, TS_ROLE_HEADING, TS_ALIGN_START, 0, FALSE);
      else if (b->kind == ED_BLOCK_FIGURE)
        add_sample (out, NULL, text, TS_ROLE_CAPTION, TS_ALIGN_JUSTIFY, 0, FALSE);
      first &= b->kind != ED_BLOCK_PARAGRAPH;
    }
}

/* Every text of the five sample pages, as the composer would set it. */
static GPtrArray *
sample_texts (void)
{
  g_autofree char *dir = tu_path ("seeds");
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);
  ed = imp_import_pages ((char **) paths->pdata, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ed->articles->len; i++)
    add_article (out, g_ptr_array_index (ed->articles, i));
  return out;
}

static TsParagraph *
sample_set (TsContext *ctx, const Sample *s, double measure)
{
  TsSpan spans[2] = { { s->runin, TS_ROLE_HEADING }, { s->text, s->style.role } };

  return s->runin ? ts_set_spans (ctx, spans, 2, &s->style, measure)
                  : ts_set_spans (ctx, spans + 1, 1, &s->style, measure);
}

static void
sample_work (TsWork *w, TsContext *ctx, const Sample *s)
{
  TsSpan spans[2] = { { s->runin, TS_ROLE_HEADING }, { s->text, s->style.role } };

  if (s->runin)
    ts_work_setup (w, ctx, spans, 2, &s->style);
  else
    ts_work_setup (w, ctx, spans + 1, 1, &s->style);
}

/* ---------------------------------------------------------------------
 * What must stay whole: the test's own reading of fonts/phrases.yaml
 * ------------------------------------------------------------------- */

typedef struct {
  GPtrArray *words;   /* char *: compounds and names, longest first */
  GRegex    *number;  /* a number with its units; a phone number; a word */
  GRegex    *url;     /* a URL or an e-mail address */
} Keep;

static gint
longer_first (gconstpointer a, gconstpointer b)
{
  return (int) g_utf8_strlen (*(const char *const *) b, -1)
         - (int) g_utf8_strlen (*(const char *const *) a, -1);
}

/* The entries of list @key of fonts/phrases.yaml. */
static GPtrArray *
yaml_list (const char *key)
{
  g_autofree char *path = tu_path ("fonts/phrases.yaml");
  g_autofree char *data = NULL;
  gsize len = 0;
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_node_t *root;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  g_assert_true (yaml_parser_load (&parser, &doc));
  root = yaml_document_get_root_node (&doc);
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (&doc, p->key);
      yaml_node_t *v = yaml_document_get_node (&doc, p->value);

      if (strcmp ((const char *) k->data.scalar.value, key))
        continue;
      for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++)
        g_ptr_array_add (out, g_strdup ((const char *) yaml_document_get_node (&doc, *it)->data.scalar.value));
    }
  yaml_document_delete (&doc);
  yaml_parser_delete (&parser);
  return out;
}

static void
keep_init (Keep *k)
{
  g_autoptr (GPtrArray) names = yaml_list ("names");
  g_autoptr (GPtrArray) units = yaml_list ("units");
  GString *re = g_string_new ("第?[0-9]+(?:[.:/][0-9]+|,[0-9]{3}(?![0-9]))*[亿万千百余多]*(?:");

  k->words = yaml_list ("compounds");
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (k->words, g_strdup (g_ptr_array_index (names, i)));
  g_ptr_array_sort (k->words, longer_first);
  g_ptr_array_sort (units, longer_first);
  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (re, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (units, i));
  g_string_append (re, ")?|[0-9]{3,}(?:-[0-9]{4,})+|[A-Za-z]{2,}");
  k->number = g_regex_new (re->str, 0, 0, NULL);
  k->url = g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|(?:https?://|www\\.)[!-~]+",
                        0, 0, NULL);
  g_assert_nonnull (k->number);
  g_assert_nonnull (k->url);
  g_string_free (re, TRUE);
}

static void
keep_clear (Keep *k)
{
  g_ptr_array_unref (k->words);
  g_regex_unref (k->number);
  g_regex_unref (k->url);
}

/* Adds the char ranges [a, b) of @text that @re matches, leaving out
 * those inside a range of @but (pairs, may be NULL). */
static void
keep_matches (GRegex *re, const char *text, const GArray *but, GArray *out)
{
  g_autoptr (GMatchInfo) m = NULL;

  g_regex_match (re, text, 0, &m);
  while (g_match_info_matches (m))
    {
      int a, b;
      guint r[2];
      gboolean inside = FALSE;

      g_match_info_fetch_pos (m, 0, &a, &b);
      r[0] = g_utf8_pointer_to_offset (text, text + a);
      r[1] = g_utf8_pointer_to_offset (text, text + b);
      for (guint i = 0; but && i < but->len; i += 2)
        inside |= r[0] < g_array_index (but, guint, i + 1) && r[1] > g_array_index (but, guint, i);
      if (!inside)
        g_array_append_vals (out, r, 2);
      g_match_info_next (m, NULL);
    }
}

/* Adds the char ranges [a, b) of @text that must stay whole: the leftmost
 * longest listed words, and the numbers, phone numbers and Latin words
 * (not those of a URL or e-mail address: @urls gets those). */
static void
keep_ranges (const Keep *k, const char *text, GArray *out, GArray *urls)
{

  for (const char *p = text; *p;)
    {
      guint len = 0;

      for (guint i = 0; i < k->words->len && !len; i++)
        if (g_str_has_prefix (p, g_ptr_array_index (k->words, i)))
          len = strlen (g_ptr_array_index (k->words, i));
      if (len)
        {
          guint r[2] = { g_utf8_pointer_to_offset (text, p), 0 };
          r[1] = r[0] + g_utf8_strlen (p, len);
          g_array_append_vals (out, r, 2);
          p += len;
        }
      else
        p = g_utf8_next_char (p);
    }
  keep_matches (k->url, text, NULL, urls);
  keep_matches (k->number, text, urls, out);
}

/* ---------------------------------------------------------------------
 * The test's own search (short paragraphs)
 * ------------------------------------------------------------------- */

typedef struct {
  TsWork *w;
  TsFit  *fit;
  double  measure, indent;
  gint8  *good;    /* per start: -1 unknown, 0/1 whether the rest can be set
                      with no line spread past ¼ em a gap */
  double *best;    /* per start: least cost of setting the rest (NAN: unknown) */
} Search;

static gboolean
search_may_break (const Search *s, guint e)
{
  const TsChar *ch;

  if (e == s->w->chars->len)
    return TRUE;
  ch = TS_CHAR (s->w, e);
  return !(ch->flags & TS_CH_CONT) && ch->cls != TS_CLS_SPACE && ch->brk >= TS_BRK_CHAR;
}

/* How far line [a, e) is spread at each gap, em (0: not at all; INFINITY:
 * spread with no gap), or -1 when it cannot fit. */
static double
search_spread (const Search *s, guint a, guint e)
{
  TsLineFit f;
  double avail = s->measure - (a == 0 ? s->indent : 0), slack;

  ts_work_line_fit (s->w, a, e, &f);
  slack = avail - f.natural;
  if (-slack > f.shrink0 + f.shrink1 + f.shrink_gap + TS_EPS)
    return -1;
  if (slack <= TS_EPS)
    return 0;
  return f.gaps ? slack / f.gaps / s->w->em : INFINITY;
}

static gboolean
search_last_ok (const Search *s, guint a)
{
  TsLineFit f;

  ts_work_line_fit (s->w, a, s->w->chars->len, &f);
  return a == 0 || f.letters >= 2;
}

/* Can chars [a, n) be set with legal breaks, every line fitting, no line
 * but the last spread past ¼ em a gap, and a last line of two or more? */
static gboolean
search_good (Search *s, guint a)
{
  guint n = s->w->chars->len;

  if (s->good[a] >= 0)
    return s->good[a];
  s->good[a] = 0;
  for (guint e = a + 1; e <= n && !s->good[a]; e++)
    {
      double spread;

      if (!search_may_break (s, e))
        continue;
      spread = search_spread (s, a, e);
      if (spread < 0)
        break;
      if (e == n)
        s->good[a] = search_last_ok (s, a);
      else if (spread <= TS_LOOSE_GAP_EM + 1e-6)
        s->good[a] = search_good (s, e);
    }
  return s->good[a];
}

/* The least cost of setting chars [a, n) with legal breaks. */
static double
search_best (Search *s, guint a)
{
  guint n = s->w->chars->len;

  if (!isnan (s->best[a]))
    return s->best[a];
  s->best[a] = INFINITY;
  for (guint e = a + 1; e <= n; e++)
    {
      double c;

      if (!search_may_break (s, e))
        continue;
      if (search_spread (s, a, e) < 0)
        break;
      c = ts_fit_line_cost (s->fit, a, e) + (e == n ? 0 : search_best (s, e));
      s->best[a] = MIN (s->best[a], c);
    }
  return s->best[a];
}

/* ---------------------------------------------------------------------
 * The property test
 * ------------------------------------------------------------------- */

typedef struct {
  guint lines, pieces, searched, loose, loose_forced;
} Tally;

static gboolean
in_set (gunichar c, const char *set)
{
  return c && g_utf8_strchr (set, -1, c) != NULL;
}

/* Text without white space. */
static char *
squeeze (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
check_kinsoku (const TsParagraph *par, double measure, const char *what)
{
  for (guint l = 0; l < par->lines->len; l++)
    {
      g_autofree char *t = line_text (par, l);
      g_autofree char *stripped = g_strstrip (g_strdup (t));
      gunichar first = g_utf8_get_char (stripped);
      gunichar last = *stripped ? g_utf8_get_char (g_utf8_prev_char (stripped + strlen (stripped))) : 0;

      if (in_set (first, no_start) || in_set (last, no_end))
        g_error ("%s at %g em: kinsoku violation on line %u \"%s\"", what, measure, l, t);
      if (last == 0x2014 && (l + 1 == par->lines->len || !g_str_has_suffix (stripped, "——")))
        g_error ("%s at %g em: a connector dash ends line %u \"%s\"", what, measure, l, t);
    }
}

/* No line boundary inside a range of @ranges that fits the line (with a
 * mark either side); one too wide for it may break only after / . @
 * when @urls. */
static void
check_ranges (TsContext *ctx, const Sample *s, const TsParagraph *par, double measure,
              const GArray *ranges, gboolean urls, Tally *tally)
{
  for (guint r = 0; r < ranges->len; r += 2)
    {
      guint a = g_array_index (ranges, guint, r), b = g_array_index (ranges, guint, r + 1);
      const char *pa = g_utf8_offset_to_pointer (par->text, a);
      g_autofree char *piece = g_strndup (pa, g_utf8_offset_to_pointer (pa, b - a) - pa);
      gboolean fits = ts_measure_text (ctx, piece, &s->style) + 2 * s->style.size <= measure;

      if (!fits && !urls)
        continue;
      tally->pieces++;
      for (guint l = 1; l < par->lines->len; l++)
        {
          guint at = ((const TsLine *) g_ptr_array_index (par->lines, l))->char_start;
          gunichar before = at > 0 ? g_utf8_get_char (g_utf8_offset_to_pointer (par->text, at - 1)) : 0;

          if (at > a && at < b && (fits || !strchr ("/.@", (int) before)))
            {
              g_autofree char *got = breaks_of (par);
              g_error ("%s broken at %g em: %s", piece, measure / s->style.size, got);
            }
        }
    }
}

static void
check_pieces (TsContext *ctx, const Keep *k, const Sample *s, const TsParagraph *par,
              double measure, Tally *tally)
{
  g_autoptr (GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) urls = g_array_new (FALSE, FALSE, sizeof (guint));

  keep_ranges (k, par->text, ranges, urls);
  check_ranges (ctx, s, par, measure, ranges, FALSE, tally);
  check_ranges (ctx, s, par, measure, urls, TRUE, tally);
}

/* A run-in dateline keeps its spaces and breaks only at them (or at its
 * brackets). */
static void
check_runin (const Sample *s, const TsParagraph *par, double measure)
{
  glong len;
  g_autofree char *runin = NULL;

  if (!s->runin)
    return;
  runin = g_strdup (s->runin);
  g_strdelimit (runin, "\t\n", ' ');
  len = g_utf8_strlen (runin, -1);
  g_assert_true (g_str_has_prefix (par->text, runin));
  for (guint l = 1; l < par->lines->len; l++)
    {
      guint at = ((const TsLine *) g_ptr_array_index (par->lines, l))->char_start;
      gunichar before = g_utf8_get_char (g_utf8_offset_to_pointer (par->text, at - 1));
      gunichar here = g_utf8_get_char (g_utf8_offset_to_pointer (par->text, at));

      if (at < (guint) len && before != ' ' && before != 0xFF09 && here != 0xFF08)
        {
          g_autofree char *got = breaks_of (par);
          g_error ("dateline broken between names at %g em: %s", measure / s->style.size, got);
        }
    }
}

/* Short justified paragraphs: against the test's own search. */
static void
check_spacing (TsContext *ctx, const Sample *s, const TsParagraph *par, double measure,
               Tally *tally)
{
  TsWork w;
  Search search = { &w, NULL, measure, s->style.indent * s->style.size, NULL, NULL };
  guint n;
  double worst = 0, cost = 0;

  if (s->style.align != TS_ALIGN_JUSTIFY || par->lines->len > 8 || par->lines->len < 2)
    return;
  sample_work (&w, ctx, s);
  n = w.chars->len;
  search.fit = ts_fit_new (&w, measure, search.indent);
  search.good = g_new (gint8, n + 1);
  search.best = g_new (double, n + 1);
  memset (search.good, -1, n + 1);
  for (guint i = 0; i <= n; i++)
    search.best[i] = NAN;
  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      guint a = line->char_start, e = a + line->char_count;

      cost += ts_fit_line_cost (search.fit, a, e);
      if (l + 1 < par->lines->len)
        worst = MAX (worst, search_spread (&search, a, e));
    }
  tally->searched++;
  if (worst > TS_LOOSE_GAP_EM + 1e-6)
    {
      tally->loose++;
      if (search_good (&search, 0))
        {
          g_autofree char *got = breaks_of (par);
          g_error ("at %g em a line is spread %.2f em a gap, yet a set of breaks with "
                   "none past ¼ em exists: %s", measure / s->style.size, worst, got);
        }
      tally->loose_forced++;
    }
  /* the breaker's set is the cheapest there is */
  if (isfinite (search_best (&search, 0)))
    g_assert_cmpfloat (cost, <=, search_best (&search, 0) * (1 + 1e-9) + 1e-6);
  ts_fit_free (search.fit);
  g_free (search.good);
  g_free (search.best);
  ts_work_clear (&w);
}

static void
test_samples (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  g_autoptr (GPtrArray) samples = sample_texts ();
  Keep keep;
  Tally tally = { 0 };

  keep_init (&keep);
  g_assert_cmpuint (samples->len, >, 200);
  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    for (guint i = 0; i < samples->len; i++)
      {
        const Sample *s = g_ptr_array_index (samples, i);
        double measure = measures[m] * s->style.size;
        g_autoptr (TsParagraph) par = sample_set (ctx, s, measure);
        g_autofree char *src = g_strconcat (s->runin ? s->runin : "", s->text, NULL);
        g_autofree char *want = squeeze (src);
        g_autofree char *got = squeeze (par->text);

        check_structure (par);
        g_assert_cmpstr (got, ==, want);
        tally.lines += par->lines->len;
        check_kinsoku (par, measures[m], s->text);
        check_pieces (ctx, &keep, s, par, measure, &tally);
        check_runin (s, par, measure);
        check_spacing (ctx, s, par, measure, &tally);
      }
  g_test_message ("%u lines, %u whole pieces checked; %u short paragraphs searched: "
                  "%u with a loose line, all %u forced", tally.lines, tally.pieces,
                  tally.searched, tally.loose, tally.loose_forced);
  g_assert_cmpuint (tally.pieces, >, 1000);
  g_assert_cmpuint (tally.searched, >, 100);
  keep_clear (&keep);
}

/* ---------------------------------------------------------------------
 * Cases
 * ------------------------------------------------------------------- */

static TsStyle
style_of (TsRole role, TsAlign align, TsBreak breaks)
{
  TsStyle st = { role, EM, EM * 1.5, 0, align, FALSE, FALSE, breaks };
  return st;
}

/* Sets @text at every measure from @lo to @hi ems (step ½) and returns
 * the breaks of each, joined by "\n". */
static char *
breaks_over (TsContext *ctx, const char *text, const TsStyle *st, double lo, double hi)
{
  GString *out = g_string_new (NULL);

  for (double ems = lo; ems <= hi; ems += 0.5)
    {
      g_autoptr (TsParagraph) par = ts_set_text (ctx, text, st, ems * st->size);
      g_autofree char *b = breaks_of (par);

      check_structure (par);
      g_string_append_printf (out, "%s\n", b);
    }
  return g_string_free (out, FALSE);
}

/* A URL or e-mail address breaks only after / . @, and only when it is
 * wider than the line. */
static void
test_urls (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = style_of (TS_ROLE_BODY, TS_ALIGN_JUSTIFY, TS_BREAK_AUTO);
  static const char *const texts[] = {
    "详情请登录https://www.example.gov.cn/news/2024/notice.html查询。",
    "来稿请发电子邮件至llrbnews@example.com，联系电话0358-8223111。",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (double ems = 4; ems <= 20; ems += 0.5)
      {
        g_autoptr (TsParagraph) par = ts_set_text (ctx, texts[t], &st, ems * EM);

        check_structure (par);
        for (guint l = 1; l < par->lines->len; l++)
          {
            g_autofree char *prev = line_text (par, l - 1);
            g_autofree char *cur = line_text (par, l);
            gunichar a = g_utf8_get_char (g_utf8_prev_char (prev + strlen (prev)));
            gunichar b = g_utf8_get_char (cur);

            /* from 6 em, where every part of the address fits: between
               two of its chars only after / . @ */
            if (ems >= 6 && a < 0x80 && b < 0x80 && g_ascii_isalpha (b))
              g_assert_true (strchr ("/.@", (int) a) != NULL);
            /* from 7 em, where "0358-8223111。" fits: never inside the number */
            if (ems >= 7)
              g_assert_false (g_ascii_isdigit (a) && g_ascii_isdigit (b));
          }
      }
  {
    /* wide enough: the address stays whole */
    g_autoptr (TsParagraph) par = ts_set_text (ctx, texts[1], &st, 13 * EM);
    g_autofree char *b = breaks_of (par);
    g_assert_nonnull (strstr (b, "llrbnews@example.com"));
  }
}

/* A single — between words (a connector) stays with both neighbours; a
 * range 5月15日-5月19日 breaks only after its dash; a time 17:15 and a
 * date with its units never. */
static void
test_dashes_and_ranges (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = style_of (TS_ROLE_BODY, TS_ALIGN_JUSTIFY, TS_BREAK_AUTO);
  g_autofree char *all = breaks_over (ctx, "打造“课程开发—教学实践—科研创新”三位一体培养模式，"
                                      "展期5月15日-5月19日，每天17:15开放。", &st, 3, 16);
  g_auto (GStrv) sets = g_strsplit (all, "\n", -1);

  for (guint i = 0; sets[i] && *sets[i]; i++)
    {
      g_assert_null (strstr (sets[i], "/—"));
      g_assert_null (strstr (sets[i], "—/"));
      g_assert_null (strstr (sets[i], "/-"));
      g_assert_null (strstr (sets[i], "17:/"));
      g_assert_null (strstr (sets[i], "17/:"));
      g_assert_null (strstr (sets[i], "5/月"));
      /* 5月15日- fits from 5 em: whole from there */
      if (3 + 0.5 * i >= 5)
        g_assert_null (strstr (sets[i], "5月/1"));
    }
  /* at 4 em the range must break: at its dash */
  g_assert_nonnull (strstr (all, "-/5月19日"));
}

/* A signature (落款): flush right, unindented, breaking only where it must
 * and never inside an organisation name that fits the line. */
static void
test_signature (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = style_of (TS_ROLE_BODY, TS_ALIGN_END, TS_BREAK_PHRASE);
  static const struct { const char *text; double ems; const char *want; } cases[] = {
    { "中共吕梁市纪律检查委员会", 13, "中共吕梁市纪律检查委员会" },
    { "中共吕梁市纪律检查委员会", 9, "中共吕梁市/纪律检查委员会" },
    { "吕梁市行政审批服务管理局", 13, "吕梁市行政审批服务管理局" },
    { "吕梁市行政审批服务管理局", 10, "吕梁市/行政审批服务管理局" },
    { "吕梁市行政审批服务管理局", 6, "吕梁市/行政审批/服务管理局" },
    { "2023年5月8日", 5, "2023年/5月8日" },
    { "2023年5月8日", 7, "2023年5月8日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TsParagraph) par = ts_set_text (ctx, cases[i].text, &st, cases[i].ems * EM);
      g_autofree char *b = breaks_of (par);

      check_structure (par);
      g_assert_cmpstr (b, ==, cases[i].want);
      for (guint l = 0; l < par->lines->len; l++)
        {
          const TsLine *line = g_ptr_array_index (par->lines, l);
          g_assert_cmpfloat_with_epsilon (line->x + line->width, cases[i].ems * EM, 0.01);
        }
    }
}

/* A credit set as a span in the byline face after a caption (as a
 * composer passes it) keeps its spaces and breaks only between names. */
static void
test_credit_span (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = style_of (TS_ROLE_CAPTION, TS_ALIGN_JUSTIFY, TS_BREAK_AUTO);
  TsSpan spans[] = { { "采用科学种植技术和管理方法，可常年供应城乡市场。", TS_ROLE_CAPTION },
                     { "冯增清 阴志如 摄", TS_ROLE_BYLINE } };

  for (double ems = 5; ems <= 14; ems += 0.5)
    {
      g_autoptr (TsParagraph) par = ts_set_spans (ctx, spans, 2, &st, ems * EM);
      g_autofree char *b = breaks_of (par);

      check_structure (par);
      g_assert_nonnull (strstr (par->text, "市场。冯增清 阴志如 摄"));
      g_assert_nonnull (strstr (b, "冯增清"));
      g_assert_nonnull (strstr (b, "阴志如"));
    }
}

/* Display lines: the editor's spaces are kept and are the first breaks;
 * no line holds a single character; a one-character word stays with its
 * neighbour (新 / 路径, 格局的). */
static void
test_phrases (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle head = style_of (TS_ROLE_HEADING, TS_ALIGN_CENTER, TS_BREAK_AUTO);
  TsStyle sub = style_of (TS_ROLE_HEADING, TS_ALIGN_START, TS_BREAK_AUTO);
  g_autofree char *subs = breaks_over (ctx, "政策铺路 校地共建 科技创新氛围渐浓", &sub, 9, 16.5);
  g_autofree char *heads = NULL;

  head.headline = TRUE;
  heads = breaks_over (ctx, "交城直播带货开启脱贫增收新路径", &head, 4, 14.5);
  g_assert_null (strstr (subs, "科技创/"));
  g_assert_nonnull (strstr (subs, "政策铺路 校地共建 /科技创新氛围渐浓"));
  g_assert_null (strstr (heads, "新/路径"));
  g_assert_null (strstr (heads, "直播/带货"));
  g_assert_null (strstr (heads, "/径"));
  g_assert_nonnull (strstr (heads, "交城直播带货开启/脱贫增收新路径"));
}

/* The same pair of marks (。” ，“) takes the same room in every line of
 * a paragraph, justified, compressed or not: 1.5 em. */
static void
test_pairs_consistent (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  TsStyle st = style_of (TS_ROLE_BODY, TS_ALIGN_JUSTIFY, TS_BREAK_AUTO);
  const char *text = "他说：“好。”她说：“行。”甲乙说：“是。”丙丁戊说：“对。”"
                     "己庚说：“可。”辛说：“嗯。”壬癸子丑说：“来。”寅卯说：“走。”";
  guint seen = 0;

  for (double ems = 5; ems <= 12; ems += 0.5)
    {
      g_autoptr (TsParagraph) par = ts_set_text (ctx, text, &st, ems * EM);

      check_structure (par);
      for (guint l = 0; l < par->lines->len; l++)
        {
          const TsLine *line = g_ptr_array_index (par->lines, l);
          g_autofree char *t = line_text (par, l);
          glong len = g_utf8_strlen (t, -1);

          for (glong i = 1; i + 2 < len; i++)
            {
              const char *p = g_utf8_offset_to_pointer (t, i);
              guint c = line->char_start + i;

              if (!g_str_has_prefix (p, "。”") && !g_str_has_prefix (p, "：“"))
                continue;
              g_assert_cmpfloat_with_epsilon (pos_of (par, c + 1) - pos_of (par, c),
                                              0.5 * EM, 0.01);
              seen++;
            }
        }
    }
  g_assert_cmpuint (seen, >, 50);
}

/* Compression never cuts into a mark's ink, in any face (楷's centred
 * ，、。 give up what lies outside their ink on both sides). */
static void
test_blanks_outside_ink (gconstpointer data)
{
  TsContext *ctx = (TsContext *) data;
  const char *marks = "，、。：；！？”’」』）》“‘「『（《";

  for (int role = 0; role < TS_ROLE_COUNT; role++)
    {
      TsStyle st = style_of ((TsRole) role, TS_ALIGN_JUSTIFY, TS_BREAK_AUTO);
      TsSpan span = { marks, (TsRole) role };
      TsWork w;
      guint cut = 0;

      ts_work_setup (&w, ctx, &span, 1, &st);
      for (guint i = 0; i < w.chars->len; i++)
        {
          const TsChar *ch = TS_CHAR (&w, i);
          const TsGlyph *gl = &g_array_index (w.glyphs, TsGlyph, ch->glyph0);
          hb_glyph_extents_t ext;
          double left, right, removable = ch->lead + ch->trail + ch->cut_lead + ch->cut_trail;

          if (removable <= 0 || !hb_font_get_glyph_extents (ch->font->hb, gl->index, &ext))
            continue;
          left = gl->x + ext.x_bearing * ch->font->scale;
          right = ch->adv - left - ext.width * ch->font->scale;
          g_assert_cmpfloat (ch->lead + ch->cut_lead, <=, MAX (left, 0) + 0.01);
          g_assert_cmpfloat (ch->trail + ch->cut_trail, <=, MAX (right, 0) + 0.01);
          g_assert_cmpfloat (removable, <=, ch->adv / 2 + 0.01);
          cut++;
        }
      g_assert_cmpuint (cut, >, 10);
      ts_work_clear (&w);
    }
}

/* fonts/phrases.yaml: a bad file is an error naming the file and line. */
static void
test_phrases_file (void)
{
  static const struct { const char *yaml; guint line; const char *what; } bad[] = {
    { "compounds: [西部大开发]\nfoo: [x]\n", 2, "unknown word list 'foo'" },
    { "compounds:\n  - 西部 大开发\n", 2, "has a space" },
    { "compounds:\n  - 西\n", 2, "2 to" },
    { "closers:\n  - 的了\n", 2, "1 to 1" },
    { "units: 年\n", 1, "must be a list" },
    { "compounds: [\n", 2, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *dir = tu_mkdtemp ();
      g_autofree char *path = g_build_filename (dir, "phrases.yaml", NULL);
      g_autofree char *want = g_strdup_printf ("%s:%u: ", path, bad[i].line);
      g_autoptr (GError) error = NULL;
      TsPhrases *ph;

      tu_write (dir, "phrases.yaml", bad[i].yaml);
      ph = ts_phrases_load (path, &error);
      g_assert_null (ph);
      g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
      g_assert_true (g_str_has_prefix (error->message, want));
      g_assert_nonnull (strstr (error->message, bad[i].what));
      tu_rm_rf (dir);
    }
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (ts_phrases_load ("/nonexistent/phrases.yaml", &error));
    g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (TsContext) ctx = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  ctx = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  g_test_add_func ("/breaks/phrases/file-errors", test_phrases_file);
  g_test_add_data_func ("/breaks/phrases/display-lines", ctx, test_phrases);
  g_test_add_data_func ("/breaks/phrases/signature", ctx, test_signature);
  g_test_add_data_func ("/breaks/phrases/credit-span", ctx, test_credit_span);
  g_test_add_data_func ("/breaks/units/urls", ctx, test_urls);
  g_test_add_data_func ("/breaks/units/dashes-ranges", ctx, test_dashes_and_ranges);
  g_test_add_data_func ("/breaks/punct/pairs-consistent", ctx, test_pairs_consistent);
  g_test_add_data_func ("/breaks/punct/blanks-outside-ink", ctx, test_blanks_outside_ink);
  g_test_add_data_func ("/breaks/property/samples", ctx, test_samples);
  return g_test_run ();
}
