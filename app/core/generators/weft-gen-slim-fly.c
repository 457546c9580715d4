/* weft-gen-slim-fly.c — Slim Fly (Besta and Hoefler, SC'14): McKay–Miller–Širáň graphs. */
#include "generators/weft-gen-private.h"

#include <math.h>
#include <string.h>

/* Besta and Hoefler, "Slim Fly: A Cost Effective Low-Diameter Network
 * Topology", SC'14, after McKay, Miller and Širáň (1998) as Hafner (2004)
 * describes them. For a prime power q = 4w + δ, δ ∈ {−1, 0, 1}, and a
 * primitive element ξ of GF(q), the routers are (0, x, y) and (1, m, c) for
 * x, y, m, c in GF(q): 2q² of them. (0, x, y) ~ (0, x, y′) when y − y′ ∈ X,
 * (1, m, c) ~ (1, m, c′) when c − c′ ∈ X′ = ξX, and (0, x, y) ~ (1, m, c)
 * when y = m·x + c. X holds the even powers of ξ (δ = 1, 0), or for δ = −1
 * ξ⁰, ξ², …, ξ^(2w−2) and ξ^(2w−1), ξ^(2w+1), …, ξ^(4w−3); X = −X either
 * way, so the graph is undirected. Each router has |X| neighbours in its own
 * group (the q routers sharing s and x) and q in the other half: network
 * radix k′ = (3q − δ)/2, and every two routers are at most 2 hops apart. */

#define Q_MAX 256

/* GF(q), q = P^n: an element is the integer whose base-P digits are its
 * polynomial's coefficients; multiplication goes through powers of a
 * primitive element, found with its polynomial. */
typedef struct
{
  guint q, prime, n;
  guint exp[Q_MAX];   /* ξ^i, i < q − 1 */
  guint log[Q_MAX];   /* i for ξ^i, elements but 0 */
} Field;

static gboolean
prime_power (guint  q,
             guint *prime,
             guint *n)
{
  guint P = 2;

  if (q < 2)
    return FALSE;
  while (q % P != 0)
    P++;
  *prime = P;
  for (*n = 0; q % P == 0; (*n)++)
    q /= P;
  return q == 1;
}

static guint
field_add (const Field *f,
           guint        a,
           guint        b)
{
  guint sum = 0, place = 1;

  for (guint i = 0; i < f->n; i++, a /= f->prime, b /= f->prime, place *= f->prime)
    sum += (a % f->prime + b % f->prime) % f->prime * place;
  return sum;
}

static guint
field_neg (const Field *f,
           guint        a)
{
  guint neg = 0, place = 1;

  for (guint i = 0; i < f->n; i++, a /= f->prime, place *= f->prime)
    neg += (f->prime - a % f->prime) % f->prime * place;
  return neg;
}

static guint
field_mul (const Field *f,
           guint        a,
           guint        b)
{
  if (a == 0 || b == 0)
    return 0;
  return f->exp[(f->log[a] + f->log[b]) % (f->q - 1)];
}

/* e·x modulo the monic polynomial x^n + poly (poly's digits are its lower
 * coefficients). */
static guint
times_x (guint e,
         guint poly,
         guint prime,
         guint n)
{
  guint digits[16], top = 0, out = 0, place = 1;

  for (guint i = 0; i < n; i++, e /= prime)
    digits[i] = e % prime;
  top = digits[n - 1];
  for (guint i = n - 1; i > 0; i--)
    digits[i] = digits[i - 1];
  digits[0] = 0;
  for (guint i = 0; i < n; i++, poly /= prime, place *= prime)
    out += (digits[i] + (prime - top * (poly % prime) % prime)) % prime * place;
  return out;
}

/* The first polynomial, in counting order, whose root x generates every
 * non-zero element: it is irreducible, and x is primitive. */
static void
field_init (Field *f,
            guint  q)
{
  guint prime = 2, n = 1;

  prime_power (q, &prime, &n);
  f->q = q;
  f->prime = prime;
  f->n = n;
  for (guint poly = 1; poly < q; poly++)
    {
      guint e = 1, order = 0;

      if (poly % prime == 0)
        continue;
      do
        {
          f->exp[order++] = e;
          e = times_x (e, poly, prime, n);
        }
      while (e != 1 && order < q);
      if (order == q - 1)
        break;
    }
  for (guint i = 0; i < q - 1; i++)
    f->log[f->exp[i]] = i;
}

typedef struct
{
  guint q, p, k;     /* network radix k′ = |X| + q */
  gint  delta;
} Shape;

static gint
delta_of (guint q)
{
  return q % 4 == 1 ? 1 : q % 4 == 3 ? -1 : 0;
}

static guint
network_radix (guint q)
{
  return (guint) ((3 * (gint) q - delta_of (q)) / 2);
}

/* Slim Fly sizes exist for every prime power but 2 (which is not 4w + δ). */
static gboolean
valid_q (guint q)
{
  guint prime, n;

  return q >= 3 && q <= Q_MAX && prime_power (q, &prime, &n);
}

