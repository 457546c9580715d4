/* weft-collective-routes.c — the fabric as flows see it: scale-up domains, scale-out switches,
 * destination classes and their entries.
 *
 * A flow between two domains leaves its source's domain once, crosses
 * scale-out switches only, and enters its destination's domain once
 * (docs/DESIGN.md, "Collectives"). So the distances over the switches to a
 * destination depend only on how its domain is entered: the switches (or
 * the members of other domains) next to it, the hops from each entry to the
 * GPU and the entry's link count. Destinations that are entered alike form
 * a class, and weft-collective-push.c routes all the traffic to a class in
 * one pass over the switches.
 */
#include "collectives/weft-collective-routes-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/weft-union-find.h"

/* Domains: components over scale-up links, and each GPU on its own. */
static void
find_domains (WeftRoutes *self)
{
  const WeftMetricsGraph *g = self->graph;
  g_autofree guint32 *parent = weft_union_find_new (g->n_nodes);
  g_autofree guint32 *id_of = g_new (guint32, MAX (g->n_nodes, 1));
  g_autofree guint32 *fill = NULL;

  for (guint l = 0; l < g->n_links; l++)
    if (g->links[l].link_class == WEFT_LINK_SCALE_UP)
      weft_union_find_join (parent, g->links[l].a, g->links[l].b);

  self->dom = g_new (guint32, MAX (g->n_nodes, 1));
  for (guint i = 0; i < g->n_nodes; i++)
    {
      id_of[i] = WEFT_ROUTES_NONE;
      self->dom[i] = WEFT_ROUTES_NONE;
    }
  for (guint i = 0; i < g->n_nodes; i++)
    {
      guint32 root = weft_union_find_root (parent, i);

      /* A node in a component of its own is a domain only if it is a GPU. */
      if (root == i && g->nodes[i].kind != WEFT_NODE_GPU)
        {
          gboolean joined = FALSE;

          for (guint k = g->offsets[i]; k < g->offsets[i + 1] && !joined; k++)
            joined = g->links[g->adj_link[k]].link_class == WEFT_LINK_SCALE_UP;
          if (!joined)
            continue;
        }
      if (id_of[root] == WEFT_ROUTES_NONE)
        id_of[root] = self->n_domains++;
      self->dom[i] = id_of[root];
    }

  self->dom_offsets = g_new0 (guint32, self->n_domains + 1);
  self->dom_members = g_new (guint32, MAX (g->n_nodes, 1));
  self->pos = g_new (guint32, MAX (g->n_nodes, 1));
  for (guint i = 0; i < g->n_nodes; i++)
    if (self->dom[i] != WEFT_ROUTES_NONE)
      self->dom_offsets[self->dom[i] + 1]++;
  for (guint d = 0; d < self->n_domains; d++)
    {
      self->dom_offsets[d + 1] += self->dom_offsets[d];
      self->max_domain = MAX (self->max_domain, self->dom_offsets[d + 1] - self->dom_offsets[d]);
    }
  fill = g_memdup2 (self->dom_offsets, (self->n_domains + 1) * sizeof (guint32));
  for (guint i = 0; i < g->n_nodes; i++)
    if (self->dom[i] != WEFT_ROUTES_NONE)
      {
        self->pos[i] = fill[self->dom[i]] - self->dom_offsets[self->dom[i]];
        self->dom_members[fill[self->dom[i]]++] = i;
      }
}

/* The links each pass follows, listed once (see WeftRoutes). */
static void
find_adjacency (WeftRoutes *self)
{
  const WeftMetricsGraph *g = self->graph;
  guint n = g->n_nodes;
  guint32 sw = 0, up = 0, out = 0;

  self->sw_offsets = g_new (guint32, n + 1);
  self->up_offsets = g_new (guint32, n + 1);
  self->exit_offsets = g_new (guint32, n + 1);
  for (guint pass = 0; pass < 2; pass++)
    {
      sw = up = out = 0;
      for (guint x = 0; x < n; x++)
        {
          gboolean member = self->dom[x] != WEFT_ROUTES_NONE;

          self->sw_offsets[x] = sw;
          self->up_offsets[x] = up;
          self->exit_offsets[x] = out;
          for (guint k = g->offsets[x]; k < g->offsets[x + 1]; k++)
            {
              guint32 z = g->adj_node[k], l = g->adj_link[k];
              gboolean to_switch = self->dom[z] == WEFT_ROUTES_NONE;
              gboolean scale_up = g->links[l].link_class == WEFT_LINK_SCALE_UP;

              if (!member && to_switch)
                {
                  if (pass == 1)
                    {
                      self->sw_adj_node[sw] = z;
                      self->sw_adj_link[sw] = l;
                    }
                  sw++;
                }
              if (member && scale_up)
                {
                  if (pass == 1)
                    {
                      self->up_pos[up] = self->pos[z];
                      self->up_link[up] = l;
                    }
                  up++;
                }
              if (member && !scale_up && to_switch)
                {
                  if (pass == 1)
                    self->exit_node[out] = z;
                  out++;
                }
            }
        }
      self->sw_offsets[n] = sw;
      self->up_offsets[n] = up;
      self->exit_offsets[n] = out;
      if (pass == 0)
        {
          self->sw_adj_node = g_new (guint32, MAX (sw, 1));
          self->sw_adj_link = g_new (guint32, MAX (sw, 1));
          self->up_pos = g_new (guint32, MAX (up, 1));
          self->up_link = g_new (guint32, MAX (up, 1));
          self->exit_node = g_new (guint32, MAX (out, 1));
        }
    }
}

