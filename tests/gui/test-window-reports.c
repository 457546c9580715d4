/* test-window-reports.c — what weft-cli gives for a report, the window gives too: the bill of
 * materials and the metrics as CSV, the report PDF, the comparison table; and its failures. */
#include <glib/gstdio.h>
#include <string.h>

#include "weft-gui-test.h"

/* Runs @argv (NULL-terminated) and returns its standard output; FALSE in
 * *@ok (when given) instead of failing the test if it exits non-zero. */
static char *
run (const char *const *argv,
     gboolean          *ok)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (ok != NULL)
    *ok = g_spawn_check_wait_status (status, NULL);
  else if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed", argv[0], argv[1]);
  return out;
}

/* What weft-cli prints when run with the NULL-terminated arguments. */
static char *
cli (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WEFT_CLI"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return run ((const char *const *) argv->pdata, NULL);
}

/* Whether a visible window titled exactly @title is there now. */
static gboolean
window_shown (const char *title)
{
  g_autofree char *pattern = g_strdup_printf ("^%s$", title);
  const char *argv[] = { "xdotool", "search", "--onlyvisible", "--name", pattern, NULL };
  g_autofree char *out = NULL;
  gboolean ok;

  out = run (argv, &ok);
  return ok;
}

/* Waits for the window titled @title and gives it the keyboard. */
static void
focus_window (const char *title)
{
  g_autofree char *pattern = g_strdup_printf ("^%s$", title);

  weft_xdotool ("search", "--sync", "--onlyvisible", "--name", pattern, "windowfocus", "--sync",
                NULL);
}

/* Closes the window titled @title with its header bar's close button, top
 * right: without a window manager, a key after a file chooser has closed
 * over it does not reach its bindings. */
static void
close_window (const char *title)
{
  g_autofree char *pattern = g_strdup_printf ("^%s$", title);
  const char *search[] = { "xdotool", "search", "--onlyvisible", "--name", pattern, NULL };
  g_autofree char *ids = run (search, NULL);
  g_autofree char *id = g_strndup (ids, strcspn (ids, "\n"));
  const char *geometry[] = { "xdotool", "getwindowgeometry", "--shell", id, NULL };
  g_autofree char *shell = run (geometry, NULL);
  const char *width = strstr (shell, "WIDTH=");
  g_autofree char *x = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (width);
  x = g_strdup_printf ("%d", (int) g_ascii_strtoll (width + strlen ("WIDTH="), NULL, 10) - 30);
  weft_xdotool ("mousemove", "--window", id, x, "28", NULL);
  weft_xdotool ("click", "1", NULL);
  while (window_shown (title))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
}

/* Presses @keys in the window titled @owner (NULL: the main window) until
 * a file chooser titled @title opens (a button stays insensitive until its
 * figures are in), then saves to @path through it. */
static void
save_with (WeftApp    *app,
           const char *owner,
           const char *keys,
           const char *title,
           const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_test_message ("%s in %s, to %s", keys, owner ? owner : "the window", path);
  for (gboolean shown = FALSE; !shown;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      /* No window manager: focus goes back to no window when a dialog closes. */
      if (owner != NULL)
        focus_window (owner);
      else
        weft_app_focus (app);
      weft_xdotool ("key", "--clearmodifiers", keys, NULL);
      /* Long enough for the chooser to open, so that no key meant for the
       * button reaches the chooser (Alt+E is its own Export). */
      for (guint i = 0; i < 20 && !(shown = window_shown (title)); i++)
        g_usleep (100 * 1000);
    }
  focus_window (title);
  weft_xdotool ("key", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "20", path, NULL);
  weft_xdotool ("key", "Return", NULL);
  /* Until it has gone, it holds the input of the window under it. */
  while (window_shown (title))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
}

/* The contents of @path once it is there: every export is renamed into place whole. */
static char *
wait_for_file (const char *path,
               gsize      *length)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  char *contents = NULL;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv, NULL);
  const char *pages = strstr (out, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run (argv, NULL);
}

/* A fabric of the window test, made by weft-cli generate. */
typedef struct
{
  const char *name;
  const char *args[8];   /* after "generate", NULL-terminated */
} Fabric;

