/* weft-report.c — the report's tables and title block, for weft-cli and the window alike. */
#include "render/weft-report.h"

#include "util/weft-format.h"

static void
add_row (WeftReportTable *table,
         const char      *what,
         char            *value)
{
  const char *cells[] = { what, value };

  weft_report_table_add_row (table, cells);
  g_free (value);
}

static WeftReportTable *
metrics_table (WeftFabric        *fabric,
               const WeftMetrics *metrics)
{
  const char *headings[] = { "Figure", "Value" };
  WeftReportTable *figures = weft_report_table_new ("Metrics", 2, headings);

  add_row (figures, "Fabric", g_strdup (weft_fabric_get_name (fabric)));
  add_row (figures, "GPUs", weft_format_count (metrics->gpus));
  add_row (figures, "Switches", weft_format_count (metrics->switches));
  add_row (figures, "Links", weft_format_count (metrics->links));
  add_row (figures, "Cost", weft_format_money (metrics->cost.usd));
  add_row (figures, "Cost per GPU",
           weft_format_money (metrics->gpus ? metrics->cost.usd / metrics->gpus : 0));
  add_row (figures, "Power", weft_format_power (metrics->cost.watts));
  if (metrics->computed & WEFT_METRICS_HOPS)
    {
      add_row (figures, "Switch hops",
               g_strdup_printf ("min %u, mean %.2f, max %u", metrics->switch_hops.min,
                                metrics->switch_hops.mean, metrics->switch_hops.max));
      add_row (figures, "Link hops",
               g_strdup_printf ("min %u, mean %.2f, max %u", metrics->link_hops.min,
                                metrics->link_hops.mean, metrics->link_hops.max));
      add_row (figures, "Latency, min", weft_format_latency (metrics->latency.min_ns));
      add_row (figures, "Latency, mean", weft_format_latency (metrics->latency.mean_ns));
      add_row (figures, "Latency, max", weft_format_latency (metrics->latency.max_ns));
    }
  if (metrics->computed & WEFT_METRICS_BISECTION)
    {
      add_row (figures, "Bisection", weft_format_bandwidth (metrics->bisection.gbps));
      add_row (figures, "Bisection, share of full",
               g_strdup_printf ("%.1f%%", 100 * metrics->bisection.ratio));
      add_row (figures, "Bisection, method", g_strdup (metrics->bisection.method));
      add_row (figures, "Spectral lower bound",
               weft_format_bandwidth (metrics->bisection.lower_bound_gbps));
    }
  return figures;
}

static WeftReportTable *
bom_table (const WeftMetrics *metrics)
{
  const char *headings[] = { "Part", "Role", "Quantity", "Unit price", "Extended", "Unit power" };
  WeftReportTable *bom = weft_report_table_new ("Bill of materials", 6, headings);

  for (guint i = 0; i < metrics->bom->len; i++)
    {
      const WeftBomRow *row = g_ptr_array_index (metrics->bom, i);
      g_autofree char *quantity = weft_format_count (row->quantity);
      g_autofree char *unit = weft_format_money (row->unit_price_usd);
      g_autofree char *extended = weft_format_money (row->extended_usd);
      g_autofree char *power = weft_format_power (row->unit_power_w);
      const char *cells[] = { row->part, row->role, quantity, unit, extended, power };

      weft_report_table_add_row (bom, cells);
    }
  return bom;
}

GPtrArray *
weft_report_tables_for_fabric (WeftFabric        *fabric,
                               const WeftMetrics *metrics)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) weft_report_table_free);

  g_return_val_if_fail (metrics->bom != NULL, tables);
  g_ptr_array_add (tables, metrics_table (fabric, metrics));
  g_ptr_array_add (tables, bom_table (metrics));
  return tables;
}

WeftReportTable *
weft_report_table_for_compare (GPtrArray *columns,
                               guint      gpus)
{
  g_autoptr(GPtrArray) cells = weft_compare_to_cells (columns);
  g_autofree char *title = g_strdup_printf ("%u GPUs, architecture by architecture", gpus);
  const char *const *headings = g_ptr_array_index (cells, 0);
  WeftReportTable *table = weft_report_table_new (title, g_strv_length ((char **) headings),
                                                  headings);

  for (guint r = 1; r < cells->len; r++)
    weft_report_table_add_row (table, g_ptr_array_index (cells, r));
  return table;
}

void
weft_report_fill_title (WeftTitleBlock    *title,
                        WeftFabric        *fabric,
                        const WeftMetrics *metrics,
                        gboolean           has_metrics)
{
  const WeftGenParams *params = weft_fabric_get_generator (fabric);

  title->name = weft_fabric_get_name (fabric);
  title->architecture = params ? weft_arch_get_title (params->arch) : NULL;
  title->gpus = metrics->gpus;
  title->has_cost = TRUE;
  title->cost_usd = metrics->cost.usd;
  title->power_w = metrics->cost.watts;
  title->has_metrics = has_metrics;
  title->bisection_ratio = metrics->bisection.ratio;
  title->max_switch_hops = metrics->switch_hops.max;
  title->latency_min_ns = metrics->latency.min_ns;
  title->latency_max_ns = metrics->latency.max_ns;
}
