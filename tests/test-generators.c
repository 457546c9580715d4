/* test-generators.c — every generator against the closed forms of its topology. */
#include "weft-test-util.h"

#include "model/weft-validate.h"

static WeftCatalog *catalog;

static void
assert_no_problems (WeftFabric *fabric)
{
  g_autoptr(GPtrArray) problems = weft_fabric_validate (fabric);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((WeftProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_closed_form (WeftFabric *fabric,
                    double      bisection_gbps,
                    guint       diameter)
{
  WeftClosedForm cf;

  g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
  g_assert_true (cf.has_diameter);
  g_assert_cmpuint (cf.diameter_switch_hops, ==, diameter);
  if (bisection_gbps > 0)
    {
      g_assert_true (cf.has_bisection);
      g_assert_cmpfloat_with_epsilon (cf.bisection_gbps, bisection_gbps, 1e-6);
    }
  else
    g_assert_false (cf.has_bisection);
}

/* Al-Fares et al.: k³/4 hosts; (k/2)² core, k²/2 aggregation, k²/2 edge
 * switches; k³/4 edge–aggregation and k³/4 aggregation–core links;
 * full bisection k³/8 links; 5 switches between pods. */
static void
test_fat_tree (gconstpointer data)
{
  guint k = GPOINTER_TO_UINT (data);
  g_autofree char *karg = g_strdup_printf ("k=%u", k);
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", karg, "scale-up=none",
                                                     "gpus-per-server=1", NULL);

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, k * k * k / 4);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_CORE), ==, (k / 2) * (k / 2));
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, k * k / 2);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, k * k / 2);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_CORE) +
                    weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE) +
                    weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 5 * k * k / 4);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE), ==, k * k * k / 4);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_SPINE, WEFT_NODE_CORE), ==, k * k * k / 4);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_LEAF), ==, k * k * k / 4);
  assert_closed_form (fabric, k * k * k / 8.0 * 400, 5);
  assert_no_problems (fabric);
}

/* A non-blocking 2-tier Clos of radix k holds k²/2 GPUs: k leaves of k/2
 * GPUs, k/2 spines; bisection N/2 links, 3 switches across. */
static void
test_leaf_spine_max (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=2048", NULL);

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 2048);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 64);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 32);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_NVSWITCH), ==, 256);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE), ==, 64 * 32);
  assert_closed_form (fabric, 1024 * 400.0, 3);
  assert_no_problems (fabric);
}

static void
test_leaf_spine_too_big (void)
{
  g_autoptr(GError) error = weft_test_generate_error (catalog, "leaf-spine", "gpus=4096", NULL);

  g_assert_error (error, WEFT_GENERATOR_ERROR, WEFT_GENERATOR_ERROR_IMPOSSIBLE);
  g_assert_cmpstr (error->message, ==,
                   "--gpus 4096: radix 64 at 400G gives at most 2,048 GPUs in 2 tiers; "
                   "use --tiers 3 or a larger radix");
}

/* At r:1 the leaf has 64/(r+1) uplinks: bisection GPUs/(2r) links. */
static void
test_leaf_spine_oversubscribed (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=3072",
                                                     "oversubscription=3", NULL);

  /* 48 down, 16 up: 64 leaves, 16 spines with one link to each leaf. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 64);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 16);
  assert_closed_form (fabric, 3072 / (2.0 * 3) * 400, 3);
  assert_no_problems (fabric);
}

static void
test_leaf_spine_three_tiers (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=4096", "tiers=3", NULL);

  /* 128 leaves in 4 pods of 32, 32 spines a pod, 32 core groups of 2. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 128);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 128);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_CORE), ==, 64);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_SPINE, WEFT_NODE_CORE), ==, 128 * 32);
  assert_closed_form (fabric, 2048 * 400.0, 5);
  assert_no_problems (fabric);
}

/* NVIDIA's SuperPOD pattern: 1,024 GPUs, 8 per server, radix 64: an SU of
 * 32 servers has one leaf per rail; 4 leaves per rail, 16 spines. */
