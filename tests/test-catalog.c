/* test-catalog.c — the built-in parts catalog: required parts, a source for every number,
 * overrides. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "catalog/weft-catalog.h"

static const char *files[] = { "floor.json", "media.json", "nics.json", "scale-up.json",
                               "switches.json" };

static void
test_required_parts (void)
{
  WeftCatalog *catalog = weft_catalog_new_default ();
  const char *switches[] = { "qm9700",        "q3400",     "sn5600",
                             "tomahawk5",     "tomahawk4", "quantum-x800-cpo",
                             "spectrum-x-cpo" };
  const char *nics[] = { "connectx-7", "connectx-8", "bluefield-3" };
  const char *families[] = { "nvlink4", "nvlink5", "infinity-fabric" };
  const WeftMedium media[] = { WEFT_MEDIUM_DAC, WEFT_MEDIUM_ACC, WEFT_MEDIUM_AEC, WEFT_MEDIUM_AOC,
                               WEFT_MEDIUM_DSP, WEFT_MEDIUM_LPO, WEFT_MEDIUM_LRO, WEFT_MEDIUM_CPO };
  const guint speeds[] = { 200, 400, 800 };

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      const WeftPart *part = weft_catalog_lookup_part (catalog, switches[i]);

      g_assert_nonnull (part);
      g_assert_cmpint (part->kind, ==, WEFT_PART_SWITCH);
      g_assert_cmpfloat (part->price_usd, >, 0);
    }
  g_assert_true (weft_catalog_lookup_part (catalog, "quantum-x800-cpo")->cpo);
  g_assert_false (weft_catalog_lookup_part (catalog, "qm9700")->cpo);
  g_assert_cmpint (weft_catalog_lookup_part (catalog, "nvswitch-hgx-h100")->kind, ==,
                   WEFT_PART_SCALE_UP_SWITCH);
  for (guint i = 0; i < G_N_ELEMENTS (nics); i++)
    g_assert_cmpint (weft_catalog_lookup_part (catalog, nics[i])->kind, ==, WEFT_PART_NIC);
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    g_assert_nonnull (weft_catalog_lookup_scale_up (catalog, families[i]));
  for (guint m = 0; m < G_N_ELEMENTS (media); m++)
    for (guint s = 0; s < G_N_ELEMENTS (speeds); s++)
      if (weft_catalog_find_media (catalog, media[m], speeds[s], 0) == NULL)
        g_test_fail_printf ("no %s part at %uG", weft_medium_to_string (media[m]), speeds[s]);
  g_assert_finalize_object (catalog);
}

/* Published port counts. */
static void
test_ports (void)
{
  g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
  const WeftPart *qm9700 = weft_catalog_lookup_part (catalog, "qm9700");
  const WeftPart *sn5600 = weft_catalog_lookup_part (catalog, "sn5600");
  const WeftPart *q3400 = weft_catalog_lookup_part (catalog, "q3400");
  g_autofree char *described = weft_part_describe_ports (qm9700);

  g_assert_cmpuint (weft_part_ports_at (qm9700, 400), ==, 64);
  g_assert_cmpuint (weft_part_ports_at (qm9700, 200), ==, 128);
  g_assert_cmpuint (weft_part_ports_at (qm9700, 800), ==, 0);
  g_assert_cmpuint (weft_part_port_cost (qm9700, 400), ==, 2);
  g_assert_cmpuint (weft_part_port_cost (qm9700, 200), ==, 1);
  g_assert_cmpuint (weft_part_ports_at (sn5600, 800), ==, 64);
  g_assert_cmpuint (weft_part_ports_at (sn5600, 400), ==, 128);
  g_assert_cmpuint (weft_part_ports_at (q3400, 800), ==, 144);
  g_assert_cmpstr (described, ==, "64×400G, 128×200G");
}

