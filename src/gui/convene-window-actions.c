/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "convene-group-page.h"
#include "convene-ics.h"
#include "convene-launcher.h"
#include "convene-preferences-window.h"
#include "convene-window-private.h"

/* The window's actions: every link of every page comes here through
 * "win.open-uri" and "win.copy-uri", so there is one place that asks the
 * launcher and tells the user what happened; joining a call and exporting
 * calendars; showing pages; search, back and preferences.
 */

/* Opening links */

/* What a launcher callback needs: the window, and what it tried to open. */
typedef struct
{
  ConveneWindow *window;
  char *uri;
} OpenRequest;

static OpenRequest *
open_request_new (ConveneWindow *window,
                  const char    *uri)
{
  OpenRequest *request = g_new0 (OpenRequest, 1);

  request->window = g_object_ref (window);
  request->uri = g_strdup (uri);
  return request;
}

static void
open_request_free (OpenRequest *request)
{
  g_clear_object (&request->window);
  g_clear_pointer (&request->uri, g_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenRequest, open_request_free)

/* A toast with a button that runs a window action: "Copy Link" when a
 * link could not be opened, so the user can paste it where it works.
 */
static void
add_toast_with_action (ConveneWindow *self,
                       const char    *text,
                       const char    *button_label,
                       const char    *action_name,
                       GVariant      *target)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_action_target_value (toast, target);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
}

static void
open_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  ConveneWindow *self = request->window;
  const char *uri = request->uri;
  g_autoptr(GError) error = NULL;

  if (convene_launcher_open_finish (CONVENE_LAUNCHER (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_NO_HANDLER) &&
      uri != NULL)
    {
      add_toast_with_action (self, error->message, _("Copy Link"), "win.copy-uri",
                             g_variant_new_string (uri));
    }
  else if (error->domain == CONVENE_LAUNCHER_ERROR)
    {
      convene_window_add_toast (self, error->message);
    }
  else
    {
      /* Translators: %s says why, such as "No application is registered as handling this file" */
      g_autofree char *text = g_strdup_printf (_("Could not open the link: %s"), error->message);

      g_debug ("%s", text);
      convene_window_add_toast (self, text);
    }
}

/* Meetings */

static ConveneGroup *
lookup_group_or_toast (ConveneWindow *self,
                       const char    *group_id)
{
  ConveneGroup *group = NULL;

  if (self->registry != NULL && group_id != NULL)
    group = convene_registry_lookup_group (self->registry, group_id);

  if (group == NULL)
    {
      /* Translators: %s is the id of a working group */
      g_autofree char *text = g_strdup_printf (_("No group “%s”"), group_id ? group_id : "");

      convene_window_add_toast (self, text);
    }

  return group;
}

/* The meeting to join: of those with a link, the one running or starting
 * next; a link without a known time is better than none.
 */
static ConveneMeeting *
find_meeting_to_join (ConveneWindow *self,
                      GListModel    *meetings)
{
  GDateTime *now = convene_upcoming_get_now (self->upcoming);
  g_autoptr(GDateTime) soonest = NULL;
  ConveneMeeting *found = NULL;
  ConveneMeeting *first = NULL;
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConveneMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GDateTime) next = NULL;
      const char *url = convene_meeting_get_url (meeting);

      if (url == NULL || *url == '\0')
        continue;

      if (first == NULL)
        first = meeting;

      next = convene_schedule_next (meeting, now);
      if (next != NULL && (soonest == NULL || g_date_time_compare (next, soonest) < 0))
        {
          g_clear_pointer (&soonest, g_date_time_unref);
          soonest = g_steal_pointer (&next);
          found = meeting;
        }
    }

  /* The models hold the meetings; the references taken above were only
   * for the loop.
   */
  return found != NULL ? found : first;
}

static void
join_group_meeting (ConveneWindow *self,
                    ConveneGroup  *group)
{
  ConveneMeeting *meeting;
  GListModel *meetings;

  meetings = convene_registry_get_group_meetings (self->registry, group, NULL);
  meeting = find_meeting_to_join (self, meetings);
  if (meeting == NULL)
    {
      /* Translators: %s is the name of a working group */
      g_autofree char *text = g_strdup_printf (_("“%s” has no meeting link"),
                                               convene_group_get_name (group));

      convene_window_add_toast (self, text);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-uri", "s",
                              convene_meeting_get_url (meeting));
}

/* Tells the user why a calendar could not be made. */
static void
toast_ics_error (ConveneWindow *self,
                 const GError  *error)
{
  if (g_error_matches (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING))
    {
      convene_window_add_toast (self, _("This group’s meeting time is not known"));
    }
  else
    {
      /* Translators: %s says why, such as "The time zone … is unknown" */
      g_autofree char *text = g_strdup_printf (_("Could not export the meetings: %s"),
                                               error->message);

      convene_window_add_toast (self, text);
    }
}

