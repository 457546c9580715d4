/* weft-refusal.h — an edit of the links the fabric refused, in the window's words: why, and what to
 * do instead. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* The message for @error, which refused a link at @speed_gbps (0: not
 * known) that would take ports on @ends (the new end of a rewire, both
 * ends of a new link). */
char *weft_refusal_explain (WeftFabric   *fabric,
                            const GError *error,
                            guint         speed_gbps,
                            const guint  *ends,
                            guint         n_ends);

G_END_DECLS
