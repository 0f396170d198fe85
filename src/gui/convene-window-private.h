/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "convene-group-page.h"
#include "convene-my-week-page.h"
#include "convene-overview-page.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-window.h"

G_BEGIN_DECLS

/* The main window: a sidebar with the community's groups beside a page
 * for the selected one, folding into one pane on narrow screens. It takes
 * its registry from the store of its #ConveneContext and shows it again
 * whenever the store (re)loads one; a registry that failed to reload stays
 * shown with a strip that says so, and one that never loaded is replaced
 * by the problems found and a way out. While the store
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
  /* The toast with Cancel while a URL being opened downloads. */
  AdwToast *download_toast;
  /* The registry the window first met is still loading: the group of
   * last time is shown when it comes.
   */
  gboolean last_group_pending;
  /* Registries (convene-window-registries.c): a switch is under way, so
   * only the new registry's own last group counts; Cancel was pressed on
   * the loading page; the refresh under way is the daily check's.
   */
  gboolean switching;
  gboolean load_cancelled;
  gboolean refresh_automatic;
  guint daily_check_id;
  guint first_check_id;
  GtkListBox *registries_list;
  GtkMenuButton *registries_button;

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
  gboolean search_stale;
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

  /* Where Back goes: the pages shown before the one shown, newest
   * first, each a #ConveneWindowPlace; only pages opened from another
   * page are remembered, the sidebar starts afresh.
   */
  GQueue history;
  /* The sidebar row that had the focus, so that the arrows show the page
   * of the row they move to (GTK_INVALID_LIST_POSITION: none had it).
   */
  guint sidebar_focus_position;

  GtkWidget *back_button;
  GtkStack *content_stack;
  AdwWindowTitle *content_title;
  GtkLabel *error_label;
  GtkButton *error_show_all;
  AdwStatusPage *error_page;
  ConveneGroupPage *group_page;
  AdwLeaflet *leaflet;
  AdwStatusPage *loading_page;
  GtkSpinner *loading_spinner;
  GtkStack *main_stack;
  ConveneOverviewPage *overview_page;
  ConvenePeoplePage *people_page;
  ConvenePersonPage *person_page;
  GtkLabel *problems_label;
  GtkRevealer *problems_revealer;
  GtkSpinner *reload_spinner;
  GtkListView *results_view;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkBox *sidebar;
  GtkListView *sidebar_view;
  GtkStack *sidebar_stack;
  /* Starred groups (convene-window-stars.c) */
  GtkButton *star_button;
  GtkFilterListModel *starred_heading;
  GtkCustomFilter *starred_heading_filter;
  GtkFilterListModel *starred_groups;
  GtkCustomFilter *starred_filter;
  gulong stars_changed_id;
  /* My Week (convene-window-my-week.c) */
  ConveneMyWeekPage *my_week_page;
  GCancellable *my_week_cancellable;
  guint my_week_tick_id;
  gboolean my_week_pending;
  AdwWindowTitle *sidebar_title;
  AdwToastOverlay *toast_overlay;
};

/* A page of the window's history */
typedef struct
{
  char *page;
  char *target;
} ConveneWindowPlace;

/* Back goes this many pages back at most. */
#define HISTORY_MAX 50

#define PAGE_OVERVIEW "overview"
#define PAGE_GROUP    "group"
#define PAGE_PEOPLE   "people"
#define PAGE_PERSON   "person"
#define PAGE_MY_WEEK  "my-week"
#define PAGE_ERROR    "error"
#define PAGE_LOADING  "loading"

/* convene-window-pages.c */
void     _convene_window_show_overview       (ConveneWindow  *self,
                                              gboolean        navigate);
gboolean _convene_window_show_group          (ConveneWindow  *self,
                                              const char     *group_id,
                                              gboolean        navigate);
void     _convene_window_show_people         (ConveneWindow  *self,
                                              gboolean        navigate);
