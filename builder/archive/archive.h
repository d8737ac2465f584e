/* archive.h — the dated archive of editions.
 *
 *   ARCHIVE/
 *     .lock                 flock(2) target: one writer at a time (an add
 *                           holds it for its commit, not for its build)
 *     YYYY/MM/DD/           one edition: edition.pdf, edition.epub, pages/,
 *                           source/ (a copy of its sources), index.html,
 *                           manifest.json (every file with size + SHA-256)
 *     archive.sqlite        FTS5 (trigram) search index: derived data,
 *                           rebuilt from manifests + source/ by reindex
 *     index.html            calendar of editions (static, no JS)
 *     opds.xml, opds-YYYY.xml   OPDS 1.2 navigation / acquisition feeds
 *
 * An edition is built in ARCHIVE/.tmp-XXXXXX (in use while its add
 * flocks ARCHIVE/.tmp-XXXXXX.busy: the add builds without the archive's
 * lock, so adds in several processes build at the same time), fsynced and
 * renamed into place under the lock; a replaced edition is first renamed
 * to ARCHIVE/.old-YYYY-MM-DD.
 * arc_open() takes the lock and repairs whatever a crash left behind, then
 * brings the database and the index pages up to date with the manifests.
 *
 * Errors: EB_ERROR_INPUT for bad arguments or sources, EB_ERROR_OUTPUT
 * for I/O and database failures (naming the file).
 */
#pragma once

#include <glib.h>

#include "model/model.h"

typedef struct ArcArchive ArcArchive;

typedef enum {
  ARC_OPEN_DEFAULT    = 0,
  ARC_OPEN_NO_REFRESH = 1 << 0,  /* skip the database/index sync (reindex
                                    rebuilds them anyway) */
  ARC_OPEN_READER     = 1 << 1,  /* search/list: when another process holds
                                    the lock, do not wait; read the committed
                                    state without lock, repairs or sync */
  ARC_OPEN_READ_ONLY_OK = 1 << 2, /* list/search/verify: an archive this
                                    process cannot write (read-only file
                                    system or folder) is read as it is, with
                                    no repairs or sync (a note says so) */
} ArcOpenFlags;

/* Opens (creating if needed) the archive at @root, takes an exclusive
 * flock on ROOT/.lock (waiting for other processes, except with
 * ARC_OPEN_READER), cleans up after an interrupted add and syncs the
 * database and index pages.  Caller owns the
 * result; arc_close() releases the lock.  Returns NULL with an EB_ERROR. */
ArcArchive *arc_open  (const char *root, ArcOpenFlags flags, GError **error);
void        arc_close (ArcArchive *arc);   /* accepts NULL */

/* TRUE when another process holds the lock of the archive at @root (an add
 * or a reindex is at work): arc_open() without ARC_OPEN_READER would wait
 * for it.  Takes no lock that could keep a writer waiting (a shared one,
 * tried and dropped). */
gboolean    arc_busy  (const char *root);

/* Messages about repairs arc_open() made ("removed leftover …"); borrowed,
 * of char *. */
const GPtrArray *arc_notes (const ArcArchive *arc);

/* The earlier stages the archive runs, given by its caller (the pipeline
 * wires them: build_archive_stages()), so that the archive, the last
 * stage, depends on none of them. */
typedef struct {
  /* Builds @ed's outputs (PDF, EPUB, web reader) into the folder @out_dir. */
  gboolean (*build)  (const EdEdition *ed, const char *out_dir, gpointer data,
                      GError **error);
  /* Imports the raw pages @paths (NULL-terminated, print order) and writes
   * the clean sources into the existing folder @dir; @date or NULL. */
  gboolean (*import) (char **paths, const char *date, const char *dir,
                      gpointer data, GError **error);
  gpointer data;
} ArcStages;

typedef struct {
  const ArcStages    *stages;    /* NULL, or no stages->build: store sources
                                    only (no PDF/EPUB); arc_add_pages()
                                    needs stages->import */
  const char         *date;      /* "YYYY-MM-DD" overriding the edition's, or NULL */
  gboolean            replace;   /* replace an edition already at that date */
  const char *const  *raw_files; /* raw page .txt files the edition was
                                    imported from (copied to source/raw/),
                                    NULL-terminated, or NULL */
} ArcAddOptions;

