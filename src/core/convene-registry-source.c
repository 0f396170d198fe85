/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-registry-source.h"

/* Where a registry comes from and what is known of that place: its
 * format, the date of its content, when it was last fetched, the
 * validators of a conditional request, the stored copy a URL registry is
 * read from, and the group last shown. A plain record: the registry list
 * persists it, the refresh fills it in, the store reads it.
 */
struct _ConveneRegistrySource
{
  GObject parent_instance;

  char *id;
  ConveneSourceKind kind;
  char *location;
  char *upstream;
  char *format;
  GDateTime *content_date;
  GDateTime *fetched;
  char *etag;
  char *last_modified;
  char *stored_path;
  char *last_group;
  char *title;
};

G_DEFINE_FINAL_TYPE (ConveneRegistrySource, convene_registry_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOCATION,
  PROP_FORMAT,
  PROP_CONTENT_DATE,
  PROP_FETCHED,
  PROP_LAST_GROUP,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76 */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
convene_registry_source_finalize (GObject *object)
{
  ConveneRegistrySource *self = CONVENE_REGISTRY_SOURCE (object);

  g_free (self->id);
  g_free (self->location);
  g_free (self->upstream);
  g_free (self->format);
  g_clear_pointer (&self->content_date, g_date_time_unref);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->stored_path);
  g_free (self->last_group);
  g_free (self->title);

  G_OBJECT_CLASS (convene_registry_source_parent_class)->finalize (object);
}

