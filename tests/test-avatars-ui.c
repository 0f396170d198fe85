/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "convene-application.h"
#include "convene-avatar-cache.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-person-row.h"
#include "convene-preferences-window.h"
#include "convene-registry-loader.h"
#include "convene-window.h"

#include "ui-test-utils.h"

/* Avatars in the real window under Xvfb, and the preferences that manage
 * them. The bundled registry is loaded with its avatar host replaced by a
 * SoupServer on 127.0.0.1 in this process, which counts every request:
 *
 *   /avatars/...   a PNG, blue; another colour after the test bumps the version
 *   /missing/...   404
 *
 * With `stall` set, the server holds every request until the test
 * releases them.
 */

#define ONE_DAY (24 * 60 * 60)

static const char * const networking_leads[] = {
  "Andra Cismaru",
  "Christopher M Luciano",
  "Kuat Yessenov",
  "Shriram Rajagopalan",
  NULL
};

static ConveneApplication *app;

/* The test server */

typedef struct
{
  SoupServer *server;
  char       *base;
  GHashTable *counts;
  guint       total;
  guint       version;
  gboolean    stall;
  GPtrArray  *held;
  char       *first_path;
} Server;

static GBytes *
make_png (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
respond (Server            *server,
         SoupServerMessage *msg,
         const char        *path)
{
  static const guint32 colours[] = { 0x3584e4ff, 0xe66100ff, 0x2ec27eff };

  if (g_str_has_prefix (path, "/avatars/"))
    {
      g_autoptr(GBytes) png = make_png (colours[server->version % G_N_ELEMENTS (colours)]);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, path));

  g_hash_table_insert (server->counts, g_strdup (path), GUINT_TO_POINTER (count + 1));
  server->total++;
  if (server->first_path == NULL)
    server->first_path = g_strdup (path);

  if (server->stall)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (server->held, g_object_ref (msg));
      return;
    }

  respond (server, msg, path);
}

static void
server_release (Server *server)
{
  server->stall = FALSE;

  for (guint i = 0; i < server->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (server->held, i);

      respond (server, msg, g_uri_get_path (soup_server_message_get_uri (msg)));
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (server->held, 0);
}

static Server *
server_new (void)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->server = soup_server_new (NULL, NULL);
  server->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (server->server, NULL, server_cb, server, NULL);
  g_assert_true (soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  server->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return server;
}

static void
server_free (Server *server)
{
  server_release (server);
  ui_test_drain ();
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_hash_table_unref (server->counts);
  g_ptr_array_unref (server->held);
  g_free (server->first_path);
  g_free (server->base);
  g_free (server);
}

static guint
count_for_url (Server     *server,
               const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return GPOINTER_TO_UINT (g_hash_table_lookup (server->counts, g_uri_get_path (uri)));
}

/* The bundled registry, its avatars served from @server; Louis Ryan, who
 * has none there, gets one that answers 404.
 */
static ConveneRegistry *
load_registry (Server *server)
{
  g_autoptr(GBytes) bundled = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRegex) host = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *replacement = g_strconcat (server->base, "/avatars/", NULL);
  g_autofree char *missing = g_strconcat (server->base, "/missing/lryan.png", NULL);
  g_autofree char *json = NULL;
  ConveneRegistry *registry;

  bundled = g_resources_lookup_data (RESOURCE_BASE "/registry/istio.json", 0, &error);
  g_assert_no_error (error);

  host = g_regex_new ("https://avatars[0-9]*\\.githubusercontent\\.com/", 0, 0, &error);
  g_assert_no_error (error);
  json = g_regex_replace_literal (host, g_bytes_get_data (bundled, NULL),
                                  g_bytes_get_size (bundled), 0, replacement, 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (json, "githubusercontent"));

  bytes = g_bytes_new_take (json, strlen (json));
  json = NULL;

  registry = convene_registry_load_from_bytes (bytes, "istio.json", &issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);

  convene_person_set_avatar_url (convene_registry_lookup_person (registry, "lryan"), missing);

  return registry;
}

