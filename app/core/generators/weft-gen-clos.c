/* weft-gen-clos.c — folded-Clos fabrics: leaf-spine, fat tree, rail-optimized and rail-only. */
#include "generators/weft-gen-private.h"

#include <string.h>

#include "util/weft-format.h"

/* How a Clos of radix-k switches is put together. A leaf has `down` ports
 * to GPUs and `up` to spines. Two tiers: every leaf reaches every spine
 * over `leaf_spine` parallel links. Three tiers: pods of k/2 leaves and
 * `up` spines (each leaf one link to each); spine j of every pod joins
 * core group j of `group_cores` cores over `spine_core` links each. */
typedef struct
{
  guint tiers;
  guint down;
  guint up;
  guint leaves;
  guint spines;
  guint leaf_spine;
  guint half;
  guint pods;
  guint group_cores;
  guint spine_core;
} ClosShape;

/* How endpoints map onto leaves. */
typedef enum
{
  MAP_BLOCK,    /* consecutive endpoints fill a leaf */
  MAP_RAIL,     /* GPU g of the servers of a scalable unit share the rail-g leaf */
} ClosMapping;

/* One Clos being built: endpoint i is node first + i × stride. */
typedef struct
{
  ClosShape   shape;
  ClosMapping mapping;
  guint       first;
  guint       stride;
  guint       n;
  gint32      rail;     /* the rail of a rail-only Clos, else -1 */
  gint32      plane;    /* the NIC plane of a multi-plane fabric, else -1 */
} Clos;

static guint
gcd_uint (guint a,
          guint b)
{
  while (b != 0)
    {
      guint t = a % b;
      a = b;
      b = t;
    }
  return a;
}

static guint
smallest_divisor_at_least (guint n,
                           guint at_least)
{
  for (guint s = MAX (1, at_least); s < n; s++)
    if (n % s == 0)
      return s;
  return n;
}

static char *
describe_radix (WeftGen *gen,
                double   r)
{
  char ratio[G_ASCII_DTOSTR_BUF_SIZE];

  if (r <= 1)
    return g_strdup_printf ("radix %u at %uG", gen->radix, gen->speed);
  return g_strdup_printf ("radix %u at %uG with %s:1 oversubscription", gen->radix, gen->speed,
                          g_ascii_dtostr (ratio, sizeof ratio, r));
}

/* Work out tiers and switch counts for @n endpoints on @servers servers. */
static gboolean
clos_plan (WeftGen      *gen,
           guint         n,
           guint         servers,
           ClosMapping   mapping,
           guint         tiers_wanted,
           double        r,
           const char   *noun,
           ClosShape    *shape,
           GError      **error)
{
  guint k = gen->radix;
  guint rails = mapping == MAP_RAIL ? gen->gpus_per_server : 1;
  g_autofree char *what = describe_radix (gen, r);
  guint64 max2, max3;

  *shape = (ClosShape) { 0 };
  shape->up = (guint) (k / (r + 1));
  if (shape->up == 0)
    return weft_gen_fail (error, "oversubscription %g leaves no uplink on a radix-%u leaf", r, k);
  shape->down = MIN (k - shape->up, (guint) (shape->up * r + 1e-9));
  shape->half = k / 2;
  max2 = (guint64) (k / rails) * shape->down * rails;
  max3 = (guint64) k * shape->half * shape->down;

  /* One switch holds everything. */
  if (tiers_wanted == 1 || (tiers_wanted == 0 && mapping == MAP_BLOCK && n <= k))
    {
      if (n > k || mapping == MAP_RAIL)
        {
          g_autofree char *max = weft_format_count (k);
          if (mapping == MAP_RAIL)
            return weft_gen_fail (
                error, "a rail-optimized fabric needs at least 2 tiers to join its rails");
          return weft_gen_fail (error,
                                "radix %u at %uG gives at most %s %s in 1 tier; use --tiers 2", k,
                                gen->speed, max, noun);
        }
      shape->tiers = 1;
      shape->down = k;
      shape->up = 0;
      shape->leaves = 1;
      return TRUE;
    }

  if (mapping == MAP_RAIL)
    shape->leaves = (servers + shape->down - 1) / shape->down * rails;
  else
    shape->leaves = (n + shape->down - 1) / shape->down;

  shape->tiers = tiers_wanted ? tiers_wanted : shape->leaves <= k ? 2 : 3;
  if (shape->tiers == 2 && shape->leaves > k)
    {
      g_autofree char *max = weft_format_count (max2);
      return weft_gen_fail (error, "--gpus %u: %s gives at most %s %s in 2 tiers; "
                            "use --tiers 3 or a larger radix", gen->params->gpus, what, max, noun);
    }
  if (shape->tiers == 3 &&
      (shape->half == 0 || (shape->leaves + shape->half - 1) / shape->half > k))
    {
      g_autofree char *max = weft_format_count (max3);
      /* The largest that fits, in GPUs of the fabric (rail-only plans per rail). */
      guint64 largest =
          max3 * MAX (1, gen->params->gpus / MAX (n, 1)) / gen->domain_gpus * gen->domain_gpus;

      if (gen->params->gpus != 0 && largest <= G_MAXINT32)
        gen->suggested_gpus = (guint) largest;
      return weft_gen_fail (error,
                            "%s gives at most %s %s in 3 tiers; use a switch with more ports "
                            "at this speed, or oversubscribe the leaves",
                            what, max, noun);
    }

  if (shape->tiers == 2)
    {
      shape->spines =
          smallest_divisor_at_least (shape->up, (shape->leaves * shape->up + k - 1) / k);
      shape->leaf_spine = shape->up / shape->spines;
    }
  else
    {
      shape->pods = (shape->leaves + shape->half - 1) / shape->half;
      shape->spines = shape->pods * shape->up;
      shape->group_cores = smallest_divisor_at_least (shape->half,
                                                      (shape->pods * shape->half + k - 1) / k);
      shape->spine_core = shape->half / shape->group_cores;
    }
  return TRUE;
}

