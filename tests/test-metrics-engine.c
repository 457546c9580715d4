/* test-metrics-engine.c — the app's live metrics: sums in the same turn, the rest from the worker, never stale. */
#include "weft-test-util.h"

#include "weft-metrics-engine.h"

static WeftCatalog *catalog;

static void
updated_cb (WeftMetricsEngine *engine,
            guint             *count)
{
  WeftMetricsFlags current = weft_metrics_engine_get_current (engine);

  /* A result is only ever shown for the fabric as it is: hops and latency
   * first, bisection after them. */
  g_assert_true (current & WEFT_METRICS_HOPS);
  if (*count % 2 == 0)
    g_assert_cmpuint (current, ==, WEFT_METRICS_HOPS);
  else
    g_assert_cmpuint (current, ==, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION);
  (*count)++;
}

static void
totals_cb (WeftMetricsEngine *engine,
           guint             *count)
{
  (*count)++;
}

static void
wait_idle (WeftMetricsEngine *engine)
{
  while (weft_metrics_engine_get_busy (engine))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_engine (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=512", NULL);
  g_autoptr(WeftMetricsEngine) engine = weft_metrics_engine_new (fabric);
  g_autoptr(WeftMetrics) direct = NULL;
  const WeftMetrics *live;
  WeftCostTotals fresh;
  guint updates = 0, totals = 0, link = 0;

  g_signal_connect (engine, "updated", G_CALLBACK (updated_cb), &updates);
  g_signal_connect (engine, "totals-changed", G_CALLBACK (totals_cb), &totals);
  g_assert_true (weft_metrics_engine_get_busy (engine));
  wait_idle (engine);
  g_assert_cmpuint (updates, ==, 2);
  g_assert_cmpuint (weft_metrics_engine_get_metrics_generation (engine), ==,
                    weft_fabric_get_generation (fabric));
  live = weft_metrics_engine_get_metrics (engine);
  direct = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL, NULL, NULL);
  g_assert_cmpfloat (live->switch_hops.mean, ==, direct->switch_hops.mean);
  g_assert_cmpfloat (live->latency.max_ns, ==, direct->latency.max_ns);
  g_assert_cmpfloat (live->bisection.gbps, ==, direct->bisection.gbps);

  /* A burst of edits: the sums follow each one at once, the signal comes
   * once for them all and the worker runs for the last. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    if (weft_fabric_get_node (fabric, weft_fabric_get_link (fabric, i)->a)->kind == WEFT_NODE_LEAF)
      {
        link = i;
        break;
      }
  for (guint k = 0; k < 5; k++)
    {
      g_assert_true (weft_fabric_set_link_medium (fabric, link, k % 2 ? WEFT_MEDIUM_LPO : WEFT_MEDIUM_DSP, NULL));
      weft_cost_totals_init (&fresh, fabric);
      g_assert_cmpfloat_with_epsilon (weft_metrics_engine_get_totals (engine)->usd, fresh.usd, 1e-6 * fresh.usd);
      g_assert_cmpfloat_with_epsilon (weft_metrics_engine_get_totals (engine)->watts, fresh.watts, 1e-6 * fresh.watts);
    }
  g_assert_cmpuint (totals, ==, 0);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (totals, ==, 1);
  g_assert_true (weft_fabric_remove_link (fabric, link, NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, 0);
  wait_idle (engine);
  g_assert_cmpuint (updates, >=, 4);
  g_assert_cmpuint (updates % 2, ==, 0);
  g_assert_cmpuint (weft_metrics_engine_get_metrics_generation (engine), ==,
                    weft_fabric_get_generation (fabric));
  weft_metrics_free (g_steal_pointer (&direct));
  direct = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL, NULL, NULL);
  live = weft_metrics_engine_get_metrics (engine);
  g_assert_cmpfloat (live->bisection.gbps, ==, direct->bisection.gbps);
  g_assert_cmpfloat (live->latency.mean_ns, ==, direct->latency.mean_ns);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/metrics-engine/live", test_engine);
  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
