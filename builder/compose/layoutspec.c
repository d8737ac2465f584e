/* layoutspec.c — reads layouts/NAME.yaml (libyaml) into a LaySpec.
 *
 * The file is a mapping of sections (page, grid, headline, text, masthead,
 * compose) holding scalar keys; the table below names every key, its unit,
 * its range and where it goes.  Every key is required so that a layout file
 * documents itself completely.
 */
#include "compose/layoutspec.h"
#include "base/errors.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <yaml.h>

#define LAY_PT_PER_MM (72.0 / 25.4)

typedef enum {
  LAY_KEY_STRING,
  LAY_KEY_MM,     /* number in mm, stored in pt */
  LAY_KEY_PT,     /* number in pt */
  LAY_KEY_NUMBER, /* plain number */
  LAY_KEY_UINT,
  LAY_KEY_BOOL,
  LAY_KEY_COLOR,  /* "#rrggbb" */
  LAY_KEY_CMYK,   /* "C M Y K" in percent, stored 0..1 */
  LAY_KEY_FACE,   /* "serif" or "sans", stored as a gboolean (TRUE: serif) */
} LayKeyType;

typedef struct {
  const char *key;      /* "section.name" */
  LayKeyType  type;
  size_t      offset;
  double      min, max; /* valid range of the number as written */
} LayKey;

#define LAY_OFF(field) offsetof (LaySpec, field)

static const LayKey lay_keys[] = {
  { "name", LAY_KEY_STRING, LAY_OFF (name), 0, 0 },
  { "description", LAY_KEY_STRING, LAY_OFF (description), 0, 0 },
  { "page.width_mm", LAY_KEY_MM, LAY_OFF (page_width), 40, 2000 },
  { "page.height_mm", LAY_KEY_MM, LAY_OFF (page_height), 40, 2000 },
  { "page.top_mm", LAY_KEY_MM, LAY_OFF (type_top), 0, 500 },
  { "page.type_height_mm", LAY_KEY_MM, LAY_OFF (type_height), 20, 2000 },
  { "grid.columns", LAY_KEY_UINT, LAY_OFF (columns), 1, 24 },
  { "grid.column_chars", LAY_KEY_UINT, LAY_OFF (column_chars), 4, 80 },
  { "grid.gutter_chars", LAY_KEY_NUMBER, LAY_OFF (gutter_chars), 0.5, 4 },
  { "grid.body_size_pt", LAY_KEY_PT, LAY_OFF (body_size), 4, 36 },
  { "grid.body_pitch_pt", LAY_KEY_PT, LAY_OFF (body_pitch), 4, 60 },
  { "grid.column_rules", LAY_KEY_BOOL, LAY_OFF (column_rules), 0, 0 },
  { "grid.rule_width_pt", LAY_KEY_PT, LAY_OFF (rule_width), 0.1, 4 },
  { "headline.lead_pt", LAY_KEY_PT, LAY_OFF (head_lead), 6, 120 },
  { "headline.major_pt", LAY_KEY_PT, LAY_OFF (head_major), 6, 120 },
  { "headline.normal_pt", LAY_KEY_PT, LAY_OFF (head_normal), 6, 120 },
  { "headline.small_pt", LAY_KEY_PT, LAY_OFF (head_small), 6, 120 },
  { "headline.major_columns", LAY_KEY_UINT, LAY_OFF (major_columns), 1, 24 },
  { "headline.kicker_pt", LAY_KEY_PT, LAY_OFF (kicker_size), 4, 60 },
  { "headline.kicker_lead_pt", LAY_KEY_PT, LAY_OFF (kicker_lead), 4, 60 },
  { "headline.subhead_pt", LAY_KEY_PT, LAY_OFF (subhead_size), 4, 60 },
  { "headline.title_face", LAY_KEY_FACE, LAY_OFF (title_serif), 0, 0 },
  { "text.byline_pt", LAY_KEY_PT, LAY_OFF (byline_size), 4, 36 },
  { "text.caption_pt", LAY_KEY_PT, LAY_OFF (caption_size), 4, 36 },
  { "text.folio_pt", LAY_KEY_PT, LAY_OFF (folio_size), 4, 36 },
  { "masthead.rows", LAY_KEY_UINT, LAY_OFF (masthead_rows), 2, 200 },
  { "masthead.columns", LAY_KEY_UINT, LAY_OFF (masthead_columns), 1, 24 },
  { "masthead.name_pt", LAY_KEY_PT, LAY_OFF (masthead_size), 8, 300 },
  { "masthead.color", LAY_KEY_COLOR, LAY_OFF (masthead_color), 0, 0 },
  { "masthead.running_head_gap_mm", LAY_KEY_MM, LAY_OFF (running_head_gap), 0, 50 },
  { "compose.lead_columns", LAY_KEY_UINT, LAY_OFF (lead_columns), 1, 24 },
  { "compose.wide_columns", LAY_KEY_UINT, LAY_OFF (wide_columns), 1, 24 },
  { "compose.min_module_rows", LAY_KEY_UINT, LAY_OFF (min_module_rows), 2, 200 },
  { "compose.stretch_rows", LAY_KEY_UINT, LAY_OFF (stretch_rows), 0, 50 },
  { "compose.keep_edition_pages", LAY_KEY_BOOL, LAY_OFF (keep_edition_pages), 0, 0 },
  { "compose.flow", LAY_KEY_BOOL, LAY_OFF (flow), 0, 0 },
  { "compose.band_gap_rows", LAY_KEY_UINT, LAY_OFF (band_gap_rows), 1, 20 },
  { "compose.figure_max_rows", LAY_KEY_UINT, LAY_OFF (figure_max_rows), 2, 400 },
  { "compose.picture_frames", LAY_KEY_BOOL, LAY_OFF (picture_frames), 0, 0 },
  { "compose.frame_columns", LAY_KEY_UINT, LAY_OFF (frame_columns), 1, 24 },
  { "press.bleed_mm", LAY_KEY_MM, LAY_OFF (press_bleed), 0, 20 },
  { "press.crop_mark_offset_mm", LAY_KEY_MM, LAY_OFF (press_mark_offset), 0, 20 },
  { "press.crop_mark_length_mm", LAY_KEY_MM, LAY_OFF (press_mark_length), 1, 30 },
  { "press.crop_mark_width_pt", LAY_KEY_PT, LAY_OFF (press_mark_width), 0.05, 2 },
  { "press.masthead_cmyk", LAY_KEY_CMYK, LAY_OFF (press_masthead_cmyk), 0, 0 },
  { "press.min_image_ppi", LAY_KEY_NUMBER, LAY_OFF (press_min_ppi), 0, 2400 },
  { "press.output_profile", LAY_KEY_STRING, LAY_OFF (press_profile), 0, 0 },
  { "press.output_condition", LAY_KEY_STRING, LAY_OFF (press_condition), 0, 0 },
};

