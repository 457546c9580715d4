/* weft-render.c — drawing a laid-out fabric: level of detail, colour by medium, tier, length or
 * load, legend and title block.
 *
 * Zoomed out, nodes too small to see are drawn as one mark per few
 * pixels of each kind, and links as one stroke per pair of screen cells
 * (width by how many links it stands for, the largest labelled with the
 * count). Zoomed in, every visible node and link is drawn as itself.
 * Work depends on what is on screen, not on the size of the fabric.
 */
#include "render/weft-render.h"

#include <math.h>
#include <string.h>

#include "model/weft-failure.h"
#include "util/weft-format.h"

#define DETAIL_PIXELS  2.5     /* node radius on screen from which nodes are drawn one by one */
#define LABEL_PIXELS   7.0     /* and from which switches get their names */
#define CELL           10.0    /* screen cell for aggregated nodes and bundled links */
#define TITLE_HEIGHT   86.0
#define LEGEND_WIDTH   190.0
#define LEGEND_ROOM    230.0   /* the height a legend of some eight rows takes, with its margin */
#define MAX_BUNDLE_LABELS 40
#define MAX_BUNDLES    600     /* strokes a frame can draw in a few milliseconds each way */

char *
weft_render_load_caption (WeftCollectiveOp   op,
                          double             size_bytes,
                          WeftCollectiveAlgo algorithm)
{
  g_autofree char *size = weft_format_bytes (size_bytes);

  return g_strdup_printf ("%s %s (%s)", weft_collective_op_to_string (op), size,
                          weft_collective_algo_to_string (algorithm));
}

float *
weft_render_load_values (const float *shares,
                         guint        n_shares)
{
  float busiest = 0, *values;

  if (shares == NULL || n_shares == 0)
    return NULL;
  for (guint i = 0; i < n_shares; i++)
    busiest = MAX (busiest, shares[i]);
  values = g_new (float, n_shares);
  for (guint i = 0; i < n_shares; i++)
    values[i] = busiest > 0 ? shares[i] / busiest : 0;
  return values;
}

void
weft_render_options_init (WeftRenderOptions *options,
                          const WeftPalette *palette,
                          double             width,
                          double             height)
{
  *options = (WeftRenderOptions) { 0 };
  options->scale = 1;
  options->width = width;
  options->height = height;
  options->palette = palette;
  options->labels = TRUE;
  options->hover_node = WEFT_NONE;
  options->hover_link = WEFT_NONE;
  options->refused_node = WEFT_NONE;
}

/* Centres @bounds in the page less the margins; returns the scale. */
static double
fit_between (WeftBox            bounds,
             WeftRenderOptions *options,
             double             left,
             double             top,
             double             right,
             double             bottom)
{
  double w = MAX (1, options->width - left - right), h = MAX (1, options->height - top - bottom);

  options->scale = MIN (w / MAX (bounds.width, 1e-9), h / MAX (bounds.height, 1e-9));
  options->offset_x = left + (w - bounds.width * options->scale) / 2 - bounds.x * options->scale;
  options->offset_y = top + (h - bounds.height * options->scale) / 2 - bounds.y * options->scale;
  return options->scale;
}

/* Whether the drawing, placed by @o, stays clear of the legend's corner. */
static gboolean
clear_of_legend (WeftBox                  bounds,
                 const WeftRenderOptions *o)
{
  double right = o->offset_x + (bounds.x + bounds.width) * o->scale;
  double bottom = o->offset_y + (bounds.y + bounds.height) * o->scale;

  return right <= o->width - LEGEND_WIDTH - 24 || bottom <= o->height - LEGEND_ROOM - 16;
}

void
weft_render_fit (WeftLayout        *layout,
                 WeftRenderOptions *options)
{
  WeftBox bounds = weft_layout_get_bounds (layout);
  /* Room above the topmost boxes for their labels. */
  double top = (options->title ? TITLE_HEIGHT + 12 : 16) + 14;
  double left = weft_layout_get_view (layout) == WEFT_VIEW_LOGICAL ? 64 : 16;
  WeftRenderOptions beside = *options, below = *options;
  double whole = fit_between (bounds, options, left, top, 16, 16);

  /* Centred in the whole page when that misses the legend's corner, as a
   * wide drawing does; otherwise clear of the legend beside it or above
   * it, whichever leaves the drawing larger, unless that costs a quarter
   * of its size: then the legend floats over it. */
  if (!options->legend || clear_of_legend (bounds, options))
    return;
  fit_between (bounds, &beside, left, top, LEGEND_WIDTH + 24, 16);
  fit_between (bounds, &below, left, top, 16, LEGEND_ROOM + 16);
  if (below.scale > beside.scale)
    beside = below;
  if (beside.scale >= 0.75 * whole)
    *options = beside;
}

double
weft_render_node_pixels (WeftLayout              *layout,
                         const WeftRenderOptions *options)
{
  return weft_layout_get_node_radius (layout) * options->scale;
}

static inline double
sx (const WeftRenderOptions *o,
    double                   x)
{
  return x * o->scale + o->offset_x;
}

