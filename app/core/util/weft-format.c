/* weft-format.c — formatting figures for people. */
#include "util/weft-format.h"

#include <math.h>
#include <string.h>

char *
weft_format_count (guint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* Three significant figures with a unit prefix from @units, stepping by 1000. */
static char *
format_scaled (double             value,
               const char *const *units,
               guint              n_units,
               const char        *separator)
{
  guint i = 0;
  double shown = fabs (value);

  while (shown >= 999.5 && i + 1 < n_units)
    {
      shown /= 1000;
      i++;
    }
  if (value < 0)
    shown = -shown;
  if (i == 0 || fabs (shown) >= 99.95)
    return g_strdup_printf ("%.0f%s%s", shown, separator, units[i]);
  if (fabs (shown) >= 9.995)
    return g_strdup_printf ("%.1f%s%s", shown, separator, units[i]);
  return g_strdup_printf ("%.2f%s%s", shown, separator, units[i]);
}

char *
weft_format_money (double usd)
{
  const char *units[] = { "", "k", "M", "B" };
  g_autofree char *digits = NULL;

  if (fabs (usd) < 1e6)
    {
      digits = weft_format_count ((guint64) llround (fabs (usd)));
      return g_strdup_printf ("%s$%s", usd < 0 ? "-" : "", digits);
    }
  digits = format_scaled (fabs (usd), units, G_N_ELEMENTS (units), "");
  return g_strdup_printf ("%s$%s", usd < 0 ? "-" : "", digits);
}

char *
weft_format_power (double watts)
{
  const char *units[] = { "W", "kW", "MW", "GW" };

  return format_scaled (watts, units, G_N_ELEMENTS (units), " ");
}

char *
weft_format_latency (double ns)
{
  const char *units[] = { "ns", "µs", "ms", "s" };

  return format_scaled (ns, units, G_N_ELEMENTS (units), " ");
}

char *
weft_format_bandwidth (double gbps)
{
  const char *units[] = { "Gb/s", "Tb/s", "Pb/s", "Eb/s" };

  return format_scaled (gbps, units, G_N_ELEMENTS (units), " ");
}

char *
weft_format_bytes (double bytes)
{
  const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
  guint i = 0;
  double shown = bytes;

  while (fabs (shown) >= 1024 && i + 1 < G_N_ELEMENTS (units))
    {
      shown /= 1024;
      i++;
    }
  if (shown == floor (shown) || fabs (shown) >= 99.95)
    return g_strdup_printf ("%.0f %s", shown, units[i]);
  return g_strdup_printf ("%.3g %s", shown, units[i]);
}

/* Three significant figures, in seconds down to a millisecond: a
 * training step and its parts read best in one unit. */
char *
weft_format_seconds (double seconds)
{
  if (fabs (seconds) >= 999.5)
    return g_strdup_printf ("%.0f s", seconds);
  if (seconds == 0 || fabs (seconds) >= 1e-3)
    return g_strdup_printf ("%.3g s", seconds);
  return g_strdup_printf ("%.3g ms", seconds * 1e3);
}

char *
weft_format_duration (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("never");
  if (fabs (seconds) < 99.5)
    return g_strdup_printf ("%.0f s", seconds);
  if (fabs (seconds) < 5940)
    return g_strdup_printf ("%.0f min", seconds / 60);
  if (fabs (seconds) < 47.95 * 3600)
    return g_strdup_printf ("%.1f h", seconds / 3600);
  return g_strdup_printf ("%.1f days", seconds / 86400);
}

/* Where the number is in a figure @format wrote: "$4.82M", "≤ 102 Tb/s". */
typedef struct
{
  gsize  start, end;
  double scale;       /* the value over the number written: 1000 for "Tb/s" of Gb/s */
  int    decimals;
} Written;

static gboolean
find_number (const char *text,
             double      value,
             Written    *w)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *dot;
  double number;

  w->start = strcspn (text, "0123456789");
  if (text[w->start] == '\0')
    return FALSE;
  w->end = w->start + strspn (text + w->start, "0123456789.,");
  for (gsize i = w->start; i < w->end; i++)
    if (text[i] != ',')
      g_string_append_c (digits, text[i]);
  number = g_ascii_strtod (digits->str, NULL);
  dot = strchr (digits->str, '.');
  w->decimals = dot ? (int) strlen (dot + 1) : 0;
  /* Unit prefixes step by powers of ten; a number written as 0 is in the base unit. */
  w->scale = number > 0 && value != 0 ? pow (10, round (log10 (fabs (value) / number))) : 1;
  return TRUE;
}

/* @text with its number written again from @value with @decimals. */
static char *
rewrite (const char    *text,
         const Written *w,
         double         value,
         int            decimals)
{
  return g_strdup_printf ("%.*s%.*f%s", (int) w->start, text, decimals, fabs (value) / w->scale,
                          text + w->end);
}

void
weft_format_apart (double      a,
                   double      b,
                   char     *(*format) (double),
                   char      **a_text,
                   char      **b_text)
{
  Written wa, wb;

  *a_text = format (a);
  *b_text = format (b);
  if (a == b || !isfinite (a) || !isfinite (b) || !g_str_equal (*a_text, *b_text) ||
      !find_number (*a_text, a != 0 ? a : b, &wa))
    return;
  wb = wa;
  for (int decimals = wa.decimals + 1; decimals <= wa.decimals + 8; decimals++)
    {
      g_autofree char *x = rewrite (*a_text, &wa, a, decimals);
      g_autofree char *y = rewrite (*b_text, &wb, b, decimals);

      if (!g_str_equal (x, y))
        {
          g_free (*a_text);
          g_free (*b_text);
          *a_text = g_steal_pointer (&x);
          *b_text = g_steal_pointer (&y);
          return;
        }
    }
}

char *
weft_format_delta (double  delta,
                   char *(*format) (double))
{
  g_autofree char *magnitude = NULL;
  Written w;

  if (delta == 0 || !isfinite (delta))
    return g_strdup ("");
  magnitude = format (fabs (delta));
  /* A change is never written as none: "+0.4 ns", not "+0 ns". */
  if (strpbrk (magnitude, "123456789") == NULL && find_number (magnitude, fabs (delta), &w))
    for (int decimals = w.decimals + 1; decimals <= w.decimals + 12; decimals++)
      {
        g_autofree char *more = rewrite (magnitude, &w, delta, decimals);

        if (strpbrk (more, "123456789") != NULL)
          {
            g_free (magnitude);
            magnitude = g_steal_pointer (&more);
            break;
          }
      }
  return g_strdup_printf ("%s%s", delta > 0 ? "+" : "−", magnitude);
}

char *
weft_format_one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}
