/* weft-metrics-panel.c — the live figures of the fabric being edited, each with the change the last
 * edit made. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "util/weft-format.h"
#include "gui/weft-metrics-panel.h"
#include "model/weft-validate.h"

#define MAX_PROBLEM_ROWS 50

typedef enum
{
  GOOD_WHEN_LOWER,
  GOOD_WHEN_HIGHER,
  NEUTRAL,
} Direction;

typedef struct
{
  const char *key;
  GtkWidget  *row;
  GtkLabel   *value;
  GtkLabel   *delta;
  GtkSpinner *spinner;
} Row;

struct _WeftMetricsPanel
{
  AdwBin               parent_instance;

  WeftMetricsEngine   *engine;
  WeftSelection       *selection;
  AdwPreferencesGroup *figures;
  AdwPreferencesGroup *problems;
  WeftJobSection      *job_section;
  WeftReliabilitySection *reliability_section;
  GHashTable          *rows;          /* key → Row */
  GPtrArray           *problem_rows;
  GPtrArray           *problem_list;  /* WeftProblem, behind problem_rows */

  WeftCostTotals       shown_totals;
  gboolean             has_totals;
  double               shown_latency;
  double               shown_hops;
  double               shown_bisection;
  double               shown_ratio;
  /* What the deltas shown are against, so that the figures beside them
   * carry the digits that tell them apart ("102.4 Tb/s", not "102 Tb/s"). */
  double               latency_base;
  double               hops_base;
  double               bisection_base;
  double               ratio_base;
  gboolean             has_metrics;
  gboolean             has_bisection;
  guint64              shown_generation[3];  /* of the totals, hops and latency, bisection shown */
  gboolean             totals_dirty;
  gboolean             metrics_dirty;
  guint                tick_id;              /* shows what changed in the next frame */
  guint                validate_source;

  WeftCollectiveEngine *collectives;
  gboolean             collectives_dirty;
  gboolean             has_allreduce;
  double               shown_allreduce;
  gboolean             has_step;
  double               shown_step;
  WeftJob              shown_job;            /* whose step is on show */
  guint64              shown_collective_generation;
};

G_DEFINE_FINAL_TYPE (WeftMetricsPanel, weft_metrics_panel, ADW_TYPE_BIN)

static Row *
add_row (WeftMetricsPanel *self,
         const char       *key,
         const char       *title,
         gboolean          with_spinner)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  row->key = key;
  row->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  /* Subtitles name models and algorithms: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  row->value = GTK_LABEL (gtk_label_new (""));
  row->delta = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (row->value, 1);
  gtk_label_set_xalign (row->delta, 1);
  gtk_label_set_wrap (row->value, TRUE);
  gtk_label_set_justify (row->value, GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (row->value, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->value), "metric-value");
  gtk_widget_add_css_class (GTK_WIDGET (row->delta), "metric-delta");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->delta));
  if (with_spinner)
    {
      row->spinner = GTK_SPINNER (gtk_spinner_new ());
      gtk_widget_set_valign (GTK_WIDGET (row->spinner), GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->spinner));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), box);
  adw_preferences_group_add (self->figures, row->row);
  g_hash_table_insert (self->rows, (gpointer) key, row);
  return row;
}

/* @text with a no-break space after each digit that a space follows, so
 * that a narrow column never parts a number from its unit ("1.03 / µs"). */
