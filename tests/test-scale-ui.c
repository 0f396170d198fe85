/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-test-scale-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "convene-application.h"
#include "convene-people-page.h"
#include "convene-person-row.h"
#include "convene-registry-writer.h"
#include "convene-search-hit.h"
#include "convene-search.h"
#include "convene-sidebar-item.h"
#include "convene-sidebar-row.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* The real window under Xvfb with registries far larger than any real
 * community: thousands of groups and tens of thousands of people. The
 * lists must make rows only for what is on screen, the search must find
 * exactly what the core search finds, and a file read once must come
 * from the binary cache the next time. The registries are built with the
 * core API and written with the registry writer, so they are files the
 * application could have saved itself.
 */

/* Only a guard against a freeze: loading 30,000 groups takes a few
 * seconds in a debug build, many times that under a sanitizer, and how
 * long it takes is for the benchmarks to measure.
 */
#define TIMEOUT_SECONDS 900

/* A window shows a few dozen rows; a list that made one per item would
 * make thousands.
 */
#define MAX_ROWS 300

#define BIG_GROUPS 5000
#define BIG_LEADS 5
#define HUGE_GROUPS 30000

static ConveneApplication *app;

/* Where the registries shared by several cases are written */
static char *shared_dir;
static char *big_path;

/* Names */

static const char * const first_names[] = {
  "Ada", "Ágnes", "Amir", "Anaïs", "Bjørn", "Bogdan", "Chen", "Chiara", "Darius", "Dóra",
  "Émile", "Eun-ji", "Farah", "Grzegorz", "Hana", "Ignacy", "Inès", "Jiří", "José", "Kai",
  "Leilani", "Mateo", "Mei", "Nikolai", "Noor", "Oğuz", "Olga", "Paweł", "Priya", "Rafael",
  "Şebnem", "Siobhán", "Søren", "Tomás", "Umar", "Vera", "Wiktoria", "Yusuf", "Zoë", "Zuzanna",
};

static const char * const last_names[] = {
  "Abara", "Ångström", "Bąk", "Castillo", "Çelik", "Dąbrowski", "Dvořák", "Eriksen",
  "Fernández", "García", "Haddad", "Horváth", "Ishikawa", "Jankowski", "Kim", "Kowalczyk",
  "Lefèvre", "Møller", "Müller", "Nakamura", "Nguyễn", "Novák", "O'Connor", "Oyelaran",
  "Pereira", "Quispe", "Rossi", "Sánchez", "Schäfer", "Silva", "Takahashi", "Tanaka", "Uçar",
  "Virtanen", "Wang", "Weiß", "Xu", "Yılmaz", "Zieliński", "Żak",
};

#define N_INITIALS 26

/* Person @i of @n: the one in the middle is Łukasz Płotka, the eighth
 * Zoë Ångström; the others have names no two share.
 */
static char *
person_name (guint i,
             guint n)
{
  guint n_first = G_N_ELEMENTS (first_names);
  guint n_last = G_N_ELEMENTS (last_names);

  g_assert (n <= n_first * N_INITIALS * n_last);

  if (i == n / 2)
    return g_strdup ("Łukasz Płotka");
  if (i == 7)
    return g_strdup ("Zoë Ångström");

  return g_strdup_printf ("%s %c. %s", first_names[i % n_first],
                          'A' + (i / n_first) % N_INITIALS,
                          last_names[(i / (n_first * N_INITIALS)) % n_last]);
}

/* Registries */

/* Writes a registry of @n_groups groups with @n_leads leads each, every
 * lead a person of their own, to @dir/@name and returns its path. Every
 * group has a topic and a link, every tenth a weekly meeting.
 */
