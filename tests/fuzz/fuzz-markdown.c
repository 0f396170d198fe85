/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-markdown"

#include "config.h"

#include <string.h>

#include "convene-markdown.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "fuzz-common.h"

/* Any bytes go to the WORKING-GROUPS.md importer. It must not crash, and
 * it must only produce registries the loader accepts: what it imports is
 * written out, read back without error, and written out again unchanged.
 *
 * With CONVENE_FUZZ_IMPORT_ONLY set in the environment the round trip is
 * skipped, to hunt for crashes alone while a known round-trip failure
 * would otherwise stop every run.
 */

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

  /* A dated name, so the registry's source date does not depend on today. */
  registry = convene_markdown_import ((const char *)data, size,
                                      "WORKING-GROUPS-2017-12-11.md",
                                      "https://github.com/istio/community/blob/master/",
                                      &issues, &error);
  if (registry == NULL)
    {
      fuzz_check_failure ("importing", issues, error, FALSE);
      return 0;
    }
  fuzz_check_success ("importing", issues);

  if (g_getenv ("CONVENE_FUZZ_IMPORT_ONLY") != NULL)
    return 0;

  json = convene_registry_to_json (registry);
  if (json == NULL)
    fuzz_fail ("an imported registry could not be written");

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
