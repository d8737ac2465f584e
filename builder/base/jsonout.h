/* jsonout.h — the JSON the program writes (the model dump, manifests,
 * search results): json-glib builders with the same conventions
 * everywhere, so every string goes through json-glib's escaping. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* Sets member @key to the string @value, or to null when @value is NULL. */
void eb_json_member_string (JsonBuilder *b, const char *key, const char *value);

/* Sets member @key to the integer @value. */
void eb_json_member_int (JsonBuilder *b, const char *key, gint64 value);

/* The builder's document as pretty JSON (2-space indent, members in the
 * order they were added); caller owns. */
char *eb_json_pretty (JsonBuilder *b);
