/* weft-canvas.c — the fabric drawn by the render code: pan, zoom, hover, select, and edits by dragging.
 *
 * Dragging the background pans; scrolling pans, and zooms with Ctrl or a
 * pinch. A click selects a node or a link (Shift adds to the selection);
 * Shift and a drag on the background draws a band that adds what it holds;
 * Ctrl and a drag from one node to another adds a link between them;
 * two GPUs selected light up the path between them. With a link selected,
 * dragging one of its end nodes onto another node rewires that end — a
 * target that would be refused is ringed in red and the drop does nothing.
 * In the physical view, dragging a node moves it to the rack under the
 * pointer, and cost and latency follow as it goes.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gui/weft-canvas.h"
#include "util/weft-format.h"
#include "metrics/weft-metrics.h"
#include "render/weft-render.h"

#define HIT_PIXELS 6.0

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_REWIRE,
  DRAG_MOVE,
  DRAG_BAND,
  DRAG_CONNECT,
} DragMode;

struct _WeftCanvas
{
  GtkWidget      parent_instance;

  WeftView       view;
  WeftColorBy    color_by;
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
  GArray        *path_links;     /* between two selected GPUs */

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
  guint64        heading;        /* where a moved node was last said to be heading, by fingerprint */
  double         last_dx;        /* the drag's offset at the step before */
  double         last_dy;
  double         step_x;         /* a moved node's steps, smoothed: where it is going */
  double         step_y;
  double         pinch_scale;

  /* Frames drawn since weft_canvas_take_frame_stats() last asked. */
  guint          draws;
  gint64         draw_us;
  guint64        drawn_generation;
};

G_DEFINE_FINAL_TYPE (WeftCanvas, weft_canvas, GTK_TYPE_WIDGET)

