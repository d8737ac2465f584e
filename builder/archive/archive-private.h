/* archive-private.h — shared between archive-store.c (layout, locking,
 * add, verify), archive-search.c (SQLite), archive-index.c (HTML) and
 * archive-opds.c (OPDS feeds).  Not for other modules. */
#pragma once

#include "archive/archive.h"
#include "base/dates.h"
#include "base/edition-files.h"

#include <sqlite3.h>

#define ARC_LOCK_NAME     ".lock"
#define ARC_DB_NAME       "archive.sqlite"
#define ARC_INDEX_NAME    "index.html"
#define ARC_OPDS_NAME     "opds.xml"
#define ARC_MANIFEST_NAME "manifest.json"
#define ARC_SOURCE_DIR    "source"
#define ARC_TMP_PREFIX    ".tmp-"
#define ARC_OLD_PREFIX    ".old-"
#define ARC_MANIFEST_FORMAT "epaper-archive/1"
#define ARC_READER_PAGE   "reader/index.html"  /* the web reader (reader.h), when built */

struct ArcArchive {
  char      *root;     /* owned */
  int        lock_fd;  /* flock'ed ROOT/.lock, or -1 for a reader that
                          found the lock taken */
  sqlite3   *db;       /* owned; NULL until arc_db_open() */
  int        db_error; /* the primary SQLite result code of the last
                          failure (arc_db_fail), SQLITE_OK if none */
  GPtrArray *notes;    /* of char *, owned */
};

/* Kills the process with SIGKILL when $EPAPER_ARCHIVE_CRASH_AT equals
 * @step: the hook the crash tests use to interrupt an add. */
void arc_crash_point (const char *step);

/* "YYYY/MM/DD" for a valid "YYYY-MM-DD"; caller owns. */
char *arc_date_rel_dir (const char *date);

/* Every edition folder (with or without manifest) as "YYYY/MM/DD",
 * sorted oldest first; caller owns (of char *). */
GPtrArray *arc_scan_edition_dirs (const char *root);

/* SHA-256 (lowercase hex) and size of the regular file @rel below the
 * folder @dir, never read through a symbolic link; caller owns. */
char *arc_file_sha256 (const char *dir, const char *rel, gint64 *size, GError **error);

/* archive-manifest.c: an empty manifest (caller owns). */
ArcManifest *arc_manifest_new (void);

/* archive-manifest.c: the manifest's edition part from the model and the
 * page images in @dir; files are added by the caller.  Caller owns. */
ArcManifest *arc_manifest_from_edition (const EdEdition *ed, const char *dir);

/* archive-manifest.c: @m as pretty JSON (stable key order); caller owns. */
char *arc_manifest_to_json (const ArcManifest *m);

/* Loads every stored manifest (skipping unreadable ones with a note),
 * oldest first; of ArcManifest *, caller owns. */
GPtrArray *arc_load_manifests (ArcArchive *arc);

/* archive-search.c: opens/creates archive.sqlite and its schema
 * (recreating it when unreadable; the caller holds the lock). */
gboolean arc_db_open (ArcArchive *arc, GError **error);

/* archive-search.c: opens archive.sqlite as it is, for a reader without
 * the lock; fails if it is missing or of another schema. */
gboolean arc_db_open_existing (ArcArchive *arc, GError **error);

/* Brings the database in line with the stored manifests (by manifest
 * SHA-256) and rewrites the index pages and feeds when anything changed,
 * when they are missing, or when @force.  Index pages are written before
 * the database commit, so a crash in between is repaired next time. */
gboolean arc_refresh (ArcArchive *arc, gboolean force, GError **error);

/* archive-index.c: the per-edition page (written into the edition folder
 * before its manifest); caller owns. */
char *arc_index_edition_html (const ArcManifest *m);

/* archive-index.c: writes ROOT/index.html for @manifests (oldest first). */
gboolean arc_index_write (ArcArchive *arc, const GPtrArray *manifests,
                          GError **error);

/* archive-opds.c: writes ROOT/opds.xml and ROOT/opds-YYYY.xml. */
gboolean arc_opds_write (ArcArchive *arc, const GPtrArray *manifests,
                         GError **error);

/* archive-opds.c: "opds-YYYY.xml" for a year; caller owns. */
char *arc_opds_year_name (const char *year);

/* Writes a whole file atomically, mapping errors to EB_ERROR_OUTPUT. */
gboolean arc_write_text (const char *path, const char *text, GError **error);
