/* weft-degraded.c — what the losses that do not interrupt cost: the training step timed with
 * one element of each degrading class lost. */
#include "reliability/weft-reliability.h"

#include <string.h>

#include "model/weft-failure.h"

/* @fabric with @d's example lost: the whole node or link, or one of the link's parallel links. */
static WeftFabric *
without_example (WeftFabric            *fabric,
                 const WeftDegradation *d,
                 GError               **error)
{
  const char *elements[] = { d->example, NULL };
  g_autoptr(WeftFabric) lost = NULL;
  guint link;

  if (!d->strand)
    return weft_fabric_without (fabric, elements, error);
  link = (guint) g_ascii_strtoull (d->example + strlen ("link:"), NULL, 10);
  lost = weft_fabric_copy (fabric);
  if (!weft_fabric_set_link_count (lost, link, weft_fabric_get_link (fabric, link)->count - 1,
                                   error))
    return NULL;
  return g_steal_pointer (&lost);
}

static int
compare_slowdown (gconstpointer a,
                  gconstpointer b)
{
  const WeftDegradation *x = *(WeftDegradation * const *) a, *y = *(WeftDegradation * const *) b;

  return x->slowdown < y->slowdown ? 1 : x->slowdown > y->slowdown ? -1 : 0;
}

gboolean
weft_reliability_time_degraded (WeftReliability  *reliability,
                                WeftFabric       *fabric,
                                const WeftJob    *job,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_auto(WeftStepTime) intact = { 0 };

  g_return_val_if_fail (reliability != NULL, FALSE);
  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), FALSE);

  if (!weft_training_step (fabric, job, &intact, cancellable, error))
    return FALSE;
  for (guint i = 0; i < reliability->degrading->len; i++)
    {
      WeftDegradation *d = reliability->degrading->pdata[i];
      g_autoptr(WeftFabric) lost = without_example (fabric, d, error);
      g_auto(WeftStepTime) step = { 0 };
      g_autoptr(GError) local_error = NULL;

      if (lost == NULL)
        return FALSE;
      /* A loss that does not interrupt leaves every group able to run. */
      if (!weft_training_step (lost, job, &step, cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "%s, which should only slow the job: ", d->example);
          return FALSE;
        }
      d->slowdown = step.step_s / intact.step_s - 1;
    }
  g_ptr_array_sort (reliability->degrading, compare_slowdown);
  return TRUE;
}
