/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "convene-context.h"
#include "convene-group-page.h"
#include "convene-ics.h"
#include "convene-issue.h"
#include "convene-launcher.h"
#include "convene-overview-page.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-preferences-window.h"
#include "convene-search.h"
#include "convene-sidebar-row.h"
#include "convene-upcoming.h"
#include "convene-window.h"

/* The main window: a sidebar with the community's groups beside a page
 * for the selected one, folding into one pane on narrow screens. It takes
 * its registry from the store of its #ConveneContext and shows it again
 * whenever the store (re)loads one; a registry that failed to load replaces
 * everything with the problems found and a way out. While the store
 * reads a registry file in a thread, the window keeps the registry it
 * shows (with a spinner in the sidebar's header), or shows a loading page
 * when it has none.
 *
 * Every link of every page comes here through "win.open-uri" and
 * "win.copy-uri", so there is one place that asks the launcher and tells
 * the user what happened.
 *
 * Meetings: one #ConveneUpcoming keeps the time for the whole window (the
 * sidebar's badges, the group page, the week on the overview) with one
 * timer; joining a call and exporting calendars ("win.join-meeting",
 * "win.open-meeting-calendar", "win.export-meeting",
 * "win.export-all-meetings") are actions of the window.
 */
struct _ConveneWindow
{
  AdwApplicationWindow parent_instance;

  /* What the window was handed, and the store it follows. */
  ConveneContext *context;
  ConveneRegistryStore *store;

  ConveneRegistry *registry;
  ConveneAvatarCache *avatar_cache;
  GSettings *settings;
  GCancellable *cancellable;
  char *last_toast;
  /* The registry the window first met is still loading: the group of
   * last time is shown when it comes.
   */
  gboolean last_group_pending;

  /* Meetings: the window's clock, and the file chooser of an export. */
  ConveneUpcoming *upcoming;
  GtkFileChooserNative *file_chooser;

  /* Search: the normalized terms, and the models the results list shows. */
  char **terms;
  char *query;
  GtkCustomFilter *group_filter;
  GtkCustomFilter *person_filter;
  GtkFilterListModel *group_results;
  GtkFilterListModel *person_results;
  GtkSortListModel *sorted_people;
  GtkFlattenListModel *results;

  GtkStack *content_stack;
  AdwWindowTitle *content_title;
  GtkLabel *error_label;
  AdwStatusPage *error_page;
  ConveneGroupPage *group_page;
  AdwLeaflet *leaflet;
  AdwStatusPage *loading_page;
  GtkSpinner *loading_spinner;
  GtkStack *main_stack;
  ConveneOverviewPage *overview_page;
  ConvenePeoplePage *people_page;
  ConvenePersonPage *person_page;
  GtkSpinner *reload_spinner;
  GtkListBox *results_list;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkBox *sidebar;
  GtkListBox *sidebar_list;
  GtkStack *sidebar_stack;
  AdwWindowTitle *sidebar_title;
  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (ConveneWindow, convene_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAGE_OVERVIEW "overview"
#define PAGE_GROUP    "group"
#define PAGE_PEOPLE   "people"
#define PAGE_PERSON   "person"
#define PAGE_ERROR    "error"
#define PAGE_LOADING  "loading"

/* Helpers */

/* gtk_list_box_remove_all() is GTK 4.12. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static gboolean
is_folded (ConveneWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

static void
select_sidebar_row (ConveneWindow *self,
                    const char    *page,
                    const char    *target)
{
  /* The person page belongs under "People" in the sidebar. */
  if (g_strcmp0 (page, PAGE_PERSON) == 0)
    {
      page = PAGE_PEOPLE;
      target = NULL;
    }

  if (gtk_list_box_get_selection_mode (self->sidebar_list) == GTK_SELECTION_NONE)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ConveneSidebarRow *row;

      if (!CONVENE_IS_SIDEBAR_ROW (child))
        continue;

      row = CONVENE_SIDEBAR_ROW (child);
      if (g_strcmp0 (convene_sidebar_row_get_page (row), page) == 0 &&
          g_strcmp0 (convene_sidebar_row_get_target (row), target) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }

  gtk_list_box_unselect_all (self->sidebar_list);
}

static void
set_page (ConveneWindow *self,
          const char    *page,
          const char    *target,
          const char    *title,
          gboolean       navigate)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  gtk_stack_set_visible_child_name (self->content_stack, page);
  adw_window_title_set_title (self->content_title, title);
  select_sidebar_row (self, page, target);

  if (navigate)
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
remember_group (ConveneWindow *self,
                const char    *group_id)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-group", group_id ? group_id : "");
}

static void
show_overview (ConveneWindow *self,
               gboolean       navigate)
{
  ConveneCommunity *community = NULL;

  if (self->registry != NULL)
    community = convene_registry_get_community (self->registry);

  set_page (self, PAGE_OVERVIEW, NULL,
            community ? convene_community_get_name (community) : _("Overview"),
            navigate);
}

static gboolean
show_group (ConveneWindow *self,
            const char    *group_id,
            gboolean       navigate)
{
  ConveneGroup *group = NULL;

  if (self->registry != NULL && group_id != NULL)
    group = convene_registry_lookup_group (self->registry, group_id);

  if (group == NULL)
    return FALSE;

  convene_group_page_set_group (self->group_page, group, self->registry);
  set_page (self, PAGE_GROUP, group_id, convene_group_get_name (group), navigate);
  remember_group (self, group_id);
  return TRUE;
}