static char *
keep_units (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ' && p > text && g_ascii_isdigit (p[-1]))
      g_string_append (out, "\u00a0");
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
set_value (WeftMetricsPanel *self,
           const char       *key,
           const char       *text)
{
  Row *row = g_hash_table_lookup (self->rows, key);
  g_autofree char *kept = keep_units (text);

  gtk_label_set_text (row->value, kept);
}

static void
set_delta (WeftMetricsPanel *self,
           const char       *key,
           double            delta,
           char           *(*format) (double),
           Direction         direction)
{
  Row *row = g_hash_table_lookup (self->rows, key);
  g_autofree char *text = fabs (delta) < 1e-9 ? g_strdup ("") : weft_format_delta (delta, format);
  gboolean worse = direction == GOOD_WHEN_LOWER ? delta > 0 : delta < 0;

  gtk_label_set_text (row->delta, text);
  gtk_widget_remove_css_class (GTK_WIDGET (row->delta), "worse");
  gtk_widget_remove_css_class (GTK_WIDGET (row->delta), "better");
  if (direction != NEUTRAL && text[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (row->delta), worse ? "worse" : "better");
}

static char *
format_hops (double value)
{
  return g_strdup_printf ("%.2f hops", value);
}

static char *
format_mean_hops (double value)
{
  return g_strdup_printf ("%.2f", value);
}

static char *
format_whole_percent (double value)
{
  return g_strdup_printf ("%.0f%%", value);
}

static void
show_totals (WeftMetricsPanel *self)
{
  const WeftCostTotals *totals = weft_metrics_engine_get_totals (self->engine);
  WeftFabric *fabric = weft_metrics_engine_get_fabric (self->engine);
  guint gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  g_autofree char *gpu_text = weft_format_count (gpus);
  g_autofree char *usd = weft_format_money (totals->usd);
  g_autofree char *per_gpu = weft_format_money (gpus ? totals->usd / gpus : 0);
  g_autofree char *watts = weft_format_power (totals->watts);
  g_autofree char *watts_per_gpu = weft_format_power (gpus ? totals->watts / gpus : 0);
  g_autofree char *cost_text = g_strdup_printf (_("%s\n%s per GPU"), usd, per_gpu);
  g_autofree char *power_text = g_strdup_printf (_("%s\n%s per GPU"), watts, watts_per_gpu);
  g_autofree char *switches = weft_format_count (weft_fabric_get_n_nodes (fabric) - gpus);
  GString *media = g_string_new (NULL);

  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (totals->links_by_medium[m] > 0)
      {
        g_autofree char *count = weft_format_count (totals->links_by_medium[m]);

        g_string_append_printf (media, "%s%s %s", media->len ? "\n" : "", count,
                                m == WEFT_MEDIUM_AUTO ? _ ("out of reach")
                                                      : weft_medium_to_string (m));
      }
  set_value (self, "gpus", gpu_text);
  set_value (self, "switches", switches);
  set_value (self, "links", media->str);
  set_value (self, "cost", cost_text);
  set_value (self, "power", power_text);
  g_string_free (media, TRUE);

  if (self->has_totals)
    {
      set_delta (self, "cost", totals->usd - self->shown_totals.usd, weft_format_money,
                 GOOD_WHEN_LOWER);
      set_delta (self, "power", totals->watts - self->shown_totals.watts, weft_format_power,
                 GOOD_WHEN_LOWER);
    }
  self->shown_totals = *totals;
  self->has_totals = TRUE;
  self->shown_generation[0] = weft_metrics_engine_get_generation_of (self->engine, 0);
}


/* The share of pairs at each hop count, in at most HOP_ROWS rows: a torus
 * spans a dozen counts, so neighbouring counts share a row ("4–5: 19.7%"). */
#define HOP_ROWS 5

static void
append_histogram (GString       *out,
                  const guint64 *histogram,
                  guint          n,
                  guint64        pairs)
{
  guint lo = n, hi = 0, width;

  for (guint h = 0; h < n; h++)
    if (histogram[h] > 0)
      {
        lo = MIN (lo, h);
        hi = h;
      }
  if (pairs == 0 || lo > hi)
    return;
  width = (hi - lo + HOP_ROWS) / HOP_ROWS;
  for (guint a = lo; a <= hi; a += width)
    {
      guint b = MIN (a + width - 1, hi);
      guint64 sum = 0;

      for (guint h = a; h <= b; h++)
        sum += histogram[h];
      if (sum == 0)
        continue;
      if (a == b)
        g_string_append_printf (out, "\n%u: %.1f%%", a, 100.0 * sum / pairs);
      else
        g_string_append_printf (out, "\n%u–%u: %.1f%%", a, b, 100.0 * sum / pairs);
    }
}

static void
show_metrics (WeftMetricsPanel *self)
{
  const WeftMetrics *metrics = weft_metrics_engine_get_metrics (self->engine);
  g_autofree char *lmin = NULL, *lmean = NULL, *lmax = NULL, *bw = NULL;
  g_autofree char *latency = NULL, *hops = NULL, *bisection = NULL, *hmean = NULL;
  g_autofree char *percent = NULL, *base = NULL;
  GString *histogram;
  guint64 pairs = 0, hops_generation, bisection_generation;

  if (metrics == NULL)
    return;
  hops_generation = weft_metrics_engine_get_generation_of (self->engine, WEFT_METRICS_HOPS);
  /* A delta tells what the last edit did: it stays until figures for
   * another fabric come, not only until bisection arrives a moment later. */
  if (self->has_metrics && hops_generation != self->shown_generation[1])
    {
      set_delta (self, "latency", metrics->latency.mean_ns - self->shown_latency,
                 weft_format_latency, GOOD_WHEN_LOWER);
      set_delta (self, "hops", metrics->switch_hops.mean - self->shown_hops, format_hops,
                 GOOD_WHEN_LOWER);
      self->latency_base = self->shown_latency;
      self->hops_base = self->shown_hops;
    }
  else if (!self->has_metrics)
    {
      self->latency_base = metrics->latency.mean_ns;
      self->hops_base = metrics->switch_hops.mean;
    }
  lmin = weft_format_latency (metrics->latency.min_ns);
  lmax = weft_format_latency (metrics->latency.max_ns);
  weft_format_apart (metrics->latency.mean_ns, self->latency_base, weft_format_latency, &lmean,
                     &base);
  g_clear_pointer (&base, g_free);
  latency = g_strdup_printf (_("%s – %s, mean %s"), lmin, lmax, lmean);
  for (guint h = 0; h < metrics->switch_hops.n_histogram; h++)
    pairs += metrics->switch_hops.histogram[h];
  histogram = g_string_new (NULL);
  weft_format_apart (metrics->switch_hops.mean, self->hops_base, format_mean_hops, &hmean, &base);
  g_clear_pointer (&base, g_free);
  g_string_append_printf (histogram, _("%u – %u, mean %s"), metrics->switch_hops.min,
                          metrics->switch_hops.max, hmean);
  append_histogram (histogram, metrics->switch_hops.histogram, metrics->switch_hops.n_histogram,
                    pairs);
  if (metrics->unreachable_pairs > 0)
    {
      g_autofree char *count = weft_format_count (metrics->unreachable_pairs);

      g_string_append_printf (histogram, _("\n%s pairs cannot reach each other"), count);
    }
  set_value (self, "latency", latency);
  set_value (self, "hops", histogram->str);
  g_string_free (histogram, TRUE);
  self->shown_latency = metrics->latency.mean_ns;
  self->shown_hops = metrics->switch_hops.mean;
  self->has_metrics = TRUE;
  self->shown_generation[1] = hops_generation;

  /* Bisection comes from the second stage, a moment later. */
  if (!(metrics->computed & WEFT_METRICS_BISECTION))
    return;
  bisection_generation = weft_metrics_engine_get_generation_of (self->engine,
                                                                WEFT_METRICS_BISECTION);
  if (self->has_bisection && bisection_generation != self->shown_generation[2])
    {
      set_delta (self, "bisection", metrics->bisection.gbps - self->shown_bisection,
                 weft_format_bandwidth, GOOD_WHEN_HIGHER);
      self->bisection_base = self->shown_bisection;
      self->ratio_base = self->shown_ratio;
    }
  else if (!self->has_bisection)
    {
      self->bisection_base = metrics->bisection.gbps;
      self->ratio_base = metrics->bisection.ratio;
    }
  weft_format_apart (metrics->bisection.gbps, self->bisection_base, weft_format_bandwidth, &bw,
                     &base);
  g_clear_pointer (&base, g_free);
  weft_format_apart (100 * metrics->bisection.ratio, 100 * self->ratio_base, format_whole_percent,
                     &percent, &base);
  g_clear_pointer (&base, g_free);
  bisection = g_strdup_printf (_ ("%s%s\n%s of full"), metrics->bisection.exact ? "" : "≤ ", bw,
                               percent);
  set_value (self, "bisection", bisection);
  self->shown_bisection = metrics->bisection.gbps;
  self->shown_ratio = metrics->bisection.ratio;
  self->has_bisection = TRUE;
  self->shown_generation[2] = bisection_generation;
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.1f%%", value);
}

/* "Llama 3 70B · TP 8 × PP 4 × DP 32", and EP for a mixture of experts. */
static char *
describe_job (const WeftJob *job)
{
  g_autofree char *ep = job->ep > 1 ? g_strdup_printf (" × EP %u", job->ep) : g_strdup ("");

  return g_strdup_printf (_("%s · TP %u × PP %u × DP %u%s"),
                          job->model.name ? job->model.name : _("Model"), job->tp, job->pp,
                          job->dp, ep);
}


static void
show_allreduce (WeftMetricsPanel            *self,
                const WeftCollectiveFigures *figures,
                gboolean                     new_fabric)
{
  Row *row = g_hash_table_lookup (self->rows, "allreduce");
  WeftFabric *fabric = weft_metrics_engine_get_fabric (self->engine);
  guint gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  g_autofree char *value = g_strdup_printf (_("%.1f GB/s"), figures->allreduce_busbw_GBps);
  g_autofree char *count = weft_format_count (gpus);
  g_autofree char *tooltip = NULL;
  const char *algorithm = weft_collective_algo_to_string (figures->allreduce_algorithm);

  /* A fabric cut in two has no all-reduce: say why, and compare nothing with it. */
  if (figures->error != NULL)
    {
      set_value (self, "allreduce", "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), figures->error);
      gtk_widget_set_tooltip_text (row->row, figures->error);
      self->has_allreduce = FALSE;
      return;
    }
  set_value (self, "allreduce", value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), algorithm);
  tooltip = g_strdup_printf (_("Bus bandwidth of an all-reduce of 1 GiB over all %s GPUs, as "
                               "nccl-tests reports it (algorithm bandwidth × 2(n − 1)/n), with "
                               "the fastest algorithm%s%s%s. Each step’s flows are spread over "
                               "the fabric’s shortest paths; higher is better."),
                             count, algorithm ? " (" : "", algorithm ? algorithm : "",
                             algorithm ? ")" : "");
  gtk_widget_set_tooltip_text (row->row, tooltip);
  if (self->has_allreduce && new_fabric && self->shown_allreduce > 0)
    set_delta (self, "allreduce",
               100 * (figures->allreduce_busbw_GBps - self->shown_allreduce) /
                 self->shown_allreduce,
               format_percent, GOOD_WHEN_HIGHER);
  self->shown_allreduce = figures->allreduce_busbw_GBps;
  self->has_allreduce = TRUE;
}

static void
show_step (WeftMetricsPanel            *self,
           const WeftCollectiveFigures *figures,
           const WeftJob               *job,
           gboolean                     new_fabric)
{
  Row *row = g_hash_table_lookup (self->rows, "step");
  const WeftStepTime *step = &figures->step;
  g_autofree char *subtitle = job ? describe_job (job) : NULL;
  g_autofree char *value = NULL, *tooltip = NULL, *compute = NULL, *exposed = NULL;
  g_autofree char *tp = NULL, *pp = NULL, *dp = NULL, *ep = NULL, *tokens = NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
  if (!figures->has_step)
    {
      /* The job section says why, beside the numbers to change. */
      set_value (self, "step", "—");
      gtk_label_set_text (row->delta, "");
      gtk_widget_set_tooltip_text (row->row, figures->step_error);
      self->has_step = FALSE;
      return;
    }
  value = weft_format_seconds (step->step_s);
  compute = weft_format_seconds (step->compute_s);
  exposed = weft_format_seconds (step->exposed_s);
  tp = weft_format_seconds (step->tp_s);
  pp = weft_format_seconds (step->pp_s);
  dp = weft_format_seconds (step->dp_s);
  ep = weft_format_seconds (step->ep_s);
  tokens = weft_format_count ((guint64) llround (step->tokens_per_s));
  tooltip = g_strdup_printf (_("One training step of this job on this fabric: %s of compute on "
                               "%s, and %s of communication the compute does not hide — the "
                               "network’s share of the step, %.1f%% (tensor parallel %s, pipeline "
                               "%s, data parallel %s, expert all-to-all %s). %s tokens per "
                               "second. Lower is better."),
                             compute, step->accelerator ? step->accelerator : _("the GPUs"),
                             exposed, 100 * step->network_share, tp, pp, dp, ep, tokens);
  set_value (self, "step", value);
  gtk_widget_set_tooltip_text (row->row, tooltip);
  if (self->has_step && job != NULL && (new_fabric || !weft_job_equal (job, &self->shown_job)))
    set_delta (self, "step", step->step_s - self->shown_step, weft_format_seconds, GOOD_WHEN_LOWER);
  self->shown_step = step->step_s;
  self->has_step = TRUE;
}

static void
show_collectives (WeftMetricsPanel *self)
{
  const WeftCollectiveFigures *figures = weft_collective_engine_get_figures (self->collectives);
  const WeftJob *job = weft_collective_engine_get_job (self->collectives);
  gboolean new_fabric;

  if (figures == NULL)
    return;
  new_fabric = figures->generation != self->shown_collective_generation;
  show_allreduce (self, figures, new_fabric);
  show_step (self, figures, job, new_fabric);
  if (job != NULL)
    weft_job_copy (&self->shown_job, job);
  else
    weft_job_clear (&self->shown_job);
  self->shown_collective_generation = figures->generation;
}

static void
show_busy (WeftMetricsPanel *self)
{
  WeftMetricsFlags current = weft_metrics_engine_get_current (self->engine);
  const char *keys[] = { "latency", "hops", "bisection" };
  const WeftMetricsFlags stage[] = { WEFT_METRICS_HOPS, WEFT_METRICS_HOPS, WEFT_METRICS_BISECTION };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      Row *row = g_hash_table_lookup (self->rows, keys[i]);
      gboolean busy = !(current & stage[i]);

      /* A still spinner draws nothing but keeps its place, so the panel
       * does not shift under a drag as stages come and go. */
      gtk_spinner_set_spinning (row->spinner, busy);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->spinner),
                                   busy ? _ ("Recomputing in the background") : NULL);
    }
  for (guint i = 0; i < 2 && self->collectives != NULL; i++)
    {
      Row *row = g_hash_table_lookup (self->rows, i == 0 ? "allreduce" : "step");
      /* A job just chosen is being timed: the step on show is another's. */
      gboolean busy = !weft_collective_engine_is_current (self->collectives) ||
                      (i == 1 && weft_job_section_get_pending (self->job_section));

      gtk_spinner_set_spinning (row->spinner, busy);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->spinner),
                                   busy ? _("Recomputing in the background") : NULL);
    }
}

