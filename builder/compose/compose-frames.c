/* compose-frames.c — figures as the page shows them: a caption-only
 * figure (a photo whose file is not in the sources yet) becomes a picture
 * frame of a photo's proportions on print layouts, a portrait's frame
 * when its caption is a person's name; captions and credits apart; the
 * photo-news module (kind: photo).
 *
 * A frame is a tinted, hairlined box on the grid (frame_aspect, 3:2; a
 * portrait portrait_aspect, 3:4, one column wide) with its caption under
 * it and the credit on a line of its own, so the page has the shape of
 * the printed page and the desk drops the photo in later by naming its
 * file.  Its width in columns is the planner's to choose
 * (comp_frame_range, CompModule.frame_cols).
 */
#include "compose/compose-private.h"

#include <math.h>
#include <string.h>

/* Common single-character surnames (about nine in ten Chinese people bear
 * one of them) and the compound ones: a caption of a few Han characters
 * that starts with one is read as a person's name. */
static const char comp_surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
  "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝"
  "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
  "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
  "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
  "边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝郜郄薄荆鄢冀燕晋";
static const char *const comp_compound_surnames[] = {
  "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
  "司徒", "令狐", "夏侯", "申屠", "端木", "独孤", "呼延",
};

static gboolean
comp_is_surname (const char *name)
{
  gunichar c = g_utf8_get_char (name);

  for (guint i = 0; i < G_N_ELEMENTS (comp_compound_surnames); i++)
    if (g_str_has_prefix (name, comp_compound_surnames[i]))
      return TRUE;
  for (const char *p = comp_surnames; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return TRUE;
  return FALSE;
}

/* Whether @caption is only a person's name (a portrait's caption, 张伟):
 * two to portrait_name_chars Han characters starting with a surname, or
 * a transcribed name of Han parts joined by a middle dot. */
gboolean
comp_caption_is_name (const LaySpec *spec, const char *caption)
{
  guint han = 0, dots = 0;

  if (!caption || !comp_is_surname (caption))
    return FALSE;
  for (const char *p = caption; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00B7 || c == 0x30FB || c == 0x2022)
        dots++;
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        han++;
      else
        return FALSE;
    }
  if (dots)
    return han >= 2 && han <= 2 * spec->costs.portrait_name_chars;
  return han >= 2 && han <= spec->costs.portrait_name_chars;
}

/* Splits a credit written at the end of a caption ("…取得佳绩。肖继旺摄")
 * off it: the words after the caption's last full stop, when they end in
 * 摄 and are short enough for a name or two. */
static void
comp_caption_split_credit (const LaySpec *spec, char **caption, char **credit)
{
  const char *text = *caption;
  const char *tail = NULL;
  glong n;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
        tail = g_utf8_next_char (p);
    }
  if (!tail || !*tail)
    return;
  n = g_utf8_strlen (tail, -1);
  if (!g_str_has_suffix (tail, "摄") || n < 3 || n > spec->costs.credit_max_chars)
    return;
  for (const char *p = tail; *p; p = g_utf8_next_char (p))
    if (g_unichar_ispunct (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x3001)
      return;
  *credit = g_strstrip (g_strdup (tail));
  (*caption)[tail - text] = '\0';
}

/* The figure of block @b: its caption and credit apart, and with @frames
 * (the layout's picture_frames) a caption-only figure is a frame of a photo's
 * proportions (a portrait's if its caption is a name: the portrait stands
 * in its text column, comp_prep_article).  The caller sets the image's
 * path and pixel size. */
CompFigure *
comp_figure_new (const LaySpec *spec, const EdBlock *b, gboolean frames)
{
  CompFigure *f = g_new0 (CompFigure, 1);

  f->block = b;
  f->caption = g_strstrip (g_strdup (b->caption ? b->caption : ""));
  f->credit = b->credit && *b->credit ? g_strstrip (g_strdup (b->credit)) : NULL;
  if (!f->credit)
    comp_caption_split_credit (spec, &f->caption, &f->credit);
  if (!b->image && frames)
    {
      f->frame = TRUE;
      f->portrait = !f->credit && comp_caption_is_name (spec, f->caption);
      f->iw = f->portrait ? spec->costs.portrait_aspect : spec->costs.frame_aspect;
      f->ih = 1;
    }
  return f;
}

