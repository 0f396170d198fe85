/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-stars"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-stars.h"

#include <string.h>

/* Public API */

/**
 * convene_stars_make_key:
 * @source_id: the id of a remembered registry
 * @group_id: the id of a group in it
 *
 * Returns: (transfer full): "SOURCE-ID/GROUP-ID"
 */
char *
convene_stars_make_key (const char *source_id,
                        const char *group_id)
{
  g_return_val_if_fail (source_id != NULL && *source_id != '\0', NULL);
  g_return_val_if_fail (group_id != NULL && *group_id != '\0', NULL);

  return g_strconcat (source_id, "/", group_id, NULL);
}

/**
 * convene_stars_split_key:
 * @key: a star, "SOURCE-ID/GROUP-ID"
 * @source_id: (out) (optional): the registry's id
 * @group_id: (out) (optional): the group's id
 *
 * Source ids never hold a slash, so the first one divides the key; a
 * group id may hold more.
 *
 * Returns: whether @key has both parts
 */
gboolean
convene_stars_split_key (const char  *key,
                         char       **source_id,
                         char       **group_id)
{
  const char *slash;

  g_return_val_if_fail (key != NULL, FALSE);

  slash = strchr (key, '/');
  if (slash == NULL || slash == key || slash[1] == '\0')
    return FALSE;

  if (source_id != NULL)
    *source_id = g_strndup (key, slash - key);
  if (group_id != NULL)
    *group_id = g_strdup (slash + 1);
  return TRUE;
}

/**
 * convene_stars_contains:
 * @stars: (nullable): the stars
 * @source_id: the id of a remembered registry
 * @group_id: the id of a group in it
 *
 * Returns: whether the group is starred
 */
gboolean
convene_stars_contains (const char * const *stars,
                        const char         *source_id,
                        const char         *group_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (source_id != NULL, FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  if (stars == NULL)
    return FALSE;

  key = convene_stars_make_key (source_id, group_id);
  return g_strv_contains (stars, key);
}

/**
 * convene_stars_with:
 * @stars: (nullable): the stars
 * @source_id: the id of a remembered registry
 * @group_id: the id of a group in it
 * @starred: whether the group is to be starred
 *
 * Returns: (transfer full): @stars with the group added (once, at the end)
 *   or removed; the order of the others kept
 */
char **
convene_stars_with (const char * const *stars,
                    const char         *source_id,
                    const char         *group_id,
                    gboolean            starred)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  g_return_val_if_fail (source_id != NULL && *source_id != '\0', NULL);
  g_return_val_if_fail (group_id != NULL && *group_id != '\0', NULL);

  key = convene_stars_make_key (source_id, group_id);
  for (guint i = 0; stars != NULL && stars[i] != NULL; i++)
    if (strcmp (stars[i], key) != 0)
      g_ptr_array_add (result, g_strdup (stars[i]));
  if (starred)
    g_ptr_array_add (result, g_steal_pointer (&key));
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/**
 * convene_stars_for_source:
 * @stars: (nullable): the stars
 * @source_id: the id of a remembered registry
 *
 * Returns: (transfer full): the ids of the starred groups of @source_id,
 *   in the order they were starred
 */
char **
convene_stars_for_source (const char * const *stars,
                          const char         *source_id)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  g_return_val_if_fail (source_id != NULL, NULL);

  for (guint i = 0; stars != NULL && stars[i] != NULL; i++)
    {
      g_autofree char *source = NULL;
      g_autofree char *group = NULL;

      if (convene_stars_split_key (stars[i], &source, &group) && strcmp (source, source_id) == 0)
        g_ptr_array_add (result, g_steal_pointer (&group));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/**
 * convene_stars_missing:
 * @stars: (nullable): the stars
 * @source_id: the id of the registry @registry was read from
 * @registry: the registry as it is now (after a refresh)
 *
 * A star is never dropped silently: a group that left its registry keeps
 * its star, and this says so, in the form of convene_registry_diff()'s
 * lines.
 *
 * Returns: (transfer container) (element-type utf8): one line per starred
 *   group of @source_id that @registry does not hold, "- starred group X
 *   (gone)"
 */
GPtrArray *
convene_stars_missing (const char * const *stars,
                       const char         *source_id,
                       ConveneRegistry    *registry)
{
  g_auto(GStrv) groups = NULL;
  GPtrArray *lines;

  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (CONVENE_IS_REGISTRY (registry), NULL);

  lines = g_ptr_array_new_with_free_func (g_free);
  groups = convene_stars_for_source (stars, source_id);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (convene_registry_lookup_group (registry, groups[i]) != NULL)
        continue;

      /* Lines of the change list are for scripts too: not translated */
      g_ptr_array_add (lines, g_strdup_printf ("- starred group %s (gone)", groups[i]));
    }

  return lines;
}

/**
 * convene_stars_get:
 * @settings: the application's settings
 * @key: %CONVENE_STARS_KEY or %CONVENE_STARS_MUTED_KEY
 * @source_id: the id of a remembered registry
 * @group_id: the id of a group in it
 *
 * Returns: whether the group is in the list @key
 */
gboolean
convene_stars_get (GSettings  *settings,
                   const char *key,
                   const char *source_id,
                   const char *group_id)
{
  g_auto(GStrv) stars = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stars = g_settings_get_strv (settings, key);
  return convene_stars_contains ((const char * const *) stars, source_id, group_id);
}

/**
 * convene_stars_set:
 * @settings: the application's settings
 * @key: %CONVENE_STARS_KEY or %CONVENE_STARS_MUTED_KEY
 * @source_id: the id of a remembered registry
 * @group_id: the id of a group in it
 * @starred: whether the group is to be in the list
 *
 * Adds the group to the list @key or removes it.
 */
void
convene_stars_set (GSettings  *settings,
                   const char *key,
                   const char *source_id,
                   const char *group_id,
                   gboolean    starred)
{
  g_auto(GStrv) stars = NULL;
  g_auto(GStrv) changed = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);

  stars = g_settings_get_strv (settings, key);
  changed = convene_stars_with ((const char * const *) stars, source_id, group_id, starred);
  if (!g_strv_equal ((const char * const *) stars, (const char * const *) changed))
    g_settings_set_strv (settings, key, (const char * const *) changed);
}

/**
 * convene_stars_load:
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): the starred groups; empty without settings
 */
char **
convene_stars_load (GSettings *settings)
{
  if (settings == NULL)
    return g_new0 (char *, 1);

  return g_settings_get_strv (settings, CONVENE_STARS_KEY);
}

/**
 * convene_stars_open_settings:
 *
 * The command line reads the stars without the window: the settings, when
 * their schema is installed (an uninstalled build run by hand has none).
 *
 * Returns: (transfer full) (nullable): the application's settings
 */
GSettings *
convene_stars_open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}
