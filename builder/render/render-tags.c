/* render-tags.c — the PDF's structure tree: tagged drawing of a page and
 * the rewrite of cairo's tree after cairo (render-private.h explains why).
 *
 * Tree of an edition: Document › Art (one per article) › P (引题), H1
 * (主题), P (副题), P… (text, byline, jump lines), H2 (subheads), Figure
 * (/Alt: the caption) and Caption.  Masthead, running heads, folios,
 * rules and a continuation's repeated head are Artifacts.
 */
#include "render/render-private.h"

#include <string.h>

/* The placeholder element cairo 1.16 accepts for what becomes an
 * Artifact (it has no Artifact tag). */
#define PDF_TAG_FURNITURE "Private"

void
pdf_tag_info_init (PdfTagInfo *info)
{
  info->alts = g_ptr_array_new_with_free_func (g_free);
  info->arts = g_ptr_array_new ();
}

void
pdf_tag_info_clear (PdfTagInfo *info)
{
  g_clear_pointer (&info->alts, g_ptr_array_unref);
  g_clear_pointer (&info->arts, g_ptr_array_unref);
}

/* The face role of line @i of @e (its first run's). */
static TsRole
pdf_line_role (const CompElem *e, guint i)
{
  const TsLine *line = g_array_index (e->lines, CompLine, i).line;

  return line->runs->len ? ((const TsGlyphRun *) g_ptr_array_index (line->runs, 0))->role
                         : TS_ROLE_BODY;
}

static void
pdf_draw_lines (cairo_t *cr, const CompElem *e, guint from, guint to, const PdfFonts *pf)
{
  for (guint i = from; i < to; i++)
    pdf_draw_line (cr, &g_array_index (e->lines, CompLine, i), pf);
}

/* A headline group: each run of lines of one role its own element — 引题
 * and 副题 P, 主题 @title_tag — so title and subtitle are separate. */
static void
pdf_draw_heading (cairo_t *cr, const CompElem *e, const char *title_tag, const PdfFonts *pf)
{
  cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
  for (guint i = 0; i < e->lines->len;)
    {
      TsRole role = pdf_line_role (e, i);
      guint j = i + 1;
      const char *tag = role == TS_ROLE_KICKER || role == TS_ROLE_SUBTITLE ? "P" : title_tag;

      while (j < e->lines->len && pdf_line_role (e, j) == role)
        j++;
      cairo_tag_begin (cr, tag, "");
      pdf_draw_lines (cr, e, i, j, pf);
      cairo_tag_end (cr, tag);
      i = j;
    }
}

/* A figure: the picture — or the frame waiting for it — as Figure (its
 * caption becomes /Alt), the caption lines as Caption; a caption set as a
 * note in the text is a P. */
static void
pdf_draw_figure_tagged (cairo_t *cr, const CompElem *e, const PdfFonts *pf, PdfTagInfo *info)
{
  gboolean picture = e->image || e->boxed;

  cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
  if (picture)
    {
      char *alt = comp_elem_text (e, 0, e->lines->len);

      cairo_tag_begin (cr, "Figure", "");
      if (e->image)
        pdf_draw_figure (cr, e);
      pdf_draw_box (cr, e);
      cairo_tag_end (cr, "Figure");
      if (info)
        g_ptr_array_add (info->alts, *alt ? alt : g_strdup ("图片"));
      else
        g_free (alt);
      cairo_set_source_rgb (cr, e->rgb[0], e->rgb[1], e->rgb[2]);
    }
  if (e->lines->len == 0)
    return;
  cairo_tag_begin (cr, picture ? "Caption" : "P", "");
  pdf_draw_lines (cr, e, 0, e->lines->len, pf);
  cairo_tag_end (cr, picture ? "Caption" : "P");
}

