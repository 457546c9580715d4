/* weft-collective-plan.c — each algorithm's steps on a group of GPUs, routed once per byte, timed
 * at any size. */
#include "collectives/weft-collective.h"

#include <math.h>
#include <stdlib.h>

#include "collectives/weft-collective-private.h"

/* A step that runs @repeat times: its latency (ns) and its load per byte of the size. */
typedef struct
{
  double  repeat;
  double  latency_ns;
  double  transfer_s;      /* per byte of size: the busiest link direction */
  double *load;            /* per link direction, per byte of size */
} Pattern;

typedef struct _AlgoPlan AlgoPlan;

struct _AlgoPlan
{
  GError         *why;     /* NULL when the algorithm applies */
  GPtrArray      *patterns;
  double         *load;    /* summed over the steps */
  guint           steps;
  const AlgoPlan *same;    /* planned as these steps, not patterns of its own */
};

struct _WeftCollectivePlan
{
  WeftCollectiveOp  op;
  WeftRoutes       *routes;
  guint             n_links;
  guint             n;             /* GPUs per group */
  guint             n_groups;      /* groups running the same collective at once */
  guint32          *gpus;          /* n_groups × n, each group in rank order */
  guint32          *peers;
  GCancellable     *cancellable;
  AlgoPlan          algos[WEFT_N_ALGOS];   /* planned when first asked for */
};

static void
pattern_free (gpointer data)
{
  Pattern *pattern = data;

  g_free (pattern->load);
  g_free (pattern);
}

static Pattern *
pattern_new (WeftCollectivePlan *plan,
             double              repeat)
{
  Pattern *pattern = g_new0 (Pattern, 1);

  pattern->repeat = repeat;
  pattern->load = g_new0 (double, 2 * (gsize) MAX (plan->n_links, 1));
  return pattern;
}

static void
finish_pattern (WeftCollectivePlan *plan,
                Pattern            *pattern)
{
  for (guint l = 0; l < plan->n_links; l++)
    {
      double capacity = weft_routes_get_capacity (plan->routes, l);

      for (guint d = 0; d < 2; d++)
        if (pattern->load[2 * l + d] > 0)
          pattern->transfer_s = MAX (pattern->transfer_s, pattern->load[2 * l + d] / capacity);
    }
}

static void
add_pattern (WeftCollectivePlan *plan,
             AlgoPlan           *algo,
             Pattern            *pattern)
{
  finish_pattern (plan, pattern);
  g_ptr_array_add (algo->patterns, pattern);
}

/* Routes @flows (WeftFlow, bytes per byte of size) as one step of @algo; the latency
 * term is the slowest flow's, times @latency_factor, or (for a pipelined chain) the
 * flows' latencies summed. */
static gboolean
add_routed_pattern (WeftCollectivePlan *plan,
                    AlgoPlan           *algo,
                    GArray             *flows,
                    double              repeat,
                    double              latency_factor,
                    gboolean            chain,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (pattern_free);
  Pattern *pattern = pattern_new (plan, repeat);
  WeftStepLoads step = { pattern->load, 0, 0 };

  g_ptr_array_add (owner, pattern);
  if (!weft_routes_add_flows (plan->routes, (WeftFlow *) flows->data, flows->len, &step,
                              cancellable, error))
    return FALSE;
  pattern->latency_ns = chain ? step.sum_latency_ns : step.max_latency_ns * latency_factor;
  add_pattern (plan, algo, g_ptr_array_steal_index (owner, 0));
  return TRUE;
}

/* A ring over @ring (@n GPUs) sending @bytes to the next, into @flows. */
static void
ring_flows (const guint32 *ring,
            guint          n,
            double         bytes,
            GArray        *flows)
{
  for (guint i = 0; i < n && n > 1; i++)
    {
      WeftFlow flow = { ring[i], ring[(i + 1) % n], bytes };

      g_array_append_val (flows, flow);
    }
}

