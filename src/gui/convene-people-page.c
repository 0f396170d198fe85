/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-people-page.h"
#include "convene-person-row.h"

/* Everyone in the registry, sorted by name, with their company and the
 * groups they lead: a GtkListView, so only the rows on screen (and a few
 * around them) exist, whatever the size of the registry. The rows are
 * ConvenePersonRows that the factory recycles; their avatars ask the
 * cache while mapped. The people are sorted only once the page is first
 * shown: a window that never shows it never pays for it.
 */
struct _ConvenePeoplePage
{
  AdwBin parent_instance;

  ConveneRegistry *registry;
  ConveneAvatarCache *avatar_cache;
  GtkSortListModel *sorted;
  gboolean model_current;

  GtkLabel *count_label;
  GtkListView *list_view;
  GtkScrolledWindow *scrolled_window;
};

G_DEFINE_FINAL_TYPE (ConvenePeoplePage, convene_people_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
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

static char *
dup_subtitle (ConvenePeoplePage *self,
              ConvenePerson     *person)
{
  const char *company = convene_person_get_company (person);
  g_autofree char *groups = dup_group_names (self->registry, person);

  if (groups != NULL && company != NULL && *company != '\0')
    /* Translators: the subtitle of a person: a company, then the groups the person leads */
    return g_strdup_printf (_("%s · %s"), company, groups);
  else if (groups != NULL)
    return g_steal_pointer (&groups);
  else
    return g_strdup (company);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          ConvenePeoplePage        *self)
{
  GtkWidget *row = convene_person_row_new (NULL, NULL, self->avatar_cache);

  /* The list item takes the focus and the activation. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         ConvenePeoplePage        *self)
{
  ConvenePersonRow *row = CONVENE_PERSON_ROW (gtk_list_item_get_child (item));
  ConvenePerson *person = gtk_list_item_get_item (item);
  g_autofree char *subtitle = dup_subtitle (self, person);

  g_object_set (row, "avatar-cache", self->avatar_cache, NULL);
  convene_person_row_set_person (row, person);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ConvenePeoplePage        *self)
{
  convene_person_row_set_person (CONVENE_PERSON_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
activate_cb (ConvenePeoplePage *self,
             guint              position,
             GtkListView       *list_view)
{
  g_autoptr(ConvenePerson) person = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (person != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s",
                                convene_person_get_id (person));
}

/* Sorts the people of the registry, once the page is shown. */
static void
ensure_model (ConvenePeoplePage *self)
{
  if (self->model_current)
    return;

  self->model_current = TRUE;
  gtk_sort_list_model_set_model (self->sorted,
                                 self->registry ? convene_registry_get_people (self->registry)
                                                : NULL);
}

/* Vfuncs */

static void
convene_people_page_dispose (GObject *object)
{
  ConvenePeoplePage *self = (ConvenePeoplePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_PEOPLE_PAGE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->registry);
  g_clear_object (&self->avatar_cache);

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
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

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
    case PROP_AVATAR_CACHE:
      /* Rows take it when they are bound next. */
      g_set_object (&self->avatar_cache, g_value_get_object (value));
      break;

    case PROP_REGISTRY:
      convene_people_page_set_registry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_people_page_map (GtkWidget *widget)
{
  ensure_model (CONVENE_PEOPLE_PAGE (widget));

  GTK_WIDGET_CLASS (convene_people_page_parent_class)->map (widget);
}

static void
convene_people_page_class_init (ConvenePeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_people_page_dispose;
  object_class->get_property = convene_people_page_get_property;
  object_class->set_property = convene_people_page_set_property;

  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvenePeoplePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ConvenePeoplePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ConvenePeoplePage, scrolled_window);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  widget_class->map = convene_people_page_map;
}

static void
convene_people_page_init (ConvenePeoplePage *self)
{
  GtkListItemFactory *factory;
  GtkExpression *name;
  GtkStringSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkStringSorter folds case and compares with collation keys, so "de
   * Vries" and "Ömer" land where a reader expects them.
   */
  name = gtk_property_expression_new (CONVENE_TYPE_PERSON, NULL, "name");
  sorter = gtk_string_sorter_new (name);
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->sorted)))));
  g_object_unref (factory);
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
  g_autofree char *count = NULL;
  guint n_people;

  g_return_if_fail (CONVENE_IS_PEOPLE_PAGE (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (!g_set_object (&self->registry, registry))
    return;

  n_people = registry ? convene_registry_get_n_people (registry) : 0;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", n_people),
                           n_people);
  gtk_label_set_label (self->count_label, count);

  self->model_current = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
  else
    gtk_sort_list_model_set_model (self->sorted, NULL);

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

  ensure_model (self);
  return G_LIST_MODEL (self->sorted);
}

/**
 * convene_people_page_get_list_view:
 * @self: a #ConvenePeoplePage
 *
 * Returns: (transfer none): the list of people
 */
GtkListView *
convene_people_page_get_list_view (ConvenePeoplePage *self)
{
  g_return_val_if_fail (CONVENE_IS_PEOPLE_PAGE (self), NULL);
  return self->list_view;
}
