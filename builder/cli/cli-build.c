/* cli-build.c — `epaper build`: sources → PDF + EPUB. */
#include "pipeline/build.h"
#include "cli/cli.h"
#include "base/errors.h"
#include "import/import.h"
#include "model/model.h"

#include <stdio.h>

typedef struct {
  char    *out_dir;
  char    *layout;
  gboolean pdf_only;
  gboolean epub_only;
  gboolean no_previews;
  gboolean dump_model;
  gboolean vertical;
  gboolean embed_fonts;
  gboolean press;
} CliBuildArgs;

static void
cli_build_args_clear (CliBuildArgs *o)
{
  g_free (o->out_dir);
  g_free (o->layout);
}

/* Loads the edition named on the command line: an edition folder, or one
 * or more raw PAGE.txt files imported in memory. */
static EdEdition *
cli_build_load_sources (char **inputs, GError **error)
{
  if (inputs[0] && g_str_has_suffix (inputs[0], ".txt"))
    return imp_import_pages (inputs, NULL, error);
  if (!inputs[0] || inputs[1])
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE,
                   "build takes one edition folder or PAGE.txt files (see epaper build --help)");
      return NULL;
    }
  return ed_edition_load (inputs[0], error);
}

int
cli_build_main (const CliGlobal *g, int argc, char **argv)
{
  CliBuildArgs o = { 0 };
  BuildOptions opts = { 0 };
  g_auto (GStrv) inputs = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  int code = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.out_dir, "Output folder", "OUT_DIR" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &o.layout, "Layout name (overrides edition.yaml)", "NAME" },
    { "pdf", 0, 0, G_OPTION_ARG_NONE, &o.pdf_only, "Write only the PDF", NULL },
    { "epub", 0, 0, G_OPTION_ARG_NONE, &o.epub_only, "Write only the EPUB", NULL },
    { "no-previews", 0, 0, G_OPTION_ARG_NONE, &o.no_previews,
      "Do not draw the page previews (pages/*.png)", NULL },
    { "vertical", 0, 0, G_OPTION_ARG_NONE, &o.vertical, "Vertical (vertical-rl) EPUB", NULL },
    { "embed-fonts", 0, 0, G_OPTION_ARG_NONE, &o.embed_fonts, "Embed subset fonts in the EPUB", NULL },
    { "press", 0, 0, G_OPTION_ARG_NONE, &o.press,
      "Also write edition-press.pdf for the printing plant (CMYK, bleed, crop marks, PDF/X-4)", NULL },
    { "dump-model", 0, 0, G_OPTION_ARG_NONE, &o.dump_model, "Print the parsed edition model as JSON and exit", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  if (!cli_parse_options ("EDITION_DIR | PAGE.txt… -o OUT_DIR",
                          "Build an edition into a print PDF and an EPUB 3.",
                          entries, &argc, &argv, &code))
    goto out;
  if (!inputs)
    {
      fprintf (stderr, "epaper: build needs an edition folder (see --help)\n");
      code = 2;
      goto out;
    }
  ed = cli_build_load_sources (inputs, &error);
  if (!ed)
    {
      code = cli_report_error (error);
      goto out;
    }
  cli_print_warnings (ed->notes);
  if (o.dump_model)
    {
      g_autofree char *json = ed_edition_dump_json (ed);
      puts (json);
      goto out;
    }
  if (!o.out_dir || !*o.out_dir)
    {
      fprintf (stderr, "epaper: build needs -o OUT_DIR (see --help)\n");
      code = 2;
      goto out;
    }
  cli_progress (g, "%s %s: %u pages, %u articles", ed->paper, ed->date,
                ed->pages->len, ed->articles->len);
  opts.data_dir = build_default_data_dir ();
  opts.layout = o.layout;
  opts.pdf = !o.epub_only;
  opts.epub = !o.pdf_only;
  opts.no_previews = o.no_previews;
  opts.vertical = o.vertical;
  opts.embed_fonts = o.embed_fonts;
  opts.press = o.press;
  if (o.press && o.epub_only)
    {
      fprintf (stderr, "epaper: --press needs the PDF stage (not with --epub)\n");
      code = 2;
      goto out;
    }
  opts.warnings = warnings = g_ptr_array_new_with_free_func (g_free);
  if (!build_edition (ed, o.out_dir, &opts, &error))
    code = cli_report_error (error);
  cli_print_warnings (warnings);
out:
  cli_build_args_clear (&o);
  return code;
}
