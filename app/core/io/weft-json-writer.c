/* weft-json-writer.c — a streaming JSON writer: blocks and inline containers, escaped strings,
 * round-trip numbers. */
#include "io/weft-json-writer.h"

#include <math.h>

#define BIT(depth) (G_GUINT64_CONSTANT (1) << (depth))

void
weft_json_append_string (GString    *out,
                         const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      unsigned char c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
}

void
weft_json_append_float (GString *out,
                        float    value)
{
  static const char *formats[] = { "%.1g", "%.2g", "%.3g", "%.4g", "%.5g", "%.6g", "%.7g",
                                   "%.8g", "%.9g" };
  char buf[32] = "";

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Nine significant digits always read back as the same float. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if ((float) g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

void
weft_json_writer_init (WeftJsonWriter *w,
                       GString        *out)
{
  *w = (WeftJsonWriter) { .out = out };
}

static void
indent (WeftJsonWriter *w,
        guint           depth)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

/* Separates a value from the one before it in its container, unless a key
 * has just introduced it. */
static void
before_value (WeftJsonWriter *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth == 0)
    return;
  if (w->inline_ & BIT (w->depth))
    g_string_append (w->out, (w->empty & BIT (w->depth)) ? "" : ", ");
  else
    {
      g_string_append (w->out, (w->empty & BIT (w->depth)) ? "" : ",");
      indent (w, w->depth);
    }
  w->empty &= ~BIT (w->depth);
}

static void
open_container (WeftJsonWriter *w,
                char            bracket,
                gboolean        on_one_line)
{
  gboolean parent_inline = w->depth > 0 && (w->inline_ & BIT (w->depth));

  before_value (w);
  g_return_if_fail (w->depth < 63);
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->empty |= BIT (w->depth);
  if (on_one_line || parent_inline)
    w->inline_ |= BIT (w->depth);
  else
    w->inline_ &= ~BIT (w->depth);
}

static void
close_container (WeftJsonWriter *w,
                 char            bracket)
{
  g_return_if_fail (w->depth > 0);
  if (!(w->inline_ & BIT (w->depth)) && !(w->empty & BIT (w->depth)))
    indent (w, w->depth - 1);
  g_string_append_c (w->out, bracket);
  w->depth--;
  if (w->depth == 0)
    g_string_append_c (w->out, '\n');
}

void
weft_json_begin_object (WeftJsonWriter *w)
{
  open_container (w, '{', FALSE);
}

void
weft_json_begin_inline_object (WeftJsonWriter *w)
{
  open_container (w, '{', TRUE);
}

void
weft_json_end_object (WeftJsonWriter *w)
{
  close_container (w, '}');
}

void
weft_json_begin_array (WeftJsonWriter *w)
{
  open_container (w, '[', FALSE);
}

void
weft_json_begin_inline_array (WeftJsonWriter *w)
{
  open_container (w, '[', TRUE);
}

void
weft_json_end_array (WeftJsonWriter *w)
{
  close_container (w, ']');
}

void
weft_json_key (WeftJsonWriter *w,
               const char     *key)
{
  before_value (w);
  weft_json_append_string (w->out, key);
  g_string_append (w->out, ": ");
  w->after_key = TRUE;
}

void
weft_json_string (WeftJsonWriter *w,
                  const char     *value)
{
  before_value (w);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    weft_json_append_string (w->out, value);
}

void
weft_json_int (WeftJsonWriter *w,
               gint64          value)
{
  before_value (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
weft_json_double (WeftJsonWriter *w,
                  double          value)
{
  before_value (w);
  append_double (w->out, value);
}

void
weft_json_float (WeftJsonWriter *w,
                 float           value)
{
  before_value (w);
  weft_json_append_float (w->out, value);
}

void
weft_json_bool (WeftJsonWriter *w,
                gboolean        value)
{
  before_value (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
weft_json_null (WeftJsonWriter *w)
{
  before_value (w);
  g_string_append (w->out, "null");
}

void
weft_json_number_text (WeftJsonWriter *w,
                       const char     *text)
{
  before_value (w);
  g_string_append (w->out, text);
}

void
weft_json_member_string (WeftJsonWriter *w,
                         const char     *key,
                         const char     *value)
{
  weft_json_key (w, key);
  weft_json_string (w, value);
}

void
weft_json_member_int (WeftJsonWriter *w,
                      const char     *key,
                      gint64          value)
{
  weft_json_key (w, key);
  weft_json_int (w, value);
}

void
weft_json_member_double (WeftJsonWriter *w,
                         const char     *key,
                         double          value)
{
  weft_json_key (w, key);
  weft_json_double (w, value);
}

void
weft_json_member_bool (WeftJsonWriter *w,
                       const char     *key,
                       gboolean        value)
{
  weft_json_key (w, key);
  weft_json_bool (w, value);
}
