/* test-metrics.c — every metric against closed forms, hand counts and an independent computation.
 */
#include "weft-test-util.h"

#include <igraph.h>
#include <math.h>
#include <string.h>

#include "io/weft-fabric-file.h"
#include "metrics/weft-metrics.h"
#include "metrics/weft-metrics-shapes.h"
#include "model/weft-failure.h"

static WeftCatalog *catalog;

static WeftMetrics *
compute (WeftFabric      *fabric,
         WeftMetricsFlags flags)
{
  g_autoptr(GError) error = NULL;
  WeftMetrics *metrics = weft_metrics_compute (fabric, flags, NULL, NULL, NULL, &error);

  weft_test_assert_igraph_clean ();
  g_assert_no_error (error);
  g_assert_nonnull (metrics);
  return metrics;
}

/* --- The reference: igraph's Dijkstra from every GPU over the whole graph. --- */

typedef struct
{
  GArray *switch_hist;
  GArray *link_hist;
  double  latency_min;
  double  latency_max;
  double  latency_sum;
  guint64 pairs;
  guint64 unreachable;
} Reference;

static double
node_latency (WeftFabric *fabric,
              guint       node)
{
  const WeftNode *n = weft_fabric_get_node (fabric, node);

  return n->kind == WEFT_NODE_GPU ? 0 : weft_fabric_get_node_part (fabric, node)->latency_ns;
}

/* Built here from the catalog's own figures, not from the metrics code. */
static double
link_latency (WeftFabric *fabric,
              guint       link)
{
  const WeftLink *l = weft_fabric_get_link (fabric, link);
  const WeftMediaPart *media = weft_fabric_get_link_media (fabric, link);
  gboolean optical = weft_medium_is_optical (media->medium);

  return 2 * media->latency_ns + l->length_m * weft_catalog_propagation (catalog, optical);
}

static gint64
server_of (WeftFabric *fabric,
           guint       node)
{
  gint32 server = weft_fabric_get_node (fabric, node)->groups.server;

  return server >= 0 ? server : -1 - (gint64) node;
}

static void
bump (GArray *hist,
      guint   bucket)
{
  if (hist->len <= bucket)
    g_array_set_size (hist, bucket + 1);
  g_array_index (hist, guint64, bucket)++;
}

static void
reference_compute (WeftFabric *fabric,
                   Reference  *ref)
{
  guint n = weft_fabric_get_n_nodes (fabric), m = weft_fabric_get_n_links (fabric);
  igraph_vector_int_t edges;
  igraph_vector_t weights[3];
  igraph_matrix_t dist[3];
  igraph_t graph;

  *ref = (Reference) { g_array_new (FALSE, TRUE, sizeof (guint64)),
                       g_array_new (FALSE, TRUE, sizeof (guint64)), G_MAXDOUBLE, 0, 0, 0, 0 };
  igraph_vector_int_init (&edges, 2 * m);
  for (guint c = 0; c < 3; c++)
    {
      igraph_vector_init (&weights[c], m);
      igraph_matrix_init (&dist[c], 0, 0);
    }
  for (guint i = 0; i < m; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);
      gboolean sa = weft_fabric_get_node (fabric, l->a)->kind != WEFT_NODE_GPU;
      gboolean sb = weft_fabric_get_node (fabric, l->b)->kind != WEFT_NODE_GPU;

      VECTOR (edges)[2 * i] = l->a;
      VECTOR (edges)[2 * i + 1] = l->b;
      VECTOR (weights[0])[i] = (sa + sb) / 2.0;
      VECTOR (weights[1])[i] = 1;
      VECTOR (weights[2])[i] = link_latency (fabric, i) +
                               (node_latency (fabric, l->a) + node_latency (fabric, l->b)) / 2;
    }
  igraph_create (&graph, &edges, n, IGRAPH_UNDIRECTED);
  for (guint c = 0; c < 3; c++)
    igraph_distances_dijkstra (&graph, &dist[c], igraph_vss_all (), igraph_vss_all (), &weights[c],
                               IGRAPH_ALL);
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      {
        if (weft_fabric_get_node (fabric, a)->kind != WEFT_NODE_GPU ||
            weft_fabric_get_node (fabric, b)->kind != WEFT_NODE_GPU ||
            a == b || server_of (fabric, a) == server_of (fabric, b))
          continue;
        ref->pairs++;
        if (!isfinite (MATRIX (dist[0], a, b)))
          {
            ref->unreachable++;
            continue;
          }
        bump (ref->switch_hist, (guint) lround (MATRIX (dist[0], a, b)));
        bump (ref->link_hist, (guint) lround (MATRIX (dist[1], a, b)));
        ref->latency_min = MIN (ref->latency_min, MATRIX (dist[2], a, b));
        ref->latency_max = MAX (ref->latency_max, MATRIX (dist[2], a, b));
        ref->latency_sum += MATRIX (dist[2], a, b);
      }
  igraph_destroy (&graph);
  igraph_vector_int_destroy (&edges);
  for (guint c = 0; c < 3; c++)
    {
      igraph_vector_destroy (&weights[c]);
      igraph_matrix_destroy (&dist[c]);
    }
}

static void
assert_histogram (const WeftHopStats *stats,
                  GArray             *expected)
{
  guint len = MAX (stats->n_histogram, expected->len);

  for (guint h = 0; h < len; h++)
    {
      guint64 got = h < stats->n_histogram ? stats->histogram[h] : 0;
      guint64 want = h < expected->len ? g_array_index (expected, guint64, h) : 0;

      g_assert_cmpuint (got, ==, want);
    }
}

static void
assert_matches_reference (WeftFabric *fabric)
{
  g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_HOPS);
  Reference ref;

  reference_compute (fabric, &ref);
  g_assert_cmpuint (metrics->pairs, ==, ref.pairs);
  g_assert_cmpuint (metrics->unreachable_pairs, ==, ref.unreachable);
  assert_histogram (&metrics->switch_hops, ref.switch_hist);
  assert_histogram (&metrics->link_hops, ref.link_hist);
  if (ref.pairs > ref.unreachable)
    {
      double mean = ref.latency_sum / (ref.pairs - ref.unreachable);

      g_assert_cmpfloat_with_epsilon (metrics->latency.min_ns, ref.latency_min, 1e-6);
      g_assert_cmpfloat_with_epsilon (metrics->latency.max_ns, ref.latency_max, 1e-6);
      g_assert_cmpfloat_with_epsilon (metrics->latency.mean_ns, mean, 1e-6 * mean);
    }
  g_array_unref (ref.switch_hist);
  g_array_unref (ref.link_hist);
}

