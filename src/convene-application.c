/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-application"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-application.h"
#include "convene-application-private.h"
#include "convene-avatar-cache.h"
#include "convene-cli.h"
#include "convene-context.h"
#include "convene-registry-cache.h"
#include "convene-registry-feeds.h"
#include "convene-registry-refresh.h"
#include "convene-registry-store.h"
#include "convene-shell.h"
#include "convene-window.h"

#define BUNDLED_REGISTRY RESOURCE_BASE "/registry/istio.json"

struct _ConveneApplication
{
  AdwApplication parent_instance;

  /* The registry and its loading; the application only forwards. */
  ConveneRegistryStore *store;
  /* What the windows are handed: the store, the clock, the avatar cache
   * (following the settings), the launcher and the settings.
   */
  ConveneContext *context;
  GSettings *settings;

  char *pending_group;
  /* What the window is to say once it is there. */
  char *pending_toast;
  /* Reminders, the shell's search, the other registries' pages */
  ConveneShell *shell;
};

G_DEFINE_FINAL_TYPE (ConveneApplication, convene_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADING_PATH,
  PROP_REGISTRY,
  PROP_REGISTRY_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "registry", 'r', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the registry FILE or URL instead of the bundled one"), N_("FILE|URL") },
  { "group", 'g', 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the working group ID"), N_("ID") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check the registry FILE or URL and print what is wrong with it"), N_("FILE") },
  { "refresh", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Download the registry again from its source and print what changed"), NULL },
  { "registries", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the remembered registries: id, source, date of the data, last fetched"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Turn FILE or URL (WORKING-GROUPS.md, sigs.yaml, tags.yaml, an iCalendar feed) into a "
       "registry"), N_("FILE") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Read the imported file as FORMAT (istio-markdown, kubernetes-sigs or icalendar) "
       "instead of detecting it"), N_("FORMAT") },
  { "import-markdown", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Turn a WORKING-GROUPS.md FILE into a registry (the same as --import FILE "
       "--format istio-markdown)"), N_("FILE") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the imported registry, the list or the iCalendar file to FILE instead of standard output"), N_("FILE") },
  { "base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Resolve relative links of the imported file against URL"), N_("URL") },
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the working groups of the registry"), NULL },
  { "upcoming", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the next meeting of every working group, soonest first"), NULL },
  { "starred", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --upcoming: the week of the starred groups of every remembered registry"), NULL },
  { "ics", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print the meetings of the working group ID as an iCalendar file"), N_("ID") },
  { "now", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Take TIME (ISO 8601) as the current time for --upcoming and --ics"), N_("TIME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  /* `convene FILE`, as the desktop file's Exec=convene %U passes it. */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE]") },
  { NULL }
};

/* Helpers */

static ConveneWindow *
get_window (ConveneApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CONVENE_IS_WINDOW (window))
    return CONVENE_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CONVENE_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* The avatar cache follows the settings for as long as the application
 * runs; without its schema (an uninstalled build run by hand) the cache
 * keeps its defaults and the window forgets its state.
 */
static void
create_context (ConveneApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  ConveneAvatarCache *cache = convene_avatar_cache_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      convene_avatar_cache_bind_settings (cache, self->settings);
    }
  else
    {
      g_warning ("The GSettings schema %s is not installed; the window state will not be kept",
                 APP_ID);
    }

  self->context = convene_context_new (self->store, cache, self->settings);
}

static ConveneWindow *
ensure_window (ConveneApplication *self)
{
  ConveneWindow *window = get_window (self);

  if (window == NULL)
    window = convene_window_new (GTK_APPLICATION (self), self->context);

  return window;
}

/* Loading */

/* `--group` waits for the registry it names a group of. */
static void
show_pending_group (ConveneApplication *self)
{
  ConveneWindow *window = get_window (self);
  g_autofree char *group = NULL;

  /* No window yet: activate() shows it once there is one. */
  if (self->pending_group == NULL || window == NULL)
    return;

  group = g_steal_pointer (&self->pending_group);
  convene_window_show_group (window, group);
}

static void
store_registry_cb (ConveneApplication   *self,
                   GParamSpec           *pspec,
                   ConveneRegistryStore *store)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

static void
store_loading_cb (ConveneApplication   *self,
                  GParamSpec           *pspec,
                  ConveneRegistryStore *store)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_PATH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  convene_application_reload (CONVENE_APPLICATION (user_data));
}

