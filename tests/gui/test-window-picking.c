/* test-window-picking.c — the user can reach what they see: a click picks the link, bundle or node
 * drawn under it at every zoom, and a refused rewire says what to do instead.
 *
 * For each architecture the generator panel offers, at a small and a
 * large size, in a 1024×700 and a 1920×1080 window, at the fit zoom and
 * after 3, 6 and 14 zoom steps: the state dump says where the links are
 * drawn (as themselves, or zoomed out as strokes that stand for several);
 * the test finds a stroke it can click unambiguously, clicks its middle
 * with the real pointer and checks that the selection is what the stroke
 * stands for, that the side panel counts it and that the tooltip names
 * it; then it clicks a node and checks that it is the one selected.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "weft-gui-test.h"

#define ON_PIXELS  2.0   /* how near a node's outline a click picks the node, not a link */
#define ZOOM_STEP  1.25  /* Ctrl++ */

typedef struct
{
  const char *arch;
  const char *small;   /* weft-cli generate options, space-separated */
  const char *large;
} Arch;

static const Arch archs[] = {
  { "leaf-spine", "--gpus 64", "--gpus 8192 --tiers 3" },
  { "fat-tree", "--gpus 64", "--gpus 8192" },
  { "rail-optimized", "--gpus 64", "--gpus 8192 --tiers 3" },
  { "rail-only", "--gpus 64", "--gpus 8192" },
  { "dragonfly", "--gpus 64", "--gpus 8232 --scale-up none" },
  { "torus", "--dims 4x4x4", "--dims 16x16x32" },
};

static char *
generate (const char *dir,
          const char *arch,
          const char *options)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.weft.json", arch, g_str_hash (options));
  g_auto(GStrv) words = g_strsplit (options, " ", -1);

  return weft_cli_generate (dir, name, arch, (const char *const *) words);
}

static JsonObject *
canvas_of (JsonObject *state)
{
  return json_object_get_object_member (state, "canvas");
}

/* A click at (@x, @y), the pointer left there. */
static void
click_at (WeftApp *app,
          double   x,
          double   y)
{
  g_autofree char *xs = g_strdup_printf ("%ld", lround (x));
  g_autofree char *ys = g_strdup_printf ("%ld", lround (y));

  weft_xdotool ("mousemove", "--window", app->window_id, xs, ys, "click", "1", NULL);
}

/* The key @combo pressed @times, with the pointer out of the drawing so
 * that no tooltip covers what is clicked next. */
static void
press_away (WeftApp    *app,
            const char *combo,
            int         times)
{
  g_autofree char *repeat = g_strdup_printf ("%d", times);

  weft_xdotool ("mousemove", "--window", app->window_id, "5", "5", "key", "--clearmodifiers",
                "--repeat", repeat, "--delay", "30", combo, NULL);
}

/* The canvas's zoom is @data's (relative to 1e-9). */
static gboolean
scale_is (JsonObject *state,
          gpointer    data)
{
  double want = *(double *) data;
  double scale = json_object_get_double_member (canvas_of (state), "scale");

  return json_object_has_member (canvas_of (state), "strokes") &&
         fabs (scale - want) <= 1e-9 * want;
}

/* What the dump says is drawn, as plain arrays: the canvas's box, the
 * nodes (bucketed by GRID pixels) and the strokes' runs. */
#define GRID 32

typedef struct
{
  double      box[4];
  double      node_pixels;
  guint       n_nodes;
  double     *nx;
  double     *ny;
  char      **names;
  GHashTable *cells;      /* cell key → GArray of node indices */
  guint       n_strokes;
  GPtrArray  *runs;       /* GArray of double per stroke: x, y in turn */
  double     *bounds;     /* per stroke: x0, y0, x1, y1 */
} Scene;

static gint64
cell_of (double x,
         double y)
{
  return ((gint64) floor (x / GRID) << 32) ^ (gint64) (guint32) (gint32) floor (y / GRID);
}

