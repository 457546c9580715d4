/* weft-gen-params.c — generator parameters: defaults, parsing from text, and listing them back. */
#include "generators/weft-gen-params.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (weft-gen-params-error-quark, weft_gen_params_error)

static const struct
{
  const char *name;
  const char *title;
} archs[WEFT_N_ARCHS] = {
  { "leaf-spine", "Leaf-spine" },
  { "fat-tree", "Fat tree" },
  { "rail-optimized", "Rail-optimized" },
  { "rail-only", "Rail-only" },
  { "dragonfly", "Dragonfly" },
  { "torus", "Torus" },
  { "dragonfly-plus", "Dragonfly+" },
  { "slim-fly", "Slim Fly" },
  { "hyperx", "HyperX" },
  { "jellyfish", "Jellyfish" },
};

#define CLOS (1 << WEFT_ARCH_LEAF_SPINE | 1 << WEFT_ARCH_RAIL_OPTIMIZED | 1 << WEFT_ARCH_RAIL_ONLY)
#define ALL ((1 << WEFT_N_ARCHS) - 1)
#define SWITCHED (ALL & ~(1 << WEFT_ARCH_TORUS))
#define DFPLUS (1 << WEFT_ARCH_DRAGONFLY_PLUS)
/* The direct networks whose size can follow from --gpus: GPUs hang off switches, p a switch. */
#define DIRECT (1 << WEFT_ARCH_DRAGONFLY | DFPLUS | 1 << WEFT_ARCH_SLIM_FLY | \
                1 << WEFT_ARCH_HYPERX | 1 << WEFT_ARCH_JELLYFISH)

/* Every key, the order files and listings use, and which architectures read it. */
static const struct
{
  const char *key;
  guint       archs;
} keys[] = {
  { "name", ALL },
  { "gpus", CLOS | 1 << WEFT_ARCH_FAT_TREE | DIRECT },
  { "k", 1 << WEFT_ARCH_FAT_TREE },
  { "p", DIRECT },
  { "a", 1 << WEFT_ARCH_DRAGONFLY },
  { "h", 1 << WEFT_ARCH_DRAGONFLY | DFPLUS },
  { "leaves", DFPLUS },
  { "spines", DFPLUS },
  { "groups", 1 << WEFT_ARCH_DRAGONFLY | DFPLUS },
  { "q", 1 << WEFT_ARCH_SLIM_FLY },
  { "dims", 1 << WEFT_ARCH_TORUS | 1 << WEFT_ARCH_HYPERX },
  { "trunks", 1 << WEFT_ARCH_HYPERX },
  { "r", 1 << WEFT_ARCH_JELLYFISH },
  { "seed", 1 << WEFT_ARCH_JELLYFISH },
  { "gpus-per-server", SWITCHED },
  { "tiers", CLOS },
  { "planes", CLOS | 1 << WEFT_ARCH_FAT_TREE },
  { "radix", SWITCHED },
  { "oversubscription", CLOS },
  { "speed", ALL },
  { "protocol", SWITCHED },
  { "optics", ALL },
  { "switch", SWITCHED },
  { "nic", SWITCHED },
  { "scale-up", SWITCHED },
  { "servers-per-rack", ALL },
};

const char *
weft_arch_to_string (WeftArch arch)
{
  g_return_val_if_fail (arch < WEFT_N_ARCHS, NULL);
  return archs[arch].name;
}

const char *
weft_arch_get_title (WeftArch arch)
{
  g_return_val_if_fail (arch < WEFT_N_ARCHS, NULL);
  return archs[arch].title;
}

