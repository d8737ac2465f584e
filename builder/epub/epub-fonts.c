/* epub-fonts.c — subset a system font to the glyphs an EPUB uses. */
#include "epub/epub-private.h"
#include "base/errors.h"

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <string.h>

/* Finds the file and face index of @family at OpenType @weight.  Returns FALSE
 * with EB_ERROR_FONT when fontconfig substitutes another family. */
static gboolean
epub_font_find (FcConfig *config, const char *family, int weight, char **file_out,
                int *index_out, GError **error)
{
  FcPattern *pat = FcPatternCreate ();
  FcPattern *match;
  FcResult result = FcResultNoMatch;
  FcChar8 *file = NULL, *found_family = NULL;
  gboolean ok = FALSE;

  FcPatternAddString (pat, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddInteger (pat, FC_WEIGHT, FcWeightFromOpenType (weight));
  FcConfigSubstitute (config, pat, FcMatchPattern);
  FcDefaultSubstitute (pat);
  match = FcFontMatch (config, pat, &result);
  if (match && FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch
      && FcPatternGetString (match, FC_FAMILY, 0, &found_family) == FcResultMatch)
    {
      /* A family may list several names (localized); accept any of them. */
      for (int i = 0; FcPatternGetString (match, FC_FAMILY, i, &found_family) == FcResultMatch; i++)
        if (g_ascii_strcasecmp ((const char *) found_family, family) == 0)
          ok = TRUE;
    }
  if (ok)
    {
      *file_out = g_strdup ((const char *) file);
      if (FcPatternGetInteger (match, FC_INDEX, 0, index_out) != FcResultMatch)
        *index_out = 0;
    }
  else
    g_set_error (error, EB_ERROR, EB_ERROR_FONT,
                 "font '%s' not found (install fonts-noto-cjk to embed fonts)", family);
  if (match)
    FcPatternDestroy (match);
  FcPatternDestroy (pat);
  return ok;
}

/* TRUE if the OS/2 fsType of @face allows embedding in a document: not
 * "restricted licence" (bit 1) unless an embedding bit is also set. */
static gboolean
epub_font_embeddable (hb_face_t *face)
{
  hb_blob_t *os2 = hb_face_reference_table (face, HB_TAG ('O', 'S', '/', '2'));
  unsigned int len = 0;
  const guint8 *d = (const guint8 *) hb_blob_get_data (os2, &len);
  gboolean ok = TRUE;

  if (len >= 10)
    {
      unsigned int fs_type = ((unsigned int) d[8] << 8) | d[9];

      ok = (fs_type & 0x000e) != 0x0002;
    }
  hb_blob_destroy (os2);
  return ok;
}

GBytes *
epub_font_subset (FcConfig *config, const char *family, int weight, const char *chars,
                  GError **error)
{
  g_autofree char *file = NULL;
  int index = 0;
  hb_blob_t *blob, *out_blob;
  hb_face_t *face, *sub = NULL;
  hb_subset_input_t *input;
  GBytes *bytes = NULL;

  if (!epub_font_find (config, family, weight, &file, &index, error))
    return NULL;
  blob = hb_blob_create_from_file_or_fail (file);
  if (!blob)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_FONT, "%s: cannot read font file", file);
      return NULL;
    }
  face = hb_face_create (blob, (unsigned int) index);
  hb_blob_destroy (blob);
  if (!epub_font_embeddable (face))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_FONT,
                   "%s: the font's licence does not allow embedding", file);
      hb_face_destroy (face);
      return NULL;
    }
  input = hb_subset_input_create_or_fail ();
  if (input)
    {
      hb_set_t *unicodes = hb_subset_input_unicode_set (input);

      for (const char *p = chars; *p; p = g_utf8_next_char (p))
        hb_set_add (unicodes, g_utf8_get_char (p));
      /* Hints help nobody on a phone screen and cost a third of the size. */
      hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);
      sub = hb_subset_or_fail (face, input);
      hb_subset_input_destroy (input);
    }
  if (sub)
    {
      unsigned int len = 0;
      const char *data;

      out_blob = hb_face_reference_blob (sub);
      data = hb_blob_get_data (out_blob, &len);
      if (len > 0)
        bytes = g_bytes_new (data, len);
      hb_blob_destroy (out_blob);
      hb_face_destroy (sub);
    }
  hb_face_destroy (face);
  if (!bytes)
    g_set_error (error, EB_ERROR, EB_ERROR_FONT, "%s: subsetting failed", file);
  return bytes;
}
