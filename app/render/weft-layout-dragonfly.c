/* weft-layout-dragonfly.c — the logical view of a Dragonfly: groups on a ring, links as chords. */
#include "render/weft-layout-private.h"

#include <math.h>

/* Dragonfly: groups on a ring, routers on a small circle inside each,
 * GPUs just outside their router; global links become chords. */
void
weft_layout_place_ring (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint8 *placed = g_new0 (guint8, n_nodes);
  g_autofree guint *router_of = g_new (guint, MAX (n_nodes, 1));
  g_autofree guint *in_group = NULL, *rank = g_new0 (guint, n_nodes);
  g_autofree guint *attached = g_new0 (guint, n_nodes);
  gint32 n_groups = 0;
  guint per_group = 1, max_attached = 0;
  double ring, inner, outer;

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER)
      n_groups = MAX (n_groups, nodes[i].groups.group + 1);
  in_group = g_new0 (guint, MAX (n_groups, 1));
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER && nodes[i].groups.group >= 0)
      {
        rank[i] = in_group[nodes[i].groups.group]++;
        per_group = MAX (per_group, in_group[nodes[i].groups.group]);
      }
  inner = MAX (24, per_group * SPACING * 1.6 / (2 * G_PI));
  /* GPUs fan out beyond the routers; groups must not overlap on the ring. */
  for (guint i = 0; i < n_links; i++)
    if ((nodes[links[i].a].kind == WEFT_NODE_GPU) != (nodes[links[i].b].kind == WEFT_NODE_GPU))
      attached[nodes[links[i].a].kind == WEFT_NODE_GPU ? links[i].b : links[i].a]++;
  for (guint i = 0; i < n_nodes; i++)
    {
      max_attached = MAX (max_attached, attached[i]);
      attached[i] = 0;
    }
  outer = inner + 24 + 7 * max_attached;
  /* Neighbouring groups' boxes clear each other at any angle: their centres
   * are at least a box's diagonal apart. */
  ring = MAX (120, (G_SQRT2 * outer + 15) / sin (G_PI / MAX (n_groups, 2)));

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER && nodes[i].groups.group >= 0)
      {
        gint32 g = nodes[i].groups.group;
        double angle = 2 * G_PI * g / n_groups - G_PI / 2;
        double local = angle + 2 * G_PI * rank[i] / in_group[g];
        double cx = ring * cos (angle), cy = ring * sin (angle);

        layout->x[i] = cx + inner * cos (local);
        layout->y[i] = cy + inner * sin (local);
        placed[i] = TRUE;
        if (rank[i] == 0)
          {
            g_autofree char *label = g_strdup_printf ("group %d", g);

            weft_layout_add_group (layout, label,
                                   (WeftBox) { cx - outer, cy - outer, 2 * outer, 2 * outer });
          }
      }

  /* GPUs outside their router, fanned along the ring's radius. */
  for (guint i = 0; i < n_nodes; i++)
    router_of[i] = WEFT_NONE;
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (nodes[me].kind == WEFT_NODE_GPU && nodes[other].kind == WEFT_NODE_ROUTER &&
            router_of[me] == WEFT_NONE)
          router_of[me] = other;
      }
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU)
      {
        guint router = router_of[i];
        double dx, dy, norm, k;

        if (router == WEFT_NONE)
          continue;
        dx = layout->x[router];
        dy = layout->y[router];
        norm = MAX (1e-9, sqrt (dx * dx + dy * dy));
        k = attached[router]++;
        layout->x[i] = dx + dx / norm * (14 + 7 * k);
        layout->y[i] = dy + dy / norm * (14 + 7 * k);
        placed[i] = TRUE;
      }
  weft_layout_place_by_neighbours (layout, placed);
  weft_layout_place_by_neighbours (layout, placed);
}
