/* weft-chart.c — line charts of a sweep: a panel per metric, GPUs on a log₂ axis, a line per
 * architecture. */
#include "render/weft-chart.h"

#include <math.h>

#include "render/weft-export.h"
#include "util/weft-format.h"

/* Okabe–Ito, in an order where neighbours differ most. */
static const guint32 series_rgb[] = { 0x0072b2, 0xe69f00, 0x009e73, 0xd55e00,
                                      0xcc79a7, 0x56b4e9, 0x000000 };

static WeftColor
series_color (guint i)
{
  guint32 rgb = series_rgb[i % G_N_ELEMENTS (series_rgb)];

  return (WeftColor){ ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, 1 };
}

/* A series' marker: filled, and once the colours have all been used, hollow
 * (a ring in the colour), so that no two series look alike. */
static void
series_marker (WeftPainter       *painter,
               guint              s,
               const WeftPalette *palette,
               double             x,
               double             y)
{
  WeftColor color = series_color (s);

  if (s < G_N_ELEMENTS (series_rgb))
    weft_painter_circle (painter, x, y, 3, &color, NULL, 0);
  else
    weft_painter_circle (painter, x, y, 3.5, &palette->background, &color, 1.5);
}

/* 1, 2 or 5 times a power of ten, near @range / 5. */
static double
nice_step (double range)
{
  double raw = range / 5, magnitude = pow (10, floor (log10 (MAX (raw, 1e-12)))),
         r = raw / magnitude;

  return magnitude * (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10);
}

static char *
compact (double value)
{
  double a = fabs (value);

  if (a >= 1e9)
    return g_strdup_printf ("%gG", value / 1e9);
  if (a >= 1e6)
    return g_strdup_printf ("%gM", value / 1e6);
  if (a >= 1e4)
    return g_strdup_printf ("%gk", value / 1e3);
  return g_strdup_printf ("%g", value);
}

