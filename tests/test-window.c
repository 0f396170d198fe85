/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "convene-application.h"
#include "convene-avatar-cache.h"
#include "convene-group-page.h"
#include "convene-launcher.h"
#include "convene-limits.h"
#include "convene-link-row.h"
#include "convene-meeting-row.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-person-row.h"
#include "convene-search.h"
#include "convene-sidebar-row.h"
#include "convene-url.h"
#include "convene-window.h"

#include "convene-search-hit.h"
#include "ui-test-utils.h"

/* The main window under Xvfb: the real application with the bundled
 * registry (or registries built here for cases the bundled one lacks),
 * driven through its actions and widgets, with the launcher replaced by
 * one that records what would have been opened.
 */

static const char * const seed_groups[] = {
  "Steering",
  "API Management",
  "Config",
  "Environments",
  "Integrations",
  "Networking",
  "Performance and Scalability",
  "Security",
  "Test and Release",
};

#define NETWORKING_MEETING "https://plus.google.com/hangouts/_/google.com/istio-net"
#define NETWORKING_FORUM "https://groups.google.com/forum/#!forum/istio-networking"

static ConveneApplication *app;

/* Widget tree helpers */

static gpointer
find_labelled (gpointer    root,
               GType       type,
               const char *title)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (found, i);
      const char *text = NULL;

      if (CONVENE_IS_SIDEBAR_ROW (widget))
        text = convene_sidebar_row_get_title (CONVENE_SIDEBAR_ROW (widget));
      else if (ADW_IS_PREFERENCES_ROW (widget))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      else if (ADW_IS_PREFERENCES_GROUP (widget))
        text = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
      else if (ADW_IS_STATUS_PAGE (widget))
        text = adw_status_page_get_title (ADW_STATUS_PAGE (widget));
      else if (GTK_IS_LABEL (widget))
        text = gtk_label_get_label (GTK_LABEL (widget));

      if (g_strcmp0 (text, title) == 0)
        return widget;
    }

  g_error ("No mapped %s titled “%s”", g_type_name (type), title);
  return NULL;
}

static char *
join_titles (GPtrArray *rows)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (CONVENE_IS_SIDEBAR_ROW (row))
        g_strv_builder_add (builder, convene_sidebar_row_get_title (CONVENE_SIDEBAR_ROW (row)));
      else
        g_strv_builder_add (builder, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }

  titles = g_strv_builder_end (builder);
  return g_strjoinv ("|", titles);
}

static char *
join_subtitles (GPtrArray *rows)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *subtitle;

      if (CONVENE_IS_SIDEBAR_ROW (row))
        subtitle = convene_sidebar_row_get_subtitle (CONVENE_SIDEBAR_ROW (row));
      else
        subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (i > 0)
        g_string_append_c (str, '|');
      g_string_append (str, subtitle ? subtitle : "");
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static GtkWidget *
find_action_button (gpointer    root,
                    const char *action_name)
{
  g_autoptr(GPtrArray) buttons = ui_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action_name) == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No mapped button for %s", action_name);
  return NULL;
}

/* Rows of the list inside the preferences group titled @group_title */
static GPtrArray *
rows_of_group (gpointer    root,
               const char *group_title,
               GType       type)
{
  return ui_test_find_all (find_labelled (root, ADW_TYPE_PREFERENCES_GROUP, group_title), type);
}

/* Fixture: a window of the shared application */

typedef struct
{
  int width;
  int height;
} WindowSize;

static const WindowSize wide = { 1000, 700 };
static const WindowSize narrow = { 360, 640 };

typedef UiTestFixture Fixture;

static ConveneWindow *
open_window (const WindowSize *size)
{
  ConveneWindow *window = ui_test_window_new (app);

  /* Tests never reach the network; the avatar test brings its own cache. */
  convene_window_set_avatar_cache (window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (window));

  /* Without a compositor GTK draws a solid frame of a few pixels, inside
   * the default size.
   */
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             gtk_widget_get_width (GTK_WIDGET (window)) > size->width - 16 &&
                             gtk_widget_get_width (GTK_WIDGET (window)) <= size->width);
  ui_test_drain ();
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const WindowSize *size = data ? data : &wide;

  ui_test_fixture_setup (f, "convene-test-window-XXXXXX");

  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = open_window (size);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_test_fixture_teardown (f);
}

/* Registries built in code, for what the bundled one does not have */

static ConvenePerson *
add_person (ConveneRegistry *registry,
            const char      *id,
            const char      *name,
            const char      *company)
{
  g_autoptr(ConvenePerson) person = convene_person_new (id, name);

  convene_person_set_company (person, company);
  convene_registry_add_person (registry, person);
  return person;
}

static ConveneGroup *
add_group (ConveneRegistry    *registry,
           const char         *id,
           const char         *name,
           const char * const *topics)
{
  g_autoptr(ConveneGroup) group = convene_group_new (id, name);

  convene_group_set_topics (group, topics);
  convene_registry_add_group (registry, group);
  return group;
}

static void
add_lead (ConveneGroup  *group,
          ConvenePerson *person,
          ConveneRole    role)
{
  g_autoptr(ConveneLead) lead = convene_lead_new (person, role);

  convene_group_add_lead (group, lead);
}

static ConveneRegistry *
make_registry (void)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Sandbox");
  ConveneRegistry *registry = convene_registry_new (community);
  static const char * const env_topics[] = { "Raw VM support", "Hybrid Mesh", NULL };
  static const char * const lab_topics[] = { "Links", NULL };
  ConvenePerson *jose = add_person (registry, "jose", "José Ortiz", "IBM");
  ConvenePerson *zoe = add_person (registry, "zoe", "Zoë Adams", "Ñandú Systems");
  ConveneGroup *environments = add_group (registry, "environments", "Environments", env_topics);
  ConveneGroup *lab = add_group (registry, "lab", "Lab", lab_topics);
  static const char * const bad_links[] = {
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "not a link at all",
    "https://example.org/\u202Egnp.exe",          /* RIGHT-TO-LEFT OVERRIDE */
    "mailto:help@example.org?attach=/etc/passwd",
    "https://example.org\\@evil.example/",
  };

  add_lead (environments, jose, CONVENE_ROLE_LEAD);
  add_lead (lab, zoe, CONVENE_ROLE_CHAIR);

  for (guint i = 0; i < G_N_ELEMENTS (bad_links); i++)
    {
      g_autofree char *label = g_strdup_printf ("Bad %u", i);
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_OTHER, label, bad_links[i]);

      convene_group_add_link (lab, link);
    }

  {
    g_autoptr(ConveneMeeting) meeting = convene_meeting_new ("Tuesdays at 10:00 PT - Weekly");

    convene_meeting_set_url (meeting, "https://meet.example.org/sandbox");
    convene_community_add_meeting (community, meeting);
  }

  return registry;
}

/* Launcher */