static void
show_people (ConveneWindow *self,
             gboolean       navigate)
{
  set_page (self, PAGE_PEOPLE, NULL, _("People"), navigate);
}

static gboolean
show_person (ConveneWindow *self,
             const char    *person_id,
             gboolean       navigate)
{
  ConvenePerson *person = NULL;

  if (self->registry != NULL && person_id != NULL)
    person = convene_registry_lookup_person (self->registry, person_id);

  if (person == NULL)
    return FALSE;

  convene_person_page_set_person (self->person_page, person, self->registry);
  set_page (self, PAGE_PERSON, person_id, convene_person_get_name (person), navigate);
  return TRUE;
}

/* Shows @page again after the registry changed, or the overview if what
 * it showed is gone.
 */
static void
restore_page (ConveneWindow *self,
              const char    *page,
              const char    *target)
{
  if (g_strcmp0 (page, PAGE_GROUP) == 0 && show_group (self, target, FALSE))
    return;

  if (g_strcmp0 (page, PAGE_PERSON) == 0 && show_person (self, target, FALSE))
    return;

  if (g_strcmp0 (page, PAGE_PEOPLE) == 0 && self->registry != NULL)
    show_people (self, FALSE);
  else
    show_overview (self, FALSE);
}

/* The badge of a sidebar or search row: the group's meeting, or for the
 * overview the community's, running or about to start.
 */
static void
update_meeting_badge (ConveneWindow     *self,
                      ConveneSidebarRow *row)
{
  ConveneMeetingState state = CONVENE_MEETING_STATE_NONE;
  const char *page = convene_sidebar_row_get_page (row);

  if (self->registry != NULL && g_strcmp0 (page, PAGE_GROUP) == 0)
    {
      ConveneGroup *group = convene_registry_lookup_group (self->registry,
                                                           convene_sidebar_row_get_target (row));

      if (group != NULL)
        state = convene_upcoming_get_group_state (self->upcoming, group);
    }
  else if (self->registry != NULL && g_strcmp0 (page, PAGE_OVERVIEW) == 0)
    {
      state = convene_upcoming_get_community_state (self->upcoming);
    }

  convene_sidebar_row_set_meeting_state (row, state);
}

static void
update_meeting_badges (ConveneWindow *self)
{
  GtkListBox *lists[] = { self->sidebar_list, self->results_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (CONVENE_IS_SIDEBAR_ROW (child))
        update_meeting_badge (self, CONVENE_SIDEBAR_ROW (child));
}

static void
rebuild_sidebar (ConveneWindow *self)
{
  guint n_groups;

  clear_list (self->sidebar_list);

  if (self->registry == NULL)
    return;

  gtk_list_box_append (self->sidebar_list,
                       convene_sidebar_row_new (PAGE_OVERVIEW, NULL, _("Overview"), NULL,
                                                "go-home-symbolic"));

  n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->registry));
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (self->registry), i);
      g_autofree char *topics = convene_group_dup_topics_text (group);

      gtk_list_box_append (self->sidebar_list,
                           convene_sidebar_row_new (PAGE_GROUP,
                                                    convene_group_get_id (group),
                                                    convene_group_get_name (group),
                                                    topics,
                                                    NULL));
    }

  gtk_list_box_append (self->sidebar_list,
                       convene_sidebar_row_new (PAGE_PEOPLE, NULL, _("People"), NULL,
                                                "system-users-symbolic"));

  update_meeting_badges (self);
}

static GtkWidget *
make_heading (const char *text)
{
  GtkWidget *heading = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (heading, "sidebar-heading");
  return heading;
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const char *page = convene_sidebar_row_get_page (CONVENE_SIDEBAR_ROW (row));
  const char *before_page = NULL;
  GtkWidget *header = NULL;

  if (before != NULL)
    before_page = convene_sidebar_row_get_page (CONVENE_SIDEBAR_ROW (before));

  if (g_strcmp0 (page, PAGE_GROUP) == 0 && g_strcmp0 (before_page, PAGE_GROUP) != 0)
    header = make_heading (_("Working Groups"));
  else if (g_strcmp0 (page, PAGE_PEOPLE) == 0 && before != NULL)
    header = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_list_box_row_set_header (row, header);
}

static void
results_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const char *page = convene_sidebar_row_get_page (CONVENE_SIDEBAR_ROW (row));
  const char *before_page = NULL;
  GtkWidget *header = NULL;

  if (before != NULL)
    before_page = convene_sidebar_row_get_page (CONVENE_SIDEBAR_ROW (before));

  if (g_strcmp0 (page, before_page) != 0)
    header = make_heading (g_strcmp0 (page, PAGE_GROUP) == 0 ? _("Working Groups") : _("People"));

  gtk_list_box_row_set_header (row, header);
}

/* Search */

static gboolean
group_filter_func (gpointer item,
                   gpointer user_data)
{
  ConveneWindow *self = user_data;

  return self->terms != NULL && self->terms[0] != NULL &&
         convene_search_match_group (CONVENE_GROUP (item),
                                     (const char * const *)self->terms, NULL);
}

