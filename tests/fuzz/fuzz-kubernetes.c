/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-kubernetes"

#include "config.h"

#include <string.h>

#include "convene-kubernetes.h"
#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "fuzz-common.h"

/* Any bytes go to the sigs.yaml / tags.yaml importer. It must not crash;
 * a refusal carries an error and an issue of error severity; and what it
 * imports is written out, read back without error, and written out again
 * unchanged, so an imported registry always loads.
 *
 * With CONVENE_FUZZ_IMPORT_ONLY set in the environment the round trip is
 * skipped, as for fuzz-markdown.
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
  gboolean has_error = FALSE;

  fuzz_setup ();

  registry = convene_kubernetes_import ((const char *)data, size, "sigs.yaml",
                                        "https://github.com/kubernetes/community/blob/master/",
                                        &issues, &error);
  if (issues == NULL)
    fuzz_fail ("importing gave no issues array");
  for (guint i = 0; i < issues->len; i++)
    {
      const ConveneIssue *issue = g_ptr_array_index (issues, i);

      if (issue->message == NULL || *issue->message == '\0')
        fuzz_fail ("importing: issue %u has no message", i);
      has_error |= issue->severity == CONVENE_SEVERITY_ERROR;
    }

  if (registry == NULL)
    {
      if (error == NULL)
        fuzz_fail ("importing returned NULL without an error");
      if (!has_error)
        fuzz_fail ("importing failed (%s) with no issue of error severity", error->message);
      return 0;
    }
  if (error != NULL || has_error)
    fuzz_fail ("importing succeeded with an error");

  if (g_getenv ("CONVENE_FUZZ_IMPORT_ONLY") != NULL)
    return 0;

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
