/* weft-metrics-domains.c — inside one scale-up domain: what each member pays to reach each exit
 * switch, and what crossing it costs.
 *
 * A domain is small (a server, an NVL72 rack): its members and exits get
 * their own little graph, searched from each exit for each cost. Domains
 * of a shape seen before (the servers of a rack, mostly) cost the same
 * inside, so their results are looked up, not searched again.
 */
#include "metrics/weft-metrics-domains.h"

#include <string.h>

#include "util/weft-key-index.h"
#include "util/weft-sort.h"
#include "metrics/weft-metrics-paths.h"

/* One domain at a time, numbered members first, then its exits. */
struct _WeftDomains
{
  const WeftMetricsGraph *graph;
  const guint32          *comp;
  guint32 *local; /* per node: its number in the domain at hand, or WEFT_NONE */
  GArray                 *exits;          /* guint32 nodes, in node order: the caller's */
  GArray                 *offsets;        /* guint32 */
  GArray                 *adj;            /* guint32 */
  GArray                 *weight;         /* double, WEFT_N_COSTS per edge */
  GArray                 *dist;           /* double */
  GArray                 *shape;          /* guint64: the domain's graph, exits unnamed */
  WeftHeap                heap;

  WeftKeyIndex            shape_index;    /* hash of a shape → its latest entry */
  GArray                 *shape_older;    /* guint32 per entry: an earlier one with the same hash */
  GArray                 *shape_offsets;  /* guint32 per entry + 1, into shapes */
  GArray                 *shapes;         /* guint64 */
  GArray                 *result_offsets; /* guint32 per entry + 1, into results */
  GArray *results; /* double: [exit][member][cost], then [exit][exit][cost] */
};

/* The domain's own graph: members and exits, the links of its members. */
static void
domain_graph (WeftDomains   *d,
              const guint32 *mem,
              guint          n_mem)
{
  const WeftMetricsGraph *g = d->graph;
  guint n_local = n_mem + d->exits->len;
  guint32 *offsets, *adj;
  double *weight;
  g_autofree guint32 *fill = NULL;

  for (guint k = 0; k < n_mem; k++)
    d->local[mem[k]] = k;
  for (guint x = 0; x < d->exits->len; x++)
    d->local[g_array_index (d->exits, guint32, x)] = n_mem + x;

  g_array_set_size (d->offsets, n_local + 1);
  offsets = (guint32 *) d->offsets->data;
  memset (offsets, 0, (n_local + 1) * sizeof (guint32));
  for (guint k = 0; k < n_mem; k++)
    for (guint32 e = g->offsets[mem[k]]; e < g->offsets[mem[k] + 1]; e++)
      {
        guint32 u = d->local[g->adj_node[e]];

        offsets[k + 1]++;
        if (u >= n_mem)
          offsets[u + 1]++;
      }
  for (guint i = 0; i < n_local; i++)
    offsets[i + 1] += offsets[i];
  g_array_set_size (d->adj, offsets[n_local]);
  g_array_set_size (d->weight, offsets[n_local] * WEFT_N_COSTS);
  adj = (guint32 *) d->adj->data;
  weight = (double *) d->weight->data;
  fill = g_memdup2 (offsets, n_local * sizeof (guint32));
  for (guint k = 0; k < n_mem; k++)
    for (guint32 e = g->offsets[mem[k]]; e < g->offsets[mem[k] + 1]; e++)
      {
        guint32 u = d->local[g->adj_node[e]];
        guint32 ends[2] = { k, u };

        for (guint s = 0; s < (u >= n_mem ? 2u : 1u); s++)
          {
            guint32 slot = fill[ends[s]]++;

            adj[slot] = ends[1 - s];
            for (guint c = 0; c < WEFT_N_COSTS; c++)
              weight[slot * WEFT_N_COSTS + c] = g->link_cost[c][g->adj_link[e]];
          }
      }
  g_array_set_size (d->dist, n_local);
}

/* Dijkstra in the domain's graph from exit @source: other exits are
 * reached, not crossed. */
