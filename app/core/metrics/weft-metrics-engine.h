/* weft-metrics-engine.h — live metrics for an edited fabric: cheap sums at once, the rest on a
 * worker thread. */
#pragma once

#include "metrics/weft-metrics.h"

G_BEGIN_DECLS

#define WEFT_TYPE_METRICS_ENGINE (weft_metrics_engine_get_type ())
G_DECLARE_FINAL_TYPE (WeftMetricsEngine, weft_metrics_engine, WEFT, METRICS_ENGINE, GObject)

/* Follows @fabric's edits. The totals (cost, power, media counts) are up
 * to date as soon as an edit returns, and ::totals-changed fires after
 * each (moving a switch is a hundred edits: a listener that shows them
 * waits for its next frame). ::updated fires when figures become current
 * for the fabric as it is now: when the worker has finished a stage —
 * hops and latency first, then bisection — or at once when an edit could
 * not change them (a node moved within its rack, a link's length for
 * bisection). Results for a fabric that has since changed in what they
 * depend on are dropped, never shown. */
WeftMetricsEngine    *weft_metrics_engine_new          (WeftFabric        *fabric);
WeftFabric           *weft_metrics_engine_get_fabric   (WeftMetricsEngine *self);
const WeftCostTotals *weft_metrics_engine_get_totals   (WeftMetricsEngine *self);
/* The figures of the latest stages, merged, or NULL before the first;
 * some may be older than the fabric while #WeftMetricsEngine:busy is TRUE
 * (weft_metrics_engine_get_current() tells which are not). */
const WeftMetrics    *weft_metrics_engine_get_metrics  (WeftMetricsEngine *self);
/* The fabric generation both stages were computed for, or G_MAXUINT64
 * before both have run or while they differ. */
guint64               weft_metrics_engine_get_metrics_generation (WeftMetricsEngine *self);
/* Which figures are for the fabric as it is now: WEFT_METRICS_HOPS
 * (hops and latency), WEFT_METRICS_BISECTION, both or neither. */
WeftMetricsFlags      weft_metrics_engine_get_current  (WeftMetricsEngine *self);
/* The latest fabric generation the totals (@stage 0), hops and latency
 * (WEFT_METRICS_HOPS) or bisection (WEFT_METRICS_BISECTION) hold for, or
 * G_MAXUINT64 before they first do — for measuring how far behind the
 * fabric each figure runs. */
guint64               weft_metrics_engine_get_generation_of (WeftMetricsEngine *self,
                                                            WeftMetricsFlags   stage);
gboolean              weft_metrics_engine_get_busy     (WeftMetricsEngine *self);
/* A fabric the user is likely to make next — this one with the switch
 * being dragged in the rack the pointer is heading for. Its hops and
 * latency are worked out while the worker would idle; if an edit then
 * makes the fabric the same in all they depend on, they are current at
 * once. Takes @prospect; a newer one replaces it. */
void                  weft_metrics_engine_foresee      (WeftMetricsEngine *self,
                                                        WeftFabric        *prospect);
/* Whether a prospect waits for the worker or is being worked out. */
gboolean              weft_metrics_engine_get_looking_ahead (WeftMetricsEngine *self);
double                weft_metrics_engine_get_progress (WeftMetricsEngine *self);

G_END_DECLS
