/* reader.c — writes the static web reader: copies the app files and writes
 * edition.json / edition.js from the model and the page geometry. */
#include "web/reader.h"
#include "epub/epub.h"
#include "base/dates.h"
#include "base/errors.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

/* The app's static files, copied verbatim from DATA_DIR/reader/. */
static const char *const rdr_static_files[] = {
  "index.html", "reader.css", "reader.js",
};

static void
rdr_article_geom_free (RdrArticleGeom *ag)
{
  if (ag == NULL)
    return;
  g_free (ag->article_id);
  g_array_unref (ag->rects);
  g_free (ag);
}

RdrGeometry *
rdr_geometry_new (double page_width, double page_height)
{
  RdrGeometry *geom;

  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);
  geom = g_new0 (RdrGeometry, 1);
  geom->page_width = page_width;
  geom->page_height = page_height;
  geom->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) rdr_article_geom_free);
  geom->sections = g_ptr_array_new_with_free_func (g_free);
  return geom;
}

void
rdr_geometry_free (RdrGeometry *geom)
{
  if (geom == NULL)
    return;
  g_ptr_array_unref (geom->articles);
  g_ptr_array_unref (geom->sections);
  g_free (geom);
}

void
rdr_geometry_set_page (RdrGeometry *geom, guint page, const char *section)
{
  g_return_if_fail (geom != NULL && page >= 1);
  while (geom->sections->len < page)
    g_ptr_array_add (geom->sections, NULL);
  g_free (geom->sections->pdata[page - 1]);
  geom->sections->pdata[page - 1] = g_strdup (section);
}

const RdrArticleGeom *
rdr_geometry_find (const RdrGeometry *geom, const char *article_id)
{
  g_return_val_if_fail (geom != NULL && article_id != NULL, NULL);
  for (guint i = 0; i < geom->articles->len; i++)
    {
      const RdrArticleGeom *ag = g_ptr_array_index (geom->articles, i);
      if (strcmp (ag->article_id, article_id) == 0)
        return ag;
    }
  return NULL;
}

void
rdr_geometry_add_rect (RdrGeometry *geom, const char *article_id, guint page,
                       double x, double y, double w, double h)
{
  RdrArticleGeom *ag;
  RdrRect r = { page, x, y, w, h };

  g_return_if_fail (geom != NULL && article_id != NULL);
  ag = (RdrArticleGeom *) rdr_geometry_find (geom, article_id);
  if (ag == NULL)
    {
      ag = g_new0 (RdrArticleGeom, 1);
      ag->article_id = g_strdup (article_id);
      ag->rects = g_array_new (FALSE, FALSE, sizeof (RdrRect));
      g_ptr_array_add (geom->articles, ag);
    }
  g_array_append_val (ag->rects, r);
}

RdrGeometry *
rdr_geometry_new_stacked (const EdEdition *ed, double page_width, double page_height)
{
  RdrGeometry *geom = rdr_geometry_new (page_width, page_height);
  const double margin = 0.04 * page_width, top = 0.10 * page_height;

  for (guint p = 0; p < ed->pages->len; p++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, p);
      double total = 0, y = top;
      double avail = page_height - top - margin;

      for (guint a = 0; a < page->articles->len; a++)
        total += 200 + ed_article_char_count (g_ptr_array_index (page->articles, a));
      for (guint a = 0; a < page->articles->len; a++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, a);
          double h = avail * (200 + ed_article_char_count (art)) / total;

          rdr_geometry_add_rect (geom, art->id, page->number, margin, y + 2,
                                 page_width - 2 * margin, h - 4);
          y += h;
        }
    }
  return geom;
}

/* ---- the page plan --------------------------------------------------- */

/* Which pages the reader shows and which articles are on each. */
typedef struct {
  guint       n_pages;
  GPtrArray  *sections;       /* of const char * (borrowed), index page-1 */
  GPtrArray  *page_articles;  /* of GPtrArray * of const EdArticle *, index page-1 */
  GHashTable *article_page;   /* const EdArticle * → GUINT_TO_POINTER (page) */
} RdrPlan;

static void
rdr_plan_free (RdrPlan *plan)
{
  g_ptr_array_unref (plan->sections);
  g_ptr_array_unref (plan->page_articles);
  g_hash_table_unref (plan->article_page);
  g_free (plan);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdrPlan, rdr_plan_free)

