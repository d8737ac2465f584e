/* cli.h — the command-line layer: main.c dispatches to one function per
 * subcommand.  Only this layer prints and chooses exit codes:
 *   0 success, 1 output/runtime failure, 2 bad input or usage.
 */
#pragma once

#include <glib.h>

typedef struct {
  gboolean quiet;     /* -q: no progress lines */
  gboolean progress;  /* stderr is a terminal and not quiet */
} CliGlobal;

int cli_build_main   (const CliGlobal *g, int argc, char **argv);
int cli_import_main  (const CliGlobal *g, int argc, char **argv);
int cli_archive_main (const CliGlobal *g, int argc, char **argv);
int cli_typeset_main (const CliGlobal *g, int argc, char **argv);

/* Prints "epaper: <message>" for @error and returns the exit code for it. */
int  cli_report_error (const GError *error);

/* Prints each string of @warnings (char *) as "epaper: warning: …". */
void cli_print_warnings (const GPtrArray *warnings);

/* Prints a progress line to stderr when g->progress. */
void cli_progress (const CliGlobal *g, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/* Parses a subcommand's options; on failure prints the message and returns
 * FALSE.  @summary is the --help text. */
gboolean cli_parse_options (const char *usage, const char *summary,
                            const GOptionEntry *entries, int *argc, char ***argv,
                            int *exit_code);
