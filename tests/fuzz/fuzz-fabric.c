/* fuzz-fabric.c — libFuzzer: the fabric reader, and saving what it read.
 *
 * Any input either loads or is refused with a message that names the
 * file; what loads saves to text that loads again and saves to the same
 * bytes (the writer is canonical).
 */
#include "weft-fuzz.h"

#include "io/weft-fabric-file.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  weft_fuzz_init ();
  weft_fuzz_catalog ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WeftCatalog *catalog = weft_fuzz_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) resaved = NULL;

  fabric = weft_fabric_load_data (catalog, (const char *) data, size, "fuzz.json", &error);
  if (fabric == NULL)
    {
      weft_fuzz_check_error (error, "fuzz.json", "loading");
      return 0;
    }

  saved = weft_fabric_to_bytes (fabric);
  again = weft_fabric_load_data (catalog, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                 "saved.json", &error);
  weft_fuzz_require (again != NULL, "what was loaded does not load once saved: %s",
                     error ? error->message : "(no error)");
  resaved = weft_fabric_to_bytes (again);
  weft_fuzz_require (g_bytes_equal (saved, resaved), "saving what was loaded gave other bytes");
  weft_fuzz_require (weft_fabric_get_n_nodes (again) == weft_fabric_get_n_nodes (fabric) &&
                     weft_fabric_get_n_links (again) == weft_fabric_get_n_links (fabric),
                     "the reloaded fabric lost nodes or links");
  return 0;
}
