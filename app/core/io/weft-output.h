/* weft-output.h — the one way Weft writes a file: whole, atomically, and only over a regular file.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @length bytes of @data to @path so that a crash leaves either the
 * old file or the new one, never part of either:
 * - a symbolic link is followed on purpose: the file it points to is
 *   replaced and the link stays a link. A link to nothing, a loop, or a
 *   link another user put in a shared sticky folder (/tmp) is refused;
 * - a target that exists but is not a regular file (a device such as
 *   /dev/null, a folder, a FIFO, a socket) is refused as "PATH: not a
 *   regular file", and left as it is;
 * - the bytes go to a temporary file beside the target, named
 *   ".NAME.XXXXXX.weft-tmp" and locked while it is written; it is synced,
 *   given the old file's permissions (or 0666 less the umask for a new
 *   one) and renamed over the target;
 * - a temporary file a killed save left beside the same target (unlocked,
 *   since its writer is gone) is removed first;
 * - errors name @path, never the temporary file:
 *   "cannot write /ro/x.json: Permission denied" (G_FILE_ERROR). */
gboolean     weft_output_write        (const char  *path,
                                       const void  *data,
                                       gsize        length,
                                       GError     **error);
/* The same for @bytes. */
gboolean     weft_output_write_bytes  (const char  *path,
                                       GBytes      *bytes,
                                       GError     **error);

G_END_DECLS
