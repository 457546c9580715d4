/* weft-layout-floor.c — the physical view: racks in rows on the floor, nodes at their rack unit. */
#include "render/weft-layout-private.h"

#include <math.h>

#define RACK_WIDTH  24.0
#define RACK_GAP    6.0
#define AISLE       70.0

/* The floor: racks in rows, nodes at their rack unit, those sharing a
 * unit (a server's GPUs) side by side. */
void
weft_layout_place_floor (WeftLayout *layout)
{
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);
  g_autoptr(GHashTable) slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_nodes);
  g_autofree guint *slot = g_new0 (guint, MAX (n_nodes, 1));
  g_autofree guint *filled = g_new0 (guint, MAX (n_nodes, 1));
  guint max_units = 1, n_rows = 1, n_cols = 1, blocks = 1, rows_per_block;
  double row_height, block_width;

  layout->n_racks = weft_fabric_get_n_racks (layout->fabric);
  layout->racks = g_new0 (WeftBox, MAX (layout->n_racks, 1));
  for (guint r = 0; r < layout->n_racks; r++)
    {
      const WeftRack *rack = weft_fabric_get_rack (layout->fabric, r);

      max_units = MAX (max_units, rack->units);
      n_rows = MAX (n_rows, rack->row + 1);
      n_cols = MAX (n_cols, rack->col + 1);
    }
  row_height = max_units * UNIT_HEIGHT + AISLE;
  block_width = n_cols * (RACK_WIDTH + RACK_GAP) + AISLE;
  /* A hall many times longer than wide is folded into blocks of rows side
   * by side, the way a page shows it: as close to 3:2 as whole rows allow. */
  if (block_width < 0.4 * n_rows * row_height)
    for (guint k = 2; k <= n_rows; k++)
      {
        double before = block_width * blocks / (ceil ((double) n_rows / blocks) * row_height);
        double after = block_width * k / (ceil ((double) n_rows / k) * row_height);

        if (fabs (log (after / 1.5)) < fabs (log (before / 1.5)))
          blocks = k;
      }
  rows_per_block = (n_rows + blocks - 1) / blocks;
  for (guint r = 0; r < layout->n_racks; r++)
    {
      const WeftRack *rack = weft_fabric_get_rack (layout->fabric, r);
      WeftLayoutGroup group = { g_strdup (rack->name), { 0 }, TRUE, r };

      layout->racks[r] = (WeftBox) { (rack->row / rows_per_block) * block_width +
                                     rack->col * (RACK_WIDTH + RACK_GAP),
                                     (rack->row % rows_per_block) * row_height,
                                     RACK_WIDTH, rack->units * UNIT_HEIGHT };
      group.box = layout->racks[r];
      g_array_append_val (layout->groups, group);
    }

  /* How many nodes share each (rack, unit), and each one's place among them. */
  g_array_set_size (keys, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      gint64 *key = &g_array_index (keys, gint64, i);
      gpointer found;

      *key = (gint64) nodes[i].rack << 16 | nodes[i].u;
      if (g_hash_table_lookup_extended (slots, key, NULL, &found))
        {
          slot[i] = GPOINTER_TO_UINT (found);
          g_hash_table_insert (slots, key, GUINT_TO_POINTER (slot[i] + 1));
        }
      else
        g_hash_table_insert (slots, key, GUINT_TO_POINTER (1));
    }
  for (guint i = 0; i < n_nodes; i++)
    filled[i] = GPOINTER_TO_UINT (g_hash_table_lookup (slots, &g_array_index (keys, gint64, i)));

  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftBox *box;

      if (nodes[i].rack == WEFT_NONE || nodes[i].rack >= layout->n_racks)
        continue;
      box = &layout->racks[nodes[i].rack];
      layout->x[i] = box->x + (slot[i] + 0.5) * box->width / MAX (filled[i], 1);
      layout->y[i] = box->y + box->height - (nodes[i].u - 0.5) * UNIT_HEIGHT;
    }
}
