/* weft-layout-hyperx.c — the logical view of HyperX: a lattice of switches, slices side by side. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <string.h>

#define GPU_PITCH 8.0

/* How far a row bows: a row's switches sit on a shallow parabola instead
 * of a line, so that the all-to-all links along it are chords that lie
 * apart rather than on top of each other. */
static double
bow (guint c,
     guint size)
{
  double t;

  if (size < 3)
    return 0;
  t = 2.0 * c / (size - 1) - 1;
  return t * t;
}

/* HyperX (Ahn et al.): switches on a grid by their coordinates, read from
 * their names as the torus's are; the third dimension's slices tiled in a
 * square, the fourth's below them; each row bowed by the coordinate it
 * does not vary, and each switch's GPUs in a small block beside it. */
void
weft_layout_place_lattice (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint8 *placed = g_new0 (guint8, MAX (n_nodes, 1));
  g_autofree guint *coords = g_new0 (guint, 4 * (gsize) MAX (n_nodes, 1));
  g_autofree guint *switch_of = g_new (guint, MAX (n_nodes, 1));
  g_autofree guint *attached = g_new0 (guint, MAX (n_nodes, 1));
  guint dims[4] = { 1, 1, 1, 1 }, most = 1, columns, slice_rows, block;
  double step, lift[4], slice_w, slice_h;

  for (guint i = 0; i < n_nodes; i++)
    {
      const char *dash = strchr (nodes[i].name, '-');
      g_auto(GStrv) parts = NULL;

      if (nodes[i].kind != WEFT_NODE_ROUTER || dash == NULL)
        continue;
      parts = g_strsplit (dash + 1, ".", 4);
      for (guint d = 0; parts[d] != NULL && d < 4; d++)
        {
          coords[4 * i + d] = (guint) g_ascii_strtoull (parts[d], NULL, 10);
          dims[d] = MAX (dims[d], coords[4 * i + d] + 1);
        }
    }
  weft_layout_attach_gpus (nodes, n_nodes, links, n_links, WEFT_NODE_ROUTER, switch_of);
  for (guint i = 0; i < n_nodes; i++)
    if (switch_of[i] != WEFT_NONE)
      most = MAX (most, ++attached[switch_of[i]]);
  memset (attached, 0, sizeof (guint) * n_nodes);

  /* Room between switches for a block of GPUs; a row bows by a quarter of
   * that for every four switches along it, enough to part its chords. */
  block = (guint) ceil (sqrt (most));
  step = MAX (30, block * GPU_PITCH + 24);
  for (guint d = 0; d < 4; d++)
    lift[d] = 0.25 * step * MAX (1, (dims[d] - 1) / 4.0);
  columns = (guint) ceil (sqrt (dims[2]));
  slice_rows = (dims[2] + columns - 1) / columns;
  slice_w = (dims[0] + 1.5) * step + lift[1] + lift[3];
  slice_h = (dims[1] + 1.5) * step + lift[0] + lift[2];

  for (guint i = 0; i < n_nodes; i++)
    {
      const guint *c = coords + 4 * i;

      if (nodes[i].kind != WEFT_NODE_ROUTER)
        continue;
      layout->x[i] = c[0] * step + (c[2] % columns) * slice_w +
                     lift[1] * bow (c[1], dims[1]) + lift[3] * bow (c[3], dims[3]);
      layout->y[i] = c[1] * step + (c[2] / columns + c[3] * slice_rows) * slice_h +
                     lift[0] * bow (c[0], dims[0]) + lift[2] * bow (c[2], dims[2]);
      placed[i] = TRUE;
    }
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && switch_of[i] != WEFT_NONE)
      {
        guint s = switch_of[i], k = attached[s]++;

        layout->x[i] = layout->x[s] + 10 + (k % block) * GPU_PITCH;
        layout->y[i] = layout->y[s] + 10 + (k / block) * GPU_PITCH;
        placed[i] = TRUE;
      }
  /* A box round each slice's switches and GPUs, when there are slices. */
  if (dims[2] * dims[3] > 1)
    {
      guint n_slices = dims[2] * dims[3];
      g_autofree double *box = g_new (double, 4 * (gsize) n_slices);

      for (guint z = 0; z < n_slices; z++)
        weft_layout_extent_clear (box + 4 * z);
      for (guint i = 0; i < n_nodes; i++)
        {
          guint s = nodes[i].kind == WEFT_NODE_GPU ? switch_of[i] : i;
          guint slice;

          if (s == WEFT_NONE || nodes[s].kind != WEFT_NODE_ROUTER)
            continue;
          slice = coords[4 * s + 2] + coords[4 * s + 3] * dims[2];
          weft_layout_extent_add (layout, box + 4 * slice, i);
        }
      for (guint z = 0; z < n_slices; z++)
        {
          const double *b = box + 4 * z;
          g_autofree char *label = dims[3] > 1 ? g_strdup_printf ("z = %u, w = %u", z % dims[2],
                                                                  z / dims[2])
                                               : g_strdup_printf ("z = %u", z);

          if (b[0] <= b[2])
            weft_layout_add_group (layout, label,
                                   (WeftBox) { b[0] - 3 * RADIUS, b[1] - 3 * RADIUS,
                                               b[2] - b[0] + 6 * RADIUS,
                                               b[3] - b[1] + 6 * RADIUS });
        }
    }
  weft_layout_place_by_neighbours (layout, placed);
}
