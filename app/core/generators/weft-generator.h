/* weft-generator.h — building fabrics from an architecture, a GPU count and hardware choices. */
#pragma once

#include "model/weft-fabric.h"
#include "generators/weft-gen-params.h"

G_BEGIN_DECLS

#define WEFT_GENERATOR_ERROR (weft_generator_error_quark ())

typedef enum
{
  WEFT_GENERATOR_ERROR_IMPOSSIBLE, /* the parameters cannot be built; the message says what to
                                      change */
  WEFT_GENERATOR_ERROR_PART,       /* a part is missing or cannot do what is asked */
} WeftGeneratorError;

GQuark       weft_generator_error_quark (void);

/* Build the fabric @params describe: placed, with the generator and its
 * closed forms recorded. */
WeftFabric  *weft_generate              (WeftCatalog          *catalog,
                                         const WeftGenParams  *params,
                                         GError              **error);
/* Whether weft_generate() would succeed, without building anything large. */
gboolean     weft_generator_check       (WeftCatalog          *catalog,
                                         const WeftGenParams  *params,
                                         GError              **error);
/* As above; when the GPU count is what cannot be built, @suggested_gpus
 * is the nearest count that can (0 when there is none to suggest). */
gboolean     weft_generator_check_suggest (WeftCatalog        *catalog,
                                           const WeftGenParams *params,
                                           guint              *suggested_gpus,
                                           GError            **error);

G_END_DECLS
