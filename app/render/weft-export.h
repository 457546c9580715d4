/* weft-export.h — a fabric's drawing as PNG, SVG or PDF (with report pages), byte for byte the same
 * each time. */
#pragma once

#include "render/weft-render.h"

G_BEGIN_DECLS

#define WEFT_EXPORT_ERROR (weft_export_error_quark ())

typedef enum
{
  WEFT_EXPORT_ERROR_FORMAT,    /* a file name whose format Weft does not write */
  WEFT_EXPORT_ERROR_SIZE,      /* a size too small or too large */
  WEFT_EXPORT_ERROR_WRITE,
} WeftExportError;

typedef enum
{
  WEFT_EXPORT_PNG,
  WEFT_EXPORT_SVG,
  WEFT_EXPORT_PDF,
} WeftExportFormat;

/* A table for the pages after the drawing: rows of n_columns strings. */
typedef struct
{
  char      *title;
  guint      n_columns;
  char     **headings;
  GPtrArray *rows;           /* char ** of n_columns, owned */
} WeftReportTable;

typedef struct
{
  WeftView              view;
  double                width;        /* points (PDF, SVG) or pixels at scale 1 (PNG) */
  double                height;
  double                scale;        /* PNG pixels per unit: 2 for HiDPI */
  WeftTheme             theme;
  WeftColorBy           color_by;
  const float          *link_values;  /* WEFT_COLOR_BY_LOAD: as WeftRenderOptions has them */
  guint                 n_link_values;
  const char           *link_values_caption;
  const WeftTitleBlock *title;        /* NULL: no title block */
  gboolean              legend;
  GPtrArray            *report;       /* WeftReportTable, PDF only; NULL: none */
} WeftExportOptions;

GQuark           weft_export_error_quark      (void);
void             weft_export_options_init     (WeftExportOptions  *options);
gboolean         weft_export_format_for_path  (const char         *path,
                                               WeftExportFormat   *format,
                                               GError            **error);
GBytes          *weft_export_to_bytes         (WeftFabric         *fabric,
                                               const WeftExportOptions *options,
                                               WeftExportFormat    format,
                                               GError            **error);
/* Writes to a temporary file beside @path and renames it over @path. */
gboolean         weft_export_file             (WeftFabric         *fabric,
                                               const WeftExportOptions *options,
                                               const char         *path,
                                               GError            **error);

WeftReportTable *weft_report_table_new        (const char         *title,
                                               guint               n_columns,
                                               const char * const *headings);
/* Appends a row of n_columns strings (copied). */
void             weft_report_table_add_row    (WeftReportTable    *table,
                                               const char * const *cells);
void             weft_report_table_free       (WeftReportTable    *table);
typedef void (*WeftExportDrawFunc) (WeftPainter       *painter,
                                    gconstpointer      data,
                                    const WeftPalette *palette,
                                    double             width,
                                    double             height);

/* Whatever @draw draws on a @width × @height page, as PNG, SVG or PDF by
 * @path's extension, in the light theme, written atomically. */
gboolean         weft_export_draw_to_file     (const char         *path,
                                               double              width,
                                               double              height,
                                               WeftExportDrawFunc  draw_page,
                                               gconstpointer       data,
                                               GError            **error);
/* One table on a page of its own, as PNG, SVG or PDF by @path's extension. */
gboolean         weft_report_table_save       (const WeftReportTable *table,
                                               const char         *path,
                                               GError            **error);

G_END_DECLS
