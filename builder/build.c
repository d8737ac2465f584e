/* build.c — runs the pipeline stages for one edition. */
#include "build.h"
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
  /* PDF (compose + render-pdf) and EPUB (epub) stages are wired in here. */
  g_set_error (error, EB_ERROR, EB_ERROR_USAGE,
               "the PDF and EPUB writers are not implemented yet");
  return FALSE;
}
