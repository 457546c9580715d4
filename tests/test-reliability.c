/* test-reliability.c — which losses interrupt a job (against a search of every loss), the sums
 * over them, Young/Daly and goodput by hand, dual-homing, and the slowdown of what degrades. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "catalog/weft-catalog.h"
#include "collectives/weft-training.h"
#include "model/weft-failure.h"
#include "reliability/weft-reliability.h"
#include "weft-test-util.h"

static WeftCatalog *catalog;

typedef struct
{
  const char *arch;
  const char *args[6];
} Case;

static const Case cases[] = {
  { "leaf-spine", { "gpus=16", NULL } },
  { "leaf-spine", { "gpus=32", "gpus-per-server=1", "scale-up=none", "radix=16", NULL } },
  { "leaf-spine", { "gpus=48", "gpus-per-server=1", "scale-up=none", "radix=16",
                    "oversubscription=3", NULL } },
  { "leaf-spine", { "gpus=32", "gpus-per-server=1", "scale-up=none", "radix=16", "planes=2",
                    NULL } },
  { "leaf-spine", { "gpus=16", "scale-up=infinity-fabric", NULL } },
  { "leaf-spine", { "gpus=8", "gpus-per-server=1", "scale-up=none", "tiers=1", NULL } },
  /* One spine, over two links to each leaf: a cut switch. */
  { "leaf-spine", { "gpus=12", "gpus-per-server=1", "scale-up=none", "radix=8",
                    "oversubscription=3", NULL } },
  { "fat-tree", { "k=4", NULL } },
  { "fat-tree", { "k=4", "gpus-per-server=1", "scale-up=none", NULL } },
  { "rail-optimized", { "gpus=64", NULL } },
  { "rail-optimized", { "gpus=64", "planes=2", NULL } },
  { "rail-only", { "gpus=32", NULL } },
  { "rail-only", { "gpus=32", "planes=2", NULL } },
  { "dragonfly", { "p=2", "a=4", "h=1", NULL } },
  { "dragonfly", { "p=1", "a=3", "h=1", "gpus-per-server=1", "scale-up=none", NULL } },
  { "torus", { "dims=4x4", NULL } },
  { "slim-fly", { "q=3", "gpus-per-server=1", "scale-up=none", NULL } },
};

static WeftFabric *
generate_case (const Case *c)
{
  return weft_test_generate (catalog, c->arch, c->args[0], c->args[1], c->args[2], c->args[3],
                             c->args[4], c->args[5], NULL);
}

/* The reference: for each link class, the GPUs each GPU reaches by a
 * search that passes through switches only. reach[class][g * n + h]. */
typedef struct
{
  guint    n_nodes;
  guint8  *reach[WEFT_N_LINK_CLASSES];
} Reach;

static void
reach_compute (WeftFabric *fabric,
               Reach      *r)
{
  guint n_links;
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &r->n_nodes);
  guint n = r->n_nodes;

  for (guint k = 0; k < WEFT_N_LINK_CLASSES; k++)
    {
      g_autofree guint32 *queue = g_new (guint32, n);
      g_autofree guint8 *seen = g_new (guint8, n);

      r->reach[k] = g_new0 (guint8, (gsize) n * n);
      for (guint g = 0; g < n; g++)
        {
          guint head = 0, tail = 0;

          if (nodes[g].kind != WEFT_NODE_GPU)
            continue;
          memset (seen, 0, n);
          seen[g] = TRUE;
          queue[tail++] = g;
          while (head < tail)
            {
              guint32 u = queue[head++];

              /* Another GPU is reached, never passed through. */
              if (u != g && nodes[u].kind == WEFT_NODE_GPU)
                {
                  r->reach[k][(gsize) g * n + u] = TRUE;
                  continue;
                }
              for (guint i = 0; i < n_links; i++)
                {
                  const WeftLink *l = &links[i];
                  guint32 v = l->a == u ? l->b : l->b == u ? l->a : WEFT_NONE;

                  if (l->link_class != k || v == WEFT_NONE || seen[v])
                    continue;
                  seen[v] = TRUE;
                  queue[tail++] = v;
                }
            }
        }
    }
}