/* Hops from every member of @target's domain to @target over scale-up
 * links, into @dist (by position in the domain); FAR where none. */
void
weft_routes_domain_distances (WeftRoutes *self,
                              guint32     target,
                              gint32     *dist)
{
  guint32 domain = self->dom[target];
  const guint32 *members = &self->dom_members[self->dom_offsets[domain]];
  guint n = self->dom_offsets[domain + 1] - self->dom_offsets[domain];
  guint32 *queue = self->queue;
  guint head = 0, tail = 0;

  for (guint p = 0; p < n; p++)
    dist[p] = WEFT_ROUTES_FAR;
  dist[self->pos[target]] = 0;
  queue[tail++] = self->pos[target];
  while (head < tail)
    {
      guint32 x = queue[head++];

      for (guint k = self->up_offsets[members[x]]; k < self->up_offsets[members[x] + 1]; k++)
        {
          guint32 z = self->up_pos[k];

          if (dist[z] != WEFT_ROUTES_FAR)
            continue;
          dist[z] = dist[x] + 1;
          queue[tail++] = z;
        }
    }
}

const WeftWayIn *
weft_routes_way_in (WeftRoutes *self,
                    guint32     gpu)
{
  const WeftMetricsGraph *g = self->graph;
  guint32 domain = self->dom[gpu];
  const guint32 *members = &self->dom_members[self->dom_offsets[domain]];
  guint n = self->dom_offsets[domain + 1] - self->dom_offsets[domain];
  WeftWayIn *way = self->way_in[gpu];
  gint32 far = 0;

  if (way != NULL)
    return way;
  way = g_new0 (WeftWayIn, 1);
  way->dist = g_new (gint32, n);
  way->lambda = g_new (double, n);
  way->order = g_new (guint32, n);
  weft_routes_domain_distances (self, gpu, way->dist);
  for (guint p = 0; p < n; p++)
    if (way->dist[p] != WEFT_ROUTES_FAR)
      far = MAX (far, way->dist[p]);
  for (gint32 k = 0; k <= far; k++)
    for (guint p = 0; p < n; p++)
      if (way->dist[p] == k)
        way->order[way->n_order++] = p;
  /* The slowest way to the GPU, nearest first. */
  for (guint i = 0; i < way->n_order; i++)
    {
      guint p = way->order[i];
      guint32 u = members[p];

      way->lambda[p] = way->dist[p] == 0 ? 0 : -INFINITY;
      for (guint a = self->up_offsets[u]; a < self->up_offsets[u + 1] && way->dist[p] > 0; a++)
        {
          guint32 q = self->up_pos[a], l = self->up_link[a];

          if (way->dist[q] == way->dist[p] - 1)
            way->lambda[p] =
                MAX (way->lambda[p], g->link_cost[WEFT_COST_LATENCY][l] + way->lambda[q]);
        }
    }
  self->way_in[gpu] = way;
  return way;
}

static void
way_in_free (WeftWayIn *way)
{
  if (way == NULL)
    return;
  g_free (way->dist);
  g_free (way->lambda);
  g_free (way->order);
  g_free (way);
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const WeftRouteEntry *x = a, *y = b;

  if (x->slot.from != y->slot.from)
    return x->slot.from < y->slot.from ? -1 : 1;
  if (x->slot.offset != y->slot.offset)
    return x->slot.offset < y->slot.offset ? -1 : 1;
  if (x->slot.count != y->slot.count)
    return x->slot.count < y->slot.count ? -1 : 1;
  return x->arc < y->arc ? -1 : x->arc > y->arc;
}

