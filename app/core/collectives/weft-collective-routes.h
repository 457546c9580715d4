/* weft-collective-routes.h — flows spread over the fabric's shortest paths (ECMP), summed per link
 * direction. */
#pragma once

#include <gio/gio.h>

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* Bytes from one GPU to another (node indices). */
typedef struct
{
  guint32 src;
  guint32 dst;
  double  bytes;
} WeftFlow;

/* What a step's flows do to the fabric: bytes per link direction, at
 * [2 × link + (a → b ? 0 : 1)], added to what is there; and the largest
 * and the summed zero-load latency of the flows, in ns. */
typedef struct
{
  double *load;
  double  max_latency_ns;
  double  sum_latency_ns;
} WeftStepLoads;

typedef struct _WeftRoutes WeftRoutes;

/* Shared by the plans of one fabric generation (a training step plans four). */
WeftRoutes *weft_routes_new            (WeftFabric          *fabric);
WeftRoutes *weft_routes_ref            (WeftRoutes          *routes);
void        weft_routes_unref          (WeftRoutes          *routes);
guint       weft_routes_get_n_links    (WeftRoutes          *routes);
/* Bytes per second each way. */
double      weft_routes_get_capacity   (WeftRoutes          *routes,
                                        guint                link);
/* The scale-up domain of a GPU (its component over scale-up links). */
guint32     weft_routes_get_domain     (WeftRoutes          *routes,
                                        guint32              gpu);
guint       weft_routes_get_n_domains  (WeftRoutes          *routes);
/* Bytes per second each way over @gpu's links, or over its scale-up links only. */
double      weft_routes_get_gpu_capacity (WeftRoutes        *routes,
                                          guint32            gpu,
                                          gboolean           scale_up_only);
/* Bytes per second each way over the scale-out links between @domain and the rest of the fabric:
 * every flow into or out of the domain crosses one of them, once. */
double      weft_routes_get_domain_capacity (WeftRoutes     *routes,
                                             guint32         domain);

/* Routes @flows as one step. Fails when a flow's ends cannot reach each other. */
gboolean    weft_routes_add_flows      (WeftRoutes          *routes,
                                        const WeftFlow      *flows,
                                        guint                n_flows,
                                        WeftStepLoads       *step,
                                        GCancellable        *cancellable,
                                        GError             **error);
/* Routes @bytes from every GPU of @gpus to every other, without listing the pairs. */
gboolean    weft_routes_add_all_to_all (WeftRoutes          *routes,
                                        const guint32       *gpus,
                                        guint                n_gpus,
                                        double               bytes,
                                        WeftStepLoads       *step,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftRoutes, weft_routes_unref)

G_END_DECLS
