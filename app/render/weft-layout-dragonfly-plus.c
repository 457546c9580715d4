/* weft-layout-dragonfly-plus.c — Dragonfly+'s logical view: a ring of small leaf-spines. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <string.h>

#define PITCH    (SPACING * 1.5)   /* between switches of a row in a group */
#define ROWS_GAP 40.0              /* between a group's spines and its leaves */

/* Each group's box: around its switches and their GPUs, tight to them
 * however the group is turned. */
static void
add_group_boxes (WeftLayout     *layout,
                 const WeftNode *nodes,
                 guint           n_nodes,
                 const guint    *leaf_of,
                 gint32          n_groups)
{
  g_autofree double *box = g_new (double, 4 * (gsize) MAX (n_groups, 1));

  for (gint32 g = 0; g < n_groups; g++)
    weft_layout_extent_clear (box + 4 * g);
  for (guint i = 0; i < n_nodes; i++)
    {
      gint32 g = nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE
                 ? nodes[leaf_of[i]].groups.group : nodes[i].groups.group;

      if (g < 0 || g >= n_groups || (nodes[i].kind != WEFT_NODE_GPU &&
                                      nodes[i].kind != WEFT_NODE_LEAF &&
                                      nodes[i].kind != WEFT_NODE_SPINE))
        continue;
      weft_layout_extent_add (layout, box + 4 * g, i);
    }
  for (gint32 g = 0; g < n_groups; g++)
    {
      const double *b = box + 4 * g;
      g_autofree char *label = g_strdup_printf ("group %d", g);

      if (b[0] > b[2])
        continue;
      weft_layout_add_group (layout, label,
                             (WeftBox) { b[0] - 3 * RADIUS, b[1] - 3 * RADIUS,
                                         b[2] - b[0] + 6 * RADIUS, b[3] - b[1] + 6 * RADIUS });
    }
}

/* Dragonfly+ (Shpiner et al.): each group on a ring, drawn as a leaf-spine
 * turned to face the middle — spines on the inside, where the global links
 * leave them as chords, leaves outside, each leaf's GPUs fanned outwards
 * beyond it — so that a group's own links stay inside its box. */
void
weft_layout_place_leaf_spine_ring (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n_nodes, 1));
  g_autofree guint *rank = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *leaf_of = g_new (guint, MAX (n_nodes, 1));
  g_autofree guint *attached = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *leaves_in = NULL, *spines_in = NULL;
  gint32 n_groups = 0;
  guint widest = 1, deepest = 0;
  double half_width, half_depth, outer, radius;

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_LEAF || nodes[i].kind == WEFT_NODE_SPINE)
      n_groups = MAX (n_groups, nodes[i].groups.group + 1);
  leaves_in = g_new0 (guint, MAX (n_groups, 1));
  spines_in = g_new0 (guint, MAX (n_groups, 1));

  /* Each switch's place in its row of its group. */
  for (guint i = 0; i < n_nodes; i++)
    {
      gint32 g = nodes[i].groups.group;

      if (g < 0 || (nodes[i].kind != WEFT_NODE_LEAF && nodes[i].kind != WEFT_NODE_SPINE))
        continue;
      rank[i] = nodes[i].kind == WEFT_NODE_LEAF ? leaves_in[g]++ : spines_in[g]++;
      widest = MAX (widest, MAX (leaves_in[g], spines_in[g]));
    }
  /* Each GPU's leaf, and each leaf's GPUs. */
  weft_layout_attach_gpus (nodes, n_nodes, links, n_links, WEFT_NODE_LEAF, leaf_of);
  for (guint i = 0; i < n_nodes; i++)
    if (leaf_of[i] != WEFT_NONE)
      deepest = MAX (deepest, ++attached[leaf_of[i]]);

  /* A group's content about its centre: rows across, spines inwards,
   * leaves ROWS_GAP further out and their GPUs beyond, centred along the
   * radius. Centres on the ring a bounding circle's diameter apart (and
   * some) keep neighbouring groups clear of each other at any angle. */
  half_width = widest * PITCH / 2;
  half_depth = (ROWS_GAP + (deepest > 0 ? 14 + 7 * (deepest - 1) : 0)) / 2;
  outer = sqrt (half_width * half_width + half_depth * half_depth) + 3 * RADIUS;
  radius = MAX (120, (outer + 15) / sin (G_PI / MAX (n_groups, 2)));

  for (guint i = 0; i < n_nodes; i++)
    {
      gint32 g = nodes[i].groups.group;
      gboolean leaf = nodes[i].kind == WEFT_NODE_LEAF;
      double angle, across, along;

      if (g < 0 || (!leaf && nodes[i].kind != WEFT_NODE_SPINE))
        continue;
      angle = 2 * G_PI * g / n_groups - G_PI / 2;
      across = (rank[i] + 0.5 - (leaf ? leaves_in[g] : spines_in[g]) / 2.0) * PITCH;
      along = radius - half_depth + (leaf ? ROWS_GAP : 0);
      layout->x[i] = along * cos (angle) - across * sin (angle);
      layout->y[i] = along * sin (angle) + across * cos (angle);
      placed[i] = TRUE;
    }
  /* GPUs out from their leaf, along the ring's radius. */
  memset (attached, 0, sizeof (guint) * n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
      {
        guint leaf = leaf_of[i];
        gint32 g = nodes[leaf].groups.group;
        double angle = 2 * G_PI * g / n_groups - G_PI / 2;
        double out = 14 + 7 * attached[leaf]++;

        layout->x[i] = layout->x[leaf] + out * cos (angle);
        layout->y[i] = layout->y[leaf] + out * sin (angle);
        placed[i] = TRUE;
      }
  add_group_boxes (layout, nodes, n_nodes, leaf_of, n_groups);
  weft_layout_place_by_neighbours (layout, placed);
  weft_layout_place_by_neighbours (layout, placed);
}