static inline double
sy (const WeftRenderOptions *o,
    double                   y)
{
  return y * o->scale + o->offset_y;
}

/* @link's points as the screen has them: (x, y) pairs, returning how many. */
static guint
screen_link_points (WeftLayout              *layout,
                    const WeftRenderOptions *o,
                    guint                    link,
                    double                  *points)
{
  guint n = weft_layout_get_link_points (layout, link, points);

  for (guint p = 0; p < n; p++)
    {
      points[2 * p] = sx (o, points[2 * p]);
      points[2 * p + 1] = sy (o, points[2 * p + 1]);
    }
  return n;
}

static gboolean
visible_box (const WeftRenderOptions *o,
             double                   x0,
             double                   y0,
             double                   x1,
             double                   y1)
{
  return MAX (x0, x1) >= -8 && MIN (x0, x1) <= o->width + 8 &&
         MAX (y0, y1) >= -8 && MIN (y0, y1) <= o->height + 8;
}

static WeftColor
link_color (WeftLayout              *layout,
            const WeftRenderOptions *o,
            guint                    link)
{
  WeftFabric *fabric = weft_layout_get_fabric (layout);

  if (o->color_by == WEFT_COLOR_BY_TIER)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, link);
      WeftNodeKind a = weft_fabric_get_node (fabric, l->a)->kind,
                   b = weft_fabric_get_node (fabric, l->b)->kind;

      /* The upper end's tier. */
      return o->palette->kinds[a == WEFT_NODE_GPU ? b : b == WEFT_NODE_GPU ? a : MAX (a, b)];
    }
  if (o->color_by == WEFT_COLOR_BY_LENGTH)
    return weft_palette_ramp (o->palette, weft_fabric_get_link (fabric, link)->length_m /
                                          MAX (weft_layout_get_max_length (layout), 1e-9));
  if (o->color_by == WEFT_COLOR_BY_LOAD)
    return o->link_values != NULL && link < o->n_link_values
           ? weft_palette_load_ramp (o->palette, o->link_values[link]) : o->palette->neutral;
  return o->palette->media[weft_layout_get_link_medium (layout, link)];
}

/* A bundle by load is as busy as its busiest link: a hot uplink must not
 * fade into the idle ones drawn with it. */
static WeftColor
bundle_color (WeftLayout              *layout,
              const WeftRenderOptions *o,
              const WeftLayoutBundle  *b)
{
  float busiest = -1;

  if (o->color_by != WEFT_COLOR_BY_LOAD)
    return link_color (layout, o, b->link);
  for (guint i = 0; i < b->n_records && o->link_values != NULL; i++)
    if (b->records[i] < o->n_link_values)
      busiest = MAX (busiest, o->link_values[b->records[i]]);
  return busiest >= 0 ? weft_palette_load_ramp (o->palette, busiest) : o->palette->neutral;
}

/* Quantised to half pixels, so that strokes batch by width. */
static double
stroke_width (guint64 count)
{
  return round (2 * (0.8 + 0.7 * log2 ((double) MAX (count, 1)))) / 2;
}

/* Labels never overlap: each claims its cells of a coarse grid. */
typedef struct
{
  GHashTable *taken;
} LabelSpace;

static gboolean
claim (LabelSpace *space,
       double      x,
       double      y,
       double      width,
       double      height)
{
  gint x0 = (gint) floor (x / 8), x1 = (gint) floor ((x + width) / 8);
  gint y0 = (gint) floor (y / 8), y1 = (gint) floor ((y + height) / 8);

  for (gint cy = y0; cy <= y1; cy++)
    for (gint cx = x0; cx <= x1; cx++)
      if (g_hash_table_contains (space->taken, GUINT_TO_POINTER (((guint) cy << 16) ^ (guint) cx)))
        return FALSE;
  for (gint cy = y0; cy <= y1; cy++)
    for (gint cx = x0; cx <= x1; cx++)
      g_hash_table_add (space->taken, GUINT_TO_POINTER (((guint) cy << 16) ^ (guint) cx));
  return TRUE;
}

/* A patch of the ground behind a label, so that no stroke crosses its words. */
static void
draw_halo (WeftPainter             *painter,
           const WeftRenderOptions *o,
           double                   x,
           double                   y,
           double                   width,
           double                   height)
{
  WeftColor ground = o->palette->background;

  ground.a = 0.85;
  weft_painter_rect (painter, x, y, width, height, &ground, NULL, 0);
}

/* The boxes go under everything; their labels, claimed here, are drawn
 * last so that no cable runs over them. */
static void
draw_groups (WeftPainter             *painter,
             WeftLayout              *layout,
             const WeftRenderOptions *o,
             LabelSpace              *labels,
             GArray                  *labelled)
{
  guint n_groups;
  const WeftLayoutGroup *groups = weft_layout_get_groups (layout, &n_groups);

  for (guint i = 0; i < n_groups; i++)
    {
      const WeftBox *b = &groups[i].box;
      double x = sx (o, b->x), y = sy (o, b->y), w = b->width * o->scale, h = b->height * o->scale;

      if (!visible_box (o, x, y, x + w, y + h))
        continue;
      weft_painter_rect (painter, x, y, w, h, &o->palette->group_fill, &o->palette->muted,
                         groups[i].is_rack ? 0.5 : 0.8);
      /* A rack's name goes below it, in the aisle: its cable tray runs above. */
      if (o->labels && w > 36 &&
          claim (labels, x, groups[i].is_rack ? y + h + 1 : y - 12, MIN (w, 80), 10))
        g_array_append_val (labelled, i);
    }
}

