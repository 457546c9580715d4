/* weft-window.c — the main window: document state, loading and generating fabrics, panels. */
#include "config.h"

#include <glib/gi18n.h>

#include "io/weft-fabric-file.h"
#include "generators/weft-generator.h"
#include "gui/weft-window-private.h"

G_DEFINE_FINAL_TYPE (WeftWindow, weft_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_title (WeftWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  title = g_strdup_printf ("%s%s", weft_window_is_modified (self) ? "• " : "",
                           weft_fabric_get_name (self->fabric));
  if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else
    subtitle = g_strdup (_("Not saved"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Each a request to the display server, even when nothing changed. */
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), title) != 0)
    gtk_window_set_title (GTK_WINDOW (self), title);
  weft_window_queue_state_dump (self);
}

gboolean
weft_window_is_modified (WeftWindow *self)
{
  g_return_val_if_fail (WEFT_IS_WINDOW (self), FALSE);
  return weft_fabric_get_history_point (self->fabric) != self->saved_point;
}

WeftFabric *
weft_window_get_fabric (WeftWindow *self)
{
  g_return_val_if_fail (WEFT_IS_WINDOW (self), NULL);
  return self->fabric;
}

void
weft_window_toast (WeftWindow *self,
                   const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* The latest replaces the one before: after a few clicks the user reads
   * what the last one did, not a queue of older news. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->toast_text);
  self->toast_text = g_strdup (message);
  weft_window_queue_state_dump (self);
}

void
weft_window_show_error (WeftWindow *self,
                        const char *heading,
                        const char *body)
{
  weft_window_show_error_over (self, GTK_WINDOW (self), heading, body);
}

