/* weft-input.c — reading a whole input file, or standard input for "-", refusing what is not a
 * file. */
#include "io/weft-input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
display_name (const char *path)
{
  if (g_str_equal (path, "-"))
    return g_strdup ("standard input");
  return g_filename_display_name (path);
}

/* "PATH: <reason>" for the failure errno called @saved. */
static void
set_errno_error (GError     **error,
                 const char  *display,
                 int          saved)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", display,
               g_strerror (saved));
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
          set_errno_error (error, display, errno);
          g_byte_array_unref (bytes);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
read_bytes (const char  *path,
            const char  *display,
            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  int fd, saved;

  if (g_str_equal (path, "-"))
    return read_all (STDIN_FILENO, display, error);

  /* Open first, then look at what was opened: checking the path before
   * opening it would leave a window in which it could change. O_NONBLOCK
   * keeps a FIFO with no writer from blocking the open. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      set_errno_error (error, display, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      set_errno_error (error, display, saved);
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

gboolean
weft_input_read (WeftInput   *input,
                 const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (input != NULL && path != NULL, FALSE);

  *input = (WeftInput) { 0 };
  input->display = display_name (path);
  input->bytes = read_bytes (path, input->display, error);
  if (input->bytes == NULL)
    return FALSE;
  /* GBytes may hold no memory at all when empty. */
  input->data = g_bytes_get_data (input->bytes, &input->length);
  if (input->length == 0)
    input->data = "";
  return TRUE;
}

void
weft_input_clear (WeftInput *input)
{
  g_clear_pointer (&input->bytes, g_bytes_unref);
  g_clear_pointer (&input->display, g_free);
  input->data = NULL;
  input->length = 0;
}
