/* test-file.c — fabric files: byte-identical round trips, atomic saves, and errors that name the
 * place. */
#include "weft-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "io/weft-fabric-file.h"
#include "io/weft-graph-export.h"

static WeftCatalog *catalog;

static void
assert_round_trip (WeftFabric *fabric)
{
  g_autoptr(GBytes) first = weft_fabric_to_bytes (fabric);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(WeftFabric) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = weft_fabric_load_data (catalog, g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                  "first", &error);
  g_assert_no_error (error);
  second = weft_fabric_to_bytes (loaded);
  g_assert_true (g_bytes_equal (first, second));

  g_assert_cmpuint (weft_fabric_get_n_nodes (loaded), ==, weft_fabric_get_n_nodes (fabric));
  g_assert_cmpuint (weft_fabric_get_n_links (loaded), ==, weft_fabric_get_n_links (fabric));
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    g_assert_cmpmem (weft_fabric_get_link (loaded, i), sizeof (WeftLink),
                     weft_fabric_get_link (fabric, i), sizeof (WeftLink));
  for (guint i = 0; i < weft_fabric_get_n_nodes (fabric); i++)
    g_assert_cmpuint (weft_fabric_get_ports_used (loaded, i), ==,
                      weft_fabric_get_ports_used (fabric, i));
}

static void
test_round_trip_generated (void)
{
  const char *const specs[][4] = {
    { "leaf-spine", "gpus=512", NULL },
    { "fat-tree", "k=8", "scale-up=none", NULL },
    { "rail-optimized", "gpus=1024", "oversubscription=1.5", NULL },
    { "rail-only", "gpus=2048", "scale-up=infinity-fabric", NULL },
    { "dragonfly", "p=2", "a=4", "h=2" },
    { "torus", "dims=4x4x8", NULL },
    { "dragonfly-plus", "gpus=1024", NULL },
    { "slim-fly", "q=8", NULL },
    { "hyperx", "dims=8x4", "trunks=1x2", "p=4" },
    { "jellyfish", "gpus=512", "seed=0", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(WeftFabric) fabric =
          weft_test_generate (catalog, specs[i][0], specs[i][1], specs[i][2], specs[i][3], NULL);
      g_test_message ("%s", specs[i][0]);
      assert_round_trip (fabric);
    }
}

/* Edits, overridden lengths, odd names and the edited flag survive. */
static void
test_round_trip_edited (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64",
                                                     "name=Lab \"B\" \\ rack\n2", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WeftFabric) loaded = NULL;
  WeftClosedForm cf;

  weft_fabric_set_link_length (fabric, 3, 0.1f, &error);
  g_assert_no_error (error);
  weft_fabric_set_link_medium (fabric, 70, WEFT_MEDIUM_LRO, &error);
  g_assert_no_error (error);
  assert_round_trip (fabric);

  bytes = weft_fabric_to_bytes (fabric);
  loaded = weft_fabric_load_data (catalog, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  "edited", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (weft_fabric_get_name (loaded), ==, "Lab \"B\" \\ rack\n2");
  g_assert_true (weft_fabric_is_edited (loaded));
  g_assert_false (weft_fabric_get_closed_form (loaded, &cf));
  g_assert_true (weft_fabric_get_link (loaded, 3)->length_set);
  g_assert_cmpfloat (weft_fabric_get_link (loaded, 3)->length_m, ==, 0.1f);
  g_assert_cmpint (weft_fabric_get_link (loaded, 70)->medium, ==, WEFT_MEDIUM_LRO);
}

/* The default the app opens on is what the generator makes today. */
static void
test_default_is_current (void)
{
  g_autoptr(WeftFabric) fabric = weft_fabric_load_default (catalog);
  g_autoptr(WeftFabric) fresh = weft_test_generate (catalog, "rail-optimized", "gpus=1024", NULL);
  g_autofree char *a = weft_test_snapshot (fabric);
  g_autofree char *b = weft_test_snapshot (fresh);

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 1024);
  if (g_strcmp0 (a, b) != 0)
    g_test_fail_printf ("data/examples/default.weft.json is out of date: run `make examples`");
}

/* Every shipped example loads and is saved exactly as it is stored. */
static void
test_examples (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "data", "examples", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(WeftFabric) fabric = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".weft.json"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      fabric = weft_fabric_load_file (catalog, path, &error);
      g_assert_no_error (error);
      saved = weft_fabric_to_bytes (fabric);
      g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), contents, length);
      count++;
    }
  /* The default and one per generator. */
  g_assert_cmpuint (count, >=, 1 + WEFT_N_ARCHS);
}