/* Returns the lowest page @ag has a rectangle on, 0 if none. */
static guint
rdr_first_page (const RdrArticleGeom *ag)
{
  guint first = 0;

  for (guint i = 0; ag != NULL && i < ag->rects->len; i++)
    {
      guint p = g_array_index (ag->rects, RdrRect, i).page;
      if (first == 0 || p < first)
        first = p;
    }
  return first;
}

static gboolean
rdr_has_page (const RdrArticleGeom *ag, guint page)
{
  for (guint i = 0; ag != NULL && i < ag->rects->len; i++)
    if (g_array_index (ag->rects, RdrRect, i).page == page)
      return TRUE;
  return FALSE;
}

static guint
rdr_plan_page_count (const EdEdition *ed, const RdrGeometry *geom)
{
  guint n = geom && geom->sections->len ? geom->sections->len : ed->pages->len;

  for (guint i = 0; geom != NULL && i < geom->articles->len; i++)
    {
      const RdrArticleGeom *ag = g_ptr_array_index (geom->articles, i);
      for (guint r = 0; r < ag->rects->len; r++)
        n = MAX (n, g_array_index (ag->rects, RdrRect, r).page);
    }
  return MAX (n, 1);
}

static RdrPlan *
rdr_plan_new (const EdEdition *ed, const RdrGeometry *geom)
{
  RdrPlan *plan = g_new0 (RdrPlan, 1);

  plan->n_pages = rdr_plan_page_count (ed, geom);
  plan->sections = g_ptr_array_new ();
  plan->page_articles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  plan->article_page = g_hash_table_new (NULL, NULL);
  for (guint n = 1; n <= plan->n_pages; n++)
    {
      const char *sec = geom && n <= geom->sections->len ? g_ptr_array_index (geom->sections, n - 1) : NULL;
      if (sec == NULL && n <= ed->pages->len)
        sec = ((EdPage *) g_ptr_array_index (ed->pages, n - 1))->section;
      g_ptr_array_add (plan->sections, (gpointer) (sec ? sec : ""));
      g_ptr_array_add (plan->page_articles, g_ptr_array_new ());
    }
  /* each article's page; a page lists the articles starting on it, then
   * the continuations */
  for (guint a = 0; a < ed->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);
      guint first = geom ? rdr_first_page (rdr_geometry_find (geom, art->id)) : 0;
      guint page = first ? first : MIN (art->page, plan->n_pages);

      g_hash_table_insert (plan->article_page, (gpointer) art, GUINT_TO_POINTER (page));
      g_ptr_array_add (g_ptr_array_index (plan->page_articles, page - 1), (gpointer) art);
    }
  for (guint a = 0; a < ed->articles->len; a++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, a);
      const RdrArticleGeom *ag = geom ? rdr_geometry_find (geom, art->id) : NULL;
      guint page = GPOINTER_TO_UINT (g_hash_table_lookup (plan->article_page, art));

      for (guint n = page + 1; n <= plan->n_pages; n++)
        if (rdr_has_page (ag, n))
          g_ptr_array_add (g_ptr_array_index (plan->page_articles, n - 1), (gpointer) art);
    }
  return plan;
}

/* ---- edition.json ---------------------------------------------------- */

static void
rdr_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* Adds name: value unless @value is NULL or empty. */
static void
rdr_add_optional (JsonBuilder *b, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    rdr_add_string (b, name, value);
}

