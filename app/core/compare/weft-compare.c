/* weft-compare.c — several architectures at one GPU count, with the same hardware, side by side. */
#include "compare/weft-compare.h"

#include <math.h>

#include "collectives/weft-collective.h"
#include "collectives/weft-training.h"
#include "io/weft-csv.h"
#include "io/weft-json-writer.h"
#include "reliability/weft-reliability.h"
#include "util/weft-format.h"

static gboolean
apply_settings (WeftGenParams      *params,
                const char * const *settings,
                GError            **error)
{
  for (guint i = 0; settings != NULL && settings[i] != NULL && settings[i + 1] != NULL; i += 2)
    if (weft_gen_params_arch_uses (params->arch, settings[i]) &&
        !weft_gen_params_set (params, settings[i], settings[i + 1], error))
      return FALSE;
  return TRUE;
}

WeftFabric *
weft_compare_generate (WeftCatalog        *catalog,
                       WeftArch            arch,
                       guint               gpus,
                       const char * const *settings,
                       char              **note,
                       GError            **error)
{
  g_auto(WeftGenParams) params = { 0 };
  g_autoptr(GError) refused = NULL;

  *note = NULL;
  weft_gen_params_init (&params, arch);
  if (!apply_settings (&params, settings, error))
    return NULL;
  params.gpus = gpus;
  /* A torus is sized by its rings: the three nearest the count, as the panel derives them. */
  if (arch == WEFT_ARCH_TORUS && params.n_dims == 0)
    {
      guint64 product = 1;

      weft_generator_torus_dims (gpus, params.dims, &params.n_dims);
      for (guint d = 0; d < params.n_dims; d++)
        product *= params.dims[d];
      params.gpus = 0;
      if (product != gpus)
        {
          g_autofree char *count = weft_format_count (product);

          *note = g_strdup_printf ("nearest size: %s GPUs", count);
        }
      return weft_generate (catalog, &params, error);
    }
  if (weft_generator_fit (catalog, &params, note, &refused))
    return weft_generate (catalog, &params, error);
  g_propagate_prefixed_error (error, g_steal_pointer (&refused), "%s: ",
                              weft_arch_to_string (arch));
  return NULL;
}

void
weft_compare_column_free (WeftCompareColumn *column)
{
  g_free (column->note);
  g_free (column->title);
  g_clear_object (&column->fabric);
  g_clear_pointer (&column->metrics, weft_metrics_free);
  g_free (column);
}

/* Progress over one fabric from a part of it: [from, from + span). */
typedef struct
{
  WeftMetricsProgress progress;
  gpointer            data;
  double              from;
  double              span;
} Span;

static void
span_progress_cb (double      fraction,
                  const char *stage,
                  gpointer    user_data)
{
  Span *s = user_data;

  if (s->progress != NULL)
    s->progress (s->from + fraction * s->span, stage, s->data);
}

/* The busBw of a 1 GiB @op over every GPU of @fabric with the fastest
 * algorithm, or NAN and the reason in @why when it cannot run there (GPUs
 * that cannot reach each other); FALSE only when cancelled. */
static gboolean
collective_busbw (WeftFabric        *fabric,
                  WeftCollectiveOp   op,
                  GCancellable      *cancellable,
                  double            *busbw,
                  char             **why,
                  GError           **error)
{
  g_autoptr(WeftCollectivePlan) plan = NULL;
  g_autoptr(WeftCollectiveResult) result = NULL;
  g_autoptr(GError) local_error = NULL;

  *busbw = NAN;
  plan = weft_collective_plan_new (fabric, op, NULL, 0, NULL, cancellable, &local_error);
  if (plan != NULL)
    result = weft_collective_plan_time (plan, WEFT_ALGO_AUTO, WEFT_COMPARE_COLLECTIVE_BYTES, 0,
                                        &local_error);
  if (result != NULL)
    {
      *busbw = result->busbw_GBps;
      return TRUE;
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*why == NULL)
    *why = g_strdup_printf ("no %s: %s", weft_collective_op_to_string (op), local_error->message);
  return TRUE;
}

