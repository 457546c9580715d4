/* weft-metrics-hops.c — switch hops, link hops and latency over all GPU pairs, one shortest-path pass per class of alike GPUs.
 *
 * A GPU reaches the scale-out fabric through its scale-up domain (the
 * component of GPUs and scale-up switches it belongs to): it pays some cost
 * inside the domain to get to each exit switch the domain touches. GPUs
 * that see the same exits at the same costs — every GPU of one rail under
 * one leaf, every GPU behind one edge switch — have identical distance rows,
 * so one multi-source Dijkstra per such class over the switches alone
 * (domains become edges between their exits) gives every pair exactly.
 * Pairs in one server are left out; pairs in one domain but different
 * servers (NVL72) also get the path that stays inside the domain.
 */
#include "weft-metrics-private.h"

#include <math.h>
#include <string.h>

#include "weft-union-find.h"

#define INF G_MAXDOUBLE

typedef struct
{
  guint32 exit;                  /* reduced vertex */
  double  cost[WEFT_N_COSTS];
} ExitCost;

/* A pair of classes whose row entry needs a correction. */
typedef struct
{
  guint32 owner;                 /* class of the first GPU */
  guint32 other;                 /* class of the second */
  guint32 count;                 /* pairs to leave out */
  double  intra[WEFT_N_COSTS];   /* for a pair in one domain: the costs inside it */
} Special;

typedef struct
{
  WeftMetricsGraph *graph;
  guint32          *comp;        /* per node: its domain, or WEFT_NONE for a scale-out switch */
  guint32          *rid;         /* per node: reduced vertex, or WEFT_NONE */
  guint             n_red;

  guint32          *r_offsets;   /* the reduced graph: switches, domains as edges */
  guint32          *r_adj;
  double           *r_cost[WEFT_N_COSTS];
  guint32          *r_half[2];   /* hop costs in half hops: every hop cost is a multiple of ½ */

  guint             n_classes;
  GArray           *class_size;      /* guint64 */
  GArray           *class_offsets;   /* guint32, n_classes + 1 */
  GArray           *class_exits;     /* ExitCost */
  guint32          *gpu_class;       /* per node (GPUs only) */

  guint32          *excl_offsets;    /* pairs in one server, per class */
  Special          *excl;
  guint32          *over_offsets;    /* pairs in one domain, other servers */
  Special          *over;

  double           *row_latency;     /* per class: its row's latency sum, added up in order */

  WeftMetricsTask  *task;
  gint              next_class;
  gint              done;
  gboolean          cancelled;
} Hops;

typedef struct
{
  Hops     *hops;
  gboolean  reports;
  GArray   *hist[2];          /* guint64 per hop count */
  guint64   reachable;
  guint64   unreachable;
  double    latency_sum;
  double    latency_min;
  double    latency_max;
  double   *dist[WEFT_N_COSTS];
  double   *row;               /* n_classes × WEFT_N_COSTS */
  gint64   *net;
  WeftHeap  heap;
  guint32  *half_dist;         /* hop counts in half hops, for the bucket queue */
  GPtrArray *buckets;          /* GArray of guint32 per distance in half hops */
} Worker;

static inline gboolean
in_domain (WeftNodeKind kind)
{
  return kind == WEFT_NODE_GPU || kind == WEFT_NODE_NVSWITCH;
}

/* Domains: union-find over links joining GPUs and scale-up switches. */
static guint
find_domains (Hops *hops)
{
  WeftMetricsGraph *g = hops->graph;
  g_autofree guint32 *parent = weft_union_find_new (g->n_nodes);
  g_autofree guint32 *number = g_new (guint32, g->n_nodes);
  guint n_comps = 0;

  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];

      if (in_domain (g->nodes[l->a].kind) && in_domain (g->nodes[l->b].kind))
        weft_union_find_join (parent, l->a, l->b);
    }
  for (guint i = 0; i < g->n_nodes; i++)
    number[i] = WEFT_NONE;
  hops->comp = g_new (guint32, g->n_nodes);
  hops->rid = g_new (guint32, g->n_nodes);
  for (guint i = 0; i < g->n_nodes; i++)
    {
      hops->rid[i] = WEFT_NONE;
      hops->comp[i] = WEFT_NONE;
      if (in_domain (g->nodes[i].kind))
        {
          guint32 root = weft_union_find_root (parent, i);

          if (number[root] == WEFT_NONE)
            number[root] = n_comps++;
          hops->comp[i] = number[root];
        }
      else
        hops->rid[i] = hops->n_red++;
    }
  return n_comps;
}

