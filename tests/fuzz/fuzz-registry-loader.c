/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-fuzz-registry-loader"

#include "config.h"

#include <string.h>

#include "convene-registry-loader.h"
#include "convene-registry-writer.h"
#include "fuzz-common.h"

/* Any bytes go to the registry loader. It must not crash, and what it
 * accepts must survive a round trip: written out and read back, the
 * registry loads without error and writes out the very same JSON.
 */

int
FUZZ_ENTRY (const uint8_t *data,
            size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again_bytes = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) again_issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneRegistry) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again_json = NULL;

  fuzz_setup ();

  /* Not copied: libFuzzer's buffer ends exactly at @size, so AddressSanitizer
   * sees any read past the end.
   */
  bytes = g_bytes_new_static (data, size);
  registry = convene_registry_load_from_bytes (bytes, "fuzz.json", &issues, &error);
  if (registry == NULL)
    {
      fuzz_check_failure ("loading", issues, error, TRUE);
      return 0;
    }
  fuzz_check_success ("loading", issues);

  json = convene_registry_to_json (registry);
  if (json == NULL)
    fuzz_fail ("a loaded registry could not be written");

  again_bytes = g_bytes_new_static (json, strlen (json));
  again = convene_registry_load_from_bytes (again_bytes, "again.json", &again_issues, &error);
  if (again == NULL)
    fuzz_fail ("the written registry does not load: %s\n%s", error->message, json);
  fuzz_check_success ("loading the written registry", again_issues);

  again_json = convene_registry_to_json (again);
  if (strcmp (json, again_json) != 0)
    fuzz_fail ("the round trip changed the registry:\n--- written\n%s\n--- written again\n%s",
               json, again_json);

  return 0;
}
