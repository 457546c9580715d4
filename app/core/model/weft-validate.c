/* weft-validate.c — checks of links, parts and whole fabrics against the catalog and the rules of
 * the model. */
#include "model/weft-validate.h"

#include "util/weft-union-find.h"

#include "model/weft-fabric-private.h"

void
weft_problem_free (WeftProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static char *
describe_link (WeftFabric     *self,
               const WeftLink *link)
{
  return g_strdup_printf ("%s—%s", weft_fabric_get_node (self, link->a)->name,
                          weft_fabric_get_node (self, link->b)->name);
}

/* Which node kinds may end a link of each class. */
static gboolean
kind_allows_class (WeftNodeKind  kind,
                   WeftLinkClass klass)
{
  if (klass == WEFT_LINK_SCALE_UP)
    return kind == WEFT_NODE_GPU || kind == WEFT_NODE_NVSWITCH;
  return kind != WEFT_NODE_NVSWITCH;
}

static gboolean
check_class (WeftFabric     *self,
             const WeftLink *link,
             GError        **error)
{
  const WeftNode *a = weft_fabric_get_node (self, link->a);
  const WeftNode *b = weft_fabric_get_node (self, link->b);
  const char *klass = weft_link_class_to_string (link->link_class);

  for (guint i = 0; i < 2; i++)
    {
      const WeftNode *n = i ? b : a;

      if (!kind_allows_class (n->kind, link->link_class))
        {
          g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_CLASS,
                       "%s is a %s: it cannot end a %s link (scale-up and scale-out never join)",
                       n->name, weft_node_kind_to_string (n->kind), klass);
          return FALSE;
        }
    }
  if (link->link_class == WEFT_LINK_SCALE_OUT && a->kind == WEFT_NODE_GPU &&
      b->kind == WEFT_NODE_GPU)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_CLASS,
                   "%s and %s are both GPUs: a scale-out link needs a switch at one end",
                   a->name, b->name);
      return FALSE;
    }
  return TRUE;
}

/* "leaf-3: qm9700 has no 800G ports (it has …)": node @n, a @part, cannot take a link at
 * @speed_gbps. Returns FALSE. */
static gboolean
fail_no_ports (const WeftNode  *n,
               const WeftPart  *part,
               guint            speed_gbps,
               GError         **error)
{
  g_autofree char *ports = weft_part_describe_ports (part);

  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_SPEED,
               "%s: %s has no %uG ports (it has %s)", n->name, part->id, speed_gbps, ports);
  return FALSE;
}

static gboolean
check_end (WeftFabric     *self,
           guint           node,
           const WeftLink *link,
           guint           replacing,
           GError        **error)
{
  const WeftNode *n = weft_fabric_get_node (self, node);
  const WeftPart *part = weft_fabric_get_node_part (self, node);
  guint used, need, budget;

  if (n->kind == WEFT_NODE_GPU && link->link_class == WEFT_LINK_SCALE_UP)
    return TRUE;
  if (part == NULL)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PART,
                   "%s: part '%s' is not in the catalog", n->name,
                   weft_fabric_get_node_part_id (self, node));
      return FALSE;
    }
  if (weft_part_port_cost (part, link->speed_gbps) == 0)
    return fail_no_ports (n, part, link->speed_gbps, error);

  used = weft_fabric_get_ports_used (self, node);
  if (replacing != WEFT_NONE)
    {
      const WeftLink *old = weft_fabric_get_link (self, replacing);

      if (old->a == node || old->b == node)
        used -= weft_fabric_link_port_units (self, node, old);
    }
  need = weft_fabric_link_port_units (self, node, link);
  budget = part->port_units;
  if (used + need > budget)
    {
      guint cost = weft_part_port_cost (part, link->speed_gbps);

      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PORTS,
                   "%s has no free %uG port: %s has %u, %u would be in use", n->name,
                   link->speed_gbps, part->id, budget / cost, (used + need + cost - 1) / cost);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_medium (WeftFabric     *self,
              const WeftLink *link,
              GError        **error)
{
  const WeftMediaPart *media =
    weft_catalog_resolve_media (self->catalog, link->medium, self->optics,
                                link->speed_gbps, link->length_m);

  if (media == NULL)
    {
      g_autofree char *what = describe_link (self, link);
      WeftMedium medium = link->medium == WEFT_MEDIUM_AUTO ? self->optics : link->medium;

      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_MEDIUM,
                   "%s: no %s part at %uG reaches %.1f m", what,
                   weft_medium_to_string (medium), link->speed_gbps, link->length_m);
      return FALSE;
    }
  return TRUE;
}

