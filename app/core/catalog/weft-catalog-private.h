/* weft-catalog-private.h — the catalog's tables, shared by its loader and its queries. */
#pragma once

#include "catalog/weft-catalog.h"

G_BEGIN_DECLS

struct _WeftCatalog
{
  GObject     parent_instance;

  GHashTable *parts;      /* id → WeftPart */
  GHashTable *media;      /* id → WeftMediaPart */
  GHashTable *media_by_kind; /* medium << 24 | speed → GPtrArray of WeftMediaPart, by id */
  GHashTable *scale_up;   /* id → WeftScaleUpFamily */
  GHashTable *fiber;      /* id → double* price per metre */
  double      propagation_fiber;
  double      propagation_copper;
  WeftFloor   floor;
  WeftFailureRates failure_rates;
};

/* Destroy notifies for the tables' values, also used for a record the loader refuses. */
void weft_catalog_part_free       (gpointer     data);
void weft_catalog_media_part_free (gpointer     data);
void weft_catalog_scale_up_free   (gpointer     data);

/* Every rate and default not a number, until a file gives it. */
void weft_failure_rates_init      (WeftFailureRates *rates);

/* Rebuilds the media index by kind and speed after a load. */
void weft_catalog_index_media     (WeftCatalog *self);

G_END_DECLS
