/* test-generators.c — every generator against the closed forms of its topology. */
#include "weft-test-util.h"

#include <string.h>

#include "io/weft-fabric-file.h"
#include "metrics/weft-metrics.h"
#include "model/weft-validate.h"
#include "util/weft-format.h"

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

static gboolean
is_network_link (WeftFabric     *fabric,
                 const WeftLink *l)
{
  WeftNodeKind a = weft_fabric_get_node (fabric, l->a)->kind;
  WeftNodeKind b = weft_fabric_get_node (fabric, l->b)->kind;

  return a != WEFT_NODE_GPU && b != WEFT_NODE_GPU && a != WEFT_NODE_NVSWITCH &&
         b != WEFT_NODE_NVSWITCH;
}

/* Hops over switch-to-switch links between switches of kind @ends: the
 * most (G_MAXUINT when some cannot reach others); each switch's links to
 * other switches, counted with their parallel links, into @degree. */
static guint
switch_diameter (WeftFabric   *fabric,
                 WeftNodeKind  ends,
                 guint        *degree)
{
  guint n = weft_fabric_get_n_nodes (fabric), m = weft_fabric_get_n_links (fabric), most = 0;
  g_autofree guint *offsets = g_new0 (guint, n + 1);
  g_autofree guint *next = g_new (guint, 2 * (gsize) MAX (m, 1));
  g_autofree guint *fill = g_new0 (guint, n);
  g_autofree guint *dist = g_new (guint, n);
  g_autofree guint *queue = g_new (guint, n);

  memset (degree, 0, sizeof (guint) * n);
  for (guint i = 0; i < m; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if (!is_network_link (fabric, l))
        continue;
      offsets[l->a + 1]++;
      offsets[l->b + 1]++;
      degree[l->a] += l->count;
      degree[l->b] += l->count;
    }
  for (guint v = 0; v < n; v++)
    offsets[v + 1] += offsets[v];
  for (guint i = 0; i < m; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if (!is_network_link (fabric, l))
        continue;
      next[offsets[l->a] + fill[l->a]++] = l->b;
      next[offsets[l->b] + fill[l->b]++] = l->a;
    }
  for (guint source = 0; source < n; source++)
    {
      guint head = 0, tail = 0;

      if (weft_fabric_get_node (fabric, source)->kind != ends)
        continue;
      for (guint v = 0; v < n; v++)
        dist[v] = G_MAXUINT;
      dist[source] = 0;
      queue[tail++] = source;
      while (head < tail)
        {
          guint u = queue[head++];

          for (guint e = offsets[u]; e < offsets[u + 1]; e++)
            if (dist[next[e]] == G_MAXUINT)
              {
                dist[next[e]] = dist[u] + 1;
                queue[tail++] = next[e];
              }
        }
      for (guint v = 0; v < n; v++)
        if (weft_fabric_get_node (fabric, v)->kind == ends)
          most = MAX (most, dist[v]);
    }
  return most;
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
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE), ==,
                    k * k * k / 4);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_SPINE, WEFT_NODE_CORE), ==,
                    k * k * k / 4);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_LEAF), ==,
                    k * k * k / 4);
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
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "leaf-spine", "gpus=4096", "tiers=3", NULL);

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

/* With one leaf a rail, a message to another rail crosses the sender's
 * domain and that rail's leaf: two switch hops over NVSwitch, one over a
 * mesh, as the metrics measure; with two leaves a rail a spine is nearer. */
static void
test_rail_optimized_one_leaf_a_rail (void)
{
  static const struct { const char *gpus; const char *scale_up; guint diameter; } cases[] = {
    { "gpus=16", "scale-up=nvlink4", 2 },
    { "gpus=256", "scale-up=nvlink4", 2 },
    { "gpus=16", "scale-up=infinity-fabric", 1 },
    { "gpus=512", "scale-up=nvlink4", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", cases[i].gpus,
                                                         cases[i].scale_up, NULL);
      g_autoptr(WeftMetrics) metrics = weft_metrics_compute (fabric, WEFT_METRICS_HOPS, NULL,
                                                             NULL, NULL, NULL);
      WeftClosedForm cf;

      g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
      g_assert_cmpuint (cf.diameter_switch_hops, ==, cases[i].diameter);
      g_assert_cmpuint (metrics->switch_hops.max, ==, cases[i].diameter);
    }
}

/* A four-dimensional torus keeps a 4×4×4 cube to a rack, a fourth
 * dimension a rack a step: every chip's unit is inside its rack, and the
 * file reads back (it refused a unit 43 in a 42U rack once). */
