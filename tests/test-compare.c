/* test-compare.c — the comparison table against metrics computed one architecture at a time. */
#include "weft-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "compare/weft-compare.h"

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

/* A sweep's chart: a line per architecture in every panel, the doubling
 * GPU axis labelled, and the CSV rows the same figures as a comparison. */
static void
test_sweep (void)
{
  const WeftArch archs[] = { WEFT_ARCH_FAT_TREE, WEFT_ARCH_RAIL_ONLY };
  const guint sizes[] = { 256, 512, 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sweep = weft_compare_sweep (catalog, archs, 2, sizes, 3, NULL, NULL, NULL, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("weft-sweep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *svg = NULL;
  const char *cli[] = { g_getenv ("WEFT_CLI"), "sweep", "--archs", "fat-tree,rail-only", "--gpus", "256:1024",
                        "--metrics", "cost_per_gpu,max_hops", "-o", path, NULL };
  guint series = 0;
  int status;

  g_assert_no_error (error);
  g_assert_cmpuint (sweep->len, ==, 6);
  for (guint i = 0; i < sweep->len; i++)
    {
      WeftCompareColumn *column = g_ptr_array_index (sweep, i);
      g_autoptr(GPtrArray) one = weft_compare_run (catalog, &column->arch, 1, column->requested_gpus, NULL,
                                                   NULL, NULL, NULL, &error);
      const WeftMetrics *alone = ((WeftCompareColumn *) g_ptr_array_index (one, 0))->metrics;

      g_assert_null (column->fabric);
      g_assert_cmpfloat (weft_compare_value (column->metrics, "cost_per_gpu"), ==,
                         weft_compare_value (alone, "cost_per_gpu"));
      g_assert_cmpfloat (weft_compare_value (column->metrics, "max_hops"), ==, alone->switch_hops.max);
    }

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  for (const char *p = strstr (svg, "class=\"series\""); p != NULL; p = strstr (p + 1, "class=\"series\""))
    series++;
  g_assert_cmpuint (series, ==, 2 * 2);           /* two architectures, two panels */
  g_assert_nonnull (strstr (svg, ">Fat tree</text>"));
  g_assert_nonnull (strstr (svg, ">Rail-only</text>"));
  g_assert_nonnull (strstr (svg, ">cost per GPU (USD)</text>"));
  g_assert_nonnull (strstr (svg, ">GPUs (log₂)</text>"));
  g_assert_nonnull (strstr (svg, ">256</text>"));
  g_assert_nonnull (strstr (svg, ">1k</text>"));
  g_unlink (path);
  g_rmdir (dir);
}

/* compare -o table.svg draws the same table, text as text. */
static void
test_table_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-compare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "table.svg", NULL);
  g_autofree char *svg = NULL;
  const char *cli[] = { g_getenv ("WEFT_CLI"), "compare", "--gpus", "1024", "--archs", "fat-tree,rail-only",
                        "-o", path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Fat tree</text>"));
  g_assert_nonnull (strstr (svg, ">Rail-only</text>"));
  g_assert_nonnull (strstr (svg, ">cost per GPU</text>"));
  g_assert_nonnull (strstr (svg, ">switch hops, max</text>"));
  g_unlink (path);
  g_rmdir (dir);
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
  g_test_add_func ("/compare/sweep", test_sweep);
  g_test_add_func ("/compare/table-file", test_table_file);
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
