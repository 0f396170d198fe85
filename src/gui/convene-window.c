/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "convene-context.h"
#include "convene-group-page.h"
#include "convene-ics.h"
#include "convene-issue.h"
#include "convene-launcher.h"
#include "convene-overview-page.h"
#include "convene-people-page.h"
#include "convene-person-page.h"
#include "convene-preferences-window.h"
#include "convene-search.h"
#include "convene-search-hit.h"
#include "convene-sidebar-item.h"
#include "convene-sidebar-row.h"
#include "convene-upcoming.h"
#include "convene-window-private.h"

G_DEFINE_FINAL_TYPE (ConveneWindow, convene_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_CONTEXT,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Callbacks */

static void
is_active_cb (ConveneWindow *self,
              GParamSpec    *pspec,
              gpointer       user_data)
{
  /* The timer stands still while the computer sleeps: coming back to the
   * window is when it is most likely to be late.
   */
  if (gtk_window_is_active (GTK_WINDOW (self)))
    convene_upcoming_refresh (self->upcoming);
}

/* Vfuncs */

static gboolean
convene_window_close_request (GtkWindow *window)
{
  ConveneWindow *self = CONVENE_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      /* The settings are the application's, shared with every window:
       * written directly, not through g_settings_delay().
       */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (convene_window_parent_class)->close_request (window);
}

static void
store_changed_cb (ConveneWindow        *self,
                  GParamSpec           *pspec,
                  ConveneRegistryStore *store)
{
  _convene_window_sync_with_store (self);
}

static void
convene_window_constructed (GObject *object)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  G_OBJECT_CLASS (convene_window_parent_class)->constructed (object);

  g_assert (CONVENE_IS_CONTEXT (self->context));

  self->store = g_object_ref (convene_context_get_store (self->context));
  self->upcoming = g_object_ref (convene_context_get_upcoming (self->context));
  g_set_object (&self->settings, convene_context_get_settings (self->context));
  _convene_window_update_stars (self);
  convene_window_set_avatar_cache (self, convene_context_get_avatar_cache (self->context));

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  convene_overview_page_set_upcoming (self->overview_page, self->upcoming);

  g_signal_connect_object (self->store, "notify::registry",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::error",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::loading",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Come back to the group of last time, now or when the registry file
   * the store is loading comes; `--group` overrides this later.
   */
  self->last_group_pending = TRUE;
  _convene_window_setup_registries (self);
  _convene_window_sync_with_store (self);
}

static void
convene_window_dispose (GObject *object)
{
  ConveneWindow *self = (ConveneWindow *)object;

  g_cancellable_cancel (self->cancellable);
  _convene_window_close_file_chooser (self);
  _convene_window_dispose_registries (self);
  _convene_window_dispose_my_week (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_WINDOW);

  _convene_window_dispose_stars (self);
  _convene_window_dispose_sidebar (self);
  g_queue_clear_full (&self->history, (GDestroyNotify)_convene_window_place_free);
  g_clear_object (&self->registry);
  g_clear_object (&self->avatar_cache);
  g_clear_object (&self->settings);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (convene_window_parent_class)->dispose (object);
}

static void
convene_window_finalize (GObject *object)
{
  ConveneWindow *self = (ConveneWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (convene_window_parent_class)->finalize (object);
}

static void
convene_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ConveneWindow *self = CONVENE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      convene_window_set_avatar_cache (self, g_value_get_object (value));
      break;

    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_REGISTRY:
      convene_window_set_registry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_window_class_init (ConveneWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = convene_window_constructed;
  object_class->dispose = convene_window_dispose;
  object_class->finalize = convene_window_finalize;
  object_class->get_property = convene_window_get_property;
  object_class->set_property = convene_window_set_property;

  window_class->close_request = convene_window_close_request;

  /**
   * ConveneWindow:avatar-cache:
   *
   * Where the avatars of the window's pages come from; %NULL shows
   * initials only. The context's cache unless replaced.
   */
  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneWindow:context:
   *
   * The store, clock, avatar cache, launcher and settings the window and
   * its pages use.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CONVENE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConveneWindow:registry:
   *
   * The registry shown; %NULL while none is loaded or after one failed.
   */
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, CONVENE_TYPE_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONVENE_TYPE_GROUP_PAGE);
  g_type_ensure (CONVENE_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CONVENE_TYPE_PEOPLE_PAGE);
  g_type_ensure (CONVENE_TYPE_PERSON_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, reload_spinner);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_view);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ConveneWindow, toast_overlay);

  _convene_window_class_init_sidebar (widget_class);
  _convene_window_class_init_stars (widget_class);
  _convene_window_class_init_actions (widget_class);
  _convene_window_class_init_registry (widget_class);
  _convene_window_class_init_registries (widget_class);
}