/* Dijkstra inside one domain from @source, with the domain's exits as
 * terminals when @exits_too. @source may be an exit: it then only steps
 * into the domain. Visited vertices are appended to @touched. */
static void
domain_dijkstra (Hops     *hops,
                 guint32   domain,
                 guint32   source,
                 WeftCost  cost,
                 gboolean  exits_too,
                 double   *dist,
                 GArray   *touched,
                 WeftHeap *heap)
{
  WeftMetricsGraph *g = hops->graph;
  double key;
  guint32 v;

  dist[source] = 0;
  g_array_append_val (touched, source);
  weft_heap_push (heap, 0, source);
  while (weft_heap_pop (heap, &key, &v))
    {
      if (key > dist[v])
        continue;
      if (v != source && hops->comp[v] != domain)
        continue;   /* an exit: reached, not crossed */
      for (guint32 e = g->offsets[v]; e < g->offsets[v + 1]; e++)
        {
          guint32 u = g->adj_node[e];
          double d = key + g->link_cost[cost][g->adj_link[e]];

          if (hops->comp[u] != domain && (!exits_too || hops->comp[v] != domain ||
                                          hops->comp[u] != WEFT_NONE))
            continue;
          if (d < dist[u])
            {
              if (dist[u] == INF)
                g_array_append_val (touched, u);
              dist[u] = d;
              weft_heap_push (heap, d, u);
            }
        }
    }
}

static void
reset_touched (double *dist,
               GArray *touched)
{
  for (guint i = 0; i < touched->len; i++)
    dist[g_array_index (touched, guint32, i)] = INF;
  g_array_set_size (touched, 0);
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  guint64 key;
  double  cost[WEFT_N_COSTS];
} DomainEdge;

static void
add_domain_edge (GHashTable   *edges,
                 GArray       *list,
                 guint32       x,
                 guint32       y,
                 const double *cost)
{
  guint64 key = (guint64) x << 32 | y;
  gpointer found;

  if (g_hash_table_lookup_extended (edges, &key, NULL, &found))
    {
      DomainEdge *edge = &g_array_index (list, DomainEdge, GPOINTER_TO_UINT (found));

      for (guint c = 0; c < WEFT_N_COSTS; c++)
        edge->cost[c] = MIN (edge->cost[c], cost[c]);
    }
  else
    {
      DomainEdge edge = { key };

      memcpy (edge.cost, cost, sizeof edge.cost);
      g_array_append_val (list, edge);
      g_hash_table_insert (edges, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (list->len - 1));
    }
}

