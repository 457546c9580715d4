/* fuzz-catalog.c — libFuzzer: a --catalog file on top of the built-in catalog, then a fabric built
 * from it.
 *
 * Any input either loads or is refused with a message that names the
 * file. What loads must be usable: a small leaf-spine is generated with
 * its parts and its cost and latency computed, which is where a number
 * out of range (1e308, inf) used to do its damage.
 */
#include "weft-fuzz.h"

#include <math.h>

#include "generators/weft-generator.h"
#include "metrics/weft-metrics.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  weft_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_auto(WeftGenParams) params = { 0 };

  if (!weft_catalog_load_data (catalog, (const char *) data, size, "fuzz.json", &error))
    {
      weft_fuzz_check_error (error, "fuzz.json", "loading");
      return 0;
    }

  weft_gen_params_init (&params, WEFT_ARCH_LEAF_SPINE);
  weft_fuzz_require (weft_gen_params_set (&params, "gpus", "16", NULL), "gpus=16");
  fabric = weft_generate (catalog, &params, &error);
  if (fabric == NULL)
    {
      /* A catalog may leave no part that fits: a refusal, not a crash. */
      weft_fuzz_require (error != NULL && error->message != NULL && *error->message != '\0',
                         "generating failed without a message");
      return 0;
    }
  metrics = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BILL, NULL, NULL, NULL,
                                  &error);
  weft_fuzz_require (metrics != NULL, "metrics failed: %s", error ? error->message : "(no error)");
  weft_fuzz_require (isfinite (metrics->latency.max_ns) && metrics->latency.max_ns >= 0,
                     "latency %g", metrics->latency.max_ns);
  return 0;
}