void
comp_costs_init (CompCosts *costs)
{
#define COMP_COST_INIT(type, name, value, min, max, doc) costs->name = value;
  COMP_COSTS (COMP_COST_INIT)
#undef COMP_COST_INIT
}

/* The compose.costs entries, as keys of the table above. */
static const LayKey lay_cost_keys[] = {
#define LAY_COST_TYPE_D LAY_KEY_NUMBER
#define LAY_COST_TYPE_U LAY_KEY_UINT
#define LAY_COST_KEY(type, name, value, min, max, doc) \
  { "compose.costs." #name, LAY_COST_TYPE_##type, LAY_OFF (costs.name), min, max },
  COMP_COSTS (LAY_COST_KEY)
#undef LAY_COST_KEY
};

void
lay_spec_free (LaySpec *spec)
{
  if (!spec)
    return;
  g_free (spec->name);
  g_free (spec->description);
  g_free (spec->press_profile);
  g_free (spec->press_condition);
  g_free (spec);
}

static const LayKey *
lay_find_key (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (lay_keys); i++)
    if (strcmp (lay_keys[i].key, key) == 0)
      return &lay_keys[i];
  for (gsize i = 0; i < G_N_ELEMENTS (lay_cost_keys); i++)
    if (strcmp (lay_cost_keys[i].key, key) == 0)
      return &lay_cost_keys[i];
  return NULL;
}

