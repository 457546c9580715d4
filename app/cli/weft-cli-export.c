/* weft-cli-export.c — weft-cli export: the fabric drawn (PNG, SVG, PDF) or its cables (CSV). */
#include "cli/weft-cli.h"

#include "collectives/weft-collective.h"
#include "io/weft-cable-plan.h"
#include "render/weft-export.h"
#include "render/weft-report.h"
#include "metrics/weft-metrics.h"

/* The command line of export, as given. */
typedef struct
{
  const char *input;          /* in argv */
  char       *output;
  char       *catalog_path;
  char       *view;
  char       *theme;
  char       *color;
  int         width;
  int         height;
  double      scale;
  gboolean    no_title;
  gboolean    report;
  gboolean    no_metrics;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->output);
  g_free (args->catalog_path);
  g_free (args->view);
  g_free (args->theme);
  g_free (args->color);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

static int
parse_options (ExportArgs *args,
               int         argc,
               char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      "Write here: OUT.png, OUT.svg or OUT.pdf, or OUT.csv for the cable schedule", "OUT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &args->view, "logical (default) or physical", "VIEW" },
    { "width", 0, 0, G_OPTION_ARG_INT, &args->width,
      "Width in pixels (PNG) or points (SVG, PDF); default 1600", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &args->height, "Height; default 1000", "PX" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &args->scale,
      "PNG pixels per unit, 2 for HiDPI; default 1", "S" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &args->theme, "light (default) or dark", "THEME" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &args->color,
      "medium (default), tier, length or load (under an all-reduce of 1 GiB)", "WHAT" },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &args->no_title, "Leave out the title block", NULL },
    { "no-metrics", 0, 0, G_OPTION_ARG_NONE, &args->no_metrics,
      "Title block without hops, latency and bisection (quicker on very large fabrics)", NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, &args->report,
      "PDF: add pages with the metrics and the bill of materials", NULL },
    weft_cli_catalog_option (&args->catalog_path),
    { NULL }
  };

  context = g_option_context_new ("FILE -o OUT.png|OUT.svg|OUT.pdf|OUT.csv — draw the fabric for "
                                  "a report, or list its cables for the installer (FILE - reads "
                                  "stdin)");
  g_option_context_add_main_entries (context, entries, NULL);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2 || args->output == NULL)
    return weft_cli_fail (WEFT_EXIT_USAGE,
                          "export takes one fabric file and -o OUT.png|OUT.svg|OUT.pdf|OUT.csv");
  args->input = argv[1];
  return WEFT_EXIT_OK;
}