static void
test_torus_four_dims (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "torus", "dims=4x4x4x2", NULL);
  g_autoptr(GBytes) bytes = weft_fabric_to_bytes (fabric);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) again = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (weft_fabric_get_n_racks (fabric), ==, 2);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftNode *node = weft_fabric_get_node (fabric, i);

      g_assert_cmpuint (node->u, >=, 1);
      g_assert_cmpuint (node->u, <=, weft_fabric_get_rack (fabric, node->rack)->units);
    }
  again = weft_fabric_load_data (catalog, data, size, "torus.weft.json", &error);
  g_assert_no_error (error);
  g_assert_true (weft_fabric_same_graph (fabric, again));
}

/* Alibaba HPN (Qian et al., SIGCOMM'24): each NIC's two ports go to
 * leaves of two planes. At 400G a GPU has two 200G ports; QM9700 has 128
 * of them, so each plane is the single-plane Clos at radix 128: 2,048 GPUs
 * on 256 servers make 4 leaves a rail (64 down), 32 leaves and 16 spines a
 * plane (each leaf 4 links to each spine), and the bisection of both planes
 * is that of one 400G plane, 1,024 × 400 Gb/s. */
static void
test_rail_optimized_planes (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=2048",
                                                     "planes=2", NULL);
  g_autofree guint *per_gpu = g_new0 (guint, weft_fabric_get_n_nodes (fabric));
  guint gpu_links = 0, leaf_spine = 0;

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 2 * 32);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 2 * 16);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (link->link_class != WEFT_LINK_SCALE_OUT)
        continue;
      g_assert_cmpuint (link->speed_gbps, ==, 200);
      if (a->kind == WEFT_NODE_GPU && b->kind == WEFT_NODE_LEAF)
        {
          /* One port to plane 0, then one to plane 1, each on the GPU's rail. */
          g_assert_cmpint (a->groups.rail, ==, b->groups.rail);
          g_assert_true (g_str_has_prefix (b->name, per_gpu[link->a] == 0 ? "leaf-p0-"
                                                                            : "leaf-p1-"));
          per_gpu[link->a]++;
          gpu_links += link->count;
        }
      else if (a->kind == WEFT_NODE_LEAF && b->kind == WEFT_NODE_SPINE)
        {
          g_assert_cmpuint (link->count, ==, 4);
          g_assert_true (strncmp (a->name + 5, b->name + 6, 3) == 0);
          leaf_spine++;
        }
    }
  g_assert_cmpuint (gpu_links, ==, 2 * 2048);
  g_assert_cmpuint (leaf_spine, ==, 2 * 32 * 16);
  assert_closed_form (fabric, 1024 * 400.0, 3);
  assert_no_problems (fabric);
}

/* Planes for every Clos: a 3-tier leaf-spine and a rail-only fabric keep
 * their single-plane shape per plane at half the speed, and a speed that
 * does not split is refused, naming the option. */
static void
test_planes_other_clos (void)
{
  g_autoptr(WeftFabric) three = weft_test_generate (catalog, "leaf-spine", "gpus=16384",
                                                    "tiers=3", "planes=2", NULL);
  g_autoptr(WeftFabric) rails = weft_test_generate (catalog, "rail-only", "gpus=1024",
                                                    "planes=2", NULL);
  g_autoptr(WeftFabric) single = weft_test_generate (catalog, "rail-only", "gpus=1024",
                                                     "speed=200", NULL);
  g_autoptr(GError) error = weft_test_generate_error (catalog, "leaf-spine", "gpus=64",
                                                      "planes=3", NULL);

  /* 200G ports at radix 128: 64 down, so 256 leaves a plane. */
  g_assert_cmpuint (weft_test_count_links (three, WEFT_NODE_GPU, WEFT_NODE_LEAF), ==, 2 * 16384);
  g_assert_cmpuint (weft_fabric_count_nodes (three, WEFT_NODE_LEAF), ==, 2 * 16384 / 64);
  assert_closed_form (three, 8192 * 400.0, 5);
  /* Rail-only: each plane is the 200G rail-only fabric. */
  g_assert_cmpuint (weft_fabric_count_nodes (rails, WEFT_NODE_LEAF), ==,
                    2 * weft_fabric_count_nodes (single, WEFT_NODE_LEAF));
  g_assert_cmpuint (weft_test_count_links (rails, WEFT_NODE_GPU, WEFT_NODE_LEAF), ==, 2 * 1024);
  assert_closed_form (rails, 512 * 400.0, 2);
  g_assert_nonnull (strstr (error->message, "--planes 3"));
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
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "dragonfly", "p=8", "a=16", "h=8", NULL);
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

          *key = (gint64) MIN (a->groups.group, b->groups.group) << 32 |
                 MAX (a->groups.group, b->groups.group);
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
  g_autoptr(GError) error =
      weft_test_generate_error (catalog, "dragonfly", "p=20", "a=40", "h=20", NULL);

  g_assert_cmpstr (
      error->message, ==,
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

/* Links between two switches of different Dragonfly+ groups, and each
 * pair of groups' count of them. */
static guint
count_global (WeftFabric *fabric,
              guint       g,
              guint      *pairs)
{
  guint global = 0;

  memset (pairs, 0, sizeof (guint) * g * g);
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);

      if (a->kind == WEFT_NODE_SPINE && b->kind == WEFT_NODE_SPINE)
        {
          g_assert_cmpint (a->groups.group, !=, b->groups.group);
          global += link->count;
          pairs[a->groups.group * g + b->groups.group] += link->count;
          pairs[b->groups.group * g + a->groups.group] += link->count;
        }
    }
  return global;
}

