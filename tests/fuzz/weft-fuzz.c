/* weft-fuzz.c — what the libFuzzer harnesses share: set-up, and failing loudly on a broken promise.
 */
#include "weft-fuzz.h"

#include <string.h>

/* abort(), which libFuzzer catches and records; glib's own fatal path raises SIGTRAP,
 * which it does not. */
static void
abort_on_log (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("weft-fuzz: %s: %s\n", domain ? domain : "(no domain)", message);
      abort ();
    }
}

static GLogWriterOutput
abort_on_structured_log (GLogLevelFlags   level,
                         const GLogField *fields,
                         gsize            n_fields,
                         gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
weft_fuzz_init (void)
{
  g_log_set_default_handler (abort_on_log, NULL);
  g_log_set_writer_func (abort_on_structured_log, NULL, NULL);
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
