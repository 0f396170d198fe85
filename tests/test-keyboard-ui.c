/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-test-keyboard"

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <string.h>

#include "convene-application.h"
#include "convene-group-page.h"
#include "convene-overview-page.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-person-row.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* The keyboard, pressed as a person presses it: real key events made by
 * the X server's XTEST extension (under Xvfb) reach the real window
 * through GDK, as a keyboard's would. Each test asserts where the focus
 * and the page end up, waiting for them on the main loop, never for a
 * fixed time.
 */

static ConveneApplication *app;
static Display *xdisplay;

typedef struct
{
  int width;
  int height;
} WindowSize;

static const WindowSize wide = { 1280, 800 };
static const WindowSize narrow = { 360, 700 };

typedef struct
{
  UiTestFixture base;
  ConveneWindow *window;
} Fixture;

/* Keys */

static KeyCode
lookup_keycode (const char *name)
{
  KeySym keysym = XStringToKeysym (name);
  KeyCode keycode = keysym != NoSymbol ? XKeysymToKeycode (xdisplay, keysym) : 0;

  if (keycode == 0)
    g_error ("No key for “%s” in the X server's keymap", name);

  return keycode;
}

/* Presses @combo, such as "ctrl+f", "alt+Left", "shift+F10" or "Down":
 * modifiers down, the key down and up, modifiers up.
 */
static void
press (const char *combo)
{
  g_auto(GStrv) parts = g_strsplit (combo, "+", -1);
  guint n = g_strv_length (parts);
  KeyCode keys[8];

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (keys));

  for (guint i = 0; i < n; i++)
    {
      const char *name = parts[i];

      if (i + 1 < n)
        {
          if (g_ascii_strcasecmp (name, "ctrl") == 0)
            name = "Control_L";
          else if (g_ascii_strcasecmp (name, "alt") == 0)
            name = "Alt_L";
          else if (g_ascii_strcasecmp (name, "shift") == 0)
            name = "Shift_L";
        }
      keys[i] = lookup_keycode (name);
    }

  g_test_message ("pressing %s", combo);
  for (guint i = 0; i < n; i++)
    XTestFakeKeyEvent (xdisplay, keys[i], True, CurrentTime);
  for (guint i = n; i > 0; i--)
    XTestFakeKeyEvent (xdisplay, keys[i - 1], False, CurrentTime);
  XFlush (xdisplay);
}

/* Types lower-case letters, digits and spaces one key at a time. */
static void
type_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      char name[2] = { *p, '\0' };

      g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == ' ');
      press (*p == ' ' ? "space" : name);
    }
}

/* Where the focus is */

static GtkWidget *
get_focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_is_in (Fixture  *f,
             gpointer  widget)
{
  GtkWidget *focus = get_focus (f);

  return widget != NULL && focus != NULL &&
         (focus == widget || gtk_widget_is_ancestor (focus, GTK_WIDGET (widget)));
}

