/* weft-generator-panel.c — architecture and parameter rows, checked as they change. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gui/weft-generator-panel.h"
#include "generators/weft-generator.h"
#include "util/weft-format.h"

#define GENERATE_DELAY_MS 400

typedef enum
{
  ROW_COUNT,     /* a whole number; 0 shows as "Automatic" when allowed */
  ROW_RATIO,     /* a ratio R:1 */
  ROW_CHOICE,    /* one of fixed values */
  ROW_TEXT,      /* free text, e.g. torus dimensions */
} RowType;

typedef struct
{
  const char *key;
  const char *title;
  const char *subtitle;
  RowType     type;
  guint       min, max, step;
  gboolean    automatic;          /* 0 means "choose for me" */
  const char *group;              /* "size" or "hardware" */
} RowSpec;

static const RowSpec row_specs[] = {
  { "gpus", N_ ("GPUs"), NULL, ROW_COUNT, 8, 16777216, 8, FALSE, "size" },
  { "k", N_ ("k"), N_ ("k-ary fat tree: k³/4 GPUs"), ROW_COUNT, 0, 512, 2, TRUE, "size" },
  { "p", N_ ("GPUs per router"), N_ ("Dragonfly p"), ROW_COUNT, 0, 1024, 1, TRUE, "size" },
  { "a", N_ ("Routers per group"), N_ ("Dragonfly a"), ROW_COUNT, 0, 1024, 1, TRUE, "size" },
  { "h", N_ ("Global links per router"), N_ ("Dragonfly h"), ROW_COUNT, 0, 1024, 1, TRUE, "size" },
  { "leaves", N_ ("Leaves per group"), N_ ("Dragonfly+ leaf switches in a group"), ROW_COUNT, 0,
    4096, 1, TRUE, "size" },
  { "spines", N_ ("Spines per group"), N_ ("Dragonfly+: each joined to every leaf of its group"),
    ROW_COUNT, 0, 4096, 1, TRUE, "size" },
  { "groups", N_ ("Groups"), N_ ("Dragonfly g; automatic is a·h + 1"), ROW_COUNT, 0, 1048576, 1,
    TRUE, "size" },
  { "q", N_ ("q"), N_ ("Slim Fly: a prime power, 2q² routers"), ROW_COUNT, 0, 256, 1, TRUE,
    "size" },
  { "dims", N_ ("Dimensions"), N_ ("Torus ring sizes, e.g. 16x16x16"), ROW_TEXT, 0, 0, 0, FALSE,
    "size" },
  { "trunks", N_ ("Links per dimension"), N_ ("HyperX trunks, e.g. 1x2; empty is 1 each"), ROW_TEXT,
    0, 0, 0, FALSE, "size" },
  { "r", N_ ("Network ports"), N_ ("Jellyfish r; automatic uses the rest of the radix"), ROW_COUNT,
    0, 4096, 1, TRUE, "size" },
  { "seed", N_ ("Seed"), N_ ("Jellyfish's random graph, saved with the fabric"), ROW_COUNT, 0,
    G_MAXUINT32, 1, FALSE, "size" },
  { "gpus-per-server", N_ ("GPUs per server"), NULL, ROW_COUNT, 0, 1024, 1, TRUE, "size" },
  { "tiers", N_ ("Tiers"), N_ ("Switch tiers of the Clos"), ROW_CHOICE, 0, 0, 0, FALSE, "size" },
  { "oversubscription", N_ ("Oversubscription"), N_ ("Leaf down:up ratio, R:1"), ROW_RATIO, 1, 64,
    0, FALSE, "size" },
  { "switch", N_ ("Switch"), N_ ("Default suits the protocol and speed"), ROW_CHOICE, 0, 0, 0,
    FALSE, "hardware" },
  { "radix", N_ ("Ports used"), N_ ("Automatic uses every port at this speed"), ROW_COUNT, 0, 4096,
    1, TRUE, "hardware" },
  { "speed", N_ ("Link speed"), NULL, ROW_CHOICE, 0, 0, 0, FALSE, "hardware" },
  { "protocol", N_ ("Protocol"), NULL, ROW_CHOICE, 0, 0, 0, FALSE, "hardware" },
  { "optics", N_ ("Optics"), N_ ("For links beyond copper reach"), ROW_CHOICE, 0, 0, 0, FALSE,
    "hardware" },
  { "nic", N_ ("NIC"), N_ ("Default suits the speed"), ROW_CHOICE, 0, 0, 0, FALSE, "hardware" },
  { "planes", N_ ("NIC planes"), N_ ("Each GPU's link speed split over one leaf per plane"),
    ROW_CHOICE, 0, 0, 0, FALSE, "hardware" },
  { "scale-up", N_ ("Scale-up"), N_ ("NVLink-class domain inside servers"), ROW_CHOICE, 0, 0, 0,
    FALSE, "hardware" },
  { "servers-per-rack", N_ ("Servers per rack"), NULL, ROW_COUNT, 0, 256, 1, TRUE, "hardware" },
};