static guint
clos_diameter (const ClosShape *shape)
{
  if (shape->tiers == 3 && shape->pods > 1)
    return 5;
  return shape->leaves > 1 ? 3 : 1;
}

/* Bisection of a Clos of @n endpoints, @copies times over (rails), in
 * endpoint links. With uplinks at least as wide as downlinks, any balanced
 * split that keeps scale-up domains whole cuts N/2 endpoint links (the
 * hose model routes any such demand), so an even number of domains is all
 * it takes. Oversubscribed, the cut is the uplinks of half the leaves: it
 * needs full leaves and an even number of blocks (@block endpoints) that
 * hold whole domains of @domain endpoints. Returns 0 when no closed form holds. */
static double
clos_bisection_links (const ClosShape *shape,
                      guint            n,
                      guint            block,
                      guint            domain,
                      guint            domains)
{
  guint unit = block / gcd_uint (block, domain) * domain;

  if (shape->tiers == 1 || shape->up >= shape->down)
    return domains % 2 == 0 ? n / 2.0 : 0;
  if (n % shape->down == 0 && n % (2 * unit) == 0)
    return n / 2.0 * shape->up / shape->down;
  return 0;
}

static guint
endpoint_node (const Clos *clos,
               guint       i)
{
  return clos->first + i * clos->stride;
}

static guint
endpoint_server (WeftGen    *gen,
                 const Clos *clos,
                 guint       i)
{
  return weft_fabric_get_node (gen->fabric, endpoint_node (clos, i))->groups.server;
}

static guint
leaf_of (WeftGen    *gen,
         const Clos *clos,
         guint       i)
{
  if (clos->mapping == MAP_RAIL)
    {
      guint gps = gen->gpus_per_server;
      return i / gps / clos->shape.down * gps + i % gps;
    }
  return i / clos->shape.down;
}

static gint32
pod_of_gpu_cb (WeftGen  *gen,
               guint     gpu,
               gpointer  data)
{
  const Clos *clos = data;

  if (clos->shape.tiers != 3)
    return -1;
  return leaf_of (gen, clos, gpu) / clos->shape.half;
}

static void
node_name (char       *buf,
           gsize       size,
           const Clos *clos,
           const char *role,
           guint       i,
           gint        j)
{
  char prefix[32] = "";

  if (clos->plane >= 0)
    g_snprintf (prefix, sizeof prefix, "p%d-", clos->plane);
  if (clos->rail >= 0)
    g_snprintf (prefix + strlen (prefix), sizeof prefix - strlen (prefix), "r%d-", clos->rail);
  /* "leaf-3", "spine-2-1", "leaf-p1-r0-3" */
  if (j < 0)
    g_snprintf (buf, size, "%s-%s%u", role, prefix, i);
  else
    g_snprintf (buf, size, "%s-%s%u-%d", role, prefix, i, j);
}

