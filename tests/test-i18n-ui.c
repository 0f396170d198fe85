/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#include "convene-application.h"
#include "convene-registry.h"
#include "convene-upcoming.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* The real window in one language of po/LINGUAS, given by
 * CONVENE_TEST_LANGUAGE (meson runs it as test-i18n-ui-de, -fr and -es):
 * page titles, buttons, a status and the formatted dates must be what the
 * built catalog says, not English. The expected texts come from the .mo
 * through g_dgettext(), so a translator may reword them; each must differ
 * from its msgid, so the test fails when the catalog is not found or the
 * language is not applied. Month and weekday names come from the C
 * library: build-aux/deps generates the locales.
 */

/* Wednesday 9:00 in Berlin; Networking meets on Thursday 5 March at 20:00 */
#define NOW "2026-03-04T08:00:00Z"
#define NETWORKING_START "2026-03-05T19:00:00Z"

typedef struct
{
  const char *language;
  const char *locale;
  const char *english_weekday;   /* %A of NETWORKING_START in English */
} Language;

static const Language languages[] = {
  { "de", "de_DE.UTF-8", "Thursday" },
  { "fr", "fr_FR.UTF-8", "Thursday" },
  { "es", "es_ES.UTF-8", "Thursday" },
};

static const Language *lang;
static gboolean have_locale;
static ConveneApplication *app;

/* Helpers */

static void
collect_texts (GtkWidget  *widget,
               GHashTable *texts)
{
  const char *tooltip;

  if (!gtk_widget_get_mapped (widget))
    return;

  /* As shown: without the mnemonic's underscore or markup */
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL)
    g_hash_table_add (texts, g_strdup (tooltip));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static GHashTable *
window_texts (ConveneWindow *window)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_texts (GTK_WIDGET (window), texts);
  return texts;
}

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
any_contains (GHashTable *texts,
              const char *needle)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (strstr (key, needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
dump_texts (GHashTable *texts)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (texts, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    g_test_message ("shown: “%s”", (const char *)keys[i]);
}

/* @translated, the catalog's text for @msgid, is shown and English is
 * not. Returns whether it differs from English: some words do ("Links" in
 * German), so each page asks that most of its texts differ instead. */
static gboolean
assert_translation_shown (GHashTable *texts,
                          const char *msgid,
                          const char *translated)
{
  g_autofree char *shown = strip_mnemonic (translated);
  g_autofree char *english = strip_mnemonic (msgid);

  if (!g_hash_table_contains (texts, shown))
    {
      dump_texts (texts);
      g_error ("the window does not show “%s” (“%s” in %s)", shown, msgid, lang->language);
    }
  if (g_str_equal (shown, english))
    return FALSE;
  if (g_hash_table_contains (texts, english))
    g_error ("the window shows the English “%s”", english);
  return TRUE;
}

static gboolean
assert_shown (GHashTable *texts,
              const char *msgid)
{
  return assert_translation_shown (texts, msgid, g_dgettext (GETTEXT_PACKAGE, msgid));
}

/* Not English: when the catalog is not found, every text is the msgid */
static void
assert_mostly_translated (guint       n_differ,
                          guint       n,
                          const char *page)
{
  if (n_differ * 2 <= n)
    g_error ("only %u of the %u texts of the %s differ from English: the %s catalog "
             "was not applied", n_differ, n, page, lang->language);
}

static ConveneWindow *
open_window (const char *now_iso)
{
  ConveneWindow *window = ui_test_window_new (app);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_iso, NULL);

  convene_window_set_avatar_cache (window, NULL);
  convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             convene_window_get_registry (window) != NULL);
  ui_test_drain ();
  return window;
}

/* Tests */

static void
test_catalog (void)
{
  g_autofree char *header = g_strdup_printf ("Language: %s\n", lang->language);

  /* The header's translation is the .mo's metadata: this language's catalog */
  g_assert_nonnull (strstr (g_dgettext (GETTEXT_PACKAGE, ""), header));
}

static void
test_overview (void)
{
  static const char * const msgids[] = {
    "Working Groups", "Upcoming This Week", "People", "Main Menu", "Search",
  };
  ConveneWindow *window;
  g_autoptr(GHashTable) texts = NULL;
  guint n_differ = 0;

  ui_test_reset_settings ();
  window = open_window (NOW);
  convene_window_show_overview (window);
  ui_test_drain ();
  texts = window_texts (window);

  /* Titles, and buttons by their tooltips */
  for (guint i = 0; i < G_N_ELEMENTS (msgids); i++)
    n_differ += assert_shown (texts, msgids[i]);
  assert_mostly_translated (n_differ, G_N_ELEMENTS (msgids), "overview");

  ui_test_close_window (window);
}

