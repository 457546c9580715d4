/* weft-training.h — a training step on this fabric: compute, and each parallelism's collectives
 * timed on the groups its mapping makes. */
#pragma once

#include <gio/gio.h>

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* A model's shape (data/training/models.json holds sourced presets). */
typedef struct
{
  char   *id;
  char   *name;
  double  parameters;
  double  active_parameters;   /* per token: all of them, or the experts a token uses */
  guint   layers;
  guint   hidden;
  guint   sequence;
  guint   experts;             /* 0 for a dense model */
  guint   top_k;
  char   *source;
} WeftModel;

typedef struct
{
  WeftModel model;
  guint     tp;                /* tensor parallel: inside a scale-up domain by default */
  guint     pp;                /* pipeline stages */
  guint     dp;                /* data parallel */
  guint     ep;                /* expert parallel, within DP; 1 for a dense model */
  guint     global_batch;      /* sequences per step */
  guint     micro_batch;       /* sequences per micro-batch */
  guint     bytes_per_value;   /* 2 for BF16 */
  double    mfu;               /* model-FLOPs efficiency, (0, 1] */
  double    overlap;           /* share of DP communication hidden behind the backward pass */
  gboolean recompute; /* full activation recompute: 8 instead of 6 FLOPs per parameter and token */
  gboolean  sharded;           /* DP by reduce-scatter and all-gather instead of all-reduce */
  double    peak_flops;        /* per GPU, dense BF16; 0: the fabric's accelerator's */
} WeftJob;

typedef struct
{
  guint  gpus;
  double compute_s;
  double tp_s;
  double pp_s;
  double dp_s;
  double ep_s;
  double exposed_s;            /* TP + PP + EP + (1 − overlap) × DP */
  double step_s;               /* compute + exposed */
  double tokens_per_s;
  double network_share;        /* exposed ÷ step */
  double peak_flops;           /* what compute was timed with */
  char  *accelerator;          /* its name */
} WeftStepTime;

void      weft_model_clear          (WeftModel          *model);
void      weft_job_clear            (WeftJob            *job);
/* @to becomes a copy of @from (its strings too); @to is cleared first. */
void      weft_job_copy             (WeftJob            *to,
                                     const WeftJob      *from);
/* Whether two jobs would time the same. */
gboolean  weft_job_equal            (const WeftJob      *a,
                                     const WeftJob      *b);
void      weft_step_time_clear      (WeftStepTime       *step);

/* The preset @id ("gpt3-175b", "llama3-70b", "llama3-405b", "mixtral-8x7b"). */
gboolean  weft_model_preset         (const char         *id,
                                     WeftModel          *model,
                                     GError            **error);
/* The presets' ids, NULL-terminated. */
char    **weft_model_list_presets   (void);

/* The default job for @fabric's size: Llama 3 70B, TP over a scale-up
 * domain (8 at most), 4 pipeline stages where they divide, DP the rest;
 * the batch, precision and efficiencies of data/training/models.json. */
gboolean  weft_job_default          (WeftFabric         *fabric,
                                     WeftJob            *job,
                                     GError            **error);

/* Times one step of @job on @fabric. Refuses a parallelism that does not
 * fit, saying which parameter and what would. */
gboolean  weft_training_step        (WeftFabric         *fabric,
                                     const WeftJob      *job,
                                     WeftStepTime       *step,
                                     GCancellable       *cancellable,
                                     GError            **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftModel, weft_model_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftJob, weft_job_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftStepTime, weft_step_time_clear)

G_END_DECLS
