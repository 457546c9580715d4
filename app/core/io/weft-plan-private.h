/* weft-plan-private.h — a cable plan being read, shared by the CSV and GraphML readers. */
#pragma once

#include "io/weft-cable-plan.h"

G_BEGIN_DECLS

typedef enum
{
  PLAN_GROUP_SERVER,
  PLAN_GROUP_RAIL,
  PLAN_GROUP_POD,
  PLAN_GROUP_PLANE,
  PLAN_GROUP_GROUP,
  PLAN_N_GROUPS
} PlanGroup;

/* What one row (or one GraphML edge) says about its cables. Parallel cables
 * between the same two devices that say the same are one link. */
typedef struct
{
  guint32 a;
  guint32 b;
  guint32 count;
  guint32 speed_gbps;   /* 0: not given */
  guint8  lanes;        /* 0: not given */
  guint8  medium;       /* WeftMedium; AUTO when not given */
  guint8  link_class;   /* WEFT_N_LINK_CLASSES when not given */
  float   length_m;     /* NaN when not given */
} PlanCable;

/* Byte strings interned to dense ids: device, rack and part names. */
typedef struct
{
  GStringChunk *chunk;
  GPtrArray    *strings;     /* const char *, in the chunk, by id */
  GArray       *lens;        /* guint32 */
  guint32      *slots;       /* id + 1; 0 is empty */
  guint32       mask;
} PlanNames;

typedef struct
{
  guint32  line;             /* where it first appears */
  guint32  kind_line;        /* where each attribute was first given, 0: not given */
  guint32  part_line;
  guint32  rack_line;
  guint32  u_line;
  guint32  group_lines[PLAN_N_GROUPS];
  guint32  part;             /* index into the plan's parts, or G_MAXUINT32 */
  guint32  rack;             /* index into the plan's racks, or G_MAXUINT32 */
  guint32  u;
  gint32   groups[PLAN_N_GROUPS];
  guint32  kind;             /* WeftNodeKind; WEFT_N_NODE_KINDS while unknown */
  guint64  memo;
  guint32 *port_lines;       /* by port index (see use_port), the line using it, 0: free */
  guint32  n_port_lines;
} PlanDevice;

typedef struct
{
  PlanCable cable;
  guint32   line;
  guint32   next;            /* the next record between the same two devices, or G_MAXUINT32 */
} PlanRecord;

typedef struct _Plan Plan;

Plan        *weft_plan_new          (WeftCatalog       *catalog,
                                     const char        *origin,
                                     WeftImportReport  *report);
void         weft_plan_free         (Plan              *plan);
const char  *weft_plan_origin       (Plan              *plan);

/* "origin:line: message" (line 0: "origin: message"). */
void         weft_plan_error        (Plan              *plan,
                                     guint              line,
                                     const char        *format,
                                     ...) G_GNUC_PRINTF (3, 4);
void         weft_plan_warning      (Plan              *plan,
                                     guint              line,
                                     const char        *format,
                                     ...) G_GNUC_PRINTF (3, 4);
guint        weft_plan_n_errors     (Plan              *plan);

/* The device called @name, created at @line the first time. */
guint        weft_plan_device       (Plan              *plan,
                                     const char        *name,
                                     gsize              len,
                                     guint              line);
/* The device called @name, or G_MAXUINT32 when there is none. */
guint        weft_plan_lookup_device (Plan             *plan,
                                     const char        *name,
                                     gsize              len);
const char  *weft_plan_device_name  (Plan              *plan,
                                     guint              device);
/* The hash of the attribute text the reader last handled for @device, so
 * that rows repeating it can skip the checks; 0 when none. */
guint64     *weft_plan_device_memo  (Plan              *plan,
                                     guint              device);

/* A device's attributes may be stated on any of its rows, and must agree:
 * a second, different value is an error at @line that names @column. Each
 * returns FALSE after reporting an error. */
gboolean     weft_plan_set_role     (Plan              *plan,
                                     guint              device,
                                     const char        *text,
                                     gsize              len,
                                     guint              line,
                                     const char        *column);
