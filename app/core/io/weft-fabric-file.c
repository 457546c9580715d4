/* weft-fabric-file.c — fabric files: a canonical writer and a streaming (yajl) reader for large fabrics. */
#include "io/weft-fabric-file.h"

#include "model/weft-fabric-private.h"

#include <gio/gio.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "io/weft-json-writer.h"

#define DEFAULT_FABRIC_RESOURCE "/io/github/weft/Weft/examples/default.weft.json"

G_DEFINE_QUARK (weft-file-error-quark, weft_file_error)

/* Writing. One record per line keeps files diffable and the writer simple. */

static void
append_key (GString    *out,
            const char *key)
{
  weft_json_append_string (out, key);
  g_string_append (out, ": ");
}

static void
append_group (GString    *out,
              const char *key,
              gint32      value)
{
  if (value < 0)
    return;
  g_string_append (out, ", ");
  append_key (out, key);
  g_string_append_printf (out, "%d", value);
}

static gboolean
looks_like_number (const char *value)
{
  char *end = NULL;

  if (*value == '\0' || !(g_ascii_isdigit (*value) || *value == '-'))
    return FALSE;
  g_ascii_strtod (value, &end);
  return *end == '\0';
}

typedef struct
{
  GString  *out;
  gboolean  first;
} ParamsWriter;

static void
write_param_cb (const char *key,
                const char *value,
                gpointer    user_data)
{
  ParamsWriter *writer = user_data;

  g_string_append (writer->out, writer->first ? "" : ", ");
  writer->first = FALSE;
  append_key (writer->out, key);
  if (!g_str_equal (key, "name") && looks_like_number (value))
    g_string_append (writer->out, value);
  else
    weft_json_append_string (writer->out, value);
}

static void
write_generator (WeftFabric *self,
                 GString    *out)
{
  const WeftGenParams *params = weft_fabric_get_generator (self);
  ParamsWriter writer = { out, TRUE };
  WeftClosedForm closed_form;

  if (params == NULL)
    return;

  g_string_append (out, "  \"generator\": {\n    \"arch\": ");
  weft_json_append_string (out, weft_arch_to_string (params->arch));
  g_string_append (out, ",\n    \"params\": {");
  weft_gen_params_foreach (params, write_param_cb, &writer);
  g_string_append_printf (out, "},\n    \"edited\": %s", weft_fabric_is_edited (self) ? "true" : "false");

  /* The closed forms are kept even once edited, so that they still hold
   * after a reload and an undo back to the generated fabric. */
  closed_form = self->closed_form;
  if (closed_form.has_bisection || closed_form.has_diameter)
    {
      g_string_append (out, ",\n    \"closed_form\": {");
      if (closed_form.has_bisection)
        {
          append_key (out, "bisection_gbps");
          weft_json_append_double (out, closed_form.bisection_gbps);
        }
      if (closed_form.has_diameter)
        {
          g_string_append (out, closed_form.has_bisection ? ", " : "");
          append_key (out, "diameter_switch_hops");
          g_string_append_printf (out, "%u", closed_form.diameter_switch_hops);
        }
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  },\n");
}

static void
write_floor (WeftFabric *self,
             GString    *out)
{
  const WeftFloor *floor = weft_fabric_get_floor (self);
  const struct { const char *key; double value; } fields[] = {
    { "rack_width_m", floor->rack_width_m },
    { "row_pitch_m", floor->row_pitch_m },
    { "chassis_m", floor->chassis_m },
    { "intra_rack_m", floor->intra_rack_m },
    { "inter_rack_slack_m", floor->inter_rack_slack_m },
  };

  g_string_append (out, "  \"floor\": {");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_string_append (out, i ? ", " : "");
      append_key (out, fields[i].key);
      weft_json_append_double (out, fields[i].value);
    }
  g_string_append (out, "},\n");
}

