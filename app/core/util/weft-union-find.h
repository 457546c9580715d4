/* weft-union-find.h — disjoint sets over node indices: components, scale-up domains. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every element its own set. */
static inline guint32 *
weft_union_find_new (guint n)
{
  guint32 *parent = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  return parent;
}

/* The representative of @x's set, halving the path on the way. */
static inline guint32
weft_union_find_root (guint32 *parent,
                      guint32  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

/* Joins the sets of @a and @b; the smaller index stays the representative. */
static inline void
weft_union_find_join (guint32 *parent,
                      guint32  a,
                      guint32  b)
{
  guint32 ra = weft_union_find_root (parent, a), rb = weft_union_find_root (parent, b);

  if (ra != rb)
    parent[MAX (ra, rb)] = MIN (ra, rb);
}

G_END_DECLS
