/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-change-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-change-dialog.h"

/* After a refresh that changed something: what changed, one row a line
 * as the refresh gives them ("+ group networking", "- lead config: ann",
 * "~ networking: meeting Thursday 11:00 → Wednesday 10:00"), in a list
 * that scrolls so that the buttons stay on screen however many there are.
 */

/* "+ …" added, "- …" removed, anything else changed. */
static const char *
icon_for_line (const char *line)
{
  if (g_str_has_prefix (line, "+ "))
    return "list-add-symbolic";
  if (g_str_has_prefix (line, "- "))
    return "list-remove-symbolic";
  return "document-edit-symbolic";
}

static const char *
strip_mark (const char *line)
{
  if (line[0] != '\0' && strchr ("+-~", line[0]) != NULL && line[1] == ' ')
    return line + 2;
  return line;
}

/**
 * convene_change_dialog_new:
 * @parent: the window the changes are of
 * @lines: (element-type utf8): the change lines, at least one
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
convene_change_dialog_new (GtkWindow *parent,
                           GPtrArray *lines)
{
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;
  g_autofree char *body = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (lines != NULL && lines->len > 0, NULL);

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The refreshed registry differs in %u place.",
                                       "The refreshed registry differs in %u places.",
                                       lines->len),
                          lines->len);
  dialog = adw_message_dialog_new (parent, _("What Changed"), body);
  gtk_widget_add_css_class (dialog, "change-dialog");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "change-list");

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_for_line (line));
      GtkWidget *label = gtk_label_new (strip_mark (line));

      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "change-line");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (GTK_LIST_BOX (list), box);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* Wrapped lines make the natural height come out short: room for a
   * few rows at least.
   */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (lines->len, 5) * 52);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}
