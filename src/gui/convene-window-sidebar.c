/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-group-page.h"
#include "convene-search.h"
#include "convene-search-hit.h"
#include "convene-sidebar-item.h"
#include "convene-sidebar-row.h"
#include "convene-window-private.h"

/* The window's sidebar and search: the list of Overview, the groups and
 * People, and the results of a query, both GtkListViews over models
 * (see the comments on the fields in convene-window-private.h), with the
 * callbacks of the search bar and of the leaflet folding.
 */

/* Selection */

/* The position in the sidebar of a page: Overview, the heading, the
 * groups, People.
 */
static guint
find_sidebar_position (ConveneWindow *self,
                       const char    *page,
                       const char    *target)
{
  guint n_groups = self->registry ? g_list_model_get_n_items (G_LIST_MODEL (self->registry)) : 0;
  guint starred = _convene_window_get_stars_offset (self);
  guint position;

  if (self->registry == NULL)
    return GTK_INVALID_LIST_POSITION;

  if (g_strcmp0 (page, PAGE_OVERVIEW) == 0)
    return starred;

  /* My Week is first, while it shows in the sidebar */
  if (g_strcmp0 (page, PAGE_MY_WEEK) == 0)
    return starred > 0 ? 0 : GTK_INVALID_LIST_POSITION;

  if (g_strcmp0 (page, PAGE_PEOPLE) == 0 || g_strcmp0 (page, PAGE_PERSON) == 0)
    return starred + 2 + n_groups;

  if (g_strcmp0 (page, PAGE_GROUP) == 0 && target != NULL &&
      convene_registry_find_group_position (self->registry, target, &position))
    return starred + 2 + position;

  return GTK_INVALID_LIST_POSITION;
}

