/* weft-metrics-classes.c — GPUs with identical distance rows, grouped, and the switch graph their
 * rows run over.
 *
 * A GPU reaches the scale-out fabric through its scale-up domain (the
 * component of GPUs and scale-up switches it belongs to): it pays some cost
 * inside the domain to get to each exit switch the domain touches. GPUs
 * that see the same exits at the same costs — every GPU of one rail under
 * one leaf, every GPU behind one edge switch — have identical distance rows,
 * so one pass per such class over the switches alone (domains become edges
 * between their exits) gives every pair exactly. Pairs in one server are
 * left out; pairs in one domain but different servers (NVL72) also get the
 * path that stays inside the domain.
 */
#include "metrics/weft-metrics-classes.h"

#include <math.h>

#include "util/weft-key-index.h"
#include "metrics/weft-metrics-domains.h"
#include "metrics/weft-metrics-paths.h"
#include "util/weft-union-find.h"

typedef struct
{
  guint32 exit;                  /* reduced vertex */
  double  cost[WEFT_N_COSTS];
} ExitCost;

typedef struct
{
  guint64 key;                   /* from << 32 | to, reduced vertices */
  double  cost[WEFT_N_COSTS];
} DomainEdge;

/* Classes as they are found: runs of exits, found again by their hash. */
typedef struct
{
  guint         n;
  guint         n_costs;         /* the costs that tell classes apart */
  GArray       *offsets;         /* guint32, n + 1 */
  GArray       *exits;           /* ExitCost */
  GArray       *size;            /* guint64 */
  GArray       *older;           /* guint32 per class: an earlier class with the same hash */
  WeftKeyIndex  index;           /* hash → the latest class with it */
} ClassBuilder;

typedef struct
{
  WeftMetricsGraph *graph;
  WeftClasses      *classes;
  guint32          *comp;        /* per node: its domain, or WEFT_NONE for a scale-out switch */
  guint32          *rid;         /* per node: reduced vertex, or WEFT_NONE */
  guint             n_comps;
  guint32          *member_offsets;
  guint32          *members;     /* the nodes of each domain, in node order */
  guint32          *gpu_class;   /* per node (GPUs only): latency class */
  GArray           *domain_edges;
  WeftKeyIndex      domain_edge_index;
} Builder;

static inline gboolean
in_domain (WeftNodeKind kind)
{
  return kind == WEFT_NODE_GPU || kind == WEFT_NODE_NVSWITCH;
}

/* Domains: union-find over links joining GPUs and scale-up switches. */
static void
find_domains (Builder *b)
{
  WeftMetricsGraph *g = b->graph;
  g_autofree guint32 *parent = weft_union_find_new (g->n_nodes);
  g_autofree guint32 *number = g_new (guint32, MAX (g->n_nodes, 1));
  g_autofree guint32 *fill = NULL;

  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];

      if (in_domain (g->nodes[l->a].kind) && in_domain (g->nodes[l->b].kind))
        weft_union_find_join (parent, l->a, l->b);
    }
  b->comp = g_new (guint32, MAX (g->n_nodes, 1));
  b->rid = g_new (guint32, MAX (g->n_nodes, 1));
  for (guint i = 0; i < g->n_nodes; i++)
    number[i] = WEFT_NONE;
  for (guint i = 0; i < g->n_nodes; i++)
    {
      b->rid[i] = WEFT_NONE;
      b->comp[i] = WEFT_NONE;
      if (in_domain (g->nodes[i].kind))
        {
          guint32 root = weft_union_find_root (parent, i);

          if (number[root] == WEFT_NONE)
            number[root] = b->n_comps++;
          b->comp[i] = number[root];
        }
      else
        b->rid[i] = b->classes->n_red++;
    }

  b->member_offsets = g_new0 (guint32, b->n_comps + 1);
  b->members = g_new (guint32, MAX (g->n_nodes, 1));
  for (guint i = 0; i < g->n_nodes; i++)
    if (b->comp[i] != WEFT_NONE)
      b->member_offsets[b->comp[i] + 1]++;
  for (guint c = 0; c < b->n_comps; c++)
    b->member_offsets[c + 1] += b->member_offsets[c];
  fill = g_memdup2 (b->member_offsets, (b->n_comps + 1) * sizeof (guint32));
  for (guint i = 0; i < g->n_nodes; i++)
    if (b->comp[i] != WEFT_NONE)
      b->members[fill[b->comp[i]]++] = i;
}

