/* weft-reliability-section.c — the metrics panel's reliability rows: how often a job on every GPU
 * stops, its goodput, the top causes, and what is marked failed.
 *
 * The figures are sums once the interrupting elements are known (80 ms at
 * 131,072 GPUs), worked out on a worker thread from the fabric's shared
 * snapshot — at once after an edit on its own, once the edits pause
 * during a drag — and dropped when the fabric has moved on. The losses
 * that only slow the job are timed after, a training step each, and fill
 * their row when they come. The failed elements row is the fabric's own
 * list, shown at once, with a button that restores them all.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/weft-reliability-section.h"
#include "model/weft-failure.h"
#include "util/weft-format.h"

/* Edits closer than this are a drag's: the figures wait for them to pause. */
#define SETTLE_MS 120
/* Up to this many GPUs the losses that only slow the job are timed too
 * (a training step each, 25 ms at 4,096 GPUs). */
#define TIMED_MAX_GPUS 4096

struct _WeftReliabilitySection
{
  AdwBin           parent_instance;

  WeftFabric      *fabric;
  GCancellable    *work;
  guint            settle_source;

  AdwPreferencesGroup *group;
  AdwActionRow    *failed_row;
  AdwActionRow    *interruptions_row;
  GtkLabel        *interruptions;
  AdwActionRow    *goodput_row;
  GtkLabel        *goodput;
  AdwActionRow    *causes_row;
  AdwActionRow    *lost_row;
  GtkLabel        *lost;
  AdwActionRow    *degrades_row;
  GtkLabel        *degrades;

  WeftReliability *figures;
  guint64          generation;
  char            *error;
};

G_DEFINE_FINAL_TYPE (WeftReliabilitySection, weft_reliability_section, ADW_TYPE_BIN)

enum { SIGNAL_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A row of the group, with a value at its end unless @with_value is FALSE (then NULL). */
static GtkLabel *
add_row (WeftReliabilitySection *self,
         AdwActionRow          **row,
         const char             *title,
         gboolean                with_value)
{
  GtkWidget *value;

  *row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (*row), FALSE);
  adw_preferences_group_add (self->group, GTK_WIDGET (*row));
  if (!with_value)
    return NULL;
  value = gtk_label_new ("…");
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "metric-value");
  adw_action_row_add_suffix (*row, value);
  return GTK_LABEL (value);
}

/* "GPU 66%, software 17%, server 12%": the three most frequent causes. */
static char *
top_causes (const WeftReliability *r)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < MIN (r->by_cause->len, 3); i++)
    {
      const WeftCauseRate *c = &g_array_index (r->by_cause, WeftCauseRate, i);

      g_string_append_printf (out, "%s%s %.0f%%", i ? ", " : "", c->cause,
                              100 * c->per_day / r->interruptions_per_day);
    }
  return g_string_free (out, FALSE);
}

/* The loss that slows the job most without stopping it, and the next. */
static void
show_degrading (WeftReliabilitySection *self,
                const WeftReliability  *r)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *worst = NULL;
  const WeftDegradation *d;

  if (r->degrading->len == 0 || isnan (((WeftDegradation *) r->degrading->pdata[0])->slowdown))
    return;
  d = r->degrading->pdata[0];
  worst = g_strdup_printf (_("Step %+.2f%%"), 100 * d->slowdown);
  g_string_append_printf (detail, _("Losing one %s"), d->what);
  if (r->degrading->len > 1)
    {
      const WeftDegradation *next = r->degrading->pdata[1];

      g_string_append_printf (detail, _("; next, one %s: %+.2f%%"), next->what,
                              100 * next->slowdown);
    }
  gtk_label_set_text (self->degrades, worst);
  adw_action_row_set_subtitle (self->degrades_row, detail->str);
}

