/* weft-validate.h — what is wrong with a fabric or a proposed link, said so a user can fix it. */
#pragma once

#include "model/weft-fabric.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_PROBLEM_PORTS,         /* more ports in use than the part has */
  WEFT_PROBLEM_SPEED,         /* a link at a speed a part cannot run */
  WEFT_PROBLEM_CLASS,         /* scale-up joined to scale-out */
  WEFT_PROBLEM_SELF_LOOP,     /* both ends on one node */
  WEFT_PROBLEM_PART,          /* a part missing from the catalog or of the wrong kind */
  WEFT_PROBLEM_PROTOCOL,      /* a switch or NIC that does not speak the fabric's protocol */
  WEFT_PROBLEM_MEDIUM,        /* no medium in the catalog covers the link */
  WEFT_PROBLEM_UNREACHABLE,   /* a GPU with no path to the fabric */
} WeftProblemKind;

typedef struct
{
  WeftProblemKind  kind;
  guint            node;      /* the culprit, or WEFT_NONE */
  guint            link;      /* the culprit, or WEFT_NONE */
  char            *message;
} WeftProblem;

void        weft_problem_free           (WeftProblem *problem);

/* Every problem in the fabric, nodes first then links, unreachable GPUs
 * summarised after the first few. */
GPtrArray  *weft_fabric_validate        (WeftFabric     *self);

/* Whether @link could stand in the fabric in place of link @replacing
 * (WEFT_NONE for a new link): endpoint kinds, speeds, free ports, medium. */
gboolean    weft_fabric_check_link      (WeftFabric     *self,
                                         const WeftLink *link,
                                         guint           replacing,
                                         GError        **error);
/* Whether @part_id may sit on @node with the node's current links. */
gboolean    weft_fabric_check_node_part (WeftFabric     *self,
                                         guint           node,
                                         const char     *part_id,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftProblem, weft_problem_free)

G_END_DECLS
