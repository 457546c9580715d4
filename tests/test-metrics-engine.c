/* test-metrics-engine.c — the app's live metrics: sums in the same turn, the rest from the worker,
 * never stale, and nothing recomputed that an edit cannot change. */
#include "weft-test-util.h"

#include "metrics/weft-metrics-engine.h"

static WeftCatalog *catalog;

static void
updated_cb (WeftMetricsEngine *engine,
            guint             *count)
{
  /* Figures are only ever announced when some hold for the fabric as it is. */
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), !=, 0);
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
  direct = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL,
                                 NULL, NULL);
  g_assert_cmpfloat (live->switch_hops.mean, ==, direct->switch_hops.mean);
  g_assert_cmpfloat (live->latency.max_ns, ==, direct->latency.max_ns);
  g_assert_cmpfloat (live->bisection.gbps, ==, direct->bisection.gbps);

  /* A burst of edits: the sums follow each one at once, and say so; the
   * worker runs for the last. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    if (weft_fabric_get_node (fabric, weft_fabric_get_link (fabric, i)->a)->kind == WEFT_NODE_LEAF)
      {
        link = i;
        break;
      }
  for (guint k = 0; k < 5; k++)
    {
      g_assert_true (weft_fabric_set_link_medium (fabric, link,
                                                  k % 2 ? WEFT_MEDIUM_LPO : WEFT_MEDIUM_DSP, NULL));
      weft_cost_totals_init (&fresh, fabric);
      g_assert_cmpfloat_with_epsilon (weft_metrics_engine_get_totals (engine)->usd, fresh.usd,
                                      1e-6 * fresh.usd);
      g_assert_cmpfloat_with_epsilon (weft_metrics_engine_get_totals (engine)->watts, fresh.watts,
                                      1e-6 * fresh.watts);
    }
  g_assert_cmpuint (totals, ==, 5);
  g_assert_true (weft_fabric_remove_link (fabric, link, NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, 0);
  wait_idle (engine);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==,
                    WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION);
  g_assert_cmpuint (weft_metrics_engine_get_metrics_generation (engine), ==,
                    weft_fabric_get_generation (fabric));
  weft_metrics_free (g_steal_pointer (&direct));
  direct = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL,
                                 NULL, NULL);
  live = weft_metrics_engine_get_metrics (engine);
  g_assert_cmpfloat (live->bisection.gbps, ==, direct->bisection.gbps);
  g_assert_cmpfloat (live->latency.mean_ns, ==, direct->latency.mean_ns);
}

/* Live figures against the same figures computed afresh. */
static void
assert_matches (WeftMetricsEngine *engine,
                WeftFabric        *fabric)
{
  g_autoptr(WeftMetrics) direct = weft_metrics_compute (
      fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL, NULL, NULL);
  const WeftMetrics *live = weft_metrics_engine_get_metrics (engine);

  g_assert_cmpfloat (live->latency.mean_ns, ==, direct->latency.mean_ns);
  g_assert_cmpfloat (live->latency.max_ns, ==, direct->latency.max_ns);
  g_assert_cmpfloat (live->switch_hops.mean, ==, direct->switch_hops.mean);
  g_assert_cmpfloat (live->bisection.gbps, ==, direct->bisection.gbps);
  g_assert_cmpstr (live->bisection.method, ==, direct->bisection.method);
}

/* A unit of @node's rack where nothing sits. */
static guint
free_unit (WeftFabric *fabric,
           guint       node)
{
  const WeftNode *moving = weft_fabric_get_node (fabric, node);

  for (guint u = weft_fabric_get_rack (fabric, moving->rack)->units; u >= 1; u--)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < weft_fabric_get_n_nodes (fabric) && !taken; i++)
        taken = weft_fabric_get_node (fabric, i)->rack == moving->rack &&
                weft_fabric_get_node (fabric, i)->u == u;
      if (!taken)
        return u;
    }
  g_assert_not_reached ();
}

/* Edits that cannot change a figure leave it current at once: a switch
 * moved within its rack changes no link, one moved to another rack only
 * lengths and media, which bisection does not depend on. The first edit
 * and the undo back to the generated fabric cross the line where its
 * closed form stops and starts holding. */