static void
reach_clear (Reach *r)
{
  for (guint k = 0; k < WEFT_N_LINK_CLASSES; k++)
    g_free (r->reach[k]);
}

/* Whether some pair that reached each other in @before does not in @after. */
static gboolean
reach_lost (const Reach *before,
            const Reach *after)
{
  gsize cells = (gsize) before->n_nodes * before->n_nodes;

  for (guint k = 0; k < WEFT_N_LINK_CLASSES; k++)
    for (gsize i = 0; i < cells; i++)
      if (before->reach[k][i] && !after->reach[k][i])
        return TRUE;
  return FALSE;
}

/* Every switch and every single link, lost one at a time, against the flags. */
static void
check_against_search (WeftFabric *fabric)
{
  g_autoptr(WeftInterrupting) found = weft_interrupting_find (fabric);
  Reach before = { 0 };
  guint n_nodes = weft_fabric_get_n_nodes (fabric), n_links = weft_fabric_get_n_links (fabric);

  reach_compute (fabric, &before);
  for (guint s = 0; s < n_nodes; s++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, s);
      g_autofree char *element = g_strconcat ("node:", node->name, NULL);
      const char *elements[] = { element, NULL };
      g_autoptr(WeftFabric) lost = NULL;
      Reach after = { 0 };
      gboolean want;

      if (node->kind == WEFT_NODE_GPU)
        {
          g_assert_true (found->node[s]);
          continue;
        }
      lost = weft_fabric_without (fabric, elements, NULL);
      reach_compute (lost, &after);
      want = reach_lost (&before, &after);
      if (want != found->node[s])
        g_error ("%s: losing %s %s the job, the search says it %s", weft_fabric_get_name (fabric),
                 node->name, found->node[s] ? "interrupts" : "does not interrupt",
                 want ? "does" : "does not");
      reach_clear (&after);
    }
  for (guint i = 0; i < n_links; i++)
    {
      g_autofree char *element = g_strdup_printf ("link:%u", i);
      const char *elements[] = { element, NULL };
      g_autoptr(WeftFabric) lost = NULL;
      Reach after = { 0 };
      gboolean want;

      /* One of several parallel links never interrupts. */
      if (weft_fabric_get_link (fabric, i)->count > 1)
        {
          g_assert_false (found->link[i]);
          continue;
        }
      lost = weft_fabric_without (fabric, elements, NULL);
      reach_compute (lost, &after);
      want = reach_lost (&before, &after);
      if (want != found->link[i])
        g_error ("%s: losing link %u (%s) %s the job, the search says it %s",
                 weft_fabric_get_name (fabric), i, weft_fabric_get_link_tier (fabric, i),
                 found->link[i] ? "interrupts" : "does not interrupt", want ? "does" : "does not");
      reach_clear (&after);
    }
  reach_clear (&before);
}

static void
test_against_search (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);

  check_against_search (fabric);
}

/* Random removals, and bundles cut down to one link, make cut switches
 * and bridges, which generated fabrics rarely have. */
static void
test_against_search_edited (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);

  for (guint round = 0; round < 6; round++)
    {
      for (guint k = 0; k < 4 && weft_fabric_get_n_links (fabric) > 0; k++)
        {
          guint link = g_test_rand_int_range (0, weft_fabric_get_n_links (fabric));

          if (weft_fabric_get_link (fabric, link)->count > 1)
            g_assert_true (weft_fabric_set_link_count (fabric, link, 1, NULL));
          else
            g_assert_true (weft_fabric_remove_link (fabric, link, NULL));
        }
      check_against_search (fabric);
    }
}

static double
rate (const char *cause)
{
  return *weft_failure_rates_lookup (weft_catalog_get_failure_rates (catalog), cause);
}

static double
by_cause (const WeftReliability *r,
          const char            *cause,
          guint64               *elements)
{
  for (guint i = 0; i < r->by_cause->len; i++)
    {
      const WeftCauseRate *c = &g_array_index (r->by_cause, WeftCauseRate, i);

      if (g_str_equal (c->cause, cause))
        {
          if (elements != NULL)
            *elements = c->elements;
          return c->per_day;
        }
    }
  if (elements != NULL)
    *elements = 0;
  return 0;
}

