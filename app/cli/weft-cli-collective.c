/* weft-cli-collective.c — weft-cli collective: how long an all-reduce, all-to-all… takes on a
 * fabric, as nccl-tests prints it. */
#include "cli/weft-cli.h"

#include <math.h>

#include "collectives/weft-collective.h"
#include "collectives/weft-collective-group.h"
#include "io/weft-json-writer.h"
#include "util/weft-format.h"

typedef struct
{
  char     *op;
  char     *algo;
  char     *size;
  char     *sizes;
  char     *group;
  char     *peers;
  char     *catalog;
  gboolean  json;
  gboolean  loads;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->op);
  g_free (options->algo);
  g_free (options->size);
  g_free (options->sizes);
  g_free (options->group);
  g_free (options->peers);
  g_free (options->catalog);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static int
parse_options (Options  *options,
               int      *argc,
               char   ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "op", 0, 0, G_OPTION_ARG_STRING, &options->op,
      "all-reduce (default), reduce-scatter, all-gather, all-to-all, broadcast or send-recv",
      "OP" },
    { "algo", 0, 0, G_OPTION_ARG_STRING, &options->algo,
      "auto (default: the fastest), ring, hierarchical, tree or direct", "ALGO" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size, "Buffer size (default 1GiB)", "BYTES" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &options->sizes,
      "A row per size, doubling from MIN to MAX, as nccl-tests -b MIN -e MAX -f 2", "MIN:MAX" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &options->group,
      "The GPUs: all (default), rail:N, pod:N, plane:N, server:A-B or gpus:NAME,NAME", "GROUP" },
    { "peers", 0, 0, G_OPTION_ARG_STRING, &options->peers,
      "For send-recv: the receiving GPUs, as many as the group", "GROUP" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, "Print JSON", NULL },
    { "loads", 0, 0, G_OPTION_ARG_NONE, &options->loads,
      "With --json, every link direction's bytes at the first size", NULL },
    weft_cli_catalog_option (&options->catalog),
    { NULL }
  };

  context = g_option_context_new ("FABRIC — collective time, algBw and busBw on this fabric");
  g_option_context_add_main_entries (context, entries, NULL);
  return weft_cli_parse (context, argc, argv);
}

/* The sizes to time: one, or a doubling range. */
static GArray *
read_sizes (const Options  *options,
            GError        **error)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  double lo, hi;

  if (options->sizes != NULL)
    {
      g_auto(GStrv) range = g_strsplit (options->sizes, ":", 2);

      if (range[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--sizes %s: write MIN:MAX, like 1K:16G", options->sizes);
          return NULL;
        }
      if (!weft_collective_parse_size (range[0], &lo, error) ||
          !weft_collective_parse_size (range[1], &hi, error))
        return NULL;
      if (hi < lo)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--sizes %s: the largest size comes last", options->sizes);
          return NULL;
        }
      for (double s = lo; s <= hi * (1 + 1e-12); s *= 2)
        g_array_append_val (sizes, s);
      return g_steal_pointer (&sizes);
    }
  if (!weft_collective_parse_size (options->size ? options->size : "1GiB", &lo, error))
    return NULL;
  g_array_append_val (sizes, lo);
  return g_steal_pointer (&sizes);
}

