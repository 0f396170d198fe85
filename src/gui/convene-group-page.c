/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-group-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "convene-group-page.h"
#include "convene-clock-format.h"
#include "convene-link-list.h"
#include "convene-link-row.h"
#include "convene-meeting-row.h"
#include "convene-person-row.h"

/* The page of one working group: what it works on, when it meets, where
 * it talks, and who leads it. The lists are bound to the models of the
 * group, so the page holds no copy of the data. The meeting rows show the
 * time of the window's #ConveneUpcoming and follow it as it changes.
 */

/* A description longer than this many characters, or of more lines, is
 * shown collapsed: its first characters on a few lines and a Show More
 * button. Laying out a description as long as a registry may hold (10,000
 * characters) costs a few hundred milliseconds each time the page is
 * shown or resized; the collapsed text costs what a short one does, and
 * the whole text is laid out only when asked for.
 */
#define COLLAPSED_CHARS 300
#define COLLAPSED_LINES 4

/* Pango finds where to break a word too long for a line in time that
 * grows with the square of its length: a description of one 10,000
 * letter word took 40 s to lay out. A zero-width space every this many
 * characters of a word gives it places to break.
 */
#define MAX_UNBROKEN    40

struct _ConveneGroupPage
{
  AdwPreferencesPage parent_instance;

  ConveneGroup *group;
  ConveneRegistry *registry;
  ConveneUpcoming *upcoming;
  ConveneAvatarCache *avatar_cache;

  GtkLabel *description_label;
  GtkButton *description_toggle;
  gboolean description_expanded;
  GtkListBox *leads_list;
  AdwPreferencesGroup *leads_group;
  GtkListBox *links_list;
  AdwPreferencesGroup *links_group;
  GtkListBox *meetings_list;
  AdwPreferencesGroup *meetings_group;
  GtkSortListModel *sorted_meetings;
  GtkLabel *title_label;
  GtkLabel *topics_label;
};

G_DEFINE_FINAL_TYPE (ConveneGroupPage, convene_group_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_GROUP,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static gboolean
is_long_description (const char *text)
{
  guint n_lines = 1;

  if (g_utf8_strlen (text, COLLAPSED_CHARS + 1) > COLLAPSED_CHARS)
    return TRUE;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    if (++n_lines > COLLAPSED_LINES)
      return TRUE;

  return FALSE;
}

/* The beginning of @text: at most COLLAPSED_CHARS characters and
 * COLLAPSED_LINES lines, cut after a space when there is one near the
 * end, and an ellipsis.
 */
static char *
dup_collapsed_text (const char *text)
{
  const char *end = text;
  const char *space;
  g_autofree char *head = NULL;
  guint n_lines = 1;

  for (guint i = 0; i < COLLAPSED_CHARS && *end != '\0'; i++)
    {
      if (*end == '\n' && ++n_lines > COLLAPSED_LINES)
        break;
      end = g_utf8_next_char (end);
    }

  /* Cut in a word: cut before it instead, unless it is a very long one */
  for (space = end; *end != '\0' && !g_ascii_isspace (*end) && space > text &&
       end - space < 40; space--)
    if (g_ascii_isspace (space[-1]))
      {
        end = space - 1;
        break;
      }

  head = g_strchomp (g_strndup (text, end - text));
  /* Translators: a text cut short, %s its beginning */
  return g_strdup_printf (_("%s…"), head);
}

/* @text with a zero-width space in every run of MAX_UNBROKEN characters
 * without a space; %NULL when it has none.
 */
static char *
dup_breakable_text (const char *text)
{
  GString *out = NULL;
  guint run = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B)
        run = 0;
      else if (++run > MAX_UNBROKEN)
        {
          if (out == NULL)
            out = g_string_new_len (text, p - text);
          g_string_append (out, "\u200B");
          run = 1;
        }

      if (out != NULL)
        g_string_append_unichar (out, c);
    }

  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static void