static Scene *
scene_new (JsonObject *canvas)
{
  Scene *scene = g_new0 (Scene, 1);
  JsonArray *box = json_object_get_array_member (canvas, "box");
  JsonObject *nodes = json_object_get_object_member (canvas, "nodes");
  JsonArray *strokes = json_object_get_array_member (canvas, "strokes");
  g_autoptr(GList) names = json_object_get_members (nodes);
  guint i = 0;

  for (guint k = 0; k < 4; k++)
    scene->box[k] = json_array_get_double_element (box, k);
  scene->node_pixels = json_object_get_double_member (canvas, "node_pixels");
  scene->n_nodes = g_list_length (names);
  scene->nx = g_new (double, MAX (scene->n_nodes, 1));
  scene->ny = g_new (double, MAX (scene->n_nodes, 1));
  scene->names = g_new0 (char *, scene->n_nodes + 1);
  scene->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      JsonArray *point = json_object_get_array_member (nodes, l->data);
      gint64 key;
      GArray *cell;

      scene->names[i] = g_strdup (l->data);
      scene->nx[i] = json_array_get_int_element (point, 0);
      scene->ny[i] = json_array_get_int_element (point, 1);
      key = cell_of (scene->nx[i], scene->ny[i]);
      cell = g_hash_table_lookup (scene->cells, &key);
      if (cell == NULL)
        {
          cell = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (scene->cells, g_memdup2 (&key, sizeof key), cell);
        }
      g_array_append_val (cell, i);
    }
  scene->n_strokes = json_array_get_length (strokes);
  scene->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  scene->bounds = g_new (double, 4 * MAX (scene->n_strokes, 1));
  for (guint k = 0; k < scene->n_strokes; k++)
    {
      JsonArray *points =
          json_object_get_array_member (json_array_get_object_element (strokes, k), "points");
      GArray *run = g_array_new (FALSE, FALSE, sizeof (double));
      double *b = &scene->bounds[4 * k];

      b[0] = b[1] = G_MAXDOUBLE;
      b[2] = b[3] = -G_MAXDOUBLE;
      for (guint p = 0; p < json_array_get_length (points); p++)
        {
          double v = json_array_get_double_element (points, p);

          b[p % 2] = MIN (b[p % 2], v);
          b[2 + p % 2] = MAX (b[2 + p % 2], v);
          g_array_append_val (run, v);
        }
      g_ptr_array_add (scene->runs, run);
    }
  return scene;
}

static void
scene_free (Scene *scene)
{
  g_free (scene->nx);
  g_free (scene->ny);
  g_strfreev (scene->names);
  g_hash_table_unref (scene->cells);
  g_ptr_array_unref (scene->runs);
  g_free (scene->bounds);
  g_free (scene);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scene, scene_free)

/* How near the nearest node but @except is to (@x, @y), if within @limit
 * (else @limit). */
static double
nearest_node (const Scene *scene,
              double       x,
              double       y,
              guint        except,
              double       limit)
{
  double best = limit;

  for (double cy = floor ((y - limit) / GRID); cy <= floor ((y + limit) / GRID); cy++)
    for (double cx = floor ((x - limit) / GRID); cx <= floor ((x + limit) / GRID); cx++)
      {
        gint64 key = cell_of (cx * GRID, cy * GRID);
        GArray *cell = g_hash_table_lookup (scene->cells, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            guint i = g_array_index (cell, guint, k);

            if (i != except)
              best = MIN (best, hypot (scene->nx[i] - x, scene->ny[i] - y));
          }
      }
  return best;
}

/* Whether a node but @except is within @r of (@x, @y). */
static gboolean
node_within (const Scene *scene,
             double       x,
             double       y,
             guint        except,
             double       r)
{
  for (double cy = floor ((y - r) / GRID); cy <= floor ((y + r) / GRID); cy++)
    for (double cx = floor ((x - r) / GRID); cx <= floor ((x + r) / GRID); cx++)
      {
        gint64 key = cell_of (cx * GRID, cy * GRID);
        GArray *cell = g_hash_table_lookup (scene->cells, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            guint i = g_array_index (cell, guint, k);

            if (i != except && hypot (scene->nx[i] - x, scene->ny[i] - y) <= r)
              return TRUE;
          }
      }
  return FALSE;
}