static void
rdr_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* Returns "../pages/<name>" when OUT_DIR/pages/<name> exists, else NULL. */
static char *
rdr_page_file (const char *out_dir, const char *name)
{
  g_autofree char *path = g_build_filename (out_dir, "pages", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_strconcat ("../pages/", name, NULL);
}

static void
rdr_add_page (JsonBuilder *b, const RdrPlan *plan, guint number, const char *out_dir)
{
  const char *section = g_ptr_array_index (plan->sections, number - 1);
  const GPtrArray *arts = g_ptr_array_index (plan->page_articles, number - 1);
  g_autofree char *label = *section ? g_strdup_printf ("第%u版 · %s", number, section)
                                    : g_strdup_printf ("第%u版", number);
  g_autofree char *n1 = g_strdup_printf ("p%u.png", number);
  /* the @2x image is JPEG on a page with colour (render-previews.c) */
  g_autofree char *n2 = g_strdup_printf ("p%u@2x.jpg", number);
  g_autofree char *n2p = g_strdup_printf ("p%u@2x.png", number);
  g_autofree char *nt = g_strdup_printf ("p%u-thumb.png", number);
  g_autofree char *img = rdr_page_file (out_dir, n1);
  g_autofree char *img2 = rdr_page_file (out_dir, n2);
  g_autofree char *thumb = rdr_page_file (out_dir, nt);

  if (!img2)
    img2 = rdr_page_file (out_dir, n2p);
  json_builder_begin_object (b);
  rdr_add_int (b, "number", number);
  rdr_add_string (b, "section", section);
  rdr_add_string (b, "label", label);
  rdr_add_optional (b, "image", img);
  rdr_add_optional (b, "image2x", img2);
  rdr_add_optional (b, "thumb", thumb);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint a = 0; a < arts->len; a++)
    json_builder_add_string_value (b, ((EdArticle *) g_ptr_array_index (arts, a))->id);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Converts @v pt of a @size pt page side to rect units. */
static gint64
rdr_unit (double v, double size)
{
  return (gint64) lround (v / size * RDR_RECT_UNIT);
}

/* Checks one rectangle against the edition and the page size. */
static gboolean
rdr_check_rect (const RdrGeometry *geom, const char *id, const RdrRect *r, GError **error)
{
  const double eps = 0.01;

  if (r->page < 1)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "geometry: article '%s': no page 0 (pages count from 1)",
                   id);
      return FALSE;
    }
  if (!(r->w > 0 && r->h > 0 && r->x >= -eps && r->y >= -eps
        && r->x + r->w <= geom->page_width + eps && r->y + r->h <= geom->page_height + eps))
    {
      eb_set_input_error (error, "geometry", 0,
                          "article '%s': rectangle %.1f,%.1f %.1f×%.1f lies outside page %u",
                          id, r->x, r->y, r->w, r->h, r->page);
      return FALSE;
    }
  return TRUE;
}

/* TRUE if rectangle @i of @ag lies inside another of its rectangles on the
 * same page (the first of equal ones is kept). */
static gboolean
rdr_rect_covered (const RdrArticleGeom *ag, guint i)
{
  const RdrRect *r = &g_array_index (ag->rects, RdrRect, i);
  const double eps = 0.01;

  for (guint j = 0; j < ag->rects->len; j++)
    {
      const RdrRect *o = &g_array_index (ag->rects, RdrRect, j);
      gboolean inside = j != i && o->page == r->page
                        && o->x <= r->x + eps && o->y <= r->y + eps
                        && o->x + o->w >= r->x + r->w - eps && o->y + o->h >= r->y + r->h - eps;
      gboolean equal = inside && fabs (o->x - r->x) < eps && fabs (o->y - r->y) < eps
                       && fabs (o->w - r->w) < eps && fabs (o->h - r->h) < eps;

      if (inside && (!equal || j < i))
        return TRUE;
    }
  return FALSE;
}

static void
rdr_add_rects (JsonBuilder *b, const RdrGeometry *geom, const RdrArticleGeom *ag)
{
  json_builder_set_member_name (b, "rects");
  json_builder_begin_array (b);
  for (guint i = 0; ag != NULL && i < ag->rects->len; i++)
    {
      const RdrRect *r = &g_array_index (ag->rects, RdrRect, i);
      if (rdr_rect_covered (ag, i))
        continue;
      gint64 x = rdr_unit (r->x, geom->page_width), y = rdr_unit (r->y, geom->page_height);

      json_builder_begin_object (b);
      rdr_add_int (b, "page", r->page);
      rdr_add_int (b, "x", CLAMP (x, 0, RDR_RECT_UNIT));
      rdr_add_int (b, "y", CLAMP (y, 0, RDR_RECT_UNIT));
      rdr_add_int (b, "w", CLAMP (rdr_unit (r->x + r->w, geom->page_width), 0, RDR_RECT_UNIT) - CLAMP (x, 0, RDR_RECT_UNIT));
      rdr_add_int (b, "h", CLAMP (rdr_unit (r->y + r->h, geom->page_height), 0, RDR_RECT_UNIT) - CLAMP (y, 0, RDR_RECT_UNIT));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Returns the name of @art's text file in reader/text/: "<id>.js" (ids
 * are [a-z0-9-]; anything else falls back to the edition index). */
static char *
rdr_text_name (const EdEdition *ed, const EdArticle *art)
{
  gboolean safe = art->id[0] != '\0';

  for (const char *c = art->id; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      safe = FALSE;
  if (safe)
    return g_strconcat (art->id, ".js", NULL);
  for (guint i = 0; i < ed->articles->len; i++)
    if (g_ptr_array_index (ed->articles, i) == art)
      return g_strdup_printf ("article-%u.js", i + 1);
  g_return_val_if_reached (NULL);
}

static void
rdr_add_article (JsonBuilder *b, const EdEdition *ed, const EdArticle *art,
                 const RdrGeometry *geom, const RdrPlan *plan)
{
  const RdrArticleGeom *ag = geom ? rdr_geometry_find (geom, art->id) : NULL;
  g_autofree char *name = rdr_text_name (ed, art);
  g_autofree char *text = g_strconcat (RDR_TEXT_DIR "/", name, NULL);

  json_builder_begin_object (b);
  rdr_add_string (b, "id", art->id);
  rdr_add_int (b, "page", GPOINTER_TO_UINT (g_hash_table_lookup (plan->article_page, art)));
  rdr_add_string (b, "title", art->title);
  rdr_add_optional (b, "kicker", art->kicker);
  json_builder_set_member_name (b, "lead");
  json_builder_add_boolean_value (b, art->lead);
  rdr_add_rects (b, geom, ag);
  rdr_add_string (b, "text", text);
  json_builder_end_object (b);
}

/* Validates every rectangle of @geom against @ed. */
static gboolean
rdr_check_geometry (const EdEdition *ed, const RdrGeometry *geom, GError **error)
{
  for (guint i = 0; geom != NULL && i < geom->articles->len; i++)
    {
      const RdrArticleGeom *ag = g_ptr_array_index (geom->articles, i);

      if (ed_edition_find_article (ed, ag->article_id) == NULL)
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "geometry: unknown article '%s'", ag->article_id);
          return FALSE;
        }
      for (guint r = 0; r < ag->rects->len; r++)
        if (!rdr_check_rect (geom, ag->article_id,
                             &g_array_index (ag->rects, RdrRect, r), error))
          return FALSE;
    }
  return TRUE;
}