static const Fabric fabrics[] = {
  { "leaf-spine-64", { "leaf-spine", "--gpus", "64", NULL } },
  { "leaf-spine-32768", { "leaf-spine", "--gpus", "32768", "--tiers", "3", NULL } },
  { "rail-optimized-128", { "rail-optimized", "--gpus", "128", NULL } },
  { "rail-optimized-8192", { "rail-optimized", "--gpus", "8192", "--tiers", "3", NULL } },
  { "dragonfly-p2-a4-h2", { "dragonfly", "--p", "2", "--a", "4", "--h", "2", NULL } },
  { "dragonfly-16384", { "dragonfly", "--gpus", "16384", NULL } },
  { "torus-64", { "torus", "--dims", "4x4x4", NULL } },
  { "torus-4096", { "torus", "--dims", "16x16x16", NULL } },
};

static char *
generate (const Fabric *fabric,
          const char   *dir)
{
  g_autofree char *name = g_strdup_printf ("%s.weft.json", fabric->name);

  /* The architecture first, then its options. */
  return weft_cli_generate (dir, name, fabric->args[0], fabric->args + 1);
}

/* Removes a test's folder of files once it has passed (a failure leaves it to look at). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The CSV lines of weft-cli metrics --csv up to power_per_gpu: the figures
 * the report computes (the rest, resilience and reliability, it does not). */
static char *
cli_report_figures (const char *path)
{
  g_autofree char *csv = cli ("metrics", path, "--csv", NULL);
  const char *end = strstr (csv, "\npower_per_gpu,");

  g_assert_nonnull (end);
  end = strchr (end + 1, '\n');
  return g_strndup (csv, end + 1 - csv);
}

/* Ctrl+B shows the Bill of Materials; Export CSV… writes what weft-cli
 * metrics --bom-csv prints, and on the Metrics page (Alt+M) what metrics
 * --csv prints for the same figures; Export Report… writes the PDF weft-cli
 * export --report writes, byte for byte. */
