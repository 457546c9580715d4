/* bench-foundation.c — generating, saving and loading large fabrics. */
#include "weft-bench.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/weft-cable-plan.h"
#include "io/weft-fabric-file.h"
#include "util/weft-format.h"

/* The target: 131,072 GPUs rail-optimized in 3 tiers. SN5600 at
 * 400G gives radix 128; a 64-port switch tops out at 65,536 in 3 tiers. */
static void
bench_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fabric.weft.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) loaded = NULL;
  g_autofree char *nodes = NULL, *links = NULL;
  double t0, t1, t2, t3;
  GStatBuf st;

  t0 = weft_bench_now ();
  fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  t1 = weft_bench_now ();
  weft_fabric_save_file (fabric, path, &error);
  g_assert_no_error (error);
  t2 = weft_bench_now ();
  g_clear_object (&fabric);
  loaded = weft_fabric_load_file (catalog, path, &error);
  g_assert_no_error (error);
  t3 = weft_bench_now ();

  nodes = weft_format_count (weft_fabric_get_n_nodes (loaded));
  links = weft_format_count (weft_fabric_get_n_links (loaded));
  g_stat (path, &st);
  printf ("  %s nodes, %s link records, file %.1f MB\n", nodes, links, st.st_size / 1e6);
  weft_bench_report ("generate", t1 - t0, "s", 0);
  weft_bench_report ("save", t2 - t1, "s", 0);
  weft_bench_report ("generate + save", t2 - t0, "s", 3);
  weft_bench_report ("load", t3 - t2, "s", 3);
  g_unlink (path);
  g_rmdir (dir);
}

/* The same 131,072 GPUs as a cable plan: one CSV row per cable, NVLinks
 * included. The schedule is written in one child and imported in another,
 * so that the import's peak memory is its own. */
static void
write_schedule_131k (WeftCatalog *catalog,
                     const char  *path)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autoptr(GError) error = NULL;
  double t0 = weft_bench_now ();
  GStatBuf st;

  weft_fabric_save_cable_schedule (fabric, path, &error);
  g_assert_no_error (error);
  g_stat (path, &st);
  printf ("  schedule %.1f MB\n", st.st_size / 1e6);
  weft_bench_report ("export the cable schedule", weft_bench_now () - t0, "s", 0);
}

static void
import_schedule_131k (WeftCatalog *catalog,
                      const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_auto(WeftImportReport) report = { 0 };
  g_autofree char *cables = NULL, *links = NULL;
  double t0 = weft_bench_now ();
  guint64 n_cables = 0;

  weft_import_report_init (&report);
  fabric = weft_fabric_import_file (catalog, path, NULL, &report, &error);
  g_assert_no_error (error);
  weft_bench_report ("import the cable plan", weft_bench_now () - t0, "s", 3);
  g_assert_cmpuint (report.n_warnings, ==, 0);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    n_cables += weft_fabric_get_link (fabric, i)->count;
  cables = weft_format_count (n_cables);
  links = weft_format_count (weft_fabric_get_n_links (fabric));
  printf ("  %s cables in %s link records\n", cables, links);
}

static void
bench_cable_plan_131k (WeftCatalog *catalog)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cables.csv", NULL);
  struct rusage usage;
  int status;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      write_schedule_131k (catalog, path);
      fflush (stdout);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      import_schedule_131k (catalog, path);
      fflush (stdout);
      _exit (0);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  weft_bench_report ("import peak resident memory", usage.ru_maxrss / 1024.0, "MB", 1536);
  g_unlink (path);
  g_rmdir (dir);
}

static void
bench_fat_tree_k48 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "k", "48", NULL };
  double t0 = weft_bench_now ();
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "fat-tree", pairs);

  weft_bench_report ("generate fat tree k=48 (27,648 GPUs)", weft_bench_now () - t0, "s", 0);
}

const WeftBenchCase weft_bench_foundation_cases[] = {
  { "foundation/rail-optimized-131k",
    "generate, save and load 131,072 GPUs (3-tier rail-optimized)", bench_131k, 1024 },
  { "foundation/cable-plan-131k", "export and import the cable plan of 131,072 GPUs",
    bench_cable_plan_131k, 0 },
  { "foundation/fat-tree-k48", "generate a k=48 fat tree", bench_fat_tree_k48, 0 },
  { NULL }
};
