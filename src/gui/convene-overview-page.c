/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-clock-format.h"
#include "convene-link-list.h"
#include "convene-link-row.h"
#include "convene-meeting-row.h"
#include "convene-overview-page.h"
#include "convene-stale.h"

/* The first page: what the community says about its working groups, the
 * meetings of the week ahead, its shared meetings and links, where the
 * design documents are, and how to start a new group. Links in the texts
 * open through "win.open-uri", so they are checked like every other link.
 * The meetings follow the window's #ConveneUpcoming, and so does the age of
 * the data: its date always, and a strip over everything once it is older
 * than convene_stale_year() allows.
 */
struct _ConveneOverviewPage
{
  AdwPreferencesPage parent_instance;

  ConveneRegistry *registry;
  ConveneUpcoming *upcoming;
  GDateTime *date;
  GDateTime *fetched;
  /* The year of stale data, else 0: the meeting rows say their times
   * come from it.
   */
  int stale_year;

  GtkListBox *design_docs_list;
  AdwPreferencesGroup *design_docs_group;
  GtkLabel *date_label;
  GtkLabel *groups_count_label;
  GtkLabel *intro_label;
  GtkListBox *links_list;
  AdwPreferencesGroup *links_group;
  GtkListBox *meetings_list;
  AdwPreferencesGroup *meetings_group;
  GtkLabel *new_group_label;
  AdwPreferencesGroup *new_group_group;
  GtkLabel *people_count_label;
  GtkBox *stale_bar;
  GtkLabel *stale_label;
  GtkLabel *title_label;
  AdwPreferencesGroup *upcoming_group;
  GtkListBox *upcoming_list;
};

G_DEFINE_FINAL_TYPE (ConveneOverviewPage, convene_overview_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_rich_text (GtkLabel        *label,
               ConveneRichText *text)
{
  g_autofree char *markup = NULL;

  if (text != NULL && !convene_rich_text_is_empty (text))
    markup = convene_rich_text_to_markup (text);

  gtk_label_set_markup (label, markup ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (label), markup != NULL);
}

/* gtk_list_box_remove_all() is GTK 4.12. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
create_link_row (gpointer item,
                 gpointer user_data)
{
  return convene_link_row_new_for_link (CONVENE_LINK (item));
}

static GDateTime *
dup_now (ConveneOverviewPage *self)
{
  if (self->upcoming != NULL)
    return g_date_time_ref (convene_upcoming_get_now (self->upcoming));

  return g_date_time_new_now_utc ();
}

static GtkWidget *
create_meeting_row (gpointer item,
                    gpointer user_data)
{
  ConveneOverviewPage *self = CONVENE_OVERVIEW_PAGE (user_data);
  g_autoptr(GDateTime) now = dup_now (self);

  return convene_meeting_row_new (CONVENE_MEETING (item), NULL, now);
}

static void
update_date (ConveneOverviewPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  gboolean stale = FALSE;

  if (self->date != NULL && self->registry != NULL)
    {
      /* Translators: the date the registry's data is from, as in "Data of 11 December 2017";
       * a g_date_time_format() format: %-d is the day, %B the month, %Y the year
       */
      text = g_date_time_format (self->date, _("Data of %-d %B %Y"));
      if (self->fetched != NULL)
        {
          /* Translators: when the registry was last downloaded, as in
           * "Data of 11 December 2017 · fetched 1 December 2026"; a g_date_time_format() format
           */
          g_autofree char *fetched = g_date_time_format (self->fetched, _("fetched %-d %B %Y"));
          g_autofree char *data = g_steal_pointer (&text);

          /* Translators: the date of the data · when it was fetched */
          text = g_strdup_printf (_("%s · %s"), data, fetched);
        }
      now = dup_now (self);
      stale = convene_stale_year (self->date, now) > 0;
    }

  gtk_label_set_label (self->date_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), text != NULL);

  if (stale)
    {
      /* Translators: %d is a year, as in "This registry is from 2017" */
      g_autofree char *warning = g_strdup_printf (_("This registry is from %d: meeting times "
                                                    "and links may have changed"),
                                                  g_date_time_get_year (self->date));

      gtk_label_set_label (self->stale_label, warning);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->stale_bar), stale);

  self->stale_year = stale ? g_date_time_get_year (self->date) : 0;
  convene_stale_mark_rows (GTK_WIDGET (self->upcoming_list), self->stale_year);
  convene_stale_mark_rows (GTK_WIDGET (self->meetings_list), self->stale_year);
}