static void
convene_window_init (ConveneWindow *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-meetings", FALSE);

  self->sidebar_focus_position = GTK_INVALID_LIST_POSITION;

  /* Typing anywhere in the window searches, as in Settings and Files. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  _convene_window_init_sidebar (self);
  _convene_window_init_registry (self);
  _convene_window_init_keyboard (self);

  _convene_window_show_overview (self, FALSE);
  _convene_window_update_back_button (self);
}

/* Public API */

/**
 * convene_window_new:
 * @application: the application that owns the window
 * @context: what the window uses; the registry of its store is shown, and
 *   shown again on every reload
 *
 * Returns: (transfer none): a new #ConveneWindow, owned by @application
 */
ConveneWindow *
convene_window_new (GtkApplication *application,
                    ConveneContext *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CONVENE_IS_CONTEXT (context), NULL);

  return g_object_new (CONVENE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * convene_window_get_registry:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none) (nullable): the registry shown
 */
ConveneRegistry *
convene_window_get_registry (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->registry;
}

/**
 * convene_window_set_registry:
 * @self: a #ConveneWindow
 * @registry: (nullable): the registry to show
 *
 * Shows @registry. The page shown stays if it still exists in @registry,
 * so a reload keeps the user where they were.
 */
void
convene_window_set_registry (ConveneWindow   *self,
                             ConveneRegistry *registry)
{
  g_autofree char *page = NULL;
  g_autofree char *target = NULL;
  ConveneCommunity *community = NULL;

  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (registry == NULL || CONVENE_IS_REGISTRY (registry));

  if (registry != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "browse");

  if (!g_set_object (&self->registry, registry))
    return;

  page = g_strdup (gtk_stack_get_visible_child_name (self->content_stack));
  if (g_strcmp0 (page, PAGE_GROUP) == 0 && convene_window_get_group (self) != NULL)
    target = g_strdup (convene_group_get_id (convene_window_get_group (self)));
  else if (g_strcmp0 (page, PAGE_PERSON) == 0 && self->person_page != NULL &&
           convene_person_page_get_person (self->person_page) != NULL)
    target = g_strdup (convene_person_get_id (convene_person_page_get_person (self->person_page)));

  if (registry != NULL)
    community = convene_registry_get_community (registry);

  adw_window_title_set_title (self->sidebar_title,
                              community ? convene_community_get_name (community) : _("Convene"));
  adw_window_title_set_subtitle (self->sidebar_title, community ? _("Working Groups") : NULL);

  convene_upcoming_set_registry (self->upcoming, registry);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-meetings", registry != NULL);

  _convene_window_set_search_registry (self);

  _convene_window_set_sidebar_groups (self);
  convene_overview_page_set_registry (self->overview_page, registry);
  if (self->people_page != NULL)
    convene_people_page_set_registry (self->people_page, registry);
  if (self->group_page != NULL)
    convene_group_page_set_group (self->group_page, NULL, NULL);
  if (self->person_page != NULL)
    convene_person_page_set_person (self->person_page, NULL, NULL);

  _convene_window_restore_page (self, page, target);

  _convene_window_update_sidebar_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTRY]);
}

/**
 * convene_window_add_toast:
 * @self: a #ConveneWindow
 * @text: the message, plain text
 *
 * Tells the user something briefly.
 */
void
convene_window_add_toast (ConveneWindow *self,
                          const char    *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* AdwToast takes its title as markup. */
  markup = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
}

/**
 * convene_window_get_avatar_cache:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none) (nullable): where the window's avatars come
 *   from; %NULL when avatars are not loaded
 */
ConveneAvatarCache *
convene_window_get_avatar_cache (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->avatar_cache;
}

/**
 * convene_window_set_avatar_cache:
 * @self: a #ConveneWindow
 * @cache: (nullable): the cache to load avatars from, or %NULL to show
 *   initials only
 *
 * Replaces the default avatar cache; avatars are asked for when they are
 * first shown, so call this before presenting the window.
 */
void
convene_window_set_avatar_cache (ConveneWindow      *self,
                                 ConveneAvatarCache *cache)
{
  g_return_if_fail (CONVENE_IS_WINDOW (self));
  g_return_if_fail (cache == NULL || CONVENE_IS_AVATAR_CACHE (cache));

  if (g_set_object (&self->avatar_cache, cache))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVATAR_CACHE]);
}

/**
 * convene_window_get_last_toast:
 * @self: a #ConveneWindow
 *
 * Returns: (nullable): the text of the most recent toast
 */
const char *
convene_window_get_last_toast (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/**
 * convene_window_get_upcoming:
 * @self: a #ConveneWindow
 *
 * Returns: (transfer none): the clock of the window's meetings: their
 *   states, the week ahead, and the one timer that keeps them current
 */
ConveneUpcoming *
convene_window_get_upcoming (ConveneWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_WINDOW (self), NULL);
  return self->upcoming;
}