/* n identical interrupting elements of rate λ give n·λ: a single-homed
 * leaf-spine of one GPU per server, whose leaves and GPU links interrupt
 * and whose spines and spine links do not. */
static void
test_closed_form (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=32",
                                                     "gpus-per-server=1", "scale-up=none",
                                                     "radix=16", NULL);
  g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, NULL);
  guint leaves = weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF);
  double media_per_day = 0, sum;
  guint64 elements;

  g_assert_nonnull (r);
  g_assert_cmpuint (r->gpus, ==, 32);
  g_assert_cmpfloat_with_epsilon (by_cause (r, "gpu", &elements), 32 * rate ("gpu"), 1e-15);
  g_assert_cmpuint (elements, ==, 32);
  g_assert_cmpfloat_with_epsilon (by_cause (r, "server", NULL), 32 * rate ("server"), 1e-15);
  g_assert_cmpfloat_with_epsilon (by_cause (r, "software", NULL), 32 * rate ("software"), 1e-15);
  g_assert_cmpfloat_with_epsilon (by_cause (r, "nic", NULL), 32 * rate ("nic"), 1e-15);
  g_assert_cmpfloat_with_epsilon (by_cause (r, "leaf", &elements), leaves * rate ("leaf"), 1e-15);
  g_assert_cmpuint (elements, ==, leaves);
  g_assert_cmpfloat (by_cause (r, "spine", NULL), ==, 0);

  /* Each GPU's one link to its leaf, at its medium's rate. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    if (g_str_equal (weft_fabric_get_link_tier (fabric, i), "gpu-leaf"))
      {
        WeftMedium medium = weft_fabric_get_link_media (fabric, i)->medium;

        media_per_day += rate (weft_medium_to_string (medium));
      }
  sum = 32 * (rate ("gpu") + rate ("server") + rate ("software") + rate ("nic")) +
        leaves * rate ("leaf") + media_per_day;
  g_assert_cmpfloat_with_epsilon (r->interruptions_per_day, sum, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->mtti_hours, 24 / sum, 1e-9);
  g_assert_cmpuint (r->interrupting_elements, ==, 32 * 5 + leaves);
}

/* Young/Daly and goodput by hand: MTTI 20,000 s and a 100 s checkpoint
 * give √(2 · 100 · 20,000) = 2,000 s; with a 450 s restart, each
 * interruption costs 450 + 2,100 ÷ 2 = 1,500 s, 7.5% of the MTTI, and
 * 2,000 of every 2,100 s are steps: 0.925 × 2,000 ÷ 2,100. */
static void
test_young_daly (void)
{
  g_assert_cmpfloat_with_epsilon (weft_young_daly_interval (100, 20000), 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (weft_goodput (2000, 100, 450, 20000), 0.925 * 2000 / 2100,
                                  1e-12);
  /* Restarts that take longer than the MTTI leave nothing. */
  g_assert_cmpfloat (weft_goodput (2000, 100, 30000, 20000), ==, 0);
}

/* The same, end to end, from a catalog whose only rate is the GPU's:
 * 16 GPUs at 0.27 a day each is 4.32 a day, an MTTI of 20,000 s. */
static void
test_young_daly_fabric (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"weft-catalog\", \"version\": 1, "
                                          "\"reliability\": {\"failures_per_day\": {");
  const char *const *causes = weft_failure_causes ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-test-rates.json", NULL);
  g_autoptr(WeftCatalog) custom = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftReliability) r = NULL;
  g_autoptr(GError) error = NULL;
  WeftCheckpointing cp = { 100, 450, 2 };
  double goodput = 0.925 * 2000 / 2100;

  for (guint i = 0; causes[i] != NULL; i++)
    g_string_append_printf (text, "%s\"%s\": %s", i ? ", " : "", causes[i],
                            g_str_equal (causes[i], "gpu") ? "0.27" : "0");
  g_string_append (text, "}}}");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  custom = weft_catalog_new_with_overrides (path, &error);
  g_assert_no_error (error);
  fabric = weft_test_generate (custom, "leaf-spine", "gpus=16", NULL);

  r = weft_reliability_compute (fabric, &cp, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (r->interruptions_per_day, 4.32, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->mtti_hours * 3600, 20000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->checkpoint_interval_s, 2000, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->goodput, goodput, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->lost_gpu_hours_per_month, (1 - goodput) * 16 * 720, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->lost_usd_per_month, (1 - goodput) * 16 * 720 * 2, 1e-6);
  g_assert_cmpuint (r->by_cause->len, ==, 1);
  g_unlink (path);
}

