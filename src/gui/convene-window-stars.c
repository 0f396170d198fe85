/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-window-private.h"

#include "convene-registry-source.h"
#include "convene-search-hit.h"
#include "convene-sidebar-item.h"
#include "convene-stars.h"

/* Starred groups in the window: win.toggle-star (Ctrl+D and the star
 * button of the content header) for the group shown,
 * win.set-group-starred for any group, and the sidebar's first section,
 * the starred groups of this registry under their own heading.
 */

/* Helpers */

static gboolean
starred_filter_func (gpointer item,
                     gpointer user_data)
{
  ConveneWindow *self = user_data;
  g_autofree char *source = NULL;

  if (self->settings == NULL || !CONVENE_IS_GROUP (item))
    return FALSE;

  source = convene_window_dup_source_id (self);
  return convene_stars_get (self->settings, CONVENE_STARS_KEY, source,
                            convene_group_get_id (CONVENE_GROUP (item)));
}

/* My Week, while a group of any registry is starred; the heading, while
 * one of this registry is.
 */
static gboolean
heading_filter_func (gpointer item,
                     gpointer user_data)
{
  ConveneWindow *self = user_data;

  if (convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) == CONVENE_SIDEBAR_ITEM_MY_WEEK)
    {
      g_auto(GStrv) stars = convene_stars_load (self->settings);

      return stars[0] != NULL;
    }

  return self->starred_groups != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (self->starred_groups)) > 0;
}

static void
update_star_button (ConveneWindow *self)
{
  ConveneGroup *group = convene_window_get_group (self);
  gboolean on_group = group != NULL && g_strcmp0 (convene_window_get_page (self), "group") == 0;
  gboolean starred = on_group && convene_window_get_group_starred (self);

  g_assert (CONVENE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-star",
                                 on_group && self->settings != NULL);
  if (self->star_button == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->star_button), on_group && self->settings != NULL);
  gtk_button_set_icon_name (self->star_button,
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               starred ? _("Unstar This Group") : _("Star This Group"));
}

static void
stars_changed_cb (ConveneWindow *self,
                  const char    *key,
                  GSettings     *settings)
{
  gtk_filter_changed (GTK_FILTER (self->starred_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->starred_heading_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_star_button (self);
}

static void
page_changed_cb (ConveneWindow *self)
{
  update_star_button (self);
}

static void
set_starred (ConveneWindow *self,
             const char    *group_id,
             gboolean       starred)
{
  g_autofree char *source = convene_window_dup_source_id (self);
  g_autofree char *message = NULL;
  ConveneGroup *group;

  g_assert (CONVENE_IS_WINDOW (self));

  if (self->settings == NULL || self->registry == NULL
      || (group = convene_registry_lookup_group (self->registry, group_id)) == NULL)
    return;

  convene_stars_set (self->settings, CONVENE_STARS_KEY, source, group_id, starred);
  if (starred)
    /* Translators: %s is a working group's name */
    message = g_strdup_printf (_("%s is starred: its meetings are in My Week"),
                               convene_group_get_name (group));
  else
    /* Translators: %s is a working group's name */
    message = g_strdup_printf (_("%s is no longer starred"), convene_group_get_name (group));
  convene_window_add_toast (self, message);
}

/* Actions */

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = convene_window_get_group (self);

  if (group == NULL || g_strcmp0 (convene_window_get_page (self), "group") != 0)
    return;

  set_starred (self, convene_group_get_id (group), !convene_window_get_group_starred (self));
}

static void
set_group_starred_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  const char *group_id;
  gboolean starred;

  g_variant_get (parameter, "(&sb)", &group_id, &starred);
  set_starred (self, group_id, starred);
}

/* The sidebar row's context menu (right click, Shift+F10, Menu) */

