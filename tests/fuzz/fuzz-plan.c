/* fuzz-plan.c — libFuzzer: the cable-plan importer (CSV and GraphML), and the schedule of what it
 * imported.
 *
 * Any input either imports or is refused with a message that names the
 * file; what imports writes a cable schedule that imports again to as many
 * nodes and links.
 */
#include "weft-fuzz.h"

#include "io/weft-cable-plan.h"

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
  WeftImportOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) again = NULL;
  g_autoptr(GBytes) schedule = NULL;

  weft_import_options_init (&options);
  fabric = weft_fabric_import_data (catalog, (const char *) data, size, "plan.csv", &options, NULL,
                                    &error);
  /* Import errors name the line: "plan.csv:17: b_port missing". */
  if (fabric == NULL)
    {
      weft_fuzz_require (error != NULL && g_str_has_prefix (error->message, "plan.csv:"),
                         "importing: the message does not name the place: %s",
                         error ? error->message : "(no error)");
      return 0;
    }
  schedule = weft_fabric_to_cable_schedule (fabric);
  again = weft_fabric_import_data (catalog, g_bytes_get_data (schedule, NULL),
                                   g_bytes_get_size (schedule), "schedule.csv", &options, NULL,
                                   &error);
  weft_fuzz_require (again != NULL, "the schedule of an imported plan does not import: %s",
                     error ? error->message : "(no error)");
  weft_fuzz_require (weft_fabric_get_n_nodes (again) == weft_fabric_get_n_nodes (fabric),
                     "the schedule lost devices");
  return 0;
}