/* The soonest meetings the overview lists: a community of thousands of
 * groups meets thousands of times a week, and a page of all of them
 * helps nobody (and would build a row each).
 */
#define MAX_UPCOMING_ROWS 8

/* Whether @list shows the first @n meetings of @week, in their order. */
static gboolean
shows_week (GtkListBox *list,
            GPtrArray  *week,
            guint       n)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
  guint i = 0;

  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      ConveneUpcomingEntry *entry;

      if (!CONVENE_IS_MEETING_ROW (child))
        continue;

      if (i >= n)
        return FALSE;

      entry = g_ptr_array_index (week, i++);
      if (convene_meeting_row_get_meeting (CONVENE_MEETING_ROW (child)) != entry->meeting)
        return FALSE;
    }

  return i == n;
}

static void
update_meeting_rows (GtkListBox *list,
                     GDateTime  *now)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CONVENE_IS_MEETING_ROW (child))
      convene_meeting_row_update (CONVENE_MEETING_ROW (child), now);
}

static void
update_upcoming (ConveneOverviewPage *self)
{
  ConveneCommunity *community = NULL;
  g_autoptr(GPtrArray) week = NULL;
  GPtrArray *all;
  GDateTime *now;
  guint n_shown;

  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group),
                          self->upcoming != NULL && self->registry != NULL);

  if (self->upcoming == NULL || self->registry == NULL)
    {
      clear_list (self->upcoming_list);
      return;
    }

  all = convene_upcoming_get_week (self->upcoming);
  now = convene_upcoming_get_now (self->upcoming);
  community = convene_registry_get_community (self->registry);

  /* The community's own meetings have their section, with their times:
   * the week lists the groups' meetings, so nothing shows twice.
   */
  week = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++)
    {
      ConveneUpcomingEntry *entry = g_ptr_array_index (all, i);

      if (entry->group != NULL || !gtk_widget_get_visible (GTK_WIDGET (self->meetings_group)))
        g_ptr_array_add (week, entry);
    }

  n_shown = MIN (week->len, MAX_UPCOMING_ROWS);
  if (convene_upcoming_get_pending (self->upcoming))
    {
      /* A large registry: its meetings are being looked at. */
      adw_preferences_group_set_description (self->upcoming_group,
                                             _("Looking at the meetings of the week…"));
    }
  else if (n_shown < week->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            /* Translators: under "Upcoming
                                                             * This Week"; %u is a count of
                                                             * meetings, always more than 8 */
                                                            "The next %u of %u meeting",
                                                            "The next %u of %u meetings",
                                                            week->len),
                                               n_shown, week->len);

      adw_preferences_group_set_description (self->upcoming_group, more);
    }
  else
    {
      adw_preferences_group_set_description (self->upcoming_group, NULL);
    }

  /* Most refreshes only change the times: keep the rows, and the focus
   * of a keyboard user on them.
   */
  if (!shows_week (self->upcoming_list, week, n_shown))
    {
      clear_list (self->upcoming_list);
      for (guint i = 0; i < n_shown; i++)
        gtk_list_box_append (self->upcoming_list,
                             convene_meeting_row_new_upcoming (g_ptr_array_index (week, i),
                                                               community
                                                               ? convene_community_get_name (community)
                                                               : NULL,
                                                               now));
    }
  else
    {
      update_meeting_rows (self->upcoming_list, now);
    }

  update_meeting_rows (self->meetings_list, now);
  convene_stale_mark_rows (GTK_WIDGET (self->upcoming_list), self->stale_year);
  convene_stale_mark_rows (GTK_WIDGET (self->meetings_list), self->stale_year);
}