static gboolean
lay_parse_color (const char *s, double rgb[3])
{
  if (strlen (s) != 7 || s[0] != '#')
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (s[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (s[2 + 2 * i]);
      if (hi < 0 || lo < 0)
        return FALSE;
      rgb[i] = (hi * 16 + lo) / 255.0;
    }
  return TRUE;
}

/* "0 100 100 10" (percent) → 0..1 each. */
static gboolean
lay_parse_cmyk (const char *s, double cmyk[4])
{
  g_auto (GStrv) parts = g_strsplit_set (s, " ,", -1);
  guint n = 0;

  for (guint i = 0; parts[i]; i++)
    {
      char *end = NULL;
      double v;

      if (!*parts[i])
        continue;
      v = g_ascii_strtod (parts[i], &end);
      if (n == 4 || *end || !isfinite (v) || v < 0 || v > 100)
        return FALSE;
      cmyk[n++] = v / 100;
    }
  return n == 4;
}

/* Stores scalar @value of @key into @spec; fails with a message. */
static gboolean
lay_set_value (LaySpec *spec, const LayKey *k, const char *value,
               const char *path, guint line, GError **error)
{
  char *field = (char *) spec + k->offset;
  char *end = NULL;
  double num;

  switch (k->type)
    {
    case LAY_KEY_STRING:
      g_free (*(char **) field);
      *(char **) field = g_strdup (value);
      return TRUE;
    case LAY_KEY_BOOL:
      if (strcmp (value, "true") == 0 || strcmp (value, "false") == 0)
        {
          *(gboolean *) field = value[0] == 't';
          return TRUE;
        }
      eb_set_input_error (error, path, line, "%s: expected true or false, not '%s'",
                          k->key, value);
      return FALSE;
    case LAY_KEY_FACE:
      if (strcmp (value, "serif") == 0 || strcmp (value, "sans") == 0)
        {
          *(gboolean *) field = value[1] == 'e';
          return TRUE;
        }
      eb_set_input_error (error, path, line, "%s: expected serif or sans, not '%s'",
                          k->key, value);
      return FALSE;
    case LAY_KEY_COLOR:
      if (lay_parse_color (value, (double *) field))
        return TRUE;
      eb_set_input_error (error, path, line, "%s: expected a colour #rrggbb, not '%s'",
                          k->key, value);
      return FALSE;
    case LAY_KEY_CMYK:
      if (lay_parse_cmyk (value, (double *) field))
        return TRUE;
      eb_set_input_error (error, path, line,
                          "%s: expected four percentages \"C M Y K\" (0 to 100), not '%s'",
                          k->key, value);
      return FALSE;
    default:
      break;
    }
  num = g_ascii_strtod (value, &end);
  if (!*value || *end || !isfinite (num))
    {
      eb_set_input_error (error, path, line, "%s: expected a number, not '%s'", k->key, value);
      return FALSE;
    }
  if (num < k->min || num > k->max
      || (k->type == LAY_KEY_UINT && num != floor (num)))
    {
      eb_set_input_error (error, path, line, "%s: %s is out of range (%g to %g%s)",
                          k->key, value, k->min, k->max,
                          k->type == LAY_KEY_UINT ? ", whole numbers" : "");
      return FALSE;
    }
  if (k->type == LAY_KEY_UINT)
    *(guint *) field = (guint) num;
  else
    *(double *) field = k->type == LAY_KEY_MM ? num * LAY_PT_PER_MM : num;
  return TRUE;
}

typedef struct {
  const char    *path;
  yaml_document_t *doc;
  LaySpec       *spec;
  GHashTable    *seen;  /* key → TRUE */
} LayReader;

static guint
lay_node_line (const yaml_node_t *node)
{
  return (guint) node->start_mark.line + 1;
}

/* Walks a mapping, recursing into sections; @prefix is "" or "section.". */
static gboolean
lay_read_mapping (LayReader *r, yaml_node_t *map, const char *prefix, GError **error)
{
  if (map->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, r->path, lay_node_line (map), "expected a mapping of keys");
      return FALSE;
    }
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
       p < map->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = yaml_document_get_node (r->doc, p->key);
      yaml_node_t *v = yaml_document_get_node (r->doc, p->value);
      g_autofree char *key = NULL;
      const LayKey *desc;

      if (k->type != YAML_SCALAR_NODE)
        {
          eb_set_input_error (error, r->path, lay_node_line (k), "keys must be plain names");
          return FALSE;
        }
      key = g_strconcat (prefix, (const char *) k->data.scalar.value, NULL);
      if (v->type == YAML_MAPPING_NODE && (!*prefix || !strcmp (key, "compose.costs")))
        {
          g_autofree char *sub = g_strconcat (key, ".", NULL);
          if (!lay_read_mapping (r, v, sub, error))
            return FALSE;
          continue;
        }
      desc = lay_find_key (key);
      if (!desc)
        {
          eb_set_input_error (error, r->path, lay_node_line (k), "unknown key '%s'", key);
          return FALSE;
        }
      if (v->type != YAML_SCALAR_NODE)
        {
          eb_set_input_error (error, r->path, lay_node_line (v), "%s: expected a value", key);
          return FALSE;
        }
      if (g_hash_table_contains (r->seen, desc->key))
        {
          eb_set_input_error (error, r->path, lay_node_line (k), "%s is given twice", key);
          return FALSE;
        }
      if (!lay_set_value (r->spec, desc, (const char *) v->data.scalar.value, r->path,
                          lay_node_line (v), error))
        return FALSE;
      g_hash_table_add (r->seen, (gpointer) desc->key);
    }
  return TRUE;
}

