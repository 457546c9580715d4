/* weft-types.h — the vocabulary of a fabric: node kinds, media, protocols. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_NONE G_MAXUINT32

typedef enum
{
  WEFT_NODE_GPU,
  WEFT_NODE_NVSWITCH,
  WEFT_NODE_LEAF,
  WEFT_NODE_SPINE,
  WEFT_NODE_CORE,
  WEFT_NODE_ROUTER,
  WEFT_NODE_OCS,
  WEFT_N_NODE_KINDS
} WeftNodeKind;

/* How a link is built. AUTO is resolved from length and speed: the cheapest
 * of DAC, AEC and the fabric's optics family whose reach covers the link.
 * ONBOARD is a PCB or backplane trace inside a server or rack (scale-up). */
typedef enum
{
  WEFT_MEDIUM_AUTO,
  WEFT_MEDIUM_DAC,
  WEFT_MEDIUM_ACC,
  WEFT_MEDIUM_AEC,
  WEFT_MEDIUM_AOC,
  WEFT_MEDIUM_DSP,
  WEFT_MEDIUM_LPO,
  WEFT_MEDIUM_LRO,
  WEFT_MEDIUM_CPO,
  WEFT_MEDIUM_ONBOARD,
  WEFT_N_MEDIA
} WeftMedium;

/* Which network a link belongs to: NVLink-class inside a domain, or the
 * InfiniBand / Ethernet fabric between servers. The two never join. */
typedef enum
{
  WEFT_LINK_SCALE_OUT,
  WEFT_LINK_SCALE_UP,
  WEFT_N_LINK_CLASSES
} WeftLinkClass;

typedef enum
{
  WEFT_PROTOCOL_INFINIBAND,
  WEFT_PROTOCOL_ETHERNET,
  WEFT_N_PROTOCOLS
} WeftProtocol;

const char   *weft_node_kind_to_string   (WeftNodeKind   kind);
gboolean      weft_node_kind_from_string (const char    *str,
                                          WeftNodeKind  *kind);
gboolean      weft_node_kind_is_switch   (WeftNodeKind   kind);

const char   *weft_medium_to_string      (WeftMedium     medium);
gboolean      weft_medium_from_string    (const char    *str,
                                          WeftMedium    *medium);
gboolean      weft_medium_is_optical     (WeftMedium     medium);
/* An optics family a fabric may choose for its long links. */
gboolean      weft_medium_is_optics_family (WeftMedium   medium);

const char   *weft_link_class_to_string   (WeftLinkClass  klass);
gboolean      weft_link_class_from_string (const char    *str,
                                           WeftLinkClass *klass);

const char   *weft_protocol_to_string    (WeftProtocol   protocol);
gboolean      weft_protocol_from_string  (const char    *str,
                                          WeftProtocol  *protocol);

G_END_DECLS
