/* weft-fabric.h — the fabric: nodes, links and racks in flat arrays, and the one API that edits
 * them. */
#pragma once

#include <glib-object.h>

#include "catalog/weft-catalog.h"
#include "generators/weft-gen-params.h"
#include "model/weft-types.h"

G_BEGIN_DECLS

#define WEFT_FABRIC_ERROR (weft_fabric_error_quark ())

typedef enum
{
  WEFT_FABRIC_ERROR_INVALID,     /* an argument names nothing in this fabric */
  WEFT_FABRIC_ERROR_PORTS,       /* a switch or NIC has no free port at that speed */
  WEFT_FABRIC_ERROR_SPEED,       /* a part has no port at that speed */
  WEFT_FABRIC_ERROR_CLASS,       /* scale-up joined to scale-out */
  WEFT_FABRIC_ERROR_SELF_LOOP,   /* both ends on one node */
  WEFT_FABRIC_ERROR_PART,        /* unknown part, or a part of the wrong kind */
  WEFT_FABRIC_ERROR_MEDIUM,      /* no catalog medium reaches that far at that speed */
} WeftFabricError;

/* Groups a node belongs to; -1 when it is in none of that sort. */
typedef struct
{
  gint32 server;
  gint32 rail;
  gint32 pod;
  gint32 plane;
  gint32 group;    /* Dragonfly group, torus cube, scale-up domain */
} WeftGroups;

typedef struct
{
  const char *name;     /* unique; owned by the fabric */
  guint8      kind;     /* WeftNodeKind */
  guint16     part;     /* index into the fabric's part table */
  WeftGroups  groups;
  guint32     rack;     /* WEFT_NONE when unplaced */
  guint16     u;        /* lowest rack unit it occupies, 1-based */
} WeftNode;

/* Full duplex. Parallel links between the same two nodes are one record
 * with a count, so the capacity is count × speed_gbps each way. */
typedef struct
{
  guint32 a;
  guint32 b;
  guint32 count;
  guint32 speed_gbps;
  guint8  lanes;
  guint8  medium;       /* WeftMedium; AUTO is resolved on demand */
  guint8  link_class;   /* WeftLinkClass */
  guint8  length_set;   /* length_m was set by the user, not by placement */
  float   length_m;
} WeftLink;

typedef struct
{
  const char *name;
  guint16     row;
  guint16     col;
  guint16     units;
} WeftRack;

/* The bisection and diameter a generator promises for the fabric it built,
 * valid while the fabric is unedited. */
typedef struct
{
  gboolean has_bisection;
  double   bisection_gbps;
  gboolean has_diameter;
  guint    diameter_switch_hops;
} WeftClosedForm;

/* Links stay packed: removing one moves the last link into its slot, and
 * adding one at a given slot moves the link there to the end. Such a swap
 * is reported in `relocated` (WEFT_NONE when nothing moved):
 *  - LINK_REMOVED: the link that was at `relocated` now sits at `index`;
 *  - LINK_ADDED: the link that was at `index` now sits at `relocated`. */
typedef enum
{
  WEFT_CHANGE_LINK_ADDED,    /* new_link sits at index */
  WEFT_CHANGE_LINK_REMOVED,  /* old_link was at index */
  WEFT_CHANGE_LINK_CHANGED,  /* old_link became new_link at index */
  WEFT_CHANGE_NODE_CHANGED,  /* old_node became new_node at index */
  WEFT_CHANGE_RESET,         /* everything may have changed */
} WeftChangeKind;

typedef struct
{
  WeftChangeKind kind;
  guint          index;
  guint          relocated;
  WeftLink       old_link;
  WeftLink       new_link;
  WeftNode       old_node;
  WeftNode       new_node;
} WeftChange;

typedef enum
{
  WEFT_LINK_END_A,
  WEFT_LINK_END_B,
} WeftLinkEnd;

#define WEFT_TYPE_FABRIC (weft_fabric_get_type ())
G_DECLARE_FINAL_TYPE (WeftFabric, weft_fabric, WEFT, FABRIC, GObject)

GQuark               weft_fabric_error_quark      (void);

WeftFabric          *weft_fabric_new              (WeftCatalog   *catalog);
WeftCatalog         *weft_fabric_get_catalog      (WeftFabric    *self);

const char          *weft_fabric_get_name         (WeftFabric    *self);
void                 weft_fabric_set_name         (WeftFabric    *self,
                                                   const char    *name);
WeftProtocol         weft_fabric_get_protocol     (WeftFabric    *self);
void                 weft_fabric_set_protocol     (WeftFabric    *self,
                                                   WeftProtocol   protocol);
