/* weft-metrics-bisection.c — bisection bandwidth: closed form, or the best of many exact cuts, with
 * a spectral lower bound.
 *
 * The minimum over all balanced splits is NP-hard, so for a fabric of more
 * than 16 GPUs Weft tries splits that a designer would (by pod, plane, rail,
 * Dragonfly group, server, index halves), METIS's bisection of the graph
 * and the spectral split, evaluates each one exactly with a max-flow, and
 * reports the smallest: an upper bound on the true bisection. Up to 16 GPUs
 * it tries every balanced split, which is exact.
 */
#include "metrics/weft-metrics-private.h"

#include <math.h>
#include <metis.h>
#include <string.h>

#include "util/weft-union-find.h"

#define EXHAUSTIVE_MAX_GPUS 16
#define DENSE_MAX_NODES 400
#define LANCZOS_STEPS 40

typedef struct
{
  WeftMetricsGraph *graph;
  WeftBisection    *best;
  guint8           *side;         /* per node, the split being tried */
  guint8           *cut_side;     /* per node, where its min cut puts each */
  GHashTable       *tried;        /* hashes of the GPU sides already evaluated */
  double            target;       /* a closed form: once a split meets it, stop; else 0 */
  GError           *error;
} Search;

/* Whether a split found already meets the closed form, which is the minimum. */
static gboolean
search_done (Search *search)
{
  return search->error != NULL || (search->target > 0 && search->best->method != NULL &&
                                   search->best->gbps <= search->target + 1e-6);
}

/* FNV-1a over the GPUs' sides, so that a split found twice flows once. */
static guint64
split_hash (Search *search)
{
  WeftMetricsGraph *graph = search->graph;
  guint64 hash = 14695981039346656037ull;

  for (guint g = 0; g < graph->n_gpus; g++)
    hash = (hash ^ search->side[graph->gpus[g]]) * 1099511628211ull;
  return hash;
}

static gboolean
try_split (Search     *search,
           const char *method)
{
  WeftMetricsGraph *graph = search->graph;
  double gbps;

  if (search->error != NULL)
    return FALSE;
  if (search->tried != NULL)
    {
      guint64 hash = split_hash (search);

      if (g_hash_table_contains (search->tried, &hash))
        return TRUE;
      g_hash_table_add (search->tried, g_memdup2 (&hash, sizeof hash));
    }
  if (!weft_metrics_cut_capacity (graph, search->side, NULL, &gbps, search->cut_side,
                                  &search->error))
    return FALSE;
  if (search->best->method == NULL || gbps < search->best->gbps - 1e-9)
    {
      g_free (search->best->method);
      search->best->method = g_strdup (method);
      search->best->gbps = gbps;
      search->best->split_gbps = gbps;
      /* The split itself, with switches where the min cut puts them. */
      memcpy (search->best->side, search->cut_side, graph->n_nodes);
    }
  return TRUE;
}

/* Every subset of floor(n/2) GPUs (with the first GPU in it when n is even,
 * since the mirror image gives the same cut). */
static void
exhaustive (Search *search)
{
  WeftMetricsGraph *graph = search->graph;
  guint n = graph->n_gpus, half = n / 2;
  guint32 limit = 1u << n;

  for (guint32 mask = 0; mask < limit; mask++)
    {
      if ((guint) __builtin_popcount (mask) != half)
        continue;
      if (n % 2 == 0 && !(mask & 1))
        continue;
      for (guint g = 0; g < n; g++)
        search->side[graph->gpus[g]] = (mask >> g) & 1 ? 0 : 1;
      if (!try_split (search, "exhaustive"))
        return;
    }
}

