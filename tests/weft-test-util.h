/* weft-test-util.h — small helpers the test programs share. */
#pragma once

#include "model/weft-fabric.h"
#include "generators/weft-generator.h"

G_BEGIN_DECLS

/* Generate from "key=value" pairs, asserting success. */
WeftFabric *weft_test_generate       (WeftCatalog *catalog,
                                      const char  *arch,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Generate and return the error, asserting failure. */
GError     *weft_test_generate_error (WeftCatalog *catalog,
                                      const char  *arch,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Links (counting count) between nodes of kinds @a and @b. */
guint64     weft_test_count_links    (WeftFabric  *fabric,
                                      WeftNodeKind a,
                                      WeftNodeKind b);
/* The fabric's canonical file text, for comparing states. */
char       *weft_test_snapshot       (WeftFabric  *fabric);
/* Asserts that igraph's finally stack is empty: a call into the metrics
 * that leaves an entry there would have a later igraph error free it. */
void        weft_test_assert_igraph_clean (void);

/* Drops the caller's reference to @object and waits (iterating the main
 * context, 10 s at most) for it to be finalized: a pool thread that has
 * returned a task's result may still hold the task, and so its source
 * object, for a moment. */
void        weft_test_assert_finalized_soon (gpointer object);

G_END_DECLS
