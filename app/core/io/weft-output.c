/* weft-output.c — the one way Weft writes a file: whole, atomically, and only over a regular file.
 */
#include "io/weft-output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMP_SUFFIX ".weft-tmp"
#define TEMP_RANDOM 6
/* A name is at most 255 bytes: the temporary file keeps this much of the target's. */
#define TEMP_BASE_MAX 200
/* As the kernel: more links than this in a row is a loop. */
#define MAX_LINKS 40

static gboolean
fail_errno (GError     **error,
            int          saved,
            const char  *display)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot write %s: %s", display,
               g_strerror (saved));
  return FALSE;
}

static const char *
kind_of (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "a device";
  if (S_ISFIFO (mode))
    return "a pipe";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a file";
}

/* The file @path names once its symbolic links are followed, into @target;
 * @exists says whether it is there, and @st then describes it.
 *
 * Links are followed deliberately, one at a time, rather than by open():
 * saving through a link replaces the file it points to and keeps the link,
 * which is what a user who linked a file means; renaming over the link
 * itself would turn it into a copy. What a careless or hostile link could
 * do is refused instead: a link to nothing (following it would create a
 * file wherever it points), a loop, and a link in a shared sticky folder
 * such as /tmp that neither we nor the folder's owner made — the rule of
 * the kernel's protected_symlinks, which following by hand would bypass. */
static gboolean
resolve_target (const char   *path,
                const char   *display,
                char        **target,
                gboolean     *exists,
                struct stat  *st,
                GError      **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0;; hops++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *link = NULL;
      g_autoptr(GError) local_error = NULL;
      struct stat dir_st;

      if (lstat (current, st) != 0)
        {
          int saved = errno;

          if (saved == ENOENT && hops == 0)
            {
              /* A new file; a missing folder fails when the temporary file is made. */
              *exists = FALSE;
              *target = g_steal_pointer (&current);
              return TRUE;
            }
          if (saved == ENOENT)
            {
              g_autofree char *shown = g_filename_display_name (current);

              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                           "cannot write %s: it is a symbolic link to %s, which does not exist",
                           display, shown);
              return FALSE;
            }
          return fail_errno (error, saved, display);
        }

      if (!S_ISLNK (st->st_mode))
        {
          if (!S_ISREG (st->st_mode))
            {
              g_autofree char *shown = g_filename_display_name (current);

              if (hops == 0)
                g_set_error (error, G_FILE_ERROR,
                             S_ISDIR (st->st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
                             "%s: not a regular file (%s)", display, kind_of (st->st_mode));
              else
                g_set_error (error, G_FILE_ERROR,
                             S_ISDIR (st->st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
                             "%s: not a regular file (a symbolic link to %s, %s)", display, shown,
                             kind_of (st->st_mode));
              return FALSE;
            }
          *exists = TRUE;
          *target = g_steal_pointer (&current);
          return TRUE;
        }

      if (hops == MAX_LINKS)
        return fail_errno (error, ELOOP, display);

      dir = g_path_get_dirname (current);
      if (stat (dir, &dir_st) == 0 && (dir_st.st_mode & S_ISVTX) && (dir_st.st_mode & S_IWOTH) &&
          st->st_uid != geteuid () && st->st_uid != dir_st.st_uid)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                       "cannot write %s: it is a symbolic link another user made in a shared "
                       "folder; Weft does not follow it", display);
          return FALSE;
        }

      link = g_file_read_link (current, &local_error);
      if (link == NULL)
        return fail_errno (error, local_error->code == G_FILE_ERROR_NOENT ? ENOENT : EINVAL,
                           display);
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link)
                                          : g_build_filename (dir, link, NULL);
    }
}

/* ".NAME." — what every temporary file for @base starts with. */
static char *
temp_prefix (const char *base)
{
  return g_strdup_printf (".%.*s.", TEMP_BASE_MAX, base);
}

/* Removes the temporary files a killed save to the same target left. A
 * save holds a lock on its temporary file while it writes, and the kernel
 * drops the lock when the process dies, so a file that can be locked is
 * stale; one that cannot belongs to a save still running. */
static void
remove_stale_temps (const char *dir,
                    const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  gsize want = strlen (prefix) + TEMP_RANDOM + strlen (TEMP_SUFFIX);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat opened, named;
      int fd;

      if (strlen (name) != want || !g_str_has_prefix (name, prefix) ||
          !g_str_has_suffix (name, TEMP_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0)
        continue;
      /* Still the file that was locked: another save may have just replaced it. */
      if (fstat (fd, &opened) == 0 && S_ISREG (opened.st_mode) &&
          flock (fd, LOCK_EX | LOCK_NB) == 0 && lstat (path, &named) == 0 &&
          named.st_ino == opened.st_ino && named.st_dev == opened.st_dev)
        unlink (path);
      close (fd);
    }
}

/* A new temporary file beside the target, created (never opened: O_EXCL,
 * O_NOFOLLOW), locked and still under its name. */
static int
create_temp (const char  *dir,
             const char  *prefix,
             const char  *display,
             char       **temp,
             GError     **error)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      char random[TEMP_RANDOM + 1];
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      struct stat opened, named;
      int fd;

      for (guint i = 0; i < TEMP_RANDOM; i++)
        random[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      random[TEMP_RANDOM] = '\0';
      name = g_strconcat (prefix, random, TEMP_SUFFIX, NULL);
      path = g_build_filename (dir, name, NULL);

      fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0)
        {
          fail_errno (error, errno, display);
          return -1;
        }
      /* Locked at once; a cleaner that locked it first unlinks it, so check the name. */
      if (flock (fd, LOCK_EX) == 0 && fstat (fd, &opened) == 0 && lstat (path, &named) == 0 &&
          named.st_ino == opened.st_ino && named.st_dev == opened.st_dev)
        {
          *temp = g_steal_pointer (&path);
          return fd;
        }
      close (fd);
    }
  fail_errno (error, EEXIST, display);
  return -1;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

gboolean
weft_output_write (const char  *path,
                   const void  *data,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *temp = NULL;
  gboolean exists;
  struct stat st;
  int fd, saved, dir_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  display = g_filename_display_name (path);
  if (*path == '\0')
    return fail_errno (error, ENOENT, "''");
  if (!resolve_target (path, display, &target, &exists, &st, error))
    return FALSE;

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  prefix = temp_prefix (base);
  remove_stale_temps (dir, prefix);

  fd = create_temp (dir, prefix, display, &temp, error);
  if (fd < 0)
    return FALSE;

  /* The old file's permissions carry over; a new file has 0666 less the umask. */
  if ((exists && fchmod (fd, st.st_mode & 07777) != 0) || !write_all (fd, data, length) ||
      fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      unlink (temp);
      return fail_errno (error, saved, display);
    }
  if (close (fd) != 0)
    {
      saved = errno;
      unlink (temp);
      return fail_errno (error, saved, display);
    }
  if (rename (temp, target) != 0)
    {
      saved = errno;
      unlink (temp);
      return fail_errno (error, saved, display);
    }

  /* The rename itself reaches the disk with the folder. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

gboolean
weft_output_write_bytes (const char  *path,
                         GBytes      *bytes,
                         GError     **error)
{
  gsize length;
  const void *data;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  return weft_output_write (path, length ? data : "", length, error);
}
