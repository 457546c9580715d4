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

/* Adjusts @params until they can be built, as a designer would: a third
 * tier when two do not reach the GPU count, then the nearest GPU count
 * that can be built. @note says what changed ("3 tiers", "nearest size:
 * 32,800 GPUs"), NULL when nothing did. Fails, leaving @params as they
 * were, when no size nearby can be built: the error is the first refusal. */
gboolean     weft_generator_fit         (WeftCatalog          *catalog,
                                         WeftGenParams        *params,
                                         char                **note,
                                         GError              **error);
/* The torus ring sizes, as even as they come, whose product is nearest
 * @gpus: three rings from 8 GPUs up (16 → 4x2x2), fewer below. */
void         weft_generator_torus_dims  (guint                 gpus,
                                         guint                *dims,
                                         guint                *n_dims);

G_END_DECLS
