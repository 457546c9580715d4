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
  g_assert_cmpstr (json_object_get_string_member (fabric, "name"), ==,
                   "Rail-optimized, 1,024 GPUs");
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

  g_assert_true (g_file_set_contents (
      bad, "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": [}", -1, NULL));
  before = weft_app_state (app, parser);
  generation =
      json_object_get_int_member (json_object_get_object_member (before, "fabric"), "generation");

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+o", NULL);
  g_usleep (800 * 1000);
  /* The file chooser takes a typed path after "/" opens its location entry. */
  weft_xdotool ("type", "--delay", "20", bad, NULL);
  weft_xdotool ("key", "Return", NULL);

  after = weft_app_wait (app, parser, 15, error_dialog_shown,
                         (gpointer) "Could Not Open the Fabric", "the error dialog");
  dialog = json_object_get_object_member (after, "error_dialog");
  g_assert_nonnull (strstr (json_object_get_string_member (dialog, "body"), "line 1, column 52"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (after, "fabric"), "generation"),
      ==, generation);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (after, "fabric"), "gpus"), ==,
      1024);
  g_assert_true (weft_app_is_running (app));
}

static gboolean
fabric_named (JsonObject *state,
              gpointer    data)
{
  JsonObject *fabric = json_object_get_object_member (state, "fabric");

  return g_strcmp0 (json_object_get_string_member (fabric, "name"), data) == 0;
}

/* Ctrl+I and a path: the plan replaces the fabric on show, as opening does. */
static void
import_path (WeftApp    *app,
             const char *path)
{
  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+i", NULL);
  g_usleep (800 * 1000);
  weft_xdotool ("type", "--delay", "20", path, NULL);
  weft_xdotool ("key", "Return", NULL);
}

static void
test_import_plan (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *plan = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "data", "examples",
                                            "pod-cable-plan.csv", NULL);
  JsonObject *state, *fabric;

  import_path (app, plan);
  state = weft_app_wait (app, parser, 15, fabric_named, (gpointer) "pod-cable-plan",
                         "the imported plan");
  fabric = json_object_get_object_member (state, "fabric");
  g_assert_cmpint (json_object_get_int_member (fabric, "gpus"), ==, 32);
  g_assert_false (json_object_get_boolean_member (state, "modified"));
}

/* A plan with errors: a dialog lists them by line, and the fabric stays. */
static void
test_import_errors (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *bad = weft_app_path (app, "bad-plan.csv");
  JsonObject *after, *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (bad, "a_device,a_port,b_device,b_port\n"
                                      "gpu-0,p1,leaf-0,p1\n"
                                      "gpu-1,p1,leaf-0,\n"
                                      "gpu-2,p1,leaf-0,p1\n", -1, NULL));
  import_path (app, bad);
  after = weft_app_wait (app, parser, 15, error_dialog_shown,
                         (gpointer) "Could Not Import the Cable Plan", "the error dialog");
  dialog = json_object_get_object_member (after, "error_dialog");
  body = json_object_get_string_member (dialog, "body");
  g_assert_nonnull (strstr (body, "bad-plan.csv has 2 errors, so nothing was imported:"));
  g_assert_nonnull (strstr (body, "bad-plan.csv:3: b_port missing\n"));
  g_assert_nonnull (strstr (body, "bad-plan.csv:4: port leaf-0/p1 is already used at line 2"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (after, "fabric"),
                                               "gpus"), ==, 1024);
}

/* Ctrl+E and a .csv name: the cable schedule, not a drawing. */
static void
test_export_schedule (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autofree char *path = weft_app_path (app, "cables.csv");
  g_autofree char *contents = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+e", NULL);
  g_usleep (800 * 1000);
  weft_xdotool ("key", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "20", path, NULL);
  weft_xdotool ("key", "Return", NULL);
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "label,a_rack,a_u,a_device,a_port,"));
  /* 1,024 GPUs: 18 NVLinks, a leaf cable and a leaf's uplink each, a row per cable. */
  {
    guint rows = 0;

    for (const char *p = contents; (p = strchr (p, '\n')) != NULL; p++)
      rows++;
    g_assert_cmpuint (rows, ==, 1 + 1024 * 20);
  }
}

static gboolean
metrics_current (JsonObject *state,
                 gpointer    data)
{
  JsonObject *metrics = json_object_get_object_member (state, "metrics");
  JsonObject *fabric = json_object_get_object_member (state, "fabric");
  gint64 after = GPOINTER_TO_SIZE (data);

  return !json_object_get_boolean_member (metrics, "busy") &&
         json_object_get_int_member (metrics, "generation") ==
             json_object_get_int_member (fabric, "generation") &&
         json_object_get_int_member (fabric, "generation") > after;
}

static gboolean
link_selected (JsonObject *state,
               gpointer    data)
{
  JsonArray *links = json_object_get_array_member (json_object_get_object_member (state, "canvas"),
                                                   "selected_links");

  return json_array_get_length (links) == 1 &&
         g_strcmp0 (json_array_get_string_element (links, 0), data) == 0;
}

static gboolean
saved (JsonObject *state,
       gpointer    data)
{
  return !json_object_get_boolean_member (state, "modified");
}

/* A 32-GPU leaf-spine at radix 8, one GPU per server, written to @dir;
 * returns its path. Every test that edits by hand starts from it. */
