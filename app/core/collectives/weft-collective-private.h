/* weft-collective-private.h — plans that share one fabric's routes, for the training step. */
#pragma once

#include "collectives/weft-collective.h"
#include "collectives/weft-collective-routes.h"

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

G_END_DECLS
