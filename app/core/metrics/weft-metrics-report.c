/* weft-metrics-report.c — metrics as JSON, CSV and text for the CLI, reports and tests. */
#include "metrics/weft-metrics-private.h"

#include "io/weft-csv.h"
#include "io/weft-json-writer.h"
#include "util/weft-format.h"

static void
write_hops (WeftJsonWriter     *w,
            const char         *name,
            const WeftHopStats *stats)
{
  weft_json_key (w, name);
  weft_json_begin_object (w);
  weft_json_member_int (w, "min", stats->min);
  weft_json_member_double (w, "mean", stats->mean);
  weft_json_member_int (w, "max", stats->max);
  weft_json_key (w, "histogram");
  weft_json_begin_inline_array (w);
  for (guint h = 0; h < stats->n_histogram; h++)
    weft_json_int (w, stats->histogram[h]);
  weft_json_end_array (w);
  weft_json_end_object (w);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
write_by_medium (WeftJsonWriter *w,
                 const char     *name,
                 const double   *by_medium)
{
  weft_json_key (w, name);
  weft_json_begin_object (w);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (by_medium[m] != 0)
      weft_json_member_double (w, m == WEFT_MEDIUM_AUTO ? "unreachable" : weft_medium_to_string (m),
                               by_medium[m]);
  weft_json_end_object (w);
}

static void
write_breakdown (WeftJsonWriter *w,
                 const char     *name,
                 double          total,
                 guint           gpus,
                 GHashTable     *by_tier,
                 const double   *by_medium)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  weft_json_key (w, name);
  weft_json_begin_object (w);
  weft_json_member_double (w, "total", total);
  weft_json_member_double (w, "per_gpu", gpus ? total / gpus : 0);
  weft_json_key (w, "by_tier");
  weft_json_begin_object (w);
  if (by_tier != NULL)
    {
      keys = g_hash_table_get_keys_as_array (by_tier, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_keys);
      for (guint i = 0; i < n_keys; i++)
        weft_json_member_double (w, keys[i], *(double *) g_hash_table_lookup (by_tier, keys[i]));
    }
  weft_json_end_object (w);
  write_by_medium (w, "by_medium", by_medium);
  weft_json_end_object (w);
}

static void
write_counts (WeftJsonWriter    *w,
              WeftFabric        *fabric,
              const WeftMetrics *metrics)
{
  weft_json_member_string (w, "name", weft_fabric_get_name (fabric));
  weft_json_member_int (w, "gpus", metrics->gpus);
  weft_json_member_int (w, "servers", metrics->servers);
  weft_json_member_int (w, "switches", metrics->switches);
  weft_json_member_int (w, "links", metrics->links);

  weft_json_key (w, "links_by_medium");
  weft_json_begin_object (w);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (metrics->cost.links_by_medium[m] != 0)
      weft_json_member_int (w, m == WEFT_MEDIUM_AUTO ? "unreachable" : weft_medium_to_string (m),
                            metrics->cost.links_by_medium[m]);
  weft_json_end_object (w);
}

static void
write_hops_and_latency (WeftJsonWriter    *w,
                        const WeftMetrics *metrics)
{
  weft_json_member_int (w, "pairs", metrics->pairs);
  weft_json_member_int (w, "unreachable_pairs", metrics->unreachable_pairs);
  weft_json_member_bool (w, "disconnected", metrics->unreachable_pairs > 0);
  write_hops (w, "hops", &metrics->switch_hops);
  write_hops (w, "link_hops", &metrics->link_hops);
  weft_json_key (w, "latency_ns");
  weft_json_begin_object (w);
  weft_json_member_double (w, "min", metrics->latency.min_ns);
  weft_json_member_double (w, "mean", metrics->latency.mean_ns);
  weft_json_member_double (w, "max", metrics->latency.max_ns);
  /* Very large fabrics: rows from a spread sample of source classes. */
  weft_json_member_bool (w, "sampled", metrics->latency_sources < metrics->latency_classes);
  weft_json_member_int (w, "source_classes", metrics->latency_sources);
  weft_json_member_int (w, "classes", metrics->latency_classes);
  weft_json_end_object (w);
}

