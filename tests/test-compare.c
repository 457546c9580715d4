/* test-compare.c — the comparison table against metrics computed one architecture at a time. */
#include "weft-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "collectives/weft-collective.h"
#include "collectives/weft-training.h"
#include "compare/weft-compare.h"
#include "reliability/weft-reliability.h"
#include "util/weft-format.h"

static WeftCatalog *catalog;

static void
test_table (void)
{
  const WeftArch archs[] = { WEFT_ARCH_FAT_TREE, WEFT_ARCH_RAIL_OPTIMIZED, WEFT_ARCH_RAIL_ONLY,
                             WEFT_ARCH_DRAGONFLY };
  const char *settings[] = { "speed", "400", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = weft_compare_run (catalog, archs, G_N_ELEMENTS (archs), 1024,
                                                    settings, NULL, NULL, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonArray *out;

  g_assert_no_error (error);
  g_assert_cmpuint (columns->len, ==, G_N_ELEMENTS (archs));
  json = weft_compare_to_json (columns);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  out = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                      "columns");

  for (guint c = 0; c < columns->len; c++)
    {
      WeftCompareColumn *column = g_ptr_array_index (columns, c);
      JsonObject *o = json_array_get_object_element (out, c);
      JsonObject *first = json_array_get_object_element (out, 0);
      g_autofree char *note = NULL;
      g_autoptr(WeftFabric) alone =
          weft_compare_generate (catalog, archs[c], 1024, settings, &note, &error);
      g_autoptr(WeftMetrics) metrics = NULL;
      g_autoptr(WeftCollectiveResult) all_reduce = NULL;
      g_autoptr(WeftCollectiveResult) all_to_all = NULL;

      /* The same fabric, measured on its own, gives the column's figures. */
      g_assert_no_error (error);
      g_assert_cmpstr (note, ==, column->note);
      metrics = weft_metrics_compute (alone, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL,
                                      NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (json_object_get_double_member (o, "gpus"), ==, metrics->gpus);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "cost_usd"),
                                      metrics->cost.usd, 1e-6);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "power_w"),
                                      metrics->cost.watts, 1e-6);
      g_assert_cmpfloat (json_object_get_double_member (o, "hops_mean"), ==,
                         metrics->switch_hops.mean);
      g_assert_cmpfloat (json_object_get_double_member (o, "hops_max"), ==,
                         metrics->switch_hops.max);
      g_assert_cmpfloat (json_object_get_double_member (o, "bisection_ratio"), ==,
                         metrics->bisection.ratio);
      g_assert_cmpfloat (json_object_get_double_member (o, "latency_max_ns"), ==,
                         metrics->latency.max_ns);
      /* And the collectives: a 1 GiB buffer over every GPU, the fastest algorithm. */
      all_reduce = weft_collective_run (alone, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO,
                                        WEFT_COMPARE_COLLECTIVE_BYTES, NULL, 0, &error);
      g_assert_no_error (error);
      all_to_all = weft_collective_run (alone, WEFT_OP_ALL_TO_ALL, WEFT_ALGO_AUTO,
                                        WEFT_COMPARE_COLLECTIVE_BYTES, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (all_reduce->busbw_GBps, >, 0);
      g_assert_cmpfloat (all_to_all->busbw_GBps, >, 0);
      g_assert_cmpfloat (json_object_get_double_member (o, "allreduce_busbw_GBps"), ==,
                         all_reduce->busbw_GBps);
      g_assert_cmpfloat (json_object_get_double_member (o, "alltoall_busbw_GBps"), ==,
                         all_to_all->busbw_GBps);
      g_assert_cmpfloat (weft_compare_value (column, "alltoall_busbw"), ==, all_to_all->busbw_GBps);
      /* Differences are to the first column. */
      g_assert_cmpfloat_with_epsilon (
          json_object_get_double_member (json_object_get_object_member (o, "difference"),
                                         "cost_usd"),
          metrics->cost.usd - json_object_get_double_member (first, "cost_usd"), 1e-6);
    }
}

