/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-preferences-window.h"
#include "convene-reminders-preferences.h"

/* The preferences: how long a downloaded avatar is used before it is
 * checked again (the `avatar-freshness-days` key, which the application
 * binds to the avatar cache), and how much room the cache takes, with a
 * way to empty it.
 *
 * The size is summed in a thread: it stats every file of the cache
 * directory, which may sit on a slow or network file system. It is summed
 * again whenever the cache stores a new picture while the window is open.
 *
 * The worker thread owns no reference to the window or the cache: a GTask
 * frees its source object and task data in whichever thread drops it last,
 * which may be the worker, and a widget (or the cache and its session)
 * finalized there races with the main thread. So the task has no source
 * object; the cache travels in a SizeCall that the callback frees (GTask
 * always runs it in the main context), and the window is not referenced at
 * all: dispose cancels the sum, and a cancelled callback leaves the window
 * alone. Holding the window would also keep a closed window undisposed,
 * its dialog and signal handlers live, until the sum ended.
 */
struct _ConvenePreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  ConveneAvatarCache *avatar_cache;
  GSettings *settings;

  /* Cancelled on dispose and when a clear makes a running sum stale. */
  GCancellable *size_cancellable;
  gboolean size_running;
  gboolean size_stale;

  /* The open "Clear Avatar Cache?" dialog, closed along with the window. */
  GtkWidget *clear_dialog;

  GtkAdjustment *freshness_adjustment;
  AdwActionRow *freshness_row;
  GtkLabel *freshness_unit;
  AdwActionRow *size_row;
};

static void update_size (ConvenePreferencesWindow *self);

G_DEFINE_FINAL_TYPE (ConvenePreferencesWindow, convene_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_AVATAR_CACHE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FRESHNESS_KEY "avatar-freshness-days"

/* Helpers */

static void
add_toast (ConvenePreferencesWindow *self,
           const char               *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  /* AdwToast takes its title as markup. */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
}

static void
show_size (ConvenePreferencesWindow *self,
           guint64                   size)
{
  g_autofree char *text = NULL;

  if (size == 0)
    text = g_strdup (_("Empty"));
  else
    text = g_format_size (size);

  adw_action_row_set_subtitle (self->size_row, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.clear-avatar-cache", size > 0);
}

typedef struct
{
  ConvenePreferencesWindow *self;   /* unowned: valid unless cancelled */
  ConveneAvatarCache       *cache;
} SizeCall;

static void
size_call_free (SizeCall *call)
{
  g_clear_object (&call->cache);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SizeCall, size_call_free)

static void
sum_size_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SizeCall *call = task_data;
  ConveneAvatarCache *cache = call->cache;
  guint64 size;

  /* convene_avatar_cache_get_size() reads nothing but the directory the
   * cache was built with, so it may run here.
   */
  size = convene_avatar_cache_get_size (cache);
  g_task_return_pointer (task, g_memdup2 (&size, sizeof size), g_free);
}

static void
sum_size_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* Freed here, in the main context, once the worker is done with it. */
  g_autoptr(SizeCall) call = user_data;
  ConvenePreferencesWindow *self = call->self;
  g_autofree guint64 *size = NULL;
  g_autoptr(GError) error = NULL;

  size = g_task_propagate_pointer (G_TASK (result), &error);
  if (size == NULL)
    {
      /* Cancelled: the window went away (call->self may be freed), or a
       * clear started a new sum. */
      return;
    }

  self->size_running = FALSE;

  if (self->size_stale)
    update_size (self);
  else
    show_size (self, *size);
}

static void
update_size (ConvenePreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  SizeCall *call;

  if (self->size_running)
    {
      self->size_stale = TRUE;
      return;
    }

  self->size_running = TRUE;
  self->size_stale = FALSE;

  call = g_new0 (SizeCall, 1);
  call->self = self;
  call->cache = g_object_ref (self->avatar_cache);

  /* No source object and no task data to free: see the top of the file. */
  task = g_task_new (NULL, self->size_cancellable, sum_size_cb, call);
  g_task_set_source_tag (task, update_size);
  g_task_set_task_data (task, call, NULL);
  g_task_run_in_thread (task, sum_size_thread);
}

