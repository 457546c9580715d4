/* weft-training.c — the step of a training job (Narayanan et al., SC'21): compute, then TP, PP, DP
 * and EP traffic on this fabric. */
#include "collectives/weft-training.h"

#include <json-glib/json-glib.h>

#include "catalog/weft-catalog.h"
#include "collectives/weft-collective-private.h"
#include "generators/weft-gen-params.h"

#define PRESETS_RESOURCE "/io/github/weft/Weft/training/models.json"

void
weft_model_clear (WeftModel *model)
{
  g_clear_pointer (&model->id, g_free);
  g_clear_pointer (&model->name, g_free);
  g_clear_pointer (&model->source, g_free);
}

void
weft_job_clear (WeftJob *job)
{
  weft_model_clear (&job->model);
}

void
weft_job_copy (WeftJob       *to,
               const WeftJob *from)
{
  if (to == from)
    return;
  weft_job_clear (to);
  *to = *from;
  to->model.id = g_strdup (from->model.id);
  to->model.name = g_strdup (from->model.name);
  to->model.source = g_strdup (from->model.source);
}

gboolean
weft_job_equal (const WeftJob *a,
                const WeftJob *b)
{
  const WeftModel *x = &a->model, *y = &b->model;

  return g_strcmp0 (x->id, y->id) == 0 && x->parameters == y->parameters &&
         x->active_parameters == y->active_parameters && x->layers == y->layers &&
         x->hidden == y->hidden && x->sequence == y->sequence && x->experts == y->experts &&
         x->top_k == y->top_k && a->tp == b->tp && a->pp == b->pp && a->dp == b->dp &&
         a->ep == b->ep && a->global_batch == b->global_batch && a->micro_batch == b->micro_batch &&
         a->bytes_per_value == b->bytes_per_value && a->mfu == b->mfu &&
         a->overlap == b->overlap && a->recompute == b->recompute && a->sharded == b->sharded &&
         a->peak_flops == b->peak_flops;
}

void
weft_step_time_clear (WeftStepTime *step)
{
  g_clear_pointer (&step->accelerator, g_free);
}

static JsonObject *
presets (void)
{
  static JsonParser *parser;

  /* Compiled in and checked by the tests: a broken file is a build error. */
  if (g_once_init_enter (&parser))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (PRESETS_RESOURCE, 0, NULL);
      JsonParser *p = json_parser_new ();

      if (bytes == NULL || !json_parser_load_from_data (p, g_bytes_get_data (bytes, NULL),
                                                        g_bytes_get_size (bytes), NULL))
        g_error ("The built-in training presets are broken");
      g_once_init_leave (&parser, p);
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
find_entry (const char *section,
            const char *key,
            const char *value)
{
  JsonArray *list = json_object_get_array_member (presets (), section);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, key, NULL), value) == 0)
        return entry;
    }
  return NULL;
}

char **
weft_model_list_presets (void)
{
  JsonArray *list = json_object_get_array_member (presets (), "models");
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  for (guint i = 0; i < json_array_get_length (list); i++)
    g_strv_builder_add (
        builder, json_object_get_string_member (json_array_get_object_element (list, i), "id"));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

gboolean
weft_model_preset (const char  *id,
                   WeftModel   *model,
                   GError     **error)
{
  JsonObject *entry = find_entry ("models", "id", id);

  if (entry == NULL)
    {
      g_auto(GStrv) ids = weft_model_list_presets ();
      g_autofree char *list = g_strjoinv (", ", ids);

      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "model '%s': use one of %s, or give its shape", id, list);
      return FALSE;
    }
  weft_model_clear (model);
  model->id = g_strdup (id);
  model->name = g_strdup (json_object_get_string_member (entry, "name"));
  model->parameters = json_object_get_double_member (entry, "parameters");
  model->active_parameters = json_object_get_double_member (entry, "active_parameters");
  model->layers = json_object_get_int_member (entry, "layers");
  model->hidden = json_object_get_int_member (entry, "hidden");
  model->sequence = json_object_get_int_member (entry, "sequence");
  model->experts = json_object_get_int_member (entry, "experts");
  model->top_k = json_object_get_int_member (entry, "top_k");
  model->source = g_strdup (json_object_get_string_member (entry, "source"));
  return TRUE;
}

/* The GPUs of each scale-up domain: the smallest count, and whether all agree. */
static guint
domain_gpus (WeftFabric *fabric,
             gboolean   *uniform)
{
  g_autoptr(GHashTable) count = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) values = NULL;
  guint smallest = G_MAXUINT;

  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, i);
      gpointer key = GINT_TO_POINTER (node->groups.server + 2);

      if (node->kind != WEFT_NODE_GPU)
        continue;
      if (node->groups.server < 0)
        key = GUINT_TO_POINTER (G_MAXINT - i);
      g_hash_table_insert (
          count, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, key)) + 1));
    }
  *uniform = TRUE;
  values = g_hash_table_get_values (count);
  for (GList *l = values; l != NULL; l = l->next)
    {
      guint n = GPOINTER_TO_UINT (l->data);

      if (smallest != G_MAXUINT && n != smallest)
        *uniform = FALSE;
      smallest = MIN (smallest, n);
    }
  return smallest == G_MAXUINT ? 1 : smallest;
}

