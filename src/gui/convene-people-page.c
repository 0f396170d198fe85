/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-people-page.h"
#include "convene-person-row.h"

/* Everyone in the registry, sorted by name, with their company and the
 * groups they lead. The list is a GtkSortListModel over the people of the
 * registry, bound to the list box.
 */
struct _ConvenePeoplePage
{
  AdwPreferencesPage parent_instance;

  ConveneRegistry *registry;
  GtkSortListModel *sorted;

  AdwPreferencesGroup *people_group;
  GtkListBox *people_list;
};

G_DEFINE_FINAL_TYPE (ConvenePeoplePage, convene_people_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static char *
dup_group_names (ConveneRegistry *registry,
                 ConvenePerson   *person)
{
  g_autoptr(GListModel) groups = convene_registry_list_groups_for_person (registry, person);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_groups = g_list_model_get_n_items (groups);

  if (n_groups == 0)
    return NULL;

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(ConveneGroup) group = g_list_model_get_item (groups, i);

      /* The registry keeps the group alive after the reference is dropped. */
      g_ptr_array_add (names, (char *)convene_group_get_name (group));
    }
  g_ptr_array_add (names, NULL);

  /* Translators: the separator between the names of working groups */
  return g_strjoinv (_(", "), (char **)names->pdata);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  ConvenePeoplePage *self = CONVENE_PEOPLE_PAGE (user_data);
  ConvenePerson *person = CONVENE_PERSON (item);
  const char *company = convene_person_get_company (person);
  g_autofree char *groups = dup_group_names (self->registry, person);
  g_autofree char *subtitle = NULL;

  if (groups != NULL && company != NULL && *company != '\0')
    /* Translators: the subtitle of a person: a company, then the groups the person leads */
    subtitle = g_strdup_printf (_("%s · %s"), company, groups);
  else if (groups != NULL)
    subtitle = g_steal_pointer (&groups);
  else
    subtitle = g_strdup (company);

  return convene_person_row_new (person, subtitle);
}

static void
update (ConvenePeoplePage *self)
{
  GListModel *people = self->registry ? convene_registry_get_people (self->registry) : NULL;
  guint n_people = people ? g_list_model_get_n_items (people) : 0;
  g_autofree char *description = NULL;

  gtk_sort_list_model_set_model (self->sorted, people);
  gtk_list_box_bind_model (self->people_list,
                           people ? G_LIST_MODEL (self->sorted) : NULL,
                           create_person_row, self, NULL);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u person",
                                              "%u people",
                                              n_people),
                                 n_people);
  adw_preferences_group_set_description (self->people_group, description);
}

/* Vfuncs */

static void
convene_people_page_dispose (GObject *object)
{
  ConvenePeoplePage *self = (ConvenePeoplePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_PEOPLE_PAGE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (convene_people_page_parent_class)->dispose (object);
}

static void
convene_people_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConvenePeoplePage *self = CONVENE_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_people_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConvenePeoplePage *self = CONVENE_PEOPLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_REGISTRY:
      convene_people_page_set_registry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_people_page_class_init (ConvenePeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_people_page_dispose;
  object_class->get_property = convene_people_page_get_property;
  object_class->set_property = convene_people_page_set_property;

  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvenePeoplePage, people_group);
  gtk_widget_class_bind_template_child (widget_class, ConvenePeoplePage, people_list);
}

static void
convene_people_page_init (ConvenePeoplePage *self)
{
  GtkExpression *name;
  GtkStringSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkStringSorter folds case and compares with collation keys, so "de
   * Vries" and "Ömer" land where a reader expects them.
   */
  name = gtk_property_expression_new (CONVENE_TYPE_PERSON, NULL, "name");
  sorter = gtk_string_sorter_new (name);
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));

  update (self);
}

/* Public API */

/**
 * convene_people_page_new:
 *
 * Returns: (transfer floating): a new #ConvenePeoplePage
 */
GtkWidget *
convene_people_page_new (void)
{
  return g_object_new (CONVENE_TYPE_PEOPLE_PAGE, NULL);
}

/**
 * convene_people_page_get_registry:
 * @self: a #ConvenePeoplePage
 *
 * Returns: (transfer none) (nullable): the registry shown
 */
ConveneRegistry *
convene_people_page_get_registry (ConvenePeoplePage *self)
{
  g_return_val_if_fail (CONVENE_IS_PEOPLE_PAGE (self), NULL);
  return self->registry;
}

void
convene_people_page_set_registry (ConvenePeoplePage *self,
                                  ConveneRegistry   *registry)
{
  g_return_if_fail (CONVENE_IS_PEOPLE_PAGE (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (!g_set_object (&self->registry, registry))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_people_page_get_model:
 * @self: a #ConvenePeoplePage
 *
 * Returns: (transfer none): the people as listed, a #GListModel of
 *   #ConvenePerson sorted by name
 */
GListModel *
convene_people_page_get_model (ConvenePeoplePage *self)
{
  g_return_val_if_fail (CONVENE_IS_PEOPLE_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}
