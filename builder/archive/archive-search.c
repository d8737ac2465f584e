/* archive-search.c — archive.sqlite: an FTS5 (trigram) index of every
 * stored article, kept in line with the manifests, and the search over it.
 * The database is derived data: it is rebuilt from manifest.json and the
 * stored sources, and deleted and recreated when it is unreadable.
 * Every statement takes its values as bound parameters. */
#include "archive/archive-private.h"
#include "base/errors.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define ARC_DB_SCHEMA_VERSION 3

/* articles holds the text; articles_fts is an external-content FTS5
 * trigram index over it, kept in step by triggers.  articles_bigrams is a
 * contentless index of each article's distinct two-character sequences: it
 * narrows a two-character query to candidate articles, which LIKE then
 * confirms (written and deleted by arc_db_insert_article() and
 * arc_db_delete_edition(), as a contentless table needs the text to delete).
 * The (date DESC, page, id) index lets the LIKE scan run newest first and
 * stop at the limit. */
static const char arc_db_schema[] =
  "CREATE TABLE editions ("
  "  date TEXT PRIMARY KEY,"
  "  manifest_sha256 TEXT NOT NULL,"
  "  manifest_stat TEXT NOT NULL,"
  "  paper TEXT, issue TEXT);"
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  date TEXT NOT NULL, page INTEGER NOT NULL, article TEXT NOT NULL,"
  "  title TEXT NOT NULL, kicker TEXT, subtitle TEXT, byline TEXT, body TEXT);"
  "CREATE INDEX articles_by_date ON articles (date DESC, page, id);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5("
  "  title, kicker, subtitle, byline, body,"
  "  content = 'articles', content_rowid = 'id', tokenize = 'trigram');"
  "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, kicker, subtitle, byline, body)"
  "  VALUES (new.id, new.title, new.kicker, new.subtitle, new.byline, new.body);"
  "END;"
  "CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, kicker, subtitle, byline, body)"
  "  VALUES ('delete', old.id, old.title, old.kicker, old.subtitle, old.byline, old.body);"
  "END;"
  "CREATE VIRTUAL TABLE articles_bigrams USING fts5("
  "  grams, content = '', tokenize = 'ascii', detail = 'none');";

/* Drops everything (reindex and schema upgrades start from scratch). */
static const char arc_db_drop[] =
  "DROP TRIGGER IF EXISTS articles_ai;"
  "DROP TRIGGER IF EXISTS articles_ad;"
  "DROP TABLE IF EXISTS articles_fts;"
  "DROP TABLE IF EXISTS articles_bigrams;"
  "DROP TABLE IF EXISTS articles;"
  "DROP TABLE IF EXISTS editions;";

static gboolean
arc_db_fail (ArcArchive *arc, GError **error, const char *what)
{
  arc->db_error = arc->db ? sqlite3_extended_errcode (arc->db) & 0xff : SQLITE_NOMEM;
  g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s/%s: %s: %s", arc->root,
               ARC_DB_NAME, what, arc->db ? sqlite3_errmsg (arc->db) : "out of memory");
  return FALSE;
}

