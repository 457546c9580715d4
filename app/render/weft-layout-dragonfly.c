/* weft-layout-dragonfly.c — Dragonfly and Slim Fly logically: groups on a ring, links as chords. */
#include "render/weft-layout-private.h"

#include <math.h>

/* What the steps of the Dragonfly placement share. */
typedef struct
{
  WeftLayout     *layout;
  const WeftNode *nodes;
  guint           n_nodes;
  const WeftLink *links;
  guint           n_links;
  guint8         *placed;
  gint32          n_groups;
  guint          *in_group;    /* routers per group */
  guint          *rank;        /* a router's place in its group */
  guint          *attached;    /* GPUs per router; while placing them, those placed */
  double          radius;      /* the ring's, to the groups' centres */
  double          inner;       /* a group's circle of routers */
  double          outer;       /* a group's box, half its side */
} Ring;

/* Each router's place in its group; returns the most routers in a group. */
static guint
rank_routers (Ring *ring)
{
  const WeftNode *nodes = ring->nodes;
  guint per_group = 1;

  for (guint i = 0; i < ring->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER && nodes[i].groups.group >= 0)
      {
        ring->rank[i] = ring->in_group[nodes[i].groups.group]++;
        per_group = MAX (per_group, ring->in_group[nodes[i].groups.group]);
      }
  return per_group;
}

/* The most links to GPUs on one router; the counts are left at zero, for
 * placing the GPUs. */
static guint
count_attached (Ring *ring)
{
  const WeftNode *nodes = ring->nodes;
  const WeftLink *links = ring->links;
  guint *attached = ring->attached, max_attached = 0;

  for (guint i = 0; i < ring->n_links; i++)
    if ((nodes[links[i].a].kind == WEFT_NODE_GPU) != (nodes[links[i].b].kind == WEFT_NODE_GPU))
      attached[nodes[links[i].a].kind == WEFT_NODE_GPU ? links[i].b : links[i].a]++;
  for (guint i = 0; i < ring->n_nodes; i++)
    {
      max_attached = MAX (max_attached, attached[i]);
      attached[i] = 0;
    }
  return max_attached;
}

/* Each group's routers on a small circle about its place on the ring, and
 * the group's box around them. A Slim Fly's groups are named as its
 * routers are, (s, x, ·): the first half of the ring is s = 0, the second
 * s = 1, and its links between groups all run from one half to the other. */
static void
place_routers (Ring *ring)
{
  WeftLayout *layout = ring->layout;
  const WeftNode *nodes = ring->nodes;
  const WeftGenParams *params = weft_fabric_get_generator (layout->fabric);
  gboolean slim_fly = params != NULL && params->arch == WEFT_ARCH_SLIM_FLY;
  gint32 q = MAX (1, ring->n_groups / 2);
  double inner = ring->inner, outer = ring->outer;

  for (guint i = 0; i < ring->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER && nodes[i].groups.group >= 0)
      {
        gint32 g = nodes[i].groups.group;
        double angle = 2 * G_PI * g / ring->n_groups - G_PI / 2;
        double local = angle + 2 * G_PI * ring->rank[i] / ring->in_group[g];
        double cx = ring->radius * cos (angle), cy = ring->radius * sin (angle);

        layout->x[i] = cx + inner * cos (local);
        layout->y[i] = cy + inner * sin (local);
        ring->placed[i] = TRUE;
        if (ring->rank[i] == 0)
          {
            g_autofree char *label = slim_fly ? g_strdup_printf ("(%d, %d, ·)", g / q, g % q)
                                              : g_strdup_printf ("group %d", g);

            weft_layout_add_group (layout, label,
                                   (WeftBox) { cx - outer, cy - outer, 2 * outer, 2 * outer });
          }
      }
}

/* GPUs outside their router, fanned along the ring's radius. */
static void
place_gpus (Ring *ring)
{
  WeftLayout *layout = ring->layout;
  const WeftNode *nodes = ring->nodes;
  const WeftLink *links = ring->links;
  g_autofree guint *router_of = g_new (guint, MAX (ring->n_nodes, 1));

  weft_layout_attach_gpus (nodes, ring->n_nodes, links, ring->n_links, WEFT_NODE_ROUTER, router_of);
  for (guint i = 0; i < ring->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU)
      {
        guint router = router_of[i];
        double dx, dy, norm, k;

        if (router == WEFT_NONE)
          continue;
        dx = layout->x[router];
        dy = layout->y[router];
        norm = MAX (1e-9, sqrt (dx * dx + dy * dy));
        k = ring->attached[router]++;
        layout->x[i] = dx + dx / norm * (14 + 7 * k);
        layout->y[i] = dy + dy / norm * (14 + 7 * k);
        ring->placed[i] = TRUE;
      }
}

/* Dragonfly: groups on a ring, routers on a small circle inside each,
 * GPUs just outside their router; global links become chords. */
void
weft_layout_place_ring (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint8 *placed = g_new0 (guint8, n_nodes);
  g_autofree guint *in_group = NULL, *rank = g_new0 (guint, n_nodes);
  g_autofree guint *attached = g_new0 (guint, n_nodes);
  gint32 n_groups = 0;
  guint per_group, max_attached;
  Ring ring;

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER)
      n_groups = MAX (n_groups, nodes[i].groups.group + 1);
  in_group = g_new0 (guint, MAX (n_groups, 1));
  ring = (Ring) { .layout = layout, .nodes = nodes, .n_nodes = n_nodes,
                  .links = links, .n_links = n_links, .placed = placed,
                  .n_groups = n_groups, .in_group = in_group, .rank = rank,
                  .attached = attached };
  per_group = rank_routers (&ring);
  ring.inner = MAX (24, per_group * SPACING * 1.6 / (2 * G_PI));
  /* GPUs fan out beyond the routers; groups must not overlap on the ring. */
  max_attached = count_attached (&ring);
  ring.outer = ring.inner + 24 + 7 * max_attached;
  /* Neighbouring groups' boxes clear each other at any angle: their centres
   * are at least a box's diagonal apart. */
  ring.radius = MAX (120, (G_SQRT2 * ring.outer + 15) / sin (G_PI / MAX (n_groups, 2)));
  place_routers (&ring);
  place_gpus (&ring);
  weft_layout_place_by_neighbours (layout, placed);
  weft_layout_place_by_neighbours (layout, placed);
}