/* Cross-key checks once every key is read. */
static gboolean
lay_check_spec (const LaySpec *spec, const char *path, GError **error)
{
  if (lay_spec_type_width (spec) > spec->page_width)
    {
      eb_set_input_error (error, path, 1, "the column grid (%.1f mm) is wider than the page",
                          lay_spec_type_width (spec) / LAY_PT_PER_MM);
      return FALSE;
    }
  if (spec->type_top + spec->type_height > spec->page_height)
    {
      eb_set_input_error (error, path, 1, "page.top_mm + page.type_height_mm exceed the page");
      return FALSE;
    }
  if (spec->body_pitch < spec->body_size)
    {
      eb_set_input_error (error, path, 1, "grid.body_pitch_pt is smaller than the body size");
      return FALSE;
    }
  if (spec->lead_columns > spec->columns || spec->wide_columns > spec->columns
      || spec->masthead_columns > spec->columns || spec->frame_columns > spec->columns)
    {
      eb_set_input_error (error, path, 1, "a column count exceeds grid.columns (%u)",
                          spec->columns);
      return FALSE;
    }
  if (spec->flow && spec->columns != 1)
    {
      eb_set_input_error (error, path, 1, "compose.flow needs grid.columns 1 (not %u)",
                          spec->columns);
      return FALSE;
    }
  if (spec->masthead_rows + spec->min_module_rows > lay_spec_rows (spec))
    {
      eb_set_input_error (error, path, 1, "the masthead leaves no room on page 1");
      return FALSE;
    }
  return TRUE;
}

LaySpec *
lay_spec_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) io = NULL;
  g_autoptr (LaySpec) spec = NULL;
  g_autoptr (GHashTable) seen = NULL;
  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_node_t *root;
  LayReader r;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  if (!g_file_get_contents (path, &text, &len, &io))
    {
      eb_set_input_error (error, path, 1, "cannot read layout: %s", io->message);
      return NULL;
    }
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, len);
  ok = yaml_parser_load (&parser, &doc);
  if (!ok)
    {
      eb_set_input_error (error, path, (guint) parser.problem_mark.line + 1,
                          "malformed YAML: %s", parser.problem ? parser.problem : "?");
      yaml_parser_delete (&parser);
      return NULL;
    }
  yaml_parser_delete (&parser);
  root = yaml_document_get_root_node (&doc);
  spec = g_new0 (LaySpec, 1);
  comp_costs_init (&spec->costs);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  r = (LayReader) { path, &doc, spec, seen };
  ok = root != NULL;
  if (!ok)
    eb_set_input_error (error, path, 1, "empty layout file");
  else
    ok = lay_read_mapping (&r, root, "", error);
  yaml_document_delete (&doc);
  if (!ok)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (lay_keys); i++)
    if (!g_hash_table_contains (seen, lay_keys[i].key))
      {
        eb_set_input_error (error, path, 1, "missing key '%s'", lay_keys[i].key);
        return NULL;
      }
  if (!lay_check_spec (spec, path, error))
    return NULL;
  return g_steal_pointer (&spec);
}

