/* weft-inspector.c — rows for the selected node or links: part, medium, speed, count, length. */
#include "config.h"

#include <glib/gi18n.h>

#include "util/weft-format.h"
#include "gui/weft-inspector.h"

struct _WeftInspector
{
  AdwBin               parent_instance;

  WeftSelection       *selection;
  WeftFabric          *fabric;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;        /* widgets added to the group */
  GPtrArray           *choices;     /* ids behind the current combo row */
  char                *title;
  char                *path_summary; /* of the path between two selected GPUs, when known */
  GPtrArray           *path_steps;   /* its elements: title, then breakdown, in turn */
  guint                rebuild_source;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (WeftInspector, weft_inspector, ADW_TYPE_BIN)

enum {
  SIGNAL_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const WeftMedium media_choices[] = {
  WEFT_MEDIUM_AUTO, WEFT_MEDIUM_DAC, WEFT_MEDIUM_ACC, WEFT_MEDIUM_AEC, WEFT_MEDIUM_AOC,
  WEFT_MEDIUM_DSP, WEFT_MEDIUM_LPO, WEFT_MEDIUM_LRO, WEFT_MEDIUM_CPO, WEFT_MEDIUM_ONBOARD,
};

static const guint speed_choices[] = { 200, 400, 800, 1600 };

static void rebuild (WeftInspector *self);

static void
refuse (WeftInspector *self,
        const GError  *error)
{
  g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error->message);
  /* Show what the fabric still holds. */
  rebuild (self);
}

static void
clear_rows (WeftInspector *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
add_info_row (WeftInspector *self,
              const char    *title,
              const char    *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  g_object_set_data_full (G_OBJECT (row), "weft-value", g_strdup (value), g_free);
  return row;
}

static GtkWidget *
add_combo_row (WeftInspector *self,
               const char    *title,
               GtkStringList *model,
               guint          selected,
               GCallback      callback)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_object (row, "notify::selected", callback, self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  g_object_unref (model);
  return row;
}

static GtkWidget *
add_spin_row (WeftInspector *self,
              const char    *title,
              double         min,
              double         max,
              double         step,
              double         value,
              guint          digits,
              GCallback      callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (spin, "value-changed", callback, self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Node edits. */

static void
part_selected_cb (WeftInspector *self,
                  GParamSpec    *pspec,
                  AdwComboRow   *row)
{
  g_autoptr(GError) error = NULL;
  const guint *nodes;
  guint n_nodes, selected = adw_combo_row_get_selected (row);

  if (self->updating || selected >= self->choices->len)
    return;
  nodes = weft_selection_get_nodes (self->selection, &n_nodes);
  if (!weft_fabric_set_node_part (self->fabric, nodes[0],
                                  g_ptr_array_index (self->choices, selected), &error))
    refuse (self, error);
}

/* The ports a node's links take, counted in ports of the speed they run at:
 * "64 of 64 ports at 400 Gb/s". A part's ports are a budget that a port of
 * each speed takes a share of (a QM9700 has 64 at 400G or 128 at 200G), so
 * links at several speeds are told as that share. */
static char *
describe_ports_used (WeftFabric     *fabric,
                     guint           index,
                     const WeftPart *part)
{
  guint n_links, speed = 0, ports, used = weft_fabric_get_ports_used (fabric, index);
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  gboolean gpu = weft_fabric_get_node (fabric, index)->kind == WEFT_NODE_GPU;
  gboolean mixed = FALSE;

  for (guint i = 0; i < n_links; i++)
    if ((links[i].a == index || links[i].b == index) &&
        !(gpu && links[i].link_class == WEFT_LINK_SCALE_UP))
      {
        mixed |= speed != 0 && links[i].speed_gbps != speed;
        speed = links[i].speed_gbps;
      }
  if (speed == 0 || weft_part_ports_at (part, speed) == 0)
    speed = part->ports[0].speed_gbps;
  ports = weft_part_ports_at (part, speed);
  if (mixed)
    return g_strdup_printf (_ ("%u%% of the ports, links at several speeds"),
                            (guint) lround (100.0 * used / part->port_units));
  /* Each port at this speed takes port_units / ports of the budget. */
  return g_strdup_printf (_ ("%u of %u ports at %u Gb/s"),
                          (used * ports + part->port_units - 1) / part->port_units, ports, speed);
}

static void
show_node (WeftInspector *self,
           guint          index)
{
  const WeftNode *node = weft_fabric_get_node (self->fabric, index);
  const WeftPart *part = weft_fabric_get_node_part (self->fabric, index);
  WeftPartKind kind = node->kind == WEFT_NODE_GPU        ? WEFT_PART_NIC
                      : node->kind == WEFT_NODE_NVSWITCH ? WEFT_PART_SCALE_UP_SWITCH
                                                         : WEFT_PART_SWITCH;
  g_autoptr(GPtrArray) parts =
      weft_catalog_list_parts (weft_fabric_get_catalog (self->fabric), kind);
  GtkStringList *model = gtk_string_list_new (NULL);
  g_autofree char *place = NULL;
  g_autoptr(GString) groups = g_string_new (NULL);
  const char *part_id = weft_fabric_get_node_part_id (self->fabric, index);
  guint selected = 0;

  g_free (self->title);
  self->title = g_strdup (node->name);
  adw_preferences_group_set_title (self->group, node->name);
  adw_preferences_group_set_description (self->group, weft_node_kind_to_string (node->kind));

  g_ptr_array_set_size (self->choices, 0);
  for (guint i = 0; i < parts->len; i++)
    {
      const WeftPart *p = g_ptr_array_index (parts, i);

      if (weft_part_speaks (p, "ici") != weft_part_speaks (part ? part : p, "ici"))
        continue;
      if (g_strcmp0 (p->id, part_id) == 0)
        selected = self->choices->len;
      gtk_string_list_append (model, p->name);
      g_ptr_array_add (self->choices, g_strdup (p->id));
    }
  add_combo_row (self, _("Part"), model, selected, G_CALLBACK (part_selected_cb));

  if (node->rack != WEFT_NONE)
    {
      place = g_strdup_printf (_ ("Rack %s, U%u"),
                               weft_fabric_get_rack (self->fabric, node->rack)->name, node->u);
      add_info_row (self, _("Place"), place);
    }

  if (node->groups.server >= 0)
    g_string_append_printf (groups, _("server %d "), node->groups.server);
  if (node->groups.rail >= 0)
    g_string_append_printf (groups, _("rail %d "), node->groups.rail);
  if (node->groups.pod >= 0)
    g_string_append_printf (groups, _("pod %d "), node->groups.pod);
  if (node->groups.plane >= 0)
    g_string_append_printf (groups, _("plane %d "), node->groups.plane);
  if (node->groups.group >= 0)
    g_string_append_printf (groups, _("group %d"), node->groups.group);
  if (groups->len > 0)
    add_info_row (self, _("Groups"), g_strstrip (groups->str));

  if (part != NULL && part->n_ports > 0)
    {
      g_autofree char *ports = describe_ports_used (self->fabric, index, part);
      g_autofree char *modes = weft_part_describe_ports (part);

      add_info_row (self, _("Ports in use"), ports);
      add_info_row (self, _("Port modes"), modes);
    }
}

/* Link edits apply to every selected link, as one undo step. */

typedef gboolean (*LinkEdit) (WeftFabric *fabric, guint link, guint value, GError **error);

static gboolean
set_medium (WeftFabric *fabric,
            guint       link,
            guint       value,
            GError    **error)
{
  return weft_fabric_set_link_medium (fabric, link, value, error);
}

static void
edit_links (WeftInspector *self,
            const char    *label,
            LinkEdit       edit,
            guint          value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint *selected;
  guint64 before;
  guint n;

  if (self->updating)
    return;
  /* Copy: an edit may change the selection. */
  selected = weft_selection_get_links (self->selection, &n);
  g_array_append_vals (links, selected, n);

  before = weft_fabric_get_history_point (self->fabric);
  weft_fabric_begin_group (self->fabric, label);
  for (guint i = 0; i < links->len && error == NULL; i++)
    edit (self->fabric, g_array_index (links, guint, i), value, &error);
  weft_fabric_end_group (self->fabric);

  if (error != NULL)
    {
      /* All or nothing: take back what part of the group did apply. */
      if (weft_fabric_get_history_point (self->fabric) != before)
        weft_fabric_undo (self->fabric);
      refuse (self, error);
    }
}

static void
medium_selected_cb (WeftInspector *self,
                    GParamSpec    *pspec,
                    AdwComboRow   *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (media_choices))
    edit_links (self, _("Change Medium"), set_medium, media_choices[selected]);
}

static void
speed_selected_cb (WeftInspector *self,
                   GParamSpec    *pspec,
                   AdwComboRow   *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (speed_choices))
    edit_links (self, _("Change Speed"), weft_fabric_set_link_speed, speed_choices[selected]);
}

static void
count_changed_cb (WeftInspector *self,
                  GtkSpinButton *spin)
{
  edit_links (self, _("Change Link Count"), weft_fabric_set_link_count,
              gtk_spin_button_get_value_as_int (spin));
}

static void
length_changed_cb (WeftInspector *self,
                   GtkSpinButton *spin)
{
  g_autoptr(GError) error = NULL;
  const guint *links;
  guint n;

  if (self->updating)
    return;
  links = weft_selection_get_links (self->selection, &n);
  if (!weft_fabric_set_link_length (self->fabric, links[0], gtk_spin_button_get_value (spin),
                                    &error))
    refuse (self, error);
}

static void
length_reset_cb (WeftInspector *self)
{
  g_autoptr(GError) error = NULL;
  const guint *links;
  guint n;

  links = weft_selection_get_links (self->selection, &n);
  if (!weft_fabric_set_link_length (self->fabric, links[0], -1, &error))
    refuse (self, error);
}

static void
show_links (WeftInspector *self)
{
  WeftCatalog *catalog = weft_fabric_get_catalog (self->fabric);
  GtkStringList *media = gtk_string_list_new (NULL);
  GtkStringList *speeds = gtk_string_list_new (NULL);
  const guint *links;
  const WeftLink *first;
  const WeftMediaPart *resolved;
  guint n, medium_index = 0, speed_index = 0;

  links = weft_selection_get_links (self->selection, &n);
  first = weft_fabric_get_link (self->fabric, links[0]);
  g_free (self->title);
  if (n == 1)
    self->title =
        g_strdup_printf (_ ("Link %s—%s"), weft_fabric_get_node (self->fabric, first->a)->name,
                         weft_fabric_get_node (self->fabric, first->b)->name);
  else
    self->title = g_strdup_printf (ngettext ("%u link", "%u links", n), n);
  adw_preferences_group_set_title (self->group, self->title);
  adw_preferences_group_set_description (self->group,
                                         weft_fabric_get_link_tier (self->fabric, links[0]));

  for (guint i = 0; i < G_N_ELEMENTS (media_choices); i++)
    {
      if (media_choices[i] == first->medium)
        medium_index = i;
      gtk_string_list_append (media, media_choices[i] == WEFT_MEDIUM_AUTO ? _("Automatic")
                                     : weft_medium_to_string (media_choices[i]));
    }
  add_combo_row (self, _("Medium"), media, medium_index, G_CALLBACK (medium_selected_cb));

  for (guint i = 0; i < G_N_ELEMENTS (speed_choices); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u Gb/s", speed_choices[i]);

      if (speed_choices[i] == first->speed_gbps)
        speed_index = i;
      gtk_string_list_append (speeds, text);
    }
  add_combo_row (self, _("Speed"), speeds, speed_index, G_CALLBACK (speed_selected_cb));
  add_spin_row (self, _ ("Parallel links"), 1, 1024, 1, first->count, 0,
                G_CALLBACK (count_changed_cb));

  if (n > 1)
    return;

  {
    GtkWidget *row =
        add_spin_row (self, first->length_set ? _ ("Length (set by hand)") : _ ("Length"), 0,
                      100000, 0.5, first->length_m, 1, G_CALLBACK (length_changed_cb));
    GtkWidget *reset = gtk_button_new_from_icon_name ("edit-undo-symbolic");

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("metres"));
    gtk_widget_set_valign (reset, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (reset, "flat");
    gtk_widget_set_tooltip_text (reset, _("Use the length placement gives"));
    gtk_widget_set_sensitive (reset, first->length_set);
    g_signal_connect_object (reset, "clicked", G_CALLBACK (length_reset_cb), self,
                             G_CONNECT_SWAPPED);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), reset);
  }

