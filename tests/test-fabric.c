/* test-fabric.c — the edit API: validation, change notifications, undo and redo. */
#include "weft-test-util.h"

#include "model/weft-failure.h"
#include "model/weft-validate.h"

#include <string.h>

static WeftCatalog *catalog;

typedef struct
{
  GArray *kinds;
  GArray *changes;
} Recorder;

static void
changed_cb (WeftFabric       *fabric,
            const WeftChange *change,
            Recorder         *recorder)
{
  g_array_append_val (recorder->changes, *change);
}

/* An 8-port switch, so that a small fabric can run out of ports. */
static const char mini_catalog[] =
  "{\"format\": \"weft-catalog\", \"version\": 1, \"switches\": [{"
  "\"id\": \"mini8\", \"name\": \"Test switch\", \"class\": \"scale-out\", "
  "\"protocol\": [\"infiniband\"], \"ports\": {\"400\": 8}, \"latency_ns\": 100, "
  "\"power_w\": 50, \"price_usd\": 1000}]}";

/* A small leaf-spine: 16 GPUs in 2 servers, radix 8: 4 leaves of 4, 2 spines. */
static WeftFabric *
small_fabric (void)
{
  return weft_test_generate (catalog, "leaf-spine", "gpus=16", "switch=mini8", NULL);
}

static guint
find_link (WeftFabric   *fabric,
           WeftNodeKind  a,
           WeftNodeKind  b)
{
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);

      if (weft_fabric_get_node (fabric, link->a)->kind == a &&
          weft_fabric_get_node (fabric, link->b)->kind == b)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_shape (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();

  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_LEAF), ==, 4);
  g_assert_cmpuint (weft_fabric_count_nodes (fabric, WEFT_NODE_SPINE), ==, 2);
  g_assert_false (weft_fabric_is_edited (fabric));
  g_assert_false (weft_fabric_can_undo (fabric));
}

