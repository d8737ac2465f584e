/* import-page.c — one raw page → articles.
 *
 * 1. lines: fake-bold repair, trailing bylines split off, spaces cleaned,
 *    vertical headlines (one glyph a line) merged;
 * 2. each line classified: body, headline, byline, credit, portrait name,
 *    furniture, signature;
 * 3. body lines joined into paragraphs (a paragraph ends at a short line
 *    ending in 。！？…, the column width learnt from nearby lines);
 * 4. items grouped into body segments and headline groups; a group between
 *    two parts of one column is a subhead;
 * 5. each group attached to the segment it shares the most rare character
 *    bigrams with (plus a bonus for being next to it); leftovers are kept as
 *    notes, portrait names become captions of the article naming them.
 */
#include "import/import-private.h"
#include "base/errors.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Han ideographs for GRegex patterns (\\p{Han} also takes in 。 and 、). */
#define HANR "\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}\\x{f900}-\\x{faff}"
#define HAN "[" HANR "]"

typedef enum {
  L_BODY, L_HEAD, L_VERT, L_BYLINE, L_CREDIT, L_NAME, L_FURN, L_JUMP, L_SIGN,
} ImpLineKind;

typedef struct {
  char       *text;      /* cleaned text */
  guint       no;        /* 1-based line number in the file */
  gboolean    lead;      /* raw line started with a space: a new text frame */
  gboolean    blank_before;
  double      w;         /* width in em */
  double      col;       /* column width learnt around this line, 0 = none */
  ImpLineKind kind;
} ImpLine;

typedef enum {
  I_PARA, I_GROUP, I_BYLINE, I_CREDIT, I_NAME, I_FURN, I_JUMP, I_SIGN,
} ImpItemKind;

typedef struct {
  ImpItemKind kind;
  char       *text;      /* paragraph / byline / credit / name / note text */
  guint       no;
  gboolean    new_body;  /* paragraph opens a new text frame */
  double      col_first, col_last;
  gsize       sentence_break; /* paragraph: byte offset after the last
                                 printed line that ended a sentence, 0 */
  GPtrArray  *lines;     /* group: of ImpLine * (borrowed) */
  gboolean    vertical;  /* group: a vertical headline */
  gboolean    subhead;   /* group: a subhead inside a body */
  gboolean    caption;   /* paragraph: a photo caption */
  char       *credit;    /* caption credit */
  char       *byline;    /* group: the byline printed under it */
  int         segment;   /* index of the segment it belongs to, -1 */
} ImpItem;

typedef struct {
  GPtrArray *items;      /* of ImpItem * (borrowed), in order */
  int        first;      /* index of its first item in the item list */
  int        last;       /* index of its last item */
  gboolean   dead;       /* merged into another segment */
  GPtrArray *notes_after;  /* of char *, owned: furniture after the text */
  int        group;      /* index (item list) of its title group, -1 */
  char      *byline;
  gboolean   byline_top; /* the byline came before the text (its start form) */
  GString   *text;       /* all body text, for similarity */
  GPtrArray *notes_before; /* of char *, owned */
  GPtrArray *names;      /* of char *, owned */
  gboolean   teaser;     /* a headline with only a jump mark */
  gboolean   byline_done; /* already made into an article */
} ImpSegment;

typedef struct {
  EdEdition        *ed;
  const char       *stem;
  const ImpOptions *opts;
  GPtrArray        *lines;    /* of ImpLine *, owned */
  GPtrArray        *items;    /* of ImpItem *, owned */
  GPtrArray        *segments; /* of ImpSegment *, owned */
  char             *section;  /* guessed from page furniture */
} ImpPage;

static void
imp_line_free (ImpLine *l)
{
  g_free (l->text);
  g_free (l);
}

static void
imp_item_free (ImpItem *it)
{
  g_free (it->text);
  g_free (it->credit);
  g_free (it->byline);
  if (it->lines)
    g_ptr_array_unref (it->lines);
  g_free (it);
}

static void
imp_segment_free (ImpSegment *s)
{
  g_ptr_array_unref (s->items);
  g_free (s->byline);
  g_string_free (s->text, TRUE);
  g_ptr_array_unref (s->notes_before);
  g_ptr_array_unref (s->notes_after);
  g_ptr_array_unref (s->names);
  g_free (s);
}

static gboolean
imp_match (const char *pattern, const char *text)
{
  return g_regex_match_simple (pattern, text, 0, 0);
}

static gunichar
imp_last_char (const char *s)
{
  if (!*s)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s, s + strlen (s)));
}

