/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-window-private.h"

/* What the world outside the window asks of it: GNOME Shell's search. */

/**
 * convene_window_search:
 * @self: a #ConveneWindow
 * @terms: (nullable): what to search for
 *
 * Opens the search with @terms in it, as the shell's LaunchSearch asks.
 */
void
convene_window_search (ConveneWindow *self,
                       const char    *terms)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), terms != NULL ? terms : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}