/* --- The reference bisection: every balanced split, each by Edmonds–Karp. --- */

static double
edmonds_karp (double *cap,
              guint   n,
              guint   s,
              guint   t)
{
  g_autofree guint *prev = g_new (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  double flow = 0;

  for (;;)
    {
      guint head = 0, tail = 0;
      double push = G_MAXDOUBLE;

      for (guint i = 0; i < n; i++)
        prev[i] = G_MAXUINT;
      prev[s] = s;
      queue[tail++] = s;
      while (head < tail && prev[t] == G_MAXUINT)
        {
          guint u = queue[head++];

          for (guint v = 0; v < n; v++)
            if (prev[v] == G_MAXUINT && cap[u * n + v] > 1e-9)
              {
                prev[v] = u;
                queue[tail++] = v;
              }
        }
      if (prev[t] == G_MAXUINT)
        return flow;
      for (guint v = t; v != s; v = prev[v])
        push = MIN (push, cap[prev[v] * n + v]);
      for (guint v = t; v != s; v = prev[v])
        {
          cap[prev[v] * n + v] -= push;
          cap[v * n + prev[v]] += push;
        }
      flow += push;
    }
}

static double
brute_force_bisection (WeftFabric *fabric)
{
  guint n = weft_fabric_get_n_nodes (fabric), size = n + 2;
  g_autofree double *base = g_new0 (double, (gsize) size * size);
  g_autofree double *cap = g_new (double, (gsize) size * size);
  g_autoptr(GArray) gpus = g_array_new (FALSE, FALSE, sizeof (guint));
  double best = G_MAXDOUBLE, flow;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);
      double c = (double) l->count * l->speed_gbps;

      base[l->a * size + l->b] += c;
      base[l->b * size + l->a] += c;
    }
  for (guint i = 0; i < n; i++)
    if (weft_fabric_get_node (fabric, i)->kind == WEFT_NODE_GPU)
      g_array_append_val (gpus, i);
  g_assert_cmpuint (gpus->len, <=, 18);
  for (guint32 mask = 0; mask < (1u << gpus->len); mask++)
    {
      if ((guint) __builtin_popcount (mask) != gpus->len / 2)
        continue;
      memcpy (cap, base, sizeof (double) * size * size);
      for (guint g = 0; g < gpus->len; g++)
        {
          guint node = g_array_index (gpus, guint, g);

          if (mask & (1u << g))
            cap[n * size + node] = 1e18;
          else
            cap[node * size + n + 1] = 1e18;
        }
      flow = edmonds_karp (cap, size, n, n + 1);
      best = MIN (best, flow);
    }
  return best;
}

static void
assert_bisection_exact (WeftFabric *fabric)
{
  g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_BISECTION);
  double exact = brute_force_bisection (fabric);

  g_assert_cmpfloat_with_epsilon (metrics->bisection.gbps, exact, 1e-6);
  g_assert_cmpfloat_with_epsilon (metrics->bisection.split_gbps, exact, 1e-6);
  g_assert_cmpfloat (metrics->bisection.lower_bound_gbps, <=, exact + 1e-6);
  g_assert_true (metrics->bisection.lower_bound_exact);
}

/* --- Hand-built fabrics, counted on paper. --- */

static WeftFabric *
hand_fabric (void)
{
  WeftFabric *fabric = weft_fabric_new (catalog);
  guint rack = weft_fabric_add_rack (fabric, "R0", 0, 0, 42);

  weft_fabric_set_name (fabric, "hand");
  (void) rack;
  return fabric;
}

static guint
add (WeftFabric   *fabric,
     const char   *name,
     WeftNodeKind  kind,
     gint32        server)
{
  WeftGroups groups = { server, -1, -1, -1, -1 };
  const char *part = kind == WEFT_NODE_GPU ? "connectx-7"
                   : kind == WEFT_NODE_NVSWITCH ? "nvswitch-hgx-h100" : "qm9700";
  static guint u = 1;

  u = u % 40 + 1;
  return weft_fabric_add_node (fabric, name, kind, part, &groups, 0, u);
}

static void
join (WeftFabric    *fabric,
      guint          a,
      guint          b,
      WeftLinkClass  klass)
{
  WeftLink link = { a, b, 1, klass == WEFT_LINK_SCALE_UP ? 400 : 400, 4,
                    klass == WEFT_LINK_SCALE_UP ? WEFT_MEDIUM_ONBOARD : WEFT_MEDIUM_AUTO, klass };

  weft_fabric_append_link (fabric, &link);
}

/* g0, g1 under leaf0 and g2, g3 under leaf1, one spine: 4 ordered pairs at
 * 1 switch (2 links), 8 at 3 switches (4 links). */
