/* weft-bom-window.h — the Bill of Materials window: the bill and the metrics as tables, exported as
 * CSV. */
#pragma once

#include <adwaita.h>

#include "gui/weft-window.h"

G_BEGIN_DECLS

#define WEFT_TYPE_BOM_WINDOW (weft_bom_window_get_type ())
G_DECLARE_FINAL_TYPE (WeftBomWindow, weft_bom_window, WEFT, BOM_WINDOW, AdwWindow)

/* Modal over @window, for its fabric as it is now; the tables appear once computed. */
GtkWidget *weft_bom_window_new (WeftWindow *window);

G_END_DECLS
