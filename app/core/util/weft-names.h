/* weft-names.h — an enumeration's value from its name, as files and the CLI spell it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of @str in @names (@n_names of them); FALSE for NULL or an unknown name. */
static inline gboolean
weft_names_lookup (const char *const *names,
                   guint               n_names,
                   const char         *str,
                   guint              *index)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    if (g_str_equal (names[i], str))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

G_END_DECLS
