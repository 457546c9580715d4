/* weft-metrics-engine.c — live metrics for an edited fabric: cheap sums at once, the rest on a
 * worker thread.
 *
 * The worker runs in two stages: hop counts and latency first (a few
 * milliseconds for thousands of GPUs, so they keep up with a drag), then
 * bisection, once the edits have paused for a moment — during a drag it
 * would only hold the cores and be cancelled. An edit cancels whatever
 * runs and starts again at the first stage; each stage's result is shown
 * only if nothing it depends on changed since the copy it ran on.
 *
 * Not every edit touches every figure: where a node sits matters only
 * through the lengths of its links, and a link's length and medium set
 * its latency and cost, not its capacity. Such an edit carries the
 * figures it cannot change over to the new generation at once — a switch
 * dragged within its rack costs the worker nothing, and one dragged to
 * another rack leaves bisection standing.
 *
 * And during a drag the worker looks ahead: given the fabric as the next
 * step would make it (the switch in the rack the pointer is heading for),
 * it works out hops and latency while it would idle, and when the step
 * comes and the fabric is that one, they are current in the frame that
 * draws it.
 */
#include "metrics/weft-metrics-engine.h"

#include <string.h>

struct _WeftMetricsEngine
{
  GObject         parent_instance;

  WeftFabric     *fabric;
  WeftCostTotals  totals;
  WeftCostTotals  shown;           /* with the failed links, which are still bought */
  guint64         totals_generation;
  WeftMetrics    *metrics;         /* the figures of both stages, merged */
  guint64         hops_generation;  /* the fabric generation the hop and latency figures hold for */
  guint64         cut_generation;   /* and bisection; G_MAXUINT64 for none */
  guint64         hops_touched;     /* the generation of the last edit that could change them */
  guint64         cut_touched;
  guint64         seen_generation;  /* the fabric's generation after the last edit seen */
  gboolean        edited;           /* the fabric's edited flag when last seen */

  GCancellable   *cancellable;    /* of the run in progress, or NULL */
  gboolean        pending;        /* the fabric changed while a run was going */
  gboolean        start_needed;   /* an edit touched the figures: run when it settles */
  guint           cut_id;         /* bisection, waiting for the edits to pause */
  gboolean        isolated;       /* the last edit came after a pause, not amid a drag */
  gint64          last_cut_us;    /* how long the last bisection took */
  WeftFabric     *cut_snapshot;   /* the copy it will run on, its figures still current */
  double          progress;

  WeftFabric     *prospect;       /* a fabric one likely edit away, waiting for the worker */
  GCancellable   *prospect_cancellable;  /* of its run, or NULL */
  WeftFabric     *foreseen;       /* the last prospect worked out ... */
  WeftMetrics    *foreseen_metrics;      /* ... and its hops and latency */
};

G_DEFINE_FINAL_TYPE (WeftMetricsEngine, weft_metrics_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  SIGNAL_TOTALS_CHANGED,
  SIGNAL_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  WeftFabric        *snapshot;
  guint64            generation; /* the snapshot's */
  WeftMetricsFlags   flags;      /* the stage */
  gboolean           prospect;   /* a look ahead, not the fabric as it is */
  gint64             started_us;
  WeftMetricsEngine *engine;     /* alive while the task runs: the task holds it */
} Run;

/* Where each stage's progress sits in the whole. */
#define HOPS_SHARE 0.4

/* How long the edits must pause before bisection runs; one that takes
 * less than QUICK_CUT_US runs at once after an edit that came on its own
 * (a deletion, a failure, an undo), so its figures show without a wait. */
#define CUT_DELAY_MS 120
#define QUICK_CUT_US 50000

typedef struct
{
  WeftMetricsEngine *engine;
  double             fraction;
} Progress;

static void
run_free (Run *run)
{
  g_clear_object (&run->snapshot);
  g_free (run);
}

