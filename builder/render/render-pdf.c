/* render-pdf.c — composed pages → cairo: PDF and PNG previews.
 *
 * Drawing order per page: rules and furniture (untagged), then every
 * article inside an "Art" structure element, its elements in reading
 * order as "H", "P" or "Figure".  Because each article is drawn whole,
 * text extraction keeps it together.
 */
#include "render/render-pdf.h"
#include "base/errors.h"
#include "base/version.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <stdio.h>  /* before jpeglib.h */
#include <jpeglib.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>
#include <sys/mman.h>

/* ------------------------------------------------------------ font subsets
 *
 * cairo 1.16 embeds a CFF font by loading the whole CFF table and keeping
 * every subroutine: with the Noto CJK faces that is ~0.2 s and up to
 * ~700 KB per face.  So before drawing the PDF, every face is cut down with
 * harfbuzz-subset to the glyphs the edition uses, and the glyph runs are
 * drawn with scaled fonts of the small face: same metrics, same outlines.
 * The subset renumbers the glyphs densely (0, then the kept glyphs in
 * ascending order), and pdf_draw_line maps the run's glyph ids through
 * PdfFaceData.gids: retaining the original ids instead made the subset and
 * cairo's own CFF pass carry ~65,000 empty glyph slots per face, which cost
 * more than half of the PDF stage.
 */

/* One face to subset. */
typedef struct {
  const char *key;        /* "path:index" (borrowed) */
  hb_set_t   *glyphs;     /* glyph ids to keep (owned) */
  hb_blob_t  *result;     /* the subset font, or NULL (owned) */
  hb_map_t   *gids;       /* original → subset glyph id, NULL if retained (owned) */
} PdfSubsetJob;

struct _PdfFonts {
  FT_Library    ft;
  GHashTable   *glyphs;   /* "path:index" → GHashTable of glyph ids (set) */
  GHashTable   *faces;    /* "path:index" → cairo_font_face_t * (owned) */
  GHashTable   *scaled;   /* original cairo_scaled_font_t * → replacement (owned) */
  GList        *keys;     /* the glyphs' keys, sorted (owned list) */
  PdfSubsetJob *jobs;     /* one per key (owned) */
  guint         n_jobs;
  GThreadPool  *pool;     /* running subset jobs; NULL once finished */
  gboolean      ready;    /* the replacement fonts are made */
};

typedef struct {
  FT_Face    face;
  hb_blob_t *blob;
  hb_map_t  *gids;        /* original glyph id → subset glyph id; NULL: same ids */
} PdfFaceData;

static const cairo_user_data_key_t pdf_face_key;

/* Previews: zlib level 1 and no PNG filter.  On seed 000 (1600 × 2256)
 * that writes 1.25 MB in ~0.06 s where cairo's writer (level 6, adaptive
 * filters) wrote 1.77 MB in ~0.2 s; SUB/UP/PAETH filters gave larger files
 * at level 1–3 for these text pages. */
#define PDF_PNG_ZLIB_LEVEL 1
#define PDF_PNG_FILTER     PNG_FILTER_NONE

static void
pdf_face_data_free (void *data)
{
  PdfFaceData *d = data;

  FT_Done_Face (d->face);
  hb_blob_destroy (d->blob);
  hb_map_destroy (d->gids);
  g_free (d);
}

/* "path:index" of the font file behind @sf, or NULL (not a file face). */
static char *
pdf_font_key (cairo_scaled_font_t *sf)
{
  FT_Face face;
  char *key = NULL;

  if (cairo_scaled_font_get_type (sf) != CAIRO_FONT_TYPE_FT)
    return NULL;
  face = cairo_ft_scaled_font_lock_face (sf);
  if (face && face->stream && face->stream->pathname.pointer)
    key = g_strdup_printf ("%s:%ld", (const char *) face->stream->pathname.pointer,
                           face->face_index & 0xFFFF);
  cairo_ft_scaled_font_unlock_face (sf);
  return key;
}

static void
pdf_fonts_collect_line (PdfFonts *pf, const TsLine *line)
{
  for (guint i = 0; i < line->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, i);
      char *key;
      GHashTable *set;

      if (g_hash_table_contains (pf->scaled, run->font))
        key = pdf_font_key (run->font);
      else
        key = pdf_font_key (run->font);
      if (!key)
        continue;
      set = g_hash_table_lookup (pf->glyphs, key);
      if (!set)
        {
          set = g_hash_table_new (g_direct_hash, g_direct_equal);
          g_hash_table_insert (pf->glyphs, g_strdup (key), set);
        }
      for (int g = 0; g < run->n_glyphs; g++)
        g_hash_table_add (set, GUINT_TO_POINTER ((guint) run->glyphs[g].index + 1));
      g_hash_table_insert (pf->scaled, run->font, NULL);
      g_free (key);
    }
}

/* cairo embeds the CFF (or glyf) outlines with widths from hmtx and the
 * font name from name; the text comes from the glyph clusters.  Layout and
 * vertical tables and cmap are not needed, and keeping GSUB/GPOS would make
 * the plan compute their glyph closure. */
static const hb_tag_t pdf_subset_drop[] = {
  HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
  HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('J', 'S', 'T', 'F'), HB_TAG ('M', 'A', 'T', 'H'),
  HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'), HB_TAG ('V', 'O', 'R', 'G'),
  HB_TAG ('D', 'S', 'I', 'G'), HB_TAG ('m', 'o', 'r', 'x'), HB_TAG ('k', 'e', 'r', 'n'),
  HB_TAG ('c', 'm', 'a', 'p'),
};

/* The source face's tables, with the dropped ones empty: even when told to
 * drop cmap and the layout tables, the subset plan still reads them (the
 * whole CJK cmap, ~45,000 entries); hiding them cut the plan from ~50 ms to
 * ~12 ms per face. */