gboolean
weft_fabric_check_link (WeftFabric     *self,
                        const WeftLink *link,
                        guint           replacing,
                        GError        **error)
{
  guint n_nodes = weft_fabric_get_n_nodes (self);

  if (link->a >= n_nodes || link->b >= n_nodes)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
                   "the link ends on a node that does not exist");
      return FALSE;
    }
  if (link->a == link->b)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_SELF_LOOP,
                   "both ends of the link are on %s", weft_fabric_get_node (self, link->a)->name);
      return FALSE;
    }
  if (link->count == 0 || link->speed_gbps == 0 || link->lanes == 0 || link->length_m < 0)
    {
      g_set_error (
          error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID,
          "a link needs a count, speed and lane count of at least 1 and a length of 0 m or more");
      return FALSE;
    }

  return check_class (self, link, error) &&
         check_end (self, link->a, link, replacing, error) &&
         check_end (self, link->b, link, replacing, error) &&
         check_medium (self, link, error);
}

static gboolean
part_fits_kind (const WeftPart *part,
                WeftNodeKind    kind)
{
  switch (kind)
    {
    case WEFT_NODE_GPU:
      return part->kind == WEFT_PART_NIC;
    case WEFT_NODE_NVSWITCH:
      return part->kind == WEFT_PART_SCALE_UP_SWITCH;
    case WEFT_NODE_LEAF:
    case WEFT_NODE_SPINE:
    case WEFT_NODE_CORE:
    case WEFT_NODE_ROUTER:
    case WEFT_NODE_OCS:
      return part->kind == WEFT_PART_SWITCH;
    case WEFT_N_NODE_KINDS:
    default:
      return FALSE;
    }
}

static gboolean
check_part_protocol (WeftFabric      *self,
                     const WeftNode  *node,
                     const WeftPart  *part,
                     GError         **error)
{
  const char *protocol = weft_protocol_to_string (self->protocol);

  if (part->kind == WEFT_PART_SCALE_UP_SWITCH || weft_part_speaks (part, protocol) ||
      weft_part_speaks (part, "ici"))
    return TRUE;
  g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PART,
               "%s: %s does not speak %s, the protocol of this fabric", node->name, part->id,
               protocol);
  return FALSE;
}

gboolean
weft_fabric_check_node_part (WeftFabric  *self,
                             guint        node,
                             const char  *part_id,
                             GError     **error)
{
  const WeftNode *n = weft_fabric_get_node (self, node);
  const WeftPart *part = weft_catalog_lookup_part (self->catalog, part_id);
  const guint32 *incident;
  guint n_incident, used = 0;

  if (part == NULL)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PART,
                   "%s: no part '%s' in the catalog", n->name, part_id);
      return FALSE;
    }
  if (!part_fits_kind (part, n->kind))
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PART,
                   "%s is a %s: %s is not that kind of part", n->name,
                   weft_node_kind_to_string (n->kind), part->id);
      return FALSE;
    }
  if (!check_part_protocol (self, n, part, error))
    return FALSE;

  incident = weft_fabric_incident_links (self, node, &n_incident);
  for (guint i = 0; i < n_incident; i++)
    {
      const WeftLink *link = weft_fabric_get_link (self, incident[i]);
      guint cost;

      if (n->kind == WEFT_NODE_GPU && link->link_class == WEFT_LINK_SCALE_UP)
        continue;
      cost = weft_part_port_cost (part, link->speed_gbps);
      if (cost == 0)
        return fail_no_ports (n, part, link->speed_gbps, error);
      used += link->count * cost;
    }
  if (used > part->port_units)
    {
      g_set_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PORTS,
                   "%s: %s has too few ports for its %u links", n->name, part->id, n_incident);
      return FALSE;
    }
  return TRUE;
}

