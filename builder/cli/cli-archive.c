/* cli-archive.c — `epaper archive (add|search|list|verify|reindex) ARCHIVE …`. */
#include "archive/archive.h"
#include "pipeline/build.h"
#include "cli/cli.h"
#include "base/errors.h"
#include "model/model.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char cli_archive_help[] =
  "Usage: epaper archive COMMAND ARCHIVE …\n"
  "\n"
  "Stores editions by date in ARCHIVE/YYYY/MM/DD/ (PDF, EPUB, page previews,\n"
  "sources, manifest.json), with a search index, HTML index pages and an OPDS feed.\n"
  "\n"
  "Commands:\n"
  "  add ARCHIVE (EDITION_DIR | PAGE.txt…) [--date D] [--replace] [--no-build]\n"
  "  search ARCHIVE QUERY [--json] [--from D] [--to D] [--limit N]\n"
  "  list ARCHIVE\n"
  "  verify ARCHIVE        re-hash every file against the manifests\n"
  "  reindex ARCHIVE       rebuild archive.sqlite, index.html and the OPDS feeds\n"
  "\n"
  "`epaper archive COMMAND --help` describes a command's options.\n";

/* Prints the repairs arc_open() made. */
static void
cli_archive_print_notes (const CliGlobal *g, const ArcArchive *arc)
{
  const GPtrArray *notes = arc_notes (arc);

  for (guint i = 0; !g->quiet && i < notes->len; i++)
    cli_term_printf (stderr, "epaper: archive: %s\n", (const char *) notes->pdata[i]);
}

/* Opens an archive; @must_exist refuses a missing folder. */
static ArcArchive *
cli_archive_open (const CliGlobal *g, const char *root, gboolean must_exist,
                  ArcOpenFlags flags, int *code)
{
  g_autoptr (GError) error = NULL;
  ArcArchive *arc;

  if (must_exist && !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      cli_term_printf (stderr, "epaper: %s: no such archive folder\n", root);
      *code = 2;
      return NULL;
    }
  if (!(flags & ARC_OPEN_READER) && !g->quiet && arc_busy (root))
    fprintf (stderr, "epaper: archive: %s: another process is updating it; waiting\n", root);
  arc = arc_open (root, flags, &error);
  if (!arc)
    {
      *code = cli_report_error (error);
      return NULL;
    }
  cli_archive_print_notes (g, arc);
  return arc;
}

static gboolean
cli_archive_usage (const char *msg, int *code)
{
  fprintf (stderr, "epaper: %s (see epaper archive --help)\n", msg);
  *code = 2;
  return FALSE;
}

/* ------------------------------------------------------------ add */

static int
cli_archive_add (const CliGlobal *g, int argc, char **argv)
{
  g_autofree char *date = NULL;
  gboolean replace = FALSE, no_build = FALSE, raw;
  g_auto (GStrv) rest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (ArcArchive) arc = NULL;
  BuildOptions build = { 0 };
  g_autoptr (GPtrArray) warnings = NULL;
  ArcAddOptions opts = { 0 };
  ArcStages stages;
  int code = 0;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Store under this date instead of the edition's", "YYYY-MM-DD" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, "Replace an edition already stored at that date", NULL },
    { "no-build", 0, 0, G_OPTION_ARG_NONE, &no_build, "Store sources and manifest only (no PDF/EPUB)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (!cli_parse_options ("ARCHIVE (EDITION_DIR | PAGE.txt…)",
                          "Build an edition and store it in the archive at its date.",
                          entries, &argc, &argv, &code))
    return code;
  if (!rest || !rest[0] || !rest[1])
    return cli_archive_usage ("archive add needs ARCHIVE and an edition folder", &code), code;
  raw = g_str_has_suffix (rest[1], ".txt");
  if (!raw && rest[2])
    return cli_archive_usage ("archive add takes one edition folder or PAGE.txt files", &code), code;
  if (!raw)
    {
      ed = ed_edition_load (rest[1], &error);
      if (!ed)
        return cli_report_error (error);
      if (!g->quiet)
        cli_print_warnings (ed->notes);
    }
  arc = cli_archive_open (g, rest[0], FALSE, ARC_OPEN_DEFAULT, &code);
  if (!arc)
    return code;
  build.data_dir = build_default_data_dir ();
  build.pdf = TRUE;
  build.epub = TRUE;
  build.warnings = warnings = g_ptr_array_new_with_free_func (g_free);
  stages = build_archive_stages (&build);
  if (no_build)
    stages.build = NULL;
  opts.stages = &stages;
  opts.date = date;
  opts.replace = replace;
  cli_progress (g, "archiving %s", rest[1]);
  if (raw ? !arc_add_pages (arc, rest + 1, &opts, &error) : !arc_add (arc, ed, &opts, &error))
    return cli_report_error (error);
  if (!g->quiet)
    cli_print_warnings (warnings);
  cli_progress (g, "stored %s in %s", raw ? "the pages" : ed->date, rest[0]);
  return 0;
}