gboolean
weft_arch_from_string (const char *str,
                       WeftArch   *arch)
{
  for (guint i = 0; i < WEFT_N_ARCHS; i++)
    {
      if (g_strcmp0 (archs[i].name, str) == 0)
        {
          *arch = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
weft_gen_params_init (WeftGenParams *params,
                      WeftArch       arch)
{
  memset (params, 0, sizeof *params);
  params->arch = arch;
  params->oversubscription = 1.0;
  params->speed_gbps = 400;
  params->protocol = WEFT_PROTOCOL_INFINIBAND;
  params->optics = WEFT_MEDIUM_DSP;
  /* Leaf-spine and rail-optimized are two-tier designs unless asked for
   * three; rail-only rails grow as needed. */
  if (arch == WEFT_ARCH_LEAF_SPINE || arch == WEFT_ARCH_RAIL_OPTIMIZED)
    params->tiers = 2;
  /* A Jellyfish is one random graph of many: its seed is always part of it. */
  if (arch == WEFT_ARCH_JELLYFISH)
    params->seed = 1;
}

void
weft_gen_params_clear (WeftGenParams *params)
{
  g_clear_pointer (&params->name, g_free);
  g_clear_pointer (&params->switch_part, g_free);
  g_clear_pointer (&params->nic_part, g_free);
  g_clear_pointer (&params->scale_up, g_free);
}

WeftGenParams *
weft_gen_params_copy (const WeftGenParams *params)
{
  WeftGenParams *copy = g_memdup2 (params, sizeof *params);

  copy->name = g_strdup (params->name);
  copy->switch_part = g_strdup (params->switch_part);
  copy->nic_part = g_strdup (params->nic_part);
  copy->scale_up = g_strdup (params->scale_up);
  return copy;
}

void
weft_gen_params_free (WeftGenParams *params)
{
  if (params == NULL)
    return;
  weft_gen_params_clear (params);
  g_free (params);
}

static void
collect_cb (const char *key,
            const char *value,
            gpointer    user_data)
{
  g_string_append_printf (user_data, "%s=%s;", key, value);
}

gboolean
weft_gen_params_equal (const WeftGenParams *a,
                       const WeftGenParams *b)
{
  g_autoptr(GString) sa = g_string_new (NULL);
  g_autoptr(GString) sb = g_string_new (NULL);

  if (a->arch != b->arch)
    return FALSE;
  weft_gen_params_foreach (a, collect_cb, sa);
  weft_gen_params_foreach (b, collect_cb, sb);
  return g_string_equal (sa, sb);
}

static gboolean
parse_uint (const char  *key,
            const char  *value,
            guint        min,
            guint        max,
            guint       *out,
            GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                   "%s: expected a whole number from %u to %u, got '%s'", key, min, max, value);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

/* "auto" (or nothing) leaves the choice to the generator. */
static gboolean
parse_uint_or_auto (const char  *key,
                    const char  *value,
                    guint        min,
                    guint        max,
                    guint       *out,
                    GError     **error)
{
  if (g_str_equal (value, "auto"))
    {
      *out = 0;
      return TRUE;
    }
  return parse_uint (key, value, min, max, out, error);
}

/* "16x16x16" into @sizes; nothing leaves none (for HyperX: chosen from --gpus). */
static gboolean
parse_sizes (const char  *key,
             const char  *value,
             guint        min,
             guint        max,
             guint       *sizes,
             guint       *n_sizes,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "x", -1);
  guint n = g_strv_length (parts);

  if (*value == '\0')
    {
      *n_sizes = 0;
      return TRUE;
    }
  if (n < 1 || n > WEFT_MAX_DIMS)
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                   "%s: expected 1 to %d sizes like %s, got '%s'", key, WEFT_MAX_DIMS,
                   min < 2 ? "1x2" : "16x16x16", value);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!parse_uint (key, parts[i], min, max, &sizes[i], NULL))
        {
          g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                       "%s: expected sizes from %u to %u like %s, got '%s'", key, min, max,
                       min < 2 ? "1x2" : "16x16x16", value);
          return FALSE;
        }
    }
  *n_sizes = n;
  return TRUE;
}

static gboolean
parse_oversubscription (const char  *value,
                        double      *out,
                        GError     **error)
{
  char *end = NULL;
  double r = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (r) || r < 1 || r > 64)
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                   "oversubscription: expected a ratio from 1 to 64 (down:up at the leaf), "
                   "got '%s'", value);
      return FALSE;
    }
  *out = r;
  return TRUE;
}

static gboolean
parse_protocol (const char    *value,
                WeftProtocol  *out,
                GError       **error)
{
  if (!weft_protocol_from_string (value, out))
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                   "protocol: expected infiniband or ethernet, got '%s'", value);
      return FALSE;
    }
  return TRUE;
}

/* The family used beyond copper's reach: copper and on-board media are not one. */
static gboolean
parse_optics (const char  *value,
              WeftMedium  *out,
              GError     **error)
{
  if (!weft_medium_from_string (value, out) || !weft_medium_is_optics_family (*out))
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_VALUE,
                   "optics: expected dsp, lpo, lro or cpo, got '%s'", value);
      return FALSE;
    }
  return TRUE;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

gboolean
weft_gen_params_is_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].key, key))
      return TRUE;
  return FALSE;
}

gboolean
weft_gen_params_arch_uses (WeftArch    arch,
                           const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (keys[i].key, key))
      return (keys[i].archs & (1u << arch)) != 0;
  return FALSE;
}