/* Widget tree helpers */

static gpointer
find_row (gpointer    root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) found = ui_test_find_all (root, type);

  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (found, i)), title) == 0)
      return g_ptr_array_index (found, i);

  g_error ("No mapped %s titled “%s”", g_type_name (type), title);
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static gboolean
has_label (gpointer    root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = ui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;

  return FALSE;
}

static AdwAvatar *
avatar_of (gpointer widget)
{
  return ui_test_find_one (widget, ADW_TYPE_AVATAR);
}

static GdkPaintable *
picture_of (gpointer widget)
{
  return adw_avatar_get_custom_image (avatar_of (widget));
}

static const char *
url_of (ConvenePersonRow *row)
{
  return convene_person_get_avatar_url (convene_person_row_get_person (row));
}

static gboolean
is_served (const char *url)
{
  return url != NULL && strstr (url, "/avatars/") != NULL;
}

/* The rule the rows follow: some of the row inside the visible part of
 * its scrolled window. */
static gboolean
row_in_view (gpointer row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  if (!gtk_widget_compute_bounds (row, scrolled, &bounds) || bounds.size.height <= 0)
    return FALSE;

  return bounds.origin.y < gtk_widget_get_height (scrolled) &&
         bounds.origin.y + bounds.size.height > 0;
}

static gboolean
at_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

/* Scrolls to the end and lets the layout follow: a page just shown may
 * still grow in its first frames. */
static void
scroll_to_end (gpointer row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  do
    {
      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_upper (adjustment)
                                - gtk_adjustment_get_page_size (adjustment));
      ui_test_wait_frames (row, 2);
    }
  while (!at_end (adjustment));
}

static GPtrArray *
person_rows (gpointer root)
{
  return ui_test_find_all (root, CONVENE_TYPE_PERSON_ROW);
}

/* Every row in view whose avatar the server has shows a picture. */
static gboolean
in_view_rows_have_pictures (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      ConvenePersonRow *row = g_ptr_array_index (rows, i);

      if (is_served (url_of (row)) && row_in_view (row) && picture_of (row) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_have_pictures (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    if (picture_of (g_ptr_array_index (rows, i)) == NULL)
      return FALSE;

  return TRUE;
}

static guint
count_png_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".png"))
      n++;

  return n;
}

/* Fixture: a server, the registry pointing at it, a cache in a temporary
 * directory and a window using both */

typedef struct
{
  Server *server;
  ConveneRegistry *registry;
  char *tmpdir;
  char *cache_dir;
  ConveneAvatarCache *cache;
  ConveneWindow *window;
} Fixture;

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  ui_test_reset_settings ();
  g_settings_reset (settings, "avatar-freshness-days");
}

static ConveneWindow *
open_window (Fixture            *f,
             ConveneAvatarCache *cache)
{
  ConveneWindow *window = ui_test_window_new (app);

  convene_window_set_avatar_cache (window, cache);
  convene_window_set_registry (window, f->registry);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  ui_test_assert_eventually (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                             gtk_widget_get_width (GTK_WIDGET (window)) > 1000 - 16);
  ui_test_drain ();
  return window;
}

static void
close_window (ConveneWindow **window)
{
  if (*window != NULL)
    gtk_window_destroy (GTK_WINDOW (*window));
  *window = NULL;
  ui_test_drain ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  reset_settings ();

  f->server = server_new ();
  f->registry = load_registry (f->server);
  f->tmpdir = ui_test_make_tmpdir ("convene-test-avatars-ui-XXXXXX");
  f->cache_dir = g_build_filename (f->tmpdir, "avatars", NULL);
  f->cache = convene_avatar_cache_new (f->cache_dir, NULL);
  f->window = open_window (f, f->cache);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_window (&f->window);
  g_clear_object (&f->cache);
  server_free (f->server);
  g_clear_object (&f->registry);

  ui_test_remove_tree (f->tmpdir);
  g_free (f->cache_dir);
  g_free (f->tmpdir);
}

