/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "convene-registry-list.h"

G_BEGIN_DECLS

/* Reminders of the starred groups' meetings while Convene runs: a
 * GNotification "reminder-SOURCE/GROUP-START" the settings'
 * "reminder-minutes" before each occurrence (0 turns them off; groups in
 * "muted-reminders" get none), withdrawn when the meeting ends, with
 * "app.join-meeting" (the meeting's link, through the launcher's check)
 * and "app.open-group" ("SOURCE/GROUP"), which the reminders add to the
 * application; the application shows the group on ::open-group.
 */

/* The clock, injected by the tests; returns a new reference. */
typedef GDateTime *(*ConveneRemindersClock) (gpointer user_data);

#define CONVENE_TYPE_REMINDERS (convene_reminders_get_type ())

G_DECLARE_FINAL_TYPE (ConveneReminders, convene_reminders, CONVENE, REMINDERS, GObject)

ConveneReminders *convene_reminders_new         (GApplication          *application,
                                                 GSettings             *settings,
                                                 ConveneRegistryList   *list);
void              convene_reminders_set_clock   (ConveneReminders      *self,
                                                 ConveneRemindersClock  clock,
                                                 gpointer               user_data);
void              convene_reminders_check       (ConveneReminders      *self);
gboolean          convene_reminders_get_enabled (ConveneReminders      *self);
guint             convene_reminders_get_n_shown (ConveneReminders      *self);
GDateTime        *convene_reminders_get_next_wake (ConveneReminders    *self);

G_END_DECLS