/* The default job's step on @fabric into @seconds; a job that does not fit
 * the fabric leaves it out and says why in @why. */
static gboolean
training_step (WeftFabric    *fabric,
               GCancellable  *cancellable,
               double        *seconds,
               char         **why,
               GError       **error)
{
  g_auto(WeftJob) job = { 0 };
  g_auto(WeftStepTime) step = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (weft_job_default (fabric, &job, &local_error) &&
      weft_training_step (fabric, &job, &step, cancellable, &local_error))
    {
      *seconds = step.step_s;
      return TRUE;
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *why = g_strdup_printf ("no training step: %s", local_error->message);
  return TRUE;
}

/* Interruptions a day and goodput, sums that take milliseconds at any size;
 * why they are missing into @why, when it is not NULL. */
static void
reliability (WeftCompareColumn  *column,
             WeftFabric         *fabric,
             char              **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftReliability) r = weft_reliability_compute (fabric, NULL, &error);

  column->interruptions_per_day = r ? r->interruptions_per_day : NAN;
  column->goodput = r ? r->goodput : NAN;
  if (r == NULL && why != NULL)
    *why = g_strdup_printf ("no goodput: %s", error->message);
}

gboolean
weft_compare_measure (WeftCompareColumn  *column,
                      WeftFabric         *fabric,
                      GCancellable       *cancellable,
                      WeftMetricsProgress progress,
                      gpointer            progress_data,
                      GError            **error)
{
  /* The metrics take the first half of the bar, the collectives the rest:
   * at large sizes the all-to-all is most of the time. */
  Span metrics_span = { progress, progress_data, 0, 0.5 };
  g_autofree char *why = NULL;

  column->allreduce_busbw_GBps = NAN;
  column->alltoall_busbw_GBps = NAN;
  column->step_s = NAN;
  column->metrics = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION,
                                          cancellable, span_progress_cb, &metrics_span, error);
  if (column->metrics == NULL)
    return FALSE;
  if (progress != NULL)
    progress (0.5, "all-reduce", progress_data);
  if (!collective_busbw (fabric, WEFT_OP_ALL_REDUCE, cancellable, &column->allreduce_busbw_GBps,
                         &why, error))
    return FALSE;
  if (why == NULL && column->requested_gpus <= WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS)
    {
      if (progress != NULL)
        progress (0.6, "all-to-all", progress_data);
      if (!collective_busbw (fabric, WEFT_OP_ALL_TO_ALL, cancellable, &column->alltoall_busbw_GBps,
                             &why, error))
        return FALSE;
    }
  if (why == NULL && column->requested_gpus <= WEFT_COMPARE_STEP_MAX_GPUS &&
      !training_step (fabric, cancellable, &column->step_s, &why, error))
    return FALSE;
  reliability (column, fabric, why == NULL ? &why : NULL);
  if (why != NULL)
    {
      char *note = column->note ? g_strdup_printf ("%s; %s", column->note, why)
                                : g_steal_pointer (&why);

      g_free (column->note);
      column->note = note;
    }
  if (progress != NULL)
    progress (1, "measured", progress_data);
  return TRUE;
}

GPtrArray *
weft_compare_run (WeftCatalog        *catalog,
                  const WeftArch     *archs,
                  guint               n_archs,
                  guint               gpus,
                  const char * const *settings,
                  GCancellable       *cancellable,
                  WeftMetricsProgress progress,
                  gpointer            progress_data,
                  GError            **error)
{
  g_autoptr(GPtrArray) columns =
      g_ptr_array_new_with_free_func ((GDestroyNotify) weft_compare_column_free);
  Span p = { progress, progress_data, 0, 1.0 / MAX (n_archs, 1) };

  for (guint i = 0; i < n_archs; i++)
    {
      WeftCompareColumn *column = g_new0 (WeftCompareColumn, 1);

      g_ptr_array_add (columns, column);
      column->arch = archs[i];
      column->requested_gpus = gpus;
      p.from = (double) i / MAX (n_archs, 1);
      if (progress != NULL)
        progress ((double) i / n_archs, weft_arch_get_title (archs[i]), progress_data);
      column->fabric =
          weft_compare_generate (catalog, archs[i], gpus, settings, &column->note, error);
      if (column->fabric == NULL ||
          !weft_compare_measure (column, column->fabric, cancellable, span_progress_cb, &p,
                                 error))
        return NULL;
    }
  if (progress != NULL)
    progress (1, "Done", progress_data);
  return g_steal_pointer (&columns);
}

