/* weft-fabric.c — fabric storage and queries: nodes, links, racks, parts and placement lengths. */
#include "model/weft-fabric-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (WeftFabric, weft_fabric, G_TYPE_OBJECT)
G_DEFINE_QUARK (weft-fabric-error-quark, weft_fabric_error)

guint weft_fabric_signals[N_SIGNALS];
GParamSpec *weft_fabric_properties[N_PROPS];

static void
weft_fabric_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WeftFabric *self = WEFT_FABRIC (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, weft_fabric_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, weft_fabric_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_fabric_finalize (GObject *object)
{
  WeftFabric *self = WEFT_FABRIC (object);

  weft_fabric_history_finalize (self);
  weft_fabric_failures_finalize (self);
  g_clear_object (&self->catalog);
  g_clear_object (&self->snapshot);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->racks, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->node_index, g_hash_table_unref);
  g_clear_pointer (&self->rack_index, g_hash_table_unref);
  g_clear_pointer (&self->part_ids, g_ptr_array_unref);
  g_clear_pointer (&self->part_index, g_hash_table_unref);
  g_clear_pointer (&self->ports_used, g_array_unref);
  g_clear_pointer (&self->incidence_offsets, g_array_unref);
  g_clear_pointer (&self->incidence, g_array_unref);
  g_clear_pointer (&self->generator, weft_gen_params_free);

  G_OBJECT_CLASS (weft_fabric_parent_class)->finalize (object);
}

static void
weft_fabric_class_init (WeftFabricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = weft_fabric_finalize;
  object_class->get_property = weft_fabric_get_property;

  weft_fabric_properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  weft_fabric_properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, weft_fabric_properties);

  /**
   * WeftFabric::changed:
   * @change: (type gpointer): a `const WeftChange *` describing one primitive change
   *
   * Emitted after every change made through the edit API, undo and redo.
   */
  weft_fabric_signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * WeftFabric::settled:
   *
   * Emitted when the ::changed of one edit call, undo or redo are all
   * out and the fabric is whole again — also inside an open group, where
   * a drag makes one undo step of many edits.
   */
  weft_fabric_signals[SIGNAL_SETTLED] =
    g_signal_new ("settled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
weft_fabric_init (WeftFabric *self)
{
  self->settle_gap_us = G_MAXINT64;
  self->nodes = g_array_new (FALSE, FALSE, sizeof (WeftNode));
  self->links = g_array_new (FALSE, FALSE, sizeof (WeftLink));
  self->racks = g_array_new (FALSE, FALSE, sizeof (WeftRack));
  self->strings = g_string_chunk_new (4096);
  self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->rack_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->part_ids = g_ptr_array_new ();
  self->part_index = g_hash_table_new (NULL, NULL);
  self->ports_used = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->incidence_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->incidence = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->protocol = WEFT_PROTOCOL_INFINIBAND;
  self->optics = WEFT_MEDIUM_DSP;
  weft_fabric_history_init (self);
}

WeftFabric *
weft_fabric_new (WeftCatalog *catalog)
{
  WeftFabric *self;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), NULL);

  self = g_object_new (WEFT_TYPE_FABRIC, NULL);
  self->catalog = g_object_ref (catalog);
  self->floor = *weft_catalog_get_floor (catalog);
  return self;
}

WeftCatalog *
weft_fabric_get_catalog (WeftFabric *self)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);
  return self->catalog;
}

const char *
weft_fabric_get_name (WeftFabric *self)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);
  return self->name ? self->name : "";
}