typedef struct
{
  gint64  key;
  guint32 node;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

/* The first half of the GPUs in @keys order on side 0. */
static void
split_sorted (Search *search,
              Keyed  *keys)
{
  WeftMetricsGraph *graph = search->graph;

  qsort (keys, graph->n_gpus, sizeof (Keyed), compare_keyed);
  for (guint g = 0; g < graph->n_gpus; g++)
    search->side[keys[g].node] = g < graph->n_gpus / 2 ? 0 : 1;
}

static void
structural (Search *search)
{
  static const struct { const char *name; gsize offset; } groups[] = {
    { "pod", G_STRUCT_OFFSET (WeftGroups, pod) },
    { "plane", G_STRUCT_OFFSET (WeftGroups, plane) },
    { "group", G_STRUCT_OFFSET (WeftGroups, group) },
    { "rail", G_STRUCT_OFFSET (WeftGroups, rail) },
    { "server", G_STRUCT_OFFSET (WeftGroups, server) },
  };
  WeftMetricsGraph *graph = search->graph;
  g_autofree Keyed *keys = g_new (Keyed, graph->n_gpus);

  for (guint k = 0; k < G_N_ELEMENTS (groups); k++)
    {
      gint32 first = 0;
      gboolean varies = FALSE;
      g_autofree char *method = g_strdup_printf ("structural (by %s)", groups[k].name);

      for (guint g = 0; g < graph->n_gpus; g++)
        {
          const WeftGroups *groups_of = &graph->nodes[graph->gpus[g]].groups;
          gint32 value = G_STRUCT_MEMBER (gint32, groups_of, groups[k].offset);

          if (g == 0)
            first = value;
          varies |= value != first;
          keys[g] = (Keyed) { value, graph->gpus[g] };
        }
      if (!varies)
        continue;
      split_sorted (search, keys);
      if (!try_split (search, method) || search_done (search))
        return;
    }

  for (guint g = 0; g < graph->n_gpus; g++)
    keys[g] = (Keyed) { graph->gpus[g], graph->gpus[g] };
  split_sorted (search, keys);
  try_split (search, "structural (index halves)");
}

/* Scale-up domains as single vertices, for the partitioner and the spectral split. */
typedef struct
{
  guint     n;
  guint32  *of_node;       /* node → vertex */
  guint32  *gpus;          /* per vertex */
} Contracted;

static void
contract (WeftMetricsGraph *graph,
          Contracted       *c)
{
  g_autofree guint32 *parent = weft_union_find_new (graph->n_nodes);
  g_autofree guint32 *number = g_new (guint32, MAX (graph->n_nodes, 1));

  for (guint i = 0; i < graph->n_links; i++)
    if (graph->links[i].link_class == WEFT_LINK_SCALE_UP)
      weft_union_find_join (parent, graph->links[i].a, graph->links[i].b);
  c->n = 0;
  c->of_node = g_new (guint32, MAX (graph->n_nodes, 1));
  for (guint i = 0; i < graph->n_nodes; i++)
    number[i] = WEFT_NONE;
  for (guint i = 0; i < graph->n_nodes; i++)
    {
      guint32 r = weft_union_find_root (parent, i);

      if (number[r] == WEFT_NONE)
        number[r] = c->n++;
      c->of_node[i] = number[r];
    }
  c->gpus = g_new0 (guint32, MAX (c->n, 1));
  for (guint g = 0; g < graph->n_gpus; g++)
    c->gpus[c->of_node[graph->gpus[g]]]++;
}

static void
contracted_clear (Contracted *c)
{
  g_free (c->of_node);
  g_free (c->gpus);
}

/* Puts exactly half of the GPUs on side 0, moving whole domains from the
 * heavier side where they fit and single GPUs for the rest. */
static void
balance (Search           *search,
         const Contracted *c,
         guint8           *vertex_side)
{
  WeftMetricsGraph *graph = search->graph;
  guint want = graph->n_gpus / 2, have = 0;

  for (guint v = 0; v < c->n; v++)
    if (vertex_side[v] == 0)
      have += c->gpus[v];
  while (have != want)
    {
      guint8 heavy = have > want ? 0 : 1;
      guint excess = have > want ? have - want : want - have;
      guint pick = WEFT_NONE;

      for (guint v = 0; v < c->n; v++)
        if (vertex_side[v] == heavy && c->gpus[v] > 0 && c->gpus[v] <= excess &&
            (pick == WEFT_NONE || c->gpus[v] > c->gpus[pick]))
          pick = v;
      if (pick == WEFT_NONE)
        break;
      vertex_side[pick] = 1 - heavy;
      have = heavy == 0 ? have - c->gpus[pick] : have + c->gpus[pick];
    }
  for (guint g = 0; g < graph->n_gpus; g++)
    search->side[graph->gpus[g]] = vertex_side[c->of_node[graph->gpus[g]]];
  /* No domain small enough: split single GPUs off. */
  for (guint g = 0; g < graph->n_gpus && have != want; g++)
    {
      guint32 node = graph->gpus[g];

      if (have > want && search->side[node] == 0)
        {
          search->side[node] = 1;
          have--;
        }
      else if (have < want && search->side[node] == 1)
        {
          search->side[node] = 0;
          have++;
        }
    }
}

typedef struct
{
  gint64  key;       /* from << 32 | to */
  guint32 weight;
} Arc;

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const Arc *) a)->key, y = ((const Arc *) b)->key;

  return x < y ? -1 : x > y;
}

