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

/* Above this many latency classes, latency comes from a spread sample of
 * them as sources (against every target): exact rows, sampled sources. */
#define LATENCY_EXACT_MAX 4096
#define LATENCY_SAMPLE    512

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

/* GPUs alike as sources: the same exits at the same costs. */
typedef struct
{
  guint             n;
  GArray           *size;            /* guint64 GPUs per class */
  guint32          *offsets;         /* n + 1, into exits */
  ExitCost         *exits;
  guint32          *excl_offsets;    /* pairs in one server, per class */
  Special          *excl;
  guint32          *over_offsets;    /* pairs in one domain, other servers */
  Special          *over;
} ClassSet;

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
  guint             max_half;    /* the longest edge, in half hops */

  /* Latency classes tell apart GPUs whose cables differ; hop classes only
   * those whose hop counts do, so they are far fewer. */
  ClassSet          lat;
  ClassSet          hop;
  guint32          *lat_to_hop;
  guint32          *gpu_class;       /* per node (GPUs only): latency class */

  guint32          *latency_sources; /* latency classes whose rows are computed */
  guint             n_latency_sources;
  double           *row_latency;     /* per latency class: its row's sum, added up in order */
  guint64          *row_pairs;

  WeftMetricsTask  *task;
  gint              next_job;
  gint              done;
  gboolean          cancelled;
} Hops;

typedef struct
{
  Hops      *hops;
  gboolean   reports;
  GArray    *hist[2];          /* guint64 per hop count */
  guint64    reachable;
  guint64    unreachable;
  double     latency_min;
  double     latency_max;
  double    *dist[WEFT_N_COSTS];
  double    *row;              /* one value per class */
  gint64    *net;
  guint64   *seen;             /* multi-source BFS: sources that reached each vertex */
  guint64   *cur;
  guint64   *pending;          /* (max_half + 1) levels × vertices */
  guint16   *levels;           /* 64 sources × vertices */
  guint32   *iheap;            /* Dijkstra's indexed heap */
  guint32   *ipos;
  guint      ilen;
  GArray    *seeds;            /* guint64: level << 40 | vertex << 8 | source */
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
  GArray *class_offsets, *class_exits;
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

  hops->lat.size = g_array_new (FALSE, TRUE, sizeof (guint64));
  class_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  class_exits = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  hops->gpu_class = g_new (guint32, g->n_nodes);
  g_array_append_val (class_offsets, zero);

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

              hops->gpu_class[mem[k]] = hops->lat.n++;
              g_hash_table_insert (classes, g_bytes_ref (bytes),
                                   GUINT_TO_POINTER (hops->gpu_class[mem[k]]));
              g_array_append_vals (class_exits, key->data, key->len);
              end = class_exits->len;
              g_array_append_val (class_offsets, end);
              g_array_set_size (hops->lat.size, hops->lat.n);
            }
          g_array_index (hops->lat.size, guint64, hops->gpu_class[mem[k]])++;
        }
    }
  hops->lat.offsets = (guint32 *) g_array_free (class_offsets, FALSE);
  hops->lat.exits = (ExitCost *) g_array_free (class_exits, FALSE);
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
        {
          hops->r_half[c][e] = (guint32) lround (2 * hops->r_cost[c][e]);
          hops->max_half = MAX (hops->max_half, hops->r_half[c][e]);
        }
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
  hops->lat.excl = rows_of (excl, hops->lat.n, &hops->lat.excl_offsets);

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
  hops->lat.over = rows_of (over, hops->lat.n, &hops->lat.over_offsets);
  weft_heap_clear (&heap);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      g_free (dist[c]);
      g_array_unref (touched[c]);
    }
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Hop classes: latency classes that differ only in latency, merged. */
static void
group_hop_classes (Hops *hops)
{
  ClassSet *lat = &hops->lat, *hop = &hops->hop;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                        (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) exits = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (Special));
  g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (Special));
  g_autoptr(GArray) key = g_array_new (FALSE, FALSE, sizeof (double));
  guint32 zero = 0, end;

  hop->size = g_array_new (FALSE, TRUE, sizeof (guint64));
  hops->lat_to_hop = g_new (guint32, MAX (lat->n, 1));
  g_array_append_val (offsets, zero);
  for (guint a = 0; a < lat->n; a++)
    {
      g_autoptr(GBytes) bytes = NULL;
      gpointer found;

      g_array_set_size (key, 0);
      for (guint32 y = lat->offsets[a]; y < lat->offsets[a + 1]; y++)
        {
          double entry[3] = { lat->exits[y].exit, lat->exits[y].cost[0], lat->exits[y].cost[1] };

          g_array_append_vals (key, entry, 3);
        }
      bytes = g_bytes_new (key->data, key->len * sizeof (double));
      if (g_hash_table_lookup_extended (index, bytes, NULL, &found))
        hops->lat_to_hop[a] = GPOINTER_TO_UINT (found);
      else
        {
          hops->lat_to_hop[a] = hop->n++;
          g_hash_table_insert (index, g_steal_pointer (&bytes), GUINT_TO_POINTER (hops->lat_to_hop[a]));
          g_array_append_vals (exits, lat->exits + lat->offsets[a], lat->offsets[a + 1] - lat->offsets[a]);
          end = exits->len;
          g_array_append_val (offsets, end);
          g_array_set_size (hop->size, hop->n);
        }
      g_array_index (hop->size, guint64, hops->lat_to_hop[a]) += g_array_index (lat->size, guint64, a);
    }
  hop->offsets = (guint32 *) g_array_free (g_steal_pointer (&offsets), FALSE);
  hop->exits = (ExitCost *) g_array_free (g_steal_pointer (&exits), FALSE);

  /* The same pairs to leave out or correct, counted by hop class. */
  for (guint a = 0; a < lat->n; a++)
    {
      for (guint32 i = lat->excl_offsets[a]; i < lat->excl_offsets[a + 1]; i++)
        {
          guint32 x = hops->lat_to_hop[a], y = hops->lat_to_hop[lat->excl[i].other];
          guint64 pair = (guint64) x << 32 | y;
          gpointer found;

          if (g_hash_table_lookup_extended (table, &pair, NULL, &found))
            g_array_index (excl, Special, GPOINTER_TO_UINT (found)).count += lat->excl[i].count;
          else
            {
              Special special = { x, y, lat->excl[i].count };

              g_array_append_val (excl, special);
              g_hash_table_insert (table, g_memdup2 (&pair, sizeof pair), GUINT_TO_POINTER (excl->len - 1));
            }
        }
      for (guint32 i = lat->over_offsets[a]; i < lat->over_offsets[a + 1]; i++)
        {
          Special special = lat->over[i];

          special.owner = hops->lat_to_hop[a];
          special.other = hops->lat_to_hop[special.other];
          g_array_append_val (over, special);
        }
    }
  hop->excl = rows_of (excl, hop->n, &hop->excl_offsets);
  hop->over = rows_of (over, hop->n, &hop->over_offsets);
}

