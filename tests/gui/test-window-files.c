/* test-window-files.c — a file the window cannot open says where and what the problem is, and the
 * fabric on screen stays (issue 13, rule 9). */
#include <string.h>

#include "weft-gui-test.h"

/* A good file, then each mistake made from it. */
static char *
generate (const char *dir)
{
  const char *args[] = { "--gpus", "16", "--gpus-per-server", "1", "--scale-up", "none", NULL };

  return weft_cli_generate (dir, "good.weft.json", "leaf-spine", args);
}

/* @good with the text from @from replaced by @to, or cut before @cut when @to is NULL. */
static char *
variant (const char *dir,
         const char *name,
         const char *good,
         const char *from,
         const char *to)
{
  char *path = g_build_filename (dir, name, NULL);
  const char *at = strstr (good, from);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (at);
  g_string_append_len (text, good, at - good);
  if (to != NULL)
    {
      g_string_append (text, to);
      g_string_append (text, at + strlen (from));
    }
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

typedef struct
{
  const char *name;
  const char *from;     /* where the mistake is made */
  const char *to;       /* NULL: the file is cut there */
  const char *says[2];  /* what the dialog's body must hold */
} Mistake;

static const Mistake mistakes[] = {
  { "cut-in-a-node.json", "\"kind\": \"gpu\"", NULL, { "line 19, column", "cut short" } },
  { "cut-in-a-link.json", "\"medium\"", NULL, { "ends here", "cut short" } },
  { "empty.json", "{", NULL, { "the file is empty", NULL } },
  { "name-not-id.json", "{\"id\": \"gpu-0-0\"", "{\"name\": \"gpu-0-0\"",
    { "nodes[0].name: unknown field", "a node takes id, kind" } },
  { "bad-kind.json", "\"kind\": \"gpu\"", "\"kind\": \"gpx\"",
    { "nodes[0].kind: unknown node kind 'gpx'", "gpu, nvswitch" } },
  { "bad-part.json", "\"part\": \"connectx-7\"", "\"part\": \"connectx-99\"",
    { "nodes[0].part: unknown part 'connectx-99'", NULL } },
  { "catalog.json", "\"weft-fabric\"", "\"weft-catalog\"", { "not a Weft fabric file", NULL } },
  { "bad-link-end.json", "\"b\": \"leaf-0\"", "\"b\": \"leaf-99\"",
    { "unknown node 'leaf-99'", "links[" } },
};

static gboolean
body_holds (JsonObject *state,
            gpointer    data)
{
  const char *name = data;
  JsonObject *dialog = json_object_get_object_member (state, "error_dialog");

  return dialog != NULL && strstr (json_object_get_string_member (dialog, "body"), name) != NULL;
}

/* Each mistake opened with Ctrl+O: a dialog headed "Could Not Open the
 * Fabric" names the file and the place, the app keeps running and the
 * fabric on screen is the one it had. */
static void
test_bad_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-files-XXXXXX", NULL);
  g_autofree char *good_path = generate (dir);
  g_autofree char *good = NULL;
  g_autoptr(WeftApp) app = weft_app_start (good_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *before = weft_app_state (app, parser);
  gint64 generation =
      json_object_get_int_member (json_object_get_object_member (before, "fabric"), "generation");
  g_autofree char *name = g_strdup (
      json_object_get_string_member (json_object_get_object_member (before, "fabric"), "name"));

  g_assert_true (g_file_get_contents (good_path, &good, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (mistakes); i++)
    {
      const Mistake *m = &mistakes[i];
      g_autofree char *path = variant (dir, m->name, good, m->from, m->to);
      JsonObject *state, *dialog, *fabric;
      const char *body;

      weft_app_focus (app);
      weft_xdotool ("key", "--clearmodifiers", "ctrl+o", NULL);
      g_usleep (800 * 1000);
      weft_xdotool ("type", "--delay", "10", path, NULL);
      weft_xdotool ("key", "Return", NULL);
      state = weft_app_wait (app, parser, 15, body_holds, (gpointer) m->name, "the error dialog");
      dialog = json_object_get_object_member (state, "error_dialog");
      body = json_object_get_string_member (dialog, "body");
      g_test_message ("%s: %s", m->name, body);
      g_assert_cmpstr (json_object_get_string_member (dialog, "heading"), ==,
                       "Could Not Open the Fabric");
      for (guint k = 0; k < G_N_ELEMENTS (m->says) && m->says[k] != NULL; k++)
        if (strstr (body, m->says[k]) == NULL)
          g_test_fail_printf ("%s: the dialog does not say “%s”: %s", m->name, m->says[k], body);
      fabric = json_object_get_object_member (state, "fabric");
      g_assert_cmpint (json_object_get_int_member (fabric, "generation"), ==, generation);
      g_assert_cmpstr (json_object_get_string_member (fabric, "name"), ==, name);
      g_assert_true (weft_app_is_running (app));
      /* The dialog goes with Escape, and the window has the keyboard again. */
      weft_xdotool ("key", "Escape", NULL);
      g_usleep (300 * 1000);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-files/bad-files", test_bad_files);
  return g_test_run ();
}
