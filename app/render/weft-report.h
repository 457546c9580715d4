/* weft-report.h — the report's tables (metrics, bill of materials, a comparison) and title block,
 * built once for weft-cli and the window. */
#pragma once

#include "compare/weft-compare.h"
#include "render/weft-export.h"

G_BEGIN_DECLS

/* The report pages: the Metrics table, then the Bill of materials. @metrics
 * needs WEFT_METRICS_BILL; hops and bisection rows appear when computed. */
GPtrArray       *weft_report_tables_for_fabric (WeftFabric        *fabric,
                                                const WeftMetrics *metrics);
/* The comparison @columns (weft_compare_to_cells) as one table, titled by their size. */
WeftReportTable *weft_report_table_for_compare (GPtrArray         *columns,
                                                guint              gpus);
/* The title block of a drawing from @metrics; hops, latency and bisection only
 * when @has_metrics. Points into @fabric. */
void             weft_report_fill_title        (WeftTitleBlock    *title,
                                                WeftFabric        *fabric,
                                                const WeftMetrics *metrics,
                                                gboolean           has_metrics);

G_END_DECLS
