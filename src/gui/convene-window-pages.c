/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-window-private.h"

/* The pages of the window's content: which one is shown, with what title,
 * and the sidebar row that goes with it. Only the overview is part of the
 * window's template; the other pages are made the first time they are
 * shown.
 */

/* The pages but the overview are made the first time they are shown: a
 * window that never shows People never builds it.
 */
static GtkWidget *
add_page (ConveneWindow *self,
          GtkWidget     *page,
          const char    *name)
{
  gtk_stack_add_named (self->content_stack, page, name);
  g_object_bind_property (self, "avatar-cache", page, "avatar-cache", G_BINDING_SYNC_CREATE);
  return page;
}

static ConveneGroupPage *
ensure_group_page (ConveneWindow *self)
{
  if (self->group_page == NULL)
    {
      self->group_page = CONVENE_GROUP_PAGE (add_page (self, convene_group_page_new (), PAGE_GROUP));
      convene_group_page_set_upcoming (self->group_page, self->upcoming);
    }

  return self->group_page;
}

static ConvenePeoplePage *
ensure_people_page (ConveneWindow *self)
{
  if (self->people_page == NULL)
    {
      self->people_page = CONVENE_PEOPLE_PAGE (add_page (self, convene_people_page_new (),
                                                         PAGE_PEOPLE));
      convene_people_page_set_registry (self->people_page, self->registry);
    }

  return self->people_page;
}

static ConvenePersonPage *
ensure_person_page (ConveneWindow *self)
{
  if (self->person_page == NULL)
    self->person_page = CONVENE_PERSON_PAGE (add_page (self, convene_person_page_new (),
                                                       PAGE_PERSON));

  return self->person_page;
}

