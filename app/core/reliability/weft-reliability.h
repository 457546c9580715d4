/* weft-reliability.h — how often a fabric stops a job that uses all its GPUs, what that costs,
 * and what the losses that do not stop it cost the training step. */
#pragma once

#include <gio/gio.h>

#include "collectives/weft-training.h"
#include "io/weft-json-writer.h"
#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_RELIABILITY_ERROR (weft_reliability_error_quark ())

typedef enum
{
  WEFT_RELIABILITY_ERROR_INVALID,   /* a checkpoint or price the figures cannot use */
} WeftReliabilityError;

/* Which single losses interrupt the job, per node and per link record.
 *
 * A GPU interrupts. A switch or a link interrupts when, without it, two
 * GPUs that reached each other through switches alone — never relayed by
 * a third GPU — no longer do, judged within the link's class: the
 * scale-up and scale-out networks never join, and a collective does not
 * move from one to the other mid-job. So a single-homed NIC link
 * interrupts even where NVLink and a neighbour's NIC could carry the
 * traffic, a dual-homed one does not, and a spine of a Clos does not. A
 * link record of several parallel links fails one link at a time, which
 * never interrupts: its entry is FALSE. */
typedef struct
{
  guint   n_nodes;
  guint   n_links;
  guint8 *node;
  guint8 *link;
} WeftInterrupting;

WeftInterrupting *weft_interrupting_find  (WeftFabric        *fabric);
void              weft_interrupting_free  (WeftInterrupting  *interrupting);

/* What a job's checkpoints take and what its GPU-hours cost. */
typedef struct
{
  double checkpoint_write_s;
  double restart_s;
  double gpu_hour_usd;
} WeftCheckpointing;

/* The catalog's defaults for @fabric. */
void              weft_checkpointing_default (WeftFabric         *fabric,
                                              WeftCheckpointing  *checkpointing);

/* Young/Daly: the compute time between checkpoints, √(2 · write · MTTI). */
double            weft_young_daly_interval   (double              write_s,
                                              double              mtti_s);
/* The share of wall time spent on steps that are kept, checkpointing
 * every @interval_s: (1 − (restart + (interval + write) ÷ 2) ÷ MTTI) ×
 * interval ÷ (interval + write), and 0 when failures leave nothing. */
double            weft_goodput               (double              interval_s,
                                              double              write_s,
                                              double              restart_s,
                                              double              mtti_s);

typedef struct
{
  const char *cause;        /* one of weft_failure_causes () */
  guint64     elements;     /* the interrupting elements it names */
  double      per_day;      /* elements × the cause's rate */
} WeftCauseRate;

/* A class of elements whose loss degrades the job: the switches of one
 * kind, or the links of one tier and medium, one link at a time. */
typedef struct
{
  char    *what;            /* "spine", "leaf-spine dsp link" */
  const char *cause;        /* the rate it takes: "spine", "dsp" */
  guint64  elements;
  double   per_day;
  char    *example;         /* the one timed: "node:spine-0", "link:12" */
  gboolean strand;          /* one of the example record's parallel links */
  double   slowdown;        /* step with @example lost ÷ intact − 1; NAN until timed */
} WeftDegradation;

typedef struct
{
  guint             gpus;
  WeftCheckpointing checkpointing;
  double            interruptions_per_day;
  double            mtti_hours;
  double            checkpoint_interval_s;
  double            goodput;
  double            lost_gpu_hours_per_month;   /* a month is 30 days */
  double            lost_usd_per_month;
  GArray           *by_cause;    /* WeftCauseRate, most frequent first; those that happen */
  GPtrArray        *degrading;                  /* WeftDegradation; worst first once timed */
  guint64           interrupting_elements;
  guint64           degrading_elements;
} WeftReliability;

/* Above this many GPUs, timing each degrading class takes seconds: the
 * CLI and the window leave the slowdowns out. */
#define WEFT_RELIABILITY_TIMED_MAX_GPUS 16384

GQuark            weft_reliability_error_quark (void);

/* The interruption figures of @fabric for a job on all its GPUs, with
 * @checkpointing (NULL: the catalog's defaults). Refuses a checkpoint
 * that takes longer than the MTTI, or a job that cannot run. */
WeftReliability  *weft_reliability_compute   (WeftFabric               *fabric,
                                              const WeftCheckpointing  *checkpointing,
                                              GError                  **error);
/* Times @job's step with each degrading class's example lost, and sorts
 * the classes worst first. */
gboolean          weft_reliability_time_degraded (WeftReliability  *reliability,
                                                  WeftFabric       *fabric,
                                                  const WeftJob    *job,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
void              weft_reliability_free      (WeftReliability    *reliability);

/* "reliability": {...}, a member of the object @writer is in. */
void              weft_reliability_write_json (const WeftReliability *reliability,
                                               WeftJsonWriter        *writer);
/* The figures as lines of text, for the terminal. */
char             *weft_reliability_to_text   (const WeftReliability *reliability);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftInterrupting, weft_interrupting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftReliability, weft_reliability_free)

G_END_DECLS
