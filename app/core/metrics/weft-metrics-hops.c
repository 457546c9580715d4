/* weft-metrics-hops.c — switch hops, link hops and latency over all GPU pairs, one row per class of
 * alike GPUs.
 *
 * weft-metrics-classes.c groups the GPUs and reduces the fabric to its
 * switches; each class's row of distances to every class gives all pairs.
 *
 * Hops: 64 hop classes at a time, as the bits of one breadth-first search
 * over half-hop levels.
 *
 * Latency: classes alike but for a constant share a shape
 * (weft-metrics-shapes.c), and one shortest-path search per shape — or,
 * when the shapes share few exits, one per exit, after which a shape's
 * row is the cheapest of its exits' rows plus what it pays to reach them
 * — gives the rows of all its classes, each adding the two constants. Latency is
 * symmetric, so when every class is a source a row only looks at the
 * classes from its own on and counts each pair after it twice. Above 4,096
 * latency classes, an even spread of 512 of them are the sources (each row
 * still exact over every target) and the result says so.
 */
#include "metrics/weft-metrics-classes.h"

#include <math.h>
#include <string.h>

#include "metrics/weft-metrics-paths.h"
#include "metrics/weft-metrics-shapes.h"
#include "util/weft-sort.h"

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
  WeftShapes        shapes;
  guint32          *job_shapes;    /* the shapes with sources, a latency job each */
  guint             n_job_shapes;
  guint32          *source_offsets;  /* per shape + 1: into shape_sources */
  guint32          *shape_sources;   /* the source classes, by shape */
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
  double         *reach;           /* per exit: from the row's source */
  double         *shape_row;       /* per shape: from the row's source shape */
  guint32        *mark;            /* per class: the latency row (+ 1) that found it near */
  guint32        *near;            /* the near targets of that row */
  double         *row;             /* per class */
  gint64         *net;             /* per class: the pairs the row entry stands for */
  guint64        *seen;            /* multi-source BFS: sources that reached each vertex */
  guint64        *cur;
  guint64        *pending;         /* (max_half + 1) levels × vertices */
  guint16        *levels;          /* 64 sources × vertices */
  GArray         *seeds;           /* guint64: level << 40 | vertex << 8 | source */
};

/* The pairs each entry of @a's row from @first on stands for: the
 * classes' sizes, less the pairs in one server, and those in one domain,
 * which are counted on their own. */
static void
count_row (const WeftClassSet *set,
           guint               a,
           guint               first,
           gint64             *net)
{
  for (guint b = first; b < set->n; b++)
    net[b] = (gint64) (set->size[a] * set->size[b]) - (a == b ? (gint64) set->size[a] : 0);
  for (guint32 i = set->excl_offsets[a]; i < set->excl_offsets[a + 1]; i++)
    if (set->excl[i].other >= first)
      net[set->excl[i].other] -= set->excl[i].count;
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    if (set->over[i].other >= first)
      net[set->over[i].other] -= set->over[i].count;
}

/* From a source that pays @reach to each exit, to each of @n targets: the
 * best way in through its exits. */
