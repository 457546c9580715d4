/* test-render.c — layouts, drawings and exports: sizes, groups in SVG, pages in PDF, pixels where
 * nodes are, same bytes twice. */
#include "weft-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "model/weft-failure.h"
#include "render/weft-export.h"
#include "render/weft-layout.h"

static WeftCatalog *catalog;

static WeftFabric *
small_fabric (void)
{
  return weft_test_generate (catalog, "leaf-spine", "gpus=16", "gpus-per-server=1", "scale-up=none",
                             "oversubscription=3", NULL);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Every node and every link of a small fabric is its own SVG group, and
 * the text is text. */
static void
test_svg_groups (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *svg = NULL;
  WeftExportOptions options;
  WeftTitleBlock title = { "Small", "Leaf-spine", 16 };

  weft_export_options_init (&options);
  options.width = 800;
  options.height = 500;
  options.title = &title;
  bytes = weft_export_to_bytes (fabric, &options, WEFT_EXPORT_SVG, &error);
  g_assert_no_error (error);
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (count_occurrences (svg, "class=\"node\""), ==,
                    weft_fabric_get_n_nodes (fabric));
  g_assert_cmpuint (count_occurrences (svg, "class=\"link\""), ==,
                    weft_fabric_get_n_links (fabric));
  g_assert_nonnull (strstr (svg, "width=\"800\" height=\"500\""));
  g_assert_nonnull (strstr (svg, ">Small</text>"));
  g_assert_nonnull (strstr (svg, "class=\"legend\""));
}

static void
write_and_check (WeftFabric       *fabric,
                 WeftExportOptions *options,
                 const char       *name)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gsize first_len, second_len;

  g_assert_true (weft_export_file (fabric, options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &first, &first_len, NULL));
  g_assert_true (weft_export_file (fabric, options, path, &error));
  g_assert_true (g_file_get_contents (path, &second, &second_len, NULL));
  /* The same inputs give the same bytes. */
  g_assert_cmpmem (first, first_len, second, second_len);

  if (g_str_has_suffix (name, ".png"))
    {
      cairo_surface_t *png = cairo_image_surface_create_from_png (path);

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==,
                       (int) (options->width * options->scale));
      g_assert_cmpint (cairo_image_surface_get_height (png), ==,
                       (int) (options->height * options->scale));
      cairo_surface_destroy (png);
    }
  else if (g_str_has_suffix (name, ".svg"))
    {
      const char *argv[] = { "xmllint", "--noout", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    {
      const char *argv[] = { "pdfinfo", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *size = g_strdup_printf (" %g x %g pts", options->width, options->height);
      const char *pages;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      pages = strstr (out, "Pages:");
      g_assert_nonnull (pages);
      g_assert_cmpuint (g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10), ==,
                        options->report ? 1 + options->report->len : 1);
      g_assert_nonnull (strstr (out, size));
    }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_formats (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  g_autoptr(GPtrArray) report =
      g_ptr_array_new_with_free_func ((GDestroyNotify) weft_report_table_free);
  const char *headings[] = { "Figure", "Value" };
  WeftReportTable *table = weft_report_table_new ("Metrics", 2, headings);
  WeftExportOptions options;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", i);
      const char *cells[] = { "row", value };

      weft_report_table_add_row (table, cells);
    }
  g_ptr_array_add (report, table);

  weft_export_options_init (&options);
  options.width = 640;
  options.height = 400;
  write_and_check (fabric, &options, "fabric.png");
  options.scale = 2;
  write_and_check (fabric, &options, "fabric@2x.png");
  options.scale = 1;
  options.view = WEFT_VIEW_PHYSICAL;
  options.theme = WEFT_THEME_DARK;
  write_and_check (fabric, &options, "fabric.svg");
  write_and_check (fabric, &options, "fabric.pdf");
  options.report = report;
  write_and_check (fabric, &options, "report.pdf");
}

/* How much of @colour is over @ground in @pixel (0 to 1), or 0 when the
 * pixel is not a mix of the two. */
static double
ink_of (guint32          pixel,
        const WeftColor *ground,
        const WeftColor *colour)
{
  double got[3] = { ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0,
                    (pixel & 0xff) / 255.0 };
  double g[3] = { ground->r, ground->g, ground->b }, c[3] = { colour->r, colour->g, colour->b };
  double alpha, widest = 0;
  guint k = 0;

  for (guint ch = 0; ch < 3; ch++)
    if (fabs (c[ch] - g[ch]) > widest)
      {
        widest = fabs (c[ch] - g[ch]);
        k = ch;
      }
  alpha = (got[k] - g[k]) / (c[k] - g[k]);
  for (guint ch = 0; ch < 3; ch++)
    if (fabs (g[ch] + alpha * (c[ch] - g[ch]) - got[ch]) > 0.03)
      return 0;
  return CLAMP (alpha, 0, 1);
}

/* Pixels at the places the layout gives: each node's colour is there,
 * and a link's colour halfway along it. */
static void
test_pixels (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
  cairo_t *cr = cairo_create (surface);
  WeftPainter *painter = weft_painter_new_cairo (cr);
  WeftRenderOptions options;
  WeftRenderStats stats;
  WeftPalette palette;
  guint checked = 0;

  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, 900, 600);
  options.labels = FALSE;
  weft_render_fit (layout, &options);
  weft_render_draw (painter, layout, &options, &stats);
  weft_painter_free (painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (stats.nodes_drawn, ==, weft_fabric_get_n_nodes (fabric));
  g_assert_cmpuint (stats.links_drawn, ==, weft_fabric_get_n_links (fabric));

  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    {
      const WeftColor *want = &palette.kinds[weft_fabric_get_node (fabric, i)->kind];
      const guint32 *data = (const guint32 *) cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface) / 4;
      double x, y;
      guint32 pixel;

      weft_layout_get_node_position (layout, i, &x, &y);
      pixel = data[(int) (y * options.scale + options.offset_y) * stride +
                   (int) (x * options.scale + options.offset_x)];
      g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) - (int) (want->r * 255)), <=, 2);
      g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) - (int) (want->g * 255)), <=, 2);
      g_assert_cmpint (abs ((int) (pixel & 0xff) - (int) (want->b * 255)), <=, 2);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  /* Halfway along each link there is its medium's ink: the ground mixed
   * with the link's colour (antialiasing), and mostly the colour. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const guint32 *data = (const guint32 *) cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface) / 4;
      const WeftColor *want = &palette.media[weft_layout_get_link_medium (layout, i)];
      double points[12], x, y, best = 0;

      g_assert_cmpuint (weft_layout_get_link_points (layout, i, points), ==, 2);
      x = (points[0] + points[2]) / 2 * options.scale + options.offset_x;
      y = (points[1] + points[3]) / 2 * options.scale + options.offset_y;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          best = MAX (best, ink_of (data[((int) y + dy) * stride + (int) x + dx],
                                    &palette.background, want));
      g_assert_cmpfloat (best, >=, 0.5);
    }
  cairo_surface_destroy (surface);
}

/* A path between two GPUs stands out in every colour mode and theme: its
 * highlight along each link, and a band of the ground on either side, so
 * that it never merges with links of its own colour beneath. */