static void
metis (Search           *search,
       const Contracted *c)
{
  WeftMetricsGraph *graph = search->graph;
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  g_autofree idx_t *xadj = g_new0 (idx_t, c->n + 1);
  g_autofree idx_t *vwgt = g_new (idx_t, MAX (c->n, 1));
  g_autofree idx_t *part = g_new0 (idx_t, MAX (c->n, 1));
  g_autofree guint8 *vertex_side = g_new (guint8, MAX (c->n, 1));
  g_autofree idx_t *adjncy = NULL, *adjwgt = NULL;
  idx_t options[METIS_NOPTIONS];
  idx_t nvtxs = c->n, ncon = 1, nparts = 2, edgecut = 0;
  guint m;

  if (c->n < 2)
    return;
  /* Both directions of each contracted edge, parallel ones merged. */
  for (guint i = 0; i < graph->n_links; i++)
    {
      guint32 a = c->of_node[graph->links[i].a], b = c->of_node[graph->links[i].b];

      if (a == b)
        continue;
      for (guint e = 0; e < 2; e++)
        {
          Arc arc = { (gint64) (e ? b : a) << 32 | (e ? a : b),
                      (guint32) MIN (graph->capacity[i], G_MAXINT32 / 4) };

          g_array_append_val (arcs, arc);
        }
    }
  g_array_sort (arcs, compare_arcs);
  adjncy = g_new (idx_t, MAX (arcs->len, 1));
  adjwgt = g_new (idx_t, MAX (arcs->len, 1));
  m = 0;
  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      guint32 from = (guint32) (arc->key >> 32), to = (guint32) arc->key;

      if (i > 0 && g_array_index (arcs, Arc, i - 1).key == arc->key)
        {
          adjwgt[m - 1] = MIN ((gint64) adjwgt[m - 1] + arc->weight, G_MAXINT32 / 4);
          continue;
        }
      adjncy[m] = to;
      adjwgt[m] = MAX (1, arc->weight);
      xadj[from + 1]++;
      m++;
    }
  for (guint v = 0; v < c->n; v++)
    {
      xadj[v + 1] += xadj[v];
      vwgt[v] = c->gpus[v];
    }

  METIS_SetDefaultOptions (options);
  options[METIS_OPTION_SEED] = 1;
  options[METIS_OPTION_UFACTOR] = 1;
  if (METIS_PartGraphRecursive (&nvtxs, &ncon, xadj, adjncy, vwgt, NULL, adjwgt, &nparts,
                                NULL, NULL, options, &edgecut, part) != METIS_OK)
    return;   /* METIS declined; the other splits still stand */
  for (guint v = 0; v < c->n; v++)
    vertex_side[v] = part[v] ? 1 : 0;
  balance (search, c, vertex_side);
  try_split (search, "METIS");
}

/* y = L x for the capacity-weighted Laplacian. */
static void
laplacian_apply (WeftMetricsGraph *graph,
                 const double     *x,
                 double           *y)
{
  memset (y, 0, graph->n_nodes * sizeof (double));
  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];
      double w = graph->capacity[i], d = x[l->a] - x[l->b];

      y[l->a] += w * d;
      y[l->b] -= w * d;
    }
}

static void
remove_mean (double *x,
             guint   n)
{
  double mean = 0;

  for (guint i = 0; i < n; i++)
    mean += x[i];
  mean /= n;
  for (guint i = 0; i < n; i++)
    x[i] -= mean;
}

static double
normalise (double *x,
           guint   n)
{
  double norm = 0;

  for (guint i = 0; i < n; i++)
    norm += x[i] * x[i];
  norm = sqrt (norm);
  if (norm > 0)
    for (guint i = 0; i < n; i++)
      x[i] /= norm;
  return norm;
}

