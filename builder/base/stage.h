/* stage.h — writing a run's files into a folder the user named, which may
 * hold files of the desk's own: into a stage first, then a commit.
 *
 *   OUT/.epaper-stage-XXXXXX/   the run writes here; nothing in OUT changes
 *                               until the commit, so a failed run leaves
 *                               OUT as it was (and no OUT if it made it)
 *   OUT/LIST                    what the last run wrote, one line per file:
 *                               "<sha256 or -> <path>"
 *
 * While a stage is open, OUT is locked (flock) against another run; stage
 * folders that a killed run left are removed when the next one opens.
 * The commit moves each file of the stage to the same path in OUT (files
 * and folders whose names begin with '.' are the run's scratch space and
 * stay behind), creating folders as needed, and never through a symbolic
 * link: OUT/pages as a link is an error, not a way out of OUT.  It then
 * removes what LIST names that this run did not write, and only that:
 * a file nobody listed is the desk's and is never removed.
 */
#pragma once

#include <glib.h>

#define EB_STAGE_PREFIX ".epaper-stage-"

typedef enum {
  /* A build: files at the paths the run writes are replaced; listed files
   * it no longer writes are removed. */
  EB_STAGE_REPLACE    = 0,
  /* An import: a file changed since the run that listed it wrote it (the
   * desk edited it), or one no run listed, is neither replaced nor
   * removed: the commit fails before changing anything, naming it,
   * unless EB_STAGE_FORCE.  A file already holding the new bytes is no
   * conflict.  The list records each file's SHA-256. */
  EB_STAGE_KEEP_EDITS = 1 << 0,
  EB_STAGE_FORCE      = 1 << 1,   /* with KEEP_EDITS: replace and remove anyway */
} EbStageFlags;

typedef struct EbStage EbStage;

/* Opens OUT (@out, created with its parents if missing: the run then owns
 * it), locks it, removes leftover stage folders and makes a new stage.
 * @list_name is LIST above.  Returns NULL with EB_ERROR_OUTPUT. */
EbStage *eb_stage_open (const char *out, const char *list_name, GError **error);

/* The stage folder to write into (borrowed). */
const char *eb_stage_path (const EbStage *st);

/* Moves the stage into OUT (see above).  On failure before anything moved
 * (a conflict, a link in the way) OUT is unchanged.  FALSE with
 * EB_ERROR_OUTPUT. */
gboolean eb_stage_commit (EbStage *st, EbStageFlags flags, GError **error);

/* Removes the stage and, when the run made OUT and nothing was committed,
 * OUT itself if it is empty; unlocks OUT.  Accepts NULL. */
void eb_stage_free (EbStage *st);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbStage, eb_stage_free)