static void
test_rail_optimized (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=1024", NULL);
  guint per_rail[8] = { 0 };

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 32);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 16);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, i);

      if (node->kind == WEFT_NODE_LEAF)
        per_rail[node->groups.rail]++;
    }
  for (guint r = 0; r < 8; r++)
    g_assert_cmpuint (per_rail[r], ==, 4);

  /* GPU g of every server is on a rail-g leaf. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (a->kind == WEFT_NODE_GPU && b->kind == WEFT_NODE_LEAF)
        g_assert_cmpint (a->groups.rail, ==, b->groups.rail);
    }
  assert_closed_form (fabric, 512 * 400.0, 3);
  assert_no_problems (fabric);
}

static void
test_rail_optimized_three_tiers (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=131072",
                                                     "tiers=3", "protocol=ethernet", NULL);

  /* SN5600: 128 ports at 400G, 64 down. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 131072);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 2048);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 2048);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_CORE), ==, 1024);
  assert_closed_form (fabric, 65536 * 400.0, 5);
  assert_no_problems (fabric);
}

/* Wang et al. 2023: one network per rail, none between them. */
static void
test_rail_only (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-only", "gpus=1024", NULL);

  /* 128 domains a rail: 4 leaves of 32 a rail, whose 128 uplinks fill
   * two 64-port spines. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 8 * 4);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 8 * 2);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (a->kind != WEFT_NODE_GPU && b->kind != WEFT_NODE_GPU && a->kind != WEFT_NODE_NVSWITCH &&
          b->kind != WEFT_NODE_NVSWITCH)
        g_assert_cmpint (a->groups.rail, ==, b->groups.rail);
    }
  assert_closed_form (fabric, 512 * 400.0, 4);
  assert_no_problems (fabric);
}

static void
test_rail_only_single_tier (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-only", "gpus=256", NULL);

  /* 32 domains: one switch a rail. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 8);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 0);
  assert_closed_form (fabric, 128 * 400.0, 2);
}

static void
test_rail_only_needs_scale_up (void)
{
  g_autoptr(GError) error = weft_test_generate_error (catalog, "rail-only", "gpus=256",
                                                      "scale-up=none", NULL);

  g_assert_true (g_str_has_prefix (error->message, "rail-only needs a scale-up domain"));
}

/* Kim et al. 2008: g = a·h + 1 groups, a(a−1)/2 local links a group, one
 * global link per pair of groups. */
static void
test_dragonfly_small (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "dragonfly", "p=2", "a=4", "h=2",
                                                     "scale-up=none", NULL);
  guint local = 0, global = 0;

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, 36);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 72);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (a->kind == WEFT_NODE_ROUTER && b->kind == WEFT_NODE_ROUTER)
        {
          if (a->groups.group == b->groups.group)
            local += link->count;
          else
            global += link->count;
        }
    }
  g_assert_cmpuint (local, ==, 54);
  g_assert_cmpuint (global, ==, 36);
  /* ⌊9/2⌋·⌈9/2⌉ = 20 global links, fewer than the 36 GPU links of a half. */
  assert_closed_form (fabric, 20 * 400.0, 4);
  assert_no_problems (fabric);
}

static void
test_dragonfly_large (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "dragonfly", "p=8", "a=16", "h=8", NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint *global_ports;
  guint global = 0;

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, 2064);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 16512);
  global_ports = g_new0 (guint, weft_fabric_get_n_nodes (fabric));
  g_array_set_size (keys, 8256);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (a->kind == WEFT_NODE_ROUTER && b->kind == WEFT_NODE_ROUTER &&
          a->groups.group != b->groups.group)
        {
          gint64 *key = &g_array_index (keys, gint64, global);

          *key = (gint64) MIN (a->groups.group, b->groups.group) << 32 | MAX (a->groups.group, b->groups.group);
          g_assert_false (g_hash_table_contains (pairs, key));
          g_hash_table_add (pairs, key);
          global += link->count;
          global_ports[link->a] += link->count;
          global_ports[link->b] += link->count;
        }
    }
  g_assert_cmpuint (global, ==, 8256);
  g_assert_cmpuint (g_hash_table_size (pairs), ==, 129 * 128 / 2);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_ROUTER)
      g_assert_cmpuint (global_ports[i], ==, 8);
  g_free (global_ports);
  assert_closed_form (fabric, 64 * 65 * 400.0, 4);
  assert_no_problems (fabric);
}

static void
test_dragonfly_radix (void)
{
  g_autoptr(GError) error = weft_test_generate_error (catalog, "dragonfly", "p=20", "a=40", "h=20", NULL);

  g_assert_cmpstr (error->message, ==,
                   "a router with p=20, a=40, h=20 needs p + a − 1 + h = 79 ports; qm9700 has 64 at 400G");
}

static void
test_torus (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "torus", "dims=16x16x16", NULL);

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, 4096);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 4096);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_ROUTER, WEFT_NODE_ROUTER), ==, 12288);
  /* 2N/k links across the middle; ⌊16/2⌋·3 + 1 routers across. */
  assert_closed_form (fabric, 2.0 * 4096 / 16 * 400, 25);
  assert_no_problems (fabric);
}

static void
test_torus_ring_of_two (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "torus", "dims=2x4", NULL);

  /* The size-2 dimension joins each pair twice, as one record of two. */
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_ROUTER, WEFT_NODE_ROUTER), ==, 16);
  assert_closed_form (fabric, 2.0 * 8 / 4 * 400, 4);
  assert_no_problems (fabric);
}

