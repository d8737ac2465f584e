/* epub-private.h — parts of the EPUB packager kept in their own files:
 * the typographic cover (epub-cover.c) and font subsetting (epub-fonts.c).
 * Only epub.c includes this header. */
#pragma once

#include <glib.h>

#include "typeset/fonts.h"
#include "model/model.h"

/* Cover design size (3:4, like an e-reader screen); the PNG is 600×800. */
#define EPUB_COVER_WIDTH   900
#define EPUB_COVER_HEIGHT  1200

/* Renders a typographic cover for @ed as PNG bytes: the paper's name as a
 * masthead, the date line and the list of pages (第N版 section — lead
 * title).  Faces come from the font roles of @fonts (masthead, heading,
 * body, folio) and its private fontconfig configuration; with NULL, the
 * system configuration and Noto CJK.  Returns NULL with EB_ERROR_OUTPUT if cairo fails.  Caller owns. */
GBytes *epub_cover_render (const EdEdition *ed, const FontsSetup *fonts, GError **error);

/* Returns @family (e.g. "Noto Serif CJK SC") at OpenType weight @weight
 * (400 regular, 700 bold), as found in @config (NULL: the system's), subset to the characters of @chars (UTF-8; duplicates are
 * fine) as an OpenType font (CFF or TrueType outlines as in the source;
 * a face of a .ttc collection is extracted).  Fails with EB_ERROR_FONT if
 * fontconfig finds no such family, its licence forbids embedding (OS/2
 * fsType restricted) or hb-subset fails.  Caller owns. */
GBytes *epub_font_subset (FcConfig *config, const char *family, int weight,
                          const char *chars, GError **error);
