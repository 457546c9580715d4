/* weft-cli-info.c — weft-cli info: what a fabric holds, as text or JSON. */
#include "cli/weft-cli.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "util/weft-format.h"
#include "generators/weft-generator.h"
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
  JsonBuilder *builder = user_data;

  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static JsonNode *
build_json (WeftFabric        *fabric,
            const WeftSummary *summary,
            GPtrArray         *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) tiers = weft_summary_tiers (summary);
  const WeftGenParams *params = weft_fabric_get_generator (fabric);
  WeftClosedForm closed_form;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, weft_fabric_get_name (fabric));
  json_builder_set_member_name (builder, "arch");
  if (params != NULL)
    json_builder_add_string_value (builder, weft_arch_to_string (params->arch));
  else
    json_builder_add_null_value (builder);
  if (params != NULL)
    {
      json_builder_set_member_name (builder, "params");
      json_builder_begin_object (builder);
      weft_gen_params_foreach (params, params_cb, builder);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "edited");
  json_builder_add_boolean_value (builder, weft_fabric_is_edited (fabric));
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, weft_protocol_to_string (weft_fabric_get_protocol (fabric)));
  json_builder_set_member_name (builder, "optics");
  json_builder_add_string_value (builder, weft_medium_to_string (weft_fabric_get_optics (fabric)));

  json_builder_set_member_name (builder, "gpus");
  json_builder_add_int_value (builder, summary->gpus);
  json_builder_set_member_name (builder, "servers");
  json_builder_add_int_value (builder, summary->servers);
  json_builder_set_member_name (builder, "switches");
  json_builder_add_int_value (builder, summary->switches);
  json_builder_set_member_name (builder, "switches_by_role");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      json_builder_set_member_name (builder, weft_node_kind_to_string (roles[i]));
      json_builder_add_int_value (builder, summary->by_kind[roles[i]]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_add_int_value (builder, summary->links);
  json_builder_set_member_name (builder, "links_by_tier");
  json_builder_begin_object (builder);
  for (guint i = 0; i < tiers->len; i++)
    {
      const char *tier = g_ptr_array_index (tiers, i);

      json_builder_set_member_name (builder, tier);
      json_builder_add_int_value (builder, *(guint64 *) g_hash_table_lookup (summary->links_by_tier, tier));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "links_by_medium");
  json_builder_begin_object (builder);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    {
      if (summary->links_by_medium[m] == 0)
        continue;
      json_builder_set_member_name (builder, m == WEFT_MEDIUM_AUTO ? "unresolved"
                                                                     : weft_medium_to_string (m));
      json_builder_add_int_value (builder, summary->links_by_medium[m]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "ports_used");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      json_builder_set_member_name (builder, weft_node_kind_to_string (roles[i]));
      json_builder_add_int_value (builder, summary->ports_used[roles[i]]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ports_available");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      json_builder_set_member_name (builder, weft_node_kind_to_string (roles[i]));
      json_builder_add_int_value (builder, summary->ports_available[roles[i]]);
    }
  json_builder_end_object (builder);

  if (weft_fabric_get_closed_form (fabric, &closed_form))
    {
      json_builder_set_member_name (builder, "closed_form");
      json_builder_begin_object (builder);
      if (closed_form.has_bisection)
        {
          json_builder_set_member_name (builder, "bisection_gbps");
          json_builder_add_double_value (builder, closed_form.bisection_gbps);
        }
      if (closed_form.has_diameter)
        {
          json_builder_set_member_name (builder, "diameter_switch_hops");
          json_builder_add_int_value (builder, closed_form.diameter_switch_hops);
        }
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    json_builder_add_string_value (builder, ((WeftProblem *) g_ptr_array_index (problems, i))->message);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
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
  printf ("  protocol      %s, %s optics\n", weft_protocol_to_string (weft_fabric_get_protocol (fabric)),
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
      g_autofree char *n = weft_format_count (*(guint64 *) g_hash_table_lookup (summary->links_by_tier, tier));
      printf (" %s %s%s", tier, n, i + 1 < tiers->len ? "," : "");
    }
  printf ("\n  by medium    ");
  sep = " ";
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (summary->links_by_medium[m] > 0)
      {
        g_autofree char *n = weft_format_count (summary->links_by_medium[m]);
        printf ("%s%s %s", sep, m == WEFT_MEDIUM_AUTO ? "unresolved" : weft_medium_to_string (m), n);
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

  context = g_option_context_new ("FILE — describe a fabric");
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
      g_autoptr(JsonNode) root = build_json (fabric, &summary, problems);
      g_autofree char *text = json_to_string (root, TRUE);

      printf ("%s\n", text);
    }
  else
    print_text (fabric, &summary, problems);
  return WEFT_EXIT_OK;
}
