/* weft-summary.h — what a fabric holds: GPUs, servers, switches by role, links by tier and medium,
 * ports. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

typedef struct
{
  guint       gpus;
  guint       servers;
  guint       switches;
  guint       by_kind[WEFT_N_NODE_KINDS];
  guint64     links;                       /* parallel links counted */
  guint64     links_by_medium[WEFT_N_MEDIA];  /* resolved; AUTO counts links no medium reaches */
  GHashTable *links_by_tier;               /* tier name → guint64*; owned */
  /* Ports in use and on offer, per node kind, counted at each node's link speed. */
  guint64     ports_used[WEFT_N_NODE_KINDS];
  guint64     ports_available[WEFT_N_NODE_KINDS];
} WeftSummary;

void   weft_summary_init   (WeftSummary *summary,
                            WeftFabric  *fabric);
void   weft_summary_clear  (WeftSummary *summary);
/* Tier names in a fixed order (lowest tier first) for listings. */
GPtrArray *weft_summary_tiers (const WeftSummary *summary);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftSummary, weft_summary_clear)

G_END_DECLS
