/* cli-common.c — what every subcommand shares: option parsing, progress
 * lines, warnings, the error → exit status rule and text made safe for a
 * terminal (cli.h). */
#include "cli/cli.h"
#include "base/errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* What a character a terminal would obey (or that is not UTF-8) shows as. */
#define CLI_TERM_REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

char *
cli_term_text (const char *text, const char *mark_open, const char *mark_close)
{
  GString *out = g_string_sized_new (text ? strlen (text) : 0);
  const char *p = text ? text : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, CLI_TERM_REPLACEMENT);
          p++;
          continue;
        }
      if (c == CLI_MARK_OPEN && mark_open)
        g_string_append (out, mark_open);
      else if (c == CLI_MARK_CLOSE && mark_close)
        g_string_append (out, mark_close);
      else if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f))
        g_string_append (out, CLI_TERM_REPLACEMENT);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

void
cli_term_printf (FILE *out, const char *fmt, ...)
{
  g_autofree char *line = NULL;
  g_autofree char *safe = NULL;
  gsize len;
  gboolean nl;
  va_list ap;

  va_start (ap, fmt);
  line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  len = strlen (line);
  nl = len && line[len - 1] == '\n';
  if (nl)
    line[len - 1] = '\0';
  safe = cli_term_text (line, NULL, NULL);
  fputs (safe, out);
  if (nl)
    fputc ('\n', out);
}

void
cli_print_warnings (const GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    cli_term_printf (stderr, "epaper: warning: %s\n",
                     (const char *) g_ptr_array_index (warnings, i));
}

int
cli_report_error (const GError *error)
{
  cli_term_printf (stderr, "epaper: %s\n", error->message);
  if (error->domain == EB_ERROR
      && (error->code == EB_ERROR_INPUT || error->code == EB_ERROR_USAGE
          || error->code == EB_ERROR_FONT))
    return 2;
  return 1;
}

void
cli_progress (const CliGlobal *g, const char *fmt, ...)
{
  g_autofree char *line = NULL;
  va_list ap;

  if (!g->progress)
    return;
  va_start (ap, fmt);
  line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  cli_term_printf (stderr, "epaper: %s\n", line);
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
      cli_term_printf (stderr, "epaper: %s\n", error->message);
      fputs ("(see --help; -- ends the options, before an argument that begins with -)\n",
             stderr);
      *exit_code = 2;
      return FALSE;
    }
  return TRUE;
}
