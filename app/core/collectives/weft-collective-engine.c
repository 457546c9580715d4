/* weft-collective-engine.c — the window's collective and step figures: a run on a copy of the
 * fabric after each edit settles, stale results dropped. */
#include "collectives/weft-collective-engine.h"

#include "collectives/weft-collective-private.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

struct _WeftCollectiveEngine
{
  GObject                parent_instance;

  WeftFabric            *fabric;
  GCancellable          *cancellable;   /* the run in progress */
  gboolean               pending;       /* an edit settled while it ran */
  WeftCollectiveFigures *figures;
  WeftJob                job;
  gboolean               job_set;
  WeftJob                timed;         /* the job of the figures */
  WeftCollectiveOp       op;
  double                 size_bytes;
  guint64                job_serial;    /* bumped by each new job */
  guint64                timed_serial;  /* the job serial of the figures */
  guint                  delay_id;      /* a run waiting for the edits to pause */
  gint64                 last_run_us;   /* how long the last run took */
};

/* Runs that took longer than this wait for the edits to pause, as bisection
 * does, instead of following every step of a drag: at 131,072 GPUs a run
 * is seconds of work, which would hold a core the frames need. */
#define QUICK_RUN_US   50000
#define PAUSE_MS       120

G_DEFINE_FINAL_TYPE (WeftCollectiveEngine, weft_collective_engine, G_TYPE_OBJECT)

enum { SIGNAL_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What a run is given and hands back. */
typedef struct
{
  WeftFabric            *snapshot;
  guint64                job_serial;
  gint64                 started_us;
  WeftJob                job;
  gboolean               default_job;
  WeftCollectiveOp       op;
  double                 size_bytes;
  WeftCollectiveFigures *figures;
} Run;

void
weft_collective_figures_free (WeftCollectiveFigures *figures)
{
  if (figures == NULL)
    return;
  weft_step_time_clear (&figures->step);
  g_free (figures->error);
  g_free (figures->step_error);
  g_free (figures->link_share);
  g_free (figures);
}

static void
run_free (Run *run)
{
  g_clear_object (&run->snapshot);
  weft_job_clear (&run->job);
  weft_collective_figures_free (run->figures);
  g_free (run);
}

/* The links' share of the bottleneck under the collective shown. */
static void
link_shares (WeftCollectivePlan          *plan,
             const WeftCollectiveResult  *result,
             WeftFabric                  *fabric,
             WeftCollectiveFigures       *figures)
{
  const double *load = weft_collective_plan_loads (plan, result->algorithm);

  figures->n_links = weft_fabric_get_n_links (fabric);
  figures->link_share = g_new0 (float, MAX (figures->n_links, 1));
  for (guint l = 0; l < figures->n_links && result->transfer_s > 0; l++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, l);
      double capacity = (double) link->count * link->speed_gbps * 1e9 / 8;

      figures->link_share[l] = MAX (load[2 * l], load[2 * l + 1]) * result->size_bytes / capacity /
                               result->transfer_s;
    }
}

