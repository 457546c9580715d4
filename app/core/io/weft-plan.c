/* weft-plan.c — a cable plan as it is read: devices that must agree, ports, merged cables. */
#include "io/weft-plan-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "util/weft-key-index.h"

G_DEFINE_QUARK (weft-import-error-quark, weft_import_error)

#define NONE G_MAXUINT32
/* Ports named pN or N up to this have a slot per device; others a hash entry. */
#define MAX_NUMBERED_PORT 65535

/* Interned names */

static guint64
hash_bytes (const char *text,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) text[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return weft_key_mix (h ^ len);
}

static void
names_init (PlanNames *names)
{
  names->chunk = g_string_chunk_new (64 * 1024);
  names->strings = g_ptr_array_new ();
  names->lens = g_array_new (FALSE, FALSE, sizeof (guint32));
  names->mask = 63;
  names->slots = g_new0 (guint32, names->mask + 1);
}

static void
names_clear (PlanNames *names)
{
  g_clear_pointer (&names->chunk, g_string_chunk_free);
  g_clear_pointer (&names->strings, g_ptr_array_unref);
  g_clear_pointer (&names->lens, g_array_unref);
  g_clear_pointer (&names->slots, g_free);
}

static guint
names_len (PlanNames *names)
{
  return names->strings->len;
}

static const char *
names_get (PlanNames *names,
           guint      id)
{
  return g_ptr_array_index (names->strings, id);
}

static gboolean
names_equal (PlanNames  *names,
             guint       id,
             const char *text,
             gsize       len)
{
  return g_array_index (names->lens, guint32, id) == len &&
         memcmp (names_get (names, id), text, len) == 0;
}

static void
names_grow (PlanNames *names)
{
  guint32 mask = names->mask * 2 + 1;
  guint32 *slots = g_new0 (guint32, mask + 1);

  for (guint id = 0; id < names_len (names); id++)
    {
      const char *s = names_get (names, id);
      guint64 h = hash_bytes (s, g_array_index (names->lens, guint32, id));
      guint32 i = (guint32) h & mask;

      while (slots[i] != 0)
        i = (i + 1) & mask;
      slots[i] = id + 1;
    }
  g_free (names->slots);
  names->slots = slots;
  names->mask = mask;
}

/* The id of @text, interned when new (*@added says so). */
static guint
names_intern (PlanNames  *names,
              const char *text,
              gsize       len,
              gboolean   *added)
{
  guint64 h = hash_bytes (text, len);
  guint32 i, len32 = (guint32) len;

  for (i = (guint32) h & names->mask; names->slots[i] != 0; i = (i + 1) & names->mask)
    if (names_equal (names, names->slots[i] - 1, text, len))
      {
        *added = FALSE;
        return names->slots[i] - 1;
      }
  names->slots[i] = names_len (names) + 1;
  g_ptr_array_add (names->strings, g_string_chunk_insert_len (names->chunk, text, len));
  g_array_append_val (names->lens, len32);
  *added = TRUE;
  if (2 * names_len (names) > names->mask)
    names_grow (names);
  return names_len (names) - 1;
}

static guint
names_lookup (PlanNames  *names,
              const char *text,
              gsize       len)
{
  guint64 h = hash_bytes (text, len);

  for (guint32 i = (guint32) h & names->mask; names->slots[i] != 0; i = (i + 1) & names->mask)
    if (names_equal (names, names->slots[i] - 1, text, len))
      return names->slots[i] - 1;
  return NONE;
}

/* The plan */

Plan *
weft_plan_new (WeftCatalog      *catalog,
               const char       *origin,
               WeftImportReport *report)
{
  Plan *plan = g_new0 (Plan, 1);
  WeftKeyIndex *pairs = g_new0 (WeftKeyIndex, 1);

  plan->catalog = g_object_ref (catalog);
  plan->origin = g_strdup (origin);
  weft_import_report_init (&plan->own_report);
  plan->report = report ? report : &plan->own_report;
  names_init (&plan->devices);
  names_init (&plan->racks);
  names_init (&plan->parts);
  names_init (&plan->media);
  plan->device_info = g_array_new (FALSE, FALSE, sizeof (PlanDevice));
  plan->part_info = g_ptr_array_new ();
  plan->media_info = g_ptr_array_new ();
  plan->records = g_array_new (FALSE, FALSE, sizeof (PlanRecord));
  weft_key_index_init (pairs, 1024);
  plan->pair_index = pairs;
  plan->port_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->last_device[0] = plan->last_device[1] = NONE;
  plan->last_record = NONE;
  return plan;
}

