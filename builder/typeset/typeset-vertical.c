/* typeset-vertical.c — vertical text (vertical-rl): sideways Latin and
 * upright two-digit numbers in one cell (tate-chu-yoko). */
#include "typeset/typeset-private.h"

static gboolean
ts_is_narrow (const TsChar *ch)
{
  return ch->cls != TS_CLS_HAN && ch->cls != TS_CLS_SPACE && ch->c < 0x2000
         && !g_unichar_iswide_cjk (ch->c);
}

/* Runs of narrow chars: up to two digits stand upright in one cell; other
 * runs (words, longer numbers, spaces between them) are set sideways. */
void
ts_work_vertical_marks (TsWork *w)
{
  guint n = w->chars->len;

  for (guint i = 0; i < n;)
    {
      guint j = i, digits = 0;

      if (!ts_is_narrow (TS_CHAR (w, i)))
        {
          i++;
          continue;
        }
      while (j < n && (ts_is_narrow (TS_CHAR (w, j))
                       || (TS_CHAR (w, j)->cls == TS_CLS_SPACE && j + 1 < n
                           && ts_is_narrow (TS_CHAR (w, j + 1)))))
        digits += g_unichar_isdigit (TS_CHAR (w, j)->c), j++;
      for (guint k = i; k < j; k++)
        TS_CHAR (w, k)->flags |= (j - i <= 2 && digits == j - i) ? TS_CH_TCY : TS_CH_ROTATED;
      i = j;
    }
}

/* Shapes chars [a, b) horizontally, then turns the run for vertical text. */
void
ts_work_shape_vertical_special (TsWork *w, guint a, guint b, guint *byte_to_char)
{
  TsChar *first = TS_CHAR (w, a);
  double em = first->font->size;
  guint g0 = w->glyphs->len;

  ts_work_shape_run (w, a, b, HB_DIRECTION_LTR, byte_to_char);
  if (first->flags & TS_CH_TCY)
    {
      /* one upright cell: all glyphs on the first char, centred */
      double width = 0;

      for (guint i = a; i < b; i++)
        {
          TsChar *ch = TS_CHAR (w, i);
          for (guint g = 0; g < ch->nglyph; g++)
            {
              TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, ch->glyph0 + g);
              gl->x += width;
            }
          width += ch->adv;
        }
      for (guint g = g0; g < w->glyphs->len; g++)
        {
          TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, g);
          gl->x -= width / 2;
          gl->y += TS_ASCENT_RATIO * em;
        }
      first->glyph0 = g0;
      first->nglyph = w->glyphs->len - g0;
      first->adv = em;
      for (guint i = a + 1; i < b; i++)
        TS_CHAR (w, i)->nglyph = 0, TS_CHAR (w, i)->adv = 0;
      return;
    }
  /* sideways: the baseline runs down the column, ink to its right */
  for (guint i = a; i < b; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      for (guint g = 0; g < ch->nglyph; g++)
        {
          TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, ch->glyph0 + g);
          float along = gl->x;
          gl->x = -0.38 * em - gl->y;
          gl->y = along;
        }
    }
}
