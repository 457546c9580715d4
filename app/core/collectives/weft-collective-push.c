/* weft-collective-push.c — a step's traffic pushed down its shortest paths, class by class, split
 * as ECMP splits it.
 *
 * For one destination class: the hops from every scale-out switch to the
 * class (a breadth-first pass from its entries, stopped once every switch
 * the sources leave by is settled); then, per source domain, the hops from
 * each member (σ) and the traffic pushed out of the domain; then the
 * switches' traffic pushed down in one pass for the whole class. What share
 * of a unit at each switch reaches each entry (g) and the slowest way there
 * (λ) follow in one pass back up, so each destination gets its own
 * arrivals, pushed on inside its domain, and each flow its latency.
 */
#include "collectives/weft-collective-routes-private.h"

#include <math.h>
#include <string.h>

#include "collectives/weft-collective.h"

/* One source domain's view of the class: σ per member, and λ for the
 * members whose latency is asked for. One allocation holds it all. */
typedef struct
{
  guint32  domain;
  guint    n;
  double  *lambda;       /* n × n_slots, the slowest way from each member to each slot */
  gint32  *sigma;
  guint32 *order;        /* positions by falling σ */
  guint8  *has_lambda;   /* per member: its row of λ is worked out */
} SourceDomain;

/* λ follows the struct in its allocation, then σ, the order and the flags: each part aligned. */
G_STATIC_ASSERT (sizeof (SourceDomain) % sizeof (double) == 0);

/* Where a push out of a domain left its traffic: a switch, or straight
 * into the destination's domain by a slot. */
typedef struct
{
  guint32 node;       /* a switch, or NONE */
  guint32 slot;
  double  amount;
} Exit;

typedef struct
{
  WeftRoutes     *routes;
  WeftRouteClass *klass;
  WeftStepLoads  *step;
  GPtrArray      *levels;     /* GArray of nodes per distance, for the passes */
  double         *g;          /* closure × n_slots */
  double         *lambda;     /* closure × n_slots */
  GArray         *sourced;    /* the domains with a SourceDomain in routes->sources */
} ClassPass;

static GArray *
level (ClassPass *pass,
       gint32     distance)
{
  while (pass->levels->len <= (guint) distance)
    g_ptr_array_add (pass->levels, g_array_new (FALSE, FALSE, sizeof (guint32)));
  return g_ptr_array_index (pass->levels, distance);
}

/* The class's slots that start at @node: [*first, *last). */
static void
slots_from (const WeftRouteClass *klass,
            guint32               node,
            guint                *first,
            guint                *last)
{
  guint lo = 0, hi = klass->n_slots;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (klass->slots[mid].from < node)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  while (hi < klass->n_slots && klass->slots[hi].from == node)
    hi++;
  *last = MAX (hi, lo);
}

static gboolean
is_switch (WeftRoutes *routes,
           guint32     node)
{
  return routes->dom[node] == WEFT_ROUTES_NONE;
}

/* Hops from the switches to the class, until every switch in @needed is
 * settled (or nothing more can be reached). */
static void
class_distances (ClassPass *pass,
                 GArray    *needed)
{
  WeftRoutes *routes = pass->routes;
  guint remaining = 0;

  for (guint i = 0; i < needed->len; i++)
    {
      guint32 x = g_array_index (needed, guint32, i);

      remaining += !routes->wanted[x];
      routes->wanted[x] = TRUE;
    }

  for (guint j = 0; j < pass->klass->n_slots; j++)
    {
      const WeftRouteSlot *slot = &pass->klass->slots[j];

      if (is_switch (routes, slot->from) && (gint32) slot->offset < routes->sw_dist[slot->from])
        {
          if (routes->sw_dist[slot->from] == WEFT_ROUTES_FAR)
            g_array_append_val (routes->touched, slot->from);
          routes->sw_dist[slot->from] = slot->offset;
          g_array_append_val (level (pass, slot->offset), slot->from);
        }
    }
  for (guint k = 0; k < pass->levels->len && remaining > 0; k++)
    {
      GArray *nodes = g_ptr_array_index (pass->levels, k);

      for (guint i = 0; i < nodes->len && remaining > 0; i++)
        {
          guint32 x = g_array_index (nodes, guint32, i);

          if (routes->sw_dist[x] != (gint32) k)
            continue;
          if (routes->wanted[x])
            {
              routes->wanted[x] = FALSE;
              remaining--;
            }
          for (guint a = routes->sw_offsets[x]; a < routes->sw_offsets[x + 1]; a++)
            {
              guint32 z = routes->sw_adj_node[a];

              if (routes->sw_dist[z] <= (gint32) k + 1)
                continue;
              if (routes->sw_dist[z] == WEFT_ROUTES_FAR)
                g_array_append_val (routes->touched, z);
              routes->sw_dist[z] = k + 1;
              g_array_append_val (level (pass, k + 1), z);
            }
        }
    }
  for (guint k = 0; k < pass->levels->len; k++)
    g_array_set_size (g_ptr_array_index (pass->levels, k), 0);
  for (guint i = 0; i < needed->len; i++)
    routes->wanted[g_array_index (needed, guint32, i)] = FALSE;
}

