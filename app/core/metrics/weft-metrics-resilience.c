/* weft-metrics-resilience.c — single points of failure, edge-disjoint paths, the switch whose loss
 * hurts bisection most. */
#include "metrics/weft-metrics-private.h"

#include <string.h>

#define DIVERSITY_MAX_PAIRS 16
#define WORST_SWITCH_CANDIDATES 8

static igraph_error_t
single_points (WeftMetricsGraph *graph,
               const igraph_t   *ig,
               WeftMetrics      *metrics)
{
  igraph_vector_int_t points, bridges;

  IGRAPH_CHECK (igraph_vector_int_init (&points, 0));
  IGRAPH_FINALLY (igraph_vector_int_destroy, &points);
  IGRAPH_CHECK (igraph_vector_int_init (&bridges, 0));
  IGRAPH_FINALLY (igraph_vector_int_destroy, &bridges);
  IGRAPH_CHECK (igraph_articulation_points (ig, &points));
  IGRAPH_CHECK (igraph_bridges (ig, &bridges));

  for (igraph_integer_t i = 0; i < igraph_vector_int_size (&points); i++)
    {
      guint32 node = VECTOR (points)[i];

      if (graph->is_switch[node])
        g_ptr_array_add (metrics->spof_switches, g_strdup (graph->nodes[node].name));
    }
  g_ptr_array_sort (metrics->spof_switches, (GCompareFunc) g_strcmp0);
  for (igraph_integer_t i = 0; i < igraph_vector_int_size (&bridges); i++)
    {
      guint32 link = VECTOR (bridges)[i];
      const WeftLink *l = &graph->links[link];

      /* A bridge of parallel links is only a bridge if they all fail: count it still,
       * they share a path and usually a cable tray. */
      if (graph->is_switch[l->a] && graph->is_switch[l->b])
        g_array_append_val (metrics->spof_links, link);
      else
        metrics->gpu_bridges++;
    }
  igraph_vector_int_destroy (&bridges);
  igraph_vector_int_destroy (&points);
  IGRAPH_FINALLY_CLEAN (2);
  return IGRAPH_SUCCESS;
}

/* Edge-disjoint paths from @a to @b, parallel links counting once each:
 * augmenting paths found by BFS, one unit at a time. The answer is at
 * most the links at a GPU, a handful, so this beats a general max-flow. */
static guint
disjoint_paths (WeftMetricsGraph *graph,
                guint32           a,
                guint32           b,
                gint32           *flow,
                guint32          *via,
                guint32          *queue)
{
  guint paths = 0;

  memset (flow, 0, graph->n_links * sizeof (gint32));
  for (;;)
    {
      guint head = 0, tail = 0;

      for (guint i = 0; i < graph->n_nodes; i++)
        via[i] = WEFT_NONE;
      via[a] = 0;
      queue[tail++] = a;
      while (head < tail && via[b] == WEFT_NONE)
        {
          guint32 v = queue[head++];

          for (guint32 e = graph->offsets[v]; e < graph->offsets[v + 1]; e++)
            {
              guint32 u = graph->adj_node[e], link = graph->adj_link[e];
              gint32 forward = graph->links[link].a == v ? 1 : -1;

              if (via[u] != WEFT_NONE ||
                  (gint64) graph->links[link].count - forward * flow[link] <= 0)
                continue;
              via[u] = e;
              queue[tail++] = u;
            }
        }
      if (via[b] == WEFT_NONE)
        return paths;
      for (guint32 v = b; v != a;)
        {
          guint32 e = via[v], link = graph->adj_link[e];
          guint32 from = graph->links[link].a == v ? graph->links[link].b : graph->links[link].a;

          flow[link] += graph->links[link].a == from ? 1 : -1;
          v = from;
        }
      paths++;
    }
}

static void
path_diversity (WeftMetricsGraph *graph,
                WeftMetrics      *metrics)
{
  g_autofree gint32 *flow = g_new (gint32, MAX (graph->n_links, 1));
  g_autofree guint32 *via = g_new (guint32, MAX (graph->n_nodes, 1));
  g_autofree guint32 *queue = g_new (guint32, MAX (graph->n_nodes, 1));
  guint n = graph->n_gpus, pairs = MIN (DIVERSITY_MAX_PAIRS, n / 2), done = 0;
  double sum = 0;

  metrics->path_diversity_min = 0;
  /* GPU i with GPU i + n/2: spread over the fabric and across its middle. */
  for (guint p = 0; p < pairs; p++)
    {
      guint i = (guint) ((guint64) p * (n / 2) / pairs);
      guint32 a = graph->gpus[i], b = graph->gpus[(i + n / 2) % n];
      guint found;

      if (graph->server[a] == graph->server[b])
        continue;
      found = disjoint_paths (graph, a, b, flow, via, queue);
      sum += found;
      metrics->path_diversity_min = done == 0 ? found : MIN (metrics->path_diversity_min, found);
      done++;
    }
  metrics->path_diversity_pairs = done;
  metrics->path_diversity_mean = done ? sum / done : 0;
}

