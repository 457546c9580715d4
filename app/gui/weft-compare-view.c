/* weft-compare-view.c — the Compare page: the architectures at one size as a table, and a sweep as
 * charts. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "io/weft-output.h"
#include "render/weft-chart.h"
#include "render/weft-report.h"
#include "util/weft-format.h"
#include "gui/weft-compare-view.h"

static const WeftArch archs[] = {
  WEFT_ARCH_LEAF_SPINE, WEFT_ARCH_FAT_TREE,  WEFT_ARCH_RAIL_OPTIMIZED,
  WEFT_ARCH_RAIL_ONLY,  WEFT_ARCH_DRAGONFLY, WEFT_ARCH_DRAGONFLY_PLUS,
  WEFT_ARCH_SLIM_FLY,   WEFT_ARCH_HYPERX,    WEFT_ARCH_JELLYFISH,
  WEFT_ARCH_TORUS,
};
static const char *const figures[] = { "cost_per_gpu", "power_per_gpu", "bisection_ratio",
                                       "max_hops", NULL };

struct _WeftCompareView
{
  AdwBin          parent_instance;

  WeftCatalog    *catalog;
  WeftFabric     *fabric;
  GtkSpinButton  *gpus;
  GtkCheckButton *include;
  GtkButton      *compare_button;
  GtkButton      *sweep_button;
  GtkButton      *cancel_button;
  GtkButton      *export_button;
  GtkProgressBar *progress;
  GtkScrolledWindow *scroller;
  AdwStatusPage  *intro;          /* what the buttons do, until the first result */
  GtkGrid        *table;
  GtkDrawingArea *chart_area;
  GtkLabel       *status;

  gboolean        size_chosen;    /* the user set the size here: it no longer follows the fabric */
  gboolean        visited;        /* the page has been on screen */
  gboolean        automatic;      /* the run going on was started by the first visit */
  guint           following;      /* setting the size to the fabric's */

  GPtrArray      *cells;          /* the table shown: rows of cells */
  GPtrArray      *columns;        /* the comparison it shows, for Export Table */
  guint           columns_gpus;
  GPtrArray      *verdicts;       /* per row, a gint8 per cell: better 1, worse −1 */
  WeftChart      *chart;
  GCancellable   *work;
};

G_DEFINE_FINAL_TYPE (WeftCompareView, weft_compare_view, ADW_TYPE_BIN)

enum {
  SIGNAL_FINISHED,
  SIGNAL_EXPORTED,
  SIGNAL_EXPORT_FAILED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  WeftCatalog *catalog;
  WeftFabric  *fabric;            /* a copy, to add as a column; or NULL */
  guint        gpus;
  gboolean     sweep;
  gboolean     automatic;
  guint        n_sizes;
  GWeakRef     view;
  double       fraction;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->catalog);
  g_clear_object (&job->fabric);
  g_weak_ref_clear (&job->view);
  g_free (job);
}

static gboolean
progress_idle_cb (gpointer data)
{
  Job *job = data;
  g_autoptr(WeftCompareView) self = g_weak_ref_get (&job->view);

  if (self != NULL && self->work != NULL)
    gtk_progress_bar_set_fraction (self->progress, job->fraction);
  return G_SOURCE_REMOVE;
}

/* On the worker thread. The job outlives the idle: the task holds it
 * until its callback has run on the main thread, after any idle queued. */
static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  Job *job = user_data;

  job->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, job, NULL);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *columns;

  if (job->sweep)
    {
      g_autofree guint *sizes = g_new (guint, job->n_sizes);

      for (guint i = 0; i < job->n_sizes; i++)
        sizes[i] = 1024u << i;
      columns = weft_compare_sweep (job->catalog, archs, G_N_ELEMENTS (archs), sizes, job->n_sizes,
                                    NULL, cancellable, progress_cb, job, &error);
    }
  else
    {
      columns = weft_compare_run (job->catalog, archs, G_N_ELEMENTS (archs), job->gpus, NULL,
                                  cancellable, progress_cb, job, &error);
      /* The fabric being edited, first, so that the others are told against it. */
      if (columns != NULL && job->fabric != NULL)
        {
          WeftCompareColumn *mine = g_new0 (WeftCompareColumn, 1);

          mine->title = g_strdup (_("This fabric"));
          mine->requested_gpus = weft_fabric_count_nodes (job->fabric, WEFT_NODE_GPU);
          if (!weft_compare_measure (mine, job->fabric, cancellable, NULL, NULL, &error))
            {
              weft_compare_column_free (mine);
              g_clear_pointer (&columns, g_ptr_array_unref);
            }
          else
            g_ptr_array_insert (columns, 0, mine);
        }
    }
  if (columns == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, columns, (GDestroyNotify) g_ptr_array_unref);
}

