/* test-import-corpus.c — the importer scored on pages it was never tuned
 * on, and on the five sample pages.
 *
 * tests/pagegen.h generates raw pages from the clean sample editions on
 * made-up layouts; each page is imported and scored against the edition it
 * was made from (imp_score_add).  Seeds 1… are the development corpus;
 * seeds from HELD_OUT_FIRST on are held out: never looked at while the
 * importer was tuned, scored only here.  The five sample pages are scored
 * against their hand-checked sources (tests/import/truth/seed-*).
 *
 *   test-import-corpus --write DIR [--held-out] [--from N] [--count K]
 *       writes the raw pages (NNN.txt) and their truth (NNN/) for reading
 *   test-import-corpus --score [--held-out] [--from N] [--count K]
 *       prints the figures of each page and what was missed
 *   test-import-corpus --trace PAGE.txt
 *       prints how the importer read a page
 *   test-import-corpus --samples
 *       prints the figures of the five sample pages
 */
#include "import/import-private.h"
#include "pagegen.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* the development corpus: seeds DEV_FIRST … DEV_FIRST + DEV_COUNT - 1 */
#define DEV_FIRST 1
#define DEV_COUNT 240
/* the held-out corpus */
#define HELD_OUT_FIRST 900001
#define HELD_OUT_COUNT 120

/* floors: articles found, body similarity, paragraph F1, bylines */
#define DEV_RECALL      0.848
#define DEV_SIMILARITY  0.986
#define DEV_PARAGRAPHS  0.927
#define DEV_BYLINES     0.930
/* letter-spaced runs left: one, on page 119 as the composer now sets it
 * (a line ending 》《吕 梁 市, three spaced glyphs after a closed title) */
#define DEV_SPACED      1
/* the held-out corpus scored once, when the tuning was over */
#define HELD_RECALL     0.812
#define HELD_SIMILARITY 0.974  /* 0.975 and 0.899 before pages led with their longest story */
#define HELD_PARAGRAPHS 0.917
#define HELD_BYLINES    0.893
#define HELD_SPACED     2

/* the targets on generated pages, printed beside the figures */
#define TARGET_RECALL     0.95
#define TARGET_SIMILARITY 0.99
#define TARGET_PARAGRAPHS 0.95
#define TARGET_BYLINES    0.90

typedef struct {
  const char *name;
  double recall, similarity, paragraphs, bylines;  /* floors */
  guint spaced_left;  /* letter-spaced runs left, at most */
} Floor;

/* Today's figures on the generated corpora: an import may do better,
 * never worse (the targets above are not all met yet). */
static const Floor dev_floor = { "development corpus", DEV_RECALL, DEV_SIMILARITY, DEV_PARAGRAPHS, DEV_BYLINES,
                                  DEV_SPACED };
static const Floor held_out_floor = { "held-out corpus", HELD_RECALL, HELD_SIMILARITY, HELD_PARAGRAPHS,
                                      HELD_BYLINES, HELD_SPACED };

/* Imports @text as page 1 of an edition named @stem. */
static EdEdition *
import_text (const char *stem, const char *text, const char *date)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autoptr (GError) error = NULL;
  ImpOptions opts = { .date = date };

  if (!imp_import_page_text (ed, 1, stem, stem, text, strlen (text), &opts, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return ed_edition_new ();
    }
  return g_steal_pointer (&ed);
}

static void
score_corpus (guint32 first, guint count, ImpScore *score, gboolean verbose)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *src = tu_path ("");
  PgGen *gen = pg_gen_new (src, &error);

  g_assert_no_error (error);
  for (guint32 seed = first; seed < first + count; seed++)
    {
      PgPage *pg = pg_page_new (gen, seed);
      g_autofree char *stem = g_strdup_printf ("%u", seed);
      g_autoptr (EdEdition) got = NULL;
      g_autoptr (GString) log = g_string_new (NULL);
      ImpScore one = { 0 };

      g_assert_nonnull (pg);
      got = import_text (stem, pg->text, pg->truth->date);
      imp_score_add (&one, pg->truth, got, log);
      imp_score_add (score, pg->truth, got, NULL);
      if (verbose)
        {
          g_autofree char *f = imp_score_format (&one);
          printf ("%u: %s\n   %s\n%s", seed, pg->layout, f, log->str);
        }
      pg_page_free (pg);
    }
  pg_gen_free (gen);
}

/* Asserts the floors of @f (no more letter-spaced runs left than it
 * allows, no doubling); prints the figures and the targets. */
static void
assert_floors (const ImpScore *s, const Floor *f)
{
  g_autofree char *fig = imp_score_format (s);

  g_test_message ("%s: %s", f->name, fig);
  g_test_message ("%s: targets recall %.2f, body similarity %.2f, paragraph F1 %.2f, bylines %.2f",
                  f->name, TARGET_RECALL, TARGET_SIMILARITY, TARGET_PARAGRAPHS, TARGET_BYLINES);
  g_assert_cmpfloat (imp_score_recall (s), >=, f->recall);
  g_assert_cmpfloat (imp_score_similarity (s), >=, f->similarity);
  g_assert_cmpfloat (imp_score_paragraph_f1 (s), >=, f->paragraphs);
  g_assert_cmpfloat (imp_score_byline (s), >=, f->bylines);
  g_assert_cmpuint (s->spaced_left, <=, f->spaced_left);
  g_assert_cmpuint (s->doubled_left, ==, 0);
}

static void
test_dev (void)
{
  ImpScore s = { 0 };
  score_corpus (DEV_FIRST, DEV_COUNT, &s, FALSE);
  assert_floors (&s, &dev_floor);
}

static void
test_held_out (void)
{
  ImpScore s = { 0 };
  score_corpus (HELD_OUT_FIRST, HELD_OUT_COUNT, &s, FALSE);
  assert_floors (&s, &held_out_floor);
}