void
_convene_window_select_sidebar_row (ConveneWindow *self,
                    const char    *page,
                    const char    *target)
{
  /* A folded sidebar is a list to pick from, not a selection to keep. */
  if (_convene_window_is_folded (self))
    {
      gtk_single_selection_set_selected (self->sidebar_selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  gtk_single_selection_set_selected (self->sidebar_selection,
                                     find_sidebar_position (self, page, target));
}

/* Rows: one factory for both lists. A list item holds a heading label
 * and a #ConveneSidebarRow; a heading item shows the one, anything else
 * the other. Rows follow the clock themselves.
 */

/* The list item, not the heading, is what a screen reader reads (see
 * ConveneSidebarRow): it takes the heading's title, now or once the
 * box is put in it.
 */
static void
heading_parent_cb (GtkWidget *box)
{
  GtkWidget *heading = gtk_widget_get_first_child (box);
  GtkWidget *item = gtk_widget_get_parent (box);

  if (item != NULL && gtk_widget_get_visible (heading))
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_label (GTK_LABEL (heading)),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, NULL,
                                    -1);
}

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
  g_signal_connect (box, "notify::parent", G_CALLBACK (heading_parent_cb), NULL);
  /* Which row has the focus: see focus_widget_cb(). */
  g_object_set_data (G_OBJECT (box), "convene-list-item", item);
  _convene_window_stars_attach_row_menu (self, box);
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
      const char *title = convene_sidebar_item_get_title (CONVENE_SIDEBAR_ITEM (object));

      gtk_label_set_label (GTK_LABEL (heading), title);
      convene_sidebar_row_set_item (row, NULL, NULL);
      heading_parent_cb (box);
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
void
_convene_window_set_sidebar_groups (ConveneWindow *self)
{
  g_autoptr(GListModel) empty = G_LIST_MODEL (g_list_store_new (CONVENE_TYPE_GROUP));
  GListModel *groups = self->registry ? G_LIST_MODEL (self->registry) : empty;
  gpointer sections[] = { groups };

  g_list_store_splice (self->sidebar_sections, 4, 1, sections, 1);
  _convene_window_update_stars (self);
}

/* The item shown at @position of @model: a group, a person or an entry. */
void
_convene_window_activate_item (ConveneWindow *self,
                               GListModel    *model,
                               guint          position,
                               gboolean       navigate)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, position);
  GObject *item = object;

  if (CONVENE_IS_SEARCH_HIT (object))
    item = convene_search_hit_get_item (CONVENE_SEARCH_HIT (object));

  /* The sidebar and the results start a new history. */
  _convene_window_clear_history (self);

  if (CONVENE_IS_GROUP (item))
    _convene_window_show_group (self, convene_group_get_id (CONVENE_GROUP (item)), navigate);
  else if (CONVENE_IS_PERSON (item))
    _convene_window_show_person (self, convene_person_get_id (CONVENE_PERSON (item)), navigate);
  else if (CONVENE_IS_SIDEBAR_ITEM (item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_PEOPLE)
    _convene_window_show_people (self, navigate);
  else if (CONVENE_IS_SIDEBAR_ITEM (item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_MY_WEEK)
    _convene_window_show_my_week (self, navigate);
  else if (CONVENE_IS_SIDEBAR_ITEM (item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_OVERVIEW)
    {
      _convene_window_show_overview (self, navigate);
      _convene_window_remember_group (self, NULL);
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

static void
run_changed_cb (GtkFilter  *filter,
                guint       position,
                guint       removed,
                guint       added,
                GListModel *run)
{
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
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
  g_signal_connect_object (run, "items-changed", G_CALLBACK (run_changed_cb), filter,
                           G_CONNECT_SWAPPED);
  return heading;
}

void
_convene_window_update_sidebar_stack (ConveneWindow *self)
{
  const char *name;

  if (self->terms == NULL || self->terms[0] == NULL)
    name = "browse";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->group_results)) > 0 ||
           g_list_model_get_n_items (G_LIST_MODEL (self->person_results)) > 0)
    name = "results";
  else
    name = "empty";

  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}

/* A GtkListView keeps up to 200 rows, mapped or not: the list not shown
 * lets go of its rows, the sidebar while there is a query, the results
 * while there is none. Called when a query starts or ends, never from
 * the models' own signals.
 */
static void
sync_view_models (ConveneWindow *self)
{
  gboolean searching = self->terms != NULL && self->terms[0] != NULL;

  gtk_list_view_set_model (self->sidebar_view,
                           searching ? NULL : GTK_SELECTION_MODEL (self->sidebar_selection));
  gtk_list_view_set_model (self->results_view,
                           searching ? GTK_SELECTION_MODEL (self->results_selection) : NULL);
}

/* A new registry: the search looks at it from its first query on. */
void
_convene_window_set_search_registry (ConveneWindow *self)
{
  self->search_stale = TRUE;
  gtk_filter_list_model_set_model (self->group_results, NULL);
  gtk_sort_list_model_set_model (self->sorted_people, NULL);

  /* A query typed before the registry came applies to it. */
  if (self->terms != NULL && self->terms[0] != NULL)
    {
      self->search_stale = FALSE;
      gtk_filter_list_model_set_model (self->group_results, G_LIST_MODEL (self->registry));
      gtk_sort_list_model_set_model (self->sorted_people,
                                     self->registry ? convene_registry_get_people (self->registry)
                                                    : NULL);
    }
}

static void
set_query (ConveneWindow *self,
           const char    *text)
{
  g_autofree char *query = convene_search_normalize (text ? text : "");
  GtkFilterChange change;
  gboolean was_searching;

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

  was_searching = self->terms != NULL && self->terms[0] != NULL;
  g_strfreev (self->terms);
  self->terms = convene_search_split_query (text);
  g_free (self->query);
  self->query = g_steal_pointer (&query);

  if (was_searching != (self->terms[0] != NULL))
    sync_view_models (self);

  /* The first search of a registry gives the filters its groups and
   * people (sorting the people once): a registry that is never searched
   * never pays for it. Attaching filters them all.
   */
  if (self->search_stale && self->terms[0] != NULL)
    {
      self->search_stale = FALSE;
      gtk_filter_list_model_set_model (self->group_results, G_LIST_MODEL (self->registry));
      gtk_sort_list_model_set_model (self->sorted_people,
                                     self->registry ? convene_registry_get_people (self->registry)
                                                    : NULL);
    }
  else
    {
      gtk_filter_changed (GTK_FILTER (self->group_filter), change);
      gtk_filter_changed (GTK_FILTER (self->person_filter), change);
    }

  /* The results list lets go of its rows while the hits are mapped
   * again: GTK 4.8's list, told that a GtkMapListModel remapped items
   * its filter had just changed, finds the same item in two rows
   * ("Duplicate item detected in list", seen typing one key at a time,
   * never with a whole query set at once).
   */
  if (was_searching && self->terms[0] != NULL)
    gtk_list_view_set_model (self->results_view, NULL);
  update_hits (self);
  if (was_searching && self->terms[0] != NULL)
    gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));
  _convene_window_update_sidebar_stack (self);
}

