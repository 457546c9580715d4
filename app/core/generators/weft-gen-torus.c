/* weft-gen-torus.c — k-ary n-cube tori with wrap-around, TPU-style: each accelerator routes. */
#include "generators/weft-gen-private.h"

/* Cubes of up to 4 along each of the first three dimensions share a rack,
 * as TPU v4 puts a 4×4×4 cube of chips in one rack: 64 chips in 2U hosts
 * of four fill 32 of its 42 units. A fourth dimension takes one step a
 * rack, so no rack holds more. */
#define CUBE_EDGE 4
#define CUBE_DIMS 3

typedef struct
{
  guint n;
  guint dims[WEFT_MAX_DIMS];
  guint stride[WEFT_MAX_DIMS];
  guint cube[WEFT_MAX_DIMS];
} Torus;

static void
coordinates (const Torus *t,
             guint        index,
             guint       *coord)
{
  for (guint d = 0; d < t->n; d++)
    coord[d] = index / t->stride[d] % t->dims[d];
}

static void
format_name (char        *buf,
             gsize        size,
             const char  *role,
             const Torus *t,
             const guint *coord)
{
  GString *str = g_string_new (role);

  for (guint d = 0; d < t->n; d++)
    g_string_append_printf (str, "%c%u", d ? '.' : '-', coord[d]);
  g_strlcpy (buf, str->str, size);
  g_string_free (str, TRUE);
}

/* The rack (cube) of a chip and its place in the cube. */
static void
cube_of (const Torus *t,
         const guint *coord,
         guint       *cube,
         guint       *local)
{
  guint cube_index = 0, cube_stride = 1, local_index = 0, local_stride = 1;

  for (guint d = 0; d < t->n; d++)
    {
      guint cubes = (t->dims[d] + t->cube[d] - 1) / t->cube[d];

      cube_index += coord[d] / t->cube[d] * cube_stride;
      cube_stride *= cubes;
      local_index += coord[d] % t->cube[d] * local_stride;
      local_stride *= t->cube[d];
    }
  *cube = cube_index;
  *local = local_index;
}

/* Sizes the torus @gen->params asks for, refuses one Weft cannot build,
 * and records its closed forms; @nodes chips in @cubes racks. */
static gboolean
torus_plan (WeftGen  *gen,
            Torus    *t,
            guint64  *nodes,
            guint    *cubes,
            GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint k_max = 0, diameter = 1;

  *nodes = 1;
  *cubes = 1;
  if (p->n_dims == 0)
    return weft_gen_fail (error, "torus needs --dims, e.g. --dims 16x16x16");
  t->n = p->n_dims;
  for (guint d = 0; d < t->n; d++)
    {
      t->dims[d] = p->dims[d];
      t->stride[d] = *nodes;
      t->cube[d] = d < CUBE_DIMS ? MIN (t->dims[d], CUBE_EDGE) : 1;
      *nodes *= t->dims[d];
      *cubes *= (t->dims[d] + t->cube[d] - 1) / t->cube[d];
      k_max = MAX (k_max, t->dims[d]);
      diameter += t->dims[d] / 2;
    }
  if (*nodes > 1048576)
    return weft_gen_fail (error, "a torus of %" G_GUINT64_FORMAT " nodes is more than Weft builds "
                          "(at most 1,048,576)", *nodes);
  if (p->gpus != 0 && p->gpus != *nodes)
    return weft_gen_fail (error, "--dims gives %" G_GUINT64_FORMAT " GPUs, not %u",
                          *nodes, p->gpus);
  /* Each router takes its accelerator's link plus two per dimension. */
  if (4 * t->n > gen->radix)
    return weft_gen_fail (error, "a %u-dimensional torus router needs %u ports at %uG; %s has %u",
                          t->n, 4 * t->n, gen->speed, gen->sw->id, gen->radix);

  /* The minimum bisection of a torus cuts across its longest ring, twice
   * per ring: 2N/k links, for even k. */
  gen->closed_form.has_diameter = TRUE;
  gen->closed_form.diameter_switch_hops = diameter;
  if (k_max % 2 == 0)
    {
      gen->closed_form.has_bisection = TRUE;
      gen->closed_form.bisection_gbps = 2.0 * *nodes / k_max * gen->speed;
    }
  return TRUE;
}

