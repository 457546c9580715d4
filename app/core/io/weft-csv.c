/* weft-csv.c — reading RFC 4180 rows in place, one hand loop per field, and quoting fields. */
#include "io/weft-csv.h"

#include <gio/gio.h>
#include <string.h>

void
weft_csv_reader_init (WeftCsvReader *reader,
                      const char    *data,
                      gsize          length)
{
  reader->p = data;
  reader->end = data + length;
  reader->line = 1;
  reader->capacity = 32;
  reader->fields = g_new (WeftCsvField, reader->capacity);
  reader->offsets = g_new (gssize, reader->capacity);
  reader->n_fields = 0;
  reader->escaped = FALSE;
  reader->scratch = g_string_sized_new (256);
  /* A UTF-8 byte order mark, as spreadsheets write it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    reader->p += 3;
}

void
weft_csv_reader_clear (WeftCsvReader *reader)
{
  g_clear_pointer (&reader->fields, g_free);
  g_clear_pointer (&reader->offsets, g_free);
  if (reader->scratch != NULL)
    g_string_free (reader->scratch, TRUE);
  reader->scratch = NULL;
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The bytes that end an unquoted field or should not be in one (1), and
 * those that make the row's UTF-8 worth checking (2). */
#define B2(x) [x] = 2, [x + 1] = 2
#define B8(x) B2 (x), B2 (x + 2), B2 (x + 4), B2 (x + 6)
#define B32(x) B8 (x), B8 (x + 8), B8 (x + 16), B8 (x + 24)
static const guint8 special[256] = {
  [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, ['\0'] = 2,
  B32 (0x80), B32 (0xa0), B32 (0xc0), B32 (0xe0),
};
#undef B32
#undef B8
#undef B2

static inline void
add_field (WeftCsvReader *reader,
           const char    *data,
           gsize          len,
           gssize         offset)
{
  if (G_UNLIKELY (reader->n_fields == reader->capacity))
    {
      reader->capacity *= 2;
      reader->fields = g_renew (WeftCsvField, reader->fields, reader->capacity);
      reader->offsets = g_renew (gssize, reader->offsets, reader->capacity);
    }
  reader->fields[reader->n_fields].data = data;
  reader->fields[reader->n_fields].len = len;
  reader->offsets[reader->n_fields++] = offset;
}

/* A quoted field from just after its opening quote; leaves reader->p after
 * the closing quote. */
static gboolean
read_quoted (WeftCsvReader  *reader,
             GError        **error)
{
  const char *start = reader->p, *p = reader->p, *end = reader->end;
  gboolean escaped = FALSE;
  gsize offset = 0;

  for (;;)
    {
      const char *quote = memchr (p, '"', end - p);

      for (const char *q = p; q < (quote ? quote : end); q++)
        reader->line += *q == '\n';
      if (quote == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "a quoted field is not closed");
          return FALSE;
        }
      if (quote + 1 < end && quote[1] == '"')
        {
          if (!escaped)
            {
              offset = reader->scratch->len;
              escaped = TRUE;
            }
          g_string_append_len (reader->scratch, p, quote + 1 - p);
          p = quote + 2;
          continue;
        }
      if (escaped)
        {
          g_string_append_len (reader->scratch, p, quote - p);
          add_field (reader, NULL, reader->scratch->len - offset, offset);
          reader->escaped = TRUE;
        }
      else
        add_field (reader, start, quote - start, -1);
      reader->p = quote + 1;
      return TRUE;
    }
}

gboolean
weft_csv_reader_next (WeftCsvReader  *reader,
                      guint          *row_line,
                      GError        **error)
{
  const char *end = reader->end;

  reader->n_fields = 0;
  reader->escaped = FALSE;
  g_string_truncate (reader->scratch, 0);

  while (reader->p < end)
    {
      const char *row_start = reader->p;
      gboolean blank = TRUE, check = FALSE;

      *row_line = reader->line;
      for (;;)
        {
          const char *p = reader->p;

          while (p < end && is_blank (*p))
            p++;
          if (p < end && *p == '"')
            {
              guint opened = reader->line;

              reader->p = p + 1;
              check = TRUE;
              if (!read_quoted (reader, error))
                {
                  *row_line = opened;
                  return FALSE;
                }
              p = reader->p;
              while (p < end && is_blank (*p))
                p++;
              if (p < end && *p != ',' && *p != '\n' && *p != '\r')
                {
                  *row_line = reader->line;
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "text after a closing quote (a quote inside a quoted field "
                               "is written \"\")");
                  return FALSE;
                }
              blank = FALSE;
            }
          else
            {
              const char *start = p, *last;

              for (;;)
                {
                  while (p < end && !special[(guchar) *p])
                    p++;
                  if (G_LIKELY (p == end || special[(guchar) *p] != 2))
                    break;
                  check = TRUE;
                  p++;
                }
              if (G_UNLIKELY (p < end && *p == '"'))
                {
                  *row_line = reader->line;
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "a quote inside an unquoted field (quote the whole field "
                               "and write the quote as \"\")");
                  return FALSE;
                }
              last = p;
              while (last > start && is_blank (last[-1]))
                last--;
              add_field (reader, start, last - start, -1);
              blank &= last == start;
            }

          if (p < end && *p == ',')
            {
              reader->p = p + 1;
              continue;
            }
          /* The end of the row: LF, CRLF, a lone CR, or the end of the data. */
          if (p < end && *p == '\r')
            p++;
          if (p < end && *p == '\n')
            p++;
          reader->p = p;
          reader->line++;
          break;
        }

      /* Bytes beyond ASCII, or a NUL: the row must be UTF-8 text. */
      if (G_UNLIKELY (check) && !g_utf8_validate_len (row_start, reader->p - row_start, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the row is not UTF-8 text (save the plan as UTF-8)");
          return FALSE;
        }
      /* An empty line, or one of commas only, is no row. */
      if (!blank)
        {
          /* The scratch buffer may have moved while it grew. */
          for (guint i = 0; reader->escaped && i < reader->n_fields; i++)
            if (reader->offsets[i] >= 0)
              reader->fields[i].data = reader->scratch->str + reader->offsets[i];
          return TRUE;
        }
      reader->n_fields = 0;
      reader->escaped = FALSE;
    }
  return FALSE;
}

void
weft_csv_append_field (GString    *out,
                       const char *text,
                       gssize      length)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gboolean quote = len > 0 && (is_blank (text[0]) || is_blank (text[len - 1]));

  for (gsize i = 0; i < len && !quote; i++)
    quote = text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';
  if (!quote)
    {
      g_string_append_len (out, text, len);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}
