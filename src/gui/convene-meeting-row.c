/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-meeting-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-meeting-row.h"
#include "convene-clock-format.h"
#include "convene-meeting-row-private.h"

/* A meeting, as a row: when it next takes place in the user's time zone
 * and how far away that is, the schedule as the community wrote it, the
 * time its organizers meant, whether it is running or about to start
 * (under the title, so that it never takes the title's width), a Join
 * button that becomes an icon when the row is narrow, and a menu (the
 * menu button, a secondary click, a long press, Shift+F10 or Menu) to
 * join, copy the link and add the meeting to a calendar.
 *
 * On a group page the row's title is the time; in the overview's
 * "Upcoming This Week" list it is the group's name, and activating the
 * row opens the group. Joining and the calendar go through the window's
 * actions ("win.open-uri", "win.open-meeting-calendar",
 * "win.export-meeting"), so every URI passes the launcher's checks and
 * every failure becomes a toast.
 *
 * The row does not read the clock: whoever shows it passes "now" and
 * calls convene_meeting_row_update() when the time shown changes.
 */
struct _ConveneMeetingRow
{
  AdwActionRow parent_instance;

  ConveneMeeting *meeting;
  ConveneGroup *group;
  char *community_name;
  gboolean show_group;
  gboolean show_name;
  ConveneMeetingState state;
  char *status;
  char *details;

  GtkWidget *popover;
  GtkLabel *status_label;
  GtkLabel *zone_label;

  GMenuModel *context_menu;
  GtkButton *join_button;
  GtkButton *join_icon_button;
  AdwSqueezer *join_squeezer;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (ConveneMeetingRow, convene_meeting_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MEETING,
  PROP_GROUP,
  PROP_COMMUNITY_NAME,
  PROP_SHOW_GROUP,
  PROP_SHOW_NAME,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
get_url (ConveneMeetingRow *self)
{
  const char *url = convene_meeting_get_url (self->meeting);

  return url != NULL && *url != '\0' ? url : NULL;
}

static const char *
get_text (ConveneMeetingRow *self)
{
  const char *text = convene_meeting_get_text (self->meeting);

  return text != NULL && *text != '\0' ? text : _("Meeting");
}

static void
set_join_style (ConveneMeetingRow *self)
{
  _convene_meeting_row_style_join (GTK_WIDGET (self->join_button), self->state);
  _convene_meeting_row_style_join (GTK_WIDGET (self->join_icon_button), self->state);
}

static gboolean
has_menu (ConveneMeetingRow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->menu_button)) &&
         gtk_widget_get_child_visible (GTK_WIDGET (self->menu_button));
}

static void
popup_menu_at (ConveneMeetingRow *self,
               double             x,
               double             y)
{
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

static void
set_status (ConveneMeetingRow *self,
            GDateTime         *start,
            GDateTime         *now)
{
  g_free (self->status);
  self->status = _convene_meeting_row_show_status (self->status_label, self->state, start, now);
}

static void
set_texts (ConveneMeetingRow *self,
           const char        *title,
           const char        *subtitle)
{
  /* No line says the same thing twice. */
  if (g_strcmp0 (title, subtitle) == 0)
    subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
}

/* Actions */

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  if (get_url (self) != NULL)
    gtk_widget_activate_action (widget, "win.open-uri", "s", get_url (self));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  if (get_url (self) != NULL)
    gtk_widget_activate_action (widget, "win.copy-uri", "s", get_url (self));
}

static void
open_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  if (self->group != NULL)
    gtk_widget_activate_action (widget, "win.open-meeting-calendar", "s",
                                convene_group_get_id (self->group));
}

static void
save_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  if (self->group != NULL)
    gtk_widget_activate_action (widget, "win.export-meeting", "s",
                                convene_group_get_id (self->group));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  if (has_menu (self))
    popup_menu_at (self, gtk_widget_get_width (widget) / 2.0,
                   gtk_widget_get_height (widget) / 2.0);
}

/* Callbacks */

