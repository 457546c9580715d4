/* weft-fabric-records.c — the fabric file's schema: what each key of each section means, and each
 * record's checks. */
#include "io/weft-fabric-reader-private.h"

#include "catalog/weft-catalog.h"
#include "generators/weft-gen-params.h"

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
        return weft_loader_fail (loader, TRUE, NULL,
                                 "not a Weft fabric file (expected \"weft-fabric\")");
      loader->seen_format = TRUE;
    }
  else if (g_str_equal (key, "version"))
    {
      if (type == VALUE_STRING)
        return weft_loader_fail (loader, TRUE, NULL, "expected the number 1, got the string \"%s\"",
                                 text);
      if (type != VALUE_NUMBER)
        return weft_loader_fail (loader, TRUE, NULL, "expected the number 1");
      if (!g_str_equal (text, "1"))
        return weft_loader_fail (loader, TRUE, NULL,
                            "version %s: this Weft reads version 1 fabric files", text);
      loader->seen_version = TRUE;
    }
  else if (g_str_equal (key, "name"))
    {
      if (!weft_loader_string (loader, type, "a string"))
        return 0;
      weft_fabric_set_name (loader->fabric, text);
    }
  else if (g_str_equal (key, "protocol"))
    {
      if (type != VALUE_STRING || !weft_protocol_from_string (text, &protocol))
        return weft_loader_fail (loader, TRUE, NULL, "expected infiniband or ethernet");
      weft_fabric_set_protocol (loader->fabric, protocol);
    }
  else if (g_str_equal (key, "optics"))
    {
      if (type != VALUE_STRING || !weft_medium_from_string (text, &optics) ||
          !weft_medium_is_optics_family (optics))
        return weft_loader_fail (loader, TRUE, NULL, "expected dsp, lpo, lro or cpo");
      weft_fabric_set_optics (loader->fabric, optics);
    }
  else
    return weft_loader_unknown_field (loader, SECTION_ROOT);
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
        return weft_loader_fail (loader, TRUE, NULL, "unknown architecture '%s'", text);
      loader->has_arch = TRUE;
    }
  else if (g_str_equal (key, "edited"))
    {
      if (type != VALUE_BOOL)
        return weft_loader_fail_type (loader, "true or false");
      loader->edited = g_str_equal (text, "true");
    }
  else
    return weft_loader_unknown_field (loader, SECTION_GENERATOR);
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
      if (!weft_loader_double (loader, type, text, 0, &cf->bisection_gbps))
        return 0;
      cf->has_bisection = TRUE;
    }
  else if (g_str_equal (key, "diameter_switch_hops"))
    {
      if (!weft_loader_uint (loader, type, text, 1000000, &cf->diameter_switch_hops))
        return 0;
      cf->has_diameter = TRUE;
    }
  else
    return weft_loader_unknown_field (loader, SECTION_CLOSED_FORM);
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
    return weft_loader_unknown_field (loader, SECTION_FLOOR);

  if (!weft_loader_double (loader, type, text, 0, field))
    return 0;
  weft_fabric_set_floor (loader->fabric, &floor);
  return 1;
}

/* A rack's or a node's "id": a string (@what, for the error), and not an empty one. */
static int
id_value (Loader     *loader,
          ValueType   type,
          const char *text,
          const char *what,
          GString    *id,
          guint      *seen)
{
  if (!weft_loader_string (loader, type, what))
    return 0;
  if (*text == '\0')
    return weft_loader_fail (loader, TRUE, NULL, "must not be empty");
  g_string_assign (id, text);
  *seen |= SEEN_ID;
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
    return id_value (loader, type, text, "a rack id", rack->id, &rack->seen);
  if (g_str_equal (key, "row"))
    return weft_loader_uint (loader, type, text, G_MAXUINT16, &rack->row);
  if (g_str_equal (key, "col"))
    return weft_loader_uint (loader, type, text, G_MAXUINT16, &rack->col);
  if (g_str_equal (key, "units"))
    return weft_loader_uint (loader, type, text, G_MAXUINT16, &rack->units);
  return weft_loader_unknown_field (loader, SECTION_RACK);
}

