/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-search-provider.h"

#include <string.h>

#include "convene-community.h"
#include "convene-registry-refresh.h"
#include "convene-search.h"
#include "convene-stars.h"

/* The registries are read again when the last reading is older than this:
 * a refresh in the window shows in the shell's next search.
 */
#define RELOAD_SECONDS 60

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _ConveneSearchProvider
{
  GObject parent_instance;

  ConveneRegistryList *list;
  /* source id → ConveneRegistry, as last read */
  GHashTable *registries;
  gint64 read_at;

  GDBusConnection *connection;
  guint registration_id;
  GApplication *application;   /* weak: held while a call is answered */
};

G_DEFINE_FINAL_TYPE (ConveneSearchProvider, convene_search_provider, G_TYPE_OBJECT)

enum {
  ACTIVATE_RESULT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading */

static void
ensure_registries (ConveneSearchProvider *self)
{
  gint64 now = g_get_monotonic_time ();
  guint n;

  g_assert (CONVENE_IS_SEARCH_PROVIDER (self));

  if (self->read_at != 0 && now - self->read_at < RELOAD_SECONDS * G_TIME_SPAN_SECOND)
    return;

  g_hash_table_remove_all (self->registries);
  self->read_at = now;
  /* Registries remembered in the window since the last search */
  convene_registry_list_load (self->list, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (G_LIST_MODEL (self->list), i);
      g_autoptr(GError) error = NULL;
      ConveneRegistry *registry = convene_registry_load_source (source, NULL, &error);

      if (registry == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_debug ("%s: %s", convene_registry_source_get_id (source), error->message);
          continue;
        }
      g_hash_table_insert (self->registries, g_strdup (convene_registry_source_get_id (source)),
                           registry);
    }
}

/* "group:SOURCE/ID" → kind, source, id */
static gboolean
split_result (const char  *result,
              char       **kind,
              char       **source,
              char       **id)
{
  const char *colon = strchr (result, ':');

  if (colon == NULL)
    return FALSE;
  if (!convene_stars_split_key (colon + 1, source, id))
    return FALSE;
  *kind = g_strndup (result, colon - result);
  return TRUE;
}

static char **
normalize_terms (const char * const *terms)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) terms);

  return convene_search_split_query (joined);
}

static GVariant *
make_meta (ConveneSearchProvider *self,
           const char            *result)
{
  g_autofree char *kind = NULL;
  g_autofree char *source = NULL;
  g_autofree char *id = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GIcon) icon = NULL;
  g_autofree char *icon_text = NULL;
  ConveneRegistry *registry;
  ConveneCommunity *community;
  const char *community_name;
  const char *name;
  GVariantBuilder meta;

  g_assert (CONVENE_IS_SEARCH_PROVIDER (self));

  if (!split_result (result, &kind, &source, &id))
    return NULL;
  registry = g_hash_table_lookup (self->registries, source);
  if (registry == NULL)
    return NULL;
  community = convene_registry_get_community (registry);
  community_name = community != NULL ? convene_community_get_name (community) : source;

  if (strcmp (kind, "group") == 0)
    {
      ConveneGroup *group = convene_registry_lookup_group (registry, id);
      g_autofree char *topics = NULL;

      if (group == NULL)
        return NULL;
      name = convene_group_get_name (group);
      topics = convene_group_dup_topics_text (group);
      /* Translators: a search result's line: the community, then the group's topics */
      description = topics != NULL && *topics != '\0'
                    ? g_strdup_printf (_("%s · %s"), community_name, topics)
                    : g_strdup (community_name);
      icon = g_themed_icon_new (APP_ID);
    }
  else if (strcmp (kind, "person") == 0)
    {
      ConvenePerson *person = convene_registry_lookup_person (registry, id);
      g_autoptr(GListModel) groups = NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      const char *company;
      guint n;

      if (person == NULL)
        return NULL;
      name = convene_person_get_name (person);
      groups = convene_registry_list_groups_for_person (registry, person);
      n = groups != NULL ? g_list_model_get_n_items (groups) : 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (groups, i);

          if (!CONVENE_IS_GROUP (item))
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, convene_group_get_name (CONVENE_GROUP (item)));
        }

      company = convene_person_get_company (person);
      if (company != NULL && *company != '\0' && names->len > 0)
        /* Translators: a person's search result: the company, then the groups */
        description = g_strdup_printf (_("%s · %s"), company, names->str);
      else if (company != NULL && *company != '\0')
        description = g_strdup (company);
      else
        description = g_strdup (names->str);
      icon = g_themed_icon_new ("avatar-default-symbolic");
    }
  else
    {
      return NULL;
    }

  icon_text = g_icon_to_string (icon);
  g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (result));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
  return g_variant_builder_end (&meta);
}

