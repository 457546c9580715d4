/* weft-export.c — a fabric's drawing as PNG, SVG or PDF (with report pages), byte for byte the same
 * each time. */
#include "render/weft-export.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <math.h>

#include "io/weft-output.h"

G_DEFINE_QUARK (weft-export-error-quark, weft_export_error)

#define MAX_PIXELS (32768.0 * 32768.0)
#define TABLE_FIRST_COLUMN 250.0

void
weft_export_options_init (WeftExportOptions *options)
{
  *options = (WeftExportOptions) { 0 };
  options->view = WEFT_VIEW_LOGICAL;
  options->width = 1600;
  options->height = 1000;
  options->scale = 1;
  options->theme = WEFT_THEME_LIGHT;
  options->legend = TRUE;
}

gboolean
weft_export_format_for_path (const char        *path,
                             WeftExportFormat  *format,
                             GError           **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = WEFT_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = WEFT_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = WEFT_EXPORT_PDF;
  else
    {
      g_set_error (error, WEFT_EXPORT_ERROR, WEFT_EXPORT_ERROR_FORMAT,
                   "%s: Weft writes .png, .svg and .pdf files", path);
      return FALSE;
    }
  return TRUE;
}

static void
draw (WeftPainter             *painter,
      WeftLayout              *layout,
      const WeftExportOptions *options,
      const WeftPalette       *palette)
{
  WeftRenderOptions render;

  weft_render_options_init (&render, palette, options->width, options->height);
  render.color_by = options->color_by;
  render.link_values = options->link_values;
  render.n_link_values = options->n_link_values;
  render.link_values_caption = options->link_values_caption;
  render.title = options->title;
  render.legend = options->legend;
  weft_render_fit (layout, &render);
  weft_render_draw (painter, layout, &render, NULL);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The pages after the drawing: each table, continued over as many pages as it needs. */
static void
draw_report (cairo_t                 *cr,
             const WeftExportOptions *options,
             const WeftPalette       *palette)
{
  g_autoptr(WeftPainter) painter = NULL;
  double line = 14, top = 56, bottom = options->height - 40;

  for (guint t = 0; options->report != NULL && t < options->report->len; t++)
    {
      const WeftReportTable *table = g_ptr_array_index (options->report, t);
      double column = (options->width - 80) / MAX (table->n_columns, 1);
      guint row = 0;

      do
        {
          double y = top;

          g_clear_pointer (&painter, weft_painter_free);
          cairo_show_page (cr);
          painter = weft_painter_new_cairo (cr);
          weft_painter_rect (painter, 0, 0, options->width, options->height, &palette->background,
                             NULL, 0);
          weft_painter_text (painter, 40, 36, table->title, 15, TRUE, &palette->foreground,
                             WEFT_ANCHOR_START);
          for (guint c = 0; c < table->n_columns; c++)
            weft_painter_text (painter, 40 + c * column, y, table->headings[c], 9.5, TRUE,
                               &palette->foreground, WEFT_ANCHOR_START);
          weft_painter_line (painter, 40, y + 4, options->width - 40, y + 4, &palette->muted, 0.6);
          for (y += line + 2; row < table->rows->len && y < bottom; row++, y += line)
            {
              char **cells = g_ptr_array_index (table->rows, row);

              for (guint c = 0; c < table->n_columns; c++)
                weft_painter_text (painter, 40 + c * column, y, cells[c], 9, FALSE,
                                   &palette->foreground, WEFT_ANCHOR_START);
            }
        }
      while (row < table->rows->len);
    }
  g_clear_pointer (&painter, weft_painter_free);
}

GBytes *
weft_export_to_bytes (WeftFabric              *fabric,
                      const WeftExportOptions *options,
                      WeftExportFormat         format,
                      GError                 **error)
{
  g_autoptr(WeftLayout) layout = NULL;
  WeftPalette palette;
  GByteArray *bytes;

  if (options->width < 64 || options->height < 64 || options->scale <= 0 ||
      options->width * options->scale * options->height * options->scale > MAX_PIXELS)
    {
      g_set_error (error, WEFT_EXPORT_ERROR, WEFT_EXPORT_ERROR_SIZE,
                   "%.0f × %.0f at scale %g: use at least 64 × 64 and at most a gigapixel",
                   options->width, options->height, options->scale);
      return NULL;
    }
  weft_palette_init (&palette, options->theme);
  layout = weft_layout_new (fabric, options->view);

  if (format == WEFT_EXPORT_SVG)
    {
      WeftPainter *painter = weft_painter_new_svg (options->width, options->height);
      GString *svg;

      draw (painter, layout, options, &palette);
      svg = weft_painter_finish_svg (painter);
      weft_painter_free (painter);
      return g_string_free_to_bytes (svg);
    }

  bytes = g_byte_array_new ();
  if (format == WEFT_EXPORT_PNG)
    {
      cairo_surface_t *surface = cairo_image_surface_create (
          CAIRO_FORMAT_RGB24, (int) ceil (options->width * options->scale),
          (int) ceil (options->height * options->scale));
      cairo_t *cr = cairo_create (surface);
      WeftPainter *painter;

      cairo_scale (cr, options->scale, options->scale);
      painter = weft_painter_new_cairo (cr);
      draw (painter, layout, options, &palette);
      weft_painter_free (painter);
      cairo_destroy (cr);
      cairo_surface_write_to_png_stream (surface, append_cb, bytes);
      cairo_surface_destroy (surface);
    }
  else
    {
      cairo_surface_t *surface =
          cairo_pdf_surface_create_for_stream (append_cb, bytes, options->width, options->height);
      cairo_t *cr = cairo_create (surface);
      WeftPainter *painter = weft_painter_new_cairo (cr);

      /* A fixed date: the same fabric gives the same file. */
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                      "2000-01-01T00:00:00Z");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      weft_fabric_get_name (fabric));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Weft");
      draw (painter, layout, options, &palette);
      weft_painter_free (painter);
      draw_report (cr, options, &palette);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
weft_export_file (WeftFabric              *fabric,
                  const WeftExportOptions *options,
                  const char              *path,
                  GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  WeftExportFormat format;

  if (!weft_export_format_for_path (path, &format, error))
    return FALSE;
  bytes = weft_export_to_bytes (fabric, options, format, error);
  if (bytes == NULL)
    return FALSE;
  return weft_output_write_bytes (path, bytes, error);
}

WeftReportTable *
weft_report_table_new (const char         *title,
                       guint               n_columns,
                       const char * const *headings)
{
  WeftReportTable *table = g_new0 (WeftReportTable, 1);

  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->headings = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    table->headings[c] = g_strdup (headings[c]);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
weft_report_table_add_row (WeftReportTable    *table,
                           const char * const *cells)
{
  char **row = g_new0 (char *, table->n_columns + 1);

  for (guint c = 0; c < table->n_columns; c++)
    row[c] = g_strdup (cells[c]);
  g_ptr_array_add (table->rows, row);
}

static void
draw_table (WeftPainter           *painter,
            const WeftReportTable *table,
            const WeftPalette     *palette,
            double                 width,
            double                 height)
{
  double first_column = TABLE_FIRST_COLUMN,
         column = (width - 40 - first_column) / MAX (table->n_columns - 1, 1), y = 56;

  weft_painter_rect (painter, 0, 0, width, height, &palette->background, NULL, 0);
  weft_painter_text (painter, 20, 32, table->title, 15, TRUE, &palette->foreground,
                     WEFT_ANCHOR_START);
  for (guint c = 0; c < table->n_columns; c++)
    weft_painter_text (painter, c == 0 ? 20 : 20 + first_column + (c - 1) * column, y,
                       table->headings[c], 10, TRUE, &palette->foreground, WEFT_ANCHOR_START);
  weft_painter_line (painter, 20, y + 5, width - 20, y + 5, &palette->muted, 0.6);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);

      y += 18;
      for (guint c = 0; c < table->n_columns; c++)
        weft_painter_text (painter, c == 0 ? 20 : 20 + first_column + (c - 1) * column, y, cells[c],
                           10, FALSE, &palette->foreground, WEFT_ANCHOR_START);
    }
}