static void
draw_panel (WeftPainter       *painter,
            const WeftChart   *chart,
            guint              panel,
            const WeftPalette *p,
            double             x0,
            double             y0,
            double             w,
            double             h,
            double             xmin,
            double             xmax)
{
  double left = x0 + 64, right = x0 + w - 12, top = y0 + 30, bottom = y0 + h - 36;
  double ymin = 0, ymax = 0, step;
  g_autofree char *heading = NULL;

  for (guint s = 0; s < chart->n_series; s++)
    for (guint i = 0; i < chart->series[s].n_points; i++)
      {
        double v = chart->series[s].y[panel * chart->series[s].n_points + i];

        if (isfinite (v))
          {
            ymin = MIN (ymin, v);
            ymax = MAX (ymax, v);
          }
      }
  if (ymax <= ymin)
    ymax = ymin + 1;
  step = nice_step (ymax - ymin);
  ymax = ceil (ymax * 1.05 / step) * step;
  ymin = floor (ymin / step) * step;

  heading = chart->panels[panel].unit && *chart->panels[panel].unit
            ? g_strdup_printf ("%s (%s)", chart->panels[panel].title, chart->panels[panel].unit)
            : g_strdup (chart->panels[panel].title);
  weft_painter_begin_group (painter, NULL, "axis");
  weft_painter_text (painter, left, y0 + 16, heading, 12, TRUE, &p->foreground, WEFT_ANCHOR_START);
  /* The y axis: gridlines at round values. */
  for (double v = ymin; v <= ymax + step / 2; v += step)
    {
      double y = bottom - (v - ymin) / (ymax - ymin) * (bottom - top);
      g_autofree char *label = compact (v);

      weft_painter_line (painter, left, y, right, y, &p->group_fill, 1);
      weft_painter_text (painter, left - 6, y + 4, label, 9, FALSE, &p->muted, WEFT_ANCHOR_END);
    }
  /* The x axis: GPUs doubling. */
  for (double g = xmin; g <= xmax * 1.0001; g *= 2)
    {
      double x =
          left + (log2 (g) - log2 (xmin)) / MAX (log2 (xmax) - log2 (xmin), 1e-9) * (right - left);
      g_autofree char *label =
          g >= 1024 ? g_strdup_printf ("%gk", g / 1024) : g_strdup_printf ("%g", g);

      weft_painter_line (painter, x, bottom, x, bottom + 4, &p->muted, 1);
      weft_painter_text (painter, x, bottom + 16, label, 9, FALSE, &p->muted, WEFT_ANCHOR_MIDDLE);
    }
  weft_painter_line (painter, left, bottom, right, bottom, &p->muted, 1);
  weft_painter_line (painter, left, top, left, bottom, &p->muted, 1);
  weft_painter_text (painter, (left + right) / 2, bottom + 31, "GPUs (log₂)", 9, FALSE, &p->muted,
                     WEFT_ANCHOR_MIDDLE);
  weft_painter_end_group (painter);

  for (guint s = 0; s < chart->n_series; s++)
    {
      const WeftChartSeries *series = &chart->series[s];
      g_autofree double *points = g_new (double, 2 * MAX (series->n_points, 1));
      g_autofree char *id = g_strdup_printf ("series-%u-panel-%u", s, panel);
      WeftColor color = series_color (s);
      guint n = 0;

      weft_painter_begin_group (painter, id, "series");
      for (guint i = 0; i < series->n_points; i++)
        {
          double v = series->y[panel * series->n_points + i];

          if (!isfinite (v) || series->x[i] <= 0)
            continue;
          points[2 * n] = left + (log2 (series->x[i]) - log2 (xmin)) /
                                     MAX (log2 (xmax) - log2 (xmin), 1e-9) * (right - left);
          points[2 * n + 1] = bottom - (v - ymin) / (ymax - ymin) * (bottom - top);
          n++;
        }
      if (n > 1)
        weft_painter_polyline (painter, points, n, &color, 2);
      for (guint i = 0; i < n; i++)
        series_marker (painter, s, p, points[2 * i], points[2 * i + 1]);
      weft_painter_end_group (painter);
    }
  /* A panel without a line says why, over where the line would be. */
  {
    g_autofree char *why = weft_chart_panel_empty_reason (chart, panel);

    if (why != NULL)
      weft_painter_text (painter, (left + right) / 2, (top + bottom) / 2, why, 11, FALSE,
                         &p->foreground, WEFT_ANCHOR_MIDDLE);
  }
}

char *
weft_chart_panel_empty_reason (const WeftChart *chart,
                               guint            panel)
{
  double first_x = 0;
  gboolean several_sizes = FALSE;
  g_autofree char *count = NULL;

  g_return_val_if_fail (chart != NULL && panel < chart->n_panels, NULL);
  for (guint s = 0; s < chart->n_series; s++)
    {
      const WeftChartSeries *series = &chart->series[s];
      guint n = 0;

      for (guint i = 0; i < series->n_points; i++)
        if (isfinite (series->y[panel * series->n_points + i]) && series->x[i] > 0)
          {
            n++;
            if (first_x == 0)
              first_x = series->x[i];
            several_sizes |= series->x[i] != first_x;
          }
      if (n > 1)
        return NULL;
    }
  if (first_x == 0)
    return g_strdup ("No size of the sweep was built and measured: nothing to draw");
  if (several_sizes)
    return g_strdup ("Each architecture was measured at one size only: a line needs two");
  count = weft_format_count ((guint64) llround (first_x));
  return g_strdup_printf ("Only %s GPUs was measured: a line needs two sizes", count);
}