/* Every kind of edit, undone, gives back the very same file. */
static void
test_undo_restores (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autofree char *before = weft_test_snapshot (fabric);
  g_autofree char *after = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GError) error = NULL;
  guint uplink;
  guint spine = weft_fabric_lookup_node (fabric, "spine-1");
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0");
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-0-0");
  guint n_links = weft_fabric_get_n_links (fabric);
  guint other_rack = weft_fabric_get_node (fabric, spine)->rack;
  WeftLink extra;
  guint added;

  /* Every spine port is taken: free two on spine-1 first. */
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);

      if (link->b == spine && link->a == weft_fabric_lookup_node (fabric, "leaf-3"))
        {
          weft_fabric_remove_link (fabric, i, &error);
          g_assert_no_error (error);
          break;
        }
    }
  uplink = find_link (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE);
  n_links--;
  g_assert_cmpuint (weft_fabric_get_link (fabric, uplink)->b, !=, spine);
  weft_fabric_rewire_link (fabric, uplink, WEFT_LINK_END_B, spine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_link (fabric, uplink)->b, ==, spine);

  weft_fabric_set_link_medium (fabric, uplink, WEFT_MEDIUM_LPO, &error);
  g_assert_no_error (error);
  weft_fabric_set_link_count (fabric, uplink, 1, &error);
  g_assert_no_error (error);
  weft_fabric_set_link_length (fabric, uplink, 42.5, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (weft_fabric_get_link (fabric, uplink)->length_m, ==, 42.5);
  weft_fabric_move_node (fabric, leaf, other_rack, 30, &error);
  g_assert_no_error (error);
  weft_fabric_set_node_part (fabric, gpu, "bluefield-3", &error);
  g_assert_no_error (error);
  /* Remove a link and add it back: it returns at the end. */
  extra = *weft_fabric_get_link (fabric, 0);
  weft_fabric_remove_link (fabric, 0, &error);
  g_assert_no_error (error);
  weft_fabric_remove_link (fabric, 0, &error);
  g_assert_no_error (error);
  g_assert_true (weft_fabric_add_link (fabric, &extra, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, n_links - 2);
  g_assert_true (weft_fabric_is_edited (fabric));

  after = weft_test_snapshot (fabric);
  g_assert_cmpstr (before, !=, after);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links - 1);
  g_assert_cmpuint (weft_fabric_get_node (fabric, leaf)->u, ==, 30);

  while (weft_fabric_can_undo (fabric))
    weft_fabric_undo (fabric);
  {
    g_autofree char *undone = weft_test_snapshot (fabric);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_false (weft_fabric_is_edited (fabric));

  while (weft_fabric_can_redo (fabric))
    weft_fabric_redo (fabric);
  redone = weft_test_snapshot (fabric);
  g_assert_cmpstr (redone, ==, after);
  g_assert_true (weft_fabric_is_edited (fabric));
}

static void
test_refused_edits (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autofree char *before = weft_test_snapshot (fabric);
  g_autoptr(GError) error = NULL;
  guint uplink = find_link (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE);
  guint downlink = find_link (fabric, WEFT_NODE_GPU, WEFT_NODE_LEAF);
  guint scale_up = find_link (fabric, WEFT_NODE_GPU, WEFT_NODE_NVSWITCH);
  guint leaf1 = weft_fabric_lookup_node (fabric, "leaf-1");
  guint gpu = weft_fabric_get_link (fabric, downlink)->a;
  guint leaf = weft_fabric_get_link (fabric, uplink)->a;
  guint nvs = weft_fabric_lookup_node (fabric, "nvs-0");

  /* leaf-1 uses all 8 of its ports: no room for another uplink. */
  g_assert_false (weft_fabric_rewire_link (fabric, uplink, WEFT_LINK_END_B, leaf1, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PORTS);
  g_assert_cmpstr (error->message, ==,
                   "leaf-1 has no free 400G port: mini8 has 8, 10 would be in use");
  g_clear_error (&error);
  g_assert_false (weft_fabric_check_rewire (fabric, uplink, WEFT_LINK_END_B, leaf1, &error));
  g_clear_error (&error);

  /* Scale-out to an NVSwitch. */
  g_assert_false (weft_fabric_rewire_link (fabric, downlink, WEFT_LINK_END_B, nvs, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_CLASS);
  g_assert_cmpstr (
      error->message, ==,
      "nvs-0 is a nvswitch: it cannot end a scale-out link (scale-up and scale-out never join)");
  g_clear_error (&error);

  /* Scale-up to a leaf. */
  g_assert_false (weft_fabric_rewire_link (fabric, scale_up, WEFT_LINK_END_B, leaf, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_CLASS);
  g_clear_error (&error);

  /* Both ends on one node. */
  g_assert_false (weft_fabric_rewire_link (fabric, downlink, WEFT_LINK_END_B, gpu, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_SELF_LOOP);
  g_clear_error (&error);

  /* Copper beyond its reach. */
  g_assert_false (weft_fabric_set_link_medium (fabric, uplink, WEFT_MEDIUM_DAC, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_MEDIUM);
  g_assert_true (g_str_has_prefix (error->message, "leaf-"));
  g_assert_nonnull (strstr (error->message, "no dac part at 400G reaches"));
  g_clear_error (&error);

  /* A speed the switch does not have. */
  g_assert_false (weft_fabric_set_link_speed (fabric, uplink, 800, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_SPEED);
  g_clear_error (&error);

  /* A part of the wrong kind, and one that does not exist. */
  g_assert_false (weft_fabric_set_node_part (fabric, leaf, "connectx-7", &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PART);
  g_clear_error (&error);
  g_assert_false (weft_fabric_set_node_part (fabric, leaf, "qm0000", &error));
  g_assert_cmpstr (error->message, ==, "leaf-0: no part 'qm0000' in the catalog");
  g_clear_error (&error);
  g_assert_false (weft_fabric_set_node_part (fabric, leaf, "sn5600", &error));
  g_assert_cmpstr (error->message, ==,
                   "leaf-0: sn5600 does not speak infiniband, the protocol of this fabric");
  g_clear_error (&error);

  g_assert_false (weft_fabric_remove_link (fabric, 10000, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing refused left a trace. */
  {
    g_autofree char *after = weft_test_snapshot (fabric);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_false (weft_fabric_can_undo (fabric));
}

static void
test_move_refused_beyond_reach (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  guint downlink = find_link (fabric, WEFT_NODE_GPU, WEFT_NODE_LEAF);
  guint leaf = weft_fabric_get_link (fabric, downlink)->b;
  guint spine_rack =
      weft_fabric_get_node (fabric, weft_fabric_lookup_node (fabric, "spine-0"))->rack;

  /* Pin a GPU link to copper; moving its leaf away would stretch it. */
  weft_fabric_set_link_medium (fabric, downlink, WEFT_MEDIUM_DAC, &error);
  g_assert_no_error (error);
  g_assert_false (weft_fabric_move_node (fabric, leaf, spine_rack, 20, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_MEDIUM);
  g_assert_true (g_str_has_prefix (error->message, "moving leaf-0 to R"));
  g_clear_error (&error);

  g_assert_false (weft_fabric_move_node (fabric, leaf, spine_rack, 99, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID);
}

/* A move re-derives the lengths of the node's links and their media. */
static void
test_move_updates_lengths (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  guint uplink = find_link (fabric, WEFT_NODE_LEAF, WEFT_NODE_SPINE);
  const WeftLink *link = weft_fabric_get_link (fabric, uplink);
  guint leaf = link->a, spine = link->b;
  guint spine_rack = weft_fabric_get_node (fabric, spine)->rack;
  const WeftMediaPart *media;

  g_assert_cmpuint (weft_fabric_get_node (fabric, leaf)->rack, !=, spine_rack);
  g_assert_cmpfloat (link->length_m, >, 4);

  weft_fabric_move_node (fabric, leaf, spine_rack, 40, &error);
  g_assert_no_error (error);
  link = weft_fabric_get_link (fabric, uplink);
  g_assert_cmpfloat (link->length_m, ==, weft_fabric_get_floor (fabric)->intra_rack_m);
  media = weft_fabric_get_link_media (fabric, uplink);
  g_assert_cmpint (media->medium, ==, WEFT_MEDIUM_DAC);

  /* The whole move is one undo step. */
  g_assert_cmpstr (weft_fabric_get_undo_label (fabric), ==, "Move leaf-0");
  weft_fabric_undo (fabric);
  g_assert_false (weft_fabric_can_undo (fabric));
  g_assert_cmpfloat (weft_fabric_get_link (fabric, uplink)->length_m, >, 4);
}

static void
test_changes_notified (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  Recorder recorder = { NULL, g_array_new (FALSE, FALSE, sizeof (WeftChange)) };
  guint n_links = weft_fabric_get_n_links (fabric);
  guint64 generation = weft_fabric_get_generation (fabric);
  WeftLink removed = *weft_fabric_get_link (fabric, 3);
  WeftLink last = *weft_fabric_get_link (fabric, n_links - 1);
  const WeftChange *change;

  g_signal_connect (fabric, "changed", G_CALLBACK (changed_cb), &recorder);

  weft_fabric_remove_link (fabric, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  change = &g_array_index (recorder.changes, WeftChange, 0);
  g_assert_cmpint (change->kind, ==, WEFT_CHANGE_LINK_REMOVED);
  g_assert_cmpuint (change->index, ==, 3);
  g_assert_cmpuint (change->relocated, ==, n_links - 1);
  g_assert_cmpmem (&change->old_link, sizeof (WeftLink), &removed, sizeof (WeftLink));
  /* The last link now fills the gap. */
  g_assert_cmpmem (weft_fabric_get_link (fabric, 3), sizeof (WeftLink), &last, sizeof (WeftLink));
  g_assert_cmpuint (weft_fabric_get_generation (fabric), >, generation);

  weft_fabric_undo (fabric);
  change = &g_array_index (recorder.changes, WeftChange, 1);
  g_assert_cmpint (change->kind, ==, WEFT_CHANGE_LINK_ADDED);
  g_assert_cmpuint (change->index, ==, 3);
  g_assert_cmpuint (change->relocated, ==, n_links - 1);
  g_assert_cmpmem (weft_fabric_get_link (fabric, 3), sizeof (WeftLink), &removed,
                   sizeof (WeftLink));
  g_assert_cmpmem (weft_fabric_get_link (fabric, n_links - 1), sizeof (WeftLink), &last,
                   sizeof (WeftLink));

  g_array_unref (recorder.changes);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_groups_and_notify (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  guint64 point;

  g_signal_connect (fabric, "notify::can-undo", G_CALLBACK (notify_cb), &notified);
  g_assert_cmpuint (weft_fabric_get_history_point (fabric), ==, 0);

  weft_fabric_begin_group (fabric, "Use LPO");
  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i);

      if (weft_fabric_get_node (fabric, link->a)->kind == WEFT_NODE_LEAF)
        {
          weft_fabric_set_link_medium (fabric, i, WEFT_MEDIUM_LPO, &error);
          g_assert_no_error (error);
        }
    }
  weft_fabric_end_group (fabric);

  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (weft_fabric_get_undo_label (fabric), ==, "Use LPO");
  point = weft_fabric_get_history_point (fabric);
  g_assert_cmpuint (point, !=, 0);
  weft_fabric_undo (fabric);
  g_assert_cmpuint (weft_fabric_get_history_point (fabric), ==, 0);
  weft_fabric_redo (fabric);
  g_assert_cmpuint (weft_fabric_get_history_point (fabric), ==, point);
  weft_fabric_undo (fabric);
  g_assert_false (weft_fabric_can_undo (fabric));
  g_assert_cmpstr (weft_fabric_get_redo_label (fabric), ==, "Use LPO");

  /* An empty group records nothing. */
  weft_fabric_begin_group (fabric, "Nothing");
  weft_fabric_end_group (fabric);
  g_assert_false (weft_fabric_can_undo (fabric));
  g_assert_true (weft_fabric_can_redo (fabric));
}

static void
test_replace (void)
{
  WeftFabric *fabric = small_fabric ();
  g_autoptr(WeftFabric) bigger = weft_test_generate (catalog, "fat-tree", "k=4", "scale-up=none",
                                                     "gpus-per-server=1", NULL);
  g_autofree char *before = weft_test_snapshot (fabric);
  g_autofree char *replacement = weft_test_snapshot (bigger);
  WeftClosedForm cf;

  weft_fabric_replace (fabric, bigger, "Regenerate");
  g_clear_object (&bigger);
  {
    g_autofree char *now = weft_test_snapshot (fabric);
    g_assert_cmpstr (now, ==, replacement);
  }
  g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
  g_assert_cmpuint (cf.diameter_switch_hops, ==, 5);

  weft_fabric_undo (fabric);
  {
    g_autofree char *now = weft_test_snapshot (fabric);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
  g_assert_cmpuint (cf.diameter_switch_hops, ==, 3);

  /* The history holds the contents swapped out (an undo and a redo away),
   * and lets them go with the fabric. */
  weft_fabric_redo (fabric);
  weft_fabric_undo (fabric);
  g_assert_finalize_object (fabric);
}

/* Closed forms describe the generated fabric only. */
static void
test_closed_form_after_edit (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  WeftClosedForm cf;

  g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
  weft_fabric_remove_link (fabric, 0, &error);
  g_assert_no_error (error);
  g_assert_false (weft_fabric_get_closed_form (fabric, &cf));
  weft_fabric_undo (fabric);
  g_assert_true (weft_fabric_get_closed_form (fabric, &cf));
}

static void
test_validate (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint gpu = weft_fabric_lookup_node (fabric, "gpu-1-7");
  gboolean found = FALSE;

  problems = weft_fabric_validate (fabric);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Cut gpu-1-7 off: its NVLink and its NIC link. */
  for (guint i = weft_fabric_get_n_links (fabric); i > 0; i--)
    {
      const WeftLink *link = weft_fabric_get_link (fabric, i - 1);

      if (link->a == gpu || link->b == gpu)
        {
          weft_fabric_remove_link (fabric, i - 1, &error);
          g_assert_no_error (error);
        }
    }
  problems = weft_fabric_validate (fabric);
  for (guint i = 0; i < problems->len; i++)
    {
      WeftProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == WEFT_PROBLEM_UNREACHABLE && problem->node == gpu)
        {
          g_assert_cmpstr (problem->message, ==, "gpu-1-7 has no path to the fabric");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_copy (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(WeftFabric) copy = weft_fabric_copy (fabric);
  g_autofree char *a = weft_test_snapshot (fabric);
  g_autofree char *b = weft_test_snapshot (copy);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (
      weft_fabric_get_ports_used (copy, weft_fabric_lookup_node (copy, "leaf-0")), ==,
      weft_fabric_get_ports_used (fabric, weft_fabric_lookup_node (fabric, "leaf-0")));
}

/* One snapshot per generation, shared; an edit makes the next one, and the
 * old one stays as it was for whoever still reads it. */
static void
test_snapshot (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(WeftFabric) first = weft_fabric_dup_snapshot (fabric);
  g_autoptr(WeftFabric) again = weft_fabric_dup_snapshot (fabric);
  g_autoptr(WeftFabric) after = NULL;
  g_autofree char *before = weft_test_snapshot (fabric);
  g_autofree char *kept = NULL, *now = NULL, *edited = NULL;

  g_assert_true (first == again);
  g_assert_cmpuint (weft_fabric_get_generation (first), ==, weft_fabric_get_generation (fabric));
  g_assert_true (weft_fabric_remove_link (fabric, 0, NULL));
  after = weft_fabric_dup_snapshot (fabric);
  g_assert_true (after != first);
  kept = weft_test_snapshot (first);
  now = weft_test_snapshot (after);
  edited = weft_test_snapshot (fabric);
  g_assert_cmpstr (kept, ==, before);
  g_assert_cmpstr (now, ==, edited);
  g_assert_cmpstr (now, !=, before);
}

/* A copy is the same graph, and stays so when a node moves within its rack
 * (no length changes); a move to another rack changes its links' lengths,
 * which the move's fingerprint tells beforehand and the graph then shows. */
static void
test_same_graph (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "rail-optimized", "gpus=256", NULL);
  g_autoptr(WeftFabric) copy = weft_fabric_copy (fabric);
  guint leaf = weft_fabric_lookup_node (copy, "leaf-0");
  const WeftNode *node = weft_fabric_get_node (copy, leaf);
  guint rack = node->rack, u = node->u, other = WEFT_NONE, free_u = 0;
  guint64 here = weft_fabric_move_fingerprint (copy, leaf, rack, u);

  g_assert_true (weft_fabric_same_graph (fabric, copy));
  for (guint v = weft_fabric_get_rack (copy, rack)->units; v >= 1 && free_u == 0; v--)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < weft_fabric_get_n_nodes (copy) && !taken; i++)
        taken =
            weft_fabric_get_node (copy, i)->rack == rack && weft_fabric_get_node (copy, i)->u == v;
      free_u = taken ? 0 : v;
    }
  g_assert_cmpuint (weft_fabric_move_fingerprint (copy, leaf, rack, free_u), ==, here);
  g_assert_true (weft_fabric_move_node (copy, leaf, rack, free_u, NULL));
  g_assert_true (weft_fabric_same_graph (fabric, copy));

  for (guint r = 0; r < weft_fabric_get_n_racks (copy) && other == WEFT_NONE; r++)
    if (r != rack && weft_fabric_move_fingerprint (copy, leaf, r, u) != here)
      other = r;
  g_assert_cmpuint (other, !=, WEFT_NONE);
  g_assert_true (weft_fabric_move_node (copy, leaf, other, u, NULL));
  g_assert_false (weft_fabric_same_graph (fabric, copy));
  /* Where it was still has the lengths it had there. */
  g_assert_cmpuint (weft_fabric_move_fingerprint (copy, leaf, rack, u), ==, here);
}

/* Connecting two nodes by hand: the new link is like the others between
 * those kinds of node; a switch with no free port refuses it, as does a
 * node on itself; undo takes it away. */
static void
test_connect (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  g_autoptr(GError) error = NULL;
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0"),
        spine = weft_fabric_lookup_node (fabric, "spine-0");
  guint n_links = weft_fabric_get_n_links (fabric), between = WEFT_NONE, added;
  WeftLink like;
  const WeftLink *made;

  for (guint i = 0; i < n_links && between == WEFT_NONE; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      if ((l->a == leaf && l->b == spine) || (l->a == spine && l->b == leaf))
        between = i;
    }
  g_assert_cmpuint (between, !=, WEFT_NONE);
  like = *weft_fabric_get_link (fabric, between);

  /* Every port of leaf-0 is in use. */
  g_assert_false (weft_fabric_check_connect (fabric, leaf, spine, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PORTS);
  g_clear_error (&error);
  g_assert_false (weft_fabric_connect (fabric, leaf, spine, NULL, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_PORTS);
  g_clear_error (&error);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links);

  g_assert_false (weft_fabric_connect (fabric, leaf, leaf, NULL, &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_SELF_LOOP);
  g_clear_error (&error);

  /* One uplink taken away frees a port at each end. */
  g_assert_true (weft_fabric_remove_link (fabric, between, NULL));
  g_assert_true (weft_fabric_connect (fabric, spine, leaf, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links);
  made = weft_fabric_get_link (fabric, added);
  g_assert_cmpuint (made->count, ==, 1);
  g_assert_cmpuint (made->speed_gbps, ==, like.speed_gbps);
  g_assert_cmpuint (made->lanes, ==, like.lanes);
  g_assert_cmpuint (made->medium, ==, like.medium);
  g_assert_cmpuint (made->link_class, ==, like.link_class);
  g_assert_cmpfloat (made->length_m, ==,
                     (float) weft_fabric_placement_length (fabric, spine, leaf));
  g_assert_cmpstr (weft_fabric_get_undo_label (fabric), ==, "Add Link");
  g_assert_true (weft_fabric_undo (fabric));
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links - 1);
}

/* weft_fabric_without: links by index and by their ends, nodes by name; an element that
 * names nothing is refused, naming it, and the fabric itself is left alone. */
static void
test_without (void)
{
  g_autoptr(WeftFabric) fabric = small_fabric ();
  guint n_links = weft_fabric_get_n_links (fabric);
  guint leaf = weft_fabric_lookup_node (fabric, "leaf-0");
  const WeftLink *first = weft_fabric_get_link (fabric, 0);
  g_autofree char *first_ends = g_strdup_printf ("link:%s,%s",
                                                 weft_fabric_get_node (fabric, first->a)->name,
                                                 weft_fabric_get_node (fabric, first->b)->name);
  guint leaf_links = 0, same_ends = 0;
  const struct { const char *element; const char *message; } bad[] = {
    { "node:leaf-99", "node:leaf-99: the fabric has no node 'leaf-99'" },
    { "link:99999", "link:99999: the fabric has links 0 to " },
    { "link:leaf-0,leaf-1", "link:leaf-0,leaf-1: no link joins 'leaf-0' and 'leaf-1'" },
    { "switch:leaf-0", "switch:leaf-0: write link:ID, link:A,B or node:NAME" },
  };

  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      leaf_links += l->a == leaf || l->b == leaf;
      same_ends += (l->a == first->a && l->b == first->b) || (l->a == first->b && l->b == first->a);
    }
  g_assert_cmpuint (leaf_links, >, 0);

  {
    const char *const elements[] = { "node:leaf-0", "link:0", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(WeftFabric) failed = weft_fabric_without (fabric, elements, &error);
    gboolean link0_is_leaf = first->a == leaf || first->b == leaf;

    g_assert_no_error (error);
    g_assert_cmpuint (weft_fabric_get_n_links (failed), ==,
                      n_links - leaf_links - (link0_is_leaf ? 0 : 1));
    g_assert_cmpuint (weft_fabric_get_n_nodes (failed), ==, weft_fabric_get_n_nodes (fabric));
    for (guint i = 0; i < weft_fabric_get_n_links (failed); i++)
      g_assert_true (weft_fabric_get_link (failed, i)->a != leaf &&
                     weft_fabric_get_link (failed, i)->b != leaf);
  }
  {
    const char *const elements[] = { first_ends, NULL };
    g_autoptr(WeftFabric) failed = weft_fabric_without (fabric, elements, NULL);

    g_assert_nonnull (failed);
    g_assert_cmpuint (weft_fabric_get_n_links (failed), ==, n_links - same_ends);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *const elements[] = { "link:0", bad[i].element, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(WeftFabric) failed = weft_fabric_without (fabric, elements, &error);

      g_assert_null (failed);
      g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, bad[i].message));
    }
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The fabric's file text as a sorted set of lines, without whether it was
 * edited or the commas between records: the same fabric whatever its
 * links' order. */
static char *
sorted_text (WeftFabric *fabric)
{
  g_autofree char *text = weft_test_snapshot (fabric);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == ',')
        lines[i][n - 1] = '\0';
      if (strstr (lines[i], "\"edited\":") == NULL)
        g_ptr_array_add (kept, lines[i]);
    }
  g_ptr_array_sort (kept, compare_lines);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("\n", (char **) kept->pdata);
}

/* The fabric's links, whatever their order, failed ones left out. */
static char *
link_set (WeftFabric *fabric)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < weft_fabric_get_n_links (fabric); i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %u %u %u", weft_fabric_get_node (fabric,
                                               l->a)->name, weft_fabric_get_node (fabric,
                                               l->b)->name, l->count, l->speed_gbps,
                                               l->medium));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static guint
live_failures (WeftFabric *fabric)
{
  g_autoptr(GPtrArray) live = weft_fabric_list_failures (fabric);

  return live->len;
}

/* A failure takes the element's links out as one edit, the file keeps
 * them, undo and redo take it back and bring it again, and restoring puts
 * every link back as it was. */
static void
test_fail_and_restore (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=256", NULL);
  g_autoptr(WeftFabric) intact = weft_fabric_copy (fabric);
  g_autofree char *before = sorted_text (fabric);
  g_autofree char *saved = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftFabric) expected = NULL;
  g_auto(GStrv) elements = NULL;
  guint spine = weft_fabric_lookup_node (fabric, "spine-0");
  guint n_links = weft_fabric_get_n_links (fabric), spine_links = 0;

  for (guint i = 0; i < n_links; i++)
    {
      const WeftLink *l = weft_fabric_get_link (fabric, i);

      spine_links += l->a == spine || l->b == spine;
    }
  g_assert_cmpuint (spine_links, >, 0);

  g_assert_true (weft_fabric_fail (fabric, "node:spine-0", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links - spine_links);
  g_assert_cmpstr (weft_fabric_get_undo_label (fabric), ==, "Fail spine-0");
  g_assert_cmpuint (live_failures (fabric), ==, 1);
  /* The file keeps the fabric as built. */
  saved = sorted_text (fabric);
  g_assert_true (g_str_equal (saved, before));

  g_assert_false (weft_fabric_fail (fabric, "node:spine-0", &error));
  g_assert_error (error, WEFT_FABRIC_ERROR, WEFT_FABRIC_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "node:spine-0: already failed");
  g_clear_error (&error);
  g_assert_false (weft_fabric_fail (fabric, "node:spine-99", &error));
  g_assert_cmpstr (error->message, ==, "node:spine-99: the fabric has no node 'spine-99'");
  g_clear_error (&error);

  g_assert_true (weft_fabric_fail (fabric, "link:leaf-0,spine-1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (live_failures (fabric), ==, 2);
  elements = weft_fabric_dup_failed_elements (fabric);
  g_assert_cmpstr (elements[0], ==, "node:spine-0");
  g_assert_cmpstr (elements[1], ==, "link:leaf-0,spine-1");
  g_assert_null (elements[2]);
  expected = weft_fabric_without (intact, (const char *const *) elements, &error);
  g_assert_no_error (error);
  {
    g_autofree char *want = link_set (expected), *got = link_set (fabric);

    g_assert_true (g_str_equal (want, got));
  }

  g_assert_true (weft_fabric_undo (fabric));
  g_assert_cmpuint (live_failures (fabric), ==, 1);
  g_assert_true (weft_fabric_redo (fabric));
  g_assert_cmpuint (live_failures (fabric), ==, 2);

  g_assert_true (weft_fabric_restore_failures (fabric, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (live_failures (fabric), ==, 0);
  g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links);
  restored = sorted_text (fabric);
  g_assert_true (g_str_equal (restored, before));

  /* Undoing the restore fails them again; a new edit after undoing a failure forgets it. */
  g_assert_true (weft_fabric_undo (fabric));
  g_assert_cmpuint (live_failures (fabric), ==, 2);
  g_assert_true (weft_fabric_undo (fabric));
  g_assert_cmpuint (live_failures (fabric), ==, 1);
  g_assert_true (weft_fabric_remove_link (fabric, 0, NULL));
  g_assert_cmpuint (live_failures (fabric), ==, 1);
  g_assert_true (weft_fabric_undo (fabric));
  g_assert_true (weft_fabric_undo (fabric));
  g_assert_cmpuint (live_failures (fabric), ==, 0);
  g_assert_true (weft_fabric_same_graph (intact, fabric));

  /* Several at once are one edit, or none when one of them names nothing. */
  {
    const char *two[] = { "node:spine-1", "node:spine-2", NULL };
    const char *bad[] = { "node:spine-1", "node:nope", NULL };

    g_assert_false (weft_fabric_fail_all (fabric, bad, &error));
    g_assert_cmpstr (error->message, ==, "node:nope: the fabric has no node 'nope'");
    g_clear_error (&error);
    g_assert_cmpuint (weft_fabric_get_n_links (fabric), ==, n_links);
    g_assert_true (weft_fabric_fail_all (fabric, two, &error));
    g_assert_cmpstr (weft_fabric_get_undo_label (fabric), ==, "Fail 2 elements");
    g_assert_cmpuint (live_failures (fabric), ==, 2);
    g_assert_true (weft_fabric_undo (fabric));
    g_assert_cmpuint (live_failures (fabric), ==, 0);
    g_assert_true (weft_fabric_same_graph (intact, fabric));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();
  {
    g_autoptr(GError) error = NULL;

    weft_catalog_load_data (catalog, mini_catalog, -1, "mini", &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/fabric/shape", test_shape);
  g_test_add_func ("/fabric/undo-restores", test_undo_restores);
  g_test_add_func ("/fabric/refused-edits", test_refused_edits);
  g_test_add_func ("/fabric/connect", test_connect);
  g_test_add_func ("/fabric/move-refused-beyond-reach", test_move_refused_beyond_reach);
  g_test_add_func ("/fabric/move-updates-lengths", test_move_updates_lengths);
  g_test_add_func ("/fabric/changes-notified", test_changes_notified);
  g_test_add_func ("/fabric/groups-and-notify", test_groups_and_notify);
  g_test_add_func ("/fabric/replace", test_replace);
  g_test_add_func ("/fabric/closed-form-after-edit", test_closed_form_after_edit);
  g_test_add_func ("/fabric/validate", test_validate);
  g_test_add_func ("/fabric/copy", test_copy);
  g_test_add_func ("/fabric/snapshot", test_snapshot);
  g_test_add_func ("/fabric/same-graph", test_same_graph);
  g_test_add_func ("/fabric/without", test_without);
  g_test_add_func ("/fabric/fail-and-restore", test_fail_and_restore);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
