/* weft-sort.h — ordering plain numbers, for g_array_sort and qsort. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ascending order of the guint32 at @a and @b. */
static inline int
weft_compare_u32 (gconstpointer a,
                  gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Ascending order of the guint64 at @a and @b. */
static inline int
weft_compare_u64 (gconstpointer a,
                  gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

G_END_DECLS