static int
node_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  NodeRecord *node = &loader->node;

  if (g_str_equal (key, "id"))
    return id_value (loader, type, text, "a node id", node->id, &node->seen);
  if (g_str_equal (key, "kind"))
    {
      if (type != VALUE_STRING || !weft_node_kind_from_string (text, &node->kind))
        return weft_loader_fail (
            loader, TRUE, NULL,
            "unknown node kind '%s' (gpu, nvswitch, leaf, spine, core, router or ocs)", text);
      node->seen |= SEEN_KIND;
    }
  else if (g_str_equal (key, "part"))
    {
      if (!weft_loader_string (loader, type, "a part id"))
        return 0;
      if (weft_catalog_lookup_part (loader->catalog, text) == NULL)
        return weft_loader_fail (loader, TRUE, NULL, "unknown part '%s'", text);
      g_string_assign (node->part, text);
      node->seen |= SEEN_PART;
    }
  else if (g_str_equal (key, "rack"))
    {
      if (!weft_loader_string (loader, type, "a rack id"))
        return 0;
      node->rack = weft_fabric_lookup_rack (loader->fabric, text);
      if (node->rack == WEFT_NONE)
        return weft_loader_fail (loader, TRUE, NULL, "unknown rack '%s'", text);
    }
  else if (g_str_equal (key, "u"))
    return weft_loader_uint (loader, type, text, G_MAXUINT16, &node->u);
  else if (g_str_equal (key, "server"))
    return weft_loader_group (loader, type, text, &node->groups.server);
  else if (g_str_equal (key, "rail"))
    return weft_loader_group (loader, type, text, &node->groups.rail);
  else if (g_str_equal (key, "pod"))
    return weft_loader_group (loader, type, text, &node->groups.pod);
  else if (g_str_equal (key, "plane"))
    return weft_loader_group (loader, type, text, &node->groups.plane);
  else if (g_str_equal (key, "group"))
    return weft_loader_group (loader, type, text, &node->groups.group);
  else
    return weft_loader_unknown_field (loader, SECTION_NODE);
  return 1;
}

static int
link_end_value (Loader     *loader,
                ValueType   type,
                const char *text,
                guint32    *end)
{
  if (!weft_loader_string (loader, type, "a node id"))
    return 0;
  *end = weft_fabric_lookup_node (loader->fabric, text);
  if (*end == WEFT_NONE)
    return weft_loader_fail (loader, TRUE, NULL, "unknown node '%s'%s", text,
                        loader->seen_nodes ? "" : " (nodes must come before links)");
  return 1;
}

/* A whole number from 1 to @max; @zero says why 0 will not do. */
static gboolean
positive_uint (Loader     *loader,
               ValueType   type,
               const char *text,
               guint       max,
               const char *zero,
               guint      *out)
{
  if (!weft_loader_uint (loader, type, text, max, out))
    return FALSE;
  if (*out > 0)
    return TRUE;
  weft_loader_fail (loader, TRUE, NULL, "%s", zero);
  return FALSE;
}

static int
link_value (Loader     *loader,
            const char *key,
            ValueType   type,
            const char *text)
{
  WeftLink *link = &loader->link;
  guint value;
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
      if (!positive_uint (loader, type, text, 100000, "a speed must be at least 1 Gb/s", &value))
        return 0;
      link->speed_gbps = value;
      loader->link_seen |= SEEN_SPEED;
    }
  else if (g_str_equal (key, "lanes"))
    {
      if (!positive_uint (loader, type, text, 255, "a link has at least one lane", &value))
        return 0;
      link->lanes = value;
      loader->link_seen |= SEEN_LANES;
    }
  else if (g_str_equal (key, "count"))
    {
      if (!positive_uint (loader, type, text, 1000000, "a count must be at least 1", &value))
        return 0;
      link->count = value;
    }
  else if (g_str_equal (key, "medium"))
    {
      if (type != VALUE_STRING || !weft_medium_from_string (text, &medium))
        return weft_loader_fail (
            loader, TRUE, NULL,
            "unknown medium '%s' (auto, dac, acc, aec, aoc, dsp, lpo, lro, cpo or onboard)", text);
      link->medium = medium;
    }
  else if (g_str_equal (key, "class"))
    {
      if (type != VALUE_STRING || !weft_link_class_from_string (text, &klass))
        return weft_loader_fail (loader, TRUE, NULL, "expected scale-out or scale-up");
      link->link_class = klass;
    }
  else if (g_str_equal (key, "length"))
    {
      if (!weft_loader_double (loader, type, text, 0, &length))
        return 0;
      link->length_m = length;
      link->length_set = TRUE;
    }
  else
    return weft_loader_unknown_field (loader, SECTION_LINK);
  return 1;
}

