/* test-collectives.c — collectives against a per-flow reference, closed forms and bad input. */
#include "weft-test-util.h"

#include <glib/gstdio.h>
#include <math.h>

#include "io/weft-fabric-file.h"

#include "collectives/weft-collective.h"
#include "collectives/weft-collective-group.h"
#include "collectives/weft-training.h"

static WeftCatalog *catalog;

#define GiB (1024.0 * 1024 * 1024)
#define KiB 1024.0

/* --- The reference ---------------------------------------------------------
 *
 * Written from the spec alone (docs/DESIGN.md, "Collectives and the training
 * step"), without the model's code, so the two agree only if both follow
 * the spec. Every flow is routed on its own: a breadth-first search over the
 * graph the spec allows it, then its bytes pushed down every shortest path,
 * split at each node over the next-hop link records in proportion to their
 * counts. Nothing is aggregated. */

/* One flow's route, per byte it carries. */
typedef struct
{
  gboolean  computed;
  gboolean  reachable;
  double    latency_s;    /* the largest zero-load latency over its paths */
  guint     n;
  guint32  *dirs;         /* 2 × link + (a → b ? 0 : 1) */
  double   *shares;       /* the flow's share crossing that direction */
} Route;

typedef struct
{
  WeftFabric     *fabric;
  const char     *name;
  guint           n_nodes;
  guint           n_links;
  const WeftNode *nodes;
  const WeftLink *links;
  gint           *domain;     /* per node: its scale-up domain, -1 for a scale-out switch */
  double         *node_ns;    /* a switch's port-to-port latency; 0 for a GPU */
  double         *link_ns;    /* media at both ends and propagation */
  double         *capacity;   /* bytes per second each way */
  guint          *offsets;    /* each node's link records ... */
  guint          *incident;   /* ... in incident[offsets[v] .. offsets[v + 1]) */
  GArray         *gpus;       /* guint32, in node order */
  Route          *routes;     /* [s × n_nodes + d], routed on first use */

  /* Scratch for one route. */
  guint          *dist;       /* links to the destination */
  double         *flow;
  double         *lat;
  guint8         *on;         /* on a shortest path from the source */
  double         *acc;        /* per link direction */
  GArray         *touched;
} Ref;

static guint
uf_find (guint *parent,
         guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

/* The latencies as the metrics take them (DESIGN.md, Metrics): a switch
 * costs its part's latency_ns, a link twice its media's latency_ns plus its
 * length at fibre or copper speed, or at fibre speed when no medium reaches. */
static double
link_latency_ns (WeftFabric *fabric,
                 guint       link)
{
  const WeftLink *l = weft_fabric_get_link (fabric, link);
  const WeftMediaPart *media = weft_fabric_get_link_media (fabric, link);

  if (media == NULL)
    return l->length_m * weft_catalog_propagation (catalog, TRUE);
  return 2 * media->latency_ns +
         l->length_m * weft_catalog_propagation (catalog, weft_medium_is_optical (media->medium));
}

static Ref *
ref_new (WeftFabric *fabric)
{
  Ref *ref = g_new0 (Ref, 1);
  g_autofree guint *parent = NULL;
  g_autofree guint8 *scale_up = NULL;
  g_autofree guint *fill = NULL;
  guint n, m;

  ref->fabric = fabric;
  ref->name = weft_fabric_get_name (fabric);
  ref->nodes = weft_fabric_get_nodes (fabric, &ref->n_nodes);
  ref->links = weft_fabric_get_links (fabric, &ref->n_links);
  n = ref->n_nodes;
  m = ref->n_links;

  /* Domains: components over scale-up links; a GPU without any is its own. */
  parent = g_new (guint, n);
  scale_up = g_new0 (guint8, n);
  for (guint v = 0; v < n; v++)
    parent[v] = v;
  for (guint i = 0; i < m; i++)
    if (ref->links[i].link_class == WEFT_LINK_SCALE_UP)
      {
        parent[uf_find (parent, ref->links[i].a)] = uf_find (parent, ref->links[i].b);
        scale_up[ref->links[i].a] = scale_up[ref->links[i].b] = TRUE;
      }
  ref->domain = g_new (gint, n);
  ref->node_ns = g_new0 (double, n);
  ref->gpus = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint v = 0; v < n; v++)
    {
      gboolean gpu = ref->nodes[v].kind == WEFT_NODE_GPU;
      const WeftPart *part = weft_fabric_get_node_part (fabric, v);

      ref->domain[v] = gpu || scale_up[v] ? (gint) uf_find (parent, v) : -1;
      if (!gpu)
        ref->node_ns[v] = part ? part->latency_ns : 0;
      else
        g_array_append_val (ref->gpus, v);
    }

  ref->link_ns = g_new (double, m);
  ref->capacity = g_new (double, m);
  ref->offsets = g_new0 (guint, n + 1);
  ref->incident = g_new (guint, 2 * (gsize) m + 1);
  for (guint i = 0; i < m; i++)
    {
      ref->link_ns[i] = link_latency_ns (fabric, i);
      ref->capacity[i] = (double) ref->links[i].speed_gbps * ref->links[i].count * 1e9 / 8;
      ref->offsets[ref->links[i].a + 1]++;
      ref->offsets[ref->links[i].b + 1]++;
    }
  for (guint v = 0; v < n; v++)
    ref->offsets[v + 1] += ref->offsets[v];
  fill = g_memdup2 (ref->offsets, (n + 1) * sizeof (guint));
  for (guint i = 0; i < m; i++)
    {
      ref->incident[fill[ref->links[i].a]++] = i;
      ref->incident[fill[ref->links[i].b]++] = i;
    }

  ref->routes = g_new0 (Route, (gsize) n * n);
  ref->dist = g_new (guint, n);
  ref->flow = g_new0 (double, n);
  ref->lat = g_new0 (double, n);
  ref->on = g_new0 (guint8, n);
  ref->acc = g_new0 (double, 2 * (gsize) m + 1);
  ref->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  return ref;
}

static void
ref_free (Ref *ref)
{
  for (gsize i = 0; i < (gsize) ref->n_nodes * ref->n_nodes; i++)
    {
      g_free (ref->routes[i].dirs);
      g_free (ref->routes[i].shares);
    }
  g_free (ref->routes);
  g_free (ref->domain);
  g_free (ref->node_ns);
  g_free (ref->link_ns);
  g_free (ref->capacity);
  g_free (ref->offsets);
  g_free (ref->incident);
  g_array_unref (ref->gpus);
  g_free (ref->dist);
  g_free (ref->flow);
  g_free (ref->lat);
  g_free (ref->on);
  g_free (ref->acc);
  g_array_unref (ref->touched);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ref, ref_free)

/* Whether a flow from @s to @d may cross @link from @u to @v (spec, Routes):
 * inside a shared domain only its scale-up links; otherwise scale-up links
 * inside the two domains, then out of s's domain once to a scale-out switch
 * (or straight into d's domain), between scale-out switches, and into d's
 * domain once. No other domain forwards, and nothing goes back. */
static gboolean
may_cross (const Ref *ref,
           guint      s,
           guint      d,
           guint      link,
           guint      u,
           guint      v)
{
  gint ds = ref->domain[s], dd = ref->domain[d], du = ref->domain[u], dv = ref->domain[v];

  if (ref->links[link].link_class == WEFT_LINK_SCALE_UP)
    return du == dv && (du == ds || du == dd);
  if (ds == dd)
    return FALSE;
  if (du == -1 || du == ds)
    return dv == -1 || dv == dd;
  return FALSE;
}

static guint
other_end (const Ref *ref,
           guint      link,
           guint      node)
{
  return ref->links[link].a == node ? ref->links[link].b : ref->links[link].a;
}

static const Route *
ref_route (Ref   *ref,
           guint  s,
           guint  d)
{
  Route *route = &ref->routes[(gsize) s * ref->n_nodes + d];
  g_autofree guint *queue = NULL;
  g_autoptr(GArray) frontier = NULL;
  g_autoptr(GArray) next = NULL;
  g_autoptr(GArray) visited = NULL;
  guint head = 0, tail = 0;

  if (route->computed)
    return route;
  route->computed = TRUE;
  g_assert_cmpuint (s, !=, d);

  /* Links from every node to d, by a breadth-first search backwards. */
  queue = g_new (guint, ref->n_nodes);
  for (guint v = 0; v < ref->n_nodes; v++)
    ref->dist[v] = G_MAXUINT;
  ref->dist[d] = 0;
  queue[tail++] = d;
  while (head < tail)
    {
      guint v = queue[head++];

      for (guint e = ref->offsets[v]; e < ref->offsets[v + 1]; e++)
        {
          guint link = ref->incident[e], u = other_end (ref, link, v);

          if (ref->dist[u] == G_MAXUINT && may_cross (ref, s, d, link, u, v))
            {
              ref->dist[u] = ref->dist[v] + 1;
              queue[tail++] = u;
            }
        }
    }
  if (ref->dist[s] == G_MAXUINT)
    return route;
  route->reachable = TRUE;

  /* Push the byte down, one distance at a time: a node at distance h gets
   * all its share from nodes at h + 1, so a level is complete when reached.
   * The latency is the longest path of the same DAG. */
  frontier = g_array_new (FALSE, FALSE, sizeof (guint));
  next = g_array_new (FALSE, FALSE, sizeof (guint));
  visited = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (frontier, s);
  g_array_append_val (visited, s);
  ref->on[s] = TRUE;
  ref->flow[s] = 1;
  ref->lat[s] = 0;
  for (guint level = ref->dist[s]; level > 0; level--)
    {
      g_array_set_size (next, 0);
      for (guint f = 0; f < frontier->len; f++)
        {
          guint u = g_array_index (frontier, guint, f);
          double total = 0;

          for (guint pass = 0; pass < 2; pass++)
            for (guint e = ref->offsets[u]; e < ref->offsets[u + 1]; e++)
              {
                guint link = ref->incident[e], v = other_end (ref, link, u);
                guint32 dir = 2 * link + (ref->links[link].a == u ? 0 : 1);
                double share;

                if (ref->dist[v] != level - 1 || !may_cross (ref, s, d, link, u, v))
                  continue;
                if (pass == 0)
                  {
                    total += ref->links[link].count;
                    continue;
                  }
                share = ref->flow[u] * ref->links[link].count / total;
                if (ref->acc[dir] == 0)
                  g_array_append_val (ref->touched, dir);
                ref->acc[dir] += share;
                if (!ref->on[v])
                  {
                    ref->on[v] = TRUE;
                    ref->flow[v] = 0;
                    ref->lat[v] = -1;
                    g_array_append_val (next, v);
                    g_array_append_val (visited, v);
                  }
                ref->flow[v] += share;
                ref->lat[v] = MAX (ref->lat[v], ref->lat[u] + ref->link_ns[link] + ref->node_ns[v]);
              }
          g_assert_cmpfloat (total, >, 0);
        }
      g_array_set_size (frontier, 0);
      g_array_append_vals (frontier, next->data, next->len);
    }
  g_assert_cmpuint (frontier->len, ==, 1);
  g_assert_cmpuint (g_array_index (frontier, guint, 0), ==, d);
  g_assert_cmpfloat_with_epsilon (ref->flow[d], 1, 1e-12);
  route->latency_s = ref->lat[d] * 1e-9;

  route->n = ref->touched->len;
  route->dirs = g_new (guint32, route->n);
  route->shares = g_new (double, route->n);
  for (guint i = 0; i < route->n; i++)
    {
      guint32 dir = g_array_index (ref->touched, guint32, i);

      route->dirs[i] = dir;
      route->shares[i] = ref->acc[dir];
      ref->acc[dir] = 0;
    }
  g_array_set_size (ref->touched, 0);
  for (guint i = 0; i < visited->len; i++)
    ref->on[g_array_index (visited, guint, i)] = FALSE;
  return route;
}