static void
problem_activated_cb (WeftMetricsPanel *self,
                      AdwActionRow     *row)
{
  guint index;
  const WeftProblem *problem;

  if (!g_ptr_array_find (self->problem_rows, row, &index) || self->selection == NULL)
    return;
  problem = g_ptr_array_index (self->problem_list, index);
  if (problem->link != WEFT_NONE)
    weft_selection_set_link (self->selection, problem->link);
  else if (problem->node != WEFT_NONE)
    weft_selection_set_node (self->selection, problem->node);
}

static gboolean
validate_cb (gpointer user_data)
{
  WeftMetricsPanel *self = user_data;
  g_autoptr(GPtrArray) problems =
      weft_fabric_validate (weft_metrics_engine_get_fabric (self->engine));
  g_autofree char *title = NULL;

  self->validate_source = 0;
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
  g_clear_pointer (&self->problem_list, g_ptr_array_unref);
  self->problem_list = g_steal_pointer (&problems);

  for (guint i = 0; i < MIN (self->problem_list->len, MAX_PROBLEM_ROWS); i++)
    {
      const WeftProblem *problem = g_ptr_array_index (self->problem_list, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                        problem->node != WEFT_NONE || problem->link != WEFT_NONE);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (problem_activated_cb), self);
      adw_preferences_group_add (self->problems, row);
      g_ptr_array_add (self->problem_rows, row);
    }
  title = self->problem_list->len == 0
          ? g_strdup (_("No Problems"))
          : g_strdup_printf (ngettext ("%u Problem", "%u Problems", self->problem_list->len),
                             self->problem_list->len);
  adw_preferences_group_set_title (self->problems, title);
  return G_SOURCE_REMOVE;
}

