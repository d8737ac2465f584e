/* cli-common.c — what every subcommand shares: option parsing, progress
 * lines, warnings and the error → exit status rule (cli.h). */
#include "cli/cli.h"
#include "base/errors.h"

#include <stdarg.h>
#include <stdio.h>

void
cli_print_warnings (const GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "epaper: warning: %s\n", (const char *) g_ptr_array_index (warnings, i));
}

int
cli_report_error (const GError *error)
{
  fprintf (stderr, "epaper: %s\n", error->message);
  if (error->domain == EB_ERROR
      && (error->code == EB_ERROR_INPUT || error->code == EB_ERROR_USAGE
          || error->code == EB_ERROR_FONT))
    return 2;
  return 1;
}

void
cli_progress (const CliGlobal *g, const char *fmt, ...)
{
  va_list ap;

  if (!g->progress)
    return;
  va_start (ap, fmt);
  fputs ("epaper: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
}

gboolean
cli_parse_options (const char *usage, const char *summary,
                   const GOptionEntry *entries, int *argc, char ***argv,
                   int *exit_code)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (usage);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, "epaper: %s\n(see --help)\n", error->message);
      *exit_code = 2;
      return FALSE;
    }
  return TRUE;
}