/* Whether every GPU reaches every other by the spec's routes. */
static gboolean
ref_all_reachable (Ref *ref)
{
  for (guint i = 0; i < ref->gpus->len; i++)
    for (guint j = 0; j < ref->gpus->len; j++)
      if (i != j && !ref_route (ref, g_array_index (ref->gpus, guint32, i),
                                g_array_index (ref->gpus, guint32, j))->reachable)
        return FALSE;
  return TRUE;
}

/* --- Steps, straight from the spec's table -------------------------------- */

typedef struct
{
  guint32 s;
  guint32 d;
  double  bytes;    /* per byte of the collective's size */
  guint   group;    /* which of the groups running at once sends it */
} Flow;

typedef enum
{
  LATENCY_MAX,      /* the largest latency among the step's flows */
  LATENCY_SUM,      /* a pipelined chain: its flows' latencies summed */
  LATENCY_TREE,     /* 2 × depth × the largest tree-edge latency */
} LatencyRule;

typedef struct
{
  GArray      *flows;
  guint        times;   /* the same step, this many times in a row */
  LatencyRule  rule;
  guint        depth;
} Step;

typedef struct
{
  gboolean  applies;
  gboolean  reachable;
  gboolean  aligned;             /* concurrent groups: their steps line up */
  guint     steps;
  double    latency_s;
  double    transfer_per_byte;   /* seconds per byte of size */
  double   *loads;               /* per link direction, per byte, whole collective */
  double    peak_seconds_per_byte;
} Expect;

static void
expect_clear (Expect *e)
{
  g_clear_pointer (&e->loads, g_free);
}

static Step *
step_new (guint       times,
          LatencyRule rule)
{
  Step *step = g_new0 (Step, 1);

  step->flows = g_array_new (FALSE, FALSE, sizeof (Flow));
  step->times = times;
  step->rule = rule;
  return step;
}

static void
step_free (Step *step)
{
  g_array_unref (step->flows);
  g_free (step);
}

static void
step_add (Step   *step,
          guint32 s,
          guint32 d,
          double  bytes)
{
  Flow flow = { s, d, bytes, 0 };

  if (s != d)
    g_array_append_val (step->flows, flow);
}

/* A ring over @ring (node indices, in ring order): each sends @bytes to the next. */
static void
step_add_ring (Step          *step,
               const guint32 *ring,
               guint          n,
               double         bytes)
{
  for (guint i = 0; i < n; i++)
    step_add (step, ring[i], ring[(i + 1) % n], bytes);
}

/* The group split by scale-up domain: domains in the order their first GPU
 * comes in the group, each domain's GPUs in rank order (as ranks). */
static GPtrArray *
group_domains (Ref           *ref,
               const guint32 *gpus,
               guint          n)
{
  GPtrArray *domains = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);

  for (guint r = 0; r < n; r++)
    {
      gpointer key = GINT_TO_POINTER (ref->domain[gpus[r]] + 1);
      gpointer slot;
      GArray *members;

      if (!g_hash_table_lookup_extended (index, key, NULL, &slot))
        {
          slot = GUINT_TO_POINTER (domains->len);
          g_hash_table_insert (index, key, slot);
          g_ptr_array_add (domains, g_array_new (FALSE, FALSE, sizeof (guint)));
        }
      members = g_ptr_array_index (domains, GPOINTER_TO_UINT (slot));
      g_array_append_val (members, r);
    }
  return domains;
}

/* NCCL's binary tree over ranks 0 … n−1 (ncclGetBtree, src/graph/trees.cc
 * of NVIDIA/nccl): rank 0 is the root; any other rank, with lowest set bit
 * b, hangs under (rank ^ b) | 2b, or under rank ^ b when that is out of
 * range. The children NCCL lists are exactly the ranks naming a parent
 * (checked for n < 300 when this was written), so parents give the edges. */
static gint
btree_parent (guint n,
              guint rank)
{
  guint bit, up;

  if (rank == 0)
    return -1;
  bit = rank & (~rank + 1);
  up = (rank ^ bit) | (bit << 1);
  if (up >= n)
    up = rank ^ bit;
  return (gint) up;
}

/* ncclGetDtree: the second tree mirrors the first (rank ↦ n−1−rank) when n
 * is even and shifts it by one rank when n is odd. */
static gint
dtree_parent (guint n,
              guint tree,
              guint rank)
{
  gint up;

  if (tree == 0)
    return btree_parent (n, rank);
  if (n % 2 == 1)
    {
      up = btree_parent (n, (rank + n - 1) % n);
      return up < 0 ? -1 : (gint) ((guint) (up + 1) % n);
    }
  up = btree_parent (n, n - 1 - rank);
  return up < 0 ? -1 : (gint) (n - 1 - (guint) up);
}

/* The steps of @op with @algo on @gpus (and @peers for send/recv), or NULL
 * when the spec's table does not give that algorithm for that op or group. */
static GPtrArray *
build_steps (Ref                *ref,
             WeftCollectiveOp    op,
             WeftCollectiveAlgo  algo,
             const guint32      *gpus,
             guint               n,
             const guint32      *peers)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  Step *step;

  switch (algo)
    {
    case WEFT_ALGO_RING:
      if (op == WEFT_OP_ALL_REDUCE || op == WEFT_OP_REDUCE_SCATTER || op == WEFT_OP_ALL_GATHER)
        {
          /* All-reduce: 2(n−1) steps, the others n−1, each of S/n to the next rank. */
          step = step_new (op == WEFT_OP_ALL_REDUCE ? 2 * (n - 1) : n - 1, LATENCY_MAX);
          step_add_ring (step, gpus, n, 1.0 / n);
          g_ptr_array_add (steps, step);
          return steps;
        }
      if (op == WEFT_OP_BROADCAST)
        {
          /* A pipelined chain from rank 0: S on each link of it, one step. */
          step = step_new (1, LATENCY_SUM);
          for (guint i = 0; i + 1 < n; i++)
            step_add (step, gpus[i], gpus[i + 1], 1);
          g_ptr_array_add (steps, step);
          return steps;
        }
      break;

    case WEFT_ALGO_HIERARCHICAL:
      if (op == WEFT_OP_ALL_REDUCE || op == WEFT_OP_REDUCE_SCATTER || op == WEFT_OP_ALL_GATHER)
        {
          g_autoptr(GPtrArray) domains = group_domains (ref, gpus, n);
          guint m = ((GArray *) g_ptr_array_index (domains, 0))->len, k = domains->len;
          gboolean equal = TRUE;
          Step *inside, *rails;

          for (guint j = 0; j < k; j++)
            equal &= ((GArray *) g_ptr_array_index (domains, j))->len == m;
          if (!equal)
            break;
          /* Inside each domain: a ring of its m GPUs, S/m a step. */
          inside = step_new (m - 1, LATENCY_MAX);
          for (guint j = 0; j < k; j++)
            {
              GArray *members = g_ptr_array_index (domains, j);
              g_autofree guint32 *ring = g_new (guint32, m);

              for (guint i = 0; i < m; i++)
                ring[i] = gpus[g_array_index (members, guint, i)];
              step_add_ring (inside, ring, m, 1.0 / m);
            }
          /* On each rail, local rank i of every domain, in rank order: a
           * ring of k, S/(mk) a step. */
          rails = step_new (op == WEFT_OP_ALL_REDUCE ? 2 * (k - 1) : k - 1, LATENCY_MAX);
          for (guint i = 0; i < m; i++)
            {
              g_autofree guint *ranks = g_new (guint, k);
              g_autofree guint32 *ring = g_new (guint32, k);

              for (guint j = 0; j < k; j++)
                ranks[j] = g_array_index ((GArray *) g_ptr_array_index (domains, j), guint, i);
              for (guint a = 1; a < k; a++)
                for (guint b = a; b > 0 && ranks[b - 1] > ranks[b]; b--)
                  {
                    guint t = ranks[b];
                    ranks[b] = ranks[b - 1];
                    ranks[b - 1] = t;
                  }
              for (guint j = 0; j < k; j++)
                ring[j] = gpus[ranks[j]];
              step_add_ring (rails, ring, k, 1.0 / ((double) m * k));
            }
          /* Reduce-scatter: domains then rails; all-gather: rails then
           * domains; all-reduce: domains, rails, domains again. */
          if (op == WEFT_OP_ALL_GATHER)
            {
              g_ptr_array_add (steps, rails);
              g_ptr_array_add (steps, inside);
            }
          else
            {
              g_ptr_array_add (steps, inside);
              g_ptr_array_add (steps, rails);
              if (op == WEFT_OP_ALL_REDUCE)
                {
                  Step *again = step_new (m - 1, LATENCY_MAX);

                  g_array_append_vals (again->flows, inside->flows->data, inside->flows->len);
                  g_ptr_array_add (steps, again);
                }
            }
          return steps;
        }
      break;

    case WEFT_ALGO_TREE:
      if (op == WEFT_OP_ALL_REDUCE)
        {
          /* Each of the two trees carries S/2 up and S/2 down each of its
           * edges, pipelined into one step. */
          step = step_new (1, LATENCY_TREE);
          for (guint t = 0; t < 2; t++)
            for (guint r = 0; r < n; r++)
              {
                gint up = dtree_parent (n, t, r);
                guint depth = 0;

                if (up < 0)
                  continue;
                step_add (step, gpus[r], gpus[up], 0.5);
                step_add (step, gpus[up], gpus[r], 0.5);
                for (gint x = (gint) r; x >= 0; x = dtree_parent (n, t, (guint) x))
                  depth++;
                step->depth = MAX (step->depth, depth - 1);
              }
          g_ptr_array_add (steps, step);
          return steps;
        }
      break;

    case WEFT_ALGO_DIRECT:
      if (op == WEFT_OP_ALL_TO_ALL)
        {
          step = step_new (1, LATENCY_MAX);
          for (guint i = 0; i < n; i++)
            for (guint j = 0; j < n; j++)
              step_add (step, gpus[i], gpus[j], 1.0 / n);
          g_ptr_array_add (steps, step);
          return steps;
        }
      if (op == WEFT_OP_SEND_RECV)
        {
          step = step_new (1, LATENCY_MAX);
          for (guint i = 0; i < n; i++)
            step_add (step, gpus[i], peers[i], 1);
          g_ptr_array_add (steps, step);
          return steps;
        }
      break;

    default:
      break;
    }
  g_ptr_array_unref (steps);
  return NULL;
}

/* The steps of @n_groups groups of @n GPUs (@gpus and @peers hold them one
 * after the other) running @op at once: step k of the whole is step k of
 * every group, each flow tagged with its group. NULL when the algorithm does
 * not apply to some group; *aligned FALSE when the groups' steps differ in
 * number, length or kind (hierarchical over unlike domains), which leaves
 * "at once" without a meaning. */
