/* weft-failure.h — a fabric with some of its elements failed: links by index or by their ends,
 * nodes by name. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* A copy of @fabric without the links of @elements (NULL-terminated), each
 * "link:ID" (a link's index), "link:A,B" (every link between nodes A and B)
 * or "node:NAME" (every link of that node; the node stays, cut off). An
 * element that names nothing fails with WEFT_FABRIC_ERROR_INVALID and a
 * message that starts with the element: "node:leaf-9: the fabric has no
 * node 'leaf-9'". */
WeftFabric *weft_fabric_without (WeftFabric         *fabric,
                                 const char * const *elements,
                                 GError            **error);

G_END_DECLS