static void
enter_row (guint           n,
           const guint32  *offsets,
           const guint32  *exit,
           const double   *exit_cost,
           const double   *reach,
           double         *row)
{
  for (guint b = 0; b < n; b++)
    {
      double d = WEFT_FAR;

      for (guint32 y = offsets[b]; y < offsets[b + 1]; y++)
        d = MIN (d, reach[exit[y]] + exit_cost[y]);
      row[b] = d;
    }
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
  g_array_sort (worker->seeds, weft_compare_u64);
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
          enter_row (set->n, set->offsets, set->exit, set->cost[c], worker->reach, worker->row);
          count_row (set, a, 0, worker->net);
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

/* What a source that pays @cost to each of its @len exits pays to reach every exit. */
static void
reach_exits (Worker        *worker,
             const guint32 *exit,
             const double  *cost,
             guint          len)
{
  const WeftClasses *cl = worker->hops->classes;
  const double *between = worker->hops->between;
  guint n_exits = cl->n_exits;

  if (between != NULL)
    {
      for (guint e = 0; e < n_exits; e++)
        worker->reach[e] = WEFT_FAR;
      for (guint y = 0; y < len; y++)
        {
          const double *from = between + (gsize) exit[y] * n_exits;

          for (guint e = 0; e < n_exits; e++)
            worker->reach[e] = MIN (worker->reach[e], cost[y] + from[e]);
        }
      return;
    }
  for (guint y = 0; y < len; y++)
    worker->sources[y] = cl->exits[exit[y]];
  weft_path_search_run (&worker->search, worker->sources, cost, len);
  for (guint e = 0; e < n_exits; e++)
    worker->reach[e] = worker->search.dist[cl->exits[e]];
}

/* Adds @n pairs at latency @d to a row's figures. */
static inline void
tally (Worker  *worker,
       double   d,
       guint64  n,
       double  *sum,
       guint64 *pairs)
{
  *sum += n * d;
  *pairs += n;
  worker->latency_min = MIN (worker->latency_min, d);
  worker->latency_max = MAX (worker->latency_max, d);
}

/* One source class's row, from its shape's: each target class at its
 * shape's latency plus both constants, for all its pairs — but the
 * targets that share a server or a domain with the source, whose pairs
 * are fewer (and in a domain may take a way inside it), come after. */
static void
latency_row (Worker *worker,
             guint   a)
{
  Hops *hops = worker->hops;
  const WeftClassSet *set = &hops->classes->lat;
  const WeftShapes *shapes = &hops->shapes;
  const double *shape_row = worker->shape_row, *delta = shapes->delta;
  const guint32 *of = shapes->of;
  const guint64 *size = set->size;
  guint first = hops->half_rows ? a : 0, n_near = 0;
  guint64 twice = hops->half_rows ? 2 : 1;
  guint32 stamp = a + 1;
  double sum = 0;
  guint64 pairs = 0;

  /* The near targets, each once, with the pairs each stands for. */
  worker->near[n_near++] = a;
  worker->mark[a] = stamp;
  worker->net[a] = (gint64) (size[a] * size[a]) - (gint64) size[a];
  for (guint list = 0; list < 2; list++)
    {
      const guint32 *offsets = list == 0 ? set->excl_offsets : set->over_offsets;
      const WeftClassPair *entries = list == 0 ? set->excl : set->over;

      for (guint32 i = offsets[a]; i < offsets[a + 1]; i++)
        {
          guint b = entries[i].other;

          if (b < first)
            continue;
          if (worker->mark[b] != stamp)
            {
              worker->mark[b] = stamp;
              worker->near[n_near++] = b;
              worker->net[b] = (gint64) (size[a] * size[b]);
            }
          worker->net[b] -= entries[i].count;
        }
    }

  for (guint b = first; b < set->n; b++)
    {
      double d = shape_row[of[b]];

      if (d < WEFT_FAR && worker->mark[b] != stamp)
        tally (worker, delta[a] + delta[b] + d, size[a] * size[b] * twice, &sum, &pairs);
    }
  for (guint i = 0; i < n_near; i++)
    {
      guint b = worker->near[i];
      double d = shape_row[of[b]];

      if (d < WEFT_FAR && worker->net[b] > 0)
        tally (worker, delta[a] + delta[b] + d, (guint64) worker->net[b] * (b == a ? 1 : twice),
               &sum, &pairs);
    }
  for (guint32 i = set->over_offsets[a]; i < set->over_offsets[a + 1]; i++)
    {
      const WeftClassPair *pair = &set->over[i];
      double d = shape_row[of[pair->other]];

      if (pair->other < first)
        continue;
      d = MIN (d < WEFT_FAR ? delta[a] + delta[pair->other] + d : WEFT_FAR,
               pair->intra[WEFT_COST_LATENCY]);
      if (d < WEFT_FAR)
        tally (worker, d, (guint64) pair->count * (pair->other == a ? 1 : twice), &sum, &pairs);
    }
  /* Summed per row and then in class order, so that threads never change
   * the last digit of the mean. */
  hops->row_latency[a] = sum;
  hops->row_pairs[a] = pairs;
}

/* One shape's row to every shape, then the rows of its source classes. */
static void
latency_job (Worker *worker,
             guint   job)
{
  Hops *hops = worker->hops;
  const WeftShapes *shapes = &hops->shapes;
  guint s = hops->job_shapes[job], at = shapes->offsets[s];

  reach_exits (worker, &shapes->exit[at], &shapes->cost[at], shapes->offsets[s + 1] - at);
  enter_row (shapes->n, shapes->offsets, shapes->exit, shapes->cost, worker->reach,
             worker->shape_row);
  for (guint32 i = hops->source_offsets[s]; i < hops->source_offsets[s + 1]; i++)
    latency_row (worker, hops->shape_sources[i]);
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
  guint n = MAX (cl->n_red, 1), classes = MAX (MAX (cl->lat.n, cl->hop.n), 1),
        exits = MAX (cl->n_exits, 1);

  *worker = (Worker) { hops };
  worker->latency_min = WEFT_FAR;
  for (guint h = 0; h < 2; h++)
    worker->hist[h] = g_array_new (FALSE, TRUE, sizeof (guint64));
  weft_path_search_init (&worker->search, &hops->paths);
  worker->sources = g_new (guint32, exits);
  worker->reach = g_new (double, exits);
  worker->shape_row = g_new (double, MAX (hops->shapes.n, 1));
  worker->mark = g_new0 (guint32, classes);
  worker->near = g_new (guint32, classes);
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
  g_free (worker->reach);
  g_free (worker->shape_row);
  g_free (worker->mark);
  g_free (worker->near);
  g_free (worker->row);
  g_free (worker->net);
  g_free (worker->seen);
  g_free (worker->cur);
  g_free (worker->pending);
  g_free (worker->levels);
  g_array_unref (worker->seeds);
}

/* Every latency class as a source, or an even spread of them when there
 * are too many to afford (each row is still exact over all targets); the
 * shapes they fall in, a job each; and whether to search from each exit
 * first. */
static void
plan_latency (Hops *hops)
{
  const WeftClasses *cl = hops->classes;
  WeftShapes *shapes = &hops->shapes;
  /* The test suite lowers the limit to reach the sampled path on small fabrics. */
  const char *limit = g_getenv ("WEFT_LATENCY_EXACT_MAX");
  guint exact_max = limit ? (guint) g_ascii_strtoull (limit, NULL, 10) : LATENCY_EXACT_MAX;
  guint n = cl->lat.n <= exact_max ? cl->lat.n : MIN (LATENCY_SAMPLE, MAX (exact_max / 2, 1));
  double search = cl->r_offsets[cl->n_red] + cl->n_red, per_shape = 0, per_exit;
  g_autofree guint32 *fill = NULL;

  hops->n_latency_sources = n;
  hops->half_rows = n == cl->lat.n;
  hops->latency_sources = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    hops->latency_sources[i] = (guint32) ((guint64) i * cl->lat.n / n);
  hops->row_latency = g_new0 (double, MAX (cl->lat.n, 1));
  hops->row_pairs = g_new0 (guint64, MAX (cl->lat.n, 1));

  /* The sources by shape, in their order. */
  weft_shapes_init (shapes, &cl->lat);
  hops->source_offsets = g_new0 (guint32, shapes->n + 1);
  hops->shape_sources = g_new (guint32, MAX (n, 1));
  hops->job_shapes = g_new (guint32, MAX (shapes->n, 1));
  for (guint i = 0; i < n; i++)
    hops->source_offsets[shapes->of[hops->latency_sources[i]] + 1]++;
  for (guint s = 0; s < shapes->n; s++)
    {
      if (hops->source_offsets[s + 1] > 0)
        {
          hops->job_shapes[hops->n_job_shapes++] = s;
          per_shape += shapes->offsets[s + 1] - shapes->offsets[s];
        }
      hops->source_offsets[s + 1] += hops->source_offsets[s];
    }
  fill = g_memdup2 (hops->source_offsets, (shapes->n + 1) * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    hops->shape_sources[fill[shapes->of[hops->latency_sources[i]]]++] = hops->latency_sources[i];

  /* A search per exit and a min over each shape's exits, against a search per shape. */
  per_exit = cl->n_exits * search + per_shape * cl->n_exits;
  if (per_exit < hops->n_job_shapes * search && (guint64) cl->n_exits * cl->n_exits <= MAX_BETWEEN)
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
  g_debug (
      "Hop counts: %u GPUs in %u hop classes and %u latency classes (%u as sources, in %u shapes), "
      "%u switches in the reduced graph, %u exits, latency searched per %s, %s",
      graph->n_gpus, classes->hop.n, classes->lat.n, hops.n_latency_sources, hops.n_job_shapes,
      classes->n_red, classes->n_exits, hops.between ? "exit" : "shape",
      hops.paths.width > 0 ? "in buckets" : "with a heap");

  n_hop_jobs = (classes->hop.n + 63) / 64;
  hops.jobs_total = n_hop_jobs + (hops.between ? classes->n_exits : 0) + hops.n_job_shapes;
  for (guint w = 0; w < n_workers; w++)
    worker_init (&workers[w], &hops);
  workers[0].reports = TRUE;
  run_phase (&hops, workers, n_workers, hop_job, n_hop_jobs);
  if (hops.between != NULL)
    run_phase (&hops, workers, n_workers, exit_job, classes->n_exits);
  run_phase (&hops, workers, n_workers, latency_job, hops.n_job_shapes);
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
  weft_shapes_clear (&hops.shapes);
  g_free (hops.job_shapes);
  g_free (hops.source_offsets);
  g_free (hops.shape_sources);
  g_free (hops.between);
  g_free (hops.row_latency);
  g_free (hops.row_pairs);
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  return TRUE;
}
