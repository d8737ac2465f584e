/* test-layoutspec.c — layout files (builder/compose/layoutspec.c). */
#include "base/errors.h"
#include "compose/layoutspec.h"
#include "testutil.h"

#include <math.h>
#include <string.h>

static LaySpec *
load_shipped (const char *name)
{
  g_autoptr (GError) error = NULL;
  LaySpec *spec = lay_spec_load_named (tu_srcdir (), name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (spec);
  g_assert_cmpstr (spec->name, ==, name);
  return spec;
}

static void
test_broadsheet (void)
{
  g_autoptr (LaySpec) spec = load_shipped ("broadsheet");

  /* 对开: 8 columns × 13 chars + 7 gutters = 111 em of 9 pt ≈ 352 mm */
  g_assert_cmpuint (spec->columns, ==, 8);
  g_assert_cmpfloat_with_epsilon (spec->body_size, 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lay_spec_type_width (spec), 111 * 9.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (spec->page_width, 390 * 72 / 25.4, 1e-6);
  g_assert_cmpuint (lay_spec_rows (spec), ==, (guint) floor (490 * 72 / 25.4 / 12.6));
  /* columns tile the 版心: last column ends at the right edge */
  g_assert_cmpfloat_with_epsilon (lay_spec_column_x (spec, 7) + lay_spec_column_width (spec),
                                  lay_spec_type_left (spec) + lay_spec_type_width (spec), 1e-6);
  g_assert_cmpfloat_with_epsilon (lay_spec_type_left (spec) * 2 + lay_spec_type_width (spec),
                                  spec->page_width, 1e-6);
  g_assert_true (spec->head_lead > spec->head_major);
  g_assert_true (spec->head_major > spec->head_normal);
  g_assert_true (spec->head_normal > spec->head_small);
}

static void
test_all_shipped (void)
{
  const char *names[] = { "broadsheet", "tabloid", "a4", "ereader", "ereader-large", "phone" };
  guint cols[] = { 8, 6, 4, 1, 1, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (LaySpec) spec = load_shipped (names[i]);
      g_autofree char *dump = lay_spec_dump (spec);

      g_assert_cmpuint (spec->columns, ==, cols[i]);
      /* the screens read like a book; the newspaper pages do not */
      g_assert_true (spec->flow == (cols[i] == 1));
      g_assert_true (lay_spec_type_width (spec) <= spec->page_width);
      g_assert_nonnull (strstr (dump, "grid.columns = "));
    }
}

static void
expect_error (const char *yaml_text, const char *fragment)
{
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "bad.yaml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LaySpec) spec = NULL;

  tu_write (dir, "bad.yaml", yaml_text);
  spec = lay_spec_load (path, &error);
  g_assert_null (spec);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  if (!strstr (error->message, fragment))
    g_error ("message '%s' lacks '%s'", error->message, fragment);
  g_assert_true (g_str_has_prefix (error->message, path));
  tu_rm_rf (dir);
}

static char *
shipped_text (void)
{
  g_autofree char *path = tu_path ("layouts/a4.yaml");
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static char *
replace (const char *text, const char *from, const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_errors (void)
{
  g_autofree char *good = shipped_text ();
  g_autofree char *typo = replace (good, "columns: 4", "colums: 4");
  g_autofree char *range = replace (good, "columns: 4", "columns: 0");
  g_autofree char *frac = replace (good, "columns: 4", "columns: 2.5");
  g_autofree char *word = replace (good, "body_size_pt: 9", "body_size_pt: nine");
  g_autofree char *color = replace (good, "\"#c8161d\"", "red");
  g_autofree char *missing = replace (good, "  stretch_rows: 3\n", "");
  g_autofree char *wide = replace (good, "column_chars: 13", "column_chars: 40");

  expect_error (typo, ":13: unknown key 'grid.colums'");
  expect_error (range, ":13: grid.columns: 0 is out of range");
  expect_error (frac, "whole numbers");
  expect_error (word, "expected a number, not 'nine'");
  expect_error (color, "expected a colour");
  expect_error (missing, "missing key 'compose.stretch_rows'");
  expect_error (wide, "wider than the page");
  expect_error ("page: [1, 2\n", "malformed YAML");
  {
    g_autofree char *flow = replace (good, "flow: false", "flow: true");
    expect_error (flow, "compose.flow needs grid.columns 1 (not 4)");
  }
}

/* The screen layouts' sizes: a 6-inch e-reader (758 × 1024 px class, 3:4),
 * a 10-inch one (1404 × 1872 px class, 3:4) and a phone (390 × 844 pt);
 * the larger the screen, the longer the line; type large enough on the
 * phone to read at its width. */
static void
test_screens (void)
{
  g_autoptr (LaySpec) small = load_shipped ("ereader");
  g_autoptr (LaySpec) large = load_shipped ("ereader-large");
  g_autoptr (LaySpec) phone = load_shipped ("phone");

  g_assert_cmpfloat (fabs (small->page_width / small->page_height - 758.0 / 1024), <, 0.02);
  g_assert_cmpfloat (fabs (large->page_width / large->page_height - 1404.0 / 1872), <, 0.02);
  g_assert_cmpfloat (fabs (phone->page_width - 390), <, 0.5);
  g_assert_cmpfloat (fabs (phone->page_height - 844), <, 0.5);
  g_assert_cmpfloat (large->page_width, >, small->page_width * 1.5);
  g_assert_cmpuint (large->column_chars, >, small->column_chars);
  g_assert_cmpfloat (large->body_size, >=, small->body_size);
  g_assert_cmpfloat (phone->body_size, >=, 16);
  /* margins: the column is centred and leaves at least 3 mm each side */
  for (guint i = 0; i < 3; i++)
    {
      const LaySpec *s = i == 0 ? small : i == 1 ? large : phone;
      g_assert_cmpfloat (lay_spec_type_left (s), >=, 3 * 72 / 25.4);
      g_assert_cmpuint (lay_spec_rows (s), >=, 15);
    }
}

/* compose.costs overrides the composer's defaults (compose-costs.h), key by
 * key; the rest keep theirs. */
static void
test_costs (void)
{
  g_autofree char *good = shipped_text ();
  g_autofree char *text = replace (good, "compose:\n",
                                   "compose:\n  costs:\n    cut: 250\n    hole_rows: 2\n");
  g_autofree char *dir = tu_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "costs.yaml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (LaySpec) shipped = load_shipped ("a4");
  g_autofree char *dump = NULL;
  CompCosts defaults;

  comp_costs_init (&defaults);
  g_assert_cmpfloat (shipped->costs.cut, ==, defaults.cut);
  g_assert_cmpuint (shipped->costs.hole_rows, ==, 3);
  tu_write (dir, "costs.yaml", text);
  spec = lay_spec_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (spec->costs.cut, ==, 250);
  g_assert_cmpuint (spec->costs.hole_rows, ==, 2);
  g_assert_cmpfloat (spec->costs.cut_last_page, ==, defaults.cut_last_page);
  dump = lay_spec_dump (spec);
  g_assert_nonnull (strstr (dump, "compose.costs.cut = 250\n"));
  g_assert_nonnull (strstr (dump, "compose.costs.beam_width = 5\n"));
  tu_rm_rf (dir);

  g_free (text);
  text = replace (good, "compose:\n", "compose:\n  costs:\n    cuts: 250\n");
  {
    /* the line of the bad key: two under "compose:" */
    guint line = 1;
    g_autofree char *want = NULL;

    for (const char *c = good; c < strstr (good, "\ncompose:\n") + 1; c++)
      line += *c == '\n';
    want = g_strdup_printf (":%u: unknown key 'compose.costs.cuts'", line + 2);
    expect_error (text, want);
  }
  g_free (text);
  text = replace (good, "compose:\n", "compose:\n  costs:\n    beam_width: 0\n");
  expect_error (text, "compose.costs.beam_width: 0 is out of range");
  g_free (text);
  text = replace (good, "compose:\n", "compose:\n  costs:\n    cut: 1\n    cut: 2\n");
  expect_error (text, "compose.costs.cut is given twice");
}

static void
test_bad_name (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LaySpec) spec = lay_spec_load_named (tu_srcdir (), "../etc/passwd", &error);

  g_assert_null (spec);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_clear_error (&error);
  spec = lay_spec_load_named (tu_srcdir (), "no-such-layout", &error);
  g_assert_null (spec);
  g_assert_nonnull (strstr (error->message, "unknown layout 'no-such-layout'"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layoutspec/broadsheet", test_broadsheet);
  g_test_add_func ("/layoutspec/all-shipped", test_all_shipped);
  g_test_add_func ("/layoutspec/errors", test_errors);
  g_test_add_func ("/layoutspec/screens", test_screens);
  g_test_add_func ("/layoutspec/costs", test_costs);
  g_test_add_func ("/layoutspec/bad-name", test_bad_name);
  return g_test_run ();
}