LaySpec *
lay_spec_load_named (const char *data_dir, const char *name, GError **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL && name != NULL, NULL);
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      {
        g_set_error (error, EB_ERROR, EB_ERROR_INPUT,
                     "invalid layout name '%s' (letters, digits, - and _ only)", name);
        return NULL;
      }
  if (!*name)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "empty layout name");
      return NULL;
    }
  file = g_strconcat (name, ".yaml", NULL);
  path = g_build_filename (data_dir, "layouts", file, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "unknown layout '%s' (no %s)", name, path);
      return NULL;
    }
  return lay_spec_load (path, error);
}

double
lay_spec_column_width (const LaySpec *spec)
{
  return spec->column_chars * spec->body_size;
}

double
lay_spec_gutter (const LaySpec *spec)
{
  return spec->gutter_chars * spec->body_size;
}

double
lay_spec_span_width (const LaySpec *spec, guint n)
{
  if (n == 0)
    return 0;
  return n * lay_spec_column_width (spec) + (n - 1) * lay_spec_gutter (spec);
}

double
lay_spec_type_width (const LaySpec *spec)
{
  return lay_spec_span_width (spec, spec->columns);
}

double
lay_spec_type_left (const LaySpec *spec)
{
  return (spec->page_width - lay_spec_type_width (spec)) / 2.0;
}

guint
lay_spec_rows (const LaySpec *spec)
{
  return (guint) floor (spec->type_height / spec->body_pitch + 1e-6);
}

double
lay_spec_column_x (const LaySpec *spec, guint col)
{
  return lay_spec_type_left (spec)
         + col * (lay_spec_column_width (spec) + lay_spec_gutter (spec));
}

static void
lay_dump_keys (GString *s, const LaySpec *spec, const LayKey *keys, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const LayKey *k = &keys[i];
      const char *field = (const char *) spec + k->offset;

      g_string_append_printf (s, "%s = ", k->key);
      switch (k->type)
        {
        case LAY_KEY_STRING:
          g_string_append (s, *(char *const *) field);
          break;
        case LAY_KEY_UINT:
          g_string_append_printf (s, "%u", *(const guint *) field);
          break;
        case LAY_KEY_BOOL:
          g_string_append (s, *(const gboolean *) field ? "true" : "false");
          break;
        case LAY_KEY_FACE:
          g_string_append (s, *(const gboolean *) field ? "serif" : "sans");
          break;
        case LAY_KEY_COLOR:
          {
            const double *c = (const double *) field;
            g_string_append_printf (s, "#%02x%02x%02x", (int) lround (c[0] * 255),
                                    (int) lround (c[1] * 255), (int) lround (c[2] * 255));
          }
          break;
        case LAY_KEY_CMYK:
          {
            const double *c = (const double *) field;
            g_string_append_printf (s, "%g %g %g %g", c[0] * 100, c[1] * 100, c[2] * 100,
                                    c[3] * 100);
          }
          break;
        case LAY_KEY_NUMBER:
          g_string_append_printf (s, "%g", *(const double *) field);
          break;
        default:
          g_string_append_printf (s, "%.2f pt", *(const double *) field);
          break;
        }
      g_string_append_c (s, '\n');
    }
}

char *
lay_spec_dump (const LaySpec *spec)
{
  GString *s = g_string_new (NULL);

  lay_dump_keys (s, spec, lay_keys, G_N_ELEMENTS (lay_keys));
  lay_dump_keys (s, spec, lay_cost_keys, G_N_ELEMENTS (lay_cost_keys));
  g_string_append_printf (s, "derived: type_width = %.2f pt, rows = %u, column = %.2f pt\n",
                          lay_spec_type_width (spec), lay_spec_rows (spec),
                          lay_spec_column_width (spec));
  return g_string_free (s, FALSE);
}
