/* test-import.c — cable plans in, cable schedules out: round trips, inference, errors. */
#include "weft-test-util.h"

#include <string.h>

#include "io/weft-cable-plan.h"
#include "io/weft-csv.h"
#include "io/weft-fabric-file.h"
#include "io/weft-graph-export.h"
#include "metrics/weft-metrics.h"
#include "model/weft-validate.h"

static WeftCatalog *catalog;

/* Imports @text as "plan.csv" (or GraphML), with the report kept. */
static WeftFabric *
import_text (const char       *text,
             WeftImportReport *report,
             GError          **error)
{
  weft_import_report_init (report);
  return weft_fabric_import_data (catalog, text, strlen (text), "plan.csv", NULL, report, error);
}

static gboolean
has_message (const GPtrArray *messages,
             const char      *message)
{
  for (guint i = 0; i < messages->len; i++)
    if (g_str_equal (messages->pdata[i], message))
      return TRUE;
  return FALSE;
}

static void
print_messages (const WeftImportReport *report)
{
  for (guint i = 0; i < report->errors->len; i++)
    g_test_message ("error: %s", (const char *) report->errors->pdata[i]);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", (const char *) report->warnings->pdata[i]);
}

/* The plan fails to import, and lists @message among its errors. */
static void
assert_import_error (const char *text,
                     const char *message)
{
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = import_text (text, &report, &error);

  print_messages (&report);
  g_assert_null (fabric);
  g_assert_error (error, WEFT_IMPORT_ERROR, WEFT_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message, "; nothing imported"));
  g_assert_cmpuint (report.n_errors, >, 0);
  if (!has_message (report.errors, message))
    g_error ("no error '%s'", message);
}

/* What the metrics report for @fabric, without its name. */
static char *
metrics_text (WeftFabric *fabric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  g_autofree char *name = g_strdup (weft_fabric_get_name (fabric));

  weft_fabric_set_name (fabric, "x");
  metrics = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION |
                                  WEFT_METRICS_BILL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  weft_fabric_set_name (fabric, name);
  return weft_metrics_to_json (fabric, metrics, NULL);
}

/* Generate → schedule → import gives the same graph, file, metrics and
 * cost, with no warning (the schedule says everything). */
static void
assert_schedule_round_trip (WeftFabric *fabric)
{
  g_autoptr(GBytes) schedule = weft_fabric_to_cable_schedule (fabric);
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) imported = NULL;
  g_autofree char *before = NULL, *after = NULL, *metrics_before = NULL, *metrics_after = NULL;

  weft_import_report_init (&report);
  imported = weft_fabric_import_data (catalog, g_bytes_get_data (schedule, NULL),
                                      g_bytes_get_size (schedule), "schedule.csv", NULL, &report,
                                      &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (report.n_warnings, ==, 0);

  /* The schedule has no generator: compare with the fabric as a plain graph. */
  weft_fabric_set_generator (fabric, NULL, NULL);
  weft_fabric_set_name (imported, weft_fabric_get_name (fabric));
  g_assert_true (weft_fabric_same_graph (fabric, imported));
  before = weft_test_snapshot (fabric);
  after = weft_test_snapshot (imported);
  g_assert_cmpstr (before, ==, after);
  metrics_before = metrics_text (fabric);
  metrics_after = metrics_text (imported);
  g_assert_cmpstr (metrics_before, ==, metrics_after);
}

static void
test_round_trip_generators (void)
{
  const char *const specs[][5] = {
    { "leaf-spine", "gpus=64", NULL },
    { "leaf-spine", "gpus=48", "gpus-per-server=1", "scale-up=none", "radix=16" },
    { "fat-tree", "k=4", NULL },
    { "rail-optimized", "gpus=64", "tiers=3", NULL },
    { "rail-optimized", "gpus=144", "scale-up=nvlink5", NULL },
    { "rail-only", "gpus=128", "scale-up=infinity-fabric", NULL },
    { "dragonfly", "p=2", "a=4", "h=2", NULL },
    { "torus", "dims=4x4x2", NULL },
    { "leaf-spine", "gpus=64", "protocol=ethernet", "optics=lpo", NULL },
    { "dragonfly-plus", "p=4", "leaves=4", "spines=4", "h=2" },
    { "slim-fly", "q=5", NULL },
    { "hyperx", "dims=4x4", NULL },
    { "jellyfish", "gpus=128", "seed=7", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, specs[i][0], specs[i][1],
                                                         specs[i][2], specs[i][3], specs[i][4],
                                                         NULL);

      g_test_message ("%s %s", specs[i][0], specs[i][1]);
      assert_schedule_round_trip (fabric);
    }
}

