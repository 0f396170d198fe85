/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-schedule"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "convene-schedule.h"
#include "convene-schedule-private.h"

/* Time zones as communities write them ("PT", "Pacific Time", "CET",
 * "America/Los_Angeles"), and the one cache of the GTimeZones the
 * schedule code looks up.
 */

/* Types */

typedef struct
{
  const char *name;
  const char *zone;
} ZoneName;

/* Tables */

/* Abbreviations, matched as written. Each names the region whose clock
 * the community means all year round. Ambiguous ones take the meaning
 * open-source communities use: CST is US Central (not China), IST is
 * India (not Ireland or Israel), CET is Central Europe, for which Berlin
 * stands (Paris, Berlin, Warsaw and Rome have shared their rules since
 * 1996).
 */
static const ZoneName zone_abbreviations[] = {
  { "PT", "America/Los_Angeles" },
  { "PST", "America/Los_Angeles" },
  { "PDT", "America/Los_Angeles" },
  { "MT", "America/Denver" },
  { "MST", "America/Denver" },
  { "MDT", "America/Denver" },
  { "CT", "America/Chicago" },
  { "CST", "America/Chicago" },
  { "CDT", "America/Chicago" },
  { "ET", "America/New_York" },
  { "EST", "America/New_York" },
  { "EDT", "America/New_York" },
  { "BRT", "America/Sao_Paulo" },
  { "UTC", "UTC" },
  { "GMT", "UTC" },
  { "BST", "Europe/London" },
  { "WET", "Europe/Lisbon" },
  { "WEST", "Europe/Lisbon" },
  { "CET", "Europe/Berlin" },
  { "CEST", "Europe/Berlin" },
  { "EET", "Europe/Athens" },
  { "EEST", "Europe/Athens" },
  { "IST", "Asia/Kolkata" },
  { "SGT", "Asia/Singapore" },
  { "JST", "Asia/Tokyo" },
  { "KST", "Asia/Seoul" },
  { "AEST", "Australia/Sydney" },
  { "AEDT", "Australia/Sydney" },
  { "NZST", "Pacific/Auckland" },
  { "NZDT", "Pacific/Auckland" },
};

/* Region names, in any case; those that are also ordinary words count
 * only when followed by "time", "standard" or "daylight".
 */
static const ZoneName zone_regions[] = {
  { "pacific", "America/Los_Angeles" },
  { "mountain", "America/Denver" },
  { "central", "America/Chicago" },
  { "eastern", "America/New_York" },
  { "india", "Asia/Kolkata" },
};

static const ZoneName zone_words[] = {
  { "utc", "UTC" },
  { "gmt", "UTC" },
  { "poland", "Europe/Warsaw" },
};

/* Zones */

static const char *
zone_from_abbreviation (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (zone_abbreviations); i++)
    if (strcmp (zone_abbreviations[i].name, text) == 0)
      return zone_abbreviations[i].zone;
  return NULL;
}

/* GLib reads a zone's file again each time one is created after the
 * last reference went away, and a window asks for the next meeting of
 * every group on each tick: keep the zones met so far.
 */
GTimeZone *
schedule_lookup_zone (const char *identifier)
{
  static GHashTable *zones;
  G_LOCK_DEFINE_STATIC (zones);
  GTimeZone *tz;

  G_LOCK (zones);

  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify)g_time_zone_unref);

  if (!g_hash_table_lookup_extended (zones, identifier, NULL, (gpointer *)&tz))
    {
      /* %NULL for an unknown zone is kept too. GLib would read "UTC+2"
       * as a POSIX TZ string (two hours *behind* UTC): names only.
       */
      tz = convene_schedule_zone_is_valid (identifier) ? g_time_zone_new_identifier (identifier)
                                                        : NULL;
      g_hash_table_insert (zones, g_strdup (identifier), tz);
    }

  if (tz != NULL)
    g_time_zone_ref (tz);

  G_UNLOCK (zones);

  return tz;
}

static gboolean
zone_exists (const char *identifier)
{
  g_autoptr(GTimeZone) tz = schedule_lookup_zone (identifier);

  return tz != NULL;
}

