/* weft-cli-reliability.c — the checkpoint options metrics, compare and sweep share, and the
 * reliability figures they report. */
#include "cli/weft-cli.h"

#include <math.h>

void
weft_cli_add_checkpointing (GOptionContext    *context,
                            WeftCheckpointing *given)
{
  GOptionEntry entries[] = {
    { "checkpoint-s", 0, 0, G_OPTION_ARG_DOUBLE, &given->checkpoint_write_s,
      "Seconds to write a checkpoint (default: the catalog's)", "S" },
    { "restart-s", 0, 0, G_OPTION_ARG_DOUBLE, &given->restart_s,
      "Seconds from an interruption to training again (default: the catalog's)", "S" },
    { "gpu-hour-usd", 0, 0, G_OPTION_ARG_DOUBLE, &given->gpu_hour_usd,
      "Price of a GPU-hour, for the cost of lost hours (default: the catalog's)", "USD" },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("reliability", "Reliability options:",
                                            "Show the reliability options", NULL, NULL);

  given->checkpoint_write_s = given->restart_s = given->gpu_hour_usd = NAN;
  g_option_group_add_entries (group, entries);
  g_option_context_add_group (context, group);
}

gboolean
weft_cli_checkpointing (WeftFabric               *fabric,
                        const WeftCheckpointing  *given,
                        WeftCheckpointing        *out,
                        GError                  **error)
{
  weft_checkpointing_default (fabric, out);
  if (!isnan (given->checkpoint_write_s))
    out->checkpoint_write_s = given->checkpoint_write_s;
  if (!isnan (given->restart_s))
    out->restart_s = given->restart_s;
  if (!isnan (given->gpu_hour_usd))
    out->gpu_hour_usd = given->gpu_hour_usd;
  if (!(out->checkpoint_write_s > 0 && isfinite (out->checkpoint_write_s)))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--checkpoint-s: %g: a checkpoint takes more than 0 s", out->checkpoint_write_s);
  else if (!(out->restart_s >= 0 && isfinite (out->restart_s)))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--restart-s: %g: a restart takes 0 s or more", out->restart_s);
  else if (!(out->gpu_hour_usd >= 0 && isfinite (out->gpu_hour_usd)))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "--gpu-hour-usd: %g: a price is 0 or more", out->gpu_hour_usd);
  else
    return TRUE;
  return FALSE;
}

WeftReliability *
weft_cli_reliability (WeftFabric               *fabric,
                      const WeftCheckpointing  *given,
                      gboolean                  time_degraded,
                      GError                  **error)
{
  g_autoptr(WeftReliability) reliability = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(WeftJob) job = { 0 };
  WeftCheckpointing cp;

  if (!weft_cli_checkpointing (fabric, given, &cp, error))
    return NULL;
  reliability = weft_reliability_compute (fabric, &cp, &local_error);
  if (reliability == NULL)
    {
      /* The one figure a user gives that the model can refuse: name its option. */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s%s",
                   g_str_has_prefix (local_error->message, "checkpoint") ? "--checkpoint-s: " : "",
                   local_error->message);
      return NULL;
    }
  if (time_degraded && reliability->gpus <= WEFT_RELIABILITY_TIMED_MAX_GPUS &&
      weft_job_default (fabric, &job, NULL) &&
      !weft_reliability_time_degraded (reliability, fabric, &job, NULL, error))
    return NULL;
  return g_steal_pointer (&reliability);
}
