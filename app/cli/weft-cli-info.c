/* weft-cli-info.c — weft-cli info: what a fabric holds, as text or JSON. */
#include "cli/weft-cli.h"

#include <stdio.h>

#include "generators/weft-generator.h"
#include "io/weft-json-writer.h"
#include "util/weft-format.h"
#include "model/weft-summary.h"
#include "model/weft-validate.h"

static const WeftNodeKind roles[] = {
  WEFT_NODE_LEAF, WEFT_NODE_SPINE, WEFT_NODE_CORE, WEFT_NODE_ROUTER, WEFT_NODE_NVSWITCH,
};

static void
params_cb (const char *key,
           const char *value,
           gpointer    user_data)
{
  weft_json_member_string (user_data, key, value);
}

static void
write_generator (WeftJsonWriter *w,
                 WeftFabric     *fabric)
{
  const WeftGenParams *params = weft_fabric_get_generator (fabric);

  weft_json_member_string (w, "arch", params ? weft_arch_to_string (params->arch) : NULL);
  if (params != NULL)
    {
      weft_json_key (w, "params");
      weft_json_begin_object (w);
      weft_gen_params_foreach (params, params_cb, w);
      weft_json_end_object (w);
    }
  weft_json_member_bool (w, "edited", weft_fabric_is_edited (fabric));
  weft_json_member_string (w, "protocol",
                           weft_protocol_to_string (weft_fabric_get_protocol (fabric)));
  weft_json_member_string (w, "optics", weft_medium_to_string (weft_fabric_get_optics (fabric)));
}

/* Ports per switch role, under @key. */
static void
write_ports (WeftJsonWriter *w,
             const char     *key,
             const guint64  *by_kind)
{
  weft_json_key (w, key);
  weft_json_begin_object (w);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    weft_json_member_int (w, weft_node_kind_to_string (roles[i]), by_kind[roles[i]]);
  weft_json_end_object (w);
}

static void
write_links (WeftJsonWriter    *w,
             const WeftSummary *summary)
{
  g_autoptr(GPtrArray) tiers = weft_summary_tiers (summary);

  weft_json_member_int (w, "links", summary->links);
  weft_json_key (w, "links_by_tier");
  weft_json_begin_object (w);
  for (guint i = 0; i < tiers->len; i++)
    {
      const char *tier = g_ptr_array_index (tiers, i);

      weft_json_member_int (w, tier,
                            *(guint64 *) g_hash_table_lookup (summary->links_by_tier, tier));
    }
  weft_json_end_object (w);
  weft_json_key (w, "links_by_medium");
  weft_json_begin_object (w);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (summary->links_by_medium[m] != 0)
      weft_json_member_int (w, m == WEFT_MEDIUM_AUTO ? "unresolved" : weft_medium_to_string (m),
                            summary->links_by_medium[m]);
  weft_json_end_object (w);
}

static void
write_closed_form (WeftJsonWriter *w,
                   WeftFabric     *fabric)
{
  WeftClosedForm closed_form;

  if (!weft_fabric_get_closed_form (fabric, &closed_form))
    return;
  weft_json_key (w, "closed_form");
  weft_json_begin_object (w);
  if (closed_form.has_bisection)
    weft_json_member_double (w, "bisection_gbps", closed_form.bisection_gbps);
  if (closed_form.has_diameter)
    weft_json_member_int (w, "diameter_switch_hops", closed_form.diameter_switch_hops);
  weft_json_end_object (w);
}

static char *
info_to_json (WeftFabric        *fabric,
              const WeftSummary *summary,
              GPtrArray         *problems)
{
  GString *out = g_string_new (NULL);
  WeftJsonWriter w;

  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  weft_json_member_string (&w, "name", weft_fabric_get_name (fabric));
  write_generator (&w, fabric);
  weft_json_member_int (&w, "gpus", summary->gpus);
  weft_json_member_int (&w, "servers", summary->servers);
  weft_json_member_int (&w, "switches", summary->switches);
  weft_json_key (&w, "switches_by_role");
  weft_json_begin_object (&w);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    weft_json_member_int (&w, weft_node_kind_to_string (roles[i]), summary->by_kind[roles[i]]);
  weft_json_end_object (&w);
  write_links (&w, summary);
  write_ports (&w, "ports_used", summary->ports_used);
  write_ports (&w, "ports_available", summary->ports_available);
  write_closed_form (&w, fabric);
  weft_json_key (&w, "problems");
  weft_json_begin_array (&w);
  for (guint i = 0; i < problems->len; i++)
    weft_json_string (&w, ((WeftProblem *) g_ptr_array_index (problems, i))->message);
  weft_json_end_array (&w);
  weft_json_end_object (&w);
  return g_string_free (out, FALSE);
}