static guint64
exits_hash (const ExitCost *exits,
            guint           len,
            guint           n_costs)
{
  guint64 h = len;

  for (guint i = 0; i < len; i++)
    {
      h = weft_key_fold (h, exits[i].exit);
      for (guint c = 0; c < n_costs; c++)
        h = weft_key_fold (h, weft_key_double (exits[i].cost[c]));
    }
  return weft_key_mix (h);
}

static gboolean
exits_equal (const ExitCost *a,
             const ExitCost *b,
             guint           len,
             guint           n_costs)
{
  for (guint i = 0; i < len; i++)
    {
      if (a[i].exit != b[i].exit)
        return FALSE;
      for (guint c = 0; c < n_costs; c++)
        if (weft_key_double (a[i].cost[c]) != weft_key_double (b[i].cost[c]))
          return FALSE;
    }
  return TRUE;
}

static void
class_builder_init (ClassBuilder *cb,
                    guint         n_costs)
{
  guint32 zero = 0;

  *cb = (ClassBuilder) { 0, n_costs };
  cb->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  cb->exits = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  cb->size = g_array_new (FALSE, FALSE, sizeof (guint64));
  cb->older = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (cb->offsets, zero);
  weft_key_index_init (&cb->index, 64);
}

/* The class with exactly these exits, new if there is none; @count more GPUs in it. */
static guint32
class_builder_add (ClassBuilder   *cb,
                   const ExitCost *exits,
                   guint           len,
                   guint64         count)
{
  guint32 *slot = weft_key_index_slot (&cb->index, exits_hash (exits, len, cb->n_costs));
  const guint32 *offsets = (const guint32 *) cb->offsets->data;
  guint32 id, end;

  for (id = *slot; id != WEFT_KEY_EMPTY; id = g_array_index (cb->older, guint32, id))
    if (offsets[id + 1] - offsets[id] == len &&
        (len == 0 ||
         exits_equal (&g_array_index (cb->exits, ExitCost, offsets[id]), exits, len, cb->n_costs)))
      {
        g_array_index (cb->size, guint64, id) += count;
        return id;
      }
  id = cb->n++;
  g_array_append_val (cb->older, *slot);
  *slot = id;
  g_array_append_vals (cb->exits, exits, len);
  end = cb->exits->len;
  g_array_append_val (cb->offsets, end);
  g_array_append_val (cb->size, count);
  return id;
}

/* Into a class set, exits still as reduced vertices. */
static void
class_builder_finish (ClassBuilder *cb,
                      WeftClassSet *set)
{
  guint len = cb->exits->len;

  set->n = cb->n;
  set->size = (guint64 *) g_array_free (cb->size, FALSE);
  set->offsets = (guint32 *) g_array_free (cb->offsets, FALSE);
  set->exit = g_new (guint32, MAX (len, 1));
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    set->cost[c] = g_new (double, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      const ExitCost *ec = &g_array_index (cb->exits, ExitCost, i);

      set->exit[i] = ec->exit;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        set->cost[c][i] = ec->cost[c];
    }
  g_array_unref (cb->exits);
  g_array_unref (cb->older);
  weft_key_index_clear (&cb->index);
}

static void
add_domain_edge (Builder      *b,
                 guint32       from,
                 guint32       to,
                 const double *cost)
{
  guint32 *slot = weft_key_index_slot (&b->domain_edge_index, (guint64) from << 32 | to);
  DomainEdge *edge;

  if (*slot == WEFT_KEY_EMPTY)
    {
      *slot = b->domain_edges->len;
      g_array_append_vals (b->domain_edges, &(DomainEdge) { (guint64) from << 32 | to,
                                                            { WEFT_FAR, WEFT_FAR, WEFT_FAR } }, 1);
    }
  edge = &g_array_index (b->domain_edges, DomainEdge, *slot);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    edge->cost[c] = MIN (edge->cost[c], cost[c]);
}

