/* weft-reliability-report.c — the reliability figures as a JSON member and as text. */
#include "reliability/weft-reliability.h"

#include <math.h>

#include "util/weft-format.h"

void
weft_reliability_write_json (const WeftReliability *r,
                             WeftJsonWriter        *w)
{
  const WeftCheckpointing *cp = &r->checkpointing;

  weft_json_key (w, "reliability");
  weft_json_begin_object (w);
  weft_json_member_int (w, "gpus", r->gpus);
  weft_json_member_double (w, "interruptions_per_day", r->interruptions_per_day);
  weft_json_member_double (w, "interruptions_per_month", r->interruptions_per_day * 30);
  weft_json_member_double (w, "mtti_hours", r->mtti_hours);
  weft_json_member_double (w, "checkpoint_write_s", cp->checkpoint_write_s);
  weft_json_member_double (w, "restart_s", cp->restart_s);
  weft_json_member_double (w, "checkpoint_interval_s", r->checkpoint_interval_s);
  weft_json_member_double (w, "goodput", r->goodput);
  weft_json_member_double (w, "gpu_hour_usd", cp->gpu_hour_usd);
  weft_json_member_double (w, "lost_gpu_hours_per_month", r->lost_gpu_hours_per_month);
  weft_json_member_double (w, "lost_usd_per_month", r->lost_usd_per_month);
  weft_json_member_int (w, "interrupting_elements", (gint64) r->interrupting_elements);
  weft_json_member_int (w, "degrading_elements", (gint64) r->degrading_elements);

  weft_json_key (w, "by_cause");
  weft_json_begin_object (w);
  for (guint i = 0; i < r->by_cause->len; i++)
    {
      const WeftCauseRate *c = &g_array_index (r->by_cause, WeftCauseRate, i);

      weft_json_member_double (w, c->cause, c->per_day);
    }
  weft_json_end_object (w);

  weft_json_key (w, "elements_by_cause");
  weft_json_begin_object (w);
  for (guint i = 0; i < r->by_cause->len; i++)
    {
      const WeftCauseRate *c = &g_array_index (r->by_cause, WeftCauseRate, i);

      weft_json_member_int (w, c->cause, (gint64) c->elements);
    }
  weft_json_end_object (w);

  weft_json_key (w, "degrading");
  weft_json_begin_array (w);
  for (guint i = 0; i < r->degrading->len; i++)
    {
      const WeftDegradation *d = r->degrading->pdata[i];

      weft_json_begin_inline_object (w);
      weft_json_member_string (w, "what", d->what);
      weft_json_member_string (w, "cause", d->cause);
      weft_json_member_int (w, "elements", (gint64) d->elements);
      weft_json_member_double (w, "per_day", d->per_day);
      weft_json_member_string (w, "example", d->example);
      weft_json_member_bool (w, "one_of_parallel_links", d->strand);
      weft_json_member_double (w, "step_slowdown", d->slowdown);
      weft_json_end_object (w);
    }
  weft_json_end_array (w);
  weft_json_end_object (w);
}

char *
weft_reliability_to_text (const WeftReliability *r)
{
  GString *out = g_string_new ("reliability (a job on all GPUs)\n");
  g_autofree char *mtti = weft_format_duration (r->mtti_hours * 3600);
  g_autofree char *interval = weft_format_duration (r->checkpoint_interval_s);
  g_autofree char *lost = weft_format_money (r->lost_usd_per_month);
  g_autofree char *hours = weft_format_count ((guint64) llround (r->lost_gpu_hours_per_month));

  g_string_append_printf (out, "  interruptions  %.3g a day, %.3g a month\n",
                          r->interruptions_per_day, r->interruptions_per_day * 30);
  g_string_append_printf (out, "  MTTI           %s\n", mtti);
  g_string_append_printf (out, "  checkpoint     every %s (Young/Daly, %.0f s to write, "
                          "%.0f s to restart)\n", interval, r->checkpointing.checkpoint_write_s,
                          r->checkpointing.restart_s);
  g_string_append_printf (out, "  goodput        %.1f%%\n", r->goodput * 100);
  g_string_append_printf (out, "  lost a month   %s GPU-hours, %s at $%.2f per GPU-hour\n",
                          hours, lost, r->checkpointing.gpu_hour_usd);
  g_string_append (out, "  by cause (a day)\n");
  for (guint i = 0; i < r->by_cause->len; i++)
    {
      const WeftCauseRate *c = &g_array_index (r->by_cause, WeftCauseRate, i);
      g_autofree char *count = weft_format_count (c->elements);

      g_string_append_printf (out, "    %-10s %10.3g  (%s)\n", c->cause, c->per_day, count);
    }
  if (r->degrading->len > 0)
    g_string_append (out, "  degrade the step when lost\n");
  for (guint i = 0; i < r->degrading->len; i++)
    {
      const WeftDegradation *d = r->degrading->pdata[i];
      g_autofree char *count = weft_format_count (d->elements);

      if (isnan (d->slowdown))
        g_string_append_printf (out, "    %-28s %8s  %.3g a day\n", d->what, count, d->per_day);
      else
        {
          /* A slowdown that is not zero is never written "+0.00%". */
          int decimals = 2;

          while (decimals < 6 && d->slowdown != 0 &&
                 fabs (d->slowdown) * 100 * pow (10, decimals) < 0.5)
            decimals++;
          g_string_append_printf (out, "    %-28s %8s  %.3g a day, step %+.*f%% (%s)\n", d->what,
                                  count, d->per_day, decimals, d->slowdown * 100, d->example);
        }
    }
  return g_string_free (out, FALSE);
}
