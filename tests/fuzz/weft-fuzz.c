/* weft-fuzz.c — what the libFuzzer harnesses share: set-up, and failing loudly on a broken promise. */
#include "weft-fuzz.h"

#include <string.h>

void
weft_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL);
  /* Reports only for what the harness checks; nothing on stderr per run. */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

WeftCatalog *
weft_fuzz_catalog (void)
{
  static WeftCatalog *catalog;

  if (catalog == NULL)
    catalog = weft_catalog_new_default ();
  return catalog;
}

void
weft_fuzz_check_error (const GError *error,
                       const char   *origin,
                       const char   *what)
{
  g_autofree char *prefix = g_strconcat (origin, ": ", NULL);

  weft_fuzz_require (error != NULL, "%s failed without an error", what);
  weft_fuzz_require (error->message != NULL && g_str_has_prefix (error->message, prefix),
                     "%s: the message does not name the place: %s", what,
                     error->message ? error->message : "(null)");
  for (const char *p = error->message; *p != '\0'; p++)
    weft_fuzz_require ((guchar) *p >= 0x20 && *p != 0x7f,
                       "%s: the message holds a control character: %s", what, error->message);
  weft_fuzz_require (g_utf8_validate (error->message, -1, NULL),
                     "%s: the message is not UTF-8: %s", what, error->message);
}