GPtrArray *
weft_compare_sweep (WeftCatalog        *catalog,
                    const WeftArch     *archs,
                    guint               n_archs,
                    const guint        *sizes,
                    guint               n_sizes,
                    const char * const *settings,
                    GCancellable       *cancellable,
                    WeftMetricsProgress progress,
                    gpointer            progress_data,
                    GError            **error)
{
  g_autoptr(GPtrArray) columns =
      g_ptr_array_new_with_free_func ((GDestroyNotify) weft_compare_column_free);
  g_autoptr(GError) local_error = NULL;
  guint count = n_archs * n_sizes;
  Span p = { progress, progress_data, 0, 1.0 / MAX (count, 1) };

  for (guint i = 0; i < n_archs * n_sizes; i++)
    {
      WeftCompareColumn *column = g_new0 (WeftCompareColumn, 1);
      g_autofree char *stage = NULL;
      gboolean measured;

      g_ptr_array_add (columns, column);
      column->arch = archs[i / n_sizes];
      column->requested_gpus = sizes[i % n_sizes];
      column->allreduce_busbw_GBps = NAN;
      column->alltoall_busbw_GBps = NAN;
      column->step_s = NAN;
      column->interruptions_per_day = NAN;
      column->goodput = NAN;
      p.from = (double) i / count;
      if (progress != NULL)
        {
          stage = g_strdup_printf ("%s, %u GPUs", weft_arch_get_title (column->arch),
                                   column->requested_gpus);
          progress (p.from, stage, progress_data);
        }
      column->fabric = weft_compare_generate (catalog, column->arch, column->requested_gpus,
                                              settings, &column->note, &local_error);
      if (column->fabric == NULL)
        {
          /* A size this hardware cannot build is a gap in the line, not the end of the sweep. */
          g_free (column->note);
          column->note = g_strdup (local_error->message);
          g_clear_error (&local_error);
          continue;
        }
      /* The collectives need the fabric too: measure it all before letting it go. */
      measured = weft_compare_measure (column, column->fabric, cancellable, span_progress_cb, &p,
                                       error);
      g_clear_object (&column->fabric);
      if (!measured)
        return NULL;
    }
  if (progress != NULL)
    progress (1, "Done", progress_data);
  return g_steal_pointer (&columns);
}

/* The figures, in the order the table shows them. */
typedef enum
{
  KIND_COUNT, KIND_MONEY, KIND_POWER, KIND_RATIO, KIND_HOPS, KIND_HOP_COUNT, KIND_LATENCY,
  KIND_BUSBW, KIND_SECONDS, KIND_PER_DAY, KIND_SHARE
} Kind;

typedef struct
{
  const char *key;
  const char *label;
  Kind        kind;
  int         better;   /* 1: more is better, −1: less is, 0: neither */
} Row;

static const Row rows[] = {
  { "gpus", "GPUs", KIND_COUNT, 0 },
  { "switches", "switches", KIND_COUNT, 0 },
  { "links", "links", KIND_COUNT, 0 },
  { "copper_links", "copper links (DAC, ACC, AEC)", KIND_COUNT, 0 },
  { "optical_links", "optical links (AOC, DSP, LPO, LRO, CPO)", KIND_COUNT, 0 },
  { "cost_usd", "cost", KIND_MONEY, -1 },
  { "cost_per_gpu_usd", "cost per GPU", KIND_MONEY, -1 },
  { "power_w", "power", KIND_POWER, -1 },
  { "power_per_gpu_w", "power per GPU", KIND_POWER, -1 },
  { "bisection_ratio", "bisection, share of full", KIND_RATIO, 1 },
  { "hops_mean", "switch hops, mean", KIND_HOPS, -1 },
  { "hops_max", "switch hops, max", KIND_HOP_COUNT, -1 },
  { "latency_min_ns", "latency, min", KIND_LATENCY, -1 },
  { "latency_max_ns", "latency, max", KIND_LATENCY, -1 },
  { "allreduce_busbw_GBps", "all-reduce busBw, 1 GiB", KIND_BUSBW, 1 },
  { "alltoall_busbw_GBps", "all-to-all busBw, 1 GiB", KIND_BUSBW, 1 },
  { "step_s", "training step, default job", KIND_SECONDS, -1 },
  { "interruptions_per_day", "interruptions a day, job on all GPUs", KIND_PER_DAY, -1 },
  { "goodput", "goodput, job on all GPUs", KIND_SHARE, 1 },
};

