/* weft-metrics-hops.c — switch hops, link hops and latency over all GPU pairs, one row per class of alike GPUs.
 *
 * weft-metrics-classes.c groups the GPUs and reduces the fabric to its
 * switches; each class's row of distances to every class gives all pairs.
 *
 * Hops: 64 hop classes at a time, as the bits of one breadth-first search
 * over half-hop levels.
 *
 * Latency: one shortest-path search per latency class — or, when the
 * classes share few exits, one per exit, after which a class's row is the
 * cheapest of its exits' rows plus what it pays to reach them. Latency is
 * symmetric, so when every class is a source a row only looks at the
 * classes from its own on and counts each pair after it twice. Above 4,096
 * latency classes, an even spread of 512 of them are the sources (each row
 * still exact over every target) and the result says so.
 */
#include "weft-metrics-classes.h"

#include <math.h>
#include <string.h>

#include "weft-metrics-paths.h"

#define LATENCY_EXACT_MAX 4096
#define LATENCY_SAMPLE    512

/* Searches per exit need their n_exits² latencies held at once; past this, search per class. */
#define MAX_BETWEEN (16u << 20)

typedef struct _Worker Worker;
typedef void (*JobFunc) (Worker *worker,
                         guint   job);

typedef struct
{
  WeftClasses      *classes;
  WeftPathGraph     paths;         /* the switch graph, weighted by latency */
  guint32          *latency_sources;
  guint             n_latency_sources;
  gboolean          half_rows;     /* every class a source: rows look only ahead */
  double           *between;       /* latency from exit to exit, or NULL: search per class */
  double           *row_latency;   /* per latency class: its row's sum, added up in order */
  guint64          *row_pairs;

  WeftMetricsTask  *task;
  JobFunc           job;
  guint             n_jobs;        /* in the current phase */
  guint             jobs_before;   /* done in the phases before, for progress */
  guint             jobs_total;
  gint              next_job;
  gint              cancelled;
} Hops;

struct _Worker
{
  Hops           *hops;
  gboolean        reports;
  GArray         *hist[2];         /* guint64 per hop count */
  guint64         reachable;
  guint64         unreachable;
  double          latency_min;
  double          latency_max;
  WeftPathSearch  search;
  guint32        *sources;         /* a class's exits as vertices */
  double         *offsets;         /* and what reaching each costs */
  double         *reach;           /* per exit: from the row's source */
  double         *row;             /* per class */
  gint64         *net;             /* per class: the pairs the row entry stands for */
  guint64        *seen;            /* multi-source BFS: sources that reached each vertex */
  guint64        *cur;
  guint64        *pending;         /* (max_half + 1) levels × vertices */
  guint16        *levels;          /* 64 sources × vertices */
  GArray         *seeds;           /* guint64: level << 40 | vertex << 8 | source */
};

/* One source's row against the classes of @set from @first on: the best
 * way in through each target's exits, and how many pairs it stands for. */
static void
combine_row (const WeftClassSet *set,
             guint               a,
             guint               first,
             const double       *reach,
             WeftCost            cost,
             double             *row,
             gint64             *net)
{
  const double *exit_cost = set->cost[cost];

  for (guint b = first; b < set->n; b++)
    {
      double d = WEFT_FAR;

      for (guint32 y = set->offsets[b]; y < set->offsets[b + 1]; y++)
        d = MIN (d, reach[set->exit[y]] + exit_cost[y]);
      row[b] = d;
      net[b] = (gint64) (set->size[a] * set->size[b]) - (a == b ? (gint64) set->size[a] : 0);
    }
  for (guint32 i = set->excl_offsets[a]; i < set->excl_offsets[a + 1]; i++)
    if (set->excl[i].other >= first)
      net[set->excl[i].other] -= set->excl[i].count;
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    if (set->over[i].other >= first)
      net[set->over[i].other] -= set->over[i].count;
}