gboolean
_convene_window_is_folded (ConveneWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

void
_convene_window_set_page (ConveneWindow *self,
                          const char    *page,
                          const char    *target,
                          const char    *title,
                          gboolean       navigate)
{
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  gtk_stack_set_visible_child_name (self->content_stack, page);
  adw_window_title_set_title (self->content_title, title);
  _convene_window_select_sidebar_row (self, page, target);

  if (navigate)
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
_convene_window_remember_group (ConveneWindow *self,
                                const char    *group_id)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-group", group_id ? group_id : "");
  _convene_window_remember_registry_group (self, group_id);
}

void
_convene_window_show_overview (ConveneWindow *self,
                               gboolean       navigate)
{
  ConveneCommunity *community = NULL;

  if (self->registry != NULL)
    community = convene_registry_get_community (self->registry);

  _convene_window_set_page (self, PAGE_OVERVIEW, NULL,
                            community ? convene_community_get_name (community) : _("Overview"),
                            navigate);
}

gboolean
_convene_window_show_group (ConveneWindow *self,
                            const char    *group_id,
                            gboolean       navigate)
{
  ConveneGroup *group = NULL;

  if (self->registry != NULL && group_id != NULL)
    group = convene_registry_lookup_group (self->registry, group_id);

  if (group == NULL)
    return FALSE;

  convene_group_page_set_group (ensure_group_page (self), group, self->registry);
  _convene_window_mark_stale_rows (self, GTK_WIDGET (self->group_page));
  _convene_window_set_page (self, PAGE_GROUP, group_id, convene_group_get_name (group), navigate);
  _convene_window_remember_group (self, group_id);
  return TRUE;
}

void
_convene_window_show_people (ConveneWindow *self,
                             gboolean       navigate)
{
  ensure_people_page (self);
  _convene_window_set_page (self, PAGE_PEOPLE, NULL, _("People"), navigate);
}

gboolean
_convene_window_show_person (ConveneWindow *self,
                             const char    *person_id,
                             gboolean       navigate)
{
  ConvenePerson *person = NULL;

  if (self->registry != NULL && person_id != NULL)
    person = convene_registry_lookup_person (self->registry, person_id);

  if (person == NULL)
    return FALSE;

  convene_person_page_set_person (ensure_person_page (self), person, self->registry);
  _convene_window_set_page (self, PAGE_PERSON, person_id, convene_person_get_name (person),
                            navigate);
  return TRUE;
}

/* Shows @page again after the registry changed, or the overview if what
 * it showed is gone.
 */
void
_convene_window_restore_page (ConveneWindow *self,
                              const char    *page,
                              const char    *target)
{
  if (g_strcmp0 (page, PAGE_GROUP) == 0 && _convene_window_show_group (self, target, FALSE))
    return;

  if (g_strcmp0 (page, PAGE_PERSON) == 0 && _convene_window_show_person (self, target, FALSE))
    return;

  if (g_strcmp0 (page, PAGE_MY_WEEK) == 0)
    _convene_window_show_my_week (self, FALSE);
  else if (g_strcmp0 (page, PAGE_PEOPLE) == 0 && self->registry != NULL)
    _convene_window_show_people (self, FALSE);
  else
    _convene_window_show_overview (self, FALSE);
}

/* History: Back returns to the page the user came from, as in Contacts
 * and Fractal. Opening a page from another page (a lead of a group, a
 * person of People) remembers the page left; choosing in the sidebar
 * starts afresh. The history is bounded: the oldest places are dropped.
 */

void
_convene_window_place_free (ConveneWindowPlace *place)
{
  g_free (place->page);
  g_free (place->target);
  g_free (place);
}

/* The id of what the page shown shows, if it shows one thing. */
static const char *
get_shown_target (ConveneWindow *self,
                  const char    *page)
{
  if (g_strcmp0 (page, PAGE_GROUP) == 0 && self->group_page != NULL &&
      convene_group_page_get_group (self->group_page) != NULL)
    return convene_group_get_id (convene_group_page_get_group (self->group_page));

  if (g_strcmp0 (page, PAGE_PERSON) == 0 && self->person_page != NULL &&
      convene_person_page_get_person (self->person_page) != NULL)
    return convene_person_get_id (convene_person_page_get_person (self->person_page));

  return NULL;
}

void
_convene_window_push_history (ConveneWindow *self)
{
  ConveneWindowPlace *place;
  const char *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") != 0)
    return;

  page = gtk_stack_get_visible_child_name (self->content_stack);
  if (page == NULL)
    return;

  place = g_new0 (ConveneWindowPlace, 1);
  place->page = g_strdup (page);
  place->target = g_strdup (get_shown_target (self, page));
  g_queue_push_head (&self->history, place);

  while (g_queue_get_length (&self->history) > HISTORY_MAX)
    _convene_window_place_free (g_queue_pop_tail (&self->history));

  _convene_window_update_back_button (self);
}

void
_convene_window_clear_history (ConveneWindow *self)
{
  g_queue_clear_full (&self->history, (GDestroyNotify)_convene_window_place_free);
  _convene_window_update_back_button (self);
}

static gboolean
show_place (ConveneWindow *self,
            const char    *page,
            const char    *target)
{
  if (g_strcmp0 (page, PAGE_GROUP) == 0)
    return _convene_window_show_group (self, target, TRUE);

  if (g_strcmp0 (page, PAGE_PERSON) == 0)
    return _convene_window_show_person (self, target, TRUE);

  if (g_strcmp0 (page, PAGE_PEOPLE) == 0)
    {
      if (self->registry == NULL)
        return FALSE;
      _convene_window_show_people (self, TRUE);
      return TRUE;
    }

  if (g_strcmp0 (page, PAGE_OVERVIEW) == 0)
    {
      _convene_window_show_overview (self, TRUE);
      return TRUE;
    }

  if (g_strcmp0 (page, PAGE_MY_WEEK) == 0)
    {
      _convene_window_show_my_week (self, TRUE);
      return TRUE;
    }

  return FALSE;
}

/* Shows the newest place of the history that still exists (a reload may
 * have taken some away). Returns: %FALSE if there was none.
 */
gboolean
_convene_window_go_back (ConveneWindow *self)
{
  ConveneWindowPlace *place;

  while ((place = g_queue_pop_head (&self->history)) != NULL)
    {
      gboolean shown = show_place (self, place->page, place->target);

      _convene_window_place_free (place);
      if (shown)
        {
          _convene_window_update_back_button (self);
          return TRUE;
        }
    }

  _convene_window_update_back_button (self);
  return FALSE;
}

/* Shows @page (and @target) for a win.show-* action. From a row of a page
 * (a lead of a group, a person of People, a group of a person) the page
 * left is remembered for Back, and the new page takes the focus, since
 * the row that had it is gone; from the sidebar, the history starts
 * afresh. Returns: %FALSE if there is no such page.
 */
gboolean
_convene_window_navigate (ConveneWindow *self,
                          const char    *page,
                          const char    *target)
{
  gboolean from_page = !_convene_window_focus_in_sidebar (self);
  ConveneWindowPlace *left;

  if (!from_page)
    {
      _convene_window_clear_history (self);
      return show_place (self, page, target);
    }

  _convene_window_push_history (self);
  if (!show_place (self, page, target))
    {
      if ((left = g_queue_pop_head (&self->history)) != NULL)
        _convene_window_place_free (left);
      _convene_window_update_back_button (self);
      return FALSE;
    }

  /* Nothing to go back to when the page did not change. */
  left = g_queue_peek_head (&self->history);
  if (left != NULL && g_strcmp0 (left->page, page) == 0 &&
      g_strcmp0 (left->target, get_shown_target (self, page)) == 0)
    _convene_window_place_free (g_queue_pop_head (&self->history));

  _convene_window_update_back_button (self);
  _convene_window_focus_page (self);
  return TRUE;
}

/* Narrow, Back returns to the sidebar at the latest; wide, there is a
 * Back only when there is somewhere to go back to.
 */
void
_convene_window_update_back_button (ConveneWindow *self)
{
  gtk_widget_set_visible (self->back_button,
                          _convene_window_is_folded (self) ||
                          !g_queue_is_empty (&self->history));
}

gboolean
_convene_window_focus_in_sidebar (ConveneWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar));
}