/* The leaves, placed by the endpoints they serve, and each endpoint's link
 * to its leaf; returns the first leaf's node. */
static guint
clos_add_leaves (WeftGen    *gen,
                 const Clos *clos)
{
  const ClosShape *s = &clos->shape;
  guint units = gen->sw->rack_units;
  guint rails = clos->mapping == MAP_RAIL ? gen->gpus_per_server : 1;
  guint first_leaf = weft_fabric_get_n_nodes (gen->fabric);
  char name[64];

  for (guint j = 0; j < s->leaves; j++)
    {
      WeftGroups groups = { -1, clos->rail, -1, -1, -1 };
      guint rack, u;

      if (s->tiers == 3)
        groups.pod = j / s->half;
      if (clos->mapping == MAP_RAIL)
        {
          groups.rail = j % rails;
          rack = weft_placer_row_switch (&gen->placer, j / rails * s->down, units, &u);
        }
      else
        {
          guint lo = j * s->down, hi = MIN (clos->n, lo + s->down) - 1;
          rack = weft_placer_edge_switch (&gen->placer, endpoint_server (gen, clos, lo),
                                          endpoint_server (gen, clos, hi), units, &u);
        }
      node_name (name, sizeof name, clos, "leaf", j, -1);
      weft_fabric_add_node (gen->fabric, name, WEFT_NODE_LEAF, gen->sw->id, &groups, rack, u);
    }
  for (guint i = 0; i < clos->n; i++)
    weft_gen_link (gen, endpoint_node (clos, i), first_leaf + leaf_of (gen, clos, i), 1);
  return first_leaf;
}

/* A switch of @kind in the central network row, in @plane (-1: none), named
 * after its kind ("spine", "core") as node_name names @i, @j. */
static void
add_central_switch (WeftGen      *gen,
                    const Clos   *clos,
                    WeftNodeKind  kind,
                    gint          plane,
                    guint         i,
                    gint          j)
{
  WeftGroups groups = { -1, clos->rail, -1, plane, -1 };
  guint u, rack = weft_placer_core_switch (&gen->placer, gen->sw->rack_units, &u);
  char name[64];

  node_name (name, sizeof name, clos, weft_node_kind_to_string (kind), i, j);
  weft_fabric_add_node (gen->fabric, name, kind, gen->sw->id, &groups, rack, u);
}

/* Two tiers: the spines in the central network row, each joined to every leaf. */
static void
clos_add_spines (WeftGen    *gen,
                 const Clos *clos,
                 guint       first_leaf)
{
  const ClosShape *s = &clos->shape;
  guint first_spine = weft_fabric_get_n_nodes (gen->fabric);

  for (guint j = 0; j < s->spines; j++)
    add_central_switch (gen, clos, WEFT_NODE_SPINE, -1, j, -1);
  for (guint j = 0; j < s->leaves; j++)
    for (guint k = 0; k < s->spines; k++)
      weft_gen_link (gen, first_leaf + j, first_spine + k, s->leaf_spine);
}

/* The spines of each pod, joined to each of its leaves; returns the first
 * spine's node. */
static guint
clos_add_pod_spines (WeftGen    *gen,
                     const Clos *clos,
                     guint       first_leaf)
{
  const ClosShape *s = &clos->shape;
  guint units = gen->sw->rack_units;
  guint first_spine = weft_fabric_get_n_nodes (gen->fabric);
  char name[64];

  /* Three tiers: each pod's spines sit at the end of the row its first leaf serves. */
  for (guint p = 0; p < s->pods; p++)
    {
      guint first_server = endpoint_server (gen, clos, 0);

      for (guint i = 0; i < clos->n; i++)
        if (leaf_of (gen, clos, i) / s->half == p)
          {
            first_server = endpoint_server (gen, clos, i);
            break;
          }
      for (guint j = 0; j < s->up; j++)
        {
          WeftGroups groups = { -1, clos->rail, p, j, -1 };
          guint u, rack = weft_placer_row_switch (&gen->placer, first_server, units, &u);

          node_name (name, sizeof name, clos, "spine", p, j);
          weft_fabric_add_node (gen->fabric, name, WEFT_NODE_SPINE, gen->sw->id, &groups, rack, u);
        }
    }
  for (guint j = 0; j < s->leaves; j++)
    for (guint k = 0; k < s->up; k++)
      weft_gen_link (gen, first_leaf + j, first_spine + (j / s->half) * s->up + k, 1);
  return first_spine;
}