static void
test_atomic_save (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  g_autofree char *dir = g_dir_make_tmp ("weft-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fabric.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(WeftFabric) loaded = NULL;
  const char *name;
  guint files = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (weft_fabric_save_file (fabric, path, &error));
  g_assert_no_error (error);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);

  loaded = weft_fabric_load_file (catalog, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_n_links (loaded), ==, weft_fabric_get_n_links (fabric));

  /* A save into a missing folder fails without touching anything. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "fabric.json", NULL);
    g_assert_false (weft_fabric_save_file (fabric, bad, &error));
    g_assert_nonnull (error);
  }

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;
} BadFile;

/* A tiny valid fabric, edited into each kind of mistake below. */
#define HEAD \
  "{\"format\": \"weft-fabric\", \"version\": 1, \"racks\": [{\"id\": \"R1\", \"row\": 0, " \
  "\"col\": 0}], "
#define NODES \
  "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\", \"rack\": \"R1\", " \
  "\"u\": 1}, " \
  "{\"id\": \"l0\", \"kind\": \"leaf\", \"part\": \"qm9700\", \"rack\": \"R1\", \"u\": 40}]"

static const BadFile bad_files[] = {
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": [}", WEFT_FILE_ERROR_SYNTAX,
    "bad: line 1, column 52: parse error: unallowed token at this point in JSON text" },
  { "", WEFT_FILE_ERROR_SYNTAX, "bad: the file is empty" },
  { " \n\t\n", WEFT_FILE_ERROR_SYNTAX, "bad: the file is empty" },
  { "[1, 2]", WEFT_FILE_ERROR_CONTENT, "bad: expected a JSON object at the top" },
  { "{\"format\": \"weft-catalog\", \"version\": 1}", WEFT_FILE_ERROR_CONTENT,
    "bad: format: not a Weft fabric file (expected \"weft-fabric\")" },
  { "{\"format\": \"weft-fabric\", \"version\": 2}", WEFT_FILE_ERROR_CONTENT,
    "bad: version: version 2: this Weft reads version 1 fabric files" },
  { "{\"links\": []}", WEFT_FILE_ERROR_FORMAT,
    "bad: not a Weft fabric file (it needs \"format\": \"weft-fabric\" and \"version\": 1)" },
  { HEAD "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-99\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].part: unknown part 'connectx-99'" },
  { HEAD
    "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\", \"rack\": \"R9\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].rack: unknown rack 'R9'" },
  { HEAD
    "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\", \"rack\": "
    "\"R1\", \"u\": 50}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].u: rack unit 50 is outside the rack's 1 to 42" },
  { HEAD "\"nodes\": [{\"id\": \"g0\", \"kind\": \"bridge\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: nodes[0].kind: unknown node kind 'bridge' (gpu, nvswitch, leaf, spine, core, router "
    "or ocs)" },
  { HEAD "\"nodes\": [{\"id\": \"g0\", \"part\": \"connectx-7\"}]}", WEFT_FILE_ERROR_CONTENT,
    "bad: nodes[0].kind: missing" },
  { HEAD NODES
    ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": 400}, {\"a\": \"g0\", \"b\": "
    "\"leaf-9\", \"speed\": 400}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: links[1].b: unknown node 'leaf-9'" },
  { HEAD NODES ", \"links\": [{\"a\": \"g0\", \"b\": \"g0\", \"speed\": 400}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: links[0].b: both ends of the link are 'g0'" },
  { HEAD NODES ", \"links\": [{\"a\": \"g0\", \"speed\": 400}]}", WEFT_FILE_ERROR_CONTENT,
    "bad: links[0].b: missing" },
  { HEAD NODES ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": \"fast\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: links[0].speed: expected a whole number from 0 to 100000" },
  { HEAD NODES
    ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": 400, \"medium\": \"fiber\"}]}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: links[0].medium: unknown medium 'fiber' (auto, dac, acc, aec, aoc, dsp, lpo, lro, "
    "cpo or onboard)" },
  { HEAD NODES
    ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": 400, \"colour\": \"red\"}]}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: links[0].colour: unknown field (a link takes a, b, speed, lanes, count, medium, class, "
    "length)" },
  { HEAD "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}, "
         "{\"id\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[1].id: duplicate node id 'g0' (first at nodes[0])" },
  { HEAD "\"generator\": {\"arch\": \"leaf-spine\", \"params\": {\"gpus\": \"many\"}}}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: generator.params.gpus: gpus: expected a whole number from 1 to 16777216, got 'many'" },
  { HEAD "\"generator\": {\"arch\": \"mesh\"}}", WEFT_FILE_ERROR_CONTENT,
    "bad: generator.arch: unknown architecture 'mesh'" },
  /* What used to be accepted without a word. */
  { "{\"format\": \"weft-fabric\", \"version\": \"1\"}", WEFT_FILE_ERROR_CONTENT,
    "bad: version: expected the number 1, got the string \"1\"" },
  { "{\"format\": \"weft-fabric\", \"version\": true}", WEFT_FILE_ERROR_CONTENT,
    "bad: version: expected the number 1" },
  { HEAD
    "\"nodes\": [{\"id\": \"g0\", \"kind\": \"gpu\", \"kind\": \"leaf\", \"part\": \"qm9700\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].kind: duplicate key: given twice in this object" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"name\": \"a\", \"name\": \"b\"}",
    WEFT_FILE_ERROR_CONTENT, "bad: name: duplicate key: given twice in this object" },
  { HEAD NODES ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": 400, \"speed\": 200}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: links[0].speed: duplicate key: given twice in this object" },
  { HEAD "\"generator\": {\"arch\": \"fat-tree\", \"params\": {\"k\": 4, \"k\": 8}}}",
    WEFT_FILE_ERROR_CONTENT, "bad: generator.params.k: duplicate key: given twice in this object" },
  { HEAD "\"generator\": {\"arch\": \"fat-tree\", \"arch\": \"torus\"}}", WEFT_FILE_ERROR_CONTENT,
    "bad: generator.arch: duplicate key: given twice in this object" },
  { HEAD "\"nodes\": [{\"id\": \"\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].id: must not be empty" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"racks\": [{\"id\": \"\", \"row\": 0}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: racks[0].id: must not be empty" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"name\": \"lab\\u0000 hidden\"}",
    WEFT_FILE_ERROR_CONTENT, "bad: name: contains a NUL character (\\u0000)" },
  { HEAD "\"nodes\": [{\"id\": \"g\\u00000\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes[0].id: contains a NUL character (\\u0000)" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"name\\u0000x\": \"b\"}",
    WEFT_FILE_ERROR_CONTENT, "bad: name: the key contains a NUL character (\\u0000)" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"generator\": {\"arch\": \"fat-tree\", "
    "\"params\": {\"k\": 4}}, \"nodes\": [], \"links\": []}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes: a generated fat-tree fabric has no nodes" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"generator\": {\"arch\": \"torus\"}}",
    WEFT_FILE_ERROR_CONTENT, "bad: nodes: a generated torus fabric has no nodes" },
  /* A quoted value or key cannot break the message over lines or reach the terminal raw. */
  { HEAD
    "\"nodes\": [{\"id\": \"g0\", \"kind\": \"bri\\ndge\\u001b[2J\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: nodes[0].kind: unknown node kind 'bri\\ndge\\u001b[2J' (gpu, nvswitch, leaf, spine, "
    "core, router or ocs)" },
  { "{\"format\": \"weft-fabric\", \"version\": 1, \"col\\tour\": 1}", WEFT_FILE_ERROR_CONTENT,
    "bad: col\\tour: unknown field (the file takes format, version, name, protocol, optics, "
    "generator, floor, racks, nodes, links)" },
  /* A node's name is its id: the message lists what a node takes. */
  { HEAD "\"nodes\": [{\"name\": \"g0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
    WEFT_FILE_ERROR_CONTENT,
    "bad: nodes[0].name: unknown field (a node takes id, kind, part, rack, u, server, rail, pod, "
    "plane, group)" },
};

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) fabric = NULL;

      fabric = weft_fabric_load_data (catalog, bad_files[i].json, strlen (bad_files[i].json), "bad",
                                      &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(loaded)");
      g_assert_null (fabric);
      g_assert_error (error, WEFT_FILE_ERROR, bad_files[i].code);
      if (bad_files[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad_files[i].message);
    }
}