static char *
write_registry (const char *dir,
                const char *name,
                guint       n_groups,
                guint       n_leads)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Scale");
  g_autoptr(ConveneRegistry) registry = convene_registry_new (community);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  guint n_people = n_groups * n_leads;
  static const char * const topics[] = { "Throughput", "Latency", NULL };

  for (guint i = 0; i < n_groups; i++)
    {
      g_autofree char *group_id = g_strdup_printf ("group-%05u", i);
      g_autofree char *group_name = g_strdup_printf ("Working Group %u", i);
      g_autofree char *url = g_strdup_printf ("https://docs.example.org/document/d/%u/edit", i);
      g_autoptr(ConveneGroup) group = convene_group_new (group_id, group_name);
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_NOTES, "Meeting notes", url);

      convene_group_set_topics (group, topics);
      convene_group_add_link (group, link);

      if (i % 10 == 0)
        {
          g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("Wednesdays at 13:00 PT");

          convene_meeting_set_weekday (meeting, G_DATE_WEDNESDAY);
          convene_meeting_set_start_minute (meeting, 13 * 60);
          convene_meeting_set_end_minute (meeting, 13 * 60 + 30);
          convene_meeting_set_timezone (meeting, "America/Los_Angeles");
          convene_group_add_meeting (group, meeting);
        }

      for (guint j = 0; j < n_leads; j++)
        {
          guint p = i * n_leads + j;
          g_autofree char *person_id = g_strdup_printf ("person-%05u", p);
          g_autofree char *full_name = person_name (p, n_people);
          g_autoptr(ConvenePerson) person = convene_person_new (person_id, full_name);
          g_autoptr(ConveneLead) lead = NULL;

          convene_person_set_company (person, p % 3 == 0 ? "Ñandú Systems" : "Example Corp");
          g_assert_true (convene_registry_add_person (registry, person));
          lead = convene_lead_new (person, j == 0 ? CONVENE_ROLE_CHAIR : CONVENE_ROLE_LEAD);
          convene_group_add_lead (group, lead);
        }

      g_assert_true (convene_registry_add_group (registry, group));
    }

  g_assert_true (convene_registry_save (registry, path, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

/* The registry of 5,000 groups, written once for every case that needs it */
static const char *
get_big_registry (void)
{
  if (big_path == NULL)
    big_path = write_registry (shared_dir, "big.json", BIG_GROUPS, BIG_LEADS);

  return big_path;
}

/* Widget tree: every widget, mapped or not */

static guint
count_all (GtkWidget *widget,
           GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += G_TYPE_CHECK_INSTANCE_TYPE (child, type) + count_all (child, type);

  return n;
}

/* How many widgets of @type exist in @window: rows scrolled away or on
 * a hidden page cost as much as those on screen.
 */
static guint
n_widgets (ConveneWindow *window,
           GType          type)
{
  return count_all (GTK_WIDGET (window), type);
}

/* The mapped row of @root titled @title, or NULL */
static ConvenePersonRow *
lookup_person_row (gpointer    root,
                   const char *title)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (root, CONVENE_TYPE_PERSON_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* The sidebar model: how many groups, and how many other entries */

static guint
n_sidebar_groups (ConveneWindow *window,
                  guint         *n_entries)
{
  GListModel *model = convene_window_get_sidebar_model (window);
  guint n = g_list_model_get_n_items (model);
  guint n_groups = 0;
  gboolean overview = FALSE, people = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (CONVENE_IS_GROUP (item))
        {
          n_groups++;
          continue;
        }

      g_assert_true (CONVENE_IS_SIDEBAR_ITEM (item));
      overview |= convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) ==
                  CONVENE_SIDEBAR_ITEM_OVERVIEW;
      people |= convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) ==
                CONVENE_SIDEBAR_ITEM_PEOPLE;
    }

  /* Around the groups, Overview and People are still there. */
  g_assert_true (overview);
  g_assert_true (people);

  if (n_entries != NULL)
    *n_entries = n - n_groups;
  return n_groups;
}

/* Fixture: a window of the shared application */