/* A line under a row: what the panel derived or rounded there, or why it refused. */
typedef struct
{
  GtkWidget *row;
  GtkLabel  *label;
} Note;

typedef struct
{
  const RowSpec *spec;
  GtkWidget     *row;
  GtkWidget     *editor;     /* spin button, or NULL for combo and entry rows */
  GPtrArray     *values;     /* ROW_CHOICE: the parameter text of each item; NULL = default */
  gboolean       automatic;  /* 0 shows as "Automatic" for the architecture shown */
  Note           note;
} Row;

struct _WeftGeneratorPanel
{
  AdwBin           parent_instance;

  WeftCatalog     *catalog;
  WeftGenParams    params;
  WeftGenParams    shown;        /* those of the fabric on screen */
  char            *error;
  const Note      *error_note;   /* where the error is shown */

  AdwComboRow     *arch_row;
  Note             arch_note;
  Row              rows[G_N_ELEMENTS (row_specs)];
  const Row       *last_changed;
  guint            shown_gpus;   /* of the fabric on screen */
  guint            generate_source;
  guint            updating;
};

G_DEFINE_FINAL_TYPE (WeftGeneratorPanel, weft_generator_panel, ADW_TYPE_BIN)

enum {
  SIGNAL_GENERATE,
  SIGNAL_NOTES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A key means another thing in each architecture that reads it: its
 * title and subtitle there, NULL for the spec's own. */
static void
row_text (WeftArch       arch,
          const RowSpec *spec,
          const char   **title,
          const char   **subtitle)
{
  static const struct
  {
    WeftArch    arch;
    const char *key;
    const char *title;
    const char *subtitle;
  } texts[] = {
    { WEFT_ARCH_DRAGONFLY_PLUS, "p", N_("GPUs per leaf"), N_("Dragonfly+ p") },
    { WEFT_ARCH_DRAGONFLY_PLUS, "h", N_("Global links per spine"), N_("Dragonfly+ h") },
    { WEFT_ARCH_DRAGONFLY_PLUS, "groups", NULL, N_("Dragonfly+ g; automatic is spines·h + 1") },
    { WEFT_ARCH_SLIM_FLY, "p", NULL, N_("Slim Fly p; automatic is about k′/2, k′ = (3q − δ)/2") },
    { WEFT_ARCH_HYPERX, "p", N_("GPUs per switch"),
      N_("HyperX T; automatic keeps full bisection") },
    { WEFT_ARCH_HYPERX, "dims", N_("Lattice, e.g. 16x8 (empty: from the GPUs)"), NULL },
    { WEFT_ARCH_JELLYFISH, "p", N_("GPUs per switch"),
      N_("Jellyfish k − r; automatic is a quarter of the ports") },
  };

  *title = _(spec->title);
  *subtitle = spec->subtitle ? _(spec->subtitle) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].arch == arch && g_str_equal (texts[i].key, spec->key))
      {
        if (texts[i].title != NULL)
          *title = _(texts[i].title);
        if (texts[i].subtitle != NULL)
          *subtitle = _(texts[i].subtitle);
      }
}

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->values, g_ptr_array_unref);
}