static gboolean
plan_ring (WeftCollectivePlan *plan,
           AlgoPlan           *algo,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GArray) flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  guint n = plan->n;

  if (plan->op == WEFT_OP_BROADCAST)
    {
      /* A pipelined chain from rank 0: S over every link of the chain at
       * once; its latency is the chain's, so one group at a time. */
      if (plan->n_groups > 1)
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "a broadcast runs on one group at a time");
          return FALSE;
        }
      for (guint i = 0; i + 1 < n; i++)
        {
          WeftFlow flow = { plan->gpus[i], plan->gpus[i + 1], 1 };

          g_array_append_val (flows, flow);
        }
      return add_routed_pattern (plan, algo, flows, 1, 1, TRUE, cancellable, error);
    }
  for (guint group = 0; group < plan->n_groups; group++)
    ring_flows (&plan->gpus[(gsize) group * n], n, 1.0 / n, flows);
  return add_routed_pattern (plan, algo, flows,
                             plan->op == WEFT_OP_ALL_REDUCE ? 2.0 * (n - 1) : n - 1, 1, FALSE,
                             cancellable, error);
}

/* The group's GPUs by domain, in rank order: @members[d × m + i] is local
 * rank i of the d-th domain. FALSE when the domains hold different numbers. */
typedef struct
{
  guint32 rank;
  guint32 gpu;
} RankedGpu;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  guint32 x = ((const RankedGpu *) a)->rank, y = ((const RankedGpu *) b)->rank;

  return x < y ? -1 : x > y;
}

static gboolean
group_domains (WeftCollectivePlan *plan,
               const guint32      *gpus,
               guint32           **members,
               guint32           **ranks,
               guint              *m,
               guint              *k,
               GError            **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < plan->n; i++)
    {
      gpointer key = GUINT_TO_POINTER (weft_routes_get_domain (plan->routes, gpus[i]) + 1);
      gpointer slot;
      GArray *list;

      if (!g_hash_table_lookup_extended (index, key, NULL, &slot))
        {
          slot = GUINT_TO_POINTER (lists->len);
          g_hash_table_insert (index, key, slot);
          g_ptr_array_add (lists, g_array_new (FALSE, FALSE, sizeof (guint32)));
        }
      list = g_ptr_array_index (lists, GPOINTER_TO_UINT (slot));
      g_array_append_val (list, i);
    }
  *k = lists->len;
  *m = ((GArray *) g_ptr_array_index (lists, 0))->len;
  for (guint d = 1; d < lists->len; d++)
    if (((GArray *) g_ptr_array_index (lists, d))->len != *m)
      {
        g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                     "hierarchical needs as many GPUs of the group in every scale-up domain: "
                     "the first holds %u, another %u; use ring, or a group of whole domains",
                     *m, ((GArray *) g_ptr_array_index (lists, d))->len);
        return FALSE;
      }
  *members = g_new (guint32, (gsize) *m * *k);
  *ranks = g_new (guint32, (gsize) *m * *k);
  for (guint d = 0; d < *k; d++)
    for (guint i = 0; i < *m; i++)
      {
        guint32 rank = g_array_index ((GArray *) g_ptr_array_index (lists, d), guint32, i);

        (*ranks)[(gsize) d * *m + i] = rank;
        (*members)[(gsize) d * *m + i] = gpus[rank];
      }
  return TRUE;
}

static gboolean ensure_algo (WeftCollectivePlan *plan,
                             WeftCollectiveAlgo  a,
                             GError            **error);

/* Gives @algo the flat ring's steps, when the ring applies; *@shared says whether it did. */
static gboolean
share_ring (WeftCollectivePlan *plan,
            AlgoPlan           *algo,
            gboolean           *shared,
            GError            **error)
{
  const AlgoPlan *ring;

  *shared = FALSE;
  if (!ensure_algo (plan, WEFT_ALGO_RING, error))
    return FALSE;
  ring = &plan->algos[WEFT_ALGO_RING];
  if (ring->why != NULL)
    return TRUE;
  /* The same steps, not a copy: two loads the size of the fabric fewer. */
  algo->same = ring;
  *shared = TRUE;
  return TRUE;
}

