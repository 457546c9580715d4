/* weft-cli-compare.c — weft-cli compare: architectures at one GPU count, one column each. */
#include "cli/weft-cli.h"

#include "compare/weft-compare.h"
#include "render/weft-report.h"

int
weft_cli_compare (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_auto(WeftCliHardware) hardware = { { NULL } };
  g_autoptr(GArray) archs = g_array_new (FALSE, FALSE, sizeof (WeftArch));
  g_autofree char *arch_list = NULL, *catalog_path = NULL, *out = NULL, *table_path = NULL;
  gboolean as_json = FALSE, as_csv = FALSE;
  WeftExportFormat format;
  int gpus = 0, status;
  GOptionEntry entries[] = { { "gpus", 0, 0, G_OPTION_ARG_INT, &gpus,
                               "GPUs in each fabric (the nearest buildable size where needed)",
                               "N" },
                             weft_cli_archs_option (&arch_list, "Comma-separated (default "
                                                    WEFT_CLI_COMPARE_ARCHS ")"),
                             { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
                             { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv,
                               "Print CSV: a figure per row, an architecture per column", NULL },
                             { "output", 'o', 0, G_OPTION_ARG_FILENAME, &table_path,
                               "Also draw the table: OUT.svg, .png or .pdf", "OUT" },
                             weft_cli_catalog_option (&catalog_path),
                             { NULL } };

  context = g_option_context_new (
      "--gpus N — the architectures side by side: switches, media, cost, power, "
      "bisection, hops, latency");
  g_option_context_add_main_entries (context, entries, NULL);
  weft_cli_add_hardware (context, &hardware);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 1 || gpus <= 0)
    return weft_cli_fail (WEFT_EXIT_USAGE, "compare takes --gpus N and no file");
  if (as_json && as_csv)
    return weft_cli_fail (WEFT_EXIT_USAGE, "choose one of --json and --csv");
  /* Before the comparison runs, and as export says it: a wrong -o is wrong usage. */
  if (table_path != NULL && !weft_export_format_for_path (table_path, &format, &error))
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s", error->message);

  if (!weft_cli_parse_archs (arch_list, WEFT_CLI_COMPARE_ARCHS, archs, &error))
    return weft_cli_fail (WEFT_EXIT_USAGE, "%s", error->message);
  settings = weft_cli_hardware_settings (&hardware);

  catalog = weft_cli_catalog (catalog_path, &error);
  if (catalog == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  columns = weft_compare_run (catalog, (const WeftArch *) archs->data, archs->len, gpus,
                              (const char * const *) settings->pdata, NULL,
                              weft_cli_progress_for_stderr (), NULL, &error);
  if (columns == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  if (table_path != NULL)
    {
      WeftReportTable *table = weft_report_table_for_compare (columns, gpus);
      gboolean saved = weft_report_table_save (table, table_path, &error);

      weft_report_table_free (table);
      if (!saved)
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
    }
  out = as_json ? weft_compare_to_json (columns) : as_csv ? weft_compare_to_csv (columns)
                                                          : weft_compare_to_text (columns);
  g_print ("%s", out);
  return WEFT_EXIT_OK;
}