static void
print_text (WeftFabric        *fabric,
            const WeftSummary *summary,
            GPtrArray         *problems)
{
  const WeftGenParams *params = weft_fabric_get_generator (fabric);
  g_autoptr(GPtrArray) tiers = weft_summary_tiers (summary);
  g_autofree char *gpus = weft_format_count (summary->gpus);
  g_autofree char *servers = weft_format_count (summary->servers);
  g_autofree char *switches = weft_format_count (summary->switches);
  g_autofree char *links = weft_format_count (summary->links);
  WeftClosedForm closed_form;
  const char *sep;

  printf ("%s\n", weft_fabric_get_name (fabric));
  if (params != NULL)
    printf ("  architecture  %s (%s)\n", weft_arch_to_string (params->arch),
            weft_fabric_is_edited (fabric) ? "generated, then edited" : "generated");
  printf ("  protocol      %s, %s optics\n",
          weft_protocol_to_string (weft_fabric_get_protocol (fabric)),
          weft_medium_to_string (weft_fabric_get_optics (fabric)));
  printf ("  GPUs          %s in %s servers\n", gpus, servers);
  printf ("  switches      %s:", switches);
  sep = " ";
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (summary->by_kind[roles[i]] > 0)
      {
        g_autofree char *n = weft_format_count (summary->by_kind[roles[i]]);
        printf ("%s%s %s", sep, n, weft_node_kind_to_string (roles[i]));
        sep = ", ";
      }
  printf ("\n  links         %s (parallel links counted)\n", links);
  printf ("  by tier      ");
  for (guint i = 0; i < tiers->len; i++)
    {
      const char *tier = g_ptr_array_index (tiers, i);
      g_autofree char *n =
          weft_format_count (*(guint64 *) g_hash_table_lookup (summary->links_by_tier, tier));
      printf (" %s %s%s", tier, n, i + 1 < tiers->len ? "," : "");
    }
  printf ("\n  by medium    ");
  sep = " ";
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (summary->links_by_medium[m] > 0)
      {
        g_autofree char *n = weft_format_count (summary->links_by_medium[m]);
        printf ("%s%s %s", sep, m == WEFT_MEDIUM_AUTO ? "unresolved" : weft_medium_to_string (m),
                n);
        sep = ", ";
      }
  printf ("\n  ports in use ");
  sep = " ";
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (summary->ports_available[roles[i]] > 0)
      {
        g_autofree char *used = weft_format_count (summary->ports_used[roles[i]]);
        g_autofree char *available = weft_format_count (summary->ports_available[roles[i]]);
        printf ("%s%s %s of %s", sep, weft_node_kind_to_string (roles[i]), used, available);
        sep = ", ";
      }
  printf ("\n");
  if (weft_fabric_get_closed_form (fabric, &closed_form))
    {
      printf ("  closed form  ");
      if (closed_form.has_bisection)
        printf (" bisection %.0f Gb/s%s", closed_form.bisection_gbps,
                closed_form.has_diameter ? "," : "");
      if (closed_form.has_diameter)
        printf (" diameter %u switch hops", closed_form.diameter_switch_hops);
      printf ("\n");
    }
  if (problems->len == 0)
    printf ("  problems      none\n");
  for (guint i = 0; i < problems->len; i++)
    printf ("  %s %s\n", i == 0 ? "problems     " : "             ",
            ((WeftProblem *) g_ptr_array_index (problems, i))->message);
}

int
weft_cli_info (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(WeftSummary) summary = { 0 };
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Write JSON", NULL },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      "Catalog file whose parts replace the built-in ones of the same id", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("FILE — describe a fabric (FILE - reads standard input)");
  g_option_context_add_main_entries (context, entries, NULL);
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "info takes one fabric file");

  fabric = weft_cli_load (argv[1], catalog_path, &error);
  if (fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  weft_summary_init (&summary, fabric);
  problems = weft_fabric_validate (fabric);
  if (json)
    {
      g_autofree char *text = info_to_json (fabric, &summary, problems);

      printf ("%s", text);
    }
  else
    print_text (fabric, &summary, problems);
  return WEFT_EXIT_OK;
}