/* σ over @domain's members: the hops to the class, leaving by a switch or a slot. */
static SourceDomain *
source_domain (ClassPass *pass,
               guint32    domain)
{
  WeftRoutes *routes = pass->routes;
  const guint32 *members = &routes->dom_members[routes->dom_offsets[domain]];
  guint n = routes->dom_offsets[domain + 1] - routes->dom_offsets[domain];
  gsize cells = (gsize) n * pass->klass->n_slots;
  SourceDomain *sd = routes->sources[domain];
  gboolean changed = TRUE;

  if (sd != NULL)
    return sd;
  sd = g_malloc (sizeof (SourceDomain) + cells * sizeof (double) +
                 n * (sizeof (gint32) + sizeof (guint32) + 1));
  sd->domain = domain;
  sd->n = n;
  sd->lambda = (double *) (sd + 1);
  sd->sigma = (gint32 *) (sd->lambda + cells);
  sd->order = (guint32 *) (sd->sigma + n);
  sd->has_lambda = (guint8 *) (sd->order + n);
  memset (sd->has_lambda, 0, n);
  routes->sources[domain] = sd;
  g_array_append_val (pass->sourced, domain);

  for (guint p = 0; p < sd->n; p++)
    {
      guint32 u = members[p];
      guint first, last;

      sd->sigma[p] = WEFT_ROUTES_FAR;
      for (guint a = routes->exit_offsets[u]; a < routes->exit_offsets[u + 1]; a++)
        if (routes->sw_dist[routes->exit_node[a]] != WEFT_ROUTES_FAR)
          sd->sigma[p] = MIN (sd->sigma[p], 1 + routes->sw_dist[routes->exit_node[a]]);
      if (!pass->klass->member_slots)
        continue;
      slots_from (pass->klass, u, &first, &last);
      for (guint j = first; j < last; j++)
        sd->sigma[p] = MIN (sd->sigma[p], (gint32) pass->klass->slots[j].offset);
    }
  /* Inward over scale-up links; domains are small, so relax until settled. */
  while (changed)
    {
      changed = FALSE;
      for (guint p = 0; p < sd->n; p++)
        for (guint a = routes->up_offsets[members[p]]; a < routes->up_offsets[members[p] + 1]; a++)
          {
            gint32 via = sd->sigma[routes->up_pos[a]];

            if (via != WEFT_ROUTES_FAR && via + 1 < sd->sigma[p])
              {
                sd->sigma[p] = via + 1;
                changed = TRUE;
              }
          }
    }
  for (guint p = 0; p < sd->n; p++)
    sd->order[p] = p;
  for (guint p = 1; p < sd->n; p++)
    for (guint q = p; q > 0 && sd->sigma[sd->order[q]] > sd->sigma[sd->order[q - 1]]; q--)
      {
        guint32 t = sd->order[q];

        sd->order[q] = sd->order[q - 1];
        sd->order[q - 1] = t;
      }
  return sd;
}

/* One next hop from @from: over @link to @to, or into a destination's
 * domain by @slot (@link G_MAXUINT32 then), with its parallel-link count. */
typedef void (*HopFunc) (ClassPass *pass,
                         guint32    from,
                         guint32    link,
                         guint32    to,
                         guint      slot,
                         double     count,
                         gpointer   data);

/* The slots from @node that are @dist hops from the class: next hops
 * straight into a destination's domain. Calls @visit for each; returns
 * their parallel-link count. */
static double
slot_hops (ClassPass *pass,
           guint32    node,
           gint32     dist,
           HopFunc    visit,
           gpointer   data)
{
  double total = 0;
  guint first, last;

  slots_from (pass->klass, node, &first, &last);
  for (guint j = first; j < last; j++)
    if ((gint32) pass->klass->slots[j].offset == dist)
      {
        total += pass->klass->slots[j].count;
        if (visit != NULL)
          visit (pass, node, G_MAXUINT32, WEFT_ROUTES_NONE, j, pass->klass->slots[j].count, data);
      }
  return total;
}

/* The next hops toward the class from @node: from a member of @sd's
 * domain, scale-up links to members and scale-out links to switches, one
 * hop nearer; from a switch (@sd NULL), links to switches one hop nearer;
 * from either, its slots. Calls @visit for each, and returns their
 * parallel-link count. */
