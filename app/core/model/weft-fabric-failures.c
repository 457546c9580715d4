/* weft-fabric-failures.c — elements marked failed in a fabric under edit: each failure is an
 * undoable edit that takes the element's links out, remembered until it is restored. */
#include "model/weft-fabric-private.h"

#include "model/weft-failure.h"

static void
failure_free (gpointer data)
{
  WeftFailure *f = data;

  g_free (f->element);
  g_array_unref (f->links);
  g_free (f);
}

/* Whether @f is in effect: its edit applied, and not the restore after it. */
static gboolean
failure_live (WeftFabric        *self,
              const WeftFailure *f)
{
  return weft_fabric_history_live (self, f->serial) &&
         !(f->restored != 0 && weft_fabric_history_live (self, f->restored));
}

/* Drops failures that no undo or redo can bring back. */
static void
prune (WeftFabric *self)
{
  for (guint i = self->failures ? self->failures->len : 0; i > 0; i--)
    {
      const WeftFailure *f = g_ptr_array_index (self->failures, i - 1);

      if (!weft_fabric_history_live (self, f->serial) &&
          !weft_fabric_history_pending (self, f->serial))
        g_ptr_array_remove_index (self->failures, i - 1);
    }
}

GPtrArray *
weft_fabric_list_failures (WeftFabric *self)
{
  GPtrArray *live = g_ptr_array_new ();

  g_return_val_if_fail (WEFT_IS_FABRIC (self), live);

  prune (self);
  for (guint i = 0; self->failures != NULL && i < self->failures->len; i++)
    if (failure_live (self, g_ptr_array_index (self->failures, i)))
      g_ptr_array_add (live, g_ptr_array_index (self->failures, i));
  return live;
}

/* The node @element names, or WEFT_NONE for a link. */
static guint
failed_node (WeftFabric *self,
             const char *element)
{
  return g_str_has_prefix (element, "node:") ? weft_fabric_lookup_node (self, element + 5)
                                              : WEFT_NONE;
}

gboolean
weft_fabric_fail (WeftFabric  *self,
                  const char  *element,
                  GError     **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (guint));
  WeftFailure *f;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  g_return_val_if_fail (element != NULL, FALSE);

  live = weft_fabric_list_failures (self);
  for (guint i = 0; i < live->len; i++)
    if (g_str_equal (((WeftFailure *) g_ptr_array_index (live, i))->element, element))
      {
        g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                     "%s: already failed", element);
        return FALSE;
      }
  /* The same checks and messages as weft_fabric_without, before anything changes. */
  if (!weft_fabric_failed_links (self, element, removed, error))
    return FALSE;
  if (removed->len == 0)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "%s: it has no links left to fail", element);
      return FALSE;
    }

  f = g_new0 (WeftFailure, 1);
  f->element = g_strdup (element);
  f->node = failed_node (self, element);
  f->links = g_array_new (FALSE, FALSE, sizeof (WeftLink));
  label = g_strdup_printf ("Fail %s", element + (g_str_has_prefix (element, "node:") ? 5 : 0));
  weft_fabric_begin_group (self, label);
  weft_links_removal_order (removed);
  for (guint i = 0; i < removed->len; i++)
    {
      guint link = g_array_index (removed, guint, i);

      g_array_append_val (f->links, *weft_fabric_get_link (self, link));
      weft_fabric_remove_link (self, link, NULL);
    }
  weft_fabric_end_group (self);
  f->serial = weft_fabric_get_history_point (self);
  if (self->failures == NULL)
    self->failures = g_ptr_array_new_with_free_func (failure_free);
  g_ptr_array_add (self->failures, f);
  return TRUE;
}

gboolean
weft_fabric_restore_failures (WeftFabric  *self,
                              GError     **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 before, serial;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);

  live = weft_fabric_list_failures (self);
  if (live->len == 0)
    return TRUE;
  before = weft_fabric_get_history_point (self);
  weft_fabric_begin_group (self, "Restore failed elements");
  for (guint i = 0; i < live->len && local_error == NULL; i++)
    {
      const WeftFailure *f = g_ptr_array_index (live, i);

      for (guint k = 0; k < f->links->len && local_error == NULL; k++)
        if (!weft_fabric_add_link (self, &g_array_index (f->links, WeftLink, k), NULL,
                                   &local_error))
          g_prefix_error (&local_error, "%s cannot come back: ", f->element);
    }
  weft_fabric_end_group (self);
  if (local_error != NULL)
    {
      /* Some links went back before one could not: take them out again. */
      if (weft_fabric_get_history_point (self) != before)
        weft_fabric_undo (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  serial = weft_fabric_get_history_point (self);
  for (guint i = 0; i < live->len; i++)
    ((WeftFailure *) g_ptr_array_index (live, i))->restored = serial;
  return TRUE;
}

char **
weft_fabric_dup_failed_elements (WeftFabric *self)
{
  g_autoptr(GPtrArray) live = weft_fabric_list_failures (self);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **elements;

  for (guint i = 0; i < live->len; i++)
    g_strv_builder_add (builder, ((WeftFailure *) g_ptr_array_index (live, i))->element);
  elements = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return elements;
}

void
weft_fabric_failures_finalize (WeftFabric *self)
{
  g_clear_pointer (&self->failures, g_ptr_array_unref);
}
