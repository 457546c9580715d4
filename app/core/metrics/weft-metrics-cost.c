/* weft-metrics-cost.c — what a fabric costs and draws: totals kept edit by edit, tiers, bill of
 * materials. */
#include "metrics/weft-metrics-private.h"
#include "model/weft-failure.h"

static const WeftMediaPart *
link_media (WeftFabric     *fabric,
            const WeftLink *link)
{
  return weft_catalog_resolve_media (weft_fabric_get_catalog (fabric), link->medium,
                                     weft_fabric_get_optics (fabric), link->speed_gbps,
                                     link->length_m);
}

static void
media_cost (WeftCatalog         *catalog,
            const WeftMediaPart *media,
            const WeftLink      *link,
            double              *usd,
            double              *watts)
{
  *usd = media ? link->count * weft_catalog_link_price (catalog, media, link->length_m) : 0;
  *watts = media ? link->count * weft_catalog_link_power (catalog, media) : 0;
}

void
weft_cost_link (WeftFabric     *fabric,
                const WeftLink *link,
                double         *usd,
                double         *watts)
{
  media_cost (weft_fabric_get_catalog (fabric), link_media (fabric, link), link, usd, watts);
}

double
weft_metrics_link_latency (WeftFabric     *fabric,
                           const WeftLink *link)
{
  const WeftMediaPart *media = link_media (fabric, link);

  if (media == NULL)
    return link->length_m * weft_catalog_propagation (weft_fabric_get_catalog (fabric), TRUE);
  return weft_catalog_link_latency (weft_fabric_get_catalog (fabric), media, link->length_m);
}

static void
add_media (WeftCostTotals      *totals,
           WeftFabric          *fabric,
           const WeftMediaPart *media,
           const WeftLink      *link,
           int                  sign)
{
  WeftMedium medium = media ? media->medium : WEFT_MEDIUM_AUTO;
  double usd, watts;

  media_cost (weft_fabric_get_catalog (fabric), media, link, &usd, &watts);
  totals->usd += sign * usd;
  totals->watts += sign * watts;
  totals->usd_by_medium[medium] += sign * usd;
  totals->watts_by_medium[medium] += sign * watts;
  totals->links_by_medium[medium] += sign * (gint64) link->count;
}

static void
add_link (WeftCostTotals *totals,
          WeftFabric     *fabric,
          const WeftLink *link,
          int             sign)
{
  add_media (totals, fabric, link_media (fabric, link), link, sign);
}

void
weft_cost_totals_add_failed (WeftCostTotals *totals,
                             WeftFabric     *fabric)
{
  g_autoptr(GPtrArray) failures = weft_fabric_list_failures (fabric);

  for (guint i = 0; i < failures->len; i++)
    {
      const GArray *links = ((const WeftFailure *) g_ptr_array_index (failures, i))->links;

      for (guint k = 0; k < links->len; k++)
        add_link (totals, fabric, &g_array_index (links, WeftLink, k), 1);
    }
}

static const WeftPart *
node_part (WeftFabric     *fabric,
           const WeftNode *node)
{
  return weft_catalog_lookup_part (weft_fabric_get_catalog (fabric),
                                   weft_fabric_get_part_id (fabric, node->part));
}

static void
add_part (WeftCostTotals *totals,
          const WeftPart *part,
          int             sign)
{
  if (part == NULL)
    return;
  totals->usd += sign * part->price_usd;
  totals->watts += sign * part->power_w;
}

void
weft_cost_totals_init (WeftCostTotals *totals,
                       WeftFabric     *fabric)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  const WeftNode *part_run = NULL;
  const WeftLink *media_run = NULL;
  const WeftPart *part = NULL;
  const WeftMediaPart *media = NULL;

  /* Nodes and links come in runs of one kind (a server's GPUs, its
   * NVLinks): the catalog is asked once a run. */
  *totals = (WeftCostTotals) { 0 };
  for (guint i = 0; i < n_nodes; i++)
    {
      if (part_run == NULL || nodes[i].part != part_run->part)
        part = node_part (fabric, part_run = &nodes[i]);
      add_part (totals, part, 1);
    }
  for (guint i = 0; i < n_links; i++)
    {
      if (media_run == NULL || links[i].medium != media_run->medium ||
          links[i].speed_gbps != media_run->speed_gbps || links[i].length_m != media_run->length_m)
        media = link_media (fabric, media_run = &links[i]);
      add_media (totals, fabric, media, &links[i], 1);
    }
}

