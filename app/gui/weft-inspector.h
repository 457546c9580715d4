/* weft-inspector.h — the properties of the selection, editable through the fabric's edit API. */
#pragma once

#include <adwaita.h>

#include "metrics/weft-metrics.h"
#include "model/weft-selection.h"

G_BEGIN_DECLS

#define WEFT_TYPE_INSPECTOR (weft_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WeftInspector, weft_inspector, WEFT, INSPECTOR, AdwBin)

/* ::refused (const char *message) is emitted when the fabric refuses an
 * edit made here, with the reason for the user. */
GtkWidget *weft_inspector_new           (void);
void       weft_inspector_set_selection (WeftInspector *self,
                                         WeftSelection *selection);
/* The path between two selected GPUs (NULL: none, or not yet known):
 * its latency, hops and each element's share, shown while they stay
 * selected. */
void       weft_inspector_set_path      (WeftInspector  *self,
                                         const WeftPath *path);
/* "leaf-3", "Link gpu-0-0—leaf-0", "12 links": what the inspector shows. */
const char *weft_inspector_get_title    (WeftInspector *self);
/* "835 ns, 3 switch hops, 4 links", or NULL; and each element's title and
 * breakdown, in turn. */
const char      *weft_inspector_get_path_summary (WeftInspector *self);
/* The value of the information row titled @title ("Ports in use"), or NULL. */
const char      *weft_inspector_get_info         (WeftInspector *self,
                                                  const char    *title);
const GPtrArray *weft_inspector_get_path_steps   (WeftInspector *self);

G_END_DECLS