/* The smallest eigenpair of the symmetric @k × @k matrix @a. */
static igraph_error_t
smallest_eigen (const double *a,
                guint         k,
                double       *value,
                double       *vector)
{
  igraph_matrix_t m, vectors;
  igraph_vector_t values;

  IGRAPH_CHECK (igraph_matrix_init (&m, k, k));
  IGRAPH_FINALLY (igraph_matrix_destroy, &m);
  IGRAPH_CHECK (igraph_matrix_init (&vectors, 0, 0));
  IGRAPH_FINALLY (igraph_matrix_destroy, &vectors);
  IGRAPH_CHECK (igraph_vector_init (&values, 0));
  IGRAPH_FINALLY (igraph_vector_destroy, &values);
  for (guint i = 0; i < k; i++)
    for (guint j = 0; j < k; j++)
      MATRIX (m, i, j) = a[i * k + j];
  IGRAPH_CHECK (igraph_lapack_dsyevr (&m, IGRAPH_LAPACK_DSYEV_SELECT, 0, 0, 0, 1, 1, 1e-12,
                                      &values, &vectors, NULL));
  *value = VECTOR (values)[0];
  for (guint i = 0; i < k; i++)
    vector[i] = MATRIX (vectors, i, 0);
  igraph_vector_destroy (&values);
  igraph_matrix_destroy (&vectors);
  igraph_matrix_destroy (&m);
  IGRAPH_FINALLY_CLEAN (3);
  return IGRAPH_SUCCESS;
}

/* λ2 exactly, from the dense Laplacian. The Laplacian plus a multiple of
 * the all-ones matrix moves the zero eigenvalue of the constant vector out
 * of the way. */
static igraph_error_t
dense_fiedler (WeftMetricsGraph *graph,
               double           *lambda2,
               double           *vector)
{
  guint n = graph->n_nodes;
  g_autofree double *dense = g_new0 (double, (gsize) n * n);
  double shift = 0;

  for (guint i = 0; i < graph->n_links; i++)
    {
      const WeftLink *l = &graph->links[i];
      double c = graph->capacity[i];

      dense[l->a * n + l->a] += c;
      dense[l->b * n + l->b] += c;
      dense[l->a * n + l->b] -= c;
      dense[l->b * n + l->a] -= c;
      shift += 2 * c;
    }
  for (guint i = 0; i < n * n; i++)
    dense[i] += shift / n;
  return smallest_eigen (dense, n, lambda2, vector);
}

/* The first Lanczos vector: random, but the same every run, and
 * orthogonal to the constant vector. */
static void
lanczos_start (double *q,
               guint   n)
{
  GRand *rand = g_rand_new_with_seed (1);

  for (guint i = 0; i < n; i++)
    q[i] = g_rand_double_range (rand, -1, 1);
  g_rand_free (rand);
  remove_mean (q, n);
  normalise (q, n);
}

/* Up to @stride Lanczos steps from the first vector of @basis: the rest of
 * the basis and the tridiagonal @t, @stride wide. Returns the steps taken. */
static guint
lanczos_tridiagonalise (WeftMetricsGraph *graph,
                        double           *basis,
                        double           *t,
                        guint             stride)
{
  guint n = graph->n_nodes;
  g_autofree double *w = g_new (double, n);

  for (guint j = 0; j < stride; j++)
    {
      double *q = basis + (gsize) j * n, *next = basis + (gsize) (j + 1) * n;
      double alpha = 0, beta;

      laplacian_apply (graph, q, w);
      for (guint i = 0; i < n; i++)
        alpha += q[i] * w[i];
      t[j * stride + j] = alpha;
      /* Full reorthogonalisation keeps the basis honest in floating point. */
      for (guint p = 0; p <= j; p++)
        {
          const double *b = basis + (gsize) p * n;
          double dot = 0;

          for (guint i = 0; i < n; i++)
            dot += b[i] * w[i];
          for (guint i = 0; i < n; i++)
            w[i] -= dot * b[i];
        }
      remove_mean (w, n);
      memcpy (next, w, n * sizeof (double));
      beta = normalise (next, n);
      if (j + 1 < stride)
        {
          t[j * stride + j + 1] = beta;
          t[(j + 1) * stride + j] = beta;
        }
      if (beta < 1e-9)
        return j + 1;
    }
  return stride;
}

/* An estimate of λ2: the smallest eigenpair of the Lanczos tridiagonal,
 * its vector taken back through the basis. */
