/* weft-palette.c — the colours of a drawing: a theme's ground and ink, and a colour-blind-safe set
 * for media and tiers. */
#include "render/weft-palette.h"

static WeftColor
hex (guint32 rgb,
     double  alpha)
{
  return (WeftColor){ ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, alpha };
}

void
weft_palette_init (WeftPalette *palette,
                   WeftTheme    theme)
{
  gboolean dark = theme == WEFT_THEME_DARK;

  palette->background = dark ? hex (0x242424, 1) : hex (0xffffff, 1);
  palette->foreground = dark ? hex (0xeeeeee, 1) : hex (0x1e1e1e, 1);
  palette->muted = dark ? hex (0x9a9a9a, 1) : hex (0x6b6b6b, 1);
  palette->group_fill = dark ? hex (0xffffff, 0.05) : hex (0x000000, 0.04);
  palette->highlight = dark ? hex (0xf0e442, 1) : hex (0x1c71d8, 1);
  palette->refused = hex (0xe01b24, 1);

  /* Copper in warm colours, optics in cool ones (Okabe–Ito). */
  palette->media[WEFT_MEDIUM_AUTO] = hex (0x999999, 1);
  palette->media[WEFT_MEDIUM_DAC] = hex (0xe69f00, 1);
  palette->media[WEFT_MEDIUM_ACC] = dark ? hex (0xf0e442, 1) : hex (0xb8a800, 1);
  palette->media[WEFT_MEDIUM_AEC] = hex (0xd55e00, 1);
  palette->media[WEFT_MEDIUM_AOC] = dark ? hex (0xbbbbbb, 1) : hex (0x555555, 1);
  palette->media[WEFT_MEDIUM_DSP] = dark ? hex (0x3d9be0, 1) : hex (0x0072b2, 1);
  palette->media[WEFT_MEDIUM_LPO] = hex (0x56b4e9, 1);
  palette->media[WEFT_MEDIUM_LRO] = hex (0x009e73, 1);
  palette->media[WEFT_MEDIUM_CPO] = hex (0xcc79a7, 1);
  palette->media[WEFT_MEDIUM_ONBOARD] = dark ? hex (0x777777, 0.6) : hex (0xaaaaaa, 0.6);

  /* Viridis: ordered in lightness, readable to every kind of colour vision. */
  palette->ramp[0] = hex (0x440154, 1);
  palette->ramp[1] = hex (0x21918c, 1);
  palette->ramp[2] = hex (0xfde725, 1);
  /* The same colours, ending at the one furthest from the ground: purple on
   * white, yellow on dark grey. Idle links recede, the bottleneck shows. */
  for (guint i = 0; i < 3; i++)
    palette->load_ramp[i] = palette->ramp[dark ? i : 2 - i];
  /* Off the ramp: grey, and fainter than any colour on it. */
  palette->neutral = dark ? hex (0x9a9a9a, 0.45) : hex (0x6b6b6b, 0.35);

  /* Nodes in hues no medium uses (every pair at least 29 apart in CIELAB), so that a
   * spine never reads as a DAC cable nor a core switch as an AEC one. */
  palette->kinds[WEFT_NODE_GPU] = hex (0x4e9a06, 1);
  palette->kinds[WEFT_NODE_NVSWITCH] = hex (0xcf1c90, 1);
  palette->kinds[WEFT_NODE_LEAF] = hex (0x332288, 1);
  palette->kinds[WEFT_NODE_SPINE] = hex (0xa0522d, 1);
  palette->kinds[WEFT_NODE_CORE] = hex (0x5c3566, 1);
  palette->kinds[WEFT_NODE_ROUTER] = hex (0x008695, 1);
  palette->kinds[WEFT_NODE_OCS] = hex (0xe9b96e, 1);
}

static WeftColor
between (const WeftColor *stops,
         double           t)
{
  const WeftColor *lo, *hi;
  double u;

  t = CLAMP (t, 0, 1);
  lo = t < 0.5 ? &stops[0] : &stops[1];
  hi = t < 0.5 ? &stops[1] : &stops[2];
  u = t < 0.5 ? 2 * t : 2 * t - 1;
  return (WeftColor) { lo->r + u * (hi->r - lo->r), lo->g + u * (hi->g - lo->g),
                       lo->b + u * (hi->b - lo->b), 1 };
}

WeftColor
weft_palette_ramp (const WeftPalette *palette,
                   double             t)
{
  return between (palette->ramp, t);
}

WeftColor
weft_palette_load_ramp (const WeftPalette *palette,
                        double             t)
{
  return between (palette->load_ramp, t);
}

const char *
weft_palette_medium_label (WeftMedium medium)
{
  switch (medium)
    {
    case WEFT_MEDIUM_AUTO: return "no medium reaches";
    case WEFT_MEDIUM_DAC: return "DAC copper";
    case WEFT_MEDIUM_ACC: return "ACC copper";
    case WEFT_MEDIUM_AEC: return "AEC copper";
    case WEFT_MEDIUM_AOC: return "AOC optical cable";
    case WEFT_MEDIUM_DSP: return "DSP optics";
    case WEFT_MEDIUM_LPO: return "LPO optics";
    case WEFT_MEDIUM_LRO: return "LRO optics";
    case WEFT_MEDIUM_CPO: return "CPO optics";
    case WEFT_MEDIUM_ONBOARD: return "scale-up (on board)";
    case WEFT_N_MEDIA:
    default: g_return_val_if_reached (NULL);
    }
}

const char *
weft_palette_kind_label (WeftNodeKind kind)
{
  switch (kind)
    {
    case WEFT_NODE_GPU: return "GPU";
    case WEFT_NODE_NVSWITCH: return "scale-up switch";
    case WEFT_NODE_LEAF: return "leaf";
    case WEFT_NODE_SPINE: return "spine";
    case WEFT_NODE_CORE: return "core";
    case WEFT_NODE_ROUTER: return "router";
    case WEFT_NODE_OCS: return "OCS";
    case WEFT_N_NODE_KINDS:
    default: g_return_val_if_reached (NULL);
    }
}