typedef UiTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  ui_test_fixture_setup (f, "convene-test-scale-XXXXXX");

  convene_application_load_registry (app, NULL);

  f->window = ui_test_window_new (app);
  /* Tests never reach the network. */
  convene_window_set_avatar_cache (f->window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  ui_test_wait_frames (f->window, 2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_test_fixture_teardown (f);

  /* The next case starts from the small bundled registry. */
  convene_application_load_registry (app, NULL);
  ui_test_drain ();
}

/* Loads @path in the window and waits for it: the loading page gives
 * way to the overview.
 */
static void
load (Fixture    *f,
      const char *path)
{
  gint64 start = g_get_monotonic_time ();

  convene_application_load_registry (app, path);
  g_assert_true (convene_application_get_loading (app));

  ui_test_assert_eventually (!convene_application_get_loading (app));
  g_assert_no_error ((GError *)convene_application_get_registry_error (app));
  g_assert_cmpstr (convene_application_get_registry_path (app), ==, path);
  g_assert_true (convene_window_get_registry (f->window) == convene_application_get_registry (app));

  ui_test_wait_frames (f->window, 3);
  g_test_message ("Loaded and shown %s in %.2f s%s", path,
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC,
                  convene_registry_store_get_from_cache (convene_application_get_store (app))
                  ? " (from the cache)" : "");
}

/* 5,000 groups, 25,000 people */

static void
test_scale_big (Fixture       *f,
                gconstpointer  data)
{
  const char *path = get_big_registry ();
  ConvenePeoplePage *page;
  GListModel *people;
  g_autoptr(ConvenePerson) last = NULL;
  ConvenePersonRow *row;
  guint n_entries, n, n_rows;

  load (f, path);

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_cmpuint (n_sidebar_groups (f->window, &n_entries), ==, BIG_GROUPS);
  n_rows = n_widgets (f->window, CONVENE_TYPE_SIDEBAR_ROW);
  g_test_message ("%u sidebar rows for %u groups", n_rows, BIG_GROUPS);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <, MAX_ROWS);

  convene_window_show_people (f->window);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "people");
  ui_test_wait_frames (f->window, 3);

  page = ui_test_find_one (f->window, CONVENE_TYPE_PEOPLE_PAGE);
  people = convene_people_page_get_model (page);
  n = g_list_model_get_n_items (people);
  g_assert_cmpuint (n, ==, BIG_GROUPS * BIG_LEADS);

  /* Sorted by name, as GtkStringSorter compares: without case. */
  {
    g_autoptr(ConvenePerson) first = g_list_model_get_item (people, 0);
    g_autofree char *previous = g_utf8_casefold (convene_person_get_name (first), -1);

    for (guint i = 1; i < n; i++)
      {
        g_autoptr(ConvenePerson) person = g_list_model_get_item (people, i);
        g_autofree char *name = g_utf8_casefold (convene_person_get_name (person), -1);

        if (g_utf8_collate (previous, name) > 0)
          g_error ("People %u and %u are out of order: “%s” before “%s”", i - 1, i, previous, name);
        g_free (previous);
        previous = g_steal_pointer (&name);
      }
  }

  n_rows = n_widgets (f->window, CONVENE_TYPE_PERSON_ROW);
  g_test_message ("%u person rows for %u people", n_rows, n);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <, MAX_ROWS);

  /* Scrolled to the end, the last person has a row on screen. */
  last = g_list_model_get_item (people, n - 1);
  g_assert_null (lookup_person_row (page, convene_person_get_name (last)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (convene_people_page_get_list_view (page)),
                                             "list.scroll-to-item", "u", n - 1));
  ui_test_assert_eventually ((ui_test_wait_frames (f->window, 1),
                              lookup_person_row (page, convene_person_get_name (last)) != NULL));
  row = lookup_person_row (page, convene_person_get_name (last));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_true (convene_person_row_get_person (row) == last);

  n_rows = n_widgets (f->window, CONVENE_TYPE_PERSON_ROW);
  g_test_message ("%u person rows after scrolling to the end", n_rows);
  g_assert_cmpuint (n_rows, <, MAX_ROWS);
}

/* Search */

/* Returns: (transfer full): the groups and people of the registry that
 * the core search matches with @query, the results the window must show
 */
static GHashTable *
expected_hits (ConveneRegistry *registry,
               const char      *query)
{
  g_auto(GStrv) terms = convene_search_split_query (query);
  GHashTable *expected = g_hash_table_new (NULL, NULL);
  GListModel *people = convene_registry_get_people (registry);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (registry)); i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);

      if (convene_search_match_group (group, (const char * const *)terms, NULL))
        g_hash_table_add (expected, group);
    }

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (people, i);

      if (convene_search_match_person (person, (const char * const *)terms, NULL))
        g_hash_table_add (expected, person);
    }

  return expected;
}

/* Types @query and waits for as many results as the core search finds;
 * then they must be the very same groups and people, each once.
 */
static guint
search_and_check (Fixture    *f,
                  const char *query)
{
  ConveneRegistry *registry = convene_window_get_registry (f->window);
  g_autoptr(GHashTable) expected = expected_hits (registry, query);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  GListModel *results = convene_window_get_search_results (f->window);
  guint n_expected = g_hash_table_size (expected);
  gint64 start = g_get_monotonic_time ();
  guint n_rows;

  g_assert_cmpuint (n_expected, >, 0);

  ui_test_search_for (f->window, query);
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) == n_expected);
  ui_test_wait_frames (f->window, 2);
  g_test_message ("“%s”: %u results in %.2f s", query, n_expected,
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      GObject *object;

      if (!CONVENE_IS_SEARCH_HIT (item))
        {
          g_assert_true (CONVENE_IS_SIDEBAR_ITEM (item));
          continue;
        }

      object = convene_search_hit_get_item (CONVENE_SEARCH_HIT (item));
      if (!g_hash_table_contains (expected, object))
        g_error ("“%s” shows %s, which the core search does not match", query,
                 CONVENE_IS_GROUP (object) ? convene_group_get_name (CONVENE_GROUP (object))
                                           : convene_person_get_name (CONVENE_PERSON (object)));
      g_assert_true (g_hash_table_add (shown, object));
    }
  g_assert_cmpuint (g_hash_table_size (shown), ==, n_expected);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_next_sibling (
                       ui_test_find_one (f->window, GTK_TYPE_SEARCH_BAR)))), ==, "results");

  n_rows = n_widgets (f->window, CONVENE_TYPE_SIDEBAR_ROW);
  g_test_message ("%u sidebar rows with “%s”", n_rows, query);
  g_assert_cmpuint (n_rows, <, MAX_ROWS);

  return n_expected;
}

