/* weft-cli-metrics.c — weft-cli metrics: hops, bisection, latency, cost, power and resilience of a
 * fabric. */
#include "cli/weft-cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collectives/weft-training.h"
#include "metrics/weft-metrics.h"
#include "model/weft-failure.h"
#include "reliability/weft-reliability.h"
#include "util/weft-format.h"

/* One figure before and after --fail, as the text report spells it, with
 * the change; @format writes a value with its unit. */
static void
print_change (const char  *what,
              double       before,
              double       after,
              char      *(*format) (double))
{
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *change = weft_format_delta (after - before, format);

  /* A change that is not zero shows in the figures too, not only in the difference. */
  weft_format_apart (before, after, format, &from, &to);

  /* Padded by characters, not bytes: "µs" and "−" take two or three. */
  g_print ("  %-18s %*s%s → %s%*s %s\n", what, (int) MAX (0, 12 - g_utf8_strlen (from, -1)), "",
           from, to, (int) MAX (0, 12 - g_utf8_strlen (to, -1)), "",
           *change ? change : "(no change)");
}

static char *
format_hops (double hops)
{
  return g_strdup_printf ("%.2f", hops);
}

/* A whole number: pairs, or the most hops. */
static char *
format_pairs (double pairs)
{
  return weft_format_count ((guint64) llround (fabs (pairs)));
}

/* --path takes two values, which GOption cannot: take them out of @argv first. */
static gboolean
take_path_option (int         *argc,
                  char       **argv,
                  const char **path_ends)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--path"))
      {
        if (i + 2 >= *argc)
          return FALSE;
        path_ends[0] = argv[i + 1];
        path_ends[1] = argv[i + 2];
        memmove (&argv[i], &argv[i + 3], (*argc - i - 3 + 1) * sizeof (char *));
        *argc -= 3;
        i--;
      }
  return TRUE;
}

typedef struct
{
  WeftFabric  *fabric;       /* as loaded */
  WeftFabric  *failed;       /* without the --fail elements, or NULL */
  WeftMetrics *intact;       /* the loaded fabric's figures, with --fail */
  WeftMetrics *metrics;      /* the figures reported */
  WeftPath    *path;
  WeftReliability *reliability;   /* of the fabric reported */
  /* With --fail: the default job's step before and after, or why it cannot run after. */
  double       step_intact_s;
  double       step_failed_s;
  char        *step_failed_error;
} Report;

static void
report_clear (Report *report)
{
  g_clear_object (&report->fabric);
  g_clear_object (&report->failed);
  g_clear_pointer (&report->intact, weft_metrics_free);
  g_clear_pointer (&report->metrics, weft_metrics_free);
  g_clear_pointer (&report->path, weft_path_free);
  g_clear_pointer (&report->reliability, weft_reliability_free);
  g_clear_pointer (&report->step_failed_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Report, report_clear)

/* The fabric the figures are for: the loaded one, or the one left after --fail. */
static WeftFabric *
report_fabric (Report *report)
{
  return report->failed ? report->failed : report->fabric;
}

/* The default job's step on the loaded fabric and on the one left after --fail. */
static gboolean
compute_slowdown (Report  *report,
                  GError **error)
{
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) intact = { 0 };
  g_auto(WeftStepTime) failed = { 0 };
  g_autoptr(GError) local_error = NULL;

  report->step_intact_s = report->step_failed_s = NAN;
  if (!weft_job_default (report->fabric, &job, error) ||
      !weft_training_step (report->fabric, &job, &intact, NULL, error))
    return FALSE;
  report->step_intact_s = intact.step_s;
  if (weft_training_step (report->failed, &job, &failed, NULL, &local_error))
    report->step_failed_s = failed.step_s;
  else
    report->step_failed_error = g_strdup (local_error->message);
  return TRUE;
}

static void
write_failure_step (WeftJsonWriter *w,
                    Report         *report)
{
  weft_json_key (w, "failure_step");
  weft_json_begin_object (w);
  weft_json_member_double (w, "intact_s", report->step_intact_s);
  weft_json_member_double (w, "failed_s", report->step_failed_s);
  weft_json_member_double (w, "slowdown", report->step_failed_s / report->step_intact_s - 1);
  weft_json_member_string (w, "error", report->step_failed_error);
  weft_json_end_object (w);
}

static void
write_more (WeftJsonWriter *w,
            gpointer        data)
{
  Report *report = data;

  weft_reliability_write_json (report->reliability, w);
  if (report->failed != NULL)
    write_failure_step (w, report);
}