/* Shows the leads of Networking, all of them in view, with their pictures */
static GPtrArray *
show_networking_leads (ConveneWindow *window)
{
  GPtrArray *rows;

  g_assert_true (convene_window_show_group (window, "networking"));
  ui_test_wait_frames (window, 2);
  rows = person_rows (window);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (networking_leads) - 1);

  scroll_to_end (g_ptr_array_index (rows, 0));
  ui_test_assert_eventually (all_have_pictures (rows));
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (row_in_view (g_ptr_array_index (rows, i)));

  return rows;
}

/* Tests */

/* Every avatar asks the cache while it is mapped, once. */
static void
test_mapped_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GdkPaintable) andra_in_group = NULL;
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);

  /* Nothing is asked for before a row is shown. */
  g_assert_cmpuint (f->server->total, ==, 0);

  g_assert_true (convene_window_show_group (f->window, "networking"));
  ui_test_wait_frames (f->window, 3);
  leads = person_rows (f->window);
  g_assert_cmpuint (leads->len, ==, G_N_ELEMENTS (networking_leads) - 1);
  ui_test_assert_eventually (all_have_pictures (leads));
  ui_test_wait_frames (f->window, 3);

  /* Each lead asked once. */
  for (guint i = 0; i < leads->len; i++)
    {
      ConvenePersonRow *row = g_ptr_array_index (leads, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       networking_leads[i]);
      g_assert_cmpuint (count_for_url (f->server, url_of (row)), ==, 1);
      g_hash_table_add (urls, (gpointer)url_of (row));
    }
  g_assert_cmpuint (f->server->total, ==, leads->len);

  andra_in_group = g_object_ref (picture_of (g_ptr_array_index (leads, 0)));

  /* The people page: the same people again cost no request, the others
   * one each. */
  convene_window_show_people (f->window);
  ui_test_wait_frames (f->window, 3);
  people = person_rows (f->window);
  g_assert_cmpuint (people->len, >, leads->len);
  g_assert_cmpuint (people->len, <=, 22);
  ui_test_assert_eventually (in_view_rows_have_pictures (people));
  ui_test_wait_frames (f->window, 3);

  for (guint i = 0; i < people->len; i++)
    {
      ConvenePersonRow *row = g_ptr_array_index (people, i);
      const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *url = url_of (row);

      if (url == NULL)
        continue;

      g_hash_table_add (urls, (gpointer)url);
      g_assert_cmpuint (count_for_url (f->server, url), ==, 1);

      /* Decoded once, shared: the very texture the group page shows. */
      if (g_strcmp0 (name, "Andra Cismaru") == 0)
        g_assert_true (picture_of (row) == andra_in_group);
    }
  /* The list view may lay out a few rows more than end up on screen;
   * still, nobody is asked for twice. */
  g_assert_cmpuint (f->server->total, >=, g_hash_table_size (urls));
  g_assert_cmpuint (f->server->total, ==, g_hash_table_size (f->server->counts));
}

/* @n people with served avatars, in no group */
static ConveneRegistry *
make_crowd (Server *server,
            guint   n)
{
  g_autoptr(ConveneCommunity) community = convene_community_new ("Crowd");
  ConveneRegistry *registry = convene_registry_new (community);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%05u", i);
      g_autofree char *name = g_strdup_printf ("Person %05u", i);
      g_autofree char *url = g_strdup_printf ("%s/avatars/%s.png", server->base, id);
      g_autoptr(ConvenePerson) person = convene_person_new (id, name);

      convene_person_set_avatar_url (person, url);
      g_assert_true (convene_registry_add_person (registry, person));
    }

  return registry;
}

/* A long list: only the rows the GtkListView creates exist and ask, and
 * rows recycled before their request started drop it. */
