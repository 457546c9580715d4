/* test-window-words.c — the window's words, numbers and Compare page as a user reads them (issue
 * 13, rules 3 and 8): the page fits or scrolls, says what it will do and why a chart is empty;
 * no whole number has decimals and no change is rounded away; the app's icon is found. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "weft-gui-test.h"

/* A fabric file made by weft-cli generate ARCH ARGS… in @dir, named @name. */
static char *
generated (const char *dir,
           const char *name,
           const char *arch,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, arch);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return weft_cli_generate (dir, name, arch, (const char *const *) args->pdata);
}

static JsonObject *
compare_of (JsonObject *state)
{
  return json_object_get_object_member (state, "compare");
}

static JsonObject *
chrome_of (JsonObject *state)
{
  return json_object_get_object_member (state, "chrome");
}

static JsonObject *
metrics_of (JsonObject *state)
{
  return json_object_get_object_member (state, "metrics");
}

static gboolean
metrics_current (JsonObject *state,
                 gpointer    data)
{
  JsonObject *fabric = json_object_get_object_member (state, "fabric");
  gint64 after = GPOINTER_TO_SIZE (data);

  return !json_object_get_boolean_member (metrics_of (state), "busy") &&
         json_object_get_int_member (metrics_of (state), "generation") ==
             json_object_get_int_member (fabric, "generation") &&
         json_object_get_int_member (fabric, "generation") > after &&
         strstr (json_object_get_string_member (metrics_of (state), "bisection"), "…") == NULL;
}

static gboolean
compare_done (JsonObject *state,
              gpointer    data)
{
  JsonObject *compare = compare_of (state);
  const char *table = json_object_get_string_member (state, "compare_table");

  return !json_object_get_boolean_member (compare, "busy") && table != NULL &&
         strstr (table, "Torus") != NULL;
}

static gboolean
sweep_done (JsonObject *state,
            gpointer    data)
{
  JsonObject *compare = compare_of (state);

  return !json_object_get_boolean_member (compare, "busy") &&
         json_array_get_length (json_object_get_array_member (compare, "chart_panels")) > 0 &&
         strstr (json_object_get_string_member (compare, "status"), data) != NULL;
}

/* A sweep's charts whose first panel has its lines. */
static gboolean
sweep_drawn (JsonObject *state,
             gpointer    data)
{
  JsonObject *compare = compare_of (state);
  JsonArray *panels = json_object_get_array_member (compare, "chart_panels");

  return !json_object_get_boolean_member (compare, "busy") && json_array_get_length (panels) > 0 &&
         json_object_get_null_member (json_array_get_object_element (panels, 0), "empty_because");
}

static gboolean
scrolled_to_end (JsonObject *state,
                 gpointer    data)
{
  JsonObject *compare = compare_of (state);

  return json_object_get_double_member (compare, "scroll_x") >=
         json_object_get_double_member (compare, "scroll_x_max") - 0.5;
}

static gboolean
scrolled_to_start (JsonObject *state,
                   gpointer    data)
{
  return json_object_get_double_member (compare_of (state), "scroll_x") <= 0.5;
}

static gboolean
shows_compare (JsonObject *state,
               gpointer    data)
{
  return g_strcmp0 (json_object_get_string_member (state, "view"), "compare") == 0;
}

static gboolean
visit_cancelled (JsonObject *state,
                 gpointer    data)
{
  JsonObject *compare = compare_of (state);

  return !json_object_get_boolean_member (compare, "busy") &&
         json_object_get_boolean_member (compare, "intro_shown") &&
         g_strcmp0 (json_object_get_string_member (compare, "status"), "") == 0 &&
         json_object_get_int_member (state, "compare_gpus") == GPOINTER_TO_INT (data);
}

/* The first visit to the Compare page compares at the size of the fabric
 * on screen, however small, with a status page saying what the buttons do
 * until the table comes; a size typed meanwhile drops that comparison for
 * the one asked for. */
