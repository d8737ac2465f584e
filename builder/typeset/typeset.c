/* typeset.c — the CJK typesetting engine.
 *
 * Pipeline for one paragraph (TsWork):
 *   1. ts_work_normalise: join the spans, normalise spaces, classify chars.
 *   2. ts_work_shape: pick a font per char (role face, fontset fallback),
 *      shape runs with HarfBuzz, attach glyphs to chars.
 *   3. ts_work_adjust: punctuation blanks, adjacent-mark compression,
 *      Han–Latin gaps, break opportunities (typeset-breaks.c).
 *   4. ts_work_break_lines (typeset-fit.c): the paragraph's breaks chosen
 *      together, by cost: total fit for running text, phrases for display
 *      lines, balanced headlines.
 *   5. ts_work_line (typeset-lines.c): compression or justification and
 *      glyph runs for each line.
 */
#include "typeset/typeset-private.h"

#include <math.h>
#include <string.h>

#include "base/errors.h"

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
 * 1. Normalising
 * ------------------------------------------------------------------- */

static void
ts_work_push (TsWork *w, gunichar c, TsRole role, gboolean runin)
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
  if (runin)
    ch.flags |= TS_CH_RUNIN;
  if (c != ' ' && c < 0x3000 && !g_unichar_iswide_cjk (c))
    ch.flags |= TS_CH_NARROW;
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
 * from the source), kept as a 1-em word space in display lines, bylines
 * ("记者 薛志雄 摄"), the folio/masthead lines and inside a run-in
 * dateline (本报讯（记者 李雅萍 通讯员 张世川）). */
static gboolean
ts_work_keep_space (TsWork *w, const TsChar *before, gunichar after, gboolean runin)
{
  gboolean wide_b = before->cls != TS_CLS_NARROW;
  gboolean wide_a = ts_classify (after) != TS_CLS_NARROW;

  if (!wide_b || !wide_a)
    return TRUE;
  return w->mode == TS_BREAK_PHRASE || w->mode == TS_BREAK_BALANCED || w->style->headline
         || w->style->role == TS_ROLE_BYLINE || w->style->role == TS_ROLE_FOLIO
         || w->style->role == TS_ROLE_MASTHEAD || (runin && (before->flags & TS_CH_RUNIN));
}

/* A span of running text in the heading or byline face (a dateline or a
 * bold run-in) keeps its spaces and breaks only at them. */
static gboolean
ts_work_span_runs_in (TsWork *w, const TsSpan *span)
{
  return w->mode == TS_BREAK_TEXT && span->role != w->style->role
         && (span->role == TS_ROLE_HEADING || span->role == TS_ROLE_BYLINE);
}

static void
ts_work_normalise (TsWork *w, const TsSpan *spans, guint n_spans)
{
  gboolean pending = FALSE;

  for (guint s = 0; s < n_spans; s++)
    {
      const char *p = spans[s].text ? spans[s].text : "";
      gboolean runin = ts_work_span_runs_in (w, &spans[s]);

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
          if (pending && ts_work_keep_space (w, TS_CHAR (w, w->chars->len - 1), c, runin))
            ts_work_push (w, ' ', spans[s].role, runin);
          pending = FALSE;
          ts_work_push (w, c, spans[s].role, runin);
        }
    }
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

/* Compression tier of a mark (rules §2, line adjustment): brackets, quotes,
 * ，、；： first (tier 0), sentence stops 。？！． last (tier 1). */
int
ts_mark_tier (const TsChar *ch)
{
  return (ch->c == 0x3002 || ch->c == 0xFF1F || ch->c == 0xFF01 || ch->c == 0xFF0E) ? 1 : 0;
}

/* The blank halves of a horizontal mark from its ink: a face that sets
 * ，、。 with their ink at the left of the em (Noto CJK SC) gives the
 * whole right half; one that centres them (AR PL UKai's 楷) gives what
 * lies outside the ink on either side, so compression never cuts into the
 * ink and is as even as the face allows. */
static void
ts_work_ink_blanks (TsWork *w, TsChar *ch, gboolean ink_left)
{
  const TsGlyph *gl = &g_array_index (w->glyphs, TsGlyph, ch->glyph0);
  hb_glyph_extents_t ext;
  double half = ch->adv / 2, margin = TS_INK_MARGIN_EM * ch->font->size;
  double left, right;

  if (!hb_font_get_glyph_extents (ch->font->hb, gl->index, &ext) || ext.width <= 0)
    {
      *(ink_left ? &ch->trail : &ch->lead) = half;
      return;
    }
  left = gl->x + ext.x_bearing * ch->font->scale;
  right = ch->adv - (left + ext.width * ch->font->scale);
  if ((ink_left ? right : left) >= half - margin)
    {
      *(ink_left ? &ch->trail : &ch->lead) = half;   /* the ink is in one half */
      return;
    }
  left = MAX (left - margin, 0);
  right = MAX (right - margin, 0);
  if (ink_left)
    {
      ch->trail = MIN (right, half);
      ch->lead = MIN (left, half - ch->trail);
    }
  else
    {
      ch->lead = MIN (left, half);
      ch->trail = MIN (right, half - ch->lead);
    }
}