/* Besta and Hoefler give each router p ≈ ⌈k′/2⌉ endpoints for full global
 * bandwidth: the nearest at or below it (then above) that makes whole
 * servers and scale-up domains. */
static guint
auto_p (WeftGen *gen,
        guint    q)
{
  guint k = network_radix (q), room = gen->radix > k ? gen->radix - k : 0;

  return weft_gen_nearest_whole (gen, 2 * (guint64) q * q, MIN ((k + 1) / 2, room), room);
}

/* For --gpus alone: the prime power q and p with 2q²·p = @gpus whose p is
 * nearest ⌈k′/2⌉ (at most k′: more GPUs than network ports starve them); or
 * the nearest size there is, as a suggestion. */
static gboolean
choose_q (WeftGen  *gen,
          guint     gpus,
          Shape    *shape,
          GError  **error)
{
  double best = G_MAXDOUBLE, near_score = G_MAXDOUBLE;
  guint64 near = 0;
  guint near_q = 0, near_p = 0;

  for (guint q = 3; q <= Q_MAX; q++)
    {
      guint k = network_radix (q), most;
      guint64 routers = 2 * (guint64) q * q;

      if (!valid_q (q) || k >= gen->radix)
        continue;
      most = MIN (k, gen->radix - k);
      if (gpus % routers == 0 && gpus / routers >= 1 && gpus / routers <= most)
        {
          double score = fabs (log ((double) (gpus / routers) / ((k + 1) / 2)));

          if (score < best)
            {
              best = score;
              *shape = (Shape) { q, gpus / routers, k, delta_of (q) };
            }
        }
      for (guint p = 1; p <= most; p++)
        {
          guint64 size = routers * p;
          double score = fabs ((double) size - gpus) + fabs (log ((double) p / ((k + 1) / 2))) / 64;

          if (weft_gen_whole_gpus (gen, size) && score < near_score)
            {
              near_score = score;
              near = size;
              near_q = q;
              near_p = p;
            }
        }
    }
  if (best < G_MAXDOUBLE)
    return TRUE;
  if (near == 0)
    return weft_gen_fail (error, "no Slim Fly fits radix-%u switches: a router needs at least "
                          "k′ + 1 = 6 ports", gen->radix);
  gen->suggested_gpus = (guint) near;
  return weft_gen_fail (error, "no Slim Fly has %u GPUs on radix-%u switches (2q² routers of p "
                        "GPUs, q a prime power, p at most k′); try --gpus %" G_GUINT64_FORMAT
                        " (q=%u, p=%u)", gpus, gen->radix, near, near_q, near_p);
}

static gboolean
plan (WeftGen  *gen,
      Shape    *shape,
      GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint64 routers, gpus;

  if (p->q == 0 && p->gpus == 0)
    return weft_gen_fail (error, "slim-fly needs --q, or --gpus");
  if (p->q != 0)
    {
      guint prime, n;

      if (!prime_power (p->q, &prime, &n))
        return weft_gen_fail (error, "--q %u is not a prime power; Slim Fly's MMS graphs need "
                              "one (3, 4, 5, 7, 8, 9, 11, 13, 16, …)", p->q);
      if (p->q == 2)
        return weft_gen_fail (error, "--q 2: MMS graphs need q = 4w + δ with δ of −1, 0 or 1; "
                              "the smallest is 3");
      *shape = (Shape) { p->q, p->p, network_radix (p->q), delta_of (p->q) };
      routers = 2 * (guint64) p->q * p->q;
      if (shape->p == 0 && p->gpus != 0)
        {
          if (p->gpus % routers != 0)
            return weft_gen_fail (error, "--gpus %u is not a whole number of GPUs on each of the "
                                  "%" G_GUINT64_FORMAT " routers of q=%u", p->gpus, routers, p->q);
          shape->p = p->gpus / routers;
        }
      else if (shape->p == 0 && (shape->p = auto_p (gen, p->q)) == 0)
        return weft_gen_fail (error, "q=%u: no p of GPUs per router fits %s's %u ports at %uG "
                              "and makes whole servers and scale-up domains; give --p",
                              p->q, gen->sw->id, gen->radix, gen->speed);
    }
  else if (p->p != 0)
    return weft_gen_fail (error, "give --q with --p (or --gpus alone)");
  else if (!choose_q (gen, p->gpus, shape, error))
    return FALSE;

  if (shape->p == 0 || shape->p + shape->k > gen->radix)
    return weft_gen_fail (error, "a Slim Fly router with q=%u has k′ = %u network ports and p=%u "
                          "GPUs: it needs %u ports; %s has %u at %uG", shape->q, shape->k,
                          MAX (shape->p, 1), shape->k + MAX (shape->p, 1), gen->sw->id,
                          gen->radix, gen->speed);
  routers = 2 * (guint64) shape->q * shape->q;
  gpus = routers * shape->p;
  if (p->gpus && gpus != p->gpus)
    {
      if (gpus <= G_MAXINT32)
        gen->suggested_gpus = (guint) gpus;
      return weft_gen_fail (error, "q=%u with p=%u gives %" G_GUINT64_FORMAT " GPUs, not %u; try "
                            "--gpus %" G_GUINT64_FORMAT, shape->q, shape->p, gpus, p->gpus, gpus);
    }
  return weft_gen_check_gpus (gen, gpus, error);
}

