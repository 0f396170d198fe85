/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-person-row.h"
#include "convene-window.h"

/* A person in a list: avatar, name, a subtitle chosen by the list (the
 * company and role for a lead, the groups for the people page) and a
 * button to open the profile. Activating the row shows the person page.
 */
struct _ConvenePersonRow
{
  AdwActionRow parent_instance;

  ConvenePerson *person;
  GCancellable *avatar_cancellable;
  gboolean has_picture;

  AdwAvatar *avatar;
  GtkButton *profile_button;
};

G_DEFINE_FINAL_TYPE (ConvenePersonRow, convene_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_person (ConvenePersonRow *self,
            ConvenePerson    *person)
{
  const char *name;
  const char *profile_url;
  g_autofree char *avatar_label = NULL;
  g_autofree char *profile_label = NULL;

  g_assert (CONVENE_IS_PERSON (person));

  g_set_object (&self->person, person);

  name = convene_person_get_name (person);
  profile_url = convene_person_get_profile_url (person);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_avatar_set_text (self->avatar, name);

  /* Translators: the accessible name of a picture; %s is a person */
  avatar_label = g_strdup_printf (_("Avatar of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->avatar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, avatar_label,
                                  -1);

  /* Translators: a button; %s is a person */
  profile_label = g_strdup_printf (_("Open the Profile of %s"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button), profile_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->profile_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, profile_label,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button),
                          profile_url != NULL && *profile_url != '\0');
}

/* Actions */

static void
open_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (widget);
  const char *profile_url = convene_person_get_profile_url (self->person);

  if (profile_url != NULL)
    gtk_widget_activate_action (widget, "win.open-uri", "s", profile_url);
}

static void
show_avatar (GtkWidget    *owner,
             GdkPaintable *paintable)
{
  convene_person_row_set_avatar (CONVENE_PERSON_ROW (owner), paintable);
}

/* Vfuncs */

static void
convene_person_row_map (GtkWidget *widget)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (widget);
  GtkWidget *window;

  GTK_WIDGET_CLASS (convene_person_row_parent_class)->map (widget);

  /* Ask for the picture once the row is on screen: a long list does not
   * download avatars nobody scrolls to.
   */
  window = gtk_widget_get_ancestor (widget, CONVENE_TYPE_WINDOW);
  if (self->has_picture || self->avatar_cancellable != NULL || window == NULL)
    return;

  self->avatar_cancellable = g_cancellable_new ();
  convene_window_request_avatar (CONVENE_WINDOW (window),
                                 convene_person_get_avatar_url (self->person),
                                 widget,
                                 show_avatar,
                                 self->avatar_cancellable);
}

static void
convene_person_row_unmap (GtkWidget *widget)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (widget);

  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);

  GTK_WIDGET_CLASS (convene_person_row_parent_class)->unmap (widget);
}

static void
convene_person_row_activate (AdwActionRow *row)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (row);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s",
                              convene_person_get_id (self->person));

  ADW_ACTION_ROW_CLASS (convene_person_row_parent_class)->activate (row);
}

static void
convene_person_row_dispose (GObject *object)
{
  ConvenePersonRow *self = (ConvenePersonRow *)object;

  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_PERSON_ROW);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (convene_person_row_parent_class)->dispose (object);
}

static void
convene_person_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      set_person (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_row_class_init (ConvenePersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->dispose = convene_person_row_dispose;
  object_class->get_property = convene_person_row_get_property;
  object_class->set_property = convene_person_row_set_property;

  widget_class->map = convene_person_row_map;
  widget_class->unmap = convene_person_row_unmap;

  row_class->activate = convene_person_row_activate;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CONVENE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonRow, profile_button);

  gtk_widget_class_install_action (widget_class, "person.open-profile", NULL, open_profile_action);
}

static void
convene_person_row_init (ConvenePersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * convene_person_row_new:
 * @person: a #ConvenePerson
 * @subtitle: (nullable): the second line of the row
 *
 * Returns: (transfer floating): a new #ConvenePersonRow
 */
GtkWidget *
convene_person_row_new (ConvenePerson *person,
                        const char    *subtitle)
{
  g_return_val_if_fail (CONVENE_IS_PERSON (person), NULL);

  return g_object_new (CONVENE_TYPE_PERSON_ROW,
                       "person", person,
                       "subtitle", subtitle,
                       NULL);
}

/**
 * convene_person_row_get_person:
 * @self: a #ConvenePersonRow
 *
 * Returns: (transfer none): the person of the row
 */
ConvenePerson *
convene_person_row_get_person (ConvenePersonRow *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_ROW (self), NULL);
  return self->person;
}

/**
 * convene_person_row_set_avatar:
 * @self: a #ConvenePersonRow
 * @paintable: (nullable): the picture of the person, or %NULL for initials
 *
 * Shows a picture in the avatar, typically one the avatar cache loaded.
 */
void
convene_person_row_set_avatar (ConvenePersonRow *self,
                               GdkPaintable     *paintable)
{
  g_return_if_fail (CONVENE_IS_PERSON_ROW (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  adw_avatar_set_custom_image (self->avatar, paintable);
  self->has_picture = paintable != NULL;
}
