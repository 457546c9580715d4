/* test-generator-panel.c — the generator panel in the real window: every choice leads to a
 * fabric or says, beside its field and in the panel's words, why not; the panel shows the fabric
 * on screen. */
#include <glib/gstdio.h>
#include <string.h>

#include "weft-gui-test.h"

/* The architectures in the panel's order, as the state dump names them. */
static const struct
{
  const char *name;
  const char *title;
} archs[] = {
  { "leaf-spine", "Leaf-spine" },
  { "fat-tree", "Fat tree" },
  { "rail-optimized", "Rail-optimized" },
  { "rail-only", "Rail-only" },
  { "dragonfly", "Dragonfly" },
  { "torus", "Torus" },
  { "dragonfly-plus", "Dragonfly+" },
  { "slim-fly", "Slim Fly" },
  { "hyperx", "HyperX" },
  { "jellyfish", "Jellyfish" },
};

static JsonObject *
generator_of (JsonObject *state)
{
  return json_object_get_object_member (state, "generator");
}

static JsonObject *
field_of (JsonObject *state,
          const char *key)
{
  JsonObject *rows = json_object_get_object_member (generator_of (state), "rows");

  return json_object_has_member (rows, key) ? json_object_get_object_member (rows, key) : NULL;
}

static const char *
shown_in (JsonObject *state,
          const char *key)
{
  return json_object_get_string_member (field_of (state, key), "shown");
}

static const char *
note_under (JsonObject *state,
            const char *key)
{
  return json_object_get_string_member (field_of (state, key), "note");
}

static gint64
generation_of (JsonObject *state)
{
  return json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");
}

static gint64
gpus_of (JsonObject *state)
{
  return json_object_get_int_member (json_object_get_object_member (state, "fabric"), "gpus");
}

static const char *
fabric_name (JsonObject *state)
{
  return json_object_get_string_member (json_object_get_object_member (state, "fabric"), "name");
}

static void
click_field (WeftApp    *app,
             JsonObject *state,
             const char *key)
{
  JsonObject *field = field_of (state, key);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_assert_nonnull (field);
  x = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (field, "x"));
  y = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (field, "y"));
  weft_xdotool ("mousemove", "--window", app->window_id, x, y, NULL);
  weft_xdotool ("click", "1", NULL);
}

/* A fabric newer than @data is on screen, and the panel is not waiting to generate. */
static gboolean
regenerated (JsonObject *state,
             gpointer    data)
{
  gint64 after = GPOINTER_TO_SIZE (data);

  return generation_of (state) > after && !json_object_get_boolean_member (state, "busy");
}

/* The panel refuses, beside the field @data. */
static gboolean
refused_at (JsonObject *state,
            gpointer    data)
{
  return g_strcmp0 (json_object_get_string_member (generator_of (state), "error_key"), data) == 0;
}

/* The architecture list opens on a click; Up to its top, Down to @index, Return. */
static void
choose_arch (WeftApp    *app,
             JsonObject *state,
             guint       index)
{
  weft_app_focus (app);
  click_field (app, state, "architecture");
  g_usleep (500 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (archs); i++)
    weft_xdotool ("key", "Up", NULL);
  for (guint i = 0; i < index; i++)
    weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
}

/* Types @text into the spin button of @key and presses Return. */
static void
type_into (WeftApp    *app,
           JsonObject *state,
           const char *key,
           const char *text)
{
  weft_app_focus (app);
  click_field (app, state, key);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "30", text, NULL);
  weft_xdotool ("key", "Return", NULL);
}

static void
assert_panel_words (const char *message)
{
  g_test_message ("refusal: %s", message);
  g_assert_null (strstr (message, "--"));
}

/* Every architecture the panel offers, chosen on the default 1,024-GPU
 * fabric, builds at once at the same size: tiers, k and a Dragonfly's
 * shape follow the size, a torus' rings come from it. */
static void
test_every_architecture (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);

  for (guint i = 0; i < G_N_ELEMENTS (archs); i++)
    {
      guint index = (i + 3) % G_N_ELEMENTS (archs); /* rail-optimized, the default, last */
      gint64 generation = generation_of (state);

      g_test_message ("choosing %s", archs[index].title);
      choose_arch (app, state, index);
      state = weft_app_wait (app, parser, 60, regenerated, GSIZE_TO_POINTER (generation),
                             archs[index].title);
      g_assert_true (json_object_get_null_member (generator_of (state), "error"));
      g_assert_cmpstr (json_object_get_string_member (generator_of (state), "arch"), ==,
                       archs[index].name);
      g_assert_cmpstr (shown_in (state, "architecture"), ==, archs[index].title);
      g_assert_true (g_str_has_prefix (fabric_name (state), archs[index].title));
      g_assert_cmpint (gpus_of (state), ==, 1024);
      g_assert_cmpstr (shown_in (state, "gpus"), ==, "1024");
      if (g_str_equal (archs[index].name, "torus"))
        g_assert_cmpstr (shown_in (state, "dims"), ==, "16x8x8");
      if (field_of (state, "tiers") != NULL)
        g_assert_cmpstr (shown_in (state, "tiers"), ==, "Automatic");
    }
}

