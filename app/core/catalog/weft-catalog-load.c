/* weft-catalog-load.c — reading catalog JSON (built in or given with --catalog), with errors that
 * name the file and the JSON path. */
#include "catalog/weft-catalog-private.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/weft-input.h"
#include "util/weft-format.h"

#define RESOURCE_DIR "/io/github/weft/Weft/catalog/"

static const char *default_files[] = {
  "floor.json", "media.json", "switches.json", "nics.json", "scale-up.json", "reliability.json",
};

/* Reading JSON members with errors that name the file and the JSON path. */

typedef struct
{
  const char *origin;
  const char *path;       /* e.g. switches[3] */
  JsonObject *object;
  gboolean    existing;   /* overriding a known id: members are optional */
} Entry;

/* What a number may be: its range and its unit, for the message that
 * refuses it. Every number the catalog reads has one; the bounds are
 * generous (ten times the largest real part, or more) but finite, so a
 * typo or a 1e308 cannot turn every total into inf or 0. */
typedef struct
{
  double      min;
  double      max;
  const char *unit;
} Range;

static const Range LATENCY_NS = { 0, 1e5, "ns" };        /* 100 µs: far beyond any port */
static const Range PART_POWER_W = { 0, 1e5, "W" };       /* a 100 kW chassis */
static const Range PART_PRICE_USD = { 0, 1e8, "USD" };
static const Range RACK_UNITS = { 1, 64, "U" };
static const Range MEDIA_POWER_W = { 0, 1e3, "W" };      /* per end */
static const Range MEDIA_PRICE_USD = { 0, 1e6, "USD" };
static const Range PRICE_PER_M_USD = { 0, 1e4, "USD/m" };
static const Range REACH_M = { 0, 2e5, "m" };            /* 200 km: coherent optics */
static const Range SPEED_GBPS = { 1, 1e5, "Gb/s" };
static const Range DOMAIN_GPUS = { 2, 1e5, "GPUs" };
static const Range LINKS_PER_GPU = { 1, 1e3, "links" };
static const Range RACK_WIDTH_M = { 0.1, 10, "m" };
static const Range ROW_PITCH_M = { 0.1, 100, "m" };
static const Range CHASSIS_M = { 0, 10, "m" };
static const Range INTRA_RACK_M = { 0.1, 100, "m" };
static const Range SLACK_M = { 0, 1e3, "m" };
static const Range FLOOR_RACK_UNITS = { 4, 64, "U" };
static const Range RACKS_PER_ROW = { 1, 1e4, "racks" };
static const Range SERVER_UNITS = { 1, 64, "U" };
static const Range SERVERS_PER_RACK = { 1, 64, "servers" };
static const Range PROPAGATION_NS_PER_M = { 0, 100, "ns/m" };
static const Range FAILURES_PER_DAY = { 0, 10, "failures per device-day" };
static const Range CHECKPOINT_WRITE_S = { 0, 1e6, "s" };
static const Range RESTART_S = { 0, 1e6, "s" };
static const Range GPU_HOUR_USD = { 0, 1e4, "USD per GPU-hour" };

/* Ids seen in the file being loaded, per table (parts, media, scale-up
 * families, fiber): the same id twice in one file is a mistake, not an
 * override, which only a later file may make. */
typedef struct
{
  GHashTable *parts;       /* id → path of its first entry */
  GHashTable *media;
  GHashTable *scale_up;
  GHashTable *fiber;
} Seen;

static gboolean G_GNUC_PRINTF (3, 4)
entry_fail (const Entry  *entry,
            GError      **error,
            const char   *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
               "%s: %s.%s", entry->origin, entry->path, message);
  return FALSE;
}

static JsonNode *
entry_member (const Entry *entry,
              const char  *member,
              gboolean     required,
              GError     **error)
{
  JsonNode *node = json_object_get_member (entry->object, member);

  if (node == NULL && required && !entry->existing)
    entry_fail (entry, error, "%s: missing", member);
  return node;
}

