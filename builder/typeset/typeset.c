/* typeset.c — the CJK typesetting engine.
 *
 * Pipeline for one paragraph (TsWork):
 *   1. ts_work_normalise: join the spans, normalise spaces, classify chars.
 *   2. ts_work_shape: pick a font per char (role face, fontset fallback),
 *      shape runs with HarfBuzz, attach glyphs to chars.
 *   3. ts_work_adjust: punctuation blanks, adjacent-mark compression,
 *      Han–Latin gaps, break opportunities (strict kinsoku).
 *   4. ts_work_break: greedy line filling that prefers compressing
 *      punctuation over expanding (push-in first), orphan control,
 *      headline balancing.
 *   5. ts_work_line: justification and glyph runs for each line.
 */
#include "typeset/typeset-private.h"

#include <math.h>
#include <hb-glib.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

#include "base/errors.h"

#define TS_EPS 0.001

/* ---------------------------------------------------------------------
 * Character tables (docs/cjk-layout-rules.md §1, §2)
 * ------------------------------------------------------------------- */

/* Class A: never at line start. */
static const char ts_no_start[] =
  "、。，．：；！？‼⁇⁈⁉”’」』）〕】〗］｝》〉–～~·‧・々"
  "﹂﹄︶︸︺︼︾﹀﹈︘︐︑︒︓︔︕︖"   /* vertical presentation forms */
  ",.;:!?)]}%％‰°℃′″";
/* Classes B and C (and prefix signs): never at line end. */
static const char ts_no_end[] = "“‘「『（〔【〖［｛《〈/／([{¥￥$£€#№﹁﹃︵︷︹︻︽︿﹇︗";
/* Full-width marks with their ink on the left (blank trailing half). */
static const char ts_ink_left[] = "、。，．：；！？”’」』》〉）】〕〗］｝";
/* Full-width marks with their ink on the right (blank leading half). */
static const char ts_ink_right[] = "“‘「『《〈（【〔〖［｛";