static void
test_compare_first_visit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-words-XXXXXX", NULL);
  const struct
  {
    const char *arch;
    const char *gpus;
    const char *at;         /* the size the intro names */
    gboolean    one_size;   /* too small for a sweep's line */
  } cases[] = {
    { NULL, NULL, "1,024", TRUE },
    { "leaf-spine", "2048", "2,048", FALSE },
    { "torus", NULL, "64", TRUE },
    { "rail-only", "512", "512", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *name = g_strdup_printf ("visit-%u.weft.json", i);
      g_autofree char *path =
          cases[i].arch == NULL ? NULL
          : cases[i].gpus == NULL
              ? generated (dir, name, cases[i].arch, "--dims", "4x4x4", NULL)
              : generated (dir, name, cases[i].arch, "--gpus", cases[i].gpus, NULL);
      g_autoptr(WeftApp) app = weft_app_start (path);
      g_autofree char *at = g_strdup_printf ("each of 10 architectures at %s GPUs", cases[i].at);
      g_autofree char *row = g_strdup_printf ("\nGPUs\t%s\t%s", cases[i].at, cases[i].at);
      JsonObject *state, *compare;
      const char *intro, *table;

      weft_app_focus (app);
      weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
      state = weft_app_wait (app, parser, 10, shows_compare, NULL, "the Compare page");
      compare = compare_of (state);
      intro = json_object_get_string_member (compare, "intro");
      g_test_message ("%s: %s", cases[i].at, intro);
      g_assert_nonnull (strstr (intro, at));
      g_assert_nonnull (strstr (intro, "Sweep from 1k"));
      g_assert_cmpint (strstr (intro, "set 2,048 or more") != NULL, ==, cases[i].one_size);
      /* Comparing already, unless done already. */
      table = json_object_get_string_member (state, "compare_table");
      g_assert_true (json_object_get_boolean_member (compare, "busy") || *table != '\0');
      g_assert_cmpint (json_object_get_boolean_member (compare, "intro_shown"), ==, *table == '\0');

      if (g_strcmp0 (cases[i].gpus, "2048") == 0)
        {
          /* 1,024 typed on the page: the visit's comparison at 2,048 stops, and Compare
           * compares the fabric at its 2,048 beside the others at 1,024. */
          weft_xdotool ("key", "--clearmodifiers", "alt+g", NULL);
          weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
          weft_xdotool ("type", "--delay", "30", "1024", NULL);
          weft_xdotool ("key", "Tab", NULL);
          weft_app_wait (app, parser, 30, visit_cancelled, GINT_TO_POINTER (1024),
                         "the visit's comparison dropped");
          weft_xdotool ("key", "--clearmodifiers", "alt+c", NULL);
          g_free (row);
          row = g_strdup ("\nGPUs\t2,048\t1,024 (");
        }
      state = weft_app_wait (app, parser, 240, compare_done, NULL, "the comparison");
      table = json_object_get_string_member (state, "compare_table");
      g_assert_false (json_object_get_boolean_member (compare_of (state), "intro_shown"));
      g_assert_true (g_str_has_prefix (table, "\tThis fabric\tLeaf-spine"));
      g_assert_nonnull (strstr (table, row));
    }
  g_rmdir (dir);
}

/* Whether a cell's change is good news: by its row, less cost, power,
 * hops, latency, step or interruptions, or more bisection, bandwidth or
 * goodput. */
static int
expected_verdict (const char *row,
                  const char *text)
{
  static const char *const higher[] = { "bisection", "busBw", "goodput", NULL };
  const char *open = strstr (text, "(");
  int sign;

  g_assert_nonnull (open);
  sign = g_str_has_prefix (open + 1, "+") ? 1 : g_str_has_prefix (open + 1, "−") ? -1 : 0;
  g_assert_cmpint (sign, !=, 0);
  for (guint i = 0; higher[i] != NULL; i++)
    if (strstr (row, higher[i]) != NULL)
      return sign;
  return -sign;
}

/* Every coloured cell is coloured by whether its change is better, and
 * every change in a row that is better or worse is coloured. */