static void
test_long_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ConveneRegistry) crowd = make_crowd (f->server, 5000);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) first_urls = g_ptr_array_new_with_free_func (g_free);
  ConvenePeoplePage *page;
  ConvenePersonRow *last = NULL;
  guint n_dropped = 0;

  /* One request at a time, held by the server: the rest wait in the
   * cache's queue. */
  convene_avatar_cache_set_max_in_flight (f->cache, 1);
  f->server->stall = TRUE;

  convene_window_set_registry (f->window, crowd);
  convene_window_show_people (f->window);
  ui_test_wait_frames (f->window, 3);
  people = person_rows (f->window);
  g_test_message ("%u of 5000 rows exist", people->len);
  g_assert_cmpuint (people->len, >, 0);
  g_assert_cmpuint (people->len, <, 300);
  ui_test_assert_eventually (f->server->total == 1);
  ui_test_assert_eventually (convene_avatar_cache_get_n_pending (f->cache) > 1);
  g_assert_cmpuint (convene_avatar_cache_get_n_pending (f->cache), <=, people->len);

  for (guint i = 0; i < people->len; i++)
    g_ptr_array_add (first_urls, g_strdup (url_of (g_ptr_array_index (people, i))));

  /* To the end: the last person is there, the first rows were recycled. */
  page = ui_test_find_one (f->window, CONVENE_TYPE_PEOPLE_PAGE);
  scroll_to_end (convene_people_page_get_list_view (page));
  ui_test_wait_frames (f->window, 3);
  g_clear_pointer (&people, g_ptr_array_unref);
  people = person_rows (f->window);
  g_assert_cmpuint (people->len, <, 300);
  for (guint i = 0; i < people->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (people, i)),
                   "Person 04999") == 0)
      last = g_ptr_array_index (people, i);
  g_assert_nonnull (last);

  server_release (f->server);
  f->server->stall = FALSE;
  ui_test_assert_eventually (convene_avatar_cache_get_n_pending (f->cache) == 0);
  ui_test_assert_eventually (picture_of (last) != NULL);
  ui_test_wait_frames (f->window, 3);

  for (guint i = 0; i < first_urls->len; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (g_ptr_array_index (first_urls, i), G_URI_FLAGS_NONE, NULL);

      if (g_strcmp0 (g_uri_get_path (uri), f->server->first_path) == 0)
        continue;

      if (count_for_url (f->server, g_ptr_array_index (first_urls, i)) == 0)
        n_dropped++;
    }
  g_test_message ("%u requests dropped, %u made", n_dropped, f->server->total);
  g_assert_cmpuint (n_dropped, >, 0);
  /* Far fewer than the 5000 people */
  g_assert_cmpuint (f->server->total, <, 600);
}