/* ------------------------------------------------------------ search */

static void
cli_archive_print_json (const GPtrArray *hits)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      const ArcHit *h = hits->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, h->date);
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, h->page);
      json_builder_set_member_name (b, "article");
      json_builder_add_string_value (b, h->article);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, h->title);
      json_builder_set_member_name (b, "snippet");
      json_builder_add_string_value (b, h->snippet);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static int
cli_archive_search (const CliGlobal *g, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL;
  gboolean json = FALSE, timing = FALSE;
  int limit = 100;
  gint64 t0;
  g_auto (GStrv) rest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ArcArchive) arc = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  ArcSearchOptions opts = { 0 };
  gboolean tty = isatty (STDOUT_FILENO);
  int code = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the results as JSON", NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, "Only editions on or after this date", "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "Only editions on or before this date", "YYYY-MM-DD" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N results (default 100, 0 = all)", "N" },
    { "time", 0, 0, G_OPTION_ARG_NONE, &timing, "Print the query time to stderr", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (!cli_parse_options ("ARCHIVE QUERY",
                          "Search article titles, kickers, subtitles, bylines and bodies "
                          "(newest first; matches marked «…»).",
                          entries, &argc, &argv, &code))
    return code;
  if (!rest || !rest[0] || !rest[1] || rest[2] || limit < 0)
    return cli_archive_usage ("archive search needs ARCHIVE and one QUERY", &code), code;
  arc = cli_archive_open (g, rest[0], TRUE, ARC_OPEN_READER | ARC_OPEN_READ_ONLY_OK, &code);
  if (!arc)
    return code;
  opts.from = from;
  opts.to = to;
  opts.limit = (guint) limit;
  /* the archive marks matches with STX/ETX; the terminal's highlight (or
   * «…») is put in when the line is made safe to print */
  opts.mark_open = json ? "«" : "\x02";
  opts.mark_close = json ? "»" : "\x03";
  t0 = g_get_monotonic_time ();
  hits = arc_search (arc, rest[1], &opts, &error);
  if (!hits)
    return cli_report_error (error);
  if (timing)
    fprintf (stderr, "epaper: search: %u results in %.2f ms\n", hits->len,
             (double) (g_get_monotonic_time () - t0) / 1000.0);
  if (json)
    cli_archive_print_json (hits);
  else
    for (guint i = 0; i < hits->len; i++)
      {
        const ArcHit *h = hits->pdata[i];
        g_autofree char *snippet = cli_term_text (h->snippet, tty ? "\033[1;31m" : "«",
                                                  tty ? "\033[0m" : "»");
        cli_term_printf (stdout, "%s  第%u版  %s\n", h->date, h->page, h->title);
        printf ("    %s\n", snippet);
      }
  return 0;
}

/* ------------------------------------------------------------ list, verify, reindex */

static gboolean
cli_archive_one_arg (const char *usage, const char *summary, int *argc, char ***argv,
                     char ***rest, int *code)
{
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, rest, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (!cli_parse_options (usage, summary, entries, argc, argv, code))
    return FALSE;
  if (!*rest || !(*rest)[0] || (*rest)[1])
    return cli_archive_usage ("this command takes one ARCHIVE folder", code);
  return TRUE;
}