update_description (ConveneGroupPage *self)
{
  const char *text = self->group != NULL ? convene_group_get_description (self->group) : NULL;
  gboolean collapsible = text != NULL && is_long_description (text);
  gboolean collapsed = collapsible && !self->description_expanded;
  g_autofree char *breakable = text != NULL ? dup_breakable_text (text) : NULL;

  if (breakable != NULL)
    text = breakable;

  if (collapsed)
    {
      g_autofree char *shown = dup_collapsed_text (text);

      /* A narrow window still gets no more than a few lines */
      gtk_label_set_lines (self->description_label, COLLAPSED_LINES);
      gtk_label_set_ellipsize (self->description_label, PANGO_ELLIPSIZE_END);
      set_label_text (self->description_label, shown);
    }
  else
    {
      gtk_label_set_lines (self->description_label, -1);
      gtk_label_set_ellipsize (self->description_label, PANGO_ELLIPSIZE_NONE);
      set_label_text (self->description_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->description_toggle), collapsible);
  gtk_button_set_label (self->description_toggle, collapsed ? _("Show More") : _("Show Less"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->description_toggle),
                               GTK_ACCESSIBLE_STATE_EXPANDED, !collapsed,
                               -1);
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  return convene_link_row_new_for_link (CONVENE_LINK (item));
}

static GDateTime *
dup_now (ConveneGroupPage *self)
{
  if (self->upcoming != NULL)
    return g_date_time_ref (convene_upcoming_get_now (self->upcoming));

  return g_date_time_new_now_utc ();
}

static GtkWidget *
create_meeting_row (gpointer item,
                    gpointer user_data)
{
  ConveneGroupPage *self = CONVENE_GROUP_PAGE (user_data);
  g_autoptr(GDateTime) now = dup_now (self);
  GtkWidget *row;

  /* Of several meetings, each is known by its name; the time follows. */
  row = g_object_new (CONVENE_TYPE_MEETING_ROW,
                      "meeting", item,
                      "group", self->group,
                      "show-name", g_list_model_get_n_items (G_LIST_MODEL (self->sorted_meetings)) > 1,
                      NULL);
  convene_meeting_row_update (CONVENE_MEETING_ROW (row), now);
  return row;
}

/* The next meeting first; those without a date after, as listed. */
static int
compare_next_meeting (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GDateTime *now = user_data;
  g_autoptr(GDateTime) next_a = NULL;
  g_autoptr(GDateTime) next_b = NULL;

  if (convene_schedule_is_computable (CONVENE_MEETING ((gpointer)a)))
    next_a = convene_schedule_next (CONVENE_MEETING ((gpointer)a), now);
  if (convene_schedule_is_computable (CONVENE_MEETING ((gpointer)b)))
    next_b = convene_schedule_next (CONVENE_MEETING ((gpointer)b), now);

  if (next_a == NULL || next_b == NULL)
    return (next_a == NULL) - (next_b == NULL);

  return g_date_time_compare (next_a, next_b);
}

/* The roles of @person in the group: "Chair", or "Lead, Chair" for one
 * person listed twice; NULL for a lead and nothing else.
 */
static char *
dup_roles_text (ConveneGroupPage *self,
                ConvenePerson    *person)
{
  GListModel *leads = convene_group_get_leads (self->group);
  g_autoptr(GString) roles = g_string_new (NULL);
  gboolean only_lead = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);
      ConveneRole role = convene_lead_get_role (lead);

      if (convene_lead_get_person (lead) != person)
        continue;

      if (role != CONVENE_ROLE_LEAD)
        only_lead = FALSE;
      if (roles->len > 0)
        /* Translators: between two roles of one person, "Lead, Chair" */
        g_string_append (roles, _(", "));
      g_string_append (roles, convene_role_get_title (role));
    }

  return only_lead ? NULL : g_string_free (g_steal_pointer (&roles), FALSE);
}

static GtkWidget *
create_lead_row (gpointer item,
                 gpointer user_data)
{
  ConveneGroupPage *self = CONVENE_GROUP_PAGE (user_data);
  ConveneLead *lead = CONVENE_LEAD (item);
  ConvenePerson *person = convene_lead_get_person (lead);
  const char *company = convene_person_get_company (person);
  g_autofree char *roles = dup_roles_text (self, person);
  g_autofree char *subtitle = NULL;

  if (roles == NULL)
    subtitle = g_strdup (company);
  else if (company == NULL || *company == '\0')
    subtitle = g_steal_pointer (&roles);
  else
    /* Translators: the subtitle of a lead: a company, then a role such as "Chair" */
    subtitle = g_strdup_printf (_("%s · %s"), company, roles);

  return convene_person_row_new (person, subtitle, self->avatar_cache);
}

