/* weft-reliability-section.h — the metrics panel's reliability rows: how often a job on every GPU
 * stops, its goodput, the top causes, and what is marked failed. */
#pragma once

#include <adwaita.h>

#include "model/weft-fabric.h"
#include "reliability/weft-reliability.h"

G_BEGIN_DECLS

#define WEFT_TYPE_RELIABILITY_SECTION (weft_reliability_section_get_type ())
G_DECLARE_FINAL_TYPE (WeftReliabilitySection, weft_reliability_section, WEFT,
                      RELIABILITY_SECTION, AdwBin)

/* ::updated (gboolean timed): figures for a new generation of the fabric
 * are on show; the interruption figures first, then (timed) the
 * slowdowns of the losses that do not stop the job. */
GtkWidget             *weft_reliability_section_new            (void);
/* Follows @fabric: each edit is worked out again on a worker thread. */
void                   weft_reliability_section_set_fabric     (WeftReliabilitySection *self,
                                                                WeftFabric             *fabric);
/* The figures on show and the fabric generation they are for (G_MAXUINT64
 * before the first); NULL while none, or when they were refused. */
const WeftReliability *weft_reliability_section_get_figures    (WeftReliabilitySection *self,
                                                                guint64                *generation);
/* Why the figures cannot be given, as the section says it, or NULL. */
const char            *weft_reliability_section_get_error      (WeftReliabilitySection *self);

G_END_DECLS
