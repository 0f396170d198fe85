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
#include "convene-search-hit.h"
#include "convene-sidebar-item.h"
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

  /* The sidebar: Overview, a heading, the registry's groups, People, as
   * one flattened model whose second-to-last section is the registry.
   */
  GListStore *sidebar_sections;
  GtkSingleSelection *sidebar_selection;

  /* Search: the normalized terms, and the pipeline the results list
   * shows: the registry's groups and people, filtered, mapped to hits
   * (the item and why it matched), each run under a heading that shows
   * only while the run has items.
   */
  char **terms;
  char *query;
  GtkCustomFilter *group_filter;
  GtkCustomFilter *person_filter;
  GtkFilterListModel *group_results;
  GtkFilterListModel *person_results;
  GtkSortListModel *sorted_people;
  GtkMapListModel *group_hits;
  GtkMapListModel *person_hits;
  GtkFilterListModel *group_heading;
  GtkFilterListModel *person_heading;
  GtkFlattenListModel *results;
  GtkSingleSelection *results_selection;

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
  GtkListView *results_view;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkBox *sidebar;
  GtkListView *sidebar_view;
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

static gboolean
is_folded (ConveneWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

/* The position in the sidebar of a page: Overview, the heading, the
 * groups, People.
 */
static guint
find_sidebar_position (ConveneWindow *self,
                       const char    *page,
                       const char    *target)
{
  guint n_groups = self->registry ? g_list_model_get_n_items (G_LIST_MODEL (self->registry)) : 0;
  guint position;

  if (self->registry == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (g_strcmp0 (page, PAGE_OVERVIEW) == 0)
    return 0;

  if (g_strcmp0 (page, PAGE_PEOPLE) == 0 || g_strcmp0 (page, PAGE_PERSON) == 0)
    return 2 + n_groups;

  if (g_strcmp0 (page, PAGE_GROUP) == 0 && target != NULL &&
      convene_registry_find_group_position (self->registry, target, &position))
    return 2 + position;

  return GTK_INVALID_LIST_POSITION;
}

static void
select_sidebar_row (ConveneWindow *self,
                    const char    *page,
                    const char    *target)
{
  /* A folded sidebar is a list to pick from, not a selection to keep. */
  if (is_folded (self))
    {
      gtk_single_selection_set_selected (self->sidebar_selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  gtk_single_selection_set_selected (self->sidebar_selection,
                                     find_sidebar_position (self, page, target));
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

/* Rows: one factory for both lists. A list item holds a heading label
 * and a #ConveneSidebarRow; a heading item shows the one, anything else
 * the other. Rows follow the clock themselves.
 */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ConveneWindow            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (heading, "sidebar-heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), convene_sidebar_row_new (self->upcoming));
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ConveneWindow            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = gtk_widget_get_first_child (box);
  ConveneSidebarRow *row = CONVENE_SIDEBAR_ROW (gtk_widget_get_next_sibling (heading));
  GObject *object = gtk_list_item_get_item (item);
  gboolean is_heading = CONVENE_IS_SIDEBAR_ITEM (object) &&
                        convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (object)) ==
                        CONVENE_SIDEBAR_ITEM_HEADING;

  gtk_list_item_set_selectable (item, !is_heading);
  gtk_list_item_set_activatable (item, !is_heading);
  gtk_widget_set_visible (heading, is_heading);
  gtk_widget_set_visible (GTK_WIDGET (row), !is_heading);

  if (is_heading)
    {
      gtk_label_set_label (GTK_LABEL (heading),
                           convene_sidebar_item_get_title (CONVENE_SIDEBAR_ITEM (object)));
      convene_sidebar_row_set_item (row, NULL, NULL);
    }
  else if (CONVENE_IS_SEARCH_HIT (object))
    {
      convene_sidebar_row_set_item (row, convene_search_hit_get_item (CONVENE_SEARCH_HIT (object)),
                                    convene_search_hit_get_subtitle (CONVENE_SEARCH_HIT (object)));
    }
  else
    {
      convene_sidebar_row_set_item (row, object, NULL);
    }
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ConveneWindow            *self)
{
  GtkWidget *heading = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  convene_sidebar_row_set_item (CONVENE_SIDEBAR_ROW (gtk_widget_get_next_sibling (heading)),
                                NULL, NULL);
}

static GtkListItemFactory *
create_row_factory (ConveneWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (row_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (row_unbind_cb), self, 0);
  return factory;
}

static GListModel *
single_item_model (ConveneSidebarItemKind  kind,
                   const char             *title,
                   const char             *icon_name)
{
  GListStore *store = g_list_store_new (CONVENE_TYPE_SIDEBAR_ITEM);
  g_autoptr(ConveneSidebarItem) item = convene_sidebar_item_new (kind, title, icon_name);

  g_list_store_append (store, item);
  return G_LIST_MODEL (store);
}

/* The groups' section of the sidebar is the registry itself. */
static void
set_sidebar_groups (ConveneWindow *self)
{
  g_autoptr(GListModel) empty = G_LIST_MODEL (g_list_store_new (CONVENE_TYPE_GROUP));
  GListModel *groups = self->registry ? G_LIST_MODEL (self->registry) : empty;
  gpointer sections[] = { groups };

  g_list_store_splice (self->sidebar_sections, 2, 1, sections, 1);
}

/* The item shown at @position of @model: a group, a person or an entry. */
static void
activate_item (ConveneWindow *self,
               GListModel    *model,
               guint          position)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, position);
  GObject *item = object;

  if (CONVENE_IS_SEARCH_HIT (object))
    item = convene_search_hit_get_item (CONVENE_SEARCH_HIT (object));

  if (CONVENE_IS_GROUP (item))
    show_group (self, convene_group_get_id (CONVENE_GROUP (item)), TRUE);
  else if (CONVENE_IS_PERSON (item))
    show_person (self, convene_person_get_id (CONVENE_PERSON (item)), TRUE);
  else if (CONVENE_IS_SIDEBAR_ITEM (item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_PEOPLE)
    show_people (self, TRUE);
  else if (CONVENE_IS_SIDEBAR_ITEM (item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_OVERVIEW)
    {
      show_overview (self, TRUE);
      remember_group (self, NULL);
    }
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

static gpointer
map_to_hit (gpointer item,
            gpointer user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (user_data);
  ConveneSearchHit *hit = convene_search_hit_new (G_OBJECT (item),
                                                  (const char * const *)self->terms);

  g_object_unref (item);
  return hit;
}

/* Rows that survive a change of the query keep their hit; what matched
 * may have changed all the same: map again (only bound rows rebind).
 */
static void
update_hits (ConveneWindow *self)
{
  gtk_map_list_model_set_map_func (self->group_hits, map_to_hit, self, NULL);
  gtk_map_list_model_set_map_func (self->person_hits, map_to_hit, self, NULL);
}

static gboolean
heading_filter_func (gpointer item,
                     gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (user_data)) > 0;
}

static GtkFilterListModel *
create_heading_model (ConveneWindow *self,
                      const char    *title,
                      GListModel    *run)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (heading_filter_func, run, NULL);
  GtkFilterListModel *heading;

  heading = gtk_filter_list_model_new (single_item_model (CONVENE_SIDEBAR_ITEM_HEADING, title, NULL),
                                       GTK_FILTER (filter));
  g_signal_connect_object (run, "items-changed", G_CALLBACK (gtk_filter_changed), filter,
                           G_CONNECT_SWAPPED);
  return heading;
}

static void
update_sidebar_stack (ConveneWindow *self)
{
  const char *name;

  if (self->terms == NULL || self->terms[0] == NULL)
    name = "browse";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->group_results)) > 0 ||
           g_list_model_get_n_items (G_LIST_MODEL (self->person_results)) > 0)
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

  update_hits (self);
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
sidebar_activate_cb (ConveneWindow *self,
                     guint          position,
                     GtkListView   *view)
{
  activate_item (self, G_LIST_MODEL (self->sidebar_selection), position);
}

static void
results_activate_cb (ConveneWindow *self,
                     guint          position,
                     GtkListView   *view)
{
  activate_item (self, G_LIST_MODEL (self->results_selection), position);
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
  GListModel *results = G_LIST_MODEL (self->results);
  const char *shown = gtk_stack_get_visible_child_name (self->sidebar_stack);
  guint n = g_list_model_get_n_items (results);

  if (g_strcmp0 (shown, "results") != 0)
    return;

  /* The first result: the first item that is not a heading. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);

      if (CONVENE_IS_SEARCH_HIT (item))
        {
          activate_item (self, results, i);
          return;
        }
    }
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
  if (gtk_widget_get_mapped (GTK_WIDGET (self->sidebar_view)))
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_view));
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
    gtk_single_selection_set_selected (self->results_selection, GTK_INVALID_LIST_POSITION);

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

  g_clear_object (&self->results_selection);
  g_clear_object (&self->results);
  g_clear_object (&self->group_heading);
  g_clear_object (&self->person_heading);
  g_clear_object (&self->group_hits);
  g_clear_object (&self->person_hits);
  g_clear_object (&self->sidebar_selection);
  g_clear_object (&self->sidebar_sections);
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
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activate_cb);
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
  GtkListItemFactory *factory;
  GtkExpression *name;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-meetings", FALSE);

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

  self->group_hits = gtk_map_list_model_new (g_object_ref (G_LIST_MODEL (self->group_results)),
                                             map_to_hit, self, NULL);
  self->person_hits = gtk_map_list_model_new (g_object_ref (G_LIST_MODEL (self->person_results)),
                                              map_to_hit, self, NULL);
  self->group_heading = create_heading_model (self, _("Working Groups"),
                                              G_LIST_MODEL (self->group_results));
  self->person_heading = create_heading_model (self, _("People"),
                                               G_LIST_MODEL (self->person_results));
  {
    GListStore *sections = g_list_store_new (G_TYPE_LIST_MODEL);

    g_list_store_append (sections, self->group_heading);
    g_list_store_append (sections, self->group_hits);
    g_list_store_append (sections, self->person_heading);
    g_list_store_append (sections, self->person_hits);
    self->results = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  }

  g_signal_connect_object (self->results, "items-changed",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->group_results, "notify::pending",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_results, "notify::pending",
                           G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);

  self->results_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);
  factory = create_row_factory (self);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));

  /* The sidebar: Overview, a heading, the groups (set with the
   * registry), People.
   */
  self->sidebar_sections = g_list_store_new (G_TYPE_LIST_MODEL);
  {
    g_autoptr(GListModel) overview = single_item_model (CONVENE_SIDEBAR_ITEM_OVERVIEW,
                                                        _("Overview"), "go-home-symbolic");
    g_autoptr(GListModel) heading = single_item_model (CONVENE_SIDEBAR_ITEM_HEADING,
                                                       _("Working Groups"), NULL);
    g_autoptr(GListModel) groups = G_LIST_MODEL (g_list_store_new (CONVENE_TYPE_GROUP));
    g_autoptr(GListModel) people = single_item_model (CONVENE_SIDEBAR_ITEM_PEOPLE,
                                                      _("People"), "system-users-symbolic");

    g_list_store_append (self->sidebar_sections, overview);
    g_list_store_append (self->sidebar_sections, heading);
    g_list_store_append (self->sidebar_sections, groups);
    g_list_store_append (self->sidebar_sections, people);
  }
  self->sidebar_selection = gtk_single_selection_new (
    G_LIST_MODEL (gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sidebar_sections)))));
  gtk_single_selection_set_autoselect (self->sidebar_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->sidebar_selection, TRUE);
  factory = create_row_factory (self);
  gtk_list_view_set_factory (self->sidebar_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->sidebar_view, GTK_SELECTION_MODEL (self->sidebar_selection));

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

  set_sidebar_groups (self);
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
 * convene_window_get_sidebar_model:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none): what the sidebar lists: #ConveneSidebarItem
 *   entries (Overview, a heading, People) around the #ConveneGroup items of
 *   the registry
 */
GListModel *
convene_window_get_sidebar_model (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sidebar_selection);
}

/**
 * convene_window_get_search_results:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none): what the search results list: a heading
 *   (#ConveneSidebarItem) before each run of #ConveneSearchHit items, groups
 *   first, then people
 */
GListModel *
convene_window_get_search_results (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->results);
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
