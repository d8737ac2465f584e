/* cli-archive.c — `epaper archive`. */
#include "cli.h"

#include <stdio.h>

int
cli_archive_main (const CliGlobal *g, int argc, char **argv)
{
  int code = 0;
  const GOptionEntry entries[] = { { NULL, 0, 0, 0, NULL, NULL, NULL } };

  (void) g;
  if (!cli_parse_options ("(add|search|list|verify|reindex) ARCHIVE …", "Store editions by date; search, list and verify the archive.", entries, &argc, &argv, &code))
    return code;
  fprintf (stderr, "epaper: 'archive' is not implemented yet\n");
  return 2;
}
