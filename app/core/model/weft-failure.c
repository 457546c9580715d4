/* weft-failure.c — a fabric with some of its elements failed: links by index or by their ends,
 * nodes by name. */
#include "model/weft-failure.h"

gboolean
weft_fabric_failed_links (WeftFabric  *fabric,
              const char  *element,
              GArray      *links,
              GError     **error)
{
  guint n_links = weft_fabric_get_n_links (fabric);

  if (g_str_has_prefix (element, "link:"))
    {
      const char *id = element + 5;
      g_auto(GStrv) ends = g_strsplit (id, ",", 2);
      guint64 index;

      if (g_strv_length (ends) == 2)
        {
          guint a = weft_fabric_lookup_node (fabric, ends[0]);
          guint b = weft_fabric_lookup_node (fabric, ends[1]);
          gboolean found = FALSE;

          for (guint i = 0; i < n_links && a != WEFT_NONE && b != WEFT_NONE; i++)
            {
              const WeftLink *l = weft_fabric_get_link (fabric, i);

              if ((l->a == a && l->b == b) || (l->a == b && l->b == a))
                {
                  g_array_append_val (links, i);
                  found = TRUE;
                }
            }
          if (!found)
            {
              g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                           "%s: no link joins '%s' and '%s'", element, ends[0], ends[1]);
              return FALSE;
            }
          return TRUE;
        }
      if (n_links == 0)
        {
          g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                       "%s: the fabric has no links", element);
          return FALSE;
        }
      if (!g_ascii_string_to_unsigned (id, 10, 0, n_links - 1, &index, NULL))
        {
          g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                       "%s: the fabric has links 0 to %u, or name two nodes: link:A,B", element,
                       n_links - 1);
          return FALSE;
        }
      g_array_append_vals (links, &(guint) { (guint) index }, 1);
      return TRUE;
    }
  if (g_str_has_prefix (element, "node:"))
    {
      guint node = weft_fabric_lookup_node (fabric, element + 5);

      if (node == WEFT_NONE)
        {
          g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                       "%s: the fabric has no node '%s'", element, element + 5);
          return FALSE;
        }
      for (guint i = 0; i < n_links; i++)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);

          if (l->a == node || l->b == node)
            g_array_append_val (links, i);
        }
      return TRUE;
    }
  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
               "%s: write link:ID, link:A,B or node:NAME", element);
  return FALSE;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

void
weft_links_removal_order (GArray *links)
{
  g_array_sort (links, compare_descending);
  for (guint i = 1; i < links->len; i++)
    if (g_array_index (links, guint, i) == g_array_index (links, guint, i - 1))
      g_array_remove_index (links, i--);
}

WeftFabric *
weft_fabric_without (WeftFabric         *fabric,
                     const char * const *elements,
                     GError            **error)
{
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  g_return_val_if_fail (elements != NULL, NULL);

  /* Every element is checked before anything is copied. */
  for (guint i = 0; elements[i] != NULL; i++)
    if (!weft_fabric_failed_links (fabric, elements[i], links, error))
      return NULL;

  failed = weft_fabric_copy (fabric);
  weft_links_removal_order (links);
  for (guint i = 0; i < links->len; i++)
    if (!weft_fabric_remove_link (failed, g_array_index (links, guint, i), error))
      return NULL;
  return g_steal_pointer (&failed);
}
