/* weft-gen-dragonfly-plus.c — Dragonfly+ / Megafly: leaf-spine groups, spines joined across. */
#include "generators/weft-gen-private.h"

/* Shpiner, Haramaty, Eliad, Zdornov, Gafni and Zahavi, "Dragonfly+: Low
 * Cost Topology for Scaling Datacenters", HiPINeB 2017; Flajslik et al.
 * call the same shape Megafly (ISC 2018). A group is a two-level leaf-spine:
 * each of its l leaves has p GPUs and one link to each of its s spines; each
 * spine has l links down and h global links to spines of other groups. With
 * one global link per pair of groups there are g = s·h + 1 groups. */
typedef struct
{
  guint p, l, s, h, g, m;    /* m: global links between each pair of groups */
} Shape;

/* Kim et al.'s balance carried over: p = l = s = h = t, half of each switch
 * down and half up. The smallest t whose fabric of 2 to t² + 1 groups holds
 * @gpus exactly, or else the smallest that reaches it, with groups that
 * nest with the scale-up domains. */
static gboolean
choose_balanced (WeftGen  *gen,
                 guint     gpus,
                 Shape    *shape,
                 GError  **error)
{
  guint domain = weft_gen_cut_domain (gen), reaches = 0;

  for (guint t = 1; 2 * t <= gen->radix; t++)
    {
      guint64 group = (guint64) t * t, most = (group + 1) * group;

      if (group % domain != 0 && domain % group != 0)
        continue;
      if (gpus % group == 0 && gpus / group >= 2 && gpus / group <= group + 1)
        {
          *shape = (Shape) { t, t, t, t, 0, 0 };
          return TRUE;
        }
      if (reaches == 0 && most >= gpus)
        reaches = t;
    }
  if (reaches != 0)
    {
      *shape = (Shape) { reaches, reaches, reaches, reaches, 0, 0 };
      return TRUE;
    }
  return weft_gen_fail (error, "a balanced Dragonfly+ (p = leaves = spines = h) on radix-%u "
                        "switches reaches fewer than %u GPUs; give --p --leaves --spines --h "
                        "or use a larger radix", gen->radix, gpus);
}

static gboolean
plan (WeftGen  *gen,
      Shape    *shape,
      GError  **error)
{
  const WeftGenParams *p = gen->params;
  gboolean given = p->p || p->leaves || p->spines || p->h;
  guint64 group_gpus, gpus;
  guint domain = weft_gen_cut_domain (gen);

  if (given)
    {
      if (!p->p || !p->leaves || !p->spines || !p->h)
        return weft_gen_fail (error, "give all of --p, --leaves, --spines and --h, "
                              "or none and --gpus");
      *shape = (Shape) { p->p, p->leaves, p->spines, p->h, 0, 0 };
    }
  else if (p->gpus == 0)
    return weft_gen_fail (error, "dragonfly-plus needs --p --leaves --spines --h, or --gpus");
  else if (!choose_balanced (gen, p->gpus, shape, error))
    return FALSE;

  if (shape->p + shape->s > gen->radix)
    return weft_gen_fail (error, "a leaf with p=%u GPUs and %u spines needs p + spines = %u ports; "
                          "%s has %u at %uG", shape->p, shape->s, shape->p + shape->s,
                          gen->sw->id, gen->radix, gen->speed);
  if (shape->l + shape->h > gen->radix)
    return weft_gen_fail (error, "a spine with %u leaves and h=%u needs leaves + h = %u ports; "
                          "%s has %u at %uG", shape->l, shape->h, shape->l + shape->h,
                          gen->sw->id, gen->radix, gen->speed);

  group_gpus = (guint64) shape->l * shape->p;
  if (!weft_gen_dragonfly_groups (gen, given, group_gpus, shape->s * shape->h + 1, "leaves × p",
                                  &shape->g, error))
    return FALSE;

  if (shape->g < 2 || shape->g > (guint64) shape->s * shape->h + 1)
    return weft_gen_fail (error, "a Dragonfly+ with %u spines of h=%u has 2 to spines·h + 1 = %u "
                          "groups, not %u", shape->s, shape->h, shape->s * shape->h + 1, shape->g);
  shape->m = shape->s * shape->h / (shape->g - 1);

  gpus = group_gpus * shape->g;
  if (p->gpus && gpus != p->gpus && gpus <= G_MAXINT32)
    gen->suggested_gpus = (guint) gpus;
  if (p->gpus && gpus != p->gpus)
    return weft_gen_fail (error, "p=%u, leaves=%u, spines=%u, h=%u in %u groups gives %"
                          G_GUINT64_FORMAT " GPUs, not %u; try --gpus %" G_GUINT64_FORMAT,
                          shape->p, shape->l, shape->s, shape->h, shape->g, gpus, p->gpus, gpus);
  if (!weft_gen_check_gpus (gen, gpus, error))
    return FALSE;
  if (group_gpus % domain != 0 && domain % group_gpus != 0)
    return weft_gen_fail (error, "groups of %" G_GUINT64_FORMAT " GPUs and scale-up domains of %u "
                          "GPUs do not nest; change --p or --leaves, or --scale-up",
                          group_gpus, domain);
  return TRUE;
}

