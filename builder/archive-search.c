/* archive-search.c — archive.sqlite: an FTS5 (trigram) index of every
 * stored article, kept in line with the manifests, and the search over it.
 * The database is derived data: it is rebuilt from manifest.json and the
 * stored sources, and deleted and recreated when it is unreadable.
 * Every statement takes its values as bound parameters. */
#include "archive-private.h"
#include "errors.h"

#include <string.h>
#include <unistd.h>

#define ARC_DB_SCHEMA_VERSION 1

static const char arc_db_schema[] =
  "CREATE TABLE IF NOT EXISTS editions ("
  "  date TEXT PRIMARY KEY,"
  "  manifest_sha256 TEXT NOT NULL,"
  "  paper TEXT, issue TEXT);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS articles USING fts5("
  "  date UNINDEXED, page UNINDEXED, article UNINDEXED,"
  "  title, kicker, subtitle, byline, body,"
  "  tokenize = 'trigram');";

static gboolean
arc_db_fail (ArcArchive *arc, GError **error, const char *what)
{
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
  if (sqlite3_prepare_v2 (arc->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  if (version == 0)
    {
      if (sqlite3_exec (arc->db, arc_db_schema, NULL, NULL, NULL) != SQLITE_OK
          || sqlite3_exec (arc->db, "PRAGMA user_version = 1", NULL, NULL, NULL) != SQLITE_OK)
        return FALSE;
      version = ARC_DB_SCHEMA_VERSION;
    }
  return version == ARC_DB_SCHEMA_VERSION;
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
  return TRUE;
}

/* Indexes the edition stored in @rel from its stored sources (or, when
 * they cannot be read, from the manifest's titles alone). */
static gboolean
arc_db_index_edition (ArcArchive *arc, const char *rel, const char *date,
                      const char *sha, GError **error)
{
  g_autofree char *dir = g_build_filename (arc->root, rel, NULL);
  g_autofree char *src = g_build_filename (dir, ARC_SOURCE_DIR, NULL);
  g_autofree char *mpath = g_build_filename (dir, ARC_MANIFEST_NAME, NULL);
  g_autoptr (ArcManifest) m = arc_manifest_load (mpath, NULL);
  g_autoptr (GError) load_error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (src, &load_error);
  sqlite3_stmt *st;
  gboolean ok = TRUE;

  st = arc_db_prepare (arc, "INSERT INTO editions (date, manifest_sha256, paper, issue) "
                            "VALUES (?1, ?2, ?3, ?4)", error);
  if (!st)
    return FALSE;
  arc_db_bind_text (st, 1, date);
  arc_db_bind_text (st, 2, sha);
  arc_db_bind_text (st, 3, m ? m->paper : NULL);
  arc_db_bind_text (st, 4, m ? m->issue : NULL);
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
        ok = arc_db_insert_article (arc, st, date, a->page, a->id, a->title, a->kicker,
                                    a->subtitle, a->byline, body, error);
      }
  else
    {
      g_ptr_array_add (arc->notes, g_strdup_printf ("%s: sources unreadable, indexed "
                                                    "titles only: %s", rel,
                                                    load_error->message));
      for (guint i = 0; ok && m && i < m->articles->len; i++)
        {
          const ArcArticle *a = m->articles->pdata[i];
          ok = arc_db_insert_article (arc, st, date, a->page, a->id, a->title, a->kicker,
                                      a->subtitle, a->byline, "", error);
        }
    }
  sqlite3_finalize (st);
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
      sqlite3_stmt *st = arc_db_prepare (arc, sql[i], error);
      int rc;
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

/* date → manifest SHA-256 as the database has them; caller owns. */
static GHashTable *
arc_db_known (ArcArchive *arc, GError **error)
{
  g_autoptr (GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *st = arc_db_prepare (arc, "SELECT date, manifest_sha256 FROM editions", error);
  int rc;

  if (!st)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (st, 0)),
                         g_strdup ((const char *) sqlite3_column_text (st, 1)));
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    {
      arc_db_fail (arc, error, "cannot read");
      return NULL;
    }
  return g_steal_pointer (&known);
}

static gboolean
arc_index_files_missing (ArcArchive *arc)
{
  g_autofree char *index = g_build_filename (arc->root, ARC_INDEX_NAME, NULL);
  g_autofree char *opds = g_build_filename (arc->root, ARC_OPDS_NAME, NULL);

  return !g_file_test (index, G_FILE_TEST_IS_REGULAR)
         || !g_file_test (opds, G_FILE_TEST_IS_REGULAR);
}

/* Applies the differences between @stored (rel → sha) and the database. */
static gboolean
arc_db_apply (ArcArchive *arc, GPtrArray *rels, GPtrArray *shas, GHashTable *known,
              gboolean force, GError **error)
{
  GHashTableIter it;
  gpointer key;
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!arc_db_exec (arc, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (force && (!arc_db_exec (arc, "DELETE FROM editions", error)
                || !arc_db_exec (arc, "DELETE FROM articles", error)))
    goto fail;
  for (guint i = 0; i < rels->len; i++)
    {
      const char *rel = rels->pdata[i];
      char date[11];
      const char *old;

      g_snprintf (date, sizeof date, "%.4s-%.2s-%.2s", rel, rel + 5, rel + 8);
      g_hash_table_add (present, g_strdup (date));
      old = g_hash_table_lookup (known, date);
      if (!force && old && !strcmp (old, shas->pdata[i]))
        continue;
      if ((!force && !arc_db_delete_edition (arc, date, error))
          || !arc_db_index_edition (arc, rel, date, shas->pdata[i], error))
        goto fail;
    }
  g_hash_table_iter_init (&it, known);
  while (!force && g_hash_table_iter_next (&it, &key, NULL))
    if (!g_hash_table_contains (present, key) && !arc_db_delete_edition (arc, key, error))
      goto fail;
  if (force && !arc_db_exec (arc, "INSERT INTO articles (articles) VALUES ('optimize')", error))
    goto fail;
  if (!arc_db_exec (arc, "COMMIT", error))
    goto fail;
  return TRUE;
fail:
  sqlite3_exec (arc->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
arc_refresh (ArcArchive *arc, gboolean force, GError **error)
{
  g_autoptr (GPtrArray) dirs = arc_scan_edition_dirs (arc->root);
  g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) known = arc_db_known (arc, error);
  gboolean stale = force;

  if (!known)
    return FALSE;
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *mpath = g_build_filename (arc->root, dirs->pdata[i],
                                                 ARC_MANIFEST_NAME, NULL);
      char *sha = arc_file_sha256 (mpath, NULL, NULL);
      char date[11];
      const char *old;

      if (!sha)
        continue;   /* no manifest: not an edition (verify reports it) */
      g_snprintf (date, sizeof date, "%.4s-%.2s-%.2s", (char *) dirs->pdata[i],
                  (char *) dirs->pdata[i] + 5, (char *) dirs->pdata[i] + 8);
      old = g_hash_table_lookup (known, date);
      stale |= !old || strcmp (old, sha) != 0;
      g_ptr_array_add (rels, g_strdup (dirs->pdata[i]));
      g_ptr_array_add (shas, sha);
    }
  stale |= g_hash_table_size (known) != rels->len;
  if (!stale && !arc_index_files_missing (arc))
    return TRUE;
  {
    g_autoptr (GPtrArray) manifests = arc_load_manifests (arc);
    if (!arc_index_write (arc, manifests, error) || !arc_opds_write (arc, manifests, error))
      return FALSE;
  }
  arc_crash_point ("index");
  if (!arc_db_apply (arc, rels, shas, known, force, error))
    return FALSE;
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

#define ARC_SEARCH_COLUMNS "date, page, article, title, kicker, subtitle, byline, body"
#define ARC_SEARCH_FILTER \
  " AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)" \
  " ORDER BY date DESC, page, rowid LIMIT ?4"

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
  gboolean fts;
  int rc;

  g_return_val_if_fail (arc != NULL && query != NULL && opts != NULL, NULL);
  if (!*query || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "empty or invalid search query");
      return NULL;
    }
  if ((opts->from && !arc_parse_date (opts->from, NULL))
      || (opts->to && !arc_parse_date (opts->to, NULL)))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "invalid date (want YYYY-MM-DD)");
      return NULL;
    }
  /* trigram finds substrings of three or more characters */
  fts = g_utf8_strlen (query, -1) >= 3;
  if (fts)
    {
      param = arc_fts_phrase (query);
      st = arc_db_prepare (arc, "SELECT " ARC_SEARCH_COLUMNS " FROM articles"
                                " WHERE articles MATCH ?1" ARC_SEARCH_FILTER, error);
    }
  else
    {
      param = arc_like_pattern (query);
      st = arc_db_prepare (arc, "SELECT " ARC_SEARCH_COLUMNS " FROM articles WHERE"
                                " (title LIKE ?1 ESCAPE '\\' OR kicker LIKE ?1 ESCAPE '\\'"
                                " OR subtitle LIKE ?1 ESCAPE '\\' OR byline LIKE ?1 ESCAPE '\\'"
                                " OR body LIKE ?1 ESCAPE '\\')" ARC_SEARCH_FILTER, error);
    }
  if (!st)
    return NULL;
  arc_db_bind_text (st, 1, param);
  arc_db_bind_text (st, 2, opts->from);
  arc_db_bind_text (st, 3, opts->to);
  sqlite3_bind_int64 (st, 4, opts->limit ? (sqlite3_int64) opts->limit : -1);
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