static void
queue_validate (WeftMetricsPanel *self)
{
  if (self->validate_source == 0)
    self->validate_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, validate_cb, self, NULL);
}

static gboolean
show_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  WeftMetricsPanel *self = WEFT_METRICS_PANEL (widget);

  self->tick_id = 0;
  if (self->totals_dirty)
    show_totals (self);
  if (self->metrics_dirty)
    show_metrics (self);
  if (self->collectives_dirty)
    show_collectives (self);
  self->totals_dirty = self->metrics_dirty = self->collectives_dirty = FALSE;
  show_busy (self);
  return G_SOURCE_REMOVE;
}

/* Moving a switch is a hundred edits, each with its signals: the figures
 * are set once, as the frame that draws them is made — a drag's edits
 * come in the same turn of the frame clock, just before it. */
static void
queue_show (WeftMetricsPanel *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_tick_cb, NULL, NULL);
}

static void
totals_changed_cb (WeftMetricsPanel *self)
{
  self->totals_dirty = TRUE;
  queue_show (self);
  queue_validate (self);
}

static void
updated_cb (WeftMetricsPanel *self)
{
  self->metrics_dirty = TRUE;
  queue_show (self);
}

static void
collectives_updated_cb (WeftMetricsPanel *self)
{
  self->collectives_dirty = TRUE;
  queue_show (self);
}