static void
test_path_stands_out (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  const WeftColorBy modes[] = { WEFT_COLOR_BY_MEDIUM, WEFT_COLOR_BY_TIER, WEFT_COLOR_BY_LENGTH,
                                WEFT_COLOR_BY_LOAD };
  const guint path[] = { 0, 5, 11 };

  for (guint theme = 0; theme < 2; theme++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
        cairo_t *cr = cairo_create (surface);
        WeftPainter *painter = weft_painter_new_cairo (cr);
        const guint32 *data;
        WeftRenderOptions options;
        WeftRenderStats stats;
        WeftPalette palette;
        int stride;

        weft_palette_init (&palette, theme ? WEFT_THEME_DARK : WEFT_THEME_LIGHT);
        weft_render_options_init (&options, &palette, 900, 600);
        options.labels = FALSE;
        options.color_by = modes[m];
        options.path_links = path;
        options.n_path_links = G_N_ELEMENTS (path);
        weft_render_fit (layout, &options);
        weft_render_draw (painter, layout, &options, &stats);
        weft_painter_free (painter);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        data = (const guint32 *) cairo_image_surface_get_data (surface);
        stride = cairo_image_surface_get_stride (surface) / 4;

        for (guint i = 0; i < G_N_ELEMENTS (path); i++)
          {
            double points[12], x, y, dx, dy, length, nx, ny;

            g_assert_cmpuint (weft_layout_get_link_points (layout, path[i], points), ==, 2);
            x = (points[0] + points[2]) / 2 * options.scale + options.offset_x;
            y = (points[1] + points[3]) / 2 * options.scale + options.offset_y;
            dx = (points[2] - points[0]) * options.scale;
            dy = (points[3] - points[1]) * options.scale;
            length = hypot (dx, dy);
            nx = -dy / length;
            ny = dx / length;
            g_assert_cmpfloat (ink_of (data[(int) lround (y) * stride + (int) lround (x)],
                                       &palette.background, &palette.highlight), >=, 0.75);
            for (int side = -1; side <= 1; side += 2)
              {
                guint32 pixel = data[(int) lround (y + side * 3.5 * ny) * stride +
                                     (int) lround (x + side * 3.5 * nx)];

                g_assert_cmpfloat (ink_of (pixel, &palette.background, &palette.highlight), <,
                                   0.1);
                g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) -
                                      (int) lround (palette.background.r * 255)), <=, 8);
                g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) -
                                      (int) lround (palette.background.g * 255)), <=, 8);
                g_assert_cmpint (abs ((int) (pixel & 0xff) -
                                      (int) lround (palette.background.b * 255)), <=, 8);
              }
          }
        cairo_surface_destroy (surface);
      }
}

