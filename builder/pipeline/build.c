/* build.c — runs the pipeline stages for one edition. */
#include "pipeline/build.h"
#include "archive/archive.h"
#include "import/import.h"
#include "compose/compose.h"
#include "epub/epub.h"
#include "base/errors.h"
#include "base/stage.h"
#include "compose/layoutspec.h"
#include "web/reader.h"
#include "render/render-pdf.h"
#include "typeset/typeset.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#ifndef EPAPER_DATADIR
#define EPAPER_DATADIR "."
#endif

const char *
build_default_data_dir (void)
{
  const char *env = g_getenv ("EPAPER_DATA_DIR");

  return env && *env ? env : EPAPER_DATADIR;
}

/* Where each print page starts in the reflowed text (the EPUB's page-break
 * markers and page-list), from the composition. */
typedef struct {
  GArray    *starts;   /* of EpubPageStart */
  GPtrArray *labels;   /* owned copies of the page labels */
} BuildPageStarts;

static void
build_page_starts_free (BuildPageStarts *ps)
{
  if (!ps)
    return;
  g_array_unref (ps->starts);
  g_ptr_array_unref (ps->labels);
  g_free (ps);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BuildPageStarts, build_page_starts_free)

/* @text without white space, quotes in their vertical forms (the
 * typesetter sets “” as 『』 in vertical text), for matching typeset
 * lines to source blocks.  Caller owns. */
static char *
build_match_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (out, ts_vertical_form (c));
    }
  return g_string_free (out, FALSE);
}

/* Characters of a line's start matched against the source blocks: enough
 * to tell two paragraphs apart. */
#define BUILD_MATCH_CHARS 12

/* The block of @art holding the first source text of article part @ca (a
 * continuation): the first of its lines whose start is found in a block's
 * text; -1 if none is (the part holds only its head and jump line). */
static int
build_part_block (const CompArticle *ca, GHashTable *line_par)
{
  const EdArticle *art = ca->article;

  for (guint e = 0; e < ca->elems->len; e++)
    {
      const CompElem *el = g_ptr_array_index (ca->elems, e);

      if (el->kind != COMP_ELEM_PARAGRAPH || el->lines->len == 0)
        continue;
      const TsLine *line = g_array_index (el->lines, CompLine, 0).line;
      const TsParagraph *par = g_hash_table_lookup (line_par, line);
      if (!par)
        continue;
      const char *from = g_utf8_offset_to_pointer (par->text, line->char_start);
      const char *to = g_utf8_offset_to_pointer (from, MIN (line->char_count, BUILD_MATCH_CHARS));
      g_autofree char *raw = g_strndup (from, to - from);
      g_autofree char *want = build_match_text (raw);

      if (g_utf8_strlen (want, -1) < 2)
        continue;
      for (guint b = 0; b < art->blocks->len; b++)
        {
          g_autofree char *text = ed_block_text (g_ptr_array_index (art->blocks, b));
          g_autofree char *have = build_match_text (text);

          if (strstr (have, want))
            return (int) b;
        }
    }
  return -1;
}

/* For each print page, the first of its article parts in the EPUB's
 * reading order (edition order of articles, then blocks) that comes after
 * the previous page's start, so the page-list runs forward; a page with no
 * article is left out. */