/* Every latency class as a source, or an even spread of them when there
 * are too many to afford (each row is still exact over all targets). */
static void
choose_latency_sources (Hops *hops)
{
  /* The test suite lowers the limit to reach the sampled path on small fabrics. */
  const char *limit = g_getenv ("WEFT_LATENCY_EXACT_MAX");
  guint exact_max = limit ? (guint) g_ascii_strtoull (limit, NULL, 10) : LATENCY_EXACT_MAX;
  guint n = hops->lat.n <= exact_max ? hops->lat.n : MIN (LATENCY_SAMPLE, MAX (exact_max / 2, 1));

  hops->n_latency_sources = n;
  hops->latency_sources = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    hops->latency_sources[i] = (guint32) ((guint64) i * hops->lat.n / n);
  hops->row_latency = g_new0 (double, MAX (hops->lat.n, 1));
  hops->row_pairs = g_new0 (guint64, MAX (hops->lat.n, 1));
}

/* An indexed binary heap over reduced vertices, keyed by @dist: each
 * vertex sits in it at most once and moves up when its distance drops,
 * far fewer operations than pushing a copy at every improvement. */
static void
heap_up (Worker       *worker,
         const double *dist,
         guint         i)
{
  guint32 *heap = worker->iheap, *pos = worker->ipos, v = heap[i];

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
heap_pop_min (Worker       *worker,
              const double *dist)
{
  guint32 *heap = worker->iheap, *pos = worker->ipos, top = heap[0], last;
  guint i = 0, n;

  pos[top] = WEFT_NONE;
  n = --worker->ilen;
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
heap_lower (Worker       *worker,
            double       *dist,
            guint32       v,
            double        d)
{
  dist[v] = d;
  if (worker->ipos[v] == WEFT_NONE)
    {
      worker->iheap[worker->ilen] = v;
      worker->ipos[v] = worker->ilen;
      heap_up (worker, dist, worker->ilen++);
    }
  else
    heap_up (worker, dist, worker->ipos[v]);
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

  for (guint i = 0; i < hops->n_red; i++)
    {
      dist[i] = INF;
      worker->ipos[i] = WEFT_NONE;
    }
  worker->ilen = 0;
  for (guint i = 0; i < n_sources; i++)
    if (sources[i].cost[cost] < dist[sources[i].exit])
      heap_lower (worker, dist, sources[i].exit, sources[i].cost[cost]);
  while (worker->ilen > 0)
    {
      guint32 v = heap_pop_min (worker, dist);
      double key = dist[v];

      for (guint32 e = hops->r_offsets[v]; e < hops->r_offsets[v + 1]; e++)
        {
          double d = key + weight[e];

          if (d < dist[hops->r_adj[e]])
            heap_lower (worker, dist, hops->r_adj[e], d);
        }
    }
}

/* One source's row against every class of @set: the best way in through
 * each target's exits, and how many pairs it stands for. */
static void
combine_row (const ClassSet *set,
             guint           a,
             const double   *dist,       /* at each reduced vertex, for @cost */
             WeftCost        cost,
             double         *row,
             gint64         *net)
{
  const guint64 *size = (const guint64 *) set->size->data;

  for (guint b = 0; b < set->n; b++)
    {
      double d = INF;

      for (guint32 y = set->offsets[b]; y < set->offsets[b + 1]; y++)
        if (dist[set->exits[y].exit] < INF)
          d = MIN (d, dist[set->exits[y].exit] + set->exits[y].cost[cost]);
      row[b] = d;
      net[b] = (gint64) (size[a] * size[b]) - (a == b ? (gint64) size[a] : 0);
    }
  for (guint32 i = set->excl_offsets[a]; i < set->excl_offsets[a + 1]; i++)
    net[set->excl[i].other] -= set->excl[i].count;
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    net[set->over[i].other] -= set->over[i].count;
}

static void
bump (GArray  *hist,
      double   hops,
      gint64   n)
{
  guint bucket = (guint) lround (hops);

  if (hist->len <= bucket)
    g_array_set_size (hist, bucket + 1);
  g_array_index (hist, guint64, bucket) += n;
}

/* Breadth-first search from up to 64 hop classes at once, one bit each
 * (Then et al., "The More the Merrier", 2014), over costs in half hops:
 * a vertex reached at level d by some sources passes them on to level
 * d + w along an edge of w half hops. @dist gets [source][vertex] levels. */
static void
multi_bfs (Hops           *hops,
           Worker         *worker,
           guint           first,
           guint           n_sources,
           WeftCost        cost)
{
  const ClassSet *set = &hops->hop;
  const guint32 *weight = hops->r_half[cost];
  guint n = hops->n_red, ring = hops->max_half + 1;
  guint64 *seen = worker->seen, *cur = worker->cur, *pending = worker->pending;
  guint16 *dist = worker->levels;
  guint remaining_seeds = 0, last_level = 0;

  memset (seen, 0, n * sizeof (guint64));
  memset (pending, 0, (gsize) ring * n * sizeof (guint64));
  for (guint s = 0; s < n_sources; s++)
    for (guint v = 0; v < n; v++)
      dist[s * n + v] = G_MAXUINT16;
  /* Seeds: each source's exits at their own costs, sorted by level. */
  g_array_set_size (worker->seeds, 0);
  for (guint s = 0; s < n_sources; s++)
    for (guint32 y = set->offsets[first + s]; y < set->offsets[first + s + 1]; y++)
      {
        guint32 level = (guint32) lround (2 * set->exits[y].cost[cost]);
        guint64 seed = (guint64) level << 40 | (guint64) set->exits[y].exit << 8 | s;

        g_array_append_val (worker->seeds, seed);
        last_level = MAX (last_level, level);
      }
  g_array_sort (worker->seeds, compare_u64);
  remaining_seeds = worker->seeds->len;

  for (guint level = 0, next_seed = 0, idle = 0; idle <= ring || remaining_seeds > 0; level++)
    {
      guint64 *slot = pending + (gsize) (level % ring) * n;
      gboolean any = FALSE;

      for (; next_seed < worker->seeds->len; next_seed++, remaining_seeds--)
        {
          guint64 seed = g_array_index (worker->seeds, guint64, next_seed);

          if ((seed >> 40) != level)
            break;
          slot[(seed >> 8) & 0xffffffff] |= G_GUINT64_CONSTANT (1) << (seed & 0xff);
        }
      for (guint v = 0; v < n; v++)
        {
          cur[v] = slot[v] & ~seen[v];
          slot[v] = 0;
          if (cur[v] == 0)
            continue;
          any = TRUE;
          seen[v] |= cur[v];
          for (guint64 bits = cur[v]; bits != 0; bits &= bits - 1)
            dist[(guint) __builtin_ctzll (bits) * n + v] = (guint16) MIN (level, G_MAXUINT16 - 1);
        }
      idle = any ? 0 : idle + 1;
      if (!any)
        continue;
      for (guint v = 0; v < n; v++)
        if (cur[v] != 0)
          for (guint32 e = hops->r_offsets[v]; e < hops->r_offsets[v + 1]; e++)
            pending[(gsize) ((level + weight[e]) % ring) * n + hops->r_adj[e]] |= cur[v];
    }
}

/* Rows of up to 64 hop classes: switch hops and link hops to every class. */
static void
hop_job (Hops   *hops,
         Worker *worker,
         guint   first)
{
  const ClassSet *set = &hops->hop;
  guint n_sources = MIN (64, set->n - first), n = hops->n_red;
  double *dist = worker->dist[0];

  for (guint c = 0; c < 2; c++)
    {
      multi_bfs (hops, worker, first, n_sources, c);
      for (guint s = 0; s < n_sources; s++)
        {
          guint a = first + s;

          for (guint v = 0; v < n; v++)
            dist[v] = worker->levels[s * n + v] == G_MAXUINT16 ? INF : worker->levels[s * n + v];
          /* Costs of the exits are in hops; levels in half hops. */
          for (guint v = 0; v < n; v++)
            dist[v] = dist[v] == INF ? INF : dist[v] / 2;
          combine_row (set, a, dist, c, worker->row, worker->net);
          for (guint b = 0; b < set->n; b++)
            if (worker->net[b] > 0)
              {
                if (worker->row[b] == INF)
                  worker->unreachable += c == 0 ? worker->net[b] : 0;
                else
                  {
                    bump (worker->hist[c], worker->row[b], worker->net[b]);
                    worker->reachable += c == 0 ? worker->net[b] : 0;
                  }
              }
          for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
            {
              const Special *sp = &set->over[i];
              double d = MIN (worker->row[sp->other], sp->intra[c]);

              if (d == INF)
                worker->unreachable += c == 0 ? sp->count : 0;
              else
                {
                  bump (worker->hist[c], d, sp->count);
                  worker->reachable += c == 0 ? sp->count : 0;
                }
            }
        }
    }
}

/* One latency class's row: a Dijkstra over the switches, then every class. */
static void
latency_job (Hops   *hops,
             Worker *worker,
             guint   a)
{
  const ClassSet *set = &hops->lat;
  double sum = 0;
  guint64 pairs = 0;

  reduced_dijkstra (hops, worker, set->exits + set->offsets[a], set->offsets[a + 1] - set->offsets[a],
                    WEFT_COST_LATENCY);
  combine_row (set, a, worker->dist[WEFT_COST_LATENCY], WEFT_COST_LATENCY, worker->row, worker->net);
  for (guint b = 0; b < set->n; b++)
    if (worker->net[b] > 0 && worker->row[b] < INF)
      {
        sum += worker->net[b] * worker->row[b];
        pairs += worker->net[b];
        worker->latency_min = MIN (worker->latency_min, worker->row[b]);
        worker->latency_max = MAX (worker->latency_max, worker->row[b]);
      }
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    {
      const Special *sp = &set->over[i];
      double d = MIN (worker->row[sp->other], sp->intra[WEFT_COST_LATENCY]);

      if (d == INF)
        continue;
      sum += sp->count * d;
      pairs += sp->count;
      worker->latency_min = MIN (worker->latency_min, d);
      worker->latency_max = MAX (worker->latency_max, d);
    }
  /* Summed per row and then in class order, so that threads never change
   * the last digit of the mean. */
  hops->row_latency[a] = sum;
  hops->row_pairs[a] = pairs;
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Hops *hops = worker->hops;
  guint n_hop_jobs = (hops->hop.n + 63) / 64;

  for (;;)
    {
      gint job = g_atomic_int_add (&hops->next_job, 1);
      gint done;

      if (job >= (gint) (n_hop_jobs + hops->n_latency_sources) || g_atomic_int_get (&hops->cancelled))
        break;
      if (g_cancellable_is_cancelled (hops->task->cancellable))
        {
          g_atomic_int_set (&hops->cancelled, TRUE);
          break;
        }
      if ((guint) job < n_hop_jobs)
        hop_job (hops, worker, job * 64);
      else
        latency_job (hops, worker, hops->latency_sources[job - n_hop_jobs]);
      done = g_atomic_int_add (&hops->done, 1) + 1;
      if (worker->reports && (done & 15) == 0)
        weft_metrics_task_report (hops->task, (double) done / (n_hop_jobs + hops->n_latency_sources),
                                  "Hop counts and latency");
    }
  return NULL;
}

static void
worker_init (Worker *worker,
             Hops   *hops)
{
  guint n = MAX (hops->n_red, 1), classes = MAX (MAX (hops->lat.n, hops->hop.n), 1);

  *worker = (Worker) { hops };
  worker->latency_min = INF;
  worker->latency_max = 0;
  for (guint h = 0; h < 2; h++)
    worker->hist[h] = g_array_new (FALSE, TRUE, sizeof (guint64));
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    worker->dist[c] = g_new (double, n);
  worker->row = g_new (double, classes);
  worker->net = g_new (gint64, classes);
  worker->seen = g_new (guint64, n);
  worker->cur = g_new (guint64, n);
  worker->pending = g_new (guint64, (gsize) (hops->max_half + 1) * n);
  worker->levels = g_new (guint16, 64 * (gsize) n);
  worker->iheap = g_new (guint32, n);
  worker->ipos = g_new (guint32, n);
  worker->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
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
  g_free (worker->seen);
  g_free (worker->cur);
  g_free (worker->pending);
  g_free (worker->levels);
  g_free (worker->iheap);
  g_free (worker->ipos);
  g_array_unref (worker->seeds);
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
  for (guint h = 0; h < stats->n_histogram; h++)
    {
      guint64 n = stats->histogram[h];

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
class_set_clear (ClassSet *set)
{
  g_clear_pointer (&set->size, g_array_unref);
  g_free (set->offsets);
  g_free (set->exits);
  g_free (set->excl_offsets);
  g_free (set->excl);
  g_free (set->over_offsets);
  g_free (set->over);
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
  class_set_clear (&hops->lat);
  class_set_clear (&hops->hop);
  g_free (hops->lat_to_hop);
  g_free (hops->gpu_class);
  g_free (hops->row_latency);
  g_free (hops->row_pairs);
  g_free (hops->latency_sources);
}

gboolean
weft_metrics_compute_hops (WeftMetricsGraph *graph,
                           WeftMetrics      *metrics,
                           WeftMetricsTask  *task,
                           GError          **error)
{
  Hops hops = { graph };
  g_autoptr(GArray) domain_edges = g_array_new (FALSE, FALSE, sizeof (DomainEdge));
  guint n_workers, n_jobs;
  g_autofree Worker *workers = NULL;
  g_autofree GThread **threads = NULL;
  Worker *total;
  guint64 latency_pairs = 0;
  double latency_sum = 0;
  guint n_comps;

  hops.task = task;
  n_comps = find_domains (&hops);
  classify (&hops, n_comps, domain_edges);
  build_reduced (&hops, domain_edges);
  find_special_pairs (&hops);
  group_hop_classes (&hops);
  choose_latency_sources (&hops);
  g_debug ("Hop counts: %u GPUs in %u hop classes and %u latency classes (%u as sources), "
           "%u switches in the reduced graph", graph->n_gpus, hops.hop.n, hops.lat.n,
           hops.n_latency_sources, hops.n_red);

  /* The rows are independent and touch no igraph: spread them over the cores. */
  n_jobs = (hops.hop.n + 63) / 64 + hops.n_latency_sources;
  n_workers = n_jobs < 8 ? 1 : CLAMP (g_get_num_processors (), 1, 8);
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
  for (guint i = 0; i < hops.n_latency_sources; i++)
    {
      latency_sum += hops.row_latency[hops.latency_sources[i]];
      latency_pairs += hops.row_pairs[hops.latency_sources[i]];
    }

  if (!hops.cancelled)
    {
      metrics->pairs = total->reachable + total->unreachable;
      metrics->unreachable_pairs = total->unreachable;
      hop_stats (&metrics->switch_hops, total->hist[0]);
      hop_stats (&metrics->link_hops, total->hist[1]);
      metrics->latency.min_ns = latency_pairs ? total->latency_min : 0;
      metrics->latency.max_ns = total->latency_max;
      metrics->latency.mean_ns = latency_pairs ? latency_sum / latency_pairs : 0;
      metrics->latency_classes = hops.lat.n;
      metrics->latency_sources = hops.n_latency_sources;
      metrics->computed |= WEFT_METRICS_HOPS;
    }
  for (guint w = 0; w < n_workers; w++)
    worker_clear (&workers[w]);
  hops_clear (&hops);
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  return TRUE;
}