void
weft_fabric_set_name (WeftFabric *self,
                      const char *name)
{
  g_return_if_fail (WEFT_IS_FABRIC (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

WeftProtocol
weft_fabric_get_protocol (WeftFabric *self)
{
  return self->protocol;
}

void
weft_fabric_set_protocol (WeftFabric   *self,
                          WeftProtocol  protocol)
{
  self->protocol = protocol;
}

WeftMedium
weft_fabric_get_optics (WeftFabric *self)
{
  return self->optics;
}

void
weft_fabric_set_optics (WeftFabric *self,
                        WeftMedium  optics)
{
  g_return_if_fail (weft_medium_is_optics_family (optics));
  self->optics = optics;
}

const WeftFloor *
weft_fabric_get_floor (WeftFabric *self)
{
  return &self->floor;
}

void
weft_fabric_set_floor (WeftFabric      *self,
                       const WeftFloor *floor)
{
  self->floor = *floor;
}

guint
weft_fabric_get_n_nodes (WeftFabric *self)
{
  return self->nodes->len;
}

guint
weft_fabric_get_n_links (WeftFabric *self)
{
  return self->links->len;
}

guint
weft_fabric_get_n_racks (WeftFabric *self)
{
  return self->racks->len;
}

const WeftNode *
weft_fabric_get_node (WeftFabric *self,
                      guint       node)
{
  g_return_val_if_fail (node < self->nodes->len, NULL);
  return &g_array_index (self->nodes, WeftNode, node);
}

const WeftLink *
weft_fabric_get_link (WeftFabric *self,
                      guint       link)
{
  g_return_val_if_fail (link < self->links->len, NULL);
  return &g_array_index (self->links, WeftLink, link);
}

const WeftRack *
weft_fabric_get_rack (WeftFabric *self,
                      guint       rack)
{
  g_return_val_if_fail (rack < self->racks->len, NULL);
  return &g_array_index (self->racks, WeftRack, rack);
}

const WeftNode *
weft_fabric_get_nodes (WeftFabric *self,
                       guint      *n_nodes)
{
  *n_nodes = self->nodes->len;
  return (const WeftNode *) self->nodes->data;
}

const WeftLink *
weft_fabric_get_links (WeftFabric *self,
                       guint      *n_links)
{
  *n_links = self->links->len;
  return (const WeftLink *) self->links->data;
}

static guint
lookup_index (GHashTable *table,
              const char *name)
{
  guint index = name ? GPOINTER_TO_UINT (g_hash_table_lookup (table, name)) : 0;

  return index ? index - 1 : WEFT_NONE;
}

guint
weft_fabric_lookup_node (WeftFabric *self,
                         const char *name)
{
  return lookup_index (self->node_index, name);
}

guint
weft_fabric_lookup_rack (WeftFabric *self,
                         const char *name)
{
  return lookup_index (self->rack_index, name);
}

guint
weft_fabric_count_nodes (WeftFabric   *self,
                         WeftNodeKind  kind)
{
  guint count = 0;

  for (guint i = 0; i < self->nodes->len; i++)
    if (g_array_index (self->nodes, WeftNode, i).kind == kind)
      count++;
  return count;
}

guint16
weft_fabric_intern_part (WeftFabric *self,
                         const char *part_id)
{
  const char *interned = g_intern_string (part_id);
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->part_index, interned));

  if (index == 0)
    {
      g_ptr_array_add (self->part_ids, (gpointer) interned);
      index = self->part_ids->len;
      g_hash_table_insert (self->part_index, (gpointer) interned, GUINT_TO_POINTER (index));
    }
  return index - 1;
}

const char *
weft_fabric_get_node_part_id (WeftFabric *self,
                              guint       node)
{
  return g_ptr_array_index (self->part_ids, weft_fabric_get_node (self, node)->part);
}

const char *
weft_fabric_get_part_id (WeftFabric *self,
                         guint       part)
{
  g_return_val_if_fail (part < self->part_ids->len, NULL);
  return g_ptr_array_index (self->part_ids, part);
}

const WeftPart *
weft_fabric_get_node_part (WeftFabric *self,
                           guint       node)
{
  return weft_catalog_lookup_part (self->catalog, weft_fabric_get_node_part_id (self, node));
}

guint
weft_fabric_get_ports_used (WeftFabric *self,
                            guint       node)
{
  g_return_val_if_fail (node < self->ports_used->len, 0);
  return g_array_index (self->ports_used, guint32, node);
}

guint
weft_fabric_link_port_units (WeftFabric     *self,
                             guint           node,
                             const WeftLink *link)
{
  const WeftNode *n = weft_fabric_get_node (self, node);
  const WeftPart *part;

  /* A GPU's scale-up links use its own NVLink ports, not its NIC's. */
  if (n->kind == WEFT_NODE_GPU && link->link_class == WEFT_LINK_SCALE_UP)
    return 0;
  part = weft_fabric_get_node_part (self, node);
  if (part == NULL)
    return 0;
  return link->count * weft_part_port_cost (part, link->speed_gbps);
}

void
weft_fabric_account_link (WeftFabric     *self,
                          const WeftLink *link,
                          int             sign)
{
  guint32 *used = (guint32 *) self->ports_used->data;

  used[link->a] += sign * (int) weft_fabric_link_port_units (self, link->a, link);
  used[link->b] += sign * (int) weft_fabric_link_port_units (self, link->b, link);
}

static const char *
tier_name (WeftNodeKind a,
           WeftNodeKind b)
{
  static const char *names[WEFT_N_NODE_KINDS][WEFT_N_NODE_KINDS];

  if (names[a][b] == NULL)
    {
      /* Node kinds are declared lowest tier first. */
      WeftNodeKind lo = MIN (a, b), hi = MAX (a, b);
      g_autofree char *name = g_strdup_printf ("%s-%s", weft_node_kind_to_string (lo),
                                               weft_node_kind_to_string (hi));
      names[a][b] = g_intern_string (name);
    }
  return names[a][b];
}

const char *
weft_fabric_get_link_tier (WeftFabric *self,
                           guint       link)
{
  const WeftLink *l = weft_fabric_get_link (self, link);

  return tier_name (weft_fabric_get_node (self, l->a)->kind,
                    weft_fabric_get_node (self, l->b)->kind);
}

const WeftMediaPart *
weft_fabric_get_link_media (WeftFabric *self,
                            guint       link)
{
  const WeftLink *l = weft_fabric_get_link (self, link);

  return weft_catalog_resolve_media (self->catalog, l->medium, self->optics,
                                     l->speed_gbps, l->length_m);
}

const WeftGenParams *
weft_fabric_get_generator (WeftFabric *self)
{
  return self->generator;
}

void
weft_fabric_set_generator (WeftFabric           *self,
                           const WeftGenParams  *params,
                           const WeftClosedForm *closed_form)
{
  g_clear_pointer (&self->generator, weft_gen_params_free);
  if (params != NULL)
    self->generator = weft_gen_params_copy (params);
  if (closed_form != NULL)
    self->closed_form = *closed_form;
  else
    memset (&self->closed_form, 0, sizeof self->closed_form);
}

gboolean
weft_fabric_get_closed_form (WeftFabric     *self,
                             WeftClosedForm *closed_form)
{
  if (self->generator == NULL || self->edited)
    return FALSE;
  if (!self->closed_form.has_bisection && !self->closed_form.has_diameter)
    return FALSE;
  *closed_form = self->closed_form;
  return TRUE;
}

gboolean
weft_fabric_is_edited (WeftFabric *self)
{
  return self->edited;
}

void
weft_fabric_set_edited (WeftFabric *self,
                        gboolean    edited)
{
  self->edited = edited;
}

guint
weft_fabric_add_rack (WeftFabric *self,
                      const char *name,
                      guint       row,
                      guint       col,
                      guint       units)
{
  WeftRack rack = { NULL, row, col, units };

  g_return_val_if_fail (weft_fabric_lookup_rack (self, name) == WEFT_NONE, WEFT_NONE);

  rack.name = g_string_chunk_insert (self->strings, name);
  g_array_append_val (self->racks, rack);
  g_hash_table_insert (self->rack_index, (gpointer) rack.name, GUINT_TO_POINTER (self->racks->len));
  return self->racks->len - 1;
}

guint
weft_fabric_add_node (WeftFabric       *self,
                      const char       *name,
                      WeftNodeKind      kind,
                      const char       *part_id,
                      const WeftGroups *groups,
                      guint             rack,
                      guint             u)
{
  static const WeftGroups no_groups = { -1, -1, -1, -1, -1 };
  WeftNode node = { NULL };
  guint32 zero = 0;

  g_return_val_if_fail (kind < WEFT_N_NODE_KINDS, WEFT_NONE);
  g_return_val_if_fail (weft_fabric_lookup_node (self, name) == WEFT_NONE, WEFT_NONE);
  g_return_val_if_fail (rack == WEFT_NONE || rack < self->racks->len, WEFT_NONE);

  node.name = g_string_chunk_insert (self->strings, name);
  node.kind = kind;
  node.part = weft_fabric_intern_part (self, part_id);
  node.groups = groups ? *groups : no_groups;
  node.rack = rack;
  node.u = u;
  g_array_append_val (self->nodes, node);
  g_array_append_val (self->ports_used, zero);
  g_hash_table_insert (self->node_index, (gpointer) node.name, GUINT_TO_POINTER (self->nodes->len));
  self->incidence_valid = FALSE;
  return self->nodes->len - 1;
}

guint
weft_fabric_append_link (WeftFabric     *self,
                         const WeftLink *link)
{
  g_return_val_if_fail (link->a < self->nodes->len && link->b < self->nodes->len, WEFT_NONE);

  g_array_append_val (self->links, *link);
  weft_fabric_account_link (self, link, +1);
  self->incidence_valid = FALSE;
  return self->links->len - 1;
}

double
weft_fabric_rack_distance (WeftFabric *self,
                           guint       rack_a,
                           guint       rack_b)
{
  const WeftRack *ra, *rb;
  double dx, dy;

  if (rack_a == rack_b || rack_a == WEFT_NONE || rack_b == WEFT_NONE)
    return self->floor.intra_rack_m;

  ra = weft_fabric_get_rack (self, rack_a);
  rb = weft_fabric_get_rack (self, rack_b);
  dx = fabs ((double) ra->col - rb->col) * self->floor.rack_width_m;
  dy = fabs ((double) ra->row - rb->row) * self->floor.row_pitch_m;
  return dx + dy + self->floor.inter_rack_slack_m;
}

double
weft_fabric_node_distance (WeftFabric     *self,
                           const WeftNode *a,
                           const WeftNode *b)
{
  if (a->rack != WEFT_NONE && a->rack == b->rack && a->u == b->u)
    return self->floor.chassis_m;
  return weft_fabric_rack_distance (self, a->rack, b->rack);
}

double
weft_fabric_placement_length (WeftFabric *self,
                              guint       a,
                              guint       b)
{
  return weft_fabric_node_distance (self, weft_fabric_get_node (self, a),
                                    weft_fabric_get_node (self, b));
}

void
weft_fabric_place_links (WeftFabric *self)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      WeftLink *link = &g_array_index (self->links, WeftLink, i);

      if (!link->length_set)
        link->length_m = weft_fabric_placement_length (self, link->a, link->b);
    }
}