/* The capacity each way, in bytes per second, of @gpu's link of @klass (the
 * first one: a GPU has one NVLink record and one NIC). */
static double
gpu_link_Bps (WeftFabric    *fabric,
              guint32        gpu,
              WeftLinkClass  klass)
{
  for (guint l = 0; l < weft_fabric_get_n_links (fabric); l++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, l);

      if ((link->a == gpu || link->b == gpu) && link->link_class == klass)
        return link->count * link->speed_gbps * 1e9 / 8;
    }
  g_assert_not_reached ();
}

/* Rail-only against rail-optimized with the same hardware (400G NICs,
 * 8-GPU NVLink 4 servers, the default switch): what the collective model
 * gives, derived from the hardware rather than copied from a run. */
static void
test_rail_collectives (void)
{
  const WeftArch archs[] = { WEFT_ARCH_RAIL_OPTIMIZED, WEFT_ARCH_RAIL_ONLY };
  const char *settings[] = { "speed", "400", NULL };
  const double S = WEFT_COMPARE_COLLECTIVE_BYTES;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = weft_compare_run (catalog, archs, 2, 4096, settings, NULL, NULL,
                                                   NULL, &error);
  WeftCollectiveResult *reduce[2], *a2a[2];
  double n = 4096, m = 8, k = n / m;

  g_assert_no_error (error);
  for (guint c = 0; c < 2; c++)
    {
      WeftCompareColumn *column = g_ptr_array_index (columns, c);
      WeftFabric *fabric = column->fabric;
      guint32 gpu = 0;
      double nvlink, nic;

      while (weft_fabric_get_node (fabric, gpu)->kind != WEFT_NODE_GPU)
        gpu++;
      nvlink = gpu_link_Bps (fabric, gpu, WEFT_LINK_SCALE_UP);
      nic = gpu_link_Bps (fabric, gpu, WEFT_LINK_SCALE_OUT);
      g_assert_cmpuint (column->metrics->gpus, ==, n);
      reduce[c] = weft_collective_run (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO, S, NULL, 0,
                                       &error);
      g_assert_no_error (error);
      a2a[c] = weft_collective_run (fabric, WEFT_OP_ALL_TO_ALL, WEFT_ALGO_AUTO, S, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (column->allreduce_busbw_GBps, ==, reduce[c]->busbw_GBps);
      g_assert_cmpfloat (column->alltoall_busbw_GBps, ==, a2a[c]->busbw_GBps);

      /* All-reduce: hierarchical wins at 1 GiB. Its transfer is the ring
       * inside each server, 2(m−1) steps of S/m over a GPU's NVLinks, plus
       * the ring on each rail, 2(k−1) steps of S/(mk) over its NIC: the
       * same links in both designs, since a rail's ring never leaves its
       * rail's switches. */
      g_assert_cmpint (reduce[c]->algorithm, ==, WEFT_ALGO_HIERARCHICAL);
      g_assert_cmpfloat_with_epsilon (reduce[c]->transfer_s /
                                      (2 * (m - 1) * S / m / nvlink +
                                       2 * (k - 1) * S / (m * k) / nic),
                                      1, 1e-9);

      /* All-to-all: every byte that leaves a server crosses exactly one of
       * its NICs, and the NICs of a server carry alike (the rails are
       * symmetric), so each NIC sends S(n−m)/n. Rail-only has no path from
       * one rail to another but through a server's NVSwitch (PXN); that
       * relay runs beside the NIC at nine times its speed, so the NIC is
       * still the bottleneck, in both designs. */
      g_assert_cmpfloat_with_epsilon (a2a[c]->transfer_s / (S * (n - m) / n / nic), 1, 1e-9);
    }

  /* So the two differ only in latency. Rail-only's rails have fewer
   * switches on their paths than the spines rail-optimized adds for
   * cross-rail traffic, so its latency is no higher: its busBw is not
   * below rail-optimized's, and above it by at most the latency's share.
   * The model gives the missing spines no bandwidth cost; the rail-only
   * paper's all-to-all overhead is on training time (README). */
  for (guint i = 0; i < 2; i++)
    {
      WeftCollectiveResult **r = i == 0 ? reduce : a2a;

      g_assert_cmpfloat (r[1]->latency_s, <=, r[0]->latency_s);
      g_assert_cmpfloat (r[1]->busbw_GBps, >=, r[0]->busbw_GBps);
      g_assert_cmpfloat (r[1]->busbw_GBps, <=,
                         r[0]->busbw_GBps * (1 + r[0]->latency_s / r[0]->transfer_s));
    }
  /* The all-to-all is one step of a few µs against ~20 ms of transfer:
   * rail-only's busBw is rail-optimized's to within 0.1%. */
  g_assert_cmpfloat (a2a[1]->busbw_GBps, <=, a2a[0]->busbw_GBps * 1.001);
  for (guint c = 0; c < 2; c++)
    {
      weft_collective_result_free (reduce[c]);
      weft_collective_result_free (a2a[c]);
    }
}

/* A figure not computed (the all-to-all above its size limit) is a dash
 * in the table, null in JSON, an empty CSV cell, and a line under the text. */
static void
test_left_out (void)
{
  const WeftArch archs[] = { WEFT_ARCH_LEAF_SPINE, WEFT_ARCH_RAIL_ONLY };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = weft_compare_run (catalog, archs, 2, 256, NULL, NULL, NULL, NULL,
                                                   &error);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *left_out = NULL;
  WeftCompareColumn *second;
  JsonObject *root, *o;
  char **line;

  g_assert_no_error (error);
  g_assert_null (weft_compare_left_out (columns));
  second = g_ptr_array_index (columns, 1);
  g_assert_cmpfloat (second->alltoall_busbw_GBps, >, 0);
  /* As weft_compare_measure leaves a column above the limit. */
  second->requested_gpus = WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS + 1;
  second->alltoall_busbw_GBps = NAN;

  left_out = weft_compare_left_out (columns);
  g_assert_nonnull (left_out);
  cells = weft_compare_to_cells (columns);
  /* The all-to-all's row, fourth from last: the step, interruptions and goodput follow. */
  line = g_ptr_array_index (cells, cells->len - 4);
  g_assert_cmpstr (line[0], ==, "all-to-all busBw, 1 GiB");
  g_assert_true (g_str_has_suffix (line[1], " GB/s"));
  g_assert_cmpstr (line[2], ==, "—");
  text = weft_compare_to_text (columns);
  g_assert_nonnull (strstr (text, left_out));
  json = weft_compare_to_json (columns);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  o = json_array_get_object_element (json_object_get_array_member (root, "columns"), 1);
  g_assert_true (json_object_get_null_member (o, "alltoall_busbw_GBps"));
  g_assert_cmpfloat (json_object_get_double_member (o, "allreduce_busbw_GBps"), >, 0);
  csv = weft_compare_to_csv (columns);
  /* The all-to-all's cell in the second column is empty: the row ends at the comma. */
  g_assert_nonnull (strstr (csv, "\nalltoall_busbw_GBps,"));
  g_assert_nonnull (strstr (strstr (csv, "\nalltoall_busbw_GBps,"), ",\nstep_s,"));
  {
    g_auto(WeftJob) job = { 0 };
    g_auto(WeftStepTime) step = { 0 };

    /* The default job's step, timed on the column's own fabric. */
    g_assert_true (weft_job_default (second->fabric, &job, NULL));
    g_assert_true (weft_training_step (second->fabric, &job, &step, NULL, NULL));
    g_assert_cmpfloat (second->step_s, ==, step.step_s);
  }
  {
    g_autoptr(WeftReliability) r = weft_reliability_compute (second->fabric, NULL, NULL);

    /* The reliability sums, computed on the column's own fabric. */
    g_assert_cmpfloat (second->interruptions_per_day, ==, r->interruptions_per_day);
    g_assert_cmpfloat (second->goodput, ==, r->goodput);
    g_assert_cmpfloat (weft_compare_value (second, "interruptions"), ==, r->interruptions_per_day);
    g_assert_nonnull (strstr (csv, "\ninterruptions_per_day,"));
    g_assert_nonnull (strstr (csv, "\ngoodput,"));
  }
  g_assert_true (isnan (weft_compare_value (second, "alltoall_busbw")));
}

/* A fabric whose GPUs cannot all reach each other (the window's edited
 * fabric, say) still gets its metrics; its collective figures are missing
 * and the note says why. */
static void
test_disconnected (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autoptr(WeftFabric) fabric = weft_compare_generate (catalog, WEFT_ARCH_RAIL_OPTIMIZED, 256,
                                                        NULL, &note, &error);
  WeftCompareColumn column = { 0 };

  g_assert_no_error (error);
  /* Server 0 loses every scale-out link: its domain is an island. */
  for (guint l = weft_fabric_get_n_links (fabric); l-- > 0;)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, l);

      if (link->link_class == WEFT_LINK_SCALE_OUT &&
          (weft_fabric_get_node (fabric, link->a)->groups.server == 0 ||
           weft_fabric_get_node (fabric, link->b)->groups.server == 0))
        {
          weft_fabric_remove_link (fabric, l, &error);
          g_assert_no_error (error);
        }
    }
  column.requested_gpus = 256;
  g_assert_true (weft_compare_measure (&column, fabric, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (column.metrics->unreachable_pairs, >, 0);
  g_assert_true (isnan (column.allreduce_busbw_GBps));
  g_assert_true (isnan (column.alltoall_busbw_GBps));
  g_assert_nonnull (column.note);
  g_assert_true (g_str_has_prefix (column.note, "no all-reduce: "));
  g_assert_nonnull (strstr (column.note, "cannot reach"));
  g_free (column.note);
  weft_metrics_free (column.metrics);
}

/* Sizes a shape cannot reach: a third tier, or the nearest size it can. */
static void
test_nearest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note2 = NULL;
  g_autoptr(WeftFabric) clos =
      weft_compare_generate (catalog, WEFT_ARCH_LEAF_SPINE, 8192, NULL, &note, &error);
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

/* Dragonfly+, Slim Fly, HyperX and Jellyfish shape themselves to a GPU
 * count: exactly at the sweep's powers of two (Slim Fly and Dragonfly+ as
 * far as 64-port switches reach), or the nearest size there is. */
static void
test_direct_networks (void)
{
  const WeftArch archs[] = { WEFT_ARCH_DRAGONFLY_PLUS, WEFT_ARCH_SLIM_FLY, WEFT_ARCH_HYPERX,
                             WEFT_ARCH_JELLYFISH };
  const guint sizes[] = { 1024, 4096, 1000 };

  for (guint a = 0; a < G_N_ELEMENTS (archs); a++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *note = NULL;
        g_autoptr(WeftFabric) fabric = weft_compare_generate (catalog, archs[a], sizes[i], NULL,
                                                              &note, &error);
        guint gpus;

        g_test_message ("%s at %u: %s", weft_arch_to_string (archs[a]), sizes[i], note);
        g_assert_no_error (error);
        gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
        if (sizes[i] != 1000 || archs[a] == WEFT_ARCH_JELLYFISH || archs[a] == WEFT_ARCH_HYPERX)
          {
            g_assert_null (note);
            g_assert_cmpuint (gpus, ==, sizes[i]);
          }
        else
          {
            g_assert_true (g_str_has_prefix (note, "nearest size: "));
            g_assert_cmpuint (gpus, ==, 1024);
          }
      }
}

/* A sweep's chart: a line per architecture in every panel, the doubling
 * GPU axis labelled, and the CSV rows the same figures as a comparison. */
static void
test_sweep (void)
{
  const WeftArch archs[] = { WEFT_ARCH_FAT_TREE, WEFT_ARCH_RAIL_ONLY };
  const guint sizes[] = { 256, 512, 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sweep =
      weft_compare_sweep (catalog, archs, 2, sizes, 3, NULL, NULL, NULL, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("weft-sweep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *svg = NULL;
  const char *cli[] = { g_getenv ("WEFT_CLI"),
                        "sweep",
                        "--archs",
                        "fat-tree,rail-only",
                        "--gpus",
                        "256:1024",
                        "--metrics",
                        "cost_per_gpu,max_hops",
                        "-o",
                        path,
                        NULL };
  guint series = 0;
  int status;

  g_assert_no_error (error);
  g_assert_cmpuint (sweep->len, ==, 6);
  for (guint i = 0; i < sweep->len; i++)
    {
      WeftCompareColumn *column = g_ptr_array_index (sweep, i);
      g_autoptr(GPtrArray) one = weft_compare_run (
          catalog, &column->arch, 1, column->requested_gpus, NULL, NULL, NULL, NULL, &error);
      const WeftCompareColumn *alone = g_ptr_array_index (one, 0);

      g_assert_null (column->fabric);
      g_assert_cmpfloat (weft_compare_value (column, "cost_per_gpu"), ==,
                         weft_compare_value (alone, "cost_per_gpu"));
      g_assert_cmpfloat (weft_compare_value (column, "max_hops"), ==,
                         alone->metrics->switch_hops.max);
      /* The collectives were measured before the sweep let the fabric go. */
      g_assert_cmpfloat (weft_compare_value (column, "allreduce_busbw_GBps"), >, 0);
      g_assert_cmpfloat (weft_compare_value (column, "allreduce_busbw_GBps"), ==,
                         alone->allreduce_busbw_GBps);
      g_assert_cmpfloat (weft_compare_value (column, "alltoall_busbw_GBps"), ==,
                         alone->alltoall_busbw_GBps);
    }

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  for (const char *p = strstr (svg, "class=\"series\""); p != NULL;
       p = strstr (p + 1, "class=\"series\""))
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
  const char *cli[] = { g_getenv ("WEFT_CLI"), "compare", "--gpus", "1024", "--archs",
                        "fat-tree,rail-only",  "-o",      path,     NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Fat tree</text>"));
  g_assert_nonnull (strstr (svg, ">Rail-only</text>"));
  g_assert_nonnull (strstr (svg, ">cost per GPU</text>"));
  g_assert_nonnull (strstr (svg, ">switch hops, max</text>"));
  g_unlink (path);
  g_rmdir (dir);
}

/* A torus shapes itself to a GPU count: three rings whose product is the
 * count, or the product nearest it, which the note names. */
static void
test_torus (void)
{
  const guint sizes[] = { 1000, 1024, 4096, 1031 };
  const WeftArch torus = WEFT_ARCH_TORUS;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *note = NULL;
      g_autoptr(WeftFabric) fabric =
          weft_compare_generate (catalog, WEFT_ARCH_TORUS, sizes[i], NULL, &note, &error);
      guint gpus;

      g_assert_no_error (error);
      gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
      g_test_message ("torus at %u: %u GPUs, %s", sizes[i], gpus, note);
      /* Each accelerator has its router. */
      g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, gpus);
      if (sizes[i] != 1031)
        {
          /* 10 × 10 × 10, 16 × 8 × 8, 16 × 16 × 16. */
          g_assert_null (note);
          g_assert_cmpuint (gpus, ==, sizes[i]);
        }
      else
        {
          /* A prime: no three rings of two or more make it; 1030 = 103 × 5 × 2
           * and 1032 = 43 × 6 × 4 miss by one. */
          g_autofree char *count = weft_format_count (gpus);
          g_autofree char *expected = g_strdup_printf ("nearest size: %s GPUs", count);

          g_assert_cmpstr (note, ==, expected);
          g_assert_cmpuint (gpus == 1030 || gpus == 1032, ==, TRUE);
        }
    }
  /* And it is measured beside the others. */
  columns = weft_compare_run (catalog, &torus, 1, 64, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* 4 × 4 × 4: the farthest chip is 2 + 2 + 2 ring steps away, 7 routers on the way. */
  g_assert_cmpfloat (weft_compare_value (g_ptr_array_index (columns, 0), "max_hops"), ==, 7);
}

static WeftCompareColumn *
made_up_column (double usd,
                double latency_max_ns,
                double ratio,
                double hops_max)
{
  WeftCompareColumn *column = g_new0 (WeftCompareColumn, 1);

  column->arch = WEFT_ARCH_LEAF_SPINE;
  column->metrics = g_new0 (WeftMetrics, 1);
  column->metrics->gpus = 1000;
  column->metrics->cost.usd = usd;
  column->metrics->latency.max_ns = latency_max_ns;
  column->metrics->bisection.ratio = ratio;
  column->metrics->switch_hops.max = hops_max;
  column->allreduce_busbw_GBps = column->alltoall_busbw_GBps = NAN;
  column->step_s = column->interruptions_per_day = column->goodput = NAN;
  return column;
}

static char **
row_named (GPtrArray  *cells,
           const char *label)
{
  for (guint r = 0; r < cells->len; r++)
    if (g_str_equal (((char **) g_ptr_array_index (cells, r))[0], label))
      return g_ptr_array_index (cells, r);
  g_assert_not_reached ();
}

static guint
row_index (GPtrArray  *cells,
           const char *label)
{
  for (guint r = 0; r < cells->len; r++)
    if (g_str_equal (((char **) g_ptr_array_index (cells, r))[0], label))
      return r;
  g_assert_not_reached ();
}

/* A row reads in one unit, its largest figure's, differences too; a whole
 * number of hops has no decimals; a small difference shows in both the
 * figure and its change; and a change is better or worse by the figure. */
static void
test_row_units (void)
{
  g_autoptr(GPtrArray) columns =
      g_ptr_array_new_with_free_func ((GDestroyNotify) weft_compare_column_free);
  g_autoptr(GPtrArray) cells = NULL;
  char **line;

  g_ptr_array_add (columns, made_up_column (4.77e6, 1060, 1.0, 3));
  g_ptr_array_add (columns, made_up_column (16.33e6, 1850, 0.9996, 5));
  g_ptr_array_add (columns, made_up_column (942e3, 107, 0.5, 3));
  cells = weft_compare_to_cells (columns);

  line = row_named (cells, "cost");
  g_assert_cmpstr (line[1], ==, "$4.77M");
  g_assert_cmpstr (line[2], ==, "$16.3M (+$11.6M)");
  g_assert_cmpstr (line[3], ==, "$0.94M (−$3.83M)");
  line = row_named (cells, "latency, max");
  g_assert_cmpstr (line[1], ==, "1.06 µs");
  g_assert_cmpstr (line[2], ==, "1.85 µs (+0.79 µs)");
  g_assert_cmpstr (line[3], ==, "0.11 µs (−0.95 µs)");
  /* 99.96% is not 100.0%: a second decimal for the whole row. */
  line = row_named (cells, "bisection, share of full");
  g_assert_cmpstr (line[1], ==, "100.00%");
  g_assert_cmpstr (line[2], ==, "99.96% (−0.04 pp)");
  g_assert_cmpstr (line[3], ==, "50.00% (−50.00 pp)");
  line = row_named (cells, "switch hops, max");
  g_assert_cmpstr (line[1], ==, "3");
  g_assert_cmpstr (line[2], ==, "5 (+2)");
  g_assert_cmpstr (line[3], ==, "3");

  /* Dearer, slower and narrower is worse; cheaper is better; no change and counts are neither. */
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "cost"), 2), ==, -1);
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "cost"), 3), ==, 1);
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "cost"), 1), ==, 0);
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "latency, max"), 3), ==,
                   1);
  g_assert_cmpint (
      weft_compare_cell_verdict (columns, row_index (cells, "bisection, share of full"), 2), ==,
      -1);
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "switch hops, max"), 3),
                   ==, 0);
  g_assert_cmpint (weft_compare_cell_verdict (columns, row_index (cells, "GPUs"), 2), ==, 0);
}

