/* weft-layout-bundles.c — level of detail: links bundled, nodes merged, per grid cell and zoom. */
#include "render/weft-layout-private.h"

#include "util/weft-key-index.h"

#include <math.h>

/* The power-of-two grid level at least @cell wide, and its width. */
static gint
grid_level (double  cell,
            double *width)
{
  gint level = (gint) ceil (log2 (MAX (cell, 1e-3)));

  *width = ldexp (1, level);
  return level;
}

static gint64
cell_key (double x,
          double y,
          double width)
{
  gint64 cx = (gint64) floor (x / width), cy = (gint64) floor (y / width);

  return (cx & 0xffffff) << 24 | (cy & 0xffffff);
}

/* By count, then medium: strokes of one width and colour come together
 * and the painter strokes them as one path. */
static int
compare_bundles_by_count (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const WeftLayoutBundle *x = a, *y = b;
  const guint8 *medium = user_data;

  if (x->count != y->count)
    return x->count < y->count ? -1 : 1;
  return (int) medium[x->link] - (int) medium[y->link];
}

/* One grid level's bundles while they are worked out. */
typedef struct
{
  WeftLayout   *layout;
  double        width;      /* a cell's */
  GArray       *bundles;    /* WeftLayoutBundle, their ends summed until the mean is taken */
  GArray       *records;    /* guint per bundle: the link records summed into it */
  GArray       *cells;      /* two gint64 per bundle: its ends' cells */
  GArray       *older;      /* guint32 per bundle: the one before it of the same hash */
  WeftKeyIndex  index;      /* the hash of two cells → the latest bundle of that hash */
} Bundler;

/* The bundle between the cells @key, or WEFT_KEY_EMPTY; *@slot is where
 * the latest bundle of their hash is kept. */
static guint32
find_bundle (Bundler       *bundler,
             const gint64  *key,
             guint32      **slot)
{
  guint32 found;

  /* The two cells hashed into one key; a match is checked in full. */
  *slot = weft_key_index_slot (&bundler->index, weft_key_mix (weft_key_fold ((guint64) key[0],
                                                                             (guint64) key[1])));
  for (found = **slot; found != WEFT_KEY_EMPTY;
       found = g_array_index (bundler->older, guint32, found))
    {
      const gint64 *pair = &g_array_index (bundler->cells, gint64, 2 * found);

      if (pair[0] == key[0] && pair[1] == key[1])
        break;
    }
  return found;
}

/* Adds link @i to the stroke between its ends' cells, or starts that
 * stroke; returns the stroke's index. */
static guint32
add_link (Bundler        *bundler,
          const WeftLink *links,
          guint           i)
{
  WeftLayout *layout = bundler->layout;
  double width = bundler->width;
  gint64 key[2] = { cell_key (layout->x[links[i].a], layout->y[links[i].a], width),
                    cell_key (layout->x[links[i].b], layout->y[links[i].b], width) };
  guint32 ends[2] = { links[i].a, links[i].b }, *slot, found;

  /* Either way round is the same stroke. */
  if (key[0] > key[1])
    {
      gint64 t = key[0];

      key[0] = key[1];
      key[1] = t;
      ends[0] = links[i].b;
      ends[1] = links[i].a;
    }
  found = find_bundle (bundler, key, &slot);
  if (found != WEFT_KEY_EMPTY)
    {
      WeftLayoutBundle *b = &g_array_index (bundler->bundles, WeftLayoutBundle, found);

      /* Ends at the mean of the links' ends, so strokes meet their rows. */
      b->x0 += layout->x[ends[0]];
      b->y0 += layout->y[ends[0]];
      b->x1 += layout->x[ends[1]];
      b->y1 += layout->y[ends[1]];
      b->count += links[i].count;
      g_array_index (bundler->records, guint, found)++;
      return found;
    }
  else
    {
      WeftLayoutBundle bundle = { layout->x[ends[0]], layout->y[ends[0]],
                                  layout->x[ends[1]], layout->y[ends[1]],
                                  links[i].count, i, 0, NULL };
      guint one = 1;

      g_array_append_val (bundler->older, *slot);
      *slot = bundler->bundles->len;
      g_array_append_vals (bundler->cells, key, 1);
      g_array_append_val (bundler->bundles, bundle);
      g_array_append_val (bundler->records, one);
      return bundler->bundles->len - 1;
    }
}

/* Each bundle's link records, bundle after bundle in one array, so that a
 * colouring by a per-link figure can take the largest a stroke stands for.
 * Set before sorting: the bundles carry their own slices. */
static GArray *
list_records (Bundler       *bundler,
              const guint32 *bundle_of,
              guint          n_links)
{
  GArray *records = g_array_sized_new (FALSE, FALSE, sizeof (guint), MAX (n_links, 1));
  g_autofree guint *next = g_new (guint, bundler->bundles->len + 1);
  guint *out;

  g_array_set_size (records, n_links);
  out = (guint *) records->data;
  next[0] = 0;
  for (guint k = 0; k < bundler->bundles->len; k++)
    next[k + 1] = next[k] + g_array_index (bundler->records, guint, k);
  for (guint k = 0; k < bundler->bundles->len; k++)
    {
      WeftLayoutBundle *b = &g_array_index (bundler->bundles, WeftLayoutBundle, k);

      b->records = out + next[k];
      b->n_records = g_array_index (bundler->records, guint, k);
    }
  for (guint i = 0; i < n_links; i++)
    out[next[bundle_of[i]]++] = i;
  return records;
}

/* From the sums of the links' ends to their mean. */
static void
take_means (Bundler *bundler)
{
  for (guint k = 0; k < bundler->bundles->len; k++)
    {
      WeftLayoutBundle *b = &g_array_index (bundler->bundles, WeftLayoutBundle, k);
      guint m = g_array_index (bundler->records, guint, k);

      b->x0 /= m;
      b->y0 /= m;
      b->x1 /= m;
      b->y1 /= m;
    }
}