static void
test_carry_over (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=512", NULL);
  g_autoptr(WeftMetricsEngine) engine = weft_metrics_engine_new (fabric);
  const WeftMetricsFlags both = WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION;
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0"), rack, u, updates = 0, other = WEFT_NONE;

  g_signal_connect (engine, "updated", G_CALLBACK (updated_cb), &updates);
  wait_idle (engine);
  g_assert_cmpstr (weft_metrics_engine_get_metrics (engine)->bisection.method, ==, "closed form");
  rack = weft_fabric_get_node (fabric, leaf)->rack;
  u = weft_fabric_get_node (fabric, leaf)->u;

  /* Within the rack, first edit: hops and latency hold; bisection is
   * worked out again, the closed form no longer vouching for it. */
  g_assert_true (weft_fabric_move_node (fabric, leaf, rack, free_unit (fabric, leaf), NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, WEFT_METRICS_HOPS);
  wait_idle (engine);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  g_assert_cmpstr (weft_metrics_engine_get_metrics (engine)->bisection.method, !=, "closed form");
  assert_matches (engine, fabric);

  /* Within the rack again: everything holds, the worker stays idle. */
  updates = 0;
  g_assert_true (weft_fabric_move_node (fabric, leaf, rack, u, NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  g_assert_false (weft_metrics_engine_get_busy (engine));
  g_assert_cmpuint (updates, ==, 1);

  /* To another rack: its links' lengths change, bisection holds. */
  for (guint r = 0; r < weft_fabric_get_n_racks (fabric) && other == WEFT_NONE; r++)
    if (r != rack && weft_fabric_move_node (fabric, leaf, r, u, NULL))
      other = r;
  g_assert_cmpuint (other, !=, WEFT_NONE);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, WEFT_METRICS_BISECTION);
  wait_idle (engine);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  assert_matches (engine, fabric);

  /* Back to the generated fabric: the closed form holds again. */
  while (weft_fabric_undo (fabric))
    ;
  g_assert_false (weft_fabric_is_edited (fabric));
  g_assert_false (weft_metrics_engine_get_current (engine) & WEFT_METRICS_BISECTION);
  wait_idle (engine);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  g_assert_cmpstr (weft_metrics_engine_get_metrics (engine)->bisection.method, ==, "closed form");
  assert_matches (engine, fabric);
}

/* Another rack @node can move to from where it is, after @after. */
static guint
other_rack (WeftFabric *fabric,
            guint       node,
            guint       after)
{
  WeftFabric *probe;
  const WeftNode *n = weft_fabric_get_node (fabric, node);

  for (guint r = after + 1; r < weft_fabric_get_n_racks (fabric); r++)
    {
      gboolean fits;

      if (r == n->rack)
        continue;
      probe = weft_fabric_copy (fabric);
      fits = weft_fabric_move_node (probe, node, r, n->u, NULL);
      g_object_unref (probe);
      if (fits)
        return r;
    }
  g_assert_not_reached ();
}

/* Told where a drag is heading, the worker works out that fabric ahead:
 * when the step comes, hops and latency are current at once, and right;
 * a step elsewhere is worked out as usual. */
static void
test_foresee (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=512", NULL);
  g_autoptr(WeftMetricsEngine) engine = weft_metrics_engine_new (fabric);
  const WeftMetricsFlags both = WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION;
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0"), rack, u, ahead, elsewhere;
  WeftFabric *prospect;

  wait_idle (engine);
  rack = weft_fabric_get_node (fabric, leaf)->rack;
  u = weft_fabric_get_node (fabric, leaf)->u;
  g_assert_true (weft_fabric_move_node (fabric, leaf, rack, free_unit (fabric, leaf), NULL));
  wait_idle (engine);

  ahead = other_rack (fabric, leaf, 0);
  prospect = weft_fabric_copy (fabric);
  g_assert_true (weft_fabric_move_node (prospect, leaf, ahead, u, NULL));
  weft_metrics_engine_foresee (engine, prospect);
  g_assert_true (weft_metrics_engine_get_looking_ahead (engine));
  while (weft_metrics_engine_get_looking_ahead (engine))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);

  g_assert_true (weft_fabric_move_node (fabric, leaf, ahead, u, NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  g_assert_false (weft_metrics_engine_get_busy (engine));
  assert_matches (engine, fabric);

  /* Foreseen one rack, moved to another. */
  prospect = weft_fabric_copy (fabric);
  g_assert_true (weft_fabric_move_node (prospect, leaf, rack, u, NULL));
  weft_metrics_engine_foresee (engine, prospect);
  while (weft_metrics_engine_get_looking_ahead (engine))
    g_main_context_iteration (NULL, TRUE);
  elsewhere = other_rack (fabric, leaf, ahead);
  g_assert_cmpuint (elsewhere, !=, rack);
  g_assert_true (weft_fabric_move_node (fabric, leaf, elsewhere, u, NULL));
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, WEFT_METRICS_BISECTION);
  wait_idle (engine);
  g_assert_cmpuint (weft_metrics_engine_get_current (engine), ==, both);
  assert_matches (engine, fabric);
}

/* An engine that is done lets go of its fabric, and nothing keeps it alive:
 * not the worker's copy, not the totals signal, not a look-ahead. */
static void
test_finalize (void)
{
  WeftFabric *fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  WeftMetricsEngine *engine = weft_metrics_engine_new (fabric);

  wait_idle (engine);
  g_assert_true (weft_fabric_set_link_medium (fabric, 0, WEFT_MEDIUM_LPO, NULL));
  weft_metrics_engine_foresee (engine, weft_fabric_copy (fabric));
  wait_idle (engine);
  while (weft_metrics_engine_get_looking_ahead (engine))
    g_main_context_iteration (NULL, TRUE);
  weft_test_assert_finalized_soon (engine);
  g_assert_finalize_object (fabric);

  /* Dropped while the worker runs, as a window closing does: the run ends
   * and frees it, and the fabric with it. */
  fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  engine = weft_metrics_engine_new (fabric);
  g_assert_true (weft_metrics_engine_get_busy (engine));
  weft_test_assert_finalized_soon (engine);
  g_assert_finalize_object (fabric);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/metrics-engine/live", test_engine);
  g_test_add_func ("/metrics-engine/carry-over", test_carry_over);
  g_test_add_func ("/metrics-engine/foresee", test_foresee);
  g_test_add_func ("/metrics-engine/finalize", test_finalize);
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