/* A chart panel without a line says why: one size swept gives a dot per
 * architecture and the sentence; two sizes give lines and no sentence. */
static void
test_sweep_one_size (void)
{
  const struct { const char *gpus; guint sentences; } cases[] = {
    { "64:64", 2 }, { "128:128", 2 }, { "64:128", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("weft-sweep-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
      g_autofree char *svg = NULL;
      const char *cli[] = { g_getenv ("WEFT_CLI"), "sweep", "--archs", "fat-tree,torus",
                            "--gpus", cases[i].gpus, "--metrics", "cost_per_gpu,max_hops",
                            "-o", path, NULL };
      g_auto(GStrv) bounds = g_strsplit (cases[i].gpus, ":", 2);
      g_autofree char *sentence =
          g_strdup_printf (">Only %s GPUs was measured: a line needs two sizes</text>", bounds[0]);
      guint found = 0;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                   NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
      for (const char *p = strstr (svg, sentence); p != NULL; p = strstr (p + 1, sentence))
        found++;
      g_assert_cmpuint (found, ==, cases[i].sentences);
      if (cases[i].sentences == 0)
        g_assert_null (strstr (svg, "a line needs"));
      g_unlink (path);
      g_rmdir (dir);
    }
}

/* Ten architectures, more than the chart has colours: the series past the
 * seventh repeat a colour with hollow markers, so no two look alike. */
static void
test_sweep_series_apart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-sweep-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *svg = NULL;
  const char *cli[] = { g_getenv ("WEFT_CLI"), "sweep", "--archs",
                        "leaf-spine,fat-tree,rail-optimized,rail-only,dragonfly,dragonfly-plus,"
                        "slim-fly,hyperx,jellyfish,torus",
                        "--gpus", "64:128", "--metrics", "max_hops", "-o", path, NULL };
  g_autoptr(GHashTable) looks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) cli, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  for (guint s = 0; s < 10; s++)
    {
      g_autofree char *id = g_strdup_printf ("<g id=\"series-%u-panel-0\"", s);
      const char *group = strstr (svg, id);
      const char *circle = group ? strstr (group, "<circle") : NULL;
      const char *r = circle ? strstr (circle, " r=\"") : NULL;
      const char *end = r ? strstr (r, "/>") : NULL;

      g_assert_nonnull (end);
      /* Its look: the marker's radius, fill and stroke, as written. */
      g_assert_true (g_hash_table_add (looks, g_strndup (r, end - r)));
      g_assert_cmpint (strstr (r, "stroke=") != NULL && strstr (r, "stroke=") < end, ==, s >= 7);
    }
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
  g_test_add_func ("/compare/rail-collectives", test_rail_collectives);
  g_test_add_func ("/compare/left-out", test_left_out);
  g_test_add_func ("/compare/disconnected", test_disconnected);
  g_test_add_func ("/compare/nearest", test_nearest);
  g_test_add_func ("/compare/direct-networks", test_direct_networks);
  g_test_add_func ("/compare/sweep", test_sweep);
  g_test_add_func ("/compare/table-file", test_table_file);
  g_test_add_func ("/compare/torus", test_torus);
  g_test_add_func ("/compare/sweep-one-size", test_sweep_one_size);
  g_test_add_func ("/compare/sweep-series-apart", test_sweep_series_apart);
  g_test_add_func ("/compare/row-units", test_row_units);
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
