/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-change-dialog.h"
#include "convene-location.h"
#include "convene-stale.h"
#include "convene-window-private.h"

/* The registries the user keeps, as the window shows them: the switcher
 * in the sidebar's header (switch, remove; each registry comes back on
 * its own last group), Open Location… and addresses dropped on the
 * window, Refresh with the dialog of what changed, the automatic daily
 * check, and Cancel on the loading page. Everything goes through the
 * context's #ConveneRegistries, the one seam to the registry sources.
 */

/* How often the window asks whether the daily check is due: the
 * decision is the seam's, by its clock; this only wakes it up.
 */
#define DAILY_CHECK_INTERVAL_SECONDS (60 * 60)

static ConveneRegistries *
get_registries (ConveneWindow *self)
{
  return convene_context_get_registries (self->context);
}

/* The switcher */

static char *
dup_entry_subtitle (ConveneRegistrySource *entry)
{
  GDateTime *date = convene_registry_source_get_content_date (entry);
  const char *source = convene_registry_source_get_location (entry);
  g_autofree char *where = NULL;

  if (convene_registry_source_get_kind (entry) == CONVENE_SOURCE_KIND_BUNDLED)
    where = g_strdup (_("Comes with Convene"));
  else if (convene_registry_source_get_kind (entry) == CONVENE_SOURCE_KIND_FILE)
    where = g_filename_display_basename (source);
  else
    where = g_strdup (source);

  if (date == NULL)
    return g_steal_pointer (&where);

  {
    /* Translators: as in "Data of 11 December 2017"; a g_date_time_format() format */
    g_autofree char *data = g_date_time_format (date, _("Data of %-d %B %Y"));

    /* Translators: where a registry is from · how old its data is */
    return g_strdup_printf (_("%s · %s"), where, data);
  }
}

static GtkWidget *
create_registry_row (gpointer item,
                     gpointer user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (user_data);
  ConveneRegistrySource *entry = CONVENE_REGISTRY_SOURCE (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *subtitle = dup_entry_subtitle (entry);
  gboolean current = convene_registries_get_current (get_registries (self)) == entry;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 convene_registries_get_title (get_registries (self), entry));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.switch-registry");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                    convene_registry_source_get_id (entry));

  gtk_widget_set_opacity (check, current ? 1.0 : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  current ? _("Shown") : "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  if (current)
    gtk_widget_add_css_class (row, "current-registry");

  /* The bundled registry always stays. */
  if (convene_registry_source_get_kind (entry) != CONVENE_SOURCE_KIND_BUNDLED)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove From the List"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove From the List"), -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "remove-registry");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-registry");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s",
                                        convene_registry_source_get_id (entry));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  return row;
}

/* The check mark follows the store: the rows are made again. */
void
_convene_window_update_registries (ConveneWindow *self)
{
  if (self->context == NULL || self->registries_list == NULL)
    return;

  gtk_list_box_bind_model (self->registries_list,
                           convene_registries_get_model (get_registries (self)),
                           create_registry_row, self, NULL);
}

static void
switch_registry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *id = g_variant_get_string (param, NULL);
  ConveneRegistrySource *current = convene_registries_get_current (get_registries (self));

  gtk_menu_button_popdown (self->registries_button);

  if (current != NULL && g_strcmp0 (convene_registry_source_get_id (current), id) == 0)
    return;

  /* The group of the registry switched to, when it comes. */
  self->last_group_pending = TRUE;
  self->switching = TRUE;
  if (!convene_registries_switch (get_registries (self), id, &error))
    {
      self->last_group_pending = FALSE;
      self->switching = FALSE;
      convene_window_add_toast (self, error->message);
    }
}

static void
remove_registry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (convene_registries_get_current (get_registries (self)) ==
      convene_registries_lookup (get_registries (self), g_variant_get_string (param, NULL)))
    {
      self->last_group_pending = TRUE;
      self->switching = TRUE;
    }

  if (!convene_registries_remove (get_registries (self), g_variant_get_string (param, NULL),
                                  &error))
    convene_window_add_toast (self, error->message);
  _convene_window_update_registries (self);
}

/**
 * _convene_window_dup_last_group:
 *
 * The group to come back to: after a switch, the new registry's own
 * (another registry's would be a stranger); else the group of last time
 * the settings keep, as when the window opens.
 */