WeftCollectiveFigures *
weft_collective_figures_compute (WeftFabric       *fabric,
                                 WeftCollectiveOp  op,
                                 double            size_bytes,
                                 WeftJob          *job,
                                 gboolean          default_job,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(WeftCollectiveFigures) figures = g_new0 (WeftCollectiveFigures, 1);
  g_autoptr(WeftRoutes) routes = NULL;
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;
  g_autoptr(GError) job_error = NULL;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  figures->generation = weft_fabric_get_generation (fabric);
  figures->op = op;
  figures->size_bytes = size_bytes;

  /* One set of routes serves the collective, the all-reduce and every
   * collective of the step: the fabric is the same. A fabric that cannot
   * run the collective (two GPUs cut apart) is a figure too: the window
   * says why. */
  routes = weft_routes_new (fabric);
  plan =
      weft_collective_plan_new_on (routes, fabric, op, NULL, 0, 1, NULL, cancellable, &job_error);
  if (plan != NULL)
    result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, size_bytes, 0, &job_error);
  if (result == NULL)
    {
      if (g_error_matches (job_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&job_error));
          return NULL;
        }
      figures->error = g_strdup (job_error->message);
      return g_steal_pointer (&figures);
    }
  figures->algorithm = result->algorithm;
  figures->time_s = result->time_s;
  figures->busbw_GBps = result->busbw_GBps;
  link_shares (plan, result, fabric, figures);
  if (op == WEFT_OP_ALL_REDUCE && size_bytes == 0x1p30)
    {
      figures->allreduce_busbw_GBps = result->busbw_GBps;
      figures->allreduce_algorithm = result->algorithm;
    }
  else
    {
      g_autoptr(WeftCollectivePlan) ar_plan = NULL;
      g_autoptr(WeftCollectiveResult) ar = NULL;

      ar_plan = weft_collective_plan_new_on (routes, fabric, WEFT_OP_ALL_REDUCE, NULL, 0, 1, NULL,
                                             cancellable, error);
      if (ar_plan != NULL)
        ar = weft_collective_plan_time (ar_plan, WEFT_ALGO_AUTO, 0x1p30, 0, error);
      if (ar == NULL)
        return NULL;
      figures->allreduce_busbw_GBps = ar->busbw_GBps;
      figures->allreduce_algorithm = ar->algorithm;
    }

  /* A job that no longer fits is a figure of its own, not a failed run. */
  if (default_job && !weft_job_default (fabric, job, &job_error))
    figures->step_error = g_strdup (job_error->message);
  else if (!weft_training_step_on (routes, fabric, job, &figures->step, cancellable, &job_error))
    {
      if (g_error_matches (job_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&job_error));
          return NULL;
        }
      figures->step_error = g_strdup (job_error->message);
    }
  else
    figures->has_step = TRUE;
  return g_steal_pointer (&figures);
}

