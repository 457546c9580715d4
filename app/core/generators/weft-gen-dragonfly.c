/* weft-gen-dragonfly.c — Dragonfly (Kim et al., ISCA 2008): all-to-all groups joined by global
 * links; its group count and edge switches serve Dragonfly+ too. */
#include "generators/weft-gen-private.h"

/* Router sizes: p GPUs, a routers per group, h global links per router;
 * g groups, m parallel global links between each pair of groups. */
typedef struct
{
  guint p, a, h, g, m;
} Shape;

/* Kim et al. balance a = 2p = 2h; pick the smallest h whose full-size
 * Dragonfly holds @gpus and whose router fits the radix. */
static gboolean
choose_balanced (WeftGen  *gen,
                 guint     gpus,
                 Shape    *shape,
                 GError  **error)
{
  /* What a group must hold whole, or fit in whole: a scale-up domain (a
   * server without one may span two groups, as plan() allows). */
  guint64 unit = gen->scale_up != NULL ? gen->domain_gpus : 1;

  for (guint h = 1; 4 * h - 1 <= gen->radix; h++)
    {
      guint64 a = 2 * h, g = a * h + 1, group = a * h;

      if (group % unit != 0 && unit % group != 0)
        continue;
      if (g * group >= gpus)
        {
          shape->p = h;
          shape->a = a;
          shape->h = h;
          return TRUE;
        }
    }
  return weft_gen_fail (error,
                        "a balanced Dragonfly (a = 2p = 2h) on radix-%u routers reaches "
                        "fewer than %u GPUs; give --p --a --h or use a larger radix",
                        gen->radix, gpus);
}

gboolean
weft_gen_dragonfly_groups (WeftGen     *gen,
                           gboolean     given,
                           guint64      group_gpus,
                           guint        full,
                           const char  *group_size,
                           guint       *groups,
                           GError     **error)
{
  const WeftGenParams *p = gen->params;

  if (p->groups)
    *groups = p->groups;
  else if (p->gpus && given)
    {
      if (p->gpus % group_gpus != 0)
        return weft_gen_fail (error,
                              "--gpus %u is not a whole number of groups of %" G_GUINT64_FORMAT
                              " GPUs (%s)",
                              p->gpus, group_gpus, group_size);
      *groups = p->gpus / group_gpus;
    }
  else if (p->gpus)
    *groups = MAX (2, (p->gpus + group_gpus - 1) / group_gpus);
  else
    *groups = full;
  return TRUE;
}

guint
weft_gen_dragonfly_edge (WeftGen      *gen,
                         WeftNodeKind  kind,
                         guint         g,
                         guint         per_group,
                         guint         p,
                         guint         first_gpu)
{
  guint first = weft_fabric_get_n_nodes (gen->fabric);
  char name[48];

  for (guint G = 0; G < g; G++)
    for (guint i = 0; i < per_group; i++)
      {
        WeftGroups groups = { -1, -1, G, -1, G };

        g_snprintf (name, sizeof name, "%s-%u-%u", weft_node_kind_to_string (kind), G, i);
        weft_gen_add_edge_switch (gen, name, kind, &groups, first_gpu + (G * per_group + i) * p, p);
      }
  for (guint i = 0; i < g * per_group * p; i++)
    weft_gen_link (gen, first_gpu + i, first + i / p, 1);
  return first;
}

