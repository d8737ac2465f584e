/* import-lines.c — raw lines → cleaned, classified lines with the measure
 * of their text frame.
 *
 * A line's form says what it is when it is a byline (记者 X 整理, □ 本报记者
 * X, 提案者：X, （记者 X 通讯员 Y）), a photo credit (X 摄), a jump line
 * (下转第2版, 见4版), a piece of the running head (版名, the date, desk
 * credits, a page number run into a slogan) or a portrait's name (2–4
 * characters the text names).  Everything else is text; whether a text
 * line is running text or a headline is decided with the paragraphs
 * (import-para.c), from the measure estimated here.
 */
#include "import/import-private.h"

#include <stdlib.h>
#include <string.h>

/* Han ideographs for GRegex patterns (\p{Han} also takes in 。 and 、). */
#define HANR "\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}\\x{f900}-\\x{faff}"
#define HAN "[" HANR "]"

/* a byline's names and roles: 本报记者 X, 记者 X 通讯员 Y */
#define IMP_RE_ROLE "(?:(?:本报|实习)?记者|通讯员|特约记者)"
#define IMP_RE_NAMES HAN "{2,4}(?:\\s+" HAN "{2,4})*"

gboolean
imp_match (ImpPage *pg, const char *pattern, const char *text)
{
  GRegex *re = g_hash_table_lookup (pg->regex, pattern);

  if (!re)
    {
      re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (re);
      g_hash_table_insert (pg->regex, (gpointer) pattern, re);
    }
  return g_regex_match (re, text, 0, NULL);
}

/* Is @t shaped like a column badge (栏头: 两会花絮, 走基层): a few Han
 * characters, nothing else? */
gboolean
imp_badge_form (ImpPage *pg, const char *t)
{
  glong n = g_utf8_strlen (t, -1);
  return n >= 2 && n <= IMP_BADGE_MAX && imp_match (pg, "^" HAN "+$", t);
}

/* Does the text end a sentence (。！？… or : ; or a closing mark after
 * one)? */