static void
test_second_start (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) first = show_networking_leads (f->window);
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(ConveneAvatarCache) cache = NULL;
  GdkPaintable *andra;
  guint total;

  /* Start again: a new window, a new cache object, the same directory. */
  g_clear_pointer (&first, g_ptr_array_unref);
  close_window (&f->window);
  g_clear_object (&f->cache);
  total = f->server->total;
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (networking_leads) - 1);

  cache = convene_avatar_cache_new (f->cache_dir, NULL);
  f->window = open_window (f, cache);

  /* The pictures are there as soon as the page is: no main loop turn, no
   * initials first. Rows out of view, too. */
  g_assert_true (convene_window_show_group (f->window, "networking"));
  leads = person_rows (f->window);
  g_assert_cmpuint (leads->len, ==, G_N_ELEMENTS (networking_leads) - 1);
  for (guint i = 0; i < leads->len; i++)
    g_assert_nonnull (picture_of (g_ptr_array_index (leads, i)));
  andra = picture_of (g_ptr_array_index (leads, 0));

  scroll_to_end (g_ptr_array_index (leads, 0));
  ui_test_wait_frames (f->window, 5);
  g_assert_cmpuint (f->server->total, ==, total);

  /* The same person elsewhere: the same texture, decoded once. */
  convene_window_show_people (f->window);
  g_assert_true (picture_of (find_row (f->window, CONVENE_TYPE_PERSON_ROW, "Andra Cismaru"))
                 == andra);
  g_assert_true (convene_window_show_person (f->window, "andraxylia"));
  g_assert_true (picture_of (ui_test_find_one (f->window, CONVENE_TYPE_PERSON_PAGE)) == andra);
  ui_test_wait_frames (f->window, 5);

  /* The people page asked for the others it showed; the leads were
   * never asked for again. */
  for (guint i = 0; i < leads->len; i++)
    g_assert_cmpuint (count_for_url (f->server, url_of (g_ptr_array_index (leads, i))), ==, 1);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  ConvenePerson *louis = convene_registry_lookup_person (f->registry, "lryan");
  const char *url = convene_person_get_avatar_url (louis);
  g_autoptr(GPtrArray) leads = NULL;
  AdwAvatar *avatar;

  /* g_test_init() made warnings fatal: a 404 must not log one. */
  g_assert_true (convene_window_show_person (f->window, "lryan"));
  avatar = avatar_of (ui_test_find_one (f->window, CONVENE_TYPE_PERSON_PAGE));
  ui_test_assert_eventually (count_for_url (f->server, url) == 1 &&
                             convene_avatar_cache_get_n_pending (f->cache) == 0);
  ui_test_wait_frames (f->window, 3);

  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Louis Ryan");
  g_assert_true (adw_avatar_get_show_initials (avatar));

  /* His row in Steering keeps the initials too, without asking again. */
  g_assert_true (convene_window_show_group (f->window, "steering"));
  ui_test_wait_frames (f->window, 2);
  leads = person_rows (f->window);
  scroll_to_end (g_ptr_array_index (leads, 0));
  ui_test_assert_eventually (in_view_rows_have_pictures (leads));
  ui_test_wait_frames (f->window, 3);

  avatar = avatar_of (find_row (f->window, CONVENE_TYPE_PERSON_ROW, "Louis Ryan"));
  g_assert_true (row_in_view (find_row (f->window, CONVENE_TYPE_PERSON_ROW, "Louis Ryan")));
  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Louis Ryan");
  g_assert_cmpuint (count_for_url (f->server, url), ==, 1);
}

