/* weft-window-actions.c — the window's actions: files, history, views; their enabled states in one
 * place. */
#include "config.h"

#include <glib/gi18n.h>

#include "io/weft-cable-plan.h"
#include "model/weft-failure.h"
#include "render/weft-export.h"
#include "render/weft-report.h"
#include "gui/weft-application.h"
#include "gui/weft-bom-window.h"
#include "gui/weft-report-metrics.h"
#include "gui/weft-refusal.h"
#include "gui/weft-window-private.h"

/* What an import dialog lists before "and N more". */
#define MAX_LISTED_PROBLEMS 20

void
weft_window_update_actions (WeftWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WeftFabric *fabric = self->fabric;
  guint n_links = 0, n_nodes = 0;

  if (self->selection != NULL)
    {
      weft_selection_get_links (self->selection, &n_links);
      weft_selection_get_nodes (self->selection, &n_nodes);
    }
  gtk_widget_action_set_enabled (widget, "win.undo", fabric && weft_fabric_can_undo (fabric));
  gtk_widget_action_set_enabled (widget, "win.redo", fabric && weft_fabric_can_redo (fabric));
  gtk_widget_action_set_enabled (widget, "win.delete", n_links > 0);
  gtk_widget_action_set_enabled (widget, "win.connect", n_nodes == 2);
  gtk_widget_action_set_enabled (widget, "win.select-none", self->selection != NULL &&
                                 !weft_selection_is_empty (self->selection));
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

/* The window a chosen file goes to: this one if nothing in it is unsaved,
 * otherwise a new one, so that nothing unsaved is lost. */
static WeftWindow *
window_for_file (WeftWindow *self)
{
  GtkApplication *app;
  WeftWindow *window;

  if (!weft_window_is_modified (self))
    return self;
  app = gtk_window_get_application (GTK_WINDOW (self));
  window = weft_window_new (WEFT_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_response_cb (WeftWindow      *self,
                  int              response,
                  GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      weft_window_open_file (window_for_file (self), file);
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Importing a cable plan: read on a worker thread as opening is, the
 * problems kept for the dialog. */

typedef struct
{
  GFile            *file;
  WeftImportReport  report;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->file);
  weft_import_report_clear (&job->report);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WeftCatalog *catalog = g_object_get_data (G_OBJECT (task), "catalog");
  ImportJob *job = task_data;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;
  WeftFabric *fabric;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be imported"));
      return;
    }
  fabric = weft_fabric_import_file (catalog, path, NULL, &job->report, &error);
  if (fabric == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fabric, g_object_unref);
}

/* The first messages, one per line, and how many more there are. */
static char *
list_problems (const GPtrArray *messages,
               guint            total)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < messages->len && i < MAX_LISTED_PROBLEMS; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (const char *) messages->pdata[i]);
  if (total > MAX_LISTED_PROBLEMS)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more",
                                              total - MAX_LISTED_PROBLEMS),
                              total - MAX_LISTED_PROBLEMS);
    }
  return g_string_free (text, FALSE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WeftWindow *self = WEFT_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *name = g_file_get_basename (job->file);
  g_autofree char *body = NULL, *message = NULL;
  AdwToast *toast;

  weft_window_set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (fabric == NULL)
    {
      /* A plan with errors: every line at fault, up to a screenful. */
      if (job->report.n_errors > 0)
        {
          g_autofree char *list = list_problems (job->report.errors, job->report.n_errors);

          body = g_strdup_printf (ngettext ("%s has %u error, so nothing was imported:\n\n%s",
                                            "%s has %u errors, so nothing was imported:\n\n%s",
                                            job->report.n_errors),
                                  name, job->report.n_errors, list);
        }
      weft_window_show_error (self, _("Could Not Import the Cable Plan"),
                              body ? body : error->message);
      return;
    }

  weft_window_set_fabric (self, fabric, NULL);
  if (job->report.n_warnings == 0)
    {
      message = g_strdup_printf (_("Imported “%s”"), name);
      weft_window_toast (self, message);
      return;
    }
  /* What was inferred, a click away. */
  g_object_set_data_full (G_OBJECT (self), "weft-import-warnings",
                          list_problems (job->report.warnings, job->report.n_warnings), g_free);
  message = g_strdup_printf (ngettext ("Imported “%s” with %u warning",
                                       "Imported “%s” with %u warnings", job->report.n_warnings),
                             name, job->report.n_warnings);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.import-warnings");
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
import_warnings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *warnings = g_object_get_data (G_OBJECT (widget), "weft-import-warnings");
  GtkWidget *dialog;

  if (warnings == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("Imported With Warnings"), warnings);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file (WeftWindow *self,
             GFile      *file)
{
  WeftApplication *app = WEFT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->file = g_object_ref (file);
  weft_import_report_init (&job->report);
  g_cancellable_cancel (self->work);
  g_set_object (&self->work, g_cancellable_new ());
  task = g_task_new (self, self->work, import_done_cb, NULL);
  g_object_set_data_full (G_OBJECT (task), "catalog",
                          g_object_ref (weft_application_get_catalog (app)), g_object_unref);
  g_task_set_task_data (task, job, import_job_free);
  weft_window_set_busy (self, TRUE);
  g_task_run_in_thread (task, import_thread);
}

static void
import_response_cb (WeftWindow      *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* Like opening: a modified document is kept, and the plan gets a new window. */
      import_file (window_for_file (self), file);
    }
  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Cable Plan"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Cable plans (CSV or GraphML)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.graphml");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_response_cb (WeftWindow      *self,
                     int              response,
                     GtkNativeDialog *dialog)
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), widget,
                           G_CONNECT_SWAPPED);
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
show_exported (WeftWindow *self,
               const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

  weft_window_toast (self, message);
}