static char *
small_fabric (const char *dir)
{
  const char *args[] = { "--gpus", "32", "--gpus-per-server", "1", "--scale-up", "none",
                         "--radix", "8", NULL };

  return weft_cli_generate (dir, "small.weft.json", "leaf-spine", args);
}

static double
figure (JsonObject *state,
        const char *name)
{
  return json_object_get_double_member (json_object_get_object_member (state, "figures"), name);
}

/* What weft-cli says, as JSON, when run with @args (NULL-terminated). */
static JsonObject *
cli_run_json (JsonParser         *parser,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WEFT_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

/* What weft-cli metrics says of @path. */
static JsonObject *
cli_metrics (const char *path,
             JsonParser *parser)
{
  const char *args[] = { "metrics", "--json", path, NULL };

  return cli_run_json (parser, args);
}

static void
assert_matches_cli (JsonObject *state,
                    const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *cli = cli_metrics (path, parser);
  JsonObject *latency = json_object_get_object_member (cli, "latency_ns");
  JsonObject *cost = json_object_get_object_member (cli, "cost_usd");

  g_assert_cmpfloat_with_epsilon (figure (state, "cost_usd"),
                                  json_object_get_double_member (cost, "total"), 1e-6);
  g_assert_cmpfloat_with_epsilon (figure (state, "latency_mean_ns"),
                                  json_object_get_double_member (latency, "mean"), 1e-6);
  g_assert_cmpfloat_with_epsilon (figure (state, "latency_max_ns"),
                                  json_object_get_double_member (latency, "max"), 1e-6);
  g_assert_cmpfloat_with_epsilon (
      figure (state, "bisection_gbps"),
      json_object_get_double_member (json_object_get_object_member (cli, "bisection"), "gbps"),
      1e-6);
}

/* Select a link with a click, drag its spine end onto another spine: the
 * panel shows what weft-cli metrics computes for the edited file; Ctrl+Z
 * brings the old figures back; the saved file reopens with the same ones;
 * Ctrl+E writes a PNG. */
static void
test_drag_rewire (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = small_fabric (dir);
  g_autofree char *png = g_build_filename (dir, "diagram.png", NULL);
  g_autoptr(WeftApp) app = NULL;
  g_autoptr(WeftApp) reopened = NULL;
  JsonObject *state;
  double cost_before, latency_before;
  g_autofree char *header = NULL;
  gint64 generation;
  int lx, ly, sx0, sy0, sx1, sy1;

  app = weft_app_start (path);
  state =
      weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (-1), "the first metrics");
  cost_before = figure (state, "cost_usd");
  latency_before = figure (state, "latency_mean_ns");
  generation =
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");
  weft_app_node_point (state, "leaf-0", &lx, &ly);
  weft_app_node_point (state, "spine-0", &sx0, &sy0);
  weft_app_node_point (state, "spine-1", &sx1, &sy1);

  /* A click on the link, a third of the way down from the spine. */
  weft_app_focus (app);
  weft_app_pointer_to (app, sx0 + (lx - sx0) / 3, sy0 + (ly - sy0) / 3);
  weft_xdotool ("click", "1", NULL);
  weft_app_wait (app, parser, 10, link_selected, (gpointer) "leaf-0 spine-0", "the link selected");

  /* Press on its spine end, drag to the other spine, release. */
  weft_app_pointer_to (app, sx0, sy0);
  weft_xdotool ("mousedown", "1", NULL);
  for (int step = 1; step <= 10; step++)
    weft_app_pointer_to (app, sx0 + (sx1 - sx0) * step / 10, sy0 + (sy1 - sy0) * step / 10);
  weft_xdotool ("mouseup", "1", NULL);

  state = weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (generation),
                         "metrics after the drag");
  g_assert_cmpstr (json_object_get_string_member (state, "undo"), ==, "Rewire Link");
  generation =
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");

  /* Saved, the edited file gives the CLI the figures on screen. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+s", NULL);
  state = weft_app_wait (app, parser, 10, saved, NULL, "the save");
  assert_matches_cli (state, path);

  /* Undo brings back what was there. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  state = weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (generation),
                         "metrics after undo");
  g_assert_cmpfloat_with_epsilon (figure (state, "cost_usd"), cost_before, 1e-6);
  g_assert_cmpfloat_with_epsilon (figure (state, "latency_mean_ns"), latency_before, 1e-6);

  /* Export a PNG through the dialog. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+e", NULL);
  g_usleep (800 * 1000);
  weft_xdotool ("key", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "20", png, NULL);
  weft_xdotool ("key", "Return", NULL);
  for (int i = 0; i < 100 && !g_file_test (png, G_FILE_TEST_EXISTS); i++)
    g_usleep (100 * 1000);
  g_assert_true (g_file_get_contents (png, &header, NULL, NULL));
  g_assert_cmpmem (header, 8, "\x89PNG\r\n\x1a\n", 8);

  /* The saved file opens with the figures it was saved with. */
  weft_app_stop (g_steal_pointer (&app));
  reopened = weft_app_start (path);
  state = weft_app_wait (reopened, parser2, 20, metrics_current, GSIZE_TO_POINTER (-1),
                         "metrics of the reopened file");
  assert_matches_cli (state, path);
}

static gboolean
compared (JsonObject *state,
          gpointer    data)
{
  const char *table = json_object_get_string_member (state, "compare_table");

  return table != NULL && strstr (table, "Dragonfly") != NULL;
}

/* Ctrl+3 shows the Compare page; Alt+C compares the architectures at the
 * fabric's size, with the fabric itself as the first column. */
