/* weft-plan-graphml.c — GraphML into a cable plan: Weft's own, or any with a role per node. */
#include "io/weft-plan-private.h"

#include <math.h>
#include <string.h>

#define NONE G_MAXUINT32

typedef struct
{
  char     *name;        /* attr.name, else the id */
  gboolean  for_node;
  gboolean  for_edge;
  char     *fallback;    /* the key's <default>, or NULL */
} Key;

typedef struct
{
  char      *source;
  char      *target;
  guint      line;
  GPtrArray *data;       /* attribute name, value, … */
} Edge;

typedef struct
{
  Plan                *plan;
  GMarkupParseContext *context;
  GHashTable          *keys;       /* id → Key */
  GPtrArray           *edges;      /* Edge */
  char                *graph_name;
  gboolean             seen_root;
  /* The element being read. */
  char                *node_id;
  guint                node_line;
  Edge                *edge;
  GPtrArray           *data;       /* of the node or edge being read */
  Key                 *key;        /* the <key> being read, for its <default> */
  char                *data_key;   /* the <data key> being read */
  GString             *text;
  gboolean             in_text;
} Reader;

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->name);
  g_free (key->fallback);
  g_free (key);
}

static void
edge_free (gpointer data)
{
  Edge *edge = data;

  g_free (edge->source);
  g_free (edge->target);
  g_ptr_array_unref (edge->data);
  g_free (edge);
}

static guint
current_line (Reader *reader)
{
  int line = 0;

  g_markup_parse_context_get_position (reader->context, &line, NULL);
  return line;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Reader *reader = user_data;
  guint line = current_line (reader);

  if (!reader->seen_root)
    {
      reader->seen_root = TRUE;
      if (!g_str_equal (element, "graphml"))
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "the document is <%s>, not <graphml>", element);
      return;
    }
  if (g_str_equal (element, "key"))
    {
      const char *id = attribute (names, values, "id");
      const char *name = attribute (names, values, "attr.name");
      const char *domain = attribute (names, values, "for");
      Key *key;

      if (id == NULL)
        {
          weft_plan_error (reader->plan, line, "a <key> without an id");
          return;
        }
      key = g_new0 (Key, 1);
      key->name = g_ascii_strdown (name ? name : id, -1);
      key->for_node = domain == NULL || g_str_equal (domain, "node") || g_str_equal (domain, "all");
      key->for_edge = domain == NULL || g_str_equal (domain, "edge") || g_str_equal (domain, "all");
      g_hash_table_replace (reader->keys, g_strdup (id), key);
      reader->key = key;
    }
  else if (g_str_equal (element, "default") && reader->key != NULL)
    {
      g_string_truncate (reader->text, 0);
      reader->in_text = TRUE;
    }
  else if (g_str_equal (element, "graph"))
    {
      const char *id = attribute (names, values, "id");

      if (reader->graph_name == NULL && id != NULL)
        reader->graph_name = g_strdup (id);
    }
  else if (g_str_equal (element, "node"))
    {
      const char *id = attribute (names, values, "id");

      if (id == NULL)
        weft_plan_error (reader->plan, line, "a <node> without an id");
      g_free (reader->node_id);
      reader->node_id = g_strdup (id);
      reader->node_line = line;
      reader->data = g_ptr_array_new_with_free_func (g_free);
    }
  else if (g_str_equal (element, "edge"))
    {
      const char *source = attribute (names, values, "source");
      const char *target = attribute (names, values, "target");

      if (source == NULL || target == NULL)
        weft_plan_error (reader->plan, line, "an <edge> without a %s",
                         source == NULL ? "source" : "target");
      reader->edge = g_new0 (Edge, 1);
      reader->edge->source = g_strdup (source);
      reader->edge->target = g_strdup (target);
      reader->edge->line = line;
      reader->edge->data = g_ptr_array_new_with_free_func (g_free);
      reader->data = reader->edge->data;
    }
  else if (g_str_equal (element, "data") && reader->data != NULL)
    {
      const char *id = attribute (names, values, "key");
      Key *key = id ? g_hash_table_lookup (reader->keys, id) : NULL;

      g_free (reader->data_key);
      reader->data_key = NULL;
      if (key == NULL)
        {
          weft_plan_error (reader->plan, line, "<data key=\"%s\">: no <key> has that id",
                           id ? id : "");
          return;
        }
      reader->data_key = g_strdup (key->name);
      g_string_truncate (reader->text, 0);
      reader->in_text = TRUE;
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  Reader *reader = user_data;

  if (reader->in_text)
    g_string_append_len (reader->text, text, len);
}

static const char *
value_of (GPtrArray  *data,
          const char *name)
{
  for (guint i = 0; i + 1 < data->len; i += 2)
    if (g_str_equal (data->pdata[i], name))
      return data->pdata[i + 1];
  return NULL;
}