static BuildPageStarts *
build_page_starts (const CompEdition *ce)
{
  BuildPageStarts *ps = g_new0 (BuildPageStarts, 1);
  g_autoptr (GHashTable) order = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) line_par = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 prev = -1;
  guint n = 0;

  ps->starts = g_array_new (FALSE, TRUE, sizeof (EpubPageStart));
  ps->labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ce->ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (ce->ed->pages, i);
      for (guint j = 0; j < page->articles->len; j++)
        g_hash_table_insert (order, g_ptr_array_index (page->articles, j), GUINT_TO_POINTER (++n));
    }
  for (guint i = 0; i < ce->paragraphs->len; i++)
    {
      const TsParagraph *par = g_ptr_array_index (ce->paragraphs, i);
      for (guint l = 0; l < par->lines->len; l++)
        g_hash_table_insert (line_par, g_ptr_array_index (par->lines, l), (gpointer) par);
    }
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);
      EpubPageStart best = { NULL, -1, page->number, NULL };
      gint64 best_key = G_MAXINT64, first_key = G_MAXINT64;
      EpubPageStart first = best;

      for (guint j = 0; j < page->articles->len; j++)
        {
          const CompArticle *ca = g_ptr_array_index (page->articles, j);
          int block = ca->part > 0 ? build_part_block (ca, line_par) : -1;
          gint64 key;

          if (ca->part > 0 && block < 0)
            block = (int) ca->article->blocks->len - 1;  /* head and jump line only */
          key = (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (order, ca->article)) * 100000
                + block + 1;
          if (key < first_key)
            first_key = key, first.article = ca->article, first.block = block;
          if (key > prev && key < best_key)
            best_key = key, best.article = ca->article, best.block = block;
        }
      if (!first.article)
        continue;
      if (!best.article)
        best = first, best_key = first_key;
      g_ptr_array_add (ps->labels, g_strdup (page->label));
      best.label = g_ptr_array_index (ps->labels, ps->labels->len - 1);
      g_array_append_val (ps->starts, best);
      prev = best_key;
    }
  return ps;
}

/* Writes out_dir/edition.epub.  The cover: @cover_jpeg if given (this
 * build's front page from the PDF stage, BUILD_COVER_PX wide), else the
 * EPUB's typographic cover — never an image an earlier build left in the
 * folder, which may be another edition's. */
static gboolean
build_write_epub (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
                  const char *cover_jpeg, const BuildPageStarts *pages, GError **error)
{
  g_autofree char *path = g_build_filename (out_dir, BUILD_EPUB_NAME, NULL);
  g_autofree char *fonts = opts->data_dir ? g_build_filename (opts->data_dir, "fonts", NULL) : NULL;
  EpubOptions eo = { opts->vertical, opts->embed_fonts, cover_jpeg, fonts,
                     pages ? (const EpubPageStart *) pages->starts->data : NULL,
                     pages ? pages->starts->len : 0 };

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

/* The EPUB cover's scratch file in the stage (a name beginning with '.'
 * stays behind when the stage is committed: stage.h). */
#define BUILD_COVER_SCRATCH ".epub-cover.jpg"

/* With no previews, the EPUB cover is the front page drawn
 * BUILD_COVER_PX wide (from the composition in hand: cheaper than the
 * EPUB's own typographic cover, which loads its fonts again) into the
 * file @path. */
static gboolean
build_cover_file (const CompEdition *ce, PdfFonts *fonts, const char *path, GError **error)
{
  g_autoptr (GBytes) jpeg = pdf_page_jpeg_bytes (ce, fonts, 1, BUILD_COVER_PX, error);
  gsize len;
  const char *data;

  if (!jpeg)
    return FALSE;
  data = g_bytes_get_data (jpeg, &len);
  return eb_write_file_atomic (path, data, len, error);
}

/* A cover drawn on a worker thread (build_cover_file). */
typedef struct {
  const CompEdition *ce;
  const char        *path;   /* the cover file to write */
  gboolean           ok;
  PdfFonts          *fonts;  /* borrowed, finished: the subset faces */
  GError            *error;  /* owned: why not */
} BuildCoverJob;

static gpointer
build_cover_thread (gpointer data)
{
  BuildCoverJob *job = data;

  job->ok = build_cover_file (job->ce, job->fonts, job->path, &job->error);
  return NULL;
}

/* Warnings for a desk: a page whose own copy fills less than three
 * quarters of its 版心 (add copy, 补白, or move an article to it), and a
 * module that leaves more than hole_rows (compose-costs.h) lines white
 * under its text. */
static void
build_warn_pages (const CompEdition *ce, GPtrArray *warnings)
{
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      const CompArticle *a = NULL;
      guint hole = comp_page_hole (ce, p, &a);

      /* a module whose copy is short for its place: the planner found no
       * better fit, a desk adds copy or moves an article */
      if (hole > ce->spec->costs.hole_rows && a)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("%s: page %u (%s) on layout '%s': %u lines white under "
                                          "'%s' (its copy is short for its place); add copy, or "
                                          "move or cut an article", ce->ed->dir ? ce->ed->dir
                                          : ce->ed->paper, p->number, p->section,
                                          ce->spec->name, hole, a->article->title));

      if (p->thin)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("%s: page %u (%s) is %u%% white on layout '%s': its "
                                          "articles run out; add copy or move an article to it",
                                          ce->ed->dir ? ce->ed->dir : ce->ed->paper, p->number,
                                          p->section, comp_page_white_percent (ce, p),
                                          ce->spec->name));
    }
}