/* One element of an article part; @head: the part's headline group. */
static void
pdf_draw_tagged_elem (cairo_t *cr, const CompElem *e, gboolean head, guint part,
                      const PdfFonts *pf, PdfTagInfo *info)
{
  g_autofree char *dest = NULL;
  g_autofree char *link = NULL;

  if (e->dest)
    {
      dest = g_strdup_printf ("name='%s' x=%.2f y=%.2f", e->dest, e->dest_x, e->dest_y);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    }
  if (e->kind == COMP_ELEM_HEADING && head && part > 0)
    {
      /* the repeated head of a continuation: furniture */
      cairo_tag_begin (cr, PDF_TAG_FURNITURE, "");
      pdf_draw_elem (cr, e, pf);
      cairo_tag_end (cr, PDF_TAG_FURNITURE);
    }
  else if (e->kind == COMP_ELEM_HEADING)
    pdf_draw_heading (cr, e, head ? "H1" : "H2", pf);
  else if (e->kind == COMP_ELEM_FIGURE)
    pdf_draw_figure_tagged (cr, e, pf, info);
  else
    {
      cairo_tag_begin (cr, "P", "");
      if (e->link_dest && e->lines->len > 0)
        {
          link = g_strdup_printf ("dest='%s'", e->link_dest);
          cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
        }
      pdf_draw_elem (cr, e, pf);
      if (link)
        cairo_tag_end (cr, CAIRO_TAG_LINK);
      cairo_tag_end (cr, "P");
    }
  if (dest)
    cairo_tag_end (cr, CAIRO_TAG_DEST);
}

void
pdf_draw_page_tagged (cairo_t *cr, const CompPage *page, const PdfFonts *pf, PdfTagInfo *info)
{
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_tag_begin (cr, PDF_TAG_FURNITURE, "");
  for (guint i = 0; i < page->rules->len; i++)
    {
      const CompRule *r = &g_array_index (page->rules, CompRule, i);

      cairo_set_source_rgb (cr, r->rgb[0], r->rgb[1], r->rgb[2]);
      cairo_set_line_width (cr, r->width);
      cairo_move_to (cr, r->x0, r->y0);
      cairo_line_to (cr, r->x1, r->y1);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < page->furniture->len; i++)
    pdf_draw_elem (cr, g_ptr_array_index (page->furniture, i), pf);
  cairo_tag_end (cr, PDF_TAG_FURNITURE);
  for (guint i = 0; i < page->articles->len; i++)
    {
      const CompArticle *a = g_ptr_array_index (page->articles, i);
      gboolean head_seen = FALSE;

      cairo_tag_begin (cr, "Art", "");
      if (info)
        g_ptr_array_add (info->arts, (gpointer) a->article);
      for (guint j = 0; j < a->elems->len; j++)
        {
          const CompElem *e = g_ptr_array_index (a->elems, j);
          gboolean head = e->kind == COMP_ELEM_HEADING && !head_seen;

          head_seen |= e->kind == COMP_ELEM_HEADING;
          pdf_draw_tagged_elem (cr, e, head, a->part, pf, info);
        }
      cairo_tag_end (cr, "Art");
    }
  cairo_restore (cr);
}

/* ------------------------------------------------- rewriting cairo's tree */

/* The structure type of @elem without its slash ("Art"), or "". */
static const char *
pdf_struct_type (qpdf_data q, qpdf_oh elem)
{
  qpdf_oh s = qpdf_oh_get_key (q, elem, "/S");

  return qpdf_oh_is_name (q, s) ? qpdf_oh_get_name (q, s) + 1 : "";
}

/* The kids of @elem as an array handle (cairo writes /K as a reference or
 * an array); an empty array if it has none. */
static qpdf_oh
pdf_struct_kids (qpdf_data q, qpdf_oh elem)
{
  qpdf_oh k = qpdf_oh_get_key (q, elem, "/K");

  if (qpdf_oh_is_array (q, k))
    return k;
  if (qpdf_oh_is_dictionary (q, k))
    return qpdf_oh_wrap_in_array (q, k);
  return qpdf_oh_new_array (q);
}

/* TRUE if @kid is a structure element (not an MCID, MCR or OBJR). */
static gboolean
pdf_is_struct_elem (qpdf_data q, qpdf_oh kid)
{
  qpdf_oh type;

  if (!qpdf_oh_is_dictionary (q, kid))
    return FALSE;
  type = qpdf_oh_get_key (q, kid, "/Type");
  return !qpdf_oh_is_name (q, type) || strcmp (qpdf_oh_get_name (q, type), "/StructElem") == 0;
}

