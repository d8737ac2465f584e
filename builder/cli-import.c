/* cli-import.c — `epaper import`. */
#include "cli.h"

#include <stdio.h>

int
cli_import_main (const CliGlobal *g, int argc, char **argv)
{
  int code = 0;
  const GOptionEntry entries[] = { { NULL, 0, 0, 0, NULL, NULL, NULL } };

  (void) g;
  if (!cli_parse_options ("RAW.txt… -o EDITION_DIR [--date D] [--title T]", "Reconstruct clean edition sources from raw page text.", entries, &argc, &argv, &code))
    return code;
  fprintf (stderr, "epaper: 'import' is not implemented yet\n");
  return 2;
}