/* Lengths set by hand, a medium chosen by hand and an odd name survive too. */
static void
test_round_trip_edited (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  g_autoptr(GError) error = NULL;
  guint n_links;
  const WeftLink *links = weft_fabric_get_links (fabric, &n_links);
  guint out = WEFT_NONE;

  for (guint i = 0; i < n_links && out == WEFT_NONE; i++)
    if (links[i].link_class == WEFT_LINK_SCALE_OUT)
      out = i;
  weft_fabric_set_link_length (fabric, out, 13.5, &error);
  g_assert_no_error (error);
  weft_fabric_set_link_medium (fabric, out + 1, WEFT_MEDIUM_AOC, &error);
  g_assert_no_error (error);
  assert_schedule_round_trip (fabric);
}

static void
test_schedule_rows (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=16", NULL);
  g_autoptr(GBytes) bytes = weft_fabric_to_cable_schedule (fabric);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autofree char *header = g_strjoinv (",", (char **) weft_cable_schedule_columns ());
  guint64 cables = 0;

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    cables += weft_fabric_get_link (fabric, i)->count;
  /* A header, a row per cable, and the empty string after the last line break. */
  g_assert_cmpuint (g_strv_length (lines), ==, cables + 2);
  g_assert_cmpstr (lines[0], ==, header);
  g_assert_cmpstr (lines[1], ==, "C0001 gpu-0-0/p1 to nvs-0/p1,R01-00,1,gpu-0-0,p1,R01-00,1,"
                   "nvs-0,p1,onboard,onboard-200,0.5,200,1,scale-up,gpu,connectx-7,0,0,,,0,"
                   "nvswitch,nvswitch-hgx-h100,,,,,0");
  /* The 18 NVLinks of a GPU are 18 rows, told apart by port. */
  g_assert_true (g_str_has_prefix (lines[18], "C0018 gpu-0-0/p18 to nvs-0/p18,"));
  g_assert_true (g_str_has_prefix (lines[19], "C0019 gpu-0-1/p1 to nvs-0/p19,"));
  g_assert_cmpstr (lines[cables + 1], ==, "");
}

/* The hand-written pod in data/examples/ imports with its roles, parts and servers inferred. */
static void
test_example_pod (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "data", "examples",
                                            "pod-cable-plan.csv", NULL);
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(WeftMetrics) metrics = NULL;
  const WeftNode *gpu, *leaf;

  weft_import_report_init (&report);
  fabric = weft_fabric_import_file (catalog, path, NULL, &report, &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_errors, ==, 0);
  g_assert_true (g_str_has_suffix (report.warnings->pdata[1],
                                   "pod-cable-plan.csv: roles inferred for 44 devices: 32 gpu, "
                                   "8 leaf, 4 spine; 0 unknown"));
  g_assert_true (g_str_has_suffix (report.warnings->pdata[2],
                                   "pod-cable-plan.csv: parts chosen by port count and speed for "
                                   "44 devices: 32 connectx-7, 12 qm9700"));
  g_assert_cmpstr (weft_fabric_get_name (fabric), ==, "pod-cable-plan");
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_GPU), ==, 32);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 8);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 4);
  g_assert_cmpuint (weft_fabric_get_n_racks (fabric), ==, 3);

  /* GPUs first; hgx02's GPUs share rack A01 and U 20: server 1, rails by place. */
  gpu = weft_fabric_get_node (fabric, weft_fabric_lookup_node (fabric, "hgx02-gpu5"));
  g_assert_cmpuint (weft_fabric_lookup_node (fabric, "hgx01-gpu0"), ==, 0);
  g_assert_cmpint (gpu->groups.server, ==, 1);
  g_assert_cmpint (gpu->groups.rail, ==, 5);
  g_assert_cmpstr (weft_fabric_get_rack (fabric, gpu->rack)->name, ==, "A01");
  g_assert_cmpuint (gpu->u, ==, 20);
  leaf = weft_fabric_get_node (fabric, weft_fabric_lookup_node (fabric, "leaf03"));
  g_assert_cmpstr (weft_fabric_get_part_id (fabric, leaf->part), ==, "qm9700");

  problems = weft_fabric_validate (fabric);
  g_assert_cmpuint (problems->len, ==, 0);
  metrics = weft_metrics_compute (fabric, WEFT_METRICS_HOPS | WEFT_METRICS_BISECTION, NULL, NULL,
                                  NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (metrics->unreachable_pairs, ==, 0);
  g_assert_cmpuint (metrics->switch_hops.max, ==, 3);
  /* 32 GPUs at 400G, non-blocking: half of them across. */
  g_assert_cmpfloat (metrics->bisection.gbps, ==, 16 * 400);
}

