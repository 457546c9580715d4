/* weft-cli-convert.c — weft-cli convert: a fabric as GraphML or DOT. */
#include "cli/weft-cli.h"

#include "io/weft-graph-export.h"

int
weft_cli_convert (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autofree char *output = NULL;
  g_autofree char *catalog_path = NULL;
  int status;
  GOptionEntry entries[] = { { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                               "Write here: OUT.graphml or OUT.dot", "OUT" },
                             weft_cli_catalog_option (&catalog_path),
                             { NULL } };

  context = g_option_context_new ("FILE -o OUT.graphml|OUT.dot — export the graph for other tools "
                                  "(FILE - reads stdin)");
  g_option_context_add_main_entries (context, entries, NULL);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2 || output == NULL)
    return weft_cli_fail (WEFT_EXIT_USAGE,
                          "convert takes one fabric file and -o OUT.graphml|OUT.dot");
  if (!g_str_has_suffix (output, ".graphml") && !g_str_has_suffix (output, ".dot") &&
      !g_str_has_suffix (output, ".gv"))
    return weft_cli_fail (WEFT_EXIT_USAGE, "-o %s: use a .graphml or .dot file name", output);

  fabric = weft_cli_load (argv[1], catalog_path, &error);
  if (fabric == NULL || !weft_fabric_export_graph (fabric, output, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return WEFT_EXIT_OK;
}
