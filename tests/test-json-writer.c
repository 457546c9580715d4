/* test-json-writer.c — the streaming JSON writer: layout, escapes, numbers, and what json-glib
 * reads back. */
#include <json-glib/json-glib.h>
#include <math.h>

#include "io/weft-json-writer.h"

/* Blocks put each member on its own line; inline containers, and anything
 * inside them, stay on one line; empty containers close where they open. */
static void
test_layout (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  WeftJsonWriter w;

  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  weft_json_member_int (&w, "version", 1);
  weft_json_key (&w, "params");
  weft_json_begin_inline_object (&w);
  weft_json_member_int (&w, "k", 8);
  weft_json_key (&w, "dims");
  weft_json_begin_array (&w);
  weft_json_int (&w, 4);
  weft_json_int (&w, 2);
  weft_json_end_array (&w);
  weft_json_end_object (&w);
  weft_json_key (&w, "empty");
  weft_json_begin_array (&w);
  weft_json_end_array (&w);
  weft_json_key (&w, "rows");
  weft_json_begin_array (&w);
  weft_json_begin_inline_object (&w);
  weft_json_member_string (&w, "id", "a");
  weft_json_end_object (&w);
  weft_json_null (&w);
  weft_json_end_array (&w);
  weft_json_end_object (&w);

  g_assert_cmpstr (out->str, ==,
                   "{\n"
                   "  \"version\": 1,\n"
                   "  \"params\": {\"k\": 8, \"dims\": [4, 2]},\n"
                   "  \"empty\": [],\n"
                   "  \"rows\": [\n"
                   "    {\"id\": \"a\"},\n"
                   "    null\n"
                   "  ]\n"
                   "}\n");
}

/* Control characters, quotes and backslashes are escaped; NULL is null;
 * a value that is not finite is null, since JSON has no such number. */
static void
test_values (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  WeftJsonWriter w;
  JsonObject *root;

  weft_json_writer_init (&w, out);
  weft_json_begin_inline_object (&w);
  weft_json_member_string (&w, "text", "a \"b\"\\\n\t\x01 µs");
  weft_json_member_string (&w, "none", NULL);
  weft_json_member_double (&w, "third", 1.0 / 3);
  weft_json_member_double (&w, "nan", NAN);
  weft_json_member_double (&w, "inf", INFINITY);
  weft_json_member_int (&w, "big", G_GINT64_CONSTANT (-9007199254740993));
  weft_json_member_bool (&w, "yes", TRUE);
  weft_json_key (&w, "float");
  weft_json_float (&w, 2.1f);
  weft_json_end_object (&w);

  g_assert_nonnull (strstr (out->str, "\"a \\\"b\\\"\\\\\\n\\t\\u0001 µs\""));
  g_assert_nonnull (strstr (out->str, "\"nan\": null, \"inf\": null"));
  /* The shortest spelling that reads back as the same float. */
  g_assert_nonnull (strstr (out->str, "\"float\": 2.1}"));

  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "text"), ==, "a \"b\"\\\n\t\x01 µs");
  g_assert_true (json_object_get_null_member (root, "none"));
  g_assert_true (json_object_get_double_member (root, "third") == 1.0 / 3);
  g_assert_true (json_object_get_null_member (root, "nan"));
  g_assert_cmpint (json_object_get_int_member (root, "big"), ==,
                   G_GINT64_CONSTANT (-9007199254740993));
  g_assert_true (json_object_get_boolean_member (root, "yes"));
  g_assert_true ((float) json_object_get_double_member (root, "float") == 2.1f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-writer/layout", test_layout);
  g_test_add_func ("/json-writer/values", test_values);
  return g_test_run ();
}