static hb_blob_t *
pdf_subset_source_table (hb_face_t *face, hb_tag_t tag, void *user_data)
{
  (void) face;
  for (gsize t = 0; t < G_N_ELEMENTS (pdf_subset_drop); t++)
    if (pdf_subset_drop[t] == tag)
      return hb_blob_get_empty ();
  return hb_face_reference_table (user_data, tag);
}

static hb_face_t *
pdf_subset_run (hb_face_t *face, const hb_set_t *glyphs, gboolean retain_gids)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *tables;
  hb_face_t *sub;

  if (!input)
    return NULL;
  tables = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_set_union (hb_subset_input_glyph_set (input), glyphs);
  for (gsize t = 0; t < G_N_ELEMENTS (pdf_subset_drop); t++)
    hb_set_add (tables, pdf_subset_drop[t]);
  hb_subset_input_set_flags (input, (retain_gids ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0)
                                    | HB_SUBSET_FLAGS_NOTDEF_OUTLINE
                                    | HB_SUBSET_FLAGS_NO_HINTING
                                    | HB_SUBSET_FLAGS_DESUBROUTINIZE);
  sub = hb_subset_or_fail (face, input);
  hb_subset_input_destroy (input);
  return sub;
}

/* Cuts the face of @job->key down to @job->glyphs, renumbered densely.  If
 * the subset holds other glyphs than asked (a TrueType composite pulls in
 * its components) the numbering is not known, so it keeps the ids. */
static void
pdf_subset_job_run (PdfSubsetJob *job)
{
  const char *colon = strrchr (job->key, ':');
  g_autofree char *path = g_strndup (job->key, colon - job->key);
  unsigned index = (unsigned) g_ascii_strtoull (colon + 1, NULL, 10);
  hb_blob_t *blob = hb_blob_create_from_file_or_fail (path);
  hb_face_t *file_face, *face, *sub;

  if (!blob)
    return;
  file_face = hb_face_create (blob, index);
  hb_blob_destroy (blob);
  face = hb_face_create_for_tables (pdf_subset_source_table, file_face,
                                    (hb_destroy_func_t) hb_face_destroy);
  hb_face_set_index (face, index);
  hb_face_set_upem (face, hb_face_get_upem (file_face));
  hb_face_set_glyph_count (face, hb_face_get_glyph_count (file_face));
  sub = pdf_subset_run (face, job->glyphs, FALSE);
  if (sub && hb_face_get_glyph_count (sub) == hb_set_get_population (job->glyphs))
    {
      hb_codepoint_t g = HB_SET_VALUE_INVALID, n = 0;

      job->gids = hb_map_create ();
      while (hb_set_next (job->glyphs, &g))
        hb_map_set (job->gids, g, n++);
    }
  else
    {
      hb_face_destroy (sub);
      sub = pdf_subset_run (face, job->glyphs, TRUE);
    }
  hb_face_destroy (face);
  if (sub)
    {
      job->result = hb_face_reference_blob (sub);
      hb_face_destroy (sub);
    }
}

/* A cairo face for the subset font @blob, with glyph map @gids (both
 * consumed); NULL if unusable. */
static cairo_font_face_t *
pdf_fonts_face_from_blob (PdfFonts *pf, hb_blob_t *blob, hb_map_t *gids)
{
  PdfFaceData *d;
  cairo_font_face_t *cface;
  const char *data;
  unsigned len;

  d = g_new0 (PdfFaceData, 1);
  d->blob = blob;
  d->gids = gids;
  data = hb_blob_get_data (d->blob, &len);
  if (len == 0 || FT_New_Memory_Face (pf->ft, (const FT_Byte *) data, len, 0, &d->face) != 0)
    {
      hb_blob_destroy (d->blob);
      hb_map_destroy (d->gids);
      g_free (d);
      return NULL;
    }
  cface = cairo_ft_font_face_create_for_ft_face (d->face, 0);
  if (cairo_font_face_set_user_data (cface, &pdf_face_key, d, pdf_face_data_free)
      != CAIRO_STATUS_SUCCESS)
    {
      cairo_font_face_destroy (cface);
      pdf_face_data_free (d);
      return NULL;
    }
  return cface;
}

static void
pdf_subset_worker (gpointer job, gpointer user_data)
{
  (void) user_data;
  pdf_subset_job_run (job);
}

/* Starts cutting every face in pf->keys (sorted, for a stable order).  The
 * faces are independent (each job has its own hb_face_t and reads the font
 * file through its own blob), so they are cut on worker threads while the
 * caller goes on (drawing previews, say); pdf_fonts_finish() waits. */
static void
pdf_fonts_subset_start (PdfFonts *pf)
{
  guint i = 0;
  guint threads;

  pf->n_jobs = g_list_length (pf->keys);
  pf->jobs = g_new0 (PdfSubsetJob, pf->n_jobs);
  for (GList *l = pf->keys; l; l = l->next, i++)
    {
      GHashTable *set = g_hash_table_lookup (pf->glyphs, l->data);
      GHashTableIter it;
      gpointer gid;

      pf->jobs[i].key = l->data;
      pf->jobs[i].glyphs = hb_set_create ();
      hb_set_add (pf->jobs[i].glyphs, 0);
      g_hash_table_iter_init (&it, set);
      while (g_hash_table_iter_next (&it, &gid, NULL))
        hb_set_add (pf->jobs[i].glyphs, GPOINTER_TO_UINT (gid) - 1);
    }
  threads = MIN (g_get_num_processors (), pf->n_jobs);
  if (threads >= 1)
    pf->pool = g_thread_pool_new (pdf_subset_worker, NULL, (int) threads, FALSE, NULL);
  for (i = 0; i < pf->n_jobs; i++)
    if (!pf->pool || !g_thread_pool_push (pf->pool, &pf->jobs[i], NULL))
      pdf_subset_job_run (&pf->jobs[i]);
}

/* Waits for the subset jobs, then makes a cairo face per subset font (in
 * key order, so nothing depends on the threads' timing) and a replacement
 * scaled font for every scaled font the edition draws with. */