char *
_convene_window_dup_last_group (ConveneWindow *self)
{
  ConveneRegistrySource *entry = NULL;
  gboolean switching = self->switching;

  self->switching = FALSE;

  if (switching)
    {
      if (self->context != NULL)
        entry = convene_registries_get_current (get_registries (self));
      return entry != NULL ? g_strdup (convene_registry_source_get_last_group (entry)) : NULL;
    }

  return self->settings != NULL ? g_settings_get_string (self->settings, "last-group") : NULL;
}

void
_convene_window_remember_registry_group (ConveneWindow *self,
                                         const char    *group_id)
{
  ConveneRegistrySource *entry;

  /* While a switch waits for its registry, the window showing the group
   * it had in the new registry is not the user's choice.
   */
  if (self->context == NULL || self->registry == NULL || self->last_group_pending ||
      self->registry != convene_registry_store_get_registry (self->store))
    return;

  /* The overview is no group; the list is saved only when this changed. */
  if (group_id != NULL && *group_id == '\0')
    group_id = NULL;
  if ((entry = convene_registries_get_current (get_registries (self))) != NULL &&
      g_strcmp0 (convene_registry_source_get_last_group (entry), group_id) != 0)
    {
      convene_registry_source_set_last_group (entry, group_id);
      convene_registries_save (get_registries (self));
    }
}

/* The meeting rows under @root say so when the data shown is stale by
 * the window's clock (the overview marks its own).
 */
void
_convene_window_mark_stale_rows (ConveneWindow *self,
                                 GtkWidget     *root)
{
  GDateTime *date = NULL;

  if (self->registry != NULL && self->registry == convene_registry_store_get_registry (self->store))
    date = convene_registry_store_get_date (self->store);

  convene_stale_mark_rows (root,
                           convene_stale_year (date, convene_upcoming_get_now (self->upcoming)));
}

/* Open Location… and dropped addresses */

static void
open_location_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (convene_location_dialog_new (GTK_WINDOW (widget))));
}

/**
 * convene_window_open_location:
 * @self: a #ConveneWindow
 * @text: a web address, as typed, dropped or given
 *
 * Opens the registry at @text through the seam; what is wrong with the
 * address, or why it cannot be opened, is said in a toast.
 *
 * Returns: whether opening started
 */