static void
test_launcher_check_uri (void)
{
  static const struct {
    const char *uri;
    int code; /* -1: accepted */
  } cases[] = {
    { "https://plus.google.com/hangouts/_/google.com/istio-net", -1 },
    { "http://example.org/", -1 },
    { "HTTPS://EXAMPLE.ORG/Path?q=1#frag", -1 },
    { "mailto:istio-networking@googlegroups.com", -1 },
    { "javascript:alert(1)", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "JavaScript:alert(1)", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "file:///etc/passwd", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "data:text/plain,hello", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "ftp://example.org/file", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "x-unknown-scheme:thing", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "", CONVENE_LAUNCHER_ERROR_INVALID },
    { "example.org", CONVENE_LAUNCHER_ERROR_INVALID },
    { " https://example.org", CONVENE_LAUNCHER_ERROR_INVALID },
    { "https://", CONVENE_LAUNCHER_ERROR_INVALID },
    { "http:///path-without-host", CONVENE_LAUNCHER_ERROR_INVALID },
    { "mailto:", CONVENE_LAUNCHER_ERROR_INVALID },
    { "https://exa mple.org/", CONVENE_LAUNCHER_ERROR_INVALID },
    { "https://example.org/\u200Bpath", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "mailto:a@example.org?attach=/etc/passwd", CONVENE_LAUNCHER_ERROR_REFUSED },
    { "https://example.org\\@evil.example/", CONVENE_LAUNCHER_ERROR_REFUSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = convene_launcher_check_uri (cases[i].uri, &error);

      g_test_message ("%s", cases[i].uri);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, CONVENE_LAUNCHER_ERROR, cases[i].code);
          g_assert_false (ok);
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (convene_launcher_check_uri ("javascript:alert(1)", &error));
    g_assert_cmpstr (error->message, ==, "“javascript:” links are not opened, only web and email links");
  }

  g_assert_false (convene_launcher_check_uri (NULL, NULL));
}

/* Search matching */

static void
test_search_normalize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "José", "jose" },
    { "JOSÉ", "jose" },
    { "Zoë Ñandú", "zoe nandu" },
    { "Straße", "strasse" },
    { "ﬁle", "file" },
    { "Performance & Scalability", "performance & scalability" },
    { "", "" },
  };
  g_auto(GStrv) terms = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = convene_search_normalize (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  terms = convene_search_split_query ("  Lin\tSÚN  ");
  g_assert_cmpuint (g_strv_length (terms), ==, 2);
  g_assert_cmpstr (terms[0], ==, "lin");
  g_assert_cmpstr (terms[1], ==, "sun");

  g_clear_pointer (&terms, g_strfreev);
  terms = convene_search_split_query ("   ");
  g_assert_cmpuint (g_strv_length (terms), ==, 0);
}

/* Sidebar and group page */

static GPtrArray *
sidebar_rows (Fixture *f)
{
  return ui_test_find_all (f->window, CONVENE_TYPE_SIDEBAR_ROW);
}

static guint
n_sidebar_rows (Fixture *f)
{
  g_autoptr(GPtrArray) rows = sidebar_rows (f);

  return rows->len;
}

/* Whether the list item around @row is selected */
static gboolean
row_is_selected (gpointer row)
{
  for (GtkWidget *w = row; w != NULL && !GTK_IS_LIST_VIEW (w); w = gtk_widget_get_parent (w))
    if (gtk_widget_get_state_flags (w) & GTK_STATE_FLAG_SELECTED)
      return TRUE;

  return FALSE;
}

static void
activate_sidebar_row (Fixture    *f,
                      const char *title)
{
  GtkWidget *row = find_labelled (f->window, CONVENE_TYPE_SIDEBAR_ROW, title);

  gtk_widget_activate (row);
  ui_test_drain ();
}

static void
test_window_sidebar (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = sidebar_rows (f);
  g_autofree char *expected = NULL;
  g_autofree char *titles = join_titles (rows);
  g_autofree char *groups = g_strjoinv ("|", (char **)seed_groups);
  ConveneSidebarRow *networking;
  AdwWindowTitle *title;

  expected = g_strconcat ("Overview|", groups, "|People", NULL);
  g_assert_cmpstr (titles, ==, expected);

  networking = find_labelled (f->window, CONVENE_TYPE_SIDEBAR_ROW, "Networking");
  g_assert_cmpstr (convene_sidebar_row_get_subtitle (networking), ==,
                   "Pilot integration, TCP Support, Additional L7 protocols, Proxy injection");
  g_assert_cmpstr (convene_sidebar_row_get_target (networking), ==, "networking");

  /* The community's name heads the sidebar. */
  title = g_ptr_array_index (ui_test_find_all (f->window, ADW_TYPE_WINDOW_TITLE), 0);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Istio");

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_false (adw_leaflet_get_folded (ui_test_find_one (f->window, ADW_TYPE_LEAFLET)));
}

static void
test_window_group (Fixture       *f,
                   gconstpointer  data)
{
  ConveneGroupPage *page;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autofree char *lead_names = NULL;
  g_autofree char *lead_companies = NULL;
  g_autofree char *link_titles = NULL;
  g_autofree char *link_hosts = NULL;
  ConveneMeetingRow *meeting;
  activate_sidebar_row (f, "Networking");

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "networking");

  page = ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE);
  g_assert_true (convene_group_page_get_group (page) == convene_window_get_group (f->window));

  leads = rows_of_group (page, "Leads", CONVENE_TYPE_PERSON_ROW);
  lead_names = join_titles (leads);
  lead_companies = join_subtitles (leads);
  /* The registry names Christopher as on the Config group, where he is
   * listed first with his middle initial; his GitHub account makes him
   * one person.
   */
  g_assert_cmpstr (lead_names, ==,
                   "Andra Cismaru|Christopher M Luciano|Kuat Yessenov|Shriram Rajagopalan");
  g_assert_cmpstr (lead_companies, ==, "Google|IBM|Google|IBM");

  links = rows_of_group (page, "Links", CONVENE_TYPE_LINK_ROW);
  link_titles = join_titles (links);
  link_hosts = join_subtitles (links);
  /* The Video Call is the meeting's Join: not a row of its own. Under
   * each title the community's own label, or where a link with a label
   * like "Notes" leads.
   */
  g_assert_cmpstr (link_titles, ==, "Forum|Calendar Invitation|Meeting Notes|Document Folder");
  g_assert_cmpstr (link_hosts, ==,
                   "istio-networking@|calendar.google.com/event|"
                   "docs.google.com/document/d/1xHy2jQ8oiwMponMVY2zJr2eUAmHW_Hi9JK42a7cg5Pc/edit|"
                   "drive.google.com/corp/drive/u/0/folders/0BzW5bSyKst8Jb1QwTXl1WTRqWHM");
  g_assert_cmpstr (convene_link_row_get_uri (g_ptr_array_index (links, 0)), ==, NETWORKING_FORUM);

  meetings = rows_of_group (page, "Meetings", CONVENE_TYPE_MEETING_ROW);
  g_assert_cmpuint (meetings->len, ==, 1);
  meeting = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (meeting)), ==,
                   "Thursdays at 11:00 PT - Biweekly");
  g_assert_cmpstr (convene_meeting_get_url (convene_meeting_row_get_meeting (meeting)), ==,
                   NETWORKING_MEETING);
  /* A biweekly meeting with an anchor has computable dates: the title is
   * the next one (tests/test-meetings-ui.c checks it at a fixed time).
   */
  g_assert_nonnull (convene_meeting_row_get_details (meeting));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (meeting)), " · "));

  /* The sidebar follows the page. */
  g_assert_true (row_is_selected (find_labelled (f->window, CONVENE_TYPE_SIDEBAR_ROW, "Networking")));
  g_assert_false (row_is_selected (find_labelled (f->window, CONVENE_TYPE_SIDEBAR_ROW, "Overview")));

  /* A lead row leads to the person. */
  gtk_widget_activate (g_ptr_array_index (leads, 0));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "person");
  g_assert_cmpstr (convene_person_get_name (convene_person_page_get_person (
    ui_test_find_one (f->window, CONVENE_TYPE_PERSON_PAGE))), ==, "Andra Cismaru");
}

