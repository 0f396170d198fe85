/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-sidebar-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-sidebar-item.h"
#include "convene-sidebar-row.h"

/* A row of the sidebar or of the search results. It takes its item: a
 * #ConveneGroup, a #ConvenePerson or a #ConveneSidebarItem (Overview,
 * People), and shows its title, a subtitle (the group's topics, or what a
 * search hit says) and an icon. A badge says when the group's meeting (or
 * for the overview, the community's) is running or about to start: the
 * row follows the clock it was given itself, so a GtkListView can recycle
 * it without anyone updating badges by hand.
 *
 * Activating the row asks its window to show the page of its item
 * ("win.show-group" and so on): rows never call the window.
 */
struct _ConveneSidebarRow
{
  GtkWidget parent_instance;

  GObject *item;
  ConveneUpcoming *upcoming;
  gulong upcoming_changed_id;
  ConveneMeetingState meeting_state;

  GtkLabel *badge;
  GtkImage *icon;
  GtkInscription *subtitle_label;
  GtkInscription *title_label;
};

G_DEFINE_FINAL_TYPE (ConveneSidebarRow, convene_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_UPCOMING,
  PROP_PAGE,
  PROP_TARGET,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_MEETING_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  const char *subtitle = (gtk_inscription_get_text (self->subtitle_label) ? gtk_inscription_get_text (self->subtitle_label) : "");
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
                                  gtk_inscription_get_text (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description,
                                  -1);

  /* In a GtkListView the list item around the row takes the focus, and
   * it is what a screen reader reads out: it says the same (GTK 4.8 has
   * no list item label of its own).
   */
  {
    GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
    GtkWidget *item = parent ? gtk_widget_get_parent (parent) : NULL;

    /* A hidden row leaves the list item to the heading shown instead. */
    if (item != NULL && GTK_IS_LIST_VIEW (gtk_widget_get_parent (item)) &&
        gtk_widget_get_visible (GTK_WIDGET (self)))
      gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_inscription_get_text (self->title_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description,
                                      -1);
  }
}

static void
set_icon_name (ConveneSidebarRow *self,
               const char        *icon_name)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL && *icon_name != '\0');
}

static void
update_meeting_state (ConveneSidebarRow *self)
{
  ConveneMeetingState state = CONVENE_MEETING_STATE_NONE;

  if (self->upcoming == NULL || convene_upcoming_get_registry (self->upcoming) == NULL)
    ;
  else if (CONVENE_IS_GROUP (self->item))
    state = convene_upcoming_get_group_state (self->upcoming, CONVENE_GROUP (self->item));
  else if (CONVENE_IS_SIDEBAR_ITEM (self->item) &&
           convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (self->item)) ==
           CONVENE_SIDEBAR_ITEM_OVERVIEW)
    state = convene_upcoming_get_community_state (self->upcoming);

  convene_sidebar_row_set_meeting_state (self, state);
}

static void
upcoming_changed_cb (ConveneSidebarRow *self,
                     ConveneUpcoming   *upcoming)
{
  update_meeting_state (self);
}

static void
set_upcoming (ConveneSidebarRow *self,
              ConveneUpcoming   *upcoming)
{
  g_clear_signal_handler (&self->upcoming_changed_id, self->upcoming);
  g_set_object (&self->upcoming, upcoming);

  if (upcoming != NULL)
    self->upcoming_changed_id = g_signal_connect_object (upcoming, "changed",
                                                         G_CALLBACK (upcoming_changed_cb), self,
                                                         G_CONNECT_SWAPPED);
  update_meeting_state (self);
}

/* The sidebar is narrow: the tooltip has the whole line. It is asked for
 * when shown, not set on every bind: gtk_widget_set_tooltip_text() asks
 * the display where the pointer is, a round trip per row on X11.
 */
static gboolean
subtitle_query_tooltip_cb (ConveneSidebarRow *self,
                           int                x,
                           int                y,
                           gboolean           keyboard,
                           GtkTooltip        *tooltip,
                           GtkWidget         *label)
{
  const char *subtitle = convene_sidebar_row_get_subtitle (self);

  if (subtitle == NULL || *subtitle == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, subtitle);
  return TRUE;
}

