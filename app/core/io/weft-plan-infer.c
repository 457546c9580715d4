/* weft-plan-infer.c — what a cable plan leaves out (roles, parts, groups…), then the fabric. */
#include "io/weft-plan-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/weft-validate.h"
#include "util/weft-key-index.h"
#include "util/weft-union-find.h"

#define NONE G_MAXUINT32
/* Working kinds beyond WeftNodeKind: not known yet, and a scale-out switch of unknown tier. */
#define KIND_UNKNOWN WEFT_N_NODE_KINDS
#define KIND_SWITCH  (WEFT_N_NODE_KINDS + 1)
/* Unplaced GPUs of a scale-up domain this small are taken as one server. */
#define MAX_SERVER_GPUS 8

typedef struct
{
  Plan           *plan;
  WeftCatalog    *catalog;
  guint           n_devices;
  guint           n_records;
  PlanDevice     *devices;
  PlanRecord     *records;
  guint8         *kinds;          /* per device: WeftNodeKind, KIND_UNKNOWN or KIND_SWITCH */
  guint8         *classes;        /* per record: WeftLinkClass */
  guint32        *offsets;        /* per device, into incident */
  guint32        *incident;       /* record indices */
  const WeftPart **parts;         /* per device */
  guint32        *order;          /* node → device */
  guint32        *node_of;        /* device → node */
  guint32        *rack_index;     /* plan rack → fabric rack */
  WeftProtocol    protocol;
  WeftMedium      optics;
  guint           default_speed[WEFT_N_LINK_CLASSES];
} Build;

static void
build_clear (Build *build)
{
  g_free (build->kinds);
  g_free (build->classes);
  g_free (build->offsets);
  g_free (build->incident);
  g_free (build->parts);
  g_free (build->order);
  g_free (build->node_of);
  g_free (build->rack_index);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Build, build_clear)

static guint
other_end (const PlanCable *cable,
           guint            device)
{
  return cable->a == device ? cable->b : cable->a;
}

static gboolean
is_switch_kind (guint kind)
{
  return kind == KIND_SWITCH || (kind < WEFT_N_NODE_KINDS && kind != WEFT_NODE_GPU &&
                                 kind != WEFT_NODE_NVSWITCH);
}

static const WeftPart *
given_part (Build *build,
            guint  device)
{
  guint part = build->devices[device].part;

  return part == NONE ? NULL : g_ptr_array_index (build->plan->part_info, part);
}

static gboolean
speaks_only_ici (const WeftPart *part)
{
  return weft_part_speaks (part, "ici") && !weft_part_speaks (part, "infiniband") &&
         !weft_part_speaks (part, "ethernet");
}

/* Rack without U, or U without rack. */
static void
check_places (Build *build)
{
  for (guint d = 0; d < build->n_devices; d++)
    {
      const PlanDevice *device = &build->devices[d];
      const char *name = weft_plan_device_name (build->plan, d);

      if (device->rack_line != 0 && device->u_line == 0)
        weft_plan_error (build->plan, device->rack_line, "%s is in rack %s but at no U: give its U "
                         "too, or no rack", name,
                         (const char *) build->plan->racks.strings->pdata[device->rack]);
      else if (device->u_line != 0 && device->rack_line == 0)
        weft_plan_error (build->plan, device->u_line, "%s is at U %u but in no rack", name,
                         device->u);
    }
}

/* The options', else the one the named parts speak, else InfiniBand. */
static void
choose_protocol (Build                   *build,
                 const WeftImportOptions *options)
{
  const char *ib_part = NULL, *eth_part = NULL;

  if (options->has_protocol)
    {
      build->protocol = options->protocol;
      return;
    }
  for (guint i = 0; i < build->plan->part_info->len; i++)
    {
      const WeftPart *part = g_ptr_array_index (build->plan->part_info, i);
      gboolean ib, eth;

      if (part == NULL || part->kind == WEFT_PART_SCALE_UP_SWITCH)
        continue;
      ib = weft_part_speaks (part, "infiniband");
      eth = weft_part_speaks (part, "ethernet");
      if (ib && !eth && ib_part == NULL)
        ib_part = part->id;
      if (eth && !ib && eth_part == NULL)
        eth_part = part->id;
    }
  build->protocol = eth_part != NULL && ib_part == NULL ? WEFT_PROTOCOL_ETHERNET
                                                        : WEFT_PROTOCOL_INFINIBAND;
  if (eth_part != NULL && ib_part != NULL)
    weft_plan_warning (build->plan, 0, "parts for InfiniBand (%s) and for Ethernet (%s) in one "
                       "plan: the fabric is taken as infiniband", ib_part, eth_part);
}

