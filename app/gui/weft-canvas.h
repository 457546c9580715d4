/* weft-canvas.h — the fabric drawn by the render code: pan, zoom, hover, select, and edits by
 * dragging. */
#pragma once

#include <gtk/gtk.h>

#include "collectives/weft-collective-engine.h"
#include "metrics/weft-metrics.h"
#include "render/weft-layout.h"
#include "render/weft-render.h"
#include "model/weft-selection.h"

G_BEGIN_DECLS

#define WEFT_TYPE_CANVAS (weft_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WeftCanvas, weft_canvas, WEFT, CANVAS, GtkWidget)

/* ::refused (const char *message): an edit made by dragging was refused.
 * ::heading (guint node, guint rack, guint unit): a node being dragged in
 * the physical view is likely to land there next.
 * ::notice (const char *message): what a click did, when the drawing
 * alone does not say (a line that stood for many links selected them). */
GtkWidget *weft_canvas_new            (WeftView       view);
void       weft_canvas_set_document   (WeftCanvas    *self,
                                       WeftFabric    *fabric,
                                       WeftSelection *selection);
void       weft_canvas_zoom           (WeftCanvas    *self,
                                       double         factor);
void       weft_canvas_zoom_to_fit    (WeftCanvas    *self);
/* Pixels per layout unit: the zoom; and how far a node reaches on screen. */
double     weft_canvas_get_scale      (WeftCanvas    *self);
double     weft_canvas_get_node_pixels (WeftCanvas   *self);
/* What the tooltip says of what is under the pointer; NULL for nothing. */
char      *weft_canvas_describe_pointer (WeftCanvas  *self);
/* Where @node is drawn, in the canvas's coordinates; FALSE if off screen. */
gboolean   weft_canvas_get_node_point (WeftCanvas    *self,
                                       guint          node,
                                       double        *x,
                                       double        *y);
/* Called with each stroke the links are drawn as, for the window tests:
 * its run (@n_points points, x and y in turn, in the canvas's
 * coordinates), how many links it stands for and one of them. */
typedef void (*WeftCanvasStrokeFunc) (const double *points,
                                      guint         n_points,
                                      guint         n_links,
                                      guint         link,
                                      gpointer      user_data);
/* Calls @func for the strokes at least partly on screen (a torus'
 * wrap-around, drawn as a mark at each end, as two); returns whether they
 * are bundles (zoomed out). */
gboolean   weft_canvas_foreach_stroke (WeftCanvas          *self,
                                       WeftCanvasStrokeFunc func,
                                       gpointer             user_data);

/* ::path-changed is emitted when the path between two selected GPUs
 * arrives from its worker, or goes with the selection or an edit. */
const WeftPath *weft_canvas_get_path  (WeftCanvas    *self);
/* Where the loads come from when links are coloured by load. */
void       weft_canvas_set_collectives (WeftCanvas           *self,
                                        WeftCollectiveEngine *engine);
/* What the colour of a link tells: medium, tier, length or load. */
void       weft_canvas_set_color_by   (WeftCanvas    *self,
                                       WeftColorBy    color_by);
WeftColorBy weft_canvas_get_color_by  (WeftCanvas    *self);
/* Whether the legend is drawn; a fitted drawing refits to the room it leaves. */
void       weft_canvas_set_legend     (WeftCanvas    *self,
                                       gboolean       legend);
gboolean   weft_canvas_get_legend     (WeftCanvas    *self);
/* The whole layout's box in the canvas's coordinates at the zoom on show;
 * FALSE while it is being laid out again. */
gboolean   weft_canvas_get_drawing_box (WeftCanvas   *self,
                                        double       *x,
                                        double       *y,
                                        double       *width,
                                        double       *height);
/* The frames drawn since the last call, their drawing time in µs, the
 * fabric generation the latest showed and how many links its path
 * highlight lit (for WEFT_FRAME_LOG). */
void       weft_canvas_take_frame_stats (WeftCanvas  *self,
                                         guint       *draws,
                                         gint64      *draw_us,
                                         guint64     *drawn_generation,
                                         guint       *drawn_path_links);

G_END_DECLS