typedef struct
{
  const char *args[8];
  guint p, l, s, h, g;
  double bisection_links;   /* 0: no closed form */
} DragonflyPlus;

/* Shpiner et al.: g groups of l leaves and s spines; l·s links inside a
 * group, each spine h global links at most, m = ⌊s·h / (g − 1)⌋ between
 * each pair of groups, so m·g(g − 1)/2 in all; leaf, spine, spine, leaf
 * between groups. Bisection m·(g/2)² for g even (see the generator). */
static const DragonflyPlus dragonfly_plus_cases[] = {
  /* Megafly at its full size, g = s·h + 1 = 9: odd, no closed bisection. */
  { { "p=4", "leaves=4", "spines=4", "h=2", NULL }, 4, 4, 4, 2, 9, 0 },
  /* 1,024 GPUs alone: balanced at p = l = s = h = 8, 16 groups, m = 4. */
  { { "gpus=1024", NULL }, 8, 8, 8, 8, 16, 4 * 8 * 8 },
  /* 16,384 GPUs, 64 groups of 256, m = 4: 4,096 links across. */
  { { "p=16", "leaves=16", "spines=16", "h=16", "groups=64", "scale-up=none", NULL },
    16, 16, 16, 16, 64, 4 * 32 * 32 },
  /* Two groups, m = s·h = 4 links between them. */
  { { "p=4", "leaves=4", "spines=2", "h=2", "groups=2", NULL }, 4, 4, 2, 2, 2, 4 },
};

static void
test_dragonfly_plus (gconstpointer data)
{
  const DragonflyPlus *c = data;
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "dragonfly-plus", c->args[0],
                                                     c->args[1], c->args[2], c->args[3],
                                                     c->args[4], c->args[5], NULL);
  guint m = c->s * c->h / (c->g - 1);
  g_autofree guint *pairs = g_new (guint, c->g * c->g);
  g_autofree guint *degree = g_new (guint, weft_fabric_get_n_nodes (fabric));

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, c->g * c->l * c->p);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, c->g * c->l);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, c->g * c->s);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_LEAF), ==,
                    c->g * c->l * c->p);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE), ==,
                    c->g * c->l * c->s);
  g_assert_cmpuint (count_global (fabric, c->g, pairs), ==, m * c->g * (c->g - 1) / 2);
  for (guint a = 0; a < c->g; a++)
    for (guint b = 0; b < c->g; b++)
      g_assert_cmpuint (pairs[a * c->g + b], ==, a == b ? 0 : m);
  /* Two hops between leaves of a group, three between groups. */
  g_assert_cmpuint (switch_diameter (fabric, WEFT_NODE_LEAF, degree), ==, 3);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_SPINE)
      g_assert_cmpuint (degree[i], <=, c->l + c->h);
  assert_closed_form (fabric, c->bisection_links * 400, 4);
  assert_no_problems (fabric);
}

static void
test_dragonfly_plus_errors (void)
{
  g_autoptr(GError) radix = weft_test_generate_error (catalog, "dragonfly-plus", "p=40", "leaves=8",
                                                      "spines=32", "h=8", NULL);
  g_autoptr(GError) partial = weft_test_generate_error (catalog, "dragonfly-plus", "p=4", NULL);
  g_autoptr(GError) groups = weft_test_generate_error (catalog, "dragonfly-plus", "p=4", "leaves=4",
                                                       "spines=4", "h=2", "groups=10", NULL);
  g_autoptr(GError) size = weft_test_generate_error (catalog, "dragonfly-plus", "gpus=1000", NULL);

  g_assert_cmpstr (radix->message, ==, "a leaf with p=40 GPUs and 32 spines needs p + spines = 72 "
                   "ports; qm9700 has 64 at 400G");
  g_assert_cmpstr (partial->message, ==,
                   "give all of --p, --leaves, --spines and --h, or none and --gpus");
  g_assert_cmpstr (groups->message, ==,
                   "a Dragonfly+ with 4 spines of h=2 has 2 to spines·h + 1 = 9 groups, not 10");
  /* Groups of 100 would not hold whole servers: 16 groups of 64 instead. */
  g_assert_cmpstr (size->message, ==, "p=8, leaves=8, spines=8, h=8 in 16 groups gives 1024 GPUs, "
                   "not 1000; try --gpus 1024");
}

