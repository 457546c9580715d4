/* weft-collective.h — how long a collective takes on this fabric: steps of flows, ECMP-spread link
 * loads, algBw and busBw. */
#pragma once

#include <gio/gio.h>

#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_COLLECTIVE_ERROR (weft_collective_error_quark ())

typedef enum
{
  WEFT_COLLECTIVE_ERROR_INVALID,       /* a group, size or algorithm that cannot be */
  WEFT_COLLECTIVE_ERROR_UNREACHABLE,   /* two GPUs of the group cannot reach each other */
} WeftCollectiveError;

typedef enum
{
  WEFT_OP_ALL_REDUCE,
  WEFT_OP_REDUCE_SCATTER,
  WEFT_OP_ALL_GATHER,
  WEFT_OP_ALL_TO_ALL,
  WEFT_OP_BROADCAST,
  WEFT_OP_SEND_RECV,        /* the group's i-th GPU to the peers' i-th (pipeline stages) */
  WEFT_N_OPS
} WeftCollectiveOp;

typedef enum
{
  WEFT_ALGO_AUTO, /* the fastest that applies, as NCCL's tuner picks */
  WEFT_ALGO_RING,
  WEFT_ALGO_HIERARCHICAL, /* inside each scale-up domain, across domains on each rail, inside again
                           */
  WEFT_ALGO_TREE,         /* double binary tree (all-reduce) */
  WEFT_ALGO_DIRECT,       /* every pair at once (all-to-all, send/recv) */
  WEFT_N_ALGOS
} WeftCollectiveAlgo;

GQuark       weft_collective_error_quark   (void);
const char  *weft_collective_op_to_string  (WeftCollectiveOp    op);
gboolean     weft_collective_op_from_string (const char         *text,
                                            WeftCollectiveOp   *op);
const char  *weft_collective_algo_to_string (WeftCollectiveAlgo algo);
gboolean     weft_collective_algo_from_string (const char       *text,
                                              WeftCollectiveAlgo *algo);
/* nccl-tests' factor from algBw to busBw for @op over @n GPUs. */
double       weft_collective_bus_factor    (WeftCollectiveOp    op,
                                            guint               n);

/* One direction of one link: a → b when @forward. */
typedef struct
{
  guint    link;
  gboolean forward;
  double   bytes;            /* over the whole collective */
  double   seconds;          /* those bytes at the link's capacity */
  double   share;            /* seconds ÷ the collective's transfer time: 1 on the bottleneck */
} WeftLinkLoad;

typedef struct
{
  WeftCollectiveOp    op;
  WeftCollectiveAlgo  algorithm;   /* the one timed (never AUTO) */
  guint               gpus;
  double              size_bytes;
  guint               steps;
  double              time_s;
  double              latency_s;   /* the zero-load latencies of the steps, summed */
  double              transfer_s;  /* the busiest link direction of each step, summed */
  double              algbw_GBps;  /* size ÷ time, 10⁹ bytes/s */
  double              busbw_GBps;
  GArray             *bottlenecks; /* WeftLinkLoad, the most loaded first */
} WeftCollectiveResult;

void         weft_collective_result_free   (WeftCollectiveResult *result);

/* A collective's shape without its size: the step patterns of every
 * algorithm that applies to @op on @gpus, with their loads per byte, so
 * timing any size is a few multiplications. @gpus (node indices, in rank
 * order) NULL means every GPU in node order; @peers is the receiving group
 * of WEFT_OP_SEND_RECV, as many as @gpus. */
typedef struct _WeftCollectivePlan WeftCollectivePlan;

WeftCollectivePlan *weft_collective_plan_new (WeftFabric          *fabric,
                                              WeftCollectiveOp     op,
                                              const guint32       *gpus,
                                              guint                n_gpus,
                                              const guint32       *peers,
                                              GCancellable        *cancellable,
                                              GError             **error);
/* @n_groups disjoint groups of @group_size GPUs each (@gpus holds them one
 * after the other) running the same collective at once, as the DP or TP
 * groups of a training job do: their flows share the fabric's links. */
WeftCollectivePlan *weft_collective_plan_new_groups (WeftFabric       *fabric,
                                                     WeftCollectiveOp  op,
                                                     const guint32    *gpus,
                                                     guint             group_size,
                                                     guint             n_groups,
                                                     const guint32    *peers,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
void         weft_collective_plan_free     (WeftCollectivePlan  *plan);
/* Whether @algo applies to the plan's op and group, and if not why, in a
 * sentence a user can act on. */
gboolean     weft_collective_plan_supports (WeftCollectivePlan  *plan,
                                            WeftCollectiveAlgo   algo,
                                            GError             **error);
/* Times @size_bytes with @algo (AUTO: the fastest at that size). */
WeftCollectiveResult *weft_collective_plan_time (WeftCollectivePlan *plan,
                                                 WeftCollectiveAlgo  algo,
                                                 double              size_bytes,
                                                 guint               max_bottlenecks,
                                                 GError            **error);
/* Every link direction's bytes per byte of size under @algo (not AUTO):
 * [2 × link + (forward ? 0 : 1)]; owned by the plan. */
const double *weft_collective_plan_loads   (WeftCollectivePlan  *plan,
                                            WeftCollectiveAlgo   algo);

/* Plan and time in one call. */
WeftCollectiveResult *weft_collective_run  (WeftFabric          *fabric,
                                            WeftCollectiveOp     op,
                                            WeftCollectiveAlgo   algo,
                                            double               size_bytes,
                                            const guint32       *gpus,
                                            guint                n_gpus,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftCollectiveResult, weft_collective_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftCollectivePlan, weft_collective_plan_free)

G_END_DECLS