/* AUTO takes the cheapest that reaches: DAC, then AEC, then the optics family. */
static void
test_resolve_media (void)
{
  g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
  const WeftMediaPart *dac = weft_catalog_find_media (catalog, WEFT_MEDIUM_DAC, 400, 0);
  const WeftMediaPart *aec = weft_catalog_find_media (catalog, WEFT_MEDIUM_AEC, 400, 0);
  const WeftMediaPart *m;

  g_assert_nonnull (dac);
  g_assert_nonnull (aec);
  g_assert_cmpfloat (aec->reach_m, >, dac->reach_m);

  m = weft_catalog_resolve_media (catalog, WEFT_MEDIUM_AUTO, WEFT_MEDIUM_DSP, 400, dac->reach_m);
  g_assert_cmpint (m->medium, ==, WEFT_MEDIUM_DAC);
  m = weft_catalog_resolve_media (catalog, WEFT_MEDIUM_AUTO, WEFT_MEDIUM_DSP, 400,
                                  dac->reach_m + 0.5);
  g_assert_cmpint (m->medium, ==, WEFT_MEDIUM_AEC);
  m = weft_catalog_resolve_media (catalog, WEFT_MEDIUM_AUTO, WEFT_MEDIUM_LPO, 400,
                                  aec->reach_m + 1);
  g_assert_cmpint (m->medium, ==, WEFT_MEDIUM_LPO);
  /* Within a family the cheapest variant that reaches: short runs take
   * multimode SR, long ones single-mode DR or FR. */
  m = weft_catalog_resolve_media (catalog, WEFT_MEDIUM_AUTO, WEFT_MEDIUM_DSP, 400, 30);
  g_assert_cmpfloat (m->reach_m, >=, 30);
  g_assert_true (weft_catalog_find_media (catalog, WEFT_MEDIUM_DSP, 400, 30)->price_usd <=
                 weft_catalog_find_media (catalog, WEFT_MEDIUM_DSP, 400, 1000)->price_usd);
  g_assert_cmpfloat (weft_catalog_find_media (catalog, WEFT_MEDIUM_DSP, 400, 1000)->reach_m, >=,
                     1000);
  g_assert_null (weft_catalog_resolve_media (catalog, WEFT_MEDIUM_DAC, WEFT_MEDIUM_DSP, 400, 50));
  g_assert_null (
      weft_catalog_resolve_media (catalog, WEFT_MEDIUM_AUTO, WEFT_MEDIUM_DSP, 400, 100000));
}

static void
test_link_cost (void)
{
  g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
  const WeftMediaPart *dr = weft_catalog_find_media (catalog, WEFT_MEDIUM_DSP, 400, 400);
  const WeftMediaPart *dac = weft_catalog_find_media (catalog, WEFT_MEDIUM_DAC, 400, 0);
  double fiber = weft_catalog_fiber_price (catalog, dr->fiber);

  /* Two transceivers and fiber; one cable assembly. */
  g_assert_false (dr->is_cable);
  g_assert_cmpfloat_with_epsilon (weft_catalog_link_price (catalog, dr, 100),
                                  2 * dr->price_usd + 100 * fiber, 1e-9);
  g_assert_cmpfloat_with_epsilon (weft_catalog_link_power (catalog, dr), 2 * dr->power_w, 1e-9);
  g_assert_cmpfloat_with_epsilon (
      weft_catalog_link_latency (catalog, dr, 100),
      2 * dr->latency_ns + 100 * weft_catalog_propagation (catalog, TRUE), 1e-9);
  g_assert_true (dac->is_cable);
  g_assert_cmpfloat_with_epsilon (weft_catalog_link_price (catalog, dac, 2),
                                  dac->price_usd + 2 * dac->price_per_m_usd, 1e-9);
  g_assert_cmpfloat (weft_catalog_propagation (catalog, TRUE), ==, 4.9);
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_INT64 ||
                                          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static void
check_sources (const char *file,
               const char *path,
               JsonObject *entry)
{
  JsonObject *sources = json_object_get_object_member (entry, "sources");
  g_autoptr(GList) members = json_object_get_members (entry);

  if (sources == NULL)
    {
      g_test_fail_printf ("%s: %s has no sources", file, path);
      return;
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *value = json_object_get_member (entry, member);

      if ((is_number (value) || g_str_equal (member, "ports")) &&
          !json_object_has_member (sources, member))
        g_test_fail_printf ("%s: %s.%s has no source", file, path, member);
      else if (json_object_has_member (sources, member) &&
               strlen (json_object_get_string_member (sources, member)) < 8)
        g_test_fail_printf ("%s: %s.%s: the source says too little", file, path, member);
    }
}

/* Every number in data/catalog carries a source, or says it is an estimate. */
static void
test_every_number_has_a_source (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *resource = g_strconcat ("/io/github/weft/Weft/catalog/", files[f], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      g_autoptr(GList) sections = NULL;

      g_assert_nonnull (bytes);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      sections = json_object_get_members (root);
      for (GList *l = sections; l != NULL; l = l->next)
        {
          JsonNode *section = json_object_get_member (root, l->data);

          if (JSON_NODE_HOLDS_ARRAY (section))
            {
              JsonArray *array = json_node_get_array (section);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  g_autofree char *path = g_strdup_printf ("%s[%u]", (char *) l->data, i);
                  check_sources (files[f], path, json_array_get_object_element (array, i));
                }
            }
          else if (JSON_NODE_HOLDS_OBJECT (section))
            check_sources (files[f], l->data, json_node_get_object (section));
        }
    }
}