static gboolean
plan_hierarchical (WeftCollectivePlan *plan,
                   AlgoPlan           *algo,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autofree guint32 *members = NULL;
  g_autofree guint32 *ranks = NULL;
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  g_autoptr(GArray) across = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  g_autofree guint32 *rail = NULL;
  gboolean all_reduce = plan->op == WEFT_OP_ALL_REDUCE;
  guint m = 0, k = 0;

  /* Inside each domain a ring of its m GPUs with S/m; across, on each
   * rail, a ring of its k GPUs with S/(mk). Groups that run at once must
   * split alike, so that their steps line up. */
  for (guint group = 0; group < plan->n_groups; group++)
    {
      guint group_m, group_k;

      g_clear_pointer (&members, g_free);
      g_clear_pointer (&ranks, g_free);
      if (!group_domains (plan, &plan->gpus[(gsize) group * plan->n], &members, &ranks, &group_m,
                          &group_k, error))
        return FALSE;
      if (group > 0 && (group_m != m || group_k != k))
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "hierarchical needs groups that span their domains alike: one has %u GPUs "
                       "in each of %u domains, another %u in each of %u; use ring", m, k, group_m,
                       group_k);
          return FALSE;
        }
      m = group_m;
      k = group_k;
      for (guint d = 0; d < k; d++)
        ring_flows (&members[(gsize) d * m], m, 1.0 / m, inside);
      /* Each rail's ring visits its GPUs in rank order, as the group lists
       * them; members[] holds each domain's GPUs in rank order, and
       * ranks[] their places in the group. */
      rail = g_renew (guint32, rail, k);
      for (guint i = 0; i < m; i++)
        {
          RankedGpu *ranked = g_new (RankedGpu, k);

          for (guint d = 0; d < k; d++)
            ranked[d] = (RankedGpu) { ranks[(gsize) d * m + i], members[(gsize) d * m + i] };
          qsort (ranked, k, sizeof (RankedGpu), compare_ranked);
          for (guint d = 0; d < k; d++)
            rail[d] = ranked[d].gpu;
          g_free (ranked);
          ring_flows (rail, k, 1.0 / ((double) m * k), across);
        }
    }
  /* One GPU per domain, or one domain: the same ring as the flat one, whose steps serve. */
  if ((m == 1 || k == 1) && plan->op != WEFT_OP_BROADCAST)
    {
      gboolean shared;

      if (!share_ring (plan, algo, &shared, error))
        return FALSE;
      if (shared)
        return TRUE;
    }
  if (m > 1 && !add_routed_pattern (plan, algo, inside, (all_reduce ? 2.0 : 1.0) * (m - 1), 1,
                                    FALSE, cancellable, error))
    return FALSE;
  if (k > 1 && !add_routed_pattern (plan, algo, across, (all_reduce ? 2.0 : 1.0) * (k - 1), 1,
                                    FALSE, cancellable, error))
    return FALSE;
  return TRUE;
}

/* NCCL's binary tree (src/graph/trees.cc, ncclGetBtree): the parent of @rank, or -1. */
static int
btree_parent (int n,
              int rank)
{
  int bit, up;

  for (bit = 1; bit < n; bit <<= 1)
    if (bit & rank)
      break;
  if (rank == 0)
    return -1;
  up = (rank ^ bit) | (bit << 1);
  if (up >= n)
    up = rank ^ bit;
  return up;
}

/* The parent of @rank in @tree (0 or 1) of NCCL's double binary tree
 * (ncclGetDtree): the second tree is the first mirrored when n is even,
 * shifted by one when it is odd. */
static int
dtree_parent (int n,
              int tree,
              int rank)
{
  int up;

  if (tree == 0)
    return btree_parent (n, rank);
  if (n % 2 == 1)
    {
      up = btree_parent (n, (rank - 1 + n) % n);
      return up == -1 ? -1 : (up + 1) % n;
    }
  up = btree_parent (n, n - 1 - rank);
  return up == -1 ? -1 : n - 1 - up;
}

