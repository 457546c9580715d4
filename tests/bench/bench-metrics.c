/* bench-metrics.c — metrics and collectives on large fabrics, after an edit, against NetworkX. */
#include "weft-bench.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "collectives/weft-collective.h"
#include "collectives/weft-collective-engine.h"
#include "collectives/weft-training.h"
#include "compare/weft-compare.h"
#include "io/weft-graph-export.h"
#include "metrics/weft-metrics.h"
#include "util/weft-format.h"

static double
timed (WeftFabric       *fabric,
       WeftMetricsFlags  flags,
       WeftMetrics     **out)
{
  g_autoptr(GError) error = NULL;
  double t0 = weft_bench_now ();
  WeftMetrics *metrics = weft_metrics_compute (fabric, flags, NULL, NULL, NULL, &error);
  double t1 = weft_bench_now ();

  g_assert_no_error (error);
  if (out != NULL)
    *out = metrics;
  else
    weft_metrics_free (metrics);
  return t1 - t0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The full metrics three times over: the median is the figure, the worst
 * beside it — one run on a shared 2-core machine swings by a third. */
static void
report_phases (WeftFabric *fabric,
               double      target)
{
  WeftMetrics *metrics = NULL;
  double hops = timed (fabric, WEFT_METRICS_HOPS, NULL);
  double bisection = timed (fabric, WEFT_METRICS_BISECTION, NULL);
  double full[3];

  for (guint i = 0; i < G_N_ELEMENTS (full); i++)
    {
      g_clear_pointer (&metrics, weft_metrics_free);
      full[i] = timed (fabric, WEFT_METRICS_ALL, &metrics);
    }
  qsort (full, G_N_ELEMENTS (full), sizeof (double), compare_doubles);

  printf ("  %u GPUs, %u switches; max %u switch hops, bisection %.0f Gb/s (%s)\n",
          metrics->gpus, metrics->switches, metrics->switch_hops.max, metrics->bisection.gbps,
          metrics->bisection.method);
  weft_bench_report ("hops + latency", hops, "s", 0);
  weft_bench_report ("bisection", bisection, "s", 0);
  weft_bench_report ("full metrics, median of 3", full[1], "s", target);
  weft_bench_report ("full metrics, worst", full[2], "s", 0);
  weft_metrics_free (metrics);
}

/* NetworkX computing the same hop statistics and split max-flow on the same
 * graph, run as a child process; Weft must be 50 times faster. */
static void
compare_networkx (WeftFabric *fabric,
                  double      weft_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftMetrics) metrics =
      weft_metrics_compute (fabric, WEFT_METRICS_BISECTION, NULL, NULL, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *graphml = g_build_filename (dir, "fabric.graphml", NULL);
  g_autofree char *split = g_build_filename (dir, "split.txt", NULL);
  g_autofree char *script =
      g_build_filename (WEFT_SOURCE_ROOT, "tests", "reference", "networkx-check.py", NULL);
  g_autofree char *out = NULL;
  GString *names = g_string_new (NULL);
  const char *argv[] = { "/usr/bin/python3", script, "bench", graphml, split, NULL };
  int status;

  g_assert_no_error (error);
  g_assert_true (weft_fabric_export_graph (fabric, graphml, &error));
  for (guint i = 0; i < metrics->bisection.n_side; i++)
    if (metrics->bisection.side[i] == 0 && weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
      g_string_append_printf (names, "%s\n", weft_fabric_get_node (fabric, i)->name);
  g_file_set_contents (split, names->str, names->len, &error);
  g_string_free (names, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                     &error) ||
      !g_spawn_check_wait_status (status, NULL))
    printf ("  NetworkX reference did not run: %s\n", error ? error->message : "it failed");
  else
    {
      double reference = g_ascii_strtod (out, NULL);

      weft_bench_report ("NetworkX, same hop statistics and split max-flow", reference, "s", 0);
      printf ("  Weft is %.0f× faster (target ≥ 50×)%s\n", reference / weft_seconds,
              reference / weft_seconds >= 50 ? "" : "  MISSED");
    }
  g_unlink (graphml);
  g_unlink (split);
  g_rmdir (dir);
}

static void
bench_fat_tree_k48 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "k", "48", "gpus-per-server", "1", "scale-up", "none", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "fat-tree", pairs);
  double weft_seconds;

  report_phases (fabric, 0.5);
  weft_seconds = timed (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL);
  weft_bench_report ("hops + split max-flow (what NetworkX computes)", weft_seconds, "s", 0);
  compare_networkx (fabric, weft_seconds);
}

