/* weft-cli-generate.c — weft-cli generate: build a fabric and write it to a file. */
#include "cli/weft-cli.h"

#include "io/weft-fabric-file.h"
#include "generators/weft-generator.h"

static const struct
{
  const char *key;
  const char *arg;
  const char *help;
} options[] = {
  { "gpus", "N", "Number of GPUs" },
  { "gpus-per-server", "N", "GPUs in one server (default: 8, 4 for nvlink5 trays)" },
  { "radix", "K", "Switch ports to use (default: the switch's ports at --speed)" },
  { "oversubscription", "R", "Leaf down:up ratio, R:1 (default 1)" },
  { "tiers", "T", "Clos tiers: 1, 2, 3 or auto (default 2)" },
  { "k", "K", "Fat tree: k-ary, k³/4 GPUs (Al-Fares 2008)" },
  { "p", "P", "Dragonfly: GPUs per router" },
  { "a", "A", "Dragonfly: routers per group" },
  { "h", "H", "Dragonfly: global links per router" },
  { "groups", "G", "Dragonfly: groups (default a·h + 1)" },
  { "dims", "XxYxZ", "Torus: ring sizes, e.g. 16x16x16" },
  { "speed", "GBPS", "Scale-out link speed in Gb/s (default 400)" },
  { "protocol", "NAME", "infiniband or ethernet (default infiniband)" },
  { "optics", "FAMILY", "Optics beyond copper reach: dsp, lpo, lro or cpo (default dsp)" },
  { "switch", "PART", "Switch part id from the catalog" },
  { "nic", "PART", "NIC part id from the catalog" },
  { "scale-up", "ID", "nvlink4, nvlink5, infinity-fabric or none (default nvlink4)" },
  { "servers-per-rack", "N", "Servers in one rack (default from the floor model)" },
  { "name", "NAME", "Name of the fabric" },
};

typedef struct
{
  GPtrArray *pairs;   /* key, value, key, value… */
} Collected;

static gboolean
collect_cb (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  Collected *collected = data;

  /* option_name is "--gpus": keep the key without dashes. */
  g_ptr_array_add (collected->pairs, g_strdup (option_name + 2));
  g_ptr_array_add (collected->pairs, g_strdup (value));
  return TRUE;
}

static const char *
archs_list (void)
{
  static char list[256];

  if (list[0] == '\0')
    {
      GString *str = g_string_new (NULL);

      for (guint i = 0; i < WEFT_N_ARCHS; i++)
        g_string_append_printf (str, "%s%s", i ? ", " : "", weft_arch_to_string (i));
      g_strlcpy (list, str->str, sizeof list);
      g_string_free (str, TRUE);
    }
  return list;
}

int
weft_cli_generate (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree GOptionEntry *entries = g_new0 (GOptionEntry, G_N_ELEMENTS (options) + 3);
  g_autofree char *output = NULL;
  g_autofree char *catalog_path = NULL;
  g_autofree char *summary = NULL;
  g_auto(WeftGenParams) params = { 0 };
  Collected collected = { g_ptr_array_new_with_free_func (g_free) };
  WeftArch arch;
  int status;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (options); i++)
    entries[i] = (GOptionEntry) { options[i].key, 0, 0, G_OPTION_ARG_CALLBACK, collect_cb,
                                  options[i].help, options[i].arg };
  entries[i++] = weft_cli_catalog_option (&catalog_path);
  entries[i++] = (GOptionEntry) { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                                  "Write the fabric here (default: standard output)", "FILE" };

  context = g_option_context_new ("ARCH — build a fabric");
  summary = g_strdup_printf ("Architectures: %s.\n\n"
                             "Example:\n  weft-cli generate rail-optimized --gpus 1024 -o fabric.json",
                             archs_list ());
  g_option_context_set_summary (context, summary);
  group = g_option_group_new ("generate", "Generator options", "Generator options", &collected, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, g_steal_pointer (&group));

  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    goto out;
  if (argc != 2)
    {
      status = weft_cli_fail (WEFT_EXIT_USAGE, "generate takes one architecture (%s)", archs_list ());
      goto out;
    }
  if (!weft_arch_from_string (argv[1], &arch))
    {
      status = weft_cli_fail (WEFT_EXIT_USAGE, "unknown architecture '%s' (%s)", argv[1], archs_list ());
      goto out;
    }

  weft_gen_params_init (&params, arch);
  for (i = 0; i < collected.pairs->len; i += 2)
    {
      const char *key = g_ptr_array_index (collected.pairs, i);
      const char *value = g_ptr_array_index (collected.pairs, i + 1);

      if (!weft_gen_params_arch_uses (arch, key))
        {
          status = weft_cli_fail (WEFT_EXIT_USAGE, "--%s is not an option of %s", key, argv[1]);
          goto out;
        }
      if (!weft_gen_params_set (&params, key, value, &error))
        {
          status = weft_cli_fail (WEFT_EXIT_INPUT, "--%s", error->message);
          goto out;
        }
    }

  catalog = weft_cli_catalog (catalog_path, &error);
  if (catalog == NULL || !(fabric = weft_generate (catalog, &params, &error)))
    {
      status = weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
      goto out;
    }

  bytes = weft_fabric_to_bytes (fabric);
  if (!weft_cli_write (output, bytes, &error))
    status = weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

out:
  g_ptr_array_unref (collected.pairs);
  return status;
}