static gboolean
plan_tree (WeftCollectivePlan *plan,
           AlgoPlan           *algo,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GArray) flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  int n = plan->n, depth = 0;

  /* Each tree reduces S/2 up every edge and broadcasts it back down, pipelined. */
  for (guint group = 0; group < plan->n_groups; group++)
    {
      const guint32 *gpus = &plan->gpus[(gsize) group * n];

      for (int tree = 0; tree < 2; tree++)
        for (int rank = 0; rank < n; rank++)
          {
            int up = dtree_parent (n, tree, rank), d = 0;
            WeftFlow flow = { gpus[rank], 0, 0.5 };

            for (int r = rank; dtree_parent (n, tree, r) != -1; r = dtree_parent (n, tree, r))
              d++;
            depth = MAX (depth, d);
            if (up == -1)
              continue;
            flow.dst = gpus[up];
            g_array_append_val (flows, flow);
            flow.src = gpus[up];
            flow.dst = gpus[rank];
            g_array_append_val (flows, flow);
          }
    }
  /* One pipelined step, whose latency is the round trip of the deeper tree. */
  return add_routed_pattern (plan, algo, flows, 1, 2.0 * depth, FALSE, cancellable, error);
}

static gboolean
plan_direct (WeftCollectivePlan *plan,
             AlgoPlan           *algo,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GArray) flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));

  if (plan->op == WEFT_OP_ALL_TO_ALL)
    {
      g_autoptr(GPtrArray) owner = g_ptr_array_new_with_free_func (pattern_free);
      Pattern *pattern = pattern_new (plan, 1);
      WeftStepLoads step = { pattern->load, 0, 0 };

      g_ptr_array_add (owner, pattern);
      for (guint group = 0; group < plan->n_groups; group++)
        if (!weft_routes_add_all_to_all (plan->routes, &plan->gpus[(gsize) group * plan->n],
                                         plan->n, 1.0 / plan->n, &step, cancellable, error))
          return FALSE;
      pattern->latency_ns = step.max_latency_ns;
      add_pattern (plan, algo, g_ptr_array_steal_index (owner, 0));
      return TRUE;
    }
  for (guint i = 0; i < plan->n * plan->n_groups; i++)
    {
      WeftFlow flow = { plan->gpus[i], plan->peers[i], 1 };

      g_array_append_val (flows, flow);
    }
  return add_routed_pattern (plan, algo, flows, 1, 1, FALSE, cancellable, error);
}

/* A bound under the tree's transfer per byte of size, found without routing
 * it. The busiest of any set of link directions carries at least their
 * summed load over their summed capacity. Every flow leaves its source over
 * one of the source's links (a scale-up one when it stays in the domain)
 * and enters its destination over one of the destination's; one between
 * domains leaves its source's domain over one of the domain's scale-out
 * links and enters the other's likewise, and crosses no other domain. Each
 * tree edge carries S/2 each way, so a GPU sends what it receives. */
static double
tree_transfer_floor (WeftCollectivePlan *plan)
{
  WeftRoutes *routes = plan->routes;
  gsize total = (gsize) plan->n * plan->n_groups;
  g_autofree double *sent = g_new0 (double, MAX (total, 1));
  g_autofree double *inside = g_new0 (double, MAX (total, 1));
  g_autofree double *across = g_new0 (double, MAX (weft_routes_get_n_domains (routes), 1));
  int n = plan->n;
  double floor = 0;

  for (guint group = 0; group < plan->n_groups; group++)
    for (int tree = 0; tree < 2; tree++)
      for (int rank = 0; rank < n; rank++)
        {
          int up = dtree_parent (n, tree, rank);
          gsize i = (gsize) group * n + rank, j = (gsize) group * n + up;
          guint32 di, dj;

          if (up == -1)
            continue;
          di = weft_routes_get_domain (routes, plan->gpus[i]);
          dj = weft_routes_get_domain (routes, plan->gpus[j]);
          sent[i] += 0.5;
          sent[j] += 0.5;
          if (di == dj)
            {
              inside[i] += 0.5;
              inside[j] += 0.5;
            }
          else
            {
              across[di] += 0.5;
              across[dj] += 0.5;
            }
        }
  for (gsize i = 0; i < total; i++)
    {
      floor = MAX (floor, sent[i] / weft_routes_get_gpu_capacity (routes, plan->gpus[i], FALSE));
      if (inside[i] > 0)
        floor = MAX (floor, inside[i] / weft_routes_get_gpu_capacity (routes, plan->gpus[i], TRUE));
    }
  for (guint d = 0; d < weft_routes_get_n_domains (routes); d++)
    if (across[d] > 0)
      floor = MAX (floor, across[d] / weft_routes_get_domain_capacity (routes, d));
  return floor;
}

