/* weft-collective-routes-private.h — what the routes' construction and their traffic passes share.
 */
#pragma once

#include "collectives/weft-collective-routes.h"
#include "metrics/weft-metrics-private.h"

G_BEGIN_DECLS

#define WEFT_ROUTES_NONE G_MAXUINT32
#define WEFT_ROUTES_FAR  G_MAXINT32
/* The direction of link @l taken from node @from: 2l for a → b, 2l + 1 for b → a. */
#define WEFT_ROUTES_ARC(g, l, from) (2 * (guint32) (l) + ((g)->links[l].a == (from) ? 0 : 1))

/* One way into a destination's domain, as its class knows it: from node
 * @from (a scale-out switch or a member of another domain), @offset hops
 * from the destination, over a link of @count parallel links. */
typedef struct
{
  guint32 from;
  guint32 offset;
  guint32 count;
} WeftRouteSlot;

typedef struct
{
  WeftRouteSlot slot;
  guint32       arc;      /* from → entry */
  guint32       entry;    /* the member of the destination's domain it reaches */
} WeftRouteEntry;

/* Inside a GPU's domain, toward it: each member's hops and slowest latency
 * to the GPU, and the members it reaches by falling distance. Worked out
 * once per GPU and kept: every flow into that GPU needs it. */
typedef struct
{
  gint32  *dist;      /* by position in the domain */
  double  *lambda;
  guint32 *order;     /* positions, nearest first */
  guint    n_order;
} WeftWayIn;

/* Destinations entered alike; slots sorted by (from, offset, count). */
typedef struct
{
  guint          id;
  guint          n_slots;
  WeftRouteSlot *slots;
  gboolean       member_slots;   /* some slot starts at a member of another domain */
} WeftRouteClass;

struct _WeftRoutes
{
  gint              ref_count;
  WeftMetricsGraph *graph;

  guint32          *dom;            /* per node: its domain, or NONE for a scale-out switch */
  guint             n_domains;
  guint32          *dom_offsets;    /* n_domains + 1, into dom_members */
  guint32          *dom_members;    /* in node order */
  guint32          *pos;            /* per member: its place in its domain's list */
  guint             max_domain;

  GPtrArray        *classes;        /* WeftRouteClass */
  guint32          *class_of;       /* per GPU */
  guint32          *entry_offsets;  /* per node + 1, into entry_arc and entry_node */
  guint32          *entry_arc;      /* each GPU's entries, in its class's slot order */
  guint32          *entry_node;

  WeftWayIn       **way_in;         /* per GPU, made when first needed */

  /* Adjacency by what the passes follow, each in the graph's order: a
   * switch's links to switches; a member's scale-up neighbours (their
   * positions) and the switches its scale-out links reach. Per node + 1. */
  guint32          *sw_offsets;
  guint32          *sw_adj_node;
  guint32          *sw_adj_link;
  guint32          *up_offsets;
  guint32          *up_pos;
  guint32          *up_link;
  guint32          *exit_offsets;
  guint32          *exit_node;

  /* Scratch, kept clean between passes. */
  guint32          *queue;
  double           *scratch_flow;   /* max_domain, zero between uses */
  gint32           *scratch_dist;   /* max_domain */
  gint32           *sw_dist;        /* per node: hops to the class being routed */
  guint32          *sw_index;       /* per node: its place in the closure */
  double           *inject;         /* per node: traffic waiting at a switch */
  GArray           *touched;        /* nodes whose sw_dist was set */
  GArray           *closure;        /* switches that carried traffic, by falling distance */
  guint8           *wanted;         /* per node: a switch the class's distances must reach */
  guint8           *dom_seen;       /* per domain: its exits are among those wanted */
  gpointer         *sources;        /* per domain: its view of the class being routed */
};

void             weft_routes_domain_distances (WeftRoutes *self,
                                               guint32     target,
                                               gint32     *dist);
const WeftWayIn *weft_routes_way_in           (WeftRoutes *self,
                                               guint32     gpu);

G_END_DECLS