typedef struct
{
  guint       arch;
  const char *gpus;
  gint64      built;      /* the GPUs that build */
  const char *note_key;   /* where the panel says what it changed, or NULL */
  const char *note;
} SizeCase;

/* Sizes from 16 to 131,072 typed into GPUs on every architecture: the
 * fabric builds at that size, or at the nearest one with a note saying so
 * (and a third tier, or a torus' rings, shown where they changed). */
static void
test_sizes (void)
{
  static const SizeCase cases[] = {
    { 2, "4096", 4096, "tiers", "3 tiers: 2 tiers do not reach this many GPUs" },
    { 2, "131072", 65536, "gpus", "Nearest size that builds: 65,536 GPUs (131,072 asked)" },
    { 2, "16", 16, NULL, NULL },
    { 0, "4096", 4096, NULL, NULL },
    { 1, "16", 16, NULL, NULL },
    { 1, "32768", 32768, NULL, NULL },
    { 3, "131072", 131072, NULL, NULL },
    { 3, "16", 16, NULL, NULL },
    { 4, "32768", 32800, "gpus", "Nearest size that builds: 32,800 GPUs (32,768 asked)" },
    { 4, "16", 16, NULL, NULL },
    { 5, "512", 512, "gpus", "Rings of 8 × 8 × 8" },
    { 5, "32768", 32768, "gpus", "Rings of 32 × 32 × 32" },
    { 6, "16", 16, NULL, NULL },
    { 7, "16", 32, "gpus", "Nearest size that builds: 32 GPUs (16 asked)" },
    { 7, "4096", 4096, NULL, NULL },
    { 8, "1000", 1000, NULL, NULL },
    { 9, "16", 24, "gpus", "Nearest size that builds: 24 GPUs (16 asked)" },
    { 9, "32768", 32768, NULL, NULL },
  };
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);
  guint arch = 2;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const SizeCase *c = &cases[i];
      gint64 generation = generation_of (state);
      g_autofree char *built = g_strdup_printf ("%" G_GINT64_FORMAT, c->built);

      g_test_message ("%s at %s GPUs", archs[c->arch].title, c->gpus);
      if (c->arch != arch)
        {
          choose_arch (app, state, c->arch);
          state = weft_app_wait (app, parser, 180, regenerated, GSIZE_TO_POINTER (generation),
                                 archs[c->arch].title);
          generation = generation_of (state);
          arch = c->arch;
        }
      type_into (app, state, "gpus", c->gpus);
      state = weft_app_wait (app, parser, 180, regenerated, GSIZE_TO_POINTER (generation),
                             "the fabric at the size typed");
      g_assert_true (json_object_get_null_member (generator_of (state), "error"));
      g_assert_true (g_str_has_prefix (fabric_name (state), archs[c->arch].title));
      g_assert_cmpint (gpus_of (state), ==, c->built);
      g_assert_cmpstr (shown_in (state, "gpus"), ==, built);
      if (c->note_key != NULL)
        g_assert_cmpstr (note_under (state, c->note_key), ==, c->note);
      else
        g_assert_null (note_under (state, "gpus"));
    }
}

typedef struct
{
  guint       arch;        /* chosen first, unless it is on screen */
  const char *key;         /* the field changed */
  const char *text;        /* typed into it; NULL: choose @choice in the architecture list */
  guint       choice;
  const char *field;       /* the panel's word for the field the message names */
} RefusalCase;

/* Changes that cannot be built: the fabric on screen stays, the panel
 * shows its parameters again, and says why under the field changed, in
 * the panel's words. */