static void
test_window_links_launch (Fixture       *f,
                          gconstpointer  data)
{
  ConveneGroupPage *page;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  GtkWidget *video_call;
  GdkClipboard *clipboard;

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  page = ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE);
  links = rows_of_group (page, "Links", CONVENE_TYPE_LINK_ROW);
  video_call = find_labelled (page, CONVENE_TYPE_LINK_ROW, "Forum");

  /* Activating the row, as a click or Enter does, opens exactly its URL. */
  gtk_widget_activate (video_call);
  ui_test_assert_eventually (f->launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==, NETWORKING_FORUM);

  /* The same through the list box's signal. */
  g_signal_emit_by_name (gtk_widget_get_parent (video_call), "row-activated", video_call);
  ui_test_assert_eventually (f->launcher->uris->len == 2);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 1), ==, NETWORKING_FORUM);

  /* The profile button of a lead opens the GitHub profile. */
  leads = rows_of_group (page, "Leads", CONVENE_TYPE_PERSON_ROW);
  gtk_widget_activate_action (g_ptr_array_index (leads, 0), "person.open-profile", NULL);
  ui_test_assert_eventually (f->launcher->uris->len == 3);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 2), ==, "https://github.com/andraxylia");

  /* Copy Link puts the URL on the clipboard and says so. */
  g_assert_null (convene_window_get_last_toast (f->window));
  g_assert_true (gtk_widget_activate_action (video_call, "link.copy", NULL));
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "Link copied");

  clipboard = gtk_widget_get_clipboard (video_call);
  {
    GValue text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text, NULL));
    g_assert_cmpstr (g_value_get_string (&text), ==, NETWORKING_FORUM);
    g_value_unset (&text);
  }

  /* Copying opened nothing more. */
  ui_test_drain ();
  g_assert_cmpuint (f->launcher->uris->len, ==, 3);
}

static void
test_window_links_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_registry ();
  static const struct { const char *title; const char *toast; } cases[] = {
    /* Alternating, so that each toast is new: the same text twice in a
     * row would pass without the second row doing anything.
     */
    { "Bad 0", "“javascript:” links are not opened, only web and email links" },
    { "Bad 4", "This link contains hidden or unsafe characters and was not opened" },
    { "Bad 1", "“file:” links are not opened, only web and email links" },
    { "Bad 5", "This link contains hidden or unsafe characters and was not opened" },
    { "Bad 2", "“data:” links are not opened, only web and email links" },
    { "Bad 6", "This link contains hidden or unsafe characters and was not opened" },
    { "Bad 3", "The link is not a valid address" },
  };

  convene_window_set_registry (f->window, registry);
  g_assert_true (convene_window_show_group (f->window, "lab"));
  ui_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *row = find_labelled (f->window, CONVENE_TYPE_LINK_ROW, cases[i].title);

      gtk_widget_activate (row);
      ui_test_assert_eventually (g_strcmp0 (convene_window_get_last_toast (f->window), cases[i].toast) == 0);
    }

  ui_test_drain ();
  g_assert_cmpuint (f->launcher->uris->len, ==, 0);
}

/* Search */

static GtkStack *
sidebar_stack (Fixture *f)
{
  GtkWidget *search_bar = ui_test_find_one (f->window, GTK_TYPE_SEARCH_BAR);
  GtkWidget *stack = gtk_widget_get_next_sibling (search_bar);

  g_assert_true (GTK_IS_STACK (stack));
  return GTK_STACK (stack);
}

static gboolean
results_settled (Fixture *f)
{
  const char *page = gtk_stack_get_visible_child_name (sidebar_stack (f));

  /* The filter models work in idle batches: the empty state shows only
   * once they are done, and the first batch brings every row of a
   * registry this small.
   */
  return g_strcmp0 (page, "empty") == 0 ||
         (g_strcmp0 (page, "results") == 0 && n_sidebar_rows (f) > 0);
}

static GPtrArray *
wait_for_results (Fixture *f)
{
  ui_test_assert_eventually (results_settled (f));
  ui_test_drain ();
  return sidebar_rows (f);
}

/* The results as the model has them: every hit, shown on screen or not */

static ConveneSearchHit *
lookup_hit (Fixture    *f,
            const char *title)
{
  GListModel *results = convene_window_get_search_results (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      GObject *object;
      const char *name;

      if (!CONVENE_IS_SEARCH_HIT (item))
        continue;

      object = convene_search_hit_get_item (CONVENE_SEARCH_HIT (item));
      name = CONVENE_IS_GROUP (object) ? convene_group_get_name (CONVENE_GROUP (object))
                                        : convene_person_get_name (CONVENE_PERSON (object));
      if (g_strcmp0 (name, title) == 0)
        return CONVENE_SEARCH_HIT (item);
    }

  g_error ("No search result “%s”", title);
  return NULL;
}

static char *
result_titles (Fixture *f)
{
  GListModel *results = convene_window_get_search_results (f->window);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      GObject *object;

      if (!CONVENE_IS_SEARCH_HIT (item))
        continue;

      object = convene_search_hit_get_item (CONVENE_SEARCH_HIT (item));
      if (titles->len > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, CONVENE_IS_GROUP (object)
                               ? convene_group_get_name (CONVENE_GROUP (object))
                               : convene_person_get_name (CONVENE_PERSON (object)));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static void
test_window_search_company (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;

  ui_test_search_for (f->window, "IBM");
  rows = wait_for_results (f);

  /* Every seed group has an IBM lead, then the IBM people, by name. */
  titles = result_titles (f);
  g_assert_cmpstr (titles, ==,
                   "Steering|API Management|Config|Environments|Integrations|Networking|"
                   "Performance and Scalability|Security|Test and Release|"
                   "Christopher M Luciano|Dan Berg|Etai Lev-Ran|Jose Ortiz|Lin Sun|"
                   "Michael Elder|Shriram Rajagopalan|Surya V Duggirala|Todd Kaplinger|Tony Ffrench");

  /* Every matching lead is named. */
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Steering")), ==,
                   "Leads: Dan Berg, Lin Sun, Shriram Rajagopalan (IBM)");
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Networking")), ==,
                   "Leads: Christopher M Luciano, Shriram Rajagopalan (IBM)");
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Test and Release")), ==, "Lead: Lin Sun (IBM)");
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Lin Sun")), ==, "Company: IBM");
  g_assert_true (CONVENE_IS_PERSON (convene_search_hit_get_item (lookup_hit (f, "Lin Sun"))));

  /* Typing on narrows: the lead who matches both terms is named, whether
   * "lin" is his first name or inside his last.
   */
  ui_test_search_for (f->window, "IBM lin");
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) == 5);
  g_clear_pointer (&titles, g_free);
  titles = result_titles (f);
  g_assert_cmpstr (titles, ==, "Steering|Integrations|Test and Release|Lin Sun|Todd Kaplinger");
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Steering")), ==, "Lead: Lin Sun (IBM)");
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Integrations")), ==, "Lead: Todd Kaplinger (IBM)");

  /* Deleting widens again. */
  ui_test_search_for (f->window, "IBM");
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) == 19);
  g_assert_cmpstr (convene_search_hit_get_subtitle (lookup_hit (f, "Steering")), ==,
                   "Leads: Dan Berg, Lin Sun, Shriram Rajagopalan (IBM)");

  /* Enter opens the first result. */
  g_signal_emit_by_name (ui_test_find_one (f->window, GTK_TYPE_SEARCH_ENTRY), "activate");
  ui_test_drain ();
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "steering");
}