/* The calendar of a group's meetings, as of the window's "now". */
static GBytes *
dup_group_ics (ConveneWindow  *self,
               ConveneGroup   *group,
               GError        **error)
{
  GDateTime *now = convene_upcoming_get_now (self->upcoming);
  g_autofree char *ics = NULL;
  gsize len;

  /* The same events, UIDs and titles as the whole registry's export */
  ics = convene_ics_for_registry_group_at (self->registry, group, now, error);

  if (ics == NULL)
    return NULL;

  len = strlen (ics);
  return g_bytes_new_take (g_steal_pointer (&ics), len);
}

/* A file name made of the group id: ids come from the registry, so
 * anything but letters, digits, "-" and "_" is replaced.
 */
static char *
dup_ics_basename (const char *id)
{
  g_autofree char *safe = g_strdup (id != NULL && *id != '\0' ? id : "meetings");

  g_strcanon (safe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", '_');
  return g_strconcat (safe, ".ics", NULL);
}

static void
open_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OpenRequest) request = user_data;
  ConveneWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (convene_launcher_open_file_finish (CONVENE_LAUNCHER (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The file was written; whoever cannot open it can still import it. */
  file = g_file_new_for_uri (request->uri);
  name = g_file_get_parse_name (file);

  if (g_error_matches (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_NO_HANDLER))
    /* Translators: %s is the full name of the calendar file Convene wrote */
    text = g_strdup_printf (_("No application is set up to open calendar files. "
                              "The calendar was saved as %s"), name);
  else
    /* Translators: the full name of a file, then why, such as "Permission denied" */
    text = g_strdup_printf (_("The calendar was saved as %s but could not be opened: %s"),
                            name, error->message);

  convene_window_add_toast (self, text);
}

static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why, such as "No space left on device" */
          g_autofree char *text = g_strdup_printf (_("Could not write the calendar: %s"),
                                                   error->message);

          convene_window_add_toast (self, text);
        }
      return;
    }

  uri = g_file_get_uri (file);
  convene_launcher_open_file_async (convene_context_get_launcher (self->context), file,
                                    GTK_WIDGET (self), self->cancellable, open_file_cb,
                                    open_request_new (self, uri));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ConveneWindow) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *basename = g_path_get_basename (name);
  g_autofree char *text = NULL;

  if (g_file_replace_contents_finish (file, result, NULL, &error))
    {
      /* Translators: %s is the name of a file */
      text = g_strdup_printf (_("Saved “%s”"), basename);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  else
    {
      /* Translators: the name of a file, then why, such as "Permission denied" */
      text = g_strdup_printf (_("Could not save “%s”: %s"), basename, error->message);
    }

  convene_window_add_toast (self, text);
}

void
_convene_window_close_file_chooser (ConveneWindow *self)
{
  if (self->file_chooser == NULL)
    return;

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
}

static void
file_chooser_response_cb (ConveneWindow        *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  GBytes *contents = g_object_get_data (G_OBJECT (chooser), "convene-contents");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* Written whole to a temporary file, then renamed over the old one. */
  if (file != NULL)
    g_file_replace_contents_bytes_async (file, contents, NULL, FALSE, G_FILE_CREATE_NONE,
                                         self->cancellable, saved_cb, g_object_ref (self));

  _convene_window_close_file_chooser (self);
}

static void
save_calendar_as (ConveneWindow *self,
                  GBytes        *contents,
                  const char    *basename)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  const char *documents;

  _convene_window_close_file_chooser (self);

  self->file_chooser = gtk_file_chooser_native_new (_("Save Meetings"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);

  /* Calendar files are documents; without a folder the chooser starts
   * in whatever directory Convene was started from.
   */
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  folder = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                                ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->file_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), basename);

  gtk_file_filter_set_name (filter, _("Calendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);

  g_object_set_data_full (G_OBJECT (self->file_chooser), "convene-contents",
                          g_bytes_ref (contents), (GDestroyNotify)g_bytes_unref);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

/* Actions */

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  convene_launcher_open_async (convene_context_get_launcher (self->context),
                               g_variant_get_string (param, NULL),
                               widget,
                               self->cancellable,
                               open_uri_cb,
                               open_request_new (self, g_variant_get_string (param, NULL)));
}

static void
copy_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (param, NULL));
  convene_window_add_toast (self, _("Link copied"));
}

static void
join_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = lookup_group_or_toast (self, g_variant_get_string (param, NULL));

  if (group != NULL)
    join_group_meeting (self, group);
}

