/* weft-application.h — the Weft application: windows, app-wide actions, the parts catalog. */
#pragma once

#include <adwaita.h>

#include "catalog/weft-catalog.h"

G_BEGIN_DECLS

#define WEFT_TYPE_APPLICATION (weft_application_get_type ())
G_DECLARE_FINAL_TYPE (WeftApplication, weft_application, WEFT, APPLICATION, AdwApplication)

WeftApplication *weft_application_new         (void);
WeftCatalog     *weft_application_get_catalog (WeftApplication *self);

G_END_DECLS