static void
test_window_search_topic (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;

  ui_test_search_for (f->window, "tracing");
  rows = wait_for_results (f);
  titles = join_titles (rows);
  subtitles = join_subtitles (rows);
  g_assert_cmpstr (titles, ==, "Integrations");
  g_assert_cmpstr (subtitles, ==, "Topic: Tracing");

  /* A group's own name needs no explanation: its topics stay. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);
  g_clear_pointer (&subtitles, g_free);
  ui_test_search_for (f->window, "securi");
  ui_test_assert_eventually (n_sidebar_rows (f) == 1);
  rows = sidebar_rows (f);
  titles = join_titles (rows);
  subtitles = join_subtitles (rows);
  g_assert_cmpstr (titles, ==, "Security");
  g_assert_true (g_str_has_prefix (subtitles, "Service-to-service Auth, "));
}

static void
test_window_search_empty (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  AdwStatusPage *empty;

  ui_test_search_for (f->window, "xyz");
  rows = wait_for_results (f);

  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar_stack (f)), ==, "empty");
  empty = find_labelled (f->window, ADW_TYPE_STATUS_PAGE, "No Results Found");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));

  /* A result again replaces the empty state. */
  ui_test_search_for (f->window, "mesh");
  ui_test_assert_eventually (g_strcmp0 (gtk_stack_get_visible_child_name (sidebar_stack (f)), "results") == 0 &&
                             n_sidebar_rows (f) == 1);
  g_assert_true (find_labelled (f->window, CONVENE_TYPE_SIDEBAR_ROW, "Environments"));
}

static void
test_window_search_accents (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_registry ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *subtitles = NULL;

  /* The bundled registry spells him "Jose"; an accented query finds him. */
  ui_test_search_for (f->window, "JOSÉ");
  rows = wait_for_results (f);
  titles = join_titles (rows);
  g_assert_cmpstr (titles, ==, "Environments|Jose Ortiz");

  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);

  /* And an unaccented query finds the accented name. */
  convene_window_set_registry (f->window, registry);
  ui_test_search_for (f->window, "jose");
  ui_test_assert_eventually (n_sidebar_rows (f) == 2);
  rows = sidebar_rows (f);
  titles = join_titles (rows);
  subtitles = join_subtitles (rows);
  g_assert_cmpstr (titles, ==, "Environments|José Ortiz");
  g_assert_cmpstr (subtitles, ==, "Lead: José Ortiz (IBM)|IBM");

  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&titles, g_free);
  g_clear_pointer (&subtitles, g_free);
  ui_test_search_for (f->window, "nandu");
  ui_test_assert_eventually (n_sidebar_rows (f) == 2);
  rows = sidebar_rows (f);
  titles = join_titles (rows);
  subtitles = join_subtitles (rows);
  g_assert_cmpstr (titles, ==, "Lab|Zoë Adams");
  g_assert_cmpstr (subtitles, ==, "Lead: Zoë Adams (Ñandú Systems)|Company: Ñandú Systems");
}

static void
test_window_search_escape (Fixture       *f,
                           gconstpointer  data)
{
  GtkSearchBar *bar;
  GtkWidget *entry;
  g_autoptr(GPtrArray) rows = NULL;

  ui_test_search_for (f->window, "net");
  wait_for_results (f);

  /* Escape in the entry emits stop-search. */
  entry = ui_test_find_one (f->window, GTK_TYPE_SEARCH_ENTRY);
  bar = GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR));
  g_signal_emit_by_name (entry, "stop-search");
  ui_test_drain ();

  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar_stack (f)), ==, "browse");

  rows = sidebar_rows (f);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (seed_groups) + 2);
}

/* Layout */

static void
test_window_narrow (Fixture       *f,
                    gconstpointer  data)
{
  AdwLeaflet *leaflet = ui_test_find_one (f->window, ADW_TYPE_LEAFLET);
  GtkWidget *back;

  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  activate_sidebar_row (f, "Networking");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");

  /* A back button appears, with a name for screen readers. */
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (ui_test_find_one (leaflet, CONVENE_TYPE_GROUP_PAGE))));
  back = find_action_button (f->window, "win.go-back");
  g_assert_true (gtk_widget_get_mapped (back));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back), ==, "Back");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Ctrl+F from the content goes back to the sidebar to search. */
  activate_sidebar_row (f, "Security");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
}

/* Registry errors and reloads */

static GtkLabel *
error_label (Fixture *f)
{
  GtkLabel *label = ui_test_lookup_css_class (f->window, GTK_TYPE_LABEL, "error-details");

  if (label == NULL)
    g_error ("No error details shown");

  return label;
}

static void
test_window_broken_registry (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.json", NULL);
  g_autofree char *expected = NULL;
  GPtrArray *issues;
  GtkLabel *label;
  AdwStatusPage *status;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path,
                       "{\n"
                       "  \"format_version\": 1,\n"
                       "  \"groups\": [\n"
                       "    { \"id\": \"a\", }\n"
                       "  ]\n"
                       "}\n", -1, &error);
  g_assert_no_error (error);

  g_assert_true (convene_window_show_group (f->window, "networking"));
  /* A file loads in a thread; test-loading-ui looks at the meantime. */
  convene_application_load_registry (app, path);
  ui_test_assert_eventually (!convene_application_get_loading (app));
  ui_test_drain ();

  issues = convene_application_get_registry_issues (app);
  g_assert_nonnull (issues);
  g_assert_cmpuint (issues->len, ==, 1);

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "error");
  g_assert_null (convene_window_get_registry (f->window));

  /* The file, line and column of the problem, selectable for copying. */
  label = error_label (f);
  expected = g_strdup_printf ("%s:4:16: a comma cannot come before “}”", path);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_true (gtk_label_get_selectable (label));

  status = find_labelled (f->window, ADW_TYPE_STATUS_PAGE, "Could Not Load the Registry");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "broken.json"));

  /* A window opened now shows the same. */
  {
    ConveneWindow *second = open_window (&wide);

    g_assert_cmpstr (convene_window_get_page (second), ==, "error");
    ui_test_close_window (second);
  }

  /* The way out. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "use-bundled-registry", NULL);
  ui_test_drain ();
  g_assert_nonnull (convene_window_get_registry (f->window));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_cmpuint (n_sidebar_rows (f), ==, G_N_ELEMENTS (seed_groups) + 2);
}

static void
test_window_reload (Fixture       *f,
                    gconstpointer  data)
{
  ConveneRegistry *before = convene_window_get_registry (f->window);

  g_assert_true (convene_window_show_group (f->window, "security"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "reload", NULL);
  ui_test_drain ();

  /* A new registry object, the same page. */
  g_assert_true (convene_window_get_registry (f->window) == convene_application_get_registry (app));
  g_assert_true (convene_window_get_registry (f->window) != before);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "security");
  g_assert_cmpuint (n_sidebar_rows (f), ==, G_N_ELEMENTS (seed_groups) + 2);
}

