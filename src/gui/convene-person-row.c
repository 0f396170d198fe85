/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-person-row.h"

/* A person in a list: avatar, name, a subtitle chosen by the list (the
 * company and role for a lead, the groups for the people page) and a
 * button to open the profile. Activating the row shows the person page.
 * A GtkListView recycles rows: #ConvenePersonRow:person changes, and the
 * avatar (a #ConvenePersonAvatar, asking the cache while mapped) follows.
 */
struct _ConvenePersonRow
{
  AdwActionRow parent_instance;

  ConvenePerson *person;

  ConvenePersonAvatar *avatar;
  GtkButton *profile_button;
};

G_DEFINE_FINAL_TYPE (ConvenePersonRow, convene_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
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
  g_autofree char *profile_label = NULL;

  g_assert (person == NULL || CONVENE_IS_PERSON (person));

  if (!g_set_object (&self->person, person))
    return;

  convene_person_avatar_set_person (self->avatar, person);

  name = person ? convene_person_get_name (person) : "";
  profile_url = person ? convene_person_get_profile_url (person) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);

  /* Translators: a button; %s is a person */
  profile_label = g_strdup_printf (_("Open the Profile of %s"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button), profile_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->profile_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, profile_label,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button),
                          profile_url != NULL && *profile_url != '\0');

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/* Actions */

static void
open_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (widget);
  const char *profile_url = self->person ? convene_person_get_profile_url (self->person) : NULL;

  if (profile_url != NULL && *profile_url != '\0')
    gtk_widget_activate_action (widget, "win.open-uri", "s", profile_url);
}

/* Vfuncs */

static void
convene_person_row_activate (AdwActionRow *row)
{
  ConvenePersonRow *self = CONVENE_PERSON_ROW (row);

  if (self->person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s",
                                convene_person_get_id (self->person));

  ADW_ACTION_ROW_CLASS (convene_person_row_parent_class)->activate (row);
}

/* A GtkListBoxRow activates only through its GtkListBox; in a GtkListView
 * the row has none, and activating it (a test, a screen reader) should
 * still open the person.
 */
static void
convene_person_row_activate_row (GtkListBoxRow *row)
{
  if (GTK_IS_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))))
    GTK_LIST_BOX_ROW_CLASS (convene_person_row_parent_class)->activate (row);
  else
    adw_action_row_activate (ADW_ACTION_ROW (row));
}

/* GtkListBoxRow asserts its GtkListBox when it takes the focus; in a
 * GtkListView the list item holds the focus instead.
 */
static gboolean
convene_person_row_grab_focus (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (gtk_widget_get_parent (widget)))
    return GTK_WIDGET_CLASS (convene_person_row_parent_class)->grab_focus (widget);

  return FALSE;
}

static void
convene_person_row_dispose (GObject *object)
{
  ConvenePersonRow *self = (ConvenePersonRow *)object;

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
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, convene_person_avatar_get_avatar_cache (self->avatar));
      break;

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
    case PROP_AVATAR_CACHE:
      convene_person_avatar_set_avatar_cache (self->avatar, g_value_get_object (value));
      break;

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

  row_class->activate = convene_person_row_activate;
  GTK_LIST_BOX_ROW_CLASS (klass)->activate = convene_person_row_activate_row;
  widget_class->grab_focus = convene_person_row_grab_focus;

  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CONVENE_TYPE_PERSON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

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
  g_type_ensure (CONVENE_TYPE_PERSON_AVATAR);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * convene_person_row_new:
 * @person: (nullable): a #ConvenePerson
 * @subtitle: (nullable): the second line of the row
 * @avatar_cache: (nullable): where the avatar comes from, %NULL for initials
 *
 * Returns: (transfer floating): a new #ConvenePersonRow
 */
GtkWidget *
convene_person_row_new (ConvenePerson      *person,
                        const char         *subtitle,
                        ConveneAvatarCache *avatar_cache)
{
  g_return_val_if_fail (person == NULL || CONVENE_IS_PERSON (person), NULL);
  g_return_val_if_fail (avatar_cache == NULL || CONVENE_IS_AVATAR_CACHE (avatar_cache), NULL);

  return g_object_new (CONVENE_TYPE_PERSON_ROW,
                       "person", person,
                       "subtitle", subtitle,
                       "avatar-cache", avatar_cache,
                       NULL);
}

/**
 * convene_person_row_get_person:
 * @self: a #ConvenePersonRow
 *
 * Returns: (transfer none) (nullable): the person of the row
 */
ConvenePerson *
convene_person_row_get_person (ConvenePersonRow *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_ROW (self), NULL);
  return self->person;
}

void
convene_person_row_set_person (ConvenePersonRow *self,
                               ConvenePerson    *person)
{
  g_return_if_fail (CONVENE_IS_PERSON_ROW (self));
  g_return_if_fail (person == NULL || CONVENE_IS_PERSON (person));

  set_person (self, person);
}

/**
 * convene_person_row_get_avatar:
 * @self: a #ConvenePersonRow
 *
 * Returns: (transfer none): the avatar of the row
 */
ConvenePersonAvatar *
convene_person_row_get_avatar (ConvenePersonRow *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_ROW (self), NULL);
  return self->avatar;
}
