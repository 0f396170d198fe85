/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-link-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-link-row.h"
#include "convene-link-list.h"

/* A row that opens a URI when activated, and offers to copy it: a copy
 * button, a context menu (secondary click, long press, Menu or Shift+F10)
 * and Ctrl+C. Opening and copying go through the window's "win.open-uri"
 * and "win.copy-uri" actions, so the launcher checks every URI and the
 * window tells the user what happened.
 */
struct _ConveneLinkRow
{
  AdwActionRow parent_instance;

  char *uri;
  GtkWidget *popover;

  GMenuModel *context_menu;
  GtkButton *copy_button;
};

G_DEFINE_FINAL_TYPE (ConveneLinkRow, convene_link_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
popup_menu_at (ConveneLinkRow *self,
               double          x,
               double          y)
{
  if (self->uri == NULL)
    return;

  if (self->popover == NULL)
    {
      self->popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
      gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConveneLinkRow *self = CONVENE_LINK_ROW (widget);

  if (self->uri != NULL)
    gtk_widget_activate_action (widget, "win.open-uri", "s", self->uri);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConveneLinkRow *self = CONVENE_LINK_ROW (widget);

  if (self->uri != NULL)
    gtk_widget_activate_action (widget, "win.copy-uri", "s", self->uri);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  popup_menu_at (CONVENE_LINK_ROW (widget),
                 gtk_widget_get_width (widget) / 2.0,
                 gtk_widget_get_height (widget) / 2.0);
}

/* Callbacks */

static void
secondary_click_pressed_cb (ConveneLinkRow *self,
                            int             n_press,
                            double          x,
                            double          y,
                            GtkGesture     *gesture)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
long_press_pressed_cb (ConveneLinkRow *self,
                       double          x,
                       double          y,
                       GtkGesture     *gesture)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

/* Vfuncs */

static void
convene_link_row_activate (AdwActionRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (row), "link.open", NULL);

  ADW_ACTION_ROW_CLASS (convene_link_row_parent_class)->activate (row);
}

static void
convene_link_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ConveneLinkRow *self = CONVENE_LINK_ROW (widget);

  GTK_WIDGET_CLASS (convene_link_row_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
convene_link_row_dispose (GObject *object)
{
  ConveneLinkRow *self = (ConveneLinkRow *)object;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_LINK_ROW);

  G_OBJECT_CLASS (convene_link_row_parent_class)->dispose (object);
}

static void
convene_link_row_finalize (GObject *object)
{
  ConveneLinkRow *self = (ConveneLinkRow *)object;

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (convene_link_row_parent_class)->finalize (object);
}

static void
convene_link_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConveneLinkRow *self = CONVENE_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_link_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConveneLinkRow *self = CONVENE_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_URI:
      convene_link_row_set_uri (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_link_row_class_init (ConveneLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->dispose = convene_link_row_dispose;
  object_class->finalize = convene_link_row_finalize;
  object_class->get_property = convene_link_row_get_property;
  object_class->set_property = convene_link_row_set_property;

  widget_class->size_allocate = convene_link_row_size_allocate;

  row_class->activate = convene_link_row_activate;

  /**
   * ConveneLinkRow:uri:
   *
   * The URI the row opens; %NULL makes a row that only shows text.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneLinkRow, context_menu);
  gtk_widget_class_bind_template_child (widget_class, ConveneLinkRow, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, long_press_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_pressed_cb);

  gtk_widget_class_install_action (widget_class, "link.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "link.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "link.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "link.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "link.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "link.menu", NULL);
}

static void
convene_link_row_init (ConveneLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  convene_link_row_set_uri (self, NULL);
}

/* Public API */

/**
 * convene_link_row_new:
 * @uri: (nullable): the URI the row opens
 * @title: the title of the row
 * @subtitle: (nullable): a second line
 * @icon_name: (nullable): a symbolic icon
 *
 * Returns: (transfer floating): a new #ConveneLinkRow
 */
GtkWidget *
convene_link_row_new (const char *uri,
                      const char *title,
                      const char *subtitle,
                      const char *icon_name)
{
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (CONVENE_TYPE_LINK_ROW,
                       "uri", uri,
                       "title", title,
                       "subtitle", subtitle,
                       "icon-name", icon_name,
                       NULL);
}

/**
 * convene_link_row_new_for_link:
 * @link: a #ConveneLink
 *
 * Makes the row of an artifact of a group: the icon and name of its kind
 * (or its own label when the kind is unknown), and below the community's
 * own label ("istio-networking@", "#docs"), or where the link leads when
 * the label only repeats the kind.
 *
 * Returns: (transfer floating): a new #ConveneLinkRow
 */
GtkWidget *
convene_link_row_new_for_link (ConveneLink *link)
{
  ConveneLinkKind kind;
  const char *url;
  const char *label;
  const char *title;
  const char *subtitle;
  g_autofree char *place = NULL;

  g_return_val_if_fail (CONVENE_IS_LINK (link), NULL);

  kind = convene_link_get_kind (link);
  url = convene_link_get_url (link);
  label = convene_link_get_label (link);
  place = convene_link_dup_place (url);
  subtitle = place ? place : url;

  if (kind == CONVENE_LINK_OTHER && label != NULL && *label != '\0')
    title = label;
  else
    title = convene_link_kind_get_title (kind);

  if (title != label && !convene_link_label_is_generic (kind, label))
    subtitle = label;

  return convene_link_row_new (url, title, subtitle, convene_link_kind_get_icon_name (kind));
}

/**
 * convene_link_row_get_uri:
 * @self: a #ConveneLinkRow
 *
 * Returns: (nullable): the URI the row opens
 */
const char *
convene_link_row_get_uri (ConveneLinkRow *self)
{
  g_return_val_if_fail (CONVENE_IS_LINK_ROW (self), NULL);
  return self->uri;
}

void
convene_link_row_set_uri (ConveneLinkRow *self,
                          const char     *uri)
{
  gboolean has_uri;

  g_return_if_fail (CONVENE_IS_LINK_ROW (self));

  if (uri != NULL && *uri == '\0')
    uri = NULL;

  if (self->uri != NULL && g_strcmp0 (self->uri, uri) == 0)
    return;

  g_free (self->uri);
  self->uri = g_strdup (uri);
  has_uri = self->uri != NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), has_uri);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), has_uri);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->uri);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.open", has_uri);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.copy", has_uri);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "link.menu", has_uri);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

/**
 * convene_link_row_dup_host:
 * @uri: (nullable): a URI
 *
 * Returns: (transfer full) (nullable): the host of @uri for display, the
 *   address of a mailto: URI, or %NULL if @uri has neither
 */
char *
convene_link_row_dup_host (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return NULL;

  host = g_uri_get_host (parsed);
  if (host != NULL && *host != '\0')
    return g_strdup (host);

  if (g_strcmp0 (g_uri_get_scheme (parsed), "mailto") == 0)
    return g_strdup (g_uri_get_path (parsed));

  return NULL;
}