static void
update (ConveneOverviewPage *self)
{
  ConveneCommunity *community = NULL;
  ConveneRichText *new_group = NULL;
  g_autoptr(GListModel) links = NULL;
  GListModel *meetings = NULL;
  const char *design_docs = NULL;
  g_autofree char *n_groups = NULL;
  g_autofree char *n_people = NULL;

  if (self->registry != NULL)
    {
      community = convene_registry_get_community (self->registry);
      n_groups = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (self->registry)));
      n_people = g_strdup_printf ("%u", convene_registry_get_n_people (self->registry));
    }

  gtk_label_set_label (self->title_label, community ? convene_community_get_name (community) : "");
  set_rich_text (self->intro_label, community ? convene_community_get_intro (community) : NULL);
  gtk_label_set_label (self->groups_count_label, n_groups ? n_groups : "");
  gtk_label_set_label (self->people_count_label, n_people ? n_people : "");

  if (community != NULL)
    {
      meetings = convene_community_get_meetings (community);
      /* Not the links the intro names, nor the meetings' Join. */
      links = convene_link_list_new (convene_community_get_links (community), meetings,
                                     convene_community_get_intro (community));
      design_docs = convene_community_get_design_docs_url (community);
      new_group = convene_community_get_new_group (community);
    }

  gtk_list_box_bind_model (self->meetings_list, meetings, create_meeting_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->meetings_group),
                          meetings != NULL && g_list_model_get_n_items (meetings) > 0);

  gtk_list_box_bind_model (self->links_list, links, create_link_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group),
                          links != NULL && g_list_model_get_n_items (links) > 0);

  /* The folder is a single row: build it instead of binding a model. */
  clear_list (self->design_docs_list);
  if (design_docs != NULL && *design_docs != '\0')
    {
      g_autofree char *host = convene_link_row_dup_host (design_docs);

      const char *icon_name = convene_link_kind_get_icon_name (CONVENE_LINK_FOLDER);

      gtk_list_box_append (self->design_docs_list,
                           convene_link_row_new (design_docs,
                                                 _("Design Documents Folder"),
                                                 host ? host : design_docs,
                                                 icon_name));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->design_docs_group),
                          design_docs != NULL && *design_docs != '\0');

  set_rich_text (self->new_group_label, new_group);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->new_group_label)));

  update_date (self);
  update_upcoming (self);
}

/* Callbacks */

static void
upcoming_changed_cb (ConveneOverviewPage *self,
                     ConveneUpcoming     *upcoming);

static void
upcoming_pending_cb (ConveneOverviewPage *self,
                     GParamSpec          *pspec,
                     ConveneUpcoming     *upcoming)
{
  upcoming_changed_cb (self, upcoming);
}

static void
upcoming_changed_cb (ConveneOverviewPage *self,
                     ConveneUpcoming     *upcoming)
{
  /* The window refreshes its #ConveneUpcoming before handing a new
   * registry to the page; wait for the page's turn.
   */
  if (convene_upcoming_get_registry (upcoming) != self->registry)
    return;

  update_date (self);
  update_upcoming (self);
}

static gboolean
activate_link_cb (ConveneOverviewPage *self,
                  const char          *uri,
                  GtkLabel            *label)
{
  gtk_widget_activate_action (GTK_WIDGET (label), "win.open-uri", "s", uri);

  /* Handled, even when refused: GTK must not open it on its own. */
  return TRUE;
}

/* Vfuncs */

static void
convene_overview_page_dispose (GObject *object)
{
  ConveneOverviewPage *self = (ConveneOverviewPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->registry);
  g_clear_object (&self->upcoming);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->fetched, g_date_time_unref);

  G_OBJECT_CLASS (convene_overview_page_parent_class)->dispose (object);
}

