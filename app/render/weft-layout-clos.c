/* weft-layout-clos.c — the logical view of Clos fabrics: tiers as rows, or rails as columns. */
#include "render/weft-layout-private.h"

#include <math.h>
#include <stdlib.h>

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

/* Tiers as rows, each spread over the width of the widest, nodes ordered
 * by pod, plane, server and rail so that what belongs together sits together. */
void
weft_layout_place_rows (WeftLayout *layout)
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
          weft_layout_extent_clear (box);
          g_hash_table_insert (pods, GINT_TO_POINTER (nodes[i].groups.pod + 1), box);
        }
      weft_layout_extent_add (layout, box, i);
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

/* What the steps of the rail-only placement share. */
typedef struct
{
  WeftLayout     *layout;
  const WeftNode *nodes;
  guint           n_nodes;
  const WeftLink *links;
  guint           n_links;
  gint32          n_rails;
  guint          *leaf_of;     /* a GPU's leaf; WEFT_NONE for other nodes */
  guint          *slot;        /* a spine's or a leaf's place in its rail; a GPU's row */
  guint          *leaves_in;   /* per rail */
  guint          *spines_in;   /* per rail */
  guint           widest;      /* spines or leaves in the fullest rail */
  guint           deepest;     /* GPUs under the fullest leaf */
  guint           per_band;    /* leaves side by side in a rail; the rest wrap into bands below */
  double          column;      /* a rail's width */
  double          leaf_y;      /* the first band's leaves */
  double          band;        /* from one band's leaves to the next's */
} Rails;

#define DROP        (3 * ROW_GAP / 8)   /* from a leaf down to its first GPU */
#define SPINE_ROW   (2 * SPACING)       /* between rows of spines */
#define ASPECT      1.6                 /* the width ÷ height the bands aim at */

/* Each spine and leaf its place in its rail. */
static void
rank_in_rails (Rails *rails)
{
  const WeftNode *nodes = rails->nodes;
  guint *slot = rails->slot;

  for (guint i = 0; i < rails->n_nodes; i++)
    {
      gint32 rail = nodes[i].groups.rail;

      if (rail < 0 || rail >= rails->n_rails)
        continue;
      if (nodes[i].kind == WEFT_NODE_LEAF)
        slot[i] = rails->leaves_in[rail]++;
      else if (nodes[i].kind == WEFT_NODE_SPINE)
        slot[i] = rails->spines_in[rail]++;
    }
  for (gint32 r = 0; r < rails->n_rails; r++)
    rails->widest = MAX (rails->widest, MAX (rails->leaves_in[r], rails->spines_in[r]));
}

