/* test-window-drawing.c — what the canvas draws is readable: it fills the canvas at every window
 * size, and its legend can be put away (issue 13, rule 7). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "weft-gui-test.h"

/* One fabric a case, made by weft-cli: every architecture, from 16 GPUs to 131,072. */
typedef struct
{
  const char *arch;
  const char *args[7];   /* NULL-terminated */
} Case;

static const Case cases[] = {
  { "leaf-spine", { "--gpus", "16", NULL } },
  { "leaf-spine", { "--gpus", "32768", "--tiers", "auto" } },
  { "fat-tree", { "--k", "16", NULL } },
  { "rail-optimized", { "--gpus", "131072", "--tiers", "auto", "--protocol", "ethernet" } },
  { "rail-only", { "--gpus", "32768", "--tiers", "auto" } },
  { "dragonfly", { "--gpus", "1024", NULL } },
  { "torus", { "--dims", "8x8x8", NULL } },
};

static const int window_sizes[][2] = { { 1024, 700 }, { 1920, 1080 } };

static char *
generate (const Case *c,
          const char *dir)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.weft.json", c->arch, c->args[1]);

  return weft_cli_generate (dir, name, c->arch, c->args);
}

static JsonObject *
canvas_of (JsonObject *state)
{
  return json_object_get_object_member (state, "canvas");
}

typedef struct
{
  int      width;       /* the window's, less up to 24 px of client-side shadow */
  gboolean legend;
} Want;

/* The window has been laid out at the size asked, the canvas drawn fitted
 * with the legend as asked. */
static gboolean
laid_out (JsonObject *state,
          gpointer    data)
{
  const Want *want = data;
  JsonObject *chrome = json_object_get_object_member (state, "chrome");
  JsonObject *canvas = canvas_of (state);
  gint64 width = json_object_get_int_member (chrome, "width");

  return width <= want->width && width >= want->width - 24 &&
         json_object_get_boolean_member (canvas, "legend") == want->legend &&
         !json_object_get_null_member (canvas, "drawing");
}

/* The drawing's area on screen, after checking it lies in the canvas,
 * covers at least a fifth of it and is centred in its height. */
static double
assert_fills (JsonObject *state,
              const char *what)
{
  JsonObject *canvas = canvas_of (state);
  JsonArray *box = json_object_get_array_member (canvas, "drawing");
  double x = json_array_get_double_element (box, 0), y = json_array_get_double_element (box, 1);
  double w = json_array_get_double_element (box, 2), h = json_array_get_double_element (box, 3);
  double cw = json_object_get_int_member (canvas, "width");
  double ch = json_object_get_int_member (canvas, "height");

  g_test_message ("%s: %.0f×%.0f at (%.0f, %.0f) in %.0f×%.0f, %.0f%%", what, w, h, x, y, cw, ch,
                  100 * w * h / (cw * ch));
  g_assert_cmpfloat (x, >=, -1);
  g_assert_cmpfloat (y, >=, -1);
  g_assert_cmpfloat (x + w, <=, cw + 1);
  g_assert_cmpfloat (y + h, <=, ch + 1);
  g_assert_cmpfloat (w * h, >=, 0.2 * cw * ch);
  g_assert_cmpfloat (fabs (y + h / 2 - ch / 2), <, ch / 4);
  return w * h;
}

/* The hop figures have come for the fabric on show. */
static gboolean
hops_shown (JsonObject *state,
            gpointer    data)
{
  JsonObject *metrics = json_object_get_object_member (state, "metrics");

  return !json_object_get_boolean_member (metrics, "busy") &&
         json_object_get_int_member (metrics, "generation") ==
             json_object_get_int_member (json_object_get_object_member (state, "fabric"),
                                         "generation") &&
         json_object_get_string_member (metrics, "hops") != NULL;
}

/* The switch hops row: its range line, then at most five rows of shares
 * ("2: 1.2%" or, where counts share a row, "4–5: 19.7%") adding up to all
 * pairs; a torus spans a dozen counts and took sixteen lines. */
static void
assert_hops_compact (JsonObject *state,
                     const char *what)
{
  const char *hops = json_object_get_string_member (json_object_get_object_member (state,
                                                                                   "metrics"),
                                                    "hops");
  g_auto(GStrv) lines = g_strsplit (hops, "\n", -1);
  double total = 0;
  guint rows = 0;

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *share = strstr (lines[i], ": ");

      if (share == NULL || strstr (lines[i], "pairs cannot reach") != NULL)
        continue;
      total += g_ascii_strtod (share + 2, NULL);
      rows++;
    }
  g_test_message ("%s: switch hops in %u rows", what, rows);
  g_assert_cmpuint (rows, >=, 1);
  g_assert_cmpuint (rows, <=, 5);
  g_assert_cmpfloat (fabs (total - 100), <, 0.3);
}

/* Every case at 1024×700 and at 1920×1080: the hops row is compact; the
 * fitted drawing fills the canvas; Ctrl+Shift+L hides the legend and the drawing takes at least the
 * room it had, and pressing it again brings the legend back. */
static void
test_fills_and_legend (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-drawing-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = generate (&cases[i], dir);
      g_autoptr(WeftApp) app = weft_app_start (path);
      g_autoptr(JsonParser) parser = json_parser_new ();

      assert_hops_compact (weft_app_wait (app, parser, 120, hops_shown, NULL, "the hops"),
                           cases[i].arch);
      for (guint s = 0; s < G_N_ELEMENTS (window_sizes); s++)
        {
          g_autofree char *w = g_strdup_printf ("%d", window_sizes[s][0]);
          g_autofree char *h = g_strdup_printf ("%d", window_sizes[s][1]);
          g_autofree char *what = g_strdup_printf ("%s %s at %s×%s", cases[i].arch,
                                                   cases[i].args[1], w, h);
          Want with = { window_sizes[s][0], TRUE }, without = { window_sizes[s][0], FALSE };
          double shown, hidden;

          weft_xdotool ("windowsize", app->window_id, w, h, NULL);
          shown = assert_fills (weft_app_wait (app, parser, 30, laid_out, &with, "the resize"),
                                what);
          weft_app_focus (app);
          weft_xdotool ("key", "--clearmodifiers", "ctrl+shift+l", NULL);
          hidden = assert_fills (weft_app_wait (app, parser, 10, laid_out, &without,
                                                "the legend hidden"), what);
          g_assert_cmpfloat (hidden, >=, shown * 0.999);
          weft_xdotool ("key", "--clearmodifiers", "ctrl+shift+l", NULL);
          weft_app_wait (app, parser, 10, laid_out, &with, "the legend back");
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-drawing/fills-and-legend", test_fills_and_legend);
  return g_test_run ();
}
