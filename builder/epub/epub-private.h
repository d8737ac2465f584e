/* epub-private.h — what the files of the EPUB packager share: the build
 * state, the typographic cover (epub-cover.c), CSS and embedded fonts
 * (epub-fonts.c) and the package document (epub-opf.c).  Only files of
 * builder/epub/ include this header. */
#pragma once

#include <glib.h>

#include "typeset/fonts.h"
#include "model/model.h"
#include "epub/epub.h"

#define EPUB_FONT_SERIF  "Noto Serif CJK SC"
#define EPUB_FONT_SANS   "Noto Sans CJK SC"
/* The accessibility claim (dcterms:conformsTo) where it holds. */
#define EPUB_CONFORMS_TO "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

/* One file of the container.  Entries are written in the order of
 * (rank, seq); manifest items are those with an id. */
typedef struct {
  char   *name;        /* owned: path in the container */
  GBytes *data;        /* owned */
  char   *id;          /* owned: manifest id, NULL = not in the manifest */
  char   *media_type;  /* owned */
  char   *properties;  /* owned or NULL */
  guint   rank;
  guint   seq;
} EpubEntry;

enum {
  EPUB_RANK_MIMETYPE, EPUB_RANK_CONTAINER, EPUB_RANK_OPF, EPUB_RANK_NAV,
  EPUB_RANK_CSS, EPUB_RANK_FONT, EPUB_RANK_COVER_IMAGE, EPUB_RANK_IMAGE,
  EPUB_RANK_COVER, EPUB_RANK_ARTICLE,
};

typedef struct {
  const EdEdition   *ed;
  const EpubOptions *opts;
  GPtrArray         *entries;     /* of EpubEntry *, owned */
  GHashTable        *images;      /* image path → container href (owned) */
  GString           *sans_text;   /* text set in the sans (headline) font */
  GString           *medium_text; /* kickers and subtitles (the sans, regular) */
  GString           *kai_text;    /* emphasis and captions (楷) */
  GString           *all_text;    /* every document written, for the serif */
  GRegex            *jump_re;     /* "见第4版" … */
  FontsSetup        *fonts;       /* owned, loaded on first use, or NULL */
  gboolean           has_images;  /* figures with an image */
  gboolean           image_without_alt; /* a figure's image has no caption */
  const EpubPageStart *page_starts; /* print pages in order (opts or the edition's) */
  guint              n_page_starts;
  GPtrArray         *font_files;  /* EPUB/fonts/… of the embedded faces (owned) */
  GArray            *own_starts;  /* of EpubPageStart: the edition's pages, when
                                     opts->page_starts is NULL (owned) */
  gboolean           has_emph;
} EpubBuild;


/* epub.c */
/* Adds an entry taking ownership of @data. */
EpubEntry       *epub_add_entry      (EpubBuild *b, guint rank, const char *name, GBytes *data,
                                      const char *id, const char *media_type,
                                      const char *properties);
/* Adds a text entry taking ownership of @text (also kept for the serif subset). */
void             epub_add_text_entry (EpubBuild *b, guint rank, const char *name, char *text,
                                      const char *id, const char *media_type,
                                      const char *properties);
/* Loads the font configuration on first use (NULL without fonts_dir). */
gboolean         epub_load_fonts     (EpubBuild *b, const FontsSetup **fonts_out, GError **error);
/* "吕梁日报 2025年2月18日" (dates.h).  Caller owns. */
char            *epub_title          (const EdEdition *ed);
/* The first article in reading order, or NULL. */
const EdArticle *epub_first_article  (const EdEdition *ed);
/* Orders entries by (rank, seq). */
gint             epub_entry_compare  (gconstpointer a, gconstpointer b);
/* TRUE if the EPUB has a page-list (print page numbers). */
gboolean         epub_has_page_list  (const EpubBuild *b);

/* epub-fonts.c */
/* EPUB/css/epub.css (after epub_add_fonts()). */
void             epub_add_css        (EpubBuild *b);
/* With embed_fonts: every face the CSS names, subset to its text. */
gboolean         epub_add_fonts      (EpubBuild *b, GError **error);

/* epub-opf.c */
/* EPUB/package.opf; entries must be sorted already. */
void             epub_add_opf        (EpubBuild *b);

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