/* The options', else the optics family most of the plan's cables use, else DSP. */
static void
choose_optics (Build                   *build,
               const WeftImportOptions *options)
{
  guint64 used[WEFT_N_MEDIA] = { 0 };
  WeftMedium best = WEFT_MEDIUM_DSP;

  if (options->has_optics)
    {
      build->optics = options->optics;
      return;
    }
  for (guint r = 0; r < build->n_records; r++)
    used[build->records[r].cable.medium] += build->records[r].cable.count;
  for (guint m = 0; m < WEFT_N_MEDIA; m++)
    if (weft_medium_is_optics_family (m) && used[m] > used[best])
      best = m;
  build->optics = best;
}

static void
build_incidence (Build *build)
{
  guint n = build->n_devices;
  g_autofree guint32 *fill = g_new0 (guint32, n + 1);

  build->offsets = g_new0 (guint32, n + 1);
  build->incident = g_new (guint32, 2 * (gsize) build->n_records + 1);
  for (guint r = 0; r < build->n_records; r++)
    {
      build->offsets[build->records[r].cable.a + 1]++;
      build->offsets[build->records[r].cable.b + 1]++;
    }
  for (guint d = 0; d < n; d++)
    build->offsets[d + 1] += build->offsets[d];
  for (guint r = 0; r < build->n_records; r++)
    for (guint end = 0; end < 2; end++)
      {
        guint d = end ? build->records[r].cable.b : build->records[r].cable.a;

        build->incident[build->offsets[d] + fill[d]++] = r;
      }
}

/* Before roles are known, a cable is scale-up when its class says so, or,
 * without a class, when it is on-board. */
static gboolean
hinted_up (const PlanCable *cable)
{
  if (cable->link_class != WEFT_N_LINK_CLASSES)
    return cable->link_class == WEFT_LINK_SCALE_UP;
  return cable->medium == WEFT_MEDIUM_ONBOARD;
}

typedef struct
{
  gboolean has_up;
  gboolean has_out;
  guint    neighbours;      /* distinct */
  guint    out_neighbours;  /* distinct, over scale-out cables */
} Degree;

static Degree *
count_degrees (Build *build)
{
  Degree *degrees = g_new0 (Degree, build->n_devices);
  g_autofree guint32 *stamp = g_new0 (guint32, build->n_devices);
  g_autofree guint32 *stamp_out = g_new0 (guint32, build->n_devices);

  for (guint d = 0; d < build->n_devices; d++)
    for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
      {
        const PlanCable *cable = &build->records[build->incident[i]].cable;
        guint w = other_end (cable, d);
        gboolean up = hinted_up (cable);

        degrees[d].has_up |= up;
        degrees[d].has_out |= !up;
        if (stamp[w] != d + 1)
          {
            stamp[w] = d + 1;
            degrees[d].neighbours++;
          }
        if (!up && stamp_out[w] != d + 1)
          {
            stamp_out[w] = d + 1;
            degrees[d].out_neighbours++;
          }
      }
  return degrees;
}

/* A scale-up switch: only scale-up cables, to devices that also reach
 * scale-out (GPUs with NICs) and that are not meshed among themselves. */
static gboolean
looks_like_scale_up_switch (Build        *build,
                            const Degree *degrees,
                            guint32      *stamp,
                            guint         d)
{
  gboolean any_out = FALSE;

  if (!degrees[d].has_up || degrees[d].has_out)
    return FALSE;
  for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
    {
      guint w = other_end (&build->records[build->incident[i]].cable, d);

      stamp[w] = d + 1;
      any_out |= degrees[w].has_out || build->kinds[w] == WEFT_NODE_GPU;
    }
  if (!any_out)
    return FALSE;
  for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
    {
      guint w = other_end (&build->records[build->incident[i]].cable, d);

      for (guint j = build->offsets[w]; j < build->offsets[w + 1]; j++)
        {
          const PlanCable *cable = &build->records[build->incident[j]].cable;
          guint x = other_end (cable, w);

          if (x != d && stamp[x] == d + 1 && hinted_up (cable))
            return FALSE;
        }
    }
  return TRUE;
}

/* An endpoint of the scale-out network: one or two neighbours (two NIC
 * ports, or two planes), each a switch at least half of whose neighbours
 * are endpoints too — a leaf, not the spine a small core hangs off. */