/* McKay–Miller–Širáň graphs (Besta and Hoefler): 2q² routers of network
 * radix k′ = (3q − δ)/2, q = 4w + δ, and diameter 2 — for primes and for
 * prime powers through GF(q). */
static void
test_slim_fly (gconstpointer data)
{
  guint q = GPOINTER_TO_UINT (data);
  g_autofree char *qarg = g_strdup_printf ("q=%u", q);
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "slim-fly", qarg, "p=1", "radix=64",
                                                     "gpus-per-server=1", "scale-up=none", NULL);
  gint delta = q % 4 == 1 ? 1 : q % 4 == 3 ? -1 : 0;
  guint k = (guint) ((3 * (gint) q - delta) / 2);
  g_autofree guint *degree = g_new (guint, weft_fabric_get_n_nodes (fabric));

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, 2 * q * q);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_ROUTER, WEFT_NODE_ROUTER), ==,
                    q * q * k);
  g_assert_cmpuint (switch_diameter (fabric, WEFT_NODE_ROUTER, degree), ==, 2);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_ROUTER)
      g_assert_cmpuint (degree[i], ==, k);
  /* GPUs on routers 2 apart: 3 switches; no closed bisection is known. */
  assert_closed_form (fabric, 0, 3);
  assert_no_problems (fabric);
}

/* p ≈ ⌈k′/2⌉ for full global bandwidth, lowered to whole 8-GPU servers;
 * --gpus alone finds q and p. */
static void
test_slim_fly_sizes (void)
{
  const struct { const char *arg; guint q, p; } sizes[] = {
    { "q=5", 5, 4 }, { "q=7", 7, 4 }, { "q=11", 11, 8 }, { "q=9", 9, 4 }, { "gpus=1024", 8, 8 },
    { "gpus=8192", 16, 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "slim-fly", sizes[i].arg, NULL);
      guint q = sizes[i].q;

      g_test_message ("%s", sizes[i].arg);
      g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, 2 * q * q);
      g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==,
                        2 * q * q * sizes[i].p);
      assert_closed_form (fabric, 0, 3);
    }
}

static void
test_slim_fly_errors (void)
{
  g_autoptr(GError) six = weft_test_generate_error (catalog, "slim-fly", "q=6", NULL);
  g_autoptr(GError) two = weft_test_generate_error (catalog, "slim-fly", "q=2", NULL);
  g_autoptr(GError) size = weft_test_generate_error (catalog, "slim-fly", "gpus=1000", NULL);
  g_autoptr(GError) radix = weft_test_generate_error (catalog, "slim-fly", "q=41", NULL);

  g_assert_cmpstr (six->message, ==, "--q 6 is not a prime power; Slim Fly's MMS graphs need one "
                   "(3, 4, 5, 7, 8, 9, 11, 13, 16, …)");
  g_assert_cmpstr (two->message, ==, "--q 2: MMS graphs need q = 4w + δ with δ of −1, 0 or 1; the "
                   "smallest is 3");
  g_assert_cmpstr (size->message, ==, "no Slim Fly has 1000 GPUs on radix-64 switches (2q² routers "
                   "of p GPUs, q a prime power, p at most k′); try --gpus 1024 (q=8, p=8)");
  g_assert_true (g_str_has_prefix (radix->message, "q=41: no p of GPUs per router fits qm9700"));
}

typedef struct
{
  const char *args[6];
  guint       d;
  guint       L[WEFT_MAX_DIMS];
  guint       K[WEFT_MAX_DIMS];
  guint       T;
  double      bisection_links;   /* 0: no closed form */
} HyperX;

/* Ahn et al.: ∏L_i switches; along dimension i, S·(L_i − 1)/2 trunks of
 * K_i links; d hops between switches, d + 1 between GPUs; bisection
 * min (T·S/2, c·S/4), c = min K_i·L_i, when an even L_i attains c. */
static const HyperX hyperx_cases[] = {
  /* T = c/2 = 4 from --dims alone: full bisection, 128 links either way. */
  { { "dims=8x8", NULL }, 2, { 8, 8 }, { 1, 1 }, 4, 128 },
  { { "dims=4x4x4", NULL }, 3, { 4, 4, 4 }, { 1, 1, 1 }, 2, 64 },
  /* Trunks even the dimensions out: c = 16 both ways, 512 links. */
  { { "dims=16x8", "trunks=1x2", "p=8", NULL }, 2, { 16, 8 }, { 1, 2 }, 8, 512 },
  /* --gpus alone: the fewest switches at full bisection whose trunks are no
   * wider than their dimension is long (32x2 with trunks 1x16 would be 64). */
  { { "gpus=1024", NULL }, 2, { 16, 8 }, { 1, 2 }, 8, 512 },
  { { "gpus=8192", NULL }, 3, { 16, 16, 4 }, { 1, 1, 4 }, 8, 4096 },
  /* The lattice is the limit: c = 4, 4·48/4 = 48 links, under the GPUs' 72. */
  { { "dims=6x4x2", "trunks=1x1x3", "p=3", "scale-up=none", NULL }, 3, { 6, 4, 2 }, { 1, 1, 3 }, 3,
    48 },
  /* Four dimensions, 5 switches across; c = 2 at the last two. */
  { { "dims=4x4x2x2", "p=2", "scale-up=none", NULL }, 4, { 4, 4, 2, 2 }, { 1, 1, 1, 1 }, 2, 32 },
  /* The least K·L is odd: no closed bisection. */
  { { "dims=5x3", "p=1", "scale-up=none", "gpus-per-server=1", NULL }, 2, { 5, 3 }, { 1, 1 }, 1,
    0 },
};