/* The format from -o's extension, and the view, theme, colours and size to draw in. */
static int
choose_drawing (const ExportArgs  *args,
                WeftExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  const char *view = args->view, *theme = args->theme, *color = args->color;
  WeftExportFormat format;

  if (!weft_export_format_for_path (args->output, &format, &error))
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s", error->message);
  if (view != NULL && !g_str_equal (view, "logical") && !g_str_equal (view, "physical"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--view %s: use logical or physical", view);
  if (theme != NULL && !g_str_equal (theme, "light") && !g_str_equal (theme, "dark"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--theme %s: use light or dark", theme);
  if (color != NULL && !g_str_equal (color, "medium") && !g_str_equal (color, "tier") &&
      !g_str_equal (color, "length") && !g_str_equal (color, "load"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--color-by %s: use medium, tier, length or load",
                          color);
  if (args->report && format != WEFT_EXPORT_PDF)
    return weft_cli_fail (WEFT_EXIT_USAGE, "--report adds pages to a PDF; use -o OUT.pdf");

  weft_export_options_init (options);
  options->view = view && g_str_equal (view, "physical") ? WEFT_VIEW_PHYSICAL : WEFT_VIEW_LOGICAL;
  options->theme = theme && g_str_equal (theme, "dark") ? WEFT_THEME_DARK : WEFT_THEME_LIGHT;
  options->color_by = color == NULL || g_str_equal (color, "medium") ? WEFT_COLOR_BY_MEDIUM
                    : g_str_equal (color, "tier") ? WEFT_COLOR_BY_TIER
                    : g_str_equal (color, "length") ? WEFT_COLOR_BY_LENGTH : WEFT_COLOR_BY_LOAD;
  if (args->width != 0)
    options->width = args->width;
  if (args->height != 0)
    options->height = args->height;
  if (args->scale != 0)
    options->scale = args->scale;
  return WEFT_EXIT_OK;
}

/* Only the title block and the report pages need metrics; *metrics stays NULL when neither
 * is drawn. */
static gboolean
compute_metrics (WeftFabric        *fabric,
                 const ExportArgs  *args,
                 WeftMetrics      **metrics,
                 GError           **error)
{
  WeftMetricsFlags wanted = (args->no_metrics ? 0 : WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION) |
                            (args->report ? WEFT_METRICS_BILL : 0);

  if (args->no_title && !args->report)
    return TRUE;
  *metrics = weft_metrics_compute (fabric, wanted, NULL, NULL, NULL, error);
  return *metrics != NULL;
}

/* The window's load colouring: each link's busier direction under an
 * all-reduce of 1 GiB over every GPU, with the fastest algorithm, as a
 * share of the busiest link's. */
static gboolean
compute_loads (WeftFabric   *fabric,
               float       **values,
               char        **caption,
               GError      **error)
{
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;
  g_autofree float *shares = NULL;
  const double *load;
  guint n_links = weft_fabric_get_n_links (fabric);

  plan = weft_collective_plan_new (fabric, WEFT_OP_ALL_REDUCE, NULL, 0, NULL, NULL, error);
  if (plan == NULL)
    return FALSE;
  result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, 0x1p30, 0, error);
  if (result == NULL)
    return FALSE;
  load = weft_collective_plan_loads (plan, result->algorithm);
  shares = g_new0 (float, MAX (n_links, 1));
  for (guint l = 0; l < n_links; l++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, l);

      /* Seconds per byte of size: the scale drops out against the busiest. */
      shares[l] = MAX (load[2 * l], load[2 * l + 1]) / ((double) link->count * link->speed_gbps);
    }
  *values = weft_render_load_values (shares, n_links);
  *caption = weft_render_load_caption (WEFT_OP_ALL_REDUCE, 0x1p30, result->algorithm);
  return TRUE;
}

static int
write_drawing (WeftFabric              *fabric,
               const WeftExportOptions *options,
               const char              *output)
{
  g_autoptr(GError) error = NULL;

  if (weft_export_file (fabric, options, output, &error))
    return WEFT_EXIT_OK;
  /* A size out of range is the user's choice of --width, --height or --scale. */
  return weft_cli_fail (g_error_matches (error, WEFT_EXPORT_ERROR, WEFT_EXPORT_ERROR_SIZE)
                        ? WEFT_EXIT_USAGE : WEFT_EXIT_INPUT, "%s", error->message);
}

/* One row per physical cable; the drawing options do not apply. */
static int
write_schedule (const ExportArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (args->view || args->theme || args->color || args->width || args->height || args->scale ||
      args->report || args->no_title || args->no_metrics)
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s: a cable schedule takes none of the drawing "
                          "options", args->output);
  fabric = weft_cli_load (args->input, args->catalog_path, &error);
  if (fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  bytes = weft_fabric_to_cable_schedule (fabric);
  if (!weft_cli_write (args->output, bytes, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return WEFT_EXIT_OK;
}

int
weft_cli_export (int    argc,
                 char **argv)
{
  g_auto(ExportArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree float *loads = NULL;
  g_autofree char *loads_caption = NULL;
  WeftExportOptions options;
  WeftTitleBlock title = { 0 };
  int status;

  status = parse_options (&args, argc, argv);
  if (status == WEFT_EXIT_OK && g_str_has_suffix (args.output, ".csv"))
    return write_schedule (&args);
  if (status == WEFT_EXIT_OK)
    status = choose_drawing (&args, &options);
  if (status != WEFT_EXIT_OK)
    return status;

  fabric = weft_cli_load (args.input, args.catalog_path, &error);
  if (fabric == NULL || !compute_metrics (fabric, &args, &metrics, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (options.color_by == WEFT_COLOR_BY_LOAD)
    {
      if (!compute_loads (fabric, &loads, &loads_caption, &error))
        return weft_cli_fail (WEFT_EXIT_INPUT, "--color-by load: %s", error->message);
      options.link_values = loads;
      options.n_link_values = loads ? weft_fabric_get_n_links (fabric) : 0;
      options.link_values_caption = loads_caption;
    }
  if (!args.no_title)
    {
      weft_report_fill_title (&title, fabric, metrics, !args.no_metrics);
      options.title = &title;
    }
  if (args.report)
    options.report = tables = weft_report_tables_for_fabric (fabric, metrics);
  return write_drawing (fabric, &options, args.output);
}
