/* weft-metrics-domains.h — inside one scale-up domain: what each member pays to reach each exit
 * switch, and what crossing it costs. */
#pragma once

#include "metrics/weft-metrics-private.h"

G_BEGIN_DECLS

typedef struct _WeftDomains WeftDomains;

/* @comp gives each node's domain, or WEFT_NONE for a scale-out switch. */
WeftDomains  *weft_domains_new   (const WeftMetricsGraph *graph,
                                  const guint32          *comp);
void          weft_domains_free  (WeftDomains            *domains);
/* The domain made of @members (in node order): its exits, the scale-out
 * switches next to a member, into @exits (guint32 nodes, in node order);
 * returned, the costs [exit][member][cost] followed by [exit][exit][cost],
 * WEFT_FAR where there is no way; never NULL, even for a domain without
 * exits, whose table is empty. Valid until the next call. */
const double *weft_domains_costs (WeftDomains            *domains,
                                  const guint32          *members,
                                  guint                   n_members,
                                  GArray                 *exits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftDomains, weft_domains_free)

G_END_DECLS
