/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "convene-icalendar.h"
#include "convene-import.h"

/* Tests of the import dispatcher: telling formats apart by their content
 * and, failing that, by their name, and handing each to its importer.
 */

static void
test_detect (void)
{
  const struct {
    const char *text;
    const char *name;
    ConveneImportFormat format;
  } cases[] = {
    { "{ \"format_version\": 2, \"groups\": [] }", NULL, CONVENE_IMPORT_FORMAT_CONVENE_JSON },
    { "\xEF\xBB\xBF\n  {\n\"format_version\": 1 }", "x.md", CONVENE_IMPORT_FORMAT_CONVENE_JSON },
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "feed.json", CONVENE_IMPORT_FORMAT_ICALENDAR },
    { "begin:vcalendar\r\n", NULL, CONVENE_IMPORT_FORMAT_ICALENDAR },
    { "# sigs.yaml, generated\nsigs:\n  - name: Apps\n", "x.md",
      CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { "tags:\n  - name: Runtime\n", NULL, CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { "committees: []\n", NULL, CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { "# Istio Working Groups\n\nText.\n", NULL, CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN },
    { "Intro\n\n## Groups\n", NULL, CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN },
    /* The content says nothing: the name decides */
    { "words", "WORKING-GROUPS.MD", CONVENE_IMPORT_FORMAT_ISTIO_MARKDOWN },
    { "words", "community/sigs.yml", CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS },
    { "words", "https://example.org/feed.ics?key=1", CONVENE_IMPORT_FORMAT_ICALENDAR },
    { "words", "registry.json", CONVENE_IMPORT_FORMAT_CONVENE_JSON },
    { "[1, 2]", "data", CONVENE_IMPORT_FORMAT_DETECT },
    { "", NULL, CONVENE_IMPORT_FORMAT_DETECT },
    /* "sigs:" inside a line is not a top-level key */
    { "see sigs: below", NULL, CONVENE_IMPORT_FORMAT_DETECT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ConveneImportFormat format = convene_import_detect (cases[i].text, strlen (cases[i].text),
                                                          cases[i].name);

      if (format != cases[i].format)
        g_error ("case %u: detected %s, expected %s", i,
                 convene_import_format_to_string (format),
                 convene_import_format_to_string (cases[i].format));
    }
}

static void
test_format_names (void)
{
  for (guint f = CONVENE_IMPORT_FORMAT_CONVENE_JSON; f <= CONVENE_IMPORT_FORMAT_ICALENDAR; f++)
    {
      ConveneImportFormat back = CONVENE_IMPORT_FORMAT_DETECT;

      g_assert_true (convene_import_format_from_string (convene_import_format_to_string (f),
                                                        &back));
      g_assert_cmpint (back, ==, f);
    }

  g_assert_null (convene_import_format_to_string (CONVENE_IMPORT_FORMAT_DETECT));
  g_assert_false (convene_import_format_from_string ("markdown", &(ConveneImportFormat) { 0 }));
}

/* Each format goes to its importer; the issues name the input */
static void
test_dispatch (void)
{
  const struct {
    const char *text;
    ConveneImportFormat format;
    const char *community;
    guint n_groups;
  } cases[] = {
    { "{ \"format_version\": 1, \"community\": { \"name\": \"J\" },"
      " \"groups\": [ { \"id\": \"a\", \"name\": \"A\" } ] }",
      CONVENE_IMPORT_FORMAT_DETECT, "J", 1 },
    { "sigs:\n  - dir: sig-a\n    name: A\n  - dir: sig-b\n    name: B\n",
      CONVENE_IMPORT_FORMAT_DETECT, "Kubernetes", 2 },
    { "sigs:\n  - dir: sig-a\n    name: A\n", CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS,
      "Kubernetes", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;

      registry = convene_import (bytes, cases[i].format, "in", NULL, &issues, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (convene_community_get_name (convene_registry_get_community (registry)), ==,
                       cases[i].community);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==,
                        cases[i].n_groups);
    }
}

static void
test_dispatch_errors (void)
{
  const struct {
    const char *text;
    ConveneImportFormat format;
    GQuark domain;
    int code;
  } cases[] = {
    /* Detected as iCalendar, and read by its importer */
    { "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", CONVENE_IMPORT_FORMAT_DETECT,
      CONVENE_ICALENDAR_ERROR, CONVENE_ICALENDAR_ERROR_EMPTY },
    { "plain words", CONVENE_IMPORT_FORMAT_DETECT, CONVENE_IMPORT_ERROR,
      CONVENE_IMPORT_ERROR_UNKNOWN_FORMAT },
    /* A format given wins over the content */
    { "{ \"format_version\": 1 }", CONVENE_IMPORT_FORMAT_KUBERNETES_SIGS, G_IO_ERROR,
      G_IO_ERROR_INVALID_DATA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) error = NULL;

      registry = convene_import (bytes, cases[i].format, "in", NULL, &issues, &error);
      g_assert_null (registry);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (issues);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/format-names", test_format_names);
  g_test_add_func ("/import/dispatch", test_dispatch);
  g_test_add_func ("/import/dispatch-errors", test_dispatch_errors);

  return g_test_run ();
}
