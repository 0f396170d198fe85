/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-application"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-application-private.h"

/* What the About window says of the data shown: its date, when it was
 * fetched (from its source, the one the window shows).
 */
static char *
dup_about_comments (ConveneRegistryStore *store,
                    ConveneContext       *context)
{
  const char *comments = _("See who leads each working group and join its next meeting.");
  GDateTime *date = convene_registry_store_get_date (store);
  ConveneRegistrySource *source;
  g_autofree char *data = NULL;

  if (date == NULL || convene_registry_store_get_registry (store) == NULL)
    return g_strdup (comments);

  data = g_date_time_format (date, _("Data of %-d %B %Y"));
  source = convene_registries_get_current (convene_context_get_registries (context));
  if (source != NULL && convene_registry_source_get_fetched (source) != NULL)
    {
      g_autofree char *fetched = g_date_time_format (convene_registry_source_get_fetched (source),
                                                     _("fetched %-d %B %Y"));
      g_autofree char *date_only = g_steal_pointer (&data);

      data = g_strdup_printf (_("%s · %s"), date_only, fetched);
    }

  return g_strdup_printf ("%s\n\n%s", comments, data);
}

/* The credit of the data shown, from its source: where it comes from, of
 * when, and under which licence when Convene knows it.
 */
static void
add_data_credits (ConveneRegistryStore *store,
                  ConveneContext       *context,
                  AdwAboutWindow       *about)
{
  ConveneRegistrySource *source;
  GDateTime *date = convene_registry_store_get_date (store);
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (convene_registry_store_get_registry (store) == NULL)
    return;

  source = convene_registries_get_current (convene_context_get_registries (context));
  if (date != NULL)
    when = g_date_time_format (date, _("%-d %B %Y"));

  if (source == NULL || convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_BUNDLED)
    {
      const char *upstream = source ? convene_registry_source_get_upstream (source) : NULL;

      /* Istio's WORKING-GROUPS.md of the community repository
       * (github.com/istio/community), which is under the Apache License
       * 2.0: the seed, or a newer copy of it from the upstream.
       */
      if (source != NULL && convene_registry_source_get_fetched (source) != NULL && when != NULL)
        /* Translators: the first %s is a web address, the second a date */
        text = g_strdup_printf (_("The working groups of the Istio community, from %s "
                                  "(%s)"), upstream, when);
      else
        text = g_strdup (_("The working groups of the Istio community, from its community "
                           "repository (commit 9ef47a8, 11 December 2017)"));

      adw_about_window_add_legal_section (about, _("Registry Data"), text,
                                          GTK_LICENSE_APACHE_2_0, NULL);
      return;
    }

  {
    const char *location = convene_registry_source_get_location (source);
    g_autofree char *display = convene_registry_source_get_kind (source) == CONVENE_SOURCE_KIND_FILE
                               ? g_filename_display_name (location)
                               : g_strdup (location);

    if (when != NULL)
      /* Translators: the first %s is the path or address of a registry, the second a date */
      text = g_strdup_printf (_("From “%s” (%s)"), display, when);
    else
      /* Translators: %s is the path or address of a registry */
      text = g_strdup_printf (_("From “%s”"), display);

    adw_about_window_add_legal_section (about, _("Registry Data"), text, GTK_LICENSE_CUSTOM,
                                        _("Convene does not know the licence of this data; "
                                          "its source says under which terms it may be used."));
  }
}

/* The About window of @app, with the credit of the data shown. */
void
_convene_application_show_about (GtkApplication       *app,
                                 ConveneRegistryStore *store,
                                 ConveneContext       *context)
{
  static const char *developers[] = { "The Convene developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (app);
  g_autofree char *comments = dup_about_comments (store, context);
  GtkWidget *about;

  /* The icon comes from the resources too (icons/ under the resource
   * base path), so it shows when Convene runs from the build tree.
   */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", app,
                        "transient-for", parent,
                        "application-name", _("Convene"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", comments,
                        "developer-name", _("The Convene developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Convene developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/convene/convene",
                        "issue-url", "https://github.com/convene/convene/issues",
                        /* Translators: your names, one per line, to be credited in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  add_data_credits (store, context, ADW_ABOUT_WINDOW (about));
  gtk_window_present (GTK_WINDOW (about));
}

