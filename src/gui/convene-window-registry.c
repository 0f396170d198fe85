/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-issue.h"
#include "convene-window-private.h"

/* The window follows its store: the registry shown, or the problems of
 * one that failed to load with a way out, or a loading page until the
 * first registry of a file comes; a spinner while a reload is under way.
 * A registry that failed to reload stays shown, with a strip over the
 * content that says so and shows the problems on demand.
 */

/* What the error page and the problems dialog say of a registry that
 * could not be read: a sentence for a file that is not there (GIO's
 * message repeats the path the page already names), else one line per
 * located issue, or the error's message. The error page shows the first
 * %MAX_PAGE_PROBLEMS lines and "Show All" for the rest, so that its
 * buttons stay on screen.
 */
#define MAX_PAGE_PROBLEMS 5

static char *
dup_problems_text (const GError *error,
                   GPtrArray    *issues,
                   guint         max_lines,
                   guint        *n_lines)
{
  GString *text = g_string_new (NULL);

  *n_lines = 1;

  if (issues != NULL && issues->len > 0)
    {
      *n_lines = issues->len;
      for (guint i = 0; i < issues->len && i < max_lines; i++)
        {
          g_autofree char *line = convene_issue_to_string (g_ptr_array_index (issues, i));

          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, line);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_string_append (text, _("There is no file at this place: it may have been moved, "
                               "renamed or deleted."));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
    {
      g_string_append (text, _("Convene is not allowed to read this file."));
    }
  else if (error != NULL)
    {
      g_string_append (text, error->message);
    }
  else
    {
      g_string_append (text, _("The registry could not be read."));
    }

  return g_string_free (text, FALSE);
}

static void
set_error_text (ConveneWindow *self,
                const char    *path,
                const GError  *error,
                GPtrArray     *issues)
{
  guint n_lines;
  g_autofree char *text = dup_problems_text (error, issues, MAX_PAGE_PROBLEMS, &n_lines);
  g_autofree char *description = NULL;

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *escaped = g_markup_escape_text (display, -1);

      /* Translators: %s is the path of a file */
      description = g_strdup_printf (_("Convene could not use “%s”. Fix the problems below and "
                                       "reload, or use the registry that comes with Convene."),
                                     escaped);
    }
  else
    {
      description = g_strdup (_("The registry that comes with Convene could not be used."));
    }

  adw_status_page_set_description (self->error_page, description);
  gtk_label_set_label (self->error_label, text);

  if (n_lines > MAX_PAGE_PROBLEMS)
    {
      /* Translators: %u is how many problems there are in all */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Show All %u Problem",
                                                             "Show All %u Problems",
                                                             n_lines),
                                                n_lines);

      gtk_button_set_label (self->error_show_all, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_show_all), n_lines > MAX_PAGE_PROBLEMS);
}

/* The registry shown is the last good one of a file that now fails. */
static void
update_problems_bar (ConveneWindow *self,
                     const char    *path,
                     const GError  *error)
{
  gboolean shown = error != NULL && self->registry != NULL;

  if (shown)
    {
      g_autofree char *name = path ? g_filename_display_basename (path) : NULL;
      g_autofree char *text = NULL;

      if (name != NULL)
        /* Translators: %s is the name of a registry file */
        text = g_strdup_printf (_("“%s” could not be reloaded: what it said before is shown"),
                                name);
      else
        text = g_strdup (_("The bundled registry could not be reloaded"));

      gtk_label_set_label (self->problems_label, text);
    }

  gtk_revealer_set_reveal_child (self->problems_revealer, shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-problems", error != NULL);
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  const GError *error = convene_registry_store_get_error (self->store);
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;
  guint n_lines;

  if (error == NULL)
    return;

  text = dup_problems_text (error, convene_registry_store_get_issues (self->store), G_MAXUINT,
                            &n_lines);

  /* Selectable and monospace, like the error page: file:line:column. */
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "problems-details");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Problems in the Registry"),
                                   self->registry != NULL
                                   ? _("Fix them in the file and reload it; until then the "
                                       "registry it gave before is shown.")
                                   : _("Fix them in the file and reload it."));
  gtk_widget_add_css_class (dialog, "problems-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_registry_error (ConveneWindow *self,
                     const char    *path,
                     const GError  *error,
                     GPtrArray     *issues)
{
  convene_window_set_registry (self, NULL);
  set_error_text (self, path, error, issues);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_ERROR);
}

/* Until the first registry of a file comes, there is nothing else to show. */
static void
show_loading (ConveneWindow *self,
              const char    *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *display = g_filename_display_name (path);
  /* Translators: %s is the name of a registry file */
  g_autofree char *title = g_strdup_printf (_("Loading “%s”…"), name);
  g_autofree char *escaped = g_markup_escape_text (display, -1);

  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, escaped);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_LOADING);
}

/* Cancel on the loading page: nothing is shown, and the error page says
 * why and offers the ways out.
 */