/* Exits, classes and the domain edges of the reduced graph. */
static void
classify (Hops   *hops,
          guint   n_comps,
          GArray *domain_edges)
{
  WeftMetricsGraph *g = hops->graph;
  g_autofree guint32 *member_offsets = g_new0 (guint32, n_comps + 1);
  g_autofree guint32 *members = g_new (guint32, g->n_nodes);
  g_autofree guint32 *fill = NULL;
  g_autofree guint32 *stamp = g_new (guint32, g->n_nodes);
  g_autoptr(GHashTable) classes = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                          (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) exits = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  double *dist[WEFT_N_COSTS] = { NULL };
  WeftHeap heap = { 0 };
  guint32 zero = 0;

  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      dist[c] = g_new (double, g->n_nodes);
      for (guint i = 0; i < g->n_nodes; i++)
        dist[c][i] = INF;
    }
  for (guint i = 0; i < g->n_nodes; i++)
    {
      stamp[i] = WEFT_NONE;
      if (hops->comp[i] != WEFT_NONE)
        member_offsets[hops->comp[i] + 1]++;
    }
  for (guint c = 0; c < n_comps; c++)
    member_offsets[c + 1] += member_offsets[c];
  fill = g_memdup2 (member_offsets, n_comps * sizeof (guint32));
  for (guint i = 0; i < g->n_nodes; i++)
    if (hops->comp[i] != WEFT_NONE)
      members[fill[hops->comp[i]]++] = i;

  hops->class_size = g_array_new (FALSE, TRUE, sizeof (guint64));
  hops->class_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  hops->class_exits = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  hops->gpu_class = g_new (guint32, g->n_nodes);
  g_array_append_val (hops->class_offsets, zero);

  for (guint c = 0; c < n_comps; c++)
    {
      const guint32 *mem = members + member_offsets[c];
      guint n_mem = member_offsets[c + 1] - member_offsets[c];

      /* The exits this domain touches. */
      g_array_set_size (exits, 0);
      for (guint k = 0; k < n_mem; k++)
        for (guint32 e = g->offsets[mem[k]]; e < g->offsets[mem[k] + 1]; e++)
          {
            guint32 u = g->adj_node[e];

            if (hops->comp[u] == WEFT_NONE && stamp[u] != c)
              {
                stamp[u] = c;
                g_array_append_val (exits, u);
              }
          }
      /* Reduced ids follow node order, so this is reduced-vertex order too. */
      g_array_sort (exits, compare_u32);

      /* costs[(x × n_mem + k) × N + cost]: from exit x to member k. */
      g_array_set_size (costs, exits->len * n_mem * WEFT_N_COSTS);
      for (guint x = 0; x < exits->len; x++)
        {
          guint32 exit_node = g_array_index (exits, guint32, x);
          guint32 exit_rid = hops->rid[exit_node];
          for (guint cost = 0; cost < WEFT_N_COSTS; cost++)
            {
              domain_dijkstra (hops, c, exit_node, cost, TRUE, dist[cost], touched, &heap);
              for (guint k = 0; k < n_mem; k++)
                g_array_index (costs, double, (x * n_mem + k) * WEFT_N_COSTS + cost) =
                  dist[cost][mem[k]];
              for (guint y = 0; y < touched->len; y++)
                {
                  guint32 u = g_array_index (touched, guint32, y);

                  if (hops->comp[u] == WEFT_NONE && u != exit_node)
                    {
                      double edge_cost[WEFT_N_COSTS] = { INF, INF, INF };

                      edge_cost[cost] = dist[cost][u];
                      add_domain_edge (edges, domain_edges, exit_rid, hops->rid[u], edge_cost);
                    }
                }
              reset_touched (dist[cost], touched);
            }
        }

      /* Each GPU's class: the exits it sees and what each costs. */
      for (guint k = 0; k < n_mem; k++)
        {
          g_autoptr(GBytes) bytes = NULL;
          gpointer found;

          if (g->nodes[mem[k]].kind != WEFT_NODE_GPU)
            continue;
          g_array_set_size (key, 0);
          for (guint x = 0; x < exits->len; x++)
            {
              ExitCost ec = { hops->rid[g_array_index (exits, guint32, x)] };

              for (guint cost = 0; cost < WEFT_N_COSTS; cost++)
                ec.cost[cost] = g_array_index (costs, double, (x * n_mem + k) * WEFT_N_COSTS + cost);
              if (ec.cost[0] < INF)
                g_array_append_val (key, ec);
            }
          bytes = g_bytes_new (key->data, key->len * sizeof (ExitCost));
          if (g_hash_table_lookup_extended (classes, bytes, NULL, &found))
            hops->gpu_class[mem[k]] = GPOINTER_TO_UINT (found);
          else
            {
              guint32 end;

              hops->gpu_class[mem[k]] = hops->n_classes++;
              g_hash_table_insert (classes, g_bytes_ref (bytes),
                                   GUINT_TO_POINTER (hops->gpu_class[mem[k]]));
              g_array_append_vals (hops->class_exits, key->data, key->len);
              end = hops->class_exits->len;
              g_array_append_val (hops->class_offsets, end);
              g_array_set_size (hops->class_size, hops->n_classes);
            }
          g_array_index (hops->class_size, guint64, hops->gpu_class[mem[k]])++;
        }
    }
  weft_heap_clear (&heap);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    g_free (dist[c]);
}