  resolved = weft_fabric_get_link_media (self->fabric, links[0]);
  if (resolved != NULL)
    {
      g_autofree char *price = weft_format_money (
          first->count * weft_catalog_link_price (catalog, resolved, first->length_m));
      g_autofree char *power =
          weft_format_power (first->count * weft_catalog_link_power (catalog, resolved));
      g_autofree char *latency = weft_format_latency (weft_catalog_link_latency (catalog, resolved,
                                                                                 first->length_m));
      g_autofree char *summary = g_strdup_printf ("%s · %s · %s", price, power, latency);

      add_info_row (self, _("Part"), resolved->name);
      add_info_row (self, _("Cost · power · delay"), summary);
    }
  else
    add_info_row (self, _("Part"), _("Nothing in the catalog reaches this far"));
}

static void
rebuild (WeftInspector *self)
{
  guint n_nodes = 0, n_links = 0;

  self->updating = TRUE;
  clear_rows (self);
  g_clear_pointer (&self->title, g_free);
  if (self->selection != NULL)
    {
      weft_selection_get_nodes (self->selection, &n_nodes);
      weft_selection_get_links (self->selection, &n_links);
    }

  if (n_links > 0 && n_nodes == 0)
    show_links (self);
  else if (n_nodes == 1 && n_links == 0)
    show_node (self, weft_selection_get_nodes (self->selection, &n_nodes)[0]);
  else if (n_nodes == 2 && n_links == 0 && self->path_summary != NULL)
    {
      const guint *nodes = weft_selection_get_nodes (self->selection, &n_nodes);

      self->title = g_strdup_printf (_("Path from %s to %s"),
                                     weft_fabric_get_node (self->fabric, nodes[0])->name,
                                     weft_fabric_get_node (self->fabric, nodes[1])->name);
      adw_preferences_group_set_title (self->group, self->title);
      adw_preferences_group_set_description (self->group, self->path_summary);
      for (guint i = 0; i + 1 < self->path_steps->len; i += 2)
        add_info_row (self, g_ptr_array_index (self->path_steps, i),
                      g_ptr_array_index (self->path_steps, i + 1));
    }
  else if (n_nodes > 0)
    {
      self->title =
          g_strdup_printf (ngettext ("%u node", "%u nodes", n_nodes + n_links), n_nodes + n_links);
      adw_preferences_group_set_title (self->group, self->title);
      adw_preferences_group_set_description (self->group,
                                             _ ("Select one node, or only links, to edit them"));
    }
  else
    {
      adw_preferences_group_set_title (self->group, _("Selection"));
      adw_preferences_group_set_description (self->group,
                                             _("Click a switch or a link to see and edit it; "
                                               "Shift+click to select several; drag a selected "
                                               "link's end onto another node to rewire it"));
    }
  self->updating = FALSE;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  WeftInspector *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Many changes arrive in one edit (a move updates every link of a node):
 * rebuild once, when they are over. */
static void
queue_rebuild (WeftInspector *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_cb, self);
}

