/* test-output.c — writing files: atomic, through links on purpose, never over what is not a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/weft-output.h"

static char *tmpdir;

static char *
in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static char *
contents (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in the test folder, sorted, joined by spaces: nothing left behind. */
static char *
listing (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
empty_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = in_tmp (name);

      g_chmod (path, 0755);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_autoptr(GDir) sub = g_dir_open (path, 0, NULL);
          const char *inner;

          while ((inner = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *inner_path = g_build_filename (path, inner, NULL);
              g_unlink (inner_path);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
}

static void
test_new_and_replaced (void)
{
  g_autofree char *path = in_tmp ("out.json");
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  struct stat st;

  umask (mask);
  g_assert_true (weft_output_write (path, "first", 5, &error));
  g_assert_no_error (error);
  text = contents (path);
  g_assert_cmpstr (text, ==, "first");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);

  /* Replaced whole, keeping its permissions; no temporary file stays. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (weft_output_write (path, "second", 6, &error));
  g_assert_no_error (error);
  g_free (text);
  text = contents (path);
  g_assert_cmpstr (text, ==, "second");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  names = listing ();
  g_assert_cmpstr (names, ==, "out.json");

  /* Nothing at all is a file too. */
  g_assert_true (weft_output_write (path, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  empty_tmpdir ();
}

/* A link is followed on purpose: the file it points to changes, the link stays. */
static void
test_symlinks (void)
{
  g_autofree char *real = in_tmp ("real.json");
  g_autofree char *link = in_tmp ("link.json");
  g_autofree char *chain = in_tmp ("chain.json");
  g_autofree char *dangling = in_tmp ("dangling.json");
  g_autofree char *loop = in_tmp ("loop.json");
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_cmpint (symlink (link, chain), ==, 0);

  g_assert_true (weft_output_write (link, "through the link", 16, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = contents (real);
  g_assert_cmpstr (text, ==, "through the link");

  g_assert_true (weft_output_write (chain, "through two", 11, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (chain, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_free (text);
  text = contents (real);
  g_assert_cmpstr (text, ==, "through two");

  /* A link to nothing would create a file wherever it points: refused. */
  g_assert_cmpint (symlink ("nowhere/else.json", dangling), ==, 0);
  g_assert_false (weft_output_write (dangling, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "cannot write "));
  g_assert_nonnull (strstr (error->message, "dangling.json"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_assert_cmpint (symlink ("loop.json", loop), ==, 0);
  g_assert_false (weft_output_write (loop, "x", 1, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "loop.json"));
  g_clear_error (&error);

  names = listing ();
  g_assert_cmpstr (names, ==, "chain.json dangling.json link.json loop.json real.json");
  empty_tmpdir ();
}

/* A device, a folder, a FIFO: refused by name and left as they are. As root, the device
 * is a null device of the test's own, so that a regression cannot replace /dev/null. */
static void
test_not_regular (void)
{
  g_autofree char *fifo = in_tmp ("pipe");
  g_autofree char *folder = in_tmp ("folder");
  g_autofree char *to_null = in_tmp ("null.json");
  g_autofree char *own_null = in_tmp ("null");
  const char *device = "/dev/null";
  const char *paths[4];
  struct stat st;

  /* A container may refuse mknod: then no device is tried, rather than the real one. */
  if (geteuid () == 0)
    device = mknod (own_null, S_IFCHR | 0666, makedev (1, 3)) == 0 ? own_null : NULL;
  paths[0] = device ? device : folder;
  paths[1] = folder;
  paths[2] = fifo;
  paths[3] = to_null;
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (symlink (device ? device : folder, to_null), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strconcat (paths[i], ": not a regular file", NULL);

      g_assert_false (weft_output_write (paths[i], "x", 1, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected));
    }
  if (device != NULL)
    {
      g_assert_cmpint (stat (device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (to_null, G_FILE_TEST_IS_SYMLINK));
  if (device == NULL)
    g_test_message ("mknod refused: no device tried");
  empty_tmpdir ();
}

/* A save that cannot happen names the target, not the temporary file. */
static void
test_errors_name_the_target (void)
{
  g_autofree char *missing = in_tmp ("missing/out.json");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (weft_output_write (missing, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  expected = g_strdup_printf ("cannot write %s: No such file or directory", missing);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Into a read-only folder: the message names the target. Root writes there regardless,
 * so the save runs in a child that gives root up first (CI runs as root). */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        {
          g_print ("could not give root up\n");
          return;
        }
      if (!weft_output_write (g_getenv ("WEFT_TEST_OUTPUT"), "x", 1, &error))
        g_print ("%s\n", error->message);
      /* Not through main's clean-up, which root's test folder would refuse. */
      fflush (stdout);
      _exit (0);
    }

  /* Where root cannot become another user (a user namespace), there is nothing to test. */
  if (geteuid () == 0)
    {
      pid_t pid = fork ();
      int status;

      if (pid == 0)
        _exit (setgid (65534) == 0 && setuid (65534) == 0 ? 0 : 1);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_test_skip ("root cannot give up its rights here");
          return;
        }
    }

  dir = g_dir_make_tmp ("weft-ro-XXXXXX", NULL);
  path = g_build_filename (dir, "out.json", NULL);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("WEFT_TEST_OUTPUT", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  expected = g_strdup_printf ("cannot write %s: Permission denied\n", path);
  g_test_trap_assert_stdout (expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* The temporary file a killed save left is removed by the next save to the same path;
 * one a save still running holds (locked) is not; others' are not touched. */
static void
test_stale_temp_files (void)
{
  g_autofree char *path = in_tmp ("big.json");
  g_autofree char *stale = in_tmp (".big.json.AbC123.weft-tmp");
  g_autofree char *running = in_tmp (".big.json.XyZ789.weft-tmp");
  g_autofree char *other = in_tmp (".small.json.AbC123.weft-tmp");
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_true (g_file_set_contents (stale, "half a save", -1, NULL));
  g_assert_true (g_file_set_contents (running, "a save in progress", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another target's", -1, NULL));
  fd = open (running, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (weft_output_write (path, "whole", 5, &error));
  g_assert_no_error (error);
  names = listing ();
  g_assert_cmpstr (names, ==, ".big.json.XyZ789.weft-tmp .small.json.AbC123.weft-tmp big.json");

  /* Once its writer is gone, that one goes too. */
  close (fd);
  g_assert_true (weft_output_write (path, "again", 5, &error));
  g_assert_no_error (error);
  g_free (names);
  names = listing ();
  g_assert_cmpstr (names, ==, ".small.json.AbC123.weft-tmp big.json");
  empty_tmpdir ();
}

/* A save killed part way, for real: the target is the old file or the new, never part,
 * and the next save cleans up after it. */
static void
test_killed_save (void)
{
  g_autofree char *path = in_tmp ("killed.json");
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 64 * 1024 * 1024;
  int status;
  pid_t pid;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* 64 MB of zeros: long enough to be killed while writing. */
      char *big = g_malloc0 (size);

      weft_output_write (path, big, size, NULL);
      _exit (0);
    }
  for (guint waited = 0; waited < 2000; waited++)
    {
      g_autofree char *seen = listing ();

      if (strstr (seen, ".weft-tmp") != NULL)
        break;
      g_usleep (1000);
    }
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  text = contents (path);
  g_assert_true (g_str_equal (text, "old") || strlen (text) == 0);

  g_assert_true (weft_output_write (path, "new", 3, &error));
  g_assert_no_error (error);
  names = listing ();
  g_assert_cmpstr (names, ==, "killed.json");
  empty_tmpdir ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A child of g_test_trap_subprocess makes no folder of its own. */
  if (!g_test_subprocess ())
    tmpdir = g_dir_make_tmp ("weft-output-XXXXXX", NULL);

  g_test_add_func ("/output/new-and-replaced", test_new_and_replaced);
  g_test_add_func ("/output/symlinks", test_symlinks);
  g_test_add_func ("/output/not-regular", test_not_regular);
  g_test_add_func ("/output/errors-name-the-target", test_errors_name_the_target);
  g_test_add_func ("/output/read-only-folder", test_read_only_folder);
  g_test_add_func ("/output/stale-temp-files", test_stale_temp_files);
  g_test_add_func ("/output/killed-save", test_killed_save);

  status = g_test_run ();
  if (tmpdir != NULL)
    {
      empty_tmpdir ();
      g_rmdir (tmpdir);
      g_free (tmpdir);
    }
  return status;
}
