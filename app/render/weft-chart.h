/* weft-chart.h — line charts of a sweep: a panel per metric, GPUs on a log₂ axis, a line per
 * architecture. */
#pragma once

#include "compare/weft-compare.h"
#include "render/weft-painter.h"
#include "render/weft-palette.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;          /* "Rail-optimized" */
  guint       n_points;
  double     *x;             /* GPUs */
  double     *y;             /* one value per point and panel: y[panel * n_points + i] */
} WeftChartSeries;

typedef struct
{
  const char *title;         /* "Cost per GPU" */
  const char *unit;          /* "USD" */
} WeftChartPanel;

typedef struct
{
  const char            *title;
  const WeftChartPanel  *panels;
  guint                  n_panels;
  const WeftChartSeries *series;
  guint                  n_series;
} WeftChart;

/* The chart of a sweep (weft_compare_sweep's columns, architecture by
 * architecture, @n_sizes each): a panel per figure in @figures. */
WeftChart *weft_chart_new_from_sweep (GPtrArray          *columns,
                                      guint               n_sizes,
                                      const char * const *figures);
void       weft_chart_free           (WeftChart         *chart);

/* Why panel @panel of @chart draws no line (no series has two points in
 * it), as a sentence the panel shows; NULL when it has one. */
char      *weft_chart_panel_empty_reason (const WeftChart *chart,
                                          guint            panel);

/* Draws @chart filling @width × @height. */
void    weft_chart_draw  (WeftPainter       *painter,
                          const WeftChart   *chart,
                          const WeftPalette *palette,
                          double             width,
                          double             height);
/* Writes @chart as PNG, SVG or PDF by @path's extension, atomically. */
gboolean weft_chart_save (const WeftChart   *chart,
                          const char        *path,
                          double             width,
                          double             height,
                          GError           **error);

G_END_DECLS