void
comp_figure_free (CompFigure *f)
{
  if (!f)
    return;
  g_free (f->path);
  g_free (f->caption);
  g_free (f->credit);
  g_free (f);
}

/* Columns a frame takes: a portrait one, a landscape frame @frame_cols
 * (0: the layout's frame_columns), at most frame_columns_max. */
static guint
comp_frame_cols (const LaySpec *spec, const CompFigure *f, guint frame_cols)
{
  if (f->portrait)
    return 1;
  return CLAMP (frame_cols ? frame_cols : spec->frame_columns, 1u, spec->costs.frame_columns_max);
}

/* Width of figure @f of @prep in a figure area @area pt wide: a picture
 * takes the area, a frame its columns, never more than the area (photo
 * news: the area). */
double
comp_figure_width (const LaySpec *spec, const CompPrep *prep, const CompFigure *f, double area,
                   guint frame_cols)
{
  /* (photo news: its picture is the module) */
  if (!f->frame || prep->art->kind == ED_KIND_PHOTO)
    return area;
  return MIN (area, lay_spec_span_width (spec, comp_frame_cols (spec, f, frame_cols)));
}

/* Columns the figures of @prep need side by side: the widest frame's
 * (G_MAXUINT when a picture takes whatever it is given). */
guint
comp_figures_cols (const LaySpec *spec, const CompPrep *prep, guint frame_cols)
{
  guint cols = 0;

  for (guint i = 0; i < prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (prep->figures, i);

      cols = MAX (cols, f->frame ? comp_frame_cols (spec, f, frame_cols) : G_MAXUINT);
    }
  return cols;
}

/* The widths in columns a module of @piece with @text_cols text columns
 * may give its landscape frames (the copy-fitting lever of frame sizes):
 * [*min, *max], both 0 when it has none. */
void
comp_frame_range (const LaySpec *spec, const CompPiece *piece, guint text_cols, guint *min,
                  guint *max)
{
  gboolean any = FALSE;

  for (guint i = 0; piece->part == 0 && i < piece->prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (piece->prep->figures, i);
      any |= f->frame && !f->portrait;
    }
  *min = any ? 1 : 0;
  *max = any ? MIN (text_cols, comp_is_photo (piece) ? text_cols
                                                     : spec->costs.frame_columns_max) : 0;
}

/* The lines every landscape frame of @m may take beyond (or, < 0, give
 * up from) its proportions: [*lo, *hi]; how many frames there are (0:
 * none, nothing to fit). */
static guint
comp_frame_room (const LaySpec *spec, const CompModule *m, int *lo, int *hi)
{
  guint area = m->head_cols ? m->head_cols : m->fig_cols ? m->fig_cols : m->text_cols;
  double inset = spec->costs.picture_inset, pitch = spec->body_pitch;
  guint n = 0;

  *lo = G_MININT;
  *hi = G_MAXINT;
  if (m->piece.part > 0 || m->vertical)
    return 0;
  for (guint i = 0; i < m->piece.prep->figures->len; i++)
    {
      const CompFigure *f = g_ptr_array_index (m->piece.prep->figures, i);
      double w;
      int now, most, least;

      if (!f->frame || f->portrait)
        continue;
      w = comp_figure_width (spec, m->piece.prep, f, lay_spec_span_width (spec, area),
                             m->frame_cols);
      now = (int) ceil (w / f->iw * f->ih / pitch + inset);
      most = (int) floor (w / spec->costs.frame_aspect_min / pitch + inset);
      least = MAX ((int) ceil (w / spec->costs.frame_aspect_max / pitch + inset), 2);
      *lo = MAX (*lo, MIN (least - now, 0));
      *hi = MIN (*hi, MAX (most - now, 0));
      n++;
    }
  return n;
}