/* The element's own value, else its key's default. */
static const char *
lookup (Reader     *reader,
        GPtrArray  *data,
        gboolean    for_node,
        const char *name)
{
  const char *value = value_of (data, name);
  GHashTableIter iter;
  gpointer key_data;

  if (value != NULL)
    return value;
  g_hash_table_iter_init (&iter, reader->keys);
  while (g_hash_table_iter_next (&iter, NULL, &key_data))
    {
      const Key *key = key_data;

      if (key->fallback != NULL && g_str_equal (key->name, name) &&
          (for_node ? key->for_node : key->for_edge))
        return key->fallback;
    }
  return NULL;
}

static void
read_node (Reader *reader)
{
  static const char *const group_names[PLAN_N_GROUPS] = {
    "server", "rail", "pod", "plane", "group",
  };
  Plan *plan = reader->plan;
  guint line = reader->node_line, device;
  const char *value;
  guint64 number;

  if (reader->node_id == NULL)
    return;
  if (weft_plan_lookup_device (plan, reader->node_id, strlen (reader->node_id)) != NONE)
    {
      weft_plan_error (plan, line, "node '%s' appears twice", reader->node_id);
      return;
    }
  device = weft_plan_device (plan, reader->node_id, strlen (reader->node_id), line);

  value = lookup (reader, reader->data, TRUE, "role");
  if (value == NULL)
    value = lookup (reader, reader->data, TRUE, "kind");
  if (value != NULL && *value != '\0')
    weft_plan_set_role (plan, device, value, strlen (value), line, "role");
  value = lookup (reader, reader->data, TRUE, "part");
  if (value != NULL && *value != '\0')
    weft_plan_set_part (plan, device, value, strlen (value), line, "part");
  value = lookup (reader, reader->data, TRUE, "rack");
  if (value != NULL && *value != '\0')
    weft_plan_set_rack (plan, device, value, strlen (value), line, "rack");
  value = lookup (reader, reader->data, TRUE, "u");
  if (value != NULL && *value != '\0')
    {
      if (!weft_plan_parse_uint (value, strlen (value), G_MAXUINT16, &number) || number == 0)
        weft_plan_error (plan, line, "u '%s' is not a rack unit (1 to 65535)", value);
      else
        weft_plan_set_u (plan, device, number, line, "u");
    }
  for (guint g = 0; g < PLAN_N_GROUPS; g++)
    {
      value = lookup (reader, reader->data, TRUE, group_names[g]);
      /* Weft writes -1 for a group a node is in none of. */
      if (value != NULL && *value != '\0' && !g_str_equal (value, "-1"))
        weft_plan_set_group (plan, device, g, value, strlen (value), line, group_names[g]);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Reader *reader = user_data;

  if (g_str_equal (element, "data") && reader->in_text)
    {
      reader->in_text = FALSE;
      if (reader->data_key != NULL && reader->data != NULL)
        {
          g_ptr_array_add (reader->data, g_steal_pointer (&reader->data_key));
          g_ptr_array_add (reader->data, g_strstrip (g_strdup (reader->text->str)));
        }
    }
  else if (g_str_equal (element, "default") && reader->in_text)
    {
      reader->in_text = FALSE;
      g_free (reader->key->fallback);
      reader->key->fallback = g_strstrip (g_strdup (reader->text->str));
    }
  else if (g_str_equal (element, "key"))
    reader->key = NULL;
  else if (g_str_equal (element, "node") && reader->data != NULL && reader->edge == NULL)
    {
      read_node (reader);
      g_clear_pointer (&reader->data, g_ptr_array_unref);
      g_clear_pointer (&reader->node_id, g_free);
    }
  else if (g_str_equal (element, "edge") && reader->edge != NULL)
    {
      g_ptr_array_add (reader->edges, g_steal_pointer (&reader->edge));
      reader->data = NULL;
    }
}

static void
read_edge (Reader     *reader,
           const Edge *edge)
{
  Plan *plan = reader->plan;
  PlanCable cable = { 0 };
  const char *value;
  guint64 number;
  WeftLinkClass klass;
  WeftMedium medium;
  gboolean ok = TRUE;

  if (edge->source == NULL || edge->target == NULL)
    return;
  cable.a = weft_plan_lookup_device (plan, edge->source, strlen (edge->source));
  cable.b = weft_plan_lookup_device (plan, edge->target, strlen (edge->target));
  if (cable.a == NONE || cable.b == NONE)
    {
      weft_plan_error (plan, edge->line, "edge to '%s': no node has that id",
                       cable.a == NONE ? edge->source : edge->target);
      return;
    }
  if (cable.a == cable.b)
    {
      weft_plan_error (plan, edge->line, "both ends are on %s", edge->source);
      return;
    }

  cable.count = 1;
  if ((value = lookup (reader, edge->data, FALSE, "count")) != NULL)
    {
      if (!weft_plan_parse_uint (value, strlen (value), G_MAXUINT32, &number) || number == 0)
        {
          weft_plan_error (plan, edge->line, "count '%s' is not a number of cables", value);
          ok = FALSE;
        }
      else
        cable.count = number;
    }
  cable.medium = WEFT_MEDIUM_AUTO;
  value = lookup (reader, edge->data, FALSE, "medium");
  /* Weft's export writes "none" for a link no medium reaches. */
  if (value != NULL && *value != '\0' && !g_str_equal (value, "none"))
    {
      if (weft_plan_read_medium (plan, edge->line, value, strlen (value), &medium))
        cable.medium = medium;
      else
        ok = FALSE;
    }
  cable.speed_gbps = 0;
  value = lookup (reader, edge->data, FALSE, "speed_gbps");
  if (value != NULL && *value != '\0')
    {
      if (!weft_plan_parse_uint (value, strlen (value), 1000000, &number) || number == 0)
        {
          weft_plan_error (plan, edge->line, "speed_gbps '%s' is not a speed in Gb/s", value);
          ok = FALSE;
        }
      else
        cable.speed_gbps = number;
    }
  cable.lanes = 0;
  value = lookup (reader, edge->data, FALSE, "lanes");
  if (value != NULL && *value != '\0')
    ok &= weft_plan_read_lanes (plan, edge->line, value, strlen (value), &cable.lanes);
  cable.link_class = WEFT_N_LINK_CLASSES;
  value = lookup (reader, edge->data, FALSE, "class");
  if (value != NULL && *value != '\0')
    {
      if (weft_plan_read_class (plan, edge->line, value, strlen (value), &klass))
        cable.link_class = klass;
      else
        ok = FALSE;
    }
  cable.length_m = NAN;
  value = lookup (reader, edge->data, FALSE, "length_m");
  if (value != NULL && *value != '\0')
    ok &= weft_plan_read_length (plan, edge->line, value, strlen (value), &cable.length_m);
  if (ok)
    weft_plan_add_cables (plan, &cable, edge->line);
}

gboolean
weft_plan_read_graphml (Plan        *plan,
                        const char  *data,
                        gsize        length,
                        char       **graph_name)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(GError) error = NULL;
  Reader reader = { plan };
  gboolean has_group[PLAN_N_GROUPS] = { FALSE };
  static const char *const group_names[PLAN_N_GROUPS] = {
    "server", "rail", "pod", "plane", "group",
  };
  GHashTableIter iter;
  gpointer key_data;

  reader.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, key_free);
  reader.edges = g_ptr_array_new_with_free_func (edge_free);
  reader.text = g_string_new (NULL);
  reader.context = g_markup_parse_context_new (&parser, 0, &reader, NULL);

  if (!g_markup_parse_context_parse (reader.context, data, length, &error) ||
      !g_markup_parse_context_end_parse (reader.context, &error))
    /* GMarkup's own messages say where; ours come from the element being read. */
    weft_plan_error (plan, g_str_has_prefix (error->message, "Error on line")
                     ? 0 : current_line (&reader), "not GraphML: %s", error->message);
  else
    {
      g_hash_table_iter_init (&iter, reader.keys);
      while (g_hash_table_iter_next (&iter, NULL, &key_data))
        {
          const Key *key = key_data;

          for (guint g = 0; g < PLAN_N_GROUPS; g++)
            if (key->for_node && g_str_equal (key->name, group_names[g]))
              has_group[g] = TRUE;
        }
      for (guint g = 0; g < PLAN_N_GROUPS; g++)
        if (has_group[g])
          weft_plan_group_given (plan, g);
      for (guint i = 0; i < reader.edges->len; i++)
        read_edge (&reader, g_ptr_array_index (reader.edges, i));
      if (weft_plan_n_errors (plan) == 0 && reader.edges->len == 0)
        weft_plan_error (plan, 0, "the graph has no edges");
    }

  *graph_name = g_steal_pointer (&reader.graph_name);
  g_markup_parse_context_free (reader.context);
  g_hash_table_unref (reader.keys);
  g_ptr_array_unref (reader.edges);
  g_string_free (reader.text, TRUE);
  /* A document cut off inside an edge: its data belongs to the edge. */
  if (reader.edge != NULL)
    {
      edge_free (reader.edge);
      reader.data = NULL;
    }
  g_clear_pointer (&reader.data, g_ptr_array_unref);
  g_free (reader.node_id);
  g_free (reader.data_key);
  return weft_plan_n_errors (plan) == 0;
}