static gboolean
person_filter_func (gpointer item,
                    gpointer user_data)
{
  ConveneWindow *self = user_data;

  return self->terms != NULL && self->terms[0] != NULL &&
         convene_search_match_person (CONVENE_PERSON (item),
                                      (const char * const *)self->terms, NULL);
}

static char *
dup_result_subtitle (ConveneWindow *self,
                     GObject       *item)
{
  g_autofree char *why = NULL;
  const char * const *terms = (const char * const *)self->terms;

  if (CONVENE_IS_GROUP (item))
    {
      if (terms != NULL && convene_search_match_group (CONVENE_GROUP (item), terms, &why) && why)
        return g_steal_pointer (&why);

      return convene_group_dup_topics_text (CONVENE_GROUP (item));
    }

  if (terms != NULL && convene_search_match_person (CONVENE_PERSON (item), terms, &why) && why)
    return g_steal_pointer (&why);

  return g_strdup (convene_person_get_company (CONVENE_PERSON (item)));
}

static GtkWidget *
create_result_row (gpointer item,
                   gpointer user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (user_data);
  g_autofree char *subtitle = dup_result_subtitle (self, item);
  GtkWidget *row;

  if (CONVENE_IS_GROUP (item))
    row = convene_sidebar_row_new (PAGE_GROUP,
                                   convene_group_get_id (item),
                                   convene_group_get_name (item),
                                   subtitle,
                                   NULL);
  else
    row = convene_sidebar_row_new (PAGE_PERSON,
                                   convene_person_get_id (item),
                                   convene_person_get_name (item),
                                   subtitle,
                                   NULL);

  g_object_set_data_full (G_OBJECT (row), "convene-item", g_object_ref (item), g_object_unref);
  update_meeting_badge (self, CONVENE_SIDEBAR_ROW (row));
  return row;
}

static void
update_result_subtitles (ConveneWindow *self)
{
  /* Rows that survive a change of the query keep their widget; what
   * matched may have changed all the same.
   */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GObject *item;
      g_autofree char *subtitle = NULL;

      if (!CONVENE_IS_SIDEBAR_ROW (child))
        continue;

      item = g_object_get_data (G_OBJECT (child), "convene-item");
      if (item == NULL)
        continue;

      subtitle = dup_result_subtitle (self, item);
      convene_sidebar_row_set_subtitle (CONVENE_SIDEBAR_ROW (child), subtitle);
    }
}

static void
update_sidebar_stack (ConveneWindow *self)
{
  const char *name;

  if (self->terms == NULL || self->terms[0] == NULL)
    name = "browse";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    name = "results";
  else if (gtk_filter_list_model_get_pending (self->group_results) > 0 ||
           gtk_filter_list_model_get_pending (self->person_results) > 0)
    /* Still filtering: do not flash the empty state, nor keep showing
     * the groups a query is being typed against.
     */
    name = g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "empty") == 0
           ? "empty" : "results";
  else
    name = "empty";

  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}

static void
set_query (ConveneWindow *self,
           const char    *text)
{
  g_autofree char *query = convene_search_normalize (text ? text : "");
  GtkFilterChange change;

  g_strstrip (query);

  if (g_strcmp0 (query, self->query) == 0)
    return;

  /* Typing on narrows the results, deleting widens them: the filter
   * models then only look at the items that can change.
   */
  if (self->query != NULL && *self->query != '\0' && strstr (query, self->query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query != NULL && *query != '\0' && strstr (self->query, query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_strfreev (self->terms);
  self->terms = convene_search_split_query (text);
  g_free (self->query);
  self->query = g_steal_pointer (&query);

  gtk_filter_changed (GTK_FILTER (self->group_filter), change);
  gtk_filter_changed (GTK_FILTER (self->person_filter), change);

  update_result_subtitles (self);
  update_sidebar_stack (self);
}

static void
results_changed_cb (ConveneWindow *self)
{
  update_sidebar_stack (self);
}

/* Registry */

static void
set_error_text (ConveneWindow *self,
                const char    *path,
                const GError  *error,
                GPtrArray     *issues)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *description = NULL;

  if (issues != NULL && issues->len > 0)
    {
      for (guint i = 0; i < issues->len; i++)
        {
          g_autofree char *line = convene_issue_to_string (g_ptr_array_index (issues, i));

          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, line);
        }
    }
  else if (error != NULL)
    {
      g_string_append (text, error->message);
    }
  else
    {
      g_string_append (text, _("The registry could not be read."));
    }

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *escaped = g_markup_escape_text (display, -1);

      /* Translators: %s is the path of a file */
      description = g_strdup_printf (_("Convene could not use “%s”. Fix the problems below and "
                                       "reload, or use the registry that comes with Convene."),
                                     escaped);
    }
  else
    {
      description = g_strdup (_("The registry that comes with Convene could not be used."));
    }

  adw_status_page_set_description (self->error_page, description);
  gtk_label_set_label (self->error_label, text->str);
}

static void
show_registry_error (ConveneWindow *self,
                     const char    *path,
                     const GError  *error,
                     GPtrArray     *issues)
{
  convene_window_set_registry (self, NULL);
  set_error_text (self, path, error, issues);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_ERROR);
}