/* Diameter 2 between routers, so 3 switches between GPUs on routers 2
 * apart. A scale-up domain spanning routers offers no shorter way unless
 * a router serves two domains (then its NVSwitch and that router suffice),
 * or a domain's routers reach within 2 hops of each other's GPUs only:
 * fewer than 2q² − k′ routers to a domain leave some router 2 hops away
 * outside it. No closed form for the bisection is known. */
static void
closed_form (WeftGen     *gen,
             const Shape *s)
{
  guint64 routers = 2 * (guint64) s->q * s->q;
  guint domain = weft_gen_cut_domain (gen);

  if (gen->scale_up != NULL && routers * s->p <= domain)
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = weft_gen_scale_up_hops (gen);
      return;
    }
  if (!weft_gen_switch_shared (gen, s->p) && (domain + s->p - 1) / s->p < routers - s->k)
    {
      gen->closed_form.has_diameter = TRUE;
      gen->closed_form.diameter_switch_hops = 3;
    }
}

/* The X of the construction, as a membership table over GF(q). */
static void
generator_set (const Field *f,
               gint         delta,
               gboolean    *in_x,
               gboolean    *in_x2)
{
  guint q = f->q, w = (guint) (((gint) q - delta) / 4);

  memset (in_x, 0, sizeof (gboolean) * q);
  memset (in_x2, 0, sizeof (gboolean) * q);
  for (guint e = 0; e < q - 1; e++)
    {
      gboolean member;

      if (delta != -1)
        member = e % 2 == 0 && e <= q - 2;
      else
        member = (e % 2 == 0 && e <= 2 * w - 2) || (e % 2 == 1 && e >= 2 * w - 1 && e <= 4 * w - 3);
      if (member)
        {
          in_x[f->exp[e]] = TRUE;
          in_x2[f->exp[(e + 1) % (q - 1)]] = TRUE;
        }
    }
}

static gint32
group_of_gpu_cb (WeftGen  *gen,
                 guint     gpu,
                 gpointer  data)
{
  const Shape *s = data;

  return gpu / s->p / s->q;
}

gboolean
weft_gen_slim_fly (WeftGen  *gen,
                   GError  **error)
{
  Shape s = { 0 };
  WeftFabric *fabric = gen->fabric;
  Field *field;
  gboolean in_x[Q_MAX], in_x2[Q_MAX];
  guint q, n_gpus, first_gpu, first_router;

  if (!plan (gen, &s, error))
    return FALSE;
  closed_form (gen, &s);
  if (fabric == NULL)
    return TRUE;

  q = s.q;
  n_gpus = 2 * q * q * s.p;
  /* Router (s, x, y) is node first_router + s·q² + x·q + y; the q routers
   * sharing s and x are a group, and the groups of s = 0 and s = 1 are the
   * two halves the cross links join. Groups go in the pod field too. */
  if (!weft_gen_add_servers_by_switch (gen, n_gpus, s.p, group_of_gpu_cb, &s, &first_gpu, error))
    return FALSE;
  first_router = weft_fabric_get_n_nodes (fabric);
  for (guint r = 0; r < 2 * q * q; r++)
    {
      WeftGroups groups = { -1, -1, r / q, -1, r / q };
      char name[48];

      g_snprintf (name, sizeof name, "router-%u-%u-%u", r / (q * q), r / q % q, r % q);
      weft_gen_add_edge_switch (gen, name, WEFT_NODE_ROUTER, &groups, first_gpu + r * s.p, s.p);
    }
  for (guint i = 0; i < n_gpus; i++)
    weft_gen_link (gen, first_gpu + i, first_router + i / s.p, 1);

  field = g_new0 (Field, 1);
  field_init (field, q);
  generator_set (field, s.delta, in_x, in_x2);
  for (guint half = 0; half < 2; half++)
    for (guint x = 0; x < q; x++)
      for (guint y = 0; y < q; y++)
        for (guint y2 = y + 1; y2 < q; y2++)
          if ((half == 0 ? in_x : in_x2)[field_add (field, y, field_neg (field, y2))])
            weft_gen_link (gen, first_router + half * q * q + x * q + y,
                           first_router + half * q * q + x * q + y2, 1);
  for (guint x = 0; x < q; x++)
    for (guint m = 0; m < q; m++)
      for (guint c = 0; c < q; c++)
        {
          guint y = field_add (field, field_mul (field, m, x), c);

          weft_gen_link (gen, first_router + x * q + y, first_router + q * q + m * q + c, 1);
        }
  g_free (field);
  return TRUE;
}