static gboolean
lanczos_fiedler (WeftMetricsGraph  *graph,
                 double            *lambda2,
                 double            *vector,
                 GError           **error)
{
  guint n = graph->n_nodes;
  guint stride = MIN (LANCZOS_STEPS, n - 1), k;
  g_autofree double *basis = g_new (double, (gsize) (stride + 1) * n);
  g_autofree double *t = g_new0 (double, (gsize) stride * stride);
  g_autofree double *y = g_new (double, stride);
  igraph_error_t code;

  lanczos_start (basis, n);
  k = lanczos_tridiagonalise (graph, basis, t, stride);
  /* The invariant subspace may close early: keep the k × k block built. */
  for (guint i = 0; i < k && k < stride; i++)
    memmove (t + i * k, t + i * stride, k * sizeof (double));
  code = smallest_eigen (t, k, lambda2, y);
  if (!weft_metrics_igraph_check (code, "The Lanczos eigenvalues", error))
    return FALSE;
  memset (vector, 0, n * sizeof (double));
  for (guint j = 0; j < k; j++)
    for (guint i = 0; i < n; i++)
      vector[i] += y[j] * basis[(gsize) j * n + i];
  return TRUE;
}

/* λ2 of the Laplacian and its vector: the dense Laplacian's second
 * eigenpair for small fabrics (exact); otherwise Lanczos with full
 * reorthogonalisation against the constant vector (an estimate). */
static gboolean
fiedler (WeftMetricsGraph *graph,
         double           *lambda2,
         double           *vector,
         gboolean         *exact,
         GError          **error)
{
  if (graph->n_nodes <= DENSE_MAX_NODES)
    {
      igraph_error_t code;

      *exact = TRUE;
      code = dense_fiedler (graph, lambda2, vector);
      if (code == IGRAPH_SUCCESS)
        return TRUE;
      /* LAPACK declined once in thousands of randomly edited test fabrics;
       * the iterative estimate still gives a split and a bound. */
      g_debug ("Dense eigenvalues failed (%s); estimating with Lanczos", igraph_strerror (code));
    }
  if (!lanczos_fiedler (graph, lambda2, vector, error))
    return FALSE;
  *exact = FALSE;
  return TRUE;
}

/* The part of a fabric the spectral bound is taken over: the nodes joined
 * to a GPU. A switch a failure or an edit left without links is a
 * component of its own, whose zero eigenvalue would make λ2 zero and the
 * bound a useless 0 Gb/s; it carries no traffic, so leaving it out loses
 * nothing. */
typedef struct
{
  WeftMetricsGraph  view;       /* n_nodes, n_links, links, capacity, n_gpus, gpus */
  WeftLink         *links;
  double           *capacity;
  guint32          *gpus;
  guint32          *of_node;    /* per node of the fabric: its vertex here, or WEFT_NONE */
} GpuPart;

static void
gpu_part_init (WeftMetricsGraph *graph,
               GpuPart          *part)
{
  g_autofree guint32 *parent = weft_union_find_new (graph->n_nodes);
  g_autofree guint8 *has_gpu = g_new0 (guint8, MAX (graph->n_nodes, 1));

  memset (part, 0, sizeof *part);
  for (guint i = 0; i < graph->n_links; i++)
    if (graph->capacity[i] > 0)
      weft_union_find_join (parent, graph->links[i].a, graph->links[i].b);
  for (guint g = 0; g < graph->n_gpus; g++)
    has_gpu[weft_union_find_root (parent, graph->gpus[g])] = 1;
  part->of_node = g_new (guint32, MAX (graph->n_nodes, 1));
  for (guint i = 0; i < graph->n_nodes; i++)
    part->of_node[i] =
        has_gpu[weft_union_find_root (parent, i)] ? part->view.n_nodes++ : WEFT_NONE;
  part->links = g_new (WeftLink, MAX (graph->n_links, 1));
  part->capacity = g_new (double, MAX (graph->n_links, 1));
  for (guint i = 0; i < graph->n_links; i++)
    if (part->of_node[graph->links[i].a] != WEFT_NONE && graph->capacity[i] > 0)
      {
        part->links[part->view.n_links] = graph->links[i];
        part->links[part->view.n_links].a = part->of_node[graph->links[i].a];
        part->links[part->view.n_links].b = part->of_node[graph->links[i].b];
        part->capacity[part->view.n_links++] = graph->capacity[i];
      }
  part->gpus = g_new (guint32, MAX (graph->n_gpus, 1));
  for (guint g = 0; g < graph->n_gpus; g++)
    part->gpus[g] = part->of_node[graph->gpus[g]];
  part->view.fabric = graph->fabric;
  part->view.links = part->links;
  part->view.capacity = part->capacity;
  part->view.n_gpus = graph->n_gpus;
  part->view.gpus = part->gpus;
}

static void
gpu_part_clear (GpuPart *part)
{
  g_free (part->links);
  g_free (part->capacity);
  g_free (part->gpus);
  g_free (part->of_node);
}