static void
bump (GArray  *hist,
      double   hops,
      gint64   n)
{
  guint bucket = (guint) lround (hops);

  if (hist->len <= bucket)
    g_array_set_size (hist, bucket + 1);
  g_array_index (hist, guint64, bucket) += n;
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Breadth-first search from up to 64 hop classes at once, one bit each
 * (Then et al., "The More the Merrier", 2014), over costs in half hops:
 * a vertex reached at level d by some sources passes them on to level
 * d + w along an edge of w half hops. Levels go to [source][vertex]. */
static void
multi_bfs (Worker   *worker,
           guint     first,
           guint     n_sources,
           WeftCost  cost)
{
  const WeftClasses *cl = worker->hops->classes;
  const WeftClassSet *set = &cl->hop;
  const guint32 *weight = cl->r_half[cost];
  guint n = cl->n_red, ring = cl->max_half + 1;
  guint64 *seen = worker->seen, *cur = worker->cur, *pending = worker->pending;
  guint16 *dist = worker->levels;
  guint remaining_seeds;

  memset (seen, 0, n * sizeof (guint64));
  memset (pending, 0, (gsize) ring * n * sizeof (guint64));
  for (guint s = 0; s < n_sources; s++)
    for (guint v = 0; v < n; v++)
      dist[s * n + v] = G_MAXUINT16;
  /* Seeds: each source's exits at their own costs, sorted by level. */
  g_array_set_size (worker->seeds, 0);
  for (guint s = 0; s < n_sources; s++)
    for (guint32 y = set->offsets[first + s]; y < set->offsets[first + s + 1]; y++)
      {
        guint64 level = (guint64) lround (2 * set->cost[cost][y]);
        guint64 seed = level << 40 | (guint64) cl->exits[set->exit[y]] << 8 | s;

        g_array_append_val (worker->seeds, seed);
      }
  g_array_sort (worker->seeds, compare_u64);
  remaining_seeds = worker->seeds->len;

  for (guint level = 0, next_seed = 0, idle = 0; idle <= ring || remaining_seeds > 0; level++)
    {
      guint64 *slot = pending + (gsize) (level % ring) * n;
      gboolean any = FALSE;

      for (; next_seed < worker->seeds->len; next_seed++, remaining_seeds--)
        {
          guint64 seed = g_array_index (worker->seeds, guint64, next_seed);

          if ((seed >> 40) != level)
            break;
          slot[(seed >> 8) & 0xffffffff] |= G_GUINT64_CONSTANT (1) << (seed & 0xff);
        }
      for (guint v = 0; v < n; v++)
        {
          cur[v] = slot[v] & ~seen[v];
          slot[v] = 0;
          if (cur[v] == 0)
            continue;
          any = TRUE;
          seen[v] |= cur[v];
          for (guint64 bits = cur[v]; bits != 0; bits &= bits - 1)
            dist[(guint) __builtin_ctzll (bits) * n + v] = (guint16) MIN (level, G_MAXUINT16 - 1);
        }
      idle = any ? 0 : idle + 1;
      if (!any)
        continue;
      for (guint v = 0; v < n; v++)
        if (cur[v] != 0)
          for (guint32 e = cl->r_offsets[v]; e < cl->r_offsets[v + 1]; e++)
            pending[(gsize) ((level + weight[e]) % ring) * n + cl->r_adj[e]] |= cur[v];
    }
}

/* Rows of up to 64 hop classes: switch hops and link hops to every class. */
static void
hop_job (Worker *worker,
         guint   job)
{
  const WeftClasses *cl = worker->hops->classes;
  const WeftClassSet *set = &cl->hop;
  guint first = job * 64, n_sources = MIN (64, set->n - first), n = cl->n_red;

  for (guint c = 0; c < 2; c++)
    {
      multi_bfs (worker, first, n_sources, c);
      for (guint s = 0; s < n_sources; s++)
        {
          guint a = first + s;

          /* Levels are in half hops. */
          for (guint e = 0; e < cl->n_exits; e++)
            {
              guint16 level = worker->levels[s * n + cl->exits[e]];

              worker->reach[e] = level == G_MAXUINT16 ? WEFT_FAR : level / 2.0;
            }
          combine_row (set, a, 0, worker->reach, c, worker->row, worker->net);
          for (guint b = 0; b < set->n; b++)
            if (worker->net[b] > 0)
              {
                if (worker->row[b] >= WEFT_FAR)
                  worker->unreachable += c == 0 ? worker->net[b] : 0;
                else
                  {
                    bump (worker->hist[c], worker->row[b], worker->net[b]);
                    worker->reachable += c == 0 ? worker->net[b] : 0;
                  }
              }
          for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
            {
              const WeftClassPair *pair = &set->over[i];
              double d = MIN (worker->row[pair->other], pair->intra[c]);

              if (d >= WEFT_FAR)
                worker->unreachable += c == 0 ? pair->count : 0;
              else
                {
                  bump (worker->hist[c], d, pair->count);
                  worker->reachable += c == 0 ? pair->count : 0;
                }
            }
        }
    }
}

/* Latencies from one exit to every exit. */
static void
exit_job (Worker *worker,
          guint   x)
{
  const WeftClasses *cl = worker->hops->classes;
  double *row = worker->hops->between + (gsize) x * cl->n_exits, zero = 0;

  weft_path_search_run (&worker->search, &cl->exits[x], &zero, 1);
  for (guint e = 0; e < cl->n_exits; e++)
    row[e] = worker->search.dist[cl->exits[e]];
}

/* What the source class @a pays to reach each exit. */
static void
reach_exits (Worker *worker,
             guint   a)
{
  const WeftClasses *cl = worker->hops->classes;
  const WeftClassSet *set = &cl->lat;
  const double *between = worker->hops->between;
  const double *exit_cost = set->cost[WEFT_COST_LATENCY];
  guint n_exits = cl->n_exits, n_sources = 0;

  if (between != NULL)
    {
      for (guint e = 0; e < n_exits; e++)
        worker->reach[e] = WEFT_FAR;
      for (guint32 y = set->offsets[a]; y < set->offsets[a + 1]; y++)
        {
          const double *from = between + (gsize) set->exit[y] * n_exits;

          for (guint e = 0; e < n_exits; e++)
            worker->reach[e] = MIN (worker->reach[e], exit_cost[y] + from[e]);
        }
      return;
    }
  for (guint32 y = set->offsets[a]; y < set->offsets[a + 1]; y++, n_sources++)
    {
      worker->sources[n_sources] = cl->exits[set->exit[y]];
      worker->offsets[n_sources] = exit_cost[y];
    }
  weft_path_search_run (&worker->search, worker->sources, worker->offsets, n_sources);
  for (guint e = 0; e < n_exits; e++)
    worker->reach[e] = worker->search.dist[cl->exits[e]];
}

/* One latency class's row. */
static void
latency_job (Worker *worker,
             guint   job)
{
  Hops *hops = worker->hops;
  const WeftClassSet *set = &hops->classes->lat;
  guint a = hops->latency_sources[job], first = hops->half_rows ? a : 0;
  double sum = 0;
  guint64 pairs = 0;

  reach_exits (worker, a);
  combine_row (set, a, first, worker->reach, WEFT_COST_LATENCY, worker->row, worker->net);
  for (guint b = first; b < set->n; b++)
    if (worker->net[b] > 0 && worker->row[b] < WEFT_FAR)
      {
        guint64 n = (guint64) worker->net[b] * (hops->half_rows && b > a ? 2 : 1);

        sum += n * worker->row[b];
        pairs += n;
        worker->latency_min = MIN (worker->latency_min, worker->row[b]);
        worker->latency_max = MAX (worker->latency_max, worker->row[b]);
      }
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    {
      const WeftClassPair *pair = &set->over[i];
      double d;
      guint64 n;

      if (pair->other < first)
        continue;
      d = MIN (worker->row[pair->other], pair->intra[WEFT_COST_LATENCY]);
      if (d >= WEFT_FAR)
        continue;
      n = (guint64) pair->count * (hops->half_rows && pair->other > a ? 2 : 1);
      sum += n * d;
      pairs += n;
      worker->latency_min = MIN (worker->latency_min, d);
      worker->latency_max = MAX (worker->latency_max, d);
    }
  /* Summed per row and then in class order, so that threads never change
   * the last digit of the mean. */
  hops->row_latency[a] = sum;
  hops->row_pairs[a] = pairs;
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Hops *hops = worker->hops;

  for (;;)
    {
      gint job = g_atomic_int_add (&hops->next_job, 1);

      if (job >= (gint) hops->n_jobs || g_atomic_int_get (&hops->cancelled))
        break;
      if (g_cancellable_is_cancelled (hops->task->cancellable))
        {
          g_atomic_int_set (&hops->cancelled, TRUE);
          break;
        }
      hops->job (worker, job);
      if (worker->reports && (job & 15) == 0)
        weft_metrics_task_report (hops->task, (double) (hops->jobs_before + job) / hops->jobs_total,
                                  "Hop counts and latency");
    }
  return NULL;
}

/* The jobs of one phase, spread over the workers; the rows are independent
 * and touch no igraph. */
static void
run_phase (Hops    *hops,
           Worker  *workers,
           guint    n_workers,
           JobFunc  job,
           guint    n_jobs)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_workers);
  guint used = n_jobs < 8 ? 1 : n_workers;

  hops->job = job;
  hops->n_jobs = n_jobs;
  hops->next_job = 0;
  for (guint w = 1; w < used; w++)
    threads[w] = g_thread_new ("weft-hops", worker_run, &workers[w]);
  worker_run (&workers[0]);
  for (guint w = 1; w < used; w++)
    g_thread_join (threads[w]);
  hops->jobs_before += n_jobs;
}