/* Does a printed line end a sentence (。！？… or a closing mark after one)? */
static gboolean
imp_ends_sentence (const char *s)
{
  const char *end = s + strlen (s), *p = end;
  gunichar c;

  while (p > s)
    {
      p = g_utf8_find_prev_char (s, p);
      c = g_utf8_get_char (p);
      if (strchr ("!?;:", (int) (c < 128 ? c : 1)) && c < 128)
        return TRUE;
      switch (c)
        {
        case 0x3002: case 0xFF01: case 0xFF1F: case 0x2026: case 0xFF1B: case 0xFF1A:
          return TRUE;
        case 0x201D: case 0x2019: case 0xFF09: case 0x300B: case 0x300D: case 0x300F:
        case ')':
          continue; /* look through closing marks */
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* --------------------------------------------------------------- lines */

static ImpLine *
imp_line_new (const char *text, guint no, gboolean lead, gboolean blank_before)
{
  ImpLine *l = g_new0 (ImpLine, 1);

  l->text = g_strdup (text);
  l->no = no;
  l->lead = lead;
  l->blank_before = blank_before;
  l->w = imp_width (text);
  return l;
}

/* Splits "…作用。 记者 罗丽 整理" into the text and a byline/credit line. */
static gboolean
imp_split_trailing_byline (const char *text, char **head, char **tail)
{
  g_autoptr (GRegex) re = g_regex_new (
      "^(.*[。！？!?”）])\\s*((?:(?:本报|实习)*记者\\s*" HAN "{2,4}(?:\\s+" HAN "{2,4})*"
      "\\s*(?:整理|摄|报道))|(?:" HAN "{2,3}(?:\\s+" HAN "{2,3})*\\s+摄))$",
      0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;

  if (!g_regex_match (re, text, 0, &mi))
    return FALSE;
  *head = g_match_info_fetch (mi, 1);
  *tail = g_match_info_fetch (mi, 2);
  return TRUE;
}

/* Reads the raw lines into cleaned ImpLines. */
static void
imp_page_read_lines (ImpPage *pg, const char *text)
{
  g_auto (GStrv) raw = g_strsplit (text, "\n", -1);
  gboolean blank = TRUE;

  for (guint i = 0; raw[i]; i++)
    {
      char *r = raw[i];
      gsize n = strlen (r);
      gboolean lead, bold, spaced;
      g_autofree char *trimmed = NULL, *repaired = NULL, *head = NULL, *tail = NULL;

      if (n && r[n - 1] == '\r')
        r[--n] = '\0';
      lead = r[0] == ' ' || r[0] == '\t' || g_str_has_prefix (r, "\u3000");
      trimmed = g_strstrip (g_strdup (r));
      if (g_str_has_prefix (trimmed, "\u3000"))
        {
          char *t = g_strdup (trimmed + 3);
          g_free (trimmed);
          trimmed = g_strstrip (t);
        }
      if (!*trimmed)
        {
          blank = TRUE;
          continue;
        }
      repaired = imp_repair_fake_bold (trimmed, &bold);
      if (bold)
        ed_edition_add_note (pg->ed, "%s:%u: fake-bold doubling repaired", pg->stem, i + 1);
      if (imp_split_trailing_byline (repaired, &head, &tail))
        {
          g_autofree char *h = imp_clean_spaces (head, &spaced);
          g_autofree char *t = imp_clean_spaces (tail, NULL);
          g_ptr_array_add (pg->lines, imp_line_new (h, i + 1, lead, blank));
          g_ptr_array_add (pg->lines, imp_line_new (t, i + 1, FALSE, TRUE));
          ((ImpLine *) g_ptr_array_index (pg->lines, pg->lines->len - 1))->kind
              = g_str_has_suffix (t, "摄") ? L_CREDIT : L_BYLINE;
        }
      else
        {
          g_autofree char *c = imp_clean_spaces (repaired, &spaced);
          g_ptr_array_add (pg->lines, imp_line_new (c, i + 1, lead, blank));
        }
      blank = FALSE;
    }
}

/* Is @l one cell of a vertical headline: one Han glyph (plus a mark) or a
 * lone vertical form? */
static gboolean
imp_is_vertical_cell (const ImpLine *l)
{
  int han = 0, other = 0;

  if (l->kind != L_BODY)
    return FALSE;
  for (const char *p = l->text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (imp_is_han (c))
        han++;
      else if (imp_is_punct (c) && c != 0x3002 && c != 0xFF0C)
        other++;
      else
        return FALSE;
    }
  return han <= 1 && han + other >= 1 && han + other <= 2;
}

/* Merges runs of vertical cells into one L_VERT line. */
static void
imp_page_merge_vertical (ImpPage *pg)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_line_free);

  for (guint i = 0; i < pg->lines->len;)
    {
      guint j = i, singles = 0;
      while (j < pg->lines->len && imp_is_vertical_cell (g_ptr_array_index (pg->lines, j)))
        {
          ImpLine *l = g_ptr_array_index (pg->lines, j);
          singles += g_utf8_strlen (l->text, -1) == 1 && imp_is_han (g_utf8_get_char (l->text));
          j++;
        }
      if (j - i >= 2 && singles >= 2)
        {
          GString *s = g_string_new (NULL);
          ImpLine *first = g_ptr_array_index (pg->lines, i), *v;
          g_autofree char *mapped = NULL;
          for (guint k = i; k < j; k++)
            g_string_append (s, ((ImpLine *) g_ptr_array_index (pg->lines, k))->text);
          mapped = imp_map_vertical_forms (s->str);
          g_string_free (s, TRUE);
          v = imp_line_new (mapped, first->no, first->lead, first->blank_before);
          v->kind = L_VERT;
          g_ptr_array_add (out, v);
          ed_edition_add_note (pg->ed, "%s:%u: vertical headline recovered (%u lines)",
                               pg->stem, first->no, j - i);
          i = j;
          continue;
        }
      g_ptr_array_add (out, g_ptr_array_steal_index (pg->lines, i));
      g_ptr_array_insert (pg->lines, (gint) i, NULL);
      i++;
    }
  g_ptr_array_set_free_func (pg->lines, NULL);
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      gboolean kept = FALSE;
      for (guint k = 0; k < out->len && l && !kept; k++)
        kept = g_ptr_array_index (out, k) == l;
      if (l && !kept)
        imp_line_free (l);
    }
  g_ptr_array_unref (pg->lines);
  pg->lines = out;
}

/* ------------------------------------------------------ classification */

static const char *const imp_section_names[] = {
  "要闻", "时政", "综合", "专版", "经济", "社会", "文化", "体育", "国内", "国际",
  "副刊", "理论", "评论", "广告", "县区", "民生", "专刊", NULL,
};

static gboolean
imp_is_section_name (const char *s)
{
  for (guint i = 0; imp_section_names[i]; i++)
    if (!strcmp (s, imp_section_names[i]))
      return TRUE;
  return FALSE;
}

/* Does @name occur in a line of running text other than @self? */
static gboolean
imp_name_in_text (const ImpPage *pg, const ImpLine *self, const char *name)
{
  for (guint i = 0; i < pg->lines->len; i++)
    {
      const ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (l != self && l->kind == L_BODY && strstr (l->text, name)
          && imp_match ("[，。、：；,:;]", l->text))
        return TRUE;
    }
  return FALSE;
}

static void
imp_classify_special (ImpPage *pg, ImpLine *l, const ImpLine *prev)
{
  const char *t = l->text;
  glong len = g_utf8_strlen (t, -1);

  if (l->kind != L_BODY)
    return;
  if (g_str_has_prefix (t, "□") && len <= 30)
    l->kind = L_BYLINE;
  else if (len <= 30
           && imp_match ("^((本报|实习)*(记者|通讯员)\\s*" HAN "{2,4}(\\s+" HAN "{2,4})*(\\s*(整理|报道))?"
                         "|提案者[：:].+)$", t))
    l->kind = L_BYLINE;
  else if (len <= 30 && imp_match ("^(记者\\s*)?" HAN "{2,4}(\\s+" HAN "{2,4})*\\s*摄$", t))
    l->kind = L_CREDIT;
  else if (imp_match ("^[（(]?(见|转|接|下转|上接)第?\\d+版[）)]?$", t))
    l->kind = L_JUMP;
  else if (imp_is_section_name (t))
    {
      l->kind = L_FURN;
      if (!pg->section)
        pg->section = g_strdup (t);
    }
  else if (imp_match ("^\\d{4}年\\d{1,2}月\\d{1,2}日\\s*星期.$", t)
           || imp_match ("(责编|组版|校对|电子信箱|美编)\\s*[:：]", t)
           || (len <= 40 && !strstr (t, "。") && imp_match ("^" HAN "{2}[:：]\\S", t)
               && !g_str_has_prefix (t, "提案")))
    l->kind = L_FURN;
  else if (prev && len <= 24
           && ((prev->kind == L_BODY && imp_ends_sentence (prev->text)) || prev->kind == L_SIGN)
           && (imp_match ("^(中共)?[" HANR "（）]{2,22}(委员会|部|局|厅|委|会|办公室|政府|院|中心|集团|公司)$", t)
               || (prev->kind == L_SIGN && imp_match ("^\\d{4}年\\d{1,2}月\\d{1,2}日$", t))))
    l->kind = L_SIGN;
  else if (len >= 2 && len <= 4 && imp_match ("^" HAN "+$", t) && imp_name_in_text (pg, l, t))
    l->kind = L_NAME;
}

/* A line of running text in the middle of a paragraph (for column width). */
static gboolean
imp_is_grid_line (const ImpLine *l)
{
  return l->kind == L_BODY && l->w >= 6 && !imp_ends_sentence (l->text)
         && (strstr (l->text, "，") || strstr (l->text, "、") || strstr (l->text, "。")
             || strstr (l->text, ","));
}

static int
imp_compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Learns the column width around each line: the median width of the
 * nearby mid-paragraph lines. */
static void
imp_page_learn_columns (ImpPage *pg)
{
  guint n = pg->lines->len;

  for (guint i = 0; i < n; i++)
    {
      double ws[16];
      guint k = 0;
      for (int d = 0; d <= 12 && k < 16; d++)
        {
          int idx[2] = { (int) i - d, (int) i + d };
          for (int s = 0; s < (d ? 2 : 1) && k < 16; s++)
            if (idx[s] >= 0 && idx[s] < (int) n)
              {
                const ImpLine *o = g_ptr_array_index (pg->lines, idx[s]);
                if (imp_is_grid_line (o))
                  ws[k++] = o->w;
              }
          if (k >= 7)
            break;
        }
      if (k)
        {
          qsort (ws, k, sizeof (double), imp_compare_double);
          ((ImpLine *) g_ptr_array_index (pg->lines, i))->col = ws[k / 2];
        }
    }
}

static gboolean
imp_has_parallel_phrases (const char *t)
{
  return imp_match (HAN "[" HANR "“”《》]* [“《]?" HAN, t);
}

/* Decides whether a line that follows a paragraph end reads as a headline. */
static gboolean
imp_is_headline (const ImpLine *l, const ImpLine *prev, const ImpLine *next)
{
  const char *t = l->text;
  gunichar last = imp_last_char (t);
  gboolean long_mode = l->col == 0 || l->col >= 40;
  gboolean comma = strstr (t, "，") || strstr (t, ",");
  gboolean cont = prev && (prev->kind == L_HEAD || prev->kind == L_VERT);

  double ref = l->col;

  if (strstr (t, "。") || l->w > 40 || g_str_has_prefix (t, "本报讯") || l->lead)
    return FALSE;
  if (last == 0xFF0C || last == ',' || last == 0xFF1B || last == ';' || last == 0xFF1A || last == ':')
    return FALSE;
  if (g_str_has_prefix (t, "——"))
    return TRUE;
  if (imp_match ("^([一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、．.])", t))
    return FALSE; /* an enumerated paragraph */
  if (cont)
    return !comma || long_mode || g_str_has_prefix (t, "关于");
  if (!next || next->kind != L_BODY)
    return TRUE; /* text that does not end a sentence cannot end a paragraph */
  if (long_mode)
    return l->w <= 40;
  if (comma)
    return g_str_has_prefix (t, "关于");
  if (imp_has_parallel_phrases (t) || strstr (t, "关于"))
    return TRUE;
  /* a paragraph's first line is indented two ems: compare it with the
   * line that continues it */
  if (next && imp_is_grid_line (next))
    ref = next->w;
  return l->w < ref - 4.5 || l->w > l->col + 2;
}

static void
imp_page_classify (ImpPage *pg)
{
  ImpLine *prev = NULL;

  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      imp_classify_special (pg, l, prev);
      prev = l;
    }
  imp_page_learn_columns (pg);
  prev = NULL;
  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      if (l->kind == L_NAME && prev && prev->kind == L_HEAD && !l->blank_before)
        l->kind = L_HEAD; /* the second line of a wrapped headline */
      else if (l->kind == L_BODY)
        {
          gboolean para_end = !prev || prev->kind != L_BODY || imp_ends_sentence (prev->text);
          ImpLine *next = i + 1 < pg->lines->len ? g_ptr_array_index (pg->lines, i + 1) : NULL;
          if (para_end && imp_is_headline (l, prev, next))
            l->kind = L_HEAD;
        }
      prev = l;
    }
}