void
weft_plan_free (Plan *plan)
{
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->device_info->len; i++)
    g_free (g_array_index (plan->device_info, PlanDevice, i).port_lines);
  g_array_unref (plan->device_info);
  names_clear (&plan->devices);
  names_clear (&plan->racks);
  names_clear (&plan->parts);
  names_clear (&plan->media);
  g_ptr_array_unref (plan->part_info);
  g_ptr_array_unref (plan->media_info);
  g_array_unref (plan->records);
  weft_key_index_clear (plan->pair_index);
  g_free (plan->pair_index);
  g_hash_table_unref (plan->port_names);
  weft_import_report_clear (&plan->own_report);
  g_object_unref (plan->catalog);
  g_free (plan->origin);
  g_free (plan);
}

const char *
weft_plan_origin (Plan *plan)
{
  return plan->origin;
}

static void G_GNUC_PRINTF (4, 0)
note (Plan       *plan,
      gboolean    is_error,
      guint       line,
      const char *format,
      va_list     args)
{
  GPtrArray *list = is_error ? plan->report->errors : plan->report->warnings;
  guint *count = is_error ? &plan->report->n_errors : &plan->report->n_warnings;
  g_autofree char *message = NULL;

  (*count)++;
  if (list->len >= WEFT_IMPORT_MAX_LISTED)
    return;
  message = g_strdup_vprintf (format, args);
  if (line > 0)
    g_ptr_array_add (list, g_strdup_printf ("%s:%u: %s", plan->origin, line, message));
  else
    g_ptr_array_add (list, g_strdup_printf ("%s: %s", plan->origin, message));
}

void
weft_plan_error (Plan       *plan,
                 guint       line,
                 const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  note (plan, TRUE, line, format, args);
  va_end (args);
}

void
weft_plan_warning (Plan       *plan,
                   guint       line,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  note (plan, FALSE, line, format, args);
  va_end (args);
}

guint
weft_plan_n_errors (Plan *plan)
{
  return plan->report->n_errors;
}

/* Devices and their attributes */

static PlanDevice *
device_info (Plan  *plan,
             guint  device)
{
  return &g_array_index (plan->device_info, PlanDevice, device);
}

guint
weft_plan_device (Plan       *plan,
                  const char *name,
                  gsize       len,
                  guint       line)
{
  gboolean added;
  guint id;

  /* Consecutive rows mostly name the devices of the row before. */
  for (guint i = 0; i < 2; i++)
    if (plan->last_device[i] != NONE &&
        names_equal (&plan->devices, plan->last_device[i], name, len))
      return plan->last_device[i];

  id = names_intern (&plan->devices, name, len, &added);
  if (added)
    {
      PlanDevice info = { 0 };

      info.line = line;
      info.part = info.rack = NONE;
      info.kind = WEFT_N_NODE_KINDS;
      for (guint g = 0; g < PLAN_N_GROUPS; g++)
        info.groups[g] = -1;
      g_array_append_val (plan->device_info, info);
    }
  plan->last_device[1] = plan->last_device[0];
  plan->last_device[0] = id;
  return id;
}

guint
weft_plan_lookup_device (Plan       *plan,
                         const char *name,
                         gsize       len)
{
  return names_lookup (&plan->devices, name, len);
}

const char *
weft_plan_device_name (Plan  *plan,
                       guint  device)
{
  return names_get (&plan->devices, device);
}

guint64 *
weft_plan_device_memo (Plan  *plan,
                       guint  device)
{
  return &device_info (plan, device)->memo;
}

/* An attribute of a device is given once, or again the same: the first @value stays in
 * @kept, with its @line in @kept_line. FALSE when @value is another, for the caller to
 * say which. */