static void
test_window_show_group (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (convene_window_show_group (f->window, "test-and-release"));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");

  g_assert_false (convene_window_show_group (f->window, "no-such-group"));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
  g_assert_cmpstr (convene_window_get_last_toast (f->window), ==, "No group “no-such-group”");
}

static void
test_window_settings (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_group = NULL;

  activate_sidebar_row (f, "Config");
  last_group = g_settings_get_string (settings, "last-group");
  g_assert_cmpstr (last_group, ==, "config");

  /* Closing keeps the size. */
  gtk_window_close (GTK_WINDOW (f->window));
  ui_test_drain ();
  f->window = NULL;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window comes back to that group, at that size. */
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  f->window = ui_test_window_new (app);
  convene_window_set_avatar_cache (f->window, NULL);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 650);
  }
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "group");
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "config");

  /* The overview forgets it. */
  convene_window_show_overview (f->window);
  g_clear_pointer (&last_group, g_free);
  last_group = g_settings_get_string (settings, "last-group");
  g_assert_cmpstr (last_group, ==, "");
}

/* Pages */

static void
test_window_people (Fixture       *f,
                    gconstpointer  data)
{
  ConvenePeoplePage *page;
  GListModel *model;
  ConveneRegistry *registry = convene_window_get_registry (f->window);
  g_autoptr(GPtrArray) rows = NULL;
  ConvenePersonRow *lin;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *group_titles = NULL;
  g_autofree char *roles = NULL;

  activate_sidebar_row (f, "People");
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "people");

  page = ui_test_find_one (f->window, CONVENE_TYPE_PEOPLE_PAGE);
  model = convene_people_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, convene_registry_get_n_people (registry));

  /* Sorted by name. */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvenePerson) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ConvenePerson) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (convene_person_get_name (a), convene_person_get_name (b)), <, 0);
    }

  /* A GtkListView: the rows on screen exist, in order, not all of them. */
  rows = ui_test_find_all (page, CONVENE_TYPE_PERSON_ROW);
  g_assert_cmpuint (rows->len, >=, 2);
  g_assert_cmpuint (rows->len, <=, g_list_model_get_n_items (model));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Andra Cismaru");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Andy Lai");

  /* Scrolled to, a row further down exists. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ConvenePerson) person = g_list_model_get_item (model, i);

      if (g_strcmp0 (convene_person_get_name (person), "Lin Sun") == 0)
        gtk_widget_activate_action (GTK_WIDGET (convene_people_page_get_list_view (page)),
                                    "list.scroll-to-item", "u", i);
    }
  ui_test_wait_frames (f->window, 3);
  lin = find_labelled (page, CONVENE_TYPE_PERSON_ROW, "Lin Sun");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lin)), ==,
                   "IBM · Steering, Test and Release");

  gtk_widget_activate (GTK_WIDGET (lin));
  ui_test_drain ();
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "person");

  groups = rows_of_group (f->window, "Working Groups", ADW_TYPE_ACTION_ROW);
  group_titles = join_titles (groups);
  roles = join_subtitles (groups);
  g_assert_cmpstr (group_titles, ==, "Steering|Test and Release");
  g_assert_cmpstr (roles, ==, "Lead|Lead");

  /* A group row leads to the group. */
  gtk_widget_activate (g_ptr_array_index (groups, 1));
  ui_test_drain ();
  g_assert_cmpstr (convene_group_get_id (convene_window_get_group (f->window)), ==, "test-and-release");
}

static void
test_window_overview (Fixture       *f,
                      gconstpointer  data)
{
  ConveneRegistry *registry = convene_window_get_registry (f->window);
  ConveneCommunity *community = convene_registry_get_community (registry);
  g_autoptr(GPtrArray) labels = NULL;
  GtkLabel *intro = NULL;
  ConveneLinkRow *design_docs;
  gboolean handled = FALSE;
  g_autofree char *people = NULL;

  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");

  labels = ui_test_find_all (f->window, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_label_get_use_markup (label) &&
          strstr (gtk_label_get_label (label), "CONTRIBUTING.md") != NULL)
        intro = label;
    }
  g_assert_nonnull (intro);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (intro),
                                   "Most community activity is organized into working groups."));

  /* Links in the text go through the launcher. */
  g_signal_emit_by_name (intro, "activate-link",
                         "https://github.com/istio/community/blob/master/CONTRIBUTING.md", &handled);
  g_assert_true (handled);
  ui_test_assert_eventually (f->launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->launcher->uris, 0), ==,
                   "https://github.com/istio/community/blob/master/CONTRIBUTING.md");

  handled = FALSE;
  g_signal_emit_by_name (intro, "activate-link", "javascript:alert(1)", &handled);
  g_assert_true (handled);
  ui_test_assert_eventually (convene_window_get_last_toast (f->window) != NULL);
  g_assert_cmpuint (f->launcher->uris->len, ==, 1);

  design_docs = find_labelled (f->window, CONVENE_TYPE_LINK_ROW, "Design Documents Folder");
  g_assert_cmpstr (convene_link_row_get_uri (design_docs), ==,
                   convene_community_get_design_docs_url (community));
  g_assert_cmpstr (convene_link_row_get_uri (design_docs), ==,
                   "https://drive.google.com/drive/u/0/folders/0AIS5p3eW9BCtUk9PVA");

  /* The counts. */
  people = g_strdup_printf ("%u", convene_registry_get_n_people (registry));
  {
    GtkWidget *groups_row = find_labelled (f->window, ADW_TYPE_ACTION_ROW, "Working Groups");
    GtkWidget *people_row = find_labelled (f->window, ADW_TYPE_ACTION_ROW, "People");
    g_autoptr(GPtrArray) groups_labels = ui_test_find_all (groups_row, GTK_TYPE_LABEL);
    g_autoptr(GPtrArray) people_labels = ui_test_find_all (people_row, GTK_TYPE_LABEL);
    gboolean found_groups = FALSE, found_people = FALSE;

    for (guint i = 0; i < groups_labels->len; i++)
      found_groups |= g_strcmp0 (gtk_label_get_label (g_ptr_array_index (groups_labels, i)), "9") == 0;
    for (guint i = 0; i < people_labels->len; i++)
      found_people |= g_strcmp0 (gtk_label_get_label (g_ptr_array_index (people_labels, i)), people) == 0;

    g_assert_true (found_groups);
    g_assert_true (found_people);

    gtk_widget_activate (people_row);
    ui_test_drain ();
    g_assert_cmpstr (convene_window_get_page (f->window), ==, "people");
  }
}