/* ---------------------------------------------------------------- items */

static ImpItem *
imp_item_new (ImpItemKind kind, const char *text, guint no)
{
  ImpItem *it = g_new0 (ImpItem, 1);

  it->kind = kind;
  it->text = g_strdup (text ? text : "");
  it->no = no;
  it->segment = -1;
  return it;
}

/* Does the paragraph end after line @l (given the next line @next)? */
static gboolean
imp_paragraph_ends (const ImpLine *l, const ImpLine *next)
{
  if (!next || next->kind != L_BODY || next->lead || g_str_has_prefix (next->text, "本报讯"))
    return TRUE;
  if (!imp_ends_sentence (l->text))
    return FALSE;
  if (imp_match ("^([一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[）)])", next->text))
    return TRUE; /* the next point of an enumeration */
  if (l->col == 0 || l->col >= 40)
    return TRUE;
  return l->w < l->col - 1.0;
}

/* Splits a headline cluster lines[from..to) into groups. */
static void
imp_page_add_groups (ImpPage *pg, guint from, guint to)
{
  gboolean adjacency = FALSE;
  GPtrArray *chunk = NULL;
  GPtrArray *chunks = g_ptr_array_new ();

  for (guint i = from + 1; i < to; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i), *p = g_ptr_array_index (pg->lines, i - 1);
      if (!l->blank_before && l->kind == L_HEAD && p->kind == L_HEAD)
        adjacency = TRUE;
    }
  for (guint i = from; i < to; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      gboolean start = !chunk || l->kind == L_VERT
                       || ((ImpLine *) g_ptr_array_index (chunk, chunk->len - 1))->kind == L_VERT
                       || g_str_has_prefix (((ImpLine *) g_ptr_array_index (chunk, chunk->len - 1))->text, "——")
                       || (adjacency && l->blank_before);
      if (start)
        {
          chunk = g_ptr_array_new ();
          g_ptr_array_add (chunks, chunk);
        }
      g_ptr_array_add (chunk, l);
    }
  for (guint c = 0; c < chunks->len; c++)
    {
      GPtrArray *ch = g_ptr_array_index (chunks, c);
      guint n = ch->len, start = 0;
      /* without layout clues, split long runs into pairs from the end */
      while (start < n)
        {
          guint take = n - start;
          ImpItem *it;
          if (!adjacency && take > 2)
            take = (take % 2) ? 1 : 2;
          if (!adjacency && take == 2 && start + 2 < n)
            take = 2;
          it = imp_item_new (I_GROUP, NULL, ((ImpLine *) g_ptr_array_index (ch, start))->no);
          it->lines = g_ptr_array_new ();
          for (guint k = start; k < start + take; k++)
            g_ptr_array_add (it->lines, g_ptr_array_index (ch, k));
          it->vertical = ((ImpLine *) g_ptr_array_index (ch, start))->kind == L_VERT;
          g_ptr_array_add (pg->items, it);
          start += take;
        }
      g_ptr_array_unref (ch);
    }
  g_ptr_array_unref (chunks);
}