/* Zoomed out, a large fabric is drawn as aggregates and bundles, not node by node. */
static void
test_level_of_detail (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "rail-optimized", "gpus=4096", "protocol=ethernet", NULL);
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  g_autoptr(WeftPainter) painter = weft_painter_new_svg (1440, 900);
  WeftRenderOptions options;
  WeftRenderStats stats;
  WeftPalette palette;
  double x, y;

  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  weft_render_options_init (&options, &palette, 1440, 900);
  weft_render_fit (layout, &options);
  weft_render_draw (painter, layout, &options, &stats);
  g_assert_cmpuint (stats.nodes_drawn, ==, 0);
  g_assert_cmpuint (stats.node_cells, >, 0);
  g_assert_cmpuint (stats.bundles, >, 0);
  g_assert_cmpuint (stats.bundles, <, weft_fabric_get_n_links (fabric));

  /* Zoomed on one leaf: a few nodes as themselves, the rest culled. */
  weft_layout_get_node_position (layout, weft_fabric_lookup_node (fabric, "leaf-0"), &x, &y);
  options.scale = 2;
  options.offset_x = 720 - x * options.scale;
  options.offset_y = 450 - y * options.scale;
  weft_render_draw (painter, layout, &options, &stats);
  g_assert_cmpuint (stats.nodes_drawn, >, 0);
  g_assert_cmpuint (stats.nodes_drawn, <, weft_fabric_get_n_nodes (fabric) / 4);
  g_assert_cmpuint (weft_layout_node_at (layout, x, y, 1), ==,
                    weft_fabric_lookup_node (fabric, "leaf-0"));
}

/* A relayout after an edit starts from the bundle level the layout before
 * found fine enough, which is what searching afresh finds. */
static void
test_keep_hints (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "rail-optimized", "gpus=4096", "protocol=ethernet", NULL);
  g_autoptr(WeftLayout) before = weft_layout_new (fabric, WEFT_VIEW_PHYSICAL);
  g_autoptr(WeftLayout) fresh = weft_layout_new (fabric, WEFT_VIEW_PHYSICAL);
  g_autoptr(WeftLayout) after = weft_layout_new (fabric, WEFT_VIEW_PHYSICAL);
  guint n_before, n_fresh, n_after, n_finest;

  weft_layout_get_bundles (before, 4, &n_finest);
  weft_layout_get_bundles_at_most (before, 4, n_finest / 4, &n_before);
  g_assert_cmpuint (n_before, <=, n_finest / 4);
  g_assert_cmpuint (n_before, >, 0);
  weft_layout_get_bundles_at_most (fresh, 4, n_finest / 4, &n_fresh);
  weft_layout_keep_hints (after, before);
  weft_layout_get_bundles_at_most (after, 4, n_finest / 4, &n_after);
  g_assert_cmpuint (n_after, ==, n_fresh);
  g_assert_cmpuint (n_after, ==, n_before);
}