/* Which algorithms serve which operation. */
static gboolean
algo_serves (WeftCollectiveOp   op,
             WeftCollectiveAlgo algo)
{
  switch (algo)
    {
    case WEFT_ALGO_RING:
      return op == WEFT_OP_ALL_REDUCE || op == WEFT_OP_REDUCE_SCATTER ||
             op == WEFT_OP_ALL_GATHER || op == WEFT_OP_BROADCAST;
    case WEFT_ALGO_HIERARCHICAL:
      return op == WEFT_OP_ALL_REDUCE || op == WEFT_OP_REDUCE_SCATTER ||
             op == WEFT_OP_ALL_GATHER;
    case WEFT_ALGO_TREE:
      return op == WEFT_OP_ALL_REDUCE;
    case WEFT_ALGO_DIRECT:
      return op == WEFT_OP_ALL_TO_ALL || op == WEFT_OP_SEND_RECV;
    case WEFT_ALGO_AUTO:
    case WEFT_N_ALGOS:
    default:
      return FALSE;
    }
}

/* What to use instead, for a message. */
static const char *
algos_for (WeftCollectiveOp op)
{
  switch (op)
    {
    case WEFT_OP_ALL_REDUCE: return "use ring, hierarchical, tree or auto";
    case WEFT_OP_REDUCE_SCATTER:
    case WEFT_OP_ALL_GATHER: return "use ring, hierarchical or auto";
    case WEFT_OP_ALL_TO_ALL:
    case WEFT_OP_SEND_RECV: return "use direct or auto";
    case WEFT_OP_BROADCAST: return "use ring or auto";
    case WEFT_N_OPS:
    default: return "use auto";
    }
}

static gboolean
check_group (WeftFabric     *fabric,
             const guint32  *gpus,
             guint           n,
             const char     *what,
             GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      if (gpus[i] >= weft_fabric_get_n_nodes (fabric))
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "%s: node %u is not in the fabric (it has %u nodes)", what, gpus[i],
                       weft_fabric_get_n_nodes (fabric));
          return FALSE;
        }
      if (weft_fabric_get_node (fabric, gpus[i])->kind != WEFT_NODE_GPU)
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "%s: %s is not a GPU", what, weft_fabric_get_node (fabric, gpus[i])->name);
          return FALSE;
        }
      if (!g_hash_table_add (seen, GUINT_TO_POINTER (gpus[i] + 1)))
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "%s: %s is listed twice", what,
                       weft_fabric_get_node (fabric, gpus[i])->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The groups, every GPU by default, and the peers of send/recv. */
