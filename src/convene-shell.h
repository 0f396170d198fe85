/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "convene-registry-list.h"
#include "convene-registry-store.h"
#include "convene-reminders.h"
#include "convene-search-provider.h"

G_BEGIN_DECLS

/* What Convene does outside its window, for the application: the
 * remembered registries, the reminders and whether the application stays
 * for them once the window is closed (the Background portal inside a
 * sandbox, g_application_hold() outside), the shell's search provider,
 * and showing a group or person of any remembered registry.
 */

#define CONVENE_TYPE_SHELL (convene_shell_get_type ())

G_DECLARE_FINAL_TYPE (ConveneShell, convene_shell, CONVENE, SHELL, GObject)

ConveneShell          *convene_shell_new                 (GtkApplication       *application,
                                                          ConveneRegistryStore *store);
void                   convene_shell_start_reminders     (ConveneShell         *self,
                                                          GSettings            *settings);
void                   convene_shell_dbus_register       (ConveneShell         *self,
                                                          GDBusConnection      *connection);
void                   convene_shell_dbus_unregister     (ConveneShell         *self);
void                   convene_shell_show                (ConveneShell         *self,
                                                          const char           *kind,
                                                          const char           *source_id,
                                                          const char           *id);
void                   convene_shell_search              (ConveneShell         *self,
                                                          const char           *terms);
ConveneRegistryList   *convene_shell_get_list            (ConveneShell         *self);
ConveneReminders      *convene_shell_get_reminders       (ConveneShell         *self);
ConveneSearchProvider *convene_shell_get_search_provider (ConveneShell         *self);
gboolean               convene_shell_get_held            (ConveneShell         *self);
gboolean               convene_shell_export_my_week      (ConveneShell         *self,
                                                          GFile                *file,
                                                          GError              **error);

G_END_DECLS