/* Zooming in level by level, the search for a level with few enough
 * strokes skips the levels it already knows have too many — and finds
 * what trying every level in turn finds. */
static void
test_bundle_levels (void)
{
  g_autoptr(WeftFabric) fabric =
      weft_test_generate (catalog, "rail-optimized", "gpus=4096", "protocol=ethernet", NULL);
  g_autoptr(WeftLayout) zooming = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  g_autoptr(WeftLayout) plain = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  const guint max = 300;

  for (gint level = 8; level >= -4; level--)
    {
      guint got, want = 0, n;

      weft_layout_get_bundles_at_most (zooming, ldexp (1, level), max, &got);
      for (gint l = level; l <= level + 3; l++)
        {
          weft_layout_get_bundles (plain, ldexp (1, l), &n);
          want = n;
          if (n <= max)
            break;
        }
      g_assert_cmpuint (got, ==, want);
    }
}

/* Coloured by a measure (cable length): the legend says so and links of
 * different lengths get different colours. */
static void
test_color_by_length (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *svg = NULL;
  WeftExportOptions options;
  const char *p;

  weft_export_options_init (&options);
  options.view = WEFT_VIEW_PHYSICAL;
  options.color_by = WEFT_COLOR_BY_LENGTH;
  options.width = 3000;
  options.height = 2000;
  bytes = weft_export_to_bytes (fabric, &options, WEFT_EXPORT_SVG, &error);
  g_assert_no_error (error);
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (svg, ">Links by length</text>"));
  for (p = strstr (svg, "class=\"link\""); p != NULL; p = strstr (p + 1, "class=\"link\""))
    {
      const char *stroke = strstr (p, "stroke=\"#");

      if (stroke != NULL)
        g_hash_table_add (colours, g_strndup (stroke + 8, 7));
    }
  g_assert_cmpuint (g_hash_table_size (colours), >=, 3);
}

/* Coloured by load: on the light theme the busiest link in viridis's
 * dark end and the idle ones in its light end, links without a value
 * neutral, and the legend says under what. */
static void
test_color_by_load (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *svg = NULL;
  g_autofree float *values = NULL;
  g_autofree char *caption = weft_render_load_caption (WEFT_OP_ALL_REDUCE, 0x1p30,
                                                       WEFT_ALGO_HIERARCHICAL);
  guint n_links = weft_fabric_get_n_links (fabric);
  float shares[] = { 0, 0.25f, 0.5f };
  WeftExportOptions options;

  g_assert_cmpstr (caption, ==, "all-reduce 1 GiB (hierarchical)");
  values = weft_render_load_values (shares, G_N_ELEMENTS (shares));
  g_assert_cmpfloat (values[2], ==, 1);
  g_assert_cmpfloat (values[1], ==, 0.5f);
  g_clear_pointer (&values, g_free);

  /* The first link the busiest, the last without a value. */
  values = g_new0 (float, n_links - 1);
  values[0] = 1;
  weft_export_options_init (&options);
  options.width = 1200;
  options.height = 800;
  options.color_by = WEFT_COLOR_BY_LOAD;
  options.link_values = values;
  options.n_link_values = n_links - 1;
  options.link_values_caption = caption;
  bytes = weft_export_to_bytes (fabric, &options, WEFT_EXPORT_SVG, &error);
  g_assert_no_error (error);
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (svg, ">Links by load</text>"));
  g_assert_nonnull (strstr (svg, "hierarchical): share of"));
  g_assert_nonnull (strstr (svg, ">not worked out yet</text>"));
  g_assert_nonnull (strstr (strstr (svg, "id=\"link-0\""), "stroke=\"#440154\""));
  g_assert_nonnull (strstr (strstr (svg, "id=\"link-1\""), "stroke=\"#fde725\""));
}

/* Each bundle lists the link records it stands for, every record in one
 * bundle exactly; a bundle coloured by load takes its busiest link's colour. */
