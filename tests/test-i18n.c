/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "convene-lead.h"
#include "convene-link.h"
#include "convene-meeting.h"
#include "convene-registry.h"
#include "convene-registry-loader.h"
#include "convene-schedule.h"

#include "cli-test-utils.h"

/* Translations, with the real catalogs the build makes from the po/ files:
 * the library's strings through gettext, the command line through the
 * real binary, the desktop file and metainfo merged by the build, and
 * each of po/LINGUAS checked for conversions, mnemonics and markup that
 * would crash or break the app in that language.
 *
 * German needs no German locale: with LC_ALL=C.UTF-8 glibc still honours
 * LANGUAGE (only the plain "C" locale ignores it). Weekday and month
 * names come from LC_TIME, so the test that needs them runs only where a
 * German locale is installed (`locale-gen de_DE.UTF-8`).
 */

static gboolean have_german_locale;

/* Helpers */

static const char *
po_builddir (void)
{
  const char *dir = g_getenv ("CONVENE_PO_BUILDDIR");

  g_assert_nonnull (dir);
  return dir;
}

static char *
weekday_name (GDateWeekday weekday)
{
  /* 1 January 2024 was a Monday: day N of that week is weekday N */
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, weekday, 0, 0, 0);

  return g_date_time_format (day, "%A");
}

static ConveneMeeting *
meeting (GDateWeekday  weekday,
         int           start_minute,
         int           end_minute,
         const char   *zone,
         guint         interval_weeks,
         int           week_of_month)
{
  ConveneMeeting *m = convene_meeting_new ("text as written");

  convene_meeting_set_weekday (m, weekday);
  convene_meeting_set_start_minute (m, start_minute);
  convene_meeting_set_end_minute (m, end_minute);
  convene_meeting_set_timezone (m, zone);
  convene_meeting_set_interval_weeks (m, interval_weeks);
  convene_meeting_set_week_of_month (m, week_of_month);
  g_assert_true (convene_meeting_has_schedule (m));
  return m;
}

/* @expected has "DAY" where the weekday name of the locale goes */
static void
assert_describes (ConveneMeeting *m,
                  const char     *expected,
                  GDateWeekday    weekday)
{
  g_autofree char *day = weekday_name (weekday);
  g_auto(GStrv) parts = g_strsplit (expected, "DAY", 2);
  g_autofree char *text = convene_schedule_describe (m);
  g_autofree char *expected_text = g_strjoinv (day, parts);

  g_assert_cmpstr (text, ==, expected_text);
}

/* Runs the real `convene` in German, reading the catalogs of the build. */
static void
run_convene_de (CliRun *run,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_test_launcher_new ();
  va_list args;

  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  g_subprocess_launcher_unsetenv (launcher, "LANG");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "de", TRUE);
  g_subprocess_launcher_setenv (launcher, "CONVENE_LOCALEDIR", po_builddir (), TRUE);

  va_start (args, run);
  cli_test_run_valist (run, launcher, args);
  va_end (args);
}

/* Core strings through gettext */