static int
params_value (Loader     *loader,
              const char *key,
              ValueType   type,
              const char *text)
{
  if (type != VALUE_STRING && type != VALUE_NUMBER)
    return weft_loader_fail_type (loader, "a string or a number");
  if (!weft_gen_params_is_key (key))
    return weft_loader_fail (loader, TRUE, NULL, "not a generator parameter");
  /* Applied once the architecture is known, with their path for errors. */
  g_ptr_array_add (loader->params, g_strdup (key));
  g_ptr_array_add (loader->params, g_strdup (text));
  g_ptr_array_add (loader->params, weft_loader_path (loader, TRUE));
  return 1;
}


int
weft_loader_value (Loader     *loader,
                   Section     section,
                   const char *key,
                   ValueType   type,
                   const char *text)
{
  switch (section)
    {
    case SECTION_ROOT: return root_value (loader, key, type, text);
    case SECTION_GENERATOR: return generator_value (loader, key, type, text);
    case SECTION_PARAMS: return params_value (loader, key, type, text);
    case SECTION_CLOSED_FORM: return closed_form_value (loader, key, type, text);
    case SECTION_FLOOR: return floor_value (loader, key, type, text);
    case SECTION_RACK: return rack_value (loader, key, type, text);
    case SECTION_NODE: return node_value (loader, key, type, text);
    case SECTION_LINK: return link_value (loader, key, type, text);
    case SECTION_RACKS:
    case SECTION_NODES:
    case SECTION_LINKS:
      return weft_loader_fail_type (loader, "an object");
    case SECTION_SKIP:
    default:
      return 1;
    }
}

