/* weft-painter.c — the few drawing operations the renderer uses, onto cairo or straight into SVG
 * text. */
#include "render/weft-painter.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans-serif"

struct _WeftPainter
{
  cairo_t         *cr;          /* NULL for SVG */
  /* Lines of one colour and width are stroked together: thousands of
   * separate strokes cost cairo far more than one path. */
  gboolean         pending;
  WeftColor        pending_color;
  double           pending_width;
  gboolean         pending_fill;    /* rectangles of one colour, filled together */
  WeftColor        fill_color;
  GString         *svg;
  cairo_surface_t *measure_surface;
  cairo_t         *measure_cr;
  PangoLayout     *layout;
};

static PangoLayout *
make_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* No hinting: text measures the same at every zoom and in every file. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  return layout;
}

WeftPainter *
weft_painter_new_cairo (cairo_t *cr)
{
  WeftPainter *painter = g_new0 (WeftPainter, 1);

  painter->cr = cairo_reference (cr);
  painter->layout = make_layout (cr);
  return painter;
}

WeftPainter *
weft_painter_new_svg (double width,
                      double height)
{
  WeftPainter *painter = g_new0 (WeftPainter, 1);

  painter->measure_surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  painter->measure_cr = cairo_create (painter->measure_surface);
  painter->layout = make_layout (painter->measure_cr);
  painter->svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (painter->svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
                          "viewBox=\"0 0 %g %g\" font-family=\"%s\">\n",
                          width, height, width, height, FONT_FAMILY);
  return painter;
}

GString *
weft_painter_finish_svg (WeftPainter *painter)
{
  GString *svg = g_steal_pointer (&painter->svg);

  g_string_append (svg, "</svg>\n");
  return svg;
}

static void
flush (WeftPainter *painter)
{
  if (painter->pending_fill)
    {
      painter->pending_fill = FALSE;
      cairo_set_source_rgba (painter->cr, painter->fill_color.r, painter->fill_color.g,
                             painter->fill_color.b, painter->fill_color.a);
      cairo_fill (painter->cr);
    }
  if (!painter->pending)
    return;
  painter->pending = FALSE;
  cairo_set_source_rgba (painter->cr, painter->pending_color.r, painter->pending_color.g,
                         painter->pending_color.b, painter->pending_color.a);
  cairo_set_line_width (painter->cr, painter->pending_width);
  cairo_stroke (painter->cr);
}

void
weft_painter_free (WeftPainter *painter)
{
  if (painter->cr != NULL)
    flush (painter);
  g_clear_object (&painter->layout);
  g_clear_pointer (&painter->cr, cairo_destroy);
  g_clear_pointer (&painter->measure_cr, cairo_destroy);
  g_clear_pointer (&painter->measure_surface, cairo_surface_destroy);
  if (painter->svg != NULL)
    g_string_free (painter->svg, TRUE);
  g_free (painter);
}

static void
svg_color (GString         *out,
           const char      *attr,
           const WeftColor *color)
{
  if (color == NULL)
    {
      g_string_append_printf (out, " %s=\"none\"", attr);
      return;
    }
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attr, (int) lround (color->r * 255),
                          (int) lround (color->g * 255), (int) lround (color->b * 255));
  if (color->a < 1)
    g_string_append_printf (out, " %s-opacity=\"%.3g\"", attr, color->a);
}

