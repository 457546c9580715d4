/* bench-foundation.c — generating, saving and loading large fabrics. */
#include "weft-bench.h"

#include <glib/gstdio.h>

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

static void
bench_fat_tree_k48 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "k", "48", NULL };
  double t0 = weft_bench_now ();
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "fat-tree", pairs);

  weft_bench_report ("generate fat tree k=48 (27,648 GPUs)", weft_bench_now () - t0, "s", 0);
}

const WeftBenchCase weft_bench_foundation_cases[] = {
  { "foundation/rail-optimized-131k", "generate, save and load 131,072 GPUs (3-tier rail-optimized)",
    bench_131k, 1024 },
  { "foundation/fat-tree-k48", "generate a k=48 fat tree", bench_fat_tree_k48, 0 },
  { NULL }
};