static void
weft_generator_panel_dispose (GObject *object)
{
  WeftGeneratorPanel *self = WEFT_GENERATOR_PANEL (object);

  g_clear_handle_id (&self->generate_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    row_clear (&self->rows[i]);
  weft_gen_params_clear (&self->params);
  weft_gen_params_clear (&self->shown);
  g_clear_pointer (&self->error, g_free);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (weft_generator_panel_parent_class)->dispose (object);
}

static void
weft_generator_panel_class_init (WeftGeneratorPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_generator_panel_dispose;

  signals[SIGNAL_GENERATE] =
    g_signal_new ("generate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_NOTES_CHANGED] =
    g_signal_new ("notes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
weft_generator_panel_init (WeftGeneratorPanel *self)
{
  weft_gen_params_init (&self->params, WEFT_ARCH_RAIL_OPTIMIZED);
  weft_gen_params_init (&self->shown, WEFT_ARCH_RAIL_OPTIMIZED);
}

static gboolean
generate_cb (gpointer user_data)
{
  WeftGeneratorPanel *self = user_data;

  self->generate_source = 0;
  g_signal_emit (self, signals[SIGNAL_GENERATE], 0, &self->params);
  return G_SOURCE_REMOVE;
}

static Row *
find_row (WeftGeneratorPanel *self,
          const char         *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (g_str_equal (self->rows[i].spec->key, key))
      return &self->rows[i];
  return NULL;
}

static void
copy_params (WeftGenParams       *to,
             const WeftGenParams *from)
{
  weft_gen_params_clear (to);
  *to = *from;
  to->name = NULL;
  to->switch_part = g_strdup (from->switch_part);
  to->nic_part = g_strdup (from->nic_part);
  to->scale_up = g_strdup (from->scale_up);
}

static void
show_note (const Note *note,
           const char *text,
           gboolean    refusal)
{
  gtk_label_set_text (note->label, text);
  /* A refusal in the error colour; what the panel derived, quieter than the rows. */
  gtk_widget_remove_css_class (GTK_WIDGET (note->label), refusal ? "dim-label" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (note->label), refusal ? "error" : "dim-label");
  gtk_widget_set_visible (note->row, TRUE);
  g_signal_emit (g_object_get_data (G_OBJECT (note->row), "weft-panel"),
                 signals[SIGNAL_NOTES_CHANGED], 0);
}

static void
clear_notes (WeftGeneratorPanel *self)
{
  g_clear_pointer (&self->error, g_free);
  self->error_note = NULL;
  gtk_widget_set_visible (self->arch_note.row, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->arch_row), "error");
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    {
      gtk_widget_set_visible (self->rows[i].note.row, FALSE);
      gtk_widget_remove_css_class (self->rows[i].row, "error");
    }
  g_signal_emit (self, signals[SIGNAL_NOTES_CHANGED], 0);
}

/* A row's title for the architecture shown, as the user reads it. */
static const char *
title_of (WeftGeneratorPanel *self,
          const Row          *row)
{
  const char *title, *subtitle;

  row_text (self->params.arch, row->spec, &title, &subtitle);
  return title;
}

/* The core speaks the command line's words ("use --tiers 3"); the panel
 * names its own fields instead ("use “Tiers” 3"). */
static char *
in_panel_words (WeftGeneratorPanel *self,
                const char         *message)
{
  GString *out = g_string_new (NULL);
  const char *p = message;

  while (*p != '\0')
    {
      if (p[0] == '-' && p[1] == '-' && g_ascii_islower (p[2]))
        {
          const char *end = p + 2;
          g_autofree char *key = NULL;
          const Row *row;

          while (g_ascii_islower (*end) || *end == '-')
            end++;
          key = g_strndup (p + 2, end - (p + 2));
          row = find_row (self, key);
          if (row != NULL)
            {
              g_string_append_printf (out, "“%s”", title_of (self, row));
              p = end;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static void show_params (WeftGeneratorPanel *self,
                         const Row          *keep);

/* A refusal: the panel goes back to the fabric on screen, and says why
 * beside the field that was changed (or the architecture). */
static void
refuse (WeftGeneratorPanel *self,
        const char         *message)
{
  const Row *row = self->last_changed;

  g_clear_handle_id (&self->generate_source, g_source_remove);
  if (!weft_gen_params_equal (&self->params, &self->shown))
    {
      copy_params (&self->params, &self->shown);
      /* Text being typed stays as typed. */
      show_params (self, row != NULL && row->spec->type == ROW_TEXT ? row : NULL);
    }
  clear_notes (self);
  self->error = in_panel_words (self, message);
  self->error_note = row != NULL ? &row->note : &self->arch_note;
  show_note (self->error_note, self->error, TRUE);
  gtk_widget_add_css_class (row != NULL ? row->row : GTK_WIDGET (self->arch_row), "error");
}

/* What the fit changed, said under the rows it changed. */
static void
explain_fit (WeftGeneratorPanel  *self,
             const WeftGenParams *asked)
{
  if (self->params.tiers != asked->tiers)
    {
      g_autofree char *text = g_strdup_printf (_("%u tiers: %u tiers do not reach this many GPUs"),
                                               self->params.tiers, asked->tiers);
      show_note (&find_row (self, "tiers")->note, text, FALSE);
    }
  if (self->params.gpus != asked->gpus)
    {
      g_autofree char *got = weft_format_count (self->params.gpus);
      g_autofree char *want = weft_format_count (asked->gpus);
      g_autofree char *text = g_strdup_printf (
          _("Nearest size that builds: %s GPUs (%s asked)"), got, want);
      show_note (&find_row (self, "gpus")->note, text, FALSE);
    }
}

/* Fit the parameters to a fabric that builds, say what that changed, and
 * schedule the generation; or refuse. */
static void
check (WeftGeneratorPanel *self,
       gboolean            generate)
{
  g_auto(WeftGenParams) asked = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  copy_params (&asked, &self->params);
  clear_notes (self);
  if (!weft_generator_fit (self->catalog, &self->params, &note, &error))
    {
      refuse (self, error->message);
      return;
    }
  if (note != NULL)
    {
      show_params (self, NULL);
      explain_fit (self, &asked);
    }
  if (generate)
    {
      g_clear_handle_id (&self->generate_source, g_source_remove);
      self->generate_source = g_timeout_add (GENERATE_DELAY_MS, generate_cb, self);
    }
}

/* Whether @key shapes the GPU count of @arch, so that one follows the other. */
static gboolean
shapes_size (WeftArch    arch,
             const char *key)
{
  static const struct
  {
    WeftArch    arch;
    const char *keys;
  } shapes[] = {
    { WEFT_ARCH_FAT_TREE, " k " },
    { WEFT_ARCH_DRAGONFLY, " p a h groups " },
    { WEFT_ARCH_DRAGONFLY_PLUS, " p leaves spines h groups " },
    { WEFT_ARCH_SLIM_FLY, " q p " },
    { WEFT_ARCH_HYPERX, " dims p " },
    { WEFT_ARCH_TORUS, " dims " },
  };
  g_autofree char *word = g_strdup_printf (" %s ", key);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (shapes[i].arch == arch)
      return strstr (shapes[i].keys, word) != NULL;
  return FALSE;
}

/* Parameters that determine each other follow the one just changed: a
 * typed GPU count makes the shape automatic (a torus' rings come from it),
 * a typed shape sets the GPU count (k³/4 GPUs for a fat tree). */
static void
derive (WeftGeneratorPanel *self,
        const char         *key)
{
  WeftGenParams *p = &self->params;

  if (g_str_equal (key, "gpus") && p->arch == WEFT_ARCH_TORUS)
    {
      weft_generator_torus_dims (p->gpus, p->dims, &p->n_dims);
      p->gpus = 0;
    }
  else if (g_str_equal (key, "gpus"))
    switch (p->arch)
      {
      case WEFT_ARCH_FAT_TREE:
        p->k = 0;
        break;
      case WEFT_ARCH_DRAGONFLY:
        p->p = p->a = p->h = p->groups = 0;
        break;
      case WEFT_ARCH_DRAGONFLY_PLUS:
        p->p = p->leaves = p->spines = p->h = p->groups = 0;
        break;
      case WEFT_ARCH_SLIM_FLY:
        p->p = p->q = 0;
        break;
      case WEFT_ARCH_HYPERX:
        p->p = p->n_dims = 0;
        break;
      default:
        break;
      }
  else if (shapes_size (p->arch, key) && p->arch == WEFT_ARCH_FAT_TREE)
    p->gpus = p->k ? p->k * p->k * p->k / 4 : p->gpus;
  else if (shapes_size (p->arch, key) && p->arch != WEFT_ARCH_TORUS)
    p->gpus = 0;
}

/* A parameter changed in the panel. */
static void
set_param (WeftGeneratorPanel *self,
           const Row          *row,
           const char         *value)
{
  g_auto(WeftGenParams) before = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  copy_params (&before, &self->params);

  /* An empty value returns the parameter to its default. */
  if (value == NULL)
    {
      if (g_str_equal (row->spec->key, "switch"))
        g_clear_pointer (&self->params.switch_part, g_free);
      else if (g_str_equal (row->spec->key, "nic"))
        g_clear_pointer (&self->params.nic_part, g_free);
      else if (g_str_equal (row->spec->key, "scale-up"))
        g_clear_pointer (&self->params.scale_up, g_free);
    }
  else if (g_str_equal (row->spec->key, "gpus") && self->params.arch == WEFT_ARCH_TORUS)
    self->params.gpus = (guint) g_ascii_strtoull (value, NULL, 10);
  else if (!weft_gen_params_set (&self->params, row->spec->key, value, &error))
    {
      /* Half-typed text is not refused yet: the panel keeps it and says why. */
      clear_notes (self);
      self->last_changed = row;
      self->error = in_panel_words (self, error->message);
      self->error_note = &row->note;
      show_note (&row->note, self->error, TRUE);
      gtk_widget_add_css_class (row->row, "error");
      g_clear_handle_id (&self->generate_source, g_source_remove);
      return;
    }
  /* A field showing what the panel set (a rounded size, or the value a
   * refusal put back) says nothing new; text typed back as it was clears
   * its error. */
  if (weft_gen_params_equal (&before, &self->params) && before.gpus == self->params.gpus &&
      (self->error == NULL || row->spec->type != ROW_TEXT))
    return;
  self->last_changed = row;
  derive (self, row->spec->key);
  show_params (self, row);
  check (self, TRUE);
  /* A torus' size is its rings': say which the GPU count gave. */
  if (self->error == NULL && self->params.arch == WEFT_ARCH_TORUS &&
      g_str_equal (row->spec->key, "gpus"))
    {
      GString *rings = g_string_new (NULL);
      guint64 gpus = 1;
      g_autofree char *count = NULL;
      g_autofree char *text = NULL;

      for (guint d = 0; d < self->params.n_dims; d++)
        {
          g_string_append_printf (rings, "%s%u", d ? " × " : "", self->params.dims[d]);
          gpus *= self->params.dims[d];
        }
      count = weft_format_count (gpus);
      text = gpus == g_ascii_strtoull (value, NULL, 10)
                 ? g_strdup_printf (_("Rings of %s"), rings->str)
                 : g_strdup_printf (_("Nearest torus: rings of %s, %s GPUs"), rings->str, count);
      show_note (&row->note, text, FALSE);
      g_string_free (rings, TRUE);
    }
}

/* GTK 4.8 drops text set on the spin button itself from ::output; its
 * text delegate keeps it. */
static void
show_automatic (GtkWidget *spin)
{
  gtk_editable_set_text (gtk_editable_get_delegate (GTK_EDITABLE (spin)), _("Automatic"));
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                const Row     *row)
{
  if (row->automatic && gtk_spin_button_get_value (spin) == 0)
    {
      show_automatic (GTK_WIDGET (spin));
      return TRUE;
    }
  return FALSE;
}

static void
spin_changed_cb (WeftGeneratorPanel *self,
                 GtkSpinButton      *spin)
{
  const Row *row = g_object_get_data (G_OBJECT (spin), "weft-row");
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double value = gtk_spin_button_get_value (spin);

  if (row->spec->type == ROW_RATIO)
    g_ascii_dtostr (text, sizeof text, value);
  else
    g_snprintf (text, sizeof text, "%u", (guint) value);

  /* Zero means automatic, which is the default of every such parameter. */
  if (row->automatic && value == 0)
    g_strlcpy (text, "auto", sizeof text);
  set_param (self, row, text);
}

static void
combo_selected_cb (WeftGeneratorPanel *self,
                   GParamSpec         *pspec,
                   AdwComboRow        *combo)
{
  const Row *row = g_object_get_data (G_OBJECT (combo), "weft-row");
  guint selected = adw_combo_row_get_selected (combo);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= row->values->len)
    return;
  set_param (self, row, g_ptr_array_index (row->values, selected));
}

static void
entry_changed_cb (WeftGeneratorPanel *self,
                  GtkEditable        *editable)
{
  const Row *row = g_object_get_data (G_OBJECT (editable), "weft-row");

  set_param (self, row, gtk_editable_get_text (editable));
}

static void
add_choice (GtkStringList *model,
            GPtrArray     *values,
            const char    *label,
            const char    *value)
{
  gtk_string_list_append (model, label);
  g_ptr_array_add (values, g_strdup (value));
}

static void
fill_choices (WeftGeneratorPanel *self,
              Row                *row,
              GtkStringList      *model)
{
  const char *key = row->spec->key;

  row->values = g_ptr_array_new_with_free_func (g_free);
  if (g_str_equal (key, "tiers"))
    {
      add_choice (model, row->values, _("Automatic"), "auto");
      add_choice (model, row->values, "1", "1");
      add_choice (model, row->values, "2", "2");
      add_choice (model, row->values, "3", "3");
    }
  else if (g_str_equal (key, "planes"))
    {
      add_choice (model, row->values, _("One: single-homed"), "auto");
      add_choice (model, row->values, _("Two: dual-homed, as HPN"), "2");
    }
  else if (g_str_equal (key, "speed"))
    {
      add_choice (model, row->values, "200 Gb/s", "200");
      add_choice (model, row->values, "400 Gb/s", "400");
      add_choice (model, row->values, "800 Gb/s", "800");
    }
  else if (g_str_equal (key, "protocol"))
    {
      add_choice (model, row->values, "InfiniBand", "infiniband");
      add_choice (model, row->values, "Ethernet (RoCE)", "ethernet");
    }
  else if (g_str_equal (key, "optics"))
    {
      add_choice (model, row->values, _("DSP pluggables"), "dsp");
      add_choice (model, row->values, _("Linear pluggables (LPO)"), "lpo");
      add_choice (model, row->values, _("Linear receive (LRO)"), "lro");
      add_choice (model, row->values, _("Co-packaged (CPO)"), "cpo");
    }
  else if (g_str_equal (key, "scale-up"))
    {
      g_autoptr(GPtrArray) families = weft_catalog_list_scale_up (self->catalog);

      add_choice (model, row->values, _("Default (NVLink 4)"), NULL);
      for (guint i = 0; i < families->len; i++)
        {
          const WeftScaleUpFamily *family = g_ptr_array_index (families, i);
          add_choice (model, row->values, family->name, family->id);
        }
      add_choice (model, row->values, _("None"), "none");
    }
  else
    {
      gboolean nic = g_str_equal (key, "nic");
      g_autoptr(GPtrArray) parts = weft_catalog_list_parts (self->catalog,
                                                            nic ? WEFT_PART_NIC : WEFT_PART_SWITCH);

      add_choice (model, row->values, _("Default"), NULL);
      for (guint i = 0; i < parts->len; i++)
        {
          const WeftPart *part = g_ptr_array_index (parts, i);

          /* The accelerator's own torus ports are not a choice. */
          if (weft_part_speaks (part, "ici"))
            continue;
          add_choice (model, row->values, part->name, part->id);
        }
    }
}

static GtkWidget *
make_row (WeftGeneratorPanel *self,
          Row                *row)
{
  const RowSpec *spec = row->spec;

  switch (spec->type)
    {
    case ROW_COUNT:
    case ROW_RATIO:
      {
        GtkWidget *action_row = adw_action_row_new ();
        GtkWidget *spin;

        if (spec->type == ROW_RATIO)
          spin = gtk_spin_button_new_with_range (spec->min, spec->max, 0.5);
        else
          spin = gtk_spin_button_new_with_range (spec->min, spec->max, spec->step);
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), spec->type == ROW_RATIO ? 1 : 0);
        gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
        gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
        g_object_set_data (G_OBJECT (spin), "weft-row", row);
        g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), row);
        g_signal_connect_object (spin, "value-changed", G_CALLBACK (spin_changed_cb), self,
                                 G_CONNECT_SWAPPED);
        adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), spin);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), spin);
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(spec->title), -1);
        row->editor = spin;
        return action_row;
      }

    case ROW_CHOICE:
      {
        GtkStringList *model = gtk_string_list_new (NULL);
        GtkWidget *combo = adw_combo_row_new ();

        fill_choices (self, row, model);
        adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
        g_object_unref (model);
        g_object_set_data (G_OBJECT (combo), "weft-row", row);
        g_signal_connect_object (combo, "notify::selected", G_CALLBACK (combo_selected_cb), self,
                                 G_CONNECT_SWAPPED);
        return combo;
      }

    case ROW_TEXT:
      {
        GtkWidget *entry = adw_entry_row_new ();

        g_object_set_data (G_OBJECT (entry), "weft-row", row);
        g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self,
                                 G_CONNECT_SWAPPED);
        return entry;
      }

    default:
      g_assert_not_reached ();
    }
}

