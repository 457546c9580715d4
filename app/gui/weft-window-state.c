/* weft-window-state.c — under WEFT_TEST_STATE=FILE, what the window shows, written to FILE for
 * end-to-end tests. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/weft-window-private.h"
#include "io/weft-json-writer.h"
#include "io/weft-output.h"
#include "model/weft-failure.h"

static void
write_window (WeftJsonWriter *w,
              WeftWindow     *self)
{
  g_autofree char *file = self->file ? g_file_get_path (self->file) : NULL;
  GtkIconTheme *icons = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  weft_json_member_string (w, "title", gtk_window_get_title (GTK_WINDOW (self)));
  weft_json_member_string (w, "file", file);
  weft_json_member_bool (w, "modified", weft_window_is_modified (self));
  weft_json_member_bool (w, "busy", gtk_spinner_get_spinning (self->busy_spinner));
  weft_json_member_string (w, "view", adw_view_stack_get_visible_child_name (self->view_stack));
  weft_json_member_bool (w, "dark", adw_style_manager_get_dark (adw_style_manager_get_default ()));
  weft_json_member_string (w, "undo", weft_fabric_get_undo_label (self->fabric));
  weft_json_member_string (w, "redo", weft_fabric_get_redo_label (self->fabric));
  weft_json_member_string (w, "toast", self->toast_text);
  weft_json_member_string (w, "generator_error",
                           weft_generator_panel_get_error (self->generator_panel));
  weft_json_key (w, "chrome");
  weft_json_begin_object (w);
  weft_json_member_string (w, "header_title", adw_window_title_get_title (self->window_title));
  weft_json_member_string (w, "header_subtitle",
                           adw_window_title_get_subtitle (self->window_title));
  weft_json_member_int (w, "width", gtk_widget_get_width (GTK_WIDGET (self)));
  weft_json_member_bool (w, "panel_folded", adw_flap_get_folded (self->flap));
  weft_json_member_bool (w, "panel_revealed", adw_flap_get_reveal_flap (self->flap));
  weft_json_member_int (w, "canvas_width", gtk_widget_get_width (GTK_WIDGET (
                                               weft_window_get_canvas (self))));
  /* The About dialog's icon and the Compare page's, however the app was started. */
  weft_json_member_bool (w, "app_icon_found",
                         gtk_icon_theme_has_icon (icons, APP_ID) &&
                             gtk_icon_theme_has_icon (icons, APP_ID "-symbolic"));
  weft_json_end_object (w);

  weft_json_key (w, "fabric");
  weft_json_begin_object (w);
  weft_json_member_string (w, "name", weft_fabric_get_name (self->fabric));
  weft_json_member_int (w, "gpus", weft_fabric_count_nodes (self->fabric, WEFT_NODE_GPU));
  weft_json_member_int (w, "links", weft_fabric_get_n_links (self->fabric));
  weft_json_member_int (w, "generation", weft_fabric_get_generation (self->fabric));
  weft_json_end_object (w);
}

/* The metrics panel as the user reads it, and the generation it is for. */
static void
write_panel (WeftJsonWriter *w,
             WeftWindow     *self)
{
  static const char *keys[] = {
    "gpus", "switches", "links", "cost", "power", "latency", "hops", "bisection",
    "allreduce", "step",
  };

  weft_json_key (w, "metrics");
  weft_json_begin_object (w);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *delta = g_strconcat (keys[i], "_delta", NULL);
      g_autofree char *lines = g_strconcat (keys[i], "_lines", NULL);
      g_auto(GStrv) laid_out = weft_metrics_panel_get_value_lines (self->metrics_panel, keys[i]);

      g_autoptr(GString) value =
          g_string_new (weft_metrics_panel_get_value (self->metrics_panel, keys[i]));

      /* The no-break spaces that keep a unit by its number read as spaces. */
      g_string_replace (value, "\u00a0", " ", 0);
      weft_json_member_string (w, keys[i], value->str);
      weft_json_member_string (w, delta,
                               weft_metrics_panel_get_delta (self->metrics_panel, keys[i]));
      weft_json_key (w, lines);
      weft_json_begin_array (w);
      for (guint l = 0; laid_out[l] != NULL; l++)
        {
          g_autoptr(GString) line = g_string_new (laid_out[l]);

          g_string_replace (line, "\u00a0", " ", 0);
          weft_json_string (w, line->str);
        }
      weft_json_end_array (w);
    }
  weft_json_member_bool (w, "busy", weft_metrics_engine_get_busy (self->engine));
  weft_json_member_int (w, "generation", weft_metrics_engine_get_metrics_generation (self->engine));
  weft_json_member_int (w, "problems", weft_metrics_panel_get_n_problems (self->metrics_panel));
  weft_json_end_object (w);
}

