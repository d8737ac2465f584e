/* typeset-shape.c — step 2 of setting a paragraph: a font for every
 * character (the role's face, fontset fallback), HarfBuzz shaping, glyphs
 * attached to characters. */
#include "typeset/typeset-private.h"

#include <hb-glib.h>

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
void
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

void
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