static void
test_hand_leaf_spine (void)
{
  g_autoptr(WeftFabric) fabric = hand_fabric ();
  guint leaf0 = add (fabric, "leaf0", WEFT_NODE_LEAF, -1);
  guint leaf1 = add (fabric, "leaf1", WEFT_NODE_LEAF, -1);
  guint spine = add (fabric, "spine", WEFT_NODE_SPINE, -1);
  g_autoptr(WeftMetrics) metrics = NULL;
  const WeftPart *qm9700 = weft_catalog_lookup_part (catalog, "qm9700");
  double leaf_pair, cross_pair;

  for (guint g = 0; g < 4; g++)
    {
      g_autofree char *name = g_strdup_printf ("g%u", g);

      join (fabric, add (fabric, name, WEFT_NODE_GPU, g), g < 2 ? leaf0 : leaf1,
            WEFT_LINK_SCALE_OUT);
    }
  join (fabric, leaf0, spine, WEFT_LINK_SCALE_OUT);
  join (fabric, leaf1, spine, WEFT_LINK_SCALE_OUT);
  weft_fabric_place_links (fabric);

  metrics = compute (fabric, WEFT_METRICS_ALL);
  g_assert_cmpuint (metrics->pairs, ==, 12);
  g_assert_cmpuint (metrics->switch_hops.n_histogram, ==, 4);
  g_assert_cmpuint (metrics->switch_hops.histogram[1], ==, 4);
  g_assert_cmpuint (metrics->switch_hops.histogram[3], ==, 8);
  g_assert_cmpfloat_with_epsilon (metrics->switch_hops.mean, 28.0 / 12, 1e-12);
  g_assert_cmpuint (metrics->link_hops.histogram[2], ==, 4);
  g_assert_cmpuint (metrics->link_hops.histogram[4], ==, 8);

  /* All in one rack: every link is the same length and medium. */
  leaf_pair = qm9700->latency_ns + link_latency (fabric, 0) + link_latency (fabric, 1);
  cross_pair = 3 * qm9700->latency_ns + 2 * link_latency (fabric, 0) + 2 * link_latency (fabric, 4);
  g_assert_cmpfloat_with_epsilon (metrics->latency.min_ns, leaf_pair, 1e-9);
  g_assert_cmpfloat_with_epsilon (metrics->latency.max_ns, cross_pair, 1e-9);
  g_assert_cmpfloat_with_epsilon (metrics->latency.mean_ns, (4 * leaf_pair + 8 * cross_pair) / 12,
                                  1e-9);

  /* Halves {g0,g1} | {g2,g3} meet at the spine: one 400G link. Both
   * leaf-spine links are bridges and both leaves cut vertices. */
  g_assert_cmpfloat (metrics->bisection.gbps, ==, 400);
  g_assert_cmpfloat (metrics->bisection.full_gbps, ==, 800);
  g_assert_cmpfloat (metrics->bisection.ratio, ==, 0.5);
  g_assert_cmpuint (metrics->spof_links->len, ==, 2);
  g_assert_cmpuint (metrics->spof_switches->len, ==, 3);
  g_assert_cmpuint (metrics->gpu_bridges, ==, 4);
  g_assert_cmpuint (metrics->path_diversity_min, ==, 1);
}

/* Two servers of two GPUs with an NVSwitch each, rail leaves and no spine:
 * the same rail is 1 switch apart, the other rail 2 (through the peer GPU). */
static void
test_hand_rail_only (void)
{
  g_autoptr(WeftFabric) fabric = hand_fabric ();
  guint rail[2] = { add (fabric, "rail0", WEFT_NODE_LEAF, -1),
                    add (fabric, "rail1", WEFT_NODE_LEAF, -1) };
  g_autoptr(WeftMetrics) metrics = NULL;

  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *nvs_name = g_strdup_printf ("nvs%u", s);
      guint nvs = add (fabric, nvs_name, WEFT_NODE_NVSWITCH, s);

      for (guint r = 0; r < 2; r++)
        {
          g_autofree char *name = g_strdup_printf ("s%ug%u", s, r);
          guint gpu = add (fabric, name, WEFT_NODE_GPU, s);

          join (fabric, gpu, nvs, WEFT_LINK_SCALE_UP);
          join (fabric, gpu, rail[r], WEFT_LINK_SCALE_OUT);
        }
    }
  weft_fabric_place_links (fabric);
  metrics = compute (fabric, WEFT_METRICS_HOPS);
  g_assert_cmpuint (metrics->pairs, ==, 8);
  g_assert_cmpuint (metrics->switch_hops.histogram[1], ==, 4);
  g_assert_cmpuint (metrics->switch_hops.histogram[2], ==, 4);
  g_assert_cmpuint (metrics->link_hops.histogram[2], ==, 4);
  g_assert_cmpuint (metrics->link_hops.histogram[4], ==, 4);
  assert_matches_reference (fabric);
}

/* One scale-up domain over two servers (as NVL72 spans trays): the pair is
 * 1 switch apart inside the domain, though 3 apart through the fabric. */
static void
test_hand_domain_across_servers (void)
{
  g_autoptr(WeftFabric) fabric = hand_fabric ();
  guint leaf0 = add (fabric, "leaf0", WEFT_NODE_LEAF, -1);
  guint leaf1 = add (fabric, "leaf1", WEFT_NODE_LEAF, -1);
  guint spine = add (fabric, "spine", WEFT_NODE_SPINE, -1);
  guint nvs = add (fabric, "nvs", WEFT_NODE_NVSWITCH, -1);
  guint g0 = add (fabric, "g0", WEFT_NODE_GPU, 0);
  guint g1 = add (fabric, "g1", WEFT_NODE_GPU, 1);
  g_autoptr(WeftMetrics) metrics = NULL;

  join (fabric, g0, leaf0, WEFT_LINK_SCALE_OUT);
  join (fabric, g1, leaf1, WEFT_LINK_SCALE_OUT);
  join (fabric, leaf0, spine, WEFT_LINK_SCALE_OUT);
  join (fabric, leaf1, spine, WEFT_LINK_SCALE_OUT);
  join (fabric, g0, nvs, WEFT_LINK_SCALE_UP);
  join (fabric, g1, nvs, WEFT_LINK_SCALE_UP);
  weft_fabric_place_links (fabric);
  metrics = compute (fabric, WEFT_METRICS_HOPS);
  g_assert_cmpuint (metrics->pairs, ==, 2);
  g_assert_cmpuint (metrics->switch_hops.min, ==, 1);
  g_assert_cmpuint (metrics->switch_hops.max, ==, 1);
  g_assert_cmpuint (metrics->link_hops.max, ==, 2);
  assert_matches_reference (fabric);
}

/* --- Generated fabrics: closed forms, the reference, and brute force. --- */

typedef struct
{
  const char *arch;
  const char *args[8];
} Case;