static void
set_busy (WeftCompareView *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sweep_button), !busy);
  gtk_progress_bar_set_fraction (self->progress, 0);
}

static void
show_table (WeftCompareView *self,
            GPtrArray       *columns)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_ptr_array_unref);
  self->cells = weft_compare_to_cells (columns);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_ptr_array_ref (columns);
  /* The size compared at: the last column's, as "This fabric" only ever comes first. */
  self->columns_gpus =
      ((WeftCompareColumn *) g_ptr_array_index (columns, columns->len - 1))->requested_gpus;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  self->verdicts = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < self->cells->len; r++)
    {
      char **line = g_ptr_array_index (self->cells, r);
      gint8 *verdict = g_new0 (gint8, g_strv_length (line));

      g_ptr_array_add (self->verdicts, verdict);
      for (guint c = 0; line[c] != NULL; c++)
        {
          /* The difference under the value keeps the columns narrow. */
          g_auto(GStrv) parts = g_strsplit (line[c], " (", 2);
          g_autofree char *text = parts[1] && c > 0
                                      ? g_strdup_printf ("%s\n(%s", parts[0], parts[1])
                                      : g_strdup (line[c]);
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          gtk_label_set_justify (GTK_LABEL (label), c == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          verdict[c] = (gint8) weft_compare_cell_verdict (columns, r, c);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          else if (c > 0)
            gtk_widget_add_css_class (label, "metric-value");
          else
            {
              /* Row names wrap, so that the columns have the width. */
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_label_set_width_chars (GTK_LABEL (label), 18);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
            }
          if (verdict[c] != 0)
            gtk_widget_add_css_class (label, verdict[c] > 0 ? "success" : "error");
          gtk_grid_attach (self->table, label, c, r, 1, 1);
        }
    }
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WeftCompareView *self = WEFT_COMPARE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = g_task_propagate_pointer (G_TASK (result), &error);
  GString *notes = g_string_new (NULL);

  g_clear_object (&self->work);
  set_busy (self, FALSE);
  if (columns != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->intro), FALSE);
  if (columns == NULL && job->automatic &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->status, "");
  else if (columns == NULL)
    gtk_label_set_text (self->status, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                      ? _("Cancelled") : error->message);
  else if (job->sweep)
    {
      g_clear_pointer (&self->chart, weft_chart_free);
      self->chart = weft_chart_new_from_sweep (columns, job->n_sizes, figures);
      gtk_widget_set_visible (GTK_WIDGET (self->chart_area), TRUE);
      gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
    }
  else
    show_table (self, columns);
  for (guint c = 0; columns != NULL && c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      if (column->note != NULL)
        g_string_append_printf (notes, "%s%s at %u GPUs: %s", notes->len ? "\n" : "",
                                column->title ? column->title : weft_arch_get_title (column->arch),
                                column->requested_gpus, column->note);
    }
  if (columns != NULL && !job->sweep)
    {
      g_autofree char *left_out = weft_compare_left_out (columns);

      if (left_out != NULL)
        g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "", left_out);
    }
  if (columns != NULL && job->sweep && job->n_sizes < 2)
    g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "",
                            _ ("A sweep measures 1,024 GPUs, then twice as many, up to the GPUs "
                               "set above: set 2,048 or more for a line in each chart."));
  if (columns != NULL)
    gtk_label_set_text (self->status, notes->str);
  g_string_free (notes, TRUE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
  g_object_unref (self);
}

