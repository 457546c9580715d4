/* weft-metrics-cut.c — the exact capacity between two given halves of the GPUs: a max-flow with
 * switches free. */
#include "metrics/weft-metrics-private.h"

#include "util/weft-key-index.h"
#include "util/weft-union-find.h"

/* Max-flow from vertex 0 to vertex 1 of the fabric with nodes mapped to @vid;
 * marks the vertices on the source side of the min cut in @source_side. */
static igraph_error_t
max_flow (WeftMetricsGraph *graph,
          const gint32     *vid,
          gint32            n_vertices,
          const guint8     *removed_node,
          igraph_real_t    *value,
          guint8           *source_side)
{
  igraph_vector_int_t edges, partition;
  igraph_vector_t capacity;
  igraph_t flow_graph;
  WeftKeyIndex index;

  IGRAPH_CHECK (igraph_vector_int_init (&edges, 0));
  IGRAPH_FINALLY (igraph_vector_int_destroy, &edges);
  IGRAPH_CHECK (igraph_vector_init (&capacity, 0));
  IGRAPH_FINALLY (igraph_vector_destroy, &capacity);

  /* Links between the same two vertices (every GPU link of a leaf, once
   * GPUs join the source) become one edge with their summed capacity. */
  weft_key_index_init (&index, 1024);
  IGRAPH_FINALLY (weft_key_index_clear, &index);
  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];
      guint64 a = vid[l->a], b = vid[l->b];
      guint32 *slot;

      if (removed_node != NULL && (removed_node[l->a] || removed_node[l->b]))
        continue;
      if (a == b || graph->capacity[i] <= 0)
        continue;
      slot = weft_key_index_slot (&index, MIN (a, b) << 32 | MAX (a, b));
      if (*slot != WEFT_KEY_EMPTY)
        {
          VECTOR (capacity)[*slot] += graph->capacity[i];
          continue;
        }
      *slot = igraph_vector_size (&capacity);
      IGRAPH_CHECK (igraph_vector_int_push_back (&edges, (igraph_integer_t) a));
      IGRAPH_CHECK (igraph_vector_int_push_back (&edges, (igraph_integer_t) b));
      IGRAPH_CHECK (igraph_vector_push_back (&capacity, graph->capacity[i]));
    }
  weft_key_index_clear (&index);
  IGRAPH_FINALLY_CLEAN (1);
  IGRAPH_CHECK (igraph_create (&flow_graph, &edges, n_vertices, IGRAPH_UNDIRECTED));
  IGRAPH_FINALLY (igraph_destroy, &flow_graph);
  IGRAPH_CHECK (igraph_vector_int_init (&partition, 0));
  IGRAPH_FINALLY (igraph_vector_int_destroy, &partition);
  IGRAPH_CHECK (igraph_maxflow (&flow_graph, value, NULL, NULL, source_side ? &partition : NULL,
                                NULL, 0, 1, &capacity, NULL));
  if (source_side != NULL)
    for (igraph_integer_t i = 0; i < igraph_vector_int_size (&partition); i++)
      source_side[VECTOR (partition)[i]] = 1;
  igraph_vector_int_destroy (&partition);
  igraph_destroy (&flow_graph);
  igraph_vector_destroy (&capacity);
  igraph_vector_int_destroy (&edges);
  IGRAPH_FINALLY_CLEAN (4);
  return IGRAPH_SUCCESS;
}

/* GPUs join the source or the sink. A scale-up domain whose GPUs are all on
 * one side and whose scale-up switches lead nowhere else joins it whole:
 * its switches could only add to the cut on the other side. What is left
 * is the scale-out switches, so even a 131,072-GPU fabric flows over a few
 * thousand vertices. */
gboolean
weft_metrics_cut_capacity (WeftMetricsGraph *graph,
                           const guint8     *gpu_side,
                           const guint8     *removed_node,
                           double           *gbps,
                           guint8           *switch_side,
                           GError          **error)
{
  guint n = graph->n_nodes;
  g_autofree guint32 *parent = weft_union_find_new (n);
  g_autofree guint8 *root_side = g_new (guint8, n);   /* 0, 1, 2 mixed or open, 3 none yet */
  g_autofree gint32 *vid = g_new (gint32, n);
  g_autofree guint8 *source_side = NULL;
  igraph_real_t value = 0;
  igraph_error_t code;
  gint32 n_vertices = 2;

  for (guint i = 0; i < n; i++)
    root_side[i] = 3;
  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];
      gboolean a_in =
          graph->nodes[l->a].kind == WEFT_NODE_GPU || graph->nodes[l->a].kind == WEFT_NODE_NVSWITCH;
      gboolean b_in =
          graph->nodes[l->b].kind == WEFT_NODE_GPU || graph->nodes[l->b].kind == WEFT_NODE_NVSWITCH;

      if (a_in && b_in)
        weft_union_find_join (parent, l->a, l->b);
    }
  for (guint i = 0; i < n; i++)
    {
      guint32 root = weft_union_find_root (parent, i);

      if (graph->nodes[i].kind == WEFT_NODE_GPU && (removed_node == NULL || !removed_node[i]))
        root_side[root] = root_side[root] == 3 || root_side[root] == gpu_side[i] ? gpu_side[i] : 2;
    }
  /* A scale-up switch with a link out of its domain keeps the domain open. */
  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];

      for (guint e = 0; e < 2; e++)
        {
          guint32 x = e ? l->b : l->a, y = e ? l->a : l->b;

          if (graph->nodes[x].kind == WEFT_NODE_NVSWITCH && graph->nodes[y].kind != WEFT_NODE_GPU &&
              graph->nodes[y].kind != WEFT_NODE_NVSWITCH)
            root_side[weft_union_find_root (parent, x)] = 2;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      WeftNodeKind kind = graph->nodes[i].kind;
      guint8 side = root_side[weft_union_find_root (parent, i)];

      if (kind == WEFT_NODE_GPU)
        vid[i] = gpu_side[i];
      else if (kind == WEFT_NODE_NVSWITCH && side < 2)
        vid[i] = side;
      else
        vid[i] = n_vertices++;
    }
  if (switch_side != NULL)
    source_side = g_new0 (guint8, n_vertices);

  code = max_flow (graph, vid, n_vertices, removed_node, &value, source_side);
  if (code == IGRAPH_SUCCESS && switch_side != NULL)
    for (guint i = 0; i < n; i++)
      switch_side[i] = graph->nodes[i].kind == WEFT_NODE_GPU ? gpu_side[i]
                                                            : (source_side[vid[i]] ? 0 : 1);
  *gbps = value;
  return weft_metrics_igraph_check (code, "Max-flow", error);
}