/* Which section a container opened under @key of @parent starts (SKIP: none may open there). */
Section
weft_loader_child_section (Section     parent,
                           const char *key,
                           gboolean    is_array)
{
  switch (parent)
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

/* The keys each section knows, in one list per section: a key's place is
 * its bit in the frame's keys_seen. */
static const char *const root_keys[] = { "format", "version",   "name",  "protocol",
                                         "optics", "generator", "floor", "racks",
                                         "nodes",  "links",     NULL };
static const char *const generator_keys[] = { "arch", "edited", "params", "closed_form", NULL };
static const char *const closed_form_keys[] = { "bisection_gbps", "diameter_switch_hops", NULL };
static const char *const floor_keys[] = {
  "rack_width_m", "row_pitch_m", "chassis_m", "intra_rack_m", "inter_rack_slack_m", NULL
};
static const char *const rack_keys[] = { "id", "row", "col", "units", NULL };
static const char *const node_keys[] = {
  "id", "kind", "part", "rack", "u", "server", "rail", "pod", "plane", "group", NULL
};
static const char *const link_keys[] = {
  "a", "b", "speed", "lanes", "count", "medium", "class", "length", NULL
};

static const char *const *
section_keys (Section section)
{
  switch (section)
    {
    case SECTION_ROOT: return root_keys;
    case SECTION_GENERATOR: return generator_keys;
    case SECTION_CLOSED_FORM: return closed_form_keys;
    case SECTION_FLOOR: return floor_keys;
    case SECTION_RACK: return rack_keys;
    case SECTION_NODE: return node_keys;
    case SECTION_LINK: return link_keys;
    case SECTION_PARAMS:
    case SECTION_RACKS:
    case SECTION_NODES:
    case SECTION_LINKS:
    case SECTION_SKIP:
    default:
      return NULL;
    }
}

int
weft_loader_key_bit (Section     section,
                     const char *key)
{
  const char *const *keys = section_keys (section);

  for (int i = 0; keys != NULL && keys[i] != NULL; i++)
    if (g_str_equal (keys[i], key))
      return i;
  return -1;
}

int
weft_loader_unknown_field (Loader  *loader,
                           Section  section)
{
  static const char *const holders[] = {
    [SECTION_ROOT] = "the file", [SECTION_GENERATOR] = "generator",
    [SECTION_CLOSED_FORM] = "closed_form", [SECTION_FLOOR] = "floor", [SECTION_RACK] = "a rack",
    [SECTION_NODE] = "a node", [SECTION_LINK] = "a link",
  };
  g_autofree char *keys = g_strjoinv (", ", (char **) section_keys (section));

  return weft_loader_fail (loader, TRUE, NULL, "unknown field (%s takes %s)", holders[section],
                           keys);
}

void
weft_loader_begin_record (Loader  *loader,
                          Section  section)
{
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
}

static int
commit_rack (Loader *loader)
{
  RackRecord *rack = &loader->rack;

  if (!(rack->seen & SEEN_ID))
    return weft_loader_fail (loader, FALSE, "id", "missing");
  if (weft_fabric_lookup_rack (loader->fabric, rack->id->str) != WEFT_NONE)
    return weft_loader_fail (loader, FALSE, "id", "duplicate rack id '%s'", rack->id->str);
  if (rack->units < 1)
    return weft_loader_fail (loader, FALSE, "units", "a rack has at least one unit");
  weft_fabric_add_rack (loader->fabric, rack->id->str, rack->row, rack->col, rack->units);
  return 1;
}

static int
commit_node (Loader *loader)
{
  NodeRecord *node = &loader->node;
  guint existing;

  if (!(node->seen & SEEN_ID))
    return weft_loader_fail (loader, FALSE, "id", "missing");
  if (!(node->seen & SEEN_KIND))
    return weft_loader_fail (loader, FALSE, "kind", "missing");
  if (!(node->seen & SEEN_PART))
    return weft_loader_fail (loader, FALSE, "part", "missing");
  existing = weft_fabric_lookup_node (loader->fabric, node->id->str);
  if (existing != WEFT_NONE)
    return weft_loader_fail (loader, FALSE, "id", "duplicate node id '%s' (first at nodes[%u])",
                        node->id->str, existing);
  if (node->rack != WEFT_NONE)
    {
      guint units = weft_fabric_get_rack (loader->fabric, node->rack)->units;

      if (node->u < 1 || node->u > units)
        return weft_loader_fail (loader, FALSE, "u", "rack unit %u is outside the rack's 1 to %u",
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
    return weft_loader_fail (loader, FALSE, "a", "missing");
  if (!(loader->link_seen & SEEN_B))
    return weft_loader_fail (loader, FALSE, "b", "missing");
  if (!(loader->link_seen & SEEN_SPEED))
    return weft_loader_fail (loader, FALSE, "speed", "missing");
  if (link->a == link->b)
    return weft_loader_fail (loader, FALSE, "b", "both ends of the link are '%s'",
                        weft_fabric_get_node (loader->fabric, link->a)->name);
  if (!(loader->link_seen & SEEN_LANES))
    link->lanes = CLAMP (link->speed_gbps / 100, 1, 8);
  weft_fabric_append_link (loader->fabric, link);
  return 1;
}


int
weft_loader_end_record (Loader  *loader,
                        Section  section)
{
  switch (section)
    {
    case SECTION_RACK: return commit_rack (loader);
    case SECTION_NODE: return commit_node (loader);
    case SECTION_LINK: return commit_link (loader);
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
      return 1;
    }
}