static void
test_hyperx (gconstpointer data)
{
  const HyperX *c = data;
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "hyperx", c->args[0], c->args[1],
                                                     c->args[2], c->args[3], c->args[4], NULL);
  guint S = 1, per_dim[WEFT_MAX_DIMS] = { 0 };
  g_autofree guint *degree = g_new (guint, weft_fabric_get_n_nodes (fabric));

  for (guint i = 0; i < c->d; i++)
    S *= c->L[i];
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, S);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, S * c->T);
  /* Which dimension a link runs along: the coordinate its ends differ in. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      const WeftNode *a = weft_fabric_get_node (fabric, link->a);
      const WeftNode *b = weft_fabric_get_node (fabric, link->b);
      g_auto(GStrv) ca = NULL, cb = NULL;
      guint differ = 0, along = 0;

      if (a->kind != WEFT_NODE_ROUTER || b->kind != WEFT_NODE_ROUTER)
        continue;
      ca = g_strsplit (a->name + strlen ("router-"), ".", -1);
      cb = g_strsplit (b->name + strlen ("router-"), ".", -1);
      for (guint k = 0; k < c->d; k++)
        if (!g_str_equal (ca[k], cb[k]))
          {
            differ++;
            along = k;
          }
      g_assert_cmpuint (differ, ==, 1);
      g_assert_cmpuint (link->count, ==, c->K[along]);
      per_dim[along] += link->count;
    }
  for (guint k = 0; k < c->d; k++)
    g_assert_cmpuint (per_dim[k], ==, S * (c->L[k] - 1) / 2 * c->K[k]);
  g_assert_cmpuint (switch_diameter (fabric, WEFT_NODE_ROUTER, degree), ==, c->d);
  assert_closed_form (fabric, c->bisection_links * 400, c->d + 1);
  assert_no_problems (fabric);
}

static void
test_hyperx_errors (void)
{
  g_autoptr(GError) trunks = weft_test_generate_error (catalog, "hyperx", "dims=8x8", "trunks=2",
                                                       NULL);
  g_autoptr(GError) ports = weft_test_generate_error (catalog, "hyperx", "dims=32x32", "p=8", NULL);
  g_autoptr(GError) none = weft_test_generate_error (catalog, "hyperx", NULL);
  g_autoptr(GError) alone = weft_test_generate_error (catalog, "hyperx", "gpus=256", "trunks=1x2",
                                                      NULL);

  g_assert_cmpstr (trunks->message, ==, "--trunks gives 1 sizes for the 2 dimensions of --dims");
  g_assert_cmpstr (ports->message, ==, "a HyperX switch with p=8 GPUs on 32x32 with trunks 1x1 "
                   "needs p + Σ (Lᵢ − 1)·Kᵢ = 70 ports; qm9700 has 64 at 400G");
  g_assert_cmpstr (none->message, ==, "hyperx needs --dims (e.g. 16x8), or --gpus");
  g_assert_cmpstr (alone->message, ==, "--trunks needs --dims: it gives each dimension's links");
}

typedef struct
{
  const char *args[6];
  guint       n, r;
} Jellyfish;

/* Singla et al.: n switches, each r links to others, n·r/2 links; p GPUs
 * a switch; connected. */
static const Jellyfish jellyfish_cases[] = {
  /* 1,024 GPUs alone: p = 64/4 = 16, r = the other 48. */
  { { "gpus=1024", NULL }, 64, 48 },
  { { "gpus=4096", "p=8", "r=10", "seed=7", NULL }, 512, 10 },
  /* Degree 2: a random ring, drawn again until it is one. */
  { { "gpus=32", "p=2", "r=2", "gpus-per-server=1", "scale-up=none", NULL }, 16, 2 },
  { { "gpus=1000", NULL }, 100, 54 },
};

