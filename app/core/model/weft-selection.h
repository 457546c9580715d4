/* weft-selection.h — the nodes and links a user has selected, kept right as the fabric changes. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_TYPE_SELECTION (weft_selection_get_type ())
G_DECLARE_FINAL_TYPE (WeftSelection, weft_selection, WEFT, SELECTION, GObject)

/* ::changed is emitted whenever the set of selected nodes or links changes,
 * including when an edit removes a selected link. */
WeftSelection  *weft_selection_new          (WeftFabric    *fabric);
WeftFabric     *weft_selection_get_fabric   (WeftSelection *self);

void            weft_selection_clear        (WeftSelection *self);
/* Replace the selection with one node or one link. */
void            weft_selection_set_node     (WeftSelection *self,
                                             guint          node);
void            weft_selection_set_link     (WeftSelection *self,
                                             guint          link);
/* Add to or take from the selection (Ctrl+click, rubber band). */
void            weft_selection_toggle_node  (WeftSelection *self,
                                             guint          node);
void            weft_selection_toggle_link  (WeftSelection *self,
                                             guint          link);
void            weft_selection_add          (WeftSelection *self,
                                             const guint   *nodes,
                                             guint          n_nodes,
                                             const guint   *links,
                                             guint          n_links);

gboolean        weft_selection_has_node     (WeftSelection *self,
                                             guint          node);
gboolean        weft_selection_has_link     (WeftSelection *self,
                                             guint          link);
/* Sorted indices; valid until the selection changes. */
const guint    *weft_selection_get_nodes    (WeftSelection *self,
                                             guint         *n_nodes);
const guint    *weft_selection_get_links    (WeftSelection *self,
                                             guint         *n_links);
gboolean        weft_selection_is_empty     (WeftSelection *self);

G_END_DECLS
