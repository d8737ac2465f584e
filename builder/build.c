/* build.c — runs the pipeline stages for one edition. */
#include "build.h"
#include "epub.h"
#include "errors.h"

#include <errno.h>

#ifndef EPAPER_DATADIR
#define EPAPER_DATADIR "."
#endif

const char *
build_default_data_dir (void)
{
  const char *env = g_getenv ("EPAPER_DATA_DIR");

  return env && *env ? env : EPAPER_DATADIR;
}

/* Writes out_dir/edition.epub; the cover is pages/p1.png if present. */
static gboolean
build_write_epub (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
                  GError **error)
{
  g_autofree char *cover = g_build_filename (out_dir, BUILD_PAGES_DIR, "p1.png", NULL);
  g_autofree char *path = g_build_filename (out_dir, BUILD_EPUB_NAME, NULL);
  g_autofree char *fonts = opts->data_dir ? g_build_filename (opts->data_dir, "fonts", NULL) : NULL;
  EpubOptions eo = { opts->vertical, opts->embed_fonts, cover, fonts };

  return epub_write (ed, &eo, path, error);
}

gboolean
build_edition (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
               GError **error)
{
  g_return_val_if_fail (ed != NULL && out_dir != NULL && opts != NULL, FALSE);

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                   out_dir, g_strerror (errno));
      return FALSE;
    }
  /* PDF (compose + render-pdf) is wired in here; it runs before the EPUB,
   * which uses its front-page preview as the cover. */
  if (opts->pdf)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE,
                   "the PDF writer is not implemented yet (use --epub)");
      return FALSE;
    }
  /* EPUB */
  if (opts->epub && !build_write_epub (ed, out_dir, opts, error))
    return FALSE;
  return TRUE;
}