static void
test_jellyfish (gconstpointer data)
{
  const Jellyfish *c = data;
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "jellyfish", c->args[0], c->args[1],
                                                     c->args[2], c->args[3], c->args[4], NULL);
  g_autofree guint *degree = g_new (guint, weft_fabric_get_n_nodes (fabric));
  guint gpus = weft_fabric_count_nodes (fabric, WEFT_NODE_GPU);
  WeftClosedForm cf;

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_ROUTER), ==, c->n);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_ROUTER, WEFT_NODE_ROUTER), ==,
                    c->n * c->r / 2);
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_ROUTER), ==, gpus);
  g_assert_cmpuint (switch_diameter (fabric, WEFT_NODE_ROUTER, degree), <, G_MAXUINT);
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_ROUTER)
      g_assert_cmpuint (degree[i], ==, c->r);
  /* A simple graph: single links, and no two records join the same pair
   * (so the r links of a switch reach r others). */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    if (is_network_link (fabric, weft_fabric_get_link (fabric, i)))
      g_assert_cmpuint (weft_fabric_get_link (fabric, i)->count, ==, 1);
  {
    g_autoptr(GHashTable) pairs = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autofree gint64 *keys = g_new (gint64, weft_fabric_get_n_links (fabric));

    for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
      {
        const WeftLink *l = weft_fabric_get_link (fabric, i);

        if (!is_network_link (fabric, l))
          continue;
        keys[i] = (gint64) MIN (l->a, l->b) << 32 | MAX (l->a, l->b);
        g_assert_false (g_hash_table_contains (pairs, &keys[i]));
        g_hash_table_add (pairs, &keys[i]);
      }
  }
  g_assert_false (weft_fabric_get_closed_form (fabric, &cf));
  assert_no_problems (fabric);
}

/* The same seed gives the same bytes; another seed, another graph (of 64
 * switches of degree 8: fewer would make a complete graph, the same for
 * every seed); the seed is in the file's generator parameters, default 1. */
static void
test_jellyfish_seed (void)
{
  g_autoptr(WeftFabric) a = weft_test_generate (catalog, "jellyfish", "gpus=512", "p=8", "r=8",
                                                NULL);
  g_autoptr(WeftFabric) b = weft_test_generate (catalog, "jellyfish", "gpus=512", "p=8", "r=8",
                                                "seed=1", NULL);
  g_autoptr(WeftFabric) c = weft_test_generate (catalog, "jellyfish", "gpus=512", "p=8", "r=8",
                                                "seed=2", NULL);
  g_autofree char *sa = weft_test_snapshot (a);
  g_autofree char *sb = weft_test_snapshot (b);
  g_autofree char *sc = weft_test_snapshot (c);
  guint differ = 0;

  g_assert_cmpstr (sa, ==, sb);
  g_assert_cmpstr (sa, !=, sc);
  g_assert_cmpuint (weft_fabric_get_generator (a)->seed, ==, 1);
  g_assert_cmpuint (weft_fabric_get_generator (c)->seed, ==, 2);
  g_assert_nonnull (strstr (sa, "\"seed\": 1,"));
  g_assert_nonnull (strstr (sc, "\"seed\": 2,"));
  g_assert_cmpuint (weft_fabric_get_n_links (a), ==, weft_fabric_get_n_links (c));
  for (guint i = 0; i < weft_fabric_get_n_links (a); i++)
    differ += weft_fabric_get_link (a, i)->a != weft_fabric_get_link (c, i)->a ||
              weft_fabric_get_link (a, i)->b != weft_fabric_get_link (c, i)->b;
  g_assert_cmpuint (differ, >, 0);
}

static void
test_jellyfish_errors (void)
{
  g_autoptr(GError) degree = weft_test_generate_error (catalog, "jellyfish", "gpus=64", "p=8",
                                                       "r=8", NULL);
  g_autoptr(GError) odd = weft_test_generate_error (catalog, "jellyfish", "gpus=56", "p=8", "r=3",
                                                    NULL);
  g_autoptr(GError) none = weft_test_generate_error (catalog, "jellyfish", NULL);

  g_assert_cmpstr (degree->message, ==, "--r 8: each of 8 switches has only 7 others to link to");
  g_assert_cmpstr (odd->message, ==, "--r 3 on 7 switches leaves one port over: n·r must be even");
  g_assert_cmpstr (none->message, ==, "jellyfish needs --gpus");
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
  g_autoptr(GError) e1 =
      weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "switch=qm9999", NULL);
  g_autoptr(GError) e2 =
      weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "switch=sn5600", NULL);
  g_autoptr(GError) e3 = weft_test_generate_error (catalog, "leaf-spine", "gpus=64",
                                                    "switch=qm9700", "speed=800", NULL);
  g_autoptr(GError) e4 =
      weft_test_generate_error (catalog, "leaf-spine", "gpus=64", "optics=cpo", NULL);
  g_autoptr(GError) e5 = weft_test_generate_error (catalog, "leaf-spine", "gpus=100", NULL);

  g_assert_error (e1, WEFT_GENERATOR_ERROR, WEFT_GENERATOR_ERROR_PART);
  g_assert_true (g_str_has_prefix (e1->message, "--switch qm9999: no such switch in the catalog"));
  g_assert_true (g_str_has_prefix (
      e2->message, "--switch sn5600 does not speak infiniband: use --protocol ethernet"));
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
  g_assert_cmpuint (weft_test_count_links (fabric, WEFT_NODE_GPU, WEFT_NODE_NVSWITCH), ==,
                    1152 * 18);
  assert_no_problems (fabric);
  g_assert_cmpstr (
      error->message, ==,
      "--gpus 1024 is not a whole number of nvlink5 domains of 72 GPUs; try --gpus 1080");
}

