/* fonts.c — private fontconfig configuration and font roles. */
#include "typeset/fonts.h"

#include <string.h>
#include <yaml.h>

#include "base/errors.h"

static const char *const role_names[TS_ROLE_COUNT] = {
  "body", "heading", "kicker", "subtitle", "byline", "caption", "masthead", "folio",
  "title",
};

static const struct { const char *name; int weight; } weight_names[] = {
  { "thin", 100 }, { "light", 300 }, { "regular", 400 }, { "normal", 400 },
  { "book", 400 }, { "medium", 500 }, { "semibold", 600 }, { "bold", 700 },
  { "black", 900 }, { "heavy", 900 },
};

const char *
fonts_role_name (TsRole role)
{
  g_return_val_if_fail (role < TS_ROLE_COUNT, "?");
  return role_names[role];
}

void
fonts_setup_free (FontsSetup *setup)
{
  if (!setup)
    return;
  for (int i = 0; i < TS_ROLE_COUNT; i++)
    {
      g_free (setup->roles[i].family);
      g_free (setup->roles[i].package);
    }
  if (setup->config)
    FcConfigDestroy (setup->config);
  g_free (setup);
}

static int
fonts_parse_weight (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (weight_names); i++)
    if (!g_ascii_strcasecmp (name, weight_names[i].name))
      return weight_names[i].weight;
  if (g_ascii_isdigit (name[0]))
    return CLAMP (atoi (name), 100, 1000);
  return -1;
}

static const char *
fonts_scalar (yaml_node_t *node)
{
  return node && node->type == YAML_SCALAR_NODE ? (const char *) node->data.scalar.value : NULL;
}

/* Reads one "role: { family: …, weight: …, package: … }" entry. */
static gboolean
fonts_parse_role (yaml_document_t *doc, const char *path, yaml_node_t *val,
                  FontsRole *role, GError **error)
{
  guint line = val->start_mark.line + 1;

  if (val->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, path, line, "a role needs a mapping {family, weight, package}");
      return FALSE;
    }
  role->weight = 400;
  for (yaml_node_pair_t *p = val->data.mapping.pairs.start; p < val->data.mapping.pairs.top; p++)
    {
      const char *k = fonts_scalar (yaml_document_get_node (doc, p->key));
      const char *v = fonts_scalar (yaml_document_get_node (doc, p->value));
      if (!k || !v)
        {
          eb_set_input_error (error, path, line, "role fields must be plain scalars");
          return FALSE;
        }
      if (!strcmp (k, "family"))
        g_free (role->family), role->family = g_strdup (v);
      else if (!strcmp (k, "package"))
        g_free (role->package), role->package = g_strdup (v);
      else if (!strcmp (k, "weight") && (role->weight = fonts_parse_weight (v)) < 0)
        {
          eb_set_input_error (error, path, line, "unknown weight '%s'", v);
          return FALSE;
        }
    }
  if (!role->family)
    {
      eb_set_input_error (error, path, line, "role has no family");
      return FALSE;
    }
  if (!role->package)
    role->package = g_strdup ("(unknown package)");
  return TRUE;
}

gboolean
fonts_yaml_load (const char *path, yaml_document_t *doc, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) read_error = NULL;
  gsize len = 0;
  yaml_parser_t parser;
  gboolean ok;

  if (!g_file_get_contents (path, &data, &len, &read_error))
    {
      eb_set_input_error (error, path, 1, "cannot read: %s", read_error->message);
      return FALSE;
    }
  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, len);
  ok = yaml_parser_load (&parser, doc);
  if (!ok)
    eb_set_input_error (error, path, parser.problem_mark.line + 1, "%s",
                        parser.problem ? parser.problem : "YAML syntax error");
  yaml_parser_delete (&parser);
  return ok;
}