/* The switches, joined by their own links and by the domains between them. */
static void
build_reduced (Hops   *hops,
               GArray *domain_edges)
{
  WeftMetricsGraph *g = hops->graph;
  g_autofree guint32 *fill = NULL;
  guint n = hops->n_red;
  guint m = 0;

  hops->r_offsets = g_new0 (guint32, n + 1);
  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];

      if (hops->rid[l->a] != WEFT_NONE && hops->rid[l->b] != WEFT_NONE)
        {
          hops->r_offsets[hops->rid[l->a] + 1]++;
          hops->r_offsets[hops->rid[l->b] + 1]++;
          m += 2;
        }
    }
  for (guint i = 0; i < domain_edges->len; i++)
    hops->r_offsets[(g_array_index (domain_edges, DomainEdge, i).key >> 32) + 1]++;
  m += domain_edges->len;
  for (guint i = 0; i < n; i++)
    hops->r_offsets[i + 1] += hops->r_offsets[i];
  hops->r_adj = g_new (guint32, MAX (m, 1));
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    hops->r_cost[c] = g_new (double, MAX (m, 1));
  fill = g_memdup2 (hops->r_offsets, MAX (n, 1) * sizeof (guint32));

  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];
      guint32 ends[2] = { hops->rid[l->a], hops->rid[l->b] };

      if (ends[0] == WEFT_NONE || ends[1] == WEFT_NONE)
        continue;
      for (guint s = 0; s < 2; s++)
        {
          guint32 slot = fill[ends[s]]++;

          hops->r_adj[slot] = ends[1 - s];
          for (guint c = 0; c < WEFT_N_COSTS; c++)
            hops->r_cost[c][slot] = g->link_cost[c][i];
        }
    }
  for (guint i = 0; i < domain_edges->len; i++)
    {
      const DomainEdge *edge = &g_array_index (domain_edges, DomainEdge, i);
      guint32 slot = fill[edge->key >> 32]++;

      hops->r_adj[slot] = (guint32) edge->key;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        hops->r_cost[c][slot] = edge->cost[c];
    }
  for (guint c = 0; c < 2; c++)
    {
      hops->r_half[c] = g_new (guint32, MAX (m, 1));
      for (guint e = 0; e < m; e++)
        hops->r_half[c][e] = (guint32) lround (2 * hops->r_cost[c][e]);
    }
}

static void
add_special (GHashTable *table,
             GArray     *list,
             guint32     a,
             guint32     b)
{
  guint64 key = (guint64) a << 32 | b;
  gpointer found;

  if (g_hash_table_lookup_extended (table, &key, NULL, &found))
    g_array_index (list, Special, GPOINTER_TO_UINT (found)).count++;
  else
    {
      Special special = { a, b, 1 };

      g_array_append_val (list, special);
      g_hash_table_insert (table, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (list->len - 1));
    }
}

/* Groups @list into rows by owning class. */
static Special *
rows_of (GArray   *list,
         guint     n_classes,
         guint32 **offsets)
{
  Special *rows = g_new (Special, MAX (list->len, 1));
  g_autofree guint32 *fill = NULL;

  *offsets = g_new0 (guint32, n_classes + 1);
  for (guint i = 0; i < list->len; i++)
    (*offsets)[g_array_index (list, Special, i).owner + 1]++;
  for (guint i = 0; i < n_classes; i++)
    (*offsets)[i + 1] += (*offsets)[i];
  fill = g_memdup2 (*offsets, MAX (n_classes, 1) * sizeof (guint32));
  for (guint i = 0; i < list->len; i++)
    {
      Special *s = &g_array_index (list, Special, i);

      rows[fill[s->owner]++] = *s;
    }
  return rows;
}