void
weft_window_show_error_over (WeftWindow *self,
                             GtkWindow  *over,
                             const char *heading,
                             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (over, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_free (self->error_heading);
  g_free (self->error_body);
  self->error_heading = g_strdup (heading);
  self->error_body = g_strdup (body);
  weft_window_queue_state_dump (self);
}

static void
table_failed_cb (WeftWindow *self,
                 const char *message)
{
  weft_window_show_error (self, _("Could Not Export the Table"), message);
}

void
weft_window_set_busy (WeftWindow *self,
                      gboolean    busy)
{
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  weft_window_queue_state_dump (self);
}

static void
fabric_changed_cb (WeftWindow       *self,
                   const WeftChange *change,
                   WeftFabric       *fabric)
{
  /* Undoing a regeneration brings back the old parameters. */
  if (change->kind == WEFT_CHANGE_RESET && weft_fabric_get_generator (fabric) != NULL)
    weft_generator_panel_set_params (self->generator_panel, weft_fabric_get_generator (fabric),
                                     weft_fabric_count_nodes (fabric, WEFT_NODE_GPU));
}

/* A node dragged towards another rack: have that fabric's hops and latency
 * worked out before it lands. */
static void
heading_cb (WeftWindow *self,
            guint       node,
            guint       rack,
            guint       unit)
{
  WeftFabric *prospect = weft_fabric_copy (self->fabric);

  if (weft_fabric_move_node (prospect, node, rack, unit, NULL))
    weft_metrics_engine_foresee (self->engine, prospect);
  else
    g_object_unref (prospect);
}

static void
history_changed_cb (WeftWindow *self)
{
  update_title (self);
  weft_window_update_actions (self);
}

void
weft_window_set_fabric (WeftWindow *self,
                        WeftFabric *fabric,
                        GFile      *file)
{
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_set_object (&self->fabric, fabric);
  g_set_object (&self->file, file);
  g_clear_object (&self->selection);
  self->selection = weft_selection_new (fabric);
  weft_inspector_set_selection (self->inspector, self->selection);
  weft_canvas_set_document (self->logical_canvas, fabric, self->selection);
  weft_canvas_set_document (self->physical_canvas, fabric, self->selection);
  weft_compare_view_set_fabric (self->compare_view, fabric);
  g_signal_connect_object (self->selection, "changed", G_CALLBACK (weft_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  g_clear_object (&self->engine);
  self->engine = weft_metrics_engine_new (fabric);
  weft_metrics_panel_set_engine (self->metrics_panel, self->engine, self->selection);
  g_signal_connect_object (self->engine, "updated", G_CALLBACK (weft_window_queue_state_dump), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "totals-changed",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  /* The all-reduce and the training step, worked out beside the metrics. */
  g_clear_object (&self->collectives);
  self->collectives = weft_collective_engine_new (fabric);
  weft_metrics_panel_set_collectives (self->metrics_panel, self->collectives);
  weft_canvas_set_collectives (self->logical_canvas, self->collectives);
  weft_canvas_set_collectives (self->physical_canvas, self->collectives);
  g_signal_connect_object (self->collectives, "updated", G_CALLBACK (weft_window_queue_state_dump),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "changed", G_CALLBACK (weft_window_queue_state_dump),
                           self, G_CONNECT_SWAPPED);
  weft_window_track_arrivals (self);
  self->saved_point = weft_fabric_get_history_point (fabric);

  g_signal_connect_object (fabric, "changed", G_CALLBACK (fabric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The title once an edit is whole, not for each of a move's hundred changes. */
  g_signal_connect_object (fabric, "settled", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (fabric, "notify::can-undo", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (fabric, "notify::can-redo", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (weft_fabric_get_generator (fabric) != NULL)
    weft_generator_panel_set_params (self->generator_panel, weft_fabric_get_generator (fabric),
                                     weft_fabric_count_nodes (fabric, WEFT_NODE_GPU));
  update_title (self);
  weft_window_update_actions (self);
}

void
weft_window_save (WeftWindow *self,
                  GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL || !weft_fabric_save_file (self->fabric, path, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      weft_window_show_error (self, _("Could Not Save the Fabric"),
                              error ? error->message : name);
      return;
    }
  g_set_object (&self->file, file);
  self->saved_point = weft_fabric_get_history_point (self->fabric);
  update_title (self);
}

/* Opening files: parsed on a worker thread, shown on the main thread. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WeftCatalog *catalog = g_object_get_data (G_OBJECT (task), "catalog");
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  WeftFabric *fabric;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be opened"));
      return;
    }
  fabric = weft_fabric_load_file (catalog, path, &error);
  if (fabric == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fabric, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  WeftWindow *self = WEFT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = g_task_propagate_pointer (G_TASK (result), &error);

  weft_window_set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (fabric == NULL)
    {
      weft_window_show_error (self, _("Could Not Open the Fabric"), error->message);
      return;
    }
  weft_window_set_fabric (self, fabric, g_task_get_task_data (G_TASK (result)));
}

void
weft_window_open_file (WeftWindow *self,
                       GFile      *file)
{
  WeftApplication *app = WEFT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WEFT_IS_WINDOW (self));

  g_cancellable_cancel (self->work);
  g_set_object (&self->work, g_cancellable_new ());
  task = g_task_new (self, self->work, load_done_cb, NULL);
  g_object_set_data_full (G_OBJECT (task), "catalog",
                          g_object_ref (weft_application_get_catalog (app)), g_object_unref);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  weft_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

/* Regenerating from the panel: built on a worker thread, swapped in as one undoable step. */

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WeftCatalog *catalog = g_object_get_data (G_OBJECT (task), "catalog");
  GError *error = NULL;
  WeftFabric *fabric = weft_generate (catalog, task_data, &error);

  if (fabric == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fabric, g_object_unref);
}

static void
generate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WeftWindow *self = WEFT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  weft_window_set_busy (self, FALSE);
  if (fabric == NULL)
    {
      weft_generator_panel_refuse (self->generator_panel, error->message);
      weft_window_queue_state_dump (self);
      return;
    }
  weft_fabric_replace (self->fabric, fabric, _("Regenerate"));
}

static void
generate_cb (WeftWindow          *self,
             const WeftGenParams *params)
{
  WeftApplication *app = WEFT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GTask) task = NULL;

  /* A newer request replaces one still running. */
  g_cancellable_cancel (self->work);
  g_set_object (&self->work, g_cancellable_new ());
  task = g_task_new (self, self->work, generate_done_cb, NULL);
  g_object_set_data_full (G_OBJECT (task), "catalog",
                          g_object_ref (weft_application_get_catalog (app)), g_object_unref);
  g_task_set_task_data (task, weft_gen_params_copy (params), (GDestroyNotify) weft_gen_params_free);
  weft_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, generate_thread);
}

/* Closing: ask before unsaved edits are lost. */

static void
close_response_cb (WeftWindow *self,
                   const char *response)
{
  if (g_str_equal (response, "discard"))
    {
      self->saved_point = weft_fabric_get_history_point (self->fabric);
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file != NULL)
        {
          weft_window_save (self, self->file);
          if (!weft_window_is_modified (self))
            gtk_window_close (GTK_WINDOW (self));
        }
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

static gboolean
weft_window_close_request (GtkWindow *window)
{
  WeftWindow *self = WEFT_WINDOW (window);
  GtkWidget *dialog;

  if (weft_window_is_modified (self))
    {
      dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                       _("The fabric has edits that are not saved. "
                                         "Closing the window discards them."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  g_cancellable_cancel (self->work);
  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (weft_window_parent_class)->close_request (window);
}

static gboolean
drop_cb (WeftWindow   *self,
         const GValue *value,
         double        x,
         double        y)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  weft_window_open_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
weft_window_dispose (GObject *object)
{
  WeftWindow *self = WEFT_WINDOW (object);

  g_clear_pointer (&self->frame_log, weft_frame_log_free);
  g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  g_clear_object (&self->selection);
  g_clear_object (&self->engine);
  g_clear_object (&self->collectives);
  g_clear_object (&self->fabric);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_handle_id (&self->state_source, g_source_remove);
  g_clear_pointer (&self->error_heading, g_free);
  g_clear_pointer (&self->error_body, g_free);
  g_clear_pointer (&self->toast_text, g_free);
  g_clear_weak_pointer (&self->toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_WINDOW);

  G_OBJECT_CLASS (weft_window_parent_class)->dispose (object);
}

static void
weft_window_class_init (WeftWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = weft_window_dispose;
  window_class->close_request = weft_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/weft/Weft/weft-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, generator_slot);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, logical_slot);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, physical_slot);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, compare_slot);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, busy_spinner);

  weft_window_class_init_actions (widget_class);
}

/* The Compare page needs the width: the metrics and inspector stand aside. */
static void
view_changed_cb (WeftWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (gtk_paned_get_end_child (self->paned), g_strcmp0 (view, "compare") != 0);
  weft_window_queue_state_dump (self);
}

/* What the colour of a link tells, as the preferences say, on both canvases. */
static void
color_by_cb (WeftWindow *self)
{
  g_autofree char *color_by = g_settings_get_string (self->settings, "color-by");
  WeftColorBy value = g_str_equal (color_by, "tier") ? WEFT_COLOR_BY_TIER :
                      g_str_equal (color_by, "length") ? WEFT_COLOR_BY_LENGTH :
                      g_str_equal (color_by, "load") ? WEFT_COLOR_BY_LOAD : WEFT_COLOR_BY_MEDIUM;

  if (self->logical_canvas == NULL)
    return;
  weft_canvas_set_color_by (self->logical_canvas, value);
  weft_canvas_set_color_by (self->physical_canvas, value);
  weft_window_queue_state_dump (self);
}

/* The legend on both canvases, or on neither (View ▸ Legend, Ctrl+Shift+L). */
static void
show_legend_cb (WeftWindow *self)
{
  gboolean legend = g_settings_get_boolean (self->settings, "show-legend");

  if (self->logical_canvas == NULL)
    return;
  weft_canvas_set_legend (self->logical_canvas, legend);
  weft_canvas_set_legend (self->physical_canvas, legend);
  weft_window_queue_state_dump (self);
}

/* The path between two selected GPUs, as the canvas on show found it. */
static void
path_changed_cb (WeftWindow *self,
                 WeftCanvas *canvas)
{
  if (canvas != weft_window_get_canvas (self))
    return;
  weft_inspector_set_path (self->inspector, weft_canvas_get_path (canvas));
  weft_window_queue_state_dump (self);
}

static void
flap_revealed_cb (WeftWindow *self)
{
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "panel-revealed",
                            adw_flap_get_reveal_flap (self->flap));
}

static void
weft_window_init (WeftWindow *self)
{
  GtkDropTarget *drop;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* Read once; written only by the user's choice, not by a narrow window folding it away. */
  g_settings_bind (self->settings, "panel-revealed", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (flap_revealed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (weft_window_queue_state_dump),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::color-by", G_CALLBACK (color_by_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-legend", G_CALLBACK (show_legend_cb),
                           self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GAction) legend = g_settings_create_action (self->settings, "show-legend");

    g_action_map_add_action (G_ACTION_MAP (self), legend);
  }
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (view_changed_cb), self, G_CONNECT_SWAPPED);
  view_changed_cb (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  weft_window_set_busy (self, FALSE);
}

WeftCanvas *
weft_window_get_canvas (WeftWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  return g_strcmp0 (view, "physical") == 0 ? self->physical_canvas : self->logical_canvas;
}

WeftWindow *
weft_window_new (WeftApplication *app)
{
  WeftWindow *self = g_object_new (WEFT_TYPE_WINDOW, "application", app, NULL);
  WeftCatalog *catalog = weft_application_get_catalog (app);
  g_autoptr(WeftFabric) fabric = weft_fabric_load_default (catalog);

  self->generator_panel = WEFT_GENERATOR_PANEL (weft_generator_panel_new (catalog));
  gtk_widget_set_vexpand (GTK_WIDGET (self->generator_panel), TRUE);
  gtk_box_append (self->generator_slot, GTK_WIDGET (self->generator_panel));
  g_signal_connect_object (self->generator_panel, "notes-changed",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->generator_panel, "generate", G_CALLBACK (generate_cb), self,
                           G_CONNECT_SWAPPED);

  self->logical_canvas = WEFT_CANVAS (weft_canvas_new (WEFT_VIEW_LOGICAL));
  self->physical_canvas = WEFT_CANVAS (weft_canvas_new (WEFT_VIEW_PHYSICAL));
  gtk_box_append (self->logical_slot, GTK_WIDGET (self->logical_canvas));
  gtk_box_append (self->physical_slot, GTK_WIDGET (self->physical_canvas));
  color_by_cb (self);
  show_legend_cb (self);
  self->compare_view = WEFT_COMPARE_VIEW (weft_compare_view_new (catalog));
  gtk_widget_set_hexpand (GTK_WIDGET (self->compare_view), TRUE);
  gtk_box_append (self->compare_slot, GTK_WIDGET (self->compare_view));
  g_signal_connect_object (self->compare_view, "finished",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "exported", G_CALLBACK (weft_window_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "export-failed", G_CALLBACK (table_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_view, "changed",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->logical_canvas, "refused", G_CALLBACK (weft_window_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->physical_canvas, "refused", G_CALLBACK (weft_window_toast), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (i ? self->physical_canvas : self->logical_canvas, "notice",
                             G_CALLBACK (weft_window_toast), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < 2; i++)
    g_signal_connect_object (i ? self->physical_canvas : self->logical_canvas, "path-changed",
                             G_CALLBACK (path_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->physical_canvas, "heading", G_CALLBACK (heading_cb), self,
                           G_CONNECT_SWAPPED);

  self->metrics_panel = WEFT_METRICS_PANEL (weft_metrics_panel_new ());
  gtk_box_append (self->side_box, GTK_WIDGET (self->metrics_panel));
  g_signal_connect_object (weft_metrics_panel_get_job_section (self->metrics_panel), "changed",
                           G_CALLBACK (weft_window_queue_state_dump), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (weft_metrics_panel_get_reliability_section (self->metrics_panel),
                           "updated", G_CALLBACK (weft_window_queue_state_dump), self,
                           G_CONNECT_SWAPPED);
  self->inspector = WEFT_INSPECTOR (weft_inspector_new ());
  gtk_box_append (self->side_box, GTK_WIDGET (self->inspector));
  g_signal_connect_object (self->inspector, "refused", G_CALLBACK (weft_window_toast), self,
                           G_CONNECT_SWAPPED);

  weft_window_set_fabric (self, fabric, NULL);
  self->frame_log = weft_frame_log_new (self);
  return self;
}