/* One domain: the edges it makes between its exits, and each GPU's class. */
static void
classify_domain (Builder      *b,
                 WeftDomains  *domains,
                 ClassBuilder *lat,
                 guint         c,
                 GArray       *exits,
                 GArray       *key)
{
  WeftMetricsGraph *g = b->graph;
  const guint32 *mem = b->members + b->member_offsets[c];
  guint n_mem = b->member_offsets[c + 1] - b->member_offsets[c], n_exits;
  const double *costs = weft_domains_costs (domains, mem, n_mem, exits), *between;

  n_exits = exits->len;
  between = costs + n_exits * n_mem * WEFT_N_COSTS;
  for (guint x = 0; x < n_exits; x++)
    for (guint y = 0; y < n_exits; y++)
      if (y != x && between[(x * n_exits + y) * WEFT_N_COSTS] < WEFT_FAR)
        add_domain_edge (b, b->rid[g_array_index (exits, guint32, x)],
                         b->rid[g_array_index (exits, guint32, y)],
                         between + (x * n_exits + y) * WEFT_N_COSTS);

  /* Each GPU's class: the exits it sees and what each costs. */
  for (guint k = 0; k < n_mem; k++)
    {
      if (g->nodes[mem[k]].kind != WEFT_NODE_GPU)
        continue;
      g_array_set_size (key, 0);
      for (guint x = 0; x < n_exits; x++)
        {
          ExitCost ec = { b->rid[g_array_index (exits, guint32, x)] };

          for (guint cost = 0; cost < WEFT_N_COSTS; cost++)
            ec.cost[cost] = costs[(x * n_mem + k) * WEFT_N_COSTS + cost];
          if (ec.cost[0] < WEFT_FAR)
            g_array_append_val (key, ec);
        }
      b->gpu_class[mem[k]] = class_builder_add (lat, (const ExitCost *) key->data, key->len, 1);
    }
}

static void
classify (Builder *b)
{
  g_autoptr(WeftDomains) domains = weft_domains_new (b->graph, b->comp);
  g_autoptr(GArray) exits = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) key = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  ClassBuilder lat;

  b->gpu_class = g_new (guint32, MAX (b->graph->n_nodes, 1));
  b->domain_edges = g_array_new (FALSE, FALSE, sizeof (DomainEdge));
  weft_key_index_init (&b->domain_edge_index, 1024);
  class_builder_init (&lat, WEFT_N_COSTS);
  for (guint c = 0; c < b->n_comps; c++)
    classify_domain (b, domains, &lat, c, exits, key);
  class_builder_finish (&lat, &b->classes->lat);
  weft_key_index_clear (&b->domain_edge_index);
}

/* The switches, joined by their own links and by the domains between them. */
static void
build_reduced (Builder *b)
{
  WeftMetricsGraph *g = b->graph;
  WeftClasses *cl = b->classes;
  g_autofree guint32 *fill = NULL;
  guint n = cl->n_red;
  guint m = 0;

  cl->r_offsets = g_new0 (guint32, n + 1);
  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];

      if (b->rid[l->a] != WEFT_NONE && b->rid[l->b] != WEFT_NONE)
        {
          cl->r_offsets[b->rid[l->a] + 1]++;
          cl->r_offsets[b->rid[l->b] + 1]++;
          m += 2;
        }
    }
  for (guint i = 0; i < b->domain_edges->len; i++)
    cl->r_offsets[(g_array_index (b->domain_edges, DomainEdge, i).key >> 32) + 1]++;
  m += b->domain_edges->len;
  for (guint i = 0; i < n; i++)
    cl->r_offsets[i + 1] += cl->r_offsets[i];
  cl->r_adj = g_new (guint32, MAX (m, 1));
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    cl->r_cost[c] = g_new (double, MAX (m, 1));
  fill = g_memdup2 (cl->r_offsets, MAX (n, 1) * sizeof (guint32));

  for (guint i = 0; i < g->n_links; i++)
    {
      const WeftLink *l = &g->links[i];
      guint32 ends[2] = { b->rid[l->a], b->rid[l->b] };

      if (ends[0] == WEFT_NONE || ends[1] == WEFT_NONE)
        continue;
      for (guint s = 0; s < 2; s++)
        {
          guint32 slot = fill[ends[s]]++;

          cl->r_adj[slot] = ends[1 - s];
          for (guint c = 0; c < WEFT_N_COSTS; c++)
            cl->r_cost[c][slot] = g->link_cost[c][i];
        }
    }
  for (guint i = 0; i < b->domain_edges->len; i++)
    {
      const DomainEdge *edge = &g_array_index (b->domain_edges, DomainEdge, i);
      guint32 slot = fill[edge->key >> 32]++;

      cl->r_adj[slot] = (guint32) edge->key;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        cl->r_cost[c][slot] = edge->cost[c];
    }
  for (guint c = 0; c < 2; c++)
    {
      cl->r_half[c] = g_new (guint32, MAX (m, 1));
      for (guint e = 0; e < m; e++)
        {
          cl->r_half[c][e] = (guint32) lround (2 * cl->r_cost[c][e]);
          cl->max_half = MAX (cl->max_half, cl->r_half[c][e]);
        }
    }
}