static void
imp_page_build_items (ImpPage *pg)
{
  GString *para = NULL;
  ImpItem *cur = NULL;

  for (guint i = 0; i < pg->lines->len; i++)
    {
      ImpLine *l = g_ptr_array_index (pg->lines, i);
      ImpLine *next = i + 1 < pg->lines->len ? g_ptr_array_index (pg->lines, i + 1) : NULL;

      if (l->kind == L_HEAD || l->kind == L_VERT)
        {
          guint j = i;
          while (j < pg->lines->len
                 && (((ImpLine *) g_ptr_array_index (pg->lines, j))->kind == L_HEAD
                     || ((ImpLine *) g_ptr_array_index (pg->lines, j))->kind == L_VERT))
            j++;
          imp_page_add_groups (pg, i, j);
          i = j - 1;
          continue;
        }
      if (l->kind != L_BODY)
        {
          static const ImpItemKind map[] = {
            [L_BYLINE] = I_BYLINE, [L_CREDIT] = I_CREDIT, [L_NAME] = I_NAME,
            [L_FURN] = I_FURN, [L_JUMP] = I_JUMP, [L_SIGN] = I_SIGN,
          };
          g_ptr_array_add (pg->items, imp_item_new (map[l->kind], l->text, l->no));
          continue;
        }
      if (!para)
        {
          para = g_string_new (NULL);
          cur = imp_item_new (I_PARA, NULL, l->no);
          cur->new_body = l->lead || g_str_has_prefix (l->text, "本报讯");
          cur->col_first = l->col;
        }
      imp_join_line (para, l->text);
      if (imp_ends_sentence (l->text) && !imp_paragraph_ends (l, next))
        cur->sentence_break = para->len;
      if (imp_paragraph_ends (l, next))
        {
          g_free (cur->text);
          cur->text = g_string_free (para, FALSE);
          cur->col_last = l->col;
          para = NULL;
          g_ptr_array_add (pg->items, cur);
        }
    }
  g_assert (para == NULL);
}

/* ------------------------------------------------------------ segments */

static ImpItem *
imp_item (const ImpPage *pg, int i)
{
  return i >= 0 && i < (int) pg->items->len ? g_ptr_array_index (pg->items, i) : NULL;
}

/* Marks groups that sit inside one column of running text as subheads. */
static void
imp_page_find_subheads (ImpPage *pg)
{
  for (int i = 1; i + 1 < (int) pg->items->len; i++)
    {
      ImpItem *g = imp_item (pg, i), *p = imp_item (pg, i - 1), *n = imp_item (pg, i + 1);
      const ImpLine *last;
      if (g->kind != I_GROUP || g->vertical || g->lines->len > 2)
        continue;
      last = g_ptr_array_index (g->lines, g->lines->len - 1);
      if (g_str_has_prefix (last->text, "——"))
        continue;
      if (p->kind != I_PARA || n->kind != I_PARA || n->new_body || p->caption)
        continue;
      if (p->col_last == 0 || n->col_first == 0 || fabs (p->col_last - n->col_first) > 2
          || p->col_last >= 40)
        continue;
      g->subhead = TRUE;
    }
}

/* Turns paragraphs that are photo captions into captions. */
static void
imp_page_find_captions (ImpPage *pg)
{
  for (int i = 0; i < (int) pg->items->len; i++)
    {
      ImpItem *it = imp_item (pg, i), *n = imp_item (pg, i + 1);
      g_autofree char *head = NULL, *tail = NULL;

      if (it->kind != I_PARA)
        continue;
      if (n && n->kind == I_CREDIT)
        {
          /* the caption is the text after the last line that ended a
           * sentence: a caption frame printed right after an article */
          if (it->sentence_break && it->sentence_break < strlen (it->text))
            {
              ImpItem *body = imp_item_new (I_PARA, NULL, it->no);
              g_free (body->text);
              body->text = g_strndup (it->text, it->sentence_break);
              body->new_body = it->new_body;
              body->col_first = it->col_first;
              body->col_last = it->col_last;
              memmove (it->text, it->text + it->sentence_break,
                       strlen (it->text + it->sentence_break) + 1);
              it->new_body = FALSE;
              it->sentence_break = 0;
              g_ptr_array_insert (pg->items, i, body);
              continue; /* look at @it again at i + 1 */
            }
          it->caption = TRUE;
          it->credit = g_strdup (n->text);
          n->kind = I_FURN; /* consumed */
          g_clear_pointer (&n->text, g_free);
          n->text = g_strdup ("");
          n->segment = -2;
        }
      else if (g_str_has_prefix (it->text, "图为"))
        it->caption = TRUE;
      if (it->caption && !it->credit && imp_split_trailing_byline (it->text, &head, &tail)
          && g_str_has_suffix (tail, "摄"))
        {
          g_free (it->text);
          it->text = imp_clean_spaces (head, NULL);
          it->credit = imp_clean_spaces (tail, NULL);
        }
    }
}

static ImpSegment *
imp_segment_new (int first)
{
  ImpSegment *s = g_new0 (ImpSegment, 1);

  s->items = g_ptr_array_new ();
  s->first = first;
  s->group = -1;
  s->text = g_string_new (NULL);
  s->notes_before = g_ptr_array_new_with_free_func (g_free);
  s->notes_after = g_ptr_array_new_with_free_func (g_free);
  s->last = first;
  s->names = g_ptr_array_new_with_free_func (g_free);
  return s;
}