static void
add_problem (GPtrArray       *problems,
             WeftProblemKind  kind,
             guint            node,
             guint            link,
             char            *message)
{
  WeftProblem *problem = g_new0 (WeftProblem, 1);

  problem->kind = kind;
  problem->node = node;
  problem->link = link;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static WeftProblemKind
problem_kind_for_error (const GError *error)
{
  switch ((WeftFabricError) error->code)
    {
    case WEFT_FABRIC_ERROR_PORTS: return WEFT_PROBLEM_PORTS;
    case WEFT_FABRIC_ERROR_SPEED: return WEFT_PROBLEM_SPEED;
    case WEFT_FABRIC_ERROR_CLASS: return WEFT_PROBLEM_CLASS;
    case WEFT_FABRIC_ERROR_SELF_LOOP: return WEFT_PROBLEM_SELF_LOOP;
    case WEFT_FABRIC_ERROR_PART: return WEFT_PROBLEM_PART;
    case WEFT_FABRIC_ERROR_MEDIUM: return WEFT_PROBLEM_MEDIUM;
    case WEFT_FABRIC_ERROR_INVALID:
    default:
      return WEFT_PROBLEM_CLASS;
    }
}

static void
validate_nodes (WeftFabric *self,
                GPtrArray  *problems)
{
  for (guint i = 0; i < weft_fabric_get_n_nodes (self); i++)
    {
      const WeftNode *n = weft_fabric_get_node (self, i);
      const WeftPart *part = weft_fabric_get_node_part (self, i);
      g_autoptr(GError) error = NULL;

      if (part == NULL || !part_fits_kind (part, n->kind))
        {
          add_problem (problems, WEFT_PROBLEM_PART, i, WEFT_NONE,
                       g_strdup_printf ("%s: '%s' is not a %s part in the catalog", n->name,
                                        weft_fabric_get_node_part_id (self, i),
                                        n->kind == WEFT_NODE_GPU ? "NIC" : "switch"));
          continue;
        }
      if (!check_part_protocol (self, n, part, &error))
        add_problem (problems, WEFT_PROBLEM_PROTOCOL, i, WEFT_NONE, g_strdup (error->message));
      if (weft_fabric_get_ports_used (self, i) > part->port_units)
        {
          g_autofree char *ports = weft_part_describe_ports (part);

          add_problem (problems, WEFT_PROBLEM_PORTS, i, WEFT_NONE,
                       g_strdup_printf ("%s uses more ports than %s has (%s): %u of %u port units",
                                        n->name, part->id, ports,
                                        weft_fabric_get_ports_used (self, i), part->port_units));
        }
    }
}

static void
validate_links (WeftFabric *self,
                GPtrArray  *problems)
{
  for (guint i = 0; i < weft_fabric_get_n_links (self); i++)
    {
      const WeftLink *link = weft_fabric_get_link (self, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *what = NULL;

      if (link->a == link->b)
        {
          add_problem (problems, WEFT_PROBLEM_SELF_LOOP, WEFT_NONE, i,
                       g_strdup_printf ("both ends of link %u are on %s", i,
                                        weft_fabric_get_node (self, link->a)->name));
          continue;
        }
      if (!check_class (self, link, &error) || !check_medium (self, link, &error))
        {
          add_problem (problems, problem_kind_for_error (error), WEFT_NONE, i,
                       g_strdup (error->message));
          continue;
        }
      /* Speeds: ports beyond the budget are reported once per node above. */
      for (guint end = 0; end < 2; end++)
        {
          guint node = end ? link->b : link->a;
          const WeftPart *part = weft_fabric_get_node_part (self, node);

          if (part == NULL || weft_fabric_link_port_units (self, node, link) > 0 ||
              (weft_fabric_get_node (self, node)->kind == WEFT_NODE_GPU &&
               link->link_class == WEFT_LINK_SCALE_UP))
            continue;
          what = describe_link (self, link);
          add_problem (problems, WEFT_PROBLEM_SPEED, node, i,
                       g_strdup_printf ("%s: %s has no %uG ports", what, part->id,
                                        link->speed_gbps));
          g_clear_pointer (&what, g_free);
        }
    }
}

/* GPUs outside the component holding most GPUs cannot reach the fabric. */
static void
validate_reachability (WeftFabric *self,
                       GPtrArray  *problems)
{
  guint n_nodes = weft_fabric_get_n_nodes (self);
  g_autofree guint32 *parent = g_new (guint32, n_nodes);
  g_autofree guint32 *gpus = g_new0 (guint32, n_nodes);
  guint best = WEFT_NONE, reported = 0, unreachable = 0;

  for (guint i = 0; i < n_nodes; i++)
    parent[i] = i;
  for (guint i = 0; i < weft_fabric_get_n_links (self); i++)
    {
      const WeftLink *link = weft_fabric_get_link (self, i);
      guint ra = weft_union_find_root (parent, link->a),
            rb = weft_union_find_root (parent, link->b);

      if (ra != rb)
        parent[MAX (ra, rb)] = MIN (ra, rb);
    }
  for (guint i = 0; i < n_nodes; i++)
    if (weft_fabric_get_node (self, i)->kind == WEFT_NODE_GPU)
      {
        guint root = weft_union_find_root (parent, i);

        gpus[root]++;
        if (best == WEFT_NONE || gpus[root] > gpus[best])
          best = root;
      }

  for (guint i = 0; i < n_nodes; i++)
    {
      const WeftNode *n = weft_fabric_get_node (self, i);

      if (n->kind != WEFT_NODE_GPU || weft_union_find_root (parent, i) == best)
        continue;
      unreachable++;
      if (reported++ < 10)
        add_problem (problems, WEFT_PROBLEM_UNREACHABLE, i, WEFT_NONE,
                     g_strdup_printf ("%s has no path to the fabric", n->name));
    }
  if (unreachable > 10)
    add_problem (problems, WEFT_PROBLEM_UNREACHABLE, WEFT_NONE, WEFT_NONE,
                 g_strdup_printf ("%u more GPUs have no path to the fabric", unreachable - 10));
}

GPtrArray *
weft_fabric_validate (WeftFabric *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) weft_problem_free);

  g_return_val_if_fail (WEFT_IS_FABRIC (self), problems);

  validate_nodes (self, problems);
  validate_links (self, problems);
  validate_reachability (self, problems);
  return problems;
}
