/* weft-collective-group.h — which GPUs a collective runs on, and buffer sizes, as users write them.
 */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* "all", "rail:N", "pod:N", "plane:N", "server:N" or "server:A-B", or
 * "gpus:NAME,NAME,…" into node indices (in node order, or as listed). */
GArray   *weft_collective_group_parse (WeftFabric  *fabric,
                                       const char  *spec,
                                       GError     **error);

/* "1GiB", "1G", "64M", "512K", "4096" (K, M, G, T: powers of 1024, as
 * nccl-tests reads them; KB, MB, GB, TB: powers of 1000). */
gboolean  weft_collective_parse_size  (const char  *text,
                                       double      *bytes,
                                       GError     **error);

G_END_DECLS
