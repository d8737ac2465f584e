/* build.c — runs the pipeline stages for one edition. */
#include "build.h"
#include "compose.h"
#include "epub.h"
#include "errors.h"
#include "layoutspec.h"
#include "reader.h"
#include "render-pdf.h"
#include "typeset.h"

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

/* Writes out_dir/edition.epub; the cover is pages/p1.png if present (not
 * with no_previews: a stale file from an earlier build is not used). */
static gboolean
build_write_epub (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
                  GError **error)
{
  g_autofree char *cover = opts->pdf && opts->no_previews ? NULL
                           : g_build_filename (out_dir, BUILD_PAGES_DIR, "p1.png", NULL);
  g_autofree char *path = g_build_filename (out_dir, BUILD_EPUB_NAME, NULL);
  g_autofree char *fonts = opts->data_dir ? g_build_filename (opts->data_dir, "fonts", NULL) : NULL;
  EpubOptions eo = { opts->vertical, opts->embed_fonts, cover, fonts };

  return epub_write (ed, &eo, path, error);
}

/* The web reader's hotspots: every article part's module rectangle on each
 * composed page. */
static RdrGeometry *
build_reader_geometry (const CompEdition *ce)
{
  const CompPage *first = g_ptr_array_index (ce->pages, 0);
  RdrGeometry *geom = rdr_geometry_new (first->width, first->height);

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);

      rdr_geometry_set_page (geom, page->number, page->section);
      for (guint j = 0; j < page->articles->len; j++)
        {
          const CompArticle *ca = g_ptr_array_index (page->articles, j);
          rdr_geometry_add_rect (geom, ca->article->id, page->number, ca->rect.x,
                                 ca->rect.y, ca->rect.width, ca->rect.height);
        }
    }
  return geom;
}

/* PDF stage: compose on the layout, write the page previews
 * (pages/p<N>.png, p<N>@2x.png, p<N>-thumb.png; see build.h) unless
 * opts->no_previews, and edition.pdf.  The previews are drawn first and
 * their PNG encodes run on worker threads while the PDF is written. */
static gboolean
build_pdf (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
           RdrGeometry **geom_out, GError **error)
{
  const char *data_dir = opts->data_dir ? opts->data_dir : build_default_data_dir ();
  g_autofree char *fonts_dir = g_build_filename (data_dir, "fonts", NULL);
  g_autofree char *pdf_path = g_build_filename (out_dir, BUILD_PDF_NAME, NULL);
  g_autofree char *pages_dir = g_build_filename (out_dir, BUILD_PAGES_DIR, NULL);
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = NULL;
  g_autoptr (PdfPreviews) pv = NULL;

  spec = lay_spec_load_named (data_dir, opts->layout ? opts->layout : ed->layout, error);
  if (!spec)
    return FALSE;
  ts = ts_context_new (fonts_dir, error);
  if (!ts)
    return FALSE;
  ce = comp_edition_new (ed, spec, ts, error);
  if (!ce)
    return FALSE;
  if (!opts->no_previews)
    {
      if (g_mkdir_with_parents (pages_dir, 0755) != 0)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                       pages_dir, g_strerror (errno));
          return FALSE;
        }
      pv = pdf_previews_new (pages_dir, BUILD_PREVIEW_PX, BUILD_THUMB_PX);
      for (guint i = 1; i <= ce->pages->len; i++)
        if (!pdf_previews_add_page (pv, ce, i, error))
          return FALSE;
    }
  if (!pdf_write_edition (ce, pdf_path, error))
    return FALSE;
  if (pv && !pdf_previews_finish (pv, error))
    return FALSE;
  *geom_out = build_reader_geometry (ce);
  return TRUE;
}

gboolean
build_edition (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
               GError **error)
{
  g_autoptr (RdrGeometry) geom = NULL;

  g_return_val_if_fail (ed != NULL && out_dir != NULL && opts != NULL, FALSE);

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                   out_dir, g_strerror (errno));
      return FALSE;
    }
  /* PDF: runs first, the EPUB uses its front-page preview as the cover. */
  if (opts->pdf && !build_pdf (ed, out_dir, opts, &geom, error))
    return FALSE;
  /* EPUB */
  if (opts->epub && !build_write_epub (ed, out_dir, opts, error))
    return FALSE;
  /* Web reader: page replica with hotspots when the pages were composed. */
  if (opts->pdf && opts->epub)
    {
      const char *data_dir = opts->data_dir ? opts->data_dir : build_default_data_dir ();
      if (!rdr_write (ed, geom, NULL, data_dir, out_dir, error))
        return FALSE;
    }
  return TRUE;
}
