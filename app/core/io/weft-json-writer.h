/* weft-json-writer.h — the one way Weft writes JSON: a streaming writer into a GString.
 *
 * It serves the 70 MB fabric file and a small metrics report alike: nothing
 * is built in memory but the text itself. A container is either a block
 * (each member on its own indented line) or inline (all on one line, as the
 * fabric file writes one record per line); a container opened inside an
 * inline one is inline too. Strings are escaped, doubles are written in the
 * shortest text that reads back as the same value, and a value that is not
 * finite is written as null.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GString  *out;
  guint     depth;
  guint64   empty;      /* a bit per depth: the container has no member yet */
  guint64   inline_;    /* a bit per depth: the container is written on one line */
  gboolean  after_key;
} WeftJsonWriter;

void weft_json_writer_init          (WeftJsonWriter *w,
                                     GString        *out);

void weft_json_begin_object         (WeftJsonWriter *w);
void weft_json_begin_inline_object  (WeftJsonWriter *w);
void weft_json_end_object           (WeftJsonWriter *w);
void weft_json_begin_array          (WeftJsonWriter *w);
void weft_json_begin_inline_array   (WeftJsonWriter *w);
void weft_json_end_array            (WeftJsonWriter *w);

/* The name of the next value, inside an object. */
void weft_json_key                  (WeftJsonWriter *w,
                                     const char     *key);

/* NULL is written as null. */
void weft_json_string               (WeftJsonWriter *w,
                                     const char     *value);
void weft_json_int                  (WeftJsonWriter *w,
                                     gint64          value);
void weft_json_double               (WeftJsonWriter *w,
                                     double          value);
/* The shortest text that reads back as the same float. */
void weft_json_float                (WeftJsonWriter *w,
                                     float           value);
void weft_json_bool                 (WeftJsonWriter *w,
                                     gboolean        value);
void weft_json_null                 (WeftJsonWriter *w);
/* A number already spelled as JSON text (a parameter kept as the user wrote it). */
void weft_json_number_text          (WeftJsonWriter *w,
                                     const char     *text);

/* A key and its value in one call. */
void weft_json_member_string        (WeftJsonWriter *w,
                                     const char     *key,
                                     const char     *value);
void weft_json_member_int           (WeftJsonWriter *w,
                                     const char     *key,
                                     gint64          value);
void weft_json_member_double        (WeftJsonWriter *w,
                                     const char     *key,
                                     double          value);
void weft_json_member_bool          (WeftJsonWriter *w,
                                     const char     *key,
                                     gboolean        value);

/* The writer's text primitives, for formats that borrow JSON's spelling
 * (DOT's quoted strings, GraphML's numbers): @str escaped with its quotes,
 * and the shortest text that reads back as the same float. */
void weft_json_append_string        (GString        *out,
                                     const char     *str);
void weft_json_append_float         (GString        *out,
                                     float           value);

G_END_DECLS
