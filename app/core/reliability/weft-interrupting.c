/* weft-interrupting.c — which single losses stop a job on all GPUs: GPUs always; switches and
 * links when two GPUs that reached each other through switches alone no longer do. */
#include "reliability/weft-reliability.h"

#include <string.h>

#include "util/weft-sort.h"
#include "util/weft-union-find.h"

/* One link class's network: the switches and the links between them (the
 * switch graph), each GPU's attachments to switches, and for each GPU the
 * set of switch-graph components it touches, its signature. Two GPUs
 * reach each other without a relay when their signatures meet, or when a
 * link joins them directly. */
typedef struct
{
  const WeftNode *nodes;
  const WeftLink *links;
  guint           n_nodes;
  guint           n_links;
  WeftLinkClass   klass;

  guint          *sw_start;     /* CSR over nodes: switch–switch links */
  guint32        *sw_next;      /* the other end */
  guint32        *sw_link;
  guint          *at_start;     /* CSR over nodes: a GPU's switches, a switch's GPUs */
  guint32        *at_next;
  guint32        *comp;         /* per switch: its component's representative */

  guint32        *sig_of;       /* per GPU: its signature, WEFT_NONE when it has none */
  GPtrArray      *sigs;         /* GArray of guint32 components, sorted */
  GHashTable     *comp_sigs;    /* component → GArray of SigCount */
  GHashTable     *comp_gpus;    /* component → GArray of guint32 GPUs, built when needed */

  guint32        *piece;        /* per switch, during a split: its piece, WEFT_NONE outside */
} Net;

typedef struct
{
  guint32 sig;
  guint32 gpus;
} SigCount;

static gboolean
is_gpu (const Net *net,
        guint32    node)
{
  return net->nodes[node].kind == WEFT_NODE_GPU;
}

static gboolean
in_class (const Net      *net,
          const WeftLink *l)
{
  return l->link_class == net->klass && l->a != l->b;
}

/* Counting sort of (node → other end, link) pairs into compressed rows;
 * @link_out may be NULL. */
static void
csr_build (Net       *net,
           gboolean   switches,
           guint    **start_out,
           guint32  **next_out,
           guint32  **link_out)
{
  guint *start = g_new0 (guint, net->n_nodes + 1), *fill = NULL;
  guint32 *next = NULL, *link = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < net->n_links; i++)
        {
          const WeftLink *l = &net->links[i];
          gboolean ga, gb;

          if (!in_class (net, l))
            continue;
          ga = is_gpu (net, l->a);
          gb = is_gpu (net, l->b);
          if (switches ? (ga || gb) : ga == gb)
            continue;
          if (pass == 0)
            {
              start[l->a + 1]++;
              start[l->b + 1]++;
              continue;
            }
          if (link != NULL)
            {
              link[fill[l->a]] = i;
              link[fill[l->b]] = i;
            }
          next[fill[l->a]++] = l->b;
          next[fill[l->b]++] = l->a;
        }
      if (pass == 1)
        break;
      for (guint n = 0; n < net->n_nodes; n++)
        start[n + 1] += start[n];
      next = g_new (guint32, MAX (start[net->n_nodes], 1));
      link = link_out != NULL ? g_new (guint32, MAX (start[net->n_nodes], 1)) : NULL;
      fill = g_memdup2 (start, sizeof (guint) * net->n_nodes);
    }
  g_free (fill);
  *start_out = start;
  *next_out = next;
  if (link_out != NULL)
    *link_out = link;
}

static guint
sig_hash (gconstpointer key)
{
  const GArray *a = key;
  guint h = 5381;

  for (guint i = 0; i < a->len; i++)
    h = h * 33 + g_array_index (a, guint32, i);
  return h;
}

static gboolean
sig_equal (gconstpointer x,
           gconstpointer y)
{
  const GArray *a = x, *b = y;

  /* An empty array may have no data at all, which memcmp must not see. */
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (guint32)) == 0);
}