static void
worker_init (Worker *worker,
             Hops   *hops)
{
  const WeftClasses *cl = hops->classes;
  guint n = MAX (cl->n_red, 1), classes = MAX (MAX (cl->lat.n, cl->hop.n), 1), exits = MAX (cl->n_exits, 1);

  *worker = (Worker) { hops };
  worker->latency_min = WEFT_FAR;
  for (guint h = 0; h < 2; h++)
    worker->hist[h] = g_array_new (FALSE, TRUE, sizeof (guint64));
  weft_path_search_init (&worker->search, &hops->paths);
  worker->sources = g_new (guint32, exits);
  worker->offsets = g_new (double, exits);
  worker->reach = g_new (double, exits);
  worker->row = g_new (double, classes);
  worker->net = g_new (gint64, classes);
  worker->seen = g_new (guint64, n);
  worker->cur = g_new (guint64, n);
  worker->pending = g_new (guint64, (gsize) (cl->max_half + 1) * n);
  worker->levels = g_new (guint16, 64 * (gsize) n);
  worker->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
}

static void
worker_clear (Worker *worker)
{
  for (guint h = 0; h < 2; h++)
    g_array_unref (worker->hist[h]);
  weft_path_search_clear (&worker->search);
  g_free (worker->sources);
  g_free (worker->offsets);
  g_free (worker->reach);
  g_free (worker->row);
  g_free (worker->net);
  g_free (worker->seen);
  g_free (worker->cur);
  g_free (worker->pending);
  g_free (worker->levels);
  g_array_unref (worker->seeds);
}