static gboolean
entry_string (const Entry  *entry,
              const char   *member,
              gboolean      required,
              char        **out,
              GError      **error)
{
  JsonNode *node = entry_member (entry, member, required, error);

  if (node == NULL)
    return !(required && !entry->existing);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (out, g_free);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return entry_fail (entry, error, "%s: expected a string", member);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* @text, member @member as entry_string read it: TRUE in @out for @yes, FALSE
 * for @no, anything else refused; absent (NULL), @out stays as it is. */
static gboolean
entry_either (const Entry  *entry,
              const char   *member,
              const char   *text,
              const char   *yes,
              const char   *no,
              gboolean     *out,
              GError      **error)
{
  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, yes))
    *out = TRUE;
  else if (g_str_equal (text, no))
    *out = FALSE;
  else
    return entry_fail (entry, error, "%s: expected %s or %s, got '%s'", member, yes, no, text);
  return TRUE;
}

static gboolean
entry_number (const Entry  *entry,
              const char   *member,
              gboolean      required,
              const Range  *range,
              double       *out,
              GError      **error)
{
  JsonNode *node = entry_member (entry, member, required, error);
  GType type;
  double value;

  if (node == NULL)
    return !(required && !entry->existing);
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return entry_fail (entry, error, "%s: expected a number", member);

  /* json-glib reads 1e999 as inf: it is out of range like any other. */
  value = json_node_get_double (node);
  if (!(value >= range->min && value <= range->max))
    return entry_fail (entry, error, "%s: %g is out of range: expected %.15g to %.15g %s", member,
                       value, range->min, range->max, range->unit);

  *out = value;
  return TRUE;
}

static gboolean
entry_uint (const Entry  *entry,
            const char   *member,
            gboolean      required,
            const Range  *range,
            guint        *out,
            GError      **error)
{
  double value = *out;

  if (!entry_number (entry, member, required, range, &value, error))
    return FALSE;
  if (value != floor (value))
    return entry_fail (entry, error, "%s: expected a whole number, got %g", member, value);
  *out = (guint) value;
  return TRUE;
}