static void
arch_selected_cb (WeftGeneratorPanel *self,
                  GParamSpec         *pspec,
                  AdwComboRow        *combo)
{
  WeftArch arch = adw_combo_row_get_selected (combo);
  WeftGenParams old = self->params;
  WeftGenParams params;

  if (self->updating || arch >= WEFT_N_ARCHS || arch == old.arch)
    return;

  /* Keep the hardware and the size of the fabric on screen across
   * architectures; every architecture shapes itself to that size, with
   * automatic tiers, k and Dragonfly shape, and a torus' rings from it. */
  weft_gen_params_init (&params, arch);
  params.gpus = self->shown_gpus != 0 ? self->shown_gpus : 1024;
  params.speed_gbps = old.speed_gbps;
  params.protocol = old.protocol;
  params.optics = old.optics;
  params.switch_part = g_steal_pointer (&self->params.switch_part);
  params.nic_part = g_steal_pointer (&self->params.nic_part);
  params.scale_up = g_steal_pointer (&self->params.scale_up);
  params.tiers = 0;
  if (arch == WEFT_ARCH_TORUS)
    {
      weft_generator_torus_dims (params.gpus, params.dims, &params.n_dims);
      params.gpus = 0;
      g_clear_pointer (&params.scale_up, g_free);
    }
  weft_gen_params_clear (&self->params);
  self->params = params;
  self->last_changed = NULL;
  show_params (self, NULL);
  check (self, TRUE);
}

