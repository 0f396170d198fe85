/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-window.h"

struct _ConveneWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (ConveneWindow, convene_window, ADW_TYPE_APPLICATION_WINDOW)

static void
convene_window_class_init (ConveneWindowClass *klass)
{
}

static void
convene_window_init (ConveneWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Convene"));
}

ConveneWindow *
convene_window_new (ConveneApplication *application)
{
  return g_object_new (CONVENE_TYPE_WINDOW, "application", application, NULL);
}

gboolean
convene_window_show_group (ConveneWindow *self,
                           const char    *group_id)
{
  return FALSE;
}
