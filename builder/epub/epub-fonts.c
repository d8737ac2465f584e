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

/* ----------------------------------------------------------------- CSS */

/* The faces the CSS names, each embedded with --embed-fonts as a subset
 * of the text set in it: the body (serif), headlines and bold runs (sans,
 * bold), the contents (sans, the folio role's weight) and emphasis,
 * captions, kickers and subtitles (楷, as on the printed page). */
typedef struct {
  const char *file;     /* EPUB/fonts/<file>.otf or .ttf */
  const char *family;   /* CSS family name of the @font-face */
  const char *weight;   /* CSS font-weight of the @font-face */
  TsRole      role;     /* the face: fonts/roles.yaml */
  const char *fallback_family;   /* without a font configuration */
  int         fallback_weight;
} EpubFace;

static const EpubFace epub_faces[] = {
  { "serif", "Epaper Serif", "normal", TS_ROLE_BODY, EPUB_FONT_SERIF, 400 },
  { "sans", "Epaper Sans", "bold", TS_ROLE_HEADING, EPUB_FONT_SANS, 700 },
  { "sans-regular", "Epaper Sans", "normal", TS_ROLE_FOLIO, EPUB_FONT_SANS, 400 },
  { "kai", "Epaper Kai", "normal", TS_ROLE_CAPTION, "AR PL UKai CN", 400 },
};

/* The text each face of epub_faces[] must hold. */
static const GString *
epub_face_text (const EpubBuild *b, guint face)
{
  switch (face)
    {
    case 0: return b->all_text;
    case 1: return b->sans_text;
    case 2: return b->medium_text;
    default: return b->kai_text;
    }
}

/* Digits, Latin letters and punctuation a reading system may show, and
 * the vertical forms of quotes (ts_vertical_form). */
#define EPUB_FONT_EXTRA \
  " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
  "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~　，。、；：？！“”‘’（）《》…—·『』「」"

