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

/* Defines @type_name_to_string and @type_name_from_string for @Type, an enumeration whose
 * values 0 to @n_names - 1 are named in @names, in order; the header declares them. */
#define WEFT_DEFINE_NAMES(Type, type_name, names, n_names)                                         \
  const char *                                                                                     \
  type_name##_to_string (Type value)                                                               \
  {                                                                                                \
    g_return_val_if_fail (value < (n_names), NULL);                                                \
    return names[value];                                                                           \
  }                                                                                                \
                                                                                                   \
  gboolean                                                                                         \
  type_name##_from_string (const char *str,                                                        \
                           Type       *value)                                                      \
  {                                                                                                \
    guint i;                                                                                       \
                                                                                                   \
    if (!weft_names_lookup (names, (n_names), str, &i))                                            \
      return FALSE;                                                                                \
    *value = (Type) i;                                                                             \
    return TRUE;                                                                                   \
  }

G_END_DECLS