/* Every chip, then every router, each in the rack of its cube. */
static void
torus_add_nodes (WeftGen     *gen,
                 const Torus *t,
                 guint64      nodes)
{
  for (guint role = 0; role < 2; role++)
    for (guint i = 0; i < nodes; i++)
      {
        guint coord[WEFT_MAX_DIMS], cube, local, rack;
        WeftGroups groups = { i, -1, -1, -1, -1 };
        char name[64];

        coordinates (t, i, coord);
        cube_of (t, coord, &cube, &local);
        groups.group = cube;
        rack = weft_placer_compute_rack (&gen->placer, cube);
        /* Four chips to a 2U host, as in a TPU v4 tray. */
        if (role == 0)
          {
            format_name (name, sizeof name, "gpu", t, coord);
            weft_fabric_add_node (gen->fabric, name, WEFT_NODE_GPU, gen->nic->id, &groups, rack,
                                  1 + local / 4 * 2);
          }
        else
          {
            groups.server = -1;
            format_name (name, sizeof name, "router", t, coord);
            weft_fabric_add_node (gen->fabric, name, WEFT_NODE_ROUTER, gen->sw->id, &groups, rack,
                                  1 + local / 4 * 2);
          }
      }
}

/* The accelerator reaches its router on the die at the bandwidth of all
 * its torus links together. */
static void
torus_attach_chips (WeftGen     *gen,
                    const Torus *t,
                    guint64      nodes,
                    guint        first_gpu,
                    guint        first_router)
{
  WeftLink attach = { 0 };

  attach.count = 2 * t->n;
  attach.speed_gbps = gen->speed;
  attach.lanes = gen->lanes;
  attach.medium = WEFT_MEDIUM_ONBOARD;
  attach.link_class = WEFT_LINK_SCALE_OUT;
  for (guint i = 0; i < nodes; i++)
    {
      attach.a = first_gpu + i;
      attach.b = first_router + i;
      weft_fabric_append_link (gen->fabric, &attach);
    }
}

/* Each router to the next along every dimension, the last round to the first. */
static void
torus_add_links_along (WeftGen     *gen,
                       const Torus *t,
                       guint64      nodes,
                       guint        first_router)
{
  for (guint i = 0; i < nodes; i++)
    {
      guint coord[WEFT_MAX_DIMS];

      coordinates (t, i, coord);
      for (guint d = 0; d < t->n; d++)
        {
          guint next = i - coord[d] * t->stride[d] + (coord[d] + 1) % t->dims[d] * t->stride[d];

          /* A ring of two joins the same pair both ways round: one record of two links. */
          if (t->dims[d] == 2 && coord[d] == 1)
            continue;
          weft_gen_link (gen, first_router + i, first_router + next, t->dims[d] == 2 ? 2 : 1);
        }
    }
}

gboolean
weft_gen_torus (WeftGen  *gen,
                GError  **error)
{
  Torus t = { 0 };
  guint64 nodes;
  guint cubes, first_gpu, first_router;

  if (!torus_plan (gen, &t, &nodes, &cubes, error))
    return FALSE;
  if (gen->fabric == NULL)
    return TRUE;

  weft_placer_init (&gen->placer, gen->fabric, weft_catalog_get_floor (gen->catalog), cubes, 1, 1);
  torus_add_nodes (gen, &t, nodes);
  first_gpu = 0;
  first_router = nodes;
  torus_attach_chips (gen, &t, nodes, first_gpu, first_router);
  torus_add_links_along (gen, &t, nodes, first_router);
  return TRUE;
}

void
weft_generator_torus_dims (guint  gpus,
                           guint *dims,
                           guint *n_dims)
{
  guint best_gap = G_MAXUINT, best_spread = G_MAXUINT;
  guint n = MAX (gpus, 2);

  g_return_if_fail (dims != NULL && n_dims != NULL);

  /* Below 8 GPUs a cube has no room: one ring, or two of 2 and n/2. */
  if (n < 8)
    {
      *n_dims = n % 2 == 0 && n > 2 ? 2 : 1;
      dims[0] = *n_dims == 2 ? n / 2 : n;
      dims[1] = 2;
      return;
    }
  *n_dims = 3;
  /* c ≤ b ≤ a, the product nearest @n, then the least spread a/c. */
  for (guint c = 2; (guint64) c * c * c <= n; c++)
    for (guint b = c; (guint64) b * b * c <= n; b++)
      for (guint a = MAX (b, n / (b * c)); a <= MAX (b, n / (b * c) + 1); a++)
        {
          guint64 product = (guint64) a * b * c;
          guint gap = product > n ? (guint) (product - n) : (guint) (n - product);
          guint spread = a / c;

          if (gap < best_gap || (gap == best_gap && spread < best_spread))
            {
              best_gap = gap;
              best_spread = spread;
              dims[0] = a, dims[1] = b, dims[2] = c;
            }
        }
}