static gboolean
compute (Run           *run,
         GCancellable  *cancellable,
         GError       **error)
{
  run->figures = weft_collective_figures_compute (run->snapshot, run->op, run->size_bytes,
                                                  &run->job, run->default_job, cancellable, error);
  return run->figures != NULL;
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  pid_t thread = (pid_t) syscall (SYS_gettid);
  int priority = getpriority (PRIO_PROCESS, thread);

  /* Below the frames and the metrics engine: these figures may come a
   * frame later, a frame must not. The pool thread gets its priority back. */
  setpriority (PRIO_PROCESS, thread, MIN (priority + 10, 19));
  if (compute (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  setpriority (PRIO_PROCESS, thread, priority);
}

static void start (WeftCollectiveEngine *self);

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WeftCollectiveEngine *self = WEFT_COLLECTIVE_ENGINE (source);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  if (self->fabric == NULL)
    return;
  self->last_run_us = g_get_monotonic_time () - run->started_us;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      weft_collective_figures_free (self->figures);
      self->figures = g_steal_pointer (&run->figures);
      weft_job_copy (&self->timed, &run->job);
      self->timed_serial = run->job_serial;
      if (weft_collective_engine_is_current (self))
        g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Collectives: %s", error->message);
  if (self->pending)
    start (self);
}

static void
start (WeftCollectiveEngine *self)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  if (self->cancellable != NULL)
    {
      /* One run at a time: the next starts when this one returns. */
      self->pending = TRUE;
      g_cancellable_cancel (self->cancellable);
      return;
    }
  self->pending = FALSE;
  run = g_new0 (Run, 1);
  run->snapshot = weft_fabric_dup_snapshot (self->fabric);
  run->job_serial = self->job_serial;
  run->started_us = g_get_monotonic_time ();
  run->default_job = !self->job_set;
  if (self->job_set)
    weft_job_copy (&run->job, &self->job);
  run->op = self->op;
  run->size_bytes = self->size_bytes;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
delay_cb (gpointer user_data)
{
  WeftCollectiveEngine *self = user_data;

  self->delay_id = 0;
  start (self);
  return G_SOURCE_REMOVE;
}

static void
settled_cb (WeftCollectiveEngine *self)
{
  /* An edit on its own (a deletion, a failure, an undo) is worked out at once. */
  if (self->last_run_us < QUICK_RUN_US ||
      weft_fabric_get_settle_gap (self->fabric) >= PAUSE_MS * 1000)
    {
      start (self);
      return;
    }
  g_clear_handle_id (&self->delay_id, g_source_remove);
  self->delay_id = g_timeout_add (PAUSE_MS, delay_cb, self);
}

static void
weft_collective_engine_dispose (GObject *object)
{
  WeftCollectiveEngine *self = WEFT_COLLECTIVE_ENGINE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_object (&self->fabric);
  G_OBJECT_CLASS (weft_collective_engine_parent_class)->dispose (object);
}

static void
weft_collective_engine_finalize (GObject *object)
{
  WeftCollectiveEngine *self = WEFT_COLLECTIVE_ENGINE (object);

  g_clear_object (&self->cancellable);
  weft_collective_figures_free (self->figures);
  weft_job_clear (&self->job);
  weft_job_clear (&self->timed);
  G_OBJECT_CLASS (weft_collective_engine_parent_class)->finalize (object);
}

static void
weft_collective_engine_class_init (WeftCollectiveEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_collective_engine_dispose;
  object_class->finalize = weft_collective_engine_finalize;
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
weft_collective_engine_init (WeftCollectiveEngine *self)
{
  self->op = WEFT_OP_ALL_REDUCE;
  self->size_bytes = 0x1p30;
}

WeftCollectiveEngine *
weft_collective_engine_new (WeftFabric *fabric)
{
  WeftCollectiveEngine *self = g_object_new (WEFT_TYPE_COLLECTIVE_ENGINE, NULL);

  self->fabric = g_object_ref (fabric);
  g_signal_connect_object (fabric, "settled", G_CALLBACK (settled_cb), self, G_CONNECT_SWAPPED);
  start (self);
  return self;
}

const WeftCollectiveFigures *
weft_collective_engine_get_figures (WeftCollectiveEngine *self)
{
  g_return_val_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self), NULL);
  return self->figures;
}

gboolean
weft_collective_engine_is_current (WeftCollectiveEngine *self)
{
  g_return_val_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self), FALSE);
  return self->figures != NULL && self->fabric != NULL &&
         self->figures->generation == weft_fabric_get_generation (self->fabric) &&
         self->timed_serial == self->job_serial;
}

gboolean
weft_collective_engine_get_busy (WeftCollectiveEngine *self)
{
  g_return_val_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self), FALSE);
  return self->cancellable != NULL || self->delay_id != 0;
}

void
weft_collective_engine_set_job (WeftCollectiveEngine *self,
                                const WeftJob        *job)
{
  g_return_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self));
  if ((job == NULL && !self->job_set) ||
      (job != NULL && self->job_set && weft_job_equal (job, &self->job)))
    return;
  self->job_set = job != NULL;
  if (job != NULL)
    weft_job_copy (&self->job, job);
  self->job_serial++;
  start (self);
}

const WeftJob *
weft_collective_engine_get_job (WeftCollectiveEngine *self)
{
  g_return_val_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self), NULL);
  return self->figures != NULL ? &self->timed : NULL;
}

void
weft_collective_engine_set_collective (WeftCollectiveEngine *self,
                                       WeftCollectiveOp      op,
                                       double                size_bytes)
{
  g_return_if_fail (WEFT_IS_COLLECTIVE_ENGINE (self));
  if (self->op == op && self->size_bytes == size_bytes)
    return;
  self->op = op;
  self->size_bytes = size_bytes;
  start (self);
}