static gboolean
looks_like_endpoint (Build        *build,
                     const Degree *degrees,
                     guint         d)
{
  if (degrees[d].out_neighbours == 0 || degrees[d].out_neighbours > 2)
    return FALSE;
  for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
    {
      guint w = other_end (&build->records[build->incident[i]].cable, d);
      guint edge = 0;

      if (build->kinds[w] == WEFT_NODE_GPU)
        return FALSE;
      if (is_switch_kind (build->kinds[w]))
        continue;
      if (degrees[w].neighbours <= degrees[d].neighbours)
        return FALSE;
      for (guint j = build->offsets[w]; j < build->offsets[w + 1]; j++)
        {
          guint x = other_end (&build->records[build->incident[j]].cable, w);

          edge += degrees[x].neighbours <= 2 || build->kinds[x] == WEFT_NODE_GPU;
        }
      /* Counted per record, which a parallel bundle repeats: fine for a majority. */
      if (2 * edge < build->offsets[w + 1] - build->offsets[w])
        return FALSE;
    }
  return TRUE;
}

/* Switch tiers by their distance from the GPUs over scale-out cables. */
static void
assign_tiers (Build *build)
{
  g_autofree guint32 *distance = g_new (guint32, build->n_devices);
  g_autofree guint32 *queue = g_new (guint32, build->n_devices + 1);
  guint head = 0, tail = 0;

  for (guint d = 0; d < build->n_devices; d++)
    distance[d] = NONE;
  for (guint d = 0; d < build->n_devices; d++)
    if (build->kinds[d] == WEFT_NODE_GPU)
      for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
        {
          guint w = other_end (&build->records[build->incident[i]].cable, d);

          if (is_switch_kind (build->kinds[w]) && distance[w] == NONE)
            {
              distance[w] = 1;
              queue[tail++] = w;
            }
        }
  while (head < tail)
    {
      guint d = queue[head++];

      for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
        {
          guint w = other_end (&build->records[build->incident[i]].cable, d);

          if (is_switch_kind (build->kinds[w]) && distance[w] == NONE)
            {
              distance[w] = distance[d] + 1;
              queue[tail++] = w;
            }
        }
    }

  for (guint d = 0; d < build->n_devices; d++)
    {
      gboolean peers = FALSE;

      if (build->kinds[d] != KIND_SWITCH || distance[d] == NONE)
        continue;
      if (distance[d] >= 3)
        {
          build->kinds[d] = WEFT_NODE_CORE;
          continue;
        }
      if (distance[d] == 2)
        {
          build->kinds[d] = WEFT_NODE_SPINE;
          continue;
        }
      /* Next to GPUs and to switches that are too: a direct network's router. */
      for (guint i = build->offsets[d]; i < build->offsets[d + 1] && !peers; i++)
        {
          guint w = other_end (&build->records[build->incident[i]].cable, d);

          peers = distance[w] == 1;
        }
      build->kinds[d] = peers ? WEFT_NODE_ROUTER : WEFT_NODE_LEAF;
    }
}

static void
infer_roles (Build *build)
{
  g_autofree Degree *degrees = NULL;
  g_autofree guint32 *stamp = g_new0 (guint32, build->n_devices);
  guint inferred[WEFT_N_NODE_KINDS] = { 0 }, n_inferred = 0, unknown = 0;
  g_autoptr(GString) summary = g_string_new (NULL);

  build->kinds = g_new (guint8, build->n_devices);
  for (guint d = 0; d < build->n_devices; d++)
    {
      const WeftPart *part = given_part (build, d);

      build->kinds[d] = build->devices[d].kind;
      if (build->kinds[d] != KIND_UNKNOWN || part == NULL)
        continue;
      if (part->kind == WEFT_PART_NIC)
        build->kinds[d] = WEFT_NODE_GPU;
      else if (part->kind == WEFT_PART_SCALE_UP_SWITCH)
        build->kinds[d] = WEFT_NODE_NVSWITCH;
      else
        build->kinds[d] = speaks_only_ici (part) ? WEFT_NODE_ROUTER : KIND_SWITCH;
    }

  degrees = count_degrees (build);
  for (guint d = 0; d < build->n_devices; d++)
    if (build->kinds[d] == KIND_UNKNOWN && looks_like_scale_up_switch (build, degrees, stamp, d))
      build->kinds[d] = WEFT_NODE_NVSWITCH;
  for (guint d = 0; d < build->n_devices; d++)
    if (build->kinds[d] == KIND_UNKNOWN &&
        (degrees[d].has_up || looks_like_endpoint (build, degrees, d)))
      build->kinds[d] = WEFT_NODE_GPU;
  for (guint d = 0; d < build->n_devices; d++)
    if (build->kinds[d] == KIND_UNKNOWN)
      build->kinds[d] = KIND_SWITCH;
  assign_tiers (build);

  for (guint d = 0; d < build->n_devices; d++)
    {
      if (build->devices[d].kind != KIND_UNKNOWN)
        continue;
      n_inferred++;
      if (build->kinds[d] < WEFT_N_NODE_KINDS)
        {
          inferred[build->kinds[d]]++;
          continue;
        }
      unknown++;
      weft_plan_error (build->plan, build->devices[d].line,
                       "%s has no role, and none follows from its cables (no GPU reaches it "
                       "over scale-out cables): give it one in a role column",
                       weft_plan_device_name (build->plan, d));
    }
  if (n_inferred == 0)
    return;
  for (guint k = 0; k < WEFT_N_NODE_KINDS; k++)
    if (inferred[k] > 0)
      g_string_append_printf (summary, "%s%u %s", summary->len ? ", " : "", inferred[k],
                              weft_node_kind_to_string (k));
  weft_plan_warning (build->plan, 0, "roles inferred for %u devices: %s; %u unknown", n_inferred,
                     summary->len ? summary->str : "none", unknown);
}