static void
start (WeftCompareView *self,
       gboolean         sweep,
       gboolean         automatic)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  guint gpus = (guint) gtk_spin_button_get_value (self->gpus);

  job->catalog = g_object_ref (self->catalog);
  job->gpus = gpus;
  job->sweep = sweep;
  job->automatic = automatic;
  self->automatic = automatic;
  /* 1k, 2k, ... up to the size asked for. */
  job->n_sizes = MAX (1, (guint) floor (log2 (MAX (gpus, 1024) / 1024.0)) + 1);
  if (!sweep && self->fabric != NULL && gtk_check_button_get_active (self->include))
    job->fabric = weft_fabric_dup_snapshot (self->fabric);
  g_weak_ref_init (&job->view, self);
  self->work = g_cancellable_new ();
  set_busy (self, TRUE);
  gtk_label_set_text (self->status, "");
  task = g_task_new (g_object_ref (self), self->work, run_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
}

static void
compare_clicked_cb (WeftCompareView *self)
{
  start (self, FALSE, FALSE);
}

static void
sweep_clicked_cb (WeftCompareView *self)
{
  start (self, TRUE, FALSE);
}

static void
cancel_clicked_cb (WeftCompareView *self)
{
  if (self->work != NULL)
    g_cancellable_cancel (self->work);
}

/* CSV as weft-cli compare --csv prints it, or the table drawn as compare -o draws it. */
static void
export_response_cb (WeftCompareView *self,
                    int              response,
                    GtkNativeDialog *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (path != NULL && g_str_has_suffix (path, ".csv"))
    {
      g_autofree char *csv = weft_compare_to_csv (self->columns);

      saved = weft_output_write (path, csv, strlen (csv), &error);
    }
  else if (path != NULL)
    {
      WeftReportTable *table = weft_report_table_for_compare (self->columns, self->columns_gpus);

      saved = weft_report_table_save (table, path, &error);
      weft_report_table_free (table);
    }
  if (saved)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);

      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, message);
    }
  else
    g_signal_emit (self, signals[SIGNAL_EXPORT_FAILED], 0,
                   error ? error->message : _("Choose a local file"));
  g_object_unref (dialog);
}

static void
export_clicked_cb (WeftCompareView *self)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf (_("Comparison at %u GPUs.csv"), self->columns_gpus);

  dialog = gtk_file_chooser_native_new (_("Export Table"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Table (CSV, SVG, PNG or PDF)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  WeftCompareView *self = user_data;
  g_autoptr(WeftPainter) painter = NULL;
  WeftPalette palette;

  if (self->chart == NULL)
    return;
  weft_palette_init (&palette, adw_style_manager_get_dark (adw_style_manager_get_default ())
                               ? WEFT_THEME_DARK : WEFT_THEME_LIGHT);
  painter = weft_painter_new_cairo (cr);
  weft_chart_draw (painter, self->chart, &palette, width, height);
}

static void
weft_compare_view_dispose (GObject *object)
{
  WeftCompareView *self = WEFT_COMPARE_VIEW (object);

  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  g_clear_object (&self->catalog);
  g_clear_object (&self->fabric);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_ptr_array_unref);
  g_clear_pointer (&self->chart, weft_chart_free);
  G_OBJECT_CLASS (weft_compare_view_parent_class)->dispose (object);
}