static void
test_updated (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) leads = show_networking_leads (f->window);
  g_autoptr(GdkPaintable) old = NULL;
  ConveneWindow *other = open_window (f, f->cache);
  ConvenePerson *andra = convene_registry_lookup_person (f->registry, "andraxylia");
  const char *url = convene_person_get_avatar_url (andra);
  ConvenePersonPage *page;
  ConvenePersonRow *row;

  /* Another window shows Andra's page: the same picture, from memory. */
  g_assert_true (convene_window_show_person (other, "andraxylia"));
  page = ui_test_find_one (other, CONVENE_TYPE_PERSON_PAGE);
  old = g_object_ref (picture_of (page));
  g_assert_true (old == picture_of (g_ptr_array_index (leads, 0)));

  /* The picture changed on the server, and the cache wants to check now. */
  f->server->version++;
  convene_avatar_cache_set_freshness (f->cache, 0);

  /* Showing the group again asks the cache, which revalidates. */
  convene_window_show_overview (f->window);
  g_clear_pointer (&leads, g_ptr_array_unref);
  leads = show_networking_leads (f->window);
  row = find_row (f->window, CONVENE_TYPE_PERSON_ROW, "Andra Cismaru");

  /* Both places follow, the page in the other window included. */
  ui_test_assert_eventually (picture_of (page) != old);
  ui_test_assert_eventually (picture_of (row) == picture_of (page));
  g_assert_cmpuint (count_for_url (f->server, url), ==, 2);

  close_window (&other);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) leads = show_networking_leads (f->window);
  g_autofree char *size_text = NULL;
  ConvenePreferencesWindow *prefs;
  AdwMessageDialog *dialog;
  AdwActionRow *size_row;
  GtkWidget *clear_button;
  guint64 size;

  g_assert_cmpuint (count_png_files (f->cache_dir), ==, G_N_ELEMENTS (networking_leads) - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  ui_test_drain ();
  prefs = find_toplevel (CONVENE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (f->window));
  g_assert_true (convene_preferences_window_get_avatar_cache (prefs) == f->cache);

  /* The size of the cache, as the cache counts it. */
  size_row = find_row (prefs, ADW_TYPE_ACTION_ROW, "Cache Size");
  ui_test_assert_eventually (g_strcmp0 (adw_action_row_get_subtitle (size_row), "Calculating…") != 0);
  size = convene_avatar_cache_get_size (f->cache);
  g_assert_cmpuint (size, >, 0);
  size_text = g_format_size (size);
  g_assert_cmpstr (adw_action_row_get_subtitle (size_row), ==, size_text);

  clear_button = ui_test_find_one (size_row, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (clear_button)), ==,
                   "preferences.clear-avatar-cache");
  g_assert_true (gtk_widget_has_css_class (clear_button, "destructive-action"));
  g_assert_true (gtk_widget_is_sensitive (clear_button));
  ui_test_save_screenshot (prefs, "preferences.png");

  /* Cancel keeps everything. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.clear-avatar-cache",
                                             NULL));
  ui_test_drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (prefs));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Clear Avatar Cache?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Avatars will be downloaded again when shown.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "clear"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  ui_test_save_screenshot (dialog, "preferences-clear.png");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();
  g_assert_cmpuint (count_png_files (f->cache_dir), ==, G_N_ELEMENTS (networking_leads) - 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (size_row), ==, size_text);

  /* Clear empties the directory, says so, and has nothing left to clear. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.clear-avatar-cache",
                                             NULL));
  ui_test_drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "clear");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_drain ();

  g_assert_cmpuint (count_png_files (f->cache_dir), ==, 0);
  g_assert_cmpuint (convene_avatar_cache_get_size (f->cache), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (size_row), ==, "Empty");
  g_assert_false (gtk_widget_is_sensitive (clear_button));
  ui_test_assert_eventually (has_label (prefs, "Avatar cache cleared"));
  ui_test_save_screenshot (prefs, "preferences-cleared.png");

  /* The rows keep what they show... */
  g_assert_true (all_have_pictures (leads));

  /* ...until they are shown again: downloaded again, and the size
   * follows while the preferences are open. */
  convene_window_show_overview (f->window);
  g_clear_pointer (&leads, g_ptr_array_unref);
  leads = show_networking_leads (f->window);
  for (guint i = 0; i < leads->len; i++)
    g_assert_cmpuint (count_for_url (f->server, url_of (g_ptr_array_index (leads, i))), ==, 2);
  ui_test_assert_eventually (count_png_files (f->cache_dir) == G_N_ELEMENTS (networking_leads) - 1);
  ui_test_assert_eventually (g_strcmp0 (adw_action_row_get_subtitle (size_row), size_text) == 0);
  g_assert_true (gtk_widget_is_sensitive (clear_button));

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_drain ();
}

/* Closing the preferences while a sum of the cache size is under way (the
 * main loop has not run since it started, so its callback cannot have
 * run): the window goes at once, in the main thread, rather than whenever
 * the worker lets go of it; its dialog goes with it, and its sum never
 * reaches it. */
static void
record_finalize_thread (gpointer  data,
                        GObject  *where_the_object_was)
{
  *(GThread **)data = g_thread_self ();
}