static void
draw_group_labels (WeftPainter             *painter,
                   WeftLayout              *layout,
                   const WeftRenderOptions *o,
                   GArray                  *labelled)
{
  guint n_groups;
  const WeftLayoutGroup *groups = weft_layout_get_groups (layout, &n_groups);

  for (guint k = 0; k < labelled->len; k++)
    {
      const WeftLayoutGroup *g = &groups[g_array_index (labelled, guint, k)];
      double x = sx (o, g->box.x) + 2, y = sy (o, g->box.y);

      if (g->is_rack)
        weft_painter_text (painter, x, y + g->box.height * o->scale + 9, g->label, 8, FALSE,
                           &o->palette->muted, WEFT_ANCHOR_START);
      else
        {
          draw_halo (painter, o, x - 1, y - 12, weft_painter_text_width (painter, g->label, 10,
                                                                         FALSE) + 2, 11);
          weft_painter_text (painter, x, y - 3, g->label, 10, FALSE, &o->palette->muted,
                             WEFT_ANCHOR_START);
        }
    }
}

static void
draw_row_labels (WeftPainter             *painter,
                 WeftLayout              *layout,
                 const WeftRenderOptions *o,
                 LabelSpace              *labels)
{
  const char *label;
  double y;

  for (guint row = 0; (label = weft_layout_get_row_label (layout, row, &y)) != NULL; row++)
    if (sy (o, y) > 0 && sy (o, y) < o->height &&
        claim (labels, 0, sy (o, y) - 8,
               weft_painter_text_width (painter, label, 11, TRUE) + 10, 14))
      weft_painter_text (painter, 8, sy (o, y) + 4, label, 11, TRUE, &o->palette->muted,
                         WEFT_ANCHOR_START);
}

static void
draw_link_detail (WeftPainter             *painter,
                  WeftLayout              *layout,
                  const WeftRenderOptions *o,
                  guint                    i,
                  LabelSpace              *labels,
                  WeftRenderStats         *stats)
{
  const WeftLink *link = weft_fabric_get_link (weft_layout_get_fabric (layout), i);
  g_autofree char *id = g_strdup_printf ("link-%u", i);
  WeftColor color = link_color (layout, o, i);
  double points[12], minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE,
                     maxy = -G_MAXDOUBLE;
  guint n = screen_link_points (layout, o, i, points);

  for (guint p = 0; p < n; p++)
    {
      minx = MIN (minx, points[2 * p]);
      maxx = MAX (maxx, points[2 * p]);
      miny = MIN (miny, points[2 * p + 1]);
      maxy = MAX (maxy, points[2 * p + 1]);
    }
  if (!visible_box (o, minx, miny, maxx, maxy))
    return;
  stats->media[weft_layout_get_link_medium (layout, i)] = TRUE;
  stats->links_drawn++;

  if (weft_layout_link_is_wrap (layout, i))
    {
      /* A wrap-around: a short mark with a ring at each end, not a line across the grid. */
      double dx = points[2] - points[0], dy = points[3] - points[1],
             len = MAX (hypot (dx, dy), 1e-9);
      double reach = MIN (12, len / 3);

      weft_painter_begin_group (painter, id, "link wrap");
      for (guint e = 0; e < 2; e++)
        {
          double x = points[2 * e], y = points[2 * e + 1], sign = e ? -1 : 1;

          weft_painter_line (painter, x, y, x + sign * dx / len * reach,
                             y + sign * dy / len * reach, &color, stroke_width (link->count));
          weft_painter_circle (painter, x + sign * dx / len * reach, y + sign * dy / len * reach, 2,
                               NULL, &color, 1);
        }
      weft_painter_end_group (painter);
      stats->wraps = TRUE;
      return;
    }
  weft_painter_begin_group (painter, id, "link");
  weft_painter_polyline (painter, points, n, &color, stroke_width (link->count));
  weft_painter_end_group (painter);
  /* Scale-up bundles (18 NVLinks) are a server's insides: no count on each. */
  if (o->labels && link->count > 1 && link->link_class != WEFT_LINK_SCALE_UP &&
      hypot (maxx - minx, maxy - miny) > 60)
    {
      g_autofree char *count = g_strdup_printf ("×%u", link->count);
      double mx = (points[0] + points[2 * n - 2]) / 2, my = (points[1] + points[2 * n - 1]) / 2;

      if (claim (labels, mx - 8, my - 9, 18, 10))
        weft_painter_text (painter, mx, my, count, 8, FALSE, &o->palette->foreground,
                           WEFT_ANCHOR_MIDDLE);
    }
}