/* A sum that started before a clear would show the old size. */
static void
cancel_size (ConvenePreferencesWindow *self)
{
  g_cancellable_cancel (self->size_cancellable);
  g_clear_object (&self->size_cancellable);
  self->size_cancellable = g_cancellable_new ();
  self->size_running = FALSE;
  self->size_stale = FALSE;
}

/* The spin button takes the range of the key, so the two never disagree. */
static void
set_freshness_range (ConvenePreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;
  guint32 min, max;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, FRESHNESS_KEY))
    return;

  key = g_settings_schema_get_key (schema, FRESHNESS_KEY);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &limits);

  if (g_strcmp0 (type, "range") != 0)
    return;

  g_variant_get (limits, "(uu)", &min, &max);
  gtk_adjustment_set_lower (self->freshness_adjustment, min);
  gtk_adjustment_set_upper (self->freshness_adjustment, max);
}

/* Signal callbacks */

static void
freshness_changed_cb (ConvenePreferencesWindow *self,
                      GtkAdjustment            *adjustment)
{
  gulong days = (gulong)gtk_adjustment_get_value (adjustment);

  /* Translators: the unit after the number of days in "Check for New
   * Pictures After [7] days" */
  gtk_label_set_label (self->freshness_unit, g_dngettext (GETTEXT_PACKAGE, "day", "days", days));
}

static void
avatar_updated_cb (ConvenePreferencesWindow *self,
                   const char               *url,
                   GdkTexture               *texture,
                   ConveneAvatarCache       *cache)
{
  update_size (self);
}

static void
clear_response_cb (ConvenePreferencesWindow *self,
                   const char               *response,
                   AdwMessageDialog         *dialog)
{
  g_autoptr(GError) error = NULL;

  g_clear_weak_pointer (&self->clear_dialog);

  if (g_strcmp0 (response, "clear") != 0)
    return;

  /* Rows keep the pictures they show; they are downloaded again the next
   * time they are shown.
   */
  if (!convene_avatar_cache_clear (self->avatar_cache, &error))
    {
      /* Translators: %s says why, such as "Permission denied" */
      g_autofree char *text = g_strdup_printf (_("Could not clear the avatar cache: %s"),
                                               error->message);

      g_debug ("%s", text);
      add_toast (self, text);
      cancel_size (self);
      update_size (self);
      return;
    }

  cancel_size (self);
  show_size (self, 0);
  add_toast (self, _("Avatar cache cleared"));
}

/* Actions */