static void
pdf_fonts_finish (PdfFonts *pf)
{
  GHashTableIter it;
  gpointer key, value;

  if (pf->ready)
    return;
  pf->ready = TRUE;
  if (pf->pool)
    g_thread_pool_free (g_steal_pointer (&pf->pool), FALSE, TRUE);  /* waits */
  for (guint i = 0; i < pf->n_jobs; i++)
    {
      PdfSubsetJob *job = &pf->jobs[i];
      cairo_font_face_t *face = NULL;

      if (job->result)
        face = pdf_fonts_face_from_blob (pf, g_steal_pointer (&job->result),
                                         g_steal_pointer (&job->gids));
      if (face)
        g_hash_table_insert (pf->faces, g_strdup (job->key), face);
    }
  g_hash_table_iter_init (&it, pf->scaled);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      g_autofree char *fkey = pdf_font_key (key);
      cairo_font_face_t *face = fkey ? g_hash_table_lookup (pf->faces, fkey) : NULL;
      cairo_matrix_t fm, ctm;
      cairo_font_options_t *opts;

      if (!face)
        continue;
      opts = cairo_font_options_create ();
      cairo_scaled_font_get_font_matrix (key, &fm);
      cairo_scaled_font_get_ctm (key, &ctm);
      cairo_scaled_font_get_font_options (key, opts);
      g_hash_table_iter_replace (&it, cairo_scaled_font_create (face, &fm, &ctm, opts));
      cairo_font_options_destroy (opts);
    }
}

void
pdf_fonts_free (PdfFonts *pf)
{
  if (!pf)
    return;
  if (pf->pool)
    g_thread_pool_free (pf->pool, FALSE, TRUE);
  for (guint i = 0; i < pf->n_jobs; i++)
    {
      hb_set_destroy (pf->jobs[i].glyphs);
      hb_blob_destroy (pf->jobs[i].result);
      hb_map_destroy (pf->jobs[i].gids);
    }
  g_free (pf->jobs);
  g_list_free (pf->keys);
  g_hash_table_unref (pf->scaled);
  g_hash_table_unref (pf->faces);
  g_hash_table_unref (pf->glyphs);
  FT_Done_FreeType (pf->ft);
  g_free (pf);
}

static void
pdf_scaled_font_unref (gpointer sf)
{
  if (sf)
    cairo_scaled_font_destroy (sf);
}

PdfFonts *
pdf_fonts_prepare (const CompEdition *ce)
{
  PdfFonts *pf;

  g_return_val_if_fail (ce != NULL, NULL);
  pf = g_new0 (PdfFonts, 1);
  if (FT_Init_FreeType (&pf->ft) != 0)
    {
      g_free (pf);
      return NULL;
    }
  pf->glyphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  pf->faces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) cairo_font_face_destroy);
  pf->scaled = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                      pdf_scaled_font_unref);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);
      for (guint f = 0; f < p->furniture->len; f++)
        {
          const CompElem *e = g_ptr_array_index (p->furniture, f);
          for (guint l = 0; l < e->lines->len; l++)
            pdf_fonts_collect_line (pf, g_array_index (e->lines, CompLine, l).line);
        }
      for (guint j = 0; j < p->articles->len; j++)
        {
          const CompArticle *a = g_ptr_array_index (p->articles, j);
          for (guint k = 0; k < a->elems->len; k++)
            {
              const CompElem *e = g_ptr_array_index (a->elems, k);
              for (guint l = 0; l < e->lines->len; l++)
                pdf_fonts_collect_line (pf, g_array_index (e->lines, CompLine, l).line);
            }
        }
    }
  /* one subset face per font file, sorted for a stable order */
  pf->keys = g_list_sort (g_hash_table_get_keys (pf->glyphs), (GCompareFunc) strcmp);
  pdf_fonts_subset_start (pf);
  return pf;
}

/* The font to draw @sf with: its subset replacement, or itself. */
static cairo_scaled_font_t *
pdf_fonts_map (const PdfFonts *pf, cairo_scaled_font_t *sf)
{
  cairo_scaled_font_t *r = pf ? g_hash_table_lookup (pf->scaled, sf) : NULL;

  return r && cairo_scaled_font_status (r) == CAIRO_STATUS_SUCCESS ? r : sf;
}

/* libjpeg reports errors through error_exit, which must not return. */
typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
} PdfJpegError;

static void
pdf_jpeg_error_exit (j_common_ptr cinfo)
{
  longjmp (((PdfJpegError *) cinfo->err)->jump, 1);
}

static void
pdf_jpeg_silent (j_common_ptr cinfo, int level)
{
  (void) cinfo, (void) level;
}

/* Decodes JPEG @data into an RGB24 surface (libjpeg-turbo writes cairo's
 * pixel layout directly), shrunk by the largest of 1/2, 1/4, 1/8 that
 * keeps it at least @min_w × @min_h pixels (0 × 0: full size).  Grey and RGB
 * JPEGs; NULL for others (CMYK) or broken data. */
static cairo_surface_t *
pdf_decode_jpeg (const unsigned char *data, gsize len, int min_w, int min_h)
{
  struct jpeg_decompress_struct cinfo;
  PdfJpegError jerr;
  cairo_surface_t *volatile s = NULL;
  unsigned char *pixels;
  int stride;

  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = pdf_jpeg_error_exit;
  jerr.pub.emit_message = pdf_jpeg_silent;
  if (setjmp (jerr.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      if (s)
        cairo_surface_destroy (s);
      return NULL;
    }
  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, (unsigned long) len);
  jpeg_read_header (&cinfo, TRUE);
  if (cinfo.jpeg_color_space != JCS_GRAYSCALE && cinfo.jpeg_color_space != JCS_RGB
      && cinfo.jpeg_color_space != JCS_YCbCr)
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  cinfo.out_color_space = JCS_EXT_BGRX;
#else
  cinfo.out_color_space = JCS_EXT_XRGB;
#endif
  cinfo.scale_num = 1;
  cinfo.scale_denom = 1;
  while (cinfo.scale_denom < 8
         && (int) (cinfo.image_width / (cinfo.scale_denom * 2)) >= min_w
         && (int) (cinfo.image_height / (cinfo.scale_denom * 2)) >= min_h)
    cinfo.scale_denom *= 2;
  jpeg_start_decompress (&cinfo);
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) cinfo.output_width,
                                  (int) cinfo.output_height);
  if (cairo_surface_status (s) != CAIRO_STATUS_SUCCESS)
    longjmp (jerr.jump, 1);
  cairo_surface_flush (s);
  pixels = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW row = pixels + (gsize) cinfo.output_scanline * stride;
      jpeg_read_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  cairo_surface_mark_dirty (s);
  return s;
}

