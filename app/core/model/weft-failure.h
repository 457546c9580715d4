/* weft-failure.h — a fabric with some of its elements failed: links by index or by their ends,
 * nodes by name. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

/* A copy of @fabric without the links of @elements (NULL-terminated), each
 * "link:ID" (a link's index), "link:A,B" (every link between nodes A and B)
 * or "node:NAME" (every link of that node; the node stays, cut off). An
 * element that names nothing fails with WEFT_FABRIC_ERROR_INVALID and a
 * message that starts with the element: "node:leaf-9: the fabric has no
 * node 'leaf-9'". */
WeftFabric *weft_fabric_without (WeftFabric         *fabric,
                                 const char * const *elements,
                                 GError            **error);

/* Appends the indices of the links @element names to @links, or says
 * what @element gets wrong. */
gboolean    weft_fabric_failed_links   (WeftFabric         *fabric,
                                        const char         *element,
                                        GArray             *links,
                                        GError            **error);
/* Sorts link indices highest first without repeats: the order to remove
 * them in, as removing a link moves the last one into its slot. */
void        weft_links_removal_order   (GArray             *links);

/* An element marked failed in a fabric under edit, as the window's
 * what-if makes them: one undoable edit took its links out. */
typedef struct
{
  char    *element;      /* "node:spine-3", "link:leaf-0,spine-1" */
  guint    node;         /* the failed node, or WEFT_NONE for a link */
  GArray  *links;        /* WeftLink: what the failure took out, as they were */
  guint64  serial;       /* the edit that failed it */
  guint64  restored;     /* the edit that restored it, or 0 */
} WeftFailure;

/* Fails @element in @self, one edit labelled "Fail NAME"; refuses an
 * element that names nothing, has no links, or is failed already. */
gboolean    weft_fabric_fail           (WeftFabric         *self,
                                        const char         *element,
                                        GError            **error);
/* Fails all of @elements (NULL-terminated) in one edit, or none of them. */
gboolean    weft_fabric_fail_all       (WeftFabric         *self,
                                        const char * const *elements,
                                        GError            **error);
/* The failures in effect now, oldest first; undo and redo take them
 * back and bring them again. Free the array, not its elements. */
GPtrArray  *weft_fabric_list_failures  (WeftFabric         *self);
/* Puts every failed element's links back, one edit; refuses (and changes
 * nothing) when one no longer fits, saying which. */
gboolean    weft_fabric_restore_failures (WeftFabric       *self,
                                          GError          **error);
/* The live failures' elements, for weft_fabric_without or --fail. */
char      **weft_fabric_dup_failed_elements (WeftFabric    *self);

G_END_DECLS