static void
secondary_click_pressed_cb (ConveneMeetingRow *self,
                            int                n_press,
                            double             x,
                            double             y,
                            GtkGesture        *gesture)
{
  if (!has_menu (self))
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
long_press_pressed_cb (ConveneMeetingRow *self,
                       double             x,
                       double             y,
                       GtkGesture        *gesture)
{
  if (!has_menu (self))
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

/* Vfuncs */

static void
convene_meeting_row_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (widget);

  GTK_WIDGET_CLASS (convene_meeting_row_parent_class)->size_allocate (widget, width, height,
                                                                      baseline);

  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
convene_meeting_row_activate (AdwActionRow *row)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (row);

  /* In the week's list the row stands for its group; on a group page,
   * for the call.
   */
  if (self->show_group && self->group != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-group", "s",
                                convene_group_get_id (self->group));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "meeting.join", NULL);

  ADW_ACTION_ROW_CLASS (convene_meeting_row_parent_class)->activate (row);
}

static void
convene_meeting_row_constructed (GObject *object)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (object);
  gboolean has_url;
  gboolean calendar;

  G_OBJECT_CLASS (convene_meeting_row_parent_class)->constructed (object);

  g_assert (self->meeting != NULL);

  has_url = get_url (self) != NULL;
  calendar = !self->show_group && self->group != NULL &&
             convene_schedule_is_computable (self->meeting);

  gtk_widget_set_visible (GTK_WIDGET (self->join_squeezer), has_url);

  /* Among several meetings the buttons line up: a row without one keeps
   * its place empty.
   */
  if (self->show_name)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->join_squeezer), TRUE);
      gtk_widget_set_child_visible (GTK_WIDGET (self->join_squeezer), has_url);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.join", has_url);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.copy", has_url);

  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), has_url || calendar || self->show_name);
  gtk_widget_set_child_visible (GTK_WIDGET (self->menu_button), has_url || calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.menu", has_url || calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.open-calendar", calendar);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.save-calendar", calendar);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self),
                                    self->show_group ? self->group != NULL : has_url);

  if (self->show_group)
    {
      adw_action_row_set_icon_name (ADW_ACTION_ROW (self), NULL);

      /* Like every row that leads to a page. */
      if (self->group != NULL)
        {
          GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                           "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL);

          adw_action_row_add_suffix (ADW_ACTION_ROW (self), arrow);
        }
    }
}

static void
convene_meeting_row_dispose (GObject *object)
{
  ConveneMeetingRow *self = (ConveneMeetingRow *)object;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_MEETING_ROW);
  g_clear_object (&self->meeting);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (convene_meeting_row_parent_class)->dispose (object);
}

static void
convene_meeting_row_finalize (GObject *object)
{
  ConveneMeetingRow *self = (ConveneMeetingRow *)object;

  g_clear_pointer (&self->community_name, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->details, g_free);

  G_OBJECT_CLASS (convene_meeting_row_parent_class)->finalize (object);
}

