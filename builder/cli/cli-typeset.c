/* cli-typeset.c — `epaper typeset`: set a text file into lines, dump them
 * and/or draw them into a PDF (a test tool for the typesetting engine). */
#include "pipeline/build.h"
#include "cli/cli.h"
#include "base/errors.h"
#include "base/safe-io.h"
#include "typeset/typeset.h"
#include "typeset/fonts.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  double   measure;     /* ems */
  double   size;        /* pt */
  double   pitch;       /* pt, 0 = 1.5 × size */
  char    *role;
  char    *pdf;
  char    *fonts;
  gboolean headline;
  gboolean vertical;
  gboolean dump_lines;
} CliTypesetArgs;

/* Paragraphs of a text file: blocks separated by blank lines. */
static GPtrArray *
cli_typeset_paragraphs (const char *text)
{
  GPtrArray *pars = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *cur = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0])
        {
          if (cur->len)
            g_string_append_c (cur, ' ');
          g_string_append (cur, lines[i]);
          continue;
        }
      if (cur->len)
        g_ptr_array_add (pars, g_strdup (cur->str));
      g_string_truncate (cur, 0);
    }
  if (cur->len)
    g_ptr_array_add (pars, g_strdup (cur->str));
  g_string_free (cur, TRUE);
  return pars;
}

static cairo_status_t
cli_typeset_write_chunk (void *closure, const unsigned char *data, unsigned int len)
{
  g_byte_array_append (closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the paragraphs one after another on A4 pages (one column of the
 * measure, or right-to-left blocks of columns for vertical text). */
static gboolean
cli_typeset_pdf (GPtrArray *pars, const char *path, GError **error)
{
  const double page_w = 595.28, page_h = 841.89, margin = 56.7;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (cli_typeset_write_chunk,
                                                                  bytes, page_w, page_h);
  cairo_t *cr = cairo_create (surface);
  double pos = 0;
  gboolean ok;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "epaper typeset");
  for (guint i = 0; i < pars->len; i++)
    {
      const TsParagraph *par = g_ptr_array_index (pars, i);
      double room = par->vertical ? page_w - 2 * margin : page_h - 2 * margin;

      /* line by line, so long paragraphs continue on the next page */
      for (guint l = 0; l < par->lines->len; l++)
        {
          if (pos > 0 && pos + par->pitch > room)
            {
              cairo_show_page (cr);
              pos = 0;
            }
          if (par->vertical)
            ts_line_draw (g_ptr_array_index (par->lines, l), cr,
                          page_w - margin - pos - par->extent + l * par->pitch, margin);
          else
            ts_line_draw (g_ptr_array_index (par->lines, l), cr, margin, margin + pos - l * par->pitch);
          pos += par->pitch;
        }
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_destroy (surface);
  ok = eb_write_file_atomic (path, bytes->data, bytes->len, error);
  return ok;
}

static gboolean
cli_typeset_role (const char *name, TsRole *role, GError **error)
{
  for (int r = 0; r < TS_ROLE_COUNT; r++)
    if (!strcmp (name, fonts_role_name (r)))
      {
        *role = r;
        return TRUE;
      }
  g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "unknown role '%s'", name);
  return FALSE;
}

static int
cli_typeset_run (CliTypesetArgs *o, const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TsContext) ctx = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autoptr (GPtrArray) pars = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_paragraph_free);
  g_autofree char *data = NULL;
  g_autofree char *fonts = NULL;
  TsStyle style = { 0 };

  if (!cli_typeset_role (o->role ? o->role : (o->headline ? "heading" : "body"), &style.role, &error))
    return cli_report_error (error);
  if (!eb_read_path (file, TRUE, EB_TEXT_MAX_BYTES, &data, NULL, &error))
    {
      g_prefix_error (&error, "%s: ", file);
      return cli_report_error (error);
    }
  fonts = o->fonts ? g_strdup (o->fonts) : g_build_filename (build_default_data_dir (), "fonts", NULL);
  ctx = ts_context_new (fonts, &error);
  if (!ctx)
    return cli_report_error (error);
  style.size = o->size > 0 ? o->size : 9.0;
  style.pitch = o->pitch > 0 ? o->pitch : style.size * 1.5;
  style.headline = o->headline;
  style.vertical = o->vertical;
  style.align = o->headline ? TS_ALIGN_CENTER : TS_ALIGN_JUSTIFY;
  style.indent = (style.role == TS_ROLE_BODY && !o->headline) ? 2.0 : 0.0;
  texts = cli_typeset_paragraphs (data);
  for (guint i = 0; i < texts->len; i++)
    {
      TsParagraph *par = ts_set_text (ctx, g_ptr_array_index (texts, i), &style,
                                      o->measure * style.size);
      if (o->dump_lines)
        {
          g_autofree char *dump = ts_paragraph_dump (par);
          fputs (dump, stdout);
          if (i + 1 < texts->len)
            fputc ('\n', stdout);
        }
      g_ptr_array_add (pars, par);
    }
  if (o->pdf && !cli_typeset_pdf (pars, o->pdf, &error))
    return cli_report_error (error);
  return 0;
}

int
cli_typeset_main (const CliGlobal *g, int argc, char **argv)
{
  CliTypesetArgs o = { 0 };
  g_auto (GStrv) inputs = NULL;
  int code = 0;
  const GOptionEntry entries[] = {
    { "measure", 0, 0, G_OPTION_ARG_DOUBLE, &o.measure, "Line length in ems (required)", "EMS" },
    { "size", 0, 0, G_OPTION_ARG_DOUBLE, &o.size, "Font size in pt (default 9)", "PT" },
    { "pitch", 0, 0, G_OPTION_ARG_DOUBLE, &o.pitch, "Line pitch in pt (default 1.5 × size)", "PT" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &o.role, "Font role: body, heading, kicker, subtitle, byline, caption, masthead, folio, title", "ROLE" },
    { "headline", 0, 0, G_OPTION_ARG_NONE, &o.headline, "Headline: balanced lines, breaks between words, centred", NULL },
    { "vertical", 0, 0, G_OPTION_ARG_NONE, &o.vertical, "Vertical text (columns right to left)", NULL },
    { "dump-lines", 0, 0, G_OPTION_ARG_NONE, &o.dump_lines, "Print each line: x y width | text", NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &o.pdf, "Draw the paragraphs into a PDF", "OUT.pdf" },
    { "fonts", 0, 0, G_OPTION_ARG_FILENAME, &o.fonts, "Font folder (fonts.conf, roles.yaml)", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  (void) g;
  if (!cli_parse_options ("TEXT_FILE --measure EMS [--size PT] [--role ROLE] [--headline] "
                          "[--vertical] [--dump-lines] [--pdf OUT.pdf]",
                          "Set a text file (paragraphs separated by blank lines) into lines.",
                          entries, &argc, &argv, &code))
    goto out;
  if (!inputs || !inputs[0] || inputs[1] || o.measure <= 0)
    {
      fprintf (stderr, "epaper: typeset needs one TEXT_FILE and --measure EMS (see --help)\n");
      code = 2;
      goto out;
    }
  code = cli_typeset_run (&o, inputs[0]);
out:
  g_free (o.role);
  g_free (o.pdf);
  g_free (o.fonts);
  return code;
}