static void
assert_colours (JsonObject *state)
{
  JsonArray *coloured = json_object_get_array_member (compare_of (state), "coloured");
  g_auto(GStrv) lines =
      g_strsplit (json_object_get_string_member (state, "compare_table"), "\n", -1);
  guint changes = 0;

  g_assert_cmpuint (json_array_get_length (coloured), >, 0);
  for (guint i = 0; i < json_array_get_length (coloured); i++)
    {
      JsonObject *cell = json_array_get_object_element (coloured, i);
      const char *row = json_object_get_string_member (cell, "row");
      const char *text = json_object_get_string_member (cell, "text");
      int verdict = expected_verdict (row, text);

      g_assert_cmpstr (json_object_get_string_member (cell, "class"), ==,
                       verdict > 0 ? "success" : "error");
    }
  /* Changes in rows that are better or worse, counted from the table itself. */
  for (guint r = 1; lines[r] != NULL && lines[r][0] != '\0'; r++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[r], "\t", -1);

      if (g_str_has_prefix (cells[0], "GPUs") || g_str_has_prefix (cells[0], "switches") ||
          g_str_has_prefix (cells[0], "links") || strstr (cells[0], " links (") != NULL)
        continue;
      for (guint c = 2; cells[c] != NULL; c++)
        changes += strstr (cells[c], " (") != NULL;
    }
  g_assert_cmpuint (json_array_get_length (coloured), ==, changes);
}

/* One unit a row: every cell of the cost row in $M (or all in whole
 * dollars), the latencies all in µs or all in ns, and the hop maxima
 * whole numbers. */
static void
assert_units (JsonObject *state)
{
  g_auto(GStrv) lines =
      g_strsplit (json_object_get_string_member (state, "compare_table"), "\n", -1);

  for (guint r = 1; lines[r] != NULL && lines[r][0] != '\0'; r++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[r], "\t", -1);
      gboolean micro = strstr (lines[r], "µs") != NULL, kilo = strstr (lines[r], "kW") != NULL;
      const char *unit = g_str_equal (cells[0], "cost")             ? "M"
                         : g_str_has_prefix (cells[0], "latency") ? (micro ? " µs" : " ns")
                         : g_str_has_prefix (cells[0], "power")   ? (kilo ? " kW" : " W")
                                                                  : NULL;

      for (guint c = 1; cells[c] != NULL; c++)
        {
          g_auto(GStrv) parts = g_strsplit (cells[c], " (", 2);
          g_autofree char *closed = g_strconcat (unit, ")", NULL);

          if (g_str_equal (cells[0], "switch hops, max"))
            g_assert_null (strchr (cells[c], '.'));
          if (unit == NULL || g_str_equal (cells[c], "—"))
            continue;
          g_test_message ("%s: %s", cells[0], cells[c]);
          /* Cost below $1M is in whole dollars, with no "M" anywhere in the row. */
          if (g_str_equal (unit, "M") && strstr (lines[r], "M") == NULL)
            continue;
          g_assert_true (g_str_has_suffix (parts[0], unit));
          if (parts[1] != NULL)
            g_assert_true (g_str_has_suffix (parts[1], closed));
        }
    }
}

/* The table's last column is on the page, or the page scrolls with a
 * scrollbar in view and scrolling to its end brings the column on: at
 * 1024×700, 1440×900 and 1920×1080, for fabrics of two sizes. The
 * differences are coloured by whether they are better, in one unit a row. */
