/* weft-fabric-edit.c — the edit API: validated changes recorded as undoable commands. */
#include "model/weft-fabric-private.h"
#include "util/weft-key-index.h"

#include "model/weft-validate.h"

/* A command is a list of primitive operations, each of which knows its
 * inverse; undo runs the inverses backwards. */
typedef enum
{
  OP_LINK_INSERT,
  OP_LINK_REMOVE,
  OP_LINK_SET,
  OP_NODE_SET,
  OP_REPLACE,
} OpKind;

typedef struct
{
  OpKind      kind;
  guint       index;
  WeftLink    old_link;
  WeftLink    new_link;
  WeftNode    old_node;
  WeftNode    new_node;
  WeftFabric *other;      /* OP_REPLACE: the contents swapped out */
} Op;

typedef struct
{
  char     *label;
  GArray   *ops;
  gboolean  edited_before;
  guint64   serial;
} WeftCommand;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->other);
}

static WeftCommand *
command_new (const char *label)
{
  WeftCommand *command = g_new0 (WeftCommand, 1);

  command->label = g_strdup (label);
  command->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (command->ops, op_clear);
  return command;
}

static void
command_free (gpointer data)
{
  WeftCommand *command = data;

  g_free (command->label);
  g_array_unref (command->ops);
  g_free (command);
}

void
weft_fabric_history_init (WeftFabric *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (command_free);
  self->redo_stack = g_ptr_array_new_with_free_func (command_free);
}

void
weft_fabric_history_finalize (WeftFabric *self)
{
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer ((WeftCommand **) &self->open_group, command_free);
}

static void
notify_history (WeftFabric *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), weft_fabric_properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), weft_fabric_properties[PROP_CAN_REDO]);
}

/* Primitive operations. Each keeps ports_used and the incidence index
 * right and emits exactly one change. */

static void
link_insert (WeftFabric     *self,
             guint           index,
             const WeftLink *link)
{
  guint last = self->links->len;
  WeftChange change = { WEFT_CHANGE_LINK_ADDED, index, WEFT_NONE };

  g_array_append_val (self->links, *link);
  if (index != last)
    {
      WeftLink *links = (WeftLink *) self->links->data;

      links[last] = links[index];
      links[index] = *link;
      change.relocated = last;
    }
  weft_fabric_account_link (self, link, +1);
  self->incidence_valid = FALSE;
  change.new_link = *link;
  weft_fabric_emit (self, &change);
}

static void
link_remove (WeftFabric *self,
             guint       index)
{
  WeftLink *links = (WeftLink *) self->links->data;
  guint last = self->links->len - 1;
  WeftChange change = { WEFT_CHANGE_LINK_REMOVED, index, WEFT_NONE };

  change.old_link = links[index];
  weft_fabric_account_link (self, &change.old_link, -1);
  if (index != last)
    {
      links[index] = links[last];
      change.relocated = last;
    }
  g_array_set_size (self->links, last);
  self->incidence_valid = FALSE;
  weft_fabric_emit (self, &change);
}

static void
link_set (WeftFabric     *self,
          guint           index,
          const WeftLink *link)
{
  WeftLink *slot = &g_array_index (self->links, WeftLink, index);
  WeftChange change = { WEFT_CHANGE_LINK_CHANGED, index, WEFT_NONE };

  change.old_link = *slot;
  change.new_link = *link;
  weft_fabric_account_link (self, slot, -1);
  *slot = *link;
  weft_fabric_account_link (self, slot, +1);
  if (change.old_link.a != link->a || change.old_link.b != link->b)
    self->incidence_valid = FALSE;
  weft_fabric_emit (self, &change);
}

static void
node_set (WeftFabric     *self,
          guint           index,
          const WeftNode *node)
{
  WeftNode *slot = &g_array_index (self->nodes, WeftNode, index);
  WeftChange change = { WEFT_CHANGE_NODE_CHANGED, index, WEFT_NONE };
  gboolean part_changed = slot->part != node->part;
  const guint32 *incident = NULL;
  guint n_incident = 0;

  change.old_node = *slot;
  change.new_node = *node;

  /* A new part changes what each of the node's links costs in ports. */
  if (part_changed)
    {
      incident = weft_fabric_incident_links (self, index, &n_incident);
      for (guint i = 0; i < n_incident; i++)
        weft_fabric_account_link (self, weft_fabric_get_link (self, incident[i]), -1);
    }
  *slot = *node;
  for (guint i = 0; i < n_incident; i++)
    weft_fabric_account_link (self, weft_fabric_get_link (self, incident[i]), +1);

  weft_fabric_emit (self, &change);
}