static gboolean
nodes_selected (JsonObject *state,
                gpointer    data)
{
  JsonArray *nodes = json_object_get_array_member (json_object_get_object_member (state, "canvas"),
                                                   "selected_nodes");

  return json_array_get_length (nodes) > 0;
}

/* Shift and a drag on the background: a band around the first two spines
 * selects exactly them (the spines sit alone in their row). */
static void
test_rubber_band (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = small_fabric (dir);
  g_autoptr(WeftApp) app = NULL;
  JsonObject *state;
  JsonArray *nodes, *links;
  int x0, y0, x1, y1, x2, y2;

  app = weft_app_start (path);
  state =
      weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (-1), "the first metrics");
  weft_app_node_point (state, "spine-0", &x0, &y0);
  weft_app_node_point (state, "spine-1", &x1, &y1);
  weft_app_node_point (state, "spine-2", &x2, &y2);
  g_assert_cmpint (y0, ==, y1);
  g_assert_cmpint (x1 + 20, <, x2);

  weft_app_focus (app);
  weft_app_pointer_to (app, x0 - 20, y0 - 25);
  weft_xdotool ("keydown", "shift", NULL);
  weft_xdotool ("mousedown", "1", NULL);
  for (int step = 1; step <= 5; step++)
    weft_app_pointer_to (app, x0 - 20 + (x1 - x0 + 40) * step / 5, y0 - 25 + 50 * step / 5);
  weft_xdotool ("mouseup", "1", NULL);
  weft_xdotool ("keyup", "shift", NULL);

  state = weft_app_wait (app, parser, 10, nodes_selected, NULL, "the band's selection");
  nodes = json_object_get_array_member (json_object_get_object_member (state, "canvas"),
                                        "selected_nodes");
  links = json_object_get_array_member (json_object_get_object_member (state, "canvas"),
                                        "selected_links");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (nodes, 0), ==, "spine-0");
  g_assert_cmpstr (json_array_get_string_element (nodes, 1), ==, "spine-1");
  g_assert_cmpuint (json_array_get_length (links), ==, 0);
  /* The view did not pan: the spines are where they were. */
  weft_app_node_point (state, "spine-0", &x2, &y2);
  g_assert_cmpint (x2, ==, x0);
  g_assert_cmpint (y2, ==, y0);
}

static gint64
links_of (JsonObject *state)
{
  return json_object_get_int_member (json_object_get_object_member (state, "fabric"), "links");
}

static gboolean
links_are (JsonObject *state,
           gpointer    data)
{
  return links_of (state) == GPOINTER_TO_INT (data);
}

/* Ctrl+drag from a node to another adds a link: refused onto a switch with
 * no free port (nothing changes), accepted once a port is free; the figures
 * come back to what they were with the link that was deleted; Ctrl+Z. */
static void
test_add_link (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = small_fabric (dir);
  g_autoptr(WeftApp) app = NULL;
  JsonObject *state;
  double cost_before, latency_before;
  gint64 generation, n_links;
  int lx, ly, sx0, sy0, sx1, sy1;

  app = weft_app_start (path);
  state =
      weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (-1), "the first metrics");
  cost_before = figure (state, "cost_usd");
  latency_before = figure (state, "latency_mean_ns");
  generation =
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");
  n_links = links_of (state);
  weft_app_node_point (state, "leaf-0", &lx, &ly);
  weft_app_node_point (state, "spine-0", &sx0, &sy0);
  weft_app_node_point (state, "spine-1", &sx1, &sy1);
  weft_app_focus (app);

  /* gpu-4-0's one NIC port is taken (by leaf-1): refused, the fabric untouched. */
  weft_app_node_point (state, "gpu-4-0", &sx1, &sy1);
  weft_app_pointer_to (app, lx, ly);
  weft_xdotool ("keydown", "ctrl", "mousedown", "1", NULL);
  for (int step = 1; step <= 6; step++)
    weft_app_pointer_to (app, lx + (sx1 - lx) * step / 6, ly + (sy1 - ly) * step / 6);
  weft_xdotool ("mouseup", "1", "keyup", "ctrl", NULL);
  g_usleep (500 * 1000);
  state = weft_app_state (app, parser);
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation"),
      ==, generation);
  g_assert_cmpint (links_of (state), ==, n_links);

  /* Delete the link leaf-0–spine-0 (click it, press Delete), then draw it again. */
  weft_app_pointer_to (app, sx0 + (lx - sx0) / 3, sy0 + (ly - sy0) / 3);
  weft_xdotool ("click", "1", NULL);
  weft_app_wait (app, parser, 10, link_selected, (gpointer) "leaf-0 spine-0", "the link selected");
  weft_xdotool ("key", "Delete", NULL);
  state =
      weft_app_wait (app, parser, 10, links_are, GINT_TO_POINTER (n_links - 1), "the link deleted");
  generation =
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");

  weft_app_pointer_to (app, lx, ly);
  weft_xdotool ("keydown", "ctrl", "mousedown", "1", NULL);
  for (int step = 1; step <= 6; step++)
    weft_app_pointer_to (app, lx + (sx0 - lx) * step / 6, ly + (sy0 - ly) * step / 6);
  weft_xdotool ("mouseup", "1", "keyup", "ctrl", NULL);
  state = weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (generation),
                         "metrics after the new link");
  g_assert_cmpint (links_of (state), ==, n_links);
  g_assert_cmpstr (json_object_get_string_member (state, "undo"), ==, "Add Link");
  g_assert_cmpfloat_with_epsilon (figure (state, "cost_usd"), cost_before, 1e-6);
  g_assert_cmpfloat_with_epsilon (figure (state, "latency_mean_ns"), latency_before, 1e-6);

  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  weft_app_wait (app, parser, 10, links_are, GINT_TO_POINTER (n_links - 1), "the new link undone");
}