static int
cli_archive_list (const CliGlobal *g, int argc, char **argv)
{
  g_auto (GStrv) rest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ArcArchive) arc = NULL;
  g_autoptr (GPtrArray) list = NULL;
  int code = 0;

  if (!cli_archive_one_arg ("ARCHIVE", "List the stored editions, oldest first.",
                            &argc, &argv, &rest, &code))
    return code;
  arc = cli_archive_open (g, rest[0], TRUE, ARC_OPEN_READER | ARC_OPEN_READ_ONLY_OK, &code);
  if (!arc)
    return code;
  list = arc_list (arc, &error);
  if (!list)
    return cli_report_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const ArcManifest *m = list->pdata[i];
      g_autofree char *issue = m->issue ? g_strdup_printf ("第%s期  ", m->issue) : g_strdup ("");
      cli_term_printf (stdout, "%s  %s  %s%u版  %u篇  %s\n", m->date, m->paper, issue, m->pages->len,
              m->articles->len, arc_manifest_headline (m));
    }
  return 0;
}

static int
cli_archive_verify (const CliGlobal *g, int argc, char **argv)
{
  g_auto (GStrv) rest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ArcArchive) arc = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) list = NULL;
  int code = 0;

  if (!cli_archive_one_arg ("ARCHIVE", "Re-hash every stored file against the manifests; "
                            "report missing, changed and extra files.",
                            &argc, &argv, &rest, &code))
    return code;
  /* a check: repairs after a crash, but no index refresh (nothing to
   * write on a full disk, nothing a tampered manifest could put in) */
  arc = cli_archive_open (g, rest[0], TRUE, ARC_OPEN_NO_REFRESH | ARC_OPEN_READ_ONLY_OK, &code);
  if (!arc)
    return code;
  if (!arc_verify (arc, problems, &error))
    return cli_report_error (error);
  for (guint i = 0; i < problems->len; i++)
    cli_term_printf (stdout, "%s\n", (const char *) problems->pdata[i]);
  list = arc_list (arc, NULL);
  if (problems->len)
    {
      cli_term_printf (stderr, "epaper: verify: %u problem%s in %s\n", problems->len,
               problems->len == 1 ? "" : "s", rest[0]);
      return 1;
    }
  if (!g->quiet)
    fprintf (stderr, "epaper: verify: %u edition%s OK\n", list ? list->len : 0,
             list && list->len == 1 ? "" : "s");
  return 0;
}

static int
cli_archive_reindex (const CliGlobal *g, int argc, char **argv)
{
  g_auto (GStrv) rest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ArcArchive) arc = NULL;
  int code = 0;

  if (!cli_archive_one_arg ("ARCHIVE", "Rebuild archive.sqlite, index.html and the OPDS "
                            "feeds from the manifests and stored sources.",
                            &argc, &argv, &rest, &code))
    return code;
  arc = cli_archive_open (g, rest[0], TRUE, ARC_OPEN_NO_REFRESH, &code);
  if (!arc)
    return code;
  if (!arc_reindex (arc, &error))
    return cli_report_error (error);
  cli_archive_print_notes (g, arc);
  return 0;
}

int
cli_archive_main (const CliGlobal *g, int argc, char **argv)
{
  static const struct {
    const char *name;
    int (*run) (const CliGlobal *g, int argc, char **argv);
  } commands[] = {
    { "add", cli_archive_add },
    { "search", cli_archive_search },
    { "list", cli_archive_list },
    { "verify", cli_archive_verify },
    { "reindex", cli_archive_reindex },
  };

  if (argc < 2 || !strcmp (argv[1], "--help") || !strcmp (argv[1], "-h"))
    {
      fputs (cli_archive_help, argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (!strcmp (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("epaper archive %s", argv[1]);
        g_set_prgname (prgname);
        return commands[i].run (g, argc - 1, argv + 1);
      }
  cli_term_printf (stderr, "epaper: unknown archive command '%s' (see epaper archive --help)\n",
           argv[1]);
  return 2;
}