/* The first descendant of @widget of @type, shown or not */
static GtkWidget *
find_any (GtkWidget *widget,
          GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_any (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkSearchBar *
get_search_bar (Fixture *f)
{
  return GTK_SEARCH_BAR (find_any (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_BAR));
}

/* The entry of the search bar, shown or not */
static GtkWidget *
get_search_entry (Fixture *f)
{
  return gtk_search_bar_get_child (get_search_bar (f));
}

static GtkWidget *
find_back_button (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = ui_test_find_all (f->window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "win.go-back") == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static GtkWidget *
first_lead (gpointer page)
{
  g_autoptr(GPtrArray) rows = ui_test_find_all (page, CONVENE_TYPE_PERSON_ROW);

  return rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
}

static GtkWidget *
get_sidebar_list (Fixture *f)
{
  /* The sidebar's list comes first in the window, before any page's. */
  GtkWidget *list = find_any (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return list;
}

/* The sidebar: the leaflet's child that holds the sidebar's list. */
static gboolean
focus_is_in_sidebar (Fixture *f)
{
  GtkWidget *sidebar = get_sidebar_list (f);

  while (sidebar != NULL && !ADW_IS_LEAFLET (gtk_widget_get_parent (sidebar)))
    sidebar = gtk_widget_get_parent (sidebar);

  return focus_is_in (f, sidebar);
}

static gpointer
find_page (Fixture *f,
           GType    type)
{
  g_autoptr(GPtrArray) pages = ui_test_find_all (f->window, type);

  return pages->len == 1 ? g_ptr_array_index (pages, 0) : NULL;
}

static gboolean
focus_is_on_page (Fixture *f,
                  GType    type)
{
  gpointer page = find_page (f, type);

  return page != NULL && focus_is_in (f, page);
}

/* The header bar's star button of the group shown */
static gboolean
focus_is_star_button (Fixture *f)
{
  GtkWidget *focus = get_focus (f);

  return GTK_IS_ACTIONABLE (focus) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)),
                    "win.toggle-star") == 0;
}

static const char *
shown_group_id (Fixture *f)
{
  ConveneGroup *group = convene_window_get_group (f->window);

  return group ? convene_group_get_id (group) : NULL;
}

static const char *
leaflet_child (Fixture *f)
{
  return adw_leaflet_get_visible_child_name (ui_test_find_one (f->window, ADW_TYPE_LEAFLET));
}

static gboolean
search_mode (Fixture *f)
{
  return gtk_search_bar_get_search_mode (get_search_bar (f));
}

/* The window */

static void
focus_window (Fixture *f)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  Window xid = gdk_x11_surface_get_xid (surface);
  int screen = DefaultScreen (xdisplay);

  /* The pointer away from every window: hovering a row of a
   * single-click list selects it, which would be no key's doing.
   */
  XTestFakeMotionEvent (xdisplay, screen, DisplayWidth (xdisplay, screen) - 1,
                        DisplayHeight (xdisplay, screen) - 1, CurrentTime);

  /* Without a window manager, the test gives its window the focus. */
  XRaiseWindow (xdisplay, xid);
  XSetInputFocus (xdisplay, xid, RevertToPointerRoot, CurrentTime);
  XFlush (xdisplay);

  ui_test_assert_eventually (gtk_window_is_active (GTK_WINDOW (f->window)));
  ui_test_drain ();
}

/* CONVENE_TEST_KEY_DEBUG=1: what the window receives, and where the
 * focus and the page are then.
 */
static gboolean
debug_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              gpointer               user_data)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_test_message ("key %s, modifiers 0x%x; focus %s (in %s), page %s",
                  gdk_keyval_name (keyval), state,
                  focus ? G_OBJECT_TYPE_NAME (focus) : "none",
                  focus && gtk_widget_get_parent (focus)
                    ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)) : "-",
                  convene_window_get_page (CONVENE_WINDOW (window)));
  return GDK_EVENT_PROPAGATE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const WindowSize *size = data;

  ui_test_fixture_setup (&f->base, "convene-test-keyboard-XXXXXX");
  convene_application_load_registry (app, NULL);
  g_assert_nonnull (convene_application_get_registry (app));

  f->window = ui_test_window_new (app);
  f->base.window = f->window;
  convene_window_set_avatar_cache (f->window, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
                             gtk_widget_get_width (GTK_WIDGET (f->window)) > size->width - 16 &&
                             gtk_widget_get_width (GTK_WIDGET (f->window)) <= size->width);
  ui_test_drain ();
  g_assert_true (GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (f->window))));

  if (g_getenv ("CONVENE_TEST_KEY_DEBUG"))
    {
      GtkEventController *debug = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (debug, GTK_PHASE_CAPTURE);
      g_signal_connect (debug, "key-pressed", G_CALLBACK (debug_key_cb), NULL);
      gtk_widget_add_controller (GTK_WIDGET (f->window), debug);
    }
  focus_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ui_test_fixture_teardown (&f->base);
}

/* F6 from the sidebar's header goes to the page (of @page_type), from
 * the page to the sidebar's list.
 */
static void
f6_to_sidebar_list (Fixture *f,
                    GType    page_type)
{
  AdwLeaflet *leaflet = ui_test_find_one (f->window, ADW_TYPE_LEAFLET);

  ui_test_assert_eventually (get_focus (f) != NULL);

  /* Narrow, the sidebar alone is shown, and F6 goes to its list. */
  if (focus_is_in_sidebar (f) && !adw_leaflet_get_folded (leaflet))
    {
      press ("F6");
      ui_test_assert_eventually (focus_is_on_page (f, page_type));
    }
  press ("F6");
  ui_test_assert_eventually (focus_is_in (f, get_sidebar_list (f)));
}