/* Until the first registry of a file comes, there is nothing else to show. */
static void
show_loading (ConveneWindow *self,
              const char    *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *display = g_filename_display_name (path);
  /* Translators: %s is the name of a registry file */
  g_autofree char *title = g_strdup_printf (_("Loading “%s”…"), name);
  g_autofree char *escaped = g_markup_escape_text (display, -1);

  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, escaped);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_LOADING);
}

static void
restore_last_group (ConveneWindow *self)
{
  g_autofree char *last_group = NULL;

  if (self->settings == NULL || self->registry == NULL)
    return;

  last_group = g_settings_get_string (self->settings, "last-group");
  if (*last_group != '\0')
    show_group (self, last_group, FALSE);
}

static void
sync_with_store (ConveneWindow *self)
{
  ConveneRegistry *registry = convene_registry_store_get_registry (self->store);
  const GError *error = convene_registry_store_get_error (self->store);
  gboolean loading = convene_registry_store_get_loading (self->store);

  if (registry != NULL)
    convene_window_set_registry (self, registry);
  else if (error != NULL)
    show_registry_error (self,
                         convene_registry_store_get_path (self->store),
                         error,
                         convene_registry_store_get_issues (self->store));

  /* A reload keeps the registry shown until the new one replaces it. */
  if (loading && self->registry == NULL)
    show_loading (self, convene_registry_store_get_loading_path (self->store));

  gtk_spinner_set_spinning (self->loading_spinner, loading && self->registry == NULL);
  gtk_spinner_set_spinning (self->reload_spinner, loading && self->registry != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), loading && self->registry != NULL);

  if (!loading && self->last_group_pending)
    {
      self->last_group_pending = FALSE;
      restore_last_group (self);
    }
}

/* Opening links */

static void
open_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (convene_launcher_open_finish (CONVENE_LAUNCHER (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error->domain == CONVENE_LAUNCHER_ERROR)
    {
      convene_window_add_toast (self, error->message);
    }
  else
    {
      /* Translators: %s says why, such as "No application is registered as handling this file" */
      g_autofree char *text = g_strdup_printf (_("Could not open the link: %s"), error->message);

      g_debug ("%s", text);
      convene_window_add_toast (self, text);
    }
}

/* Meetings */

static ConveneGroup *
lookup_group_or_toast (ConveneWindow *self,
                       const char    *group_id)
{
  ConveneGroup *group = NULL;

  if (self->registry != NULL && group_id != NULL)
    group = convene_registry_lookup_group (self->registry, group_id);

  if (group == NULL)
    {
      /* Translators: %s is the id of a working group */
      g_autofree char *text = g_strdup_printf (_("No group “%s”"), group_id ? group_id : "");

      convene_window_add_toast (self, text);
    }

  return group;
}

/* The meeting to join: of those with a link, the one running or starting
 * next; a link without a known time is better than none.
 */
static ConveneMeeting *
find_meeting_to_join (ConveneWindow *self,
                      GListModel    *meetings)
{
  GDateTime *now = convene_upcoming_get_now (self->upcoming);
  g_autoptr(GDateTime) soonest = NULL;
  ConveneMeeting *found = NULL;
  ConveneMeeting *first = NULL;
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GDateTime) next = NULL;
      const char *url = convene_meeting_get_url (meeting);

      if (url == NULL || *url == '\0')
        continue;

      if (first == NULL)
        first = meeting;

      next = convene_schedule_next (meeting, now);
      if (next != NULL && (soonest == NULL || g_date_time_compare (next, soonest) < 0))
        {
          g_clear_pointer (&soonest, g_date_time_unref);
          soonest = g_steal_pointer (&next);
          found = meeting;
        }
    }

  /* The models hold the meetings; the references taken above were only
   * for the loop.
   */
  return found != NULL ? found : first;
}

static void
join_group_meeting (ConveneWindow *self,
                    ConveneGroup  *group)
{
  ConveneMeeting *meeting;
  GListModel *meetings;

  meetings = convene_registry_get_group_meetings (self->registry, group, NULL);
  meeting = find_meeting_to_join (self, meetings);
  if (meeting == NULL)
    {
      /* Translators: %s is the name of a working group */
      g_autofree char *text = g_strdup_printf (_("“%s” has no meeting link"),
                                               convene_group_get_name (group));

      convene_window_add_toast (self, text);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-uri", "s",
                              convene_meeting_get_url (meeting));
}

/* Tells the user why a calendar could not be made. */
static void
toast_ics_error (ConveneWindow *self,
                 const GError  *error)
{
  if (g_error_matches (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING))
    {
      convene_window_add_toast (self, _("This group’s meeting time is not known"));
    }
  else
    {
      /* Translators: %s says why, such as "The time zone … is unknown" */
      g_autofree char *text = g_strdup_printf (_("Could not export the meetings: %s"),
                                               error->message);

      convene_window_add_toast (self, text);
    }
}

/* The calendar of a group's meetings, as of the window's "now". */
static GBytes *
dup_group_ics (ConveneWindow  *self,
               ConveneGroup   *group,
               GError        **error)
{
  GDateTime *now = convene_upcoming_get_now (self->upcoming);
  g_autofree char *ics = NULL;
  gsize len;

  /* The same events, UIDs and titles as the whole registry's export */
  ics = convene_ics_for_registry_group_at (self->registry, group, now, error);

  if (ics == NULL)
    return NULL;

  len = strlen (ics);
  return g_bytes_new_take (g_steal_pointer (&ics), len);
}

