/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-clock-format"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "convene-clock-format.h"

/* The user's clock: 12 or 24 hours, as GNOME's own clock shows it
 * (org.gnome.desktop.interface clock-format). Without that schema, as
 * outside GNOME, the clock shows 24 hours. Tests set the key through the
 * memory backend, or force a format with convene_clock_format_set_12h().
 */

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"

static GSettings *interface_settings;
static gboolean looked_up;
static int forced = -1;

static GSettings *
get_settings (void)
{
  if (!looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
      if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
        interface_settings = g_settings_new (INTERFACE_SCHEMA);
    }

  return interface_settings;
}

/**
 * convene_clock_format_is_12h:
 *
 * Returns: whether times are shown on a 12-hour clock
 */
gboolean
convene_clock_format_is_12h (void)
{
  GSettings *settings;
  g_autofree char *format = NULL;

  if (forced >= 0)
    return forced;

  if ((settings = get_settings ()) == NULL)
    return FALSE;

  format = g_settings_get_string (settings, "clock-format");
  return g_strcmp0 (format, "12h") == 0;
}

/**
 * convene_clock_format_set_12h:
 * @twelve_hour: 1 for a 12-hour clock, 0 for 24 hours, -1 to follow the
 *   desktop again
 *
 * Overrides the desktop's clock format, for tests and screenshots.
 */
void
convene_clock_format_set_12h (int twelve_hour)
{
  g_return_if_fail (twelve_hour >= -1 && twelve_hour <= 1);

  forced = twelve_hour;
}

/**
 * convene_clock_format_weekday_time:
 * @time: a time, in the zone it is to be shown in
 *
 * Returns: (transfer full): the weekday and time of @time on the user's
 *   clock, "Thu 11:00" or "Thu 11:00 AM"
 */
char *
convene_clock_format_weekday_time (GDateTime *time)
{
  char *text;

  g_return_val_if_fail (time != NULL, NULL);

  if (convene_clock_format_is_12h ())
    /* Translators: a meeting's weekday and time on a 12-hour clock, in
     * g_date_time_format() syntax, such as "Thu 11:00 AM"
     */
    text = g_date_time_format (time, C_("meeting time", "%a %-l:%M %p"));
  else
    /* Translators: a meeting's weekday and time in its organizers' time
     * zone, in g_date_time_format() syntax, such as "Thu 11:00"
     */
    text = g_date_time_format (time, C_("meeting time", "%a %H:%M"));

  return text != NULL ? text : g_date_time_format (time, "%H:%M");
}

/**
 * convene_clock_format_connect_changed:
 * @callback: a #GSettings::changed handler
 * @user_data: its data (an object: the handler is connected with
 *   g_signal_connect_object(), swapped)
 *
 * Calls @callback when the desktop's clock format changes.
 *
 * Returns: the handler id, or 0 when there is no desktop setting to follow
 */
gulong
convene_clock_format_connect_changed (GCallback callback,
                                      gpointer  user_data)
{
  GSettings *settings = get_settings ();

  g_return_val_if_fail (G_IS_OBJECT (user_data), 0);

  if (settings == NULL)
    return 0;

  return g_signal_connect_object (settings, "changed::clock-format", callback, user_data,
                                  G_CONNECT_SWAPPED);
}