gboolean
imp_ends_sentence (const char *s)
{
  const char *p = s + strlen (s);

  while (p > s)
    {
      gunichar c;
      p = g_utf8_find_prev_char (s, p);
      c = g_utf8_get_char (p);
      switch (c)
        {
        case 0x3002: case 0xFF01: case 0xFF1F: case 0x2026: case 0xFF1B: case 0xFF1A:
        case '!': case '?': case ';': case ':':
          return TRUE;
        case 0x201D: case 0x2019: case 0xFF09: case 0x300B: case 0x300D: case 0x300F:
        case ')': case ' ':
          continue; /* look through closing marks */
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* Can a paragraph end with this line?  A sentence end, or a quotation or
 * bracket closed after text (“……”, （李勤）). */
gboolean
imp_ends_paragraph (const char *s)
{
  gsize n = strlen (s);
  gunichar last;

  if (!n)
    return FALSE;
  if (imp_ends_sentence (s))
    return TRUE;
  last = g_utf8_get_char (g_utf8_find_prev_char (s, s + n));
  return last == 0x201D || last == 0xFF09 || last == ')';
}

/* ---------------------------------------------------------------- lines */

static ImpLine *
imp_line_new (const char *text, guint no, gboolean lead, gboolean blank_before)
{
  ImpLine *l = g_new0 (ImpLine, 1);

  l->text = g_strdup (text);
  l->no = no;
  l->lead = lead;
  l->blank_before = blank_before;
  l->w = imp_width (text, 1.0);
  return l;
}

/* Splits "…作用。 记者 罗丽 整理", "…带货。记者 薛志雄 摄" and
 * "…工作。（记者 X 通讯员 Y）" into the text and the byline or credit run
 * on after its last sentence. */
static gboolean
imp_split_run_on (ImpPage *pg, const char *text, char **head, char **tail)
{
  static const char *const patterns[] = {
    /* a credit or a byline closed by 整理/报道, after a sentence */
    "^(.*[。！？!?”）)])\\s*((?:本报)?(?:" IMP_RE_ROLE "\\s*)?" IMP_RE_NAMES "\\s*(?:整理|摄|报道))$",
    /* a byline after a space */
    "^(.*[。！？!?”）)])\\s+(" IMP_RE_ROLE "\\s*" IMP_RE_NAMES ")$",
    /* （记者 X 通讯员 Y） or （X） after the last sentence */
    "^(.*[。！？!?”])\\s*([（(]" IMP_RE_ROLE "[^（）()]{1,30}[）)]|[（(]" HAN "{2,4}[）)])$",
    NULL,
  };

  for (guint i = 0; patterns[i]; i++)
    {
      GRegex *re;
      g_autoptr (GMatchInfo) mi = NULL;
      imp_match (pg, patterns[i], "");
      re = g_hash_table_lookup (pg->regex, patterns[i]);
      if (g_regex_match (re, text, 0, &mi))
        {
          *head = g_match_info_fetch (mi, 1);
          *tail = g_match_info_fetch (mi, 2);
          if (i == 2 && imp_match (pg, "^[（(](完|待续|续完|未完|上|中|下|续)[）)]$", *tail))
            {
              g_clear_pointer (head, g_free);
              g_clear_pointer (tail, g_free);
              continue;
            }
          return TRUE;
        }
    }
  return FALSE;
}

ImpBylineForm
imp_byline_form (const char *text)
{
  if (g_str_has_prefix (text, "□") || g_str_has_prefix (text, "提案者") || g_str_has_prefix (text, "■"))
    return IMP_BY_TOP;
  if (g_str_has_prefix (text, "（") || g_str_has_prefix (text, "("))
    return IMP_BY_INLINE;
  return IMP_BY_END;
}

/* Is the next line that is not blank after raw line @i printed doubled? */
static gboolean
imp_next_bold (char **raw, guint i)
{
  for (guint k = i + 1; raw[k]; k++)
    {
      g_autofree char *t = g_strstrip (g_strdup (raw[k]));
      gboolean bold = FALSE;
      g_autofree char *r = NULL;
      if (!*t)
        continue;
      r = imp_repair_fake_bold (t, &bold);
      return bold;
    }
  return FALSE;
}

/* Reads the raw lines into cleaned ImpLines. */
void
imp_page_read_lines (ImpPage *pg, const char *text)
{
  g_auto (GStrv) raw = g_strsplit (text, "\n", -1);
  gboolean blank = TRUE, prev_bold = FALSE;

  for (guint i = 0; raw[i]; i++)
    {
      char *r = raw[i];
      gsize n = strlen (r);
      gboolean lead, bold, spaced = FALSE;
      g_autofree char *trimmed = NULL, *repaired = NULL, *clean = NULL, *head = NULL, *tail = NULL;
      g_autofree char *undoubled = NULL;

      if (n && r[n - 1] == '\r')
        r[--n] = '\0';
      lead = r[0] == ' ' || r[0] == '\t' || g_str_has_prefix (r, "\u3000");
      trimmed = g_strstrip (g_strdup (r));
      while (g_str_has_prefix (trimmed, "\u3000"))
        memmove (trimmed, trimmed + 3, strlen (trimmed + 3) + 1);
      g_strstrip (trimmed);
      if (!*trimmed)
        {
          blank = TRUE;
          continue;
        }
      repaired = imp_repair_fake_bold (trimmed, &bold);
      if (!bold && (prev_bold || imp_next_bold (raw, i)) && (undoubled = imp_undouble (trimmed)))
        {
          /* a short line of a doubled frame */
          g_free (repaired);
          repaired = g_steal_pointer (&undoubled);
          bold = TRUE;
        }
      prev_bold = bold;
      if (bold)
        ed_edition_add_note (pg->ed, "%s:%u: fake-bold doubling repaired", pg->stem, i + 1);
      clean = imp_clean_spaces (repaired, &spaced);
      /* as printed (a space before a byline), else letter-spacing undone */
      if (imp_split_run_on (pg, repaired, &head, &tail) || imp_split_run_on (pg, clean, &head, &tail))
        {
          ImpLine *bl;
          char *h = imp_clean_spaces (head, NULL), *t = imp_clean_spaces (tail, NULL);
          g_free (head);
          g_free (tail);
          head = h;
          tail = t;
          g_ptr_array_add (pg->lines, imp_line_new (head, i + 1, lead, blank));
          bl = imp_line_new (tail, i + 1, FALSE, FALSE);
          spaced = FALSE; /* a line a byline runs on to is a paragraph's last */
          bl->kind = g_str_has_suffix (tail, "摄") ? IMP_L_CREDIT : IMP_L_BYLINE;
          bl->by = imp_byline_form (tail);
          g_ptr_array_add (pg->lines, bl);
        }
      else
        {
          ImpLine *l = imp_line_new (clean, i + 1, lead, blank);
          l->spaced = spaced;
          g_ptr_array_add (pg->lines, l);
        }
      blank = FALSE;
    }
}

/* --------------------------------------------------- vertical headlines */

/* Is @l one cell of a vertical headline: one Han glyph (with a mark) or a
 * lone mark? */
static gboolean
imp_is_vertical_cell (const ImpLine *l)
{
  int han = 0, other = 0;

  if (l->kind != IMP_L_TEXT)
    return FALSE;
  for (const char *p = l->text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (imp_is_han (c))
        han++;
      else if (imp_is_punct (c))
        other++;
      else
        return FALSE;
    }
  return han <= 1 && han + other >= 1 && han + other <= 2;
}

/* Merges runs of vertical cells into one IMP_L_VERT line. */
void
imp_page_merge_vertical (ImpPage *pg)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_line_free);

  for (guint i = 0; i < pg->lines->len;)
    {
      guint j = i, singles = 0;
      while (j < pg->lines->len && imp_is_vertical_cell (g_ptr_array_index (pg->lines, j)))
        {
          const ImpLine *l = g_ptr_array_index (pg->lines, j);
          singles += g_utf8_strlen (l->text, -1) == 1 && imp_is_han (g_utf8_get_char (l->text));
          j++;
        }
      if (j - i >= IMP_VERT_MIN_CELLS && singles >= IMP_VERT_MIN_CELLS)
        {
          GString *s = g_string_new (NULL);
          const ImpLine *first = g_ptr_array_index (pg->lines, i);
          g_autofree char *mapped = NULL;
          ImpLine *v;
          for (guint k = i; k < j; k++)
            g_string_append (s, ((ImpLine *) g_ptr_array_index (pg->lines, k))->text);
          mapped = imp_map_vertical_forms (s->str);
          g_string_free (s, TRUE);
          v = imp_line_new (mapped, first->no, first->lead, first->blank_before);
          v->kind = IMP_L_VERT;
          g_ptr_array_add (out, v);
          ed_edition_add_note (pg->ed, "%s:%u: vertical headline recovered (%u lines)",
                               pg->stem, first->no, j - i);
          for (guint k = i; k < j; k++)
            imp_line_free (g_ptr_array_index (pg->lines, k));
          i = j;
          continue;
        }
      g_ptr_array_add (out, g_ptr_array_index (pg->lines, i));
      i++;
    }
  g_ptr_array_set_free_func (pg->lines, NULL);
  g_ptr_array_unref (pg->lines);
  pg->lines = out;
}

void
imp_line_free (ImpLine *l)
{
  g_free (l->text);
  g_free (l);
}

/* -------------------------------------------------------------- forms */

static const char *const imp_section_names[] = {
  "要闻", "时政", "综合", "专版", "经济", "社会", "文化", "体育", "国内", "国际",
  "副刊", "理论", "评论", "广告", "县区", "民生", "专刊", "新闻", "观察", "视点", NULL,
};

static gboolean
imp_is_section_name (const char *s)
{
  for (guint i = 0; imp_section_names[i]; i++)
    if (!strcmp (s, imp_section_names[i]))
      return TRUE;
  return FALSE;
}

/* Does @t open with a common Chinese surname (百家姓, the ones most names
 * carry, compound ones too)? */
static gboolean
imp_is_surname (const char *t)
{
  static const char *const compound[] = { "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", NULL };
  static const char surnames[] =
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎"
    "易常武乔贺赖龚文樊温冀阴霍牛柴郜申焦庞付卫岳兰翟葛聂齐向严章鲁殷耿邢倪安关侯梅盛宁季闫祝尚";
  gunichar c = g_utf8_get_char (t);
  char buf[8] = { 0 };

  for (guint i = 0; compound[i]; i++)
    if (g_str_has_prefix (t, compound[i]))
      return TRUE;
  if (g_utf8_strlen (t, -1) > 3)
    return FALSE;
  g_unichar_to_utf8 (c, buf);
  return strstr (surnames, buf) != NULL;
}

/* Does @name occur in the running text (its lines joined, so that a name
 * cut at a line end is found) other than in @self? */
static gboolean
imp_name_in_text (ImpPage *pg, const ImpLine *self, const char *name)
{
  g_autoptr (GString) all = g_string_new (NULL);

  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (l != self && l->kind == IMP_L_TEXT)
        g_string_append (all, l->text);
      else
        g_string_append_c (all, '\n');
    }
  return strstr (all->str, name) != NULL;
}

