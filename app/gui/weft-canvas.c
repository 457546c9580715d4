/* weft-canvas.c — the fabric drawn by the render code: the widget, its document, zoom and fit.
 *
 * The pointer's side — hover, clicks, drags and their edits, scroll and
 * pinch — is in weft-canvas-gestures.c.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "gui/weft-canvas-private.h"
#include "metrics/weft-metrics.h"
#include "render/weft-render.h"

G_DEFINE_FINAL_TYPE (WeftCanvas, weft_canvas, GTK_TYPE_WIDGET)

void
weft_canvas_zoom_to_fit (WeftCanvas *self)
{
  WeftRenderOptions options;
  WeftPalette palette;

  if (self->layout == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)));
  options.legend = self->legend;
  weft_render_fit (self->layout, &options);
  self->scale = options.scale;
  self->offset_x = options.offset_x;
  self->offset_y = options.offset_y;
  self->fitted = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_canvas_zoom_at (WeftCanvas *self,
                     double      factor,
                     double      x,
                     double      y)
{
  double lx, ly;

  weft_canvas_to_layout (self, x, y, &lx, &ly);
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
  weft_canvas_zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

static guint path_changed_signal;

/* The path between two selected GPUs is worked out on a worker thread:
 * igraph runs under one lock for the whole process, which a metrics or
 * Compare run holds for seconds, and a frame must not wait behind it. */

typedef struct
{
  WeftFabric *fabric;            /* a copy: the original is edited meanwhile */
  guint64     generation;        /* of the original, which the copy is of */
  guint       from;
  guint       to;
} PathJob;

static void
path_job_free (PathJob *job)
{
  g_object_unref (job->fabric);
  g_free (job);
}

static void
path_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PathJob *job = task_data;
  WeftPath *path;
  GError *error = NULL;

  /* Queued behind other work, the selection may have moved on already. */
  if (g_task_return_error_if_cancelled (task))
    return;
  path = weft_metrics_path (job->fabric, job->from, job->to, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, path, (GDestroyNotify) weft_path_free);
}

static void
path_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  WeftCanvas *self = WEFT_CANVAS (source);
  PathJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(WeftPath) path = g_task_propagate_pointer (G_TASK (result), NULL);
  const guint *nodes;
  guint n_nodes;

  /* Cancelled (also by dispose), or no path joins them. */
  if (path == NULL)
    return;
  /* Only for the pair and the fabric on show now. */
  nodes = weft_selection_get_nodes (self->selection, &n_nodes);
  if (weft_fabric_get_generation (self->fabric) != job->generation || n_nodes != 2 ||
      nodes[0] != job->from || nodes[1] != job->to)
    return;
  g_clear_object (&self->path_work);
  g_array_set_size (self->path_links, 0);
  for (guint i = 0; i < path->steps->len; i++)
    {
      const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

      if (step->is_link)
        g_array_append_val (self->path_links, step->index);
    }
  g_clear_pointer (&self->path, weft_path_free);
  self->path = g_steal_pointer (&path);
  g_signal_emit (self, path_changed_signal, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cancel_path (WeftCanvas *self)
{
  g_cancellable_cancel (self->path_work);
  g_clear_object (&self->path_work);
}

/* Until the new path arrives, none is lit. The view not on show asks
 * for its path when it shows. */
static void
update_path (WeftCanvas *self)
{
  g_autoptr(GTask) task = NULL;
  const guint *nodes;
  guint n_nodes;
  PathJob *job;

  cancel_path (self);
  g_array_set_size (self->path_links, 0);
  if (self->path != NULL)
    {
      g_clear_pointer (&self->path, weft_path_free);
      g_signal_emit (self, path_changed_signal, 0);
    }
  self->path_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->selection == NULL || self->path_stale)
    return;
  nodes = weft_selection_get_nodes (self->selection, &n_nodes);
  if (n_nodes != 2 || weft_fabric_get_node (self->fabric, nodes[0])->kind != WEFT_NODE_GPU ||
      weft_fabric_get_node (self->fabric, nodes[1])->kind != WEFT_NODE_GPU)
    return;
  /* One copy for every pair picked until the fabric changes: on 65,536
   * GPUs copying takes two frames. The workers only read it. */
  if (self->path_fabric == NULL)
    self->path_fabric = weft_fabric_dup_snapshot (self->fabric);
  job = g_new0 (PathJob, 1);
  job->fabric = g_object_ref (self->path_fabric);
  job->generation = weft_fabric_get_generation (self->fabric);
  job->from = nodes[0];
  job->to = nodes[1];
  self->path_work = g_cancellable_new ();
  task = g_task_new (self, self->path_work, path_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) path_job_free);
  g_task_run_in_thread (task, path_thread);
}

