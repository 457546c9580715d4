/* bench-render.c — drawing and exporting the largest fabrics. */
#include "weft-bench.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "io/weft-fabric-file.h"

#include "render/weft-export.h"

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

static double
draw_frame (WeftLayout *layout,
            double      zoom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1440, 900);
  cairo_t *cr = cairo_create (surface);
  WeftPainter *painter = weft_painter_new_cairo (cr);
  WeftRenderOptions options;
  WeftPalette palette;
  double t0 = weft_bench_now (), t1;

  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, 1440, 900);
  options.legend = TRUE;
  options.fast = TRUE;
  weft_render_fit (layout, &options);
  options.scale *= zoom;
  weft_render_draw (painter, layout, &options, NULL);
  weft_painter_free (painter);
  cairo_surface_flush (surface);
  t1 = weft_bench_now ();
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return t1 - t0;
}

/* What the canvas does for each edit of a drag on 4,096 GPUs: the edit
 * (cost and power follow in O(1)), the layout's links again, a frame. */
static void
bench_drag_4096 (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "4096", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) fabric = weft_bench_generate (catalog, "rail-optimized", pairs);
  guint spine[2] = { weft_fabric_lookup_node (fabric, "spine-0"),
                     weft_fabric_lookup_node (fabric, "spine-1") };
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  double worst = 0, total = 0, layout_total = 0, frame_total = 0;
  guint link = WEFT_NONE;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric) && link == WEFT_NONE; i++)
    if (weft_fabric_get_link (fabric, i)->b == spine[0])
      link = i;
  g_assert_cmpuint (link, !=, WEFT_NONE);
  for (guint step = 0; step < 20; step++)
    {
      double t0 = weft_bench_now (), t1, t;

      /* As the canvas does: no node moved, so the layout keeps its places. */
      weft_fabric_rewire_link (fabric, link, WEFT_LINK_END_B, spine[(step + 1) % 2], NULL);
      weft_layout_refresh_links (layout);
      t1 = weft_bench_now ();
      frame_total += draw_frame (layout, 1);
      t = weft_bench_now () - t0;
      layout_total += t1 - t0;
      worst = MAX (worst, t);
      total += t;
    }
  weft_bench_report ("edit + links relaid, mean", layout_total / 20, "s", 0);
  weft_bench_report ("frame, mean", frame_total / 20, "s", 0);
  weft_bench_report ("drag step: edit + links + frame, mean", total / 20, "s", 1.0 / 60);
  weft_bench_report ("drag step, worst of 20", worst, "s", 0);
}

/* Opening 131,072 GPUs in the app: load, lay out, first frame; then pan and zoom frames. */
static void
bench_open_131k (WeftCatalog *catalog)
{
  const char *const pairs[] = { "gpus", "131072", "tiers", "3", "protocol", "ethernet", NULL };
  g_autoptr(WeftFabric) generated = weft_bench_generate (catalog, "rail-optimized", pairs);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fabric.weft.json", NULL);
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  double t0, worst = 0;

  weft_fabric_save_file (generated, path, &error);
  g_assert_no_error (error);
  t0 = weft_bench_now ();
  fabric = weft_fabric_load_file (catalog, path, &error);
  g_assert_no_error (error);
  layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  draw_frame (layout, 1);
  weft_bench_report ("open: load + layout + first frame", weft_bench_now () - t0, "s", 3);
  /* Zoom steps as Ctrl+scroll gives them; each level's aggregates are built once. */
  for (double zoom = 1; zoom < 40; zoom *= 1.15)
    worst = MAX (worst, draw_frame (layout, zoom));
  weft_bench_report ("zoom frames 1× to 40×, worst", worst, "s", 1.0 / 30);
  g_unlink (path);
  g_rmdir (dir);
}

const WeftBenchCase weft_bench_render_cases[] = {
  { "render/drag-4096", "a drag on 4,096 GPUs, step by step", bench_drag_4096, 0 },
  { "render/open-131k", "open, pan and zoom 131,072 GPUs", bench_open_131k, 0 },
  { "render/rail-optimized-131k", "draw and export 131,072 GPUs (3-tier rail-optimized)",
    bench_131k, 0 },
  { NULL }
};