static gboolean
plan (WeftGen  *gen,
      Shape    *shape,
      GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint64 group_gpus, gpus;
  guint ports;

  if (p->p || p->a || p->h)
    {
      if (!p->p || !p->a || !p->h)
        return weft_gen_fail (error, "give all of --p, --a and --h, or none and --gpus");
      shape->p = p->p;
      shape->a = p->a;
      shape->h = p->h;
    }
  else if (p->gpus == 0)
    return p->groups
               ? weft_gen_fail (error, "--groups %u: dragonfly also needs --p --a --h, or --gpus",
                                p->groups)
               : weft_gen_fail (error, "dragonfly needs --p --a --h, or --gpus");
  else if (!choose_balanced (gen, p->gpus, shape, error))
    return FALSE;

  ports = shape->p + shape->a - 1 + shape->h;
  if (ports > gen->radix)
    return weft_gen_fail (error, "a router with p=%u, a=%u, h=%u needs p + a − 1 + h = %u ports; "
                          "%s has %u at %uG", shape->p, shape->a, shape->h, ports, gen->sw->id,
                          gen->radix, gen->speed);

  group_gpus = (guint64) shape->a * shape->p;
  if (!weft_gen_dragonfly_groups (gen, p->p || p->a || p->h, group_gpus, shape->a * shape->h + 1,
                                  "a × p", &shape->g, error))
    return FALSE;

  if (shape->g < 2 || shape->g > shape->a * shape->h + 1)
    return weft_gen_fail (error, "a Dragonfly with a=%u, h=%u has 2 to a·h + 1 = %u groups, not %u",
                          shape->a, shape->h, shape->a * shape->h + 1, shape->g);
  shape->m = shape->a * shape->h / (shape->g - 1);

  gpus = group_gpus * shape->g;
  if (gpus > G_MAXINT32)
    return weft_gen_fail (error, "%" G_GUINT64_FORMAT " GPUs is more than Weft can hold", gpus);
  if (gpus % gen->gpus_per_server != 0)
    return weft_gen_fail (error,
                          "%" G_GUINT64_FORMAT " GPUs is not a whole number of servers of %u "
                          "GPUs",
                          gpus, gen->gpus_per_server);
  if (gen->scale_up != NULL && group_gpus % gen->domain_gpus != 0 &&
      gen->domain_gpus % group_gpus != 0)
    return weft_gen_fail (error, "groups of %" G_GUINT64_FORMAT " GPUs and scale-up domains of %u "
                          "GPUs do not nest; change --p or --a, or --scale-up",
                          group_gpus, gen->domain_gpus);
  if (gen->scale_up != NULL && gpus % gen->domain_gpus != 0)
    return weft_gen_fail (error, "%" G_GUINT64_FORMAT " GPUs is not a whole number of scale-up "
                          "domains of %u GPUs", gpus, gen->domain_gpus);
  /* Only now, when it would build, is the size that does suggested. */
  if (p->gpus && gpus != p->gpus && gpus <= G_MAXINT32)
    gen->suggested_gpus = (guint) gpus;
  if (p->gpus && gpus != p->gpus)
    return weft_gen_fail (error, "p=%u, a=%u, h=%u in %u groups gives %" G_GUINT64_FORMAT
                          " GPUs, not %u; try --gpus %" G_GUINT64_FORMAT,
                          shape->p, shape->a, shape->h, shape->g, gpus, p->gpus, gpus);
  return TRUE;
}

/* The closed forms hold for full-size Dragonflies (one global link per
 * pair of groups) whose groups hold whole scale-up domains. Splitting the
 * groups in half cuts ⌊g/2⌋·⌈g/2⌉ global links; with g odd one group is
 * split too, which costs (a/2)² local links, the same as the ⌊g/2⌋ extra
 * global links exactly when a = 2h. */
static void
closed_form (WeftGen     *gen,
             const Shape *s)
{
  guint64 group_gpus = (guint64) s->a * s->p;
  guint64 gpus = group_gpus * s->g;
  guint domain = weft_gen_cut_domain (gen);
  gboolean nested = group_gpus % domain == 0;

  if (s->m != 1 || !nested)
    return;

  gen->closed_form.has_diameter = TRUE;
  gen->closed_form.diameter_switch_hops = s->a > 1 ? 4 : 2;

  if (s->g % 2 == 0 ||
      (s->a == 2 * s->h && s->a % 2 == 0 && (group_gpus / 2) % domain == 0))
    {
      double global = (double) (s->g / 2) * ((s->g + 1) / 2);

      gen->closed_form.has_bisection = TRUE;
      gen->closed_form.bisection_gbps = MIN (global, gpus / 2.0) * gen->speed;
    }
}

static gint32
group_of_gpu_cb (WeftGen  *gen,
                 guint     gpu,
                 gpointer  data)
{
  const Shape *s = data;

  return gpu / (s->a * s->p);
}

gboolean
weft_gen_dragonfly (WeftGen  *gen,
                    GError  **error)
{
  Shape s = { 0 };
  WeftFabric *fabric = gen->fabric;
  guint n_gpus, first_gpu, first_router;

  if (!plan (gen, &s, error))
    return FALSE;
  closed_form (gen, &s);
  if (fabric == NULL)
    return TRUE;

  /* Groups are recorded in the pod field too, so that views and splits
   * that group by pod see Dragonfly groups. */
  n_gpus = s.g * s.a * s.p;
  if (!weft_gen_add_servers_by_switch (gen, n_gpus, s.p, group_of_gpu_cb, &s, &first_gpu, error))
    return FALSE;
  first_router = weft_gen_dragonfly_edge (gen, WEFT_NODE_ROUTER, s.g, s.a, s.p, first_gpu);

  for (guint G = 0; G < s.g; G++)
    for (guint r = 0; r < s.a; r++)
      for (guint q = r + 1; q < s.a; q++)
        weft_gen_link (gen, first_router + G * s.a + r, first_router + G * s.a + q, 1);

  weft_gen_link_groups (gen, first_router, s.g, s.a, s.h, s.m);
  return TRUE;
}