/* The kind a line's form alone gives it. */
static ImpLineKind
imp_line_form (ImpPage *pg, ImpLine *l)
{
  const char *t = l->text;
  glong len = g_utf8_strlen (t, -1);

  if (len <= IMP_BYLINE_MAX
      && (imp_match (pg, "^[□■]\\s*\\S", t)
          || imp_match (pg, "^(本报)?" IMP_RE_ROLE "\\s*" IMP_RE_NAMES "(\\s*" IMP_RE_ROLE "\\s*"
                            IMP_RE_NAMES ")*(\\s*(整理|报道))?$", t)
          || imp_match (pg, "^提案者[：:].+$", t)
          || imp_match (pg, "^[（(]" IMP_RE_ROLE "[^（）()]{1,30}[）)]$", t)
          || (imp_match (pg, "^[（(]" HAN "{2,4}[）)]$", t)
              && !imp_match (pg, "^[（(](完|待续|续完|未完|上|中|下|续)[）)]$", t))))
    return IMP_L_BYLINE;
  if (len <= IMP_BYLINE_MAX
      && imp_match (pg, "^(本报)?(" IMP_RE_ROLE "\\s*)?" IMP_RE_NAMES "\\s*摄$", t))
    return IMP_L_CREDIT;
  if (imp_match (pg, "^[（(]?(下转|上接|转|接)第?\\s*\\d+\\s*版[）)]?$", t))
    return IMP_L_JUMP;
  if (imp_match (pg, "^[（(]?见第?\\s*\\d+\\s*版[）)]?$", t))
    return IMP_L_TEASER;
  if (imp_is_section_name (t))
    return IMP_L_SECTION;
  if (imp_match (pg, "^\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*星期.$", t))
    return IMP_L_DATE;
  if (imp_match (pg, "(责编|组版|校对|美编|主编|编辑|审读|电子信箱)\\s*[:：]\\s*\\S", t)
      && len <= 80 && !imp_match (pg, "[。，]", t))
    return IMP_L_DESK;
  if (len >= 2 && len <= IMP_NAME_MAX && imp_match (pg, "^" HAN "+$", t) && imp_is_surname (t)
      && imp_name_in_text (pg, l, t))
    return IMP_L_NAME;
  if (len <= IMP_LABEL_MAX && !imp_match (pg, "[。，]", t)
      && imp_match (pg, "^(时间|日期|地点|地址|电话|热线|主办|承办|协办|联系人|邮编|网址|邮箱|传真)\\s*[:：]\\s*\\S", t))
    return IMP_L_LABEL; /* a box's data: 时间：…, 地址：… */
  return IMP_L_TEXT;
}

