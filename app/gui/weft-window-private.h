/* weft-window-private.h — the window's state, shared by its halves (layout and actions). */
#pragma once

#include "gui/weft-canvas.h"
#include "gui/weft-compare-view.h"
#include "gui/weft-frame-log.h"
#include "gui/weft-generator-panel.h"
#include "gui/weft-inspector.h"
#include "gui/weft-metrics-panel.h"
#include "model/weft-selection.h"
#include "gui/weft-window.h"

G_BEGIN_DECLS

struct _WeftWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwViewStack         *view_stack;
  AdwFlap              *flap;
  GtkBox               *generator_slot;
  GtkBox               *logical_slot;
  GtkBox               *physical_slot;
  GtkBox               *compare_slot;
  GtkBox               *side_box;
  GtkPaned             *paned;
  GtkSpinner           *busy_spinner;

  WeftGeneratorPanel   *generator_panel;
  WeftInspector        *inspector;
  WeftMetricsPanel     *metrics_panel;
  WeftCanvas           *logical_canvas;
  WeftCanvas           *physical_canvas;
  WeftCompareView      *compare_view;

  /* The document */
  WeftFabric           *fabric;
  GFile                *file;
  WeftSelection        *selection;
  WeftMetricsEngine    *engine;
  WeftCollectiveEngine *collectives;
  guint64               saved_point;
  GCancellable         *work;         /* a load or a generation under way */

  GSettings            *settings;

  /* What the window last reported, for WEFT_TEST_STATE. */
  char                 *error_heading;
  char                 *error_body;
  char                 *toast_text;   /* the latest toast's */
  AdwToast             *toast;        /* that toast while it is on show or queued */
  guint                 state_source;
  WeftFrameLog         *frame_log;    /* under WEFT_FRAME_LOG */
  /* When the last edit settled and when each set of figures last came,
   * monotonic µs, for the window bench (weft-window-state.c). */
  gint64                arrivals[4];
};

void  weft_window_class_init_actions (GtkWidgetClass *widget_class);
/* Under WEFT_TEST_STATE=FILE, write what the window shows to FILE soon. */
void  weft_window_queue_state_dump   (WeftWindow     *self);
/* Notes, for the state dump, when edits settle and figures come. */
void  weft_window_track_arrivals     (WeftWindow     *self);
/* Enable and disable actions to match the window's state: the one place that does. */
void  weft_window_update_actions     (WeftWindow     *self);
void  weft_window_save               (WeftWindow     *self,
                                      GFile          *file);
void  weft_window_show_error         (WeftWindow     *self,
                                      const char     *heading,
                                      const char     *body);
/* The same over another of the window's dialogs, such as the Bill of Materials. */
void  weft_window_show_error_over    (WeftWindow     *self,
                                      GtkWindow      *over,
                                      const char     *heading,
                                      const char     *body);
void  weft_window_toast              (WeftWindow     *self,
                                      const char     *message);
void  weft_window_set_busy           (WeftWindow     *self,
                                      gboolean        busy);
/* Replace the document with @fabric from @file (NULL: not saved yet). */
void  weft_window_set_fabric         (WeftWindow     *self,
                                      WeftFabric     *fabric,
                                      GFile          *file);
/* The canvas of the view on show. */
WeftCanvas *weft_window_get_canvas   (WeftWindow     *self);

G_END_DECLS
