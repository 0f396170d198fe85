/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-shell"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-shell.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "convene-my-week.h"
#include "convene-stars.h"
#include "convene-window.h"

#define PORTAL_BUS_NAME   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND "org.freedesktop.portal.Background"

struct _ConveneShell
{
  GObject parent_instance;

  GtkApplication *application;   /* weak: it owns the shell */
  ConveneRegistryStore *store;
  GSettings *settings;           /* nullable: no schema, no reminders */
  ConveneRegistryList *list;
  ConveneReminders *reminders;
  ConveneSearchProvider *provider;

  /* What to show once the store has read another registry */
  char *pending_kind;
  char *pending_id;
  gulong loaded_id;

  gboolean held;
  GDBusConnection *portal_connection;
  guint portal_response_id;
};

G_DEFINE_FINAL_TYPE (ConveneShell, convene_shell, G_TYPE_OBJECT)

/* Showing */

static ConveneWindow *
get_window (ConveneShell *self)
{
  g_assert (CONVENE_IS_SHELL (self));

  if (self->application == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (CONVENE_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
show_now (ConveneShell *self,
          const char   *kind,
          const char   *id)
{
  ConveneWindow *window;

  g_assert (CONVENE_IS_SHELL (self));

  g_application_activate (G_APPLICATION (self->application));
  window = get_window (self);
  if (window == NULL)
    return;

  if (g_strcmp0 (kind, "person") == 0)
    convene_window_show_person (window, id);
  else
    convene_window_show_group (window, id);
}

static void
store_loaded_cb (ConveneShell         *self,
                 ConveneRegistryStore *store)
{
  g_autofree char *kind = g_steal_pointer (&self->pending_kind);
  g_autofree char *id = g_steal_pointer (&self->pending_id);

  g_clear_signal_handler (&self->loaded_id, self->store);
  if (id != NULL)
    show_now (self, kind, id);
}

/* Whether the store shows @source now */
static gboolean
store_shows (ConveneShell          *self,
             ConveneRegistrySource *source)
{
  ConveneRegistrySource *current = convene_registry_store_get_source (self->store);
  const char *path = convene_registry_store_get_path (self->store);

  g_assert (CONVENE_IS_SHELL (self));

  if (current != NULL)
    return g_strcmp0 (convene_registry_source_get_id (current),
                      convene_registry_source_get_id (source)) == 0;

  /* Read without a source: the bundled registry, or a file named */
  if (convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_BUNDLED)
    return path == NULL;
  return g_strcmp0 (path, convene_registry_source_get_location (source)) == 0;
}

/* Background */

static void
update_hold (ConveneShell *self)
{
  gboolean wanted;

  g_assert (CONVENE_IS_SHELL (self));

  wanted = self->reminders != NULL && self->application != NULL
           && g_settings_get_boolean (self->settings, "run-in-background")
           && convene_reminders_get_enabled (self->reminders);
  if (wanted == self->held)
    return;

  self->held = wanted;
  if (wanted)
    g_application_hold (G_APPLICATION (self->application));
  else
    g_application_release (G_APPLICATION (self->application));
}

static void
portal_response_cb (GDBusConnection *connection,
                    const char      *sender,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  ConveneShell *self = user_data;
  g_autoptr(GVariant) results = NULL;
  gboolean background = FALSE;
  guint response;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_dbus_connection_signal_unsubscribe (connection, self->portal_response_id);
  self->portal_response_id = 0;

  /* The user's answer is the setting; the switch in Preferences changes it */
  if (response == 0)
    g_settings_set_boolean (self->settings, "run-in-background", background);
}

/* Inside a sandbox the Background portal decides, asked once (and again
 * when the autostart preference changes).
 */
static void
request_background (ConveneShell *self)
{
  GDBusConnection *connection;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { "convene", "--gapplication-service", NULL };
  GVariantBuilder options;

  g_assert (CONVENE_IS_SHELL (self));

  if (self->application == NULL || self->portal_response_id != 0
      || !g_application_get_is_registered (G_APPLICATION (self->application)))
    return;
  connection = g_application_get_dbus_connection (G_APPLICATION (self->application));
  if (connection == NULL)
    return;
  g_set_object (&self->portal_connection, connection);

  token = g_strdup_printf ("convene%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  self->portal_response_id =
    g_dbus_connection_signal_subscribe (connection, PORTAL_BUS_NAME,
                                        "org.freedesktop.portal.Request", "Response", handle,
                                        NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                        portal_response_cb, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Reminders of your starred groups' meetings")));
  g_variant_builder_add (&options, "{sv}", "autostart",
                         g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                        "autostart")));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (connection, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_BACKGROUND,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
  g_settings_set_boolean (self->settings, "background-asked", TRUE);
}

/* Outside a sandbox, autostart is a desktop file in the user's autostart
 * folder, there only while the preference is on.
 */
static void
update_autostart_file (ConveneShell *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *path = g_build_filename (dir, APP_ID ".desktop", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_settings_get_boolean (self->settings, "autostart"))
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", path, g_strerror (errno));
      return;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents (path,
                               "[Desktop Entry]\n"
                               "Type=Application\n"
                               "Name=Convene\n"
                               "Exec=convene --gapplication-service\n"
                               "X-GNOME-Autostart-enabled=true\n", -1, &error))
    g_warning ("Could not write %s: %s", path, error ? error->message : g_strerror (errno));
}

static gboolean
in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
settings_changed_cb (ConveneShell *self,
                     const char   *key,
                     GSettings    *settings)
{
  if (g_strcmp0 (key, "autostart") == 0)
    {
      if (in_sandbox ())
        request_background (self);
      else
        update_autostart_file (self);
    }
  update_hold (self);
}

static void
reminders_checked_cb (ConveneShell     *self,
                      ConveneReminders *reminders)
{
  /* The first time reminders are on, inside a sandbox: ask once */
  if (in_sandbox () && convene_reminders_get_enabled (reminders)
      && !g_settings_get_boolean (self->settings, "background-asked"))
    request_background (self);
  update_hold (self);
}

/* The window read or refreshed a registry (maybe one just remembered):
 * the reminders read the list and the registries again.
 */
static void
store_loaded_reminders_cb (ConveneShell         *self,
                           ConveneRegistryStore *store)
{
  convene_registry_list_load (self->list, NULL);
  convene_reminders_check (self->reminders);
}

static void
open_group_cb (ConveneShell     *self,
               const char       *source_id,
               const char       *group_id,
               ConveneReminders *reminders)
{
  convene_shell_show (self, "group", source_id, group_id);
}

static void
activate_result_cb (ConveneShell          *self,
                    const char            *kind,
                    const char            *source_id,
                    const char            *id,
                    ConveneSearchProvider *provider)
{
  convene_shell_show (self, kind, source_id, id);
}

static void
launch_search_cb (ConveneShell          *self,
                  const char            *terms,
                  ConveneSearchProvider *provider)
{
  convene_shell_search (self, terms);
}

/* Export My Week */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  ConveneShell *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ConveneWindow *window = get_window (self);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  if (!convene_shell_export_my_week (self, file, &error))
    {
      if (window != NULL)
        convene_window_add_toast (window, error->message);
      return;
    }
  if (window != NULL)
    convene_window_add_toast (window, _("My Week exported"));
}

static void
export_my_week_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ConveneShell *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export My Week"),
                                         GTK_WINDOW (get_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the file name Export My Week suggests; keep .ics */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("my-week.ics"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* My Week: a page of the window */

static void
show_my_week_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ConveneShell *self = user_data;
  ConveneWindow *window;

  if (self->application == NULL)
    return;

  g_application_activate (G_APPLICATION (self->application));
  window = get_window (self);
  if (window != NULL)
    convene_window_show_my_week (window);
}

/* GObject */

static void
convene_shell_dispose (GObject *object)
{
  ConveneShell *self = (ConveneShell *) object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->loaded_id, self->store);
  if (self->provider != NULL)
    convene_search_provider_unexport (self->provider);
  if (self->application != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
      self->application = NULL;
    }
  if (self->portal_connection != NULL && self->portal_response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->portal_connection, self->portal_response_id);
  self->portal_response_id = 0;
  g_clear_object (&self->portal_connection);
  g_clear_object (&self->reminders);
  g_clear_object (&self->provider);
  g_clear_object (&self->list);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (convene_shell_parent_class)->dispose (object);
}

static void
convene_shell_finalize (GObject *object)
{
  ConveneShell *self = (ConveneShell *) object;

  g_free (self->pending_kind);
  g_free (self->pending_id);

  G_OBJECT_CLASS (convene_shell_parent_class)->finalize (object);
}

static void
convene_shell_class_init (ConveneShellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_shell_dispose;
  object_class->finalize = convene_shell_finalize;
}

static void
convene_shell_init (ConveneShell *self)
{
}

/* Public API */

/**
 * convene_shell_new:
 * @application: the application
 * @store: the window's registry store
 *
 * The search provider is ready at once, for the application's D-Bus
 * registration, which comes before its startup; the reminders wait for
 * convene_shell_start_reminders().
 *
 * Returns: (transfer full): the shell
 */
ConveneShell *
convene_shell_new (GtkApplication       *application,
                   ConveneRegistryStore *store)
{
  g_autoptr(GError) error = NULL;
  ConveneShell *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY_STORE (store), NULL);

  self = g_object_new (CONVENE_TYPE_SHELL, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->store = g_object_ref (store);

  self->list = convene_registry_list_new (NULL);
  if (!convene_registry_list_load (self->list, &error))
    g_warning ("%s", error->message);

  {
    const GActionEntry entries[] = {
      { "export-my-week", export_my_week_cb },
      { "show-my-week", show_my_week_cb },
    };

    g_action_map_add_action_entries (G_ACTION_MAP (application), entries,
                                     G_N_ELEMENTS (entries), self);
  }

  self->provider = convene_search_provider_new (self->list);
  convene_search_provider_set_application (self->provider, G_APPLICATION (application));
  g_signal_connect_object (self->provider, "activate-result", G_CALLBACK (activate_result_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->provider, "launch-search", G_CALLBACK (launch_search_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * convene_shell_start_reminders:
 * @self: the shell
 * @settings: (nullable): the application's settings; without them no
 *   reminders
 *
 * Starts the reminders of the starred groups' meetings.
 */
void
convene_shell_start_reminders (ConveneShell *self,
                               GSettings    *settings)
{
  g_return_if_fail (CONVENE_IS_SHELL (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (settings == NULL || self->reminders != NULL)
    return;

  self->settings = g_object_ref (settings);
  self->reminders = convene_reminders_new (G_APPLICATION (self->application), settings,
                                           self->list);
  g_signal_connect_object (self->reminders, "open-group", G_CALLBACK (open_group_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reminders, "checked", G_CALLBACK (reminders_checked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "loaded", G_CALLBACK (store_loaded_reminders_cb), self,
                           G_CONNECT_SWAPPED);
  convene_reminders_check (self->reminders);
}

/**
 * convene_shell_dbus_register:
 * @self: the shell
 * @connection: the application's connection
 *
 * Exports the search provider. Another application of the same process
 * (the tests run several) may hold its path: then this one goes without,
 * and the application still starts.
 */
void
convene_shell_dbus_register (ConveneShell    *self,
                             GDBusConnection *connection)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONVENE_IS_SHELL (self));

  if (!convene_search_provider_export (self->provider, connection,
                                       CONVENE_SEARCH_PROVIDER_PATH, &error))
    g_debug ("No search provider: %s", error->message);
}

/**
 * convene_shell_dbus_unregister:
 * @self: the shell
 */
void
convene_shell_dbus_unregister (ConveneShell *self)
{
  g_return_if_fail (CONVENE_IS_SHELL (self));

  convene_search_provider_unexport (self->provider);
}

/**
 * convene_shell_show:
 * @self: the shell
 * @kind: "group" or "person"
 * @source_id: the remembered registry
 * @id: the group's or person's id
 *
 * Presents the window on the page, reading the registry first when the
 * window shows another one.
 */
void
convene_shell_show (ConveneShell *self,
                    const char   *kind,
                    const char   *source_id,
                    const char   *id)
{
  ConveneRegistrySource *source;

  g_return_if_fail (CONVENE_IS_SHELL (self));
  g_return_if_fail (source_id != NULL && id != NULL);

  /* Remembered in the window since: read the list again */
  source = convene_registry_list_lookup (self->list, source_id);
  if (source == NULL && convene_registry_list_load (self->list, NULL))
    source = convene_registry_list_lookup (self->list, source_id);
  if (source == NULL)
    {
      g_application_activate (G_APPLICATION (self->application));
      return;
    }

  if (store_shows (self, source) && convene_registry_store_get_loaded (self->store)
      && !convene_registry_store_get_loading (self->store))
    {
      show_now (self, kind, id);
      return;
    }

  g_free (self->pending_kind);
  self->pending_kind = g_strdup (kind);
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  if (self->loaded_id == 0)
    self->loaded_id = g_signal_connect_object (self->store, "loaded",
                                               G_CALLBACK (store_loaded_cb), self,
                                               G_CONNECT_SWAPPED);
  if (!store_shows (self, source))
    convene_registry_store_load_source (self->store, source);
  else if (!convene_registry_store_get_loading (self->store))
    convene_registry_store_load (self->store, NULL);
  g_application_activate (G_APPLICATION (self->application));
}

/**
 * convene_shell_search:
 * @self: the shell
 * @terms: what to search for
 *
 * Presents the window with its search open on @terms.
 */
void
convene_shell_search (ConveneShell *self,
                      const char   *terms)
{
  ConveneWindow *window;

  g_return_if_fail (CONVENE_IS_SHELL (self));

  g_application_activate (G_APPLICATION (self->application));
  window = get_window (self);
  if (window != NULL)
    convene_window_search (window, terms);
}

ConveneRegistryList *
convene_shell_get_list (ConveneShell *self)
{
  g_return_val_if_fail (CONVENE_IS_SHELL (self), NULL);
  return self->list;
}

/**
 * convene_shell_get_reminders:
 * @self: the shell
 *
 * Returns: (transfer none) (nullable): the reminders; %NULL without settings
 */
ConveneReminders *
convene_shell_get_reminders (ConveneShell *self)
{
  g_return_val_if_fail (CONVENE_IS_SHELL (self), NULL);
  return self->reminders;
}

ConveneSearchProvider *
convene_shell_get_search_provider (ConveneShell *self)
{
  g_return_val_if_fail (CONVENE_IS_SHELL (self), NULL);
  return self->provider;
}

/**
 * convene_shell_get_held:
 * @self: the shell
 *
 * Returns: whether the application is held for the reminders
 */
gboolean
convene_shell_get_held (ConveneShell *self)
{
  g_return_val_if_fail (CONVENE_IS_SHELL (self), FALSE);
  return self->held;
}

/**
 * convene_shell_export_my_week:
 * @self: the shell
 * @file: where to write
 * @error: where to put why nothing was written
 *
 * Writes one iCalendar file with the recurring meetings of every starred
 * group of every remembered registry.
 *
 * Returns: whether @file was written
 */
gboolean
convene_shell_export_my_week (ConveneShell  *self,
                              GFile         *file,
                              GError       **error)
{
  g_autoptr(GSettings) own = NULL;
  g_auto(GStrv) stars = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(ConveneMyWeek) week = NULL;
  g_autofree char *ics = NULL;

  g_return_val_if_fail (CONVENE_IS_SHELL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->settings == NULL)
    own = convene_stars_open_settings ();
  stars = convene_stars_load (self->settings != NULL ? self->settings : own);
  convene_registry_list_load (self->list, NULL);
  week = convene_my_week_collect (self->list, (const char * const *) stars, now, NULL);
  ics = convene_my_week_to_ics (week, now, error);
  if (ics == NULL)
    return FALSE;

  return g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  NULL, error);
}
