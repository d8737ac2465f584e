/* cli-typeset.c — `epaper typeset`. */
#include "cli.h"

#include <stdio.h>

int
cli_typeset_main (const CliGlobal *g, int argc, char **argv)
{
  int code = 0;
  const GOptionEntry entries[] = { { NULL, 0, 0, 0, NULL, NULL, NULL } };

  (void) g;
  if (!cli_parse_options ("TEXT_FILE --measure EMS [--dump-lines]", "Set a paragraph into lines and dump them.", entries, &argc, &argv, &code))
    return code;
  fprintf (stderr, "epaper: 'typeset' is not implemented yet\n");
  return 2;
}