/* The ways into @gpu's domain: every scale-out link from outside it (a
 * switch, or a member of another domain) to a member that reaches @gpu,
 * with the hops from the link's far end to @gpu. Sorted, so that two GPUs
 * entered alike list their entries in the same order. */
static void
find_entries (WeftRoutes *self,
              guint32     gpu,
              GArray     *entries)
{
  const WeftMetricsGraph *g = self->graph;
  guint32 domain = self->dom[gpu];
  const guint32 *members = &self->dom_members[self->dom_offsets[domain]];
  guint n = self->dom_offsets[domain + 1] - self->dom_offsets[domain];

  g_array_set_size (entries, 0);
  weft_routes_domain_distances (self, gpu, self->scratch_dist);
  for (guint p = 0; p < n; p++)
    {
      guint32 w = members[p];

      if (self->scratch_dist[p] == WEFT_ROUTES_FAR)
        continue;
      for (guint k = g->offsets[w]; k < g->offsets[w + 1]; k++)
        {
          guint32 z = g->adj_node[k], l = g->adj_link[k];
          WeftRouteEntry entry;

          if (g->links[l].link_class != WEFT_LINK_SCALE_OUT || self->dom[z] == domain)
            continue;
          entry.slot.from = z;
          entry.slot.offset = 1 + self->scratch_dist[p];
          entry.slot.count = g->links[l].count;
          entry.arc = WEFT_ROUTES_ARC (g, l, z);
          entry.entry = w;
          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, compare_slots);
}

static guint
hash_slots (gconstpointer key)
{
  const WeftRouteClass *klass = key;
  guint h = klass->n_slots;

  for (guint j = 0; j < klass->n_slots; j++)
    h = (h * 31 + klass->slots[j].from) * 31 + klass->slots[j].offset * 7 + klass->slots[j].count;
  return h;
}

static gboolean
equal_slots (gconstpointer a,
             gconstpointer b)
{
  const WeftRouteClass *x = a, *y = b;

  return x->n_slots == y->n_slots &&
         memcmp (x->slots, y->slots, x->n_slots * sizeof (WeftRouteSlot)) == 0;
}

static void
route_class_free (gpointer data)
{
  WeftRouteClass *klass = data;

  g_free (klass->slots);
  g_free (klass);
}

/* Every GPU's class, and its entries in the class's order. */
static void
find_classes (WeftRoutes *self)
{
  const WeftMetricsGraph *g = self->graph;
  g_autoptr(GHashTable) index = g_hash_table_new (hash_slots, equal_slots);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (WeftRouteEntry));
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) entry_nodes = g_array_new (FALSE, FALSE, sizeof (guint32));

  self->classes = g_ptr_array_new_with_free_func (route_class_free);
  self->class_of = g_new (guint32, MAX (g->n_nodes, 1));
  self->entry_offsets = g_new0 (guint32, g->n_nodes + 1);
  for (guint i = 0; i < g->n_nodes; i++)
    {
      WeftRouteClass probe;
      WeftRouteClass *klass;
      g_autofree WeftRouteSlot *slots = NULL;

      self->class_of[i] = WEFT_ROUTES_NONE;
      self->entry_offsets[i + 1] = self->entry_offsets[i];
      if (g->nodes[i].kind != WEFT_NODE_GPU)
        continue;
      find_entries (self, i, entries);
      slots = g_new (WeftRouteSlot, MAX (entries->len, 1));
      for (guint j = 0; j < entries->len; j++)
        {
          const WeftRouteEntry *e = &g_array_index (entries, WeftRouteEntry, j);

          slots[j] = e->slot;
          g_array_append_val (arcs, e->arc);
          g_array_append_val (entry_nodes, e->entry);
        }
      self->entry_offsets[i + 1] += entries->len;
      probe.n_slots = entries->len;
      probe.slots = slots;
      klass = g_hash_table_lookup (index, &probe);
      if (klass == NULL)
        {
          klass = g_new0 (WeftRouteClass, 1);
          klass->id = self->classes->len;
          klass->n_slots = entries->len;
          klass->slots = g_steal_pointer (&slots);
          for (guint j = 0; j < klass->n_slots; j++)
            klass->member_slots |= self->dom[klass->slots[j].from] != WEFT_ROUTES_NONE;
          g_ptr_array_add (self->classes, klass);
          g_hash_table_add (index, klass);
        }
      self->class_of[i] = klass->id;
    }
  self->entry_arc = (guint32 *) g_array_free (g_steal_pointer (&arcs), FALSE);
  self->entry_node = (guint32 *) g_array_free (g_steal_pointer (&entry_nodes), FALSE);
}

