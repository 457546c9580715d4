/* weft-render.h — drawing a laid-out fabric: level of detail, colour by medium, tier, length or
 * load, legend and title block. */
#pragma once

#include "collectives/weft-collective.h"
#include "render/weft-layout.h"
#include "render/weft-painter.h"
#include "render/weft-palette.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_COLOR_BY_MEDIUM,
  WEFT_COLOR_BY_TIER,
  WEFT_COLOR_BY_LENGTH,     /* a measure: cable length on a colour-blind-safe ramp */
  WEFT_COLOR_BY_LOAD,       /* a measure: each link's load under a collective, on the same ramp */
} WeftColorBy;

/* The figures a report's title block shows; the metrics are optional. */
typedef struct
{
  const char *name;
  const char *architecture;
  guint       gpus;
  gboolean    has_cost;
  double      cost_usd;
  double      power_w;
  gboolean    has_metrics;
  double      bisection_ratio;
  guint       max_switch_hops;
  double      latency_min_ns;
  double      latency_max_ns;
} WeftTitleBlock;

typedef struct
{
  /* Screen = layout × scale + offset, in a viewport of width × height. */
  double                scale;
  double                offset_x;
  double                offset_y;
  double                width;
  double                height;

  const WeftPalette    *palette;
  WeftColorBy           color_by;
  const WeftTitleBlock *title;          /* NULL: none */
  gboolean              legend;
  gboolean              labels;
  gboolean fast; /* aliased bundles when zoomed out: for a screen that must keep up */

  /* WEFT_COLOR_BY_LOAD: per link, its load as a share of the busiest
   * link's, in [0, 1]; a bundle shows its busiest. Links from
   * n_link_values on (all of them when NULL) are drawn neutral. */
  const float          *link_values;
  guint                 n_link_values;
  const char           *link_values_caption;  /* "all-reduce 1 GiB (hierarchical)" */

  guint                 hover_node;     /* WEFT_NONE: none */
  guint                 hover_link;
  const guint          *selected_nodes;
  guint                 n_selected_nodes;
  const guint          *selected_links;
  guint                 n_selected_links;
  const guint          *path_links;     /* a path to light up */
  guint                 n_path_links;
  guint                 refused_node;   /* a drop target that says no */
} WeftRenderOptions;

/* What a drawing contained, for tests and legends. */
typedef struct
{
  guint nodes_drawn;       /* as themselves */
  guint node_cells;        /* aggregated, when zoomed out */
  guint links_drawn;
  guint bundles;           /* strokes standing for several links */
  gboolean wraps;          /* torus wrap-around marks */
  gboolean media[WEFT_N_MEDIA];
  gboolean kinds[WEFT_N_NODE_KINDS];
  guint failed_links;      /* drawn as failed: dashed, where they were */
  guint failed_nodes;      /* crossed out */
} WeftRenderStats;

/* The legend's words for what loads the links: "all-reduce 1 GiB (hierarchical)". */
char   *weft_render_load_caption (WeftCollectiveOp         op,
                                  double                   size_bytes,
                                  WeftCollectiveAlgo       algorithm);
/* @shares (as WeftCollectiveFigures holds them) over their largest, for
 * link_values; NULL when there are none. */
float  *weft_render_load_values  (const float             *shares,
                                  guint                    n_shares);
void    weft_render_options_init (WeftRenderOptions       *options,
                                  const WeftPalette       *palette,
                                  double                   width,
                                  double                   height);
/* Scale and offset so that the whole layout shows, clear of the title
 * block, and of the legend unless keeping clear costs a quarter of the
 * drawing's size. */
void    weft_render_fit          (WeftLayout              *layout,
                                  WeftRenderOptions       *options);
/* Screen size in pixels below which a node is drawn as part of an aggregate. */
double  weft_render_node_pixels  (WeftLayout              *layout,
                                  const WeftRenderOptions *options);
/* The strokes weft_render_draw draws the links as, or NULL when zoomed in
 * far enough that each link is drawn as itself. */
const WeftLayoutBundle *weft_render_get_bundles (WeftLayout              *layout,
                                                 const WeftRenderOptions *options,
                                                 guint                   *n_bundles);
void    weft_render_draw         (WeftPainter             *painter,
                                  WeftLayout              *layout,
                                  const WeftRenderOptions *options,
                                  WeftRenderStats         *stats);

G_END_DECLS
