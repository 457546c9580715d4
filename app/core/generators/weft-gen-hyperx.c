/* weft-gen-hyperx.c — HyperX (Ahn et al., SC'09): a lattice of switches, all-to-all by axis. */
#include "generators/weft-gen-private.h"

/* Ahn, Binkert, Davis, McLaren and Schreiber, "HyperX: Topology, Routing,
 * and Packaging of Efficient Large-Scale Networks", SC'09. A switch sits at
 * each point of an L₀ × … × L_(d−1) lattice and links to every switch that
 * differs from it in one coordinate, over K_i parallel links along
 * dimension i (the trunk width); each switch has T terminals, here p GPUs,
 * GPU g on switch g / T. A switch uses T + Σ (L_i − 1)·K_i ports. */
typedef struct
{
  guint d;
  guint L[WEFT_MAX_DIMS];
  guint K[WEFT_MAX_DIMS];
  guint T;
  guint ports;
} Lattice;

#define SWITCHES_MAX 1048576

static guint64
lattice_switches (const Lattice *x)
{
  guint64 S = 1;

  for (guint i = 0; i < x->d; i++)
    S *= x->L[i];
  return S;
}

static guint
lattice_ports (const Lattice *x)
{
  guint ports = x->T;

  for (guint i = 0; i < x->d; i++)
    ports += (x->L[i] - 1) * x->K[i];
  return ports;
}

static guint64
power (guint64 base,
       guint   exponent)
{
  guint64 result = 1;

  while (exponent-- > 0)
    result *= base;
  return result;
}

/* "16x8" */
static char *
format_sizes (const guint *sizes,
              guint        n)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (str, "%s%u", i ? "x" : "", sizes[i]);
  return g_string_free (str, FALSE);
}

/* Ahn et al. size the trunks for full bisection: T·S/2 ≤ K_i·L_i·S/4, so
 * K_i = ⌈2T / L_i⌉, here no wider than the dimension is long: beyond that a
 * dimension is a few switches joined by bundles rather than a row. Of the
 * non-increasing lattices of @rest switches in the dimensions left, the one
 * whose switch needs the fewest ports. */
static void
try_factors (guint    radix,
             guint64  rest,
             guint    depth,
             guint    largest,
             Lattice *current,
             Lattice *best)
{
  guint left = current->d - depth;
  guint lowest = 2;

  if (left == 0)
    {
      if (rest != 1)
        return;
      for (guint i = 0; i < current->d; i++)
        {
          current->K[i] = MAX (1, (2 * current->T + current->L[i] - 1) / current->L[i]);
          if (current->K[i] > current->L[i])
            return;
        }
      current->ports = lattice_ports (current);
      if (current->ports <= radix && (best->d == 0 || current->ports < best->ports))
        *best = *current;
      return;
    }
  /* The factors after this one are no larger, so this one is at least the
   * left-th root of what remains. */
  while (lowest < rest && power (lowest, left) < rest)
    lowest++;
  for (guint f = (guint) MIN (MIN ((guint64) largest, rest), (guint64) radix + 1); f >= lowest; f--)
    if (rest % f == 0)
      {
        current->L[depth] = f;
        try_factors (radix, rest / f, depth + 1, f, current, best);
      }
}

/* For --gpus alone: the most GPUs a switch (fewest switches), then the
 * fewest dimensions (the smallest diameter), then the fewest ports, at full
 * bisection; @T fixed when given. Dimensions come largest first, so that
 * the last, the slowest to vary, is the cheapest to cut (1,024 GPUs: 16x8
 * switches of 8, trunks 1x2). */
static gboolean
choose_lattice (WeftGen  *gen,
                guint     gpus,
                guint     T_given,
                Lattice  *shape,
                GError  **error)
{
  guint top = T_given ? T_given : MIN (gpus, gen->radix - 1);
  guint bottom = T_given ? T_given : 1;

  for (guint T = top; T >= bottom && T >= 1; T--)
    {
      if (gpus % T != 0 || gpus / T < 2 || gpus / T > SWITCHES_MAX)
        continue;
      for (guint d = 1; d <= WEFT_MAX_DIMS; d++)
        {
          Lattice current = { d, { 0 }, { 0 }, T, 0 }, best = { 0 };

          try_factors (gen->radix, gpus / T, 0, G_MAXUINT, &current, &best);
          if (best.d != 0)
            {
              *shape = best;
              return TRUE;
            }
        }
    }
  if (T_given)
    return weft_gen_fail (error, "no HyperX of radix-%u switches with p=%u GPUs each holds %u "
                          "GPUs at full bisection; give --dims (and --trunks), or another --p",
                          gen->radix, T_given, gpus);
  return weft_gen_fail (error, "no HyperX of radix-%u switches holds %u GPUs at full bisection; "
                        "give --dims (and --trunks), or another --gpus", gen->radix, gpus);
}

