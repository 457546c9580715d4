/* weft-fabric-edit.c — the edit API: validated changes recorded as undoable commands. */
#include "model/weft-fabric-private.h"

#include <string.h>

#include "model/weft-validate.h"
#include "util/weft-key-index.h"

/* Whether the fabric has a @what (link, node, rack) @index, given that it has @n. */
static gboolean
check_index (const char  *what,
             guint        index,
             guint        n,
             GError     **error)
{
  if (index < n)
    return TRUE;
  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
               "there is no %s %u (the fabric has %u)", what, index, n);
  return FALSE;
}

static gboolean
check_link_index (WeftFabric  *self,
                  guint        link,
                  GError     **error)
{
  return check_index ("link", link, self->links->len, error);
}

static gboolean
check_node_index (WeftFabric  *self,
                  guint        node,
                  GError     **error)
{
  return check_index ("node", node, self->nodes->len, error);
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
  WeftFabricOp op = { OP_LINK_SET, index };

  if (!weft_fabric_check_link (self, link, index, error))
    return FALSE;
  op.old_link = g_array_index (self->links, WeftLink, index);
  op.new_link = *link;
  if (memcmp (&op.old_link, &op.new_link, sizeof (WeftLink)) != 0)
    weft_fabric_record (self, label, &op);
  return TRUE;
}

gboolean
weft_fabric_add_link (WeftFabric      *self,
                      const WeftLink  *link,
                      guint           *index,
                      GError         **error)
{
  WeftFabricOp op = { OP_LINK_INSERT };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);

  op.new_link = *link;
  if (link->a < self->nodes->len && link->b < self->nodes->len)
    place_link (self, &op.new_link);
  if (!weft_fabric_check_link (self, &op.new_link, WEFT_NONE, error))
    return FALSE;
  op.index = self->links->len;
  weft_fabric_record (self, "Add Link", &op);
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
      WeftNodeKind la = weft_fabric_get_node (self, l->a)->kind,
                   lb = weft_fabric_get_node (self, l->b)->kind;
      WeftNodeKind ka = weft_fabric_get_node (self, a)->kind,
                   kb = weft_fabric_get_node (self, b)->kind;

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
  WeftFabricOp op = { OP_LINK_REMOVE };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_link_index (self, link, error))
    return FALSE;
  op.index = link;
  op.old_link = g_array_index (self->links, WeftLink, link);
  weft_fabric_record (self, "Remove Link", &op);
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
  WeftFabricOp op = { OP_NODE_SET };

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  if (!check_node_index (self, node, error) ||
      !check_index ("rack", rack, self->racks->len, error))
    return FALSE;
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
  weft_fabric_record (self, label, &op);
  for (guint i = 0; i < n_incident; i++)
    {
      WeftFabricOp link_op = { OP_LINK_SET, incident[i] };

      link_op.old_link = g_array_index (self->links, WeftLink, incident[i]);
      link_op.new_link = moved[i];
      if (link_op.old_link.length_m != link_op.new_link.length_m)
        weft_fabric_record (self, label, &link_op);
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
                                      : (float) weft_fabric_node_distance (
                                            self, &moved, weft_fabric_get_node (self, other));

      h = weft_key_fold (h, weft_key_double (length));
    }
  return weft_key_mix (h);
}

/* Link @link as it is, to change and pass to replace_link; FALSE when there is none. */
static gboolean
copy_link (WeftFabric  *self,
           guint        link,
           WeftLink    *copy,
           GError     **error)
{
  if (!check_link_index (self, link, error))
    return FALSE;
  *copy = g_array_index (self->links, WeftLink, link);
  return TRUE;
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
  if (!copy_link (self, link, &new_link, error))
    return FALSE;
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
  if (!copy_link (self, link, &new_link, error))
    return FALSE;
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
  if (!copy_link (self, link, &new_link, error))
    return FALSE;
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
  if (!copy_link (self, link, &new_link, error))
    return FALSE;
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
  WeftFabricOp op = { OP_NODE_SET };

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
    weft_fabric_record (self, "Change Part", &op);
  return TRUE;
}

void
weft_fabric_replace (WeftFabric *self,
                     WeftFabric *source,
                     const char *label)
{
  WeftFabricOp op = { OP_REPLACE };

  g_return_if_fail (WEFT_IS_FABRIC (self));
  g_return_if_fail (WEFT_IS_FABRIC (source) && source != self);

  op.other = g_object_ref (source);
  weft_fabric_record (self, label ? label : "Replace Fabric", &op);
}
