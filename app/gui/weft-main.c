/* weft-main.c — the weft program: runs the application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui/weft-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(WeftApplication) app = NULL;

  setlocale (LC_ALL, "");
  g_set_application_name ("Weft");

  /* Run from the build tree, use the schema compiled there. This must
   * happen before anything reads settings: GLib caches its schema list. */
  if (g_file_test (BUILD_SCHEMA_DIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMA_DIR, FALSE);

  app = weft_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