static void
convene_meeting_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      g_value_set_object (value, self->meeting);
      break;

    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;

    case PROP_COMMUNITY_NAME:
      g_value_set_string (value, self->community_name);
      break;

    case PROP_SHOW_GROUP:
      g_value_set_boolean (value, self->show_group);
      break;

    case PROP_SHOW_NAME:
      g_value_set_boolean (value, self->show_name);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_meeting_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConveneMeetingRow *self = CONVENE_MEETING_ROW (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      self->meeting = g_value_dup_object (value);
      break;

    case PROP_GROUP:
      self->group = g_value_dup_object (value);
      break;

    case PROP_COMMUNITY_NAME:
      self->community_name = g_value_dup_string (value);
      break;

    case PROP_SHOW_GROUP:
      self->show_group = g_value_get_boolean (value);
      break;

    case PROP_SHOW_NAME:
      self->show_name = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_meeting_row_class_init (ConveneMeetingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->constructed = convene_meeting_row_constructed;
  object_class->dispose = convene_meeting_row_dispose;
  object_class->finalize = convene_meeting_row_finalize;
  object_class->get_property = convene_meeting_row_get_property;
  object_class->set_property = convene_meeting_row_set_property;

  widget_class->size_allocate = convene_meeting_row_size_allocate;

  row_class->activate = convene_meeting_row_activate;

  /**
   * ConveneMeetingRow:meeting:
   *
   * The meeting shown.
   */
  properties[PROP_MEETING] =
    g_param_spec_object ("meeting", NULL, NULL, CONVENE_TYPE_MEETING,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneMeetingRow:group:
   *
   * The group whose page or entry shows the meeting, which the calendar
   * menu exports; %NULL for a meeting of the whole community.
   */
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, CONVENE_TYPE_GROUP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneMeetingRow:community-name:
   *
   * The title of a row of the week's list for a meeting of the whole
   * community.
   */
  properties[PROP_COMMUNITY_NAME] =
    g_param_spec_string ("community-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneMeetingRow:show-group:
   *
   * Whether the row is titled with its group and opens it, as in the
   * week's list, rather than titled with the time and joining the call.
   */
  properties[PROP_SHOW_GROUP] =
    g_param_spec_boolean ("show-group", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneMeetingRow:show-name:
   *
   * Whether a row of a group page is titled with the meeting's name, with
   * the time below, as when the group has several meetings; rows whose
   * group has one are titled with the time.
   */
  properties[PROP_SHOW_NAME] =
    g_param_spec_boolean ("show-name", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneMeetingRow:state:
   *
   * Whether the meeting is running or about to start, at the last update.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CONVENE_TYPE_MEETING_STATE, CONVENE_MEETING_STATE_NONE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-meeting-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneMeetingRow, context_menu);
  gtk_widget_class_bind_template_child (widget_class, ConveneMeetingRow, join_button);
  gtk_widget_class_bind_template_child (widget_class, ConveneMeetingRow, join_icon_button);
  gtk_widget_class_bind_template_child (widget_class, ConveneMeetingRow, join_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ConveneMeetingRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, long_press_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, secondary_click_pressed_cb);

  gtk_widget_class_install_action (widget_class, "meeting.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "meeting.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "meeting.open-calendar", NULL,
                                   open_calendar_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-calendar", NULL,
                                   save_calendar_action);
  gtk_widget_class_install_action (widget_class, "meeting.menu", NULL, menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "meeting.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "meeting.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "meeting.menu", NULL);
}

static void
convene_meeting_row_init (ConveneMeetingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->status_label = GTK_LABEL (_convene_meeting_row_new_status_label ());
  self->zone_label = GTK_LABEL (_convene_meeting_row_new_zone_label ());
  _convene_meeting_row_place_labels (ADW_ACTION_ROW (self), GTK_WIDGET (self->zone_label),
                                     GTK_WIDGET (self->status_label));
}

/* Public API */

/**
 * convene_meeting_row_new:
 * @meeting: a #ConveneMeeting
 * @group: (nullable): the group whose page shows @meeting, for the
 *   calendar menu; %NULL for a meeting of the whole community, which has
 *   no menu
 * @now: the current time
 *
 * Makes the row of a meeting on a group page: titled with its next time,
 * with its text below; activating it joins the call.
 *
 * Returns: (transfer floating): a new #ConveneMeetingRow
 */
GtkWidget *
convene_meeting_row_new (ConveneMeeting *meeting,
                         ConveneGroup   *group,
                         GDateTime      *now)
{
  GtkWidget *row;

  g_return_val_if_fail (CONVENE_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (group == NULL || CONVENE_IS_GROUP (group), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  row = g_object_new (CONVENE_TYPE_MEETING_ROW,
                      "meeting", meeting,
                      "group", group,
                      NULL);
  convene_meeting_row_update (CONVENE_MEETING_ROW (row), now);
  return row;
}

/**
 * convene_meeting_row_new_upcoming:
 * @entry: a meeting of the week ahead
 * @community_name: (nullable): the title for a meeting of the whole
 *   community
 * @now: the current time
 *
 * Makes the row of "Upcoming This Week": titled with the group's name,
 * with the time below; activating it shows the group.
 *
 * Returns: (transfer floating): a new #ConveneMeetingRow
 */
GtkWidget *
convene_meeting_row_new_upcoming (ConveneUpcomingEntry *entry,
                                  const char           *community_name,
                                  GDateTime            *now)
{
  GtkWidget *row;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  row = g_object_new (CONVENE_TYPE_MEETING_ROW,
                      "meeting", entry->meeting,
                      "group", entry->group,
                      "community-name", community_name,
                      "show-group", TRUE,
                      NULL);
  convene_meeting_row_update (CONVENE_MEETING_ROW (row), now);
  return row;
}

ConveneMeeting *
convene_meeting_row_get_meeting (ConveneMeetingRow *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING_ROW (self), NULL);
  return self->meeting;
}

/**
 * convene_meeting_row_get_group:
 * @self: a #ConveneMeetingRow
 *
 * Returns: (transfer none) (nullable): the group of the row
 */
ConveneGroup *
convene_meeting_row_get_group (ConveneMeetingRow *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING_ROW (self), NULL);
  return self->group;
}

ConveneMeetingState
convene_meeting_row_get_state (ConveneMeetingRow *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING_ROW (self), CONVENE_MEETING_STATE_NONE);
  return self->state;
}

/**
 * convene_meeting_row_get_status:
 * @self: a #ConveneMeetingRow
 *
 * Returns: (nullable): what the badge says, "Live now" or "Starts in 5
 *   minutes", %NULL when the meeting is neither running nor about to start
 */
const char *
convene_meeting_row_get_status (ConveneMeetingRow *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING_ROW (self), NULL);
  return self->status;
}

/**
 * convene_meeting_row_get_details:
 * @self: a #ConveneMeetingRow
 *
 * Returns: (nullable): the tooltip: the next meeting on its organizers'
 *   clock, "Thu 11:00 in America/Los_Angeles"; %NULL when its date is not
 *   known
 */
const char *
convene_meeting_row_get_details (ConveneMeetingRow *self)
{
  g_return_val_if_fail (CONVENE_IS_MEETING_ROW (self), NULL);
  return self->details;
}

/**
 * convene_meeting_row_update:
 * @self: a #ConveneMeetingRow
 * @now: the current time
 *
 * Shows the meeting as seen at @now: its next time, whether it is running
 * or about to start, and the style of the Join button.
 */
void
convene_meeting_row_update (ConveneMeetingRow *self,
                            GDateTime         *now)
{
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *when = NULL;
  g_autofree char *zone = NULL;
  ConveneMeetingState state;

  g_return_if_fail (CONVENE_IS_MEETING_ROW (self));
  g_return_if_fail (now != NULL);

  if (convene_schedule_is_computable (self->meeting))
    next = convene_schedule_next (self->meeting, now);

  g_clear_pointer (&self->details, g_free);

  state = convene_schedule_get_state (self->meeting, now, NULL);

  if (next != NULL)
    {
      /* Live or soon, the status beside says how far away it is: the
       * title does not say it again. */
      if (state != CONVENE_MEETING_STATE_NONE)
        when = convene_schedule_format_date_clock (next, convene_clock_format_is_12h ());
      else
        when = convene_schedule_format_next_clock (next, now, convene_clock_format_is_12h ());
      self->details = _convene_meeting_row_dup_organizer_time (self->meeting, next);
      /* Translators: says that the time above is in the user's time zone,
       * then the time its organizers meant: "Your time · Thu 11:00 in
       * America/Los_Angeles"
       */
      zone = g_strdup_printf (_("Your time · %s"), self->details);
    }
  else if (convene_meeting_has_schedule (self->meeting))
    {
      /* Known, but not which weeks: say it the way a person would. */
      when = convene_schedule_describe (self->meeting);
      zone = _convene_meeting_row_dup_no_date_reason (self->meeting);
    }

  if (self->show_group)
    {
      const char *title = self->group ? convene_group_get_name (self->group) : self->community_name;

      set_texts (self, title ? title : get_text (self), when ? when : get_text (self));
    }
  else if (self->show_name)
    {
      set_texts (self, get_text (self), when);
    }
  else
    {
      set_texts (self, when ? when : get_text (self), get_text (self));
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->details);
  gtk_label_set_label (self->zone_label, zone ? zone : "");
  gtk_widget_set_visible (GTK_WIDGET (self->zone_label), zone != NULL);

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  set_status (self, next, now);
  set_join_style (self);
}