static gboolean
entry_bool (const Entry  *entry,
            const char   *member,
            gboolean     *out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (entry->object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return entry_fail (entry, error, "%s: expected true or false", member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
entry_medium (const Entry  *entry,
              const char   *member,
              WeftMedium   *out,
              GError      **error)
{
  g_autofree char *name = NULL;

  if (!entry_string (entry, member, TRUE, &name, error))
    return FALSE;
  if (name == NULL)
    return TRUE;
  if (!weft_medium_from_string (name, out) || *out == WEFT_MEDIUM_AUTO)
    return entry_fail (entry, error, "%s: unknown medium '%s'", member, name);
  return TRUE;
}

static gboolean
entry_ports (const Entry   *entry,
             WeftPart      *part,
             GError       **error)
{
  JsonNode *node = entry_member (entry, "ports", TRUE, error);
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  guint i = 0;

  if (node == NULL)
    return entry->existing;
  if (!JSON_NODE_HOLDS_OBJECT (node) || json_object_get_size (json_node_get_object (node)) == 0)
    return entry_fail (entry, error, "ports: expected an object of speed → port count");

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  g_free (part->ports);
  part->n_ports = g_list_length (members);
  part->ports = g_new0 (WeftPortMode, part->n_ports);
  part->port_units = 0;

  for (const GList *l = members; l != NULL; l = l->next, i++)
    {
      const char *speed = l->data;
      JsonNode *count = json_object_get_member (object, speed);
      guint64 speed_gbps;

      if (!g_ascii_string_to_unsigned (speed, 10, 1, 100000, &speed_gbps, NULL))
        return entry_fail (entry, error, "ports: '%s' is not a speed in Gb/s", speed);
      if (!JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64 ||
          json_node_get_int (count) < 1 || json_node_get_int (count) > 100000)
        return entry_fail (entry, error, "ports.%s: expected a port count", speed);

      part->ports[i].speed_gbps = speed_gbps;
      part->ports[i].count = json_node_get_int (count);
      part->port_units = MAX (part->port_units, part->ports[i].count);
    }

  for (i = 0; i < part->n_ports; i++)
    if (part->port_units % part->ports[i].count != 0)
      return entry_fail (entry, error,
                         "ports.%u: %u ports do not divide the port budget of %u evenly",
                         part->ports[i].speed_gbps, part->ports[i].count, part->port_units);
  return TRUE;
}

static gboolean
entry_protocols (const Entry  *entry,
                 const char   *member,
                 WeftPart     *part,
                 GError      **error)
{
  JsonNode *node = entry_member (entry, member, TRUE, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return entry->existing;

  /* Always a list, as the built-in files write it: a bare string was
   * once taken as one protocol, which hid a misspelt key's value type. */
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return entry_fail (entry, error, "%s: expected a list of protocol names, like [\"ethernet\"]",
                       member);
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return entry_fail (entry, error, "%s: expected at least one protocol", member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          *json_node_get_string (item) == '\0')
        return entry_fail (entry, error, "%s[%u]: expected a protocol name", member, i);
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  g_strfreev (part->protocols);
  part->protocols = g_strv_builder_end (builder);
  return TRUE;
}

static WeftPart *
part_copy (const WeftPart *part)
{
  WeftPart *copy = g_memdup2 (part, sizeof *part);

  copy->id = g_strdup (part->id);
  copy->name = g_strdup (part->name);
  copy->protocols = g_strdupv (part->protocols);
  copy->ports = g_memdup2 (part->ports, sizeof *part->ports * part->n_ports);
  return copy;
}

static gboolean
load_part (WeftCatalog  *self,
           Entry        *entry,
           const char   *id,
           WeftPartKind  kind,
           GError      **error)
{
  const WeftPart *existing = g_hash_table_lookup (self->parts, id);
  WeftPart *part;
  g_autofree char *klass = NULL;
  gboolean ok;

  entry->existing = existing != NULL;
  part = existing ? part_copy (existing) : g_new0 (WeftPart, 1);
  if (part->id == NULL)
    part->id = g_strdup (id);
  part->kind = existing ? existing->kind : kind;
  part->rack_units = MAX (part->rack_units, 1);

  ok = entry_string (entry, "name", TRUE, &part->name, error) &&
       entry_ports (entry, part, error) &&
       entry_protocols (entry, kind == WEFT_PART_NIC ? "protocols" : "protocol", part, error) &&
       entry_bool (entry, "cpo", &part->cpo, error) &&
       entry_number (entry, "latency_ns", TRUE, &LATENCY_NS, &part->latency_ns, error) &&
       entry_number (entry, "power_w", TRUE, &PART_POWER_W, &part->power_w, error) &&
       entry_number (entry, "price_usd", TRUE, &PART_PRICE_USD, &part->price_usd, error) &&
       entry_uint (entry, "rack_units", FALSE, &RACK_UNITS, &part->rack_units, error);

  if (ok && kind != WEFT_PART_NIC)
    {
      gboolean scale_out = FALSE;

      ok = entry_string (entry, "class", !existing, &klass, error) &&
           entry_either (entry, "class", klass, "scale-out", "scale-up", &scale_out, error);
      if (ok && klass != NULL)
        part->kind = scale_out ? WEFT_PART_SWITCH : WEFT_PART_SCALE_UP_SWITCH;
    }

  if (!ok)
    {
      weft_catalog_part_free (part);
      return FALSE;
    }

  g_hash_table_replace (self->parts, part->id, part);
  return TRUE;
}

static gboolean
load_media (WeftCatalog  *self,
            Entry        *entry,
            const char   *id,
            GError      **error)
{
  const WeftMediaPart *existing = g_hash_table_lookup (self->media, id);
  WeftMediaPart *media = g_new0 (WeftMediaPart, 1);
  g_autofree char *form = NULL;
  gboolean ok;

  entry->existing = existing != NULL;
  if (existing != NULL)
    {
      *media = *existing;
      media->name = g_strdup (existing->name);
      media->fiber = g_strdup (existing->fiber);
    }
  media->id = g_strdup (id);

  ok = entry_string (entry, "name", TRUE, &media->name, error) &&
       entry_medium (entry, "medium", &media->medium, error) &&
       entry_uint (entry, "speed_gbps", TRUE, &SPEED_GBPS, &media->speed_gbps, error) &&
       entry_number (entry, "reach_m", TRUE, &REACH_M, &media->reach_m, error) &&
       entry_string (entry, "form", TRUE, &form, error) &&
       entry_string (entry, "fiber", FALSE, &media->fiber, error) &&
       entry_number (entry, "price_usd", TRUE, &MEDIA_PRICE_USD, &media->price_usd, error) &&
       entry_number (entry, "price_per_m_usd", FALSE, &PRICE_PER_M_USD,
                     &media->price_per_m_usd, error) &&
       entry_number (entry, "power_w", TRUE, &MEDIA_POWER_W, &media->power_w, error) &&
       entry_number (entry, "latency_ns", TRUE, &LATENCY_NS, &media->latency_ns, error);

  ok = ok && entry_either (entry, "form", form, "cable", "transceiver", &media->is_cable, error);
  /* A cable that names a fiber is checked too: an unknown name is a typo. */
  if (ok && media->fiber != NULL && !g_hash_table_contains (self->fiber, media->fiber))
    ok = entry_fail (entry, error, "fiber: unknown fiber '%s'", media->fiber);

  if (!ok)
    {
      weft_catalog_media_part_free (media);
      return FALSE;
    }

  g_hash_table_replace (self->media, media->id, media);
  return TRUE;
}

static gboolean
load_scale_up (WeftCatalog  *self,
               Entry        *entry,
               const char   *id,
               GError      **error)
{
  const WeftScaleUpFamily *existing = g_hash_table_lookup (self->scale_up, id);
  WeftScaleUpFamily *family = g_new0 (WeftScaleUpFamily, 1);
  g_autofree char *topology = NULL;
  gboolean ok;

  entry->existing = existing != NULL;
  if (existing != NULL)
    {
      *family = *existing;
      family->name = g_strdup (existing->name);
      family->switch_id = g_strdup (existing->switch_id);
    }
  family->id = g_strdup (id);

  ok = entry_string (entry, "name", TRUE, &family->name, error) &&
       entry_uint (entry, "domain_gpus", TRUE, &DOMAIN_GPUS, &family->domain_gpus, error) &&
       entry_uint (entry, "links_per_gpu", TRUE, &LINKS_PER_GPU, &family->links_per_gpu,
                   error) &&
       entry_uint (entry, "link_gbps", TRUE, &SPEED_GBPS, &family->link_gbps, error) &&
       entry_string (entry, "topology", TRUE, &topology, error) &&
       entry_string (entry, "switch", FALSE, &family->switch_id, error) &&
       entry_medium (entry, "medium", &family->medium, error);

  ok = ok && entry_either (entry, "topology", topology, "switched", "mesh", &family->switched,
                           error);
  if (ok && family->switched)
    {
      const WeftPart *sw =
          family->switch_id ? g_hash_table_lookup (self->parts, family->switch_id) : NULL;

      if (sw == NULL || sw->kind != WEFT_PART_SCALE_UP_SWITCH)
        ok = entry_fail (entry, error, "switch: '%s' is not a scale-up switch in the catalog",
                         family->switch_id ? family->switch_id : "(none)");
    }

  if (!ok)
    {
      weft_catalog_scale_up_free (family);
      return FALSE;
    }

  g_hash_table_replace (self->scale_up, family->id, family);
  return TRUE;
}

static gboolean
load_fiber (WeftCatalog  *self,
            Entry        *entry,
            const char   *id,
            GError      **error)
{
  double *existing = g_hash_table_lookup (self->fiber, id);
  double price = existing ? *existing : 0;

  entry->existing = existing != NULL;
  if (!entry_number (entry, "price_per_m_usd", TRUE, &PRICE_PER_M_USD, &price, error))
    return FALSE;
  g_hash_table_replace (self->fiber, g_strdup (id), g_memdup2 (&price, sizeof price));
  return TRUE;
}

static gboolean
load_floor (WeftCatalog  *self,
            JsonObject   *object,
            const char   *origin,
            GError      **error)
{
  Entry entry = { origin, "floor", object, TRUE };
  WeftFloor *f = &self->floor;

  return entry_number (&entry, "rack_width_m", FALSE, &RACK_WIDTH_M, &f->rack_width_m, error) &&
         entry_number (&entry, "row_pitch_m", FALSE, &ROW_PITCH_M, &f->row_pitch_m, error) &&
         entry_number (&entry, "chassis_m", FALSE, &CHASSIS_M, &f->chassis_m, error) &&
         entry_number (&entry, "intra_rack_m", FALSE, &INTRA_RACK_M, &f->intra_rack_m, error) &&
         entry_number (&entry, "inter_rack_slack_m", FALSE, &SLACK_M, &f->inter_rack_slack_m,
                       error) &&
         entry_uint (&entry, "rack_units", FALSE, &FLOOR_RACK_UNITS, &f->rack_units, error) &&
         entry_uint (&entry, "max_racks_per_row", FALSE, &RACKS_PER_ROW, &f->max_racks_per_row,
                     error) &&
         entry_uint (&entry, "server_units_8gpu", FALSE, &SERVER_UNITS, &f->server_units_8gpu,
                     error) &&
         entry_uint (&entry, "servers_per_rack_8gpu", FALSE, &SERVERS_PER_RACK,
                     &f->servers_per_rack_8gpu, error);
}

static gboolean
load_propagation (WeftCatalog  *self,
                  JsonObject   *object,
                  const char   *origin,
                  GError      **error)
{
  Entry entry = { origin, "propagation_ns_per_m", object, TRUE };

  return entry_number (&entry, "fiber", FALSE, &PROPAGATION_NS_PER_M, &self->propagation_fiber,
                       error) &&
         entry_number (&entry, "copper", FALSE, &PROPAGATION_NS_PER_M, &self->propagation_copper,
                       error);
}

static gboolean
load_failure_rates (WeftFailureRates  *rates,
                    const Entry       *entry,
                    GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (entry->object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *cause = l->data;
      double *slot = (double *) weft_failure_rates_lookup (rates, cause);

      if (slot == NULL)
        {
          g_autofree char *causes = weft_failure_causes_list ();

          return entry_fail (entry, error, "%s: no such cause; the causes are %s", cause, causes);
        }
      if (!entry_number (entry, cause, TRUE, &FAILURES_PER_DAY, slot, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_reliability (WeftCatalog  *self,
                  JsonObject   *object,
                  const char   *origin,
                  GError      **error)
{
  Entry entry = { origin, "reliability", object, TRUE };
  WeftFailureRates *r = &self->failure_rates;
  JsonNode *node = json_object_get_member (object, "failures_per_day");

  if (node != NULL)
    {
      Entry rates = { origin, "reliability.failures_per_day", NULL, TRUE };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return entry_fail (&entry, error, "failures_per_day: expected an object");
      rates.object = json_node_get_object (node);
      if (!load_failure_rates (r, &rates, error))
        return FALSE;
    }
  return entry_number (&entry, "checkpoint_write_s", FALSE, &CHECKPOINT_WRITE_S,
                       &r->checkpoint_write_s, error) &&
         entry_number (&entry, "restart_s", FALSE, &RESTART_S, &r->restart_s, error) &&
         entry_number (&entry, "gpu_hour_usd", FALSE, &GPU_HOUR_USD, &r->gpu_hour_usd, error);
}

typedef gboolean (*LoadEntryFunc) (WeftCatalog *self, Entry *entry, const char *id, GError **error);

static gboolean
load_section (WeftCatalog    *self,
              JsonObject     *root,
              const char     *section,
              const char     *origin,
              LoadEntryFunc   load,
              WeftPartKind    kind,
              GHashTable     *seen,
              GError        **error)
{
  JsonNode *node = json_object_get_member (root, section);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                   "%s: %s: expected a list", origin, section);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s[%u]", section, i);
      Entry entry = { origin, path, NULL, FALSE };
      g_autofree char *id = NULL;
      const char *first;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                       "%s: %s: expected an object", origin, path);
          return FALSE;
        }
      entry.object = json_node_get_object (item);
      if (!entry_string (&entry, "id", TRUE, &id, error))
        return FALSE;
      if (id == NULL || *id == '\0')
        return entry_fail (&entry, error, "id: must not be empty");
      first = g_hash_table_lookup (seen, id);
      if (first != NULL)
        return entry_fail (&entry, error, "id: duplicate id '%s' (first at %s)", id, first);
      g_hash_table_insert (seen, g_strdup (id), g_strdup (path));

      if (load == NULL)
        ok = load_part (self, &entry, id, kind, error);
      else
        ok = load (self, &entry, id, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* json-glib's parser descends one C call per level of nesting and has no
 * limit, so 80,000 '[' overflow the stack. A catalog is small and flat
 * (four levels deep), so one pass over the text before json-glib sees it
 * is cheap: it counts the brackets outside strings and refuses more than
 * MAX_DEPTH levels, naming the line and column. This keeps json-glib,
 * which reads the small catalog conveniently, rather than a second JSON
 * parser; the fabric reader (yajl) refuses a container it does not expect
 * at once and needs no limit. The same pass finds an empty file, on which
 * json-glib would assert. */
#define MAX_DEPTH 64

static gboolean
check_text (const char  *data,
            gsize        length,
            const char  *origin,
            GError     **error)
{
  gboolean in_string = FALSE, escaped = FALSE, empty = TRUE;
  guint depth = 0, line = 1, column = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      column++;
      if (c == '\n')
        {
          line++;
          column = 0;
        }
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        empty = FALSE;
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_PARSE,
                           "%s: line %u, column %u: nested deeper than %d levels", origin, line,
                           column, MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  if (empty)
    {
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_PARSE,
                   "%s: the file is empty; a catalog is a JSON object with "
                   "\"format\": \"weft-catalog\" and \"version\": 1", origin);
      return FALSE;
    }
  return TRUE;
}

/* json-glib says "<data>:3:17: Parse error: …"; the fabric reader says
 * "line 3, column 17: …", and so does this. */
static void
set_syntax_error (const char  *origin,
                  const char  *message,
                  GError     **error)
{
  guint line, column;
  int used = 0;

  if (g_str_has_prefix (message, "<data>:") &&
      sscanf (message + strlen ("<data>:"), "%u:%u: %n", &line, &column, &used) == 2 && used > 0)
    {
      const char *rest = message + strlen ("<data>:") + used;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_PARSE,
                   "%s: line %u, column %u: %s", origin, line, column, rest);
    }
  else
    g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_PARSE, "%s: %s", origin, message);
}

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->parts, g_hash_table_unref);
  g_clear_pointer (&seen->media, g_hash_table_unref);
  g_clear_pointer (&seen->scale_up, g_hash_table_unref);
  g_clear_pointer (&seen->fiber, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

static gboolean
load_data (WeftCatalog  *self,
           const char   *data,
           gssize        length,
           const char   *origin,
           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(Seen) seen = { 0 };
  JsonNode *format_node, *version_node;
  JsonObject *root;
  const char *format;
  gboolean loaded;
  JsonNode *node;

  if (length < 0)
    length = strlen (data);
  if (!check_text (data, length, origin, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      set_syntax_error (origin, local_error->message, error);
      return FALSE;
    }

  /* Comments and a byte-order mark are all json-glib may find, and no value: asking
   * the type of the root it did not make is an assertion (found by fuzz-catalog). */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_PARSE,
                   "%s: the file holds no JSON value; a catalog is a JSON object with "
                   "\"format\": \"weft-catalog\" and \"version\": 1", origin);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                   "%s: expected a JSON object at the top", origin);
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  /* Read by hand: json-glib's *_member_with_default assert when the member is a list
   * or an object ({"format": []}, found by fuzz-catalog). */
  format_node = json_object_get_member (root, "format");
  version_node = json_object_get_member (root, "version");
  format = format_node != NULL && JSON_NODE_HOLDS_VALUE (format_node) &&
           json_node_get_value_type (format_node) == G_TYPE_STRING
           ? json_node_get_string (format_node) : NULL;
  if (g_strcmp0 (format, "weft-catalog") != 0 || version_node == NULL ||
      !JSON_NODE_HOLDS_VALUE (version_node) ||
      json_node_get_value_type (version_node) != G_TYPE_INT64 ||
      json_node_get_int (version_node) != 1)
    {
      g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                   "%s: not a Weft catalog (expected \"format\": \"weft-catalog\", \"version\": 1)",
                   origin);
      return FALSE;
    }

  seen.parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.scale_up = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.fiber = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Fiber before media and switches before scale-up families: later
   * sections refer to earlier ones. Switches and NICs share one table. */
  loaded = load_section (self, root, "fiber", origin, load_fiber, 0, seen.fiber, error) &&
           load_section (self, root, "media", origin, load_media, 0, seen.media, error) &&
           load_section (self, root, "switches", origin, NULL, WEFT_PART_SWITCH, seen.parts,
                         error) &&
           load_section (self, root, "nics", origin, NULL, WEFT_PART_NIC, seen.parts, error) &&
           load_section (self, root, "scale_up", origin, load_scale_up, 0, seen.scale_up, error);
  weft_catalog_index_media (self);
  if (!loaded)
    return FALSE;

  node = json_object_get_member (root, "floor");
  if (node != NULL && (!JSON_NODE_HOLDS_OBJECT (node) ||
                       !load_floor (self, json_node_get_object (node), origin, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                     "%s: floor: expected an object", origin);
      return FALSE;
    }

  node = json_object_get_member (root, "reliability");
  if (node != NULL && (!JSON_NODE_HOLDS_OBJECT (node) ||
                       !load_reliability (self, json_node_get_object (node), origin, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                     "%s: reliability: expected an object", origin);
      return FALSE;
    }

  node = json_object_get_member (root, "propagation_ns_per_m");
  if (node != NULL && (!JSON_NODE_HOLDS_OBJECT (node) ||
                       !load_propagation (self, json_node_get_object (node), origin, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, WEFT_CATALOG_ERROR, WEFT_CATALOG_ERROR_INVALID,
                     "%s: propagation_ns_per_m: expected an object", origin);
      return FALSE;
    }

  return TRUE;
}

gboolean
weft_catalog_load_data (WeftCatalog  *self,
                        const char   *data,
                        gssize        length,
                        const char   *origin,
                        GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *line;

  g_return_val_if_fail (WEFT_IS_CATALOG (self), FALSE);

  if (load_data (self, data, length, origin, &local_error))
    return TRUE;
  /* The message quotes the file (ids, values, json-glib's token): one printable line. */
  line = weft_format_one_line (local_error->message);
  g_free (local_error->message);
  local_error->message = line;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static WeftCatalog *
catalog_new_from_resources (void)
{
  WeftCatalog *self = g_object_new (WEFT_TYPE_CATALOG, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (default_files); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, default_files[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL ||
          !weft_catalog_load_data (self, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   default_files[i], &error))
        g_error ("The built-in catalog is broken: %s", error->message);
    }
  if (weft_failure_rates_missing (&self->failure_rates) != NULL)
    g_error ("The built-in catalog is broken: reliability.json has no rate for '%s'",
             weft_failure_rates_missing (&self->failure_rates));

  return self;
}

WeftCatalog *
weft_catalog_new_default (void)
{
  return catalog_new_from_resources ();
}

WeftCatalog *
weft_catalog_new_with_overrides (const char  *path,
                                 GError     **error)
{
  g_autoptr(WeftCatalog) self = catalog_new_from_resources ();
  g_auto(WeftInput) input = { 0 };

  /* "-" is standard input; a directory or a device is refused by name. */
  if (!weft_input_read (&input, path, error))
    return NULL;
  if (!weft_catalog_load_data (self, input.data, input.length, input.display, error))
    return NULL;
  return g_steal_pointer (&self);
}
