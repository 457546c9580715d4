/* weft-bench.h — the benchmark harness: cases run in child processes, timed, with peak memory. */
#pragma once

#include <glib.h>

#include "catalog/weft-catalog.h"
#include "model/weft-fabric.h"

G_BEGIN_DECLS

typedef void (*WeftBenchFunc) (WeftCatalog *catalog);

typedef struct
{
  const char    *name;         /* "foundation/generate-131k" */
  const char    *description;
  WeftBenchFunc  func;
  double         max_rss_mb;   /* target for the child's peak RSS; 0 for none */
} WeftBenchCase;

/* Generates @arch from "key", "value", ... pairs, asserting success. */
WeftFabric *weft_bench_generate (WeftCatalog       *catalog,
                                 const char        *arch,
                                 const char *const *pairs);
/* Seconds since an arbitrary point, for timing. */
double  weft_bench_now      (void);
/* Sorts @values and returns the middle one (the upper of the two middle ones when @n is even). */
double  weft_bench_median   (double     *values,
                             guint       n);
/* Prints one measured figure against its target (0: no target). */
void    weft_bench_report   (const char *what,
                             double      value,
                             const char *unit,
                             double      target);

/* Each area lists its cases; the lists end with a case whose name is NULL. */
extern const WeftBenchCase weft_bench_foundation_cases[];
extern const WeftBenchCase weft_bench_metrics_cases[];
extern const WeftBenchCase weft_bench_render_cases[];
extern const WeftBenchCase weft_bench_reliability_cases[];

G_END_DECLS