static void
write_result (WeftJsonWriter             *w,
              WeftFabric                 *fabric,
              const WeftCollectiveResult *result)
{
  weft_json_begin_object (w);
  weft_json_member_string (w, "op", weft_collective_op_to_string (result->op));
  weft_json_member_string (w, "algorithm", weft_collective_algo_to_string (result->algorithm));
  weft_json_member_int (w, "gpus", result->gpus);
  weft_json_member_double (w, "size_bytes", result->size_bytes);
  weft_json_member_int (w, "steps", result->steps);
  weft_json_member_double (w, "time_s", result->time_s);
  weft_json_member_double (w, "latency_s", result->latency_s);
  weft_json_member_double (w, "transfer_s", result->transfer_s);
  weft_json_member_double (w, "algbw_GBps", result->algbw_GBps);
  weft_json_member_double (w, "busbw_GBps", result->busbw_GBps);
  weft_json_key (w, "bottlenecks");
  weft_json_begin_array (w);
  for (guint i = 0; i < result->bottlenecks->len; i++)
    {
      const WeftLinkLoad *load = &g_array_index (result->bottlenecks, WeftLinkLoad, i);
      const WeftLink *link = weft_fabric_get_link (fabric, load->link);
      guint32 from = load->forward ? link->a : link->b, to = load->forward ? link->b : link->a;

      weft_json_begin_inline_object (w);
      weft_json_member_int (w, "link", load->link);
      weft_json_member_string (w, "a", weft_fabric_get_node (fabric, from)->name);
      weft_json_member_string (w, "b", weft_fabric_get_node (fabric, to)->name);
      weft_json_member_double (w, "bytes", load->bytes);
      weft_json_member_double (w, "seconds", load->seconds);
      weft_json_member_double (w, "share", load->share);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
  weft_json_end_object (w);
}

static void
write_loads (WeftJsonWriter *w,
             WeftFabric     *fabric,
             const double   *load,
             double          size)
{
  weft_json_key (w, "loads");
  weft_json_begin_array (w);
  for (guint l = 0; l < weft_fabric_get_n_links (fabric); l++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, l);

      weft_json_begin_inline_object (w);
      weft_json_member_int (w, "link", l);
      weft_json_member_string (w, "a", weft_fabric_get_node (fabric, link->a)->name);
      weft_json_member_string (w, "b", weft_fabric_get_node (fabric, link->b)->name);
      weft_json_member_double (w, "a_to_b_bytes", load[2 * l] * size);
      weft_json_member_double (w, "b_to_a_bytes", load[2 * l + 1] * size);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
}

static void
print_table (GPtrArray *results)
{
  const WeftCollectiveResult *first = g_ptr_array_index (results, 0);

  g_print ("# %s on %u GPUs\n", weft_collective_op_to_string (first->op), first->gpus);
  g_print ("# %14s %12s %13s %12s %12s %12s %10s\n", "size (B)", "algorithm", "time (us)",
           "latency (us)", "algbw (GB/s)", "busbw (GB/s)", "bottleneck");
  for (guint i = 0; i < results->len; i++)
    {
      const WeftCollectiveResult *r = g_ptr_array_index (results, i);
      double share =
          r->bottlenecks->len ? g_array_index (r->bottlenecks, WeftLinkLoad, 0).share : 0;

      g_print ("  %14.0f %12s %13.2f %12.2f %12.2f %12.2f %9.0f%%\n", r->size_bytes,
               weft_collective_algo_to_string (r->algorithm), r->time_s * 1e6, r->latency_s * 1e6,
               r->algbw_GBps, r->busbw_GBps, share * 100);
    }
}

/* A group option into node indices; NULL @spec is every GPU. */
static gboolean
read_group (WeftFabric   *fabric,
            const char   *option,
            const char   *spec,
            GArray      **gpus,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  *gpus = NULL;
  if (spec == NULL)
    return TRUE;
  *gpus = weft_collective_group_parse (fabric, spec, &local_error);
  if (*gpus == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", option,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

int
weft_cli_collective (int    argc,
                     char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GArray) group = NULL;
  g_autoptr(GArray) peers = NULL;
  g_autoptr(GPtrArray) results =
      g_ptr_array_new_with_free_func ((GDestroyNotify) weft_collective_result_free);
  WeftCollectiveOp op = WEFT_OP_ALL_REDUCE;
  WeftCollectiveAlgo algo = WEFT_ALGO_AUTO;
  int status = parse_options (&options, &argc, &argv);

  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "collective takes one fabric file");
  if (options.op != NULL && !weft_collective_op_from_string (options.op, &op))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--op %s: use all-reduce, reduce-scatter, all-gather, "
                          "all-to-all, broadcast or send-recv", options.op);
  if (options.algo != NULL && !weft_collective_algo_from_string (options.algo, &algo))
    return weft_cli_fail (WEFT_EXIT_USAGE,
                          "--algo %s: use auto, ring, hierarchical, tree or direct", options.algo);
  if (options.size != NULL && options.sizes != NULL)
    return weft_cli_fail (WEFT_EXIT_USAGE, "choose one of --size and --sizes");
  sizes = read_sizes (&options, &error);
  if (sizes == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  fabric = weft_cli_load (argv[1], options.catalog, &error);
  if (fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (!read_group (fabric, "--group", options.group, &group, &error) ||
      !read_group (fabric, "--peers", options.peers, &peers, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (op == WEFT_OP_SEND_RECV && (peers == NULL || group == NULL || peers->len != group->len))
    return weft_cli_fail (WEFT_EXIT_INPUT, "send-recv needs --group and --peers of the same size%s",
                          peers && group ? " (they differ)" : "");

  plan = weft_collective_plan_new (fabric, op, group ? (guint32 *) group->data : NULL,
                                   group ? group->len : 0, peers ? (guint32 *) peers->data : NULL,
                                   NULL, &error);
  if (plan == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  for (guint i = 0; i < sizes->len; i++)
    {
      WeftCollectiveResult *result = weft_collective_plan_time (plan, algo,
                                                                g_array_index (sizes, double, i), 4,
                                                                &error);

      if (result == NULL)
        return weft_cli_fail (WEFT_EXIT_INPUT, "--algo %s: %s",
                              weft_collective_algo_to_string (algo), error->message);
      g_ptr_array_add (results, result);
    }

  if (options.json)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      const WeftCollectiveResult *first = g_ptr_array_index (results, 0);
      WeftJsonWriter w;

      weft_json_writer_init (&w, out);
      weft_json_begin_object (&w);
      weft_json_member_string (&w, "fabric", weft_fabric_get_name (fabric));
      weft_json_key (&w, "results");
      weft_json_begin_array (&w);
      for (guint i = 0; i < results->len; i++)
        write_result (&w, fabric, g_ptr_array_index (results, i));
      weft_json_end_array (&w);
      if (options.loads)
        write_loads (&w, fabric, weft_collective_plan_loads (plan, first->algorithm),
                     first->size_bytes);
      weft_json_end_object (&w);
      g_print ("%s", out->str);
    }
  else
    print_table (results);
  return WEFT_EXIT_OK;
}
