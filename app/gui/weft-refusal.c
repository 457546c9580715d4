/* weft-refusal.c — an edit of the links the fabric refused, in the window's words: why, and what to
 * do instead.
 *
 * The core's messages are written for the command line as well ("no free
 * 400G port: qm9700 has 64, 65 would be in use"); here they become what a
 * user of the canvas can act on: which switch is full and how to free one
 * of its ports, or where else to drop the end.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui/weft-refusal.h"

/* Of @ends, the one with the fewest free ports: the one a refusal for want
 * of ports is about. */
static guint
full_node (WeftFabric  *fabric,
           const guint *ends,
           guint        n_ends)
{
  guint full = n_ends > 0 ? ends[0] : WEFT_NONE;
  gint64 fewest = G_MAXINT64;

  for (guint i = 0; i < n_ends; i++)
    {
      const WeftPart *part = weft_fabric_get_node_part (fabric, ends[i]);
      gint64 free_units;

      if (part == NULL)
        continue;
      free_units = (gint64) part->port_units - weft_fabric_get_ports_used (fabric, ends[i]);
      if (free_units < fewest)
        {
          fewest = free_units;
          full = ends[i];
        }
    }
  return full;
}

/* "leaf-3 has no free 400 Gb/s port: all 64 are in use." */
static char *
say_full (WeftFabric *fabric,
          guint       node,
          guint       speed_gbps)
{
  const WeftPart *part = weft_fabric_get_node_part (fabric, node);
  const char *name = weft_fabric_get_node (fabric, node)->name;
  guint cost = part != NULL && speed_gbps > 0 ? weft_part_port_cost (part, speed_gbps) : 0, ports;

  if (cost == 0)
    return g_strdup_printf (_("%s has no free port for another link."), name);
  ports = part->port_units / cost;
  return g_strdup_printf (ngettext ("%s has no free %u Gb/s port: its only port is in use.",
                                    "%s has no free %u Gb/s port: all %u are in use.", ports),
                          name, speed_gbps, ports);
}

/* "leaf-3 has no 800 Gb/s ports: it has 64 × 400 Gb/s." */
static char *
say_no_speed (WeftFabric *fabric,
              guint       node,
              guint       speed_gbps)
{
  const WeftPart *part = weft_fabric_get_node_part (fabric, node);
  g_autoptr(GString) ports = g_string_new (NULL);

  if (part == NULL || speed_gbps == 0 || weft_part_port_cost (part, speed_gbps) != 0)
    return NULL;
  for (guint i = 0; i < part->n_ports; i++)
    g_string_append_printf (ports, "%s%u × %u Gb/s", i ? ", " : "", part->ports[i].count,
                            part->ports[i].speed_gbps);
  return g_strdup_printf (_("%s has no %u Gb/s ports: it has %s."),
                          weft_fabric_get_node (fabric, node)->name, speed_gbps, ports->str);
}

/* Why a link cannot end where it would: which of @ends is of the wrong
 * kind for it, and where to drop it instead. */
static char *
say_wrong_kind (WeftFabric  *fabric,
                const guint *ends,
                guint        n_ends)
{
  guint gpus = 0;

  for (guint i = 0; i < n_ends; i++)
    {
      const WeftNode *n = weft_fabric_get_node (fabric, ends[i]);

      if (n->kind == WEFT_NODE_NVSWITCH)
        return g_strdup_printf (_("%s is a scale-up switch: only the GPUs of its server link to "
                                  "it. Drop the end on a network switch instead."),
                                n->name);
      gpus += n->kind == WEFT_NODE_GPU;
    }
  if (n_ends > 0 && gpus == n_ends)
    return g_strdup_printf (_("%s is a GPU, as is the other end: a network link needs a switch "
                              "at one end. Drop the end on a switch instead."),
                            weft_fabric_get_node (fabric, ends[n_ends - 1])->name);
  for (guint i = 0; i < n_ends; i++)
    {
      const WeftNode *n = weft_fabric_get_node (fabric, ends[i]);

      if (n->kind != WEFT_NODE_GPU)
        return g_strdup_printf (_("%s is a network switch: a scale-up link stays inside its "
                                  "server. Drop the end on a GPU or a scale-up switch of the "
                                  "server instead."),
                                n->name);
    }
  return NULL;
}

char *
weft_refusal_explain (WeftFabric   *fabric,
                      const GError *error,
                      guint         speed_gbps,
                      const guint  *ends,
                      guint         n_ends)
{
  g_autofree char *why = NULL;
  const char *instead;

  if (error->domain != WEFT_FABRIC_ERROR)
    return g_strdup (error->message);
  switch ((WeftFabricError) error->code)
    {
    case WEFT_FABRIC_ERROR_PORTS:
      why = say_full (fabric, full_node (fabric, ends, n_ends), speed_gbps);
      instead = _("To free one, select one of its links and press Delete, or select a link and "
                  "lower its Parallel links in the side panel.");
      break;
    case WEFT_FABRIC_ERROR_SPEED:
      for (guint i = 0; i < n_ends && why == NULL; i++)
        why = say_no_speed (fabric, ends[i], speed_gbps);
      instead = _("Drop the end on a switch with ports at that speed, or select the link and "
                  "change its Speed in the side panel.");
      break;
    case WEFT_FABRIC_ERROR_CLASS:
      why = say_wrong_kind (fabric, ends, n_ends);
      if (why != NULL)
        return g_steal_pointer (&why);
      instead = _("Drop the end on a node of the same network as its other end.");
      break;
    case WEFT_FABRIC_ERROR_MEDIUM:
      why = g_strdup (_("No cable or optics in the catalog reaches that far at this speed."));
      instead = _("Drop the end on a nearer node, or select the link and choose another Medium "
                  "in the side panel.");
      break;
    case WEFT_FABRIC_ERROR_SELF_LOOP:
      why = g_strdup (_("Both ends of the link would be on the same node."));
      instead = _("Drop the end on another node.");
      break;
    case WEFT_FABRIC_ERROR_PART:
      instead = _("Select the node and choose a part from the catalog in the side panel.");
      break;
    case WEFT_FABRIC_ERROR_INVALID:
    default:
      return g_strdup_printf (_("The link cannot be made: %s."), error->message);
    }
  if (why == NULL)
    why = g_strdup_printf (_("The link cannot be made: %s."), error->message);
  return g_strdup_printf ("%s %s", why, instead);
}