static GPtrArray *
build_group_steps (Ref                *ref,
                   WeftCollectiveOp    op,
                   WeftCollectiveAlgo  algo,
                   const guint32      *gpus,
                   guint               n,
                   guint               n_groups,
                   const guint32      *peers,
                   gboolean           *aligned)
{
  GPtrArray *merged = NULL;

  *aligned = TRUE;
  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(GPtrArray) steps = build_steps (ref, op, algo, gpus + (gsize) g * n, n,
                                                peers ? peers + (gsize) g * n : NULL);

      if (steps == NULL)
        {
          g_clear_pointer (&merged, g_ptr_array_unref);
          return NULL;
        }
      if (merged == NULL)
        {
          merged = g_ptr_array_ref (steps);
          continue;
        }
      if (steps->len != merged->len)
        *aligned = FALSE;
      for (guint k = 0; k < MIN (steps->len, merged->len); k++)
        {
          Step *into = g_ptr_array_index (merged, k), *from = g_ptr_array_index (steps, k);

          if (into->times != from->times || into->rule != from->rule || into->depth != from->depth)
            *aligned = FALSE;
          for (guint f = 0; f < from->flows->len; f++)
            g_array_index (from->flows, Flow, f).group = g;
          g_array_append_vals (into->flows, from->flows->data, from->flows->len);
        }
    }
  return merged;
}

/* What the spec says @op with @algo gives on @n_groups groups of @n GPUs
 * at once: its loads per byte and its time as latency + size ×
 * transfer_per_byte. A chain's latency is summed along each group's chain,
 * the largest of those counting. */
static void
ref_expect_groups (Ref                *ref,
                   WeftCollectiveOp    op,
                   WeftCollectiveAlgo  algo,
                   const guint32      *gpus,
                   guint               n,
                   guint               n_groups,
                   const guint32      *peers,
                   Expect             *e)
{
  g_autofree double *step_loads = g_new (double, 2 * (gsize) ref->n_links + 1);
  g_autofree double *chain = g_new (double, n_groups);
  g_autoptr(GPtrArray) steps = NULL;
  gboolean aligned;

  *e = (Expect) { 0 };
  steps = build_group_steps (ref, op, algo, gpus, n, n_groups, peers, &aligned);
  if (steps == NULL)
    return;
  e->applies = TRUE;
  e->reachable = TRUE;
  e->aligned = aligned;
  e->loads = g_new0 (double, 2 * (gsize) ref->n_links + 1);
  for (guint k = 0; k < steps->len; k++)
    {
      Step *step = g_ptr_array_index (steps, k);
      double latency = 0, transfer = 0;

      if (step->times == 0)
        continue;
      memset (step_loads, 0, sizeof (double) * 2 * ref->n_links);
      memset (chain, 0, sizeof (double) * n_groups);
      for (guint f = 0; f < step->flows->len; f++)
        {
          const Flow *flow = &g_array_index (step->flows, Flow, f);
          const Route *route = ref_route (ref, flow->s, flow->d);

          if (!route->reachable)
            {
              e->reachable = FALSE;
              continue;
            }
          for (guint i = 0; i < route->n; i++)
            step_loads[route->dirs[i]] += flow->bytes * route->shares[i];
          if (step->rule == LATENCY_SUM)
            {
              chain[flow->group] += route->latency_s;
              latency = MAX (latency, chain[flow->group]);
            }
          else
            latency = MAX (latency, route->latency_s);
        }
      if (step->rule == LATENCY_TREE)
        latency *= 2.0 * step->depth;
      for (guint i = 0; i < 2 * ref->n_links; i++)
        {
          transfer = MAX (transfer, step_loads[i] / ref->capacity[i / 2]);
          e->loads[i] += step->times * step_loads[i];
        }
      e->steps += step->times;
      e->latency_s += step->times * latency;
      e->transfer_per_byte += step->times * transfer;
    }
  for (guint i = 0; i < 2 * ref->n_links; i++)
    e->peak_seconds_per_byte = MAX (e->peak_seconds_per_byte, e->loads[i] / ref->capacity[i / 2]);
}

static void
ref_expect (Ref                *ref,
            WeftCollectiveOp    op,
            WeftCollectiveAlgo  algo,
            const guint32      *gpus,
            guint               n,
            const guint32      *peers,
            Expect             *e)
{
  ref_expect_groups (ref, op, algo, gpus, n, 1, peers, e);
}

/* --- Comparing the model with the reference -------------------------------- */

static const WeftCollectiveAlgo algos[] = {
  WEFT_ALGO_RING, WEFT_ALGO_HIERARCHICAL, WEFT_ALGO_TREE, WEFT_ALGO_DIRECT,
};

static gboolean
close_enough (double got,
              double want,
              double floor)
{
  return fabs (got - want) <= 1e-9 * MAX (fabs (want), floor);
}

/* A disagreement fails the test but lets it go on, so one run lists them
 * all, up to a point: one bad case should not print a thousand lines. */
static guint reported;

#define disagree(...) \
  G_STMT_START { \
    if (reported++ < 60) \
      g_test_message (__VA_ARGS__); \
    g_test_fail (); \
  } G_STMT_END

static const char *
link_name (Ref   *ref,
           guint  dir)
{
  static char buf[2][256];
  static guint which;
  const WeftLink *l = &ref->links[dir / 2];
  char *out = buf[which++ % 2];

  g_snprintf (out, sizeof buf[0], "link %u %s→%s", dir / 2,
              ref->nodes[dir % 2 ? l->b : l->a].name, ref->nodes[dir % 2 ? l->a : l->b].name);
  return out;
}

static void
compare_result (Ref                        *ref,
                const char                 *what,
                const WeftCollectiveResult *result,
                WeftCollectiveOp            op,
                WeftCollectiveAlgo          algo,
                guint                       n,
                guint                       n_groups,
                double                      size,
                const Expect               *e)
{
  double want_time = e->latency_s + size * e->transfer_per_byte;
  double transfer = size * e->transfer_per_byte;
  double algbw = size / want_time / 1e9;

  /* The tree's step count has a test of its own (test_tree_steps). Groups
   * at once may count the GPUs of one or of all: the header does not say. */
  if (result->op != op || result->algorithm != algo ||
      (result->gpus != n && result->gpus != n * n_groups) ||
      result->size_bytes != size || (algo != WEFT_ALGO_TREE && result->steps != e->steps))
    disagree ("%s: op %d algorithm %d gpus %u size %g steps %u, expected %d %d %u %g %u", what,
              result->op, result->algorithm, result->gpus, result->size_bytes, result->steps,
              op, algo, n, size, e->steps);
  if (!close_enough (result->time_s, want_time, 0) ||
      !close_enough (result->latency_s, e->latency_s, 1e-300) ||
      !close_enough (result->transfer_s, transfer, 1e-300))
    disagree ("%s at %g B: time %.12g latency %.12g transfer %.12g s, expected %.12g %.12g %.12g",
              what, size, result->time_s, result->latency_s, result->transfer_s,
              want_time, e->latency_s, transfer);
  if (!close_enough (result->algbw_GBps, algbw, 0) ||
      !close_enough (result->busbw_GBps, algbw * weft_collective_bus_factor (op, n), 0))
    disagree ("%s: algBw %.12g busBw %.12g GB/s, expected %.12g and %.12g", what,
              result->algbw_GBps, result->busbw_GBps, algbw,
              algbw * weft_collective_bus_factor (op, n));

  /* Bottlenecks: the busiest link directions first, each consistent with
   * the loads; the first is the busiest the reference finds. */
  if (result->bottlenecks == NULL || result->bottlenecks->len == 0)
    {
      disagree ("%s: no bottleneck reported", what);
      return;
    }
  for (guint i = 0; i < result->bottlenecks->len; i++)
    {
      const WeftLinkLoad *b = &g_array_index (result->bottlenecks, WeftLinkLoad, i);
      guint dir = 2 * b->link + (b->forward ? 0 : 1);
      double bytes = size * e->loads[dir], seconds = bytes / ref->capacity[b->link];

      if (b->link >= ref->n_links)
        {
          disagree ("%s: bottleneck %u names link %u of %u", what, i, b->link, ref->n_links);
          continue;
        }
      if (!close_enough (b->bytes, bytes, 1e-300) || !close_enough (b->seconds, seconds, 1e-300) ||
          !close_enough (b->share, seconds / result->transfer_s, 1e-300))
        disagree ("%s: bottleneck %u (%s): %.12g B %.12g s share %.12g, expected %.12g %.12g %.12g",
                  what, i, link_name (ref, dir), b->bytes, b->seconds, b->share, bytes, seconds,
                  seconds / result->transfer_s);
      if (i == 0 && !close_enough (b->seconds, size * e->peak_seconds_per_byte, 0))
        disagree ("%s: first bottleneck %s at %.12g s, but the busiest direction takes %.12g s",
                  what, link_name (ref, dir), b->seconds, size * e->peak_seconds_per_byte);
      if (i > 0 && b->seconds > g_array_index (result->bottlenecks, WeftLinkLoad, i - 1).seconds)
        disagree ("%s: bottleneck %u is busier than the one before it", what, i);
    }
}

static const char *
op_name (WeftCollectiveOp op)
{
  return weft_collective_op_to_string (op);
}

static const char *
algo_name (WeftCollectiveAlgo algo)
{
  return weft_collective_algo_to_string (algo);
}

/* Every algorithm of @op on one group: the loads and the times, and AUTO's choice. */
static void
check_op (Ref              *ref,
          const char       *group,
          WeftCollectiveOp  op,
          const guint32    *gpus,
          guint             n,
          guint             n_groups,
          const guint32    *peers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  Expect expect[WEFT_N_ALGOS] = { { 0 } };
  static const double sizes[] = { KiB, GiB };
  gboolean unaligned = FALSE;

  if (n_groups == 1)
    plan = weft_collective_plan_new (ref->fabric, op, gpus, n, peers, NULL, &error);
  else
    plan = weft_collective_plan_new_groups (ref->fabric, op, gpus, n, n_groups, peers, NULL,
                                            &error);
  if (plan == NULL)
    {
      disagree ("%s, %s, %s: plan refused: %s", ref->name, group, op_name (op), error->message);
      return;
    }
  for (guint a = 0; a < G_N_ELEMENTS (algos); a++)
    {
      WeftCollectiveAlgo algo = algos[a];
      Expect *e = &expect[algo];
      g_autofree char *what = g_strdup_printf ("%s, %s, %s %s", ref->name, group, op_name (op),
                                               algo_name (algo));
      g_autoptr(GError) why = NULL;
      gboolean supports;
      const double *loads;

      ref_expect_groups (ref, op, algo, gpus, n, n_groups, peers, e);
      g_assert_true (!e->applies || e->reachable);
      supports = weft_collective_plan_supports (plan, algo, &why);
      if (e->applies && !e->aligned)
        {
          /* Nothing to compare: the spec gives no meaning to this. */
          g_test_message ("%s: the groups' steps differ; the model %s it", what,
                          supports ? "supports" : "refuses");
          e->applies = FALSE;
          unaligned |= supports;
          continue;
        }
      if (supports != e->applies)
        {
          disagree ("%s: %s, the spec says it %s", what, supports ? "supported" : why->message,
                    e->applies ? "applies" : "does not apply");
          continue;
        }
      if (!supports)
        {
          g_assert_error (why, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID);
          continue;
        }
      loads = weft_collective_plan_loads (plan, algo);
      g_assert_nonnull (loads);
      for (guint i = 0, bad = 0; i < 2 * ref->n_links; i++)
        if (!close_enough (loads[i], e->loads[i], 1e-6) && bad++ < 4)
          disagree ("%s: %s carries %.12g bytes a byte, expected %.12g", what,
                    link_name (ref, i), loads[i], e->loads[i]);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(WeftCollectiveResult) result = NULL;

          result = weft_collective_plan_time (plan, algo, sizes[s], 8, &error);
          g_assert_no_error (error);
          compare_result (ref, what, result, op, algo, n, n_groups, sizes[s], e);
        }
    }

  /* AUTO: the fastest that applies at that size (ties either way). */
  for (guint s = 0; s < G_N_ELEMENTS (sizes) && !unaligned; s++)
    {
      g_autoptr(WeftCollectiveResult) result = NULL;
      double best = G_MAXDOUBLE;

      result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, sizes[s], 8, &error);
      for (guint a = 0; a < G_N_ELEMENTS (algos); a++)
        if (expect[algos[a]].applies)
          best = MIN (best, expect[algos[a]].latency_s +
                            sizes[s] * expect[algos[a]].transfer_per_byte);
      if (result == NULL)
        {
          if (best < G_MAXDOUBLE)
            disagree ("%s, %s, %s auto: %s", ref->name, group, op_name (op), error->message);
          g_clear_error (&error);
        }
      else if (result->algorithm == WEFT_ALGO_AUTO || !expect[result->algorithm].applies)
        disagree ("%s, %s, %s auto picked %s", ref->name, group, op_name (op),
                  algo_name (result->algorithm));
      else if (!close_enough (result->time_s, best, 0))
        disagree ("%s, %s, %s auto at %g B: %s in %.12g s, but the fastest takes %.12g s",
                  ref->name, group, op_name (op), sizes[s], algo_name (result->algorithm),
                  result->time_s, best);
      else
        {
          g_autofree char *what = g_strdup_printf ("%s, %s, %s auto", ref->name, group,
                                                   op_name (op));

          compare_result (ref, what, result, op, result->algorithm, n, n_groups, sizes[s],
                          &expect[result->algorithm]);
        }
    }
  for (guint a = 0; a < WEFT_N_ALGOS; a++)
    expect_clear (&expect[a]);
}