static double
next_hops (ClassPass          *pass,
           const SourceDomain *sd,
           guint32             node,
           HopFunc             visit,
           gpointer            data)
{
  WeftRoutes *routes = pass->routes;
  const WeftMetricsGraph *g = routes->graph;
  gint32 dist = sd != NULL ? sd->sigma[routes->pos[node]] : routes->sw_dist[node];
  /* A switch's next hops are switches: its links to them are listed apart. */
  const guint32 *offsets = sd != NULL ? g->offsets : routes->sw_offsets;
  const guint32 *adj_node = sd != NULL ? g->adj_node : routes->sw_adj_node;
  const guint32 *adj_link = sd != NULL ? g->adj_link : routes->sw_adj_link;
  double total = 0;

  for (guint a = offsets[node]; a < offsets[node + 1]; a++)
    {
      guint32 z = adj_node[a], l = adj_link[a];
      gboolean hop;

      /* A scale-up link never leaves its domain, so it never reaches a switch. */
      if (is_switch (routes, z))
        hop = routes->sw_dist[z] == dist - 1;
      else
        hop = sd != NULL && g->links[l].link_class == WEFT_LINK_SCALE_UP &&
              sd->sigma[routes->pos[z]] == dist - 1;
      if (!hop)
        continue;
      total += g->links[l].count;
      if (visit != NULL)
        visit (pass, node, l, z, G_MAXUINT, g->links[l].count, data);
    }
  return total + slot_hops (pass, node, dist, visit, data);
}

/* Pushing a source domain's traffic out, member by member. */
typedef struct
{
  double  *flow;      /* per position */
  double   share;     /* of the current member's flow per parallel link */
  double   scale;     /* loads count this many times the pushed amount */
  GArray  *exits;
} OutPush;

static void
out_hop_cb (ClassPass *pass,
            guint32    from,
            guint32    link,
            guint32    to,
            guint      slot,
            double     count,
            gpointer   data)
{
  OutPush *push = data;
  WeftRoutes *routes = pass->routes;
  double amount = push->share * count;
  Exit exit = { WEFT_ROUTES_NONE, slot, amount };

  if (link != G_MAXUINT32)
    pass->step->load[WEFT_ROUTES_ARC (routes->graph, link, from)] += amount * push->scale;
  if (slot != G_MAXUINT)
    g_array_append_val (push->exits, exit);
  else if (routes->dom[to] == WEFT_ROUTES_NONE)
    {
      exit.node = to;
      g_array_append_val (push->exits, exit);
    }
  else
    push->flow[routes->pos[to]] += amount;
}

/* Pushes @flow (per position, consumed) out of @sd's domain; the loads
 * count @scale times; exits go to @exits, and switches' traffic to the
 * class's injection, @scale times. */
static void
push_out (ClassPass          *pass,
          const SourceDomain *sd,
          double             *flow,
          double              scale,
          GArray             *exits)
{
  WeftRoutes *routes = pass->routes;
  const guint32 *members = &routes->dom_members[routes->dom_offsets[sd->domain]];
  OutPush push = { flow, 0, scale, exits };
  guint before = exits->len;

  for (guint i = 0; i < sd->n; i++)
    {
      guint p = sd->order[i];
      double total;

      if (flow[p] == 0)
        continue;
      total = next_hops (pass, sd, members[p], NULL, NULL);
      push.share = flow[p] / total;
      flow[p] = 0;
      next_hops (pass, sd, members[p], out_hop_cb, &push);
    }
  for (guint i = before; i < exits->len; i++)
    {
      const Exit *exit = &g_array_index (exits, Exit, i);

      if (exit->node == WEFT_ROUTES_NONE)
        continue;
      if (routes->inject[exit->node] == 0 && routes->sw_index[exit->node] == WEFT_ROUTES_NONE)
        {
          routes->sw_index[exit->node] = G_MAXUINT32 - 1;   /* queued */
          g_array_append_val (level (pass, routes->sw_dist[exit->node]), exit->node);
        }
      routes->inject[exit->node] += exit->amount * scale;
    }
}

static void
down_hop_cb (ClassPass *pass,
             guint32    from,
             guint32    link,
             guint32    to,
             guint      slot,
             double     count,
             gpointer   data)
{
  WeftRoutes *routes = pass->routes;
  double amount = *(double *) data * count;

  if (slot != G_MAXUINT)
    return;
  pass->step->load[WEFT_ROUTES_ARC (routes->graph, link, from)] += amount;
  if (routes->inject[to] == 0 && routes->sw_index[to] == WEFT_ROUTES_NONE)
    {
      routes->sw_index[to] = G_MAXUINT32 - 1;
      g_array_append_val (level (pass, routes->sw_dist[to]), to);
    }
  routes->inject[to] += amount;
}

/* The switches' traffic, pushed down by falling distance; the switches
 * that carried some form the closure, in that order. */
static void
push_down (ClassPass *pass)
{
  WeftRoutes *routes = pass->routes;

  for (guint k = pass->levels->len; k-- > 0;)
    {
      GArray *nodes = g_ptr_array_index (pass->levels, k);

      for (guint i = 0; i < nodes->len; i++)
        {
          guint32 x = g_array_index (nodes, guint32, i);
          double share = routes->inject[x] / next_hops (pass, NULL, x, NULL, NULL);

          routes->sw_index[x] = routes->closure->len;
          g_array_append_val (routes->closure, x);
          next_hops (pass, NULL, x, down_hop_cb, &share);
          routes->inject[x] = 0;
        }
      g_array_set_size (nodes, 0);
    }
}

typedef struct
{
  double *g;
  double *lambda;
  double  total;
} UpPass;

