/* weft-test-util.c — helpers shared by the test programs. */
#include "weft-test-util.h"

#include <igraph.h>

#include "io/weft-fabric-file.h"

static gboolean
params_from_args (const char     *arch,
                  va_list         args,
                  WeftGenParams  *params)
{
  WeftArch a;
  const char *pair;

  g_assert_true (weft_arch_from_string (arch, &a));
  weft_gen_params_init (params, a);
  while ((pair = va_arg (args, const char *)) != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (pair, "=", 2);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_strv_length (kv), ==, 2);
      weft_gen_params_set (params, kv[0], kv[1], &error);
      g_assert_no_error (error);
    }
  return TRUE;
}

WeftFabric *
weft_test_generate (WeftCatalog *catalog,
                    const char  *arch,
                    ...)
{
  g_auto(WeftGenParams) params = { 0 };
  g_autoptr(GError) error = NULL;
  WeftFabric *fabric;
  va_list args;

  va_start (args, arch);
  params_from_args (arch, args, &params);
  va_end (args);
  fabric = weft_generate (catalog, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fabric);
  return fabric;
}

GError *
weft_test_generate_error (WeftCatalog *catalog,
                          const char  *arch,
                          ...)
{
  g_auto(WeftGenParams) params = { 0 };
  GError *error = NULL;
  WeftFabric *fabric;
  va_list args;

  va_start (args, arch);
  params_from_args (arch, args, &params);
  va_end (args);
  fabric = weft_generate (catalog, &params, &error);
  g_assert_null (fabric);
  g_assert_nonnull (error);
  /* Where the check without building refuses too, it says the same. */
  {
    g_autoptr(GError) check_error = NULL;

    if (!weft_generator_check (catalog, &params, &check_error))
      g_assert_cmpstr (check_error->message, ==, error->message);
  }
  return error;
}

guint64
weft_test_count_links (WeftFabric   *fabric,
                       WeftNodeKind  a,
                       WeftNodeKind  b)
{
  guint64 total = 0;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);
      WeftNodeKind ka = weft_fabric_get_node (fabric, link->a)->kind;
      WeftNodeKind kb = weft_fabric_get_node (fabric, link->b)->kind;

      if ((ka == a && kb == b) || (ka == b && kb == a))
        total += link->count;
    }
  return total;
}

char *
weft_test_snapshot (WeftFabric *fabric)
{
  g_autoptr(GBytes) bytes = weft_fabric_to_bytes (fabric);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

void
weft_test_assert_igraph_clean (void)
{
  g_assert_cmpint (IGRAPH_FINALLY_STACK_SIZE (), ==, 0);
}

void
weft_test_assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (g_atomic_pointer_get (&weak) != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (g_atomic_pointer_get (&weak));
}
