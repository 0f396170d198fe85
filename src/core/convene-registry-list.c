/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-list"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "convene-registry-list.h"

/* The registries the user opened, remembered across runs: the bundled
 * one first (never removed), then the others in the order they were
 * first opened. The list lives in <dir>/registries.json, rewritten
 * atomically on every save; the stored copy of a URL registry (and of a
 * refreshed bundled registry) is <dir>/<id>.json, Convene JSON, written
 * only once it has been validated. A registries.json that cannot be read
 * is not trusted: the list starts again from the bundled one, and the
 * next save replaces it.
 */

#define LIST_FILE_NAME  "registries.json"
#define LIST_VERSION    1

struct _ConveneRegistryList
{
  GObject parent_instance;

  char *dir;
  GPtrArray *sources;   /* ConveneRegistrySource, the bundled one first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConveneRegistryList, convene_registry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* GListModel */

static GType
list_get_item_type (GListModel *model)
{
  return CONVENE_TYPE_REGISTRY_SOURCE;
}

static guint
list_get_n_items (GListModel *model)
{
  return CONVENE_REGISTRY_LIST (model)->sources->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  ConveneRegistryList *self = CONVENE_REGISTRY_LIST (model);

  if (position >= self->sources->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sources, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* Helpers */

static void
set_stored_path (ConveneRegistryList   *self,
                 ConveneRegistrySource *source)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  /* A file is read where it is: only the other kinds have a copy. */
  if (convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_FILE)
    return;

  name = g_strconcat (convene_registry_source_get_id (source), ".json", NULL);
  path = g_build_filename (self->dir, name, NULL);
  convene_registry_source_set_stored_path (source, path);
}

static char *
list_path (ConveneRegistryList *self)
{
  return g_build_filename (self->dir, LIST_FILE_NAME, NULL);
}

static GDateTime *
member_date (JsonObject *object,
             const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *date)
{
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  text = g_date_time_format_iso8601 (date);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* Sets what registries.json says of @source. */
static void
apply_record (ConveneRegistrySource *source,
              JsonObject            *record)
{
  g_autoptr(GDateTime) content_date = member_date (record, "content_date");
  g_autoptr(GDateTime) fetched = member_date (record, "fetched");
  const char *format = json_object_get_string_member_with_default (record, "format", NULL);

  if (format != NULL)
    convene_registry_source_set_format (source, format);
  if (content_date != NULL)
    convene_registry_source_set_content_date (source, content_date);
  convene_registry_source_set_fetched (source, fetched);
  convene_registry_source_set_validators (
    source,
    json_object_get_string_member_with_default (record, "etag", NULL),
    json_object_get_string_member_with_default (record, "last_modified", NULL));
  convene_registry_source_set_last_group (
    source, json_object_get_string_member_with_default (record, "last_group", NULL));
  convene_registry_source_set_title (
    source, json_object_get_string_member_with_default (record, "title", NULL));
}

static void
reset (ConveneRegistryList *self)
{
  guint removed = self->sources->len;
  g_autoptr(ConveneRegistrySource) bundled = convene_registry_source_new_bundled ();

  g_ptr_array_set_size (self->sources, 0);
  set_stored_path (self, bundled);
  g_ptr_array_add (self->sources, g_steal_pointer (&bundled));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 1);
}

/* Vfuncs */

static void
convene_registry_list_finalize (GObject *object)
{
  ConveneRegistryList *self = CONVENE_REGISTRY_LIST (object);

  g_free (self->dir);
  g_ptr_array_unref (self->sources);

  G_OBJECT_CLASS (convene_registry_list_parent_class)->finalize (object);
}

static void
convene_registry_list_class_init (ConveneRegistryListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convene_registry_list_finalize;
}

static void
convene_registry_list_init (ConveneRegistryList *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

/**
 * convene_registry_list_default_dir:
 *
 * Returns: (transfer full): $CONVENE_DATA_DIR when set (for the tests),
 *   else $XDG_DATA_HOME/convene
 */
char *
convene_registry_list_default_dir (void)
{
  const char *dir = g_getenv ("CONVENE_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), "convene", NULL);
}

/**
 * convene_registry_list_new:
 * @dir: (nullable): where the list and the stored copies live, %NULL for
 *   convene_registry_list_default_dir()
 *
 * Returns: (transfer full): a list holding only the bundled registry;
 *   convene_registry_list_load() reads what was remembered
 */
ConveneRegistryList *
convene_registry_list_new (const char *dir)
{
  ConveneRegistryList *self = g_object_new (CONVENE_TYPE_REGISTRY_LIST, NULL);

  self->dir = dir ? g_strdup (dir) : convene_registry_list_default_dir ();
  reset (self);
  return self;
}

const char *
convene_registry_list_get_dir (ConveneRegistryList *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), NULL);
  return self->dir;
}

/**
 * convene_registry_list_load:
 * @self: a #ConveneRegistryList
 * @error: where to put why the list could not be read
 *
 * Reads registries.json. A missing file is an empty list; a file that
 * cannot be read leaves only the bundled registry and says why.
 *
 * Returns: whether the file was read (or did not exist)
 */
gboolean
convene_registry_list_load (ConveneRegistryList  *self,
                            GError              **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  guint removed;
  JsonNode *root;
  JsonArray *records;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset (self);
  path = list_path (self);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The list of registries %s cannot be read: %s"), path, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "registries") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "registries")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The list of registries %s is not a list of registries"), path);
      return FALSE;
    }

  removed = self->sources->len;
  records = json_object_get_array_member (json_node_get_object (root), "registries");
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);
      g_autoptr(ConveneRegistrySource) source = NULL;
      JsonObject *record;
      const char *id;
      const char *location;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      record = json_node_get_object (node);
      id = json_object_get_string_member_with_default (record, "id", NULL);
      location = json_object_get_string_member_with_default (record, "location", NULL);

      if (g_strcmp0 (id, CONVENE_BUNDLED_SOURCE_ID) == 0)
        {
          apply_record (g_ptr_array_index (self->sources, 0), record);
          continue;
        }

      /* Sources are made again from their location, so a hand-edited file
       * cannot bring in a scheme or credentials the checks refuse. */
      if (location == NULL ||
          (source = convene_registry_source_new_for_location (location, NULL)) == NULL ||
          convene_registry_list_lookup (self, convene_registry_source_get_id (source)) != NULL)
        continue;

      apply_record (source, record);
      set_stored_path (self, source);
      g_ptr_array_add (self->sources, g_steal_pointer (&source));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->sources->len);
  return TRUE;
}

