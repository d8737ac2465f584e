/* epub.h — the EPUB 3 packager: edition model → reflowable EPUB 3 (libzip).
 *
 * Container layout (fixed entry order, fixed timestamps, so the same
 * sources give a byte-identical file):
 *
 *   mimetype                 stored, first
 *   META-INF/container.xml
 *   EPUB/package.opf         OPF 3.0, urn:uuid from paper + date
 *   EPUB/nav.xhtml           TOC by page, landmarks, page-list (第N版)
 *   EPUB/css/epub.css
 *   EPUB/fonts/{serif,sans}.otf  with embed_fonts (hb-subset)
 *   EPUB/images/cover.jpg    the front page (a JPEG from the PDF stage), or
 *   EPUB/images/cover.png    a PNG preview, or a typographic cover
 *   EPUB/images/fig-N.*      figure images (JPEG, PNG, GIF)
 *   EPUB/text/cover.xhtml
 *   EPUB/text/a-<id>.xhtml   one per article, in edition order
 */
#pragma once

#include <glib.h>

#include "model/model.h"

/* Where a print page starts in the reflowed text (from the composition). */
typedef struct {
  const EdArticle *article;  /* borrowed: the article the page opens with */
  int              block;    /* -1: the article's start; else the index of
                                the block (paragraph) of @article in which
                                the page starts (a continuation) */
  guint            number;   /* print page number, 1-based */
  const char      *label;    /* borrowed: the page label ("第2版") */
} EpubPageStart;

typedef struct {
  gboolean    vertical;     /* vertical-rl writing mode, rtl page progression */
  gboolean    embed_fonts;  /* embed subset Noto CJK fonts */
  const char *cover_image;  /* borrowed: a JPEG or PNG to use as the cover if
                               the file exists (the front page drawn by the
                               PDF stage); else, or if NULL, a typographic
                               cover is rendered */
  const char *fonts_dir;    /* borrowed: folder with fonts.conf and
                               roles.yaml (fonts.h) for the cover and the
                               embedded faces; NULL = the system's
                               fontconfig and Noto CJK */
  const EpubPageStart *page_starts; /* borrowed: the print pages in order, from
                                      the composition (a page-break marker
                                      and page-list entry each); NULL: each
                                      edition page starts at its first article */
  guint       n_page_starts;
} EpubOptions;

/* Entry names inside the container. */
#define EPUB_OPF_PATH  "EPUB/package.opf"
#define EPUB_NAV_PATH  "EPUB/nav.xhtml"
#define EPUB_CSS_PATH  "EPUB/css/epub.css"

/* Builds the EPUB of @ed in memory.  Returns the container bytes (caller
 * owns) or NULL with EB_ERROR_INPUT (unreadable figure image or bad font
 * configuration), EB_ERROR_FONT (no font to embed) or EB_ERROR_OUTPUT
 * (libzip, cairo).  Fonts are loaded only when needed: for a rendered
 * cover or embed_fonts. */
GBytes *epub_build (const EdEdition *ed, const EpubOptions *opts, GError **error);

/* Builds the EPUB and writes it to @path through a temporary file renamed
 * into place.  Returns FALSE with an EB_ERROR as for epub_build(). */
gboolean epub_write (const EdEdition *ed, const EpubOptions *opts,
                     const char *path, GError **error);

/* Returns the edition's stable identifier "urn:uuid:…": a name-based
 * (version 5, SHA-1) UUID of paper and date.  Caller owns. */
char *epub_identifier (const EdEdition *ed);

/* Returns the name of the XHTML entry of @art relative to EPUB/
 * ("text/a-<id>.xhtml").  Caller owns. */
char *epub_article_href (const EdArticle *art);

/* Returns the content of @art's XHTML document: the <article id="a-ID">
 * element (header with kicker, title, subtitle and byline; the dateline;
 * paragraphs, subheads, notes with jump lines "见第N版" as links to
 * "../text/a-….xhtml#page-N", figures with their captions and credits),
 * ending in a newline.  EPUB/text/a-<id>.xhtml is built from the same
 * code, so this is the one source of truth for article HTML (the web
 * reader's article text uses it).  Unlike the EPUB's documents it has no
 * <img> (the container's images are not available to the caller): a figure
 * keeps its caption.  @opts may be NULL (horizontal); only opts->vertical
 * matters (short numbers marked up for text-combine-upright).  Reads no
 * files, cannot fail.  Caller owns. */
char *epub_article_xhtml (const EdEdition *ed, const EdArticle *art,
                          const EpubOptions *opts);

/* Returns the people named in a byline ("记者 罗丽 整理" → ["罗丽"]): the
 * words left after dropping role words (记者, 通讯员, 整理, 摄 …).
 * NULL-terminated, caller owns (g_strfreev); empty if none. */
char **epub_byline_names (const char *byline);

/* A person named in a byline or dateline. */
typedef struct {
  char       *name;           /* owned: the name without role words */
  const char *relator;        /* static: MARC relator code (aut, ctb, pht, com, trl) */
  gboolean    explicit_role;  /* a role word before the name set it */
} EpubPerson;

/* The people of a byline ("记者 罗丽 整理", "□ 本报记者 刘华", "记者康桂芳")
 * or, with @dateline, of a dateline's credit ("本报讯（记者 李雅萍 通讯员
 * 张世川）": the bracketed part, or from its first role word): role words
 * removed, also where no space follows them, each with its relator
 * (记者 → aut, 通讯员 → ctb, 摄 → pht, 整理 → com; aut when none).
 * Returns a GPtrArray of EpubPerson * (caller owns; empty if none). */
GPtrArray *epub_credit_people (const char *text, gboolean dateline);

/* Returns @text marked up for vertical setting: runs of one or two ASCII
 * digits (optionally with one decimal point, "2.6") that are not part of a
 * longer Latin word become <span class="tcy">…</span>; everything escaped.
 * Caller owns. */
char *epub_markup_tcy (const char *text);

/* Returns @text escaped for horizontal setting, with every —— or — kept
 * off the start of a line: the character before it and the dash (and
 * after a single connector —, as in 课程开发—教学实践, the character
 * after it too) in <span class="nobr">…</span> (white-space: nowrap).
 * Caller owns. */
char *epub_markup_dashes (const char *text);
