/* weft-window-state.c — under WEFT_TEST_STATE=FILE, what the window shows, written to FILE for end-to-end tests. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "gui/weft-window-private.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
dump_cb (gpointer user_data)
{
  WeftWindow *self = user_data;
  const char *path = g_getenv ("WEFT_TEST_STATE");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file = self->file ? g_file_get_path (self->file) : NULL;

  self->state_source = 0;

  json_builder_begin_object (builder);
  add_string (builder, "title", gtk_window_get_title (GTK_WINDOW (self)));
  add_string (builder, "file", file);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_boolean_value (builder, weft_window_is_modified (self));
  json_builder_set_member_name (builder, "busy");
  json_builder_add_boolean_value (builder, gtk_spinner_get_spinning (self->busy_spinner));
  add_string (builder, "view", adw_view_stack_get_visible_child_name (self->view_stack));
  json_builder_set_member_name (builder, "dark");
  json_builder_add_boolean_value (builder, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  add_string (builder, "undo", weft_fabric_get_undo_label (self->fabric));
  add_string (builder, "redo", weft_fabric_get_redo_label (self->fabric));
  add_string (builder, "generator_error", weft_generator_panel_get_error (self->generator_panel));

  json_builder_set_member_name (builder, "fabric");
  json_builder_begin_object (builder);
  add_string (builder, "name", weft_fabric_get_name (self->fabric));
  json_builder_set_member_name (builder, "gpus");
  json_builder_add_int_value (builder, weft_fabric_count_nodes (self->fabric, WEFT_NODE_GPU));
  json_builder_set_member_name (builder, "links");
  json_builder_add_int_value (builder, weft_fabric_get_n_links (self->fabric));
  json_builder_set_member_name (builder, "generation");
  json_builder_add_int_value (builder, weft_fabric_get_generation (self->fabric));
  json_builder_end_object (builder);

  /* The metrics panel as the user reads it, and the generation it is for. */
  json_builder_set_member_name (builder, "metrics");
  json_builder_begin_object (builder);
  {
    const char *keys[] = { "gpus", "switches", "links", "cost", "power", "latency", "hops", "bisection" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *delta = g_strconcat (keys[i], "_delta", NULL);

        add_string (builder, keys[i], weft_metrics_panel_get_value (self->metrics_panel, keys[i]));
        add_string (builder, delta, weft_metrics_panel_get_delta (self->metrics_panel, keys[i]));
      }
    json_builder_set_member_name (builder, "busy");
    json_builder_add_boolean_value (builder, weft_metrics_engine_get_busy (self->engine));
    json_builder_set_member_name (builder, "generation");
    json_builder_add_int_value (builder, weft_metrics_engine_get_metrics_generation (self->engine));
    json_builder_set_member_name (builder, "problems");
    json_builder_add_int_value (builder, weft_metrics_panel_get_n_problems (self->metrics_panel));
  }
  json_builder_end_object (builder);

  /* The figures behind the panel, for comparing with weft-cli metrics. */
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  {
    const WeftCostTotals *totals = weft_metrics_engine_get_totals (self->engine);
    const WeftMetrics *metrics = weft_metrics_engine_get_metrics (self->engine);

    json_builder_set_member_name (builder, "cost_usd");
    json_builder_add_double_value (builder, totals->usd);
    json_builder_set_member_name (builder, "power_w");
    json_builder_add_double_value (builder, totals->watts);
    if (metrics != NULL)
      {
        json_builder_set_member_name (builder, "latency_mean_ns");
        json_builder_add_double_value (builder, metrics->latency.mean_ns);
        json_builder_set_member_name (builder, "latency_max_ns");
        json_builder_add_double_value (builder, metrics->latency.max_ns);
        json_builder_set_member_name (builder, "hops_mean");
        json_builder_add_double_value (builder, metrics->switch_hops.mean);
        json_builder_set_member_name (builder, "bisection_gbps");
        json_builder_add_double_value (builder, metrics->bisection.gbps);
      }
  }
  json_builder_end_object (builder);

  /* Where the switches are drawn, in window coordinates, for pointer tests. */
  json_builder_set_member_name (builder, "canvas");
  json_builder_begin_object (builder);
  {
    WeftCanvas *canvas = weft_window_get_canvas (self);
    guint n_nodes = weft_fabric_get_n_nodes (self->fabric);
    double surface_x = 0, surface_y = 0;
    const guint *selected;
    guint n_selected;

    /* In the X window's coordinates, which include the client-side decoration. */
    gtk_native_get_surface_transform (GTK_NATIVE (self), &surface_x, &surface_y);
    json_builder_set_member_name (builder, "nodes");
    json_builder_begin_object (builder);
    /* Scale-out switches first, then scale-up ones, then GPUs: 512 at most. */
    for (guint pass = 0, dumped = 0; pass < 3; pass++)
      {
        for (guint i = 0; i < n_nodes && dumped < 512; i++)
          {
            const WeftNode *node = weft_fabric_get_node (self->fabric, i);
            guint node_pass = node->kind == WEFT_NODE_GPU ? 2 : node->kind == WEFT_NODE_NVSWITCH ? 1 : 0;
            graphene_point_t point;
            double x, y;

            if (node_pass != pass ||
                !weft_canvas_get_node_point (canvas, i, &x, &y) ||
                !gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (self),
                                           &GRAPHENE_POINT_INIT (x, y), &point))
              continue;
            json_builder_set_member_name (builder, node->name);
            json_builder_begin_array (builder);
            json_builder_add_int_value (builder, (gint64) lround (point.x + surface_x));
            json_builder_add_int_value (builder, (gint64) lround (point.y + surface_y));
            json_builder_end_array (builder);
            dumped++;
          }
      }
    json_builder_end_object (builder);
    json_builder_set_member_name (builder, "selected_links");
    json_builder_begin_array (builder);
    selected = weft_selection_get_links (self->selection, &n_selected);
    for (guint i = 0; i < n_selected; i++)
      {
        const WeftLink *link = weft_fabric_get_link (self->fabric, selected[i]);
        g_autofree char *ends = g_strdup_printf ("%s %s", weft_fabric_get_node (self->fabric, link->a)->name,
                                                 weft_fabric_get_node (self->fabric, link->b)->name);

        json_builder_add_string_value (builder, ends);
      }
    json_builder_end_array (builder);
    add_string (builder, "color_by", (const char *[]) { "medium", "tier", "length" }[weft_canvas_get_color_by (canvas)]);
    json_builder_set_member_name (builder, "selected_nodes");
    json_builder_begin_array (builder);
    selected = weft_selection_get_nodes (self->selection, &n_selected);
    for (guint i = 0; i < n_selected; i++)
      json_builder_add_string_value (builder, weft_fabric_get_node (self->fabric, selected[i])->name);
    json_builder_end_array (builder);
  }
  json_builder_end_object (builder);

  {
    g_autofree char *table = weft_compare_view_get_text (self->compare_view);

    add_string (builder, "compare_table", table);
  }

  json_builder_set_member_name (builder, "error_dialog");
  if (self->error_heading != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "heading", self->error_heading);
      add_string (builder, "body", self->error_body);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  /* Written whole and renamed, so a test never reads half a state. */
  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL);
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
