/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-launcher"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-launcher.h"
#include "convene-url.h"

/* The one place a URI from a registry is checked and handed to the desktop.
 * A registry is data from the internet: only web and email links are
 * opened, anything else (javascript:, file:, data:, custom schemes) is
 * refused with an error the window shows to the user.
 *
 * Files are opened through a separate call that takes a #GFile, never a
 * text: the ones Convene wrote itself into its cache directory (such as
 * a meeting's calendar file), and nothing else.
 */

G_DEFINE_TYPE (ConveneLauncher, convene_launcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (convene-launcher-error-quark, convene_launcher_error)

static ConveneLauncher *default_launcher;

/* Helpers */

static gboolean
scheme_is (const char *scheme,
           const char *expected)
{
  return scheme != NULL && g_ascii_strcasecmp (scheme, expected) == 0;
}

static GtkWindow *
find_realized_window (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;

  /* gtk_show_uri_full() crashes on GTK 4.8 with a window that is not
   * realized yet; such a window could not be a portal parent anyway.
   */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_widget_get_realized (GTK_WIDGET (root)))
    return GTK_WINDOW (root);

  return NULL;
}

/* The directory convene_launcher_open_file_async() opens files from. */
static GFile *
dup_own_cache_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), APP_ID, NULL);

  return g_file_new_for_path (path);
}

/* What the desktop says when it cannot open something ("Operation not
 * supported", "Unable to find terminal required for application") means
 * nothing to most people; that no application is set up for such links
 * does. The desktop's words stay in the debug log.
 */
static GError *
dup_no_handler_error (const char   *uri,
                      const GError *error)
{
  const char *scheme = uri ? g_uri_peek_scheme (uri) : NULL;
  const char *message;

  g_debug ("Could not open %s: %s", uri ? uri : "(null)", error->message);

  if (scheme_is (scheme, "mailto"))
    message = _("No application is set up to open email links");
  else if (scheme_is (scheme, "file") && g_str_has_suffix (uri, ".ics"))
    message = _("No application is set up to open calendar files");
  else if (scheme_is (scheme, "file"))
    message = _("No application is set up to open such files");
  else
    message = _("No application is set up to open web links");

  return g_error_new_literal (CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_NO_HANDLER, message);
}

/* Callbacks */

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
launch_default_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ConveneLauncher *self = CONVENE_LAUNCHER (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (CONVENE_LAUNCHER_GET_CLASS (self)->launch_finish (self, result, &error))
    {
      g_task_return_boolean (task, TRUE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           error->domain == CONVENE_LAUNCHER_ERROR)
    {
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_error (task, dup_no_handler_error (g_task_get_task_data (task), error));
      g_error_free (error);
    }
}

/* Vfuncs */

static void
convene_launcher_real_launch (ConveneLauncher     *self,
                              const char          *uri,
                              GtkWindow           *parent,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_launcher_real_launch);

  if (parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent)))
    {
      gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, cancellable,
                         show_uri_cb, g_steal_pointer (&task));
    }
  else
    {
      GdkDisplay *display = gdk_display_get_default ();
      g_autoptr(GdkAppLaunchContext) context = NULL;

      if (display != NULL)
        context = gdk_display_get_app_launch_context (display);

      g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                               launch_default_cb, g_steal_pointer (&task));
    }
}