/* The distance from (@x, @y) to stroke @i's run. */
static double
run_distance (const Scene *scene,
              guint        i,
              double       x,
              double       y)
{
  GArray *run = g_ptr_array_index (scene->runs, i);
  const double *pt = (const double *) run->data;
  guint n = run->len / 2;
  double best = G_MAXDOUBLE;

  for (guint p = 0; p + 1 < n; p++)
    {
      double x0 = pt[2 * p], y0 = pt[2 * p + 1], x1 = pt[2 * p + 2], y1 = pt[2 * p + 3];
      double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((x - x0) * dx + (y - y0) * dy) / len2, 0, 1) : 0;

      best = MIN (best, hypot (x - (x0 + t * dx), y - (y0 + t * dy)));
    }
  return best;
}

/* Stroke @i's length, and the point @share of the way along it. */
static double
run_point (const Scene *scene,
           guint        i,
           double       share,
           double      *x,
           double      *y)
{
  GArray *run = g_ptr_array_index (scene->runs, i);
  const double *pt = (const double *) run->data;
  guint n = run->len / 2;
  double length = 0, goal, walked = 0;

  for (guint p = 0; p + 1 < n; p++)
    length += hypot (pt[2 * p + 2] - pt[2 * p], pt[2 * p + 3] - pt[2 * p + 1]);
  goal = share * length;
  *x = pt[2 * n - 2];
  *y = pt[2 * n - 1];
  for (guint p = 0; p + 1 < n; p++)
    {
      double step = hypot (pt[2 * p + 2] - pt[2 * p], pt[2 * p + 3] - pt[2 * p + 1]);

      if (walked + step >= goal && step > 0)
        {
          double t = (goal - walked) / step;

          *x = pt[2 * p] + t * (pt[2 * p + 2] - pt[2 * p]);
          *y = pt[2 * p + 1] + t * (pt[2 * p + 3] - pt[2 * p + 1]);
          break;
        }
      walked += step;
    }
  return length;
}

/* Whether (@x, @y) is where a click reaches the drawing: inside the canvas,
 * clear of its edges, of the toasts at the bottom and of the legend drawn
 * in its bottom right corner. */
static gboolean
clickable (const Scene *scene,
           double       x,
           double       y)
{
  double bx = scene->box[0], by = scene->box[1], bw = scene->box[2], bh = scene->box[3];

  return x > bx + 30 && x < bx + bw - 30 && y > by + 30 && y < by + bh - 130 &&
         !(x > bx + bw - 240 && y > by + bh - 280);
}

/* Whether a click at (@x, @y) can only mean stroke @i: clear of every
 * node's reach and of every other stroke — but, with @drawn_over, of
 * those drawn on top of it there, which no click can tell from it. */
static gboolean
only_stroke_at (const Scene *scene,
                guint        i,
                double       x,
                double       y,
                gboolean     drawn_over)
{
  double reach = ON_PIXELS + MIN (scene->node_pixels, 14) + 2;

  if (!clickable (scene, x, y) || node_within (scene, x, y, G_MAXUINT, reach))
    return FALSE;
  for (guint j = 0; j < scene->n_strokes; j++)
    {
      const double *b = &scene->bounds[4 * j];
      double d;

      if (j == i || x < b[0] - 3 || y < b[1] - 3 || x > b[2] + 3 || y > b[3] + 3)
        continue;
      d = run_distance (scene, j, x, y);
      if (d <= 3 && !(drawn_over && d < 0.5))
        return FALSE;
    }
  return TRUE;
}