static void relayout (WeftCanvas *self);

/* The loads to colour by, from the latest figures — those for an older
 * fabric too, until the new ones come: links do not flash grey at each
 * edit, and links beyond the figures' are drawn neutral. */
static void
update_loads (WeftCanvas *self)
{
  const WeftCollectiveFigures *figures = NULL;

  if (self->collectives != NULL)
    figures = weft_collective_engine_get_figures (self->collectives);

  if (figures == self->loads_of &&
      (figures == NULL || figures->generation == self->loads_generation))
    return;
  self->loads_of = figures;
  self->loads_generation = figures ? figures->generation : 0;
  g_clear_pointer (&self->load_values, g_free);
  g_clear_pointer (&self->load_caption, g_free);
  self->n_load_values = 0;
  if (figures == NULL)
    return;
  self->load_values = weft_render_load_values (figures->link_share, figures->n_links);
  self->n_load_values = self->load_values ? figures->n_links : 0;
  self->load_caption = weft_render_load_caption (figures->op, figures->size_bytes,
                                                 figures->algorithm);
}

double
weft_canvas_get_link_load (WeftCanvas *self,
                           guint       link)
{
  if (self->color_by != WEFT_COLOR_BY_LOAD)
    return -1;
  update_loads (self);
  return link < self->n_load_values ? self->load_values[link] : -1;
}

/* What the renderer is to draw: the view, the colouring, and the
 * selection, hover, path and refused drop on show. */
static void
fill_options (WeftCanvas        *self,
              WeftRenderOptions *options,
              const WeftPalette *palette,
              int                width,
              int                height)
{
  const guint *nodes = NULL, *links = NULL;
  guint n_nodes = 0, n_links = 0;

  weft_render_options_init (options, palette, width, height);
  options->scale = self->scale;
  options->offset_x = self->offset_x;
  options->offset_y = self->offset_y;
  options->legend = self->legend;
  options->color_by = self->color_by;
  if (self->color_by == WEFT_COLOR_BY_LOAD)
    {
      update_loads (self);
      options->link_values = self->load_values;
      options->n_link_values = self->n_load_values;
      options->link_values_caption = self->load_caption;
    }
  options->fast = TRUE;
  options->hover_node = self->hover_node;
  options->hover_link = self->hover_link;
  if (self->selection != NULL)
    {
      nodes = weft_selection_get_nodes (self->selection, &n_nodes);
      links = weft_selection_get_links (self->selection, &n_links);
    }
  options->selected_nodes = nodes;
  options->n_selected_nodes = n_nodes;
  options->selected_links = links;
  options->n_selected_links = n_links;
  options->path_links = (const guint *) self->path_links->data;
  options->n_path_links = self->path_links->len;
  if ((self->drag == DRAG_REWIRE || self->drag == DRAG_CONNECT) && self->drop_target != WEFT_NONE &&
      !self->drop_ok)
    options->refused_node = self->drop_target;
}