static void
test_catalog_built (void)
{
  g_autofree char *mo = g_build_filename (po_builddir (), "de", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  /* The header's translation is the .mo's metadata: gettext found it. */
  g_assert_nonnull (strstr (g_dgettext (GETTEXT_PACKAGE, ""), "Language: de"));
  g_assert_cmpstr (_("translator-credits"), ==, "Convene-Übersetzer");
}

static void
test_link_kinds (void)
{
  static const char * const expected[] = {
    [CONVENE_LINK_FORUM] = "Forum",
    [CONVENE_LINK_MEETING] = "Videoanruf",
    [CONVENE_LINK_CALENDAR] = "Kalendereinladung",
    [CONVENE_LINK_NOTES] = "Besprechungsnotizen",
    [CONVENE_LINK_FOLDER] = "Dokumentenordner",
    [CONVENE_LINK_RECORDINGS] = "Aufzeichnungen",
    [CONVENE_LINK_WIKI] = "Wiki",
    [CONVENE_LINK_SLACK] = "Chat",
    [CONVENE_LINK_OTHER] = "Link",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == CONVENE_LINK_OTHER + 1);
  for (guint kind = 0; kind <= CONVENE_LINK_OTHER; kind++)
    g_assert_cmpstr (convene_link_kind_get_title (kind), ==, expected[kind]);
}

static void
test_roles (void)
{
  g_assert_cmpstr (convene_role_get_title (CONVENE_ROLE_LEAD), ==, "Leitung");
  g_assert_cmpstr (convene_role_get_title (CONVENE_ROLE_CHAIR), ==, "Vorsitz");
  g_assert_cmpstr (convene_role_get_title (CONVENE_ROLE_TECH_LEAD), ==, "Technische Leitung");
}

static void
test_schedule_describe (void)
{
  g_autoptr(ConveneMeeting) weekly = meeting (G_DATE_WEDNESDAY, 13 * 60, -1, "Europe/Berlin", 1, 0);
  g_autoptr(ConveneMeeting) biweekly = meeting (G_DATE_THURSDAY, 9 * 60, 9 * 60 + 30, "UTC", 2, 0);
  g_autoptr(ConveneMeeting) monthly = meeting (G_DATE_TUESDAY, 16 * 60, 17 * 60,
                                               "America/Los_Angeles", 0, 3);
  g_autoptr(ConveneMeeting) last = meeting (G_DATE_FRIDAY, 8 * 60 + 5, -1, "Asia/Tokyo", 0, -1);
  g_autoptr(ConveneMeeting) four_weekly = meeting (G_DATE_MONDAY, 9 * 60, -1, "UTC", 4, 0);

  assert_describes (weekly, "Jeden DAY um 13:00 (Europe/Berlin)", G_DATE_WEDNESDAY);
  assert_describes (biweekly, "Alle zwei Wochen am DAY um 9:00–9:30 (UTC)", G_DATE_THURSDAY);
  assert_describes (monthly, "Jeden dritten DAY im Monat um 16:00–17:00 (America/Los_Angeles)",
                    G_DATE_TUESDAY);
  assert_describes (last, "Jeden letzten DAY im Monat um 8:05 (Asia/Tokyo)", G_DATE_FRIDAY);
  /* ngettext, plural form */
  assert_describes (four_weekly, "Alle 4 Wochen am DAY um 9:00 (UTC)", G_DATE_MONDAY);
}

static void
test_schedule_weekday_names (void)
{
  g_autoptr(ConveneMeeting) weekly = meeting (G_DATE_WEDNESDAY, 13 * 60, -1, "Europe/Berlin", 1, 0);
  g_autofree char *text = NULL;

  if (!have_german_locale)
    {
      g_test_skip ("no German locale is installed (locale-gen de_DE.UTF-8)");
      return;
    }

  text = convene_schedule_describe (weekly);
  g_assert_cmpstr (text, ==, "Jeden Mittwoch um 13:00 (Europe/Berlin)");
}

static void
test_schedule_format_next (void)
{
  /* TZ=UTC (set in main), so local times are UTC */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
  static const struct {
    int minutes;
    const char *relative;
  } cases[] = {
    { 0, "jetzt" },
    { 1, "in 1 Minute" },
    { 2, "in 2 Minuten" },
    { 60, "in 1 Stunde" },
    { 120, "in 2 Stunden" },
    { 22 * 60, "morgen" },
    { 2 * 24 * 60, "in 2 Tagen" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_minutes (now, cases[i].minutes);
      g_autofree char *date = g_date_time_format (start, "%a, %-d. %b, %H:%M");
      g_autofree char *expected = g_strdup_printf ("%s · %s", date, cases[i].relative);
      g_autofree char *text = convene_schedule_format_next (start, now);

      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_plural_forms (void)
{
  /* German: n == 1 is singular, every other n (0 too) plural */
  g_assert_cmpstr (ngettext ("%u person", "%u people", 1), ==, "%u Person");
  g_assert_cmpstr (ngettext ("%u person", "%u people", 2), ==, "%u Personen");
  g_assert_cmpstr (ngettext ("%u person", "%u people", 0), ==, "%u Personen");
  g_assert_cmpstr (ngettext ("Starts in %d minute", "Starts in %d minutes", 1), ==,
                   "Beginnt in %d Minute");
  g_assert_cmpstr (ngettext ("Starts in %d minute", "Starts in %d minutes", 21), ==,
                   "Beginnt in %d Minuten");
  g_assert_cmpstr (ngettext ("day", "days", 1), ==, "Tag");
  g_assert_cmpstr (ngettext ("day", "days", 7), ==, "Tagen");
  g_assert_cmpstr (g_dpgettext2 (NULL, "meeting badge", "Soon"), ==, "Bald");
}

/* The command line, run as the real binary */

static void
test_cli_validate (void)
{
  g_auto(CliRun) run = { 0 };
  g_autofree char *path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"),
                                            "data", "registry", "istio.json", NULL);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  registry = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("OK: %u Gruppen, %u Personen\n",
                              g_list_model_get_n_items (G_LIST_MODEL (registry)),
                              convene_registry_get_n_people (registry));

  run_convene_de (&run, "--validate", path, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_errors (void)
{
  g_auto(CliRun) group = { 0 };
  g_auto(CliRun) now = { 0 };

  run_convene_de (&group, "--ics", "no-such-group", NULL);
  g_assert_cmpint (group.status, !=, 0);
  g_assert_nonnull (strstr (group.err,
                            "Keine Arbeitsgruppe mit der Kennung »no-such-group«; "
                            "--list zeigt alle an"));

  run_convene_de (&now, "--upcoming", "--now", "yesterday", NULL);
  g_assert_cmpint (now.status, !=, 0);
  g_assert_nonnull (strstr (now.err, "»yesterday« ist keine Zeitangabe im ISO-8601-Format"));
}

static void
test_cli_help (void)
{
  g_auto(CliRun) run = { 0 };

  /* GApplication's options are translated in the app's domain */
  run_convene_de (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--registry=DATEI|URL"));
  g_assert_nonnull (strstr (run.out, "Das Register DATEI oder URL statt des mitgelieferten öffnen"));
}

/* What the build merges into the desktop file and the metainfo */

static void
test_desktop_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data",
                                                 APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *generic = NULL;

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  generic = g_key_file_get_locale_string (keyfile, "Desktop Entry", "GenericName", "de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (generic, ==, "Arbeitsgruppen");

  comment = g_key_file_get_locale_string (keyfile, "Desktop Entry", "Comment", "de", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (comment, "Sehen, wer welche Arbeitsgruppe leitet"));

  /* A list: the translation must keep the separators and the final one */
  keywords = g_key_file_get_value (keyfile, "Desktop Entry", "Keywords[de]", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (keywords, ";"));
  g_assert_nonnull (strstr (keywords, "Arbeitsgruppe;"));
}

static void
test_metainfo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "data",
                                                 APP_ID ".metainfo.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<summary xml:lang=\"de\">Arbeitsgruppen und ihre "
                                      "Treffen</summary>"));
}

/* Every .po file: what msgfmt --check does not see */

typedef struct
{
  GString *msgctxt;
  GString *msgid;
  GString *msgid_plural;
  GPtrArray *msgstr;  /* of GString */
  gboolean c_format;
  gboolean fuzzy;
  guint line;
} PoEntry;

static void
string_free (gpointer str)
{
  g_string_free (str, TRUE);
}

static void
po_entry_free (PoEntry *entry)
{
  if (entry->msgctxt != NULL)
    g_string_free (entry->msgctxt, TRUE);
  if (entry->msgid != NULL)
    g_string_free (entry->msgid, TRUE);
  if (entry->msgid_plural != NULL)
    g_string_free (entry->msgid_plural, TRUE);
  g_ptr_array_unref (entry->msgstr);
  g_free (entry);
}

static const char *
po_entry_msgstr (PoEntry *entry,
                 guint    i)
{
  return ((GString *)g_ptr_array_index (entry->msgstr, i))->str;
}

/* Appends the C-style string literal at @p ("..."), decoded the way
 * gettext reads it, to @str. */
static void
append_po_string (GString    *str,
                  const char *p)
{
  g_autofree char *inner = NULL;
  g_autofree char *decoded = NULL;
  const char *end = strrchr (p, '"');

  g_assert_true (*p == '"' && end != NULL && end > p);
  inner = g_strndup (p + 1, end - p - 1);
  decoded = g_strcompress (inner);
  g_string_append (str, decoded);
}

/* A reader for the .po files gettext writes: entries separated by blank
 * lines, flags in "#," comments, obsolete "#~" entries skipped. */
static GPtrArray *
parse_po (const char *path)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)po_entry_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  PoEntry *entry = NULL;
  GString *field = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *value;

      if (g_str_has_prefix (line, "#~"))
        continue;
      if (*line == '\0')
        {
          entry = NULL;
          field = NULL;
          continue;
        }
      if (entry == NULL)
        {
          entry = g_new0 (PoEntry, 1);
          entry->msgstr = g_ptr_array_new_with_free_func (string_free);
          entry->line = i + 1;
          g_ptr_array_add (entries, entry);
        }

      if (g_str_has_prefix (line, "#,"))
        {
          entry->c_format |= strstr (line, " c-format") != NULL;
          entry->fuzzy |= strstr (line, " fuzzy") != NULL;
          continue;
        }
      if (*line == '#')
        continue;

      if (*line == '"')
        {
          g_assert_nonnull (field);
          append_po_string (field, line);
          continue;
        }

      value = strchr (line, ' ');
      if (value == NULL)
        g_error ("%s:%u: cannot read “%s”", path, i + 1, line);
      field = g_string_new (NULL);
      append_po_string (field, value + 1);

      if (g_str_has_prefix (line, "msgctxt "))
        entry->msgctxt = field;
      else if (g_str_has_prefix (line, "msgid_plural "))
        entry->msgid_plural = field;
      else if (g_str_has_prefix (line, "msgid "))
        entry->msgid = field;
      else if (g_str_has_prefix (line, "msgstr"))
        g_ptr_array_add (entry->msgstr, field);
      else
        g_error ("%s:%u: cannot read “%s”", path, i + 1, line);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);

      if (e->msgid == NULL || e->msgstr->len == 0)
        g_error ("%s:%u: an entry without msgid or msgstr", path, e->line);
    }

  return g_steal_pointer (&entries);
}