/* A person with two roles is one row. */
static GListModel *
dup_leads_once (GListModel *leads)
{
  GListStore *store = g_list_store_new (CONVENE_TYPE_LEAD);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; leads != NULL && i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(ConveneLead) lead = g_list_model_get_item (leads, i);

      if (g_hash_table_add (seen, convene_lead_get_person (lead)))
        g_list_store_append (store, lead);
    }

  return G_LIST_MODEL (store);
}

/* A section without rows says so under its heading, rather than going
 * missing: a reader then knows the registry lists nothing, not that the
 * page lost it. No group shown, no sections.
 */
static void
bind_list (AdwPreferencesGroup  *group,
           GtkListBox           *list,
           GListModel           *model,
           GtkListBoxCreateWidgetFunc create_row,
           gpointer              user_data,
           const char           *empty_text)
{
  gboolean empty = model == NULL || g_list_model_get_n_items (model) == 0;

  gtk_list_box_bind_model (list, model, create_row, user_data, NULL);
  gtk_widget_set_visible (GTK_WIDGET (list), !empty);
  gtk_widget_set_visible (GTK_WIDGET (group), model != NULL);
  /* Another description (a shared meeting's) stays. */
  if (empty)
    adw_preferences_group_set_description (group, empty_text);
  else if (g_strcmp0 (adw_preferences_group_get_description (group), empty_text) == 0)
    adw_preferences_group_set_description (group, NULL);
}

static void
scroll_to_top (ConveneGroupPage *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  /* AdwPreferencesPage gained a call for this only in libadwaita 1.3. */
  if (GTK_IS_SCROLLED_WINDOW (child))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child)), 0);
}

static void
update (ConveneGroupPage *self)
{
  GListModel *meetings = NULL;
  gboolean shared = FALSE;
  g_autofree char *topics = NULL;

  if (self->group == NULL)
    {
      set_label_text (self->title_label, NULL);
      set_label_text (self->topics_label, NULL);
      self->description_expanded = FALSE;
      update_description (self);
      bind_list (self->meetings_group, self->meetings_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->sorted_meetings);
      bind_list (self->links_group, self->links_list, NULL, NULL, NULL, NULL);
      bind_list (self->leads_group, self->leads_list, NULL, NULL, NULL, NULL);
      return;
    }

  topics = convene_group_dup_topics_text (self->group);

  set_label_text (self->title_label, convene_group_get_name (self->group));
  set_label_text (self->topics_label, topics);
  /* Another group's description starts collapsed again */
  self->description_expanded = FALSE;
  update_description (self);

  /* A community whose groups all meet in one call lists the meeting once,
   * for the community; show it on every group, marked as shared.
   */
  if (self->registry != NULL)
    meetings = convene_registry_get_group_meetings (self->registry, self->group, &shared);
  else
    meetings = convene_group_get_meetings (self->group);

  adw_preferences_group_set_description (self->meetings_group,
                                         shared && g_list_model_get_n_items (meetings) > 0
                                         ? _("No meeting of its own: the group attends the "
                                             "community meeting")
                                         : NULL);

  {
    GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_next_meeting, dup_now (self),
                                                     (GDestroyNotify)g_date_time_unref);

    g_clear_object (&self->sorted_meetings);
    self->sorted_meetings = gtk_sort_list_model_new (g_object_ref (meetings),
                                                     GTK_SORTER (sorter));
  }
  bind_list (self->meetings_group, self->meetings_list, G_LIST_MODEL (self->sorted_meetings),
             create_meeting_row, self, _("The registry lists no meeting for this group"));
  {
    /* Each thing once: not the Video Call that Join opens, nor a link twice. */
    g_autoptr(GListModel) links = convene_link_list_new (convene_group_get_links (self->group),
                                                         meetings, NULL);

    bind_list (self->links_group, self->links_list, links, create_link_row, NULL,
               _("The registry lists no links for this group"));
  }
  {
    g_autoptr(GListModel) leads = dup_leads_once (convene_group_get_leads (self->group));

    bind_list (self->leads_group, self->leads_list, leads, create_lead_row, self,
               _("The registry names no leads for this group"));
  }

  scroll_to_top (self);
}

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
description_toggle_clicked_cb (ConveneGroupPage *self,
                               GtkButton        *button)
{
  self->description_expanded = !self->description_expanded;
  update_description (self);
}