static void
test_fabric_reports (gconstpointer data)
{
  const Fabric *fabric = data;
  g_autofree char *dir = g_dir_make_tmp ("weft-reports-XXXXXX", NULL);
  g_autofree char *path = generate (fabric, dir);
  g_autofree char *bom_path = g_build_filename (dir, "bom.csv", NULL);
  g_autofree char *metrics_path = g_build_filename (dir, "metrics.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *cli_pdf_path = g_build_filename (dir, "cli.pdf", NULL);
  g_autofree char *bom = NULL, *metrics = NULL, *pdf = NULL, *cli_pdf = NULL;
  g_autofree char *cli_bom = NULL, *cli_figures = NULL, *text = NULL, *first_row = NULL;
  g_autofree char *cli_out = NULL;
  g_autoptr(WeftApp) app = weft_app_start (path);
  gsize pdf_length, cli_pdf_length;

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+b", NULL);
  save_with (app, "Bill of Materials", "alt+e", "Export CSV", bom_path);
  bom = wait_for_file (bom_path, NULL);
  cli_bom = cli ("metrics", path, "--bom-csv", NULL);
  g_assert_cmpstr (bom, ==, cli_bom);
  g_assert_true (g_str_has_prefix (bom, "part,role,quantity,unit_price_usd,extended_usd,"));

  focus_window ("Bill of Materials");
  weft_xdotool ("key", "--clearmodifiers", "alt+m", NULL);
  save_with (app, "Bill of Materials", "alt+e", "Export CSV", metrics_path);
  metrics = wait_for_file (metrics_path, NULL);
  cli_figures = cli_report_figures (path);
  g_assert_cmpstr (metrics, ==, cli_figures);
  g_assert_nonnull (strstr (metrics, "\nbisection,"));
  g_assert_nonnull (strstr (metrics, "\nlatency_max,"));
  /* The bill adds up to the cost the metrics give, to the cent of each row. */
  {
    g_auto(GStrv) rows = g_strsplit (bom, "\n", -1);
    const char *cost = strstr (metrics, "\ncost_total,");
    double sum = 0;
    guint n = 0;

    for (guint r = 1; rows[r] != NULL && rows[r][0] != '\0'; r++, n++)
      {
        g_auto(GStrv) cells = g_strsplit (rows[r], ",", -1);
        guint n_cells = g_strv_length (cells);

        sum += g_ascii_strtod (cells[n_cells - 2], NULL);
      }
    g_assert_cmpuint (n, >=, 3);
    g_assert_nonnull (cost);
    g_assert_cmpfloat_with_epsilon (sum, g_ascii_strtod (cost + strlen ("\ncost_total,"), NULL),
                                    0.01 * n);
  }

  /* The report goes through the Export dialog. */
  close_window ("Bill of Materials");
  save_with (app, NULL, "ctrl+shift+e", "Export", pdf_path);
  pdf = wait_for_file (pdf_path, &pdf_length);
  cli_out = cli ("export", path, "-o", cli_pdf_path, "--report", NULL);
  g_assert_true (g_file_get_contents (cli_pdf_path, &cli_pdf, &cli_pdf_length, NULL));
  g_assert_cmpuint (pdf_pages (pdf_path), ==, pdf_pages (cli_pdf_path));
  g_assert_cmpuint (pdf_pages (pdf_path), >=, 3);
  g_assert_cmpmem (pdf, pdf_length, cli_pdf, cli_pdf_length);
  /* The bill's most expensive part is on its page. */
  text = pdf_text (pdf_path);
  first_row = g_strndup (strchr (bom, '\n') + 1, strcspn (strchr (bom, '\n') + 1, ","));
  g_assert_nonnull (strstr (text, "Bill of materials"));
  g_assert_nonnull (strstr (text, first_row));
  g_assert_true (weft_app_is_running (app));
  remove_dir (dir);
}

static gboolean
compared (JsonObject *state,
          gpointer    data)
{
  const char *table = json_object_get_string_member (state, "compare_table");

  return table != NULL && strstr (table, data) != NULL;
}

static gboolean
error_shown (JsonObject *state,
             gpointer    data)
{
  JsonNode *dialog = json_object_get_member (state, "error_dialog");

  return !JSON_NODE_HOLDS_NULL (dialog) &&
         g_strcmp0 (json_object_get_string_member (json_node_get_object (dialog), "heading"),
                    data) == 0;
}

static const char *
error_body (JsonObject *state)
{
  return json_object_get_string_member (json_object_get_object_member (state, "error_dialog"),
                                        "body");
}

/* Export Table… writes the comparison on show: the CSV weft-cli compare
 * --csv prints (with the fabric's own column first) and the table drawn as
 * SVG; a folder nothing can be written to gets a dialog naming the file. */
static void
test_compare_table (void)
{
  g_autoptr(WeftApp) app = weft_app_start (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv_path = weft_app_path (app, "compare.csv");
  g_autofree char *svg_path = weft_app_path (app, "compare.svg");
  g_autofree char *csv = NULL, *svg = NULL, *cli_csv = NULL, *archs = NULL;
  g_auto(GStrv) lines = NULL, cli_lines = NULL, heading = NULL, titles = NULL;
  const char *bad_path = "/sys/weft-reports-table.csv";
  JsonObject *state;

  /* The page compares the fabric's size on its first visit, so the table
   * exported is the one asked for below, at 256 GPUs. */
  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+3", NULL);
  g_usleep (500 * 1000);

  weft_xdotool ("key", "--clearmodifiers", "alt+g", NULL);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+a", NULL);
  weft_xdotool ("type", "--delay", "30", "256", NULL);
  weft_xdotool ("key", "Tab", NULL);
  weft_xdotool ("key", "--clearmodifiers", "alt+c", NULL);
  state = weft_app_wait (app, parser, 120, compared, (gpointer) "GPUs\t1,024\t256", "the table");
  save_with (app, NULL, "alt+e", "Export Table", csv_path);
  csv = wait_for_file (csv_path, NULL);

  /* The fabric's own column, then the architectures as weft-cli compares them. */
  lines = g_strsplit (csv, "\n", -1);
  heading = g_strsplit (lines[0], ",", -1);
  g_assert_cmpstr (heading[0], ==, "figure");
  g_assert_cmpstr (heading[1], ==, "This fabric");
  g_assert_cmpuint (g_strv_length (heading), >=, 7);
  archs = g_strjoinv (",", heading + 2);
  cli_csv = cli ("compare", "--gpus", "256", "--archs", archs, "--csv", NULL);
  cli_lines = g_strsplit (cli_csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (cli_lines));
  for (guint i = 0; cli_lines[i] != NULL && cli_lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) mine = g_strsplit (lines[i], ",", 3);
      g_auto(GStrv) theirs = g_strsplit (cli_lines[i], ",", 2);

      g_assert_cmpstr (mine[0], ==, theirs[0]);
      g_assert_cmpstr (mine[2], ==, theirs[1]);
      if (g_str_equal (mine[0], "gpus"))
        g_assert_cmpstr (mine[1], ==, "1024");
    }

  /* The drawn table has every heading the page shows. */
  save_with (app, NULL, "alt+e", "Export Table", svg_path);
  svg = wait_for_file (svg_path, NULL);
  g_assert_true (g_str_has_prefix (svg, "<?xml") || g_str_has_prefix (svg, "<svg"));
  titles = g_strsplit (json_object_get_string_member (state, "compare_table"), "\n", 2);
  {
    g_auto(GStrv) cells = g_strsplit (titles[0], "\t", -1);

    for (guint c = 1; cells[c] != NULL; c++)
      g_assert_nonnull (strstr (svg, cells[c]));
  }

  save_with (app, NULL, "alt+e", "Export Table", bad_path);
  state = weft_app_wait (app, parser, 20, error_shown, (gpointer) "Could Not Export the Table",
                         "the error dialog");
  g_assert_nonnull (strstr (error_body (state), bad_path));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_true (weft_app_is_running (app));
}

/* A folder where nothing can be written, from the Bill of Materials: a
 * dialog names the file and the reason, the window and its fabric are as
 * they were, and the next export works. A report to a PNG name is refused
 * by name. */
static void
test_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-reports-XXXXXX", NULL);
  g_autofree char *path = generate (&fabrics[0], dir);
  g_autoptr(WeftApp) app = weft_app_start (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *good_path = g_build_filename (dir, "bom.csv", NULL);
  g_autofree char *png_path = g_build_filename (dir, "report.png", NULL);
  g_autofree char *bom = NULL, *cli_bom = NULL, *expected = NULL;
  const char *bad_path = "/proc/weft-reports-bom.csv";
  JsonObject *state = weft_app_state (app, parser);
  gint64 generation =
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation");

  weft_app_focus (app);
  weft_xdotool ("key", "--clearmodifiers", "ctrl+b", NULL);
  focus_window ("Bill of Materials");
  save_with (app, "Bill of Materials", "alt+e", "Export CSV", bad_path);
  state = weft_app_wait (app, parser, 20, error_shown, (gpointer) "Could Not Export the Table",
                         "the error dialog");
  expected = g_strdup_printf ("cannot write %s: No such file or directory", bad_path);
  g_assert_cmpstr (error_body (state), ==, expected);
  g_assert_false (json_object_get_boolean_member (state, "modified"));
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (state, "fabric"), "generation"),
      ==, generation);

  /* Close the dialog; the Bill of Materials is still there and exports. */
  weft_xdotool ("key", "Escape", NULL);
  save_with (app, "Bill of Materials", "alt+e", "Export CSV", good_path);
  bom = wait_for_file (good_path, NULL);
  cli_bom = cli ("metrics", path, "--bom-csv", NULL);
  g_assert_cmpstr (bom, ==, cli_bom);

  close_window ("Bill of Materials");
  save_with (app, NULL, "ctrl+shift+e", "Export", png_path);
  state = weft_app_wait (app, parser, 20, error_shown, (gpointer) "Could Not Export the Report",
                         "the report's error dialog");
  g_assert_cmpstr (error_body (state), ==,
                   "report.png: report pages go in a PDF; choose a name ending in .pdf");
  g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
  g_assert_true (weft_app_is_running (app));
  remove_dir (dir);
}

