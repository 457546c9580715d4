/* weft-collective-engine.h — live collective and training-step figures for an edited fabric, worked
 * out on a worker thread. */
#pragma once

#include "collectives/weft-collective.h"
#include "collectives/weft-training.h"

G_BEGIN_DECLS

#define WEFT_TYPE_COLLECTIVE_ENGINE (weft_collective_engine_get_type ())
G_DECLARE_FINAL_TYPE (WeftCollectiveEngine, weft_collective_engine, WEFT, COLLECTIVE_ENGINE,
                      GObject)

/* The figures of one fabric generation. */
typedef struct
{
  guint64             generation;
  char *error; /* why nothing could be timed (a disconnected fabric), or NULL */
  WeftCollectiveOp    op;               /* the collective shown on the links */
  WeftCollectiveAlgo  algorithm;        /* the one auto picked */
  double              size_bytes;
  double              time_s;
  double              busbw_GBps;
  double              allreduce_busbw_GBps;   /* 1 GiB over every GPU, the panel's figure */
  WeftCollectiveAlgo  allreduce_algorithm;    /* the one auto picked for it */
  gboolean            has_step;
  WeftStepTime        step;
  char               *step_error;       /* why the job does not fit, when it does not */
  guint               n_links;
  float *link_share; /* per link, the busier direction's seconds ÷ transfer: 1 on the bottleneck */
} WeftCollectiveFigures;

void weft_collective_figures_free (WeftCollectiveFigures *figures);

/* What the engine works out for one fabric generation, on the calling
 * thread: @op of @size_bytes over every GPU (the loads on the links), the
 * all-reduce of 1 GiB, and @job's step; with @default_job, @job becomes the
 * default job for @fabric's size first. A fabric or a job that cannot be
 * timed is a figure that says why; NULL (with @error) only when cancelled
 * or when a fabric that runs @op cannot run the all-reduce. */
WeftCollectiveFigures *weft_collective_figures_compute (WeftFabric       *fabric,
                                                        WeftCollectiveOp  op,
                                                        double            size_bytes,
                                                        WeftJob          *job,
                                                        gboolean          default_job,
                                                        GCancellable     *cancellable,
                                                        GError          **error);

/* Follows @fabric: after it settles, the all-reduce of 1 GiB over every
 * GPU, the collective on the links and the job's step are worked out on a
 * copy; ::updated fires when figures for the fabric as it is arrive. */
WeftCollectiveEngine        *weft_collective_engine_new          (WeftFabric           *fabric);
/* The latest figures, or NULL before the first; stale while busy. */
const WeftCollectiveFigures *weft_collective_engine_get_figures  (WeftCollectiveEngine *self);
/* Whether the figures are for the fabric as it is now, and for the job set last. */
gboolean                     weft_collective_engine_is_current   (WeftCollectiveEngine *self);
gboolean                     weft_collective_engine_get_busy     (WeftCollectiveEngine *self);
/* The job to time: NULL returns to the default job for the fabric's size.
 * Copied; the same job again changes nothing. */
void                         weft_collective_engine_set_job      (WeftCollectiveEngine *self,
                                                                  const WeftJob        *job);
/* The job timed last (the default one when none was set), or NULL before the first run. */
const WeftJob               *weft_collective_engine_get_job      (WeftCollectiveEngine *self);
/* The collective whose loads colour the links (all-reduce of 1 GiB by default). */
void weft_collective_engine_set_collective (WeftCollectiveEngine *self, WeftCollectiveOp op,
                                            double size_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftCollectiveFigures, weft_collective_figures_free)

G_END_DECLS