/* Punctuation blanks: a full-width mark's empty half may be removed. */
static void
ts_work_blanks (TsWork *w)
{
  for (guint i = 0; i < w->chars->len; i++)
    {
      TsChar *ch = TS_CHAR (w, i);
      double em = ch->font->size;
      gboolean ink_left;

      if (ch->cls != TS_CLS_CLOSE && ch->cls != TS_CLS_OPEN)
        continue;
      if (ch->adv < 0.9 * em || ch->nglyph != 1 || (ch->flags & (TS_CH_ROTATED | TS_CH_TCY)))
        continue;
      if (w->vertical && (ch->c == 0xFF1A || ch->c == 0xFF1B || ch->c == 0xFF01 || ch->c == 0xFF1F))
        continue;   /* vertical ：；！？ stay 1 em (rules §2) */
      ink_left = ts_char_in (ch->c, ts_ink_left);
      if (!ink_left && !ts_char_in (ch->c, ts_ink_right))
        continue;
      if (w->vertical)
        *(ink_left ? &ch->trail : &ch->lead) = ch->adv / 2;
      else
        ts_work_ink_blanks (w, ch, ink_left);
    }
}

/* Adjacent marks (。” ，“ ）（ “《): remove blank so the pair occupies
 * 1.5 em (rules §2): the first mark's trailing blank, then the second's
 * leading one.  Both marks keep that width mid-line, in every line. */
static void
ts_work_compress_pairs (TsWork *w)
{
  for (guint i = 1; i < w->chars->len; i++)
    {
      TsChar *a = TS_CHAR (w, i - 1), *b = TS_CHAR (w, i);
      double want = a->adv / 2, took;

      if (!ts_is_mark (a) || !ts_is_punct (b))
        continue;
      took = a->trail;
      a->cut_trail += a->trail;
      a->trail = 0;
      if (took < want - TS_EPS && b->lead > 0)
        {
          double more = MIN (want - took, b->lead);

          b->cut_lead += more;
          b->lead -= more;
        }
      a->flags |= TS_CH_PAIRED;
      b->flags |= TS_CH_PAIRED;
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

static void
ts_work_adjust (TsWork *w)
{
  ts_work_blanks (w);
  ts_work_compress_pairs (w);
  ts_work_gaps (w);
  ts_work_breaks (w);
}

/* ---------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------- */

/* The break mode of @style, TS_BREAK_AUTO resolved (see typeset.h). */
static TsBreak
ts_style_mode (const TsStyle *style)
{
  if (style->breaks != TS_BREAK_AUTO)
    return style->breaks;
  if (style->headline)
    return TS_BREAK_BALANCED;
  if (style->align == TS_ALIGN_JUSTIFY || style->align == TS_ALIGN_CENTER_SHORT)
    return TS_BREAK_TEXT;
  return TS_BREAK_PHRASE;
}

void
ts_work_setup (TsWork *w, TsContext *ctx, const TsSpan *spans, guint n_spans,
               const TsStyle *style)
{
  memset (w, 0, sizeof *w);
  w->ctx = ctx;
  w->style = style;
  w->mode = ts_style_mode (style);
  w->text = g_string_new (NULL);
  w->chars = g_array_new (FALSE, FALSE, sizeof (TsChar));
  w->glyphs = g_array_new (FALSE, FALSE, sizeof (TsGlyph));
  w->em = style->size;
  w->vertical = style->vertical;
  ts_work_normalise (w, spans, n_spans);
  if (w->chars->len == 0)
    return;
  ts_work_shape (w);
  ts_work_adjust (w);
}

void
ts_work_clear (TsWork *w)
{
  if (w->text)
    g_string_free (w->text, TRUE);
  if (w->chars)
    g_array_unref (w->chars);
  if (w->glyphs)
    g_array_unref (w->glyphs);
  memset (w, 0, sizeof *w);
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
  g_autoptr (GArray) starts = NULL;
  char *key;
  double indent;

  g_return_val_if_fail (ctx != NULL && style != NULL, NULL);
  g_return_val_if_fail (style->role < TS_ROLE_COUNT && style->size > 0, NULL);
  key = ts_cache_key (spans, n_spans, style, measure);
  if ((par = ts_cache_get (ctx->cache, key, spans, n_spans)))
    {
      g_free (key);
      return par;
    }
  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  ts_work_setup (&w, ctx, spans, n_spans, style);
  indent = style->indent * style->size;
  if (indent >= measure)
    indent = 0;
  par = g_new0 (TsParagraph, 1);
  par->ref = 1;
  par->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_line_free);
  par->measure = measure;
  par->pitch = style->pitch > 0 ? style->pitch : style->size * 1.5;
  par->vertical = style->vertical;
  if (w.chars->len > 0)
    {
      guint *st;

      ts_work_break_lines (&w, measure, indent, starts);
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
  par->text = g_string_free (g_steal_pointer (&w.text), FALSE);
  ts_work_clear (&w);
  ts_cache_put (ctx->cache, key, par);
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
  ts_work_setup (&w, ctx, &span, 1, style);
  if (w.chars->len > 0)
    ts_work_line_widths (&w, 0, w.chars->len, &nat, &min);
  ts_work_clear (&w);
  return nat;
}
