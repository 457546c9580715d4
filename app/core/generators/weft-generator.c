/* weft-generator.c — resolving hardware choices, shared building blocks, and the generate entry
 * point. */
#include "generators/weft-gen-private.h"

#include <stdlib.h>
#include <string.h>

#include "util/weft-format.h"

G_DEFINE_QUARK (weft-generator-error-quark, weft_generator_error)

static void G_GNUC_PRINTF (3, 0)
fail_valist (GError             **error,
             WeftGeneratorError   code,
             const char          *format,
             va_list              args)
{
  g_propagate_error (error, g_error_new_valist (WEFT_GENERATOR_ERROR, code, format, args));
}

gboolean
weft_gen_fail (GError     **error,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (error, WEFT_GENERATOR_ERROR_IMPOSSIBLE, format, args);
  va_end (args);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (2, 3)
fail_part (GError     **error,
           const char  *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (error, WEFT_GENERATOR_ERROR_PART, format, args);
  va_end (args);
  return FALSE;
}

/* "qm9700, q3400" — the parts that would do, for error messages; NULL when none would. */
static char *
list_parts (WeftCatalog  *catalog,
            WeftPartKind  kind,
            const char   *protocol,
            guint         speed)
{
  g_autoptr(GPtrArray) parts = weft_catalog_list_parts (catalog, kind);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const WeftPart *part = g_ptr_array_index (parts, i);

      if ((protocol == NULL || weft_part_speaks (part, protocol)) &&
          (speed == 0 || weft_part_ports_at (part, speed) > 0))
        g_string_append_printf (out, "%s%s", out->len ? ", " : "", part->id);
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static int
compare_speeds (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* "200G, 400G, 800G" — the port speeds parts of @kind speaking @protocol have. */
static char *
list_speeds (WeftCatalog  *catalog,
             WeftPartKind  kind,
             const char   *protocol)
{
  g_autoptr(GPtrArray) parts = weft_catalog_list_parts (catalog, kind);
  g_autoptr(GArray) speeds = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const WeftPart *part = g_ptr_array_index (parts, i);

      if (!weft_part_speaks (part, protocol))
        continue;
      for (guint m = 0; m < part->n_ports; m++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < speeds->len && !known; k++)
            known = g_array_index (speeds, guint, k) == part->ports[m].speed_gbps;
          if (!known)
            g_array_append_val (speeds, part->ports[m].speed_gbps);
        }
    }
  g_array_sort (speeds, compare_speeds);
  for (guint k = 0; k < speeds->len; k++)
    g_string_append_printf (out, "%s%uG", k ? ", " : "", g_array_index (speeds, guint, k));
  if (out->len == 0)
    g_string_append (out, "none");
  return g_string_free (out, FALSE);
}

/* The first of @part's protocols that --protocol takes, or NULL (the torus's ici). */
static const char *
protocol_option_for (const WeftPart *part)
{
  WeftProtocol protocol;

  for (guint i = 0; part->protocols != NULL && part->protocols[i] != NULL; i++)
    if (weft_protocol_from_string (part->protocols[i], &protocol))
      return part->protocols[i];
  return NULL;
}

static const char *
default_switch (WeftProtocol protocol,
                guint        speed)
{
  if (protocol == WEFT_PROTOCOL_ETHERNET)
    return "sn5600";
  return speed >= 800 ? "q3400" : "qm9700";
}

static gboolean
resolve_switch (WeftGen  *gen,
                GError  **error)
{
  const WeftGenParams *p = gen->params;
  const char *protocol = weft_protocol_to_string (p->protocol);
  const char *id = p->switch_part ? p->switch_part : default_switch (p->protocol, gen->speed);
  g_autofree char *named = NULL;
  guint ports;

  gen->sw = weft_catalog_lookup_part (gen->catalog, id);
  if (gen->sw == NULL || gen->sw->kind != WEFT_PART_SWITCH)
    {
      g_autofree char *known = list_parts (gen->catalog, WEFT_PART_SWITCH, NULL, 0);
      return fail_part (error, "--switch %s: no such switch in the catalog (switches: %s)", id,
                        known ? known : "none");
    }
  /* The switch as the user named it: with the option when they gave one. */
  named = p->switch_part ? g_strconcat ("--switch ", id, NULL) : g_strdup (id);
  if (!weft_part_speaks (gen->sw, protocol))
    {
      g_autofree char *known = list_parts (gen->catalog, WEFT_PART_SWITCH, protocol, 0);
      const char *other = protocol_option_for (gen->sw);

      /* Advise --protocol only with a value it takes: not the torus's ici. */
      if (other != NULL && known != NULL)
        return fail_part (error, "%s does not speak %s: use --protocol %s, or a switch that does "
                          "(%s)", named, protocol, other, known);
      if (other != NULL)
        return fail_part (error, "%s does not speak %s: use --protocol %s", named, protocol, other);
      if (known != NULL)
        return fail_part (error, "%s does not speak %s (only %s): use a switch that does (%s)",
                          named, protocol, gen->sw->protocols[0], known);
      return fail_part (error, "%s does not speak %s, and no switch in the catalog does", named,
                        protocol);
    }
  ports = weft_part_ports_at (gen->sw, gen->speed);
  if (ports == 0)
    {
      g_autofree char *have = weft_part_describe_ports (gen->sw);
      g_autofree char *known = list_parts (gen->catalog, WEFT_PART_SWITCH, protocol, gen->speed);
      g_autofree char *speeds = NULL;

      if (known != NULL)
        return fail_part (error,
                          "%s has no %uG ports (it has %s): change --speed, or use one of %s",
                          named, gen->speed, have, known);
      speeds = list_speeds (gen->catalog, WEFT_PART_SWITCH, protocol);
      return fail_part (error, "--speed %u: no %s switch in the catalog has %uG ports "
                        "(they have %s)", gen->speed, protocol, gen->speed, speeds);
    }
  gen->radix = p->radix ? p->radix : ports;
  if (gen->radix > ports)
    return fail_part (error, "--radix %u: %s has only %u ports at %uG", p->radix, gen->sw->id,
                      ports, gen->speed);
  if (p->optics == WEFT_MEDIUM_CPO && !gen->sw->cpo)
    {
      g_autofree char *known = NULL;
      g_autoptr(GPtrArray) parts = weft_catalog_list_parts (gen->catalog, WEFT_PART_SWITCH);
      GString *cpo = g_string_new (NULL);

      for (guint i = 0; i < parts->len; i++)
        if (((const WeftPart *) g_ptr_array_index (parts, i))->cpo)
          g_string_append_printf (cpo, "%s%s", cpo->len ? ", " : "",
                                  ((const WeftPart *) g_ptr_array_index (parts, i))->id);
      known = g_string_free (cpo, FALSE);
      return fail_part (error, "--optics cpo needs a co-packaged-optics switch (%s); %s has "
                        "pluggable cages", known, gen->sw->id);
    }
  return TRUE;
}

static gboolean
resolve_nic (WeftGen  *gen,
             GError  **error)
{
  const WeftGenParams *p = gen->params;
  const char *protocol = weft_protocol_to_string (p->protocol);
  const char *id = p->nic_part ? p->nic_part : gen->speed >= 800 ? "connectx-8" : "connectx-7";
  g_autofree char *named = NULL;

  gen->nic = weft_catalog_lookup_part (gen->catalog, id);
  if (gen->nic == NULL || gen->nic->kind != WEFT_PART_NIC)
    {
      g_autofree char *known = list_parts (gen->catalog, WEFT_PART_NIC, NULL, 0);
      return fail_part (error, "--nic %s: no such NIC in the catalog (NICs: %s)", id,
                        known ? known : "none");
    }
  named = p->nic_part ? g_strconcat ("--nic ", id, NULL) : g_strdup (id);
  if (!weft_part_speaks (gen->nic, protocol) || weft_part_ports_at (gen->nic, gen->speed) == 0)
    {
      g_autofree char *known = list_parts (gen->catalog, WEFT_PART_NIC, protocol, gen->speed);
      g_autofree char *problem = weft_part_speaks (gen->nic, protocol)
        ? g_strdup_printf ("has no %uG port", gen->speed)
        : g_strdup_printf ("does not speak %s", protocol);

      if (known != NULL)
        return fail_part (error, "%s %s: use one of %s", named, problem, known);
      return fail_part (error, "%s %s, and no NIC in the catalog has a %s port at %uG; "
                        "change --speed or --protocol", named, problem, protocol, gen->speed);
    }
  return TRUE;
}

static gboolean
resolve_scale_up (WeftGen  *gen,
                  GError  **error)
{
  const WeftGenParams *p = gen->params;
  const char *id = p->scale_up ? p->scale_up : "nvlink4";

  gen->scale_up = NULL;
  if (!g_str_equal (id, "none"))
    {
      gen->scale_up = weft_catalog_lookup_scale_up (gen->catalog, id);
      if (gen->scale_up == NULL)
        {
          g_autoptr(GPtrArray) families = weft_catalog_list_scale_up (gen->catalog);
          GString *known = g_string_new (NULL);

          for (guint i = 0; i < families->len; i++)
            g_string_append_printf (
                known, "%s, ", ((const WeftScaleUpFamily *) g_ptr_array_index (families, i))->id);
          g_string_append (known, "none");
          fail_part (error, "--scale-up %s: no such scale-up domain (known: %s)", id, known->str);
          g_string_free (known, TRUE);
          return FALSE;
        }
      if (gen->scale_up->switched)
        gen->scale_up_switch = weft_catalog_lookup_part (gen->catalog, gen->scale_up->switch_id);
    }

  /* A domain larger than a server (NVL72) is built from 4-GPU trays. */
  gen->gpus_per_server = p->gpus_per_server;
  if (gen->gpus_per_server == 0)
    gen->gpus_per_server = gen->scale_up && gen->scale_up->domain_gpus > 8 ? 4 :
                           gen->scale_up ? gen->scale_up->domain_gpus : 8;
  gen->domain_gpus = gen->scale_up ? gen->scale_up->domain_gpus : gen->gpus_per_server;
  if (gen->domain_gpus % gen->gpus_per_server != 0)
    return weft_gen_fail (error, "a %s domain of %u GPUs must hold whole servers: "
                          "--gpus-per-server %u does not divide %u",
                          gen->scale_up->id, gen->domain_gpus, gen->gpus_per_server,
                          gen->domain_gpus);
  return TRUE;
}

static gboolean
resolve (WeftGen  *gen,
         GError  **error)
{
  const WeftGenParams *p = gen->params;

  gen->speed = p->speed_gbps ? p->speed_gbps : 400;
  gen->planes = p->planes ? p->planes : 1;
  if (gen->speed % gen->planes != 0)
    return weft_gen_fail (error, "--planes %u: %uG does not split into %u equal ports",
                          gen->planes, gen->speed, gen->planes);
  gen->speed /= gen->planes;
  gen->lanes = CLAMP (gen->speed / 100, 1, 8);

  if (p->arch == WEFT_ARCH_TORUS)
    {
      /* The accelerators route among themselves: the router is on the die. */
      gen->sw = weft_catalog_lookup_part (gen->catalog, "torus-router");
      gen->nic = weft_catalog_lookup_part (gen->catalog, "ici-integrated");
      if (gen->sw == NULL || gen->nic == NULL)
        return fail_part (error, "the catalog lacks torus-router or ici-integrated");
      gen->gpus_per_server = gen->domain_gpus = 1;
      gen->radix = weft_part_ports_at (gen->sw, gen->speed);
      if (gen->radix == 0)
        {
          g_autofree char *have = weft_part_describe_ports (gen->sw);
          return fail_part (error, "torus links run at %s, not %uG", have, gen->speed);
        }
      return TRUE;
    }

  return resolve_switch (gen, error) && resolve_nic (gen, error) && resolve_scale_up (gen, error);
}

/* @count parallel links from @a to @b, scale-out or scale-up; weft_generate places them all. */
static void
append_link (WeftGen       *gen,
             guint          a,
             guint          b,
             guint          count,
             guint          speed_gbps,
             guint          lanes,
             WeftMedium     medium,
             WeftLinkClass  link_class)
{
  WeftLink link = { .a = a, .b = b, .count = count, .speed_gbps = speed_gbps, .lanes = lanes,
                    .medium = medium, .link_class = link_class };

  weft_fabric_append_link (gen->fabric, &link);
}

void
weft_gen_link (WeftGen *gen,
               guint    a,
               guint    b,
               guint    count)
{
  append_link (gen, a, b, count, gen->speed, gen->lanes, WEFT_MEDIUM_AUTO, WEFT_LINK_SCALE_OUT);
}

guint
weft_gen_cut_domain (WeftGen *gen)
{
  return gen->scale_up ? gen->domain_gpus : 1;
}

guint
weft_gen_scale_up_hops (WeftGen *gen)
{
  return gen->scale_up && gen->scale_up->switched ? 1 : 0;
}

static void
add_scale_up_link (WeftGen *gen,
                   guint    a,
                   guint    b,
                   guint    count)
{
  append_link (gen, a, b, count, gen->scale_up->link_gbps, 1, gen->scale_up->medium,
               WEFT_LINK_SCALE_UP);
}

guint
weft_gen_add_servers (WeftGen  *gen,
                      guint     n_servers,
                      gint32  (*pod_of_gpu) (WeftGen *gen, guint gpu, gpointer data),
                      gpointer  data)
{
  WeftFabric *fabric = gen->fabric;
  guint first = weft_fabric_get_n_nodes (fabric);
  guint gps = gen->gpus_per_server;
  guint n_gpus = n_servers * gps;
  guint n_domains = n_gpus / gen->domain_gpus;
  guint first_switch;

  for (guint s = 0; s < n_servers; s++)
    {
      guint u, rack = weft_placer_server (&gen->placer, s, &u);

      for (guint g = 0; g < gps; g++)
        {
          guint gpu = s * gps + g;
          WeftGroups groups = { s, g, -1, -1, gpu / gen->domain_gpus };
          char name[48];

          if (pod_of_gpu != NULL)
            groups.pod = pod_of_gpu (gen, gpu, data);
          g_snprintf (name, sizeof name, "gpu-%u-%u", s, g);
          weft_fabric_add_node (fabric, name, WEFT_NODE_GPU, gen->nic->id, &groups, rack, u);
        }
    }

  if (gen->scale_up == NULL)
    return first;

  first_switch = weft_fabric_get_n_nodes (fabric);
  if (gen->scale_up->switched)
    {
      guint servers_per_domain = gen->domain_gpus / gps;

      for (guint d = 0; d < n_domains; d++)
        {
          const WeftNode *gpu = weft_fabric_get_node (fabric, first + d * gen->domain_gpus);
          WeftGroups groups = { -1, -1, gpu->groups.pod, -1, d };
          guint rack = gpu->rack, u = gpu->u;
          char name[48];

          /* An NVL72's switch trays sit in the middle of its rack. */
          if (servers_per_domain > 1)
            weft_placer_server (&gen->placer, d * servers_per_domain + servers_per_domain / 2, &u);
          g_snprintf (name, sizeof name, "nvs-%u", d);
          weft_fabric_add_node (fabric, name, WEFT_NODE_NVSWITCH, gen->scale_up_switch->id,
                                &groups, rack, u);
        }
      for (guint i = 0; i < n_gpus; i++)
        add_scale_up_link (gen, first + i, first_switch + i / gen->domain_gpus,
                           gen->scale_up->links_per_gpu);
    }
  else
    {
      guint per_peer = MAX (1, gen->scale_up->links_per_gpu / (gen->domain_gpus - 1));

      for (guint d = 0; d < n_domains; d++)
        for (guint i = 0; i < gen->domain_gpus; i++)
          for (guint j = i + 1; j < gen->domain_gpus; j++)
            add_scale_up_link (gen, first + d * gen->domain_gpus + i,
                               first + d * gen->domain_gpus + j, per_peer);
    }
  return first;
}

gboolean
weft_gen_check_gpus (WeftGen  *gen,
                     guint64   gpus,
                     GError  **error)
{
  if (gpus > G_MAXINT32)
    return weft_gen_fail (error, "%" G_GUINT64_FORMAT " GPUs is more than Weft can hold", gpus);
  if (gpus % gen->gpus_per_server != 0)
    return weft_gen_fail (error, "%" G_GUINT64_FORMAT " GPUs is not a whole number of servers "
                          "of %u GPUs", gpus, gen->gpus_per_server);
  if (gen->scale_up != NULL && gpus % gen->domain_gpus != 0)
    return weft_gen_fail (error, "%" G_GUINT64_FORMAT " GPUs is not a whole number of %s domains "
                          "of %u GPUs", gpus, gen->scale_up->id, gen->domain_gpus);
  return TRUE;
}

gboolean
weft_gen_whole_gpus (WeftGen *gen,
                     guint64  gpus)
{
  return gpus <= G_MAXINT32 && gpus % gen->gpus_per_server == 0 &&
         (gen->scale_up == NULL || gpus % gen->domain_gpus == 0);
}

guint
weft_gen_nearest_whole (WeftGen *gen,
                        guint64  n_switches,
                        guint    balanced,
                        guint    room)
{
  for (guint p = balanced; p >= 1; p--)
    if (weft_gen_whole_gpus (gen, n_switches * p))
      return p;
  for (guint p = balanced + 1; p <= room; p++)
    if (weft_gen_whole_gpus (gen, n_switches * p))
      return p;
  return 0;
}

gboolean
weft_gen_switch_shared (WeftGen *gen,
                        guint    per_switch)
{
  guint domain = weft_gen_cut_domain (gen);

  return per_switch % domain != 0 && domain % per_switch != 0;
}

guint
weft_gen_add_edge_switch (WeftGen          *gen,
                          const char       *name,
                          WeftNodeKind      kind,
                          const WeftGroups *groups,
                          guint             first_gpu,
                          guint             n)
{
  WeftFabric *fabric = gen->fabric;
  guint lo = weft_fabric_get_node (fabric, first_gpu)->groups.server;
  guint hi = weft_fabric_get_node (fabric, first_gpu + MAX (n, 1) - 1)->groups.server;
  guint u, rack = weft_placer_edge_switch (&gen->placer, lo, hi, gen->sw->rack_units, &u);

  return weft_fabric_add_node (fabric, name, kind, gen->sw->id, groups, rack, u);
}

static int
compare_uint64 (const void *a,
                const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

void
weft_gen_link_groups (WeftGen *gen,
                      guint    first,
                      guint    g,
                      guint    per_group,
                      guint    h,
                      guint    m)
{
  g_autofree guint64 *ends = g_new (guint64, MAX (m, 1));

  for (guint G = 0; G < g; G++)
    for (guint H = G + 1; H < g; H++)
      {
        for (guint k = 0; k < m; k++)
          {
            guint rg = (H - 1 + k * (g - 1)) / h;
            guint rh = (G + k * (g - 1)) / h;

            ends[k] = (guint64) rg << 32 | rh;
          }
        qsort (ends, m, sizeof *ends, compare_uint64);
        for (guint k = 0; k < m;)
          {
            guint run = 1;

            while (k + run < m && ends[k + run] == ends[k])
              run++;
            weft_gen_link (gen, first + G * per_group + (guint) (ends[k] >> 32),
                           first + H * per_group + (guint) (ends[k] & 0xffffffff), run);
            k += run;
          }
      }
}

/* Servers per rack: whole scale-up domains when a domain spans servers
 * (NVL72), otherwise as many as fit the floor's power budget, rounded to
 * whole leaves so that a leaf can sit at the top of its servers' rack. */
gboolean
weft_gen_init_placer (WeftGen  *gen,
                      guint     n_servers,
                      guint     servers_per_leaf,
                      GError  **error)
{
  const WeftFloor *floor = weft_catalog_get_floor (gen->catalog);
  guint gps = gen->gpus_per_server;
  guint spr = gen->params->servers_per_rack;
  guint units = gen->domain_gpus > gps ? 1 : MAX (1, floor->server_units_8gpu * gps / 8);

  if (spr == 0)
    {
      spr = gen->domain_gpus > gps ? gen->domain_gpus / gps
                                   : MAX (1, floor->servers_per_rack_8gpu * 8 / gps);
      if (servers_per_leaf > 0 && servers_per_leaf <= spr)
        spr = spr / servers_per_leaf * servers_per_leaf;
    }
  if (spr * units > floor->rack_units)
    return weft_gen_fail (error,
                          "%u servers of %uU do not fit a %uU rack: lower --servers-per-rack", spr,
                          units, floor->rack_units);
  weft_placer_init (&gen->placer, gen->fabric, floor, n_servers, spr, units);
  return TRUE;
}

gboolean
weft_gen_add_servers_by_switch (WeftGen  *gen,
                                guint     n_gpus,
                                guint     per_switch,
                                gint32  (*pod_of_gpu) (WeftGen *gen, guint gpu, gpointer data),
                                gpointer  data,
                                guint    *first_gpu,
                                GError  **error)
{
  guint gps = gen->gpus_per_server;
  guint n_servers = n_gpus / gps;

  if (!weft_gen_init_placer (gen, n_servers, per_switch % gps == 0 ? per_switch / gps : 0, error))
    return FALSE;
  *first_gpu = weft_gen_add_servers (gen, n_servers, pod_of_gpu, data);
  return TRUE;
}

static char *
default_name (const WeftGenParams *params,
              WeftFabric          *fabric)
{
  g_autofree char *gpus = weft_format_count (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU));

  return g_strdup_printf ("%s, %s GPUs", weft_arch_get_title (params->arch), gpus);
}

static gboolean
build (WeftGen  *gen,
       GError  **error)
{
  if (!resolve (gen, error))
    return FALSE;

  switch (gen->params->arch)
    {
    case WEFT_ARCH_LEAF_SPINE:
    case WEFT_ARCH_FAT_TREE:
    case WEFT_ARCH_RAIL_OPTIMIZED:
    case WEFT_ARCH_RAIL_ONLY:
      return weft_gen_clos (gen, error);
    case WEFT_ARCH_DRAGONFLY:
      return weft_gen_dragonfly (gen, error);
    case WEFT_ARCH_TORUS:
      return weft_gen_torus (gen, error);
    case WEFT_ARCH_DRAGONFLY_PLUS:
      return weft_gen_dragonfly_plus (gen, error);
    case WEFT_ARCH_SLIM_FLY:
      return weft_gen_slim_fly (gen, error);
    case WEFT_ARCH_HYPERX:
      return weft_gen_hyperx (gen, error);
    case WEFT_ARCH_JELLYFISH:
      return weft_gen_jellyfish (gen, error);
    case WEFT_N_ARCHS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
weft_generator_check (WeftCatalog          *catalog,
                      const WeftGenParams  *params,
                      GError              **error)
{
  WeftGen gen = { catalog, params, NULL };

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  return build (&gen, error);
}

gboolean
weft_generator_check_suggest (WeftCatalog          *catalog,
                              const WeftGenParams  *params,
                              guint                *suggested_gpus,
                              GError              **error)
{
  WeftGen gen = { catalog, params, NULL };
  gboolean ok;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  ok = build (&gen, error);
  *suggested_gpus = ok ? 0 : gen.suggested_gpus;
  return ok;
}

/* Every link the generator made must be buildable from the catalog. */
static gboolean
check_media (WeftGen  *gen,
             GError  **error)
{
  for (guint i = 0; i < weft_fabric_get_n_links (gen->fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (gen->fabric, i);

      if (weft_fabric_get_link_media (gen->fabric, i) == NULL)
        return fail_part (error, "a %s link of %.1f m at %uG has no medium in the catalog "
                          "(%s reach too short?): try other --optics or --speed",
                          weft_fabric_get_link_tier (gen->fabric, i), link->length_m,
                          link->speed_gbps,
                          weft_medium_to_string (link->medium == WEFT_MEDIUM_AUTO
                                                 ? gen->params->optics : link->medium));
    }
  return TRUE;
}

WeftFabric *
weft_generate (WeftCatalog          *catalog,
               const WeftGenParams  *params,
               GError              **error)
{
  g_autoptr(WeftFabric) fabric = NULL;
  WeftGen gen = { catalog, params, NULL };
  gboolean ok;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (params != NULL, NULL);

  fabric = weft_fabric_new (catalog);
  weft_fabric_set_protocol (fabric, params->protocol);
  weft_fabric_set_optics (fabric, params->optics);
  gen.fabric = fabric;

  ok = build (&gen, error);
  weft_placer_clear (&gen.placer);
  if (!ok)
    return NULL;

  weft_fabric_place_links (fabric);
  if (!check_media (&gen, error))
    return NULL;

  if (params->name != NULL)
    weft_fabric_set_name (fabric, params->name);
  else
    {
      g_autofree char *name = default_name (params, fabric);
      weft_fabric_set_name (fabric, name);
    }
  weft_fabric_set_generator (fabric, params, &gen.closed_form);
  return g_steal_pointer (&fabric);
}

/* The nearest count that builds, trying the generator's own suggestion
 * and then whole servers either side; 0 when none within 400 servers. */
static guint
nearest_gpus (WeftCatalog   *catalog,
              WeftGenParams *params,
              guint          suggested)
{
  guint gpus = params->gpus;
  guint server = params->gpus_per_server ? params->gpus_per_server : 8;

  for (guint step = 0; step <= 400; step++)
    {
      gint64 offset = (gint64) ((step + 1) / 2) * server * (step % 2 ? 1 : -1);
      guint candidates[2] = { suggested, (guint) CLAMP ((gint64) gpus + offset, 1, G_MAXINT32) };

      for (guint c = step == 0 ? 0 : 1; c < 2; c++)
        {
          guint next = 0;

          if (candidates[c] == 0 || candidates[c] == gpus)
            continue;
          params->gpus = candidates[c];
          if (weft_generator_check_suggest (catalog, params, &next, NULL))
            return candidates[c];
        }
    }
  params->gpus = gpus;
  return 0;
}

gboolean
weft_generator_fit (WeftCatalog    *catalog,
                    WeftGenParams  *params,
                    char          **note,
                    GError        **error)
{
  g_autoptr(GError) first = NULL;
  guint asked = params->gpus, tiers = params->tiers, suggested = 0, nearest = 0;
  g_autofree char *count = NULL;

  g_return_val_if_fail (WEFT_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (params != NULL && note != NULL, FALSE);

  *note = NULL;
  if (weft_generator_check_suggest (catalog, params, &suggested, &first))
    return TRUE;

  /* Two tiers of this radix do not reach so far: three do, or come nearest. */
  if ((params->arch == WEFT_ARCH_LEAF_SPINE || params->arch == WEFT_ARCH_RAIL_OPTIMIZED) &&
      tiers != 0 && tiers < 3)
    {
      params->tiers = 3;
      if (weft_generator_check_suggest (catalog, params, &suggested, NULL))
        {
          *note = g_strdup ("3 tiers");
          return TRUE;
        }
      if (suggested != 0 && asked != 0 && (nearest = nearest_gpus (catalog, params, suggested)))
        {
          count = weft_format_count (nearest);
          *note = g_strdup_printf ("3 tiers, nearest size: %s GPUs", count);
          return TRUE;
        }
      params->tiers = tiers;
      weft_generator_check_suggest (catalog, params, &suggested, NULL);
    }

  if (asked != 0 && (nearest = nearest_gpus (catalog, params, suggested)))
    {
      count = weft_format_count (nearest);
      *note = g_strdup_printf ("nearest size: %s GPUs", count);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&first));
  return FALSE;
}
