/* test-compare.c — the comparison table against metrics computed one architecture at a time. */
#include "weft-test-util.h"

#include <json-glib/json-glib.h>

#include "weft-compare.h"

static WeftCatalog *catalog;

static void
test_table (void)
{
  const WeftArch archs[] = { WEFT_ARCH_FAT_TREE, WEFT_ARCH_RAIL_OPTIMIZED, WEFT_ARCH_RAIL_ONLY,
                             WEFT_ARCH_DRAGONFLY };
  const char *settings[] = { "speed", "400", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = weft_compare_run (catalog, archs, G_N_ELEMENTS (archs), 1024, settings,
                                                   NULL, NULL, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonArray *out;

  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (archs));
  json = weft_compare_to_json (columns);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  out = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "columns");

  for (guint c = 0; c < columns->len; c++)
    {
      WeftCompareColumn *column = g_ptr_array_index (columns, c);
      JsonObject *o = json_array_get_object_element (out, c);
      JsonObject *first = json_array_get_object_element (out, 0);
      g_autofree char *note = NULL;
      g_autoptr(WeftFabric) alone = weft_compare_generate (catalog, archs[c], 1024, settings, &note, &error);
      g_autoptr(WeftMetrics) metrics = NULL;

      /* The same fabric, measured on its own, gives the column's figures. */
      g_assert_no_error (error);
      g_assert_cmpstr (note, ==, column->note);
      metrics = weft_metrics_compute (alone, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (json_object_get_double_member (o, "gpus"), ==, metrics->gpus);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "cost_usd"), metrics->cost.usd, 1e-6);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "power_w"), metrics->cost.watts, 1e-6);
      g_assert_cmpfloat (json_object_get_double_member (o, "hops_mean"), ==, metrics->switch_hops.mean);
      g_assert_cmpfloat (json_object_get_double_member (o, "hops_max"), ==, metrics->switch_hops.max);
      g_assert_cmpfloat (json_object_get_double_member (o, "bisection_ratio"), ==, metrics->bisection.ratio);
      g_assert_cmpfloat (json_object_get_double_member (o, "latency_max_ns"), ==, metrics->latency.max_ns);
      /* Differences are to the first column. */
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (o, "difference"),
                                                                    "cost_usd"),
                                      metrics->cost.usd - json_object_get_double_member (first, "cost_usd"), 1e-6);
    }
}

/* Sizes a shape cannot reach: a third tier, or the nearest size it can. */
static void
test_nearest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note2 = NULL;
  g_autoptr(WeftFabric) clos = weft_compare_generate (catalog, WEFT_ARCH_LEAF_SPINE, 8192, NULL, &note, &error);
  g_autoptr(WeftFabric) dragonfly = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "3 tiers");
  g_assert_cmpuint (weft_fabric_count_nodes (clos, WEFT_NODE_GPU), ==, 8192);
  g_assert_cmpuint (weft_fabric_count_nodes (clos, WEFT_NODE_CORE), >, 0);

  dragonfly = weft_compare_generate (catalog, WEFT_ARCH_DRAGONFLY, 1000, NULL, &note2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note2);
  g_assert_true (g_str_has_prefix (note2, "nearest size: "));
  g_assert_cmpuint (weft_fabric_count_nodes (dragonfly, WEFT_NODE_GPU), !=, 1000);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/compare/table", test_table);
  g_test_add_func ("/compare/nearest", test_nearest);
  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