/* Adds @count to the pair (@owner, @other) of @list, found through @index. */
static WeftClassPair *
count_pair (WeftKeyIndex *index,
            GArray       *list,
            guint32       owner,
            guint32       other,
            guint32       count)
{
  guint32 *slot = weft_key_index_slot (index, (guint64) owner << 32 | other);
  WeftClassPair *pair;

  if (*slot == WEFT_KEY_EMPTY)
    {
      *slot = list->len;
      g_array_append_vals (list, &(WeftClassPair) { owner, other }, 1);
    }
  pair = &g_array_index (list, WeftClassPair, *slot);
  pair->count += count;
  return pair;
}

/* Groups @list into rows by owning class. */
static WeftClassPair *
rows_of (GArray   *list,
         guint     n_classes,
         guint32 **offsets)
{
  WeftClassPair *rows = g_new (WeftClassPair, MAX (list->len, 1));
  g_autofree guint32 *fill = NULL;

  *offsets = g_new0 (guint32, n_classes + 1);
  for (guint i = 0; i < list->len; i++)
    (*offsets)[g_array_index (list, WeftClassPair, i).owner + 1]++;
  for (guint i = 0; i < n_classes; i++)
    (*offsets)[i + 1] += (*offsets)[i];
  fill = g_memdup2 (*offsets, MAX (n_classes, 1) * sizeof (guint32));
  for (guint i = 0; i < list->len; i++)
    {
      const WeftClassPair *pair = &g_array_index (list, WeftClassPair, i);

      rows[fill[pair->owner]++] = *pair;
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

/* Dijkstra inside one domain from GPU @source over the whole graph's links. */
static void
inside_dijkstra (Builder  *b,
                 guint32   domain,
                 guint32   source,
                 WeftCost  cost,
                 double   *dist,
                 GArray   *touched,
                 WeftHeap *heap)
{
  WeftMetricsGraph *g = b->graph;
  double key;
  guint32 v;

  dist[source] = 0;
  g_array_append_val (touched, source);
  weft_heap_push (heap, 0, source);
  while (weft_heap_pop (heap, &key, &v))
    {
      if (key > dist[v])
        continue;
      for (guint32 e = g->offsets[v]; e < g->offsets[v + 1]; e++)
        {
          guint32 u = g->adj_node[e];
          double d = key + g->link_cost[cost][g->adj_link[e]];

          if (b->comp[u] == domain && d < dist[u])
            {
              if (dist[u] == WEFT_FAR)
                g_array_append_val (touched, u);
              dist[u] = d;
              weft_heap_push (heap, d, u);
            }
        }
    }
}

/* Pairs of GPUs in one server, counted by class: the rows leave them out. */
static void
exclude_server_pairs (Builder *b)
{
  WeftMetricsGraph *g = b->graph;
  WeftClassSet *lat = &b->classes->lat;
  g_autofree guint32 *order = g_memdup2 (g->gpus, MAX (g->n_gpus, 1) * sizeof (guint32));
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (WeftClassPair));
  WeftKeyIndex index;

  weft_key_index_init (&index, 1024);
  g_qsort_with_data (order, g->n_gpus, sizeof (guint32), compare_by_server, g->server);
  for (guint i = 0; i < g->n_gpus;)
    {
      guint j = i;

      while (j < g->n_gpus && g->server[order[j]] == g->server[order[i]])
        j++;
      for (guint x = i; x < j; x++)
        for (guint y = i; y < j; y++)
          if (x != y)
            count_pair (&index, excl, b->gpu_class[order[x]], b->gpu_class[order[y]], 1);
      i = j;
    }
  lat->excl = rows_of (excl, lat->n, &lat->excl_offsets);
  weft_key_index_clear (&index);
}

/* Marks in @spanning the domains whose GPUs are in more than one server;
 * whether there are any. */
static gboolean
find_spanning_domains (Builder *b,
                       guint8  *spanning)
{
  WeftMetricsGraph *g = b->graph;
  g_autofree gint32 *first_server = g_new (gint32, MAX (b->n_comps, 1));
  g_autofree guint8 *seen = g_new0 (guint8, MAX (b->n_comps, 1));
  gboolean any_spanning = FALSE;

  for (guint i = 0; i < g->n_gpus; i++)
    {
      guint32 node = g->gpus[i], c = b->comp[node];

      if (!seen[c])
        {
          seen[c] = 1;
          first_server[c] = g->server[node];
        }
      else if (first_server[c] != g->server[node])
        any_spanning = spanning[c] = 1;
    }
  return any_spanning;
}

/* From GPU @from, the GPUs of its domain in other servers and what each
 * costs by the path inside; @dist and @touched are left clear. */
static void
add_inside_pairs_from (Builder  *b,
                       guint32   from,
                       double  **dist,
                       GArray  **touched,
                       WeftHeap *heap,
                       GArray   *over)
{
  WeftMetricsGraph *g = b->graph;

  for (guint c = 0; c < WEFT_N_COSTS; c++)
    inside_dijkstra (b, b->comp[from], from, c, dist[c], touched[c], heap);
  for (guint t = 0; t < touched[0]->len; t++)
    {
      guint32 to = g_array_index (touched[0], guint32, t);
      WeftClassPair pair = { b->gpu_class[from], b->gpu_class[to], 1 };

      if (g->nodes[to].kind != WEFT_NODE_GPU || g->server[to] == g->server[from])
        continue;
      for (guint c = 0; c < WEFT_N_COSTS; c++)
        pair.intra[c] = dist[c][to];
      g_array_append_val (over, pair);
    }
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      for (guint t = 0; t < touched[c]->len; t++)
        dist[c][g_array_index (touched[c], guint32, t)] = WEFT_FAR;
      g_array_set_size (touched[c], 0);
    }
}

