/* fuzz-import.c — libFuzzer harness for the importer: the input is one
 * raw page's text (as the files in seeds/), read from a file like `epaper import`
 * reads it, imported, reported and dumped.  A crash, a sanitizer report
 * or a leak is a finding; an error is an answer. */
#include "import/import.h"
#include "fuzz-common.h"

#include <stdint.h>

static int
fuzz_import_run (const uint8_t *data, size_t size)
{
  g_autofree char *path = fuzz_scratch_write ("000_page.txt", data, size);
  char *paths[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = imp_import_pages (paths, NULL, &error);

  g_assert ((ed != NULL) == (error == NULL));
  if (ed)
    {
      g_free (imp_report (ed));
      g_free (ed_edition_dump_json (ed));
    }
  return 0;
}

FUZZ_ENTRY (fuzz_import_run)
