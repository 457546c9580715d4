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

const char *
weft_node_kind_to_string (WeftNodeKind kind)
{
  g_return_val_if_fail (kind < WEFT_N_NODE_KINDS, NULL);
  return node_kind_names[kind];
}

gboolean
weft_node_kind_from_string (const char   *str,
                            WeftNodeKind *kind)
{
  guint i;

  if (!weft_names_lookup (node_kind_names, WEFT_N_NODE_KINDS, str, &i))
    return FALSE;
  *kind = (WeftNodeKind) i;
  return TRUE;
}

gboolean
weft_node_kind_is_switch (WeftNodeKind kind)
{
  return kind != WEFT_NODE_GPU;
}

const char *
weft_medium_to_string (WeftMedium medium)
{
  g_return_val_if_fail (medium < WEFT_N_MEDIA, NULL);
  return medium_names[medium];
}

gboolean
weft_medium_from_string (const char *str,
                         WeftMedium *medium)
{
  guint i;

  if (!weft_names_lookup (medium_names, WEFT_N_MEDIA, str, &i))
    return FALSE;
  *medium = (WeftMedium) i;
  return TRUE;
}

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

const char *
weft_link_class_to_string (WeftLinkClass klass)
{
  g_return_val_if_fail (klass < WEFT_N_LINK_CLASSES, NULL);
  return link_class_names[klass];
}

gboolean
weft_link_class_from_string (const char    *str,
                             WeftLinkClass *klass)
{
  guint i;

  if (!weft_names_lookup (link_class_names, WEFT_N_LINK_CLASSES, str, &i))
    return FALSE;
  *klass = (WeftLinkClass) i;
  return TRUE;
}

const char *
weft_protocol_to_string (WeftProtocol protocol)
{
  g_return_val_if_fail (protocol < WEFT_N_PROTOCOLS, NULL);
  return protocol_names[protocol];
}

gboolean
weft_protocol_from_string (const char   *str,
                           WeftProtocol *protocol)
{
  guint i;

  if (!weft_names_lookup (protocol_names, WEFT_N_PROTOCOLS, str, &i))
    return FALSE;
  *protocol = (WeftProtocol) i;
  return TRUE;
}