/* Whether sorted @a and @b share an element other than @except. */
static gboolean
meet (const GArray *a,
      const GArray *b,
      guint32       except)
{
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      guint32 x = g_array_index (a, guint32, i), y = g_array_index (b, guint32, j);

      if (x == y && x != except)
        return TRUE;
      i += x <= y;
      j += y <= x;
    }
  return FALSE;
}

/* @gpu's signature, or NULL when it touches no switch of the class. */
static const GArray *
gpu_signature (const Net *net,
               guint32    gpu)
{
  return net->sig_of[gpu] == WEFT_NONE ? NULL : net->sigs->pdata[net->sig_of[gpu]];
}

/* @table's array for component @c, made empty on first use. */
static GArray *
component_array (GHashTable *table,
                 guint32     c,
                 guint       element_size)
{
  GArray *array = g_hash_table_lookup (table, GUINT_TO_POINTER (c));

  if (array == NULL)
    {
      array = g_array_new (FALSE, FALSE, element_size);
      g_hash_table_insert (table, GUINT_TO_POINTER (c), array);
    }
  return array;
}

static void
net_signatures (Net *net)
{
  g_autoptr(GHashTable) interned = g_hash_table_new (sig_hash, sig_equal);

  net->sig_of = g_new (guint32, net->n_nodes);
  net->sigs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  net->comp_sigs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint g = 0; g < net->n_nodes; g++)
    {
      g_autoptr(GArray) sig = NULL;
      gpointer found;

      net->sig_of[g] = WEFT_NONE;
      if (!is_gpu (net, g) || net->at_start[g] == net->at_start[g + 1])
        continue;
      sig = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint e = net->at_start[g]; e < net->at_start[g + 1]; e++)
        g_array_append_val (sig, net->comp[net->at_next[e]]);
      g_array_sort (sig, weft_compare_u32);
      for (guint i = 1; i < sig->len; i++)
        if (g_array_index (sig, guint32, i) == g_array_index (sig, guint32, i - 1))
          g_array_remove_index (sig, i--);
      if (g_hash_table_lookup_extended (interned, sig, NULL, &found))
        {
          net->sig_of[g] = GPOINTER_TO_UINT (found);
          continue;
        }
      net->sig_of[g] = net->sigs->len;
      g_hash_table_insert (interned, sig, GUINT_TO_POINTER (net->sigs->len));
      g_ptr_array_add (net->sigs, g_steal_pointer (&sig));
    }

  /* How many GPUs of each signature touch each component. */
  for (guint32 g = 0; g < net->n_nodes; g++)
    {
      const GArray *sig = gpu_signature (net, g);

      for (guint i = 0; sig != NULL && i < sig->len; i++)
        {
          GArray *counts = component_array (net->comp_sigs, g_array_index (sig, guint32, i),
                                            sizeof (SigCount));
          SigCount *hit = NULL;

          for (guint k = 0; k < counts->len && hit == NULL; k++)
            if (g_array_index (counts, SigCount, k).sig == net->sig_of[g])
              hit = &g_array_index (counts, SigCount, k);
          if (hit != NULL)
            hit->gpus++;
          else
            g_array_append_val (counts, ((SigCount) { net->sig_of[g], 1 }));
        }
    }
}

/* Whether @gpu, cut off from component @c, loses a GPU it reached: one
 * that touches @c and shares no other component with it. */
static gboolean
loses_component (const Net *net,
                 guint32    gpu,
                 guint32    c)
{
  const GArray *own = net->sigs->pdata[net->sig_of[gpu]];
  const GArray *counts = g_hash_table_lookup (net->comp_sigs, GUINT_TO_POINTER (c));

  for (guint k = 0; counts != NULL && k < counts->len; k++)
    {
      const SigCount *sc = &g_array_index (counts, SigCount, k);
      guint others = sc->sig == net->sig_of[gpu] ? sc->gpus - 1 : sc->gpus;

      if (others > 0 && !meet (own, net->sigs->pdata[sc->sig], c))
        return TRUE;
    }
  return FALSE;
}

