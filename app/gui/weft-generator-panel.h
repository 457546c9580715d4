/* weft-generator-panel.h — the side panel that chooses an architecture and its parameters. */
#pragma once

#include <adwaita.h>

#include "catalog/weft-catalog.h"
#include "generators/weft-gen-params.h"

G_BEGIN_DECLS

#define WEFT_TYPE_GENERATOR_PANEL (weft_generator_panel_get_type ())
G_DECLARE_FINAL_TYPE (WeftGeneratorPanel, weft_generator_panel, WEFT, GENERATOR_PANEL, AdwBin)

/* ::generate (const WeftGenParams *params) is emitted a moment after the
 * user stops changing a set of parameters that can be built. Parameters
 * that cannot be built are flagged in the panel with the reason instead. */
GtkWidget           *weft_generator_panel_new        (WeftCatalog         *catalog);
/* Show @params (from an opened fabric) without asking to generate. */
void                 weft_generator_panel_set_params (WeftGeneratorPanel  *self,
                                                      const WeftGenParams *params);
const WeftGenParams *weft_generator_panel_get_params (WeftGeneratorPanel  *self);
/* The reason the current parameters cannot be built, or NULL. */
const char          *weft_generator_panel_get_error  (WeftGeneratorPanel  *self);

G_END_DECLS