static void
contents_swap (WeftFabric *self,
               WeftFabric *other)
{
  WeftChange change = { WEFT_CHANGE_RESET, 0, WEFT_NONE };

  weft_fabric_swap_contents (self, other);
  weft_fabric_emit (self, &change);
}

static void
op_apply (WeftFabric *self,
          const Op   *op,
          gboolean    forward)
{
  switch (op->kind)
    {
    case OP_LINK_INSERT:
      if (forward)
        link_insert (self, op->index, &op->new_link);
      else
        link_remove (self, op->index);
      break;

    case OP_LINK_REMOVE:
      if (forward)
        link_remove (self, op->index);
      else
        link_insert (self, op->index, &op->old_link);
      break;

    case OP_LINK_SET:
      link_set (self, op->index, forward ? &op->new_link : &op->old_link);
      break;

    case OP_NODE_SET:
      node_set (self, op->index, forward ? &op->new_node : &op->old_node);
      break;

    case OP_REPLACE:
      contents_swap (self, op->other);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Apply @op and record it in the open group, or as a command of its own. */
static void
record (WeftFabric *self,
        const char *label,
        const Op   *op)
{
  gboolean own_group = self->open_group == NULL;

  if (own_group)
    weft_fabric_begin_group (self, label);
  op_apply (self, op, TRUE);
  g_array_append_val (((WeftCommand *) self->open_group)->ops, *op);
  if (op->kind != OP_REPLACE)
    self->edited = TRUE;
  if (own_group)
    weft_fabric_end_group (self);
}

void
weft_fabric_begin_group (WeftFabric *self,
                         const char *label)
{
  g_return_if_fail (WEFT_IS_FABRIC (self));

  if (self->group_depth++ == 0)
    {
      WeftCommand *command = command_new (label);

      command->edited_before = self->edited;
      self->open_group = command;
    }
}

void
weft_fabric_end_group (WeftFabric *self)
{
  WeftCommand *command;

  g_return_if_fail (WEFT_IS_FABRIC (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    {
      g_signal_emit (self, weft_fabric_signals[SIGNAL_SETTLED], 0);
      return;
    }

  command = g_steal_pointer (&self->open_group);
  if (command->ops->len == 0)
    {
      command_free (command);
      return;
    }
  command->serial = ++self->next_serial;
  g_ptr_array_add (self->undo_stack, command);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self);
  g_signal_emit (self, weft_fabric_signals[SIGNAL_SETTLED], 0);
}

guint64
weft_fabric_get_history_point (WeftFabric *self)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (self), 0);
  if (self->undo_stack->len == 0)
    return 0;
  return ((WeftCommand *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->serial;
}

gboolean
weft_fabric_can_undo (WeftFabric *self)
{
  return self->undo_stack->len > 0;
}

gboolean
weft_fabric_can_redo (WeftFabric *self)
{
  return self->redo_stack->len > 0;
}

const char *
weft_fabric_get_undo_label (WeftFabric *self)
{
  if (self->undo_stack->len == 0)
    return NULL;
  return ((WeftCommand *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
weft_fabric_get_redo_label (WeftFabric *self)
{
  if (self->redo_stack->len == 0)
    return NULL;
  return ((WeftCommand *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

gboolean
weft_fabric_undo (WeftFabric *self)
{
  WeftCommand *command;
  gboolean edited_after;

  g_return_val_if_fail (self->group_depth == 0, FALSE);
  if (self->undo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  edited_after = self->edited;
  for (guint i = command->ops->len; i > 0; i--)
    op_apply (self, &g_array_index (command->ops, Op, i - 1), FALSE);
  self->edited = command->edited_before;
  command->edited_before = edited_after;
  g_ptr_array_add (self->redo_stack, command);
  notify_history (self);
  g_signal_emit (self, weft_fabric_signals[SIGNAL_SETTLED], 0);
  return TRUE;
}

gboolean
weft_fabric_redo (WeftFabric *self)
{
  WeftCommand *command;
  gboolean edited_before;

  g_return_val_if_fail (self->group_depth == 0, FALSE);
  if (self->redo_stack->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  edited_before = self->edited;
  for (guint i = 0; i < command->ops->len; i++)
    op_apply (self, &g_array_index (command->ops, Op, i), TRUE);
  /* Redo stores the state after the command where undo stored the state before. */
  self->edited = command->edited_before;
  command->edited_before = edited_before;
  g_ptr_array_add (self->undo_stack, command);
  notify_history (self);
  g_signal_emit (self, weft_fabric_signals[SIGNAL_SETTLED], 0);
  return TRUE;
}

void
weft_fabric_clear_history (WeftFabric *self)
{
  g_return_if_fail (self->group_depth == 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self);
}

/* The edit API. */

static gboolean
check_link_index (WeftFabric  *self,
                  guint        link,
                  GError     **error)
{
  if (link < self->links->len)
    return TRUE;
  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
               "there is no link %u (the fabric has %u)", link, self->links->len);
  return FALSE;
}

static gboolean
check_node_index (WeftFabric  *self,
                  guint        node,
                  GError     **error)
{
  if (node < self->nodes->len)
    return TRUE;
  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
               "there is no node %u (the fabric has %u)", node, self->nodes->len);
  return FALSE;
}

static void
place_link (WeftFabric *self,
            WeftLink   *link)
{
  if (!link->length_set)
    link->length_m = weft_fabric_placement_length (self, link->a, link->b);
}

/* Validate @link in place of @index and record the change. */
static gboolean
replace_link (WeftFabric      *self,
              guint            index,
              const WeftLink  *link,
              const char      *label,
              GError         **error)
{
  Op op = { OP_LINK_SET, index };

  if (!weft_fabric_check_link (self, link, index, error))
    return FALSE;
  op.old_link = g_array_index (self->links, WeftLink, index);
  op.new_link = *link;
  if (memcmp (&op.old_link, &op.new_link, sizeof (WeftLink)) != 0)
    record (self, label, &op);
  return TRUE;
}

gboolean
weft_fabric_add_link (WeftFabric      *self,
                      const WeftLink  *link,
                      guint           *index,
                      GError         **error)
{
  Op op = { OP_LINK_INSERT };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);

  op.new_link = *link;
  if (link->a < self->nodes->len && link->b < self->nodes->len)
    place_link (self, &op.new_link);
  if (!weft_fabric_check_link (self, &op.new_link, WEFT_NONE, error))
    return FALSE;
  op.index = self->links->len;
  record (self, "Add Link", &op);
  if (index != NULL)
    *index = op.index;
  return TRUE;
}

/* The link a user connecting @a and @b means: like the fabric's links
 * between the same two kinds of node, else like its first scale-out link. */
static gboolean
connection (WeftFabric  *self,
            guint        a,
            guint        b,
            WeftLink    *link,
            GError     **error)
{
  const WeftLink *like = NULL;

  if (!check_node_index (self, a, error) || !check_node_index (self, b, error))
    return FALSE;
  for (guint i = 0; i < self->links->len; i++)
    {
      const WeftLink *l = &g_array_index (self->links, WeftLink, i);
      WeftNodeKind la = weft_fabric_get_node (self, l->a)->kind, lb = weft_fabric_get_node (self, l->b)->kind;
      WeftNodeKind ka = weft_fabric_get_node (self, a)->kind, kb = weft_fabric_get_node (self, b)->kind;

      if ((la == ka && lb == kb) || (la == kb && lb == ka))
        {
          like = l;
          break;
        }
      if (like == NULL && l->link_class == WEFT_LINK_SCALE_OUT)
        like = l;
    }
  if (like == NULL)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "the fabric has no link to take the speed and medium of a new one from");
      return FALSE;
    }
  *link = *like;
  link->a = a;
  link->b = b;
  link->count = 1;
  link->length_set = FALSE;
  place_link (self, link);
  return weft_fabric_check_link (self, link, WEFT_NONE, error);
}

gboolean
weft_fabric_check_connect (WeftFabric  *self,
                           guint        a,
                           guint        b,
                           GError     **error)
{
  WeftLink link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  return connection (self, a, b, &link, error);
}

gboolean
weft_fabric_connect (WeftFabric  *self,
                     guint        a,
                     guint        b,
                     guint       *index,
                     GError     **error)
{
  WeftLink link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  return connection (self, a, b, &link, error) && weft_fabric_add_link (self, &link, index, error);
}

gboolean
weft_fabric_remove_link (WeftFabric  *self,
                         guint        link,
                         GError     **error)
{
  Op op = { OP_LINK_REMOVE };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  op.index = link;
  op.old_link = g_array_index (self->links, WeftLink, link);
  record (self, "Remove Link", &op);
  return TRUE;
}

static gboolean
rewired (WeftFabric   *self,
         guint         link,
         WeftLinkEnd   end,
         guint         node,
         WeftLink     *out,
         GError      **error)
{
  if (!check_link_index (self, link, error) || !check_node_index (self, node, error))
    return FALSE;
  *out = g_array_index (self->links, WeftLink, link);
  if (end == WEFT_LINK_END_A)
    out->a = node;
  else
    out->b = node;
  place_link (self, out);
  return weft_fabric_check_link (self, out, link, error);
}

gboolean
weft_fabric_check_rewire (WeftFabric   *self,
                          guint         link,
                          WeftLinkEnd   end,
                          guint         node,
                          GError      **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  return rewired (self, link, end, node, &new_link, error);
}

gboolean
weft_fabric_rewire_link (WeftFabric   *self,
                         guint         link,
                         WeftLinkEnd   end,
                         guint         node,
                         GError      **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!rewired (self, link, end, node, &new_link, error))
    return FALSE;
  return replace_link (self, link, &new_link, "Rewire Link", error);
}

gboolean
weft_fabric_move_node (WeftFabric  *self,
                       guint        node,
                       guint        rack,
                       guint        u,
                       GError     **error)
{
  g_autofree WeftLink *moved = NULL;
  g_autofree char *label = NULL;
  const guint32 *incident;
  guint n_incident;
  WeftNode new_node;
  Op op = { OP_NODE_SET };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_node_index (self, node, error))
    return FALSE;
  if (rack >= self->racks->len)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "there is no rack %u (the fabric has %u)", rack, self->racks->len);
      return FALSE;
    }
  if (u < 1 || u > weft_fabric_get_rack (self, rack)->units)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "rack %s has units 1 to %u, not %u", weft_fabric_get_rack (self, rack)->name,
                   weft_fabric_get_rack (self, rack)->units, u);
      return FALSE;
    }

  op.index = node;
  op.old_node = g_array_index (self->nodes, WeftNode, node);
  new_node = op.old_node;
  new_node.rack = rack;
  new_node.u = u;
  op.new_node = new_node;
  if (op.old_node.rack == rack && op.old_node.u == u)
    return TRUE;

  /* Work out every link's new length first, so that a move some link's
   * medium cannot follow is refused before anything changes. */
  incident = weft_fabric_incident_links (self, node, &n_incident);
  moved = g_new (WeftLink, n_incident);
  for (guint i = 0; i < n_incident; i++)
    {
      const WeftLink *old = weft_fabric_get_link (self, incident[i]);
      guint other = old->a == node ? old->b : old->a;

      moved[i] = *old;
      if (!old->length_set)
        moved[i].length_m = weft_fabric_node_distance (self, &new_node,
                                                       weft_fabric_get_node (self, other));
      if (weft_catalog_resolve_media (self->catalog, moved[i].medium, self->optics,
                                      moved[i].speed_gbps, moved[i].length_m) == NULL)
        {
          g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_MEDIUM,
                       "moving %s to %s would make its link to %s %.1f m long, beyond the reach "
                       "of any %s part at %uG",
                       op.old_node.name, weft_fabric_get_rack (self, rack)->name,
                       weft_fabric_get_node (self, other)->name, moved[i].length_m,
                       weft_medium_to_string (moved[i].medium == WEFT_MEDIUM_AUTO
                                              ? self->optics : moved[i].medium),
                       moved[i].speed_gbps);
          return FALSE;
        }
    }

  label = g_strdup_printf ("Move %s", op.old_node.name);
  weft_fabric_begin_group (self, label);
  record (self, label, &op);
  for (guint i = 0; i < n_incident; i++)
    {
      Op link_op = { OP_LINK_SET, incident[i] };

      link_op.old_link = g_array_index (self->links, WeftLink, incident[i]);
      link_op.new_link = moved[i];
      if (link_op.old_link.length_m != link_op.new_link.length_m)
        record (self, label, &link_op);
    }
  weft_fabric_end_group (self);
  return TRUE;
}