static void
popup_row_menu (ConveneWindow *self,
                GtkListItem   *item,
                GtkWidget     *widget,
                double         x,
                double         y)
{
  GObject *object = gtk_list_item_get_item (item);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) entry = NULL;
  g_autofree char *source = NULL;
  const char *group_id;
  gboolean starred;
  GtkWidget *popover;

  g_assert (CONVENE_IS_WINDOW (self));

  if (CONVENE_IS_SEARCH_HIT (object))
    object = convene_search_hit_get_item (CONVENE_SEARCH_HIT (object));
  if (!CONVENE_IS_GROUP (object) || self->settings == NULL)
    return;

  group_id = convene_group_get_id (CONVENE_GROUP (object));
  source = convene_window_dup_source_id (self);
  starred = convene_stars_get (self->settings, CONVENE_STARS_KEY, source, group_id);

  menu = g_menu_new ();
  entry = g_menu_item_new (starred ? _("_Unstar") : _("_Star"), NULL);
  g_menu_item_set_action_and_target_value (entry, "win.set-group-starred",
                                           g_variant_new ("(sb)", group_id, !starred));
  g_menu_append_item (menu, entry);
  if (starred)
    {
      gboolean muted = convene_stars_get (self->settings, CONVENE_STARS_MUTED_KEY, source,
                                          group_id);
      g_autoptr(GMenuItem) mute = g_menu_item_new (muted ? _("Turn Reminders _On")
                                                         : _("Turn Reminders _Off"), NULL);

      g_menu_item_set_action_and_target_value (mute, "win.set-group-muted",
                                               g_variant_new ("(sb)", group_id, !muted));
      g_menu_append_item (menu, mute);
    }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                                 &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  /* Unparented once closed: one popover per opening */
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* The list item of a row's widget: set by the sidebar's factory */
static GtkListItem *
row_list_item (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "convene-list-item");
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                ConveneWindow   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkListItem *item = row_list_item (widget);

  if (item != NULL)
    popup_row_menu (self, item, widget, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
row_menu_key_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ConveneWindow *self = user_data;
  GtkListItem *item = row_list_item (widget);

  if (item != NULL)
    popup_row_menu (self, item, widget, -1, -1);
  return TRUE;
}

/**
 * _convene_window_stars_attach_row_menu:
 * @self: the window
 * @widget: the child of a sidebar list item, with its list item as
 *   "convene-list-item" data
 *
 * Gives a group's row the Star/Unstar menu.
 */
void
_convene_window_stars_attach_row_menu (ConveneWindow *self,
                                       GtkWidget     *widget)
{
  GtkGesture *gesture = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  /* The window outlives its sidebar's rows */
  GtkShortcutAction *action = gtk_callback_action_new (row_menu_key_cb, self, NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (
                        gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                        gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                      action));
  gtk_widget_add_controller (widget, keys);
}

static void
set_group_muted_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  g_autofree char *source = convene_window_dup_source_id (self);
  const char *group_id;
  gboolean muted;

  if (self->settings == NULL)
    return;

  g_variant_get (parameter, "(&sb)", &group_id, &muted);
  convene_stars_set (self->settings, CONVENE_STARS_MUTED_KEY, source, group_id, muted);
}

/* Internal API */

void
_convene_window_class_init_stars (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child_full (widget_class, "star_button", FALSE,
                                             G_STRUCT_OFFSET (ConveneWindow, star_button));
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.set-group-starred", "(sb)",
                                   set_group_starred_action);
  gtk_widget_class_install_action (widget_class, "win.set-group-muted", "(sb)",
                                   set_group_muted_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.toggle-star", NULL);
}

/* The two sections the sidebar starts with: My Week and the heading,
 * shown while a group is starred, and the starred groups of the registry
 * shown.
 */
