/* weft-graph-export.h — the fabric as GraphML or Graphviz DOT, for other graph tools. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* Nodes carry kind, part, groups, rack and U; links carry class, speed,
 * count, capacity (count × speed, Gb/s), resolved medium and length. */
GBytes   *weft_fabric_to_graphml  (WeftFabric  *self);
GBytes   *weft_fabric_to_dot      (WeftFabric  *self);
/* Picks the format from the extension (.graphml or .dot) and writes atomically. */
gboolean  weft_fabric_export_graph (WeftFabric  *self,
                                    const char  *path,
                                    GError     **error);

G_END_DECLS
