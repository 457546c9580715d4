/* weft-preferences.h — the preferences window: light or dark style, and what the colour of a link
 * tells. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A window over @settings' color-scheme and color-by keys; changes apply at once. */
GtkWidget *weft_preferences_new (GtkWindow *parent,
                                 GSettings *settings);

G_END_DECLS