void
weft_cost_totals_apply (WeftCostTotals   *totals,
                        WeftFabric       *fabric,
                        const WeftChange *change)
{
  switch (change->kind)
    {
    case WEFT_CHANGE_LINK_ADDED:
      add_link (totals, fabric, &change->new_link, 1);
      break;
    case WEFT_CHANGE_LINK_REMOVED:
      add_link (totals, fabric, &change->old_link, -1);
      break;
    case WEFT_CHANGE_LINK_CHANGED:
      add_link (totals, fabric, &change->old_link, -1);
      add_link (totals, fabric, &change->new_link, 1);
      break;
    case WEFT_CHANGE_NODE_CHANGED:
      add_part (totals, node_part (fabric, &change->old_node), -1);
      add_part (totals, node_part (fabric, &change->new_node), 1);
      break;
    case WEFT_CHANGE_RESET:
    default:
      weft_cost_totals_init (totals, fabric);
      break;
    }
}

static const char *
node_role (WeftNodeKind kind)
{
  switch (kind)
    {
    case WEFT_NODE_GPU: return "NIC";
    case WEFT_NODE_NVSWITCH: return "scale-up switch";
    case WEFT_NODE_LEAF: return "leaf switch";
    case WEFT_NODE_SPINE: return "spine switch";
    case WEFT_NODE_CORE: return "core switch";
    case WEFT_NODE_ROUTER: return "router";
    case WEFT_NODE_OCS: return "optical circuit switch";
    case WEFT_N_NODE_KINDS:
    default: g_assert_not_reached ();
    }
}

static void
add_to (GHashTable *table,
        const char *key,
        double      value)
{
  double *total = g_hash_table_lookup (table, key);

  if (total == NULL)
    {
      total = g_new0 (double, 1);
      g_hash_table_insert (table, g_strdup (key), total);
    }
  *total += value;
}

static WeftBomRow *
bom_row (GHashTable *rows,
         const char *part,
         const char *role)
{
  g_autofree char *key = g_strconcat (role, "\n", part, NULL);
  WeftBomRow *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = g_new0 (WeftBomRow, 1);
      row->part = g_strdup (part);
      row->role = g_strdup (role);
      g_hash_table_insert (rows, g_steal_pointer (&key), row);
    }
  return row;
}

static void
bom_row_free (WeftBomRow *row)
{
  g_free (row->part);
  g_free (row->role);
  g_free (row);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const WeftBomRow *x = *(WeftBomRow * const *) a, *y = *(WeftBomRow * const *) b;

  if (x->extended_usd != y->extended_usd)
    return x->extended_usd < y->extended_usd ? 1 : -1;
  return g_strcmp0 (x->part, y->part);
}

/* Links of one tier and one medium, added up before they become rows:
 * a fabric has a handful of these and tens of thousands of links. */
typedef struct
{
  const char          *tier;     /* interned */
  const WeftMediaPart *media;
  guint64              count;
  double               meters;   /* cable length, times count */
  double               usd;
  double               watts;
} LinkGroup;

static LinkGroup *
link_group (GArray              *groups,
            const char          *tier,
            const WeftMediaPart *media)
{
  for (guint i = 0; i < groups->len; i++)
    {
      LinkGroup *group = &g_array_index (groups, LinkGroup, i);

      if (group->tier == tier && group->media == media)
        return group;
    }
  g_array_append_vals (groups, &(LinkGroup) { tier, media }, 1);
  return &g_array_index (groups, LinkGroup, groups->len - 1);
}

/* One row per part and role for the switches and the NICs (a GPU node's
 * part), priced per unit. */
