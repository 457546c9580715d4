/* weft-gen-params.h — the parameters of a topology generator, as the CLI, the panel and files spell
 * them. */
#pragma once

#include <glib.h>

#include "model/weft-types.h"

G_BEGIN_DECLS

#define WEFT_GEN_PARAMS_ERROR (weft_gen_params_error_quark ())
#define WEFT_MAX_DIMS 4

typedef enum
{
  WEFT_GEN_PARAMS_ERROR_UNKNOWN,   /* no such parameter */
  WEFT_GEN_PARAMS_ERROR_VALUE,     /* a value of the wrong form */
} WeftGenParamsError;

typedef enum
{
  WEFT_ARCH_LEAF_SPINE,
  WEFT_ARCH_FAT_TREE,
  WEFT_ARCH_RAIL_OPTIMIZED,
  WEFT_ARCH_RAIL_ONLY,
  WEFT_ARCH_DRAGONFLY,
  WEFT_ARCH_TORUS,
  WEFT_ARCH_DRAGONFLY_PLUS,
  WEFT_ARCH_SLIM_FLY,
  WEFT_ARCH_HYPERX,
  WEFT_ARCH_JELLYFISH,
  WEFT_N_ARCHS
} WeftArch;

/* Zero means "choose for me" wherever a field says so. */
typedef struct
{
  WeftArch      arch;
  char         *name;
  guint         gpus;              /* 0: from k, p·a·h, q or dims */
  guint         gpus_per_server;   /* 0: 8, or 1 for a torus */
  guint         radix;             /* 0: the switch's ports at speed */
  double        oversubscription;  /* down:up at the leaf, ≥ 1 */
  guint         tiers;             /* 0: fewest that fit */
  guint         planes;            /* Clos: a GPU's NIC ports, each to a leaf of its own
                                    * plane (dual-homed at 2, as Alibaba HPN); 0: 1 */
  guint         k;                 /* fat tree */
  guint         p, a, h, groups;   /* Dragonfly; groups 0: a·h + 1. p: GPUs per switch of
                                    * every direct network, per leaf of Dragonfly+ */
  guint         leaves, spines;    /* Dragonfly+: switches of a group */
  guint         q;                 /* Slim Fly: the prime power of its MMS graph */
  guint         dims[WEFT_MAX_DIMS];
  guint         n_dims;            /* torus, HyperX */
  guint         trunks[WEFT_MAX_DIMS];
  guint         n_trunks;          /* HyperX: parallel links along each dimension; 0: 1 each */
  guint         r;                 /* Jellyfish: network ports per switch */
  guint         seed;              /* Jellyfish: the random graph's, always saved */
  guint         speed_gbps;
  WeftProtocol  protocol;
  WeftMedium    optics;
  char         *switch_part;       /* NULL: default for protocol and speed */
  char         *nic_part;          /* NULL: default for speed */
  char         *scale_up;          /* family id or "none"; NULL: architecture default */
  guint         servers_per_rack;  /* 0: floor default */
} WeftGenParams;

GQuark          weft_gen_params_error_quark (void);

const char     *weft_arch_to_string         (WeftArch             arch);
gboolean        weft_arch_from_string       (const char          *str,
                                             WeftArch            *arch);
/* "rail-optimized" → "Rail-optimized" */
const char     *weft_arch_get_title         (WeftArch             arch);

void            weft_gen_params_init        (WeftGenParams       *params,
                                             WeftArch             arch);
void            weft_gen_params_clear       (WeftGenParams       *params);
WeftGenParams  *weft_gen_params_copy        (const WeftGenParams *params);
void            weft_gen_params_free        (WeftGenParams       *params);
gboolean        weft_gen_params_equal       (const WeftGenParams *a,
                                             const WeftGenParams *b);

/* Set one parameter from text: the key is the CLI option without dashes
 * ("gpus", "gpus-per-server", "dims", "scale-up", ...). Parameters that
 * are zero by default (radix, tiers, k, p, a, h, groups, leaves, spines, q,
 * r, planes, gpus-per-server, servers-per-rack) also take "auto", and dims and
 * trunks nothing. */
gboolean        weft_gen_params_set         (WeftGenParams       *params,
                                             const char          *key,
                                             const char          *value,
                                             GError             **error);
/* Every parameter this architecture uses, in a fixed order, as key and
 * text; only those set (non-zero, non-NULL) unless @all. */
typedef void  (*WeftGenParamsFunc)          (const char          *key,
                                             const char          *value,
                                             gpointer             user_data);
void            weft_gen_params_foreach     (const WeftGenParams *params,
                                             WeftGenParamsFunc    func,
                                             gpointer             user_data);
/* Whether @key is a parameter at all (for any architecture). */
gboolean        weft_gen_params_is_key      (const char          *key);
/* Whether @arch reads @key. */
gboolean        weft_gen_params_arch_uses   (WeftArch             arch,
                                             const char          *key);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftGenParams, weft_gen_params_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftGenParams, weft_gen_params_free)

G_END_DECLS