static gboolean
convene_launcher_real_launch_finish (ConveneLauncher  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
convene_launcher_class_init (ConveneLauncherClass *klass)
{
  klass->launch = convene_launcher_real_launch;
  klass->launch_finish = convene_launcher_real_launch_finish;
}

static void
convene_launcher_init (ConveneLauncher *self)
{
}

/* Public API */

/**
 * convene_launcher_new:
 *
 * Returns: (transfer full): a launcher that opens URIs with the desktop's
 *   default handlers
 */
ConveneLauncher *
convene_launcher_new (void)
{
  return g_object_new (CONVENE_TYPE_LAUNCHER, NULL);
}

/**
 * convene_launcher_get_default:
 *
 * Returns: (transfer none): the launcher every widget of the application uses
 */
ConveneLauncher *
convene_launcher_get_default (void)
{
  if (default_launcher == NULL)
    default_launcher = convene_launcher_new ();

  return default_launcher;
}

/**
 * convene_launcher_set_default:
 * @launcher: (nullable): the launcher to use from now on, or %NULL for a
 *   plain #ConveneLauncher
 *
 * Replaces the default launcher; tests use this to record what would have
 * been opened.
 */
void
convene_launcher_set_default (ConveneLauncher *launcher)
{
  g_return_if_fail (launcher == NULL || CONVENE_IS_LAUNCHER (launcher));

  if (launcher != NULL)
    g_object_ref (launcher);

  g_clear_object (&default_launcher);
  default_launcher = launcher;
}

/**
 * convene_launcher_check_uri:
 * @uri: (nullable): a URI taken from a registry
 * @error: return location for a #ConveneLauncherError
 *
 * Decides whether Convene opens @uri: only absolute http, https and mailto
 * URIs with a host (for the web) or an address (for email) are opened.
 *
 * Returns: %TRUE if @uri may be opened
 */
gboolean
convene_launcher_check_uri (const char  *uri,
                            GError     **error)
{
  g_autoptr(GError) url_error = NULL;
  const char *scheme;

  /* The rule is the registry's (convene-url.c); the words are for users. */
  if (convene_url_check (uri, &url_error))
    return TRUE;

  scheme = uri ? g_uri_peek_scheme (uri) : NULL;

  switch ((ConveneUrlError)url_error->code)
    {
    case CONVENE_URL_ERROR_EMPTY:
      g_set_error_literal (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_INVALID,
                           _("The link is empty"));
      break;

    case CONVENE_URL_ERROR_NO_HOST:
      g_set_error_literal (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_INVALID,
                           scheme_is (scheme, "mailto") ? _("The email link has no address")
                                                        : _("The web link has no host"));
      break;

    case CONVENE_URL_ERROR_SCHEME:
      g_set_error (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_REFUSED,
                   /* Translators: %s is a URI scheme such as "javascript" or "file" */
                   _("“%s:” links are not opened, only web and email links"),
                   scheme);
      break;

    case CONVENE_URL_ERROR_UNSAFE:
      /* The details (which character, which field) mean nothing to most
       * people; that the link was held back on purpose does.
       */
      g_set_error_literal (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_REFUSED,
                           _("This link contains hidden or unsafe characters and was not opened"));
      break;

    case CONVENE_URL_ERROR_INVALID:
    default:
      g_set_error_literal (error, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_INVALID,
                           _("The link is not a valid address"));
      break;
    }

  return FALSE;
}

/**
 * convene_launcher_open_async:
 * @self: a #ConveneLauncher
 * @uri: the URI to open
 * @widget: (nullable): the widget the request came from; its window, once
 *   realized, becomes the parent of any dialog the desktop shows
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the URI was handed on or refused
 * @user_data: data for @callback
 *
 * Checks @uri with convene_launcher_check_uri() and, if it passes, opens it.
 */
void
convene_launcher_open_async (ConveneLauncher     *self,
                             const char          *uri,
                             GtkWidget           *widget,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (CONVENE_IS_LAUNCHER (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_launcher_open_async);
  g_task_set_task_data (task, g_strdup (uri), g_free);

  if (!convene_launcher_check_uri (uri, &error))
    {
      g_debug ("Refusing to open %s: %s", uri ? uri : "(null)", error->message);
      g_task_return_error (task, error);
      return;
    }

  CONVENE_LAUNCHER_GET_CLASS (self)->launch (self, uri, find_realized_window (widget), cancellable,
                                             launch_cb, g_steal_pointer (&task));
}

/**
 * convene_launcher_open_finish:
 * @self: a #ConveneLauncher
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the URI was handed to the desktop
 */
gboolean
convene_launcher_open_finish (ConveneLauncher  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (CONVENE_IS_LAUNCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * convene_launcher_open_file_async:
 * @self: a #ConveneLauncher
 * @file: a file Convene wrote into its cache directory
 *   (g_get_user_cache_dir()/APP_ID)
 * @widget: (nullable): the widget the request came from, as for
 *   convene_launcher_open_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file was handed on or refused
 * @user_data: data for @callback
 *
 * Opens @file with the desktop's default application for its type, such
 * as a calendar for an iCalendar file. Only local files inside Convene's
 * own cache directory are opened; anything else fails with
 * %CONVENE_LAUNCHER_ERROR_REFUSED. The file:// URI then goes through the
 * same #ConveneLauncherClass.launch as a link, so a test's launcher sees
 * it too.
 */
void
convene_launcher_open_file_async (ConveneLauncher     *self,
                                  GFile               *file,
                                  GtkWidget           *widget,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) cache_dir = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CONVENE_IS_LAUNCHER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_launcher_open_file_async);

  cache_dir = dup_own_cache_dir ();
  if (!g_file_is_native (file) || !g_file_has_prefix (file, cache_dir))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_debug ("Refusing to open %s: not in %s", name, g_file_peek_path (cache_dir));
      g_task_return_new_error (task, CONVENE_LAUNCHER_ERROR, CONVENE_LAUNCHER_ERROR_REFUSED,
                               /* Translators: %s is the name of a file */
                               _("“%s” is not a file Convene made, so it is not opened"),
                               name);
      return;
    }

  uri = g_file_get_uri (file);
  g_task_set_task_data (task, g_strdup (uri), g_free);

  CONVENE_LAUNCHER_GET_CLASS (self)->launch (self, uri, find_realized_window (widget), cancellable,
                                             launch_cb, g_steal_pointer (&task));
}

/**
 * convene_launcher_open_file_finish:
 * @self: a #ConveneLauncher
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was handed to the desktop
 */
gboolean
convene_launcher_open_file_finish (ConveneLauncher  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (CONVENE_IS_LAUNCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
