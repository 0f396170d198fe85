/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-person-row"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-person-row.h"
#include "convene-window.h"

/* A person in a list: avatar, name, a subtitle chosen by the list (the
 * company and role for a lead, the groups for the people page) and a
 * button to open the profile. Activating the row shows the person page.
 *
 * The avatar: a picture the cache already has is shown as soon as the row
 * is mapped, before its first frame, so there is no flash of initials.
 * The network is asked only for rows inside the visible part of their
 * scrolled window: a GtkListBox keeps every row mapped, scrolled into
 * view or not, so mapping alone would download a whole long list. A row
 * that leaves the view before its picture came cancels its request, which
 * the cache drops if it has not started.
 */
struct _ConvenePersonRow
{
  AdwActionRow parent_instance;

  ConvenePerson *person;

  /* While mapped: the cache, the adjustment that scrolls the row and the
   * frame clock a visibility check waits on. */
  ConveneAvatarCache *avatar_cache;
  gulong avatar_updated_id;
  GtkAdjustment *vadjustment;
  gulong value_changed_id;
  gulong adjustment_changed_id;
  GdkFrameClock *frame_clock;
  gulong after_paint_id;

  /* Set from the request until unmap, or until cancelled out of view. */
  GCancellable *avatar_cancellable;
  gboolean has_picture;

  AdwAvatar *avatar;
  GtkButton *profile_button;
};

static void queue_visibility_check (ConvenePersonRow *self);

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

/* Avatar */

static void
show_avatar (GtkWidget    *owner,
             GdkPaintable *paintable)
{
  convene_person_row_set_avatar (CONVENE_PERSON_ROW (owner), paintable);
}

static const char *
get_avatar_url (ConvenePersonRow *self)
{
  const char *url = convene_person_get_avatar_url (self->person);

  return url != NULL && *url != '\0' ? url : NULL;
}

/* Whether some of the row is inside the visible part of the scrolled
 * window around it; %FALSE until the row has been laid out.
 */
static gboolean
is_in_view (ConvenePersonRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (scrolled == NULL)
    return gtk_widget_get_height (widget) > 0;

  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds) || bounds.size.height <= 0)
    return FALSE;

  return bounds.origin.y < gtk_widget_get_height (scrolled) &&
         bounds.origin.y + bounds.size.height > 0;
}

static void
update_avatar_request (ConvenePersonRow *self)
{
  GtkWidget *window;

  g_assert (gtk_widget_get_mapped (GTK_WIDGET (self)));

  /* Not laid out yet: look again after the next frame. */
  if (gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    {
      queue_visibility_check (self);
      return;
    }

  if (!is_in_view (self))
    {
      /* A request that has not brought a picture yet is dropped; a row
       * that has one keeps it.
       */
      if (self->avatar_cancellable != NULL && !self->has_picture)
        {
          g_cancellable_cancel (self->avatar_cancellable);
          g_clear_object (&self->avatar_cancellable);
        }
      return;
    }

  if (self->avatar_cancellable != NULL)
    return;

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), CONVENE_TYPE_WINDOW);
  if (window == NULL)
    return;

  /* Also when the row has a picture: the cache answers from memory and
   * checks with the server when the picture is older than the freshness.
   */
  self->avatar_cancellable = g_cancellable_new ();
  convene_window_request_avatar (CONVENE_WINDOW (window),
                                 get_avatar_url (self),
                                 GTK_WIDGET (self),
                                 show_avatar,
                                 self->avatar_cancellable);
}

static void
after_paint_cb (ConvenePersonRow *self,
                GdkFrameClock    *frame_clock)
{
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_avatar_request (self);
}

/* Checks after the next frame, when the layout (and the scrolling that
 * asked for the check) has settled. An idle could run before the frame.
 */
static void
queue_visibility_check (ConvenePersonRow *self)
{
  GdkFrameClock *frame_clock;

  if (self->after_paint_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* A row with a picture and its request made has nothing left to do. */
  if (self->avatar_cancellable != NULL && self->has_picture)
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (frame_clock == NULL)
    return;

  self->frame_clock = g_object_ref (frame_clock);
  self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                  G_CALLBACK (after_paint_cb), self,
                                                  G_CONNECT_SWAPPED);
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
avatar_updated_cb (ConvenePersonRow   *self,
                   const char         *url,
                   GdkTexture         *texture,
                   ConveneAvatarCache *cache)
{
  if (g_strcmp0 (url, get_avatar_url (self)) == 0)
    convene_person_row_set_avatar (self, GDK_PAINTABLE (texture));
}

static void
start_watching (ConvenePersonRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *window;
  GtkWidget *scrolled;
  ConveneAvatarCache *cache = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  const char *url = get_avatar_url (self);

  window = gtk_widget_get_ancestor (widget, CONVENE_TYPE_WINDOW);
  if (window != NULL)
    cache = convene_window_get_avatar_cache (CONVENE_WINDOW (window));

  if (cache == NULL || url == NULL)
    return;

  /* Memory or disk, never the network: a small PNG, quick to decode. */
  cached = convene_avatar_cache_lookup (cache, url);
  if (cached != NULL)
    convene_person_row_set_avatar (self, GDK_PAINTABLE (cached));

  self->avatar_cache = g_object_ref (cache);
  self->avatar_updated_id = g_signal_connect_object (cache, "avatar-updated",
                                                     G_CALLBACK (avatar_updated_cb), self,
                                                     G_CONNECT_SWAPPED);

  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    {
      self->vadjustment =
        g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
      self->value_changed_id = g_signal_connect_object (self->vadjustment, "value-changed",
                                                        G_CALLBACK (queue_visibility_check), self,
                                                        G_CONNECT_SWAPPED);
      self->adjustment_changed_id = g_signal_connect_object (self->vadjustment, "changed",
                                                             G_CALLBACK (queue_visibility_check),
                                                             self, G_CONNECT_SWAPPED);
    }

  queue_visibility_check (self);
}

static void
stop_watching (ConvenePersonRow *self)
{
  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);

  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_signal_handler (&self->value_changed_id, self->vadjustment);
  g_clear_signal_handler (&self->adjustment_changed_id, self->vadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_signal_handler (&self->avatar_updated_id, self->avatar_cache);
  g_clear_object (&self->avatar_cache);
}

/* Vfuncs */

static void
convene_person_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (convene_person_row_parent_class)->map (widget);

  start_watching (CONVENE_PERSON_ROW (widget));
}

static void
convene_person_row_unmap (GtkWidget *widget)
{
  stop_watching (CONVENE_PERSON_ROW (widget));

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

  stop_watching (self);
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