static gboolean
ts_char_in (gunichar c, const char *set)
{
  for (const char *p = set; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

static TsClass
ts_classify (gunichar c)
{
  if (c == ' ')
    return TS_CLS_SPACE;
  if (c == 0x2014 || c == 0x2E3A || c == 0x2015)
    return TS_CLS_DASH;
  if (c == 0x2026 || c == 0x22EF || c == 0x2025)
    return TS_CLS_ELLIPSIS;
  if (c < 0x80)
    {
      if (strchr (",.;:!?)]}%~", (int) c))
        return TS_CLS_CLOSE;
      if (strchr ("([{$#/", (int) c))
        return TS_CLS_OPEN;
      return TS_CLS_NARROW;
    }
  if (c >= 0x4E00 && c <= 0x9FFF)
    return TS_CLS_HAN;
  if (ts_char_in (c, ts_no_start))
    return TS_CLS_CLOSE;
  if (ts_char_in (c, ts_no_end))
    return TS_CLS_OPEN;
  return g_unichar_iswide_cjk (c) ? TS_CLS_HAN : TS_CLS_NARROW;
}

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

/* The cairo font for sideways glyphs (vertical text): turned 90° clockwise. */
cairo_scaled_font_t *ts_font_rotated (TsFont *f);
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

static TsFace *
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

static TsFont *
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
  TsContext *ctx;
  cairo_font_options_t *opts;

  g_return_val_if_fail (fonts_dir != NULL, NULL);
  setup = fonts_setup_load (fonts_dir, error);
  if (!setup)
    return NULL;
  ctx = g_new0 (TsContext, 1);
  ctx->setup = g_steal_pointer (&setup);
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
  ctx->buf = hb_buffer_create ();
  return ctx;
}

void ts_words_free (void *words);

void
ts_context_free (TsContext *ctx)
{
  if (!ctx)
    return;
  g_hash_table_destroy (ctx->faces);
  g_hash_table_destroy (ctx->fonts);
  hb_buffer_destroy (ctx->buf);
  ts_words_free (ctx->words);
  g_object_unref (ctx->pango);
  g_object_unref (ctx->fontmap);
  fonts_setup_free (ctx->setup);
  g_free (ctx);
}

/* ---------------------------------------------------------------------
 * 1. Normalising
 * ------------------------------------------------------------------- */

#define TS_CHAR(w, i) (&g_array_index ((w)->chars, TsChar, (i)))

static void
ts_work_push (TsWork *w, gunichar c, TsRole role)
{
  TsChar ch = { 0 };

  ch.c = c;
  ch.byte = w->text->len;
  g_string_append_unichar (w->text, c);
  ch.nbytes = w->text->len - ch.byte;
  ch.role = role;
  ch.cls = ts_classify (c);
  if (ch.cls == TS_CLS_HAN && g_unichar_isalpha (c))
    ch.flags |= TS_CH_IDEO;
  if (ch.cls == TS_CLS_NARROW && g_unichar_isalnum (c))
    ch.flags |= TS_CH_ALNUM;
  g_array_append_val (w->chars, ch);
}

gunichar
ts_vertical_form (gunichar c)
{
  switch (c)
    {
    case 0x201C: return 0x300E;  /* “ → 『 */
    case 0x201D: return 0x300F;  /* ” → 』 */
    case 0x2018: return 0x300C;  /* ‘ → 「 */
    case 0x2019: return 0x300D;  /* ’ → 」 */
    default: return c;
    }
}

/* A space between two wide chars: dropped in running text (a stray space
 * from the source), kept as a 1-em word space in headlines, bylines
 * ("记者 薛志雄 摄") and the folio/masthead lines. */
static gboolean
ts_work_keep_space (TsWork *w, gunichar before, gunichar after)
{
  gboolean wide_b = ts_classify (before) != TS_CLS_NARROW;
  gboolean wide_a = ts_classify (after) != TS_CLS_NARROW;

  if (!wide_b || !wide_a)
    return TRUE;
  return w->style->headline || w->style->role == TS_ROLE_BYLINE || w->style->role == TS_ROLE_FOLIO
         || w->style->role == TS_ROLE_MASTHEAD;
}

static void
ts_work_normalise (TsWork *w, const TsSpan *spans, guint n_spans)
{
  gboolean pending = FALSE;

  for (guint s = 0; s < n_spans; s++)
    {
      const char *p = spans[s].text ? spans[s].text : "";

      for (; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            c = 0xFFFD;
          if (c == '\t' || c == '\n' || c == '\r' || c == ' ' || c == 0xA0 || c == 0x2002
              || c == 0x2003 || c == 0x2009 || c == 0x200B)
            {
              pending = w->chars->len > 0;
              continue;
            }
          if (c < 0x20 || c == 0xFEFF)
            continue;
          if (c == 0x3000 && w->chars->len == 0 && w->style->indent > 0)
            continue;   /* a typed 　　 indent: the style indents already */
          if (w->vertical)
            c = ts_vertical_form (c);
          if (pending && ts_work_keep_space (w, TS_CHAR (w, w->chars->len - 1)->c, c))
            ts_work_push (w, ' ', spans[s].role);
          pending = FALSE;
          ts_work_push (w, c, spans[s].role);
        }
    }
}

/* ---------------------------------------------------------------------
 * 2. Shaping
 * ------------------------------------------------------------------- */

/* The script of chars [a, b): that of the first letter, else Han. */
static hb_script_t
ts_run_script (TsWork *w, guint a, guint b)
{
  for (guint i = a; i < b; i++)
    {
      GUnicodeScript sc = g_unichar_get_script (TS_CHAR (w, i)->c);
      if (sc != G_UNICODE_SCRIPT_COMMON && sc != G_UNICODE_SCRIPT_INHERITED
          && sc != G_UNICODE_SCRIPT_UNKNOWN)
        return hb_glib_script_to_script (sc);
    }
  return HB_SCRIPT_HAN;
}

/* Shapes chars [a, b) (one font, one role, one direction). */
static void
ts_work_shape_run (TsWork *w, guint a, guint b, hb_direction_t dir, guint *byte_to_char)
{
  hb_buffer_t *buf = w->ctx->buf;
  TsChar *first = TS_CHAR (w, a);
  TsFont *font = first->font;
  unsigned int n;
  hb_glyph_info_t *info;
  hb_glyph_position_t *pos;
  guint cur = G_MAXUINT;
  double pen = 0;

  hb_buffer_clear_contents (buf);
  hb_buffer_add_utf8 (buf, w->text->str, w->text->len, first->byte,
                      TS_CHAR (w, b - 1)->byte + TS_CHAR (w, b - 1)->nbytes - first->byte);
  hb_buffer_set_direction (buf, dir);
  hb_buffer_set_language (buf, hb_language_from_string ("zh-cn", -1));
  /* Punctuation and digits alone (script Common) are shaped as Han, so
     ——, …… and quotes take their full-width zh-Hans forms. */
  hb_buffer_set_script (buf, ts_run_script (w, a, b));
  hb_buffer_guess_segment_properties (buf);
  hb_shape (font->hb, buf, NULL, 0);
  info = hb_buffer_get_glyph_infos (buf, &n);
  pos = hb_buffer_get_glyph_positions (buf, NULL);
  for (unsigned int g = 0; g < n; g++)
    {
      guint ci = byte_to_char[info[g].cluster];
      TsChar *ch = TS_CHAR (w, ci);
      TsGlyph gl;
      double adv;

      if (ci != cur)
        {
          /* clusters are monotonic in both LTR and TTB */
          cur = ci;
          pen = 0;
          ch->glyph0 = w->glyphs->len;
        }
      adv = dir == HB_DIRECTION_TTB ? -pos[g].y_advance * font->scale
                                    : pos[g].x_advance * font->scale;
      if (dir == HB_DIRECTION_TTB)
        {
          gl.x = pos[g].x_offset * font->scale;
          gl.y = pen - pos[g].y_offset * font->scale;
        }
      else
        {
          gl.x = pen + pos[g].x_offset * font->scale;
          gl.y = -pos[g].y_offset * font->scale;
        }
      gl.index = info[g].codepoint;
      g_array_append_val (w->glyphs, gl);
      ch->nglyph++;
      ch->adv += adv;
      pen += adv;
    }
}

/* Horizontal ideographs need no shaping context: GSUB does nothing to them
 * in a zh-Hans face (no ligatures, kerning or contextual forms), so they
 * take their nominal glyph and advance directly, which is several times
 * faster than hb_shape().  Everything else is shaped. */
static gboolean
ts_is_plain_ideograph (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static void
ts_work_set_plain (TsWork *w, guint a, guint b)
{
  for (guint i = a; i < b; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      hb_codepoint_t g = 0;
      TsGlyph gl = { 0, 0, 0 };

      TsFont *f = ch->font;
      guint k = ch->c - 0x4E00;

      if (ch->c >= 0x4E00 && ch->c <= 0x9FFF)
        {
          /* cache: cmap lookups are most of the cost of plain Han text */
          if (!f->han)
            {
              f->han = g_new0 (guint32, 0x9FFF - 0x4E00 + 1);
              f->han_adv = g_new0 (float, 0x9FFF - 0x4E00 + 1);
            }
          if (!f->han[k])
            {
              hb_font_get_nominal_glyph (f->hb, ch->c, &g);
              f->han[k] = g + 1;
              f->han_adv[k] = hb_font_get_glyph_h_advance (f->hb, g) * f->scale;
            }
          gl.index = f->han[k] - 1;
          ch->adv = f->han_adv[k];
        }
      else
        {
          hb_font_get_nominal_glyph (f->hb, ch->c, &g);
          gl.index = g;
          ch->adv = hb_font_get_glyph_h_advance (f->hb, g) * f->scale;
        }
      ch->glyph0 = w->glyphs->len;
      ch->nglyph = 1;
      g_array_append_val (w->glyphs, gl);
    }
}

/* Sets chars [a, b) of one font and role horizontally: plain ideographs
 * directly, the rest through HarfBuzz. */
static void
ts_work_shape_horizontal (TsWork *w, guint a, guint b, guint *byte_to_char)
{
  for (guint i = a; i < b;)
    {
      gboolean plain = ts_is_plain_ideograph (TS_CHAR (w, i)->c);
      guint j = i + 1;

      while (j < b && ts_is_plain_ideograph (TS_CHAR (w, j)->c) == plain)
        j++;
      /* a combining mark or variation selector after an ideograph: shape */
      if (plain && j < b && g_unichar_ismark (TS_CHAR (w, j)->c))
        j--;
      if (plain && j > i)
        ts_work_set_plain (w, i, j);
      else
        {
          if (j == i)
            j++;
          while (j < b && (!ts_is_plain_ideograph (TS_CHAR (w, j)->c)
                           || (j + 1 < b && g_unichar_ismark (TS_CHAR (w, j + 1)->c))))
            j++;
          ts_work_shape_run (w, i, j, HB_DIRECTION_LTR, byte_to_char);
        }
      i = j;
    }
}

/* Vertical text: which chars are set sideways or upright in one cell. */
void ts_work_vertical_marks (TsWork *w);
void ts_work_shape_vertical_special (TsWork *w, guint a, guint b, guint *byte_to_char);

static void
ts_work_shape (TsWork *w)
{
  guint n = w->chars->len;
  g_autofree guint *byte_to_char = g_new (guint, w->text->len + 1);
  TsFace *faces[TS_ROLE_COUNT] = { 0 };
  guint a = 0;

  for (guint i = 0; i < n; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      if (!faces[ch->role])
        faces[ch->role] = ts_context_face (w->ctx, ch->role, w->em);
      ch->font = ts_face_font_for (w->ctx, faces[ch->role], ch->c);
      byte_to_char[ch->byte] = i;
    }
  if (w->vertical)
    ts_work_vertical_marks (w);
  for (guint i = 1; i <= n; i++)
    {
      TsChar *pa = TS_CHAR (w, a);
      TsChar *ch = i < n ? TS_CHAR (w, i) : NULL;
      guint8 kind_a = pa->flags & (TS_CH_ROTATED | TS_CH_TCY);

      if (ch && ch->font == pa->font && ch->role == pa->role
          && (ch->flags & (TS_CH_ROTATED | TS_CH_TCY)) == kind_a)
        continue;
      if (kind_a)
        ts_work_shape_vertical_special (w, a, i, byte_to_char);
      else
        {
          if (w->vertical)
            ts_work_shape_run (w, a, i, HB_DIRECTION_TTB, byte_to_char);
          else
            ts_work_shape_horizontal (w, a, i, byte_to_char);
        }
      a = i;
    }
  for (guint i = 1; i < n; i++)
    if (TS_CHAR (w, i)->nglyph == 0)
      TS_CHAR (w, i)->flags |= TS_CH_CONT;
  for (guint g = 0; g < w->glyphs->len; g++)
    w->missing += g_array_index (w->glyphs, TsGlyph, g).index == 0;
}

/* Exposed to typeset-vertical.c */
void ts_work_shape_run_dir (TsWork *w, guint a, guint b, hb_direction_t dir, guint *byte_to_char);
void
ts_work_shape_run_dir (TsWork *w, guint a, guint b, hb_direction_t dir, guint *byte_to_char)
{
  ts_work_shape_run (w, a, b, dir, byte_to_char);
}

/* ---------------------------------------------------------------------
 * 3. Adjustments and break opportunities
 * ------------------------------------------------------------------- */

static gboolean
ts_is_mark (const TsChar *ch)
{
  return ch->lead > 0 || ch->trail > 0;
}

/* A full-width opening or closing mark (with or without a removable half:
 * vertical ：；！？ have none). */
static gboolean
ts_is_punct (const TsChar *ch)
{
  return ts_is_mark (ch) || ((ch->cls == TS_CLS_CLOSE || ch->cls == TS_CLS_OPEN)
                             && ch->adv >= 0.9 * ch->font->size && ch->nglyph == 1);
}

/* Punctuation blanks: a full-width mark's empty half may be removed. */
static void
ts_work_blanks (TsWork *w)
{
  for (guint i = 0; i < w->chars->len; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      double em = ch->font->size;

      if (ch->cls != TS_CLS_CLOSE && ch->cls != TS_CLS_OPEN)
        continue;
      if (ch->adv < 0.9 * em || ch->nglyph != 1 || (ch->flags & (TS_CH_ROTATED | TS_CH_TCY)))
        continue;
      if (w->vertical && (ch->c == 0xFF1A || ch->c == 0xFF1B || ch->c == 0xFF01 || ch->c == 0xFF1F))
        continue;   /* vertical ：；！？ stay 1 em (rules §2) */
      if (ts_char_in (ch->c, ts_ink_left))
        ch->trail = ch->adv / 2;
      else if (ts_char_in (ch->c, ts_ink_right))
        ch->lead = ch->adv / 2;
    }
}

/* Adjacent marks (。” ，“ ）（ “《): remove one blank half so the pair
 * occupies 1.5 em (rules §2). */
static void
ts_work_compress_pairs (TsWork *w)
{
  for (guint i = 1; i < w->chars->len; i++)
    {
      TsChar *a = TS_CHAR (w, i - 1), *b = TS_CHAR (w, i);

      if (!ts_is_mark (a) || !ts_is_punct (b))
        continue;
      if (a->trail > 0)
        {
          a->cut_trail += a->trail;
          a->trail = 0;
        }
      else if (b->lead > 0)
        {
          b->cut_lead += b->lead;
          b->lead = 0;
        }
    }
}

/* Han–Latin spacing: ¼ em between an ideograph and a Latin letter or digit;
 * a source space between them becomes that ¼ em. */
static void
ts_work_gaps (TsWork *w)
{
  guint n = w->chars->len;

  for (guint i = 1; i < n; i++)
    {
      TsChar *a = TS_CHAR (w, i - 1), *b = TS_CHAR (w, i);
      double quarter = w->em / 4;

      if (b->flags & TS_CH_CONT)
        continue;
      if (((a->flags & TS_CH_IDEO) && (b->flags & TS_CH_ALNUM))
          || ((a->flags & TS_CH_ALNUM) && (b->flags & TS_CH_IDEO)))
        {
          if (!(a->flags & (TS_CH_TCY)) && !(b->flags & TS_CH_TCY))
            a->gap = quarter;
        }
      else if (b->cls == TS_CLS_SPACE && i + 1 < n)
        {
          TsChar *c = TS_CHAR (w, i + 1);
          gboolean wide_a = a->cls != TS_CLS_NARROW;
          gboolean wide_c = c->cls != TS_CLS_NARROW;

          if (wide_a && wide_c)
            b->adv = w->em;               /* kept word space between wide chars */
          else if (wide_a || wide_c)
            b->adv = quarter;             /* Han–Latin gap written as a space */
          if (b->nglyph == 1)
            g_array_index (w->glyphs, TsGlyph, b->glyph0).x = 0;
        }
    }
}

static gboolean
ts_narrow_pair (const TsChar *a, const TsChar *b)
{
  gboolean na = a->cls != TS_CLS_SPACE && a->c < 0x3000 && !g_unichar_iswide_cjk (a->c);
  gboolean nb = b->cls != TS_CLS_SPACE && b->c < 0x3000 && !g_unichar_iswide_cjk (b->c);
  return na && nb;
}

gboolean ts_words_boundary (TsWork *w, guint i, const guint8 *bounds);
guint8  *ts_words_bounds (TsWork *w);

/* Break opportunities: TS_CH_BREAK on char i means a line may start there. */
static void
ts_work_breaks (TsWork *w)
{
  guint n = w->chars->len;
  g_autofree guint8 *words = w->style->headline ? ts_words_bounds (w) : NULL;

  for (guint i = 1; i < n; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      TsChar *prev = TS_CHAR (w, i - 1);
      TsChar *last = prev;   /* last non-space char before i */

      if (ch->flags & TS_CH_CONT || ch->cls == TS_CLS_SPACE)
        continue;
      if (ch->cls == TS_CLS_CLOSE || ch->cls == TS_CLS_DASH || ch->cls == TS_CLS_ELLIPSIS)
        continue;
      if (prev->cls == TS_CLS_SPACE && i >= 2)
        last = TS_CHAR (w, i - 2);
      if (last->cls == TS_CLS_OPEN)
        continue;
      if (prev->cls != TS_CLS_SPACE && ts_narrow_pair (prev, ch))
        {
          ch->flags |= TS_CH_WEAKER;   /* only to split a word wider than the line */
          continue;
        }
      if (words && prev->cls != TS_CLS_SPACE && words[i] < 2
          && prev->cls != TS_CLS_CLOSE && ch->cls != TS_CLS_OPEN)
        {
          ch->flags |= words[i] == 1 ? TS_CH_WEAK : TS_CH_WEAKER;
          continue;
        }
      ch->flags |= TS_CH_BREAK;
    }
}

static void
ts_work_adjust (TsWork *w)
{
  ts_work_blanks (w);
  ts_work_compress_pairs (w);
  ts_work_gaps (w);
  ts_work_breaks (w);
}

/* ---------------------------------------------------------------------
 * 4. Line breaking
 * ------------------------------------------------------------------- */

static double
ts_char_width (const TsChar *ch)
{
  return ch->adv - ch->cut_lead - ch->cut_trail + ch->gap;
}

/* Natural and minimum (fully compressed) width of a line of chars [s, e):
 * line-start opener and line-end mark at half width, no trailing spaces
 * or gaps. */
static void
ts_work_line_widths (TsWork *w, guint s, guint e, double *natural, double *minimum)
{
  double nat = 0, shrink = 0;
  guint t = e - 1;

  while (t > s && TS_CHAR (w, t)->cls == TS_CLS_SPACE)
    t--;
  for (guint i = s; i <= t; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);
      nat += ts_char_width (ch);
      shrink += ch->lead + ch->trail;
    }
  nat -= TS_CHAR (w, t)->gap + TS_CHAR (w, s)->lead + TS_CHAR (w, t)->trail;
  shrink -= TS_CHAR (w, s)->lead + TS_CHAR (w, t)->trail;
  if (s == t)
    {
      /* one char: both edges trimmed; do not count twice */
    }
  *natural = nat;
  *minimum = nat - shrink;
}

/* Furthest legal end of a line starting at @s that fits @avail when its
 * marks are compressed; never less than one cluster. */
static guint
ts_work_fit (TsWork *w, guint s, double avail)
{
  guint n = w->chars->len;
  guint best = 0, weak = 0, weaker = 0, any = 0;
  double run = 0, run_shrink = 0;

  for (guint e = s + 1; e <= n; e++)
    {
      const TsChar *ch = TS_CHAR (w, e - 1);

      run += ts_char_width (ch);
      run_shrink += ch->lead + ch->trail;
      if (e == n || !(TS_CHAR (w, e)->flags & TS_CH_CONT))
        {
          double nat, min;

          ts_work_line_widths (w, s, e, &nat, &min);
          if (min <= avail + TS_EPS)
            {
              any = e;
              if (e == n || (TS_CHAR (w, e)->flags & TS_CH_BREAK))
                best = e;
              else if (TS_CHAR (w, e)->flags & TS_CH_WEAK)
                weak = e;
              else if (TS_CHAR (w, e)->flags & TS_CH_WEAKER)
                weaker = e;
            }
          else if (!any)
            any = e;   /* a single cluster wider than the measure */
        }
      if (run - run_shrink - 1.5 * w->em > avail)
        break;
    }
  if (best && MAX (weak, weaker) > best && !w->style->headline)
    {
      /* the word after @best is wider than a whole line: it will be split
         anyway, so start splitting it here rather than leave a short line */
      guint next = best + 1;
      double nat, min;

      while (next < n && !(TS_CHAR (w, next)->flags & TS_CH_BREAK))
        next++;
      ts_work_line_widths (w, best, next, &nat, &min);
      if (min > w->line_max + TS_EPS)
        return weak > best ? weak : weaker;
    }
  if (best)
    return best;
  if (weak || weaker)
    return weak ? weak : weaker;
  /* no legal break fits (a long Latin word): break where it fits */
  return any ? any : s + 1;
}

/* Number of ideographs etc. (not marks) in chars [s, e). */
static guint
ts_work_count_letters (TsWork *w, guint s, guint e)
{
  guint k = 0;
  for (guint i = s; i < e; i++)
    {
      const TsChar *ch = TS_CHAR (w, i);
      if (ch->cls == TS_CLS_HAN || ch->cls == TS_CLS_NARROW)
        k++;
    }
  return k;
}

/* Greedy breaking at width @measure (first line less @indent).  Returns the
 * line starts (plus n at the end) in @starts. */
static void
ts_work_break_greedy (TsWork *w, double measure, double indent, GArray *starts)
{
  guint n = w->chars->len;
  guint s = 0;

  w->line_max = measure;
  g_array_set_size (starts, 0);
  while (s < n)
    {
      g_array_append_val (starts, s);
      s = ts_work_fit (w, s, measure - (starts->len == 1 ? indent : 0));
    }
  g_array_append_val (starts, n);
}

/* Orphan control: the last line must not hold a single Han character
 * (with or without marks): pull one more char down from the line above. */
static void
ts_work_fix_orphan (TsWork *w, GArray *starts, double measure, double indent)
{
  guint nl = starts->len - 1;
  guint *st = (guint *) starts->data;
  guint n = w->chars->len;

  if (nl < 2 || ts_work_count_letters (w, st[nl - 1], n) != 1)
    return;
  for (guint b = st[nl - 1] - 1; b > st[nl - 2] + 1; b--)
    {
      double nat, min;

      if (!(TS_CHAR (w, b)->flags & TS_CH_BREAK))
        continue;
      ts_work_line_widths (w, b, n, &nat, &min);
      if (min > measure + TS_EPS)
        return;
      if (ts_work_count_letters (w, st[nl - 2], b) < 2)
        return;
      (void) indent;
      st[nl - 1] = b;
      return;
    }
}

/* Cost of breaking a headline before char @b: free at a space the editor
 * wrote or after punctuation, a penalty between words. */
static double
ts_work_headline_penalty (TsWork *w, guint b)
{
  const TsChar *prev = TS_CHAR (w, b - 1);

  if (b == w->chars->len || prev->cls == TS_CLS_SPACE || prev->cls == TS_CLS_CLOSE
      || prev->cls == TS_CLS_DASH || prev->cls == TS_CLS_ELLIPSIS)
    return 0;
  return 4 * w->em * w->em;
}

/* Headlines: as few lines as greedy filling needs, then the breaks that
 * minimise the sum of squared slack (balanced lines) plus penalties for
 * breaks between words rather than at spaces or punctuation. */
static void
ts_work_break_balanced (TsWork *w, double measure, GArray *starts)
{
  guint n = w->chars->len, lines;
  g_autoptr (GArray) cand = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *cost = NULL;
  g_autofree guint *from = NULL;
  guint nc;

  ts_work_break_greedy (w, measure, 0, starts);
  lines = starts->len - 1;
  if (lines < 2 || n > 400 || lines > 6)
    return;
  for (guint i = 0; i <= n; i++)
    if (i == 0 || i == n || (TS_CHAR (w, i)->flags & TS_CH_BREAK))
      g_array_append_val (cand, i);
  nc = cand->len;
  /* cost[k * nc + j]: best cost of k lines ending at candidate j */
  cost = g_new (double, (lines + 1) * nc);
  from = g_new0 (guint, (lines + 1) * nc);
  for (guint x = 0; x < (lines + 1) * nc; x++)
    cost[x] = INFINITY;
  cost[0] = 0;
  for (guint k = 1; k <= lines; k++)
    for (guint j = 1; j < nc; j++)
      for (guint i = 0; i < j; i++)
        {
          guint a = g_array_index (cand, guint, i), b = g_array_index (cand, guint, j);
          double nat, min, c;

          if (!isfinite (cost[(k - 1) * nc + i]))
            continue;
          ts_work_line_widths (w, a, b, &nat, &min);
          if (min > measure + TS_EPS)
            continue;
          c = cost[(k - 1) * nc + i] + (measure - nat) * (measure - nat)
              + ts_work_headline_penalty (w, b);
          if (c < cost[k * nc + j])
            {
              cost[k * nc + j] = c;
              from[k * nc + j] = i;
            }
        }
  if (!isfinite (cost[lines * nc + nc - 1]))
    return;
  g_array_set_size (starts, lines + 1);
  for (guint k = lines, j = nc - 1; k > 0; k--)
    {
      g_array_index (starts, guint, k) = g_array_index (cand, guint, j);
      j = from[k * nc + j];
    }
  g_array_index (starts, guint, 0) = 0;
}

/* ---------------------------------------------------------------------
 * 5. Lines
 * ------------------------------------------------------------------- */

static void
ts_glyph_run_free (TsGlyphRun *run)
{
  if (!run)
    return;
  cairo_scaled_font_destroy (run->font);
  cairo_glyph_free (run->glyphs);
  g_free (run->utf8);
  cairo_text_cluster_free (run->clusters);
  g_free (run);
}

static void
ts_line_free (TsLine *line)
{
  if (!line)
    return;
  g_ptr_array_unref (line->runs);
  g_free (line);
}

void
ts_paragraph_free (TsParagraph *par)
{
  if (!par)
    return;
  g_free (par->text);
  g_ptr_array_unref (par->lines);
  g_free (par);
}

/* Per-char placement on one line. */
typedef struct {
  double origin;   /* pen position of the char's glyph origin, along the line */
} TsPlace;

/* Compression tier of a mark (rules §2, line adjustment): brackets, quotes,
 * ，、；： first (tier 0), sentence stops 。？！． last (tier 1). */
static int
ts_mark_tier (const TsChar *ch)
{
  return (ch->c == 0x3002 || ch->c == 0xFF1F || ch->c == 0xFF01 || ch->c == 0xFF0E) ? 1 : 0;
}

/* Removes @need pt from the line's remaining punctuation blanks into
 * @lead_rm/@trail_rm: tier by tier, equally among the marks of a tier
 * (water-filling, each mark at most its blank half). */
static void
ts_work_compress_line (TsWork *w, guint s, guint t, double need, double *lead_rm,
                       double *trail_rm)
{
  for (int tier = 0; tier < 2; tier++)
    for (int round = 0; round < 8 && need > TS_EPS; round++)
      {
        guint k = 0;
        double each, took = 0;

        for (guint i = s; i <= t; i++)
          {
            TsChar *ch = TS_CHAR (w, i);
            if (ts_mark_tier (ch) == tier)
              k += (ch->lead - lead_rm[i - s] > TS_EPS) + (ch->trail - trail_rm[i - s] > TS_EPS);
          }
        if (!k)
          break;
        each = need / k;
        for (guint i = s; i <= t; i++)
          {
            TsChar *ch = TS_CHAR (w, i);
            double a, b;

            if (ts_mark_tier (ch) != tier)
              continue;
            a = MIN (each, ch->lead - lead_rm[i - s]);
            b = MIN (each, ch->trail - trail_rm[i - s]);
            if (a > TS_EPS)
              lead_rm[i - s] += a, took += a;
            if (b > TS_EPS)
              trail_rm[i - s] += b, took += b;
          }
        need -= took;
      }
}

/* May the line be stretched between chars i and i+1? Not inside Latin words,
 * numbers, —— or ……, and not next to a space (spaces stretch themselves). */
static gboolean
ts_work_expandable (TsWork *w, guint i, gboolean inside_words)
{
  const TsChar *a = TS_CHAR (w, i), *b = TS_CHAR (w, i + 1);

  if (b->flags & TS_CH_CONT)
    return FALSE;
  if ((a->cls == TS_CLS_DASH && b->cls == TS_CLS_DASH)
      || (a->cls == TS_CLS_ELLIPSIS && b->cls == TS_CLS_ELLIPSIS))
    return FALSE;
  if (!inside_words && a->cls != TS_CLS_SPACE && ts_narrow_pair (a, b))
    return FALSE;
  return TRUE;
}

static TsGlyphRun *
ts_run_new (TsWork *w, guint a, guint b, const double *origin, double cross, guint s)
{
  TsGlyphRun *run = g_new0 (TsGlyphRun, 1);
  TsChar *first = TS_CHAR (w, a);
  guint ng = 0, nc = 0, gi = 0, ci = 0;
  gboolean rot = (first->flags & TS_CH_ROTATED) != 0;

  for (guint i = a; i < b; i++)
    {
      ng += TS_CHAR (w, i)->nglyph;
      nc += !(TS_CHAR (w, i)->flags & TS_CH_CONT) || i == a;
    }
  run->font = cairo_scaled_font_reference (rot ? ts_font_rotated (first->font) : first->font->scaled);
  run->role = first->role;
  run->utf8_len = TS_CHAR (w, b - 1)->byte + TS_CHAR (w, b - 1)->nbytes - first->byte;
  run->utf8 = g_strndup (w->text->str + first->byte, run->utf8_len);
  run->glyphs = cairo_glyph_allocate (MAX (ng, 1));
  run->clusters = cairo_text_cluster_allocate (MAX (nc, 1));
  for (guint i = a; i < b; i++)
    {
      TsChar *ch = TS_CHAR (w, i);

      if (ci == 0 || !(ch->flags & TS_CH_CONT))
        {
          run->clusters[ci].num_bytes = 0;
          run->clusters[ci].num_glyphs = 0;
          ci++;
        }
      run->clusters[ci - 1].num_bytes += ch->nbytes;
      run->clusters[ci - 1].num_glyphs += ch->nglyph;
      for (guint g = 0; g < ch->nglyph; g++, gi++)
        {
          const TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, ch->glyph0 + g);
          cairo_glyph_t *cg = &run->glyphs[gi];

          cg->index = gl->index;
          if (w->vertical)
            {
              cg->x = cross + gl->x;
              cg->y = origin[i - s] + gl->y;
            }
          else
            {
              cg->x = origin[i - s] + gl->x;
              cg->y = cross + gl->y;
            }
        }
    }
  run->n_glyphs = ng;
  run->n_clusters = ci;
  run->cluster_flags = 0;
  return run;
}