static void
test_refusals (void)
{
  static const RefusalCase cases[] = {
    { 2, "radix", "100", 0, "“Ports used” 100" },
    { 2, "gpus-per-server", "3", 0, "“GPUs per server” 3" },
    { 8, "radix", "100", 0, "“Ports used” 100" },
    { 0, "oversubscription", "64", 0, "oversubscription 64" },
  };
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);
  guint arch = 2;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RefusalCase *c = &cases[i];
      gint64 generation = generation_of (state);
      g_autofree char *before = NULL;
      g_autofree char *name = NULL;
      JsonObject *generator;

      if (c->arch != arch)
        {
          choose_arch (app, state, c->arch);
          state = weft_app_wait (app, parser, 60, regenerated, GSIZE_TO_POINTER (generation),
                                 archs[c->arch].title);
          generation = generation_of (state);
          arch = c->arch;
        }
      before = g_strdup (shown_in (state, c->key));
      name = g_strdup (fabric_name (state));
      g_test_message ("%s: %s %s", archs[c->arch].title, c->key, c->text);
      type_into (app, state, c->key, c->text);
      state = weft_app_wait (app, parser, 20, refused_at, (gpointer) c->key, "the refusal");
      generator = generator_of (state);
      assert_panel_words (json_object_get_string_member (generator, "error"));
      g_assert_nonnull (strstr (json_object_get_string_member (generator, "error"), c->field));
      g_assert_cmpstr (json_object_get_string_member (generator, "error_key"), ==, c->key);
      g_assert_cmpstr (note_under (state, c->key), ==,
                       json_object_get_string_member (generator, "error"));
      /* The panel shows the fabric on screen, which did not change. */
      g_usleep (1000 * 1000);
      state = weft_app_state (app, parser);
      g_assert_cmpint (generation_of (state), ==, generation);
      g_assert_cmpstr (fabric_name (state), ==, name);
      g_assert_cmpstr (shown_in (state, c->key), ==, before);
      g_assert_cmpstr (json_object_get_string_member (generator_of (state), "arch"), ==,
                       archs[arch].name);
    }
}

/* Scale-up None (from the NIC row, Down, the last choice), then Rail-only,
 * which needs a scale-up domain: the panel goes back to Rail-optimized, the
 * fabric on screen, and says why under the architecture, naming Scale-up. */
static void
test_architecture_refused (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_state (app, parser);
  gint64 generation = generation_of (state);
  gint64 ax = json_object_get_int_member (field_of (state, "architecture"), "x");
  gint64 ay = json_object_get_int_member (field_of (state, "architecture"), "y");
  g_autofree char *x = g_strdup_printf ("%" G_GINT64_FORMAT, ax);
  g_autofree char *y = g_strdup_printf ("%" G_GINT64_FORMAT, ay);
  const char *error;

  /* Scale-up sits two rows under NIC, past NIC planes. */
  weft_app_focus (app);
  click_field (app, state, "nic");
  g_usleep (500 * 1000);
  weft_xdotool ("key", "Escape", NULL);
  weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
  g_usleep (500 * 1000);
  weft_xdotool ("key", "End", NULL);
  weft_xdotool ("key", "Return", NULL);
  state = weft_app_wait (app, parser, 60, regenerated, GSIZE_TO_POINTER (generation),
                         "the fabric without scale-up");
  g_assert_cmpstr (shown_in (state, "scale-up"), ==, "None");
  generation = generation_of (state);

  /* Back to the top of the panel, where the architecture was. */
  weft_xdotool ("mousemove", "--window", app->window_id, x, y, NULL);
  for (guint i = 0; i < 10; i++)
    weft_xdotool ("click", "4", NULL);
  weft_xdotool ("click", "1", NULL);
  g_usleep (500 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (archs); i++)
    weft_xdotool ("key", "Up", NULL);
  for (guint i = 0; i < 3; i++)
    weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);

  state = weft_app_wait (app, parser, 20, refused_at, (gpointer) "architecture", "the refusal");
  error = json_object_get_string_member (generator_of (state), "error");
  assert_panel_words (error);
  g_assert_nonnull (strstr (error, "rail-only needs a scale-up domain"));
  g_assert_nonnull (strstr (error, "“Scale-up”"));
  g_assert_cmpstr (note_under (state, "architecture"), ==, error);
  g_assert_cmpstr (shown_in (state, "architecture"), ==, "Rail-optimized");
  g_assert_cmpstr (json_object_get_string_member (generator_of (state), "arch"), ==,
                   "rail-optimized");
  g_usleep (1000 * 1000);
  state = weft_app_state (app, parser);
  g_assert_cmpint (generation_of (state), ==, generation);
  g_assert_true (g_str_has_prefix (fabric_name (state), "Rail-optimized"));
}

static const char *
panel_text (JsonObject *state,
            const char *key)
{
  return json_object_get_string_member (json_object_get_object_member (state, "metrics"), key);
}

/* Both stages have reported on the fabric on screen, newer than @data. */
static gboolean
measured (JsonObject *state,
          gpointer    data)
{
  JsonObject *metrics = json_object_get_object_member (state, "metrics");

  return regenerated (state, data) && !json_object_get_boolean_member (metrics, "busy") &&
         json_object_get_int_member (metrics, "generation") == generation_of (state) &&
         g_strcmp0 (panel_text (state, "bisection"), "…") != 0;
}

