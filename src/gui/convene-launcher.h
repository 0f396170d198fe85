/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONVENE_LAUNCHER_ERROR (convene_launcher_error_quark ())

/**
 * ConveneLauncherError:
 * @CONVENE_LAUNCHER_ERROR_INVALID: the text is not a URI at all
 * @CONVENE_LAUNCHER_ERROR_REFUSED: a URI whose scheme Convene does not open,
 *   or a file that is not on this computer
 * @CONVENE_LAUNCHER_ERROR_NO_HANDLER: the URI was fine, but the desktop has
 *   nothing set up to open it (no browser, mail client or calendar)
 *
 * Why convene_launcher_check_uri() or convene_launcher_open_file_async()
 * refused to open something, or why the desktop could not.
 */
typedef enum
{
  CONVENE_LAUNCHER_ERROR_INVALID,
  CONVENE_LAUNCHER_ERROR_REFUSED,
  CONVENE_LAUNCHER_ERROR_NO_HANDLER,
} ConveneLauncherError;

#define CONVENE_TYPE_LAUNCHER (convene_launcher_get_type ())

G_DECLARE_DERIVABLE_TYPE (ConveneLauncher, convene_launcher, CONVENE, LAUNCHER, GObject)

/**
 * ConveneLauncherClass:
 * @launch: hands a URI that passed the checks to the desktop; asynchronous
 * @launch_finish: completes @launch
 *
 * Tests subclass the launcher and override @launch to record the URIs
 * instead of opening them.
 */
struct _ConveneLauncherClass
{
  GObjectClass parent_class;

  void     (*launch)        (ConveneLauncher      *self,
                             const char           *uri,
                             GtkWindow            *parent,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  gboolean (*launch_finish) (ConveneLauncher      *self,
                             GAsyncResult         *result,
                             GError              **error);

  /*< private >*/
  gpointer padding[8];
};

GQuark           convene_launcher_error_quark      (void);
ConveneLauncher *convene_launcher_new              (void);
ConveneLauncher *convene_launcher_get_default      (void);
void             convene_launcher_set_default      (ConveneLauncher      *launcher);
gboolean         convene_launcher_check_uri        (const char           *uri,
                                                    GError              **error);
void             convene_launcher_open_async       (ConveneLauncher      *self,
                                                    const char           *uri,
                                                    GtkWidget            *widget,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         convene_launcher_open_finish      (ConveneLauncher      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void             convene_launcher_open_file_async  (ConveneLauncher      *self,
                                                    GFile                *file,
                                                    GtkWidget            *widget,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         convene_launcher_open_file_finish (ConveneLauncher      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