guint64
weft_fabric_move_fingerprint (WeftFabric *self,
                              guint       node,
                              guint       rack,
                              guint       u)
{
  WeftNode moved;
  const guint32 *incident;
  guint n_incident;
  guint64 h = 0;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), 0);
  g_return_val_if_fail (node < self->nodes->len, 0);

  moved = g_array_index (self->nodes, WeftNode, node);
  moved.rack = rack;
  moved.u = u;
  incident = weft_fabric_incident_links (self, node, &n_incident);
  for (guint i = 0; i < n_incident; i++)
    {
      const WeftLink *link = weft_fabric_get_link (self, incident[i]);
      guint other = link->a == node ? link->b : link->a;
      float length = link->length_set ? link->length_m
                                      : (float) weft_fabric_node_distance (self, &moved,
                                                                           weft_fabric_get_node (self, other));

      h = weft_key_fold (h, weft_key_double (length));
    }
  return weft_key_mix (h);
}

gboolean
weft_fabric_set_link_medium (WeftFabric  *self,
                             guint        link,
                             WeftMedium   medium,
                             GError     **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  g_return_val_if_fail (medium < WEFT_N_MEDIA, FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  new_link = g_array_index (self->links, WeftLink, link);
  new_link.medium = medium;
  return replace_link (self, link, &new_link, "Change Medium", error);
}

gboolean
weft_fabric_set_link_speed (WeftFabric  *self,
                            guint        link,
                            guint        speed_gbps,
                            GError     **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  new_link = g_array_index (self->links, WeftLink, link);
  new_link.speed_gbps = speed_gbps;
  return replace_link (self, link, &new_link, "Change Speed", error);
}

gboolean
weft_fabric_set_link_count (WeftFabric  *self,
                            guint        link,
                            guint        count,
                            GError     **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  new_link = g_array_index (self->links, WeftLink, link);
  new_link.count = count;
  return replace_link (self, link, &new_link, "Change Link Count", error);
}

gboolean
weft_fabric_set_link_length (WeftFabric  *self,
                             guint        link,
                             double       length_m,
                             GError     **error)
{
  WeftLink new_link;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  new_link = g_array_index (self->links, WeftLink, link);
  new_link.length_set = length_m >= 0;
  if (new_link.length_set)
    new_link.length_m = length_m;
  place_link (self, &new_link);
  return replace_link (self, link, &new_link, "Change Length", error);
}

gboolean
weft_fabric_set_node_part (WeftFabric  *self,
                           guint        node,
                           const char  *part_id,
                           GError     **error)
{
  Op op = { OP_NODE_SET };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  g_return_val_if_fail (part_id != NULL, FALSE);
  if (!check_node_index (self, node, error) ||
      !weft_fabric_check_node_part (self, node, part_id, error))
    return FALSE;

  op.index = node;
  op.old_node = g_array_index (self->nodes, WeftNode, node);
  op.new_node = op.old_node;
  op.new_node.part = weft_fabric_intern_part (self, part_id);
  if (op.new_node.part != op.old_node.part)
    record (self, "Change Part", &op);
  return TRUE;
}

void
weft_fabric_replace (WeftFabric *self,
                     WeftFabric *source,
                     const char *label)
{
  Op op = { OP_REPLACE };

  g_return_if_fail (WEFT_IS_FABRIC (self));
  g_return_if_fail (WEFT_IS_FABRIC (source) && source != self);

  op.other = g_object_ref (source);
  record (self, label ? label : "Replace Fabric", &op);
}