/**
 * convene_registry_list_save:
 * @self: a #ConveneRegistryList
 * @error: where to put why it could not be written
 *
 * Writes registries.json atomically (a new file renamed over the old).
 *
 * Returns: whether it was written
 */
gboolean
convene_registry_list_save (ConveneRegistryList  *self,
                            GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LIST_VERSION);
  json_builder_set_member_name (builder, "registries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sources->len; i++)
    {
      ConveneRegistrySource *source = g_ptr_array_index (self->sources, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", convene_registry_source_get_id (source));
      if (convene_registry_source_get_kind (source) != CONVENE_SOURCE_KIND_BUNDLED)
        add_string_member (builder, "location", convene_registry_source_get_location (source));
      add_string_member (builder, "format", convene_registry_source_get_format (source));
      add_date_member (builder, "content_date", convene_registry_source_get_content_date (source));
      add_date_member (builder, "fetched", convene_registry_source_get_fetched (source));
      add_string_member (builder, "etag", convene_registry_source_get_etag (source));
      add_string_member (builder, "last_modified",
                         convene_registry_source_get_last_modified (source));
      add_string_member (builder, "last_group", convene_registry_source_get_last_group (source));
      add_string_member (builder, "title", convene_registry_source_get_title (source));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  path = list_path (self);
  return g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

/**
 * convene_registry_list_get_bundled:
 * @self: a #ConveneRegistryList
 *
 * Returns: (transfer none): the bundled registry's source
 */
ConveneRegistrySource *
convene_registry_list_get_bundled (ConveneRegistryList *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), NULL);
  return g_ptr_array_index (self->sources, 0);
}

/**
 * convene_registry_list_lookup:
 * @self: a #ConveneRegistryList
 * @id: a source's id
 *
 * Returns: (transfer none) (nullable): the source with @id
 */
ConveneRegistrySource *
convene_registry_list_lookup (ConveneRegistryList *self,
                              const char          *id)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      ConveneRegistrySource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (convene_registry_source_get_id (source), id) == 0)
        return source;
    }

  return NULL;
}