/* The figures behind the panel, for comparing with weft-cli metrics. */
static void
write_figures (WeftJsonWriter *w,
               WeftWindow     *self)
{
  const WeftCostTotals *totals = weft_metrics_engine_get_totals (self->engine);
  const WeftMetrics *metrics = weft_metrics_engine_get_metrics (self->engine);

  weft_json_key (w, "figures");
  weft_json_begin_object (w);
  weft_json_member_double (w, "cost_usd", totals->usd);
  weft_json_member_double (w, "power_w", totals->watts);
  if (metrics != NULL)
    {
      weft_json_member_double (w, "latency_mean_ns", metrics->latency.mean_ns);
      weft_json_member_double (w, "latency_max_ns", metrics->latency.max_ns);
      weft_json_member_double (w, "hops_mean", metrics->switch_hops.mean);
      weft_json_member_double (w, "bisection_gbps", metrics->bisection.gbps);
    }
  weft_json_end_object (w);
}

/* The reliability rows' figures and what is marked failed, for comparing with weft-cli metrics. */
static void
write_reliability (WeftJsonWriter *w,
                   WeftWindow     *self)
{
  WeftReliabilitySection *section =
      weft_metrics_panel_get_reliability_section (self->metrics_panel);
  guint64 generation;
  const WeftReliability *r = weft_reliability_section_get_figures (section, &generation);
  g_auto(GStrv) failed = weft_fabric_dup_failed_elements (self->fabric);

  weft_json_key (w, "reliability");
  weft_json_begin_object (w);
  weft_json_member_int (w, "generation", generation == G_MAXUINT64 ? -1 : (gint64) generation);
  weft_json_member_string (w, "error", weft_reliability_section_get_error (section));
  if (r != NULL)
    {
      weft_json_member_double (w, "interruptions_per_day", r->interruptions_per_day);
      weft_json_member_double (w, "mtti_hours", r->mtti_hours);
      weft_json_member_double (w, "goodput", r->goodput);
    }
  weft_json_key (w, "failed");
  weft_json_begin_inline_array (w);
  for (guint i = 0; failed[i] != NULL; i++)
    weft_json_string (w, failed[i]);
  weft_json_end_array (w);
  weft_json_end_object (w);
}

enum { ARRIVAL_EDIT, ARRIVAL_METRICS, ARRIVAL_COLLECTIVES, ARRIVAL_RELIABILITY, N_ARRIVALS };

static const char *const arrival_names[N_ARRIVALS] = {
  "edit", "metrics", "collectives", "reliability",
};

static void
note (WeftWindow *self,
      guint       what)
{
  self->arrivals[what] = g_get_monotonic_time ();
}

static void
edit_settled_cb (WeftWindow *self)
{
  note (self, ARRIVAL_EDIT);
}

static void
metrics_came_cb (WeftWindow *self)
{
  note (self, ARRIVAL_METRICS);
}

static void
collectives_came_cb (WeftWindow *self)
{
  note (self, ARRIVAL_COLLECTIVES);
}