gboolean _convene_window_show_person         (ConveneWindow  *self,
                                              const char     *person_id,
                                              gboolean        navigate);
void     _convene_window_set_page            (ConveneWindow  *self,
                                              const char     *page,
                                              const char     *target,
                                              const char     *title,
                                              gboolean        navigate);
void     _convene_window_remember_group      (ConveneWindow  *self,
                                              const char     *group_id);
gboolean _convene_window_is_folded           (ConveneWindow  *self);
void     _convene_window_restore_page        (ConveneWindow  *self,
                                              const char     *page,
                                              const char     *target);
gboolean _convene_window_navigate            (ConveneWindow  *self,
                                              const char     *page,
                                              const char     *target);
void     _convene_window_push_history        (ConveneWindow  *self);
void     _convene_window_place_free          (ConveneWindowPlace *place);
void     _convene_window_clear_history       (ConveneWindow  *self);
gboolean _convene_window_go_back             (ConveneWindow  *self);
void     _convene_window_update_back_button  (ConveneWindow  *self);
void     _convene_window_focus_page          (ConveneWindow  *self);
gboolean _convene_window_focus_in_sidebar    (ConveneWindow  *self);

/* convene-window-registry.c */
void     _convene_window_sync_with_store     (ConveneWindow  *self);
void     _convene_window_init_registry       (ConveneWindow  *self);
void     _convene_window_class_init_registry (GtkWidgetClass *widget_class);

/* convene-window-sidebar.c */
void     _convene_window_select_sidebar_row  (ConveneWindow  *self,
                                              const char     *page,
                                              const char     *target);
void     _convene_window_set_sidebar_groups  (ConveneWindow  *self);
void     _convene_window_set_search_registry (ConveneWindow  *self);
void     _convene_window_update_sidebar_stack (ConveneWindow *self);
void     _convene_window_activate_item       (ConveneWindow  *self,
                                              GListModel     *model,
                                              guint           position,
                                              gboolean        navigate);
void     _convene_window_init_sidebar        (ConveneWindow  *self);
void     _convene_window_dispose_sidebar     (ConveneWindow  *self);
void     _convene_window_class_init_sidebar  (GtkWidgetClass *widget_class);

/* convene-window-registries.c */
void     _convene_window_setup_registries    (ConveneWindow  *self);
void     _convene_window_update_registries   (ConveneWindow  *self);
void     _convene_window_dispose_registries  (ConveneWindow  *self);
void     _convene_window_class_init_registries (GtkWidgetClass *widget_class);
char    *_convene_window_dup_last_group      (ConveneWindow  *self);
void     _convene_window_mark_stale_rows     (ConveneWindow  *self,
                                              GtkWidget      *root);
void     _convene_window_remember_registry_group (ConveneWindow *self,
                                              const char     *group_id);

/* convene-window-keyboard.c */
void     _convene_window_init_keyboard       (ConveneWindow  *self);
void     _convene_window_class_init_keyboard (GtkWidgetClass *widget_class);

/* convene-window-stars.c */
void     _convene_window_class_init_stars    (GtkWidgetClass *widget_class);
void     _convene_window_init_stars          (ConveneWindow  *self);
void     _convene_window_update_stars        (ConveneWindow  *self);
guint    _convene_window_get_stars_offset    (ConveneWindow  *self);
void     _convene_window_dispose_stars       (ConveneWindow  *self);
void     _convene_window_stars_attach_row_menu (ConveneWindow *self,
                                                GtkWidget     *widget);

/* convene-window-my-week.c */
void     _convene_window_show_my_week        (ConveneWindow  *self,
                                              gboolean        navigate);
void     _convene_window_dispose_my_week     (ConveneWindow  *self);

/* convene-window-actions.c */
void     _convene_window_close_file_chooser  (ConveneWindow  *self);
void     _convene_window_class_init_actions  (GtkWidgetClass *widget_class);

G_END_DECLS