static void
stop_showing (WeftMetricsPanel *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->totals_dirty = self->metrics_dirty = self->collectives_dirty = FALSE;
}

static void
weft_metrics_panel_dispose (GObject *object)
{
  WeftMetricsPanel *self = WEFT_METRICS_PANEL (object);

  g_clear_handle_id (&self->validate_source, g_source_remove);
  stop_showing (self);
  g_clear_object (&self->engine);
  g_clear_object (&self->collectives);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (weft_metrics_panel_parent_class)->dispose (object);
}

static void
weft_metrics_panel_finalize (GObject *object)
{
  WeftMetricsPanel *self = WEFT_METRICS_PANEL (object);

  g_hash_table_unref (self->rows);
  g_ptr_array_unref (self->problem_rows);
  g_clear_pointer (&self->problem_list, g_ptr_array_unref);
  weft_job_clear (&self->shown_job);
  G_OBJECT_CLASS (weft_metrics_panel_parent_class)->finalize (object);
}

static void
weft_metrics_panel_class_init (WeftMetricsPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_metrics_panel_dispose;
  G_OBJECT_CLASS (klass)->finalize = weft_metrics_panel_finalize;
}

static void
weft_metrics_panel_init (WeftMetricsPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->problem_rows = g_ptr_array_new ();
  self->figures = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->figures, _("Metrics"));
  self->problems = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems, _("No Problems"));
  self->job_section = WEFT_JOB_SECTION (weft_job_section_new ());
  g_signal_connect_object (self->job_section, "requested", G_CALLBACK (show_busy), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->figures));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->job_section));
  self->reliability_section = WEFT_RELIABILITY_SECTION (weft_reliability_section_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reliability_section));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems));
  adw_bin_set_child (ADW_BIN (self), box);

  add_row (self, "gpus", _("GPUs"), FALSE);
  add_row (self, "switches", _("Switches"), FALSE);
  add_row (self, "links", _("Links"), FALSE);
  add_row (self, "cost", _("Cost"), FALSE);
  add_row (self, "power", _("Power"), FALSE);
  add_row (self, "latency", _("Latency"), TRUE);
  add_row (self, "hops", _("Switch hops"), TRUE);
  add_row (self, "bisection", _("Bisection"), TRUE);
  /* One line each: beside a subtitle a wrapping value gets little width,
   * and "218.1 GB/" over "s" reads as two figures. */
  gtk_label_set_wrap (add_row (self, "allreduce", _("All-reduce"), TRUE)->value, FALSE);
  gtk_label_set_wrap (add_row (self, "step", _("Training step"), TRUE)->value, FALSE);
  self->shown_collective_generation = G_MAXUINT64;
}

