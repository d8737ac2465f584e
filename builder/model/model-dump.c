/* model-dump.c — the edition model as JSON (`epaper build --dump-model`). */
#include "model/model-private.h"
#include "base/dates.h"
#include "base/jsonout.h"

static void
ed_json_block (JsonBuilder *b, const EdBlock *block)
{
  static const char *const kinds[] = { "paragraph", "heading", "figure", "note" };

  json_builder_begin_object (b);
  eb_json_member_string (b, "kind", kinds[block->kind]);
  eb_json_member_int (b, "line", block->src_line);
  if (block->kind == ED_BLOCK_FIGURE)
    {
      eb_json_member_string (b, "image", block->image);
      eb_json_member_string (b, "caption", block->caption);
      eb_json_member_string (b, "credit", block->credit);
    }
  else
    {
      if (block->kind == ED_BLOCK_HEADING)
        {
          eb_json_member_int (b, "level", block->level);
        }
      json_builder_set_member_name (b, "runs");
      json_builder_begin_array (b);
      for (guint i = 0; i < block->runs->len; i++)
        {
          const EdRun *run = g_ptr_array_index (block->runs, i);
          json_builder_begin_object (b);
          eb_json_member_string (b, "text", run->text);
          json_builder_set_member_name (b, "strong");
          json_builder_add_boolean_value (b, (run->flags & ED_RUN_STRONG) != 0);
          json_builder_set_member_name (b, "emph");
          json_builder_add_boolean_value (b, (run->flags & ED_RUN_EMPH) != 0);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

static void
ed_json_article (JsonBuilder *b, const EdArticle *art)
{
  json_builder_begin_object (b);
  eb_json_member_string (b, "id", art->id);
  eb_json_member_string (b, "source", art->src_path);
  eb_json_member_string (b, "title", art->title);
  eb_json_member_string (b, "kicker", art->kicker);
  eb_json_member_string (b, "subtitle", art->subtitle);
  eb_json_member_string (b, "byline", art->byline);
  eb_json_member_string (b, "dateline", art->dateline);
  eb_json_member_int (b, "priority", art->priority);
  json_builder_set_member_name (b, "lead");
  json_builder_add_boolean_value (b, art->lead);
  json_builder_set_member_name (b, "vertical_title");
  json_builder_add_boolean_value (b, art->vertical_title);
  json_builder_set_member_name (b, "byline_top");
  json_builder_add_boolean_value (b, art->byline_top);
  eb_json_member_string (b, "kind", ed_kind_name (art->kind));
  eb_json_member_string (b, "badge", art->badge);
  json_builder_set_member_name (b, "signature");
  if (art->signature)
    {
      json_builder_begin_array (b);
      for (char **l = art->signature; *l; l++)
        json_builder_add_string_value (b, *l);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  eb_json_member_int (b, "page", art->page);
  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < art->blocks->len; i++)
    ed_json_block (b, g_ptr_array_index (art->blocks, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
ed_edition_dump_json (const EdEdition *ed)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  eb_json_member_string (b, "paper", ed->paper);
  eb_json_member_string (b, "date", ed->date);
  eb_json_member_string (b, "weekday", eb_weekday_name (&ed->gdate));
  eb_json_member_string (b, "issue", ed->issue);
  eb_json_member_string (b, "total_issue", ed->total_issue);
  eb_json_member_string (b, "cn", ed->cn);
  eb_json_member_string (b, "price", ed->price);
  eb_json_member_string (b, "publisher", ed->publisher);
  eb_json_member_string (b, "language", ed->language);
  eb_json_member_string (b, "layout", ed->layout);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  for (guint i = 0; i < ed->pages->len; i++)
    {
      const EdPage *page = g_ptr_array_index (ed->pages, i);
      json_builder_begin_object (b);
      eb_json_member_int (b, "number", page->number);
      eb_json_member_string (b, "section", page->section);
      eb_json_member_string (b, "banner", page->banner);
      eb_json_member_string (b, "credits", page->credits);
      json_builder_set_member_name (b, "articles");
      json_builder_begin_array (b);
      for (guint j = 0; j < page->articles->len; j++)
        ed_json_article (b, g_ptr_array_index (page->articles, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < ed->notes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (ed->notes, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  return eb_json_pretty (b);
}