/* A note's own row, right under the row it speaks of, hidden until needed. */
static void
add_note (WeftGeneratorPanel *self,
          Note               *note,
          GtkWidget          *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");
  note->label = GTK_LABEL (label);
  note->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (note->row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (note->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (note->row), label);
  gtk_widget_set_visible (note->row, FALSE);
  g_object_set_data (G_OBJECT (note->row), "weft-panel", self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note->row);
}

static void
build_ui (WeftGeneratorPanel *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *arch_group = adw_preferences_group_new ();
  GtkWidget *size_group = adw_preferences_group_new ();
  GtkWidget *hardware_group = adw_preferences_group_new ();
  GtkStringList *archs = gtk_string_list_new (NULL);
  GtkWidget *sidebar, *group;

  for (guint i = 0; i < WEFT_N_ARCHS; i++)
    gtk_string_list_append (archs, weft_arch_get_title (i));
  self->arch_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->arch_row), _("Architecture"));
  adw_combo_row_set_model (self->arch_row, G_LIST_MODEL (archs));
  g_object_unref (archs);
  g_signal_connect_object (self->arch_row, "notify::selected", G_CALLBACK (arch_selected_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (arch_group), _("Fabric"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (arch_group), GTK_WIDGET (self->arch_row));
  add_note (self, &self->arch_note, arch_group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (size_group), _("Size"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (hardware_group), _("Hardware"));

  for (guint i = 0; i < G_N_ELEMENTS (row_specs); i++)
    {
      Row *row = &self->rows[i];

      row->spec = &row_specs[i];
      row->automatic = row->spec->automatic;
      row->row = make_row (self, row);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), _(row->spec->title));
      if (row->spec->subtitle != NULL && ADW_IS_ACTION_ROW (row->row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _(row->spec->subtitle));
      group = g_str_equal (row->spec->group, "size") ? size_group : hardware_group;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row->row);
      add_note (self, &row->note, group);
    }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (arch_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (size_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (hardware_group));
  /* The page's clamp asks for 600 px of natural width; a sidebar should
   * ask for less, which a scrolled window that does not pass on its
   * child's natural width achieves. */
  sidebar = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sidebar), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (sidebar), FALSE);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (sidebar), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sidebar), page);
  adw_bin_set_child (ADW_BIN (self), sidebar);
  /* Nor should the page's expansion make the sidebar share the window. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), FALSE);
}

GtkWidget *
weft_generator_panel_new (WeftCatalog *catalog)
{
  WeftGeneratorPanel *self = g_object_new (WEFT_TYPE_GENERATOR_PANEL, NULL);

  self->catalog = g_object_ref (catalog);
  build_ui (self);
  show_params (self, NULL);
  return GTK_WIDGET (self);
}

typedef struct
{
  WeftGeneratorPanel *self;
  GHashTable         *values;
} Collect;

/* What a direct network's GPU count follows when left automatic; NULL
 * where it must be given (Jellyfish: its size is its only shape). */
