/* weft-plan-csv.c — a CSV cable plan: the header's columns, then one row per cable. */
#include "io/weft-plan-private.h"

#include <math.h>
#include <string.h>

#include "io/weft-csv.h"
#include "util/weft-key-index.h"

/* The columns of one end, in the order of the a_ and b_ blocks below. */
enum
{
  END_DEVICE,
  END_PORT,
  END_RACK,
  END_U,
  END_ROLE,
  END_PART,
  END_SERVER,
  END_RAIL,
  END_POD,
  END_PLANE,
  END_GROUP,
  END_N_COLUMNS
};

enum
{
  COL_A = 0,
  COL_B = END_N_COLUMNS,
  COL_MEDIUM = 2 * END_N_COLUMNS,
  COL_CABLE_PART,
  COL_LENGTH,
  COL_SPEED,
  COL_LANES,
  COL_CLASS,
  COL_LABEL,
  N_COLUMNS
};

static const char *const end_columns[END_N_COLUMNS] = {
  "device", "port", "rack", "u", "role", "part", "server", "rail", "pod", "plane", "group",
};

static const char *const link_columns[N_COLUMNS - COL_MEDIUM] = {
  "medium", "cable_part", "length_m", "speed_gbps", "lanes", "class", "label",
};

/* Other spellings a hand-written header may use. */
static const struct
{
  const char *alias;
  const char *column;
} aliases[] = {
  { "length", "length_m" },
  { "speed", "speed_gbps" },
  { "link_class", "class" },
};

/* The text a column last held and what it meant: cables of one link repeat it. */
typedef struct
{
  char      text[32];
  gsize     len;
  gboolean  valid;
  gpointer  value;
} Memo;

static gboolean
memo_get (const Memo         *memo,
          const WeftCsvField *field,
          gpointer           *value)
{
  if (!memo->valid || field->len != memo->len || memcmp (field->data, memo->text, field->len) != 0)
    return FALSE;
  *value = memo->value;
  return TRUE;
}

static void
memo_set (Memo               *memo,
          const WeftCsvField *field,
          gpointer            value)
{
  memo->valid = field->len < sizeof memo->text;
  if (!memo->valid)
    return;
  memcpy (memo->text, field->data, field->len);
  memo->len = field->len;
  memo->value = value;
}

typedef struct
{
  Plan          *plan;
  int            columns[N_COLUMNS];   /* the field index of each column, or -1 */
  char          *names[N_COLUMNS];     /* "a_device", … */
  const WeftCsvField *fields;
  guint          n_fields;
  guint          n_header;
  guint          line;
  /* The last length, medium, cable part and class read. */
  char           length_text[32];
  gsize          length_len;
  double         length_value;
  Memo           medium;
  Memo           media;
  Memo           klass;
} CsvPlan;

static gboolean
field_is (const WeftCsvField *field,
          const char         *name)
{
  return strlen (name) == field->len && g_ascii_strncasecmp (field->data, name, field->len) == 0;
}

static gboolean
read_header (CsvPlan    *csv,
             guint       line)
{
  g_autoptr(GString) ignored = g_string_new (NULL);
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    csv->columns[c] = -1;
  for (guint f = 0; f < csv->n_fields; f++)
    {
      const WeftCsvField *field = &csv->fields[f];
      const char *name = NULL;
      int column = -1;

      for (guint i = 0; i < G_N_ELEMENTS (aliases) && name == NULL; i++)
        if (field_is (field, aliases[i].alias))
          name = aliases[i].column;
      for (guint c = 0; c < N_COLUMNS && column < 0; c++)
        if (name ? g_str_equal (name, csv->names[c]) : field_is (field, csv->names[c]))
          column = c;

      if (field_is (field, "count"))
        {
          weft_plan_error (csv->plan, line, "column count: a cable plan has one row per cable, "
                           "so list each cable on its own row");
          ok = FALSE;
        }
      else if (column < 0)
        g_string_append_printf (ignored, "%s'%.*s'", ignored->len ? ", " : "",
                                (int) field->len, field->data);
      else if (csv->columns[column] >= 0)
        {
          weft_plan_error (csv->plan, line, "column %s appears twice", csv->names[column]);
          ok = FALSE;
        }
      else
        csv->columns[column] = f;
    }
  if (ignored->len > 0)
    weft_plan_warning (csv->plan, line, "columns Weft does not read, ignored: %s", ignored->str);

  for (guint end = 0; end < 2; end++)
    for (guint c = END_DEVICE; c <= END_PORT; c++)
      if (csv->columns[end * END_N_COLUMNS + c] < 0)
        {
          weft_plan_error (csv->plan, line, "the header has no %s column (a cable plan names "
                           "a_device, a_port, b_device and b_port)",
                           csv->names[end * END_N_COLUMNS + c]);
          ok = FALSE;
        }
  for (guint g = 0; g < PLAN_N_GROUPS; g++)
    if (csv->columns[COL_A + END_SERVER + g] >= 0 || csv->columns[COL_B + END_SERVER + g] >= 0)
      weft_plan_group_given (csv->plan, g);
  return ok;
}