/* Builds @ed and stores it at its date (or @opts->date).  Refuses a date
 * already present unless @opts->replace (EB_ERROR_INPUT).  @ed's sources
 * are read from ed->dir.  Sets ed->date/gdate when @opts->date is given. */
gboolean arc_add (ArcArchive *arc, EdEdition *ed, const ArcAddOptions *opts,
                  GError **error);

/* Imports raw page text files @paths (NULL-terminated, in print order)
 * with @opts->stages->import (date: @opts->date or guessed), writes
 * the clean sources, and stores the edition like arc_add(); the raw pages
 * are kept in source/raw/.  @opts->raw_files is ignored. */
gboolean arc_add_pages (ArcArchive *arc, char **paths, const ArcAddOptions *opts,
                        GError **error);

/* One stored edition as its manifest describes it. */
typedef struct {
  char *id;        /* article id */
  char *title;
  char *kicker;    /* or NULL */
  char *subtitle;  /* or NULL */
  char *byline;    /* or NULL */
  guint page;
} ArcArticle;

typedef struct {
  guint number;
  char *section;
  char *image;     /* "pages/p1.png" if stored, else NULL */
  char *thumb;     /* "pages/p1-thumb.png" if stored, else NULL */
} ArcPage;

typedef struct {
  char   *path;    /* relative to the edition folder, '/'-separated */
  gint64  size;
  char   *sha256;  /* lowercase hex */
} ArcFile;

typedef struct {
  char      *date;       /* YYYY-MM-DD */
  char      *paper;
  char      *issue;      /* or NULL */
  char      *publisher;  /* or NULL */
  char      *language;
  char      *builder;    /* builder version that stored it */
  GPtrArray *pages;      /* of ArcPage *, owned */
  GPtrArray *articles;   /* of ArcArticle *, owned */
  GPtrArray *files;      /* of ArcFile *, owned, sorted by path */
} ArcManifest;

void arc_manifest_free (ArcManifest *m);   /* accepts NULL */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArcManifest, arc_manifest_free)

/* Reads a manifest.json (a regular file, not a link, at most
 * EB_TEXT_MAX_BYTES) and checks every field: types, a valid date, file
 * paths inside the edition folder with SHA-256 sums, page images that are
 * the page's own stored preview, article ids, no character that cannot be
 * shown.  Caller owns the result; NULL with EB_ERROR_INPUT naming what is
 * wrong. */
ArcManifest *arc_manifest_load (const char *path, GError **error);

/* The lead headline of page 1 (or the first article); borrowed, "" if none. */
const char *arc_manifest_headline (const ArcManifest *m);

/* Returns TRUE when the manifest lists @path (borrowed ArcFile or NULL). */
const ArcFile *arc_manifest_find_file (const ArcManifest *m, const char *path);

/* Every stored edition, oldest first: of ArcManifest *, caller owns. */
GPtrArray *arc_list (ArcArchive *arc, GError **error);

/* Re-hashes every stored file against its manifest.  Appends one line per
 * problem to @problems ("2025/02/18/edition.pdf: changed (SHA-256 …)",
 * "…: missing", "…: extra file").  Returns FALSE only when the check itself
 * could not run. */
gboolean arc_verify (ArcArchive *arc, GPtrArray *problems, GError **error);

/* Rebuilds archive.sqlite from the manifests and stored sources, and
 * rewrites the index pages and OPDS feeds. */
gboolean arc_reindex (ArcArchive *arc, GError **error);

typedef struct {
  const char *from;        /* "YYYY-MM-DD" inclusive, or NULL */
  const char *to;          /* "YYYY-MM-DD" inclusive, or NULL */
  guint       limit;       /* 0 = no limit */
  const char *mark_open;   /* highlight markers around matches in snippets */
  const char *mark_close;
} ArcSearchOptions;

typedef struct {
  char *date;
  guint page;
  char *article;   /* article id */
  char *title;
  char *snippet;   /* text around the first match, matches marked */
} ArcHit;

void arc_hit_free (ArcHit *hit);

/* Searches titles, kickers, subtitles, bylines and bodies for @query (a
 * substring; 3+ characters use FTS5 trigram, shorter ones LIKE), newest
 * first, then by page.  Returns of ArcHit *, caller owns. */
GPtrArray *arc_search (ArcArchive *arc, const char *query,
                       const ArcSearchOptions *opts, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArcArchive, arc_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArcHit, arc_hit_free)