/* PDF stage: compose on the layout, write the page previews
 * (pages/p<N>.png, p<N>@2x.jpg or .png, p<N>-thumb.png; see build.h) unless
 * opts->no_previews, and edition.pdf (and with opts->press the press PDF).
 * The previews are drawn first and their PNG encodes run on worker threads
 * while the PDF is written.  With an EPUB to write, its cover goes to
 * @cover (from the previews, or drawn on a worker thread by
 * build_cover_file). */
static gboolean
build_pdf (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
           const char *cover, RdrGeometry **geom_out, BuildPageStarts **pages_out,
           GError **error)
{
  const char *data_dir = opts->data_dir ? opts->data_dir : build_default_data_dir ();
  g_autofree char *fonts_dir = g_build_filename (data_dir, "fonts", NULL);
  g_autofree char *pdf_path = g_build_filename (out_dir, BUILD_PDF_NAME, NULL);
  g_autofree char *pages_dir = g_build_filename (out_dir, BUILD_PAGES_DIR, NULL);
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (TsContext) ts = NULL;
  g_autoptr (CompEdition) ce = NULL;
  g_autoptr (PdfPreviews) pv = NULL;
  g_autoptr (PdfFonts) fonts = NULL;
  BuildCoverJob cover_job = { NULL, cover, FALSE, NULL, NULL };
  GThread *cover_thread = NULL;
  int px = 0;
  gboolean ok;

  spec = lay_spec_load_named (data_dir, opts->layout ? opts->layout : ed->layout, error);
  if (!spec)
    {
      /* the edition named it: say where */
      if (!opts->layout && ed->layout_line && ed->dir)
        g_prefix_error (error, "%s/edition.yaml:%u: ", ed->dir, ed->layout_line);
      return FALSE;
    }
  ts = ts_context_new (fonts_dir, error);
  if (!ts)
    return FALSE;
  ce = comp_edition_new (ed, spec, ts, error);
  if (!ce)
    return FALSE;
  if (opts->warnings)
    build_warn_pages (ce, opts->warnings);
  /* the edition's fonts cut down to its glyphs (on worker threads); the
   * PDF, the previews and the cover are drawn with them */
  fonts = pdf_fonts_prepare (ce);
  if (!opts->no_previews)
    {
      if (g_mkdir_with_parents (pages_dir, 0755) != 0)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                       pages_dir, g_strerror (errno));
          return FALSE;
        }
      const CompPage *first = g_ptr_array_index (ce->pages, 0);

      px = MIN (BUILD_PREVIEW_PX, (int) (first->width * BUILD_PREVIEW_PX_PER_PT + 0.5));

      pv = pdf_previews_new (pages_dir, px, MIN (BUILD_THUMB_PX, px), fonts);
      /* the EPUB's cover: the front page BUILD_COVER_PX wide, scaled from
       * its preview (a 1200 px cover made a one-page EPUB 850 KB) */
      if (opts->epub)
        pdf_previews_set_cover (pv, cover, BUILD_COVER_PX);
      for (guint i = 1; i <= ce->pages->len; i++)
        if (!pdf_previews_add_page (pv, ce, i, error))
          return FALSE;
    }
  /* with no previews, the cover is drawn on a worker thread while this
   * one writes the PDF (the composition is only read by both) */
  if (!pv && opts->epub)
    {
      pdf_fonts_finish (fonts);
      cover_job.ce = ce;
      cover_job.fonts = fonts;
      cover_thread = g_thread_new ("epaper-cover", build_cover_thread, &cover_job);
    }
  ok = pdf_write_edition_fonts (ce, fonts, pdf_path, error);
  if (ok && opts->press)
    {
      g_autofree char *press_path = g_build_filename (out_dir, BUILD_PRESS_NAME, NULL);

      ok = pdf_write_press (ce, fonts, press_path, opts->warnings, error);
    }
  if (cover_thread)
    {
      g_thread_join (cover_thread);
      if (ok && !cover_job.ok)
        {
          g_propagate_error (error, g_steal_pointer (&cover_job.error));
          ok = FALSE;
        }
      g_clear_error (&cover_job.error);
    }
  if (!ok)
    return FALSE;
  if (pv && !pdf_previews_finish (pv, error))
    return FALSE;
  *geom_out = build_reader_geometry (ce);
  (*geom_out)->image_px = (guint) px;
  *pages_out = build_page_starts (ce);
  return TRUE;
}

