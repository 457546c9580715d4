/* weft-compare-view.h — the Compare page: the architectures at one size as a table, and a sweep as
 * charts. */
#pragma once

#include <adwaita.h>

#include "io/weft-json-writer.h"
#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_TYPE_COMPARE_VIEW (weft_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (WeftCompareView, weft_compare_view, WEFT, COMPARE_VIEW, AdwBin)

/* ::finished is emitted when a comparison or a sweep has ended, however;
 * ::exported and ::export-failed after Export Table, with a message; ::changed
 * when what it shows moves: the table scrolls or changes width, or the size set
 * changes. */
GtkWidget *weft_compare_view_new        (WeftCatalog     *catalog);
/* The fabric being edited: the page compares at its size, as it changes,
 * until the user sets one on the page; and it can be a column. */
void       weft_compare_view_set_fabric (WeftCompareView *self,
                                         WeftFabric      *fabric);
/* The size the page compares at. */
guint      weft_compare_view_get_gpus   (WeftCompareView *self);
/* Row by row, cells separated by tabs: what the table shows, for tests. */
char      *weft_compare_view_get_text   (WeftCompareView *self);
/* What the page shows, as a JSON object for the window's state dump: the
 * intro, the status, where the table's last column is on screen and
 * whether it scrolls, the coloured differences, and why a chart panel is
 * empty. */
void       weft_compare_view_write_state (WeftCompareView *self,
                                          WeftJsonWriter  *w);

G_END_DECLS