/* For any split of the GPUs into halves (switches anywhere) the cut is at
 * least λ2 · ‖x − x̄‖² / 4 over its ±1 vector x, and with g GPUs balanced and
 * s switches free ‖x − x̄‖² ≥ n − s²/n; taken over the GPUs' part of the
 * fabric, whose n and s leave the cut-off switches out. */
static void
spectral (Search   *search,
          double   *lower_bound,
          gboolean *exact)
{
  WeftMetricsGraph *graph = search->graph;
  g_autofree Keyed *keys = g_new (Keyed, MAX (graph->n_gpus, 1));
  g_autofree double *vector = NULL;
  GpuPart part;
  double lambda2 = 0, n, s;
  gboolean found;

  gpu_part_init (graph, &part);
  n = part.view.n_nodes;
  s = n - part.view.n_gpus;
  vector = g_new (double, MAX (part.view.n_nodes, 1));
  found = part.view.n_nodes >= 2 && fiedler (&part.view, &lambda2, vector, exact, &search->error);
  if (found)
    {
      *lower_bound = MAX (0, lambda2) * (n - s * s / n) / 4;
      for (guint g = 0; g < graph->n_gpus; g++)
        keys[g] = (Keyed) { (gint64) llround (vector[part.gpus[g]] * 1e15), graph->gpus[g] };
    }
  gpu_part_clear (&part);
  if (!found)
    return;
  /* A split at a proven minimum cannot be beaten; the bound above is still news. */
  if (search_done (search))
    return;
  split_sorted (search, keys);
  try_split (search, "spectral");
}

gboolean
weft_metrics_compute_bisection (WeftMetricsGraph *graph,
                                WeftMetrics      *metrics,
                                WeftMetricsTask  *task,
                                GError          **error)
{
  WeftBisection *best = &metrics->bisection;
  Search search = { graph, best };
  g_autofree guint8 *side = g_new0 (guint8, MAX (graph->n_nodes, 1));
  g_autofree guint8 *cut_side = g_new0 (guint8, MAX (graph->n_nodes, 1));
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  WeftClosedForm closed;
  gboolean has_closed_form;
  Contracted contracted;

  best->full_gbps = graph->injection_gbps / 2;
  best->side = g_new0 (guint8, MAX (graph->n_nodes, 1));
  best->n_side = graph->n_nodes;
  if (graph->n_gpus < 2)
    {
      best->method = g_strdup ("none (fewer than 2 GPUs)");
      best->exact = TRUE;
      return TRUE;
    }
  search.side = side;
  search.cut_side = cut_side;
  has_closed_form = weft_fabric_get_closed_form (graph->fabric, &closed) && closed.has_bisection;

  if (graph->n_gpus <= EXHAUSTIVE_MAX_GPUS)
    {
      weft_metrics_task_report (task, 0, "Bisection: every balanced split");
      exhaustive (&search);
      best->exact = TRUE;
    }
  else
    {
      search.tried = tried;
      search.target = has_closed_form ? closed.bisection_gbps : 0;
      weft_metrics_task_report (task, 0, "Bisection: structural splits");
      structural (&search);
      if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
        return FALSE;
      /* With a closed form the search only has to show a split; a
       * designer's split achieves it, so the partitioner can rest. */
      if (!has_closed_form || best->gbps > closed.bisection_gbps + 1e-6)
        {
          weft_metrics_task_report (task, 0.3, "Bisection: METIS");
          contract (graph, &contracted);
          metis (&search, &contracted);
          contracted_clear (&contracted);
        }
    }
  if (g_cancellable_set_error_if_cancelled (task->cancellable, error))
    return FALSE;
  weft_metrics_task_report (task, 0.6, "Bisection: spectral");
  spectral (&search, &best->lower_bound_gbps, &best->lower_bound_exact);
  if (search.error != NULL)
    {
      g_propagate_error (error, search.error);
      return FALSE;
    }

  /* A generator's closed form holds while the fabric is unedited. */
  if (has_closed_form && closed.bisection_gbps <= best->gbps + 1e-6)
    {
      g_free (best->method);
      best->method = g_strdup ("closed form");
      best->gbps = closed.bisection_gbps;
      best->exact = TRUE;
    }
  best->ratio = best->full_gbps > 0 ? best->gbps / best->full_gbps : 0;
  weft_metrics_task_report (task, 1, "Bisection");
  return TRUE;
}
