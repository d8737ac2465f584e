/* import.c — the importer's entry points: pages → edition, edition →
 * clean sources (edition.yaml + Markdown), reconstruction report. */
#include "import/import-private.h"
#include "base/dates.h"
#include "base/errors.h"
#include "base/safe-io.h"
#include "base/stage.h"
#include "base/textcheck.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* "seeds/000_16461028abd987dc.txt" → "000": the name notes use. */
static char *
imp_page_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *cut = strpbrk (base, "_.");

  if (cut && cut != base)
    *cut = '\0';
  return g_strdup (base);
}

/* Reads the raw page @path (a regular file of at most EB_TEXT_MAX_BYTES:
 * never a FIFO or a device), checks it (imp_check_text) and removes the
 * characters no output can show (base/textcheck.h), with a note: raw text
 * from a PDF carries them.  A form feed between pages becomes a line
 * break.  Returns the text (caller owns) or NULL with EB_ERROR_INPUT. */
static char *
imp_read_page (EdEdition *ed, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *stem = imp_page_stem (path);
  g_autoptr (GError) io = NULL;
  gsize len = 0;
  const char *bad;
  char *clean;
  gunichar c;

  if (!eb_read_path (path, TRUE, EB_TEXT_MAX_BYTES, &data, &len, &io))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_INPUT, "%s: %s", path, io->message);
      return NULL;
    }
  if (!imp_check_text (path, data, len, error))
    return NULL;
  for (char *p = memchr (data, '\f', len); p; p = memchr (p, '\f', len - (gsize) (p - data)))
    *p = '\n';
  if (!(bad = eb_text_find_bad (data, (gssize) len)))
    return g_steal_pointer (&data);
  c = g_utf8_get_char (bad);
  ed_edition_add_note (ed, "%s:%u: character U+%04X (%s) removed, with any others no "
                       "output can show", stem, eb_line_of_offset (data, (gsize) (bad - data)),
                       c, eb_char_kind (c));
  clean = eb_text_strip_bad (data, (gssize) len, NULL);
  return clean;
}

EdEdition *
imp_import_pages (char **paths, const ImpOptions *opts, GError **error)
{
  g_autoptr (EdEdition) ed = ed_edition_new ();
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date = NULL;
  gboolean exact = FALSE;

  g_return_val_if_fail (paths && paths[0], NULL);
  for (guint i = 0; paths[i]; i++)
    {
      char *data = imp_read_page (ed, paths[i], error);

      if (!data)
        return NULL;
      g_ptr_array_add (texts, data);
    }
  g_ptr_array_add (texts, NULL);
  for (guint i = 0; paths[i]; i++)
    {
      g_autofree char *stem = imp_page_stem (paths[i]);
      const char *data = g_ptr_array_index (texts, i);
      if (!imp_import_page_text (ed, i + 1, paths[i], stem, data, strlen (data), opts, NULL, error))
        return NULL;
    }
  ed->paper = g_strdup (opts && opts->title ? opts->title : "吕梁日报");
  if (opts && opts->date)
    date = g_strdup (opts->date);
  else
    {
      g_autofree char *stem = imp_page_stem (paths[0]);
      date = imp_guess_date ((char **) texts->pdata, &exact);
      if (!date)
        date = g_strdup ("2000-01-01");
      if (!exact)
        ed_edition_add_note (ed, "%s:1: edition date %s guessed from the dates in the text "
                             "(use --date)", stem, date);
    }
  if (!eb_date_parse (date, &ed->gdate))
    {
      g_set_error (error, EB_ERROR, EB_ERROR_USAGE, "invalid date '%s' (want YYYY-MM-DD)", date);
      return NULL;
    }
  ed->date = g_steal_pointer (&date);
  ed->dir = g_path_get_dirname (paths[0]);
  return g_steal_pointer (&ed);
}

/* ------------------------------------------------------------- writing */