static int
by_length (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const double *length = data;
  double la = length[*(const guint *) a], lb = length[*(const guint *) b];

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The stroke to click, and where: the middle of the part of it that is on
 * screen and can only mean it, for the longest stroke that has one.
 * Returns its index, or -1. */
static gint
choose_stroke (const Scene    *scene,
               const gboolean *allowed,
               gboolean        drawn_over,
               double         *x,
               double         *y)
{
  g_autofree double *length = g_new (double, MAX (scene->n_strokes, 1));
  g_autofree guint *order = g_new (guint, MAX (scene->n_strokes, 1));

  for (guint i = 0; i < scene->n_strokes; i++)
    {
      double px, py;

      length[i] = run_point (scene, i, 0, &px, &py);
      order[i] = i;
    }
  g_qsort_with_data (order, scene->n_strokes, sizeof (guint), by_length, length);
  for (guint o = 0; o < scene->n_strokes && length[order[o]] > 8; o++)
    {
      guint i = order[o];
      /* Every few pixels: a long stroke may cross the screen in a corner. */
      gint samples = CLAMP ((gint) (length[i] / 5), 8, 4000), start = -1, best = -1, best_n = 0;
      double px, py;

      if (allowed != NULL && !allowed[i])
        continue;
      /* The longest stretch of clear samples. */
      for (gint k = 1; k <= samples; k++)
        {
          gboolean clear = k < samples;

          if (clear)
            {
              run_point (scene, i, (double) k / samples, &px, &py);
              clear = only_stroke_at (scene, i, px, py, drawn_over);
            }
          if (clear && start < 0)
            start = k;
          else if (!clear && start >= 0)
            {
              if (k - start > best_n)
                {
                  best = start;
                  best_n = k - start;
                }
              start = -1;
            }
        }
      if (best < 0)
        continue;
      /* Its middle. */
      run_point (scene, i, (double) (best + (best_n - 1) / 2) / samples, &px, &py);
      *x = px;
      *y = py;
      return i;
    }
  return -1;
}

/* A stroke a click may select: how many links it stands for, one of them. */
typedef struct
{
  gint64  n_links;
  char   *ends;
} Stroke;

/* The strokes drawn where the click goes, and which of them it selected. */
typedef struct
{
  GArray *strokes;
  guint   selected;
} Under;

static void
clear_stroke (gpointer data)
{
  g_free (((Stroke *) data)->ends);
}

/* The selection is one of @data's strokes: that many links, among them
 * its ends. */
static gboolean
stroke_selected (JsonObject *state,
                 gpointer    data)
{
  Under *under = data;
  JsonArray *links = json_object_get_array_member (canvas_of (state), "selected_links");

  if (json_object_get_string_member (canvas_of (state), "pointer_text") == NULL)
    return FALSE;
  for (guint k = 0; k < under->strokes->len; k++)
    {
      const Stroke *want = &g_array_index (under->strokes, Stroke, k);
      gboolean has = FALSE;

      if ((gint64) json_array_get_length (links) != want->n_links)
        continue;
      for (guint i = 0; i < json_array_get_length (links) && !has; i++)
        has = g_strcmp0 (json_array_get_string_element (links, i), want->ends) == 0;
      if (has)
        {
          under->selected = k;
          return TRUE;
        }
    }
  return FALSE;
}

/* Clicks a drawn stroke, where nothing else is drawn if there is such a
 * place (else where only strokes on top of each other are); checks the
 * selection is (one of) what is drawn there, that the side panel counts it
 * and that the tooltip names it. */
static void
click_stroke (WeftApp    *app,
              JsonParser *parser,
              JsonObject *state,
              const char *where)
{
  JsonObject *canvas = canvas_of (state);
  JsonArray *strokes = json_object_get_array_member (canvas, "strokes");
  g_autoptr(Scene) scene = scene_new (canvas);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Stroke));
  Under under = { candidates, 0 };
  double x = 0, y = 0;
  gint chosen = choose_stroke (scene, NULL, FALSE, &x, &y);
  const char *title, *tip;
  const Stroke *got;
  gboolean bundled = json_object_get_boolean_member (canvas, "bundled");

  g_assert_cmpint (json_object_get_int_member (canvas, "n_strokes"), >, 0);
  if (chosen < 0)
    chosen = choose_stroke (scene, NULL, TRUE, &x, &y);
  if (chosen < 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), canvas);
      g_autofree char *text = json_to_string (node, TRUE);

      g_test_message ("%s", text);
      g_error ("%s: no stroke of %" G_GINT64_FORMAT " is clear to click", where,
               json_object_get_int_member (canvas, "n_strokes"));
    }
  g_array_set_clear_func (candidates, clear_stroke);
  for (guint j = 0; j < scene->n_strokes; j++)
    if (run_distance (scene, j, x, y) < 0.5)
      {
        JsonObject *stroke = json_array_get_object_element (strokes, j);
        /* Copied: the parser's next read frees the state it came from. */
        Stroke s = { json_object_get_int_member (stroke, "links"),
                     g_strdup (json_object_get_string_member (stroke, "ends")) };

        g_array_append_val (candidates, s);
      }
  g_test_message ("%s: %s, clicking %s (%" G_GINT64_FORMAT " links, %u drawn there) at %.0f,%.0f",
                  where, bundled ? "bundled" : "links",
                  g_array_index (candidates, Stroke, 0).ends,
                  g_array_index (candidates, Stroke, 0).n_links, candidates->len, x, y);

  click_at (app, x, y);
  state = weft_app_wait (app, parser, 10, stroke_selected, &under, "the stroke's links selected");
  got = &g_array_index (candidates, Stroke, under.selected);
  canvas = canvas_of (state);
  title = json_object_get_string_member (canvas, "inspector_title");
  tip = json_object_get_string_member (canvas, "pointer_text");
  if (got->n_links == 1)
    {
      g_auto(GStrv) ends = g_strsplit (got->ends, " ", 2);

      g_assert_nonnull (strstr (title, ends[0]));
      g_assert_nonnull (strstr (title, ends[1]));
      g_assert_nonnull (strstr (tip, ends[0]));
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT " links", got->n_links);

      g_assert_true (bundled);
      g_assert_cmpstr (title, ==, count);
      g_assert_nonnull (strstr (tip, "drawn as one line"));
      g_assert_nonnull (strstr (json_object_get_string_member (state, "toast"), "zoom in"));
    }
}

