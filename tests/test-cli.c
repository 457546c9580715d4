/* test-cli.c — weft-cli as a user runs it: outputs, exit codes and messages. */
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *tmpdir;

/* Runs weft-cli with the NULL-terminated arguments. */
static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("WEFT_CLI"));
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (tmpdir, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_generate_and_info (void)
{
  g_auto(Run) gen = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) text = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *roles, *cf, *used, *available;

  run_cli (&gen, "generate", "rail-optimized", "--gpus", "1024", "-o", "fabric.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  g_assert_cmpstr (gen.err, ==, "");

  run_cli (&info, "info", "fabric.json", "--json", NULL);
  g_assert_cmpint (info.status, ==, 0);
  root = parse_object (parser, info.out);
  g_assert_cmpint (json_object_get_int_member (root, "gpus"), ==, 1024);
  g_assert_cmpint (json_object_get_int_member (root, "servers"), ==, 128);
  roles = json_object_get_object_member (root, "switches_by_role");
  g_assert_cmpint (json_object_get_int_member (roles, "leaf"), ==, 32);
  g_assert_cmpint (json_object_get_int_member (roles, "spine"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (roles, "core"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (roles, "nvswitch"), ==, 128);
  g_assert_cmpint (json_object_get_int_member (root, "switches"), ==, 176);
  /* 1,024 NIC links, as many leaf uplinks at 1:1, 1,024 × 18 NVLinks. */
  g_assert_cmpint (json_object_get_int_member (root, "links"), ==, 1024 + 1024 + 1024 * 18);
  g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (root, "links_by_tier"), "leaf-spine"),
                   ==, 1024);
  g_assert_true (json_object_has_member (root, "links_by_medium"));
  used = json_object_get_object_member (root, "ports_used");
  available = json_object_get_object_member (root, "ports_available");
  g_assert_cmpint (json_object_get_int_member (used, "leaf"), ==, 32 * 64);
  g_assert_cmpint (json_object_get_int_member (available, "leaf"), ==, 32 * 64);
  g_assert_cmpint (json_object_get_int_member (used, "spine"), ==, 16 * 64);
  cf = json_object_get_object_member (root, "closed_form");
  g_assert_nonnull (cf);
  g_assert_cmpfloat (json_object_get_double_member (cf, "bisection_gbps"), ==, 512 * 400.0);
  g_assert_cmpint (json_object_get_int_member (cf, "diameter_switch_hops"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "problems")), ==, 0);

  run_cli (&text, "info", "fabric.json", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Rail-optimized, 1,024 GPUs\n"));
  g_assert_nonnull (strstr (text.out, "1,024 in 128 servers"));
}

static void
test_generate_to_stdout (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "generate", "torus", "--dims", "4x4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "weft-fabric");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "nodes")), ==, 32);
}

static void
test_convert (void)
{
  g_auto(Run) gen = { 0 };
  g_auto(Run) conv = { 0 };
  g_auto(Run) dot = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *path = g_build_filename (tmpdir, "small.graphml", NULL);
  g_autofree char *contents = NULL;

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "64", "-o", "small.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&conv, "convert", "small.json", "-o", "small.graphml", NULL);
  g_assert_cmpint (conv.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "attr.name=\"capacity_gbps\""));
  run_cli (&dot, "convert", "small.json", "-o", "small.dot", NULL);
  g_assert_cmpint (dot.status, ==, 0);
  run_cli (&bad, "convert", "small.json", "-o", "small.png", NULL);
  g_assert_cmpint (bad.status, ==, 2);
}

/* export -o .csv writes the cable schedule; import reads it back to the
 * same fabric: the same metrics and cost, and no warning. */