static JsonObject *
collectives_of (JsonObject *state)
{
  return json_object_get_object_member (state, "collectives");
}

static gint64
generation_of (JsonObject *state)
{
  return json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");
}

static const char *
panel_text (JsonObject *state,
            const char *key)
{
  return json_object_get_string_member (json_object_get_object_member (state, "metrics"), key);
}

/* The collective figures are for the fabric as it is, and newer than @data. */
static gboolean
collectives_current (JsonObject *state,
                     gpointer    data)
{
  JsonObject *collectives = collectives_of (state);
  gint64 generation = generation_of (state);
  gint64 after = GPOINTER_TO_SIZE (data);

  return json_object_get_boolean_member (collectives, "current") &&
         !json_object_get_null_member (collectives, "generation") &&
         json_object_get_int_member (collectives, "generation") == generation &&
         generation > after &&
         g_strcmp0 (panel_text (state, "allreduce"), "…") != 0;
}

/* What `weft-cli @command @path --json` says. */
static JsonObject *
cli_json (JsonParser *parser,
          const char *command,
          const char *path)
{
  const char *args[] = { command, path, "--json", NULL };

  return cli_run_json (parser, args);
}

/* A 32-GPU leaf-spine at radix 8 with four-GPU NVLink servers, written
 * to @dir: the hierarchical all-reduce's rail rings cross the leaves'
 * uplinks, so losing one slows it (with one GPU per server a ring sends
 * one flow per leaf, and an uplink less changes nothing). */