static void start (WeftMetricsEngine *self);

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *progress = data;
  WeftMetricsEngine *self = progress->engine;

  if (self->cancellable != NULL)
    {
      self->progress = progress->fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  g_object_unref (self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* On the worker thread: hand the figure to the main thread. */
static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    user_data)
{
  Run *run = user_data;
  Progress *progress = g_new (Progress, 1);

  progress->engine = g_object_ref (run->engine);
  progress->fraction = run->flags == WEFT_METRICS_HOPS ? HOPS_SHARE * fraction
                                                      : HOPS_SHARE + (1 - HOPS_SHARE) * fraction;
  g_idle_add (progress_idle_cb, progress);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  WeftMetrics *metrics;
  gint64 start = g_get_monotonic_time ();

  metrics = weft_metrics_compute (run->snapshot, run->flags, cancellable,
                                  run->prospect ? NULL : progress_cb, run, &error);
  g_debug ("Metrics stage %s for generation %" G_GUINT64_FORMAT "%s: %s in %.1f ms",
           run->flags == WEFT_METRICS_HOPS ? "hops and latency" : "bisection", run->generation,
           run->prospect ? " and a step ahead" : "",
           metrics ? "done" : "stopped", (g_get_monotonic_time () - start) / 1e3);
  if (metrics == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, metrics, (GDestroyNotify) weft_metrics_free);
}

/* Moves a stage's figures into the merged result. */
static void
take_stage (WeftMetrics      *into,
            WeftMetrics      *from,
            WeftMetricsFlags  flags)
{
  into->gpus = from->gpus;
  into->servers = from->servers;
  into->switches = from->switches;
  into->links = from->links;
  into->cost = from->cost;
  if (flags & WEFT_METRICS_HOPS)
    {
      g_free (into->switch_hops.histogram);
      g_free (into->link_hops.histogram);
      into->pairs = from->pairs;
      into->unreachable_pairs = from->unreachable_pairs;
      into->switch_hops = from->switch_hops;
      into->link_hops = from->link_hops;
      into->latency = from->latency;
      into->latency_classes = from->latency_classes;
      into->latency_sources = from->latency_sources;
      from->switch_hops.histogram = NULL;
      from->link_hops.histogram = NULL;
    }
  if (flags & WEFT_METRICS_BISECTION)
    {
      g_free (into->bisection.method);
      g_free (into->bisection.side);
      into->bisection = from->bisection;
      from->bisection.method = NULL;
      from->bisection.side = NULL;
    }
  into->computed |= from->computed;
}

static void start_stage (WeftMetricsEngine *self,
                         WeftMetricsFlags   flags,
                         WeftFabric        *snapshot);

/* Computes @flags of @snapshot (taken) on a pool thread; @done gets the task. */
static void
run_in_thread (WeftMetricsEngine   *self,
               WeftFabric          *snapshot,
               WeftMetricsFlags     flags,
               gboolean             prospect,
               GCancellable        *cancellable,
               GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (g_object_ref (self), cancellable, done, NULL);
  Run *run = g_new0 (Run, 1);

  run->snapshot = snapshot;
  run->generation = weft_fabric_get_generation (snapshot);
  run->flags = flags;
  run->started_us = g_get_monotonic_time ();
  run->prospect = prospect;
  run->engine = self;
  g_task_set_source_tag (task, run_in_thread);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, compute_thread);
}

static guint
cut_delay (WeftMetricsEngine *self)
{
  return self->isolated && self->last_cut_us < QUICK_CUT_US ? 0 : CUT_DELAY_MS;
}

static gboolean
cut_timeout_cb (gpointer user_data)
{
  WeftMetricsEngine *self = user_data;
  g_autoptr(WeftFabric) snapshot = g_steal_pointer (&self->cut_snapshot);

  self->cut_id = 0;
  start_stage (self, WEFT_METRICS_BISECTION, snapshot);
  return G_SOURCE_REMOVE;
}

static void look_ahead (WeftMetricsEngine *self);

static void
prospect_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WeftMetricsEngine *self = WEFT_METRICS_ENGINE (source);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(WeftMetrics) metrics = g_task_propagate_pointer (G_TASK (result), NULL);

  g_clear_object (&self->prospect_cancellable);
  if (metrics != NULL && self->fabric != NULL)
    {
      g_set_object (&self->foreseen, run->snapshot);
      g_clear_pointer (&self->foreseen_metrics, weft_metrics_free);
      self->foreseen_metrics = g_steal_pointer (&metrics);
    }
  look_ahead (self);
  g_object_unref (self);
}