/* D-Bus */

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  ConveneSearchProvider *self = user_data;

  /* A D-Bus-activated service quits when idle, not in the middle of this */
  if (self->application != NULL)
    g_application_hold (self->application);

  if (strcmp (method_name, "GetInitialResultSet") == 0
      || strcmp (method_name, "GetSubsearchResultSet") == 0)
    {
      g_autofree const char **terms = NULL;
      g_auto(GStrv) results = NULL;

      if (strcmp (method_name, "GetInitialResultSet") == 0)
        g_variant_get (parameters, "(^a&s)", &terms);
      else
        g_variant_get (parameters, "(@as^a&s)", NULL, &terms);

      results = convene_search_provider_search (self, terms);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", results));
    }
  else if (strcmp (method_name, "GetResultMetas") == 0)
    {
      g_autofree const char **ids = NULL;
      GVariantBuilder metas;

      g_variant_get (parameters, "(^a&s)", &ids);
      ensure_registries (self);
      g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; ids[i] != NULL; i++)
        {
          GVariant *meta = make_meta (self, ids[i]);

          if (meta != NULL)
            g_variant_builder_add_value (&metas, meta);
        }
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));
    }
  else if (strcmp (method_name, "ActivateResult") == 0)
    {
      const char *result;
      g_autofree char *kind = NULL;
      g_autofree char *source = NULL;
      g_autofree char *id = NULL;

      g_variant_get (parameters, "(&sasu)", &result, NULL, NULL);
      if (split_result (result, &kind, &source, &id))
        g_signal_emit (self, signals[ACTIVATE_RESULT], 0, kind, source, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (strcmp (method_name, "LaunchSearch") == 0)
    {
      g_autofree const char **terms = NULL;
      g_autofree char *joined = NULL;

      g_variant_get (parameters, "(^a&su)", &terms, NULL);
      joined = g_strjoinv (" ", (char **) terms);
      g_signal_emit (self, signals[LAUNCH_SEARCH], 0, joined);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No method %s", method_name);
    }

  if (self->application != NULL)
    g_application_release (self->application);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

/* GObject */

static void
convene_search_provider_dispose (GObject *object)
{
  ConveneSearchProvider *self = (ConveneSearchProvider *) object;

  convene_search_provider_unexport (self);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;
  g_clear_object (&self->list);
  if (self->registries != NULL)
    g_hash_table_remove_all (self->registries);

  G_OBJECT_CLASS (convene_search_provider_parent_class)->dispose (object);
}

static void
convene_search_provider_finalize (GObject *object)
{
  ConveneSearchProvider *self = (ConveneSearchProvider *) object;

  g_hash_table_unref (self->registries);

  G_OBJECT_CLASS (convene_search_provider_parent_class)->finalize (object);
}

static void
convene_search_provider_class_init (ConveneSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convene_search_provider_dispose;
  object_class->finalize = convene_search_provider_finalize;

  /**
   * ConveneSearchProvider::activate-result:
   * @kind: "group" or "person"
   * @source_id: the remembered registry
   * @id: the group's or person's id
   */
  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ConveneSearchProvider::launch-search:
   * @terms: what the user typed
   */
  signals[LAUNCH_SEARCH] =
    g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
convene_search_provider_init (ConveneSearchProvider *self)
{
  self->registries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Public API */

/**
 * convene_search_provider_set_application:
 * @self: a provider
 * @application: (nullable): the application, held while a call is answered
 */
void
convene_search_provider_set_application (ConveneSearchProvider *self,
                                         GApplication          *application)
{
  g_return_if_fail (CONVENE_IS_SEARCH_PROVIDER (self));

  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = application;
  if (application != NULL)
    g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
}

/**
 * convene_search_provider_new:
 * @list: the remembered registries
 *
 * Returns: (transfer full): a provider, not yet on the bus
 */
ConveneSearchProvider *
convene_search_provider_new (ConveneRegistryList *list)
{
  ConveneSearchProvider *self;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (list), NULL);

  self = g_object_new (CONVENE_TYPE_SEARCH_PROVIDER, NULL);
  self->list = g_object_ref (list);
  return self;
}

/**
 * convene_search_provider_export:
 * @self: a provider
 * @connection: the application's connection
 * @object_path: where the shell looks, as the provider's .ini says
 * @error: where to put why it could not be exported
 *
 * Returns: whether the provider is on the bus
 */
gboolean
convene_search_provider_export (ConveneSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (CONVENE_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (info == NULL)
    return FALSE;

  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;

  self->connection = g_object_ref (connection);
  return TRUE;
}

/**
 * convene_search_provider_unexport:
 * @self: a provider
 */
void
convene_search_provider_unexport (ConveneSearchProvider *self)
{
  g_return_if_fail (CONVENE_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

/**
 * convene_search_provider_search:
 * @self: a provider
 * @terms: what the user typed, as the shell splits it
 *
 * Groups first, then people, each registry in the order remembered, at
 * most %CONVENE_SEARCH_PROVIDER_MAX_RESULTS.
 *
 * Returns: (transfer full): the result ids
 */
char **
convene_search_provider_search (ConveneSearchProvider *self,
                                const char * const    *terms)
{
  g_auto(GStrv) folded = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_val_if_fail (CONVENE_IS_SEARCH_PROVIDER (self), NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  folded = normalize_terms (terms);
  ensure_registries (self);

  n = folded[0] != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneRegistrySource) source = g_list_model_get_item (G_LIST_MODEL (self->list), i);
      const char *source_id = convene_registry_source_get_id (source);
      ConveneRegistry *registry = g_hash_table_lookup (self->registries, source_id);
      GListModel *members;
      guint n_members;

      if (registry == NULL)
        continue;

      n_members = g_list_model_get_n_items (G_LIST_MODEL (registry));
      for (guint j = 0; j < n_members; j++)
        {
          g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), j);

          if (convene_search_match_group (group, (const char * const *) folded, NULL))
            g_ptr_array_add (groups, g_strdup_printf ("group:%s/%s", source_id,
                                                      convene_group_get_id (group)));
        }

      members = convene_registry_get_people (registry);
      n_members = g_list_model_get_n_items (members);
      for (guint j = 0; j < n_members; j++)
        {
          g_autoptr(ConvenePerson) person = g_list_model_get_item (members, j);

          if (convene_search_match_person (person, (const char * const *) folded, NULL))
            g_ptr_array_add (people, g_strdup_printf ("person:%s/%s", source_id,
                                                      convene_person_get_id (person)));
        }
    }

  for (guint i = 0; i < people->len; i++)
    g_ptr_array_add (groups, g_strdup (g_ptr_array_index (people, i)));
  if (groups->len > CONVENE_SEARCH_PROVIDER_MAX_RESULTS)
    g_ptr_array_set_size (groups, CONVENE_SEARCH_PROVIDER_MAX_RESULTS);
  g_ptr_array_add (groups, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&groups), FALSE);
}