#define HEADER "a_device,a_port,b_device,b_port\n"

static void
test_error_port_twice (void)
{
  assert_import_error (HEADER
                       "gpu-0,p1,leaf-3,p1\n"
                       "gpu-1,p1,leaf-3,p7\n"
                       "gpu-2,p1,leaf-3,p7\n",
                       "plan.csv:4: port leaf-3/p7 is already used at line 3");
  /* Any port name, and the same cable listed twice. */
  assert_import_error (HEADER
                       "gpu-0,ib0,leaf-3,Eth1/1\n"
                       "gpu-0,ib0,leaf-3,Eth1/1\n",
                       "plan.csv:3: port gpu-0/ib0 is already used at line 2");
}

static void
test_error_no_role (void)
{
  /* Two switches joined only to each other: no GPU reaches them. */
  assert_import_error (HEADER
                       "gpu-0,p1,leaf-0,p1\n"
                       "gpu-1,p1,leaf-0,p2\n"
                       "spare-a,p1,spare-b,p1\n"
                       "spare-a,p2,spare-b,p2\n"
                       "spare-a,p3,spare-b,p3\n",
                       "plan.csv:4: spare-a has no role, and none follows from its cables (no "
                       "GPU reaches it over scale-out cables): give it one in a role column");
  assert_import_error ("a_device,a_port,a_role,b_device,b_port\n"
                       "gpu-0,p1,switch,leaf-0,p1\n",
                       "plan.csv:2: a_role 'switch' is not a role: use gpu (or nic), nvswitch "
                       "(or scale-up), leaf, spine, core, router or ocs");
}

static void
test_error_unknown_part (void)
{
  assert_import_error ("a_device,a_port,b_device,b_port,b_part\n"
                       "gpu-0,p1,leaf-0,p1,qm9700\n"
                       "gpu-1,p1,leaf-1,p1,qm9999\n",
                       "plan.csv:3: b_part 'qm9999' is not a part in the catalog");
  /* No part in the catalog has the ports a device needs. */
  assert_import_error ("a_device,a_port,b_device,b_port,speed_gbps\n"
                       "gpu-0,p1,leaf-0,p1,1600\n"
                       "gpu-1,p1,leaf-0,p2,1600\n",
                       "plan.csv:2: no NIC in the catalog speaking infiniband has ports for the 1 "
                       "cables of gpu-0 at 1600G: name its part in a part column");
  /* A part of the wrong kind for the role. */
  assert_import_error ("a_device,a_port,a_role,a_part,b_device,b_port\n"
                       "gpu-0,p1,gpu,qm9700,leaf-0,p1\n",
                       "plan.csv:2: gpu-0 is a gpu: qm9700 is not a NIC");
  assert_import_error ("a_device,a_port,b_device,b_port,cable_part\n"
                       "gpu-0,p1,leaf-0,p1,dac-9000\n",
                       "plan.csv:2: cable_part 'dac-9000' is not a cable or transceiver in the "
                       "catalog");
}