GBytes *
weft_fabric_to_bytes (WeftFabric *self)
{
  guint n_nodes, n_links, n_racks = weft_fabric_get_n_racks (self);
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (self, &n_links);
  GString *out = g_string_sized_new (4096 + 110 * (gsize) n_nodes + 120 * (gsize) n_links);

  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);

  g_string_append (out, "{\n  \"format\": \"weft-fabric\",\n  \"version\": 1,\n  \"name\": ");
  weft_json_append_string (out, weft_fabric_get_name (self));
  g_string_append (out, ",\n  \"protocol\": ");
  weft_json_append_string (out, weft_protocol_to_string (weft_fabric_get_protocol (self)));
  g_string_append (out, ",\n  \"optics\": ");
  weft_json_append_string (out, weft_medium_to_string (weft_fabric_get_optics (self)));
  g_string_append (out, ",\n");
  write_generator (self, out);
  write_floor (self, out);

  g_string_append (out, "  \"racks\": [");
  for (guint i = 0; i < n_racks; i++)
    {
      const WeftRack *rack = weft_fabric_get_rack (self, i);

      g_string_append (out, i ? ",\n    {" : "\n    {");
      append_key (out, "id");
      weft_json_append_string (out, rack->name);
      g_string_append_printf (out, ", \"row\": %u, \"col\": %u, \"units\": %u}",
                              rack->row, rack->col, rack->units);
    }
  g_string_append (out, n_racks ? "\n  ],\n" : "],\n");

  g_string_append (out, "  \"nodes\": [");
  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];

      g_string_append (out, i ? ",\n    {" : "\n    {");
      append_key (out, "id");
      weft_json_append_string (out, node->name);
      g_string_append (out, ", \"kind\": ");
      weft_json_append_string (out, weft_node_kind_to_string (node->kind));
      g_string_append (out, ", \"part\": ");
      weft_json_append_string (out, weft_fabric_get_node_part_id (self, i));
      append_group (out, "server", node->groups.server);
      append_group (out, "rail", node->groups.rail);
      append_group (out, "pod", node->groups.pod);
      append_group (out, "plane", node->groups.plane);
      append_group (out, "group", node->groups.group);
      if (node->rack != WEFT_NONE)
        {
          g_string_append (out, ", \"rack\": ");
          weft_json_append_string (out, weft_fabric_get_rack (self, node->rack)->name);
          g_string_append_printf (out, ", \"u\": %u", node->u);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_nodes ? "\n  ],\n" : "],\n");

  g_string_append (out, "  \"links\": [");
  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];

      g_string_append (out, i ? ",\n    {" : "\n    {");
      append_key (out, "a");
      weft_json_append_string (out, nodes[link->a].name);
      g_string_append (out, ", \"b\": ");
      weft_json_append_string (out, nodes[link->b].name);
      g_string_append_printf (out, ", \"class\": \"%s\", \"speed\": %u, \"lanes\": %u, \"count\": %u, "
                              "\"medium\": \"%s\"",
                              weft_link_class_to_string (link->link_class), link->speed_gbps,
                              link->lanes, link->count, weft_medium_to_string (link->medium));
      if (link->length_set)
        {
          g_string_append (out, ", \"length\": ");
          weft_json_append_float (out, link->length_m);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_links ? "\n  ]\n}\n" : "]\n}\n");

  return g_string_free_to_bytes (out);
}

gboolean
weft_fabric_save_file (WeftFabric  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) bytes = weft_fabric_to_bytes (self);

  /* CONSISTENT writes a temporary file, syncs it and renames it over the
   * old one, so a crash leaves either the old file or the new one. */
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

/* Reading. yajl hands us one token at a time, so a 131,072-GPU fabric is
 * read without building a document tree; a stack of frames remembers where
 * in the document each token sits, for the error messages. */

typedef enum
{
  SECTION_ROOT,
  SECTION_GENERATOR,
  SECTION_PARAMS,
  SECTION_CLOSED_FORM,
  SECTION_FLOOR,
  SECTION_RACKS,
  SECTION_RACK,
  SECTION_NODES,
  SECTION_NODE,
  SECTION_LINKS,
  SECTION_LINK,
  SECTION_SKIP,
} Section;

typedef struct
{
  Section  section;
  gboolean is_array;
  guint    index;
  char    *key;
} Frame;

typedef struct
{
  GString    *id;
  guint       row, col, units;
  guint       seen;
} RackRecord;

typedef struct
{
  GString      *id;
  GString      *part;
  WeftNodeKind  kind;
  WeftGroups    groups;
  guint         rack;
  guint         u;
  guint         seen;
} NodeRecord;

enum { SEEN_ID = 1 << 0, SEEN_KIND = 1 << 1, SEEN_PART = 1 << 2, SEEN_A = 1 << 3, SEEN_B = 1 << 4,
       SEEN_SPEED = 1 << 5, SEEN_LANES = 1 << 6 };

