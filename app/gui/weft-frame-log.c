/* weft-frame-log.c — under WEFT_FRAME_LOG=FILE, every frame the window shows, for measuring how
 * fluid it is.
 *
 * One CSV row per frame of the window's frame clock, written once it is
 * painted: when it came and how long after the last, how many canvas
 * frames were drawn since and how long drawing took, the fabric's size,
 * and which fabric generation the canvas, the cost figures, the latency
 * figures, bisection and the collective figures (all-reduce, training
 * step) on show were for — what the user saw, not what the engines held —
 * and how many links the path highlight lit. A tick
 * callback keeps the clock running. `make bench` drives the window with
 * xdotool and reads the file back (tests/bench/bench-window.c). The file
 * is rewritten whole, through a rename, twice a second.
 */
#include "config.h"

#include "gui/weft-frame-log.h"
#include "gui/weft-window-private.h"
#include "io/weft-output.h"

#define HEADER "time_us,interval_us,draws,draw_us,nodes,fabric_generation,drawn_generation," \
               "cost_generation,latency_generation,bisection_generation,busy,path_links," \
               "collective_generation\n"

struct _WeftFrameLog
{
  WeftWindow *window;
  char       *path;
  GString    *rows;
  guint       tick_id;
  GdkFrameClock *clock;
  gulong      paint_id;
  guint       flush_id;
  gint64      last_time;
  gboolean    dirty;
};

static void
after_paint_cb (GdkFrameClock *clock,
                WeftFrameLog  *log)
{
  WeftWindow *window = log->window;
  gint64 time = gdk_frame_clock_get_frame_time (clock), draw_us;
  guint64 drawn, cost, latency, bisection, collective;
  guint draws, path_links;

  if (window->fabric == NULL || window->engine == NULL)
    return;
  weft_canvas_take_frame_stats (weft_window_get_canvas (window), &draws, &draw_us, &drawn,
                                &path_links);
  weft_metrics_panel_get_shown_generations (window->metrics_panel, &cost, &latency, &bisection);
  collective = weft_metrics_panel_get_shown_collective_generation (window->metrics_panel);
  g_string_append_printf (
      log->rows,
      "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%" G_GINT64_FORMAT ",%u,%" G_GUINT64_FORMAT
      ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
      ",%d,%u,%" G_GUINT64_FORMAT "\n",
      time, log->last_time ? time - log->last_time : 0, draws, draw_us,
      weft_fabric_get_n_nodes (window->fabric), weft_fabric_get_generation (window->fabric), drawn,
      cost, latency, bisection, weft_metrics_engine_get_busy (window->engine), path_links,
      collective);
  log->last_time = time;
  log->dirty = TRUE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  WeftFrameLog *log = user_data;

  if (log->clock == NULL)
    {
      log->clock = g_object_ref (clock);
      log->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), log);
    }
  return G_SOURCE_CONTINUE;
}

static void
flush (WeftFrameLog *log)
{
  g_autoptr(GError) error = NULL;

  if (!log->dirty)
    return;
  log->dirty = FALSE;
  if (!weft_output_write (log->path, log->rows->str, log->rows->len, &error))
    g_warning ("Frame log: %s", error->message);
}

static gboolean
flush_cb (gpointer user_data)
{
  flush (user_data);
  return G_SOURCE_CONTINUE;
}

WeftFrameLog *
weft_frame_log_new (WeftWindow *window)
{
  const char *path = g_getenv ("WEFT_FRAME_LOG");
  WeftFrameLog *log;

  if (path == NULL || *path == '\0')
    return NULL;
  log = g_new0 (WeftFrameLog, 1);
  log->window = window;
  log->path = g_strdup (path);
  log->rows = g_string_new (HEADER);
  log->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, log, NULL);
  log->flush_id = g_timeout_add (500, flush_cb, log);
  return log;
}

void
weft_frame_log_free (WeftFrameLog *log)
{
  if (log == NULL)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (log->window), log->tick_id);
  if (log->clock != NULL)
    {
      g_signal_handler_disconnect (log->clock, log->paint_id);
      g_object_unref (log->clock);
    }
  g_source_remove (log->flush_id);
  flush (log);
  g_string_free (log->rows, TRUE);
  g_free (log->path);
  g_free (log);
}
