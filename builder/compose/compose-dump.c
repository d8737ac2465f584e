/* compose-dump.c — the composer's stable text dump (comp_edition_dump),
 * the golden files of tests/compose/ are made of.
 *
 * One line per page, per module and per element: enough to show in a diff
 * every change of page plan, module shape, element position and line
 * break, in a file a reviewer can read.  Uses only compose.h.
 */
#include "compose/compose.h"

#include <math.h>

/* Positions are printed to this many pt: finer than any grid step, coarse
 * enough that a rounding change in cairo does not show. */
#define DUMP_PT_STEP 0.1

/* Characters of an element's text quoted at its start. */
#define DUMP_QUOTE_CHARS 12

static const char *const dump_kind_names[] = { "heading", "paragraph", "figure" };

static double
dump_pt (double v)
{
  return round (v / DUMP_PT_STEP) * DUMP_PT_STEP + 0.0;  /* + 0.0: no "-0.0" */
}

/* Appends the text of @line (its glyph runs' UTF-8) to @s. */
static void
dump_line_text (GString *s, const TsLine *line)
{
  for (guint i = 0; i < line->runs->len; i++)
    {
      const TsGlyphRun *r = g_ptr_array_index (line->runs, i);
      g_string_append_len (s, r->utf8, r->utf8_len);
    }
}

/* "heading 2 lines [x0,y0 x1,y1] 13+9 “激发科技成果转化新动能…”" */
static void
dump_elem (GString *s, const CompElem *e)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (s, "    %s%s %u lines", dump_kind_names[e->kind],
                          e->boxed ? " boxed" : "", e->lines->len);
  for (guint i = 0; i < e->lines->len; i++)
    {
      const CompLine *cl = &g_array_index (e->lines, CompLine, i);
      x0 = MIN (x0, cl->x);
      y0 = MIN (y0, cl->y);
      x1 = MAX (x1, cl->x + cl->line->width);
      y1 = MAX (y1, cl->y);
      dump_line_text (text, cl->line);
    }
  if (e->lines->len)
    {
      g_string_append_printf (s, " [%.1f,%.1f %.1f,%.1f] ", dump_pt (x0), dump_pt (y0),
                              dump_pt (x1), dump_pt (y1));
      for (guint i = 0; i < e->lines->len; i++)
        g_string_append_printf (s, "%s%u", i ? "+" : "",
                                g_array_index (e->lines, CompLine, i).line->char_count);
    }
  if (e->image)
    g_string_append_printf (s, " image [%.1f,%.1f %.1fx%.1f]", dump_pt (e->image_rect.x),
                            dump_pt (e->image_rect.y), dump_pt (e->image_rect.width),
                            dump_pt (e->image_rect.height));
  if (e->boxed)
    g_string_append_printf (s, " %s [%.1f,%.1f %.1fx%.1f]", e->filled ? "tint" : "box",
                            dump_pt (e->box.x), dump_pt (e->box.y), dump_pt (e->box.width),
                            dump_pt (e->box.height));
  if (e->link_dest)
    g_string_append_printf (s, " -> %s", e->link_dest);
  if (text->len)
    {
      const char *end = text->str;
      for (int i = 0; i < DUMP_QUOTE_CHARS && *end; i++)
        end = g_utf8_next_char (end);
      g_string_append_printf (s, " \"%.*s%s\"", (int) (end - text->str), text->str,
                              *end ? "…" : "");
    }
  g_string_append_c (s, '\n');
}

static void
dump_article (GString *s, const CompArticle *a)
{
  const CompElem *last = a->elems->len ? g_ptr_array_index (a->elems, a->elems->len - 1) : NULL;

  g_string_append_printf (s, "  %s part %u: columns %u-%u rows %u-%u%s%s\n",
                          a->article->id, a->part, a->col + 1, a->col + a->cols,
                          a->row + 1, a->row + a->rows,
                          a->from_page ? " (continued)" : "",
                          last && last->link_dest && a->to_page ? " (jumps)" : "");
  for (guint k = 0; k < a->elems->len; k++)
    dump_elem (s, g_ptr_array_index (a->elems, k));
}

char *
comp_edition_dump (const CompEdition *ce)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ce->pages->len; i++)
    {
      const CompPage *p = g_ptr_array_index (ce->pages, i);

      /* screens that flow name the print page they start */
      g_autofree char *start = ce->spec->flow && p->outline ? g_strdup_printf (" [%s]", p->outline)
                                                            : g_strdup ("");

      g_string_append_printf (s, "page %u %s%s: %u modules, hole %u lines, spare %u%s%s%s%s%s\n",
                              p->number, p->section, start, p->articles->len, p->hole_rows,
                              p->spare_rows,
                              p->edition_end ? " (edition end)" : "",
                              p->open_end ? " (open)" : "",
                              p->thin ? " (thin)" : "",
                              p->no_frames ? " (no frames)" : "",
                              p->tight ? " (tight)" : "");
      g_string_append_printf (s, "  furniture %u elements, %u rules\n", p->furniture->len,
                              p->rules->len);
      for (guint k = 0; k < p->furniture->len; k++)
        dump_elem (s, g_ptr_array_index (p->furniture, k));
      for (guint j = 0; j < p->articles->len; j++)
        dump_article (s, g_ptr_array_index (p->articles, j));
    }
  return g_string_free (s, FALSE);
}
