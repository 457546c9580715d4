/* weft-metrics-resilience.c — single points of failure, edge-disjoint paths, the switch whose loss hurts bisection most. */
#include "weft-metrics-private.h"

#include <string.h>

#define DIVERSITY_MAX_PAIRS 32
#define DIVERSITY_LINK_BUDGET 4000000   /* link records × pairs, about a second */
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

/* Edge-disjoint paths between GPU pairs in different servers, parallel
 * links counting once each: a max-flow with each link's count as capacity. */
static igraph_error_t
path_diversity (WeftMetricsGraph *graph,
                const igraph_t   *ig,
                WeftMetrics      *metrics)
{
  igraph_vector_t counts;
  guint pairs = CLAMP (DIVERSITY_LINK_BUDGET / MAX (graph->n_links, 1), 2, DIVERSITY_MAX_PAIRS);
  guint n = graph->n_gpus, done = 0;
  double sum = 0;

  metrics->path_diversity_min = 0;
  if (n < 2)
    return IGRAPH_SUCCESS;
  IGRAPH_CHECK (igraph_vector_init (&counts, graph->n_links));
  IGRAPH_FINALLY (igraph_vector_destroy, &counts);
  for (guint i = 0; i < graph->n_links; i++)
    VECTOR (counts)[i] = graph->links[i].count;

  /* GPU i with GPU i + n/2: spread over the fabric and across its middle. */
  for (guint p = 0; p < MIN (pairs, n / 2); p++)
    {
      guint i = (guint) ((guint64) p * (n / 2) / MIN (pairs, n / 2));
      guint32 a = graph->gpus[i], b = graph->gpus[(i + n / 2) % n];
      igraph_real_t flow;

      if (graph->server[a] == graph->server[b])
        continue;
      IGRAPH_CHECK (igraph_maxflow_value (ig, &flow, a, b, &counts, NULL));
      sum += flow;
      metrics->path_diversity_min = done == 0 ? (guint) flow
                                              : MIN (metrics->path_diversity_min, (guint) flow);
      done++;
    }
  metrics->path_diversity_pairs = done;
  metrics->path_diversity_mean = done ? sum / done : 0;
  igraph_vector_destroy (&counts);
  IGRAPH_FINALLY_CLEAN (1);
  return IGRAPH_SUCCESS;
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

  for (guint pass = 0; pass < 2; pass++)
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
        if (!weft_metrics_cut_capacity (graph, side, removed, &gbps, NULL, error))
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
  if (!weft_metrics_igraph_check (weft_metrics_graph_to_igraph (graph, &ig), "Building the graph", error))
    return FALSE;
  weft_metrics_task_report (task, 0, "Single points of failure");
  code = single_points (graph, &ig, metrics);
  if (code == IGRAPH_SUCCESS)
    {
      weft_metrics_task_report (task, 0.2, "Path diversity");
      code = path_diversity (graph, &ig, metrics);
    }
  igraph_destroy (&ig);
  if (!weft_metrics_igraph_check (code, "Resilience", error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  weft_metrics_task_report (task, 0.6, "Worst switch failure");
  if (!worst_switch (graph, metrics, error))
    return FALSE;
  metrics->computed |= WEFT_METRICS_RESILIENCE;
  return TRUE;
}