static void
test_error_missing_field (void)
{
  assert_import_error (HEADER
                       "gpu-0,p1,leaf-0,p1\n"
                       "gpu-1,p1,leaf-0,\n",
                       "plan.csv:3: b_port missing");
  assert_import_error (HEADER
                       "gpu-0,p1,leaf-0,p1\n"
                       ",,leaf-0,p3\n",
                       "plan.csv:3: a_device, a_port missing");
  assert_import_error ("a_device,a_port,b_device\n"
                       "gpu-0,p1,leaf-0\n",
                       "plan.csv:1: the header has no b_port column (a cable plan names "
                       "a_device, a_port, b_device and b_port)");
  assert_import_error ("a_device,a_port,b_device,b_port,a_rack\n"
                       "gpu-0,p1,leaf-0,p1,R01\n",
                       "plan.csv:2: gpu-0 is in rack R01 but at no U: give its U too, or no rack");
  assert_import_error ("", "plan.csv: the file is empty: a cable plan starts with a header "
                       "naming its columns (a_device, a_port, b_device, b_port, …)");
  assert_import_error (HEADER, "plan.csv: the plan lists no cables");
}

/* Values a row gets wrong, each at its line. */
static void
test_error_values (void)
{
  assert_import_error ("a_device,a_port,b_device,b_port,medium,length_m,speed_gbps,lanes,class,"
                       "a_u\n"
                       "gpu-0,p1,leaf-0,p1,fiber,3,400,4,scale-out,\n"
                       "gpu-1,p1,leaf-0,p2,dsp,3 feet,400,4,scale-out,\n"
                       "gpu-2,p1,leaf-0,p3,dsp,3,fast,4,scale-out,\n"
                       "gpu-3,p1,leaf-0,p4,dsp,3,400,0,scale-out,\n"
                       "gpu-4,p1,leaf-0,p5,dsp,3,400,4,sideways,\n"
                       "gpu-5,p1,leaf-0,p6,dsp,3,400,4,scale-out,U0\n"
                       "gpu-6,p1,gpu-6,p2,dsp,3,400,4,scale-out,\n",
                       "plan.csv:2: medium 'fiber' is not one of auto, dac, acc, aec, aoc, dsp, "
                       "lpo, lro, cpo, onboard");
  assert_import_error ("a_device,a_port,b_device,b_port,length_m\n"
                       "gpu-1,p1,leaf-0,p2,3 feet\n",
                       "plan.csv:2: length_m '3 feet' is not a length in metres");
  assert_import_error ("a_device,a_port,b_device,b_port,speed_gbps\n"
                       "gpu-2,p1,leaf-0,p3,fast\n",
                       "plan.csv:2: speed_gbps 'fast' is not a speed in Gb/s");
  assert_import_error ("a_device,a_port,b_device,b_port,class\n"
                       "gpu-4,p1,leaf-0,p5,sideways\n",
                       "plan.csv:2: class 'sideways' is neither scale-up nor scale-out");
  assert_import_error ("a_device,a_port,b_device,b_port,a_rack,a_u\n"
                       "gpu-5,p1,leaf-0,p6,R1,U0\n",
                       "plan.csv:2: a_u 'U0' is not a rack unit (1 to 65535)");
  assert_import_error (HEADER "gpu-6,p1,gpu-6,p2\n", "plan.csv:2: both ends are on gpu-6");
  assert_import_error ("a_device,a_port,b_device,b_port,medium,cable_part\n"
                       "gpu-0,p1,leaf-0,p1,aoc,dsp-sr-400\n",
                       "plan.csv:2: cable_part dsp-sr-400 is dsp, but medium says aoc");
  assert_import_error (HEADER "gpu-0,p1,leaf-0,p1,extra\n",
                       "plan.csv:2: 5 fields, but the header names 4 columns");
  assert_import_error ("a_device,a_port,b_device,b_port,count\n"
                       "gpu-0,p1,leaf-0,p1,2\n",
                       "plan.csv:1: column count: a cable plan has one row per cable, so list "
                       "each cable on its own row");
  assert_import_error ("a_device,a_port,b_device,b_port,a_device\n",
                       "plan.csv:1: column a_device appears twice");
}