typedef struct
{
  WeftCatalog    *catalog;
  WeftFabric     *fabric;
  const char     *origin;
  GArray         *stack;
  GError         *error;

  gboolean        seen_format;
  gboolean        seen_version;
  gboolean        seen_nodes;

  gboolean        has_generator;
  gboolean        has_arch;
  WeftArch        arch;
  GPtrArray      *params;          /* key, value, path triples */
  gboolean        edited;
  WeftClosedForm  closed_form;

  RackRecord      rack;
  NodeRecord      node;
  WeftLink        link;
  guint           link_seen;
} Loader;

static void
frame_clear (gpointer data)
{
  g_free (((Frame *) data)->key);
}

static Frame *
top_frame (Loader *loader)
{
  return &g_array_index (loader->stack, Frame, loader->stack->len - 1);
}

static void
append_position (GString     *path,
                 const Frame *frame)
{
  if (frame->is_array)
    g_string_append_printf (path, "[%u]", frame->index);
  else
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, frame->key ? frame->key : "");
    }
}

/* The JSON path of the value being read, or of the innermost container. */
static char *
loader_path (Loader   *loader,
             gboolean  with_current)
{
  GString *path = g_string_new (NULL);
  guint n = loader->stack->len;

  for (guint i = 0; i + 1 < n; i++)
    append_position (path, &g_array_index (loader->stack, Frame, i));
  if (with_current && n > 0)
    append_position (path, top_frame (loader));
  return g_string_free (path, FALSE);
}

static int G_GNUC_PRINTF (4, 5)
loader_fail (Loader     *loader,
             gboolean    with_current,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *path = loader_path (loader, with_current);
  g_autofree char *message = NULL;
  va_list args;

  if (loader->error != NULL)
    return 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&loader->error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT, "%s: %s%s%s%s%s",
               loader->origin, path, field && *path ? "." : "", field ? field : "",
               *path || field ? ": " : "", message);
  return 0;
}

static int
fail_type (Loader     *loader,
           const char *expected)
{
  return loader_fail (loader, TRUE, NULL, "expected %s", expected);
}

static const char *
current_key (Loader *loader)
{
  Frame *frame = top_frame (loader);

  return frame->is_array ? NULL : frame->key;
}

static void
advance (Loader *loader)
{
  Frame *frame = top_frame (loader);

  if (frame->is_array)
    frame->index++;
}

/* Scalars arrive here as text (numbers keep their exact spelling). */
typedef enum
{
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_BOOL,
  VALUE_NULL,
} ValueType;