/* Where single strokes would cover the picture several times over (a
 * large Dragonfly's chords) they are drawn fainter, so that the nodes and
 * the shape of the fabric still show through. Returns the fade, and in
 * @heaviest the most links a visible stroke stands for. */
static double
bundle_fade (const WeftRenderOptions *o,
             const WeftLayoutBundle  *bundles,
             guint                    n_bundles,
             guint64                 *heaviest)
{
  double ink = 0;

  *heaviest = 0;
  for (guint i = 0; i < n_bundles; i++)
    {
      const WeftLayoutBundle *b = &bundles[i];
      double x0 = sx (o, b->x0), y0 = sy (o, b->y0), x1 = sx (o, b->x1), y1 = sy (o, b->y1);

      if (visible_box (o, x0, y0, x1, y1))
        {
          ink += (fabs (x1 - x0) + fabs (y1 - y0)) * stroke_width (b->count);
          *heaviest = MAX (*heaviest, b->count);
        }
    }
  return CLAMP (0.5 * o->width * o->height / MAX (ink, 1), 0.08, 1);
}

/* A bundle as one stroke, fainter the fewer links it stands for. */
static void
draw_bundle (WeftPainter             *painter,
             WeftLayout              *layout,
             const WeftRenderOptions *o,
             const WeftLayoutBundle  *b,
             double                   fade,
             WeftRenderStats         *stats)
{
  double x0 = sx (o, b->x0), y0 = sy (o, b->y0), x1 = sx (o, b->x1), y1 = sy (o, b->y1);
  WeftColor color;

  if (!visible_box (o, x0, y0, x1, y1))
    return;
  color = bundle_color (layout, o, b);
  /* A heavy bundle is one of few: it keeps its colour. */
  color.a *= 0.75 * (fade + (1 - fade) * MIN (1, log2 ((double) b->count) / 8));
  stats->media[weft_layout_get_link_medium (layout, b->link)] = TRUE;
  stats->bundles++;
  if (weft_layout_get_view (layout) == WEFT_VIEW_PHYSICAL)
    {
      /* Cables keep to their trays: draw the run of one of them. */
      double points[12];
      guint n = screen_link_points (layout, o, b->link, points);

      weft_painter_polyline (painter, points, n, &color, stroke_width (b->count));
    }
  else
    weft_painter_line (painter, x0, y0, x1, y1, &color, stroke_width (b->count));
}

/* The heaviest bundles say how many links they carry, in words ("756
 * links"); a stroke of two or three among thousands of single links says
 * nothing worth a label. */
static void
label_bundles (WeftPainter             *painter,
               const WeftRenderOptions *o,
               const WeftLayoutBundle  *bundles,
               guint                    n_bundles,
               guint64                  heaviest,
               LabelSpace              *labels)
{
  guint labelled = 0;

  for (guint i = n_bundles; i-- > 0 && labelled < MAX_BUNDLE_LABELS && o->labels;)
    {
      const WeftLayoutBundle *b = &bundles[i];
      double x0 = sx (o, b->x0), y0 = sy (o, b->y0), x1 = sx (o, b->x1), y1 = sy (o, b->y1);
      double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
      g_autofree char *count = NULL, *text = NULL;
      double width;

      if (b->count < MAX (4, heaviest / 8) || hypot (x1 - x0, y1 - y0) < 80 ||
          mx < 0 || my < 0 || mx > o->width || my > o->height)
        continue;
      count = weft_format_count (b->count);
      text = g_strdup_printf ("%s links", count);
      width = weft_painter_text_width (painter, text, 8, FALSE) + 4;
      if (claim (labels, mx - width / 2, my - 9, width, 10))
        {
          draw_halo (painter, o, mx - width / 2, my - 8, width, 10);
          weft_painter_text (painter, mx, my, text, 8, FALSE, &o->palette->foreground,
                             WEFT_ANCHOR_MIDDLE);
          labelled++;
        }
    }
}

const WeftLayoutBundle *
weft_render_get_bundles (WeftLayout              *layout,
                         const WeftRenderOptions *o,
                         guint                   *n_bundles)
{
  *n_bundles = 0;
  if (weft_render_node_pixels (layout, o) >= DETAIL_PIXELS)
    return NULL;
  /* One stroke per pair of grid cells, from the layout's cache; on screen,
   * coarser cells while there are more strokes than a frame can afford. */
  return o->fast ? weft_layout_get_bundles_at_most (layout, CELL / o->scale, MAX_BUNDLES, n_bundles)
                 : weft_layout_get_bundles (layout, CELL / o->scale, n_bundles);
}