static gboolean
join_current_meeting_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = convene_window_get_group (self);

  if (group != NULL)
    join_group_meeting (self, group);
  else
    convene_window_add_toast (self, _("Open a group to join its meeting"));

  return TRUE;
}

static void
open_meeting_calendar_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  const char *group_id = g_variant_get_string (param, NULL);
  ConveneGroup *group = lookup_group_or_toast (self, group_id);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;

  if (group == NULL)
    return;

  if ((contents = dup_group_ics (self, group, &error)) == NULL)
    {
      toast_ics_error (self, error);
      return;
    }

  /* Only files in this directory are ever opened; see ConveneLauncher. */
  dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "ics", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      /* Translators: %s says why, such as "Permission denied" */
      g_autofree char *text = g_strdup_printf (_("Could not write the calendar: %s"),
                                               g_strerror (saved_errno));

      convene_window_add_toast (self, text);
      return;
    }

  basename = dup_ics_basename (convene_group_get_id (group));
  path = g_build_filename (dir, basename, NULL);
  file = g_file_new_for_path (path);

  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, calendar_written_cb,
                                       g_object_ref (self));
}

static void
export_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneGroup *group = lookup_group_or_toast (self, g_variant_get_string (param, NULL));
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;

  if (group == NULL)
    return;

  if ((contents = dup_group_ics (self, group, &error)) == NULL)
    {
      toast_ics_error (self, error);
      return;
    }

  basename = dup_ics_basename (convene_group_get_id (group));
  save_calendar_as (self, contents, basename);
}

static void
export_all_meetings_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneCommunity *community;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) contents = NULL;
  gsize len;

  if (self->registry == NULL)
    return;

  ics = convene_ics_for_registry_at (self->registry, convene_upcoming_get_now (self->upcoming),
                                     &error);
  if (ics == NULL)
    {
      if (g_error_matches (error, CONVENE_ICS_ERROR, CONVENE_ICS_ERROR_NO_MEETING))
        convene_window_add_toast (self, _("No meeting time is known"));
      else
        toast_ics_error (self, error);
      return;
    }

  community = convene_registry_get_community (self->registry);
  if (community != NULL)
    id = convene_group_make_id (convene_community_get_name (community));
  name = id != NULL && *id != '\0' ? g_strconcat (id, "-meetings", NULL) : g_strdup ("meetings");
  basename = dup_ics_basename (name);

  len = strlen (ics);
  contents = g_bytes_new_take (g_steal_pointer (&ics), len);
  save_calendar_as (self, contents, basename);
}

/* The win.show-* actions: see _convene_window_navigate(). */
static void
show_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  const char *group_id = g_variant_get_string (param, NULL);

  /* An unknown group shows the overview and says so. */
  if (!_convene_window_navigate (self, PAGE_GROUP, group_id))
    convene_window_show_group (self, group_id);
}

static void
show_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _convene_window_navigate (CONVENE_WINDOW (widget), PAGE_PERSON, g_variant_get_string (param, NULL));
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _convene_window_navigate (CONVENE_WINDOW (widget), PAGE_OVERVIEW, NULL);
  _convene_window_remember_group (CONVENE_WINDOW (widget), NULL);
}

static void
show_people_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _convene_window_navigate (CONVENE_WINDOW (widget), PAGE_PEOPLE, NULL);
}

/* The overview's "Working Groups" row: the groups are the sidebar's. */
static void
show_groups_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  if (_convene_window_is_folded (self))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  if (self->registry == NULL)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);

  if (_convene_window_go_back (self))
    _convene_window_focus_page (self);
  else if (_convene_window_is_folded (self))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  ConveneAvatarCache *cache = self->avatar_cache;
  GtkWidget *preferences;

  /* A window showing initials only still clears the application's cache. */
  if (cache == NULL)
    cache = convene_avatar_cache_get_default ();

  preferences = convene_preferences_window_new (GTK_WINDOW (self), cache, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

void
_convene_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.copy-uri", "s", copy_uri_action);
  gtk_widget_class_install_action (widget_class, "win.show-group", "s", show_group_action);
  gtk_widget_class_install_action (widget_class, "win.show-person", "s", show_person_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.show-people", NULL, show_people_action);
  gtk_widget_class_install_action (widget_class, "win.show-groups", NULL, show_groups_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.join-meeting", "s", join_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.open-meeting-calendar", "s",
                                   open_meeting_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.export-meeting", "s", export_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.export-all-meetings", NULL,
                                   export_all_meetings_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_j, GDK_CONTROL_MASK,
                                join_current_meeting_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  _convene_window_class_init_keyboard (widget_class);
}