static gboolean
value_uint (Loader     *loader,
            ValueType   type,
            const char *text,
            guint       max,
            guint      *out)
{
  guint64 number;

  if (type != VALUE_NUMBER || !g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    {
      loader_fail (loader, TRUE, NULL, "expected a whole number from 0 to %u", max);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

static gboolean
value_group (Loader     *loader,
             ValueType   type,
             const char *text,
             gint32     *out)
{
  guint value;

  if (!value_uint (loader, type, text, G_MAXINT32, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
value_double (Loader     *loader,
              ValueType   type,
              const char *text,
              double      min,
              double     *out)
{
  double value;

  if (type != VALUE_NUMBER)
    {
      loader_fail (loader, TRUE, NULL, "expected a number");
      return FALSE;
    }
  value = g_ascii_strtod (text, NULL);
  if (!(value >= min) || value > 1e9)
    {
      loader_fail (loader, TRUE, NULL, "%s is out of range", text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static gboolean
value_string (Loader     *loader,
              ValueType   type,
              const char *what)
{
  if (type == VALUE_STRING)
    return TRUE;
  loader_fail (loader, TRUE, NULL, "expected %s", what);
  return FALSE;
}

static int
root_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  WeftProtocol protocol;
  WeftMedium optics;

  if (g_str_equal (key, "format"))
    {
      if (type != VALUE_STRING || !g_str_equal (text, "weft-fabric"))
        return loader_fail (loader, TRUE, NULL, "not a Weft fabric file (expected \"weft-fabric\")");
      loader->seen_format = TRUE;
    }
  else if (g_str_equal (key, "version"))
    {
      if (type != VALUE_NUMBER || !g_str_equal (text, "1"))
        return loader_fail (loader, TRUE, NULL,
                            "version %s: this Weft reads version 1 fabric files", text);
      loader->seen_version = TRUE;
    }
  else if (g_str_equal (key, "name"))
    {
      if (!value_string (loader, type, "a string"))
        return 0;
      weft_fabric_set_name (loader->fabric, text);
    }
  else if (g_str_equal (key, "protocol"))
    {
      if (type != VALUE_STRING || !weft_protocol_from_string (text, &protocol))
        return loader_fail (loader, TRUE, NULL, "expected infiniband or ethernet");
      weft_fabric_set_protocol (loader->fabric, protocol);
    }
  else if (g_str_equal (key, "optics"))
    {
      if (type != VALUE_STRING || !weft_medium_from_string (text, &optics) ||
          !weft_medium_is_optics_family (optics))
        return loader_fail (loader, TRUE, NULL, "expected dsp, lpo, lro or cpo");
      weft_fabric_set_optics (loader->fabric, optics);
    }
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");
  return 1;
}

static int
generator_value (Loader     *loader,
                 const char *key,
                 ValueType   type,
                 const char *text)
{
  if (g_str_equal (key, "arch"))
    {
      if (type != VALUE_STRING || !weft_arch_from_string (text, &loader->arch))
        return loader_fail (loader, TRUE, NULL, "unknown architecture '%s'", text);
      loader->has_arch = TRUE;
    }
  else if (g_str_equal (key, "edited"))
    {
      if (type != VALUE_BOOL)
        return fail_type (loader, "true or false");
      loader->edited = g_str_equal (text, "true");
    }
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");
  return 1;
}

static int
closed_form_value (Loader     *loader,
                   const char *key,
                   ValueType   type,
                   const char *text)
{
  WeftClosedForm *cf = &loader->closed_form;

  if (g_str_equal (key, "bisection_gbps"))
    {
      if (!value_double (loader, type, text, 0, &cf->bisection_gbps))
        return 0;
      cf->has_bisection = TRUE;
    }
  else if (g_str_equal (key, "diameter_switch_hops"))
    {
      if (!value_uint (loader, type, text, 1000000, &cf->diameter_switch_hops))
        return 0;
      cf->has_diameter = TRUE;
    }
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");
  return 1;
}

static int
floor_value (Loader     *loader,
             const char *key,
             ValueType   type,
             const char *text)
{
  WeftFloor floor = *weft_fabric_get_floor (loader->fabric);
  double *field;

  if (g_str_equal (key, "rack_width_m"))
    field = &floor.rack_width_m;
  else if (g_str_equal (key, "row_pitch_m"))
    field = &floor.row_pitch_m;
  else if (g_str_equal (key, "chassis_m"))
    field = &floor.chassis_m;
  else if (g_str_equal (key, "intra_rack_m"))
    field = &floor.intra_rack_m;
  else if (g_str_equal (key, "inter_rack_slack_m"))
    field = &floor.inter_rack_slack_m;
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");

  if (!value_double (loader, type, text, 0, field))
    return 0;
  weft_fabric_set_floor (loader->fabric, &floor);
  return 1;
}

static int
rack_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  RackRecord *rack = &loader->rack;

  if (g_str_equal (key, "id"))
    {
      if (!value_string (loader, type, "a rack id"))
        return 0;
      g_string_assign (rack->id, text);
      rack->seen |= SEEN_ID;
      return 1;
    }
  if (g_str_equal (key, "row"))
    return value_uint (loader, type, text, G_MAXUINT16, &rack->row);
  if (g_str_equal (key, "col"))
    return value_uint (loader, type, text, G_MAXUINT16, &rack->col);
  if (g_str_equal (key, "units"))
    return value_uint (loader, type, text, G_MAXUINT16, &rack->units);
  return loader_fail (loader, TRUE, NULL, "unknown field");
}

static int
node_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  NodeRecord *node = &loader->node;

  if (g_str_equal (key, "id"))
    {
      if (!value_string (loader, type, "a node id"))
        return 0;
      g_string_assign (node->id, text);
      node->seen |= SEEN_ID;
    }
  else if (g_str_equal (key, "kind"))
    {
      if (type != VALUE_STRING || !weft_node_kind_from_string (text, &node->kind))
        return loader_fail (loader, TRUE, NULL,
                            "unknown node kind '%s' (gpu, nvswitch, leaf, spine, core, router or ocs)",
                            text);
      node->seen |= SEEN_KIND;
    }
  else if (g_str_equal (key, "part"))
    {
      if (!value_string (loader, type, "a part id"))
        return 0;
      if (weft_catalog_lookup_part (loader->catalog, text) == NULL)
        return loader_fail (loader, TRUE, NULL, "unknown part '%s'", text);
      g_string_assign (node->part, text);
      node->seen |= SEEN_PART;
    }
  else if (g_str_equal (key, "rack"))
    {
      if (!value_string (loader, type, "a rack id"))
        return 0;
      node->rack = weft_fabric_lookup_rack (loader->fabric, text);
      if (node->rack == WEFT_NONE)
        return loader_fail (loader, TRUE, NULL, "unknown rack '%s'", text);
    }
  else if (g_str_equal (key, "u"))
    return value_uint (loader, type, text, G_MAXUINT16, &node->u);
  else if (g_str_equal (key, "server"))
    return value_group (loader, type, text, &node->groups.server);
  else if (g_str_equal (key, "rail"))
    return value_group (loader, type, text, &node->groups.rail);
  else if (g_str_equal (key, "pod"))
    return value_group (loader, type, text, &node->groups.pod);
  else if (g_str_equal (key, "plane"))
    return value_group (loader, type, text, &node->groups.plane);
  else if (g_str_equal (key, "group"))
    return value_group (loader, type, text, &node->groups.group);
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");
  return 1;
}

static int
link_end_value (Loader     *loader,
                ValueType   type,
                const char *text,
                guint32    *end)
{
  if (!value_string (loader, type, "a node id"))
    return 0;
  *end = weft_fabric_lookup_node (loader->fabric, text);
  if (*end == WEFT_NONE)
    return loader_fail (loader, TRUE, NULL, "unknown node '%s'%s", text,
                        loader->seen_nodes ? "" : " (nodes must come before links)");
  return 1;
}

static int
link_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  WeftLink *link = &loader->link;
  guint value = 1;
  WeftMedium medium;
  WeftLinkClass klass;
  double length;

  if (g_str_equal (key, "a"))
    {
      loader->link_seen |= SEEN_A;
      return link_end_value (loader, type, text, &link->a);
    }
  if (g_str_equal (key, "b"))
    {
      loader->link_seen |= SEEN_B;
      return link_end_value (loader, type, text, &link->b);
    }
  if (g_str_equal (key, "speed"))
    {
      if (!value_uint (loader, type, text, 100000, &value) || value == 0)
        return value == 0 ? loader_fail (loader, TRUE, NULL, "a speed must be at least 1 Gb/s") : 0;
      link->speed_gbps = value;
      loader->link_seen |= SEEN_SPEED;
    }
  else if (g_str_equal (key, "lanes"))
    {
      if (!value_uint (loader, type, text, 255, &value) || value == 0)
        return value == 0 ? loader_fail (loader, TRUE, NULL, "a link has at least one lane") : 0;
      link->lanes = value;
      loader->link_seen |= SEEN_LANES;
    }
  else if (g_str_equal (key, "count"))
    {
      if (!value_uint (loader, type, text, 1000000, &value) || value == 0)
        return value == 0 ? loader_fail (loader, TRUE, NULL, "a count must be at least 1") : 0;
      link->count = value;
    }
  else if (g_str_equal (key, "medium"))
    {
      if (type != VALUE_STRING || !weft_medium_from_string (text, &medium))
        return loader_fail (loader, TRUE, NULL,
                            "unknown medium '%s' (auto, dac, acc, aec, aoc, dsp, lpo, lro, cpo or onboard)",
                            text);
      link->medium = medium;
    }
  else if (g_str_equal (key, "class"))
    {
      if (type != VALUE_STRING || !weft_link_class_from_string (text, &klass))
        return loader_fail (loader, TRUE, NULL, "expected scale-out or scale-up");
      link->link_class = klass;
    }
  else if (g_str_equal (key, "length"))
    {
      if (!value_double (loader, type, text, 0, &length))
        return 0;
      link->length_m = length;
      link->length_set = TRUE;
    }
  else
    return loader_fail (loader, TRUE, NULL, "unknown field");
  return 1;
}

static int
params_value (Loader     *loader,
              const char *key,
              ValueType   type,
              const char *text)
{
  if (type != VALUE_STRING && type != VALUE_NUMBER)
    return fail_type (loader, "a string or a number");
  if (!weft_gen_params_is_key (key))
    return loader_fail (loader, TRUE, NULL, "not a generator parameter");
  /* Applied once the architecture is known, with their path for errors. */
  g_ptr_array_add (loader->params, g_strdup (key));
  g_ptr_array_add (loader->params, g_strdup (text));
  g_ptr_array_add (loader->params, loader_path (loader, TRUE));
  return 1;
}

static int
on_value (Loader     *loader,
          ValueType   type,
          const char *text)
{
  Frame *frame;
  const char *key;
  int ok;

  if (loader->stack->len == 0)
    return loader_fail (loader, FALSE, NULL, "expected a JSON object at the top");
  frame = top_frame (loader);
  key = current_key (loader);

  switch (frame->section)
    {
    case SECTION_ROOT: ok = root_value (loader, key, type, text); break;
    case SECTION_GENERATOR: ok = generator_value (loader, key, type, text); break;
    case SECTION_PARAMS: ok = params_value (loader, key, type, text); break;
    case SECTION_CLOSED_FORM: ok = closed_form_value (loader, key, type, text); break;
    case SECTION_FLOOR: ok = floor_value (loader, key, type, text); break;
    case SECTION_RACK: ok = rack_value (loader, key, type, text); break;
    case SECTION_NODE: ok = node_value (loader, key, type, text); break;
    case SECTION_LINK: ok = link_value (loader, key, type, text); break;
    case SECTION_RACKS:
    case SECTION_NODES:
    case SECTION_LINKS:
      ok = fail_type (loader, "an object");
      break;
    case SECTION_SKIP:
    default:
      ok = 1;
    }

  advance (loader);
  return ok;
}

static int
on_null (void *ctx)
{
  return on_value (ctx, VALUE_NULL, "null");
}

static int
on_boolean (void *ctx,
            int   value)
{
  return on_value (ctx, VALUE_BOOL, value ? "true" : "false");
}

static int
on_number (void       *ctx,
           const char *text,
           size_t      length)
{
  g_autofree char *copy = g_strndup (text, length);

  return on_value (ctx, VALUE_NUMBER, copy);
}

static int
on_string (void                *ctx,
           const unsigned char *text,
           size_t               length)
{
  char buf[256];
  g_autofree char *heap = NULL;
  char *copy = buf;

  if (length >= sizeof buf)
    copy = heap = g_malloc (length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  return on_value (ctx, VALUE_STRING, copy);
}

static int
on_map_key (void                *ctx,
            const unsigned char *key,
            size_t               length)
{
  Loader *loader = ctx;
  Frame *frame = top_frame (loader);

  g_free (frame->key);
  frame->key = g_strndup ((const char *) key, length);
  return 1;
}

/* Which section a container opened at the current position starts. */
static Section
child_section (Loader   *loader,
               gboolean  is_array)
{
  Frame *frame;
  const char *key;

  if (loader->stack->len == 0)
    return is_array ? SECTION_SKIP : SECTION_ROOT;

  frame = top_frame (loader);
  key = current_key (loader);
  switch (frame->section)
    {
    case SECTION_ROOT:
      if (!is_array && g_str_equal (key, "generator"))
        return SECTION_GENERATOR;
      if (!is_array && g_str_equal (key, "floor"))
        return SECTION_FLOOR;
      if (is_array && g_str_equal (key, "racks"))
        return SECTION_RACKS;
      if (is_array && g_str_equal (key, "nodes"))
        return SECTION_NODES;
      if (is_array && g_str_equal (key, "links"))
        return SECTION_LINKS;
      break;
    case SECTION_GENERATOR:
      if (!is_array && g_str_equal (key, "params"))
        return SECTION_PARAMS;
      if (!is_array && g_str_equal (key, "closed_form"))
        return SECTION_CLOSED_FORM;
      break;
    case SECTION_RACKS:
      return is_array ? SECTION_SKIP : SECTION_RACK;
    case SECTION_NODES:
      return is_array ? SECTION_SKIP : SECTION_NODE;
    case SECTION_LINKS:
      return is_array ? SECTION_SKIP : SECTION_LINK;
    case SECTION_PARAMS:
    case SECTION_CLOSED_FORM:
    case SECTION_FLOOR:
    case SECTION_RACK:
    case SECTION_NODE:
    case SECTION_LINK:
    case SECTION_SKIP:
    default:
      break;
    }
  return SECTION_SKIP;
}

static int
open_container (Loader   *loader,
                gboolean  is_array)
{
  Section section = child_section (loader, is_array);
  Frame frame = { section, is_array, 0, NULL };

  if (section == SECTION_SKIP)
    {
      if (loader->stack->len == 0)
        return loader_fail (loader, FALSE, NULL, "expected a JSON object at the top");
      return loader_fail (loader, TRUE, NULL, is_array ? "unexpected list" : "unexpected object");
    }

  if (section == SECTION_GENERATOR)
    loader->has_generator = TRUE;
  else if (section == SECTION_RACK)
    {
      loader->rack.seen = 0;
      loader->rack.row = loader->rack.col = 0;
      loader->rack.units = weft_fabric_get_floor (loader->fabric)->rack_units;
    }
  else if (section == SECTION_NODE)
    {
      NodeRecord *node = &loader->node;

      node->seen = 0;
      node->groups = (WeftGroups) { -1, -1, -1, -1, -1 };
      node->rack = WEFT_NONE;
      node->u = 0;
    }
  else if (section == SECTION_LINK)
    {
      loader->link = (WeftLink) { 0 };
      loader->link.count = 1;
      loader->link.medium = WEFT_MEDIUM_AUTO;
      loader->link.link_class = WEFT_LINK_SCALE_OUT;
      loader->link_seen = 0;
    }
  else if (section == SECTION_NODES)
    loader->seen_nodes = TRUE;

  g_array_append_val (loader->stack, frame);
  return 1;
}

static int
on_start_map (void *ctx)
{
  return open_container (ctx, FALSE);
}

static int
on_start_array (void *ctx)
{
  return open_container (ctx, TRUE);
}

static int
commit_rack (Loader *loader)
{
  RackRecord *rack = &loader->rack;

  if (!(rack->seen & SEEN_ID))
    return loader_fail (loader, FALSE, "id", "missing");
  if (weft_fabric_lookup_rack (loader->fabric, rack->id->str) != WEFT_NONE)
    return loader_fail (loader, FALSE, "id", "duplicate rack id '%s'", rack->id->str);
  if (rack->units < 1)
    return loader_fail (loader, FALSE, "units", "a rack has at least one unit");
  weft_fabric_add_rack (loader->fabric, rack->id->str, rack->row, rack->col, rack->units);
  return 1;
}

static int
commit_node (Loader *loader)
{
  NodeRecord *node = &loader->node;
  guint existing;

  if (!(node->seen & SEEN_ID))
    return loader_fail (loader, FALSE, "id", "missing");
  if (!(node->seen & SEEN_KIND))
    return loader_fail (loader, FALSE, "kind", "missing");
  if (!(node->seen & SEEN_PART))
    return loader_fail (loader, FALSE, "part", "missing");
  existing = weft_fabric_lookup_node (loader->fabric, node->id->str);
  if (existing != WEFT_NONE)
    return loader_fail (loader, FALSE, "id", "duplicate node id '%s' (first at nodes[%u])",
                        node->id->str, existing);
  if (node->rack != WEFT_NONE)
    {
      guint units = weft_fabric_get_rack (loader->fabric, node->rack)->units;

      if (node->u < 1 || node->u > units)
        return loader_fail (loader, FALSE, "u", "rack unit %u is outside the rack's 1 to %u",
                            node->u, units);
    }
  weft_fabric_add_node (loader->fabric, node->id->str, node->kind, node->part->str,
                        &node->groups, node->rack, node->u);
  return 1;
}

static int
commit_link (Loader *loader)
{
  WeftLink *link = &loader->link;

  if (!(loader->link_seen & SEEN_A))
    return loader_fail (loader, FALSE, "a", "missing");
  if (!(loader->link_seen & SEEN_B))
    return loader_fail (loader, FALSE, "b", "missing");
  if (!(loader->link_seen & SEEN_SPEED))
    return loader_fail (loader, FALSE, "speed", "missing");
  if (link->a == link->b)
    return loader_fail (loader, FALSE, "b", "both ends of the link are '%s'",
                        weft_fabric_get_node (loader->fabric, link->a)->name);
  if (!(loader->link_seen & SEEN_LANES))
    link->lanes = CLAMP (link->speed_gbps / 100, 1, 8);
  weft_fabric_append_link (loader->fabric, link);
  return 1;
}

static int
on_end_container (void *ctx)
{
  Loader *loader = ctx;
  Frame *frame = top_frame (loader);
  int ok = 1;

  switch (frame->section)
    {
    case SECTION_RACK: ok = commit_rack (loader); break;
    case SECTION_NODE: ok = commit_node (loader); break;
    case SECTION_LINK: ok = commit_link (loader); break;
    case SECTION_ROOT:
    case SECTION_GENERATOR:
    case SECTION_PARAMS:
    case SECTION_CLOSED_FORM:
    case SECTION_FLOOR:
    case SECTION_RACKS:
    case SECTION_NODES:
    case SECTION_LINKS:
    case SECTION_SKIP:
    default:
      break;
    }

  g_array_set_size (loader->stack, loader->stack->len - 1);
  if (loader->stack->len > 0)
    advance (loader);
  return ok;
}

static const yajl_callbacks callbacks = {
  on_null,
  on_boolean,
  NULL,
  NULL,
  on_number,
  on_string,
  on_start_map,
  on_map_key,
  on_end_container,
  on_start_array,
  on_end_container,
};

static gboolean
finish_generator (Loader  *loader,
                  GError **error)
{
  g_auto(WeftGenParams) params = { 0 };

  if (!loader->has_generator)
    return TRUE;
  if (!loader->has_arch)
    {
      g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT,
                   "%s: generator.arch: missing", loader->origin);
      return FALSE;
    }

  weft_gen_params_init (&params, loader->arch);
  for (guint i = 0; i < loader->params->len; i += 3)
    {
      g_autoptr(GError) local_error = NULL;

      if (!weft_gen_params_set (&params, g_ptr_array_index (loader->params, i),
                                g_ptr_array_index (loader->params, i + 1), &local_error))
        {
          g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_CONTENT, "%s: %s: %s",
                       loader->origin, (char *) g_ptr_array_index (loader->params, i + 2),
                       local_error->message);
          return FALSE;
        }
    }

  weft_fabric_set_generator (loader->fabric, &params, &loader->closed_form);
  weft_fabric_set_edited (loader->fabric, loader->edited);
  return TRUE;
}

static void
set_syntax_error (Loader       *loader,
                  yajl_handle   handle,
                  const char   *data,
                  gsize         length,
                  GError      **error)
{
  unsigned char *message = yajl_get_error (handle, 0, (const unsigned char *) data, length);
  gsize consumed = MIN (yajl_get_bytes_consumed (handle), length);
  guint line = 1, column = 1;

  for (gsize i = 0; i < consumed; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_SYNTAX, "%s: line %u, column %u: %s",
               loader->origin, line, column, g_strstrip ((char *) message));
  yajl_free_error (handle, message);
}

WeftFabric *
weft_fabric_load_data (WeftCatalog  *catalog,
                       const char   *data,
                       gsize         length,
                       const char   *origin,
                       GError      **error)
{
  g_autoptr(WeftFabric) fabric = weft_fabric_new (catalog);
  Loader loader = { catalog, fabric, origin };
  yajl_handle handle;
  yajl_status status;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), NULL);

  loader.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (loader.stack, frame_clear);
  loader.params = g_ptr_array_new_with_free_func (g_free);
  loader.rack.id = g_string_new (NULL);
  loader.node.id = g_string_new (NULL);
  loader.node.part = g_string_new (NULL);

  handle = yajl_alloc (&callbacks, NULL, &loader);
  status = yajl_parse (handle, (const unsigned char *) data, length);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (handle);

  if (loader.error != NULL)
    g_propagate_error (error, g_steal_pointer (&loader.error));
  else if (status != yajl_status_ok)
    set_syntax_error (&loader, handle, data, length, error);
  else if (!loader.seen_format || !loader.seen_version)
    g_set_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_FORMAT,
                 "%s: not a Weft fabric file (it needs \"format\": \"weft-fabric\" and \"version\": 1)",
                 origin);
  else if (finish_generator (&loader, error))
    weft_fabric_place_links (fabric);
  else
    g_clear_object (&fabric);

  yajl_free (handle);
  g_array_unref (loader.stack);
  g_ptr_array_unref (loader.params);
  g_string_free (loader.rack.id, TRUE);
  g_string_free (loader.node.id, TRUE);
  g_string_free (loader.node.part, TRUE);

  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&fabric);
}

WeftFabric *
weft_fabric_load_file (WeftCatalog  *catalog,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* An empty file maps to no memory at all. */
  return weft_fabric_load_data (catalog,
                                g_mapped_file_get_length (file) ? g_mapped_file_get_contents (file) : "",
                                g_mapped_file_get_length (file), display, error);
}

WeftFabric *
weft_fabric_load_default (WeftCatalog *catalog)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  WeftFabric *fabric = NULL;

  bytes = g_resources_lookup_data (DEFAULT_FABRIC_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    fabric = weft_fabric_load_data (catalog, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    "default fabric", &error);
  if (bytes == NULL || fabric == NULL)
    g_error ("The built-in default fabric is broken: %s", error->message);
  return fabric;
}