/* The pixel size of a baseline or progressive JPEG from its SOF marker. */
static gboolean
pdf_jpeg_size (const unsigned char *data, gsize len, int *w, int *h)
{
  *w = *h = 0;
  for (gsize i = 2; len > 4 && data[0] == 0xFF && data[1] == 0xD8 && i + 9 < len;)
    {
      unsigned char m = data[i + 1];
      if (data[i] != 0xFF)
        break;
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
        {
          *h = (data[i + 5] << 8) | data[i + 6];
          *w = (data[i + 7] << 8) | data[i + 8];
          break;
        }
      i += 2 + ((data[i + 2] << 8) | data[i + 3]);
    }
  return *w > 0 && *h > 0;
}

/* Loads an image as a cairo surface for painting.  PNG through cairo.  A
 * JPEG: for a PDF (@vector) a surface of its pixel size that carries the
 * JPEG bytes, which the PDF embeds as they are (DCTDecode) without
 * decoding; for previews the decoded pixels, at least @min_w × @min_h
 * (libjpeg's fast 1/2–1/8 scaling), or a grey surface if the JPEG cannot
 * be decoded (CMYK). */
static cairo_surface_t *
pdf_load_image (const char *path, gboolean vector, int min_w, int min_h)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  cairo_surface_t *s = NULL;
  int w, h;

  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    return cairo_image_surface_create_from_png (path);
  if (!g_file_get_contents (path, &data, &len, NULL)
      || !pdf_jpeg_size ((const unsigned char *) data, len, &w, &h))
    return NULL;
  if (!vector)
    s = pdf_decode_jpeg ((const unsigned char *) data, len, min_w, min_h);
  if (s)
    return s;
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  {
    cairo_t *cr = cairo_create (s);
    cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
    cairo_paint (cr);
    cairo_destroy (cr);
  }
  if (vector)
    {
      cairo_surface_set_mime_data (s, CAIRO_MIME_TYPE_JPEG, (const unsigned char *) data, len,
                                   g_free, data);
      data = NULL;  /* the surface owns it now */
    }
  return s;
}

static void
pdf_draw_line (cairo_t *cr, const CompLine *cl, const PdfFonts *pf)
{
  const TsLine *line = cl->line;

  for (guint i = 0; i < line->runs->len; i++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, i);

      if (run->n_glyphs == 0)
        continue;
      cairo_scaled_font_t *font = pdf_fonts_map (pf, run->font);
      const PdfFaceData *d = font != run->font
        ? cairo_font_face_get_user_data (cairo_scaled_font_get_font_face (font), &pdf_face_key)
        : NULL;
      cairo_glyph_t stack[128];
      cairo_glyph_t *glyphs = run->glyphs;

      if (d && d->gids)
        {
          /* the subset face numbers its glyphs densely */
          glyphs = run->n_glyphs <= (int) G_N_ELEMENTS (stack) ? stack
                                                               : g_new (cairo_glyph_t, run->n_glyphs);
          for (int g = 0; g < run->n_glyphs; g++)
            {
              glyphs[g] = run->glyphs[g];
              glyphs[g].index = hb_map_get (d->gids, (hb_codepoint_t) run->glyphs[g].index);
            }
        }
      cairo_save (cr);
      cairo_translate (cr, cl->x, cl->y);
      cairo_set_scaled_font (cr, font);
      cairo_show_text_glyphs (cr, run->utf8, run->utf8_len, glyphs, run->n_glyphs,
                              run->clusters, run->n_clusters, run->cluster_flags);
      cairo_restore (cr);
      if (glyphs != run->glyphs && glyphs != stack)
        g_free (glyphs);
    }
}

