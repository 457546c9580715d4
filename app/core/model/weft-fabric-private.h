/* weft-fabric-private.h — the fabric's storage, shared by its model and edit halves. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

struct _WeftFabric
{
  GObject         parent_instance;

  WeftCatalog    *catalog;
  char           *name;
  WeftProtocol    protocol;
  WeftMedium      optics;
  WeftFloor       floor;

  GArray         *nodes;         /* WeftNode */
  GArray         *links;         /* WeftLink */
  GArray         *racks;         /* WeftRack */
  GStringChunk   *strings;       /* node and rack names */
  GHashTable     *node_index;    /* name → index + 1 */
  GHashTable     *rack_index;    /* name → index + 1 */
  GPtrArray      *part_ids;      /* part index → interned id */
  GHashTable     *part_index;    /* interned id → index + 1 */
  GArray         *ports_used;    /* guint32 budget units per node */

  /* Links incident to each node, compressed rows; rebuilt on demand after
   * a link is added, removed or rewired. */
  GArray         *incidence_offsets;
  GArray         *incidence;
  gboolean        incidence_valid;

  /* An unchanging copy for worker threads, shared while the generation holds. */
  WeftFabric     *snapshot;

  WeftGenParams  *generator;
  WeftClosedForm  closed_form;
  gboolean        edited;
  guint64         generation;

  GPtrArray      *undo_stack;    /* WeftCommand */
  GPtrArray      *redo_stack;
  gpointer        open_group;    /* WeftCommand being recorded */
  guint64         next_serial;   /* numbers commands as they are recorded */
  guint           group_depth;

  GPtrArray      *failures;      /* WeftFailure, oldest first, live or waiting for redo */
  gint64          settled_us;    /* when the last edit settled (monotonic), 0 before any */
  gint64          settle_gap_us; /* and how long after the one before */
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_SETTLED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

extern guint weft_fabric_signals[N_SIGNALS];
extern GParamSpec *weft_fabric_properties[N_PROPS];

/* The length placement gives a link between two nodes at these places. */
double weft_fabric_node_distance      (WeftFabric     *self,
                                       const WeftNode *a,
                                       const WeftNode *b);

/* Units one link takes from @node's budget (0 when the part has no port at
 * that speed, or the link does not draw on that node's ports). */
guint  weft_fabric_link_port_units    (WeftFabric     *self,
                                       guint           node,
                                       const WeftLink *link);
void   weft_fabric_account_link       (WeftFabric     *self,
                                       const WeftLink *link,
                                       int             sign);
/* The links touching @node; valid until the next structural edit. */
const guint32 *weft_fabric_incident_links (WeftFabric *self,
                                           guint       node,
                                           guint      *n_links);
guint16 weft_fabric_intern_part       (WeftFabric     *self,
                                       const char     *part_id);
void   weft_fabric_emit               (WeftFabric     *self,
                                       const WeftChange *change);
void   weft_fabric_swap_contents      (WeftFabric     *self,
                                       WeftFabric     *other);
void   weft_fabric_history_init       (WeftFabric     *self);
void   weft_fabric_history_finalize   (WeftFabric     *self);
void   weft_fabric_failures_finalize  (WeftFabric     *self);
/* Whether the command numbered @serial is applied, and no later one replaced the contents. */
gboolean weft_fabric_history_live     (WeftFabric     *self,
                                       guint64         serial);
/* Whether the command numbered @serial waits on the redo stack. */
gboolean weft_fabric_history_pending  (WeftFabric     *self,
                                       guint64         serial);

/* A command is a list of primitive operations, each of which knows its
 * inverse; undo runs the inverses backwards (weft-fabric-history.c). */
typedef enum
{
  OP_LINK_INSERT,
  OP_LINK_REMOVE,
  OP_LINK_SET,
  OP_NODE_SET,
  OP_REPLACE,
} WeftFabricOpKind;

typedef struct
{
  WeftFabricOpKind  kind;
  guint             index;
  WeftLink          old_link;
  WeftLink          new_link;
  WeftNode          old_node;
  WeftNode          new_node;
  WeftFabric       *other;      /* OP_REPLACE: the contents swapped out */
} WeftFabricOp;

/* Applies @op and records it in the open group, or as a command of its own. */
void   weft_fabric_record             (WeftFabric         *self,
                                       const char         *label,
                                       const WeftFabricOp *op);

G_END_DECLS