static void
cairo_color (cairo_t         *cr,
             const WeftColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

/* The end of a shape's element: its fill, and its outline when it has one. */
static void
svg_fill_and_stroke (GString         *out,
                     const WeftColor *fill,
                     const WeftColor *stroke,
                     double           stroke_width)
{
  svg_color (out, "fill", fill);
  if (stroke != NULL)
    {
      svg_color (out, "stroke", stroke);
      g_string_append_printf (out, " stroke-width=\"%.2f\"", stroke_width);
    }
  g_string_append (out, "/>\n");
}

/* Fills the path just traced, outlines it, either or both, and clears it. */
static void
cairo_fill_and_stroke (cairo_t         *cr,
                       const WeftColor *fill,
                       const WeftColor *stroke,
                       double           stroke_width)
{
  if (fill != NULL)
    {
      cairo_color (cr, fill);
      cairo_fill_preserve (cr);
    }
  if (stroke != NULL)
    {
      cairo_color (cr, stroke);
      cairo_set_line_width (cr, stroke_width);
      cairo_stroke_preserve (cr);
    }
  cairo_new_path (cr);
}

void
weft_painter_line (WeftPainter     *painter,
                   double           x0,
                   double           y0,
                   double           x1,
                   double           y1,
                   const WeftColor *color,
                   double           width)
{
  double points[] = { x0, y0, x1, y1 };

  weft_painter_polyline (painter, points, 2, color, width);
}

void
weft_painter_polyline (WeftPainter     *painter,
                       const double    *points,
                       guint            n,
                       const WeftColor *color,
                       double           width)
{
  if (painter->svg != NULL)
    {
      g_string_append (painter->svg, n == 2 ? "<line" : "<polyline points=\"");
      if (n == 2)
        g_string_append_printf (painter->svg, " x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"",
                                points[0], points[1], points[2], points[3]);
      else
        {
          for (guint i = 0; i < n; i++)
            g_string_append_printf (painter->svg, "%s%.2f,%.2f", i ? " " : "", points[2 * i],
                                    points[2 * i + 1]);
          g_string_append (painter->svg, "\" fill=\"none\"");
        }
      svg_color (painter->svg, "stroke", color);
      g_string_append_printf (painter->svg, " stroke-width=\"%.2f\"/>\n", width);
      return;
    }
  if (painter->pending_fill ||
      (painter->pending && (memcmp (&painter->pending_color, color, sizeof *color) != 0 ||
                            painter->pending_width != width)))
    flush (painter);
  cairo_move_to (painter->cr, points[0], points[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (painter->cr, points[2 * i], points[2 * i + 1]);
  painter->pending = TRUE;
  painter->pending_color = *color;
  painter->pending_width = width;
}

void
weft_painter_rect (WeftPainter     *painter,
                   double           x,
                   double           y,
                   double           width,
                   double           height,
                   const WeftColor *fill,
                   const WeftColor *stroke,
                   double           stroke_width)
{
  if (painter->svg != NULL)
    {
      g_string_append_printf (painter->svg,
                              "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"", x, y,
                              width, height);
      svg_fill_and_stroke (painter->svg, fill, stroke, stroke_width);
      return;
    }
  if (stroke == NULL && fill != NULL)
    {
      /* Marks of one colour (a zoomed-out fabric's nodes) fill as one path. */
      if (painter->pending ||
          (painter->pending_fill && memcmp (&painter->fill_color, fill, sizeof *fill) != 0))
        flush (painter);
      cairo_rectangle (painter->cr, x, y, width, height);
      painter->pending_fill = TRUE;
      painter->fill_color = *fill;
      return;
    }
  flush (painter);
  cairo_rectangle (painter->cr, x, y, width, height);
  cairo_fill_and_stroke (painter->cr, fill, stroke, stroke_width);
}

void
weft_painter_circle (WeftPainter     *painter,
                     double           x,
                     double           y,
                     double           radius,
                     const WeftColor *fill,
                     const WeftColor *stroke,
                     double           stroke_width)
{
  if (painter->svg != NULL)
    {
      g_string_append_printf (painter->svg, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"", x, y,
                              radius);
      svg_fill_and_stroke (painter->svg, fill, stroke, stroke_width);
      return;
    }
  flush (painter);
  cairo_new_sub_path (painter->cr);
  cairo_arc (painter->cr, x, y, radius, 0, 2 * G_PI);
  cairo_fill_and_stroke (painter->cr, fill, stroke, stroke_width);
}

static void
set_font (WeftPainter *painter,
          const char  *text,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (painter->layout, font);
  pango_layout_set_text (painter->layout, text, -1);
  pango_font_description_free (font);
}

double
weft_painter_text_width (WeftPainter *painter,
                         const char  *text,
                         double       size,
                         gboolean     bold)
{
  PangoRectangle logical;

  set_font (painter, text, size, bold);
  pango_layout_get_extents (painter->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

double
weft_painter_text (WeftPainter     *painter,
                   double           x,
                   double           y,
                   const char      *text,
                   double           size,
                   gboolean         bold,
                   const WeftColor *color,
                   WeftAnchor       anchor)
{
  double width = weft_painter_text_width (painter, text, size, bold);
  double left = anchor == WEFT_ANCHOR_START    ? x
                : anchor == WEFT_ANCHOR_MIDDLE ? x - width / 2
                                               : x - width;

  if (painter->svg != NULL)
    {
      static const char *anchors[] = { "start", "middle", "end" };
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (painter->svg,
                              "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" text-anchor=\"%s\"%s",
                              x, y, size, anchors[anchor], bold ? " font-weight=\"bold\"" : "");
      svg_color (painter->svg, "fill", color);
      g_string_append_printf (painter->svg, ">%s</text>\n", escaped);
      return width;
    }
  flush (painter);
  cairo_color (painter->cr, color);
  cairo_move_to (painter->cr, left,
                 y - pango_layout_get_baseline (painter->layout) / (double) PANGO_SCALE);
  pango_cairo_show_layout (painter->cr, painter->layout);
  cairo_new_path (painter->cr);
  return width;
}

void
weft_painter_set_fast (WeftPainter *painter,
                       gboolean     fast)
{
  if (painter->cr == NULL)
    return;
  flush (painter);
  cairo_set_antialias (painter->cr, fast ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
}

void
weft_painter_begin_group (WeftPainter *painter,
                          const char  *id,
                          const char  *klass)
{
  if (painter->svg == NULL)
    return;
  g_string_append (painter->svg, "<g");
  if (id != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (id, -1);

      g_string_append_printf (painter->svg, " id=\"%s\"", escaped);
    }
  if (klass != NULL)
    g_string_append_printf (painter->svg, " class=\"%s\"", klass);
  g_string_append (painter->svg, ">\n");
}

void
weft_painter_end_group (WeftPainter *painter)
{
  if (painter->svg != NULL)
    g_string_append (painter->svg, "</g>\n");
}
