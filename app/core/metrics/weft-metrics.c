/* weft-metrics.c — computing a fabric's metrics, pass by pass, and the path between two GPUs. */
#include "metrics/weft-metrics-private.h"


/* Debian's igraph is not thread safe: every igraph call Weft makes runs
 * under this lock, so the app's worker, a Compare run and the canvas's
 * path never overlap in igraph. It is held only around the passes that
 * call igraph (bisection, resilience, the shortest path), never around
 * building the graph, costs or hops, so those run while another job waits
 * on igraph. */
static GMutex igraph_lock;

static void
set_igraph_handlers (void)
{
  static gsize once = 0;

  /* Report igraph errors as GErrors rather than aborting the app. */
  if (g_once_init_enter (&once))
    {
      igraph_set_error_handler (igraph_error_handler_printignore);
      igraph_set_warning_handler (igraph_warning_handler_ignore);
      g_once_init_leave (&once, 1);
    }
}

/* Nodes, servers and links, as weft_summary_init counts them, without its media and tiers. */
static void
count_fabric (const WeftMetricsGraph *graph,
              WeftMetrics            *metrics)
{
  gint32 last = -1;
  g_autofree guint8 *seen = NULL;

  metrics->gpus = graph->n_gpus;
  metrics->switches = graph->n_nodes - graph->n_gpus;
  for (guint i = 0; i < graph->n_links; i++)
    metrics->links += graph->links[i].count;
  for (guint i = 0; i < graph->n_gpus; i++)
    last = MAX (last, graph->nodes[graph->gpus[i]].groups.server);
  seen = g_new0 (guint8, last + 1);
  for (guint i = 0; i < graph->n_gpus; i++)
    {
      gint32 server = graph->nodes[graph->gpus[i]].groups.server;

      if (server >= 0 && !seen[server])
        {
          seen[server] = 1;
          metrics->servers++;
        }
    }
}

/* Hop counts and latency on their own threads, beside the passes that call igraph. */
typedef struct
{
  WeftMetricsGraph *graph;
  WeftMetrics      *metrics;
  WeftMetricsTask   task;
  GError           *error;
  gboolean          ok;
} HopsPass;

static gpointer
hops_pass_run (gpointer data)
{
  HopsPass *pass = data;

  pass->ok = weft_metrics_compute_hops (pass->graph, pass->metrics, &pass->task, &pass->error);
  return NULL;
}

WeftMetrics *
weft_metrics_compute (WeftFabric          *fabric,
                      WeftMetricsFlags     flags,
                      GCancellable        *cancellable,
                      WeftMetricsProgress  progress,
                      gpointer             progress_data,
                      GError             **error)
{
  g_autoptr(WeftMetrics) metrics = g_new0 (WeftMetrics, 1);
  g_autoptr(WeftMetricsGraph) graph = NULL;
  WeftMetricsTally tally = { .progress = progress, .progress_data = progress_data };
  WeftMetricsTask cut_task = { cancellable, &tally, 0.3 }, spof_task = { cancellable, &tally, 0.2 };
  HopsPass hops = { 0 };
  GThread *hops_thread = NULL;
  g_autoptr(GError) igraph_error = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  set_igraph_handlers ();
  g_mutex_init (&tally.lock);

  weft_cost_totals_init (&metrics->cost, fabric);
  if (flags & WEFT_METRICS_BILL)
    weft_metrics_compute_bill (fabric, metrics);
  graph = weft_metrics_graph_new (fabric);
  count_fabric (graph, metrics);

  /* Hops never touch igraph, so they run beside bisection and resilience,
   * which mostly wait on one core for igraph. They write other fields. */
  hops = (HopsPass) { graph, metrics, { cancellable, &tally, 0.5 }, NULL, TRUE };
  if (flags & WEFT_METRICS_HOPS)
    {
      if (flags & (WEFT_METRICS_BISECTION | WEFT_METRICS_RESILIENCE))
        hops_thread = g_thread_new ("weft-hops-pass", hops_pass_run, &hops);
      else
        hops_pass_run (&hops);
    }
  if (flags & (WEFT_METRICS_BISECTION | WEFT_METRICS_RESILIENCE))
    {
      g_mutex_lock (&igraph_lock);
      ok = weft_metrics_compute_bisection (graph, metrics, &cut_task, &igraph_error);
      if (ok)
        metrics->computed |= WEFT_METRICS_BISECTION;
      if (ok && (flags & WEFT_METRICS_RESILIENCE))
        {
          ok = weft_metrics_compute_resilience (graph, metrics, &spof_task, &igraph_error);
          if (ok)
            metrics->computed |= WEFT_METRICS_RESILIENCE;
        }
      g_mutex_unlock (&igraph_lock);
    }
  if (hops_thread != NULL)
    g_thread_join (hops_thread);
  if ((flags & WEFT_METRICS_HOPS) && hops.ok)
    metrics->computed |= WEFT_METRICS_HOPS;
  g_mutex_clear (&tally.lock);

  if (!ok)
    {
      g_clear_error (&hops.error);
      g_propagate_error (error, g_steal_pointer (&igraph_error));
      return NULL;
    }
  if (!hops.ok)
    {
      g_propagate_error (error, hops.error);
      return NULL;
    }
  if (progress != NULL)
    progress (1, "Done", progress_data);
  return g_steal_pointer (&metrics);
}

