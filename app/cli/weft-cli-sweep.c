/* weft-cli-sweep.c — weft-cli sweep: how each architecture's figures grow with the cluster, as
 * charts or CSV. */
#include "cli/weft-cli.h"

#include <math.h>
#include <string.h>

#include "render/weft-chart.h"
#include "compare/weft-compare.h"

/* Without --gpus and --metrics: from a small cluster to a very large one, on four panels. */
#define DEFAULT_SIZES "1024:131072"
#define DEFAULT_FIGURES "cost_per_gpu,power_per_gpu,bisection_ratio,max_hops"

/* "1024:131072": every power of two from the first to the last. */
static gboolean
parse_sizes (const char *range,
             GArray     *sizes)
{
  g_auto(GStrv) ends = g_strsplit (range, ":", 2);
  guint64 lo, hi;

  if (g_strv_length (ends) != 2 ||
      !g_ascii_string_to_unsigned (ends[0], 10, 2, G_MAXINT32, &lo, NULL) ||
      !g_ascii_string_to_unsigned (ends[1], 10, lo, G_MAXINT32, &hi, NULL))
    return FALSE;
  for (guint64 n = lo; n <= hi; n *= 2)
    {
      guint size = (guint) n;

      g_array_append_val (sizes, size);
    }
  return TRUE;
}

static char *
sweep_csv (GPtrArray  *columns,
           char      **figures)
{
  GString *out = g_string_new ("arch,gpus_requested,gpus");

  for (guint f = 0; figures[f] != NULL; f++)
    g_string_append_printf (out, ",%s", figures[f]);
  g_string_append_c (out, '\n');
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      g_string_append_printf (out, "%s,%u,", weft_arch_to_string (column->arch),
                              column->requested_gpus);
      if (column->metrics != NULL)
        g_string_append_printf (out, "%u", column->metrics->gpus);
      /* A size the hardware cannot build, or a figure not computed there: empty cells. */
      for (guint f = 0; figures[f] != NULL; f++)
        weft_compare_append_csv_cell (out, weft_compare_value (column, figures[f]));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The command line of sweep: the options as given, then the sizes, architectures and
 * figures they name. */
typedef struct
{
  char            *arch_list;
  char            *range;
  char            *metric_list;
  char            *output;
  char            *catalog_path;
  WeftCliHardware  hardware;
  GArray          *archs;     /* WeftArch */
  GArray          *sizes;     /* guint GPU counts */
  GStrv            figures;
} SweepArgs;

static void
sweep_args_clear (SweepArgs *args)
{
  g_free (args->arch_list);
  g_free (args->range);
  g_free (args->metric_list);
  g_free (args->output);
  g_free (args->catalog_path);
  weft_cli_hardware_clear (&args->hardware);
  g_clear_pointer (&args->archs, g_array_unref);
  g_clear_pointer (&args->sizes, g_array_unref);
  g_strfreev (args->figures);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SweepArgs, sweep_args_clear)

static int
parse_options (SweepArgs *args,
               int        argc,
               char     **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int status;
  GOptionEntry entries[] = {
    weft_cli_archs_option (&args->arch_list,
                           "Comma-separated (default " WEFT_CLI_SWEEP_ARCHS ")"),
    { "gpus", 0, 0, G_OPTION_ARG_STRING, &args->range,
      "Every power of two from LO to HI (default " DEFAULT_SIZES ")", "LO:HI" },
    { "metrics", 0, 0, G_OPTION_ARG_STRING, &args->metric_list,
      "Panels (default " DEFAULT_FIGURES ")", "LIST" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      "chart.svg, .png or .pdf, or table .csv", "OUT" },
    weft_cli_catalog_option (&args->catalog_path),
    { NULL }
  };

  context = g_option_context_new ("-o chart.svg|png|pdf|csv — "
                                  "each architecture from LO to HI GPUs");
  g_option_context_add_main_entries (context, entries, NULL);
  weft_cli_add_hardware (context, &args->hardware);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 1 || args->output == NULL)
    return weft_cli_fail (WEFT_EXIT_USAGE, "sweep takes -o OUT and no file");
  return WEFT_EXIT_OK;
}