/* Pairs in one domain but different servers, by class, with the cost of
 * the path that stays inside: the rows correct them. */
static void
correct_domain_pairs (Builder      *b,
                      const guint8 *spanning,
                      gboolean      any_spanning)
{
  WeftMetricsGraph *g = b->graph;
  WeftClassSet *lat = &b->classes->lat;
  g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (WeftClassPair));
  GArray *touched[WEFT_N_COSTS];
  double *dist[WEFT_N_COSTS];
  WeftHeap heap = { 0 };

  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      touched[c] = g_array_new (FALSE, FALSE, sizeof (guint32));
      dist[c] = g_new (double, MAX (g->n_nodes, 1));
      for (guint i = 0; i < g->n_nodes; i++)
        dist[c][i] = WEFT_FAR;
    }
  for (guint i = 0; i < g->n_gpus && any_spanning; i++)
    {
      guint32 from = g->gpus[i];

      if (!spanning[b->comp[from]])
        continue;
      add_inside_pairs_from (b, from, dist, touched, &heap, over);
    }
  lat->over = rows_of (over, lat->n, &lat->over_offsets);
  weft_heap_clear (&heap);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    {
      g_free (dist[c]);
      g_array_unref (touched[c]);
    }
}

/* Pairs the class rows must leave out (one server) or correct (one domain, two servers). */
static void
find_special_pairs (Builder *b)
{
  g_autofree guint8 *spanning = g_new0 (guint8, MAX (b->n_comps, 1));
  gboolean any_spanning;

  exclude_server_pairs (b);
  /* Domains spanning several servers: the path that stays inside may be shorter. */
  any_spanning = find_spanning_domains (b, spanning);
  correct_domain_pairs (b, spanning, any_spanning);
}