/* Structural problems that a user can fix after loading are not load errors. */
static void
test_loads_with_problems (void)
{
  const char *json =
      HEAD NODES ", \"links\": [{\"a\": \"g0\", \"b\": \"l0\", \"speed\": 400, \"count\": 70}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric =
      weft_fabric_load_data (catalog, json, strlen (json), "over", &error);

  g_assert_no_error (error);
  g_assert_nonnull (fabric);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, 1);
  /* Placement: same rack, different units. */
  g_assert_cmpfloat (weft_fabric_get_link (fabric, 0)->length_m, ==,
                     weft_fabric_get_floor (fabric)->intra_rack_m);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric =
      weft_fabric_load_file (catalog, "/nonexistent/fabric.json", &error);

  g_assert_null (fabric);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* A file cut short says where it was cut, not "line 1, column 2" after every cut, and that
 * it was cut, not yajl's "premature EOF". */
static void
test_truncated (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "fat-tree", "k=4", NULL);
  g_autoptr(GBytes) bytes = weft_fabric_to_bytes (fabric);
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  const double fractions[] = { 0.0001, 0.1, 0.333, 0.5, 0.77, 0.999 };

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      gsize cut = MAX (1, (gsize) (length * fractions[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) loaded = NULL;
      g_autofree char *where = NULL;
      guint line = 1, column = 1;

      for (gsize k = 0; k < cut; k++)
        {
          line += text[k] == '\n';
          column = text[k] == '\n' ? 1 : column + 1;
        }
      where = g_strdup_printf ("cut: line %u, column %u: ", line, column);
      loaded = weft_fabric_load_data (catalog, text, cut, "cut", &error);
      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ": %s", cut, length,
                      error ? error->message : "(loaded)");
      g_assert_null (loaded);
      g_assert_error (error, WEFT_FILE_ERROR, WEFT_FILE_ERROR_SYNTAX);
      if (!g_str_has_prefix (error->message, where) || strstr (error->message, "cut short") == NULL)
        g_error ("expected \"%s… cut short…\", got \"%s\"", where, error->message);
    }
}