static double
value_of (const WeftCompareColumn *column,
          guint                    row)
{
  const WeftMetrics *m = column->metrics;
  const guint64 *media = m->cost.links_by_medium;

  switch (row)
    {
    case 0: return m->gpus;
    case 1: return m->switches;
    case 2: return m->links;
    case 3: return media[WEFT_MEDIUM_DAC] + media[WEFT_MEDIUM_ACC] + media[WEFT_MEDIUM_AEC];
    case 4: return media[WEFT_MEDIUM_AOC] + media[WEFT_MEDIUM_DSP] + media[WEFT_MEDIUM_LPO] +
                   media[WEFT_MEDIUM_LRO] + media[WEFT_MEDIUM_CPO];
    case 5: return m->cost.usd;
    case 6: return m->gpus ? m->cost.usd / m->gpus : 0;
    case 7: return m->cost.watts;
    case 8: return m->gpus ? m->cost.watts / m->gpus : 0;
    case 9: return m->bisection.ratio;
    case 10: return m->switch_hops.mean;
    case 11: return m->switch_hops.max;
    case 12: return m->latency.min_ns;
    case 13: return m->latency.max_ns;
    case 14: return column->allreduce_busbw_GBps;
    case 15: return column->alltoall_busbw_GBps;
    case 16: return column->step_s;
    case 17: return column->interruptions_per_day;
    case 18: return column->goodput;
    default: g_assert_not_reached ();
    }
}

static const struct { const char *alias; const char *key; } aliases[] = {
  { "cost_per_gpu", "cost_per_gpu_usd" },
  { "power_per_gpu", "power_per_gpu_w" },
  { "max_hops", "hops_max" },
  { "mean_hops", "hops_mean" },
  { "allreduce_busbw", "allreduce_busbw_GBps" },
  { "alltoall_busbw", "alltoall_busbw_GBps" },
  { "step", "step_s" },
  { "interruptions", "interruptions_per_day" },
};

static const char *const units[] = {
  [KIND_COUNT] = "", [KIND_MONEY] = "USD", [KIND_POWER] = "W", [KIND_RATIO] = "",
  [KIND_HOPS] = "switches", [KIND_HOP_COUNT] = "switches", [KIND_LATENCY] = "ns",
  [KIND_BUSBW] = "GB/s",
  [KIND_SECONDS] = "s", [KIND_PER_DAY] = "per day", [KIND_SHARE] = "",
};

static gint
find_row (const char *name)
{
  for (guint a = 0; a < G_N_ELEMENTS (aliases); a++)
    if (g_str_equal (name, aliases[a].alias))
      name = aliases[a].key;
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    if (g_str_equal (name, rows[r].key))
      return r;
  return -1;
}

gboolean
weft_compare_figure (const char  *name,
                     const char **title,
                     const char **unit)
{
  gint r = find_row (name);

  if (r < 0)
    return FALSE;
  *title = rows[r].label;
  *unit = units[rows[r].kind];
  return TRUE;
}

double
weft_compare_value (const WeftCompareColumn *column,
                    const char              *name)
{
  gint r = find_row (name);

  g_return_val_if_fail (r >= 0, NAN);
  return column != NULL && column->metrics != NULL ? value_of (column, r) : NAN;
}

