/* test-training.c — the training step: its compute by the closed form, its traffic by the
 * collective model, and every refusal. */
#include "weft-test-util.h"

#include "collectives/weft-collective.h"
#include "collectives/weft-training.h"

static WeftCatalog *catalog;

/* Every preset loads, with a source and a shape that makes sense. */
static void
test_presets (void)
{
  g_auto(GStrv) ids = weft_model_list_presets ();

  g_assert_cmpuint (g_strv_length (ids), ==, 4);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(WeftModel) model = { 0 };

      g_assert_true (weft_model_preset (ids[i], &model, NULL));
      g_assert_cmpstr (model.id, ==, ids[i]);
      g_assert_nonnull (strstr (model.source, "20"));
      g_assert_cmpfloat (model.active_parameters, <=, model.parameters);
      g_assert_cmpuint (model.layers * model.hidden, >, 0);
      g_assert_true ((model.experts == 0) == (model.top_k == 0));
    }
}

/* Compute is 6 × active parameters × tokens ÷ (GPUs × peak × MFU), and
 * with TP = PP = 1 the only traffic is DP's all-reduce of every parameter,
 * which is the collective model's all-reduce over all GPUs. */
static void
test_closed_form (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64",
                                                     "scale-up=none", "gpus-per-server=1", NULL);
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(WeftCollectiveResult) dp = NULL;
  g_autoptr(GError) error = NULL;
  double tokens, compute;

  g_assert_true (weft_job_default (fabric, &job, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (job.tp, ==, 1);
  job.pp = 1;
  job.dp = 64;
  job.global_batch = 128;
  g_assert_true (weft_training_step (fabric, &job, &step, NULL, &error));
  g_assert_no_error (error);
  tokens = 128.0 * job.model.sequence;
  compute = 6 * job.model.active_parameters * tokens / (64 * 989.4e12 * job.mfu);
  g_assert_cmpfloat_with_epsilon (step.compute_s, compute, 1e-9 * compute);
  g_assert_cmpfloat (step.tp_s, ==, 0);
  g_assert_cmpfloat (step.pp_s, ==, 0);
  dp = weft_collective_run (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO,
                            job.model.parameters * job.bytes_per_value, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (step.dp_s, dp->time_s, 1e-12 * dp->time_s);
  g_assert_cmpfloat_with_epsilon (step.exposed_s, (1 - job.overlap) * dp->time_s, 1e-12);
  g_assert_cmpfloat_with_epsilon (step.step_s, compute + step.exposed_s, 1e-9 * step.step_s);
  g_assert_cmpfloat_with_epsilon (step.tokens_per_s, tokens / step.step_s, 1e-6);

  /* Recompute costs 8 FLOPs per parameter and token instead of 6. */
  job.recompute = TRUE;
  g_assert_true (weft_training_step (fabric, &job, &step, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (step.compute_s, compute * 8 / 6, 1e-9 * compute);
}

/* TP inside 8-GPU NVLink servers: a TP all-reduce never leaves the server,
 * so its time is the all-reduce of one server's GPUs alone. */
static void
test_tp_inside_domain (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=64", NULL);
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(WeftCollectiveResult) one = NULL;
  guint32 server[8];
  double activations, micro_batches;

  g_assert_true (weft_job_default (fabric, &job, NULL));
  g_assert_cmpuint (job.tp, ==, 8);
  job.pp = 1;
  job.dp = 8;
  job.global_batch = 16;
  g_assert_true (weft_training_step (fabric, &job, &step, NULL, NULL));
  for (guint i = 0, k = 0; k < 8; i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
      server[k++] = i;
  activations = (double) job.micro_batch * job.model.sequence * job.model.hidden * 2;
  one = weft_collective_run (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO, activations, server, 8,
                             NULL);
  micro_batches = 16.0 / 8;
  g_assert_cmpfloat_with_epsilon (step.tp_s, micro_batches * job.model.layers * 4 * one->time_s,
                                  1e-9 * step.tp_s);
}

/* Each refusal names the parameter and says what would work. */
static void
test_refused (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=64", NULL);
  const struct
  {
    const char *what;
    guint tp, pp, dp, ep, batch;
    const char *model;
    const char *says;
  } cases[] = {
    { "product", 8, 1, 4, 1, 64, NULL, "use dp 8" },
    { "indivisible", 8, 3, 1, 1, 64, NULL, "does not divide the fabric's 64 GPUs" },
    { "tp too big", 16, 1, 4, 1, 64, NULL, "use tp 1, 2, 4 or 8" },
    { "tp straddles", 3, 1, 1, 1, 64, NULL, "tp 3" },
    { "layers", 8, 4, 2, 1, 64, "llama3-405b", "use pp 1, 2, 3, 6, 7, 9 or 14" },
    { "batch", 8, 1, 8, 1, 12, NULL, "use a multiple of 8" },
    { "dense ep", 8, 1, 8, 2, 64, NULL, "use ep 1" },
    { "ep divides", 8, 1, 8, 3, 64, "mixtral-8x7b", "ep 3 must divide dp 8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WeftJob) job = { 0 };
      g_auto(WeftStepTime) step = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (weft_job_default (fabric, &job, NULL));
      if (cases[i].model != NULL)
        g_assert_true (weft_model_preset (cases[i].model, &job.model, NULL));
      job.tp = cases[i].tp;
      job.pp = cases[i].pp;
      job.dp = cases[i].dp;
      job.ep = cases[i].ep;
      job.global_batch = cases[i].batch;
      g_assert_false (weft_training_step (fabric, &job, &step, NULL, &error));
      g_assert_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("%s: \"%s\" does not say \"%s\"", cases[i].what, error->message, cases[i].says);
    }
  {
    g_auto(WeftModel) model = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (weft_model_preset ("gpt-5", &model, &error));
    g_assert_nonnull (strstr (error->message, "llama3-70b"));
  }
}

/* Losing links never makes the step faster. */
static void
test_degraded_not_faster (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=128", NULL);
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) intact = { 0 };

  g_assert_true (weft_job_default (fabric, &job, NULL));
  g_assert_true (weft_training_step (fabric, &job, &intact, NULL, NULL));
  for (guint k = 0; k < 4; k++)
    {
      g_auto(WeftStepTime) degraded = { 0 };

      for (guint l = 0; l < weft_fabric_get_n_links (fabric); l++)
        {
          const WeftLink *link = weft_fabric_get_link (fabric, l);

          if (weft_fabric_get_node (fabric, link->a)->kind == WEFT_NODE_LEAF &&
              weft_fabric_get_node (fabric, link->b)->kind == WEFT_NODE_SPINE)
            {
              g_assert_true (weft_fabric_remove_link (fabric, l, NULL));
              break;
            }
        }
      g_assert_true (weft_training_step (fabric, &job, &degraded, NULL, NULL));
      g_assert_cmpfloat (degraded.step_s, >=, intact.step_s * (1 - 1e-12));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/training/presets", test_presets);
  g_test_add_func ("/training/closed-form", test_closed_form);
  g_test_add_func ("/training/tp-inside-domain", test_tp_inside_domain);
  g_test_add_func ("/training/refused", test_refused);
  g_test_add_func ("/training/degraded-not-faster", test_degraded_not_faster);
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