gboolean
weft_export_draw_to_file (const char        *path,
                          double             width,
                          double             height,
                          WeftExportDrawFunc draw_page,
                          gconstpointer      data,
                          GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  WeftExportFormat format;
  WeftPalette palette;

  if (!weft_export_format_for_path (path, &format, error))
    return FALSE;
  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  if (format == WEFT_EXPORT_SVG)
    {
      WeftPainter *painter = weft_painter_new_svg (width, height);
      GString *svg;

      draw_page (painter, data, &palette, width, height);
      svg = weft_painter_finish_svg (painter);
      weft_painter_free (painter);
      g_byte_array_append (bytes, (const guint8 *) svg->str, svg->len);
      g_string_free (svg, TRUE);
    }
  else
    {
      cairo_surface_t *surface = format == WEFT_EXPORT_PNG
        ? cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height)
        : cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);
      cairo_t *cr = cairo_create (surface);
      WeftPainter *painter;

      if (format == WEFT_EXPORT_PDF)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                        "2000-01-01T00:00:00Z");
      painter = weft_painter_new_cairo (cr);
      draw_page (painter, data, &palette, width, height);
      weft_painter_free (painter);
      cairo_destroy (cr);
      if (format == WEFT_EXPORT_PNG)
        cairo_surface_write_to_png_stream (surface, append_cb, bytes);
      else
        cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
    }
  /* Drawn into memory first, then written like every file. */
  return weft_output_write (path, bytes->data, bytes->len, error);
}

static void
draw_table_cb (WeftPainter       *painter,
               gconstpointer      data,
               const WeftPalette *palette,
               double             width,
               double             height)
{
  draw_table (painter, data, palette, width, height);
}

gboolean
weft_report_table_save (const WeftReportTable *table,
                        const char            *path,
                        GError               **error)
{
  double width = 40 + TABLE_FIRST_COLUMN + 210 * MAX (table->n_columns - 1, 1);

  return weft_export_draw_to_file (path, width, 80 + 18 * table->rows->len, draw_table_cb, table,
                                   error);
}

void
weft_report_table_free (WeftReportTable *table)
{
  g_free (table->title);
  g_strfreev (table->headings);
  g_ptr_array_unref (table->rows);
  g_free (table);
}