/* Whether the results hold the person named @name */
static gboolean
has_person (Fixture    *f,
            const char *name)
{
  GListModel *results = convene_window_get_search_results (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      GObject *object;

      if (!CONVENE_IS_SEARCH_HIT (item))
        continue;

      object = convene_search_hit_get_item (CONVENE_SEARCH_HIT (item));
      if (CONVENE_IS_PERSON (object) &&
          g_strcmp0 (convene_person_get_name (CONVENE_PERSON (object)), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_scale_search (Fixture       *f,
                   gconstpointer  data)
{
  guint broad, narrow, again;

  load (f, get_big_registry ());

  /* The “Ł” no decomposition removes: ASCII finds it all the same. */
  search_and_check (f, "lukasz");
  g_assert_true (has_person (f, "Łukasz Płotka"));
  search_and_check (f, "plotka");
  g_assert_true (has_person (f, "Łukasz Płotka"));
  search_and_check (f, "Płotka");
  g_assert_true (has_person (f, "Łukasz Płotka"));

  /* Hundreds of results, then fewer as the query grows, then as many
   * again when it is deleted back; the rows stay few throughout.
   */
  broad = search_and_check (f, "zoe");
  g_assert_true (has_person (f, "Zoë Ångström"));
  narrow = search_and_check (f, "zoe angs");
  g_assert_true (has_person (f, "Zoë Ångström"));
  g_assert_cmpuint (narrow, <, broad);
  again = search_and_check (f, "zoe");
  g_assert_cmpuint (again, ==, broad);
}

/* The binary cache */

static void
test_scale_cache (Fixture       *f,
                  gconstpointer  data)
{
  const char *path = get_big_registry ();
  ConveneRegistryStore *store = convene_application_get_store (app);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  /* Whether this read parses or not depends on the cases before. */
  load (f, path);
  g_assert_cmpuint (n_sidebar_groups (f->window, NULL), ==, BIG_GROUPS);

  convene_application_load_registry (app, NULL);
  g_assert_false (convene_application_get_loading (app));
  g_assert_cmpuint (n_sidebar_groups (f->window, NULL), <, BIG_GROUPS);

  /* Read once, the file comes from the cache. */
  load (f, path);
  g_assert_true (convene_registry_store_get_from_cache (store));
  g_assert_cmpuint (n_sidebar_groups (f->window, NULL), ==, BIG_GROUPS);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");

  /* A byte more, and the cache no longer describes the file. */
  out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), "\n", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  convene_application_reload (app);
  g_assert_true (convene_application_get_loading (app));
  ui_test_assert_eventually (!convene_application_get_loading (app));
  g_assert_no_error ((GError *)convene_application_get_registry_error (app));
  g_assert_false (convene_registry_store_get_from_cache (store));
  ui_test_wait_frames (f->window, 2);
  g_assert_cmpuint (n_sidebar_groups (f->window, NULL), ==, BIG_GROUPS);

  /* Parsed again, it is cached again. */
  convene_application_load_registry (app, NULL);
  load (f, path);
  g_assert_true (convene_registry_store_get_from_cache (store));
  g_assert_cmpuint (n_sidebar_groups (f->window, NULL), ==, BIG_GROUPS);
}

/* 30,000 groups */

static void
test_scale_huge (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_registry (f->tmpdir, "huge.json", HUGE_GROUPS, 1);
  GStatBuf st;
  guint n_entries, n_rows;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %.1f MB", path, st.st_size / 1e6);

  load (f, path);

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_cmpuint (n_sidebar_groups (f->window, &n_entries), ==, HUGE_GROUPS);
  g_assert_cmpuint (g_list_model_get_n_items (convene_window_get_sidebar_model (f->window)), ==,
                    HUGE_GROUPS + n_entries);

  n_rows = n_widgets (f->window, CONVENE_TYPE_SIDEBAR_ROW);
  g_test_message ("%u sidebar rows for %u groups", n_rows, HUGE_GROUPS);
  g_assert_cmpuint (n_rows, >, 0);
  g_assert_cmpuint (n_rows, <, MAX_ROWS);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* The registry cache and the avatars go to a directory of this run. */
  cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  ui_test_set_timeout (TIMEOUT_SECONDS);
  shared_dir = ui_test_make_tmpdir ("convene-test-scale-shared-XXXXXX");

#define ADD(path, func) \
  g_test_add ("/scale-ui/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("5000-groups", test_scale_big);
  ADD ("search", test_scale_search);
  ADD ("cache", test_scale_cache);
  ADD ("30000-groups", test_scale_huge);

#undef ADD

  status = g_test_run ();

  g_clear_object (&app);
  ui_test_remove_tree (shared_dir);
  g_free (shared_dir);
  g_free (big_path);
  ui_test_remove_tree (cache_home);

  return status;
}