/* A file name made of the group id: ids come from the registry, so
 * anything but letters, digits, "-" and "_" is replaced.
 */
static char *
dup_ics_basename (const char *id)
{
  g_autofree char *safe = g_strdup (id != NULL && *id != '\0' ? id : "meetings");

  g_strcanon (safe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
  return g_strconcat (safe, ".ics", NULL);
}

static void
open_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (convene_launcher_open_file_finish (CONVENE_LAUNCHER (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  {
    /* Translators: %s says why, such as "No application is registered as handling this file" */
    g_autofree char *text = g_strdup_printf (_("Could not open the calendar: %s"), error->message);

    convene_window_add_toast (self, text);
  }
}

static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why, such as "No space left on device" */
          g_autofree char *text = g_strdup_printf (_("Could not write the calendar: %s"),
                                                   error->message);

          convene_window_add_toast (self, text);
        }
      return;
    }

  convene_launcher_open_file_async (convene_context_get_launcher (self->context), file, GTK_WIDGET (self),
                                    self->cancellable, open_file_cb, g_object_ref (self));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *basename = g_path_get_basename (name);
  g_autofree char *text = NULL;

  if (g_file_replace_contents_finish (file, result, NULL, &error))
    {
      /* Translators: %s is the name of a file */
      text = g_strdup_printf (_("Saved “%s”"), basename);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  else
    {
      /* Translators: the name of a file, then why, such as "Permission denied" */
      text = g_strdup_printf (_("Could not save “%s”: %s"), basename, error->message);
    }

  convene_window_add_toast (self, text);
}

static void
close_file_chooser (ConveneWindow *self)
{
  if (self->file_chooser == NULL)
    return;

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
}

static void
file_chooser_response_cb (ConveneWindow        *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  GBytes *contents = g_object_get_data (G_OBJECT (chooser), "convene-contents");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* Written whole to a temporary file, then renamed over the old one. */
  if (file != NULL)
    g_file_replace_contents_bytes_async (file, contents, NULL, FALSE, G_FILE_CREATE_NONE,
                                         self->cancellable, saved_cb, g_object_ref (self));

  close_file_chooser (self);
}

static void
save_calendar_as (ConveneWindow *self,
                  GBytes        *contents,
                  const char    *basename)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  const char *documents;

  close_file_chooser (self);

  self->file_chooser = gtk_file_chooser_native_new (_("Save Meetings"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  /* Calendar files are documents; without a folder the chooser starts
   * in whatever directory Convene was started from.
   */
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->file_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), basename);

  gtk_file_filter_set_name (filter, _("Calendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);

  g_object_set_data_full (G_OBJECT (self->file_chooser), "convene-contents",
                          g_bytes_ref (contents), (GDestroyNotify)g_bytes_unref);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* Actions */

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  convene_launcher_open_async (convene_context_get_launcher (self->context),
                               g_variant_get_string (param, NULL),
                               widget,
                               self->cancellable,
                               open_uri_cb,
                               g_object_ref (self));
}

static void
copy_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (param, NULL));
  convene_window_add_toast (self, _("Link copied"));
}

static void
join_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = lookup_group_or_toast (self, g_variant_get_string (param, NULL));

  if (group != NULL)
    join_group_meeting (self, group);
}

static gboolean
join_current_meeting_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = convene_window_get_group (self);

  if (group != NULL)
    join_group_meeting (self, group);
  else
    convene_window_add_toast (self, _("Open a group to join its meeting"));

  return TRUE;
}

static void
open_meeting_calendar_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  const char *group_id = g_variant_get_string (param, NULL);
  ConveneGroup *group = lookup_group_or_toast (self, group_id);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;

  if (group == NULL)
    return;

  if ((contents = dup_group_ics (self, group, &error)) == NULL)
    {
      toast_ics_error (self, error);
      return;
    }

  /* Only files in this directory are ever opened; see ConveneLauncher. */
  dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "ics", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      /* Translators: %s says why, such as "Permission denied" */
      g_autofree char *text = g_strdup_printf (_("Could not write the calendar: %s"),
                                               g_strerror (saved_errno));

      convene_window_add_toast (self, text);
      return;
    }

  basename = dup_ics_basename (convene_group_get_id (group));
  path = g_build_filename (dir, basename, NULL);
  file = g_file_new_for_path (path);

  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, calendar_written_cb,
                                       g_object_ref (self));
}

static void
export_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = lookup_group_or_toast (self, g_variant_get_string (param, NULL));
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;

  if (group == NULL)
    return;

  if ((contents = dup_group_ics (self, group, &error)) == NULL)
    {
      toast_ics_error (self, error);
      return;
    }

  basename = dup_ics_basename (convene_group_get_id (group));
  save_calendar_as (self, contents, basename);
}