void
_convene_window_init_stars (ConveneWindow *self)
{
  g_autoptr(GListStore) heading = g_list_store_new (CONVENE_TYPE_SIDEBAR_ITEM);
  g_autoptr(ConveneSidebarItem) item = NULL;

  g_assert (self->starred_groups == NULL);

  self->starred_filter = gtk_custom_filter_new (starred_filter_func, self, NULL);
  self->starred_groups = gtk_filter_list_model_new (NULL,
                                                    g_object_ref (GTK_FILTER (self->starred_filter)));

  item = convene_sidebar_item_new (CONVENE_SIDEBAR_ITEM_MY_WEEK, _("My Week"),
                                   "x-office-calendar-symbolic");
  g_list_store_append (heading, item);
  g_clear_object (&item);
  item = convene_sidebar_item_new (CONVENE_SIDEBAR_ITEM_HEADING, _("Starred"), NULL);
  g_list_store_append (heading, item);
  self->starred_heading_filter = gtk_custom_filter_new (heading_filter_func, self, NULL);
  self->starred_heading = gtk_filter_list_model_new (
    G_LIST_MODEL (g_steal_pointer (&heading)),
    g_object_ref (GTK_FILTER (self->starred_heading_filter)));

  g_list_store_append (self->sidebar_sections, self->starred_heading);
  g_list_store_append (self->sidebar_sections, self->starred_groups);

  g_signal_connect_object (self->content_stack, "notify::visible-child-name",
                           G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The registry or the settings are there (or changed): follow them. */
void
_convene_window_update_stars (ConveneWindow *self)
{
  g_assert (CONVENE_IS_WINDOW (self));

  if (self->starred_groups == NULL)
    return;

  if (self->settings != NULL && self->stars_changed_id == 0)
    self->stars_changed_id = g_signal_connect_object (self->settings, "changed::" CONVENE_STARS_KEY,
                                                      G_CALLBACK (stars_changed_cb), self,
                                                      G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->starred_groups,
                                   self->registry ? G_LIST_MODEL (self->registry) : NULL);
  gtk_filter_changed (GTK_FILTER (self->starred_heading_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_star_button (self);
}

/* How many sidebar rows come before Overview */
guint
_convene_window_get_stars_offset (ConveneWindow *self)
{
  g_assert (CONVENE_IS_WINDOW (self));

  if (self->starred_groups == NULL)
    return 0;

  return g_list_model_get_n_items (G_LIST_MODEL (self->starred_heading))
         + g_list_model_get_n_items (G_LIST_MODEL (self->starred_groups));
}

void
_convene_window_dispose_stars (ConveneWindow *self)
{
  if (self->settings != NULL)
    g_clear_signal_handler (&self->stars_changed_id, self->settings);
  g_clear_object (&self->starred_groups);
  g_clear_object (&self->starred_filter);
  g_clear_object (&self->starred_heading);
  g_clear_object (&self->starred_heading_filter);
}

/* Public API */

/**
 * convene_window_dup_source_id:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer full): the id of the remembered registry shown, as
 *   stars name it; the bundled one's when the store has no source
 */
char *
convene_window_dup_source_id (ConveneWindow *self)
{
  ConveneRegistrySource *source;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);

  source = self->store ? convene_registry_store_get_source (self->store) : NULL;
  if (source != NULL)
    return g_strdup (convene_registry_source_get_id (source));
  if (self->store != NULL && convene_registry_store_get_path (self->store) != NULL)
    return convene_registry_location_make_id (convene_registry_store_get_path (self->store));
  return g_strdup (CONVENE_BUNDLED_SOURCE_ID);
}

/**
 * convene_window_get_group_starred:
 * @self: a #ConveneWindow
 *
 * Returns: whether the group shown is starred
 */
gboolean
convene_window_get_group_starred (ConveneWindow *self)
{
  g_autofree char *source = NULL;
  ConveneGroup *group;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);

  group = convene_window_get_group (self);
  if (group == NULL || self->settings == NULL)
    return FALSE;

  source = convene_window_dup_source_id (self);
  return convene_stars_get (self->settings, CONVENE_STARS_KEY, source,
                            convene_group_get_id (group));
}