/* Core group j in the central network row, joined to spine j of every pod. */
static void
clos_add_cores (WeftGen    *gen,
                const Clos *clos,
                guint       first_spine)
{
  const ClosShape *s = &clos->shape;
  guint first_core = weft_fabric_get_n_nodes (gen->fabric);

  for (guint j = 0; j < s->up; j++)
    for (guint c = 0; c < s->group_cores; c++)
      add_central_switch (gen, clos, WEFT_NODE_CORE, j, j, c);
  for (guint p = 0; p < s->pods; p++)
    for (guint j = 0; j < s->up; j++)
      for (guint c = 0; c < s->group_cores; c++)
        weft_gen_link (gen, first_spine + p * s->up + j, first_core + j * s->group_cores + c,
                       s->spine_core);
}

static void
clos_build_plane (WeftGen    *gen,
                  const Clos *clos)
{
  guint first_leaf, first_spine;

  first_leaf = clos_add_leaves (gen, clos);
  if (clos->shape.tiers == 1)
    return;
  if (clos->shape.tiers == 2)
    {
      clos_add_spines (gen, clos, first_leaf);
      return;
    }
  first_spine = clos_add_pod_spines (gen, clos, first_leaf);
  clos_add_cores (gen, clos, first_spine);
}

/* One Clos per NIC plane over the same endpoints, each with a port of every NIC. */
static void
clos_build (WeftGen    *gen,
            const Clos *clos)
{
  for (guint plane = 0; plane < gen->planes; plane++)
    {
      Clos one = *clos;

      one.plane = gen->planes > 1 ? (gint32) plane : -1;
      clos_build_plane (gen, &one);
    }
}

static gboolean
check_gpu_count (WeftGen  *gen,
                 guint     n,
                 GError  **error)
{
  if (n == 0)
    return weft_gen_fail (error, "--gpus is required for %s",
                          weft_arch_to_string (gen->params->arch));
  if (n % gen->gpus_per_server != 0)
    return weft_gen_fail (error, "--gpus %u is not a multiple of %u GPUs per server", n,
                          gen->gpus_per_server);
  if (n % gen->domain_gpus != 0)
    {
      guint up = (n + gen->domain_gpus - 1) / gen->domain_gpus * gen->domain_gpus;

      gen->suggested_gpus = up;
      return weft_gen_fail (error, "--gpus %u is not a whole number of %s domains of %u GPUs; "
                            "try --gpus %u", n, gen->scale_up->id, gen->domain_gpus, up);
    }
  return TRUE;
}

static gboolean
rail_only (WeftGen  *gen,
           guint     n,
           GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint rails = gen->domain_gpus;
  guint domains = n / rails;
  Clos clos = { { 0 }, MAP_BLOCK, 0, rails, domains, 0, -1 };
  double links;

  if (gen->scale_up == NULL)
    return weft_gen_fail (error, "rail-only needs a scale-up domain: traffic between rails goes "
                          "through it (use --scale-up nvlink4, nvlink5 or infinity-fabric)");
  if (!clos_plan (gen, domains, domains, MAP_BLOCK, p->tiers, p->oversubscription,
                  "GPUs per rail", &clos.shape, error))
    return FALSE;

  /* A cross-rail message also crosses the scale-up domain. */
  gen->closed_form.has_diameter = TRUE;
  gen->closed_form.diameter_switch_hops =
      domains == 1 ? weft_gen_scale_up_hops (gen)
                   : clos_diameter (&clos.shape) + weft_gen_scale_up_hops (gen);
  links = clos_bisection_links (&clos.shape, domains, clos.shape.down, 1, domains);
  if (links > 0)
    {
      gen->closed_form.has_bisection = TRUE;
      gen->closed_form.bisection_gbps = links * rails * gen->speed * gen->planes;
    }

  if (gen->fabric == NULL)
    return TRUE;

  if (!weft_gen_init_placer (gen, n / gen->gpus_per_server, 0, error))
    return FALSE;
  clos.first = weft_gen_add_servers (gen, n / gen->gpus_per_server, NULL, NULL);
  for (guint r = 0; r < rails; r++)
    {
      Clos rail = clos;

      rail.first = clos.first + r;
      rail.rail = r;
      clos_build (gen, &rail);
    }
  return TRUE;
}

