/* weft-json-writer.h — appending JSON text to a GString: escaped strings and round-trip numbers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void weft_json_append_string (GString    *out,
                              const char *str);
/* The shortest text that reads back as the same double. */
void weft_json_append_double (GString    *out,
                              double      value);
/* The shortest text that reads back as the same float. */
void weft_json_append_float  (GString    *out,
                              float       value);

G_END_DECLS