static void
test_bundle_records (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=1024", NULL);
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  guint n_links = weft_fabric_get_n_links (fabric), n_bundles;
  const WeftLayoutBundle *bundles = weft_layout_get_bundles (layout, 64, &n_bundles);
  g_autofree guint *seen = g_new0 (guint, n_links);
  g_autofree float *values = g_new0 (float, n_links);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *svg = NULL;
  const WeftLayoutBundle *crowded = NULL;
  WeftExportOptions options;

  g_assert_cmpuint (n_bundles, <, n_links);
  for (guint k = 0; k < n_bundles; k++)
    {
      guint64 count = 0;

      for (guint i = 0; i < bundles[k].n_records; i++)
        {
          seen[bundles[k].records[i]]++;
          count += weft_fabric_get_link (fabric, bundles[k].records[i])->count;
        }
      g_assert_cmpuint (count, ==, bundles[k].count);
      if (bundles[k].n_records > 1 &&
          (crowded == NULL || bundles[k].n_records > crowded->n_records))
        crowded = &bundles[k];
    }
  for (guint i = 0; i < n_links; i++)
    g_assert_cmpuint (seen[i], ==, 1);

  /* One busy link among many idle: drawn zoomed out, its bundle is the
   * busiest colour, not the idle links' one. */
  g_assert_nonnull (crowded);
  values[crowded->records[crowded->n_records - 1]] = 1;
  weft_export_options_init (&options);
  options.width = 400;
  options.height = 300;
  options.legend = FALSE;
  options.color_by = WEFT_COLOR_BY_LOAD;
  options.link_values = values;
  options.n_link_values = n_links;
  bytes = weft_export_to_bytes (fabric, &options, WEFT_EXPORT_SVG, &error);
  g_assert_no_error (error);
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (svg, "stroke=\"#440154\""));
}

static void
test_bad_size (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  WeftExportOptions options;
  WeftExportFormat format;

  weft_export_options_init (&options);
  options.width = 10;
  g_assert_null (weft_export_to_bytes (fabric, &options, WEFT_EXPORT_PNG, &error));
  g_assert_error (error, WEFT_EXPORT_ERROR, WEFT_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_false (weft_export_format_for_path ("fabric.jpeg", &format, &error));
  g_assert_error (error, WEFT_EXPORT_ERROR, WEFT_EXPORT_ERROR_FORMAT);
}

typedef struct
{
  const char *arch;
  const char *args[5];
  guint       groups;    /* group boxes the logical view draws */
} LayoutCase;

/* The newer generators' logical views: groups on a ring (Dragonfly+ as
 * small leaf-spines, Slim Fly's 2q groups), a HyperX lattice's slices, a
 * Jellyfish's one ring. Every node placed, no two switches on one spot,
 * every switch inside its group's box. */
static const LayoutCase layout_cases[] = {
  { "dragonfly-plus", { "p=4", "leaves=4", "spines=4", "h=2" }, 9 },
  { "slim-fly", { "q=5", NULL }, 10 },
  { "hyperx", { "dims=4x4x3", NULL }, 3 },
  { "hyperx", { "dims=8x8", NULL }, 0 },
  { "jellyfish", { "gpus=256", "p=4", "r=8", NULL }, 0 },
};

static void
test_layouts (gconstpointer data)
{
  const LayoutCase *c = data;
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, c->arch, c->args[0], c->args[1],
                                                     c->args[2], c->args[3], NULL);
  g_autoptr(GHashTable) spots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint v = 0; v < 2; v++)
    {
      WeftView view = v == 0 ? WEFT_VIEW_LOGICAL : WEFT_VIEW_PHYSICAL;
      WeftLayout *layout = weft_layout_new (fabric, view);
      guint n_groups;
      const WeftLayoutGroup *groups = weft_layout_get_groups (layout, &n_groups);

      g_hash_table_remove_all (spots);
      for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
        {
          const WeftNode *node = weft_fabric_get_node (fabric, i);
          double x, y;

          weft_layout_get_node_position (layout, i, &x, &y);
          g_assert_true (isfinite (x) && isfinite (y));
          if (node->kind == WEFT_NODE_GPU || node->kind == WEFT_NODE_NVSWITCH || v == 1)
            continue;
          g_assert_true (g_hash_table_add (spots, g_strdup_printf ("%.3f,%.3f", x, y)));
          if (c->groups > 0 && node->groups.group >= 0)
            {
              guint in = 0;

              for (guint k = 0; k < n_groups; k++)
                in += x >= groups[k].box.x && x <= groups[k].box.x + groups[k].box.width &&
                      y >= groups[k].box.y && y <= groups[k].box.y + groups[k].box.height;
              g_assert_cmpuint (in, >=, 1);
            }
        }
      if (v == 0)
        g_assert_cmpuint (n_groups, ==, c->groups);
      weft_layout_unref (layout);
    }
}