static void
show_figures (WeftReliabilitySection *self)
{
  const WeftReliability *r = self->figures;
  g_autofree char *per_day = NULL, *detail = NULL, *goodput = NULL, *interval = NULL;
  g_autofree char *every = NULL;
  g_autofree char *causes = NULL, *lost = NULL, *hours = NULL, *mtti = NULL, *lost_detail = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->goodput_row), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->causes_row), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lost_row), r != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->degrades_row), r != NULL && r->degrading->len > 0 &&
                          !isnan (((WeftDegradation *) r->degrading->pdata[0])->slowdown));
  if (r == NULL)
    {
      gtk_label_set_text (self->interruptions, "—");
      adw_action_row_set_subtitle (self->interruptions_row, self->error ? self->error : "");
      gtk_widget_add_css_class (GTK_WIDGET (self->interruptions_row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->interruptions_row), "error");
  mtti = weft_format_duration (r->mtti_hours * 3600);
  /* Translators: interruptions of the job, on average. */
  per_day = g_strdup_printf (_("%.3g a day"), r->interruptions_per_day);
  detail = g_strdup_printf (_("%.3g a month; one every %s on average"),
                            r->interruptions_per_day * 30, mtti);
  gtk_label_set_text (self->interruptions, per_day);
  adw_action_row_set_subtitle (self->interruptions_row, detail);

  goodput = g_strdup_printf ("%.1f%%", 100 * r->goodput);
  every = weft_format_duration (r->checkpoint_interval_s);
  interval = g_strdup_printf (_("Checkpoints every %s (Young/Daly), %.0f s each"), every,
                              r->checkpointing.checkpoint_write_s);
  gtk_label_set_text (self->goodput, goodput);
  adw_action_row_set_subtitle (self->goodput_row, interval);

  causes = top_causes (r);
  adw_action_row_set_subtitle (self->causes_row, causes);

  lost = weft_format_money (r->lost_usd_per_month);
  hours = weft_format_count ((guint64) (r->lost_gpu_hours_per_month + 0.5));
  lost_detail = g_strdup_printf (_("%s GPU-hours at %.2f USD each"), hours,
                                 r->checkpointing.gpu_hour_usd);
  gtk_label_set_text (self->lost, lost);
  adw_action_row_set_subtitle (self->lost_row, lost_detail);
  show_degrading (self, r);
}

/* The failed elements, from the fabric itself: there at once after the edit. */
static void
show_failed (WeftReliabilitySection *self)
{
  g_autoptr(GPtrArray) failures = weft_fabric_list_failures (self->fabric);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < failures->len; i++)
    {
      const char *element = ((const WeftFailure *) g_ptr_array_index (failures, i))->element;

      g_string_append_printf (names, "%s%s", i ? ", " : "", strchr (element, ':') + 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->failed_row), failures->len > 0);
  adw_action_row_set_subtitle (self->failed_row, names->str);
}

typedef struct
{
  WeftFabric *snapshot;
  guint64     generation;
  gboolean    timed;      /* the degrading losses timed too */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_object_unref (job->snapshot);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  WeftReliability *r = weft_reliability_compute (job->snapshot, NULL, &error);
  g_auto(WeftJob) step_job = { 0 };

  if (r == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The slowdowns are a bonus: a job that does not fit leaves them out. */
  if (job->timed && weft_job_default (job->snapshot, &step_job, NULL) &&
      !weft_reliability_time_degraded (r, job->snapshot, &step_job, cancellable, NULL))
    for (guint i = 0; i < r->degrading->len; i++)
      ((WeftDegradation *) r->degrading->pdata[i])->slowdown = NAN;
  g_task_return_pointer (task, r, (GDestroyNotify) weft_reliability_free);
}

static void compute_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
run (WeftReliabilitySection *self,
     WeftFabric             *snapshot,
     guint64                 generation,
     gboolean                timed)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  self->work = g_cancellable_new ();
  job->snapshot = g_object_ref (snapshot);
  job->generation = generation;
  job->timed = timed;
  task = g_task_new (self, self->work, compute_done_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_thread);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WeftReliabilitySection *self = WEFT_RELIABILITY_SECTION (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  WeftReliability *r = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->work);
  g_clear_pointer (&self->figures, weft_reliability_free);
  g_clear_pointer (&self->error, g_free);
  self->figures = r;
  self->error = error ? g_strdup (error->message) : NULL;
  self->generation = job->generation;
  show_figures (self);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0, job->timed);
  /* The sums are on show; now what the other losses cost the step. */
  if (r != NULL && !job->timed && r->gpus <= TIMED_MAX_GPUS)
    run (self, job->snapshot, job->generation, TRUE);
}