/* The fabric's accelerator: the one of its scale-up family, else an H100. */
static JsonObject *
accelerator (WeftFabric *fabric)
{
  const WeftGenParams *params = weft_fabric_get_generator (fabric);
  WeftCatalog *catalog = weft_fabric_get_catalog (fabric);
  JsonObject *found = NULL;

  if (params != NULL && params->scale_up != NULL)
    found = find_entry ("accelerators", "scale_up", params->scale_up);
  for (guint i = 0; found == NULL && i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, i);
      g_autoptr(GPtrArray) families = NULL;

      if (node->kind != WEFT_NODE_NVSWITCH)
        continue;
      families = weft_catalog_list_scale_up (catalog);
      for (guint f = 0; f < families->len && found == NULL; f++)
        {
          const WeftScaleUpFamily *family = g_ptr_array_index (families, f);

          if (g_strcmp0 (family->switch_id, weft_fabric_get_node_part_id (fabric, i)) == 0)
            found = find_entry ("accelerators", "scale_up", family->id);
        }
      break;
    }
  return found ? found : find_entry ("accelerators", "id", "h100-sxm");
}

static guint
largest_divisor_at_most (guint n,
                         guint most)
{
  for (guint d = MIN (n, most); d > 1; d--)
    if (n % d == 0)
      return d;
  return 1;
}

gboolean
weft_job_default (WeftFabric  *fabric,
                  WeftJob     *job,
                  GError     **error)
{
  JsonObject *defaults = json_object_get_object_member (presets (), "job");
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  gboolean uniform;
  guint per_domain = domain_gpus (fabric, &uniform);

  weft_job_clear (job);
  *job = (WeftJob) { 0 };
  if (!weft_model_preset (json_object_get_string_member (defaults, "model"), &job->model, error))
    return FALSE;
  job->tp = largest_divisor_at_most (n, MIN (8, uniform ? per_domain : 1));
  job->pp = (n / job->tp) % 4 == 0 && job->model.layers % 4 == 0 ? 4 : 1;
  job->dp = n / (job->tp * job->pp);
  job->ep = 1;
  job->micro_batch = json_object_get_int_member (defaults, "micro_batch");
  job->bytes_per_value = json_object_get_int_member (defaults, "bytes_per_value");
  job->mfu = json_object_get_double_member (defaults, "mfu");
  job->overlap = json_object_get_double_member (defaults, "overlap");
  /* A whole number of micro-batches on every data-parallel rank. */
  job->global_batch = MAX (1, (guint) (n * json_object_get_int_member (defaults, "tokens_per_gpu") /
                                       job->model.sequence));
  job->global_batch =
      MAX (job->dp * job->micro_batch,
           job->global_batch / (job->dp * job->micro_batch) * job->dp * job->micro_batch);
  return TRUE;
}

