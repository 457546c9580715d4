/* weft-format.h — numbers as reports print them: "131,072", "$4.2M", "1.5 kW". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 131072 → "131,072" */
char *weft_format_count     (guint64 count);
/* 1245.4 → "$1,245"; 4.23e6 → "$4.23M"; 1.5e9 → "$1.50B" */
char *weft_format_money     (double  usd);
/* 32 → "32 W"; 1520 → "1.52 kW"; 2.3e6 → "2.30 MW" */
char *weft_format_power     (double  watts);
/* 51.2 → "51 ns"; 1520 → "1.52 µs" */
char *weft_format_latency   (double  ns);
/* 400 → "400 Gb/s"; 204800 → "204.8 Tb/s"; 1.2e7 → "12.0 Pb/s" */
char *weft_format_bandwidth (double  gbps);
/* 0x1p30 → "1 GiB"; 3 × 2^19 → "1.5 MiB"; 512 → "512 B" (powers of 1024) */
char *weft_format_bytes     (double  bytes);
/* 20.594 → "20.6 s"; 0.344 → "0.344 s"; 2.5e-4 → "0.25 ms" */
char *weft_format_seconds   (double  seconds);
/* A span a person plans by: 42 → "42 s"; 1500 → "25 min"; 11880 → "3.3 h"; 302400 → "3.5 days" */
char *weft_format_duration  (double  seconds);
/* @a and @b as @format writes them, with more decimals for both when they
 * differ but would read the same: "102.4 Tb/s" and "102.0 Tb/s", not
 * "102 Tb/s" twice. */
void  weft_format_apart     (double      a,
                             double      b,
                             char     *(*format) (double),
                             char      **a_text,
                             char      **b_text);
/* A change, signed: "+$4,800", "−11 ns" (with a true minus sign); "" when
 * zero; a change too small for @format's digits gets more: "+0.4 ns". */
char *weft_format_delta     (double  delta,
                             char *(*format) (double));

/* @text as one line of printable text, for a message that quotes a file: a control
 * character becomes an escape ("\\n", "\\t", "\\u001b"), so a quoted value can neither
 * break the message over lines nor send a terminal escape; bytes that are not UTF-8
 * become U+FFFD. */
char *weft_format_one_line  (const char *text);

G_END_DECLS