/* Builds the TsLine for chars [s, e): compression or expansion to @avail
 * when @justify, placement, glyph runs. */
static TsLine *
ts_work_line (TsWork *w, guint s, guint e, double avail, gboolean justify)
{
  TsLine *line = g_new0 (TsLine, 1);
  guint len = e - s, t = e - 1;
  g_autofree double *lead_rm = g_new0 (double, len);
  g_autofree double *trail_rm = g_new0 (double, len);
  g_autofree double *extra = g_new0 (double, len);
  g_autofree double *origin = g_new0 (double, len);
  g_autofree double *cross = g_new0 (double, len);
  double nat, min, pen = 0;

  line->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_glyph_run_free);
  line->char_start = s;
  line->char_count = len;
  while (t > s && TS_CHAR (w, t)->cls == TS_CLS_SPACE)
    t--;
  ts_work_line_widths (w, s, e, &nat, &min);
  lead_rm[0] = TS_CHAR (w, s)->lead;
  trail_rm[t - s] = TS_CHAR (w, t)->trail;
  if (nat > avail + TS_EPS)
    ts_work_compress_line (w, s, t, nat - avail, lead_rm, trail_rm);
  else if (justify && nat < avail - TS_EPS)
    {
      guint k = 0;
      gboolean inside = FALSE;

      for (guint i = s; i < t; i++)
        k += ts_work_expandable (w, i, FALSE);
      if (!k)
        {
          inside = TRUE;   /* a line of one Latin word: letter-space it */
          for (guint i = s; i < t; i++)
            k += ts_work_expandable (w, i, TRUE);
        }
      if (k)
        for (guint i = s; i < t; i++)
          if (ts_work_expandable (w, i, inside))
            extra[i - s] = (avail - nat) / k;
    }
  for (guint i = s; i < e; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      double adv = ch->adv - ch->cut_lead - ch->cut_trail - lead_rm[i - s] - trail_rm[i - s];

      if (i > t)
        adv = 0;   /* trailing spaces */
      origin[i - s] = pen - ch->cut_lead - lead_rm[i - s];
      pen += adv + (i < t ? ch->gap : 0) + extra[i - s];
    }
  line->width = pen;
  for (guint a = s, i = s + 1; i <= e; i++)
    {
      TsChar *ca = TS_CHAR (w, a), *ci = i < e ? TS_CHAR (w, i) : NULL;

      if (ci && ci->font == ca->font && ci->role == ca->role
          && (ci->flags & TS_CH_ROTATED) == (ca->flags & TS_CH_ROTATED)
          && cross[i - s] == cross[a - s])
        continue;
      g_ptr_array_add (line->runs, ts_run_new (w, a, i, origin, cross[a - s], s));
      a = i;
    }
  return line;
}