static void
domain_dijkstra (WeftDomains *d,
                 guint        n_mem,
                 guint32      source,
                 WeftCost     cost)
{
  const guint32 *offsets = (const guint32 *) d->offsets->data,
                *adj = (const guint32 *) d->adj->data;
  const double *weight = (const double *) d->weight->data;
  double *dist = (double *) d->dist->data, key;
  guint32 v;

  for (guint i = 0; i < d->dist->len; i++)
    dist[i] = WEFT_FAR;
  dist[source] = 0;
  weft_heap_push (&d->heap, 0, source);
  while (weft_heap_pop (&d->heap, &key, &v))
    {
      if (key > dist[v] || (v >= n_mem && v != source))
        continue;
      for (guint32 e = offsets[v]; e < offsets[v + 1]; e++)
        {
          double to = key + weight[e * WEFT_N_COSTS + cost];

          if (to < dist[adj[e]])
            {
              dist[adj[e]] = to;
              weft_heap_push (&d->heap, to, adj[e]);
            }
        }
    }
}

/* The domain's graph as numbers: members, their kinds, edges and weights. */
static guint64
domain_shape (WeftDomains   *d,
              const guint32 *mem,
              guint          n_mem)
{
  const guint32 *offsets = (const guint32 *) d->offsets->data,
                *adj = (const guint32 *) d->adj->data;
  const double *weight = (const double *) d->weight->data;
  guint n_local = n_mem + d->exits->len, n_edges = offsets[n_local], len = 0;
  guint64 *shape, h;

  g_array_set_size (d->shape, 1 + n_mem + n_local + 1 + n_edges * (1 + WEFT_N_COSTS));
  shape = (guint64 *) d->shape->data;
  shape[len++] = (guint64) n_mem << 32 | d->exits->len;
  for (guint k = 0; k < n_mem; k++)
    shape[len++] = d->graph->nodes[mem[k]].kind;
  for (guint v = 0; v <= n_local; v++)
    shape[len++] = offsets[v];
  for (guint e = 0; e < n_edges; e++)
    shape[len++] = adj[e];
  for (guint e = 0; e < n_edges * WEFT_N_COSTS; e++)
    shape[len++] = weft_key_double (weight[e]);
  h = len;
  for (guint i = 0; i < len; i++)
    h = weft_key_fold (h, shape[i]);
  return weft_key_mix (h);
}

/* Searches from each exit: what each member pays to it, and the cost from
 * exit to exit through the domain, into @results. */
static void
search_domain (WeftDomains *d,
               guint        n_mem,
               double      *results)
{
  guint n_exits = d->exits->len;
  double *between = results + n_exits * n_mem * WEFT_N_COSTS;

  for (guint x = 0; x < n_exits; x++)
    for (guint cost = 0; cost < WEFT_N_COSTS; cost++)
      {
        const double *dist = (const double *) d->dist->data;

        domain_dijkstra (d, n_mem, n_mem + x, cost);
        for (guint k = 0; k < n_mem; k++)
          results[(x * n_mem + k) * WEFT_N_COSTS + cost] = dist[k];
        for (guint y = 0; y < n_exits; y++)
          between[(x * n_exits + y) * WEFT_N_COSTS + cost] = dist[n_mem + y];
      }
}

/* The results for this domain's shape, searched now if it is new. */
static const double *
domain_results (WeftDomains   *d,
                const guint32 *mem,
                guint          n_mem)
{
  guint32 *slot = weft_key_index_slot (&d->shape_index, domain_shape (d, mem, n_mem));
  guint n_exits = d->exits->len, len = d->shape->len, id, start, end;

  for (id = *slot; id != WEFT_KEY_EMPTY; id = g_array_index (d->shape_older, guint32, id))
    {
      guint32 from = g_array_index (d->shape_offsets, guint32, id);

      if (g_array_index (d->shape_offsets, guint32, id + 1) - from == len &&
          memcmp (&g_array_index (d->shapes, guint64, from), d->shape->data,
                  len * sizeof (guint64)) == 0)
        return &g_array_index (d->results, double, g_array_index (d->result_offsets, guint32, id));
    }
  id = d->shape_older->len;
  g_array_append_val (d->shape_older, *slot);
  *slot = id;
  g_array_append_vals (d->shapes, d->shape->data, len);
  end = d->shapes->len;
  g_array_append_val (d->shape_offsets, end);
  start = d->results->len;
  g_array_set_size (d->results, start + (n_mem + n_exits) * n_exits * WEFT_N_COSTS);
  end = d->results->len;
  g_array_append_val (d->result_offsets, end);
  search_domain (d, n_mem, &g_array_index (d->results, double, start));
  return &g_array_index (d->results, double, start);
}