const WeftLayoutBundle *
weft_canvas_get_bundles (WeftCanvas *self,
                         guint      *n_bundles)
{
  WeftRenderOptions options;

  *n_bundles = 0;
  if (self->layout == NULL)
    return NULL;
  /* As fill_options has the frame drawn: the scale and the fast strokes
   * decide which bundles there are. */
  weft_render_options_init (&options, NULL, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)));
  options.scale = self->scale;
  options.offset_x = self->offset_x;
  options.offset_y = self->offset_y;
  options.fast = TRUE;
  return weft_render_get_bundles (self->layout, &options, n_bundles);
}

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
  fill_options (self, &options, &palette, width, height);

  start_us = g_get_monotonic_time ();
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  painter = weft_painter_new_cairo (cr);
  weft_render_draw (painter, self->layout, &options, NULL);

  /* The rubber band, in the selection colour. */
  if (self->drag == DRAG_BAND)
    {
      WeftColor fill = palette.highlight;

      fill.a = 0.15;
      weft_painter_rect (painter, MIN (self->drag_x, self->pointer_x),
                         MIN (self->drag_y, self->pointer_y), fabs (self->pointer_x - self->drag_x),
                         fabs (self->pointer_y - self->drag_y), &fill, &palette.highlight, 1);
    }

  /* The end being dragged, or the link being drawn, follows the pointer. */
  if (self->drag == DRAG_REWIRE || self->drag == DRAG_CONNECT)
    {
      const WeftLink *link =
          self->drag == DRAG_REWIRE ? weft_fabric_get_link (self->fabric, self->drag_link) : NULL;
      guint fixed = link == NULL                        ? self->drag_node
                    : self->drag_end == WEFT_LINK_END_A ? link->b
                                                        : link->a;
      double fx, fy;

      weft_layout_get_node_position (self->layout, fixed, &fx, &fy);
      weft_painter_line (painter, fx * self->scale + self->offset_x,
                         fy * self->scale + self->offset_y, self->pointer_x, self->pointer_y,
                         self->drop_ok || self->drop_target == WEFT_NONE ? &palette.highlight
                                                                         : &palette.refused,
                         2.5);
    }
  g_clear_pointer (&painter, weft_painter_free);
  cairo_destroy (cr);
  self->draws++;
  self->draw_us += g_get_monotonic_time () - start_us;
  self->drawn_generation = self->layout_generation;
  self->drawn_path_links = self->path_links->len;
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
  /* A path under way is for the fabric before: the next relayout asks again. */
  cancel_path (self);
  g_clear_object (&self->path_fabric);
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
  cancel_path (self);
  g_clear_object (&self->path_fabric);
  g_set_object (&self->fabric, fabric);
  g_set_object (&self->selection, selection);
  g_signal_connect_object (fabric, "changed", G_CALLBACK (fabric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
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

static void
weft_canvas_map (GtkWidget *widget)
{
  WeftCanvas *self = WEFT_CANVAS (widget);

  GTK_WIDGET_CLASS (weft_canvas_parent_class)->map (widget);
  /* Laid out before anything asks where its nodes are. */
  if (self->layout_stale)
    relayout (self);
  else if (self->path_stale)
    update_path (self);
}

static void
weft_canvas_dispose (GObject *object)
{
  WeftCanvas *self = WEFT_CANVAS (object);

  g_clear_handle_id (&self->relayout_source, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  /* The task holds the canvas until its thread ends; cancelled, it leaves
   * the canvas alone when it does. */
  cancel_path (self);
  g_clear_object (&self->path_fabric);
  g_clear_pointer (&self->layout, weft_layout_unref);
  g_clear_object (&self->fabric);
  g_clear_object (&self->selection);
  g_clear_object (&self->collectives);
  self->loads_of = NULL;
  G_OBJECT_CLASS (weft_canvas_parent_class)->dispose (object);
}

static void
weft_canvas_finalize (GObject *object)
{
  WeftCanvas *self = WEFT_CANVAS (object);

  g_array_unref (self->path_links);
  g_clear_pointer (&self->path, weft_path_free);
  g_free (self->load_values);
  g_free (self->load_caption);
  G_OBJECT_CLASS (weft_canvas_parent_class)->finalize (object);
}

static void
weft_canvas_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  weft_canvas_present_menu (WEFT_CANVAS (widget));
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
  widget_class->size_allocate = weft_canvas_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "weft-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  weft_canvas_class_init_gestures (klass);
  path_changed_signal =
    g_signal_new ("path-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
weft_canvas_init (WeftCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->scale = 1;
  self->fitted = TRUE;
  self->hover_node = self->hover_link = WEFT_NONE;
  self->drop_target = WEFT_NONE;
  self->path_links = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  weft_canvas_init_gestures (self);
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

double
weft_canvas_get_scale (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), 1);
  return self->scale;
}

double
weft_canvas_get_node_pixels (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), 0);
  return self->layout != NULL ? weft_layout_get_node_radius (self->layout) * self->scale : 0;
}

gboolean
weft_canvas_get_node_point (WeftCanvas *self,
                            guint       node,
                            double     *x,
                            double     *y)
{
  double lx, ly;

  /* A hidden canvas lays out again only when it shows: until then its
   * layout is of the fabric before. */
  if (self->layout == NULL || self->layout_stale || self->relayout_source != 0 ||
      node >= weft_fabric_get_n_nodes (self->fabric))
    return FALSE;
  weft_layout_get_node_position (self->layout, node, &lx, &ly);
  *x = lx * self->scale + self->offset_x;
  *y = ly * self->scale + self->offset_y;
  return *x >= 0 && *y >= 0 && *x < gtk_widget_get_width (GTK_WIDGET (self)) &&
         *y < gtk_widget_get_height (GTK_WIDGET (self));
}

/* Whether some of the run of @n @points lies inside the canvas. */
static gboolean
run_on_screen (WeftCanvas   *self,
               const double *points,
               guint         n)
{
  double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;

  for (guint p = 0; p < n; p++)
    {
      minx = MIN (minx, points[2 * p]);
      maxx = MAX (maxx, points[2 * p]);
      miny = MIN (miny, points[2 * p + 1]);
      maxy = MAX (maxy, points[2 * p + 1]);
    }
  return maxx >= 0 && maxy >= 0 && minx < gtk_widget_get_width (GTK_WIDGET (self)) &&
         miny < gtk_widget_get_height (GTK_WIDGET (self));
}

gboolean
weft_canvas_foreach_stroke (WeftCanvas          *self,
                            WeftCanvasStrokeFunc func,
                            gpointer             user_data)
{
  guint n_bundles, n_links;
  const WeftLayoutBundle *bundles;

  g_return_val_if_fail (WEFT_IS_CANVAS (self), FALSE);
  if (self->layout == NULL || self->layout_stale || self->relayout_source != 0)
    return FALSE;
  bundles = weft_canvas_get_bundles (self, &n_bundles);
  n_links = bundles != NULL ? n_bundles : weft_fabric_get_n_links (self->fabric);
  for (guint i = 0; i < n_links; i++)
    {
      guint link = bundles != NULL ? bundles[i].link : i, n = 2;
      double points[12];

      if (bundles != NULL && self->view == WEFT_VIEW_LOGICAL)
        {
          points[0] = bundles[i].x0;
          points[1] = bundles[i].y0;
          points[2] = bundles[i].x1;
          points[3] = bundles[i].y1;
        }
      else
        n = weft_layout_get_link_points (self->layout, link, points);
      for (guint p = 0; p < 2 * n; p += 2)
        {
          points[p] = points[p] * self->scale + self->offset_x;
          points[p + 1] = points[p + 1] * self->scale + self->offset_y;
        }
      if (bundles == NULL && weft_layout_link_is_wrap (self->layout, link))
        {
          /* A mark at each end, as the renderer draws it. */
          double dx = points[2] - points[0], dy = points[3] - points[1],
                 len = MAX (hypot (dx, dy), 1e-9), along = MIN (WRAP_PIXELS, len / 3) / len;
          double marks[2][4] = {
            { points[0], points[1], points[0] + along * dx, points[1] + along * dy },
            { points[2], points[3], points[2] - along * dx, points[3] - along * dy },
          };

          for (guint e = 0; e < 2; e++)
            if (run_on_screen (self, marks[e], 2))
              func (marks[e], 2, 1, link, user_data);
        }
      else if (run_on_screen (self, points, n))
        func (points, n, bundles != NULL ? bundles[i].n_records : 1, link, user_data);
    }
  return bundles != NULL;
}

void
weft_canvas_take_frame_stats (WeftCanvas *self,
                              guint      *draws,
                              gint64     *draw_us,
                              guint64    *drawn_generation,
                              guint      *drawn_path_links)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  *draws = self->draws;
  *draw_us = self->draw_us;
  *drawn_generation = self->drawn_generation;
  *drawn_path_links = self->drawn_path_links;
  self->draws = 0;
  self->draw_us = 0;
}