void
weft_chart_draw (WeftPainter       *painter,
                 const WeftChart   *chart,
                 const WeftPalette *palette,
                 double             width,
                 double             height)
{
  guint columns = chart->n_panels > 1 ? 2 : 1, rows = (chart->n_panels + columns - 1) / columns;
  double xmin = G_MAXDOUBLE, xmax = 0, x = 20, legend_y = 52, top = 70;
  double pw = (width - 20) / columns, ph = (height - top - 10) / MAX (rows, 1);

  weft_painter_rect (painter, 0, 0, width, height, &palette->background, NULL, 0);
  weft_painter_text (painter, 20, 28, chart->title, 16, TRUE, &palette->foreground,
                     WEFT_ANCHOR_START);
  /* The legend: every line, its colour and name. */
  weft_painter_begin_group (painter, "legend", "legend");
  for (guint s = 0; s < chart->n_series; s++)
    {
      WeftColor color = series_color (s);

      weft_painter_line (painter, x, legend_y - 4, x + 22, legend_y - 4, &color, 2);
      series_marker (painter, s, palette, x + 11, legend_y - 4);
      x += 30 + weft_painter_text (painter, x + 28, legend_y, chart->series[s].name, 11, FALSE,
                                   &palette->foreground, WEFT_ANCHOR_START);
    }
  weft_painter_end_group (painter);
  for (guint s = 0; s < chart->n_series; s++)
    for (guint i = 0; i < chart->series[s].n_points; i++)
      if (chart->series[s].x[i] > 0)
        {
          xmin = MIN (xmin, chart->series[s].x[i]);
          xmax = MAX (xmax, chart->series[s].x[i]);
        }
  if (xmax <= 0)
    xmin = xmax = 1;
  /* Round the axis out to whole doublings from a power of two (a nearest
   * size a little past one, 131,320 GPUs, stays at 128k). */
  xmin = exp2 (floor (log2 (xmin) + 0.05));
  xmax = exp2 (ceil (log2 (xmax) - 0.05));
  for (guint panel = 0; panel < chart->n_panels; panel++)
    draw_panel (painter, chart, panel, palette, 10 + (panel % columns) * pw,
                top + (panel / columns) * ph, pw, ph, xmin, xmax);
}

WeftChart *
weft_chart_new_from_sweep (GPtrArray          *columns,
                           guint               n_sizes,
                           const char * const *figures)
{
  WeftChart *chart = g_new0 (WeftChart, 1);
  guint n_archs = n_sizes ? columns->len / n_sizes : 0;
  WeftChartPanel *panels;
  WeftChartSeries *series;

  chart->title = "How each design grows with the cluster";
  chart->n_panels = g_strv_length ((char **) figures);
  chart->n_series = n_archs;
  chart->panels = panels = g_new0 (WeftChartPanel, MAX (chart->n_panels, 1));
  chart->series = series = g_new0 (WeftChartSeries, MAX (n_archs, 1));
  for (guint f = 0; f < chart->n_panels; f++)
    weft_compare_figure (figures[f], &panels[f].title, &panels[f].unit);
  for (guint a = 0; a < n_archs; a++)
    {
      series[a].name = weft_arch_get_title (
          ((WeftCompareColumn *) g_ptr_array_index (columns, a * n_sizes))->arch);
      series[a].n_points = n_sizes;
      series[a].x = g_new (double, n_sizes);
      series[a].y = g_new (double, n_sizes * MAX (chart->n_panels, 1));
      for (guint i = 0; i < n_sizes; i++)
        {
          const WeftCompareColumn *column = g_ptr_array_index (columns, a * n_sizes + i);

          /* A size that could not be built, or a figure not computed there, is left
           * out of the line. */
          series[a].x[i] = column->metrics ? column->metrics->gpus : 0;
          for (guint f = 0; f < chart->n_panels; f++)
            series[a].y[f * n_sizes + i] = weft_compare_value (column, figures[f]);
        }
    }
  return chart;
}

void
weft_chart_free (WeftChart *chart)
{
  for (guint a = 0; a < chart->n_series; a++)
    {
      g_free (chart->series[a].x);
      g_free (chart->series[a].y);
    }
  g_free ((gpointer) chart->series);
  g_free ((gpointer) chart->panels);
  g_free (chart);
}

static void
draw_chart_cb (WeftPainter       *painter,
               gconstpointer      data,
               const WeftPalette *palette,
               double             width,
               double             height)
{
  weft_chart_draw (painter, data, palette, width, height);
}

gboolean
weft_chart_save (const WeftChart *chart,
                 const char      *path,
                 double           width,
                 double           height,
                 GError         **error)
{
  return weft_export_draw_to_file (path, width, height, draw_chart_cb, chart, error);
}
