/* weft-layout.c — the layout object: its life cycle, what its placements share, its getters. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <string.h>

void
weft_layout_add_group (WeftLayout *layout,
                       const char *label,
                       WeftBox     box)
{
  WeftLayoutGroup group = { g_strdup (label), box, FALSE, WEFT_NONE };

  g_array_append_val (layout->groups, group);
}

void
weft_layout_extent_clear (double *extent)
{
  extent[0] = extent[1] = G_MAXDOUBLE;
  extent[2] = extent[3] = -G_MAXDOUBLE;
}

void
weft_layout_extent_add (WeftLayout *layout,
                        double     *extent,
                        guint       node)
{
  extent[0] = MIN (extent[0], layout->x[node]);
  extent[1] = MIN (extent[1], layout->y[node]);
  extent[2] = MAX (extent[2], layout->x[node]);
  extent[3] = MAX (extent[3], layout->y[node]);
}

/* Nodes not placed yet sit at the middle of their placed neighbours. */
void
weft_layout_place_by_neighbours (WeftLayout *layout,
                                 guint8     *placed)
{
  guint n_links;
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree double *sx = g_new0 (double, layout->n_nodes);
  g_autofree double *sy = g_new0 (double, layout->n_nodes);
  g_autofree guint *count = g_new0 (guint, layout->n_nodes);

  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (!placed[me] && placed[other])
          {
            sx[me] += layout->x[other];
            sy[me] += layout->y[other];
            count[me]++;
          }
      }
  for (guint i = 0; i < layout->n_nodes; i++)
    if (!placed[i] && count[i] > 0)
      {
        layout->x[i] = sx[i] / count[i] + RADIUS * 2;
        layout->y[i] = sy[i] / count[i] + RADIUS * 2;
        placed[i] = TRUE;
      }
}

static void
compute_bounds (WeftLayout *layout)
{
  double extent[4];

  weft_layout_extent_clear (extent);
  for (guint i = 0; i < layout->n_nodes; i++)
    weft_layout_extent_add (layout, extent, i);
  for (guint i = 0; i < layout->groups->len; i++)
    {
      const WeftBox *b = &g_array_index (layout->groups, WeftLayoutGroup, i).box;

      extent[0] = MIN (extent[0], b->x);
      extent[1] = MIN (extent[1], b->y);
      extent[2] = MAX (extent[2], b->x + b->width);
      extent[3] = MAX (extent[3], b->y + b->height);
    }
  if (extent[0] > extent[2])
    extent[0] = extent[1] = extent[2] = extent[3] = 0;
  layout->bounds = (WeftBox) { extent[0] - 2 * RADIUS, extent[1] - 2 * RADIUS,
                               extent[2] - extent[0] + 4 * RADIUS,
                               extent[3] - extent[1] + 4 * RADIUS };
}

static void
resolve_media (WeftLayout *layout)
{
  guint n_links = weft_fabric_get_n_links (layout->fabric);

  g_free (layout->link_medium);
  layout->link_medium = g_new (guint8, MAX (n_links, 1));
  layout->max_length = 0;
  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = weft_fabric_get_link (layout->fabric, i);
      const WeftLink *before = i > 0 ? weft_fabric_get_link (layout->fabric, i - 1) : NULL;

      /* Links come in runs of one kind (a server's NVLinks, a leaf's
       * uplinks): the same medium, speed and length resolve the same. */
      if (before != NULL && before->medium == link->medium &&
          before->speed_gbps == link->speed_gbps && before->length_m == link->length_m)
        layout->link_medium[i] = layout->link_medium[i - 1];
      else
        {
          const WeftMediaPart *media = weft_fabric_get_link_media (layout->fabric, i);

          layout->link_medium[i] = media ? media->medium : WEFT_MEDIUM_AUTO;
        }
      layout->max_length = MAX (layout->max_length, link->length_m);
    }
}

void
weft_layout_refresh_links (WeftLayout *layout)
{
  resolve_media (layout);
  g_hash_table_remove_all (layout->bundles);
  g_hash_table_remove_all (layout->bundle_records);
}

WeftLayout *
weft_layout_new (WeftFabric *fabric,
                 WeftView    view)
{
  WeftLayout *layout = g_new0 (WeftLayout, 1);
  const WeftGenParams *params = weft_fabric_get_generator (fabric);

  layout->ref_count = 1;
  layout->fabric = g_object_ref (fabric);
  layout->view = view;
  layout->n_nodes = weft_fabric_get_n_nodes (fabric);
  layout->x = g_new0 (double, MAX (layout->n_nodes, 1));
  layout->y = g_new0 (double, MAX (layout->n_nodes, 1));
  layout->groups = g_array_new (FALSE, FALSE, sizeof (WeftLayoutGroup));
  layout->row_labels = g_ptr_array_new_with_free_func (g_free);
  layout->row_y = g_array_new (FALSE, FALSE, sizeof (double));
  layout->bundles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  layout->bundle_records = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  layout->bundle_hint = g_hash_table_new (NULL, NULL);
  layout->marks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);

  if (view == WEFT_VIEW_PHYSICAL)
    weft_layout_place_floor (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_RAIL_ONLY &&
           weft_layout_place_rail_columns (layout))
    ;
  else if (params != NULL && (params->arch == WEFT_ARCH_DRAGONFLY ||
                               params->arch == WEFT_ARCH_SLIM_FLY))
    weft_layout_place_ring (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_TORUS)
    weft_layout_place_grid (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_DRAGONFLY_PLUS)
    weft_layout_place_leaf_spine_ring (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_HYPERX)
    weft_layout_place_lattice (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_JELLYFISH)
    weft_layout_place_circle (layout);
  else
    weft_layout_place_rows (layout);
  resolve_media (layout);
  compute_bounds (layout);
  weft_layout_build_index (layout);
  return layout;
}