static void
results_changed_cb (ConveneWindow *self)
{
  _convene_window_update_sidebar_stack (self);
}

/* Callbacks */

static void
sidebar_activate_cb (ConveneWindow *self,
                     guint          position,
                     GtkListView   *view)
{
  _convene_window_activate_item (self, G_LIST_MODEL (self->sidebar_selection), position, TRUE);

  /* Narrow, the sidebar has gone: the page takes the focus. */
  if (_convene_window_is_folded (self))
    _convene_window_focus_page (self);
}

/* A result opened: the user goes on on its page. */
static void
results_activate_cb (ConveneWindow *self,
                     guint          position,
                     GtkListView   *view)
{
  _convene_window_activate_item (self, G_LIST_MODEL (self->results_selection), position, TRUE);
  _convene_window_focus_page (self);
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
          _convene_window_activate_item (self, results, i, TRUE);
          _convene_window_focus_page (self);
          return;
        }
    }
}

static void
search_mode_cb (ConveneWindow *self,
                GParamSpec    *pspec,
                GtkSearchBar  *search_bar)
{
  /* Typing on a page of a narrow window searches in the sidebar. */
  if (gtk_search_bar_get_search_mode (search_bar))
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
      return;
    }

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

  if (g_strcmp0 (page, PAGE_GROUP) == 0 && self->group_page != NULL &&
      convene_group_page_get_group (self->group_page) != NULL)
    target = convene_group_get_id (convene_group_page_get_group (self->group_page));

  _convene_window_select_sidebar_row (self, page, target);
  _convene_window_update_back_button (self);
}

/* Setup */

void
_convene_window_init_sidebar (ConveneWindow *self)
{
  GtkListItemFactory *factory;
  GtkExpression *name;

  /* The results are the groups, then the people, that match every term.
   * Matching reads keys folded once per item (convene-search.c), so even
   * 30,000 items filter in milliseconds, at once rather than in batches
   * that each relayout the list.
   */
  self->group_filter = gtk_custom_filter_new (group_filter_func, self, NULL);
  self->person_filter = gtk_custom_filter_new (person_filter_func, self, NULL);
  self->group_results = gtk_filter_list_model_new (NULL,
                                                   g_object_ref (GTK_FILTER (self->group_filter)));

  name = gtk_property_expression_new (CONVENE_TYPE_PERSON, NULL, "name");
  self->sorted_people = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_string_sorter_new (name)));
  self->person_results =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted_people)),
                               g_object_ref (GTK_FILTER (self->person_filter)));

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

  self->results_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);
  factory = create_row_factory (self);
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);

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

    _convene_window_init_stars (self);
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
  sync_view_models (self);

  _convene_window_init_keyboard (self);
}

void
_convene_window_dispose_sidebar (ConveneWindow *self)
{
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
}

void
_convene_window_class_init_sidebar (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
}

/* Public API */

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
