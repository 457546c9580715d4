/* weft-gen-private.h — what the topology generators share: resolved hardware, naming and placement.
 */
#pragma once

#include "generators/weft-generator.h"

G_BEGIN_DECLS

/* Racks sit in rows of compute racks; each row ends in network racks for
 * its edge switches, and one network row in the middle of the floor holds
 * spines and cores, so that cable runs stay short on average. */
typedef struct
{
  WeftFabric *fabric;
  guint       racks_per_row;     /* compute racks in a row */
  guint       compute_rows;
  guint       core_row;          /* the physical row of the network row */
  guint       rack_units;
  guint       servers_per_rack;
  guint       server_units;
  GArray     *compute_racks;     /* rack index per compute rack number, WEFT_NONE until used */
  GArray     *compute_top;       /* next free U from the top, per compute rack number */
  GHashTable *network_racks;     /* physical row → GArray of rack indices */
  GArray     *network_fill;      /* next free U per rack index (sparse) */
} WeftPlacer;

typedef struct
{
  WeftCatalog              *catalog;
  const WeftGenParams      *params;
  WeftFabric               *fabric;     /* NULL while only checking */

  guint                     speed;      /* of a NIC port: the GPU's speed ÷ planes */
  guint                     planes;
  guint                     lanes;
  const WeftPart           *sw;
  const WeftPart           *nic;
  const WeftScaleUpFamily  *scale_up;   /* NULL: none */
  const WeftPart           *scale_up_switch;
  guint                     radix;
  guint                     gpus_per_server;
  guint                     domain_gpus; /* scale-up domain, a multiple of or equal to a server */

  WeftPlacer                placer;
  WeftClosedForm            closed_form;
  guint suggested_gpus; /* when refusing a GPU count: the nearest that works, or 0 */
} WeftGen;

gboolean  weft_gen_fail              (GError       **error,
                                      const char    *format,
                                      ...) G_GNUC_PRINTF (2, 3);

/* Add a scale-out link at the fabric's speed with @count parallel links. */
void      weft_gen_link              (WeftGen       *gen,
                                      guint          a,
                                      guint          b,
                                      guint          count);
/* Add @n_servers servers of gpus_per_server GPUs with their scale-up
 * domains. GPU g of server s gets node id first_gpu + s × gpus_per_server + g;
 * @pod_of_gpu (may be NULL) gives each GPU's pod. */
guint weft_gen_add_servers (WeftGen *gen, guint n_servers,
                            gint32 (*pod_of_gpu) (WeftGen *gen, guint gpu, gpointer data),
                            gpointer data);
/* GPUs that a balanced cut must keep together: a scale-up domain, or one
 * GPU when servers have no scale-up links inside. */
guint     weft_gen_cut_domain        (WeftGen       *gen);
/* The closed-form switch-hop diameter contributed by the scale-up domain:
 * 1 when a GPU reaches a peer through a scale-up switch, 0 through a mesh. */
guint     weft_gen_scale_up_hops     (WeftGen       *gen);

/* Whether @gpus GPUs can be built: within what Weft holds, whole servers
 * and whole scale-up domains. */
gboolean  weft_gen_check_gpus        (WeftGen       *gen,
                                      guint64        gpus,
                                      GError       **error);
/* The same test, without the message. */
gboolean  weft_gen_whole_gpus        (WeftGen       *gen,
                                      guint64        gpus);
/* GPUs a switch for @n_switches switches that take the same number each:
 * the number nearest @balanced (at or below it first, then above it up to
 * @room) that makes whole servers and scale-up domains, or 0 when none does. */
guint     weft_gen_nearest_whole     (WeftGen       *gen,
                                      guint64        n_switches,
                                      guint          balanced,
                                      guint          room);
/* Whether, with @per_switch consecutive GPUs on each switch, some switch
 * serves GPUs of two scale-up domains: a path may then cross from one
 * domain to the other at that switch alone, short of any closed form. */
gboolean  weft_gen_switch_shared     (WeftGen       *gen,
                                      guint          per_switch);
/* A switch of kind @kind for the @n GPUs from node @first_gpu on, at the
 * top of their rack when it has room, else at the end of their row;
 * returns its node. */