static gboolean
agree (guint32 *kept,
       guint32 *kept_line,
       guint32  value,
       guint    line)
{
  if (*kept_line == 0)
    {
      *kept = value;
      *kept_line = line;
      return TRUE;
    }
  return *kept == value;
}

static gboolean
ascii_equal (const char *text,
             gsize       len,
             const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (text, word, len) == 0;
}

static gboolean
parse_role (const char   *text,
            gsize         len,
            WeftNodeKind *kind)
{
  static const struct
  {
    const char   *name;
    WeftNodeKind  kind;
  } roles[] = {
    { "gpu", WEFT_NODE_GPU },
    { "nic", WEFT_NODE_GPU },
    { "accelerator", WEFT_NODE_GPU },
    { "nvswitch", WEFT_NODE_NVSWITCH },
    { "scale-up", WEFT_NODE_NVSWITCH },
    { "scale-up-switch", WEFT_NODE_NVSWITCH },
    { "leaf", WEFT_NODE_LEAF },
    { "tor", WEFT_NODE_LEAF },
    { "spine", WEFT_NODE_SPINE },
    { "core", WEFT_NODE_CORE },
    { "super-spine", WEFT_NODE_CORE },
    { "router", WEFT_NODE_ROUTER },
    { "ocs", WEFT_NODE_OCS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (ascii_equal (text, len, roles[i].name))
      {
        *kind = roles[i].kind;
        return TRUE;
      }
  return FALSE;
}

gboolean
weft_plan_set_role (Plan       *plan,
                    guint       device,
                    const char *text,
                    gsize       len,
                    guint       line,
                    const char *column)
{
  PlanDevice *info = device_info (plan, device);
  WeftNodeKind kind;

  if (!parse_role (text, len, &kind))
    {
      weft_plan_error (plan, line, "%s '%.*s' is not a role: use gpu (or nic), nvswitch "
                       "(or scale-up), leaf, spine, core, router or ocs", column, (int) len, text);
      return FALSE;
    }
  if (agree (&info->kind, &info->kind_line, kind, line))
    return TRUE;
  weft_plan_error (plan, line, "%s: %s is a %s at line %u, not a %s", column,
                   weft_plan_device_name (plan, device), weft_node_kind_to_string (info->kind),
                   info->kind_line, weft_node_kind_to_string (kind));
  return FALSE;
}

gboolean
weft_plan_set_part (Plan       *plan,
                    guint       device,
                    const char *text,
                    gsize       len,
                    guint       line,
                    const char *column)
{
  PlanDevice *info = device_info (plan, device);
  gboolean added;
  guint part = names_intern (&plan->parts, text, len, &added);

  if (added)
    g_ptr_array_add (plan->part_info, (gpointer) weft_catalog_lookup_part (
                       plan->catalog, names_get (&plan->parts, part)));
  if (g_ptr_array_index (plan->part_info, part) == NULL)
    {
      weft_plan_error (plan, line, "%s '%.*s' is not a part in the catalog", column, (int) len,
                       text);
      return FALSE;
    }
  if (agree (&info->part, &info->part_line, part, line))
    return TRUE;
  weft_plan_error (plan, line, "%s: %s is a %s at line %u, not a %.*s", column,
                   weft_plan_device_name (plan, device), names_get (&plan->parts, info->part),
                   info->part_line, (int) len, text);
  return FALSE;
}

gboolean
weft_plan_set_rack (Plan       *plan,
                    guint       device,
                    const char *text,
                    gsize       len,
                    guint       line,
                    const char *column)
{
  PlanDevice *info = device_info (plan, device);
  gboolean added;
  guint rack = names_intern (&plan->racks, text, len, &added);

  if (agree (&info->rack, &info->rack_line, rack, line))
    return TRUE;
  weft_plan_error (plan, line, "%s: %s is in rack %s at line %u, not %.*s", column,
                   weft_plan_device_name (plan, device), names_get (&plan->racks, info->rack),
                   info->rack_line, (int) len, text);
  return FALSE;
}

gboolean
weft_plan_set_u (Plan       *plan,
                 guint       device,
                 guint       u,
                 guint       line,
                 const char *column)
{
  PlanDevice *info = device_info (plan, device);

  if (agree (&info->u, &info->u_line, u, line))
    return TRUE;
  weft_plan_error (plan, line, "%s: %s is at U %u at line %u, not %u", column,
                   weft_plan_device_name (plan, device), info->u, info->u_line, u);
  return FALSE;
}

gboolean
weft_plan_set_group (Plan       *plan,
                     guint       device,
                     PlanGroup   group,
                     const char *text,
                     gsize       len,
                     guint       line,
                     const char *column)
{
  static const char *const names[PLAN_N_GROUPS] = { "server", "rail", "pod", "plane", "group" };
  PlanDevice *info = device_info (plan, device);
  guint64 number;
  gint32 value;

  if (!weft_plan_parse_uint (text, len, G_MAXINT32, &number))
    {
      weft_plan_error (plan, line, "%s '%.*s' is not a whole number", column, (int) len, text);
      return FALSE;
    }
  value = (gint32) number;
  /* Read as its unsigned twin, as C allows: the same bits, the same group. */
  if (agree ((guint32 *) &info->groups[group], &info->group_lines[group], (guint32) value, line))
    return TRUE;
  weft_plan_error (plan, line, "%s: %s is in %s %d at line %u, not %d", column,
                   weft_plan_device_name (plan, device), names[group], info->groups[group],
                   info->group_lines[group], value);
  return FALSE;
}

void
weft_plan_group_given (Plan      *plan,
                       PlanGroup  group)
{
  plan->groups_given[group] = TRUE;
}

/* Ports: "p7" and "7" (no leading zeros) have a slot each in the device's
 * array, at 2n + 1 and 2n; any other name goes in a hash table. */
static guint
numbered_port (const char *text,
               gsize       len)
{
  gsize i = len > 0 && (text[0] == 'p' || text[0] == 'P') ? 1 : 0;
  guint n = 0;

  if (len == i || len - i > 5 || (text[i] == '0' && len - i > 1) || text[0] == 'P')
    return NONE;
  for (gsize j = i; j < len; j++)
    {
      if (!g_ascii_isdigit (text[j]))
        return NONE;
      n = n * 10 + (text[j] - '0');
    }
  if (n > MAX_NUMBERED_PORT)
    return NONE;
  return 2 * n + (i == 1);
}

gboolean
weft_plan_use_port (Plan       *plan,
                    guint       device,
                    const char *text,
                    gsize       len,
                    guint       line)
{
  PlanDevice *info = device_info (plan, device);
  guint slot = numbered_port (text, len);
  guint used;

  if (slot != NONE)
    {
      if (slot >= info->n_port_lines)
        {
          guint n = MAX (16, info->n_port_lines);

          while (n <= slot)
            n *= 2;
          info->port_lines = g_renew (guint32, info->port_lines, n);
          memset (info->port_lines + info->n_port_lines, 0,
                  (n - info->n_port_lines) * sizeof (guint32));
          info->n_port_lines = n;
        }
      used = info->port_lines[slot];
      if (used == 0)
        {
          info->port_lines[slot] = line;
          return TRUE;
        }
    }
  else
    {
      char *key = g_strdup_printf ("%u/%.*s", device, (int) len, text);
      gpointer value;

      if (!g_hash_table_lookup_extended (plan->port_names, key, NULL, &value))
        {
          g_hash_table_insert (plan->port_names, key, GUINT_TO_POINTER (line));
          return TRUE;
        }
      g_free (key);
      used = GPOINTER_TO_UINT (value);
    }
  weft_plan_error (plan, line, "port %s/%.*s is already used at line %u",
                   weft_plan_device_name (plan, device), (int) len, text, used);
  return FALSE;
}

/* Cables */

static gboolean
same_cable (const PlanCable *x,
            const PlanCable *y)
{
  guint32 lx, ly;

  memcpy (&lx, &x->length_m, sizeof lx);
  memcpy (&ly, &y->length_m, sizeof ly);
  return ((x->a == y->a && x->b == y->b) || (x->a == y->b && x->b == y->a)) &&
         x->speed_gbps == y->speed_gbps && x->lanes == y->lanes && x->medium == y->medium &&
         x->link_class == y->link_class && lx == ly;
}

void
weft_plan_add_cables (Plan            *plan,
                      const PlanCable *cable,
                      guint            line)
{
  PlanRecord *records = (PlanRecord *) (gpointer) plan->records->data;
  guint64 key = ((guint64) MIN (cable->a, cable->b) << 32) | MAX (cable->a, cable->b);
  guint32 *slot, tail = NONE;
  PlanRecord record;

  /* Parallel cables mostly follow each other. */
  if (plan->last_record != NONE && same_cable (&records[plan->last_record].cable, cable) &&
      records[plan->last_record].cable.count <= G_MAXUINT32 - cable->count)
    {
      records[plan->last_record].cable.count += cable->count;
      return;
    }
  slot = weft_key_index_slot (plan->pair_index, key);
  for (guint32 r = *slot; r != NONE; r = records[r].next)
    {
      /* A count that would overflow starts a record of its own. */
      if (same_cable (&records[r].cable, cable) &&
          records[r].cable.count <= G_MAXUINT32 - cable->count)
        {
          records[r].cable.count += cable->count;
          plan->last_record = r;
          return;
        }
      tail = r;
    }

  record.cable = *cable;
  record.line = line;
  record.next = NONE;
  g_array_append_val (plan->records, record);
  plan->last_record = plan->records->len - 1;
  if (tail == NONE)
    *slot = plan->last_record;
  else
    g_array_index (plan->records, PlanRecord, tail).next = plan->last_record;
}

/* Values */

gboolean
weft_plan_parse_uint (const char *text,
                      gsize       len,
                      guint64     max,
                      guint64    *value)
{
  guint64 n = 0;

  if (len == 0 || len > 19)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      n = n * 10 + (text[i] - '0');
    }
  if (n > max)
    return FALSE;
  *value = n;
  return TRUE;
}

/* Metres, with an optional "m": "3", "2.5", "0.5 m". */
static gboolean
parse_length (const char *text,
              gsize       len,
              double     *value)
{
  char buf[64];
  char *end;
  double x;

  if (len > 0 && (text[len - 1] == 'm' || text[len - 1] == 'M'))
    {
      len--;
      while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    }
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, text, len);
  buf[len] = '\0';
  x = g_ascii_strtod (buf, &end);
  if (*end != '\0' || !isfinite (x) || x < 0 || x > 1e6)
    return FALSE;
  *value = x;
  return TRUE;
}