gboolean
epub_add_fonts (EpubBuild *b, GError **error)
{
  const FontsSetup *fonts = NULL;

  if (!epub_load_fonts (b, &fonts, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (epub_faces); i++)
    {
      const EpubFace *f = &epub_faces[i];
      g_autoptr (GString) text = g_string_new (epub_face_text (b, i)->str);
      const char *family = fonts ? fonts->roles[f->role].family : f->fallback_family;
      int weight = fonts ? fonts->roles[f->role].weight : f->fallback_weight;
      GBytes *font;
      g_autofree char *name = NULL, *id = NULL;
      gboolean cff;

      g_string_append (text, EPUB_FONT_EXTRA);
      font = epub_font_subset (fonts ? fonts->config : NULL, family, weight, text->str, error);
      if (!font)
        return FALSE;
      cff = g_bytes_get_size (font) >= 4 && memcmp (g_bytes_get_data (font, NULL), "OTTO", 4) == 0;
      name = g_strdup_printf ("EPUB/fonts/%s.%s", f->file, cff ? "otf" : "ttf");
      id = g_strdup_printf ("font-%s", f->file);
      epub_add_entry (b, EPUB_RANK_FONT, name, font, id,
                      cff ? "application/vnd.ms-opentype" : "font/ttf", NULL);
      g_ptr_array_add (b->font_files, g_steal_pointer (&name));
    }
  return TRUE;
}

/* The @font-face rules of the faces epub_add_fonts() embedded. */
static void
epub_css_font_faces (EpubBuild *b, GString *css)
{
  for (guint i = 0; i < G_N_ELEMENTS (epub_faces) && i < b->font_files->len; i++)
    g_string_append_printf (css, "@font-face { font-family: \"%s\"; font-weight: %s; "
                            "src: url(../%s); }\n", epub_faces[i].family, epub_faces[i].weight,
                            (const char *) b->font_files->pdata[i] + strlen ("EPUB/"));
}

#define EPUB_CSS_SERIF \
  "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", \"STSong\", " \
  "\"SimSun\", \"AR PL UMing CN\", serif"
#define EPUB_CSS_SANS \
  "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Heiti SC\", " \
  "\"STHeiti\", \"Microsoft YaHei\", \"SimHei\", sans-serif"
#define EPUB_CSS_KAI \
  "\"Kaiti SC\", \"STKaiti\", \"KaiTi\", \"AR PL UKai CN\", serif"

void
epub_add_css (EpubBuild *b)
{
  GString *css = g_string_new ("@charset \"UTF-8\";\n");
  const char *serif = EPUB_CSS_SERIF, *sans = EPUB_CSS_SANS, *kai = EPUB_CSS_KAI;

  if (b->opts->embed_fonts)
    {
      epub_css_font_faces (b, css);
      serif = "\"Epaper Serif\", " EPUB_CSS_SERIF;
      sans = "\"Epaper Sans\", " EPUB_CSS_SANS;
      kai = "\"Epaper Kai\", " EPUB_CSS_KAI;
    }
  if (b->opts->vertical)
    g_string_append (css,
      "html { -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; "
      "writing-mode: vertical-rl; }\n"
      ".tcy { -epub-text-combine: horizontal; -webkit-text-combine: horizontal; "
      "text-combine-upright: all; }\n");
  g_string_append_printf (css,
    "body { font-family: %s; line-height: 1.75; margin: 0.5em; }\n"
    "p { margin: 0; text-indent: 2em; text-align: justify; "
    "-epub-line-break: strict; -webkit-line-break: strict; line-break: strict; }\n"
    "h1, h2, h3, h4, h5, h6, .badge, .banner, b, nav a { font-family: %s; }\n"
    "h1, h2, h3, h4, h5, h6, b { font-weight: bold; }\n"
    "header { margin: 0 0 1.5em 0; text-align: center; }\n"
    "header p { text-indent: 0; text-align: center; }\n"
    "h1 { font-size: 1.6em; line-height: 1.3; margin: 0.3em 0; }\n"
    "h2 { font-size: 1.15em; margin: 1em 0 0.5em 0; }\n"
    "h3, h4, h5, h6 { font-size: 1em; margin: 1em 0 0.5em 0; }\n"
    ".kicker, .subtitle { font-size: 1.05em; font-family: %s; }\n"
    ".badge { display: inline-block; font-size: 0.85em; font-weight: bold; "
    "padding: 0 0.3em; border: 1px solid #999; background: #e6e6e6; }\n"
    ".banner { text-indent: 0; text-align: center; font-size: 1.3em; font-weight: bold; "
    "margin: 0 0 1em 0; }\n"
    "p.signature { text-indent: 0; text-align: right; }\n"
    ".byline { font-size: 0.9em; margin-top: 0.5em; }\n"
    "em { font-style: normal; font-family: %s; }\n"
    "figure { margin: 1em 0; text-align: center; }\n"
    "figure img { max-width: 100%%; max-height: 90%%; }\n"
    "figcaption { font-size: 0.9em; text-align: justify; text-indent: 0; "
    "font-family: %s; }\n"
    ".credit, .nobr { white-space: nowrap; }\n"
    "div.note { margin: 1em 0; padding: 0.3em 0.6em; border: 1px solid #999; }\n"
    "div.note p { text-indent: 0; }\n"
    "nav ol { list-style-type: none; padding-left: 1em; padding-right: 0; }\n"
    "nav a { color: inherit; text-decoration: none; }\n"
    "nav > ol > li > a { font-weight: bold; }\n"
    "body.cover { margin: 0; padding: 0; text-align: center; }\n"
    "section.cover img { max-width: 100%%; max-height: 100%%; }\n",
    serif, sans, kai, kai, kai);
  epub_add_text_entry (b, EPUB_RANK_CSS, EPUB_CSS_PATH, g_string_free (css, FALSE),
                       "css", "text/css", NULL);
}