static void
imp_segment_add (ImpSegment *s, ImpItem *it, int index, int item_index)
{
  g_ptr_array_add (s->items, it);
  it->segment = index;
  s->last = MAX (s->last, item_index);
  if (it->kind == I_PARA && !it->caption)
    g_string_append (s->text, it->text);
}

/* Groups the items into body segments. */
static void
imp_page_build_segments (ImpPage *pg)
{
  ImpSegment *open = NULL;

  for (int i = 0; i < (int) pg->items->len; i++)
    {
      ImpItem *it = imp_item (pg, i), *prev = imp_item (pg, i - 1);
      switch (it->kind)
        {
        case I_PARA:
          if (!open || it->new_body
              || (it->caption == FALSE && open->items->len
                  && ((ImpItem *) g_ptr_array_index (open->items, open->items->len - 1))->caption))
            {
              open = imp_segment_new (i);
              g_ptr_array_add (pg->segments, open);
            }
          imp_segment_add (open, it, (int) pg->segments->len - 1, i);
          break;
        case I_GROUP:
          if (it->subhead && open)
            imp_segment_add (open, it, (int) pg->segments->len - 1, i);
          else
            open = NULL;
          break;
        case I_SIGN:
          if (open)
            imp_segment_add (open, it, (int) pg->segments->len - 1, i);
          break;
        case I_BYLINE:
          if (prev && prev->kind == I_PARA && open && !open->byline)
            {
              open->byline = g_strdup (it->text);
              it->segment = (int) pg->segments->len - 1;
              open = NULL;
            }
          else if (prev && prev->kind == I_GROUP && !prev->subhead && !prev->byline)
            {
              prev->byline = g_strdup (it->text);
              it->segment = -2;
            }
          break;
        default:
          break;
        }
    }
}

/* ----------------------------------------------------------- similarity */

static void
imp_add_bigrams (GHashTable *set, const char *text)
{
  gunichar prev = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (imp_is_han (c) && imp_is_han (prev))
        g_hash_table_add (set, GUINT_TO_POINTER ((guint) (prev * 131071u + c)));
      prev = c;
    }
}

static char *
imp_group_text (const ImpItem *g)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < g->lines->len; k++)
    {
      if (k)
        g_string_append_c (s, ' ');
      g_string_append (s, ((ImpLine *) g_ptr_array_index (g->lines, k))->text);
    }
  return g_string_free (s, FALSE);
}

/* Are only floating items (bylines, names, furniture) between @a and @b? */
static gboolean
imp_items_adjacent (const ImpPage *pg, int a, int b)
{
  for (int i = MIN (a, b) + 1; i < MAX (a, b); i++)
    {
      ImpItemKind k = imp_item (pg, i)->kind;
      if (k == I_PARA || k == I_GROUP || k == I_JUMP)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  int    group;  /* item index */
  int    seg;
  double score;
  gboolean adjacent;
  double sim;
} ImpPair;

static int
imp_compare_pairs (gconstpointer a, gconstpointer b)
{
  const ImpPair *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->group != y->group)
    return x->group - y->group;
  return x->seg - y->seg;
}

/* Attaches every headline group to a segment. */
static void
imp_page_match_groups (ImpPage *pg)
{
  guint nseg = pg->segments->len;
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (ImpPair));
  GHashTable **sets = g_new0 (GHashTable *, nseg + 1);
  g_autoptr (GHashTable) df = g_hash_table_new (NULL, NULL);

  for (guint s = 0; s < nseg; s++)
    {
      ImpSegment *seg = g_ptr_array_index (pg->segments, s);
      GHashTableIter it;
      gpointer key;
      sets[s] = g_hash_table_new (NULL, NULL);
      imp_add_bigrams (sets[s], seg->text->str);
      g_hash_table_iter_init (&it, sets[s]);
      while (g_hash_table_iter_next (&it, &key, NULL))
        g_hash_table_insert (df, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (df, key)) + 1));
    }
  for (int i = 0; i < (int) pg->items->len; i++)
    {
      ImpItem *g = imp_item (pg, i);
      g_autofree char *text = NULL;
      g_autoptr (GHashTable) gb = g_hash_table_new (NULL, NULL);
      double total = 0;
      GHashTableIter hit;
      gpointer key;

      if (g->kind != I_GROUP || g->subhead || g->segment != -1)
        continue;
      text = imp_group_text (g);
      imp_add_bigrams (gb, text);
      g_hash_table_iter_init (&hit, gb);
      while (g_hash_table_iter_next (&hit, &key, NULL))
        total += log ((nseg + 1.0) / (GPOINTER_TO_INT (g_hash_table_lookup (df, key)) + 0.5));
      for (guint s = 0; s < nseg; s++)
        {
          ImpSegment *seg = g_ptr_array_index (pg->segments, s);
          ImpPair p = { i, (int) s, 0, FALSE, 0 };
          double got = 0;
          int end = seg->last;
          if (seg->teaser || seg->dead)
            continue;
          g_hash_table_iter_init (&hit, gb);
          while (g_hash_table_iter_next (&hit, &key, NULL))
            if (g_hash_table_contains (sets[s], key))
              got += log ((nseg + 1.0) / (GPOINTER_TO_INT (g_hash_table_lookup (df, key)) + 0.5));
          p.sim = total > 0 ? got / total : 0;
          p.adjacent = (i < seg->first && imp_items_adjacent (pg, i, seg->first))
                       || (i > end && imp_items_adjacent (pg, end, i));
          p.score = p.sim + (p.adjacent ? 0.5 : 0);
          if (p.score > 0)
            g_array_append_val (pairs, p);
        }
    }
  g_array_sort (pairs, imp_compare_pairs);
  for (guint k = 0; k < pairs->len; k++)
    {
      ImpPair *p = &g_array_index (pairs, ImpPair, k);
      ImpItem *g = imp_item (pg, p->group);
      ImpSegment *seg = g_ptr_array_index (pg->segments, p->seg);
      if (g->segment != -1 || seg->group != -1)
        continue;
      seg->group = p->group;
      g->segment = p->seg;
      if (!p->adjacent)
        ed_edition_add_note (pg->ed, "%s:%u: headline attached by similarity (%.2f), not next to its text",
                             pg->stem, g->no, p->sim);
      else if (p->sim < 0.25)
        ed_edition_add_note (pg->ed, "%s:%u: headline attached by proximity", pg->stem, g->no);
    }
  for (guint s = 0; s < nseg; s++)
    g_hash_table_unref (sets[s]);
  g_free (sets);
}

/* Teasers: a headline group followed by a jump mark ("见4版") is an article
 * whose body is the jump mark. */