static void
upcoming_changed_cb (ConveneGroupPage *self,
                     ConveneUpcoming  *upcoming)
{
  GDateTime *now = convene_upcoming_get_now (upcoming);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->meetings_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CONVENE_IS_MEETING_ROW (child))
      convene_meeting_row_update (CONVENE_MEETING_ROW (child), now);
}

/* Vfuncs */

static void
convene_group_page_dispose (GObject *object)
{
  ConveneGroupPage *self = (ConveneGroupPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_GROUP_PAGE);
  g_clear_object (&self->group);
  g_clear_object (&self->registry);
  g_clear_object (&self->sorted_meetings);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->avatar_cache);

  G_OBJECT_CLASS (convene_group_page_parent_class)->dispose (object);
}

static void
convene_group_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConveneGroupPage *self = CONVENE_GROUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;

    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_group_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ConveneGroupPage *self = CONVENE_GROUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      /* The rows shown keep theirs; the next group's rows take it. */
      g_set_object (&self->avatar_cache, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_group_page_class_init (ConveneGroupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_group_page_dispose;
  object_class->get_property = convene_group_page_get_property;
  object_class->set_property = convene_group_page_set_property;

  /**
   * ConveneGroupPage:avatar-cache:
   *
   * Where the leads' avatars come from; %NULL shows initials only.
   */
  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, CONVENE_TYPE_GROUP,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, description_toggle);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, leads_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, leads_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, links_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, links_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneGroupPage, topics_label);
  gtk_widget_class_bind_template_callback (widget_class, description_toggle_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, label_query_tooltip_cb);
}

static void
clock_format_changed_cb (ConveneGroupPage *self)
{
  if (self->upcoming != NULL)
    upcoming_changed_cb (self, self->upcoming);
}

static void
convene_group_page_init (ConveneGroupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  convene_clock_format_connect_changed (G_CALLBACK (clock_format_changed_cb), self);
  update (self);
}

/* Public API */

/**
 * convene_group_page_new:
 *
 * Returns: (transfer floating): a new, empty #ConveneGroupPage
 */
GtkWidget *
convene_group_page_new (void)
{
  return g_object_new (CONVENE_TYPE_GROUP_PAGE, NULL);
}

/**
 * convene_group_page_get_group:
 * @self: a #ConveneGroupPage
 *
 * Returns: (transfer none) (nullable): the group shown
 */
ConveneGroup *
convene_group_page_get_group (ConveneGroupPage *self)
{
  g_return_val_if_fail (CONVENE_IS_GROUP_PAGE (self), NULL);
  return self->group;
}

/**
 * convene_group_page_set_group:
 * @self: a #ConveneGroupPage
 * @group: (nullable): the group to show
 * @registry: (nullable): the registry of @group, for the meetings it
 *   shares with the community
 *
 * Shows @group.
 */
void
convene_group_page_set_group (ConveneGroupPage *self,
                              ConveneGroup     *group,
                              ConveneRegistry  *registry)
{
  gboolean group_changed;
  gboolean registry_changed;

  g_return_if_fail (CONVENE_IS_GROUP_PAGE (self));
  g_return_if_fail (group == NULL || CONVENE_IS_GROUP (group));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  group_changed = g_set_object (&self->group, group);
  registry_changed = g_set_object (&self->registry, registry);

  update (self);

  if (group_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
  if (registry_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_group_page_set_upcoming:
 * @self: a #ConveneGroupPage
 * @upcoming: the window's clock for meetings
 *
 * Shows meeting times as of @upcoming's last refresh, and updates them on
 * every #ConveneUpcoming::changed.
 */
void
convene_group_page_set_upcoming (ConveneGroupPage *self,
                                 ConveneUpcoming  *upcoming)
{
  g_return_if_fail (CONVENE_IS_GROUP_PAGE (self));
  g_return_if_fail (CONVENE_IS_UPCOMING (upcoming));

  if (self->upcoming != NULL)
    g_signal_handlers_disconnect_by_func (self->upcoming, upcoming_changed_cb, self);

  if (!g_set_object (&self->upcoming, upcoming))
    return;

  g_signal_connect_object (upcoming, "changed", G_CALLBACK (upcoming_changed_cb), self,
                           G_CONNECT_SWAPPED);
  upcoming_changed_cb (self, upcoming);
}