static void
test_compare_fits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-words-XXXXXX", NULL);
  g_autofree char *small = generated (dir, "fits.weft.json", "torus", "--dims", "8x8x4", NULL);
  const char *files[] = { NULL, small };
  const struct { int width, height; } sizes[] = { { 1024, 700 }, { 1440, 900 }, { 1920, 1080 } };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(WeftApp) app = weft_app_start (files[f]);
      JsonObject *state;

      weft_app_focus (app);
      weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
      g_usleep (500 * 1000);
      weft_xdotool ("key", "--clearmodifiers", "alt+c", NULL);
      state = weft_app_wait (app, parser, 240, compare_done, NULL, "the comparison");
      assert_colours (state);
      assert_units (state);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          JsonObject *compare;
          double viewport, right;

          state = weft_app_resize (app, parser, sizes[i].width, sizes[i].height);
          g_usleep (500 * 1000);
          state = weft_app_state (app, parser);
          compare = compare_of (state);
          viewport = json_object_get_int_member (compare, "viewport_width");
          right = json_object_get_double_member (compare, "last_column_right");
          g_test_message ("%d×%d: table %" G_GINT64_FORMAT " in %g, last column ends at %g",
                          sizes[i].width, sizes[i].height,
                          json_object_get_int_member (compare, "table_width"), viewport, right);
          g_assert_cmpfloat (viewport, >, 0);
          if (right <= viewport)
            continue;
          /* It does not fit: the page says it scrolls, and scrolls to the column. */
          g_assert_true (json_object_get_boolean_member (compare, "scrollbar_shown"));
          g_assert_cmpfloat (json_object_get_double_member (compare, "scroll_x_max"), >, 0);
          weft_app_pointer_to (app, sizes[i].width * 3 / 4, sizes[i].height / 2);
          for (guint step = 0; step < 60; step++)
            weft_xdotool ("click", "7", NULL);
          state = weft_app_wait (app, parser, 10, scrolled_to_end, NULL, "the scroll to the end");
          compare = compare_of (state);
          g_assert_cmpfloat (json_object_get_double_member (compare, "last_column_right"), <=,
                             json_object_get_int_member (compare, "viewport_width") + 1);
          for (guint step = 0; step < 60; step++)
            weft_xdotool ("click", "6", NULL);
          weft_app_wait (app, parser, 10, scrolled_to_start, NULL, "the scroll back");
        }
    }
  g_unlink (small);
  g_rmdir (dir);
}

/* "Sweep from 1k" at a size that gives one point says so in every chart
 * panel and under them; at 2,048 GPUs every panel has its lines. */
static void
test_compare_empty_chart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-words-XXXXXX", NULL);
  g_autofree char *path = generated (dir, "sweep.weft.json", "leaf-spine", "--gpus", "512", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WeftApp) app = weft_app_start (path);
  JsonObject *state;
  JsonArray *panels;

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
  g_usleep (500 * 1000);
  g_assert_cmpint (json_object_get_int_member (weft_app_state (app, parser), "compare_gpus"), ==,
                   512);
  /* The visit compares first; Sweep waits for it. */
  weft_app_wait (app, parser, 240, compare_done, NULL, "the visit's comparison");
  weft_xdotool ("key", "--clearmodifiers", "alt+s", NULL);
  state = weft_app_wait (app, parser, 240, sweep_done, (gpointer) "set 2,048 or more",
                         "the sweep at one size");
  panels = json_object_get_array_member (compare_of (state), "chart_panels");
  g_assert_cmpuint (json_array_get_length (panels), ==, 4);
  for (guint p = 0; p < json_array_get_length (panels); p++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (panels, p),
                                                    "empty_because"),
                     ==, "Only 1,024 GPUs was measured: a line needs two sizes");

  weft_xdotool ("key", "--clearmodifiers", "alt+g", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "30", "2048", NULL);
  weft_xdotool ("key", "Tab", NULL);
  g_usleep (300 * 1000);
  g_assert_cmpint (json_object_get_int_member (weft_app_state (app, parser), "compare_gpus"), ==,
                   2048);
  weft_xdotool ("key", "--clearmodifiers", "alt+s", NULL);
  state = weft_app_wait (app, parser, 600, sweep_drawn, NULL, "the sweep at two sizes");
  g_assert_null (strstr (json_object_get_string_member (compare_of (state), "status"),
                         "set 2,048 or more"));
  panels = json_object_get_array_member (compare_of (state), "chart_panels");
  for (guint p = 0; p < json_array_get_length (panels); p++)
    g_assert_true (json_object_get_null_member (json_array_get_object_element (panels, p),
                                                "empty_because"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Whether @text has a number written with decimals that are all zero: "3.00". */
static gboolean
has_zero_decimals (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[0-9]\\.0+(?![0-9])", 0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

/* A change that is not zero has a digit that is not zero. */
static void
assert_visible_delta (const char *delta)
{
  if (delta != NULL && *delta != '\0')
    g_assert_nonnull (strpbrk (delta, "123456789"));
}

/* Clicks node @name until the inspector shows it (a click during a relayout
 * can land where it was); returns the state then. */
static JsonObject *
select_node (WeftApp    *app,
             JsonParser *parser,
             const char *name)
{
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      JsonObject *state = weft_app_state (app, parser);
      int x, y;

      weft_app_node_point (state, name, &x, &y);
      weft_app_focus (app);
      weft_app_pointer_to (app, x, y);
      weft_xdotool ("click", "1", NULL);
      for (guint wait = 0; wait < 20; wait++)
        {
          g_usleep (250 * 1000);
          state = weft_app_state (app, parser);
          if (g_strcmp0 (json_object_get_string_member (
                             json_object_get_object_member (state, "canvas"), "inspector_title"),
                         name) == 0)
            return state;
        }
    }
  g_error ("%s could not be selected", name);
}

/* No value in the metrics panel is broken between a number and its unit,
 * as "268 ns – 1.03" over "µs, mean 937 ns" was in a narrow panel. */
static void
assert_units_kept (JsonObject *state)
{
  static const char *const keys[] = { "gpus", "switches", "links", "cost", "power", "latency",
                                      "hops", "bisection", "allreduce", "step" };
  JsonObject *metrics = metrics_of (state);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *member = g_strconcat (keys[k], "_lines", NULL);
      JsonArray *lines = json_object_get_array_member (metrics, member);

      for (guint l = 0; l + 1 < json_array_get_length (lines); l++)
        {
          g_autofree char *end = g_strstrip (g_strdup (json_array_get_string_element (lines, l)));
          g_autofree char *next =
              g_strstrip (g_strdup (json_array_get_string_element (lines, l + 1)));
          gunichar first = g_utf8_get_char (next);

          g_assert_cmpuint (json_array_get_length (lines), >, 0);
          if (*end != '\0' && g_ascii_isdigit (end[strlen (end) - 1]) &&
              (g_unichar_isalpha (first) || first == '%'))
            g_error ("%s: '%s' | '%s' parts a number from its unit", keys[k], end, next);
        }
    }
}

/* The ports a node's links take in the file, and how many of that speed its part has. */
static void
ports_in_file (const char *path,
               const char *node,
               guint      *used,
               guint      *speed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *links;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  links = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "links");
  *used = *speed = 0;
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (g_strcmp0 (json_object_get_string_member (link, "a"), node) == 0 ||
          g_strcmp0 (json_object_get_string_member (link, "b"), node) == 0)
        {
          *used += json_object_has_member (link, "count")
                       ? json_object_get_int_member (link, "count") : 1;
          *speed = json_object_get_int_member (link, "speed");
        }
    }
}