static void
test_cable_schedule_round_trip (void)
{
  g_auto(Run) gen = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) before = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) drawing = { 0 };
  g_autofree char *path = g_build_filename (tmpdir, "cables.csv", NULL);
  g_autofree char *contents = NULL;
  const char *name;

  run_cli (&gen, "generate", "fat-tree", "--k", "4", "--name", "k4", "-o", "k4.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&export, "export", "k4.json", "-o", "cables.csv", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpstr (export.err, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "label,a_rack,a_u,a_device,a_port,"));

  run_cli (&import, "import", "cables.csv", "--name", "k4", "-o", "k4-back.json", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");
  run_cli (&before, "metrics", "--json", "k4.json", NULL);
  run_cli (&after, "metrics", "--json", "k4-back.json", NULL);
  g_assert_cmpint (after.status, ==, 0);
  /* The same figures; only the bisection's method differs, as the import has no closed form. */
  name = strstr (before.out, "\"method\"");
  g_assert_nonnull (name);
  g_assert_cmpmem (before.out, name - before.out, after.out, name - before.out);
  g_assert_nonnull (strstr (after.out, "\"cost_usd\""));

  run_cli (&drawing, "export", "k4.json", "-o", "cables.csv", "--view", "physical", NULL);
  g_assert_cmpint (drawing.status, ==, 2);
  g_assert_cmpstr (drawing.err, ==,
                   "weft-cli: -o cables.csv: a cable schedule takes none of the drawing options\n");
}

/* A plan with errors imports nothing and exits 1, listing them; one with
 * warnings imports and exits 0. */
static void
test_import_exit_codes (void)
{
  g_auto(Run) bad = { 0 };
  g_auto(Run) warned = { 0 };
  g_auto(Run) usage = { 0 };
  g_autofree char *bad_path = g_build_filename (tmpdir, "bad-plan.csv", NULL);
  g_autofree char *good_path = g_build_filename (tmpdir, "good-plan.csv", NULL);
  g_autofree char *out_path = g_build_filename (tmpdir, "never.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (g_file_set_contents (bad_path,
                                      "a_device,a_port,b_device,b_port\n"
                                      "gpu-0,p1,leaf-0,p1\n"
                                      "gpu-1,p1,leaf-0,\n"
                                      "gpu-2,p1,leaf-0,p1\n", -1, NULL));
  g_assert_true (g_file_set_contents (good_path,
                                      "a_device,a_port,b_device,b_port\n"
                                      "gpu-0,p1,leaf-0,p1\n"
                                      "gpu-1,p1,leaf-0,p2\n", -1, NULL));

  run_cli (&bad, "import", "bad-plan.csv", "-o", "never.json", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_cmpstr (bad.err, ==,
                   "weft-cli: bad-plan.csv:3: b_port missing\n"
                   "weft-cli: bad-plan.csv:4: port leaf-0/p1 is already used at line 2\n"
                   "weft-cli: bad-plan.csv: 2 errors; nothing imported\n");
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  run_cli (&warned, "import", "good-plan.csv", NULL);
  g_assert_cmpint (warned.status, ==, 0);
  g_assert_nonnull (strstr (warned.err, "weft-cli: warning: good-plan.csv: roles inferred for 3 "
                            "devices: 2 gpu, 1 leaf; 0 unknown\n"));
  root = parse_object (parser, warned.out);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "good-plan");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "links")), ==, 2);

  run_cli (&usage, "import", "good-plan.csv", "--protocol", "token-ring", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  g_assert_cmpstr (usage.err, ==, "weft-cli: --protocol token-ring: use infiniband or ethernet\n");
}

/* 1 for bad input, with a message naming the problem; 2 for wrong usage. */
static void
test_exit_codes (void)
{
  const struct { const char *args[8]; int status; const char *message;
  } cases[] = {
    { { NULL }, 2, NULL },
    { { "frobnicate", NULL }, 2, "weft-cli: unknown command 'frobnicate' (see weft-cli --help)\n" },
    { { "generate", "mesh", "--gpus", "8", NULL }, 2, NULL },
    { { "generate", "leaf-spine", "--k", "4", NULL },
      2,
      "weft-cli: --k is not an option of leaf-spine\n" },
    { { "generate", "leaf-spine", "--colour", "red", NULL }, 2, NULL },
    { { "generate", "leaf-spine", "--gpus", "lots", NULL },
      1,
      "weft-cli: --gpus: expected a whole number from 1 to 16777216, got 'lots'\n" },
    { { "generate", "leaf-spine", "--gpus", "4096", NULL },
      1,
      "weft-cli: --gpus 4096: radix 64 at 400G gives at most 2,048 GPUs in 2 tiers; "
      "use --tiers 3 or a larger radix\n" },
    { { "generate", "leaf-spine", "--gpus", "64", "--switch", "nope", NULL }, 1, NULL },
    { { "info", "/nonexistent.json", NULL }, 1, NULL },
    { { "info", NULL }, 2, "weft-cli: info takes one fabric file\n" },
    { { "info", "broken.json", NULL }, 1, NULL },
    { { "import", NULL }, 2, "weft-cli: import takes one cable plan (.csv or .graphml)\n" },
    { { "import", "/nonexistent/plan.csv", NULL }, 1, NULL },
    { { "generate", "leaf-spine", "--gpus", "64", "--catalog", "/nonexistent/cat.json", NULL },
      1,
      NULL },
  };
  g_autofree char *broken = g_build_filename (tmpdir, "broken.json", NULL);

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"weft-fabric\", ", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = cases[i].args;

      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("case %u: %d %s", i, run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (strlen (run.err), >, 0);
      if (cases[i].message != NULL)
        g_assert_cmpstr (run.err, ==, cases[i].message);
    }
}

/* Two GPUs and a leaf, one GPU linked; the three arguments add top-level members, nodes
 * (nodes[3] on) and links (links[1] on), each starting with a comma. */
