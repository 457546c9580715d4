/* weft-summary.c — counting a fabric's nodes, links, media and ports. */
#include "model/weft-summary.h"

#include <string.h>

static void
add_tier (GHashTable *tiers,
          const char *tier,
          guint64     count)
{
  guint64 *total = g_hash_table_lookup (tiers, tier);

  if (total == NULL)
    {
      total = g_new0 (guint64, 1);
      g_hash_table_insert (tiers, (gpointer) tier, total);
    }
  *total += count;
}

/* A node's port budget counted in ports of the speed its links run at
 * (its first link's, or the part's fastest when it has none). */
static guint
node_ports (const WeftPart *part,
            guint           speed)
{
  if (speed != 0 && weft_part_ports_at (part, speed) > 0)
    return weft_part_ports_at (part, speed);
  return part->n_ports ? part->ports[0].count : 0;
}

void
weft_summary_init (WeftSummary *summary,
                   WeftFabric  *fabric)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  g_autofree guint32 *speed = g_new0 (guint32, n_nodes);
  g_autofree guint64 *used = g_new0 (guint64, n_nodes);
  g_autoptr(GHashTable) servers = g_hash_table_new (NULL, NULL);

  memset (summary, 0, sizeof *summary);
  summary->links_by_tier = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];
      const WeftMediaPart *media = weft_fabric_get_link_media (fabric, i);

      summary->links += link->count;
      summary->links_by_medium[media ? media->medium : WEFT_MEDIUM_AUTO] += link->count;
      add_tier (summary->links_by_tier, weft_fabric_get_link_tier (fabric, i), link->count);

      for (guint end = 0; end < 2; end++)
        {
          guint node = end ? link->b : link->a;

          /* A GPU's scale-up links do not use its NIC. */
          if (nodes[node].kind == WEFT_NODE_GPU && link->link_class == WEFT_LINK_SCALE_UP)
            continue;
          used[node] += link->count;
          if (speed[node] == 0)
            speed[node] = link->speed_gbps;
        }
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];
      const WeftPart *part = weft_fabric_get_node_part (fabric, i);

      summary->by_kind[node->kind]++;
      if (node->kind == WEFT_NODE_GPU)
        {
          summary->gpus++;
          if (node->groups.server >= 0)
            g_hash_table_add (servers, GINT_TO_POINTER (node->groups.server + 1));
          continue;
        }
      summary->switches++;
      summary->ports_used[node->kind] += used[i];
      if (part != NULL)
        summary->ports_available[node->kind] += node_ports (part, speed[i]);
    }
  summary->servers = g_hash_table_size (servers);
}

void
weft_summary_clear (WeftSummary *summary)
{
  g_clear_pointer (&summary->links_by_tier, g_hash_table_unref);
}

static int
compare_tiers (gconstpointer a,
               gconstpointer b)
{
  const char *ta = *(const char *const *) a, *tb = *(const char *const *) b;
  WeftNodeKind ka1, ka2, kb1, kb2;
  g_auto(GStrv) pa = g_strsplit (ta, "-", 2);
  g_auto(GStrv) pb = g_strsplit (tb, "-", 2);

  /* "leaf-spine" sorts by its upper kind, then its lower kind. */
  if (g_strv_length (pa) == 2 && g_strv_length (pb) == 2 &&
      weft_node_kind_from_string (pa[0], &ka1) && weft_node_kind_from_string (pa[1], &ka2) &&
      weft_node_kind_from_string (pb[0], &kb1) && weft_node_kind_from_string (pb[1], &kb2))
    {
      if (ka2 != kb2)
        return (int) ka2 - (int) kb2;
      if (ka1 != kb1)
        return (int) ka1 - (int) kb1;
    }
  return g_strcmp0 (ta, tb);
}

GPtrArray *
weft_summary_tiers (const WeftSummary *summary)
{
  GPtrArray *tiers = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, summary->links_by_tier);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (tiers, key);

  g_ptr_array_sort (tiers, compare_tiers);
  return tiers;
}