static char *
domain_fabric (const char *dir)
{
  char *path = g_build_filename (dir, "domains.weft.json", NULL);
  const char *argv[] = { g_getenv ("WEFT_CLI"), "generate", "leaf-spine", "--gpus", "32",
                         "--gpus-per-server", "4", "--radix", "8", "-o", path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return path;
}

/* Click a leaf–spine link and press Delete: the All-reduce row falls, with
 * a delta; the saved file gives weft-cli collective the busBw on screen —
 * the raw figure exactly, the row as it rounds it — and weft-cli train the
 * step; Ctrl+Z brings the figure back. */
static void
test_collective_uplink (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) cli_parser = json_parser_new ();
  g_autoptr(JsonParser) train_parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = domain_fabric (dir);
  g_autofree char *before_text = NULL, *shown = NULL;
  g_autoptr(WeftApp) app = NULL;
  JsonObject *state, *cli, *result, *train;
  double before, after;
  gint64 generation, n_links;
  int lx, ly, sx, sy;

  app = weft_app_start (path);
  state = weft_app_wait (app, parser, 30, collectives_current, GSIZE_TO_POINTER (-1),
                         "the first collective figures");
  before = json_object_get_double_member (collectives_of (state), "allreduce_busbw_GBps");
  before_text = g_strdup (panel_text (state, "allreduce"));
  generation = generation_of (state);
  n_links = links_of (state);
  g_assert_cmpstr (panel_text (state, "allreduce_delta"), ==, "");
  weft_app_node_point (state, "leaf-0", &lx, &ly);
  weft_app_node_point (state, "spine-0", &sx, &sy);

  /* One of leaf-0's four uplinks goes. */
  weft_app_focus (app);
  weft_app_pointer_to (app, sx + (lx - sx) / 3, sy + (ly - sy) / 3);
  weft_xdotool ("click", "1", NULL);
  weft_app_wait (app, parser, 10, link_selected, (gpointer) "leaf-0 spine-0", "the link selected");
  weft_xdotool ("key", "Delete", NULL);
  weft_app_wait (app, parser, 10, links_are, GINT_TO_POINTER (n_links - 1), "the link deleted");
  state = weft_app_wait (app, parser, 30, collectives_current, GSIZE_TO_POINTER (generation),
                         "collective figures after the delete");
  after = json_object_get_double_member (collectives_of (state), "allreduce_busbw_GBps");
  g_assert_cmpfloat (after, <, before);
  g_assert_true (g_str_has_prefix (panel_text (state, "allreduce_delta"), "−"));
  g_assert_true (g_str_has_suffix (panel_text (state, "allreduce_delta"), "%"));
  generation = generation_of (state);

  /* Saved, the file gives the CLI what the panel shows. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+s", NULL);
  state = weft_app_wait (app, parser, 10, saved, NULL, "the save");
  cli = cli_json (cli_parser, "collective", path);
  result = json_array_get_object_element (json_object_get_array_member (cli, "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "algorithm"), ==,
                   json_object_get_string_member (collectives_of (state), "algorithm"));
  after = json_object_get_double_member (collectives_of (state), "allreduce_busbw_GBps");
  g_assert_cmpfloat (after, ==, json_object_get_double_member (result, "busbw_GBps"));
  shown = g_strdup_printf ("%.1f GB/s", json_object_get_double_member (result, "busbw_GBps"));
  g_assert_cmpstr (panel_text (state, "allreduce"), ==, shown);
  train = cli_json (train_parser, "train", path);
  g_assert_cmpfloat (json_object_get_double_member (collectives_of (state), "step_s"), ==,
                     json_object_get_double_member (train, "step_s"));

  /* Undo: the uplink and the figure come back. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  state = weft_app_wait (app, parser, 30, collectives_current, GSIZE_TO_POINTER (generation),
                         "collective figures after undo");
  g_assert_cmpint (links_of (state), ==, n_links);
  g_assert_cmpfloat (json_object_get_double_member (collectives_of (state), "allreduce_busbw_GBps"),
                     ==, before);
  g_assert_cmpstr (panel_text (state, "allreduce"), ==, before_text);
  g_assert_true (g_str_has_prefix (panel_text (state, "allreduce_delta"), "+"));
}

static JsonObject *
reliability_of (JsonObject *state)
{
  return json_object_get_object_member (state, "reliability");
}

static guint expected_failed;

/* The figures on show, collectives and reliability included, are for the
 * fabric as it is and newer than @data, with expected_failed elements failed. */
static gboolean
all_current (JsonObject *state,
             gpointer    data)
{
  JsonObject *r = reliability_of (state);

  return metrics_current (state, data) && collectives_current (state, data) &&
         json_object_get_int_member (r, "generation") == generation_of (state) &&
         json_array_get_length (json_object_get_array_member (r, "failed")) == expected_failed;
}

/* Select spine-0 with a click and fail it with Ctrl+Shift+F: it is drawn
 * failed, and the panel shows what `weft-cli metrics --fail node:spine-0`
 * gives for the saved file (which keeps the spine) — hops, latency,
 * bisection, reliability and the training step; Ctrl+Z restores it. */
static void
test_fail_spine (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) cli_parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = domain_fabric (dir);
  const char *args[] = { "metrics", "--json", "--fail", "node:spine-0", path, NULL };
  g_autoptr(WeftApp) app = NULL;
  JsonObject *state, *cli, *reliability, *step;
  gint64 generation, n_links;
  double step_before;
  int x, y;

  app = weft_app_start (path);
  expected_failed = 0;
  state = weft_app_wait (app, parser, 30, all_current, GSIZE_TO_POINTER (-1), "the first figures");
  generation = generation_of (state);
  n_links = links_of (state);
  step_before = json_object_get_double_member (collectives_of (state), "step_s");
  weft_app_node_point (state, "spine-0", &x, &y);

  weft_app_focus (app);
  weft_app_pointer_to (app, x, y);
  weft_xdotool ("click", "1", NULL);
  weft_app_wait (app, parser, 10, nodes_selected, NULL, "spine-0 selected");
  weft_xdotool ("key", "--clearmodifiers", "ctrl+shift+f", NULL);
  expected_failed = 1;
  state = weft_app_wait (app, parser, 30, all_current, GSIZE_TO_POINTER (generation),
                         "the figures without spine-0");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                       reliability_of (state), "failed"), 0), ==, "node:spine-0");
  g_assert_cmpstr (json_object_get_string_member (state, "undo"), ==, "Fail spine-0");
  g_assert_cmpint (links_of (state), <, n_links);

  /* Saved, the file keeps the spine; --fail takes it out as the window did. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+s", NULL);
  state = weft_app_wait (app, parser, 10, saved, NULL, "the save");
  cli = cli_run_json (cli_parser, args);
  g_assert_cmpfloat_with_epsilon (
      figure (state, "bisection_gbps"),
      json_object_get_double_member (json_object_get_object_member (cli, "bisection"), "gbps"),
      1e-6);
  g_assert_cmpfloat_with_epsilon (
      figure (state, "latency_max_ns"),
      json_object_get_double_member (json_object_get_object_member (cli, "latency_ns"), "max"),
      1e-6);
  reliability = json_object_get_object_member (cli, "reliability");
  g_assert_cmpfloat (json_object_get_double_member (reliability_of (state),
                                                    "interruptions_per_day"), ==,
                     json_object_get_double_member (reliability, "interruptions_per_day"));
  g_assert_cmpfloat (json_object_get_double_member (reliability_of (state), "goodput"), ==,
                     json_object_get_double_member (reliability, "goodput"));
  step = json_object_get_object_member (cli, "failure_step");
  g_assert_cmpfloat (json_object_get_double_member (collectives_of (state), "step_s"), ==,
                     json_object_get_double_member (step, "failed_s"));
  g_assert_cmpfloat (json_object_get_double_member (step, "intact_s"), ==, step_before);
  g_assert_cmpfloat (json_object_get_double_member (step, "failed_s"), >=, step_before);

  /* Ctrl+Z: the spine and every figure come back. */
  generation = generation_of (state);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  expected_failed = 0;
  state = weft_app_wait (app, parser, 30, all_current, GSIZE_TO_POINTER (generation),
                         "the figures with spine-0 back");
  g_assert_cmpint (links_of (state), ==, n_links);
  g_assert_cmpfloat (json_object_get_double_member (collectives_of (state), "step_s"), ==,
                     step_before);
}

static JsonObject *
job_section_of (JsonObject *state)
{
  return json_object_get_object_member (state, "job_section");
}

static gboolean
job_expanded (JsonObject *state,
              gpointer    data)
{
  return json_object_get_boolean_member (job_section_of (state), "expanded");
}