static const WeftCsvField *
get (CsvPlan *csv,
     guint    column)
{
  static const WeftCsvField empty = { "", 0 };
  int f = csv->columns[column];

  return f >= 0 && (guint) f < csv->n_fields ? &csv->fields[f] : &empty;
}

/* A hash of the text of columns @first to @last. Each field is hashed on
 * its own and the results summed, so that the fields' work overlaps. */
static guint64
hash_fields (CsvPlan *csv,
             guint    first,
             guint    last)
{
  guint64 h = 0;

  for (guint c = first; c <= last; c++)
    {
      const WeftCsvField *field = get (csv, c);
      guint64 acc = field->len + ((guint64) c << 32);
      gsize i = 0;

      for (; i + 8 <= field->len; i += 8)
        {
          guint64 word;

          memcpy (&word, field->data + i, sizeof word);
          acc = acc * G_GUINT64_CONSTANT (0x100000001b3) + word;
        }
      for (; i < field->len; i++)
        acc = acc * 31 + (guchar) field->data[i];
      h += weft_key_mix (acc);
    }
  return h | 1;
}

/* Rack, U, role, part and groups of one end. */
static gboolean
read_end_attributes (CsvPlan *csv,
                     guint    end,
                     guint    device)
{
  guint base = end * END_N_COLUMNS;
  guint64 hash = hash_fields (csv, base + END_RACK, base + END_GROUP);
  guint64 *memo = weft_plan_device_memo (csv->plan, device);
  const WeftCsvField *field;
  gboolean ok = TRUE;
  guint64 value;

  /* Most rows repeat what an earlier row said about the device. */
  if (*memo == hash)
    return TRUE;

  field = get (csv, base + END_RACK);
  if (field->len > 0)
    ok &= weft_plan_set_rack (csv->plan, device, field->data, field->len, csv->line,
                              csv->names[base + END_RACK]);
  field = get (csv, base + END_U);
  if (field->len > 0)
    {
      gsize skip = field->data[0] == 'U' || field->data[0] == 'u';

      if (!weft_plan_parse_uint (field->data + skip, field->len - skip, G_MAXUINT16, &value) ||
          value == 0)
        {
          weft_plan_error (csv->plan, csv->line, "%s '%.*s' is not a rack unit (1 to 65535)",
                           csv->names[base + END_U], (int) field->len, field->data);
          ok = FALSE;
        }
      else
        ok &= weft_plan_set_u (csv->plan, device, value, csv->line, csv->names[base + END_U]);
    }
  field = get (csv, base + END_ROLE);
  if (field->len > 0)
    ok &= weft_plan_set_role (csv->plan, device, field->data, field->len, csv->line,
                              csv->names[base + END_ROLE]);
  field = get (csv, base + END_PART);
  if (field->len > 0)
    ok &= weft_plan_set_part (csv->plan, device, field->data, field->len, csv->line,
                              csv->names[base + END_PART]);
  for (guint g = 0; g < PLAN_N_GROUPS; g++)
    {
      const char *name = csv->names[base + END_SERVER + g];

      field = get (csv, base + END_SERVER + g);
      if (field->len > 0)
        ok &= weft_plan_set_group (csv->plan, device, g, field->data, field->len, csv->line, name);
    }
  if (ok)
    *memo = hash;
  return ok;
}