static void
activate_cb (ConveneSidebarRow *self)
{
  const char *page = convene_sidebar_row_get_page (self);
  const char *target = convene_sidebar_row_get_target (self);

  if (g_strcmp0 (page, "group") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-group", "s", target);
  else if (g_strcmp0 (page, "person") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s", target);
  else if (g_strcmp0 (page, "people") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-people", NULL);
  else if (g_strcmp0 (page, "overview") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-overview", NULL);
}

/* The list item around the row is set up after the row: it takes the
 * row's words once it is there (see update_accessible()).
 */
static void
parent_changed_cb (ConveneSidebarRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent != NULL)
    g_signal_connect_object (parent, "notify::parent", G_CALLBACK (update_accessible), self,
                             G_CONNECT_SWAPPED);
  update_accessible (self);
}

/* Vfuncs */

static void
convene_sidebar_row_dispose (GObject *object)
{
  ConveneSidebarRow *self = (ConveneSidebarRow *)object;
  GtkWidget *child;

  set_upcoming (self, NULL);
  g_clear_object (&self->item);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (convene_sidebar_row_parent_class)->dispose (object);
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
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_UPCOMING:
      g_value_set_object (value, self->upcoming);
      break;

    case PROP_PAGE:
      g_value_set_string (value, convene_sidebar_row_get_page (self));
      break;

    case PROP_TARGET:
      g_value_set_string (value, convene_sidebar_row_get_target (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, convene_sidebar_row_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, convene_sidebar_row_get_subtitle (self));
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
    case PROP_ITEM:
      convene_sidebar_row_set_item (self, g_value_get_object (value), NULL);
      break;

    case PROP_UPCOMING:
      set_upcoming (self, g_value_get_object (value));
      break;

    case PROP_SUBTITLE:
      convene_sidebar_row_set_subtitle (self, g_value_get_string (value));
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

  object_class->dispose = convene_sidebar_row_dispose;
  object_class->get_property = convene_sidebar_row_get_property;
  object_class->set_property = convene_sidebar_row_set_property;

  /**
   * ConveneSidebarRow:item:
   *
   * What the row shows: a #ConveneGroup, a #ConvenePerson or a
   * #ConveneSidebarItem.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneSidebarRow:upcoming:
   *
   * The clock the badge follows.
   */
  properties[PROP_UPCOMING] =
    g_param_spec_object ("upcoming", NULL, NULL, CONVENE_TYPE_UPCOMING,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

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

  /**
   * ConveneSidebarRow::activate:
   *
   * Shows the page of the row's item; what gtk_widget_activate() and
   * the list's activation do.
   */
  signals[ACTIVATE] =
    g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (activate_cb), NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sidebarrow");

}

/* Built in code rather than from a template: a GtkListView creates up to
 * 200 of these at once, and a template is parsed again for each.
 */
static void
convene_sidebar_row_init (ConveneSidebarRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);

  self->icon = g_object_new (GTK_TYPE_IMAGE,
                             "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                             "visible", FALSE,
                             NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));

  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  /* Inscriptions: light to measure in a long list, one line, ellipsized. */
  self->title_label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_xalign (self->title_label, 0);
  gtk_inscription_set_text_overflow (self->title_label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (self->title_label, 30);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title_label));

  self->subtitle_label = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_xalign (self->subtitle_label, 0);
  gtk_inscription_set_text_overflow (self->subtitle_label, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (self->subtitle_label, 30);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->subtitle_label));

  self->badge = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->badge), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->badge), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "meeting-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), "caption-heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->badge));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->subtitle_label), TRUE);
  g_signal_connect_object (self->subtitle_label, "query-tooltip",
                           G_CALLBACK (subtitle_query_tooltip_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * convene_sidebar_row_new:
 * @upcoming: (nullable): the clock the badge follows
 *
 * Returns: (transfer floating): a new #ConveneSidebarRow showing nothing
 *   until it is given an item
 */
GtkWidget *
convene_sidebar_row_new (ConveneUpcoming *upcoming)
{
  g_return_val_if_fail (upcoming == NULL || CONVENE_IS_UPCOMING (upcoming), NULL);

  return g_object_new (CONVENE_TYPE_SIDEBAR_ROW, "upcoming", upcoming, NULL);
}

/**
 * convene_sidebar_row_get_item:
 * @self: a #ConveneSidebarRow
 *
 * Returns: (transfer none) (nullable): the item shown
 */
GObject *
convene_sidebar_row_get_item (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);
  return self->item;
}

/**
 * convene_sidebar_row_set_item:
 * @self: a #ConveneSidebarRow
 * @item: (nullable): a #ConveneGroup, #ConvenePerson or #ConveneSidebarItem
 * @subtitle: (nullable): the second line; %NULL for the item's own (the
 *   topics of a group, the company of a person)
 */
void
convene_sidebar_row_set_item (ConveneSidebarRow *self,
                              GObject           *item,
                              const char        *subtitle)
{
  g_autofree char *own_subtitle = NULL;
  const char *title = "";
  const char *icon_name = NULL;

  g_return_if_fail (CONVENE_IS_SIDEBAR_ROW (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  g_set_object (&self->item, item);

  if (CONVENE_IS_GROUP (item))
    {
      title = convene_group_get_name (CONVENE_GROUP (item));
      if (subtitle == NULL)
        subtitle = own_subtitle = convene_group_dup_topics_text (CONVENE_GROUP (item));
    }
  else if (CONVENE_IS_PERSON (item))
    {
      title = convene_person_get_name (CONVENE_PERSON (item));
      if (subtitle == NULL)
        subtitle = convene_person_get_company (CONVENE_PERSON (item));
    }
  else if (CONVENE_IS_SIDEBAR_ITEM (item))
    {
      title = convene_sidebar_item_get_title (CONVENE_SIDEBAR_ITEM (item));
      icon_name = convene_sidebar_item_get_icon_name (CONVENE_SIDEBAR_ITEM (item));
    }

  gtk_inscription_set_text (self->title_label, title);
  set_icon_name (self, icon_name);
  convene_sidebar_row_set_subtitle (self, subtitle);
  update_meeting_state (self);
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * convene_sidebar_row_get_page:
 * @self: a #ConveneSidebarRow
 *
 * Returns: (nullable): the page the row leads to: "overview", "group",
 *   "people" or "person"
 */
const char *
convene_sidebar_row_get_page (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);

  if (CONVENE_IS_GROUP (self->item))
    return "group";
  if (CONVENE_IS_PERSON (self->item))
    return "person";
  if (CONVENE_IS_SIDEBAR_ITEM (self->item))
    switch (convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (self->item)))
      {
      case CONVENE_SIDEBAR_ITEM_OVERVIEW:
        return "overview";
      case CONVENE_SIDEBAR_ITEM_PEOPLE:
        return "people";
      case CONVENE_SIDEBAR_ITEM_MY_WEEK:
        return "my-week";
      case CONVENE_SIDEBAR_ITEM_HEADING:
      default:
        return NULL;
      }

  return NULL;
}

/**
 * convene_sidebar_row_get_target:
 * @self: a #ConveneSidebarRow
 *
 * Returns: (nullable): the id of the row's group or person
 */
const char *
convene_sidebar_row_get_target (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);

  if (CONVENE_IS_GROUP (self->item))
    return convene_group_get_id (CONVENE_GROUP (self->item));
  if (CONVENE_IS_PERSON (self->item))
    return convene_person_get_id (CONVENE_PERSON (self->item));

  return NULL;
}

const char *
convene_sidebar_row_get_title (ConveneSidebarRow *self)
{
  g_return_val_if_fail (CONVENE_IS_SIDEBAR_ROW (self), NULL);
  return gtk_inscription_get_text (self->title_label);
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

  return gtk_inscription_get_text (self->subtitle_label);
}

void
convene_sidebar_row_set_subtitle (ConveneSidebarRow *self,
                                  const char        *subtitle)
{
  g_return_if_fail (CONVENE_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (subtitle, convene_sidebar_row_get_subtitle (self)) == 0 &&
      gtk_widget_get_visible (GTK_WIDGET (self->subtitle_label)) ==
      (CONVENE_IS_GROUP (self->item) || CONVENE_IS_PERSON (self->item) ||
       (subtitle != NULL && *subtitle != '\0')))
    return;

  gtk_inscription_set_text (self->subtitle_label, subtitle);
  /* Every group and person keeps its second line, empty or not, so that
   * the rows of a list have one height.
   */
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          (subtitle != NULL && *subtitle != '\0') ||
                          CONVENE_IS_GROUP (self->item) || CONVENE_IS_PERSON (self->item));
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