static void
export_all_meetings_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneCommunity *community;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) contents = NULL;
  gsize len;

  if (self->registry == NULL)
    return;

  ics = convene_ics_for_registry_at (self->registry, convene_upcoming_get_now (self->upcoming),
                                     &error);
  if (ics == NULL)
    {
      if (g_error_matches (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING))
        convene_window_add_toast (self, _("No meeting time is known"));
      else
        toast_ics_error (self, error);
      return;
    }

  community = convene_registry_get_community (self->registry);
  if (community != NULL)
    id = convene_group_make_id (convene_community_get_name (community));
  name = id != NULL && *id != '\0' ? g_strconcat (id, "-meetings", NULL) : g_strdup ("meetings");
  basename = dup_ics_basename (name);

  len = strlen (ics);
  contents = g_bytes_new_take (g_steal_pointer (&ics), len);
  save_calendar_as (self, contents, basename);
}

static void
show_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  convene_window_show_group (CONVENE_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  convene_window_show_person (CONVENE_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  convene_window_show_overview (CONVENE_WINDOW (widget));
}

static void
show_people_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  convene_window_show_people (CONVENE_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  if (self->registry == NULL)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  if (is_folded (self))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneAvatarCache *cache = self->avatar_cache;
  GtkWidget *preferences;

  /* A window showing initials only still clears the application's cache. */
  if (cache == NULL)
    cache = convene_avatar_cache_get_default ();

  preferences = convene_preferences_window_new (GTK_WINDOW (self), cache, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Callbacks */

static void
upcoming_changed_cb (ConveneWindow   *self,
                     ConveneUpcoming *upcoming)
{
  update_meeting_badges (self);
}

static void
is_active_cb (ConveneWindow *self,
              GParamSpec    *pspec,
              gpointer       user_data)
{
  /* The timer stands still while the computer sleeps: coming back to the
   * window is when it is most likely to be late.
   */
  if (gtk_window_is_active (GTK_WINDOW (self)))
    convene_upcoming_refresh (self->upcoming);
}

static void
row_activated_cb (ConveneWindow *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  ConveneSidebarRow *sidebar_row;
  const char *page;
  const char *target;

  if (!CONVENE_IS_SIDEBAR_ROW (row))
    return;

  sidebar_row = CONVENE_SIDEBAR_ROW (row);
  page = convene_sidebar_row_get_page (sidebar_row);
  target = convene_sidebar_row_get_target (sidebar_row);

  if (g_strcmp0 (page, PAGE_GROUP) == 0)
    show_group (self, target, TRUE);
  else if (g_strcmp0 (page, PAGE_PERSON) == 0)
    show_person (self, target, TRUE);
  else if (g_strcmp0 (page, PAGE_PEOPLE) == 0)
    show_people (self, TRUE);
  else
    {
      show_overview (self, TRUE);
      remember_group (self, NULL);
    }
}

static void
search_changed_cb (ConveneWindow  *self,
                   GtkSearchEntry *entry)
{
  set_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (ConveneWindow  *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);
  const char *shown = gtk_stack_get_visible_child_name (self->sidebar_stack);

  if (first != NULL && g_strcmp0 (shown, "results") == 0)
    row_activated_cb (self, first, self->results_list);
}

static void
search_mode_cb (ConveneWindow *self,
                GParamSpec    *pspec,
                GtkSearchBar  *search_bar)
{
  if (gtk_search_bar_get_search_mode (search_bar))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  /* Escape leaves the user where they were in the sidebar. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->sidebar_list)))
    {
      GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->sidebar_list);

      if (selected != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (selected));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
    }
}

static void
leaflet_folded_cb (ConveneWindow *self,
                   GParamSpec    *pspec,
                   AdwLeaflet    *leaflet)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  const char *target = NULL;

  /* A folded sidebar is a list to pick from, not a selection to keep. */
  if (adw_leaflet_get_folded (leaflet))
    {
      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
      gtk_list_box_set_selection_mode (self->results_list, GTK_SELECTION_NONE);
      return;
    }

  gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_selection_mode (self->results_list, GTK_SELECTION_SINGLE);

  if (g_strcmp0 (page, PAGE_GROUP) == 0 && convene_group_page_get_group (self->group_page))
    target = convene_group_get_id (convene_group_page_get_group (self->group_page));

  select_sidebar_row (self, page, target);
}

/* Vfuncs */

static gboolean
convene_window_close_request (GtkWindow *window)
{
  ConveneWindow *self = CONVENE_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      /* The settings are the application's, shared with every window:
       * written directly, not through g_settings_delay().
       */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (convene_window_parent_class)->close_request (window);
}

/* The pages hand the cache on to their rows and avatars. */
static void
push_avatar_cache (ConveneWindow *self)
{
  g_object_set (self->group_page, "avatar-cache", self->avatar_cache, NULL);
  g_object_set (self->people_page, "avatar-cache", self->avatar_cache, NULL);
  g_object_set (self->person_page, "avatar-cache", self->avatar_cache, NULL);
}

static void
store_changed_cb (ConveneWindow        *self,
                  GParamSpec           *pspec,
                  ConveneRegistryStore *store)
{
  sync_with_store (self);
}

static void
convene_window_constructed (GObject *object)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  G_OBJECT_CLASS (convene_window_parent_class)->constructed (object);

  g_assert (CONVENE_IS_CONTEXT (self->context));

  self->store = g_object_ref (convene_context_get_store (self->context));
  self->upcoming = g_object_ref (convene_context_get_upcoming (self->context));
  g_set_object (&self->settings, convene_context_get_settings (self->context));
  g_set_object (&self->avatar_cache, convene_context_get_avatar_cache (self->context));
  push_avatar_cache (self);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  g_signal_connect_object (self->upcoming, "changed",
                           G_CALLBACK (upcoming_changed_cb), self, G_CONNECT_SWAPPED);
  convene_group_page_set_upcoming (self->group_page, self->upcoming);
  convene_overview_page_set_upcoming (self->overview_page, self->upcoming);

  g_signal_connect_object (self->store, "notify::registry",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::error",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Come back to the group of last time, now or when the registry file
   * the store is loading comes; `--group` overrides this later.
   */
  self->last_group_pending = TRUE;
  sync_with_store (self);
}

static void
convene_window_dispose (GObject *object)
{
  ConveneWindow *self = (ConveneWindow *)object;

  g_cancellable_cancel (self->cancellable);
  close_file_chooser (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_WINDOW);

  g_clear_object (&self->results);
  g_clear_object (&self->group_results);
  g_clear_object (&self->person_results);
  g_clear_object (&self->sorted_people);
  g_clear_object (&self->group_filter);
  g_clear_object (&self->person_filter);
  g_clear_object (&self->registry);
  g_clear_object (&self->avatar_cache);
  g_clear_object (&self->settings);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (convene_window_parent_class)->dispose (object);
}

static void
convene_window_finalize (GObject *object)
{
  ConveneWindow *self = (ConveneWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (convene_window_parent_class)->finalize (object);
}

static void
convene_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_REGISTRY:
      convene_window_set_registry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_window_class_init (ConveneWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = convene_window_constructed;
  object_class->dispose = convene_window_dispose;
  object_class->finalize = convene_window_finalize;
  object_class->get_property = convene_window_get_property;
  object_class->set_property = convene_window_set_property;

  window_class->close_request = convene_window_close_request;

  /**
   * ConveneWindow:context:
   *
   * The store, clock, avatar cache, launcher and settings the window and
   * its pages use.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CONVENE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneWindow:registry:
   *
   * The registry shown; %NULL while none is loaded or after one failed.
   */
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONVENE_TYPE_GROUP_PAGE);
  g_type_ensure (CONVENE_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CONVENE_TYPE_PEOPLE_PAGE);
  g_type_ensure (CONVENE_TYPE_PERSON_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, group_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, person_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, reload_spinner);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);

  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.copy-uri", "s", copy_uri_action);
  gtk_widget_class_install_action (widget_class, "win.show-group", "s", show_group_action);
  gtk_widget_class_install_action (widget_class, "win.show-person", "s", show_person_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.show-people", NULL, show_people_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.join-meeting", "s", join_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.open-meeting-calendar", "s",
                                   open_meeting_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.export-meeting", "s", export_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.export-all-meetings", NULL,
                                   export_all_meetings_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_j, GDK_CONTROL_MASK,
                                join_current_meeting_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}

static void
convene_window_init (ConveneWindow *self)
{
  GtkExpression *name;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-meetings", FALSE);

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  gtk_list_box_set_header_func (self->results_list, results_header_func, NULL, NULL);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->sidebar));

  /* The results are the groups, then the people, that match every term.
   * The filter models work incrementally so a large registry never blocks
   * typing.
   */
  self->group_filter = gtk_custom_filter_new (group_filter_func, self, NULL);
  self->person_filter = gtk_custom_filter_new (person_filter_func, self, NULL);
  self->group_results = gtk_filter_list_model_new (NULL,
                                                   g_object_ref (GTK_FILTER (self->group_filter)));
  gtk_filter_list_model_set_incremental (self->group_results, TRUE);

  name = gtk_property_expression_new (CONVENE_TYPE_PERSON, NULL, "name");
  self->sorted_people = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_string_sorter_new (name)));
  self->person_results =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted_people)),
                               g_object_ref (GTK_FILTER (self->person_filter)));
  gtk_filter_list_model_set_incremental (self->person_results, TRUE);

  {
    GListStore *sections = g_list_store_new (G_TYPE_LIST_MODEL);

    g_list_store_append (sections, self->group_results);
    g_list_store_append (sections, self->person_results);
    self->results = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  }

  g_signal_connect_object (self->results, "items-changed",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->group_results, "notify::pending",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_results, "notify::pending",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results),
                           create_result_row, self, NULL);

  show_overview (self, FALSE);
}