static void
f6_to_page (Fixture *f,
            GType    page_type)
{
  AdwLeaflet *leaflet = ui_test_find_one (f->window, ADW_TYPE_LEAFLET);

  ui_test_assert_eventually (get_focus (f) != NULL);

  /* Narrow, the page alone is shown, and F6 goes to its first control. */
  if (!focus_is_in_sidebar (f) && !adw_leaflet_get_folded (leaflet))
    {
      press ("F6");
      ui_test_assert_eventually (focus_is_in_sidebar (f));
    }
  press ("F6");
  ui_test_assert_eventually (focus_is_on_page (f, page_type));
}

/* Tests */

/* Ctrl+F, a few letters, Enter: the group opens and its page has the
 * focus, not the search button.
 */
static void
test_search_and_open (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *entry = get_search_entry (f);

  press ("ctrl+f");
  ui_test_assert_eventually (search_mode (f) && focus_is_in (f, entry));

  type_text ("netw");
  ui_test_assert_eventually (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "netw") == 0);
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) > 0);

  press ("Return");
  ui_test_assert_eventually (g_strcmp0 (shown_group_id (f), "networking") == 0);
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_GROUP_PAGE));
  if (data == &narrow)
    g_assert_cmpstr (leaflet_child (f), ==, "content");

  /* Escape in the page leaves the search where it was; Ctrl+F again
   * selects the query to type over.
   */
  press ("ctrl+f");
  ui_test_assert_eventually (focus_is_in (f, entry));
  g_assert_cmpstr (leaflet_child (f), ==, "sidebar");
}

/* Escape ends the search and leaves the focus in the sidebar's list. */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry = get_search_entry (f);

  press ("ctrl+f");
  ui_test_assert_eventually (focus_is_in (f, entry));
  type_text ("sec");
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) > 0);
  press ("Escape");
  ui_test_assert_eventually (!search_mode (f));
  ui_test_assert_eventually (focus_is_in (f, get_sidebar_list (f)));
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
}

/* The arrows move the focus in the sidebar and the page follows; Tab
 * leaves the list at once; F6 goes to the page and back.
 */
static void
test_sidebar_arrows (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *groups = G_LIST_MODEL (convene_window_get_registry (f->window));
  g_autoptr(ConveneGroup) first = g_list_model_get_item (groups, 0);
  g_autoptr(ConveneGroup) second = g_list_model_get_item (groups, 1);
  GtkWidget *list = get_sidebar_list (f);
  GtkWidget *row;

  f6_to_sidebar_list (f, CONVENE_TYPE_OVERVIEW_PAGE);
  g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");

  /* From Overview over the heading to the first group. */
  press ("Down");
  ui_test_assert_eventually (g_strcmp0 (shown_group_id (f), convene_group_get_id (first)) == 0);
  g_assert_true (focus_is_in (f, list));

  press ("Down");
  ui_test_assert_eventually (g_strcmp0 (shown_group_id (f), convene_group_get_id (second)) == 0);
  g_assert_true (focus_is_in (f, list));

  /* One Tab stop for the whole list: the next Tab is on the content's
   * header bar, the group's star button, and the one after on the page. */
  press ("Tab");
  ui_test_assert_eventually (!focus_is_in (f, list));
  ui_test_assert_eventually (focus_is_star_button (f));
  press ("Tab");
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_GROUP_PAGE));
  g_assert_cmpstr (shown_group_id (f), ==, convene_group_get_id (second));

  /* Shift+Tab comes back over the star into the list, whose row stays
   * the page's. */
  press ("shift+Tab");
  ui_test_assert_eventually (focus_is_star_button (f));
  press ("shift+Tab");
  ui_test_assert_eventually (focus_is_in (f, list));
  press ("shift+Tab");
  ui_test_assert_eventually (!focus_is_in (f, list));
  g_assert_cmpstr (shown_group_id (f), ==, convene_group_get_id (second));

  /* F6: to the page, and back to the row of the group shown. */
  press ("F6");
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_GROUP_PAGE));
  press ("F6");
  ui_test_assert_eventually (focus_is_in (f, list));
  row = get_focus (f);
  g_assert_true (gtk_widget_get_parent (row) == list);
  g_assert_cmpstr (shown_group_id (f), ==, convene_group_get_id (second));
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (convene_window_get_sidebar_model (f->window))),
                    ==, 3);
}

