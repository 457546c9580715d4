/* weft-cli-sweep.c — weft-cli sweep: how each architecture's figures grow with the cluster, as charts or CSV. */
#include "cli/weft-cli.h"

#include <string.h>

#include "render/weft-chart.h"
#include "compare/weft-compare.h"

/* "1024:131072": every power of two from the first to the last. */
static gboolean
parse_sizes (const char *range,
             GArray     *sizes)
{
  g_auto(GStrv) ends = g_strsplit (range, ":", 2);
  guint64 lo, hi;

  if (g_strv_length (ends) != 2 || !g_ascii_string_to_unsigned (ends[0], 10, 2, G_MAXINT32, &lo, NULL) ||
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

      g_string_append_printf (out, "%s,%u,", weft_arch_to_string (column->arch), column->requested_gpus);
      if (column->metrics != NULL)
        g_string_append_printf (out, "%u", column->metrics->gpus);
      /* A size the hardware cannot build: empty cells. */
      for (guint f = 0; figures[f] != NULL; f++)
        if (column->metrics != NULL)
          g_string_append_printf (out, ",%.10g", weft_compare_value (column->metrics, figures[f]));
        else
          g_string_append_c (out, ',');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

int
weft_cli_sweep (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_auto(WeftCliHardware) hardware = { { NULL } };
  g_autoptr(GArray) archs = g_array_new (FALSE, FALSE, sizeof (WeftArch));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *arch_list = NULL, *range = NULL, *metric_list = NULL, *output = NULL, *catalog_path = NULL;
  g_auto(GStrv) figures = NULL;
  int status;
  GOptionEntry entries[] = {
    weft_cli_archs_option (&arch_list),
    { "gpus", 0, 0, G_OPTION_ARG_STRING, &range, "Every power of two from LO to HI (default 1024:131072)", "LO:HI" },
    { "metrics", 0, 0, G_OPTION_ARG_STRING, &metric_list,
      "Panels (default cost_per_gpu,power_per_gpu,bisection_ratio,max_hops)", "LIST" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "chart.svg, .png or .pdf, or table .csv", "OUT" },
    weft_cli_catalog_option (&catalog_path),
    { NULL }
  };

  context = g_option_context_new ("-o chart.svg|png|pdf|csv — each architecture from LO to HI GPUs");
  g_option_context_add_main_entries (context, entries, NULL);
  weft_cli_add_hardware (context, &hardware);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 1 || output == NULL)
    return weft_cli_fail (WEFT_EXIT_USAGE, "sweep takes -o OUT and no file");
  if (!parse_sizes (range ? range : "1024:131072", sizes))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--gpus %s: write LO:HI, for example 1024:131072", range);
  if (!weft_cli_parse_archs (arch_list, archs, &error))
    return weft_cli_fail (WEFT_EXIT_USAGE, "%s", error->message);
  figures = g_strsplit (metric_list ? metric_list : "cost_per_gpu,power_per_gpu,bisection_ratio,max_hops", ",", -1);
  for (guint f = 0; figures[f] != NULL; f++)
    {
      const char *title, *unit;

      if (!weft_compare_figure (g_strstrip (figures[f]), &title, &unit))
        return weft_cli_fail (WEFT_EXIT_USAGE, "--metrics: no figure named '%s'", figures[f]);
    }
  if (!g_str_has_suffix (output, ".csv") && !g_str_has_suffix (output, ".svg") &&
      !g_str_has_suffix (output, ".png") && !g_str_has_suffix (output, ".pdf"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s: use a .svg, .png, .pdf or .csv file name", output);
  settings = weft_cli_hardware_settings (&hardware);

  catalog = weft_cli_catalog (catalog_path, &error);
  if (catalog == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  columns = weft_compare_sweep (catalog, (const WeftArch *) archs->data, archs->len,
                                (const guint *) sizes->data, sizes->len, (const char * const *) settings->pdata,
                                NULL, weft_cli_progress_for_stderr (), NULL, &error);
  if (columns == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      if (column->note != NULL)
        g_printerr ("%s at %u GPUs: %s\n", weft_arch_get_title (column->arch), column->requested_gpus,
                    column->note);
    }

  if (g_str_has_suffix (output, ".csv"))
    {
      g_autofree char *csv = sweep_csv (columns, figures);
      g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));

      if (!weft_cli_write (output, bytes, &error))
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
    }
  else
    {
      WeftChart *chart = weft_chart_new_from_sweep (columns, sizes->len, (const char * const *) figures);
      gboolean saved = weft_chart_save (chart, output, 1600, 1000, &error);

      weft_chart_free (chart);
      if (!saved)
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
    }
  return WEFT_EXIT_OK;
}