/* A failed node is crossed out and the links its failure took out are
 * drawn where they were, in the refusal colour; restoring draws them again. */
static void
test_failures (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64",
                                                     "gpus-per-server=1", "scale-up=none",
                                                     "radix=16", NULL);
  guint spine = weft_fabric_lookup_node (fabric, "spine-0"), records = 0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
  cairo_t *cr = cairo_create (surface);
  WeftRenderStats stats;
  WeftRenderOptions options;
  WeftPalette palette;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    records += weft_fabric_get_link (fabric, i)->a == spine ||
               weft_fabric_get_link (fabric, i)->b == spine;
  g_assert_true (weft_fabric_fail (fabric, "node:spine-0", NULL));
  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
      WeftPainter *painter = weft_painter_new_cairo (cr);

      weft_render_options_init (&options, &palette, 900, 600);
      weft_render_fit (layout, &options);
      weft_render_draw (painter, layout, &options, &stats);
      weft_painter_free (painter);
      g_assert_cmpuint (stats.failed_nodes, ==, round == 0 ? 1 : 0);
      g_assert_cmpuint (stats.failed_links, ==, round == 0 ? records : 0);
      g_assert_cmpuint (stats.links_drawn, ==, weft_fabric_get_n_links (fabric));
      g_assert_true (weft_fabric_restore_failures (fabric, NULL));
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* CIELAB from sRGB (D65), for how far apart two colours look (CIE76 ΔE). */
static void
to_lab (const WeftColor *c,
        double           lab[3])
{
  double rgb[3] = { c->r, c->g, c->b }, xyz[3], f[3];
  static const double white[3] = { 0.95047, 1.0, 1.08883 };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  xyz[0] = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
  xyz[1] = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  xyz[2] = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
  for (guint i = 0; i < 3; i++)
    {
      double t = xyz[i] / white[i];

      f[i] = t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116;
    }
  lab[0] = 116 * f[1] - 16;
  lab[1] = 500 * (f[0] - f[1]);
  lab[2] = 200 * (f[1] - f[2]);
}

static double
delta_e (const WeftColor *a,
         const WeftColor *b)
{
  double x[3], y[3];

  to_lab (a, x);
  to_lab (b, y);
  return sqrt ((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]) +
               (x[2] - y[2]) * (x[2] - y[2]));
}

/* No node looks like a cable: every node kind's colour is at least 20 ΔE
 * from every medium's and from every other kind's, and from the ground, in
 * both themes (the spine had DAC's orange, the core switch AEC's). */
static void
test_palette_apart (void)
{
  for (guint t = 0; t < 2; t++)
    {
      WeftPalette p;

      weft_palette_init (&p, t == 0 ? WEFT_THEME_LIGHT : WEFT_THEME_DARK);
      for (guint k = 0; k < WEFT_N_NODE_KINDS; k++)
        {
          g_assert_cmpfloat (delta_e (&p.kinds[k], &p.background), >=, 20);
          for (guint m = 0; m < WEFT_N_MEDIA; m++)
            if (delta_e (&p.kinds[k], &p.media[m]) < 20)
              g_test_fail_printf ("%s %s looks like %s (ΔE %.1f)", t ? "dark" : "light",
                                  weft_palette_kind_label (k), weft_palette_medium_label (m),
                                  delta_e (&p.kinds[k], &p.media[m]));
          for (guint j = k + 1; j < WEFT_N_NODE_KINDS; j++)
            g_assert_cmpfloat (delta_e (&p.kinds[k], &p.kinds[j]), >=, 20);
        }
    }
}

typedef struct
{
  const char *arch;
  const char *args[3];
} FitCase;