/* Every latency class as a source, or an even spread of them when there
 * are too many to afford (each row is still exact over all targets); and
 * whether to search from each exit first. */
static void
plan_latency (Hops *hops)
{
  const WeftClasses *cl = hops->classes;
  /* The test suite lowers the limit to reach the sampled path on small fabrics. */
  const char *limit = g_getenv ("WEFT_LATENCY_EXACT_MAX");
  guint exact_max = limit ? (guint) g_ascii_strtoull (limit, NULL, 10) : LATENCY_EXACT_MAX;
  guint n = cl->lat.n <= exact_max ? cl->lat.n : MIN (LATENCY_SAMPLE, MAX (exact_max / 2, 1));
  double search = cl->r_offsets[cl->n_red] + cl->n_red, per_class = 0, per_exit;

  hops->n_latency_sources = n;
  hops->half_rows = n == cl->lat.n;
  hops->latency_sources = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint a = (guint32) ((guint64) i * cl->lat.n / n);

      hops->latency_sources[i] = a;
      per_class += cl->lat.offsets[a + 1] - cl->lat.offsets[a];
    }
  hops->row_latency = g_new0 (double, MAX (cl->lat.n, 1));
  hops->row_pairs = g_new0 (guint64, MAX (cl->lat.n, 1));

  /* A search per exit and a min over each class's exits, against a search per class. */
  per_exit = cl->n_exits * search + per_class * cl->n_exits;
  if (per_exit < n * search && (guint64) cl->n_exits * cl->n_exits <= MAX_BETWEEN)
    hops->between = g_new (double, MAX ((gsize) cl->n_exits * cl->n_exits, 1));
  weft_path_graph_init (&hops->paths, cl->n_red, cl->r_offsets, cl->r_adj,
                        cl->r_cost[WEFT_COST_LATENCY], cl->max_exit_latency);
}