GtkWidget *
weft_metrics_panel_new (void)
{
  return g_object_new (WEFT_TYPE_METRICS_PANEL, NULL);
}

void
weft_metrics_panel_set_engine (WeftMetricsPanel  *self,
                               WeftMetricsEngine *engine,
                               WeftSelection     *selection)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (WEFT_IS_METRICS_PANEL (self));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  stop_showing (self);
  g_set_object (&self->engine, engine);
  g_set_object (&self->selection, selection);
  self->has_totals = FALSE;
  self->has_metrics = FALSE;
  self->has_bisection = FALSE;
  g_signal_connect_object (engine, "totals-changed", G_CALLBACK (totals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "updated", G_CALLBACK (updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "notify::busy", G_CALLBACK (show_busy), self, G_CONNECT_SWAPPED);
  weft_reliability_section_set_fabric (self->reliability_section,
                                       weft_metrics_engine_get_fabric (engine));

  /* A new document: nothing to compare with yet. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_label_set_text (((Row *) value)->delta, "");
  set_value (self, "latency", "…");
  set_value (self, "hops", "…");
  set_value (self, "bisection", "…");
  show_totals (self);
  show_metrics (self);
  show_busy (self);
  queue_validate (self);
}

void
weft_metrics_panel_set_collectives (WeftMetricsPanel     *self,
                                    WeftCollectiveEngine *engine)
{
  g_return_if_fail (WEFT_IS_METRICS_PANEL (self));

  if (self->collectives == engine)
    return;
  if (self->collectives != NULL)
    g_signal_handlers_disconnect_by_data (self->collectives, self);
  g_set_object (&self->collectives, engine);
  self->has_allreduce = FALSE;
  self->has_step = FALSE;
  self->collectives_dirty = FALSE;
  self->shown_collective_generation = G_MAXUINT64;
  g_signal_connect_object (engine, "updated", G_CALLBACK (collectives_updated_cb), self,
                           G_CONNECT_SWAPPED);
  weft_job_section_set_engine (self->job_section, engine,
                               weft_metrics_engine_get_fabric (self->engine));

  /* A new document: nothing to compare with yet. */
  for (guint i = 0; i < 2; i++)
    {
      Row *row = g_hash_table_lookup (self->rows, i == 0 ? "allreduce" : "step");

      gtk_label_set_text (row->value, "…");
      gtk_label_set_text (row->delta, "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), NULL);
      gtk_widget_set_tooltip_text (row->row, NULL);
    }
  show_collectives (self);
  show_busy (self);
}

WeftReliabilitySection *
weft_metrics_panel_get_reliability_section (WeftMetricsPanel *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_PANEL (self), NULL);
  return self->reliability_section;
}

WeftJobSection *
weft_metrics_panel_get_job_section (WeftMetricsPanel *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_PANEL (self), NULL);
  return self->job_section;
}