static void
up_hop_cb (ClassPass *pass,
           guint32    from,
           guint32    link,
           guint32    to,
           guint      slot,
           double     count,
           gpointer   data)
{
  UpPass *up = data;
  WeftRoutes *routes = pass->routes;
  guint n = pass->klass->n_slots;

  if (slot != G_MAXUINT)
    {
      up->g[slot] += count / up->total;
      up->lambda[slot] = MAX (up->lambda[slot], 0);
      return;
    }
  for (guint j = 0; j < n; j++)
    {
      const double *gz = &pass->g[(gsize) routes->sw_index[to] * n];
      const double *lz = &pass->lambda[(gsize) routes->sw_index[to] * n];

      up->g[j] += count / up->total * gz[j];
      up->lambda[j] =
          MAX (up->lambda[j], routes->graph->link_cost[WEFT_COST_LATENCY][link] + lz[j]);
    }
}

/* g and λ for the closure, nearest the class first. */
static void
pass_up (ClassPass *pass)
{
  WeftRoutes *routes = pass->routes;
  guint n = pass->klass->n_slots;
  gsize cells = (gsize) routes->closure->len * n;

  pass->g = g_new0 (double, MAX (cells, 1));
  pass->lambda = g_new (double, MAX (cells, 1));
  for (gsize c = 0; c < cells; c++)
    pass->lambda[c] = -INFINITY;
  for (guint i = routes->closure->len; i-- > 0;)
    {
      guint32 x = g_array_index (routes->closure, guint32, i);
      UpPass up = { &pass->g[(gsize) i * n], &pass->lambda[(gsize) i * n], 0 };

      up.total = next_hops (pass, NULL, x, NULL, NULL);
      next_hops (pass, NULL, x, up_hop_cb, &up);
    }
}

static const double *source_lambda (ClassPass    *pass,
                                    SourceDomain *sd,
                                    guint         p);

static void
source_lambda_cb (ClassPass *pass,
                  guint32    from,
                  guint32    link,
                  guint32    to,
                  guint      slot,
                  double     count,
                  gpointer   data)
{
  SourceDomain *sd = data;
  WeftRoutes *routes = pass->routes;
  guint n = pass->klass->n_slots;
  double *mine = &sd->lambda[(gsize) routes->pos[from] * n];
  const double *next;
  double lat;

  if (slot != G_MAXUINT)
    {
      mine[slot] = MAX (mine[slot], 0);
      return;
    }
  lat = routes->graph->link_cost[WEFT_COST_LATENCY][link];
  if (routes->dom[to] == sd->domain)
    next = source_lambda (pass, sd, routes->pos[to]);
  else if (routes->sw_index[to] < routes->closure->len)
    next = &pass->lambda[(gsize) routes->sw_index[to] * n];
  else
    return;
  for (guint j = 0; j < n; j++)
    mine[j] = MAX (mine[j], lat + next[j]);
}

/* The slowest way from member @p of @sd to each slot, worked out the first
 * time it is asked for, with those of the members it goes through: a
 * flow's latency needs its source's only. */
static const double *
source_lambda (ClassPass    *pass,
               SourceDomain *sd,
               guint         p)
{
  WeftRoutes *routes = pass->routes;
  guint n = pass->klass->n_slots;
  double *mine = &sd->lambda[(gsize) p * n];

  if (sd->has_lambda[p])
    return mine;
  sd->has_lambda[p] = TRUE;
  for (guint j = 0; j < n; j++)
    mine[j] = -INFINITY;
  if (sd->sigma[p] != WEFT_ROUTES_FAR)
    next_hops (pass, sd, routes->dom_members[routes->dom_offsets[sd->domain] + p], source_lambda_cb,
               sd);
  return mine;
}

/* Pushes @flow (per position in @gpu's domain, consumed) down to @gpu. */
static void
push_to (WeftRoutes      *routes,
         guint32          gpu,
         const WeftWayIn *way,
         double          *flow,
         double          *load)
{
  const WeftMetricsGraph *g = routes->graph;
  const guint32 *members = &routes->dom_members[routes->dom_offsets[routes->dom[gpu]]];

  for (guint i = way->n_order; i-- > 0;)
    {
      guint p = way->order[i];
      guint32 u = members[p];
      double total = 0;

      if (flow[p] == 0 || way->dist[p] == 0)
        {
          flow[p] = 0;
          continue;
        }
      for (guint a = routes->up_offsets[u]; a < routes->up_offsets[u + 1]; a++)
        if (way->dist[routes->up_pos[a]] == way->dist[p] - 1)
          total += g->links[routes->up_link[a]].count;
      for (guint a = routes->up_offsets[u]; a < routes->up_offsets[u + 1]; a++)
        {
          guint32 q = routes->up_pos[a], l = routes->up_link[a];
          double amount;

          if (way->dist[q] != way->dist[p] - 1)
            continue;
          amount = flow[p] * g->links[l].count / total;
          load[WEFT_ROUTES_ARC (g, l, u)] += amount;
          flow[q] += amount;
        }
      flow[p] = 0;
    }
}

/* Inside a destination's domain: what reaches each slot's entry, pushed on
 * to @gpu; and the slowest way from each slot (its link included) to it. */