static void
test_window_shared_meetings (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_registry ();
  AdwPreferencesGroup *meetings;
  g_autoptr(GPtrArray) rows = NULL;

  convene_window_set_registry (f->window, registry);
  g_assert_true (convene_window_show_group (f->window, "environments"));
  ui_test_drain ();

  meetings = find_labelled (f->window, ADW_TYPE_PREFERENCES_GROUP, "Meetings");
  g_assert_cmpstr (adw_preferences_group_get_description (meetings), ==,
                   "No meeting of its own: the group attends the community meeting");
  rows = ui_test_find_all (meetings, CONVENE_TYPE_MEETING_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   "Tuesdays at 10:00 PT - Weekly");
  g_assert_cmpstr (convene_meeting_get_url (convene_meeting_row_get_meeting (g_ptr_array_index (rows, 0))),
                   ==, "https://meet.example.org/sandbox");

  /* A group without links says so, and shows no empty list. */
  {
    AdwPreferencesGroup *links = find_labelled (f->window, ADW_TYPE_PREFERENCES_GROUP, "Links");
    g_autoptr(GPtrArray) lists = ui_test_find_all (links, GTK_TYPE_LIST_BOX);

    g_assert_cmpstr (adw_preferences_group_get_description (links), ==,
                     "The registry lists no links for this group");
    g_assert_cmpuint (lists->len, ==, 0);
  }

  /* The chair's role shows. */
  g_assert_true (convene_window_show_group (f->window, "lab"));
  ui_test_drain ();
  g_assert_cmpstr (adw_action_row_get_subtitle (find_labelled (f->window, CONVENE_TYPE_PERSON_ROW,
                                                               "Zoë Adams")),
                   ==, "Ñandú Systems · Chair");
}

static void
test_window_accessible_labels (Fixture       *f,
                               gconstpointer  data)
{
  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();

  {
    g_autoptr(GPtrArray) buttons = ui_test_find_all (f->window, GTK_TYPE_BUTTON);
    g_autoptr(GPtrArray) menu_buttons = ui_test_find_all (f->window, GTK_TYPE_MENU_BUTTON);
    g_autoptr(GPtrArray) avatars = ui_test_find_all (f->window, ADW_TYPE_AVATAR);
    guint n_icon_buttons = 0;

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);

        if (gtk_button_get_icon_name (GTK_BUTTON (button)) == NULL)
          continue;

        n_icon_buttons++;
        g_test_message ("button %s", gtk_button_get_icon_name (GTK_BUTTON (button)));
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL));
        g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      }
    /* The search toggle, the star, four copy buttons (the links; the Video
     * Call is the meeting's Join) and four profile buttons; the meeting's
     * menu is a menu button, and its Join has a label while the row is wide.
     */
    g_assert_cmpuint (n_icon_buttons, ==, 10);

    for (guint i = 0; i < menu_buttons->len; i++)
      g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (menu_buttons, i),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));

    g_assert_cmpuint (avatars->len, ==, 4);
    for (guint i = 0; i < avatars->len; i++)
      g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (avatars, i),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
  }
}

static gboolean
has_accel (const char *action,
           const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  return g_strv_contains ((const char * const *)accels, accel);
}

static GtkWindow *
find_window (GType type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;

  return NULL;
}

static void
test_window_about_and_shortcuts (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWindow *about;

  g_assert_true (has_accel ("app.quit", "<Control>q"));
  g_assert_true (has_accel ("app.reload", "<Control>r"));
  g_assert_true (has_accel ("app.about", "F1"));
  g_assert_true (has_accel ("window.close", "<Control>w"));
  g_assert_true (has_accel ("win.show-help-overlay", "<Control>question"));
  g_assert_true (ui_test_has_shortcut (f->window, "<Control>f", "action(win.search)"));

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_drain ();
  {
    GtkWidget *row = find_labelled (f->window, CONVENE_TYPE_LINK_ROW, "Forum");

    g_assert_true (ui_test_has_shortcut (row, "<Control>c", "action(link.copy)"));
    g_assert_true (ui_test_has_shortcut (row, "<Shift>F10", "action(link.menu)"));
    /* The context menu opens from the keyboard, too. */
    g_assert_true (gtk_widget_activate_action (row, "link.menu", NULL));
    ui_test_drain ();
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (ui_test_find_one (row, GTK_TYPE_POPOVER_MENU))));
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ui_test_drain ();
  about = find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  /* The shortcuts window is loaded from gtk/help-overlay.ui. */
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (f->window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  ui_test_drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (f->window)))));
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (
    GTK_APPLICATION_WINDOW (f->window))), FALSE);
}

/* Avatars, from a server of our own */

static void
avatar_server_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  GBytes *png = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "image/png", NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static GBytes *
make_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
test_window_avatars (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = make_registry ();
  g_autofree char *cache_dir = g_build_filename (f->tmpdir, "avatars", NULL);
  g_autoptr(ConveneAvatarCache) cache = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  AdwAvatar *avatar;

  soup_server_add_handler (server, NULL, avatar_server_cb, png, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/jose.png", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  convene_person_set_avatar_url (convene_registry_lookup_person (registry, "jose"), url);

  cache = convene_avatar_cache_new (cache_dir, NULL);
  convene_window_set_avatar_cache (f->window, cache);
  convene_window_set_registry (f->window, registry);
  g_assert_true (convene_window_show_group (f->window, "environments"));
  ui_test_drain ();

  avatar = ui_test_find_one (find_labelled (f->window, CONVENE_TYPE_PERSON_ROW, "José Ortiz"), ADW_TYPE_AVATAR);
  ui_test_assert_eventually (adw_avatar_get_custom_image (avatar) != NULL);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (adw_avatar_get_custom_image (avatar)), >, 0);

  /* The person page shows it too, from the cache. */
  g_assert_true (convene_window_show_person (f->window, "jose"));
  ui_test_drain ();
  avatar = ui_test_find_one (ui_test_find_one (f->window, CONVENE_TYPE_PERSON_PAGE), ADW_TYPE_AVATAR);
  ui_test_assert_eventually (adw_avatar_get_custom_image (avatar) != NULL);

  /* Zoë has no URL: initials. */
  g_assert_true (convene_window_show_group (f->window, "lab"));
  ui_test_drain ();
  avatar = ui_test_find_one (find_labelled (f->window, CONVENE_TYPE_PERSON_ROW, "Zoë Adams"), ADW_TYPE_AVATAR);
  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Zoë Adams");
  g_assert_true (adw_avatar_get_show_initials (avatar));
}

/* Screenshots, for people to look at */

