/* weft-metrics-shapes.c — latency classes alike but for a constant: one latency row per shape.
 *
 * A class's latency to each of its exits, less the cheapest of them, is
 * its shape; classes with the same exits and the same shape share one
 * shortest-path row, each adding its own constant. Shapes are told apart
 * by their bits: two classes whose differences round apart stay two
 * shapes, which costs time, never exactness.
 */
#include "metrics/weft-metrics-shapes.h"

#include "util/weft-key-index.h"
#include "metrics/weft-metrics-paths.h"

static guint64
shape_hash (const guint32 *exit,
            const double  *cost,
            guint          len)
{
  guint64 h = len;

  for (guint i = 0; i < len; i++)
    h = weft_key_fold (weft_key_fold (h, exit[i]), weft_key_double (cost[i]));
  return weft_key_mix (h);
}

static gboolean
shape_equal (const WeftShapes *shapes,
             guint32           s,
             const guint32    *exit,
             const double     *cost,
             guint             len)
{
  guint32 at = shapes->offsets[s];

  if (shapes->offsets[s + 1] - at != len)
    return FALSE;
  for (guint i = 0; i < len; i++)
    if (shapes->exit[at + i] != exit[i] ||
        weft_key_double (shapes->cost[at + i]) != weft_key_double (cost[i]))
      return FALSE;
  return TRUE;
}

void
weft_shapes_init (WeftShapes         *shapes,
                  const WeftClassSet *lat)
{
  const double *lat_cost = lat->cost[WEFT_COST_LATENCY];
  guint total = lat->offsets[lat->n];
  g_autofree double *cost = g_new (double, MAX (total, 1));
  g_autofree guint32 *older = g_new (guint32, MAX (lat->n, 1));
  WeftKeyIndex index;

  *shapes = (WeftShapes) { 0 };
  shapes->of = g_new (guint32, MAX (lat->n, 1));
  shapes->delta = g_new (double, MAX (lat->n, 1));
  shapes->offsets = g_new (guint32, lat->n + 1);
  shapes->exit = g_new (guint32, MAX (total, 1));
  shapes->cost = g_new (double, MAX (total, 1));
  shapes->offsets[0] = 0;
  weft_key_index_init (&index, lat->n);

  for (guint a = 0; a < lat->n; a++)
    {
      guint32 from = lat->offsets[a], len = lat->offsets[a + 1] - from, *slot, s;
      double delta = len > 0 ? WEFT_FAR : 0;

      for (guint32 y = from; y < from + len; y++)
        delta = MIN (delta, lat_cost[y]);
      for (guint32 y = from; y < from + len; y++)
        cost[y] = lat_cost[y] - delta;
      shapes->delta[a] = delta;

      slot = weft_key_index_slot (&index, shape_hash (&lat->exit[from], &cost[from], len));
      for (s = *slot; s != WEFT_KEY_EMPTY; s = older[s])
        if (shape_equal (shapes, s, &lat->exit[from], &cost[from], len))
          break;
      if (s == WEFT_KEY_EMPTY)
        {
          guint32 at = shapes->offsets[shapes->n];

          s = shapes->n++;
          older[s] = *slot;
          *slot = s;
          memcpy (&shapes->exit[at], &lat->exit[from], len * sizeof (guint32));
          memcpy (&shapes->cost[at], &cost[from], len * sizeof (double));
          shapes->offsets[s + 1] = at + len;
        }
      shapes->of[a] = s;
    }
  weft_key_index_clear (&index);
}

void
weft_shapes_clear (WeftShapes *shapes)
{
  g_clear_pointer (&shapes->of, g_free);
  g_clear_pointer (&shapes->delta, g_free);
  g_clear_pointer (&shapes->offsets, g_free);
  g_clear_pointer (&shapes->exit, g_free);
  g_clear_pointer (&shapes->cost, g_free);
  shapes->n = 0;
}