/**
 * convene_registry_list_lookup_location:
 * @self: a #ConveneRegistryList
 * @location: a path or URL, as convene_registry_list_add() takes it
 *
 * Returns: (transfer none) (nullable): the remembered source of @location
 */
ConveneRegistrySource *
convene_registry_list_lookup_location (ConveneRegistryList *self,
                                       const char          *location)
{
  g_autoptr(ConveneRegistrySource) probe = NULL;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), NULL);
  g_return_val_if_fail (location != NULL, NULL);

  probe = convene_registry_source_new_for_location (location, NULL);
  if (probe == NULL)
    return NULL;
  return convene_registry_list_lookup (self, convene_registry_source_get_id (probe));
}

/**
 * convene_registry_list_add:
 * @self: a #ConveneRegistryList
 * @location: a file's path or an http(s) URL
 * @error: where to put why @location cannot be a registry's source
 *
 * Remembers @location, or finds it when it is remembered already. Call
 * convene_registry_list_save() to keep the change.
 *
 * Returns: (transfer none) (nullable): its source
 */
ConveneRegistrySource *
convene_registry_list_add (ConveneRegistryList  *self,
                           const char           *location,
                           GError              **error)
{
  g_autoptr(ConveneRegistrySource) source = NULL;
  ConveneRegistrySource *known;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), NULL);
  g_return_val_if_fail (location != NULL, NULL);

  source = convene_registry_source_new_for_location (location, error);
  if (source == NULL)
    return NULL;

  known = convene_registry_list_lookup (self, convene_registry_source_get_id (source));
  if (known != NULL)
    return known;

  set_stored_path (self, source);
  g_ptr_array_add (self->sources, g_object_ref (source));
  g_list_model_items_changed (G_LIST_MODEL (self), self->sources->len - 1, 0, 1);
  return source;
}

/**
 * convene_registry_list_remove:
 * @self: a #ConveneRegistryList
 * @id: the id of the source to forget
 * @error: where to put why not
 *
 * Forgets a registry and deletes its stored copy; the bundled registry
 * cannot be removed. Call convene_registry_list_save() to keep the change.
 *
 * Returns: whether it was removed
 */
gboolean
convene_registry_list_remove (ConveneRegistryList  *self,
                              const char           *id,
                              GError              **error)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_strcmp0 (id, CONVENE_BUNDLED_SOURCE_ID) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The bundled registry always stays in the list"));
      return FALSE;
    }

  for (guint i = 1; i < self->sources->len; i++)
    {
      ConveneRegistrySource *source = g_ptr_array_index (self->sources, i);

      if (g_strcmp0 (convene_registry_source_get_id (source), id) != 0)
        continue;

      if (convene_registry_source_get_stored_path (source) != NULL)
        g_unlink (convene_registry_source_get_stored_path (source));
      g_ptr_array_remove_index (self->sources, i);
      g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
      return TRUE;
    }

  /* Translators: an id of convene --registries */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No registry with the id “%s”"), id);
  return FALSE;
}

/**
 * convene_registry_list_write_stored:
 * @self: a #ConveneRegistryList
 * @source: a source of @self with a stored copy (bundled or URL)
 * @contents: the validated registry, Convene JSON
 * @length: its length
 * @error: where to put why it could not be written
 *
 * Replaces the stored copy atomically: either the old or the new one is
 * on disk, never half of one.
 *
 * Returns: whether it was written
 */
gboolean
convene_registry_list_write_stored (ConveneRegistryList    *self,
                                    ConveneRegistrySource  *source,
                                    const char             *contents,
                                    gsize                   length,
                                    GError                **error)
{
  const char *path;

  g_return_val_if_fail (CONVENE_IS_REGISTRY_LIST (self), FALSE);
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (source), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  path = convene_registry_source_get_stored_path (source);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A registry file is read where it is, not copied"));
      return FALSE;
    }

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}
