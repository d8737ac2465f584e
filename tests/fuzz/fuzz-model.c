/* fuzz-model.c — libFuzzer harness for the source loader: an input that
 * opens with "---" is an article (front matter + Markdown, its figures
 * read from a scratch edition folder holding a real JPEG and PNG), one
 * with a JPEG or PNG signature an image for the probe, anything else an
 * edition.yaml loaded from the scratch folder (which holds the example
 * articles it may list).  A crash, a sanitizer report or a leak is a
 * finding; an error is an answer.  `make fuzz` builds it; tests/fuzz-run.sh
 * runs it. */
#include "base/image.h"
#include "model/model.h"
#include "fuzz-common.h"

#include <stdint.h>
#include <string.h>

static void
fuzz_model_article (const uint8_t *data, size_t size)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autoptr (EdArticle) art = NULL;
  g_autoptr (GError) error = NULL;

  ed->dir = g_strdup (fuzz_scratch ());
  art = ed_article_parse ("fuzz.md", (const char *) data, size, ed, &error);
  g_assert ((art != NULL) == (error == NULL));
  if (art)
    g_free (ed_block_text (g_ptr_array_index (art->blocks, 0)));
}

static void
fuzz_model_edition (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;

  g_free (fuzz_scratch_write ("edition.yaml", data, size));
  ed = ed_edition_load (fuzz_scratch (), &error);

  g_assert ((ed != NULL) == (error == NULL));
  if (ed)
    g_free (ed_edition_dump_json (ed));
}

static int
fuzz_model_run (const uint8_t *data, size_t size)
{
  EbImageInfo info;

  if (size >= 3 && !memcmp (data, "---", 3))
    fuzz_model_article (data, size);
  else if (size >= 3 && (!memcmp (data, "\xff\xd8\xff", 3) || !memcmp (data, "\x89PN", 3)))
    eb_image_probe (data, size, &info, NULL);
  else
    fuzz_model_edition (data, size);
  return 0;
}

FUZZ_ENTRY (fuzz_model_run)