typedef struct {
  const PdfTagInfo *info;
  guint             n_alt;      /* Figures seen */
  GHashTable       *dropped;    /* object ids of furniture elements removed */
  GHashTable       *first_art;  /* EdArticle * → the handle of its first Art */
} PdfTagFix;

/* Gives every Figure under @elem its alt text, in tree order (= drawing
 * order), and drops furniture elements from @elem's kids. */
static void
pdf_tags_walk (qpdf_data q, qpdf_oh elem, PdfTagFix *fx)
{
  qpdf_oh kids = pdf_struct_kids (q, elem);
  qpdf_oh keep = qpdf_oh_new_array (q);
  int n = qpdf_oh_get_array_n_items (q, kids);

  for (int i = 0; i < n; i++)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (q, kids, i);
      const char *type;

      if (!pdf_is_struct_elem (q, kid))
        {
          qpdf_oh_append_item (q, keep, kid);   /* MCR, OBJR */
          continue;
        }
      type = pdf_struct_type (q, kid);
      if (strcmp (type, PDF_TAG_FURNITURE) == 0)
        {
          g_hash_table_add (fx->dropped, GINT_TO_POINTER (qpdf_oh_get_object_id (q, kid)));
          continue;
        }
      if (strcmp (type, "Figure") == 0 && fx->n_alt < fx->info->alts->len)
        qpdf_oh_replace_key (q, kid, "/Alt",
                             qpdf_oh_new_unicode_string (q, fx->info->alts->pdata[fx->n_alt++]));
      pdf_tags_walk (q, kid, fx);
      qpdf_oh_append_item (q, keep, kid);
    }
  if (qpdf_oh_is_array (q, qpdf_oh_get_key (q, elem, "/K")) || n != qpdf_oh_get_array_n_items (q, keep))
    qpdf_oh_replace_key (q, elem, "/K", keep);
}

/* Joins the Art elements of one article: the kids of a continuation's Art
 * go to the article's first Art, in order. */
static void
pdf_tags_join_arts (qpdf_data q, qpdf_oh doc, PdfTagFix *fx)
{
  qpdf_oh kids = pdf_struct_kids (q, doc);
  qpdf_oh keep = qpdf_oh_new_array (q);
  int n = qpdf_oh_get_array_n_items (q, kids);
  guint art = 0;

  for (int i = 0; i < n; i++)
    {
      qpdf_oh kid = qpdf_oh_get_array_item (q, kids, i);
      gpointer article, first;

      if (strcmp (pdf_struct_type (q, kid), "Art") != 0 || art >= fx->info->arts->len)
        {
          qpdf_oh_append_item (q, keep, kid);
          continue;
        }
      article = fx->info->arts->pdata[art++];
      first = g_hash_table_lookup (fx->first_art, article);
      if (!first)
        {
          g_hash_table_insert (fx->first_art, article, GUINT_TO_POINTER (kid));
          qpdf_oh_append_item (q, keep, kid);
          continue;
        }
      qpdf_oh into = GPOINTER_TO_UINT (first);
      qpdf_oh into_kids = pdf_struct_kids (q, into);
      qpdf_oh more = pdf_struct_kids (q, kid);

      for (int k = 0; k < qpdf_oh_get_array_n_items (q, more); k++)
        {
          qpdf_oh c = qpdf_oh_get_array_item (q, more, k);

          if (pdf_is_struct_elem (q, c))
            qpdf_oh_replace_key (q, c, "/P", into);
          qpdf_oh_append_item (q, into_kids, c);
        }
      qpdf_oh_replace_key (q, into, "/K", into_kids);
      g_hash_table_add (fx->dropped, GINT_TO_POINTER (qpdf_oh_get_object_id (q, kid)));
    }
  qpdf_oh_replace_key (q, doc, "/K", keep);
}

/* The parent tree maps marked content to elements: entries of dropped
 * elements become null. */
