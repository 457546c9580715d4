/* weft-metrics-report.c — metrics as JSON, CSV and text for the CLI, reports and tests. */
#include "metrics/weft-metrics-private.h"

#include <json-glib/json-glib.h>

#include "util/weft-format.h"

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_hops (JsonBuilder        *b,
          const char         *name,
          const WeftHopStats *stats)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_int (b, "min", stats->min);
  add_double (b, "mean", stats->mean);
  add_int (b, "max", stats->max);
  json_builder_set_member_name (b, "histogram");
  json_builder_begin_array (b);
  for (guint h = 0; h < stats->n_histogram; h++)
    json_builder_add_int_value (b, stats->histogram[h]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_breakdown (JsonBuilder      *b,
               const char       *name,
               double            total,
               guint             gpus,
               GHashTable       *by_tier,
               const double     *by_medium)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  add_double (b, "total", total);
  add_double (b, "per_gpu", gpus ? total / gpus : 0);
  json_builder_set_member_name (b, "by_tier");
  json_builder_begin_object (b);
  if (by_tier != NULL)
    {
      keys = g_hash_table_get_keys_as_array (by_tier, &n_keys);
      qsort (keys, n_keys, sizeof (gpointer), compare_keys);
      for (guint i = 0; i < n_keys; i++)
        add_double (b, keys[i], *(double *) g_hash_table_lookup (by_tier, keys[i]));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "by_medium");
  json_builder_begin_object (b);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (by_medium[m] != 0)
      add_double (b, m == WEFT_MEDIUM_AUTO ? "unreachable" : weft_medium_to_string (m), by_medium[m]);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_path (JsonBuilder    *b,
          WeftFabric     *fabric,
          const WeftPath *path)
{
  json_builder_set_member_name (b, "path");
  json_builder_begin_object (b);
  add_double (b, "latency_ns", path->total_ns);
  add_int (b, "switch_hops", path->switch_hops);
  add_int (b, "link_hops", path->link_hops);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < path->steps->len; i++)
    {
      const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, step->is_link ? "link" : "node");
      if (step->is_link)
        json_builder_add_int_value (b, step->index);
      else
        json_builder_add_string_value (b, weft_fabric_get_node (fabric, step->index)->name);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, step->label);
      if (step->is_link)
        {
          add_double (b, "media_ns", step->media_ns);
          add_double (b, "propagation_ns", step->propagation_ns);
        }
      else
        add_double (b, "switch_ns", step->switch_ns);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