/* A checkpoint that takes longer than the MTTI is refused, saying so. */
static void
test_checkpoint_too_long (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=16", NULL);
  g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, NULL);
  WeftCheckpointing cp = { r->mtti_hours * 3600 * 1.5, 600, 6 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftReliability) refused = weft_reliability_compute (fabric, &cp, &error);

  g_assert_null (refused);
  g_assert_error (error, WEFT_RELIABILITY_ERROR, WEFT_RELIABILITY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "checkpoint write time"));
  g_assert_nonnull (strstr (error->message, "mean time to interruption"));
  g_clear_error (&error);

  cp.checkpoint_write_s = -1;
  g_assert_null (weft_reliability_compute (fabric, &cp, &error));
  g_assert_error (error, WEFT_RELIABILITY_ERROR, WEFT_RELIABILITY_ERROR_INVALID);
}

/* A rate that is negative, missing, or of no such cause is refused with
 * the file and the place. */
static void
test_bad_rates (void)
{
  static const struct
  {
    const char *rates;
    const char *message;
  } bad[] = {
    { "\"dsp\": -1e-5", "reliability.failures_per_day.dsp: -1e-05 is out of range" },
    { "\"dsp\": null", "reliability.failures_per_day.dsp: expected a number" },
    { "\"laser\": 1e-5", "reliability.failures_per_day.laser: no such cause; the causes are gpu" },
    { "\"leaf\": \"often\"", "reliability.failures_per_day.leaf: expected a number" },
  };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-test-bad-rates.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"weft-catalog\", \"version\": 1, "
                                               "\"reliability\": {\"failures_per_day\": {%s}}}",
                                               bad[i].rates);
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftCatalog) refused = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      refused = weft_catalog_new_with_overrides (path, &error);
      g_assert_null (refused);
      g_assert_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID);
      if (strstr (error->message, bad[i].message) == NULL ||
          strstr (error->message, "weft-test-bad-rates.json") == NULL)
        g_error ("%s: got \"%s\", want the file and \"%s\"", bad[i].rates, error->message,
                 bad[i].message);
    }
  g_unlink (path);
}

/* Every cause has a rate in the built-in catalog. */
static void
test_built_in_rates (void)
{
  const WeftFailureRates *rates = weft_catalog_get_failure_rates (catalog);
  const char *const *causes = weft_failure_causes ();

  g_assert_null (weft_failure_rates_missing (rates));
  for (guint i = 0; causes[i] != NULL; i++)
    {
      g_assert_cmpfloat (*weft_failure_rates_lookup (rates, causes[i]), >, 0);
      g_assert_cmpuint (weft_failure_cause_index (causes[i]), ==, i);
    }
  g_assert_null (weft_failure_rates_lookup (rates, "auto"));
  g_assert_null (weft_failure_rates_lookup (rates, "laser"));
}

static const WeftDegradation *
find_class (const WeftReliability *r,
            const char            *what)
{
  for (guint i = 0; i < r->degrading->len; i++)
    {
      const WeftDegradation *d = r->degrading->pdata[i];

      if (g_str_equal (d->what, what))
        return d;
    }
  return NULL;
}

static double
step_time (WeftFabric    *fabric,
           const WeftJob *job)
{
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (weft_training_step (fabric, job, &step, NULL, &error));
  g_assert_no_error (error);
  return step.step_s;
}

/* Dual-homed, a GPU's link to a leaf does not interrupt and neither does
 * the leaf: its loss slows the step by what the collective model gives
 * for the fabric without it. Single-homed, both interrupt. */