static gboolean
compute_report (Report                  *report,
                char                   **fail,
                const char             **path_ends,
                const WeftCheckpointing *checkpointing,
                GError                 **error)
{
  if (fail != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      g_autofree char *elements = g_strjoinv (", ", fail);
      g_autofree char *name = NULL;

      report->failed = weft_fabric_without (report->fabric, (const char *const *) fail,
                                            &local_error);
      if (report->failed == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--fail %s",
                       local_error->message);
          return FALSE;
        }
      /* The report's figures are the failed fabric's: its heading says so. */
      name = g_strdup_printf ("%s, with %s failed", weft_fabric_get_name (report->fabric),
                              elements);
      weft_fabric_set_name (report->failed, name);
      report->intact =
          weft_metrics_compute (report->fabric, WEFT_METRICS_ALL, NULL, NULL, NULL, error);
      if (report->intact == NULL || !compute_slowdown (report, error))
        return FALSE;
    }
  /* The losses left after --fail are timed only where the job still runs. */
  report->reliability = weft_cli_reliability (report_fabric (report), checkpointing,
                                              report->step_failed_error == NULL, error);
  if (report->reliability == NULL)
    return FALSE;
  report->metrics =
      weft_metrics_compute (report_fabric (report), WEFT_METRICS_ALL, NULL, NULL, NULL, error);
  if (report->metrics == NULL)
    return FALSE;
  if (path_ends[0] != NULL)
    {
      WeftFabric *on = report_fabric (report);
      g_autoptr(GError) local_error = NULL;

      report->path = weft_metrics_path (on, weft_fabric_lookup_node (on, path_ends[0]),
                                        weft_fabric_lookup_node (on, path_ends[1]), &local_error);
      if (report->path == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--path %s %s: %s",
                       path_ends[0], path_ends[1], local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
print_text (Report *report,
            char  **fail)
{
  const WeftMetrics *before = report->intact, *after = report->metrics;
  g_autofree char *text = weft_metrics_to_text (report_fabric (report), after, report->path);
  g_autofree char *elements = NULL;

  g_autofree char *reliability = weft_reliability_to_text (report->reliability);

  g_print ("%s\n%s", text, reliability);
  if (before == NULL)
    return;
  elements = g_strjoinv (", ", fail);
  g_print ("\nafter failing %s:\n", elements);
  print_change ("bisection", before->bisection.gbps, after->bisection.gbps,
                weft_format_bandwidth);
  print_change ("switch hops, max", before->switch_hops.max, after->switch_hops.max,
                format_pairs);
  print_change ("switch hops, mean", before->switch_hops.mean, after->switch_hops.mean,
                format_hops);
  print_change ("latency, max", before->latency.max_ns, after->latency.max_ns,
                weft_format_latency);
  print_change ("unreachable pairs", before->unreachable_pairs, after->unreachable_pairs,
                format_pairs);
  if (report->step_failed_error != NULL)
    g_print ("  %-18s the default job cannot run: %s\n", "training step",
             report->step_failed_error);
  else
    print_change ("training step", report->step_intact_s, report->step_failed_s,
                  weft_format_seconds);
}

/* --bom-csv: the bill alone, which needs neither hops nor bisection. */
static int
print_bom (WeftFabric *fabric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftMetrics) metrics =
      weft_metrics_compute (fabric, WEFT_METRICS_BILL, NULL, NULL, NULL, &error);
  g_autofree char *csv = NULL;

  if (metrics == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  csv = weft_metrics_bom_to_csv (metrics);
  g_print ("%s", csv);
  return WEFT_EXIT_OK;
}

int
weft_cli_metrics (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Report) report = { 0 };
  g_autofree char *catalog_path = NULL;
  g_auto(GStrv) fail = NULL;
  WeftCheckpointing checkpointing;
  const char *path_ends[2] = { NULL, NULL };
  gboolean as_json = FALSE, as_csv = FALSE, as_bom = FALSE, with_split = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, "Print CSV: metric,value,unit", NULL },
    { "bom-csv", 0, 0, G_OPTION_ARG_NONE, &as_bom,
      "Print only the bill of materials as CSV: "
      "part,role,quantity,unit_price_usd,extended_usd,unit_power_w", NULL },
    { "fail", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fail,
      "Remove an element first and report the change: link:ID, link:A,B or node:NAME (repeatable)",
      "ELEMENT" },
    { "split", 0, 0, G_OPTION_ARG_NONE, &with_split,
      "With --json, list the GPUs on one side of the bisection", NULL },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      "Catalog file whose parts replace the built-in ones of the same id", "FILE" },
    { NULL }
  };

  if (!take_path_option (&argc, argv, path_ends))
    return weft_cli_fail (WEFT_EXIT_USAGE, "--path takes two GPU names: --path A B");
  context = g_option_context_new ("FILE — hops, bisection, latency, cost, power and resilience "
                                  "(FILE - reads stdin)");
  g_option_context_add_main_entries (context, entries, NULL);
  weft_cli_add_checkpointing (context, &checkpointing);
  g_option_context_set_description (
      context,
      "  --path A B             Also show the latency-shortest path from A to B, element by "
      "element\n");
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "metrics takes one fabric file");
  if (as_json && as_csv)
    return weft_cli_fail (WEFT_EXIT_USAGE, "choose one of --json and --csv");
  if (as_bom && (as_json || as_csv || fail != NULL || path_ends[0] != NULL || with_split))
    return weft_cli_fail (WEFT_EXIT_USAGE,
                          "--bom-csv takes none of --json, --csv, --fail, --path and --split");

  report.fabric = weft_cli_load (argv[1], catalog_path, &error);
  if (report.fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  for (guint i = 0; path_ends[0] != NULL && i < 2; i++)
    if (weft_fabric_lookup_node (report.fabric, path_ends[i]) == WEFT_NONE)
      return weft_cli_fail (WEFT_EXIT_INPUT, "--path: %s has no node '%s'", argv[1], path_ends[i]);
  if (as_bom)
    return print_bom (report.fabric);
  if (!compute_report (&report, fail, path_ends, &checkpointing, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  if (as_json)
    {
      WeftReportExtras extras = { report.path, with_split, (const char * const *) fail,
                                  report.intact, write_more, &report };
      g_autofree char *json =
          weft_metrics_to_json (report_fabric (&report), report.metrics, &extras);

      g_print ("%s", json);
    }
  else if (as_csv)
    {
      g_autofree char *csv = weft_metrics_to_csv (report.metrics);
      const WeftReliability *r = report.reliability;

      g_print ("%sinterruptions_per_day,%.6g,per day\nmtti,%.6g,h\ngoodput,%.6g,\n"
               "lost_usd_per_month,%.2f,USD\n", csv, r->interruptions_per_day, r->mtti_hours,
               r->goodput, r->lost_usd_per_month);
    }
  else
    print_text (&report, fail);
  return WEFT_EXIT_OK;
}
