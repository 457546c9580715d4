/* weft-gen-place.c — where generated servers and switches go on the floor. */
#include "generators/weft-gen-private.h"

#include <math.h>

void
weft_placer_init (WeftPlacer      *placer,
                  WeftFabric      *fabric,
                  const WeftFloor *floor,
                  guint            n_servers,
                  guint            servers_per_rack,
                  guint            server_units)
{
  guint n_racks = MAX (1, (n_servers + servers_per_rack - 1) / servers_per_rack);
  /* Rows about as long as the floor is deep keep the longest run short. */
  double square = sqrt (n_racks * floor->row_pitch_m / floor->rack_width_m);

  placer->fabric = fabric;
  placer->rack_units = floor->rack_units;
  placer->servers_per_rack = servers_per_rack;
  placer->server_units = server_units;
  placer->racks_per_row = CLAMP ((guint) ceil (square), 1, MAX (1, floor->max_racks_per_row));
  placer->compute_rows = (n_racks + placer->racks_per_row - 1) / placer->racks_per_row;
  placer->core_row = placer->compute_rows / 2;
  placer->compute_racks = g_array_new (FALSE, FALSE, sizeof (guint32));
  placer->compute_top = g_array_new (FALSE, FALSE, sizeof (guint32));
  placer->network_racks = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  placer->network_fill = g_array_new (FALSE, TRUE, sizeof (guint32));
}

void
weft_placer_clear (WeftPlacer *placer)
{
  g_clear_pointer (&placer->compute_racks, g_array_unref);
  g_clear_pointer (&placer->compute_top, g_array_unref);
  g_clear_pointer (&placer->network_racks, g_hash_table_unref);
  g_clear_pointer (&placer->network_fill, g_array_unref);
}

/* Compute rows sit on either side of the network row. */
static guint
physical_row (WeftPlacer *placer,
              guint       compute_row)
{
  return compute_row + (compute_row >= placer->core_row ? 1 : 0);
}

static guint
add_rack (WeftPlacer *placer,
          guint       row,
          guint       col)
{
  g_autofree char *name = g_strdup_printf ("R%02u-%02u", row, col);
  guint rack = weft_fabric_add_rack (placer->fabric, name, row, col, placer->rack_units);

  if (placer->network_fill->len <= rack)
    g_array_set_size (placer->network_fill, rack + 1);
  g_array_index (placer->network_fill, guint32, rack) = 1;
  return rack;
}

guint
weft_placer_compute_rack (WeftPlacer *placer,
                          guint       index)
{
  guint32 none = WEFT_NONE, top = placer->rack_units;

  while (placer->compute_racks->len <= index)
    {
      g_array_append_val (placer->compute_racks, none);
      g_array_append_val (placer->compute_top, top);
    }
  if (g_array_index (placer->compute_racks, guint32, index) == WEFT_NONE)
    g_array_index (placer->compute_racks, guint32, index) =
      add_rack (placer, physical_row (placer, index / placer->racks_per_row),
                index % placer->racks_per_row);
  return g_array_index (placer->compute_racks, guint32, index);
}

guint
weft_placer_server (WeftPlacer *placer,
                    guint       server,
                    guint      *u)
{
  *u = 1 + (server % placer->servers_per_rack) * placer->server_units;
  return weft_placer_compute_rack (placer, server / placer->servers_per_rack);
}

/* Room for @units in the network racks of @row, which start at @first_col. */
static guint
network_slot (WeftPlacer *placer,
              guint       row,
              guint       first_col,
              guint       units,
              guint      *u)
{
  GArray *racks = g_hash_table_lookup (placer->network_racks, GUINT_TO_POINTER (row));
  guint rack = WEFT_NONE;
  guint32 *fill;

  if (racks == NULL)
    {
      racks = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (placer->network_racks, GUINT_TO_POINTER (row), racks);
    }
  if (racks->len > 0)
    rack = g_array_index (racks, guint32, racks->len - 1);
  if (rack == WEFT_NONE ||
      g_array_index (placer->network_fill, guint32, rack) + units - 1 > placer->rack_units)
    {
      rack = add_rack (placer, row, first_col + racks->len);
      g_array_append_val (racks, rack);
    }

  fill = &g_array_index (placer->network_fill, guint32, rack);
  *u = *fill;
  *fill += units;
  return rack;
}

guint
weft_placer_row_switch (WeftPlacer *placer,
                        guint       server,
                        guint       units,
                        guint      *u)
{
  guint compute_row = server / placer->servers_per_rack / placer->racks_per_row;

  return network_slot (placer, physical_row (placer, compute_row), placer->racks_per_row,
                       units, u);
}

guint
weft_placer_core_switch (WeftPlacer *placer,
                         guint       units,
                         guint      *u)
{
  return network_slot (placer, placer->core_row, 0, units, u);
}

guint
weft_placer_edge_switch (WeftPlacer *placer,
                         guint       server_lo,
                         guint       server_hi,
                         guint       units,
                         guint      *u)
{
  guint index = server_lo / placer->servers_per_rack;
  guint used = placer->servers_per_rack * placer->server_units;
  guint32 *top;

  if (index == server_hi / placer->servers_per_rack)
    {
      weft_placer_compute_rack (placer, index);
      top = &g_array_index (placer->compute_top, guint32, index);
      if (*top >= used + units)
        {
          *top -= units;
          *u = *top + 1;
          return g_array_index (placer->compute_racks, guint32, index);
        }
    }
  return weft_placer_row_switch (placer, server_lo, units, u);
}