/* ---------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------- */

static void
ts_work_init (TsWork *w, TsContext *ctx, const TsStyle *style)
{
  memset (w, 0, sizeof *w);
  w->ctx = ctx;
  w->style = style;
  w->text = g_string_new (NULL);
  w->chars = g_array_new (FALSE, FALSE, sizeof (TsChar));
  w->glyphs = g_array_new (FALSE, FALSE, sizeof (TsGlyph));
  w->em = style->size;
  w->vertical = style->vertical;
}

static void
ts_work_clear (TsWork *w)
{
  if (w->text)
    g_string_free (w->text, TRUE);
  if (w->chars)
    g_array_unref (w->chars);
  if (w->glyphs)
    g_array_unref (w->glyphs);
}

static void
ts_work_prepare (TsWork *w, const TsSpan *spans, guint n_spans)
{
  ts_work_normalise (w, spans, n_spans);
  if (w->chars->len == 0)
    return;
  ts_work_shape (w);
  ts_work_adjust (w);
}

/* Places the lines across the paragraph (see typeset.h for conventions). */
static void
ts_paragraph_place (TsParagraph *par, const TsStyle *style, double measure, double indent)
{
  double em = style->size;

  for (guint l = 0; l < par->lines->len; l++)
    {
      TsLine *line = g_ptr_array_index (par->lines, l);
      double start = l == 0 ? indent : 0;
      double avail = measure - start;
      double shift = 0;

      if (style->align == TS_ALIGN_CENTER
          || (style->align == TS_ALIGN_CENTER_SHORT && par->lines->len == 1))
        shift = (avail - line->width) / 2;
      else if (style->align == TS_ALIGN_END)
        shift = avail - line->width;
      shift = MAX (shift, 0);
      line->ascent = TS_ASCENT_RATIO * em;
      line->descent = 0.12 * em;
      line->last = l + 1 == par->lines->len;
      if (par->vertical)
        {
          line->x = par->extent - l * par->pitch - em / 2;
          line->y = start + shift;
        }
      else
        {
          line->x = start + shift;
          line->y = l * par->pitch + line->ascent;
        }
    }
}

