/* main.c — `epaper`: the command-line entry point.  A thin layer: it picks
 * the subcommand and leaves the work to the pipeline modules. */
#include "cli/cli.h"
#include "base/errors.h"
#include "base/version.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void
main_print_help (FILE *out)
{
  fputs ("Usage: epaper [--version] [-q] COMMAND [ARGS…]\n"
         "\n"
         "Builds a newspaper's daily e-paper edition: print PDF, EPUB 3 and archive.\n"
         "\n"
         "Commands:\n"
         "  build     build an edition folder (or raw page .txt files) into PDF and EPUB\n"
         "  import    reconstruct clean edition sources from raw page text\n"
         "  archive   store editions by date, search them, index pages and OPDS feed\n"
         "  typeset   set a text file into lines and dump them (for tests)\n"
         "\n"
         "Options:\n"
         "  -h, --help     show this help; `epaper COMMAND --help` for a command\n"
         "  --version      print the version\n"
         "  -q, --quiet    no progress lines\n", out);
}

int
main (int argc, char **argv)
{
  CliGlobal g = { 0 };
  int i = 1;

  setlocale (LC_ALL, "");
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (!strcmp (argv[i], "--version"))
        {
          printf ("epaper %s\n", EPAPER_VERSION);
          return 0;
        }
      else if (!strcmp (argv[i], "-h") || !strcmp (argv[i], "--help"))
        {
          main_print_help (stdout);
          return 0;
        }
      else if (!strcmp (argv[i], "-q") || !strcmp (argv[i], "--quiet"))
        g.quiet = TRUE;
      else
        {
          cli_term_printf (stderr, "epaper: unknown option '%s' (see --help)\n", argv[i]);
          return 2;
        }
    }
  if (i >= argc)
    {
      main_print_help (stderr);
      return 2;
    }
  g.progress = !g.quiet && isatty (STDERR_FILENO);

  /* the subcommand sees itself as argv[0], named "epaper CMD" in --help */
  argc -= i;
  argv += i;
  g_autofree char *prgname = g_strdup_printf ("epaper %s", argv[0]);
  g_set_prgname (prgname);
  if (!strcmp (argv[0], "build"))
    return cli_build_main (&g, argc, argv);
  if (!strcmp (argv[0], "import"))
    return cli_import_main (&g, argc, argv);
  if (!strcmp (argv[0], "archive"))
    return cli_archive_main (&g, argc, argv);
  if (!strcmp (argv[0], "typeset"))
    return cli_typeset_main (&g, argc, argv);
  cli_term_printf (stderr, "epaper: unknown command '%s' (see epaper --help)\n", argv[0]);
  return 2;
}