/* Whether @gpu touches component @c through a switch other than @except. */
static gboolean
touches_besides (const Net *net,
                 guint32    gpu,
                 guint32    c,
                 guint32    except)
{
  for (guint e = net->at_start[gpu]; e < net->at_start[gpu + 1]; e++)
    if (net->at_next[e] != except && net->comp[net->at_next[e]] == c)
      return TRUE;
  return FALSE;
}

static void
net_comp_gpus (Net *net)
{
  net->comp_gpus = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint32 g = 0; g < net->n_nodes; g++)
    {
      const GArray *sig = gpu_signature (net, g);

      for (guint i = 0; sig != NULL && i < sig->len; i++)
        g_array_append_val (component_array (net->comp_gpus, g_array_index (sig, guint32, i),
                                             sizeof (guint32)), g);
    }
}

/* GPUs alike after a split: the pieces they touch and their signature. */
typedef struct
{
  GArray  *touched;
  guint32  sig;
  guint32  gpus;
} Group;

static void
group_clear (gpointer data)
{
  g_array_unref (((Group *) data)->touched);
}

/* Component @c loses switch @gone (or WEFT_NONE) and link @cut (or
 * WEFT_NONE): whether two of its GPUs that reached each other no longer
 * do. The pieces are found by a search from every switch of @c. */
static gboolean
split_interrupts (Net     *net,
                  guint32  c,
                  guint32  start,
                  guint32  gone,
                  guint32  cut)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  const GArray *gpus;
  guint32 pieces = 0;
  gboolean broken = FALSE;

  g_array_set_clear_func (groups, group_clear);
  if (net->comp_gpus == NULL)
    net_comp_gpus (net);
  gpus = g_hash_table_lookup (net->comp_gpus, GUINT_TO_POINTER (c));
  if (gpus == NULL)
    return FALSE;

  /* Every switch of the component, by a walk from @start. */
  g_array_append_val (seen, start);
  net->piece[start] = 0;
  for (guint i = 0; i < seen->len; i++)
    {
      guint32 u = g_array_index (seen, guint32, i);

      for (guint e = net->sw_start[u]; e < net->sw_start[u + 1]; e++)
        if (net->piece[net->sw_next[e]] == WEFT_NONE)
          {
            net->piece[net->sw_next[e]] = 0;
            g_array_append_val (seen, net->sw_next[e]);
          }
    }
  for (guint i = 0; i < seen->len; i++)
    net->piece[g_array_index (seen, guint32, i)] = WEFT_NONE;

  /* Label the pieces left without @gone and @cut. */
  for (guint i = 0; i < seen->len; i++)
    {
      guint32 root = g_array_index (seen, guint32, i);

      if (root == gone || net->piece[root] != WEFT_NONE)
        continue;
      net->piece[root] = pieces;
      g_array_set_size (stack, 0);
      g_array_append_val (stack, root);
      while (stack->len > 0)
        {
          guint32 u = g_array_index (stack, guint32, stack->len - 1);

          g_array_set_size (stack, stack->len - 1);
          for (guint e = net->sw_start[u]; e < net->sw_start[u + 1]; e++)
            {
              guint32 v = net->sw_next[e];

              if (v == gone || net->sw_link[e] == cut || net->piece[v] != WEFT_NONE)
                continue;
              net->piece[v] = pieces;
              g_array_append_val (stack, v);
            }
        }
      pieces++;
    }

  for (guint i = 0; i < gpus->len; i++)
    {
      guint32 g = g_array_index (gpus, guint32, i);
      Group *hit = NULL;

      g_array_set_size (touched, 0);
      for (guint e = net->at_start[g]; e < net->at_start[g + 1]; e++)
        {
          guint32 s = net->at_next[e];

          if (s != gone && net->comp[s] == c)
            g_array_append_val (touched, net->piece[s]);
        }
      g_array_sort (touched, weft_compare_u32);
      for (guint k = 0; k < groups->len && hit == NULL; k++)
        {
          Group *gr = &g_array_index (groups, Group, k);

          if (gr->sig == net->sig_of[g] && sig_equal (gr->touched, touched))
            hit = gr;
        }
      if (hit != NULL)
        hit->gpus++;
      else
        g_array_append_val (groups, ((Group) { g_array_copy (touched), net->sig_of[g], 1 }));
    }

  for (guint i = 0; i < groups->len && !broken; i++)
    for (guint j = i; j < groups->len && !broken; j++)
      {
        const Group *x = &g_array_index (groups, Group, i), *y = &g_array_index (groups, Group, j);

        if (i == j && x->gpus < 2)
          continue;
        broken = !meet (x->touched, y->touched, WEFT_NONE) &&
                 !meet (net->sigs->pdata[x->sig], net->sigs->pdata[y->sig], c);
      }

  for (guint i = 0; i < seen->len; i++)
    net->piece[g_array_index (seen, guint32, i)] = WEFT_NONE;
  return broken;
}