TsParagraph *
ts_set_spans (TsContext *ctx, const TsSpan *spans, guint n_spans, const TsStyle *style,
              double measure)
{
  TsParagraph *par;
  TsWork w;
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double indent;

  g_return_val_if_fail (ctx != NULL && style != NULL, NULL);
  g_return_val_if_fail (style->role < TS_ROLE_COUNT && style->size > 0, NULL);
  ts_work_init (&w, ctx, style);
  ts_work_prepare (&w, spans, n_spans);
  indent = style->indent * style->size;
  if (indent >= measure)
    indent = 0;
  par = g_new0 (TsParagraph, 1);
  par->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_free);
  par->measure = measure;
  par->pitch = style->pitch > 0 ? style->pitch : style->size * 1.5;
  par->vertical = style->vertical;
  if (w.chars->len > 0)
    {
      guint *st;

      if (style->headline)
        ts_work_break_balanced (&w, measure - indent, starts);
      else
        {
          ts_work_break_greedy (&w, measure, indent, starts);
          ts_work_fix_orphan (&w, starts, measure, indent);
        }
      st = (guint *) starts->data;
      for (guint l = 0; l + 1 < starts->len; l++)
        {
          double avail = measure - (l == 0 ? indent : 0);
          gboolean justify = (style->align == TS_ALIGN_JUSTIFY
                              || style->align == TS_ALIGN_CENTER_SHORT)
                             && l + 2 < starts->len;
          g_ptr_array_add (par->lines, ts_work_line (&w, st[l], st[l + 1], avail, justify));
        }
    }
  par->extent = par->lines->len * par->pitch;
  ts_paragraph_place (par, style, measure, indent);
  par->missing = w.missing;
  par->text = g_string_free (w.text, FALSE);
  w.text = NULL;
  ts_work_clear (&w);
  return par;
}