static int
compare_by_server (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const gint32 *server = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (server[x] != server[y])
    return server[x] < server[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Pairs the class rows must leave out (one server) or correct (one domain, two servers). */
static void
find_special_pairs (Hops *hops)
{
  WeftMetricsGraph *g = hops->graph;
  g_autofree guint32 *order = g_memdup2 (g->gpus, MAX (g->n_gpus, 1) * sizeof (guint32));
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (Special));
  g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (Special));
  g_autoptr(GHashTable) domain_server = g_hash_table_new (NULL, NULL);
  GArray *touched[WEFT_N_COSTS];
  double *dist[WEFT_N_COSTS] = { NULL };
  g_autoptr(GHashTable) spanning = g_hash_table_new (NULL, NULL);
  WeftHeap heap = { 0 };

  g_qsort_with_data (order, g->n_gpus, sizeof (guint32), compare_by_server, g->server);
  for (guint i = 0; i < g->n_gpus;)
    {
      guint j = i;

      while (j < g->n_gpus && g->server[order[j]] == g->server[order[i]])
        j++;
      for (guint x = i; x < j; x++)
        for (guint y = i; y < j; y++)
          if (x != y)
            add_special (table, excl, hops->gpu_class[order[x]], hops->gpu_class[order[y]]);
      i = j;
    }
  hops->excl = rows_of (excl, hops->n_classes, &hops->excl_offsets);

  /* Domains spanning several servers: the path that stays inside may be shorter. */
  for (guint i = 0; i < g->n_gpus; i++)
    {
      guint32 node = g->gpus[i];
      gpointer key = GUINT_TO_POINTER (hops->comp[node] + 1), first;

      if (!g_hash_table_lookup_extended (domain_server, key, NULL, &first))
        g_hash_table_insert (domain_server, key, GINT_TO_POINTER (g->server[node]));
      else if (GPOINTER_TO_INT (first) != g->server[node])
        g_hash_table_add (spanning, key);
    }
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      touched[c] = g_array_new (FALSE, FALSE, sizeof (guint32));
      dist[c] = g_new (double, g->n_nodes);
      for (guint i = 0; i < g->n_nodes; i++)
        dist[c][i] = INF;
    }
  for (guint i = 0; i < g->n_gpus && g_hash_table_size (spanning) > 0; i++)
    {
      guint32 from = g->gpus[i];

      if (!g_hash_table_contains (spanning, GUINT_TO_POINTER (hops->comp[from] + 1)))
        continue;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        domain_dijkstra (hops, hops->comp[from], from, c, FALSE, dist[c], touched[c], &heap);
      for (guint t = 0; t < touched[0]->len; t++)
        {
          guint32 to = g_array_index (touched[0], guint32, t);
          Special special = { hops->gpu_class[from], hops->gpu_class[to], 1 };

          if (g->nodes[to].kind != WEFT_NODE_GPU || g->server[to] == g->server[from])
            continue;
          for (guint c = 0; c < WEFT_N_COSTS; c++)
            special.intra[c] = dist[c][to];
          g_array_append_val (over, special);
        }
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        reset_touched (dist[c], touched[c]);
    }
  hops->over = rows_of (over, hops->n_classes, &hops->over_offsets);
  weft_heap_clear (&heap);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      g_free (dist[c]);
      g_array_unref (touched[c]);
    }
}

static void
bucket_push (GPtrArray *buckets,
             guint32    key,
             guint32    vertex)
{
  while (buckets->len <= key)
    g_ptr_array_add (buckets, g_array_new (FALSE, FALSE, sizeof (guint32)));
  g_array_append_val ((GArray *) g_ptr_array_index (buckets, key), vertex);
}

/* Dijkstra for the hop counts, whose costs are whole half hops: a bucket
 * queue (Dial's algorithm) does it in linear time. */