/* The optics family AUTO links use beyond copper reach. */
WeftMedium           weft_fabric_get_optics       (WeftFabric    *self);
void                 weft_fabric_set_optics       (WeftFabric    *self,
                                                   WeftMedium     optics);
const WeftFloor     *weft_fabric_get_floor        (WeftFabric    *self);
void                 weft_fabric_set_floor        (WeftFabric    *self,
                                                   const WeftFloor *floor);

guint                weft_fabric_get_n_nodes      (WeftFabric    *self);
guint                weft_fabric_get_n_links      (WeftFabric    *self);
guint                weft_fabric_get_n_racks      (WeftFabric    *self);
const WeftNode      *weft_fabric_get_node         (WeftFabric    *self,
                                                   guint          node);
const WeftLink      *weft_fabric_get_link         (WeftFabric    *self,
                                                   guint          link);
const WeftRack      *weft_fabric_get_rack         (WeftFabric    *self,
                                                   guint          rack);
/* The whole arrays, for loops over large fabrics. Valid until the next edit. */
const WeftNode      *weft_fabric_get_nodes        (WeftFabric    *self,
                                                   guint         *n_nodes);
const WeftLink      *weft_fabric_get_links        (WeftFabric    *self,
                                                   guint         *n_links);
guint                weft_fabric_lookup_node      (WeftFabric    *self,
                                                   const char    *name);
guint                weft_fabric_lookup_rack      (WeftFabric    *self,
                                                   const char    *name);
guint                weft_fabric_count_nodes      (WeftFabric    *self,
                                                   WeftNodeKind   kind);

const char          *weft_fabric_get_node_part_id (WeftFabric    *self,
                                                   guint          node);
/* The id behind a WeftNode's part index (indices stay valid for the fabric's life). */
const char          *weft_fabric_get_part_id      (WeftFabric    *self,
                                                   guint          part);
const WeftPart      *weft_fabric_get_node_part    (WeftFabric    *self,
                                                   guint          node);
/* Port budget units in use at @node, and what its part offers. */
guint                weft_fabric_get_ports_used   (WeftFabric    *self,
                                                   guint          node);
/* The medium a link really uses (AUTO resolved), or NULL when nothing in
 * the catalog reaches that far at that speed. */
const WeftMediaPart *weft_fabric_get_link_media   (WeftFabric    *self,
                                                   guint          link);
/* "gpu-leaf", "leaf-spine", ...: the two node kinds, lower tier first. */
const char          *weft_fabric_get_link_tier    (WeftFabric    *self,
                                                   guint          link);
double               weft_fabric_rack_distance    (WeftFabric    *self,
                                                   guint          rack_a,
                                                   guint          rack_b);

/* The generator and parameters the fabric was built from, or NULL. */
const WeftGenParams *weft_fabric_get_generator    (WeftFabric    *self);
void                 weft_fabric_set_generator    (WeftFabric    *self,
                                                   const WeftGenParams *params,
                                                   const WeftClosedForm *closed_form);
/* The generator's closed forms; FALSE once the fabric has been edited. */
gboolean             weft_fabric_get_closed_form  (WeftFabric    *self,
                                                   WeftClosedForm *closed_form);
gboolean             weft_fabric_is_edited        (WeftFabric    *self);
void                 weft_fabric_set_edited       (WeftFabric    *self,
                                                   gboolean       edited);

/* Building a fabric (generators and the file loader). These neither record
 * undo steps nor emit signals; call weft_fabric_place_links() when done. */
guint                weft_fabric_add_rack         (WeftFabric    *self,
                                                   const char    *name,
                                                   guint          row,
                                                   guint          col,
                                                   guint          units);
guint                weft_fabric_add_node         (WeftFabric    *self,
                                                   const char    *name,
                                                   WeftNodeKind   kind,
                                                   const char    *part_id,
                                                   const WeftGroups *groups,
                                                   guint          rack,
                                                   guint          u);
guint                weft_fabric_append_link      (WeftFabric    *self,
                                                   const WeftLink *link);
/* Derive every link's length from placement (overridden lengths stay). */
void                 weft_fabric_place_links      (WeftFabric    *self);
/* The length placement gives a link between @a and @b. */
double               weft_fabric_placement_length (WeftFabric    *self,
                                                   guint          a,
                                                   guint          b);

/* Editing: every change a user makes goes through these. Each validates
 * the edit, records an undo step and emits ::changed. */
gboolean             weft_fabric_add_link         (WeftFabric    *self,
                                                   const WeftLink *link,
                                                   guint         *index,
                                                   GError       **error);
