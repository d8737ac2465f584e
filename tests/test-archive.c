/* test-archive.c — the archive API: dates, add/refuse/replace, manifests,
 * search (trigram and LIKE paths, date range, limit, markers), verify,
 * crash recovery of .old-/.tmp- leftovers, deterministic output. */
#include "archive/archive.h"
#include "base/dates.h"
#include "base/errors.h"
#include "model/model.h"
#include "testutil.h"

#include <string.h>

/* Adds the example edition (sources only) at @date. */
static void
add_example (ArcArchive *arc, const char *date, gboolean replace)
{
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  ArcAddOptions opts = { .date = date, .replace = replace };

  g_assert_true (arc_add (arc, ed, &opts, &error));
  g_assert_no_error (error);
}

static gboolean
has_problem (GPtrArray *problems, const char *prefix)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (problems->pdata[i], prefix))
      return TRUE;
  return FALSE;
}

static void
test_parse_date (void)
{
  GDate d;

  g_assert_true (eb_date_parse ("2024-02-29", &d));
  g_assert_cmpint (g_date_get_day (&d), ==, 29);
  g_assert_false (eb_date_parse ("2023-02-29", NULL));
  g_assert_false (eb_date_parse ("2024-2-29", NULL));
  g_assert_false (eb_date_parse ("2024-02-29x", NULL));
  g_assert_false (eb_date_parse ("20240229", NULL));
  g_assert_false (eb_date_parse ("../../etc", NULL));
  g_assert_false (eb_date_parse (NULL, NULL));
}

static void
test_add_refuse_replace (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autoptr (ArcArchive) arc = NULL;
  g_autoptr (EdEdition) ed = tu_load_edition ("tests/editions/example");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  ArcAddOptions opts = { 0 };

  arc = arc_open (root, ARC_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  add_example (arc, NULL, FALSE);
  /* the same date again is refused, and nothing changes */
  g_assert_false (arc_add (arc, ed, &opts, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "--replace"));
  g_clear_error (&error);
  opts.replace = TRUE;
  g_assert_true (arc_add (arc, ed, &opts, &error));
  g_assert_no_error (error);
  add_example (arc, "2024-01-02", FALSE);
  list = arc_list (arc, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((ArcManifest *) list->pdata[0])->date, ==, "2024-01-02");
  g_assert_cmpstr (((ArcManifest *) list->pdata[1])->date, ==, "2025-02-18");
  tu_rm_rf (root);
}

static void
test_manifest (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autoptr (ArcArchive) arc = arc_open (root, ARC_OPEN_DEFAULT, NULL);
  g_autofree char *path = g_build_filename (root, "2025/02/18/manifest.json", NULL);
  g_autoptr (ArcManifest) m = NULL;
  g_autoptr (GError) error = NULL;
  const ArcFile *f;

  add_example (arc, NULL, FALSE);
  m = arc_manifest_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->paper, ==, "吕梁日报");
  g_assert_cmpstr (m->issue, ==, "7612");
  g_assert_cmpuint (m->pages->len, ==, 2);
  g_assert_cmpuint (m->articles->len, ==, 3);
  g_assert_cmpstr (arc_manifest_headline (m), ==, "激发科技成果转化新动能");
  g_assert_cmpuint (((ArcArticle *) m->articles->pdata[2])->page, ==, 2);
  f = arc_manifest_find_file (m, "source/edition.yaml");
  g_assert_nonnull (f);
  g_assert_cmpuint (strlen (f->sha256), ==, 64);
  g_assert_nonnull (arc_manifest_find_file (m, "index.html"));
  g_assert_null (arc_manifest_find_file (m, "manifest.json"));
  for (guint i = 1; i < m->files->len; i++)
    g_assert_cmpint (strcmp (((ArcFile *) m->files->pdata[i - 1])->path,
                             ((ArcFile *) m->files->pdata[i])->path), <, 0);
  tu_rm_rf (root);
}

