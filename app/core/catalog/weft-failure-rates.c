/* weft-failure-rates.c — the causes a failure rate may name, and finding each one's rate. */
#include "catalog/weft-catalog-private.h"

#include <math.h>

/* Job elements first, then switch kinds, then media: the order of
 * reliability.json and of every report. */
static const char *const causes[] = {
  "gpu", "server", "software", "nic",
  "nvswitch", "leaf", "spine", "core", "router", "ocs",
  "dac", "acc", "aec", "aoc", "dsp", "lpo", "lro", "cpo", "onboard",
  NULL,
};

const char *const *
weft_failure_causes (void)
{
  return causes;
}

guint
weft_failure_cause_index (const char *cause)
{
  for (guint i = 0; causes[i] != NULL; i++)
    if (g_str_equal (causes[i], cause))
      return i;
  g_return_val_if_reached (0);
}

char *
weft_failure_causes_list (void)
{
  return g_strjoinv (", ", (char **) causes);
}

const double *
weft_failure_rates_lookup (const WeftFailureRates *rates,
                           const char             *cause)
{
  WeftNodeKind kind;
  WeftMedium medium;

  g_return_val_if_fail (rates != NULL && cause != NULL, NULL);

  if (g_str_equal (cause, "gpu"))
    return &rates->gpu;
  if (g_str_equal (cause, "server"))
    return &rates->server;
  if (g_str_equal (cause, "software"))
    return &rates->software;
  if (g_str_equal (cause, "nic"))
    return &rates->nic;
  if (weft_node_kind_from_string (cause, &kind) && weft_node_kind_is_switch (kind))
    return &rates->switch_kind[kind];
  if (weft_medium_from_string (cause, &medium) && medium != WEFT_MEDIUM_AUTO)
    return &rates->medium[medium];
  return NULL;
}

const char *
weft_failure_rates_missing (const WeftFailureRates *rates)
{
  for (guint i = 0; causes[i] != NULL; i++)
    if (!isfinite (*weft_failure_rates_lookup (rates, causes[i])))
      return causes[i];
  if (!isfinite (rates->checkpoint_write_s))
    return "checkpoint_write_s";
  if (!isfinite (rates->restart_s))
    return "restart_s";
  if (!isfinite (rates->gpu_hour_usd))
    return "gpu_hour_usd";
  return NULL;
}

void
weft_failure_rates_init (WeftFailureRates *rates)
{
  double *values = (double *) rates;

  /* Not a number until a file gives one: a cause the built-in files miss is found at once. */
  G_STATIC_ASSERT (sizeof (WeftFailureRates) % sizeof (double) == 0);
  for (gsize i = 0; i < sizeof (WeftFailureRates) / sizeof (double); i++)
    values[i] = NAN;
}
