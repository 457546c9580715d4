/* weft-json-writer.c — JSON string escaping and number formatting for the canonical writers. */
#include "io/weft-json-writer.h"

#include <math.h>

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

void
weft_json_append_double (GString *out,
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
