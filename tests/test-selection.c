/* test-selection.c — the selection follows links as edits move them, and says when it changes. */
#include "weft-test-util.h"

#include "model/weft-selection.h"

static WeftCatalog *catalog;

static void
count_cb (WeftSelection *selection,
          guint         *count)
{
  (*count)++;
}

static void
test_basics (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  g_autoptr(WeftSelection) selection = weft_selection_new (fabric);
  const guint nodes[] = { 9, 3, 9 };
  const guint links[] = { 5, 2 };
  const guint *got;
  guint n, changes = 0;

  g_signal_connect (selection, "changed", G_CALLBACK (count_cb), &changes);
  g_assert_true (weft_selection_is_empty (selection));
  weft_selection_set_node (selection, 4);
  g_assert_true (weft_selection_has_node (selection, 4));
  weft_selection_toggle_node (selection, 4);
  g_assert_true (weft_selection_is_empty (selection));
  weft_selection_add (selection, nodes, 3, links, 2);
  got = weft_selection_get_nodes (selection, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (got[0], ==, 3);
  g_assert_cmpuint (got[1], ==, 9);
  got = weft_selection_get_links (selection, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (got[0], ==, 2);
  /* Adding what is already there changes nothing. */
  weft_selection_add (selection, nodes, 1, NULL, 0);
  g_assert_cmpuint (changes, ==, 3);
  weft_selection_clear (selection);
  weft_selection_clear (selection);
  g_assert_cmpuint (changes, ==, 4);
}

/* Removing link 3 moves the last link into slot 3; undo moves it back. */
static void
test_follows_relocation (void)
{
  g_autoptr(WeftFabric) fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  g_autoptr(WeftSelection) selection = weft_selection_new (fabric);
  g_autoptr(GError) error = NULL;
  guint last = weft_fabric_get_n_links (fabric) - 1;
  guint changes = 0, n;

  weft_selection_set_link (selection, last);
  weft_selection_toggle_link (selection, 7);
  g_signal_connect (selection, "changed", G_CALLBACK (count_cb), &changes);

  weft_fabric_remove_link (fabric, 3, &error);
  g_assert_no_error (error);
  g_assert_true (weft_selection_has_link (selection, 3));
  g_assert_false (weft_selection_has_link (selection, last));
  g_assert_true (weft_selection_has_link (selection, 7));

  weft_fabric_undo (fabric);
  g_assert_true (weft_selection_has_link (selection, last));
  g_assert_false (weft_selection_has_link (selection, 3));

  /* A selected link that is removed leaves the selection; the selected
   * last link that takes its slot stays selected there. */
  weft_fabric_remove_link (fabric, 7, &error);
  g_assert_no_error (error);
  g_assert_true (weft_selection_has_link (selection, 7));
  g_assert_false (weft_selection_has_link (selection, last));
  weft_selection_get_links (selection, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (changes, ==, 3);
}

static void
test_reset_clears (void)
{
  WeftFabric *fabric = weft_test_generate (catalog, "leaf-spine", "gpus=64", NULL);
  WeftFabric *other = weft_test_generate (catalog, "leaf-spine", "gpus=128", NULL);
  WeftSelection *selection = weft_selection_new (fabric);

  weft_selection_set_node (selection, 1);
  weft_fabric_replace (fabric, other, "Regenerate");
  g_assert_true (weft_selection_is_empty (selection));

  /* The selection holds its fabric, and the fabric's history the fabric
   * whose contents it took (to swap them back on undo). */
  g_object_unref (other);
  g_assert_finalize_object (selection);
  g_assert_finalize_object (fabric);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = weft_catalog_new_default ();

  g_test_add_func ("/selection/basics", test_basics);
  g_test_add_func ("/selection/follows-relocation", test_follows_relocation);
  g_test_add_func ("/selection/reset-clears", test_reset_clears);

  status = g_test_run ();
  g_assert_finalize_object (catalog);
  return status;
}