/* People → a person → Back returns to People, by keys only. */
static void
test_back_people (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *back;
  ConvenePerson *person;

  f6_to_sidebar_list (f, CONVENE_TYPE_OVERVIEW_PAGE);
  press ("End");
  if (data == &narrow)
    {
      /* Narrow, the sidebar is a list to pick from: Enter picks. */
      ui_test_drain ();
      g_assert_cmpstr (convene_window_get_page (f->window), ==, "overview");
      press ("Return");
    }
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_page (f->window), "people") == 0);

  /* The first person of People, from the page's first control. */
  if (data == &narrow)
    ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_PEOPLE_PAGE));
  else
    {
      press ("F6");
      ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_PEOPLE_PAGE));
    }

  /* The first stop is the first person's profile button: GTK 4.8 lets
   * no list row with a button in it take the focus from Tab, only from
   * the arrows. Down goes to the next person's row.
   */
  if (GTK_IS_BUTTON (get_focus (f)))
    {
      GtkWidget *button = get_focus (f);

      press ("Down");
      ui_test_assert_eventually (get_focus (f) != button);
    }
  g_assert_true (focus_is_on_page (f, CONVENE_TYPE_PEOPLE_PAGE));
  g_assert_false (GTK_IS_BUTTON (get_focus (f)));
  press ("Return");
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_page (f->window), "person") == 0);
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_PERSON_PAGE));
  person = convene_person_page_get_person (find_page (f, CONVENE_TYPE_PERSON_PAGE));
  g_assert_nonnull (person);

  /* Wide too, the person page has a way back. */
  back = find_back_button (f);
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_mapped (back));

  press ("alt+Left");
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_page (f->window), "people") == 0);
  g_assert_cmpstr (leaflet_child (f), ==, "content");
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_PEOPLE_PAGE));

  /* Nothing before People: narrow, Back is the sidebar; wide, there is
   * no Back.
   */
  if (data == &narrow)
    {
      press ("alt+Left");
      ui_test_assert_eventually (g_strcmp0 (leaflet_child (f), "sidebar") == 0);
    }
  else
    {
      ui_test_assert_eventually (!gtk_widget_get_visible (back));
    }
}

/* A group → one of its leads → Back returns to the group. */
static void
test_back_lead (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *entry = get_search_entry (f);
  ConveneGroupPage *page;
  ConvenePersonRow *lead;
  ConvenePerson *person;

  press ("ctrl+f");
  ui_test_assert_eventually (focus_is_in (f, entry));
  type_text ("networking");
  ui_test_assert_eventually (ui_test_count_search_hits (f->window) > 0);
  press ("Return");
  ui_test_assert_eventually (g_strcmp0 (shown_group_id (f), "networking") == 0);
  ui_test_assert_eventually (focus_is_on_page (f, CONVENE_TYPE_GROUP_PAGE));

  /* Tab to the first lead, then Enter. */
  ui_test_wait_frames (f->window, 3);
  page = find_page (f, CONVENE_TYPE_GROUP_PAGE);
  for (guint i = 0; i < 40 && !focus_is_in (f, first_lead (page)); i++)
    {
      GtkWidget *before = get_focus (f);

      press ("Tab");
      ui_test_assert_eventually (get_focus (f) != before);
    }
  lead = CONVENE_PERSON_ROW (first_lead (page));
  g_assert_true (focus_is_in (f, lead));
  person = convene_person_row_get_person (lead);

  press ("Return");
  ui_test_assert_eventually (g_strcmp0 (convene_window_get_page (f->window), "person") == 0);
  g_assert_true (convene_person_page_get_person (find_page (f, CONVENE_TYPE_PERSON_PAGE)) == person);

  press ("alt+Left");
  ui_test_assert_eventually (g_strcmp0 (shown_group_id (f), "networking") == 0);
  g_assert_cmpstr (leaflet_child (f), ==, "content");
}

