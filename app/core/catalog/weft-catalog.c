/* weft-catalog.c — the parts catalog object and its answers: parts, media, prices, power and
 * latency. */
#include "catalog/weft-catalog-private.h"

#include <math.h>

G_DEFINE_FINAL_TYPE (WeftCatalog, weft_catalog, G_TYPE_OBJECT)
G_DEFINE_QUARK (weft-catalog-error-quark, weft_catalog_error)

void
weft_catalog_part_free (gpointer data)
{
  WeftPart *part = data;

  g_free (part->id);
  g_free (part->name);
  g_strfreev (part->protocols);
  g_free (part->ports);
  g_free (part);
}

void
weft_catalog_media_part_free (gpointer data)
{
  WeftMediaPart *media = data;

  g_free (media->id);
  g_free (media->name);
  g_free (media->fiber);
  g_free (media);
}

void
weft_catalog_scale_up_free (gpointer data)
{
  WeftScaleUpFamily *family = data;

  g_free (family->id);
  g_free (family->name);
  g_free (family->switch_id);
  g_free (family);
}

static void
weft_catalog_finalize (GObject *object)
{
  WeftCatalog *self = WEFT_CATALOG (object);

  g_hash_table_unref (self->parts);
  g_hash_table_unref (self->media);
  g_hash_table_unref (self->media_by_kind);
  g_hash_table_unref (self->scale_up);
  g_hash_table_unref (self->fiber);

  G_OBJECT_CLASS (weft_catalog_parent_class)->finalize (object);
}

static void
weft_catalog_class_init (WeftCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_catalog_finalize;
}

static gpointer
media_key (WeftMedium medium,
           guint      speed_gbps)
{
  return GUINT_TO_POINTER ((guint) medium << 24 | speed_gbps);
}

static int
compare_media_by_id (gconstpointer a,
                     gconstpointer b)
{
  return g_strcmp0 ((*(WeftMediaPart * const *) a)->id, (*(WeftMediaPart * const *) b)->id);
}

/* Media by kind and speed, in id order: looked up once per link, so it
 * must not walk the whole table (the catalog is read from worker threads
 * too, so this is rebuilt only while loading). */
void
weft_catalog_index_media (WeftCatalog *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_remove_all (self->media_by_kind);
  g_hash_table_iter_init (&iter, self->media);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WeftMediaPart *media = value;
      gpointer key = media_key (media->medium, media->speed_gbps);
      const double *fiber_price =
          media->fiber ? g_hash_table_lookup (self->fiber, media->fiber) : NULL;
      GPtrArray *list = g_hash_table_lookup (self->media_by_kind, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (self->media_by_kind, key, list);
        }
      g_ptr_array_add (list, media);
      media->fiber_usd_per_m = fiber_price ? *fiber_price : 0;
    }
  g_hash_table_iter_init (&iter, self->media_by_kind);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_media_by_id);
}

static void
weft_catalog_init (WeftCatalog *self)
{
  self->parts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, weft_catalog_part_free);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, weft_catalog_media_part_free);
  self->media_by_kind =
      g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->scale_up =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, weft_catalog_scale_up_free);
  self->fiber = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  weft_failure_rates_init (&self->failure_rates);
}


const WeftPart *
weft_catalog_lookup_part (WeftCatalog *self,
                          const char  *id)
{
  g_return_val_if_fail (WEFT_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->parts, id) : NULL;
}

const WeftMediaPart *
weft_catalog_lookup_media (WeftCatalog *self,
                           const char  *id)
{
  g_return_val_if_fail (WEFT_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->media, id) : NULL;
}

const WeftScaleUpFamily *
weft_catalog_lookup_scale_up (WeftCatalog *self,
                              const char  *id)
{
  g_return_val_if_fail (WEFT_IS_CATALOG (self), NULL);
  return id ? g_hash_table_lookup (self->scale_up, id) : NULL;
}

const WeftFloor *
weft_catalog_get_floor (WeftCatalog *self)
{
  g_return_val_if_fail (WEFT_IS_CATALOG (self), NULL);
  return &self->floor;
}

const WeftFailureRates *
weft_catalog_get_failure_rates (WeftCatalog *self)
{
  g_return_val_if_fail (WEFT_IS_CATALOG (self), NULL);
  return &self->failure_rates;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  /* Every catalog record starts with its id. */
  const char *const *ida = *(const char *const *const *) a;
  const char *const *idb = *(const char *const *const *) b;

  return g_strcmp0 (*ida, *idb);
}