static void
draw_links (WeftPainter             *painter,
            WeftLayout              *layout,
            const WeftRenderOptions *o,
            gboolean                 detail,
            LabelSpace              *labels,
            WeftRenderStats         *stats)
{
  const WeftLayoutBundle *bundles;
  guint n_bundles;
  double fade;
  guint64 heaviest;

  if (detail)
    {
      guint n_links = weft_fabric_get_n_links (weft_layout_get_fabric (layout));

      for (guint i = 0; i < n_links; i++)
        draw_link_detail (painter, layout, o, i, labels, stats);
      return;
    }

  bundles = weft_render_get_bundles (layout, o, &n_bundles);
  fade = bundle_fade (o, bundles, n_bundles, &heaviest);
  weft_painter_set_fast (painter, o->fast);
  for (guint i = 0; i < n_bundles; i++)
    draw_bundle (painter, layout, o, &bundles[i], fade, stats);
  weft_painter_set_fast (painter, FALSE);
  label_bundles (painter, o, bundles, n_bundles, heaviest, labels);
}

static void
draw_node_shape (WeftPainter     *painter,
                 WeftNodeKind     kind,
                 double           x,
                 double           y,
                 double           r,
                 const WeftColor *fill,
                 const WeftColor *stroke,
                 double           stroke_width)
{
  if (kind == WEFT_NODE_GPU)
    weft_painter_circle (painter, x, y, r, fill, stroke, stroke_width);
  else
    weft_painter_rect (painter, x - r * 1.2, y - r, 2.4 * r, 2 * r, fill, stroke, stroke_width);
}

static void
draw_nodes (WeftPainter             *painter,
            WeftLayout              *layout,
            const WeftRenderOptions *o,
            gboolean                 detail,
            LabelSpace              *labels,
            WeftRenderStats         *stats)
{
  WeftFabric *fabric = weft_layout_get_fabric (layout);
  guint n_nodes, n_marks;
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);
  const WeftLayoutMark *marks;
  double r = MIN (weft_render_node_pixels (layout, o), 14);

  if (!detail)
    {
      /* One mark per kind per few pixels, from the layout's cache. */
      marks = weft_layout_get_marks (layout, 3 / o->scale, &n_marks);
      for (guint i = 0; i < n_marks; i++)
        {
          double x = sx (o, marks[i].x), y = sy (o, marks[i].y);

          if (x < -3 || x > o->width + 3 || y < -3 || y > o->height + 3)
            continue;
          stats->kinds[marks[i].kind] = TRUE;
          weft_painter_rect (painter, x - 1.5, y - 1.5, 3, 3, &o->palette->kinds[marks[i].kind],
                             NULL, 0);
          stats->node_cells++;
        }
      return;
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *id = NULL;
      double x, y;

      weft_layout_get_node_position (layout, i, &x, &y);
      x = sx (o, x);
      y = sy (o, y);
      if (x < -r || x > o->width + r || y < -r || y > o->height + r)
        continue;
      stats->kinds[nodes[i].kind] = TRUE;
      id = g_strdup_printf ("node-%s", nodes[i].name);
      weft_painter_begin_group (painter, id, "node");
      draw_node_shape (painter, nodes[i].kind, x, y, r, &o->palette->kinds[nodes[i].kind],
                       &o->palette->foreground, 0.6);
      weft_painter_end_group (painter);
      stats->nodes_drawn++;
      if (o->labels && r >= LABEL_PIXELS &&
          (nodes[i].kind != WEFT_NODE_GPU || r >= 2 * LABEL_PIXELS))
        {
          double width = weft_painter_text_width (painter, nodes[i].name, 9, FALSE);

          if (claim (labels, x - width / 2, y + r + 2, width, 10))
            weft_painter_text (painter, x, y + r + 11, nodes[i].name, 9, FALSE,
                               &o->palette->foreground, WEFT_ANCHOR_MIDDLE);
        }
    }
}

/* A dashed line from (x0, y0) to (x1, y1): 6 px drawn, 4 px left out. */
static void
dashed_line (WeftPainter     *painter,
             double           x0,
             double           y0,
             double           x1,
             double           y1,
             const WeftColor *color,
             double           width)
{
  double length = hypot (x1 - x0, y1 - y0);
  guint dashes = MIN ((guint) (length / 10) + 1, 400);

  for (guint i = 0; i < dashes; i++)
    {
      double t0 = i * 10 / MAX (length, 1), t1 = MIN (1, t0 + 6 / MAX (length, 1));

      weft_painter_line (painter, x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0, x0 + (x1 - x0) * t1,
                         y0 + (y1 - y0) * t1, color, width);
    }
}

/* Failed elements (model/weft-failure.h): the links a failure took out,
 * dashed where they were, and a cross over a failed node. */
