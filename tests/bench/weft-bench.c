/* weft-bench.c — `make bench`: runs every benchmark case in its own process and prints the figures.
 */
#include "weft-bench.h"

#include "generators/weft-generator.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const WeftBenchCase *const areas[] = {
  weft_bench_foundation_cases,
  weft_bench_metrics_cases,
  weft_bench_render_cases,
  weft_bench_reliability_cases,
};

static guint misses;

WeftFabric *
weft_bench_generate (WeftCatalog       *catalog,
                     const char        *arch,
                     const char *const *pairs)
{
  g_auto(WeftGenParams) params = { 0 };
  g_autoptr(GError) error = NULL;
  WeftArch a;
  WeftFabric *fabric;

  g_assert_true (weft_arch_from_string (arch, &a));
  weft_gen_params_init (&params, a);
  for (guint i = 0; pairs[i] != NULL; i += 2)
    weft_gen_params_set (&params, pairs[i], pairs[i + 1], &error);
  g_assert_no_error (error);
  fabric = weft_generate (catalog, &params, &error);
  g_assert_no_error (error);
  return fabric;
}

double
weft_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
weft_bench_median (double *values,
                   guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

void
weft_bench_report (const char *what,
                   double      value,
                   const char *unit,
                   double      target)
{
  if (target > 0)
    {
      gboolean met = value <= target;

      printf ("  %-58s %10.3f %-3s (target ≤ %g %s) %s\n", what, value, unit, target, unit,
              met ? "ok" : "MISSED");
      misses += !met;
    }
  else
    printf ("  %-58s %10.3f %s\n", what, value, unit);
  fflush (stdout);
}

/* Runs @bench in a child so that its peak memory is its own. */
static gboolean
run_case (const WeftBenchCase *bench)
{
  struct rusage usage;
  int status;
  pid_t pid;
  double rss_mb;

  printf ("%s — %s\n", bench->name, bench->description);
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      WeftCatalog *catalog = weft_catalog_new_default ();

      /* The child counts only its own misses, not those of the cases before it. */
      misses = 0;
      bench->func (catalog);
      g_object_unref (catalog);
      fflush (stdout);
      _exit (misses > 0 ? 3 : 0);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) < 0)
    return FALSE;

  rss_mb = usage.ru_maxrss / 1024.0;
  weft_bench_report ("peak resident memory", rss_mb, "MB", bench->max_rss_mb);
  if (!WIFEXITED (status) || (WEXITSTATUS (status) != 0 && WEXITSTATUS (status) != 3))
    {
      printf ("  FAILED (the case crashed)\n");
      misses++;
    }
  else if (WEXITSTATUS (status) == 3)
    misses++;
  printf ("\n");
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint ran = 0;

  printf ("Weft benchmarks on %ld cores\n\n", sysconf (_SC_NPROCESSORS_ONLN));
  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    for (const WeftBenchCase *bench = areas[a]; bench->name != NULL; bench++)
      {
        gboolean wanted = argc < 2;

        /* Arguments select cases by name prefix. */
        for (int i = 1; i < argc; i++)
          wanted |= g_str_has_prefix (bench->name, argv[i]);
        if (wanted && run_case (bench))
          ran++;
      }

  printf ("%u cases, %u of them missed a target\n", ran, misses);
  return misses > 0 ? 1 : 0;
}
