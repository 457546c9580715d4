/* weft-cable-plan.h — cable plans in (CSV or GraphML) and the cable schedule out (CSV). */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_IMPORT_ERROR (weft_import_error_quark ())

typedef enum
{
  WEFT_IMPORT_ERROR_READ,       /* the file could not be read */
  WEFT_IMPORT_ERROR_INVALID,    /* the plan has errors, listed in the report: nothing imported */
} WeftImportError;

/* What the plan does not say and the importer would otherwise infer. */
typedef struct
{
  gboolean      has_protocol;
  WeftProtocol  protocol;       /* else from the parts named, else InfiniBand */
  gboolean      has_optics;
  WeftMedium    optics;         /* else the plan's most used optics, else DSP */
  const char   *name;           /* NULL: the file name without its extension */
} WeftImportOptions;

/* The problems an import found, each naming its place ("plan.csv:17: b_port
 * missing"), in the order found. Errors stop the import; warnings (roles and
 * parts inferred, the fabric's own validation) do not. The lists hold the
 * first WEFT_IMPORT_MAX_LISTED of each; the counts are of all. */
#define WEFT_IMPORT_MAX_LISTED 1000

typedef struct
{
  GPtrArray *errors;            /* char * */
  GPtrArray *warnings;          /* char * */
  guint      n_errors;
  guint      n_warnings;
} WeftImportReport;

GQuark       weft_import_error_quark        (void);

void         weft_import_options_init       (WeftImportOptions *options);
void         weft_import_report_init        (WeftImportReport  *report);
void         weft_import_report_clear       (WeftImportReport  *report);

/* A cable plan as CSV (one row per cable, a header naming the columns) or
 * GraphML (told apart by the first character: '<'). @report may be NULL;
 * with errors the fabric is NULL and @error says how many, naming the first. */
WeftFabric  *weft_fabric_import_data        (WeftCatalog             *catalog,
                                             const char              *data,
                                             gsize                    length,
                                             const char              *origin,
                                             const WeftImportOptions *options,
                                             WeftImportReport        *report,
                                             GError                 **error);
WeftFabric  *weft_fabric_import_file        (WeftCatalog             *catalog,
                                             const char              *path,
                                             const WeftImportOptions *options,
                                             WeftImportReport        *report,
                                             GError                 **error);

/* The cable schedule: one row per physical cable (a link of count c is c
 * rows, told apart by port), with both ends' rack, U, device and port, the
 * medium, cable part, length and a label, and the columns that make it
 * import back to the same graph. Ports are numbered p1, p2, … per device in
 * link order. */
GBytes      *weft_fabric_to_cable_schedule  (WeftFabric   *self);
/* Writes a temporary file and renames it over @path. */
gboolean     weft_fabric_save_cable_schedule (WeftFabric  *self,
                                              const char  *path,
                                              GError     **error);
/* The schedule's header, in its order; NULL-terminated. */
const char *const *weft_cable_schedule_columns (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftImportReport, weft_import_report_clear)

G_END_DECLS