/* Runs the stages into the folder @dir (a stage: build_edition). */
static gboolean
build_into (const EdEdition *ed, const char *dir, const BuildOptions *opts, GError **error)
{
  g_autoptr (RdrGeometry) geom = NULL;
  g_autoptr (BuildPageStarts) pages = NULL;
  g_autofree char *cover = g_build_filename (dir, BUILD_COVER_SCRATCH, NULL);

  /* PDF: runs first, the EPUB uses its front-page preview as the cover. */
  if (opts->pdf && !build_pdf (ed, dir, opts, cover, &geom, &pages, error))
    return FALSE;
  if (opts->epub
      && !build_write_epub (ed, dir, opts, opts->pdf ? cover : NULL, pages, error))
    return FALSE;
  /* Web reader: page replica with hotspots when the pages were composed. */
  if (opts->pdf && opts->epub)
    {
      const char *data_dir = opts->data_dir ? opts->data_dir : build_default_data_dir ();
      if (!rdr_write (ed, geom, NULL, data_dir, dir, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
build_edition (const EdEdition *ed, const char *out_dir, const BuildOptions *opts,
               GError **error)
{
  g_autoptr (EbStage) stage = NULL;

  g_return_val_if_fail (ed != NULL && out_dir != NULL && opts != NULL, FALSE);
  stage = eb_stage_open (out_dir, BUILD_LIST_NAME, error);
  return stage && build_into (ed, eb_stage_path (stage), opts, error)
         && eb_stage_commit (stage, EB_STAGE_REPLACE, error);
}

/* ------------------------------------------------------------ archive */

static gboolean
build_stage_build (const EdEdition *ed, const char *out_dir, gpointer data, GError **error)
{
  return build_edition (ed, out_dir, data, error);
}

static gboolean
build_stage_import (char **paths, const char *date, const char *dir, gpointer data,
                    GError **error)
{
  ImpOptions io = { .date = date };
  g_autoptr (EdEdition) imported = imp_import_pages (paths, &io, error);

  (void) data;
  return imported && imp_write_sources (imported, dir, FALSE, error);
}

ArcStages
build_archive_stages (const BuildOptions *opts)
{
  ArcStages stages = { build_stage_build, build_stage_import, (gpointer) opts };
  return stages;
}