/* Scale-up where a scale-up switch ends it or it joins two GPUs, unless the plan says. */
static void
choose_classes (Build *build)
{
  build->classes = g_new (guint8, build->n_records + 1);
  for (guint r = 0; r < build->n_records; r++)
    {
      const PlanCable *cable = &build->records[r].cable;
      guint ka = build->kinds[cable->a], kb = build->kinds[cable->b];

      if (cable->link_class != WEFT_N_LINK_CLASSES)
        build->classes[r] = cable->link_class;
      else if (ka == WEFT_NODE_NVSWITCH || kb == WEFT_NODE_NVSWITCH ||
               (ka == WEFT_NODE_GPU && kb == WEFT_NODE_GPU))
        build->classes[r] = WEFT_LINK_SCALE_UP;
      else
        build->classes[r] = WEFT_LINK_SCALE_OUT;
    }
}

/* Cables without a speed take the plan's most common one for their class. */
static void
choose_speeds (Build *build)
{
  static const guint fallback[WEFT_N_LINK_CLASSES] = { 400, 200 };
  GHashTable *counts[WEFT_N_LINK_CLASSES] = { NULL };
  guint64 missing[WEFT_N_LINK_CLASSES] = { 0 };

  for (guint c = 0; c < WEFT_N_LINK_CLASSES; c++)
    counts[c] = g_hash_table_new (NULL, NULL);
  for (guint r = 0; r < build->n_records; r++)
    {
      const PlanCable *cable = &build->records[r].cable;
      GHashTable *table = counts[build->classes[r]];
      gpointer key = GUINT_TO_POINTER (cable->speed_gbps);

      if (cable->speed_gbps == 0)
        missing[build->classes[r]] += cable->count;
      else
        g_hash_table_insert (table, key, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (
                               g_hash_table_lookup (table, key)) + cable->count));
    }
  for (guint c = 0; c < WEFT_N_LINK_CLASSES; c++)
    {
      GHashTableIter iter;
      gpointer key, value;
      gsize best_count = 0;
      guint best = fallback[c];

      g_hash_table_iter_init (&iter, counts[c]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_SIZE (value) > best_count ||
            (GPOINTER_TO_SIZE (value) == best_count && GPOINTER_TO_UINT (key) > best))
          {
            best_count = GPOINTER_TO_SIZE (value);
            best = GPOINTER_TO_UINT (key);
          }
      build->default_speed[c] = best;
      if (missing[c] > 0)
        weft_plan_warning (build->plan, 0, "%" G_GUINT64_FORMAT " %s cables give no speed: "
                           "taken as %uG, %s", missing[c], weft_link_class_to_string (c), best,
                           best_count > 0 ? "the speed most of the others give"
                                          : "as none of them gives one");
      g_hash_table_unref (counts[c]);
    }
}

static guint
cable_speed (Build *build,
             guint  r)
{
  guint speed = build->records[r].cable.speed_gbps;

  return speed ? speed : build->default_speed[build->classes[r]];
}

/* Whether @part has ports for all of @device's cables, and how it ranks:
 * fewest ports at the device's main speed, then cheapest, then by id. */