static void
write_bisection (WeftJsonWriter      *w,
                 WeftFabric          *fabric,
                 const WeftBisection *bis,
                 gboolean             with_split)
{
  weft_json_key (w, "bisection");
  weft_json_begin_object (w);
  weft_json_member_double (w, "gbps", bis->gbps);
  weft_json_member_double (w, "ratio", bis->ratio);
  weft_json_member_string (w, "method", bis->method);
  weft_json_member_bool (w, "exact", bis->exact);
  weft_json_member_double (w, "lower_bound_gbps", bis->lower_bound_gbps);
  weft_json_member_bool (w, "lower_bound_exact", bis->lower_bound_exact);
  weft_json_member_double (w, "full_gbps", bis->full_gbps);
  weft_json_member_double (w, "split_gbps", bis->split_gbps);
  if (with_split && bis->side != NULL)
    {
      weft_json_key (w, "split");
      weft_json_begin_array (w);
      for (guint i = 0; i < bis->n_side; i++)
        if (bis->side[i] == 0 && weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
          weft_json_string (w, weft_fabric_get_node (fabric, i)->name);
      weft_json_end_array (w);
    }
  weft_json_end_object (w);
}

static void
write_bom (WeftJsonWriter *w,
           GPtrArray      *bom)
{
  weft_json_key (w, "bom");
  weft_json_begin_array (w);
  for (guint i = 0; bom != NULL && i < bom->len; i++)
    {
      const WeftBomRow *row = g_ptr_array_index (bom, i);

      weft_json_begin_object (w);
      weft_json_member_string (w, "part", row->part);
      weft_json_member_string (w, "role", row->role);
      weft_json_member_int (w, "quantity", row->quantity);
      weft_json_member_double (w, "unit_price_usd", row->unit_price_usd);
      weft_json_member_double (w, "extended_usd", row->extended_usd);
      weft_json_member_double (w, "unit_power_w", row->unit_power_w);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
}

static void
write_resilience (WeftJsonWriter    *w,
                  const WeftMetrics *metrics)
{
  weft_json_key (w, "path_diversity");
  weft_json_begin_object (w);
  weft_json_member_int (w, "min", metrics->path_diversity_min);
  weft_json_member_double (w, "mean", metrics->path_diversity_mean);
  weft_json_member_int (w, "pairs_sampled", metrics->path_diversity_pairs);
  weft_json_end_object (w);

  weft_json_key (w, "single_points_of_failure");
  weft_json_begin_object (w);
  weft_json_key (w, "switches");
  weft_json_begin_array (w);
  for (guint i = 0; i < metrics->spof_switches->len; i++)
    weft_json_string (w, g_ptr_array_index (metrics->spof_switches, i));
  weft_json_end_array (w);
  weft_json_key (w, "links");
  weft_json_begin_inline_array (w);
  for (guint i = 0; i < metrics->spof_links->len; i++)
    weft_json_int (w, g_array_index (metrics->spof_links, guint, i));
  weft_json_end_array (w);
  weft_json_member_int (w, "gpu_attachments", metrics->gpu_bridges);
  weft_json_end_object (w);

  weft_json_key (w, "worst_switch_failure");
  weft_json_begin_object (w);
  weft_json_member_string (w, "switch", metrics->worst_switch);
  weft_json_member_double (w, "bisection_gbps", metrics->worst_switch_bisection_gbps);
  weft_json_end_object (w);
}

static void
write_path (WeftJsonWriter *w,
            WeftFabric     *fabric,
            const WeftPath *path)
{
  weft_json_key (w, "path");
  weft_json_begin_object (w);
  weft_json_member_double (w, "latency_ns", path->total_ns);
  weft_json_member_int (w, "switch_hops", path->switch_hops);
  weft_json_member_int (w, "link_hops", path->link_hops);
  weft_json_key (w, "steps");
  weft_json_begin_array (w);
  for (guint i = 0; i < path->steps->len; i++)
    {
      const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

      weft_json_begin_object (w);
      if (step->is_link)
        weft_json_member_int (w, "link", step->index);
      else
        weft_json_member_string (w, "node", weft_fabric_get_node (fabric, step->index)->name);
      weft_json_member_string (w, "label", step->label);
      if (step->is_link)
        {
          weft_json_member_double (w, "media_ns", step->media_ns);
          weft_json_member_double (w, "propagation_ns", step->propagation_ns);
        }
      else
        weft_json_member_double (w, "switch_ns", step->switch_ns);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
  weft_json_end_object (w);
}

/* The elements failed and the figures their loss moved. */
static void
write_failure (WeftJsonWriter     *w,
               const char * const *failed,
               const WeftMetrics  *intact,
               const WeftMetrics  *metrics)
{
  weft_json_key (w, "failure");
  weft_json_begin_object (w);
  weft_json_key (w, "elements");
  weft_json_begin_array (w);
  for (guint i = 0; failed[i] != NULL; i++)
    weft_json_string (w, failed[i]);
  weft_json_end_array (w);
  weft_json_key (w, "change");
  weft_json_begin_object (w);
  weft_json_member_double (w, "bisection_gbps", metrics->bisection.gbps - intact->bisection.gbps);
  weft_json_member_double (w, "latency_max_ns", metrics->latency.max_ns - intact->latency.max_ns);
  weft_json_member_double (w, "latency_mean_ns",
                           metrics->latency.mean_ns - intact->latency.mean_ns);
  weft_json_member_int (w, "hops_max", (gint64) metrics->switch_hops.max - intact->switch_hops.max);
  weft_json_member_double (w, "hops_mean", metrics->switch_hops.mean - intact->switch_hops.mean);
  weft_json_member_int (w, "unreachable_pairs",
                        (gint64) metrics->unreachable_pairs - (gint64) intact->unreachable_pairs);
  weft_json_end_object (w);
  weft_json_end_object (w);
}

char *
weft_metrics_to_json (WeftFabric              *fabric,
                      const WeftMetrics       *metrics,
                      const WeftReportExtras  *extras)
{
  static const WeftReportExtras none = { 0 };
  GString *out = g_string_new (NULL);
  WeftJsonWriter w;

  if (extras == NULL)
    extras = &none;
  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  write_counts (&w, fabric, metrics);
  if (metrics->computed & WEFT_METRICS_HOPS)
    write_hops_and_latency (&w, metrics);
  if (metrics->computed & WEFT_METRICS_BISECTION)
    write_bisection (&w, fabric, &metrics->bisection, extras->with_split);
  write_breakdown (&w, "cost_usd", metrics->cost.usd, metrics->gpus, metrics->usd_by_tier,
                   metrics->cost.usd_by_medium);
  write_breakdown (&w, "power_w", metrics->cost.watts, metrics->gpus, metrics->watts_by_tier,
                   metrics->cost.watts_by_medium);
  write_bom (&w, metrics->bom);
  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    write_resilience (&w, metrics);
  if (extras->path != NULL)
    write_path (&w, fabric, extras->path);
  if (extras->failed != NULL && extras->intact != NULL)
    write_failure (&w, extras->failed, extras->intact, metrics);
  if (extras->write_more != NULL)
    extras->write_more (&w, extras->more_data);
  weft_json_end_object (&w);
  return g_string_free (out, FALSE);
}

char *
weft_metrics_to_csv (const WeftMetrics *metrics)
{
  GString *out = g_string_new ("metric,value,unit\n");

  g_string_append_printf (out, "gpus,%u,\nswitches,%u,\nlinks,%" G_GUINT64_FORMAT ",\n",
                          metrics->gpus, metrics->switches, metrics->links);
  if (metrics->computed & WEFT_METRICS_HOPS)
    {
      g_string_append_printf (out, "switch_hops_min,%u,hops\nswitch_hops_mean,%.6g,hops\n"
                              "switch_hops_max,%u,hops\n", metrics->switch_hops.min,
                              metrics->switch_hops.mean, metrics->switch_hops.max);
      g_string_append_printf (out, "link_hops_min,%u,links\nlink_hops_mean,%.6g,links\n"
                              "link_hops_max,%u,links\n", metrics->link_hops.min,
                              metrics->link_hops.mean, metrics->link_hops.max);
      g_string_append_printf (
          out, "latency_min,%.6g,ns\nlatency_mean,%.6g,ns\nlatency_max,%.6g,ns\n",
          metrics->latency.min_ns, metrics->latency.mean_ns, metrics->latency.max_ns);
      g_string_append_printf (out, "unreachable_pairs,%" G_GUINT64_FORMAT ",pairs\n",
                              metrics->unreachable_pairs);
    }
  if (metrics->computed & WEFT_METRICS_BISECTION)
    g_string_append_printf (out, "bisection,%.6g,Gb/s\nbisection_ratio,%.6g,\n"
                            "bisection_lower_bound,%.6g,Gb/s\n", metrics->bisection.gbps,
                            metrics->bisection.ratio, metrics->bisection.lower_bound_gbps);
  g_string_append_printf (out,
                          "cost_total,%.2f,USD\ncost_per_gpu,%.2f,USD\n"
                          "power_total,%.2f,W\npower_per_gpu,%.3f,W\n",
                          metrics->cost.usd, metrics->gpus ? metrics->cost.usd / metrics->gpus : 0,
                          metrics->cost.watts,
                          metrics->gpus ? metrics->cost.watts / metrics->gpus : 0);
  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    g_string_append_printf (out, "path_diversity_min,%u,paths\npath_diversity_mean,%.6g,paths\n"
                            "single_point_switches,%u,\nsingle_point_links,%u,\n",
                            metrics->path_diversity_min, metrics->path_diversity_mean,
                            metrics->spof_switches->len, metrics->spof_links->len);
  return g_string_free (out, FALSE);
}

char *
weft_metrics_bom_to_csv (const WeftMetrics *metrics)
{
  GString *out = g_string_new ("part,role,quantity,unit_price_usd,extended_usd,unit_power_w\n");

  for (guint i = 0; metrics->bom != NULL && i < metrics->bom->len; i++)
    {
      const WeftBomRow *row = g_ptr_array_index (metrics->bom, i);

      weft_csv_append_field (out, row->part, -1);
      g_string_append_c (out, ',');
      weft_csv_append_field (out, row->role, -1);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",%.2f,%.2f,%.3f\n", row->quantity,
                              row->unit_price_usd, row->extended_usd, row->unit_power_w);
    }
  return g_string_free (out, FALSE);
}

char *
weft_metrics_to_text (WeftFabric        *fabric,
                      const WeftMetrics *metrics,
                      const WeftPath    *path)
{
  GString *out = g_string_new (NULL);
  g_autofree char *gpus = weft_format_count (metrics->gpus);
  g_autofree char *usd = weft_format_money (metrics->cost.usd);
  g_autofree char *usd_gpu =
      weft_format_money (metrics->gpus ? metrics->cost.usd / metrics->gpus : 0);
  g_autofree char *watts = weft_format_power (metrics->cost.watts);

  g_string_append_printf (out, "%s\n", weft_fabric_get_name (fabric));
  g_string_append_printf (out, "  GPUs            %s in %u servers, %u switches\n", gpus,
                          metrics->servers, metrics->switches);
  g_string_append_printf (out, "  cost            %s (%s per GPU)\n", usd, usd_gpu);
  g_string_append_printf (out, "  power           %s\n", watts);
  if (metrics->computed & WEFT_METRICS_HOPS)
    {
      g_autofree char *lmin = weft_format_latency (metrics->latency.min_ns);
      g_autofree char *lmean = weft_format_latency (metrics->latency.mean_ns);
      g_autofree char *lmax = weft_format_latency (metrics->latency.max_ns);

      g_string_append_printf (out, "  switch hops     min %u, mean %.2f, max %u\n",
                              metrics->switch_hops.min, metrics->switch_hops.mean,
                              metrics->switch_hops.max);
      g_string_append_printf (out, "  link hops       min %u, mean %.2f, max %u\n",
                              metrics->link_hops.min, metrics->link_hops.mean,
                              metrics->link_hops.max);
      g_string_append_printf (out, "  latency         min %s, mean %s, max %s", lmin, lmean, lmax);
      if (metrics->latency_sources < metrics->latency_classes)
        g_string_append_printf (out, " (from %u of %u alike GPU groups as sources)",
                                metrics->latency_sources, metrics->latency_classes);
      g_string_append_c (out, '\n');
      if (metrics->unreachable_pairs > 0)
        g_string_append_printf (
            out, "  DISCONNECTED    %" G_GUINT64_FORMAT " GPU pairs cannot reach each other\n",
            metrics->unreachable_pairs);
    }
  if (metrics->computed & WEFT_METRICS_BISECTION)
    {
      g_autofree char *bw = weft_format_bandwidth (metrics->bisection.gbps);
      g_autofree char *lower = weft_format_bandwidth (metrics->bisection.lower_bound_gbps);

      g_string_append_printf (
          out, "  bisection       %s%s (%.1f%% of full), %s; spectral lower bound %s\n",
          metrics->bisection.exact ? "" : "≤ ", bw, 100 * metrics->bisection.ratio,
          metrics->bisection.method, lower);
    }
  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    {
      g_string_append_printf (
          out, "  path diversity  min %u, mean %.1f edge-disjoint paths (%u pairs)\n",
          metrics->path_diversity_min, metrics->path_diversity_mean, metrics->path_diversity_pairs);
      g_string_append_printf (
          out, "  single points   %u switches, %u switch links; %u GPU attachments\n",
          metrics->spof_switches->len, metrics->spof_links->len, metrics->gpu_bridges);
      if (metrics->worst_switch != NULL)
        {
          g_autofree char *bw = weft_format_bandwidth (metrics->worst_switch_bisection_gbps);

          g_string_append_printf (out, "  worst failure   %s: bisection %s across the same split\n",
                                  metrics->worst_switch, bw);
        }
    }
  if (path != NULL)
    {
      g_autofree char *total = weft_format_latency (path->total_ns);

      g_string_append_printf (out, "\npath: %s, %u switch hops, %u links\n", total,
                              path->switch_hops, path->link_hops);
      for (guint i = 0; i < path->steps->len; i++)
        {
          const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

          if (step->is_link)
            g_string_append_printf (out, "    link %-28s media %6.1f ns  propagation %6.1f ns\n",
                                    step->label, step->media_ns, step->propagation_ns);
          else
            g_string_append_printf (out, "  %-34s switch %6.1f ns\n", step->label, step->switch_ns);
        }
    }
  return g_string_free (out, FALSE);
}