static void
test_preferences_closed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) leads = show_networking_leads (f->window);
  g_autoptr(GtkWidget) dialog = NULL;
  GThread *finalized_in = NULL;
  ConvenePreferencesWindow *prefs;
  GdkPaintable *picture;
  AdwActionRow *size_row;
  guint n_files;
  const char *url;

  n_files = count_png_files (f->cache_dir);
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (networking_leads) - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = find_toplevel (CONVENE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  size_row = find_row (prefs, ADW_TYPE_ACTION_ROW, "Cache Size");
  ui_test_assert_eventually (g_strcmp0 (adw_action_row_get_subtitle (size_row), "Calculating…") != 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.clear-avatar-cache",
                                             NULL));
  dialog = g_object_ref (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);

  /* A new picture starts a sum; the window closes before it ends. */
  url = url_of (g_ptr_array_index (leads, 0));
  picture = picture_of (g_ptr_array_index (leads, 0));
  g_assert_true (GDK_IS_TEXTURE (picture));
  g_signal_emit_by_name (f->cache, "avatar-updated", url, picture);
  g_object_weak_ref (G_OBJECT (prefs), record_finalize_thread, &finalized_in);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (finalized_in == g_thread_self ());

  /* The dialog went with its window, and answering it late clears
   * nothing; the sum ends without touching the freed window. */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "clear");
  g_signal_emit_by_name (f->cache, "avatar-updated", url, picture);
  ui_test_wait_frames (f->window, 3);
  g_assert_cmpuint (count_png_files (f->cache_dir), ==, n_files);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_preferences_freshness (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ConveneAvatarCache *app_cache = convene_avatar_cache_get_default ();
  g_autoptr(GPtrArray) menu_buttons = ui_test_find_all (f->window, GTK_TYPE_MENU_BUTTON);
  gboolean in_menu = FALSE;
  ConvenePreferencesWindow *prefs;
  GtkSpinButton *spin;
  GtkAdjustment *adjustment;

  /* Reached from the keyboard and from the primary menu. */
  g_assert_true (ui_test_has_shortcut (f->window, "<Control>comma", "action(win.preferences)"));
  for (guint i = 0; i < menu_buttons->len; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (g_ptr_array_index (menu_buttons, i));

      in_menu |= model != NULL && menu_has_action (model, "win.preferences");
    }
  g_assert_true (in_menu);

  /* The application binds its cache to the key. */
  g_assert_cmpuint (convene_avatar_cache_get_freshness (app_cache), ==, 7 * ONE_DAY);
  g_settings_set_uint (settings, "avatar-freshness-days", 3);
  ui_test_assert_eventually (convene_avatar_cache_get_freshness (app_cache) == 3 * ONE_DAY);

  /* The spin button shows the key, within its range, and changes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  ui_test_drain ();
  prefs = find_toplevel (CONVENE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  spin = ui_test_find_one (prefs, GTK_TYPE_SPIN_BUTTON);
  adjustment = gtk_spin_button_get_adjustment (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 3);
  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, 365);

  g_assert_true (has_label (prefs, "days"));

  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "avatar-freshness-days"), ==, 1);
  ui_test_assert_eventually (convene_avatar_cache_get_freshness (app_cache) == ONE_DAY);
  g_assert_true (has_label (prefs, "day"));

  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "avatar-freshness-days"), ==, 30);
  ui_test_assert_eventually (convene_avatar_cache_get_freshness (app_cache) == 30 * ONE_DAY);
  g_assert_true (has_label (prefs, "days"));

  g_settings_reset (settings, "avatar-freshness-days");
  ui_test_assert_eventually (gtk_spin_button_get_value (spin) == 7);
  ui_test_assert_eventually (convene_avatar_cache_get_freshness (app_cache) == 7 * ONE_DAY);

  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* Before anything makes the default avatar cache. */
  cache_home = ui_test_set_cache_home ("convene-test-avatars-ui-cache-XXXXXX");

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();

#define ADD(path, func) \
  g_test_add ("/avatars-ui/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("mapped-rows", test_mapped_rows);
  ADD ("long-list", test_long_list);
  ADD ("second-start", test_second_start);
  ADD ("not-found", test_not_found);
  ADD ("updated", test_updated);
  ADD ("preferences", test_preferences);
  ADD ("preferences/freshness", test_preferences_freshness);
  ADD ("preferences/closed", test_preferences_closed);

#undef ADD

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);

  {
    g_autofree char *avatars = g_build_filename (cache_home, APP_ID, "avatars", NULL);
    g_autofree char *app_dir = g_build_filename (cache_home, APP_ID, NULL);

    g_rmdir (avatars);
    g_rmdir (app_dir);
    g_rmdir (cache_home);
  }

  return status;
}