static void
reduced_buckets (Hops           *hops,
                 Worker         *worker,
                 const ExitCost *sources,
                 guint           n_sources,
                 WeftCost        cost)
{
  guint32 *dist = worker->half_dist;
  const guint32 *weight = hops->r_half[cost];
  GPtrArray *buckets = worker->buckets;

  for (guint i = 0; i < hops->n_red; i++)
    dist[i] = G_MAXUINT32;
  for (guint i = 0; i < n_sources; i++)
    {
      guint32 key = (guint32) lround (2 * sources[i].cost[cost]);

      if (key < dist[sources[i].exit])
        {
          dist[sources[i].exit] = key;
          bucket_push (buckets, key, sources[i].exit);
        }
    }
  for (guint32 key = 0; key < buckets->len; key++)
    {
      for (guint i = 0; i < ((GArray *) g_ptr_array_index (buckets, key))->len; i++)
        {
          guint32 v = g_array_index ((GArray *) g_ptr_array_index (buckets, key), guint32, i);

          if (dist[v] != key)
            continue;
          for (guint32 e = hops->r_offsets[v]; e < hops->r_offsets[v + 1]; e++)
            {
              guint32 d = key + weight[e];

              if (d < dist[hops->r_adj[e]])
                {
                  dist[hops->r_adj[e]] = d;
                  bucket_push (buckets, d, hops->r_adj[e]);
                }
            }
        }
      g_array_set_size (g_ptr_array_index (buckets, key), 0);
    }
  for (guint i = 0; i < hops->n_red; i++)
    worker->dist[cost][i] = dist[i] == G_MAXUINT32 ? INF : dist[i] / 2.0;
}

static void
reduced_dijkstra (Hops           *hops,
                  Worker         *worker,
                  const ExitCost *sources,
                  guint           n_sources,
                  WeftCost        cost)
{
  double *dist = worker->dist[cost];
  const double *weight = hops->r_cost[cost];
  double key;
  guint32 v;

  for (guint i = 0; i < hops->n_red; i++)
    dist[i] = INF;
  for (guint i = 0; i < n_sources; i++)
    if (sources[i].cost[cost] < dist[sources[i].exit])
      {
        dist[sources[i].exit] = sources[i].cost[cost];
        weft_heap_push (&worker->heap, sources[i].cost[cost], sources[i].exit);
      }
  while (weft_heap_pop (&worker->heap, &key, &v))
    {
      if (key > dist[v])
        continue;
      for (guint32 e = hops->r_offsets[v]; e < hops->r_offsets[v + 1]; e++)
        {
          double d = key + weight[e];

          if (d < dist[hops->r_adj[e]])
            {
              dist[hops->r_adj[e]] = d;
              weft_heap_push (&worker->heap, d, hops->r_adj[e]);
            }
        }
    }
}

static void
count_pairs (Worker       *worker,
             const double *d,
             gint64        n)
{
  if (n <= 0)
    return;
  if (d[WEFT_COST_SWITCH_HOPS] == INF)
    {
      worker->unreachable += n;
      return;
    }
  for (guint h = 0; h < 2; h++)
    {
      guint bucket = (guint) lround (d[h]);

      if (worker->hist[h]->len <= bucket)
        g_array_set_size (worker->hist[h], bucket + 1);
      g_array_index (worker->hist[h], guint64, bucket) += n;
    }
  worker->reachable += n;
  worker->latency_sum += n * d[WEFT_COST_LATENCY];
  worker->latency_min = MIN (worker->latency_min, d[WEFT_COST_LATENCY]);
  worker->latency_max = MAX (worker->latency_max, d[WEFT_COST_LATENCY]);
}

