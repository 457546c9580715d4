/* weft-types.c — names of node kinds, media and protocols, as files and the CLI spell them. */
#include "model/weft-types.h"

#include "util/weft-names.h"

static const char *node_kind_names[WEFT_N_NODE_KINDS] = {
  "gpu", "nvswitch", "leaf", "spine", "core", "router", "ocs",
};

static const char *medium_names[WEFT_N_MEDIA] = {
  "auto", "dac", "acc", "aec", "aoc", "dsp", "lpo", "lro", "cpo", "onboard",
};

static const char *link_class_names[WEFT_N_LINK_CLASSES] = {
  "scale-out", "scale-up",
};

static const char *protocol_names[WEFT_N_PROTOCOLS] = {
  "infiniband", "ethernet",
};

WEFT_DEFINE_NAMES (WeftNodeKind, weft_node_kind, node_kind_names, WEFT_N_NODE_KINDS)

gboolean
weft_node_kind_is_switch (WeftNodeKind kind)
{
  return kind != WEFT_NODE_GPU;
}

WEFT_DEFINE_NAMES (WeftMedium, weft_medium, medium_names, WEFT_N_MEDIA)

gboolean
weft_medium_is_optical (WeftMedium medium)
{
  return medium == WEFT_MEDIUM_AOC || weft_medium_is_optics_family (medium);
}

gboolean
weft_medium_is_optics_family (WeftMedium medium)
{
  return medium == WEFT_MEDIUM_DSP || medium == WEFT_MEDIUM_LPO ||
         medium == WEFT_MEDIUM_LRO || medium == WEFT_MEDIUM_CPO;
}

WEFT_DEFINE_NAMES (WeftLinkClass, weft_link_class, link_class_names, WEFT_N_LINK_CLASSES)

WEFT_DEFINE_NAMES (WeftProtocol, weft_protocol, protocol_names, WEFT_N_PROTOCOLS)
