/* bench-render.c — drawing and exporting the largest fabrics. */
#include "weft-bench.h"

#include <stdio.h>

#include "weft-export.h"

static void
bench_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autoptr(WeftLayout) layout = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1440, 900);
  cairo_t *cr = cairo_create (surface);
  WeftExportOptions export;
  WeftRenderOptions options;
  WeftRenderStats stats;
  WeftPalette palette;
  double t0, t1, frame = G_MAXDOUBLE;

  t0 = weft_bench_now ();
  layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  weft_bench_report ("lay out (once per fabric)", weft_bench_now () - t0, "s", 0);

  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, 1440, 900);
  options.legend = TRUE;
  options.fast = TRUE;    /* as the canvas draws */
  weft_render_fit (layout, &options);
  /* The best of five frames, as a compositor would see them. */
  for (guint i = 0; i < 5; i++)
    {
      WeftPainter *painter;

      painter = weft_painter_new_cairo (cr);
      t0 = weft_bench_now ();
      weft_render_draw (painter, layout, &options, &stats);
      cairo_surface_flush (surface);
      t1 = weft_bench_now ();
      frame = MIN (frame, t1 - t0);
      weft_painter_free (painter);
    }
  printf ("  zoomed to fit: %u node marks, %u link strokes\n", stats.node_cells, stats.bundles);
  weft_bench_report ("draw a frame at 1440×900, zoomed to fit", frame, "s", 0.05);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  weft_export_options_init (&export);
  t0 = weft_bench_now ();
  svg = weft_export_to_bytes (fabric, &export, WEFT_EXPORT_SVG, &error);
  g_assert_no_error (error);
  weft_bench_report ("export to SVG", weft_bench_now () - t0, "s", 2);
  weft_bench_report ("SVG size", g_bytes_get_size (svg) / 1e6, "MB", 20);
}

const WeftBenchCase weft_bench_render_cases[] = {
  { "render/rail-optimized-131k", "draw and export 131,072 GPUs (3-tier rail-optimized)", bench_131k, 0 },
  { NULL }
};