/* Every op on one group; send/recv from its first half to its second. */
static void
check_group (Ref           *ref,
             const char    *group,
             const guint32 *gpus,
             guint          n)
{
  for (WeftCollectiveOp op = 0; op < WEFT_N_OPS; op++)
    {
      if (op == WEFT_OP_SEND_RECV)
        {
          if (n >= 2)
            check_op (ref, group, op, gpus, n / 2, 1, gpus + n / 2);
          continue;
        }
      check_op (ref, group, op, gpus, n, 1, NULL);
    }
}

/* --- Groups --------------------------------------------------------------- */

typedef enum
{
  GROUP_RAIL,
  GROUP_POD,
  GROUP_SERVERS,
} GroupKind;

/* GPUs whose rail or pod is @value, or whose server lies in [value, value2). */
static GArray *
group_select (Ref       *ref,
              GroupKind  kind,
              gint32     value,
              gint32     value2)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < ref->gpus->len; i++)
    {
      guint32 v = g_array_index (ref->gpus, guint32, i);
      const WeftGroups *g = &ref->nodes[v].groups;
      gboolean in = kind == GROUP_RAIL ? g->rail == value
                  : kind == GROUP_POD ? g->pod == value
                  : g->server >= value && g->server < value2;

      if (in)
        g_array_append_val (out, v);
    }
  return out;
}

/* The group API's answer for @spec, which must be @expected. */
static void
assert_group (Ref           *ref,
              const char    *spec,
              const guint32 *expected,
              guint          n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) group = weft_collective_group_parse (ref->fabric, spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->len, ==, n);
  g_assert_cmpmem (group->data, group->len * sizeof (guint32), expected, n * sizeof (guint32));
}

/* Every op on every GPU (as an explicit list and as the NULL group), a
 * rail, a pod and a range of servers, each taken with the group API and
 * checked against the GPUs selected here. */
static void
check_groups (Ref *ref)
{
  guint n = ref->gpus->len;
  const guint32 *all = (const guint32 *) ref->gpus->data;
  gint32 servers = 0, last;

  assert_group (ref, "all", all, n);
  check_group (ref, "all GPUs", all, n);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WeftCollectivePlan) plan = NULL;
    g_autoptr(WeftCollectiveResult) null_group = NULL;
    Expect e;

    plan = weft_collective_plan_new (ref->fabric, WEFT_OP_ALL_REDUCE, NULL, 0, NULL, NULL, &error);
    g_assert_no_error (error);
    null_group = weft_collective_plan_time (plan, WEFT_ALGO_RING, GiB, 4, &error);
    g_assert_no_error (error);
    ref_expect (ref, WEFT_OP_ALL_REDUCE, WEFT_ALGO_RING, all, n, NULL, &e);
    compare_result (ref, "NULL group, all-reduce ring", null_group, WEFT_OP_ALL_REDUCE,
                    WEFT_ALGO_RING, n, 1, GiB, &e);
    expect_clear (&e);
  }

  for (guint i = 0; i < n; i++)
    servers = MAX (servers, ref->nodes[all[i]].groups.server + 1);
  last = MAX (servers / 2, 2);
  {
    g_autoptr(GArray) rail = group_select (ref, GROUP_RAIL, 1, 0);
    g_autoptr(GArray) pod = group_select (ref, GROUP_POD, 0, 0);
    g_autoptr(GArray) range = group_select (ref, GROUP_SERVERS, 1, last + 1);
    g_autofree char *range_spec = g_strdup_printf ("server:1-%d", last);

    if (rail->len >= 2)
      {
        assert_group (ref, "rail:1", (guint32 *) rail->data, rail->len);
        check_group (ref, "rail 1", (guint32 *) rail->data, rail->len);
      }
    if (pod->len >= 2 && pod->len < n)
      {
        assert_group (ref, "pod:0", (guint32 *) pod->data, pod->len);
        check_group (ref, "pod 0", (guint32 *) pod->data, pod->len);
      }
    if (range->len >= 2 && range->len < n)
      {
        assert_group (ref, range_spec, (guint32 *) range->data, range->len);
        check_group (ref, range_spec, (guint32 *) range->data, range->len);
      }
  }
}

/* Every GPU in a random rank order, given as "gpus:NAME,…". Rank order
 * decides every ring: the ring of a domain is its GPUs in rank order, and
 * so, this test takes it, is the ring of a rail (the spec: "a sequence of
 * steps over n GPUs in rank order"). */
