/* test-collective-engine.c — the window's live collective figures: the same as a direct run,
 * current after an edit, back after undo. */
#include "weft-test-util.h"

#include "collectives/weft-collective-engine.h"

static WeftCatalog *catalog;

static void
wait_current (WeftCollectiveEngine *engine)
{
  while (weft_collective_engine_get_busy (engine) || !weft_collective_engine_is_current (engine))
    g_main_context_iteration (NULL, TRUE);
}

static void
count_cb (WeftCollectiveEngine *engine,
          guint                *count)
{
  g_assert_true (weft_collective_engine_is_current (engine));
  (*count)++;
}

static void
assert_matches_direct (WeftCollectiveEngine *engine,
                       WeftFabric           *fabric)
{
  const WeftCollectiveFigures *figures = weft_collective_engine_get_figures (engine);
  g_autoptr(WeftCollectiveResult) direct = NULL;
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };

  direct = weft_collective_run (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO, 0x1p30, NULL, 0, NULL);
  g_assert_cmpfloat (figures->allreduce_busbw_GBps, ==, direct->busbw_GBps);
  g_assert_cmpfloat (figures->time_s, ==, direct->time_s);
  g_assert_cmpint (figures->algorithm, ==, direct->algorithm);
  g_assert_true (weft_job_default (fabric, &job, NULL));
  g_assert_true (weft_training_step (fabric, &job, &step, NULL, NULL));
  g_assert_true (figures->has_step);
  g_assert_cmpfloat (figures->step.step_s, ==, step.step_s);
}

static void
test_follows_edits (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  WeftCollectiveEngine *engine = weft_collective_engine_new (fabric);
  double intact_busbw, intact_step;
  guint updates = 0;

  g_signal_connect (engine, "updated", G_CALLBACK (count_cb), &updates);
  wait_current (engine);
  g_assert_cmpuint (updates, ==, 1);
  assert_matches_direct (engine, fabric);
  intact_busbw = weft_collective_engine_get_figures (engine)->allreduce_busbw_GBps;
  intact_step = weft_collective_engine_get_figures (engine)->step.step_s;
  for (guint l = 0; l < weft_collective_engine_get_figures (engine)->n_links; l++)
    g_assert_cmpfloat (weft_collective_engine_get_figures (engine)->link_share[l], <=, 1 + 1e-6);

  /* Losing a leaf's uplinks slows the all-reduce; undo brings it back. */
  for (guint k = 0; k < 8; k++)
    for (guint l = 0; l < weft_fabric_get_n_links (fabric); l++)
      {
        const WeftLink *link = weft_fabric_get_link (fabric, l);

        if (link->a == weft_fabric_lookup_node (fabric, "leaf-0") &&
            weft_fabric_get_node (fabric, link->b)->kind == WEFT_NODE_SPINE)
          {
            g_assert_true (weft_fabric_remove_link (fabric, l, NULL));
            break;
          }
      }
  g_assert_false (weft_collective_engine_is_current (engine));
  wait_current (engine);
  assert_matches_direct (engine, fabric);
  g_assert_cmpfloat (weft_collective_engine_get_figures (engine)->step.step_s, >=, intact_step);
  while (weft_fabric_can_undo (fabric))
    weft_fabric_undo (fabric);
  wait_current (engine);
  g_assert_cmpfloat (weft_collective_engine_get_figures (engine)->allreduce_busbw_GBps, ==,
                     intact_busbw);
  g_assert_cmpfloat (weft_collective_engine_get_figures (engine)->step.step_s, ==, intact_step);

  /* A job that no longer fits says why instead of timing. */
  {
    g_auto(WeftJob) job = { 0 };

    g_assert_true (weft_job_default (fabric, &job, NULL));
    job.dp += 1;
    weft_collective_engine_set_job (engine, &job);
    while (weft_collective_engine_get_busy (engine))
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (weft_collective_engine_get_figures (engine)->has_step);
    g_assert_nonnull (strstr (weft_collective_engine_get_figures (engine)->step_error, "use dp"));
  }
  weft_test_assert_finalized_soon (engine);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/collective-engine/follows-edits", test_follows_edits);
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
