/* weft-metrics-graph.c — the fabric as a weighted adjacency for the metric passes, and a heap for
 * them. */
#include "metrics/weft-metrics-private.h"

G_DEFINE_QUARK (weft-metrics-error-quark, weft_metrics_error)

/* The compressed adjacency: each link at both its ends, in link order. */
static void
graph_build_adjacency (WeftMetricsGraph *graph)
{
  guint n = graph->n_nodes, m = graph->n_links;
  g_autofree guint32 *fill = NULL;

  graph->offsets = g_new0 (guint32, n + 1);
  graph->adj_node = g_new (guint32, 2 * (gsize) m);
  graph->adj_link = g_new (guint32, 2 * (gsize) m);
  for (guint i = 0; i < m; i++)
    {
      graph->offsets[graph->links[i].a + 1]++;
      graph->offsets[graph->links[i].b + 1]++;
    }
  for (guint i = 0; i < n; i++)
    graph->offsets[i + 1] += graph->offsets[i];
  fill = g_memdup2 (graph->offsets, n * sizeof (guint32));
  for (guint i = 0; i < m; i++)
    {
      const WeftLink *link = &graph->links[i];

      graph->adj_node[fill[link->a]] = link->b;
      graph->adj_link[fill[link->a]++] = i;
      graph->adj_node[fill[link->b]] = link->a;
      graph->adj_link[fill[link->b]++] = i;
    }
}

/* Per node: its server, whether it switches and what passing it costs;
 * and the list of the GPUs. */
static void
graph_add_nodes (WeftMetricsGraph *graph)
{
  guint n = graph->n_nodes;

  graph->is_switch = g_new0 (guint8, n);
  graph->server = g_new (gint32, n);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    graph->node_cost[c] = g_new0 (double, n);

  /* Servers: GPUs without one each count as their own. */
  for (guint i = 0; i < n; i++)
    {
      const WeftNode *node = &graph->nodes[i];

      graph->server[i] = node->groups.server >= 0 ? node->groups.server : -1 - (gint32) i;
      if (node->kind == WEFT_NODE_GPU)
        graph->n_gpus++;
      else
        {
          const WeftPart *part = weft_fabric_get_node_part (graph->fabric, i);

          graph->is_switch[i] = TRUE;
          graph->node_cost[WEFT_COST_SWITCH_HOPS][i] = 1;
          graph->node_cost[WEFT_COST_LATENCY][i] = part ? part->latency_ns : 0;
        }
    }
  graph->gpus = g_new (guint32, MAX (graph->n_gpus, 1));
  for (guint i = 0, g = 0; i < n; i++)
    if (graph->nodes[i].kind == WEFT_NODE_GPU)
      graph->gpus[g++] = i;
}

/* Per link: its capacity and its costs, half of each end's included; and
 * the scale-out capacity at the GPUs. Needs the node costs. */
static void
graph_weigh_links (WeftMetricsGraph *graph)
{
  guint m = graph->n_links;
  const WeftLink *run = NULL;
  double run_latency = 0;

  graph->capacity = g_new (double, m);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    graph->link_cost[c] = g_new (double, m);

  for (guint i = 0; i < m; i++)
    {
      const WeftLink *link = &graph->links[i];
      double own[WEFT_N_COSTS] = { 0, 1, 0 };

      /* Links come in runs of one kind (a server's NVLinks, a leaf's
       * uplinks): the catalog is asked once a run. */
      if (run == NULL || link->medium != run->medium || link->speed_gbps != run->speed_gbps ||
          link->length_m != run->length_m)
        {
          run = link;
          run_latency = weft_metrics_link_latency (graph->fabric, link);
        }
      own[WEFT_COST_LATENCY] = run_latency;
      graph->capacity[i] = (double) link->count * link->speed_gbps;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        graph->link_cost[c][i] = own[c] + (graph->node_cost[c][link->a] +
                                           graph->node_cost[c][link->b]) / 2;
      if (link->link_class == WEFT_LINK_SCALE_OUT)
        {
          if (graph->nodes[link->a].kind == WEFT_NODE_GPU)
            graph->injection_gbps += graph->capacity[i];
          if (graph->nodes[link->b].kind == WEFT_NODE_GPU)
            graph->injection_gbps += graph->capacity[i];
        }
    }
}

