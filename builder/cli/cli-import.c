/* cli-import.c — `epaper import`: raw page text → clean edition sources. */
#include "cli/cli.h"
#include "base/errors.h"
#include "import/import.h"

#include <stdio.h>

int
cli_import_main (const CliGlobal *g, int argc, char **argv)
{
  int code = 0;
  g_autofree char *out_dir = NULL, *date = NULL, *title = NULL, *section = NULL;
  gboolean keep_punct = FALSE, report = FALSE, force = FALSE;
  g_auto (GStrv) inputs = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  ImpOptions opts = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "Edition folder to write", "EDITION_DIR" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Edition date (default: guessed from the text)", "YYYY-MM-DD" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Paper name (default 吕梁日报)", "T" },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section, "Section of every page (default: guessed)", "S" },
    { "keep-punctuation", 0, 0, G_OPTION_ARG_NONE, &keep_punct, "Keep half-width , ; : ( ) ? ! as printed", NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, &report, "Print a reconstruction report on stdout", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "Replace sources edited since the last import (files it never wrote are kept)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (!cli_parse_options ("PAGE.txt… -o EDITION_DIR [--date D] [--title T] [--section S]",
                          "Reconstruct clean edition sources from raw page text (one page per "
                          "file).\nAn existing EDITION_DIR must be empty or hold a previous "
                          "import; sources the desk edited since are not replaced without "
                          "--force, and files the import never wrote are kept.",
                          entries, &argc, &argv, &code))
    return code;
  if (!inputs || !inputs[0])
    {
      fprintf (stderr, "epaper: import needs at least one PAGE.txt (see --help)\n");
      return 2;
    }
  if ((!out_dir && !report) || (out_dir && !*out_dir))
    {
      fprintf (stderr, "epaper: import needs -o EDITION_DIR (see --help)\n");
      return 2;
    }
  opts.date = date;
  opts.title = title;
  opts.section = section;
  opts.keep_punctuation = keep_punct;
  ed = imp_import_pages (inputs, &opts, &error);
  if (!ed)
    return cli_report_error (error);
  if (!g->quiet)
    for (guint i = 0; i < ed->notes->len; i++)
      cli_term_printf (stderr, "epaper: note: %s\n", (char *) g_ptr_array_index (ed->notes, i));
  if (report)
    {
      g_autofree char *text = imp_report (ed);
      fputs (text, stdout);
    }
  if (out_dir)
    {
      if (!imp_write_sources (ed, out_dir, force, &error))
        return cli_report_error (error);
      cli_progress (g, "wrote %s: %u pages, %u articles", out_dir, ed->pages->len,
                    ed->articles->len);
    }
  return 0;
}
