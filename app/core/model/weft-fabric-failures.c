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

/* Whether @element can fail now; its links into @links. */
static gboolean
check_element (WeftFabric  *self,
               GPtrArray   *live,
               const char  *element,
               GArray      *links,
               GError     **error)
{
  guint before = links->len;

  for (guint i = 0; i < live->len; i++)
    if (g_str_equal (((WeftFailure *) g_ptr_array_index (live, i))->element, element))
      {
        g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                     "%s: already failed", element);
        return FALSE;
      }
  /* The same checks and messages as weft_fabric_without. */
  if (!weft_fabric_failed_links (self, element, links, error))
    return FALSE;
  if (links->len == before)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "%s: it has no links left to fail", element);
      return FALSE;
    }
  return TRUE;
}

gboolean
weft_fabric_fail_all (WeftFabric         *self,
                      const char * const *elements,
                      GError            **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) owner = g_hash_table_new (NULL, NULL);
  g_autofree char *label = NULL;
  guint n = 0;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  g_return_val_if_fail (elements != NULL && elements[0] != NULL, FALSE);
  /* A failure is its own edit: it knows its number when it ends. */
  g_return_val_if_fail (self->group_depth == 0, FALSE);

  /* Every element is checked before anything changes. */
  live = weft_fabric_list_failures (self);
  for (; elements[n] != NULL; n++)
    {
      g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
      WeftFailure *f;

      if (!check_element (self, live, elements[n], links, error))
        {
          g_ptr_array_set_free_func (made, failure_free);
          return FALSE;
        }
      f = g_new0 (WeftFailure, 1);
      f->element = g_strdup (elements[n]);
      f->node = g_str_has_prefix (elements[n], "node:")
                ? weft_fabric_lookup_node (self, elements[n] + 5) : WEFT_NONE;
      f->links = g_array_new (FALSE, FALSE, sizeof (WeftLink));
      g_ptr_array_add (made, f);
      /* A link two elements share belongs to the first. */
      for (guint k = 0; k < links->len; k++)
        {
          guint link = g_array_index (links, guint, k);

          if (!g_hash_table_contains (owner, GUINT_TO_POINTER (link + 1)))
            {
              g_hash_table_insert (owner, GUINT_TO_POINTER (link + 1), f);
              g_array_append_val (all, link);
            }
        }
    }

  label = n == 1 ? g_strdup_printf ("Fail %s", elements[0] + (g_str_has_prefix (elements[0],
                                                                               "node:") ? 5 : 0))
                 : g_strdup_printf ("Fail %u elements", n);
  weft_links_removal_order (all);
  weft_fabric_begin_group (self, label);
  for (guint i = 0; i < all->len; i++)
    {
      guint link = g_array_index (all, guint, i);
      WeftFailure *f = g_hash_table_lookup (owner, GUINT_TO_POINTER (link + 1));

      g_array_append_val (f->links, *weft_fabric_get_link (self, link));
      weft_fabric_remove_link (self, link, NULL);
    }
  /* In effect from the edit's own number, before it settles: what listens
   * to "settled" sees the failures with the fabric they made. */
  if (self->failures == NULL)
    self->failures = g_ptr_array_new_with_free_func (failure_free);
  for (guint i = 0; i < made->len; i++)
    {
      WeftFailure *f = g_ptr_array_index (made, i);

      f->serial = self->next_serial + 1;
      g_ptr_array_add (self->failures, f);
    }
  weft_fabric_end_group (self);
  return TRUE;
}

gboolean
weft_fabric_fail (WeftFabric  *self,
                  const char  *element,
                  GError     **error)
{
  const char *elements[] = { element, NULL };

  g_return_val_if_fail (element != NULL, FALSE);
  return weft_fabric_fail_all (self, elements, error);
}

gboolean
weft_fabric_restore_failures (WeftFabric  *self,
                              GError     **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 before, serial;

  g_return_val_if_fail (WEFT_IS_FABRIC (self), FALSE);
  g_return_val_if_fail (self->group_depth == 0, FALSE);

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
  serial = self->next_serial + 1;
  for (guint i = 0; i < live->len && local_error == NULL; i++)
    ((WeftFailure *) g_ptr_array_index (live, i))->restored = serial;
  weft_fabric_end_group (self);
  if (local_error != NULL)
    {
      /* Some links went back before one could not: take them out again. */
      if (weft_fabric_get_history_point (self) != before)
        weft_fabric_undo (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
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