static void
pdf_tags_fix_parent_tree (qpdf_data q, qpdf_oh root, GHashTable *dropped)
{
  qpdf_oh nums = qpdf_oh_get_key (q, qpdf_oh_get_key (q, root, "/ParentTree"), "/Nums");
  int n = qpdf_oh_get_array_n_items (q, nums);

  for (int i = 1; i < n; i += 2)
    {
      qpdf_oh list = qpdf_oh_get_array_item (q, nums, i);
      int m = qpdf_oh_is_array (q, list) ? qpdf_oh_get_array_n_items (q, list) : 0;

      for (int j = 0; j < m; j++)
        if (g_hash_table_contains (dropped, GINT_TO_POINTER (qpdf_oh_get_object_id (
                                     q, qpdf_oh_get_array_item (q, list, j)))))
          qpdf_oh_set_array_item (q, list, j, qpdf_oh_new_null (q));
    }
}

/* In @data, every "/Private << /MCID n >> BDC" (cairo's marked content of
 * a furniture element, at a line start) becomes "/Artifact BMC".  Caller
 * owns the result. */
static GByteArray *
pdf_tags_mark_artifacts (const unsigned char *data, size_t len)
{
  static const char open[] = "/" PDF_TAG_FURNITURE " << /MCID ";
  GByteArray *out = g_byte_array_sized_new ((guint) len);
  size_t i = 0;

  while (i < len)
    {
      const unsigned char *hit = memmem (data + i, len - i, open, sizeof open - 1);
      const unsigned char *end;

      if (!hit || (hit > data && hit[-1] != '\n'))
        {
          size_t upto = hit ? (size_t) (hit - data) + 1 : len;
          g_byte_array_append (out, data + i, (guint) (upto - i));
          i = upto;
          continue;
        }
      end = memmem (hit, len - (hit - data), ">> BDC", 6);
      if (!end)
        break;
      g_byte_array_append (out, data + i, (guint) (hit - data - i));
      g_byte_array_append (out, (const guint8 *) "/Artifact BMC", 13);
      i = (size_t) (end - data) + 6;
    }
  if (i < len)
    g_byte_array_append (out, data + i, (guint) (len - i));
  return out;
}

/* Rewrites every page's content stream with pdf_tags_mark_artifacts(). */
static gboolean
pdf_tags_fix_contents (qpdf_data q)
{
  int pages = qpdf_get_num_pages (q);

  for (int p = 0; p < pages; p++)
    {
      qpdf_oh contents = qpdf_oh_get_key (q, qpdf_get_page_n (q, (size_t) p), "/Contents");
      unsigned char *buf = NULL;
      size_t len = 0;
      QPDF_BOOL filtered = QPDF_FALSE;

      if (!qpdf_oh_is_stream (q, contents))
        continue;
      if (qpdf_oh_get_stream_data (q, contents, qpdf_dl_generalized, &filtered, &buf, &len)
            != QPDF_SUCCESS || !filtered)
        {
          free (buf);
          return FALSE;
        }
      g_autoptr (GByteArray) fixed = pdf_tags_mark_artifacts (buf, len);
      free (buf);
      qpdf_oh_replace_stream_data (q, contents, fixed->data, fixed->len, qpdf_oh_new_null (q),
                                   qpdf_oh_new_null (q));
    }
  return TRUE;
}

gboolean
pdf_tags_fix (qpdf_data q, const PdfTagInfo *info)
{
  qpdf_oh root = qpdf_oh_get_key (q, qpdf_get_root (q), "/StructTreeRoot");
  qpdf_oh top = pdf_struct_kids (q, root);
  qpdf_oh doc;
  g_autoptr (GHashTable) dropped = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) first_art = g_hash_table_new (g_direct_hash, g_direct_equal);
  PdfTagFix fx = { info, 0, dropped, first_art };

  if (!qpdf_oh_is_dictionary (q, root) || qpdf_oh_get_array_n_items (q, top) != 1)
    return FALSE;
  doc = qpdf_oh_get_array_item (q, top, 0);
  if (strcmp (pdf_struct_type (q, doc), "Document") != 0)
    return FALSE;
  pdf_tags_walk (q, doc, &fx);
  pdf_tags_join_arts (q, doc, &fx);
  pdf_tags_fix_parent_tree (q, root, dropped);
  return pdf_tags_fix_contents (q);
}

void
pdf_draw_page (cairo_t *cr, const CompEdition *ce, const CompPage *page)
{
  g_return_if_fail (cr != NULL && ce != NULL && page != NULL);
  pdf_draw_page_tagged (cr, page, NULL, NULL);
}