static gboolean
part_fits (Build          *build,
           guint           d,
           const WeftPart *part)
{
  guint64 used = 0;

  for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
    {
      guint r = build->incident[i];
      guint cost;

      if (build->kinds[d] == WEFT_NODE_GPU && build->classes[r] == WEFT_LINK_SCALE_UP)
        continue;
      cost = weft_part_port_cost (part, cable_speed (build, r));
      if (cost == 0)
        return FALSE;
      used += (guint64) cost * build->records[r].cable.count;
    }
  return used <= part->port_units;
}

static guint
main_speed (Build *build,
            guint  d,
            guint *n_cables)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = build->default_speed[WEFT_LINK_SCALE_OUT];
  gsize best_count = 0;

  *n_cables = 0;
  for (guint i = build->offsets[d]; i < build->offsets[d + 1]; i++)
    {
      guint r = build->incident[i];
      gpointer key = GUINT_TO_POINTER (cable_speed (build, r));
      gsize n;

      if (build->kinds[d] == WEFT_NODE_GPU && build->classes[r] == WEFT_LINK_SCALE_UP)
        continue;
      n = GPOINTER_TO_SIZE (g_hash_table_lookup (counts, key)) + build->records[r].cable.count;
      g_hash_table_insert (counts, key, GSIZE_TO_POINTER (n));
      *n_cables += build->records[r].cable.count;
      if (n > best_count || (n == best_count && GPOINTER_TO_UINT (key) > best))
        {
          best_count = n;
          best = GPOINTER_TO_UINT (key);
        }
    }
  return best;
}

static gboolean
better_part (const WeftPart *candidate,
             const WeftPart *best,
             guint           speed)
{
  guint pc = weft_part_ports_at (candidate, speed), pb = weft_part_ports_at (best, speed);

  if (pc != pb)
    return pc < pb;
  if (candidate->price_usd != best->price_usd)
    return candidate->price_usd < best->price_usd;
  return strcmp (candidate->id, best->id) < 0;
}

static gboolean
part_fits_kind (const WeftPart *part,
                guint           kind)
{
  if (kind == WEFT_NODE_GPU)
    return part->kind == WEFT_PART_NIC;
  if (kind == WEFT_NODE_NVSWITCH)
    return part->kind == WEFT_PART_SCALE_UP_SWITCH;
  return part->kind == WEFT_PART_SWITCH;
}

typedef struct
{
  const char *id;
  guint       count;
} PartCount;

static int
compare_part_counts (gconstpointer a,
                     gconstpointer b)
{
  const PartCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
choose_parts (Build *build)
{
  const char *protocol = weft_protocol_to_string (build->protocol);
  GPtrArray *candidates[3] = { NULL };
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (PartCount));
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_chosen = 0;

  candidates[WEFT_PART_SWITCH] = weft_catalog_list_parts (build->catalog, WEFT_PART_SWITCH);
  candidates[WEFT_PART_SCALE_UP_SWITCH] = weft_catalog_list_parts (build->catalog,
                                                                   WEFT_PART_SCALE_UP_SWITCH);
  candidates[WEFT_PART_NIC] = weft_catalog_list_parts (build->catalog, WEFT_PART_NIC);
  build->parts = g_new0 (const WeftPart *, build->n_devices);

  for (guint d = 0; d < build->n_devices; d++)
    {
      const WeftPart *part = given_part (build, d), *best = NULL;
      WeftPartKind want;
      GPtrArray *list;
      guint speed, n_cables;

      if (part != NULL)
        {
          if (!part_fits_kind (part, build->kinds[d]))
            weft_plan_error (build->plan, build->devices[d].part_line, "%s is a %s: %s is not "
                             "a %s", weft_plan_device_name (build->plan, d),
                             weft_node_kind_to_string (build->kinds[d]), part->id,
                             build->kinds[d] == WEFT_NODE_GPU ? "NIC"
                             : build->kinds[d] == WEFT_NODE_NVSWITCH ? "scale-up switch"
                                                                     : "scale-out switch");
          build->parts[d] = part;
          continue;
        }

      want = build->kinds[d] == WEFT_NODE_GPU ? WEFT_PART_NIC
           : build->kinds[d] == WEFT_NODE_NVSWITCH ? WEFT_PART_SCALE_UP_SWITCH : WEFT_PART_SWITCH;
      speed = main_speed (build, d, &n_cables);
      list = candidates[want];
      for (guint i = 0; i < list->len; i++)
        {
          const WeftPart *candidate = g_ptr_array_index (list, i);

          if (want != WEFT_PART_SCALE_UP_SWITCH && !weft_part_speaks (candidate, protocol))
            continue;
          if (weft_part_port_cost (candidate, speed) == 0 || !part_fits (build, d, candidate))
            continue;
          if (best == NULL || better_part (candidate, best, speed))
            best = candidate;
        }
      if (best == NULL)
        {
          weft_plan_error (build->plan, build->devices[d].line, "no %s in the catalog%s%s has "
                           "ports for the %u cables of %s at %uG: name its part in a part column",
                           want == WEFT_PART_NIC ? "NIC" : want == WEFT_PART_SWITCH
                           ? "scale-out switch" : "scale-up switch",
                           want != WEFT_PART_SCALE_UP_SWITCH ? " speaking " : "",
                           want != WEFT_PART_SCALE_UP_SWITCH ? protocol : "", n_cables,
                           weft_plan_device_name (build->plan, d), speed);
          continue;
        }
      build->parts[d] = best;
      n_chosen++;
      g_hash_table_insert (chosen, best->id, GUINT_TO_POINTER (
                             GPOINTER_TO_UINT (g_hash_table_lookup (chosen, best->id)) + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    g_ptr_array_unref (candidates[i]);
  if (n_chosen == 0)
    return;
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, chosen);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        PartCount count = { key, GPOINTER_TO_UINT (value) };

        g_array_append_val (counts, count);
      }
  }
  g_array_sort (counts, compare_part_counts);
  for (guint i = 0; i < counts->len; i++)
    g_string_append_printf (summary, "%s%u %s", i ? ", " : "",
                            g_array_index (counts, PartCount, i).count,
                            g_array_index (counts, PartCount, i).id);
  weft_plan_warning (build->plan, 0, "parts chosen by port count and speed for %u devices: %s",
                     n_chosen, summary->str);
}

