/* weft-cable-schedule.c — the cable schedule an installer works from: a CSV row per cable. */
#include "io/weft-cable-plan.h"
#include "io/weft-output.h"

#include <gio/gio.h>
#include <string.h>

#include "io/weft-csv.h"
#include "io/weft-json-writer.h"

/* Where and what first, for the installer; then what makes the schedule
 * import back to the same graph. */
static const char *const columns[] = {
  "label",
  "a_rack", "a_u", "a_device", "a_port",
  "b_rack", "b_u", "b_device", "b_port",
  "medium", "cable_part", "length_m", "speed_gbps", "lanes", "class",
  "a_role", "a_part", "a_server", "a_rail", "a_pod", "a_plane", "a_group",
  "b_role", "b_part", "b_server", "b_rail", "b_pod", "b_plane", "b_group",
  NULL
};

const char *const *
weft_cable_schedule_columns (void)
{
  return columns;
}

/* A span of the text block below. */
typedef struct
{
  guint32 offset;
  guint32 len;
} Span;

/* @value in decimal, with leading zeros up to @width digits. */
static void
append_padded (GString *out,
               guint64  value,
               guint    width)
{
  char buf[24];
  guint i = sizeof buf;

  do
    {
      buf[--i] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0 || sizeof buf - i < width);
  g_string_append_len (out, buf + i, sizeof buf - i);
}

static void
append_uint (GString *out,
             guint64  value)
{
  append_padded (out, value, 0);
}

static void
append_group (GString *out,
              gint32   value)
{
  g_string_append_c (out, ',');
  if (value >= 0)
    append_uint (out, value);
}

/* Whether @name goes into a CSV field as it is. */
static gboolean
is_plain (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
      return FALSE;
  return name[0] != ' ' && name[0] != '\t';
}

static Span
end_span (GString *text,
          gsize    start)
{
  Span span = { start, text->len - start };

  return span;
}

/* Per node, "rack,u,device" and "role,part,server,rail,pod,plane,group", once. */
static void
describe_nodes (WeftFabric *self,
                GString    *text,
                Span       *places,
                Span       *infos)
{
  guint n_nodes;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);

  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *node = &nodes[i];
      gsize start = text->len;

      if (node->rack != WEFT_NONE)
        {
          weft_csv_append_field (text, weft_fabric_get_rack (self, node->rack)->name, -1);
          g_string_append_c (text, ',');
          append_uint (text, node->u);
        }
      else
        g_string_append_c (text, ',');
      g_string_append_c (text, ',');
      weft_csv_append_field (text, node->name, -1);
      places[i] = end_span (text, start);

      start = text->len;
      g_string_append (text, weft_node_kind_to_string (node->kind));
      g_string_append_c (text, ',');
      weft_csv_append_field (text, weft_fabric_get_node_part_id (self, i), -1);
      append_group (text, node->groups.server);
      append_group (text, node->groups.rail);
      append_group (text, node->groups.pod);
      append_group (text, node->groups.plane);
      append_group (text, node->groups.group);
      infos[i] = end_span (text, start);
    }
}

/* "medium,cable_part,length_m,speed_gbps,lanes,class" of one link. */
static void
describe_link (WeftFabric *self,
               guint       index,
               GString    *out)
{
  const WeftLink *link = weft_fabric_get_link (self, index);
  const WeftMediaPart *media = weft_fabric_get_link_media (self, index);

  /* The medium the installer lays; "auto" only where nothing in the catalog reaches. */
  g_string_append (out, weft_medium_to_string (media ? media->medium : link->medium));
  g_string_append_c (out, ',');
  if (media != NULL)
    weft_csv_append_field (out, media->id, -1);
  g_string_append_c (out, ',');
  weft_json_append_float (out, link->length_m);
  g_string_append_c (out, ',');
  append_uint (out, link->speed_gbps);
  g_string_append_c (out, ',');
  append_uint (out, link->lanes);
  g_string_append_c (out, ',');
  g_string_append (out, weft_link_class_to_string (link->link_class));
}

static void
append_span (GString       *out,
             const GString *text,
             Span           span)
{
  g_string_append_len (out, text->str + span.offset, span.len);
}

GBytes *
weft_fabric_to_cable_schedule (WeftFabric *self)
{
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (self, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (self, &n_links);
  g_autofree Span *places = g_new (Span, n_nodes + 1);
  g_autofree Span *infos = g_new (Span, n_nodes + 1);
  g_autofree guint32 *next_port = g_new0 (guint32, n_nodes + 1);
  g_autoptr(GString) text = g_string_sized_new (128 * (gsize) n_nodes + 64);
  g_autoptr(GString) middle = g_string_sized_new (128);
  g_autoptr(GString) label = g_string_sized_new (128);
  guint64 n_cables = 0, row = 0;
  gsize estimate = 512;
  guint width = 4;
  GString *out;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);

  describe_nodes (self, text, places, infos);
  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];

      n_cables += link->count;
      estimate += link->count * (gsize) (2 * (places[link->a].len + places[link->b].len) +
                                         infos[link->a].len + infos[link->b].len + 96);
    }
  for (guint64 n = n_cables; n >= 10000; n /= 10)
    width++;

  out = g_string_sized_new (estimate);
  for (guint c = 0; columns[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, columns[c]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *link = &links[i];
      const char *a = nodes[link->a].name, *b = nodes[link->b].name;
      gboolean plain = is_plain (a) && is_plain (b);

      g_string_truncate (middle, 0);
      describe_link (self, i, middle);
      for (guint k = 0; k < link->count; k++)
        {
          guint32 pa = ++next_port[link->a], pb = ++next_port[link->b];

          /* "C0042 gpu-3-1/p2 to leaf-7/p33": both ends, to print on the cable. */
          g_string_truncate (label, 0);
          g_string_append_c (label, 'C');
          append_padded (label, ++row, width);
          g_string_append_c (label, ' ');
          g_string_append (label, a);
          g_string_append (label, "/p");
          append_uint (label, pa);
          g_string_append (label, " to ");
          g_string_append (label, b);
          g_string_append (label, "/p");
          append_uint (label, pb);
          if (plain)
            g_string_append_len (out, label->str, label->len);
          else
            weft_csv_append_field (out, label->str, label->len);
          g_string_append_c (out, ',');
          append_span (out, text, places[link->a]);
          g_string_append (out, ",p");
          append_uint (out, pa);
          g_string_append_c (out, ',');
          append_span (out, text, places[link->b]);
          g_string_append (out, ",p");
          append_uint (out, pb);
          g_string_append_c (out, ',');
          g_string_append_len (out, middle->str, middle->len);
          g_string_append_c (out, ',');
          append_span (out, text, infos[link->a]);
          g_string_append_c (out, ',');
          append_span (out, text, infos[link->b]);
          g_string_append (out, "\r\n");
        }
    }
  return g_string_free_to_bytes (out);
}

gboolean
weft_fabric_save_cable_schedule (WeftFabric  *self,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GBytes) bytes = weft_fabric_to_cable_schedule (self);

  return weft_output_write_bytes (path, bytes, error);
}