static void
build_incidence (WeftFabric *self)
{
  guint n_nodes = self->nodes->len;
  guint32 *offsets, *fill, *incidence;

  g_array_set_size (self->incidence_offsets, n_nodes + 1);
  g_array_set_size (self->incidence, 2 * self->links->len);
  offsets = (guint32 *) self->incidence_offsets->data;
  incidence = (guint32 *) self->incidence->data;
  memset (offsets, 0, sizeof (guint32) * (n_nodes + 1));

  for (guint i = 0; i < self->links->len; i++)
    {
      const WeftLink *link = &g_array_index (self->links, WeftLink, i);

      offsets[link->a + 1]++;
      offsets[link->b + 1]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    offsets[i + 1] += offsets[i];

  fill = g_memdup2 (offsets, sizeof (guint32) * n_nodes);
  for (guint i = 0; i < self->links->len; i++)
    {
      const WeftLink *link = &g_array_index (self->links, WeftLink, i);

      incidence[fill[link->a]++] = i;
      incidence[fill[link->b]++] = i;
    }
  g_free (fill);
  self->incidence_valid = TRUE;
}

const guint32 *
weft_fabric_incident_links (WeftFabric *self,
                            guint       node,
                            guint      *n_links)
{
  const guint32 *offsets;

  if (!self->incidence_valid)
    build_incidence (self);
  offsets = (const guint32 *) self->incidence_offsets->data;
  *n_links = offsets[node + 1] - offsets[node];
  return (const guint32 *) self->incidence->data + offsets[node];
}

guint64
weft_fabric_get_generation (WeftFabric *self)
{
  return self->generation;
}

void
weft_fabric_emit (WeftFabric       *self,
                  const WeftChange *change)
{
  self->generation++;
  g_clear_object (&self->snapshot);
  g_signal_emit (self, weft_fabric_signals[SIGNAL_CHANGED], 0, change);
}

WeftFabric *
weft_fabric_dup_snapshot (WeftFabric *self)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (self), NULL);

  if (self->snapshot == NULL || self->snapshot->generation != self->generation)
    {
      guint n;

      g_clear_object (&self->snapshot);
      self->snapshot = weft_fabric_copy (self);
      /* Built now, so that threads reading it at once never build it. */
      if (weft_fabric_get_n_nodes (self->snapshot) > 0)
        weft_fabric_incident_links (self->snapshot, 0, &n);
    }
  return g_object_ref (self->snapshot);
}

