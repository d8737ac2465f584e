/* import-score.c — how well an import recovered a page: its articles
 * against clean sources of the same page (the truth).
 *
 * Texts are compared after removing white space (a space stays only
 * between two Latin letters or digits).  Every truth article is matched to
 * the imported article holding most of its text (longest common
 * subsequence, one to one); it is found when that article also carries its
 * headline group (引题 + 主题 + 副题, in print order; a photo article's made-up
 * title is not compared) and a body at least IMP_SCORE_FOUND_SIM similar.
 * Body similarity is 2 × common characters / (characters of both), over the
 * matched articles; paragraph boundaries are compared by the text on both
 * sides of each boundary.
 */
#include "import/import-private.h"

#include <string.h>

/* a truth article is matched when this share of its text is in one article */
#define IMP_SCORE_MATCH_SHARE 0.5
/* … and found when its body is at least this similar (and its head right) */
#define IMP_SCORE_FOUND_SIM 0.9
/* characters on each side of a paragraph boundary that identify it */
#define IMP_SCORE_BOUNDARY_CONTEXT 8
/* pairs sharing fewer of the shorter text's character bigrams are not
 * compared character by character */
#define IMP_SCORE_BIGRAM_FLOOR 0.2

/* ------------------------------------------------------------ texts */

/* @s without white space (one space kept between two ASCII letters or
 * digits), as UCS-4; *@n its length. */
static gunichar *
imp_score_norm (const char *s, glong *n)
{
  glong len = 0, k = 0;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (s ? s : "", -1, &len);
  gunichar *out = g_new (gunichar, len + 1);

  for (glong i = 0; i < len; i++)
    {
      if (!g_unichar_isspace (u[i]) && u[i] != 0x3000)
        {
          out[k++] = u[i];
          continue;
        }
      while (i + 1 < len && (g_unichar_isspace (u[i + 1]) || u[i + 1] == 0x3000))
        i++;
      if (k > 0 && i + 1 < len && u[i + 1] < 128 && g_ascii_isalnum ((char) out[k - 1])
          && out[k - 1] < 128 && g_ascii_isalnum ((char) u[i + 1]))
        out[k++] = ' ';
    }
  out[k] = 0;
  *n = k;
  return out;
}

static char *
imp_score_norm_utf8 (const char *s)
{
  glong n = 0;
  g_autofree gunichar *u = imp_score_norm (s, &n);
  return g_ucs4_to_utf8 (u, n, NULL, NULL, NULL);
}

/* The headline group in print order: 引题 主题 副题. */
static char *
imp_score_head (const EdArticle *a)
{
  g_autofree char *all = g_strconcat (a->kicker ? a->kicker : "", a->title ? a->title : "",
                                      a->subtitle ? a->subtitle : "", NULL);
  return imp_score_norm_utf8 (all);
}

/* Body text (paragraphs and subheads) and, with @captions, the captions. */
static char *
imp_score_body (const EdArticle *a, gboolean captions)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < a->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (a->blocks, i);
      if (b->kind == ED_BLOCK_PARAGRAPH || b->kind == ED_BLOCK_HEADING)
        {
          g_autofree char *t = ed_block_text (b);
          g_string_append (s, t);
        }
      else if (b->kind == ED_BLOCK_FIGURE && captions && b->caption)
        g_string_append (s, b->caption);
    }
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------- LCS */

/* Length of the longest common subsequence of a[0..n) and b[0..m) (Myers'
 * O((n + m) D) algorithm: D edits, insertions and deletions). */
static glong
imp_lcs (const gunichar *a, glong n, const gunichar *b, glong m)
{
  glong max = n + m, off = max + 1;
  g_autofree glong *v = NULL;

  if (n == 0 || m == 0)
    return 0;
  v = g_new0 (glong, 2 * max + 3);
  for (glong d = 0; d <= max; d++)
    for (glong k = -d; k <= d; k += 2)
      {
        glong x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                      ? v[off + k + 1] : v[off + k - 1] + 1;
        glong y = x - k;
        while (x < n && y < m && a[x] == b[y])
          x++, y++;
        v[off + k] = x;
        if (x >= n && y >= m)
          return (n + m - d) / 2;
      }
  return 0;
}