/* With --dims: p GPUs a switch as given, or as --gpus makes them, or the
 * most that keeps full bisection, T ≤ min K_i·L_i / 2 — the nearest below
 * (then above) that makes whole servers and scale-up domains. */
static guint
auto_T (WeftGen       *gen,
        const Lattice *x)
{
  guint64 S = lattice_switches (x);
  guint c = G_MAXUINT, network = lattice_ports (x) - x->T;
  guint room = gen->radix > network ? gen->radix - network : 0;

  for (guint i = 0; i < x->d; i++)
    c = MIN (c, x->K[i] * x->L[i]);
  return weft_gen_nearest_whole (gen, S, MIN (MAX (1, c / 2), room), room);
}

static gboolean
plan (WeftGen  *gen,
      Lattice  *x,
      GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint64 S, gpus;
  g_autofree char *dims = NULL;

  *x = (Lattice) { 0 };
  if (p->n_trunks != 0 && p->n_dims == 0)
    return weft_gen_fail (error, "--trunks needs --dims: it gives each dimension's links");
  if (p->n_trunks != 0 && p->n_trunks != p->n_dims)
    return weft_gen_fail (error, "--trunks gives %u sizes for the %u dimensions of --dims",
                          p->n_trunks, p->n_dims);
  if (p->n_dims == 0)
    {
      if (p->gpus == 0)
        return weft_gen_fail (error, "hyperx needs --dims (e.g. 16x8), or --gpus");
      if (!choose_lattice (gen, p->gpus, p->p, x, error))
        return FALSE;
    }
  else
    {
      x->d = p->n_dims;
      for (guint i = 0; i < x->d; i++)
        {
          x->L[i] = p->dims[i];
          x->K[i] = p->n_trunks ? p->trunks[i] : 1;
        }
      S = lattice_switches (x);
      if (S > SWITCHES_MAX)
        return weft_gen_fail (error, "a HyperX of %" G_GUINT64_FORMAT " switches is more than Weft "
                              "builds (at most 1,048,576)", S);
      if (p->p)
        x->T = p->p;
      else if (p->gpus)
        {
          if (p->gpus % S != 0)
            return weft_gen_fail (error, "--gpus %u is not a whole number of GPUs on each of the %"
                                  G_GUINT64_FORMAT " switches of --dims", p->gpus, S);
          x->T = p->gpus / S;
        }
      else if ((x->T = auto_T (gen, x)) == 0)
        return weft_gen_fail (error, "no p of GPUs per switch fits %s's %u ports at %uG beside "
                              "the lattice's and makes whole servers and scale-up domains; "
                              "give --p", gen->sw->id, gen->radix, gen->speed);
    }

  x->ports = lattice_ports (x);
  dims = format_sizes (x->L, x->d);
  if (x->ports > gen->radix)
    {
      g_autofree char *trunks = format_sizes (x->K, x->d);

      return weft_gen_fail (error, "a HyperX switch with p=%u GPUs on %s with trunks %s needs "
                            "p + Σ (Lᵢ − 1)·Kᵢ = %u ports; %s has %u at %uG", x->T, dims, trunks,
                            x->ports, gen->sw->id, gen->radix, gen->speed);
    }
  gpus = lattice_switches (x) * x->T;
  if (p->gpus && gpus != p->gpus)
    {
      if (gpus <= G_MAXINT32)
        gen->suggested_gpus = (guint) gpus;
      return weft_gen_fail (error, "p=%u on %s gives %" G_GUINT64_FORMAT " GPUs, not %u; try "
                            "--gpus %" G_GUINT64_FORMAT, x->T, dims, gpus, p->gpus, gpus);
    }
  return weft_gen_check_gpus (gen, gpus, error);
}

/* Diameter: switches that differ in every coordinate are d hops apart, so
 * d + 1 switches lie between their GPUs. A scale-up domain spanning
 * switches is no shortcut when no switch serves two domains and, beyond 2
 * dimensions, a domain's switches lie in one row of dimension 0: its
 * NVSwitch costs what the row saves.
 *
 * Bisection: cutting dimension i in half (L_i even) cuts (L_i/2)²·S/L_i
 * trunks of K_i: K_i·L_i·S/4 links. When an even L_i attains the least
 * c = min K_i·L_i, nothing cuts the lattice's switches in half for less and
 * its edge expansion is c/2 — every set X of at most half the switches has
 * at least c·|X|/2 links leaving it (Lindsey 1964 for equal trunks;
 * checked exhaustively on small lattices, tests/test-metrics.c). A split
 * putting m switches on the GPUs' side A then cuts at least
 * |N/2 − T·m| GPU links plus c·m/2 lattice links, never less than
 * min (T·S/2, c·S/4); both are attained, the first by half the GPUs' own
 * links. The halves must hold whole scale-up domains. */
