/* weft-cli-metrics.c — weft-cli metrics: hops, bisection, latency, cost, power and resilience of a fabric. */
#include "cli/weft-cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/weft-metrics.h"

/* "link:17", "link:leaf-0,spine-3" or "node:spine-3" → the links to remove. */
static gboolean
failed_links (WeftFabric  *fabric,
              const char  *spec,
              GArray      *links,
              GError     **error)
{
  guint n_links = weft_fabric_get_n_links (fabric);

  if (g_str_has_prefix (spec, "link:"))
    {
      const char *id = spec + 5;
      g_auto(GStrv) ends = g_strsplit (id, ",", 2);
      guint64 index;

      if (g_strv_length (ends) == 2)
        {
          guint a = weft_fabric_lookup_node (fabric, ends[0]);
          guint b = weft_fabric_lookup_node (fabric, ends[1]);
          gboolean found = FALSE;

          for (guint i = 0; i < n_links && a != WEFT_NONE && b != WEFT_NONE; i++)
            {
              const WeftLink *l = weft_fabric_get_link (fabric, i);

              if ((l->a == a && l->b == b) || (l->a == b && l->b == a))
                {
                  g_array_append_val (links, i);
                  found = TRUE;
                }
            }
          if (!found)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--fail %s: no link joins '%s' and '%s'", spec, ends[0], ends[1]);
              return FALSE;
            }
          return TRUE;
        }
      if (!g_ascii_string_to_unsigned (id, 10, 0, n_links ? n_links - 1 : 0, &index, NULL) ||
          n_links == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--fail %s: the fabric has links 0 to %u, or name two nodes: link:A,B",
                       spec, n_links ? n_links - 1 : 0);
          return FALSE;
        }
      g_array_append_vals (links, &(guint) { (guint) index }, 1);
      return TRUE;
    }
  if (g_str_has_prefix (spec, "node:"))
    {
      guint node = weft_fabric_lookup_node (fabric, spec + 5);

      if (node == WEFT_NONE)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--fail %s: the fabric has no node '%s'", spec, spec + 5);
          return FALSE;
        }
      for (guint i = 0; i < n_links; i++)
        {
          const WeftLink *l = weft_fabric_get_link (fabric, i);

          if (l->a == node || l->b == node)
            g_array_append_val (links, i);
        }
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--fail %s: write link:ID, link:A,B or node:NAME", spec);
  return FALSE;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* A copy of @fabric with the failed elements' links gone. */
static WeftFabric *
apply_failures (WeftFabric  *fabric,
                char       **specs,
                GError     **error)
{
  g_autoptr(WeftFabric) failed = weft_fabric_copy (fabric);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; specs[i] != NULL; i++)
    if (!failed_links (fabric, specs[i], links, error))
      return NULL;
  /* Highest index first: removing a link moves the last one into its slot. */
  g_array_sort (links, compare_descending);
  for (guint i = 0; i < links->len; i++)
    {
      guint link = g_array_index (links, guint, i);

      if (i > 0 && link == g_array_index (links, guint, i - 1))
        continue;
      if (!weft_fabric_remove_link (failed, link, error))
        return NULL;
    }
  return g_steal_pointer (&failed);
}

static void
print_change (const char *what,
              double      before,
              double      after,
              const char *unit)
{
  g_print ("  %-22s %12.6g → %-12.6g %s (%+.6g)\n", what, before, after, unit, after - before);
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
} Report;

static void
report_clear (Report *report)
{
  g_clear_object (&report->fabric);
  g_clear_object (&report->failed);
  g_clear_pointer (&report->intact, weft_metrics_free);
  g_clear_pointer (&report->metrics, weft_metrics_free);
  g_clear_pointer (&report->path, weft_path_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Report, report_clear)

/* The fabric the figures are for: the loaded one, or the one left after --fail. */
static WeftFabric *
report_fabric (Report *report)
{
  return report->failed ? report->failed : report->fabric;
}

static gboolean
compute_report (Report      *report,
                char       **fail,
                const char **path_ends,
                GError     **error)
{
  if (fail != NULL)
    {
      report->failed = apply_failures (report->fabric, fail, error);
      if (report->failed == NULL)
        return FALSE;
      report->intact = weft_metrics_compute (report->fabric, WEFT_METRICS_ALL, NULL, NULL, NULL, error);
      if (report->intact == NULL)
        return FALSE;
    }
  report->metrics = weft_metrics_compute (report_fabric (report), WEFT_METRICS_ALL, NULL, NULL, NULL,
                                          error);
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

  g_print ("%s", text);
  if (before == NULL)
    return;
  elements = g_strjoinv (", ", fail);
  g_print ("\nafter failing %s:\n", elements);
  print_change ("bisection", before->bisection.gbps, after->bisection.gbps, "Gb/s");
  print_change ("max switch hops", before->switch_hops.max, after->switch_hops.max, "");
  print_change ("mean switch hops", before->switch_hops.mean, after->switch_hops.mean, "");
  print_change ("max latency", before->latency.max_ns, after->latency.max_ns, "ns");
  print_change ("unreachable pairs", before->unreachable_pairs, after->unreachable_pairs, "");
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
  const char *path_ends[2] = { NULL, NULL };
  gboolean as_json = FALSE, as_csv = FALSE, with_split = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, "Print CSV: metric,value,unit", NULL },
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
  context = g_option_context_new ("FILE — hops, bisection, latency, cost, power and resilience");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "  --path A B             Also show the latency-shortest path from A to B, element by element\n");
  status = weft_cli_parse (context, &argc, &argv);
  if (status != WEFT_EXIT_OK)
    return status;
  if (argc != 2)
    return weft_cli_fail (WEFT_EXIT_USAGE, "metrics takes one fabric file");
  if (as_json && as_csv)
    return weft_cli_fail (WEFT_EXIT_USAGE, "choose one of --json and --csv");

  report.fabric = weft_cli_load (argv[1], catalog_path, &error);
  if (report.fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  for (guint i = 0; path_ends[0] != NULL && i < 2; i++)
    if (weft_fabric_lookup_node (report.fabric, path_ends[i]) == WEFT_NONE)
      return weft_cli_fail (WEFT_EXIT_INPUT, "--path: %s has no node '%s'", argv[1], path_ends[i]);
  if (!compute_report (&report, fail, path_ends, &error))
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  if (as_json)
    {
      WeftReportExtras extras = { report.path, with_split, (const char * const *) fail,
                                  report.intact };
      g_autofree char *json = weft_metrics_to_json (report_fabric (&report), report.metrics, &extras);

      g_print ("%s", json);
    }
  else if (as_csv)
    {
      g_autofree char *csv = weft_metrics_to_csv (report.metrics);

      g_print ("%s", csv);
    }
  else
    print_text (&report, fail);
  return WEFT_EXIT_OK;
}
