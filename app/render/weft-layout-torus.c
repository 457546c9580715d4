/* weft-layout-torus.c — the logical view of a torus: chips on a grid, slices side by side. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <string.h>

/* Torus: chips on a grid by their coordinates, the third dimension's
 * slices side by side; long links across the grid are its wrap-around. */
void
weft_layout_place_grid (WeftLayout *layout)
{
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  g_autofree guint8 *placed = g_new0 (guint8, n_nodes);
  guint dims[4] = { 1, 1, 1, 1 };
  g_autofree guint *coords = g_new0 (guint, 4 * (gsize) n_nodes);
  double step = 30;
  guint columns;

  for (guint i = 0; i < n_nodes; i++)
    {
      const char *dash = strchr (nodes[i].name, '-');
      g_auto(GStrv) parts = dash ? g_strsplit (dash + 1, ".", 4) : NULL;

      for (guint d = 0; parts != NULL && parts[d] != NULL && d < 4; d++)
        {
          coords[4 * i + d] = (guint) g_ascii_strtoull (parts[d], NULL, 10);
          dims[d] = MAX (dims[d], coords[4 * i + d] + 1);
        }
    }
  /* Slices of the third dimension tiled in a square, the fourth below them. */
  columns = (guint) ceil (sqrt (dims[2]));
  for (guint i = 0; i < n_nodes; i++)
    {
      const guint *c = coords + 4 * i;
      double x = (c[0] + (c[2] % columns) * (dims[0] + 1.5)) * step;
      double y = (c[1] + (c[2] / columns + c[3] * ((dims[2] + columns - 1) / columns)) *
                  (dims[1] + 1.5)) * step;

      if (nodes[i].kind != WEFT_NODE_ROUTER && nodes[i].kind != WEFT_NODE_GPU)
        continue;
      layout->x[i] = x + (nodes[i].kind == WEFT_NODE_GPU ? 9 : 0);
      layout->y[i] = y + (nodes[i].kind == WEFT_NODE_GPU ? 9 : 0);
      placed[i] = TRUE;
    }
  for (guint z = 0; z < dims[2] && dims[2] > 1; z++)
    {
      g_autofree char *label = g_strdup_printf ("z = %u", z);

      weft_layout_add_group (layout, label,
                             (WeftBox) { ((z % columns) * (dims[0] + 1.5) - 0.5) * step,
                                         ((z / columns) * (dims[1] + 1.5) - 0.5) * step,
                                         (dims[0] + 0.2) * step, (dims[1] + 0.3) * step });
    }
  layout->wrap_length = 1.5 * step;
  weft_layout_place_by_neighbours (layout, placed);
}