static void
bill_add_parts (WeftFabric  *fabric,
                WeftMetrics *metrics,
                GHashTable  *rows)
{
  WeftCatalog *catalog = weft_fabric_get_catalog (fabric);
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);

  for (guint i = 0; i < n_nodes; i++)
    {
      const char *id = weft_fabric_get_part_id (fabric, nodes[i].part);
      const WeftPart *part = weft_catalog_lookup_part (catalog, id);
      const char *tier = weft_node_kind_to_string (nodes[i].kind);
      WeftBomRow *row;

      if (part == NULL)
        continue;
      add_to (metrics->usd_by_tier, tier, part->price_usd);
      add_to (metrics->watts_by_tier, tier, part->power_w);
      row = bom_row (rows, id, node_role (nodes[i].kind));
      row->quantity++;
      row->unit_price_usd = part->price_usd;
      row->extended_usd += part->price_usd;
      row->unit_power_w = part->power_w;
    }
}

/* The links added up by tier and medium; consecutive links mostly share
 * both, so the last group is tried first. */
static void
bill_group_links (WeftFabric *fabric,
                  GArray     *groups)
{
  WeftCatalog *catalog = weft_fabric_get_catalog (fabric);
  guint n_links;
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  LinkGroup *last = NULL;

  for (guint i = 0; i < n_links; i++)
    {
      const WeftMediaPart *media = weft_fabric_get_link_media (fabric, i);
      const char *tier = weft_fabric_get_link_tier (fabric, i);
      double usd, watts;

      if (media == NULL)
        continue;
      if (last == NULL || last->tier != tier || last->media != media)
        last = link_group (groups, tier, media);
      media_cost (catalog, media, &links[i], &usd, &watts);
      last->count += links[i].count;
      last->meters += links[i].count * links[i].length_m;
      last->usd += usd;
      last->watts += watts;
    }
}

/* A group's cables, or its transceivers (two a link) and the fiber between them. */
static void
bill_add_link_group (WeftMetrics     *metrics,
                     GHashTable      *rows,
                     const LinkGroup *group)
{
  const WeftMediaPart *media = group->media;
  WeftBomRow *row;

  add_to (metrics->usd_by_tier, group->tier, group->usd);
  add_to (metrics->watts_by_tier, group->tier, group->watts);
  if (media->is_cable)
    {
      g_autofree char *role = g_strdup_printf ("%s cable", group->tier);

      row = bom_row (rows, media->id, role);
      row->quantity += group->count;
      row->extended_usd += group->usd;
      row->unit_price_usd = row->extended_usd / row->quantity;
      row->unit_power_w = 2 * media->power_w;
    }
  else
    {
      g_autofree char *role = g_strdup_printf ("%s transceiver", group->tier);

      row = bom_row (rows, media->id, role);
      row->quantity += 2 * group->count;
      row->unit_price_usd = media->price_usd;
      row->extended_usd += 2.0 * group->count * media->price_usd;
      row->unit_power_w = media->power_w;
      if (media->fiber != NULL && media->fiber_usd_per_m > 0)
        {
          g_autofree char *fiber = g_strdup_printf ("fiber-%s (m)", media->fiber);

          row = bom_row (rows, fiber, "fiber");
          row->quantity += (guint64) (group->meters + 0.5);
          row->unit_price_usd = media->fiber_usd_per_m;
          row->extended_usd += group->meters * media->fiber_usd_per_m;
        }
    }
}

/* Tiers are node kinds for switches and NICs ("leaf", "gpu" for the NICs)
 * and link tiers for media ("gpu-leaf"); the bill lists transceivers, cables
 * and fiber separately because that is how they are bought. */
void
weft_metrics_compute_bill (WeftFabric  *fabric,
                           WeftMetrics *metrics)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (LinkGroup));
  GHashTableIter iter;
  gpointer value;

  metrics->usd_by_tier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics->watts_by_tier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics->bom = g_ptr_array_new_with_free_func ((GDestroyNotify) bom_row_free);

  bill_add_parts (fabric, metrics, rows);
  bill_group_links (fabric, groups);
  for (guint i = 0; i < groups->len; i++)
    bill_add_link_group (metrics, rows, &g_array_index (groups, LinkGroup, i));

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (metrics->bom, value);
  g_ptr_array_sort (metrics->bom, compare_rows);
}
