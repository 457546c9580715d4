/* weft-metrics-classes.h — GPUs with identical distance rows, grouped, and the switch graph their
 * rows run over. */
#pragma once

#include "metrics/weft-metrics-private.h"

G_BEGIN_DECLS

/* Pairs of GPUs a class row must treat apart. */
typedef struct
{
  guint32 owner;                 /* class of the first GPU */
  guint32 other;                 /* class of the second */
  guint32 count;                 /* such pairs */
  double  intra[WEFT_N_COSTS];   /* for a pair in one domain: the costs inside it */
} WeftClassPair;

/* GPUs alike as sources and as targets: the same exits at the same costs. */
typedef struct
{
  guint           n;
  guint64        *size;          /* GPUs per class */
  guint32        *offsets;       /* n + 1, into exit and cost */
  guint32        *exit;          /* index into WeftClasses.exits */
  double         *cost[WEFT_N_COSTS];   /* from the GPU to that exit */
  guint32        *excl_offsets;  /* n + 1: pairs in one server, left out */
  WeftClassPair  *excl;
  guint32        *over_offsets;  /* n + 1: pairs in one domain but two servers */
  WeftClassPair  *over;
} WeftClassSet;

typedef struct
{
  /* The reduced graph: switches as vertices, joined by their own links and
   * by the scale-up domains between them. */
  guint           n_red;
  guint32        *r_offsets;
  guint32        *r_adj;
  double         *r_cost[WEFT_N_COSTS];
  guint32        *r_half[2];     /* hop costs in half hops: every hop cost is a multiple of ½ */
  guint           max_half;      /* the longest edge, in half hops */

  /* Exits: the reduced vertices GPUs leave their domains by. */
  guint           n_exits;
  guint32        *exits;
  double          max_exit_latency;

  /* Latency classes tell apart GPUs whose cables differ; hop classes only
   * those whose hop counts do, so they are far fewer. */
  WeftClassSet    lat;
  WeftClassSet    hop;
  guint32        *lat_to_hop;
} WeftClasses;

WeftClasses *weft_classes_new  (WeftMetricsGraph *graph);
void         weft_classes_free (WeftClasses      *classes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftClasses, weft_classes_free)

G_END_DECLS
