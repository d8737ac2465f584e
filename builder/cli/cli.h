/* cli.h — the command-line layer: main.c dispatches to one function per
 * subcommand.  Only this layer prints and chooses exit codes:
 *   0 success, 1 output/runtime failure, 2 bad input or usage.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

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

/* Text from sources, manifests, file names or error messages made safe to
 * print to a terminal: every control character (C0 but tab, DEL, C1) and
 * invalid UTF-8 becomes U+FFFD, so no escape sequence in a title or a file
 * name reaches the terminal.  CLI_MARK_OPEN / CLI_MARK_CLOSE (the search
 * markers the CLI asks the archive for) become @mark_open / @mark_close
 * when these are given.  Caller owns. */
#define CLI_MARK_OPEN  0x02   /* STX */
#define CLI_MARK_CLOSE 0x03   /* ETX */
char *cli_term_text (const char *text, const char *mark_open, const char *mark_close);

/* printf through cli_term_text(): the whole line is made safe (a final
 * newline is kept).  The one way the CLI prints what it did not write. */
void cli_term_printf (FILE *out, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