static const char *
gpus_follow (WeftArch arch)
{
  switch (arch)
    {
    case WEFT_ARCH_DRAGONFLY:
      return _("Automatic follows p, a, h and the groups");
    case WEFT_ARCH_DRAGONFLY_PLUS:
      return _("Automatic follows p, the leaves, spines, h and the groups");
    case WEFT_ARCH_SLIM_FLY:
      return _("Automatic follows q and p");
    case WEFT_ARCH_HYPERX:
      return _("Automatic follows the lattice and p");
    case WEFT_ARCH_LEAF_SPINE:
    case WEFT_ARCH_FAT_TREE:
    case WEFT_ARCH_RAIL_OPTIMIZED:
    case WEFT_ARCH_RAIL_ONLY:
    case WEFT_ARCH_TORUS:
    case WEFT_ARCH_JELLYFISH:
    case WEFT_N_ARCHS:
    default:
      return NULL;
    }
}

static void
collect_cb (const char *key,
            const char *value,
            gpointer    user_data)
{
  g_hash_table_insert (user_data, (gpointer) g_intern_string (key), g_strdup (value));
}

static void
show_value (Row        *row,
            const char *value)
{
  switch (row->spec->type)
    {
    case ROW_COUNT:
    case ROW_RATIO:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->editor),
                                 value ? g_ascii_strtod (value, NULL) : 0);
      /* Setting the value it already has does not redraw the text. */
      if (row->automatic && value == NULL)
        show_automatic (row->editor);
      break;

    case ROW_CHOICE:
      {
        guint selected = 0;

        for (guint i = 0; i < row->values->len; i++)
          if (g_strcmp0 (g_ptr_array_index (row->values, i), value) == 0)
            selected = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), selected);
      }
      break;

    case ROW_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (row->row), value ? value : "");
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Shows self->params in the rows, all but @keep (being edited). */
static void
show_params (WeftGeneratorPanel *self,
             const Row          *keep)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  weft_gen_params_foreach (&self->params, collect_cb, values);
  self->updating++;
  adw_combo_row_set_selected (self->arch_row, self->params.arch);
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    {
      Row *row = &self->rows[i];
      gboolean gpus = g_str_equal (row->spec->key, "gpus");
      /* A torus' GPU count is its rings' product, shown and typed here. */
      gboolean torus_gpus = gpus && self->params.arch == WEFT_ARCH_TORUS;
      gboolean used = torus_gpus || weft_gen_params_arch_uses (self->params.arch, row->spec->key);

      gtk_widget_set_visible (row->row, used);
      /* A direct network's size can follow from its shape. */
      if (gpus)
        {
          const char *follows = gpus_follow (self->params.arch);

          row->automatic = follows != NULL;
          gtk_spin_button_set_range (GTK_SPIN_BUTTON (row->editor),
                                     follows ? 0 : row->spec->min, row->spec->max);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row),
                                       torus_gpus ? _("Follows the dimensions, and sets them")
                                       : follows ? follows : "");
        }
      else if (used)
        {
          const char *title, *subtitle;

          row_text (self->params.arch, row->spec, &title, &subtitle);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
          if (ADW_IS_ACTION_ROW (row->row))
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle ? subtitle : "");
          if (row->editor != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (row->editor),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        }
      if (torus_gpus && row != keep)
        {
          guint64 product = 1;
          char text[24];

          for (guint d = 0; d < self->params.n_dims; d++)
            product *= self->params.dims[d];
          g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, product);
          show_value (row, text);
        }
      else if (used && row != keep)
        show_value (row, g_hash_table_lookup (values, g_intern_string (row->spec->key)));
    }
  self->updating--;
}

