/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-location"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-location.h"

/* Open Location…: the web address of a registry, typed or pasted. Only
 * http and https are fetched, and never with a user name or password in
 * the address (it would be stored with the registry and shown). What is
 * wrong is said under the entry while typing, and Open stays off until
 * the address is one Convene can fetch. A valid address goes to
 * "win.open-location-uri", the same action a dropped address takes.
 */

/* GUri takes spaces and control characters in places no server does. */
static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return TRUE;

  return FALSE;
}

/**
 * convene_location_check:
 * @text: what the user typed
 * @error: why it cannot be opened
 *
 * An address without a scheme ("example.org/registry.json") is taken as
 * https.
 *
 * Returns: (transfer full) (nullable): the address to open, or %NULL
 *   with @error set to a sentence for the user
 */
char *
convene_location_check (const char  *text,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the web address of a registry"));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL && g_uri_peek_scheme (trimmed) == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  if (has_space_or_control (with_scheme) ||
      (uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is not a web address"));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only addresses that start with https:// or http:// can be opened"));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Addresses with a user name or password are not accepted"));
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This address has no server name"));
      return NULL;
    }

  return g_uri_to_string (uri);
}

/* The dialog */

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "convene-error-label");
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = convene_location_check (text, &error);

  adw_message_dialog_set_response_enabled (dialog, "open", uri != NULL);

  /* Nothing typed yet is not a mistake. */
  gtk_label_set_label (error_label, uri == NULL && *text != '\0' ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), uri == NULL && *text != '\0');
  if (uri == NULL && *text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *parent)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "convene-entry");
  g_autofree char *uri = NULL;

  if (g_strcmp0 (response, "open") != 0)
    return;

  if ((uri = convene_location_check (gtk_editable_get_text (entry), NULL)) != NULL)
    gtk_widget_activate_action (parent, "win.open-location-uri", "s", uri);
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "open"))
    return;

  /* Held: the response may already close the dialog. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "open");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/**
 * convene_location_dialog_new:
 * @parent: the window whose "win.open-location-uri" opens the address
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
convene_location_dialog_new (GtkWindow *parent)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *error_label;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  dialog = adw_message_dialog_new (parent, _("Open Location"),
                                   _("The web address of a registry file: Convene JSON or a "
                                     "community’s WORKING-GROUPS.md."));
  gtk_widget_add_css_class (dialog, "open-location");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Web address"),
                                  -1);

  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_set_visible (error_label, FALSE);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_add_css_class (error_label, "location-error");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", FALSE);

  g_object_set_data (G_OBJECT (dialog), "convene-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "convene-error-label", error_label);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), parent, 0);

  return dialog;
}