/* Divisors of @n up to @most, as "1, 2, 4 or 8". */
static char *
divisors (guint n,
          guint most)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint d = 1; d <= MIN (n, most); d++)
    if (n % d == 0)
      g_array_append_val (found, d);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "%s%u", i == 0 ? "" : i + 1 == found->len ? " or " : ", ",
                            g_array_index (found, guint, i));
  return g_string_free (out, FALSE);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_job (WeftFabric    *fabric,
           const WeftJob *job,
           guint          n,
           GError       **error)
{
  gboolean uniform;
  guint per_domain = domain_gpus (fabric, &uniform);
  const WeftModel *m = &job->model;

  if (job->tp == 0 || job->pp == 0 || job->dp == 0 || job->ep == 0 || job->micro_batch == 0 ||
      job->bytes_per_value == 0 || m->layers == 0 || m->hidden == 0 || m->sequence == 0 ||
      !(m->parameters > 0) || !(m->active_parameters > 0))
    return invalid (error, "tp, pp, dp, ep, the micro-batch, the bytes per value and the model's "
                    "layers, hidden size, sequence and parameters must all be positive");
  if ((guint64) job->tp * job->pp * job->dp != n)
    {
      if (n % (job->tp * job->pp) == 0)
        return invalid (error, "tp %u × pp %u × dp %u = %" G_GUINT64_FORMAT " GPUs, but the fabric "
                        "has %u: use dp %u", job->tp, job->pp, job->dp,
                        (guint64) job->tp * job->pp * job->dp, n, n / (job->tp * job->pp));
      return invalid (error,
                      "tp %u × pp %u does not divide the fabric's %u GPUs: choose tp and pp "
                      "whose product divides %u, then dp = %u ÷ (tp × pp)",
                      job->tp, job->pp, n, n, n);
    }
  if (job->tp > 1 && (job->tp > per_domain || per_domain % job->tp != 0 || !uniform))
    {
      g_autofree char *choices = divisors (per_domain, per_domain);

      return invalid (error, "tp %u: a TP group must stay inside one scale-up domain, and this "
                      "fabric's hold %u GPUs%s; use tp %s", job->tp, per_domain,
                      uniform ? "" : " or fewer", choices);
    }
  if (m->layers % job->pp != 0)
    {
      g_autofree char *choices = divisors (m->layers, 16);

      return invalid (error, "pp %u does not divide %s's %u layers; use pp %s", job->pp,
                      m->name ? m->name : "the model", m->layers, choices);
    }
  if (job->global_batch % (job->dp * job->micro_batch) != 0)
    return invalid (error,
                    "global batch %u is not a whole number of micro-batches of %u on each of "
                    "the %u data-parallel ranks: use a multiple of %u",
                    job->global_batch, job->micro_batch, job->dp, job->dp * job->micro_batch);
  if (job->ep > 1 && m->experts == 0)
    return invalid (error, "ep %u: %s is dense, it has no experts to spread; use ep 1", job->ep,
                    m->name ? m->name : "the model");
  if (job->ep > 1 && (job->dp % job->ep != 0 || m->experts % job->ep != 0))
    return invalid (error, "ep %u must divide dp %u and the model's %u experts", job->ep, job->dp,
                    m->experts);
  if (!(job->mfu > 0 && job->mfu <= 1) || !(job->overlap >= 0 && job->overlap <= 1))
    return invalid (error, "the model-FLOPs efficiency must be in (0, 1] and the overlap in [0, 1] "
                    "(got %g and %g)", job->mfu, job->overlap);
  return TRUE;
}

/* Rank r = t + tp·(d + dp·p): TP fastest, inside a domain since GPUs come
 * in node order, server by server; PP slowest (Megatron-LM's order). */
static guint
rank_of (const WeftJob *job,
         guint          t,
         guint          d,
         guint          p)
{
  return t + job->tp * (d + job->dp * p);
}

typedef enum { GROUP_TP, GROUP_DP } GroupKind;

/* Every group of @kind, one after another, as node indices. */
static GArray *
groups_of (const WeftJob *job,
           const guint32 *gpus,
           GroupKind      kind,
           guint         *size)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));

  *size = kind == GROUP_TP ? job->tp : job->dp;
  for (guint p = 0; p < job->pp; p++)
    {
      if (kind == GROUP_TP)
        for (guint d = 0; d < job->dp; d++)
          for (guint t = 0; t < job->tp; t++)
            g_array_append_val (out, gpus[rank_of (job, t, d, p)]);
      else
        for (guint t = 0; t < job->tp; t++)
          for (guint d = 0; d < job->dp; d++)
            g_array_append_val (out, gpus[rank_of (job, t, d, p)]);
    }
  return out;
}

static gboolean
time_groups (WeftRoutes        *routes,
             WeftFabric        *fabric,
             WeftCollectiveOp   op,
             const guint32     *gpus,
             guint              size,
             guint              n_groups,
             const guint32     *peers,
             double             bytes,
             double            *seconds,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;

  plan = weft_collective_plan_new_on (routes, fabric, op, gpus, size, n_groups, peers, cancellable,
                                      error);
  if (plan == NULL)
    return FALSE;
  result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, bytes, 0, error);
  if (result == NULL)
    return FALSE;
  *seconds = result->time_s;
  return TRUE;
}

/* Every stage sends its activations forward to the next, and the
 * gradients come back: both boundaries' pairs at once each way. */
static gboolean
time_pipeline (WeftRoutes    *routes,
               WeftFabric    *fabric,
               const WeftJob *job,
               const guint32 *gpus,
               double         bytes,
               double        *seconds,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GArray) front = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (guint32));
  double forward, backward;

  for (guint p = 0; p + 1 < job->pp; p++)
    for (guint d = 0; d < job->dp; d++)
      for (guint t = 0; t < job->tp; t++)
        {
          g_array_append_val (front, gpus[rank_of (job, t, d, p)]);
          g_array_append_val (back, gpus[rank_of (job, t, d, p + 1)]);
        }
  if (!time_groups (routes, fabric, WEFT_OP_SEND_RECV, (guint32 *) front->data, front->len, 1,
                    (guint32 *) back->data, bytes, &forward, cancellable, error) ||
      !time_groups (routes, fabric, WEFT_OP_SEND_RECV, (guint32 *) back->data, back->len, 1,
                    (guint32 *) front->data, bytes, &backward, cancellable, error))
    return FALSE;
  *seconds = forward + backward;
  return TRUE;
}

