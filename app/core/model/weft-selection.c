/* weft-selection.c — a selection of nodes and links that follows the fabric's edits. */
#include "model/weft-selection.h"

struct _WeftSelection
{
  GObject     parent_instance;

  WeftFabric *fabric;
  GArray     *nodes;    /* guint, sorted */
  GArray     *links;    /* guint, sorted */
};

G_DEFINE_FINAL_TYPE (WeftSelection, weft_selection, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
find (GArray *array,
      guint   value,
      guint  *position)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint at = g_array_index (array, guint, mid);

      if (at == value)
        {
          *position = mid;
          return TRUE;
        }
      if (at < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  *position = lo;
  return FALSE;
}

static gboolean
insert (GArray *array,
        guint   value)
{
  guint position;

  if (find (array, value, &position))
    return FALSE;
  g_array_insert_val (array, position, value);
  return TRUE;
}

static gboolean
remove_value (GArray *array,
              guint   value)
{
  guint position;

  if (!find (array, value, &position))
    return FALSE;
  g_array_remove_index (array, position);
  return TRUE;
}

static void
emit_changed (WeftSelection *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Links move when others are removed or put back: follow them. */
static void
fabric_changed_cb (WeftSelection    *self,
                   const WeftChange *change)
{
  gboolean changed = FALSE;

  switch (change->kind)
    {
    case WEFT_CHANGE_LINK_REMOVED:
      changed = remove_value (self->links, change->index);
      if (change->relocated != WEFT_NONE && remove_value (self->links, change->relocated))
        changed |= insert (self->links, change->index);
      break;

    case WEFT_CHANGE_LINK_ADDED:
      if (change->relocated != WEFT_NONE && remove_value (self->links, change->index))
        changed |= insert (self->links, change->relocated);
      break;

    case WEFT_CHANGE_RESET:
      changed = self->nodes->len > 0 || self->links->len > 0;
      g_array_set_size (self->nodes, 0);
      g_array_set_size (self->links, 0);
      break;

    case WEFT_CHANGE_LINK_CHANGED:
    case WEFT_CHANGE_NODE_CHANGED:
    default:
      break;
    }

  if (changed)
    emit_changed (self);
}

static void
weft_selection_dispose (GObject *object)
{
  WeftSelection *self = WEFT_SELECTION (object);

  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_clear_object (&self->fabric);

  G_OBJECT_CLASS (weft_selection_parent_class)->dispose (object);
}

static void
weft_selection_finalize (GObject *object)
{
  WeftSelection *self = WEFT_SELECTION (object);

  g_array_unref (self->nodes);
  g_array_unref (self->links);

  G_OBJECT_CLASS (weft_selection_parent_class)->finalize (object);
}

static void
weft_selection_class_init (WeftSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_selection_dispose;
  object_class->finalize = weft_selection_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
weft_selection_init (WeftSelection *self)
{
  self->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->links = g_array_new (FALSE, FALSE, sizeof (guint));
}

WeftSelection *
weft_selection_new (WeftFabric *fabric)
{
  WeftSelection *self;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);

  self = g_object_new (WEFT_TYPE_SELECTION, NULL);
  self->fabric = g_object_ref (fabric);
  g_signal_connect_object (fabric, "changed", G_CALLBACK (fabric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

WeftFabric *
weft_selection_get_fabric (WeftSelection *self)
{
  g_return_val_if_fail (WEFT_IS_SELECTION (self), NULL);
  return self->fabric;
}

void
weft_selection_clear (WeftSelection *self)
{
  g_return_if_fail (WEFT_IS_SELECTION (self));

  if (self->nodes->len == 0 && self->links->len == 0)
    return;
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->links, 0);
  emit_changed (self);
}

void
weft_selection_set_node (WeftSelection *self,
                         guint          node)
{
  g_return_if_fail (WEFT_IS_SELECTION (self));
  g_return_if_fail (node < weft_fabric_get_n_nodes (self->fabric));

  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->links, 0);
  g_array_append_val (self->nodes, node);
  emit_changed (self);
}

void
weft_selection_set_link (WeftSelection *self,
                         guint          link)
{
  g_return_if_fail (WEFT_IS_SELECTION (self));
  g_return_if_fail (link < weft_fabric_get_n_links (self->fabric));

  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->links, 0);
  g_array_append_val (self->links, link);
  emit_changed (self);
}

void
weft_selection_toggle_node (WeftSelection *self,
                            guint          node)
{
  g_return_if_fail (WEFT_IS_SELECTION (self));
  g_return_if_fail (node < weft_fabric_get_n_nodes (self->fabric));

  if (!remove_value (self->nodes, node))
    insert (self->nodes, node);
  emit_changed (self);
}

void
weft_selection_toggle_link (WeftSelection *self,
                            guint          link)
{
  g_return_if_fail (WEFT_IS_SELECTION (self));
  g_return_if_fail (link < weft_fabric_get_n_links (self->fabric));

  if (!remove_value (self->links, link))
    insert (self->links, link);
  emit_changed (self);
}

void
weft_selection_add (WeftSelection *self,
                    const guint   *nodes,
                    guint          n_nodes,
                    const guint   *links,
                    guint          n_links)
{
  gboolean changed = FALSE;

  g_return_if_fail (WEFT_IS_SELECTION (self));

  for (guint i = 0; i < n_nodes; i++)
    if (nodes[i] < weft_fabric_get_n_nodes (self->fabric))
      changed |= insert (self->nodes, nodes[i]);
  for (guint i = 0; i < n_links; i++)
    if (links[i] < weft_fabric_get_n_links (self->fabric))
      changed |= insert (self->links, links[i]);
  if (changed)
    emit_changed (self);
}

gboolean
weft_selection_has_node (WeftSelection *self,
                         guint          node)
{
  guint position;

  return find (self->nodes, node, &position);
}

gboolean
weft_selection_has_link (WeftSelection *self,
                         guint          link)
{
  guint position;

  return find (self->links, link, &position);
}

const guint *
weft_selection_get_nodes (WeftSelection *self,
                          guint         *n_nodes)
{
  *n_nodes = self->nodes->len;
  return (const guint *) self->nodes->data;
}

const guint *
weft_selection_get_links (WeftSelection *self,
                          guint         *n_links)
{
  *n_links = self->links->len;
  return (const guint *) self->links->data;
}

gboolean
weft_selection_is_empty (WeftSelection *self)
{
  return self->nodes->len == 0 && self->links->len == 0;
}