static void
draw_failures (WeftPainter             *painter,
               WeftLayout              *layout,
               const WeftRenderOptions *o,
               WeftRenderStats         *stats)
{
  WeftFabric *fabric = weft_layout_get_fabric (layout);
  g_autoptr(GPtrArray) failures = weft_fabric_list_failures (fabric);
  double r = MAX (weft_render_node_pixels (layout, o), 3) + 4;
  guint n_nodes = weft_fabric_get_n_nodes (fabric);

  if (failures->len == 0)
    return;
  weft_painter_begin_group (painter, "failed", "failed");
  for (guint i = 0; i < failures->len; i++)
    {
      const WeftFailure *f = g_ptr_array_index (failures, i);
      double ax, ay, bx, by;

      for (guint k = 0; k < f->links->len; k++)
        {
          const WeftLink *l = &g_array_index (f->links, WeftLink, k);

          if (l->a >= n_nodes || l->b >= n_nodes)
            continue;
          weft_layout_get_node_position (layout, l->a, &ax, &ay);
          weft_layout_get_node_position (layout, l->b, &bx, &by);
          dashed_line (painter, sx (o, ax), sy (o, ay), sx (o, bx), sy (o, by),
                       &o->palette->refused, 1.5);
          stats->failed_links++;
        }
      if (f->node == WEFT_NONE || f->node >= n_nodes)
        continue;
      weft_layout_get_node_position (layout, f->node, &ax, &ay);
      ax = sx (o, ax);
      ay = sy (o, ay);
      weft_painter_line (painter, ax - r, ay - r, ax + r, ay + r, &o->palette->refused, 3);
      weft_painter_line (painter, ax - r, ay + r, ax + r, ay - r, &o->palette->refused, 3);
      stats->failed_nodes++;
    }
  weft_painter_end_group (painter);
}

static void
draw_highlights (WeftPainter             *painter,
                 WeftLayout              *layout,
                 const WeftRenderOptions *o)
{
  WeftFabric *fabric = weft_layout_get_fabric (layout);
  double r = MAX (weft_render_node_pixels (layout, o), 3) + 3, points[12], x, y;
  WeftColor path = o->palette->highlight;

  path.a = 0.85;
  /* A path between two GPUs stands out whatever colours the links: a
   * band of the background along it first, so that it never lies on
   * links of its own colour (the blue of DSP optics, a ramp's end). */
  for (guint i = 0; i < o->n_path_links; i++)
    {
      guint link = o->path_links[i], n;

      if (link >= weft_fabric_get_n_links (fabric))
        continue;
      n = screen_link_points (layout, o, link, points);
      weft_painter_polyline (painter, points, n, &o->palette->background, 9);
    }
  for (guint i = 0; i < o->n_path_links + o->n_selected_links + (o->hover_link != WEFT_NONE); i++)
    {
      guint link = i < o->n_path_links ? o->path_links[i]
                   : i < o->n_path_links + o->n_selected_links
                       ? o->selected_links[i - o->n_path_links]
                       : o->hover_link;
      guint n;

      if (link >= weft_fabric_get_n_links (fabric))
        continue;
      n = screen_link_points (layout, o, link, points);
      weft_painter_polyline (painter, points, n, &path, 3.5);
    }
  for (guint i = 0;
       i < o->n_selected_nodes + (o->hover_node != WEFT_NONE) + (o->refused_node != WEFT_NONE); i++)
    {
      guint node = i < o->n_selected_nodes                                  ? o->selected_nodes[i]
                   : i == o->n_selected_nodes && o->hover_node != WEFT_NONE ? o->hover_node
                                                                            : o->refused_node;
      const WeftColor *color =
          node == o->refused_node ? &o->palette->refused : &o->palette->highlight;

      if (node >= weft_fabric_get_n_nodes (fabric))
        continue;
      weft_layout_get_node_position (layout, node, &x, &y);
      weft_painter_circle (painter, sx (o, x), sy (o, y), r, NULL, color, 2.5);
    }
}

static void
draw_title (WeftPainter             *painter,
            const WeftRenderOptions *o)
{
  const WeftTitleBlock *t = o->title;
  const WeftPalette *p = o->palette;
  g_autofree char *gpus = weft_format_count (t->gpus);
  g_autofree char *line2 =
      g_strdup_printf ("%s · %s GPUs", t->architecture ? t->architecture : "hand-built", gpus);
  WeftColor panel = p->background;

  panel.a = 0.92;
  weft_painter_begin_group (painter, "title", "title");
  weft_painter_rect (painter, 12, 10, MIN (o->width - 24, 560), TITLE_HEIGHT - 4, &panel, &p->muted,
                     0.8);
  weft_painter_text (painter, 22, 32, t->name ? t->name : "Fabric", 16, TRUE, &p->foreground,
                     WEFT_ANCHOR_START);
  weft_painter_text (painter, 22, 50, line2, 11, FALSE, &p->foreground, WEFT_ANCHOR_START);
  if (t->has_cost)
    {
      g_autofree char *cost = weft_format_money (t->cost_usd);
      g_autofree char *per_gpu = weft_format_money (t->gpus ? t->cost_usd / t->gpus : 0);
      g_autofree char *power = weft_format_power (t->power_w);
      g_autofree char *line3 =
          g_strdup_printf ("Network %s (%s per GPU) · %s", cost, per_gpu, power);

      weft_painter_text (painter, 22, 66, line3, 11, FALSE, &p->foreground, WEFT_ANCHOR_START);
    }
  if (t->has_metrics)
    {
      g_autofree char *lmin = weft_format_latency (t->latency_min_ns);
      g_autofree char *lmax = weft_format_latency (t->latency_max_ns);
      g_autofree char *line4 =
          g_strdup_printf ("Bisection %.0f%% of full · at most %u switch hops · latency %s – %s",
                           100 * t->bisection_ratio, t->max_switch_hops, lmin, lmax);

      weft_painter_text (painter, 22, 82, line4, 11, FALSE, &p->foreground, WEFT_ANCHOR_START);
    }
  weft_painter_end_group (painter);
}