static void
export_schedule (WeftWindow *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_str_has_suffix (path, ".csv") ? g_strdup (path)
                                                           : g_strconcat (path, ".csv", NULL);

  if (!weft_fabric_save_cable_schedule (self->fabric, full, &error))
    weft_window_show_error (self, _("Could Not Export the Cable Schedule"), error->message);
  else
    show_exported (self, full);
}

/* A PDF with report pages: the drawing's choices, kept while the figures are computed. */
typedef struct
{
  char     *path;
  WeftView  view;
  WeftTheme theme;
  gboolean  title;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* The drawing, then the metrics and bill of materials pages, as weft-cli export --report
 * writes them: the title block and the pages from the same figures, for the fabric as it was
 * when Export was pressed. */
static void
report_computed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WeftWindow *self = WEFT_WINDOW (source);
  ReportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftMetrics) metrics = weft_report_metrics_compute_finish (result, &fabric, &error);
  g_autoptr(GPtrArray) tables = NULL;
  WeftExportOptions options;
  WeftTitleBlock title = { 0 };

  if (metrics != NULL)
    {
      weft_export_options_init (&options);
      options.view = job->view;
      options.theme = job->theme;
      if (job->title)
        {
          weft_report_fill_title (&title, fabric, metrics, TRUE);
          options.title = &title;
        }
      options.report = tables = weft_report_tables_for_fabric (fabric, metrics);
    }
  if (metrics == NULL || !weft_export_file (fabric, &options, job->path, &error))
    weft_window_show_error (self, _("Could Not Export the Report"), error->message);
  else
    show_exported (self, job->path);
  report_job_free (job);
}

static void
export_report (WeftWindow *self,
               const char *path,
               WeftView    view,
               WeftTheme   theme,
               gboolean    title)
{
  g_autoptr(GError) error = NULL;
  WeftExportFormat format;
  ReportJob *job;

  if (!weft_export_format_for_path (path, &format, &error) || format != WEFT_EXPORT_PDF)
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *body = g_strdup_printf (
          _("%s: report pages go in a PDF; choose a name ending in .pdf"), name);

      weft_window_show_error (self, _("Could Not Export the Report"), body);
      return;
    }
  job = g_new0 (ReportJob, 1);
  job->path = g_strdup (path);
  job->view = view;
  job->theme = theme;
  job->title = title;
  weft_window_toast (self, _("Computing the report…"));
  weft_report_metrics_compute_async (self, self->fabric, NULL, report_computed_cb, job);
}