static void
clear_avatar_cache_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  ConvenePreferencesWindow *self = CONVENE_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Clear Avatar Cache?"),
                                   _("Avatars will be downloaded again when shown."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("_Clear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->clear_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Vfuncs */

static void
convene_preferences_window_constructed (GObject *object)
{
  ConvenePreferencesWindow *self = (ConvenePreferencesWindow *)object;

  G_OBJECT_CLASS (convene_preferences_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      set_freshness_range (self);
      g_settings_bind (self->settings, FRESHNESS_KEY,
                       self->freshness_adjustment, "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_writable (self->settings, FRESHNESS_KEY,
                                self->freshness_row, "sensitive",
                                FALSE);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  convene_reminders_preferences_page_new (self->settings));
    }
  else
    {
      /* An uninstalled build without its schema: nothing to keep it in. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->freshness_row), FALSE);
    }

  g_signal_connect_object (self->avatar_cache, "avatar-updated",
                           G_CALLBACK (avatar_updated_cb), self,
                           G_CONNECT_SWAPPED);

  adw_action_row_set_subtitle (self->size_row, _("Calculating…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.clear-avatar-cache", FALSE);
  update_size (self);
}

static void
convene_preferences_window_dispose (GObject *object)
{
  ConvenePreferencesWindow *self = (ConvenePreferencesWindow *)object;

  /* The sums under way must not reach the window, nor its dialog answer
   * for it: a dialog may outlive its transient parent. */
  g_cancellable_cancel (self->size_cancellable);
  if (self->clear_dialog != NULL)
    {
      GtkWidget *dialog = self->clear_dialog;

      /* Someone may hold the dialog past this window's finalize, and GTK
       * would then disconnect from the freed transient parent. */
      g_signal_handlers_disconnect_by_data (dialog, self);
      g_clear_weak_pointer (&self->clear_dialog);
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVENE_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->avatar_cache);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (convene_preferences_window_parent_class)->dispose (object);
}

static void
convene_preferences_window_finalize (GObject *object)
{
  ConvenePreferencesWindow *self = (ConvenePreferencesWindow *)object;

  g_clear_object (&self->size_cancellable);

  G_OBJECT_CLASS (convene_preferences_window_parent_class)->finalize (object);
}

static void
convene_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  ConvenePreferencesWindow *self = CONVENE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      g_value_set_object (value, self->avatar_cache);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  ConvenePreferencesWindow *self = CONVENE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AVATAR_CACHE:
      self->avatar_cache = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convene_preferences_window_class_init (ConvenePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = convene_preferences_window_constructed;
  object_class->dispose = convene_preferences_window_dispose;
  object_class->finalize = convene_preferences_window_finalize;
  object_class->get_property = convene_preferences_window_get_property;
  object_class->set_property = convene_preferences_window_set_property;

  /**
   * ConvenePreferencesWindow:avatar-cache:
   *
   * The cache whose size is shown and which "Clear Cache" empties.
   */
  properties[PROP_AVATAR_CACHE] =
    g_param_spec_object ("avatar-cache", NULL, NULL, CONVENE_TYPE_AVATAR_CACHE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * ConvenePreferencesWindow:settings:
   *
   * Settings of the `io.github.convene.Convene` schema, or %NULL when the
   * schema is not installed.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gui/convene-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvenePreferencesWindow,
                                        freshness_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ConvenePreferencesWindow, freshness_row);
  gtk_widget_class_bind_template_child (widget_class, ConvenePreferencesWindow, freshness_unit);
  gtk_widget_class_bind_template_child (widget_class, ConvenePreferencesWindow, size_row);

  gtk_widget_class_install_action (widget_class, "preferences.clear-avatar-cache", NULL,
                                   clear_avatar_cache_action);
}

static void
convene_preferences_window_init (ConvenePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->size_cancellable = g_cancellable_new ();

  g_signal_connect_object (self->freshness_adjustment, "value-changed",
                           G_CALLBACK (freshness_changed_cb), self, G_CONNECT_SWAPPED);
  freshness_changed_cb (self, self->freshness_adjustment);
}

/* Public API */

/**
 * convene_preferences_window_new:
 * @parent: (nullable): the window the preferences are for
 * @avatar_cache: the avatar cache to show and clear
 * @settings: (nullable): settings of the `io.github.convene.Convene`
 *   schema; %NULL leaves the settings insensitive
 *
 * Returns: (transfer none): a new #ConvenePreferencesWindow, modal for
 *   @parent
 */
GtkWidget *
convene_preferences_window_new (GtkWindow          *parent,
                                ConveneAvatarCache *avatar_cache,
                                GSettings          *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (avatar_cache), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CONVENE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "avatar-cache", avatar_cache,
                       "settings", settings,
                       NULL);
}

/**
 * convene_preferences_window_get_avatar_cache:
 * @self: a #ConvenePreferencesWindow
 *
 * Returns: (transfer none): the avatar cache shown
 */
ConveneAvatarCache *
convene_preferences_window_get_avatar_cache (ConvenePreferencesWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_PREFERENCES_WINDOW (self), NULL);
  return self->avatar_cache;
}

/**
 * convene_preferences_window_get_settings:
 * @self: a #ConvenePreferencesWindow
 *
 * Returns: (transfer none) (nullable): the settings the window changes
 */
GSettings *
convene_preferences_window_get_settings (ConvenePreferencesWindow *self)
{
  g_return_val_if_fail (CONVENE_IS_PREFERENCES_WINDOW (self), NULL);
  return self->settings;
}