/* @text in lines no wider than @width at @size points, broken between words. */
static GPtrArray *
wrap_words (WeftPainter *painter,
            const char  *text,
            double       size,
            double       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *longer = line->len ? g_strconcat (line->str, " ", words[i], NULL)
                                          : g_strdup (words[i]);

      if (line->len > 0 && weft_painter_text_width (painter, longer, size, FALSE) > width)
        {
          g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new (words[i]);
        }
      else
        g_string_assign (line, longer);
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_string_free (line, FALSE));
  else
    g_string_free (line, TRUE);
  return lines;
}

/* A measure's @ramp, from @low to @high, below @y; returns the new @y. */
static double
draw_ramp (WeftPainter       *painter,
           const WeftPalette *p,
           WeftColor        (*ramp) (const WeftPalette *, double),
           double             x,
           double             y,
           const char        *low,
           const char        *high)
{
  y += 8;
  for (guint i = 0; i < 32; i++)
    {
      WeftColor c = ramp (p, i / 31.0);

      weft_painter_rect (painter, x + 10 + i * 5, y, 5, 8, &c, NULL, 0);
    }
  y += 20;
  weft_painter_text (painter, x + 10, y, low, 9, FALSE, &p->foreground, WEFT_ANCHOR_START);
  weft_painter_text (painter, x + 170, y, high, 9, FALSE, &p->foreground, WEFT_ANCHOR_END);
  return y;
}

/* The load legend's caption: under which collective, wrapped to the panel. */
static GPtrArray *
load_caption (WeftPainter             *painter,
              const WeftRenderOptions *o)
{
  g_autofree char *text = NULL;

  if (o->link_values != NULL && o->link_values_caption != NULL)
    text = g_strdup_printf ("under %s: share of the busiest link", o->link_values_caption);
  else
    text = g_strdup ("under a collective, still being worked out");
  return wrap_words (painter, text, 9, LEGEND_WIDTH - 20);
}

/* A legend row's label, right of its mark, on the baseline @y. */
static void
key_label (WeftPainter       *painter,
           const WeftPalette *p,
           double             x,
           double             y,
           const char        *label)
{
  weft_painter_text (painter, x + 42, y, label, 10, FALSE, &p->foreground, WEFT_ANCHOR_START);
}

/* A legend row whose mark is a stroke of @color, @width wide. */
static void
key_stroke_row (WeftPainter       *painter,
                const WeftPalette *p,
                const WeftColor   *color,
                double             width,
                double             x,
                double             y,
                const char        *label)
{
  weft_painter_line (painter, x + 10, y - 4, x + 34, y - 4, color, width);
  key_label (painter, p, x, y, label);
}

/* The caption, the ramp from idle to busiest, and what grey means. */
static double
draw_load_key (WeftPainter       *painter,
               const WeftPalette *p,
               GPtrArray         *caption,
               gboolean           unknown,
               double             x,
               double             y)
{
  for (guint i = 0; i < caption->len; i++)
    {
      y += 12;
      weft_painter_text (painter, x + 10, y, g_ptr_array_index (caption, i), 9, FALSE, &p->muted,
                         WEFT_ANCHOR_START);
    }
  y = draw_ramp (painter, p, weft_palette_load_ramp, x, y, "0%", "100%");
  if (unknown)
    {
      y += 16;
      key_stroke_row (painter, p, &p->neutral, 3, x, y, "not worked out yet");
    }
  return y;
}

/* A line per medium and per node kind on show, and the wrap-around mark. */
static double
draw_kinds_key (WeftPainter             *painter,
                const WeftRenderOptions *o,
                const WeftRenderStats   *stats,
                double                   x,
                double                   y)
{
  const WeftPalette *p = o->palette;

  for (guint m = 0; m < WEFT_N_MEDIA && o->color_by == WEFT_COLOR_BY_MEDIUM; m++)
    if (stats->media[m])
      {
        y += 16;
        key_stroke_row (painter, p, &p->media[m], 3, x, y, weft_palette_medium_label (m));
      }
  for (guint k = 0; k < WEFT_N_NODE_KINDS; k++)
    if (stats->kinds[k])
      {
        y += 16;
        draw_node_shape (painter, k, x + 22, y - 4, 4, &p->kinds[k], &p->foreground, 0.6);
        key_label (painter, p, x, y, weft_palette_kind_label (k));
      }
  if (stats->wraps)
    {
      y += 16;
      weft_painter_line (painter, x + 10, y - 4, x + 20, y - 4, &p->foreground, 1);
      weft_painter_circle (painter, x + 22, y - 4, 2, NULL, &p->foreground, 1);
      key_label (painter, p, x, y, "wrap-around / next slice");
    }
  if (stats->failed_links > 0 || stats->failed_nodes > 0)
    {
      y += 16;
      dashed_line (painter, x + 10, y - 4, x + 34, y - 4, &p->refused, 1.5);
      key_label (painter, p, x, y, "failed (what-if)");
    }
  return y;
}