/* The step on @shared, or on routes of its own when NULL, made only once the job fits. */
static gboolean
training_step (WeftRoutes    *shared,
               WeftFabric    *fabric,
               const WeftJob *job,
               WeftStepTime  *step,
               GCancellable  *cancellable,
               GError       **error)
{
  const WeftModel *m = &job->model;
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  g_autofree guint32 *gpus = g_new (guint32, MAX (n, 1));
  g_autoptr(WeftRoutes) routes = NULL;
  JsonObject *chip = accelerator (fabric);
  double activations = (double) job->micro_batch * m->sequence * m->hidden * job->bytes_per_value;
  double micro_batches = (double) job->global_batch / (job->dp * job->micro_batch);
  double layers = (double) m->layers / job->pp, tokens, t;
  guint size;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), FALSE);
  weft_step_time_clear (step);
  *step = (WeftStepTime) { .gpus = n };
  if (!check_job (fabric, job, n, error))
    return FALSE;
  for (guint i = 0, k = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
      gpus[k++] = i;

  step->peak_flops = job->peak_flops > 0
                         ? job->peak_flops
                         : json_object_get_double_member (chip, "bf16_dense_tflops") * 1e12;
  step->accelerator = g_strdup (job->peak_flops > 0 ? "as given"
                                                    : json_object_get_string_member (chip, "name"));
  tokens = (double) job->global_batch * m->sequence;
  step->compute_s = (job->recompute ? 8.0 : 6.0) * m->active_parameters * tokens /
                    (n * step->peak_flops * job->mfu);

  routes = shared != NULL ? weft_routes_ref (shared) : weft_routes_new (fabric);
  /* Megatron's TP: 4 all-reduces of b·s·h per layer and micro-batch. */
  if (job->tp > 1)
    {
      g_autoptr(GArray) groups = groups_of (job, gpus, GROUP_TP, &size);

      if (!time_groups (routes, fabric, WEFT_OP_ALL_REDUCE, (guint32 *) groups->data, size,
                        groups->len / size, NULL, activations, &t, cancellable, error))
        return FALSE;
      step->tp_s = micro_batches * layers * 4 * t;
    }
  if (job->pp > 1)
    {
      if (!time_pipeline (routes, fabric, job, gpus, activations, &t, cancellable, error))
        return FALSE;
      step->pp_s = micro_batches * t;
    }
  /* An MoE layer's 2 all-to-alls forward and 2 backward of b·s·h·k among the EP group. */
  if (job->ep > 1 && m->experts > 0)
    {
      /* The DP order holds each EP group's ranks side by side. */
      g_autoptr(GArray) dp = groups_of (job, gpus, GROUP_DP, &size);

      if (!time_groups (routes, fabric, WEFT_OP_ALL_TO_ALL, (guint32 *) dp->data, job->ep,
                        dp->len / job->ep, NULL, activations * m->top_k, &t, cancellable, error))
        return FALSE;
      step->ep_s = micro_batches * layers * 4 * t;
    }
  /* DP: the parameters a GPU holds, reduced once per step. */
  if (job->dp > 1)
    {
      g_autoptr(GArray) groups = groups_of (job, gpus, GROUP_DP, &size);
      double bytes = m->parameters / (job->tp * job->pp) * job->bytes_per_value, t2 = 0;

      if (!time_groups (routes, fabric, job->sharded ? WEFT_OP_REDUCE_SCATTER : WEFT_OP_ALL_REDUCE,
                        (guint32 *) groups->data, size, groups->len / size, NULL, bytes, &t,
                        cancellable, error))
        return FALSE;
      if (job->sharded &&
          !time_groups (routes, fabric, WEFT_OP_ALL_GATHER, (guint32 *) groups->data, size,
                        groups->len / size, NULL, bytes, &t2, cancellable, error))
        return FALSE;
      step->dp_s = t + t2;
    }
  step->exposed_s = step->tp_s + step->pp_s + step->ep_s + (1 - job->overlap) * step->dp_s;
  step->step_s = step->compute_s + step->exposed_s;
  step->tokens_per_s = tokens / step->step_s;
  step->network_share = step->exposed_s / step->step_s;
  return TRUE;
}

gboolean
weft_training_step (WeftFabric    *fabric,
                    const WeftJob *job,
                    WeftStepTime  *step,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return training_step (NULL, fabric, job, step, cancellable, error);
}

gboolean
weft_training_step_on (WeftRoutes    *routes,
                       WeftFabric    *fabric,
                       const WeftJob *job,
                       WeftStepTime  *step,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (routes != NULL, FALSE);
  return training_step (routes, fabric, job, step, cancellable, error);
}