enum {
  SIGNAL_REFUSED,
  SIGNAL_HEADING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
to_layout (WeftCanvas *self,
           double      x,
           double      y,
           double     *lx,
           double     *ly)
{
  *lx = (x - self->offset_x) / self->scale;
  *ly = (y - self->offset_y) / self->scale;
}

static guint
node_at (WeftCanvas *self,
         double      x,
         double      y)
{
  double lx, ly;

  if (self->layout == NULL)
    return WEFT_NONE;
  to_layout (self, x, y, &lx, &ly);
  return weft_layout_node_at (self->layout, lx, ly, HIT_PIXELS / self->scale);
}

static guint
link_at (WeftCanvas *self,
         double      x,
         double      y)
{
  double lx, ly;

  /* Zoomed far out, single links are not there to point at. */
  if (self->layout == NULL || weft_layout_get_node_radius (self->layout) * self->scale < 1.5)
    return WEFT_NONE;
  to_layout (self, x, y, &lx, &ly);
  return weft_layout_link_at (self->layout, lx, ly, HIT_PIXELS / self->scale);
}

void
weft_canvas_zoom_to_fit (WeftCanvas *self)
{
  WeftRenderOptions options, clear;
  WeftPalette palette;

  if (self->layout == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)));
  /* Clear of the legend unless that costs the drawing a quarter of its
   * size; then the legend floats over it. */
  options.legend = TRUE;
  weft_render_fit (self->layout, &options);
  clear = options;
  options.legend = FALSE;
  weft_render_fit (self->layout, &options);
  if (clear.scale >= 0.75 * options.scale)
    options = clear;
  self->scale = options.scale;
  self->offset_x = options.offset_x;
  self->offset_y = options.offset_y;
  self->fitted = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (WeftCanvas *self,
         double      factor,
         double      x,
         double      y)
{
  double lx, ly;

  to_layout (self, x, y, &lx, &ly);
  self->scale = CLAMP (self->scale * factor, 1e-5, 200);
  self->offset_x = x - lx * self->scale;
  self->offset_y = y - ly * self->scale;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_canvas_zoom (WeftCanvas *self,
                  double      factor)
{
  zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static void
update_path (WeftCanvas *self)
{
  g_autoptr(WeftPath) path = NULL;
  const guint *nodes;
  guint n_nodes;

  g_array_set_size (self->path_links, 0);
  if (self->selection == NULL)
    return;
  nodes = weft_selection_get_nodes (self->selection, &n_nodes);
  if (n_nodes != 2 || weft_fabric_get_node (self->fabric, nodes[0])->kind != WEFT_NODE_GPU ||
      weft_fabric_get_node (self->fabric, nodes[1])->kind != WEFT_NODE_GPU)
    return;
  path = weft_metrics_path (self->fabric, nodes[0], nodes[1], NULL);
  for (guint i = 0; path != NULL && i < path->steps->len; i++)
    {
      const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

      if (step->is_link)
        g_array_append_val (self->path_links, step->index);
    }
}

static void relayout (WeftCanvas *self);

static void
weft_canvas_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  WeftCanvas *self = WEFT_CANVAS (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(WeftPainter) painter = NULL;
  WeftRenderOptions options;
  WeftPalette palette;
  cairo_t *cr;
  const guint *nodes = NULL, *links = NULL;
  guint n_nodes = 0, n_links = 0;
  gint64 start_us;

  /* A drag's edits come in the same turn of the frame clock as this
   * drawing, and no idle runs between them: the layout they asked for is
   * made now, not after the drag. */
  if (self->relayout_source != 0 || self->layout_stale)
    relayout (self);
  if (self->layout == NULL || width <= 0 || height <= 0)
    return;
  if (self->fitted)
    weft_canvas_zoom_to_fit (self);

  weft_palette_init (&palette, dark ? WEFT_THEME_DARK : WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, width, height);
  options.scale = self->scale;
  options.offset_x = self->offset_x;
  options.offset_y = self->offset_y;
  options.legend = TRUE;
  options.color_by = self->color_by;
  options.fast = TRUE;
  options.hover_node = self->hover_node;
  options.hover_link = self->hover_link;
  if (self->selection != NULL)
    {
      nodes = weft_selection_get_nodes (self->selection, &n_nodes);
      links = weft_selection_get_links (self->selection, &n_links);
    }
  options.selected_nodes = nodes;
  options.n_selected_nodes = n_nodes;
  options.selected_links = links;
  options.n_selected_links = n_links;
  options.path_links = (const guint *) self->path_links->data;
  options.n_path_links = self->path_links->len;
  if ((self->drag == DRAG_REWIRE || self->drag == DRAG_CONNECT) && self->drop_target != WEFT_NONE &&
      !self->drop_ok)
    options.refused_node = self->drop_target;

  start_us = g_get_monotonic_time ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  painter = weft_painter_new_cairo (cr);
  weft_render_draw (painter, self->layout, &options, NULL);

  /* The rubber band, in the selection colour. */
  if (self->drag == DRAG_BAND)
    {
      WeftColor fill = palette.highlight;

      fill.a = 0.15;
      weft_painter_rect (painter, MIN (self->drag_x, self->pointer_x), MIN (self->drag_y, self->pointer_y),
                         fabs (self->pointer_x - self->drag_x), fabs (self->pointer_y - self->drag_y),
                         &fill, &palette.highlight, 1);
    }

  /* The end being dragged, or the link being drawn, follows the pointer. */
  if (self->drag == DRAG_REWIRE || self->drag == DRAG_CONNECT)
    {
      const WeftLink *link = self->drag == DRAG_REWIRE ? weft_fabric_get_link (self->fabric, self->drag_link) : NULL;
      guint fixed = link == NULL ? self->drag_node : self->drag_end == WEFT_LINK_END_A ? link->b : link->a;
      double fx, fy;

      weft_layout_get_node_position (self->layout, fixed, &fx, &fy);
      weft_painter_line (painter, fx * self->scale + self->offset_x, fy * self->scale + self->offset_y,
                         self->pointer_x, self->pointer_y,
                         self->drop_ok || self->drop_target == WEFT_NONE ? &palette.highlight : &palette.refused, 2.5);
    }
  g_clear_pointer (&painter, weft_painter_free);
  cairo_destroy (cr);
  self->draws++;
  self->draw_us += g_get_monotonic_time () - start_us;
  self->drawn_generation = self->layout_generation;
}

static void
relayout (WeftCanvas *self)
{
  g_autoptr(WeftLayout) before = g_steal_pointer (&self->layout);

  g_clear_handle_id (&self->relayout_source, g_source_remove);
  self->layout_stale = FALSE;
  if (self->fabric != NULL)
    {
      self->layout = weft_layout_new (self->fabric, self->view);
      weft_layout_keep_hints (self->layout, before);
      self->layout_generation = weft_fabric_get_generation (self->fabric);
    }
  update_path (self);
}

static gboolean
relayout_cb (gpointer user_data)
{
  WeftCanvas *self = user_data;

  self->relayout_source = 0;
  relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
fabric_changed_cb (WeftCanvas       *self,
                   const WeftChange *change)
{
  self->hover_node = self->hover_link = WEFT_NONE;
  if (change->kind == WEFT_CHANGE_RESET)
    self->fitted = TRUE;
  /* The view not on show is laid out when it shows (both would lay out
   * each step of a drag). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->relayout_source, g_source_remove);
      self->layout_stale = TRUE;
      return;
    }
  /* Links changed, no node moved: the logical layout stands, only its
   * links are worked out again — in the same frame, no relayout. */
  if (self->layout != NULL && self->relayout_source == 0 && self->view == WEFT_VIEW_LOGICAL &&
      (change->kind == WEFT_CHANGE_LINK_ADDED || change->kind == WEFT_CHANGE_LINK_REMOVED ||
       change->kind == WEFT_CHANGE_LINK_CHANGED))
    {
      weft_layout_refresh_links (self->layout);
      self->layout_generation = weft_fabric_get_generation (self->fabric);
      update_path (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* A burst of edits lays out once, at the latest when the canvas draws. */
  if (self->relayout_source == 0)
    self->relayout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_changed_cb (WeftCanvas *self)
{
  update_path (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_canvas_set_document (WeftCanvas    *self,
                          WeftFabric    *fabric,
                          WeftSelection *selection)
{
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->fabric, fabric);
  g_set_object (&self->selection, selection);
  g_signal_connect_object (fabric, "changed", G_CALLBACK (fabric_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  self->fitted = TRUE;
  /* A view not on show is laid out when it shows: on 131,072 GPUs the
   * floor plan would hold up the first frame of the logical view. */
  g_clear_pointer (&self->layout, weft_layout_unref);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    relayout (self);
  else
    {
      g_clear_handle_id (&self->relayout_source, g_source_remove);
      self->layout_stale = TRUE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Hover and tooltips. */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WeftCanvas               *self)
{
  guint node = node_at (self, x, y);
  guint link = node == WEFT_NONE ? link_at (self, x, y) : WEFT_NONE;

  self->pointer_x = x;
  self->pointer_y = y;
  if (node != self->hover_node || link != self->hover_link)
    {
      self->hover_node = node;
      self->hover_link = link;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static char *
describe_link (WeftFabric *fabric,
               guint       index)
{
  const WeftLink *link = weft_fabric_get_link (fabric, index);
  const WeftMediaPart *media = weft_fabric_get_link_media (fabric, index);
  g_autofree char *cost = NULL, *latency = NULL;
  double usd, watts;

  weft_cost_link (fabric, link, &usd, &watts);
  cost = weft_format_money (usd);
  latency = weft_format_latency (weft_metrics_link_latency (fabric, link));
  return g_strdup_printf ("%s — %s\n%u × %u Gb/s, %s, %.1f m\n%s, %s", weft_fabric_get_node (fabric, link->a)->name,
                          weft_fabric_get_node (fabric, link->b)->name, link->count, link->speed_gbps,
                          media ? media->name : _("no medium reaches"), link->length_m, cost, latency);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  WeftCanvas *self)
{
  g_autofree char *text = NULL;
  guint node = node_at (self, x, y), link;

  if (node != WEFT_NONE)
    {
      const WeftPart *part = weft_fabric_get_node_part (self->fabric, node);
      const WeftNode *n = weft_fabric_get_node (self->fabric, node);
      g_autofree char *price = part ? weft_format_money (part->price_usd) : g_strdup ("?");

      text = g_strdup_printf ("%s\n%s (%s)\n%s", n->name, part ? part->name : "?",
                              weft_node_kind_to_string (n->kind), price);
    }
  else if ((link = link_at (self, x, y)) != WEFT_NONE)
    text = describe_link (self->fabric, link);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Clicks select. */

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          WeftCanvas      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean add = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  guint node = node_at (self, x, y), link;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->selection == NULL || self->drag_moved)
    return;
  if (node != WEFT_NONE)
    {
      if (add)
        weft_selection_toggle_node (self->selection, node);
      else
        weft_selection_set_node (self->selection, node);
    }
  else if ((link = link_at (self, x, y)) != WEFT_NONE)
    {
      if (add)
        weft_selection_toggle_link (self->selection, link);
      else
        weft_selection_set_link (self->selection, link);
    }
  else if (!add)
    weft_selection_clear (self->selection);
}

/* Drags pan, rewire or move. */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WeftCanvas     *self)
{
  guint node = node_at (self, x, y);
  const guint *links;
  guint n_links = 0;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_offset_x = self->offset_x;
  self->drag_offset_y = self->offset_y;
  self->drag = DRAG_PAN;
  self->drag_moved = FALSE;
  self->last_dx = self->last_dy = 0;
  self->step_x = self->step_y = 0;
  self->drop_target = WEFT_NONE;
  if (node == WEFT_NONE && self->selection != NULL &&
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) & GDK_SHIFT_MASK))
    {
      self->drag = DRAG_BAND;
      self->pointer_x = x;
      self->pointer_y = y;
      return;
    }
  if (node == WEFT_NONE || self->selection == NULL)
    return;
  if (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) & GDK_CONTROL_MASK)
    {
      self->drag = DRAG_CONNECT;
      self->drag_node = node;
      return;
    }

  links = weft_selection_get_links (self->selection, &n_links);
  if (n_links == 1)
    {
      const WeftLink *link = weft_fabric_get_link (self->fabric, links[0]);

      if (link->a == node || link->b == node)
        {
          self->drag = DRAG_REWIRE;
          self->drag_link = links[0];
          self->drag_end = link->a == node ? WEFT_LINK_END_A : WEFT_LINK_END_B;
          return;
        }
    }
  if (self->view == WEFT_VIEW_PHYSICAL)
    {
      self->drag = DRAG_MOVE;
      self->drag_node = node;
      self->heading = 0;
      weft_fabric_begin_group (self->fabric, _("Move Node"));
    }
}

/* How many more steps like the last ones ::heading looks along. */
#define HEADING_STEPS 12

/* A node being moved went (@vx, @vy) in its last step: the first place
 * further along its way where its links would have other lengths — the
 * next rack, or in a rack with nodes it links to, the next unit — is
 * likely where it goes next, and the window can have that fabric's
 * figures worked out ahead. The steps are smoothed, so that a pointer's
 * jitter near a corner does not name two places by turns. */
static void
say_heading (WeftCanvas *self,
             double      vx,
             double      vy)
{
  const WeftNode *node = weft_fabric_get_node (self->fabric, self->drag_node);
  guint64 here = weft_fabric_move_fingerprint (self->fabric, self->drag_node, node->rack, node->u);

  self->step_x = 0.75 * self->step_x + 0.25 * vx;
  self->step_y = 0.75 * self->step_y + 0.25 * vy;
  if (fabs (self->step_x) + fabs (self->step_y) < 1)
    return;
  for (guint k = 1; k <= HEADING_STEPS; k++)
    {
      double lx, ly;
      guint rack, unit;
      guint64 there;

      to_layout (self, self->pointer_x + k * self->step_x, self->pointer_y + k * self->step_y, &lx, &ly);
      rack = weft_layout_rack_at (self->layout, lx, ly);
      if (rack == WEFT_NONE)
        continue;
      unit = weft_layout_unit_at (self->layout, rack, ly);
      there = weft_fabric_move_fingerprint (self->fabric, self->drag_node, rack, unit);
      if (there == here)
        continue;
      if (there != self->heading)
        {
          self->heading = there;
          g_signal_emit (self, signals[SIGNAL_HEADING], 0, self->drag_node, rack, unit);
        }
      return;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WeftCanvas     *self)
{
  double x = self->drag_x + dx, y = self->drag_y + dy;

  self->pointer_x = x;
  self->pointer_y = y;
  self->drag_moved |= fabs (dx) > 3 || fabs (dy) > 3;
  switch (self->drag)
    {
    case DRAG_PAN:
      self->offset_x = self->drag_offset_x + dx;
      self->offset_y = self->drag_offset_y + dy;
      self->fitted = FALSE;
      break;
    case DRAG_REWIRE:
      self->drop_target = node_at (self, x, y);
      self->drop_ok = self->drop_target != WEFT_NONE &&
                      weft_fabric_check_rewire (self->fabric, self->drag_link, self->drag_end,
                                                self->drop_target, NULL);
      break;
    case DRAG_MOVE:
      {
        double lx, ly;
        guint rack, unit;

        to_layout (self, x, y, &lx, &ly);
        rack = weft_layout_rack_at (self->layout, lx, ly);
        /* Across an aisle the node stays, and the next row is ahead. */
        if (rack == WEFT_NONE)
          {
            say_heading (self, dx - self->last_dx, dy - self->last_dy);
            break;
          }
        unit = weft_layout_unit_at (self->layout, rack, ly);
        /* Each step is an edit, so cost and latency follow the drag; the
         * whole drag undoes as one. */
        weft_fabric_move_node (self->fabric, self->drag_node, rack, unit, NULL);
        say_heading (self, dx - self->last_dx, dy - self->last_dy);
      }
      break;
    case DRAG_CONNECT:
      self->drop_target = node_at (self, x, y);
      self->drop_ok = self->drop_target != WEFT_NONE &&
                      weft_fabric_check_connect (self->fabric, self->drag_node, self->drop_target, NULL);
      break;
    case DRAG_BAND:
    case DRAG_NONE:
    default:
      break;
    }
  self->last_dx = dx;
  self->last_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Adds the nodes inside the band, and the links with both ends inside. */
static void
select_band (WeftCanvas *self)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *inside = g_new0 (guint8, MAX (weft_fabric_get_n_nodes (self->fabric), 1));
  double x0, y0, x1, y1;

  to_layout (self, MIN (self->drag_x, self->pointer_x), MIN (self->drag_y, self->pointer_y), &x0, &y0);
  to_layout (self, MAX (self->drag_x, self->pointer_x), MAX (self->drag_y, self->pointer_y), &x1, &y1);
  for (guint i = 0; i < weft_fabric_get_n_nodes (self->fabric); i++)
    {
      double x, y;

      weft_layout_get_node_position (self->layout, i, &x, &y);
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
        {
          inside[i] = 1;
          g_array_append_val (nodes, i);
        }
    }
  for (guint i = 0; i < weft_fabric_get_n_links (self->fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (self->fabric, i);

      if (inside[link->a] && inside[link->b])
        g_array_append_val (links, i);
    }
  weft_selection_add (self->selection, (const guint *) nodes->data, nodes->len,
                      (const guint *) links->data, links->len);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             WeftCanvas     *self)
{
  g_autoptr(GError) error = NULL;

  if (self->drag == DRAG_REWIRE && self->drop_target != WEFT_NONE)
    {
      const WeftLink *link = weft_fabric_get_link (self->fabric, self->drag_link);
      guint current = self->drag_end == WEFT_LINK_END_A ? link->a : link->b;

      if (self->drop_target != current &&
          !weft_fabric_rewire_link (self->fabric, self->drag_link, self->drag_end, self->drop_target, &error))
        g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error->message);
    }
  else if (self->drag == DRAG_CONNECT && self->drop_target != WEFT_NONE && self->drop_target != self->drag_node)
    {
      guint link;

      if (!weft_fabric_connect (self->fabric, self->drag_node, self->drop_target, &link, &error))
        g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error->message);
      else
        weft_selection_set_link (self->selection, link);
    }
  else if (self->drag == DRAG_MOVE)
    weft_fabric_end_group (self->fabric);
  else if (self->drag == DRAG_BAND && self->layout != NULL)
    select_band (self);
  self->drag = DRAG_NONE;
  self->drop_target = WEFT_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WeftCanvas               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
  else
    {
      self->offset_x -= dx * 40;
      self->offset_y -= dy * 40;
      self->fitted = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

static void
pinch_begin_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                WeftCanvas       *self)
{
  self->pinch_scale = 1;
}

static void
pinch_cb (GtkGestureZoom *gesture,
          double          scale,
          WeftCanvas     *self)
{
  double cx, cy;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  zoom_at (self, scale / self->pinch_scale, cx, cy);
  self->pinch_scale = scale;
}

static void
weft_canvas_map (GtkWidget *widget)
{
  WeftCanvas *self = WEFT_CANVAS (widget);

  GTK_WIDGET_CLASS (weft_canvas_parent_class)->map (widget);
  /* Laid out before anything asks where its nodes are. */
  if (self->layout_stale)
    relayout (self);
}

static void
weft_canvas_dispose (GObject *object)
{
  WeftCanvas *self = WEFT_CANVAS (object);

  g_clear_handle_id (&self->relayout_source, g_source_remove);
  g_clear_pointer (&self->layout, weft_layout_unref);
  g_clear_object (&self->fabric);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (weft_canvas_parent_class)->dispose (object);
}

static void
weft_canvas_finalize (GObject *object)
{
  WeftCanvas *self = WEFT_CANVAS (object);

  g_array_unref (self->path_links);
  G_OBJECT_CLASS (weft_canvas_parent_class)->finalize (object);
}

static void
weft_canvas_class_init (WeftCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_canvas_dispose;
  object_class->finalize = weft_canvas_finalize;
  widget_class->snapshot = weft_canvas_snapshot;
  widget_class->map = weft_canvas_map;
  gtk_widget_class_set_css_name (widget_class, "weft-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);

  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_HEADING] =
    g_signal_new ("heading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
weft_canvas_init (WeftCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  self->scale = 1;
  self->fitted = TRUE;
  self->hover_node = self->hover_link = WEFT_NONE;
  self->drop_target = WEFT_NONE;
  self->path_links = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  g_signal_connect (click, "released", G_CALLBACK (click_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_add_controller (widget, motion);
  gtk_widget_add_controller (widget, scroll);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
weft_canvas_new (WeftView view)
{
  WeftCanvas *self = g_object_new (WEFT_TYPE_CANVAS, NULL);

  self->view = view;
  return GTK_WIDGET (self);
}

gboolean
weft_canvas_get_node_point (WeftCanvas *self,
                            guint       node,
                            double     *x,
                            double     *y)
{
  double lx, ly;

  if (self->layout == NULL || node >= weft_fabric_get_n_nodes (self->fabric))
    return FALSE;
  weft_layout_get_node_position (self->layout, node, &lx, &ly);
  *x = lx * self->scale + self->offset_x;
  *y = ly * self->scale + self->offset_y;
  return *x >= 0 && *y >= 0 && *x < gtk_widget_get_width (GTK_WIDGET (self)) &&
         *y < gtk_widget_get_height (GTK_WIDGET (self));
}

void
weft_canvas_take_frame_stats (WeftCanvas *self,
                              guint      *draws,
                              gint64     *draw_us,
                              guint64    *drawn_generation)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  *draws = self->draws;
  *draw_us = self->draw_us;
  *drawn_generation = self->drawn_generation;
  self->draws = 0;
  self->draw_us = 0;
}

void
weft_canvas_set_color_by (WeftCanvas  *self,
                          WeftColorBy  color_by)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  self->color_by = color_by;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WeftColorBy
weft_canvas_get_color_by (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), WEFT_COLOR_BY_MEDIUM);
  return self->color_by;
}
