/* weft-application.c — the Weft application: opening windows and files, app actions and shortcuts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui/weft-application.h"
#include "gui/weft-preferences.h"
#include "gui/weft-window.h"

struct _WeftApplication
{
  AdwApplication  parent_instance;

  WeftCatalog    *catalog;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (WeftApplication, weft_application, ADW_TYPE_APPLICATION)

WeftApplication *
weft_application_new (void)
{
  return g_object_new (WEFT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/weft/Weft",
                       NULL);
}

WeftCatalog *
weft_application_get_catalog (WeftApplication *self)
{
  g_return_val_if_fail (WEFT_IS_APPLICATION (self), NULL);
  return self->catalog;
}

static void
weft_application_activate (GApplication *app)
{
  WeftWindow *window = weft_window_new (WEFT_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
weft_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      WeftWindow *window = weft_window_new (WEFT_APPLICATION (app));

      gtk_window_present (GTK_WINDOW (window));
      weft_window_open_file (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Close each window so that unsaved edits are asked about. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Weft developers", NULL };
  GtkWidget *about;

  about =
      g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", gtk_application_get_active_window (app),
                    "application-name", "Weft", "application-icon", APP_ID, "developer-name",
                    "The Weft developers", "version", PACKAGE_VERSION, "comments",
                    _ ("Design and explore the network fabric of AI training clusters: "
                       "bisection bandwidth, switch hops, latency, cost and power."),
                    "license-type", GTK_LICENSE_GPL_3_0, "developers", developers, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  WeftApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (weft_preferences_new (
      gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings)));
}

/* The style the preferences ask for, on every window. */
static void
color_scheme_cb (GSettings  *settings,
                 const char *key,
                 gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_str_equal (scheme, "light") ? ADW_COLOR_SCHEME_FORCE_LIGHT :
                                      g_str_equal (scheme, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK :
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
weft_application_startup (GApplication *app)
{
  WeftApplication *self = WEFT_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.export-report", { "<Control><Shift>e", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.bill-of-materials", { "<Control>b", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.toggle-panel", { "F9", NULL } },
    { "win.view::logical", { "<Control>1", NULL } },
    { "win.view::physical", { "<Control>2", NULL } },
    { "win.view::compare", { "<Control>3", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.delete", { "Delete", NULL } },
    { "win.connect", { "<Control>l", NULL } },
    { "win.show-legend", { "<Control><Shift>l", NULL } },
    { "win.select-none", { "Escape", NULL } },
    { "win.fail", { "<Control><Shift>f", NULL } },
    { "win.restore-failures", { "<Control><Shift>r", NULL } },
  };

  G_APPLICATION_CLASS (weft_application_parent_class)->startup (app);

  self->catalog = weft_catalog_new_default ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::color-scheme", G_CALLBACK (color_scheme_cb), NULL);
  color_scheme_cb (self->settings, "color-scheme", NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
weft_application_dispose (GObject *object)
{
  WeftApplication *self = WEFT_APPLICATION (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (weft_application_parent_class)->dispose (object);
}

static void
weft_application_class_init (WeftApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = weft_application_dispose;
  app_class->activate = weft_application_activate;
  app_class->open = weft_application_open;
  app_class->startup = weft_application_startup;
}

static void
weft_application_init (WeftApplication *self)
{
}