static void
pdf_draw_figure (cairo_t *cr, const CompElem *e)
{
  const CompRect *r = &e->image_rect;
  gboolean vector = cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE;
  double dw = r->width, dh = r->height;
  cairo_surface_t *img;
  double iw, ih;

  /* the box in device pixels: a preview needs no more of a JPEG */
  cairo_user_to_device_distance (cr, &dw, &dh);
  img = pdf_load_image (e->image, vector, (int) ceil (fabs (dw)), (int) ceil (fabs (dh)));

  cairo_save (cr);
  if (!img || cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      /* frame under the picture: visible in previews of JPEG figures */
      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
    }
  if (img && cairo_surface_status (img) == CAIRO_STATUS_SUCCESS)
    {
      double scale;

      /* cover the box, centred, cropping what overflows */
      iw = cairo_image_surface_get_width (img);
      ih = cairo_image_surface_get_height (img);
      scale = MAX (r->width / iw, r->height / ih);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_clip (cr);
      cairo_translate (cr, r->x + (r->width - iw * scale) / 2, r->y + (r->height - ih * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_paint (cr);
    }
  cairo_restore (cr);
  if (img)
    cairo_surface_destroy (img);
}

static void
pdf_draw_elem (cairo_t *cr, const CompElem *e, const PdfFonts *pf)
{
  cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
  if (e->image)
    pdf_draw_figure (cr, e);
  if (e->boxed)
    {
      cairo_save (cr);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, e->box.x, e->box.y, e->box.width, e->box.height);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < e->lines->len; i++)
    pdf_draw_line (cr, &g_array_index (e->lines, CompLine, i), pf);
}

static const char *
pdf_tag_name (CompElemKind kind)
{
  switch (kind)
    {
    case COMP_ELEM_HEADING:
      return "H";
    case COMP_ELEM_FIGURE:
      return "Figure";
    case COMP_ELEM_PARAGRAPH:
    default:
      return "P";
    }
}

static void
pdf_draw_tagged_elem (cairo_t *cr, const CompElem *e, const PdfFonts *pf)
{
  g_autofree char *dest = NULL;
  g_autofree char *link = NULL;

  cairo_tag_begin (cr, pdf_tag_name (e->kind), "");
  if (e->dest)
    {
      dest = g_strdup_printf ("name='%s' x=%.2f y=%.2f", e->dest, e->dest_x, e->dest_y);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    }
  if (e->link_dest && e->lines->len > 0)
    {
      link = g_strdup_printf ("dest='%s'", e->link_dest);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }
  pdf_draw_elem (cr, e, pf);
  if (link)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
  if (dest)
    cairo_tag_end (cr, CAIRO_TAG_DEST);
  cairo_tag_end (cr, pdf_tag_name (e->kind));
}

static void
pdf_draw_page_fonts (cairo_t *cr, const CompEdition *ce, const CompPage *page,
                     const PdfFonts *pf)
{
  (void) ce;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < page->rules->len; i++)
    {
      const CompRule *r = &g_array_index (page->rules, CompRule, i);

      cairo_set_source_rgb (cr, r->rgb[0], r->rgb[1], r->rgb[2]);
      cairo_set_line_width (cr, r->width);
      cairo_move_to (cr, r->x0, r->y0);
      cairo_line_to (cr, r->x1, r->y1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < page->furniture->len; i++)
    pdf_draw_elem (cr, g_ptr_array_index (page->furniture, i), pf);
  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);

      cairo_tag_begin (cr, "Art", "");
      for (guint j = 0; j < a->elems->len; j++)
        pdf_draw_tagged_elem (cr, g_ptr_array_index (a->elems, j), pf);
      cairo_tag_end (cr, "Art");
    }
  cairo_restore (cr);
}

void
pdf_draw_page (cairo_t *cr, const CompEdition *ce, const CompPage *page)
{
  g_return_if_fail (cr != NULL && ce != NULL && page != NULL);
  pdf_draw_page_fonts (cr, ce, page, NULL);
}

char *
pdf_edition_date (const EdEdition *ed)
{
  if (!g_date_valid (&ed->gdate))
    return g_strdup ("2000-01-01T00:00:00");
  return g_strdup_printf ("%04u-%02u-%02uT00:00:00", g_date_get_year (&ed->gdate),
                          g_date_get_month (&ed->gdate), g_date_get_day (&ed->gdate));
}

static cairo_status_t
pdf_append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
pdf_set_metadata (cairo_surface_t *surface, const CompEdition *ce)
{
  const EdEdition *ed = ce->ed;
  g_autofree char *date = pdf_edition_date (ed);
  g_autofree char *title = g_strdup_printf ("%s %s", ed->paper, ed->date);
  g_autofree char *subject = g_strdup_printf ("%s %s%s%s 电子版", ed->paper, ed->date,
                                              ed->issue ? " 第" : "",
                                              ed->issue ? ed->issue : "");
  GString *keywords = g_string_new (ed->paper);

  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *p = g_ptr_array_index (ed->pages, i);
      if (!strstr (keywords->str, p->section))
        g_string_append_printf (keywords, ", %s", p->section);
    }
  if (ed->issue)
    g_free (subject), subject = g_strdup_printf ("%s %s 第%s期 电子版", ed->paper, ed->date,
                                                 ed->issue);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  ed->publisher ? ed->publisher : ed->paper);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords->str);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "epaper " EPAPER_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  g_string_free (keywords, TRUE);
}

/* Bookmarks: one per page, one per article part under it. */
static void
pdf_add_outline (cairo_surface_t *surface, const CompPage *page)
{
  g_autofree char *name = g_strdup_printf ("%s %s", page->label, page->section);
  g_autofree char *link = g_strdup_printf ("page=%u pos=[0 0]", page->number);
  int id = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, name, link, 0);

  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);
      g_autofree char *title = a->part > 0 ? g_strdup_printf ("%s（续）", a->article->title)
                                           : g_strdup (a->article->title);
      g_autofree char *pos = g_strdup_printf ("page=%u pos=[%.2f %.2f]", page->number,
                                              a->rect.x, a->rect.y);
      cairo_pdf_surface_add_outline (surface, id, title, pos, 0);
    }
}

gboolean
pdf_write_edition_fonts (const CompEdition *ce, PdfFonts *fonts, const char *path,
                         GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  const CompPage *first;

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  if (ce->pages->len == 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: the edition has no pages", path);
      return FALSE;
    }
  first = g_ptr_array_index (ce->pages, 0);
  if (fonts)
    pdf_fonts_finish (fonts);
  surface = cairo_pdf_surface_create_for_stream (pdf_append_bytes, bytes, first->width,
                                                 first->height);
  pdf_set_metadata (surface, ce);
  cr = cairo_create (surface);
  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *page = g_ptr_array_index (ce->pages, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      cairo_pdf_surface_set_page_label (surface, page->label);
      pdf_add_outline (surface, page);
      pdf_draw_page_fonts (cr, ce, page, fonts);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot draw the PDF: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return eb_write_file_atomic (path, bytes->data, bytes->len, error);
}

gboolean
pdf_write_edition (const CompEdition *ce, const char *path, GError **error)
{
  g_autoptr (PdfFonts) fonts = NULL;

  g_return_val_if_fail (ce != NULL && path != NULL, FALSE);
  fonts = pdf_fonts_prepare (ce);
  return pdf_write_edition_fonts (ce, fonts, path, error);
}

typedef struct {
  void  *data;
  gsize  size;
} PdfPixels;

static void
pdf_pixels_free (void *data)
{
  PdfPixels *px = data;

  munmap (px->data, px->size);
  g_free (px);
}

static const cairo_user_data_key_t pdf_pixels_key;

/* A white RGB24 surface allocated by cairo. */
static cairo_surface_t *
pdf_white_surface_new (int width_px, int height_px)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, height_px);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return s;
}

