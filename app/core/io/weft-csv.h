/* weft-csv.h — a small RFC 4180 reader over a buffer, and field quoting for writers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A field of the current row: not NUL-terminated, valid until the next row. */
typedef struct
{
  const char *data;
  gsize       len;
} WeftCsvField;

/* Reads rows from a buffer without copying it: a field points into the
 * buffer unless it holds a doubled quote, which is undone in a scratch
 * buffer. Commas separate fields, rows end with LF or CRLF, a quoted field
 * may hold commas, quotes ("") and line breaks; spaces around an unquoted
 * field are dropped, as hand-written files put them there. */
typedef struct
{
  const char   *p;
  const char   *end;
  guint         line;      /* the line the next row starts on, 1-based */
  WeftCsvField *fields;    /* of the current row */
  gssize       *offsets;   /* per field, its offset in scratch when unescaped there, or -1 */
  guint         n_fields;
  guint         capacity;
  gboolean      escaped;   /* some field of the row is in scratch */
  GString      *scratch;
} WeftCsvReader;

void      weft_csv_reader_init  (WeftCsvReader  *reader,
                                 const char     *data,
                                 gsize           length);
void      weft_csv_reader_clear (WeftCsvReader  *reader);
/* The next row that is not blank: TRUE with its fields and the line it
 * starts on; FALSE at the end, or with @error and *@row_line the line at
 * fault (the message names neither file nor line: "a quoted field is not
 * closed"). */
gboolean  weft_csv_reader_next  (WeftCsvReader  *reader,
                                 guint          *row_line,
                                 GError        **error);
/* The current row's fields. */
static inline const WeftCsvField *
weft_csv_reader_fields (WeftCsvReader *reader,
                        guint         *n_fields)
{
  *n_fields = reader->n_fields;
  return reader->fields;
}

/* Appends @text as one field, quoted when it holds a comma, a quote or a line break. */
void      weft_csv_append_field (GString        *out,
                                 const char     *text,
                                 gssize          length);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftCsvReader, weft_csv_reader_clear)

G_END_DECLS