/* The page's first control takes the focus, as Tab would give it, once
 * the page is on screen: GTK only moves the focus to mapped widgets, and
 * orders them by where they are.
 */
static gboolean
focus_page_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  guint *frames = user_data;

  if (page == NULL)
    return G_SOURCE_REMOVE;

  /* A page made just now is laid out in the frame after next. */
  if ((!gtk_widget_get_mapped (page) || gtk_widget_get_width (page) == 0) && ++*frames < 60)
    return G_SOURCE_CONTINUE;

  gtk_root_set_focus (GTK_ROOT (self), NULL);
  if (!gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (page);

  return G_SOURCE_REMOVE;
}

void
_convene_window_focus_page (ConveneWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  /* A page already on screen takes it at once: a key pressed next goes
   * on from there.
   */
  if (page != NULL && gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0 &&
      gtk_widget_get_child_visible (page))
    {
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      if (gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        return;
    }

  gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_page_tick_cb, g_new0 (guint, 1), g_free);
}

/* Public API */

/**
 * convene_window_show_group:
 * @self: a #ConveneWindow
 * @group_id: the id of a group of the registry
 *
 * Shows the page of a group, as the sidebar does: Back starts afresh.
 * An unknown id shows the overview and a toast that says so.
 *
 * Returns: %TRUE if the group exists
 */
gboolean
convene_window_show_group (ConveneWindow *self,
                           const char    *group_id)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  _convene_window_clear_history (self);
  if (_convene_window_show_group (self, group_id, TRUE))
    return TRUE;

  if (self->registry != NULL)
    {
      /* Translators: %s is the id of a working group given on the command line */
      g_autofree char *text = g_strdup_printf (_("No group “%s”"), group_id);

      _convene_window_show_overview (self, TRUE);
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

  _convene_window_clear_history (self);
  return _convene_window_show_person (self, person_id, TRUE);
}

void
convene_window_show_overview (ConveneWindow *self)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  _convene_window_clear_history (self);
  _convene_window_show_overview (self, TRUE);
  _convene_window_remember_group (self, NULL);
}

void
convene_window_show_people (ConveneWindow *self)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  if (self->registry != NULL)
    {
      _convene_window_clear_history (self);
      _convene_window_show_people (self, TRUE);
    }
}

/**
 * convene_window_get_page:
 * @self: a #ConveneWindow
 *
 * Returns: what the window shows: "overview", "group", "people", "person", "my-week",
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

  return self->group_page ? convene_group_page_get_group (self->group_page) : NULL;
}
