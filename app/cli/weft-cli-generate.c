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
  { "planes", "N", "Clos: each GPU's NIC splits --speed over N ports, one to a leaf of each of N "
    "planes; 2 is dual-homed, as Alibaba HPN (default 1)" },
  { "k", "K", "Fat tree: k-ary, k³/4 GPUs (Al-Fares 2008)" },
  { "p", "P", "Dragonfly, Slim Fly: GPUs per router; Dragonfly+: per leaf; HyperX, Jellyfish: "
    "per switch" },
  { "a", "A", "Dragonfly: routers per group" },
  { "h", "H", "Dragonfly: global links per router; Dragonfly+: per spine" },
  { "leaves", "L", "Dragonfly+: leaves per group" },
  { "spines", "S", "Dragonfly+: spines per group, each joined to every leaf of it" },
  { "groups", "G", "Dragonfly: groups (default a·h + 1); Dragonfly+: (default spines·h + 1)" },
  { "q", "Q", "Slim Fly: the prime power of its MMS graph: 2q² routers" },
  { "dims", "XxYxZ", "Torus: ring sizes, e.g. 16x16x16; HyperX: the lattice, e.g. 16x8" },
  { "trunks", "KxK", "HyperX: parallel links along each dimension, e.g. 1x2 (default 1 each)" },
  { "r", "R", "Jellyfish: network ports per switch (default the rest of the radix)" },
  { "seed", "N", "Jellyfish: the random graph's seed (default 1), saved with the fabric" },
  { "speed", "GBPS", "Scale-out link speed in Gb/s (default 400)" },
  { "protocol", "NAME", "infiniband or ethernet (default infiniband)" },
  { "optics", "FAMILY", "Optics beyond copper reach: dsp, lpo, lro or cpo (default dsp)" },
  { "switch", "PART", "Switch part id from the catalog" },
  { "nic", "PART", "NIC part id from the catalog" },
  { "scale-up", "ID", "nvlink4, nvlink5, infinity-fabric or none (default nvlink4)" },
  { "servers-per-rack", "N", "Servers in one rack (default from the floor model)" },
  { "name", "NAME", "Name of the fabric" },
};

/* The command line of generate: the architecture, the generator's options in the order
 * given, and where to write. */
typedef struct
{
  const char *arch_name;      /* in argv */
  WeftArch    arch;
  GPtrArray  *pairs;          /* key, value, key, value… */
  char       *catalog_path;
  char       *output;
} GenerateArgs;

static void
generate_args_clear (GenerateArgs *args)
{
  g_clear_pointer (&args->pairs, g_ptr_array_unref);
  g_free (args->catalog_path);
  g_free (args->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GenerateArgs, generate_args_clear)

static gboolean
collect_cb (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  GenerateArgs *args = data;

  /* option_name is "--gpus": keep the key without dashes. */
  g_ptr_array_add (args->pairs, g_strdup (option_name + 2));
  g_ptr_array_add (args->pairs, g_strdup (value));
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

/* Every generator option is collected as given, for weft_gen_params_set to read once the
 * architecture is known. */
static int
parse_options (GenerateArgs *args,
               int           argc,
               char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  g_autofree GOptionEntry *entries = g_new0 (GOptionEntry, G_N_ELEMENTS (options) + 3);
  g_autofree char *summary = NULL;
  int status;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (options); i++)
    entries[i] = (GOptionEntry) { options[i].key, 0, 0, G_OPTION_ARG_CALLBACK, collect_cb,
                                  options[i].help, options[i].arg };
  entries[i++] = weft_cli_catalog_option (&args->catalog_path);
  entries[i++] = (GOptionEntry) { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
                                  "Write the fabric here (default: standard output)", "FILE" };

  context = g_option_context_new ("ARCH — build a fabric");
  summary = g_strdup_printf ("Architectures: %s.\n\n"
                             "Example:\n"
                             "  weft-cli generate rail-optimized --gpus 1024 -o fabric.json",
                             archs_list ());
  g_option_context_set_summary (context, summary);
  args->pairs = g_ptr_array_new_with_free_func (g_free);
  group = g_option_group_new ("generate", "Generator options", "Generator options", args, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, g_steal_pointer (&group));

  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "generate takes one architecture (%s)", archs_list ());
  args->arch_name = argv[1];
  if (!weft_arch_from_string (args->arch_name, &args->arch))
    return weft_cli_fail (WEFT_EXIT_USAGE, "unknown architecture '%s' (%s)", args->arch_name,
                          archs_list ());
  return WEFT_EXIT_OK;
}

/* An option another architecture takes is wrong usage; a value out of range is bad input. */
static int
set_params (WeftGenParams      *params,
            const GenerateArgs *args)
{
  g_autoptr(GError) error = NULL;

  weft_gen_params_init (params, args->arch);
  for (guint i = 0; i < args->pairs->len; i += 2)
    {
      const char *key = g_ptr_array_index (args->pairs, i);
      const char *value = g_ptr_array_index (args->pairs, i + 1);

      if (!weft_gen_params_arch_uses (args->arch, key))
        return weft_cli_fail (WEFT_EXIT_USAGE, "--%s is not an option of %s", key, args->arch_name);
      if (!weft_gen_params_set (params, key, value, &error))
        return weft_cli_fail (WEFT_EXIT_INPUT, "--%s", error->message);
    }
  return WEFT_EXIT_OK;
}

int
weft_cli_generate (int    argc,
                   char **argv)
{
  g_auto(GenerateArgs) args = { 0 };
  g_auto(WeftGenParams) params = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int status;

  status = parse_options (&args, argc, argv);
  if (status == WEFT_EXIT_OK)
    status = set_params (&params, &args);
  if (status != WEFT_EXIT_OK)
    return status;

  catalog = weft_cli_catalog (args.catalog_path, &error);
  if (catalog == NULL || !(fabric = weft_generate (catalog, &params, &error)))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  bytes = weft_fabric_to_bytes (fabric);
  if (!weft_cli_write (args.output, bytes, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  return WEFT_EXIT_OK;
}
