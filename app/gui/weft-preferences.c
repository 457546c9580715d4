/* weft-preferences.c — the preferences window: light or dark style, and what the colour of a link
 * tells (medium, tier, length, load).
 *
 * Each row is a choice among a GSettings key's values; the application
 * (style) and every window (link colours) follow the keys, so a change
 * shows at once and is there next time.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui/weft-preferences.h"

typedef struct
{
  GSettings  *settings;
  const char *key;
  const char *const *values;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->settings);
  g_free (choice);
}

static void
selected_cb (AdwComboRow *row,
             GParamSpec  *pspec,
             Choice      *choice)
{
  g_settings_set_string (choice->settings, choice->key,
                         choice->values[adw_combo_row_get_selected (row)]);
}

/* A row choosing among @values of @key, shown as @labels. */
static GtkWidget *
choice_row (GSettings         *settings,
            const char        *key,
            const char        *title,
            const char *const *values,
            const char *const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autofree char *current = g_settings_get_string (settings, key);
  Choice *choice = g_new0 (Choice, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (labels)));
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], current) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  choice->settings = g_object_ref (settings);
  choice->key = key;
  choice->values = values;
  g_signal_connect_data (row, "notify::selected", G_CALLBACK (selected_cb), choice,
                         (GClosureNotify) choice_free, 0);
  return row;
}

GtkWidget *
weft_preferences_new (GtkWindow *parent,
                      GSettings *settings)
{
  static const char *const schemes[] = { "default", "light", "dark", NULL };
  static const char *const colors[] = { "medium", "tier", "length", "load", NULL };
  const char *scheme_labels[] = { _("Follow the system"), _("Light"), _("Dark"), NULL };
  const char *color_labels[] = {
    _("Medium"), _("Tier"), _("Cable length"), _("Load under all-reduce"), NULL,
  };
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Appearance"));
  adw_preferences_group_add (
      ADW_PREFERENCES_GROUP (group),
      choice_row (settings, "color-scheme", _ ("Style"), schemes, scheme_labels));
  adw_preferences_group_add (
      ADW_PREFERENCES_GROUP (group),
      choice_row (settings, "color-by", _ ("Colour links by"), colors, color_labels));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return window;
}