/* ------------------------------------------------------------ samples */

/* The figures of the sample pages (recall, body similarity, paragraph
 * F1, bylines; before the page analysis was rewritten: 000 0.857, 001
 * 0.875, 003 0.714 articles found): an import may do better, never worse. */
static const Floor sample_floors[] = {
  { "000", 1.0, 0.999, 1.0, 1.0, 0 },
  { "001", 1.0, 0.999, 1.0, 1.0, 0 },
  { "002", 1.0, 0.999, 1.0, 1.0, 0 },
  { "003", 1.0, 0.999, 1.0, 0.0, 0 },
  { "004", 1.0, 0.999, 0.97, 1.0, 0 },
};

static char *
sample_path (const char *name)
{
  g_autofree char *dir = tu_path ("seeds");
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *f;

  g_assert_nonnull (d);
  while ((f = g_dir_read_name (d)))
    if (g_str_has_prefix (f, name) && g_str_has_suffix (f, ".txt"))
      return g_build_filename (dir, f, NULL);
  g_error ("no sample page %s", name);
}

static void
score_sample (const char *name, ImpScore *s, GString *log)
{
  g_autofree char *path = sample_path (name);
  g_autofree char *rel = g_strdup_printf ("tests/import/truth/seed-%s", name);
  g_autoptr (EdEdition) truth = tu_load_edition (rel);
  g_autofree char *text = NULL;
  g_autoptr (EdEdition) got = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  got = import_text (name, text, truth->date);
  imp_score_add (s, truth, got, log);
}

static void
test_sample (gconstpointer data)
{
  const Floor *f = data;
  ImpScore s = { 0 };
  g_autoptr (GString) log = g_string_new (NULL);

  score_sample (f->name, &s, log);
  g_test_message ("%s", log->str);
  assert_floors (&s, f);
}

/* --------------------------------------------------------------- tools */

static void
write_pages (const char *dir, guint32 first, guint count)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *src = tu_path ("");
  PgGen *gen = pg_gen_new (src, &error);

  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0755);
  for (guint32 seed = first; seed < first + count; seed++)
    {
      PgPage *pg = pg_page_new (gen, seed);
      g_autofree char *name = g_strdup_printf ("%u.txt", seed);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *tdir = g_strdup_printf ("%s/%u", dir, seed);
      g_assert_true (g_file_set_contents (path, pg->text, -1, NULL));
      if (!imp_write_sources (pg->truth, tdir, TRUE, &error))
        g_error ("%s", error->message);
      printf ("%s: %s\n", path, pg->layout);
      pg_page_free (pg);
    }
  pg_gen_free (gen);
}

int
main (int argc, char **argv)
{
  const char *write_dir = NULL;
  gboolean score = FALSE, held = FALSE, samples = FALSE;
  const char *trace = NULL;
  guint32 from = 0;
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      if (!strcmp (argv[i], "--write") && i + 1 < argc)
        write_dir = argv[++i];
      else if (!strcmp (argv[i], "--score"))
        score = TRUE;
      else if (!strcmp (argv[i], "--held-out"))
        held = TRUE;
      else if (!strcmp (argv[i], "--samples"))
        samples = TRUE;
      else if (!strcmp (argv[i], "--trace") && i + 1 < argc)
        trace = argv[++i];
      else if (!strcmp (argv[i], "--from") && i + 1 < argc)
        from = (guint32) atoi (argv[++i]);
      else if (!strcmp (argv[i], "--count") && i + 1 < argc)
        count = (guint) atoi (argv[++i]);
    }
  if (trace)
    {
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (EdEdition) ed = ed_edition_new ();
      g_autoptr (GString) out = g_string_new (NULL);
      ImpOptions opts = { .trace = out };
      if (!g_file_get_contents (trace, &text, NULL, &error)
          || !imp_import_page_text (ed, 1, trace, "page", text, strlen (text), &opts, NULL, &error))
        g_error ("%s", error->message);
      fputs (out->str, stdout);
      for (guint i = 0; i < ed->notes->len; i++)
        printf ("note: %s\n", (char *) g_ptr_array_index (ed->notes, i));
      return 0;
    }
  if (samples)
    {
      ImpScore all = { 0 };
      for (guint i = 0; i < G_N_ELEMENTS (sample_floors); i++)
        {
          ImpScore s = { 0 };
          g_autoptr (GString) log = g_string_new (NULL);
          g_autofree char *f = NULL;
          score_sample (sample_floors[i].name, &s, log);
          score_sample (sample_floors[i].name, &all, NULL);
          f = imp_score_format (&s);
          printf ("%s: %s\n%s", sample_floors[i].name, f, log->str);
        }
      {
        g_autofree char *f = imp_score_format (&all);
        printf ("all: %s\n", f);
      }
      return 0;
    }
  if (write_dir || score)
    {
      guint32 first = from ? from : held ? HELD_OUT_FIRST : DEV_FIRST;
      guint n = count ? count : held ? HELD_OUT_COUNT : DEV_COUNT;
      if (write_dir)
        write_pages (write_dir, first, n);
      else
        {
          ImpScore s = { 0 };
          g_autofree char *f = NULL;
          score_corpus (first, n, &s, TRUE);
          f = imp_score_format (&s);
          printf ("all: %s\n", f);
        }
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-corpus/development", test_dev);
  g_test_add_func ("/import-corpus/held-out", test_held_out);
  for (guint i = 0; i < G_N_ELEMENTS (sample_floors); i++)
    {
      g_autofree char *p = g_strdup_printf ("/import-corpus/sample/%s", sample_floors[i].name);
      g_test_add_data_func (p, &sample_floors[i], test_sample);
    }
  return g_test_run ();
}
