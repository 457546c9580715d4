/* weft-metrics-paths.c — shortest paths from a set of sources over the switch graph, run many
 * times.
 *
 * Dijkstra's order only matters between vertices closer together than the
 * lightest edge: with buckets that wide, every vertex in the lowest bucket
 * is already final (no path through another vertex of the same bucket can
 * be shorter), so a bucket is settled as a whole, in any order, and no heap
 * is needed (Dinic 1978; the bucket idea of Dial 1969). Link latencies in a
 * fabric are all of one order — a switch's hundreds of nanoseconds plus a
 * cable's tens — so the ring of buckets stays short. When the weights
 * spread too far for that, an indexed binary heap does the same job.
 */
#include "metrics/weft-metrics-paths.h"

#include "util/weft-key-index.h"

/* More buckets than this and the ring costs more than a heap would. */
#define MAX_BUCKETS 4096

void
weft_path_graph_init (WeftPathGraph *graph,
                      guint          n,
                      const guint32 *offsets,
                      const guint32 *adj,
                      const double  *weight,
                      double         source_spread)
{
  double lightest = G_MAXDOUBLE, heaviest = source_spread;
  double span;

  *graph = (WeftPathGraph) { n, offsets, adj, weight };
  for (guint32 e = 0; e < offsets[n]; e++)
    {
      lightest = MIN (lightest, weight[e]);
      heaviest = MAX (heaviest, weight[e]);
    }
  if (offsets[n] == 0 || lightest <= 0)
    return;
  /* A hair under the lightest edge, so rounding never puts a vertex in the
   * bucket it was relaxed from. */
  graph->width = lightest * (1 - 1e-9);
  span = heaviest / graph->width + 2;
  if (span > MAX_BUCKETS)
    graph->width = 0;
  else
    graph->n_buckets = (guint) span + 1;
}

void
weft_path_search_init (WeftPathSearch      *search,
                       const WeftPathGraph *graph)
{
  guint n = MAX (graph->n, 1), entries = graph->offsets[graph->n] + n;

  *search = (WeftPathSearch) { graph };
  search->dist = g_new (double, n);
  search->settled = g_new (guint8, n);
  if (graph->width > 0)
    {
      search->head = g_new (guint32, graph->n_buckets);
      search->entry_vertex = g_new (guint32, entries);
      search->entry_next = g_new (guint32, entries);
    }
  else
    {
      search->heap = g_new (guint32, n);
      search->pos = g_new (guint32, n);
    }
}

void
weft_path_search_clear (WeftPathSearch *search)
{
  g_free (search->dist);
  g_free (search->settled);
  g_free (search->head);
  g_free (search->entry_vertex);
  g_free (search->entry_next);
  g_free (search->heap);
  g_free (search->pos);
}

static void
run_buckets (WeftPathSearch *search,
             const guint32  *sources,
             const double   *offsets,
             guint           n_sources)
{
  const WeftPathGraph *g = search->graph;
  const double scale = 1 / g->width;
  double *dist = search->dist;
  guint8 *settled = search->settled;
  guint32 *head = search->head, *entry_vertex = search->entry_vertex,
          *entry_next = search->entry_next;
  guint32 n_entries = 0;
  guint64 pending = 0, first = G_MAXUINT64;

  for (guint b = 0; b < g->n_buckets; b++)
    head[b] = WEFT_KEY_EMPTY;
  for (guint s = 0; s < n_sources; s++)
    if (offsets[s] < dist[sources[s]])
      {
        guint64 bucket = (guint64) (offsets[s] * scale);
        guint slot = bucket % g->n_buckets;

        dist[sources[s]] = offsets[s];
        entry_vertex[n_entries] = sources[s];
        entry_next[n_entries] = head[slot];
        head[slot] = n_entries++;
        pending++;
        first = MIN (first, bucket);
      }

  for (guint64 bucket = first; pending > 0; bucket++)
    {
      guint slot = bucket % g->n_buckets;
      guint32 entry = head[slot];

      head[slot] = WEFT_KEY_EMPTY;
      for (; entry != WEFT_KEY_EMPTY; entry = entry_next[entry])
        {
          guint32 v = entry_vertex[entry];
          double base;

          pending--;
          if (settled[v])
            continue;
          settled[v] = 1;
          base = dist[v];
          for (guint32 e = g->offsets[v]; e < g->offsets[v + 1]; e++)
            {
              guint32 u = g->adj[e];
              double d = base + g->weight[e];

              if (d < dist[u])
                {
                  guint64 to = MAX ((guint64) (d * scale), bucket + 1);
                  guint to_slot = to % g->n_buckets;

                  dist[u] = d;
                  entry_vertex[n_entries] = u;
                  entry_next[n_entries] = head[to_slot];
                  head[to_slot] = n_entries++;
                  pending++;
                }
            }
        }
    }
}

/* The heap: each vertex in it at most once, moving up when its distance drops. */
static void
heap_up (WeftPathSearch *search,
         guint           i)
{
  guint32 *heap = search->heap, *pos = search->pos, v = heap[i];
  const double *dist = search->dist;

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (dist[heap[parent]] <= dist[v])
        break;
      heap[i] = heap[parent];
      pos[heap[i]] = i;
      i = parent;
    }
  heap[i] = v;
  pos[v] = i;
}

static guint32
heap_pop (WeftPathSearch *search)
{
  guint32 *heap = search->heap, *pos = search->pos, top = heap[0], last;
  const double *dist = search->dist;
  guint i = 0, n = --search->heap_len;

  pos[top] = WEFT_KEY_EMPTY;
  if (n == 0)
    return top;
  last = heap[n];
  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= n)
        break;
      if (child + 1 < n && dist[heap[child + 1]] < dist[heap[child]])
        child++;
      if (dist[last] <= dist[heap[child]])
        break;
      heap[i] = heap[child];
      pos[heap[i]] = i;
      i = child;
    }
  heap[i] = last;
  pos[last] = i;
  return top;
}

static void
heap_lower (WeftPathSearch *search,
            guint32         v,
            double          d)
{
  search->dist[v] = d;
  if (search->pos[v] == WEFT_KEY_EMPTY)
    {
      search->heap[search->heap_len] = v;
      search->pos[v] = search->heap_len;
      heap_up (search, search->heap_len++);
    }
  else
    heap_up (search, search->pos[v]);
}

static void
run_heap (WeftPathSearch *search,
          const guint32  *sources,
          const double   *offsets,
          guint           n_sources)
{
  const WeftPathGraph *g = search->graph;

  for (guint v = 0; v < g->n; v++)
    search->pos[v] = WEFT_KEY_EMPTY;
  search->heap_len = 0;
  for (guint s = 0; s < n_sources; s++)
    if (offsets[s] < search->dist[sources[s]])
      heap_lower (search, sources[s], offsets[s]);
  while (search->heap_len > 0)
    {
      guint32 v = heap_pop (search);
      double base = search->dist[v];

      for (guint32 e = g->offsets[v]; e < g->offsets[v + 1]; e++)
        if (base + g->weight[e] < search->dist[g->adj[e]])
          heap_lower (search, g->adj[e], base + g->weight[e]);
    }
}

void
weft_path_search_run (WeftPathSearch *search,
                      const guint32  *sources,
                      const double   *offsets,
                      guint           n_sources)
{
  const WeftPathGraph *g = search->graph;

  for (guint v = 0; v < g->n; v++)
    {
      search->dist[v] = WEFT_FAR;
      search->settled[v] = 0;
    }
  if (g->width > 0)
    run_buckets (search, sources, offsets, n_sources);
  else
    run_heap (search, sources, offsets, n_sources);
}
