/* weft-layout-private.h — the layout's storage and what its files share. */
#pragma once

#include "render/weft-layout.h"

G_BEGIN_DECLS

#define SPACING     12.0    /* between neighbours in a row */
#define RADIUS      4.0
#define UNIT_HEIGHT 2.0

struct _WeftLayout
{
  gint        ref_count;
  WeftFabric *fabric;
  WeftView    view;
  guint       n_nodes;
  double     *x;
  double     *y;
  WeftBox     bounds;
  GArray     *groups;        /* WeftLayoutGroup */
  GPtrArray  *row_labels;    /* char*, with row_y */
  GArray     *row_y;         /* double */

  guint8     *link_medium;   /* resolved once: drawing every frame must not search the catalog */
  double      max_length;    /* the longest link, metres */
  double      wrap_length;   /* torus: links longer than this are wrap-arounds, drawn as marks */
  GHashTable *bundles;       /* level → GArray of WeftLayoutBundle */
  GHashTable
      *bundle_records; /* level → GArray of guint: its bundles' link records, one after another */
  GHashTable *bundle_hint;   /* finest level asked for → the level that was fine enough */
  GHashTable *marks;         /* level → GArray of WeftLayoutMark */

  /* Physical view: each rack's box, by rack index. */
  WeftBox    *racks;
  guint       n_racks;

  /* A uniform grid over the bounds for node hit tests. */
  double      cell;
  guint       columns;
  guint       rows;
  guint32    *cell_offsets;
  guint32    *cell_nodes;
};

/* The views' placements: each sets the nodes' positions and adds its
 * groups. The logical view has a file per family of fabric, as the
 * generators do (clos, dragonfly — Slim Fly's groups too — torus,
 * dragonfly-plus, hyperx, jellyfish); the physical one, floor. */
void     weft_layout_place_rows          (WeftLayout *layout);
/* FALSE, placing nothing, when the fabric has fewer than two rails. */
gboolean weft_layout_place_rail_columns  (WeftLayout *layout);
void     weft_layout_place_ring          (WeftLayout *layout);
void     weft_layout_place_grid          (WeftLayout *layout);
void     weft_layout_place_leaf_spine_ring (WeftLayout *layout);
void     weft_layout_place_lattice       (WeftLayout *layout);
void     weft_layout_place_circle        (WeftLayout *layout);
void     weft_layout_place_floor         (WeftLayout *layout);

/* What the placements share (weft-layout.c). */
void     weft_layout_add_group           (WeftLayout *layout,
                                          const char *label,
                                          WeftBox     box);
/* An extent, {x0, y0, x1, y1}: empty, then grown to hold node @node's place. */
void     weft_layout_extent_clear        (double     *extent);
void     weft_layout_extent_add          (WeftLayout *layout,
                                          double     *extent,
                                          guint       node);
void     weft_layout_place_by_neighbours (WeftLayout *layout,
                                          guint8     *placed);

/* The grid the node hit tests search, once the nodes are placed and the
 * bounds known (weft-layout-hit.c). */
void     weft_layout_build_index         (WeftLayout *layout);

/* Each GPU's first neighbour of @kind (its leaf, its router) into @of, per node; WEFT_NONE for the
 * rest. */
void weft_layout_attach_gpus (const WeftNode *nodes,
                              guint           n_nodes,
                              const WeftLink *links,
                              guint           n_links,
                              WeftNodeKind    kind,
                              guint          *of);

G_END_DECLS