/* A refusal that suggests a GPU count ("try --gpus 8232") suggests one that
 * builds: every architecture, sizes from 16 to 131,072. Dragonfly at 8,192
 * GPUs suggested 8,232, whose 98-GPU groups split servers of 8, and at 256
 * suggested 270, not a whole number of servers. */
static void
test_suggestions_build (void)
{
  const guint sizes[] = { 16, 100, 256, 1000, 2048, 3000, 4096, 8192, 10000, 32768, 50000,
                          131072 };
  guint suggestions = 0;

  for (WeftArch arch = 0; arch < WEFT_N_ARCHS; arch++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        guint gpus = sizes[i];
        g_auto(WeftGenParams) params = { 0 };
        g_autoptr(GError) error = NULL;
        guint suggested = 0;

        if (arch == WEFT_ARCH_TORUS)
          continue;
        weft_gen_params_init (&params, arch);
        params.gpus = gpus;
        if (weft_generator_check_suggest (catalog, &params, &suggested, &error) ||
            suggested == 0)
          continue;
        suggestions++;
        g_test_message ("%s at %u: %s", weft_arch_to_string (arch), gpus, error->message);
        g_clear_error (&error);
        params.gpus = suggested;
        if (!weft_generator_check (catalog, &params, &error))
          g_test_fail_printf ("%s at %u suggests %u, which is refused: %s",
                              weft_arch_to_string (arch), gpus, suggested, error->message);
      }
  g_assert_cmpuint (suggestions, >, 5);
}

/* Every architecture at every size from 16 to 131,072 GPUs builds once
 * fitted: at the size asked, or at the nearest one with a note naming it. */
static void
test_fit_sizes (void)
{
  const guint sizes[] = { 16, 1000, 4096, 32768, 131072 };

  for (WeftArch arch = 0; arch < WEFT_N_ARCHS; arch++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_auto(WeftGenParams) params = { 0 };
        g_autoptr(GError) error = NULL;
        g_autofree char *note = NULL;
        g_autofree char *count = NULL;
        g_autofree char *said = NULL;

        if (arch == WEFT_ARCH_TORUS)
          continue;
        weft_gen_params_init (&params, arch);
        params.gpus = sizes[i];
        g_assert_true (weft_generator_fit (catalog, &params, &note, &error));
        g_assert_no_error (error);
        g_test_message ("%s at %u: %u, %s", weft_arch_to_string (arch), sizes[i], params.gpus,
                        note);
        g_assert_true (weft_generator_check (catalog, &params, NULL));
        count = weft_format_count (params.gpus);
        said = g_strdup_printf ("nearest size: %s GPUs", count);
        if (params.gpus == sizes[i])
          g_assert_true (note == NULL || g_str_equal (note, "3 tiers"));
        else
          g_assert_true (g_str_has_suffix (note, said));
      }
}

/* Two tiers at 4,096 GPUs become three; past three tiers' reach the
 * largest three-tier size; a part that cannot work still fails, unchanged. */
static void
test_fit_clos (void)
{
  g_auto(WeftGenParams) params = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note2 = NULL;

  weft_gen_params_init (&params, WEFT_ARCH_LEAF_SPINE);
  params.gpus = 4096;
  g_assert_true (weft_generator_fit (catalog, &params, &note, NULL));
  g_assert_cmpstr (note, ==, "3 tiers");
  g_assert_cmpuint (params.tiers, ==, 3);
  g_assert_cmpuint (params.gpus, ==, 4096);

  params.gpus = 131072;
  params.tiers = 2;
  g_assert_true (weft_generator_fit (catalog, &params, &note2, NULL));
  g_assert_cmpstr (note2, ==, "3 tiers, nearest size: 65,536 GPUs");
  g_assert_cmpuint (params.gpus, ==, 65536);

  g_clear_pointer (&note, g_free);
  params.gpus = 1024;
  params.tiers = 2;
  params.switch_part = g_strdup ("sn5600");
  g_assert_false (weft_generator_fit (catalog, &params, &note, &error));
  g_assert_error (error, WEFT_GENERATOR_ERROR, WEFT_GENERATOR_ERROR_PART);
  g_assert_null (note);
  g_assert_cmpuint (params.gpus, ==, 1024);
  g_assert_cmpuint (params.tiers, ==, 2);
}