static void
convene_overview_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConveneOverviewPage *self = CONVENE_OVERVIEW_PAGE (object);

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
convene_overview_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConveneOverviewPage *self = CONVENE_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_REGISTRY:
      convene_overview_page_set_registry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_overview_page_class_init (ConveneOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convene_overview_page_dispose;
  object_class->get_property = convene_overview_page_get_property;
  object_class->set_property = convene_overview_page_set_property;

  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, design_docs_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, design_docs_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, groups_count_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, links_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, links_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, new_group_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, new_group_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, people_count_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, stale_bar);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, ConveneOverviewPage, upcoming_list);
  gtk_widget_class_bind_template_callback (widget_class, activate_link_cb);
}

/* The times follow the desktop's 12/24-hour clock as it changes. */
static void
clock_format_changed_cb (ConveneOverviewPage *self)
{
  update_upcoming (self);
}

static void
convene_overview_page_init (ConveneOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  convene_clock_format_connect_changed (G_CALLBACK (clock_format_changed_cb), self);
  update (self);
}

/* Public API */

/**
 * convene_overview_page_new:
 *
 * Returns: (transfer floating): a new #ConveneOverviewPage
 */
GtkWidget *
convene_overview_page_new (void)
{
  return g_object_new (CONVENE_TYPE_OVERVIEW_PAGE, NULL);
}

/**
 * convene_overview_page_get_registry:
 * @self: a #ConveneOverviewPage
 *
 * Returns: (transfer none) (nullable): the registry shown
 */
ConveneRegistry *
convene_overview_page_get_registry (ConveneOverviewPage *self)
{
  g_return_val_if_fail (CONVENE_IS_OVERVIEW_PAGE (self), NULL);
  return self->registry;
}

void
convene_overview_page_set_registry (ConveneOverviewPage *self,
                                    ConveneRegistry     *registry)
{
  g_return_if_fail (CONVENE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (!g_set_object (&self->registry, registry))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_overview_page_set_date:
 * @self: a #ConveneOverviewPage
 * @date: (nullable): when the data of the registry is from, or %NULL when
 *   unknown
 *
 * Shows the date of the data, and a warning when it is old by the clock
 * of the page's #ConveneUpcoming.
 */
void
convene_overview_page_set_date (ConveneOverviewPage *self,
                                GDateTime           *date)
{
  g_return_if_fail (CONVENE_IS_OVERVIEW_PAGE (self));

  if (date == self->date ||
      (date != NULL && self->date != NULL && g_date_time_equal (date, self->date)))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  self->date = date ? g_date_time_ref (date) : NULL;
  update_date (self);
}

/**
 * convene_overview_page_set_upcoming:
 * @self: a #ConveneOverviewPage
 * @upcoming: the window's clock for meetings
 *
 * Lists the meetings of the week ahead from @upcoming, and follows it.
 */
void
convene_overview_page_set_upcoming (ConveneOverviewPage *self,
                                    ConveneUpcoming     *upcoming)
{
  g_return_if_fail (CONVENE_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (CONVENE_IS_UPCOMING (upcoming));

  if (self->upcoming != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->upcoming, upcoming_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->upcoming, upcoming_pending_cb, self);
    }

  if (!g_set_object (&self->upcoming, upcoming))
    return;

  g_signal_connect_object (upcoming, "changed", G_CALLBACK (upcoming_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (upcoming, "notify::pending", G_CALLBACK (upcoming_pending_cb), self,
                           G_CONNECT_SWAPPED);
  update_upcoming (self);
}

/**
 * convene_overview_page_set_fetched:
 * @self: a #ConveneOverviewPage
 * @fetched: (nullable): when the registry was last downloaded, or %NULL
 *   for one that never was
 *
 * Shows when the data was fetched beside its date.
 */
void
convene_overview_page_set_fetched (ConveneOverviewPage *self,
                                   GDateTime           *fetched)
{
  g_return_if_fail (CONVENE_IS_OVERVIEW_PAGE (self));

  if (fetched == self->fetched ||
      (fetched != NULL && self->fetched != NULL && g_date_time_equal (fetched, self->fetched)))
    return;

  g_clear_pointer (&self->fetched, g_date_time_unref);
  self->fetched = fetched ? g_date_time_ref (fetched) : NULL;
  update_date (self);
}