WeftFabric *
weft_fabric_copy (WeftFabric *self)
{
  WeftFabric *copy = weft_fabric_new (self->catalog);

  copy->name = g_strdup (self->name);
  copy->protocol = self->protocol;
  copy->optics = self->optics;
  copy->floor = self->floor;
  copy->edited = self->edited;
  copy->generation = self->generation;
  weft_fabric_set_generator (copy, self->generator, &self->closed_form);

  for (guint i = 0; i < self->racks->len; i++)
    {
      const WeftRack *rack = &g_array_index (self->racks, WeftRack, i);
      weft_fabric_add_rack (copy, rack->name, rack->row, rack->col, rack->units);
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const WeftNode *node = &g_array_index (self->nodes, WeftNode, i);
      weft_fabric_add_node (copy, node->name, node->kind,
                            g_ptr_array_index (self->part_ids, node->part),
                            &node->groups, node->rack, node->u);
    }
  g_array_append_vals (copy->links, self->links->data, self->links->len);
  g_array_set_size (copy->ports_used, 0);
  g_array_append_vals (copy->ports_used, self->ports_used->data, self->ports_used->len);
  return copy;
}

gboolean
weft_fabric_same_graph (WeftFabric *a,
                        WeftFabric *b)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (a) && WEFT_IS_FABRIC (b), FALSE);

  if (a->catalog != b->catalog || a->protocol != b->protocol || a->optics != b->optics ||
      a->nodes->len != b->nodes->len || a->links->len != b->links->len ||
      memcmp (a->links->data, b->links->data, a->links->len * sizeof (WeftLink)) != 0)
    return FALSE;
  for (guint i = 0; i < a->nodes->len; i++)
    {
      const WeftNode *x = &g_array_index (a->nodes, WeftNode, i),
                     *y = &g_array_index (b->nodes, WeftNode, i);

      if (x->kind != y->kind || memcmp (&x->groups, &y->groups, sizeof (WeftGroups)) != 0 ||
          g_strcmp0 (g_ptr_array_index (a->part_ids, x->part),
                     g_ptr_array_index (b->part_ids, y->part)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Exchange everything a user sees, keeping each object's history and
 * signal handlers: used by replace and its undo. */
void
weft_fabric_swap_contents (WeftFabric *self,
                           WeftFabric *other)
{
#define SWAP(field) G_STMT_START { \
    __typeof__ (self->field) tmp = self->field; \
    self->field = other->field; \
    other->field = tmp; \
  } G_STMT_END

  SWAP (catalog);
  SWAP (name);
  SWAP (protocol);
  SWAP (optics);
  SWAP (floor);
  SWAP (nodes);
  SWAP (links);
  SWAP (racks);
  SWAP (strings);
  SWAP (node_index);
  SWAP (rack_index);
  SWAP (part_ids);
  SWAP (part_index);
  SWAP (ports_used);
  SWAP (generator);
  SWAP (closed_form);
  SWAP (edited);
#undef SWAP

  self->incidence_valid = FALSE;
  other->incidence_valid = FALSE;
}