gboolean
weft_plan_read_length (Plan       *plan,
                       guint       line,
                       const char *text,
                       gsize       len,
                       float      *length)
{
  double value;

  if (!parse_length (text, len, &value))
    {
      weft_plan_error (plan, line, "length_m '%.*s' is not a length in metres", (int) len, text);
      return FALSE;
    }
  *length = (float) value;
  return TRUE;
}

gboolean
weft_plan_read_lanes (Plan       *plan,
                      guint       line,
                      const char *text,
                      gsize       len,
                      guint8     *lanes)
{
  guint64 number;

  if (!weft_plan_parse_uint (text, len, G_MAXUINT8, &number) || number == 0)
    {
      weft_plan_error (plan, line, "lanes '%.*s' is not a lane count (1 to 255)", (int) len, text);
      return FALSE;
    }
  *lanes = number;
  return TRUE;
}

gboolean
weft_plan_read_medium (Plan       *plan,
                       guint       line,
                       const char *text,
                       gsize       len,
                       WeftMedium *medium)
{
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (ascii_equal (text, len, weft_medium_to_string (m)))
      {
        *medium = m;
        return TRUE;
      }
  weft_plan_error (plan, line, "medium '%.*s' is not one of auto, dac, acc, aec, aoc, dsp, lpo, "
                   "lro, cpo, onboard", (int) len, text);
  return FALSE;
}