void
weft_canvas_set_color_by (WeftCanvas  *self,
                          WeftColorBy  color_by)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  if (self->color_by == color_by)
    return;
  self->color_by = color_by;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_canvas_set_legend (WeftCanvas *self,
                        gboolean    legend)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  if (self->legend == !!legend)
    return;
  self->legend = !!legend;
  /* A fitted drawing takes the corner back, or gives it up. */
  if (self->fitted)
    weft_canvas_zoom_to_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
weft_canvas_get_legend (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), FALSE);
  return self->legend;
}

gboolean
weft_canvas_get_drawing_box (WeftCanvas *self,
                             double     *x,
                             double     *y,
                             double     *width,
                             double     *height)
{
  WeftBox bounds;

  g_return_val_if_fail (WEFT_IS_CANVAS (self), FALSE);
  if (self->layout == NULL || self->layout_stale || self->relayout_source != 0)
    return FALSE;
  bounds = weft_layout_get_bounds (self->layout);
  *x = bounds.x * self->scale + self->offset_x;
  *y = bounds.y * self->scale + self->offset_y;
  *width = bounds.width * self->scale;
  *height = bounds.height * self->scale;
  return TRUE;
}

/* New figures: the loads are made again when next drawn. */
static void
loads_updated_cb (WeftCanvas *self)
{
  self->loads_of = NULL;
  if (self->color_by == WEFT_COLOR_BY_LOAD)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_canvas_set_collectives (WeftCanvas           *self,
                             WeftCollectiveEngine *engine)
{
  g_return_if_fail (WEFT_IS_CANVAS (self));
  if (self->collectives == engine)
    return;
  if (self->collectives != NULL)
    g_signal_handlers_disconnect_by_data (self->collectives, self);
  g_set_object (&self->collectives, engine);
  self->loads_of = NULL;
  if (engine != NULL)
    g_signal_connect_object (engine, "updated", G_CALLBACK (loads_updated_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WeftColorBy
weft_canvas_get_color_by (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), WEFT_COLOR_BY_MEDIUM);
  return self->color_by;
}

const WeftPath *
weft_canvas_get_path (WeftCanvas *self)
{
  g_return_val_if_fail (WEFT_IS_CANVAS (self), NULL);
  return self->path;
}