static void
test_overrides (void)
{
  g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
  const char *json = "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": ["
                     "{\"id\": \"qm9700\", \"price_usd\": 12345},"
                     "{\"id\": \"my-switch\", \"name\": \"Mine\", \"class\": \"scale-out\", "
                     "\"protocol\": [\"ethernet\"], \"ports\": {\"400\": 32}, \"latency_ns\": 500, "
                     "\"power_w\": 300, \"price_usd\": 9000}]}";
  g_autoptr(GError) error = NULL;
  const WeftPart *qm9700, *mine;

  g_assert_true (weft_catalog_load_data (catalog, json, -1, "mine.json", &error));
  g_assert_no_error (error);
  qm9700 = weft_catalog_lookup_part (catalog, "qm9700");
  /* Only the price changed. */
  g_assert_cmpfloat (qm9700->price_usd, ==, 12345);
  g_assert_cmpuint (weft_part_ports_at (qm9700, 400), ==, 64);
  mine = weft_catalog_lookup_part (catalog, "my-switch");
  g_assert_nonnull (mine);
  g_assert_true (weft_part_speaks (mine, "ethernet"));
}

static void
test_bad_catalogs (void)
{
  const struct { const char *json; const char *message;
  } cases[] = {
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [", NULL },
    { "{\"format\": \"weft-fabric\", \"version\": 1}",
      "x.json: not a Weft catalog (expected \"format\": \"weft-catalog\", \"version\": 1)" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [{\"id\": \"new\", "
      "\"name\": \"N\"}]}",
      "x.json: switches[0].ports: missing" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [{\"id\": \"qm9700\", "
      "\"ports\": {\"400\": 64, \"200\": 100}}]}",
      "x.json: switches[0].ports.400: 64 ports do not divide the port budget of 100 evenly" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"nics\": [{\"id\": \"connectx-7\", "
      "\"price_usd\": -4}]}",
      "x.json: nics[0].price_usd: -4 is out of range: expected 0 to 100000000 USD" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"media\": [{\"id\": \"dac-400\", "
      "\"medium\": \"copper\"}]}",
      NULL },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"scale_up\": [{\"id\": \"nvlink4\", "
      "\"switch\": \"qm9700\"}]}",
      "x.json: scale_up[0].switch: 'qm9700' is not a scale-up switch in the catalog" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
      g_autoptr(GError) error = NULL;

      g_assert_false (weft_catalog_load_data (catalog, cases[i].json, -1, "x.json", &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "x.json: "));
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Catalog text that must be refused, and a piece of what the message must say. */
typedef struct
{
  const char *json;
  const char *message;     /* the error message starts with it */
} BadCatalog;

static void
check_bad_catalogs (const BadCatalog *cases,
                    guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(WeftCatalog) catalog = weft_catalog_new_default ();
      g_autoptr(GError) error = NULL;

      /* The text, cut short: TAP readers choke on an 80,000-character line. */
      g_test_message ("case %u: %.80s", i, cases[i].json);
      g_assert_false (weft_catalog_load_data (catalog, cases[i].json, -1, "x.json", &error));
      g_assert_nonnull (error);
      g_test_message ("-> %s", error->message);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: expected a message starting with \"%s\", got \"%s\"", i,
                 cases[i].message, error->message);
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* json-glib's parser recurses once per level: 80,000 '[' overflowed the stack. */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (80000, '[');
  g_autofree char *object = g_strconcat ("{\"format\": \"weft-catalog\", \"version\": 1, \"x\": ",
                                         deep, NULL);
  /* 64 levels are fine: json-glib then sees the missing brackets. */
  g_autofree char *brackets = g_strnfill (63, '[');
  g_autofree char *sixty_four = g_strconcat ("{\"a\":", brackets, NULL);
  const BadCatalog cases[] = {
    { deep, "x.json: line 1, column 65: nested deeper than 64 levels" },
    { object, "x.json: line 1, column 110: nested deeper than 64 levels" },
    { "{\"s\": \"[[[[\",\n \"a\": [[[[[[[]]]]]]]}", "x.json: not a Weft catalog" },
    { sixty_four, "x.json: line 1, column " },
    /* json-glib's *_member_with_default asserted on these. */
    { "{\"format\": [ ]}", "x.json: not a Weft catalog" },
    { "{\"format\": \"weft-catalog\", \"version\": {}}", "x.json: not a Weft catalog" },
    { "{\"format\": \"weft-catalog\", \"version\": \"1\"}", "x.json: not a Weft catalog" },
  };

  check_bad_catalogs (cases, G_N_ELEMENTS (cases));
}

/* json-glib asserts on an empty document (a Json-CRITICAL before the message). */
static void
test_empty (void)
{
  const BadCatalog cases[] = {
    { "", "x.json: the file is empty; a catalog is a JSON object" },
    { " \n\t\r\n", "x.json: the file is empty; a catalog is a JSON object" },
    /* json-glib skips comments and a byte-order mark, then finds nothing. */
    { "/* nothing */", "x.json: the file holds no JSON value; a catalog is a JSON object" },
    { "\xef\xbb\xbf", "x.json: the file holds no JSON value; a catalog is a JSON object" },
  };

  check_bad_catalogs (cases, G_N_ELEMENTS (cases));
}

/* A syntax error gives the line and the column, as the fabric reader does. */
static void
test_syntax_error_position (void)
{
  const BadCatalog cases[] = {
    { "{\"format\": \"weft-catalog\",\n \"version\": 1,\n \"switches\": [ {\"id\": x} ]}",
      "x.json: line 3, column 23: " },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [", "x.json: line 1, column " },
  };

  check_bad_catalogs (cases, G_N_ELEMENTS (cases));
}

#define SWITCH(fields) \
  "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [{\"id\": \"qm9700\", " fields "}]}"
#define MEDIA(fields) \
  "{\"format\": \"weft-catalog\", \"version\": 1, \"media\": [{\"id\": \"dac-400\", " fields "}]}"

/* Every number has a range and a unit; a value outside it (inf included) names both. */
static void
test_number_bounds (void)
{
  const BadCatalog cases[] = {
    { SWITCH ("\"latency_ns\": 1e308"),
      "x.json: switches[0].latency_ns: 1e+308 is out of range: expected 0 to 100000 ns" },
    { SWITCH ("\"price_usd\": 1e300"),
      "x.json: switches[0].price_usd: 1e+300 is out of range: expected 0 to 100000000 USD" },
    { SWITCH ("\"price_usd\": 1e999"),
      "x.json: switches[0].price_usd: inf is out of range: expected 0 to 100000000 USD" },
    { SWITCH ("\"power_w\": -1e999"),
      "x.json: switches[0].power_w: -inf is out of range: expected 0 to 100000 W" },
    { SWITCH ("\"rack_units\": 1000000"),
      "x.json: switches[0].rack_units: 1e+06 is out of range: expected 1 to 64 U" },
    { SWITCH ("\"rack_units\": 1.5"),
      "x.json: switches[0].rack_units: expected a whole number, got 1.5" },
    { MEDIA ("\"reach_m\": 1e12"),
      "x.json: media[0].reach_m: 1e+12 is out of range: expected 0 to 200000 m" },
    { MEDIA ("\"speed_gbps\": 1e9"),
      "x.json: media[0].speed_gbps: 1e+09 is out of range: expected 1 to 100000 Gb/s" },
    { MEDIA ("\"power_w\": 5000"),
      "x.json: media[0].power_w: 5000 is out of range: expected 0 to 1000 W" },
    { MEDIA ("\"price_per_m_usd\": 1e7"),
      "x.json: media[0].price_per_m_usd: 1e+07 is out of range: expected 0 to 10000 USD/m" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"floor\": {\"rack_units\": 1000000}}",
      "x.json: floor.rack_units: 1e+06 is out of range: expected 4 to 64 U" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"floor\": {\"row_pitch_m\": 1e999}}",
      "x.json: floor.row_pitch_m: inf is out of range: expected 0.1 to 100 m" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"propagation_ns_per_m\": {\"fiber\": 1e6}}",
      "x.json: propagation_ns_per_m.fiber: 1e+06 is out of range: expected 0 to 100 ns/m" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"scale_up\": [{\"id\": \"nvlink4\", "
      "\"domain_gpus\": 1e8}]}",
      "x.json: scale_up[0].domain_gpus: 1e+08 is out of range: expected 2 to 100000 GPUs" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"fiber\": [{\"id\": \"smf\", "
      "\"price_per_m_usd\": 1e30}]}",
      "x.json: fiber[0].price_per_m_usd: 1e+30 is out of range: expected 0 to 10000 USD/m" },
  };

  check_bad_catalogs (cases, G_N_ELEMENTS (cases));
}

/* What used to be accepted without a word. */
static void
test_refused_entries (void)
{
  const BadCatalog cases[] = {
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": ["
      "{\"id\": \"qm9700\", \"price_usd\": 1}, {\"id\": \"qm9700\", \"price_usd\": 2}]}",
      "x.json: switches[1].id: duplicate id 'qm9700' (first at switches[0])" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [{\"id\": \"connectx-7\", "
      "\"price_usd\": 1}], \"nics\": [{\"id\": \"connectx-7\", \"price_usd\": 2}]}",
      "x.json: nics[0].id: duplicate id 'connectx-7' (first at switches[0])" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"media\": ["
      "{\"id\": \"dac-400\", \"price_usd\": 1}, {\"id\": \"dac-400\", \"price_usd\": 2}]}",
      "x.json: media[1].id: duplicate id 'dac-400' (first at media[0])" },
    { MEDIA ("\"fiber\": \"unobtainium\""),
      "x.json: media[0].fiber: unknown fiber 'unobtainium'" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"media\": [{\"id\": \"dsp-dr-400\", "
      "\"fiber\": \"om9\"}]}",
      "x.json: media[0].fiber: unknown fiber 'om9'" },
    { SWITCH ("\"protocol\": \"infiniband\""),
      "x.json: switches[0].protocol: expected a list of protocol names, like [\"ethernet\"]" },
    { SWITCH ("\"protocol\": []"),
      "x.json: switches[0].protocol: expected at least one protocol" },
    { SWITCH ("\"protocol\": [\"\"]"),
      "x.json: switches[0].protocol[0]: expected a protocol name" },
    { "{\"format\": \"weft-catalog\", \"version\": 1, \"nics\": [{\"id\": \"connectx-7\", "
      "\"protocols\": \"ethernet\"}]}",
      "x.json: nics[0].protocols: expected a list of protocol names, like [\"ethernet\"]" },
    /* Quoted values stay on one printable line. */
    { MEDIA ("\"medium\": \"cop\\nper\\u001b[2J\""),
      "x.json: media[0].medium: unknown medium 'cop\\nper\\u001b[2J'" },
    { "{\"format\": \"weft\n \"version\": 1,\n \"switches\": [ {\"id\": x} ]}",
      "x.json: line 2, column " },
  };

  check_bad_catalogs (cases, G_N_ELEMENTS (cases));
}

/* A catalog file on disk: the path is named, directories and missing files too. */
static void
test_override_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-catalog-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftCatalog) catalog = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  catalog = weft_catalog_new_with_overrides (empty, &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, empty));
  g_clear_error (&error);

  catalog = weft_catalog_new_with_overrides (dir, &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, dir));
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  g_unlink (empty);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/required-parts", test_required_parts);
  g_test_add_func ("/catalog/ports", test_ports);
  g_test_add_func ("/catalog/resolve-media", test_resolve_media);
  g_test_add_func ("/catalog/link-cost", test_link_cost);
  g_test_add_func ("/catalog/sources", test_every_number_has_a_source);
  g_test_add_func ("/catalog/overrides", test_overrides);
  g_test_add_func ("/catalog/bad", test_bad_catalogs);
  g_test_add_func ("/catalog/deep-nesting", test_deep_nesting);
  g_test_add_func ("/catalog/empty", test_empty);
  g_test_add_func ("/catalog/syntax-error-position", test_syntax_error_position);
  g_test_add_func ("/catalog/number-bounds", test_number_bounds);
  g_test_add_func ("/catalog/refused-entries", test_refused_entries);
  g_test_add_func ("/catalog/override-files", test_override_files);

  return g_test_run ();
}
