/* weft-reliability.c — interruptions per day by cause, MTTI, Young/Daly's checkpoint interval,
 * goodput and the GPU-hours lost: sums over the interrupting elements. */
#include "reliability/weft-reliability.h"

#include <math.h>

#include "catalog/weft-catalog.h"
#include "util/weft-format.h"

#define HOURS_PER_MONTH (30 * 24.0)

G_DEFINE_QUARK (weft-reliability-error-quark, weft_reliability_error)

void
weft_checkpointing_default (WeftFabric        *fabric,
                            WeftCheckpointing *checkpointing)
{
  const WeftFailureRates *rates = weft_catalog_get_failure_rates (weft_fabric_get_catalog (fabric));

  checkpointing->checkpoint_write_s = rates->checkpoint_write_s;
  checkpointing->restart_s = rates->restart_s;
  checkpointing->gpu_hour_usd = rates->gpu_hour_usd;
}

double
weft_young_daly_interval (double write_s,
                          double mtti_s)
{
  return sqrt (2 * write_s * mtti_s);
}

double
weft_goodput (double interval_s,
              double write_s,
              double restart_s,
              double mtti_s)
{
  double cycle = interval_s + write_s;
  double kept = 1 - (restart_s + cycle / 2) / mtti_s;

  if (!(cycle > 0) || !(kept > 0))
    return 0;
  return kept * interval_s / cycle;
}

static int
compare_cause (gconstpointer a,
               gconstpointer b)
{
  const WeftCauseRate *x = a, *y = b;

  return x->per_day < y->per_day ? 1 : x->per_day > y->per_day ? -1 : 0;
}

static void
degradation_free (gpointer data)
{
  WeftDegradation *d = data;

  g_free (d->what);
  g_free (d->example);
  g_free (d);
}

/* The class of degrading elements that @what names, made on first use. */
static WeftDegradation *
degradation_class (GHashTable *classes,
                   GPtrArray  *list,
                   const char *what,
                   const char *cause)
{
  WeftDegradation *d = g_hash_table_lookup (classes, what);

  if (d != NULL)
    return d;
  d = g_new0 (WeftDegradation, 1);
  d->what = g_strdup (what);
  d->cause = cause;
  d->slowdown = NAN;
  g_hash_table_insert (classes, d->what, d);
  g_ptr_array_add (list, d);
  return d;
}

/* Counts what interrupts into @counts (by cause) and what degrades into
 * classes, each with its first element as the example. */
static void
count_elements (WeftFabric             *fabric,
                const WeftInterrupting *interrupting,
                guint64                *counts,
                WeftReliability        *out)
{
  const char *const *causes = weft_failure_causes ();
  const WeftFailureRates *rates = weft_catalog_get_failure_rates (weft_fabric_get_catalog (fabric));
  g_autoptr(GHashTable) classes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) servers = g_hash_table_new (NULL, NULL);
  guint n_nodes, n_links;
  const WeftNode *nodes = weft_fabric_get_nodes (fabric, &n_nodes);
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  g_autofree guint8 *has_nic = g_new0 (guint8, MAX (n_nodes, 1));

  for (guint i = 0; i < n_links; i++)
    if (links[i].link_class == WEFT_LINK_SCALE_OUT)
      has_nic[links[i].a] = has_nic[links[i].b] = TRUE;

  for (guint n = 0; n < n_nodes; n++)
    {
      const char *kind = weft_node_kind_to_string (nodes[n].kind);

      if (nodes[n].kind == WEFT_NODE_GPU)
        {
          out->gpus++;
          counts[weft_failure_cause_index ("gpu")]++;
          counts[weft_failure_cause_index ("software")]++;
          counts[weft_failure_cause_index ("nic")] += has_nic[n];
          g_hash_table_add (servers, GINT_TO_POINTER (nodes[n].groups.server + 1));
        }
      else if (interrupting->node[n])
        counts[weft_failure_cause_index (kind)]++;
      else
        {
          WeftDegradation *d = degradation_class (classes, out->degrading, kind, kind);

          if (d->elements++ == 0)
            d->example = g_strconcat ("node:", nodes[n].name, NULL);
        }
    }
  counts[weft_failure_cause_index ("server")] += g_hash_table_size (servers);

  for (guint i = 0; i < n_links; i++)
    {
      const WeftMediaPart *media = weft_fabric_get_link_media (fabric, i);
      WeftMedium medium = media != NULL ? media->medium : links[i].medium;
      const char *cause = weft_medium_to_string (medium == WEFT_MEDIUM_AUTO ? WEFT_MEDIUM_DSP
                                                                            : medium);
      g_autofree char *what = NULL;
      WeftDegradation *d;

      if (interrupting->link[i])
        {
          counts[weft_failure_cause_index (cause)]++;
          continue;
        }
      what = g_strdup_printf ("%s %s link", weft_fabric_get_link_tier (fabric, i), cause);
      d = degradation_class (classes, out->degrading, what, cause);
      if (d->elements == 0)
        {
          d->example = g_strdup_printf ("link:%u", i);
          d->strand = links[i].count > 1;
        }
      d->elements += links[i].count;
    }

  for (guint i = 0; i < out->degrading->len; i++)
    {
      WeftDegradation *d = out->degrading->pdata[i];

      d->per_day = d->elements * *weft_failure_rates_lookup (rates, d->cause);
      out->degrading_elements += d->elements;
    }
  for (guint c = 0; causes[c] != NULL; c++)
    out->interrupting_elements += counts[c];
}

