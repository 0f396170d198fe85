/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-sidebar-item.h"
#include "convene-window-private.h"

/* The window's keyboard, as in GNOME Settings: in the sidebar the arrows
 * move the focus from row to row and the page follows it; each list is
 * one Tab stop, the arrows move inside it; F6 goes between the sidebar
 * and the page; Alt+Left goes back through the history; typing on a page
 * searches.
 */

/* The sidebar */

/* The position of @widget if it is a row of @view. */
static guint
get_row_position (GtkWidget   *widget,
                  GtkListView *view)
{
  GtkWidget *child;
  GtkListItem *item;

  if (widget == NULL || gtk_widget_get_parent (widget) != GTK_WIDGET (view))
    return GTK_INVALID_LIST_POSITION;

  child = gtk_widget_get_first_child (widget);
  item = child ? g_object_get_data (G_OBJECT (child), "convene-list-item") : NULL;
  return item ? gtk_list_item_get_position (item) : GTK_INVALID_LIST_POSITION;
}

static void
focus_widget_cb (ConveneWindow *self,
                 GParamSpec    *pspec,
                 GtkWindow     *window)
{
  guint position = get_row_position (gtk_root_get_focus (GTK_ROOT (self)),
                                     self->sidebar_view);
  guint previous = self->sidebar_focus_position;

  self->sidebar_focus_position = position;

  /* Only moving from row to row shows the row's page: coming into the
   * list (Tab, F6, Escape from the search) leaves the page shown, and a
   * narrow sidebar is a list to pick from with Enter.
   */
  if (position == GTK_INVALID_LIST_POSITION || previous == GTK_INVALID_LIST_POSITION ||
      position == previous || _convene_window_is_folded (self))
    return;

  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->sidebar_selection),
                                                     position);

    if (item != NULL && !(CONVENE_IS_SIDEBAR_ITEM (item) &&
                          convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) ==
                          CONVENE_SIDEBAR_ITEM_HEADING))
      _convene_window_activate_item (self, G_LIST_MODEL (self->sidebar_selection), position,
                                     FALSE);
  }
}

/* The row of @view at @position, if it exists (GtkListView makes rows
 * only around what is shown).
 */
static GtkWidget *
find_row (GtkListView *view,
          guint        position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (get_row_position (child, view) == position && gtk_widget_get_mapped (child))
      return child;

  return NULL;
}

static gboolean
is_heading (GListModel *model,
            guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  return CONVENE_IS_SIDEBAR_ITEM (item) &&
         convene_sidebar_item_get_kind (CONVENE_SIDEBAR_ITEM (item)) ==
         CONVENE_SIDEBAR_ITEM_HEADING;
}

/* GTK 4.8 cannot focus a row that cannot be selected, so the arrows stop
 * at a heading: they step over it instead.
 */
static gboolean
step_over_heading (GtkListView *view,
                   GtkWidget   *focus,
                   int          step)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  guint position = get_row_position (focus, view);
  guint target;
  GtkWidget *row;

  if (model == NULL || position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if ((step < 0 && position < 2) || position + step + step >= g_list_model_get_n_items (model) ||
      !is_heading (model, position + step))
    return FALSE;

  target = position + step + step;
  row = find_row (view, target);
  if (row == NULL || !gtk_widget_grab_focus (row))
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), target, TRUE);
  return TRUE;
}

/* Tab leaves a list at once instead of stopping at each row: the list
 * is taken out of the focus chain while GTK looks for the next stop.
 */
static gboolean
list_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             ConveneWindow         *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_widget_get_parent (list);
  GtkDirectionType direction;

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ||
       keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    return step_over_heading (GTK_LIST_VIEW (list), gtk_root_get_focus (GTK_ROOT (self)),
                              keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ? 1 : -1);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval != GDK_KEY_ISO_Left_Tab && (state & GDK_SHIFT_MASK) != 0)
    direction = GTK_DIR_TAB_BACKWARD;

  gtk_widget_set_can_focus (scrolled, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (self), direction))
    {
      /* Past the last stop: start again from the other end. */
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      gtk_widget_child_focus (GTK_WIDGET (self), direction);
    }
  gtk_widget_set_can_focus (scrolled, TRUE);

  return GDK_EVENT_STOP;
}

static void
add_key_controller (ConveneWindow *self,
                    GtkListView   *view)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);
}

/* F6: from the sidebar to the page's first control, and from anywhere
 * else to the sidebar: the search entry while searching, else the row
 * of the page shown.
 */
static gboolean
toggle_pane_focus (ConveneWindow *self)
{
  GtkWidget *row;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") != 0)
    return FALSE;

  if (_convene_window_is_folded (self))
    {
      /* One pane at a time: F6 goes to its first control. */
      const char *shown = adw_leaflet_get_visible_child_name (self->leaflet);

      if (g_strcmp0 (shown, "content") == 0)
        {
          _convene_window_focus_page (self);
          return TRUE;
        }
    }
  else if (_convene_window_focus_in_sidebar (self))
    {
      _convene_window_focus_page (self);
      return TRUE;
    }

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  row = find_row (self->sidebar_view,
                  gtk_single_selection_get_selected (self->sidebar_selection));
  if (row != NULL)
    return gtk_widget_grab_focus (row);

  return gtk_widget_child_focus (GTK_WIDGET (self->sidebar_view), GTK_DIR_TAB_FORWARD);
}

/* Window-wide keys */

static gboolean
toggle_pane_focus_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  return toggle_pane_focus (CONVENE_WINDOW (widget));
}

/* Narrow, the search bar is in the hidden sidebar and does not see what
 * is typed on a page: the first character brings the sidebar back,
 * searching for it.
 */
static gboolean
type_to_search_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ConveneWindow         *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[7] = { 0 };

  if (c == 0 || !g_unichar_isgraph (c) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      self->registry == NULL || gtk_widget_get_mapped (GTK_WIDGET (self->search_bar)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") != 0)
    return GDK_EVENT_PROPAGATE;

  g_unichar_to_utf8 (c, text);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  return GDK_EVENT_STOP;
}

void
_convene_window_init_keyboard (ConveneWindow *self)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;
  const guint back_keys[][2] = {
    { GDK_KEY_Left, GDK_ALT_MASK },
    { GDK_KEY_KP_Left, GDK_ALT_MASK },
    { GDK_KEY_Back, 0 },
  };

  /* Back goes through the window's history before the leaflet, which
   * would take Alt+Left to the sidebar: so these come first, in the
   * capture phase.
   */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts),
                                              GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (back_keys); i++)
    gtk_shortcut_controller_add_shortcut (shortcuts,
                                          gtk_shortcut_new (gtk_keyval_trigger_new (back_keys[i][0],
                                                                                    back_keys[i][1]),
                                                            gtk_named_action_new ("win.go-back")));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (shortcuts));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (type_to_search_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  add_key_controller (self, self->sidebar_view);
  add_key_controller (self, self->results_view);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_widget_cb), NULL);
}

void
_convene_window_class_init_keyboard (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, toggle_pane_focus_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, toggle_pane_focus_cb, NULL);
}
