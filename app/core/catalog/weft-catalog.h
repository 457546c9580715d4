/* weft-catalog.h — the parts catalog: switches, NICs, media, scale-up families, floor model. */
#pragma once

#include <glib-object.h>

#include "model/weft-types.h"

G_BEGIN_DECLS

#define WEFT_CATALOG_ERROR (weft_catalog_error_quark ())

typedef enum
{
  WEFT_CATALOG_ERROR_PARSE,
  WEFT_CATALOG_ERROR_INVALID,
  WEFT_CATALOG_ERROR_UNKNOWN_PART,
} WeftCatalogError;

typedef enum
{
  WEFT_PART_SWITCH,          /* scale-out: InfiniBand or Ethernet */
  WEFT_PART_SCALE_UP_SWITCH, /* NVSwitch and the like */
  WEFT_PART_NIC,
} WeftPartKind;

typedef struct
{
  guint speed_gbps;
  guint count;
} WeftPortMode;

/* A switch or NIC. Ports are a budget: a port at speed s costs
 * port_units / ports_at(s) units, so a QM9700 has 128 units and a 400G port
 * takes two of them, a 200G port one. */
typedef struct
{
  char          *id;
  char          *name;
  WeftPartKind   kind;
  char         **protocols;   /* infiniband, ethernet, nvlink4, ... */
  WeftPortMode  *ports;
  guint          n_ports;
  guint          port_units;
  gboolean       cpo;
  double         latency_ns;
  double         power_w;
  double         price_usd;
  guint          rack_units;
} WeftPart;

typedef struct
{
  char       *id;
  char       *name;
  WeftMedium  medium;
  guint       speed_gbps;
  double      reach_m;
  gboolean    is_cable;       /* one assembly, not two transceivers and fiber */
  char       *fiber;          /* fiber kind for transceivers, else NULL */
  double      price_usd;      /* per end for transceivers, per assembly for cables */
  double      price_per_m_usd;
  double      power_w;        /* per end */
  double      latency_ns;     /* added per end (retimers, DSP) */
  double      fiber_usd_per_m; /* @fiber's price, filled in when the catalog is indexed */
} WeftMediaPart;

typedef struct
{
  char       *id;
  char       *name;
  guint       domain_gpus;
  guint       links_per_gpu;
  guint       link_gbps;
  gboolean    switched;       /* through a scale-up switch, else a full mesh */
  char       *switch_id;
  WeftMedium  medium;
} WeftScaleUpFamily;

typedef struct
{
  double rack_width_m;
  double row_pitch_m;
  double chassis_m;           /* between two nodes in one chassis (same rack and U) */
  double intra_rack_m;
  double inter_rack_slack_m;
  guint  rack_units;
  guint  max_racks_per_row;
  guint  server_units_8gpu;
  guint  servers_per_rack_8gpu;
} WeftFloor;

/* How often each kind of element fails, per device-day, and the defaults
 * the reliability figures take for a job: data/catalog/reliability.json.
 * A medium's rate is per link (both ends and what joins them). */
typedef struct
{
  double gpu;
  double server;
  double software;                        /* per GPU: bugs, NCCL timeouts, data corruption */
  double nic;
  double switch_kind[WEFT_N_NODE_KINDS];  /* by node kind; the GPU entry is unused */
  double medium[WEFT_N_MEDIA];            /* the AUTO entry is unused */
  double checkpoint_write_s;
  double restart_s;
  double gpu_hour_usd;
} WeftFailureRates;

#define WEFT_TYPE_CATALOG (weft_catalog_get_type ())
G_DECLARE_FINAL_TYPE (WeftCatalog, weft_catalog, WEFT, CATALOG, GObject)

GQuark                    weft_catalog_error_quark      (void);

/* The catalog compiled into Weft from data/catalog/. Never fails: the
 * embedded files are checked by the test suite. */
WeftCatalog              *weft_catalog_new_default      (void);
/* The default catalog with the parts of @path replacing those of the same id. */
WeftCatalog              *weft_catalog_new_with_overrides (const char  *path,
                                                           GError     **error);
gboolean                  weft_catalog_load_data        (WeftCatalog  *self,
                                                         const char   *data,
                                                         gssize        length,
                                                         const char   *origin,
                                                         GError      **error);

const WeftPart           *weft_catalog_lookup_part      (WeftCatalog  *self,
                                                         const char   *id);
const WeftMediaPart      *weft_catalog_lookup_media     (WeftCatalog  *self,
                                                         const char   *id);
const WeftScaleUpFamily  *weft_catalog_lookup_scale_up  (WeftCatalog  *self,
                                                         const char   *id);
const WeftFloor          *weft_catalog_get_floor        (WeftCatalog  *self);
const WeftFailureRates   *weft_catalog_get_failure_rates (WeftCatalog *self);

/* The rate of @cause: "gpu", "server", "software", "nic", a switch kind
 * ("leaf", "nvswitch", ...) or a medium ("dac", "dsp", ...); NULL for
 * anything else. */
const double             *weft_failure_rates_lookup     (const WeftFailureRates *rates,
                                                         const char             *cause);
/* Every cause, in that order, NULL-terminated; owned by Weft. */
const char * const       *weft_failure_causes           (void);
/* @cause's place in weft_failure_causes (), which must hold it. */
guint                     weft_failure_cause_index      (const char             *cause);
/* "gpu, server, ..." for messages; free with g_free(). */
char                     *weft_failure_causes_list      (void);
/* The first cause without a rate, or NULL when every one has one. */
const char               *weft_failure_rates_missing    (const WeftFailureRates *rates);

/* Every part of @kind, sorted by id, for menus and listings. */
GPtrArray                *weft_catalog_list_parts       (WeftCatalog  *self,
                                                         WeftPartKind  kind);
GPtrArray                *weft_catalog_list_scale_up    (WeftCatalog  *self);

/* The cheapest part of @medium at @speed_gbps whose reach covers @length_m,
 * or NULL when none reaches. */
const WeftMediaPart      *weft_catalog_find_media       (WeftCatalog  *self,
                                                         WeftMedium    medium,
                                                         guint         speed_gbps,
                                                         double        length_m);
/* As above, resolving AUTO to DAC, then AEC, then @optics. */
const WeftMediaPart      *weft_catalog_resolve_media    (WeftCatalog  *self,
                                                         WeftMedium    medium,
                                                         WeftMedium    optics,
                                                         guint         speed_gbps,
                                                         double        length_m);

double                    weft_catalog_fiber_price      (WeftCatalog  *self,
                                                         const char   *fiber);
double                    weft_catalog_propagation      (WeftCatalog  *self,
                                                         gboolean      optical);

/* What one link of @media and @length_m costs, draws and adds in delay
 * (both ends, fiber and propagation included). */
double                    weft_catalog_link_price       (WeftCatalog         *self,
                                                         const WeftMediaPart *media,
                                                         double               length_m);
double                    weft_catalog_link_power       (WeftCatalog         *self,
                                                         const WeftMediaPart *media);
double                    weft_catalog_link_latency     (WeftCatalog         *self,
                                                         const WeftMediaPart *media,
                                                         double               length_m);

guint                     weft_part_ports_at            (const WeftPart *part,
                                                         guint           speed_gbps);
/* Budget units one port at @speed_gbps takes, or 0 when the part has no such port. */
guint                     weft_part_port_cost           (const WeftPart *part,
                                                         guint           speed_gbps);
gboolean                  weft_part_speaks              (const WeftPart *part,
                                                         const char     *protocol);
/* "64×400G, 128×200G" */
char                     *weft_part_describe_ports      (const WeftPart *part);

G_END_DECLS