static gboolean
plan_groups (WeftCollectivePlan *plan,
             WeftFabric         *fabric,
             const guint32      *gpus,
             guint               group_size,
             guint               n_groups,
             const guint32      *peers,
             GError            **error)
{
  guint n_nodes = weft_fabric_get_n_nodes (fabric);
  gsize total;

  if (gpus == NULL)
    {
      plan->gpus = g_new (guint32, MAX (n_nodes, 1));
      for (guint i = 0; i < n_nodes; i++)
        if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
          plan->gpus[plan->n++] = i;
      plan->n_groups = 1;
    }
  else
    {
      plan->gpus = g_memdup2 (gpus, (gsize) group_size * n_groups * sizeof (guint32));
      plan->n = group_size;
      plan->n_groups = n_groups;
    }
  total = (gsize) plan->n * plan->n_groups;
  if (!check_group (fabric, plan->gpus, total, "the group", error))
    return FALSE;
  if (plan->op == WEFT_OP_SEND_RECV)
    {
      if (peers == NULL)
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "send/recv needs the receiving GPUs, as many as the sending group (%u)",
                       plan->n);
          return FALSE;
        }
      plan->peers = g_memdup2 (peers, total * sizeof (guint32));
      return check_group (fabric, plan->peers, total, "the peers", error);
    }
  if (plan->n < 2)
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "%s %s needs at least 2 GPUs in a group; the group has %u",
                   plan->op == WEFT_OP_BROADCAST ? "a" : "an",
                   weft_collective_op_to_string (plan->op), plan->n);
      return FALSE;
    }
  return TRUE;
}

WeftCollectivePlan *
weft_collective_plan_new (WeftFabric       *fabric,
                          WeftCollectiveOp  op,
                          const guint32    *gpus,
                          guint             n_gpus,
                          const guint32    *peers,
                          GCancellable     *cancellable,
                          GError          **error)
{
  return weft_collective_plan_new_groups (fabric, op, gpus, n_gpus, 1, peers, cancellable, error);
}

WeftCollectivePlan *
weft_collective_plan_new_groups (WeftFabric       *fabric,
                                 WeftCollectiveOp  op,
                                 const guint32    *gpus,
                                 guint             group_size,
                                 guint             n_groups,
                                 const guint32    *peers,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(WeftRoutes) routes = NULL;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  routes = weft_routes_new (fabric);
  return weft_collective_plan_new_on (routes, fabric, op, gpus, group_size, n_groups, peers,
                                      cancellable, error);
}

WeftCollectivePlan *
weft_collective_plan_new_on (WeftRoutes       *routes,
                             WeftFabric       *fabric,
                             WeftCollectiveOp  op,
                             const guint32    *gpus,
                             guint             group_size,
                             guint             n_groups,
                             const guint32    *peers,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(WeftCollectivePlan) plan = g_new0 (WeftCollectivePlan, 1);

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  g_return_val_if_fail (op < WEFT_N_OPS, NULL);

  plan->op = op;
  if (!plan_groups (plan, fabric, gpus, group_size, n_groups, peers, error))
    return NULL;
  plan->routes = weft_routes_ref (routes);
  plan->n_links = weft_routes_get_n_links (plan->routes);
  plan->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  return g_steal_pointer (&plan);
}

/* Plans @a the first time it is asked for: a plan for one algorithm
 * does not pay for the others. FALSE (with @error) when the fabric cannot
 * carry the collective at all or the plan was cancelled; an algorithm
 * that does not suit the group only records why. */
static gboolean
ensure_algo (WeftCollectivePlan *plan,
             WeftCollectiveAlgo  a,
             GError            **error)
{
  AlgoPlan *algo = &plan->algos[a];
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (algo->patterns != NULL)
    return TRUE;
  algo->patterns = g_ptr_array_new_with_free_func (pattern_free);
  if (!algo_serves (plan->op, a))
    {
      g_set_error (&algo->why, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "%s does not do %s; %s", weft_collective_algo_to_string (a),
                   weft_collective_op_to_string (plan->op), algos_for (plan->op));
      return TRUE;
    }
  switch (a)
    {
    case WEFT_ALGO_RING: ok = plan_ring (plan, algo, plan->cancellable, &local_error); break;
    case WEFT_ALGO_HIERARCHICAL:
      ok = plan_hierarchical (plan, algo, plan->cancellable, &local_error);
      break;
    case WEFT_ALGO_TREE: ok = plan_tree (plan, algo, plan->cancellable, &local_error); break;
    case WEFT_ALGO_DIRECT: ok = plan_direct (plan, algo, plan->cancellable, &local_error); break;
    case WEFT_ALGO_AUTO:
    case WEFT_N_ALGOS:
    default: ok = FALSE; break;
    }
  if (!ok && !g_error_matches (local_error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID))
    {
      /* Asked again, it fails again. */
      g_clear_pointer (&algo->patterns, g_ptr_array_unref);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!ok)
    {
      algo->why = g_steal_pointer (&local_error);
      return TRUE;
    }
  if (algo->same != NULL)
    return TRUE;
  algo->load = g_new0 (double, 2 * (gsize) MAX (plan->n_links, 1));
  for (guint p = 0; p < algo->patterns->len; p++)
    {
      const Pattern *pattern = g_ptr_array_index (algo->patterns, p);

      for (gsize i = 0; i < 2 * (gsize) plan->n_links; i++)
        algo->load[i] += pattern->repeat * pattern->load[i];
      algo->steps += pattern->repeat;
    }
  return TRUE;
}