/* Tarjan's cut vertices and bridges of the switch graph, without recursion. */
static void
net_cuts (Net    *net,
          guint8 *cut_vertex,
          guint8 *bridge)
{
  g_autofree guint32 *disc = g_new0 (guint32, net->n_nodes);
  g_autofree guint32 *low = g_new (guint32, net->n_nodes);
  g_autofree guint32 *parent = g_new (guint32, net->n_nodes);
  g_autofree guint32 *via = g_new (guint32, net->n_nodes);
  g_autofree guint *pos = g_new (guint, net->n_nodes);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 time = 0;

  for (guint32 root = 0; root < net->n_nodes; root++)
    {
      guint children = 0;

      if (disc[root] != 0 || net->sw_start[root] == net->sw_start[root + 1])
        continue;
      disc[root] = low[root] = ++time;
      via[root] = WEFT_NONE;
      pos[root] = net->sw_start[root];
      g_array_append_val (stack, root);
      while (stack->len > 0)
        {
          guint32 u = g_array_index (stack, guint32, stack->len - 1);

          if (pos[u] < net->sw_start[u + 1])
            {
              guint e = pos[u]++;
              guint32 v = net->sw_next[e];

              if (net->sw_link[e] == via[u])
                continue;
              if (disc[v] != 0)
                {
                  low[u] = MIN (low[u], disc[v]);
                  continue;
                }
              disc[v] = low[v] = ++time;
              parent[v] = u;
              via[v] = net->sw_link[e];
              pos[v] = net->sw_start[v];
              children += u == root;
              g_array_append_val (stack, v);
              continue;
            }
          g_array_set_size (stack, stack->len - 1);
          if (u == root)
            continue;
          low[parent[u]] = MIN (low[parent[u]], low[u]);
          if (low[u] >= disc[parent[u]] && parent[u] != root)
            cut_vertex[parent[u]] = TRUE;
          if (low[u] > disc[parent[u]])
            bridge[via[u]] = TRUE;
        }
      if (children >= 2)
        cut_vertex[root] = TRUE;
    }
}

static gboolean
switch_interrupts (Net          *net,
                   guint32       s,
                   const guint8 *cut_vertex)
{
  guint32 c = net->comp[s];

  if (cut_vertex[s])
    return split_interrupts (net, c, net->sw_next[net->sw_start[s]], s, WEFT_NONE);
  /* The rest of the component holds together: only GPUs that touch it
   * through @s alone are cut off from it. */
  for (guint e = net->at_start[s]; e < net->at_start[s + 1]; e++)
    {
      guint32 g = net->at_next[e];

      if (!touches_besides (net, g, c, s) && loses_component (net, g, c))
        return TRUE;
    }
  return FALSE;
}