static void
export_response_cb (WeftWindow      *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *view, *theme, *title_choice;
  const WeftCostTotals *totals;
  const WeftMetrics *metrics;
  const WeftGenParams *params;
  WeftExportOptions options;
  WeftTitleBlock title = { 0 };

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  /* The cable schedule, by the filter or the name; the drawing choices do not apply. */
  if (path != NULL && (g_str_has_suffix (path, ".csv") ||
                       gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog)) ==
                       g_object_get_data (G_OBJECT (dialog), "schedule-filter")))
    {
      export_schedule (self, path);
      g_object_unref (dialog);
      return;
    }
  view = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "view");
  theme = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "theme");
  title_choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "title");

  weft_export_options_init (&options);
  options.view = g_strcmp0 (view, "physical") == 0 ? WEFT_VIEW_PHYSICAL : WEFT_VIEW_LOGICAL;
  options.theme = g_strcmp0 (theme, "dark") == 0 ? WEFT_THEME_DARK : WEFT_THEME_LIGHT;
  if (path != NULL &&
      g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "report"), "true") == 0)
    {
      export_report (self, path, options.view, options.theme,
                     g_strcmp0 (title_choice, "false") != 0);
      g_object_unref (dialog);
      return;
    }
  options.scale = 2;
  totals = weft_metrics_engine_get_totals (self->engine);
  metrics = weft_metrics_engine_get_metrics (self->engine);
  params = weft_fabric_get_generator (self->fabric);
  title.name = weft_fabric_get_name (self->fabric);
  title.architecture = params ? weft_arch_get_title (params->arch) : NULL;
  title.gpus = weft_fabric_count_nodes (self->fabric, WEFT_NODE_GPU);
  title.has_cost = TRUE;
  title.cost_usd = totals->usd;
  title.power_w = totals->watts;
  /* Only figures for the fabric as it is now. */
  if (metrics != NULL && weft_metrics_engine_get_current (self->engine) ==
                             (WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION))
    {
      title.has_metrics = TRUE;
      title.bisection_ratio = metrics->bisection.ratio;
      title.max_switch_hops = metrics->switch_hops.max;
      title.latency_min_ns = metrics->latency.min_ns;
      title.latency_max_ns = metrics->latency.max_ns;
    }
  if (g_strcmp0 (title_choice, "false") != 0)
    options.title = &title;

  if (path == NULL || !weft_export_file (self->fabric, &options, path, &error))
    weft_window_show_error (self, _("Could Not Export the Diagram"),
                            error ? error->message : _("Choose a local file"));
  else
    show_exported (self, path);
  g_object_unref (dialog);
}

/* PNG (at twice the size, for HiDPI), SVG or PDF by the file name, or the
 * cable schedule as CSV; the view, theme, title block and report pages as
 * choices, the last on to begin with for Export Report. */
static void
show_export_dialog (WeftWindow *self,
                    gboolean    report)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf (report ? "%s.pdf" : "%s.png",
                                           weft_fabric_get_name (self->fabric));
  const char *views[] = { "logical", "physical", NULL };
  const char *view_labels[] = { _("Logical"), _("Physical"), NULL };
  const char *themes[] = { "light", "dark", NULL };
  const char *theme_labels[] = { _("Light"), _("Dark"), NULL };
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkFileFilter *schedule = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Diagram (PNG, SVG or PDF)"));
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_filter_set_name (schedule, _("Cable schedule (CSV)"));
  gtk_file_filter_add_pattern (schedule, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), schedule);
  g_object_set_data (G_OBJECT (dialog), "schedule-filter", schedule);
  /* The first filter is the one shown. */
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "view", _("View"), views, view_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "view",
                               adw_view_stack_get_visible_child_name (self->view_stack));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "theme", _ ("Theme"), themes,
                               theme_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "theme", "light");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "title", _("Title block"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "title", "true");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "report",
                               _("Report pages"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "report", report ? "true" : "false");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_export_dialog (WEFT_WINDOW (widget), g_str_equal (action_name, "win.export-report"));
}