static void
push_in (WeftRoutes   *routes,
         guint32       gpu,
         const double *arrivals,
         double       *slot_latency,
         double       *load)
{
  const WeftMetricsGraph *g = routes->graph;
  const WeftWayIn *way = weft_routes_way_in (routes, gpu);
  guint first = routes->entry_offsets[gpu], n_slots = routes->entry_offsets[gpu + 1] - first;
  double *flow = routes->scratch_flow;

  for (guint j = 0; arrivals != NULL && j < n_slots; j++)
    {
      load[routes->entry_arc[first + j]] += arrivals[j];
      flow[routes->pos[routes->entry_node[first + j]]] += arrivals[j];
    }
  if (arrivals != NULL)
    push_to (routes, gpu, way, flow, load);
  for (guint j = 0; slot_latency != NULL && j < n_slots; j++)
    slot_latency[j] = g->link_cost[WEFT_COST_LATENCY][routes->entry_arc[first + j] / 2] +
                      way->lambda[routes->pos[routes->entry_node[first + j]]];
}

/* A flow inside one domain: over its scale-up links only. FALSE if it cannot get there. */
static gboolean
route_inside (WeftRoutes     *routes,
              const WeftFlow *flow,
              WeftStepLoads  *step)
{
  const WeftWayIn *way = weft_routes_way_in (routes, flow->dst);
  guint src = routes->pos[flow->src];

  if (way->dist[src] == WEFT_ROUTES_FAR)
    return FALSE;
  routes->scratch_flow[src] = flow->bytes;
  push_to (routes, flow->dst, way, routes->scratch_flow, step->load);
  step->max_latency_ns = MAX (step->max_latency_ns, way->lambda[src]);
  step->sum_latency_ns += way->lambda[src];
  return TRUE;
}

static gboolean
unreachable (WeftRoutes     *routes,
             guint32         src,
             guint32         dst,
             GError        **error)
{
  g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_UNREACHABLE,
               "%s cannot reach %s: the fabric is disconnected between them",
               routes->graph->nodes[src].name, routes->graph->nodes[dst].name);
  return FALSE;
}