WeftLayout *
weft_layout_ref (WeftLayout *layout)
{
  g_atomic_int_inc (&layout->ref_count);
  return layout;
}

void
weft_layout_unref (WeftLayout *layout)
{
  if (!g_atomic_int_dec_and_test (&layout->ref_count))
    return;
  for (guint i = 0; i < layout->groups->len; i++)
    g_free (g_array_index (layout->groups, WeftLayoutGroup, i).label);
  g_array_unref (layout->groups);
  g_ptr_array_unref (layout->row_labels);
  g_array_unref (layout->row_y);
  g_hash_table_unref (layout->bundles);
  g_hash_table_unref (layout->bundle_records);
  g_hash_table_unref (layout->bundle_hint);
  g_hash_table_unref (layout->marks);
  g_object_unref (layout->fabric);
  g_free (layout->x);
  g_free (layout->y);
  g_free (layout->racks);
  g_free (layout->link_medium);
  g_free (layout->cell_offsets);
  g_free (layout->cell_nodes);
  g_free (layout);
}

WeftFabric *
weft_layout_get_fabric (WeftLayout *layout)
{
  return layout->fabric;
}

WeftView
weft_layout_get_view (WeftLayout *layout)
{
  return layout->view;
}

WeftBox
weft_layout_get_bounds (WeftLayout *layout)
{
  return layout->bounds;
}

double
weft_layout_get_node_radius (WeftLayout *layout)
{
  return layout->view == WEFT_VIEW_PHYSICAL ? UNIT_HEIGHT * 0.7 : RADIUS;
}

void
weft_layout_get_node_position (WeftLayout *layout,
                               guint       node,
                               double     *x,
                               double     *y)
{
  g_return_if_fail (node < layout->n_nodes);
  *x = layout->x[node];
  *y = layout->y[node];
}

guint
weft_layout_get_link_points (WeftLayout *layout,
                             guint       link,
                             double     *points)
{
  const WeftLink *l = weft_fabric_get_link (layout->fabric, link);
  const WeftNode *a = weft_fabric_get_node (layout->fabric, l->a);
  const WeftNode *b = weft_fabric_get_node (layout->fabric, l->b);
  double x0 = layout->x[l->a], y0 = layout->y[l->a], x1 = layout->x[l->b], y1 = layout->y[l->b];

  points[0] = x0;
  points[1] = y0;
  if (layout->view != WEFT_VIEW_PHYSICAL || a->rack == b->rack || a->rack >= layout->n_racks ||
      b->rack >= layout->n_racks)
    {
      points[2] = x1;
      points[3] = y1;
      return 2;
    }
  else
    {
      /* Up to the tray over the rack, along it, across the aisle, down. */
      double tray0 = layout->racks[a->rack].y - 6, tray1 = layout->racks[b->rack].y - 6;
      double middle = (x0 + x1) / 2;

      if (tray0 == tray1)
        {
          double run[] = { x0, tray0, x1, tray0, x1, y1 };

          memcpy (points + 2, run, sizeof run);
          return 4;
        }
      else
        {
          double run[] = { x0, tray0, middle, tray0, middle, tray1, x1, tray1, x1, y1 };

          memcpy (points + 2, run, sizeof run);
          return 6;
        }
    }
}

double
weft_layout_get_max_length (WeftLayout *layout)
{
  return layout->max_length;
}

gboolean
weft_layout_link_is_wrap (WeftLayout *layout,
                          guint       link)
{
  const WeftLink *l;

  if (layout->wrap_length <= 0 || layout->view != WEFT_VIEW_LOGICAL)
    return FALSE;
  l = weft_fabric_get_link (layout->fabric, link);
  return hypot (layout->x[l->a] - layout->x[l->b], layout->y[l->a] - layout->y[l->b]) >
         layout->wrap_length;
}

WeftMedium
weft_layout_get_link_medium (WeftLayout *layout,
                             guint       link)
{
  return layout->link_medium[link];
}

const WeftLayoutGroup *
weft_layout_get_groups (WeftLayout *layout,
                        guint      *n_groups)
{
  *n_groups = layout->groups->len;
  return (const WeftLayoutGroup *) layout->groups->data;
}

const char *
weft_layout_get_row_label (WeftLayout *layout,
                           guint       row,
                           double     *y)
{
  if (row >= layout->row_labels->len)
    return NULL;
  *y = g_array_index (layout->row_y, double, row);
  return g_ptr_array_index (layout->row_labels, row);
}

void
weft_layout_attach_gpus (const WeftNode *nodes,
                         guint           n_nodes,
                         const WeftLink *links,
                         guint           n_links,
                         WeftNodeKind    kind,
                         guint          *of)
{
  for (guint i = 0; i < n_nodes; i++)
    of[i] = WEFT_NONE;
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (nodes[me].kind == WEFT_NODE_GPU && nodes[other].kind == kind && of[me] == WEFT_NONE)
          of[me] = other;
      }
}