static gboolean
node_selected (JsonObject *state,
               gpointer    data)
{
  JsonArray *nodes = json_object_get_array_member (canvas_of (state), "selected_nodes");

  return json_array_get_length (nodes) == 1 &&
         g_strcmp0 (json_array_get_string_element (nodes, 0), data) == 0;
}

/* The most isolated node a click can reach, and how far the next one is
 * (up to 100 px); -1 when none is on screen. */
static gint
choose_node (const Scene *scene,
             double      *room)
{
  gint chosen = -1;

  *room = -1;
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      double d;

      /* Most nodes have a neighbour nearer than the best so far: that is quick to see. */
      if (!clickable (scene, scene->nx[i], scene->ny[i]) ||
          (*room >= 0 && node_within (scene, scene->nx[i], scene->ny[i], i, *room)))
        continue;
      d = nearest_node (scene, scene->nx[i], scene->ny[i], i, 100);
      if (d > *room)
        {
          *room = d;
          chosen = i;
        }
    }
  return chosen;
}

/* Clicks the most isolated node on screen; checks it is the one selected. */
static void
click_node (WeftApp    *app,
            JsonParser *parser,
            JsonObject *state,
            const char *where)
{
  g_autoptr(Scene) scene = scene_new (canvas_of (state));
  double room;
  gint chosen = choose_node (scene, &room);
  g_autofree char *name = NULL;

  g_assert_cmpint (chosen, >=, 0);
  /* Nodes drawn on one pixel cannot be told apart; any is a fair pick. */
  g_assert_cmpfloat (room, >=, 1);
  name = g_strdup (scene->names[chosen]);
  g_test_message ("%s: clicking node %s at %.0f,%.0f (%.0f px from the next)", where, name,
                  scene->nx[chosen], scene->ny[chosen], room);
  click_at (app, scene->nx[chosen], scene->ny[chosen]);
  weft_app_wait (app, parser, 10, node_selected, name, "the node selected");
}

/* Drags the background so that the most isolated node on screen comes to
 * the middle of the canvas, where the zoom steps keep it in sight. */
