/* weft-fabric-history.c — the command log: primitive operations that know their inverse, groups,
 * undo and redo. */
#include "model/weft-fabric-private.h"

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
  WeftFabricOp *op = data;

  g_clear_object (&op->other);
}

static WeftCommand *
command_new (const char *label)
{
  WeftCommand *command = g_new0 (WeftCommand, 1);

  command->label = g_strdup (label);
  command->ops = g_array_new (FALSE, TRUE, sizeof (WeftFabricOp));
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

/* "settled", after noting how long since the edit before settled. */
static void
emit_settled (WeftFabric *self)
{
  gint64 now = g_get_monotonic_time ();

  self->settle_gap_us = self->settled_us != 0 ? now - self->settled_us : G_MAXINT64;
  self->settled_us = now;
  g_signal_emit (self, weft_fabric_signals[SIGNAL_SETTLED], 0);
}

gint64
weft_fabric_get_settle_gap (WeftFabric *self)
{
  g_return_val_if_fail (WEFT_IS_FABRIC (self), G_MAXINT64);
  return self->settle_gap_us;
}

gboolean
weft_fabric_history_live (WeftFabric *self,
                          guint64     serial)
{
  for (guint i = self->undo_stack->len; i > 0; i--)
    {
      const WeftCommand *command = g_ptr_array_index (self->undo_stack, i - 1);

      if (command->serial == serial)
        return TRUE;
      for (guint k = 0; k < command->ops->len; k++)
        if (g_array_index (command->ops, WeftFabricOp, k).kind == OP_REPLACE)
          return FALSE;
    }
  return FALSE;
}

gboolean
weft_fabric_history_pending (WeftFabric *self,
                             guint64     serial)
{
  for (guint i = 0; i < self->redo_stack->len; i++)
    if (((const WeftCommand *) g_ptr_array_index (self->redo_stack, i))->serial == serial)
      return TRUE;
  return FALSE;
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
op_apply (WeftFabric         *self,
          const WeftFabricOp *op,
          gboolean            forward)
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

void
weft_fabric_record (WeftFabric         *self,
                    const char         *label,
                    const WeftFabricOp *op)
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
      emit_settled (self);
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
  emit_settled (self);
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

/* The label of the last command on @stack, or NULL when it is empty. */
static const char *
last_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((WeftCommand *) g_ptr_array_index (stack, stack->len - 1))->label;
}

const char *
weft_fabric_get_undo_label (WeftFabric *self)
{
  return last_label (self->undo_stack);
}

const char *
weft_fabric_get_redo_label (WeftFabric *self)
{
  return last_label (self->redo_stack);
}

/* Undo (@forward FALSE: the inverses of the last command's operations, last
 * first) or redo (its operations in order), moving the command from @from to
 * @to; FALSE when @from is empty. A command keeps the edited flag of its
 * other side: the state before it while it can be undone, after it while it
 * can be redone. */
static gboolean
replay_last (WeftFabric *self,
             GPtrArray  *from,
             GPtrArray  *to,
             gboolean    forward)
{
  WeftCommand *command;
  gboolean edited = self->edited;
  guint n;

  if (from->len == 0)
    return FALSE;
  command = g_ptr_array_steal_index (from, from->len - 1);
  n = command->ops->len;
  for (guint i = 0; i < n; i++)
    op_apply (self, &g_array_index (command->ops, WeftFabricOp, forward ? i : n - 1 - i),
              forward);
  self->edited = command->edited_before;
  command->edited_before = edited;
  g_ptr_array_add (to, command);
  notify_history (self);
  emit_settled (self);
  return TRUE;
}

gboolean
weft_fabric_undo (WeftFabric *self)
{
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  return replay_last (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
weft_fabric_redo (WeftFabric *self)
{
  g_return_val_if_fail (self->group_depth == 0, FALSE);
  return replay_last (self, self->redo_stack, self->undo_stack, TRUE);
}

void
weft_fabric_clear_history (WeftFabric *self)
{
  g_return_if_fail (self->group_depth == 0);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_history (self);
}