/* What a stroke's width says. */
static void
draw_width_key (WeftPainter       *painter,
                const WeftPalette *p,
                gboolean           bundled,
                double             x,
                double             y)
{
  y += 18;
  key_stroke_row (painter, p, &p->foreground, stroke_width (1), x, y, "1 link");
  y += 14;
  key_stroke_row (painter, p, &p->foreground, stroke_width (64), x, y,
                  bundled ? "64 links bundled" : "64 parallel links");
  y += 14;
  weft_painter_text (painter, x + 10, y, "width grows with log₂ of the count", 9, FALSE, &p->muted,
                     WEFT_ANCHOR_START);
}

static void
draw_legend (WeftPainter             *painter,
             WeftLayout              *layout,
             const WeftRenderOptions *o,
             const WeftRenderStats   *stats,
             gboolean                 bundled)
{
  const WeftPalette *p = o->palette;
  gboolean load = o->color_by == WEFT_COLOR_BY_LOAD;
  /* Some links have no load to show: the figures are older than them, or to come. */
  guint n_links = weft_fabric_get_n_links (weft_layout_get_fabric (layout));
  gboolean unknown = load && (o->link_values == NULL || o->n_link_values < n_links);
  g_autoptr(GPtrArray) caption = load ? load_caption (painter, o) : NULL;
  guint rows = 0;
  double x, y, height;
  WeftColor panel = p->background;

  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    rows += o->color_by == WEFT_COLOR_BY_MEDIUM && stats->media[m];
  for (guint k = 0; k < WEFT_N_NODE_KINDS; k++)
    rows += stats->kinds[k];
  rows += stats->failed_links > 0 || stats->failed_nodes > 0;
  height = 30 + rows * 16 + 3 * 14 + 16 + (stats->wraps ? 16 : 0) +
           (o->color_by == WEFT_COLOR_BY_LENGTH ? 30 : 0) +
           (load ? 30 + caption->len * 12 + (unknown ? 16 : 0) : 0);
  x = o->width - LEGEND_WIDTH - 12;
  y = o->height - height - 12;
  panel.a = 0.92;
  weft_painter_begin_group (painter, "legend", "legend");
  weft_painter_rect (painter, x, y, LEGEND_WIDTH, height, &panel, &p->muted, 0.8);
  y += 20;
  weft_painter_text (painter, x + 10, y,
                     o->color_by == WEFT_COLOR_BY_MEDIUM ? "Links by medium"
                     : o->color_by == WEFT_COLOR_BY_TIER ? "Links by upper tier"
                     : o->color_by == WEFT_COLOR_BY_LENGTH ? "Links by length" : "Links by load",
                     11, TRUE, &p->foreground, WEFT_ANCHOR_START);
  if (o->color_by == WEFT_COLOR_BY_LENGTH)
    {
      g_autofree char *longest = g_strdup_printf ("%.0f m", weft_layout_get_max_length (layout));

      /* The ramp, from 0 m to the longest link. */
      y = draw_ramp (painter, p, weft_palette_ramp, x, y, "0 m", longest);
    }
  if (load)
    y = draw_load_key (painter, p, caption, unknown, x, y);
  y = draw_kinds_key (painter, o, stats, x, y);
  draw_width_key (painter, p, bundled, x, y);
  weft_painter_end_group (painter);
}

void
weft_render_draw (WeftPainter             *painter,
                  WeftLayout              *layout,
                  const WeftRenderOptions *options,
                  WeftRenderStats         *stats)
{
  WeftRenderStats local = { 0 };
  LabelSpace labels = { g_hash_table_new (NULL, NULL) };
  g_autoptr(GArray) group_labels = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean detail = weft_render_node_pixels (layout, options) >= DETAIL_PIXELS;

  if (stats == NULL)
    stats = &local;
  *stats = (WeftRenderStats) { 0 };
  weft_painter_rect (painter, 0, 0, options->width, options->height, &options->palette->background,
                     NULL, 0);
  /* The title block and the legend keep their space free of labels. */
  if (options->title != NULL)
    claim (&labels, 0, 0, MIN (options->width, 584), TITLE_HEIGHT + 10);
  if (options->legend)
    claim (&labels, options->width - LEGEND_WIDTH - 24, options->height - 260, LEGEND_WIDTH + 24,
           260);

  if (weft_layout_get_view (layout) == WEFT_VIEW_LOGICAL)
    draw_row_labels (painter, layout, options, &labels);
  draw_groups (painter, layout, options, &labels, group_labels);
  draw_links (painter, layout, options, detail, &labels, stats);
  draw_nodes (painter, layout, options, detail, &labels, stats);
  draw_group_labels (painter, layout, options, group_labels);
  draw_failures (painter, layout, options, stats);
  draw_highlights (painter, layout, options);
  if (options->title != NULL)
    draw_title (painter, options);
  if (options->legend)
    draw_legend (painter, layout, options, stats, !detail);
  g_hash_table_unref (labels.taken);
}