static gboolean
ensure_all (WeftCollectivePlan *plan,
            GError            **error)
{
  for (guint a = WEFT_ALGO_RING; a < WEFT_N_ALGOS; a++)
    if (!ensure_algo (plan, a, error))
      return FALSE;
  return TRUE;
}

void
weft_collective_plan_free (WeftCollectivePlan *plan)
{
  if (plan == NULL)
    return;
  for (guint a = 0; a < WEFT_N_ALGOS; a++)
    {
      g_clear_error (&plan->algos[a].why);
      g_clear_pointer (&plan->algos[a].patterns, g_ptr_array_unref);
      g_free (plan->algos[a].load);
    }
  g_clear_pointer (&plan->routes, weft_routes_unref);
  g_clear_object (&plan->cancellable);
  g_free (plan->gpus);
  g_free (plan->peers);
  g_free (plan);
}

gboolean
weft_collective_plan_supports (WeftCollectivePlan *plan,
                               WeftCollectiveAlgo  algo,
                               GError            **error)
{
  g_return_val_if_fail (algo < WEFT_N_ALGOS, FALSE);
  if (algo == WEFT_ALGO_AUTO ? !ensure_all (plan, error) : !ensure_algo (plan, algo, error))
    return FALSE;
  if (algo == WEFT_ALGO_AUTO)
    {
      for (guint a = WEFT_ALGO_RING; a < WEFT_N_ALGOS; a++)
        if (plan->algos[a].why == NULL)
          return TRUE;
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "no algorithm can do this %s on this group",
                   weft_collective_op_to_string (plan->op));
      return FALSE;
    }
  if (plan->algos[algo].why != NULL)
    {
      g_propagate_error (error, g_error_copy (plan->algos[algo].why));
      return FALSE;
    }
  return TRUE;
}

/* What @algo was planned as: its own steps, or those it shares. */
static const AlgoPlan *
planned (WeftCollectivePlan *plan,
         WeftCollectiveAlgo  algo)
{
  const AlgoPlan *a = &plan->algos[algo];

  return a->same != NULL ? a->same : a;
}

static double
algo_time (WeftCollectivePlan *plan,
           WeftCollectiveAlgo  algo,
           double              size,
           double             *latency_s,
           double             *transfer_s)
{
  const AlgoPlan *a = planned (plan, algo);

  *latency_s = *transfer_s = 0;
  for (guint p = 0; p < a->patterns->len; p++)
    {
      const Pattern *pattern = g_ptr_array_index (a->patterns, p);

      *latency_s += pattern->repeat * pattern->latency_ns * 1e-9;
      *transfer_s += pattern->repeat * pattern->transfer_s * size;
    }
  return *latency_s + *transfer_s;
}

/* The algorithm auto picks at @size: the first of the quickest that apply.
 * The tree is planned only when the bound under its time leaves it a
 * chance, with room for rounding: where its transfer alone is no quicker
 * than the best so far, it cannot be strictly quicker, so the pick is the
 * same as if it had been timed. */