typedef struct
{
  double  capacity;
  guint32 node;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->capacity != y->capacity)
    return x->capacity < y->capacity ? 1 : -1;
  return x->node < y->node ? -1 : x->node > y->node;
}

/* A switch whose links all lead to GPUs on one side carries nothing
 * across: it joins that side's terminal in the max-flow, a dead end. */
static gboolean
dead_end (WeftMetricsGraph *graph,
          const guint8     *side,
          guint32           node)
{
  for (guint32 e = graph->offsets[node]; e < graph->offsets[node + 1]; e++)
    {
      guint32 u = graph->adj_node[e];

      if (graph->nodes[u].kind != WEFT_NODE_GPU ||
          side[u] != side[graph->adj_node[graph->offsets[node]]])
        return FALSE;
    }
  return TRUE;
}

/* Which one switch, lost, lowers the cut across the reported split most.
 * Tried: the switch of each kind with the most link capacity, then the
 * others with the most, up to a handful — in a generated fabric switches
 * of one kind are alike, so this finds the worst. */
static gboolean
worst_switch (WeftMetricsGraph *graph,
              WeftMetrics      *metrics,
              GError          **error)
{
  const guint8 *side = metrics->bisection.side;
  g_autofree double *carried = g_new0 (double, graph->n_nodes);
  g_autofree guint8 *removed = g_new0 (guint8, graph->n_nodes);
  g_autofree guint8 *tried_node = g_new0 (guint8, graph->n_nodes);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  gboolean kind_seen[WEFT_N_NODE_KINDS] = { FALSE };
  guint tried = 0;

  if (side == NULL || graph->n_gpus < 2)
    return TRUE;
  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];

      carried[l->a] += graph->capacity[i];
      carried[l->b] += graph->capacity[i];
    }
  for (guint i = 0; i < graph->n_nodes; i++)
    if (graph->is_switch[i])
      {
        Candidate c = { carried[i], i };

        g_array_append_val (candidates, c);
      }
  g_array_sort (candidates, compare_candidates);

  /* In an unedited generated fabric switches of one kind are alike: one
   * of each is enough. */
  for (guint pass = 0;
       pass < (weft_fabric_is_edited (graph->fabric) ||
                       !weft_fabric_get_closed_form (graph->fabric, &(WeftClosedForm){ 0 })
                   ? 2
                   : 1);
       pass++)
    for (guint k = 0; k < candidates->len && tried < WORST_SWITCH_CANDIDATES; k++)
      {
        guint32 node = g_array_index (candidates, Candidate, k).node;
        WeftNodeKind kind = graph->nodes[node].kind;
        double gbps;

        if (tried_node[node] || (pass == 0 && kind_seen[kind]))
          continue;
        kind_seen[kind] = TRUE;
        tried_node[node] = TRUE;
        removed[node] = TRUE;
        if (dead_end (graph, side, node))
          gbps = metrics->bisection.split_gbps;
        else if (!weft_metrics_cut_capacity (graph, side, removed, &gbps, NULL, error))
          return FALSE;
        removed[node] = FALSE;
        tried++;
        if (metrics->worst_switch == NULL || gbps < metrics->worst_switch_bisection_gbps)
          {
            g_free (metrics->worst_switch);
            metrics->worst_switch = g_strdup (graph->nodes[node].name);
            metrics->worst_switch_bisection_gbps = gbps;
          }
      }
  return TRUE;
}

gboolean
weft_metrics_compute_resilience (WeftMetricsGraph *graph,
                                 WeftMetrics      *metrics,
                                 WeftMetricsTask  *task,
                                 GError          **error)
{
  igraph_t ig;
  igraph_error_t code;

  metrics->spof_switches = g_ptr_array_new_with_free_func (g_free);
  metrics->spof_links = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!weft_metrics_igraph_check (weft_metrics_graph_to_igraph (graph, &ig), "Building the graph",
                                  error))
    return FALSE;
  weft_metrics_task_report (task, 0, "Single points of failure");
  code = single_points (graph, &ig, metrics);
  igraph_destroy (&ig);
  if (!weft_metrics_igraph_check (code, "Resilience", error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  weft_metrics_task_report (task, 0.2, "Path diversity");
  path_diversity (graph, metrics);
  weft_metrics_task_report (task, 0.6, "Worst switch failure");
  if (!worst_switch (graph, metrics, error))
    return FALSE;
  return TRUE;
}
