/* weft-canvas-gestures.c — the canvas and the pointer: hover, tooltip, click, drag, scroll, pinch.
 *
 * Dragging the background pans; scrolling pans, and zooms with Ctrl or a
 * pinch. A click selects the node or link drawn under it, within a few
 * pixels whatever the zoom (Shift adds to the selection); zoomed out, where
 * one line stands for several links, it selects them all and a toast says
 * so. Shift and a drag on the background draws a band that adds what it
 * holds; Ctrl and a drag from one node to another adds a link between them;
 * two GPUs selected light up the path between them. With a link selected,
 * dragging one of its end nodes onto another node rewires that end — a
 * target that would be refused is ringed in red, and the drop does nothing
 * but say why and what to do instead.
 * In the physical view, dragging a node moves it to the rack under the
 * pointer, and cost and latency follow as it goes.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/weft-canvas-private.h"
#include "gui/weft-refusal.h"
#include "util/weft-format.h"
#include "metrics/weft-metrics.h"

#define HIT_PIXELS  6.0   /* how near a click must be to what it picks */
#define DRAWN_PIXELS 14.0 /* the largest it draws a node */
#define ON_PIXELS   2.0   /* how near a node's outline a click is on the node */

enum {
  SIGNAL_REFUSED,
  SIGNAL_NOTICE,
  SIGNAL_HEADING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The node drawn under (@x, @y) or within @margin pixels of its outline;
 * nodes are drawn no larger than DRAWN_PIXELS however far one zooms in. */
static guint
node_near (WeftCanvas *self,
           double      x,
           double      y,
           double      margin)
{
  double lx, ly, radius;

  if (self->layout == NULL)
    return WEFT_NONE;
  weft_canvas_to_layout (self, x, y, &lx, &ly);
  radius = weft_layout_get_node_radius (self->layout);
  return weft_layout_node_at (self->layout, lx, ly,
                              (margin + MIN (radius * self->scale, DRAWN_PIXELS)) / self->scale -
                                  radius);
}

guint
weft_canvas_node_at (WeftCanvas *self,
                     double      x,
                     double      y)
{
  return node_near (self, x, y, HIT_PIXELS);
}

/* The link drawn as itself under (@x, @y), or WEFT_NONE. */
static guint
link_at (WeftCanvas *self,
         double      x,
         double      y)
{
  double lx, ly;
  guint n_bundles;

  /* Zoomed out, single links are not drawn to point at: their bundles are. */
  if (self->layout == NULL || weft_canvas_get_bundles (self, &n_bundles) != NULL)
    return WEFT_NONE;
  weft_canvas_to_layout (self, x, y, &lx, &ly);
  return weft_layout_link_at (self->layout, lx, ly, HIT_PIXELS / self->scale,
                              WRAP_PIXELS / self->scale);
}

/* The stroke standing for several links under (@x, @y), or NULL (also when
 * zoomed in). */
static const WeftLayoutBundle *
bundle_at (WeftCanvas *self,
           double      x,
           double      y)
{
  guint n_bundles, found;
  const WeftLayoutBundle *bundles = weft_canvas_get_bundles (self, &n_bundles);
  double lx, ly;

  if (bundles == NULL)
    return NULL;
  weft_canvas_to_layout (self, x, y, &lx, &ly);
  /* The tolerance is in pixels, as the strokes are: the same reach at any zoom. */
  found = weft_layout_bundle_at (self->layout, bundles, n_bundles, lx, ly,
                                 HIT_PIXELS / self->scale);
  return found == WEFT_NONE ? NULL : &bundles[found];
}

void
weft_canvas_pick (WeftCanvas     *self,
                  double          x,
                  double          y,
                  WeftCanvasPick *pick)
{
  /* On a node's shape, the node; beside it, a link drawn there: between
   * nodes drawn close together a link shows for a few pixels only, and
   * must be reachable there; and else a node a few pixels away. */
  *pick = (WeftCanvasPick) { node_near (self, x, y, ON_PIXELS), WEFT_NONE, NULL };
  if (pick->node != WEFT_NONE)
    return;
  pick->bundle = bundle_at (self, x, y);
  if (pick->bundle == NULL)
    pick->link = link_at (self, x, y);
  if (pick->bundle == NULL && pick->link == WEFT_NONE)
    pick->node = weft_canvas_node_at (self, x, y);
}

void
weft_canvas_select_bundle (WeftCanvas             *self,
                           const WeftLayoutBundle *bundle,
                           gboolean                add)
{
  if (!add)
    weft_selection_clear (self->selection);
  weft_selection_add (self->selection, NULL, 0, bundle->records, bundle->n_records);
}

/* Hover and tooltips. */

static void
motion_cb (WeftCanvas *self,
           double      x,
           double      y)
{
  WeftCanvasPick pick;

  self->pointer_x = x;
  self->pointer_y = y;
  /* A drag shows its own feedback, and its frames must not wait for this. */
  if (self->drag != DRAG_NONE)
    return;
  weft_canvas_pick (self, x, y, &pick);
  if (pick.node != self->hover_node || pick.link != self->hover_link)
    {
      self->hover_node = pick.node;
      self->hover_link = pick.link;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The pointer gone, nothing is under it: no highlight left behind. */
static void
leave_cb (WeftCanvas *self)
{
  if (self->hover_node == WEFT_NONE && self->hover_link == WEFT_NONE)
    return;
  self->hover_node = self->hover_link = WEFT_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  return g_strdup_printf (
      "%s — %s\n%u × %u Gb/s, %s, %.1f m\n%s, %s", weft_fabric_get_node (fabric, link->a)->name,
      weft_fabric_get_node (fabric, link->b)->name, link->count, link->speed_gbps,
      media ? media->name : _ ("no medium reaches"), link->length_m, cost, latency);
}

/* A stroke standing for several links: how many, one of them, and how to
 * reach a single one. */
static char *
describe_bundle (WeftFabric             *fabric,
                 const WeftLayoutBundle *bundle)
{
  const WeftLink *link = weft_fabric_get_link (fabric, bundle->link);
  g_autofree char *count = weft_format_count (bundle->n_records);
  g_autofree char *title = NULL;

  if (bundle->n_records == 1)
    return describe_link (fabric, bundle->link);
  title = g_strdup_printf (ngettext ("%s link drawn as one line", "%s links drawn as one line",
                                     bundle->n_records),
                           count);
  return g_strdup_printf (_("%s\nsuch as %s — %s\n"
                            "Click to select them all, or zoom in to pick one"),
                          title, weft_fabric_get_node (fabric, link->a)->name,
                          weft_fabric_get_node (fabric, link->b)->name);
}

/* What the tooltip says of what is drawn at (@x, @y); NULL for nothing. */
static char *
describe_at (WeftCanvas *self,
             double      x,
             double      y)
{
  char *text = NULL;
  WeftCanvasPick pick;

  weft_canvas_pick (self, x, y, &pick);
  if (pick.node != WEFT_NONE)
    {
      const WeftPart *part = weft_fabric_get_node_part (self->fabric, pick.node);
      const WeftNode *n = weft_fabric_get_node (self->fabric, pick.node);
      g_autofree char *price = part ? weft_format_money (part->price_usd) : g_strdup ("?");

      text = g_strdup_printf ("%s\n%s (%s)\n%s", n->name, part ? part->name : "?",
                              weft_node_kind_to_string (n->kind), price);
    }
  else if (pick.bundle != NULL)
    text = describe_bundle (self->fabric, pick.bundle);
  else if (pick.link != WEFT_NONE)
    {
      double load = weft_canvas_get_link_load (self, pick.link);

      text = describe_link (self->fabric, pick.link);
      if (load >= 0)
        {
          g_autofree char *described = g_steal_pointer (&text);

          text = g_strdup_printf (_("%s\nLoad %.0f%% of the busiest link’s"), described,
                                  100 * load);
        }
    }
  return text;
}

char *
weft_canvas_describe_pointer (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), NULL);
  if (self->layout == NULL)
    return NULL;
  return describe_at (self, self->pointer_x, self->pointer_y);
}

static gboolean
query_tooltip_cb (WeftCanvas *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = describe_at (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Clicks select. */

static void
click_cb (WeftCanvas      *self,
          int              n_press,
          double           x,
          double           y,
          GtkGestureClick *gesture)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean add = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  WeftCanvasPick pick;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->selection == NULL || self->drag_moved)
    return;
  weft_canvas_pick (self, x, y, &pick);
  if (pick.node != WEFT_NONE)
    {
      if (add)
        weft_selection_toggle_node (self->selection, pick.node);
      else
        weft_selection_set_node (self->selection, pick.node);
    }
  else if (pick.bundle != NULL)
    {
      weft_canvas_select_bundle (self, pick.bundle, add);
      if (pick.bundle->n_records > 1)
        {
          g_autofree char *count = weft_format_count (pick.bundle->n_records);
          g_autofree char *notice =
              g_strdup_printf (ngettext ("Selected the %s link this line stands for — zoom in "
                                         "to pick one",
                                         "Selected the %s links this line stands for — zoom in "
                                         "to pick one",
                                         pick.bundle->n_records),
                               count);

          g_signal_emit (self, signals[SIGNAL_NOTICE], 0, notice);
        }
    }
  else if (pick.link != WEFT_NONE)
    {
      if (add)
        weft_selection_toggle_link (self->selection, pick.link);
      else
        weft_selection_set_link (self->selection, pick.link);
    }
  else if (!add)
    weft_selection_clear (self->selection);
}

/* Drags pan, rewire or move. */

static void
drag_begin_cb (WeftCanvas     *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  guint node = weft_canvas_node_at (self, x, y);
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
      (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
       GDK_SHIFT_MASK))
    {
      self->drag = DRAG_BAND;
      self->pointer_x = x;
      self->pointer_y = y;
      return;
    }
  if (node == WEFT_NONE || self->selection == NULL)
    return;
  if (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
      GDK_CONTROL_MASK)
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

