/* test-compose-golden.c — composition golden files.
 *
 * One test per edition × layout: every test edition (tests/editions/NAME)
 * and every sample page (seeds/NNN_HASH.txt, imported) composed on every
 * layout (layouts/NAME.yaml), its comp_edition_dump() compared with
 * tests/compose/EDITION@LAYOUT.expected.  A mismatch prints the unified
 * diff.  `make goldens` (EPAPER_UPDATE_EXPECTED=1) rewrites the files and
 * prints the diff it applies, so a change of output is a reviewed diff.
 */
#include "compose/compose.h"
#include "compose-cases.h"
#include "testutil.h"

#include <string.h>

static void
test_golden (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = load_case (c);
  g_autofree char *fonts = tu_path ("fonts");
  g_autoptr (LaySpec) spec = lay_spec_load_named (tu_srcdir (), c->layout, &error);
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *name = g_strdup_printf ("tests/compose/%s@%s.expected", c->edition, c->layout);

  g_assert_no_error (error);
  ts = ts_context_new (fonts, &error);
  g_assert_no_error (error);
  ce = comp_edition_new (ed, spec, ts, &error);
  g_assert_no_error (error);
  dump = comp_edition_dump (ce);
  tu_assert_golden (name, dump);
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) cases = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  cases = list_cases ();
  g_assert_cmpuint (cases->len, >=, 4 * 4);
  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autofree char *tname = g_strdup_printf ("/compose-golden/%s@%s", c->edition, c->layout);
      g_test_add_data_func (tname, c, test_golden);
    }
  rc = g_test_run ();
  return rc;
}
