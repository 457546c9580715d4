/* weft-palette.h — the colours of a drawing: a theme's ground and ink, and a colour-blind-safe set
 * for media and tiers. */
#pragma once

#include "render/weft-painter.h"
#include "model/weft-types.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_THEME_LIGHT,
  WEFT_THEME_DARK,
} WeftTheme;

typedef struct
{
  WeftColor background;
  WeftColor foreground;
  WeftColor muted;          /* secondary text, group outlines */
  WeftColor group_fill;     /* pods, racks, Dragonfly groups */
  WeftColor highlight;      /* hover and selection */
  WeftColor refused;        /* an invalid drop target */
  WeftColor media[WEFT_N_MEDIA];
  WeftColor kinds[WEFT_N_NODE_KINDS];
  WeftColor ramp[3];        /* a measure from low to high: viridis's ends and middle */
  WeftColor load_ramp[3];   /* a load from idle to busiest: viridis towards the ink */
  WeftColor neutral;        /* a link whose measure is not known */
} WeftPalette;

/* Okabe & Ito's palette: copper media warm, optics cool, scale-up grey. */
void        weft_palette_init          (WeftPalette *palette,
                                        WeftTheme    theme);
/* The ramp at @t in [0, 1]. */
WeftColor   weft_palette_ramp          (const WeftPalette *palette,
                                        double             t);
/* The load ramp at @t in [0, 1]: the busier a link, the more it stands
 * out from the ground, so the eye goes to the hot links. */
WeftColor   weft_palette_load_ramp     (const WeftPalette *palette,
                                        double             t);
/* "DAC copper", "DSP optics", ...: a legend's words for @medium. */
const char *weft_palette_medium_label  (WeftMedium   medium);
const char *weft_palette_kind_label    (WeftNodeKind kind);

G_END_DECLS