/* The links as one stroke per pair of cells @width wide; @records_out
 * holds the slices of records the strokes point into. */
static GArray *
bundle_links (WeftLayout  *layout,
              double       width,
              GArray     **records_out)
{
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));
  g_autoptr(GArray) older = g_array_new (FALSE, FALSE, sizeof (guint32));
  Bundler bundler = { .layout = layout, .width = width, .records = records, .cells = cells,
                      .older = older };
  guint n_links;
  const WeftLink *links = weft_fabric_get_links (layout->fabric, &n_links);
  g_autofree guint32 *bundle_of = g_new (guint32, MAX (n_links, 1));

  weft_key_index_init (&bundler.index, 1024);
  bundler.bundles = g_array_new (FALSE, FALSE, sizeof (WeftLayoutBundle));
  for (guint i = 0; i < n_links; i++)
    bundle_of[i] = add_link (&bundler, links, i);
  weft_key_index_clear (&bundler.index);
  take_means (&bundler);
  *records_out = list_records (&bundler, bundle_of, n_links);
  /* Lightest first, so that the heavy strokes end up on top. */
  g_array_sort_with_data (bundler.bundles, compare_bundles_by_count, layout->link_medium);
  return bundler.bundles;
}

const WeftLayoutBundle *
weft_layout_get_bundles (WeftLayout *layout,
                         double      cell,
                         guint      *n_bundles)
{
  double width;
  gint level = grid_level (cell, &width);
  GArray *bundles = g_hash_table_lookup (layout->bundles, GINT_TO_POINTER (level));

  if (bundles == NULL)
    {
      GArray *records;

      bundles = bundle_links (layout, width, &records);
      g_hash_table_insert (layout->bundles, GINT_TO_POINTER (level), bundles);
      g_hash_table_insert (layout->bundle_records, GINT_TO_POINTER (level), records);
    }
  *n_bundles = bundles->len;
  return (const WeftLayoutBundle *) bundles->data;
}

/* Whether some level at @level or coarser, worked out already, has more
 * than @max_bundles strokes. */
static gboolean
too_many_at (WeftLayout *layout,
             gint        level,
             guint       max_bundles)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, layout->bundles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (key) >= level && ((GArray *) value)->len > max_bundles)
      return TRUE;
  return FALSE;
}

const WeftLayoutBundle *
weft_layout_get_bundles_at_most (WeftLayout *layout,
                                 double      cell,
                                 guint       max_bundles,
                                 guint      *n_bundles)
{
  double width;
  gint level = grid_level (cell, &width);
  gpointer hint;
  const WeftLayoutBundle *bundles;

  /* The level that was fine enough last time, even after the links changed:
   * an edit moves a stroke or two, not the count by a factor of two. */
  if (g_hash_table_lookup_extended (layout->bundle_hint, GINT_TO_POINTER (level), NULL, &hint))
    return weft_layout_get_bundles (layout, ldexp (1, GPOINTER_TO_INT (hint)), n_bundles);
  for (gint l = level; ; l++)
    {
      /* Coarser cells only merge strokes: a level finer than one with too
       * many has too many, and need not be worked out to know it. */
      if (l < level + 3 && too_many_at (layout, l, max_bundles))
        continue;
      bundles = weft_layout_get_bundles (layout, ldexp (1, l), n_bundles);
      if (*n_bundles <= max_bundles || l >= level + 3)
        {
          g_hash_table_insert (layout->bundle_hint, GINT_TO_POINTER (level), GINT_TO_POINTER (l));
          return bundles;
        }
    }
}

void
weft_layout_keep_hints (WeftLayout *layout,
                        WeftLayout *before)
{
  GHashTableIter iter;
  gpointer level, hint;

  if (before == NULL || before->view != layout->view)
    return;
  g_hash_table_iter_init (&iter, before->bundle_hint);
  while (g_hash_table_iter_next (&iter, &level, &hint))
    g_hash_table_insert (layout->bundle_hint, level, hint);
}

const WeftLayoutMark *
weft_layout_get_marks (WeftLayout *layout,
                       double      cell,
                       guint      *n_marks)
{
  double width;
  gint level = grid_level (cell, &width);
  GArray *marks = g_hash_table_lookup (layout->marks, GINT_TO_POINTER (level));

  if (marks == NULL)
    {
      g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, NULL);
      guint n_nodes;
      const WeftNode *nodes = weft_fabric_get_nodes (layout->fabric, &n_nodes);

      marks = g_array_new (FALSE, FALSE, sizeof (WeftLayoutMark));
      for (guint i = 0; i < n_nodes; i++)
        {
          gint64 key = cell_key (layout->x[i], layout->y[i], width) ^
                       ((gint64) nodes[i].kind << 56);
          gpointer found;

          if (g_hash_table_lookup_extended (index, &key, NULL, &found))
            g_array_index (marks, WeftLayoutMark, GPOINTER_TO_UINT (found)).count++;
          else
            {
              WeftLayoutMark mark = { (floor (layout->x[i] / width) + 0.5) * width,
                                      (floor (layout->y[i] / width) + 0.5) * width,
                                      nodes[i].kind, 1 };

              g_hash_table_insert (index, g_memdup2 (&key, sizeof key),
                                   GUINT_TO_POINTER (marks->len));
              g_array_append_val (marks, mark);
            }
        }
      g_hash_table_insert (layout->marks, GINT_TO_POINTER (level), marks);
    }
  *n_marks = marks->len;
  return (const WeftLayoutMark *) marks->data;
}