static void
save_screenshot (ConveneWindow *window,
                 const char    *name)
{
  g_autoptr(GdkTexture) texture = ui_test_screenshot (window, name);

  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
}

static void
test_window_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  ConveneWindow *window;

  ui_test_reset_settings ();
  convene_application_load_registry (app, NULL);

  window = open_window (&wide);
  convene_window_show_group (window, "networking");
  save_screenshot (window, "main.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_one (window, GTK_TYPE_SEARCH_ENTRY)), "ibm lin");
  convene_window_show_person (window, "linsun");
  save_screenshot (window, "search.png");
  ui_test_close_window (window);

  window = open_window (&narrow);
  convene_window_show_group (window, "networking");
  save_screenshot (window, "narrow.png");
  convene_window_show_overview (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  save_screenshot (window, "narrow-sidebar.png");
  ui_test_close_window (window);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_window (&wide);
  convene_window_show_overview (window);
  save_screenshot (window, "dark.png");
  ui_test_close_window (window);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  {
    g_autofree char *dir = g_dir_make_tmp ("convene-screenshot-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "broken.json", NULL);

    g_file_set_contents (path, "{\n  \"format_version\": 1,\n  \"groups\": [\n    { \"id\": \"a\", }\n  ]\n}\n",
                         -1, NULL);
    convene_application_load_registry (app, path);
    ui_test_assert_eventually (!convene_application_get_loading (app));
    window = open_window (&wide);
    save_screenshot (window, "error.png");
    ui_test_close_window (window);
    g_remove (path);
    g_rmdir (dir);
  }

  convene_application_load_registry (app, NULL);
  ui_test_reset_settings ();
}

/* Texts as long as a registry may hold */

static gboolean
count_tick (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* @n_chars characters of a long word, again and again: with spaces
 * between the words, or one word without a break.
 */
static char *
long_text (guint    n_chars,
           gboolean with_spaces)
{
  static const char word[] = "Antidisestablishmentarianism";
  const guint word_len = sizeof word - 1;
  GString *text = g_string_new (NULL);

  /* Never the word's NUL: a text of one word is one word, not 28 letters */
  for (guint i = 0; text->len < n_chars; i++)
    {
      guint at = i % (with_spaces ? word_len + 1 : word_len);

      g_string_append_c (text, at == word_len ? ' ' : word[at]);
    }
  g_string_truncate (text, n_chars);
  return g_string_free (text, FALSE);
}

static char *
long_url (guint n)
{
  g_autofree char *path = long_text (CONVENE_URL_MAX_LENGTH - 40, FALSE);

  return g_strdup_printf ("https://example.org/%u/%s", n, path);
}

static void
add_long_group (ConveneRegistry *registry,
                const char      *id,
                gboolean         with_spaces,
                ConvenePerson   *lead)
{
  g_autofree char *name = long_text (CONVENE_MAX_NAME, with_spaces);
  g_autofree char *description = long_text (CONVENE_MAX_PARAGRAPH, with_spaces);
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ConveneGroup) group = convene_group_new (id, name);

  for (guint i = 0; i < CONVENE_MAX_TOPICS; i++)
    g_ptr_array_add (topics, long_text (CONVENE_MAX_TOPIC, with_spaces));
  g_ptr_array_add (topics, NULL);
  convene_group_set_topics (group, (const char * const *)topics->pdata);
  convene_group_set_description (group, description);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = long_text (CONVENE_MAX_LABEL, with_spaces);
      g_autofree char *url = long_url (i);
      g_autofree char *text = long_text (CONVENE_MAX_MEETING_TEXT, with_spaces);
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_OTHER, label, url);
      g_autoptr(ConveneMeeting) meeting = convene_meeting_new (text);

      convene_group_add_link (group, link);
      convene_meeting_set_url (meeting, url);
      convene_group_add_meeting (group, meeting);
    }

  add_lead (group, lead, CONVENE_ROLE_LEAD);
  convene_registry_add_group (registry, group);
}

static ConveneRegistry *
make_long_registry (void)
{
  g_autofree char *community_name = long_text (CONVENE_MAX_NAME, FALSE);
  g_autofree char *intro_text = long_text (CONVENE_MAX_PARAGRAPH, TRUE);
  g_autofree char *word_name = long_text (CONVENE_MAX_NAME, FALSE);
  g_autofree char *spaced_name = long_text (CONVENE_MAX_NAME, TRUE);
  g_autofree char *company = long_text (CONVENE_MAX_NAME, FALSE);
  g_autoptr(ConveneCommunity) community = convene_community_new (community_name);
  g_autoptr(ConveneRichText) intro = convene_rich_text_new ();
  ConveneRegistry *registry = convene_registry_new (community);
  ConvenePerson *word, *spaced;

  convene_rich_text_add_paragraph (intro);
  convene_rich_text_append (intro, intro_text, NULL);
  convene_community_set_intro (community, intro);
  convene_community_set_new_group (community, intro);

  {
    g_autofree char *text = long_text (CONVENE_MAX_MEETING_TEXT, FALSE);
    g_autofree char *label = long_text (CONVENE_MAX_LABEL, FALSE);
    g_autofree char *url = long_url (9);
    g_autoptr(ConveneMeeting) meeting = convene_meeting_new (text);
    g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_OTHER, label, url);

    convene_meeting_set_url (meeting, url);
    convene_community_add_meeting (community, meeting);
    convene_community_add_link (community, link);
  }

  word = add_person (registry, "word", word_name, company);
  spaced = add_person (registry, "spaced", spaced_name, company);
  add_long_group (registry, "word", FALSE, word);
  add_long_group (registry, "spaced", TRUE, spaced);
  return registry;
}

/* Runs the main loop for about a second of frames, returning how many
 * times a 10 ms timeout ran, counted from @ticks' start: a page that
 * holds up the main loop laying out its texts leaves it few.
 */
static guint
run_a_second (Fixture *f,
              guint   *ticks,
              guint    tick)
{
  /* A second of a normal build; longer where frames take longer */
  gint64 end = g_get_monotonic_time () + (gint64)ui_test_slowdown () * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    ui_test_wait_frames (f->window, 1);
  g_source_remove (tick);
  return *ticks;
}