/* The printf conversions of @format in argument order, as one string
 * ("s s u"), positional ones ("%2$s %1$s") put in their place. */
static char *
conversions (const char *format)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = format; *p != '\0'; p++)
    {
      GString *spec;
      guint index = next;
      const char *start;

      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;

      start = p;
      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '$' && p > start)
        {
          index = (guint)g_ascii_strtoull (start, NULL, 10) - 1;
          p++;
        }
      else
        {
          p = start;
          next++;
        }

      spec = g_string_new (NULL);
      while (strchr ("-+ #0'I", *p) != NULL && *p != '\0')
        p++;
      while (g_ascii_isdigit (*p) || *p == '.' || *p == '*')
        p++;
      while (strchr ("hlLqjzt", *p) != NULL && *p != '\0')
        g_string_append_c (spec, *p++);
      g_string_append_c (spec, *p);
      if (*p == '\0')
        {
          g_string_free (spec, TRUE);
          break;
        }

      while (args->len <= index)
        g_ptr_array_add (args, NULL);
      g_free (args->pdata[index]);
      args->pdata[index] = g_string_free (spec, FALSE);
    }

  for (guint i = 0; i < args->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", args->pdata[i] ? (char *)args->pdata[i] : "?");
  return g_string_free (out, FALSE);
}

