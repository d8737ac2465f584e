/* typeset-context.c — the engine's context: fonts per (role, size), with
 * their HarfBuzz and cairo handles and per-character fallback. */
#include "typeset/typeset-private.h"

#include <math.h>
#include <pango/pangofc-fontmap.h>

/* ---------------------------------------------------------------------
 * Fonts
 * ------------------------------------------------------------------- */

static void
ts_font_free (TsFont *f)
{
  if (!f)
    return;
  if (f->scaled)
    cairo_scaled_font_destroy (f->scaled);
  if (f->rotated)
    cairo_scaled_font_destroy (f->rotated);
  g_free (f->han);
  g_free (f->han_adv);
  g_object_unref (f->pfont);
  g_free (f);
}

static void
ts_face_free (TsFace *face)
{
  if (!face)
    return;
  g_object_unref (face->fontset);
  g_hash_table_destroy (face->fallback);
  g_free (face);
}

/* Returns the context's TsFont for @pfont (takes over the reference). */
static TsFont *
ts_context_font (TsContext *ctx, PangoFont *pfont)
{
  TsFont *f = g_hash_table_lookup (ctx->fonts, pfont);
  cairo_matrix_t m;
  int xs, ys;

  if (f)
    {
      g_object_unref (pfont);
      return f;
    }
  f = g_new0 (TsFont, 1);
  f->pfont = pfont;
  f->hb = pango_font_get_hb_font (pfont);
  f->scaled = cairo_scaled_font_reference (pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (pfont)));
  cairo_scaled_font_get_font_matrix (f->scaled, &m);
  hb_font_get_scale (f->hb, &xs, &ys);
  f->size = m.yy;
  f->scale = m.yy / (double) ys;
  g_hash_table_insert (ctx->fonts, pfont, f);
  return f;
}

cairo_scaled_font_t *
ts_font_rotated (TsFont *f)
{
  if (!f->rotated)
    {
      cairo_matrix_t fm, ctm;
      cairo_font_options_t *opts = cairo_font_options_create ();

      cairo_scaled_font_get_font_matrix (f->scaled, &fm);
      cairo_scaled_font_get_ctm (f->scaled, &ctm);
      cairo_scaled_font_get_font_options (f->scaled, opts);
      cairo_matrix_rotate (&fm, G_PI / 2);
      f->rotated = cairo_scaled_font_create (cairo_scaled_font_get_font_face (f->scaled),
                                             &fm, &ctm, opts);
      cairo_font_options_destroy (opts);
    }
  return f->rotated;
}

TsFace *
ts_context_face (TsContext *ctx, TsRole role, double size)
{
  gint64 key = ((gint64) role << 32) | (gint64) llround (size * 1000.0);
  TsFace *face = g_hash_table_lookup (ctx->faces, &key);
  PangoFontDescription *desc;
  gint64 *k;

  if (face)
    return face;
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, ctx->setup->roles[role].family);
  pango_font_description_set_weight (desc, ctx->setup->roles[role].weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  face = g_new0 (TsFace, 1);
  face->fontset = pango_font_map_load_fontset (ctx->fontmap, ctx->pango, desc,
                                               pango_language_from_string ("zh-cn"));
  face->primary = ts_context_font (ctx, pango_font_map_load_font (ctx->fontmap, ctx->pango, desc));
  face->fallback = g_hash_table_new (NULL, NULL);
  pango_font_description_free (desc);
  k = g_new (gint64, 1);
  *k = key;
  g_hash_table_insert (ctx->faces, k, face);
  return face;
}

TsFont *
ts_face_font_for (TsContext *ctx, TsFace *face, gunichar c)
{
  hb_codepoint_t g;
  TsFont *f;

  if (c < 0x80 || hb_font_get_nominal_glyph (face->primary->hb, c, &g))
    return face->primary;
  f = g_hash_table_lookup (face->fallback, GUINT_TO_POINTER (c));
  if (!f)
    {
      f = ts_context_font (ctx, pango_fontset_get_font (face->fontset, c));
      g_hash_table_insert (face->fallback, GUINT_TO_POINTER (c), f);
    }
  return f;
}

TsContext *
ts_context_new (const char *fonts_dir, GError **error)
{
  g_autoptr (FontsSetup) setup = NULL;
  g_autofree char *phrases_path = NULL;
  TsPhrases *phrases;
  TsContext *ctx;
  cairo_font_options_t *opts;

  g_return_val_if_fail (fonts_dir != NULL, NULL);
  setup = fonts_setup_load (fonts_dir, error);
  if (!setup)
    return NULL;
  phrases_path = g_build_filename (fonts_dir, "phrases.yaml", NULL);
  phrases = ts_phrases_load (phrases_path, error);
  if (!phrases)
    return NULL;
  ctx = g_new0 (TsContext, 1);
  ctx->setup = g_steal_pointer (&setup);
  ctx->phrases = phrases;
  ctx->fontmap = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
  pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (ctx->fontmap), ctx->setup->config);
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (ctx->fontmap), 72.0);
  ctx->pango = pango_font_map_create_context (ctx->fontmap);
  pango_context_set_language (ctx->pango, pango_language_from_string ("zh-cn"));
  pango_context_set_round_glyph_positions (ctx->pango, FALSE);
  pango_cairo_context_set_resolution (ctx->pango, 72.0);
  opts = cairo_font_options_create ();
  cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (ctx->pango, opts);
  cairo_font_options_destroy (opts);
  ctx->faces = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) ts_face_free);
  ctx->fonts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) ts_font_free);
  ctx->cache = ts_cache_new ();
  ctx->buf = hb_buffer_create ();
  return ctx;
}

void
ts_context_free (TsContext *ctx)
{
  if (!ctx)
    return;
  g_hash_table_destroy (ctx->faces);
  g_hash_table_destroy (ctx->fonts);
  hb_buffer_destroy (ctx->buf);
  ts_words_free (ctx->words);
  ts_phrases_free (ctx->phrases);
  ts_cache_free (ctx->cache);
  g_object_unref (ctx->pango);
  g_object_unref (ctx->fontmap);
  fonts_setup_free (ctx->setup);
  g_free (ctx);
}