static void
bill_of_materials_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (weft_bom_window_new (WEFT_WINDOW (widget))));
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

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WeftCanvas *canvas = weft_window_get_canvas (WEFT_WINDOW (widget));

  if (g_str_equal (action_name, "win.zoom-in"))
    weft_canvas_zoom (canvas, 1.25);
  else if (g_str_equal (action_name, "win.zoom-out"))
    weft_canvas_zoom (canvas, 0.8);
  else
    weft_canvas_zoom_to_fit (canvas);
  /* What is drawn where has changed. */
  weft_window_queue_state_dump (WEFT_WINDOW (widget));
}

/* Delete removes the selected links, as one undo step. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autofree guint *links = NULL;
  g_autoptr(GError) error = NULL;
  guint n_links;
  const guint *selected = weft_selection_get_links (self->selection, &n_links);

  if (n_links == 0)
    return;
  links = g_memdup2 (selected, n_links * sizeof (guint));
  weft_fabric_begin_group (self->fabric, n_links == 1 ? _("Delete Link") : _("Delete Links"));
  /* Highest index first: removing a link moves the last one into its place. */
  for (guint i = n_links; i-- > 0;)
    if (!weft_fabric_remove_link (self->fabric, links[i], &error))
      {
        weft_window_toast (self, error->message);
        break;
      }
  weft_fabric_end_group (self->fabric);
}

/* Connect adds a link between the two selected nodes. */
static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint n_nodes, link;
  const guint *nodes = weft_selection_get_nodes (self->selection, &n_nodes);

  if (n_nodes != 2)
    return;
  if (!weft_fabric_connect (self->fabric, nodes[0], nodes[1], &link, &error))
    {
      g_autofree char *message = weft_refusal_explain (self->fabric, error, 0, nodes, 2);

      weft_window_toast (self, message);
    }
  else
    weft_selection_set_link (self->selection, link);
}

/* Fail marks the selected nodes and links failed, one edit: every figure
 * is then worked out without them, and undo brings them back. */
static void
fail_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_nodes, n_links;
  const guint *nodes = weft_selection_get_nodes (self->selection, &n_nodes);
  const guint *links = weft_selection_get_links (self->selection, &n_links);

  for (guint i = 0; i < n_nodes; i++)
    g_ptr_array_add (elements, g_strconcat ("node:",
                                            weft_fabric_get_node (self->fabric, nodes[i])->name,
                                            NULL));
  /* A link by its ends, which stay put while indices move. */
  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *l = weft_fabric_get_link (self->fabric, links[i]);

      g_ptr_array_add (elements, g_strdup_printf ("link:%s,%s",
                                                  weft_fabric_get_node (self->fabric, l->a)->name,
                                                  weft_fabric_get_node (self->fabric, l->b)->name));
    }
  if (elements->len == 0)
    {
      weft_window_toast (self, _("Select a switch, a GPU or a link to mark it failed"));
      return;
    }
  g_ptr_array_add (elements, NULL);
  weft_selection_clear (self->selection);
  if (!weft_fabric_fail_all (self->fabric, (const char *const *) elements->pdata, &error))
    weft_window_toast (self, error->message);
}

static void
restore_failures_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr(GPtrArray) failures = weft_fabric_list_failures (self->fabric);
  g_autoptr(GError) error = NULL;

  if (failures->len == 0)
    weft_window_toast (self, _("Nothing is marked failed"));
  else if (!weft_fabric_restore_failures (self->fabric, &error))
    weft_window_toast (self, error->message);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  weft_selection_clear (WEFT_WINDOW (widget)->selection);
}

void
weft_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.bill-of-materials", NULL,
                                   bill_of_materials_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "win.fail", NULL, fail_action);
  gtk_widget_class_install_action (widget_class, "win.restore-failures", NULL,
                                   restore_failures_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-warnings", NULL,
                                   import_warnings_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
}
