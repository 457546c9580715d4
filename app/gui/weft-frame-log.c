/* weft-frame-log.c — under WEFT_FRAME_LOG=FILE, every frame the window shows, for measuring how fluid it is.
 *
 * One CSV row per tick of the window's frame clock: when it came and how
 * long after the last, how many canvas frames were drawn since and how
 * long drawing took, the fabric's size, and which generation the canvas, the cost
 * figures, the latency figures and bisection were for. `make bench`
 * drives the window with xdotool and reads the file back
 * (tests/bench/bench-window.c). The file is rewritten whole, through a
 * rename, twice a second.
 */
#include "config.h"

#include "weft-frame-log.h"
#include "weft-window-private.h"

#define HEADER "time_us,interval_us,draws,draw_us,nodes,fabric_generation,drawn_generation," \
               "cost_generation,latency_generation,bisection_generation,busy\n"

struct _WeftFrameLog
{
  WeftWindow *window;
  char       *path;
  GString    *rows;
  guint       tick_id;
  guint       flush_id;
  gint64      last_time;
  gboolean    dirty;
};

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  WeftFrameLog *log = user_data;
  WeftWindow *window = log->window;
  gint64 time = gdk_frame_clock_get_frame_time (clock), draw_us;
  guint64 drawn;
  guint draws;

  if (window->fabric == NULL || window->engine == NULL)
    return G_SOURCE_CONTINUE;
  weft_canvas_take_frame_stats (weft_window_get_canvas (window), &draws, &draw_us, &drawn);
  g_string_append_printf (log->rows, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%" G_GINT64_FORMAT
                          ",%u,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT
                          ",%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%d\n",
                          time, log->last_time ? time - log->last_time : 0, draws, draw_us,
                          weft_fabric_get_n_nodes (window->fabric), weft_fabric_get_generation (window->fabric), drawn,
                          weft_metrics_engine_get_generation_of (window->engine, 0),
                          weft_metrics_engine_get_generation_of (window->engine, WEFT_METRICS_HOPS),
                          weft_metrics_engine_get_generation_of (window->engine, WEFT_METRICS_BISECTION),
                          weft_metrics_engine_get_busy (window->engine));
  log->last_time = time;
  log->dirty = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
flush (WeftFrameLog *log)
{
  g_autoptr(GError) error = NULL;

  if (!log->dirty)
    return;
  log->dirty = FALSE;
  if (!g_file_set_contents_full (log->path, log->rows->str, log->rows->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &error))
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
  g_source_remove (log->flush_id);
  flush (log);
  g_string_free (log->rows, TRUE);
  g_free (log->path);
  g_free (log);
}
