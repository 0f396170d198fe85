/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person-page"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-link-row.h"
#include "convene-person-avatar.h"
#include "convene-person-page.h"

/* One person: avatar, company, profile, and every group they have a role
 * in. A group row leads to the page of that group.
 */
struct _ConvenePersonPage
{
  AdwPreferencesPage parent_instance;

  ConvenePerson *person;
  ConveneRegistry *registry;

  ConvenePersonAvatar *avatar;
  GtkLabel *company_label;
  GtkListBox *groups_list;
  AdwPreferencesGroup *groups_group;
  GtkLabel *name_label;
  AdwPreferencesGroup *profile_group;
  GtkListBox *profile_list;
};

G_DEFINE_FINAL_TYPE (ConvenePersonPage, convene_person_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* gtk_list_box_remove_all() is GTK 4.12. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static ConveneLead *
find_lead (ConveneGroup  *group,
           ConvenePerson *person)
{
  GListModel *leads = convene_group_get_leads (group);
  guint n_leads = g_list_model_get_n_items (leads);

  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (convene_lead_get_person (lead) == person)
        return g_steal_pointer (&lead);
    }

  return NULL;
}

static GtkWidget *
create_group_row (gpointer item,
                  gpointer user_data)
{
  ConvenePersonPage *self = CONVENE_PERSON_PAGE (user_data);
  ConveneGroup *group = CONVENE_GROUP (item);
  g_autoptr(ConveneLead) lead = find_lead (group, self->person);
  const char *role = lead ? convene_role_get_title (convene_lead_get_role (lead)) : NULL;
  GtkWidget *row;

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "use-markup", FALSE,
                      "title", convene_group_get_name (group),
                      "subtitle", role,
                      "title-lines", 2,
                      "subtitle-lines", 1,
                      "activatable", TRUE,
                      NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-group");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", convene_group_get_id (group));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));
  return row;
}

static void
update_profile (ConvenePersonPage *self)
{
  const char *profile_url = NULL;
  const char *github = NULL;

  clear_list (self->profile_list);

  if (self->person != NULL)
    {
      profile_url = convene_person_get_profile_url (self->person);
      github = convene_person_get_github (self->person);
    }

  if (profile_url != NULL && *profile_url != '\0')
    {
      g_autofree char *host = convene_link_row_dup_host (profile_url);
      g_autofree char *subtitle = NULL;
      const char *title;

      if (github != NULL && *github != '\0')
        {
          title = _("GitHub Profile");
          subtitle = g_strdup_printf ("@%s", github);
        }
      else
        {
          title = _("Profile");
          subtitle = g_steal_pointer (&host);
        }

      gtk_list_box_append (self->profile_list,
                           convene_link_row_new (profile_url, title, subtitle,
                                                 "web-browser-symbolic"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->profile_group),
                          profile_url != NULL && *profile_url != '\0');
}

static void
update (ConvenePersonPage *self)
{
  g_autoptr(GListModel) groups = NULL;
  const char *name = NULL;
  const char *company = NULL;

  if (self->person != NULL)
    {
      name = convene_person_get_name (self->person);
      company = convene_person_get_company (self->person);
    }

  convene_person_avatar_set_person (self->avatar, self->person);

  gtk_label_set_label (self->name_label, name ? name : "");
  gtk_label_set_label (self->company_label, company ? company : "");
  gtk_widget_set_visible (GTK_WIDGET (self->company_label), company != NULL && *company != '\0');

  update_profile (self);

  if (self->person != NULL && self->registry != NULL)
    groups = convene_registry_list_groups_for_person (self->registry, self->person);

  gtk_list_box_bind_model (self->groups_list, groups, create_group_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_group),
                          groups != NULL && g_list_model_get_n_items (groups) > 0);
}

/* Vfuncs */

/* Callbacks */

/* A label cut short shows its whole text as a tooltip; one shown whole
 * needs none. Asked when the pointer rests on it, after layout.
 */
static gboolean
label_query_tooltip_cb (GtkLabel   *label,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static void
convene_person_page_dispose (GObject *object)
{
  ConvenePersonPage *self = (ConvenePersonPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_PERSON_PAGE);
  g_clear_object (&self->person);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (convene_person_page_parent_class)->dispose (object);
}

static void
convene_person_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConvenePersonPage *self = CONVENE_PERSON_PAGE (object);

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
convene_person_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConvenePersonPage *self = CONVENE_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      convene_person_avatar_set_avatar_cache (self->avatar, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_person_page_class_init (ConvenePersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_person_page_dispose;
  object_class->get_property = convene_person_page_get_property;
  object_class->set_property = convene_person_page_set_property;

  /**
   * ConvenePersonPage:avatar-cache:
   *
   * Where the avatar comes from; %NULL shows initials only.
   */
  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, CONVENE_TYPE_PERSON,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, company_label);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, groups_group);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, profile_group);
  gtk_widget_class_bind_template_child (widget_class, ConvenePersonPage, profile_list);
  gtk_widget_class_bind_template_callback (widget_class, label_query_tooltip_cb);
}

static void
convene_person_page_init (ConvenePersonPage *self)
{
  g_type_ensure (CONVENE_TYPE_PERSON_AVATAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/* Public API */

/**
 * convene_person_page_new:
 *
 * Returns: (transfer floating): a new #ConvenePersonPage
 */
GtkWidget *
convene_person_page_new (void)
{
  return g_object_new (CONVENE_TYPE_PERSON_PAGE, NULL);
}

/**
 * convene_person_page_get_person:
 * @self: a #ConvenePersonPage
 *
 * Returns: (transfer none) (nullable): the person shown
 */
ConvenePerson *
convene_person_page_get_person (ConvenePersonPage *self)
{
  g_return_val_if_fail (CONVENE_IS_PERSON_PAGE (self), NULL);
  return self->person;
}

/**
 * convene_person_page_set_person:
 * @self: a #ConvenePersonPage
 * @person: (nullable): the person to show
 * @registry: (nullable): the registry of @person, for the groups
 *
 * Shows @person.
 */
void
convene_person_page_set_person (ConvenePersonPage *self,
                                ConvenePerson     *person,
                                ConveneRegistry   *registry)
{
  gboolean changed;

  g_return_if_fail (CONVENE_IS_PERSON_PAGE (self));
  g_return_if_fail (person == NULL || CONVENE_IS_PERSON (person));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  changed = g_set_object (&self->person, person);
  g_set_object (&self->registry, registry);

  update (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/**
 * convene_person_page_set_avatar:
 * @self: a #ConvenePersonPage
 * @paintable: (nullable): the picture of the person, or %NULL for initials
 *
 * Shows a picture in the avatar, typically one the avatar cache loaded.
 */
void
convene_person_page_set_avatar (ConvenePersonPage *self,
                                GdkPaintable      *paintable)
{
  g_return_if_fail (CONVENE_IS_PERSON_PAGE (self));
  g_return_if_fail (paintable == NULL || GDK_IS_PAINTABLE (paintable));

  convene_person_avatar_set_picture (self->avatar, paintable);
}