/* A white RGB24 surface.  Its pixels are mapped already populated and
 * filled white in one pass: first-touch page faults of a 14 MB surface
 * took as long as drawing the page. */
static cairo_surface_t *
pdf_image_surface_new (int width_px, int height_px)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width_px);
  PdfPixels *px = g_new0 (PdfPixels, 1);
  cairo_surface_t *s;

  px->size = (gsize) stride * height_px;
  px->data = mmap (NULL, px->size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (px->data == MAP_FAILED)
    {
      g_free (px);
      return pdf_white_surface_new (width_px, height_px);
    }
  memset (px->data, 0xFF, px->size);
  s = cairo_image_surface_create_for_data (px->data, CAIRO_FORMAT_RGB24, width_px, height_px,
                                           stride);
  if (cairo_surface_set_user_data (s, &pdf_pixels_key, px, pdf_pixels_free)
      != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (s);
      pdf_pixels_free (px);
      return pdf_white_surface_new (width_px, height_px);
    }
  return s;
}

/* Draws page @number at @width_px into a new RGB image surface. */
static cairo_surface_t *
pdf_render_page (const CompEdition *ce, guint number, int width_px)
{
  const CompPage *page = g_ptr_array_index (ce->pages, number - 1);
  double scale = width_px / page->width;
  int height_px = (int) (page->height * scale + 0.5);
  cairo_surface_t *surface = pdf_image_surface_new (width_px, height_px);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  pdf_draw_page (cr, ce, page);
  cairo_destroy (cr);
  return surface;
}

/* Scales @src down to @width_px (a thumbnail of a preview). */
static cairo_surface_t *
pdf_scale_surface (cairo_surface_t *src, int width_px)
{
  int sw = cairo_image_surface_get_width (src), sh = cairo_image_surface_get_height (src);
  double scale = (double) width_px / sw;
  int height_px = MAX (1, (int) (sh * scale + 0.5));
  cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, height_px);
  cairo_t *cr = cairo_create (dst);

  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  return dst;
}

static void
pdf_png_write_bytes (png_structp png, png_bytep data, size_t length)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) length);
}

static void
pdf_png_flush (png_structp png)
{
  (void) png;
}

/* The PNG colour type @surface needs: GRAY when every pixel is neutral
 * grey and opaque (text and rules in black on white), RGB when opaque,
 * RGB_ALPHA otherwise. */
static int
pdf_png_color_type (const unsigned char *data, int stride, int width, int height,
                    cairo_format_t format)
{
  gboolean grey = TRUE;

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

          if (format == CAIRO_FORMAT_ARGB32 && (p >> 24) != 0xFF)
            return PNG_COLOR_TYPE_RGB_ALPHA;
          if (grey && (r != g || g != b))
            {
              grey = FALSE;
              if (format != CAIRO_FORMAT_ARGB32)
                return PNG_COLOR_TYPE_RGB;
            }
        }
    }
  return grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB;
}

/* Converts one row of cairo pixels (native-endian 32-bit, premultiplied
 * alpha) into PNG samples of @color_type in @out. */
static void
pdf_png_convert_row (const guint32 *row, int width, int color_type, cairo_format_t format,
                     unsigned char *out)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = row[x];
      guint a = format == CAIRO_FORMAT_ARGB32 ? p >> 24 : 0xFF;
      guint r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      if (a != 0xFF)
        {
          /* un-premultiply, rounding as cairo's own PNG writer does */
          r = a ? (r * 255 + a / 2) / a : 0;
          g = a ? (g * 255 + a / 2) / a : 0;
          b = a ? (b * 255 + a / 2) / a : 0;
        }
      switch (color_type)
        {
        case PNG_COLOR_TYPE_GRAY:
          *out++ = (unsigned char) r;
          break;
        case PNG_COLOR_TYPE_RGB:
          *out++ = (unsigned char) r;
          *out++ = (unsigned char) g;
          *out++ = (unsigned char) b;
          break;
        default:
          *out++ = (unsigned char) r;
          *out++ = (unsigned char) g;
          *out++ = (unsigned char) b;
          *out++ = (unsigned char) a;
          break;
        }
    }
}

/* Encodes @surface (RGB24 or ARGB32) as PNG bytes into @bytes with libpng:
 * a fast zlib level and one fixed filter, because cairo's writer (default
 * level, adaptive filters) took most of the preview time.  No time chunk,
 * so the bytes depend on the pixels only. */
static gboolean
pdf_png_encode (cairo_surface_t *surface, GByteArray *bytes)
{
  cairo_format_t format = cairo_image_surface_get_format (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const unsigned char *data;
  png_structp png;
  png_infop info;
  unsigned char *volatile row = NULL;
  int color_type;

  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32)
    return FALSE;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  if (!data || width <= 0 || height <= 0)
    return FALSE;
  color_type = pdf_png_color_type (data, stride, width, height, format);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  if (!png)
    return FALSE;
  info = png_create_info_struct (png);
  if (!info || setjmp (png_jmpbuf (png)))
    {
      g_free (row);
      png_destroy_write_struct (&png, info ? &info : NULL);
      return FALSE;
    }
  row = g_malloc ((gsize) width * 4);
  png_set_write_fn (png, bytes, pdf_png_write_bytes, pdf_png_flush);
  png_set_compression_level (png, PDF_PNG_ZLIB_LEVEL);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PDF_PNG_FILTER);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, color_type,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      pdf_png_convert_row ((const guint32 *) (data + (gsize) y * stride), width, color_type,
                           format, row);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  return TRUE;
}