/* Public API */

/**
 * convene_window_new:
 * @application: the application that owns the window
 * @context: what the window uses; the registry of its store is shown, and
 *   shown again on every reload
 *
 * Returns: (transfer none): a new #ConveneWindow, owned by @application
 */
ConveneWindow *
convene_window_new (GtkApplication *application,
                    ConveneContext *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CONVENE_IS_CONTEXT (context), NULL);

  return g_object_new (CONVENE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * convene_window_get_registry:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none) (nullable): the registry shown
 */
ConveneRegistry *
convene_window_get_registry (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->registry;
}

/**
 * convene_window_set_registry:
 * @self: a #ConveneWindow
 * @registry: (nullable): the registry to show
 *
 * Shows @registry. The page shown stays if it still exists in @registry,
 * so a reload keeps the user where they were.
 */
void
convene_window_set_registry (ConveneWindow   *self,
                             ConveneRegistry *registry)
{
  g_autofree char *page = NULL;
  g_autofree char *target = NULL;
  ConveneCommunity *community = NULL;

  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (registry != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "browse");

  if (!g_set_object (&self->registry, registry))
    return;

  page = g_strdup (gtk_stack_get_visible_child_name (self->content_stack));
  if (g_strcmp0 (page, PAGE_GROUP) == 0 && convene_group_page_get_group (self->group_page))
    target = g_strdup (convene_group_get_id (convene_group_page_get_group (self->group_page)));
  else if (g_strcmp0 (page, PAGE_PERSON) == 0 && convene_person_page_get_person (self->person_page))
    target = g_strdup (convene_person_get_id (convene_person_page_get_person (self->person_page)));

  if (registry != NULL)
    community = convene_registry_get_community (registry);

  adw_window_title_set_title (self->sidebar_title,
                              community ? convene_community_get_name (community) : _("Convene"));
  adw_window_title_set_subtitle (self->sidebar_title, community ? _("Working Groups") : NULL);

  convene_upcoming_set_registry (self->upcoming, registry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-meetings", registry != NULL);

  gtk_filter_list_model_set_model (self->group_results, G_LIST_MODEL (registry));
  gtk_sort_list_model_set_model (self->sorted_people,
                                 registry ? convene_registry_get_people (registry) : NULL);

  rebuild_sidebar (self);
  convene_overview_page_set_registry (self->overview_page, registry);
  convene_people_page_set_registry (self->people_page, registry);
  convene_group_page_set_group (self->group_page, NULL, NULL);
  convene_person_page_set_person (self->person_page, NULL, NULL);

  restore_page (self, page, target);

  update_sidebar_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_window_show_group:
 * @self: a #ConveneWindow
 * @group_id: the id of a group of the registry
 *
 * Shows the page of a group. An unknown id shows the overview and a toast
 * that says so.
 *
 * Returns: %TRUE if the group exists
 */
gboolean
convene_window_show_group (ConveneWindow *self,
                           const char    *group_id)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  if (show_group (self, group_id, TRUE))
    return TRUE;

  if (self->registry != NULL)
    {
      /* Translators: %s is the id of a working group given on the command line */
      g_autofree char *text = g_strdup_printf (_("No group “%s”"), group_id);

      show_overview (self, TRUE);
      convene_window_add_toast (self, text);
    }

  return FALSE;
}

/**
 * convene_window_show_person:
 * @self: a #ConveneWindow
 * @person_id: the id of a person of the registry
 *
 * Returns: %TRUE if the person exists and is shown
 */
gboolean
convene_window_show_person (ConveneWindow *self,
                            const char    *person_id)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (person_id != NULL, FALSE);

  return show_person (self, person_id, TRUE);
}