void
weft_generator_panel_set_params (WeftGeneratorPanel  *self,
                                 const WeftGenParams *params,
                                 guint                gpus)
{
  gboolean same;

  g_return_if_fail (WEFT_IS_GENERATOR_PANEL (self));

  /* The fabric the panel asked for has arrived: what was said of it stays. */
  same = weft_gen_params_equal (params, &self->params);
  copy_params (&self->shown, params);
  self->shown_gpus = gpus;
  if (same)
    return;
  g_clear_handle_id (&self->generate_source, g_source_remove);
  copy_params (&self->params, params);
  self->last_changed = NULL;
  clear_notes (self);
  show_params (self, NULL);
}

const WeftGenParams *
weft_generator_panel_get_params (WeftGeneratorPanel *self)
{
  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);
  return &self->params;
}

const char *
weft_generator_panel_get_error (WeftGeneratorPanel *self)
{
  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);
  return self->error;
}

void
weft_generator_panel_refuse (WeftGeneratorPanel *self,
                             const char         *message)
{
  g_return_if_fail (WEFT_IS_GENERATOR_PANEL (self));
  refuse (self, message);
}

const char *
weft_generator_panel_get_error_key (WeftGeneratorPanel *self)
{
  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);

  if (self->error_note == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (self->rows); i++)
    if (self->error_note == &self->rows[i].note)
      return self->rows[i].spec->key;
  return "architecture";
}