static void
check_shuffled (Ref *ref)
{
  guint n = ref->gpus->len;
  g_autofree guint32 *shuffled = g_memdup2 (ref->gpus->data, n * sizeof (guint32));
  g_autoptr(GString) spec = g_string_new ("gpus:");

  for (guint i = n; i > 1; i--)
    {
      guint j = g_test_rand_int_range (0, i);
      guint32 t = shuffled[i - 1];

      shuffled[i - 1] = shuffled[j];
      shuffled[j] = t;
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (spec, "%s%s", i ? "," : "", ref->nodes[shuffled[i]].name);
  assert_group (ref, spec->str, shuffled, n);
  check_group (ref, "shuffled", shuffled, n);
}

/* --- Fabrics -------------------------------------------------------------- */

typedef struct
{
  const char *arch;
  const char *args[6];
} Case;

/* Every generator at 64 GPUs or fewer, with 8-GPU NVLink servers and without. */
static const Case cases[] = {
  { "leaf-spine", { "gpus=16", NULL } },
  { "leaf-spine", { "gpus=64", "radix=16", NULL } },
  { "leaf-spine", { "gpus=32", "gpus-per-server=1", "scale-up=none", "radix=16", NULL } },
  { "leaf-spine", { "gpus=48", "gpus-per-server=1", "scale-up=none", "radix=16",
                    "oversubscription=3", NULL } },
  { "leaf-spine", { "gpus=16", "scale-up=infinity-fabric", NULL } },
  { "fat-tree", { "k=4", NULL } },
  { "fat-tree", { "k=4", "gpus-per-server=1", "scale-up=none", NULL } },
  { "rail-optimized", { "gpus=16", NULL } },
  { "rail-optimized", { "gpus=64", NULL } },
  { "rail-only", { "gpus=32", NULL } },
  { "dragonfly", { "p=2", "a=4", "h=1", NULL } },
  { "dragonfly", { "p=1", "a=3", "h=1", "gpus-per-server=1", "scale-up=none", NULL } },
  { "torus", { "dims=4x4", NULL } },
  { "torus", { "dims=2x2x2", NULL } },
};

static WeftFabric *
generate_case (const Case *c)
{
  return weft_test_generate (catalog, c->arch, c->args[0], c->args[1], c->args[2], c->args[3],
                             c->args[4], NULL);
}

static gboolean
fabric_all_reachable (WeftFabric *fabric)
{
  g_autoptr(Ref) ref = ref_new (fabric);

  return ref_all_reachable (ref);
}

/* Random edits through the edit API — remove a link, move one of its ends
 * to another switch with a free port, change its count — undoing any that
 * cuts two GPUs apart (that case has its own test). */
static guint
random_edits (WeftFabric *fabric,
              guint       wanted)
{
  guint edits = 0;

  for (guint attempt = 0; attempt < 400 && edits < wanted; attempt++)
    {
      guint n_nodes = weft_fabric_get_n_nodes (fabric);
      guint link = g_test_rand_int_range (0, weft_fabric_get_n_links (fabric));
      guint what = g_test_rand_int_range (0, 3);
      guint64 generation = weft_fabric_get_generation (fabric);
      gboolean done = FALSE;

      if (what == 0)
        {
          guint node = g_test_rand_int_range (0, n_nodes);

          if (weft_fabric_get_node (fabric, node)->kind != WEFT_NODE_GPU)
            done = weft_fabric_rewire_link (fabric, link,
                                            g_test_rand_bit () ? WEFT_LINK_END_A : WEFT_LINK_END_B,
                                            node, NULL);
        }
      else if (what == 1)
        done = weft_fabric_remove_link (fabric, link, NULL);
      else
        done = weft_fabric_set_link_count (fabric, link, g_test_rand_int_range (1, 5), NULL);
      /* A count set to what it was, or an end moved where it was, is no edit. */
      done = done && weft_fabric_get_generation (fabric) != generation;
      if (done && !fabric_all_reachable (fabric))
        {
          g_assert_true (weft_fabric_undo (fabric));
          done = FALSE;
        }
      edits += done;
    }
  return edits;
}

static void
test_per_flow (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(Ref) ref = ref_new (fabric);

  reported = 0;
  g_assert_cmpuint (ref->gpus->len, <=, 64);
  g_assert_true (ref_all_reachable (ref));
  check_groups (ref);
}

static void
test_per_flow_edited (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(Ref) ref = NULL;

  reported = 0;
  g_assert_cmpuint (random_edits (fabric, 6), >, 0);
  g_assert_true (weft_fabric_is_edited (fabric));
  ref = ref_new (fabric);
  check_groups (ref);
}

/* Groups running at once (weft_collective_plan_new_groups), as a training
 * job's are: every GPU cut into blocks of a server's GPUs (4 on a torus),
 * which is how TP groups sit; the same blocks taken across, one GPU of each
 * (DP groups); and each even block sending to the next (PP stages). The
 * spec times one group; at once, step k is every group's step k, its
 * latency the largest of theirs, its transfer from all their flows. */
static void
test_concurrent (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(Ref) ref = ref_new (fabric);
  guint n = ref->gpus->len, c = 0, k;
  const guint32 *all = (const guint32 *) ref->gpus->data;
  g_autofree guint32 *across = NULL;
  g_autofree guint32 *senders = NULL;
  g_autofree guint32 *receivers = NULL;

  reported = 0;
  for (guint i = 0; i < n; i++)
    c += ref->nodes[all[i]].groups.server == ref->nodes[all[0]].groups.server;
  if (c == 1)
    c = 4;
  g_assert_cmpuint (n % c, ==, 0);
  k = n / c;
  g_assert_cmpuint (k, >=, 2);
  across = g_new (guint32, n);
  for (guint i = 0; i < c; i++)
    for (guint j = 0; j < k; j++)
      across[i * k + j] = all[j * c + i];
  senders = g_new (guint32, n / 2);
  receivers = g_new (guint32, n / 2);
  for (guint j = 0; j < k / 2; j++)
    for (guint i = 0; i < c; i++)
      {
        senders[j * c + i] = all[2 * j * c + i];
        receivers[j * c + i] = all[(2 * j + 1) * c + i];
      }
  /* Not broadcast: the model runs it on one group only, and the spec, which
   * times one group, does not say otherwise. */
  for (WeftCollectiveOp op = 0; op < WEFT_OP_BROADCAST; op++)
    {
      check_op (ref, "blocks at once", op, all, c, k, NULL);
      check_op (ref, "across the blocks at once", op, across, k, c, NULL);
    }
  check_op (ref, "block pairs at once", WEFT_OP_SEND_RECV, senders, c, k / 2, receivers);
}

/* The pick of auto on a fresh plan, which plans the tree only where a bound
 * leaves it a chance, against its pick once every algorithm is planned:
 * the same algorithm and the same time, to the bit, at sizes where latency
 * or bandwidth decides, for the whole group, the blocks (TP groups) and one
 * GPU of each block (DP groups) running at once. */
static void
test_auto_unplanned (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(Ref) ref = ref_new (fabric);
  guint n = ref->gpus->len, c = 0, k;
  const guint32 *all = (const guint32 *) ref->gpus->data;
  g_autofree guint32 *across = g_new (guint32, n);
  const double sizes[] = { 1, KiB, KiB * KiB, 64 * KiB * KiB, GiB, 64 * GiB };

  for (guint i = 0; i < n; i++)
    c += ref->nodes[all[i]].groups.server == ref->nodes[all[0]].groups.server;
  if (c == 1)
    c = 4;
  k = n / c;
  for (guint i = 0; i < c; i++)
    for (guint j = 0; j < k; j++)
      across[i * k + j] = all[j * c + i];
  for (guint shape = 0; shape < 3; shape++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        const guint32 *gpus = shape == 2 ? across : all;
        guint size = shape == 0 ? n : shape == 1 ? c : k, groups = n / size;
        g_autoptr(GError) error = NULL;
        g_autoptr(WeftCollectivePlan) fresh = NULL;
        g_autoptr(WeftCollectivePlan) planned = NULL;
        g_autoptr(WeftCollectiveResult) picked = NULL;
        g_autoptr(WeftCollectiveResult) timed = NULL;

        if (size < 2)
          continue;
        fresh = weft_collective_plan_new_groups (fabric, WEFT_OP_ALL_REDUCE, gpus, size, groups,
                                                 NULL, NULL, &error);
        planned = weft_collective_plan_new_groups (fabric, WEFT_OP_ALL_REDUCE, gpus, size, groups,
                                                   NULL, NULL, &error);
        g_assert_no_error (error);
        picked = weft_collective_plan_time (fresh, WEFT_ALGO_AUTO, sizes[s], 4, &error);
        g_assert_no_error (error);
        for (WeftCollectiveAlgo a = WEFT_ALGO_RING; a < WEFT_N_ALGOS; a++)
          {
            weft_collective_plan_supports (planned, a, &error);
            g_clear_error (&error);
          }
        timed = weft_collective_plan_time (planned, WEFT_ALGO_AUTO, sizes[s], 4, &error);
        g_assert_no_error (error);
        g_assert_cmpint (picked->algorithm, ==, timed->algorithm);
        g_assert_cmpfloat (picked->time_s, ==, timed->time_s);
        g_assert_cmpfloat (picked->transfer_s, ==, timed->transfer_s);
      }
}

/* Several records between the same two nodes, each its own next hop with
 * its own count: leaf-0's record of 4 links to spine-0 becomes records of 2
 * and 1 beside its record of 4 to spine-1, so a flow leaving leaf-0 upwards
 * splits 2/7, 1/7 and 4/7 — a model that merged the two records, or split
 * per neighbour, would load them otherwise. */
static void
test_per_flow_parallel (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=32",
                                                     "gpus-per-server=1", "scale-up=none",
                                                     "radix=16", NULL);
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0");
  guint spine = weft_fabric_lookup_node (fabric, "spine-0");
  g_autoptr(Ref) ref = NULL;
  guint added = WEFT_NONE, records = 0;
  g_autoptr(GError) error = NULL;

  reported = 0;
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if ((l->a == leaf && l->b == spine) || (l->a == spine && l->b == leaf))
        {
          g_assert_cmpuint (l->count, ==, 4);
          g_assert_true (weft_fabric_set_link_count (fabric, i, 2, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (weft_fabric_connect (fabric, leaf, spine, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_link (fabric, added)->count, ==, 1);
  ref = ref_new (fabric);
  for (guint e = ref->offsets[leaf]; e < ref->offsets[leaf + 1]; e++)
    records += other_end (ref, ref->incident[e], leaf) == spine;
  g_assert_cmpuint (records, ==, 2);
  check_groups (ref);
}

static void
test_rank_order (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(Ref) ref = ref_new (fabric);

  reported = 0;
  check_shuffled (ref);
}

/* weft_collective_run is plan and time in one call. */
static void
test_run (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  g_autoptr(Ref) ref = ref_new (fabric);

  reported = 0;
  for (WeftCollectiveOp op = 0; op < WEFT_OP_SEND_RECV; op++)
    for (guint a = 0; a < G_N_ELEMENTS (algos); a++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(WeftCollectiveResult) result = NULL;
        g_autofree char *what = g_strdup_printf ("run %s %s", op_name (op), algo_name (algos[a]));
        Expect e;

        ref_expect (ref, op, algos[a], (guint32 *) ref->gpus->data, ref->gpus->len, NULL, &e);
        result = weft_collective_run (fabric, op, algos[a], GiB, NULL, 0, &error);
        if (!e.applies)
          g_assert_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID);
        else
          {
            g_assert_no_error (error);
            compare_result (ref, what, result, op, algos[a], ref->gpus->len, 1, GiB, &e);
          }
        expect_clear (&e);
      }
}

/* The group and size syntax of weft-collective-group.h, as its comments give it. */
static void
test_group_and_size (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=16", NULL);
  static const struct { const char *text; double bytes; } sizes[] = {
    { "1GiB", GiB }, { "1G", GiB }, { "64M", 64 << 20 }, { "512K", 512 * KiB }, { "4096", 4096 },
    { "1GB", 1e9 }, { "2TB", 2e12 }, { "1T", GiB * 1024 },
  };
  static const char *const bad_sizes[] = { "0", "-1", "1X", "", "GiB" };
  static const char *const bad_groups[] = { "rail:99", "server:9", "server:1-", "rail:1x",
                                            "gpus:gpu-0-0,leaf-0", "gpus:nobody", "everything" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      double bytes = 0;

      if (!weft_collective_parse_size (sizes[i].text, &bytes, &error))
        g_test_fail_printf ("size '%s': %s", sizes[i].text, error->message);
      else if (bytes != sizes[i].bytes)
        g_test_fail_printf ("size '%s' is %.17g bytes, not %.17g", sizes[i].text, bytes,
                            sizes[i].bytes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      double bytes = 0;

      if (weft_collective_parse_size (bad_sizes[i], &bytes, &error))
        g_test_fail_printf ("size '%s' read as %g bytes", bad_sizes[i], bytes);
      else
        g_test_message ("%s", error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_groups); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) group = weft_collective_group_parse (fabric, bad_groups[i], &error);

      if (group != NULL)
        g_test_fail_printf ("group '%s' read as %u GPUs", bad_groups[i], group->len);
      else
        g_test_message ("%s", error->message);
    }
}

/* A group with nothing after its colon is refused, not a critical warning
 * (run apart, so a crash fails this case only). */
static void
test_group_empty_value (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=16",
                                                         NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) group = NULL;

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      group = weft_collective_group_parse (fabric, "pod:", &error);
      g_assert_null (group);
      g_assert_nonnull (error);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  if (!g_test_trap_has_passed ())
    g_test_fail_printf ("group 'pod:' is not refused cleanly (a critical warning, or a crash)");
}

/* --- Closed forms ---------------------------------------------------------- */

/* Σ count × speed over @gpu's links of @klass, in bytes per second each way. */
static double
gpu_capacity (WeftFabric    *fabric,
              guint          gpu,
              WeftLinkClass  klass)
{
  double total = 0;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if ((l->a == gpu || l->b == gpu) && l->link_class == klass)
        total += (double) l->count * l->speed_gbps * 1e9 / 8;
    }
  return total;
}

static WeftCollectiveResult *
time_all (WeftFabric         *fabric,
          WeftCollectiveOp    op,
          WeftCollectiveAlgo  algo,
          double              size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = weft_collective_plan_new (fabric, op, NULL, 0, NULL, NULL,
                                                                 &error);
  WeftCollectiveResult *result;

  g_assert_no_error (error);
  result = weft_collective_plan_time (plan, algo, size, 4, &error);
  g_assert_no_error (error);
  return result;
}

/* The reference meets each closed form too, so the closed forms check it
 * as much as the model. */
static void
assert_reference_transfer (WeftFabric         *fabric,
                           WeftCollectiveOp    op,
                           WeftCollectiveAlgo  algo,
                           double              transfer_s)
{
  g_autoptr(Ref) ref = ref_new (fabric);
  Expect e;

  ref_expect (ref, op, algo, (const guint32 *) ref->gpus->data, ref->gpus->len, NULL, &e);
  g_assert_true (e.applies && e.reachable);
  g_assert_cmpfloat_with_epsilon (GiB * e.transfer_per_byte / transfer_s, 1, 1e-9);
  expect_clear (&e);
}

/* Ring all-reduce on a non-blocking leaf-spine, one GPU a server, no scale-up.
 * Each of the 2(n−1) steps sends S/n out of and into every NIC; a leaf sends
 * only one of its g flows up (its last GPU's, to the next leaf's first), and
 * that over 8 uplinks, so the NICs are the bottleneck: transfer =
 * 2(n−1)·S/(n·c_nic), and busBw = S·2(n−1)/n ÷ transfer = c_nic. */
static void
test_closed_ring (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=32",
                                                     "gpus-per-server=1", "scale-up=none",
                                                     "radix=16", NULL);
  g_autoptr(WeftCollectiveResult) result = NULL;
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  double c_nic = gpu_capacity (fabric, weft_fabric_lookup_node (fabric, "gpu-0-0"),
                               WEFT_LINK_SCALE_OUT);

  g_assert_cmpuint (n, ==, 32);
  g_assert_cmpfloat (c_nic, ==, 400e9 / 8);
  assert_reference_transfer (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_RING,
                             GiB * 2 * (n - 1) / n / c_nic);
  result = time_all (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_RING, GiB);
  g_assert_cmpuint (result->steps, ==, 2 * (n - 1));
  g_assert_cmpfloat_with_epsilon (GiB * 2 * (n - 1) / n / result->transfer_s / c_nic, 1, 1e-9);
  g_assert_cmpfloat (result->busbw_GBps, <, c_nic / 1e9);
}

