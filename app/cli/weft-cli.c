/* weft-cli.c — weft-cli: generate, inspect and convert fabrics without a display. */
#include "cli/weft-cli.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "io/weft-fabric-file.h"
#include "io/weft-output.h"

static const struct
{
  const char      *name;
  WeftCommandFunc  func;
  const char      *summary;
} commands[] = {
  { "generate", weft_cli_generate, "build a fabric from an architecture and a GPU count" },
  { "info", weft_cli_info, "describe a fabric: GPUs, switches, links, ports, closed forms" },
  { "convert", weft_cli_convert, "write a fabric as GraphML or DOT for other tools" },
  { "import", weft_cli_import, "a cable plan (CSV or GraphML) into a fabric file" },
  { "metrics", weft_cli_metrics, "hops, bisection, latency, cost, power and resilience" },
  { "export", weft_cli_export, "draw a fabric as PNG, SVG or PDF, or list its cables as CSV" },
  { "compare", weft_cli_compare, "architectures at one GPU count, side by side" },
  { "sweep", weft_cli_sweep, "how each architecture grows with the cluster: charts or CSV" },
  { "collective", weft_cli_collective,
    "how long an all-reduce, all-to-all… takes: time, algBw, busBw" },
  { "train", weft_cli_train, "one training step of a model on the fabric, compute and traffic" },
};


void
weft_cli_progress (double      fraction,
                   const char *stage,
                   gpointer    user_data)
{
  int filled = (int) (fraction * 30);

  fprintf (stderr, "\r[%.*s%*s] %3d%% %-40.40s", filled, "##############################",
           30 - filled, "", (int) (fraction * 100), stage);
  if (fraction >= 1)
    fputc ('\n', stderr);
  fflush (stderr);
}

WeftMetricsProgress
weft_cli_progress_for_stderr (void)
{
  return isatty (STDERR_FILENO) ? weft_cli_progress : NULL;
}

gboolean
weft_cli_parse_archs (const char  *list,
                      const char  *fallback,
                      GArray      *archs,
                      GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list ? list : fallback, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      WeftArch arch;

      if (!weft_arch_from_string (g_strstrip (names[i]), &arch))
        {
          g_set_error (
              error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
              "--archs: '%s' is not one of leaf-spine, fat-tree, rail-optimized, rail-only, "
              "dragonfly, dragonfly-plus, slim-fly, hyperx, jellyfish, torus",
              names[i]);
          return FALSE;
        }
      g_array_append_val (archs, arch);
    }
  return TRUE;
}

GOptionEntry
weft_cli_archs_option (char       **list,
                       const char  *description)
{
  return (GOptionEntry) { "archs", 0, 0, G_OPTION_ARG_STRING, list, description, "LIST" };
}

GOptionEntry
weft_cli_catalog_option (char **path)
{
  return (GOptionEntry) { "catalog", 0, 0, G_OPTION_ARG_FILENAME, path,
                          "Catalog file whose parts replace the built-in ones of the same id",
                          "FILE" };
}

static const char *const hardware_keys[] = {
  "speed", "protocol", "optics", "switch", "nic", "scale-up", "gpus-per-server", "radix",
  "planes",
};

void
weft_cli_add_hardware (GOptionContext  *context,
                       WeftCliHardware *hardware)
{
  GOptionEntry entries[] = {
    { "speed", 0, 0, G_OPTION_ARG_STRING, &hardware->values[0], "Link speed, Gb/s", "200|400|800" },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &hardware->values[1], "infiniband or ethernet", "P" },
    { "optics", 0, 0, G_OPTION_ARG_STRING, &hardware->values[2], "dsp, lpo, lro or cpo", "FAMILY" },
    { "switch", 0, 0, G_OPTION_ARG_STRING, &hardware->values[3], "Switch part id", "PART" },
    { "nic", 0, 0, G_OPTION_ARG_STRING, &hardware->values[4], "NIC part id", "PART" },
    { "scale-up", 0, 0, G_OPTION_ARG_STRING, &hardware->values[5],
      "nvlink4, nvlink5, infinity-fabric or none", "F" },
    { "gpus-per-server", 0, 0, G_OPTION_ARG_STRING, &hardware->values[6], "GPUs per server", "N" },
    { "radix", 0, 0, G_OPTION_ARG_STRING, &hardware->values[7], "Switch ports to use", "K" },
    { "planes", 0, 0, G_OPTION_ARG_STRING, &hardware->values[8],
      "Clos families: NIC ports per GPU, one to each plane (2: dual-homed)", "N" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("hardware", "Hardware, for every architecture:",
                                            "Show the hardware options", NULL, NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (hardware_keys) ==
                   G_N_ELEMENTS (((WeftCliHardware *) NULL)->values));
  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
}

GPtrArray *
weft_cli_hardware_settings (const WeftCliHardware *hardware)
{
  GPtrArray *settings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (hardware_keys); i++)
    if (hardware->values[i] != NULL)
      {
        g_ptr_array_add (settings, g_strdup (hardware_keys[i]));
        g_ptr_array_add (settings, g_strdup (hardware->values[i]));
      }
  g_ptr_array_add (settings, NULL);
  return settings;
}

void
weft_cli_hardware_clear (WeftCliHardware *hardware)
{
  for (guint i = 0; i < G_N_ELEMENTS (hardware->values); i++)
    g_clear_pointer (&hardware->values[i], g_free);
}

int
weft_cli_fail (int         code,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("weft-cli: %s\n", message);
  return code;
}

int
weft_cli_parse (GOptionContext   *context,
                int              *argc,
                char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return WEFT_EXIT_OK;
  /* A value of the wrong form is bad input; anything else is wrong usage. */
  if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return weft_cli_fail (WEFT_EXIT_USAGE, "%s (see --help)", error->message);
}

WeftCatalog *
weft_cli_catalog (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  WeftCatalog *catalog;

  if (path == NULL)
    return weft_catalog_new_default ();
  catalog = weft_catalog_new_with_overrides (path, &local_error);
  /* A file that cannot be read is named by the option that gave it; a
   * catalog's own errors already name the file and the JSON path. */
  if (catalog == NULL && local_error->domain == G_FILE_ERROR)
    g_prefix_error (&local_error, "--catalog ");
  if (catalog == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return catalog;
}

WeftFabric *
weft_cli_load (const char  *path,
               const char  *catalog_path,
               GError     **error)
{
  g_autoptr(WeftCatalog) catalog = weft_cli_catalog (catalog_path, error);

  if (catalog == NULL)
    return NULL;
  return weft_fabric_load_file (catalog, path, error);
}

gboolean
weft_cli_write (const char  *path,
                GBytes      *bytes,
                GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "could not write to standard output");
          return FALSE;
        }
      return TRUE;
    }
  return weft_output_write (path, data, size, error);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "Usage: weft-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (stream, "\nRun “weft-cli COMMAND --help” for a command’s options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return WEFT_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return WEFT_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  return weft_cli_fail (WEFT_EXIT_USAGE, "unknown command '%s' (see weft-cli --help)", argv[1]);
}