static gboolean
link_interrupts (Net          *net,
                 guint32       i,
                 const guint8 *bridge)
{
  const WeftLink *l = &net->links[i];
  gboolean ga = is_gpu (net, l->a), gb = is_gpu (net, l->b);

  if (ga && gb)
    {
      /* A direct link: the two GPUs still meet if they share a component. */
      if (net->sig_of[l->a] == WEFT_NONE || net->sig_of[l->b] == WEFT_NONE)
        return TRUE;
      return !meet (net->sigs->pdata[net->sig_of[l->a]], net->sigs->pdata[net->sig_of[l->b]],
                    WEFT_NONE);
    }
  if (ga || gb)
    {
      guint32 g = ga ? l->a : l->b, s = ga ? l->b : l->a;

      return !touches_besides (net, g, net->comp[s], s) && loses_component (net, g, net->comp[s]);
    }
  return bridge[i] && split_interrupts (net, net->comp[l->a], l->a, WEFT_NONE, i);
}

static void
net_find (WeftFabric       *fabric,
          WeftLinkClass     klass,
          WeftInterrupting *out)
{
  Net net = { 0 };
  g_autofree guint8 *cut_vertex = NULL, *bridge = NULL;

  net.nodes = weft_fabric_get_nodes (fabric, &net.n_nodes);
  net.links = weft_fabric_get_links (fabric, &net.n_links);
  net.klass = klass;
  csr_build (&net, TRUE, &net.sw_start, &net.sw_next, &net.sw_link);
  csr_build (&net, FALSE, &net.at_start, &net.at_next, NULL);

  net.comp = weft_union_find_new (net.n_nodes);
  for (guint i = 0; i < net.n_links; i++)
    {
      const WeftLink *l = &net.links[i];

      if (in_class (&net, l) && !is_gpu (&net, l->a) && !is_gpu (&net, l->b))
        weft_union_find_join (net.comp, l->a, l->b);
    }
  for (guint n = 0; n < net.n_nodes; n++)
    net.comp[n] = weft_union_find_root (net.comp, n);
  net_signatures (&net);

  cut_vertex = g_new0 (guint8, net.n_nodes);
  bridge = g_new0 (guint8, MAX (net.n_links, 1));
  net_cuts (&net, cut_vertex, bridge);
  net.piece = g_new (guint32, net.n_nodes);
  memset (net.piece, 0xff, sizeof (guint32) * net.n_nodes);

  for (guint32 s = 0; s < net.n_nodes; s++)
    if (!is_gpu (&net, s) && !out->node[s] &&
        (net.sw_start[s] < net.sw_start[s + 1] || net.at_start[s] < net.at_start[s + 1]))
      out->node[s] = switch_interrupts (&net, s, cut_vertex);
  for (guint32 i = 0; i < net.n_links; i++)
    if (in_class (&net, &net.links[i]) && net.links[i].count == 1)
      out->link[i] = link_interrupts (&net, i, bridge);

  g_free (net.sw_start);
  g_free (net.sw_next);
  g_free (net.sw_link);
  g_free (net.at_start);
  g_free (net.at_next);
  g_free (net.comp);
  g_free (net.sig_of);
  g_free (net.piece);
  g_ptr_array_unref (net.sigs);
  g_hash_table_unref (net.comp_sigs);
  g_clear_pointer (&net.comp_gpus, g_hash_table_unref);
}

WeftInterrupting *
weft_interrupting_find (WeftFabric *fabric)
{
  WeftInterrupting *out = g_new0 (WeftInterrupting, 1);
  const WeftNode *nodes;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);

  nodes = weft_fabric_get_nodes (fabric, &out->n_nodes);
  weft_fabric_get_links (fabric, &out->n_links);
  out->node = g_new0 (guint8, MAX (out->n_nodes, 1));
  out->link = g_new0 (guint8, MAX (out->n_links, 1));
  for (guint n = 0; n < out->n_nodes; n++)
    out->node[n] = nodes[n].kind == WEFT_NODE_GPU;
  for (WeftLinkClass klass = 0; klass < WEFT_N_LINK_CLASSES; klass++)
    net_find (fabric, klass, out);
  return out;
}

void
weft_interrupting_free (WeftInterrupting *interrupting)
{
  if (interrupting == NULL)
    return;
  g_free (interrupting->node);
  g_free (interrupting->link);
  g_free (interrupting);
}