static gboolean
read_length (CsvPlan            *csv,
             const WeftCsvField *field,
             float              *length)
{
  if (field->len == 0)
    {
      *length = NAN;
      return TRUE;
    }
  /* Parallel cables repeat their length. */
  if (field->len == csv->length_len && memcmp (field->data, csv->length_text, field->len) == 0)
    {
      *length = csv->length_value;
      return TRUE;
    }
  if (!weft_plan_read_length (csv->plan, csv->line, field->data, field->len, length))
    return FALSE;
  if (field->len < sizeof csv->length_text)
    {
      memcpy (csv->length_text, field->data, field->len);
      csv->length_len = field->len;
      csv->length_value = *length;
    }
  return TRUE;
}

/* Medium, cable part, length, speed, lanes and class of the row's cable. */
static gboolean
read_cable (CsvPlan   *csv,
            PlanCable *cable)
{
  const WeftCsvField *field;
  const WeftMediaPart *media = NULL;
  gboolean ok = TRUE;
  WeftMedium medium = WEFT_MEDIUM_AUTO;
  WeftLinkClass klass;
  guint64 number;

  gpointer value;

  field = get (csv, COL_MEDIUM);
  if (memo_get (&csv->medium, field, &value))
    medium = GPOINTER_TO_UINT (value);
  else if (field->len > 0 &&
           !weft_plan_read_medium (csv->plan, csv->line, field->data, field->len, &medium))
    ok = FALSE;
  else
    memo_set (&csv->medium, field, GUINT_TO_POINTER (medium));
  field = get (csv, COL_CABLE_PART);
  if (field->len > 0)
    {
      if (memo_get (&csv->media, field, &value))
        media = value;
      else
        {
          media = weft_plan_lookup_media (csv->plan, field->data, field->len);
          memo_set (&csv->media, field, (gpointer) media);
        }
      if (media == NULL)
        {
          weft_plan_error (csv->plan, csv->line, "cable_part '%.*s' is not a cable or "
                           "transceiver in the catalog", (int) field->len, field->data);
          ok = FALSE;
        }
      else if (medium == WEFT_MEDIUM_AUTO)
        medium = media->medium;
      else if (medium != media->medium)
        {
          weft_plan_error (csv->plan, csv->line, "cable_part %s is %s, but medium says %s",
                           media->id, weft_medium_to_string (media->medium),
                           weft_medium_to_string (medium));
          ok = FALSE;
        }
    }
  cable->medium = medium;

  ok &= read_length (csv, get (csv, COL_LENGTH), &cable->length_m);

  field = get (csv, COL_SPEED);
  cable->speed_gbps = 0;
  if (field->len > 0)
    {
      gsize len = field->len;

      if (field->data[len - 1] == 'G' || field->data[len - 1] == 'g')
        len--;
      while (len > 0 && field->data[len - 1] == ' ')
        len--;
      if (!weft_plan_parse_uint (field->data, len, 1000000, &number) || number == 0)
        {
          weft_plan_error (csv->plan, csv->line, "speed_gbps '%.*s' is not a speed in Gb/s",
                           (int) field->len, field->data);
          ok = FALSE;
        }
      else
        cable->speed_gbps = number;
    }

  field = get (csv, COL_LANES);
  cable->lanes = 0;
  if (field->len > 0)
    ok &= weft_plan_read_lanes (csv->plan, csv->line, field->data, field->len, &cable->lanes);

  field = get (csv, COL_CLASS);
  cable->link_class = WEFT_N_LINK_CLASSES;
  if (memo_get (&csv->klass, field, &value))
    cable->link_class = GPOINTER_TO_UINT (value);
  else if (field->len > 0)
    {
      if (!weft_plan_read_class (csv->plan, csv->line, field->data, field->len, &klass))
        ok = FALSE;
      else
        {
          cable->link_class = klass;
          memo_set (&csv->klass, field, GUINT_TO_POINTER (klass));
        }
    }
  return ok;
}

