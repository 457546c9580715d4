/* weft-bom-window.c — the Bill of Materials window: the report's tables on two pages, each exported
 * as CSV. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/weft-output.h"
#include "render/weft-report.h"
#include "gui/weft-bom-window.h"
#include "gui/weft-report-metrics.h"
#include "gui/weft-window-private.h"

struct _WeftBomWindow
{
  AdwWindow        parent_instance;

  WeftWindow      *window;        /* not owned: the window is destroyed with it */
  AdwToastOverlay *toasts;
  AdwViewStack    *stack;
  GtkBox          *bom_page;
  GtkBox          *metrics_page;
  GtkButton       *export_button;

  WeftFabric      *fabric;        /* the snapshot the figures are for */
  WeftMetrics     *metrics;
  GCancellable    *work;
};

G_DEFINE_FINAL_TYPE (WeftBomWindow, weft_bom_window, ADW_TYPE_WINDOW)

/* A report table as a grid of labels: headings first, numbers right-aligned. */
static GtkWidget *
table_grid (const WeftReportTable *table,
            const gboolean        *numeric)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_grid_set_column_spacing (grid, 24);
  gtk_grid_set_row_spacing (grid, 6);
  for (guint r = 0; r <= table->rows->len; r++)
    {
      char **cells = r == 0 ? table->headings : g_ptr_array_index (table->rows, r - 1);

      for (guint c = 0; c < table->n_columns; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), numeric[c] ? 1 : 0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          else if (numeric[c])
            gtk_widget_add_css_class (label, "metric-value");
          gtk_grid_attach (grid, label, c, r, 1, 1);
        }
    }
  return GTK_WIDGET (grid);
}

static void
set_page (GtkBox    *page,
          GtkWidget *child)
{
  GtkWidget *old;

  while ((old = gtk_widget_get_first_child (GTK_WIDGET (page))) != NULL)
    gtk_box_remove (page, old);
  gtk_box_append (page, child);
}

static void
show_tables (WeftBomWindow *self)
{
  g_autoptr(GPtrArray) tables = weft_report_tables_for_fabric (self->fabric, self->metrics);
  const gboolean metrics_numeric[] = { FALSE, TRUE };
  const gboolean bom_numeric[] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };

  set_page (self->metrics_page, table_grid (g_ptr_array_index (tables, 0), metrics_numeric));
  set_page (self->bom_page, table_grid (g_ptr_array_index (tables, 1), bom_numeric));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WeftBomWindow *self = WEFT_BOM_WINDOW (source);
  g_autoptr(GError) error = NULL;

  self->metrics = weft_report_metrics_compute_finish (result, &self->fabric, &error);
  if (self->metrics != NULL)
    show_tables (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    for (guint i = 0; i < 2; i++)
      {
        GtkWidget *page = adw_status_page_new ();

        adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Figures for This Fabric"));
        adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
        gtk_widget_set_vexpand (page, TRUE);
        set_page (i ? self->metrics_page : self->bom_page, page);
      }
}

/* The visible page's table, with raw numbers, as weft-cli metrics --bom-csv and --csv print it. */
static void
export_response_cb (WeftBomWindow   *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL, *csv = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  csv = g_str_equal (adw_view_stack_get_visible_child_name (self->stack), "metrics")
          ? weft_metrics_to_csv (self->metrics) : weft_metrics_bom_to_csv (self->metrics);
  if (path == NULL || !weft_output_write (path, csv, strlen (csv), &error))
    weft_window_show_error_over (self->window, GTK_WINDOW (self), _("Could Not Export the Table"),
                                 error ? error->message : _("Choose a local file"));
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }
  g_object_unref (dialog);
}

static void
export_clicked_cb (WeftBomWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *fabric = weft_fabric_get_name (self->fabric);
  g_autofree char *name = g_str_equal (page, "metrics")
                              ? g_strdup_printf (_("%s metrics.csv"), fabric)
                              : g_strdup_printf (_("%s bill of materials.csv"), fabric);

  dialog = gtk_file_chooser_native_new (_("Export CSV"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkBox *
add_page (WeftBomWindow *self,
          const char    *name,
          const char    *title,
          const char    *icon)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *spinner = gtk_spinner_new ();
  AdwViewStackPage *stack_page;

  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (spinner, TRUE);
  gtk_box_append (GTK_BOX (page), spinner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), page);
  gtk_widget_set_vexpand (scroller, TRUE);
  stack_page = adw_view_stack_add_titled (self->stack, scroller, name, title);
  adw_view_stack_page_set_icon_name (stack_page, icon);
  adw_view_stack_page_set_use_underline (stack_page, TRUE);
  return GTK_BOX (page);
}

static void
weft_bom_window_dispose (GObject *object)
{
  WeftBomWindow *self = WEFT_BOM_WINDOW (object);

  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  g_clear_object (&self->fabric);
  g_clear_pointer (&self->metrics, weft_metrics_free);
  G_OBJECT_CLASS (weft_bom_window_parent_class)->dispose (object);
}

static gboolean
close_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

static void
weft_bom_window_class_init (WeftBomWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_bom_window_dispose;
  gtk_widget_class_add_binding (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, close_cb, NULL);
}

static void
weft_bom_window_init (WeftBomWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *switcher = adw_view_switcher_title_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Bill of Materials"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 600);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());
  self->bom_page = add_page (self, "bom", _("_Bill of Materials"), "view-list-symbolic");
  self->metrics_page = add_page (self, "metrics", _("_Metrics"), "view-grid-symbolic");
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher), self->stack);
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (switcher), _("Bill of Materials"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Export CSV…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               _("Save the table on show as CSV, with plain numbers"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->export_button));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));

}

GtkWidget *
weft_bom_window_new (WeftWindow *window)
{
  WeftBomWindow *self = g_object_new (WEFT_TYPE_BOM_WINDOW, "transient-for", window, NULL);

  self->window = window;
  self->work = g_cancellable_new ();
  weft_report_metrics_compute_async (self, window->fabric, self->work, computed_cb, NULL);
  return GTK_WIDGET (self);
}