gboolean
weft_gen_params_set (WeftGenParams  *params,
                     const char     *key,
                     const char     *value,
                     GError        **error)
{
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (g_str_equal (key, "name"))
    set_string (&params->name, value);
  else if (g_str_equal (key, "gpus"))
    return parse_uint (key, value, 1, 16777216, &params->gpus, error);
  else if (g_str_equal (key, "gpus-per-server"))
    return parse_uint_or_auto (key, value, 1, 1024, &params->gpus_per_server, error);
  else if (g_str_equal (key, "radix"))
    return parse_uint_or_auto (key, value, 2, 4096, &params->radix, error);
  else if (g_str_equal (key, "tiers"))
    return parse_uint_or_auto (key, value, 1, 3, &params->tiers, error);
  else if (g_str_equal (key, "planes"))
    return parse_uint_or_auto (key, value, 1, 8, &params->planes, error);
  else if (g_str_equal (key, "k"))
    return parse_uint_or_auto (key, value, 2, 512, &params->k, error);
  else if (g_str_equal (key, "p"))
    return parse_uint_or_auto (key, value, 1, 1024, &params->p, error);
  else if (g_str_equal (key, "a"))
    return parse_uint_or_auto (key, value, 1, 1024, &params->a, error);
  else if (g_str_equal (key, "h"))
    return parse_uint_or_auto (key, value, 1, 1024, &params->h, error);
  else if (g_str_equal (key, "groups"))
    return parse_uint_or_auto (key, value, 2, 1048576, &params->groups, error);
  else if (g_str_equal (key, "leaves"))
    return parse_uint_or_auto (key, value, 1, 4096, &params->leaves, error);
  else if (g_str_equal (key, "spines"))
    return parse_uint_or_auto (key, value, 1, 4096, &params->spines, error);
  else if (g_str_equal (key, "q"))
    return parse_uint_or_auto (key, value, 2, 256, &params->q, error);
  else if (g_str_equal (key, "r"))
    return parse_uint_or_auto (key, value, 1, 4096, &params->r, error);
  else if (g_str_equal (key, "seed"))
    return parse_uint (key, value, 0, G_MAXUINT32, &params->seed, error);
  else if (g_str_equal (key, "dims"))
    return parse_sizes (key, value, 2, 4096, params->dims, &params->n_dims, error);
  else if (g_str_equal (key, "trunks"))
    return parse_sizes (key, value, 1, 64, params->trunks, &params->n_trunks, error);
  else if (g_str_equal (key, "speed"))
    return parse_uint (key, value, 1, 100000, &params->speed_gbps, error);
  else if (g_str_equal (key, "servers-per-rack"))
    return parse_uint_or_auto (key, value, 1, 256, &params->servers_per_rack, error);
  else if (g_str_equal (key, "oversubscription"))
    return parse_oversubscription (value, &params->oversubscription, error);
  else if (g_str_equal (key, "protocol"))
    return parse_protocol (value, &params->protocol, error);
  else if (g_str_equal (key, "optics"))
    return parse_optics (value, &params->optics, error);
  else if (g_str_equal (key, "switch"))
    set_string (&params->switch_part, value);
  else if (g_str_equal (key, "nic"))
    set_string (&params->nic_part, value);
  else if (g_str_equal (key, "scale-up"))
    set_string (&params->scale_up, value);
  else
    {
      g_set_error (error, WEFT_GEN_PARAMS_ERROR, WEFT_GEN_PARAMS_ERROR_UNKNOWN,
                   "%s: not a generator parameter", key);
      return FALSE;
    }

  return TRUE;
}

static char *
format_value (const WeftGenParams *params,
              const char          *key)
{
  if (g_str_equal (key, "name"))
    return g_strdup (params->name);
  if (g_str_equal (key, "switch"))
    return g_strdup (params->switch_part);
  if (g_str_equal (key, "nic"))
    return g_strdup (params->nic_part);
  if (g_str_equal (key, "scale-up"))
    return g_strdup (params->scale_up);
  if (g_str_equal (key, "protocol"))
    return g_strdup (weft_protocol_to_string (params->protocol));
  if (g_str_equal (key, "optics"))
    return g_strdup (weft_medium_to_string (params->optics));
  if (g_str_equal (key, "oversubscription"))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, params->oversubscription));
    }
  if (g_str_equal (key, "tiers"))
    return params->tiers ? g_strdup_printf ("%u", params->tiers) : g_strdup ("auto");
  if (g_str_equal (key, "dims") || g_str_equal (key, "trunks"))
    {
      gboolean dims = g_str_equal (key, "dims");
      const guint *sizes = dims ? params->dims : params->trunks;
      guint n = dims ? params->n_dims : params->n_trunks;
      GString *str = g_string_new (NULL);

      if (n == 0)
        return g_string_free (str, TRUE);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (str, "%s%u", i ? "x" : "", sizes[i]);
      return g_string_free (str, FALSE);
    }
  /* Zero is a seed like any other, and the fabric is not reproducible without it. */
  if (g_str_equal (key, "seed"))
    return g_strdup_printf ("%u", params->seed);

  {
    const struct { const char *key; guint value; } numbers[] = {
      { "gpus", params->gpus }, { "gpus-per-server", params->gpus_per_server },
      { "radix", params->radix }, { "k", params->k }, { "p", params->p },
      { "a", params->a }, { "h", params->h }, { "groups", params->groups },
      { "leaves", params->leaves }, { "spines", params->spines }, { "q", params->q },
      { "r", params->r }, { "planes", params->planes },
      { "speed", params->speed_gbps }, { "servers-per-rack", params->servers_per_rack },
    };

    for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
      if (g_str_equal (numbers[i].key, key))
        return numbers[i].value ? g_strdup_printf ("%u", numbers[i].value) : NULL;
  }

  g_return_val_if_reached (NULL);
}

void
weft_gen_params_foreach (const WeftGenParams *params,
                         WeftGenParamsFunc    func,
                         gpointer             user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *value = NULL;

      if (!(keys[i].archs & (1u << params->arch)))
        continue;
      value = format_value (params, keys[i].key);
      if (value != NULL)
        func (keys[i].key, value, user_data);
    }
}