WeftReliability *
weft_reliability_compute (WeftFabric               *fabric,
                          const WeftCheckpointing  *checkpointing,
                          GError                  **error)
{
  g_autoptr(WeftReliability) out = g_new0 (WeftReliability, 1);
  g_autoptr(WeftInterrupting) interrupting = NULL;
  const char *const *causes = weft_failure_causes ();
  const WeftFailureRates *rates;
  g_autofree guint64 *counts = g_new0 (guint64, g_strv_length ((char **) causes));
  const WeftCheckpointing *cp;
  double mtti_s;

  g_return_val_if_fail (WEFT_IS_FABRIC (fabric), NULL);

  rates = weft_catalog_get_failure_rates (weft_fabric_get_catalog (fabric));
  if (checkpointing != NULL)
    out->checkpointing = *checkpointing;
  else
    weft_checkpointing_default (fabric, &out->checkpointing);
  cp = &out->checkpointing;
  if (!(cp->checkpoint_write_s > 0) || !(cp->restart_s >= 0) || !(cp->gpu_hour_usd >= 0) ||
      !isfinite (cp->checkpoint_write_s + cp->restart_s + cp->gpu_hour_usd))
    {
      g_set_error (error, WEFT_RELIABILITY_ERROR, WEFT_RELIABILITY_ERROR_INVALID,
                   "checkpoint write time: must be more than 0 s, restart time and the price "
                   "of a GPU-hour 0 or more (got %g s, %g s, %g USD)", cp->checkpoint_write_s,
                   cp->restart_s, cp->gpu_hour_usd);
      return NULL;
    }

  out->by_cause = g_array_new (FALSE, FALSE, sizeof (WeftCauseRate));
  out->degrading = g_ptr_array_new_with_free_func (degradation_free);
  interrupting = weft_interrupting_find (fabric);
  count_elements (fabric, interrupting, counts, out);
  if (out->gpus == 0)
    {
      g_set_error (error, WEFT_RELIABILITY_ERROR, WEFT_RELIABILITY_ERROR_INVALID,
                   "the fabric has no GPUs: there is no job to interrupt");
      return NULL;
    }

  for (guint c = 0; causes[c] != NULL; c++)
    {
      WeftCauseRate rate = { causes[c], counts[c], 0 };

      rate.per_day = counts[c] * *weft_failure_rates_lookup (rates, causes[c]);
      if (rate.per_day == 0)
        continue;
      out->interruptions_per_day += rate.per_day;
      g_array_append_val (out->by_cause, rate);
    }
  g_array_sort (out->by_cause, compare_cause);

  out->mtti_hours = out->interruptions_per_day > 0 ? 24 / out->interruptions_per_day : INFINITY;
  mtti_s = out->mtti_hours * 3600;
  if (cp->checkpoint_write_s >= mtti_s)
    {
      g_autofree char *mtti = weft_format_duration (mtti_s);

      g_set_error (error, WEFT_RELIABILITY_ERROR, WEFT_RELIABILITY_ERROR_INVALID,
                   "checkpoint write time: %g s is not shorter than the mean time to "
                   "interruption, %s: the job would never keep a step", cp->checkpoint_write_s,
                   mtti);
      return NULL;
    }
  out->checkpoint_interval_s = weft_young_daly_interval (cp->checkpoint_write_s, mtti_s);
  out->goodput = isfinite (mtti_s) ? weft_goodput (out->checkpoint_interval_s,
                                                   cp->checkpoint_write_s, cp->restart_s, mtti_s)
                                   : 1;
  out->lost_gpu_hours_per_month = (1 - out->goodput) * out->gpus * HOURS_PER_MONTH;
  out->lost_usd_per_month = out->lost_gpu_hours_per_month * cp->gpu_hour_usd;
  return g_steal_pointer (&out);
}

void
weft_reliability_free (WeftReliability *reliability)
{
  if (reliability == NULL)
    return;
  g_clear_pointer (&reliability->by_cause, g_array_unref);
  g_clear_pointer (&reliability->degrading, g_ptr_array_unref);
  g_free (reliability);
}
