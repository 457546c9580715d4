/* weft-report-metrics.h — the figures the report pages show (metrics and the bill), computed on a
 * worker thread. */
#pragma once

#include <gio/gio.h>

#include "metrics/weft-metrics.h"

G_BEGIN_DECLS

/* Hops, latency, bisection, cost and the bill of materials of @fabric as it
 * is now, on a snapshot, as weft-cli export --report computes them. */
void         weft_report_metrics_compute_async  (gpointer             source_object,
                                                 WeftFabric          *fabric,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The figures, and in *@fabric the snapshot they are for (never edit it). */
WeftMetrics *weft_report_metrics_compute_finish (GAsyncResult        *result,
                                                 WeftFabric         **fabric,
                                                 GError             **error);

G_END_DECLS