/* Is line @i next to the running head (版名, date, desk line)? */
static gboolean
imp_near_running_head (const ImpPage *pg, guint i)
{
  for (int d = -2; d <= 2; d++)
    {
      int k = (int) i + d;
      const ImpLine *o;
      if (!d || k < 0 || k >= (int) pg->lines->len)
        continue;
      o = g_ptr_array_index (pg->lines, k);
      if (o->kind == IMP_L_SECTION || o->kind == IMP_L_DATE || o->kind == IMP_L_DESK)
        return TRUE;
    }
  return FALSE;
}

void
imp_page_classify_forms (ImpPage *pg)
{
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (l->kind != IMP_L_TEXT)
        continue;
      l->kind = imp_line_form (pg, l);
      if (l->kind == IMP_L_BYLINE)
        l->by = imp_byline_form (l->text);
    }
  /* a page number run into a slogan ("3长一分应急能力 增十分幸福安康") by the
   * running head */
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (l->kind == IMP_L_TEXT && !imp_ends_paragraph (l->text)
          && g_utf8_strlen (l->text, -1) <= IMP_SLOGAN_MAX && imp_near_running_head (pg, i)
          && imp_match (pg, "^\\d{1,2}\\s*[^\\d\\s年月日.]", l->text) && !imp_match (pg, "[，。]", l->text))
        l->kind = IMP_L_SLOGAN;
    }
}

/* ------------------------------------------------------------ measure */

/* A text line in the middle of a paragraph: it fills its measure.  Only
 * lines with marks count (headlines seldom have any). */
static gboolean
imp_is_grid_line (const ImpLine *l)
{
  if (l->kind != IMP_L_TEXT || l->w < IMP_GRID_MIN_WIDTH || imp_ends_sentence (l->text)
      || g_str_has_prefix (l->text, "——"))
    return FALSE;
  return strstr (l->text, "，") || strstr (l->text, "、") || strstr (l->text, "。")
         || strstr (l->text, ",") || strstr (l->text, "；") || strstr (l->text, "：");
}