static gboolean
pdf_write_png (cairo_surface_t *surface, const char *path, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot draw the page: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!pdf_png_encode (surface, bytes))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot encode the page as PNG", path);
      return FALSE;
    }
  return eb_write_file_atomic (path, bytes->data, bytes->len, error);
}

GBytes *
pdf_page_png_bytes (const CompEdition *ce, guint number, int width_px, GError **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (ce != NULL && width_px > 0, NULL);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, NULL);
  surface = pdf_render_page (ce, number, width_px);
  bytes = g_byte_array_new ();
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS && pdf_png_encode (surface, bytes);
  cairo_surface_destroy (surface);
  if (!ok)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "page %u: cannot draw the page as PNG",
                   number);
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
pdf_write_page_png (const CompEdition *ce, guint number, int width_px, const char *path,
                    GError **error)
{
  cairo_surface_t *surface;
  gboolean ok;

  g_return_val_if_fail (ce != NULL && path != NULL && width_px > 0, FALSE);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, FALSE);
  surface = pdf_render_page (ce, number, width_px);
  ok = pdf_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
pdf_write_page_previews (const CompEdition *ce, guint number, int width_px,
                         const char *path, int thumb_px, const char *thumb_path,
                         GError **error)
{
  cairo_surface_t *surface, *thumb;
  gboolean ok;

  g_return_val_if_fail (ce != NULL && path != NULL && thumb_path != NULL, FALSE);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, FALSE);
  g_return_val_if_fail (width_px > 0 && thumb_px > 0, FALSE);
  surface = pdf_render_page (ce, number, width_px);
  thumb = pdf_scale_surface (surface, thumb_px);
  ok = pdf_write_png (surface, path, error) && pdf_write_png (thumb, thumb_path, error);
  cairo_surface_destroy (thumb);
  cairo_surface_destroy (surface);
  return ok;
}

/* ---------------------------------------------------------- preview sets
 *
 * Every page is drawn once, at 2× (the main thread: cairo drawing with
 * the edition's fonts); the 1× image is that drawing averaged 2 × 2, and
 * the thumbnail is scaled from the 1× image.  The three PNG encodes (pure
 * functions of finished pixel buffers: libpng + zlib) run on worker
 * threads while the main thread draws the next page or goes on with the
 * PDF.  Every file's bytes depend on its pixels only, so the output is the
 * same whatever the threads' timing.
 */

/* One PNG to encode and write. */
typedef struct {
  cairo_surface_t *surface;  /* owned reference; released by the encoder */
  char            *path;     /* owned */
  GError          *error;    /* set by the encoder on failure */
  gboolean         finished; /* under PdfPreviews.lock */
} PdfPngJob;

struct _PdfPreviews {
  char        *dir;          /* owned */
  int          width_px, thumb_px;
  char        *cover_path;   /* owned: page 1 scaled to cover_px, or NULL */
  int          cover_px;
  GThreadPool *pool;         /* NULL: encode on the calling thread */
  GPtrArray   *jobs;         /* PdfPngJob *, in submission order (owned) */
  guint        checked;      /* jobs[0..checked) waited for, errors taken */
  guint        queued;       /* jobs[0..queued) are the pages drawn so far */
  GMutex       lock;
  GCond        cond;
};

static void
pdf_png_job_free (PdfPngJob *job)
{
  if (job->surface)
    cairo_surface_destroy (job->surface);
  g_free (job->path);
  g_clear_error (&job->error);
  g_free (job);
}

/* Encodes and writes one PNG, then releases its pixels. */
static void
pdf_png_job_run (PdfPngJob *job)
{
  pdf_write_png (job->surface, job->path, &job->error);
  cairo_surface_destroy (job->surface);
  job->surface = NULL;
}

static void
pdf_previews_worker (gpointer data, gpointer user_data)
{
  PdfPreviews *pv = user_data;
  PdfPngJob *job = data;

  pdf_png_job_run (job);
  g_mutex_lock (&pv->lock);
  job->finished = TRUE;
  g_cond_broadcast (&pv->cond);
  g_mutex_unlock (&pv->lock);
}

/* Waits for jobs[0..n) and returns FALSE with the first failed job's
 * error (in submission order, so the error does not depend on timing). */
static gboolean
pdf_previews_wait (PdfPreviews *pv, guint n, GError **error)
{
  g_mutex_lock (&pv->lock);
  for (guint i = pv->checked; i < n; i++)
    while (!((PdfPngJob *) g_ptr_array_index (pv->jobs, i))->finished)
      g_cond_wait (&pv->cond, &pv->lock);
  g_mutex_unlock (&pv->lock);
  for (; pv->checked < n; pv->checked++)
    {
      PdfPngJob *job = g_ptr_array_index (pv->jobs, pv->checked);

      if (job->error)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          pv->checked++;
          return FALSE;
        }
    }
  return TRUE;
}

/* Queues @surface (consumed) to be written as PNG to @path. */
static void
pdf_previews_submit (PdfPreviews *pv, cairo_surface_t *surface, char *path)
{
  PdfPngJob *job = g_new0 (PdfPngJob, 1);

  job->surface = surface;
  job->path = path;
  g_ptr_array_add (pv->jobs, job);
  if (pv->pool && g_thread_pool_push (pv->pool, job, NULL))
    return;
  pdf_png_job_run (job);
  job->finished = TRUE;
}

/* The 1× image of a 2× drawing: every pixel the rounded mean of a 2 × 2
 * block (a box filter over 4 samples per pixel). */