/* Groups the plan has no columns for: scale-up domains are the components
 * of the scale-up cables; a server is the GPUs in one rack and U, or, when
 * unplaced, a small domain; a rail is a GPU's place in its server. */
static void
infer_groups (Build *build)
{
  Plan *plan = build->plan;
  gboolean domains = !plan->groups_given[PLAN_GROUP_GROUP];
  gboolean servers = !plan->groups_given[PLAN_GROUP_SERVER];
  gboolean rails = !plan->groups_given[PLAN_GROUP_RAIL];
  g_autofree guint32 *parent = NULL, *domain_of = NULL, *size = NULL, *gpus = NULL;
  g_autofree guint32 *domain_server = NULL, *rail_fill = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  WeftKeyIndex places;
  guint n_domains = 0, n_servers = 0, by_place = 0;

  if (!domains && !servers && !rails)
    return;

  parent = weft_union_find_new (build->n_devices);
  for (guint r = 0; r < build->n_records; r++)
    if (build->classes[r] == WEFT_LINK_SCALE_UP)
      weft_union_find_join (parent, build->records[r].cable.a, build->records[r].cable.b);
  domain_of = g_new (guint32, build->n_devices);
  size = g_new0 (guint32, build->n_devices);
  gpus = g_new0 (guint32, build->n_devices);
  for (guint d = 0; d < build->n_devices; d++)
    {
      guint root = weft_union_find_root (parent, d);

      domain_of[d] = NONE;
      size[root]++;
      gpus[root] += build->kinds[d] == WEFT_NODE_GPU;
    }
  /* The root of a set is its lowest device, so domains number in order of appearance. */
  for (guint d = 0; d < build->n_devices; d++)
    {
      guint root = weft_union_find_root (parent, d);

      if (size[root] < 2 ||
          (build->kinds[d] != WEFT_NODE_GPU && build->kinds[d] != WEFT_NODE_NVSWITCH))
        continue;
      if (domain_of[root] == NONE)
        domain_of[root] = n_domains++;
      domain_of[d] = domain_of[root];
      if (domains)
        build->devices[d].groups[PLAN_GROUP_GROUP] = domain_of[d];
    }

  weft_key_index_init (&places, 1024);
  domain_server = g_new (guint32, n_domains + 1);
  for (guint i = 0; i <= n_domains; i++)
    domain_server[i] = NONE;
  rail_fill = g_new0 (guint32, build->n_devices + 1);
  for (guint d = 0; d < build->n_devices; d++)
    {
      PlanDevice *device = &build->devices[d];
      gint32 server = device->groups[PLAN_GROUP_SERVER];

      if (build->kinds[d] != WEFT_NODE_GPU)
        continue;
      if (servers)
        {
          server = -1;
          if (device->rack != NONE)
            {
              guint64 place = ((guint64) device->rack << 32) | device->u;
              guint32 *slot = weft_key_index_slot (&places, place);

              if (*slot == WEFT_KEY_EMPTY)
                {
                  *slot = n_servers++;
                  by_place++;
                }
              server = *slot;
            }
          else if (domain_of[d] != NONE &&
                   gpus[weft_union_find_root (parent, d)] <= MAX_SERVER_GPUS)
            {
              if (domain_server[domain_of[d]] == NONE)
                domain_server[domain_of[d]] = n_servers++;
              server = domain_server[domain_of[d]];
            }
          device->groups[PLAN_GROUP_SERVER] = server;
        }
      if (rails && server >= 0 && (guint) server < build->n_devices)
        device->groups[PLAN_GROUP_RAIL] = rail_fill[server]++;
    }
  weft_key_index_clear (&places);

  if (servers && by_place > 0)
    g_string_append_printf (summary, "%u servers by rack and U", by_place);
  if (servers && n_servers > by_place)
    g_string_append_printf (summary, "%s%u servers by scale-up domain", summary->len ? ", " : "",
                            n_servers - by_place);
  if (domains && n_domains > 0)
    g_string_append_printf (summary, "%s%u scale-up domains", summary->len ? ", " : "",
                            n_domains);
  if (rails && n_servers > 0)
    g_string_append_printf (summary, "%srails by place in the server", summary->len ? ", " : "");
  if (summary->len > 0)
    weft_plan_warning (plan, 0, "groups inferred (no columns for them): %s", summary->str);
}

