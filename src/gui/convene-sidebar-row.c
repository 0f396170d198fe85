/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-sidebar-row.h"

/* A row of the sidebar or of the search results: a title, an optional
 * subtitle and icon, and the page it leads to ("overview", "group",
 * "people" or "person") with the id of the group or person. A badge says
 * when the group's meeting is running or about to start.
 */
struct _ConveneSidebarRow
{
  GtkListBoxRow parent_instance;

  char *page;
  char *target;
  ConveneMeetingState meeting_state;

  GtkLabel *badge;
  GtkImage *icon;
  GtkLabel *subtitle_label;
  GtkLabel *title_label;
};

G_DEFINE_FINAL_TYPE (ConveneSidebarRow, convene_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_TARGET,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  PROP_MEETING_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
get_meeting_state_text (ConveneSidebarRow *self)
{
  switch (self->meeting_state)
    {
    case CONVENE_MEETING_STATE_LIVE:
      return _("Live now");
    case CONVENE_MEETING_STATE_SOON:
      return _("Starting soon");
    case CONVENE_MEETING_STATE_NONE:
    default:
      return NULL;
    }
}

static void
update_accessible (ConveneSidebarRow *self)
{
  const char *subtitle = gtk_label_get_text (self->subtitle_label);
  const char *state = get_meeting_state_text (self);
  g_autofree char *description = NULL;

  /* The badge is only a colour and a word: say it in full. */
  if (state != NULL && *subtitle != '\0')
    /* Translators: the description of a group in the sidebar: whether its
     * meeting is running ("Live now"), then its topics
     */
    description = g_strdup_printf (_("%s. %s"), state, subtitle);
  else
    description = g_strdup (state ? state : subtitle);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description,
                                  -1);
}

static void
set_icon_name (ConveneSidebarRow *self,
               const char        *icon_name)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL && *icon_name != '\0');
}

/* Vfuncs */

static void
convene_sidebar_row_finalize (GObject *object)
{
  ConveneSidebarRow *self = (ConveneSidebarRow *)object;

  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->target, g_free);

  G_OBJECT_CLASS (convene_sidebar_row_parent_class)->finalize (object);
}

static void
convene_sidebar_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConveneSidebarRow *self = CONVENE_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;

    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;

    case PROP_TITLE:
      g_value_set_string (value, convene_sidebar_row_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, convene_sidebar_row_get_subtitle (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->icon));
      break;

    case PROP_MEETING_STATE:
      g_value_set_enum (value, self->meeting_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_sidebar_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConveneSidebarRow *self = CONVENE_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      self->page = g_value_dup_string (value);
      break;

    case PROP_TARGET:
      self->target = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      update_accessible (self);
      break;

    case PROP_SUBTITLE:
      convene_sidebar_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_MEETING_STATE:
      convene_sidebar_row_set_meeting_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_sidebar_row_class_init (ConveneSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convene_sidebar_row_finalize;
  object_class->get_property = convene_sidebar_row_get_property;
  object_class->set_property = convene_sidebar_row_set_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneSidebarRow:meeting-state:
   *
   * Whether the group's meeting is running or about to start, which the
   * badge shows.
   */
  properties[PROP_MEETING_STATE] =
    g_param_spec_enum ("meeting-state", NULL, NULL,
                       CONVENE_TYPE_MEETING_STATE, CONVENE_MEETING_STATE_NONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneSidebarRow, badge);
  gtk_widget_class_bind_template_child (widget_class, ConveneSidebarRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ConveneSidebarRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneSidebarRow, title_label);
}

static void
convene_sidebar_row_init (ConveneSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * convene_sidebar_row_new:
 * @page: the page the row shows: "overview", "group", "people" or "person"
 * @target: (nullable): the id of the group or person of @page
 * @title: the text of the row
 * @subtitle: (nullable): a second, smaller line
 * @icon_name: (nullable): a symbolic icon before the text
 *
 * Returns: (transfer floating): a new #ConveneSidebarRow
 */
GtkWidget *
convene_sidebar_row_new (const char *page,
                         const char *target,
                         const char *title,
                         const char *subtitle,
                         const char *icon_name)
{
  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (CONVENE_TYPE_SIDEBAR_ROW,
                       "page", page,
                       "target", target,
                       "title", title,
                       "subtitle", subtitle,
                       "icon-name", icon_name,
                       NULL);
}

const char *
convene_sidebar_row_get_page (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);
  return self->page;
}

const char *
convene_sidebar_row_get_target (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);
  return self->target;
}

const char *
convene_sidebar_row_get_title (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);
  return gtk_label_get_label (self->title_label);
}

/**
 * convene_sidebar_row_get_subtitle:
 * @self: a #ConveneSidebarRow
 *
 * Returns: (nullable): the subtitle, %NULL when the row has none
 */
const char *
convene_sidebar_row_get_subtitle (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->subtitle_label)))
    return NULL;

  return gtk_label_get_label (self->subtitle_label);
}

void
convene_sidebar_row_set_subtitle (ConveneSidebarRow *self,
                                  const char        *subtitle)
{
  g_return_if_fail (CONVENE_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (subtitle, convene_sidebar_row_get_subtitle (self)) == 0)
    return;

  gtk_label_set_label (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');
  /* The sidebar is narrow: the tooltip has the whole line. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label),
                               subtitle != NULL && *subtitle != '\0' ? subtitle : NULL);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

ConveneMeetingState
convene_sidebar_row_get_meeting_state (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), CONVENE_MEETING_STATE_NONE);
  return self->meeting_state;
}

/**
 * convene_sidebar_row_set_meeting_state:
 * @self: a #ConveneSidebarRow
 * @state: the state of the meeting of the row's group
 *
 * Shows a badge, "Live" or "Soon", while the meeting is running or about
 * to start; it is also said in the row's accessible description.
 */
void
convene_sidebar_row_set_meeting_state (ConveneSidebarRow   *self,
                                       ConveneMeetingState  state)
{
  GtkWidget *badge;

  g_return_if_fail (CONVENE_IS_SIDEBAR_ROW (self));

  if (self->meeting_state == state)
    return;

  self->meeting_state = state;
  badge = GTK_WIDGET (self->badge);

  gtk_widget_remove_css_class (badge, "live");
  gtk_widget_remove_css_class (badge, "soon");

  switch (state)
    {
    case CONVENE_MEETING_STATE_LIVE:
      /* Translators: a short badge in the sidebar: the group's meeting is running */
      gtk_label_set_label (self->badge, C_("meeting badge", "Live"));
      gtk_widget_add_css_class (badge, "live");
      break;

    case CONVENE_MEETING_STATE_SOON:
      /* Translators: a short badge in the sidebar: the group's meeting starts within minutes */
      gtk_label_set_label (self->badge, C_("meeting badge", "Soon"));
      gtk_widget_add_css_class (badge, "soon");
      break;

    case CONVENE_MEETING_STATE_NONE:
    default:
      gtk_label_set_label (self->badge, "");
      break;
    }

  gtk_widget_set_visible (badge, state != CONVENE_MEETING_STATE_NONE);
  gtk_widget_set_tooltip_text (badge, get_meeting_state_text (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_STATE]);
}