static guint
count_char (const char *str,
            char        c)
{
  guint n = 0;

  for (; *str != '\0'; str++)
    n += *str == c;
  return n;
}

static char *
markup_tags (const char *str)
{
  GString *tags = g_string_new (NULL);

  for (const char *p = strchr (str, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *end = strchr (p, '>');

      if (end == NULL)
        break;
      g_string_append_len (tags, p, end - p + 1);
    }
  return g_string_free (tags, FALSE);
}

static void
check_po_entry (const char *lang,
                PoEntry    *e)
{
  for (guint i = 0; i < e->msgstr->len; i++)
    {
      const char *msgstr = po_entry_msgstr (e, i);
      const char *msgid = (i > 0 && e->msgid_plural != NULL) ? e->msgid_plural->str : e->msgid->str;
      g_autofree char *id_tags = markup_tags (msgid);
      g_autofree char *str_tags = markup_tags (msgstr);

      if (*msgstr == '\0')
        continue;

      if (e->c_format)
        {
          g_autofree char *id_conversions = conversions (msgid);
          g_autofree char *str_conversions = conversions (msgstr);

          if (g_strcmp0 (id_conversions, str_conversions) != 0)
            g_error ("%s.po:%u: “%s” has the conversions “%s”, its translation “%s” has “%s”",
                     lang, e->line, msgid, id_conversions, msgstr, str_conversions);
        }

      /* Mnemonics (and identifiers such as America/Los_Angeles) keep their
       * underscores; a lost '_' loses the access key, a second one shows. */
      if (count_char (msgid, '_') != count_char (msgstr, '_') &&
          g_strcmp0 (msgid, "translator-credits") != 0)
        g_error ("%s.po:%u: “%s” and its translation “%s” have different underscores",
                 lang, e->line, msgid, msgstr);

      if (g_strcmp0 (id_tags, str_tags) != 0)
        g_error ("%s.po:%u: “%s” and its translation “%s” have different markup",
                 lang, e->line, msgid, msgstr);

      if (g_str_has_suffix (msgid, "\n") != g_str_has_suffix (msgstr, "\n"))
        g_error ("%s.po:%u: “%s” and its translation differ in the final newline",
                 lang, e->line, msgid);

      /* Desktop file lists */
      if (g_str_has_suffix (msgid, ";") && !g_str_has_suffix (msgstr, ";"))
        g_error ("%s.po:%u: the translation of “%s” must end with a semicolon",
                 lang, e->line, msgid);
    }
}

static void
test_po_files (void)
{
  g_autofree char *po_dir = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"), "po", NULL);
  g_autofree char *linguas_path = g_build_filename (po_dir, "LINGUAS", NULL);
  g_autofree char *linguas = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) langs = NULL;
  guint n_langs = 0;

  g_file_get_contents (linguas_path, &linguas, NULL, &error);
  g_assert_no_error (error);
  langs = g_strsplit_set (linguas, " \t\n", -1);

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      gboolean has_plural_forms = FALSE;

      if (*langs[i] == '\0' || *langs[i] == '#')
        continue;

      path = g_strdup_printf ("%s/%s.po", po_dir, langs[i]);
      entries = parse_po (path);
      g_assert_cmpuint (entries->len, >, 1);
      n_langs++;

      for (guint j = 0; j < entries->len; j++)
        {
          PoEntry *e = g_ptr_array_index (entries, j);

          if (e->msgid->len == 0)
            {
              g_assert_cmpuint (e->msgstr->len, ==, 1);
              has_plural_forms = strstr (po_entry_msgstr (e, 0), "Plural-Forms: nplurals=") != NULL;
              continue;
            }
          check_po_entry (langs[i], e);
        }

      g_assert_true (has_plural_forms);
    }

  /* German at least: the other tests here read it */
  g_assert_cmpuint (n_langs, >=, 1);
}