static void
rdr_add_downloads (JsonBuilder *b, const char *out_dir)
{
  static const char *const kinds[][2] = { { "pdf", "edition.pdf" }, { "epub", "edition.epub" } };

  json_builder_set_member_name (b, "downloads");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_build_filename (out_dir, kinds[i][1], NULL);
      g_autofree char *href = g_strconcat ("../", kinds[i][1], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        rdr_add_string (b, kinds[i][0], href);
    }
  json_builder_end_object (b);
}

static void
rdr_add_header (JsonBuilder *b, const EdEdition *ed, const RdrGeometry *geom,
                const RdrOptions *opts, const char *out_dir)
{
  rdr_add_int (b, "format", 1);
  g_autofree char *title = eb_edition_title (ed->paper, &ed->gdate);
  g_autofree char *day = eb_date_text (&ed->gdate);

  rdr_add_string (b, "paper", ed->paper);
  rdr_add_string (b, "title", title);      /* the edition's one title (dates.h) */
  rdr_add_string (b, "date", ed->date);
  rdr_add_string (b, "date_text", day);
  rdr_add_string (b, "weekday", eb_weekday_name (&ed->gdate));
  rdr_add_optional (b, "issue", ed->issue);
  rdr_add_optional (b, "publisher", ed->publisher);
  rdr_add_string (b, "language", ed->language ? ed->language : "zh-CN");
  /* Without geometry assume an A-series page (1 : √2). */
  rdr_add_int (b, "page_width", geom ? lround (geom->page_width) : 1000);
  rdr_add_int (b, "page_height", geom ? lround (geom->page_height) : 1414);
  rdr_add_int (b, "rect_unit", RDR_RECT_UNIT);
  if (geom && geom->image_px > 0)
    rdr_add_int (b, "image_width", geom->image_px);
  rdr_add_optional (b, "calendar", opts ? opts->calendar_href : NULL);
  rdr_add_downloads (b, out_dir);
}

char *
rdr_edition_json (const EdEdition *ed, const RdrGeometry *geom,
                  const RdrOptions *opts, const char *out_dir, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_autoptr (RdrPlan) plan = NULL;

  g_return_val_if_fail (ed != NULL && out_dir != NULL, NULL);
  if (!rdr_check_geometry (ed, geom, error))
    return NULL;
  plan = rdr_plan_new (ed, geom);

  json_builder_begin_object (b);
  rdr_add_header (b, ed, geom, opts, out_dir);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint n = 1; n <= plan->n_pages; n++)
    rdr_add_page (b, plan, n, out_dir);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "articles");
  json_builder_begin_array (b);
  for (guint a = 0; a < ed->articles->len; a++)
    rdr_add_article (b, ed, g_ptr_array_index (ed->articles, a), geom, plan);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* ---- files ----------------------------------------------------------- */