/* Weft names racks R<row>-<col>; other names go in a row of their own. */
static gboolean
parse_rack_name (const char *name,
                 guint      *row,
                 guint      *col)
{
  const char *dash;
  guint64 r, c;

  if (name[0] != 'R' || (dash = strchr (name, '-')) == NULL)
    return FALSE;
  if (!weft_plan_parse_uint (name + 1, dash - name - 1, G_MAXUINT16, &r) ||
      !weft_plan_parse_uint (dash + 1, strlen (dash + 1), G_MAXUINT16, &c))
    return FALSE;
  *row = r;
  *col = c;
  return TRUE;
}

/* Racks in the order the nodes first use them. */
static void
add_racks (Build      *build,
           WeftFabric *fabric)
{
  PlanNames *racks = &build->plan->racks;
  guint n = racks->strings->len, next_row = 0, next_col = 0, n_other = 0, n_added = 0;
  g_autofree guint *units = g_new0 (guint, n + 1);
  g_autofree guint *rows = g_new (guint, n + 1), *cols = g_new (guint, n + 1);
  g_autofree gboolean *named = g_new0 (gboolean, n + 1);
  const WeftFloor *floor = weft_fabric_get_floor (fabric);

  build->rack_index = g_new (guint32, n + 1);
  for (guint i = 0; i < n; i++)
    {
      named[i] = parse_rack_name (racks->strings->pdata[i], &rows[i], &cols[i]);
      if (named[i])
        next_row = MAX (next_row, rows[i] + 1);
      units[i] = floor->rack_units;
      build->rack_index[i] = NONE;
    }
  for (guint d = 0; d < build->n_devices; d++)
    {
      const PlanDevice *device = &build->devices[d];
      const WeftPart *part = build->parts[d];
      guint height = part && part->rack_units ? part->rack_units : 1;

      if (device->rack != NONE)
        units[device->rack] = MAX (units[device->rack], device->u + height - 1);
    }
  for (guint i = 0; i < build->n_devices; i++)
    {
      guint rack = build->devices[build->order[i]].rack;

      if (rack == NONE || build->rack_index[rack] != NONE)
        continue;
      if (!named[rack])
        {
          rows[rack] = next_row;
          cols[rack] = next_col++;
          n_other++;
        }
      weft_fabric_add_rack (fabric, racks->strings->pdata[rack], rows[rack], cols[rack],
                            MIN (units[rack], G_MAXUINT16));
      build->rack_index[rack] = n_added++;
    }
  if (n_other > 0)
    weft_plan_warning (build->plan, 0, "%u racks not named R<row>-<col> are laid out side by "
                       "side in row %u", n_other, next_row);
}

/* GPUs first, then the switches, each in the order the plan first names
 * them: the order generators build in. */
static void
order_nodes (Build *build)
{
  guint next = 0;

  build->order = g_new (guint32, build->n_devices + 1);
  build->node_of = g_new (guint32, build->n_devices + 1);
  for (guint pass = 0; pass < 2; pass++)
    for (guint d = 0; d < build->n_devices; d++)
      if ((build->kinds[d] == WEFT_NODE_GPU) == (pass == 0))
        {
          build->order[next] = d;
          build->node_of[d] = next++;
        }
}

