/* weft-input.h — reading a whole input file, or standard input for "-", refusing what is not a
 * file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The whole of @path: a regular file (mapped, not copied), or standard input
 * when @path is "-". Anything else — a directory, a device, a FIFO — is
 * refused as "PATH: not a regular file" (G_FILE_ERROR), and a file that
 * cannot be opened as "PATH: <reason>". */
GBytes     *weft_input_read         (const char  *path,
                                     GError     **error);
/* How messages name @path: "standard input" for "-", else its display name. */
char       *weft_input_display_name (const char  *path);

G_END_DECLS
