/* weft-window.h — a window on one fabric: its views, panels, file and history. */
#pragma once

#include <adwaita.h>

#include "gui/weft-application.h"
#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_TYPE_WINDOW (weft_window_get_type ())
G_DECLARE_FINAL_TYPE (WeftWindow, weft_window, WEFT, WINDOW, AdwApplicationWindow)

/* A window on the built-in default fabric. */
WeftWindow  *weft_window_new         (WeftApplication *app);
WeftFabric  *weft_window_get_fabric  (WeftWindow      *self);
/* Load @file in the background and show it; a file that cannot be read
 * is reported in a dialog and the fabric on screen stays as it was. */
void         weft_window_open_file   (WeftWindow      *self,
                                      GFile           *file);
/* Whether the fabric has edits that are not saved. */
gboolean     weft_window_is_modified (WeftWindow      *self);

G_END_DECLS