static void
convene_registry_source_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ConveneRegistrySource *self = CONVENE_REGISTRY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_CONTENT_DATE:
      g_value_set_boxed (value, self->content_date);
      break;
    case PROP_FETCHED:
      g_value_set_boxed (value, self->fetched);
      break;
    case PROP_LAST_GROUP:
      g_value_set_string (value, self->last_group);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_registry_source_class_init (ConveneRegistrySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convene_registry_source_finalize;
  object_class->get_property = convene_registry_source_get_property;

  /**
   * ConveneRegistrySource:id:
   *
   * The name the registry list knows the source by, "bundled" for the
   * bundled registry; also the stored copy's file name.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * ConveneRegistrySource:location:
   *
   * The file's path or the URL; for the bundled registry the resource.
   */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ConveneRegistrySource:content-date:
   *
   * When the content is from: the date the source states, the server's
   * Last-Modified or the file's modification time; %NULL when unknown.
   */
  properties[PROP_CONTENT_DATE] =
    g_param_spec_boxed ("content-date", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ConveneRegistrySource:fetched:
   *
   * When the source was last downloaded or found unchanged; %NULL never.
   */
  properties[PROP_FETCHED] =
    g_param_spec_boxed ("fetched", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_GROUP] =
    g_param_spec_string ("last-group", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * ConveneRegistrySource:title:
   *
   * What the registry calls itself (its community's name) when it was
   * last loaded, for lists of registries not loaded now; %NULL unknown.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convene_registry_source_init (ConveneRegistrySource *self)
{
}

/* Public API */

/**
 * convene_registry_source_new_bundled:
 *
 * Returns: (transfer full): the source of the bundled registry: the seed
 *   file of 11 December 2017, refreshed from %CONVENE_BUNDLED_UPSTREAM (or
 *   from $CONVENE_BUNDLED_UPSTREAM, for the tests)
 */
ConveneRegistrySource *
convene_registry_source_new_bundled (void)
{
  ConveneRegistrySource *self = g_object_new (CONVENE_TYPE_REGISTRY_SOURCE, NULL);
  const char *upstream;

  self->id = g_strdup (CONVENE_BUNDLED_SOURCE_ID);
  self->kind = CONVENE_SOURCE_KIND_BUNDLED;
  self->location = g_strdup ("resource://" RESOURCE_BASE "/registry/istio.json");
  /* The tests point it at their own server */
  upstream = g_getenv ("CONVENE_BUNDLED_UPSTREAM");
  self->upstream = g_strdup (upstream != NULL && *upstream != '\0' ? upstream
                                                                   : CONVENE_BUNDLED_UPSTREAM);
  self->format = g_strdup (CONVENE_FORMAT_JSON);
  self->content_date = g_date_time_new_utc (2017, 12, 11, 0, 0, 0);

  return self;
}

/**
 * convene_registry_location_is_url:
 * @location: what the user gave: a path or a URL
 *
 * Returns: whether @location has a URI scheme other than file:, and so
 *   is no file (an unsupported scheme is refused later, not read as a path)
 */
gboolean
convene_registry_location_is_url (const char *location)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (location != NULL, FALSE);

  scheme = g_uri_parse_scheme (location);
  return scheme != NULL && g_ascii_strcasecmp (scheme, "file") != 0;
}

/**
 * convene_registry_location_make_id:
 * @location: a path or URL
 *
 * Returns: (transfer full): a stable id for @location, usable as a file
 *   name: the last part of it in lower-case letters and digits, then
 *   eight hex digits of its SHA-256 ("working-groups-1f2e3d4c")
 */
char *
convene_registry_location_make_id (const char *location)
{
  g_autofree char *checksum = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);
  const char *end;
  const char *start;

  g_return_val_if_fail (location != NULL, NULL);

  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, location, -1);

  /* The last path part, without query, fragment or extension */
  end = location + strcspn (location, "?#");
  while (end > location && end[-1] == '/')
    end--;
  start = end;
  while (start > location && start[-1] != '/')
    start--;
  base = g_strndup (start, end - start);
  if (strchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';

  for (const char *p = base; *p != '\0' && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "registry");

  g_string_append_printf (slug, "-%.8s", checksum);
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

/**
 * convene_registry_source_new_for_location:
 * @location: a file's path, a file: URI, or an http(s) URL
 * @error: where to put why @location cannot be a source
 *
 * Refuses URLs of other schemes and URLs with credentials in them: a
 * password must not end up in the list of registries.
 *
 * Returns: (transfer full) (nullable): the source of @location
 */
ConveneRegistrySource *
convene_registry_source_new_for_location (const char  *location,
                                          GError     **error)
{
  g_autoptr(ConveneRegistrySource) self = NULL;
  g_autofree char *normal = NULL;
  ConveneSourceKind kind;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (convene_registry_location_is_url (location))
    {
      g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED, NULL);
      const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          /* Translators: the argument is what the user gave */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid web address"), location);
          return NULL;
        }
      if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not an http or https address; registries are read from "
                         "files and web addresses only"), location);
          return NULL;
        }
      if (g_uri_get_userinfo (uri) != NULL)
        {
          /* Not repeated back: it may be a password */
          g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("The address “%s” has a user name or password in it; Convene "
                         "does not send credentials"), shown);
          return NULL;
        }
      kind = CONVENE_SOURCE_KIND_URL;
      normal = g_strdup (location);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (location);

      normal = g_file_get_path (file);
      if (normal == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a local file"), location);
          return NULL;
        }
      kind = CONVENE_SOURCE_KIND_FILE;
    }

  self = g_object_new (CONVENE_TYPE_REGISTRY_SOURCE, NULL);
  self->id = convene_registry_location_make_id (normal);
  self->kind = kind;
  self->location = g_steal_pointer (&normal);
  if (kind == CONVENE_SOURCE_KIND_URL)
    self->upstream = g_strdup (self->location);

  return g_steal_pointer (&self);
}

const char *
convene_registry_source_get_id (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->id;
}

ConveneSourceKind
convene_registry_source_get_kind (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), CONVENE_SOURCE_KIND_FILE);
  return self->kind;
}

const char *
convene_registry_source_get_location (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->location;
}

/**
 * convene_registry_source_get_upstream:
 * @self: a #ConveneRegistrySource
 *
 * Returns: (nullable): the URL a refresh downloads: the URL itself, the
 *   bundled registry's upstream, %NULL for a file (reloaded, not refreshed)
 */
const char *
convene_registry_source_get_upstream (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->upstream;
}

const char *
convene_registry_source_get_format (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->format;
}

void
convene_registry_source_set_format (ConveneRegistrySource *self,
                                    const char            *format)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));

  if (set_str (&self->format, format))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