static const FitCase fit_cases[] = {
  { "leaf-spine", { "gpus=16", NULL } },
  { "leaf-spine", { "gpus=1024", NULL } },
  { "leaf-spine", { "gpus=32768", "tiers=auto", NULL } },
  { "fat-tree", { "k=8", NULL } },
  { "fat-tree", { "k=16", NULL } },
  { "rail-optimized", { "gpus=64", NULL } },
  { "rail-optimized", { "gpus=8192", "tiers=auto", NULL } },
  { "rail-only", { "gpus=64", NULL } },
  { "rail-only", { "gpus=4096", NULL } },
  { "rail-only", { "gpus=32768", "tiers=auto", NULL } },
  { "dragonfly", { "gpus=1024", NULL } },
  { "dragonfly", { "gpus=8192", NULL } },
  { "torus", { "dims=4x4", NULL } },
  { "torus", { "dims=8x8x8", NULL } },
};

/* The drawing, fitted with its legend to the canvas sizes the window has
 * (both side panels at 1440×900, the window at 1024×700 with its panels
 * folded away, and 1920×1080), covers at least a fifth of the canvas and
 * sits in its middle: not a strip along the top (rail-only at 32k was a
 * 25-pixel band of a 775-pixel canvas). */
static void
test_fit_fills (gconstpointer data)
{
  const FitCase *c = data;
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, c->arch, c->args[0], c->args[1],
                                                     c->args[2], NULL);
  g_autoptr(WeftLayout) layout = weft_layout_new (fabric, WEFT_VIEW_LOGICAL);
  static const double canvases[][2] = { { 605, 775 }, { 1024, 650 }, { 1150, 1030 } };
  WeftBox bounds = weft_layout_get_bounds (layout);
  WeftPalette palette;

  weft_palette_init (&palette, WEFT_THEME_LIGHT);
  for (guint i = 0; i < G_N_ELEMENTS (canvases); i++)
    {
      WeftRenderOptions o;
      double w, h, mid_y;

      weft_render_options_init (&o, &palette, canvases[i][0], canvases[i][1]);
      o.legend = TRUE;
      weft_render_fit (layout, &o);
      w = bounds.width * o.scale;
      h = bounds.height * o.scale;
      mid_y = o.offset_y + (bounds.y + bounds.height / 2) * o.scale;
      g_test_message ("%s at %.0f×%.0f: %.0f×%.0f, %.0f%% of the canvas", c->arch, canvases[i][0],
                      canvases[i][1], w, h, 100 * w * h / (canvases[i][0] * canvases[i][1]));
      g_assert_cmpfloat (w * h, >=, 0.2 * canvases[i][0] * canvases[i][1]);
      g_assert_cmpfloat (mid_y, >, 0.25 * canvases[i][1]);
      g_assert_cmpfloat (mid_y, <, 0.75 * canvases[i][1]);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  g_test_add_func ("/render/svg-groups", test_svg_groups);
  g_test_add_func ("/render/formats", test_formats);
  g_test_add_func ("/render/pixels", test_pixels);
  g_test_add_func ("/render/failures", test_failures);
  g_test_add_func ("/render/path-stands-out", test_path_stands_out);
  g_test_add_func ("/render/level-of-detail", test_level_of_detail);
  g_test_add_func ("/render/keep-hints", test_keep_hints);
  g_test_add_func ("/render/bundle-levels", test_bundle_levels);
  g_test_add_func ("/render/color-by-length", test_color_by_length);
  g_test_add_func ("/render/color-by-load", test_color_by_load);
  g_test_add_func ("/render/bundle-records", test_bundle_records);
  g_test_add_func ("/render/bad-size", test_bad_size);
  g_test_add_func ("/render/palette-apart", test_palette_apart);
  for (guint i = 0; i < G_N_ELEMENTS (fit_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) fit_cases[i].args);
      g_autofree char *path = g_strdup_printf ("/render/fit-fills/%s/%s", fit_cases[i].arch, args);

      g_test_add_data_func (path, &fit_cases[i], test_fit_fills);
    }
  for (guint i = 0; i < G_N_ELEMENTS (layout_cases); i++)
    {
      g_autofree char *args = g_strjoinv ("-", (char **) layout_cases[i].args);
      g_autofree char *path = g_strdup_printf ("/render/layouts/%s/%s", layout_cases[i].arch, args);

      g_test_add_data_func (path, &layout_cases[i], test_layouts);
    }
  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