/* A device's attributes must agree from row to row. */
static void
test_error_conflicts (void)
{
  assert_import_error ("a_device,a_port,a_rack,a_u,b_device,b_port\n"
                       "leaf-0,p1,R01-02,40,spine-0,p1\n"
                       "leaf-0,p2,R01-03,40,spine-1,p1\n",
                       "plan.csv:3: a_rack: leaf-0 is in rack R01-02 at line 2, not R01-03");
  assert_import_error ("a_device,a_port,a_role,b_device,b_port,b_role\n"
                       "gpu-0,p1,gpu,leaf-0,p1,leaf\n"
                       "leaf-0,p2,spine,spine-0,p1,spine\n",
                       "plan.csv:3: a_role: leaf-0 is a leaf at line 2, not a spine");
}

static void
test_error_syntax (void)
{
  assert_import_error (HEADER "gpu-0,p1,\"leaf-0,p1\n",
                       "plan.csv:2: a quoted field is not closed");
  assert_import_error (HEADER "gpu-0,p1,\"leaf\"-0,p1\n",
                       "plan.csv:2: text after a closing quote (a quote inside a quoted field is "
                       "written \"\")");
  assert_import_error (HEADER "gpu-0,p1,leaf-0,p1\ngpu-\xff,p1,leaf-0,p2\n",
                       "plan.csv:3: the row is not UTF-8 text (save the plan as UTF-8)");
  assert_import_error (HEADER "gpu-0,p1,\"leaf\xc3\",p1\n",
                       "plan.csv:2: the row is not UTF-8 text (save the plan as UTF-8)");
  assert_import_error (HEADER "gpu-0,p1,leaf\"0,p1\n",
                       "plan.csv:2: a quote inside an unquoted field (quote the whole field and "
                       "write the quote as \"\")");
}

/* Several errors at once: all listed, in order, and the GError counts them. */
static void
test_errors_counted (void)
{
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = import_text (HEADER
                                              "gpu-0,p1,leaf-0,\n"
                                              "gpu-1,p1,leaf-0,p1\n"
                                              "gpu-2,p1,leaf-0,p1\n", &report, &error);

  g_assert_null (fabric);
  g_assert_cmpuint (report.n_errors, ==, 2);
  g_assert_cmpstr (report.errors->pdata[0], ==, "plan.csv:2: b_port missing");
  g_assert_cmpstr (report.errors->pdata[1], ==,
                   "plan.csv:4: port leaf-0/p1 is already used at line 3");
  g_assert_cmpstr (error->message, ==,
                   "plan.csv:2: b_port missing (and 1 more errors); nothing imported");
}

/* Warnings import: a plan with roles, parts and speeds to infer, an unread
 * column, and a switch over its port budget. */
static void
test_warnings_import (void)
{
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plan = g_string_new ("a_device,a_port,b_device,b_port,b_part,colour\n");
  g_autoptr(WeftFabric) fabric = NULL;

  /* 72 GPUs on a NIC-sized leaf: more ports than a QM9700 has at 400G. */
  for (guint i = 0; i < 72; i++)
    g_string_append_printf (plan, "gpu-%u,p1,leaf-0,p%u,%s,blue\n", i, i + 1,
                            i == 0 ? "qm9700" : "");
  fabric = import_text (plan->str, &report, &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_nonnull (fabric);
  g_assert_cmpuint (report.n_errors, ==, 0);
  g_assert_true (has_message (report.warnings,
                              "plan.csv:1: columns Weft does not read, ignored: 'colour'"));
  g_assert_true (has_message (report.warnings,
                              "plan.csv: roles inferred for 73 devices: 72 gpu, 1 leaf; "
                              "0 unknown"));
  g_assert_true (has_message (report.warnings, "plan.csv: parts chosen by port count and speed "
                              "for 72 devices: 72 connectx-7"));
  g_assert_true (has_message (report.warnings, "plan.csv: 72 scale-out cables give no speed: "
                              "taken as 400G, as none of them gives one"));
  g_assert_true (has_message (report.warnings, "plan.csv:2: leaf-0 uses more ports than qm9700 "
                              "has (64×400G, 128×200G): 144 of 128 port units"));
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, 72);
}