static void
show_cancelled (ConveneWindow *self)
{
  convene_window_set_registry (self, NULL);
  adw_status_page_set_description (self->error_page,
                                   _("Reading the registry file was cancelled."));
  gtk_label_set_label (self->error_label,
                       _("A file that never finishes, such as a pipe, cannot be a registry. "
                         "Open another file or use the registry that comes with Convene."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_show_all), FALSE);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_ERROR);
}

/* The current registry's own last group (see _convene_window_dup_last_group()). */
static void
restore_last_group (ConveneWindow *self)
{
  g_autofree char *last_group = NULL;

  if (self->registry == NULL)
    {
      self->switching = FALSE;
      return;
    }

  last_group = _convene_window_dup_last_group (self);
  if (last_group != NULL && *last_group != '\0')
    _convene_window_show_group (self, last_group, FALSE);
  else
    _convene_window_show_overview (self, FALSE);
}

void
_convene_window_sync_with_store (ConveneWindow *self)
{
  ConveneRegistry *registry = convene_registry_store_get_registry (self->store);
  const GError *error = convene_registry_store_get_error (self->store);
  const char *path = convene_registry_store_get_path (self->store);
  ConveneRegistries *registries = convene_context_get_registries (self->context);
  gboolean downloading = convene_registries_get_downloading (registries);
  gboolean loading = convene_registry_store_get_loading (self->store) || downloading;

  /* The error page only when there is nothing else to show. */
  if (registry != NULL)
    convene_window_set_registry (self, registry);
  else if (error != NULL)
    show_registry_error (self, path, error, convene_registry_store_get_issues (self->store));

  if (registry != NULL || error != NULL || loading)
    self->load_cancelled = FALSE;
  else if (self->load_cancelled)
    show_cancelled (self);

  update_problems_bar (self, path, error);

  /* The age of what is shown: the store knows it of its own registry. */
  convene_overview_page_set_date (self->overview_page,
                                  self->registry != NULL && self->registry == registry
                                  ? convene_registry_store_get_date (self->store)
                                  : NULL);
  {
    ConveneRegistrySource *source = convene_registries_get_current (registries);

    convene_overview_page_set_fetched (self->overview_page,
                                       source != NULL && self->registry == registry
                                       ? convene_registry_source_get_fetched (source)
                                       : NULL);
  }
  _convene_window_update_registries (self);

  /* A reload keeps the registry shown until the new one replaces it. */
  if (loading && self->registry == NULL)
    show_loading (self, downloading
                        ? convene_registries_get_downloading_location (registries)
                        : convene_registry_store_get_loading_path (self->store));

  gtk_spinner_set_spinning (self->loading_spinner, loading && self->registry == NULL);
  gtk_spinner_set_spinning (self->reload_spinner, loading && self->registry != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), loading && self->registry != NULL);

  if (!loading && self->last_group_pending)
    {
      self->last_group_pending = FALSE;
      restore_last_group (self);
    }
}

/* Opening files: Open File…, and files dropped on the window */

/**
 * convene_window_open_file:
 * @self: a #ConveneWindow
 * @file: a registry file
 *
 * Loads @file into the store, as the chooser of Open File… and a drop on
 * the window do. A file with no local path (a web address) goes to
 * convene_window_open_location().
 *
 * Returns: whether the load started
 */
gboolean
convene_window_open_file (ConveneWindow *self,
                          GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CONVENE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* A web address goes where Open Location… sends it. */
      return convene_window_open_location (self, uri);
    }

  /* Remembered in the list once it loads. */
  {
    g_autoptr(GError) error = NULL;

    if (!convene_registries_open (convene_context_get_registries (self->context), path, &error))
      {
        convene_window_add_toast (self, error->message);
        return FALSE;
      }
  }
  return TRUE;
}

static void
open_file_response_cb (ConveneWindow        *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  _convene_window_close_file_chooser (self);

  if (file != NULL)
    convene_window_open_file (self, file);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ConveneWindow *self = CONVENE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  _convene_window_close_file_chooser (self);

  /* The store reads the JSON format; GtkFileChooserNative goes through the
   * portal in a sandbox.
   */
  gtk_file_filter_set_name (filter, _("Registries"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Open Registry"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (open_file_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ConveneWindow *self)
{
  GSList *files;

  /* A link dragged from a browser: text/uri-list or plain text, its
   * first line the address.
   */
  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      const char *text = g_value_get_string (value);
      g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", 0);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strstrip (lines[i]);
          if (*lines[i] != '\0' && *lines[i] != '#')
            return convene_window_open_location (self, lines[i]);
        }
      return FALSE;
    }

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* One registry at a time: the first file dropped. */
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  return convene_window_open_file (self, G_FILE (files->data));
}

void
_convene_window_init_registry (ConveneWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));

  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_convene_window_class_init_registry (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, error_show_all);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, problems_revealer);

  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-file", NULL);
}