static void
bench_fat_tree_k48_servers (WeftCatalog *catalog)
{
  const char *const pairs[] = { "k", "48", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "fat-tree", pairs);

  report_phases (fabric, 0.5);
}

static void
bench_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);

  report_phases (fabric, 10);
}

/* The app's loop: one edit, then the worker recomputes on a copy. Nine
 * edits in a row, each removing another leaf–spine link: the median is
 * the figure, the worst is shown beside it. */
static void
bench_edit_4096 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "4096", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  double copy[9], hops[9], bisection[9];
  guint n = G_N_ELEMENTS (hops), next = 0;

  for (guint edit = 0; edit < n; edit++)
    {
      g_autoptr(GError) error = NULL;
      guint link = WEFT_NONE;
      double t0;

      for (guint i = next; i < weft_fabric_get_n_links (fabric) && link == WEFT_NONE; i++)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);

          if (weft_fabric_get_node (fabric, l->a)->kind == WEFT_NODE_LEAF &&
              weft_fabric_get_node (fabric, l->b)->kind == WEFT_NODE_SPINE)
            link = i;
        }
      g_assert_cmpuint (link, !=, WEFT_NONE);
      next = link + 97;
      weft_fabric_remove_link (fabric, link, &error);
      g_assert_no_error (error);

      t0 = weft_bench_now ();
      {
        g_autoptr(WeftFabric) snapshot = weft_fabric_copy (fabric);

        copy[edit] = weft_bench_now () - t0;
        hops[edit] = timed (snapshot, WEFT_METRICS_HOPS, NULL);
        bisection[edit] = timed (snapshot, WEFT_METRICS_BISECTION, NULL);
      }
    }
  qsort (copy, n, sizeof (double), compare_doubles);
  qsort (hops, n, sizeof (double), compare_doubles);
  qsort (bisection, n, sizeof (double), compare_doubles);
  weft_bench_report ("copy for the worker, median", copy[n / 2], "s", 0);
  weft_bench_report ("hops + latency after one edit, median of 9", hops[n / 2], "s", 0.016);
  weft_bench_report ("hops + latency after one edit, worst", hops[n - 1], "s", 0);
  weft_bench_report ("bisection after one edit, median of 9", bisection[n / 2], "s", 0.1);
  weft_bench_report ("bisection after one edit, worst", bisection[n - 1], "s", 0);
}

/* Plans @op over every GPU of @fabric and times 1 GiB with @algo: the
 * seconds both took, and the result in @out. */
static double
timed_collective (WeftFabric            *fabric,
                  WeftCollectiveOp       op,
                  WeftCollectiveAlgo     algo,
                  WeftCollectiveResult **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  WeftCollectiveResult *result;
  double t0 = weft_bench_now (), t1;

  plan = weft_collective_plan_new (fabric, op, NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  result = weft_collective_plan_time (plan, algo, WEFT_COMPARE_COLLECTIVE_BYTES, 4, &error);
  g_assert_no_error (error);
  t1 = weft_bench_now ();
  weft_collective_result_free (*out);
  *out = result;
  return t1 - t0;
}

static void
print_collective (const WeftCollectiveResult *r)
{
  g_autofree char *time = weft_format_latency (r->time_s * 1e9);
  g_autofree char *latency = weft_format_latency (r->latency_s * 1e9);

  printf ("  %s of 1 GiB over %u GPUs, %s: %u steps, %s (latency %s), busBw %.1f GB/s\n",
          weft_collective_op_to_string (r->op), r->gpus,
          weft_collective_algo_to_string (r->algorithm), r->steps, time, latency, r->busbw_GBps);
}

/* The 131,072-GPU fabric of metrics/rail-optimized-131k: a hierarchical
 * all-reduce, planned (every all-reduce algorithm is) and timed. */
static void
bench_all_reduce_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autoptr(WeftCollectiveResult) result = NULL;
  double seconds[3];

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    seconds[i] = timed_collective (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_HIERARCHICAL, &result);
  print_collective (result);
  weft_bench_report ("plan + time, median of 3", weft_bench_median (seconds, 3), "s", 1);
  weft_bench_report ("plan + time, worst", seconds[2], "s", 0);
}

/* A direct all-to-all on 16,384 GPUs: three tiers, as the default switch
 * (64 ports at 400G) reaches 2,048 GPUs in two. */
static void
bench_all_to_all_16k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "16384", "tiers", "3", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autoptr(WeftCollectiveResult) result = NULL;
  double seconds[3];

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    seconds[i] = timed_collective (fabric, WEFT_OP_ALL_TO_ALL, WEFT_ALGO_DIRECT, &result);
  print_collective (result);
  weft_bench_report ("plan + time, median of 3", weft_bench_median (seconds, 3), "s", 2);
  weft_bench_report ("plan + time, worst", seconds[2], "s", 0);
}

