/* weft-canvas-menu.c — the canvas's context menu: a secondary click selects what it is on and
 * offers what can be done to it (mark it failed, restore what failed, delete a link). */
#include "config.h"

#include <glib/gi18n.h>

#include "gui/weft-canvas-private.h"

static GMenuModel *
menu_model (gboolean on_link)
{
  GMenu *menu = g_menu_new ();
  GMenu *edit = g_menu_new ();
  GMenu *failures = g_menu_new ();

  g_menu_append (failures, _("Mark as Failed"), "win.fail");
  g_menu_append (failures, _("Restore Failed Elements"), "win.restore-failures");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (failures));
  if (on_link)
    {
      g_menu_append (edit, _("Delete Link"), "win.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
    }
  g_object_unref (edit);
  g_object_unref (failures);
  return G_MENU_MODEL (menu);
}

static void
secondary_pressed_cb (WeftCanvas      *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  WeftCanvasPick pick;
  g_autoptr(GMenuModel) model = NULL;
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  weft_canvas_pick (self, x, y, &pick);
  /* What the menu acts on is what the click was on, unless it was already selected. */
  if (pick.node != WEFT_NONE && !weft_selection_has_node (self->selection, pick.node))
    weft_selection_set_node (self->selection, pick.node);
  else if (pick.link != WEFT_NONE && !weft_selection_has_link (self->selection, pick.link))
    weft_selection_set_link (self->selection, pick.link);
  else if (pick.bundle != NULL && !weft_selection_has_link (self->selection, pick.bundle->link))
    weft_canvas_select_bundle (self, pick.bundle, FALSE);

  model = menu_model (pick.link != WEFT_NONE || pick.bundle != NULL);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

void
weft_canvas_present_menu (WeftCanvas *self)
{
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

void
weft_canvas_init_menu (WeftCanvas *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}