guint     weft_gen_add_edge_switch   (WeftGen          *gen,
                                      const char       *name,
                                      WeftNodeKind      kind,
                                      const WeftGroups *groups,
                                      guint             first_gpu,
                                      guint             n);
/* Global links between @g groups of @per_group switches (switch r of
 * group G is node first + G × per_group + r), @m between each pair of
 * groups, @h ports a switch: global port t of a group (switch t / h)
 * serves the other group t mod (g − 1), counting the others in order and
 * skipping itself — Kim et al.'s "absolute" arrangement when g = a·h + 1.
 * Ports of one pair that land on the same two switches become one link
 * with a count. */
void      weft_gen_link_groups       (WeftGen       *gen,
                                      guint          first,
                                      guint          g,
                                      guint          per_group,
                                      guint          h,
                                      guint          m);
/* How many groups of @group_gpus GPUs a Dragonfly or a Dragonfly+ has: --groups; else as many
 * as --gpus fills, exactly when the group's shape was @given (@group_size, such as "a × p",
 * names its GPUs in the message), at least 2 when it was chosen; else @full, the full size. */
gboolean  weft_gen_dragonfly_groups  (WeftGen       *gen,
                                      gboolean       given,
                                      guint64        group_gpus,
                                      guint          full,
                                      const char    *group_size,
                                      guint         *groups,
                                      GError       **error);
/* The edge switches of a Dragonfly or a Dragonfly+: @g groups of @per_group switches of @kind,
 * named after it ("router-G-i"), in group G (the pod and group fields), each over @p
 * consecutive GPUs from node @first_gpu on and linked to each of them; returns the first. */
guint     weft_gen_dragonfly_edge    (WeftGen       *gen,
                                      WeftNodeKind   kind,
                                      guint          g,
                                      guint          per_group,
                                      guint          p,
                                      guint          first_gpu);

/* Lay out the floor for @n_servers servers; a leaf over @servers_per_leaf
 * servers (0: none) should fit in one rack with them. */
gboolean  weft_gen_init_placer       (WeftGen       *gen,
                                      guint          n_servers,
                                      guint          servers_per_leaf,
                                      GError       **error);
/* The servers of @n_gpus GPUs for switches that take @per_switch consecutive
 * GPUs each (the direct networks, Dragonfly+ at its leaves; a server may span
 * switches): the floor laid out, then the servers added as
 * weft_gen_add_servers adds them, the first GPU at *@first_gpu. */
gboolean  weft_gen_add_servers_by_switch (WeftGen  *gen,
                                          guint     n_gpus,
                                          guint     per_switch,
                                          gint32  (*pod_of_gpu) (WeftGen *gen, guint gpu,
                                                                 gpointer data),
                                          gpointer  data,
                                          guint    *first_gpu,
                                          GError  **error);
void      weft_placer_init           (WeftPlacer    *placer,
                                      WeftFabric    *fabric,
                                      const WeftFloor *floor,
                                      guint          n_servers,
                                      guint          servers_per_rack,
                                      guint          server_units);
void      weft_placer_clear          (WeftPlacer    *placer);
/* The rack of compute rack number @index, made on first use. */
guint     weft_placer_compute_rack   (WeftPlacer    *placer,
                                      guint          index);
/* The rack and lowest U of server @server. */
guint     weft_placer_server         (WeftPlacer    *placer,
                                      guint          server,
                                      guint         *u);
/* A switch of @units beside its GPUs: at the top of their rack when it has
 * room (@server_lo and @server_hi in one rack), else at the end of their row. */
guint     weft_placer_edge_switch    (WeftPlacer    *placer,
                                      guint          server_lo,
                                      guint          server_hi,
                                      guint          units,
                                      guint         *u);
/* A switch of @units in the network rack at the end of the row of @server. */
guint     weft_placer_row_switch     (WeftPlacer    *placer,
                                      guint          server,
                                      guint          units,
                                      guint         *u);
/* A switch of @units in the central network row. */
guint     weft_placer_core_switch    (WeftPlacer    *placer,
                                      guint          units,
                                      guint         *u);

gboolean  weft_gen_clos              (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_dragonfly         (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_torus             (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_dragonfly_plus    (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_slim_fly          (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_hyperx            (WeftGen       *gen,
                                      GError       **error);
gboolean  weft_gen_jellyfish         (WeftGen       *gen,
                                      GError       **error);

G_END_DECLS