/* What the window's collective engine works out per edit: on
 * metrics/edit-4096's fabric, after each of the same nine edits, the
 * engine's run on the worker's copy — the all-reduce over every GPU planned
 * with auto and timed at 1 GiB, and the default job's training step, on
 * one set of routes. The all-reduce planned alone is shown beside it. */
static void
bench_all_reduce_edit_4096 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "4096", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autoptr(WeftCollectiveResult) result = NULL;
  double seconds[9], both[9];
  guint n = G_N_ELEMENTS (seconds), next = 0;

  for (guint edit = 0; edit < n; edit++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) snapshot = NULL;
      guint link = WEFT_NONE;

      for (guint i = next; i < weft_fabric_get_n_links (fabric) && link == WEFT_NONE; i++)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);

          if (weft_fabric_get_node (fabric, l->a)->kind == WEFT_NODE_LEAF &&
              weft_fabric_get_node (fabric, l->b)->kind == WEFT_NODE_SPINE)
            link = i;
        }
      g_assert_cmpuint (link, !=, WEFT_NONE);
      next = link + 97;
      weft_fabric_remove_link (fabric, link, &error);
      g_assert_no_error (error);
      snapshot = weft_fabric_copy (fabric);
      seconds[edit] = timed_collective (snapshot, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO, &result);
      {
        g_auto(WeftJob) job = { 0 };
        g_autoptr(WeftCollectiveFigures) figures = NULL;
        double t0 = weft_bench_now ();

        figures = weft_collective_figures_compute (snapshot, WEFT_OP_ALL_REDUCE, 0x1p30, &job, TRUE,
                                                   NULL, &error);
        both[edit] = weft_bench_now () - t0;
        g_assert_no_error (error);
        g_assert_true (figures->has_step);
        g_assert_cmpfloat (figures->allreduce_busbw_GBps, ==, result->busbw_GBps);
      }
    }
  print_collective (result);
  weft_bench_report ("all-reduce alone, plan + time after one edit, median of 9",
                     weft_bench_median (seconds, n), "s", 0);
  weft_bench_report ("the panel's figures (all-reduce and step), median of 9",
                     weft_bench_median (both, n), "s", 0.016);
  weft_bench_report ("the panel's figures, worst", both[n - 1], "s", 0);
}

/* weft-cli sweep's default: five architectures at eight sizes, 1,024 to 131,072 GPUs. */
static void
bench_sweep (WeftCatalog *catalog)
{
  const WeftArch archs[] = { WEFT_ARCH_LEAF_SPINE, WEFT_ARCH_FAT_TREE, WEFT_ARCH_RAIL_OPTIMIZED,
                             WEFT_ARCH_RAIL_ONLY, WEFT_ARCH_DRAGONFLY };
  const guint sizes[] = { 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sweep = NULL;
  double t0 = weft_bench_now ();

  sweep = weft_compare_sweep (catalog, archs, G_N_ELEMENTS (archs), sizes, G_N_ELEMENTS (sizes),
                              NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  weft_bench_report ("default sweep, 5 architectures × 8 sizes", weft_bench_now () - t0, "s", 60);
}

const WeftBenchCase weft_bench_metrics_cases[] = {
  { "metrics/fat-tree-k48", "full metrics, k=48 fat tree (27,648 GPUs, one per server)",
    bench_fat_tree_k48, 0 },
  { "metrics/fat-tree-k48-servers", "full metrics, k=48 fat tree in 8-GPU NVLink servers",
    bench_fat_tree_k48_servers, 0 },
  { "metrics/rail-optimized-131k", "full metrics, 131,072 GPUs (3-tier rail-optimized)",
    bench_131k, 1536 },
  { "metrics/edit-4096", "recompute after one edit, 4,096-GPU rail-optimized", bench_edit_4096, 0 },
  { "metrics/sweep", "weft-cli sweep's default", bench_sweep, 0 },
  { "collectives/all-reduce-131k", "hierarchical all-reduce, 131,072 GPUs (3-tier rail-optimized)",
    bench_all_reduce_131k, 0 },
  { "collectives/all-to-all-16k", "direct all-to-all, 16,384 GPUs (3-tier rail-optimized)",
    bench_all_to_all_16k, 0 },
  { "collectives/edit-4096", "the panel's all-reduce and step after one edit, 4,096 GPUs",
    bench_all_reduce_edit_4096, 0 },
  { NULL }
};
