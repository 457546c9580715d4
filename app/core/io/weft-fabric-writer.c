/* weft-fabric-writer.c — the canonical text of a fabric file, one record per line, and atomic
 * saves. */
#include "io/weft-fabric-file.h"

#include "generators/weft-gen-params.h"
#include "io/weft-json-writer.h"
#include "io/weft-output.h"
#include "model/weft-fabric-private.h"
#include "model/weft-failure.h"

static gboolean
looks_like_number (const char *value)
{
  char *end = NULL;

  if (*value == '\0' || !(g_ascii_isdigit (*value) || *value == '-'))
    return FALSE;
  g_ascii_strtod (value, &end);
  return *end == '\0';
}

static void
write_param_cb (const char *key,
                const char *value,
                gpointer    user_data)
{
  WeftJsonWriter *w = user_data;

  weft_json_key (w, key);
  if (!g_str_equal (key, "name") && looks_like_number (value))
    weft_json_number_text (w, value);
  else
    weft_json_string (w, value);
}

static void
write_generator (WeftFabric     *self,
                 WeftJsonWriter *w)
{
  const WeftGenParams *params = weft_fabric_get_generator (self);
  const WeftClosedForm *closed_form = &self->closed_form;

  if (params == NULL)
    return;

  weft_json_key (w, "generator");
  weft_json_begin_object (w);
  weft_json_member_string (w, "arch", weft_arch_to_string (params->arch));
  weft_json_key (w, "params");
  weft_json_begin_inline_object (w);
  weft_gen_params_foreach (params, write_param_cb, w);
  weft_json_end_object (w);
  weft_json_member_bool (w, "edited", weft_fabric_is_edited (self));

  /* The closed forms are kept even once edited, so that they still hold
   * after a reload and an undo back to the generated fabric. */
  if (closed_form->has_bisection || closed_form->has_diameter)
    {
      weft_json_key (w, "closed_form");
      weft_json_begin_inline_object (w);
      if (closed_form->has_bisection)
        weft_json_member_double (w, "bisection_gbps", closed_form->bisection_gbps);
      if (closed_form->has_diameter)
        weft_json_member_int (w, "diameter_switch_hops", closed_form->diameter_switch_hops);
      weft_json_end_object (w);
    }
  weft_json_end_object (w);
}

static void
write_floor (WeftFabric     *self,
             WeftJsonWriter *w)
{
  const WeftFloor *floor = weft_fabric_get_floor (self);

  weft_json_key (w, "floor");
  weft_json_begin_inline_object (w);
  weft_json_member_double (w, "rack_width_m", floor->rack_width_m);
  weft_json_member_double (w, "row_pitch_m", floor->row_pitch_m);
  weft_json_member_double (w, "chassis_m", floor->chassis_m);
  weft_json_member_double (w, "intra_rack_m", floor->intra_rack_m);
  weft_json_member_double (w, "inter_rack_slack_m", floor->inter_rack_slack_m);
  weft_json_end_object (w);
}

static void
write_racks (WeftFabric     *self,
             WeftJsonWriter *w)
{
  guint n_racks = weft_fabric_get_n_racks (self);

  weft_json_key (w, "racks");
  weft_json_begin_array (w);
  for (guint i = 0; i < n_racks; i++)
    {
      const WeftRack *rack = weft_fabric_get_rack (self, i);

      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "id", rack->name);
      weft_json_member_int (w, "row", rack->row);
      weft_json_member_int (w, "col", rack->col);
      weft_json_member_int (w, "units", rack->units);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
}

static void
write_group (WeftJsonWriter *w,
             const char     *key,
             gint32          value)
{
  if (value >= 0)
    weft_json_member_int (w, key, value);
}

static void
write_nodes (WeftFabric     *self,
             WeftJsonWriter *w)
{
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);

  weft_json_key (w, "nodes");
  weft_json_begin_array (w);
  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];

      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "id", node->name);
      weft_json_member_string (w, "kind", weft_node_kind_to_string (node->kind));
      weft_json_member_string (w, "part", weft_fabric_get_node_part_id (self, i));
      write_group (w, "server", node->groups.server);
      write_group (w, "rail", node->groups.rail);
      write_group (w, "pod", node->groups.pod);
      write_group (w, "plane", node->groups.plane);
      write_group (w, "group", node->groups.group);
      if (node->rack != WEFT_NONE)
        {
          weft_json_member_string (w, "rack", weft_fabric_get_rack (self, node->rack)->name);
          weft_json_member_int (w, "u", node->u);
        }
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
}

static void
write_links (WeftFabric     *self,
             WeftJsonWriter *w)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (self, &n_links);

  g_autoptr(GPtrArray) failures = weft_fabric_list_failures (self);
  g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (WeftLink), n_links);

  /* A failure is a what-if: the file keeps the fabric as built, the failed links in it. */
  g_array_append_vals (all, links, n_links);
  for (guint i = 0; i < failures->len; i++)
    {
      const GArray *taken = ((const WeftFailure *) g_ptr_array_index (failures, i))->links;

      g_array_append_vals (all, taken->data, taken->len);
    }

  weft_json_key (w, "links");
  weft_json_begin_array (w);
  for (guint i = 0; i < all->len; i++)
    {
      const WeftLink *link = &g_array_index (all, WeftLink, i);

      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "a", nodes[link->a].name);
      weft_json_member_string (w, "b", nodes[link->b].name);
      weft_json_member_string (w, "class", weft_link_class_to_string (link->link_class));
      weft_json_member_int (w, "speed", link->speed_gbps);
      weft_json_member_int (w, "lanes", link->lanes);
      weft_json_member_int (w, "count", link->count);
      weft_json_member_string (w, "medium", weft_medium_to_string (link->medium));
      if (link->length_set)
        {
          weft_json_key (w, "length");
          weft_json_float (w, link->length_m);
        }
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
}

GBytes *
weft_fabric_to_bytes (WeftFabric *self)
{
  guint n_nodes = weft_fabric_get_n_nodes (self), n_links = weft_fabric_get_n_links (self);
  GString *out = g_string_sized_new (4096 + 110 * (gsize) n_nodes + 120 * (gsize) n_links);
  WeftJsonWriter w;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);

  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  weft_json_member_string (&w, "format", "weft-fabric");
  weft_json_member_int (&w, "version", 1);
  weft_json_member_string (&w, "name", weft_fabric_get_name (self));
  weft_json_member_string (&w, "protocol",
                           weft_protocol_to_string (weft_fabric_get_protocol (self)));
  weft_json_member_string (&w, "optics", weft_medium_to_string (weft_fabric_get_optics (self)));
  write_generator (self, &w);
  write_floor (self, &w);
  write_racks (self, &w);
  write_nodes (self, &w);
  write_links (self, &w);
  weft_json_end_object (&w);
  return g_string_free_to_bytes (out);
}

gboolean
weft_fabric_save_file (WeftFabric  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = weft_fabric_to_bytes (self);

  /* A temporary file, synced and renamed over the old one, so a crash
   * leaves either the old file or the new one; never over a device. */
  return weft_output_write_bytes (path, bytes, error);
}