static void
test_po_german_complete (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"), "po", "de.po", NULL);
  g_autoptr(GPtrArray) entries = parse_po (path);

  for (guint i = 0; i < entries->len; i++)
    {
      PoEntry *e = g_ptr_array_index (entries, i);

      if (e->fuzzy && e->msgid->len > 0)
        g_error ("de.po:%u: “%s” is fuzzy", e->line, e->msgid->str);
      for (guint j = 0; j < e->msgstr->len; j++)
        if (*po_entry_msgstr (e, j) == '\0')
          g_error ("de.po:%u: “%s” is not translated", e->line, e->msgid->str);
    }
}

/* The conversion reader itself: a test that trusts it must know it works */
static void
test_po_conversions (void)
{
  const struct {
    const char *format;
    const char *expected;
  } cases[] = {
    { "no conversions, 100%% sure", "" },
    { "%s · %s", "s s" },
    { "%d:%02d–%d:%02d", "d d d d" },
    { "“%s” is larger than %u MB", "s u" },
    { "%2$s before %1$u", "u s" },
    { "%ld and %-5.2f", "ld f" },
    { "%lu %zu %hhd", "lu zu hhd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = conversions (cases[i].format);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const german_locales[] = {
    "de_DE.UTF-8", "de_DE.utf8", "de_AT.UTF-8", "de_CH.UTF-8", "de_LU.UTF-8", "de_BE.UTF-8",
  };

  /* Before anything reads them: the language, and local time as UTC */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");

  g_test_init (&argc, &argv, NULL);

  /* After g_test_init(), which must not reset it */
  for (guint i = 0; i < G_N_ELEMENTS (german_locales) && !have_german_locale; i++)
    have_german_locale = setlocale (LC_ALL, german_locales[i]) != NULL;
  if (!have_german_locale && setlocale (LC_ALL, "C.UTF-8") == NULL)
    g_error ("neither a German nor the C.UTF-8 locale is available");

  bindtextdomain (GETTEXT_PACKAGE, po_builddir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/catalog/built", test_catalog_built);
  g_test_add_func ("/i18n/core/link-kinds", test_link_kinds);
  g_test_add_func ("/i18n/core/roles", test_roles);
  g_test_add_func ("/i18n/schedule/describe", test_schedule_describe);
  g_test_add_func ("/i18n/schedule/weekday-names", test_schedule_weekday_names);
  g_test_add_func ("/i18n/schedule/format-next", test_schedule_format_next);
  g_test_add_func ("/i18n/plural-forms", test_plural_forms);
  g_test_add_func ("/i18n/cli/validate", test_cli_validate);
  g_test_add_func ("/i18n/cli/errors", test_cli_errors);
  g_test_add_func ("/i18n/cli/help", test_cli_help);
  g_test_add_func ("/i18n/data/desktop-file", test_desktop_file);
  g_test_add_func ("/i18n/data/metainfo", test_metainfo);
  g_test_add_func ("/i18n/po/conversions", test_po_conversions);
  g_test_add_func ("/i18n/po/files", test_po_files);
  g_test_add_func ("/i18n/po/german-complete", test_po_german_complete);

  return g_test_run ();
}