static cairo_surface_t *
pdf_halve_surface (cairo_surface_t *src)
{
  int w = cairo_image_surface_get_width (src) / 2;
  int h = cairo_image_surface_get_height (src) / 2;
  int sstride = cairo_image_surface_get_stride (src);
  cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  int dstride = cairo_image_surface_get_stride (dst);
  const unsigned char *sdata;
  unsigned char *ddata;

  if (cairo_surface_status (dst) != CAIRO_STATUS_SUCCESS)
    return dst;
  cairo_surface_flush (src);
  cairo_surface_flush (dst);
  sdata = cairo_image_surface_get_data (src);
  ddata = cairo_image_surface_get_data (dst);
  for (int y = 0; y < h; y++)
    {
      const guint32 *r0 = (const guint32 *) (sdata + (gsize) (2 * y) * sstride);
      const guint32 *r1 = (const guint32 *) (sdata + (gsize) (2 * y + 1) * sstride);
      guint32 *out = (guint32 *) (ddata + (gsize) y * dstride);

      for (int x = 0; x < w; x++)
        {
          guint32 a = r0[2 * x], b = r0[2 * x + 1], c = r1[2 * x], d = r1[2 * x + 1];

          if ((a & b & c & d) == 0xFFFFFFFF || (a == b && a == c && a == d))
            {
              out[x] = a | 0xFF000000;
              continue;
            }
          guint32 rb = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF)
                       + 0x020002;
          guint32 g = (a & 0xFF00) + (b & 0xFF00) + (c & 0xFF00) + (d & 0xFF00) + 0x0200;
          out[x] = 0xFF000000 | ((rb >> 2) & 0xFF00FF) | ((g >> 2) & 0xFF00);
        }
    }
  cairo_surface_mark_dirty (dst);
  return dst;
}

PdfPreviews *
pdf_previews_new (const char *dir, int width_px, int thumb_px)
{
  PdfPreviews *pv;
  guint threads = MIN (g_get_num_processors (), 3);

  g_return_val_if_fail (dir != NULL && width_px > 0 && thumb_px > 0, NULL);
  pv = g_new0 (PdfPreviews, 1);
  pv->dir = g_strdup (dir);
  pv->width_px = width_px;
  pv->thumb_px = thumb_px;
  pv->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_png_job_free);
  g_mutex_init (&pv->lock);
  g_cond_init (&pv->cond);
  if (threads > 1)
    pv->pool = g_thread_pool_new (pdf_previews_worker, pv, (int) threads, FALSE, NULL);
  return pv;
}

gboolean
pdf_previews_add_page (PdfPreviews *pv, const CompEdition *ce, guint number, GError **error)
{
  const CompPage *page;
  cairo_surface_t *big, *one, *thumb;
  cairo_t *cr;
  double scale;
  int height_px;

  g_return_val_if_fail (pv != NULL && ce != NULL, FALSE);
  g_return_val_if_fail (number >= 1 && number <= ce->pages->len, FALSE);
  /* one page's images in memory at a time (a 2400 px page is 40 MB of
   * pixels; two in flight took a 7-page build past 150 MiB): wait for the
   * previous page's files.  The last page's encodes overlap the PDF. */
  if (!pdf_previews_wait (pv, pv->queued, error))
    return FALSE;
  page = g_ptr_array_index (ce->pages, number - 1);
  scale = pv->width_px / page->width;
  height_px = MAX (1, (int) (page->height * scale + 0.5));
  big = pdf_image_surface_new (2 * pv->width_px, 2 * height_px);
  cr = cairo_create (big);
  cairo_scale (cr, 2 * scale, 2 * scale);
  pdf_draw_page (cr, ce, page);
  cairo_destroy (cr);
  if (cairo_surface_status (big) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "page %u: cannot draw the preview: %s",
                   number, cairo_status_to_string (cairo_surface_status (big)));
      cairo_surface_destroy (big);
      return FALSE;
    }
  one = pdf_halve_surface (big);
  thumb = pdf_scale_surface (one, pv->thumb_px);
  pdf_previews_submit (pv, big, g_strdup_printf ("%s/p%u@2x.png", pv->dir, number));
  pdf_previews_submit (pv, one, g_strdup_printf ("%s/p%u.png", pv->dir, number));
  pdf_previews_submit (pv, thumb, g_strdup_printf ("%s/p%u-thumb.png", pv->dir, number));
  if (number == 1 && pv->cover_path)
    pdf_previews_submit (pv, pv->cover_px * 2 == pv->width_px ? pdf_halve_surface (one)
                                                              : pdf_scale_surface (one, pv->cover_px),
                         g_strdup (pv->cover_path));
  pv->queued = pv->jobs->len;
  return TRUE;
}

gboolean
pdf_previews_finish (PdfPreviews *pv, GError **error)
{
  g_return_val_if_fail (pv != NULL, FALSE);
  return pdf_previews_wait (pv, pv->jobs->len, error);
}

void
pdf_previews_free (PdfPreviews *pv)
{
  if (!pv)
    return;
  if (pv->pool)
    g_thread_pool_free (pv->pool, FALSE, TRUE);  /* runs the queued jobs */
  g_ptr_array_unref (pv->jobs);
  g_mutex_clear (&pv->lock);
  g_cond_clear (&pv->cond);
  g_free (pv->dir);
  g_free (pv->cover_path);
  g_free (pv);
}

void
pdf_previews_set_cover (PdfPreviews *pv, const char *path, int width_px)
{
  g_return_if_fail (pv != NULL && path != NULL && width_px > 0);
  g_free (pv->cover_path);
  pv->cover_path = g_strdup (path);
  pv->cover_px = width_px;
}

gboolean
pdf_write_previews (const CompEdition *ce, const char *dir, int width_px, int thumb_px,
                    GError **error)
{
  g_autoptr (PdfPreviews) pv = NULL;

  g_return_val_if_fail (ce != NULL && dir != NULL, FALSE);
  pv = pdf_previews_new (dir, width_px, thumb_px);
  for (guint i = 1; i <= ce->pages->len; i++)
    if (!pdf_previews_add_page (pv, ce, i, error))
      return FALSE;
  return pdf_previews_finish (pv, error);
}
