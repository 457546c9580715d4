/* weft-cli-metrics.c — weft-cli metrics: hops, bisection, latency, cost, power and resilience of a fabric. */
#include "cli/weft-cli.h"

#include <json-glib/json-glib.h>
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

/* The figures a failure moves, as JSON members of @object. */
static void
add_change (JsonObject        *object,
            const WeftMetrics *base,
            const WeftMetrics *failed)
{
  JsonObject *change = json_object_new ();

  json_object_set_double_member (change, "bisection_gbps", failed->bisection.gbps - base->bisection.gbps);
  json_object_set_double_member (change, "latency_max_ns", failed->latency.max_ns - base->latency.max_ns);
  json_object_set_double_member (change, "latency_mean_ns", failed->latency.mean_ns - base->latency.mean_ns);
  json_object_set_int_member (change, "hops_max", (gint64) failed->switch_hops.max - base->switch_hops.max);
  json_object_set_double_member (change, "hops_mean", failed->switch_hops.mean - base->switch_hops.mean);
  json_object_set_int_member (change, "unreachable_pairs",
                              (gint64) failed->unreachable_pairs - (gint64) base->unreachable_pairs);
  json_object_set_object_member (object, "change", change);
}

int
weft_cli_metrics (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(WeftMetrics) base = NULL;
  g_autoptr(WeftPath) path = NULL;
  g_autofree char *catalog_path = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) fail = NULL;
  const char *path_ends[2] = { NULL, NULL };
  gboolean as_json = FALSE, as_csv = FALSE, with_split = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &as_csv, "Print CSV: metric,value,unit", NULL },
    { "fail", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fail,
      "Remove an element first and report the change: link:ID, link:A,B or node:NAME (repeatable)", "ELEMENT" },
    { "split", 0, 0, G_OPTION_ARG_NONE, &with_split, "With --json, list the GPUs on one side of the bisection", NULL },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      "Catalog file whose parts replace the built-in ones of the same id", "FILE" },
    { NULL }
  };

  /* --path takes two values, which GOption cannot: take them out first. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--path"))
      {
        if (i + 2 >= argc)
          return weft_cli_fail (WEFT_EXIT_USAGE, "--path takes two GPU names: --path A B");
        path_ends[0] = argv[i + 1];
        path_ends[1] = argv[i + 2];
        memmove (&argv[i], &argv[i + 3], (argc - i - 3 + 1) * sizeof (char *));
        argc -= 3;
        i--;
      }

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

  fabric = weft_cli_load (argv[1], catalog_path, &error);
  if (fabric == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);

  if (path_ends[0] != NULL)
    {
      guint from = weft_fabric_lookup_node (fabric, path_ends[0]);
      guint to = weft_fabric_lookup_node (fabric, path_ends[1]);

      if (from == WEFT_NONE || to == WEFT_NONE)
        return weft_cli_fail (WEFT_EXIT_INPUT, "--path: %s has no node '%s'", argv[1],
                              from == WEFT_NONE ? path_ends[0] : path_ends[1]);
    }

  if (fail != NULL)
    {
      failed = apply_failures (fabric, fail, &error);
      if (failed == NULL)
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
      base = weft_metrics_compute (fabric, WEFT_METRICS_ALL, NULL, NULL, NULL, &error);
      if (base == NULL)
        return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
    }
  metrics = weft_metrics_compute (failed ? failed : fabric, WEFT_METRICS_ALL, NULL, NULL, NULL, &error);
  if (metrics == NULL)
    return weft_cli_fail (WEFT_EXIT_INPUT, "%s", error->message);
  if (path_ends[0] != NULL)
    {
      WeftFabric *on = failed ? failed : fabric;

      path = weft_metrics_path (on, weft_fabric_lookup_node (on, path_ends[0]),
                                weft_fabric_lookup_node (on, path_ends[1]), &error);
      if (path == NULL)
        return weft_cli_fail (WEFT_EXIT_INPUT, "--path %s %s: %s", path_ends[0], path_ends[1],
                              error->message);
    }

  if (as_json)
    {
      g_autofree char *json = weft_metrics_to_json (failed ? failed : fabric, metrics, path, with_split);

      if (base != NULL)
        {
          g_autoptr(JsonNode) root = json_from_string (json, NULL);
          JsonObject *failure = json_object_new ();
          JsonArray *elements = json_array_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *out = NULL;

          for (guint i = 0; fail[i] != NULL; i++)
            json_array_add_string_element (elements, fail[i]);
          json_object_set_array_member (failure, "elements", elements);
          add_change (failure, base, metrics);
          json_object_set_object_member (json_node_get_object (root), "failure", failure);
          json_generator_set_root (generator, root);
          json_generator_set_pretty (generator, TRUE);
          out = json_generator_to_data (generator, NULL);
          g_print ("%s\n", out);
        }
      else
        g_print ("%s\n", json);
    }
  else if (as_csv)
    {
      g_autofree char *csv = weft_metrics_to_csv (metrics);

      g_print ("%s", csv);
    }
  else
    {
      g_autofree char *text = weft_metrics_to_text (failed ? failed : fabric, metrics, path);

      g_print ("%s", text);
      if (base != NULL)
        {
          g_autofree char *elements = g_strjoinv (", ", fail);

          g_print ("\nafter failing %s:\n", elements);
          print_change ("bisection", base->bisection.gbps, metrics->bisection.gbps, "Gb/s");
          print_change ("max switch hops", base->switch_hops.max, metrics->switch_hops.max, "");
          print_change ("mean switch hops", base->switch_hops.mean, metrics->switch_hops.mean, "");
          print_change ("max latency", base->latency.max_ns, metrics->latency.max_ns, "ns");
          print_change ("unreachable pairs", base->unreachable_pairs, metrics->unreachable_pairs, "");
        }
    }
  return WEFT_EXIT_OK;
}