gboolean
weft_gen_clos (WeftGen  *gen,
               GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint n = p->gpus;
  guint tiers = p->tiers;
  double r = p->oversubscription;
  Clos clos = { { 0 }, MAP_BLOCK, 0, 1, 0, -1, -1 };
  guint block, servers, servers_per_leaf;
  double links;

  if (p->arch == WEFT_ARCH_FAT_TREE)
    {
      /* Al-Fares et al. 2008: k pods of k/2 edge and k/2 aggregation
       * switches, (k/2)² cores, k³/4 hosts. */
      guint ports = weft_part_ports_at (gen->sw, gen->speed);

      if (p->k != 0)
        {
          if (p->k % 2 != 0)
            return weft_gen_fail (error, "--k %u: a k-ary fat tree needs an even k", p->k);
          if (p->k > ports)
            return weft_gen_fail (error, "--k %u needs %u-port switches; %s has %u at %uG",
                                  p->k, p->k, gen->sw->id, ports, gen->speed);
          if (p->gpus != 0 && p->gpus != p->k * p->k * p->k / 4)
            return weft_gen_fail (error, "--k %u builds %u GPUs; give --k or --gpus, not both",
                                  p->k, p->k * p->k * p->k / 4);
          gen->radix = p->k;
          n = p->k * p->k * p->k / 4;
        }
      else if (p->radix == 0 && n > 0)
        {
          /* The smallest fat tree that holds them: a k=144 tree for 256
           * GPUs would be 72 spines per pod for 4 leaves. */
          guint k = 2;

          while ((guint64) k * k * k / 4 < n && k < ports)
            k += 2;
          gen->radix = MIN (k, ports);
        }
      tiers = 3;
      r = 1;
    }

  if (!check_gpu_count (gen, n, error))
    return FALSE;
  if (p->arch == WEFT_ARCH_RAIL_ONLY)
    return rail_only (gen, n, error);

  servers = n / gen->gpus_per_server;
  clos.mapping = p->arch == WEFT_ARCH_RAIL_OPTIMIZED ? MAP_RAIL : MAP_BLOCK;
  clos.n = n;
  if (!clos_plan (gen, n, servers, clos.mapping, tiers, r, "GPUs", &clos.shape, error))
    return FALSE;

  block = clos.mapping == MAP_RAIL ? clos.shape.down * gen->gpus_per_server : clos.shape.down;
  links = clos_bisection_links (&clos.shape, n, block, weft_gen_cut_domain (gen),
                                n / weft_gen_cut_domain (gen));
  gen->closed_form.has_diameter = TRUE;
  gen->closed_form.diameter_switch_hops = n == gen->domain_gpus && gen->scale_up != NULL
                                          ? weft_gen_scale_up_hops (gen)
                                          : clos_diameter (&clos.shape);
  /* One leaf a rail: a message to another rail crosses its own domain to
   * the GPU on that rail, then that rail's leaf, rather than climb to a spine. */
  if (clos.mapping == MAP_RAIL && gen->scale_up != NULL && clos.shape.tiers > 1 &&
      clos.shape.leaves == gen->gpus_per_server)
    gen->closed_form.diameter_switch_hops = MIN (gen->closed_form.diameter_switch_hops,
                                                 weft_gen_scale_up_hops (gen) + 1);
  if (links > 0)
    {
      gen->closed_form.has_bisection = TRUE;
      gen->closed_form.bisection_gbps = links * gen->speed * gen->planes;
    }

  if (gen->fabric == NULL)
    return TRUE;

  servers_per_leaf = clos.mapping == MAP_BLOCK && clos.shape.down % gen->gpus_per_server == 0
                     ? clos.shape.down / gen->gpus_per_server : 0;
  if (!weft_gen_init_placer (gen, servers, servers_per_leaf, error))
    return FALSE;
  clos.first = weft_gen_add_servers (gen, servers, pod_of_gpu_cb, &clos);
  clos_build (gen, &clos);
  return TRUE;
}