static const Case small_cases[] = {
  { "leaf-spine", { "gpus=16", NULL } },
  { "leaf-spine", { "gpus=16", "gpus-per-server=1", "scale-up=none", "oversubscription=3", NULL } },
  { "fat-tree", { "k=4", "gpus-per-server=1", "scale-up=none", NULL } },
  { "fat-tree", { "k=4", NULL } },
  { "rail-optimized", { "gpus=16", NULL } },
  { "rail-only", { "gpus=16", NULL } },
  { "dragonfly", { "p=1", "a=3", "h=1", "gpus-per-server=1", "scale-up=none", NULL } },
  { "torus", { "dims=4x4", NULL } },
  { "torus", { "dims=2x2x2", NULL } },
  /* Dragonfly+: 3 groups (odd: no closed form), 4 groups (m g²/4 = 4 links),
   * 2 groups of one 8-GPU NVLink server (2 links, the halves whole domains). */
  { "dragonfly-plus", { "p=2", "leaves=2", "spines=2", "h=1", "gpus-per-server=1", "scale-up=none",
                        NULL } },
  { "dragonfly-plus", { "p=2", "leaves=2", "spines=2", "h=2", "groups=4", "gpus-per-server=1",
                        "scale-up=none", NULL } },
  { "dragonfly-plus", { "p=4", "leaves=2", "spines=2", "h=1", "groups=2", NULL } },
  /* HyperX: the GPUs' links (2x2), the lattice (4x2, 2x2x2: c·S/4 = 4),
   * trunks that even the two out (4x2 with 1x2), an odd lattice (3x3, no
   * closed form), and NVLink servers spanning two switches, where only the
   * cut of the second dimension keeps them whole. */
  { "hyperx", { "dims=2x2", "p=2", "gpus-per-server=1", "scale-up=none", NULL } },
  { "hyperx", { "dims=4x2", "p=2", "gpus-per-server=1", "scale-up=none", NULL } },
  { "hyperx", { "dims=2x2x2", "p=2", "gpus-per-server=1", "scale-up=none", NULL } },
  { "hyperx", { "dims=4x2", "trunks=1x2", "p=2", "gpus-per-server=1", "scale-up=none", NULL } },
  { "hyperx", { "dims=3x3", "p=1", "gpus-per-server=1", "scale-up=none", NULL } },
  { "hyperx", { "dims=2x2", "p=4", NULL } },
  { "hyperx", { "dims=4x2", "trunks=2x1", "p=2", "gpus-per-server=1", "scale-up=none", NULL } },
  { "jellyfish", { "gpus=16", "p=2", "r=3", "gpus-per-server=1", "scale-up=none", NULL } },
  { "jellyfish", { "gpus=16", "p=4", "r=3", NULL } },
};

static WeftFabric *
generate_case (const Case *c)
{
  return weft_test_generate (catalog, c->arch, c->args[0], c->args[1], c->args[2], c->args[3],
                             c->args[4], c->args[5], c->args[6], NULL);
}

/* A direct network's closed forms are the exact figures, never just
 * bounds: the bisection search stops at them. */
static void
assert_closed_form_exact (WeftFabric *fabric)
{
  WeftArch arch = weft_fabric_get_generator (fabric)->arch;
  WeftClosedForm closed;

  if (arch < WEFT_ARCH_DRAGONFLY || !weft_fabric_get_closed_form (fabric, &closed))
    return;
  if (closed.has_bisection)
    g_assert_cmpfloat_with_epsilon (closed.bisection_gbps, brute_force_bisection (fabric), 1e-6);
  if (closed.has_diameter)
    {
      g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_HOPS);

      g_assert_cmpuint (metrics->switch_hops.max, ==, closed.diameter_switch_hops);
    }
}

static void
test_small_reference (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);

  assert_matches_reference (fabric);
  assert_bisection_exact (fabric);
  assert_closed_form_exact (fabric);
}

/* The smallest Slim Fly, q = 3, has 18 routers: one GPU each is past the
 * metrics' exhaustive search (16 GPUs), so the search's best split is
 * checked against every balanced split here. */
static void
test_slim_fly_q3 (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "slim-fly", "q=3", "p=1",
                                                     "gpus-per-server=1", "scale-up=none", NULL);

  assert_matches_reference (fabric);
  assert_bisection_exact (fabric);
}

/* Rewire, remove and multiply links at random, always through the edit
 * API; the bisection must stay exact and the hops match the reference. */
static void
test_small_edited (gconstpointer data)
{
  g_autoptr(WeftFabric) fabric = generate_case (data);
  guint n_nodes = weft_fabric_get_n_nodes (fabric);
  guint edits = 0;

  for (guint attempt = 0; attempt < 200 && edits < 6; attempt++)
    {
      guint link = g_test_rand_int_range (0, weft_fabric_get_n_links (fabric));
      guint what = g_test_rand_int_range (0, 3);
      gboolean done;

      if (what == 0)
        done = weft_fabric_rewire_link (fabric, link,
                                        g_test_rand_bit () ? WEFT_LINK_END_A : WEFT_LINK_END_B,
                                        g_test_rand_int_range (0, n_nodes), NULL);
      else if (what == 1)
        done = weft_fabric_remove_link (fabric, link, NULL);
      else
        done = weft_fabric_set_link_count (fabric, link, g_test_rand_int_range (1, 4), NULL);
      edits += done;
    }
  g_assert_cmpuint (edits, >, 0);
  g_assert_true (weft_fabric_is_edited (fabric));
  assert_matches_reference (fabric);
  assert_bisection_exact (fabric);
}

/* Search alone (closed form switched off) must find the closed form. */
static void
assert_search_finds (WeftFabric *fabric,
                     double      gbps,
                     guint       diameter)
{
  g_autoptr(WeftMetrics) metrics = NULL;
  WeftClosedForm closed;

  g_assert_true (weft_fabric_get_closed_form (fabric, &closed));
  g_assert_cmpfloat_with_epsilon (closed.bisection_gbps, gbps, 1e-6);
  metrics = compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION);
  g_assert_cmpstr (metrics->bisection.method, ==, "closed form");
  g_assert_cmpfloat_with_epsilon (metrics->bisection.gbps, gbps, 1e-6);
  g_assert_cmpuint (metrics->switch_hops.max, ==, diameter);
  weft_metrics_free (g_steal_pointer (&metrics));

  weft_fabric_set_edited (fabric, TRUE);
  metrics = compute (fabric, WEFT_METRICS_BISECTION);
  g_assert_cmpstr (metrics->bisection.method, !=, "closed form");
  g_assert_cmpfloat_with_epsilon (metrics->bisection.gbps, gbps, 1e-6);
  g_assert_cmpfloat (metrics->bisection.lower_bound_gbps, <=, gbps);
}

/* Al-Fares: full bisection, k³/8 links across; 5 switches between pods. */
static void
test_fat_tree (gconstpointer data)
{
  guint k = GPOINTER_TO_UINT (data);
  g_autofree char *karg = g_strdup_printf ("k=%u", k);
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", karg, "gpus-per-server=1",
                                                     "scale-up=none", NULL);

  assert_search_finds (fabric, k * k * k / 8.0 * 400, 5);
}