static void
centre_a_node (WeftApp    *app,
               JsonObject *state)
{
  g_autoptr(Scene) scene = scene_new (canvas_of (state));
  double cx = scene->box[0] + scene->box[2] / 2, cy = scene->box[1] + scene->box[3] / 2, room;
  gint node = choose_node (scene, &room);
  double dx, dy;

  g_assert_cmpint (node, >=, 0);
  dx = cx - scene->nx[node];
  dy = cy - scene->ny[node];
  /* Pressed on the background (a press on a node would move or rewire it),
   * and released where the drag stays inside the canvas. */
  for (double py = scene->box[1] + 40; py < cy * 2; py += 10)
    for (double px = scene->box[0] + 40; px < cx * 2; px += 10)
      if (clickable (scene, px, py) && clickable (scene, px + dx, py + dy) &&
          !node_within (scene, px, py, G_MAXUINT, 20))
        {
          g_test_message ("dragging %s to the middle, from %.0f,%.0f", scene->names[node], px, py);
          weft_app_pointer_to (app, lround (px), lround (py));
          weft_xdotool ("mousedown", "1", NULL);
          for (int step = 1; step <= 4; step++)
            weft_app_pointer_to (app, lround (px + dx * step / 4), lround (py + dy * step / 4));
          /* A pan queues no dump of its own: the next zoom's shows it. */
          weft_xdotool ("mouseup", "1", NULL);
          return;
        }
  g_error ("no background to drag %s to the middle by", scene->names[node]);
}

/* The index of node @name in @scene, or -1. */
static gint
scene_node (const Scene *scene,
            const char  *name)
{
  for (guint i = 0; i < scene->n_nodes; i++)
    if (g_strcmp0 (scene->names[i], name) == 0)
      return i;
  return -1;
}

/* Whether node @i is clear to drop on. */
static gboolean
droppable (const Scene *scene,
           guint        i)
{
  return clickable (scene, scene->nx[i], scene->ny[i]) &&
         !node_within (scene, scene->nx[i], scene->ny[i], i, 10);
}

/* The @skip-th node to drop @end on, neither it nor @other: two GPUs
 * (each a NIC of one port, in use), two others of @end's kind (its name up
 * to the first '-': leaf, spine, router, ...), two of each other kind of
 * network switch, two scale-up switches; then @other, which makes both
 * ends one node; -1 after that. */
static gint
drop_target (const Scene *scene,
             const char  *end,
             const char  *other,
             guint        skip)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize kind = strcspn (end, "-");

  for (guint pass = 0; pass < 4; pass++)
    for (guint i = 0; i < scene->n_nodes; i++)
      {
        const char *name = scene->names[i];
        guint in_pass = g_str_has_prefix (name, "gpu-")           ? 0
                        : strncmp (name, end, kind + 1) == 0 ? 1
                        : g_str_has_prefix (name, "nvs-")         ? 3
                                                                  : 2;
        char *prefix;
        guint n;

        if (in_pass != pass || g_strcmp0 (name, end) == 0 || g_strcmp0 (name, other) == 0 ||
            !droppable (scene, i))
          continue;
        prefix = g_strndup (name, strcspn (name, "-"));
        n = GPOINTER_TO_UINT (g_hash_table_lookup (taken, prefix));
        g_hash_table_replace (taken, prefix, GUINT_TO_POINTER (n + 1));
        if (n < 2 && skip-- == 0)
          return i;
      }
  return skip == 0 ? scene_node (scene, other) : -1;
}

/* The state before a drop: its undo label and latest toast. */
typedef struct
{
  char *undo;
  char *toast;
} Before;

static gboolean
drop_answered (JsonObject *state,
               gpointer    data)
{
  const Before *before = data;

  return g_strcmp0 (json_object_get_string_member (state, "undo"), before->undo) != 0 ||
         g_strcmp0 (json_object_get_string_member (state, "toast"), before->toast) != 0;
}

static gboolean
undo_is (JsonObject *state,
         gpointer    data)
{
  return g_strcmp0 (json_object_get_string_member (state, "undo"), data) == 0;
}