/* A YAML double-quoted scalar. */
static void
imp_yaml_quote (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
imp_yaml_field (GString *out, const char *key, const char *value)
{
  if (!value)
    return;
  g_string_append_printf (out, "%s: ", key);
  imp_yaml_quote (out, value);
  g_string_append_c (out, '\n');
}

/* Markdown text that CommonMark reads back as exactly @s. */
static void
imp_md_escape (GString *out, const char *s, gboolean line_start)
{
  for (const char *p = s; *p; p++)
    {
      char c = *p;
      if (strchr ("\\`*_[]<>&!|~#", c) && c)
        g_string_append_c (out, '\\');
      else if (line_start && p == s && strchr ("-+=", c) && c)
        g_string_append_c (out, '\\');
      else if (line_start && (c == '.' || c == ')') && p > s)
        {
          const char *q = s;
          while (q < p && g_ascii_isdigit (*q))
            q++;
          if (q == p)
            g_string_append_c (out, '\\');
        }
      g_string_append_c (out, c);
    }
}

static void
imp_md_runs (GString *out, const EdBlock *b)
{
  for (guint k = 0; k < b->runs->len; k++)
    {
      const EdRun *r = g_ptr_array_index (b->runs, k);
      const char *mark = (r->flags & ED_RUN_STRONG) ? "**" : (r->flags & ED_RUN_EMPH) ? "*" : "";
      g_string_append (out, mark);
      imp_md_escape (out, r->text, k == 0 && !*mark);
      g_string_append (out, mark);
    }
}

/* The Markdown source of one article (front matter + body). */
static char *
imp_article_markdown (const EdArticle *art)
{
  GString *out = g_string_new ("---\n");

  imp_yaml_field (out, "title", art->title);
  imp_yaml_field (out, "kicker", art->kicker);
  imp_yaml_field (out, "subtitle", art->subtitle);
  imp_yaml_field (out, "byline", art->byline);
  if (art->byline && art->byline_top)
    g_string_append (out, "byline_top: true\n");
  imp_yaml_field (out, "dateline", art->dateline);
  if (art->priority)
    g_string_append_printf (out, "priority: %d\n", art->priority);
  if (art->lead)
    g_string_append (out, "lead: true\n");
  if (art->vertical_title)
    g_string_append (out, "vertical_title: true\n");
  g_string_append (out, "---\n");
  for (guint i = 0; i < art->blocks->len; i++)
    {
      const EdBlock *b = g_ptr_array_index (art->blocks, i);
      g_string_append (out, i ? "\n" : "");
      switch (b->kind)
        {
        case ED_BLOCK_PARAGRAPH:
          imp_md_runs (out, b);
          break;
        case ED_BLOCK_HEADING:
          for (guint l = 0; l < MAX (2u, b->level); l++)
            g_string_append_c (out, '#');
          g_string_append_c (out, ' ');
          imp_md_runs (out, b);
          break;
        case ED_BLOCK_NOTE:
          g_string_append (out, "> ");
          imp_md_runs (out, b);
          break;
        case ED_BLOCK_FIGURE:
          g_string_append (out, "![");
          imp_md_escape (out, b->caption ? b->caption : "", FALSE);
          g_string_append (out, "](");
          g_string_append (out, b->image ? b->image : "<>");
          if (b->credit && *b->credit)
            {
              g_string_append (out, " \"");
              for (const char *p = b->credit; *p; p++)
                {
                  if (*p == '"' || *p == '\\')
                    g_string_append_c (out, '\\');
                  g_string_append_c (out, *p);
                }
              g_string_append_c (out, '"');
            }
          g_string_append_c (out, ')');
          break;
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
imp_edition_yaml (const EdEdition *ed)
{
  GString *out = g_string_new (IMP_MARKER "; edit freely, then `epaper build` this folder\n");

  imp_yaml_field (out, "paper", ed->paper);
  imp_yaml_field (out, "date", ed->date);
  imp_yaml_field (out, "issue", ed->issue);
  imp_yaml_field (out, "publisher", ed->publisher);
  imp_yaml_field (out, "language", ed->language);
  imp_yaml_field (out, "layout", ed->layout);
  g_string_append (out, "pages:\n");
  for (guint p = 0; p < ed->pages->len; p++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, p);
      g_string_append (out, "  - section: ");
      imp_yaml_quote (out, page->section);
      g_string_append (out, "\n    articles:\n");
      for (guint a = 0; a < page->articles->len; a++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, a);
          g_string_append (out, "      - ");
          imp_yaml_quote (out, art->src_path);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* May the sources be written into @dir: missing or empty, or the folder
 * of a previous import (its list of written files, or an edition.yaml
 * whose first line is the importer's marker)? */
static gboolean
imp_dir_is_ours (const char *dir, GError **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *list = g_build_filename (dir, IMP_LIST_NAME, NULL);
  g_autofree char *yaml = NULL;
  const char *name;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!d)
    {
      g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT, "%s exists and is not a folder", dir);
      return FALSE;
    }
  if (g_file_test (list, G_FILE_TEST_IS_REGULAR)
      || (eb_read_beneath (dir, "edition.yaml", EB_TEXT_MAX_BYTES, &yaml, NULL, NULL)
          && g_str_has_prefix (yaml, IMP_MARKER)))
    return TRUE;
  while ((name = g_dir_read_name (d)))
    if (!g_str_has_prefix (name, EB_STAGE_PREFIX))
      {
        g_set_error (error, EB_ERROR, EB_ERROR_OUTPUT,
                     "%s is not empty and not a previous import (found '%s'); "
                     "refusing to write into it", dir, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
imp_write_file (const char *dir, const char *name, const char *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return eb_write_file_atomic (path, text, strlen (text), error);
}

gboolean
imp_write_sources (const EdEdition *ed, const char *dir, gboolean force, GError **error)
{
  g_autoptr (EbStage) stage = NULL;
  g_autofree char *yaml = NULL;
  const char *tmp;

  if (!imp_dir_is_ours (dir, error) || !(stage = eb_stage_open (dir, IMP_LIST_NAME, error)))
    return FALSE;
  tmp = eb_stage_path (stage);
  yaml = imp_edition_yaml (ed);
  if (!imp_write_file (tmp, "edition.yaml", yaml, error))
    return FALSE;
  for (guint i = 0; i < ed->articles->len; i++)
    {
      const EdArticle *art = g_ptr_array_index (ed->articles, i);
      g_autofree char *md = imp_article_markdown (art);
      g_autofree char *name = g_path_get_basename (art->src_path);
      if (!imp_write_file (tmp, name, md, error))
        return FALSE;
    }
  return eb_stage_commit (stage, EB_STAGE_KEEP_EDITS | (force ? EB_STAGE_FORCE : 0), error);
}

/* -------------------------------------------------------------- report */

char *
imp_report (const EdEdition *ed)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s %s: %u pages, %u articles\n", ed->paper, ed->date,
                          ed->pages->len, ed->articles->len);
  for (guint p = 0; p < ed->pages->len; p++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, p);
      guint paras = 0, heads = 0, figs = 0, notes = 0;
      for (guint a = 0; a < page->articles->len; a++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, a);
          for (guint b = 0; b < art->blocks->len; b++)
            {
              const EdBlock *blk = g_ptr_array_index (art->blocks, b);
              paras += blk->kind == ED_BLOCK_PARAGRAPH;
              heads += blk->kind == ED_BLOCK_HEADING;
              figs += blk->kind == ED_BLOCK_FIGURE;
              notes += blk->kind == ED_BLOCK_NOTE;
            }
        }
      g_string_append_printf (out, "page %u (%s): %u articles, %u paragraphs, %u subheads, "
                              "%u captions, %u notes\n", page->number, page->section,
                              page->articles->len, paras, heads, figs, notes);
      for (guint a = 0; a < page->articles->len; a++)
        {
          const EdArticle *art = g_ptr_array_index (page->articles, a);
          guint ap = 0, af = 0;
          for (guint b = 0; b < art->blocks->len; b++)
            {
              const EdBlock *blk = g_ptr_array_index (art->blocks, b);
              ap += blk->kind == ED_BLOCK_PARAGRAPH;
              af += blk->kind == ED_BLOCK_FIGURE;
            }
          g_string_append_printf (out, "  %-7s %3u ¶ %u fig  %s%s%s\n", art->id, ap, af,
                                  art->title, art->byline ? " / " : "",
                                  art->byline ? art->byline : "");
        }
    }
  return g_string_free (out, FALSE);
}