TsParagraph *
ts_set_text (TsContext *ctx, const char *text, const TsStyle *style, double measure)
{
  TsSpan span = { text, style->role };
  return ts_set_spans (ctx, &span, 1, style, measure);
}

TsParagraph *
ts_set_block (TsContext *ctx, const EdBlock *block, const TsStyle *style, double measure)
{
  g_autofree TsSpan *spans = NULL;
  guint n;

  g_return_val_if_fail (block != NULL, NULL);
  n = block->runs ? block->runs->len : 0;
  spans = g_new0 (TsSpan, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const EdRun *run = g_ptr_array_index (block->runs, i);
      spans[i].text = run->text;
      spans[i].role = (run->flags & ED_RUN_STRONG) ? TS_ROLE_HEADING
                    : (run->flags & ED_RUN_EMPH) ? TS_ROLE_CAPTION : style->role;
    }
  return ts_set_spans (ctx, spans, n, style, measure);
}

double
ts_measure_text (TsContext *ctx, const char *text, const TsStyle *style)
{
  TsWork w;
  TsSpan span = { text, style->role };
  double nat = 0, min;

  g_return_val_if_fail (ctx != NULL && style != NULL, 0);
  ts_work_init (&w, ctx, style);
  ts_work_prepare (&w, &span, 1);
  if (w.chars->len > 0)
    ts_work_line_widths (&w, 0, w.chars->len, &nat, &min);
  ts_work_clear (&w);
  return nat;
}