const char *
weft_metrics_panel_get_value (WeftMetricsPanel *self,
                              const char       *key)
{
  Row *row = g_hash_table_lookup (self->rows, key);

  return row ? gtk_label_get_text (row->value) : NULL;
}

char **
weft_metrics_panel_get_value_lines (WeftMetricsPanel *self,
                                    const char       *key)
{
  Row *row = g_hash_table_lookup (self->rows, key);
  GPtrArray *lines = g_ptr_array_new ();
  PangoLayout *layout;
  const char *text;

  if (row == NULL)
    return (char **) g_ptr_array_free (lines, FALSE);
  layout = gtk_label_get_layout (row->value);
  text = pango_layout_get_text (layout);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      g_ptr_array_add (lines, g_strndup (text + line->start_index, line->length));
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

const char *
weft_metrics_panel_get_delta (WeftMetricsPanel *self,
                              const char       *key)
{
  Row *row = g_hash_table_lookup (self->rows, key);

  return row ? gtk_label_get_text (row->delta) : NULL;
}

void
weft_metrics_panel_get_shown_generations (WeftMetricsPanel *self,
                                          guint64          *totals,
                                          guint64          *hops,
                                          guint64          *bisection)
{
  *totals = self->shown_generation[0];
  *hops = self->shown_generation[1];
  *bisection = self->shown_generation[2];
}

guint
weft_metrics_panel_get_n_problems (WeftMetricsPanel *self)
{
  return self->problem_list ? self->problem_list->len : 0;
}

guint64
weft_metrics_panel_get_shown_collective_generation (WeftMetricsPanel *self)
{
  return self->shown_collective_generation;
}