#define TINY_FABRIC(members, nodes, links) \
  "{\"format\": \"weft-fabric\", \"version\": 1, \"name\": \"tiny\"" members ",\n" \
  " \"nodes\": [\n" \
  "  {\"id\": \"gpu-0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"},\n" \
  "  {\"id\": \"gpu-1\", \"kind\": \"gpu\", \"part\": \"connectx-7\"},\n" \
  "  {\"id\": \"leaf-0\", \"kind\": \"leaf\", \"part\": \"qm9700\"}" nodes "\n" \
  " ],\n" \
  " \"links\": [\n" \
  "  {\"a\": \"gpu-0\", \"b\": \"leaf-0\", \"speed\": 400}" links "\n" \
  " ]\n" \
  "}\n"

typedef struct
{
  const char *file;           /* written to bad.json first; NULL: none */
  const char *args[8];
  int         status;
  const char *places[3];      /* each must be in stderr */
} ErrorCase;

/* Runs each case and checks its exit code and that stderr names every place: a user
 * should not have to search a file or a command line for what went wrong. */
static void
check_error_cases (const ErrorCase *cases,
                   guint            n_cases)
{
  g_autofree char *bad = g_build_filename (tmpdir, "bad.json", NULL);

  for (guint i = 0; i < n_cases; i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = cases[i].args;

      if (cases[i].file != NULL)
        g_assert_true (g_file_set_contents (bad, cases[i].file, -1, NULL));
      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("case %u (%s %s): %d %s", i, a[0], a[1], run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      /* One message of Weft's own, not a library's assertion before it. */
      g_assert_null (strstr (run.err, "CRITICAL"));
      g_assert_true (g_str_has_prefix (run.err, "weft-cli: "));
      for (guint p = 0; p < G_N_ELEMENTS (cases[i].places) && cases[i].places[p] != NULL; p++)
        g_assert_nonnull (strstr (run.err, cases[i].places[p]));
    }
}

/* A bad fabric or catalog file: the message gives the file and the JSON path of the value. */
static void
test_file_errors_name_the_path (void)
{
  const ErrorCase cases[] = {
    { TINY_FABRIC ("", "", ",\n  {\"a\": \"gpu-1\", \"b\": \"leaf-9\", \"speed\": 400}"),
      { "info", "bad.json", NULL }, 1, { "bad.json: links[1].b: ", "'leaf-9'" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"spine-0\", \"kind\": \"spline\", \"part\": \"qm9700\"}",
                   ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].kind: ", "'spline'" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"spine-0\", \"kind\": \"spine\", \"part\": \"qm9999\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].part: ", "'qm9999'" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"gpu-1\", \"kind\": \"spine\", \"part\": \"qm9700\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].id: ", "'gpu-1'", "nodes[1]" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"spine-0\", \"kind\": \"spine\", \"colour\": \"red\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].colour: " } },
    { TINY_FABRIC ("", "", ",\n  {\"a\": \"gpu-1\", \"speed\": 400}"),
      { "info", "bad.json", NULL }, 1, { "bad.json: links[1].b: " } },
    { TINY_FABRIC ("", "", ",\n  {\"a\": \"gpu-1\", \"b\": \"leaf-0\", \"speed\": 0}"),
      { "info", "bad.json", NULL }, 1, { "bad.json: links[1].speed: " } },
    { TINY_FABRIC ("", "", ",\n  {\"a\": \"gpu-1\", \"b\": \"leaf-0\", \"medium\": \"string\"}"),
      { "info", "bad.json", NULL }, 1, { "bad.json: links[1].medium: ", "'string'" } },
    { TINY_FABRIC (", \"generator\": {\"arch\": \"mesh\"}", "", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: generator.arch: ", "'mesh'" } },
    { TINY_FABRIC (", \"generator\": {\"arch\": \"fat-tree\", \"params\": {\"colour\": 7}}",
                   "", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: generator.params.colour: " } },
    { "{\"format\": \"weft-fabric\",\n \"version\": 1,\n \"nodes\": [\n  {\"id\": \"a\",}\n ]}\n",
      { "export", "bad.json", "-o", "bad.svg", NULL }, 1, { "bad.json: line 4, column " } },
    { "{\"format\": \"weft-catalog\", \"version\": 1,\n"
      " \"switches\": [{\"id\": \"qm9700\", \"power_w\": -5}]}\n",
      { "generate", "leaf-spine", "--gpus", "64", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].power_w: " } },
    /* Cut short: the place of the cut, not "line 1, column 2" wherever it was. */
    { "{\"format\": \"weft-fabric\",\n \"version\": 1,\n \"nodes\": [\n  {\"id\": \"a\"",
      { "info", "bad.json", NULL }, 1, { "bad.json: line 4, column 13: ", "cut short" } },
    { "{\"format\": \"weft-fabric\", \"version\": \"1\"}",
      { "info", "bad.json", NULL }, 1, { "bad.json: version: ", "the number 1", "string" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"spine-0\", \"kind\": \"spine\", \"kind\": \"leaf\", "
                   "\"part\": \"qm9700\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].kind: ", "duplicate key" } },
    { TINY_FABRIC (", \"name\": \"again\"", "", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: name: ", "duplicate key" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"\", \"kind\": \"spine\", \"part\": \"qm9700\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].id: ", "empty" } },
    { TINY_FABRIC ("", ",\n  {\"id\": \"spine\\u0000-0\", \"kind\": \"spine\", "
                   "\"part\": \"qm9700\"}", ""),
      { "info", "bad.json", NULL }, 1, { "bad.json: nodes[3].id: ", "NUL" } },
    { "{\"format\": \"weft-fabric\", \"version\": 1, \"generator\": {\"arch\": \"fat-tree\"}}",
      { "metrics", "bad.json", NULL }, 1, { "bad.json: nodes: ", "fat-tree", "no nodes" } },
    { NULL, { "info", "/", NULL }, 1, { "/: not a regular file" } },
    { NULL, { "metrics", "/dev/null", NULL }, 1, { "/dev/null: not a regular file" } },
  };

  check_error_cases (cases, G_N_ELEMENTS (cases));
}

#define CATALOG(sections) "{\"format\": \"weft-catalog\", \"version\": 1, " sections "}\n"
#define CATALOG_SWITCH(fields) \
  CATALOG ("\"switches\": [{\"id\": \"qm9700\", " fields "}]")

/* A bad --catalog file: every command that takes one refuses it naming the file and the place,
 * and a catalog that cannot be read names --catalog. */
static void
test_catalog_errors_name_the_place (void)
{
  g_autofree char *deep = g_strnfill (80000, '[');
  g_autofree char *fabric = g_build_filename (tmpdir, "fabric.json", NULL);
  const ErrorCase cases[] = {
    /* 80,000 '[' overflowed json-glib's stack: exit 139 in all three commands. */
    { deep, { "info", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: line 1, column 65: ", "nested" } },
    { deep, { "metrics", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: line 1, column 65: " } },
    { deep, { "generate", "fat-tree", "--k", "4", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: line 1, column 65: " } },
    /* An empty file printed a Json-CRITICAL first. */
    { "", { "info", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: ", "empty" } },
    { "{\"format\": \"weft-catalog\",\n \"version\": 1,\n \"switches\": [ {\"id\": x} ]}",
      { "info", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: line 3, column 23: " } },
    { CATALOG_SWITCH ("\"latency_ns\": 1e308"),
      { "metrics", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].latency_ns: ", "0 to 100000 ns" } },
    { CATALOG_SWITCH ("\"price_usd\": 1e300"),
      { "metrics", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].price_usd: ", "0 to 100000000 USD" } },
    { CATALOG_SWITCH ("\"price_usd\": 1e999"),
      { "metrics", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].price_usd: inf is out of range" } },
    { CATALOG_SWITCH ("\"rack_units\": 1000000"),
      { "generate", "fat-tree", "--k", "4", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].rack_units: ", "1 to 64 U" } },
    { CATALOG_SWITCH ("\"protocol\": []"),
      { "generate", "fat-tree", "--k", "4", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].protocol: " } },
    { CATALOG_SWITCH ("\"protocol\": \"infiniband\""),
      { "generate", "fat-tree", "--k", "4", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[0].protocol: ", "list" } },
    { CATALOG ("\"switches\": [{\"id\": \"qm9700\", \"price_usd\": 1}, "
               "{\"id\": \"qm9700\", \"price_usd\": 2}]"),
      { "info", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: switches[1].id: ", "'qm9700'", "switches[0]" } },
    { CATALOG ("\"media\": [{\"id\": \"dac-400\", \"fiber\": \"unobtainium\"}]"),
      { "info", "fabric.json", "--catalog", "bad.json", NULL }, 1,
      { "bad.json: media[0].fiber: ", "'unobtainium'" } },
    { NULL,
      { "generate", "leaf-spine", "--gpus", "64", "--catalog", "/nonexistent/cat.json", NULL }, 1,
      { "--catalog /nonexistent/cat.json: " } },
    { NULL, { "info", "fabric.json", "--catalog", "/", NULL }, 1,
      { "--catalog /: ", "not a regular file" } },
  };
  g_auto(Run) gen = { 0 };

  run_cli (&gen, "generate", "fat-tree", "--k", "4", "-o", "fabric.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  check_error_cases (cases, G_N_ELEMENTS (cases));
  g_unlink (fabric);
}

/* A bad option or argument: the message names the option, or the value it cannot use. */
static void
test_option_errors_name_the_option (void)
{
  const ErrorCase cases[] = {
    { NULL, { "generate", "fat-tree", "--k", "7", NULL }, 1, { "--k 7: " } },
    { NULL, { "generate", "leaf-spine", "--gpus", "64", "--tiers", "9", NULL }, 1,
      { "--tiers: ", "'9'" } },
    { NULL, { "generate", "leaf-spine", "--gpus", "64", "--protocol", "smoke", NULL }, 1,
      { "--protocol: ", "'smoke'" } },
    { NULL, { "generate", "leaf-spine", "--gpus", "64", "--switch", "nope", NULL }, 1,
      { "--switch nope: " } },
    { NULL, { "generate", "mesh", NULL }, 2, { "'mesh'" } },
    { NULL, { "sweep", "--archs", "leaf-spine,mesh", "-o", "sweep.csv", NULL }, 2,
      { "--archs: ", "'mesh'" } },
    { NULL, { "sweep", "--metrics", "speediness", "-o", "sweep.csv", NULL }, 2,
      { "--metrics: ", "'speediness'" } },
    { NULL, { "sweep", "--gpus", "4096:1024", "-o", "sweep.csv", NULL }, 2,
      { "--gpus 4096:1024: " } },
    { TINY_FABRIC ("", "", ""),
      { "export", "bad.json", "-o", "bad.svg", "--view", "sideways", NULL }, 2,
      { "--view sideways: " } },
    { TINY_FABRIC ("", "", ""),
      { "metrics", "bad.json", "--path", "gpu-0", "gpu-9", NULL }, 1,
      { "--path", "'gpu-9'" } },
    /* Each named the wrong thing, or nothing, or a value it would not take. */
    { NULL, { "generate", "leaf-spine", "--gpus", "64", "--switch", "torus-router", NULL }, 1,
      { "--switch torus-router ", "ici", "qm9700" } },
    { NULL, { "generate", "leaf-spine", "--gpus", "64", "--speed", "123", NULL }, 1,
      { "--speed 123: ", "200G, 400G, 800G" } },
    { NULL, { "generate", "dragonfly", "--groups", "99", NULL }, 1, { "--groups 99" } },
    { NULL, { "generate", "leaf-spine", "--gpus", "4096", NULL }, 1, { "--gpus 4096: " } },
    { NULL, { "generate", "torus", "--dims", "4xx", NULL }, 1, { "--dims: ", "'4xx'" } },
    { NULL, { "compare", "--gpus", "64", "-o", "x.bmp", NULL }, 2, { "-o x.bmp: " } },
    { TINY_FABRIC ("", "", ""),
      { "metrics", "bad.json", "--fail", "node:gpu-9", NULL }, 1,
      { "--fail node:gpu-9: ", "'gpu-9'" } },
    { TINY_FABRIC ("", "", ""),
      { "metrics", "bad.json", "--fail", "link:7", NULL }, 1,
      { "--fail link:7: ", "links 0 to 0" } },
    { TINY_FABRIC ("", "", ""),
      { "metrics", "bad.json", "--fail", "link:gpu-1,leaf-0", NULL }, 1,
      { "--fail link:gpu-1,leaf-0: ", "'gpu-1'", "'leaf-0'" } },
    { TINY_FABRIC ("", "", ""),
      { "metrics", "bad.json", "--fail", "rack:r1", NULL }, 1,
      { "--fail rack:r1: ", "node:NAME" } },
  };

  check_error_cases (cases, G_N_ELEMENTS (cases));
}

/* Links coloured by their load under an all-reduce of 1 GiB, as the window
 * colours them: the legend names the algorithm the collective model chose. */
static void
test_export_color_by_load (void)
{
  g_auto(Run) gen = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) collective = { 0 };
  g_auto(Run) wrong = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *svg = NULL, *path = g_build_filename (tmpdir, "load.svg", NULL);
  g_autofree char *legend = NULL;
  JsonObject *result;
  JsonArray *results;

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "32", "--gpus-per-server", "1",
           "--scale-up", "none", "--radix", "8", "-o", "load.weft.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&export, "export", "load.weft.json", "--color-by", "load", "-o", "load.svg", NULL);
  g_assert_cmpint (export.status, ==, 0);
  /* Under LeakSanitizer stderr also lists the suppressions fontconfig used. */
  g_assert_null (strstr (export.err, "weft-cli:"));
  run_cli (&collective, "collective", "load.weft.json", "--json", NULL);
  g_assert_cmpint (collective.status, ==, 0);
  results = json_object_get_array_member (parse_object (parser, collective.out), "results");
  result = json_array_get_object_element (results, 0);
  legend = g_strdup_printf (">under all-reduce 1 GiB (%s): share",
                            json_object_get_string_member (result, "algorithm"));
  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, ">Links by load</text>"));
  g_assert_nonnull (strstr (svg, legend));

  run_cli (&wrong, "export", "load.weft.json", "--color-by", "heat", "-o", "load.svg", NULL);
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "use medium, tier, length or load"));
}

/* Runs weft-cli with @input (a file) as its standard input. */
static void
run_cli_stdin (Run         *run,
               const char  *input,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("WEFT_CLI"));
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, tmpdir);
  g_subprocess_launcher_set_stdin_file_path (launcher, input);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* "-" reads the fabric from standard input; a pipe given by name is refused by name. */
static void
test_fabric_from_standard_input (void)
{
  g_autofree char *fabric = g_build_filename (tmpdir, "stdin.json", NULL);
  g_auto(Run) gen = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) metrics = { 0 };
  g_auto(Run) convert = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) empty = { 0 };

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "64", "-o", "stdin.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);

  run_cli_stdin (&info, fabric, "info", "-", NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_true (g_str_has_prefix (info.out, "Leaf-spine, 64 GPUs\n"));
  run_cli_stdin (&metrics, fabric, "metrics", "-", "--csv", NULL);
  g_assert_cmpint (metrics.status, ==, 0);
  run_cli_stdin (&convert, fabric, "convert", "-", "-o", "stdin.dot", NULL);
  g_assert_cmpint (convert.status, ==, 0);

  /* A file read through the name of standard input: a pipe only when piped, so read from
   * /dev/null, a device. */
  run_cli_stdin (&bad, "/dev/null", "info", "/dev/stdin", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "/dev/stdin: not a regular file"));
  run_cli_stdin (&empty, "/dev/null", "info", "-", NULL);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_cmpstr (empty.err, ==, "weft-cli: standard input: the file is empty\n");
  g_unlink (fabric);
}

/* metrics --fail on GPUs: a GPU cut off is a domain without exits, which the metrics
 * once searched through a pointer into nothing (UBSan). The ASan build runs this. */
static void
test_metrics_fail_gpu (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "ft4.json", NULL);
  g_autofree char *one = g_build_filename (tmpdir, "one.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) gen = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) lone = { 0 };
  JsonObject *root;

  run_cli (&gen, "generate", "fat-tree", "--k", "4", "-o", "ft4.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&text, "metrics", "ft4.json", "--fail", "node:gpu-0-0", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_nonnull (strstr (text.out, "after failing node:gpu-0-0:"));
  g_assert_nonnull (strstr (text.out, "16 GPU pairs cannot reach each other"));

  run_cli (&json, "metrics", "ft4.json", "--json", "--fail", "node:gpu-0-0", "--fail",
           "node:gpu-1-7", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.err, ==, "");
  root = parse_object (parser, json.out);
  g_assert_cmpint (json_object_get_int_member (root, "unreachable_pairs"), ==, 30);

  g_assert_true (
      g_file_set_contents (one,
                           "{\"format\": \"weft-fabric\", \"version\": 1, \"nodes\": "
                           "[{\"id\": \"gpu-0\", \"kind\": \"gpu\", \"part\": \"connectx-7\"}]}",
                           -1, NULL));
  run_cli (&lone, "metrics", "one.json", NULL);
  g_assert_cmpint (lone.status, ==, 0);
  g_assert_cmpstr (lone.err, ==, "");
  g_unlink (path);
  g_unlink (one);
}

/* metrics --fail on spines: the report's heading says its figures are with
 * the failure applied, and the spectral bound, taken without the cut-off
 * spines, stays a bound worth printing (it was 0 Gb/s, the isolated spine's
 * own component). */
static void
test_metrics_fail_spine (void)
{
  const struct { const char *fail[3]; const char *heading; } cases[] = {
    { { NULL }, "Leaf-spine, 256 GPUs\n" },
    { { "node:spine-0", NULL }, "Leaf-spine, 256 GPUs, with node:spine-0 failed\n" },
    { { "node:spine-0", "node:spine-1", NULL },
      "Leaf-spine, 256 GPUs, with node:spine-0, node:spine-1 failed\n" },
  };
  g_autofree char *path = g_build_filename (tmpdir, "ls256.json", NULL);
  g_auto(Run) gen = { 0 };

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "256", "-o", "ls256.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) text = { 0 };
      g_auto(Run) json = { 0 };
      JsonObject *bisection;

      if (cases[i].fail[0] == NULL)
        {
          run_cli (&text, "metrics", "ls256.json", NULL);
          run_cli (&json, "metrics", "ls256.json", "--json", NULL);
        }
      else if (cases[i].fail[1] == NULL)
        {
          run_cli (&text, "metrics", "ls256.json", "--fail", cases[i].fail[0], NULL);
          run_cli (&json, "metrics", "ls256.json", "--json", "--fail", cases[i].fail[0], NULL);
        }
      else
        {
          run_cli (&text, "metrics", "ls256.json", "--fail", cases[i].fail[0], "--fail",
                   cases[i].fail[1], NULL);
          run_cli (&json, "metrics", "ls256.json", "--json", "--fail", cases[i].fail[0],
                   "--fail", cases[i].fail[1], NULL);
        }
      g_assert_cmpint (text.status, ==, 0);
      g_assert_cmpint (json.status, ==, 0);
      g_assert_true (g_str_has_prefix (text.out, cases[i].heading));
      g_assert_null (strstr (text.out, "spectral lower bound 0 Gb/s"));
      bisection = json_object_get_object_member (parse_object (parser, json.out), "bisection");
      /* Losing a spine or two of 4 still leaves a connected fabric: a bound above 1 Tb/s, and
       * never above the bisection found. */
      g_assert_cmpfloat (json_object_get_double_member (bisection, "lower_bound_gbps"), >, 1000);
      g_assert_cmpfloat (json_object_get_double_member (bisection, "lower_bound_gbps"), <=,
                         json_object_get_double_member (bisection, "gbps") + 1e-6);
    }
  g_unlink (path);
}

/* compare compares the torus by default, its rings from the GPU count, and takes it by
 * name in --archs; at 1,000 GPUs it is 10 × 10 × 10, at 1,031 (a prime) the nearest
 * product and a note naming it. */
static void
test_compare_torus (void)
{
  const struct { const char *gpus; const char *archs; gint64 torus_gpus; } cases[] = {
    { "64", NULL, 64 },
    { "1000", "torus", 1000 },
    { "1031", "torus", 1032 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) run = { 0 };
      JsonArray *columns;
      JsonObject *torus = NULL;

      if (cases[i].archs == NULL)
        run_cli (&run, "compare", "--gpus", cases[i].gpus, "--json", NULL);
      else
        run_cli (&run, "compare", "--gpus", cases[i].gpus, "--archs", cases[i].archs, "--json",
                 NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      columns = json_object_get_array_member (parse_object (parser, run.out), "columns");
      for (guint c = 0; c < json_array_get_length (columns); c++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (columns, c),
                                                        "arch"),
                         "torus"))
          torus = json_array_get_object_element (columns, c);
      g_assert_nonnull (torus);
      g_assert_cmpfloat (json_object_get_double_member (torus, "gpus"), ==, cases[i].torus_gpus);
      if (cases[i].torus_gpus == 1032)
        g_assert_true (g_str_has_prefix (json_object_get_string_member (torus, "note"),
                                         "nearest size: 1,032 GPUs"));
    }
}

/* metrics reports how often the job stops, and with --fail what the loss costs its step;
 * a checkpoint no job can have and a negative rate are refused by name. */
static void
test_metrics_reliability (void)
{
  g_autofree char *rates = g_build_filename (tmpdir, "rates.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) gen = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) failed = { 0 };
  g_auto(Run) too_long = { 0 };
  g_auto(Run) negative = { 0 };
  g_auto(Run) bad_rate = { 0 };
  JsonObject *root, *r, *causes, *step;
  g_autoptr(GList) members = NULL;
  double sum = 0;

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "256", "-o", "ls256.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&json, "metrics", "ls256.json", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (parser, json.out);
  r = json_object_get_object_member (root, "reliability");
  causes = json_object_get_object_member (r, "by_cause");
  members = json_object_get_members (causes);
  for (GList *l = members; l != NULL; l = l->next)
    sum += json_object_get_double_member (causes, l->data);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "interruptions_per_day"), sum,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "mtti_hours"), 24 / sum, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (r, "goodput"), >, 0.9);
  g_assert_cmpfloat (json_object_get_double_member (r, "goodput"), <, 1);
  g_assert_true (json_object_has_member (causes, "gpu"));
  g_assert_false (json_object_has_member (causes, "spine"));

  run_cli (&failed, "metrics", "ls256.json", "--json", "--fail", "node:spine-0", NULL);
  g_assert_cmpint (failed.status, ==, 0);
  root = parse_object (parser, failed.out);
  step = json_object_get_object_member (root, "failure_step");
  g_assert_cmpfloat (json_object_get_double_member (step, "failed_s"), >=,
                     json_object_get_double_member (step, "intact_s"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (step, "slowdown"),
                                  json_object_get_double_member (step, "failed_s") /
                                  json_object_get_double_member (step, "intact_s") - 1, 1e-12);
  g_assert_true (json_object_get_null_member (step, "error"));

  run_cli (&too_long, "metrics", "ls256.json", "--checkpoint-s", "1e7", NULL);
  g_assert_cmpint (too_long.status, ==, 1);
  g_assert_nonnull (strstr (too_long.err, "--checkpoint-s: checkpoint write time: 1e+07 s"));
  g_assert_nonnull (strstr (too_long.err, "mean time to interruption"));
  run_cli (&negative, "metrics", "ls256.json", "--restart-s", "-5", NULL);
  g_assert_cmpint (negative.status, ==, 1);
  g_assert_nonnull (strstr (negative.err, "--restart-s: -5"));

  g_assert_true (g_file_set_contents (rates, "{\"format\": \"weft-catalog\", \"version\": 1, "
                                      "\"reliability\": {\"failures_per_day\": "
                                      "{\"dsp\": -0.1}}}", -1, NULL));
  run_cli (&bad_rate, "metrics", "ls256.json", "--catalog", "rates.json", NULL);
  g_assert_cmpint (bad_rate.status, ==, 1);
  g_assert_nonnull (strstr (bad_rate.err, "rates.json: reliability.failures_per_day.dsp: -0.1 "
                                          "is out of range"));
}

/* metrics --bom-csv prints the bill as --json lists it, a row each, and its extended prices add up
 * to the fabric's cost; it takes no other report option. */
static void
test_metrics_bom_csv (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) gen = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) bom = { 0 };
  g_auto(Run) both = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *rows;
  double sum = 0;

  run_cli (&gen, "generate", "rail-optimized", "--gpus", "512", "-o", "ro512.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  run_cli (&json, "metrics", "ro512.json", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  run_cli (&bom, "metrics", "ro512.json", "--bom-csv", NULL);
  g_assert_cmpint (bom.status, ==, 0);
  root = parse_object (parser, json.out);
  rows = json_object_get_array_member (root, "bom");
  lines = g_strsplit (bom.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "part,role,quantity,unit_price_usd,extended_usd,unit_power_w");
  g_assert_cmpuint (g_strv_length (lines), ==, json_array_get_length (rows) + 2);
  g_assert_cmpstr (lines[json_array_get_length (rows) + 1], ==, "");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *expected = g_strdup_printf (
          "%s,%s,%" G_GINT64_FORMAT ",%.2f,%.2f,%.3f", json_object_get_string_member (row, "part"),
          json_object_get_string_member (row, "role"),
          json_object_get_int_member (row, "quantity"),
          json_object_get_double_member (row, "unit_price_usd"),
          json_object_get_double_member (row, "extended_usd"),
          json_object_get_double_member (row, "unit_power_w"));

      g_assert_cmpstr (lines[i + 1], ==, expected);
      sum += json_object_get_double_member (row, "extended_usd");
    }
  g_assert_cmpfloat_with_epsilon (
      sum,
      json_object_get_double_member (json_object_get_object_member (root, "cost_usd"), "total"),
      0.01);

  run_cli (&both, "metrics", "ro512.json", "--bom-csv", "--csv", NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_cmpstr (both.err, ==, "weft-cli: --bom-csv takes none of --json, --csv, --fail, --path "
                                 "and --split\n");
}

/* -o never replaces what is not a regular file, writes through a link and keeps it, and
 * cleans up after a save that was killed. (No device here: a regression would replace it.) */
static void
test_output_never_clobbers (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "out.dir", NULL);
  g_autofree char *real = g_build_filename (tmpdir, "real.json", NULL);
  g_autofree char *link = g_build_filename (tmpdir, "link.json", NULL);
  g_autofree char *stale = g_build_filename (tmpdir, ".real.json.AbC123.weft-tmp", NULL);
  g_autofree char *text = NULL;
  const struct { const char *args[8]; const char *out; } writers[] = {
    { { "generate", "leaf-spine", "--gpus", "64", "-o", "out.fifo", NULL }, "out.fifo" },
    { { "generate", "leaf-spine", "--gpus", "64", "-o", "out.dir", NULL }, "out.dir" },
    { { "convert", "real.json", "-o", "out.fifo.dot", NULL }, "out.fifo.dot" },
    { { "export", "real.json", "-o", "out.fifo.png", NULL }, "out.fifo.png" },
    { { "export", "real.json", "-o", "out.fifo.pdf", "--view", "physical", NULL }, "out.fifo.pdf" },
    { { "compare", "--gpus", "64", "-o", "out.fifo.svg", NULL }, "out.fifo.svg" },
    { { "sweep", "--gpus", "64:128", "-o", "out.fifo.csv", NULL }, "out.fifo.csv" },
  };
  g_auto(Run) gen = { 0 };
  g_auto(Run) through = { 0 };
  struct stat st;

  run_cli (&gen, "generate", "leaf-spine", "--gpus", "64", "-o", "real.json", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, writers[i].out, NULL);

      if (i != 1)
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = writers[i].args;
      g_autofree char *path = g_build_filename (tmpdir, writers[i].out, NULL);
      g_autofree char *expected = g_strdup_printf ("weft-cli: %s: not a regular file",
                                                   writers[i].out);

      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_test_message ("%s -o %s: %d %s", a[0], writers[i].out, run.status, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, expected));
      g_assert_cmpint (lstat (path, &st), ==, 0);
      g_assert_true (i == 1 ? S_ISDIR (st.st_mode) : S_ISFIFO (st.st_mode));
      if (i != 1)
        g_unlink (path);
    }

  /* Through a link: the file it points to is written, the link stays a link. */
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half a killed save", -1, NULL));
  run_cli (&through, "generate", "fat-tree", "--k", "4", "-o", "link.json", NULL);
  g_assert_cmpint (through.status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (real, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"arch\": \"fat-tree\""));
  /* And the killed save's temporary file beside the target is gone. */
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_rmdir (folder);
}

static void
test_help (void)
{
  g_auto(Run) top = { 0 };
  g_auto(Run) gen = { 0 };

  run_cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.out, "generate"));
  run_cli (&gen, "generate", "--help", NULL);
  g_assert_cmpint (gen.status, ==, 0);
  g_assert_nonnull (strstr (gen.out, "--oversubscription=R"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("weft-cli-XXXXXX", NULL);

  g_test_add_func ("/cli/generate-and-info", test_generate_and_info);
  g_test_add_func ("/cli/generate-to-stdout", test_generate_to_stdout);
  g_test_add_func ("/cli/convert", test_convert);
  g_test_add_func ("/cli/cable-schedule-round-trip", test_cable_schedule_round_trip);
  g_test_add_func ("/cli/import-exit-codes", test_import_exit_codes);
  g_test_add_func ("/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/file-errors-name-the-path", test_file_errors_name_the_path);
  g_test_add_func ("/cli/option-errors-name-the-option", test_option_errors_name_the_option);
  g_test_add_func ("/cli/export-color-by-load", test_export_color_by_load);
  g_test_add_func ("/cli/catalog-errors-name-the-place", test_catalog_errors_name_the_place);
  g_test_add_func ("/cli/fabric-from-standard-input", test_fabric_from_standard_input);
  g_test_add_func ("/cli/metrics-fail-gpu", test_metrics_fail_gpu);
  g_test_add_func ("/cli/metrics-fail-spine", test_metrics_fail_spine);
  g_test_add_func ("/cli/compare-torus", test_compare_torus);
  g_test_add_func ("/cli/metrics-reliability", test_metrics_reliability);
  g_test_add_func ("/cli/metrics-bom-csv", test_metrics_bom_csv);
  g_test_add_func ("/cli/output-never-clobbers", test_output_never_clobbers);
  g_test_add_func ("/cli/help", test_help);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