static void
read_row (CsvPlan *csv)
{
  static const guint required[] = {
    COL_A + END_DEVICE, COL_A + END_PORT, COL_B + END_DEVICE, COL_B + END_PORT,
  };
  g_autoptr(GString) missing = NULL;
  PlanCable cable = { 0 };
  gboolean ok = TRUE;
  guint device[2];

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (get (csv, required[i])->len == 0)
      {
        if (missing == NULL)
          missing = g_string_new (csv->names[required[i]]);
        else
          g_string_append_printf (missing, ", %s", csv->names[required[i]]);
      }
  if (missing != NULL)
    {
      weft_plan_error (csv->plan, csv->line, "%s missing", missing->str);
      return;
    }

  for (guint end = 0; end < 2; end++)
    {
      const WeftCsvField *name = get (csv, end * END_N_COLUMNS + END_DEVICE);

      device[end] = weft_plan_device (csv->plan, name->data, name->len, csv->line);
    }
  if (device[0] == device[1])
    {
      weft_plan_error (csv->plan, csv->line, "both ends are on %s",
                       weft_plan_device_name (csv->plan, device[0]));
      return;
    }
  for (guint end = 0; end < 2; end++)
    {
      const WeftCsvField *port = get (csv, end * END_N_COLUMNS + END_PORT);

      ok &= read_end_attributes (csv, end, device[end]);
      ok &= weft_plan_use_port (csv->plan, device[end], port->data, port->len, csv->line);
    }
  ok &= read_cable (csv, &cable);
  if (!ok)
    return;
  cable.a = device[0];
  cable.b = device[1];
  cable.count = 1;
  weft_plan_add_cables (csv->plan, &cable, csv->line);
}

/* Fields beyond the header's columns are a mistake unless empty (a trailing comma). */
static gboolean
fits_header (CsvPlan *csv)
{
  for (guint f = csv->n_header; f < csv->n_fields; f++)
    if (csv->fields[f].len > 0)
      {
        weft_plan_error (csv->plan, csv->line, "%u fields, but the header names %u columns",
                         csv->n_fields, csv->n_header);
        return FALSE;
      }
  return TRUE;
}

gboolean
weft_plan_read_csv (Plan       *plan,
                    const char *data,
                    gsize       length)
{
  g_auto(WeftCsvReader) reader = { 0 };
  g_autoptr(GError) error = NULL;
  CsvPlan csv = { plan };
  gboolean header = TRUE, header_ok = TRUE;
  guint line = 0, n_rows = 0;

  for (guint end = 0; end < 2; end++)
    for (guint c = 0; c < END_N_COLUMNS; c++)
      csv.names[end * END_N_COLUMNS + c] = g_strdup_printf ("%c_%s", "ab"[end], end_columns[c]);
  for (guint c = COL_MEDIUM; c < N_COLUMNS; c++)
    csv.names[c] = g_strdup (link_columns[c - COL_MEDIUM]);

  weft_csv_reader_init (&reader, data, length);
  while (weft_csv_reader_next (&reader, &line, &error))
    {
      csv.fields = weft_csv_reader_fields (&reader, &csv.n_fields);
      csv.line = line;
      if (header)
        {
          header_ok = read_header (&csv, line);
          csv.n_header = csv.n_fields;
          header = FALSE;
          if (!header_ok)
            break;
          continue;
        }
      n_rows++;
      if (!fits_header (&csv))
        continue;
      read_row (&csv);
    }
  if (error != NULL)
    weft_plan_error (plan, line, "%s", error->message);
  else if (header)
    weft_plan_error (plan, 0, "the file is empty: a cable plan starts with a header naming "
                     "its columns (a_device, a_port, b_device, b_port, …)");
  else if (header_ok && n_rows == 0)
    weft_plan_error (plan, 0, "the plan lists no cables");

  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (csv.names[c]);
  return weft_plan_n_errors (plan) == 0;
}
