/* weft-layout.h — where each node of a fabric goes in the logical and the physical view. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_VIEW_LOGICAL,  /* tiers as rows; Dragonfly, Slim Fly, Dragonfly+, Jellyfish as rings;
                       * torus and HyperX as grids */
  WEFT_VIEW_PHYSICAL, /* the floor: rows of racks, nodes by rack unit, cables as orthogonal runs */
} WeftView;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} WeftBox;

/* A shape the drawing shows behind its nodes: a pod, a Dragonfly group, a rack. */
typedef struct
{
  char    *label;
  WeftBox  box;
  gboolean is_rack;
  guint    rack;          /* for racks */
} WeftLayoutGroup;

/* Links between two cells of a grid, as one stroke, for zoomed-out drawing. */
typedef struct
{
  double  x0, y0, x1, y1;   /* the mean ends of the links it stands for */
  guint64 count;            /* links it stands for, parallel ones counted */
  guint   link;             /* one of them: its medium and its run */
  guint   n_records;        /* the link records it stands for, */
  const guint *records;     /* in index order; owned by the layout, like the bundle */
} WeftLayoutBundle;

/* Nodes of one kind in one cell of a grid, as one mark. */
typedef struct
{
  double x, y;
  guint  kind;
  guint  count;
} WeftLayoutMark;

typedef struct _WeftLayout WeftLayout;

WeftLayout            *weft_layout_new               (WeftFabric  *fabric,
                                                      WeftView     view);
WeftLayout            *weft_layout_ref               (WeftLayout  *layout);
void                   weft_layout_unref             (WeftLayout  *layout);

WeftFabric            *weft_layout_get_fabric        (WeftLayout  *layout);
WeftView               weft_layout_get_view          (WeftLayout  *layout);
/* Everything the layout places, in layout units. */
WeftBox                weft_layout_get_bounds        (WeftLayout  *layout);
/* A node's half-size in layout units. */
double                 weft_layout_get_node_radius   (WeftLayout  *layout);
void                   weft_layout_get_node_position (WeftLayout  *layout,
                                                      guint        node,
                                                      double      *x,
                                                      double      *y);
/* The points a link's drawing runs through: 2 in the logical view, an
 * orthogonal run of up to 6 in the physical one. Returns how many. */
guint                  weft_layout_get_link_points   (WeftLayout  *layout,
                                                      guint        link,
                                                      double      *points);
/* The longest link's length in metres, for colouring by length. */
double                 weft_layout_get_max_length    (WeftLayout  *layout);
/* A torus wrap-around (or a link between slices), drawn as marks at its ends. */
gboolean               weft_layout_link_is_wrap      (WeftLayout  *layout,
                                                      guint        link);
/* The medium a link uses, AUTO resolved (AUTO when nothing reaches). */
WeftMedium             weft_layout_get_link_medium   (WeftLayout  *layout,
                                                      guint        link);
const WeftLayoutGroup *weft_layout_get_groups        (WeftLayout  *layout,
                                                      guint       *n_groups);
/* Row titles of the logical view ("spine", "leaf", ...) at their heights. */
const char            *weft_layout_get_row_label     (WeftLayout  *layout,
                                                      guint        row,
                                                      double      *y);

/* The links and nodes aggregated on a grid of at least @cell layout units
 * (rounded up to a power of two), computed once per grid and kept, so that
 * a zoomed-out frame costs what it shows, not what the fabric holds. */
const WeftLayoutBundle *weft_layout_get_bundles (WeftLayout *layout,
                                                 double      cell,
                                                 guint      *n_bundles);
/* The finest grid from @cell up (at most eight times coarser) with no
 * more than @max_bundles strokes. */
const WeftLayoutBundle *weft_layout_get_bundles_at_most (WeftLayout *layout,
                                                         double      cell,
                                                         guint       max_bundles,
                                                         guint      *n_bundles);
const WeftLayoutMark   *weft_layout_get_marks   (WeftLayout *layout,
                                                 double      cell,
                                                 guint      *n_marks);

/* A relayout after an edit keeps what @before learnt about how fine its
 * link bundles can be drawn: an edit moves a stroke or two, and the first
 * frame need not search the levels again. */
void                    weft_layout_keep_hints    (WeftLayout *layout,
                                                   WeftLayout *before);

/* After links were added, removed or changed but no node moved: the
 * positions stay, the links' media and bundles are worked out again. */
void                    weft_layout_refresh_links (WeftLayout *layout);

/* Hit tests, in layout units; WEFT_NONE when nothing is there. */
guint                  weft_layout_node_at           (WeftLayout  *layout,
                                                      double       x,
                                                      double       y,
                                                      double       tolerance);
/* A wrap-around (weft_layout_link_is_wrap) counts only within @wrap_reach
 * of its ends, where it is drawn. */
guint                  weft_layout_link_at           (WeftLayout  *layout,
                                                      double       x,
                                                      double       y,
                                                      double       tolerance,
                                                      double       wrap_reach);
/* The stroke of @bundles (from weft_layout_get_bundles) drawn under a point. */
guint                  weft_layout_bundle_at         (WeftLayout  *layout,
                                                      const WeftLayoutBundle *bundles,
                                                      guint        n_bundles,
                                                      double       x,
                                                      double       y,
                                                      double       tolerance);
guint                  weft_layout_rack_at           (WeftLayout  *layout,
                                                      double       x,
                                                      double       y);
/* The rack unit at height @y inside @rack (physical view). */
guint                  weft_layout_unit_at           (WeftLayout  *layout,
                                                      guint        rack,
                                                      double       y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftLayout, weft_layout_unref)

G_END_DECLS