WeftDomains *
weft_domains_new (const WeftMetricsGraph *graph,
                  const guint32          *comp)
{
  WeftDomains *d = g_new0 (WeftDomains, 1);

  d->graph = graph;
  d->comp = comp;
  d->local = g_new (guint32, MAX (graph->n_nodes, 1));
  for (guint i = 0; i < graph->n_nodes; i++)
    d->local[i] = WEFT_NONE;
  d->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  d->adj = g_array_new (FALSE, FALSE, sizeof (guint32));
  d->weight = g_array_new (FALSE, FALSE, sizeof (double));
  d->dist = g_array_new (FALSE, FALSE, sizeof (double));
  d->shape = g_array_new (FALSE, FALSE, sizeof (guint64));
  weft_key_index_init (&d->shape_index, 64);
  d->shape_older = g_array_new (FALSE, FALSE, sizeof (guint32));
  d->shape_offsets = g_array_new (FALSE, TRUE, sizeof (guint32));
  d->shapes = g_array_new (FALSE, FALSE, sizeof (guint64));
  d->result_offsets = g_array_new (FALSE, TRUE, sizeof (guint32));
  d->results = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (d->shape_offsets, 1);
  g_array_set_size (d->result_offsets, 1);
  return d;
}

void
weft_domains_free (WeftDomains *d)
{
  if (d == NULL)
    return;
  g_free (d->local);
  g_array_unref (d->offsets);
  g_array_unref (d->adj);
  g_array_unref (d->weight);
  g_array_unref (d->dist);
  g_array_unref (d->shape);
  weft_key_index_clear (&d->shape_index);
  g_array_unref (d->shape_older);
  g_array_unref (d->shape_offsets);
  g_array_unref (d->shapes);
  g_array_unref (d->result_offsets);
  g_array_unref (d->results);
  weft_heap_clear (&d->heap);
  g_free (d);
}

const double *
weft_domains_costs (WeftDomains   *d,
                    const guint32 *members,
                    guint          n_members,
                    GArray        *exits)
{
  const WeftMetricsGraph *g = d->graph;
  const double *costs;

  g_array_set_size (exits, 0);
  for (guint k = 0; k < n_members; k++)
    for (guint32 e = g->offsets[members[k]]; e < g->offsets[members[k] + 1]; e++)
      {
        guint32 u = g->adj_node[e];

        if (d->comp[u] == WEFT_NONE && d->local[u] == WEFT_NONE)
          {
            d->local[u] = 0;
            g_array_append_val (exits, u);
          }
      }
  g_array_sort (exits, weft_compare_u32);

  /* A domain no scale-out switch touches (a GPU alone, or one whose links
   * have all failed) has no exit: nothing to search and an empty table.
   * Its results would be a zero-length run of an array never allocated,
   * and a pointer into that is NULL plus an offset, which C leaves
   * undefined; the callers get a valid pointer they read nothing from. */
  if (exits->len == 0)
    {
      static const double no_costs[1] = { WEFT_FAR };

      return no_costs;
    }

  d->exits = exits;
  domain_graph (d, members, n_members);
  costs = domain_results (d, members, n_members);

  for (guint k = 0; k < n_members; k++)
    d->local[members[k]] = WEFT_NONE;
  for (guint x = 0; x < exits->len; x++)
    d->local[g_array_index (exits, guint32, x)] = WEFT_NONE;
  d->exits = NULL;
  return costs;
}