/* Copper inside a rack, optics beyond reach. */
static void
test_placement_media (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=2048", NULL);
  guint optics = 0;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);
      const WeftMediaPart *media = weft_fabric_get_link_media (fabric, i);

      g_assert_nonnull (media);
      if (a->kind == WEFT_NODE_GPU && b->kind == WEFT_NODE_LEAF)
        {
          /* A leaf of 32 GPUs sits at the top of their rack. */
          g_assert_cmpuint (a->rack, ==, b->rack);
          g_assert_cmpint (media->medium, ==, WEFT_MEDIUM_DAC);
        }
      else if (a->kind == WEFT_NODE_LEAF && b->kind == WEFT_NODE_SPINE)
        {
          /* Across the floor: the inter-rack slack alone is 4 m. */
          g_assert_cmpuint (a->rack, !=, b->rack);
          g_assert_cmpfloat (link->length_m, >, 4);
          g_assert_cmpint (media->medium, !=, WEFT_MEDIUM_DAC);
          g_assert_cmpfloat (media->reach_m, >=, link->length_m);
          optics += media->medium == WEFT_MEDIUM_DSP;
        }
    }
  g_assert_cmpuint (optics, >, 0);
}

static void
test_bad_parts (void)
{
  g_autoptr(GError) e1 = weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "switch=qm9999", NULL);
  g_autoptr(GError) e2 = weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "switch=sn5600", NULL);
  g_autoptr(GError) e3 = weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "switch=qm9700",
                                                   "speed=800", NULL);
  g_autoptr(GError) e4 = weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "optics=cpo", NULL);
  g_autoptr(GError) e5 = weft_test_generate_error (catalog, "leaf-spine", "gpus=100", NULL);

  g_assert_error (e1, WEFT_GENERATOR_ERROR, WEFT_GENERATOR_ERROR_PART);
  g_assert_true (g_str_has_prefix (e1->message, "--switch qm9999: no such switch in the catalog"));
  g_assert_true (g_str_has_prefix (e2->message,
                                   "--switch sn5600 does not speak infiniband: use --protocol ethernet"));
  g_assert_true (g_str_has_prefix (e3->message, "--switch qm9700 has no 800G ports"));
  g_assert_true (g_str_has_prefix (e4->message, "--optics cpo needs a co-packaged-optics switch"));
  g_assert_cmpstr (e5->message, ==, "--gpus 100 is not a multiple of 8 GPUs per server");
}

static void
test_nvl72_domains (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=1152",
                                                     "scale-up=nvlink5", "speed=800", NULL);
  g_autoptr(GError) error = weft_test_generate_error (catalog, "leaf-spine", "gpus=1024",
                                                      "scale-up=nvlink5", NULL);

  /* 16 NVL72 racks of 18 four-GPU trays, one switch unit each. */
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_NVSWITCH), ==, 16);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_NVSWITCH), ==, 1152 * 18);
  assert_no_problems (fabric);
  g_assert_cmpstr (error->message, ==,
                   "--gpus 1024 is not a whole number of nvlink5 domains of 72 GPUs; try --gpus 1080");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  g_test_add_data_func ("/generators/fat-tree/k4", GUINT_TO_POINTER (4), test_fat_tree);
  g_test_add_data_func ("/generators/fat-tree/k8", GUINT_TO_POINTER (8), test_fat_tree);
  g_test_add_data_func ("/generators/fat-tree/k48", GUINT_TO_POINTER (48), test_fat_tree);
  g_test_add_func ("/generators/leaf-spine/max-2-tier", test_leaf_spine_max);
  g_test_add_func ("/generators/leaf-spine/too-big", test_leaf_spine_too_big);
  g_test_add_func ("/generators/leaf-spine/oversubscribed", test_leaf_spine_oversubscribed);
  g_test_add_func ("/generators/leaf-spine/three-tiers", test_leaf_spine_three_tiers);
  g_test_add_func ("/generators/rail-optimized/superpod", test_rail_optimized);
  g_test_add_func ("/generators/rail-optimized/three-tiers", test_rail_optimized_three_tiers);
  g_test_add_func ("/generators/rail-only/two-tier-rails", test_rail_only);
  g_test_add_func ("/generators/rail-only/single-tier", test_rail_only_single_tier);
  g_test_add_func ("/generators/rail-only/needs-scale-up", test_rail_only_needs_scale_up);
  g_test_add_func ("/generators/dragonfly/p2-a4-h2", test_dragonfly_small);
  g_test_add_func ("/generators/dragonfly/p8-a16-h8", test_dragonfly_large);
  g_test_add_func ("/generators/dragonfly/radix", test_dragonfly_radix);
  g_test_add_func ("/generators/torus/16x16x16", test_torus);
  g_test_add_func ("/generators/torus/ring-of-two", test_torus_ring_of_two);
  g_test_add_func ("/generators/placement-media", test_placement_media);
  g_test_add_func ("/generators/bad-parts", test_bad_parts);
  g_test_add_func ("/generators/nvl72", test_nvl72_domains);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