static void
selection_changed_cb (WeftInspector *self)
{
  queue_rebuild (self);
}

static void
fabric_changed_cb (WeftInspector *self)
{
  if (!weft_selection_is_empty (self->selection))
    queue_rebuild (self);
}

void
weft_inspector_set_selection (WeftInspector *self,
                              WeftSelection *selection)
{
  g_return_if_fail (WEFT_IS_INSPECTOR (self));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_set_object (&self->selection, selection);
  g_set_object (&self->fabric, weft_selection_get_fabric (selection));
  g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fabric, "changed", G_CALLBACK (fabric_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

const char *
weft_inspector_get_title (WeftInspector *self)
{
  g_return_val_if_fail (WEFT_IS_INSPECTOR (self), NULL);
  return self->title;
}

static void
weft_inspector_dispose (GObject *object)
{
  WeftInspector *self = WEFT_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->fabric != NULL)
    g_signal_handlers_disconnect_by_data (self->fabric, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->fabric);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->path_summary, g_free);
  g_clear_pointer (&self->path_steps, g_ptr_array_unref);

  G_OBJECT_CLASS (weft_inspector_parent_class)->dispose (object);
}

static void
weft_inspector_class_init (WeftInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_inspector_dispose;

  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
weft_inspector_init (WeftInspector *self)
{
  self->rows = g_ptr_array_new ();
  self->choices = g_ptr_array_new_with_free_func (g_free);
  self->path_steps = g_ptr_array_new_with_free_func (g_free);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}

GtkWidget *
weft_inspector_new (void)
{
  return g_object_new (WEFT_TYPE_INSPECTOR, NULL);
}

void
weft_inspector_set_path (WeftInspector  *self,
                         const WeftPath *path)
{
  g_return_if_fail (WEFT_IS_INSPECTOR (self));

  g_clear_pointer (&self->path_summary, g_free);
  g_ptr_array_set_size (self->path_steps, 0);
  if (path != NULL)
    {
      g_autofree char *total = weft_format_latency (path->total_ns);

      /* What `weft-cli metrics --path` says, element by element. */
      self->path_summary = g_strdup_printf (
          ngettext ("%s, %u switch hop, %u links", "%s, %u switch hops, %u links",
                    path->switch_hops),
          total, path->switch_hops, path->link_hops);
      for (guint i = 0; i < path->steps->len; i++)
        {
          const WeftPathStep *step = &g_array_index (path->steps, WeftPathStep, i);
          g_autofree char *a = weft_format_latency (step->is_link ? step->media_ns
                                                                  : step->switch_ns);
          g_autofree char *b = weft_format_latency (step->propagation_ns);

          g_ptr_array_add (self->path_steps, g_strdup (step->label));
          g_ptr_array_add (self->path_steps,
                           step->is_link ? g_strdup_printf (_("media %s · propagation %s"), a, b)
                                         : g_strdup_printf (_("switch %s"), a));
        }
    }
  queue_rebuild (self);
}

const char *
weft_inspector_get_path_summary (WeftInspector *self)
{
  g_return_val_if_fail (WEFT_IS_INSPECTOR (self), NULL);
  return self->path_summary;
}

const GPtrArray *
weft_inspector_get_path_steps (WeftInspector *self)
{
  g_return_val_if_fail (WEFT_IS_INSPECTOR (self), NULL);
  return self->path_steps;
}

const char *
weft_inspector_get_info (WeftInspector *self,
                         const char    *title)
{
  g_return_val_if_fail (WEFT_IS_INSPECTOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);
      const char *value = g_object_get_data (row, "weft-value");

      if (value != NULL &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return value;
    }
  return NULL;
}