/* Starts on the waiting prospect if the worker has nothing else to do. */
static void
look_ahead (WeftMetricsEngine *self)
{
  if (self->prospect == NULL || self->cancellable != NULL || self->prospect_cancellable != NULL ||
      self->start_needed)
    return;
  self->prospect_cancellable = g_cancellable_new ();
  run_in_thread (self, g_steal_pointer (&self->prospect), WEFT_METRICS_HOPS, TRUE,
                 self->prospect_cancellable, prospect_done_cb);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WeftMetricsEngine *self = WEFT_METRICS_ENGINE (source);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftMetrics) metrics = g_task_propagate_pointer (G_TASK (result), &error);
  guint64 touched = run->flags == WEFT_METRICS_HOPS ? self->hops_touched : self->cut_touched;
  gboolean current = metrics != NULL && run->generation >= touched;

  g_clear_object (&self->cancellable);
  /* Disposed while it ran. */
  if (self->fabric == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (current)
    {
      guint64 generation = weft_fabric_get_generation (self->fabric);

      if (self->metrics == NULL)
        self->metrics = g_new0 (WeftMetrics, 1);
      take_stage (self->metrics, metrics, run->flags);
      if (run->flags & WEFT_METRICS_HOPS)
        self->hops_generation = generation;
      if (run->flags & WEFT_METRICS_BISECTION)
        {
          self->cut_generation = generation;
          self->last_cut_us = g_get_monotonic_time () - run->started_us;
        }
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Metrics: %s", error->message);

  if (self->pending)
    start (self);
  else if (current && run->flags == WEFT_METRICS_HOPS &&
           self->cut_generation != weft_fabric_get_generation (self->fabric))
    {
      self->cut_snapshot = g_object_ref (run->snapshot);
      self->cut_id = g_timeout_add (cut_delay (self), cut_timeout_cb, self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  look_ahead (self);
  g_object_unref (self);
}

/* Runs one stage on a copy of the fabric as it is (or on @snapshot, an
 * older copy that differs from it in nothing the stage depends on). */
static void
start_stage (WeftMetricsEngine *self,
             WeftMetricsFlags   flags,
             WeftFabric        *snapshot)
{
  self->pending = FALSE;
  self->cancellable = g_cancellable_new ();
  run_in_thread (self, snapshot ? g_object_ref (snapshot) : weft_fabric_dup_snapshot (self->fabric),
                 flags, FALSE, self->cancellable, compute_done_cb);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start (WeftMetricsEngine *self)
{
  self->start_needed = FALSE;
  g_clear_handle_id (&self->cut_id, g_source_remove);
  g_clear_object (&self->cut_snapshot);
  /* The fabric as it is comes first. */
  if (self->prospect_cancellable != NULL)
    g_cancellable_cancel (self->prospect_cancellable);
  if (self->cancellable != NULL)
    {
      /* One worker at a time: stop it, and start again when it returns. */
      self->pending = TRUE;
      g_cancellable_cancel (self->cancellable);
      return;
    }
  self->progress = 0;
  start_stage (self, WEFT_METRICS_HOPS, NULL);
}

/* Which of the worker's figures @change can alter. */
static WeftMetricsFlags
change_touches (const WeftChange *change)
{
  const WeftLink *was = &change->old_link, *is = &change->new_link;
  const WeftNode *old_node = &change->old_node, *new_node = &change->new_node;

  switch (change->kind)
    {
    case WEFT_CHANGE_NODE_CHANGED:
      /* Its place matters through its links' lengths, edited apart. */
      if (old_node->kind == new_node->kind && old_node->part == new_node->part &&
          memcmp (&old_node->groups, &new_node->groups, sizeof (WeftGroups)) == 0)
        return 0;
      break;
    case WEFT_CHANGE_LINK_CHANGED:
      /* Length and medium make latency; capacity is count × speed. */
      if (was->a == is->a && was->b == is->b && was->count == is->count &&
          was->speed_gbps == is->speed_gbps && was->lanes == is->lanes &&
          was->link_class == is->link_class)
        return WEFT_METRICS_HOPS;
      break;
    case WEFT_CHANGE_LINK_ADDED:
    case WEFT_CHANGE_LINK_REMOVED:
    case WEFT_CHANGE_RESET:
    default:
      break;
    }
  return WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION;
}

static void
fabric_changed_cb (WeftMetricsEngine *self,
                   const WeftChange  *change,
                   WeftFabric        *fabric)
{
  guint64 generation = weft_fabric_get_generation (fabric);
  WeftMetricsFlags touches = change_touches (change);
  gboolean carried = FALSE;

  weft_cost_totals_apply (&self->totals, fabric, change);
  self->shown = self->totals;
  weft_cost_totals_add_failed (&self->shown, fabric);
  self->totals_generation = generation;
  g_signal_emit (self, signals[SIGNAL_TOTALS_CHANGED], 0);

  /* Figures current before the edit and untouched by it stay current. */
  if (touches & WEFT_METRICS_HOPS)
    self->hops_touched = generation;
  else if (self->hops_generation == self->seen_generation)
    carried = TRUE, self->hops_generation = generation;
  if (touches & WEFT_METRICS_BISECTION)
    self->cut_touched = generation;
  else if (self->cut_generation == self->seen_generation)
    carried = TRUE, self->cut_generation = generation;
  self->seen_generation = generation;
  if (carried && self->metrics != NULL)
    g_signal_emit (self, signals[SIGNAL_UPDATED], 0);

  /* Edits made in one go start one run, when they settle. */
  self->start_needed |= touches != 0;
}

/* When the fabric has become the prospect worked out last, and the worker
 * is free: its hops and latency are the fabric's, and bisection follows
 * as after a run, on a copy made when it starts. */
static gboolean
take_foreseen (WeftMetricsEngine *self)
{
  guint64 generation = weft_fabric_get_generation (self->fabric);

  if (self->foreseen == NULL || self->cancellable != NULL || self->metrics == NULL ||
      !weft_fabric_same_graph (self->fabric, self->foreseen))
    return FALSE;
  self->start_needed = FALSE;
  take_stage (self->metrics, self->foreseen_metrics, WEFT_METRICS_HOPS);
  g_clear_object (&self->foreseen);
  g_clear_pointer (&self->foreseen_metrics, weft_metrics_free);
  self->hops_generation = generation;
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  g_clear_handle_id (&self->cut_id, g_source_remove);
  g_clear_object (&self->cut_snapshot);
  if (self->cut_generation != generation)
    self->cut_id = g_timeout_add (cut_delay (self), cut_timeout_cb, self);
  return TRUE;
}

/* After each edit call, undo and redo, its changes all out: the worker
 * starts now, once, not in an idle that a drag's back-to-back frames hold
 * up for two or three of them. The fabric's edited flag has its new value
 * only now too: a generator's closed form holds only while it is
 * unedited, so bisection does not carry over that line. */
static void
settled_cb (WeftMetricsEngine *self)
{
  gboolean edited = weft_fabric_is_edited (self->fabric);
  WeftCostTotals shown = self->totals;

  self->isolated = weft_fabric_get_settle_gap (self->fabric) >= CUT_DELAY_MS * 1000;

  /* A failure is in effect once its edit has ended: the bill keeps its links from then on. */
  weft_cost_totals_add_failed (&shown, self->fabric);
  if (memcmp (&shown, &self->shown, sizeof shown) != 0)
    {
      self->shown = shown;
      g_signal_emit (self, signals[SIGNAL_TOTALS_CHANGED], 0);
    }

  if (edited != self->edited)
    {
      self->edited = edited;
      self->cut_touched = self->seen_generation;
      if (self->cut_generation == self->seen_generation)
        self->cut_generation = G_MAXUINT64;
    }
  else if (!self->start_needed)
    return;
  if (!take_foreseen (self))
    start (self);
}

static void
weft_metrics_engine_dispose (GObject *object)
{
  WeftMetricsEngine *self = WEFT_METRICS_ENGINE (object);

  g_clear_handle_id (&self->cut_id, g_source_remove);
  g_clear_object (&self->cut_snapshot);
  g_clear_object (&self->prospect);
  g_clear_object (&self->foreseen);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->prospect_cancellable != NULL)
    g_cancellable_cancel (self->prospect_cancellable);
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_clear_object (&self->fabric);
  G_OBJECT_CLASS (weft_metrics_engine_parent_class)->dispose (object);
}

static void
weft_metrics_engine_finalize (GObject *object)
{
  WeftMetricsEngine *self = WEFT_METRICS_ENGINE (object);

  g_clear_pointer (&self->metrics, weft_metrics_free);
  g_clear_object (&self->foreseen);
  g_clear_pointer (&self->foreseen_metrics, weft_metrics_free);
  G_OBJECT_CLASS (weft_metrics_engine_parent_class)->finalize (object);
}

static void
weft_metrics_engine_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WeftMetricsEngine *self = WEFT_METRICS_ENGINE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, weft_metrics_engine_get_busy (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_metrics_engine_class_init (WeftMetricsEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_metrics_engine_dispose;
  object_class->finalize = weft_metrics_engine_finalize;
  object_class->get_property = weft_metrics_engine_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_TOTALS_CHANGED] =
    g_signal_new ("totals-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
weft_metrics_engine_init (WeftMetricsEngine *self)
{
  self->hops_generation = self->cut_generation = G_MAXUINT64;
}

WeftMetricsEngine *
weft_metrics_engine_new (WeftFabric *fabric)
{
  WeftMetricsEngine *self;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  self = g_object_new (WEFT_TYPE_METRICS_ENGINE, NULL);
  self->fabric = g_object_ref (fabric);
  weft_cost_totals_init (&self->totals, fabric);
  self->shown = self->totals;
  weft_cost_totals_add_failed (&self->shown, fabric);
  self->totals_generation = self->seen_generation = weft_fabric_get_generation (fabric);
  self->hops_touched = self->cut_touched = self->seen_generation;
  self->edited = weft_fabric_is_edited (fabric);
  g_signal_connect_object (fabric, "changed", G_CALLBACK (fabric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (fabric, "settled", G_CALLBACK (settled_cb), self, G_CONNECT_SWAPPED);
  start (self);
  return self;
}

WeftFabric *
weft_metrics_engine_get_fabric (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), NULL);
  return self->fabric;
}

const WeftCostTotals *
weft_metrics_engine_get_totals (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), NULL);
  return &self->shown;
}

const WeftMetrics *
weft_metrics_engine_get_metrics (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), NULL);
  return self->metrics;
}

guint64
weft_metrics_engine_get_metrics_generation (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), 0);
  if (self->metrics == NULL ||
      (self->metrics->computed & (WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION)) !=
          (WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION))
    return G_MAXUINT64;
  return self->hops_generation == self->cut_generation ? self->hops_generation : G_MAXUINT64;
}

