/* weft-canvas-private.h — the canvas's state, shared by its halves (drawing and gestures). */
#pragma once

#include "gui/weft-canvas.h"

G_BEGIN_DECLS

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_REWIRE,
  DRAG_MOVE,
  DRAG_BAND,
  DRAG_CONNECT,
} DragMode;

/* How long the renderer draws a torus wrap-around's mark at each end. */
#define WRAP_PIXELS 12.0

struct _WeftCanvas
{
  GtkWidget      parent_instance;

  WeftView       view;
  WeftColorBy    color_by;
  gboolean       legend;         /* draw the legend in the bottom right corner */
  WeftFabric    *fabric;
  WeftSelection *selection;
  WeftLayout    *layout;
  guint64        layout_generation;  /* the fabric generation the layout shows */
  guint          relayout_source;
  gboolean       layout_stale;       /* edits came while the canvas was not on show */

  double         scale;
  double         offset_x;
  double         offset_y;
  gboolean       fitted;         /* follow the widget's size until the user zooms or pans */

  guint          hover_node;
  guint          hover_link;
  WeftPath      *path;           /* between two selected GPUs */
  GArray        *path_links;     /* the links of that path */
  GCancellable  *path_work;      /* that path being worked out on a worker thread */
  WeftFabric    *path_fabric;    /* the copy of the fabric as it is that the worker reads */
  gboolean       path_stale;     /* the selection changed while the canvas was not on show */

  DragMode       drag;
  double         drag_x;         /* where the drag started, widget coordinates */
  double         drag_y;
  double         drag_offset_x;
  double         drag_offset_y;
  guint          drag_link;
  WeftLinkEnd    drag_end;
  guint          drag_node;
  guint          drop_target;
  gboolean       drop_ok;
  double         pointer_x;
  double         pointer_y;
  gboolean       drag_moved;     /* the press became a drag: its release is no click */
  guint64 heading; /* where a moved node was last said to be heading, by fingerprint */
  double         last_dx;        /* the drag's offset at the step before */
  double         last_dy;
  double         step_x;         /* a moved node's steps, smoothed: where it is going */
  double         step_y;
  double         pinch_scale;

  /* Colouring by load: the engine's shares over the busiest, made once
   * per set of figures rather than once per frame. */
  WeftCollectiveEngine *collectives;
  const WeftCollectiveFigures *loads_of;      /* compared, never read: with its generation, */
  guint64        loads_generation;            /* which figures the values were made from */
  float         *load_values;

  GtkWidget     *menu;           /* the context menu, a popover of the canvas */
  guint          n_load_values;
  char          *load_caption;

  /* Frames drawn since weft_canvas_take_frame_stats() last asked. */
  guint          draws;
  gint64         draw_us;
  guint64        drawn_generation;
  guint          drawn_path_links;
};

static inline void
weft_canvas_to_layout (WeftCanvas *self,
                       double      x,
                       double      y,
                       double     *lx,
                       double     *ly)
{
  *lx = (x - self->offset_x) / self->scale;
  *ly = (y - self->offset_y) / self->scale;
}

/* Zooms by @factor, keeping the point under (@x, @y) where it is. */
void weft_canvas_zoom_at                (WeftCanvas      *self,
                                         double           factor,
                                         double           x,
                                         double           y);
/* The load of @link as a share of the busiest link's, when links are
 * coloured by load and it is known; -1 otherwise. */
double weft_canvas_get_link_load        (WeftCanvas      *self,
                                         guint            link);
/* Installs ::refused and ::heading, which edits by dragging emit, and
 * ::notice, what a click did when it is not plain to see. */
void weft_canvas_class_init_gestures    (WeftCanvasClass *klass);
/* Adds the pointer's controllers and the tooltip. */
void weft_canvas_init_gestures          (WeftCanvas      *self);
/* What a click at a widget point means: one of a node, a link drawn as
 * itself, or a stroke standing for several links (zoomed out). */
typedef struct
{
  guint                   node;
  guint                   link;
  const WeftLayoutBundle *bundle;
} WeftCanvasPick;

void weft_canvas_pick                   (WeftCanvas      *self,
                                         double           x,
                                         double           y,
                                         WeftCanvasPick  *pick);
/* The node within a few pixels of widget point (@x, @y), or WEFT_NONE. */
guint weft_canvas_node_at               (WeftCanvas      *self,
                                         double           x,
                                         double           y);
/* The strokes the links are drawn as, zoomed out; NULL when each link is
 * drawn as itself. */
const WeftLayoutBundle *weft_canvas_get_bundles (WeftCanvas *self,
                                                 guint      *n_bundles);
/* Selects the links @bundle stands for, or with @add adds them. */
void weft_canvas_select_bundle          (WeftCanvas             *self,
                                         const WeftLayoutBundle *bundle,
                                         gboolean                add);
/* The context menu a secondary click opens (weft-canvas-menu.c). */
void weft_canvas_init_menu              (WeftCanvas      *self);
/* Places the open context menu; from the canvas's size_allocate. */
void weft_canvas_present_menu           (WeftCanvas      *self);

G_END_DECLS
