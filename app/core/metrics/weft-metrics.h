/* weft-metrics.h — what a fabric delivers: hops, bisection, latency, cost, power, resilience. */
#pragma once

#include <gio/gio.h>

#include "io/weft-json-writer.h"
#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_METRICS_ERROR (weft_metrics_error_quark ())

typedef enum
{
  WEFT_METRICS_ERROR_INVALID,   /* an argument names nothing in the fabric */
  WEFT_METRICS_ERROR_FAILED,    /* igraph or METIS reported an error */
} WeftMetricsError;

/* Which parts to compute; cost and power totals are always there, they are cheap. */
typedef enum
{
  WEFT_METRICS_HOPS       = 1 << 0,   /* switch hops, link hops and latency */
  WEFT_METRICS_BISECTION  = 1 << 1,
  WEFT_METRICS_RESILIENCE = 1 << 2,
  WEFT_METRICS_BILL       = 1 << 3,   /* cost and power by tier, bill of materials */
  WEFT_METRICS_ALL        = 0xf,
} WeftMetricsFlags;

/* Called from the computing thread with a fraction in [0, 1] and what it is doing. */
typedef void (*WeftMetricsProgress) (double      fraction,
                                     const char *stage,
                                     gpointer    user_data);

/* Over ordered pairs of GPUs in different servers that can reach each other. */
typedef struct
{
  guint    min;
  guint    max;
  double   mean;
  guint64 *histogram;        /* histogram[h] = pairs at h hops */
  guint    n_histogram;
} WeftHopStats;

typedef struct
{
  double min_ns;
  double mean_ns;
  double max_ns;
} WeftLatencyStats;

typedef struct
{
  double   gbps;             /* the smallest cut found: an upper bound unless exact */
  double   full_gbps;        /* GPUs/2 × per-GPU scale-out injection */
  double   ratio;            /* gbps / full_gbps */
  double   lower_bound_gbps; /* spectral */
  gboolean lower_bound_exact; /* from the dense Laplacian; else a Lanczos estimate */
  gboolean exact;            /* closed form, or every balanced split tried */
  char *method; /* "closed form", "exhaustive", "structural (by pod)", "METIS", "spectral" */
  guint8 *side; /* per node, 0 or 1: the best split found (switches as the min cut puts them) */
  double split_gbps; /* the max-flow across that split (gbps unless a closed form is lower) */
  guint    n_side;
} WeftBisection;

typedef struct
{
  char    *part;             /* catalog id */
  char    *role;             /* "leaf switch", "NIC", "gpu-leaf link", ... */
  guint64  quantity;
  double   unit_price_usd;
  double   extended_usd;
  double   unit_power_w;
} WeftBomRow;

/* Kept up to date edit by edit (weft_cost_totals_apply) without walking the fabric. */
typedef struct
{
  double  usd;
  double  watts;
  guint64 links_by_medium[WEFT_N_MEDIA];   /* AUTO counts links no medium reaches */
  double  usd_by_medium[WEFT_N_MEDIA];
  double  watts_by_medium[WEFT_N_MEDIA];
} WeftCostTotals;

typedef struct
{
  guint             gpus;
  guint             servers;
  guint             switches;
  guint64           links;

  WeftCostTotals    cost;
  GHashTable       *usd_by_tier;     /* tier → double*; owned */
  GHashTable       *watts_by_tier;
  GPtrArray        *bom;             /* WeftBomRow */

  WeftMetricsFlags  computed;
  guint64           pairs;           /* ordered GPU pairs in different servers */
  guint64           unreachable_pairs;
  WeftHopStats      switch_hops;
  WeftHopStats      link_hops;
  WeftLatencyStats  latency;
  guint             latency_classes;   /* GPUs alike for latency */
  guint latency_sources; /* of them, those whose rows were computed: all, or a sample */

  WeftBisection     bisection;

  guint             path_diversity_min;
  double            path_diversity_mean;
  guint             path_diversity_pairs;  /* how many pairs were sampled */
  GPtrArray        *spof_switches;   /* names of switches whose loss disconnects the fabric */
  GArray           *spof_links;      /* guint link indices between switches that are bridges */
  guint             gpu_bridges;     /* GPU attachments whose loss cuts that GPU off */
  char             *worst_switch;    /* whose failure lowers bisection most, or NULL */
  double            worst_switch_bisection_gbps;
} WeftMetrics;