static void
weft_compare_view_class_init (WeftCompareViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_compare_view_dispose;

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Export Table: what to tell the user, a toast's text or an error's. */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_EXPORT_FAILED] =
      g_signal_new ("export-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
changed_cb (WeftCompareView *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Until the first result, the page says what its buttons will do at the size set. */
static void
describe_intro (WeftCompareView *self)
{
  guint gpus = (guint) gtk_spin_button_get_value (self->gpus);
  g_autofree char *count = weft_format_count (gpus);
  g_autofree char *compare = g_strdup_printf (
      _ ("Compare builds each of %u architectures at %s GPUs with the same hardware, measures "
         "it and sets it beside this fabric: cost, power, bisection, hops, latency, "
         "collectives and goodput, better in green and worse in red."),
      (guint) G_N_ELEMENTS (archs), count);
  g_autofree char *sweep =
      gpus >= 2048
          ? g_strdup_printf (_ ("Sweep from 1k measures every architecture at 1,024 GPUs, twice "
                                "as many and so on up to %s, and draws each figure against the "
                                "size."),
                             count)
          : g_strdup (_ ("Sweep from 1k measures every architecture at 1,024 GPUs, twice as "
                         "many and so on up to the GPUs set above: set 2,048 or more for a "
                         "line in each chart."));
  g_autofree char *text = g_strdup_printf ("%s\n\n%s", compare, sweep);

  adw_status_page_set_description (self->intro, text);
}

/* The first time the page is on screen it compares at the fabric's size,
 * so that it opens on the comparison rather than on an empty page. */
static void
mapped_cb (WeftCompareView *self)
{
  /* Not before the fabric: the size would not be its size yet. */
  if (self->visited || self->fabric == NULL)
    return;
  self->visited = TRUE;
  if (self->work == NULL && self->cells == NULL && self->chart == NULL)
    start (self, FALSE, TRUE);
}

static void
size_chosen_cb (WeftCompareView *self)
{
  if (self->following == 0)
    self->size_chosen = TRUE;
  /* The comparison begun for the visit is for a size no longer asked for. */
  if (self->automatic && self->work != NULL)
    g_cancellable_cancel (self->work);
  describe_intro (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The page compares at the size of the fabric on screen, as it is
 * regenerated and undone, until the user picks another size here. */
static void
follow_size (WeftCompareView *self)
{
  if (self->size_chosen)
    return;
  self->following++;
  gtk_spin_button_set_value (self->gpus, weft_fabric_count_nodes (self->fabric, WEFT_NODE_GPU));
  self->following--;
}

static void
weft_compare_view_init (WeftCompareView *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *intro = adw_status_page_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *label;

  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);
  gtk_widget_set_margin_top (page, 12);
  self->gpus = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (16, 131072, 1024));
  gtk_spin_button_set_value (self->gpus, 8192);
  self->include = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Include this fabric")));
  gtk_check_button_set_active (self->include, TRUE);
  self->compare_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Compare")));
  gtk_widget_add_css_class (GTK_WIDGET (self->compare_button), "suggested-action");
  self->sweep_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Sweep from 1k")));
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->sweep_button),
      _ ("Every architecture at 1k, 2k, … GPUs up to this size, as charts"));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_ancel")));
  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Export Table…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               _("Save the table as CSV, or drawn as SVG, PNG or PDF"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  label = gtk_label_new_with_mnemonic (_("_GPUs"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->gpus));
  g_signal_connect_object (self->gpus, "value-changed", G_CALLBACK (size_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->gpus));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->include));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->compare_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->sweep_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->export_button));

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->table, 16);
  gtk_grid_set_row_spacing (self->table, 6);
  self->chart_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_height (self->chart_area, 620);
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_area), FALSE);
  self->intro = ADW_STATUS_PAGE (intro);
  adw_status_page_set_icon_name (self->intro, "io.github.weft.Weft-symbolic");
  adw_status_page_set_title (self->intro, _("Compare Architectures"));
  describe_intro (self);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->chart_area));
  /* A table wider than the page scrolls, with a scrollbar that stays in
   * view: an overlay one shows only under the pointer, and the last
   * columns look cut off. */
  self->scroller = GTK_SCROLLED_WINDOW (scroller);
  gtk_scrolled_window_set_overlay_scrolling (self->scroller, FALSE);
  gtk_scrolled_window_set_child (self->scroller, content);
  gtk_widget_set_vexpand (scroller, TRUE);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "value-changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (page), bar);
  gtk_box_append (GTK_BOX (page), scroller);
  adw_bin_set_child (ADW_BIN (self), page);
  set_busy (self, FALSE);

  g_signal_connect_swapped (self->compare_button, "clicked", G_CALLBACK (compare_clicked_cb), self);
  g_signal_connect_swapped (self->sweep_button, "clicked", G_CALLBACK (sweep_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}

GtkWidget *
weft_compare_view_new (WeftCatalog *catalog)
{
  WeftCompareView *self = g_object_new (WEFT_TYPE_COMPARE_VIEW, NULL);

  self->catalog = g_object_ref (catalog);
  return GTK_WIDGET (self);
}

void
weft_compare_view_set_fabric (WeftCompareView *self,
                              WeftFabric      *fabric)
{
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_set_object (&self->fabric, fabric);
  self->size_chosen = FALSE;
  follow_size (self);
  g_signal_connect_object (fabric, "settled", G_CALLBACK (follow_size), self, G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mapped_cb (self);
}

guint
weft_compare_view_get_gpus (WeftCompareView *self)
{
  g_return_val_if_fail (WEFT_IS_COMPARE_VIEW (self), 0);
  return (guint) gtk_spin_button_get_value (self->gpus);
}

char *
weft_compare_view_get_text (WeftCompareView *self)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; self->cells != NULL && r < self->cells->len; r++)
    {
      g_autofree char *line = g_strjoinv ("\t", g_ptr_array_index (self->cells, r));

      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

/* Where the table's last column is in the part of the page on screen, so
 * that the window tests can tell it fits or can be scrolled to. */
static void
write_geometry (WeftCompareView *self,
                WeftJsonWriter  *w)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkWidget *bar = gtk_scrolled_window_get_hscrollbar (self->scroller);
  double right = 0;
  graphene_rect_t bounds;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->table)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_compute_bounds (child, viewport, &bounds))
      right = MAX (right, bounds.origin.x + bounds.size.width);
  weft_json_member_int (w, "viewport_width", gtk_widget_get_width (viewport));
  weft_json_member_int (w, "table_width", gtk_widget_get_width (GTK_WIDGET (self->table)));
  weft_json_member_double (w, "last_column_right", right);
  weft_json_member_double (w, "scroll_x", gtk_adjustment_get_value (h));
  weft_json_member_double (w, "scroll_x_max",
                           gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
  weft_json_member_bool (w, "scrollbar_shown",
                         !gtk_scrolled_window_get_overlay_scrolling (self->scroller) &&
                             gtk_widget_get_mapped (bar) && gtk_widget_get_height (bar) > 0);
}

