/* weft-layout-jellyfish.c — a Jellyfish's logical view: switches on a ring, links as chords. */
#include "render/weft-layout-private.h"

#include <math.h>

#define PITCH (SPACING * 1.5)   /* between switches along the ring */

/* Jellyfish (Singla et al.): a random graph has no structure to draw, so
 * its switches go round one ring in order and its links cross it as
 * chords, which the renderer bundles when zoomed out; each switch's GPUs
 * stand out from it along the radius. */
void
weft_layout_place_circle (WeftLayout *layout)
{
  guint n_nodes, n_links, n_switches = 0, k = 0;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n_nodes, 1));
  g_autofree guint *switch_of = g_new (guint, MAX (n_nodes, 1));
  g_autofree guint *attached = g_new0 (guint, MAX (n_nodes, 1));
  double radius;

  for (guint i = 0; i < n_nodes; i++)
    n_switches += nodes[i].kind == WEFT_NODE_ROUTER;
  radius = MAX (120, n_switches * PITCH / (2 * G_PI));
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_ROUTER)
      {
        double angle = 2 * G_PI * k++ / MAX (n_switches, 1) - G_PI / 2;

        layout->x[i] = radius * cos (angle);
        layout->y[i] = radius * sin (angle);
        placed[i] = TRUE;
      }

  weft_layout_attach_gpus (nodes, n_nodes, links, n_links, WEFT_NODE_ROUTER, switch_of);
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && switch_of[i] != WEFT_NONE)
      {
        guint s = switch_of[i];
        double out = 1 + (14 + 7 * attached[s]++) / radius;

        layout->x[i] = layout->x[s] * out;
        layout->y[i] = layout->y[s] * out;
        placed[i] = TRUE;
      }
  weft_layout_place_by_neighbours (layout, placed);
  weft_layout_place_by_neighbours (layout, placed);
}