/* 2-tier leaf-spine at r:1: GPUs/(2r) × speed; 3 switches across. */
static void
test_leaf_spine_oversubscribed (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "leaf-spine", "gpus=96", "gpus-per-server=1", "scale-up=none",
                          "oversubscription=3", NULL);
  g_autoptr(WeftFabric) servers = weft_test_generate (catalog, "leaf-spine", "gpus=192",
                                                      "oversubscription=3", NULL);

  assert_search_finds (fabric, 96 / (2.0 * 3) * 400, 3);
  assert_search_finds (servers, 192 / (2.0 * 3) * 400, 3);
}

/* A k-ary torus of even k: 2N/k links across the middle of one ring. */
static void
test_torus (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "torus", "dims=4x4x4", NULL);
  double per_link = weft_fabric_get_link (fabric, weft_fabric_get_n_links (fabric) - 1)->speed_gbps;
  guint diameter = 1 + 3 * 2;   /* routers on the path: 2 steps per ring of 4, plus the first */

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if (weft_fabric_get_node (fabric, l->a)->kind == WEFT_NODE_ROUTER &&
          weft_fabric_get_node (fabric, l->b)->kind == WEFT_NODE_ROUTER)
        per_link = (double) l->count * l->speed_gbps;
    }
  assert_search_finds (fabric, 2.0 * 64 / 4 * per_link, diameter);
}

/* Kim et al.: with one global link per group pair and g groups, halves of
 * whole groups cut ⌊g/2⌋·⌈g/2⌉ global links. */
static void
test_dragonfly (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "dragonfly", "p=2", "a=5", "h=1",
                                                     "gpus-per-server=1", "scale-up=none", NULL);
  guint g = 6;

  assert_search_finds (fabric, (g / 2) * ((g + 1) / 2) * 400.0, 4);
}

/* Dragonfly+ with g even: halves of whole groups cut m·(g/2)² global
 * links, here m = ⌊spines·h / (g − 1)⌋ = 1; leaf, spine, spine, leaf. */
static void
test_dragonfly_plus (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "dragonfly-plus", "p=4", "leaves=4",
                                                     "spines=4", "h=2", "groups=8",
                                                     "gpus-per-server=1", "scale-up=none", NULL);

  assert_search_finds (fabric, 1 * 4 * 4 * 400.0, 4);
}

/* HyperX: min (T·S/2, c·S/4) with c = min K_i·L_i at an even L_i. 8x8 with
 * T = 4 is balanced (128 links either way); 6x4 with trunks 1x2 and T = 4
 * is cut across its first dimension, 6·24/4 = 36 links, below the GPUs'
 * 48; 3 switches across a 2-D lattice. */
static void
test_hyperx (void)
{
  g_autoptr(WeftFabric) square = weft_test_generate (catalog, "hyperx", "dims=8x8", "p=4",
                                                     "gpus-per-server=1", "scale-up=none", NULL);
  g_autoptr(WeftFabric) trunked = weft_test_generate (catalog, "hyperx", "dims=6x4", "trunks=1x2",
                                                      "p=4", "gpus-per-server=1", "scale-up=none",
                                                      NULL);

  assert_search_finds (square, 128 * 400.0, 3);
  assert_search_finds (trunked, 36 * 400.0, 3);
}

/* Slim Fly: routers at most 2 hops apart, so 3 switches between GPUs. */
static void
test_slim_fly (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "slim-fly", "q=5", "p=2",
                                                     "gpus-per-server=1", "scale-up=none", NULL);
  g_autoptr(WeftFabric) servers = weft_test_generate (catalog, "slim-fly", "q=7", NULL);
  g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_HOPS);
  g_autoptr(WeftMetrics) in_servers = compute (servers, WEFT_METRICS_HOPS);

  g_assert_cmpuint (metrics->switch_hops.max, ==, 3);
  g_assert_cmpuint (metrics->switch_hops.min, ==, 1);
  g_assert_cmpuint (in_servers->switch_hops.max, ==, 3);
}

/* --- Cost and power. --- */

static void
assert_totals_equal (const WeftCostTotals *a,
                     const WeftCostTotals *b)
{
  g_assert_cmpfloat_with_epsilon (a->usd, b->usd, 1e-6 * MAX (1, b->usd));
  g_assert_cmpfloat_with_epsilon (a->watts, b->watts, 1e-6 * MAX (1, b->watts));
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    g_assert_cmpuint (a->links_by_medium[m], ==, b->links_by_medium[m]);
}

static void
change_cb (WeftFabric       *fabric,
           const WeftChange *change,
           WeftCostTotals   *totals)
{
  weft_cost_totals_apply (totals, fabric, change);
  weft_test_assert_igraph_clean ();
}