void
weft_compare_view_write_state (WeftCompareView *self,
                               WeftJsonWriter  *w)
{
  g_return_if_fail (WEFT_IS_COMPARE_VIEW (self));

  weft_json_begin_object (w);
  weft_json_member_bool (w, "intro_shown", gtk_widget_get_visible (GTK_WIDGET (self->intro)));
  weft_json_member_string (w, "intro", adw_status_page_get_description (self->intro));
  weft_json_member_string (w, "status", gtk_label_get_text (self->status));
  weft_json_member_bool (w, "busy", self->work != NULL);
  write_geometry (self, w);
  /* Each coloured cell: its row and column names and whether it is better. */
  weft_json_key (w, "coloured");
  weft_json_begin_array (w);
  for (guint r = 0; self->verdicts != NULL && r < self->verdicts->len; r++)
    {
      char **line = g_ptr_array_index (self->cells, r);
      char **heading = g_ptr_array_index (self->cells, 0);
      const gint8 *verdict = g_ptr_array_index (self->verdicts, r);

      for (guint c = 0; line[c] != NULL; c++)
        if (verdict[c] != 0)
          {
            weft_json_begin_inline_object (w);
            weft_json_member_string (w, "row", line[0]);
            weft_json_member_string (w, "column", heading[c]);
            weft_json_member_string (w, "text", line[c]);
            weft_json_member_string (w, "class", verdict[c] > 0 ? "success" : "error");
            weft_json_end_object (w);
          }
    }
  weft_json_end_array (w);
  /* Why each empty chart panel is empty, or null. */
  weft_json_key (w, "chart_panels");
  weft_json_begin_array (w);
  for (guint p = 0; self->chart != NULL && gtk_widget_get_visible (GTK_WIDGET (self->chart_area)) &&
                    p < self->chart->n_panels;
       p++)
    {
      g_autofree char *why = weft_chart_panel_empty_reason (self->chart, p);

      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "title", self->chart->panels[p].title);
      weft_json_member_string (w, "empty_because", why);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
  weft_json_end_object (w);
}