gboolean
convene_window_open_location (ConveneWindow *self,
                              const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if ((uri = convene_location_check (text, &error)) == NULL ||
      !convene_registries_open_uri (get_registries (self), uri, &error))
    {
      convene_window_add_toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
open_location_uri_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  convene_window_open_location (CONVENE_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Refresh and the daily check */

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean automatic = self->refresh_automatic;

  changes = convene_registries_refresh_finish (CONVENE_REGISTRIES (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Translators: %s says why, in plain words */
      g_autofree char *text = g_strdup_printf (_("Could not refresh the registry: %s"),
                                               error->message);

      convene_window_add_toast (self, text);
    }
  else if (changes != NULL && changes->len > 0)
    {
      gtk_window_present (GTK_WINDOW (convene_change_dialog_new (GTK_WINDOW (self), changes)));
    }
  else if (changes != NULL && !automatic)
    {
      convene_window_add_toast (self, _("The registry is up to date"));
    }

  /* Fetched just now, even when nothing changed. */
  if (error == NULL && self->registry == convene_registry_store_get_registry (self->store))
    {
      ConveneRegistrySource *source = convene_registries_get_current (get_registries (self));

      convene_overview_page_set_fetched (self->overview_page,
                                         source ? convene_registry_source_get_fetched (source)
                                                : NULL);
    }
  _convene_window_update_registries (self);
}

static void
refresh (ConveneWindow *self,
         gboolean       automatic)
{
  /* Only the window tells manual from automatic (a GTask always
   * completes in a later iteration, so the flag is read after this).
   */
  self->refresh_automatic = automatic;
  convene_registries_refresh_async (get_registries (self), self->cancellable,
                                    refreshed_cb, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  refresh (CONVENE_WINDOW (widget), FALSE);
}

/**
 * convene_window_run_daily_check:
 * @self: a #ConveneWindow
 *
 * What the window's timer calls: asks the seam whether the automatic
 * check is on and due by its clock, and if so refreshes.
 *
 * Returns: whether a refresh started
 */
gboolean
convene_window_run_daily_check (ConveneWindow *self)
{
  ConveneRegistries *registries;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);

  registries = get_registries (self);
  if (self->registry == NULL || !convene_registries_should_check (registries))
    return FALSE;

  convene_registries_mark_checked (registries);
  refresh (self, TRUE);
  return TRUE;
}

static gboolean
daily_check_cb (gpointer user_data)
{
  convene_window_run_daily_check (CONVENE_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
first_check_cb (gpointer user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (user_data);

  self->first_check_id = 0;
  convene_window_run_daily_check (self);
  return G_SOURCE_REMOVE;
}

/* The loading page */

static void
cancel_loading_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  gboolean downloading = convene_registries_cancel (get_registries (self));

  if (convene_registry_store_cancel (self->store) || downloading)
    {
      self->load_cancelled = TRUE;
      _convene_window_sync_with_store (self);
    }
}

/* Opening a URL: the loading page when nothing is shown yet, else the
 * header's spinner and a toast that offers Cancel.
 */
static void
downloading_changed_cb (ConveneWindow     *self,
                        GParamSpec        *pspec,
                        ConveneRegistries *registries)
{
  if (convene_registries_get_downloading (registries))
    {
      const char *uri = convene_registries_get_downloading_location (registries);
      /* Translators: %s is a web address */
      g_autofree char *text = g_strdup_printf (_("Downloading %s…"), uri);
      g_autofree char *markup = g_markup_escape_text (text, -1);
      AdwToast *toast = adw_toast_new (markup);

      adw_toast_set_button_label (toast, _("_Cancel"));
      adw_toast_set_action_name (toast, "win.cancel-loading");
      adw_toast_set_timeout (toast, 0);
      g_clear_object (&self->download_toast);
      self->download_toast = g_object_ref (toast);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (self->download_toast != NULL)
    {
      adw_toast_dismiss (self->download_toast);
      g_clear_object (&self->download_toast);
    }

  _convene_window_sync_with_store (self);
}

static void
open_failed_cb (ConveneWindow     *self,
                const char        *message,
                ConveneRegistries *registries)
{
  convene_window_add_toast (self, message);
}

/* Setup */

void
_convene_window_setup_registries (ConveneWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open_file = gtk_button_new_with_mnemonic (_("_Open File…"));
  GtkWidget *open_location = gtk_button_new_with_mnemonic (_("Open _Location…"));

  self->registries_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->registries_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->registries_list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->registries_list), "registries-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->registries_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Registries"), -1);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_file), "win.open-file");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_location), "win.open-location");
  gtk_widget_set_hexpand (open_file, TRUE);
  gtk_widget_set_hexpand (open_location, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), open_file);
  gtk_box_append (GTK_BOX (buttons), open_location);

  gtk_widget_set_size_request (box, 300, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->registries_list));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->registries_button, popover);

  _convene_window_update_registries (self);

  g_signal_connect_object (get_registries (self), "notify::downloading",
                           G_CALLBACK (downloading_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_registries (self), "open-failed",
                           G_CALLBACK (open_failed_cb), self, G_CONNECT_SWAPPED);

  self->daily_check_id = g_timeout_add_seconds (DAILY_CHECK_INTERVAL_SECONDS, daily_check_cb, self);
  /* The first check once the window is up, not at once: startup first. */
  self->first_check_id = g_timeout_add_seconds (5, first_check_cb, self);
}

void
_convene_window_dispose_registries (ConveneWindow *self)
{
  g_clear_handle_id (&self->daily_check_id, g_source_remove);
  g_clear_handle_id (&self->first_check_id, g_source_remove);
  g_clear_object (&self->download_toast);

  /* The model outlives the window: the context keeps it. */
  if (self->registries_list != NULL)
    gtk_list_box_bind_model (self->registries_list, NULL, NULL, NULL, NULL);
  self->registries_list = NULL;
}

void
_convene_window_class_init_registries (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, registries_button);

  gtk_widget_class_install_action (widget_class, "win.switch-registry", "s",
                                   switch_registry_action);
  gtk_widget_class_install_action (widget_class, "win.remove-registry", "s",
                                   remove_registry_action);
  gtk_widget_class_install_action (widget_class, "win.open-location", NULL, open_location_action);
  gtk_widget_class_install_action (widget_class, "win.open-location-uri", "s",
                                   open_location_uri_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL,
                                   cancel_loading_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.open-location", NULL);
}