static void
test_cost (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_BILL);
  WeftCostTotals live, fresh;
  double usd = 0, watts = 0, bom = 0, tiers = 0;
  GHashTableIter iter;
  gpointer value;

  /* Parts and media, added up here from the catalog. */
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      usd += weft_fabric_get_node_part (fabric, i)->price_usd;
      watts += weft_fabric_get_node_part (fabric, i)->power_w;
    }
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);
      const WeftMediaPart *media = weft_fabric_get_link_media (fabric, i);
      double fiber = media->fiber ? weft_catalog_fiber_price (catalog, media->fiber) : 0;

      usd += l->count * (media->is_cable ? media->price_usd + media->price_per_m_usd * l->length_m
                                         : 2 * media->price_usd + fiber * l->length_m);
      watts += l->count * 2 * media->power_w;
    }
  g_assert_cmpfloat_with_epsilon (metrics->cost.usd, usd, 1e-6 * usd);
  g_assert_cmpfloat_with_epsilon (metrics->cost.watts, watts, 1e-6 * watts);
  for (guint i = 0; i < metrics->bom->len; i++)
    bom += ((WeftBomRow *) g_ptr_array_index (metrics->bom, i))->extended_usd;
  g_hash_table_iter_init (&iter, metrics->usd_by_tier);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    tiers += *(double *) value;
  g_assert_cmpfloat_with_epsilon (tiers, usd, 1e-6 * usd);
  /* The bill rounds fiber to whole metres, so allow for that. */
  g_assert_cmpfloat_with_epsilon (bom, usd, 1e-3 * usd);

  /* O(1) updates after each edit agree with a full recount. */
  weft_cost_totals_init (&live, fabric);
  weft_test_assert_igraph_clean ();
  g_signal_connect (fabric, "changed", G_CALLBACK (change_cb), &live);
  for (guint attempt = 0, edits = 0; attempt < 400 && edits < 40; attempt++)
    {
      guint link = g_test_rand_int_range (0, weft_fabric_get_n_links (fabric));
      guint what = g_test_rand_int_range (0, 5);
      gboolean done = FALSE;

      if (what == 0)
        done = weft_fabric_set_link_medium (fabric, link,
                                            g_test_rand_int_range (0, WEFT_MEDIUM_ONBOARD), NULL);
      else if (what == 1)
        done = weft_fabric_set_link_count (fabric, link, g_test_rand_int_range (1, 3), NULL);
      else if (what == 2)
        done = weft_fabric_remove_link (fabric, link, NULL);
      else if (what == 3)
        done = weft_fabric_move_node (
            fabric, g_test_rand_int_range (0, weft_fabric_get_n_nodes (fabric)),
            g_test_rand_int_range (0, weft_fabric_get_n_racks (fabric)), 1, NULL);
      else
        done = weft_fabric_undo (fabric);
      edits += done;
      weft_cost_totals_init (&fresh, fabric);
      weft_test_assert_igraph_clean ();
      assert_totals_equal (&live, &fresh);
    }
  g_signal_handlers_disconnect_by_data (fabric, &live);
}

/* --- Bad input and failures. --- */

static void
test_disconnected (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=16",
                                                      "gpus-per-server=1", "scale-up=none", NULL);
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftPath) path = NULL;
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-0-0");
  guint other = weft_fabric_lookup_node (fabric, "gpu-1-0");

  g_assert_cmpuint (gpu, !=, WEFT_NONE);
  for (guint i = weft_fabric_get_n_links (fabric); i-- > 0;)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if (l->a == gpu || l->b == gpu)
        g_assert_true (weft_fabric_remove_link (fabric, i, NULL));
    }
  metrics = compute (fabric, WEFT_METRICS_ALL);
  /* gpu-0 reaches none of the 15 others, either way round. */
  g_assert_cmpuint (metrics->unreachable_pairs, ==, 30);
  g_assert_cmpuint (metrics->pairs, ==, 16 * 15);
  g_assert_cmpfloat (metrics->bisection.gbps, <, metrics->bisection.full_gbps);
  assert_matches_reference (fabric);

  path = weft_metrics_path (fabric, gpu, other, &error);
  weft_test_assert_igraph_clean ();
  g_assert_null (path);
  g_assert_error (error, WEFT_METRICS_ERROR, WEFT_METRICS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "disconnected"));
}

/* A GPU whose links all failed is a scale-up domain of its own with no exit. Its
 * domain search made a pointer into an array never allocated (UBSan: "applying zero
 * offset to null pointer"); the figures must still match the reference. */
static void
test_failed_gpu (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  const char *const fail[] = { "node:gpu-0-0", NULL };
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-0-0");

  failed = weft_fabric_without (fabric, fail, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < weft_fabric_get_n_links (failed); i++)
    {
      const WeftLink *link = weft_fabric_get_link (failed, i);

      g_assert_true (link->a != gpu && link->b != gpu);
    }
  metrics = compute (failed, WEFT_METRICS_ALL);
  /* 16 GPUs in two servers of 8: gpu-0-0 reaches none of the other server's 8, both ways. */
  g_assert_cmpuint (metrics->pairs, ==, 16 * 8);
  g_assert_cmpuint (metrics->unreachable_pairs, ==, 16);
  assert_matches_reference (failed);
}