static void
test_window_long_texts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_long_registry ();
  static const struct { const char *page; const char *id; } pages[] = {
    { "group", "word" },
    { "group", "spaced" },
    { "overview", NULL },
    { "person", "word" },
    { "person", "spaced" },
    { "people", NULL },
  };

  /* A guard only: under a sanitizer, laying out 10,000 characters takes
   * seconds; the ticks below say whether the window kept running.
   */
  ui_test_set_timeout (120);
  convene_window_set_registry (f->window, registry);
  ui_test_drain ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      guint ticks = 0;
      guint tick = g_timeout_add (10, count_tick, &ticks);
      gint64 start = g_get_monotonic_time ();

      if (g_str_equal (pages[i].page, "group"))
        g_assert_true (convene_window_show_group (f->window, pages[i].id));
      else if (g_str_equal (pages[i].page, "person"))
        g_assert_true (convene_window_show_person (f->window, pages[i].id));
      else if (g_str_equal (pages[i].page, "overview"))
        convene_window_show_overview (f->window);
      else
        convene_window_show_people (f->window);
      ui_test_wait_frames (f->window, 2);

      /* A figure for the record, not an assertion: the machine's speed varies. */
      g_test_message ("%s %s: shown in %" G_GINT64_FORMAT " ms", pages[i].page,
                      pages[i].id ? pages[i].id : "", (g_get_monotonic_time () - start) / 1000);
      g_assert_cmpstr (convene_window_get_page (f->window), ==, pages[i].page);

      /* The heading of a group is cut short at three lines. */
      if (g_str_equal (pages[i].page, "group"))
        {
          ConveneGroup *group = convene_registry_lookup_group (registry, pages[i].id);
          GtkLabel *title = find_labelled (ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE),
                                           GTK_TYPE_LABEL, convene_group_get_name (group));

          g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (title)), <=, 3);
        }

      ticks = run_a_second (f, &ticks, tick);
      g_test_message ("%s %s: %u ticks", pages[i].page, pages[i].id ? pages[i].id : "", ticks);
      g_assert_cmpuint (ticks, >=, 20);
    }

  ui_test_set_timeout (10);
}

/* The mapped widget of @type named @name under @root, or %NULL */
static gpointer
find_named (gpointer    root,
            GType       type,
            const char *name)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (found, i)), name) == 0)
      return g_ptr_array_index (found, i);

  return NULL;
}

/* @text without the zero-width spaces the page adds as break places */
static char *
without_breaks (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x200B)
      g_string_append_unichar (out, g_utf8_get_char (p));

  return g_string_free (out, FALSE);
}

/* A short description is shown whole, without a toggle; a long one
 * collapsed to a few lines of its beginning, with Show More and Show Less.
 */
static void
test_window_group_description (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ConveneRegistry) registry = make_long_registry ();
  const char *steering_text = "The steering working group is responsible for cross-cutting "
                              "product and design decisions.";
  g_autofree char *shown = NULL;
  const char *text;
  ConveneGroupPage *page;
  GtkLabel *label;
  GtkButton *toggle;
  glong n_chars;

  g_assert_true (convene_window_show_group (f->window, "steering"));
  ui_test_wait_frames (f->window, 2);
  page = ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE);
  label = find_named (page, GTK_TYPE_LABEL, "description");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, steering_text);
  g_assert_cmpint (gtk_label_get_lines (label), ==, -1);
  g_assert_null (find_named (page, GTK_TYPE_BUTTON, "description-toggle"));

  /* Laying out the whole text under a sanitizer takes seconds */
  ui_test_set_timeout (120);
  convene_window_set_registry (f->window, registry);
  ui_test_drain ();

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (convene_window_show_group (f->window, round == 0 ? "spaced" : "word"));
      ui_test_wait_frames (f->window, 2);
      text = convene_group_get_description (convene_window_get_group (f->window));
      g_assert_cmpuint (strlen (text), ==, CONVENE_MAX_PARAGRAPH);

      page = ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE);
      label = find_named (page, GTK_TYPE_LABEL, "description");
      toggle = find_named (page, GTK_TYPE_BUTTON, "description-toggle");
      g_assert_nonnull (toggle);
      g_assert_cmpstr (gtk_button_get_label (toggle), ==, "Show More");

      /* Collapsed: the beginning of the text, at most four lines */
      shown = without_breaks (gtk_label_get_label (label));
      n_chars = g_utf8_strlen (shown, -1);
      g_assert_cmpint (n_chars, <=, 301);
      g_assert_cmpint (n_chars, >, 250);
      g_assert_true (g_str_has_suffix (shown, "…"));
      g_assert_true (strncmp (text, shown, strlen (shown) - strlen ("…")) == 0);
      g_assert_cmpint (gtk_label_get_lines (label), ==, 4);
      g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
      g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (label)), <=, 4);
      g_clear_pointer (&shown, g_free);

      /* Expanded: all of it; a word of 10,000 letters can break */
      g_signal_emit_by_name (toggle, "clicked");
      ui_test_wait_frames (f->window, 2);
      g_assert_cmpstr (gtk_button_get_label (toggle), ==, "Show Less");
      shown = without_breaks (gtk_label_get_label (label));
      g_assert_cmpstr (shown, ==, text);
      g_assert_cmpint (gtk_label_get_lines (label), ==, -1);
      g_clear_pointer (&shown, g_free);

      if (round == 0)
        {
          g_signal_emit_by_name (toggle, "clicked");
          ui_test_wait_frames (f->window, 2);
          g_assert_cmpstr (gtk_button_get_label (toggle), ==, "Show More");
          shown = without_breaks (gtk_label_get_label (label));
          g_assert_cmpint (g_utf8_strlen (shown, -1), ==, n_chars);
          g_clear_pointer (&shown, g_free);
        }
    }

  /* Back on a group left expanded: collapsed again */
  g_assert_true (convene_window_show_group (f->window, "spaced"));
  ui_test_wait_frames (f->window, 2);
  page = ui_test_find_one (f->window, CONVENE_TYPE_GROUP_PAGE);
  toggle = find_named (page, GTK_TYPE_BUTTON, "description-toggle");
  g_assert_cmpstr (gtk_button_get_label (toggle), ==, "Show More");

  ui_test_set_timeout (10);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* Only the cache, where avatars would go, is kept apart. */
  cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");

  /* GTK's test accessibility backend keeps the accessible properties
   * where the accessibility test can read them, without an AT-SPI bus.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();

  g_test_add_func ("/launcher/check-uri", test_launcher_check_uri);
  g_test_add_func ("/search/normalize", test_search_normalize);

#define ADD(path, size, func) \
  g_test_add ("/window/" path, Fixture, size, fixture_setup, func, fixture_teardown)

  ADD ("sidebar", &wide, test_window_sidebar);
  ADD ("group", &wide, test_window_group);
  ADD ("links/launch", &wide, test_window_links_launch);
  ADD ("links/refused", &wide, test_window_links_refused);
  ADD ("search/company", &wide, test_window_search_company);
  ADD ("search/topic", &wide, test_window_search_topic);
  ADD ("search/empty", &wide, test_window_search_empty);
  ADD ("search/accents", &wide, test_window_search_accents);
  ADD ("search/escape", &wide, test_window_search_escape);
  ADD ("narrow", &narrow, test_window_narrow);
  ADD ("broken-registry", &wide, test_window_broken_registry);
  ADD ("reload", &wide, test_window_reload);
  ADD ("show-group", &wide, test_window_show_group);
  ADD ("settings", &wide, test_window_settings);
  ADD ("people", &wide, test_window_people);
  ADD ("overview", &wide, test_window_overview);
  ADD ("shared-meetings", &wide, test_window_shared_meetings);
  ADD ("accessible-labels", &wide, test_window_accessible_labels);
  ADD ("avatars", &wide, test_window_avatars);
  ADD ("about-and-shortcuts", &wide, test_window_about_and_shortcuts);
  ADD ("long-texts", &wide, test_window_long_texts);
  ADD ("group/description", &wide, test_window_group_description);

#undef ADD

  g_test_add_func ("/window/screenshots", test_window_screenshots);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