static gboolean
arc_db_exec (ArcArchive *arc, const char *sql, GError **error)
{
  if (sqlite3_exec (arc->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return arc_db_fail (arc, error, "database error");
  return TRUE;
}

static sqlite3_stmt *
arc_db_prepare (ArcArchive *arc, const char *sql, GError **error)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (arc->db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      arc_db_fail (arc, error, "database error");
      return NULL;
    }
  return st;
}

static void
arc_db_bind_text (sqlite3_stmt *st, int i, const char *text)
{
  if (text)
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

/* Opens the database and checks the schema version; FALSE if unusable. */
static gboolean
arc_db_try_open (ArcArchive *arc, const char *path)
{
  sqlite3_stmt *st = NULL;
  int version = -1;

  if (sqlite3_open_v2 (path, &arc->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_busy_timeout (arc->db, 10000);
  sqlite3_exec (arc->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
  sqlite3_exec (arc->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (arc->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  if (version == ARC_DB_SCHEMA_VERSION)
    return TRUE;
  if (version < 0)
    return FALSE;
  /* new or older schema: recreate (the data is rebuilt from the manifests) */
  {
    g_autofree char *sql = g_strdup_printf ("BEGIN; %s %s PRAGMA user_version = %d; COMMIT;",
                                            arc_db_drop, arc_db_schema,
                                            ARC_DB_SCHEMA_VERSION);
    if (sqlite3_exec (arc->db, sql, NULL, NULL, NULL) != SQLITE_OK)
      return FALSE;
  }
  return TRUE;
}

gboolean
arc_db_open_existing (ArcArchive *arc, GError **error)
{
  g_autofree char *path = g_build_filename (arc->root, ARC_DB_NAME, NULL);
  sqlite3_stmt *st = NULL;
  int version = -1;

  if (sqlite3_open_v2 (path, &arc->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return arc_db_fail (arc, error, "cannot open");
  sqlite3_busy_timeout (arc->db, 10000);
  sqlite3_exec (arc->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
  if (sqlite3_prepare_v2 (arc->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  if (version != ARC_DB_SCHEMA_VERSION)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: the search index is being "
                   "rebuilt; try again when the current update has finished", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
arc_db_open (ArcArchive *arc, GError **error)
{
  g_autofree char *path = g_build_filename (arc->root, ARC_DB_NAME, NULL);

  if (arc_db_try_open (arc, path))
    return TRUE;
  /* unreadable or from another version: it only holds derived data */
  sqlite3_close (arc->db);
  arc->db = NULL;
  unlink (path);
  g_ptr_array_add (arc->notes, g_strdup_printf ("recreated %s", ARC_DB_NAME));
  if (arc_db_try_open (arc, path))
    return TRUE;
  return arc_db_fail (arc, error, "cannot open");
}

/* ------------------------------------------------------------ sync */

/* Joins the text of every block of @art, one block a line; caller owns. */
static char *
arc_article_body (const EdArticle *art)
{
  GString *s = g_string_new (NULL);

  if (art->dateline)
    g_string_append (s, art->dateline);
  for (guint i = 0; i < art->blocks->len; i++)
    {
      g_autofree char *t = ed_block_text (art->blocks->pdata[i]);
      if (s->len)
        g_string_append_c (s, '\n');
      g_string_append (s, t);
    }
  return g_string_free (s, FALSE);
}

/* Adds the distinct two-character sequences of @text (none spanning white
 * space) to @seen and @out, each followed by a space. */
static void
arc_bigrams_add (GHashTable *seen, GString *out, const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      const char *q = g_utf8_next_char (p);
      const char *end;
      char *gram;

      if (!*q || g_unichar_isspace (g_utf8_get_char (p))
          || g_unichar_isspace (g_utf8_get_char (q)))
        continue;
      end = g_utf8_next_char (q);
      gram = g_strndup (p, (gsize) (end - p));
      if (g_hash_table_add (seen, gram))
        {
          g_string_append (out, gram);
          g_string_append_c (out, ' ');
        }
    }
}

/* The bigram text of an article's fields; caller owns. */
static char *
arc_bigrams (const char *const fields[5])
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);

  for (int i = 0; i < 5; i++)
    arc_bigrams_add (seen, out, fields[i]);
  return g_string_free (out, FALSE);
}

/* Adds (@delete FALSE) or removes the bigrams of article @rowid. */
static gboolean
arc_db_bigrams (ArcArchive *arc, sqlite3_int64 rowid, const char *const fields[5],
                gboolean delete, GError **error)
{
  g_autofree char *grams = arc_bigrams (fields);
  sqlite3_stmt *st = arc_db_prepare (arc, delete
                                     ? "INSERT INTO articles_bigrams (articles_bigrams, rowid, grams)"
                                       " VALUES ('delete', ?1, ?2)"
                                     : "INSERT INTO articles_bigrams (rowid, grams) VALUES (?1, ?2)",
                                     error);
  int rc;

  if (!st)
    return FALSE;
  sqlite3_bind_int64 (st, 1, rowid);
  arc_db_bind_text (st, 2, grams);
  rc = sqlite3_step (st);
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return arc_db_fail (arc, error, "cannot index");
  return TRUE;
}

static gboolean
arc_db_insert_article (ArcArchive *arc, sqlite3_stmt *st, const char *date, guint page,
                       const char *id, const char *title, const char *kicker,
                       const char *subtitle, const char *byline, const char *body,
                       GError **error)
{
  sqlite3_reset (st);
  arc_db_bind_text (st, 1, date);
  sqlite3_bind_int (st, 2, (int) page);
  arc_db_bind_text (st, 3, id);
  arc_db_bind_text (st, 4, title);
  arc_db_bind_text (st, 5, kicker);
  arc_db_bind_text (st, 6, subtitle);
  arc_db_bind_text (st, 7, byline);
  arc_db_bind_text (st, 8, body);
  if (sqlite3_step (st) != SQLITE_DONE)
    return arc_db_fail (arc, error, "cannot insert");
  {
    const char *const fields[5] = { title, kicker, subtitle, byline, body };
    return arc_db_bigrams (arc, sqlite3_last_insert_rowid (arc->db), fields, FALSE, error);
  }
}

/* One stored edition as the sync sees it. */
typedef struct {
  char *rel;     /* "YYYY/MM/DD" */
  char  date[11];
  char *stat;    /* "inode:size:mtime" of manifest.json */
  char *sha;     /* SHA-256 of manifest.json */
  gboolean changed;  /* differs from the database */
} ArcStored;

static void
arc_stored_free (ArcStored *e)
{
  g_free (e->rel);
  g_free (e->stat);
  g_free (e->sha);
  g_free (e);
}

/* Indexes the edition @e from its stored sources (or, when they cannot be
 * read, from the manifest's titles alone). */
static gboolean
arc_db_index_edition (ArcArchive *arc, const ArcStored *e, GError **error)
{
  g_autofree char *dir = g_build_filename (arc->root, e->rel, NULL);
  g_autofree char *src = g_build_filename (dir, ARC_SOURCE_DIR, NULL);
  g_autofree char *mpath = g_build_filename (dir, ARC_MANIFEST_NAME, NULL);
  g_autoptr (ArcManifest) m = arc_manifest_load (mpath, NULL);
  g_autoptr (GError) load_error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (src, &load_error);
  sqlite3_stmt *st;
  gboolean ok = TRUE;

  st = arc_db_prepare (arc, "INSERT INTO editions (date, manifest_sha256, manifest_stat, "
                            "paper, issue) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (!st)
    return FALSE;
  arc_db_bind_text (st, 1, e->date);
  arc_db_bind_text (st, 2, e->sha);
  arc_db_bind_text (st, 3, e->stat);
  arc_db_bind_text (st, 4, m ? m->paper : NULL);
  arc_db_bind_text (st, 5, m ? m->issue : NULL);
  if (sqlite3_step (st) != SQLITE_DONE)
    ok = arc_db_fail (arc, error, "cannot insert");
  sqlite3_finalize (st);
  if (!ok)
    return FALSE;
  st = arc_db_prepare (arc, "INSERT INTO articles (date, page, article, title, kicker, "
                            "subtitle, byline, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       error);
  if (!st)
    return FALSE;
  if (ed)
    for (guint i = 0; ok && i < ed->articles->len; i++)
      {
        const EdArticle *a = ed->articles->pdata[i];
        g_autofree char *body = arc_article_body (a);
        ok = arc_db_insert_article (arc, st, e->date, a->page, a->id, a->title, a->kicker,
                                    a->subtitle, a->byline, body, error);
      }
  else
    {
      g_ptr_array_add (arc->notes, g_strdup_printf ("%s: sources unreadable, indexed "
                                                    "titles only: %s", e->rel,
                                                    load_error->message));
      for (guint i = 0; ok && m && i < m->articles->len; i++)
        {
          const ArcArticle *a = m->articles->pdata[i];
          ok = arc_db_insert_article (arc, st, e->date, a->page, a->id, a->title, a->kicker,
                                      a->subtitle, a->byline, "", error);
        }
    }
  sqlite3_finalize (st);
  return ok;
}

static gboolean
arc_db_delete_bigrams (ArcArchive *arc, const char *date, GError **error)
{
  sqlite3_stmt *st = arc_db_prepare (arc, "SELECT id, title, kicker, subtitle, byline, body"
                                          " FROM articles WHERE date = ?1", error);
  gboolean ok = TRUE;
  int rc;

  if (!st)
    return FALSE;
  arc_db_bind_text (st, 1, date);
  while (ok && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *const fields[5] = {
        (const char *) sqlite3_column_text (st, 1), (const char *) sqlite3_column_text (st, 2),
        (const char *) sqlite3_column_text (st, 3), (const char *) sqlite3_column_text (st, 4),
        (const char *) sqlite3_column_text (st, 5),
      };
      ok = arc_db_bigrams (arc, sqlite3_column_int64 (st, 0), fields, TRUE, error);
    }
  sqlite3_finalize (st);
  if (ok && rc != SQLITE_DONE)
    return arc_db_fail (arc, error, "cannot read");
  return ok;
}

static gboolean
arc_db_delete_edition (ArcArchive *arc, const char *date, GError **error)
{
  static const char *const sql[] = {
    "DELETE FROM editions WHERE date = ?1",
    "DELETE FROM articles WHERE date = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *st;
      int rc;
      if (i == 1 && !arc_db_delete_bigrams (arc, date, error))
        return FALSE;
      st = arc_db_prepare (arc, sql[i], error);
      if (!st)
        return FALSE;
      arc_db_bind_text (st, 1, date);
      rc = sqlite3_step (st);
      sqlite3_finalize (st);
      if (rc != SQLITE_DONE)
        return arc_db_fail (arc, error, "cannot delete");
    }
  return TRUE;
}

/* date → "sha stat" as the database has them; caller owns. */
static GHashTable *
arc_db_known (ArcArchive *arc, GError **error)
{
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *st = arc_db_prepare (arc, "SELECT date, manifest_sha256, manifest_stat "
                                          "FROM editions", error);
  int rc;

  if (!st)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (st, 0)),
                         g_strdup_printf ("%s %s", sqlite3_column_text (st, 1),
                                          sqlite3_column_text (st, 2)));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      arc_db_fail (arc, error, "cannot read");
      return NULL;
    }
  return g_steal_pointer (&known);
}

/* The stored editions with a manifest, each compared with the database:
 * an unchanged inode, size and mtime means an unchanged manifest (they are
 * only ever replaced by rename); otherwise the manifest is hashed. */
static GPtrArray *
arc_scan_stored (ArcArchive *arc, GHashTable *known, gboolean force)
{
  g_autoptr (GPtrArray) dirs = arc_scan_edition_dirs (arc->root);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_stored_free);

  for (guint i = 0; i < dirs->len; i++)
    {
      const char *rel = dirs->pdata[i];
      g_autofree char *mpath = g_build_filename (arc->root, rel, ARC_MANIFEST_NAME, NULL);
      const char *old;
      const char *old_stat;
      GStatBuf sb;
      ArcStored *e;

      if (g_stat (mpath, &sb) != 0 || !S_ISREG (sb.st_mode))
        continue;   /* no manifest: not an edition (verify reports it) */
      e = g_new0 (ArcStored, 1);
      e->rel = g_strdup (rel);
      g_snprintf (e->date, sizeof e->date, "%.4s-%.2s-%.2s", rel, rel + 5, rel + 8);
      e->stat = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                                 ".%09ld", (guint64) sb.st_ino, (gint64) sb.st_size,
                                 (gint64) sb.st_mtim.tv_sec, (long) sb.st_mtim.tv_nsec);
      old = g_hash_table_lookup (known, e->date);
      old_stat = old ? strchr (old, ' ') : NULL;
      if (!force && old_stat && !strcmp (old_stat + 1, e->stat))
        e->sha = g_strndup (old, (gsize) (old_stat - old));
      else
        {
          g_autofree char *mrel = g_build_filename (rel, ARC_MANIFEST_NAME, NULL);
          e->sha = arc_file_sha256 (arc->root, mrel, NULL, NULL);
          e->changed = TRUE;
        }
      if (!e->sha)
        {
          arc_stored_free (e);
          continue;
        }
      g_ptr_array_add (out, e);
    }
  return out;
}

static gboolean
arc_index_files_missing (ArcArchive *arc)
{
  g_autofree char *index = g_build_filename (arc->root, ARC_INDEX_NAME, NULL);
  g_autofree char *opds = g_build_filename (arc->root, ARC_OPDS_NAME, NULL);

  return !g_file_test (index, G_FILE_TEST_IS_REGULAR)
         || !g_file_test (opds, G_FILE_TEST_IS_REGULAR);
}

/* Applies the differences between @stored and the database (@known) in one
 * transaction; @force rebuilds every table. */
static gboolean
arc_db_apply (ArcArchive *arc, GPtrArray *stored, GHashTable *known, gboolean force,
              GError **error)
{
  GHashTableIter it;
  gpointer key;
  g_autoptr (GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  if (!arc_db_exec (arc, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (force && (!arc_db_exec (arc, arc_db_drop, error)
                || !arc_db_exec (arc, arc_db_schema, error)))
    goto fail;
  for (guint i = 0; i < stored->len; i++)
    {
      ArcStored *e = stored->pdata[i];

      g_hash_table_add (present, e->date);
      if (!e->changed)
        continue;
      if ((!force && g_hash_table_contains (known, e->date)
           && !arc_db_delete_edition (arc, e->date, error))
          || !arc_db_index_edition (arc, e, error))
        goto fail;
    }
  g_hash_table_iter_init (&it, known);
  while (!force && g_hash_table_iter_next (&it, &key, NULL))
    if (!g_hash_table_contains (present, key) && !arc_db_delete_edition (arc, key, error))
      goto fail;
  if (force && !arc_db_exec (arc, "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')",
                             error))
    goto fail;
  if (!arc_db_exec (arc, "COMMIT", error))
    goto fail;
  return TRUE;
fail:
  sqlite3_exec (arc->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* After a failed update: a database found corrupt (derived data) is
 * deleted, made again and filled from the manifests; any other failure
 * stands. */
static gboolean
arc_db_rebuild_if_corrupt (ArcArchive *arc, GError **error)
{
  if (arc->db_error != SQLITE_CORRUPT)
    return FALSE;
  arc->db_error = SQLITE_OK;
  g_clear_error (error);
  sqlite3_close (arc->db);
  arc->db = NULL;
  {
    g_autofree char *path = g_build_filename (arc->root, ARC_DB_NAME, NULL);
    unlink (path);
  }
  g_ptr_array_add (arc->notes, g_strdup_printf ("%s was corrupt: made again", ARC_DB_NAME));
  return arc_db_open (arc, error) && arc_refresh (arc, TRUE, error);
}

gboolean
arc_refresh (ArcArchive *arc, gboolean force, GError **error)
{
  g_autoptr (GHashTable) known = arc_db_known (arc, error);
  g_autoptr (GPtrArray) stored = NULL;
  gboolean stale = force;

  if (!known)
    return FALSE;
  stored = arc_scan_stored (arc, known, force);
  for (guint i = 0; i < stored->len; i++)
    stale |= ((ArcStored *) stored->pdata[i])->changed;
  stale |= g_hash_table_size (known) != stored->len;
  if (!stale && !arc_index_files_missing (arc))
    return TRUE;
  {
    g_autoptr (GPtrArray) manifests = arc_load_manifests (arc);
    if (!arc_index_write (arc, manifests, error) || !arc_opds_write (arc, manifests, error))
      return FALSE;
  }
  arc_crash_point ("index");
  if (!arc_db_apply (arc, stored, known, force, error))
    return arc_db_rebuild_if_corrupt (arc, error);
  arc_crash_point ("db");
  return TRUE;
}

gboolean
arc_reindex (ArcArchive *arc, GError **error)
{
  return arc_refresh (arc, TRUE, error);
}

/* ------------------------------------------------------------ search */

void
arc_hit_free (ArcHit *hit)
{
  if (!hit)
    return;
  g_free (hit->date);
  g_free (hit->article);
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* Byte offset of the first ASCII-case-insensitive occurrence of @needle
 * in @hay at a character boundary, or -1. */
static gssize
arc_find (const char *hay, const char *needle)
{
  gsize n = strlen (needle);
  const char *exact = strstr (hay, needle);
  gboolean ascii_letters = FALSE;

  for (const char *p = needle; *p; p++)
    ascii_letters |= g_ascii_isalpha (*p);
  if (!ascii_letters)   /* nothing to fold: the exact match is the match */
    return exact ? exact - hay : -1;
  for (const char *p = hay; *p; p = g_utf8_next_char (p))
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return p - hay;
  return -1;
}

/* Text around the first match of @q in @text, matches marked; caller owns. */
static char *
arc_snippet (const char *text, const char *q, const ArcSearchOptions *o)
{
  enum { BEFORE = 16, WINDOW = 60 };
  GString *s = g_string_new (NULL);
  gssize at = arc_find (text, q);
  const char *start = text, *p;
  glong qlen = g_utf8_strlen (q, -1);
  guint chars = 0;

  if (at < 0)
    return g_string_free (s, FALSE);
  start = text + at;
  for (int i = 0; i < BEFORE && start > text; i++)
    start = g_utf8_prev_char (start);
  if (start > text)
    g_string_append (s, "…");
  for (p = start; *p && chars < WINDOW; )
    {
      if (g_ascii_strncasecmp (p, q, strlen (q)) == 0)
        {
          g_string_append (s, o->mark_open ? o->mark_open : "");
          for (glong i = 0; i < qlen && *p; i++, chars++)
            {
              const char *next = g_utf8_next_char (p);
              g_string_append_len (s, p, next - p);
              p = next;
            }
          g_string_append (s, o->mark_close ? o->mark_close : "");
          continue;
        }
      {
        const char *next = g_utf8_next_char (p);
        if (*p == '\n' || *p == '\r' || *p == '\t')
          g_string_append_c (s, ' ');
        else
          g_string_append_len (s, p, next - p);
        p = next;
        chars++;
      }
    }
  if (*p)
    g_string_append (s, "…");
  return g_string_free (s, FALSE);
}

/* '%q%' with LIKE's wildcards escaped by '\'; caller owns. */
static char *
arc_like_pattern (const char *q)
{
  GString *s = g_string_new ("%");

  for (const char *p = q; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* The query as one FTS5 string (a substring for trigram); caller owns. */
static char *
arc_fts_phrase (const char *q)
{
  GString *s = g_string_new ("\"");

  for (const char *p = q; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

#define ARC_SEARCH_COLUMNS \
  "a.date, a.page, a.article, a.title, a.kicker, a.subtitle, a.byline, a.body"
#define ARC_SEARCH_FILTER \
  " AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)" \
  " ORDER BY a.date DESC, a.page, a.id LIMIT ?4"

#define ARC_SEARCH_LIKE \
  "(a.title LIKE ?1 ESCAPE '\\' OR a.kicker LIKE ?1 ESCAPE '\\'" \
  " OR a.subtitle LIKE ?1 ESCAPE '\\' OR a.byline LIKE ?1 ESCAPE '\\'" \
  " OR a.body LIKE ?1 ESCAPE '\\')"

/* A two-character query the bigram index can answer: no white space and
 * no ASCII punctuation (which its 'ascii' tokenizer drops). */
static gboolean
arc_bigram_query_ok (const char *q)
{
  if (g_utf8_strlen (q, -1) != 2)
    return FALSE;
  for (const char *p = q; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || (c < 128 && !g_ascii_isalnum (c)))
        return FALSE;
    }
  return TRUE;
}

static ArcHit *
arc_hit_from_row (sqlite3_stmt *st, const char *q, const ArcSearchOptions *o)
{
  ArcHit *hit = g_new0 (ArcHit, 1);

  hit->date = g_strdup ((const char *) sqlite3_column_text (st, 0));
  hit->page = (guint) sqlite3_column_int (st, 1);
  hit->article = g_strdup ((const char *) sqlite3_column_text (st, 2));
  hit->title = g_strdup ((const char *) sqlite3_column_text (st, 3));
  /* the snippet comes from the first field holding the match */
  for (int col = 7; col >= 3 && !hit->snippet; col--)
    {
      const char *text = (const char *) sqlite3_column_text (st, col);
      if (text && arc_find (text, q) >= 0)
        hit->snippet = arc_snippet (text, q, o);
    }
  if (!hit->snippet)
    hit->snippet = g_strdup ("");
  return hit;
}

GPtrArray *
arc_search (ArcArchive *arc, const char *query, const ArcSearchOptions *opts,
            GError **error)
{
  g_autoptr (GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) arc_hit_free);
  g_autofree char *param = NULL;
  sqlite3_stmt *st;
  gboolean fts, bigram;
  int rc;

  g_return_val_if_fail (arc != NULL && query != NULL && opts != NULL, NULL);
  if (!arc->db)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: no search index (%s is missing or "
                   "unreadable; `epaper archive reindex` rebuilds it where the archive can be "
                   "written)", arc->root, ARC_DB_NAME);
      return NULL;
    }
  if (!*query || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "empty or invalid search query");
      return NULL;
    }
  if ((opts->from && !eb_date_parse (opts->from, NULL))
      || (opts->to && !eb_date_parse (opts->to, NULL)))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "invalid date (want YYYY-MM-DD)");
      return NULL;
    }
  /* trigram finds substrings of three or more characters; shorter queries
   * use LIKE, two-character ones on the candidates the bigram index gives */
  fts = g_utf8_strlen (query, -1) >= 3;
  bigram = !fts && arc_bigram_query_ok (query);
  if (fts)
    {
      param = arc_fts_phrase (query);
      st = arc_db_prepare (arc, "SELECT " ARC_SEARCH_COLUMNS " FROM articles a WHERE +a.id IN"
                                " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)"
                                ARC_SEARCH_FILTER, error);
    }
  else
    {
      param = arc_like_pattern (query);
      st = arc_db_prepare (arc, bigram
                           ? "SELECT " ARC_SEARCH_COLUMNS " FROM articles a WHERE +a.id IN"
                             " (SELECT rowid FROM articles_bigrams WHERE articles_bigrams MATCH ?5)"
                             " AND " ARC_SEARCH_LIKE ARC_SEARCH_FILTER
                           : "SELECT " ARC_SEARCH_COLUMNS " FROM articles a WHERE "
                             ARC_SEARCH_LIKE ARC_SEARCH_FILTER, error);
    }
  if (!st)
    return NULL;
  arc_db_bind_text (st, 1, param);
  arc_db_bind_text (st, 2, opts->from);
  arc_db_bind_text (st, 3, opts->to);
  sqlite3_bind_int64 (st, 4, opts->limit ? (sqlite3_int64) opts->limit : -1);
  if (bigram)
    {
      g_autofree char *phrase = arc_fts_phrase (query);
      arc_db_bind_text (st, 5, phrase);
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (hits, arc_hit_from_row (st, query, opts));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      arc_db_fail (arc, error, "search failed");
      return NULL;
    }
  return g_steal_pointer (&hits);
}
