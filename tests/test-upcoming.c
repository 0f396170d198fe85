/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-upcoming"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-upcoming.h"

/* The clock of the meetings: small registries are looked at at once, large
 * ones in batches from an idle callback, with the same result; states are
 * right meanwhile.
 */

static ConveneRegistry *
make_registry (guint n)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Crowd");
  ConveneRegistry *registry = convene_registry_new (community);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("g%05u", i);
      g_autofree char *text = g_strdup_printf ("%s at %u:00 UTC - Weekly",
                                               i % 2 ? "Thursdays" : "Wednesdays", 8 + i % 10);
      g_autoptr(ConveneGroup) group = convene_group_new (id, id);
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (text);

      g_assert_true (convene_schedule_parse (text, meeting));
      convene_group_add_meeting (group, meeting);
      g_assert_true (convene_registry_add_group (registry, group));
    }

  return registry;
}

static void
changed_cb (ConveneUpcoming *upcoming,
            guint           *n_changed)
{
  (*n_changed)++;
}

static void
assert_week_sorted (GPtrArray *week)
{
  for (guint i = 1; i < week->len; i++)
    {
      ConveneUpcomingEntry *a = g_ptr_array_index (week, i - 1);
      ConveneUpcomingEntry *b = g_ptr_array_index (week, i);

      g_assert_cmpint (g_date_time_compare (a->start, b->start), <=, 0);
    }
}

static void
test_upcoming_small_at_once (void)
{
  g_autoptr(ConveneRegistry) registry = make_registry (10);
  g_autoptr(ConveneUpcoming) upcoming = convene_upcoming_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-04T07:00:00Z", NULL);
  guint n_changed = 0;

  g_signal_connect (upcoming, "changed", G_CALLBACK (changed_cb), &n_changed);
  convene_upcoming_set_fixed_now (upcoming, now);
  convene_upcoming_set_registry (upcoming, registry);

  g_assert_false (convene_upcoming_get_pending (upcoming));
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (convene_upcoming_get_week (upcoming)->len, ==, 10);
  assert_week_sorted (convene_upcoming_get_week (upcoming));
}

static void
test_upcoming_large_in_batches (void)
{
  g_autoptr(ConveneRegistry) registry = make_registry (3000);
  g_autoptr(ConveneUpcoming) upcoming = convene_upcoming_new ();
  /* Wednesday 08:30 UTC: group 0 (Wednesdays 8:00-?) has no end, so its
   * state is whatever the schedule says; compare with the one computed
   * on the spot.
   */
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-04T07:55:00Z", NULL);
  g_autoptr(ConveneGroup) first = NULL;
  ConveneMeetingState expected;
  guint n_changed = 0;
  guint n_turns = 0;

  g_signal_connect (upcoming, "changed", G_CALLBACK (changed_cb), &n_changed);
  convene_upcoming_set_fixed_now (upcoming, now);
  g_assert_cmpuint (n_changed, ==, 1);
  convene_upcoming_set_registry (upcoming, registry);

  /* Not yet looked at: the week of before (none), and a state computed
   * on the spot when asked for.
   */
  g_assert_true (convene_upcoming_get_pending (upcoming));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (convene_upcoming_get_week (upcoming)->len, ==, 0);
  first = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  expected = convene_upcoming_get_group_state (upcoming, first);

  while (convene_upcoming_get_pending (upcoming))
    {
      g_main_context_iteration (NULL, TRUE);
      n_turns++;
    }

  /* Several turns, one "changed", and the whole week. */
  g_test_message ("%u main loop turns", n_turns);
  g_assert_cmpuint (n_turns, >, 1);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (convene_upcoming_get_week (upcoming)->len, ==, 3000);
  assert_week_sorted (convene_upcoming_get_week (upcoming));
  g_assert_cmpint (convene_upcoming_get_group_state (upcoming, first), ==, expected);
  g_assert_nonnull (convene_upcoming_get_next_wake (upcoming));

  /* A refresh during a scan starts over; a registry dropped meanwhile
   * ends it.
   */
  convene_upcoming_refresh (upcoming);
  g_assert_true (convene_upcoming_get_pending (upcoming));
  convene_upcoming_set_registry (upcoming, NULL);
  g_assert_false (convene_upcoming_get_pending (upcoming));
  g_assert_cmpuint (convene_upcoming_get_week (upcoming)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upcoming/small-at-once", test_upcoming_small_at_once);
  g_test_add_func ("/upcoming/large-in-batches", test_upcoming_large_in_batches);

  return g_test_run ();
}
