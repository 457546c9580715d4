/* weft-layout-hit.c — hit tests: the node under a point, the link or bundle, the rack and its
 * unit. */
#include "render/weft-layout-private.h"

#include <math.h>

void
weft_layout_build_index (WeftLayout *layout)
{
  g_autofree guint32 *fill = NULL;
  guint n_cells;

  /* Cells a few nodes wide, and about as many cells as nodes: the index is
   * rebuilt on every edit, so its size must follow the fabric, not the page. */
  layout->cell = MAX (4 * RADIUS, sqrt (layout->bounds.width * layout->bounds.height /
                                        MAX (2.0 * layout->n_nodes, 64)));
  layout->columns = (guint) (layout->bounds.width / layout->cell) + 1;
  layout->rows = (guint) (layout->bounds.height / layout->cell) + 1;
  n_cells = layout->columns * layout->rows;
  layout->cell_offsets = g_new0 (guint32, n_cells + 1);
  layout->cell_nodes = g_new (guint32, MAX (layout->n_nodes, 1));
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      guint cx = (guint) ((layout->x[i] - layout->bounds.x) / layout->cell);
      guint cy = (guint) ((layout->y[i] - layout->bounds.y) / layout->cell);

      layout->cell_offsets[cy * layout->columns + cx + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    layout->cell_offsets[c + 1] += layout->cell_offsets[c];
  fill = g_memdup2 (layout->cell_offsets, n_cells * sizeof (guint32));
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      guint cx = (guint) ((layout->x[i] - layout->bounds.x) / layout->cell);
      guint cy = (guint) ((layout->y[i] - layout->bounds.y) / layout->cell);

      layout->cell_nodes[fill[cy * layout->columns + cx]++] = i;
    }
}

guint
weft_layout_node_at (WeftLayout *layout,
                     double      x,
                     double      y,
                     double      tolerance)
{
  double reach = tolerance + weft_layout_get_node_radius (layout), best = G_MAXDOUBLE;
  gint cx0 = (gint) floor ((x - reach - layout->bounds.x) / layout->cell);
  gint cx1 = (gint) floor ((x + reach - layout->bounds.x) / layout->cell);
  gint cy0 = (gint) floor ((y - reach - layout->bounds.y) / layout->cell);
  gint cy1 = (gint) floor ((y + reach - layout->bounds.y) / layout->cell);
  guint found = WEFT_NONE;

  for (gint cy = MAX (cy0, 0); cy <= MIN (cy1, (gint) layout->rows - 1); cy++)
    for (gint cx = MAX (cx0, 0); cx <= MIN (cx1, (gint) layout->columns - 1); cx++)
      {
        guint cell = cy * layout->columns + cx;

        for (guint32 k = layout->cell_offsets[cell]; k < layout->cell_offsets[cell + 1]; k++)
          {
            guint node = layout->cell_nodes[k];
            double d = hypot (layout->x[node] - x, layout->y[node] - y);

            if (d <= reach && d < best)
              {
                best = d;
                found = node;
              }
          }
      }
  return found;
}

static double
segment_distance (double px,
                  double py,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / len2, 0, 1) : 0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* Whether the run through the @n @points passes within *@best of (@x, @y);
 * if so, *@best becomes how near. */
static gboolean
run_within (const double *points,
            guint         n,
            double        x,
            double        y,
            double       *best)
{
  gboolean found = FALSE;

  for (guint p = 0; p + 1 < n; p++)
    {
      double d = segment_distance (x, y, points[2 * p], points[2 * p + 1], points[2 * p + 2],
                                   points[2 * p + 3]);

      if (d <= *best)
        {
          *best = d;
          found = TRUE;
        }
    }
  return found;
}

/* A wrap-around is drawn as a mark @reach long (at most a third of the
 * way) at each end: only those are there to point at. */
static gboolean
wrap_within (const double *points,
             double        reach,
             double        x,
             double        y,
             double       *best)
{
  double dx = points[2] - points[0], dy = points[3] - points[1],
         len = MAX (hypot (dx, dy), 1e-9), along = MIN (reach, len / 3) / len;
  double marks[2][4] = {
    { points[0], points[1], points[0] + along * dx, points[1] + along * dy },
    { points[2], points[3], points[2] - along * dx, points[3] - along * dy },
  };
  gboolean first = run_within (marks[0], 2, x, y, best);

  return run_within (marks[1], 2, x, y, best) || first;
}

guint
weft_layout_link_at (WeftLayout *layout,
                     double      x,
                     double      y,
                     double      tolerance,
                     double      wrap_reach)
{
  guint n_links = weft_fabric_get_n_links (layout->fabric), found = WEFT_NONE;
  double best = tolerance;

  for (guint i = 0; i < n_links; i++)
    {
      double points[12];
      guint n = weft_layout_get_link_points (layout, i, points);

      if (weft_layout_link_is_wrap (layout, i) ? wrap_within (points, wrap_reach, x, y, &best)
                                               : run_within (points, n, x, y, &best))
        found = i;
    }
  return found;
}

guint
weft_layout_bundle_at (WeftLayout             *layout,
                       const WeftLayoutBundle *bundles,
                       guint                   n_bundles,
                       double                  x,
                       double                  y,
                       double                  tolerance)
{
  guint found = WEFT_NONE;
  double best = tolerance;

  /* Where it is drawn: in the physical view along the run of the link it
   * shows, else straight between its mean ends. Later strokes are drawn
   * over earlier ones, so a tie goes to the later. */
  for (guint i = 0; i < n_bundles; i++)
    {
      const WeftLayoutBundle *b = &bundles[i];
      double points[12] = { b->x0, b->y0, b->x1, b->y1 };
      guint n = layout->view == WEFT_VIEW_PHYSICAL
                    ? weft_layout_get_link_points (layout, b->link, points)
                    : 2;

      if (run_within (points, n, x, y, &best))
        found = i;
    }
  return found;
}

guint
weft_layout_rack_at (WeftLayout *layout,
                     double      x,
                     double      y)
{
  for (guint r = 0; r < layout->n_racks; r++)
    {
      const WeftBox *b = &layout->racks[r];

      if (x >= b->x && x <= b->x + b->width && y >= b->y && y <= b->y + b->height)
        return r;
    }
  return WEFT_NONE;
}

guint
weft_layout_unit_at (WeftLayout *layout,
                     guint       rack,
                     double      y)
{
  const WeftBox *b;

  g_return_val_if_fail (rack < layout->n_racks, 1);
  b = &layout->racks[rack];
  return CLAMP ((guint) ((b->y + b->height - y) / UNIT_HEIGHT) + 1, 1,
                weft_fabric_get_rack (layout->fabric, rack)->units);
}
