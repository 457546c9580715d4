/* weft-graph-export.c — writing a fabric as GraphML and DOT with its node and link attributes. */
#include "io/weft-graph-export.h"

#include <gio/gio.h>

#include "io/weft-json-writer.h"
#include "io/weft-output.h"

static void
append_xml (GString    *out,
            const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static const char *
link_medium_name (WeftFabric *self,
                  guint       link)
{
  const WeftMediaPart *media = weft_fabric_get_link_media (self, link);

  if (media == NULL)
    return "none";
  return weft_medium_to_string (media->medium);
}

static const struct
{
  const char *id;
  const char *domain;
  const char *type;
} graphml_keys[] = {
  { "kind", "node", "string" },
  { "part", "node", "string" },
  { "server", "node", "int" },
  { "rail", "node", "int" },
  { "pod", "node", "int" },
  { "plane", "node", "int" },
  { "group", "node", "int" },
  { "rack", "node", "string" },
  { "u", "node", "int" },
  { "class", "edge", "string" },
  { "speed_gbps", "edge", "int" },
  { "count", "edge", "int" },
  { "capacity_gbps", "edge", "double" },
  { "medium", "edge", "string" },
  { "media_part", "edge", "string" },
  { "length_m", "edge", "double" },
};

GBytes *
weft_fabric_to_graphml (WeftFabric *self)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (self, &n_links);
  GString *out = g_string_sized_new (512 + 200 * (gsize) (n_nodes + n_links));

  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (graphml_keys); i++)
    g_string_append_printf (
        out, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
        graphml_keys[i].id, graphml_keys[i].domain, graphml_keys[i].id, graphml_keys[i].type);
  g_string_append (out, "  <graph id=\"");
  append_xml (out, weft_fabric_get_name (self));
  g_string_append (out, "\" edgedefault=\"undirected\">\n");

  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];
      const gint32 groups[] = { node->groups.server, node->groups.rail, node->groups.pod,
                                node->groups.plane, node->groups.group };
      const char *group_keys[] = { "server", "rail", "pod", "plane", "group" };

      g_string_append (out, "    <node id=\"");
      append_xml (out, node->name);
      g_string_append_printf (out, "\"><data key=\"kind\">%s</data><data key=\"part\">",
                              weft_node_kind_to_string (node->kind));
      append_xml (out, weft_fabric_get_node_part_id (self, i));
      g_string_append (out, "</data>");
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        g_string_append_printf (out, "<data key=\"%s\">%d</data>", group_keys[g], groups[g]);
      if (node->rack != WEFT_NONE)
        {
          g_string_append (out, "<data key=\"rack\">");
          append_xml (out, weft_fabric_get_rack (self, node->rack)->name);
          g_string_append_printf (out, "</data><data key=\"u\">%u</data>", node->u);
        }
      g_string_append (out, "</node>\n");
    }

  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];
      const WeftMediaPart *media = weft_fabric_get_link_media (self, i);

      g_string_append_printf (out, "    <edge id=\"e%u\" source=\"", i);
      append_xml (out, nodes[link->a].name);
      g_string_append (out, "\" target=\"");
      append_xml (out, nodes[link->b].name);
      g_string_append_printf (out, "\"><data key=\"class\">%s</data>"
                              "<data key=\"speed_gbps\">%u</data><data key=\"count\">%u</data>"
                              "<data key=\"capacity_gbps\">%u</data><data key=\"medium\">%s</data>"
                              "<data key=\"media_part\">",
                              weft_link_class_to_string (link->link_class), link->speed_gbps,
                              link->count, link->count * link->speed_gbps,
                              link_medium_name (self, i));
      append_xml (out, media ? media->id : "none");
      g_string_append (out, "</data><data key=\"length_m\">");
      weft_json_append_float (out, link->length_m);
      g_string_append (out, "</data></edge>\n");
    }

  g_string_append (out, "  </graph>\n</graphml>\n");
  return g_string_free_to_bytes (out);
}

GBytes *
weft_fabric_to_dot (WeftFabric *self)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (self, &n_links);
  GString *out = g_string_sized_new (512 + 160 * (gsize) (n_nodes + n_links));

  /* DOT's quoted strings take the same escapes as JSON's for our names. */
  g_string_append (out, "graph ");
  weft_json_append_string (out, weft_fabric_get_name (self));
  g_string_append (out, " {\n");
  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];

      g_string_append (out, "  ");
      weft_json_append_string (out, node->name);
      g_string_append_printf (out, " [kind=%s, part=", weft_node_kind_to_string (node->kind));
      weft_json_append_string (out, weft_fabric_get_node_part_id (self, i));
      g_string_append_printf (out, ", server=%d, rail=%d, pod=%d, plane=%d, group=%d",
                              node->groups.server, node->groups.rail, node->groups.pod,
                              node->groups.plane, node->groups.group);
      if (node->rack != WEFT_NONE)
        {
          g_string_append (out, ", rack=");
          weft_json_append_string (out, weft_fabric_get_rack (self, node->rack)->name);
        }
      g_string_append (out, "];\n");
    }
  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];

      g_string_append (out, "  ");
      weft_json_append_string (out, nodes[link->a].name);
      g_string_append (out, " -- ");
      weft_json_append_string (out, nodes[link->b].name);
      g_string_append_printf (out, " [class=\"%s\", speed_gbps=%u, count=%u, capacity_gbps=%u, "
                              "medium=%s, length_m=",
                              weft_link_class_to_string (link->link_class), link->speed_gbps,
                              link->count, link->count * link->speed_gbps,
                              link_medium_name (self, i));
      weft_json_append_float (out, link->length_m);
      g_string_append (out, "];\n");
    }
  g_string_append (out, "}\n");
  return g_string_free_to_bytes (out);
}

gboolean
weft_fabric_export_graph (WeftFabric  *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (g_str_has_suffix (path, ".graphml"))
    bytes = weft_fabric_to_graphml (self);
  else if (g_str_has_suffix (path, ".dot") || g_str_has_suffix (path, ".gv"))
    bytes = weft_fabric_to_dot (self);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: unknown graph format; use a .graphml or .dot file name", path);
      return FALSE;
    }
  return weft_output_write_bytes (path, bytes, error);
}