static void
class_row (Hops   *hops,
           Worker *worker,
           guint   a)
{
  const guint32 *offsets = (const guint32 *) hops->class_offsets->data;
  const ExitCost *exits = (const ExitCost *) hops->class_exits->data;
  const guint64 *size = (const guint64 *) hops->class_size->data;

  reduced_buckets (hops, worker, exits + offsets[a], offsets[a + 1] - offsets[a], WEFT_COST_SWITCH_HOPS);
  reduced_buckets (hops, worker, exits + offsets[a], offsets[a + 1] - offsets[a], WEFT_COST_LINK_HOPS);
  reduced_dijkstra (hops, worker, exits + offsets[a], offsets[a + 1] - offsets[a], WEFT_COST_LATENCY);

  for (guint b = 0; b < hops->n_classes; b++)
    {
      double *d = worker->row + (gsize) b * WEFT_N_COSTS;

      for (guint c = 0; c < WEFT_N_COSTS; c++)
        {
          const double *dist = worker->dist[c];

          d[c] = INF;
          for (guint32 y = offsets[b]; y < offsets[b + 1]; y++)
            if (dist[exits[y].exit] < INF)
              d[c] = MIN (d[c], dist[exits[y].exit] + exits[y].cost[c]);
        }
      worker->net[b] = (gint64) (size[a] * size[b]) - (a == b ? (gint64) size[a] : 0);
    }
  for (guint32 i = hops->excl_offsets[a]; i < hops->excl_offsets[a + 1]; i++)
    worker->net[hops->excl[i].other] -= hops->excl[i].count;
  for (guint32 i = hops->over_offsets[a]; i < hops->over_offsets[a + 1]; i++)
    worker->net[hops->over[i].other] -= hops->over[i].count;
  for (guint b = 0; b < hops->n_classes; b++)
    count_pairs (worker, worker->row + (gsize) b * WEFT_N_COSTS, worker->net[b]);
  for (guint32 i = hops->over_offsets[a]; i < hops->over_offsets[a + 1]; i++)
    {
      const Special *s = &hops->over[i];
      const double *via = worker->row + (gsize) s->other * WEFT_N_COSTS;
      double d[WEFT_N_COSTS];

      for (guint c = 0; c < WEFT_N_COSTS; c++)
        d[c] = MIN (via[c], s->intra[c]);
      count_pairs (worker, d, s->count);
    }
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Hops *hops = worker->hops;

  for (;;)
    {
      gint a = g_atomic_int_add (&hops->next_class, 1);
      gint done;

      if (a >= (gint) hops->n_classes || g_atomic_int_get (&hops->cancelled))
        break;
      if (g_cancellable_is_cancelled (hops->task->cancellable))
        {
          g_atomic_int_set (&hops->cancelled, TRUE);
          break;
        }
      worker->latency_sum = 0;
      class_row (hops, worker, a);
      /* Summed per row and then in class order, so that threads never
       * change the last digit of the mean. */
      hops->row_latency[a] = worker->latency_sum;
      done = g_atomic_int_add (&hops->done, 1) + 1;
      if (worker->reports && (done & 63) == 0)
        weft_metrics_task_report (hops->task, (double) done / hops->n_classes, "Hop counts");
    }
  return NULL;
}

