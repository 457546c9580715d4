/* weft-metrics-panel.h — the live figures of the fabric being edited, each with the change the last
 * edit made. */
#pragma once

#include <adwaita.h>

#include "collectives/weft-collective-engine.h"
#include "gui/weft-job-section.h"
#include "gui/weft-reliability-section.h"
#include "metrics/weft-metrics-engine.h"
#include "model/weft-selection.h"

G_BEGIN_DECLS

#define WEFT_TYPE_METRICS_PANEL (weft_metrics_panel_get_type ())
G_DECLARE_FINAL_TYPE (WeftMetricsPanel, weft_metrics_panel, WEFT, METRICS_PANEL, AdwBin)

GtkWidget  *weft_metrics_panel_new           (void);
/* Follows @engine's figures; a click on a problem selects its culprit in @selection. */
void        weft_metrics_panel_set_engine    (WeftMetricsPanel  *self,
                                              WeftMetricsEngine *engine,
                                              WeftSelection     *selection);
/* Follows @engine's all-reduce and training-step figures, for the same fabric. */
void        weft_metrics_panel_set_collectives (WeftMetricsPanel     *self,
                                                WeftCollectiveEngine *engine);
/* The training job's section under the figures. */
WeftJobSection *weft_metrics_panel_get_job_section (WeftMetricsPanel *self);
WeftReliabilitySection *weft_metrics_panel_get_reliability_section (WeftMetricsPanel *self);
/* What a row shows, by key ("cost", "latency", "bisection", ...), for tests. */
const char *weft_metrics_panel_get_value     (WeftMetricsPanel  *self,
                                              const char        *key);
/* The lines @key's value is laid out in on screen, NULL-terminated. */
char      **weft_metrics_panel_get_value_lines (WeftMetricsPanel *self,
                                                const char       *key);
const char *weft_metrics_panel_get_delta     (WeftMetricsPanel  *self,
                                              const char        *key);
guint       weft_metrics_panel_get_n_problems (WeftMetricsPanel *self);
/* The fabric generations the totals, the hop and latency figures and
 * bisection on show are for — what the user reads, for measuring. */
void        weft_metrics_panel_get_shown_generations (WeftMetricsPanel *self,
                                                      guint64          *totals,
                                                      guint64          *hops,
                                                      guint64          *bisection);

/* The fabric generation of the collective figures on show, or
 * G_MAXUINT64 before the first. */
guint64     weft_metrics_panel_get_shown_collective_generation (WeftMetricsPanel *self);

G_END_DECLS