/* All-to-all on an R:1 oversubscribed 2-tier leaf-spine, one GPU a server.
 * Each GPU sends S/n to each of the n−1 others: (n−1)·S/n through its NIC
 * each way. A leaf of g GPUs sends g·(n−g)·S/n up, split over its uplinks
 * in proportion to their counts — evenly per unit of capacity when they run
 * at one speed — and as much comes down to it from the spines, so with c_up
 * the leaf's uplink capacity
 *   transfer = S/n · max((n−1)/c_nic, g·(n−g)/c_up),
 * and with c_up = g·c_nic/R: transfer = S/(n·c_nic) · max(R·(n−g), n−1).
 * At n = 48, g = 12, R = 3 the uplinks win: 108 against 47. */
static void
test_closed_all_to_all (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=48",
                                                     "gpus-per-server=1", "scale-up=none",
                                                     "radix=16", "oversubscription=3", NULL);
  g_autoptr(WeftCollectiveResult) result = NULL;
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), leaves = 0;
  double c_nic = 0, g = 0, c_up = 0, r, expected;

  /* g and c_up from the fabric as generated, every leaf alike. */
  for (guint v = 0; v < weft_fabric_get_n_nodes (fabric); v++)
    {
      double down = 0, up = 0;

      if (weft_fabric_get_node (fabric, v)->kind != WEFT_NODE_LEAF)
        continue;
      for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);
          guint other = l->a == v ? l->b : l->a;
          double c = (double) l->count * l->speed_gbps * 1e9 / 8;

          if (l->a != v && l->b != v)
            continue;
          if (weft_fabric_get_node (fabric, other)->kind == WEFT_NODE_GPU)
            {
              down += 1;
              c_nic = c;
            }
          else
            up += c;
        }
      if (leaves++ == 0)
        {
          g = down;
          c_up = up;
        }
      g_assert_cmpfloat (down, ==, g);
      g_assert_cmpfloat (up, ==, c_up);
    }
  r = g * c_nic / c_up;
  g_assert_cmpuint (n, ==, 48);
  g_assert_cmpuint (leaves, ==, 4);
  g_assert_cmpfloat (g, ==, 12);
  g_assert_cmpfloat (r, ==, 3);
  expected = GiB / (n * c_nic) * MAX (r * (n - g), n - 1);
  assert_reference_transfer (fabric, WEFT_OP_ALL_TO_ALL, WEFT_ALGO_DIRECT, expected);
  result = time_all (fabric, WEFT_OP_ALL_TO_ALL, WEFT_ALGO_DIRECT, GiB);
  g_assert_cmpfloat_with_epsilon (result->transfer_s / expected, 1, 1e-9);
  g_assert_cmpuint (result->steps, ==, 1);
}

/* Hierarchical all-reduce inside one 8-GPU NVLink-4 server (a fabric of one
 * server): one domain, so k = 1 and no rail steps; 2(m−1) ring steps of S/m,
 * each GPU → NVSwitch → next GPU, loading every GPU's scale-up links with
 * S/m each way. transfer = 2(m−1)·S/(m·c_nvl), so busBw = c_nvl, the GPU's
 * NVLink bandwidth each way (18 × 200G = 450 GB/s). */
static void
test_closed_nvlink (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=8", NULL);
  g_autoptr(WeftCollectiveResult) result = NULL;
  guint m = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  double c_nvl = gpu_capacity (fabric, weft_fabric_lookup_node (fabric, "gpu-0-0"),
                               WEFT_LINK_SCALE_UP);

  g_assert_cmpuint (m, ==, 8);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_NVSWITCH), ==, 1);
  g_assert_cmpfloat (c_nvl, ==, 450e9);
  assert_reference_transfer (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_HIERARCHICAL,
                             GiB * 2 * (m - 1) / m / c_nvl);
  result = time_all (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_HIERARCHICAL, GiB);
  g_assert_cmpuint (result->steps, ==, 2 * (m - 1));
  g_assert_cmpfloat_with_epsilon (GiB * 2 * (m - 1) / m / result->transfer_s / c_nvl, 1, 1e-9);
}

/* The spec's tree all-reduce is "one step whose latency term is 2 × the
 * trees' depth × the largest edge latency": its time is one step's, and so
 * is its count. */
static void
test_tree_steps (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  g_autoptr(WeftCollectiveResult) result = time_all (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_TREE,
                                                     GiB);

  if (result->steps != 1)
    g_test_fail_printf ("the tree all-reduce counts %u steps; the spec makes it one",
                        result->steps);
}

/* Nine random removals in a row — a record, or one of a record's parallel
 * links — on every generated fabric, every op and algorithm at 1 GiB: each
 * time must match the reference. Removals may make a collective faster
 * here, as the spec's load-oblivious ECMP allows (test_braess shows how,
 * test_failure_monotone where one failure cannot): those are listed, not
 * failed. */
static void
test_removals (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  g_autoptr(GString) faster = g_string_new (NULL);
  double before[WEFT_N_OPS][WEFT_N_ALGOS];
  g_autofree char *last = NULL;
  guint speedups = 0, removed = 0;

  reported = 0;
  for (guint round = 0; round < 9; round++)
    {
      g_autoptr(Ref) ref = ref_new (fabric);
      guint n = ref->gpus->len;
      const guint32 *gpus = (const guint32 *) ref->gpus->data;

      for (WeftCollectiveOp op = 0; op < WEFT_N_OPS; op++)
        {
          g_autoptr(GError) error = NULL;
          guint n_op = op == WEFT_OP_SEND_RECV ? n / 2 : n;
          const guint32 *peers = op == WEFT_OP_SEND_RECV ? gpus + n / 2 : NULL;
          g_autoptr(WeftCollectivePlan) plan = weft_collective_plan_new (fabric, op, gpus, n_op,
                                                                         peers, NULL, &error);
          double fastest = G_MAXDOUBLE;

          g_assert_no_error (error);
          for (WeftCollectiveAlgo algo = WEFT_ALGO_AUTO + 1; algo <= WEFT_N_ALGOS; algo++)
            {
              /* AUTO last, against the fastest the reference found. */
              WeftCollectiveAlgo a = algo == WEFT_N_ALGOS ? WEFT_ALGO_AUTO : algo;
              g_autoptr(WeftCollectiveResult) result = NULL;
              Expect e = { 0 };
              double want;

              if (a != WEFT_ALGO_AUTO)
                ref_expect (ref, op, a, gpus, n_op, peers, &e);
              if (a != WEFT_ALGO_AUTO && !e.applies)
                {
                  before[op][a] = -1;
                  continue;
                }
              want = a == WEFT_ALGO_AUTO ? fastest : e.latency_s + GiB * e.transfer_per_byte;
              fastest = MIN (fastest, want);
              expect_clear (&e);
              result = weft_collective_plan_time (plan, a, GiB, 1, &error);
              g_assert_no_error (error);
              if (!close_enough (result->time_s, want, 0))
                disagree ("%s after %u removals: %s %s takes %.12g s, the reference %.12g s",
                          ref->name, removed, op_name (op), algo_name (a), result->time_s, want);
              /* ASCII only: GLib writes test messages in the locale's charset. */
              if (round > 0 && before[op][a] >= 0 && a != WEFT_ALGO_AUTO &&
                  result->time_s < before[op][a] * (1 - 1e-9) && speedups++ < 6)
                g_string_append_printf (faster, "%s%s %s %.6g -> %.6g ms after removing %s",
                                        faster->len ? "; " : "", op_name (op), algo_name (a),
                                        before[op][a] * 1e3, result->time_s * 1e3, last);
              before[op][a] = result->time_s;
            }
        }

      /* Remove a link record or one of its parallel links, keeping every
       * GPU in reach of every other. */
      for (guint attempt = 0; attempt < 50; attempt++)
        {
          guint link = g_test_rand_int_range (0, weft_fabric_get_n_links (fabric));
          const WeftLink *l = weft_fabric_get_link (fabric, link);
          gboolean one = l->count > 1 && g_test_rand_bit ();
          char *what = g_strdup_printf ("%s%s-%s", one ? "one of " : "",
                                        weft_fabric_get_node (fabric, l->a)->name,
                                        weft_fabric_get_node (fabric, l->b)->name);

          if (one)
            g_assert_true (weft_fabric_set_link_count (fabric, link, l->count - 1, NULL));
          else
            g_assert_true (weft_fabric_remove_link (fabric, link, NULL));
          if (fabric_all_reachable (fabric))
            {
              g_free (last);
              last = what;
              removed++;
              break;
            }
          g_free (what);
          g_assert_true (weft_fabric_undo (fabric));
        }
    }
  g_test_message ("%u removals, %u speed-ups%s%s", removed, speedups, speedups ? ": " : "",
                  faster->str);
}

/* Every figure a user reads for one fabric: each op over every GPU (send/recv
 * from the first half to the second) with each algorithm and with auto, at
 * a size where latency decides and one where bandwidth does (-1 where the
 * algorithm does not apply), and the default job's step. */
typedef struct
{
  double collective[WEFT_N_OPS][WEFT_N_ALGOS][2];
  double step;
} Figures;

static void
figures_of (WeftFabric *fabric,
            Figures    *figures)
{
  guint n = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  g_autofree guint32 *gpus = g_new (guint32, n);
  const double sizes[] = { KiB, GiB };
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0, k = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
      gpus[k++] = i;
  for (WeftCollectiveOp op = 0; op < WEFT_N_OPS; op++)
    {
      guint n_op = op == WEFT_OP_SEND_RECV ? n / 2 : n;
      g_autoptr(WeftCollectivePlan) plan = NULL;

      plan = weft_collective_plan_new (fabric, op, gpus, n_op,
                                       op == WEFT_OP_SEND_RECV ? gpus + n / 2 : NULL, NULL, &error);
      g_assert_no_error (error);
      for (WeftCollectiveAlgo a = 0; a < WEFT_N_ALGOS; a++)
        for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
          {
            g_autoptr(WeftCollectiveResult) result = NULL;

            result = weft_collective_plan_time (plan, a, sizes[s], 0, &error);
            if (result == NULL)
              g_assert_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID);
            figures->collective[op][a][s] = result != NULL ? result->time_s : -1;
            g_clear_error (&error);
          }
    }
  g_assert_true (weft_job_default (fabric, &job, &error));
  g_assert_true (weft_training_step (fabric, &job, &step, NULL, &error));
  g_assert_no_error (error);
  figures->step = step.step_s;
}

/* The collectives @after has quicker than @before, listed in @faster (the
 * first few); how many. The step's speed-up goes to @step_faster. */