static void
class_pass_init (ClassPass     *pass,
                 WeftRoutes    *routes,
                 guint32        klass,
                 WeftStepLoads *step,
                 GPtrArray     *levels)
{
  *pass = (ClassPass) { routes, g_ptr_array_index (routes->classes, klass), step, levels };
  pass->sourced = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
class_pass_clear (ClassPass *pass)
{
  WeftRoutes *routes = pass->routes;

  /* A pass that stopped at a flow that cannot get there, before pushing
   * down, leaves switches queued with traffic: the next pass must not see it. */
  for (guint k = 0; k < pass->levels->len; k++)
    {
      GArray *nodes = g_ptr_array_index (pass->levels, k);

      for (guint i = 0; i < nodes->len; i++)
        {
          routes->inject[g_array_index (nodes, guint32, i)] = 0;
          routes->sw_index[g_array_index (nodes, guint32, i)] = WEFT_ROUTES_NONE;
        }
      g_array_set_size (nodes, 0);
    }
  for (guint i = 0; i < routes->touched->len; i++)
    routes->sw_dist[g_array_index (routes->touched, guint32, i)] = WEFT_ROUTES_FAR;
  g_array_set_size (routes->touched, 0);
  for (guint i = 0; i < routes->closure->len; i++)
    routes->sw_index[g_array_index (routes->closure, guint32, i)] = WEFT_ROUTES_NONE;
  g_array_set_size (routes->closure, 0);
  g_clear_pointer (&pass->g, g_free);
  g_clear_pointer (&pass->lambda, g_free);
  for (guint i = 0; i < pass->sourced->len; i++)
    g_clear_pointer (&routes->sources[g_array_index (pass->sourced, guint32, i)], g_free);
  g_clear_pointer (&pass->sourced, g_array_unref);
}

/* The switches the members of @domain leave by. */
static void
add_exits (WeftRoutes *routes,
           guint32     domain,
           GArray     *needed)
{
  for (guint i = routes->dom_offsets[domain]; i < routes->dom_offsets[domain + 1]; i++)
    {
      guint32 u = routes->dom_members[i];

      g_array_append_vals (needed, &routes->exit_node[routes->exit_offsets[u]],
                           routes->exit_offsets[u + 1] - routes->exit_offsets[u]);
    }
}

/* What reached each of a destination's slots through the switches, from @exits. */
static void
arrivals_from_exits (ClassPass    *pass,
                     const Exit   *exits,
                     guint         n_exits,
                     double        scale,
                     double       *arrivals)
{
  WeftRoutes *routes = pass->routes;
  guint n = pass->klass->n_slots;

  for (guint e = 0; e < n_exits; e++)
    {
      if (exits[e].node == WEFT_ROUTES_NONE)
        arrivals[exits[e].slot] += exits[e].amount * scale;
      else
        {
          const double *g = &pass->g[(gsize) routes->sw_index[exits[e].node] * n];

          for (guint j = 0; j < n; j++)
            arrivals[j] += exits[e].amount * scale * g[j];
        }
    }
}

/* The slowest way from a source (its λ per slot) into a destination (its slots' latency). */
static double
flow_latency (const double *source,
              const double *dest,
              guint         n)
{
  double worst = -INFINITY;

  for (guint j = 0; j < n; j++)
    if (isfinite (source[j]))
      worst = MAX (worst, source[j] + dest[j]);
  return worst;
}

typedef struct
{
  const WeftFlow *flow;
  guint           first_exit;
  guint           n_exits;
} Routed;

static int
compare_flow_class (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  WeftRoutes *routes = user_data;
  const WeftFlow *x = *(const WeftFlow * const *) a, *y = *(const WeftFlow * const *) b;
  guint32 cx = routes->class_of[x->dst], cy = routes->class_of[y->dst];

  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

/* One class's flows, from sources outside their destinations' domains. */
static gboolean
route_class_flows (WeftRoutes      *routes,
                   const WeftFlow **flows,
                   guint            n_flows,
                   WeftStepLoads   *step,
                   GPtrArray       *levels,
                   GError         **error)
{
  ClassPass pass;
  g_autoptr(GArray) needed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) exits = g_array_new (FALSE, FALSE, sizeof (Exit));
  g_autofree Routed *routed = g_new (Routed, n_flows);
  g_autofree double *flow = g_new0 (double, MAX (routes->max_domain, 1));
  gboolean ok = TRUE;
  guint n;

  class_pass_init (&pass, routes, routes->class_of[flows[0]->dst], step, levels);
  n = pass.klass->n_slots;
  /* Many flows of a class may come from one domain: its exits once. */
  for (guint f = 0; f < n_flows; f++)
    if (!routes->dom_seen[routes->dom[flows[f]->src]])
      {
        routes->dom_seen[routes->dom[flows[f]->src]] = TRUE;
        add_exits (routes, routes->dom[flows[f]->src], needed);
      }
  for (guint f = 0; f < n_flows; f++)
    routes->dom_seen[routes->dom[flows[f]->src]] = FALSE;
  class_distances (&pass, needed);

  for (guint f = 0; f < n_flows && ok; f++)
    {
      SourceDomain *sd = source_domain (&pass, routes->dom[flows[f]->src]);

      if (sd->sigma[routes->pos[flows[f]->src]] == WEFT_ROUTES_FAR)
        {
          ok = unreachable (routes, flows[f]->src, flows[f]->dst, error);
          break;
        }
      routed[f] = (Routed) { flows[f], exits->len, 0 };
      flow[routes->pos[flows[f]->src]] = flows[f]->bytes;
      push_out (&pass, sd, flow, 1, exits);
      routed[f].n_exits = exits->len - routed[f].first_exit;
    }
  if (ok)
    {
      g_autofree double *arrivals = g_new (double, MAX (n, 1));
      g_autofree double *slot_latency = g_new (double, MAX (n, 1));

      push_down (&pass);
      pass_up (&pass);
      for (guint f = 0; f < n_flows; f++)
        {
          SourceDomain *sd = source_domain (&pass, routes->dom[flows[f]->src]);
          double latency;

          for (guint j = 0; j < n; j++)
            arrivals[j] = 0;
          arrivals_from_exits (&pass, &g_array_index (exits, Exit, routed[f].first_exit),
                               routed[f].n_exits, 1, arrivals);
          push_in (routes, flows[f]->dst, arrivals, slot_latency, step->load);
          latency =
              flow_latency (source_lambda (&pass, sd, routes->pos[flows[f]->src]), slot_latency, n);
          step->max_latency_ns = MAX (step->max_latency_ns, latency);
          step->sum_latency_ns += latency;
        }
    }
  class_pass_clear (&pass);
  return ok;
}

static GPtrArray *
new_levels (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

gboolean
weft_routes_add_flows (WeftRoutes     *routes,
                       const WeftFlow *flows,
                       guint           n_flows,
                       WeftStepLoads  *step,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GPtrArray) levels = new_levels ();
  g_autoptr(GPtrArray) across = g_ptr_array_new ();

  for (guint f = 0; f < n_flows; f++)
    {
      if (flows[f].src == flows[f].dst || flows[f].bytes == 0)
        continue;
      if (routes->dom[flows[f].src] == routes->dom[flows[f].dst])
        {
          if (!route_inside (routes, &flows[f], step))
            return unreachable (routes, flows[f].src, flows[f].dst, error);
        }
      else
        g_ptr_array_add (across, (gpointer) &flows[f]);
    }
  g_ptr_array_sort_with_data (across, compare_flow_class, routes);
  for (guint start = 0, end; start < across->len; start = end)
    {
      const WeftFlow **group = (const WeftFlow **) &across->pdata[start];
      guint32 klass = routes->class_of[group[0]->dst];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (end = start + 1; end < across->len; end++)
        if (routes->class_of[((WeftFlow *) across->pdata[end])->dst] != klass)
          break;
      if (!route_class_flows (routes, group, end - start, step, levels, error))
        return FALSE;
    }
  return TRUE;
}

/* The members of one class that are in the group, and per source domain
 * the group's GPUs there. */
typedef struct
{
  guint32 domain;
  guint   first_exit;
  guint   n_exits;
  guint   targets;        /* the class's members outside this domain */
  double *arrivals;       /* per target, n_slots */
} AllSource;

/* The best and second-best value per slot over destinations, with their
 * domains, so that a source domain can take the best that is not its own. */
typedef struct
{
  double  best[2];
  guint32 domain[2];
} TopTwo;

static void
top_two_add (TopTwo  *top,
             double   value,
             guint32  domain)
{
  if (value > top->best[0])
    {
      if (top->domain[0] != domain)
        {
          top->best[1] = top->best[0];
          top->domain[1] = top->domain[0];
        }
      top->best[0] = value;
      top->domain[0] = domain;
    }
  else if (value > top->best[1] && domain != top->domain[0])
    {
      top->best[1] = value;
      top->domain[1] = domain;
    }
}

/* One class's share of an all-to-all: its members in the group, and the
 * group's GPUs by domain, each sending @bytes to every member outside its own domain. */
typedef struct
{
  ClassPass      pass;
  const guint32 *members;
  guint          n_members;
  GArray        *domains;     /* guint32, the group's domains */
  GHashTable    *group_in;    /* domain + 1 → GArray of the group's GPUs there */
  double         bytes;
  AllSource     *sources;     /* per group domain */
  GArray        *exits;
} AllToAll;

/* Out of every source domain, for every member outside it. */
static gboolean
push_sources (AllToAll  *job,
              GError   **error)
{
  WeftRoutes *routes = job->pass.routes;
  g_autoptr(GHashTable) member_count = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) needed = g_array_new (FALSE, FALSE, sizeof (guint32));
  double *flow = routes->scratch_flow;

  for (guint i = 0; i < job->n_members; i++)
    {
      gpointer key = GUINT_TO_POINTER (routes->dom[job->members[i]] + 1);

      g_hash_table_insert (
          member_count, key,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (member_count, key)) + 1));
    }
  for (guint d = 0; d < job->domains->len; d++)
    add_exits (routes, g_array_index (job->domains, guint32, d), needed);
  class_distances (&job->pass, needed);

  for (guint d = 0; d < job->domains->len; d++)
    {
      guint32 domain = g_array_index (job->domains, guint32, d);
      GArray *gpus = g_hash_table_lookup (job->group_in, GUINT_TO_POINTER (domain + 1));
      AllSource *source = &job->sources[d];
      SourceDomain *sd;

      source->domain = domain;
      source->targets =
          job->n_members -
          GPOINTER_TO_UINT (g_hash_table_lookup (member_count, GUINT_TO_POINTER (domain + 1)));
      if (source->targets == 0)
        continue;
      sd = source_domain (&job->pass, domain);
      for (guint i = 0; i < gpus->len; i++)
        {
          guint32 gpu = g_array_index (gpus, guint32, i);

          if (sd->sigma[routes->pos[gpu]] != WEFT_ROUTES_FAR)
            {
              flow[routes->pos[gpu]] = job->bytes;
              continue;
            }
          for (guint p = 0; p < sd->n; p++)
            flow[p] = 0;
          for (guint m = 0; m < job->n_members; m++)
            if (routes->dom[job->members[m]] != domain)
              return unreachable (routes, gpu, job->members[m], error);
        }
      source->first_exit = job->exits->len;
      push_out (&job->pass, sd, flow, source->targets, job->exits);
      source->n_exits = job->exits->len - source->first_exit;
    }
  return TRUE;
}