/* After a regeneration the latency, hop and bisection deltas say what it
 * did, and stay: the second stage's arrival, and the seconds after, leave
 * them as they were. */
static void
assert_deltas_stay (WeftApp    *app,
                    JsonParser *parser,
                    gint64      generation)
{
  const char *keys[] = { "latency_delta", "hops_delta", "bisection_delta" };
  g_autofree char *first[G_N_ELEMENTS (keys)] = { NULL };
  JsonObject *state = weft_app_wait (app, parser, 120, measured, GSIZE_TO_POINTER (generation),
                                     "both stages of the metrics");

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      first[k] = g_strdup (panel_text (state, keys[k]));
      g_test_message ("%s: %s", keys[k], first[k]);
    }
  /* Every step here moves the mean latency and hops; bisection may stay. */
  g_assert_cmpstr (first[0], !=, "");
  g_assert_cmpstr (first[1], !=, "");
  for (guint i = 0; i < 30; i++)
    {
      g_usleep (100 * 1000);
      state = weft_app_state (app, parser);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_cmpstr (panel_text (state, keys[k]), ==, first[k]);
    }
}

/* Deltas after three regenerations and an undo: a larger size, another
 * architecture, a smaller size, and Ctrl+Z. */
static void
test_deltas_stay (void)
{
  static const struct { int arch; const char *gpus; } steps[] = {
    { -1, "2048" }, { 0, NULL }, { -1, "256" },
  };
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state = weft_app_wait (app, parser, 120, measured, GSIZE_TO_POINTER (-1),
                                     "the first metrics");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 generation = generation_of (state);

      if (steps[i].arch >= 0)
        choose_arch (app, state, steps[i].arch);
      else
        type_into (app, state, "gpus", steps[i].gpus);
      assert_deltas_stay (app, parser, generation);
      state = weft_app_state (app, parser);
    }
  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
  assert_deltas_stay (app, parser, generation_of (state));
}

/* The links of the fabric `weft-cli generate @arch --gpus @gpus --planes 2` writes. */
static gint64
cli_dual_homed_links (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "dual.weft.json", NULL);
  const char *argv[] = { g_getenv ("WEFT_CLI"), "generate", "rail-optimized", "--gpus", "1024",
                         "--planes", "2", "-o", path, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  g_unlink (path);
  return json_array_get_length (json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "links"));
}

/* The NIC planes list, opened from the NIC row above it (which is in view
 * at every window size): a click, Escape, Down to the next row, Return. */
static void
open_planes (WeftApp    *app,
             JsonObject *state)
{
  weft_app_focus (app);
  click_field (app, state, "nic");
  g_usleep (500 * 1000);
  weft_xdotool ("key", "Escape", NULL);
  weft_xdotool ("key", "Down", NULL);
  weft_xdotool ("key", "Return", NULL);
  g_usleep (500 * 1000);
}

/* "NIC planes", Two: the default fabric becomes HPN's dual-plane one, as
 * `weft-cli generate --planes 2` builds it; One takes it back. */
static void
test_dual_homed (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-planes-XXXXXX", NULL);
  JsonObject *state = weft_app_state (app, parser);
  gint64 generation = generation_of (state), single;

  g_assert_cmpstr (shown_in (state, "planes"), ==, "One: single-homed");
  single = json_object_get_int_member (json_object_get_object_member (state, "fabric"), "links");
  open_planes (app, state);
  weft_xdotool ("key", "End", NULL);
  weft_xdotool ("key", "Return", NULL);
  state = weft_app_wait (app, parser, 60, regenerated, GSIZE_TO_POINTER (generation),
                         "the dual-plane fabric");
  g_assert_cmpstr (shown_in (state, "planes"), ==, "Two: dual-homed, as HPN");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (state, "fabric"),
                                               "links"), ==, cli_dual_homed_links (dir));
  generation = generation_of (state);

  open_planes (app, state);
  weft_xdotool ("key", "Home", NULL);
  weft_xdotool ("key", "Return", NULL);
  state = weft_app_wait (app, parser, 60, regenerated, GSIZE_TO_POINTER (generation),
                         "the single-plane fabric again");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (state, "fabric"),
                                               "links"), ==, single);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/generator-panel/every-architecture", test_every_architecture);
  g_test_add_func ("/generator-panel/sizes", test_sizes);
  g_test_add_func ("/generator-panel/refusals", test_refusals);
  g_test_add_func ("/generator-panel/architecture-refused", test_architecture_refused);
  g_test_add_func ("/generator-panel/deltas-stay", test_deltas_stay);
  g_test_add_func ("/generator-panel/dual-homed", test_dual_homed);

  return g_test_run ();
}