/* The unit a whole row is told in, from its largest figure: "$4.82M" and
 * its difference "−$0.68M", not "−$679,728"; "1.06 µs (−0.27 µs)". */
typedef struct
{
  double      divisor;
  const char *prefix;
  const char *suffix;
  int         decimals;   /* or −1: three significant figures, each figure its own */
  gboolean    grouped;    /* thousands separated: "20,480", "$5,368" */
  int         extra;      /* more decimals, so that figures that differ read differently */
} Unit;

static int
decimals_for (double shown)
{
  return shown >= 99.95 ? 0 : shown >= 9.995 ? 1 : 2;
}

/* The prefix of @names (stepping by 1000) that puts @largest under 1000. */
static Unit
scaled_unit (double             largest,
             const char *const *names,
             guint              n_names)
{
  Unit unit = { 1, "", names[0], 0, FALSE };

  for (guint i = 1; i < n_names && largest / unit.divisor >= 999.5; i++)
    {
      unit.divisor *= 1000;
      unit.suffix = names[i];
    }
  unit.decimals = unit.divisor > 1 ? -1 : 0;
  return unit;
}

static Unit
row_unit (Kind   kind,
          double largest)
{
  static const char *const money[] = { "", "k", "M", "B" };
  static const char *const power[] = { " W", " kW", " MW", " GW" };
  static const char *const latency[] = { " ns", " µs", " ms", " s" };
  Unit unit = { 1, "", "", 0, FALSE };

  switch (kind)
    {
    case KIND_COUNT:
    case KIND_HOP_COUNT:
      unit.grouped = TRUE;
      return unit;
    case KIND_MONEY:
      /* Whole dollars below a million, as weft_format_money writes them. */
      if (largest < 1e6)
        return (Unit) { 1, "$", "", 0, TRUE };
      unit = scaled_unit (largest, money, G_N_ELEMENTS (money));
      unit.prefix = "$";
      return unit;
    case KIND_POWER: return scaled_unit (largest, power, G_N_ELEMENTS (power));
    case KIND_LATENCY: return scaled_unit (largest, latency, G_N_ELEMENTS (latency));
    case KIND_RATIO: return (Unit) { 0.01, "", "%", 1, FALSE };
    case KIND_SHARE: return (Unit) { 0.01, "", "%", 2, FALSE };
    case KIND_HOPS: return (Unit) { 1, "", "", 2, FALSE };
    case KIND_BUSBW: return (Unit) { 1, "", " GB/s", 1, FALSE };
    case KIND_SECONDS: return (Unit) { 1, "", " s", 2, FALSE };
    case KIND_PER_DAY:
      /* Three significant figures of the largest. */
      unit.decimals = largest > 0 ? CLAMP (2 - (int) floor (log10 (largest)), 0, 6) : 3;
      return unit;
    default: g_assert_not_reached ();
    }
}

/* @value in @unit with @decimals, or (−1) with the unit's own. */
static char *
format_in (const Unit *unit,
           double      value,
           int         decimals)
{
  double shown = fabs (value) / unit->divisor;
  g_autofree char *digits = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  if (decimals < 0)
    decimals = (unit->decimals < 0 ? decimals_for (shown) : unit->decimals) + unit->extra;
  digits = unit->grouped && decimals == 0 ? weft_format_count ((guint64) llround (shown))
                                          : g_strdup_printf ("%.*f", decimals, shown);
  return g_strdup_printf ("%s%s%s", unit->prefix, digits, unit->suffix);
}

/* Digits enough for a non-zero @magnitude (in the unit's own terms) not to
 * round to nothing: "−0.4 pp", not "−0.0 pp" or no difference at all. */
static int
visible_decimals (double magnitude,
                  int    decimals)
{
  if (decimals < 0)
    decimals = decimals_for (magnitude);
  while (decimals < 8 && magnitude * pow (10, decimals) < 0.5)
    decimals++;
  return decimals;
}