/* Hop classes: latency classes that differ only in latency, merged. */
static void
group_hop_classes (WeftClasses *cl)
{
  WeftClassSet *lat = &cl->lat, *hop = &cl->hop;
  g_autoptr(GArray) key = g_array_new (FALSE, FALSE, sizeof (ExitCost));
  g_autoptr(GArray) excl = g_array_new (FALSE, FALSE, sizeof (WeftClassPair));
  g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (WeftClassPair));
  WeftKeyIndex index;
  ClassBuilder builder;

  class_builder_init (&builder, 2);
  cl->lat_to_hop = g_new (guint32, MAX (lat->n, 1));
  for (guint a = 0; a < lat->n; a++)
    {
      g_array_set_size (key, 0);
      for (guint32 y = lat->offsets[a]; y < lat->offsets[a + 1]; y++)
        {
          ExitCost ec = { lat->exit[y] };

          for (guint c = 0; c < WEFT_N_COSTS; c++)
            ec.cost[c] = lat->cost[c][y];
          g_array_append_val (key, ec);
        }
      cl->lat_to_hop[a] =
          class_builder_add (&builder, (const ExitCost *) key->data, key->len, lat->size[a]);
    }
  class_builder_finish (&builder, hop);

  /* The same pairs to leave out or correct, counted by hop class. */
  weft_key_index_init (&index, 1024);
  for (guint a = 0; a < lat->n; a++)
    {
      for (guint32 i = lat->excl_offsets[a]; i < lat->excl_offsets[a + 1]; i++)
        count_pair (&index, excl, cl->lat_to_hop[a], cl->lat_to_hop[lat->excl[i].other],
                    lat->excl[i].count);
      for (guint32 i = lat->over_offsets[a]; i < lat->over_offsets[a + 1]; i++)
        {
          WeftClassPair pair = lat->over[i];

          pair.owner = cl->lat_to_hop[a];
          pair.other = cl->lat_to_hop[pair.other];
          g_array_append_val (over, pair);
        }
    }
  weft_key_index_clear (&index);
  hop->excl = rows_of (excl, hop->n, &hop->excl_offsets);
  hop->over = rows_of (over, hop->n, &hop->over_offsets);
}

/* Exits numbered in reduced-vertex order; class exits point into them. */
static void
number_exits (WeftClasses *cl)
{
  g_autofree guint32 *number = g_new (guint32, MAX (cl->n_red, 1));
  WeftClassSet *sets[] = { &cl->lat, &cl->hop };

  for (guint v = 0; v < cl->n_red; v++)
    number[v] = WEFT_NONE;
  for (guint32 y = 0; y < cl->lat.offsets[cl->lat.n]; y++)
    {
      number[cl->lat.exit[y]] = 0;
      cl->max_exit_latency = MAX (cl->max_exit_latency, cl->lat.cost[WEFT_COST_LATENCY][y]);
    }
  cl->exits = g_new (guint32, MAX (cl->n_red, 1));
  for (guint v = 0; v < cl->n_red; v++)
    if (number[v] != WEFT_NONE)
      {
        number[v] = cl->n_exits;
        cl->exits[cl->n_exits++] = v;
      }
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint32 y = 0; y < sets[s]->offsets[sets[s]->n]; y++)
      sets[s]->exit[y] = number[sets[s]->exit[y]];
}

WeftClasses *
weft_classes_new (WeftMetricsGraph *graph)
{
  WeftClasses *classes = g_new0 (WeftClasses, 1);
  Builder b = { graph, classes };

  find_domains (&b);
  classify (&b);
  build_reduced (&b);
  find_special_pairs (&b);
  group_hop_classes (classes);
  number_exits (classes);

  g_free (b.comp);
  g_free (b.rid);
  g_free (b.member_offsets);
  g_free (b.members);
  g_free (b.gpu_class);
  g_array_unref (b.domain_edges);
  return classes;
}

static void
class_set_clear (WeftClassSet *set)
{
  g_free (set->size);
  g_free (set->offsets);
  g_free (set->exit);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    g_free (set->cost[c]);
  g_free (set->excl_offsets);
  g_free (set->excl);
  g_free (set->over_offsets);
  g_free (set->over);
}

void
weft_classes_free (WeftClasses *classes)
{
  if (classes == NULL)
    return;
  g_free (classes->r_offsets);
  g_free (classes->r_adj);
  for (guint c = 0; c < WEFT_N_COSTS; c++)
    g_free (classes->r_cost[c]);
  for (guint c = 0; c < 2; c++)
    g_free (classes->r_half[c]);
  g_free (classes->exits);
  class_set_clear (&classes->lat);
  class_set_clear (&classes->hop);
  g_free (classes->lat_to_hop);
  g_free (classes);
}