static void
imp_page_find_teasers (ImpPage *pg)
{
  for (int i = 0; i + 1 < (int) pg->items->len; i++)
    {
      ImpItem *g = imp_item (pg, i), *j = imp_item (pg, i + 1);
      ImpSegment *seg;
      if (g->kind != I_GROUP || j->kind != I_JUMP)
        continue;
      seg = imp_segment_new (i + 1);
      seg->teaser = TRUE;
      seg->group = i;
      g_ptr_array_add (pg->segments, seg);
      g->segment = (int) pg->segments->len - 1;
      imp_segment_add (seg, j, g->segment, i + 1);
    }
}

/* Nearest segment following item @i (else the last one before it). */
static int
imp_page_segment_near (const ImpPage *pg, int i)
{
  int best = -1;

  for (guint s = 0; s < pg->segments->len; s++)
    {
      const ImpSegment *seg = g_ptr_array_index (pg->segments, s);
      if (seg->dead)
        continue;
      if (seg->first > i && (best < 0 || seg->first < ((ImpSegment *) g_ptr_array_index (pg->segments, best))->first))
        best = (int) s;
    }
  if (best >= 0)
    return best;
  for (guint s = 0; s < pg->segments->len; s++)
    {
      const ImpSegment *seg = g_ptr_array_index (pg->segments, s);
      if (seg->dead)
        continue;
      if (best < 0 || seg->first > ((ImpSegment *) g_ptr_array_index (pg->segments, best))->first)
        best = (int) s;
    }
  return best;
}

/* Segment whose text names @name most often (ties: the nearest after @i). */
static int
imp_page_segment_naming (const ImpPage *pg, const char *name, int i)
{
  int best = -1, best_count = 0;

  for (guint s = 0; s < pg->segments->len; s++)
    {
      const ImpSegment *seg = g_ptr_array_index (pg->segments, s);
      int count = 0;
      for (const char *p = strstr (seg->text->str, name); p; p = strstr (p + 1, name))
        count++;
      if (count > best_count)
        {
          best = (int) s;
          best_count = count;
        }
    }
  return best >= 0 ? best : imp_page_segment_near (pg, i);
}

/* Floating items (names, furniture, leftover groups, lone captions) go to
 * the segment they belong with. */
static void
imp_page_place_floating (ImpPage *pg)
{
  for (int i = 0; i < (int) pg->items->len; i++)
    {
      ImpItem *it = imp_item (pg, i);
      int s;
      ImpSegment *seg;

      if (it->segment != -1)
        continue;
      if (it->kind == I_NAME)
        {
          s = imp_page_segment_naming (pg, it->text, i);
          if (s < 0)
            continue;
          seg = g_ptr_array_index (pg->segments, s);
          g_ptr_array_add (seg->names, g_strdup (it->text));
          it->segment = s;
        }
      else if (it->kind == I_FURN || it->kind == I_JUMP || it->kind == I_BYLINE
               || it->kind == I_CREDIT || (it->kind == I_GROUP && !it->subhead))
        {
          g_autofree char *text = it->kind == I_GROUP ? imp_group_text (it) : g_strdup (it->text);
          s = imp_page_segment_near (pg, i);
          if (s < 0 || !*text)
            continue;
          seg = g_ptr_array_index (pg->segments, s);
          if (it->kind == I_BYLINE && !seg->byline && seg->first > i)
            {
              seg->byline = g_strdup (text);
              seg->byline_top = TRUE;
            }
          else
            {
              if (it->kind == I_GROUP)
                ed_edition_add_note (pg->ed, "%s:%u: headline without text kept as a note",
                                     pg->stem, it->no);
              g_ptr_array_add (seg->first > i ? seg->notes_before : seg->notes_after,
                               g_strdup (text));
            }
          it->segment = s;
        }
    }
}

/* A segment holding nothing but photo captions joins the segment before it
 * (photo news printed between articles). */
static void
imp_page_merge_caption_segments (ImpPage *pg)
{
  for (guint s = 1; s < pg->segments->len; s++)
    {
      ImpSegment *seg = g_ptr_array_index (pg->segments, s), *prev = NULL;
      gboolean only = seg->items->len > 0;
      for (guint k = 0; k < seg->items->len; k++)
        only &= ((ImpItem *) g_ptr_array_index (seg->items, k))->caption;
      if (!only || seg->teaser)
        continue;
      for (int p = (int) s - 1; p >= 0 && !prev; p--)
        {
          ImpSegment *cand = g_ptr_array_index (pg->segments, p);
          if (!cand->dead && !cand->teaser)
            prev = cand;
        }
      if (!prev)
        continue;
      for (guint k = 0; k < seg->items->len; k++)
        {
          ImpItem *it = g_ptr_array_index (seg->items, k);
          g_ptr_array_add (prev->items, it);
          ed_edition_add_note (pg->ed, "%s:%u: photo caption attached to the article before it",
                               pg->stem, it->no);
        }
      {
        guint idx = 0;
        g_ptr_array_find (pg->segments, prev, &idx);
        for (guint k = 0; k < seg->items->len; k++)
          ((ImpItem *) g_ptr_array_index (seg->items, k))->segment = (int) idx;
      }
      prev->last = MAX (prev->last, seg->last);
      g_ptr_array_set_size (seg->items, 0);
      seg->dead = TRUE;
    }
}

/* ------------------------------------------------------------ articles */

static char *
imp_page_fix (const ImpPage *pg, const char *text)
{
  if (pg->opts && pg->opts->keep_punctuation)
    return g_strdup (text);
  return imp_fix_punctuation (text);
}

/* Splits a group's lines into kicker, title and subtitle. */
static void
imp_group_roles (const ImpPage *pg, const ImpItem *g, EdArticle *art)
{
  GPtrArray *ls = g_ptr_array_new ();
  const char *a, *b;

  for (guint k = 0; k < g->lines->len; k++)
    g_ptr_array_add (ls, ((ImpLine *) g_ptr_array_index (g->lines, k))->text);
  if (ls->len > 1 && g_str_has_prefix (g_ptr_array_index (ls, ls->len - 1), "——"))
    {
      art->subtitle = imp_page_fix (pg, g_ptr_array_index (ls, ls->len - 1));
      g_ptr_array_set_size (ls, ls->len - 1);
    }
  if (ls->len == 1)
    art->title = imp_page_fix (pg, g_ptr_array_index (ls, 0));
  else if (ls->len >= 2)
    {
      a = g_ptr_array_index (ls, ls->len - 2);
      b = g_ptr_array_index (ls, ls->len - 1);
      if (ls->len == 2 && ((g_str_has_suffix (a, "、") || g_str_has_suffix (a, "，"))
                           || (strstr (a, "关于") && !imp_match ("的(建议|公告|意见|通知|决定|报告)$", a))))
        {
          g_autofree char *joined = g_strconcat (a, b, NULL);
          art->title = imp_page_fix (pg, joined);
        }
      else if (ls->len > 2 || ((imp_has_parallel_phrases (a) && !imp_match ("出席|主持|讲话", a))
                               || g_utf8_strlen (a, -1) > g_utf8_strlen (b, -1))
                              || art->subtitle)
        {
          GString *k = g_string_new (NULL);
          for (guint i = 0; i + 1 < ls->len; i++)
            {
              if (i)
                g_string_append_c (k, ' ');
              g_string_append (k, g_ptr_array_index (ls, i));
            }
          art->kicker = imp_page_fix (pg, k->str);
          g_string_free (k, TRUE);
          art->title = imp_page_fix (pg, b);
        }
      else
        {
          art->title = imp_page_fix (pg, a);
          art->subtitle = imp_page_fix (pg, b);
        }
    }
  art->vertical_title = g->vertical;
  g_ptr_array_unref (ls);
}