static char *
format_delta (Kind        kind,
              const Unit *unit,
              double      value,
              double      first)
{
  g_autofree char *magnitude = NULL;
  const char *sign;
  double delta = value - first;

  /* No difference, or a figure one side lacks. */
  if (!(fabs (delta) >= 1e-9))
    return g_strdup ("");
  sign = delta > 0 ? "+" : "−";
  /* A bandwidth or a step time is told as a share of the first: "+5.6%"
   * reads at once where "+10.9 GB/s" needs the first column beside it. */
  if ((kind == KIND_BUSBW || kind == KIND_SECONDS || kind == KIND_PER_DAY) && first != 0)
    {
      double percent = 100 * fabs (delta / first);

      return g_strdup_printf ("%s%.*f%%", sign, visible_decimals (percent, 1), percent);
    }
  /* A share's change in points. */
  if (kind == KIND_RATIO || kind == KIND_SHARE)
    {
      double points = 100 * fabs (delta);

      return g_strdup_printf ("%s%.*f pp", sign,
                              visible_decimals (points, unit->decimals + unit->extra), points);
    }
  magnitude = format_in (unit, delta,
                         visible_decimals (fabs (delta) / unit->divisor, unit->decimals) +
                             unit->extra);
  return g_strdup_printf ("%s%s", sign, magnitude);
}

/* The unit of row @r, from its largest figure over @columns. */
static Unit
unit_of_row (GPtrArray *columns,
             guint      r)
{
  double largest = 0;
  Unit unit;

  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);
      double value = column->metrics != NULL ? fabs (value_of (column, r)) : NAN;

      if (isfinite (value))
        largest = MAX (largest, value);
    }
  unit = row_unit (rows[r].kind, largest);
  /* A figure that differs from the first must not read the same: "99.96%"
   * beside "100.0%", not "100.0%" twice over a "−0.04 pp". */
  for (guint c = 1; c < columns->len && !unit.grouped; c++)
    {
      const WeftCompareColumn *first = g_ptr_array_index (columns, 0);
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);
      double a, b;

      if (first->metrics == NULL || column->metrics == NULL)
        continue;
      a = value_of (first, r);
      b = value_of (column, r);
      while (unit.extra < 8 && isfinite (a) && isfinite (b) && fabs (b - a) >= 1e-9)
        {
          g_autofree char *x = format_in (&unit, a, -1);
          g_autofree char *y = format_in (&unit, b, -1);

          if (!g_str_equal (x, y))
            break;
          unit.extra++;
        }
    }
  return unit;
}

int
weft_compare_cell_verdict (GPtrArray *columns,
                           guint      row,
                           guint      column)
{
  const WeftCompareColumn *first, *other;
  Unit unit;
  g_autofree char *delta = NULL;
  double difference;

  g_return_val_if_fail (columns != NULL && row <= G_N_ELEMENTS (rows) && column <= columns->len,
                        0);
  if (row == 0 || column <= 1 || rows[row - 1].better == 0)
    return 0;
  first = g_ptr_array_index (columns, 0);
  other = g_ptr_array_index (columns, column - 1);
  if (first->metrics == NULL || other->metrics == NULL)
    return 0;
  unit = unit_of_row (columns, row - 1);
  difference = value_of (other, row - 1) - value_of (first, row - 1);
  delta = format_delta (rows[row - 1].kind, &unit, value_of (other, row - 1),
                        value_of (first, row - 1));
  if (*delta == '\0')
    return 0;
  return difference > 0 ? rows[row - 1].better : -rows[row - 1].better;
}