static int
imp_compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Median width of up to IMP_MEASURE_WINDOW grid lines from @i on in
 * direction @dir (@i included when it is one), 0 if none; *@n their
 * number. */
static double
imp_window_measure (const ImpPage *pg, guint i, int dir, guint *n)
{
  double ws[IMP_MEASURE_WINDOW];
  guint k = 0;

  for (int j = (int) i; j >= 0 && j < (int) pg->lines->len && k < IMP_MEASURE_WINDOW; j += dir)
    {
      const ImpLine *o = g_ptr_array_index (pg->lines, j);
      if (o->kind == IMP_L_VERT)
        break;
      if (imp_is_grid_line (o))
        ws[k++] = o->w;
    }
  *n = k;
  if (!k)
    return 0;
  qsort (ws, k, sizeof (double), imp_compare_double);
  return ws[k / 2];
}

/* Sum over grid lines of how far each is from the median of the grid
 * lines around it, widths taken with marks @mark ems wide. */
static double
imp_spread (ImpPage *pg, double mark)
{
  g_autoptr (GArray) ws = g_array_new (FALSE, FALSE, sizeof (double));
  double spread = 0;

  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (imp_is_grid_line (l))
        {
          double w = imp_width (l->text, mark);
          g_array_append_val (ws, w);
        }
    }
  for (guint i = 0; i < ws->len; i++)
    {
      double win[2 * IMP_MEASURE_WINDOW + 1];
      guint k = 0;
      for (int j = (int) i - IMP_MEASURE_WINDOW; j <= (int) i + IMP_MEASURE_WINDOW; j++)
        if (j >= 0 && j < (int) ws->len)
          win[k++] = g_array_index (ws, double, j);
      qsort (win, k, sizeof (double), imp_compare_double);
      spread += ABS (g_array_index (ws, double, i) - win[k / 2]);
    }
  return spread;
}

/* The width of a mark on this page: the one that makes the full lines of
 * each frame most alike. */
static double
imp_page_mark_width (ImpPage *pg)
{
  double best = 1.0, least = G_MAXDOUBLE;

  for (double m = IMP_MARK_MIN; m <= 1.0 + 1e-9; m += IMP_MARK_STEP)
    {
      double s = imp_spread (pg, m);
      if (s < least - 1e-9)
        least = s, best = m;
    }
  return best;
}

/* Gives every text line the measure of its frame: the median width of the
 * mid-paragraph lines around it; at a frame's edge (the two sides
 * disagree) the side it belongs to. */
void
imp_page_measures (ImpPage *pg)
{
  pg->mark = imp_page_mark_width (pg);
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      l->w = imp_width (l->text, pg->mark);
    }
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      guint nl, nr;
      double left = imp_window_measure (pg, i, -1, &nl), right = imp_window_measure (pg, i, +1, &nr);
      gboolean self = imp_is_grid_line (l);
      /* a side holding only the line itself tells nothing */
      if (self && nl == 1 && nr > 1)
        left = 0;
      if (self && nr == 1 && nl > 1)
        right = 0;
      if (!left || !right)
        l->measure = left + right;
      else if (ABS (left - right) <= IMP_MEASURE_SPLIT)
        l->measure = (left + right) / 2;
      else if (imp_is_grid_line (l))
        l->measure = ABS (l->w - left) < ABS (l->w - right) ? left : right;
      else if (imp_ends_sentence (l->text))
        l->measure = left; /* a paragraph's end belongs with the lines before */
      else
        {
          /* a full or an indented first line of the side it fits */
          double dl = MIN (ABS (l->w - left), ABS (l->w - left + IMP_INDENT));
          double dr = MIN (ABS (l->w - right), ABS (l->w - right + IMP_INDENT));
          l->measure = dl < dr ? left : right;
        }
    }
  /* a frame prints a paragraph a line where many lines around are wider
   * than any column */
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      guint text = 0, wide = 0;
      for (int j = (int) i - IMP_LONG_WINDOW; j <= (int) i + IMP_LONG_WINDOW; j++)
        {
          const ImpLine *o = j >= 0 && j < (int) pg->lines->len ? g_ptr_array_index (pg->lines, j) : NULL;
          if (!o || o->kind != IMP_L_TEXT)
            continue;
          text++;
          wide += o->w >= IMP_LONG_MEASURE;
        }
      /* no full line around (every line ends a sentence): a paragraph a line too */
      l->long_mode = l->measure >= IMP_LONG_MEASURE || l->measure <= 0 || (text && wide >= text * IMP_LONG_SHARE);
    }
}