static void
test_search (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autoptr (ArcArchive) arc = arc_open (root, ARC_OPEN_DEFAULT, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  ArcSearchOptions o = { .mark_open = "[", .mark_close = "]" };

  add_example (arc, "2024-01-01", FALSE);
  add_example (arc, "2024-06-01", FALSE);
  add_example (arc, "2025-01-01", FALSE);
  /* 3+ characters: FTS5 trigram */
  hits = arc_search (arc, "天然气", &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (((ArcHit *) hits->pdata[0])->date, ==, "2025-01-01");
  g_assert_cmpstr (((ArcHit *) hits->pdata[2])->date, ==, "2024-01-01");
  g_assert_cmpstr (((ArcHit *) hits->pdata[0])->article, ==, "natural-gas");
  g_assert_nonnull (strstr (((ArcHit *) hits->pdata[0])->snippet, "[天然气]"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* 2 characters: LIKE */
  hits = arc_search (arc, "吕梁", &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 9);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* 1 character, date range, limit */
  o.from = "2024-02-01";
  o.to = "2024-12-31";
  o.limit = 2;
  hits = arc_search (arc, "吕", &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((ArcHit *) hits->pdata[0])->date, ==, "2024-06-01");
  g_assert_cmpstr (((ArcHit *) hits->pdata[1])->date, ==, "2024-06-01");
  g_clear_pointer (&hits, g_ptr_array_unref);
  o.from = "2024-99-01";
  g_assert_null (arc_search (arc, "吕梁", &o, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_USAGE);
  tu_rm_rf (root);
}

static void
test_verify (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autoptr (ArcArchive) arc = arc_open (root, ARC_OPEN_DEFAULT, NULL);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *yaml = g_build_filename (root, "2025/02/18/source/edition.yaml", NULL);
  g_autofree char *data = NULL;
  gsize len;

  add_example (arc, NULL, FALSE);
  g_assert_true (arc_verify (arc, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (g_file_get_contents (yaml, &data, &len, NULL));
  data[3] ^= 0x20;
  g_assert_true (g_file_set_contents (yaml, data, (gssize) len, NULL));
  tu_write (root, "2025/02/18/pages/extra.png", "x");
  tu_write (root, "stray.txt", "x");
  g_assert_true (arc_verify (arc, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (has_problem (problems, "2025/02/18/source/edition.yaml: changed"));
  g_assert_true (has_problem (problems, "2025/02/18/pages/extra.png: extra file"));
  g_assert_true (has_problem (problems, "stray.txt: extra"));
  tu_rm_rf (root);
}

/* A crash between "move old aside" and "move new in" leaves .old-DATE and
 * no edition: opening the archive puts the old one back.  With the new one
 * in place, the old one is deleted.  .tmp- folders are removed. */
static void
test_recover (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autofree char *final = g_build_filename (root, "2025/02/18", NULL);
  g_autofree char *old = g_build_filename (root, ".old-2025-02-18", NULL);
  g_autofree char *tmp = g_build_filename (root, ".tmp-abc123", NULL);
  g_autofree char *copy = NULL;
  g_autoptr (ArcArchive) arc = arc_open (root, ARC_OPEN_DEFAULT, NULL);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  add_example (arc, NULL, FALSE);
  g_clear_pointer (&arc, arc_close);
  g_assert_cmpint (g_rename (final, old), ==, 0);
  tu_write (tmp, "half-written.pdf", "%PDF");
  arc = arc_open (root, ARC_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (final, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (arc_notes (arc)->len, ==, 2);
  g_clear_pointer (&arc, arc_close);
  /* new in place + old leftover: the old one goes */
  copy = g_strdup_printf ("cp -a '%s' '%s'", final, old);
  g_assert_cmpint (system (copy), ==, 0);
  arc = arc_open (root, ARC_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (arc_verify (arc, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 0);
  tu_rm_rf (root);
}

static guint
count_hits (ArcArchive *arc, const char *q)
{
  ArcSearchOptions o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = arc_search (arc, q, &o, &error);

  g_assert_no_error (error);
  return hits->len;
}

/* Short queries: bigram candidates + LIKE, ASCII case folding, punctuation
 * (LIKE alone), and a replaced edition's text is gone. */
static void
test_search_short (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autofree char *src = tu_mkdtemp ();
  g_autoptr (ArcArchive) arc = arc_open (root, ARC_OPEN_DEFAULT, NULL);
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (GError) error = NULL;
  ArcAddOptions opts = { .replace = TRUE };

  tu_write (src, "edition.yaml", "paper: 测试报\ndate: 2024-03-03\npages:\n"
                                 "  - section: 要闻\n    articles: [a.md]\n");
  tu_write (src, "a.md", "---\ntitle: Hydrogen 氢能\n---\n加氢站 H2, a.b 100%纯。\n");
  ed = ed_edition_load (src, &error);
  g_assert_no_error (error);
  g_assert_true (arc_add (arc, ed, &opts, &error));
  g_assert_cmpuint (count_hits (arc, "氢能"), ==, 1);
  g_assert_cmpuint (count_hits (arc, "h2"), ==, 1);
  g_assert_cmpuint (count_hits (arc, "HY"), ==, 1);
  g_assert_cmpuint (count_hits (arc, "a."), ==, 1);
  g_assert_cmpuint (count_hits (arc, "0%"), ==, 1);
  g_assert_cmpuint (count_hits (arc, "b1"), ==, 0);
  g_assert_cmpuint (count_hits (arc, "氢"), ==, 1);
  g_assert_cmpuint (count_hits (arc, "站 "), ==, 1);
  g_clear_pointer (&ed, ed_edition_free);
  tu_write (src, "a.md", "---\ntitle: 新标题\n---\n正文。\n");
  ed = ed_edition_load (src, &error);
  g_assert_no_error (error);
  g_assert_true (arc_add (arc, ed, &opts, &error));
  g_assert_cmpuint (count_hits (arc, "氢能"), ==, 0);
  g_assert_cmpuint (count_hits (arc, "正文"), ==, 1);
  tu_rm_rf (root);
  tu_rm_rf (src);
}

/* The same sources give byte-identical manifests and pages. */
static void
test_deterministic (void)
{
  g_autofree char *a = tu_mkdtemp (), *b = tu_mkdtemp ();
  const char *files[] = { "2025/02/18/manifest.json", "2025/02/18/index.html",
                          "index.html", "opds.xml", "opds-2025.xml" };

  {
    g_autoptr (ArcArchive) arc = arc_open (a, ARC_OPEN_DEFAULT, NULL);
    add_example (arc, NULL, FALSE);
  }
  {
    g_autoptr (ArcArchive) arc = arc_open (b, ARC_OPEN_DEFAULT, NULL);
    add_example (arc, NULL, FALSE);
  }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *pa = g_build_filename (a, files[i], NULL);
      g_autofree char *pb = g_build_filename (b, files[i], NULL);
      g_autofree char *da = NULL, *db = NULL;
      g_assert_true (g_file_get_contents (pa, &da, NULL, NULL));
      g_assert_true (g_file_get_contents (pb, &db, NULL, NULL));
      g_assert_cmpstr (da, ==, db);
    }
  tu_rm_rf (a);
  tu_rm_rf (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/parse-date", test_parse_date);
  g_test_add_func ("/archive/add-refuse-replace", test_add_refuse_replace);
  g_test_add_func ("/archive/manifest", test_manifest);
  g_test_add_func ("/archive/search", test_search);
  g_test_add_func ("/archive/search-short", test_search_short);
  g_test_add_func ("/archive/verify", test_verify);
  g_test_add_func ("/archive/recover", test_recover);
  g_test_add_func ("/archive/deterministic", test_deterministic);
  return g_test_run ();
}