static gboolean
fonts_load_roles (FontsSetup *setup, const char *path, GError **error)
{
  yaml_document_t doc;
  yaml_node_t *root;
  gboolean ok = FALSE;

  if (!fonts_yaml_load (path, &doc, error))
    return FALSE;
  root = yaml_document_get_root_node (&doc);
  if (!root || root->type != YAML_MAPPING_NODE)
    {
      eb_set_input_error (error, path, 1, "expected a mapping of roles");
      goto out;
    }
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++)
    {
      yaml_node_t *key = yaml_document_get_node (&doc, p->key);
      const char *k = fonts_scalar (key);
      int r;

      for (r = 0; r < TS_ROLE_COUNT; r++)
        if (k && !strcmp (k, role_names[r]))
          break;
      if (r == TS_ROLE_COUNT)
        {
          eb_set_input_error (error, path, key->start_mark.line + 1, "unknown font role '%s'",
                              k ? k : "?");
          goto out;
        }
      if (!fonts_parse_role (&doc, path, yaml_document_get_node (&doc, p->value),
                             &setup->roles[r], error))
        goto out;
    }
  for (int r = 0; r < TS_ROLE_COUNT; r++)
    if (!setup->roles[r].family)
      {
        eb_set_input_error (error, path, 1, "font role '%s' is missing", role_names[r]);
        goto out;
      }
  ok = TRUE;
out:
  yaml_document_delete (&doc);
  return ok;
}

/* TRUE if @config has a face of @family within one weight step of @weight. */
static gboolean
fonts_has_face (FcConfig *config, const char *family, int weight)
{
  FcPattern *pat = FcPatternCreate ();
  FcObjectSet *os = FcObjectSetBuild (FC_FAMILY, FC_WEIGHT, NULL);
  FcFontSet *set;
  int want = FcWeightFromOpenType (weight);
  gboolean found = FALSE;

  FcPatternAddString (pat, FC_FAMILY, (const FcChar8 *) family);
  set = FcFontList (config, pat, os);
  for (int i = 0; set && i < set->nfont && !found; i++)
    {
      int w = 0;
      if (FcPatternGetInteger (set->fonts[i], FC_WEIGHT, 0, &w) == FcResultMatch && ABS (w - want) <= 10)
        found = TRUE;
    }
  if (set)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (os);
  FcPatternDestroy (pat);
  return found;
}

FontsSetup *
fonts_setup_load (const char *fonts_dir, GError **error)
{
  g_autoptr (FontsSetup) setup = g_new0 (FontsSetup, 1);
  g_autofree char *dir = g_canonicalize_filename (fonts_dir, NULL);  /* fontconfig
                                     resolves relative names against its own folder */
  g_autofree char *conf = g_build_filename (dir, "fonts.conf", NULL);
  g_autofree char *roles = g_build_filename (fonts_dir, "roles.yaml", NULL);

  if (!g_file_test (conf, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_FONT, "%s: font configuration not found", conf);
      return NULL;
    }
  if (!fonts_load_roles (setup, roles, error))
    return NULL;
  setup->config = FcConfigCreate ();
  if (!FcConfigParseAndLoad (setup->config, (const FcChar8 *) conf, FcTrue)
      || !FcConfigBuildFonts (setup->config))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_FONT, "%s: cannot load the font configuration", conf);
      return NULL;
    }
  for (int r = 0; r < TS_ROLE_COUNT; r++)
    if (!fonts_has_face (setup->config, setup->roles[r].family, setup->roles[r].weight))
      {
        g_set_error (error, EB_ERROR, EB_ERROR_FONT,
                     "font role '%s': \"%s\" (weight %d) is not installed; "
                     "install the Debian package %s",
                     role_names[r], setup->roles[r].family, setup->roles[r].weight,
                     setup->roles[r].package);
        return NULL;
      }
  /* pango's font map starts by calling FcInit(), which loads the system's
   * configuration and every font cache it names (about 30 M instructions,
   * waited for before the first font is loaded) unless a configuration is
   * current already; ours is the only one the program uses. */
  FcConfigSetCurrent (setup->config);
  return g_steal_pointer (&setup);
}