static guint
compare_figures (const Figures *before,
                 const Figures *after,
                 const char    *failed,
                 GString       *faster,
                 GString       *step_faster)
{
  guint quicker = 0;

  for (WeftCollectiveOp op = 0; op < WEFT_N_OPS; op++)
    for (WeftCollectiveAlgo a = 0; a < WEFT_N_ALGOS; a++)
      for (guint s = 0; s < 2; s++)
        {
          double was = before->collective[op][a][s], is = after->collective[op][a][s];

          if (was < 0 || is < 0 || is >= was * (1 - 1e-9))
            continue;
          if (quicker++ < 3)
            g_string_append_printf (faster, "%s%s %s at %s %.9g -> %.9g ms without %s",
                                    faster->len ? "; " : "", op_name (op), algo_name (a),
                                    s == 0 ? "1 KiB" : "1 GiB", was * 1e3, is * 1e3, failed);
        }
  if (after->step < before->step * (1 - 1e-9))
    g_string_append_printf (step_faster, "%s%.9g -> %.9g s without %s",
                            step_faster->len ? "; " : "", before->step, after->step, failed);
  return quicker;
}

/* One element failed on a copy of @intact: switch @node (all its links), or
 * link record @link, or (@one) one of its parallel links. */
static WeftFabric *
fail_element (WeftFabric *intact,
              guint       node,
              guint       link,
              gboolean    one,
              char      **what)
{
  WeftFabric *fabric = weft_fabric_copy (intact);

  if (node != WEFT_NONE)
    {
      *what = g_strdup (weft_fabric_get_node (fabric, node)->name);
      for (guint i = weft_fabric_get_n_links (fabric); i-- > 0;)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);

          if (l->a == node || l->b == node)
            g_assert_true (weft_fabric_remove_link (fabric, i, NULL));
        }
      return fabric;
    }
  {
    const WeftLink *l = weft_fabric_get_link (fabric, link);

    *what =
        g_strdup_printf ("%s%s-%s", one ? "one of " : "", weft_fabric_get_node (fabric, l->a)->name,
                         weft_fabric_get_node (fabric, l->b)->name);
    if (one)
      g_assert_true (weft_fabric_set_link_count (fabric, link, l->count - 1, NULL));
    else
      g_assert_true (weft_fabric_remove_link (fabric, link, NULL));
  }
  return fabric;
}

/* Whether one failure can speed a collective up on @c's fabric: where a
 * flow has shortest paths of one length through different tiers — on a
 * rail-optimized fabric a cross-rail flow relays in its domain (PXN) or
 * climbs to the spines, on a Dragonfly it crosses different groups —
 * failing one of them can take away its slowest path (a lower latency) or
 * shift its share away from a link it shared with other flows (test_braess
 * shows why on six GPUs). */
static gboolean
collectives_can_speed_up (const Case *c)
{
  return g_str_equal (c->arch, "rail-optimized") || g_str_equal (c->arch, "dragonfly");
}

/* One element fails — a switch (all its links), a link record, or one of a
 * record's parallel links — on the generated fabric, every such failure in
 * turn, and those that cut two GPUs apart (which interrupt the job rather
 * than slow it) left out. The default job's step is never quicker than on
 * the intact fabric; nor is any collective, with any algorithm or auto, at
 * 1 KiB or 1 GiB, except on the fabrics collectives_can_speed_up names,
 * whose speed-ups are listed. */
static void
test_failure_monotone (gconstpointer data)
{
  g_autoptr(WeftFabric) intact = generate_case (data);
  g_autoptr(GString) faster = g_string_new (NULL);
  g_autoptr(GString) step_faster = g_string_new (NULL);
  Figures before, after;
  guint failures = 0, interrupting = 0, quicker = 0;
  guint n_nodes = weft_fabric_get_n_nodes (intact), n_links = weft_fabric_get_n_links (intact);

  figures_of (intact, &before);
  for (guint e = 0; e < n_nodes + 2 * n_links; e++)
    {
      guint node = e < n_nodes ? e : WEFT_NONE;
      guint link = e < n_nodes ? WEFT_NONE : (e - n_nodes) / 2;
      gboolean one = e >= n_nodes && (e - n_nodes) % 2 == 1;
      g_autoptr(WeftFabric) fabric = NULL;
      g_autofree char *what = NULL;

      if (node != WEFT_NONE && weft_fabric_get_node (intact, node)->kind == WEFT_NODE_GPU)
        continue;
      if (one && weft_fabric_get_link (intact, link)->count < 2)
        continue;
      fabric = fail_element (intact, node, link, one, &what);
      if (!fabric_all_reachable (fabric))
        {
          interrupting++;
          continue;
        }
      failures++;
      figures_of (fabric, &after);
      quicker += compare_figures (&before, &after, what, faster, step_faster);
    }
  g_test_message ("%u failures degrade, %u interrupt; %u collective figures got quicker%s%s",
                  failures, interrupting, quicker, quicker ? ": " : "", faster->str);
  g_assert_cmpuint (failures, >, 0);
  if (step_faster->len > 0)
    g_test_fail_printf ("the default step got quicker when one element failed: %s",
                        step_faster->str);
  if (quicker > 0 && !collectives_can_speed_up (data))
    g_test_fail_printf ("%u collective figures got quicker when one element failed: %s", quicker,
                        faster->str);
}

/* @s sends 1 GiB to @d, alone; the time, checked against the reference. */
static WeftCollectiveResult *
send_alone (WeftFabric *fabric,
            guint32     s,
            guint32     d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(Ref) ref = ref_new (fabric);
  WeftCollectiveResult *result;
  Expect e;

  plan = weft_collective_plan_new (fabric, WEFT_OP_SEND_RECV, &s, 1, &d, NULL, &error);
  g_assert_no_error (error);
  result = weft_collective_plan_time (plan, WEFT_ALGO_DIRECT, GiB, 4, &error);
  g_assert_no_error (error);
  ref_expect (ref, WEFT_OP_SEND_RECV, WEFT_ALGO_DIRECT, &s, 1, &d, &e);
  g_assert_true (e.applies && e.reachable);
  g_assert_cmpfloat_with_epsilon (GiB * e.transfer_per_byte / result->transfer_s, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.latency_s / result->latency_s, 1, 1e-9);
  expect_clear (&e);
  return result;
}

/* Braess on six GPUs, by hand. Two domains of three GPUs, a0–a1, a0–a2 and
 * b0–b1, b0–b2 over scale-up links; every GPU but b0 has a NIC to the one
 * switch s; every link runs at 400 Gb/s (c = 50 GB/s). a0 sends S = 1 GiB
 * to b0.
 * - Intact, the shortest paths are a0 → s → b1 → b0 and a0 → s → b2 → b0
 *   (3 links): a0's NIC carries all of S, so the transfer is S/c.
 * - Without a0's NIC they are a0 → a1|a2 → s → b1|b2 → b0 (4 links), split
 *   evenly at a0 and at s: every link on them carries S/2, and the transfer
 *   is S/(2c), half as long.
 * Load-oblivious ECMP takes only shortest paths: the intact fabric leaves
 * the two relays idle while a0's NIC is the bottleneck, and the failure
 * makes them shortest. Removing a link made the send twice as fast. */
static void
test_braess (void)
{
  g_autoptr(WeftFabric) intact = weft_fabric_new (catalog);
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(WeftCollectiveResult) before = NULL;
  g_autoptr(WeftCollectiveResult) after = NULL;
  const char *names[] = { "a0", "a1", "a2", "b0", "b1", "b2" };
  guint32 gpu[6], sw, nic_a0 = WEFT_NONE;
  double c = 400e9 / 8;

  weft_fabric_add_rack (intact, "R0", 0, 0, 42);
  for (guint i = 0; i < 6; i++)
    {
      WeftGroups groups = { i / 3, -1, -1, -1, -1 };

      gpu[i] =
          weft_fabric_add_node (intact, names[i], WEFT_NODE_GPU, "connectx-7", &groups, 0, i + 1);
    }
  {
    WeftGroups none = { -1, -1, -1, -1, -1 };

    sw = weft_fabric_add_node (intact, "s", WEFT_NODE_LEAF, "qm9700", &none, 0, 10);
  }
  for (guint i = 0; i < 6; i++)
    {
      WeftLink up = { gpu[i - i % 3], gpu[i], 1, 400, 4, WEFT_MEDIUM_ONBOARD, WEFT_LINK_SCALE_UP };
      WeftLink out = { gpu[i], sw, 1, 400, 4, WEFT_MEDIUM_AUTO, WEFT_LINK_SCALE_OUT };

      if (i % 3 != 0)
        weft_fabric_append_link (intact, &up);
      if (i != 3)
        {
          guint l = weft_fabric_append_link (intact, &out);

          if (i == 0)
            nic_a0 = l;
        }
    }
  failed = weft_fabric_copy (intact);
  g_assert_true (weft_fabric_remove_link (failed, nic_a0, NULL));

  before = send_alone (intact, gpu[0], gpu[3]);
  after = send_alone (failed, gpu[0], gpu[3]);
  g_assert_cmpfloat_with_epsilon (before->transfer_s / (GiB / c), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (after->transfer_s / (GiB / (2 * c)), 1, 1e-12);
  g_assert_cmpfloat (after->time_s, <, before->time_s);
}

/* --- Bad input -------------------------------------------------------------- */

/* The error, and a message that names what would work: every word of
 * @words (a |-separated list of alternatives for each). */
static void
assert_says (const GError *error,
             gint          code,
             const char   *const *words)
{
  g_assert_error (error, WEFT_COLLECTIVE_ERROR, code);
  g_test_message ("%s", error->message);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_auto(GStrv) alternatives = g_strsplit (words[i], "|", -1);
      gboolean found = FALSE;

      for (guint a = 0; alternatives[a] != NULL; a++)
        found |= strstr (error->message, alternatives[a]) != NULL;
      if (!found)
        g_test_fail_printf ("“%s” does not say %s", error->message, words[i]);
    }
}

static WeftCollectivePlan *
plan_error (WeftFabric       *fabric,
            WeftCollectiveOp  op,
            const guint32    *gpus,
            guint             n,
            const guint32    *peers,
            GError          **error)
{
  WeftCollectivePlan *plan = weft_collective_plan_new (fabric, op, gpus, n, peers, NULL, error);

  if (plan != NULL)
    g_assert_no_error (*error);
  else
    g_assert_nonnull (*error);
  return plan;
}

static void
test_bad_one_gpu (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  guint32 gpu = weft_fabric_lookup_node (fabric, "gpu-0-0");
  const char *const words[] = { "two|2", NULL };

  for (WeftCollectiveOp op = 0; op < WEFT_OP_SEND_RECV; op++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftCollectivePlan) plan = plan_error (fabric, op, &gpu, 1, NULL, &error);

      g_assert_null (plan);
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
    }
}

static void
test_bad_node (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  guint n_nodes = weft_fabric_get_n_nodes (fabric);
  guint32 unknown[] = { weft_fabric_lookup_node (fabric, "gpu-0-0"), n_nodes + 7 };
  guint32 leaf[] = { weft_fabric_lookup_node (fabric, "gpu-0-0"),
                     weft_fabric_lookup_node (fabric, "leaf-0") };
  g_autofree char *bad_index = g_strdup_printf ("%u", n_nodes + 7);
  const char *const unknown_words[] = { bad_index, NULL };
  const char *const leaf_words[] = { "leaf-0", "GPU|gpu", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;

  g_assert_cmpuint (leaf[1], !=, WEFT_NONE);
  plan = plan_error (fabric, WEFT_OP_ALL_REDUCE, unknown, 2, NULL, &error);
  g_assert_null (plan);
  assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, unknown_words);
  g_clear_error (&error);
  plan = plan_error (fabric, WEFT_OP_ALL_REDUCE, leaf, 2, NULL, &error);
  g_assert_null (plan);
  assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, leaf_words);
  g_clear_error (&error);
  /* A peer that is no GPU is as wrong. */
  plan = plan_error (fabric, WEFT_OP_SEND_RECV, leaf, 1, leaf + 1, &error);
  g_assert_null (plan);
  assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, leaf_words);
}