GPtrArray *
weft_catalog_list_parts (WeftCatalog  *self,
                         WeftPartKind  kind)
{
  GPtrArray *parts = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->parts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((WeftPart *) value)->kind == kind)
      g_ptr_array_add (parts, value);
  g_ptr_array_sort (parts, compare_by_id);
  return parts;
}

GPtrArray *
weft_catalog_list_scale_up (WeftCatalog *self)
{
  GPtrArray *families = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->scale_up);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (families, value);
  g_ptr_array_sort (families, compare_by_id);
  return families;
}

const WeftMediaPart *
weft_catalog_find_media (WeftCatalog *self,
                         WeftMedium   medium,
                         guint        speed_gbps,
                         double       length_m)
{
  GPtrArray *candidates = g_hash_table_lookup (self->media_by_kind, media_key (medium, speed_gbps));
  const WeftMediaPart *best = NULL;
  double best_price = G_MAXDOUBLE;

  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      const WeftMediaPart *media = g_ptr_array_index (candidates, i);
      double price;

      if (media->reach_m + 1e-9 < length_m)
        continue;
      /* Candidates are in id order, so ties go to the lower id. */
      price = weft_catalog_link_price (self, media, length_m);
      if (price < best_price)
        {
          best = media;
          best_price = price;
        }
    }
  return best;
}

const WeftMediaPart *
weft_catalog_resolve_media (WeftCatalog *self,
                            WeftMedium   medium,
                            WeftMedium   optics,
                            guint        speed_gbps,
                            double       length_m)
{
  const WeftMediaPart *media;

  if (medium != WEFT_MEDIUM_AUTO)
    return weft_catalog_find_media (self, medium, speed_gbps, length_m);

  if ((media = weft_catalog_find_media (self, WEFT_MEDIUM_DAC, speed_gbps, length_m)) ||
      (media = weft_catalog_find_media (self, WEFT_MEDIUM_AEC, speed_gbps, length_m)))
    return media;
  return weft_catalog_find_media (self, optics, speed_gbps, length_m);
}

double
weft_catalog_fiber_price (WeftCatalog *self,
                          const char  *fiber)
{
  const double *price = fiber ? g_hash_table_lookup (self->fiber, fiber) : NULL;

  return price ? *price : 0;
}

double
weft_catalog_propagation (WeftCatalog *self,
                          gboolean     optical)
{
  return optical ? self->propagation_fiber : self->propagation_copper;
}

double
weft_catalog_link_price (WeftCatalog         *self,
                         const WeftMediaPart *media,
                         double               length_m)
{
  if (media->is_cable)
    return media->price_usd + media->price_per_m_usd * length_m;
  return 2 * media->price_usd + media->fiber_usd_per_m * length_m;
}

double
weft_catalog_link_power (WeftCatalog         *self,
                         const WeftMediaPart *media)
{
  return 2 * media->power_w;
}

double
weft_catalog_link_latency (WeftCatalog         *self,
                           const WeftMediaPart *media,
                           double               length_m)
{
  gboolean optical = weft_medium_is_optical (media->medium);

  return 2 * media->latency_ns + length_m * weft_catalog_propagation (self, optical);
}

guint
weft_part_ports_at (const WeftPart *part,
                    guint           speed_gbps)
{
  for (guint i = 0; i < part->n_ports; i++)
    if (part->ports[i].speed_gbps == speed_gbps)
      return part->ports[i].count;
  return 0;
}

guint
weft_part_port_cost (const WeftPart *part,
                     guint           speed_gbps)
{
  guint ports = weft_part_ports_at (part, speed_gbps);

  return ports ? part->port_units / ports : 0;
}

gboolean
weft_part_speaks (const WeftPart *part,
                  const char     *protocol)
{
  return part->protocols != NULL &&
         g_strv_contains ((const char *const *) part->protocols, protocol);
}

char *
weft_part_describe_ports (const WeftPart *part)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < part->n_ports; i++)
    g_string_append_printf (str, "%s%u×%uG", i ? ", " : "",
                            part->ports[i].count, part->ports[i].speed_gbps);
  return g_string_free (str, FALSE);
}
