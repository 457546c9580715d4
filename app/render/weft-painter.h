/* weft-painter.h — the few drawing operations the renderer uses, onto cairo or straight into SVG
 * text. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} WeftColor;

typedef enum
{
  WEFT_ANCHOR_START,
  WEFT_ANCHOR_MIDDLE,
  WEFT_ANCHOR_END,
} WeftAnchor;

typedef struct _WeftPainter WeftPainter;

/* A painter onto @cr (screen, PNG, PDF): text through pango. */
WeftPainter *weft_painter_new_cairo    (cairo_t          *cr);
/* A painter writing SVG elements: text stays text, groups keep ids. */
WeftPainter *weft_painter_new_svg      (double            width,
                                        double            height);
/* The SVG document so far (SVG painters only). */
GString     *weft_painter_finish_svg   (WeftPainter      *painter);
void         weft_painter_free         (WeftPainter      *painter);

void         weft_painter_line         (WeftPainter      *painter,
                                        double            x0,
                                        double            y0,
                                        double            x1,
                                        double            y1,
                                        const WeftColor  *color,
                                        double            width);
/* A polyline of @n points (x, y pairs). */
void         weft_painter_polyline     (WeftPainter      *painter,
                                        const double     *points,
                                        guint             n,
                                        const WeftColor  *color,
                                        double            width);
void         weft_painter_rect         (WeftPainter      *painter,
                                        double            x,
                                        double            y,
                                        double            width,
                                        double            height,
                                        const WeftColor  *fill,
                                        const WeftColor  *stroke,
                                        double            stroke_width);
void         weft_painter_circle       (WeftPainter      *painter,
                                        double            x,
                                        double            y,
                                        double            radius,
                                        const WeftColor  *fill,
                                        const WeftColor  *stroke,
                                        double            stroke_width);
/* Text with its baseline's @anchor at (x, y); returns its width. */
double       weft_painter_text         (WeftPainter      *painter,
                                        double            x,
                                        double            y,
                                        const char       *text,
                                        double            size,
                                        gboolean          bold,
                                        const WeftColor  *color,
                                        WeftAnchor        anchor);
/* How wide @text would be, without drawing it. */
double       weft_painter_text_width   (WeftPainter      *painter,
                                        const char       *text,
                                        double            size,
                                        gboolean          bold);
/* Lines without antialiasing: for screens that must keep up, not for files. */
void         weft_painter_set_fast     (WeftPainter      *painter,
                                        gboolean          fast);
/* Groups, for SVG readers (ignored on cairo). */
void         weft_painter_begin_group  (WeftPainter      *painter,
                                        const char       *id,
                                        const char       *klass);
void         weft_painter_end_group    (WeftPainter      *painter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftPainter, weft_painter_free)

G_END_DECLS