WeftRoutes *
weft_routes_new (WeftFabric *fabric)
{
  WeftRoutes *self = g_new0 (WeftRoutes, 1);
  const WeftMetricsGraph *g;

  self->ref_count = 1;
  self->graph = weft_metrics_graph_new (fabric);
  g = self->graph;
  self->queue = g_new (guint32, MAX (g->n_nodes, 1));
  find_domains (self);
  find_adjacency (self);
  self->scratch_dist = g_new (gint32, MAX (self->max_domain, 1));
  self->scratch_flow = g_new0 (double, MAX (self->max_domain, 1));
  self->way_in = g_new0 (WeftWayIn *, MAX (g->n_nodes, 1));
  find_classes (self);

  self->sw_dist = g_new (gint32, MAX (g->n_nodes, 1));
  self->sw_index = g_new (guint32, MAX (g->n_nodes, 1));
  self->inject = g_new0 (double, MAX (g->n_nodes, 1));
  for (guint i = 0; i < g->n_nodes; i++)
    {
      self->sw_dist[i] = WEFT_ROUTES_FAR;
      self->sw_index[i] = WEFT_ROUTES_NONE;
    }
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->closure = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->wanted = g_new0 (guint8, MAX (g->n_nodes, 1));
  self->dom_seen = g_new0 (guint8, MAX (self->n_domains, 1));
  self->sources = g_new0 (gpointer, MAX (self->n_domains, 1));
  return self;
}

WeftRoutes *
weft_routes_ref (WeftRoutes *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
weft_routes_unref (WeftRoutes *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->dom);
  g_free (self->dom_offsets);
  g_free (self->dom_members);
  g_free (self->pos);
  g_free (self->queue);
  g_free (self->scratch_dist);
  g_free (self->scratch_flow);
  for (guint i = 0; i < self->graph->n_nodes; i++)
    way_in_free (self->way_in[i]);
  g_free (self->way_in);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_free (self->class_of);
  g_free (self->entry_offsets);
  g_free (self->entry_arc);
  g_free (self->entry_node);
  g_free (self->sw_dist);
  g_free (self->sw_index);
  g_free (self->inject);
  g_array_unref (self->touched);
  g_array_unref (self->closure);
  g_free (self->sw_offsets);
  g_free (self->sw_adj_node);
  g_free (self->sw_adj_link);
  g_free (self->up_offsets);
  g_free (self->up_pos);
  g_free (self->up_link);
  g_free (self->exit_offsets);
  g_free (self->exit_node);
  g_free (self->wanted);
  g_free (self->dom_seen);
  g_free (self->sources);
  weft_metrics_graph_free (self->graph);
  g_free (self);
}

guint
weft_routes_get_n_links (WeftRoutes *self)
{
  return self->graph->n_links;
}

double
weft_routes_get_capacity (WeftRoutes *self,
                          guint       link)
{
  return self->graph->capacity[link] * 1e9 / 8;
}

guint32
weft_routes_get_domain (WeftRoutes *self,
                        guint32     gpu)
{
  return self->dom[gpu];
}

guint
weft_routes_get_n_domains (WeftRoutes *self)
{
  return self->n_domains;
}

double
weft_routes_get_gpu_capacity (WeftRoutes *self,
                              guint32     gpu,
                              gboolean    scale_up_only)
{
  const WeftMetricsGraph *g = self->graph;
  double capacity = 0;

  for (guint k = g->offsets[gpu]; k < g->offsets[gpu + 1]; k++)
    if (!scale_up_only || g->links[g->adj_link[k]].link_class == WEFT_LINK_SCALE_UP)
      capacity += weft_routes_get_capacity (self, g->adj_link[k]);
  return capacity;
}

double
weft_routes_get_domain_capacity (WeftRoutes *self,
                                 guint32     domain)
{
  const WeftMetricsGraph *g = self->graph;
  double capacity = 0;

  for (guint i = self->dom_offsets[domain]; i < self->dom_offsets[domain + 1]; i++)
    {
      guint32 u = self->dom_members[i];

      for (guint k = g->offsets[u]; k < g->offsets[u + 1]; k++)
        if (g->links[g->adj_link[k]].link_class == WEFT_LINK_SCALE_OUT &&
            self->dom[g->adj_node[k]] != domain)
          capacity += weft_routes_get_capacity (self, g->adj_link[k]);
    }
  return capacity;
}