/* A fabric of one GPU, alone or on a leaf: no pairs, nothing undefined on the way. */
static void
test_one_gpu (void)
{
  const char *files[] = {
    "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": ["
    "{\"id\": \"gpu-0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
    "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": ["
    "{\"id\": \"gpu-0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}, "
    "{\"id\": \"leaf-0\", \"kind\": \"leaf\", \"part\": \"qm9700\"}], "
    "\"links\": [{\"a\": \"gpu-0\", \"b\": \"leaf-0\", \"speed\": 400}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) fabric = weft_fabric_load_data (catalog, files[i], strlen (files[i]),
                                                            "one", &error);
      g_autoptr(WeftMetrics) metrics = NULL;

      g_assert_no_error (error);
      metrics = compute (fabric, WEFT_METRICS_ALL);
      g_assert_cmpuint (metrics->pairs, ==, 0);
      g_assert_cmpuint (metrics->unreachable_pairs, ==, 0);
      assert_matches_reference (fabric);
    }
}

/* Two GPUs that reach nothing: two classes without exits, the second compared with the
 * first through an array never allocated (UBSan, found by fuzz-metrics). */
static void
test_lone_gpus (void)
{
  const char *json = "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": ["
                     "{\"id\": \"gpu-0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}, "
                     "{\"id\": \"gpu-1\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric =
      weft_fabric_load_data (catalog, json, strlen (json), "lone", &error);
  g_autoptr(WeftMetrics) metrics = NULL;

  g_assert_no_error (error);
  metrics = compute (fabric, WEFT_METRICS_ALL);
  g_assert_cmpuint (metrics->pairs, ==, 2);
  g_assert_cmpuint (metrics->unreachable_pairs, ==, 2);
  assert_matches_reference (fabric);
}

/* g0 and g1 under one leaf, and a spine with no links, as a failure leaves
 * it: the spectral bound is the path g0–leaf–g1's, whose Laplacian (400 Gb/s
 * a link) has λ2 = 400, so 400 · (3 − 1²/3) / 4 = 266.7 Gb/s; the spine's own
 * zero eigenvalue made it 0. Failing a linked spine gives the same. */
static void
test_spectral_cut_off_switch (void)
{
  g_autoptr(WeftFabric) fabric = hand_fabric ();
  guint leaf = add (fabric, "leaf0", WEFT_NODE_LEAF, -1);
  guint spine = add (fabric, "spine", WEFT_NODE_SPINE, -1);
  const char *fail[] = { "node:spine", NULL };
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autoptr(WeftMetrics) failed_metrics = NULL;
  g_autoptr(WeftFabric) failed = NULL;
  g_autoptr(GError) error = NULL;

  join (fabric, add (fabric, "g0", WEFT_NODE_GPU, 0), leaf, WEFT_LINK_SCALE_OUT);
  join (fabric, add (fabric, "g1", WEFT_NODE_GPU, 1), leaf, WEFT_LINK_SCALE_OUT);
  metrics = compute (fabric, WEFT_METRICS_BISECTION);
  g_assert_true (metrics->bisection.lower_bound_exact);
  g_assert_cmpfloat_with_epsilon (metrics->bisection.lower_bound_gbps, 400.0 * 2 / 3, 1e-6);
  /* Below the bisection itself: the one link of a GPU, 400 Gb/s. */
  g_assert_cmpfloat_with_epsilon (metrics->bisection.gbps, 400, 1e-6);

  join (fabric, spine, leaf, WEFT_LINK_SCALE_OUT);
  failed = weft_fabric_without (fabric, fail, &error);
  g_assert_no_error (error);
  failed_metrics = compute (failed, WEFT_METRICS_BISECTION);
  g_assert_cmpfloat_with_epsilon (failed_metrics->bisection.lower_bound_gbps, 400.0 * 2 / 3,
                                  1e-6);
}

/* @fabric rebuilt without node @name and its links. */
static WeftFabric *
deleted (WeftFabric *fabric,
         const char *name)
{
  WeftFabric *out = weft_fabric_new (weft_fabric_get_catalog (fabric));
  guint n_nodes, n_links, gone = weft_fabric_lookup_node (fabric, name);
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  g_autofree guint *renumbered = g_new (guint, n_nodes);

  g_assert_cmpuint (gone, !=, WEFT_NONE);
  for (guint i = 0; i < n_nodes; i++)
    if (i != gone)
      renumbered[i] = weft_fabric_add_node (out, nodes[i].name, nodes[i].kind,
                                            weft_fabric_get_node_part (fabric, i)->id,
                                            &nodes[i].groups, WEFT_NONE, 0);
  for (guint i = 0; i < n_links; i++)
    if (links[i].a != gone && links[i].b != gone)
      {
        WeftLink link = links[i];

        link.a = renumbered[link.a];
        link.b = renumbered[link.b];
        weft_fabric_append_link (out, &link);
      }
  return out;
}

/* The spectral bound after --fail of a spine is the bound of the fabric
 * with that spine deleted, node and all; before the fix it was 0 Gb/s. */
static void
test_spectral_after_failure (void)
{
  const struct { const char *arch; const char *gpus; const char *node; } cases[] = {
    { "leaf-spine", "gpus=256", "spine-0" },
    { "leaf-spine", "gpus=128", "spine-1" },
    { "fat-tree", "k=4", "core-0-0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WeftFabric) fabric =
          weft_test_generate (catalog, cases[i].arch, cases[i].gpus, NULL);
      g_autofree char *element = g_strdup_printf ("node:%s", cases[i].node);
      const char *fail[] = { element, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) failed = weft_fabric_without (fabric, fail, &error);
      g_autoptr(WeftFabric) without = deleted (fabric, cases[i].node);
      g_autoptr(WeftMetrics) after = NULL;
      g_autoptr(WeftMetrics) reference = NULL;

      g_assert_no_error (error);
      after = compute (failed, WEFT_METRICS_BISECTION);
      reference = compute (without, WEFT_METRICS_BISECTION);
      g_test_message ("%s %s without %s: bound %g Gb/s, deleted %g Gb/s", cases[i].arch,
                      cases[i].gpus, cases[i].node, after->bisection.lower_bound_gbps,
                      reference->bisection.lower_bound_gbps);
      g_assert_cmpuint (weft_fabric_get_n_nodes (without) + 1, ==,
                        weft_fabric_get_n_nodes (failed));
      g_assert_cmpfloat (after->bisection.lower_bound_gbps, >, 0);
      g_assert_cmpint (after->bisection.lower_bound_exact, ==,
                       reference->bisection.lower_bound_exact);
      g_assert_cmpfloat_with_epsilon (after->bisection.lower_bound_gbps,
                                      reference->bisection.lower_bound_gbps,
                                      1e-6 * reference->bisection.lower_bound_gbps);
      g_assert_cmpfloat (after->bisection.lower_bound_gbps, <=, after->bisection.gbps + 1e-6);
    }
}

static void
test_path (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "fat-tree", "k=4", "gpus-per-server=1", "scale-up=none", NULL);
  guint from = weft_fabric_lookup_node (fabric, "gpu-0-0");
  guint to = weft_fabric_lookup_node (fabric, "gpu-15-0");
  g_autoptr(WeftPath) path = weft_metrics_path (fabric, from, to, NULL);
  double sum = 0;

  weft_test_assert_igraph_clean ();
  g_assert_nonnull (path);
  g_assert_cmpuint (path->switch_hops, ==, 5);
  g_assert_cmpuint (path->link_hops, ==, 6);
  g_assert_cmpuint (path->steps->len, ==, 13);
  for (guint i = 0; i < path->steps->len; i++)
    {
      const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);

      g_assert_true (step->is_link == (i % 2 == 1));
      sum += step->switch_ns + step->media_ns + step->propagation_ns;
    }
  g_assert_cmpfloat_with_epsilon (path->total_ns, sum, 1e-9);
}

/* Switches moved to other racks: their servers' cables differ in length,
 * so latency classes multiply, but each pays one constant on top of a
 * shared shape; the rows built from the shapes match the reference. */
static void
test_latency_shapes (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=1024", NULL);
  g_autoptr(WeftMetricsGraph) graph = NULL;
  g_autoptr(WeftClasses) classes = NULL;
  const char *moved[] = { "leaf-0", "leaf-3", "spine-1" };
  WeftShapes shapes;

  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      guint node = weft_fabric_lookup_node (fabric, moved[i]);
      guint rack = weft_fabric_get_node (fabric, node)->rack, r;

      for (r = 1; r < weft_fabric_get_n_racks (fabric); r++)
        if (weft_fabric_move_node (
                fabric, node, (rack + r * (i + 1)) % weft_fabric_get_n_racks (fabric), 1, NULL))
          break;
      g_assert_cmpuint (r, <, weft_fabric_get_n_racks (fabric));
    }

  graph = weft_metrics_graph_new (fabric);
  weft_test_assert_igraph_clean ();
  classes = weft_classes_new (graph);
  weft_test_assert_igraph_clean ();
  weft_shapes_init (&shapes, &classes->lat);
  weft_test_assert_igraph_clean ();
  g_assert_cmpuint (shapes.n, >, 1);
  g_assert_cmpuint (shapes.n, <, classes->lat.n);
  for (guint a = 0; a < classes->lat.n; a++)
    {
      guint s = shapes.of[a];

      g_assert_cmpuint (shapes.offsets[s + 1] - shapes.offsets[s], ==,
                        classes->lat.offsets[a + 1] - classes->lat.offsets[a]);
      for (guint y = 0; y < shapes.offsets[s + 1] - shapes.offsets[s]; y++)
        {
          guint32 ya = classes->lat.offsets[a] + y, ys = shapes.offsets[s] + y;

          g_assert_cmpuint (shapes.exit[ys], ==, classes->lat.exit[ya]);
          g_assert_cmpfloat_with_epsilon (shapes.delta[a] + shapes.cost[ys],
                                          classes->lat.cost[WEFT_COST_LATENCY][ya], 1e-9);
        }
    }
  weft_shapes_clear (&shapes);
  weft_test_assert_igraph_clean ();
  assert_matches_reference (fabric);
}

