/* test-window.c — the real window under Xvfb, driven with real keyboard and pointer events. */
#include <string.h>

#include "weft-gui-test.h"

static gboolean
error_dialog_shown (JsonObject *state,
                    gpointer    data)
{
  JsonObject *dialog = json_object_get_object_member (state, "error_dialog");

  return dialog != NULL && g_strcmp0 (json_object_get_string_member (dialog, "heading"), data) == 0;
}

static void
test_opens_default (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);
  JsonObject *fabric = json_object_get_object_member (state, "fabric");

  g_assert_cmpint (json_object_get_int_member (fabric, "gpus"), ==, 1024);
  g_assert_cmpstr (json_object_get_string_member (fabric, "name"), ==, "Rail-optimized, 1,024 GPUs");
  g_assert_false (json_object_get_boolean_member (state, "modified"));
  g_assert_true (json_object_get_null_member (state, "undo"));
}

/* Ctrl+O, type the path of a broken file: a dialog says why, the app stays
 * up and the fabric on screen is untouched. */
static void
test_malformed_file (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *bad = weft_app_path (app, "broken.json");
  JsonObject *before, *after, *dialog;
  gint64 generation;

  g_assert_true (g_file_set_contents (bad, "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": [}", -1, NULL));
  before = weft_app_state (app, parser);
  generation = json_object_get_int_member (json_object_get_object_member (before, "fabric"), "generation");

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+o", NULL);
  g_usleep (800 * 1000);
  /* The file chooser takes a typed path after "/" opens its location entry. */
  weft_xdotool ("type", "--delay", "20", bad, NULL);
  weft_xdotool ("key", "Return", NULL);

  after = weft_app_wait (app, parser, 15, error_dialog_shown, (gpointer) "Could Not Open the Fabric",
                         "the error dialog");
  dialog = json_object_get_object_member (after, "error_dialog");
  g_assert_nonnull (strstr (json_object_get_string_member (dialog, "body"), "line 1, column 52"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (after, "fabric"), "generation"),
                   ==, generation);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (after, "fabric"), "gpus"),
                   ==, 1024);
  g_assert_true (weft_app_is_running (app));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/opens-default", test_opens_default);
  g_test_add_func ("/window/malformed-file", test_malformed_file);

  return g_test_run ();
}