      weft_canvas_to_layout (self, self->pointer_x + k * self->step_x,
                             self->pointer_y + k * self->step_y, &lx, &ly);
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
drag_update_cb (WeftCanvas *self,
                double      dx,
                double      dy)
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
      self->drop_target = weft_canvas_node_at (self, x, y);
      self->drop_ok = self->drop_target != WEFT_NONE &&
                      weft_fabric_check_rewire (self->fabric, self->drag_link, self->drag_end,
                                                self->drop_target, NULL);
      break;
    case DRAG_MOVE:
      {
        double lx, ly;
        guint rack, unit;

        weft_canvas_to_layout (self, x, y, &lx, &ly);
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
      self->drop_target = weft_canvas_node_at (self, x, y);
      self->drop_ok =
          self->drop_target != WEFT_NONE &&
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

  weft_canvas_to_layout (self, MIN (self->drag_x, self->pointer_x),
                         MIN (self->drag_y, self->pointer_y), &x0, &y0);
  weft_canvas_to_layout (self, MAX (self->drag_x, self->pointer_x),
                         MAX (self->drag_y, self->pointer_y), &x1, &y1);
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
drag_end_cb (WeftCanvas *self,
             double      dx,
             double      dy)
{
  g_autoptr(GError) error = NULL;

  if (self->drag == DRAG_REWIRE && self->drop_target != WEFT_NONE)
    {
      const WeftLink *link = weft_fabric_get_link (self->fabric, self->drag_link);
      guint current = self->drag_end == WEFT_LINK_END_A ? link->a : link->b;

      if (self->drop_target != current &&
          !weft_fabric_rewire_link (self->fabric, self->drag_link, self->drag_end,
                                    self->drop_target, &error))
        {
          g_autofree char *message = weft_refusal_explain (self->fabric, error, link->speed_gbps,
                                                           &self->drop_target, 1);

          g_signal_emit (self, signals[SIGNAL_REFUSED], 0, message);
        }
    }
  else if (self->drag == DRAG_CONNECT && self->drop_target != WEFT_NONE &&
           self->drop_target != self->drag_node)
    {
      guint link, ends[2] = { self->drag_node, self->drop_target };

      if (!weft_fabric_connect (self->fabric, self->drag_node, self->drop_target, &link, &error))
        {
          g_autofree char *message = weft_refusal_explain (self->fabric, error, 0, ends, 2);

          g_signal_emit (self, signals[SIGNAL_REFUSED], 0, message);
        }
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
scroll_cb (WeftCanvas               *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    weft_canvas_zoom_at (self, pow (1.15, -dy), self->pointer_x, self->pointer_y);
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
pinch_begin_cb (WeftCanvas *self)
{
  self->pinch_scale = 1;
}

static void
pinch_cb (WeftCanvas     *self,
          double          scale,
          GtkGestureZoom *gesture)
{
  double cx, cy;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  weft_canvas_zoom_at (self, scale / self->pinch_scale, cx, cy);
  self->pinch_scale = scale;
}

void
weft_canvas_class_init_gestures (WeftCanvasClass *klass)
{
  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_HEADING] =
    g_signal_new ("heading", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

void
weft_canvas_init_gestures (WeftCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  gtk_widget_set_has_tooltip (widget, TRUE);
  /* The controllers are the canvas's own and die with it. */
  g_signal_connect_swapped (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_cb), self);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (pinch_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_add_controller (widget, motion);
  gtk_widget_add_controller (widget, scroll);
  weft_canvas_init_menu (self);
}