/* The zone named by the word at @i (with the words after it), or %NULL. */
const char *
schedule_zone_at (GPtrArray *tokens,
                  int        i)
{
  Token *token = token_at (tokens, i);
  const char *zone;

  if (token == NULL || token->kind != TOKEN_WORD)
    return NULL;

  if ((zone = zone_from_abbreviation (token->text)))
    return zone;

  if (strchr (token->text, '/') != NULL)
    {
      g_auto(GStrv) parts = NULL;

      if (g_ascii_isupper (token->text[0]) && zone_exists (token->text))
        return g_intern_string (token->text);

      /* "PT/PST" */
      parts = g_strsplit (token->text, "/", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if ((zone = zone_from_abbreviation (parts[j])))
          return zone;
      return NULL;
    }

  for (guint j = 0; j < G_N_ELEMENTS (zone_words); j++)
    if (strcmp (zone_words[j].name, token->folded) == 0)
      return zone_words[j].zone;

  if (strcmp (token->folded, "central") == 0 && word_is (tokens, i + 1, "european"))
    return "Europe/Berlin";

  for (guint j = 0; j < G_N_ELEMENTS (zone_regions); j++)
    {
      if (strcmp (zone_regions[j].name, token->folded) == 0 &&
          (word_is (tokens, i + 1, "time") ||
           word_is (tokens, i + 1, "standard") ||
           word_is (tokens, i + 1, "daylight")))
        return zone_regions[j].zone;
    }

  return NULL;
}

/* Public API */

static gboolean
zone_name_is_plain (const char *identifier)
{
  if (!g_ascii_isalpha (identifier[0]) || strstr (identifier, "..") != NULL ||
      strlen (identifier) > 64)
    return FALSE;
  for (const char *p = identifier; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '/' && *p != '_' && *p != '-' && *p != '+')
      return FALSE;
  return identifier[strlen (identifier) - 1] != '/';
}

/**
 * convene_schedule_zone_is_valid:
 * @identifier: a time zone identifier
 *
 * Whether @identifier names an IANA zone: "UTC", one of libical's built-in
 * zones, or a zone file of the system's zoneinfo (`$TZDIR` or
 * /usr/share/zoneinfo). POSIX TZ strings ("UTC+2", "EST5EDT,M3.2.0,M11.1.0")
 * and paths are not, although GLib would read them.
 *
 * Returns: %TRUE if @identifier is an IANA zone name
 */
gboolean
convene_schedule_zone_is_valid (const char *identifier)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  const char *dir;
  char magic[4];
  gsize n = 0;

  g_return_val_if_fail (identifier != NULL, FALSE);

  if (strcmp (identifier, "UTC") == 0)
    return TRUE;
  if (!zone_name_is_plain (identifier))
    return FALSE;
  if (icaltimezone_get_builtin_timezone (identifier) != NULL)
    return TRUE;

  dir = g_getenv ("TZDIR");
  path = g_build_filename (dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo",
                           identifier, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  return stream != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n, NULL, NULL) &&
         n == sizeof magic && memcmp (magic, "TZif", 4) == 0;
}

/**
 * convene_schedule_zone_for_name:
 * @name: a time zone as people write it: "PT", "PST", "Pacific Time",
 *   "CET (Central European Time)", "Poland", "America/Los_Angeles"
 *
 * Finds the IANA time zone a community means. Abbreviations stand for
 * the wall-clock time of their region all year: "PST" and "PDT" both give
 * "America/Los_Angeles", whose clock follows daylight saving time. CST is
 * US Central, IST is India, CET and CEST are "Europe/Berlin", UTC and GMT
 * are "UTC".
 *
 * Returns: (nullable): the IANA identifier (an interned string), or %NULL
 *   if @name names no zone this function knows
 */
const char *
convene_schedule_zone_for_name (const char *name)
{
  g_autoptr(GPtrArray) tokens = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  tokens = schedule_tokenize (name);
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *zone = schedule_zone_at (tokens, i);

      if (zone != NULL)
        return g_intern_string (zone);
    }

  return NULL;
}