static void
closed_form (WeftGen       *gen,
             const Lattice *x)
{
  guint64 S = lattice_switches (x), gpus = S * x->T, stride = 1;
  guint domain = weft_gen_cut_domain (gen);
  guint span = (domain + x->T - 1) / x->T;
  guint c = G_MAXUINT;
  gboolean even_least = FALSE, lattice_aligned = FALSE, gpus_aligned;
  double gpu_cut, lattice_cut;

  if (gen->scale_up != NULL && gpus <= domain)
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = weft_gen_scale_up_hops (gen);
      return;
    }
  if (!weft_gen_switch_shared (gen, x->T) && (x->d <= 2 || span <= 1 || x->L[0] % span == 0))
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = x->d + 1;
    }

  for (guint i = 0; i < x->d; i++)
    c = MIN (c, x->K[i] * x->L[i]);
  /* The half of dimension i is blocks of T·stride·L_i/2 GPUs in a row. */
  for (guint i = 0; i < x->d; i++)
    {
      if (x->L[i] % 2 == 0 && x->K[i] * x->L[i] == c)
        {
          even_least = TRUE;
          lattice_aligned |= (x->T * stride * (x->L[i] / 2)) % domain == 0;
        }
      stride *= x->L[i];
    }
  if (!even_least || gpus % 2 != 0)
    return;
  gpus_aligned = (gpus / 2) % domain == 0;
  gpu_cut = gpus / 2.0;
  lattice_cut = (double) c * S / 4;
  if ((gpu_cut < lattice_cut && !gpus_aligned) || (lattice_cut < gpu_cut && !lattice_aligned) ||
      (gpu_cut == lattice_cut && !gpus_aligned && !lattice_aligned))
    return;
  gen->closed_form.has_bisection = TRUE;
  gen->closed_form.bisection_gbps = MIN (gpu_cut, lattice_cut) * gen->speed;
}

static void
coordinates (const Lattice *x,
             guint          index,
             guint         *coord)
{
  for (guint i = 0; i < x->d; i++)
    {
      coord[i] = index % x->L[i];
      index /= x->L[i];
    }
}

/* The GPUs of a slice of the last dimension share a pod, so that splits
 * and collective groups by pod see the lattice's cheapest cut. */
static gint32
slice_of_gpu_cb (WeftGen  *gen,
                 guint     gpu,
                 gpointer  data)
{
  const Lattice *x = data;
  guint coord[WEFT_MAX_DIMS];

  coordinates (x, gpu / x->T, coord);
  return coord[x->d - 1];
}

gboolean
weft_gen_hyperx (WeftGen  *gen,
                 GError  **error)
{
  Lattice x;
  WeftFabric *fabric = gen->fabric;
  guint n_switches, n_gpus, first_gpu, first_switch;

  if (!plan (gen, &x, error))
    return FALSE;
  closed_form (gen, &x);
  if (fabric == NULL)
    return TRUE;

  n_switches = lattice_switches (&x);
  n_gpus = n_switches * x.T;
  if (!weft_gen_add_servers_by_switch (gen, n_gpus, x.T, slice_of_gpu_cb, &x, &first_gpu, error))
    return FALSE;
  first_switch = weft_fabric_get_n_nodes (fabric);
  for (guint i = 0; i < n_switches; i++)
    {
      guint coord[WEFT_MAX_DIMS];
      GString *name = g_string_new ("router");
      WeftGroups groups = { -1, -1, -1, -1, -1 };

      coordinates (&x, i, coord);
      for (guint k = 0; k < x.d; k++)
        g_string_append_printf (name, "%c%u", k ? '.' : '-', coord[k]);
      groups.pod = groups.group = coord[x.d - 1];
      weft_gen_add_edge_switch (gen, name->str, WEFT_NODE_ROUTER, &groups, first_gpu + i * x.T,
                                x.T);
      g_string_free (name, TRUE);
    }
  for (guint i = 0; i < n_gpus; i++)
    weft_gen_link (gen, first_gpu + i, first_switch + i / x.T, 1);

  /* Along each dimension, each switch to those after it in its row. */
  for (guint i = 0; i < n_switches; i++)
    {
      guint coord[WEFT_MAX_DIMS], stride = 1;

      coordinates (&x, i, coord);
      for (guint k = 0; k < x.d; k++)
        {
          for (guint v = coord[k] + 1; v < x.L[k]; v++)
            weft_gen_link (gen, first_switch + i, first_switch + i + (v - coord[k]) * stride,
                           x.K[k]);
          stride *= x.L[k];
        }
    }
  return TRUE;
}