static void
use_bundled_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  convene_application_load_registry (CONVENE_APPLICATION (user_data), NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  ConveneApplication *self = CONVENE_APPLICATION (user_data);

  _convene_application_show_about (GTK_APPLICATION (self), self->store, self->context);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
  { "reload", reload_action },
  { "use-bundled-registry", use_bundled_action },
};

/* Vfuncs */

static int
convene_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  int status;

  /* The command-line tools run here, in the calling process, and never
   * start or contact a running instance or open a window.
   */
  status = convene_cli_run (options);
  if (status >= 0)
    return status;

  return G_APPLICATION_CLASS (convene_application_parent_class)->handle_local_options (app, options);
}

/* Opens the registry file or web address @arg names; the registry is
 * remembered, and a web address downloaded the first time.
 */
static void
open_argument (ConveneApplication      *self,
               GApplicationCommandLine *command_line,
               const char              *arg)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (convene_registry_location_is_url (arg))
    {
      path = g_strdup (arg);
    }
  else
    {
      file = g_application_command_line_create_file_for_arg (command_line, arg);
      path = g_file_get_path (file);
      if (path == NULL)
        path = g_file_get_uri (file);
    }

  if (!convene_registries_open (convene_context_get_registries (self->context), path, &error))
    {
      g_application_command_line_printerr (command_line, "%s\n", error->message);
      g_free (self->pending_toast);
      self->pending_toast = g_strdup (error->message);
    }
}

static int
convene_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  ConveneApplication *self = CONVENE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *registry = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) files = NULL;

  if (g_variant_dict_lookup (options, "registry", "^ay", &registry))
    open_argument (self, command_line, registry);

  /* One registry at a time: the first file named. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &files) && files[0] != NULL)
    open_argument (self, command_line, files[0]);

  if (g_variant_dict_lookup (options, "group", "s", &group))
    {
      g_free (self->pending_group);
      self->pending_group = g_steal_pointer (&group);
    }

  g_application_activate (app);
  return EXIT_SUCCESS;
}

static void
convene_application_activate (GApplication *app)
{
  ConveneApplication *self = CONVENE_APPLICATION (app);
  ConveneWindow *window;

  if (!convene_registry_store_get_loaded (self->store) &&
      !convene_registry_store_get_loading (self->store) &&
      !convene_registries_get_downloading (convene_context_get_registries (self->context)))
    convene_application_load_registry (self, NULL);

  window = ensure_window (self);

  /* A registry file still loading shows the group when it arrives. */
  if (!convene_registry_store_get_loading (self->store))
    show_pending_group (self);

  if (self->pending_toast != NULL)
    {
      g_autofree char *toast = g_steal_pointer (&self->pending_toast);

      convene_window_add_toast (window, toast);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
convene_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *reload_accels[] = { "<Control>r", NULL };
  static const char *about_accels[] = { "F1", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (convene_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.reload", reload_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.about", about_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);

  create_context (CONVENE_APPLICATION (app));

  {
    ConveneApplication *self = CONVENE_APPLICATION (app);

    if (self->shell == NULL)
      self->shell = convene_shell_new (GTK_APPLICATION (app), self->store);
    convene_shell_start_reminders (self->shell, self->settings);
  }
}

/* Before startup: the shell's search provider goes on the bus with the app */
static gboolean
convene_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  ConveneApplication *self = CONVENE_APPLICATION (app);

  if (!G_APPLICATION_CLASS (convene_application_parent_class)->dbus_register (app, connection,
                                                                             object_path,
                                                                             error))
    return FALSE;

  if (self->shell == NULL)
    self->shell = convene_shell_new (GTK_APPLICATION (app), self->store);
  convene_shell_dbus_register (self->shell, connection);
  return TRUE;
}