static void
worker_init (Worker *worker,
             Hops   *hops)
{
  *worker = (Worker) { hops };
  worker->latency_min = INF;
  worker->latency_max = 0;
  for (guint h = 0; h < 2; h++)
    worker->hist[h] = g_array_new (FALSE, TRUE, sizeof (guint64));
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    worker->dist[c] = g_new (double, MAX (hops->n_red, 1));
  worker->row = g_new (double, MAX (hops->n_classes, 1) * (gsize) WEFT_N_COSTS);
  worker->net = g_new (gint64, MAX (hops->n_classes, 1));
  worker->half_dist = g_new (guint32, MAX (hops->n_red, 1));
  worker->buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

static void
worker_clear (Worker *worker)
{
  for (guint h = 0; h < 2; h++)
    g_array_unref (worker->hist[h]);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    g_free (worker->dist[c]);
  g_free (worker->row);
  g_free (worker->net);
  g_free (worker->half_dist);
  g_ptr_array_unref (worker->buckets);
  weft_heap_clear (&worker->heap);
}

static void
hop_stats (WeftHopStats *stats,
           GArray       *hist)
{
  double sum = 0;
  guint64 pairs = 0;

  stats->n_histogram = hist->len;
  stats->histogram = g_memdup2 (hist->data, MAX (hist->len, 1) * sizeof (guint64));
  stats->min = 0;
  stats->max = 0;
  for (guint h = 0; h < hist->len; h++)
    {
      guint64 n = g_array_index (hist, guint64, h);

      if (n == 0)
        continue;
      if (pairs == 0)
        stats->min = h;
      stats->max = h;
      pairs += n;
      sum += (double) h * n;
    }
  stats->mean = pairs ? sum / pairs : 0;
}

static void
hops_clear (Hops *hops)
{
  g_free (hops->comp);
  g_free (hops->rid);
  g_free (hops->r_offsets);
  g_free (hops->r_adj);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    g_free (hops->r_cost[c]);
  for (guint c = 0; c < 2; c++)
    g_free (hops->r_half[c]);
  g_clear_pointer (&hops->class_size, g_array_unref);
  g_clear_pointer (&hops->class_offsets, g_array_unref);
  g_clear_pointer (&hops->class_exits, g_array_unref);
  g_free (hops->gpu_class);
  g_free (hops->excl_offsets);
  g_free (hops->excl);
  g_free (hops->over_offsets);
  g_free (hops->over);
  g_free (hops->row_latency);
}

gboolean
weft_metrics_compute_hops (WeftMetricsGraph *graph,
                           WeftMetrics      *metrics,
                           WeftMetricsTask  *task,
                           GError          **error)
{
  Hops hops = { graph };
  g_autoptr(GArray) domain_edges = g_array_new (FALSE, FALSE, sizeof (DomainEdge));
  guint n_workers;
  g_autofree Worker *workers = NULL;
  g_autofree GThread **threads = NULL;
  Worker *total;
  guint n_comps;

  hops.task = task;
  n_comps = find_domains (&hops);
  classify (&hops, n_comps, domain_edges);
  build_reduced (&hops, domain_edges);
  find_special_pairs (&hops);
  hops.row_latency = g_new0 (double, MAX (hops.n_classes, 1));
  g_debug ("Hop counts: %u GPUs in %u classes, %u switches in the reduced graph",
           graph->n_gpus, hops.n_classes, hops.n_red);

  /* The rows are independent and touch no igraph: spread them over the cores. */
  n_workers = hops.n_classes < 64 ? 1 : CLAMP (g_get_num_processors (), 1, 8);
  workers = g_new (Worker, n_workers);
  threads = g_new0 (GThread *, n_workers);
  for (guint w = 0; w < n_workers; w++)
    worker_init (&workers[w], &hops);
  workers[0].reports = TRUE;
  for (guint w = 1; w < n_workers; w++)
    threads[w] = g_thread_new ("weft-hops", worker_run, &workers[w]);
  worker_run (&workers[0]);
  for (guint w = 1; w < n_workers; w++)
    g_thread_join (threads[w]);

  total = &workers[0];
  for (guint w = 1; w < n_workers; w++)
    {
      for (guint h = 0; h < 2; h++)
        {
          GArray *from = workers[w].hist[h];

          if (total->hist[h]->len < from->len)
            g_array_set_size (total->hist[h], from->len);
          for (guint i = 0; i < from->len; i++)
            g_array_index (total->hist[h], guint64, i) += g_array_index (from, guint64, i);
        }
      total->reachable += workers[w].reachable;
      total->unreachable += workers[w].unreachable;
      total->latency_min = MIN (total->latency_min, workers[w].latency_min);
      total->latency_max = MAX (total->latency_max, workers[w].latency_max);
    }

  total->latency_sum = 0;
  for (guint a = 0; a < hops.n_classes; a++)
    total->latency_sum += hops.row_latency[a];
  if (!hops.cancelled)
    {
      metrics->pairs = total->reachable + total->unreachable;
      metrics->unreachable_pairs = total->unreachable;
      hop_stats (&metrics->switch_hops, total->hist[0]);
      hop_stats (&metrics->link_hops, total->hist[1]);
      metrics->latency.min_ns = total->reachable ? total->latency_min : 0;
      metrics->latency.max_ns = total->latency_max;
      metrics->latency.mean_ns = total->reachable ? total->latency_sum / total->reachable : 0;
      metrics->computed |= WEFT_METRICS_HOPS;
    }
  for (guint w = 0; w < n_workers; w++)
    worker_clear (&workers[w]);
  hops_clear (&hops);
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  return TRUE;
}