/* @m with its @n frames @r lines off their proportions, rebalanced. */
static CompModule
comp_frame_try (const CompModule *m, guint n, int r)
{
  CompModule t = *m;
  guint lcols, ltop;

  t.fig_rows = (guint) ((int) m->fig_rows + (int) n * (r - m->frame_rows));
  t.frame_rows = r;
  comp_module_l (&t, &lcols, &ltop);
  t.body_rows = comp_balance (t.piece.prep, t.piece.unit0, t.text_cols,
                              comp_piece_extra_rows (&t.piece), lcols, ltop);
  return t;
}

gboolean
comp_frame_fit (const LaySpec *spec, CompModule *m, guint content)
{
  int lo, hi;
  guint n = comp_frame_room (spec, m, &lo, &hi);

  if (m->cut || n == 0)
    return comp_module_need (m) <= content;
  if (comp_module_need (m) > content)
    {
      /* shorter until the module fits (its columns still read as such) */
      for (int r = m->frame_rows - 1; r >= lo; r--)
        {
          CompModule t = comp_frame_try (m, n, r);

          if (comp_module_need (&t) <= content && comp_columns_ok (spec, &t))
            {
              *m = t;
              return TRUE;
            }
        }
      return FALSE;
    }
  /* taller while the text still fits and every column keeps its lines */
  for (int r = m->frame_rows + 1; r <= hi; r++)
    {
      CompModule t = comp_frame_try (m, n, r);

      if (comp_module_need (&t) > content || !comp_columns_ok (spec, &t))
        break;
      *m = t;
    }
  return TRUE;
}

guint
comp_frame_slack (const LaySpec *spec, const CompModule *m, guint content)
{
  CompModule t = *m;
  guint need = comp_module_need (m);

  if (need >= content || !comp_frame_fit (spec, &t, content))
    return 0;
  return comp_module_need (&t) - need;
}

guint
comp_portrait_rows (const LaySpec *spec, double width)
{
  return (guint) ceil (width / spec->costs.portrait_aspect / spec->body_pitch
                       + spec->costs.picture_inset);
}

/* Draws figure element @e as a picture frame @w × @h at (@x, @y): a light
 * tint with a hairline. */
void
comp_frame_box (const LaySpec *spec, CompElem *e, double x, double y, double w, double h)
{
  e->boxed = TRUE;
  e->box = (CompRect) { x, y, w, h };
  e->box_line = spec->costs.frame_line;
  e->filled = TRUE;
  for (guint i = 0; i < 3; i++)
    e->fill[i] = spec->costs.frame_tint;
}

/* The caption of figure @f set at @width: a portrait's name centred under
 * it, other captions justified; its credit, if any, on a line of its own
 * flush right (*@credit, NULL without one).  Caller owns both. */
TsParagraph *
comp_caption_set (CompState *st, const CompFigure *f, double width, TsParagraph **credit)
{
  const LaySpec *spec = st->spec;
  TsStyle cap = comp_style (TS_ROLE_CAPTION, spec->caption_size, 1.0,
                            f->portrait ? TS_ALIGN_CENTER : TS_ALIGN_JUSTIFY);

  cap.pitch = spec->body_pitch;
  if (credit)
    {
      TsStyle cs = cap;

      cs.align = TS_ALIGN_END;
      cs.breaks = TS_BREAK_PHRASE;   /* "记者 薛志雄 摄": its spaces kept, broken at them */
      *credit = f->credit ? ts_set_text (st->ts, f->credit, &cs, width) : NULL;
    }
  return ts_set_text (st->ts, f->caption, &cap, width);
}

/* Whether @piece is photo news (kind: photo): a picture module with a
 * small head, its pictures across the module. */
gboolean
comp_is_photo (const CompPiece *piece)
{
  return piece->prep->art->kind == ED_KIND_PHOTO && piece->prep->figures->len > 0;
}

/* Preferred width of a photo-news module: its widest frame's (the
 * layout's frame_columns), or lead-like width for a picture. */
guint
comp_photo_cols (const LaySpec *spec, const CompPiece *piece)
{
  guint cols = comp_figures_cols (spec, piece->prep, 0);

  return CLAMP (cols == G_MAXUINT ? spec->frame_columns : cols, 1u, spec->columns);
}
