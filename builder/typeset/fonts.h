/* fonts.h — font configuration for the typesetter: a private fontconfig
 * configuration (fonts/fonts.conf) and the role → face table
 * (fonts/roles.yaml).  Used by the typesetter only.
 */
#pragma once

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <yaml.h>

#include "typeset/typeset.h"

typedef struct {
  char *family;   /* owned: fontconfig family name */
  int   weight;   /* CSS/OpenType weight: 100..900 */
  char *package;  /* owned: Debian package providing it */
} FontsRole;

typedef struct {
  FcConfig *config;                 /* owned reference: private config */
  FontsRole roles[TS_ROLE_COUNT];   /* indexed by TsRole */
} FontsSetup;

/* Loads @fonts_dir/fonts.conf and @fonts_dir/roles.yaml and checks that
 * every role's family is installed in that weight.  Fails with
 * EB_ERROR_INPUT ("file:line: ...") for a bad file and EB_ERROR_FONT naming
 * the Debian package for a missing face.  Caller owns the result. */
FontsSetup *fonts_setup_load (const char *fonts_dir, GError **error);
void        fonts_setup_free (FontsSetup *setup);   /* accepts NULL */

/* Reads and parses the YAML file @path into @doc (the caller deletes it
 * with yaml_document_delete()).  Fails with EB_ERROR_INPUT "path:line: …"
 * for an unreadable file or a syntax error. */
gboolean    fonts_yaml_load  (const char *path, yaml_document_t *doc, GError **error);

/* The roles.yaml key of @role ("body", "heading", …); static string. */
const char *fonts_role_name (TsRole role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FontsSetup, fonts_setup_free)
