/* build.h — the pipeline for one edition: model → typeset → compose →
 * PDF (+ page previews) and EPUB, written into an output folder.
 * Used by `epaper build` and by the archive. */
#pragma once

#include <glib.h>

#include "model.h"

typedef struct {
  const char *data_dir;     /* folder holding fonts/ and layouts/ */
  const char *layout;       /* layout name, NULL = the edition's */
  gboolean    pdf;          /* write edition.pdf (+ pages/ previews) */
  gboolean    epub;         /* write edition.epub */
  gboolean    vertical;     /* vertical-rl EPUB */
  gboolean    embed_fonts;  /* subset fonts into the EPUB */
} BuildOptions;

/* The files an edition build writes, relative to the output folder. */
#define BUILD_PDF_NAME   "edition.pdf"
#define BUILD_EPUB_NAME  "edition.epub"
#define BUILD_PAGES_DIR  "pages"     /* pages/p1.png, pages/p1-thumb.png … */

/* Returns the folder holding fonts/ and layouts/: $EPAPER_DATA_DIR if set,
 * else the source tree the program was built from.  Static string. */
const char *build_default_data_dir (void);

/* Builds @ed into @out_dir (created if needed).  Every file is written to a
 * temporary name and renamed when complete.  Returns FALSE with an EB_ERROR
 * on failure. */
gboolean build_edition (const EdEdition *ed, const char *out_dir,
                        const BuildOptions *opts, GError **error);