GQuark        weft_metrics_error_quark   (void);

/* Computes @flags for @fabric on the calling thread. igraph is not thread
 * safe: only one thread at a time may call this. */
WeftMetrics  *weft_metrics_compute       (WeftFabric          *fabric,
                                          WeftMetricsFlags     flags,
                                          GCancellable        *cancellable,
                                          WeftMetricsProgress  progress,
                                          gpointer             progress_data,
                                          GError             **error);
void          weft_metrics_free          (WeftMetrics         *metrics);

/* Cost, power and media counts. */
void          weft_cost_totals_init      (WeftCostTotals      *totals,
                                          WeftFabric          *fabric);
/* Adds the links that failures took out (model/weft-failure.h): failed
 * hardware is still bought, and a what-if does not change the bill. */
void          weft_cost_totals_add_failed (WeftCostTotals     *totals,
                                           WeftFabric         *fabric);
/* Moves @totals from the fabric before @change to the fabric after it, in O(1). */
void          weft_cost_totals_apply     (WeftCostTotals      *totals,
                                          WeftFabric          *fabric,
                                          const WeftChange    *change);
void          weft_cost_link             (WeftFabric          *fabric,
                                          const WeftLink      *link,
                                          double              *usd,
                                          double              *watts);
/* Latency a link adds end to end: media at both ends and propagation. */
double        weft_metrics_link_latency  (WeftFabric          *fabric,
                                          const WeftLink      *link);

/* The latency-shortest path between two GPUs, element by element. */
typedef struct
{
  gboolean  is_link;
  guint     index;          /* node or link */
  char     *label;          /* "leaf-3 (QM9700)", "dsp-400-dr4 12.0 m" */
  double    switch_ns;      /* a switch's port-to-port latency */
  double    media_ns;       /* a link's transceivers or retimers */
  double    propagation_ns;
} WeftPathStep;

typedef struct
{
  GArray  *steps;            /* WeftPathStep */
  double   total_ns;
  guint    switch_hops;
  guint    link_hops;
} WeftPath;

WeftPath     *weft_metrics_path          (WeftFabric          *fabric,
                                          guint                from,
                                          guint                to,
                                          GError             **error);
void          weft_path_free             (WeftPath            *path);

/* What a JSON report holds besides the figures, each optional: the path
 * between two GPUs, the GPUs on one side of the reported bisection, and
 * the elements failed with what their loss changed from @intact. */
typedef struct
{
  const WeftPath     *path;
  gboolean            with_split;
  const char * const *failed;
  const WeftMetrics  *intact;
  /* Writes more members into the report's object, after the figures. */
  void              (*write_more) (WeftJsonWriter *writer,
                                   gpointer        data);
  gpointer            more_data;
} WeftReportExtras;

/* Writing results for reports and the CLI; @extras may be NULL. */
char         *weft_metrics_to_json       (WeftFabric              *fabric,
                                          const WeftMetrics       *metrics,
                                          const WeftReportExtras  *extras);
char         *weft_metrics_to_csv        (const WeftMetrics   *metrics);
/* The bill of materials (WEFT_METRICS_BILL), a row per part and role, most
 * expensive first: part,role,quantity,unit_price_usd,extended_usd,unit_power_w. */
char         *weft_metrics_bom_to_csv    (const WeftMetrics   *metrics);
char         *weft_metrics_to_text       (WeftFabric          *fabric,
                                          const WeftMetrics   *metrics,
                                          const WeftPath      *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftMetrics, weft_metrics_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftPath, weft_path_free)

G_END_DECLS
