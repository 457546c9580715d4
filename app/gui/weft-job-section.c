/* weft-job-section.c — the training job the metrics panel times: model, TP, PP, DP and EP, or the
 * fabric's default.
 *
 * An expander row under the figures. Each change is timed at once on the
 * collective engine's worker. A job that does not fit is said in a row of
 * its own, in the error style, beside the numbers to change — not in a
 * dialog, which would stop the user at each number typed. The rows keep
 * TP × PP × DP equal to the fabric's GPUs where they can: a new TP or PP
 * sets DP, and the global batch keeps its tokens as DP and the sequence
 * change, so that one change asks one question.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/weft-job-section.h"

typedef enum
{
  SPIN_TP,
  SPIN_PP,
  SPIN_DP,
  SPIN_EP,
  N_SPINS
} Spin;

struct _WeftJobSection
{
  AdwBin                parent_instance;

  WeftCollectiveEngine *engine;
  WeftFabric           *fabric;
  AdwExpanderRow       *expander;
  AdwComboRow          *model_row;
  GtkWidget            *spin_rows[N_SPINS];
  GtkSpinButton        *spins[N_SPINS];
  AdwActionRow         *error_row;
  GtkWidget            *default_button;
  char                **model_ids;

  WeftJob               job;            /* what the rows show */
  double                tokens;         /* per step: the default job's, kept as its shape changes */
  gboolean              uses_default;
  gboolean              pending;
  gboolean              syncing;        /* the rows being set from the job: nothing to ask */
  char                 *error;
};

G_DEFINE_FINAL_TYPE (WeftJobSection, weft_job_section, ADW_TYPE_BIN)

enum { SIGNAL_REQUESTED, SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
n_gpus (WeftJobSection *self)
{
  return weft_fabric_count_nodes (self->fabric, WEFT_NODE_GPU);
}

/* The rows from the job, without asking for it again. */
static void
show_job (WeftJobSection *self)
{
  const guint values[N_SPINS] = { self->job.tp, self->job.pp, self->job.dp, self->job.ep };

  self->syncing = TRUE;
  for (guint i = 0; self->model_ids[i] != NULL; i++)
    if (g_strcmp0 (self->model_ids[i], self->job.model.id) == 0)
      adw_combo_row_set_selected (self->model_row, i);
  for (guint s = 0; s < N_SPINS; s++)
    gtk_spin_button_set_value (self->spins[s], MAX (values[s], 1));
  /* Experts are spread only where there are experts. */
  gtk_widget_set_visible (self->spin_rows[SPIN_EP], self->job.model.experts > 0);
  adw_expander_row_set_subtitle (self->expander,
                                 self->uses_default ? _("The default for this fabric")
                                                    : _("As chosen below"));
  gtk_widget_set_sensitive (self->default_button, !self->uses_default);
  self->syncing = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
show_error (WeftJobSection *self,
            const char     *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), error != NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The engine times the job shown (or the default); its step follows. */
static void
request (WeftJobSection *self)
{
  self->pending = TRUE;
  weft_collective_engine_set_job (self->engine, self->uses_default ? NULL : &self->job);
  show_job (self);
  g_signal_emit (self, signals[SIGNAL_REQUESTED], 0);
}

/* A whole number of micro-batches on each data-parallel rank, as near the
 * default job's tokens per step as that allows. */
static void
rebatch (WeftJob *job,
         double   tokens)
{
  guint unit = MAX (job->dp, 1) * MAX (job->micro_batch, 1);
  double batches;

  if (tokens <= 0 || job->model.sequence == 0)
    return;
  batches = round (tokens / job->model.sequence / unit);
  job->global_batch = unit * (guint) MAX (batches, 1);
}

static void
spin_changed_cb (WeftJobSection *self,
                 GtkSpinButton  *spin)
{
  guint value = (guint) gtk_spin_button_get_value_as_int (spin), n = n_gpus (self);

  if (self->syncing || self->engine == NULL)
    return;
  if (spin == self->spins[SPIN_TP])
    self->job.tp = value;
  else if (spin == self->spins[SPIN_PP])
    self->job.pp = value;
  else if (spin == self->spins[SPIN_DP])
    self->job.dp = value;
  else
    self->job.ep = value;
  /* The GPUs stay the fabric's: DP takes up what TP and PP leave. */
  if ((spin == self->spins[SPIN_TP] || spin == self->spins[SPIN_PP]) &&
      n % (self->job.tp * self->job.pp) == 0)
    self->job.dp = n / (self->job.tp * self->job.pp);
  rebatch (&self->job, self->tokens);
  self->uses_default = FALSE;
  request (self);
}

static void
model_selected_cb (WeftJobSection *self)
{
  guint selected = adw_combo_row_get_selected (self->model_row);
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->engine == NULL || selected >= g_strv_length (self->model_ids))
    return;
  if (!weft_model_preset (self->model_ids[selected], &self->job.model, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (self->job.model.experts == 0)
    self->job.ep = 1;
  rebatch (&self->job, self->tokens);
  self->uses_default = FALSE;
  request (self);
}

static void
default_clicked_cb (WeftJobSection *self)
{
  if (self->engine == NULL || self->uses_default)
    return;
  self->uses_default = TRUE;
  request (self);
}

static void
updated_cb (WeftJobSection *self)
{
  const WeftCollectiveFigures *figures = weft_collective_engine_get_figures (self->engine);
  const WeftJob *timed = weft_collective_engine_get_job (self->engine);

  if (figures == NULL || timed == NULL)
    return;
  /* The default follows the fabric: its size, its domains. */
  if (self->uses_default)
    {
      weft_job_copy (&self->job, timed);
      self->tokens = (double) timed->global_batch * timed->model.sequence;
      show_job (self);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->expander), TRUE);
  self->pending = !self->uses_default && !weft_job_equal (timed, &self->job);
  if (!self->pending)
    show_error (self, figures->has_step ? NULL : figures->step_error);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
expanded_cb (WeftJobSection *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
weft_job_section_dispose (GObject *object)
{
  WeftJobSection *self = WEFT_JOB_SECTION (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->fabric);
  G_OBJECT_CLASS (weft_job_section_parent_class)->dispose (object);
}

static void
weft_job_section_finalize (GObject *object)
{
  WeftJobSection *self = WEFT_JOB_SECTION (object);

  weft_job_clear (&self->job);
  g_strfreev (self->model_ids);
  g_free (self->error);
  G_OBJECT_CLASS (weft_job_section_parent_class)->finalize (object);
}

static void
weft_job_section_class_init (WeftJobSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_job_section_dispose;
  object_class->finalize = weft_job_section_finalize;
  signals[SIGNAL_REQUESTED] = g_signal_new ("requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

/* A row whose title's mnemonic (Alt and its letter) puts the cursor in its number. */
static void
add_spin_row (WeftJobSection *self,
              Spin            which,
              const char     *title,
              const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 1 << 20, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (spin_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->expander, row);
  self->spin_rows[which] = row;
  self->spins[which] = GTK_SPIN_BUTTON (spin);
}

static void
weft_job_section_init (WeftJobSection *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->uses_default = TRUE;
  self->model_ids = weft_model_list_presets ();
  for (guint i = 0; self->model_ids[i] != NULL; i++)
    {
      g_auto(WeftModel) model = { 0 };
      gboolean known = weft_model_preset (self->model_ids[i], &model, NULL);

      gtk_string_list_append (names, known ? model.name : self->model_ids[i]);
    }

  self->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expander), _("Training _job"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->expander), TRUE);
  adw_expander_row_set_subtitle (self->expander, _("The default for this fabric"));
  g_signal_connect_object (self->expander, "notify::expanded", G_CALLBACK (expanded_cb), self,
                           G_CONNECT_SWAPPED);
  /* Nothing to change until the first job is known. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->expander), FALSE);

  self->model_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->model_row), _("_Model"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->model_row), TRUE);
  adw_combo_row_set_model (self->model_row, G_LIST_MODEL (names));
  g_signal_connect_object (self->model_row, "notify::selected", G_CALLBACK (model_selected_cb),
                           self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->expander, GTK_WIDGET (self->model_row));

  add_spin_row (self, SPIN_TP, _("_Tensor parallel (TP)"),
                _("GPUs that split each layer, within a scale-up domain"));
  add_spin_row (self, SPIN_PP, _("_Pipeline stages (PP)"),
                _("Groups of layers, one after the other"));
  add_spin_row (self, SPIN_DP, _("_Data parallel (DP)"),
                _("Copies of the model, each on its share of the batch"));
  add_spin_row (self, SPIN_EP, _("_Expert parallel (EP)"),
                _("Ranks the experts are spread over, within DP"));

  /* Why the job does not fit: the engine's sentence names the number to change. */
  self->error_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->error_row), FALSE);
  adw_action_row_set_title_lines (self->error_row, 0);
  adw_action_row_add_prefix (self->error_row, error_icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), FALSE);
  adw_expander_row_add_row (self->expander, GTK_WIDGET (self->error_row));

  self->default_button = gtk_button_new_with_mnemonic (_("_Use the default for this fabric"));
  gtk_widget_set_halign (self->default_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->default_button, 8);
  gtk_widget_set_margin_bottom (self->default_button, 8);
  gtk_widget_set_sensitive (self->default_button, FALSE);
  g_signal_connect_object (self->default_button, "clicked", G_CALLBACK (default_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->expander, self->default_button);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->expander));
  adw_bin_set_child (ADW_BIN (self), group);
}

