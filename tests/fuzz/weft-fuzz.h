/* weft-fuzz.h — what the libFuzzer harnesses share: set-up, and failing loudly on a broken promise.
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "catalog/weft-catalog.h"

G_BEGIN_DECLS

int          LLVMFuzzerInitialize   (int            *argc,
                                     char         ***argv);
int          LLVMFuzzerTestOneInput (const uint8_t  *data,
                                     size_t          size);

/* Criticals and warnings abort, so the fuzzer records them as crashes: a
 * library's assertion before Weft's message (the empty catalog's
 * Json-CRITICAL) is a bug like any other. */
void         weft_fuzz_init         (void);
/* The built-in catalog, loaded once. */
WeftCatalog *weft_fuzz_catalog      (void);
/* Aborts, with @what and the error, when an error does not name its place:
 * every message must start with "@origin: " or, for a file, "cannot …". */
void         weft_fuzz_check_error  (const GError   *error,
                                     const char     *origin,
                                     const char     *what);

#define weft_fuzz_require(condition, ...) \
  G_STMT_START { \
    if (!(condition)) \
      { \
        g_printerr ("weft-fuzz: " __VA_ARGS__); \
        g_printerr ("\n"); \
        abort (); \
      } \
  } G_STMT_END

G_END_DECLS