/* Architectures from 16 to 32,768 GPUs opened in the window (the generator
 * panel test builds 131,072 there; loading one takes longer than a start): no value
 * parts a number from its unit, at its first size or at 1024×700; no whole
 * number has decimals (the hop range, the inspector's ports), the
 * inspector counts a switch's ports as the file does, and a GPU's loss in
 * a 512-GPU fabric shows in the bisection's figures, not only its delta:
 * "102.0 Tb/s, 99.8% of full" after "102 Tb/s, 100%", where the figures
 * once read as before beside "−400 Gb/s". */
static void
test_numbers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-words-XXXXXX", NULL);
  const struct
  {
    const char *arch;
    const char *args[7];
    const char *switch_name;   /* one to select, or NULL */
    guint       ports;         /* its part's ports at the links' speed */
  } cases[] = {
    { "leaf-spine", { "--gpus", "16", NULL }, "spine-0", 64 },
    { "fat-tree", { "--k", "8", NULL }, NULL, 0 },
    { "torus", { "--dims", "4x4x4", NULL }, NULL, 0 },
    { "dragonfly", { "--gpus", "1024", NULL }, NULL, 0 },
    { "leaf-spine", { "--gpus", "512", NULL }, "spine-0", 64 },
    { "rail-optimized", { "--gpus", "32768", "--tiers", "3", NULL }, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *name = g_strdup_printf ("numbers-%u.weft.json", i);
      g_autofree char *path =
          generated (dir, name, cases[i].arch, cases[i].args[0], cases[i].args[1],
                     cases[i].args[2], cases[i].args[3], cases[i].args[4], cases[i].args[5], NULL);
      g_autoptr(WeftApp) app = weft_app_start (path);
      JsonObject *state, *metrics;
      const char *hops;
      g_autofree char *before = NULL;

      state = weft_app_wait (app, parser, 300, metrics_current, GSIZE_TO_POINTER (-1),
                             "the figures");
      assert_units_kept (state);
      weft_app_resize (app, parser, 1024, 700);
      g_usleep (500 * 1000);
      state = weft_app_state (app, parser);
      assert_units_kept (state);
      metrics = metrics_of (state);
      hops = json_object_get_string_member (metrics, "hops");
      g_test_message ("%s %s: hops %s; bisection %s", cases[i].arch, cases[i].args[1], hops,
                      json_object_get_string_member (metrics, "bisection"));
      /* "1 – 3, mean 2.73": the range whole, the mean with decimals. */
      {
        g_auto(GStrv) lines = g_strsplit (hops, "\n", 2);
        g_auto(GStrv) range = g_strsplit (lines[0], ", mean", 2);

        g_assert_false (has_zero_decimals (range[0]));
        g_assert_null (strchr (range[0], '.'));
      }
      if (cases[i].switch_name == NULL)
        continue;

      /* The inspector: "N of M ports at S Gb/s", counted from the file. */
      {
        g_autofree char *expected = NULL;
        guint used, speed;

        ports_in_file (path, cases[i].switch_name, &used, &speed);
        expected = g_strdup_printf ("%u of %u ports at %u Gb/s", used, cases[i].ports, speed);
        state = select_node (app, parser, cases[i].switch_name);
        g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (state, "canvas"), "inspector_ports"),
                         ==, expected);
      }

      /* A GPU fails: one 400G link less across, in the figures and in the delta. */
      if (!g_str_equal (cases[i].args[1], "512"))
        continue;
      {
        gint64 generation = json_object_get_int_member (
            json_object_get_object_member (state, "fabric"), "generation");
        const char *after, *delta;

        before = g_strdup (json_object_get_string_member (metrics_of (state), "bisection"));
        select_node (app, parser, "gpu-0-0");
        weft_xdotool ("key", "--clearmodifiers", "ctrl+shift+f", NULL);
        state = weft_app_wait (app, parser, 60, metrics_current, GSIZE_TO_POINTER (generation),
                               "the figures without gpu-0-0");
        metrics = metrics_of (state);
        after = json_object_get_string_member (metrics, "bisection");
        delta = json_object_get_string_member (metrics, "bisection_delta");
        g_test_message ("bisection %s → %s (%s)", before, after, delta);
        g_assert_cmpstr (delta, ==, "−400 Gb/s");
        g_assert_cmpstr (after, !=, before);
        /* 102,400 Gb/s before, 102,000 after: three figures wrote both "102 Tb/s". And of
         * full, 511 GPUs × 400 / 2 = 102,200 Gb/s: 99.8%, which whole wrote "100%". */
        g_assert_nonnull (strstr (before, "102 Tb/s\n100% of full"));
        g_assert_nonnull (strstr (after, "102.0 Tb/s\n99.8% of full"));
        assert_visible_delta (json_object_get_string_member (metrics, "latency_delta"));
        assert_visible_delta (json_object_get_string_member (metrics, "hops_delta"));
      }
    }
  g_rmdir (dir);
}

/* The app's icon, and its symbolic one for the Compare page, are found
 * when the window runs from the build directory, uninstalled: from its
 * resources, not from a theme on disk. */
static void
test_app_icon (void)
{
  const char *installed[] = {
    "/usr/share/icons/hicolor/scalable/apps/io.github.weft.Weft.svg",
    "/usr/local/share/icons/hicolor/scalable/apps/io.github.weft.Weft.svg",
    NULL,
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WeftApp) app = NULL;

  for (guint i = 0; installed[i] != NULL; i++)
    if (g_file_test (installed[i], G_FILE_TEST_EXISTS))
      {
        g_test_skip ("Weft's icon is installed: the test would not show where it came from");
        return;
      }
  app = weft_app_start (NULL);
  g_assert_true (
      json_object_get_boolean_member (chrome_of (weft_app_state (app, parser)), "app_icon_found"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-words/app-icon", test_app_icon);
  g_test_add_func ("/window-words/compare-first-visit", test_compare_first_visit);
  g_test_add_func ("/window-words/compare-fits", test_compare_fits);
  g_test_add_func ("/window-words/compare-empty-chart", test_compare_empty_chart);
  g_test_add_func ("/window-words/numbers", test_numbers);

  return g_test_run ();
}