/* Diameter: two leaves of different groups are 4 switches apart — leaf,
 * the spine of its group holding a link to the other group (every leaf
 * reaches every spine of its group), that link's far spine, the leaf — and
 * no path is shorter, since leaves reach other groups only through spines.
 * A path through a scale-up domain costs its NVSwitch and still needs a
 * switch of the far group, unless a leaf serves two domains.
 *
 * Bisection, for an even number of groups: halves of whole groups cut
 * m·(g/2)² global links. Nothing cuts less when a uniform all-to-all of d =
 * m/(l·p)² per ordered pair of GPUs fits every link, since any balanced
 * split must then carry (N/2)²·d = m·g²/4 across. It loads each global link
 * fully, a leaf's uplink to a spine with x global links x/l, and leaves the
 * intra-group traffic, (l − 1)·m/l² a leaf, to the uplinks' spare
 * s − m(g − 1)/l; a GPU's link carries (N − 1)·d. So the closed form holds
 * when (N − 1)·m ≤ (l·p)², min (h, m(g − 1)) ≤ l and
 * s·l² − m(g − 1)·l ≥ (l − 1)·m, and the halves hold whole scale-up domains.
 * With g odd a group must be split, which costs about as much as the global
 * links it saves (exactly so when l = h): no closed form then. */
static void
closed_form (WeftGen     *gen,
             const Shape *s)
{
  guint64 group_gpus = (guint64) s->l * s->p;
  guint64 gpus = group_gpus * s->g;
  guint domain = weft_gen_cut_domain (gen);
  guint64 used = (guint64) s->m * (s->g - 1);

  if (gen->scale_up != NULL && gpus <= domain)
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = weft_gen_scale_up_hops (gen);
      return;
    }
  if (!weft_gen_switch_shared (gen, s->p))
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = 4;
    }

  if (s->g % 2 == 0 && (gpus - 1) * s->m <= group_gpus * group_gpus &&
      MIN (s->h, used) <= s->l &&
      (guint64) s->s * s->l * s->l >= used * s->l + (guint64) (s->l - 1) * s->m &&
      (s->g / 2 * group_gpus) % domain == 0)
    {
      gen->closed_form.has_bisection = TRUE;
      gen->closed_form.bisection_gbps = (double) s->m * (s->g / 2) * (s->g / 2) * gen->speed;
    }
}

static gint32
group_of_gpu_cb (WeftGen  *gen,
                 guint     gpu,
                 gpointer  data)
{
  const Shape *s = data;

  return gpu / (s->l * s->p);
}

gboolean
weft_gen_dragonfly_plus (WeftGen  *gen,
                         GError  **error)
{
  Shape s = { 0 };
  WeftFabric *fabric = gen->fabric;
  guint n_gpus, first_gpu, first_leaf, first_spine;
  char name[48];

  if (!plan (gen, &s, error))
    return FALSE;
  closed_form (gen, &s);
  if (fabric == NULL)
    return TRUE;

  /* Groups are recorded in the pod field too, as Dragonfly's are, so that
   * splits and collective groups by pod see them. */
  n_gpus = s.g * s.l * s.p;
  if (!weft_gen_add_servers_by_switch (gen, n_gpus, s.p, group_of_gpu_cb, &s, &first_gpu, error))
    return FALSE;
  first_leaf = weft_gen_dragonfly_edge (gen, WEFT_NODE_LEAF, s.g, s.l, s.p, first_gpu);
  /* A group's spines sit at the end of the row its first servers are in:
   * their leaves are near, and the global links run along the network racks. */
  first_spine = weft_fabric_get_n_nodes (fabric);
  for (guint G = 0; G < s.g; G++)
    {
      guint server = weft_fabric_get_node (fabric, first_gpu + G * s.l * s.p)->groups.server;

      for (guint j = 0; j < s.s; j++)
        {
          WeftGroups groups = { -1, -1, G, -1, G };
          guint u, rack = weft_placer_row_switch (&gen->placer, server, gen->sw->rack_units, &u);

          g_snprintf (name, sizeof name, "spine-%u-%u", G, j);
          weft_fabric_add_node (fabric, name, WEFT_NODE_SPINE, gen->sw->id, &groups, rack, u);
        }
    }

  for (guint G = 0; G < s.g; G++)
    for (guint i = 0; i < s.l; i++)
      for (guint j = 0; j < s.s; j++)
        weft_gen_link (gen, first_leaf + G * s.l + i, first_spine + G * s.s + j, 1);
  weft_gen_link_groups (gen, first_spine, s.g, s.s, s.h, s.m);
  return TRUE;
}
