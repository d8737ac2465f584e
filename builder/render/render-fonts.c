/* render-fonts.c — the edition's fonts cut down to the glyphs it uses
 * (harfbuzz-subset) for the PDF. */
#include "render/render-pdf.h"
#include "render/render-private.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <string.h>

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
void
pdf_fonts_finish (PdfFonts *pf)
{
  GHashTableIter it;
  gpointer key, value;

  if (!pf || pf->ready)
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

cairo_scaled_font_t *
pdf_fonts_map (const PdfFonts *pf, cairo_scaled_font_t *sf)
{
  cairo_scaled_font_t *r = pf ? g_hash_table_lookup (pf->scaled, sf) : NULL;

  return r && cairo_scaled_font_status (r) == CAIRO_STATUS_SUCCESS ? r : sf;
}


const hb_map_t *
pdf_fonts_glyph_map (cairo_scaled_font_t *font)
{
  const PdfFaceData *d = cairo_font_face_get_user_data (cairo_scaled_font_get_font_face (font),
                                                         &pdf_face_key);

  return d ? d->gids : NULL;
}
