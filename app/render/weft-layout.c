/* weft-layout.c — where each node of a fabric goes in the logical and the physical view. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ROW_GAP     160.0

static const WeftNodeKind row_order[] = {
  WEFT_NODE_CORE, WEFT_NODE_SPINE, WEFT_NODE_OCS, WEFT_NODE_LEAF, WEFT_NODE_ROUTER,
  WEFT_NODE_NVSWITCH, WEFT_NODE_GPU,
};

typedef struct
{
  gint64  key[4];
  guint32 node;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *x = a, *y = b;

  for (guint i = 0; i < 4; i++)
    if (x->key[i] != y->key[i])
      return x->key[i] < y->key[i] ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

void
weft_layout_add_group (WeftLayout *layout,
                       const char *label,
                       WeftBox     box)
{
  WeftLayoutGroup group = { g_strdup (label), box, FALSE, WEFT_NONE };

  g_array_append_val (layout->groups, group);
}

/* Tiers as rows, each spread over the width of the widest, nodes ordered
 * by pod, plane, server and rail so that what belongs together sits together. */
static void
layout_rows (WeftLayout *layout)
{
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  g_autofree Sorted *sorted = g_new (Sorted, MAX (n_nodes, 1));
  guint widest = 1, row = 0, n_rows = 0;
  double width, gap;
  g_autoptr(GHashTable) pods = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint k = 0; k < G_N_ELEMENTS (row_order); k++)
    widest = MAX (widest, weft_fabric_count_nodes (layout->fabric, row_order[k]));
  width = widest * SPACING;
  /* Rows far enough apart that the drawing is about twice as wide as tall. */
  for (guint k = 0; k < G_N_ELEMENTS (row_order); k++)
    n_rows += weft_fabric_count_nodes (layout->fabric, row_order[k]) > 0;
  gap = MAX (ROW_GAP, width * 0.5 / MAX (n_rows - 1, 1));

  for (guint k = 0; k < G_N_ELEMENTS (row_order); k++)
    {
      guint n = 0;
      double y = row * gap;

      for (guint i = 0; i < n_nodes; i++)
        if (nodes[i].kind == row_order[k])
          {
            const WeftGroups *g = &nodes[i].groups;

            sorted[n++] = (Sorted) { { g->pod, g->plane,
                                       nodes[i].kind == WEFT_NODE_LEAF ? g->rail : g->server,
                                       nodes[i].kind == WEFT_NODE_LEAF ? g->server : g->rail }, i };
          }
      if (n == 0)
        continue;
      qsort (sorted, n, sizeof (Sorted), compare_sorted);
      for (guint i = 0; i < n; i++)
        {
          layout->x[sorted[i].node] = (i + 0.5) * width / n;
          layout->y[sorted[i].node] = y;
        }
      g_ptr_array_add (layout->row_labels, g_strdup (weft_node_kind_to_string (row_order[k])));
      g_array_append_val (layout->row_y, y);
      row++;
    }

  /* Pods as boxes around their nodes. */
  for (guint i = 0; i < n_nodes; i++)
    {
      double *box;

      if (nodes[i].groups.pod < 0 || nodes[i].kind == WEFT_NODE_CORE)
        continue;
      box = g_hash_table_lookup (pods, GINT_TO_POINTER (nodes[i].groups.pod + 1));
      if (box == NULL)
        {
          box = g_new (double, 4);
          box[0] = box[2] = layout->x[i];
          box[1] = box[3] = layout->y[i];
          g_hash_table_insert (pods, GINT_TO_POINTER (nodes[i].groups.pod + 1), box);
        }
      box[0] = MIN (box[0], layout->x[i]);
      box[1] = MIN (box[1], layout->y[i]);
      box[2] = MAX (box[2], layout->x[i]);
      box[3] = MAX (box[3], layout->y[i]);
    }
  if (g_hash_table_size (pods) > 1)
    for (guint pod = 1; pod <= g_hash_table_size (pods) + 1; pod++)
      {
        double *box = g_hash_table_lookup (pods, GUINT_TO_POINTER (pod));
        g_autofree char *label = g_strdup_printf ("pod %u", pod - 1);

        if (box != NULL)
          weft_layout_add_group (layout, label,
                                 (WeftBox) { box[0] - SPACING / 2, box[1] - 24,
                                             box[2] - box[0] + SPACING, box[3] - box[1] + 40 });
      }
}

/* Rail-only (Wang et al.): each rail a column — its spines, its leaves, the
 * GPUs under each leaf — and each server a row across the columns, its
 * scale-up switch at the right end, so the domains join the rails. */