static void
hop_stats (WeftHopStats *stats,
           GArray       *hist)
{
  double sum = 0;
  guint64 pairs = 0;

  stats->n_histogram = hist->len;
  stats->histogram = g_memdup2 (hist->data, MAX (hist->len, 1) * sizeof (guint64));
  stats->min = 0;
  stats->max = 0;
  for (guint h = 0; h < stats->n_histogram; h++)
    {
      guint64 n = stats->histogram[h];

      if (n == 0)
        continue;
      if (pairs == 0)
        stats->min = h;
      stats->max = h;
      pairs += n;
      sum += (double) h * n;
    }
  stats->mean = pairs ? sum / pairs : 0;
}

/* Adds up the workers' histograms and extremes into the first. */
static void
merge_workers (Worker *workers,
               guint   n_workers)
{
  Worker *total = &workers[0];

  for (guint w = 1; w < n_workers; w++)
    {
      for (guint h = 0; h < 2; h++)
        {
          GArray *from = workers[w].hist[h];

          if (total->hist[h]->len < from->len)
            g_array_set_size (total->hist[h], from->len);
          for (guint i = 0; i < from->len; i++)
            g_array_index (total->hist[h], guint64, i) += g_array_index (from, guint64, i);
        }
      total->reachable += workers[w].reachable;
      total->unreachable += workers[w].unreachable;
      total->latency_min = MIN (total->latency_min, workers[w].latency_min);
      total->latency_max = MAX (total->latency_max, workers[w].latency_max);
    }
}

gboolean
weft_metrics_compute_hops (WeftMetricsGraph *graph,
                           WeftMetrics      *metrics,
                           WeftMetricsTask  *task,
                           GError          **error)
{
  g_autoptr(WeftClasses) classes = weft_classes_new (graph);
  Hops hops = { classes };
  guint n_workers = CLAMP (g_get_num_processors (), 1, 8), n_hop_jobs;
  g_autofree Worker *workers = g_new (Worker, n_workers);
  guint64 latency_pairs = 0;
  double latency_sum = 0;

  hops.task = task;
  plan_latency (&hops);
  g_debug ("Hop counts: %u GPUs in %u hop classes and %u latency classes (%u as sources), "
           "%u switches in the reduced graph, %u exits, latency searched per %s, %s",
           graph->n_gpus, classes->hop.n, classes->lat.n, hops.n_latency_sources, classes->n_red,
           classes->n_exits, hops.between ? "exit" : "class",
           hops.paths.width > 0 ? "in buckets" : "with a heap");

  n_hop_jobs = (classes->hop.n + 63) / 64;
  hops.jobs_total = n_hop_jobs + (hops.between ? classes->n_exits : 0) + hops.n_latency_sources;
  for (guint w = 0; w < n_workers; w++)
    worker_init (&workers[w], &hops);
  workers[0].reports = TRUE;
  run_phase (&hops, workers, n_workers, hop_job, n_hop_jobs);
  if (hops.between != NULL)
    run_phase (&hops, workers, n_workers, exit_job, classes->n_exits);
  run_phase (&hops, workers, n_workers, latency_job, hops.n_latency_sources);
  merge_workers (workers, n_workers);
  for (guint i = 0; i < hops.n_latency_sources; i++)
    {
      latency_sum += hops.row_latency[hops.latency_sources[i]];
      latency_pairs += hops.row_pairs[hops.latency_sources[i]];
    }

  if (!hops.cancelled)
    {
      metrics->pairs = workers[0].reachable + workers[0].unreachable;
      metrics->unreachable_pairs = workers[0].unreachable;
      hop_stats (&metrics->switch_hops, workers[0].hist[0]);
      hop_stats (&metrics->link_hops, workers[0].hist[1]);
      metrics->latency.min_ns = latency_pairs ? workers[0].latency_min : 0;
      metrics->latency.max_ns = workers[0].latency_max;
      metrics->latency.mean_ns = latency_pairs ? latency_sum / latency_pairs : 0;
      metrics->latency_classes = classes->lat.n;
      metrics->latency_sources = hops.n_latency_sources;
    }
  for (guint w = 0; w < n_workers; w++)
    worker_clear (&workers[w]);
  g_free (hops.latency_sources);
  g_free (hops.between);
  g_free (hops.row_latency);
  g_free (hops.row_pairs);
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  return TRUE;
}