static gboolean
rdr_copy_static (const char *data_dir, const char *dest_dir, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (rdr_static_files); i++)
    {
      g_autofree char *src = g_build_filename (data_dir, RDR_DIR, rdr_static_files[i], NULL);
      g_autofree char *dst = g_build_filename (dest_dir, rdr_static_files[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;
      g_autoptr (GError) local = NULL;

      if (!g_file_get_contents (src, &data, &len, &local))
        {
          g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot read the reader file: %s",
                       src, local->message);
          return FALSE;
        }
      if (!eb_write_file_atomic (dst, data, len, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes @json as reader/edition.json and reader/edition.js in @dir. */
static gboolean
rdr_write_data (const char *dir, const char *json, GError **error)
{
  g_autofree char *js = g_strconcat ("window.EPAPER_EDITION=", json, ";\n", NULL);
  g_autofree char *json_path = g_build_filename (dir, "edition.json", NULL);
  g_autofree char *js_path = g_build_filename (dir, "edition.js", NULL);

  return eb_write_file_atomic (json_path, json, strlen (json), error)
         && eb_write_file_atomic (js_path, js, strlen (js), error);
}

gboolean
rdr_set_calendar (const char *out_dir, const char *href, GError **error)
{
  g_autofree char *dir = g_build_filename (out_dir, RDR_DIR, NULL);
  g_autofree char *path = g_build_filename (dir, "edition.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *json = NULL;
  JsonNode *root;
  JsonObject *obj;

  if (!json_parser_load_from_file (parser, path, &local)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: cannot read the reader data: %s",
                   path, local ? local->message : "not a JSON object");
      return FALSE;
    }
  obj = json_node_get_object (root);
  if (json_object_has_member (obj, "calendar"))
    json_object_remove_member (obj, "calendar");
  if (href != NULL)
    json_object_set_string_member (obj, "calendar", href);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  return rdr_write_data (dir, json, error);
}

char *
rdr_article_text (const EdEdition *ed, const EdArticle *art, const RdrOptions *opts)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *html = NULL, *json = NULL;

  g_return_val_if_fail (ed != NULL && art != NULL, NULL);
  if (opts != NULL && opts->article_html != NULL)
    html = opts->article_html (art, opts->article_html_data);
  if (html == NULL)
    html = epub_article_xhtml (ed, art, NULL);
  json_builder_begin_object (b);
  rdr_add_string (b, "id", art->id);
  rdr_add_string (b, "html", html);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  return g_strconcat (RDR_TEXT_CALL "(", json, ");\n", NULL);
}

/* Writes reader/text/<name>.js for every article of @ed into @dir and
 * removes other .js files left there by an earlier build. */
static gboolean
rdr_write_texts (const EdEdition *ed, const RdrOptions *opts, const char *dir,
                 GError **error)
{
  g_autofree char *text_dir = g_build_filename (dir, RDR_TEXT_DIR, NULL);
  g_autoptr (GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDir *d;
  const char *entry;

  if (g_mkdir_with_parents (text_dir, 0755) != 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                   text_dir, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      char *name = rdr_text_name (ed, art);
      g_autofree char *path = g_build_filename (text_dir, name, NULL);
      g_autofree char *js = rdr_article_text (ed, art, opts);

      g_hash_table_add (written, name);
      if (!eb_write_file_atomic (path, js, strlen (js), error))
        return FALSE;
    }
  d = g_dir_open (text_dir, 0, NULL);
  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".js") && !g_hash_table_contains (written, entry))
      {
        g_autofree char *stale = g_build_filename (text_dir, entry, NULL);
        g_unlink (stale);
      }
  if (d != NULL)
    g_dir_close (d);
  return TRUE;
}

gboolean
rdr_write (const EdEdition *ed, const RdrGeometry *geom, const RdrOptions *opts,
           const char *data_dir, const char *out_dir, GError **error)
{
  g_autofree char *dir = NULL, *json = NULL;

  g_return_val_if_fail (ed != NULL && data_dir != NULL && out_dir != NULL, FALSE);

  json = rdr_edition_json (ed, geom, opts, out_dir, error);
  if (json == NULL)
    return FALSE;
  dir = g_build_filename (out_dir, RDR_DIR, NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: cannot create folder: %s",
                   dir, g_strerror (errno));
      return FALSE;
    }
  if (!rdr_copy_static (data_dir, dir, error)
      || !rdr_write_texts (ed, opts, dir, error))
    return FALSE;

  return rdr_write_data (dir, json, error);
}