/* Each member gets what every domain but its own sends it; @top keeps the
 * slowest way in per slot, for the latency. */
static void
deliver_to_members (AllToAll *job,
                    TopTwo   *top)
{
  WeftRoutes *routes = job->pass.routes;
  guint n = job->pass.klass->n_slots;
  g_autofree double *total = g_new0 (double, MAX (n, 1));
  g_autofree double *arrivals = g_new (double, MAX (n, 1));
  g_autofree double *slot_latency = g_new (double, MAX (n, 1));
  g_autoptr(GHashTable) own = g_hash_table_new (NULL, NULL);

  for (guint d = 0; d < job->domains->len; d++)
    {
      AllSource *source = &job->sources[d];

      g_hash_table_insert (own, GUINT_TO_POINTER (source->domain + 1), source);
      if (source->targets == 0)
        continue;
      source->arrivals = g_new0 (double, MAX (n, 1));
      arrivals_from_exits (&job->pass, &g_array_index (job->exits, Exit, source->first_exit),
                           source->n_exits, 1, source->arrivals);
      for (guint j = 0; j < n; j++)
        total[j] += source->arrivals[j];
    }
  for (guint j = 0; j < n; j++)
    top[j] = (TopTwo) { { -INFINITY, -INFINITY }, { WEFT_ROUTES_NONE, WEFT_ROUTES_NONE } };
  for (guint m = 0; m < job->n_members; m++)
    {
      const AllSource *mine =
          g_hash_table_lookup (own, GUINT_TO_POINTER (routes->dom[job->members[m]] + 1));

      for (guint j = 0; j < n; j++)
        arrivals[j] = total[j] - (mine != NULL && mine->arrivals != NULL ? mine->arrivals[j] : 0);
      push_in (routes, job->members[m], arrivals, slot_latency, job->pass.step->load);
      for (guint j = 0; j < n; j++)
        top_two_add (&top[j], slot_latency[j], routes->dom[job->members[m]]);
    }
}

