/* weft-gen-jellyfish.c — Jellyfish (Singla et al., NSDI'12): a random regular graph from a seed. */
#include "generators/weft-gen-private.h"

#include <stdlib.h>

#include "util/weft-union-find.h"

/* Singla, Hong, Popa and Godfrey, "Jellyfish: Networking Data Centers
 * Randomly", NSDI'12. n switches of k ports each give k − r to servers
 * (here p GPUs) and r to a random r-regular graph among themselves. The
 * graph is built as the paper does: join random pairs of switches that
 * have free ports and are not yet neighbours; when none is left, a switch
 * with two free ports breaks a random link (x, y) and joins both ends.
 * Everything random comes from the seed, which is saved with the fabric:
 * the same seed gives the same fabric, byte for byte. */

#define ATTEMPTS 32

typedef struct
{
  guint n, p, r;
} Shape;

/* SplitMix64 (Steele, Lea and Flood 2014): small, and the same numbers on
 * every platform and GLib, which GRand's ranges do not promise. */
typedef struct
{
  guint64 state;
} Random;

static guint64
random_next (Random *rnd)
{
  guint64 z = (rnd->state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Uniform in [0, n), without modulo bias. */
static guint
random_below (Random *rnd,
              guint   n)
{
  guint64 limit = G_MAXUINT64 - G_MAXUINT64 % n, x;

  do
    x = random_next (rnd);
  while (x >= limit);
  return (guint) (x % n);
}

/* The graph being built: each switch's neighbours, the links, and the
 * switches with free ports. */
typedef struct
{
  guint   n, r;
  guint  *adj;       /* n × r */
  guint  *degree;
  guint  *links;     /* pairs */
  guint   n_links;
  guint  *open;      /* switches with free ports */
  guint  *open_at;   /* a switch's place in open, or G_MAXUINT */
  guint   n_open;
} Graph;

static gboolean
adjacent (const Graph *graph,
          guint        a,
          guint        b)
{
  for (guint i = 0; i < graph->degree[a]; i++)
    if (graph->adj[(gsize) a * graph->r + i] == b)
      return TRUE;
  return FALSE;
}

static void
update_open (Graph *graph,
             guint  v)
{
  gboolean free = graph->degree[v] < graph->r;

  if (free && graph->open_at[v] == G_MAXUINT)
    {
      graph->open_at[v] = graph->n_open;
      graph->open[graph->n_open++] = v;
    }
  else if (!free && graph->open_at[v] != G_MAXUINT)
    {
      guint last = graph->open[--graph->n_open];

      graph->open[graph->open_at[v]] = last;
      graph->open_at[last] = graph->open_at[v];
      graph->open_at[v] = G_MAXUINT;
    }
}

static void
join (Graph *graph,
      guint  a,
      guint  b)
{
  graph->adj[(gsize) a * graph->r + graph->degree[a]++] = b;
  graph->adj[(gsize) b * graph->r + graph->degree[b]++] = a;
  graph->links[2 * graph->n_links] = a;
  graph->links[2 * graph->n_links + 1] = b;
  graph->n_links++;
  update_open (graph, a);
  update_open (graph, b);
}

static void
forget (Graph *graph,
        guint  a,
        guint  b)
{
  guint *row = graph->adj + (gsize) a * graph->r;

  for (guint i = 0; i < graph->degree[a]; i++)
    if (row[i] == b)
      {
        row[i] = row[--graph->degree[a]];
        break;
      }
}

/* Remove link @e, whose slot the last link takes. */
static void
unjoin (Graph *graph,
        guint  e)
{
  guint a = graph->links[2 * e], b = graph->links[2 * e + 1];

  forget (graph, a, b);
  forget (graph, b, a);
  graph->n_links--;
  graph->links[2 * e] = graph->links[2 * graph->n_links];
  graph->links[2 * e + 1] = graph->links[2 * graph->n_links + 1];
  update_open (graph, a);
  update_open (graph, b);
}

/* Two open switches that may still be joined: random tries, then every pair. */
static gboolean
find_pair (Graph  *graph,
           Random *rnd,
           guint  *a,
           guint  *b)
{
  for (guint t = 0; t < 64; t++)
    {
      *a = graph->open[random_below (rnd, graph->n_open)];
      *b = graph->open[random_below (rnd, graph->n_open)];
      if (*a != *b && !adjacent (graph, *a, *b))
        return TRUE;
    }
  for (guint i = 0; i < graph->n_open; i++)
    for (guint j = i + 1; j < graph->n_open; j++)
      if (!adjacent (graph, graph->open[i], graph->open[j]))
        {
          *a = graph->open[i];
          *b = graph->open[j];
          return TRUE;
        }
  return FALSE;
}

/* A link (x, y) to break for @u and @v (the same switch when it has two
 * free ports): u may join x and v may join y. */
static gboolean
find_link (Graph  *graph,
           Random *rnd,
           guint   u,
           guint   v,
           guint  *link,
           gboolean *swap)
{
  for (guint t = 0; t < 4 * graph->n_links + 64; t++)
    {
      guint e = random_below (rnd, graph->n_links);

      /* Either way round. */
      for (guint s = 0; s < 2; s++)
        {
          guint x = graph->links[2 * e + s], y = graph->links[2 * e + 1 - s];

          if (x != u && y != v && x != v && y != u &&
              !adjacent (graph, u, x) && !adjacent (graph, v, y))
            {
              *link = e;
              *swap = s == 1;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* One r-regular graph from @rnd, or FALSE when the construction is stuck. */
static gboolean
build_graph (Graph  *graph,
             Random *rnd)
{
  graph->n_links = 0;
  graph->n_open = 0;
  for (guint v = 0; v < graph->n; v++)
    {
      graph->degree[v] = 0;
      graph->open_at[v] = G_MAXUINT;
      update_open (graph, v);
    }
  while (graph->n_open > 0)
    {
      guint a, b, u, v, e;
      gboolean swap;

      if (graph->n_open >= 2 && find_pair (graph, rnd, &a, &b))
        {
          join (graph, a, b);
          continue;
        }
      /* Stuck: the open switches are all neighbours (or one is left). */
      u = graph->open[random_below (rnd, graph->n_open)];
      v = u;
      if (graph->r - graph->degree[u] < 2)
        {
          if (graph->n_open < 2)
            return FALSE;
          do
            v = graph->open[random_below (rnd, graph->n_open)];
          while (v == u);
        }
      if (graph->n_links == 0 || !find_link (graph, rnd, u, v, &e, &swap))
        return FALSE;
      a = graph->links[2 * e + (swap ? 1 : 0)];
      b = graph->links[2 * e + (swap ? 0 : 1)];
      unjoin (graph, e);
      join (graph, u, a);
      join (graph, v, b);
    }
  return TRUE;
}

static gboolean
connected (const Graph *graph)
{
  g_autofree guint32 *parent = weft_union_find_new (graph->n);
  guint parts = graph->n;

  for (guint e = 0; e < graph->n_links; e++)
    {
      guint32 a = weft_union_find_root (parent, graph->links[2 * e]);
      guint32 b = weft_union_find_root (parent, graph->links[2 * e + 1]);

      if (a != b)
        {
          weft_union_find_join (parent, a, b);
          parts--;
        }
    }
  return parts == 1;
}

static int
compare_links (const void *a,
               const void *b)
{
  const guint *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

static gboolean
plan (WeftGen  *gen,
      Shape    *s,
      GError  **error)
{
  const WeftGenParams *p = gen->params;
  guint gpus = p->gpus;

  if (gpus == 0)
    return weft_gen_fail (error, "jellyfish needs --gpus");
  if (!weft_gen_check_gpus (gen, gpus, error))
    return FALSE;
  /* A quarter of the ports to GPUs by default: r ≥ 3p leaves the random
   * graph enough links across any cut for full bandwidth, as Singla et al.
   * find for their sizes. The largest p up to that which divides the GPUs. */
  s->p = p->p;
  if (s->p == 0)
    for (s->p = MAX (1, gen->radix / 4); gpus % s->p != 0; s->p--)
      ;
  if (gpus % s->p != 0)
    return weft_gen_fail (error, "--gpus %u is not a whole number of switches of p=%u GPUs",
                          gpus, s->p);
  s->n = gpus / s->p;
  if (s->n < 2)
    return weft_gen_fail (error, "a Jellyfish needs at least 2 switches; %u GPUs at p=%u make 1",
                          gpus, s->p);
  s->r = p->r;
  if (s->r == 0)
    {
      s->r = MIN (gen->radix > s->p ? gen->radix - s->p : 0, s->n - 1);
      if ((guint64) s->n * s->r % 2 != 0)
        s->r--;
      if (s->r == 0)
        return weft_gen_fail (error, "p=%u leaves no network port on %s's %u at %uG",
                              s->p, gen->sw->id, gen->radix, gen->speed);
    }
  if (s->p + s->r > gen->radix)
    return weft_gen_fail (error, "a Jellyfish switch with p=%u GPUs and r=%u network ports needs "
                          "%u; %s has %u at %uG", s->p, s->r, s->p + s->r, gen->sw->id,
                          gen->radix, gen->speed);
  if (s->r > s->n - 1)
    return weft_gen_fail (error, "--r %u: each of %u switches has only %u others to link to",
                          s->r, s->n, s->n - 1);
  if ((guint64) s->n * s->r % 2 != 0)
    return weft_gen_fail (error, "--r %u on %u switches leaves one port over: n·r must be even",
                          s->r, s->n);
  if (s->r == 1 && s->n > 2)
    return weft_gen_fail (error, "--r 1 joins %u switches in pairs only; use --r 2 or more", s->n);
  return TRUE;
}

gboolean
weft_gen_jellyfish (WeftGen  *gen,
                    GError  **error)
{
  Shape s = { 0 };
  WeftFabric *fabric = gen->fabric;
  Graph graph = { 0 };
  guint n_gpus, first_gpu, first_switch, attempt;
  g_autofree guint *adj = NULL, *degree = NULL, *links = NULL, *open = NULL, *open_at = NULL;

  /* A random graph has no closed form: its diameter and bisection are
   * whatever the seed made them, and the metrics find them. */
  if (!plan (gen, &s, error))
    return FALSE;
  if (fabric == NULL)
    return TRUE;

  graph.n = s.n;
  graph.r = s.r;
  graph.adj = adj = g_new (guint, (gsize) s.n * s.r);
  graph.degree = degree = g_new (guint, s.n);
  graph.links = links = g_new (guint, (gsize) s.n * s.r);
  graph.open = open = g_new (guint, s.n);
  graph.open_at = open_at = g_new (guint, s.n);
  /* A random regular graph of degree 3 or more is connected almost surely;
   * the rare one that is not is drawn again, from the next seed in line. */
  for (attempt = 0; attempt < ATTEMPTS; attempt++)
    {
      Random rnd = { gen->params->seed * 0x2545f4914f6cdd1dull + attempt };

      if (build_graph (&graph, &rnd) && connected (&graph))
        break;
    }
  if (attempt == ATTEMPTS)
    return weft_gen_fail (error, "no connected Jellyfish of %u switches of degree %u in %d "
                            "draws from seed %u; try a larger --r or another --seed",
                            s.n, s.r, ATTEMPTS, gen->params->seed);

  n_gpus = s.n * s.p;
  if (!weft_gen_add_servers_by_switch (gen, n_gpus, s.p, NULL, NULL, &first_gpu, error))
    return FALSE;
  first_switch = weft_fabric_get_n_nodes (fabric);
  for (guint i = 0; i < s.n; i++)
    {
      WeftGroups groups = { -1, -1, -1, -1, -1 };
      char name[48];

      g_snprintf (name, sizeof name, "router-%u", i);
      weft_gen_add_edge_switch (gen, name, WEFT_NODE_ROUTER, &groups, first_gpu + i * s.p, s.p);
    }
  for (guint i = 0; i < n_gpus; i++)
    weft_gen_link (gen, first_gpu + i, first_switch + i / s.p, 1);

  /* In order, so that the file does not show how the graph was drawn. */
  for (guint e = 0; e < graph.n_links; e++)
    if (graph.links[2 * e] > graph.links[2 * e + 1])
      {
        guint t = graph.links[2 * e];

        graph.links[2 * e] = graph.links[2 * e + 1];
        graph.links[2 * e + 1] = t;
      }
  qsort (graph.links, graph.n_links, 2 * sizeof (guint), compare_links);
  for (guint e = 0; e < graph.n_links; e++)
    weft_gen_link (gen, first_switch + graph.links[2 * e], first_switch + graph.links[2 * e + 1],
                   1);
  return TRUE;
}