/* Share of @a's character bigrams that occur in @b. */
static double
imp_score_bigram_share (const gunichar *a, glong n, const gunichar *b, glong m)
{
  g_autoptr (GHashTable) set = g_hash_table_new (NULL, NULL);
  glong hit = 0;

  if (n < 2 || m < 2)
    return n && m ? 1.0 : 0.0;
  for (glong j = 0; j + 1 < m; j++)
    g_hash_table_add (set, GUINT_TO_POINTER (b[j] * 65599u + b[j + 1]));
  for (glong i = 0; i + 1 < n; i++)
    hit += g_hash_table_contains (set, GUINT_TO_POINTER (a[i] * 65599u + a[i + 1]));
  return (double) hit / (double) (n - 1);
}

/* Common characters of two UTF-8 texts (normalised). */
static glong
imp_score_common (const char *x, const char *y, glong *nx, glong *ny)
{
  g_autofree gunichar *a = imp_score_norm (x, nx);
  g_autofree gunichar *b = imp_score_norm (y, ny);

  if (!*nx || !*ny)
    return 0;
  if (imp_score_bigram_share (*nx <= *ny ? a : b, MIN (*nx, *ny), *nx <= *ny ? b : a,
                              MAX (*nx, *ny)) < IMP_SCORE_BIGRAM_FLOOR)
    return 0;
  return imp_lcs (a, *nx, b, *ny);
}

/* Characters of @x whose bigram (with the next one) occurs in @y: how
 * much of @x went into @y, cheaper than the common subsequence. */
static glong
imp_score_shared (const char *x, const char *y, glong *nx, glong *ny)
{
  g_autofree gunichar *a = imp_score_norm (x, nx);
  g_autofree gunichar *b = imp_score_norm (y, ny);

  if (!*nx || !*ny)
    return 0;
  return (glong) (imp_score_bigram_share (a, *nx, b, *ny) * (double) *nx + 0.5);
}

/* ---------------------------------------------------------- boundaries */

/* The boundaries between an article's paragraphs and subheads, each named
 * by the text on both sides. */
static GPtrArray *
imp_score_boundaries (const EdArticle *a)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autofree gunichar *prev = NULL;
  glong pn = 0;

  for (guint i = 0; i < a->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (a->blocks, i);
      g_autofree char *t = NULL;
      gunichar *u;
      glong n = 0;
      if (b->kind != ED_BLOCK_PARAGRAPH && b->kind != ED_BLOCK_HEADING)
        continue;
      t = ed_block_text (b);
      u = imp_score_norm (t, &n);
      if (!n)
        {
          g_free (u);
          continue;
        }
      if (prev)
        {
          glong l = MIN (pn, IMP_SCORE_BOUNDARY_CONTEXT), r = MIN (n, IMP_SCORE_BOUNDARY_CONTEXT);
          g_autofree char *left = g_ucs4_to_utf8 (prev + pn - l, l, NULL, NULL, NULL);
          g_autofree char *right = g_ucs4_to_utf8 (u, r, NULL, NULL, NULL);
          g_ptr_array_add (out, g_strconcat (left, "|", right, NULL));
        }
      g_free (prev);
      prev = u;
      pn = n;
    }
  return out;
}

static void
imp_score_add_boundaries (ImpScore *s, const EdArticle *t, const EdArticle *g)
{
  g_autoptr (GPtrArray) bt = imp_score_boundaries (t);
  g_autoptr (GPtrArray) bg = imp_score_boundaries (g);
  guint tp = 0;

  for (guint i = 0; i < bt->len; i++)
    for (guint j = 0; j < bg->len; j++)
      if (g_ptr_array_index (bg, j) && !strcmp (g_ptr_array_index (bt, i), g_ptr_array_index (bg, j)))
        {
          g_free (g_ptr_array_index (bg, j));
          g_ptr_array_index (bg, j) = NULL;
          tp++;
          break;
        }
  s->para_tp += tp;
  s->para_fn += bt->len - tp;
  s->para_fp += bg->len - tp;
}

/* ----------------------------------------------------------- artefacts */

