/* weft-metrics-shapes.h — latency classes alike but for a constant: one latency row per shape. */
#pragma once

#include "metrics/weft-metrics-classes.h"

G_BEGIN_DECLS

/* Servers racked at different distances from their leaves see the same
 * exits at costs that differ by one cable's length, the same to every
 * exit: a class pays delta on top of its shape's costs, so between two
 * classes the latency is the shapes' latency plus both deltas. A 4,096-GPU
 * rail-optimized floor has 1,024 latency classes and 72 shapes. */
typedef struct
{
  guint    n;
  guint32 *of;          /* per latency class: its shape */
  double  *delta;       /* per latency class: its cheapest exit, on top of the shape */
  guint32 *offsets;     /* n + 1: into exit and cost */
  guint32 *exit;        /* index into WeftClasses.exits */
  double  *cost;        /* latency to that exit, less delta */
} WeftShapes;

void weft_shapes_init  (WeftShapes         *shapes,
                        const WeftClassSet *lat);
void weft_shapes_clear (WeftShapes         *shapes);

G_END_DECLS