static gboolean
layout_rail_columns (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint *leaf_of = g_new (guint, MAX (n_nodes, 1));
  /* A leaf's place in its rail; a GPU's row. */
  g_autofree guint *slot = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *filled = g_new0 (guint, MAX (n_nodes, 1));   /* GPUs placed under each leaf */
  g_autofree guint *leaves_in = NULL, *spines_in = NULL;
  g_autofree double *sum_y = g_new0 (double, MAX (n_nodes, 1));
  g_autofree guint *count_y = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *lane = g_new0 (guint, MAX (n_nodes, 1));    /* a scale-up switch's leaf slot */
  gint32 n_rails = 0;
  guint widest = 1, deepest = 1;
  double column, right, top = 0, leaf_y = 1.5 * ROW_GAP / 4, gpu_y = 3 * ROW_GAP / 4;

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_LEAF || nodes[i].kind == WEFT_NODE_GPU)
      n_rails = MAX (n_rails, nodes[i].groups.rail + 1);
  if (n_rails < 2)
    return FALSE;
  leaves_in = g_new0 (guint, n_rails);
  spines_in = g_new0 (guint, n_rails);
  for (guint i = 0; i < n_nodes; i++)
    {
      gint32 rail = nodes[i].groups.rail;

      leaf_of[i] = WEFT_NONE;
      if (rail < 0 || rail >= n_rails)
        continue;
      if (nodes[i].kind == WEFT_NODE_LEAF)
        slot[i] = leaves_in[rail]++;
      else if (nodes[i].kind == WEFT_NODE_SPINE)
        slot[i] = spines_in[rail]++;
    }
  for (gint32 r = 0; r < n_rails; r++)
    widest = MAX (widest, MAX (leaves_in[r], spines_in[r]));
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (nodes[me].kind == WEFT_NODE_GPU && nodes[other].kind == WEFT_NODE_LEAF &&
            leaf_of[me] == WEFT_NONE)
          leaf_of[me] = other;
      }
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
      {
        slot[i] = filled[leaf_of[i]]++;
        deepest = MAX (deepest, filled[leaf_of[i]]);
      }

  column = widest * SPACING;
  right = n_rails * (column + 2 * SPACING);
  for (guint i = 0; i < n_nodes; i++)
    {
      gint32 rail = nodes[i].groups.rail;
      double x0 = rail >= 0 ? rail * (column + 2 * SPACING) : 0;

      if (nodes[i].kind == WEFT_NODE_SPINE && rail >= 0 && rail < n_rails)
        {
          layout->x[i] = x0 + (slot[i] + 0.5) * column / spines_in[rail];
          layout->y[i] = top;
        }
      else if (nodes[i].kind == WEFT_NODE_LEAF && rail >= 0 && rail < n_rails)
        {
          layout->x[i] = x0 + (slot[i] + 0.5) * column / leaves_in[rail];
          layout->y[i] = leaf_y;
        }
      else if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
        {
          layout->x[i] = layout->x[leaf_of[i]];
          layout->y[i] = gpu_y + slot[i] * SPACING;
        }
    }
  /* Leaves are placed before their GPUs look them up; do GPUs again. */
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
      layout->x[i] = layout->x[leaf_of[i]];
  /* Scale-up switches at the right end of their server's row, one lane
   * per leaf position so that servers sharing a row stay apart. */
  for (guint i = 0; i < n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (nodes[me].kind == WEFT_NODE_NVSWITCH && nodes[other].kind == WEFT_NODE_GPU)
          {
            sum_y[me] += layout->y[other];
            if (count_y[me]++ == 0 && leaf_of[other] != WEFT_NONE)
              lane[me] = slot[leaf_of[other]];
          }
      }
  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_NVSWITCH)
      {
        layout->x[i] = right + SPACING * (1 + 1.5 * lane[i]);
        layout->y[i] = count_y[i] ? sum_y[i] / count_y[i] : gpu_y;
      }
  for (gint32 r = 0; r < n_rails; r++)
    {
      g_autofree char *label = g_strdup_printf ("rail %d", r);

      weft_layout_add_group (layout, label,
                             (WeftBox) { r * (column + 2 * SPACING) - SPACING / 2, top - 24,
                                         column + SPACING, gpu_y + deepest * SPACING + 24 });
    }
  return TRUE;
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
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      x0 = MIN (x0, layout->x[i]);
      y0 = MIN (y0, layout->y[i]);
      x1 = MAX (x1, layout->x[i]);
      y1 = MAX (y1, layout->y[i]);
    }
  for (guint i = 0; i < layout->groups->len; i++)
    {
      const WeftBox *b = &g_array_index (layout->groups, WeftLayoutGroup, i).box;

      x0 = MIN (x0, b->x);
      y0 = MIN (y0, b->y);
      x1 = MAX (x1, b->x + b->width);
      y1 = MAX (y1, b->y + b->height);
    }
  if (x0 > x1)
    x0 = y0 = x1 = y1 = 0;
  layout->bounds = (WeftBox) { x0 - 2 * RADIUS, y0 - 2 * RADIUS,
                               x1 - x0 + 4 * RADIUS, y1 - y0 + 4 * RADIUS };
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
  layout->bundle_hint = g_hash_table_new (NULL, NULL);
  layout->marks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);

  if (view == WEFT_VIEW_PHYSICAL)
    weft_layout_place_floor (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_RAIL_ONLY && layout_rail_columns (layout))
    ;
  else if (params != NULL && params->arch == WEFT_ARCH_DRAGONFLY)
    weft_layout_place_ring (layout);
  else if (params != NULL && params->arch == WEFT_ARCH_TORUS)
    weft_layout_place_grid (layout);
  else
    layout_rows (layout);
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
