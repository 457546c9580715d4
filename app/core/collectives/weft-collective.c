/* weft-collective.c — the names of operations and algorithms, nccl-tests' bus factors, and planning
 * and timing in one call. */
#include "collectives/weft-collective.h"

#include "util/weft-names.h"

G_DEFINE_QUARK (weft-collective-error-quark, weft_collective_error)

static const char *op_names[WEFT_N_OPS] = {
  "all-reduce", "reduce-scatter", "all-gather", "all-to-all", "broadcast", "send-recv",
};

static const char *algo_names[WEFT_N_ALGOS] = {
  "auto", "ring", "hierarchical", "tree", "direct",
};

WEFT_DEFINE_NAMES (WeftCollectiveOp, weft_collective_op, op_names, WEFT_N_OPS)

WEFT_DEFINE_NAMES (WeftCollectiveAlgo, weft_collective_algo, algo_names, WEFT_N_ALGOS)

/* nccl-tests, doc/PERFORMANCE.md: busBw = algBw × this, so that it can be
 * compared with the hardware's peak whatever the GPU count. */
double
weft_collective_bus_factor (WeftCollectiveOp op,
                            guint            n)
{
  switch (op)
    {
    case WEFT_OP_ALL_REDUCE:
      return n ? 2.0 * (n - 1) / n : 0;
    case WEFT_OP_REDUCE_SCATTER:
    case WEFT_OP_ALL_GATHER:
    case WEFT_OP_ALL_TO_ALL:
      return n ? (double) (n - 1) / n : 0;
    case WEFT_OP_BROADCAST:
    case WEFT_OP_SEND_RECV:
    case WEFT_N_OPS:
    default:
      return 1;
    }
}

void
weft_collective_result_free (WeftCollectiveResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->bottlenecks, g_array_unref);
  g_free (result);
}

WeftCollectiveResult *
weft_collective_run (WeftFabric         *fabric,
                     WeftCollectiveOp    op,
                     WeftCollectiveAlgo  algo,
                     double              size_bytes,
                     const guint32      *gpus,
                     guint               n_gpus,
                     GError            **error)
{
  g_autoptr(WeftCollectivePlan) plan = NULL;

  plan = weft_collective_plan_new (fabric, op, gpus, n_gpus, NULL, NULL, error);
  if (plan == NULL)
    return NULL;
  return weft_collective_plan_time (plan, algo, size_bytes, 8, error);
}