static void
convene_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  ConveneApplication *self = CONVENE_APPLICATION (app);

  if (self->shell != NULL)
    convene_shell_dbus_unregister (self->shell);

  G_APPLICATION_CLASS (convene_application_parent_class)->dbus_unregister (app, connection,
                                                                           object_path);
}

static void
convene_application_shutdown (GApplication *app)
{
  ConveneApplication *self = CONVENE_APPLICATION (app);

  /* Quitting while a file loads: nobody will look at it. */
  convene_registry_store_cancel (self->store);

  G_APPLICATION_CLASS (convene_application_parent_class)->shutdown (app);
}

static void
convene_application_dispose (GObject *object)
{
  ConveneApplication *self = (ConveneApplication *)object;

  if (self->store != NULL)
    convene_registry_store_cancel (self->store);
  g_clear_object (&self->shell);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (convene_application_parent_class)->dispose (object);
}

static void
convene_application_finalize (GObject *object)
{
  ConveneApplication *self = (ConveneApplication *)object;

  g_clear_pointer (&self->pending_group, g_free);
  g_clear_pointer (&self->pending_toast, g_free);

  G_OBJECT_CLASS (convene_application_parent_class)->finalize (object);
}

static void
convene_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConveneApplication *self = CONVENE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, convene_application_get_loading (self));
      break;

    case PROP_LOADING_PATH:
      g_value_set_string (value, convene_application_get_loading_path (self));
      break;

    case PROP_REGISTRY:
      g_value_set_object (value, convene_application_get_registry (self));
      break;

    case PROP_REGISTRY_PATH:
      g_value_set_string (value, convene_application_get_registry_path (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_application_class_init (ConveneApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = convene_application_dispose;
  object_class->finalize = convene_application_finalize;
  object_class->get_property = convene_application_get_property;

  app_class->activate = convene_application_activate;
  app_class->command_line = convene_application_command_line;
  app_class->handle_local_options = convene_application_handle_local_options;
  app_class->startup = convene_application_startup;
  app_class->shutdown = convene_application_shutdown;
  app_class->dbus_register = convene_application_dbus_register;
  app_class->dbus_unregister = convene_application_dbus_unregister;

  /**
   * ConveneApplication:loading:
   *
   * Whether the registry the application will show is not on screen
   * yet: %TRUE while a registry file is being loaded (meanwhile the
   * registry loaded before, if any, stays the application's). Launch
   * benchmarks watch it.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneApplication:loading-path:
   *
   * The registry file being loaded, %NULL when none is.
   */
  properties[PROP_LOADING_PATH] =
    g_param_spec_string ("loading-path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneApplication:registry:
   *
   * The loaded registry, or %NULL when a new file failed to load; then
   * convene_application_get_registry_error() says why (it may also be
   * set beside the registry: the file gave it before, and now fails).
   */
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REGISTRY_PATH] =
    g_param_spec_string ("registry-path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_application_init (ConveneApplication *self)
{
  self->store = convene_registry_store_new (BUNDLED_REGISTRY);
  {
    g_autofree char *cache_dir = convene_registry_cache_default_dir ();

    g_object_set (self->store, "cache-dir", cache_dir, NULL);
  }
  /* A source's calendar feeds, as the command line attaches them */
  convene_registry_store_set_attach_func (self->store, convene_registry_attach_feeds);
  convene_registry_store_set_import_func (self->store, convene_registry_import_for_store);
  g_signal_connect_object (self->store, "notify::registry",
                           G_CALLBACK (store_registry_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading",
                           G_CALLBACK (store_loading_cb), self, G_CONNECT_SWAPPED);
  /* A registry file has come (or failed): show the group it was for. */
  g_signal_connect_object (self->store, "loaded",
                           G_CALLBACK (show_pending_group), self, G_CONNECT_SWAPPED);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("See who leads each working group and join its next meeting."));
}

/* Public API */

/**
 * convene_application_new:
 *
 * Returns: (transfer full): the application
 */
ConveneApplication *
convene_application_new (void)
{
  return g_object_new (CONVENE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * convene_application_get_registry:
 * @self: a #ConveneApplication
 *
 * Returns: (transfer none) (nullable): the registry, %NULL if it failed to load
 */
ConveneRegistry *
convene_application_get_registry (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return convene_registry_store_get_registry (self->store);
}

/**
 * convene_application_get_registry_error:
 * @self: a #ConveneApplication
 *
 * Returns: (transfer none) (nullable): why the registry failed to load
 */
const GError *
convene_application_get_registry_error (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return convene_registry_store_get_error (self->store);
}

/**
 * convene_application_get_registry_issues:
 * @self: a #ConveneApplication
 *
 * Returns: (transfer none) (nullable) (element-type ConveneIssue): what the
 *   loader found wrong, one entry per problem
 */
GPtrArray *
convene_application_get_registry_issues (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return convene_registry_store_get_issues (self->store);
}

/**
 * convene_application_get_registry_path:
 * @self: a #ConveneApplication
 *
 * Returns: (nullable): the registry file, %NULL for the bundled registry
 */
const char *
convene_application_get_registry_path (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return convene_registry_store_get_path (self->store);
}

/**
 * convene_application_get_loading:
 * @self: a #ConveneApplication
 *
 * Returns: whether a registry file is being loaded
 */
gboolean
convene_application_get_loading (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), FALSE);
  return convene_registry_store_get_loading (self->store);
}

/**
 * convene_application_get_loading_path:
 * @self: a #ConveneApplication
 *
 * Returns: (nullable): the registry file being loaded, %NULL when none is
 */
const char *
convene_application_get_loading_path (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return convene_registry_store_get_loading_path (self->store);
}

/**
 * convene_application_load_registry:
 * @self: a #ConveneApplication
 * @path: (nullable): a registry file, or %NULL for the bundled one
 *
 * Loads a registry and makes it the application's. On failure the error
 * is kept for the window to show, and the registry becomes %NULL unless
 * it came from @path before (a reload that failed keeps what worked; see
 * #ConveneRegistryStore:registry).
 *
 * The bundled registry is small and loads at once. A file loads in a
 * worker thread: ConveneApplication:loading is %TRUE until its registry
 * (or its error) replaces the one before. Any load cancels the file
 * load under way, whose result never shows.
 */
void
convene_application_load_registry (ConveneApplication *self,
                                   const char         *path)
{
  g_return_if_fail (CONVENE_IS_APPLICATION (self));

  /* Through its source, remembered: the bundled registry from its
   * refreshed copy when there is one.
   */
  if (self->context != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!convene_registries_open (convene_context_get_registries (self->context), path,
                                    &error))
        g_warning ("%s", error->message);
      return;
    }

  convene_registry_store_load (self->store, path);
}

/**
 * convene_application_reload:
 * @self: a #ConveneApplication
 *
 * Reads the current registry file again, or the file being loaded.
 */
void
convene_application_reload (ConveneApplication *self)
{
  g_return_if_fail (CONVENE_IS_APPLICATION (self));

  if (self->context != NULL)
    convene_registries_reload (convene_context_get_registries (self->context));
  else
    convene_registry_store_reload (self->store);
}

/**
 * convene_application_get_context:
 * @self: a #ConveneApplication
 *
 * Returns: (transfer none) (nullable): what the windows are handed; %NULL
 *   before the application started up
 */
ConveneContext *
convene_application_get_context (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return self->context;
}

/**
 * convene_application_get_store:
 * @self: a #ConveneApplication
 *
 * Returns: (transfer none): the registry store
 */
ConveneRegistryStore *
convene_application_get_store (ConveneApplication *self)
{
  g_return_val_if_fail (CONVENE_IS_APPLICATION (self), NULL);
  return self->store;
}