WeftMetricsGraph *
weft_metrics_graph_new (WeftFabric *fabric)
{
  WeftMetricsGraph *graph = g_new0 (WeftMetricsGraph, 1);

  graph->fabric = fabric;
  graph->nodes = weft_fabric_get_nodes (fabric, &graph->n_nodes);
  graph->links = weft_fabric_get_links (fabric, &graph->n_links);
  graph_build_adjacency (graph);
  graph_add_nodes (graph);
  graph_weigh_links (graph);
  return graph;
}

void
weft_metrics_graph_free (WeftMetricsGraph *graph)
{
  g_free (graph->offsets);
  g_free (graph->adj_node);
  g_free (graph->adj_link);
  g_free (graph->is_switch);
  g_free (graph->server);
  g_free (graph->capacity);
  g_free (graph->gpus);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      g_free (graph->node_cost[c]);
      g_free (graph->link_cost[c]);
    }
  g_free (graph);
}

igraph_error_t
weft_metrics_graph_to_igraph (const WeftMetricsGraph *graph,
                              igraph_t               *out)
{
  igraph_vector_int_t edges;

  IGRAPH_CHECK (igraph_vector_int_init (&edges, 2 * (igraph_integer_t) graph->n_links));
  IGRAPH_FINALLY (igraph_vector_int_destroy, &edges);
  for (guint i = 0; i < graph->n_links; i++)
    {
      VECTOR (edges)[2 * i] = graph->links[i].a;
      VECTOR (edges)[2 * i + 1] = graph->links[i].b;
    }
  IGRAPH_CHECK (igraph_create (out, &edges, graph->n_nodes, IGRAPH_UNDIRECTED));
  igraph_vector_int_destroy (&edges);
  IGRAPH_FINALLY_CLEAN (1);
  return IGRAPH_SUCCESS;
}

gboolean
weft_metrics_igraph_check (igraph_error_t   code,
                           const char      *what,
                           GError         **error)
{
  if (code == IGRAPH_SUCCESS)
    return TRUE;
  g_set_error (error, WEFT_METRICS_ERROR, WEFT_METRICS_ERROR_FAILED,
               "%s failed: %s", what, igraph_strerror (code));
  return FALSE;
}

void
weft_metrics_task_report (WeftMetricsTask *task,
                          double           fraction,
                          const char      *stage)
{
  WeftMetricsTally *tally = task->tally;
  double share = task->span * CLAMP (fraction, 0, 1);

  if (tally->progress == NULL || share <= task->reported)
    return;
  g_mutex_lock (&tally->lock);
  tally->done += share - task->reported;
  task->reported = share;
  tally->progress (MIN (tally->done, 1), stage, tally->progress_data);
  g_mutex_unlock (&tally->lock);
}

void
weft_heap_push (WeftHeap *heap,
                double    key,
                guint32   value)
{
  guint i;

  if (heap->len == heap->allocated)
    {
      heap->allocated = MAX (64, 2 * heap->allocated);
      heap->keys = g_renew (double, heap->keys, heap->allocated);
      heap->values = g_renew (guint32, heap->values, heap->allocated);
    }
  i = heap->len++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (heap->keys[parent] <= key)
        break;
      heap->keys[i] = heap->keys[parent];
      heap->values[i] = heap->values[parent];
      i = parent;
    }
  heap->keys[i] = key;
  heap->values[i] = value;
}

gboolean
weft_heap_pop (WeftHeap *heap,
               double   *key,
               guint32  *value)
{
  double last_key;
  guint32 last_value;
  guint i = 0;

  if (heap->len == 0)
    return FALSE;
  *key = heap->keys[0];
  *value = heap->values[0];
  last_key = heap->keys[--heap->len];
  last_value = heap->values[heap->len];
  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= heap->len)
        break;
      if (child + 1 < heap->len && heap->keys[child + 1] < heap->keys[child])
        child++;
      if (last_key <= heap->keys[child])
        break;
      heap->keys[i] = heap->keys[child];
      heap->values[i] = heap->values[child];
      i = child;
    }
  if (heap->len > 0)
    {
      heap->keys[i] = last_key;
      heap->values[i] = last_value;
    }
  return TRUE;
}

void
weft_heap_clear (WeftHeap *heap)
{
  g_clear_pointer (&heap->keys, g_free);
  g_clear_pointer (&heap->values, g_free);
  heap->len = heap->allocated = 0;
}