/* Whether stroke @i is a link with an end that is a switch, and a switch
 * to drop it on; that end's name in @end, the other's in @other. */
static gboolean
rewirable (const Scene *scene,
           JsonArray   *strokes,
           guint        i,
           char       **end,
           char       **other)
{
  g_auto(GStrv) pair = g_strsplit (
      json_object_get_string_member (json_array_get_object_element (strokes, i), "ends"), " ", 2);

  for (guint e = 0; e < 2; e++)
    {
      gint node = scene_node (scene, pair[e]);

      if (!g_str_has_prefix (pair[e], "gpu-") && node >= 0 &&
          droppable (scene, node) && drop_target (scene, pair[e], pair[1 - e], 0) >= 0)
        {
          if (end != NULL)
            {
              *end = g_strdup (pair[e]);
              *other = g_strdup (pair[1 - e]);
            }
          return TRUE;
        }
    }
  return FALSE;
}

/* Selects a link by a click and drags its switch end onto other nodes
 * until one refuses it (undoing any drop taken): the message must name the
 * node, why, and what to do instead — for a full one, how to free a port. */
static void
try_refused_rewire (WeftApp    *app,
                    JsonParser *parser,
                    const char *where)
{
  JsonObject *state = weft_app_state (app, parser);
  JsonArray *strokes = json_object_get_array_member (canvas_of (state), "strokes");
  g_autoptr(Scene) scene = scene_new (canvas_of (state));
  g_autofree gboolean *allowed = g_new0 (gboolean, MAX (scene->n_strokes, 1));
  g_autofree char *ends = NULL, *from = NULL, *other = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Stroke));
  Under under = { candidates, 0 };
  Stroke link;
  double x = 0, y = 0;
  gint chosen, end, target = -1;

  g_assert_false (json_object_get_boolean_member (canvas_of (state), "bundled"));
  for (guint i = 0; i < scene->n_strokes; i++)
    allowed[i] = rewirable (scene, strokes, i, NULL, NULL);
  chosen = choose_stroke (scene, allowed, FALSE, &x, &y);
  if (chosen < 0)
    chosen = choose_stroke (scene, allowed, TRUE, &x, &y);
  g_assert_cmpint (chosen, >=, 0);
  rewirable (scene, strokes, chosen, &from, &other);
  end = scene_node (scene, from);
  ends = g_strdup (json_object_get_string_member (json_array_get_object_element (strokes, chosen),
                                                  "ends"));
  link = (Stroke) { 1, g_strdup (ends) };
  g_array_set_clear_func (candidates, clear_stroke);
  g_array_append_val (candidates, link);

  for (guint skip = 0; (target = drop_target (scene, from, other, skip)) >= 0; skip++)
    {
      Before before;
      const char *toast;

      state = weft_app_state (app, parser);
      before.undo = g_strdup (json_object_get_string_member (state, "undo"));
      before.toast = g_strdup (json_object_get_string_member (state, "toast"));
      g_test_message ("%s: dragging the %s end of %s onto %s", where, from, ends,
                      scene->names[target]);
      click_at (app, x, y);
      weft_app_wait (app, parser, 10, stroke_selected, &under, "the link selected");
      weft_app_pointer_to (app, lround (scene->nx[end]), lround (scene->ny[end]));
      weft_xdotool ("mousedown", "1", NULL);
      for (int step = 1; step <= 5; step++)
        weft_app_pointer_to (
            app, lround (scene->nx[end] + (scene->nx[target] - scene->nx[end]) * step / 5),
            lround (scene->ny[end] + (scene->ny[target] - scene->ny[end]) * step / 5));
      weft_xdotool ("mouseup", "1", NULL);
      state = weft_app_wait (app, parser, 10, drop_answered, &before, "the drop taken or refused");
      if (g_strcmp0 (json_object_get_string_member (state, "undo"), before.undo) != 0)
        {
          /* It had a free port: put the link back and try the next. */
          g_test_message ("%s: %s took it", where, scene->names[target]);
          weft_xdotool ("key", "--clearmodifiers", "ctrl+z", NULL);
          weft_app_wait (app, parser, 10, undo_is, before.undo, "the undo");
          g_free (before.undo);
          g_free (before.toast);
          continue;
        }
      /* Refused: it says which node, why, and what to do instead. */
      toast = json_object_get_string_member (state, "toast");
      g_test_message ("%s: %s", where, toast);
      if (g_strcmp0 (scene->names[target], other) == 0)
        g_assert_cmpstr (toast, ==, "Both ends of the link would be on the same node. "
                                    "Drop the end on another node.");
      else
        g_assert_true (g_str_has_prefix (toast, scene->names[target]));
      if (strstr (toast, "has no free") != NULL)
        {
          g_assert_nonnull (strstr (toast, "select one of its links and press Delete"));
          g_assert_nonnull (strstr (toast, "lower its Parallel links"));
        }
      else
        g_assert_nonnull (strstr (toast, "Drop the end on"));
      g_free (before.undo);
      g_free (before.toast);
      return;
    }
  g_error ("%s: every node tried took the %s end of %s", where, from, ends);
}