/* The medium Weft would pick anyway is kept as auto, so that the link
 * follows later moves as a generated one does. */
static WeftMedium
link_medium (Build          *build,
             const WeftLink *link,
             WeftMedium      medium)
{
  const WeftMediaPart *automatic;

  if (link->link_class != WEFT_LINK_SCALE_OUT || medium == WEFT_MEDIUM_AUTO ||
      medium == WEFT_MEDIUM_ONBOARD)
    return medium;
  automatic = weft_catalog_resolve_media (build->catalog, WEFT_MEDIUM_AUTO, build->optics,
                                          link->speed_gbps, link->length_m);
  return automatic != NULL && automatic->medium == medium ? WEFT_MEDIUM_AUTO : medium;
}

static void
add_links (Build      *build,
           WeftFabric *fabric)
{
  for (guint r = 0; r < build->n_records; r++)
    {
      const PlanCable *cable = &build->records[r].cable;
      WeftLink link = { 0 };
      float placed;

      link.a = build->node_of[cable->a];
      link.b = build->node_of[cable->b];
      link.count = cable->count;
      link.link_class = build->classes[r];
      link.speed_gbps = cable_speed (build, r);
      link.lanes = cable->lanes ? cable->lanes
                 : link.link_class == WEFT_LINK_SCALE_UP ? 1 : CLAMP (link.speed_gbps / 100, 1, 8);
      placed = (float) weft_fabric_placement_length (fabric, link.a, link.b);
      link.length_m = isnan (cable->length_m) ? placed : cable->length_m;
      link.length_set = !isnan (cable->length_m) && cable->length_m != placed;
      link.medium = link_medium (build, &link, cable->medium);
      weft_fabric_append_link (fabric, &link);
    }
}

/* The fabric's own checks, at the lines that made the culprit. */
static void
report_problems (Build      *build,
                 WeftFabric *fabric)
{
  g_autoptr(GPtrArray) problems = weft_fabric_validate (fabric);

  for (guint i = 0; i < problems->len; i++)
    {
      const WeftProblem *problem = g_ptr_array_index (problems, i);
      guint line = problem->link != WEFT_NONE ? build->records[problem->link].line
                 : problem->node != WEFT_NONE ? build->devices[build->order[problem->node]].line
                                              : 0;

      weft_plan_warning (build->plan, line, "%s", problem->message);
    }
}

WeftFabric *
weft_plan_build (Plan                    *plan,
                 const WeftImportOptions *options,
                 GError                 **error)
{
  g_auto(Build) build = { 0 };
  g_autoptr(WeftFabric) fabric = NULL;

  build.plan = plan;
  build.catalog = plan->catalog;
  build.n_devices = plan->device_info->len;
  build.n_records = plan->records->len;
  build.devices = (PlanDevice *) (gpointer) plan->device_info->data;
  build.records = (PlanRecord *) (gpointer) plan->records->data;

  check_places (&build);
  if (weft_plan_n_errors (plan) > 0)
    return NULL;
  choose_protocol (&build, options);
  choose_optics (&build, options);
  build_incidence (&build);
  infer_roles (&build);
  if (weft_plan_n_errors (plan) > 0)
    return NULL;
  choose_classes (&build);
  choose_speeds (&build);
  choose_parts (&build);
  if (weft_plan_n_errors (plan) > 0)
    return NULL;
  infer_groups (&build);

  fabric = weft_fabric_new (plan->catalog);
  weft_fabric_set_protocol (fabric, build.protocol);
  weft_fabric_set_optics (fabric, build.optics);
  order_nodes (&build);
  add_racks (&build, fabric);
  for (guint i = 0; i < build.n_devices; i++)
    {
      guint d = build.order[i];
      const PlanDevice *device = &build.devices[d];
      WeftGroups groups = { device->groups[PLAN_GROUP_SERVER], device->groups[PLAN_GROUP_RAIL],
                            device->groups[PLAN_GROUP_POD], device->groups[PLAN_GROUP_PLANE],
                            device->groups[PLAN_GROUP_GROUP] };

      weft_fabric_add_node (fabric, weft_plan_device_name (plan, d), build.kinds[d],
                            build.parts[d]->id, &groups,
                            device->rack == NONE ? WEFT_NONE : build.rack_index[device->rack],
                            device->u);
    }
  add_links (&build, fabric);
  report_problems (&build, fabric);
  return g_steal_pointer (&fabric);
}
