/* weft-collective-private.h — plans and steps that share one fabric's routes: the training step's
 * collectives, and the engine's all-reduce and step. */
#pragma once

#include "collectives/weft-collective.h"
#include "collectives/weft-collective-routes.h"
#include "collectives/weft-training.h"

G_BEGIN_DECLS

/* As weft_collective_plan_new_groups, on @routes made for @fabric as it is. */
WeftCollectivePlan *weft_collective_plan_new_on (WeftRoutes       *routes,
                                                 WeftFabric       *fabric,
                                                 WeftCollectiveOp  op,
                                                 const guint32    *gpus,
                                                 guint             group_size,
                                                 guint             n_groups,
                                                 const guint32    *peers,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/* As weft_training_step, on @routes made for @fabric as it is. */
gboolean            weft_training_step_on       (WeftRoutes       *routes,
                                                 WeftFabric       *fabric,
                                                 const WeftJob    *job,
                                                 WeftStepTime     *step,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

G_END_DECLS