/* The job asked for has been timed: @data says whether it was refused. */
static gboolean
job_timed (JsonObject *state,
           gpointer    data)
{
  JsonObject *job = job_section_of (state);

  return collectives_current (state, GSIZE_TO_POINTER (-1)) &&
         !json_object_get_boolean_member (job, "pending") &&
         json_object_get_null_member (job, "error") != GPOINTER_TO_INT (data);
}

/* On 8-GPU servers, TP 16 typed into the job section: DP follows, the
 * engine's refusal shows in the section, the step row shows a dash and no
 * dialog opens; "Use the default for this fabric" (Alt+U) puts it back. */
static void
test_job_refused (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  JsonObject *state, *job;
  const char *error;

  state = weft_app_wait (app, parser, 30, job_timed, GINT_TO_POINTER (FALSE),
                         "the default job timed");
  job = job_section_of (state);
  g_assert_true (json_object_get_boolean_member (job, "uses_default"));
  g_assert_cmpint (json_object_get_int_member (job, "tp"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (job, "model"), ==, "llama3-70b");

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "alt+j", NULL);
  weft_app_wait (app, parser, 10, job_expanded, NULL, "the job section open");
  /* Alt+T puts the cursor in TP; Tab leaves it, which takes the number. */
  weft_xdotool ("key", "--clearmodifiers", "alt+t", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "40", "16", NULL);
  weft_xdotool ("key", "Tab", NULL);
  state = weft_app_wait (app, parser, 30, job_timed, GINT_TO_POINTER (TRUE), "the refusal");
  job = job_section_of (state);
  error = json_object_get_string_member (job, "error");
  g_assert_false (json_object_get_boolean_member (job, "uses_default"));
  g_assert_cmpint (json_object_get_int_member (job, "tp"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (job, "dp"), ==, 1024 / (16 * 4));
  g_assert_nonnull (strstr (error, "tp 16"));
  g_assert_nonnull (strstr (error, "scale-up domain"));
  g_assert_cmpstr (json_object_get_string_member (collectives_of (state), "step_error"), ==, error);
  g_assert_cmpstr (panel_text (state, "step"), ==, "—");
  g_assert_true (json_object_get_null_member (state, "error_dialog"));
  g_assert_true (weft_app_is_running (app));

  weft_xdotool ("key", "--clearmodifiers", "alt+u", NULL);
  state = weft_app_wait (app, parser, 30, job_timed, GINT_TO_POINTER (FALSE),
                         "the default job again");
  job = job_section_of (state);
  g_assert_true (json_object_get_boolean_member (job, "uses_default"));
  g_assert_cmpint (json_object_get_int_member (job, "tp"), ==, 8);
  g_assert_cmpstr (panel_text (state, "step"), !=, "—");
}

static gboolean
colored_by (JsonObject *state,
            gpointer    data)
{
  return g_strcmp0 (json_object_get_string_member (json_object_get_object_member (state, "canvas"),
                                                   "color_by"),
                    data) == 0;
}

static gboolean
is_dark (JsonObject *state,
         gpointer    data)
{
  return json_object_get_boolean_member (state, "dark") == GPOINTER_TO_INT (data);
}

/* Preferences (Ctrl+comma), with the keyboard: colour links by tier, then
 * the dark style; the canvas and the window follow at once. */
static void
test_preferences (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WeftApp) app = weft_app_start (NULL);

  weft_app_wait (app, parser, 10, colored_by, (gpointer) "medium", "links coloured by medium");
  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+comma", NULL);
  g_usleep (800 * 1000);
  /* Focus starts on Style; the next row is Colour links by: open its list, take Tier. */
  weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
  g_usleep (400 * 1000);
  weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
  weft_app_wait (app, parser, 10, colored_by, (gpointer) "tier", "links coloured by tier");

  /* Back up to Style: Follow the System, Light, Dark. */
  weft_app_wait (app, parser, 10, is_dark, GINT_TO_POINTER (FALSE), "the light style");
  weft_xdotool ("key", "Up", NULL);
  weft_xdotool ("key", "Return", NULL);
  g_usleep (400 * 1000);
  weft_xdotool ("key", "Down", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
  weft_app_wait (app, parser, 10, is_dark, GINT_TO_POINTER (TRUE), "the dark style");
}

static void
test_compare_view (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state;
  const char *table;

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
  g_usleep (500 * 1000);
  weft_xdotool ("key", "--clearmodifiers", "alt+c", NULL);
  state = weft_app_wait (app, parser, 60, compared, NULL, "the comparison table");
  g_assert_cmpstr (json_object_get_string_member (state, "view"), ==, "compare");
  table = json_object_get_string_member (state, "compare_table");
  g_assert_true (g_str_has_prefix (table,
                                   "\tThis fabric\tLeaf-spine\tFat tree\tRail-optimized\tRail-only"
                                   "\tDragonfly\tDragonfly+\tSlim Fly\tHyperX\tJellyfish"
                                   "\tTorus\n"));
  g_assert_nonnull (strstr (table, "GPUs\t1,024\t1,024"));
}

static JsonObject *
chrome_of (JsonObject *state)
{
  return json_object_get_object_member (state, "chrome");
}

/* The header bar names the fabric and its file, with a mark while it is
 * unsaved; the panel's hardware rows read whole; at 1024×700 the generator
 * panel folds away so the drawing keeps room, and comes back at 1360 and
 * 1920 px. */
static void
test_chrome (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *path = small_fabric (dir);
  g_autoptr(WeftApp) app = NULL;
  g_autoptr(WeftApp) fresh = weft_app_start (NULL);
  JsonObject *state = weft_app_state (fresh, parser), *chrome;
  gint64 n_links;
  int lx, ly, sx, sy;

  chrome = chrome_of (state);
  g_assert_cmpstr (json_object_get_string_member (chrome, "header_title"), ==,
                   "Rail-optimized, 1,024 GPUs");
  g_assert_cmpstr (json_object_get_string_member (chrome, "header_subtitle"), ==, "Not saved");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                           json_object_get_object_member (
                               json_object_get_object_member (state, "generator"), "rows"),
                           "switch"),
                       "shown"),
                   ==, "Default");

  /* Narrow, wide, wider: the panel gives way, then comes back. */
  {
    const struct { int width, height; gboolean folded; int canvas_min; } sizes[] = {
      { 1024, 700, TRUE, 600 }, { 1360, 860, FALSE, 560 }, { 1920, 1080, FALSE, 1100 },
      { 1100, 760, TRUE, 680 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        state = weft_app_resize (fresh, parser, sizes[i].width, sizes[i].height);
        chrome = chrome_of (state);
        g_test_message ("%d×%d: canvas %" G_GINT64_FORMAT, sizes[i].width, sizes[i].height,
                        json_object_get_int_member (chrome, "canvas_width"));
        g_assert_cmpint (json_object_get_boolean_member (chrome, "panel_folded"), ==,
                         sizes[i].folded);
        g_assert_cmpint (json_object_get_boolean_member (chrome, "panel_revealed"), ==,
                         !sizes[i].folded);
        g_assert_cmpint (json_object_get_int_member (chrome, "canvas_width"), >=,
                         sizes[i].canvas_min);
      }
  }

  /* A file: its name under the fabric's, and a mark once edited, gone once saved. */
  weft_app_stop (g_steal_pointer (&fresh));
  app = weft_app_start (path);
  state = weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (-1), "the metrics");
  chrome = chrome_of (state);
  g_assert_cmpstr (json_object_get_string_member (chrome, "header_subtitle"), ==,
                   "small.weft.json");
  g_assert_false (g_str_has_prefix (json_object_get_string_member (chrome, "header_title"), "•"));
  n_links = links_of (state);
  weft_app_node_point (state, "leaf-0", &lx, &ly);
  weft_app_node_point (state, "spine-0", &sx, &sy);
  weft_app_focus (app);
  weft_app_pointer_to (app, sx + (lx - sx) / 3, sy + (ly - sy) / 3);
  weft_xdotool ("click", "1", NULL);
  weft_app_wait (app, parser, 10, link_selected, (gpointer) "leaf-0 spine-0", "the link selected");
  weft_xdotool ("key", "Delete", NULL);
  state = weft_app_wait (app, parser, 10, links_are, GINT_TO_POINTER (n_links - 1),
                         "the link deleted");
  g_assert_true (g_str_has_prefix (
      json_object_get_string_member (chrome_of (state), "header_title"), "• "));
  weft_xdotool ("key", "--clearmodifiers", "ctrl+s", NULL);
  state = weft_app_wait (app, parser, 10, saved, NULL, "the save");
  g_assert_false (g_str_has_prefix (
      json_object_get_string_member (chrome_of (state), "header_title"), "•"));
}

