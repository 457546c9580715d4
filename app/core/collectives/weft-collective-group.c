/* weft-collective-group.c — group and size specifications: "rail:3", "server:0-7", "gpus:a,b",
 * "1GiB". */
#include "collectives/weft-collective-group.h"

#include <math.h>
#include <string.h>

#include "collectives/weft-collective.h"

static gboolean
parse_index (const char  *spec,
             const char  *text,
             guint64     *value,
             GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, value, NULL))
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "group '%s': '%s' is not a whole number", spec, text);
      return FALSE;
    }
  return TRUE;
}

/* GPUs whose group @field (server, rail, pod or plane; NULL: any) is in [@lo, @hi]. */
static GArray *
gpus_in (WeftFabric *fabric,
         const char *field,
         guint64     lo,
         guint64     hi)
{
  GArray *gpus = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, i);
      gint32 value = field == NULL                 ? 0
                     : g_str_equal (field, "server") ? node->groups.server
                     : g_str_equal (field, "rail") ? node->groups.rail
                     : g_str_equal (field, "pod")  ? node->groups.pod
                                                   : node->groups.plane;

      if (node->kind == WEFT_NODE_GPU && value >= 0 && (guint64) value >= lo &&
          (guint64) value <= hi)
        g_array_append_val (gpus, i);
    }
  return gpus;
}

static GArray *
named_gpus (WeftFabric  *fabric,
            const char  *spec,
            const char  *list,
            GError     **error)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);
  g_autoptr(GArray) gpus = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint node = weft_fabric_lookup_node (fabric, names[i]);

      if (node == WEFT_NONE || weft_fabric_get_node (fabric, node)->kind != WEFT_NODE_GPU)
        {
          g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                       "group '%s': the fabric has no GPU '%s'", spec, names[i]);
          return NULL;
        }
      g_array_append_val (gpus, node);
    }
  return g_steal_pointer (&gpus);
}

GArray *
weft_collective_group_parse (WeftFabric  *fabric,
                             const char  *spec,
                             GError     **error)
{
  static const char *fields[] = { "server", "rail", "pod", "plane" };
  const char *colon = strchr (spec, ':');
  g_autofree char *field = colon ? g_strndup (spec, colon - spec) : g_strdup (spec);
  g_autoptr(GArray) gpus = NULL;

  if (g_str_equal (spec, "all"))
    gpus = gpus_in (fabric, NULL, 0, 0);
  else if (colon != NULL && g_str_equal (field, "gpus"))
    gpus = named_gpus (fabric, spec, colon + 1, error);
  else if (colon != NULL && g_strv_contains (fields, field))
    {
      g_auto(GStrv) range = g_strsplit (colon + 1, "-", 2);
      guint64 lo, hi;

      if (!parse_index (spec, range[0] ? range[0] : "", &lo, error) ||
          !parse_index (spec, range[1] ? range[1] : range[0], &hi, error))
        return NULL;
      gpus = gpus_in (fabric, field, lo, hi);
    }
  else
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "group '%s': write all, rail:N, pod:N, plane:N, server:N, server:A-B "
                   "or gpus:NAME,NAME", spec);
      return NULL;
    }
  if (gpus != NULL && gpus->len == 0)
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "group '%s': no GPU of the fabric is in it", spec);
      return NULL;
    }
  return g_steal_pointer (&gpus);
}

gboolean
weft_collective_parse_size (const char  *text,
                            double      *bytes,
                            GError     **error)
{
  static const struct { const char *suffix; double factor; } units[] = {
    { "KiB", 0x1p10 }, { "MiB", 0x1p20 }, { "GiB", 0x1p30 }, { "TiB", 0x1p40 },
    { "KB", 1e3 }, { "MB", 1e6 }, { "GB", 1e9 }, { "TB", 1e12 },
    { "K", 0x1p10 }, { "M", 0x1p20 }, { "G", 0x1p30 }, { "T", 0x1p40 }, { "B", 1 },
  };
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  double factor = 1;

  if (end != text && *end != '\0')
    {
      factor = 0;
      for (guint i = 0; i < G_N_ELEMENTS (units) && factor == 0; i++)
        if (g_str_equal (end, units[i].suffix))
          factor = units[i].factor;
    }
  if (end == text || factor == 0 || !isfinite (value) || !(value * factor >= 1) ||
      value * factor > 0x1p50)
    {
      g_set_error (error, WEFT_COLLECTIVE_ERROR, WEFT_COLLECTIVE_ERROR_INVALID,
                   "size '%s': write bytes from 1 to 1P, like 4096, 512K, 64MiB or 1G", text);
      return FALSE;
    }
  *bytes = value * factor;
  return TRUE;
}
