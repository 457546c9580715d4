/* bench-reliability.c — the interruption figures at 131,072 GPUs, and every figure after one
 * switch fails on 4,096. */
#include "weft-bench.h"

#include <stdio.h>

#include "collectives/weft-collective.h"
#include "collectives/weft-training.h"
#include "metrics/weft-metrics.h"
#include "model/weft-failure.h"
#include "reliability/weft-reliability.h"

/* The 131,072-GPU fabric of metrics/rail-optimized-131k: which losses
 * interrupt, and the sums over them. */
static void
bench_reliability_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  double seconds[3];
  double per_day = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      double t0 = weft_bench_now ();
      g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, NULL);

      seconds[i] = weft_bench_now () - t0;
      g_assert_nonnull (r);
      per_day = r->interruptions_per_day;
    }
  printf ("  %.3g interruptions a day\n", per_day);
  weft_bench_report ("reliability figures, median of 3", weft_bench_median (seconds, 3), "s", 1);
}

/* What the window recomputes when a spine of 4,096 GPUs is marked failed:
 * the fabric without it, hops, latency and bisection, the all-reduce over
 * every GPU, the default job's step and the reliability figures. */
static double
all_figures_without (WeftFabric *fabric,
                     const char *spine)
{
  const char *elements[] = { spine, NULL };
  g_autoptr(GError) error = NULL;
  double t0 = weft_bench_now ();
  g_autoptr(WeftFabric) failed = weft_fabric_without (fabric, elements, &error);
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;
  g_autoptr(WeftReliability) reliability = NULL;
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };

  g_assert_no_error (error);
  metrics = weft_metrics_compute (failed, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL,
                                  NULL, &error);
  g_assert_no_error (error);
  plan = weft_collective_plan_new (failed, WEFT_OP_ALL_REDUCE, NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, 1024.0 * 1024 * 1024, 1, &error);
  g_assert_no_error (error);
  g_assert_true (weft_job_default (failed, &job, &error));
  g_assert_true (weft_training_step (failed, &job, &step, NULL, &error));
  reliability = weft_reliability_compute (failed, NULL, &error);
  g_assert_no_error (error);
  return weft_bench_now () - t0;
}

static void
bench_fail_spine_4096 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "4096", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  double seconds[5];

  for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
    {
      g_autofree char *spine = g_strdup_printf ("node:spine-%u", i);

      seconds[i] = all_figures_without (fabric, spine);
    }
  weft_bench_report ("all figures without a spine, median of 5",
                     weft_bench_median (seconds, 5), "s", 0.1);
  weft_bench_report ("all figures without a spine, worst", seconds[4], "s", 0);
}

const WeftBenchCase weft_bench_reliability_cases[] = {
  { "reliability/131k", "interruptions, MTTI and goodput of 131,072 GPUs, 3-tier rail-optimized",
    bench_reliability_131k, 0 },
  { "reliability/fail-spine-4096", "4,096 GPUs, one spine failed: every figure recomputed",
    bench_fail_spine_4096, 0 },
  { NULL }
};