static void
ts_dump_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (v) < 0.005)
    v = 0;
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", v));
}

char *
ts_paragraph_dump (const TsParagraph *par)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (par != NULL, NULL);
  for (guint l = 0; l < par->lines->len; l++)
    {
      const TsLine *line = g_ptr_array_index (par->lines, l);
      const char *a = g_utf8_offset_to_pointer (par->text, line->char_start);
      const char *b = g_utf8_offset_to_pointer (a, line->char_count);

      ts_dump_number (out, line->x);
      g_string_append_c (out, ' ');
      ts_dump_number (out, line->y);
      g_string_append_c (out, ' ');
      ts_dump_number (out, line->width);
      g_string_append (out, " | ");
      g_string_append_len (out, a, b - a);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
ts_line_draw (const TsLine *line, cairo_t *cr, double x, double y)
{
  g_return_if_fail (line != NULL && cr != NULL);
  for (guint r = 0; r < line->runs->len; r++)
    {
      const TsGlyphRun *run = g_ptr_array_index (line->runs, r);
      cairo_glyph_t *g;

      if (run->n_glyphs == 0)
        continue;
      g = cairo_glyph_allocate (run->n_glyphs);
      for (int i = 0; i < run->n_glyphs; i++)
        {
          g[i].index = run->glyphs[i].index;
          g[i].x = run->glyphs[i].x + line->x + x;
          g[i].y = run->glyphs[i].y + line->y + y;
        }
      cairo_set_scaled_font (cr, run->font);
      cairo_show_text_glyphs (cr, run->utf8, run->utf8_len, g, run->n_glyphs,
                              run->clusters, run->n_clusters, run->cluster_flags);
      cairo_glyph_free (g);
    }
}

void
ts_paragraph_draw (const TsParagraph *par, cairo_t *cr, double x, double y)
{
  g_return_if_fail (par != NULL && cr != NULL);
  for (guint l = 0; l < par->lines->len; l++)
    ts_line_draw (g_ptr_array_index (par->lines, l), cr, x, y);
}
