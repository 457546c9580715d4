/* weft-input.c — reading a whole input file, or standard input for "-", refusing what is not a
 * file. */
#include "io/weft-input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
weft_input_display_name (const char *path)
{
  if (g_str_equal (path, "-"))
    return g_strdup ("standard input");
  return g_filename_display_name (path);
}

static GBytes *
read_all (int          fd,
          const char  *display,
          GError     **error)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", display,
                       g_strerror (saved));
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }
  return g_byte_array_free_to_bytes (bytes);
}

GBytes *
weft_input_read (const char  *path,
                 GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  int fd, saved;

  g_return_val_if_fail (path != NULL, NULL);

  display = weft_input_display_name (path);
  if (g_str_equal (path, "-"))
    return read_all (STDIN_FILENO, display, error);

  /* Open first, then look at what was opened: checking the path before
   * opening it would leave a window in which it could change. O_NONBLOCK
   * keeps a FIFO with no writer from blocking the open. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", display,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", display,
                   g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "%s: not a regular file (a folder)",
                     display);
      else if (S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                     "%s: not a regular file (a pipe); give - to read standard input", display);
      else
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a regular file (a device)",
                     display);
      return NULL;
    }
  if (st.st_size == 0)
    {
      /* An empty file maps to no memory at all. */
      close (fd);
      return g_bytes_new_static ("", 0);
    }

  /* Mapped, not read: a fabric file may hold 70 MB. The mapping outlives
   * the descriptor. */
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, "%s: cannot read it", display);
      return NULL;
    }
  return g_mapped_file_get_bytes (mapped);
}