/* Rows of a plan between the same two devices become one link with a
 * count; ones that differ stay apart. */
static void
test_parallel_cables_merge (void)
{
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = import_text (
    "a_device,a_port,b_device,b_port,a_role,b_role,medium,length_m\n"
    "leaf-0,p1,spine-0,p1,leaf,spine,aoc,20\n"
    "spine-0,p2,leaf-0,p2,spine,leaf,aoc,20\n"
    "gpu-0,p1,leaf-0,p3,gpu,,,\n"
    "leaf-0,p4,spine-0,p3,,,aoc,25\n"
    "leaf-0,p5,spine-0,p4,,,aoc,20\n", &report, &error);
  const WeftLink *link;

  print_messages (&report);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, 3);
  link = weft_fabric_get_link (fabric, 0);
  g_assert_cmpuint (link->count, ==, 3);
  g_assert_cmpuint (link->medium, ==, WEFT_MEDIUM_AOC);
  g_assert_true (link->length_set);
  g_assert_cmpfloat (link->length_m, ==, 20);
  g_assert_cmpstr (weft_fabric_get_node (fabric, link->a)->name, ==, "leaf-0");
  /* GPUs come first, and the link keeps its first row's ends. */
  g_assert_cmpuint (weft_fabric_lookup_node (fabric, "gpu-0"), ==, 0);
  g_assert_cmpuint (weft_fabric_get_link (fabric, 2)->count, ==, 1);
  g_assert_cmpfloat (weft_fabric_get_link (fabric, 2)->length_m, ==, 25);
}

/* Roles follow from the graph: scale-up switches from on-board cables,
 * GPUs at the edge, then switch tiers by distance, routers in direct networks. */
