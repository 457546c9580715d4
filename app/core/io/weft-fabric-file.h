/* weft-fabric-file.h — reading and writing fabric files ("format": "weft-fabric", "version": 1). */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

#define WEFT_FILE_ERROR (weft_file_error_quark ())

typedef enum
{
  WEFT_FILE_ERROR_SYNTAX,     /* not JSON */
  WEFT_FILE_ERROR_FORMAT,     /* JSON, but not a fabric this version reads */
  WEFT_FILE_ERROR_CONTENT,    /* a value that names nothing or breaks a rule */
} WeftFileError;

GQuark       weft_file_error_quark      (void);

/* Errors read "<where>: <json path>: <problem>", e.g.
 * "fabric.json: links[17].b: unknown node 'leaf-9'". */
WeftFabric  *weft_fabric_load_data      (WeftCatalog  *catalog,
                                         const char   *data,
                                         gsize         length,
                                         const char   *origin,
                                         GError      **error);
WeftFabric  *weft_fabric_load_file      (WeftCatalog  *catalog,
                                         const char   *path,
                                         GError      **error);
/* The fabric compiled into Weft (1,024 GPUs, rail-optimized). */
WeftFabric  *weft_fabric_load_default   (WeftCatalog  *catalog);

/* Canonical text: saving what was loaded gives the same bytes. */
GBytes      *weft_fabric_to_bytes       (WeftFabric   *self);
/* Writes a temporary file and renames it over @path. */
gboolean     weft_fabric_save_file      (WeftFabric   *self,
                                         const char   *path,
                                         GError      **error);

G_END_DECLS
