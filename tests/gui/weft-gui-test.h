/* weft-gui-test.h — driving the real Weft window in an X server: launching, xdotool, reading its
 * state. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *dir;         /* a scratch folder for files and the state dump */
  char        *state_path;
  char        *window_id;   /* X window id, as xdotool prints it */
} WeftApp;

/* Starts the app on @file (NULL: the default fabric) and waits until its
 * window has shown a fabric. */
WeftApp     *weft_app_start        (const char *file);
void         weft_app_stop         (WeftApp    *app);
gboolean     weft_app_is_running   (WeftApp    *app);
/* The latest state dump, parsed; NULL before the first one. */
JsonObject  *weft_app_state        (WeftApp    *app,
                                    JsonParser *parser);
/* Waits up to @seconds for @predicate to hold on the state; fails the test otherwise. */
JsonObject  *weft_app_wait         (WeftApp    *app,
                                    JsonParser *parser,
                                    double      seconds,
                                    gboolean  (*predicate) (JsonObject *state, gpointer data),
                                    gpointer    data,
                                    const char *what);
/* Runs xdotool with the NULL-terminated arguments, asserting success. */
void         weft_xdotool          (const char *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
/* Gives the window keyboard focus (no window manager runs under Xvfb). */
void         weft_app_focus        (WeftApp    *app);
/* Where the state dump says node @name is drawn, in the X window's
 * coordinates (as xdotool's mousemove --window takes them). */
void         weft_app_node_point   (JsonObject *state,
                                    const char *name,
                                    int        *x,
                                    int        *y);
/* The fabric `weft-cli generate ARCH ARGS…` builds (@args NULL-terminated,
 * or NULL), written to @dir/@name; asserts it builds; returns the path. */
char        *weft_cli_generate     (const char         *dir,
                                    const char         *name,
                                    const char         *arch,
                                    const char * const *args);
/* Resizes the window to @width × @height and waits until it is laid out so
 * (its width within the 24 pixels of client-side shadow). */
JsonObject  *weft_app_resize       (WeftApp    *app,
                                    JsonParser *parser,
                                    int         width,
                                    int         height);
/* Moves the pointer to (@x, @y) in the window and lets it settle. */
void         weft_app_pointer_to   (WeftApp    *app,
                                    int         x,
                                    int         y);
/* A path inside the scratch folder. */
char        *weft_app_path         (WeftApp    *app,
                                    const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftApp, weft_app_stop)

G_END_DECLS