static void
test_roles_inferred (void)
{
  g_autoptr(GString) plan = g_string_new ("a_device,a_port,b_device,b_port,medium\n");
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = NULL;
  g_autoptr(WeftFabric) dragonfly = NULL;
  const WeftNode *node;

  /* Two servers of four GPUs on an NVSwitch each, a leaf per rail, two spines, a core. */
  for (guint s = 0; s < 2; s++)
    for (guint g = 0; g < 4; g++)
      {
        for (guint k = 0; k < 4; k++)
          g_string_append_printf (plan, "s%u-gpu%u,nv%u,s%u-nvs,g%u-%u,onboard\n", s, g, k, s,
                                  g, k);
        g_string_append_printf (plan, "s%u-gpu%u,p1,leaf%u,p%u,\n", s, g, g, s + 1);
      }
  for (guint l = 0; l < 4; l++)
    for (guint k = 0; k < 2; k++)
      g_string_append_printf (plan, "leaf%u,up%u,spine%u,p%u,\n", l, k, k, l);
  for (guint k = 0; k < 2; k++)
    g_string_append_printf (plan, "spine%u,up,core0,p%u,\n", k, k);

  fabric = import_text (plan->str, &report, &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_true (has_message (report.warnings, "plan.csv: roles inferred for 17 devices: 8 gpu, "
                              "2 nvswitch, 4 leaf, 2 spine, 1 core; 0 unknown"));
  node = weft_fabric_get_node (fabric, weft_fabric_lookup_node (fabric, "s1-nvs"));
  g_assert_cmpuint (node->kind, ==, WEFT_NODE_NVSWITCH);
  node = weft_fabric_get_node (fabric, weft_fabric_lookup_node (fabric, "s1-gpu2"));
  g_assert_cmpint (node->groups.group, ==, 1);
  g_assert_cmpuint (weft_fabric_get_link (fabric, 0)->link_class, ==, WEFT_LINK_SCALE_UP);
  g_assert_cmpuint (weft_fabric_get_link (fabric, 0)->count, ==, 4);

  /* A generated Dragonfly's schedule without its role and part columns. */
  {
    g_autoptr(WeftFabric) generated = weft_test_generate (catalog, "dragonfly", "p=2", "a=4",
                                                          "h=2", NULL);
    g_autoptr(GBytes) bytes = weft_fabric_to_cable_schedule (generated);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_auto(WeftImportReport) report2 = { 0 };

    /* Rename the columns in the header so the importer does not read them. */
    memcpy (strstr (text, "a_role"), "x_role", 6);
    memcpy (strstr (text, "b_role"), "y_role", 6);
    memcpy (strstr (text, "a_part"), "x_part", 6);
    memcpy (strstr (text, "b_part"), "y_part", 6);
    g_clear_error (&error);
    dragonfly = import_text (text, &report2, &error);
    print_messages (&report2);
    g_assert_no_error (error);
    g_assert_cmpuint (weft_fabric_count_nodes (dragonfly, WEFT_NODE_ROUTER), ==,
                      weft_fabric_count_nodes (generated, WEFT_NODE_ROUTER));
    g_assert_cmpuint (weft_fabric_count_nodes (dragonfly, WEFT_NODE_NVSWITCH), ==,
                      weft_fabric_count_nodes (generated, WEFT_NODE_NVSWITCH));
    g_assert_cmpuint (weft_fabric_count_nodes (dragonfly, WEFT_NODE_GPU), ==,
                      weft_fabric_count_nodes (generated, WEFT_NODE_GPU));
  }
}

/* RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, a byte
 * order mark, blank lines, headers in any case and order. */
static void
test_csv_reader (void)
{
  const char *text = "\xef\xbb\xbf" "B_Port , A_DEVICE,a_port,b_device,label\r\n"
                     "\r\n"
                     "p1,\"gpu \"\"zero\"\", left\",p1,leaf-0,\"two\r\nlines\"\r\n"
                     ",,,,\r\n"
                     "p2,gpu-1,p1,leaf-0,\"\"\r\n";
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) fabric = import_text (text, &report, &error);
  g_auto(WeftCsvReader) reader = { 0 };
  const WeftCsvField *fields;
  guint n, line;

  print_messages (&report);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_lookup_node (fabric, "gpu \"zero\", left"), ==, 0);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, 2);

  weft_csv_reader_init (&reader, text, strlen (text));
  g_assert_true (weft_csv_reader_next (&reader, &line, &error));
  g_assert_cmpuint (line, ==, 1);
  g_assert_true (weft_csv_reader_next (&reader, &line, &error));
  g_assert_cmpuint (line, ==, 3);
  fields = weft_csv_reader_fields (&reader, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpmem (fields[1].data, fields[1].len, "gpu \"zero\", left", 16);
  g_assert_cmpmem (fields[4].data, fields[4].len, "two\r\nlines", 10);
  g_assert_true (weft_csv_reader_next (&reader, &line, &error));
  g_assert_cmpuint (line, ==, 6);
  g_assert_false (weft_csv_reader_next (&reader, &line, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GString) out = g_string_new (NULL);

    weft_csv_append_field (out, "plain", -1);
    g_string_append_c (out, ',');
    weft_csv_append_field (out, "a \"b\", c", -1);
    g_assert_cmpstr (out->str, ==, "plain,\"a \"\"b\"\", c\"");
  }
}