/* The interruption figures; the slowdowns timed after them are a later row. */
static void
reliability_came_cb (WeftWindow *self,
                     gboolean    timed)
{
  if (!timed)
    note (self, ARRIVAL_RELIABILITY);
}

void
weft_window_track_arrivals (WeftWindow *self)
{
  GObject *section = G_OBJECT (weft_metrics_panel_get_reliability_section (self->metrics_panel));

  if (g_getenv ("WEFT_TEST_STATE") == NULL)
    return;
  g_signal_connect_object (self->fabric, "settled", G_CALLBACK (edit_settled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "updated", G_CALLBACK (metrics_came_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collectives, "updated", G_CALLBACK (collectives_came_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_handlers_disconnect_by_func (section, reliability_came_cb, self);
  g_signal_connect_object (section, "updated", G_CALLBACK (reliability_came_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
write_arrivals (WeftJsonWriter *w,
                WeftWindow     *self)
{
  weft_json_key (w, "arrivals_us");
  weft_json_begin_inline_object (w);
  for (guint i = 0; i < N_ARRIVALS; i++)
    weft_json_member_int (w, arrival_names[i], self->arrivals[i]);
  weft_json_end_object (w);
}

/* Under WEFT_TEST_DRAWING the dump also says where every link and node is
 * drawn, for the picking tests; that is some hundreds of kilobytes for a
 * large fabric, too slow to write on every edit of a drag otherwise. */
#define MAX_NODE_POINTS (g_getenv ("WEFT_TEST_DRAWING") != NULL ? 20000 : 512)

/* Where nodes are drawn, in the X window's coordinates (which include the
 * client-side decoration), for pointer tests: scale-out switches first,
 * then scale-up ones, then GPUs, MAX_NODE_POINTS at most. */
static void
write_node_points (WeftJsonWriter *w,
                   WeftWindow     *self,
                   WeftCanvas     *canvas)
{
  guint n_nodes = weft_fabric_get_n_nodes (self->fabric);
  double surface_x = 0, surface_y = 0;

  gtk_native_get_surface_transform (GTK_NATIVE (self), &surface_x, &surface_y);
  weft_json_key (w, "nodes");
  weft_json_begin_object (w);
  for (guint pass = 0, dumped = 0, most = MAX_NODE_POINTS; pass < 3; pass++)
    for (guint i = 0; i < n_nodes && dumped < most; i++)
      {
        const WeftNode *node = weft_fabric_get_node (self->fabric, i);
        guint node_pass = node->kind == WEFT_NODE_GPU        ? 2
                          : node->kind == WEFT_NODE_NVSWITCH ? 1
                                                             : 0;
        graphene_point_t point;
        double x, y;

        if (node_pass != pass || !weft_canvas_get_node_point (canvas, i, &x, &y) ||
            !gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (self),
                                       &GRAPHENE_POINT_INIT (x, y), &point))
          continue;
        weft_json_key (w, node->name);
        weft_json_begin_inline_array (w);
        weft_json_int (w, lround (point.x + surface_x));
        weft_json_int (w, lround (point.y + surface_y));
        weft_json_end_array (w);
        dumped++;
      }
  weft_json_end_object (w);
}

/* The strokes' dump: where the canvas sits in the X window, and how many
 * strokes are written. */
typedef struct
{
  WeftJsonWriter *w;
  WeftFabric     *fabric;
  double          x;
  double          y;
  guint           written;
} StrokeDump;

#define MAX_STROKES 20000

static void
write_stroke (const double *points,
              guint         n_points,
              guint         n_links,
              guint         link,
              gpointer      user_data)
{
  StrokeDump *dump = user_data;
  const WeftLink *l = weft_fabric_get_link (dump->fabric, link);
  g_autofree char *ends = NULL;

  if (dump->written++ >= MAX_STROKES)
    return;
  ends = g_strdup_printf ("%s %s", weft_fabric_get_node (dump->fabric, l->a)->name,
                          weft_fabric_get_node (dump->fabric, l->b)->name);
  weft_json_begin_inline_object (dump->w);
  weft_json_key (dump->w, "points");
  weft_json_begin_inline_array (dump->w);
  for (guint p = 0; p < 2 * n_points; p += 2)
    {
      weft_json_double (dump->w, points[p] + dump->x);
      weft_json_double (dump->w, points[p + 1] + dump->y);
    }
  weft_json_end_array (dump->w);
  weft_json_member_int (dump->w, "links", n_links);
  weft_json_member_string (dump->w, "ends", ends);
  weft_json_end_object (dump->w);
}

/* Where the links are drawn — as themselves, or zoomed out as strokes
 * that stand for several — in the X window's coordinates, so that a test
 * can click them: the first MAX_STROKES on screen, how many there are,
 * and the canvas's box. */
static void
write_strokes (WeftJsonWriter *w,
               WeftWindow     *self,
               WeftCanvas     *canvas)
{
  StrokeDump dump = { w, self->fabric };
  graphene_point_t origin;
  gboolean bundled;

  gtk_native_get_surface_transform (GTK_NATIVE (self), &dump.x, &dump.y);
  if (!gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;
  dump.x += origin.x;
  dump.y += origin.y;
  weft_json_key (w, "strokes");
  weft_json_begin_array (w);
  bundled = weft_canvas_foreach_stroke (canvas, write_stroke, &dump);
  weft_json_end_array (w);
  weft_json_member_bool (w, "bundled", bundled);
  weft_json_key (w, "box");
  weft_json_begin_inline_array (w);
  weft_json_double (w, dump.x);
  weft_json_double (w, dump.y);
  weft_json_int (w, gtk_widget_get_width (GTK_WIDGET (canvas)));
  weft_json_int (w, gtk_widget_get_height (GTK_WIDGET (canvas)));
  weft_json_end_array (w);
  weft_json_member_int (w, "n_strokes", dump.written);
}

static void
write_canvas (WeftJsonWriter *w,
              WeftWindow     *self)
{
  static const char *color_by[] = { "medium", "tier", "length", "load" };
  WeftCanvas *canvas = weft_window_get_canvas (self);
  const guint *selected;
  guint n_selected;
  g_autofree char *pointer_text = weft_canvas_describe_pointer (canvas);

  weft_json_key (w, "canvas");
  weft_json_begin_object (w);
  weft_json_member_double (w, "scale", weft_canvas_get_scale (canvas));
  weft_json_member_double (w, "node_pixels", weft_canvas_get_node_pixels (canvas));
  weft_json_member_string (w, "pointer_text", pointer_text);
  write_node_points (w, self, canvas);
  if (g_getenv ("WEFT_TEST_DRAWING") != NULL)
    write_strokes (w, self, canvas);
  weft_json_key (w, "selected_links");
  weft_json_begin_array (w);
  selected = weft_selection_get_links (self->selection, &n_selected);
  for (guint i = 0; i < n_selected; i++)
    {
      const WeftLink *link = weft_fabric_get_link (self->fabric, selected[i]);
      g_autofree char *ends = g_strdup_printf ("%s %s",
                                               weft_fabric_get_node (self->fabric, link->a)->name,
                                               weft_fabric_get_node (self->fabric, link->b)->name);

      weft_json_string (w, ends);
    }
  weft_json_end_array (w);
  weft_json_member_string (w, "color_by", color_by[weft_canvas_get_color_by (canvas)]);
  weft_json_member_bool (w, "legend", weft_canvas_get_legend (canvas));
  {
    double x, y, width, height;

    weft_json_key (w, "drawing");
    if (weft_canvas_get_drawing_box (canvas, &x, &y, &width, &height))
      {
        weft_json_begin_inline_array (w);
        weft_json_double (w, x);
        weft_json_double (w, y);
        weft_json_double (w, width);
        weft_json_double (w, height);
        weft_json_end_array (w);
      }
    else
      weft_json_null (w);
  }
  weft_json_member_int (w, "width", gtk_widget_get_width (GTK_WIDGET (canvas)));
  weft_json_member_int (w, "height", gtk_widget_get_height (GTK_WIDGET (canvas)));
  weft_json_member_string (w, "inspector_title", weft_inspector_get_title (self->inspector));
  weft_json_member_string (w, "path_summary", weft_inspector_get_path_summary (self->inspector));
  weft_json_member_string (w, "inspector_ports", weft_inspector_get_info (self->inspector,
                                                                          _ ("Ports in use")));
  weft_json_key (w, "path_steps");
  weft_json_begin_array (w);
  for (guint i = 0; i < weft_inspector_get_path_steps (self->inspector)->len; i++)
    weft_json_string (w, g_ptr_array_index (weft_inspector_get_path_steps (self->inspector), i));
  weft_json_end_array (w);
  weft_json_key (w, "selected_nodes");
  weft_json_begin_array (w);
  selected = weft_selection_get_nodes (self->selection, &n_selected);
  for (guint i = 0; i < n_selected; i++)
    weft_json_string (w, weft_fabric_get_node (self->fabric, selected[i])->name);
  weft_json_end_array (w);
  weft_json_end_object (w);
}

static void
write_dialogs (WeftJsonWriter *w,
               WeftWindow     *self)
{
  g_autofree char *table = weft_compare_view_get_text (self->compare_view);

  weft_json_member_string (w, "compare_table", table);
  weft_json_member_int (w, "compare_gpus", weft_compare_view_get_gpus (self->compare_view));
  weft_json_key (w, "compare");
  weft_compare_view_write_state (self->compare_view, w);
  weft_json_key (w, "error_dialog");
  if (self->error_heading != NULL)
    {
      weft_json_begin_object (w);
      weft_json_member_string (w, "heading", self->error_heading);
      weft_json_member_string (w, "body", self->error_body);
      weft_json_end_object (w);
    }
  else
    weft_json_null (w);
}

/* The collective engine's figures behind the All-reduce and Training step
 * rows, for comparing with weft-cli collective and train. */
static void
write_collectives (WeftJsonWriter *w,
                   WeftWindow     *self)
{
  const WeftCollectiveFigures *figures = weft_collective_engine_get_figures (self->collectives);

  weft_json_key (w, "collectives");
  weft_json_begin_object (w);
  weft_json_member_bool (w, "current", weft_collective_engine_is_current (self->collectives));
  weft_json_member_bool (w, "busy", weft_collective_engine_get_busy (self->collectives));
  weft_json_key (w, "generation");
  if (figures != NULL)
    weft_json_int (w, figures->generation);
  else
    weft_json_null (w);
  if (figures != NULL)
    {
      weft_json_member_double (w, "allreduce_busbw_GBps", figures->allreduce_busbw_GBps);
      weft_json_member_string (w, "algorithm", weft_collective_algo_to_string (figures->algorithm));
      weft_json_key (w, "step_s");
      if (figures->has_step)
        weft_json_double (w, figures->step.step_s);
      else
        weft_json_null (w);
      weft_json_member_string (w, "step_error", figures->step_error);
    }
  weft_json_end_object (w);
}

/* The training job's section: the job it shows and what it says of it. */
static void
write_job_section (WeftJsonWriter *w,
                   WeftWindow     *self)
{
  WeftJobSection *section = weft_metrics_panel_get_job_section (self->metrics_panel);
  const WeftJob *job = weft_job_section_get_job (section);

  weft_json_key (w, "job_section");
  weft_json_begin_object (w);
  weft_json_member_bool (w, "expanded", weft_job_section_get_expanded (section));
  weft_json_member_bool (w, "uses_default", weft_job_section_get_uses_default (section));
  weft_json_member_bool (w, "pending", weft_job_section_get_pending (section));
  weft_json_member_string (w, "model", job->model.id);
  weft_json_member_int (w, "tp", job->tp);
  weft_json_member_int (w, "pp", job->pp);
  weft_json_member_int (w, "dp", job->dp);
  weft_json_member_int (w, "ep", job->ep);
  weft_json_member_string (w, "error", weft_job_section_get_error (section));
  weft_json_end_object (w);
}

/* The generator panel as the user reads it: what each field shows, the
 * notes under them, where the error sits, and where the rows are drawn. */
static void
write_generator (WeftJsonWriter *w,
                 WeftWindow     *self)
{
  static const char *keys[] = {
    "architecture", "gpus", "k", "p", "a", "h", "leaves", "spines", "groups", "q", "dims",
    "trunks", "r", "seed", "gpus-per-server", "tiers", "oversubscription", "switch", "radix",
    "speed", "protocol", "optics", "nic", "planes", "scale-up", "servers-per-rack",
  };
  WeftGeneratorPanel *panel = self->generator_panel;
  double surface_x = 0, surface_y = 0;

  gtk_native_get_surface_transform (GTK_NATIVE (self), &surface_x, &surface_y);
  weft_json_key (w, "generator");
  weft_json_begin_object (w);
  weft_json_member_string (w, "arch", weft_arch_to_string (
                                          weft_generator_panel_get_params (panel)->arch));
  weft_json_member_string (w, "error", weft_generator_panel_get_error (panel));
  weft_json_member_string (w, "error_key", weft_generator_panel_get_error_key (panel));
  weft_json_key (w, "rows");
  weft_json_begin_object (w);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *field = weft_generator_panel_get_field (panel, keys[i]);
      g_autofree char *shown = NULL;
      graphene_rect_t bounds;

      if (field == NULL || !gtk_widget_compute_bounds (field, GTK_WIDGET (self), &bounds))
        continue;
      shown = weft_generator_panel_get_shown (panel, keys[i]);
      weft_json_key (w, keys[i]);
      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "shown", shown);
      weft_json_member_string (w, "note", weft_generator_panel_get_note (panel, keys[i]));
      /* Where a click edits it: a spin button's text, a row's middle. */
      weft_json_member_int (w, "x", lround (bounds.origin.x + bounds.size.width / 3 + surface_x));
      weft_json_member_int (w, "y", lround (bounds.origin.y + bounds.size.height / 2 + surface_y));
      weft_json_end_object (w);
    }
  weft_json_end_object (w);
  weft_json_end_object (w);
}

static gboolean
dump_cb (gpointer user_data)
{
  WeftWindow *self = user_data;
  g_autoptr(GString) text = g_string_new (NULL);
  WeftJsonWriter w;

  self->state_source = 0;
  weft_json_writer_init (&w, text);
  weft_json_begin_object (&w);
  write_window (&w, self);
  write_generator (&w, self);
  write_panel (&w, self);
  write_figures (&w, self);
  write_collectives (&w, self);
  write_job_section (&w, self);
  write_reliability (&w, self);
  write_arrivals (&w, self);
  write_canvas (&w, self);
  write_dialogs (&w, self);
  weft_json_end_object (&w);
  /* Written whole and renamed, so a test never reads half a state. */
  weft_output_write (g_getenv ("WEFT_TEST_STATE"), text->str, text->len, NULL);
  return G_SOURCE_REMOVE;
}

void
weft_window_queue_state_dump (WeftWindow *self)
{
  if (g_getenv ("WEFT_TEST_STATE") == NULL || self->state_source != 0)
    return;
  /* After the frame that shows the change. */
  self->state_source = g_timeout_add_full (G_PRIORITY_LOW, 50, dump_cb, self, NULL);
}
