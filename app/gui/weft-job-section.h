/* weft-job-section.h — the training job the metrics panel times: model, TP, PP, DP and EP, or the
 * fabric's default. */
#pragma once

#include <adwaita.h>

#include "collectives/weft-collective-engine.h"

G_BEGIN_DECLS

#define WEFT_TYPE_JOB_SECTION (weft_job_section_get_type ())
G_DECLARE_FINAL_TYPE (WeftJobSection, weft_job_section, WEFT, JOB_SECTION, AdwBin)

/* ::requested: a job was given to the engine, whose step has not come yet.
 * ::changed: what the section shows changed (the job, its refusal, the
 * expander), for the window's test state. */
GtkWidget     *weft_job_section_new              (void);
/* Shows the job @engine times for @fabric, and gives it the job chosen here. */
void           weft_job_section_set_engine       (WeftJobSection       *self,
                                                  WeftCollectiveEngine *engine,
                                                  WeftFabric           *fabric);
/* Whether the step on show is for another job than the one asked for. */
gboolean       weft_job_section_get_pending      (WeftJobSection       *self);
/* Why the job does not fit, as the section shows it, or NULL. */
const char    *weft_job_section_get_error        (WeftJobSection       *self);
/* The job as the section shows it, and whether it is the fabric's default. */
const WeftJob *weft_job_section_get_job          (WeftJobSection       *self);
gboolean       weft_job_section_get_uses_default (WeftJobSection       *self);
gboolean       weft_job_section_get_expanded     (WeftJobSection       *self);

G_END_DECLS