/* The slowest flow: from the slowest source of a domain to the slowest member outside it. */
static void
slowest_flow (AllToAll     *job,
              const TopTwo *top)
{
  WeftRoutes *routes = job->pass.routes;
  guint n = job->pass.klass->n_slots;

  for (guint d = 0; d < job->domains->len; d++)
    {
      AllSource *source = &job->sources[d];
      GArray *gpus = g_hash_table_lookup (job->group_in, GUINT_TO_POINTER (source->domain + 1));
      SourceDomain *sd;

      if (source->targets == 0)
        continue;
      sd = source_domain (&job->pass, source->domain);
      for (guint i = 0; i < gpus->len; i++)
        {
          const double *lambda =
              source_lambda (&job->pass, sd, routes->pos[g_array_index (gpus, guint32, i)]);

          for (guint j = 0; j < n; j++)
            {
              double dest = top[j].domain[0] != source->domain ? top[j].best[0] : top[j].best[1];

              if (isfinite (lambda[j]) && isfinite (dest))
                job->pass.step->max_latency_ns =
                    MAX (job->pass.step->max_latency_ns, lambda[j] + dest);
            }
        }
    }
}

static gboolean
route_class_all_to_all (WeftRoutes    *routes,
                        const guint32 *members,
                        guint          n_members,
                        GArray        *domains,
                        GHashTable    *group_in,
                        double         bytes,
                        WeftStepLoads *step,
                        GPtrArray     *levels,
                        GError       **error)
{
  AllToAll job = { .members = members, .n_members = n_members, .domains = domains,
                   .group_in = group_in, .bytes = bytes };
  gboolean ok;

  class_pass_init (&job.pass, routes, routes->class_of[members[0]], step, levels);
  job.sources = g_new0 (AllSource, domains->len);
  job.exits = g_array_new (FALSE, FALSE, sizeof (Exit));
  ok = push_sources (&job, error);
  if (ok)
    {
      g_autofree TopTwo *top = g_new (TopTwo, MAX (job.pass.klass->n_slots, 1));

      push_down (&job.pass);
      pass_up (&job.pass);
      deliver_to_members (&job, top);
      slowest_flow (&job, top);
    }
  for (guint d = 0; d < domains->len; d++)
    g_free (job.sources[d].arrivals);
  g_free (job.sources);
  g_array_unref (job.exits);
  class_pass_clear (&job.pass);
  return ok;
}

static int
compare_by_class (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  WeftRoutes *routes = user_data;
  guint32 cx = routes->class_of[*(const guint32 *) a], cy = routes->class_of[*(const guint32 *) b];

  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

gboolean
weft_routes_add_all_to_all (WeftRoutes    *routes,
                            const guint32 *gpus,
                            guint          n_gpus,
                            double         bytes,
                            WeftStepLoads *step,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) levels = new_levels ();
  g_autoptr(GHashTable) group_in = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) domains = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *by_class = g_memdup2 (gpus, n_gpus * sizeof (guint32));

  for (guint i = 0; i < n_gpus; i++)
    {
      guint32 domain = routes->dom[gpus[i]];
      GArray *list = g_hash_table_lookup (group_in, GUINT_TO_POINTER (domain + 1));

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_hash_table_insert (group_in, GUINT_TO_POINTER (domain + 1), list);
          g_array_append_val (domains, domain);
        }
      g_array_append_val (list, gpus[i]);
    }

  /* Pairs inside one domain stay on its scale-up links. */
  for (guint d = 0; d < domains->len; d++)
    {
      GArray *list = g_hash_table_lookup (
          group_in, GUINT_TO_POINTER (g_array_index (domains, guint32, d) + 1));

      for (guint i = 0; i < list->len; i++)
        for (guint k = 0; k < list->len; k++)
          {
            WeftFlow flow = { g_array_index (list, guint32, i), g_array_index (list, guint32, k),
                              bytes };

            if (i != k && !route_inside (routes, &flow, step))
              return unreachable (routes, flow.src, flow.dst, error);
          }
    }

  g_qsort_with_data (by_class, n_gpus, sizeof (guint32), compare_by_class, routes);
  for (guint start = 0, end; start < n_gpus; start = end)
    {
      guint32 klass = routes->class_of[by_class[start]];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (end = start + 1; end < n_gpus && routes->class_of[by_class[end]] == klass; end++)
        ;
      if (!route_class_all_to_all (routes, &by_class[start], end - start, domains, group_in, bytes,
                                   step, levels, error))
        return FALSE;
    }
  return TRUE;
}