/* Weft's own GraphML imports to the same graph; a generic one with a role key too. */
static void
test_graphml (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=32", NULL);
  g_autoptr(GBytes) graphml = weft_fabric_to_graphml (fabric);
  g_auto(WeftImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) imported = NULL;
  g_autoptr(WeftFabric) generic = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "  <key id=\"d0\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
    "  <key id=\"d1\" for=\"edge\" attr.name=\"speed_gbps\" attr.type=\"int\">"
    "<default>400</default></key>\n"
    "  <graph id=\"lab\" edgedefault=\"undirected\">\n"
    "    <node id=\"a\"><data key=\"d0\">gpu</data></node>\n"
    "    <node id=\"b\"><data key=\"d0\">gpu</data></node>\n"
    "    <node id=\"sw\"><data key=\"d0\">leaf</data></node>\n"
    "    <edge source=\"a\" target=\"sw\"/>\n"
    "    <edge source=\"b\" target=\"sw\"/>\n"
    "  </graph>\n"
    "</graphml>\n";

  weft_import_report_init (&report);
  imported = weft_fabric_import_data (catalog, g_bytes_get_data (graphml, NULL),
                                      g_bytes_get_size (graphml), "fabric.graphml", NULL, &report,
                                      &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_warnings, ==, 0);
  weft_fabric_set_generator (fabric, NULL, NULL);
  g_assert_true (weft_fabric_same_graph (fabric, imported));
  before = weft_test_snapshot (fabric);
  after = weft_test_snapshot (imported);
  g_assert_cmpstr (before, ==, after);

  weft_import_report_clear (&report);
  generic = import_text (text, &report, &error);
  print_messages (&report);
  g_assert_no_error (error);
  g_assert_cmpstr (weft_fabric_get_name (generic), ==, "lab");
  g_assert_cmpuint (weft_fabric_count_nodes (generic, WEFT_NODE_GPU), ==, 2);
  g_assert_cmpuint (weft_fabric_get_link (generic, 1)->speed_gbps, ==, 400);
  g_assert_true (has_message (report.warnings, "plan.csv: parts chosen by port count and speed "
                              "for 3 devices: 2 connectx-7, 1 qm9700"));
}

static void
test_graphml_errors (void)
{
  assert_import_error ("<graphml><graph>\n"
                       "<node id=\"a\"/>\n"
                       "<edge source=\"a\" target=\"b\"/>\n"
                       "</graph></graphml>\n",
                       "plan.csv:3: edge to 'b': no node has that id");
  assert_import_error ("<graphml><key id=\"k\" for=\"node\" attr.name=\"role\"/><graph>\n"
                       "<node id=\"a\"><data key=\"k\">toaster</data></node>\n"
                       "<node id=\"b\"/>\n"
                       "<node id=\"a\"/>\n"
                       "<edge source=\"a\" target=\"b\"/>\n"
                       "</graph></graphml>\n",
                       "plan.csv:4: node 'a' appears twice");
  assert_import_error ("<graphml><key id=\"k\" for=\"node\" attr.name=\"role\"/><graph>\n"
                       "<node id=\"a\"><data key=\"k\">toaster</data></node>\n"
                       "</graph></graphml>\n",
                       "plan.csv:2: role 'toaster' is not a role: use gpu (or nic), nvswitch "
                       "(or scale-up), leaf, spine, core, router or ocs");
  assert_import_error ("<svg></svg>", "plan.csv:1: not GraphML: the document is <svg>, not "
                       "<graphml>");
  assert_import_error ("<graphml><graph>\n<node id=\"a\">\n</graph></graphml>\n",
                       "plan.csv: not GraphML: Error on line 3 char 9: Element “graph” was closed, "
                       "but the currently open element is “node”");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  g_test_add_func ("/import/round-trip/generators", test_round_trip_generators);
  g_test_add_func ("/import/round-trip/edited", test_round_trip_edited);
  g_test_add_func ("/import/schedule/rows", test_schedule_rows);
  g_test_add_func ("/import/example-pod", test_example_pod);
  g_test_add_func ("/import/error/port-twice", test_error_port_twice);
  g_test_add_func ("/import/error/no-role", test_error_no_role);
  g_test_add_func ("/import/error/unknown-part", test_error_unknown_part);
  g_test_add_func ("/import/error/missing-field", test_error_missing_field);
  g_test_add_func ("/import/error/values", test_error_values);
  g_test_add_func ("/import/error/conflicts", test_error_conflicts);
  g_test_add_func ("/import/error/syntax", test_error_syntax);
  g_test_add_func ("/import/error/counted", test_errors_counted);
  g_test_add_func ("/import/warnings", test_warnings_import);
  g_test_add_func ("/import/parallel-cables", test_parallel_cables_merge);
  g_test_add_func ("/import/roles", test_roles_inferred);
  g_test_add_func ("/import/csv-reader", test_csv_reader);
  g_test_add_func ("/import/graphml", test_graphml);
  g_test_add_func ("/import/graphml/errors", test_graphml_errors);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