/* The sizes, architectures and figures the options name, and a kind of file for -o. */
static int
read_choices (SweepArgs *args)
{
  g_autoptr(GError) error = NULL;
  const char *output = args->output;

  args->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!parse_sizes (args->range ? args->range : DEFAULT_SIZES, args->sizes))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--gpus %s: write LO:HI, for example " DEFAULT_SIZES,
                          args->range);
  args->archs = g_array_new (FALSE, FALSE, sizeof (WeftArch));
  if (!weft_cli_parse_archs (args->arch_list, WEFT_CLI_SWEEP_ARCHS, args->archs, &error))
    return weft_cli_fail (WEFT_EXIT_USAGE, "%s", error->message);
  args->figures = g_strsplit (args->metric_list ? args->metric_list : DEFAULT_FIGURES, ",", -1);
  for (guint f = 0; args->figures[f] != NULL; f++)
    {
      const char *title, *unit;

      if (!weft_compare_figure (g_strstrip (args->figures[f]), &title, &unit))
        return weft_cli_fail (WEFT_EXIT_USAGE, "--metrics: no figure named '%s'", args->figures[f]);
    }
  if (!g_str_has_suffix (output, ".csv") && !g_str_has_suffix (output, ".svg") &&
      !g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".pdf"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s: use a .svg, .png, .pdf or .csv file name",
                          output);
  return WEFT_EXIT_OK;
}

/* A column for each architecture at each size. */
static GPtrArray *
run_sweep (const SweepArgs  *args,
           GError          **error)
{
  g_autoptr(GPtrArray) settings = weft_cli_hardware_settings (&args->hardware);
  g_autoptr(WeftCatalog) catalog = weft_cli_catalog (args->catalog_path, error);

  if (catalog == NULL)
    return NULL;
  return weft_compare_sweep (catalog, (const WeftArch *) args->archs->data, args->archs->len,
                             (const guint *) args->sizes->data, args->sizes->len,
                             (const char * const *) settings->pdata, NULL,
                             weft_cli_progress_for_stderr (), NULL, error);
}

/* Why a size could not be built, on stderr, so the CSV or chart stays data only; and,
 * when the all-to-all is charted, the sizes it was left out at. */
static void
print_notes (GPtrArray  *columns,
             char      **figures)
{
  g_autofree char *left_out = weft_compare_left_out (columns);

  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      if (column->note != NULL)
        g_printerr ("%s at %u GPUs: %s\n", weft_arch_get_title (column->arch),
                    column->requested_gpus, column->note);
    }
  for (guint f = 0; left_out != NULL && figures[f] != NULL; f++)
    if (g_str_has_prefix (figures[f], "alltoall_busbw"))
      {
        g_printerr ("%s\n", left_out);
        break;
      }
}

/* The table as CSV, or the charts as SVG, PNG or PDF, by -o's extension. */
static gboolean
write_output (const SweepArgs  *args,
              GPtrArray        *columns,
              GError          **error)
{
  WeftChart *chart;
  gboolean saved;

  if (g_str_has_suffix (args->output, ".csv"))
    {
      g_autofree char *csv = sweep_csv (columns, args->figures);
      g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));

      return weft_cli_write (args->output, bytes, error);
    }
  chart = weft_chart_new_from_sweep (columns, args->sizes->len,
                                     (const char * const *) args->figures);
  saved = weft_chart_save (chart, args->output, 1600, 1000, error);
  weft_chart_free (chart);
  return saved;
}

int
weft_cli_sweep (int    argc,
                char **argv)
{
  g_auto(SweepArgs) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  int status;

  status = parse_options (&args, argc, argv);
  if (status == WEFT_EXIT_OK)
    status = read_choices (&args);
  if (status != WEFT_EXIT_OK)
    return status;

  columns = run_sweep (&args, &error);
  if (columns == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  print_notes (columns, args.figures);
  if (!write_output (&args, columns, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return WEFT_EXIT_OK;
}