weft_metrics_to_json (WeftFabric        *fabric,
                      const WeftMetrics *metrics,
                      const WeftPath    *path,
                      gboolean           with_split)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const WeftBisection *bis = &metrics->bisection;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, weft_fabric_get_name (fabric));
  add_int (b, "gpus", metrics->gpus);
  add_int (b, "servers", metrics->servers);
  add_int (b, "switches", metrics->switches);
  add_int (b, "links", metrics->links);

  json_builder_set_member_name (b, "links_by_medium");
  json_builder_begin_object (b);
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (metrics->cost.links_by_medium[m] != 0)
      add_int (b, m == WEFT_MEDIUM_AUTO ? "unreachable" : weft_medium_to_string (m),
               metrics->cost.links_by_medium[m]);
  json_builder_end_object (b);

  if (metrics->computed & WEFT_METRICS_HOPS)
    {
      add_int (b, "pairs", metrics->pairs);
      add_int (b, "unreachable_pairs", metrics->unreachable_pairs);
      json_builder_set_member_name (b, "disconnected");
      json_builder_add_boolean_value (b, metrics->unreachable_pairs > 0);
      add_hops (b, "hops", &metrics->switch_hops);
      add_hops (b, "link_hops", &metrics->link_hops);
      json_builder_set_member_name (b, "latency_ns");
      json_builder_begin_object (b);
      add_double (b, "min", metrics->latency.min_ns);
      add_double (b, "mean", metrics->latency.mean_ns);
      add_double (b, "max", metrics->latency.max_ns);
      /* Very large fabrics: rows from a spread sample of source classes. */
      json_builder_set_member_name (b, "sampled");
      json_builder_add_boolean_value (b, metrics->latency_sources < metrics->latency_classes);
      add_int (b, "source_classes", metrics->latency_sources);
      add_int (b, "classes", metrics->latency_classes);
      json_builder_end_object (b);
    }

  if (metrics->computed & WEFT_METRICS_BISECTION)
    {
      json_builder_set_member_name (b, "bisection");
      json_builder_begin_object (b);
      add_double (b, "gbps", bis->gbps);
      add_double (b, "ratio", bis->ratio);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, bis->method);
      json_builder_set_member_name (b, "exact");
      json_builder_add_boolean_value (b, bis->exact);
      add_double (b, "lower_bound_gbps", bis->lower_bound_gbps);
      json_builder_set_member_name (b, "lower_bound_exact");
      json_builder_add_boolean_value (b, bis->lower_bound_exact);
      add_double (b, "full_gbps", bis->full_gbps);
      add_double (b, "split_gbps", bis->split_gbps);
      if (with_split && bis->side != NULL)
        {
          json_builder_set_member_name (b, "split");
          json_builder_begin_array (b);
          for (guint i = 0; i < bis->n_side; i++)
            if (bis->side[i] == 0 && weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
              json_builder_add_string_value (b, weft_fabric_get_node (fabric, i)->name);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }

  add_breakdown (b, "cost_usd", metrics->cost.usd, metrics->gpus, metrics->usd_by_tier,
                 metrics->cost.usd_by_medium);
  add_breakdown (b, "power_w", metrics->cost.watts, metrics->gpus, metrics->watts_by_tier,
                 metrics->cost.watts_by_medium);

  json_builder_set_member_name (b, "bom");
  json_builder_begin_array (b);
  for (guint i = 0; metrics->bom && i < metrics->bom->len; i++)
    {
      const WeftBomRow *row = g_ptr_array_index (metrics->bom, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "part");
      json_builder_add_string_value (b, row->part);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, row->role);
      add_int (b, "quantity", row->quantity);
      add_double (b, "unit_price_usd", row->unit_price_usd);
      add_double (b, "extended_usd", row->extended_usd);
      add_double (b, "unit_power_w", row->unit_power_w);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    {
      json_builder_set_member_name (b, "path_diversity");
      json_builder_begin_object (b);
      add_int (b, "min", metrics->path_diversity_min);
      add_double (b, "mean", metrics->path_diversity_mean);
      add_int (b, "pairs_sampled", metrics->path_diversity_pairs);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "single_points_of_failure");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "switches");
      json_builder_begin_array (b);
      for (guint i = 0; i < metrics->spof_switches->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (metrics->spof_switches, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "links");
      json_builder_begin_array (b);
      for (guint i = 0; i < metrics->spof_links->len; i++)
        json_builder_add_int_value (b, g_array_index (metrics->spof_links, guint, i));
      json_builder_end_array (b);
      add_int (b, "gpu_attachments", metrics->gpu_bridges);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "worst_switch_failure");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "switch");
      if (metrics->worst_switch)
        json_builder_add_string_value (b, metrics->worst_switch);
      else
        json_builder_add_null_value (b);
      add_double (b, "bisection_gbps", metrics->worst_switch_bisection_gbps);
      json_builder_end_object (b);
    }

  if (path != NULL)
    add_path (b, fabric, path);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
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
      g_string_append_printf (out, "latency_min,%.6g,ns\nlatency_mean,%.6g,ns\nlatency_max,%.6g,ns\n",
                              metrics->latency.min_ns, metrics->latency.mean_ns,
                              metrics->latency.max_ns);
      g_string_append_printf (out, "unreachable_pairs,%" G_GUINT64_FORMAT ",pairs\n",
                              metrics->unreachable_pairs);
    }
  if (metrics->computed & WEFT_METRICS_BISECTION)
    g_string_append_printf (out, "bisection,%.6g,Gb/s\nbisection_ratio,%.6g,\n"
                            "bisection_lower_bound,%.6g,Gb/s\n", metrics->bisection.gbps,
                            metrics->bisection.ratio, metrics->bisection.lower_bound_gbps);
  g_string_append_printf (out, "cost_total,%.2f,USD\ncost_per_gpu,%.2f,USD\n"
                          "power_total,%.2f,W\npower_per_gpu,%.3f,W\n",
                          metrics->cost.usd, metrics->gpus ? metrics->cost.usd / metrics->gpus : 0,
                          metrics->cost.watts, metrics->gpus ? metrics->cost.watts / metrics->gpus : 0);
  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    g_string_append_printf (out, "path_diversity_min,%u,paths\npath_diversity_mean,%.6g,paths\n"
                            "single_point_switches,%u,\nsingle_point_links,%u,\n",
                            metrics->path_diversity_min, metrics->path_diversity_mean,
                            metrics->spof_switches->len, metrics->spof_links->len);
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
  g_autofree char *usd_gpu = weft_format_money (metrics->gpus ? metrics->cost.usd / metrics->gpus : 0);
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
                              metrics->link_hops.min, metrics->link_hops.mean, metrics->link_hops.max);
      g_string_append_printf (out, "  latency         min %s, mean %s, max %s", lmin, lmean, lmax);
      if (metrics->latency_sources < metrics->latency_classes)
        g_string_append_printf (out, " (from %u of %u alike GPU groups as sources)",
                                metrics->latency_sources, metrics->latency_classes);
      g_string_append_c (out, '\n');
      if (metrics->unreachable_pairs > 0)
        g_string_append_printf (out, "  DISCONNECTED    %" G_GUINT64_FORMAT " GPU pairs cannot reach each other\n",
                                metrics->unreachable_pairs);
    }
  if (metrics->computed & WEFT_METRICS_BISECTION)
    {
      g_autofree char *bw = weft_format_bandwidth (metrics->bisection.gbps);
      g_autofree char *lower = weft_format_bandwidth (metrics->bisection.lower_bound_gbps);

      g_string_append_printf (out, "  bisection       %s%s (%.1f%% of full), %s; spectral lower bound %s\n",
                              metrics->bisection.exact ? "" : "≤ ", bw,
                              100 * metrics->bisection.ratio, metrics->bisection.method, lower);
    }
  if (metrics->computed & WEFT_METRICS_RESILIENCE)
    {
      g_string_append_printf (out, "  path diversity  min %u, mean %.1f edge-disjoint paths (%u pairs)\n",
                              metrics->path_diversity_min, metrics->path_diversity_mean,
                              metrics->path_diversity_pairs);
      g_string_append_printf (out, "  single points   %u switches, %u switch links; %u GPU attachments\n",
                              metrics->spof_switches->len, metrics->spof_links->len,
                              metrics->gpu_bridges);
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
