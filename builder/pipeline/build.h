/* build.h — the pipeline for one edition: model → typeset → compose →
 * PDF (+ page previews) and EPUB, written into an output folder.
 * Used by `epaper build` and by the archive. */
#pragma once

#include <glib.h>

#include "archive/archive.h"
#include "base/edition-files.h"
#include "model/model.h"

typedef struct {
  const char *data_dir;     /* folder holding fonts/ and layouts/ */
  const char *layout;       /* layout name, NULL = the edition's */
  gboolean    pdf;          /* write edition.pdf (+ pages/ previews) */
  gboolean    no_previews;  /* with pdf: skip the pages/ previews (the EPUB
                               cover is then a 600 px drawing of page 1) */
  gboolean    epub;         /* write edition.epub */
  gboolean    vertical;     /* vertical-rl EPUB */
  gboolean    embed_fonts;  /* subset fonts into the EPUB */
  gboolean    press;        /* with pdf: also write edition-press.pdf for the
                               printing plant (CMYK, bleed, crop marks, PDF/X-4) */
  GPtrArray  *warnings;     /* NULL, or the caller's array (of char *, with
                               g_free): the build appends what a desk should
                               know but that is no error, e.g. a page whose
                               copy runs out ("…: page 2 (要闻) is 40% white…") */
} BuildOptions;

/* The files an edition build writes: base/edition-files.h. */

/* Page previews for the web reader, the archive and the EPUB cover.  The
 * reader fits a whole page into its window: on a desktop that is about
 * 600–900 CSS px wide for a broadsheet page (its height limits it), so a
 * 1200 px 1× image covers it with room to zoom, and the @2x image
 * (2400 px: 9 pt body type about 20 px high on a broadsheet page) serves
 * high-density screens and zooming in.  Twice 1600 would be a 3200 px
 * @2x image: 2.3 times the pixels to draw and encode.  Small pages (the
 * e-reader layout, 255 pt wide, large type) get at most
 * BUILD_PREVIEW_PX_PER_PT: 638 px, @2x 1276 px, still more than a phone's
 * screen width at 3 device pixels per CSS px. */
#define BUILD_PREVIEW_PX 1200        /* pages/p<N>.png; the @2x image is 2400 */
#define BUILD_PREVIEW_PX_PER_PT 2.5
#define BUILD_THUMB_PX   240         /* pages/p<N>-thumb.png */
/* With no previews, the EPUB cover is the front page drawn this wide (the
 * size of the EPUB's own typographic cover). */
#define BUILD_COVER_PX   600

/* Returns the folder holding fonts/ and layouts/: $EPAPER_DATA_DIR if set,
 * else the source tree the program was built from.  Static string. */
const char *build_default_data_dir (void);

/* Builds @ed into @out_dir (created if needed): into a stage inside it
 * first, committed when every stage has succeeded (base/stage.h), so a
 * failed build leaves @out_dir as it was (and none if it made it).  The
 * commit writes no file through a symbolic link and removes only the files
 * the previous build listed in BUILD_LIST_NAME and this one did not write
 * again (previews of pages the edition no longer has, the EPUB and reader
 * of a full build before a --pdf one); the desk's own files stay.  Returns
 * FALSE with an EB_ERROR on failure. */
gboolean build_edition (const EdEdition *ed, const char *out_dir,
                        const BuildOptions *opts, GError **error);

/* The stages the archive runs when it stores an edition: build_edition()
 * with @opts (borrowed: it must outlive the result's use) and the importer
 * for raw pages. */
ArcStages build_archive_stages (const BuildOptions *opts);