gboolean     weft_plan_set_part     (Plan              *plan,
                                     guint              device,
                                     const char        *text,
                                     gsize              len,
                                     guint              line,
                                     const char        *column);
gboolean     weft_plan_set_rack     (Plan              *plan,
                                     guint              device,
                                     const char        *text,
                                     gsize              len,
                                     guint              line,
                                     const char        *column);
gboolean     weft_plan_set_u        (Plan              *plan,
                                     guint              device,
                                     guint              u,
                                     guint              line,
                                     const char        *column);
/* @text: a whole number. */
gboolean     weft_plan_set_group    (Plan              *plan,
                                     guint              device,
                                     PlanGroup          group,
                                     const char        *text,
                                     gsize              len,
                                     guint              line,
                                     const char        *column);
/* The plan states this kind of group (it has the column): it is not inferred. */
void         weft_plan_group_given  (Plan              *plan,
                                     PlanGroup          group);

/* Takes port @text of @device for the cable at @line; a port used twice is an error. */
gboolean     weft_plan_use_port     (Plan              *plan,
                                     guint              device,
                                     const char        *text,
                                     gsize              len,
                                     guint              line);
/* @cable->count cables first listed at @line. */
void         weft_plan_add_cables   (Plan              *plan,
                                     const PlanCable   *cable,
                                     guint              line);

/* Infers what the plan leaves out and builds the fabric; NULL when the
 * plan has errors (they are in the report, and @error counts them). */
WeftFabric  *weft_plan_finish       (Plan                    *plan,
                                     const WeftImportOptions *options,
                                     GError                 **error);

struct _Plan
{
  WeftCatalog       *catalog;
  char              *origin;
  WeftImportReport  *report;
  WeftImportReport   own_report;
  PlanNames          devices;
  GArray            *device_info;    /* PlanDevice */
  PlanNames          racks;
  PlanNames          parts;
  GPtrArray         *part_info;      /* const WeftPart *, NULL when not in the catalog */
  PlanNames          media;
  GPtrArray         *media_info;     /* const WeftMediaPart *, NULL when not in the catalog */
  GArray            *records;        /* PlanRecord */
  gpointer           pair_index;     /* WeftKeyIndex *: device pair → first record */
  GHashTable        *port_names;     /* "device/port" → line, for ports not named pN */
  guint32            last_device[2];
  guint32            last_record;
  gboolean           groups_given[PLAN_N_GROUPS];
};

/* The second half of the import (weft-plan-infer.c): roles, parts, groups, the fabric. */
WeftFabric  *weft_plan_build        (Plan                    *plan,
                                     const WeftImportOptions *options,
                                     GError                 **error);

/* A whole number from 0 to @max; FALSE when @text is not one. */
gboolean     weft_plan_parse_uint   (const char        *text,
                                     gsize              len,
                                     guint64            max,
                                     guint64           *value);
/* A cable's values as both readers spell them and name them: FALSE, with
 * an error at @line, when @text is not one. */
gboolean     weft_plan_read_length  (Plan              *plan,
                                     guint              line,
                                     const char        *text,
                                     gsize              len,
                                     float             *length);
gboolean     weft_plan_read_lanes   (Plan              *plan,
                                     guint              line,
                                     const char        *text,
                                     gsize              len,
                                     guint8            *lanes);
gboolean     weft_plan_read_medium  (Plan              *plan,
                                     guint              line,
                                     const char        *text,
                                     gsize              len,
                                     WeftMedium        *medium);
gboolean     weft_plan_read_class   (Plan              *plan,
                                     guint              line,
                                     const char        *text,
                                     gsize              len,
                                     WeftLinkClass     *klass);
const WeftMediaPart *weft_plan_lookup_media (Plan      *plan,
                                     const char        *text,
                                     gsize              len);

/* The two readers. */
gboolean     weft_plan_read_csv     (Plan              *plan,
                                     const char        *data,
                                     gsize              length);
gboolean     weft_plan_read_graphml (Plan              *plan,
                                     const char        *data,
                                     gsize              length,
                                     char             **graph_name);

G_END_DECLS