static gboolean
path_shown (JsonObject *state,
            gpointer    data)
{
  JsonObject *canvas = json_object_get_object_member (state, "canvas");

  return !json_object_get_null_member (canvas, "path_summary") &&
         g_strcmp0 (json_object_get_string_member (canvas, "inspector_title"), data) == 0;
}

/* Click one GPU, Shift+click another: the inspector gives the path as
 * `weft-cli metrics --path` does — latency, switch hops and links, and
 * each element with its share — for GPUs on one leaf, across the spines,
 * at both ends of the fabric, and over NVLink inside a server. */
static void
test_gpu_path (void)
{
  static const struct { gboolean domains; const char *from, *to; } pairs[] = {
    { FALSE, "gpu-0-0", "gpu-1-0" },
    { FALSE, "gpu-0-0", "gpu-4-0" },
    { FALSE, "gpu-3-0", "gpu-31-0" },
    { TRUE, "gpu-0-0", "gpu-0-1" },
    { TRUE, "gpu-0-0", "gpu-7-3" },
  };
  g_autofree char *dir = g_dir_make_tmp ("weft-e2e-XXXXXX", NULL);
  g_autofree char *small = small_fabric (dir);
  g_autofree char *domains = domain_fabric (dir);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *path = pairs[i].domains ? domains : small;
      g_autoptr(WeftApp) app = weft_app_start (path);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonParser) cli_parser = json_parser_new ();
      const char *argv[] = { g_getenv ("WEFT_CLI"), "metrics", "--json", "--path", pairs[i].from,
                             pairs[i].to, path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *title = g_strdup_printf ("Path from %s to %s", pairs[i].from, pairs[i].to);
      g_autofree char *hops = NULL;
      g_autofree char *latency = NULL;
      const char *summary;
      JsonObject *state, *canvas, *cli;
      JsonArray *steps, *shown;
      int ax, ay, bx, by, status;

      g_test_message ("%s: %s to %s", path, pairs[i].from, pairs[i].to);
      state = weft_app_wait (app, parser, 20, metrics_current, GSIZE_TO_POINTER (-1),
                             "the metrics");
      weft_app_node_point (state, pairs[i].from, &ax, &ay);
      weft_app_node_point (state, pairs[i].to, &bx, &by);
      weft_app_focus (app);
      weft_app_pointer_to (app, ax, ay);
      weft_xdotool ("click", "1", NULL);
      weft_app_pointer_to (app, bx, by);
      weft_xdotool ("keydown", "shift", "click", "1", "keyup", "shift", NULL);
      state = weft_app_wait (app, parser, 20, path_shown, title, "the path in the inspector");

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                   NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (json_parser_load_from_data (cli_parser, out, -1, NULL));
      cli = json_object_get_object_member (json_node_get_object (json_parser_get_root (cli_parser)),
                                           "path");
      steps = json_object_get_array_member (cli, "steps");
      canvas = json_object_get_object_member (state, "canvas");
      shown = json_object_get_array_member (canvas, "path_steps");
      hops = g_strdup_printf (", %" G_GINT64_FORMAT " switch hop%s, %" G_GINT64_FORMAT " links",
                              json_object_get_int_member (cli, "switch_hops"),
                              json_object_get_int_member (cli, "switch_hops") == 1 ? "" : "s",
                              json_object_get_int_member (cli, "link_hops"));
      summary = json_object_get_string_member (canvas, "path_summary");
      g_test_message ("%s", summary);
      g_assert_true (g_str_has_suffix (summary, hops));
      /* Every pair here is under a microsecond, which the panel gives in whole ns. */
      latency = g_strdup_printf ("%.0f ns, ", json_object_get_double_member (cli, "latency_ns"));
      g_assert_true (g_str_has_prefix (summary, latency));
      g_assert_cmpuint (json_array_get_length (shown), ==, 2 * json_array_get_length (steps));
      for (guint k = 0; k < json_array_get_length (steps); k++)
        g_assert_cmpstr (json_array_get_string_element (shown, 2 * k), ==,
                         json_object_get_string_member (json_array_get_object_element (steps, k),
                                                        "label"));
    }
}