static void
set_date (ConveneRegistrySource  *self,
          GDateTime             **field,
          GDateTime              *date,
          GParamSpec             *pspec)
{
  if (*field == date || (*field != NULL && date != NULL && g_date_time_equal (*field, date)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = date ? g_date_time_ref (date) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * convene_registry_source_get_content_date:
 * @self: a #ConveneRegistrySource
 *
 * Returns: (transfer none) (nullable): when the content is from
 */
GDateTime *
convene_registry_source_get_content_date (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->content_date;
}

void
convene_registry_source_set_content_date (ConveneRegistrySource *self,
                                          GDateTime             *date)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));
  set_date (self, &self->content_date, date, properties[PROP_CONTENT_DATE]);
}

/**
 * convene_registry_source_get_fetched:
 * @self: a #ConveneRegistrySource
 *
 * Returns: (transfer none) (nullable): when it was last fetched
 */
GDateTime *
convene_registry_source_get_fetched (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->fetched;
}

void
convene_registry_source_set_fetched (ConveneRegistrySource *self,
                                     GDateTime             *date)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));
  set_date (self, &self->fetched, date, properties[PROP_FETCHED]);
}

const char *
convene_registry_source_get_etag (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->etag;
}

const char *
convene_registry_source_get_last_modified (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->last_modified;
}

/**
 * convene_registry_source_set_validators:
 * @self: a #ConveneRegistrySource
 * @etag: (nullable): the server's ETag of the stored copy
 * @last_modified: (nullable): the server's Last-Modified of it, as sent
 *
 * Sets what the next refresh sends as If-None-Match / If-Modified-Since.
 */
void
convene_registry_source_set_validators (ConveneRegistrySource *self,
                                        const char            *etag,
                                        const char            *last_modified)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));

  set_str (&self->etag, etag);
  set_str (&self->last_modified, last_modified);
}

/**
 * convene_registry_source_get_stored_path:
 * @self: a #ConveneRegistrySource
 *
 * Returns: (nullable): where the stored copy is or would be (Convene
 *   JSON, whatever the source's format), %NULL for a file source
 */
const char *
convene_registry_source_get_stored_path (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->stored_path;
}

void
convene_registry_source_set_stored_path (ConveneRegistrySource *self,
                                         const char            *path)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));
  set_str (&self->stored_path, path);
}

/**
 * convene_registry_source_has_stored_copy:
 * @self: a #ConveneRegistrySource
 *
 * Returns: whether a stored copy exists on disk
 */
gboolean
convene_registry_source_has_stored_copy (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), FALSE);

  return self->stored_path != NULL && g_file_test (self->stored_path, G_FILE_TEST_IS_REGULAR);
}

const char *
convene_registry_source_get_last_group (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->last_group;
}

void
convene_registry_source_set_last_group (ConveneRegistrySource *self,
                                        const char            *group_id)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));

  if (set_str (&self->last_group, group_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_GROUP]);
}

/**
 * convene_registry_source_get_title:
 * @self: a #ConveneRegistrySource
 *
 * Returns: (nullable): see #ConveneRegistrySource:title
 */
const char *
convene_registry_source_get_title (ConveneRegistrySource *self)
{
  g_return_val_if_fail (CONVENE_IS_REGISTRY_SOURCE (self), NULL);
  return self->title;
}

void
convene_registry_source_set_title (ConveneRegistrySource *self,
                                   const char            *title)
{
  g_return_if_fail (CONVENE_IS_REGISTRY_SOURCE (self));

  if (set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * convene_registry_check_due:
 * @last_check: (nullable): when sources were last checked, %NULL never
 * @now: the time now (injected, so tests need no real day to pass)
 *
 * Decides the automatic check: at most one per
 * %CONVENE_REGISTRY_CHECK_INTERVAL. A last check in the future (the clock
 * was set back) counts as long ago, so a wrong clock cannot stop checks.
 *
 * Returns: whether to check now
 */
gboolean
convene_registry_check_due (GDateTime *last_check,
                            GDateTime *now)
{
  GTimeSpan since;

  g_return_val_if_fail (now != NULL, FALSE);

  if (last_check == NULL)
    return TRUE;

  since = g_date_time_difference (now, last_check);
  return since < 0 || since >= (GTimeSpan)CONVENE_REGISTRY_CHECK_INTERVAL * G_TIME_SPAN_SECOND;
}