gboolean
weft_plan_read_class (Plan          *plan,
                      guint          line,
                      const char    *text,
                      gsize          len,
                      WeftLinkClass *klass)
{
  for (guint c = 0; c < WEFT_N_LINK_CLASSES; c++)
    if (ascii_equal (text, len, weft_link_class_to_string (c)))
      {
        *klass = c;
        return TRUE;
      }
  weft_plan_error (plan, line, "class '%.*s' is neither scale-up nor scale-out", (int) len, text);
  return FALSE;
}

const WeftMediaPart *
weft_plan_lookup_media (Plan       *plan,
                        const char *text,
                        gsize       len)
{
  gboolean added;
  guint id = names_intern (&plan->media, text, len, &added);

  if (added)
    g_ptr_array_add (plan->media_info, (gpointer) weft_catalog_lookup_media (
                       plan->catalog, names_get (&plan->media, id)));
  return g_ptr_array_index (plan->media_info, id);
}

/* Entry points */

void
weft_import_options_init (WeftImportOptions *options)
{
  memset (options, 0, sizeof *options);
}

void
weft_import_report_init (WeftImportReport *report)
{
  report->errors = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->n_errors = 0;
  report->n_warnings = 0;
}

void
weft_import_report_clear (WeftImportReport *report)
{
  g_clear_pointer (&report->errors, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  report->n_errors = report->n_warnings = 0;
}

WeftFabric *
weft_plan_finish (Plan                    *plan,
                  const WeftImportOptions *options,
                  GError                 **error)
{
  WeftFabric *fabric = NULL;

  if (weft_plan_n_errors (plan) == 0)
    fabric = weft_plan_build (plan, options, error);
  if (fabric == NULL && weft_plan_n_errors (plan) > 0)
    {
      const WeftImportReport *report = plan->report;

      g_clear_error (error);
      if (report->n_errors == 1)
        g_set_error (error, WEFT_IMPORT_ERROR, WEFT_IMPORT_ERROR_INVALID,
                     "%s; nothing imported", (const char *) report->errors->pdata[0]);
      else
        g_set_error (error, WEFT_IMPORT_ERROR, WEFT_IMPORT_ERROR_INVALID,
                     "%s (and %u more errors); nothing imported",
                     (const char *) report->errors->pdata[0], report->n_errors - 1);
    }
  return fabric;
}

static char *
default_name (const char *origin)
{
  g_autofree char *base = g_path_get_basename (origin);
  const char *suffixes[] = { ".csv", ".CSV", ".graphml", ".GraphML", ".xml" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (base, suffixes[i]) && strlen (base) > strlen (suffixes[i]))
      {
        base[strlen (base) - strlen (suffixes[i])] = '\0';
        break;
      }
  return g_steal_pointer (&base);
}

WeftFabric *
weft_fabric_import_data (WeftCatalog             *catalog,
                         const char              *data,
                         gsize                    length,
                         const char              *origin,
                         const WeftImportOptions *options,
                         WeftImportReport        *report,
                         GError                 **error)
{
  WeftImportOptions defaults;
  g_autofree char *graph_name = NULL, *name = NULL;
  Plan *plan;
  WeftFabric *fabric;
  gsize i = 0;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (options == NULL)
    {
      weft_import_options_init (&defaults);
      options = &defaults;
    }
  plan = weft_plan_new (catalog, origin, report);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && data[i] == '<')
    weft_plan_read_graphml (plan, data, length, &graph_name);
  else
    weft_plan_read_csv (plan, data, length);

  fabric = weft_plan_finish (plan, options, error);
  if (fabric != NULL)
    {
      if (options->name != NULL)
        weft_fabric_set_name (fabric, options->name);
      else if (graph_name != NULL && *graph_name != '\0')
        weft_fabric_set_name (fabric, graph_name);
      else
        {
          name = default_name (origin);
          weft_fabric_set_name (fabric, name);
        }
    }
  weft_plan_free (plan);
  return fabric;
}

WeftFabric *
weft_fabric_import_file (WeftCatalog             *catalog,
                         const char              *path,
                         const WeftImportOptions *options,
                         WeftImportReport        *report,
                         GError                 **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, WEFT_IMPORT_ERROR, WEFT_IMPORT_ERROR_READ, "%s", local_error->message);
      return NULL;
    }
  return weft_fabric_import_data (catalog, g_mapped_file_get_contents (file),
                                  g_mapped_file_get_length (file), display, options, report,
                                  error);
}