static guint
imp_score_count (const char *pattern, const char *text)
{
  g_autoptr (GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  guint n = 0;

  for (g_regex_match (re, text, 0, &mi); g_match_info_matches (mi); g_match_info_next (mi, NULL))
    n++;
  return n;
}

#define IMP_SCORE_HAN "[\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}]"

/* All text of the articles of page @p (heads, bylines, blocks). */
static char *
imp_score_page_text (const EdPage *p)
{
  GString *s = g_string_new (NULL);

  for (guint a = 0; a < p->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (p->articles, a);
      const char *f[] = { art->kicker, art->title, art->subtitle, art->byline, art->dateline };
      for (guint k = 0; k < G_N_ELEMENTS (f); k++)
        if (f[k])
          g_string_append_printf (s, "%s\n", f[k]);
      for (guint b = 0; b < art->blocks->len; b++)
        {
          g_autofree char *t = ed_block_text (g_ptr_array_index (art->blocks, b));
          g_string_append_printf (s, "%s\n", t);
        }
    }
  return g_string_free (s, FALSE);
}

static void
imp_score_artefacts (ImpScore *s, const EdPage *truth, const EdPage *got)
{
  static const char *spaced = IMP_SCORE_HAN " " IMP_SCORE_HAN " " IMP_SCORE_HAN;
  static const char *doubled = "(" IMP_SCORE_HAN "{3,})\\1|([，。、；：])\\2";
  g_autofree char *t = imp_score_page_text (truth);
  g_autofree char *g = imp_score_page_text (got);
  guint st = imp_score_count (spaced, t), sg = imp_score_count (spaced, g);
  guint dt = imp_score_count (doubled, t), dg = imp_score_count (doubled, g);

  s->spaced_left += sg > st ? sg - st : 0;
  s->doubled_left += dg > dt ? dg - dt : 0;
}

/* ------------------------------------------------------------ matching */

typedef struct {
  guint t, g;
  glong common;
} ImpScorePair;

static int
imp_score_pair_cmp (gconstpointer a, gconstpointer b)
{
  const ImpScorePair *x = a, *y = b;
  if (x->common != y->common)
    return x->common > y->common ? -1 : 1;
  return x->t != y->t ? (int) x->t - (int) y->t : (int) x->g - (int) y->g;
}

static gboolean
imp_score_same (const char *a, const char *b)
{
  g_autofree char *x = imp_score_norm_utf8 (a ? a : "");
  g_autofree char *y = imp_score_norm_utf8 (b ? b : "");
  return !strcmp (x, y);
}

/* Scores one matched pair; returns whether the truth article was found. */
static gboolean
imp_score_pair (ImpScore *s, const EdArticle *t, const EdArticle *g, double *sim, GString *log)
{
  g_autofree char *bt = imp_score_body (t, FALSE), *bg = imp_score_body (g, FALSE);
  g_autofree char *ht = imp_score_head (t), *hg = imp_score_head (g);
  glong nt = 0, ng = 0, common = imp_score_common (bt, bg, &nt, &ng);
  gboolean head_ok = t->kind == ED_KIND_PHOTO || !strcmp (ht, hg);

  *sim = nt + ng ? 2.0 * (double) common / (double) (nt + ng) : 1.0;
  if (nt + ng)
    {
      s->sim_common += 2.0 * (double) common;
      s->sim_total += (double) (nt + ng);
    }
  imp_score_add_boundaries (s, t, g);
  if (t->byline || g->byline)
    {
      s->byline_n++;
      gboolean ok = imp_score_same (t->byline, g->byline) && !t->byline == !g->byline
                    && t->byline_top == g->byline_top;
      s->byline_ok += ok;
      if (!ok && log)
        g_string_append_printf (log, "byline of %s: %s%s, imported %s%s\n", t->title,
                                t->byline ? t->byline : "none", t->byline_top ? " (top)" : "",
                                g->byline ? g->byline : "none", g->byline_top ? " (top)" : "");
    }
  if (t->dateline || g->dateline)
    {
      s->dateline_n++;
      s->dateline_ok += imp_score_same (t->dateline, g->dateline) && !t->dateline == !g->dateline;
    }
  return head_ok && *sim >= IMP_SCORE_FOUND_SIM;
}

/* Text used to match articles: body and captions, or the head when the
 * article has no body (a teaser). */
static char *
imp_score_match_text (const EdArticle *a)
{
  char *body = imp_score_body (a, TRUE);
  glong n = 0;

  g_free (imp_score_norm (body, &n));
  if (n)
    return body;
  g_free (body);
  return imp_score_head (a);
}

static void
imp_score_page (ImpScore *s, const EdPage *tp, const EdPage *gp, GString *log)
{
  guint nt = tp->articles->len, ng = gp ? gp->articles->len : 0;
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (ImpScorePair));
  g_autofree int *gt = g_new (int, nt + 1), *gg = g_new (int, ng + 1);
  g_autofree glong *tlen = g_new0 (glong, nt + 1);

  for (guint i = 0; i < nt; i++)
    {
      g_autofree char *x = imp_score_match_text (g_ptr_array_index (tp->articles, i));
      gt[i] = -1;
      for (guint j = 0; j < ng; j++)
        {
          g_autofree char *y = imp_score_match_text (g_ptr_array_index (gp->articles, j));
          glong lx = 0, ly = 0;
          ImpScorePair p = { i, j, imp_score_shared (x, y, &lx, &ly) };
          tlen[i] = lx;
          if (p.common > 0)
            g_array_append_val (pairs, p);
        }
    }
  for (guint j = 0; j < ng; j++)
    gg[j] = -1;
  g_array_sort (pairs, imp_score_pair_cmp);
  for (guint k = 0; k < pairs->len; k++)
    {
      const ImpScorePair *p = &g_array_index (pairs, ImpScorePair, k);
      if (gt[p->t] >= 0 || gg[p->g] >= 0 || (double) p->common < IMP_SCORE_MATCH_SHARE * (double) tlen[p->t])
        continue;
      gt[p->t] = (int) p->g;
      gg[p->g] = (int) p->t;
    }
  s->pages++;
  for (guint i = 0; i < nt; i++)
    {
      const EdArticle *t = g_ptr_array_index (tp->articles, i);
      g_autofree char *ht = imp_score_head (t);
      double sim = 0;
      s->articles++;
      if (gt[i] < 0)
        {
          if (log)
            g_string_append_printf (log, "page %u: not found: %s\n", tp->number, ht);
          continue;
        }
      s->matched++;
      if (imp_score_pair (s, t, g_ptr_array_index (gp->articles, gt[i]), &sim, log))
        s->found++;
      else if (log)
        {
          g_autofree char *hg = imp_score_head (g_ptr_array_index (gp->articles, gt[i]));
          g_string_append_printf (log, "page %u: %s: imported as %s (body %.3f)\n",
                                  tp->number, ht, hg, sim);
        }
    }
  for (guint j = 0; j < ng; j++)
    if (gg[j] < 0)
      {
        g_autofree char *hg = imp_score_head (g_ptr_array_index (gp->articles, j));
        s->extra++;
        if (log)
          g_string_append_printf (log, "page %u: extra article: %s\n", tp->number, hg);
      }
  if (gp)
    {
      s->furniture_n += (tp->banner || gp->banner) + (tp->credits || gp->credits);
      s->furniture_ok += ((tp->banner || gp->banner) && imp_score_same (tp->banner, gp->banner)
                          && !tp->banner == !gp->banner)
                         + ((tp->credits || gp->credits) && imp_score_same (tp->credits, gp->credits)
                            && !tp->credits == !gp->credits);
      imp_score_artefacts (s, tp, gp);
    }
}