GtkWidget *
weft_job_section_new (void)
{
  return g_object_new (WEFT_TYPE_JOB_SECTION, NULL);
}

void
weft_job_section_set_engine (WeftJobSection       *self,
                             WeftCollectiveEngine *engine,
                             WeftFabric           *fabric)
{
  g_return_if_fail (WEFT_IS_JOB_SECTION (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  g_set_object (&self->fabric, fabric);
  /* A new document starts from its own default job. */
  self->uses_default = TRUE;
  self->pending = FALSE;
  self->tokens = 0;
  weft_job_clear (&self->job);
  self->job = (WeftJob) { 0 };
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->expander), FALSE);
  g_signal_connect_object (engine, "updated", G_CALLBACK (updated_cb), self, G_CONNECT_SWAPPED);
  updated_cb (self);
}

gboolean
weft_job_section_get_pending (WeftJobSection *self)
{
  g_return_val_if_fail (WEFT_IS_JOB_SECTION (self), FALSE);
  return self->pending;
}

const char *
weft_job_section_get_error (WeftJobSection *self)
{
  g_return_val_if_fail (WEFT_IS_JOB_SECTION (self), NULL);
  return self->error;
}

const WeftJob *
weft_job_section_get_job (WeftJobSection *self)
{
  g_return_val_if_fail (WEFT_IS_JOB_SECTION (self), NULL);
  return &self->job;
}

gboolean
weft_job_section_get_uses_default (WeftJobSection *self)
{
  g_return_val_if_fail (WEFT_IS_JOB_SECTION (self), FALSE);
  return self->uses_default;
}

gboolean
weft_job_section_get_expanded (WeftJobSection *self)
{
  g_return_val_if_fail (WEFT_IS_JOB_SECTION (self), FALSE);
  return adw_expander_row_get_expanded (self->expander);
}