static gboolean
settle_cb (gpointer user_data)
{
  WeftReliabilitySection *self = user_data;
  g_autoptr(WeftFabric) snapshot = weft_fabric_dup_snapshot (self->fabric);

  self->settle_source = 0;
  run (self, snapshot, weft_fabric_get_generation (self->fabric), FALSE);
  return G_SOURCE_REMOVE;
}

/* An edit on its own is worked out at once; one amid a drag's waits for them to pause. */
static void
fabric_settled_cb (WeftReliabilitySection *self)
{
  show_failed (self);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (weft_fabric_get_settle_gap (self->fabric) >= SETTLE_MS * 1000)
    settle_cb (self);
  else
    self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
}

void
weft_reliability_section_set_fabric (WeftReliabilitySection *self,
                                     WeftFabric             *fabric)
{
  g_return_if_fail (WEFT_IS_RELIABILITY_SECTION (self));

  if (self->fabric == fabric)
    return;
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_set_object (&self->fabric, fabric);
  /* An edit's failures are in effect once it has settled. */
  g_signal_connect_object (fabric, "settled", G_CALLBACK (fabric_settled_cb), self,
                           G_CONNECT_SWAPPED);
  show_failed (self);
  settle_cb (self);
}

const WeftReliability *
weft_reliability_section_get_figures (WeftReliabilitySection *self,
                                      guint64                *generation)
{
  g_return_val_if_fail (WEFT_IS_RELIABILITY_SECTION (self), NULL);

  if (generation != NULL)
    *generation = self->generation;
  return self->figures;
}

const char *
weft_reliability_section_get_error (WeftReliabilitySection *self)
{
  g_return_val_if_fail (WEFT_IS_RELIABILITY_SECTION (self), NULL);
  return self->error;
}

static void
weft_reliability_section_dispose (GObject *object)
{
  WeftReliabilitySection *self = WEFT_RELIABILITY_SECTION (object);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_clear_object (&self->fabric);
  G_OBJECT_CLASS (weft_reliability_section_parent_class)->dispose (object);
}

static void
weft_reliability_section_finalize (GObject *object)
{
  WeftReliabilitySection *self = WEFT_RELIABILITY_SECTION (object);

  g_clear_pointer (&self->figures, weft_reliability_free);
  g_free (self->error);
  G_OBJECT_CLASS (weft_reliability_section_parent_class)->finalize (object);
}

static void
weft_reliability_section_class_init (WeftReliabilitySectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_reliability_section_dispose;
  G_OBJECT_CLASS (klass)->finalize = weft_reliability_section_finalize;
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
weft_reliability_section_init (WeftReliabilitySection *self)
{
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore All"));

  self->generation = G_MAXUINT64;
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Reliability"));
  adw_preferences_group_set_description (self->group,
                                         _("A job on every GPU, with the catalog's failure rates"));

  self->failed_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->failed_row), _("Marked failed"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->failed_row), FALSE);
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "win.restore-failures");
  gtk_widget_set_tooltip_text (restore, _("Put every failed element back (Ctrl+Shift+R)"));
  adw_action_row_add_suffix (self->failed_row, restore);
  gtk_widget_add_css_class (GTK_WIDGET (self->failed_row), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->failed_row), FALSE);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->failed_row));

  self->interruptions = add_row (self, &self->interruptions_row, _("Interruptions"), TRUE);
  self->goodput = add_row (self, &self->goodput_row, _("Goodput"), TRUE);
  add_row (self, &self->causes_row, _("Most frequent causes"), FALSE);
  self->lost = add_row (self, &self->lost_row, _("GPU-hours lost a month"), TRUE);
  self->degrades = add_row (self, &self->degrades_row, _("Worst loss that does not stop it"),
                            TRUE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}

GtkWidget *
weft_reliability_section_new (void)
{
  return g_object_new (WEFT_TYPE_RELIABILITY_SECTION, NULL);
}
