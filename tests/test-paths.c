/* test-paths.c — the shortest-path search the latency rows run on, in buckets and with a heap,
 * against a plain Dijkstra. */
#include "weft-test-util.h"

#include "metrics/weft-metrics-paths.h"

typedef struct
{
  guint    n;
  GArray  *offsets;   /* guint32 */
  GArray  *adj;       /* guint32 */
  GArray  *weight;    /* double */
} Graph;

/* An undirected random graph of @n vertices, each edge weighing lo..hi (some exactly lo). */
static void
graph_random (Graph  *graph,
              guint   n,
              guint   edges,
              double  lo,
              double  hi)
{
  g_autofree guint32 *from = g_new (guint32, edges), *to = g_new (guint32, edges);
  g_autofree double *w = g_new (double, edges);
  g_autofree guint32 *fill = NULL;
  guint32 *offsets;

  graph->n = n;
  graph->offsets = g_array_sized_new (FALSE, TRUE, sizeof (guint32), n + 1);
  g_array_set_size (graph->offsets, n + 1);
  offsets = (guint32 *) graph->offsets->data;
  for (guint e = 0; e < edges; e++)
    {
      from[e] = g_test_rand_int_range (0, n);
      to[e] = g_test_rand_int_range (0, n);
      w[e] = e % 7 == 0 ? lo : g_test_rand_double_range (lo, hi);
      offsets[from[e] + 1]++;
      offsets[to[e] + 1]++;
    }
  for (guint v = 0; v < n; v++)
    offsets[v + 1] += offsets[v];
  graph->adj = g_array_new (FALSE, FALSE, sizeof (guint32));
  graph->weight = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (graph->adj, offsets[n]);
  g_array_set_size (graph->weight, offsets[n]);
  fill = g_memdup2 (offsets, n * sizeof (guint32));
  for (guint e = 0; e < edges; e++)
    {
      guint32 a = fill[from[e]]++, b = fill[to[e]]++;

      g_array_index (graph->adj, guint32, a) = to[e];
      g_array_index (graph->weight, double, a) = w[e];
      g_array_index (graph->adj, guint32, b) = from[e];
      g_array_index (graph->weight, double, b) = w[e];
    }
}

static void
graph_clear (Graph *graph)
{
  g_array_unref (graph->offsets);
  g_array_unref (graph->adj);
  g_array_unref (graph->weight);
}

/* Dijkstra in its textbook O(n²) form. */
static void
reference (const Graph   *graph,
           const guint32 *sources,
           const double  *offsets,
           guint          n_sources,
           double        *dist)
{
  g_autofree gboolean *done = g_new0 (gboolean, graph->n);
  const guint32 *off = (const guint32 *) graph->offsets->data;

  for (guint v = 0; v < graph->n; v++)
    dist[v] = WEFT_FAR;
  for (guint s = 0; s < n_sources; s++)
    dist[sources[s]] = MIN (dist[sources[s]], offsets[s]);
  for (;;)
    {
      guint best = G_MAXUINT;

      for (guint v = 0; v < graph->n; v++)
        if (!done[v] && dist[v] < WEFT_FAR && (best == G_MAXUINT || dist[v] < dist[best]))
          best = v;
      if (best == G_MAXUINT)
        break;
      done[best] = TRUE;
      for (guint32 e = off[best]; e < off[best + 1]; e++)
        {
          guint32 u = g_array_index (graph->adj, guint32, e);

          dist[u] = MIN (dist[u], dist[best] + g_array_index (graph->weight, double, e));
        }
    }
}

/* Searches from random sets of sources, each at a random offset, agree with the reference. */
static void
check_searches (double   lo,
                double   hi,
                gboolean buckets)
{
  Graph graph;
  WeftPathGraph paths;
  WeftPathSearch search;
  double spread = 3 * hi;

  graph_random (&graph, 300, 900, lo, hi);
  weft_path_graph_init (&paths, graph.n, (const guint32 *) graph.offsets->data,
                        (const guint32 *) graph.adj->data, (const double *) graph.weight->data,
                        spread);
  weft_test_assert_igraph_clean ();
  g_assert_cmpint (paths.width > 0, ==, buckets);
  weft_path_search_init (&search, &paths);
  weft_test_assert_igraph_clean ();
  for (guint run = 0; run < 20; run++)
    {
      guint n_sources = g_test_rand_int_range (1, 6);
      guint32 sources[6];
      double offsets[6], expected[300];

      for (guint s = 0; s < n_sources; s++)
        {
          sources[s] = g_test_rand_int_range (0, graph.n);
          offsets[s] = g_test_rand_double_range (0, spread);
        }
      reference (&graph, sources, offsets, n_sources, expected);
      weft_path_search_run (&search, sources, offsets, n_sources);
      weft_test_assert_igraph_clean ();
      for (guint v = 0; v < graph.n; v++)
        if (expected[v] >= WEFT_FAR)
          g_assert_cmpfloat (search.dist[v], >=, WEFT_FAR);
        else
          g_assert_cmpfloat_with_epsilon (search.dist[v], expected[v], 1e-9 * expected[v] + 1e-12);
    }
  weft_path_search_clear (&search);
  weft_test_assert_igraph_clean ();
  graph_clear (&graph);
}

/* Weights of one order, like a fabric's link latencies: a short ring of buckets. */
static void
test_buckets (void)
{
  check_searches (250, 900, TRUE);
}

/* Weights a thousand times apart are still few buckets wide. */
static void
test_buckets_wide (void)
{
  check_searches (1, 1000, TRUE);
}

/* Weights spread further than the ring allows: the heap. */
static void
test_heap_spread (void)
{
  check_searches (0.001, 1e6, FALSE);
}

/* An edge of weight 0 leaves no bucket width: the heap. */
static void
test_heap_zero (void)
{
  check_searches (0, 10, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paths/buckets", test_buckets);
  g_test_add_func ("/paths/buckets-wide", test_buckets_wide);
  g_test_add_func ("/paths/heap-spread", test_heap_spread);
  g_test_add_func ("/paths/heap-zero", test_heap_zero);
  return g_test_run ();
}