static void
imp_article_add_note (const ImpPage *pg, EdArticle *art, const char *text, guint no)
{
  EdBlock *b = ed_block_new (ED_BLOCK_NOTE, no);
  g_autofree char *fixed = imp_page_fix (pg, text);
  ed_block_add_run (b, fixed, ED_RUN_PLAIN);
  g_ptr_array_add (art->blocks, b);
}

/* Takes "本报讯（记者 李雅萍）" off the start of the first paragraph. */
static char *
imp_take_dateline (char *para, char **rest)
{
  const char *p;
  int depth = 0;

  *rest = NULL;
  if (!g_str_has_prefix (para, "本报讯"))
    return NULL;
  p = para + strlen ("本报讯");
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "（"))
    for (const char *q = p; *q; q = g_utf8_next_char (q))
      {
        if (g_str_has_prefix (q, "（"))
          depth++;
        else if (g_str_has_prefix (q, "）") && --depth == 0)
          {
            p = q + strlen ("）");
            break;
          }
      }
  *rest = g_strdup (p);
  g_strchug (*rest);
  return g_strstrip (g_strndup (para, (gsize) (p - para)));
}

/* Makes a title when no headline was found: the opening clause. */
static char *
imp_fallback_title (const ImpSegment *seg)
{
  GString *t = g_string_new (NULL);
  const char *p = seg->text->str;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B
          || c == ',' || g_utf8_strlen (t->str, -1) >= 24)
        break;
      if (c != 0x201C && c != 0x201D && c != ' ')
        g_string_append_unichar (t, c);
      p = g_utf8_next_char (p);
    }
  if (!t->len)
    g_string_append (t, "无题");
  return g_string_free (t, FALSE);
}

static EdArticle *
imp_page_make_article (ImpPage *pg, ImpSegment *seg, gboolean *synth)
{
  EdArticle *art = ed_article_new ();
  ImpItem *g = imp_item (pg, seg->group);
  gboolean first_para = TRUE;

  *synth = FALSE;
  if (g)
    imp_group_roles (pg, g, art);
  if (!art->title)
    {
      art->title = imp_fallback_title (seg);
      *synth = TRUE;
      ed_edition_add_note (pg->ed, "%s:%u: no headline found; title taken from the first sentence",
                           pg->stem, imp_item (pg, seg->first)->no);
    }
  /* the byline keeps its printed form ("□ 本报记者 刘华") and place: under
   * the headline group (or before the text) or after the text */
  if (seg->byline || (g && g->byline))
    {
      const char *b = seg->byline ? seg->byline : g->byline;
      gboolean box = g_str_has_prefix (b, "□");
      g_autofree char *fixed = NULL;

      while (g_str_has_prefix (b, "□"))
        b = g_strchug ((char *) b + strlen ("□"));
      fixed = imp_page_fix (pg, b);
      art->byline = box ? g_strconcat ("□ ", fixed, NULL) : g_steal_pointer (&fixed);
      art->byline_top = seg->byline ? seg->byline_top : TRUE;
    }
  for (guint k = 0; k < seg->notes_before->len; k++)
    imp_article_add_note (pg, art, g_ptr_array_index (seg->notes_before, k), 0);
  for (guint k = 0; k < seg->names->len; k++)
    {
      EdBlock *b = ed_block_new (ED_BLOCK_FIGURE, 0);
      b->caption = g_strdup (g_ptr_array_index (seg->names, k));
      g_ptr_array_add (art->blocks, b);
    }
  for (guint k = 0; k < seg->items->len; k++)
    {
      ImpItem *it = g_ptr_array_index (seg->items, k);
      g_autofree char *text = NULL;
      EdBlock *b;

      if (it->kind == I_GROUP)
        {
          g_autofree char *gt = imp_group_text (it);
          b = ed_block_new (ED_BLOCK_HEADING, it->no);
          b->level = 2;
          text = imp_page_fix (pg, gt);
          ed_block_add_run (b, text, ED_RUN_PLAIN);
        }
      else if (it->kind == I_JUMP)
        {
          b = ed_block_new (ED_BLOCK_NOTE, it->no);
          ed_block_add_run (b, it->text, ED_RUN_PLAIN);
        }
      else if (it->caption)
        {
          b = ed_block_new (ED_BLOCK_FIGURE, it->no);
          b->caption = imp_page_fix (pg, it->text);
          if (it->credit)
            b->credit = g_strdup (it->credit);
        }
      else
        {
          g_autofree char *rest = NULL, *dl = NULL;
          text = imp_page_fix (pg, it->text);
          if (first_para && it->kind == I_PARA && (dl = imp_take_dateline (text, &rest)) && *rest)
            {
              art->dateline = g_steal_pointer (&dl);
              g_free (text);
              text = g_steal_pointer (&rest);
            }
          if (it->kind == I_PARA)
            first_para = FALSE;
          b = ed_block_new (ED_BLOCK_PARAGRAPH, it->no);
          ed_block_add_run (b, text, ED_RUN_PLAIN);
        }
      g_ptr_array_add (art->blocks, b);
    }
  for (guint k = 0; k < seg->notes_after->len; k++)
    imp_article_add_note (pg, art, g_ptr_array_index (seg->notes_after, k), 0);
  return art;
}

static void
imp_page_free (ImpPage *pg)
{
  g_ptr_array_unref (pg->lines);
  g_ptr_array_unref (pg->items);
  g_ptr_array_unref (pg->segments);
  g_free (pg->section);
}