/* Each GPU under the first leaf it links to, a row below the one before. */
static void
hang_gpus (Rails *rails)
{
  const WeftNode *nodes = rails->nodes;
  const WeftLink *links = rails->links;
  guint *leaf_of = rails->leaf_of;
  g_autofree guint *filled = g_new0 (guint, MAX (rails->n_nodes, 1));   /* GPUs under each leaf */

  weft_layout_attach_gpus (nodes, rails->n_nodes, links, rails->n_links, WEFT_NODE_LEAF, leaf_of);
  for (guint i = 0; i < rails->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
      {
        rails->slot[i] = filled[leaf_of[i]]++;
        rails->deepest = MAX (rails->deepest, filled[leaf_of[i]]);
      }
}

/* How many leaves sit side by side in a rail: all of them when that keeps
 * the drawing about ASPECT wide to tall, else fewer, the rest wrapping into
 * bands below, each with its GPUs under it. A server keeps its row across the
 * rails, since its GPUs' leaves have one slot in every rail. */
static void
choose_bands (Rails *rails)
{
  double best = G_MAXDOUBLE;

  for (guint bands = 1; bands <= rails->widest; bands++)
    {
      guint per_band = (rails->widest + bands - 1) / bands;
      guint spine_rows = 1;
      double column = per_band * SPACING, band, width, height, miss;

      if (bands > 1 && (rails->widest + per_band - 1) / per_band < bands)
        continue;   /* the same per_band as fewer bands */
      for (gint32 r = 0; r < rails->n_rails; r++)
        spine_rows = MAX (spine_rows, (rails->spines_in[r] + per_band - 1) / per_band);
      band = DROP + rails->deepest * SPACING + 2 * SPACING;
      width = rails->n_rails * (column + 2 * SPACING) + SPACING * (1 + 1.5 * per_band);
      height = (spine_rows - 1) * SPINE_ROW + 1.5 * ROW_GAP / 4 + bands * band;
      miss = fabs (log (width / height / ASPECT));
      if (miss < best)
        {
          best = miss;
          rails->per_band = per_band;
          rails->column = column;
          rails->band = band;
          rails->leaf_y = (spine_rows - 1) * SPINE_ROW + 1.5 * ROW_GAP / 4;
        }
    }
}

/* Spines in rows on top of their rail's column, leaves in bands below, GPUs
 * under their leaf. */
static void
place_columns (Rails *rails)
{
  WeftLayout *layout = rails->layout;
  const WeftNode *nodes = rails->nodes;
  const guint *leaf_of = rails->leaf_of, *slot = rails->slot;
  double column = rails->column;
  guint per_band = rails->per_band;

  for (guint i = 0; i < rails->n_nodes; i++)
    {
      gint32 rail = nodes[i].groups.rail;
      double x0 = rail >= 0 ? rail * (column + 2 * SPACING) : 0;

      if (nodes[i].kind == WEFT_NODE_SPINE && rail >= 0 && rail < rails->n_rails)
        {
          guint row = slot[i] / per_band;
          guint in_row = MIN (per_band, rails->spines_in[rail] - row * per_band);

          layout->x[i] = x0 + (slot[i] % per_band + 0.5) * column / in_row;
          layout->y[i] = row * SPINE_ROW;
        }
      else if (nodes[i].kind == WEFT_NODE_LEAF && rail >= 0 && rail < rails->n_rails)
        {
          guint band = slot[i] / per_band;
          guint in_band = MIN (per_band, rails->leaves_in[rail] - band * per_band);

          layout->x[i] = x0 + (slot[i] % per_band + 0.5) * column / in_band;
          layout->y[i] = rails->leaf_y + band * rails->band;
        }
    }
  /* Leaves are placed before their GPUs look them up. */
  for (guint i = 0; i < rails->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_GPU && leaf_of[i] != WEFT_NONE)
      {
        layout->x[i] = layout->x[leaf_of[i]];
        layout->y[i] = layout->y[leaf_of[i]] + DROP + slot[i] * SPACING;
      }
}

/* Scale-up switches at the right end of their server's row, one lane
 * per leaf position so that servers sharing a row stay apart. */
static void
place_scale_up_switches (Rails *rails)
{
  WeftLayout *layout = rails->layout;
  const WeftNode *nodes = rails->nodes;
  const WeftLink *links = rails->links;
  g_autofree double *sum_y = g_new0 (double, MAX (rails->n_nodes, 1));
  g_autofree guint *count_y = g_new0 (guint, MAX (rails->n_nodes, 1));
  g_autofree guint *lane = g_new0 (guint, MAX (rails->n_nodes, 1));    /* a switch's leaf slot */
  double right = rails->n_rails * (rails->column + 2 * SPACING);

  for (guint i = 0; i < rails->n_links; i++)
    for (guint e = 0; e < 2; e++)
      {
        guint me = e ? links[i].b : links[i].a, other = e ? links[i].a : links[i].b;

        if (nodes[me].kind == WEFT_NODE_NVSWITCH && nodes[other].kind == WEFT_NODE_GPU)
          {
            sum_y[me] += layout->y[other];
            if (count_y[me]++ == 0 && rails->leaf_of[other] != WEFT_NONE)
              lane[me] = rails->slot[rails->leaf_of[other]] % rails->per_band;
          }
      }
  for (guint i = 0; i < rails->n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_NVSWITCH)
      {
        layout->x[i] = right + SPACING * (1 + 1.5 * lane[i]);
        layout->y[i] = count_y[i] ? sum_y[i] / count_y[i] : rails->leaf_y + DROP;
      }
}

/* Each rail's column as a box, down to the deepest row of GPUs of its last band. */
static void
add_rail_groups (Rails *rails)
{
  double column = rails->column;
  guint bands = (rails->widest + rails->per_band - 1) / rails->per_band;
  double bottom = rails->leaf_y + (bands - 1) * rails->band + DROP + rails->deepest * SPACING;

  for (gint32 r = 0; r < rails->n_rails; r++)
    {
      g_autofree char *label = g_strdup_printf ("rail %d", r);

      weft_layout_add_group (rails->layout, label,
                             (WeftBox) { r * (column + 2 * SPACING) - SPACING / 2, -24,
                                         column + SPACING, bottom + 24 + 24 });
    }
}

/* Rail-only (Wang et al.): each rail a column — its spines, its leaves, the
 * GPUs under each leaf, wrapped into bands when a rail is wide — and each
 * server a row across the columns, its scale-up switch at the right end, so
 * the domains join the rails. */
gboolean
weft_layout_place_rail_columns (WeftLayout *layout)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint *leaf_of = g_new (guint, MAX (n_nodes, 1));
  g_autofree guint *slot = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *leaves_in = NULL, *spines_in = NULL;
  gint32 n_rails = 0;
  Rails rails;

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i].kind == WEFT_NODE_LEAF || nodes[i].kind == WEFT_NODE_GPU)
      n_rails = MAX (n_rails, nodes[i].groups.rail + 1);
  if (n_rails < 2)
    return FALSE;
  leaves_in = g_new0 (guint, n_rails);
  spines_in = g_new0 (guint, n_rails);
  rails = (Rails) { .layout = layout, .nodes = nodes, .n_nodes = n_nodes,
                    .links = links, .n_links = n_links, .n_rails = n_rails,
                    .leaf_of = leaf_of, .slot = slot,
                    .leaves_in = leaves_in, .spines_in = spines_in,
                    .widest = 1, .deepest = 1 };
  rank_in_rails (&rails);
  hang_gpus (&rails);
  choose_bands (&rails);
  place_columns (&rails);
  place_scale_up_switches (&rails);
  add_rail_groups (&rails);
  return TRUE;
}