guint64
weft_metrics_engine_get_generation_of (WeftMetricsEngine *self,
                                      WeftMetricsFlags   stage)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), 0);
  if (stage & WEFT_METRICS_HOPS)
    return self->hops_generation;
  if (stage & WEFT_METRICS_BISECTION)
    return self->cut_generation;
  return self->totals_generation;
}

WeftMetricsFlags
weft_metrics_engine_get_current (WeftMetricsEngine *self)
{
  guint64 generation;

  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), 0);
  generation = weft_fabric_get_generation (self->fabric);
  if (self->metrics == NULL)
    return 0;
  return (self->hops_generation == generation ? self->metrics->computed & WEFT_METRICS_HOPS : 0) |
         (self->cut_generation == generation ? self->metrics->computed & WEFT_METRICS_BISECTION
                                             : 0);
}

gboolean
weft_metrics_engine_get_busy (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), FALSE);
  return self->cancellable != NULL || self->start_needed || self->cut_id != 0;
}

double
weft_metrics_engine_get_progress (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), 0);
  return self->progress;
}

void
weft_metrics_engine_foresee (WeftMetricsEngine *self,
                             WeftFabric        *prospect)
{
  g_return_if_fail (WEFT_IS_METRICS_ENGINE (self));
  g_return_if_fail (WEFT_IS_FABRIC (prospect));

  g_clear_object (&self->prospect);
  self->prospect = prospect;
  look_ahead (self);
}

gboolean
weft_metrics_engine_get_looking_ahead (WeftMetricsEngine *self)
{
  g_return_val_if_fail (WEFT_IS_METRICS_ENGINE (self), FALSE);
  return self->prospect != NULL || self->prospect_cancellable != NULL;
}