void
weft_metrics_free (WeftMetrics *metrics)
{
  if (metrics == NULL)
    return;
  g_clear_pointer (&metrics->usd_by_tier, g_hash_table_unref);
  g_clear_pointer (&metrics->watts_by_tier, g_hash_table_unref);
  g_clear_pointer (&metrics->bom, g_ptr_array_unref);
  g_free (metrics->switch_hops.histogram);
  g_free (metrics->link_hops.histogram);
  g_free (metrics->bisection.method);
  g_free (metrics->bisection.side);
  g_clear_pointer (&metrics->spof_switches, g_ptr_array_unref);
  g_clear_pointer (&metrics->spof_links, g_array_unref);
  g_free (metrics->worst_switch);
  g_free (metrics);
}

static igraph_error_t
shortest_path (WeftMetricsGraph    *graph,
               guint                from,
               guint                to,
               igraph_vector_int_t *vertices,
               igraph_vector_int_t *edges)
{
  igraph_t ig;
  igraph_vector_t weights;

  IGRAPH_CHECK (weft_metrics_graph_to_igraph (graph, &ig));
  IGRAPH_FINALLY (igraph_destroy, &ig);
  IGRAPH_CHECK (igraph_vector_init (&weights, graph->n_links));
  IGRAPH_FINALLY (igraph_vector_destroy, &weights);
  for (guint i = 0; i < graph->n_links; i++)
    VECTOR (weights)[i] = graph->link_cost[WEFT_COST_LATENCY][i];
  IGRAPH_CHECK (igraph_get_shortest_path_dijkstra (&ig, vertices, edges, from, to, &weights,
                                                   IGRAPH_ALL));
  igraph_vector_destroy (&weights);
  igraph_destroy (&ig);
  IGRAPH_FINALLY_CLEAN (2);
  return IGRAPH_SUCCESS;
}

static void
path_step_clear (WeftPathStep *step)
{
  g_free (step->label);
}

WeftPath *
weft_metrics_path (WeftFabric  *fabric,
                   guint        from,
                   guint        to,
                   GError     **error)
{
  g_autoptr(WeftMetricsGraph) graph = NULL;
  g_autoptr(WeftPath) path = NULL;
  WeftCatalog *catalog = weft_fabric_get_catalog (fabric);
  igraph_vector_int_t vertices, edges;
  igraph_error_t code;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);
  set_igraph_handlers ();
  if (from >= weft_fabric_get_n_nodes (fabric) || to >= weft_fabric_get_n_nodes (fabric))
    {
      g_set_error (error, WEFT_METRICS_ERROR, WEFT_METRICS_ERROR_INVALID,
                   "there is no node %u (the fabric has %u)", MAX (from, to),
                   weft_fabric_get_n_nodes (fabric));
      return NULL;
    }
  graph = weft_metrics_graph_new (fabric);
  g_mutex_lock (&igraph_lock);
  igraph_vector_int_init (&vertices, 0);
  igraph_vector_int_init (&edges, 0);
  code = shortest_path (graph, from, to, &vertices, &edges);
  if (code == IGRAPH_SUCCESS && igraph_vector_int_size (&vertices) == 0 && from != to)
    {
      g_set_error (error, WEFT_METRICS_ERROR, WEFT_METRICS_ERROR_INVALID,
                   "no path joins %s and %s: the fabric is disconnected between them",
                   graph->nodes[from].name, graph->nodes[to].name);
      code = IGRAPH_FAILURE;
    }
  else if (!weft_metrics_igraph_check (code, "The shortest path", error))
    code = IGRAPH_FAILURE;

  if (code == IGRAPH_SUCCESS)
    {
      path = g_new0 (WeftPath, 1);
      path->steps = g_array_new (FALSE, TRUE, sizeof (WeftPathStep));
      g_array_set_clear_func (path->steps, (GDestroyNotify) path_step_clear);
      for (igraph_integer_t i = 0; i < igraph_vector_int_size (&vertices); i++)
        {
          guint node = VECTOR (vertices)[i];
          const WeftPart *part = weft_fabric_get_node_part (fabric, node);
          WeftPathStep step = { FALSE, node };

          if (i > 0)
            {
              guint link = VECTOR (edges)[i - 1];
              const WeftLink *l = &graph->links[link];
              const WeftMediaPart *media = weft_fabric_get_link_media (fabric, link);
              gboolean optical = media ? weft_medium_is_optical (media->medium) : TRUE;
              WeftPathStep hop = { TRUE, link };

              hop.label = g_strdup_printf ("%s, %.1f m", media ? media->id : "no medium reaches",
                                           l->length_m);
              hop.media_ns = media ? 2 * media->latency_ns : 0;
              hop.propagation_ns = l->length_m * weft_catalog_propagation (catalog, optical);
              path->total_ns += hop.media_ns + hop.propagation_ns;
              path->link_hops++;
              g_array_append_val (path->steps, hop);
            }
          step.label =
              g_strdup_printf ("%s (%s)", graph->nodes[node].name, part ? part->name : "?");
          if (graph->is_switch[node])
            {
              step.switch_ns = graph->node_cost[WEFT_COST_LATENCY][node];
              path->total_ns += step.switch_ns;
              path->switch_hops++;
            }
          g_array_append_val (path->steps, step);
        }
    }
  igraph_vector_int_destroy (&vertices);
  igraph_vector_int_destroy (&edges);
  g_mutex_unlock (&igraph_lock);
  return g_steal_pointer (&path);
}

void
weft_path_free (WeftPath *path)
{
  if (path == NULL)
    return;
  g_array_unref (path->steps);
  g_free (path);
}
