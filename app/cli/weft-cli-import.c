/* weft-cli-import.c — weft-cli import: a cable plan (CSV or GraphML) into a fabric file. */
#include "cli/weft-cli.h"

#include "io/weft-cable-plan.h"
#include "io/weft-fabric-file.h"

static void
print_notes (const GPtrArray *notes,
             guint            total,
             const char      *prefix)
{
  for (guint i = 0; i < notes->len; i++)
    g_printerr ("weft-cli: %s%s\n", prefix, (const char *) notes->pdata[i]);
  if (total > notes->len)
    g_printerr ("weft-cli: %sand %u more\n", prefix, total - notes->len);
}

int
weft_cli_import (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(WeftImportReport) report = { 0 };
  g_autofree char *output = NULL, *catalog_path = NULL, *protocol = NULL, *optics = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display = NULL;
  WeftImportOptions options;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write the fabric here (default: standard output)", "OUT.json" },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &protocol,
      "infiniband or ethernet (default: what the parts named speak, else infiniband)", "P" },
    { "optics", 0, 0, G_OPTION_ARG_STRING, &optics,
      "dsp, lpo, lro or cpo for automatic media (default: the plan's most used, else dsp)",
      "FAMILY" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      "The fabric's name (default: the file name)", "NAME" },
    weft_cli_catalog_option (&catalog_path),
    { NULL }
  };

  context = g_option_context_new ("PLAN.csv|PLAN.graphml [-o OUT.json] — a cable plan into a "
                                  "fabric");
  g_option_context_set_description (context,
    "A CSV plan has a header naming its columns, in any order, and one row per cable:\n"
    "  a_device, a_port, b_device, b_port (required); medium, cable_part, length_m,\n"
    "  speed_gbps, lanes, class, label; and per end a_rack, a_u, a_role, a_part,\n"
    "  a_server, a_rail, a_pod, a_plane, a_group (b_… likewise).\n"
    "Roles and parts the plan leaves out are inferred, and the inference is reported.\n"
    "A plan with errors imports nothing (exit 1); warnings are printed and it imports.");
  g_option_context_add_main_entries (context, entries, NULL);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "import takes one cable plan (.csv or .graphml)");

  weft_import_options_init (&options);
  if (protocol != NULL)
    {
      if (!weft_protocol_from_string (protocol, &options.protocol))
        return weft_cli_fail (WEFT_EXIT_USAGE, "--protocol %s: use infiniband or ethernet",
                              protocol);
      options.has_protocol = TRUE;
    }
  if (optics != NULL)
    {
      if (!weft_medium_from_string (optics, &options.optics) ||
          !weft_medium_is_optics_family (options.optics))
        return weft_cli_fail (WEFT_EXIT_USAGE, "--optics %s: use dsp, lpo, lro or cpo", optics);
      options.has_optics = TRUE;
    }
  options.name = name;

  catalog = weft_cli_catalog (catalog_path, &error);
  if (catalog == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  weft_import_report_init (&report);
  fabric = weft_fabric_import_file (catalog, argv[1], &options, &report, &error);
  display = g_filename_display_name (argv[1]);
  if (fabric == NULL)
    {
      print_notes (report.errors, report.n_errors, "");
      print_notes (report.warnings, report.n_warnings, "warning: ");
      if (report.n_errors == 0)
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
      return weft_cli_fail (WEFT_EXIT_INPUT, "%s: %u error%s; nothing imported", display,
                            report.n_errors, report.n_errors == 1 ? "" : "s");
    }
  print_notes (report.warnings, report.n_warnings, "warning: ");

  bytes = weft_fabric_to_bytes (fabric);
  if (!weft_cli_write (output, bytes, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return WEFT_EXIT_OK;
}