/* Hierarchical needs every domain to hold as many of the group's GPUs: the
 * plan itself is fine, hierarchical does not apply, ring and tree do. */
static void
test_bad_hierarchical (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  guint32 gpus[] = { weft_fabric_lookup_node (fabric, "gpu-0-0"),
                     weft_fabric_lookup_node (fabric, "gpu-0-1"),
                     weft_fabric_lookup_node (fabric, "gpu-1-0") };
  const char *const words[] = { "domain", "ring|tree", NULL };

  for (WeftCollectiveOp op = 0; op <= WEFT_OP_ALL_GATHER; op++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftCollectivePlan) plan = plan_error (fabric, op, gpus, 3, NULL, &error);
      g_autoptr(WeftCollectiveResult) result = NULL;

      g_assert_nonnull (plan);
      g_assert_false (weft_collective_plan_supports (plan, WEFT_ALGO_HIERARCHICAL, &error));
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
      g_clear_error (&error);
      result = weft_collective_plan_time (plan, WEFT_ALGO_HIERARCHICAL, GiB, 4, &error);
      g_assert_null (result);
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
      g_clear_error (&error);
      g_assert_true (weft_collective_plan_supports (plan, WEFT_ALGO_RING, &error));
      result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, GiB, 4, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->algorithm, !=, WEFT_ALGO_HIERARCHICAL);
    }
}

/* Algorithms the spec's table does not give an op: the sentence names the
 * algorithm and one that would do (the header: "a sentence a user can act on"). */
static void
test_bad_algorithm (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  static const struct
  {
    WeftCollectiveOp    op;
    WeftCollectiveAlgo  algo;
    const char         *instead;
  } wrong[] = {
    { WEFT_OP_ALL_GATHER, WEFT_ALGO_TREE, "ring|hierarchical" },
    { WEFT_OP_REDUCE_SCATTER, WEFT_ALGO_DIRECT, "ring|hierarchical" },
    { WEFT_OP_ALL_TO_ALL, WEFT_ALGO_RING, "direct" },
    { WEFT_OP_BROADCAST, WEFT_ALGO_TREE, "ring" },
    { WEFT_OP_ALL_REDUCE, WEFT_ALGO_DIRECT, "ring|hierarchical|tree" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftCollectivePlan) plan = plan_error (fabric, wrong[i].op, NULL, 0, NULL, &error);
      g_autoptr(WeftCollectiveResult) result = NULL;
      const char *const words[] = { algo_name (wrong[i].algo), wrong[i].instead, NULL };

      g_assert_nonnull (plan);
      g_assert_false (weft_collective_plan_supports (plan, wrong[i].algo, &error));
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
      g_clear_error (&error);
      result = weft_collective_plan_time (plan, wrong[i].algo, GiB, 4, &error);
      g_assert_null (result);
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
    }
}

/* Send/recv needs its peers. The header takes them as many as the group,
 * so groups of different sizes can only be no peers at all here; the CLI,
 * which takes both as groups, is asked below. */
static void
test_bad_send_recv (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  guint32 gpus[] = { weft_fabric_lookup_node (fabric, "gpu-0-0"),
                     weft_fabric_lookup_node (fabric, "gpu-1-0") };
  const char *const words[] = { "peer|receiving", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;

  plan = plan_error (fabric, WEFT_OP_SEND_RECV, gpus, 2, NULL, &error);
  g_assert_null (plan);
  assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
  g_clear_error (&error);
  result = weft_collective_run (fabric, WEFT_OP_SEND_RECV, WEFT_ALGO_AUTO, GiB, gpus, 2, &error);
  g_assert_null (result);
  assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
}

/* `weft-cli collective --op send-recv` with a group of 8 and peers of 2. */
static void
test_bad_send_recv_sizes (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-collectives-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *cli = g_getenv ("WEFT_CLI");
  const char *argv[] = { cli, "collective", NULL, "--op", "send-recv", "--group", "server:0",
                         "--peers", "rail:1", NULL };
  int status;

  g_assert_no_error (error);
  if (cli == NULL)
    {
      g_test_skip ("WEFT_CLI is not set (meson test sets it)");
      return;
    }
  path = g_build_filename (dir, "fat-tree.weft.json", NULL);
  g_assert_true (weft_fabric_save_file (fabric, path, &error));
  argv[2] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "same size") ? err : strstr (err, "as many"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_size (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCollectivePlan) plan = plan_error (fabric, WEFT_OP_ALL_REDUCE, NULL, 0, NULL,
                                                   &error);
  static const double sizes[] = { 0, -1, -GiB, NAN };
  const char *const words[] = { "size", NULL };

  g_assert_nonnull (plan);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(WeftCollectiveResult) result = NULL;

      result = weft_collective_plan_time (plan, WEFT_ALGO_RING, sizes[i], 4, &error);
      g_assert_null (result);
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
      g_clear_error (&error);
      result = weft_collective_run (fabric, WEFT_OP_ALL_REDUCE, WEFT_ALGO_AUTO, sizes[i], NULL, 0,
                                    &error);
      g_assert_null (result);
      assert_says (error, WEFT_COLLECTIVE_ERROR_INVALID, words);
      g_clear_error (&error);
    }
}

/* A GPU cut off from the fabric: every op over a group holding it fails,
 * at planning or at timing, as unreachable, naming the GPU. */
static void
test_bad_unreachable (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=16",
                                                     "gpus-per-server=1", "scale-up=none", NULL);
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-3-0");
  const char *const words[] = { "gpu-3-0", NULL };
  g_autoptr(Ref) ref = NULL;

  for (guint i = weft_fabric_get_n_links (fabric); i-- > 0;)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if (l->a == gpu || l->b == gpu)
        g_assert_true (weft_fabric_remove_link (fabric, i, NULL));
    }
  ref = ref_new (fabric);
  g_assert_false (ref_all_reachable (ref));
  for (WeftCollectiveOp op = 0; op < WEFT_N_OPS; op++)
    {
      g_autoptr(GError) error = NULL;
      const guint32 *gpus = (const guint32 *) ref->gpus->data;
      guint n = op == WEFT_OP_SEND_RECV ? ref->gpus->len / 2 : ref->gpus->len;
      g_autoptr(WeftCollectivePlan) plan = plan_error (fabric, op, gpus, n,
                                                       op == WEFT_OP_SEND_RECV ? gpus + n : NULL,
                                                       &error);

      if (plan != NULL)
        {
          g_autoptr(WeftCollectiveResult) result = NULL;

          result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, GiB, 4, &error);
          g_assert_null (result);
        }
      assert_says (error, WEFT_COLLECTIVE_ERROR_UNREACHABLE, words);
    }
}

/* A plan that could not route a collective leaves its routes clean: asked
 * again, each algorithm fails the same way instead of reading what the
 * failed pass left behind. Without its NVLink, gpu-1-1 is a domain of its
 * own on rail 1 only, which the rest of its server, without a rail-1 NIC,
 * cannot reach on a rail-only fabric. */
static void
test_bad_unreachable_again (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-only", "gpus=32", NULL);
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-1-1");
  const char *const words[] = { "gpu-1-1", NULL };
  const WeftCollectiveAlgo tried[] = { WEFT_ALGO_TREE, WEFT_ALGO_RING, WEFT_ALGO_AUTO };
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = weft_fabric_get_n_links (fabric); i-- > 0;)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if ((l->a == gpu || l->b == gpu) && l->link_class == WEFT_LINK_SCALE_UP)
        g_assert_true (weft_fabric_remove_link (fabric, i, NULL));
    }
  plan = weft_collective_plan_new (fabric, WEFT_OP_ALL_REDUCE, NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    for (guint a = 0; a < G_N_ELEMENTS (tried); a++)
      {
        g_autoptr(WeftCollectiveResult) result = weft_collective_plan_time (plan, tried[a], GiB, 4,
                                                                            &error);

        g_assert_null (result);
        assert_says (error, WEFT_COLLECTIVE_ERROR_UNREACHABLE, words);
        g_clear_error (&error);
      }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  /* A suite runs its own cases before its subsuites, and without -k the
   * first failure ends the run: the per-flow comparisons go first, and the
   * questions the spec leaves open (rank order on a rail, the tree's step
   * count) last. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) cases[i].args);
      g_autofree char *plain = g_strdup_printf ("/collectives/per-flow/%s/%s", cases[i].arch, args);
      g_autofree char *edited = g_strdup_printf ("/collectives/per-flow-edited/%s/%s",
                                                 cases[i].arch, args);
      g_autofree char *removals =
          g_strdup_printf ("/collectives/removals/%s/%s", cases[i].arch, args);
      g_autofree char *failure =
          g_strdup_printf ("/collectives/failure-monotone/%s/%s", cases[i].arch, args);

      g_test_add_data_func (plain, &cases[i], test_per_flow);
      g_test_add_data_func (edited, &cases[i], test_per_flow_edited);
      g_test_add_data_func (removals, &cases[i], test_removals);
      g_test_add_data_func (failure, &cases[i], test_failure_monotone);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) cases[i].args);
      g_autofree char *path = g_strdup_printf ("/collectives/concurrent/%s/%s", cases[i].arch,
                                               args);
      g_autofree char *unplanned =
          g_strdup_printf ("/collectives/auto-unplanned/%s/%s", cases[i].arch, args);

      g_test_add_data_func (path, &cases[i], test_concurrent);
      g_test_add_data_func (unplanned, &cases[i], test_auto_unplanned);
    }
  g_test_add_func ("/collectives/per-flow/parallel-records", test_per_flow_parallel);
  g_test_add_func ("/collectives/api/run", test_run);
  g_test_add_func ("/collectives/api/group-and-size", test_group_and_size);
  g_test_add_func ("/collectives/api/group-empty-value", test_group_empty_value);
  g_test_add_func ("/collectives/closed-form/ring-leaf-spine", test_closed_ring);
  g_test_add_func ("/collectives/closed-form/all-to-all-oversubscribed", test_closed_all_to_all);
  g_test_add_func ("/collectives/closed-form/nvlink-server", test_closed_nvlink);
  g_test_add_func ("/collectives/braess", test_braess);
  g_test_add_func ("/collectives/bad/one-gpu", test_bad_one_gpu);
  g_test_add_func ("/collectives/bad/node", test_bad_node);
  g_test_add_func ("/collectives/bad/hierarchical", test_bad_hierarchical);
  g_test_add_func ("/collectives/bad/algorithm", test_bad_algorithm);
  g_test_add_func ("/collectives/bad/send-recv", test_bad_send_recv);
  g_test_add_func ("/collectives/bad/send-recv-sizes", test_bad_send_recv_sizes);
  g_test_add_func ("/collectives/bad/size", test_bad_size);
  g_test_add_func ("/collectives/bad/unreachable", test_bad_unreachable);
  g_test_add_func ("/collectives/bad/unreachable-again", test_bad_unreachable_again);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) cases[i].args);
      g_autofree char *order = g_strdup_printf ("/collectives/open/rank-order/%s/%s",
                                                cases[i].arch, args);

      g_test_add_data_func (order, &cases[i], test_rank_order);
    }
  g_test_add_func ("/collectives/open/tree-steps", test_tree_steps);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