void
convene_window_show_overview (ConveneWindow *self)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  show_overview (self, TRUE);
  remember_group (self, NULL);
}

void
convene_window_show_people (ConveneWindow *self)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  if (self->registry != NULL)
    show_people (self, TRUE);
}

/**
 * convene_window_get_page:
 * @self: a #ConveneWindow
 *
 * Returns: what the window shows: "overview", "group", "people", "person",
 *   "error" when the registry failed to load, or "loading" while the first
 *   registry of a file loads
 */
const char *
convene_window_get_page (ConveneWindow *self)
{
  const char *main_page;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);

  main_page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (main_page, PAGE_ERROR) == 0 || g_strcmp0 (main_page, PAGE_LOADING) == 0)
    return main_page;

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * convene_window_get_group:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none) (nullable): the group shown, if the group page
 *   is shown
 */
ConveneGroup *
convene_window_get_group (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);

  if (g_strcmp0 (convene_window_get_page (self), PAGE_GROUP) != 0)
    return NULL;

  return convene_group_page_get_group (self->group_page);
}

/**
 * convene_window_add_toast:
 * @self: a #ConveneWindow
 * @text: the message, plain text
 *
 * Tells the user something briefly.
 */
void
convene_window_add_toast (ConveneWindow *self,
                          const char    *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* AdwToast takes its title as markup. */
  markup = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
}

/**
 * convene_window_get_avatar_cache:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none) (nullable): where the window's avatars come
 *   from; %NULL when avatars are not loaded
 */
ConveneAvatarCache *
convene_window_get_avatar_cache (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->avatar_cache;
}

/**
 * convene_window_set_avatar_cache:
 * @self: a #ConveneWindow
 * @cache: (nullable): the cache to load avatars from, or %NULL to show
 *   initials only
 *
 * Replaces the default avatar cache; avatars are asked for when they are
 * first shown, so call this before presenting the window.
 */
void
convene_window_set_avatar_cache (ConveneWindow      *self,
                                 ConveneAvatarCache *cache)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (cache == NULL || CONVENE_IS_AVATAR_CACHE (cache));

  g_set_object (&self->avatar_cache, cache);
  push_avatar_cache (self);
}

/**
 * convene_window_get_last_toast:
 * @self: a #ConveneWindow
 *
 * Returns: (nullable): the text of the most recent toast
 */
const char *
convene_window_get_last_toast (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/**
 * convene_window_get_upcoming:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none): the clock of the window's meetings: their
 *   states, the week ahead, and the one timer that keeps them current
 */
ConveneUpcoming *
convene_window_get_upcoming (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->upcoming;
}
