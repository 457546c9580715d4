/* test-format.c — figures as people read them. */
#include "util/weft-format.h"

#include <math.h>

static void
check (char       *got,
       const char *want)
{
  g_assert_cmpstr (got, ==, want);
  g_free (got);
}

static void
test_format (void)
{
  check (weft_format_count (0), "0");
  check (weft_format_count (999), "999");
  check (weft_format_count (131072), "131,072");
  check (weft_format_count (1000000), "1,000,000");
  check (weft_format_money (1245.4), "$1,245");
  check (weft_format_money (999999), "$999,999");
  check (weft_format_money (4.23e6), "$4.23M");
  check (weft_format_money (42.3e6), "$42.3M");
  check (weft_format_money (1.5e9), "$1.50B");
  check (weft_format_money (-4800), "-$4,800");
  check (weft_format_power (32), "32 W");
  check (weft_format_power (1520), "1.52 kW");
  check (weft_format_power (2.3e6), "2.30 MW");
  check (weft_format_latency (51.2), "51 ns");
  check (weft_format_latency (1520), "1.52 µs");
  check (weft_format_bandwidth (400), "400 Gb/s");
  check (weft_format_bandwidth (204800), "205 Tb/s");
  check (weft_format_bandwidth (12800), "12.8 Tb/s");
  check (weft_format_bytes (0x1p30), "1 GiB");
  check (weft_format_bytes (3 * 0x1p19), "1.5 MiB");
  check (weft_format_bytes (512), "512 B");
  check (weft_format_bytes (4096), "4 KiB");
  check (weft_format_seconds (20.594), "20.6 s");
  check (weft_format_seconds (0.344), "0.344 s");
  check (weft_format_seconds (2.5e-4), "0.25 ms");
  check (weft_format_seconds (1234.4), "1234 s");
  check (weft_format_delta (-0.4, weft_format_seconds), "−0.4 s");
  check (weft_format_duration (42), "42 s");
  check (weft_format_duration (1500), "25 min");
  check (weft_format_duration (11880), "3.3 h");
  check (weft_format_duration (302400), "3.5 days");
  check (weft_format_duration (INFINITY), "never");
  check (weft_format_delta (4800, weft_format_money), "+$4,800");
  check (weft_format_delta (-11, weft_format_latency), "−11 ns");
  check (weft_format_delta (0, weft_format_latency), "");
  check (weft_format_one_line ("links[3].b: unknown node 'leaf-9'"),
         "links[3].b: unknown node 'leaf-9'");
  check (weft_format_one_line ("a\nb\tc\rd\x1b[31me\x7f"), "a\\nb\\tc\\rd\\u001b[31me\\u007f");
  check (weft_format_one_line ("µs \xc2\x9b x"), "µs \\u009b x");
  check (weft_format_one_line ("bad \xff byte"), "bad \xef\xbf\xbd byte");
}

/* Two figures that differ read differently, and a change that is not zero
 * shows a digit that is not: rounding never hides a loss. */
static void
test_apart (void)
{
  const struct
  {
    double      a, b;
    char     *(*format) (double);
    const char *a_text, *b_text;
  } cases[] = {
    /* 102,400 against 102,000 Gb/s, both "102 Tb/s" at three figures. */
    { 102400, 102000, weft_format_bandwidth, "102.4 Tb/s", "102.0 Tb/s" },
    /* Figures that read apart already keep their digits. */
    { 51200, 38400, weft_format_bandwidth, "51.2 Tb/s", "38.4 Tb/s" },
    /* Both "1.03 µs": 0.4 ns apart is the fourth decimal of a µs. */
    { 1030, 1030.4, weft_format_latency, "1.0300 µs", "1.0304 µs" },
    { 1030, 1034, weft_format_latency, "1.030 µs", "1.034 µs" },
    { 4.82e6, 4.8201e6, weft_format_money, "$4.8200M", "$4.8201M" },
    { 861, 861, weft_format_latency, "861 ns", "861 ns" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      weft_format_apart (cases[i].a, cases[i].b, cases[i].format, &a, &b);
      g_assert_cmpstr (a, ==, cases[i].a_text);
      g_assert_cmpstr (b, ==, cases[i].b_text);
    }
  check (weft_format_delta (0.4, weft_format_latency), "+0.4 ns");
  check (weft_format_delta (-0.004, weft_format_latency), "−0.004 ns");
  check (weft_format_delta (-0.3, weft_format_money), "−$0.3");
  check (weft_format_delta (-400, weft_format_bandwidth), "−400 Gb/s");
  check (weft_format_delta (0.002, weft_format_power), "+0.002 W");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/all", test_format);
  g_test_add_func ("/format/apart", test_apart);
  return g_test_run ();
}