/* Typing on a page searches, wide and narrow. */
static void
test_type_to_search (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *entry = get_search_entry (f);

  convene_window_show_group (f->window, "security");
  ui_test_assert_eventually (find_page (f, CONVENE_TYPE_GROUP_PAGE) != NULL);
  f6_to_page (f, CONVENE_TYPE_GROUP_PAGE);

  type_text ("net");
  ui_test_assert_eventually (search_mode (f) && focus_is_in (f, entry));
  ui_test_assert_eventually (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), "net") == 0);
  g_assert_cmpstr (leaflet_child (f), ==, "sidebar");
}

/* Ctrl+J joins the meeting of the group shown. */
static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  convene_window_show_group (f->window, "networking");
  ui_test_assert_eventually (find_page (f, CONVENE_TYPE_GROUP_PAGE) != NULL);
  g_assert_cmpuint (f->base.launcher->uris->len, ==, 0);

  press ("ctrl+j");
  ui_test_assert_eventually (f->base.launcher->uris->len == 1);
  g_assert_cmpstr (g_ptr_array_index (f->base.launcher->uris, 0), ==,
                   "https://plus.google.com/hangouts/_/google.com/istio-net");
}

/* Shift+F10 opens the context menu of the focused control (here the
 * search entry's, GTK's own): the window does not take the key.
 */
static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *entry = get_search_entry (f);

  press ("ctrl+f");
  ui_test_assert_eventually (focus_is_in (f, entry));
  press ("shift+F10");
  ui_test_assert_eventually (ui_test_find_all (entry, GTK_TYPE_POPOVER_MENU)->len == 1);

  press ("Escape");
  ui_test_assert_eventually (ui_test_find_all (entry, GTK_TYPE_POPOVER_MENU)->len == 0);
  g_assert_true (focus_is_in (f, entry));
}

/* Ctrl+D stars the group shown, once Convene has stars. */
/* Ctrl+D stars the group shown and again unstars it, from the page */
static void
test_star (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_strv (settings, "starred", NULL);
  convene_window_show_group (f->window, "networking");
  ui_test_assert_eventually (find_page (f, CONVENE_TYPE_GROUP_PAGE) != NULL);
  f6_to_page (f, CONVENE_TYPE_GROUP_PAGE);
  g_assert_false (convene_window_get_group_starred (f->window));

  press ("ctrl+d");
  ui_test_assert_eventually (convene_window_get_group_starred (f->window));
  {
    g_auto(GStrv) stars = g_settings_get_strv (settings, "starred");

    g_assert_cmpuint (g_strv_length (stars), ==, 1);
    g_assert_true (g_str_has_suffix (stars[0], "/networking"));
  }
  /* The focus stays where it was: on the page */
  g_assert_true (focus_is_on_page (f, CONVENE_TYPE_GROUP_PAGE));

  press ("ctrl+d");
  ui_test_assert_eventually (!convene_window_get_group_starred (f->window));
  {
    g_auto(GStrv) stars = g_settings_get_strv (settings, "starred");

    g_assert_cmpuint (g_strv_length (stars), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int event, error, major, minor;
  int status;

  /* XTEST is an X11 extension: the window must be an X11 window. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  cache_home = ui_test_set_cache_home ("convene-test-cache-XXXXXX");

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("The keyboard tests need an X11 display (Xvfb), not %s",
             G_OBJECT_TYPE_NAME (gdk_display_get_default ()));
  xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  if (!XTestQueryExtension (xdisplay, &event, &error, &major, &minor))
    g_error ("The X server has no XTEST extension: no key can be pressed");

#define ADD(path, size, func) \
  g_test_add ("/keyboard/" path, Fixture, size, fixture_setup, func, fixture_teardown)

  ADD ("search-and-open", &wide, test_search_and_open);
  ADD ("search-and-open/narrow", &narrow, test_search_and_open);
  ADD ("escape", &wide, test_escape);
  ADD ("sidebar-arrows", &wide, test_sidebar_arrows);
  ADD ("back/people", &wide, test_back_people);
  ADD ("back/people/narrow", &narrow, test_back_people);
  ADD ("back/lead", &wide, test_back_lead);
  ADD ("back/lead/narrow", &narrow, test_back_lead);
  ADD ("type-to-search", &wide, test_type_to_search);
  ADD ("type-to-search/narrow", &narrow, test_type_to_search);
  ADD ("join", &wide, test_join);
  ADD ("context-menu", &wide, test_context_menu);
  ADD ("star", &wide, test_star);

#undef ADD

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