/* In a fresh window on the fabric @path: each window size, each zoom. */
static void
try_zooms (const char *path,
           const char *arch)
{
  static const struct { int width, height; } sizes[] = { { 1024, 700 }, { 1920, 1080 } };
  static const int steps[] = { 0, 3, 6, 14 };
  g_autoptr(WeftApp) app = weft_app_start (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  double fit = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      double want;
      JsonObject *state;

      weft_app_resize (app, parser, sizes[s].width, sizes[s].height);
      weft_app_focus (app);
      press_away (app, "ctrl+0", 1);
      /* The dump the zoom queued, after the frame. */
      g_usleep (400 * 1000);
      state = weft_app_state (app, parser);
      fit = json_object_get_double_member (canvas_of (state), "scale");
      state = weft_app_wait (app, parser, 10, scale_is, &fit, "the fit zoom");
      for (guint z = 0; z < G_N_ELEMENTS (steps); z++)
        {
          g_autofree char *where = g_strdup_printf ("%s %d×%d, %d steps", arch, sizes[s].width,
                                                    sizes[s].height, steps[z]);

          /* Zooming keeps the middle where it is: a node there stays in sight. */
          if (z == 1)
            centre_a_node (app, weft_app_state (app, parser));
          if (steps[z] > 0)
            press_away (app, "ctrl+equal", steps[z] - steps[z - 1]);
          want = fit * pow (ZOOM_STEP, steps[z]);
          state = weft_app_wait (app, parser, 10, scale_is, &want, "the zoom");
          click_stroke (app, parser, state, where);
          click_node (app, parser, weft_app_state (app, parser), where);
        }
    }
  /* Back to the whole fabric; small enough, it draws each link. */
  press_away (app, "ctrl+0", 1);
  weft_app_wait (app, parser, 10, scale_is, &fit, "the fit zoom");
  if (!json_object_get_boolean_member (canvas_of (weft_app_state (app, parser)), "bundled"))
    try_refused_rewire (app, parser, arch);
  else
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                                                     weft_app_state (app, parser), "fabric"),
                                                 "gpus"),
                     >, 1024);
}

static void
test_picking (gconstpointer data)
{
  const Arch *arch = data;
  g_autofree char *dir = g_dir_make_tmp ("weft-pick-XXXXXX", NULL);
  g_autofree char *small = generate (dir, arch->arch, arch->small);
  g_autofree char *large = generate (dir, arch->arch, arch->large);

  try_zooms (small, arch->arch);
  try_zooms (large, arch->arch);
  g_unlink (small);
  g_unlink (large);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Xvfb has no GPU: GL through llvmpipe would take both cores for frames
   * that cairo draws in a fraction of the time, and picking is the same. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* The dump says where every link and node is drawn. */
  g_setenv ("WEFT_TEST_DRAWING", "1", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (archs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/picking/%s", archs[i].arch);

      g_test_add_data_func (name, &archs[i], test_picking);
    }
  return g_test_run ();
}