static void
test_dual_homed (void)
{
  g_autoptr(WeftFabric) single = weft_test_generate (catalog, "rail-optimized", "gpus=64", NULL);
  g_autoptr(WeftFabric) dual = weft_test_generate (catalog, "rail-optimized", "gpus=64",
                                                   "planes=2", NULL);
  g_autoptr(WeftReliability) rs = weft_reliability_compute (single, NULL, NULL);
  g_autoptr(WeftReliability) rd = weft_reliability_compute (dual, NULL, NULL);
  g_autoptr(WeftInterrupting) flags = weft_interrupting_find (dual);
  g_auto(WeftJob) job = { 0 };
  g_autoptr(GError) error = NULL;
  const WeftDegradation *leaf;
  const char *elements[2] = { NULL, NULL };
  g_autoptr(WeftFabric) without = NULL;
  double want;

  g_assert_cmpfloat (by_cause (rs, "leaf", NULL), >, 0);
  g_assert_cmpfloat (by_cause (rd, "leaf", NULL), ==, 0);
  for (guint i = 0; i < weft_fabric_get_n_links (dual); i++)
    if (g_str_equal (weft_fabric_get_link_tier (dual, i), "gpu-leaf"))
      g_assert_false (flags->link[i]);
  /* The NIC itself still stops the job. */
  g_assert_cmpfloat_with_epsilon (by_cause (rd, "nic", NULL), 64 * rate ("nic"), 1e-15);
  g_assert_cmpfloat (rd->interruptions_per_day, <, rs->interruptions_per_day);

  g_assert_true (weft_job_default (dual, &job, &error));
  g_assert_true (weft_reliability_time_degraded (rd, dual, &job, NULL, &error));
  g_assert_no_error (error);
  leaf = find_class (rd, "leaf");
  g_assert_nonnull (leaf);
  g_assert_cmpuint (leaf->elements, ==, weft_fabric_count_nodes (dual, WEFT_NODE_LEAF));
  elements[0] = leaf->example;
  without = weft_fabric_without (dual, elements, &error);
  g_assert_no_error (error);
  want = step_time (without, &job) / step_time (dual, &job) - 1;
  g_assert_cmpfloat_with_epsilon (leaf->slowdown, want, 1e-12);
  g_assert_cmpfloat (leaf->slowdown, >, 0);
}

/* No loss that only degrades makes the default job's step faster. */
static void
test_degraded_not_faster (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, NULL);
  g_auto(WeftJob) job = { 0 };
  g_autoptr(GError) error = NULL;

  if (!weft_job_default (fabric, &job, NULL))
    {
      g_test_skip ("the default job does not fit this fabric");
      return;
    }
  g_assert_true (weft_reliability_time_degraded (r, fabric, &job, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < r->degrading->len; i++)
    {
      const WeftDegradation *d = r->degrading->pdata[i];

      if (!(d->slowdown >= -1e-12))
        g_error ("%s: losing %s (%s) makes the step %.3g%% faster", weft_fabric_get_name (fabric),
                 d->example, d->what, -d->slowdown * 100);
      /* Worst first. */
      if (i > 0)
        g_assert_cmpfloat (d->slowdown, <=,
                           ((const WeftDegradation *) r->degrading->pdata[i - 1])->slowdown);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) cases[i].args);
      g_autofree char *plain = g_strdup_printf ("/reliability/search/%s/%s", cases[i].arch, args);
      g_autofree char *edited = g_strdup_printf ("/reliability/search-edited/%s/%s",
                                                 cases[i].arch, args);
      g_autofree char *slower = g_strdup_printf ("/reliability/degraded-not-faster/%s/%s",
                                                 cases[i].arch, args);

      g_test_add_data_func (plain, &cases[i], test_against_search);
      g_test_add_data_func (edited, &cases[i], test_against_search_edited);
      g_test_add_data_func (slower, &cases[i], test_degraded_not_faster);
    }
  g_test_add_func ("/reliability/closed-form/leaf-spine", test_closed_form);
  g_test_add_func ("/reliability/young-daly/by-hand", test_young_daly);
  g_test_add_func ("/reliability/young-daly/fabric", test_young_daly_fabric);
  g_test_add_func ("/reliability/bad/checkpoint", test_checkpoint_too_long);
  g_test_add_func ("/reliability/bad/rates", test_bad_rates);
  g_test_add_func ("/reliability/catalog/built-in", test_built_in_rates);
  g_test_add_func ("/reliability/dual-homed", test_dual_homed);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