static gint64
compare_gpus (JsonObject *state)
{
  return json_object_get_int_member (state, "compare_gpus");
}

static gboolean
fabric_gpus_are (JsonObject *state,
                 gpointer    data)
{
  return json_object_get_int_member (json_object_get_object_member (state, "fabric"), "gpus") ==
             GPOINTER_TO_INT (data) &&
         !json_object_get_boolean_member (state, "busy");
}

static gboolean
compared_at (JsonObject *state,
             gpointer    data)
{
  const char *table = json_object_get_string_member (state, "compare_table");

  return table != NULL && strstr (table, data) != NULL;
}

/* The Compare page follows the fabric's size as it is regenerated and
 * undone; a size typed on the page (Alt+G) stays, and the table compares
 * the fabric at its size beside the others at that one. */
static void
test_compare_follows_size (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);
  JsonObject *gpus_field = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (state, "generator"), "rows"),
      "gpus");

  g_assert_cmpint (compare_gpus (state), ==, 1024);
  weft_app_focus (app);
  weft_app_pointer_to (app, json_object_get_int_member (gpus_field, "x"),
              json_object_get_int_member (gpus_field, "y"));
  weft_xdotool ("click", "1", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "30", "4096", NULL);
  weft_xdotool ("key", "Return", NULL);
  state = weft_app_wait (app, parser, 60, fabric_gpus_are, GINT_TO_POINTER (4096),
                         "the fabric at 4,096 GPUs");
  g_assert_cmpint (compare_gpus (state), ==, 4096);

  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  state = weft_app_wait (app, parser, 60, fabric_gpus_are, GINT_TO_POINTER (1024), "the undo");
  g_assert_cmpint (compare_gpus (state), ==, 1024);

  /* A size of the user's own on the page: the fabric no longer moves it. */
  weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
  g_usleep (500 * 1000);
  weft_xdotool ("key", "--clearmodifiers", "alt+g", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "30", "2048", NULL);
  weft_xdotool ("key", "Tab", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+shift+z", NULL);
  state = weft_app_wait (app, parser, 60, fabric_gpus_are, GINT_TO_POINTER (4096), "the redo");
  g_assert_cmpint (compare_gpus (state), ==, 2048);
  weft_xdotool ("key", "--clearmodifiers", "alt+c", NULL);
  state = weft_app_wait (app, parser, 120, compared_at, (gpointer) "GPUs\t4,096\t2,048 (",
                         "the comparison at 2,048 GPUs");
  g_assert_cmpint (compare_gpus (state), ==, 2048);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/opens-default", test_opens_default);
  g_test_add_func ("/window/malformed-file", test_malformed_file);
  g_test_add_func ("/window/import-plan", test_import_plan);
  g_test_add_func ("/window/import-errors", test_import_errors);
  g_test_add_func ("/window/export-schedule", test_export_schedule);
  g_test_add_func ("/window/drag-rewire", test_drag_rewire);
  g_test_add_func ("/window/rubber-band", test_rubber_band);
  g_test_add_func ("/window/add-link", test_add_link);
  g_test_add_func ("/window/collective-uplink", test_collective_uplink);
  g_test_add_func ("/window/fail-spine", test_fail_spine);
  g_test_add_func ("/window/job-refused", test_job_refused);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/compare-view", test_compare_view);
  g_test_add_func ("/window/chrome", test_chrome);
  g_test_add_func ("/window/gpu-path", test_gpu_path);
  g_test_add_func ("/window/compare-follows-size", test_compare_follows_size);

  return g_test_run ();
}