void
imp_score_add (ImpScore *score, const EdEdition *truth, const EdEdition *got, GString *log)
{
  for (guint p = 0; p < truth->pages->len; p++)
    imp_score_page (score, g_ptr_array_index (truth->pages, p),
                    p < got->pages->len ? g_ptr_array_index (got->pages, p) : NULL, log);
}

static double
imp_ratio (double a, double b)
{
  return b > 0 ? a / b : 1.0;
}

double
imp_score_recall (const ImpScore *s)
{
  return imp_ratio (s->found, s->articles);
}

double
imp_score_similarity (const ImpScore *s)
{
  return imp_ratio (s->sim_common, s->sim_total);
}

double
imp_score_paragraph_f1 (const ImpScore *s)
{
  return imp_ratio (2.0 * s->para_tp, 2.0 * s->para_tp + s->para_fp + s->para_fn);
}

double
imp_score_byline (const ImpScore *s)
{
  return imp_ratio (s->byline_ok, s->byline_n);
}

char *
imp_score_format (const ImpScore *s)
{
  return g_strdup_printf (
      "pages %u, articles %u: recall %.3f (%u found, %u matched, %u extra), "
      "body similarity %.4f, paragraph F1 %.3f (%u/%u/%u), bylines %.3f (%u/%u), "
      "datelines %.3f (%u/%u), banner/credits %u/%u, artefacts left: %u spaced, %u doubled",
      s->pages, s->articles, imp_score_recall (s), s->found, s->matched, s->extra,
      imp_score_similarity (s), imp_score_paragraph_f1 (s), s->para_tp, s->para_fp, s->para_fn,
      imp_score_byline (s), s->byline_ok, s->byline_n, imp_ratio (s->dateline_ok, s->dateline_n),
      s->dateline_ok, s->dateline_n, s->furniture_ok, s->furniture_n, s->spaced_left,
      s->doubled_left);
}