/* A new link between @a and @b, like the fabric's links between the same
 * two kinds of node (speed, lanes, medium), else like its first scale-out
 * link; refused like any link that does not fit (ports, protocol). */
gboolean             weft_fabric_connect          (WeftFabric    *self,
                                                   guint          a,
                                                   guint          b,
                                                   guint         *index,
                                                   GError       **error);
gboolean             weft_fabric_check_connect    (WeftFabric    *self,
                                                   guint          a,
                                                   guint          b,
                                                   GError       **error);
gboolean             weft_fabric_remove_link      (WeftFabric    *self,
                                                   guint          link,
                                                   GError       **error);
gboolean             weft_fabric_rewire_link      (WeftFabric    *self,
                                                   guint          link,
                                                   WeftLinkEnd    end,
                                                   guint          node,
                                                   GError       **error);
/* Whether rewire_link would succeed, without doing it (drag feedback). */
gboolean             weft_fabric_check_rewire     (WeftFabric    *self,
                                                   guint          link,
                                                   WeftLinkEnd    end,
                                                   guint          node,
                                                   GError       **error);
gboolean             weft_fabric_move_node        (WeftFabric    *self,
                                                   guint          node,
                                                   guint          rack,
                                                   guint          u,
                                                   GError       **error);
/* A fingerprint of the lengths @node's links would have at @rack, @u —
 * all a move can change of the metrics: two places with the same one
 * make the same figures (its own place included). */
guint64              weft_fabric_move_fingerprint (WeftFabric    *self,
                                                   guint          node,
                                                   guint          rack,
                                                   guint          u);
gboolean             weft_fabric_set_link_medium  (WeftFabric    *self,
                                                   guint          link,
                                                   WeftMedium     medium,
                                                   GError       **error);
gboolean             weft_fabric_set_link_speed   (WeftFabric    *self,
                                                   guint          link,
                                                   guint          speed_gbps,
                                                   GError       **error);
gboolean             weft_fabric_set_link_count   (WeftFabric    *self,
                                                   guint          link,
                                                   guint          count,
                                                   GError       **error);
/* A negative length returns the link to its placement length. */
gboolean             weft_fabric_set_link_length  (WeftFabric    *self,
                                                   guint          link,
                                                   double         length_m,
                                                   GError       **error);
gboolean             weft_fabric_set_node_part    (WeftFabric    *self,
                                                   guint          node,
                                                   const char    *part_id,
                                                   GError       **error);
/* Take over @source's contents as one undoable step (regenerate, open). */
void                 weft_fabric_replace          (WeftFabric    *self,
                                                   WeftFabric    *source,
                                                   const char    *label);

/* Edits between begin and end undo as one step (a drag, a tier's optics). */
void                 weft_fabric_begin_group      (WeftFabric    *self,
                                                   const char    *label);
void                 weft_fabric_end_group        (WeftFabric    *self);
gboolean             weft_fabric_can_undo         (WeftFabric    *self);
gboolean             weft_fabric_can_redo         (WeftFabric    *self);
const char          *weft_fabric_get_undo_label   (WeftFabric    *self);
const char          *weft_fabric_get_redo_label   (WeftFabric    *self);
gboolean             weft_fabric_undo             (WeftFabric    *self);
gboolean             weft_fabric_redo             (WeftFabric    *self);
void                 weft_fabric_clear_history    (WeftFabric    *self);
/* Names the current point in the history: equal values mean the same
 * state, so a document is unmodified when this equals its value at save. */
guint64              weft_fabric_get_history_point (WeftFabric   *self);

/* How long (µs) between the last edit's "settled" and the one before, G_MAXINT64
 * for the first: a long gap means an edit on its own, a short one a drag's step. */
gint64               weft_fabric_get_settle_gap   (WeftFabric   *self);

/* Bumped by every change; results computed for an older generation are stale. */
guint64              weft_fabric_get_generation   (WeftFabric    *self);
/* A deep copy without history, safe to hand to a worker thread. */
WeftFabric          *weft_fabric_copy             (WeftFabric    *self);
/* An unchanging copy of the fabric as it is now, for worker threads to
 * read: made once per generation and shared, so the engines and the
 * canvas copy a large fabric once per edit, not once each. Never edit it. */
WeftFabric          *weft_fabric_dup_snapshot     (WeftFabric    *self);
/* Whether @a and @b are the same graph with the same parts, links and
 * settings, byte for byte — all the metrics see; where the nodes sit and
 * what they are called may differ. */
gboolean             weft_fabric_same_graph       (WeftFabric    *a,
                                                   WeftFabric    *b);

G_END_DECLS