/* The folder a report goes to is removed while its figures are computed
 * (a 4,096-GPU torus takes about a second): the dialog names the file and
 * why, nothing is left behind, and the fabric is as it was. */
static void
test_report_folder_gone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-reports-XXXXXX", NULL);
  const Fabric *torus = &fabrics[G_N_ELEMENTS (fabrics) - 1];
  g_autofree char *path = generate (torus, dir);
  g_autofree char *folder = g_build_filename (dir, "gone", NULL);
  g_autofree char *pdf_path = g_build_filename (folder, "report.pdf", NULL);
  g_autofree char *expected = g_strdup_printf ("cannot write %s: No such file or directory",
                                               pdf_path);
  g_autoptr(WeftApp) app = weft_app_start (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *state;

  g_assert_cmpstr (torus->name, ==, "torus-4096");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  save_with (app, NULL, "ctrl+shift+e", "Export", pdf_path);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  state = weft_app_wait (app, parser, 60, error_shown, (gpointer) "Could Not Export the Report",
                         "the report's error dialog");
  g_assert_cmpstr (error_body (state), ==, expected);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_false (json_object_get_boolean_member (state, "modified"));
  g_assert_true (weft_app_is_running (app));
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fabrics); i++)
    {
      g_autofree char *name = g_strdup_printf ("/window-reports/fabric/%s", fabrics[i].name);

      g_test_add_data_func (name, &fabrics[i], test_fabric_reports);
    }
  g_test_add_func ("/window-reports/compare-table", test_compare_table);
  g_test_add_func ("/window-reports/errors", test_errors);
  g_test_add_func ("/window-reports/report-folder-gone", test_report_folder_gone);
  return g_test_run ();
}