/* Torus rings from a GPU count: exact and even where the count allows. */
static void
test_torus_dims_for (void)
{
  const struct { guint gpus; guint n_dims; guint dims[3]; } cases[] = {
    { 4, 2, { 2, 2 } },          { 16, 3, { 4, 2, 2 } },       { 512, 3, { 8, 8, 8 } },
    { 1000, 3, { 10, 10, 10 } }, { 1024, 3, { 16, 8, 8 } },    { 4096, 3, { 16, 16, 16 } },
    { 32768, 3, { 32, 32, 32 } }, { 131072, 3, { 64, 64, 32 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint dims[WEFT_MAX_DIMS] = { 0 }, n_dims = 0;

      weft_generator_torus_dims (cases[i].gpus, dims, &n_dims);
      g_assert_cmpuint (n_dims, ==, cases[i].n_dims);
      for (guint d = 0; d < n_dims; d++)
        g_assert_cmpuint (dims[d], ==, cases[i].dims[d]);
    }
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
  g_test_add_func ("/generators/fit/sizes", test_fit_sizes);
  g_test_add_func ("/generators/fit/clos", test_fit_clos);
  g_test_add_func ("/generators/torus/dims-for", test_torus_dims_for);
  g_test_add_func ("/generators/leaf-spine/oversubscribed", test_leaf_spine_oversubscribed);
  g_test_add_func ("/generators/leaf-spine/three-tiers", test_leaf_spine_three_tiers);
  g_test_add_func ("/generators/rail-optimized/superpod", test_rail_optimized);
  g_test_add_func ("/generators/rail-optimized/three-tiers", test_rail_optimized_three_tiers);
  g_test_add_func ("/generators/rail-optimized/planes", test_rail_optimized_planes);
  g_test_add_func ("/generators/rail-optimized/one-leaf-a-rail",
                   test_rail_optimized_one_leaf_a_rail);
  g_test_add_func ("/generators/planes-other-clos", test_planes_other_clos);
  g_test_add_func ("/generators/rail-only/two-tier-rails", test_rail_only);
  g_test_add_func ("/generators/rail-only/single-tier", test_rail_only_single_tier);
  g_test_add_func ("/generators/rail-only/needs-scale-up", test_rail_only_needs_scale_up);
  g_test_add_func ("/generators/dragonfly/p2-a4-h2", test_dragonfly_small);
  g_test_add_func ("/generators/dragonfly/p8-a16-h8", test_dragonfly_large);
  g_test_add_func ("/generators/dragonfly/radix", test_dragonfly_radix);
  g_test_add_func ("/generators/torus/16x16x16", test_torus);
  g_test_add_func ("/generators/torus/ring-of-two", test_torus_ring_of_two);
  g_test_add_func ("/generators/torus/four-dims", test_torus_four_dims);
  for (guint i = 0; i < G_N_ELEMENTS (dragonfly_plus_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) dragonfly_plus_cases[i].args);
      g_autofree char *path = g_strdup_printf ("/generators/dragonfly-plus/%s", args);

      g_test_add_data_func (path, &dragonfly_plus_cases[i], test_dragonfly_plus);
    }
  g_test_add_func ("/generators/dragonfly-plus/errors", test_dragonfly_plus_errors);
  {
    const guint qs[] = { 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 25 };

    for (guint i = 0; i < G_N_ELEMENTS (qs); i++)
      {
        g_autofree char *path = g_strdup_printf ("/generators/slim-fly/q%u", qs[i]);

        g_test_add_data_func (path, GUINT_TO_POINTER (qs[i]), test_slim_fly);
      }
  }
  g_test_add_func ("/generators/slim-fly/sizes", test_slim_fly_sizes);
  g_test_add_func ("/generators/slim-fly/errors", test_slim_fly_errors);
  for (guint i = 0; i < G_N_ELEMENTS (hyperx_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) hyperx_cases[i].args);
      g_autofree char *path = g_strdup_printf ("/generators/hyperx/%s", args);

      g_test_add_data_func (path, &hyperx_cases[i], test_hyperx);
    }
  g_test_add_func ("/generators/hyperx/errors", test_hyperx_errors);
  for (guint i = 0; i < G_N_ELEMENTS (jellyfish_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) jellyfish_cases[i].args);
      g_autofree char *path = g_strdup_printf ("/generators/jellyfish/%s", args);

      g_test_add_data_func (path, &jellyfish_cases[i], test_jellyfish);
    }
  g_test_add_func ("/generators/jellyfish/seed", test_jellyfish_seed);
  g_test_add_func ("/generators/jellyfish/errors", test_jellyfish_errors);
  g_test_add_func ("/generators/placement-media", test_placement_media);
  g_test_add_func ("/generators/bad-parts", test_bad_parts);
  g_test_add_func ("/generators/nvl72", test_nvl72_domains);
  g_test_add_func ("/generators/suggestions-build", test_suggestions_build);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
