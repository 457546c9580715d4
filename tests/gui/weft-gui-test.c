/* weft-gui-test.c — launching the app under test and driving it with xdotool. */
#include "weft-gui-test.h"

#include <glib/gstdio.h>

static void
spawn_checked (const char *const *argv,
               char             **out)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed", argv[0], argv[1]);
}

void
weft_xdotool (const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  spawn_checked ((const char *const *) argv->pdata, NULL);
  /* Let GTK process the events before anything looks at the result. */
  g_usleep (150 * 1000);
}

char *
weft_cli_generate (const char         *dir,
                   const char         *name,
                   const char         *arch,
                   const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *path = g_build_filename (dir, name, NULL);

  g_ptr_array_add (argv, (gpointer) g_getenv ("WEFT_CLI"));
  g_ptr_array_add (argv, (gpointer) "generate");
  g_ptr_array_add (argv, (gpointer) arch);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);
  spawn_checked ((const char *const *) argv->pdata, NULL);
  return path;
}

static gboolean
window_width_is (JsonObject *state,
                 gpointer    data)
{
  gint64 width = json_object_get_int_member (json_object_get_object_member (state, "chrome"),
                                             "width");

  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 24;
}

JsonObject *
weft_app_resize (WeftApp    *app,
                 JsonParser *parser,
                 int         width,
                 int         height)
{
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);

  weft_xdotool ("windowsize", app->window_id, w, h, NULL);
  g_usleep (500 * 1000);
  return weft_app_wait (app, parser, 10, window_width_is, GINT_TO_POINTER (width), "the resize");
}

void
weft_app_pointer_to (WeftApp *app,
                     int      x,
                     int      y)
{
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);

  weft_xdotool ("mousemove", "--window", app->window_id, xs, ys, NULL);
  g_usleep (60 * 1000);
}

char *
weft_app_path (WeftApp    *app,
               const char *name)
{
  return g_build_filename (app->dir, name, NULL);
}

JsonObject *
weft_app_state (WeftApp    *app,
                JsonParser *parser)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (app->state_path, &text, NULL, NULL) ||
      !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

JsonObject *
weft_app_wait (WeftApp    *app,
               JsonParser *parser,
               double      seconds,
               gboolean  (*predicate) (JsonObject *state, gpointer data),
               gpointer    data,
               const char *what)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  JsonObject *state = NULL;

  while (g_get_monotonic_time () < end)
    {
      g_assert_true (weft_app_is_running (app));
      state = weft_app_state (app, parser);
      if (state != NULL && predicate (state, data))
        return state;
      g_usleep (50 * 1000);
    }
  g_test_message ("last state: %s",
                  state ? json_to_string (json_parser_get_root (parser), TRUE) : "(none)");
  g_error ("timed out waiting for %s", what);
}

gboolean
weft_app_is_running (WeftApp *app)
{
  /* GSubprocess learns of the exit from a child watch on this thread's context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return g_subprocess_get_identifier (app->process) != NULL;
}

static gboolean
shows_fabric (JsonObject *state,
              gpointer    data)
{
  JsonObject *fabric = json_object_get_object_member (state, "fabric");

  return fabric != NULL && json_object_get_int_member (fabric, "gpus") > 0 &&
         !json_object_get_boolean_member (state, "busy");
}

WeftApp *
weft_app_start (const char *file)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  WeftApp *app = g_new0 (WeftApp, 1);

  app->dir = g_dir_make_tmp ("weft-gui-XXXXXX", NULL);
  app->state_path = g_build_filename (app->dir, "state.json", NULL);

  g_subprocess_launcher_setenv (launcher, "WEFT_TEST_STATE", app->state_path, TRUE);
  /* Settings of this run stay in memory, not in the tester's dconf. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "x11", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("WEFT_APP"));
  if (file != NULL)
    g_ptr_array_add (argv, (gpointer) file);
  g_ptr_array_add (argv, NULL);

  app->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  weft_app_wait (app, parser, 30, shows_fabric, NULL, "the window to show a fabric");
  {
    const char *search[] = {
      "xdotool", "search", "--sync", "--onlyvisible", "--class", "weft", NULL
    };
    spawn_checked (search, &ids);
  }
  /* The main window is the first listed. */
  app->window_id = g_strndup (ids, strcspn (ids, "\n"));
  return app;
}

void
weft_app_focus (WeftApp *app)
{
  weft_xdotool ("windowfocus", "--sync", app->window_id, NULL);
}

void
weft_app_stop (WeftApp *app)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (app == NULL)
    return;
  g_subprocess_force_exit (app->process);
  g_subprocess_wait (app->process, NULL, NULL);
  g_object_unref (app->process);

  dir = g_dir_open (app->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (app->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (app->dir);
  g_free (app->dir);
  g_free (app->state_path);
  g_free (app->window_id);
  g_free (app);
}

void
weft_app_node_point (JsonObject *state,
                     const char *name,
                     int        *x,
                     int        *y)
{
  JsonObject *nodes =
      json_object_get_object_member (json_object_get_object_member (state, "canvas"), "nodes");
  JsonArray *point;

  g_assert_true (json_object_has_member (nodes, name));
  point = json_object_get_array_member (nodes, name);
  *x = json_array_get_int_element (point, 0);
  *y = json_array_get_int_element (point, 1);
}