gboolean
imp_import_page_text (EdEdition *ed, guint number, const char *path, const char *stem,
                      const char *text, gsize len, const ImpOptions *opts,
                      GPtrArray *synth_titles, GError **error)
{
  ImpPage pg = { 0 };
  EdPage *page;
  guint n = 0;

  if (!imp_check_text (path, text, len, error))
    return FALSE;
  pg.ed = ed;
  pg.stem = stem;
  pg.opts = opts;
  pg.lines = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_line_free);
  pg.items = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_item_free);
  pg.segments = g_ptr_array_new_with_free_func ((GDestroyNotify) imp_segment_free);
  imp_page_read_lines (&pg, text);
  imp_page_merge_vertical (&pg);
  imp_page_classify (&pg);
  imp_page_build_items (&pg);
  imp_page_find_captions (&pg);
  imp_page_find_subheads (&pg);
  imp_page_build_segments (&pg);
  imp_page_merge_caption_segments (&pg);
  imp_page_find_teasers (&pg);
  imp_page_match_groups (&pg);
  imp_page_place_floating (&pg);

  page = ed_page_new (number, opts && opts->section ? opts->section
                                                     : pg.section ? pg.section : "要闻");
  if (!(opts && opts->section) && !pg.section)
    ed_edition_add_note (ed, "%s:1: section not printed on the page; using 要闻", stem);
  g_ptr_array_add (ed->pages, page);
  /* articles in the order their text starts on the page */
  for (guint s = 0; s < pg.segments->len; s++)
    {
      ImpSegment *seg = NULL;
      int best_first = G_MAXINT;
      gboolean synth;
      EdArticle *art;
      for (guint t = 0; t < pg.segments->len; t++)
        {
          ImpSegment *c = g_ptr_array_index (pg.segments, t);
          int first = c->teaser ? c->group : c->first;
          if (!c->dead && c->items && first < best_first && !c->byline_done)
            {
              seg = c;
              best_first = first;
            }
        }
      if (!seg)
        break;
      seg->byline_done = TRUE;
      art = imp_page_make_article (&pg, seg, &synth);
      n++;
      art->id = g_strdup_printf ("p%u-%u", number, n);
      art->src_path = g_strdup_printf ("p%u-%u.md", number, n);
      if (n == 1)
        art->lead = TRUE;
      ed_edition_add_article (ed, page, art);
      if (synth && synth_titles)
        g_ptr_array_add (synth_titles, art);
    }
  if (n == 0)
    {
      imp_page_free (&pg);
      eb_set_input_error (error, path, 1, "no article text found on the page");
      return FALSE;
    }
  imp_page_free (&pg);
  return TRUE;
}

/* ------------------------------------------------------------- checks */

gboolean
imp_check_text (const char *path, const char *data, gsize len, GError **error)
{
  const char *end = NULL;
  gboolean any = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) data[i];
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f'))
        {
          eb_set_input_error (error, path, eb_line_of_offset (data, i),
                              "binary data (byte 0x%02x at offset %" G_GSIZE_FORMAT "), not page text",
                              c, i);
          return FALSE;
        }
      any |= !g_ascii_isspace (c);
    }
  if (!g_utf8_validate (data, (gssize) len, &end))
    {
      gsize off = (gsize) (end - data);
      eb_set_input_error (error, path, eb_line_of_offset (data, off),
                          "invalid UTF-8 at byte offset %" G_GSIZE_FORMAT, off);
      return FALSE;
    }
  if (!any)
    {
      eb_set_input_error (error, path, 1, "empty page: no text");
      return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- dates */

static gboolean
imp_scan_exact_date (const char *text, GDate *date)
{
  g_autoptr (GRegex) re = g_regex_new ("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*星期", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;

  if (!g_regex_match (re, text, 0, &mi))
    return FALSE;
  {
    g_autofree char *y = g_match_info_fetch (mi, 1), *m = g_match_info_fetch (mi, 2),
                    *d = g_match_info_fetch (mi, 3);
    int yy = atoi (y), mm = atoi (m), dd = atoi (d);
    if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) yy))
      return FALSE;
    g_date_set_dmy (date, (GDateDay) dd, (GDateMonth) mm, (GDateYear) yy);
  }
  return TRUE;
}

char *
imp_guess_date (char **texts, gboolean *exact)
{
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GRegex) re_md = g_regex_new ("本报讯[^。]{0,40}?(\\d{1,2})月(\\d{1,2})日", 0, 0, NULL);
  g_autoptr (GRegex) re_md_any = g_regex_new ("(\\d{1,2})月(\\d{1,2})日", 0, 0, NULL);
  g_autoptr (GRegex) re_year = g_regex_new ("(.?)(\\d{4})年", 0, 0, NULL);
  g_autoptr (GRegex) re_full = g_regex_new ("(\\d{4})年\\d{1,2}月", 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  int month = 0, day = 0, year = 0, full_max = 0;
  GDate date;

  *exact = FALSE;
  g_date_clear (&date, 1);
  for (guint i = 0; texts[i]; i++)
    if (imp_scan_exact_date (texts[i], &date))
      {
        char buf[16];
        *exact = TRUE;
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }
  for (guint i = 0; texts[i]; i++)
    for (const char *p = texts[i]; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        if (!g_unichar_isspace (c))
          g_string_append_unichar (all, c);
      }
  for (int pass = 0; pass < 2 && !month; pass++)
    {
      GRegex *re = pass ? re_md_any : re_md;
      g_clear_pointer (&mi, g_match_info_free);
      for (g_regex_match (re, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
        {
          g_autofree char *m = g_match_info_fetch (mi, 1), *d = g_match_info_fetch (mi, 2);
          int mm = atoi (m), dd = atoi (d);
          if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 && (mm > month || (mm == month && dd > day)))
            {
              month = mm;
              day = dd;
            }
        }
    }
  g_clear_pointer (&mi, g_match_info_free);
  for (g_regex_match (re_full, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *y = g_match_info_fetch (mi, 1);
      full_max = MAX (full_max, atoi (y));
    }
  g_clear_pointer (&mi, g_match_info_free);
  for (g_regex_match (re_year, all->str, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *before = g_match_info_fetch (mi, 1), *y = g_match_info_fetch (mi, 2);
      int yy = atoi (y);
      if (!strcmp (before, "到") || !strcmp (before, "至") || yy < 1949 || yy > 2200)
        continue;
      if (full_max && yy > full_max + 1)
        continue;
      year = MAX (year, yy);
    }
  if (!year)
    return NULL;
  if (!month)
    {
      month = 1;
      day = 1;
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    day = 1;
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_add_days (&date, 1); /* news of day D is printed on D+1 */
  {
    char buf[16];
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
    return g_strdup (buf);
  }
}
