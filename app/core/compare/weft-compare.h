/* weft-compare.h — several architectures at one GPU count, with the same hardware, side by side. */
#pragma once

#include "generators/weft-generator.h"
#include "metrics/weft-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  WeftArch     arch;
  char        *title;         /* the column's heading when not the architecture's, or NULL */
  guint        requested_gpus;
  char        *note;          /* what had to change to build it ("3 tiers", "nearest size"), or
                               * why a figure is missing ("no all-to-all: …"), or NULL */
  WeftFabric  *fabric;
  WeftMetrics *metrics;
  /* busBw of a 1 GiB collective over every GPU, the fastest algorithm
   * (collectives/weft-collective.h), in GB/s; NAN where not computed. */
  double       allreduce_busbw_GBps;
  double       alltoall_busbw_GBps;
  /* The default job's training step for the size (collectives/weft-training.h), in s. */
  double       step_s;
  /* A job on every GPU (reliability/weft-reliability.h), the catalog's checkpointing. */
  double       interruptions_per_day;
  double       goodput;
} WeftCompareColumn;

/* The collective figures' buffer, as nccl-tests counts it. */
#define WEFT_COMPARE_COLLECTIVE_BYTES (1024.0 * 1024 * 1024)
/* Planning an all-to-all grows with the square of the GPUs (1.4–5.7 s at
 * 16,384, minutes at 131,072): a column asked for more GPUs than this
 * leaves its busBw out (NAN), which keeps the default sweep near 30 s. */
#define WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS 8192
/* The training step plans four collectives on every group of the job: well
 * under a second at 16,384 GPUs, seconds at 131,072. */
#define WEFT_COMPARE_STEP_MAX_GPUS 16384

/* The fabric of @arch nearest @gpus GPUs that the generator can build, with
 * the hardware in @settings (NULL-terminated "key", "value" pairs as for
 * weft-cli generate; keys an architecture does not use are left out). A
 * 2-tier Clos that cannot reach @gpus gets a third tier; a torus without
 * "dims" gets the three rings whose product is nearest @gpus; a count no
 * shape gives becomes the nearest one that does, and @note says so. */
WeftFabric *weft_compare_generate     (WeftCatalog        *catalog,
                                       WeftArch            arch,
                                       guint               gpus,
                                       const char * const *settings,
                                       char              **note,
                                       GError            **error);

/* Each of @archs generated and measured (hops, latency, bisection, cost). */
GPtrArray  *weft_compare_run          (WeftCatalog        *catalog,
                                       const WeftArch     *archs,
                                       guint               n_archs,
                                       guint               gpus,
                                       const char * const *settings,
                                       GCancellable       *cancellable,
                                       WeftMetricsProgress progress,
                                       gpointer            progress_data,
                                       GError            **error);
void        weft_compare_column_free  (WeftCompareColumn  *column);

/* Fills @column's figures for @fabric: its metrics (hops, latency,
 * bisection, cost), then its collectives on the same fabric — the
 * all-to-all only if the column's requested_gpus is at most
 * WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS. A fabric whose GPUs cannot all reach
 * each other has no collective figures (NAN, and the note says why); only
 * a cancel or a metrics error fails. @progress runs from 0 to 1. */
gboolean    weft_compare_measure      (WeftCompareColumn  *column,
                                       WeftFabric         *fabric,
                                       GCancellable       *cancellable,
                                       WeftMetricsProgress progress,
                                       gpointer            progress_data,
                                       GError            **error);

/* Every architecture at every size; each column keeps its metrics but not
 * its fabric (a sweep to 131,072 GPUs would not fit otherwise). A size the
 * hardware cannot build has no metrics and its note says why. */
GPtrArray  *weft_compare_sweep        (WeftCatalog        *catalog,
                                       const WeftArch     *archs,
                                       guint               n_archs,
                                       const guint        *sizes,
                                       guint               n_sizes,
                                       const char * const *settings,
                                       GCancellable       *cancellable,
                                       WeftMetricsProgress progress,
                                       gpointer            progress_data,
                                       GError            **error);

/* A figure by name ("cost_per_gpu", "power_per_gpu", "bisection_ratio",
 * "max_hops", or any key of the JSON table), its title and unit; its
 * value is NAN for a column without metrics and for a figure not computed. */
gboolean    weft_compare_figure       (const char              *name,
                                       const char             **title,
                                       const char             **unit);
double      weft_compare_value        (const WeftCompareColumn *column,
                                       const char              *name);

/* What @columns leave out for size (WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS), as a
 * sentence to print under the table, or NULL. */
char       *weft_compare_left_out     (GPtrArray          *columns);
/* One column per architecture, each figure with its difference to the first. */
char       *weft_compare_to_text      (GPtrArray          *columns);
/* The same table as rows of cells (NULL-terminated string arrays), the
 * headings first, for drawing it. */
GPtrArray  *weft_compare_to_cells     (GPtrArray          *columns);
/* Whether the cell at @row, @column of weft_compare_to_cells (headings in
 * row 0 and column 0) is better (1) or worse (−1) than the first column's,
 * or neither (0): the first column itself, no visible difference, a count,
 * or a figure one side lacks. */
int         weft_compare_cell_verdict (GPtrArray          *columns,
                                       guint               row,
                                       guint               column);
char       *weft_compare_to_json      (GPtrArray          *columns);
char       *weft_compare_to_csv       (GPtrArray          *columns);

/* ",VALUE" for a CSV row, or "," when @value was not computed (NAN). */
void        weft_compare_append_csv_cell (GString         *out,
                                          double           value);

G_END_DECLS
