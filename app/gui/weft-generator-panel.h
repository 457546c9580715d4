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
/* Show @params, those of the fabric on screen with @gpus GPUs, without
 * asking to generate; what the panel said of them stays if it asked for them. */
void                 weft_generator_panel_set_params (WeftGeneratorPanel  *self,
                                                      const WeftGenParams *params,
                                                      guint                gpus);
/* Generating what the panel asked for failed: it goes back to the fabric
 * on screen and shows @message beside the field last changed. */
void                 weft_generator_panel_refuse     (WeftGeneratorPanel  *self,
                                                      const char          *message);
const WeftGenParams *weft_generator_panel_get_params (WeftGeneratorPanel  *self);
/* The reason the current parameters cannot be built, or NULL. */
const char          *weft_generator_panel_get_error  (WeftGeneratorPanel  *self);

/* For the window tests: @key is a parameter key or "architecture". The
 * key of the row the error is shown under, or NULL. */
const char          *weft_generator_panel_get_error_key (WeftGeneratorPanel *self);
/* The note under @key's row, or NULL when none shows. */
const char          *weft_generator_panel_get_note   (WeftGeneratorPanel  *self,
                                                      const char          *key);
/* Where @key is edited (its spin button, or its row), NULL when hidden;
 * and what it shows. */
GtkWidget           *weft_generator_panel_get_field  (WeftGeneratorPanel  *self,
                                                      const char          *key);
char                *weft_generator_panel_get_shown  (WeftGeneratorPanel  *self,
                                                      const char          *key);

G_END_DECLS
