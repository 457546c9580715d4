/* weft-window-actions.c — the window's actions: files, history, views; their enabled states in one place. */
#include "config.h"

#include <glib/gi18n.h>

#include "weft-window-private.h"

void
weft_window_update_actions (WeftWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WeftFabric *fabric = self->fabric;

  gtk_widget_action_set_enabled (widget, "win.undo", fabric && weft_fabric_can_undo (fabric));
  gtk_widget_action_set_enabled (widget, "win.redo", fabric && weft_fabric_can_redo (fabric));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  WeftWindow *window = weft_window_new (WEFT_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static GtkFileFilter *
fabric_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Weft fabrics"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  WeftWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* An unmodified window takes the file; otherwise a new window does,
       * so that nothing unsaved is lost. */
      if (weft_window_is_modified (self))
        {
          GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
          WeftWindow *window = weft_window_new (WEFT_APPLICATION (app));

          gtk_window_present (GTK_WINDOW (window));
          weft_window_open_file (window, file);
        }
      else
        weft_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Fabric"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), fabric_filter ());
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     WeftWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      weft_window_save (self, file);
    }
  g_object_unref (dialog);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Fabric"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), fabric_filter ());
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    {
      name = g_strdup_printf ("%s.weft.json", weft_fabric_get_name (self->fabric));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (self->file == NULL)
    save_as_action (widget, action_name, parameter);
  else
    weft_window_save (self, self->file);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  weft_fabric_undo (WEFT_WINDOW (widget)->fabric);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  weft_fabric_redo (WEFT_WINDOW (widget)->fabric);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (WEFT_WINDOW (widget)->view_stack,
                                         g_variant_get_string (parameter, NULL));
}

void
weft_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
}