char *
weft_compare_left_out (GPtrArray *columns)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      if (column->metrics != NULL && column->requested_gpus > WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS)
        {
          g_autofree char *limit = weft_format_count (WEFT_COMPARE_ALL_TO_ALL_MAX_GPUS);
          g_autofree char *step_limit = weft_format_count (WEFT_COMPARE_STEP_MAX_GPUS);

          g_string_append_printf (out, "all-to-all busBw: not computed above %s GPUs "
                                  "(its plan grows with the square of the GPUs)", limit);
          if (column->requested_gpus > WEFT_COMPARE_STEP_MAX_GPUS)
            g_string_append_printf (out, "; training step: not computed above %s GPUs",
                                    step_limit);
          break;
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
weft_compare_to_cells (GPtrArray *columns)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const WeftCompareColumn *first = g_ptr_array_index (columns, 0);
  char **heading = g_new0 (char *, columns->len + 2);

  heading[0] = g_strdup ("");
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      heading[c + 1] =
          g_strdup (column->title ? column->title : weft_arch_get_title (column->arch));
    }
  g_ptr_array_add (table, heading);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      char **line = g_new0 (char *, columns->len + 2);
      Unit unit = unit_of_row (columns, r);

      line[0] = g_strdup (rows[r].label);
      for (guint c = 0; c < columns->len; c++)
        {
          const WeftCompareColumn *m = g_ptr_array_index (columns, c);
          g_autofree char *value = format_in (&unit, value_of (m, r), -1);
          g_autofree char *delta = c > 0 ? format_delta (rows[r].kind, &unit, value_of (m, r),
                                                         value_of (first, r))
                                         : NULL;

          line[c + 1] =
              delta && *delta ? g_strdup_printf ("%s (%s)", value, delta) : g_strdup (value);
        }
      g_ptr_array_add (table, line);
    }
  return table;
}

char *
weft_compare_to_text (GPtrArray *columns)
{
  g_autoptr(GPtrArray) table = weft_compare_to_cells (columns);
  g_autofree char *left_out = weft_compare_left_out (columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->len; r++)
    {
      char **line = g_ptr_array_index (table, r);

      for (guint c = 0; line[c] != NULL; c++)
        {
          guint width = c == 0 ? 40 : 26;

          g_string_append (out, line[c]);
          for (glong pad = g_utf8_strlen (line[c], -1); pad < width; pad++)
            g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '\n');
    }
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      if (column->note != NULL)
        g_string_append_printf (out, "%s: %s\n",
                                column->title ? column->title : weft_arch_get_title (column->arch),
                                column->note);
    }
  if (left_out != NULL)
    g_string_append_printf (out, "%s\n", left_out);
  return g_string_free (out, FALSE);
}

char *
weft_compare_to_json (GPtrArray *columns)
{
  const WeftCompareColumn *first = g_ptr_array_index (columns, 0);
  GString *out = g_string_new (NULL);
  WeftJsonWriter w;

  weft_json_writer_init (&w, out);
  weft_json_begin_object (&w);
  weft_json_member_int (&w, "gpus_requested", first->requested_gpus);
  weft_json_key (&w, "columns");
  weft_json_begin_array (&w);
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      weft_json_begin_object (&w);
      weft_json_member_string (&w, "arch", weft_arch_to_string (column->arch));
      weft_json_member_string (&w, "note", column->note);
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        weft_json_member_double (&w, rows[r].key, value_of (column, r));
      weft_json_key (&w, "difference");
      weft_json_begin_object (&w);
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        weft_json_member_double (&w, rows[r].key,
                                 value_of (column, r) - value_of (first, r));
      weft_json_end_object (&w);
      weft_json_end_object (&w);
    }
  weft_json_end_array (&w);
  weft_json_end_object (&w);
  return g_string_free (out, FALSE);
}

char *
weft_compare_to_csv (GPtrArray *columns)
{
  GString *out = g_string_new ("figure");

  /* A column of its own (the window's "This fabric") goes by its title. */
  for (guint c = 0; c < columns->len; c++)
    {
      const WeftCompareColumn *column = g_ptr_array_index (columns, c);

      g_string_append_c (out, ',');
      weft_csv_append_field (
          out, column->title ? column->title : weft_arch_to_string (column->arch), -1);
    }
  g_string_append_c (out, '\n');
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_string_append (out, rows[r].key);
      for (guint c = 0; c < columns->len; c++)
        {
          weft_compare_append_csv_cell (out, value_of (g_ptr_array_index (columns, c), r));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
weft_compare_append_csv_cell (GString *out,
                              double   value)
{
  /* A figure not computed is an empty cell. */
  if (isfinite (value))
    g_string_append_printf (out, ",%.10g", value);
  else
    g_string_append_c (out, ',');
}