/* Past a number of latency classes, latency rows come from a spread sample
 * of sources: hop counts stay exact, latency stays within the exact range. */
static void
test_latency_sample (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=512", NULL);
  g_autoptr(WeftMetrics) exact = compute (fabric, WEFT_METRICS_HOPS);
  g_autoptr(WeftMetrics) sampled = NULL;

  g_assert_cmpuint (exact->latency_sources, ==, exact->latency_classes);
  g_assert_cmpuint (exact->latency_classes, >, 8);
  g_setenv ("WEFT_LATENCY_EXACT_MAX", "8", TRUE);
  sampled = compute (fabric, WEFT_METRICS_HOPS);
  g_unsetenv ("WEFT_LATENCY_EXACT_MAX");

  g_assert_cmpuint (sampled->latency_sources, ==, 4);
  g_assert_cmpuint (sampled->latency_classes, ==, exact->latency_classes);
  g_assert_cmpuint (sampled->pairs, ==, exact->pairs);
  g_assert_cmpfloat (sampled->switch_hops.mean, ==, exact->switch_hops.mean);
  g_assert_cmpfloat (sampled->link_hops.mean, ==, exact->link_hops.mean);
  g_assert_cmpfloat (sampled->latency.min_ns, >=, exact->latency.min_ns);
  g_assert_cmpfloat (sampled->latency.max_ns, <=, exact->latency.max_ns);
  g_assert_cmpfloat (fabs (sampled->latency.mean_ns - exact->latency.mean_ns), <=,
                     0.05 * exact->latency.mean_ns);
}

static void
test_worst_switch (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "leaf-spine", "gpus=96", "gpus-per-server=1", "scale-up=none",
                          "oversubscription=3", NULL);
  g_autoptr(WeftMetrics) metrics = compute (fabric, WEFT_METRICS_ALL);

  /* Losing a spine or a leaf takes some of the uplinks crossing the middle. */
  g_assert_nonnull (metrics->worst_switch);
  g_assert_cmpfloat (metrics->worst_switch_bisection_gbps, <, metrics->bisection.gbps);
  g_assert_cmpuint (metrics->path_diversity_min, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  g_test_add_func ("/metrics/hand/leaf-spine", test_hand_leaf_spine);
  g_test_add_func ("/metrics/hand/rail-only", test_hand_rail_only);
  g_test_add_func ("/metrics/hand/domain-across-servers", test_hand_domain_across_servers);
  for (guint i = 0; i < G_N_ELEMENTS (small_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) small_cases[i].args);
      g_autofree char *exact = g_strdup_printf ("/metrics/small/%s/%s", small_cases[i].arch, args);
      g_autofree char *edited =
          g_strdup_printf ("/metrics/edited/%s/%s", small_cases[i].arch, args);

      g_test_add_data_func (exact, &small_cases[i], test_small_reference);
      g_test_add_data_func (edited, &small_cases[i], test_small_edited);
    }
  g_test_add_func ("/metrics/small/slim-fly/q=3-p=1", test_slim_fly_q3);
  g_test_add_data_func ("/metrics/closed-form/fat-tree/k4", GUINT_TO_POINTER (4), test_fat_tree);
  g_test_add_data_func ("/metrics/closed-form/fat-tree/k8", GUINT_TO_POINTER (8), test_fat_tree);
  g_test_add_data_func ("/metrics/closed-form/fat-tree/k16", GUINT_TO_POINTER (16), test_fat_tree);
  g_test_add_func ("/metrics/closed-form/leaf-spine", test_leaf_spine_oversubscribed);
  g_test_add_func ("/metrics/closed-form/torus", test_torus);
  g_test_add_func ("/metrics/closed-form/dragonfly", test_dragonfly);
  g_test_add_func ("/metrics/closed-form/dragonfly-plus", test_dragonfly_plus);
  g_test_add_func ("/metrics/closed-form/hyperx", test_hyperx);
  g_test_add_func ("/metrics/closed-form/slim-fly", test_slim_fly);
  g_test_add_func ("/metrics/cost", test_cost);
  g_test_add_func ("/metrics/disconnected", test_disconnected);
  g_test_add_func ("/metrics/failed-gpu", test_failed_gpu);
  g_test_add_func ("/metrics/one-gpu", test_one_gpu);
  g_test_add_func ("/metrics/lone-gpus", test_lone_gpus);
  g_test_add_func ("/metrics/path", test_path);
  g_test_add_func ("/metrics/spectral/cut-off-switch", test_spectral_cut_off_switch);
  g_test_add_func ("/metrics/spectral/after-failure", test_spectral_after_failure);
  g_test_add_func ("/metrics/worst-switch", test_worst_switch);
  g_test_add_func ("/metrics/latency-sample", test_latency_sample);
  g_test_add_func ("/metrics/latency-shapes", test_latency_shapes);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
