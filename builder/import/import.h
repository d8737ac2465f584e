/* import.h — raw page text (text extracted from printed pages) → edition.
 *
 * The importer undoes the artefacts of PDF text extraction (column-wrapped
 * lines, letter-spacing, fake-bold doubling, vertical headlines, headline
 * groups out of reading order, half-width punctuation) and builds the
 * edition model, one page per input file.  imp_write_sources() then writes
 * the model as clean edition sources (edition.yaml + one Markdown file per
 * article) that ed_edition_load() reads back to the same model.
 *
 * Uncertain decisions become edition notes "000:142: …" (file stem : line).
 */
#pragma once

#include <glib.h>

#include "model/model.h"

typedef struct {
  const char *date;              /* ISO date, NULL = guess from the text */
  const char *title;             /* paper name, NULL = 吕梁日报 */
  const char *section;           /* section of every page, NULL = guess */
  gboolean    keep_punctuation;  /* TRUE: leave half-width , ; : ( ) ? ! */
} ImpOptions;

/* Imports the raw pages @paths (NULL-terminated, one page each, in print
 * order).  @opts may be NULL (defaults).  Returns a new edition the caller
 * owns, or NULL with EB_ERROR_INPUT "file:line: …" for an empty, binary or
 * non-UTF-8 file (EB_ERROR_INPUT naming the file when it cannot be read). */
EdEdition *imp_import_pages (char **paths, const ImpOptions *opts,
                             GError **error);

/* Writes @ed as edition sources into the folder @dir: edition.yaml plus
 * p<page>-<n>.md per article (named by each article's src_path, set by the
 * import), staged and committed (base/stage.h) with the list of what it
 * wrote in @dir/IMP_LIST_NAME.  @dir may be missing or empty, or hold a
 * previous import; then a file the desk edited since, or made at a name
 * the import writes, is neither replaced nor removed: nothing is written
 * and the error names it, unless @force.  Files the import never wrote
 * (the desk's own) are never touched.  Another folder is refused.
 * Returns FALSE with EB_ERROR_OUTPUT. */
gboolean imp_write_sources (const EdEdition *ed, const char *dir, gboolean force,
                            GError **error);

/* Returns a reconstruction report of @ed: per page the articles,
 * paragraphs, subheads, captions and notes found, then one line per
 * article.  Caller owns the string. */
char *imp_report (const EdEdition *ed);

/* The first line of an edition.yaml written by the importer. */
#define IMP_MARKER "# written by epaper import"
/* The list of the files an import wrote into its folder (base/stage.h). */
#define IMP_LIST_NAME ".epaper-import"
