/* weft-metrics-paths.h — shortest paths from a set of sources over the switch graph, run many
 * times. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_FAR G_MAXDOUBLE   /* the distance of a vertex no path reaches */

/* A graph in compressed rows, with what the search needs to know of its weights. */
typedef struct
{
  guint          n;
  const guint32 *offsets;     /* n + 1 */
  const guint32 *adj;
  const double  *weight;      /* positive */
  double         width;       /* bucket width, at most the lightest edge; 0: use a heap */
  guint          n_buckets;   /* in the ring: enough for any edge and any spread of sources */
} WeftPathGraph;

/* One thread's working memory; dist holds the result of the last run. */
typedef struct
{
  const WeftPathGraph *graph;
  double  *dist;
  guint8  *settled;
  guint32 *head;              /* per bucket of the ring: its newest entry, or WEFT_KEY_EMPTY */
  guint32 *entry_vertex;      /* entries: a vertex put in a bucket; stale once it settles */
  guint32 *entry_next;
  guint32 *heap;              /* the heap, when the weights spread too far for buckets */
  guint32 *pos;
  guint    heap_len;
} WeftPathSearch;

void weft_path_graph_init   (WeftPathGraph       *graph,
                             guint                n,
                             const guint32       *offsets,
                             const guint32       *adj,
                             const double        *weight,
                             double               source_spread);
void weft_path_search_init  (WeftPathSearch      *search,
                             const WeftPathGraph *graph);
void weft_path_search_clear (WeftPathSearch      *search);
/* Distances from the nearest source, each source starting at its own offset. */
void weft_path_search_run   (WeftPathSearch      *search,
                             const guint32       *sources,
                             const double        *offsets,
                             guint                n_sources);

G_END_DECLS