static gboolean
fastest (WeftCollectivePlan *plan,
         double              size,
         WeftCollectiveAlgo *algo,
         GError            **error)
{
  double best = INFINITY, latency, transfer;

  *algo = WEFT_ALGO_AUTO;
  for (guint a = WEFT_ALGO_RING; a < WEFT_N_ALGOS; a++)
    {
      if (a == WEFT_ALGO_TREE && plan->algos[a].patterns == NULL && algo_serves (plan->op, a) &&
          tree_transfer_floor (plan) * size * (1 - 1e-9) >= best)
        continue;
      if (!ensure_algo (plan, a, error))
        return FALSE;
      if (plan->algos[a].why == NULL && algo_time (plan, a, size, &latency, &transfer) < best)
        {
          best = latency + transfer;
          *algo = a;
        }
    }
  if (*algo == WEFT_ALGO_AUTO)
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "no algorithm can do this %s on this group",
                   weft_collective_op_to_string (plan->op));
      return FALSE;
    }
  return TRUE;
}

/* The @max busiest link directions, busiest first: a few scans, not a sort
 * of every link of a 131,072-GPU fabric. */
static GArray *
bottlenecks (WeftCollectivePlan *plan,
             WeftCollectiveAlgo  algo,
             double              size,
             double              transfer_s,
             guint               max)
{
  const double *load = planned (plan, algo)->load;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (WeftLinkLoad));
  double below = INFINITY;

  for (guint k = 0; k < max; k++)
    {
      WeftLinkLoad best = { G_MAXUINT, FALSE, 0, 0, 0 };

      /* The busiest under the last one taken; ties in link order. */
      for (guint l = 0; l < plan->n_links; l++)
        for (guint d = 0; d < 2; d++)
          {
            double seconds = load[2 * l + d] * size / weft_routes_get_capacity (plan->routes, l);
            gboolean taken = FALSE;

            if (load[2 * l + d] <= 0 || seconds > below || seconds <= best.seconds)
              continue;
            for (guint i = 0; i < out->len && !taken; i++)
              taken = g_array_index (out, WeftLinkLoad, i).link == l &&
                      g_array_index (out, WeftLinkLoad, i).forward == (d == 0);
            if (!taken)
              best = (WeftLinkLoad) { l, d == 0, load[2 * l + d] * size, seconds, 0 };
          }
      if (best.link == G_MAXUINT)
        break;
      best.share = transfer_s > 0 ? best.seconds / transfer_s : 0;
      g_array_append_val (out, best);
      below = best.seconds;
    }
  return out;
}

WeftCollectiveResult *
weft_collective_plan_time (WeftCollectivePlan *plan,
                           WeftCollectiveAlgo  algo,
                           double              size_bytes,
                           guint               max_bottlenecks,
                           GError            **error)
{
  WeftCollectiveResult *result;

  if (!(size_bytes > 0) || !isfinite (size_bytes))
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "a collective moves at least one byte (size %g)", size_bytes);
      return NULL;
    }
  if (algo == WEFT_ALGO_AUTO ? !fastest (plan, size_bytes, &algo, error)
                             : !weft_collective_plan_supports (plan, algo, error))
    return NULL;

  result = g_new0 (WeftCollectiveResult, 1);
  result->op = plan->op;
  result->algorithm = algo;
  result->gpus = plan->n;
  result->size_bytes = size_bytes;
  result->steps = planned (plan, algo)->steps;
  result->time_s = algo_time (plan, algo, size_bytes, &result->latency_s, &result->transfer_s);
  result->algbw_GBps = size_bytes / result->time_s / 1e9;
  result->busbw_GBps = result->algbw_GBps * weft_collective_bus_factor (plan->op, plan->n);
  result->bottlenecks = bottlenecks (plan, algo, size_bytes, result->transfer_s, max_bottlenecks);
  return result;
}

const double *
weft_collective_plan_loads (WeftCollectivePlan *plan,
                            WeftCollectiveAlgo  algo)
{
  g_return_val_if_fail (algo > WEFT_ALGO_AUTO && algo < WEFT_N_ALGOS, NULL);
  if (!ensure_algo (plan, algo, NULL))
    return NULL;
  return planned (plan, algo)->load;
}
