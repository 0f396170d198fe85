/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-icalendar"

#include "config.h"

#include <string.h>

#include "convene-group.h"
#include "convene-ics.h"
#include "convene-icalendar.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "convene-schedule.h"
#include "fuzz-common.h"

/* Any bytes go to the iCalendar importer. It must not crash, and it must
 * only produce registries the loader accepts: what it imports is written
 * out, read back without error and written out again unchanged. Every
 * imported meeting must give its next occurrences in order, and each
 * group's export must be a calendar the importer reads again.
 */

static void
check_meetings (ConveneRegistry *registry)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (registry));

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (G_LIST_MODEL (registry), i);
      GListModel *meetings = convene_group_get_meetings (group);
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (meetings); j++)
        {
          g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, j);
          g_autoptr(GPtrArray) starts = convene_schedule_occurrences (meeting, now, NULL, 5);

          for (guint k = 0; k < starts->len; k++)
            {
              if (g_date_time_compare (g_ptr_array_index (starts, k), now) < 0)
                fuzz_fail ("an occurrence before the time looked from");
              if (k > 0 && g_date_time_compare (g_ptr_array_index (starts, k - 1),
                                                g_ptr_array_index (starts, k)) > 0)
                fuzz_fail ("occurrences out of order");
            }
        }

      ics = convene_ics_for_group_at (group, now, &error);
      if (ics != NULL)
        {
          g_autoptr(GPtrArray) again = NULL;
          g_autoptr(GError) read_error = NULL;

          again = convene_icalendar_read (ics, strlen (ics), NULL, NULL, NULL, &read_error);
          if (again == NULL)
            fuzz_fail ("an export does not read again: %s\n%s", read_error->message, ics);
        }
    }
}

int
FUZZ_ENTRY (const uint8_t *data,
            size_t         size)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) load_issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneRegistry) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *json = NULL;
  g_autofree char *loaded_json = NULL;

  fuzz_setup ();

  registry = convene_icalendar_import ((const char *)data, size, "feed.ics",
                                       "https://example.org/calendar/", &issues, &error);
  if (registry == NULL)
    {
      if (error == NULL)
        fuzz_fail ("a refused feed without an error");
      return 0;
    }
  fuzz_check_success ("importing", issues);

  check_meetings (registry);

  json = convene_registry_to_json (registry);
  bytes = g_bytes_new_static (json, strlen (json));
  loaded = convene_registry_load_from_bytes (bytes, "imported.json", &load_issues, &error);
  if (loaded == NULL)
    {
      GString *all = g_string_new (NULL);

      for (guint i = 0; load_issues != NULL && i < load_issues->len; i++)
        {
          g_autofree char *line = convene_issue_to_string (g_ptr_array_index (load_issues, i));

          g_string_append_printf (all, "%s\n", line);
        }
      fuzz_fail ("the imported registry does not load:\n%s%s", all->str, json);
    }
  fuzz_check_success ("loading the imported registry", load_issues);

  loaded_json = convene_registry_to_json (loaded);
  if (strcmp (json, loaded_json) != 0)
    fuzz_fail ("the imported registry changed on loading:\n--- imported\n%s\n--- loaded\n%s",
               json, loaded_json);

  return 0;
}