/* A folder or a device is refused by name, not with mmap's message; "-" is standard input. */
static void
test_not_a_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-test-XXXXXX", NULL);
  const char *paths[] = { dir, "/dev/null" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) fabric = weft_fabric_load_file (catalog, paths[i], &error);
      g_autofree char *expected = g_strconcat (paths[i], ": not a regular file", NULL);

      g_assert_null (fabric);
      g_assert_error (error, G_FILE_ERROR, (i == 0 ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL));
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_null (strstr (error->message, "mmap"));
    }
  g_rmdir (dir);
}

static void
test_graphml (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  g_autoptr(GBytes) graphml = weft_fabric_to_graphml (fabric);
  g_autoptr(GBytes) dot = weft_fabric_to_dot (fabric);
  g_autofree char *text = g_strndup (g_bytes_get_data (graphml, NULL), g_bytes_get_size (graphml));
  g_autofree char *dot_text = g_strndup (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
  guint nodes = 0, edges = 0;

  for (const char *p = text; (p = strstr (p, "<node id=")) != NULL; p++)
    nodes++;
  for (const char *p = text; (p = strstr (p, "<edge id=")) != NULL; p++)
    edges++;
  g_assert_cmpuint (nodes, ==, weft_fabric_get_n_nodes (fabric));
  g_assert_cmpuint (edges, ==, weft_fabric_get_n_links (fabric));
  g_assert_nonnull (strstr (text, "<data key=\"capacity_gbps\">3600</data>"));
  g_assert_true (g_str_has_prefix (dot_text, "graph \"Leaf-spine, 64 GPUs\" {\n"));
  g_assert_nonnull (strstr (dot_text, "\"gpu-0-0\" -- \"nvs-0\" [class=\"scale-up\""));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  g_test_add_func ("/file/round-trip/generated", test_round_trip_generated);
  g_test_add_func ("/file/round-trip/edited", test_round_trip_edited);
  g_test_add_func ("/file/default-is-current", test_default_is_current);
  g_test_add_func ("/file/examples", test_examples);
  g_test_add_func ("/file/atomic-save", test_atomic_save);
  g_test_add_func ("/file/bad", test_bad_files);
  g_test_add_func ("/file/loads-with-problems", test_loads_with_problems);
  g_test_add_func ("/file/missing", test_missing_file);
  g_test_add_func ("/file/truncated", test_truncated);
  g_test_add_func ("/file/not-a-file", test_not_a_file);
  g_test_add_func ("/file/graphml", test_graphml);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
