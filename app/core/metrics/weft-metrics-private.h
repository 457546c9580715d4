/* weft-metrics-private.h — the fabric as a weighted graph, and the passes that share it. */
#pragma once

#include <igraph.h>

#include "metrics/weft-metrics.h"

G_BEGIN_DECLS

/* The three path costs. Each link weighs its own cost plus half the cost of
 * each end node, so a path between two GPUs (which cost nothing) weighs the
 * sum of its links and of every node it passes through. */
typedef enum
{
  WEFT_COST_SWITCH_HOPS,   /* a switch costs 1, a link 0 */
  WEFT_COST_LINK_HOPS,     /* a link costs 1 */
  WEFT_COST_LATENCY,       /* a switch its port-to-port ns, a link its media and propagation ns */
  WEFT_N_COSTS
} WeftCost;

typedef struct
{
  WeftFabric     *fabric;
  guint           n_nodes;
  guint           n_links;
  const WeftNode *nodes;
  const WeftLink *links;

  /* Compressed adjacency: node i's neighbours are adj_node[offsets[i] .. offsets[i+1]). */
  guint32        *offsets;
  guint32        *adj_node;
  guint32        *adj_link;

  guint8         *is_switch;
  double         *node_cost[WEFT_N_COSTS];
  double         *link_cost[WEFT_N_COSTS];   /* including half of each end */
  double         *capacity;                  /* count × speed, Gb/s */

  guint           n_gpus;
  guint32        *gpus;                      /* node indices of the GPUs */
  gint32 *server; /* per node: a server id unique to each GPU without one */
  double          injection_gbps;            /* scale-out capacity at all GPUs */
} WeftMetricsGraph;

WeftMetricsGraph *weft_metrics_graph_new   (WeftFabric         *fabric);
void              weft_metrics_graph_free  (WeftMetricsGraph   *graph);
/* The fabric as an undirected igraph graph, one edge per link record. */
igraph_error_t    weft_metrics_graph_to_igraph (const WeftMetricsGraph *graph,
                                                igraph_t               *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftMetricsGraph, weft_metrics_graph_free)

/* Progress of passes that may run at once, added up. */
typedef struct
{
  GMutex               lock;
  double               done;         /* of the whole, in [0, 1] */
  WeftMetricsProgress  progress;
  gpointer             progress_data;
} WeftMetricsTally;

typedef struct
{
  GCancellable        *cancellable;
  WeftMetricsTally    *tally;
  double               span;         /* this pass's share of the whole */
  double               reported;     /* how much of it it has reported */
} WeftMetricsTask;

/* Reports that the pass is @fraction done, and what it is doing. */
void     weft_metrics_task_report    (WeftMetricsTask  *task,
                                      double            fraction,
                                      const char       *stage);

void     weft_metrics_compute_bill   (WeftFabric       *fabric,
                                      WeftMetrics      *metrics);
gboolean weft_metrics_compute_hops   (WeftMetricsGraph *graph,
                                      WeftMetrics      *metrics,
                                      WeftMetricsTask  *task,
                                      GError          **error);
gboolean weft_metrics_compute_bisection (WeftMetricsGraph *graph,
                                         WeftMetrics      *metrics,
                                         WeftMetricsTask  *task,
                                         GError          **error);
gboolean weft_metrics_compute_resilience (WeftMetricsGraph *graph,
                                          WeftMetrics      *metrics,
                                          WeftMetricsTask  *task,
                                          GError          **error);

/* The exact capacity of the smallest cut separating the GPUs with side 0
 * from those with side 1, switches free; fills @switch_side when not NULL. */
gboolean weft_metrics_cut_capacity   (WeftMetricsGraph *graph,
                                      const guint8     *gpu_side,
                                      const guint8     *removed_node,
                                      double           *gbps,
                                      guint8           *switch_side,
                                      GError          **error);

/* Turns an igraph error code into a GError. */
gboolean weft_metrics_igraph_check   (igraph_error_t    code,
                                      const char       *what,
                                      GError          **error);

/* A binary heap of (cost, vertex) pairs with lazy deletion. */
typedef struct
{
  double  *keys;
  guint32 *values;
  guint    len;
  guint    allocated;
} WeftHeap;

void     weft_heap_push   (WeftHeap *heap,
                           double    key,
                           guint32   value);
gboolean weft_heap_pop    (WeftHeap *heap,
                           double   *key,
                           guint32  *value);
void     weft_heap_clear  (WeftHeap *heap);

G_END_DECLS
