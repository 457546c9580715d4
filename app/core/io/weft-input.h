/* weft-input.h — reading a whole input file, or standard input for "-", refusing what is not a
 * file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A whole input, as a parser takes it. */
typedef struct
{
  GBytes     *bytes;
  const char *data;     /* never NULL: "" when the input is empty */
  gsize       length;
  char       *display;  /* how messages name it: "standard input" for "-", else its display name */
} WeftInput;

/* Reads the whole of @path into @input: a regular file (mapped, not copied),
 * or standard input when @path is "-". Anything else — a directory, a
 * device, a FIFO — is refused as "PATH: not a regular file" (G_FILE_ERROR),
 * and a file that cannot be opened as "PATH: <reason>"; FALSE then. Clear
 * @input with weft_input_clear either way. */
gboolean     weft_input_read         (WeftInput   *input,
                                      const char  *path,
                                      GError     **error);
void         weft_input_clear        (WeftInput   *input);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftInput, weft_input_clear)

G_END_DECLS