static void
test_group (void)
{
  static const char * const msgids[] = {
    "Meetings", "Links", "Leads", "_Join", "Join the Video Call",
  };
  ConveneWindow *window;
  g_autoptr(GHashTable) texts = NULL;
  g_autofree char *starts = NULL;
  guint n_differ = 0;

  ui_test_reset_settings ();
  window = open_window (NOW);
  {
    g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (NETWORKING_START, NULL);
    g_autoptr(GDateTime) now = g_date_time_add_minutes (start, -12);

    convene_upcoming_set_fixed_now (convene_window_get_upcoming (window), now);
  }
  g_assert_true (convene_window_show_group (window, "networking"));
  ui_test_drain ();
  texts = window_texts (window);

  /* Titles, then the meeting row's button, its tooltip and its status */
  for (guint i = 0; i < G_N_ELEMENTS (msgids); i++)
    n_differ += assert_shown (texts, msgids[i]);
  starts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Starts in %d minute",
                                         "Starts in %d minutes", 12), 12);
  n_differ += assert_translation_shown (texts, "Starts in 12 minutes", starts);
  assert_mostly_translated (n_differ, G_N_ELEMENTS (msgids) + 1, "group page");

  ui_test_close_window (window);
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (NETWORKING_START, NULL);
  g_autoptr(GDateTime) local_start = g_date_time_to_local (start);
  g_autoptr(GDateTime) data_date = NULL;
  g_autoptr(GHashTable) overview = NULL;
  g_autoptr(GHashTable) group = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *meeting_text = NULL;
  const char *data_format = g_dgettext (GETTEXT_PACKAGE, "Data of %-d %B %Y");
  const char *meeting_format = g_dpgettext2 (GETTEXT_PACKAGE, "meeting time",
                                             "%a %-d %b, %H:%M");
  const char *source_date;
  ConveneWindow *window;
  int y, m, d;

  if (!have_locale)
    {
      g_test_fail_printf ("no %s locale: build-aux/deps generates it", lang->locale);
      return;
    }

  /* The C library speaks the language: its names are not English */
  weekday = g_date_time_format (local_start, "%A");
  g_assert_cmpstr (weekday, !=, lang->english_weekday);
  g_assert_cmpstr (data_format, !=, "Data of %-d %B %Y");

  ui_test_reset_settings ();
  window = open_window (NOW);

  /* The overview's "Data of 11 December 2017", in the language's format */
  source_date = convene_registry_get_source_date (convene_window_get_registry (window));
  g_assert_nonnull (source_date);
  g_assert_cmpint (sscanf (source_date, "%d-%d-%d", &y, &m, &d), ==, 3);
  data_date = g_date_time_new_local (y, m, d, 12, 0, 0);
  data_text = g_date_time_format (data_date, data_format);
  convene_window_show_overview (window);
  ui_test_drain ();
  overview = window_texts (window);
  if (!any_contains (overview, data_text))
    {
      dump_texts (overview);
      g_error ("the overview does not show “%s”", data_text);
    }

  /* The next meeting's date on the group page: "Do., 5. März, 20:00" */
  meeting_text = g_date_time_format (local_start, meeting_format);
  g_assert_true (convene_window_show_group (window, "networking"));
  ui_test_drain ();
  group = window_texts (window);
  if (!any_contains (group, meeting_text))
    {
      dump_texts (group);
      g_error ("the group page does not show “%s”", meeting_text);
    }

  ui_test_close_window (window);
}

static void
test_skip (gconstpointer data)
{
  g_test_skip_printf ("po/%s.po does not exist yet", (const char *)data);
}

int
main (int   argc,
      char *argv[])
{
  const char *name = g_getenv ("CONVENE_TEST_LANGUAGE");
  g_autofree char *po = NULL;
  g_autofree char *prefix = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (languages) && name != NULL; i++)
    if (g_str_equal (languages[i].language, name))
      lang = &languages[i];
  if (lang == NULL)
    g_error ("CONVENE_TEST_LANGUAGE must be one of de, fr, es (it is “%s”)", name);

  /* Before anything reads them: the language, and Berlin's local time */
  g_setenv ("LANGUAGE", lang->language, TRUE);
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");

  g_test_init (&argc, &argv, NULL);
  prefix = g_strdup_printf ("/i18n-ui/%s", lang->language);

  /* Until a translation lands, only its absence may skip this language. */
  po = g_strdup_printf ("%s/po/%s.po", g_getenv ("CONVENE_SOURCE_DIR"), lang->language);
  if (!g_file_test (po, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *path = g_strconcat (prefix, "/skipped", NULL);

      g_test_add_data_func (path, lang->language, test_skip);
      return g_test_run ();
    }

  /* Without the locale, glibc still honours LANGUAGE in C.UTF-8: the
   * strings are tested, the dates fail. */
  have_locale = setlocale (LC_ALL, lang->locale) != NULL;
  if (!have_locale && setlocale (LC_ALL, "C.UTF-8") == NULL)
    g_error ("neither %s nor C.UTF-8 is available", lang->locale);
  /* gtk_init() calls setlocale (LC_ALL, ""): the environment must agree,
   * or the dates turn English again. */
  g_setenv ("LC_ALL", have_locale ? lang->locale : "C.UTF-8", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CONVENE_PO_BUILDDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ui_test_application_new ();
  convene_application_load_registry (app, NULL);

  {
    g_autofree char *catalog = g_strconcat (prefix, "/catalog", NULL);
    g_autofree char *overview = g_strconcat (prefix, "/overview", NULL);
    g_autofree char *group = g_strconcat (prefix, "/group", NULL);
    g_autofree char *dates = g_strconcat (prefix, "/dates", NULL);

    g_test_add_func (catalog, test_catalog);
    g_test_add_func (overview, test_overview);
    g_test_add_func (group, test_group);
    g_test_add_func (dates, test_dates);
  }

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
