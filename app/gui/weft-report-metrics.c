/* weft-report-metrics.c — the report pages' figures, computed off the main thread on a snapshot. */
#include "gui/weft-report-metrics.h"

#define REPORT_METRICS (WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION | WEFT_METRICS_BILL)

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  WeftMetrics *metrics =
      weft_metrics_compute (task_data, REPORT_METRICS, cancellable, NULL, NULL, &error);

  if (metrics == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, metrics, (GDestroyNotify) weft_metrics_free);
}

void
weft_report_metrics_compute_async (gpointer            source_object,
                                   WeftFabric         *fabric,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_task_data (task, weft_fabric_dup_snapshot (fabric), g_object_unref);
  g_task_run_in_thread (task, compute_thread);
}

WeftMetrics *
weft_report_metrics_compute_finish (GAsyncResult *result,
                                    WeftFabric  **fabric,
                                    GError      **error)
{
  WeftMetrics *metrics = g_task_propagate_pointer (G_TASK (result), error);

  if (metrics != NULL)
    *fabric = g_object_ref (g_task_get_task_data (G_TASK (result)));
  return metrics;
}