static const Note *
note_of (WeftGeneratorPanel *self,
         const char         *key)
{
  const Row *row = find_row (self, key);

  return row != NULL ? &row->note : g_str_equal (key, "architecture") ? &self->arch_note : NULL;
}

const char *
weft_generator_panel_get_note (WeftGeneratorPanel *self,
                               const char         *key)
{
  const Note *note;

  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);
  note = note_of (self, key);
  if (note == NULL || !gtk_widget_get_visible (note->row))
    return NULL;
  return gtk_label_get_text (note->label);
}

GtkWidget *
weft_generator_panel_get_field (WeftGeneratorPanel *self,
                                const char         *key)
{
  const Row *row;

  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);
  if (g_str_equal (key, "architecture"))
    return GTK_WIDGET (self->arch_row);
  row = find_row (self, key);
  if (row == NULL || !gtk_widget_get_visible (row->row))
    return NULL;
  return row->editor != NULL ? row->editor : row->row;
}

char *
weft_generator_panel_get_shown (WeftGeneratorPanel *self,
                                const char         *key)
{
  const Row *row;
  AdwComboRow *combo;
  GObject *item;

  g_return_val_if_fail (WEFT_IS_GENERATOR_PANEL (self), NULL);
  row = find_row (self, key);
  if (row != NULL && row->editor != NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->editor)));
  if (row != NULL && row->spec->type == ROW_TEXT)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->row)));
  combo = row != NULL ? ADW_COMBO_ROW (row->row) : self->arch_row;
  item = adw_combo_row_get_selected_item (combo);
  return item != NULL ? g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item))) : NULL;
}
