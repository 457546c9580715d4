/* fuzz-metrics.c — libFuzzer: the metrics of a loaded fabric, with elements failed as --fail does.
 *
 * The input is four bytes and a fabric file. The first byte says how many
 * elements fail (bits 0–1) and which metrics run (bits 2–5, the
 * WeftMetricsFlags); each of the next three says what one failure is
 * (bits 6–7: link:ID, node:NAME, link:A,B, or an element that names
 * nothing) and which (bits 0–5, modulo the count). The failures go
 * through weft_fabric_without, as the CLI's --fail does, and the metrics
 * must then compute without an error, and give figures that hold
 * together, for whatever fabric the reader accepted. So must the
 * reliability figures, whose search for what interrupts a job meets every
 * odd shape a fabric file can hold.
 */
#include "weft-fuzz.h"

#include <math.h>

#include "io/weft-fabric-file.h"
#include "metrics/weft-metrics.h"
#include "model/weft-failure.h"
#include "reliability/weft-reliability.h"

#define HEADER 4
/* Small fabrics only: the point is odd shapes, not large ones. */
#define MAX_NODES 400
#define MAX_LINKS 2000

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  weft_fuzz_init ();
  weft_fuzz_catalog ();
  return 0;
}

/* The --fail element byte @b names in @fabric, or NULL when the fabric has none of that kind. */
static char *
element_for (WeftFabric *fabric,
             guint8      b)
{
  guint n_nodes = weft_fabric_get_n_nodes (fabric), n_links = weft_fabric_get_n_links (fabric);
  guint which = b & 63;

  switch (b >> 6)
    {
    case 0:
      return n_links ? g_strdup_printf ("link:%u", which % n_links) : NULL;
    case 1:
      if (n_nodes == 0)
        return NULL;
      return g_strdup_printf ("node:%s", weft_fabric_get_node (fabric, which % n_nodes)->name);
    case 2:
      {
        const WeftLink *link;

        if (n_links == 0)
          return NULL;
        link = weft_fabric_get_link (fabric, which % n_links);
        return g_strdup_printf ("link:%s,%s", weft_fabric_get_node (fabric, link->a)->name,
                                weft_fabric_get_node (fabric, link->b)->name);
      }
    default:
      return g_strdup_printf ("node:no-such-node-%u", which);
    }
}

/* The reliability sums of @fabric: refused only without GPUs, and otherwise
 * a total that is the sum of its causes, an MTTI that is 24 h over it and
 * a goodput that is a share. */
static void
check_reliability (WeftFabric *fabric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, &error);
  double sum = 0;

  if (r == NULL)
    {
      weft_fuzz_require (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU) == 0,
                         "reliability refused a fabric with GPUs: %s", error->message);
      return;
    }
  for (guint i = 0; i < r->by_cause->len; i++)
    sum += g_array_index (r->by_cause, WeftCauseRate, i).per_day;
  weft_fuzz_require (fabs (sum - r->interruptions_per_day) <= 1e-9 * sum,
                     "causes add up to %g, the total is %g", sum, r->interruptions_per_day);
  weft_fuzz_require (fabs (r->mtti_hours * r->interruptions_per_day - 24) < 1e-9,
                     "MTTI %g h for %g a day", r->mtti_hours, r->interruptions_per_day);
  weft_fuzz_require (r->goodput >= 0 && r->goodput <= 1, "goodput %g", r->goodput);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WeftCatalog *catalog = weft_fuzz_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_free);
  WeftMetricsFlags flags;
  gboolean bogus = FALSE;
  guint n_fail, gpus;

  if (size < HEADER)
    return 0;
  n_fail = data[0] & 3;
  flags = (data[0] >> 2) & WEFT_METRICS_ALL;

  fabric = weft_fabric_load_data (catalog, (const char *) data + HEADER, size - HEADER, "fuzz.json",
                                  &error);
  if (fabric == NULL)
    return 0;
  if (weft_fabric_get_n_nodes (fabric) > MAX_NODES || weft_fabric_get_n_links (fabric) > MAX_LINKS)
    return 0;
  /* Up to 16 GPUs, bisection tries every balanced split: 6,435 max-flows for 16, a second
   * each under the sanitizers. Up to 10 it is quick and stays in. */
  gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  if (gpus > 10 && gpus <= 16)
    flags &= ~(WEFT_METRICS_BISECTION | WEFT_METRICS_RESILIENCE);

  for (guint i = 0; i < n_fail; i++)
    {
      char *element = element_for (fabric, data[1 + i]);

      if (element == NULL)
        continue;
      bogus |= (data[1 + i] >> 6) == 3;
      g_ptr_array_add (elements, element);
    }
  g_ptr_array_add (elements, NULL);

  failed = weft_fabric_without (fabric, (const char *const *) elements->pdata, &error);
  if (failed == NULL)
    {
      weft_fuzz_require (bogus, "failing elements that exist was refused: %s",
                         error ? error->message : "(no error)");
      weft_fuzz_require (error != NULL && g_str_has_prefix (error->message, "node:no-such-node-"),
                         "the refusal does not name the element: %s", error ? error->message : "");
      return 0;
    }
  weft_fuzz_require (!bogus, "an element that names nothing was accepted");

  metrics = weft_metrics_compute (failed, flags, NULL, NULL, NULL, &error);
  weft_fuzz_require (metrics != NULL, "metrics failed: %s", error ? error->message : "(no error)");
  weft_fuzz_require (metrics->unreachable_pairs <= metrics->pairs, "%" G_GUINT64_FORMAT
                     " unreachable of %" G_GUINT64_FORMAT " pairs", metrics->unreachable_pairs,
                     metrics->pairs);
  weft_fuzz_require (isfinite (metrics->cost.usd) && metrics->cost.usd >= 0, "cost %g",
                     metrics->cost.usd);
  if (flags & WEFT_METRICS_HOPS)
    weft_fuzz_require (isfinite (metrics->latency.max_ns) &&
                           metrics->latency.min_ns <= metrics->latency.max_ns,
                       "latency %g to %g", metrics->latency.min_ns, metrics->latency.max_ns);
  if (flags & WEFT_METRICS_BISECTION)
    weft_fuzz_require (isfinite (metrics->bisection.gbps) && metrics->bisection.gbps >= 0,
                       "bisection %g", metrics->bisection.gbps);
  check_reliability (failed);
  return 0;
}
